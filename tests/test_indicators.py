"""Dyad-year indicators: hand-worked event tables, the real 2024 case, bad input, and equality on four backends."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.indicators.backends import local_spark_session, to_backend, to_pandas
from helpers.indicators.events import message_events
from helpers.indicators.occasions import missed_occasions
from helpers.indicators.schema import EVENT_COLUMNS, validate_events
from helpers.indicators.synthetic import synthetic_events
from helpers.indicators.table import INDICATOR_COLUMNS, dyad_year_indicators
from helpers.indicators.verbs import message_gaps
from helpers.table_schema import TableError

KEY = ["sender", "recipient", "year"]
TEXT_COLUMNS = {"sender", "recipient", "source", "level_trend"}


def events_table(rows) -> pd.DataFrame:
    """Hand-made events: (sender, recipient, date, kind, occasion, level) plus optional overrides per row."""
    records = []
    for i, row in enumerate(rows):
        sender, recipient, date, kind, occasion, level, *extra = row
        date = pd.Timestamp(date)
        record = {
            "message_id": f"m{i:03d}",
            "sender": sender,
            "recipient": recipient,
            "day": (date - pd.Timestamp("1970-01-01")).days,
            "year": date.year,
            "kind": kind,
            "occasion": occasion,
            "level": level,
            "occasion_day": None,
            "date_kind": "sent",
            "report_delay": None,
            "warmth": None,
            "ties_year": None,
            "source": "test",
        }
        record.update(extra[0] if extra else {})
        records.append(record)
    frame = pd.DataFrame(records, columns=list(EVENT_COLUMNS))
    for column in ("occasion_day", "report_delay", "ties_year"):
        frame[column] = frame[column].astype("Int64")
    frame["warmth"] = frame["warmth"].astype("Float64")
    return frame


def indicators(events) -> pd.DataFrame:
    return to_pandas(dyad_year_indicators(events), KEY).set_index(KEY)


def test_silence_across_a_year_end_and_at_year_end():
    table = indicators(
        events_table(
            [
                ("AAA", "BBB", "2020-03-01", "greeting", "other", 4),
                ("AAA", "BBB", "2020-11-01", "greeting", "other", 4),
                ("AAA", "BBB", "2021-02-15", "greeting", "other", 4),
            ]
        )
    )
    # 1 March -> 1 November 2020 is 245 days; 1 November 2020 -> 15 February 2021 is 30 + 31 + 31 + 14 = 106.
    assert table.loc[("AAA", "BBB", 2020), "longest_silence_days"] == 245
    assert pd.isna(table.loc[("AAA", "BBB", 2020), "silence_into_year_days"])  # the first message has no past
    assert table.loc[("AAA", "BBB", 2021), "longest_silence_days"] == 106
    assert table.loc[("AAA", "BBB", 2021), "silence_into_year_days"] == 106
    # 1 November -> 31 December 2020 = 60 days; 15 February -> 31 December 2021 = 319 days.
    assert table.loc[("AAA", "BBB", 2020), "silence_at_year_end_days"] == 60
    assert table.loc[("AAA", "BBB", 2021), "silence_at_year_end_days"] == 319


def test_silence_at_year_end_runs_on_through_a_year_without_messages():
    table = indicators(
        events_table(
            [
                ("AAA", "BBB", "2019-12-01", "greeting", "other", 4),
                ("CCC", "BBB", "2020-06-01", "greeting", "other", 4),  # makes 2020 a year of the table
                ("AAA", "BBB", "2021-01-10", "greeting", "other", 4),
            ]
        )
    )
    assert table.loc[("AAA", "BBB", 2020), "n_messages"] == 0
    assert table.loc[("AAA", "BBB", 2020), "silence_at_year_end_days"] == 30 + 366  # 2020 is a leap year
    assert table.loc[("AAA", "BBB", 2021), "silence_into_year_days"] == 406
    assert pd.isna(table.loc[("CCC", "BBB", 2019), "silence_at_year_end_days"])  # before CCC's first message


def test_reciprocity_window_edge():
    table = indicators(
        events_table(
            [
                ("AAA", "BBB", "2020-01-01", "greeting", "other", 4),
                ("BBB", "AAA", "2020-01-31", "thanks", "reply", 4),  # day 30 after: an answer
                ("AAA", "BBB", "2020-06-01", "greeting", "other", 4),
                ("BBB", "AAA", "2020-07-02", "greeting", "other", 4),  # day 31 after: too late
                ("AAA", "BBB", "2020-09-09", "greeting", "other", 4),
                ("BBB", "AAA", "2020-09-09", "greeting", "other", 4),  # same day counts both ways
            ]
        )
    )
    assert table.loc[("AAA", "BBB", 2020), "n_answered"] == 2
    assert table.loc[("AAA", "BBB", 2020), "reciprocity"] == pytest.approx(2 / 3)
    # BBB's 31 January message is answered by AAA's 1 June one? No: 122 days. Its 2 July one is not either.
    # Its 9 September one is answered by AAA's message of the same day.
    assert table.loc[("BBB", "AAA", 2020), "n_answered"] == 1


def test_level_downgrade_and_upgrade():
    table = indicators(
        events_table(
            [
                ("AAA", "BBB", "2019-05-01", "greeting", "other", 4),
                ("AAA", "BBB", "2020-05-01", "greeting", "other", 3),
                ("AAA", "BBB", "2020-06-01", "greeting", "other", 2),
                ("AAA", "BBB", "2021-05-01", "greeting", "other", 4),
            ]
        )
    )
    assert table.loc[("AAA", "BBB", 2020), "level_max"] == 3
    assert table.loc[("AAA", "BBB", 2020), "level_change"] == -1
    assert table.loc[("AAA", "BBB", 2020), "level_trend"] == "downgrade"
    assert table.loc[("AAA", "BBB", 2021), "level_trend"] == "upgrade"
    assert pd.isna(table.loc[("AAA", "BBB", 2019), "level_change"])


def test_missed_occasion_is_expected_and_listed():
    rows = [("AAA", "BBB", f"{year}-10-01", "greeting", "national_day", 4) for year in range(2015, 2020)]
    rows += [("AAA", "BBB", "2020-01-01", "greeting", "new_year", 4)]  # 2020: New Year only, no national day
    rows += [("AAA", "BBB", "2021-10-01", "greeting", "national_day", 4)]
    events = events_table(rows)
    table = indicators(events)
    # 2015 has no history; 2016 one year (fewer than 2); from 2017 the national day is habitual.
    assert table.loc[("AAA", "BBB", 2016), "n_expected_occasions"] == 0
    assert table.loc[("AAA", "BBB", 2017), "occasion_coverage"] == 1.0
    assert table.loc[("AAA", "BBB", 2020), "n_expected_occasions"] == 1
    assert table.loc[("AAA", "BBB", 2020), "occasion_coverage"] == 0.0
    # 2021: the national day was marked in 4 of the previous 5 years: still expected, and marked.
    assert table.loc[("AAA", "BBB", 2021), "occasion_coverage"] == 1.0
    missed = to_pandas(missed_occasions(events))
    assert missed[["year", "occasion", "prev_marked", "prev_years"]].values.tolist() == [[2020, "national_day", 5, 5]]


def test_round_anniversary_of_ties():
    ties = {"ties_year": 1949}
    table = indicators(
        events_table(
            [
                ("AAA", "BBB", "2018-10-06", "greeting", "ties_anniversary", 2, ties),
                ("AAA", "BBB", "2019-10-06", "greeting", "ties_anniversary", 4, ties),
            ]
        )
    )
    assert table.loc[("AAA", "BBB", 2019), "ties_anniversary"] == 70
    assert table.loc[("AAA", "BBB", 2019), "round_ties_anniversary"] == 1
    assert table.loc[("AAA", "BBB", 2018), "round_ties_anniversary"] == 0
    assert table.loc[("AAA", "BBB", 2019), "ties_message_level"] == 4
    assert table.loc[("AAA", "BBB", 2018), "ties_message_level"] == 2


def test_dyad_with_one_message_and_timeliness():
    table = indicators(
        events_table(
            [
                ("AAA", "BBB", "2020-09-10", "congratulation", "national_day", 4, {"occasion_day": 18514}),
                ("CCC", "BBB", "2021-01-01", "greeting", "new_year", 3, {"warmth": 2.0, "date_kind": "reported"}),
            ]
        )
    )
    row = table.loc[("AAA", "BBB", 2020)]
    assert row.n_messages == 1 and row.n_congratulation == 1 and row.reciprocity == 0
    assert pd.isna(row.longest_silence_days) and row.silence_at_year_end_days == 112
    assert row.timeliness_sent_days == (pd.Timestamp("2020-09-10") - pd.Timestamp("1970-01-01")).days - 18514
    assert pd.isna(row.warmth_mean) and row.warmth_coverage == 0
    other = table.loc[("CCC", "BBB", 2021)]
    assert other.warmth_mean == 2.0 and other.warmth_coverage == 1.0
    assert table.loc[("AAA", "BBB", 2021), "n_messages"] == 0
    assert list(table.reset_index().columns) == INDICATOR_COLUMNS


def test_message_gaps_order_same_day_messages_by_id():
    events = events_table(
        [
            ("AAA", "BBB", "2020-01-01", "greeting", "other", 4),
            ("AAA", "BBB", "2020-01-01", "gift", "other", 4),
            ("AAA", "BBB", "2020-01-11", "greeting", "other", 4),
        ]
    )
    gaps = to_pandas(message_gaps(events), ["message_id"])
    assert gaps["days_since_previous"].tolist()[1:] == [0, 10]


# --- real data ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_events():
    return message_events()


@pytest.fixture(scope="module")
def real_table(real_events):
    return indicators(real_events)


def test_2024_china_silence_is_252_days(real_table):
    row = real_table.loc[("CHN", "PRK", 2024)]
    assert row.longest_silence_days == 252  # 1 January to 9 September 2024
    assert row.source == "curated"
    assert real_table.loc[("CHN", "PRK", 2013), "source"] == "kcna_headlines"


def test_real_table_accounts_for_every_message(real_events, real_table):
    assert real_table["n_messages"].sum() == len(real_events)
    kinds = [c for c in INDICATOR_COLUMNS if c.startswith("n_") and c[2:] in set(real_events.kind)]
    assert (real_table[kinds].sum(axis=1) == real_table["n_messages"]).all()
    assert real_events.message_id.is_unique and real_events.level.between(0, 4).all()


# --- bad input ------------------------------------------------------------------------------------------------


def test_bad_input_names_column_and_rows():
    good = events_table([("AAA", "BBB", "2020-01-01", "greeting", "other", 4)] * 3)
    good["message_id"] = ["a", "b", "c"]
    with pytest.raises(TableError, match="column 'warmth': is missing"):
        validate_events(good.drop(columns="warmth"), "events.csv")
    bad = good.copy()
    bad.loc[1, "kind"] = "telegram"
    bad.loc[2, "level"] = 7
    with pytest.raises(TableError) as error:
        validate_events(bad, "events.csv")
    text = str(error.value)
    assert "events.csv, row 2, column 'kind': 'telegram' is not one of" in text
    assert "events.csv, row 3, column 'level': 7 is not a level" in text
    outside = good.copy()
    outside.loc[0, ["year", "day"]] = [1900, -25567]
    with pytest.raises(TableError, match="row 1, column 'year': 1900 is outside"):
        validate_events(outside, "events.csv")
    wrong_year = good.copy()
    wrong_year.loc[0, "year"] = 2021
    with pytest.raises(TableError, match="row 1, column 'day'"):
        validate_events(wrong_year, "events.csv")
    duplicated = good.copy()
    duplicated.loc[2, "message_id"] = "a"
    with pytest.raises(TableError, match="row 3, column 'message_id': 'a' is duplicated"):
        validate_events(duplicated, "events.csv")


# --- the same numbers on every backend --------------------------------------------------------------------------


def assert_frames_equal(expected: pd.DataFrame, actual: pd.DataFrame, label: str) -> None:
    assert list(actual.columns) == list(expected.columns), label
    assert len(actual) == len(expected), label
    for column in expected.columns:
        if column in TEXT_COLUMNS:
            left = expected[column].astype("string").fillna("<NA>").to_numpy()
            right = actual[column].astype("string").fillna("<NA>").to_numpy()
            assert (left == right).all(), f"{label}: {column}"
        else:
            left = pd.to_numeric(expected[column]).astype(float).to_numpy()
            right = pd.to_numeric(actual[column]).astype(float).to_numpy()
            assert np.allclose(left, right, rtol=0, atol=1e-9, equal_nan=True), f"{label}: {column}"


@pytest.fixture(scope="module")
def spark():
    session = local_spark_session()
    yield session
    session.stop()


@pytest.mark.parametrize("backend", ["polars", "duckdb", "pyspark"])
def test_every_backend_gives_the_pandas_table(backend, spark, real_events):
    for label, events in [
        ("real", real_events),
        ("synthetic", synthetic_events(20_000, n_countries=30, n_years=12, seed=7)),
    ]:
        expected = to_pandas(dyad_year_indicators(events), KEY)
        actual = to_pandas(dyad_year_indicators(to_backend(events, backend, spark)), KEY)
        assert_frames_equal(expected, actual, f"{backend}/{label}")


def test_a_filtered_pandas_frame_gives_the_same_table(real_events):
    leaders = real_events[real_events.level >= 3]  # an index with holes
    assert not leaders.index.equals(pd.RangeIndex(len(leaders)))
    expected = to_pandas(dyad_year_indicators(leaders.reset_index(drop=True)), KEY)
    assert_frames_equal(expected, to_pandas(dyad_year_indicators(leaders), KEY), "filtered")
    gaps = to_pandas(message_gaps(leaders), ["message_id"])
    fresh = to_pandas(message_gaps(leaders.reset_index(drop=True)), ["message_id"])
    assert gaps["days_since_previous"].equals(fresh["days_since_previous"])


def test_processed_tables_are_current_and_documented(tmp_path):
    from helpers import paths
    from helpers.indicators import processed
    from helpers.indicators.table import codebook_markdown

    for written in processed.build(tmp_path):
        committed = paths.PROCESSED_DIR / written.name
        assert written.read_bytes() == committed.read_bytes(), f"{written.name} is stale: run make data"
    assert codebook_markdown() in (paths.PROCESSED_DIR / "README.md").read_text(encoding="utf-8")


def test_large_frames_reach_spark_through_parquet(spark, monkeypatch):
    from helpers.indicators import backends

    monkeypatch.setattr(backends, "SPARK_DIRECT_ROWS", 0)  # every frame counts as large
    events = synthetic_events(2_000, n_countries=8, n_years=3, seed=4)
    expected = to_pandas(dyad_year_indicators(events), KEY)
    assert_frames_equal(expected, to_pandas(dyad_year_indicators(to_backend(events, "pyspark", spark)), KEY), "parquet")


@pytest.mark.parametrize("backend", ["pandas", "polars", "duckdb"])
def test_expected_occasions_are_the_expected_rows_of_the_full_history(backend):
    from helpers.indicators.occasions import expected_occasions, occasion_history

    events = to_backend(synthetic_events(20_000, n_countries=25, n_years=12, seed=11), backend)
    cell_year = ["sender", "recipient", "occasion", "year"]
    full = to_pandas(occasion_history(events), cell_year)
    full = full[full.expected == 1].reset_index(drop=True)
    fast = to_pandas(expected_occasions(events), cell_year)
    assert len(fast) > 1_000
    columns = ["marked", "prev_marked", "prev_years", "expected"]
    pd.testing.assert_frame_equal(fast[cell_year + columns], full[cell_year + columns], check_dtype=False)
