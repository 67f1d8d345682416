"""UN General Assembly ideal points of Bailey, Strezhnev and Voeten (July 2025 release, 1946-2024) and their
distances per dyad-year.

Source `un_ideal_points` (data/sources.toml): Bailey, Strezhnev & Voeten, "United Nations General Assembly Voting
Data", Harvard Dataverse, doi:10.7910/DVN/LEJUQZ. One row per country-year: `idealpointfp` is the estimate with
frozen item parameters, `idealpointall` the one estimated from all votes, `idealpointlegacy` the older method;
`nvotes*` the votes behind each, `q*` quantiles of the estimates. **2024 has only the frozen-parameter estimate**
(`idealpointall` and `idealpointlegacy` are empty there), so series that must reach 2024 use `idealpointfp`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..rdata import require_columns
from ..sources import SourceError, fetch

SOURCE = "un_ideal_points"
ESTIMATES = ("idealpointfp", "idealpointall", "idealpointlegacy")
# The file writes "YAR" (no ISO3 code) for both Yemens before 1990; helpers.unvotes codes them YEM and YMD.
_CCODE_ISO3 = {678: "YEM", 680: "YMD"}


def load_ideal_points() -> pd.DataFrame:
    """One row per country-year (11,440 rows, 1946-2024): ccode (Correlates of War), iso3, countryname, year,
    idealpointfp, idealpointall, idealpointlegacy, then the vote counts and quantiles of the source file.

    Read with `pandas.read_stata`; the file is fetched and checked by sha256 through the sources registry, which
    records the read for the figure manifest. `iso3` is the file's `iso3c`, except: the Yemen Arab Republic
    (ccode 678) and the Yemen People's Republic (680), both "YAR" in the file, become YEM and YMD as in the UN votes;
    17 placeholder rows with no code, no name and no estimate keep an empty (<NA>) iso3. (iso3, year) is unique
    where iso3 is given. 2024 has only `idealpointfp`.

    >>> points = load_ideal_points()
    >>> len(points), int(points.year.min()), int(points.year.max())
    (11440, 1946, 2024)
    >>> points.loc[points.year == 2024, "idealpointall"].notna().sum()
    np.int64(0)
    """
    path = fetch(SOURCE)
    try:
        raw = pd.read_stata(path)
    except Exception as error:  # pandas raises several types for unreadable Stata files
        raise SourceError(f"{SOURCE}: {path} could not be read as a Stata file ({error})") from error
    require_columns(raw, ["ccode", "iso3c", "countryname", "year", *ESTIMATES], SOURCE)
    iso3 = raw["iso3c"].astype("string").replace("", pd.NA)
    fixed = raw["ccode"].map(_CCODE_ISO3).where(raw["iso3c"] == "YAR")
    iso3 = iso3.mask(fixed.notna(), fixed).astype("string")
    frame = raw.drop(columns=["iso3c"]).assign(
        ccode=raw["ccode"].astype("int64"),
        iso3=iso3,
        countryname=raw["countryname"].astype("string").replace("", pd.NA),
        year=raw["year"].astype("int64"),
    )
    first = ["ccode", "iso3", "countryname", "year", *ESTIMATES]
    frame = frame[first + [column for column in frame.columns if column not in first]]
    duplicated = frame[frame["iso3"].notna() & frame.duplicated(["iso3", "year"], keep=False)]
    if len(duplicated):
        raise SourceError(f"{SOURCE}: (iso3, year) repeated: {duplicated[['iso3', 'year']].head().values.tolist()}")
    return frame.reset_index(drop=True)


def ideal_point_distance(ideal_points: pd.DataFrame | None = None, *, estimate: str = "idealpointfp") -> pd.DataFrame:
    """Distance of ideal points per dyad-year: country_a, country_b, year, distance = |estimate_a - estimate_b|.

    Every ordered pair (a, b), a != b, of countries with an estimate in the year (both orders, same value), sorted
    by year, country_a, country_b. The default `idealpointfp` is the only estimate for 2024; with
    `estimate="idealpointall"` the table stops at 2023. `ideal_points` defaults to `load_ideal_points()`.

    >>> points = pd.DataFrame({"iso3": ["USA", "RUS", "CHN"], "year": 2024, "idealpointfp": [2.0, -1.0, -1.5]})
    >>> ideal_point_distance(points).head(2).to_dict("list")
    {'country_a': ['CHN', 'CHN'], 'country_b': ['RUS', 'USA'], 'year': [2024, 2024], 'distance': [0.5, 3.5]}
    """
    if ideal_points is None:
        ideal_points = load_ideal_points()
    require_columns(ideal_points, ["iso3", "year", estimate], "ideal_points")
    known = ideal_points.dropna(subset=["iso3", estimate]).sort_values(["year", "iso3"], kind="stable")
    parts = []
    for year, group in known.groupby("year", sort=True):
        codes = group["iso3"].to_numpy(dtype=object)
        values = group[estimate].to_numpy(dtype=np.float64)
        a, b = np.nonzero(~np.eye(len(codes), dtype=bool))
        parts.append(
            pd.DataFrame(
                {
                    "country_a": codes[a],
                    "country_b": codes[b],
                    "year": np.full(len(a), year, dtype=np.int64),
                    "distance": np.abs(values[a] - values[b]),
                }
            )
        )
    if not parts:
        return pd.DataFrame({"country_a": [], "country_b": [], "year": [], "distance": []})
    return pd.concat(parts, ignore_index=True)
