"""Shared code of the leader-messages notebook collection.

The public API is what notebooks and exercises call: `import helpers`, then

    helpers.load_messages()            all messages, KCNA-derived (1997-2014) and curated (2015-2025), one schema
    helpers.load_curated("leaders")    a validated curated table (see data/curated/README.md)
    helpers.load_kcna_events()         KCNA message events with their inferred occasions
    helpers.load_un_votes()            UN General Assembly votes, one row per country and roll call

and the other names in `PUBLIC_API`. Everything is imported on first use, so `import helpers` stays fast; the
modules behind the names (`helpers.messages`, `helpers.kcna.parser` ...) are the library's inner layers.

    >>> import helpers
    >>> sorted(helpers.PUBLIC_API)[:3]
    ['agreement_matrix', 'agreement_with', 'alignment_periods']
"""

from __future__ import annotations

import importlib

# public name -> "module:attribute"
PUBLIC_API = {
    # data
    "load_messages": "messages:load_messages",
    "load_curated": "curated:load_curated",
    "load_kcna_events": "kcna.tables:load_kcna_events",
    "load_kcna_review": "kcna.tables:load_kcna_review",
    "load_kcna_accounting": "kcna.tables:load_kcna_accounting",
    "load_kcna_text_features": "kcna.tables:load_kcna_text_features",
    "load_un_votes": "unvotes:load_un_votes",
    "load_ideal_points": "unvotes.ideal_points:load_ideal_points",
    "load_headlines": "kcna.corpus:load_headlines",
    "load_stories": "kcna.corpus:load_stories",
    "load_warmth_lexicon": "kcna.text:load_warmth_lexicon",
    "list_sources": "sources:list_sources",
    "data_citations": "sources:data_citations",
    # methods
    "is_message_like": "kcna.rules:is_message_like",
    "count_country_mentions": "kcna.lexicon:count_country_mentions",
    "extract_kcna_events": "kcna.events:build_tables",
    "evaluate_parser": "kcna.evaluation:evaluate",
    "load_parser_labels": "kcna.evaluation:load_parser_labels",
    "load_occasion_labels": "kcna.evaluation:load_occasion_labels",
    "evaluate_occasion_inference": "kcna.evaluation:evaluate_occasion_inference",
    "occasion_agreement": "calendar:occasion_agreement",
    "round_anniversary_attention": "calendar:round_anniversary_attention",
    "infer_occasions": "calendar:infer_occasions",
    "office_holder": "leaders:office_holder",
    "office_coverage": "leaders:office_coverage",
    "exchanges_per_year": "messages:exchanges_per_year",
    "previous_message": "messages:previous_message",
    "counts_per_year": "describe:counts_per_year",
    "thin_years": "describe:thin_years",
    "vote_similarity": "unvotes.similarity:vote_similarity",
    "votes_in_years": "unvotes.similarity:votes_in_years",
    # relation indicators
    "message_events": "indicators.events:message_events",
    "dyad_year_indicators": "indicators.table:dyad_year_indicators",
    "indicator_codebook": "indicators.table:codebook_markdown",
    "message_gaps": "indicators.verbs:message_gaps",
    "missed_occasions": "indicators.occasions:missed_occasions",
    "load_dyad_year_indicators": "indicators.processed:load_dyad_year_indicators",
    "load_expected_messages": "indicators.processed:load_expected_messages",
    "expected_message_scores": "indicators.expected:brier_scores",
    "expected_message_calibration": "indicators.expected:calibration",
    "check_absences": "indicators.expected:check_absences",
    "unexplained_flags": "indicators.expected:unexplained_flags",
    "synthetic_events": "indicators.synthetic:synthetic_events",
    "to_backend": "indicators.backends:to_backend",
    "to_pandas": "indicators.backends:to_pandas",
    "ideal_point_distance": "unvotes.ideal_points:ideal_point_distance",
    # alignment
    "alignment_periods": "alignment:alignment_periods",
    "agreement_with": "alignment:agreement_with",
    "agreement_matrix": "alignment:agreement_matrix",
    "message_profiles": "alignment:message_profiles",
    "standardise_profiles": "alignment:standardise",
    "rank_correlations": "alignment:rank_correlations",
    "mantel_test": "alignment:mantel_test",
    "cluster_labels": "alignment:cluster_labels",
    "choose_k": "alignment:choose_k",
    "classical_mds": "alignment:classical_mds",
    "bootstrap_stability": "alignment:bootstrap_stability",
    "co_marking_network": "alignment:co_marking_network",
    "community_sweep": "alignment:community_sweep",
    "dissimilarity": "alignment:dissimilarity",
    "resample_roll_calls": "alignment:resample_roll_calls",
    # figures
    "use_house_style": "figures:use_house_style",
    "save_figure": "figures:save_figure",
}
MODULES = [
    "paths",
    "vocabularies",
    "provenance",
    "sources",
    "rdata",
    "countries",
    "curated",
    "unvotes",
    "leaders",
    "calendar",
    "kcna",
    "messages",
    "indicators",
    "alignment",
    "describe",
    "figures",
    "notebooks",
    "build",
]
__all__ = ["PUBLIC_API", *PUBLIC_API, *MODULES]


def __getattr__(name: str):
    if name in PUBLIC_API:
        module, attribute = PUBLIC_API[name].split(":")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        globals()[name] = value
        return value
    if name in MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
