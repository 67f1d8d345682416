"""All messages in one sender/recipient schema: KCNA-derived events (1997-2014) and curated messages (2015-2025).

    >>> from helpers.messages import load_messages
    >>> messages = load_messages()

Deduplication rule: a KCNA event and a curated row are the same message when they have the same sender country,
recipient country and kind, and the curated row's `date` or `date_reported` lies within DEDUP_DAYS days of the KCNA
headline's date (KCNA reports a day or more after sending). The curated row is kept (it has names, a source page and
content codes); the KCNA row is dropped from the result and its headline_id recorded in the curated row's
`also_reported_in`. Every input row is therefore either in the result or named there.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import paths
from .calendar import fold_name, infer_occasions, leaders
from .curated import KINDS, OCCASIONS, ROLES, CuratedTableError, Problem, load_curated

DEDUP_DAYS = 3
MESSAGE_COLUMNS = [
    "message_id", "date", "sender_country", "sender_name", "sender_role", "recipient_country", "recipient_name",
    "recipient_role", "kind", "occasion", "occasion_detail", "anniversary_number", "round_anniversary",
    "provenance", "source_url", "source_row", "also_reported_in",
]
_DPRK_OFFICE_TO_ROLE = {"head_of_state": "head_of_state", "supreme_leader": "head_of_state",
                        "head_of_government": "head_of_government", "party_leader": "party",
                        "foreign_minister": "foreign_minister"}
_DPRK_ROLE_ORDER = ["head_of_state", "supreme_leader", "head_of_government", "party_leader", "foreign_minister"]


def dprk_roles(principals: pd.Series, dates: pd.Series) -> pd.Series:
    """Role of each named DPRK principal on its date, from leaders.csv (the highest office held then);
    'unspecified' when no one is named or the name holds none of the offices in the table."""
    offices = leaders()
    offices = offices[offices.country_iso3 == "PRK"]
    result = pd.Series("unspecified", index=principals.index, dtype="object")
    offices = offices.assign(key=offices.name.map(fold_name))
    first_names = principals.fillna("").astype(str).str.split(";").str[0].str.strip().map(fold_name)
    for index, (name, date) in enumerate(zip(first_names, pd.to_datetime(dates))):
        if not name:
            continue
        held = offices[(offices.key == name) & (offices.start <= date) & (offices.end.isna() | (offices.end >= date))]
        for office in _DPRK_ROLE_ORDER:
            if (held.office == office).any():
                result.iloc[index] = _DPRK_OFFICE_TO_ROLE[office]
                break
    return result


KCNA_OCCASIONS_FILE = paths.PROCESSED_DIR / "kcna_message_occasions.csv"


def read_kcna_events() -> pd.DataFrame:
    """data/processed/kcna_messages.csv as written by the parser's build (dates parsed, empty cells as NaN)."""
    from .kcna_parser import MESSAGES_FILE

    return pd.read_csv(MESSAGES_FILE, parse_dates=["date"], keep_default_na=False, na_values=[""],
                       dtype={"counterpart_country": str})


def build_kcna_occasions() -> pd.DataFrame:
    """Infer the occasion of every KCNA event and write data/processed/kcna_message_occasions.csv."""
    events = read_kcna_events()
    occasions = infer_occasions(events)
    table = pd.concat([events[["headline_id"]], occasions], axis=1)
    table["occasion_date"] = table["occasion_date"].dt.strftime("%Y-%m-%d")
    table.to_csv(KCNA_OCCASIONS_FILE, index=False)
    return table


def load_kcna_events() -> pd.DataFrame:
    """KCNA message events with their inferred occasions, one row per event (raises if the two files disagree)."""
    events = read_kcna_events()
    occasions = pd.read_csv(KCNA_OCCASIONS_FILE, keep_default_na=False, na_values=[""], parse_dates=["occasion_date"])
    if len(occasions) != len(events) or (occasions["headline_id"].to_numpy() != events["headline_id"].to_numpy()).any():
        raise CuratedTableError([Problem(str(KCNA_OCCASIONS_FILE), None, "headline_id",
                                         "does not match kcna_messages.csv row for row; rebuild with `make data`")])
    merged = pd.concat([events, occasions.drop(columns="headline_id")], axis=1)
    merged["anniversary_number"] = merged["anniversary_number"].astype("Int64")
    merged["round_anniversary"] = merged["round_anniversary"].astype(bool)
    return merged


def _kcna_rows() -> pd.DataFrame:
    events = load_kcna_events()
    outgoing = events["direction"] == "from_dprk"
    dprk_role = dprk_roles(events["dprk_principal"], events["date"])
    dprk_name = events["dprk_principal"].fillna("").astype(str).str.split(";").str[0].str.strip()
    counterpart_name = events.get("counterpart_name", pd.Series("", index=events.index)).fillna("")
    return pd.DataFrame({
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
        "provenance": "kcna_headlines",
        "source_url": events["source_link"],
        "source_row": events["headline_id"].astype(str),
        "_date_reported": events["date"],
    })


def _curated_rows() -> pd.DataFrame:
    curated = load_curated("messages_recent")
    number = curated["anniversary_number"]
    return pd.DataFrame({
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
        "provenance": "curated",
        "source_url": curated["source_url"].astype(str),
        "source_row": [str(i) for i in range(1, len(curated) + 1)],
        "_date_reported": curated["date_reported"].fillna(curated["date"]),
    })


def deduplicate(kcna: pd.DataFrame, curated: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the deduplication rule (module docstring). Returns (kcna rows kept, curated rows annotated)."""
    keys = ["sender_country", "recipient_country", "kind"]
    pairs = curated.reset_index().merge(kcna.reset_index(), on=keys, suffixes=("_c", "_k"))
    near = ((pairs["date_c"] - pairs["date_k"]).dt.days.abs() <= DEDUP_DAYS) | (
        (pairs["_date_reported_c"] - pairs["date_k"]).dt.days.abs() <= DEDUP_DAYS)
    pairs = pairs[near]
    also = pairs.groupby("index_c")["source_row_k"].agg(lambda ids: ";".join(sorted(ids)))
    curated = curated.assign(also_reported_in=curated.index.map(also).fillna(""))
    kept = kcna[~kcna.index.isin(pairs["index_k"])].assign(also_reported_in="")
    return kept, curated


def validate_messages(frame: pd.DataFrame, file: str = "messages") -> None:
    """Raise CuratedTableError naming row and column for values outside the schema."""
    problems = []
    for column, allowed in [("sender_role", ROLES), ("recipient_role", ROLES), ("kind", KINDS),
                            ("occasion", OCCASIONS)]:
        bad = frame.index[~frame[column].isin(allowed)]
        problems += [Problem(file, int(i) + 1, column, f"{frame.at[i, column]!r} is not one of {list(allowed)}")
                     for i in bad]
    for column in ("sender_country", "recipient_country"):
        bad = frame.index[frame[column].isna() | (frame[column] == "")]
        problems += [Problem(file, int(i) + 1, column, "is empty") for i in bad]
    both_dprk = frame.index[(frame.sender_country == "PRK") & (frame.recipient_country == "PRK")]
    problems += [Problem(file, int(i) + 1, "recipient_country", "sender and recipient are both PRK") for i in both_dprk]
    if frame["message_id"].duplicated().any():
        problems += [Problem(file, int(i) + 1, "message_id", "duplicate id")
                     for i in frame.index[frame["message_id"].duplicated()]]
    if problems:
        raise CuratedTableError(problems)


def load_messages() -> pd.DataFrame:
    """KCNA-derived and curated messages in one schema (MESSAGE_COLUMNS), sorted by date, deduplicated."""
    kcna, curated = deduplicate(_kcna_rows(), _curated_rows())
    frame = pd.concat([kcna, curated], ignore_index=True).drop(columns="_date_reported")
    frame = frame.sort_values(["date", "message_id"], kind="stable").reset_index(drop=True)
    validate_messages(frame)
    frame["date"] = frame["date"].astype("datetime64[ns]")
    return frame[MESSAGE_COLUMNS]


def exchanges_per_year(messages: pd.DataFrame, country: str, years: range, partner: str = "PRK") -> pd.DataFrame:
    """Messages between `country` and `partner` per year, one column per direction (zeros kept)."""
    to_partner = messages[(messages.sender_country == country) & (messages.recipient_country == partner)]
    from_partner = messages[(messages.sender_country == partner) & (messages.recipient_country == country)]
    return pd.DataFrame({
        f"{country}→{partner}": to_partner.date.dt.year.value_counts().reindex(years, fill_value=0),
        f"{partner}→{country}": from_partner.date.dt.year.value_counts().reindex(years, fill_value=0),
    }).rename_axis("year")


def previous_message(messages: pd.DataFrame, sender: str, recipient: str, before) -> pd.Series | None:
    """The latest message from `sender` to `recipient` strictly before `before`, or None."""
    earlier = messages[(messages.sender_country == sender) & (messages.recipient_country == recipient)
                       & (messages.date < pd.Timestamp(before))]
    return None if earlier.empty else earlier.sort_values("date").iloc[-1]

