"""Build every processed table from the raw sources and the curated tables (`make data`).

    python -m helpers.build [--output-dir DIR]

1. The KCNA tables: message events, review queue, text features, occasions (helpers.kcna.build).
2. The relation indicators: the dyad-year table and the expected-message backtest (helpers.indicators.processed),
   from the messages as load_messages() reads them (the KCNA tables in data/processed and the curated tables).

Every table is written deterministically (same inputs, same bytes). A missing or corrupt raw source stops the
build with a message naming the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .indicators import processed as indicator_tables
from .kcna import build as kcna_build
from .sources import SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output-dir", type=Path, default=None, help="write here instead of data/processed")
    args = parser.parse_args(argv)
    try:
        status = kcna_build.build(args.output_dir)
        if status == 0:
            for path in indicator_tables.build(args.output_dir):
                print(f"wrote {path}")
        return status
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
