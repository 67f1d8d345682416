"""The message-events table the indicators are computed from: its columns, vocabularies and validation.

One row per message. Days are integers (days since 1970-01-01) so that every backend (pandas, Polars, DuckDB,
PySpark) computes the same differences.
"""

from __future__ import annotations

import pandas as pd

from ..table_schema import Problem, TableError
from ..vocabularies import KINDS, OCCASIONS

# column -> meaning
EVENT_COLUMNS = {
    "message_id": "unique id of the message (links back to load_messages)",
    "sender": "sender's state, ISO3",
    "recipient": "recipient's state, ISO3",
    "day": "date of the message as days since 1970-01-01 (its meaning: date_kind)",
    "year": "calendar year of the message",
    "kind": "greeting, congratulation, condolence, sympathy, thanks, letter or gift",
    "occasion": "what the message marks (see the curated codebook)",
    "level": "rank of the sender's capacity (LEVEL_OF_ROLE)",
    "occasion_day": "the calendar day the message marks, as days since 1970-01-01; empty when none",
    "date_kind": "what `day` is: sent, delivered, received or reported; empty when not yet checked",
    "report_delay": "days from `day` to the first report, when both are known",
    "warmth": "distinct warmth-lexicon terms in the message's wording; empty when the wording was not seen",
    "ties_year": "year the dyad established diplomatic relations; empty when not known",
    "source": "kcna_headlines or curated (or synthetic)",
}
INTEGER_COLUMNS = ("day", "year", "level")

# Rank of a sender's capacity: party leader or head of state > head of government > foreign minister > other.
LEVEL_OF_ROLE = {
    "head_of_state": 4,
    "party": 4,
    "head_of_government": 3,
    "foreign_minister": 2,
    "other_official": 1,
    "unspecified": 0,
}
LEADER_LEVEL = 3  # heads of state, party leaders and heads of government

# Occasions that recur every year on a fixed day (the vocabulary lists them first, up to the anniversaries of ties):
# the ones a sender can be expected to mark again.
RECURRING_OCCASIONS = OCCASIONS[: OCCASIONS.index("ties_anniversary")]
DATE_KINDS = ("sent", "delivered", "received", "reported")
FIRST_YEAR, LAST_YEAR = 1946, 2030  # dates outside this span are errors, not messages


def validate_events(events: pd.DataFrame, file: str = "message events") -> None:
    """Raise TableError naming the column and rows of every problem: a missing column, an unknown kind, occasion
    or date kind, a level outside LEVEL_OF_ROLE, a year outside FIRST_YEAR-LAST_YEAR or not the year of `day`, an
    empty sender or recipient, or a duplicated message_id. Nothing is dropped.

    >>> validate_events(pd.DataFrame({"message_id": ["a"]}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.table_schema.TableError: 13 problem(s) in the table:
      message events, column 'sender': is missing...
    """
    missing = [column for column in EVENT_COLUMNS if column not in events.columns]
    if missing:
        raise TableError([Problem(file, None, column, "is missing") for column in missing])
    problems: list[Problem] = []

    def flag(mask: pd.Series, column: str, message) -> None:
        for index in events.index[mask.fillna(True).to_numpy(bool)][:20]:
            value = events.at[index, column]
            value = value.item() if hasattr(value, "item") else value  # numpy scalars print as plain values
            problems.append(Problem(file, int(index) + 1, column, message(value)))
        if mask.sum() > 20:
            problems.append(Problem(file, None, column, f"... and {int(mask.sum()) - 20} more rows"))

    flag(~events["kind"].isin(KINDS), "kind", lambda v: f"{v!r} is not one of {list(KINDS)}")
    flag(~events["occasion"].isin(OCCASIONS), "occasion", lambda v: f"{v!r} is not an occasion")
    kinds = events["date_kind"]
    flag(kinds.notna() & ~kinds.isin(DATE_KINDS), "date_kind", lambda v: f"{v!r} is not one of {list(DATE_KINDS)}")
    levels = set(LEVEL_OF_ROLE.values())
    flag(~events["level"].isin(levels), "level", lambda v: f"{v!r} is not a level ({sorted(levels)})")
    for column in ("sender", "recipient"):
        flag(events[column].isna() | (events[column].astype(str) == ""), column, lambda v: "is empty")
    year = pd.to_numeric(events["year"], errors="coerce")
    flag(~year.between(FIRST_YEAR, LAST_YEAR), "year", lambda v: f"{v!r} is outside {FIRST_YEAR}-{LAST_YEAR}")
    day = pd.to_numeric(events["day"], errors="coerce")
    actual = (pd.Timestamp("1970-01-01") + pd.to_timedelta(day.fillna(0), unit="D")).dt.year
    flag(day.isna() | (actual != year), "day", lambda v: f"{v!r} is missing or not a day of the row's year")
    flag(events["message_id"].duplicated(keep=False), "message_id", lambda v: f"{v!r} is duplicated")
    if problems:
        raise TableError(problems)
