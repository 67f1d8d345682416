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
    n_events: int = 10_000, n_countries: int = 190, first_year: int = 1995, n_years: int = 30, seed: int = 0
) -> pd.DataFrame:
    """SYNTHETIC events with EVENT_COLUMNS: busy and quiet countries, recurring occasions on fixed days per
    recipient (messages within a few days of them), ad hoc messages on any day.

    >>> events = synthetic_events(1_000, n_countries=20, n_years=5, seed=1)
    >>> len(events), events.sender.nunique() <= 20, int(events.year.min()), int(events.year.max())
    (1000, True, 1995, 1999)
    """
    rng = np.random.default_rng(seed)
    codes = np.array([f"S{i:03d}" for i in range(n_countries)], dtype=object)
    activity = rng.lognormal(0.0, 1.0, n_countries)
    pair_weight = np.outer(activity, activity)
    np.fill_diagonal(pair_weight, 0.0)
    pair = rng.choice(n_countries * n_countries, size=n_events, p=(pair_weight / pair_weight.sum()).ravel())
    sender, recipient = np.divmod(pair, n_countries)
    year = first_year + rng.integers(0, n_years, n_events)
    year_start = dict(zip(range(first_year, first_year + n_years), _first_day_of_year(np.arange(n_years) + first_year)))
    start = pd.Series(year).map(year_start).to_numpy()
    recurring = rng.random(n_events) < 0.6
    occasion_index = rng.integers(0, len(RECURRING_OCCASIONS), n_events)
    fixed_day = (recipient * 37 + occasion_index * 53) % 350  # each recipient's occasion has its own day of year
    occasion_day = start + fixed_day
    day = np.where(recurring, occasion_day + rng.integers(-2, 6, n_events), start + rng.integers(0, 365, n_events))
    day = np.clip(day, start, start + 364)
    occasion = np.where(
        recurring,
        np.array(RECURRING_OCCASIONS, dtype=object)[occasion_index],
        np.array(_AD_HOC, dtype=object)[rng.integers(0, len(_AD_HOC), n_events)],
    )
    date_kind = np.array(DATE_KINDS, dtype=object)[rng.choice(4, n_events, p=(0.3, 0.05, 0.05, 0.6))]
    levels = np.array(sorted(set(LEVEL_OF_ROLE.values())))
    coded = rng.random(n_events) < 0.2
    ties = rng.integers(1950, 2000, (n_countries, n_countries)).astype(float)
    ties[rng.random((n_countries, n_countries)) < 0.1] = np.nan
    ties = np.minimum(ties, ties.T)
    return pd.DataFrame(
        {
            "message_id": pd.Series(np.arange(n_events)).map("syn-{:09d}".format).to_numpy(),
            "sender": codes[sender],
            "recipient": codes[recipient],
            "day": day.astype("int64"),
            "year": year.astype("int64"),
            "kind": np.array(_KINDS, dtype=object)[rng.choice(len(_KINDS), n_events, p=_KIND_WEIGHTS)],
            "occasion": occasion,
            "level": rng.choice(levels, n_events, p=(0.05, 0.15, 0.2, 0.2, 0.4)).astype("int64"),
            "occasion_day": pd.Series(occasion_day, dtype="Int64").where(recurring),
            "date_kind": date_kind,
            "report_delay": pd.Series(rng.integers(0, 4, n_events), dtype="Int64").where(date_kind == "sent"),
            "warmth": pd.Series(rng.poisson(1.0, n_events), dtype="Float64").where(coded),
            "ties_year": pd.Series(ties[sender, recipient], dtype="Float64").astype("Int64"),
            "source": "synthetic",
        }
    )[list(EVENT_COLUMNS)]
