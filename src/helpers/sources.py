"""The registry of raw sources (data/sources.toml): download, verify sha256, or read an offline mirror.

python -m helpers.sources fetch            # every source
python -m helpers.sources fetch un_votes   # one source
python -m helpers.sources list
python -m helpers.sources cite             # licence and citation of every source, and of the project's own tables
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .provenance import record_read, sha256_of


class SourceError(RuntimeError):
    """A raw source is missing, corrupt or unknown; the message says which file and what to do."""


@dataclass(frozen=True)
class Source:
    name: str
    path: str
    url: str
    sha256: str
    licence: str
    description: str
    citation: str


def registry(sources_file: Path | None = None) -> dict[str, Source]:
    """All sources in the registry file, by name."""
    sources_file = sources_file or paths.SOURCES_FILE
    with open(sources_file, "rb") as handle:
        table = tomllib.load(handle)["sources"]
    record_read(sources_file)
    return {name: Source(name=name, **fields) for name, fields in table.items()}


def list_sources():
    """The registry as a table: name, licence, path, url, sha256, description, citation.

    >>> table = list_sources()
    >>> "kcna_headlines" in set(table.name)
    True
    """
    import pandas as pd

    return pd.DataFrame([vars(source) for source in registry().values()])


PROJECT_TABLES = Source(
    name="curated",
    path="data/curated/",
    url="",
    sha256="",
    licence="CC BY 4.0",
    description="the project's hand-compiled tables (messages 2015-2025, calendar, ties, leaders, absences)",
    citation="Leaders' messages as signals of relations between states: notebooks and data (see CITATION.cff); "
    "every row cites the page that states it",
)


def data_citations(*names: str):
    """Licence and citation of the named sources (all of them when none is named), as a table for a notebook's data
    section. "curated" names the project's own hand-compiled tables; tables in data/processed/ keep the licence of
    the source they derive from.

    >>> data_citations("un_votes", "curated")[["source", "licence"]].values.tolist()
    [['un_votes', 'MIT'], ['curated', 'CC BY 4.0']]
    >>> data_citations("votes")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.sources.SourceError: unknown source 'votes'; known: curated, kcna_headlines, ...
    """
    import pandas as pd

    known = registry() | {PROJECT_TABLES.name: PROJECT_TABLES}
    for name in names:
        if name not in known:
            raise SourceError(f"unknown source {name!r}; known: {', '.join(sorted(known))}")
    chosen = [known[name] for name in names or known]
    return pd.DataFrame([{"source": s.name, "licence": s.licence, "cite as": s.citation} for s in chosen])


def _from_mirror(source: Source, mirror: Path) -> Path:
    candidate = mirror / source.path
    if not candidate.is_file():
        raise SourceError(
            f"{source.name}: {candidate} is missing from the mirror folder HELPERS_DATA_MIRROR={mirror}. "
            f"Copy the file there (from {source.url}) or unset HELPERS_DATA_MIRROR to download it."
        )
    actual = sha256_of(candidate)
    if actual != source.sha256:
        raise SourceError(
            f"{source.name}: checksum mismatch for {candidate}\n"
            f"  expected sha256 {source.sha256}\n  actual   sha256 {actual}\n"
            f"The mirror copy is corrupt or a different version; replace it with the file at {source.url}."
        )
    return candidate


def _download(source: Source, cache: Path) -> Path:
    import pooch  # heavy: imported only when a download is needed

    target = cache / source.path
    if target.is_file() and sha256_of(target) == source.sha256:
        return target
    try:
        # pooch writes to a temporary file and moves it into place only after the hash matches,
        # so an interrupted or corrupt download leaves no partial file behind.
        fetched = pooch.retrieve(
            url=source.url,
            known_hash=f"sha256:{source.sha256}",
            fname=Path(source.path).name,
            path=target.parent,
            progressbar=False,
        )
    except ValueError as error:  # pooch's hash mismatch
        raise SourceError(
            f"{source.name}: the download from {source.url} does not match the pinned checksum "
            f"(expected sha256 {source.sha256}). Nothing was kept. Details: {error}"
        ) from error
    except Exception as error:  # network failures
        raise SourceError(
            f"{source.name}: could not download {source.url} ({type(error).__name__}: {error}). "
            "Without network, point HELPERS_DATA_MIRROR at a folder holding the files (see README, 'Offline')."
        ) from error
    return Path(fetched)


def fetch(name: str, *, sources_file: Path | None = None) -> Path:
    """Local path of a verified copy of source `name`: from the mirror if HELPERS_DATA_MIRROR is set,
    else downloaded once into the cache."""
    sources = registry(sources_file)
    if name not in sources:
        raise SourceError(f"unknown source {name!r}; known: {', '.join(sorted(sources))} (data/sources.toml)")
    source = sources[name]
    mirror = paths.mirror_dir()
    location = _from_mirror(source, mirror) if mirror is not None else _download(source, paths.raw_cache_dir())
    record_read(location, sha256=source.sha256)
    return location


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.sources", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    fetch_cmd = commands.add_parser("fetch", help="download or locate and verify raw sources")
    fetch_cmd.add_argument("names", nargs="*", help="source names (default: all)")
    commands.add_parser("list", help="list the registry")
    commands.add_parser("cite", help="licence and citation of every source and of the project's tables")
    args = parser.parse_args(argv)
    sources = registry()
    if args.command == "cite":
        for row in data_citations().itertuples(index=False):
            print(f"{row.source} ({row.licence}): {row[2]}")
        return 0
    if args.command == "list":
        for source in sources.values():
            print(f"{source.name:22} {source.licence:6} {source.path:32} {source.description}")
        return 0
    failures = 0
    for name in args.names or list(sources):
        try:
            location = fetch(name)
            print(f"ok   {name:22} {location}")
        except SourceError as error:
            failures += 1
            print(f"FAIL {error}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
