"""Shared code of the leader-messages notebook collection.

Submodules are imported on first use, so `import helpers` stays fast:
paths, sources, countries, kcna, unvotes, figures.
"""
from __future__ import annotations

import importlib

__all__ = ["paths", "sources", "countries", "kcna", "unvotes", "figures", "rdata"]


def __getattr__(name: str):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
