"""Text features of message events from the full KCNA stories of 2011-2012, computed without storing any text.

Each event of 2011-2012 is linked to its story by date and normalised title (the headline and the story title are
the same KCNA title, so the match is exact after folding case, punctuation and whitespace). For linked events:
the story's word count, the salutation and closing formulas of a quoted message (or "reported" when KCNA only
paraphrases it), and counts of warmth markers from the lexicon in data/curated/warmth_lexicon.csv.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import paths
from ..curated import load_curated
from .corpus import link_stories

LEXICON_FILE = paths.CURATED_DIR / "warmth_lexicon.csv"

# The quoted message starts after "The message said:" / "reads:" / "noted:".
_QUOTE_START = re.compile(
    r"\b(?:message|letter|telegram|reply|card)s?\s+(?:said|says|reads?|read|noted|went)\s*:\s*", re.I
)

# Salutations, tried in order on the first words of a quoted message.
SALUTATION_FORMULAS: list[tuple[str, str]] = [
    ("dear_comrade", r"\bdear\s+(?:\w+\s+){0,2}comrade"),
    ("respected_comrade", r"\brespected\s+(?:\w+\s+){0,2}comrade"),
    ("comrade", r"\bcomrade\b"),
    ("your_excellency", r"\byour\s+excellency\b|\bexcellency\b"),
    ("dear_friend", r"\bdear\s+(?:\w+\s+){0,2}friends?\b"),
    ("respected", r"\brespected\b|\besteemed\b|\bhonou?red\b"),
    ("dear_title", r"\bdear\s+(?:mr|madam|mrs|sir|president|prime|general|chairman|premier|king|leader)\b"),
]
# Closings, tried in order on the last words of a quoted message.
CLOSING_FORMULAS: list[tuple[str, str]] = [
    ("highest_consideration", r"assurances?\s+of\s+(?:my\s+)?(?:\w+\s+){0,2}consideration|highest\s+consideration"),
    ("please_accept", r"please\s+accept|kindly\s+accept"),
    ("comradely_greetings", r"comradely\s+(?:greetings|regards|salute)|with\s+comradely"),
    ("long_live", r"\blong\s+live\b"),
    ("best_wishes", r"\b(?:best|warmest|sincere|heartfelt)\s+(?:\w+\s+)?(?:wishes|regards|greetings)\b"),
    ("wish_success", r"\bwish(?:es|ing)?\s+(?:\w+\s+){0,4}(?:success|prosperity|health|happiness)"),
]
_SALUTATIONS = [(name, re.compile(pattern, re.I)) for name, pattern in SALUTATION_FORMULAS]
_CLOSINGS = [(name, re.compile(pattern, re.I)) for name, pattern in CLOSING_FORMULAS]
SALUTATION_WINDOW = 120  # characters at the start of the quoted message
CLOSING_WINDOW = 300  # characters at its end

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


@lru_cache(maxsize=4)
def load_warmth_lexicon(path: Path = LEXICON_FILE) -> pd.DataFrame:
    """The warmth lexicon (validated by helpers.curated): term, pattern (a case-insensitive regex), rationale.

    >>> load_warmth_lexicon().term.head(3).tolist()
    ['comrade', 'brotherly', 'traditional_friendship']
    """
    lexicon = load_curated("warmth_lexicon", path).astype(str)
    for row in lexicon.itertuples():
        try:
            re.compile(row.pattern)
        except re.error as error:
            raise ValueError(f"{path}: term {row.term!r}: bad pattern ({error})") from None
    return lexicon


def clean_story(text: str) -> str:
    """Story text with the scraper's paragraph separators (runs of ", ,") turned into spaces."""
    text = re.sub(r"(?:\s*,){2,}\s*", " ", str(text))
    return re.sub(r"\s+", " ", text).strip(" ,")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def quoted_message(text: str) -> str | None:
    """The message as KCNA quotes it (from "The message said:" to the end), or None if only paraphrased."""
    match = _QUOTE_START.search(text)
    return text[match.end() :] if match else None


def salutation(text: str) -> str:
    """Salutation formula of the quoted message: a SALUTATION_FORMULAS name, "other", or "reported"."""
    quoted = quoted_message(text)
    if quoted is None:
        return "reported"
    opening = quoted[:SALUTATION_WINDOW]
    return next((name for name, regex in _SALUTATIONS if regex.search(opening)), "other")


def closing(text: str) -> str:
    """Closing formula of the quoted message: a CLOSING_FORMULAS name, "other", or "reported"."""
    quoted = quoted_message(text)
    if quoted is None:
        return "reported"
    ending = quoted[-CLOSING_WINDOW:]
    return next((name for name, regex in _CLOSINGS if regex.search(ending)), "other")


def warmth_counts(text: str, lexicon: pd.DataFrame | None = None) -> dict[str, int]:
    """Occurrences of each lexicon term in `text` (case-insensitive), keyed warmth_<term>."""
    lexicon = load_warmth_lexicon() if lexicon is None else lexicon
    return {f"warmth_{row.term}": len(re.findall(row.pattern, text, flags=re.I)) for row in lexicon.itertuples()}


def text_features(events: pd.DataFrame, stories: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per event dated in the stories' years (2011-2012): headline_id, date, story_id, linked, word_count,
    salutation, closing, warmth_<term> counts, warmth_total and warmth_per_1000_words (empty when not linked)."""
    lexicon = load_warmth_lexicon() if lexicon is None else lexicon
    years = set(pd.to_datetime(stories["date"].dropna()).dt.year)
    in_years = events[pd.to_datetime(events["date"]).dt.year.isin(years)]
    linked = link_stories(in_years[["headline_id", "date", "title"]], stories)
    story_text = stories.set_index("story_id")["story"]
    terms = [f"warmth_{term}" for term in lexicon["term"]]
    rows = []
    for event in linked.itertuples():
        row = {
            "headline_id": event.headline_id,
            "date": event.date,
            "story_id": event.story_id,
            "linked": bool(event.story_id),
        }
        if event.story_id:
            text = clean_story(story_text[event.story_id])
            counts = warmth_counts(text, lexicon)
            words = word_count(text)
            row |= {
                "word_count": words,
                "salutation": salutation(text),
                "closing": closing(text),
                **counts,
                "warmth_total": sum(counts.values()),
                "warmth_per_1000_words": round(1000 * sum(counts.values()) / words, 2) if words else 0.0,
            }
        rows.append(row)
    columns = [
        "headline_id",
        "date",
        "story_id",
        "linked",
        "word_count",
        "salutation",
        "closing",
        *terms,
        "warmth_total",
        "warmth_per_1000_words",
    ]
    features = pd.DataFrame(rows, columns=columns)
    count_columns = ["word_count", *terms, "warmth_total"]
    features[count_columns] = features[count_columns].astype("Int64")
    return features
