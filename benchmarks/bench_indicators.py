"""Time the whole dyad-year indicator table on SYNTHETIC events, on every backend, with peak memory.

    python benchmarks/bench_indicators.py                       # 10 million events, 190 countries, 30 years
    python benchmarks/bench_indicators.py --events 1000000 --repeats 1

Each backend runs in a fresh process (so its memory high-water mark is its own): the seeded synthetic events are
generated (helpers.indicators.synthetic, never real data) and moved to the backend, then the table is built and
collected `--repeats` times. Printed per backend: the runs, their median, the ratio of the median to pandas', the
target, and the peak resident memory during the builds (sampled every 50 ms; for PySpark the Java process is
included). Targets: Polars or DuckDB <= 10 s and <= 4 GB; pandas <= 60 s; PySpark (local, 2 cores) completes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time

TARGETS = {"pandas": "<= 60 s", "polars": "<= 10 s, <= 4 GB", "duckdb": "<= 10 s, <= 4 GB", "pyspark": "completes"}


def _rss_bytes(process) -> int:
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
        except Exception:  # a child that ended between listing and reading
            pass
    return total


def run_backend(backend: str, events: int, repeats: int) -> dict:
    """In this process: generate, convert, build `repeats` times; return timings and peak memory."""
    import psutil

    from helpers.indicators.backends import local_spark_session, to_backend
    from helpers.indicators.synthetic import synthetic_events
    from helpers.indicators.table import dyad_year_indicators

    spark = local_spark_session() if backend == "pyspark" else None
    frame = synthetic_events(events, seed=20261206)
    native = to_backend(frame, backend, spark)
    if backend != "pandas":
        del frame
    process, peak, running = psutil.Process(), [0], [True]

    def sample() -> None:
        while running[0]:
            peak[0] = max(peak[0], _rss_bytes(process))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timings, rows = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        table = dyad_year_indicators(native).collect()
        timings.append(time.perf_counter() - start)
        rows = len(table)
        del table
    running[0] = False
    sampler.join()
    return {"backend": backend, "timings": timings, "rows": rows, "peak_gb": peak[0] / 1e9}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="builds per backend (PySpark: at most 1)")
    parser.add_argument("--backends", nargs="+", default=["pandas", "polars", "duckdb", "pyspark"])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        repeats = 1 if args.worker == "pyspark" else args.repeats
        print(json.dumps(run_backend(args.worker, args.events, repeats)))
        return
    print(f"SYNTHETIC events: {args.events:,} (190 countries, 30 years, seed 20261206)")
    results = {}
    for backend in args.backends:
        command = [sys.executable, __file__, "--worker", backend, "--events", str(args.events)]
        command += ["--repeats", str(args.repeats)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{backend}: failed\n{done.stderr[-2000:]}")
            continue
        results[backend] = json.loads(done.stdout.strip().splitlines()[-1])
        result = results[backend]
        median = statistics.median(result["timings"])
        ratio = f"{median / statistics.median(results['pandas']['timings']):.2f}" if "pandas" in results else "n/a"
        runs = ", ".join(f"{t:.1f}" for t in result["timings"])
        print(
            f"{backend:8} median {median:6.1f} s (runs {runs}); ratio to pandas {ratio}; "
            f"peak memory {result['peak_gb']:.2f} GB; {result['rows']:,} dyad-years; target {TARGETS[backend]}"
        )


if __name__ == "__main__":
    main()
