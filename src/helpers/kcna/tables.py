"""The processed KCNA tables in data/processed/ (written by `python -m helpers.build`), read back typed.

>>> events = load_kcna_events()
>>> len(events), int(events.headline_id.is_unique)
(6461, 1)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths
from ..curated import CuratedTableError, Problem
from ..provenance import record_read


def _read(path, **options) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing; build the processed tables with `make data`")
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], **options)
    record_read(path)
    return frame


def read_event_table(path: Path = paths.KCNA_EVENTS_FILE) -> pd.DataFrame:
    """data/processed/kcna_messages.csv as the parser wrote it (dates parsed, empty cells as NaN), no occasions."""
    return _read(Path(path), parse_dates=["date"], dtype={"counterpart_country": str})


def load_kcna_events() -> pd.DataFrame:
    """KCNA message events 1997-2014 with their inferred occasions, one row per event; raises if the events and
    occasions files do not match row for row (rebuild with `make data`).

    >>> events = load_kcna_events()
    >>> len(events), events.date.min().year, events.date.max().year
    (6461, 1997, 2014)
    """
    events = read_event_table()
    occasions = _read(paths.KCNA_OCCASIONS_FILE, parse_dates=["occasion_date"])
    if len(occasions) != len(events) or (occasions["headline_id"].to_numpy() != events["headline_id"].to_numpy()).any():
        raise CuratedTableError(
            [
                Problem(
                    str(paths.KCNA_OCCASIONS_FILE),
                    None,
                    "headline_id",
                    "does not match kcna_messages.csv row for row; rebuild with `make data`",
                )
            ]
        )
    merged = pd.concat([events, occasions.drop(columns="headline_id")], axis=1)
    merged["anniversary_number"] = merged["anniversary_number"].astype("Int64")
    merged["round_anniversary"] = merged["round_anniversary"].astype(bool)
    return merged


def load_kcna_review() -> pd.DataFrame:
    """Headlines the parser queued for a person to look at, with its best reading and the reason.

    >>> review = load_kcna_review()
    >>> len(review), bool(review.review_reason.notna().all())
    (79, True)
    """
    return _read(paths.KCNA_REVIEW_FILE, dtype={"counterpart_country": str})


def load_kcna_accounting() -> pd.Series:
    """Where every English headline ended when the parser ran (rows per stage, as `python -m helpers.build` wrote
    them): the first stage is the sum of the others.

    >>> accounting = load_kcna_accounting()
    >>> int(accounting["English headlines"]) == int(accounting.iloc[1:].sum()), int(accounting["message events"])
    (True, 6461)
    """
    return _read(paths.KCNA_ACCOUNTING_FILE).set_index("stage")["rows"]


def load_kcna_text_features() -> pd.DataFrame:
    """Text features of the 2011-2012 events linked to their full story: word count, salutation, closing and
    warmth-marker counts (empty where an event has no linked story).

    >>> features = load_kcna_text_features()
    >>> sorted(features.date.str[:4].unique())
    ['2011', '2012']
    """
    return _read(paths.KCNA_TEXT_FEATURES_FILE)
