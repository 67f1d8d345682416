"""House style and one deterministic way to save figures, with a manifest tracing each file to its inputs.

`save_figure(fig, "01_headlines_per_year", notebook="01_data_tour")` writes figures/01_headlines_per_year.png
(300 dpi), .pdf and .svg, byte-identical across runs, and records in figures/manifest.json the notebook that made
them, every data file the process had read by then (as the loaders recorded it, with sha256: see
helpers.provenance), the commit of the code, and the sha256 of every file written. Nothing in the manifest is listed
by hand. The style itself is the file house.mplstyle beside this module.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from . import paths
from .provenance import files_read, sha256_of

FORMATS = ("png", "pdf", "svg")
DPI = 300
STYLE_FILE = Path(__file__).with_name("house.mplstyle")
FULL_WIDTH = 7.0  # inches: a journal's full text width
COLUMN_WIDTH = 3.5  # inches: one column of a two-column journal
DISPLAY_WIDTH = 700  # pixels: the width at which a notebook or the HTML edition shows a saved PNG
_FIXED_EPOCH = "946684800"  # 2000-01-01, used only if SOURCE_DATE_EPOCH is unset


def use_house_style() -> None:
    """Apply the house style (`house.mplstyle`: Okabe-Ito colours, 7 in wide, 7-9 pt text, 300 dpi) and the settings
    that make saved files byte-identical (call once per notebook).

    >>> import matplotlib as mpl
    >>> use_house_style()
    >>> mpl.rcParams["savefig.dpi"] == DPI, mpl.rcParams["svg.hashsalt"], mpl.rcParams["figure.figsize"][0]
    (True, 'leader-messages', 7.0)
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    os.environ.setdefault("SOURCE_DATE_EPOCH", _FIXED_EPOCH)
    mpl.use("Agg", force=False)
    mpl.rcdefaults()
    plt.style.use(STYLE_FILE)


def _metadata(fmt: str) -> dict:
    if fmt == "png":
        return {"Software": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    return {}


def code_version(notebook: str) -> dict:
    """The last commit that changed the package or the notebook, and whether either has uncommitted changes
    (None when the project is not a git checkout)."""
    scope = ["src/helpers", f"notebooks/{notebook}.ipynb"]
    try:
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", *scope],
            cwd=paths.PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", *scope],
            cwd=paths.PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "uncommitted_changes": None}
    return {"commit": commit or None, "uncommitted_changes": bool(changed)}


class SavedFigure(list):
    """The files written for one figure. As the last value of a notebook cell it shows the saved PNG itself (what
    readers of the HTML edition see is the committed file) and where the files are."""

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = next((path for path in self if path.suffix == ".png"), None)
        text = "saved " + ", ".join(str(path.name) for path in self)
        if png is None:
            return {"text/plain": text}
        image = base64.b64encode(png.read_bytes()).decode("ascii")
        return {"image/png": image, "text/plain": text}, {"image/png": {"width": DISPLAY_WIDTH}}


def save_figure(
    fig, name: str, *, notebook: str, formats: Iterable[str] = FORMATS, directory: Path | None = None
) -> SavedFigure:
    """Save `fig` as figures/<name>.<fmt> deterministically and record it in figures/manifest.json, with every data
    file read so far in this process as its inputs. The figure is closed; the returned list of files shows the saved
    PNG when it ends a notebook cell.

    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in save_figure(fig, "example", notebook="demo", directory=Path(folder))]
    ['example.png', 'example.pdf', 'example.svg']
    """
    directory = Path(directory or paths.figures_dir())
    directory.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", _FIXED_EPOCH)
    written = []
    for fmt in formats:
        target = directory / f"{name}.{fmt}"
        fig.savefig(target, format=fmt, metadata=_metadata(fmt))
        written.append(target)
    record = {
        "notebook": f"notebooks/{notebook}.ipynb",
        "inputs": files_read(),
        "code": code_version(notebook),
        "files": {path.name: sha256_of(path) for path in written},
    }
    _update_manifest(directory / "manifest.json", name, record)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return SavedFigure(written)


def _update_manifest(manifest: Path, name: str, record: dict) -> None:
    import fcntl

    # Notebooks run two at a time, so the read-modify-write of the manifest holds a lock.
    with open(manifest.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        entries = json.loads(manifest.read_text()) if manifest.exists() else {}
        entries[name] = record
        manifest.write_text(json.dumps(entries, indent=2, sort_keys=True) + "\n")
