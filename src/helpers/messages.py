"""All messages in one sender/recipient schema: KCNA-derived events (1997-2014) and curated messages (2015-2025).

    >>> messages = load_messages()
    >>> messages.provenance.value_counts().sort_index().to_dict()
    {'curated': 307, 'kcna_headlines': 6461}

Deduplication rule: a KCNA event and a curated row are the same message when they have the same sender country,
recipient country and kind, and the curated row's `date` or `date_reported` lies within DEDUP_DAYS days of the KCNA
headline's date (KCNA reports a day or more after sending). The curated row is kept (it has names, a source page and
content codes); the KCNA row is dropped from the result and its headline_id recorded in the curated row's
`also_reported_in`. Every input row is therefore either in the result or named there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .calendar import occasion_dates
from .curated import CuratedTableError, Problem, load_curated
from .kcna.tables import load_kcna_events, load_kcna_text_features
from .leaders import dprk_roles
from .vocabularies import KINDS, OCCASIONS, ROLES

DEDUP_DAYS = 3
MESSAGE_COLUMNS = [
    "message_id",
    "date",
    "sender_country",
    "sender_name",
    "sender_role",
    "recipient_country",
    "recipient_name",
    "recipient_role",
    "kind",
    "occasion",
    "occasion_detail",
    "anniversary_number",
    "round_anniversary",
    "occasion_date",
    "date_kind",
    "date_reported",
    "warmth_terms",
    "provenance",
    "source_url",
    "source_row",
    "also_reported_in",
]


def _kcna_rows() -> pd.DataFrame:
    events = load_kcna_events()
    outgoing = events["direction"] == "from_dprk"
    dprk_role = dprk_roles(events["dprk_principal"], events["date"])
    dprk_name = events["dprk_principal"].fillna("").astype(str).str.split(";").str[0].str.strip()
    counterpart_name = events.get("counterpart_name", pd.Series("", index=events.index)).fillna("")
    return pd.DataFrame(
        {
            "message_id": "kcna-" + events["headline_id"].astype(str),
            "date": events["date"],
            "sender_country": np.where(outgoing, "PRK", events["counterpart_country"]),
            "sender_name": np.where(outgoing, dprk_name, counterpart_name),
            "sender_role": np.where(outgoing, dprk_role, events["counterpart_role"]),
            "recipient_country": np.where(outgoing, events["counterpart_country"], "PRK"),
            "recipient_name": np.where(outgoing, counterpart_name, dprk_name),
            "recipient_role": np.where(outgoing, events["counterpart_role"], dprk_role),
            "kind": events["kind"],
            "occasion": events["occasion"],
            "occasion_detail": events["occasion_detail"],
            "anniversary_number": events["anniversary_number"],
            "round_anniversary": events["round_anniversary"],
            "occasion_date": events["occasion_date"],
            "date_kind": "reported",
            "date_reported": events["date"],
            "warmth_terms": _kcna_warmth_terms(events["headline_id"]),
            "provenance": "kcna_headlines",
            "source_url": events["source_link"],
            "source_row": events["headline_id"].astype(str),
            "_date_reported": events["date"],
        }
    )


def _kcna_warmth_terms(headline_ids: pd.Series) -> pd.Series:
    """Distinct warmth-lexicon terms in the linked story (2011-2012), NA where no story is linked."""
    features = load_kcna_text_features()
    linked = features[features["linked"].astype(str) == "True"].set_index("headline_id")
    terms = (linked.filter(like="warmth_").drop(columns=["warmth_total", "warmth_per_1000_words"]) > 0).sum(axis=1)
    return headline_ids.map(terms).astype("Int64")


def _curated_warmth_terms(curated: pd.DataFrame) -> pd.Series:
    """Number of warmth markers coded; NA where the row records neither markers nor a salutation (wording not seen)."""
    markers = curated["warmth_markers"].fillna("").astype(str)
    counts = markers.str.split(";").map(lambda terms: len([t for t in terms if t.strip()]))
    seen = (markers.str.strip() != "") | (curated["salutation"].fillna("").astype(str).str.strip() != "")
    return counts.where(seen).astype("Int64")


def _curated_rows() -> pd.DataFrame:
    curated = load_curated("messages_recent")
    number = curated["anniversary_number"]
    return pd.DataFrame(
        {
            "message_id": [f"curated-{i}" for i in range(1, len(curated) + 1)],
            "date": curated["date"],
            "sender_country": curated["sender_country"].astype(str),
            "sender_name": curated["sender_name"].fillna("").astype(str),
            "sender_role": curated["sender_role"].astype(str),
            "recipient_country": curated["recipient_country"].astype(str),
            "recipient_name": curated["recipient_name"].fillna("").astype(str),
            "recipient_role": curated["recipient_role"].astype(str),
            "kind": curated["kind"].astype(str),
            "occasion": curated["occasion"].astype(str),
            "occasion_detail": curated["occasion_detail"].fillna("").astype(str),
            "anniversary_number": number,
            "round_anniversary": ((number.fillna(0) % 5 == 0) & (number.fillna(0) > 0)).astype(bool),
            "occasion_date": occasion_dates(curated),
            "date_kind": curated["date_kind"].astype("string"),
            "date_reported": curated["date_reported"],
            "warmth_terms": _curated_warmth_terms(curated),
            "provenance": "curated",
            "source_url": curated["source_url"].astype(str),
            "source_row": [str(i) for i in range(1, len(curated) + 1)],
            "_date_reported": curated["date_reported"].fillna(curated["date"]),
        }
    )


def match_kcna_to_curated(kcna: pd.DataFrame, curated: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the deduplication rule (module docstring). Returns (kcna rows kept, curated rows annotated)."""
    keys = ["sender_country", "recipient_country", "kind"]
    pairs = curated.reset_index().merge(kcna.reset_index(), on=keys, suffixes=("_c", "_k"))
    near = ((pairs["date_c"] - pairs["date_k"]).dt.days.abs() <= DEDUP_DAYS) | (
        (pairs["_date_reported_c"] - pairs["date_k"]).dt.days.abs() <= DEDUP_DAYS
    )
    pairs = pairs[near]
    also = pairs.groupby("index_c")["source_row_k"].agg(lambda ids: ";".join(sorted(ids)))
    curated = curated.assign(also_reported_in=curated.index.map(also).fillna(""))
    kept = kcna[~kcna.index.isin(pairs["index_k"])].assign(also_reported_in="")
    return kept, curated


def validate_messages(frame: pd.DataFrame, file: str = "messages") -> None:
    """Raise CuratedTableError naming row and column for values outside the schema."""
    problems = []
    for column, allowed in [
        ("sender_role", ROLES),
        ("recipient_role", ROLES),
        ("kind", KINDS),
        ("occasion", OCCASIONS),
    ]:
        bad = frame.index[~frame[column].isin(allowed)]
        problems += [
            Problem(file, int(i) + 1, column, f"{frame.at[i, column]!r} is not one of {list(allowed)}") for i in bad
        ]
    for column in ("sender_country", "recipient_country"):
        bad = frame.index[frame[column].isna() | (frame[column] == "")]
        problems += [Problem(file, int(i) + 1, column, "is empty") for i in bad]
    both_dprk = frame.index[(frame.sender_country == "PRK") & (frame.recipient_country == "PRK")]
    problems += [Problem(file, int(i) + 1, "recipient_country", "sender and recipient are both PRK") for i in both_dprk]
    if frame["message_id"].duplicated().any():
        problems += [
            Problem(file, int(i) + 1, "message_id", "duplicate id")
            for i in frame.index[frame["message_id"].duplicated()]
        ]
    if problems:
        raise CuratedTableError(problems)


def load_messages() -> pd.DataFrame:
    """KCNA-derived and curated messages in one schema (MESSAGE_COLUMNS), sorted by date, deduplicated.

    >>> messages = load_messages()
    >>> seed = messages[(messages.sender_name == "Xi Jinping") & (messages.date == "2024-09-09")]
    >>> seed[["recipient_country", "kind", "occasion"]].to_numpy().tolist()
    [['PRK', 'congratulation', 'dprk_founding']]
    """
    kcna, curated = match_kcna_to_curated(_kcna_rows(), _curated_rows())
    frame = pd.concat([kcna, curated], ignore_index=True).drop(columns="_date_reported")
    frame = frame.sort_values(["date", "message_id"], kind="stable").reset_index(drop=True)
    validate_messages(frame)
    for column in ("date", "occasion_date", "date_reported"):
        frame[column] = frame[column].astype("datetime64[ns]")
    return frame[MESSAGE_COLUMNS]


def exchanges_per_year(messages: pd.DataFrame, country: str, years: range, partner: str = "PRK") -> pd.DataFrame:
    """Messages between `country` and `partner` per year, one column per direction (zeros kept).

    >>> exchanges_per_year(load_messages(), "CHN", range(2023, 2025)).to_dict("index")
    {2023: {'CHN→PRK': 4, 'PRK→CHN': 5}, 2024: {'CHN→PRK': 4, 'PRK→CHN': 3}}
    """
    to_partner = messages[(messages.sender_country == country) & (messages.recipient_country == partner)]
    from_partner = messages[(messages.sender_country == partner) & (messages.recipient_country == country)]
    return pd.DataFrame(
        {
            f"{country}→{partner}": to_partner.date.dt.year.value_counts().reindex(years, fill_value=0),
            f"{partner}→{country}": from_partner.date.dt.year.value_counts().reindex(years, fill_value=0),
        }
    ).rename_axis("year")


def previous_message(messages: pd.DataFrame, sender: str, recipient: str, before) -> pd.Series | None:
    """The latest message from `sender` to `recipient` strictly before `before`, or None.

    >>> previous = previous_message(load_messages(), "CHN", "PRK", "2024-09-09")
    >>> previous.date.date().isoformat(), previous.occasion
    ('2024-01-01', 'new_year')
    """
    earlier = messages[
        (messages.sender_country == sender)
        & (messages.recipient_country == recipient)
        & (messages.date < pd.Timestamp(before))
    ]
    return None if earlier.empty else earlier.sort_values("date").iloc[-1]
