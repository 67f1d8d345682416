"""Build every processed table from the raw sources and the curated tables (`make data`).

    python -m helpers.build

1. KCNA message events and the review queue from the headlines (helpers.kcna_parser `build`).
2. The inferred occasion of every event (helpers.messages.build_kcna_occasions).
"""
from __future__ import annotations

import sys


def main() -> int:
    from .kcna_parser import cli
    from .messages import build_kcna_occasions

    status = cli(["build"])
    if status:
        return status
    occasions = build_kcna_occasions()
    counts = occasions["occasion"].value_counts()
    print(f"occasions: {len(occasions):,} events; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
