import pandas as pd
import pytest

from helpers.countries import UnknownCountryError, alias_table, known_iso3, resolve_countries, to_iso3

# Names as KCNA writes them -> ISO3 (from the foundation issue and the corpus)
KCNA_NAMES = {
    "Lao": "LAO",
    "Syrian": "SYR",
    "DPRK": "PRK",
    "S. Korea": "KOR",
    "S. Korean": "KOR",
    "Democratic Congo": "COD",
    "Congolese": "COG",
    "Chinese": "CHN",
    "PRC": "CHN",
    "ROK": "KOR",
    "GDR": "DDR",
    "Yugoslavia": "YUG",
    "Czechoslovakia": "CSK",
    "Russian": "RUS",
    "Palestinian": "PSE",
    "Nigerien": "NER",
    "Nigerian": "NGA",
    "Equatorial Guinean": "GNQ",
    "Guinea-Bissau": "GNB",
    "Mozambican": "MOZ",
    "Guyanese": "GUY",
    "Ivorian": "CIV",
    "Cuban": "CUB",
    "Iranian": "IRN",
}


@pytest.mark.parametrize("name, iso3", KCNA_NAMES.items())
def test_kcna_names(name, iso3):
    assert to_iso3([name]).tolist() == [iso3]


@pytest.mark.parametrize("row", list(alias_table().itertuples()), ids=lambda r: r.alias)
def test_every_alias_resolves_as_its_table_row_says(row):
    report = resolve_countries([row.alias])
    assert report.loc[0, "status"] == row.status
    if row.status == "alias":
        assert report.loc[0, "iso3"] == row.iso3
        assert row.iso3 in known_iso3()
    else:
        assert report.loc[0, "iso3"] is None


def test_korea_alone_is_ambiguous_and_reported():
    with pytest.raises(UnknownCountryError) as error:
        to_iso3(["Korea", "Lao", "Korea"])
    assert "'Korea' (ambiguous, 2 rows)" in str(error.value)


def test_unknown_names_are_reported_not_guessed():
    with pytest.raises(UnknownCountryError, match="'Narnia' \\(unknown\\)"):
        to_iso3(["Syrian", "Narnia"], context="test file")
    assert to_iso3(["Syrian", "Narnia"], unknown="na").isna().tolist() == [False, True]


def test_mapping_keeps_index_and_missing_values():
    names = pd.Series(["Lao", None, "  Cuban. "], index=[10, 20, 30])
    result = to_iso3(names)
    assert result.index.tolist() == [10, 20, 30]
    assert result[10] == "LAO" and pd.isna(result[20]) and result[30] == "CUB"


def test_czechoslovakia_is_not_czechia_and_historical_codes_are_known():
    assert to_iso3(["Czechoslovakia", "Czech Republic"]).tolist() == ["CSK", "CZE"]
    assert {"SUN", "YUG", "SCG", "DDR", "CSK", "XKX", "PSE", "TWN", "NAM"} <= known_iso3()
