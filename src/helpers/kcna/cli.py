"""Command line of the KCNA parser.

    python -m helpers.kcna extract --input IN.csv --output OUT.csv    # the extraction contract
    python -m helpers.kcna build [--output-dir DIR]                   # the KCNA tables in data/processed/

`extract` reads a CSV with columns id, date, title (others ignored) and writes one row per input row with columns
id, is_message (true/false), direction, counterpart_country, counterpart_role, kind, dprk_principal. Bad input (a
missing column, an unparseable date) is reported with the file, row and column, and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sources import SourceError
from . import build
from .events import InputError, extract, read_extract_input


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.kcna", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    extract_command = commands.add_parser("extract", help="parse the headlines of a CSV with columns id,date,title")
    extract_command.add_argument("--input", required=True, type=Path)
    extract_command.add_argument("--output", required=True, type=Path)
    build_command = commands.add_parser("build", help="build data/processed/ (the KCNA tables and their occasions)")
    build_command.add_argument("--output-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    if args.command == "extract":
        try:
            frame = read_extract_input(args.input)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        extract(frame).to_csv(args.output, index=False, lineterminator="\n")
        return 0
    try:
        return build.build(args.output_dir)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
