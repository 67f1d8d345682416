"""Read one data frame out of an R data file (.rda) from the sources registry."""

from __future__ import annotations

import pandas as pd

from .sources import SourceError, fetch


def read_source_frame(source_name: str, object_name: str) -> pd.DataFrame:
    """The R object `object_name` stored in source `source_name`, as a pandas DataFrame."""
    import pyreadr  # heavy

    path = fetch(source_name)
    try:
        objects = pyreadr.read_r(str(path))
    except Exception as error:  # pyreadr raises its own types for unreadable files
        raise SourceError(f"{source_name}: {path} could not be read as R data ({error})") from error
    if object_name not in objects:
        raise SourceError(f"{source_name}: {path} holds {list(objects)}, not {object_name!r}")
    return objects[object_name]


def require_columns(frame: pd.DataFrame, columns: list[str], where: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise SourceError(f"{where}: missing column(s) {missing}; found {list(frame.columns)}")
