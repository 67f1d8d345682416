"""Country words KCNA uses for more than one state, settled with evidence from outside the headline.

"Dominican" is the Dominican Republic (DOM) or Dominica (DMA) – KCNA's stories call both "Dominica" – "Guinea(n)" is
Guinea, Guinea-Bissau or Equatorial Guinea, "Congo(lese)" the Republic of the Congo or DR Congo, "Niger(ien|ian)"
Niger or Nigeria, and from South Sudan's independence (9 July 2011) "Sudan(ese)" Sudan or South Sudan. The parser
reads each such word one way (the lexicon's reading, AMBIGUOUS_WORDS); `resolve_countries` then looks for evidence, in
this order, and the first that names exactly one of the word's candidates decides:

1. headline: the headline itself, spelled in a way the lexicon misses ("Guinea Bissau", "Eq. Guinea", "Democratic of
   Congo", a capital) or with an office only one candidate has (the Dominican Republic has no prime minister);
2. story (2011-2012, where the event is linked to its story): the story names a state unambiguously (STATE_FORMS:
   "Commonwealth of Dominica", "Republic of Guinea" …) or names the office holder of a candidate on that day
   (data/curated/leaders.csv, by surname);
3. leaders: the headline names a candidate's office holder on that day, or – for a greeting or congratulation from
   the DPRK to a head of state or government or a foreign minister – a candidate's holder of that office took it
   within OFFICE_WINDOW days;
4. calendar: a greeting from the DPRK to a state office falls within CALENDAR_WINDOW days of a
   candidate's national day or within TIES_WINDOW days of the anniversary of its diplomatic ties with the DPRK
   (`helpers.calendar.calendar_days`), and near no day of another candidate. (Foreign ministers greet each other on
   round anniversaries of ties: "Greetings to Guinean FM" on 13 October 2008 is Guinea's 50th, five days after 8
   October, not Equatorial Guinea's independence day of 12 October. Congratulations are left out: they mark
   elections and appointments, as "Congratulations to Guinean Prime Minister" on 21 March 2007 does.)

Evidence for the parser's own reading confirms it; evidence for another candidate changes the country. Where no step
decides, the parser's reading is kept and `country_evidence` says "none"; rows whose country word is not ambiguous
have "" (data/processed/README.md).

    >>> frame = pd.DataFrame({"title": ["Greetings to Dominican President"], "date": ["2006-11-03"],
    ...     "direction": ["from_dprk"], "counterpart_country": ["DOM"], "counterpart_role": ["head_of_state"],
    ...     "kind": ["greeting"]})
    >>> resolve_countries(frame)[["read_as", "counterpart_country", "country_evidence"]].values.tolist()
    [['DOM', 'DMA', 'calendar']]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..calendar import COUNTERPART_WINDOW, calendar_days
from ..leaders import leaders
from .lexicon import find_countries

CALENDAR_WINDOW = 3  # days between a headline and a candidate's national day
TIES_WINDOW = COUNTERPART_WINDOW[1]  # ... and the anniversary of its diplomatic ties with the DPRK
OFFICE_WINDOW = 3  # days between a headline and a candidate's office holder taking office
EVIDENCE = ("headline", "story", "leaders", "calendar", "none")  # values of country_evidence ("" = not ambiguous)


@dataclass(frozen=True)
class AmbiguousWord:
    word: str  # label of the word family
    pattern: str  # full match, case-insensitive, on the country text the lexicon found in the headline
    candidates: tuple[str, ...]  # the states the word can name, the lexicon's reading first
    since: str = ""  # the word became ambiguous on this day (ISO date)


AMBIGUOUS_WORDS = [
    AmbiguousWord("Dominican", r"dominican?", ("DOM", "DMA")),
    AmbiguousWord("Guinea", r"guinean?", ("GIN", "GNB", "GNQ")),
    AmbiguousWord("Congo", r"congo(?:lese)?", ("COG", "COD")),
    AmbiguousWord("Niger", r"niger(?:ien|ian)?", ("NER", "NGA")),
    AmbiguousWord("Sudan", r"sudan(?:ese)?", ("SDN", "SSD"), since="2011-07-09"),
]

# Unambiguous names of the candidates, on folded text (lower-case ASCII, punctuation as spaces except "."). Used on
# headlines and stories alike; a capital names its state.
STATE_FORMS: dict[str, str] = {
    "DMA": r"\bcommonwealth of dominica\b|\broseau\b",
    "DOM": r"\bdominican republic\b|\bsanto domingo\b",
    "GIN": r"(?<!equatorial )\brepublic of guinea\b(?! bissau)|\bconakry\b",
    "GNB": r"\bguinea bissau\b|\bbissau\b",
    "GNQ": r"\bequatorial guinea|\beq\.? guinea|\bmalabo\b",
    "COG": r"(?<!democratic )\brepublic of (?:the )?congo\b|\bbrazzaville\b",
    "COD": r"\bdemocratic (?:republic )?(?:of )?(?:the )?congo\b|\bd\.? ?r\.? congo\b|\bdrc\b|\bkinshasa\b|\bzaire",
    "NER": r"\brepublic of niger\b|\bniamey\b",
    "NGA": r"\bfederal republic of nigeria\b|\babuja\b",
    "SDN": r"\brepublic of (?:the )?sudan\b|\bkhartoum\b",
    "SSD": r"\bsouth sudan|\bjuba\b",
}
# In a story, where KCNA writes them as it should, the short names count too; in a headline they are the word itself.
STORY_ONLY_FORMS: dict[str, str] = {
    "NER": r"\bniger\b(?! delta)|\bnigerien\b",
    "NGA": r"\bnigeria\b",
    "SDN": r"(?<!south )\bsudan\b",
}
_STATE_FORMS = {iso3: re.compile(pattern) for iso3, pattern in STATE_FORMS.items()}
_STORY_FORMS = {
    iso3: re.compile("|".join(filter(None, [STATE_FORMS.get(iso3), STORY_ONLY_FORMS.get(iso3)])))
    for iso3 in STATE_FORMS
}
# The only office one candidate lacks: the Dominican Republic has a president and no prime minister.
_NO_OFFICE = {("DOM", "head_of_government")}
_SCREEN = re.compile(r"domini|guinea|congo|niger|sudan", re.I)
_STATE_OFFICES = {"head_of_state", "head_of_government", "foreign_minister"}
_OFFICE_KINDS = {"greeting", "congratulation"}  # kinds sent on taking office
RESULT_COLUMNS = ["word", "read_as", "counterpart_country", "country_evidence", "evidence_detail"]


def fold_text(text: str) -> str:
    """Text for matching STATE_FORMS and surnames: lower-case ASCII, every run of other characters but "." one space.

    >>> fold_text("Al－Bashir, president of Guinea-Bissau")
    'al bashir president of guinea bissau'
    """
    ascii_text = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9.]+", " ", ascii_text.lower()).split())


def ambiguous_word(title: str, country: str, date=None) -> tuple[str, AmbiguousWord] | None:
    """The ambiguous country word of a headline whose counterpart is `country` (one of the word's candidates):
    (the word as written, its family), or None.

    >>> text, family = ambiguous_word("Greetings to Guinean President", "GIN")
    >>> text, family.candidates
    ('Guinean', ('GIN', 'GNB', 'GNQ'))
    """
    if not isinstance(title, str) or not _SCREEN.search(title):
        return None
    day = "" if date is None else pd.Timestamp(date).strftime("%Y-%m-%d")
    for _, text, _ in find_countries(title):
        for family in AMBIGUOUS_WORDS:
            if (
                re.fullmatch(family.pattern, text, re.I)
                and country in family.candidates
                and (not family.since or day >= family.since)
            ):
                return text, family
    return None


@lru_cache(maxsize=1)
def _terms() -> pd.DataFrame:
    terms = leaders()[["country_iso3", "office", "name", "start", "end"]].copy()
    terms["surname"] = [fold_text(name).split()[-1] for name in terms["name"]]
    return terms


def _holders(candidates: tuple[str, ...], date: pd.Timestamp) -> pd.DataFrame:
    terms = _terms()
    return terms[terms.country_iso3.isin(candidates) & (terms.start <= date) & (terms.end.isna() | (terms.end >= date))]


def _named_holders(text: str, candidates: tuple[str, ...], date: pd.Timestamp) -> dict[str, str]:
    """Candidates whose office holder on `date` is named (by surname) in the folded `text`: ISO3 -> name."""
    found: dict[str, str] = {}
    for row in _holders(candidates, date).itertuples():
        if len(row.surname) >= 4 and re.search(rf"\b{re.escape(row.surname)}\b", text):
            found.setdefault(row.country_iso3, row.name)
    return found


def _named_states(text: str, candidates: tuple[str, ...], forms: dict[str, re.Pattern]) -> dict[str, str]:
    found = {}
    for iso3 in candidates:
        match = forms[iso3].search(text)
        if match:
            found[iso3] = match.group(0)
    return found


def _headline_evidence(title: str, family: AmbiguousWord, role: str) -> tuple[str, str] | None:
    named = _named_states(fold_text(title), family.candidates, _STATE_FORMS)
    if len(named) == 1:
        iso3, form = next(iter(named.items()))
        return iso3, f"headline says '{form}'"
    offices = [iso3 for iso3 in family.candidates if (iso3, role) not in _NO_OFFICE]
    if len(offices) == 1:
        return offices[0], f"only {offices[0]} of {'/'.join(family.candidates)} has a {role.replace('_', ' ')}"
    return None


def _story_evidence(story: str, family: AmbiguousWord, date: pd.Timestamp) -> tuple[str, str] | None:
    text = fold_text(story)
    named = _named_states(text, family.candidates, _STORY_FORMS)
    people = _named_holders(text, family.candidates, date)
    countries = set(named) | set(people)
    if len(countries) != 1:
        return None
    iso3 = countries.pop()
    said = [f"'{named[iso3]}'"] if iso3 in named else []
    said += [people[iso3]] if iso3 in people else []
    return iso3, "story names " + " and ".join(said)


def _leaders_evidence(
    title: str, family: AmbiguousWord, date: pd.Timestamp, direction: str, role: str, kind: str
) -> tuple[str, str] | None:
    people = _named_holders(fold_text(title), family.candidates, date)
    if len(people) == 1:
        iso3, name = next(iter(people.items()))
        return iso3, f"headline names {name}"
    if direction != "from_dprk" or role not in _STATE_OFFICES or kind not in _OFFICE_KINDS:
        return None
    terms = _terms()
    terms = terms[terms.country_iso3.isin(family.candidates) & (terms.office == role)]
    new = terms[(terms.start - date).abs() <= pd.Timedelta(days=OFFICE_WINDOW)]
    if new.country_iso3.nunique() == 1:
        row = new.iloc[0]
        return row.country_iso3, f"{row['name']} took office on {row.start:%Y-%m-%d}"
    return None


def _calendar_evidence(
    family: AmbiguousWord, date: pd.Timestamp, direction: str, role: str, kind: str
) -> tuple[str, str] | None:
    if direction != "from_dprk" or role not in _STATE_OFFICES | {"unspecified"} or kind != "greeting":
        return None
    days = calendar_days()
    windows = {"national_day": CALENDAR_WINDOW, "ties_anniversary": TIES_WINDOW}
    days = days[days.occasion.isin(list(windows)) & days.occasion_country.isin(family.candidates)]
    near: dict[str, tuple[int, str]] = {}
    for row in days.itertuples():
        for year in (date.year - 1, date.year, date.year + 1):
            if pd.notna(row.first_year) and year <= row.first_year:
                continue
            if pd.notna(row.last_year) and year > row.last_year:
                continue
            if pd.notna(row.observed_from) and year < row.observed_from:
                continue
            day = pd.Timestamp(year=year, month=row.month, day=min(row.day, 28 if row.month == 2 else 31))
            distance = abs((date - day).days)
            if distance <= windows[row.occasion] and distance < near.get(row.occasion_country, (99, ""))[0]:
                near[row.occasion_country] = (distance, f"{row.detail} of {row.occasion_country} on {day:%Y-%m-%d}")
    if len(near) == 1:
        iso3, (_, detail) = next(iter(near.items()))
        return iso3, detail
    return None


def resolve_country(
    title: str,
    date,
    country: str,
    direction: str = "",
    role: str = "",
    kind: str = "",
    story: str | None = None,
) -> tuple[str, str, str, str]:
    """(country, country_evidence, evidence_detail, word) for one event; see the module docstring.

    >>> resolve_country("Greetings to President of Guinea Bissau", "2001-09-23", "GIN")[:2]
    ('GNB', 'headline')
    >>> resolve_country("Floral basket from Guinean President", "1999-07-13", "GIN", "to_dprk", "head_of_state", "gift")
    ('GIN', 'none', '', 'Guinean')
    """
    found = ambiguous_word(title, country, date)
    if found is None:
        return country, "", "", ""
    text, family = found
    day = pd.Timestamp(date)
    steps = [
        ("headline", lambda: _headline_evidence(title, family, role)),
        ("story", lambda: _story_evidence(story, family, day) if isinstance(story, str) and story else None),
        ("leaders", lambda: _leaders_evidence(title, family, day, direction, role, kind)),
        ("calendar", lambda: _calendar_evidence(family, day, direction, role, kind)),
    ]
    for evidence, step in steps:
        decided = step()
        if decided is not None:
            return decided[0], evidence, decided[1], text
    return country, "none", "", text


def resolve_countries(frame: pd.DataFrame, stories: pd.Series | None = None) -> pd.DataFrame:
    """`resolve_country` for every row of `frame` (columns title, date, direction, counterpart_country,
    counterpart_role, kind); `stories` holds each row's linked story text (same index; empty or missing when none).
    Returns RESULT_COLUMNS, same index: the word, the parser's reading (read_as), the country, the evidence and what
    it was."""
    rows = []
    for index, row in zip(frame.index, frame.itertuples(index=False)):
        story = None if stories is None else stories.get(index)
        country, evidence, detail, word = resolve_country(
            row.title,
            row.date,
            row.counterpart_country,
            row.direction,
            row.counterpart_role,
            row.kind,
            story if isinstance(story, str) else None,
        )
        rows.append((word, row.counterpart_country, country, evidence, detail))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS, index=frame.index)


def needs_story(frame: pd.DataFrame) -> pd.Series:
    """True where a row's counterpart was read from an ambiguous word (the rows whose story can be evidence)."""
    return pd.Series(
        [
            ambiguous_word(title, country, date) is not None
            for title, country, date in zip(frame["title"], frame["counterpart_country"], frame["date"])
        ],
        index=frame.index,
        dtype=bool,
    )
