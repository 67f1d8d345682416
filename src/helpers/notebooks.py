"""Execute notebooks top to bottom in a fresh kernel, in reading order.

    python -m helpers.notebooks notebooks/*.ipynb

Executed copies (with outputs) go to build/notebooks/; the committed notebooks stay free of outputs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import paths

OUTPUT_DIR = paths.PROJECT_ROOT / "build" / "notebooks"


def run_notebook(notebook: Path, output_dir: Path = OUTPUT_DIR) -> Path:
    import papermill

    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(target),
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.notebooks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    notebooks = sorted(args.notebooks) or sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    for notebook in notebooks:
        start = time.perf_counter()
        run_notebook(notebook.resolve())
        print(f"ran {notebook.name} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
