"""Execute the collection: every notebook top to bottom in a fresh kernel, from one process, two at a time.

    python -m helpers.notebooks                         # every notebook, full settings (what `make figures` runs)
    python -m helpers.notebooks --fast                  # fast settings of the heavy steps (the tests)
    python -m helpers.notebooks notebooks/05_indicators.ipynb -p FOCAL=CHN --figures-dir /tmp/chn

Executed copies (with outputs) go to build/notebooks/; the committed notebooks stay free of outputs. Nothing is
cached: every run executes every cell. Parameters reach a notebook only if its `parameters` cell declares them.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import paths

OUTPUT_DIR = paths.PROJECT_ROOT / "build" / "notebooks"
# Heavy steps in their fast setting (figures do not depend on them).
FAST_PARAMETERS = {"BOOTSTRAP_REPLICATES": 10, "LARGEST_SYNTHETIC": 10_000, "RUN_SPARK": False}
JOBS = 2
SLOWEST = ("06", "07")  # notebook numbers started first


def declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's cell tagged `parameters`.

    >>> sorted(declared_parameters(paths.NOTEBOOKS_DIR / "06_alignment.ipynb"))
    ['BOOTSTRAP_REPLICATES', 'FOCAL']
    """
    import nbformat

    names = set()
    for cell in nbformat.read(notebook, as_version=4).cells:
        if "parameters" in cell.metadata.get("tags", []):
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign):
                    names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def run_notebook(notebook: Path, output_dir: Path = OUTPUT_DIR, parameters: dict | None = None) -> Path:
    """Execute `notebook` in a fresh kernel and write the executed copy to `output_dir`; parameters the notebook
    does not declare are an error."""
    import papermill

    parameters = parameters or {}
    unknown = set(parameters) - declared_parameters(notebook)
    if unknown:
        raise ValueError(f"{notebook.name} declares no parameter {', '.join(sorted(unknown))}")
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / notebook.name
    papermill.execute_notebook(
        str(notebook),
        str(target),
        parameters=parameters,
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    return target


def run_collection(
    notebooks: list[Path],
    output_dir: Path = OUTPUT_DIR,
    parameters: dict | None = None,
    jobs: int = JOBS,
    figures_dir: Path | None = None,
) -> dict[str, float]:
    """Execute `notebooks`, `jobs` at a time, each with the subset of `parameters` it declares; returns seconds per
    notebook. With `figures_dir`, figures and their manifest go there instead of figures/."""
    parameters = parameters or {}

    def run(notebook: Path) -> tuple[str, float]:
        start = time.perf_counter()
        own = {name: value for name, value in parameters.items() if name in declared_parameters(notebook)}
        run_notebook(notebook, output_dir, own)
        seconds = time.perf_counter() - start
        print(f"ran {notebook.name} in {seconds:.1f} s", flush=True)
        return notebook.name, seconds

    # The slowest notebooks (bootstraps, Spark) start first so the two workers finish together.
    order = sorted(notebooks, key=lambda path: path.name.startswith(SLOWEST), reverse=True)
    previous = os.environ.get("HELPERS_FIGURES_DIR")
    if figures_dir is not None:
        os.environ["HELPERS_FIGURES_DIR"] = str(figures_dir)  # inherited by the kernels
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            times = dict(pool.map(run, order))
    finally:
        if previous is None:
            os.environ.pop("HELPERS_FIGURES_DIR", None)
        else:
            os.environ["HELPERS_FIGURES_DIR"] = previous
    return {name: times[name] for name in sorted(times)}


def _parameter(text: str) -> tuple[str, object]:
    name, _, value = text.partition("=")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.notebooks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--fast", action="store_true", help=f"fast settings: {FAST_PARAMETERS}")
    parser.add_argument("-p", "--parameter", action="append", default=[], type=_parameter, metavar="NAME=VALUE")
    parser.add_argument("--jobs", type=int, default=JOBS, help="notebooks run at once (default %(default)s)")
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR, help="executed copies (default build/notebooks)")
    parser.add_argument("--figures-dir", type=Path, help="write figures and manifest here instead of figures/")
    args = parser.parse_args(argv)
    notebooks = sorted(path.resolve() for path in args.notebooks) or sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    parameters = (FAST_PARAMETERS if args.fast else {}) | dict(args.parameter)
    start = time.perf_counter()
    times = run_collection(notebooks, args.output_dir, parameters, args.jobs, args.figures_dir)
    print(
        f"{len(times)} notebooks in {time.perf_counter() - start:.1f} s (sum of notebooks {sum(times.values()):.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
