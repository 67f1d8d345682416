"""Write the processed KCNA tables into data/processed/ (part of `make data`, via helpers.build).

1. KCNA message events, the review queue, the text features of 2011-2012 events and the events read from an
   ambiguous country word with the evidence that settled them, from the headlines and stories
   (`build_kcna_tables`).
2. The inferred occasion of every event (`build_kcna_occasions`).

Each table is written deterministically (same inputs, same bytes).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from .. import paths
from ..calendar import infer_occasions
from .ambiguity import resolve_countries
from .corpus import load_headlines, load_stories
from .events import Accounting, build_tables, story_texts
from .parser import parse_headlines
from .tables import read_event_table
from .text import text_features

AMBIGUOUS_COUNTRIES_FILE = paths.PROCESSED_DIR / "kcna_ambiguous_countries.csv"
AMBIGUOUS_COLUMNS = [
    "headline_id",
    "date",
    "title",
    "direction",
    "counterpart_role",
    "kind",
    "word",
    "read_as",
    "counterpart_country",
    "country_evidence",
    "evidence_detail",
]


def ambiguous_country_table(events: pd.DataFrame, stories: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events whose counterpart was read from an ambiguous country word: the word, the parser's reading of the
    headline alone (read_as), the country kept in the events, and the evidence that settled it."""
    rows = events[events["country_evidence"] != ""]
    frame = rows[["headline_id", "date", "title", "direction", "counterpart_role", "kind"]].assign(
        counterpart_country=parse_headlines(rows)["counterpart_country"]
    )
    resolved = resolve_countries(frame, story_texts(frame, stories))
    return pd.concat([frame.drop(columns="counterpart_country"), resolved], axis=1)[AMBIGUOUS_COLUMNS]


def _write(frame: pd.DataFrame, directory: Path, target: Path) -> Path:
    path = directory / target.name
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


def build_kcna_tables(output_dir: Path | None = None) -> Accounting:
    """Write kcna_messages.csv, kcna_review.csv, kcna_message_text_features.csv, kcna_ambiguous_countries.csv and
    kcna_accounting.csv; return the accounting."""
    directory = Path(output_dir) if output_dir else paths.PROCESSED_DIR
    directory.mkdir(parents=True, exist_ok=True)
    stories = load_stories()
    events, review, accounting = build_tables(load_headlines(english_only=True), stories)
    _write(events, directory, paths.KCNA_EVENTS_FILE)
    _write(review, directory, paths.KCNA_REVIEW_FILE)
    _write(text_features(events, stories), directory, paths.KCNA_TEXT_FEATURES_FILE)
    _write(ambiguous_country_table(events, stories), directory, AMBIGUOUS_COUNTRIES_FILE)
    _write(accounting.as_frame(), directory, paths.KCNA_ACCOUNTING_FILE)
    return accounting


def build_kcna_occasions(output_dir: Path | None = None) -> pd.DataFrame:
    """Infer the occasion of every KCNA event (in `output_dir`, default data/processed) and write
    kcna_message_occasions.csv beside the events."""
    directory = Path(output_dir) if output_dir else paths.PROCESSED_DIR
    events = read_event_table(directory / paths.KCNA_EVENTS_FILE.name)
    table = pd.concat([events[["headline_id"]], infer_occasions(events)], axis=1)
    table["occasion_date"] = table["occasion_date"].dt.strftime("%Y-%m-%d")
    _write(table, directory, paths.KCNA_OCCASIONS_FILE)
    return table


def build(output_dir: Path | None = None) -> int:
    """Both steps, printing the accounting; 1 if it does not add up."""
    accounting = build_kcna_tables(output_dir)
    print(accounting)
    if not accounting.balanced:
        print("error: the accounting does not add up", file=sys.stderr)
        return 1
    occasions = build_kcna_occasions(output_dir)
    counts = occasions["occasion"].value_counts()
    print(f"occasions: {len(occasions):,} events; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0
