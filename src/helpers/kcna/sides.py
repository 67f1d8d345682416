"""What a sender or recipient phrase of a headline names: the DPRK side, a foreign state (country and role), a
non-state body, an international organisation, or nothing the rules can resolve.

    >>> side = classify_side("Syrian President")
    >>> side.kind, side.country, side.role
    ('state', 'SYR', 'head_of_state')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..curated import load_curated
from ..leaders import dprk_offices, fold_name, leaders
from ..vocabularies import MULTI
from .lexicon import find_countries
from .names import (
    _ADDRESSEE_SEPARATOR,
    _CAPITAL_CITY,
    _COLLECTIVE_LEADERSHIP,
    _DIPLOMATIC_CORPS,
    _DPRK_BODY,
    _FORMER,
    _KOREAN_NAME,
    _PARTY_ACRONYM,
    _ROLE_WORDS,
    _SEVERAL_COUNTRIES,
    _SOUTH_SIDE,
    _SUBNATIONAL_PLACES,
    CAPITAL_CITIES,
    FOREIGN_PERSONS,
    INTERNATIONAL_ORGANISATIONS,
    PARTY_ACRONYMS,
    _names_foreign_person,
    is_non_state,
)
from .rules import _TYPOS, _WHITESPACE


@lru_cache(maxsize=1)
def in_person_summits() -> tuple[tuple[str, str, str], ...]:
    """(counterpart ISO3, first day, last day) of summits with the DPRK in data/curated/context_events.csv: on those
    days "X greets Y" reports a welcome in person, not a message."""
    events = load_curated("context_events")
    summits = events[(events.event_type == "summit") & events.countries.str.split(";").map(lambda c: "PRK" in c)]
    return tuple(
        (
            iso3,
            row.date.strftime("%Y-%m-%d"),
            (row.end_date if pd.notna(row.end_date) else row.date).strftime("%Y-%m-%d"),
        )
        for row in summits.itertuples()
        for iso3 in row.countries.split(";")
        if iso3 != "PRK"
    )


@dataclass(frozen=True)
class Side:
    kind: str  # dprk | state | non_state | intl_org | unknown
    country: str | None = None  # ISO3 or MULTI for a state; the host country for a DPRK mission abroad
    role: str | None = None
    principals: tuple[str, ...] = ()
    note: str = ""
    phrase: str = ""


def dprk_principals(phrase: str) -> tuple[str, ...]:
    """Korean personal names in a phrase, without titles, in order of appearance."""
    phrase = _TYPOS[0][0].sub("Jong Il", phrase)
    names = [_WHITESPACE.sub(" ", match.group(0)) for match in _KOREAN_NAME.finditer(phrase)]
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=1)
def head_of_state_periods() -> tuple[tuple[tuple[str, str | None], ...], ...]:
    """For each FOREIGN_PERSONS entry, its (start, end) terms as head of state in leaders.csv (end None = open)."""
    heads = leaders()
    heads = heads[heads.office == "head_of_state"]
    periods = []
    for pattern, iso3, _ in FOREIGN_PERSONS:
        regex = re.compile(rf"\b(?:{pattern})\b", re.I)
        terms = heads[
            (heads.country_iso3 == iso3) & heads.name.map(lambda name, regex=regex: bool(regex.search(fold_name(name))))
        ]
        periods.append(
            tuple(
                (
                    term.start.strftime("%Y-%m-%d"),
                    None if pd.isna(term.end) else (term.end + pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
                )
                for term in terms.sort_values("start").itertuples()
            )
        )
    return tuple(periods)


def _person_role(
    periods: tuple[tuple[str, str | None], ...], otherwise: str | None, date: pd.Timestamp | None
) -> str | None:
    if date is None or pd.isna(date):
        return "head_of_state" if periods and periods[-1][1] is None else otherwise
    day = date.strftime("%Y-%m-%d")
    for start, end in periods:
        if start <= day and (end is None or day < end):
            return "head_of_state"
    return otherwise


def role_of(phrase: str) -> str:
    """The counterpart role named by the title words of a phrase ("unspecified" when none).

    With several addressees ("Prime Minister and Foreign Minister of Peru") the first one's role counts, except
    for collective leaderships ("Party and State Leaders").
    """
    if _COLLECTIVE_LEADERSHIP.search(phrase):
        return "head_of_state"
    for addressee in _ADDRESSEE_SEPARATOR.split(phrase):
        role = _title_role(addressee)
        if role != "unspecified":
            return role
    return _title_role(phrase)


def _title_role(phrase: str) -> str:
    for regex, role in _ROLE_WORDS:
        if regex.search(phrase):
            return role
    return "unspecified"


def classify_side(phrase: str | None, date: pd.Timestamp | None = None) -> Side | None:
    """What a sender or recipient phrase names: the DPRK side, a foreign state, a non-state body ... (None if empty)."""
    if phrase is None or not phrase.strip():
        return None
    phrase = phrase.strip(" ,.:;'\"")
    person = _names_foreign_person(phrase)
    if person and not INTERNATIONAL_ORGANISATIONS.search(phrase):
        _, iso3, otherwise = FOREIGN_PERSONS[person.lastindex - 1]
        role = _person_role(head_of_state_periods()[person.lastindex - 1], otherwise, date)
        if role is None or _FORMER.search(phrase):
            return Side("non_state", note="no office on that date")
        return Side("state", iso3, role, phrase=phrase)
    return _classify_phrase(phrase)


@lru_cache(maxsize=1 << 16)
def _classify_phrase(phrase: str) -> Side:
    """classify_side for phrases that name no person from FOREIGN_PERSONS (the answer does not depend on the date)."""
    if INTERNATIONAL_ORGANISATIONS.search(phrase):
        return Side("intl_org", note="international organisation")
    countries = [c for c in find_countries(phrase) if c[0] != "PRK"]
    without_country_names = phrase
    for _, text, is_name in countries:  # "Swiss Confederation", "Union of Myanmar" name states
        if is_name:
            without_country_names = without_country_names.replace(text, " ")
    if is_non_state(without_country_names):
        return Side("non_state", note="non-state body")
    foreign = {code for code, _, _ in countries if code}
    subnational = {iso3 for regex, iso3 in _SUBNATIONAL_PLACES if regex.search(phrase)}
    capital = _CAPITAL_CITY.search(phrase)
    if _SOUTH_SIDE.search(phrase):
        foreign.add("KOR")
    acronym = _PARTY_ACRONYM.search(phrase)
    principals = dprk_principals(phrase)
    if _DPRK_BODY.search(phrase) or principals:
        mission = not principals and re.search(r"\b(?:embass|mission)", phrase, re.I)
        hosts = foreign or ({CAPITAL_CITIES[capital.group(1)]} if capital else set())
        if mission and hosts and re.search(r"\b(?:in|to)\b", phrase, re.I):
            host = next(iter(hosts)) if len(hosts) == 1 else MULTI
            return Side("dprk", host, note="DPRK mission abroad", phrase=phrase)
        if mission and (_SEVERAL_COUNTRIES.search(phrase) or re.search(r"embassies|missions", phrase, re.I)):
            return Side("dprk", MULTI, note="DPRK missions abroad", phrase=phrase)
        if mission:
            return Side("dprk", note="host country not named", phrase=phrase)
        return Side("dprk", principals=principals, phrase=phrase)
    role = role_of(phrase)
    if subnational and not (foreign - subnational) and role != "party":
        foreign, role = subnational, "other_official"
    if acronym:
        iso3, acronym_role = PARTY_ACRONYMS[acronym.group(1).upper()]
        foreign.add(iso3)
        if role in ("unspecified", "unknown") or (role == "party" and acronym_role != "party"):
            role = acronym_role
    if any(code is None for code, _, _ in countries) and not foreign:
        return Side("unknown", note="ambiguous country")
    if not foreign:
        if _DIPLOMATIC_CORPS.search(phrase):
            return Side("state", MULTI, "other_official")
        if re.search(r"\binternational\b|\bint'?l\b", phrase, re.I):
            return Side("non_state", note="international body")
        several = _SEVERAL_COUNTRIES.search(phrase) or re.search(r"\b(?:heads|leaders|presidents)\b", phrase, re.I)
        if several and (role not in ("unspecified", "unknown") or re.search(r"delegations", phrase, re.I)):
            return Side("state", MULTI, role)
        if _SEVERAL_COUNTRIES.search(phrase) and re.search(r"\babroad\b|countries", phrase, re.I):
            return Side("state", MULTI, "unspecified")
        looks_named = role not in ("unspecified",) or re.search(r"\b[A-Z]{2,}\b", phrase)
        return Side("unknown", note="unresolved counterpart" if looks_named else "no state named", phrase=phrase)
    if _FORMER.search(phrase):
        return Side("non_state", note="former office holder")
    country = next(iter(foreign)) if len(foreign) == 1 else MULTI
    if role == "unspecified" and len(countries) == 1 and not countries[0][2]:
        rest = phrase.replace(countries[0][1], " ")
        if not re.search(r"\w", re.sub(r"\b(?:the|of|and)\b", " ", rest, flags=re.I)):
            return Side("non_state", note="individual named by nationality")
    if country == "DOM" and role == "head_of_government":
        country = "DMA"  # the Dominican Republic has no prime minister; Dominica has
    if role == "unknown":
        return Side("state", country, "unspecified", note="unknown role", phrase=phrase)
    return Side("state", country, role, phrase=phrase)


_COUNTERPART = re.compile(r"\bcounterparts?\b", re.I)


def _counterpart_role(dprk: Side) -> str:
    """The office of the DPRK side, which its "counterpart" shares."""
    role = role_of(dprk.phrase)
    if role not in ("unspecified", "unknown"):
        return role
    offices = [dprk_offices()[name] for name in dprk.principals if name in dprk_offices()]
    return offices[0] if offices else "unspecified"
