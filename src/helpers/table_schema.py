"""Table schemas and their validation: the machinery under the curated tables (helpers.curated).

A schema lists each column's type, whether it is required and its allowed values; `validate` reports every problem
with file, row (1-based data row; the CSV line is row + 1) and column.

>>> schema = TableSchema("demo", "demo.csv", [Column("year", "int")], key=["year"], description="a demo")
>>> [str(p) for p in validate(read_raw_text("year\\n2020\\nlast\\n"), schema, "demo.csv")]
["demo.csv, row 2, column 'year': 'last' is not a whole number"]
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .countries import known_iso3
from .vocabularies import MULTI

_URL = re.compile(r"^https?://\S+$")
_HOLIDAYS_REF = re.compile(r"^holidays:[A-Z]{2}:.+$")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        where += f", column '{self.column}'" if self.column else ""
        return f"{where}: {self.message}"


class TableError(ValueError):
    """Every problem found in a table, each naming file, row and column."""

    what = "the table"

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n  ".join(map(str, problems[:50]))
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in {self.what}:\n  {shown}{more}")


class CuratedTableError(TableError):
    what = "curated data"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | date | int | iso3 | iso3_list | enum | url | source | bool
    required: bool = True
    allowed: tuple[str, ...] = ()
    meaning: str = ""


@dataclass
class TableSchema:
    name: str
    file: str
    columns: list[Column]
    key: list[str]
    description: str
    checks: list[Callable[[pd.DataFrame, str], list[Problem]]] = field(default_factory=list)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _is_url_list(value: str) -> bool:
    return all(_URL.match(part.strip()) for part in value.split(" ; "))


def _check_cell(column: Column, value: str) -> str | None:
    """None if the cell is valid, else what is wrong with it."""
    if value == "":
        return "is empty" if column.required else None
    if column.kind == "date":
        try:
            pd.Timestamp(value)
        except ValueError:
            return f"{value!r} is not a date (YYYY-MM-DD)"
        return None if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else f"{value!r} is not a date (YYYY-MM-DD)"
    if column.kind == "int":
        return None if re.fullmatch(r"-?\d+", value) else f"{value!r} is not a whole number"
    if column.kind == "bool":
        return None if value in {"true", "false"} else f"{value!r} is not true/false"
    if column.kind == "iso3":
        return None if value in known_iso3() or value == MULTI else f"{value!r} is not a known ISO3 code"
    if column.kind == "iso3_list":
        bad = [code for code in value.split(";") if code.strip() not in known_iso3()]
        return f"unknown ISO3 code(s) {bad}" if bad else None
    if column.kind == "enum":
        if column.name == "warmth_markers":
            bad = [term for term in value.split(";") if term not in column.allowed]
            return f"unknown term(s) {bad}; allowed: {list(column.allowed)}" if bad else None
        return None if value in column.allowed else f"{value!r} is not one of {list(column.allowed)}"
    if column.kind == "url":
        return None if _is_url_list(value) else f"{value!r} is not a URL (several are separated by ' ; ')"
    if column.kind == "source":
        return (
            None
            if _HOLIDAYS_REF.match(value) or _is_url_list(value)
            else (f"{value!r} is neither a URL nor a holidays:<ISO2>:<name> reference")
        )
    return None


def validate(frame: pd.DataFrame, schema: TableSchema, file: str) -> list[Problem]:
    """Every problem in a raw (all-string) frame: missing columns, bad cells, duplicate keys, table checks."""
    missing = [c.name for c in schema.columns if c.name not in frame.columns]
    if missing:
        return [Problem(file, None, name, "column is missing") for name in missing]
    problems = []
    for column in schema.columns:
        for index, value in frame[column.name].items():
            error = _check_cell(column, value)
            if error:
                problems.append(Problem(file, index + 1, column.name, error))
    duplicated = frame.duplicated(schema.key, keep="first")
    for index in frame.index[duplicated]:
        first = frame.index[(frame[schema.key] == frame.loc[index, schema.key]).all(axis=1)][0]
        problems.append(Problem(file, index + 1, ",".join(schema.key), f"duplicate key (same as row {first + 1})"))
    if not problems:
        for check in schema.checks:
            problems.extend(check(frame, file))
    return problems


def read_raw(path: Path) -> pd.DataFrame:
    """A CSV as all-string cells ('' for empty), rows 0-based."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def typed(frame: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    typed = frame.copy()
    for column in schema.columns:
        values = typed[column.name]
        if column.kind == "date":
            typed[column.name] = pd.to_datetime(values.replace("", None), format="%Y-%m-%d").astype("datetime64[ns]")
        elif column.kind == "int":
            typed[column.name] = pd.to_numeric(values.replace("", None)).astype("Int64")
        elif column.kind == "bool":
            typed[column.name] = values.map({"true": True, "false": False}).astype("boolean")
        else:
            typed[column.name] = values.astype("string")
    return typed


def read_raw_text(text: str) -> pd.DataFrame:
    """Like read_raw, for CSV text."""
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
