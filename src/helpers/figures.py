"""House style and one deterministic way to save figures, with a manifest tracing each file to its inputs.

`save_figure(fig, "01_headlines_per_year", notebook="01_data_tour")` writes figures/01_headlines_per_year.png and
.svg, byte-identical across runs, and records in figures/manifest.json the notebook that made them, every data file
the process had read by then (as the loaders recorded it, with sha256: see helpers.provenance), the commit of the
code, and the sha256 of every file written. Nothing in the manifest is listed by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from . import paths
from .provenance import files_read

FORMATS = ("png", "svg")
DPI = 150
_FIXED_EPOCH = "946684800"  # 2000-01-01, used only if SOURCE_DATE_EPOCH is unset


def use_house_style() -> None:
    """Fonts, sizes and metadata settings shared by every figure (call once per notebook).

    >>> import matplotlib as mpl
    >>> use_house_style()
    >>> mpl.rcParams["savefig.dpi"] == DPI, mpl.rcParams["svg.hashsalt"]
    (True, 'leader-messages')
    """
    import matplotlib as mpl
    import seaborn as sns

    os.environ.setdefault("SOURCE_DATE_EPOCH", _FIXED_EPOCH)
    mpl.use("Agg", force=False)
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind")
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "savefig.bbox": "tight",
            "font.family": "DejaVu Sans",
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "svg.hashsalt": "leader-messages",  # fixed ids in SVG output
            "svg.fonttype": "path",
            "path.simplify": True,
        }
    )


def _metadata(fmt: str) -> dict:
    if fmt == "png":
        return {"Software": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    return {}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def save_figure(
    fig, name: str, *, notebook: str, formats: Iterable[str] = FORMATS, directory: Path | None = None
) -> list[Path]:
    """Save `fig` as figures/<name>.<fmt> deterministically and record it in figures/manifest.json, with every data
    file read so far in this process as its inputs.

    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in save_figure(fig, "example", notebook="demo", directory=Path(folder))]
    ['example.png', 'example.svg']
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
        "files": {path.name: _sha256(path) for path in written},
    }
    _update_manifest(directory / "manifest.json", name, record)
    return written


def _update_manifest(manifest: Path, name: str, record: dict) -> None:
    entries = json.loads(manifest.read_text()) if manifest.exists() else {}
    entries[name] = record
    manifest.write_text(json.dumps(entries, indent=2, sort_keys=True) + "\n")
