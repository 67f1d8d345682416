import pandas as pd
import pytest

from helpers.curated import CuratedTableError, load_curated
from helpers.leaders import dprk_roles
from helpers.messages import (
    MESSAGE_COLUMNS,
    exchanges_per_year,
    load_messages,
    match_kcna_to_curated,
    previous_message,
    validate_messages,
)


def rows(provenance, records):
    """Synthetic message rows (test data, not real messages)."""
    frame = pd.DataFrame(records, columns=["date", "sender_country", "recipient_country", "kind", "_date_reported"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["_date_reported"] = pd.to_datetime(frame["_date_reported"])
    frame["source_row"] = [f"{provenance}{i}" for i in range(len(frame))]
    return frame


def test_dedup_keeps_the_curated_row_and_names_the_kcna_duplicate():
    kcna = rows(
        "k",
        [
            ("2014-09-10", "CHN", "PRK", "congratulation", "2014-09-10"),  # same message, reported a day late
            ("2014-09-10", "RUS", "PRK", "congratulation", "2014-09-10"),  # other sender: kept
            ("2014-09-20", "CHN", "PRK", "congratulation", "2014-09-20"),  # 11 days later: kept
        ],
    )
    curated = rows("c", [("2014-09-09", "CHN", "PRK", "congratulation", "2014-09-09")])
    kept, annotated = match_kcna_to_curated(kcna, curated)
    assert kept.source_row.tolist() == ["k1", "k2"]
    assert annotated.also_reported_in.tolist() == ["k0"]
    assert len(kept) + len(annotated) + 1 == len(kcna) + len(curated)  # every input row accounted for


def test_dedup_uses_the_reported_date_too():
    kcna = rows("k", [("2015-01-03", "PRK", "CUB", "greeting", "2015-01-03")])
    curated = rows("c", [("2014-12-25", "PRK", "CUB", "greeting", "2015-01-02")])
    kept, annotated = match_kcna_to_curated(kcna, curated)
    assert kept.empty and annotated.also_reported_in.tolist() == ["k0"]


def test_schema_violations_name_row_and_column():
    frame = pd.DataFrame(
        {
            "message_id": ["a", "b"],
            "sender_country": ["PRK", "PRK"],
            "recipient_country": ["CHN", "PRK"],
            "sender_role": ["head_of_state", "king"],
            "recipient_role": ["party", "party"],
            "kind": ["greeting", "greeting"],
            "occasion": ["new_year", "new_year"],
        }
    )
    with pytest.raises(CuratedTableError) as error:
        validate_messages(frame, "messages")
    text = str(error.value)
    assert "messages, row 2, column 'sender_role': 'king' is not one of" in text
    assert "messages, row 2, column 'recipient_country': sender and recipient are both PRK" in text


def test_dprk_roles_follow_the_offices_held_on_the_date():
    names = pd.Series(["Kim Yong Nam", "Kim Jong Un", "Kim Jong Un", "", "Someone Else"])
    dates = pd.Series(pd.to_datetime(["2005-01-01", "2013-01-01", "2020-01-01", "2020-01-01", "2020-01-01"]))
    assert dprk_roles(names, dates).tolist() == [
        "head_of_state",
        "head_of_state",
        "head_of_state",
        "unspecified",
        "unspecified",
    ]


@pytest.fixture(scope="module")
def messages():
    return load_messages()


def test_load_messages_schema_and_provenance(messages):
    assert list(messages.columns) == MESSAGE_COLUMNS
    assert set(messages.provenance) == {"kcna_headlines", "curated"}
    assert messages.message_id.is_unique
    assert ((messages.sender_country == "PRK") | (messages.recipient_country == "PRK")).all()
    curated = load_curated("messages_recent")
    assert (messages.provenance == "curated").sum() == len(curated)
    assert messages.date.is_monotonic_increasing


def test_xi_2024_message_and_the_gap_before_it(messages):
    xi = messages[(messages.sender_country == "CHN") & (messages.date == "2024-09-09")]
    assert xi.occasion.tolist() == ["dprk_founding"] and xi.anniversary_number.tolist() == [76]
    before = previous_message(messages, "CHN", "PRK", "2024-09-09")
    assert before.date == pd.Timestamp("2024-01-01")


def test_exchanges_per_year_keeps_empty_years(messages):
    table = exchanges_per_year(messages, "CHN", range(2015, 2026))
    assert list(table.index) == list(range(2015, 2026))
    assert list(table.columns) == ["CHN→PRK", "PRK→CHN"]
    assert table.loc[2024, "CHN→PRK"] == len(
        messages[(messages.sender_country == "CHN") & (messages.date.dt.year == 2024)]
    )


def test_coverage_grid_is_complete_and_consistent():
    coverage = load_curated("message_coverage")
    per_cell = coverage.groupby(["sender_country", "recipient_country", "occasion"]).year.agg(["count", "min", "max"])
    assert (per_cell["count"] == 11).all() and (per_cell["min"] == 2015).all() and (per_cell["max"] == 2025).all()
    dyads = {frozenset(pair) for pair in zip(coverage.sender_country, coverage.recipient_country)}
    partners = {"CHN", "RUS", "CUB", "SYR", "KHM", "PSE", "LAO", "MNG", "VNM", "IRN", "IDN", "IND", "DZA", "GIN", "EGY"}
    partners |= {"NIC", "BLR", "VEN"}  # three partners that stand with the DPRK in the UN after 2015
    assert dyads == {frozenset({partner, "PRK"}) for partner in partners}  # the 15 most frequent in KCNA 1997-2014
    assert len(per_cell) == 62 and len(coverage) == 682
    assert (coverage.status != "not_searched").sum() >= 660
    found = coverage[coverage.status == "found"]
    recent = load_curated("messages_recent")
    keys = set(zip(recent.sender_country, recent.recipient_country, recent.date))
    assert all(k in keys for k in zip(found.sender_country, found.recipient_country, found.message_date))
    assert found.source_url.notna().all()
    assert coverage[coverage.status.isin(["searched_not_found", "unconfirmed"])].note.notna().all()
    unconfirmed = coverage[coverage.status == "unconfirmed"]  # reported only on copies: a lead, not a finding
    leads = load_curated("messages_unconfirmed")
    lead_keys = set(zip(leads.sender_country, leads.recipient_country, leads.date))
    assert all(
        k in lead_keys for k in zip(unconfirmed.sender_country, unconfirmed.recipient_country, unconfirmed.message_date)
    )
    assert (unconfirmed.source_url.fillna("") == "").all()  # the copy is cited in messages_unconfirmed.csv
