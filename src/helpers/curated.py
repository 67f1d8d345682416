"""Curated tables (data/curated/*.csv): one schema each, one validating loader.

Every problem found is reported with file, row (1-based data row; the CSV line is row + 1) and column, all at once
(`CuratedTableError`); a valid table comes back typed (dates as datetime64, whole numbers as Int64).
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import paths
from .provenance import record_read
from .source_tiers import LOOKS_LIKE_A_WIKI, domain_of, standing_alone_problem, tier_of_sources
from .table_schema import Column, CuratedTableError, Problem, TableSchema, read_raw, typed, validate
from .vocabularies import (
    ANNIVERSARY_TYPES,
    COVERAGE_STATUSES,
    DATE_KINDS,
    KINDS,
    OCCASIONS,
    OFFICES,
    OUTLET_TYPES,
    ROLES,
    SOURCE_TIERS,
    TIE_EVENTS,
    WARMTH_TERMS,
)


def _month_day_exists(frame: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for index, row in frame.iterrows():
        month, day = int(row["month"]), int(row["day"])
        if not 1 <= month <= 12:
            problems.append(Problem(file, index + 1, "month", f"{month} is not a month"))
        elif not 1 <= day <= _calendar.monthrange(2000, month)[1]:  # 2000: a leap year, so 29 Feb exists
            problems.append(Problem(file, index + 1, "day", f"{month:02d}-{day:02d} does not exist"))
    return problems


def _start_before_end(start: str, end: str) -> Callable[[pd.DataFrame, str], list[Problem]]:
    def check(frame: pd.DataFrame, file: str) -> list[Problem]:
        bad = frame[(frame[end] != "") & (frame[end] < frame[start])]
        return [
            Problem(file, i + 1, end, f"{frame.at[i, end]} is before {start} {frame.at[i, start]}") for i in bad.index
        ]

    return check


def _no_overlapping_terms(frame: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for (country, office), group in frame.groupby(["country_iso3", "office"]):
        group = group.sort_values("start")
        previous = None
        for index, row in group.iterrows():
            if previous is not None:
                previous_end = previous["end"] or "9999-12-31"
                if row["start"] < previous_end:
                    problems.append(
                        Problem(
                            file,
                            index + 1,
                            "start",
                            f"{country} {office}: {row['name']} starts {row['start']} before {previous['name']} "
                            f"(row {previous.name + 1}) ends {previous['end'] or '(open)'}",
                        )
                    )
            previous = row
    return problems


def _year_order(frame: pd.DataFrame, file: str) -> list[Problem]:
    both = frame[(frame["first_year"] != "") & (frame["last_year"] != "")]
    bad = both[both["last_year"].astype(int) < both["first_year"].astype(int)]
    return [Problem(file, i + 1, "last_year", "is before first_year") for i in bad.index]


def _tier_follows_outlet(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Each row's source_tier is the best tier among its URLs' outlets (source_outlets.csv) for its two sides."""
    outlets, problems = _outlets(), []
    for index, row in frame.iterrows():
        expected, unknown = tier_of_sources(
            row["source_url"], outlets, (row["sender_country"], row["recipient_country"])
        )
        problems += [
            Problem(file, index + 1, "source_url", f"outlet {domain!r} is not in source_outlets.csv")
            for domain in unknown
        ]
        if expected and row["source_tier"] != expected:
            problems.append(
                Problem(file, index + 1, "source_tier", f"is {row['source_tier']!r}; its sources give {expected!r}")
            )
    return problems


def _outlets() -> dict[str, tuple[str, str]]:
    table = load_curated("source_outlets")
    return dict(zip(table["domain"], zip(table["outlet_type"], table["outlet_country"].fillna(""))))


_UNLISTED = "looks like a wiki, a mirror or a blog; list it in source_outlets.csv"


def _no_page_stands_alone(column: str) -> Callable[[pd.DataFrame, str], list[Problem]]:
    """A row must cite a page other than an encyclopaedia, a mirror, a copy, an aggregator or a blog (outlet types in
    source_outlets.csv), and every host that looks like a wiki must be listed there."""

    def check(frame: pd.DataFrame, file: str) -> list[Problem]:
        outlets, problems = _outlets(), []
        for index, source in frame[column].items():
            if not source or source.startswith("holidays:"):
                continue
            problems += [
                Problem(file, index + 1, column, f"{domain!r} {_UNLISTED}")
                for domain in dict.fromkeys(domain_of(url) for url in source.split(" ; "))
                if LOOKS_LIKE_A_WIKI.search(domain) and domain not in outlets
            ]
            if why := standing_alone_problem(source, outlets):
                problems.append(Problem(file, index + 1, column, why))
        return problems

    return check


def _not_tertiary(frame: pd.DataFrame, file: str) -> list[Problem]:
    bad = frame[frame["source_tier"] == "tertiary"]
    return [
        Problem(
            file, i + 1, "source_tier", "rests only on tertiary pages; such a row belongs in messages_unconfirmed.csv"
        )
        for i in bad.index
    ]


def _only_tertiary(frame: pd.DataFrame, file: str) -> list[Problem]:
    bad = frame[frame["source_tier"] != "tertiary"]
    return [
        Problem(
            file, i + 1, "source_tier", f"is {frame.at[i, 'source_tier']!r}; the row belongs in messages_recent.csv"
        )
        for i in bad.index
    ]


_EVIDENCE = Column("evidence", "text", meaning="what the source says, paraphrased (no copied sentences)")
_URL_COLUMN = Column("source_url", "url", meaning="page that states the fact (several separated by ' ; ')")

_MESSAGE_COLUMNS = [
    Column("date", "date", meaning="day the message was sent (or reported, when only that is known)"),
    Column("date_reported", "date", required=False, meaning="day it was reported, if stated separately"),
    Column(
        "date_kind",
        "enum",
        allowed=DATE_KINDS,
        meaning="what `date` is: sent (or dated), else delivered, received or reported",
    ),
    Column("sender_country", "iso3", meaning="sender's state"),
    Column("sender_name", "text", required=False, meaning="sender, without titles"),
    Column("sender_role", "enum", allowed=tuple(ROLES), meaning="sender's capacity"),
    Column("recipient_country", "iso3", meaning="recipient's state"),
    Column("recipient_name", "text", required=False, meaning="recipient, without titles"),
    Column("recipient_role", "enum", allowed=tuple(ROLES), meaning="recipient's capacity"),
    Column("kind", "enum", allowed=tuple(KINDS), meaning="kind of message"),
    Column("occasion", "enum", allowed=tuple(OCCASIONS), meaning="occasion"),
    Column("occasion_detail", "text", required=False, meaning="short neutral label of the occasion"),
    Column("anniversary_number", "int", required=False, meaning="Nth anniversary, when one"),
    Column("salutation", "text", required=False, meaning="form of address, when the source shows it"),
    Column(
        "warmth_markers",
        "enum",
        required=False,
        allowed=WARMTH_TERMS,
        meaning="lexicon terms the source says the message used, ';'-separated",
    ),
    Column(
        "front_page",
        "bool",
        required=False,
        meaning="carried on Rodong Sinmun's front page (empty: not stated)",
    ),
    Column("stated_novelty", "text", required=False, meaning="novelty the source states explicitly"),
    _URL_COLUMN,
    Column("source_outlet", "text", meaning="outlet of the source page"),
    Column(
        "source_tier",
        "enum",
        allowed=SOURCE_TIERS,
        meaning="primary: state media or official site of either side; secondary: established news outlet "
        "or a third country's state media; tertiary: aggregator, blog, copy site, encyclopaedia "
        "(follows source_outlets.csv, checked on load)",
    ),
    _EVIDENCE,
]

_MESSAGE_KEY = ["date", "sender_country", "sender_name", "recipient_country", "recipient_name", "kind", "occasion"]

SCHEMAS: dict[str, TableSchema] = {
    "anniversaries": TableSchema(
        "anniversaries",
        "anniversaries.csv",
        [
            Column("country_iso3", "iso3", meaning="country whose day it is"),
            Column("occasion_type", "enum", allowed=ANNIVERSARY_TYPES, meaning="kind of day"),
            Column("name", "text", meaning="name of the day or of the party"),
            Column("month", "int", meaning="month (1-12)"),
            Column("day", "int", meaning="day of month"),
            Column(
                "first_year",
                "int",
                required=False,
                meaning="year of the event commemorated; anniversary = year - first_year",
            ),
            Column(
                "observed_from",
                "int",
                required=False,
                meaning="first year observed on this date, when later than first_year",
            ),
            Column(
                "last_year", "int", required=False, meaning="last year observed on this date (empty: still observed)"
            ),
            Column(
                "source",
                "source",
                meaning="holidays:<ISO2>:<holiday name> when the holidays package carries the day, else a URL",
            ),
            _EVIDENCE,
        ],
        key=["country_iso3", "occasion_type", "name", "month", "day", "observed_from"],
        description="National days, ruling-party founding days and the DPRK's state occasions.",
        checks=[_month_day_exists, _year_order, _no_page_stands_alone("source")],
    ),
    "diplomatic_ties": TableSchema(
        "diplomatic_ties",
        "diplomatic_ties.csv",
        [
            Column("country_a", "iso3", meaning="PRK, CHN, RUS (incl. the USSR) or KOR"),
            Column("country_b", "iso3", meaning="the partner"),
            Column("event", "enum", allowed=TIE_EVENTS, meaning="what happened to the relationship"),
            Column("date", "date", meaning="when (first day of the month/year when less precise)"),
            Column("date_precision", "enum", allowed=("day", "month", "year"), meaning="how precise `date` is"),
            Column("note", "text", required=False, meaning="caveats, disagreements between sources"),
            _URL_COLUMN,
            _EVIDENCE,
        ],
        key=["country_a", "country_b", "event", "date"],
        description="Establishment, rupture and restoration of diplomatic relations.",
        checks=[_no_page_stands_alone("source_url")],
    ),
    "leaders": TableSchema(
        "leaders",
        "leaders.csv",
        [
            Column("country_iso3", "iso3", meaning="country"),
            Column("office", "enum", allowed=OFFICES, meaning="office held"),
            Column("name", "text", meaning="office holder, without titles"),
            Column("title", "text", meaning="title of the office in English"),
            Column("start", "date", meaning="first day in office"),
            Column("end", "date", required=False, meaning="last day in office (empty: in office at the end of 2025)"),
            _URL_COLUMN,
            _EVIDENCE,
        ],
        key=["country_iso3", "office", "start"],
        description=(
            "Heads of state, heads of government and party leaders, 1997-2025 (and the DPRK's foreign ministers)."
        ),
        checks=[_start_before_end("start", "end"), _no_overlapping_terms, _no_page_stands_alone("source_url")],
    ),
    "messages_recent": TableSchema(
        "messages_recent",
        "messages_recent.csv",
        list(_MESSAGE_COLUMNS),
        key=_MESSAGE_KEY,
        description="Messages between the DPRK's leaders and foreign leaders, 2015-2025.",
        checks=[_tier_follows_outlet, _not_tertiary],
    ),
    "messages_unconfirmed": TableSchema(
        "messages_unconfirmed",
        "messages_unconfirmed.csv",
        [
            *[c for c in _MESSAGE_COLUMNS if c.name != "evidence"],
            Column("evidence", "text", meaning="what the copy says, paraphrased (no copied sentences)"),
            Column("searched", "text", meaning="where a primary or secondary report was looked for, without success"),
        ],
        key=_MESSAGE_KEY,
        description=(
            "Messages reported only on copies, aggregators or blogs (tertiary pages): leads awaiting a primary or "
            "secondary source, never used in the analysis."
        ),
        checks=[_tier_follows_outlet, _only_tertiary],
    ),
    "source_outlets": TableSchema(
        "source_outlets",
        "source_outlets.csv",
        [
            Column("domain", "text", meaning="host of the cited pages, lower case, without www."),
            Column("outlet", "text", meaning="name of the outlet"),
            Column("outlet_country", "iso3", required=False, meaning="state whose media or government runs it"),
            Column("outlet_type", "enum", allowed=OUTLET_TYPES, meaning="kind of outlet (sets source_tier)"),
        ],
        key=["domain"],
        description=(
            "Every outlet the curated messages cite, and every encyclopaedia, mirror, copy, aggregator or blog cited "
            "anywhere, with its type: the basis of `source_tier` and of the rule that such pages never stand alone."
        ),
    ),
    "message_coverage": TableSchema(
        "message_coverage",
        "message_coverage.csv",
        [
            Column("sender_country", "iso3", meaning="sender"),
            Column("recipient_country", "iso3", meaning="recipient"),
            Column("occasion", "enum", allowed=tuple(OCCASIONS), meaning="occasion looked for"),
            Column("year", "int", meaning="year of the occasion"),
            Column("status", "enum", allowed=COVERAGE_STATUSES, meaning="search result"),
            Column("message_date", "date", required=False, meaning="date of the message found"),
            Column("source_url", "url", required=False, meaning="source of the message found"),
            Column("note", "text", required=False, meaning="what was searched"),
        ],
        key=["sender_country", "recipient_country", "occasion", "year"],
        description="For the main dyads and occasions, whether a message was found for each year 2015-2025.",
        checks=[_no_page_stands_alone("source_url")],
    ),
    "absences": TableSchema(
        "absences",
        "absences.csv",
        [
            Column("expected_date", "date", meaning="date of the occasion when a message was expected"),
            Column("sender_country", "iso3", meaning="expected sender"),
            Column("recipient_country", "iso3", meaning="expected recipient"),
            Column("occasion", "enum", allowed=tuple(OCCASIONS), meaning="occasion"),
            Column(
                "absence_type",
                "enum",
                allowed=("not_sent", "late", "downgraded", "first_after_gap", "not_reported"),
                meaning="what the source says was missing or odd",
            ),
            Column("statement", "text", meaning="the source's point, in our words"),
            _URL_COLUMN,
            _EVIDENCE,
        ],
        key=["expected_date", "sender_country", "recipient_country", "occasion", "absence_type", "source_url"],
        description=(
            "Sourced statements that an expected message was not sent, late, downgraded, or the first after a gap."
        ),
        checks=[_no_page_stands_alone("source_url")],
    ),
    "context_events": TableSchema(
        "context_events",
        "context_events.csv",
        [
            Column("date", "date", meaning="start"),
            Column("end_date", "date", required=False, meaning="end, for events over several days"),
            Column(
                "event_type",
                "enum",
                allowed=(
                    "summit",
                    "visit",
                    "treaty",
                    "ties",
                    "test",
                    "sanctions",
                    "leadership",
                    "honour",
                    "party_congress",
                    "military",
                    "other",
                ),
                meaning="kind of event",
            ),
            Column("countries", "iso3_list", meaning="states involved, ';'-separated ISO3"),
            Column("title", "text", meaning="short title"),
            Column("description", "text", meaning="one sentence"),
            _URL_COLUMN,
            _EVIDENCE,
        ],
        key=["date", "title"],
        description="Dated events (summits, visits, treaties, tests) to annotate timelines.",
        checks=[_start_before_end("date", "end_date"), _no_page_stands_alone("source_url")],
    ),
    "warmth_lexicon": TableSchema(
        "warmth_lexicon",
        "warmth_lexicon.csv",
        [
            Column("term", "enum", allowed=WARMTH_TERMS, meaning="name of the warmth marker"),
            Column("pattern", "text", meaning="regular expression (case-insensitive) that counts it in a text"),
            Column("rationale", "text", meaning="why the term signals warmth, and what it can over-count"),
        ],
        key=["term"],
        description="The project's lexicon of warmth markers in messages (a definition, not a sourced fact).",
    ),
}


def load_curated(name: str, path: Path | None = None) -> pd.DataFrame:
    """Validated, typed curated table `name` (see SCHEMAS); raises CuratedTableError naming every problem.

    >>> leaders = load_curated("leaders")
    >>> leaders.loc[leaders.name == "Kim Jong Un", "office"].unique().tolist()
    ['head_of_state', 'party_leader', 'supreme_leader']
    """
    schema = SCHEMAS[name]
    path = Path(path or paths.CURATED_DIR / schema.file)
    file = str(path.relative_to(paths.PROJECT_ROOT)) if path.is_relative_to(paths.PROJECT_ROOT) else str(path)
    if not path.is_file():
        raise CuratedTableError([Problem(file, None, None, "file is missing")])
    frame = read_raw(path)
    record_read(path)
    problems = validate(frame, schema, file)
    if problems:
        raise CuratedTableError(problems)
    return typed(frame, schema)


def codebook() -> pd.DataFrame:
    """One row per column of every curated table: table, column, type, required, allowed values, meaning."""
    rows = [
        {
            "table": schema.file,
            "column": c.name,
            "type": c.kind,
            "required": c.required,
            "allowed": ", ".join(c.allowed),
            "meaning": c.meaning,
        }
        for schema in SCHEMAS.values()
        for c in schema.columns
    ]
    return pd.DataFrame(rows)


def codebook_markdown() -> str:
    """The codebook as Markdown tables, one per curated table (pasted into data/curated/README.md)."""
    parts = []
    for schema in SCHEMAS.values():
        lines = [
            f"### `{schema.file}`",
            "",
            schema.description,
            "",
            f"Key (unique): {', '.join(schema.key)}",
            "",
            "| column | type | required | allowed values | meaning |",
            "|---|---|---|---|---|",
        ]
        for c in schema.columns:
            lines.append(
                f"| `{c.name}` | {c.kind} | {'yes' if c.required else 'no'} | {', '.join(c.allowed)} | {c.meaning} |"
            )
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


if __name__ == "__main__":
    print(codebook_markdown(), end="")
