"""Time the extraction of message events from the whole KCNA headline corpus (all 114,641 rows, every language).

    python benchmarks/bench_kcna_extract.py        # needs the raw data (HELPERS_DATA_MIRROR or the cache)

Each run starts cold (the parser's phrase and title caches are cleared), so repeated headlines within the corpus
still benefit from the caches but nothing carries over between runs. Reports the median of 5 runs, rows per second,
and the ratio to the 1-second target (below 1 is within target).
"""

from __future__ import annotations

import statistics
import time

from helpers.kcna.corpus import load_headlines
from helpers.kcna.lexicon import country_lexicon
from helpers.kcna.parser import clear_caches, parse_headlines

RUNS = 5
TARGET_SECONDS = 1.0


def main() -> None:
    headlines = load_headlines()
    country_lexicon()  # built once per process (country_converter tables), not part of extraction
    timings = []
    for _ in range(RUNS):
        clear_caches()
        start = time.perf_counter()
        parsed = parse_headlines(headlines)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings)
    print(f"rows: {len(headlines):,}; messages found: {int(parsed['is_message'].sum()):,}")
    print(f"runs (s): {', '.join(f'{t:.3f}' for t in timings)}")
    print(
        f"median: {median:.3f} s; {len(headlines) / median:,.0f} rows/s; "
        f"ratio to the {TARGET_SECONDS:.0f} s target: {median / TARGET_SECONDS:.2f}"
    )


if __name__ == "__main__":
    main()
