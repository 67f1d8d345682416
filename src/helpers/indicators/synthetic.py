"""SYNTHETIC message events, seeded: for tests and benchmarks only, never for findings.

Country codes are "S000", "S001", ... so that synthetic rows can never pass for real states; every row's source is
"synthetic".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import DATE_KINDS, EVENT_COLUMNS, LEVEL_OF_ROLE, RECURRING_OCCASIONS

_KINDS = ("greeting", "congratulation", "condolence", "sympathy", "thanks", "letter", "gift")
_KIND_WEIGHTS = (0.35, 0.3, 0.06, 0.04, 0.1, 0.1, 0.05)
_AD_HOC = ("election_inauguration", "death", "disaster", "reply", "visit", "ties_anniversary", "other")
_EPOCH_YEAR = 1970


def _first_day_of_year(years: np.ndarray) -> np.ndarray:
    return (pd.to_datetime(pd.Series(years).astype(str) + "-01-01") - pd.Timestamp("1970-01-01")).dt.days.to_numpy()


def synthetic_events(
    n_events: int = 10_000,
    n_countries: int = 190,
    first_year: int = 1995,
    n_years: int = 30,
    seed: int = 0,
    as_arrow: bool = False,
):
    """SYNTHETIC events with EVENT_COLUMNS: busy and quiet countries, recurring occasions on fixed days per
    recipient (messages within a few days of them), ad hoc messages on any day. A pandas frame, or with
    `as_arrow=True` the same rows as a pyarrow Table built without Python objects (a tenth of the memory at
    10 million rows: what the benchmarks hand to Polars, DuckDB and Spark).

    >>> events = synthetic_events(1_000, n_countries=20, n_years=5, seed=1)
    >>> len(events), events.sender.nunique() <= 20, int(events.year.min()), int(events.year.max())
    (1000, True, 1995, 1999)
    >>> synthetic_events(1_000, n_countries=20, n_years=5, seed=1, as_arrow=True).to_pandas().sender.equals(
    ...     events.sender)
    True
    """
    draws = _draw(n_events, n_countries, first_year, n_years, seed)
    return _as_arrow(draws, n_countries) if as_arrow else _as_pandas(draws, n_countries)


_OCCASIONS = (*RECURRING_OCCASIONS, *_AD_HOC)


def _draw(n_events: int, n_countries: int, first_year: int, n_years: int, seed: int) -> dict[str, np.ndarray]:
    """Every random draw, as integer codes and masks (True = missing)."""
    rng = np.random.default_rng(seed)
    activity = rng.lognormal(0.0, 1.0, n_countries)
    pair_weight = np.outer(activity, activity)
    np.fill_diagonal(pair_weight, 0.0)
    pair = rng.choice(n_countries * n_countries, size=n_events, p=(pair_weight / pair_weight.sum()).ravel())
    sender, recipient = np.divmod(pair, n_countries)
    year = first_year + rng.integers(0, n_years, n_events)
    start = _first_day_of_year(np.arange(n_years) + first_year)[year - first_year]
    recurring = rng.random(n_events) < 0.6
    occasion_index = rng.integers(0, len(RECURRING_OCCASIONS), n_events)
    fixed_day = (recipient * 37 + occasion_index * 53) % 350  # each recipient's occasion has its own day of year
    occasion_day = start + fixed_day
    day = np.where(recurring, occasion_day + rng.integers(-2, 6, n_events), start + rng.integers(0, 365, n_events))
    day = np.clip(day, start, start + 364)
    occasion = np.where(recurring, occasion_index, len(RECURRING_OCCASIONS) + rng.integers(0, len(_AD_HOC), n_events))
    date_kind = rng.choice(4, n_events, p=(0.3, 0.05, 0.05, 0.6))
    levels = np.array(sorted(set(LEVEL_OF_ROLE.values())))
    coded = rng.random(n_events) < 0.2
    ties = rng.integers(1950, 2000, (n_countries, n_countries)).astype(float)
    ties[rng.random((n_countries, n_countries)) < 0.1] = np.nan
    ties = np.minimum(ties, ties.T)[sender, recipient]
    kind = rng.choice(len(_KINDS), n_events, p=_KIND_WEIGHTS)
    level = rng.choice(levels, n_events, p=(0.05, 0.15, 0.2, 0.2, 0.4))
    report_delay = rng.integers(0, 4, n_events)
    warmth = rng.poisson(1.0, n_events).astype(float)
    return {
        "sender": sender,
        "recipient": recipient,
        "day": day.astype("int64"),
        "year": year.astype("int64"),
        "kind": kind,
        "occasion": occasion,
        "level": level.astype("int64"),
        "occasion_day": occasion_day.astype("int64"),
        "occasion_day_missing": ~recurring,
        "date_kind": date_kind,
        "report_delay": report_delay.astype("int64"),
        "report_delay_missing": date_kind != DATE_KINDS.index("sent"),
        "warmth": warmth,
        "warmth_missing": ~coded,
        "ties_year": np.nan_to_num(ties).astype("int64"),
        "ties_year_missing": np.isnan(ties),
    }


def _codes(n_countries: int) -> list[str]:
    return [f"S{i:03d}" for i in range(n_countries)]


def _as_pandas(draws: dict[str, np.ndarray], n_countries: int) -> pd.DataFrame:
    codes = np.array(_codes(n_countries), dtype=object)

    def nullable(name: str, dtype: str) -> pd.Series:
        return pd.Series(draws[name], dtype=dtype).mask(draws[f"{name}_missing"])

    return pd.DataFrame(
        {
            "message_id": pd.Series(np.arange(len(draws["day"]))).map("syn-{:09d}".format).to_numpy(),
            "sender": codes[draws["sender"]],
            "recipient": codes[draws["recipient"]],
            "day": draws["day"],
            "year": draws["year"],
            "kind": np.array(_KINDS, dtype=object)[draws["kind"]],
            "occasion": np.array(_OCCASIONS, dtype=object)[draws["occasion"]],
            "level": draws["level"],
            "occasion_day": nullable("occasion_day", "Int64"),
            "date_kind": np.array(DATE_KINDS, dtype=object)[draws["date_kind"]],
            "report_delay": nullable("report_delay", "Int64"),
            "warmth": nullable("warmth", "Float64"),
            "ties_year": nullable("ties_year", "Int64"),
            "source": "synthetic",
        }
    )[list(EVENT_COLUMNS)]


def _as_arrow(draws: dict[str, np.ndarray], n_countries: int):
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(codes: np.ndarray, vocabulary) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), pa.array(list(vocabulary))).cast(pa.string())

    def nullable(name: str) -> pa.Array:
        return pa.array(draws[name], mask=draws[f"{name}_missing"])

    n = len(draws["day"])
    numbers = pc.utf8_lpad(pc.cast(pa.array(np.arange(n)), pa.string()), width=9, padding="0")
    columns = {
        "message_id": pc.binary_join_element_wise("syn-", numbers, ""),
        "sender": text(draws["sender"], _codes(n_countries)),
        "recipient": text(draws["recipient"], _codes(n_countries)),
        "day": pa.array(draws["day"]),
        "year": pa.array(draws["year"]),
        "kind": text(draws["kind"], _KINDS),
        "occasion": text(draws["occasion"], _OCCASIONS),
        "level": pa.array(draws["level"]),
        "occasion_day": nullable("occasion_day"),
        "date_kind": text(draws["date_kind"], DATE_KINDS),
        "report_delay": nullable("report_delay"),
        "warmth": nullable("warmth"),
        "ties_year": nullable("ties_year"),
        "source": pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, np.int32)), pa.array(["synthetic"])).cast(
            pa.string()
        ),
    }
    return pa.table({name: columns[name] for name in EVENT_COLUMNS})
