"""Vote similarity of every pair of countries in every year of the UN General Assembly, by vectorised counting.

For each year, each country's votes are one-hot matrices (countries x roll calls, one per vote value); one matrix
product gives, for every pair of countries at once, the 3 x 3 table of how often country a voted k while country b
voted l on the same roll call. Every measure is a ratio of two integers computed from that table, divided once
(so it is the correctly rounded value of the exact fraction). Nothing self-joins the votes table.

Conventions (parameters of `vote_similarity`; defaults first):

* votes are yes / abstain / no; absences and non-membership are not votes and are dropped (the unvotes data holds
  no rows for them); `yes_no_only=True` drops abstentions as well.
* a roll call on which every counted vote was the same (unanimous) is excluded (`exclude_unanimous`); unanimity is
  judged on the votes that count under the convention, over all countries in the table.
* year = session + 1945 (`year="session"`), so session 74 (2019-20) is 2019; `year="date"` uses the calendar year
  of the roll call.
* one code, one vote: when a country code holds more than one vote on a roll call (in the unvotes data only
  Tanganyika, named "Tanzania", and Zanzibar, both TZA, on two roll calls of 1963), the first row is kept.
* agreement = share of the roll calls on which both voted (n_common) on which they cast the same vote
  (`abstain="vote"`); with `abstain="half"` an abstention against a yes or a no counts half an agreement.

Measures, for countries a and b in a year, over their n common votes (n_kl = roll calls on which a voted k and
b voted l; agreement weights w_kl: 1 on the diagonal, 0 elsewhere, or 1/2 for abstain against yes or no):

* agreement p_o = sum_kl w_kl n_kl / n.
* Signorino-Ritter S (Signorino and Ritter 1999, "Tau-b or not tau-b: Measuring the similarity of foreign policy
  positions", International Studies Quarterly 43: 115-44): votes coded yes=1, abstain=2, no=3; d = mean |x_a - x_b|
  over the common votes; d_max = 2; S = 1 - 2 d / d_max, in [-1, 1]. S does not depend on `abstain`.
* Cohen's kappa and Scott's pi as proposed for foreign-policy similarity by Häge (2011, "Choice or Circumstance?
  Adjusting Measures of Foreign Policy Similarity for Chance Agreement", Political Analysis 19(3): 287-305):
  (p_o - p_e) / (1 - p_e), with chance agreement p_e = sum_kl w_kl m_ak m_bl. For kappa m_a and m_b are each
  country's own shares of yes/abstain/no over the dyad's common votes in the year; for pi both are the pooled
  shares (m_ak + m_bk) / 2. With the default weights this is the nominal kappa / pi; with `abstain="half"` it is the
  distance form 1 - D_o / D_e with linear (absolute) distances on the yes=1, abstain=2, no=3 scale.

Every measure is NaN, not 0, when n = 0 (both voted in the year but never on the same counted roll call); kappa and
pi are NaN when p_e = 1 (both cast a single kind of vote throughout). Rows: every ordered pair (a, b), a != b, of
countries with at least one counted vote in the year, so each dyad appears in both orders with the same values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from .loader import load_un_votes

VOTES = ("yes", "abstain", "no")  # index k of the count tables; S codes them k + 1
YEAR_OFFSET = 1945
COLUMNS = ["country_a", "country_b", "year", "n_common", "agreement", "s_score", "kappa", "pi"]
ABSTAIN_CONVENTIONS = ("vote", "half")


def agreement_weights(abstain: str = "vote") -> np.ndarray:
    """Twice the agreement weight w_kl of a vote pair (k, l), as integers; rows and columns are yes, abstain, no.

    >>> agreement_weights("half").tolist()
    [[2, 1, 0], [1, 2, 1], [0, 1, 2]]
    """
    if abstain not in ABSTAIN_CONVENTIONS:
        raise ValueError(f"abstain must be one of {ABSTAIN_CONVENTIONS}, not {abstain!r}")
    weights = 2 * np.eye(3, dtype=np.int64)
    if abstain == "half":
        weights[1, [0, 2]] = weights[[0, 2], 1] = 1
    return weights


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator of exact integers (one correctly rounded division), NaN where denominator is 0."""
    out = np.full(np.shape(numerator), np.nan)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def measures_from_counts(counts: np.ndarray, abstain: str = "vote") -> dict[str, np.ndarray]:
    """n_common, agreement, s_score, kappa, pi from count tables `counts[k, l, ...]` (how often a voted k and b
    voted l; k, l = yes, abstain, no; any trailing shape: one entry per pair).

    Each measure is an integer numerator over an integer denominator (the formulas multiplied through by 2n or 8n^2),
    held exactly in float64 and divided once:
    agreement = O / 2n with O = sum 2w_kl n_kl; S = (n - sum |k - l| n_kl) / n;
    kappa = (n O - E) / (2n^2 - E) with E = sum 2w_kl r_k c_l (r, c: a's and b's vote counts);
    pi = (4n O - F) / (8n^2 - F) with F = sum 2w_kl s_k s_l, s = r + c.

    >>> table = np.array([[3, 1, 0], [0, 1, 0], [0, 0, 1]])[:, :, None]  # one pair: 6 common votes, 5 alike
    >>> {name: round(float(value[0]), 4) for name, value in measures_from_counts(table).items()}
    {'n_common': 6.0, 'agreement': 0.8333, 's_score': 0.8333, 'kappa': 0.7143, 'pi': 0.7073}
    """
    counts = np.asarray(counts, dtype=np.float64)
    weights = agreement_weights(abstain)
    rows = [counts[k, 0] + counts[k, 1] + counts[k, 2] for k in range(3)]
    cols = [counts[0, m] + counts[1, m] + counts[2, m] for m in range(3)]
    n = rows[0] + rows[1] + rows[2]
    observed = 2 * (counts[0, 0] + counts[1, 1] + counts[2, 2])
    near = counts[0, 1] + counts[1, 0] + counts[1, 2] + counts[2, 1]  # |k - l| = 1: abstain against yes or no
    far = counts[0, 2] + counts[2, 0]  # |k - l| = 2: yes against no
    if abstain == "half":
        observed = observed + near

    def chance(left: list[np.ndarray], right: list[np.ndarray]) -> np.ndarray:  # sum_kl 2w_kl left_k right_l
        total = 0
        for k in range(3):
            weighted = sum(int(weights[k, m]) * right[m] for m in range(3) if weights[k, m])
            total = total + left[k] * weighted
        return total

    expected = chance(rows, cols)
    pooled = [rows[k] + cols[k] for k in range(3)]
    expected_pooled = chance(pooled, pooled)
    return {
        "n_common": n,
        "agreement": _ratio(observed, 2 * n),
        "s_score": _ratio(n - near - 2 * far, n),
        "kappa": _ratio(n * observed - expected, 2 * n * n - expected),
        "pi": _ratio(4 * n * observed - expected_pooled, 8 * n * n - expected_pooled),
    }


def votes_in_years(votes: pd.DataFrame, years) -> pd.DataFrame:
    """The rows of `votes` whose year, by the convention year = session + 1945, is in `years`.

    >>> votes = pd.DataFrame({"rcid": [1, 2, 3], "session": [59, 60, 66]})
    >>> votes_in_years(votes, range(2005, 2012)).rcid.tolist()
    [2, 3]
    """
    return votes[(votes["session"] + YEAR_OFFSET).isin(list(years))]


def counted_votes(
    votes: pd.DataFrame, *, yes_no_only: bool = False, exclude_unanimous: bool = True, year: str = "session"
) -> pd.DataFrame:
    """The votes that count under the conventions: rcid, year, country_iso3, vote (yes/abstain/no strings).

    >>> votes = pd.DataFrame({"rcid": [1, 1, 2, 2], "session": 1, "country_iso3": ["GBR", "USA"] * 2,
    ...                       "vote": ["yes", "yes", "yes", "abstain"]})
    >>> counted_votes(votes).to_dict("list")  # roll call 1 is unanimous
    {'rcid': [2, 2], 'year': [1946, 1946], 'country_iso3': ['GBR', 'USA'], 'vote': ['yes', 'abstain']}
    """
    arrays = _counted_arrays(votes, yes_no_only=yes_no_only, exclude_unanimous=exclude_unanimous, year=year)
    rcids, countries, rcid_index, country_index, code, rcid_year = arrays
    return pd.DataFrame(
        {
            "rcid": rcids[rcid_index],
            "year": rcid_year[rcid_index],
            "country_iso3": countries[country_index],
            "vote": np.array(VOTES, dtype=object)[code],
        }
    )


def _counted_arrays(votes: pd.DataFrame, *, yes_no_only: bool, exclude_unanimous: bool, year: str):
    year_column = {"session": "session", "date": "date"}.get(year)
    if year_column is None:
        raise ValueError(f"year must be 'session' or 'date', not {year!r}")
    missing = [c for c in ("rcid", "country_iso3", "vote", year_column) if c not in votes.columns]
    if missing:
        raise ValueError(f"votes: missing column(s) {missing}; found {list(votes.columns)}")
    code = pd.Categorical(votes["vote"], categories=list(VOTES)).codes.astype(np.int8)
    years = (votes["session"].to_numpy() + YEAR_OFFSET) if year == "session" else votes["date"].dt.year.to_numpy()
    rcid_index, rcids = pd.factorize(votes["rcid"].to_numpy(), sort=True)
    country_index, countries = pd.factorize(votes["country_iso3"].to_numpy(dtype=object), sort=True)
    keep = (code >= 0) & (country_index >= 0) & (rcid_index >= 0)
    if yes_no_only:
        keep &= code != 1
    rcid_index, country_index, code, years = rcid_index[keep], country_index[keep], code[keep], years[keep]
    # one vote per code and roll call: the first row in table order
    key = rcid_index.astype(np.int64) * len(countries) + country_index
    repeated = np.bincount(key, minlength=len(rcids) * len(countries))[key] > 1
    if repeated.any():
        rows = np.flatnonzero(repeated)
        _, first = np.unique(key[rows], return_index=True)
        keep = ~repeated
        keep[rows[first]] = True
        rcid_index, country_index, code, years = rcid_index[keep], country_index[keep], code[keep], years[keep]
    rcid_year = np.zeros(len(rcids), dtype=np.int64)
    rcid_year[rcid_index] = years
    if (rcid_year[rcid_index] != years).any():
        raise ValueError("votes: a roll call (rcid) falls in more than one year")
    if exclude_unanimous:
        kinds = np.zeros((len(rcids), 3), dtype=bool)
        kinds[rcid_index, code] = True
        divided = kinds.sum(axis=1) > 1
        keep = divided[rcid_index]
        rcid_index, country_index, code = rcid_index[keep], country_index[keep], code[keep]
    return np.asarray(rcids), np.asarray(countries, dtype=object), rcid_index, country_index, code, rcid_year


def vote_similarity(
    votes: pd.DataFrame | None = None,
    *,
    abstain: str = "vote",
    yes_no_only: bool = False,
    exclude_unanimous: bool = True,
    year: str = "session",
) -> pd.DataFrame:
    """Vote similarity of every ordered pair of countries in every year: country_a, country_b, year, n_common,
    agreement, s_score, kappa, pi (formulas, conventions and citations in the module docstring and in the codebook,
    data/processed/README.md, "UN vote similarity").

    `votes` has columns rcid, session (or date, with `year="date"`), country_iso3 and vote (yes/abstain/no; other
    values are dropped); by default the whole of `load_un_votes()`. Both orders of each dyad are returned, with the
    same values; sorted by year, country_a, country_b.

    >>> votes = pd.DataFrame({"rcid": [1, 1, 1, 2, 2, 2, 3, 3, 3], "session": 1,
    ...                       "country_iso3": ["CHN", "GBR", "USA"] * 3,
    ...                       "vote": ["yes", "yes", "no", "yes", "abstain", "no", "yes", "yes", "yes"]})
    >>> table = vote_similarity(votes)  # roll call 3 is unanimous: left out
    >>> print(table[table.country_a == "CHN"].round(3).to_string(index=False))
    country_a country_b  year  n_common  agreement  s_score  kappa     pi
          CHN       GBR  1946         2        0.5      0.5    0.0 -0.333
          CHN       USA  1946         2        0.0     -1.0    0.0 -1.000
    >>> float(vote_similarity(votes, abstain="half").query("country_a == 'CHN' and country_b == 'GBR'").agreement[0])
    0.75
    """
    if yes_no_only and abstain != "vote":
        raise ValueError("yes_no_only drops abstentions, so abstain= has no effect; leave it at 'vote'")
    if votes is None:
        votes = load_un_votes()
    rcids, countries, rcid_index, country_index, code, rcid_year = _counted_arrays(
        votes, yes_no_only=yes_no_only, exclude_unanimous=exclude_unanimous, year=year
    )
    # a dense countries x roll calls table of vote codes (-1: no counted vote), then one block of columns per year
    table = np.full((len(countries), len(rcids)), -1, dtype=np.int8)
    table[country_index, rcid_index] = code
    order = np.argsort(rcid_year, kind="stable")
    years, starts = np.unique(rcid_year[order], return_index=True)
    parts: dict[str, list[np.ndarray]] = {column: [] for column in COLUMNS}
    with threadpool_limits(limits=1, user_api="blas"):  # small products: BLAS threads only add contention
        for year_value, columns in zip(years, np.split(order, starts[1:])):
            _add_year(parts, table[:, columns], year_value, abstain)
    if not parts["year"]:
        return pd.DataFrame({column: pd.Series(dtype=_dtype(column)) for column in COLUMNS})
    frame = {column: np.concatenate(values) for column, values in parts.items()}
    frame["country_a"], frame["country_b"] = countries[frame["country_a"]], countries[frame["country_b"]]
    frame["n_common"] = frame["n_common"].astype(np.int64)
    return pd.DataFrame(frame, columns=COLUMNS)


def _add_year(parts: dict[str, list[np.ndarray]], block: np.ndarray, year_value: int, abstain: str) -> None:
    """Append one year's dyads to `parts`; `block` holds the year's vote codes, countries x roll calls."""
    present = np.flatnonzero((block >= 0).any(axis=1))
    if len(present) < 2:
        return
    block = block[present]
    size = len(present)
    onehot = np.concatenate([block == k for k in range(3)], axis=0).astype(np.float32)  # (3 x countries, calls)
    products = onehot @ onehot.T  # exact: integer counts far below 2**24
    counts = products.reshape(3, size, 3, size).transpose(0, 2, 1, 3)  # [k, l, a, b]
    pairs = ~np.eye(size, dtype=bool)
    a, b = np.nonzero(pairs)
    parts["country_a"].append(present[a])
    parts["country_b"].append(present[b])
    parts["year"].append(np.full(len(a), year_value, dtype=np.int64))
    for name, values in measures_from_counts(counts, abstain=abstain).items():
        parts[name].append(values[pairs])


def _dtype(column: str) -> str:
    return {"country_a": "object", "country_b": "object", "year": "int64", "n_common": "int64"}.get(column, "float64")
