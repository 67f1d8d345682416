"""The dyad-year indicator table: the verbs chained, and its codebook."""

from __future__ import annotations

import narwhals as nw

from .encoding import DYAD_YEAR_KEY, decode_countries, encode_countries, encode_dyads, with_dyad_year_key
from .occasions import add_occasion_coverage
from .schema import EVENT_COLUMNS
from .verbs import (
    KIND_COLUMNS,
    LEVEL,
    SILENCES,
    TIES,
    TIMELINESS,
    VOLUME,
    WARMTH,
    add_families,
    add_source,
    create_dyad_years,
    lazy,
    reciprocity_family,
)

# column -> (meaning, comparable across the 2014/2015 break between KCNA headlines and curated reports)
CODEBOOK = {
    "sender": ("sending state, ISO3", "yes"),
    "recipient": ("receiving state, ISO3", "yes"),
    "year": ("calendar year; every year in which the events table has any message", "yes"),
    "source": (
        "kcna_headlines (every message KCNA reported, 1997 to September 2014) or curated (leader-level "
        "messages found in reports, 2015-2025)",
        "yes",
    ),
    "n_messages": ("messages sent in the year", "no: KCNA reported every level, the curated table holds leaders"),
    **{column: (f"messages of kind {kind}", "no") for kind, column in KIND_COLUMNS.items()},
    "n_answered": ("messages of the year answered by the recipient within 30 days (same day included)", "no"),
    "reciprocity": ("n_answered / n_messages; empty without messages", "partly: leader-level subsets only"),
    "n_expected_occasions": (
        "recurring occasions the sender marked for the recipient in more than half of at "
        "least 2 of the previous 5 years",
        "no",
    ),
    "n_expected_marked": ("of the expected occasions, those marked this year", "no"),
    "occasion_coverage": (
        "n_expected_marked / n_expected_occasions; empty when nothing was expected",
        "partly: on leader-level events, and only for dyads searched year by year",
    ),
    "timeliness_sent_days": ("mean days from the occasion to messages dated when sent (negative: ahead)", "yes"),
    "timeliness_reported_days": (
        "mean days from the occasion to messages dated when reported (KCNA's dates)",
        "no: report dates lag sending by a day or more",
    ),
    "report_delay_days": ("mean days from sending to the first report, where both are known", "yes"),
    "level_max": (
        "highest rank of a sender: 4 party leader or head of state, 3 head of government, 2 foreign "
        "minister, 1 other official, 0 not stated; empty without messages",
        "yes at levels 3-4",
    ),
    "level_change": ("level_max minus the previous year's (empty when either year has no message)", "yes at 3-4"),
    "level_trend": ("upgrade, downgrade or same (from level_change)", "yes at levels 3-4"),
    "longest_silence_days": (
        "longest gap between consecutive messages of the dyad that ended in the year; it may "
        "have begun in an earlier year",
        "yes on leader-level events",
    ),
    "silence_into_year_days": (
        "gap before the year's first message when the previous one was in an earlier "
        "year (a silence across the year end)",
        "yes on leader-level events",
    ),
    "silence_at_year_end_days": (
        "days from the last message so far to 31 December; empty before the first",
        "yes on leader-level events",
    ),
    "warmth_mean": (
        "mean distinct warmth-lexicon terms per message whose wording was seen",
        "no: coded texts are KCNA stories of 2011-2012 and curated reports quoting the wording",
    ),
    "n_warmth_coded": ("messages whose wording was seen", "no"),
    "warmth_coverage": ("n_warmth_coded / n_messages", "no"),
    "ties_anniversary": ("years since the dyad established diplomatic relations (empty when unknown)", "yes"),
    "round_ties_anniversary": ("1 in multiples of 5 years of relations", "yes"),
    "n_ties_messages": ("messages marking the anniversary of relations", "no"),
    "ties_message_level": ("highest rank among them", "yes at levels 3-4"),
}
INDICATOR_COLUMNS = list(CODEBOOK)
FAMILIES = [VOLUME, TIMELINESS, LEVEL, SILENCES, WARMTH, TIES, reciprocity_family()]  # one pass over the events


def dyad_year_indicators(events, break_year: int = 2015) -> nw.LazyFrame:
    """Every indicator for every directed dyad-year of `events` (a pandas, Polars, DuckDB or PySpark frame with
    EVENT_COLUMNS), as a narwhals LazyFrame with INDICATOR_COLUMNS; `.collect()` it, or `.to_native()` for the
    backend's own lazy frame. The same as chaining every add_* verb, with the per-message families computed in
    one pass over the events.

    >>> from helpers.indicators.synthetic import synthetic_events
    >>> table = dyad_year_indicators(synthetic_events(2_000, n_countries=10, n_years=3, seed=1)).collect()
    >>> table.columns == INDICATOR_COLUMNS, int(table["n_messages"].sum())
    (True, 2000)
    """
    # Only the columns read (pandas copies every column it joins).
    events = lazy(events).select(*[column for column in EVENT_COLUMNS if column not in ("message_id", "source")])
    encoded, codes = encode_countries(events)
    encoded = with_dyad_year_key(encoded)
    # Dyad-years from the messages as given, then encoded (fewer rows to join than the events).
    dyad_years = with_dyad_year_key(encode_dyads(create_dyad_years(events), codes))
    table = (
        dyad_years.pipe(add_source, encoded, break_year=break_year)
        .pipe(add_families, encoded, FAMILIES, by=[DYAD_YEAR_KEY])
        .pipe(add_occasion_coverage, encoded, by=[DYAD_YEAR_KEY])
    )
    return decode_countries(table, codes).select(*INDICATOR_COLUMNS)


def codebook_markdown() -> str:
    """The codebook as a Markdown table (written into data/processed/README.md).

    >>> codebook_markdown().splitlines()[2].startswith("| `sender` |")
    True
    """
    lines = ["| column | meaning | comparable across the 2014/2015 break |", "|---|---|---|"]
    lines += [f"| `{column}` | {meaning} | {comparable} |" for column, (meaning, comparable) in CODEBOOK.items()]
    return "\n".join(lines)
