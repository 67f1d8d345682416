"""Country names, demonyms and abbreviations (as KCNA and other sources write them) to ISO 3166-1 alpha-3.

Built on country_converter, plus a small alias table (country_aliases.csv, beside this file) for what it misses or
gets wrong for this corpus (Korean, Chinese, ROK, Yugoslavia, GDR, Czechoslovakia ...). Unique values are converted
once and then mapped, so a 100k-row column costs as much as its distinct names. Unknown or ambiguous names are
reported, never guessed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from .provenance import record_read
from .vocabularies import MULTI  # noqa: F401  (re-exported: several or unspecified countries)

# Codes of states that no longer exist, or are not in ISO 3166-1, that appear in the data.
HISTORICAL_CODES = {
    "SUN": "Soviet Union",
    "YUG": "Yugoslavia",
    "SCG": "Serbia and Montenegro",
    "DDR": "German Democratic Republic",
    "CSK": "Czechoslovakia",
    "YMD": "South Yemen",
    "XKX": "Kosovo",
}


class UnknownCountryError(ValueError):
    """Names that could not be mapped to one ISO3 code; `report` lists them with their status."""

    def __init__(self, report: pd.DataFrame, context: str = ""):
        self.report = report
        problems = "; ".join(
            f"{row.name!r} ({row.status}{', ' + str(row.count) + ' rows' if row.count > 1 else ''})"
            for row in report.itertuples()
        )
        where = f"{context}: " if context else ""
        super().__init__(f"{where}{len(report)} country name(s) could not be mapped to ISO3: {problems}")


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", str(name)).strip().strip(".,;:").strip()


@lru_cache(maxsize=1)
def alias_table() -> pd.DataFrame:
    """The alias table: alias, iso3 (empty when ambiguous), status (alias|ambiguous), note."""
    source = resources.files("helpers").joinpath("country_aliases.csv")
    with source.open(encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype=str, keep_default_na=False)
    record_read(Path(str(source)))
    duplicated = table["alias"].str.casefold().duplicated()
    if duplicated.any():
        raise ValueError(f"country_aliases.csv: duplicate alias(es) {table.loc[duplicated, 'alias'].tolist()}")
    return table


@lru_cache(maxsize=1)
def _converter():
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    return coco.CountryConverter()


@lru_cache(maxsize=1)
def known_iso3() -> frozenset[str]:
    """Every ISO3 code the project accepts: current ISO 3166-1 codes, PSE, TWN, XKX and historical states."""
    codes = set(_converter().data["ISO3"].dropna()) | set(HISTORICAL_CODES)
    return frozenset(codes)


def resolve_countries(names: Iterable[str]) -> pd.DataFrame:
    """One row per distinct name: name, iso3, status (alias | converted | ambiguous | unknown), note."""
    distinct = pd.unique(pd.Series(list(names), dtype="object").dropna().map(_clean))
    aliases = alias_table().assign(key=lambda t: t["alias"].map(_clean).str.casefold()).set_index("key")
    rows, to_convert = [], []
    for name in distinct:
        key = name.casefold()
        if key in aliases.index:
            hit = aliases.loc[key]
            rows.append({"name": name, "iso3": hit["iso3"] or None, "status": hit["status"], "note": hit["note"]})
        elif name:
            to_convert.append(name)
        else:
            rows.append({"name": name, "iso3": None, "status": "unknown", "note": "empty name"})
    if to_convert:
        converted = _converter().convert(to_convert, to="ISO3", not_found=None)
        converted = [converted] if isinstance(converted, str) else converted
        for name, code in zip(to_convert, converted):
            ok = isinstance(code, str) and code in known_iso3()
            rows.append(
                {
                    "name": name,
                    "iso3": code if ok else None,
                    "status": "converted" if ok else "unknown",
                    "note": "" if ok else "not in country_converter or the alias table",
                }
            )
    return pd.DataFrame(rows, columns=["name", "iso3", "status", "note"])


def to_iso3(names: Iterable[str] | pd.Series, *, unknown: str = "raise", context: str = "") -> pd.Series:
    """Map names to ISO3 (a string Series aligned with the input).

    unknown="raise" (default) raises UnknownCountryError listing every unknown or ambiguous name with its count;
    unknown="na" returns <NA> for them (use resolve_countries to see why).
    """
    if unknown not in {"raise", "na"}:
        raise ValueError("unknown must be 'raise' or 'na'")
    series = names if isinstance(names, pd.Series) else pd.Series(list(names), dtype="object")
    cleaned = series.map(_clean, na_action="ignore")
    report = resolve_countries(cleaned.dropna())
    lookup = dict(zip(report["name"], report["iso3"]))
    result = cleaned.map(lookup).astype("string")
    failed = report[report["iso3"].isna()]
    if unknown == "raise" and len(failed):
        counts = cleaned.value_counts()
        failed = failed.assign(count=failed["name"].map(counts).fillna(0).astype(int))
        raise UnknownCountryError(failed.reset_index(drop=True), context)
    return result


# ISO2 codes of former states, as the UN votes data writes them.
HISTORICAL_ISO2 = {"YU": "YUG", "CS": "CSK", "DD": "DDR", "SU": "SUN", "XK": "XKX", "YD": "YMD"}


def iso2_to_iso3(codes: Iterable[str], *, context: str = "") -> dict[str, str]:
    """ISO2 -> ISO3 for each distinct code (former states keep their own codes: SU -> SUN, DD -> DDR ...).

    >>> iso2_to_iso3(["KP", "NA", "SU"])
    {'KP': 'PRK', 'NA': 'NAM', 'SU': 'SUN'}

    Raises ValueError listing every code with no ISO3 code.
    """
    distinct = list(dict.fromkeys(code for code in codes if isinstance(code, str) and code))
    current = [code for code in distinct if code not in HISTORICAL_ISO2]
    converted = _converter().convert(current, src="ISO2", to="ISO3", not_found=None) if current else []
    converted = [converted] if isinstance(converted, str) else converted
    mapping = {code: iso for code, iso in zip(current, converted) if isinstance(iso, str) and iso != code}
    mapping.update({code: HISTORICAL_ISO2[code] for code in distinct if code in HISTORICAL_ISO2})
    missing = [code for code in distinct if code not in mapping]
    if missing:
        where = f"{context}: " if context else ""
        raise ValueError(f"{where}ISO2 code(s) with no ISO3 code: {missing}")
    return {code: mapping[code] for code in distinct}
