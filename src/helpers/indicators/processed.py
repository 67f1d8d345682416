"""The processed indicator tables: built from the real messages by `make data`, read back by the notebooks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths
from ..curated import load_curated
from ..provenance import record_read
from .backends import to_pandas
from .events import message_events
from .expected import backtest, candidate_cells
from .schema import LEADER_LEVEL
from .table import INDICATOR_COLUMNS, dyad_year_indicators

EXPECTED_COLUMNS = [
    "sender",
    "recipient",
    "occasion",
    "year",
    "known",
    "marked",
    "known_years",
    "marked_in_window",
    "p_model",
    "p_base",
    "surprise",
    "message_ids",
]


def expected_messages(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The expected-message backtest on the real messages, one row per scored candidate cell-year (EXPECTED_COLUMNS):
    the model's and the base rate's probability, what happened, and the ids of the messages that marked it."""
    events = message_events() if events is None else events
    scored = backtest(candidate_cells(events, load_curated("message_coverage")))
    marking = events[events["level"] >= LEADER_LEVEL].groupby(["sender", "recipient", "occasion", "year"])["message_id"]
    ids = marking.agg(lambda values: ";".join(sorted(values))).rename("message_ids").reset_index()
    scored = scored.merge(ids, on=["sender", "recipient", "occasion", "year"], how="left")
    scored["message_ids"] = scored["message_ids"].where(scored["marked"] == 1, "")
    return scored[EXPECTED_COLUMNS].sort_values(["year", "sender", "recipient", "occasion"]).reset_index(drop=True)


def build(output_dir: Path | None = None) -> list[Path]:
    """Write dyad_year_indicators.csv and expected_messages.csv (deterministic: same inputs, same bytes)."""
    directory = Path(output_dir) if output_dir else paths.PROCESSED_DIR
    directory.mkdir(parents=True, exist_ok=True)
    events = message_events()
    table = to_pandas(dyad_year_indicators(events), ["sender", "recipient", "year"])[INDICATOR_COLUMNS]
    table = table.astype({column: "Int64" for column in _integer_columns()})
    written = []
    for frame, name in [
        (table, paths.DYAD_YEAR_INDICATORS_FILE.name),
        (expected_messages(events), paths.EXPECTED_MESSAGES_FILE.name),
    ]:
        path = directory / name
        frame.to_csv(path, index=False, float_format="%.6f", lineterminator="\n")
        written.append(path)
    return written


def load_dyad_year_indicators() -> pd.DataFrame:
    """The dyad-year indicator table of the real messages (data/processed/dyad_year_indicators.csv; codebook in
    data/processed/README.md), as `make data` wrote it.

    >>> table = load_dyad_year_indicators()
    >>> int(table.query("sender == 'CHN' and recipient == 'PRK' and year == 2024").longest_silence_days.iloc[0])
    252
    """
    path = paths.DYAD_YEAR_INDICATORS_FILE
    record_read(path)
    table = pd.read_csv(path, dtype={"sender": str, "recipient": str, "source": str, "level_trend": str})
    return table.astype({column: "Int64" for column in _integer_columns()})


def _integer_columns() -> list[str]:
    """Counts, levels, days and years: the columns that are whole numbers (or empty)."""
    integers = [c for c in INDICATOR_COLUMNS if c.startswith(("n_", "level_max", "level_change", "ties_", "longest"))]
    return integers + ["year", "silence_into_year_days", "silence_at_year_end_days", "round_ties_anniversary"]


def load_expected_messages() -> pd.DataFrame:
    """The expected-message backtest of the real messages (data/processed/expected_messages.csv).

    >>> expected = load_expected_messages()
    >>> bool(expected.p_model.between(0, 1).all()), int(expected.year.min()) >= 2000
    (True, True)
    """
    path = paths.EXPECTED_MESSAGES_FILE
    record_read(path)
    return pd.read_csv(path, dtype={"message_ids": str}, keep_default_na=False, na_values={"surprise": [""]})
