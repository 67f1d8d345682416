"""Every path the project uses, in one place. Notebooks and scripts never build paths themselves."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
PROCESSED_DIR = DATA_DIR / "processed"
CURATED_DIR = DATA_DIR / "curated"
SOURCES_FILE = DATA_DIR / "sources.toml"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def raw_cache_dir() -> Path:
    """Where downloaded raw files are kept: `HELPERS_DATA_CACHE`, else `data/raw` (ignored by git)."""
    return Path(os.environ.get("HELPERS_DATA_CACHE") or DATA_DIR / "raw")


def mirror_dir() -> Path | None:
    """An offline copy of the raw files (`HELPERS_DATA_MIRROR`, relative paths count from the project root),
    or None to download."""
    value = os.environ.get("HELPERS_DATA_MIRROR")
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path).resolve()
