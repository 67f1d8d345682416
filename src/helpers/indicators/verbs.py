"""Dyad-year relation indicators, one small verb each, written once on narwhals.

`create_dyad_years(events)` makes the frame of directed dyad-years; each `add_*(dyad_years, events)` adds one
family of indicators and returns the frame, so they chain like peacesciencer's verbs:

    create_dyad_years(events).pipe(add_volume, events).pipe(add_silences, events)

`events` is the message-events table (helpers.indicators.schema.EVENT_COLUMNS) as a pandas, Polars, DuckDB or PySpark
frame; every verb takes and returns narwhals LazyFrames, so the same code runs on all four. Differences of days are
computed on integer day numbers (narwhals has no duration arithmetic on PySpark) and booleans are cast to integers
before they are summed (PySpark cannot sum booleans).

Most families are a `Family`: columns to add to the events, aggregations per dyad-year, and what to derive after
the join. `add_families` computes several families in one pass over the events (one group-by instead of one per
family), which is what `dyad_year_indicators` does; each `add_*` verb is that pass for its own family.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import narwhals as nw
import pandas as pd

DYAD = ["sender", "recipient"]
DYAD_YEAR = ["sender", "recipient", "year"]
KIND_COLUMNS = {
    "greeting": "n_greeting",
    "congratulation": "n_congratulation",
    "condolence": "n_condolence",
    "sympathy": "n_sympathy",
    "thanks": "n_thanks",
    "letter": "n_letter",
    "gift": "n_gift",
}
RECIPROCITY_WINDOW = 30  # days within which a message from the other side counts as an answer
_NEVER = 10**8  # stands for "no such day" where a window function needs a number


def lazy(frame) -> nw.LazyFrame:
    """Any supported native frame (or narwhals frame) as a narwhals LazyFrame. A pandas frame gets a fresh
    0..n-1 index (a filtered frame's index would misalign narwhals' window functions)."""
    if isinstance(frame, pd.DataFrame):
        frame = frame.reset_index(drop=True)
    frame = nw.from_native(frame)
    return frame.lazy() if isinstance(frame, nw.DataFrame) else frame


def _flag(condition: nw.Expr) -> nw.Expr:
    return nw.when(condition).then(nw.lit(1)).otherwise(nw.lit(0))


def _join(dyad_years: nw.LazyFrame, values: nw.LazyFrame, on=DYAD_YEAR) -> nw.LazyFrame:
    return dyad_years.join(values, on=on, how="left")


def create_dyad_years(events) -> nw.LazyFrame:
    """Every directed dyad (sender, recipient) that exchanged at least one message, in every year that has any
    message: one row per sender, recipient and year, so that years without messages are kept as zeros."""
    events = lazy(events)
    years = events.select("year").unique()
    return events.select(*DYAD).unique().join(years, how="cross")


@dataclass(frozen=True)
class Family:
    """A family of indicators from one pass over the events: `prepare` (columns added to each message, in stages:
    a later stage may use an earlier one's columns; a tuple of names stands for one expression that keeps the names
    of its input columns), `aggregate` (per dyad-year), `finish` (derived after the join to the dyad-years)."""

    prepare: Callable[[], list[dict[str | tuple[str, ...], nw.Expr]]]
    aggregate: Callable[[], list[nw.Expr]]
    finish: Callable[[nw.LazyFrame], nw.LazyFrame] = field(default=lambda frame: frame)


def add_families(dyad_years: nw.LazyFrame, events, families: list[Family], by: list[str] = DYAD_YEAR) -> nw.LazyFrame:
    """Add several families of indicators with one group-by over the events, by `by`: the dyad-year columns, or
    one column that stands for them in both frames (one integer key groups faster than three columns)."""
    events = lazy(events)
    stages = [family.prepare() for family in families]
    # Aligned on the last stage, so that one-stage families are computed after the window functions of the others:
    # the windows then hold fewer columns in memory.
    n_stages = max(map(len, stages))
    stages = [[{}] * (n_stages - len(family_stages)) + family_stages for family_stages in stages]
    for stage in range(n_stages):
        columns = {name: e for family_stages in stages for name, e in family_stages[stage].items()}
        several = [e for name, e in columns.items() if isinstance(name, tuple)]
        named = {name: e for name, e in columns.items() if isinstance(name, str)}
        events = events.with_columns(*several, **named) if columns else events
    grouped = events.group_by(*by)
    stats = grouped.agg(*[expression for family in families for expression in family.aggregate()])
    frame = _join(dyad_years, stats, on=by)
    for family in families:
        frame = family.finish(frame)
    return frame


def _fill_zero(columns: list[str]) -> Callable[[nw.LazyFrame], nw.LazyFrame]:
    return lambda frame: frame.with_columns(nw.col(columns).fill_null(0).cast(nw.Int64))


VOLUME = Family(
    prepare=lambda: [
        {column: _flag(nw.col("kind") == kind) for kind, column in KIND_COLUMNS.items()} | {"volume_one": nw.lit(1)}
    ],
    aggregate=lambda: [
        nw.col("volume_one").sum().alias("n_messages"),
        *[nw.col(column).sum() for column in KIND_COLUMNS.values()],
    ],
    finish=_fill_zero(["n_messages", *KIND_COLUMNS.values()]),
)


def add_volume(dyad_years: nw.LazyFrame, events) -> nw.LazyFrame:
    """n_messages, and n_<kind> for each kind of message (condolences, sympathy and gifts among them)."""
    return add_families(dyad_years, events, [VOLUME])


def _reciprocity_stages() -> list[dict[str | tuple[str, ...], nw.Expr]]:
    low, high = nw.col("sender"), nw.col("recipient")
    pair = ["pair_a", "pair_b"]
    return [
        {
            "pair_a": nw.when(low < high).then(low).otherwise(high),
            "pair_b": nw.when(low < high).then(high).otherwise(low),
        },
        {"from_a": _flag(nw.col("sender") == nw.col("pair_a"))},
        {
            "next_from_a": nw.when(nw.col("from_a") == 1).then(nw.col("day")).otherwise(nw.lit(_NEVER)),
            "next_from_b": nw.when(nw.col("from_a") == 0).then(nw.col("day")).otherwise(nw.lit(_NEVER)),
            "seen_from_b": nw.when(nw.col("from_a") == 0).then(nw.col("day")).otherwise(nw.lit(-_NEVER)),
            "slot": nw.col("day") * 2 + nw.col("from_a"),
        },
        # The first later-or-same-day message from the other side. One order (`slot`, one key) for every window,
        # so one sort (two on pandas): on one day b's messages come first, so a's same-day answers come after them;
        # b's same-day answers to a are found by the last b day so far. Window functions run on plain columns
        # (narwhals' pandas backend ignores them on a when/then expression).
        {
            ("next_from_a", "next_from_b"): nw.col("next_from_a", "next_from_b")
            .cum_min(reverse=True)
            .over(*pair, order_by="slot"),
            "last_from_b": nw.col("seen_from_b").cum_max().over(*pair, order_by="slot"),
        },
        {
            "answer_day": nw.when(nw.col("from_a") == 0)
            .then(nw.col("next_from_a"))
            .otherwise(
                nw.when(nw.col("last_from_b") == nw.col("day")).then(nw.col("day")).otherwise(nw.col("next_from_b"))
            ),
        },
    ]


def _answered(window: int) -> dict[str, nw.Expr]:
    return {"answered": _flag(nw.col("answer_day") - nw.col("day") <= window)}


def _reciprocity_after_join(frame: nw.LazyFrame) -> nw.LazyFrame:
    frame = _fill_zero(["n_answered"])(frame)
    if "n_messages" not in frame.collect_schema().names():
        frame = frame.with_columns(n_messages=nw.col("reciprocity_n").fill_null(0))
    return frame.with_columns(
        reciprocity=nw.when(nw.col("n_messages") > 0).then(nw.col("n_answered") / nw.col("n_messages"))
    ).drop("reciprocity_n")


def reciprocity_family(window: int = RECIPROCITY_WINDOW) -> Family:
    """n_answered and reciprocity (see add_reciprocity) as a Family, with answers counted within `window` days."""
    return Family(
        prepare=lambda: [*_reciprocity_stages(), _answered(window) | {"reciprocity_one": nw.lit(1)}],
        aggregate=lambda: [
            nw.col("answered").sum().alias("n_answered"),
            nw.col("reciprocity_one").sum().alias("reciprocity_n"),
        ],
        finish=_reciprocity_after_join,
    )


def add_reciprocity(dyad_years: nw.LazyFrame, events, window: int = RECIPROCITY_WINDOW) -> nw.LazyFrame:
    """n_answered: the sender's messages of the year to which the recipient sent any message on the same day or
    within `window` days after; reciprocity = n_answered / n_messages (empty without messages)."""
    return add_families(dyad_years, events, [reciprocity_family(window)])


def _lag(date_kind: str) -> nw.Expr:
    return nw.when(nw.col("date_kind") == date_kind).then(nw.col("day") - nw.col("occasion_day"))


TIMELINESS = Family(
    prepare=lambda: [{"lag_sent": _lag("sent"), "lag_reported": _lag("reported")}],
    aggregate=lambda: [
        nw.col("lag_sent").mean().alias("timeliness_sent_days"),
        nw.col("lag_reported").mean().alias("timeliness_reported_days"),
        nw.col("report_delay").mean().alias("report_delay_days"),
    ],
)


def add_timeliness(dyad_years: nw.LazyFrame, events) -> nw.LazyFrame:
    """Mean days from the occasion to the message (negative: ahead of the day), separately for messages dated by
    the day they were sent (timeliness_sent_days) and by the day they were reported (timeliness_reported_days),
    and the mean delay from sending to the first report (report_delay_days)."""
    return add_families(dyad_years, events, [TIMELINESS])


def _level_change(frame: nw.LazyFrame) -> nw.LazyFrame:
    # Shift a column without nulls (-1 = no message that year): narwhals' pandas backend fails to shift a nullable
    # integer column that has nulls inside a partition.
    frame = frame.with_columns(level_or_none=nw.col("level_max").fill_null(-1).cast(nw.Int64)).with_columns(
        previous_level=nw.col("level_or_none").shift(1).over(*DYAD, order_by="year")
    )
    frame = frame.with_columns(
        level_change=nw.when((nw.col("level_or_none") >= 0) & (nw.col("previous_level") >= 0)).then(
            nw.col("level_or_none") - nw.col("previous_level")
        )
    ).drop("level_or_none", "previous_level")
    change = nw.col("level_change")
    return frame.with_columns(
        level_trend=nw.when(change > 0)
        .then(nw.lit("upgrade"))
        .otherwise(nw.when(change < 0).then(nw.lit("downgrade")).otherwise(nw.when(change == 0).then(nw.lit("same"))))
    )


LEVEL = Family(prepare=list, aggregate=lambda: [nw.col("level").max().alias("level_max")], finish=_level_change)


def add_level(dyad_years: nw.LazyFrame, events) -> nw.LazyFrame:
    """level_max: the highest rank of a sender that year (4 party leader or head of state, 3 head of government,
    2 foreign minister, 1 other official, 0 not stated; empty without messages); level_change from the previous
    year (empty when either year has no message) and level_trend (upgrade, downgrade, same)."""
    return add_families(dyad_years, events, [LEVEL])


def _days_since_previous() -> nw.Expr:
    return nw.col("day") - nw.col("day").shift(1).over(*DYAD, order_by="day")


def _gap_columns() -> dict[str, nw.Expr]:
    return {
        "days_since_previous": _days_since_previous(),
        "previous_year": nw.col("year").shift(1).over(*DYAD, order_by="day"),
    }


def message_gaps(events) -> nw.LazyFrame:
    """Each message with days_since_previous: days since the previous message of the same directed dyad (empty for
    the first), and previous_year: the year of that previous message. Messages of one day may come in any order:
    the gaps are the same whichever comes first (0 between them).

    >>> import pandas as pd
    >>> events = pd.DataFrame({"sender": ["CHN"] * 3, "recipient": ["PRK"] * 3, "day": [19723, 19975, 19723],
    ...                        "year": [2024] * 3})
    >>> message_gaps(events).collect().sort("day")["days_since_previous"].to_list()
    [nan, 0.0, 252.0]
    """
    return lazy(events).with_columns(**_gap_columns())


def _last_day_of_year(year: nw.Expr) -> nw.Expr:
    """Days since 1970-01-01 of 31 December of `year` (proleptic Gregorian, integer arithmetic only)."""
    y = year

    def leap_days_before(y_: nw.Expr) -> nw.Expr:
        return (y_ - 1) // 4 - (y_ - 1) // 100 + (y_ - 1) // 400

    return (y + 1 - 1970) * 365 + leap_days_before(y + 1) - leap_days_before(nw.lit(1970)) - 1


def _silences_after_join(frame: nw.LazyFrame) -> nw.LazyFrame:
    frame = frame.with_columns(last_day_or_never=nw.col("last_day").fill_null(-_NEVER)).with_columns(
        last_day_so_far=nw.col("last_day_or_never").cum_max().over(*DYAD, order_by="year")
    )
    year_end = _last_day_of_year(nw.col("year"))
    return frame.with_columns(
        silence_at_year_end_days=nw.when(nw.col("last_day_so_far") > -_NEVER).then(year_end - nw.col("last_day_so_far"))
    ).drop("last_day", "last_day_or_never", "last_day_so_far")


def _gap_into_year() -> dict[str, nw.Expr]:
    # The previous message was in an earlier year when it came before 1 January (no second window for its year).
    previous_day = nw.col("day") - nw.col("days_since_previous")
    first_day = _last_day_of_year(nw.col("year") - 1) + 1
    return {"gap_into_year": nw.when(previous_day < first_day).then(nw.col("days_since_previous"))}


SILENCES = Family(
    prepare=lambda: [{"days_since_previous": _days_since_previous()}, _gap_into_year()],
    aggregate=lambda: [
        nw.col("days_since_previous").max().alias("longest_silence_days"),
        nw.col("gap_into_year").max().alias("silence_into_year_days"),
        nw.col("day").max().alias("last_day"),
    ],
    finish=_silences_after_join,
)


def add_silences(dyad_years: nw.LazyFrame, events) -> nw.LazyFrame:
    """longest_silence_days: the longest gap between consecutive messages of the dyad that ended this year (it may
    have begun in an earlier year); silence_into_year_days: the gap before the year's first message, which runs
    across the year end when the previous message was in an earlier year; silence_at_year_end_days: days from the
    last message so far to 31 December (empty before the dyad's first message)."""
    return add_families(dyad_years, events, [SILENCES])


def _warmth_coverage(frame: nw.LazyFrame) -> nw.LazyFrame:
    frame = frame.with_columns(nw.col("n_warmth_coded").fill_null(0).cast(nw.Int64))
    return frame.with_columns(
        warmth_coverage=nw.when(nw.col("warmth_n") > 0).then(nw.col("n_warmth_coded") / nw.col("warmth_n"))
    ).drop("warmth_n")


WARMTH = Family(
    prepare=lambda: [{"warmth_coded": _flag(~nw.col("warmth").is_null()), "warmth_one": nw.lit(1)}],
    aggregate=lambda: [
        nw.col("warmth").mean().alias("warmth_mean"),
        nw.col("warmth_coded").sum().alias("n_warmth_coded"),
        nw.col("warmth_one").sum().alias("warmth_n"),
    ],
    finish=_warmth_coverage,
)


def add_warmth(dyad_years: nw.LazyFrame, events) -> nw.LazyFrame:
    """warmth_mean: mean number of distinct warmth-lexicon terms per message whose wording was seen;
    n_warmth_coded: how many messages that is; warmth_coverage: n_warmth_coded / n_messages."""
    return add_families(dyad_years, events, [WARMTH])


ROUND_EVERY = 5  # a round anniversary of ties: a multiple of this many years


def _ties_after_join(frame: nw.LazyFrame) -> nw.LazyFrame:
    frame = _fill_zero(["n_ties_messages"])(frame).with_columns(ties_year=nw.col("ties_year_seen").min().over(*DYAD))
    number = nw.col("year") - nw.col("ties_year")
    frame = frame.with_columns(ties_anniversary=nw.when(number > 0).then(number))
    return frame.with_columns(
        round_ties_anniversary=_flag(nw.col("ties_anniversary") % ROUND_EVERY == 0).fill_null(0)
    ).drop("ties_year", "ties_year_seen")


TIES = Family(
    prepare=lambda: [
        {
            "ties_message": _flag(nw.col("occasion") == "ties_anniversary"),
            "ties_level": nw.when(nw.col("occasion") == "ties_anniversary").then(nw.col("level")),
        }
    ],
    aggregate=lambda: [
        nw.col("ties_year").min().alias("ties_year_seen"),
        nw.col("ties_message").sum().alias("n_ties_messages"),
        nw.col("ties_level").max().alias("ties_message_level"),
    ],
    finish=_ties_after_join,
)


def add_ties_anniversaries(dyad_years: nw.LazyFrame, events) -> nw.LazyFrame:
    """ties_anniversary: years since the dyad established relations (empty when unknown or not yet);
    round_ties_anniversary: 1 in multiples of ROUND_EVERY years; n_ties_messages and ties_message_level: messages
    marking the anniversary of ties and the highest rank among them."""
    return add_families(dyad_years, events, [TIES])


def add_source(dyad_years: nw.LazyFrame, events=None, break_year: int = 2015) -> nw.LazyFrame:
    """source: which source the year rests on: KCNA's headlines before `break_year` (every message KCNA reported),
    the curated leader-level reports from it on."""
    return dyad_years.with_columns(
        source=nw.when(nw.col("year") < break_year).then(nw.lit("kcna_headlines")).otherwise(nw.lit("curated"))
    )
