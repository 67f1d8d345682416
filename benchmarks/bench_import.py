"""Benchmark: how long `import helpers` takes in a fresh interpreter (target < 0.5 s). Prints median and ratio."""

import statistics
import subprocess
import sys
import time

TARGET_SECONDS = 0.5
RUNS = 7


def one_import() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import helpers"], check=True)
    return time.perf_counter() - start


def interpreter_only() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    with_helpers = statistics.median(one_import() for _ in range(RUNS))
    bare = statistics.median(interpreter_only() for _ in range(RUNS))
    cost = max(with_helpers - bare, 0.0)
    print(
        f"import helpers: median {with_helpers * 1000:.0f} ms in a fresh interpreter "
        f"({cost * 1000:.0f} ms above a bare interpreter); target {TARGET_SECONDS * 1000:.0f} ms; "
        f"ratio to target {with_helpers / TARGET_SECONDS:.2f}"
    )
