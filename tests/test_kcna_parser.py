"""The KCNA headline parser, its command line, the processed tables and the evaluation helpers."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.countries import known_iso3
from helpers.kcna import evaluation as kcna_eval
from helpers.kcna.cli import main as cli
from helpers.kcna.corpus import normalised_title
from helpers.kcna.events import EXTRACT_COLUMNS, Accounting, build_tables, fold_repeated_headlines
from helpers.kcna.parser import kind_of, parse_headline, parse_headlines
from helpers.kcna.sides import dprk_principals
from helpers.vocabularies import DIRECTIONS, KINDS, MULTI, ROLES

# (title, date, direction, country, role, kind, principal): headlines read while writing the rules, none of them
# from the evaluation set.
KNOWN_MESSAGES = [
    ("Greetings to Russian President", "1999-06-11", "from_dprk", "RUS", "head_of_state", "greeting", ""),
    (
        "Gift to Kim Jong Il from Syrian President",
        "1999-02-20",
        "to_dprk",
        "SYR",
        "head_of_state",
        "gift",
        "Kim Jong Il",
    ),
    (
        "Kim Jong Un Receives Greetings from King of Lesotho",
        "2012-01-29",
        "to_dprk",
        "LSO",
        "head_of_state",
        "greeting",
        "Kim Jong Un",
    ),
    (
        "Message of Sympathy to Austrian Federal President",
        "2002-08-19",
        "from_dprk",
        "AUT",
        "head_of_state",
        "sympathy",
        "",
    ),
    (
        "Pak Ui Chun Greets Equatorial Guinean FM",
        "2009-02-04",
        "from_dprk",
        "GNQ",
        "foreign_minister",
        "greeting",
        "Pak Ui Chun",
    ),
    (
        "Choe Yong Rim Greets Iranian First Vice-President",
        "2012-02-10",
        "from_dprk",
        "IRN",
        "other_official",
        "greeting",
        "Choe Yong Rim",
    ),
    (
        "Kim Jong Il sends message of condolence to Chinese party and state leaders",
        "2003-05-06",
        "from_dprk",
        "CHN",
        "head_of_state",
        "condolence",
        "Kim Jong Il",
    ),
    (
        "Floral Basket and Congratulatory message to Kim Jong Il from Foreign Diplomats",
        "2003-12-31",
        "to_dprk",
        MULTI,
        "other_official",
        "congratulation",
        "Kim Jong Il",
    ),
    (
        "Gift to Kim Jong Il from CPLA High-Level Delegation",
        "2003-08-20",
        "to_dprk",
        "CHN",
        "other_official",
        "gift",
        "Kim Jong Il",
    ),
    ("Gift to Kim Jong Il from Lao delegation", "2001-11-26", "to_dprk", "LAO", "unspecified", "gift", "Kim Jong Il"),
    (
        "Greetings to 6th Congress of Nepal Communist Party (UML)",
        "1998-01-24",
        "from_dprk",
        "NPL",
        "party",
        "greeting",
        "",
    ),
    (
        "Congratulations to Swedish Prime Minister",
        "2002-11-07",
        "from_dprk",
        "SWE",
        "head_of_government",
        "congratulation",
        "",
    ),
    (
        "Cambodian King Sends Large Floral Basket to DPRK Embassy",
        "2007-02-24",
        "to_dprk",
        "KHM",
        "head_of_state",
        "gift",
        "",
    ),
    ("Floral Basket Sent to DPRK Embassy in Havana", "2009-01-01", "to_dprk", "CUB", "unspecified", "gift", ""),
    (
        "Floral Baskets to DPRK Missions in Different Countries",
        "2008-02-21",
        "to_dprk",
        MULTI,
        "unspecified",
        "gift",
        "",
    ),
    (
        "Greetings exchanged between FMs of DPRK and Iran",
        "2003-02-10",
        "from_dprk",
        "IRN",
        "foreign_minister",
        "greeting",
        "",
    ),
    (
        "Congratulations on Bulgarian National Day",
        "1998-03-03",
        "from_dprk",
        "BGR",
        "unspecified",
        "congratulation",
        "",
    ),
    (
        "Kim Jong Il Congratulated by Italian Party Leader on His Successful Visit to China",
        "2011-06-12",
        "to_dprk",
        "ITA",
        "party",
        "congratulation",
        "Kim Jong Il",
    ),
    (
        "Paek Nam Sun Greets His Albanian Counterpart",
        "2004-05-01",
        "from_dprk",
        "ALB",
        "foreign_minister",
        "greeting",
        "Paek Nam Sun",
    ),
    ("FM greets mauritanian counterpart", "1998-11-28", "from_dprk", "MRT", "foreign_minister", "greeting", ""),
    (
        "Congratulations to prime minister and foreign minister of Peru",
        "2001-07-30",
        "from_dprk",
        "PER",
        "head_of_government",
        "congratulation",
        "",
    ),
    (
        "Message of Greetings to Dominican Prime Minister",
        "2005-11-03",
        "from_dprk",
        "DMA",
        "head_of_government",
        "greeting",
        "",
    ),
    (
        "Kim Yong Nam, Kim Yong Il Conveys Sympathy to China",
        "2010-04-15",
        "from_dprk",
        "CHN",
        "unspecified",
        "sympathy",
        "Kim Yong Nam; Kim Yong Il",
    ),
    (
        "Kim Yong Nam Greets Congolese President",
        "2010-08-15",
        "from_dprk",
        "COG",
        "head_of_state",
        "greeting",
        "Kim Yong Nam",
    ),
    (
        "Kim Jong Un Receives Congratulations from President of Democratic Congo",
        "2012-08-02",
        "to_dprk",
        "COD",
        "head_of_state",
        "congratulation",
        "Kim Jong Un",
    ),
    (
        "Condolence Messages from Cuban and Algerian Presidents",
        "2011-12-22",
        "to_dprk",
        MULTI,
        "head_of_state",
        "condolence",
        "",
    ),
]

# A person named without title: head of state on that date, else party (or head of government for Putin).
KNOWN_PERSONS = [
    ("Kim Jong Il Sends Congratulations to Hu Jintao", "2005-03-14", "CHN", "head_of_state"),
    ("Greetings to Kim Jong Il from Hu Jintao", "2002-12-30", "CHN", "party"),
    ("Message of Greetings to Kim Jong Il from Putin", "2006-04-17", "RUS", "head_of_state"),
    ("Message of Greetings to Kim Jong Il from Putin", "2010-04-17", "RUS", "head_of_government"),
    ("Greetings to Fidel Castro Ruz", "2005-12-02", "CUB", "head_of_state"),
    ("Greetings to Fidel Castro Ruz", "2009-08-13", "CUB", "party"),
    ("Kim Jong Un Sends Reply Message to Raul Castro Ruz", "2012-08-14", "CUB", "head_of_state"),
]

KNOWN_NON_MESSAGES = [
    "Floral baskets laid before Statue of President Kim Il Sung",
    "Gift to Kim Jong Il",  # no foreign side named
    "Letter to Kim Jong Il from participants in European seminar",  # non-state
    "Message of thanks to Kim Jong Il from Chongryon",  # Koreans in Japan
    "Gift to Kim Jong Il from Director-General of UNESCO",  # international organisation
    "Kim Jong Il sends wreath to bier of Ryu Ryol",  # domestic
    "Congratulatory visit to Korean embassy in Cambodia",  # a visit
    "Art performance given to congratulate General Secretary Kim Jong Il",
    "Gift to Kim Jong Un from Cambodian Businessperson",
    "Gift to Kim Jong Il from Lao Youth Union",
    "Italian presents gift to Secy. Kim Jong Il",  # an individual named by nationality
    "Gift to Secy. Kim Jong Il from former Portuguese President",
    "Russian President Congratulates His Chinese Counterpart",  # no DPRK side
    "Korea-Lithuania basketball game",
    "Successful Satellite Launchers Congratulated",
]


@pytest.mark.parametrize("title, date, direction, country, role, kind, principal", KNOWN_MESSAGES)
def test_known_messages(title, date, direction, country, role, kind, principal):
    parsed = parse_headline(title, date)
    assert parsed.is_message, parsed
    assert (
        parsed.direction,
        parsed.counterpart_country,
        parsed.counterpart_role,
        parsed.kind,
        parsed.dprk_principal,
    ) == (direction, country, role, kind, principal)
    assert parsed.rule and not parsed.review_reason


@pytest.mark.parametrize("title, date, country, role", KNOWN_PERSONS)
def test_person_named_without_title_takes_role_from_date(title, date, country, role):
    parsed = parse_headline(title, date)
    assert (parsed.counterpart_country, parsed.counterpart_role) == (country, role)


@pytest.mark.parametrize("title", KNOWN_NON_MESSAGES)
def test_known_non_messages(title):
    parsed = parse_headline(title, "2005-06-01")
    assert not parsed.is_message, parsed
    assert (parsed.direction, parsed.counterpart_country, parsed.kind) == ("", "", "")


def test_in_person_summit_greeting_is_not_a_message():
    assert not parse_headline("Kim Jong Il Greets Roh Moo Hyun", "2007-10-03").is_message
    assert parse_headline("Kim Jong Il Greets Roh Moo Hyun", "2006-08-15").is_message


def test_unresolvable_counterpart_is_queued_for_review():
    parsed = parse_headline("Gifts to Kim Jong Il by APR", "2011-12-13")
    assert not parsed.is_message and parsed.review_reason == "unresolved counterpart"
    assert parse_headline("Messages of greetings exchanged", "2001-02-24").review_reason == "counterpart not named"


def test_kind_first_message_word_wins_and_beats_gift():
    assert kind_of("Floral Basket and Congratulatory message") == "congratulation"
    assert kind_of("Message of Sympathy") == "sympathy"
    assert kind_of("Reply Message") == "letter"
    assert kind_of("Gifts and Floral Baskets") == "gift"
    assert kind_of("Message of greetings and congratulations") == "greeting"


def test_dprk_principals_strip_titles_and_typos():
    assert dprk_principals("Secy. Kim Jong ll") == ("Kim Jong Il",)
    assert dprk_principals("Kim Yong Nam, Kim Yong Il") == ("Kim Yong Nam", "Kim Yong Il")


ALLOWED_COUNTRIES = known_iso3() | {MULTI}


def _assert_allowed(parsed):
    assert isinstance(parsed.is_message, bool)
    if parsed.is_message:
        assert parsed.direction in DIRECTIONS
        assert parsed.counterpart_country in ALLOWED_COUNTRIES
        assert parsed.counterpart_role in ROLES
        assert parsed.kind in KINDS
    else:
        assert parsed.direction == parsed.counterpart_country == parsed.counterpart_role == parsed.kind == ""
        assert parsed.dprk_principal == ""


message_words = st.sampled_from(
    [
        "Greetings",
        "Gift",
        "Message of Sympathy",
        "Letter",
        "Congratulations",
        "Floral Basket",
        "Kim Jong Il Greets",
        "Wreath",
        "Thanks",
    ]
)
connectors = st.sampled_from([" to ", " from ", " by ", " receives ", " sends ", " on ", " and ", ", ", " "])
headline_like = st.lists(
    st.one_of(
        message_words,
        connectors,
        st.text(max_size=20),
        st.sampled_from(
            [
                "Russian President",
                "Kim Jong Un",
                "DPRK Embassy",
                "PM",
                "Chongryon",
                "UN",
                "Putin",
                "Congo",
                "Korean",
                "C.C.",
            ]
        ),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(title=st.one_of(st.text(), headline_like), date=st.one_of(st.none(), st.text(max_size=12), st.dates()))
def test_parser_never_raises_and_stays_in_allowed_sets(title, date):
    _assert_allowed(parse_headline(title, date))


def test_parse_headlines_matches_parse_headline_and_keeps_index():
    titles = [title for title, *_ in KNOWN_MESSAGES] + KNOWN_NON_MESSAGES + [None]
    frame = pd.DataFrame({"title": titles, "date": pd.Timestamp("2005-06-01")}, index=range(100, 100 + len(titles)))
    parsed = parse_headlines(frame)
    assert list(parsed.index) == list(frame.index)
    for index, title in zip(frame.index, titles):
        single = parse_headline(title, "2005-06-01")
        assert parsed.at[index, "is_message"] == single.is_message
        assert parsed.at[index, "counterpart_country"] == single.counterpart_country


# ---------------------------------------------------------------------------------------------------------------
# The extract command
# ---------------------------------------------------------------------------------------------------------------


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_contract(tmp_path):
    source = _write(
        tmp_path / "in.csv",
        "title,id,date,extra\n"
        "Greetings to Russian President,a7,1999-06-11,x\n"
        "Korea-Lithuania basketball game,b2,1997-12-23,y\n"
        '"Gift to Kim Jong Il from CPC, and Lao delegation",3,2001-11-26,z\n'
        ",4,2001-11-27,\n",
    )
    target = tmp_path / "out.csv"
    assert cli(["extract", "--input", str(source), "--output", str(target)]) == 0
    out = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert list(out.columns) == EXTRACT_COLUMNS
    assert out["id"].tolist() == ["a7", "b2", "3", "4"]
    assert out["is_message"].tolist() == ["true", "false", "true", "false"]
    assert out.iloc[0, 2:].tolist() == ["from_dprk", "RUS", "head_of_state", "greeting", ""]
    assert (out.iloc[[1, 3], 2:] == "").all().all()
    assert out.at[2, "counterpart_country"] == MULTI


def test_extract_header_only(tmp_path):
    source = _write(tmp_path / "in.csv", "id,date,title\n")
    assert cli(["extract", "--input", str(source), "--output", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text().strip() == ",".join(EXTRACT_COLUMNS)


def test_extract_missing_column_names_it(tmp_path, capsys):
    source = _write(tmp_path / "in.csv", "id,date\n1,2001-01-01\n")
    assert cli(["extract", "--input", str(source), "--output", str(tmp_path / "out.csv")]) != 0
    error = capsys.readouterr().err
    assert "missing column 'title'" in error and "Traceback" not in error
    assert not (tmp_path / "out.csv").exists()


def test_extract_bad_date_names_row_and_column(tmp_path, capsys):
    source = _write(tmp_path / "in.csv", "id,date,title\n1,2001-01-01,Gift\n2,31/12/2001,Gift\n3,,Gift\n")
    assert cli(["extract", "--input", str(source), "--output", str(tmp_path / "out.csv")]) != 0
    error = capsys.readouterr().err
    assert "row 2, column 'date'" in error and "31/12/2001" in error


def test_extract_through_python_dash_m(tmp_path):
    source = _write(
        tmp_path / "in.csv",
        "id,date,title\n1,2012-01-29,Kim Jong Un Receives Greetings from King of Lesotho\n2,not-a-date,x\n",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.kcna",
            "extract",
            "--input",
            str(source),
            "--output",
            str(tmp_path / "out.csv"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "row 2, column 'date'" in run.stderr and "Traceback" not in run.stderr
    _write(source, "id,date,title\n1,2012-01-29,Kim Jong Un Receives Greetings from King of Lesotho\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.kcna",
            "extract",
            "--input",
            str(source),
            "--output",
            str(tmp_path / "out.csv"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "true,to_dprk,LSO,head_of_state,greeting,Kim Jong Un" in (tmp_path / "out.csv").read_text()


# ---------------------------------------------------------------------------------------------------------------
# Deduplication and the processed tables
# ---------------------------------------------------------------------------------------------------------------


def test_normalised_title_folds_case_punctuation_whitespace():
    titles = pd.Series(["Greetings to Russian President", "greetings  to Russian president.", "Greetings, to-Russian"])
    folded = normalised_title(titles)
    assert folded[0] == folded[1] == "greetings to russian president"
    assert folded[2] == "greetings to russian"


def test_fold_repeated_headlines_keeps_lowest_id_and_lists_the_others():
    frame = pd.DataFrame(
        {
            "headline_id": [9, 3, 5, 7, 8],
            "date": pd.to_datetime(["2001-01-01", "2001-01-01", "2001-01-01", "2001-01-02", "2001-01-01"]),
            "title": [
                "Greetings to Cuban FM",
                "Greetings to Cuban FM.",
                "GREETINGS TO CUBAN FM",
                "Greetings to Cuban FM",
                "Greetings to Cuban PM",
            ],
        }
    )
    kept, folded = fold_repeated_headlines(frame)
    assert folded == 2
    assert kept["headline_id"].tolist() == [3, 7, 8]
    assert kept.set_index("headline_id")["duplicate_ids"].to_dict() == {3: "5;9", 7: "", 8: ""}


def test_accounting_adds_up():
    assert Accounting(10, 3, 5, 1, 1).balanced
    assert not Accounting(10, 3, 5, 1, 0).balanced
    assert "DOES NOT ADD UP" in str(Accounting(10, 3, 5, 1, 0))


@pytest.fixture(scope="module")
def processed():
    from helpers.kcna.corpus import load_headlines

    headlines = load_headlines(english_only=True)
    return headlines, *build_tables(headlines)


def test_every_english_headline_is_accounted_for(processed):
    headlines, events, review, accounting = processed
    assert accounting.balanced
    assert accounting.input_rows == len(headlines) == headlines["is_english"].sum()
    assert accounting.events == len(events) and accounting.review == len(review)
    listed = events["duplicate_ids"].str.split(";").explode()
    listed = pd.concat([listed, review["duplicate_ids"].str.split(";").explode()])
    ids = set(events["headline_id"]) | set(review["headline_id"]) | set(listed[listed != ""].astype(int))
    assert ids <= set(headlines["headline_id"])
    assert not set(events["headline_id"]) & set(review["headline_id"])
    from helpers.kcna.tables import load_kcna_accounting

    assert load_kcna_accounting().tolist() == accounting.as_frame().rows.tolist(), "rebuild data/processed"


def test_events_hold_allowed_values(processed):
    _, events, _, _ = processed
    assert events["headline_id"].is_unique
    assert events["direction"].isin(DIRECTIONS).all()
    assert events["counterpart_role"].isin(ROLES).all()
    assert events["kind"].isin(KINDS).all()
    assert events["counterpart_country"].isin(ALLOWED_COUNTRIES).all()
    named = events[events["counterpart_name"] != ""]
    assert named["counterpart_role"].isin(["head_of_state", "head_of_government"]).all()
    assert len(named) > 2000
    assert events["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert len(events) > 5000  # thousands of messages over 18 years
    assert (events["direction"] == "from_dprk").mean() > 0.5


def test_duplicates_are_same_day_same_title(processed):
    headlines, events, _, accounting = processed
    by_id = headlines.set_index("headline_id")
    with_duplicates = events[events["duplicate_ids"] != ""]
    assert accounting.duplicates > 0 and len(with_duplicates) > 0
    for row in with_duplicates.head(50).itertuples():
        for other in map(int, row.duplicate_ids.split(";")):
            assert other > row.headline_id
            assert by_id.at[other, "date"].strftime("%Y-%m-%d") == row.date
            assert normalised_title(pd.Series([by_id.at[other, "title"], row.title])).nunique() == 1


# ---------------------------------------------------------------------------------------------------------------
# Evaluation helpers
# ---------------------------------------------------------------------------------------------------------------


def _comparison(rows):
    columns = ["label_is_message", "pred_is_message", "label_direction", "pred_direction"]
    frame = pd.DataFrame(rows, columns=columns)
    for field in ["counterpart_country", "counterpart_role", "kind", "dprk_principal"]:
        frame[f"label_{field}"] = frame[f"pred_{field}"] = ""
    return frame.assign(
        headline_id=range(len(frame)), date="2001-01-01", title="t", rule="to:convention", label_note=""
    )


def test_detection_metrics_and_confusion():
    compared = _comparison(
        [
            (True, True, "to_dprk", "to_dprk"),
            (True, False, "to_dprk", ""),
            (False, True, "", "from_dprk"),
            (False, False, "", ""),
            (True, True, "to_dprk", "from_dprk"),
        ]
    )
    scores = kcna_eval.detection(compared)
    assert (scores.true_positives, scores.false_positives, scores.false_negatives, scores.true_negatives) == (
        2,
        1,
        1,
        1,
    )
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 / 3)
    assert kcna_eval.confusion_table(compared).to_numpy().tolist() == [[2, 1], [1, 1]]
    fields = kcna_eval.field_accuracy(compared)
    assert fields.at["direction", "accuracy_found"] == pytest.approx(0.5)
    assert fields.at["direction", "accuracy_end_to_end"] == pytest.approx(1 / 3)
    table = kcna_eval.errors(compared)
    assert sorted(table["error"]) == ["false message", "missed message", "wrong direction"]
    chosen = kcna_eval.instructive_errors(table, n=2)
    assert len(chosen) == 2 and set(chosen["field"]) == {"is_message"}


@pytest.mark.parametrize("path", [kcna_eval.EVAL_LABELS_FILE, kcna_eval.HELD_OUT_LABELS_FILE], ids=lambda p: p.stem)
def test_labels_load_and_meet_targets(path):
    labels = kcna_eval.load_labels(path)
    assert len(labels) >= 300 and labels["is_message"].dtype == bool
    result = kcna_eval.evaluate(labels)
    assert result["detection"].f1 >= 0.97
    assert (result["fields"]["accuracy_found"] >= 0.95).all()


def test_held_out_sample_is_disjoint_from_the_evaluation_sample():
    first = kcna_eval.load_labels(kcna_eval.EVAL_LABELS_FILE)
    second = kcna_eval.load_labels(kcna_eval.HELD_OUT_LABELS_FILE)
    assert not set(first["headline_id"]) & set(second["headline_id"])
    sample = pd.read_csv(kcna_eval.HELD_OUT_LABELS_FILE.with_name("kcna_eval_sample_held_out.csv"))
    assert sample["headline_id"].tolist() == second["headline_id"].tolist()


def test_unnamed_counterparts_are_resolved_from_the_leaders_table(processed):
    _, events, _, _ = processed
    on_day = events[events["date"] == "2012-08-15"].set_index("title")["counterpart_name"]
    assert on_day["Greetings to Russian President"] == "Vladimir Putin"
    assert on_day["Message of Sympathy to Iranian President"] == "Mahmoud Ahmadinejad"  # not the Supreme Leader
