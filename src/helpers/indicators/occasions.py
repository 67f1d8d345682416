"""Expected occasions: which recurring occasions a sender habitually marks for a recipient, which of them it marked
this year, and which it missed. `add_occasion_coverage` is a verb like those of helpers.indicators.verbs."""

from __future__ import annotations

import narwhals as nw

from .encoding import (
    DYAD_YEAR_KEY,
    YEAR_SPAN,
    decode_countries,
    dyad_key,
    dyad_of,
    encode_countries,
    with_dyad_year_key,
)
from .schema import RECURRING_OCCASIONS
from .verbs import DYAD, DYAD_YEAR, _fill_zero, _flag, _join, lazy

HABIT_WINDOW = 5  # previous years looked at to decide which occasions a sender habitually marks
HABIT_MIN_YEARS = 2  # years of history needed before anything is expected


def _year_ranks(events: nw.LazyFrame) -> nw.LazyFrame:
    """The table's years with their rank (`year_index`, Int64, 0 for the first year)."""
    years = events.select("year").unique().with_row_index("year_index", order_by="year")
    return years.with_columns(nw.col("year_index").cast(nw.Int64))


def _years_and_marks(events) -> tuple[nw.LazyFrame, nw.LazyFrame]:
    """The table's years with their rank (`year_index`), and each (sender, recipient, recurring occasion, year)
    marked by a message."""
    events = lazy(events)
    years = _year_ranks(events)
    recurring = events.filter(nw.col("occasion").is_in(list(RECURRING_OCCASIONS)))
    return years, recurring.select(*DYAD, "occasion", "year").unique()


def occasion_history(events, window: int = HABIT_WINDOW, min_years: int = HABIT_MIN_YEARS) -> nw.LazyFrame:
    """One row per (sender, recipient, recurring occasion, year) for every occasion the sender ever marked for that
    recipient, in every year with messages: `marked` (1 if it sent a message for it that year), `prev_years` (years
    of history among the previous `window` years of the table), `prev_marked` (of those, years marked), and
    `expected` (1 when it marked the occasion in more than half of at least `min_years` previous years)."""
    years, marks = _years_and_marks(events)
    cell = [*DYAD, "occasion"]
    marks = marks.select(*cell, "year", marked=nw.lit(1))
    grid = marks.select(*cell).unique().join(years, how="cross").join(marks, on=[*cell, "year"], how="left")
    grid = grid.with_columns(nw.col("marked").fill_null(0))
    # Marks before this year within `window` years: a running count and two shifts of it (narwhals' pandas backend
    # misaligns rolling windows over unsorted frames, so no rolling_sum).
    grid = grid.with_columns(marks_to_date=nw.col("marked").cum_sum().over(*cell, order_by="year").cast(nw.Int64))
    before = nw.col("marks_to_date").shift(1).over(*cell, order_by="year").fill_null(0)
    outside = nw.col("marks_to_date").shift(window + 1).over(*cell, order_by="year").fill_null(0)
    grid = grid.with_columns(
        prev_marked=(before - outside).cast(nw.Int64),
        prev_years=nw.min_horizontal(nw.col("year_index"), nw.lit(window)).cast(nw.Int64),
    )
    habitual = (nw.col("prev_years") >= min_years) & (nw.col("prev_marked") * 2 > nw.col("prev_years"))
    return grid.with_columns(expected=_flag(habitual)).drop("marks_to_date", "year_index")


OCCASION_SPAN = 16  # occasion codes are below this
assert len(RECURRING_OCCASIONS) <= OCCASION_SPAN, "widen OCCASION_SPAN"


def _occasion_code() -> nw.Expr:
    """A recurring occasion as its index in RECURRING_OCCASIONS (integers group faster); any other occasion as
    len(RECURRING_OCCASIONS)."""
    codes = list(range(len(RECURRING_OCCASIONS)))
    return nw.col("occasion").replace_strict(
        list(RECURRING_OCCASIONS), codes, default=len(codes), return_dtype=nw.Int64
    )


def _occasion_name() -> nw.Expr:
    """The recurring occasion of an _occasion_code() (empty for any other code)."""
    codes = list(range(len(RECURRING_OCCASIONS)))
    return nw.col("occasion").replace_strict(codes, list(RECURRING_OCCASIONS), default=None, return_dtype=nw.String)


def _expected_cells(events, window: int, min_years: int) -> nw.LazyFrame:
    """expected_occasions() with the occasion as its _occasion_code(), for countries given as codes or as the
    integers of encoding.encode_countries."""
    events = lazy(events)
    if events.collect_schema()["sender"].is_integer():
        return _expected_coded_cells(events, window, min_years)
    encoded, codes = encode_countries(events)
    return decode_countries(_expected_coded_cells(encoded, window, min_years), codes)


def _expected_coded_cells(events: nw.LazyFrame, window: int, min_years: int) -> nw.LazyFrame:
    """Each mark makes its cell (sender, recipient, occasion) a candidate in the next `window` years of the table,
    and the marks counted there are its prev_marked. A cell and a year (or a year's rank) travel as one integer
    key, so that the marks are found, spread and counted on one column."""
    years = _year_ranks(events)
    recurring = events.filter(nw.col("occasion").is_in(list(RECURRING_OCCASIONS)))
    cell = dyad_key() * OCCASION_SPAN + _occasion_code()
    marks = recurring.select(key=cell * YEAR_SPAN + nw.col("year")).unique()
    marks = marks.select(cell=nw.col("key") // YEAR_SPAN, year=nw.col("key") % YEAR_SPAN).join(years, on="year")
    # Steps 1..window as a frame of the same backend, taken from the year ranks themselves.
    steps = years.filter((nw.col("year_index") >= 1) & (nw.col("year_index") <= window)).select(step="year_index")
    ahead = marks.select("cell", "year_index").join(steps, how="cross")
    ahead = ahead.select(key=nw.col("cell") * YEAR_SPAN + nw.col("year_index") + nw.col("step"))
    counted = ahead.group_by("key").agg(nw.len().alias("prev_marked"))
    counted = counted.with_columns(year_index=nw.col("key") % YEAR_SPAN).join(years, on="year_index")
    counted = counted.with_columns(
        prev_marked=nw.col("prev_marked").cast(nw.Int64),
        prev_years=nw.min_horizontal(nw.col("year_index"), nw.lit(window)).cast(nw.Int64),
    )
    habitual = (nw.col("prev_years") >= min_years) & (nw.col("prev_marked") * 2 > nw.col("prev_years"))
    marked = marks.select(key=nw.col("cell") * YEAR_SPAN + nw.col("year_index"), marked=nw.lit(1))
    expected = counted.filter(habitual).join(marked, on="key", how="left")
    sender, recipient = dyad_of(nw.col("key") // YEAR_SPAN, OCCASION_SPAN)
    return expected.select(
        sender=sender,
        recipient=recipient,
        occasion=(nw.col("key") // YEAR_SPAN) % OCCASION_SPAN,
        year="year",
        marked=nw.col("marked").fill_null(0).cast(nw.Int64),
        prev_marked="prev_marked",
        prev_years="prev_years",
        expected=nw.lit(1).cast(nw.Int64),
    )


def expected_occasions(events, window: int = HABIT_WINDOW, min_years: int = HABIT_MIN_YEARS) -> nw.LazyFrame:
    """The rows of occasion_history() with expected == 1, found from the marks alone: each mark makes its cell a
    candidate in the next `window` years of the table, and the marks counted there are its prev_marked. No grid of
    unmarked cell-years is built (same rows as occasion_history, tested; faster on 10 million synthetic events).

    >>> import pandas as pd
    >>> events = pd.DataFrame({"sender": "PRK", "recipient": "CUB", "occasion": ["national_day"] * 3 + ["new_year"],
    ...                        "year": [2015, 2016, 2017, 2018], "level": 4})
    >>> expected_occasions(events).sort("year").collect().rows()
    [('PRK', 'CUB', 'national_day', 2017, 1, 2, 2, 1), ('PRK', 'CUB', 'national_day', 2018, 0, 3, 3, 1)]
    """
    cells = _expected_cells(events, window, min_years).with_columns(occasion=_occasion_name())
    return cells.select(*DYAD, "occasion", "year", "marked", "prev_marked", "prev_years", "expected")


def add_occasion_coverage(
    dyad_years: nw.LazyFrame, events, window: int = HABIT_WINDOW, by: list[str] = DYAD_YEAR
) -> nw.LazyFrame:
    """n_expected_occasions: recurring occasions the sender marked for the recipient in most previous years
    (occasion_history); n_expected_marked: of those, marked this year; occasion_coverage: their ratio (empty when
    nothing was expected). The missed ones are listed by missed_occasions(). `by`: as in add_families (with
    [DYAD_YEAR_KEY], countries are encoded and the key is encoding.dyad_year_key())."""
    cells = _expected_cells(events, window, HABIT_MIN_YEARS)
    if by == [DYAD_YEAR_KEY]:
        cells = with_dyad_year_key(cells)
    counts = (
        cells.group_by(*by)
        .agg(nw.len().alias("n_expected_occasions"), nw.col("marked").sum().alias("n_expected_marked"))
        .with_columns(nw.col("n_expected_occasions").cast(nw.Int64), nw.col("n_expected_marked").cast(nw.Int64))
    )
    frame = _fill_zero(["n_expected_occasions", "n_expected_marked"])(_join(dyad_years, counts, on=by))
    return frame.with_columns(
        occasion_coverage=nw.when(nw.col("n_expected_occasions") > 0).then(
            nw.col("n_expected_marked") / nw.col("n_expected_occasions")
        )
    )


def missed_occasions(events, window: int = HABIT_WINDOW) -> nw.LazyFrame:
    """The expected occasions (occasion_history) that the sender did not mark: sender, recipient, year, occasion,
    and how many of the previous years it had marked it.

    >>> import pandas as pd
    >>> events = pd.DataFrame({"sender": "PRK", "recipient": "CUB", "occasion": ["national_day"] * 3 + ["new_year"],
    ...                        "year": [2015, 2016, 2017, 2018], "level": 4})
    >>> missed_occasions(events).collect().rows()
    [('PRK', 'CUB', 2018, 'national_day', 3, 3)]
    """
    missed = _expected_cells(events, window, HABIT_MIN_YEARS).filter(nw.col("marked") == 0)
    return missed.select(*DYAD_YEAR, occasion=_occasion_name(), prev_marked="prev_marked", prev_years="prev_years")
