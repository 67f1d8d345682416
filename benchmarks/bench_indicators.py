"""Time the whole dyad-year indicator table on SYNTHETIC events, on every backend, with peak memory.

    python benchmarks/bench_indicators.py                       # 10 million events, 190 countries, 30 years
    python benchmarks/bench_indicators.py --events 1000000 --repeats 1

The seeded synthetic events (helpers.indicators.synthetic, never real data) are generated once, straight into Arrow,
and written to a temporary Parquet file. Each backend then runs in a fresh process (so its memory high-water mark is
its own), reads the events and builds the table `--repeats` times; Polars collects with its streaming engine unless
`--polars-engine in-memory`. Printed per backend: the runs, their median, the ratio of the median to pandas', the
target, the resident memory holding the input, and the peak resident memory during the builds (sampled every 50 ms;
for PySpark the Java process is included). Targets: Polars or DuckDB <= 10 s and <= 4 GB; pandas <= 60 s; PySpark
(local, 2 cores) completes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

SEED = 20261206
TARGETS = {"pandas": "<= 60 s", "polars": "<= 10 s, <= 4 GB", "duckdb": "<= 10 s, <= 4 GB", "pyspark": "completes"}


def _rss_bytes(process) -> int:
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
        except Exception:  # a child that ended between listing and reading
            pass
    return total


def load_events(backend: str, parquet: str, events: int, spark=None, polars_input: str = "read"):
    """The benchmark's events as `backend` reads them from the Parquet file: Polars reads it into memory (or scans
    it, `--polars-input scan`), DuckDB and Spark scan it; pandas gets them generated in memory (nullable dtypes)."""
    if backend == "pandas":
        from helpers.indicators.synthetic import synthetic_events

        return synthetic_events(events, seed=SEED)
    if backend == "polars":
        import polars as pl

        return pl.scan_parquet(parquet) if polars_input == "scan" else pl.read_parquet(parquet)
    if backend == "duckdb":
        import duckdb

        return duckdb.read_parquet(parquet)
    return spark.read.parquet(parquet)


def collect(table, backend: str, polars_engine: str):
    if backend == "polars":
        return table.to_native().collect(engine=polars_engine)
    return table.collect()


def run_backend(backend: str, parquet: str, events: int, repeats: int, polars_engine: str, polars_input: str) -> dict:
    """In this process: read the events, build `repeats` times; return timings and peak memory."""
    import psutil

    from helpers.indicators.backends import local_spark_session
    from helpers.indicators.table import dyad_year_indicators

    spark = local_spark_session() if backend == "pyspark" else None
    native = load_events(backend, parquet, events, spark, polars_input)
    process, peak, running = psutil.Process(), [0], [True]
    baseline = _rss_bytes(process)

    def sample() -> None:
        while running[0]:
            peak[0] = max(peak[0], _rss_bytes(process))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timings, rows = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        table = collect(dyad_year_indicators(native), backend, polars_engine)
        timings.append(time.perf_counter() - start)
        rows = len(table) if backend != "pyspark" else table.shape[0]
        del table
    running[0] = False
    sampler.join()
    return {"backend": backend, "timings": timings, "rows": rows, "peak_gb": peak[0] / 1e9, "input_gb": baseline / 1e9}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="builds per backend (PySpark: at most 1)")
    parser.add_argument("--backends", nargs="+", default=["pandas", "polars", "duckdb", "pyspark"])
    parser.add_argument("--polars-engine", default="streaming", choices=["streaming", "in-memory"])
    parser.add_argument(
        "--polars-input", default="read", choices=["read", "scan"], help="read the Parquet file into memory or scan it"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--parquet", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        repeats = 1 if args.worker == "pyspark" else args.repeats
        print(
            json.dumps(
                run_backend(args.worker, args.parquet, args.events, repeats, args.polars_engine, args.polars_input)
            )
        )
        return
    print(
        f"SYNTHETIC events: {args.events:,} (190 countries, 30 years, seed {SEED}); Polars engine {args.polars_engine}"
    )
    folder = tempfile.mkdtemp(prefix="bench-indicators-")
    parquet = f"{folder}/events.parquet"
    import pyarrow.parquet as pq

    from helpers.indicators.synthetic import synthetic_events

    pq.write_table(synthetic_events(args.events, seed=SEED, as_arrow=True), parquet)
    results = {}
    for backend in args.backends:
        command = [sys.executable, __file__, "--worker", backend, "--events", str(args.events), "--parquet", parquet]
        command += ["--repeats", str(args.repeats), "--polars-engine", args.polars_engine]
        command += ["--polars-input", args.polars_input]
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
            f"peak memory {result['peak_gb']:.2f} GB (input in memory {result['input_gb']:.2f} GB); "
            f"{result['rows']:,} dyad-years; target {TARGETS[backend]}"
        )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
