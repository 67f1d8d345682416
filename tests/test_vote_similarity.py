"""Vote similarity per dyad-year: hand-worked tables, the fast counting against a slow reference (pandas self-join and
exact fractions), the command line, and Voeten's published agreement with the United States (qss_unvoting)."""

import math
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from helpers.unvotes.similarity import COLUMNS, YEAR_OFFSET, vote_similarity

CONVENTIONS = {
    "default": {},
    "half": {"abstain": "half"},
    "yes_no_only": {"yes_no_only": True},
    "keep_unanimous": {"exclude_unanimous": False},
}


# ---------------------------------------------------------------------------------------------------------------
# The reference: every step written out the slow, obvious way.


def reference_similarity(votes, *, abstain="vote", yes_no_only=False, exclude_unanimous=True):
    """Self-join the votes on roll call, then compute every measure per dyad-year with exact fractions."""
    v = votes[["rcid", "session", "country_iso3", "vote"]].copy()
    v["vote"] = v["vote"].astype(object)
    v = v[v["vote"].isin(["yes", "abstain", "no"]) & v["country_iso3"].notna()]
    if yes_no_only:
        v = v[v["vote"] != "abstain"]
    v = v.drop_duplicates(["rcid", "country_iso3"], keep="first")
    v["year"] = v["session"] + YEAR_OFFSET
    if exclude_unanimous:
        kinds = v.groupby("rcid")["vote"].nunique()
        v = v[v["rcid"].map(kinds) > 1]
    pairs = v.merge(v, on=["rcid", "year"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["country_iso3_a"] != pairs["country_iso3_b"]]
    common = {
        key: (list(group["vote_a"]), list(group["vote_b"]))
        for key, group in pairs.groupby(["country_iso3_a", "country_iso3_b", "year"])
    }
    rows = []
    for year, members in v.groupby("year")["country_iso3"]:
        present = sorted(set(members))
        for a in present:
            for b in present:
                if a != b:
                    rows.append((a, b, year, *reference_measures(*common.get((a, b, year), ([], [])), abstain)))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"year": "int64", "n_common": "int64"})


def reference_measures(votes_a, votes_b, abstain):
    n = len(votes_a)
    if n == 0:
        return 0, math.nan, math.nan, math.nan, math.nan
    code = {"yes": 1, "abstain": 2, "no": 3}

    def weight(x, y):
        if x == y:
            return Fraction(1)
        if abstain == "half" and "abstain" in (x, y):
            return Fraction(1, 2)
        return Fraction(0)

    agreement = sum(weight(x, y) for x, y in zip(votes_a, votes_b)) / n
    distance = Fraction(sum(abs(code[x] - code[y]) for x, y in zip(votes_a, votes_b)), n)
    s_score = 1 - 2 * distance / 2
    share_a = {k: Fraction(votes_a.count(k), n) for k in code}
    share_b = {k: Fraction(votes_b.count(k), n) for k in code}
    pooled = {k: (share_a[k] + share_b[k]) / 2 for k in code}
    chance_kappa = sum(weight(k, m) * share_a[k] * share_b[m] for k in code for m in code)
    chance_pi = sum(weight(k, m) * pooled[k] * pooled[m] for k in code for m in code)
    kappa = (agreement - chance_kappa) / (1 - chance_kappa) if chance_kappa != 1 else math.nan
    pi = (agreement - chance_pi) / (1 - chance_pi) if chance_pi != 1 else math.nan
    return n, float(agreement), float(s_score), float(kappa), float(pi)


def assert_exactly_equal(fast, slow):
    assert list(fast.columns) == list(slow.columns) == COLUMNS
    assert len(fast) == len(slow)
    for column in COLUMNS:
        left, right = fast[column].to_numpy(), slow[column].to_numpy()
        if column.startswith("country"):
            assert (left == right).all(), column
        else:  # bit for bit, NaN where NaN
            assert np.array_equal(left, right, equal_nan=column not in ("year", "n_common")), column
            assert left.dtype == right.dtype, column


# ---------------------------------------------------------------------------------------------------------------
# Hand-worked tables


def table(rows, session=1):
    """rows: (rcid, country, vote) -> a votes frame of one session."""
    frame = pd.DataFrame(rows, columns=["rcid", "country_iso3", "vote"])
    return frame.assign(session=session)


def row(result, a, b, year=1946):
    found = result[(result.country_a == a) & (result.country_b == b) & (result.year == year)]
    assert len(found) == 1, (a, b, year)
    return found.iloc[0]


def test_unanimous_roll_call_is_excluded():
    votes = table(
        [(1, "AAA", "yes"), (1, "BBB", "yes"), (1, "CCC", "yes")]  # unanimous
        + [(2, "AAA", "yes"), (2, "BBB", "no"), (2, "CCC", "no")]
        + [(3, "AAA", "no"), (3, "BBB", "no"), (3, "CCC", "yes")]
    )
    default = row(vote_similarity(votes), "AAA", "BBB")
    assert default.n_common == 2 and default.agreement == 0.5 and default.s_score == 0.0
    kept = row(vote_similarity(votes, exclude_unanimous=False), "AAA", "BBB")
    assert kept.n_common == 3 and kept.agreement == pytest.approx(2 / 3)
    # a table of unanimous roll calls only leaves nothing to compare
    assert vote_similarity(votes[votes.rcid == 1]).empty


def test_no_common_votes_is_nan_not_zero():
    votes = table(
        [(1, "AAA", "yes"), (1, "CCC", "no")]  # BBB absent
        + [(2, "BBB", "yes"), (2, "CCC", "no")]  # AAA absent
    )
    result = row(vote_similarity(votes), "AAA", "BBB")
    assert result.n_common == 0
    assert result[["agreement", "s_score", "kappa", "pi"]].isna().all()
    assert row(vote_similarity(votes), "AAA", "CCC").agreement == 0.0  # a real zero stays zero


def test_abstentions_under_each_convention():
    # AAA and BBB: yes/abstain, no/no, yes/yes, abstain/no; CCC keeps every roll call divided.
    votes = table(
        [(1, "AAA", "yes"), (1, "BBB", "abstain"), (1, "CCC", "no")]
        + [(2, "AAA", "no"), (2, "BBB", "no"), (2, "CCC", "yes")]
        + [(3, "AAA", "yes"), (3, "BBB", "yes"), (3, "CCC", "no")]
        + [(4, "AAA", "abstain"), (4, "BBB", "no"), (4, "CCC", "yes")]
    )
    default = row(vote_similarity(votes), "AAA", "BBB")
    assert default.n_common == 4 and default.agreement == 0.5
    # S: distances 1, 0, 0, 1 on yes=1/abstain=2/no=3 -> d = 1/2, S = 1 - 2 * (1/2) / 2
    assert default.s_score == 0.5
    # kappa: AAA yes 2, abstain 1, no 1; BBB yes 1, abstain 1, no 2 -> p_e = (2*1 + 1*1 + 1*2) / 16 = 5/16
    assert default.kappa == float((Fraction(1, 2) - Fraction(5, 16)) / (1 - Fraction(5, 16)))
    # pi: pooled yes 3/8, abstain 2/8, no 3/8 -> p_e = (9 + 4 + 9) / 64 = 22/64
    assert default.pi == float((Fraction(1, 2) - Fraction(22, 64)) / (1 - Fraction(22, 64)))
    half = row(vote_similarity(votes, abstain="half"), "AAA", "BBB")
    assert half.agreement == 0.75 and half.s_score == 0.5  # two half agreements; S does not change
    assert half.s_score == 2 * half.agreement - 1  # S is the half-credit agreement rescaled
    yes_no = row(vote_similarity(votes, yes_no_only=True), "AAA", "BBB")
    assert yes_no.n_common == 2 and yes_no.agreement == 1.0 and yes_no.s_score == 1.0
    assert yes_no.kappa == 1.0  # AAA no, yes; BBB no, yes: p_e = 1/2, p_o = 1
    with pytest.raises(ValueError, match="yes_no_only"):
        vote_similarity(votes, yes_no_only=True, abstain="half")
    with pytest.raises(ValueError, match="abstain must be"):
        vote_similarity(votes, abstain="ignore")


def test_country_joining_mid_period():
    first = table([(1, "AAA", "yes"), (1, "BBB", "no"), (2, "AAA", "no"), (2, "BBB", "no"), (2, "CCC", "yes")])
    second = table(
        [(3, "AAA", "yes"), (3, "BBB", "yes"), (3, "NEW", "no")]  # NEW joins in the second year
        + [(4, "AAA", "yes"), (4, "BBB", "no"), (4, "NEW", "yes")],
        session=2,
    )
    result = vote_similarity(pd.concat([first, second]))
    assert not ((result.year == 1946) & result.country_a.isin(["NEW"])).any()  # not a member yet: no row
    assert row(result, "AAA", "NEW", 1947).n_common == 2
    assert row(result, "AAA", "NEW", 1947).agreement == 0.5
    assert not ((result.year == 1947) & (result.country_a == "CCC")).any()  # CCC cast no vote in 1947
    # joining part-way through a year: only the roll calls after joining are common
    late = table([(1, "AAA", "yes"), (1, "BBB", "no"), (2, "AAA", "no"), (2, "BBB", "no"), (2, "LAT", "yes")])
    assert row(vote_similarity(late), "AAA", "LAT").n_common == 1
    assert row(vote_similarity(late), "AAA", "BBB").n_common == 2


def test_both_orders_same_values_and_year_is_session_plus_1945():
    votes = table([(1, "AAA", "yes"), (1, "BBB", "no"), (1, "CCC", "yes")], session=74)
    result = vote_similarity(votes)
    assert set(result.year) == {2019}
    forward = result.set_index(["country_a", "country_b"]).sort_index()
    backward = result.set_index(["country_b", "country_a"]).sort_index()
    backward.index.names = forward.index.names
    pd.testing.assert_frame_equal(forward, backward, check_exact=True)


def test_calendar_year_instead_of_session():
    votes = table([(1, "AAA", "yes"), (1, "BBB", "no"), (2, "AAA", "no"), (2, "BBB", "no"), (2, "CCC", "yes")], 3)
    votes["date"] = pd.to_datetime(["1948-12-01"] * 2 + ["1949-04-01"] * 3)
    assert set(vote_similarity(votes).year) == {1948}
    by_date = vote_similarity(votes, year="date")
    assert row(by_date, "AAA", "BBB", 1948).agreement == 0.0 and row(by_date, "AAA", "BBB", 1949).agreement == 1.0
    with pytest.raises(ValueError, match="year must be"):
        vote_similarity(votes, year="calendar")


# ---------------------------------------------------------------------------------------------------------------
# Fast against the reference on random subsets of the real votes


@pytest.mark.parametrize("convention", list(CONVENTIONS))
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_fast_equals_reference_exactly_on_random_subsets(un_votes, seed, convention):
    rng = np.random.default_rng(seed)
    sessions = rng.choice(un_votes.session.unique(), size=3, replace=False)
    countries = rng.choice(un_votes.country_iso3.unique(), size=25, replace=False)
    subset = un_votes[un_votes.session.isin(sessions) & un_votes.country_iso3.isin(countries)]
    subset = subset[rng.random(len(subset)) < 0.85]  # irregular absences
    fast = vote_similarity(subset, **CONVENTIONS[convention])
    assert len(fast) > 500
    assert_exactly_equal(fast, reference_similarity(subset, **CONVENTIONS[convention]))


@pytest.mark.parametrize("convention", list(CONVENTIONS))
def test_fast_equals_reference_where_one_code_votes_twice(un_votes, convention):
    # Session 18 (1963): "Tanzania" (Tanganyika) and Zanzibar both vote as TZA on two roll calls; the first is kept.
    subset = un_votes[(un_votes.session == 18) & un_votes.country_iso3.isin(["TZA", "USA", "SUN", "IND", "GBR"])]
    assert subset.duplicated(["rcid", "country_iso3"]).sum() == 2
    fast = vote_similarity(subset, **CONVENTIONS[convention])
    assert_exactly_equal(fast, reference_similarity(subset, **CONVENTIONS[convention]))


@pytest.mark.parametrize("seed", [10, 11, 12])
def test_fast_equals_reference_on_random_synthetic_votes(seed):
    # Small random tables reach the corners: single-kind voters (kappa undefined), empty dyads, all-unanimous years.
    rng = np.random.default_rng(seed)
    rows = [
        (rcid, f"C{country:02d}", rng.choice(["yes", "abstain", "no"], p=[0.7, 0.2, 0.1]), 1 + rcid // 8)
        for rcid in range(40)
        for country in range(12)
        if rng.random() < 0.6
    ]
    votes = pd.DataFrame(rows, columns=["rcid", "country_iso3", "vote", "session"])
    for options in CONVENTIONS.values():
        assert_exactly_equal(vote_similarity(votes, **options), reference_similarity(votes, **options))


def test_full_table_shape_and_ranges(un_votes):
    result = vote_similarity(un_votes)
    assert list(result.columns) == COLUMNS
    assert (result.year.min(), result.year.max()) == (1946, 2019)
    assert not result.duplicated(["country_a", "country_b", "year"]).any()
    assert (result.country_a != result.country_b).all()
    measured = result.dropna(subset=["agreement"])
    assert measured.agreement.between(0, 1).all() and measured.s_score.between(-1, 1).all()
    assert result.kappa.dropna().le(1).all() and result.pi.dropna().le(1).all()
    half = vote_similarity(un_votes, abstain="half")
    assert np.allclose(result.s_score, 2 * half.agreement - 1, equal_nan=True)


# ---------------------------------------------------------------------------------------------------------------
# Command line


def run_cli(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "helpers.unvotes", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_cli_agreement_with_usa(tmp_path, un_votes):
    output = tmp_path / "out.csv"
    result = run_cli("agreement", "--with", "USA", "--output", str(output), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(output, keep_default_na=False, na_values=[""])
    assert list(table.columns[:3]) == ["country", "year", "agreement"]
    assert {"s_score", "kappa", "pi", "n_common"} <= set(table.columns)
    assert not table.duplicated(["country", "year"]).any() and "USA" not in set(table.country)
    assert "NAM" in set(table.country)  # Namibia's ISO2 "NA" survives the round trip
    expected = vote_similarity(un_votes)
    expected = expected[expected.country_b == "USA"].set_index(["country_a", "year"]).agreement
    got = table.set_index(["country", "year"]).agreement
    assert np.allclose(got.sort_index(), expected.sort_index().to_numpy(), equal_nan=True)


def test_cli_unknown_code_is_one_line_error(tmp_path):
    result = run_cli("agreement", "--with", "XYZ", "--output", str(tmp_path / "out.csv"), cwd=tmp_path)
    assert result.returncode != 0
    assert "XYZ" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


# ---------------------------------------------------------------------------------------------------------------
# Validation against Voeten's published agreement with the United States (qss `unvoting`, PctAgreeUS)

# Names the published file writes in Correlates-of-War form; Zanzibar (1963 only) shares TZA with Tanganyika.
QSS_NAMES = {"German Federal Republic": "DEU", "German Democratic Republic": "DDR", "Yemen People's Republic": "YMD"}


@pytest.fixture(scope="module")
def published_vs_computed(un_votes):
    from helpers.countries import to_iso3
    from helpers.sources import fetch

    published = pd.read_csv(fetch("qss_unvoting"))
    # two rows named Nauru per year in 2000-2012 (one is Kiribati): neither can be told apart, both dropped
    published = published[~published.duplicated(["CountryName", "Year"], keep=False)]
    published = published[published.CountryName != "Zanzibar"]
    named = published.CountryName.where(~published.CountryName.isin(QSS_NAMES))
    published = published.assign(iso3=published.CountryName.map(QSS_NAMES).fillna(to_iso3(named)))
    assert not published.duplicated(["iso3", "Year"]).any()
    computed = vote_similarity(un_votes)
    computed = computed[computed.country_b == "USA"]
    merged = published.merge(computed, left_on=["iso3", "Year"], right_on=["country_a", "year"])
    return merged.dropna(subset=["PctAgreeUS", "agreement"])


def test_agreement_matches_voeten_published_agreement_with_usa(published_vs_computed):
    merged = published_vs_computed
    assert merged.PctAgreeUS.between(0, 1).all()  # a share, not a percentage
    assert len(merged) > 8_900
    difference = (merged.agreement - merged.PctAgreeUS).abs()
    r = np.corrcoef(merged.agreement, merged.PctAgreeUS)[0, 1]
    print(f"\nagreement with USA vs PctAgreeUS: n={len(merged)}, r={r:.4f}, median |diff|={difference.median():.2e}")
    assert r > 0.975  # measured 0.9805
    assert difference.median() < 1e-6  # measured 3.3e-08: the published figures are our default convention
    early = merged.Year <= 1996
    # to 1996 (session 51) the published shares equal ours to their 7-8 printed digits
    assert early.sum() > 5_000 and difference[early].max() < 1e-6
    # from 1997 the published series was computed from a different vintage of the votes: close, not equal
    late_r = np.corrcoef(merged.agreement[~early], merged.PctAgreeUS[~early])[0, 1]
    print(
        f"1946-1996 share equal: {(difference[early] < 1e-6).mean():.4f}; 1997-2012 r={late_r:.4f}, "
        f"median |diff|={difference[~early].median():.4f}"
    )
    assert late_r > 0.9 and difference[~early].median() < 0.1
