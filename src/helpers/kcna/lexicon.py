"""The country lexicon of the KCNA parser: every country name (country_converter) and KCNA's demonyms and
spellings (helpers/country_aliases.csv) as one fast regex.

    >>> [(code, text) for code, text, _ in find_countries("Greetings to Syrian President")]
    [('SYR', 'Syrian')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..countries import alias_table, known_iso3
from .names import _NOT_COUNTRIES


@dataclass(frozen=True)
class CountryLexicon:
    regex: re.Pattern
    iso3: dict[str, str | None]  # casefolded form -> ISO3 (None when ambiguous, e.g. "Korean")
    names: frozenset[str]  # casefolded forms that are country names rather than adjectives


@lru_cache(maxsize=1)
def country_lexicon() -> CountryLexicon:
    """One regex over every country name and alias; all-capital abbreviations match case-sensitively."""
    import country_converter as coco

    iso3: dict[str, str | None] = {}
    names: set[str] = set()
    data = coco.CountryConverter().data
    for row in data[data["ISO3"].isin(known_iso3())].itertuples():
        for name in (row.name_short, row.name_official):
            key = str(name).casefold()
            iso3.setdefault(key, row.ISO3)
            names.add(key)
    for row in alias_table().itertuples():
        key = row.alias.casefold()
        iso3[key] = row.iso3 or None
        if not _looks_adjectival(row.alias):
            names.add(key)
    forms = (
        {row.alias for row in alias_table().itertuples()}
        | {str(n) for n in data["name_short"]}
        | {str(n) for n in data["name_official"]}
    )
    forms = {form for form in forms if form.casefold() in iso3}
    # "ROK", not the syllable "Rok": short capitals match case-sensitively
    abbreviations = sorted((form for form in forms if form.isupper() and len(form) <= 5), key=len, reverse=True)
    words = {re.sub(r"\s+", " ", form.casefold()) for form in forms if form not in abbreviations}
    alternatives = "(?-i:" + "|".join(map(re.escape, abbreviations)) + ")|" + _trie_regex(words)
    # A name followed by a demonym ending still names the country ("Syria" -> "Syrian", "Oman" -> "Omani").
    regex = re.compile(r"(?<![\w'])(" + alternatives + r")(?:n|an|ian|ese|i|s)?(?!\w)", re.I)
    return CountryLexicon(regex, iso3, frozenset(names))


def _trie_regex(words: set[str]) -> str:
    """One regex matching any of `words`, factored by common prefixes (far faster than a flat alternation);
    longer words are preferred, shorter ones remain reachable by backtracking."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _looks_adjectival(form: str) -> bool:
    return bool(re.search(r"(?:an|ian|ese|ish|i|ic|ch|ss|ot|er|ean)$", form, re.I)) or form in {
        "Lao",
        "Thai",
        "Kazakh",
        "Uzbek",
        "Tajik",
        "Turkmen",
        "Kyrgyz",
        "Kirghiz",
        "Greek",
        "Swiss",
        "Czech",
        "Slovak",
        "Korean",
        "Saudi",
        "Soviet",
        "Swazi",
        "Basotho",
        "Motswana",
        "Filipino",
        "Azeri",
        "Malagasy",
    }


def find_countries(phrase: str) -> list[tuple[str | None, str, bool]]:
    """Country mentions in a phrase: (ISO3 or None if ambiguous, matched text, is a country name)."""
    lexicon = country_lexicon()
    phrase = _NOT_COUNTRIES.sub(" ", phrase)
    found = []
    for match in lexicon.regex.finditer(phrase):
        key = re.sub(r"\s+", " ", match.group(1)).casefold()
        code = lexicon.iso3.get(key)
        is_name = key in lexicon.names and match.group(0).casefold() == key
        found.append((code, match.group(0), is_name))
    return found


def count_country_mentions(titles) -> pd.Series:
    """How many of `titles` name each country (a title naming a country twice counts once; ambiguous words such as
    "Korean" count for none): a crude signal, without reading who sent what to whom.

    >>> count_country_mentions(["Greetings to Syrian President", "Syrian and Cuban Envoys", "Cuba Greets"]).to_dict()
    {'CUB': 2, 'SYR': 2}
    """
    counts: dict[str, int] = {}
    for title in titles:
        for code in {code for code, _, _ in find_countries(str(title)) if code}:
            counts[code] = counts.get(code, 0) + 1
    return pd.Series(counts, dtype="int64", name="mentions").rename_axis("country").sort_index()
