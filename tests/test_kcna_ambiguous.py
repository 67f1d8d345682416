"""Ambiguous country words in KCNA headlines (helpers.kcna.ambiguity), on real headlines and dates.

Each case says why the answer is right; the dates of national days are those of data/curated/anniversaries.csv.
"""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import pytest

from helpers.kcna.ambiguity import ambiguous_word, fold_text, resolve_countries, resolve_country
from helpers.kcna.events import extract
from helpers.kcna.parser import parse_headline


def _resolve(headline_id, date, title, story=None):
    """The parser's reading of a real headline, then the evidence step: (read_as, country, evidence)."""
    parsed = parse_headline(title, date)
    assert parsed.is_message, (headline_id, title)
    country, evidence, _, _ = resolve_country(
        title, date, parsed.counterpart_country, parsed.direction, parsed.counterpart_role, parsed.kind, story
    )
    return parsed.counterpart_country, country, evidence


@pytest.mark.parametrize(
    "headline_id, date, title, read_as, country, evidence, why",
    [
        # -- changed by the calendar --------------------------------------------------------------------------
        (44996, "2006-11-03", "Greetings to Dominican President", "DOM", "DMA", "calendar",
         "3 November is Dominica's independence day (1978); the Dominican Republic's is 27 February"),
        (16609, "2000-11-02", "Greetings to Dominican President", "DOM", "DMA", "calendar",
         "the eve of Dominica's independence day, 3 November"),
        (10173, "1999-06-29", "Greetings to Congolese President", "COG", "COD", "calendar",
         "30 June is DR Congo's independence day; the Republic of the Congo's national day is 15 August (greeted "
         "as 'Congolese President' on 1999-08-14, headline 10788)"),
        (32260, "2004-06-30", "Greetings to Congolese President", "COG", "COD", "calendar",
         "DR Congo's independence day itself; the Republic of the Congo's falls on 15 August"),
        # -- changed by the headline's own spelling ------------------------------------------------------------
        (19755, "2001-09-23", "Greetings to President of Guinea Bissau", "GIN", "GNB", "headline",
         "'Guinea Bissau' without the hyphen is Guinea-Bissau (and 24 September is its independence day)"),
        (64074, "2009-12-05", "Kim Yong Nam Congratulates Eq. Guinea President", "GIN", "GNQ", "headline",
         "'Eq. Guinea' abbreviates Equatorial Guinea (Obiang was re-elected on 29 November 2009)"),
        (22174, "2002-05-15", "Greetings to President of Democratic of Congo", "COG", "COD", "headline",
         "'Democratic of Congo' is KCNA's 'Democratic Congo'; 17 May is DR Congo's liberation day, greeted as "
         "'President of Democratic Congo' on 2003-05-16, 2005-05-18 and 2007-05-18"),
        # -- confirmed ----------------------------------------------------------------------------------------
        (10788, "1999-08-14", "Greetings to Congolese President", "COG", "COG", "calendar",
         "the eve of the Republic of the Congo's national day, 15 August"),
        (20098, "2001-11-02", "Greetings to President of Dominica", "DMA", "DMA", "calendar",
         "'Dominica' alone is ambiguous in KCNA's usage; the eve of Dominica's independence day confirms it"),
        (7118, "1998-11-02", "Greetings to Dominican Prime Minister", "DMA", "DMA", "headline",
         "the Dominican Republic has no prime minister"),
        (29433, "2003-12-18", "Greetings to Nigerien President", "NER", "NER", "calendar",
         "18 December is Niger's national day (Republic Day)"),
        (44468, "2006-10-02", "Greetings to Nigerian President", "NGA", "NGA", "calendar",
         "1 October is Nigeria's national day"),
        (97289, "2013-01-01", "Greetings to Sudanese President", "SDN", "SDN", "calendar",
         "1 January is Sudan's independence day; South Sudan's is 9 July"),
        # -- no evidence: the reading is kept and marked -------------------------------------------------------
        (50971, "2007-11-12", "Message of Sympathy to Dominican President", "DOM", "DOM", "none",
         "a sympathy message marks no national day and names no one"),
        (10396, "1999-07-13", "Floral basket from Guinean President", "GIN", "GIN", "none",
         "a message to the DPRK is not dated by the sender's national day"),
        (56490, "2008-10-13", "Message of Greetings to Guinean FM", "GIN", "GIN", "none",
         "12 October is Equatorial Guinea's independence day, but 8 October 2008 was the 50th anniversary of "
         "Guinea's ties with the DPRK, and foreign ministers greet each other on round anniversaries of ties (the "
         "same day KCNA reported greetings to the Russian FM on the 60th of Russia's, 12 October): both fit"),
        (6827, "1998-10-11", "Greetings to fm of Guinea", "GIN", "GIN", "none",
         "the same two days ten years earlier: Guinea's 40th anniversary of ties and Equatorial Guinea's eve"),
        (47106, "2007-03-21", "Congratulations to Guinean Prime Minister", "GIN", "GIN", "none",
         "a congratulation marks an appointment (Lansana Kouyaté, 1 March 2007), not the anniversary of "
         "Guinea-Bissau's ties with the DPRK (16 March)"),
        # -- not ambiguous ------------------------------------------------------------------------------------
        (77320, "2011-06-29", "Greeting to Sudanese President", "SDN", "SDN", "",
         "before South Sudan's independence (9 July 2011) 'Sudanese' can only be Sudan"),
        (81038, "2011-09-23", "Greetings to President of Guinea-Bissau", "GNB", "GNB", "",
         "'Guinea-Bissau' names one state"),
        (58437, "2009-02-03", "Greetings to Equatorial Guinean President", "GNQ", "GNQ", "",
         "'Equatorial Guinean' names one state"),
    ],
)  # fmt: skip
def test_headline_calendar_and_spelling_evidence(headline_id, date, title, read_as, country, evidence, why):
    assert _resolve(headline_id, date, title) == (read_as, country, evidence), why


# Story excerpts quoted from KCNA_2011.rda / KCNA_2012.rda (the story linked to each headline).
LIVERPOOL_2011 = (
    "Kim Yong Nam, president of the Presidium of the DPRK Supreme People's Assembly, Thursday sent a message of "
    "greeting to Nicholas Liverpool, president of the Commonwealth of Dominica, on the 33rd anniversary of its "
    "independence."
)
MEDINA_2012 = (
    "Kim Yong Nam, president of the Presidium of the DPRK Supreme People's Assembly, Thursday sent a congratulatory "
    "message to Danilo Medina Sanchez upon his assumption of office as president of Dominica., Kim in the message "
    "expressed belief that the friendly and cooperative relations between the DPRK and Dominica would develop"
)
BASHIR_2011 = (
    "Kim Yong Nam, president of the Presidium of the DPRK Supreme People's Assembly, Saturday sent a message of "
    "greeting to Omar Hassan Ahmed Al-Bashir, president of Sudan, on the 56th anniversary of its independence."
)
SASSOU_2011 = (
    "Kim Yong Nam, president of the Presidium of the DPRK Supreme People's Assembly, Wednesday sent a message of "
    "greeting to Denis Sassou Nguesso, president of Congo on the 51st anniversary of its independence."
)


@pytest.mark.parametrize(
    "headline_id, date, title, story, country, evidence, why",
    [
        (82802, "2011-11-03", "Kim Yong Nam Greets Dominican President", LIVERPOOL_2011, "DMA", "story",
         "the story names the Commonwealth of Dominica (and its president Nicholas Liverpool)"),
        (93244, "2012-08-16", "Congratulations to New Dominican President", MEDINA_2012, "DOM", "story",
         "KCNA calls the Dominican Republic 'Dominica' too, so the word alone is no evidence; the story names Danilo "
         "Medina, the Dominican Republic's president from 16 August 2012 in leaders.csv"),
        (85544, "2011-12-31", "Kim Yong Nam Greets Sudanese President", BASHIR_2011, "SDN", "story",
         "the story names Omar al-Bashir, Sudan's president in leaders.csv"),
        (79259, "2011-08-14", "Greetings to President of Congo", SASSOU_2011, "COG", "story",
         "the story names Denis Sassou Nguesso, the Republic of the Congo's president in leaders.csv"),
    ],
)  # fmt: skip
def test_story_evidence(headline_id, date, title, story, country, evidence, why):
    assert _resolve(headline_id, date, title, story)[1:] == (country, evidence), why


def test_story_outranks_the_calendar():
    # Constructed: the Dominica story of 2011-11-03 moved to 27 February (the Dominican Republic's independence
    # day). The story's "Commonwealth of Dominica" still decides.
    assert resolve_country(
        "Greetings to Dominican President", "2011-02-27", "DOM", "from_dprk", "head_of_state", "greeting",
        LIVERPOOL_2011,
    )[:2] == ("DMA", "story")  # fmt: skip


def test_leaders_evidence():
    # Constructed dates (no KCNA headline of these words names a leader or falls on an accession): Alpha Condé
    # took office as Guinea's president on 2010-12-21 (leaders.csv), Joseph Kabila DR Congo's on 2001-01-17.
    assert resolve_country(
        "Greetings to Guinean President", "2010-12-22", "GIN", "from_dprk", "head_of_state", "congratulation"
    )[:2] == ("GIN", "leaders")
    assert resolve_country(
        "Message from Congolese President Kabila", "2005-03-01", "COG", "to_dprk", "head_of_state", "letter"
    )[:2] == ("COD", "leaders")


def test_words_and_folding():
    assert ambiguous_word("Gift to Kim Jong Il from Nigerian party", "NGA")[1].candidates == ("NER", "NGA")
    assert ambiguous_word("Greetings to President of Nigeria", "NGA") is None  # the name itself is not ambiguous
    assert ambiguous_word("Greetings to Papua New Guinean PM", "PNG") is None
    assert ambiguous_word("Greetings to Sudanese President", "SDN", "2011-07-08") is None
    assert ambiguous_word("Greetings to Sudanese President", "SDN", "2011-07-09") is not None
    assert fold_text("Omar Hassan Ahmed Al－Bashir") == "omar hassan ahmed al bashir"


def test_frame_and_extract_agree():
    frame = pd.DataFrame(
        {
            "id": ["44996", "10173", "590"],
            "date": pd.to_datetime(["2006-11-03", "1999-06-29", "1997-02-18"]),
            "title": [
                "Greetings to Dominican President",
                "Greetings to Congolese President",
                "Gift to Secy. Kim Jong Il from Guinean President",
            ],
        }
    )
    assert extract(frame)["counterpart_country"].tolist() == ["DMA", "COD", "GIN"]
    parsed = pd.DataFrame([asdict(parse_headline(t, d)) for t, d in zip(frame.title, frame.date)], index=frame.index)
    resolved = resolve_countries(pd.concat([frame[["title", "date"]], parsed], axis=1))
    assert resolved["country_evidence"].tolist() == ["calendar", "calendar", "none"]
    assert resolved["read_as"].tolist() == ["DOM", "COG", "GIN"]


# On the processed tables (data/processed, rebuilt by `python -m helpers.build`).


@pytest.fixture(scope="module")
def tables():
    import helpers
    from helpers import paths

    changes = pd.read_csv(paths.PROCESSED_DIR / "kcna_ambiguous_countries.csv", dtype=str, keep_default_na=False)
    return helpers.load_kcna_events(), changes


def test_processed_events_carry_the_evidence(tables):
    events, changes = tables
    marked = events[events["country_evidence"].notna()]
    assert set(marked["country_evidence"]) <= {"headline", "story", "leaders", "calendar", "none"}
    assert sorted(marked["headline_id"]) == sorted(changes["headline_id"].astype(int))
    by_id = events.set_index("headline_id")
    assert by_id.at[82802, "counterpart_country"] == "DMA" and by_id.at[82802, "country_evidence"] == "story"
    assert by_id.at[44996, "counterpart_country"] == "DMA" and by_id.at[44996, "occasion"] == "national_day"
    assert by_id.at[10173, "counterpart_name"] == "Laurent-Désiré Kabila"  # no longer Sassou Nguesso


def test_processed_changes_by_word(tables):
    # The 17 events whose country the evidence changed, each checked by hand (the cases above): 11 "Dominican" ->
    # Dominica (7 on or the day before its 3 November independence day, 4 whose story names the Commonwealth of
    # Dominica or its presidents Nicholas Liverpool and Eliud Williams), 4 "Congolese"/"Congo" -> DR Congo (3 on its
    # 30 June independence day, 1 "Democratic of Congo"), 1 "Eq. Guinea" -> Equatorial Guinea, 1 "Guinea Bissau" ->
    # Guinea-Bissau.
    _, changes = tables
    changed = changes[changes["read_as"] != changes["counterpart_country"]]
    counts = changed.groupby(["read_as", "counterpart_country"]).size().to_dict()
    assert counts == {("COG", "COD"): 4, ("DOM", "DMA"): 11, ("GIN", "GNB"): 1, ("GIN", "GNQ"): 1}
