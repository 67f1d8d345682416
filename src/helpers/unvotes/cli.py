"""Command line of the UN vote measures.

    python -m helpers.unvotes agreement --with USA --output OUT.csv    # agreement of every country with the USA
    python -m helpers.unvotes agreement --with CHN --abstain half --output OUT.csv

`agreement` writes one row per country and year (the partner itself left out) with columns country (ISO3), year,
agreement, s_score, kappa, pi, n_common, under the conventions of `helpers.unvotes.similarity` (defaults: yes /
abstain / no are three votes, unanimous roll calls excluded, year = session + 1945). A code with no UN votes, or a
missing raw file, is reported in one line with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..sources import SourceError
from .loader import load_un_votes
from .similarity import ABSTAIN_CONVENTIONS, vote_similarity

OUTPUT_COLUMNS = ["country", "year", "agreement", "s_score", "kappa", "pi", "n_common"]


class UsageError(ValueError):
    """Bad command-line input; the message names it."""


def agreement_with(code: str, *, abstain: str = "vote", yes_no_only: bool = False, exclude_unanimous: bool = True):
    """Every other country's similarity with `code` per year, in the columns of the `agreement` command."""
    votes = load_un_votes()
    code = code.strip().upper()
    known = set(votes["country_iso3"].unique())
    if code not in known:
        raise UsageError(
            f"unknown country code {code!r}: no UN General Assembly votes under that ISO3 code "
            f"({len(known)} codes have votes, e.g. USA, CHN, PRK)"
        )
    table = vote_similarity(votes, abstain=abstain, yes_no_only=yes_no_only, exclude_unanimous=exclude_unanimous)
    table = table[table["country_b"] == code].rename(columns={"country_a": "country"})
    return table[OUTPUT_COLUMNS].reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.unvotes", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    agreement = commands.add_parser("agreement", help="vote similarity of every country with one country, per year")
    agreement.add_argument("--with", dest="partner", required=True, metavar="ISO3", help="the partner, e.g. USA")
    agreement.add_argument("--output", required=True, type=Path)
    agreement.add_argument("--abstain", choices=ABSTAIN_CONVENTIONS, default="vote")
    agreement.add_argument("--yes-no-only", action="store_true", help="drop abstentions")
    agreement.add_argument("--keep-unanimous", action="store_true", help="keep roll calls on which all voted alike")
    args = parser.parse_args(argv)
    try:
        table = agreement_with(
            args.partner,
            abstain=args.abstain,
            yes_no_only=args.yes_no_only,
            exclude_unanimous=not args.keep_unanimous,
        )
    except (UsageError, SourceError, ValueError) as error:
        print(f"error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 2
    table.to_csv(args.output, index=False, lineterminator="\n")
    return 0
