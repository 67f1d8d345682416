"""From parsed headlines to the event tables: the extraction contract, same-day repeats, the review queue and
the accounting that shows every English headline is kept, rejected or queued. The counterpart of an event read from
an ambiguous country word ("Dominican", "Guinean", "Congolese" …) is settled with evidence from its story, the
leaders table and the calendar (`helpers.kcna.ambiguity`); `country_evidence` records which.

    >>> frame = pd.DataFrame({"id": ["a", "b"], "date": pd.to_datetime(["2011-12-01", "2011-12-01"]),
    ...                       "title": ["Kim Jong Il Greets Lao President", "Rain in Pyongyang"]})
    >>> extract(frame)[["id", "is_message", "counterpart_country"]].values.tolist()
    [['a', 'true', 'LAO'], ['b', 'false', '']]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..leaders import leaders
from ..vocabularies import MULTI
from .ambiguity import needs_story, resolve_countries
from .corpus import link_stories, load_stories, normalised_title
from .parser import parse_headlines

EXTRACT_COLUMNS = ["id", "is_message", "direction", "counterpart_country", "counterpart_role", "kind", "dprk_principal"]
EVENT_COLUMNS = [
    "headline_id",
    "date",
    "title",
    "direction",
    "counterpart_country",
    "counterpart_role",
    "kind",
    "dprk_principal",
    "counterpart_name",
    "rule",
    "duplicate_ids",
    "source_link",
    "country_evidence",
]
REVIEW_COLUMNS = [
    "headline_id",
    "date",
    "title",
    "review_reason",
    "rule",
    "is_message",
    "direction",
    "counterpart_country",
    "counterpart_role",
    "kind",
    "dprk_principal",
    "duplicate_ids",
]


# Command line: extract (the contract) and build (the processed tables)
# --------------------------------------------------------------------------------------------------------------


class InputError(ValueError):
    """Bad input to `extract`: the message names the file, row and column."""


def read_extract_input(path: Path) -> pd.DataFrame:
    """IN.csv with columns id, date, title (others ignored); dates parsed, or InputError naming row and column."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from None
    for column in ("id", "date", "title"):
        if column not in frame.columns:
            raise InputError(f"{path}: missing column '{column}' (found: {', '.join(map(str, frame.columns))})")
    dates = pd.to_datetime(frame["date"].str.strip(), format="ISO8601", errors="coerce")
    if dates.isna().any():
        position = int(dates.isna().to_numpy().argmax())
        raise InputError(
            f"{path}: row {position + 1}, column 'date': unparseable date "
            f"{frame['date'].iat[position]!r} (expected YYYY-MM-DD)"
        )
    return frame.assign(date=dates)


def extract(frame: pd.DataFrame) -> pd.DataFrame:
    """The extraction contract: id, is_message (true/false) and the event fields, one row per input row.

    An ambiguous country word is settled from the headline, the leaders table and the calendar (no stories here)."""
    parsed = parse_headlines(frame)
    messages = parsed["is_message"]
    if messages.any():
        parsed.loc[messages, "counterpart_country"] = resolve_countries(
            pd.concat([frame.loc[messages, ["title", "date"]], parsed.loc[messages]], axis=1)
        )["counterpart_country"]
    out = parsed[EXTRACT_COLUMNS[2:]].copy()
    out.loc[~parsed["is_message"], :] = ""
    out.insert(0, "is_message", parsed["is_message"].map({True: "true", False: "false"}))
    out.insert(0, "id", frame["id"].to_numpy())
    return out[EXTRACT_COLUMNS].reset_index(drop=True)


def fold_repeated_headlines(headlines: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Headlines repeated the same day with the same normalised title count once: the lowest headline_id is kept,
    the others listed in `duplicate_ids` (";"-joined). Returns the kept rows and the number of rows folded in."""
    frame = headlines.assign(_key=normalised_title(headlines["title"])).sort_values("headline_id")
    groups = frame.groupby([frame["date"], frame["_key"]], sort=False)["headline_id"]
    first = groups.transform("min")
    kept = frame[frame["headline_id"] == first].copy()
    others = frame[frame["headline_id"] != first]
    listed = others.groupby(first[others.index])["headline_id"].agg(lambda ids: ";".join(map(str, sorted(ids))))
    kept["duplicate_ids"] = kept["headline_id"].map(listed).fillna("")
    return kept.drop(columns="_key").sort_values("headline_id").reset_index(drop=True), len(others)


ACCOUNTING_STAGES = [
    "English headlines",
    "message events",
    "same-day duplicates folded in",
    "queued for review",
    "not messages",
]


@dataclass(frozen=True)
class Accounting:
    input_rows: int
    events: int
    non_messages: int
    review: int
    duplicates: int

    @property
    def balanced(self) -> bool:
        return self.input_rows == self.events + self.non_messages + self.review + self.duplicates

    def as_frame(self) -> pd.DataFrame:
        """One row per place a headline can end in (what data/processed/kcna_accounting.csv holds).

        >>> Accounting(10, 3, 5, 1, 1).as_frame().rows.tolist()
        [10, 3, 1, 1, 5]
        """
        rows = [self.input_rows, self.events, self.duplicates, self.review, self.non_messages]
        return pd.DataFrame({"stage": ACCOUNTING_STAGES, "rows": rows})

    def __str__(self) -> str:
        return (
            f"English headlines {self.input_rows:,} = events {self.events:,} + not messages "
            f"{self.non_messages:,} + queued for review {self.review:,} + same-day duplicates "
            f"{self.duplicates:,}  [{'balanced' if self.balanced else 'DOES NOT ADD UP'}]"
        )


# Title words in a headline -> the same word in an office title of leaders.csv.
_LEADER_TITLE_WORDS = [
    (re.compile(r"\bprime\s+minister\b|\bP\.?M\b|\bpremier\b", re.I), re.compile(r"prime minister|premier", re.I)),
    (re.compile(r"\bpresident\b", re.I), re.compile(r"president", re.I)),
    (re.compile(r"\bking\b", re.I), re.compile(r"\bking\b|yang di-pertuan agong", re.I)),
    (re.compile(r"\bqueen\b", re.I), re.compile(r"\bqueen\b", re.I)),
    (re.compile(r"\bemir\b|\bamir\b", re.I), re.compile(r"\bemir\b|\bamir\b", re.I)),
    (re.compile(r"\bsultan\b", re.I), re.compile(r"\bsultan\b", re.I)),
]


def counterpart_names(events: pd.DataFrame) -> pd.Series:
    """Who the counterpart was, where a head of state or government of one country is addressed by title only
    ("Russian President" on 2012-08-15 -> Vladimir Putin): the holder, on that date in leaders.csv, of a head of
    state or government office whose title uses the headline's title word. Left empty unless exactly one person
    fits (Iran's "President" is its head of government, so the office alone would name the Supreme Leader)."""
    terms = leaders()
    terms = terms[terms.office.isin(["head_of_state", "head_of_government"])]
    by_country = {iso3: group for iso3, group in terms.groupby("country_iso3")}
    names = pd.Series("", index=events.index, dtype=object)
    resolvable = events["counterpart_role"].isin(["head_of_state", "head_of_government"]) & (
        events["counterpart_country"] != MULTI
    )
    for index, row in events[resolvable].iterrows():
        holders = by_country.get(row["counterpart_country"])
        word = next(
            (office_word for title_word, office_word in _LEADER_TITLE_WORDS if title_word.search(row["title"])), None
        )
        if holders is None or word is None:
            continue
        date = pd.Timestamp(row["date"])
        current = holders[(holders.start <= date) & (holders.end.isna() | (holders.end >= date))]
        fitting = set(current.loc[current.title.str.contains(word), "name"])
        if len(fitting) == 1:
            names[index] = fitting.pop()
    return names


def story_texts(events: pd.DataFrame, stories: pd.DataFrame | None = None) -> pd.Series:
    """The text of each event's story (same date and normalised title; "" when none), for the events whose country
    word is ambiguous; the stories (2011-2012) are loaded only when such an event falls in their years."""
    texts = pd.Series("", index=events.index, dtype=object)
    wanted = needs_story(events) & pd.to_datetime(events["date"]).dt.year.isin([2011, 2012])
    if not wanted.any():
        return texts
    stories = load_stories() if stories is None else stories
    linked = link_stories(events.loc[wanted, ["date", "title"]], stories)
    by_id = stories.set_index("story_id")["story"].fillna("")
    texts[wanted] = [by_id.get(story_id, "") if story_id else "" for story_id in linked["story_id"]]
    return texts


def build_tables(
    headlines: pd.DataFrame, stories: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, Accounting]:
    """Events and review queue from English headlines (columns of kcna.load_headlines), with the accounting.

    Events read from an ambiguous country word are settled with `helpers.kcna.ambiguity.resolve_countries`, using
    their story when one is linked (`stories`: kcna.load_stories, loaded when needed and not given).

    >>> headlines = pd.DataFrame({"headline_id": ["h1", "h2"], "date": ["2004-09-09", "2004-09-09"],
    ...     "title": ["Kim Jong Il Receives Message of Greeting from Chinese President", "Rice Planting Finished"],
    ...     "story_link": ["", ""]})
    >>> events, review, accounting = build_tables(headlines)
    >>> events[["direction", "counterpart_country", "kind"]].to_numpy().tolist()
    [['to_dprk', 'CHN', 'greeting']]
    >>> accounting.events, accounting.non_messages
    (1, 1)
    """
    kept, duplicates = fold_repeated_headlines(headlines)
    parsed = parse_headlines(kept)
    table = pd.concat([kept, parsed], axis=1)
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    queued = table["review_reason"] != ""
    is_event = table["is_message"] & ~queued
    events = table[is_event].copy()
    resolved = resolve_countries(events, story_texts(events, stories))
    events["counterpart_country"] = resolved["counterpart_country"]
    events = events.assign(
        counterpart_name=counterpart_names(events),
        source_link=events["story_link"].fillna(""),
        country_evidence=resolved["country_evidence"],
    )
    review = table[queued]
    accounting = Accounting(
        len(headlines), int(is_event.sum()), int((~table["is_message"] & ~queued).sum()), int(queued.sum()), duplicates
    )
    return events[EVENT_COLUMNS].reset_index(drop=True), review[REVIEW_COLUMNS].reset_index(drop=True), accounting
