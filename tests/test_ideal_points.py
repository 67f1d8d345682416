"""Bailey-Strezhnev-Voeten ideal points (July 2025 release) and their distances per dyad-year."""

import numpy as np
import pandas as pd
import pytest

from helpers import provenance, sources
from helpers.unvotes.ideal_points import ideal_point_distance, load_ideal_points


@pytest.fixture(scope="module")
def points():
    return load_ideal_points()


def test_registered_with_pinned_url_checksum_and_citation():
    source = sources.registry()["un_ideal_points"]
    assert source.path == "voeten/IdealpointsJuly2025.dta"
    assert source.sha256 == "fea7fa9414e3643586dbdf95baa1100ceb418e56684d79d801a146cad79443ce"
    assert "/raw/00de4ce7f259894dd3f9c1ea7006b192be4dcb74/" in source.url
    assert "doi:10.7910/DVN/LEJUQZ" in source.citation and source.licence


def test_rows_years_columns_and_known_values(points):
    assert len(points) == 11_440
    assert (points.year.min(), points.year.max()) == (1946, 2024)
    assert list(points.columns[:7]) == [
        "ccode",
        "iso3",
        "countryname",
        "year",
        "idealpointfp",
        "idealpointall",
        "idealpointlegacy",
    ]
    assert not points.dropna(subset=["iso3"]).duplicated(["iso3", "year"]).any()
    usa = points.dropna(subset=["iso3"]).set_index(["iso3", "year"]).sort_index()
    assert usa.loc[("USA", 2024), "idealpointfp"] == pytest.approx(2.206202, abs=1e-6)
    assert usa.loc[("USA", 1946), "idealpointall"] == pytest.approx(1.887774, abs=1e-6)
    assert usa.loc[("PRK", 2019), "idealpointfp"] == pytest.approx(-0.264566, abs=1e-6)
    # 2024: frozen-parameter estimate only
    assert points.loc[points.year == 2024, "idealpointall"].isna().all()
    assert points.loc[points.year == 2024, "idealpointfp"].notna().sum() == 191
    # the two Yemens before 1990 ("YAR" twice in the file) carry the codes of the UN votes
    assert set(points.loc[points.ccode.isin([678, 680]), "iso3"].dropna()) == {"YEM", "YMD"}
    assert int(points.iso3.isna().sum()) == 17  # placeholder rows without code, name or estimate
    assert points.loc[points.iso3.isna(), "idealpointfp"].isna().all()


def test_the_read_is_recorded_for_the_manifest(points):
    read = provenance.files_read()
    assert [read[label] for label in read if label.endswith("IdealpointsJuly2025.dta")] == [
        sources.registry()["un_ideal_points"].sha256
    ]


def test_distance_per_dyad_year(points):
    distance = ideal_point_distance(points)
    assert list(distance.columns) == ["country_a", "country_b", "year", "distance"]
    assert distance.year.max() == 2024 and (distance.country_a != distance.country_b).all()
    assert not distance.duplicated(["country_a", "country_b", "year"]).any()
    pair = distance[(distance.year == 2024) & (distance.country_a == "USA") & (distance.country_b == "PRK")]
    assert pair.distance.item() == pytest.approx(2.206202 + 0.794029, abs=1e-5)
    reverse = distance[(distance.year == 2024) & (distance.country_a == "PRK") & (distance.country_b == "USA")]
    assert reverse.distance.item() == pair.distance.item()
    assert len(distance[distance.year == 2024]) == 191 * 190
    # idealpointall has no 2024 estimate
    assert ideal_point_distance(points, estimate="idealpointall").year.max() == 2023


def test_distance_on_a_hand_table():
    table = pd.DataFrame(
        {"iso3": ["AAA", "BBB", "CCC", "DDD"], "year": [2000, 2000, 2000, 2001], "idealpointfp": [1.0, -0.5, np.nan, 2]}
    )
    result = ideal_point_distance(table)
    assert result.to_dict("list") == {
        "country_a": ["AAA", "BBB"],
        "country_b": ["BBB", "AAA"],
        "year": [2000, 2000],
        "distance": [1.5, 1.5],
    }
