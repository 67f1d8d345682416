"""Moving the events table to another backend and results back to pandas: for tests, benchmarks and Spark users."""

from __future__ import annotations

import tempfile

import narwhals as nw
import pandas as pd

BACKENDS = ("pandas", "polars", "duckdb", "pyspark")
SPARK_DIRECT_ROWS = 500_000


def local_spark_session(cores: int = 2, driver_memory: str = "6g"):
    """A local SparkSession for tests and benchmarks (UI off, few shuffle partitions, `driver_memory` for the JVM)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # local mode: no guessing of the host's address
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("helpers-indicators")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", str(2 * cores))
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def to_backend(frame, backend: str, spark=None):
    """`frame` (a pandas frame or a pyarrow Table) as a native frame of `backend`: pandas, polars, duckdb or pyspark
    (needs `spark`). Arrow tables reach Polars and DuckDB without a copy.

    >>> type(to_backend(pd.DataFrame({"year": [2024]}), "polars")).__module__.split(".")[0]
    'polars'
    """
    import pyarrow as pa

    table = frame if isinstance(frame, pa.Table) else None
    if backend == "pandas":
        return frame if table is None else table.to_pandas()
    table = table if table is not None else nw.from_native(frame).to_arrow()
    if backend == "polars":
        import polars as pl

        return pl.from_arrow(table)
    if backend == "duckdb":
        import duckdb

        return duckdb.from_arrow(table)
    if backend == "pyspark":
        spark = spark or local_spark_session()
        if table.num_rows <= SPARK_DIRECT_ROWS:
            return spark.createDataFrame(table)
        # Large frames go through a Parquet file: shipping them through the driver in one piece runs out of memory.
        import pyarrow.parquet as pq

        directory = tempfile.mkdtemp(prefix="helpers-spark-")
        pq.write_table(table, f"{directory}/events.parquet")
        return spark.read.parquet(f"{directory}/events.parquet")
    raise ValueError(f"unknown backend {backend!r}; use one of {BACKENDS}")


def to_pandas(frame, sort_by: list[str] | None = None) -> pd.DataFrame:
    """Collect any narwhals or native frame into pandas, sorted by `sort_by` with a fresh index.

    >>> to_pandas(to_backend(pd.DataFrame({"year": [2025, 2024]}), "duckdb"), ["year"]).year.tolist()
    [2024, 2025]
    """
    frame = nw.from_native(frame) if not isinstance(frame, nw.DataFrame | nw.LazyFrame) else frame
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    result = frame.to_pandas()
    return result.sort_values(sort_by).reset_index(drop=True) if sort_by else result
