"""Time vote similarity for every dyad-year of the UN votes (1946-2019): vectorised counting against a pandas self-join.

    python benchmarks/bench_vote_similarity.py     # needs the raw data (HELPERS_DATA_MIRROR or the cache)

Both compute the same table (country_a, country_b, year, n_common, agreement, s_score, kappa, pi; default
conventions) from the same full votes table in one process: `helpers.unvotes.similarity.vote_similarity` (one-hot
matrices per year, a matrix product for all pairs) and the straightforward way, a self-join of the votes on roll
call (one year at a time, which keeps memory bounded) followed by group-by sums. The script checks that the two
tables agree, then prints the median times, their ratio (target >= 50x), the fast whole-set time (target < 0.5 s)
and the fast run's peak memory (tracemalloc; target < 2 GB) with the process's peak resident size.
"""

from __future__ import annotations

import itertools
import resource
import statistics
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd

from helpers.unvotes import load_un_votes
from helpers.unvotes.similarity import COLUMNS, YEAR_OFFSET, vote_similarity

FAST_RUNS = 7
SLOW_RUNS = 3
TARGET_RATIO = 50
TARGET_SECONDS = 0.5
TARGET_BYTES = 2 * 1024**3


def selfjoin_similarity(votes: pd.DataFrame) -> pd.DataFrame:
    """The same numbers by self-joining the votes on roll call and summing per dyad (default conventions)."""
    v = votes[["rcid", "session", "country_iso3", "vote"]].dropna()
    v = v.drop_duplicates(["rcid", "country_iso3"])
    v = v.assign(year=v["session"] + YEAR_OFFSET, code=v["vote"].map({"yes": 1, "abstain": 2, "no": 3}).astype(int))
    v = v[v.groupby("rcid")["code"].transform("nunique") > 1]
    parts = []
    for year, in_year in v.groupby("year"):
        pairs = in_year.merge(in_year, on="rcid", suffixes=("_a", "_b"))
        pairs = pairs[pairs["country_iso3_a"] != pairs["country_iso3_b"]]
        indicators = {"same": pairs["code_a"] == pairs["code_b"], "dist": (pairs["code_a"] - pairs["code_b"]).abs()}
        for side, k in itertools.product("ab", (1, 2, 3)):
            indicators[f"{side}{k}"] = pairs[f"code_{side}"] == k
        sums = (
            pd.DataFrame(indicators)
            .assign(country_a=pairs["country_iso3_a"], country_b=pairs["country_iso3_b"], n=1)
            .groupby(["country_a", "country_b"])
            .sum()
        )
        present = sorted(in_year["country_iso3"].unique())
        dyads = [(a, b) for a in present for b in present if a != b]
        sums = sums.reindex(pd.MultiIndex.from_tuples(dyads, names=["country_a", "country_b"]), fill_value=0)
        n = sums["n"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            observed = sums["same"] / n
            share = {col: sums[col] / n for col in ("a1", "a2", "a3", "b1", "b2", "b3")}
            chance_kappa = sum(share[f"a{k}"] * share[f"b{k}"] for k in (1, 2, 3))
            chance_pi = sum(((share[f"a{k}"] + share[f"b{k}"]) / 2) ** 2 for k in (1, 2, 3))
            frame = pd.DataFrame(
                {
                    "year": year,
                    "n_common": sums["n"].astype("int64"),
                    "agreement": observed,
                    "s_score": 1 - sums["dist"] / n,
                    "kappa": ((observed - chance_kappa) / (1 - chance_kappa)).where(chance_kappa < 1),
                    "pi": ((observed - chance_pi) / (1 - chance_pi)).where(chance_pi < 1),
                }
            )
        parts.append(frame.reset_index())
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def timed(function, votes, runs):
    timings, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function(votes)
        timings.append(time.perf_counter() - start)
    return timings, result


def main() -> None:
    votes = load_un_votes()
    vote_similarity(votes)  # warm-up: imports and first-call caches are not part of the timing
    fast_times, fast = timed(vote_similarity, votes, FAST_RUNS)
    slow_times, slow = timed(selfjoin_similarity, votes, SLOW_RUNS)

    keys = ["country_a", "country_b", "year", "n_common"]
    same_rows = fast[keys].equals(slow[keys])
    measures = ["agreement", "s_score", "kappa", "pi"]
    same_values = np.allclose(fast[measures], slow[measures], rtol=1e-12, atol=1e-12, equal_nan=True)
    largest = np.nanmax(np.abs(fast[measures].to_numpy() - slow[measures].to_numpy()))

    tracemalloc.start()
    vote_similarity(votes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)

    fast_median, slow_median = statistics.median(fast_times), statistics.median(slow_times)
    print(f"votes: {len(votes):,}; dyad-years: {len(fast):,} ({fast.year.min()}-{fast.year.max()})")
    print(f"same rows: {same_rows}; same values (rel. 1e-12): {same_values}; largest difference {largest:.1e}")
    print(f"fast (vectorised counting), {FAST_RUNS} runs (s): {', '.join(f'{t:.3f}' for t in fast_times)}")
    print(f"self-join (pandas), {SLOW_RUNS} runs (s): {', '.join(f'{t:.2f}' for t in slow_times)}")
    print(f"median fast: {fast_median:.3f} s (target < {TARGET_SECONDS} s); median self-join: {slow_median:.2f} s")
    print(f"ratio: {slow_median / fast_median:.0f}x (target >= {TARGET_RATIO}x)")
    print(
        f"peak memory of one fast run (tracemalloc): {peak / 1024**2:,.0f} MiB "
        f"(target < {TARGET_BYTES / 1024**3:.0f} GiB); process peak resident size: {peak_rss / 1024**2:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
