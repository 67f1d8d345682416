"""Time the whole collection from clean: every notebook in a fresh kernel, full settings, two at a time (as
`make figures` runs it), into a temporary figures folder. Target: under 90 s on a 2-core machine.

    python benchmarks/bench_notebooks.py [--jobs N] [--fast]
"""

import argparse
import tempfile
import time
from pathlib import Path

from helpers import paths
from helpers.notebooks import FAST_PARAMETERS, JOBS, run_collection

TARGET_SECONDS = 90


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=JOBS)
    parser.add_argument("--fast", action="store_true")
    args = parser.parse_args()
    notebooks = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        times = run_collection(
            notebooks,
            Path(folder) / "executed",
            FAST_PARAMETERS if args.fast else {},
            jobs=args.jobs,
            figures_dir=Path(folder) / "figures",
        )
        wall = time.perf_counter() - start
    print(f"\n{'notebook':32} seconds")
    for name, seconds in times.items():
        print(f"{name:32} {seconds:7.1f}")
    print(f"{'sum of notebooks':32} {sum(times.values()):7.1f}")
    print(f"{'whole collection (wall clock)':32} {wall:7.1f}   target < {TARGET_SECONDS} s, jobs={args.jobs}")


if __name__ == "__main__":
    main()
