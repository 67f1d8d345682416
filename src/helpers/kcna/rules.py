"""The rule tables of the KCNA headline parser for messages: the message-like screen, message words and kinds,
verbs, and the headline patterns.

Tables only (and the small functions that compile or test them); the parser that applies them is
`helpers.kcna.parser`; who a phrase names is in `helpers.kcna.names`. Names with a leading underscore are compiled
forms shared inside `helpers.kcna`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------------------------------------------
# The message-like screen: any headline word that can name a message, gift or greeting
# --------------------------------------------------------------------------------------------------------------

# Deliberately broad: it keeps true messages and many non-messages ("congratulatory performances"); the parser
# decides which are messages. Plain lower-case substrings, so the screen can run as a fast text scan.
MESSAGE_LIKE_WORDS = (
    "greet",
    "congrat",
    "condol",
    "sympath",
    "messag",
    "mesaage",
    "letter",
    "gift",
    "floral",
    "basket",
    "wreath",
    "thank",
    "repl",
    "telegram",
    "card",
    "felicitat",
)


def message_like_mask(titles: pd.Series) -> np.ndarray:
    """True where a title contains a message word (MESSAGE_LIKE_WORDS, case-insensitive), as a NumPy mask.

    All titles are joined into one lower-cased text and each word is found with str.find, a C-speed scan; the hits'
    offsets map back to rows. Several times faster than a regex over 100k strings.
    """
    values = [str(value) for value in titles]
    text = "\n".join(values).lower()
    starts = np.cumsum([0] + [len(value) + 1 for value in values[:-1]])
    hits = []
    for word in MESSAGE_LIKE_WORDS:
        position = text.find(word)
        while position != -1:
            hits.append(position)
            position = text.find(word, position + 1)
    candidate = np.zeros(len(values), dtype=bool)
    if hits:
        candidate[np.searchsorted(starts, np.asarray(hits), side="right") - 1] = True
    return candidate


def is_message_like(titles: pd.Series) -> pd.Series:
    """True where a headline contains a message word (case-insensitive); a screen, not a classifier.

    >>> is_message_like(pd.Series(["Kim Jong Il Greets Lao President", "Rain in Pyongyang"])).tolist()
    [True, False]
    """
    return pd.Series(message_like_mask(titles), index=titles.index)


# --------------------------------------------------------------------------------------------------------------
# Message words
# --------------------------------------------------------------------------------------------------------------

# Nouns that name a message or a sent object; a message phrase must contain one.
MESSAGE_NOUN = (
    r"greetings?|congratulations?|felicitations?|condolences?|sympathy|thanks|letters?|messages?|mesaage|"
    r"repl(?:y|ies)|telegrams?|cards?|gifts?|(?:floral\s+|flower\s+)?baskets?|wreaths?|"
    r"congratulatory\s+address|condolatory\s+address"
)
_MESSAGE_NOUN = re.compile(rf"\b(?:{MESSAGE_NOUN})\b", re.I)

# Nouns that turn a message-like phrase into something else ("congratulatory visit", "greetings performance").
_NOT_A_MESSAGE_NOUN = re.compile(
    r"\b(?:visits?|performances?|speech|concerts?|games?|tournaments?|matches|festivals?|exhibitions?|"
    r"ceremon(?:y|ies)|rall(?:y|ies)|meetings?|groups?|events?|exhibits?|houses?|halls?|parties|banquets?|"
    r"receptions?|programmes?|films?|songs?|dances?|evenings?)\b",
    re.I,
)

# Message words -> kind. The kind is the earliest message word of the phrase; gift words count only when no message
# word is present ("Floral Basket and Congratulatory Message" is a congratulation). Generic words (letter, reply,
# message ...) name a letter only when nothing qualifies them ("Message of Sympathy" is sympathy).
KIND_WORDS: list[tuple[str, str]] = [
    (r"condol|mourn", "condolence"),
    (r"sympath", "sympathy"),
    (r"congratul|felicit", "congratulation"),
    (r"greet", "greeting"),
    (r"thank", "thanks"),
]
GENERIC_MESSAGE_WORDS = r"letter|repl(?:y|ies)|messages?|mesaage|telegram|cards?|address"
GIFT_WORDS = r"gift|basket|wreath"

# Verbs by which a named sender acts on a recipient ("Kim Yong Nam Greets Angolan President").
GREETING_VERBS = r"greets?|congratulates?|felicitates?|thanks|condoles"
SENDING_VERBS = r"sends?|sent|conveys?|expresses?|extends?|forwards?|presents?|dispatches|addresses"
PASSIVE_VERBS = r"congratulated|greeted|felicitated|thanked"
# The same verbs as words, for a quick test of which patterns can apply.
GREETING_WORDS = {"greet", "greets", "congratulate", "congratulates", "felicitate", "felicitates", "thanks", "condoles"}
SENDING_WORDS = {
    "send",
    "sends",
    "sent",
    "convey",
    "conveys",
    "express",
    "expresses",
    "extend",
    "extends",
    "forward",
    "forwards",
    "present",
    "presents",
    "dispatches",
    "addresses",
}
PASSIVE_WORDS = {"congratulated", "greeted", "felicitated", "thanked"}

# --------------------------------------------------------------------------------------------------------------
# Headline patterns: named, tried in order; groups msg / sender / recipient / occasion.
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern
    # Who sends when the headline names no sender: "dprk" (KCNA's convention) or None (no one).
    default_sender: str | None = None
    # "Message from X": the unnamed recipient is the DPRK side.
    recipient_is_dprk: bool = False
    # The verb is itself the message word ("greets", "congratulated").
    verb_is_message: bool = False
    # Words of which the headline must contain at least one (a cheap test before the regex).
    needs: frozenset[str] = frozenset()


def _pattern(name: str, regex: str, needs: set[str], **options) -> Pattern:
    return Pattern(name, re.compile(regex, re.I), needs=frozenset(needs), **options)


M, S, R = r"(?P<msg>.+?)", r"(?P<sender>.+?)", r"(?P<recipient>.+?)"
HEADLINE_PATTERNS: list[Pattern] = [
    _pattern("receives_from", rf"^{R}\s+receives?\s+{M}\s+from\s+{S}$", {"from"}),
    _pattern("receives", rf"^{R}\s+receives?\s+{M}$", {"receive", "receives"}),
    _pattern(
        "exchanged",
        rf"^{M}\s+(?:are\s+)?exchanged(?:\s+between\s+(?P<between>.+))?$",
        {"exchanged"},
        default_sender="dprk",
    ),
    _pattern("sends_to", rf"^{S}\s+(?:{SENDING_VERBS})\s+{M}\s+(?:to|before)\s+{R}$", SENDING_WORDS),
    _pattern("sends", rf"^{S}\s+(?:{SENDING_VERBS})\s+{M}$", SENDING_WORDS),
    _pattern("to_from", rf"^{M}\s+(?:sent\s+)?to\s+{R}\s+(?:from|by)\s+{S}$", {"from", "by"}),
    _pattern("from_to", rf"^{M}\s+from\s+{S}\s+to\s+{R}$", {"from"}),
    _pattern("expressed_by", rf"^{M}\s+(?:expressed|sent|conveyed)\s+by\s+{S}$", {"by"}, recipient_is_dprk=True),
    _pattern("from", rf"^{M}\s+(?:received\s+)?from\s+{S}$", {"from"}, recipient_is_dprk=True),
    _pattern(
        "to",
        rf"^{M}\s+(?:sent\s+|expressed\s+|conveyed\s+|extended\s+|forwarded\s+)?to\s+{R}$",
        {"to"},
        default_sender="dprk",
    ),
    _pattern(
        "greets", rf"^{S}(?<!\sto)\s+(?P<msg>{GREETING_VERBS})\s+(?:to\s+)?{R}$", GREETING_WORDS, verb_is_message=True
    ),
    _pattern(
        "passive_by", rf"^{R}\s+(?:is\s+|are\s+)?(?P<msg>{PASSIVE_VERBS})\s+by\s+{S}$", {"by"}, verb_is_message=True
    ),
    _pattern(
        "passive", rf"^{R}\s+(?P<msg>{PASSIVE_VERBS})$", PASSIVE_WORDS, default_sender="dprk", verb_is_message=True
    ),
    _pattern(
        "on_occasion",
        rf"^{M}\s+(?:expressed\s+)?(?:on|over|upon)\s+(?P<occasion>.+?)(?:\s+expressed)?$",
        {"on", "over", "upon"},
        default_sender="dprk",
    ),
]

# A trailing clause naming the occasion ("... on Its Independence Day", "... over Earthquake").
_OCCASION = re.compile(
    r"\s+(?:on|over|upon|for\s+(?:his|her|its|their|the)|for(?=\s+(?:death|demise))|in\s+connection\s+with|"
    r"in\s+memory\s+of)\s+(.*)$",
    re.I,
)

# Placed or laid in person, not sent.
_LAID_IN_PERSON = re.compile(
    r"\b(?:laid|lays?|laying|placed|places|placing|pay|pays|paid|paying|deposited)\b|\btributes?\b", re.I
)

# KCNA typing slips fixed before parsing, and the whitespace run.
_TYPOS = [(re.compile(r"\bJong\s+ll\b"), "Jong Il"), (re.compile(r"\bKloral\b"), "Floral")]
_WHITESPACE = re.compile(r"\s+")
