"""The message-events table (schema.EVENT_COLUMNS) built from load_messages(), in pandas."""

from __future__ import annotations

import pandas as pd

from ..curated import load_curated
from ..messages import load_messages
from .schema import EVENT_COLUMNS, INTEGER_COLUMNS, LEVEL_OF_ROLE, validate_events

_EPOCH = pd.Timestamp("1970-01-01")


def day_number(dates: pd.Series) -> pd.Series:
    """Days since 1970-01-01 (nullable integers).

    >>> day_number(pd.Series(pd.to_datetime(["1970-01-02", None]))).tolist()
    [1, <NA>]
    """
    return ((dates - _EPOCH).dt.days).astype("Int64")


def ties_years() -> dict[frozenset, int]:
    """Year each pair of states first established diplomatic relations (diplomatic_ties.csv)."""
    ties = load_curated("diplomatic_ties")
    ties = ties[ties["event"] == "established"].sort_values("date")
    pairs = [frozenset((a, b)) for a, b in zip(ties["country_a"], ties["country_b"])]
    years = {}
    for pair, year in zip(pairs, ties["date"].dt.year):
        years.setdefault(pair, int(year))
    return years


def message_events(messages: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per message of load_messages() (or `messages` in its schema) with EVENT_COLUMNS, validated.

    >>> events = message_events()
    >>> seed = events[(events.sender == "CHN") & (events.year == 2024) & (events.occasion == "dprk_founding")]
    >>> seed[["recipient", "level", "date_kind", "source"]].to_numpy().tolist()
    [['PRK', 4, 'sent', 'curated']]
    """
    messages = load_messages() if messages is None else messages
    ties = ties_years()
    pairs = [frozenset((s, r)) for s, r in zip(messages["sender_country"], messages["recipient_country"])]
    delay = (messages["date_reported"] - messages["date"]).dt.days
    events = pd.DataFrame(
        {
            "message_id": messages["message_id"].astype(str),
            "sender": messages["sender_country"].astype(str),
            "recipient": messages["recipient_country"].astype(str),
            "day": day_number(messages["date"]),
            "year": messages["date"].dt.year.astype("Int64"),
            "kind": messages["kind"].astype(str),
            "occasion": messages["occasion"].astype(str),
            "level": messages["sender_role"].map(LEVEL_OF_ROLE).astype("Int64"),
            "occasion_day": day_number(messages["occasion_date"]),
            "date_kind": messages["date_kind"].replace("", pd.NA).astype("string"),
            "report_delay": delay.where(messages["provenance"] == "curated").astype("Int64"),
            "warmth": messages["warmth_terms"].astype("Float64"),
            "ties_year": pd.array([ties.get(pair) for pair in pairs], dtype="Int64"),
            "source": messages["provenance"].astype(str),
        }
    )[list(EVENT_COLUMNS)]
    validate_events(events, "messages (load_messages)")
    # Never empty (validated): plain integers, which every backend's window functions handle.
    return events.astype({column: "int64" for column in INTEGER_COLUMNS})
