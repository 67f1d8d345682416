"""Office holders (data/curated/leaders.csv): who held which office when, and in what role a DPRK principal acts.

>>> office_holder("CHN", "head_of_state", "2024-09-09")
'Xi Jinping'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from .curated import load_curated
from .vocabularies import OFFICE_ROLE, OFFICES


@lru_cache(maxsize=1)
def leaders() -> pd.DataFrame:
    """The validated leaders table (cached: read once per process)."""
    return load_curated("leaders")


def fold_name(name: str) -> str:
    """A person's name for matching across spellings: lower-case ASCII, hyphens as spaces.

    >>> fold_name("Hong Song-nam"), fold_name("Raúl Castro")
    ('hong song nam', 'raul castro')
    """
    ascii_name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(ascii_name.replace("-", " ").lower().split())


def office_holder(iso3: str, office: str, date) -> str | None:
    """Who held `office` (head_of_state | head_of_government | party_leader | supreme_leader | foreign_minister) of
    `iso3` on `date`; None when the table has nobody for that day.

    >>> office_holder("CHN", "head_of_state", "2024-09-09")
    'Xi Jinping'
    """
    date = pd.Timestamp(date)
    table = leaders()
    match = table[
        (table.country_iso3 == iso3)
        & (table.office == office)
        & (table.start <= date)
        & (table.end.isna() | (table.end >= date))
    ]
    return None if match.empty else str(match.sort_values("start").iloc[-1]["name"])


def office_holders(countries: pd.Series, offices: pd.Series, dates: pd.Series) -> pd.Series:
    """Vectorised office_holder: the holder's name for each (country, office, date), '' where unknown."""
    frame = pd.DataFrame(
        {
            "country_iso3": countries.to_numpy(),
            "office": offices.to_numpy(),
            "date": pd.to_datetime(dates).to_numpy(),
            "row": np.arange(len(countries)),
        }
    )
    terms = leaders()[["country_iso3", "office", "name", "start", "end"]]
    pairs = frame.merge(terms, on=["country_iso3", "office"])
    pairs = pairs[(pairs["start"] <= pairs["date"]) & (pairs["end"].isna() | (pairs["end"] >= pairs["date"]))]
    latest = pairs.sort_values("start").drop_duplicates("row", keep="last").set_index("row")["name"]
    return pd.Series(latest.reindex(range(len(countries))).fillna("").to_numpy(), index=countries.index, dtype=object)


def office_coverage(start="1997-01-01", end="2025-12-31") -> pd.DataFrame:
    """Share of days from `start` to `end` for which leaders.csv names a holder, per country and office.

    >>> float(office_coverage().loc["PRK", "head_of_government"])
    1.0
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    total = (end - start).days + 1
    rows = []
    for (country, office), group in leaders().groupby(["country_iso3", "office"]):
        covered = np.zeros(total, dtype=bool)
        for term in group.itertuples():
            first = max(term.start, start)
            last = min(term.end if pd.notna(term.end) else end, end)
            if first <= last:
                covered[(first - start).days : (last - start).days + 1] = True
        rows.append({"country_iso3": country, "office": office, "share_of_days": covered.mean()})
    return pd.DataFrame(rows).pivot(index="country_iso3", columns="office", values="share_of_days").fillna(0.0)


@lru_cache(maxsize=1)
def dprk_offices() -> dict[str, str]:
    """DPRK principal (as KCNA spells the name: "Kim Yong Nam") -> the role of the highest office the person ever
    held in leaders.csv (OFFICES order). Undated: for a "counterpart" whose office the headline does not state."""
    table = leaders()
    table = table[table.country_iso3 == "PRK"]
    offices: dict[str, str] = {}
    for office in reversed(OFFICES):
        for name in table.loc[table.office == office, "name"]:
            offices[" ".join(part.capitalize() for part in fold_name(name).split())] = OFFICE_ROLE[office]
    return offices


def dprk_roles(principals: pd.Series, dates: pd.Series) -> pd.Series:
    """Role of each named DPRK principal on its date, from leaders.csv (the highest office held then, OFFICES
    order); 'unspecified' when no one is named or the name holds none of the offices in the table."""
    offices = leaders()
    offices = offices[offices.country_iso3 == "PRK"]
    result = pd.Series("unspecified", index=principals.index, dtype="object")
    offices = offices.assign(key=offices.name.map(fold_name))
    first_names = principals.fillna("").astype(str).str.split(";").str[0].str.strip().map(fold_name)
    for index, (name, date) in enumerate(zip(first_names, pd.to_datetime(dates))):
        if not name:
            continue
        held = offices[(offices.key == name) & (offices.start <= date) & (offices.end.isna() | (offices.end >= date))]
        for office in OFFICES:
            if (held.office == office).any():
                result.iloc[index] = OFFICE_ROLE[office]
                break
    return result
