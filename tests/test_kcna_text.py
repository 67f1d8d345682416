"""Text features of message events: story links, formulas and warmth-marker counts."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.kcna import text as kcna_text
from helpers.kcna.text import (
    clean_story,
    closing,
    link_stories,
    load_warmth_lexicon,
    salutation,
    text_features,
    warmth_counts,
    word_count,
)

TERMS = [
    "comrade",
    "brotherly",
    "traditional_friendship",
    "invincible",
    "strategic",
    "comrade_in_arms",
    "blood",
    "alliance",
    "unbreakable",
    "eternal",
    "good_neighbour",
    "common_cause",
]


def test_lexicon_file_documents_every_term():
    lexicon = load_warmth_lexicon()
    assert lexicon["term"].tolist() == TERMS
    assert (lexicon["rationale"].str.len() > 40).all()
    for pattern in lexicon["pattern"]:
        re.compile(pattern)


@pytest.mark.parametrize(
    "text, term, count",
    [
        ("Dear Comrade, with comradely greetings to the comrades", "comrade", 3),
        ("our comrades-in-arms and comrade in arms", "comrade_in_arms", 2),
        ("our comrades-in-arms", "comrade", 0),
        ("the brotherly people and fraternal parties", "brotherly", 2),
        ("the traditional friendship and the traditionally close relations of friendship", "traditional_friendship", 2),
        ("the traditional DPRK-China friendship", "traditional_friendship", 1),
        ("an invincible friendship", "invincible", 1),
        ("a strategic partnership, strategically important", "strategic", 2),
        ("friendship sealed in blood, blood-tied relations", "blood", 2),
        ("a bloody struggle", "blood", 0),
        ("an ally and the alliance; allies", "alliance", 3),
        ("a rally of allied forces", "alliance", 0),
        ("unbreakable and indestructible ties", "unbreakable", 2),
        ("eternal and everlasting friendship", "eternal", 2),
        ("good-neighbourly relations and good neighbors", "good_neighbour", 2),
        ("the common cause, the socialist cause and a common destiny", "common_cause", 3),
    ],
)
def test_warmth_counts(text, term, count):
    counts = warmth_counts(text)
    assert set(counts) == {f"warmth_{name}" for name in TERMS}
    assert counts[f"warmth_{term}"] == count


def test_warmth_counts_ignore_case():
    assert warmth_counts("BROTHERLY Fraternal")["warmth_brotherly"] == 2


def test_clean_story_and_word_count():
    raw = "Kim Yong Nam sent a message., , ,  The message said:, ,  Your Excellency,, , Long live!, , , ,"
    cleaned = clean_story(raw)
    assert ", ," not in cleaned
    assert word_count("The DPRK-China friendship's 50th year.") == 5


def test_salutation_and_closing_formulas():
    quoted = clean_story(
        "Kim Jong Il received a message. The message said:, , Dear Comrade Kim Jong Il,, , We wish "
        "you success., , With comradely greetings, , ,"
    )
    assert salutation(quoted) == "dear_comrade"
    assert closing(quoted) == "comradely_greetings"
    excellency = "The message reads: Your Excellency, ... Please accept the assurances of my highest consideration."
    assert salutation(excellency) == "your_excellency"
    assert closing(excellency) == "highest_consideration"
    reported = "Kim Yong Nam sent a message of greeting to the president, wishing him success."
    assert salutation(reported) == closing(reported) == "reported"
    assert salutation("The message said: We are glad to hear the news.") == "other"


def _stories():
    return pd.DataFrame(
        {
            "story_id": ["2011:1", "2011:2", "2011:3", "2012:9"],
            "date": pd.to_datetime(["2011-05-01", "2011-05-01", "2011-05-02", "2012-03-01"]),
            "language": ["en", "en", "es", "en"],
            "title": ["Greetings to Lao President", "Greetings to Lao President", "Saludos", "Gift from Chinese Party"],
            "story": [
                "The message said: Dear Comrade, our brotherly and fraternal friendship. Long live!",
                "a second copy",
                "texto",
                "A gift was sent as a token of the traditional friendship sealed in blood.",
            ],
            "index_link": ["", "", "", ""],
            "date_recovered": [True, True, True, True],
        }
    )


def _events():
    return pd.DataFrame(
        {
            "headline_id": [10, 11, 12, 13],
            "date": ["2011-05-01", "2011-05-01", "2012-03-01", "2010-01-01"],
            "title": [
                "GREETINGS to Lao  President.",
                "Greetings to Cuban President",
                "Gift from Chinese Party",
                "Gift from Chinese Party",
            ],
        }
    )


def test_link_stories_matches_date_and_normalised_title():
    linked = link_stories(_events(), _stories())
    assert linked.set_index("headline_id")["story_id"].to_dict() == {10: "2011:1", 11: "", 12: "2012:9", 13: ""}


def test_text_features_one_row_per_event_in_story_years():
    features = text_features(_events(), _stories()).set_index("headline_id")
    assert list(features.index) == [10, 11, 12]  # 2010 has no stories
    assert features.at[10, "linked"] and not features.at[11, "linked"]
    assert features.at[10, "salutation"] == "dear_comrade" and features.at[10, "closing"] == "long_live"
    assert features.at[10, "warmth_brotherly"] == 2 and features.at[10, "warmth_comrade"] == 1
    assert features.at[12, "warmth_blood"] == 1 and features.at[12, "warmth_traditional_friendship"] == 1
    assert features.at[12, "salutation"] == "reported"
    assert features.at[10, "warmth_total"] == 3
    assert features.at[10, "word_count"] == word_count(clean_story(_stories().at[0, "story"]))
    assert pd.isna(features.at[11, "word_count"]) and pd.isna(features.at[11, "warmth_total"])
    assert "story" not in features.columns and "title" not in features.columns


def test_text_features_of_real_events():
    from helpers.kcna.corpus import load_headlines, load_stories
    from helpers.kcna.events import build_tables

    headlines = load_headlines(english_only=True)
    events, _, _ = build_tables(headlines[headlines["date"].dt.year.isin([2011, 2012])])
    features = text_features(events, load_stories())
    assert len(features) == len(events)
    in_story_months = features[(features["date"] >= "2011-02-01") & (features["date"] < "2012-12-01")]
    assert in_story_months["linked"].mean() > 0.85
    linked = features[features["linked"]]
    assert (linked["word_count"] > 10).mean() > 0.95  # a few stories were scraped empty
    assert linked["warmth_total"].sum() > 0
    assert set(linked["salutation"]) <= {name for name, _ in kcna_text.SALUTATION_FORMULAS} | {"other", "reported"}
