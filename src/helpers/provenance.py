"""Which data files this process has read, with their sha256: what a figure made now depends on.

Every loader calls `record_read(path)` for each file it opens; `helpers.figures.save_figure` writes
`files_read()` into the figure manifest, so no input is ever listed by hand.

    >>> from helpers import provenance, paths
    >>> provenance.record_read(paths.CURATED_DIR / "leaders.csv")
    >>> "data/curated/leaders.csv" in provenance.files_read()
    True
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import paths

_READS: dict[Path, tuple[int, float, str]] = {}  # resolved path -> (size, mtime, sha256)


def sha256_of(path: Path) -> str:
    """The sha256 of a file, read in blocks of 1 MiB."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def label(path: Path) -> str:
    """How a file is named in the manifest: relative to the project, else `mirror:`/`cache:` plus its name."""
    path = Path(path).resolve()
    if path.is_relative_to(paths.PROJECT_ROOT):
        return path.relative_to(paths.PROJECT_ROOT).as_posix()
    for prefix, root in (("mirror", paths.mirror_dir()), ("cache", paths.raw_cache_dir())):
        if root is not None and path.is_relative_to(Path(root).resolve()):
            return f"{prefix}:{path.relative_to(Path(root).resolve()).as_posix()}"
    return path.as_posix()


def record_read(path: Path, sha256: str | None = None) -> None:
    """Note that `path` was read (its sha256 is computed once per version of the file)."""
    path = Path(path).resolve()
    stat = path.stat()
    known = _READS.get(path)
    if known and known[:2] == (stat.st_size, stat.st_mtime):
        return
    _READS[path] = (stat.st_size, stat.st_mtime, sha256 or sha256_of(path))


def files_read() -> dict[str, str]:
    """Every data file read so far in this process: manifest label -> sha256, sorted by label."""
    return dict(sorted((label(path), digest) for path, (_, _, digest) in _READS.items()))


def forget() -> None:
    """Start a fresh record (tests)."""
    _READS.clear()
