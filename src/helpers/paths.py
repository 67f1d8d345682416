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
TEST_DATA_DIR = PROJECT_ROOT / "tests" / "data"

# Processed tables written by `python -m helpers.build` (`make data`).
KCNA_EVENTS_FILE = PROCESSED_DIR / "kcna_messages.csv"
KCNA_REVIEW_FILE = PROCESSED_DIR / "kcna_review.csv"
KCNA_TEXT_FEATURES_FILE = PROCESSED_DIR / "kcna_message_text_features.csv"
KCNA_OCCASIONS_FILE = PROCESSED_DIR / "kcna_message_occasions.csv"
KCNA_ACCOUNTING_FILE = PROCESSED_DIR / "kcna_accounting.csv"
DYAD_YEAR_INDICATORS_FILE = PROCESSED_DIR / "dyad_year_indicators.csv"
EXPECTED_MESSAGES_FILE = PROCESSED_DIR / "expected_messages.csv"


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


def figures_dir() -> Path:
    """Where figures and their manifest are written: `HELPERS_FIGURES_DIR` (tests), else `figures/`."""
    value = os.environ.get("HELPERS_FIGURES_DIR")
    return Path(value) if value else FIGURES_DIR
