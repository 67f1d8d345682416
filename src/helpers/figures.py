"""House style and one deterministic way to save figures, with a manifest tracing each file to its inputs.

`save_figure(fig, "01_headlines_per_year", notebook="01_data_tour", sources=["kcna_headlines"])` writes
figures/01_headlines_per_year.png and .svg, byte-identical across runs, and records in figures/manifest.json the
notebook that made them, the sha256 of every input named and of every file written.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable

from . import paths

FORMATS = ("png", "svg")
DPI = 150
_FIXED_EPOCH = "946684800"  # 2000-01-01, used only if SOURCE_DATE_EPOCH is unset


def use_house_style() -> None:
    """Fonts, sizes and metadata settings shared by every figure (call once per notebook)."""
    import matplotlib as mpl
    import seaborn as sns

    os.environ.setdefault("SOURCE_DATE_EPOCH", _FIXED_EPOCH)
    mpl.use("Agg", force=False)
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind")
    mpl.rcParams.update({
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
    })


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


def save_figure(fig, name: str, *, notebook: str, sources: Iterable[str] = (), inputs: Iterable[Path] = (),
                formats: Iterable[str] = FORMATS, directory: Path | None = None) -> list[Path]:
    """Save `fig` as figures/<name>.<fmt> deterministically and record it in figures/manifest.json.

    sources: names from data/sources.toml the figure depends on (their pinned sha256 is recorded);
    inputs: committed project files it depends on (their current sha256 is recorded).
    """
    from .sources import registry

    directory = Path(directory or paths.FIGURES_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", _FIXED_EPOCH)
    written = []
    for fmt in formats:
        target = directory / f"{name}.{fmt}"
        fig.savefig(target, format=fmt, metadata=_metadata(fmt))
        written.append(target)
    known = registry()
    record = {
        "notebook": f"notebooks/{notebook}.ipynb",
        "sources": {source: known[source].sha256 for source in sorted(sources)},
        "inputs": {
            str(Path(p).resolve().relative_to(paths.PROJECT_ROOT)): _sha256(Path(p)) for p in sorted(map(str, inputs))
        },
        "files": {path.name: _sha256(path) for path in written},
    }
    _update_manifest(directory / "manifest.json", name, record)
    return written


def _update_manifest(manifest: Path, name: str, record: dict) -> None:
    entries = json.loads(manifest.read_text()) if manifest.exists() else {}
    entries[name] = record
    manifest.write_text(json.dumps(entries, indent=2, sort_keys=True) + "\n")
