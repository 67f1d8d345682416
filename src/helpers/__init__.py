"""Shared code of the leader-messages notebook collection.

Submodules are imported on first use, so `import helpers` stays fast (`helpers.calendar` works without an import).
"""
from __future__ import annotations

import importlib

__all__ = ["paths", "sources", "rdata", "countries", "kcna", "kcna_parser", "kcna_text", "kcna_eval", "unvotes",
           "curated", "calendar", "messages", "describe", "figures", "notebooks", "build"]


def __getattr__(name: str):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
