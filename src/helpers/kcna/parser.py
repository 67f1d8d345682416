"""Rule-based reading of KCNA headlines into leader-to-leader message events.

A headline is read in three steps, each driven by a table of `helpers.kcna.rules`:

1. HEADLINE_PATTERNS (tried in order) split it into its message phrase, sender phrase and recipient phrase
   ("Gift to Kim Jong Il from Syrian President": msg="Gift", recipient="Kim Jong Il", sender="Syrian President").
2. Each phrase is classified as a side (`helpers.kcna.sides.classify_side`): the DPRK side, a foreign state (country
   + role), a non-state body, an international organisation, or unknown.
3. `_decide` turns the two sides into an event: the direction, counterpart and role, the kind (KIND_WORDS) and the
   DPRK principal, or a reason why it is not an event, or a reason to queue it for review.

The schema and its decided edge cases (codebook: data/processed/README.md): KCNA's convention that "Greetings to X"
with no sender named is sent by the DPRK side; no event when only the DPRK side is named; a floral basket to a DPRK
embassy abroad with no sender named comes from the host country; "greetings exchanged between" the sides is
from_dprk; international organisations and non-state bodies are never the foreign state side.

    >>> parsed = parse_headline("Kim Jong Il Greets Lao President", "2011-12-01")
    >>> parsed.is_message, parsed.direction, parsed.counterpart_country, parsed.counterpart_role, parsed.kind
    (True, 'from_dprk', 'LAO', 'head_of_state', 'greeting')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from .names import _BARE_TITLE, _names_foreign_person
from .rules import (
    _LAID_IN_PERSON,
    _MESSAGE_NOUN,
    _NOT_A_MESSAGE_NOUN,
    _OCCASION,
    _TYPOS,
    GENERIC_MESSAGE_WORDS,
    GIFT_WORDS,
    GREETING_VERBS,
    HEADLINE_PATTERNS,
    KIND_WORDS,
    PASSIVE_VERBS,
    Pattern,
    message_like_mask,
)
from .sides import _COUNTERPART, Side, _classify_phrase, _counterpart_role, classify_side, in_person_summits, role_of


@dataclass(frozen=True)
class ParsedHeadline:
    is_message: bool
    direction: str = ""
    counterpart_country: str = ""
    counterpart_role: str = ""
    kind: str = ""
    dprk_principal: str = ""
    rule: str = ""
    review_reason: str = ""


def kind_of(message_phrase: str) -> str:
    """The message kind named by a message phrase (see KIND_WORDS); "" when it names none."""
    match = _KIND_WORD.search(message_phrase)
    if match:
        return KIND_WORDS[match.lastindex - 1][1]
    if _GENERIC_MESSAGE_WORD.search(message_phrase):
        return "letter"
    if _GIFT_WORD.search(message_phrase):
        return "gift"
    return ""


_KIND_WORD = re.compile("|".join(f"({pattern})" for pattern, _ in KIND_WORDS), re.I)  # earliest match wins
_GENERIC_MESSAGE_WORD = re.compile(rf"\b(?:{GENERIC_MESSAGE_WORDS})", re.I)
_GIFT_WORD = re.compile(rf"\b(?:{GIFT_WORDS})", re.I)
_SOURCE_SUFFIX = re.compile(r"\s*:\s*(?:KCNA|Rodong Sinmun|Minju Joson|papers?)$", re.I)


def clean_title(title: str) -> str:
    """Whitespace, stray encoding bytes and KCNA's typos normalised; the wording kept."""
    text = " ".join(str(title).replace("Â@", " ").replace("Â", " ").split()).strip(" .")
    for typo, fixed in _TYPOS:
        text = typo.sub(fixed, text)
    return _SOURCE_SUFFIX.sub("", text) if ":" in text else text


def _strip_occasion(phrase: str | None) -> tuple[str | None, str]:
    if phrase is None:
        return None, ""
    match = _OCCASION.search(phrase)
    if match:
        return phrase[: match.start()], match.group(1)
    return phrase, ""


NOT_MESSAGE = ParsedHeadline(False)


def parse_headline(title: str, date=None) -> ParsedHeadline:
    """Map one headline (and its date) to the event fields; see the module docstring.

    Never raises. When `is_message` is false the event fields are empty; `review_reason` is set when a person should
    look at the headline (the fields then hold the parser's best reading).
    """
    if not isinstance(title, str):
        return replace(NOT_MESSAGE, rule="no_message_word")
    parsed, dated = _parse_undated(title)
    if dated:
        stamp = _as_timestamp(date)
        if stamp is not None:
            parsed = _parse_text(clean_title(title), stamp)
    if parsed.is_message:
        return parsed
    return ParsedHeadline(False, rule=parsed.rule, review_reason=parsed.review_reason)


@lru_cache(maxsize=1 << 16)
def _parse_undated(title: str) -> tuple[ParsedHeadline, bool]:
    """The reading without a date, and whether the date could change it (a dated person is named, or the
    counterpart is South Korea, whose summits turn greetings into meetings)."""
    text = clean_title(title)
    parsed = _parse_text(text, None)
    dated = bool(_names_foreign_person(text)) or parsed.counterpart_country in {
        iso3 for iso3, *_ in in_person_summits()
    }
    return parsed, dated


def _as_timestamp(date) -> pd.Timestamp | None:
    try:
        stamp = pd.Timestamp(date)
    except (TypeError, ValueError, OverflowError):
        return None
    return None if pd.isna(stamp) else stamp


def _parse_text(text: str, date: pd.Timestamp | None) -> ParsedHeadline:
    if not text or not _MESSAGE_NOUN.search(text) and not _GREETING_OR_PASSIVE_VERB.search(text):
        return replace(NOT_MESSAGE, rule="no_message_word")
    words = set(text.lower().split())
    for pattern in HEADLINE_PATTERNS:
        if pattern.needs.isdisjoint(words):
            continue
        match = pattern.regex.match(text)
        if not match:
            continue
        parsed = _decide(pattern, match.groupdict(), date)
        if parsed is not None:
            return parsed
    return replace(NOT_MESSAGE, rule="no_pattern")


_GREETING_OR_PASSIVE_VERB = re.compile(rf"\b(?:{GREETING_VERBS}|{PASSIVE_VERBS})\b", re.I)


def _decide(pattern: Pattern, groups: dict, date) -> ParsedHeadline | None:
    message = groups.get("msg") or ""
    if not pattern.verb_is_message:
        if not _MESSAGE_NOUN.search(message) or _NOT_A_MESSAGE_NOUN.search(message):
            return None
    if (
        _LAID_IN_PERSON.search(message)
        or _LAID_IN_PERSON.search(groups.get("sender") or "")
        and not groups.get("recipient")
    ):
        return replace(NOT_MESSAGE, rule=f"{pattern.name}:laid_in_person")
    kind = kind_of(message)
    if not kind:
        return None
    message, message_occasion = _strip_occasion(message)
    sender_text, sender_occasion = _strip_occasion(groups.get("sender"))
    recipient_text, recipient_occasion = _strip_occasion(groups.get("recipient"))
    occasion = groups.get("occasion") or recipient_occasion or sender_occasion or message_occasion
    sender = classify_side(sender_text, date)
    recipient = classify_side(recipient_text, date)
    rule = pattern.name

    if pattern.name == "exchanged":
        return _exchanged(groups.get("between"), kind, date, rule)
    if sender is None and recipient is None and occasion:
        # "Congratulations on Bulgarian National Day": the recipient is the country of the occasion
        recipient = _occasion_side(occasion, date)
        sender = Side("dprk") if pattern.default_sender == "dprk" else None
        rule += ":occasion"
    if sender is None and pattern.default_sender == "dprk" and recipient is not None and recipient.kind != "dprk":
        sender = Side("dprk")
        rule += ":convention"
    if sender is not None and sender.kind == "dprk" and recipient is None:
        if not occasion:
            return ParsedHeadline(
                False,
                kind=kind,
                dprk_principal="; ".join(sender.principals),
                rule=rule,
                review_reason="recipient not named",
            )
        recipient = _occasion_side(occasion, date)
        if recipient is None:  # "on death of <a Korean>", "over death of composer"
            return replace(NOT_MESSAGE, rule=f"{rule}:no_foreign_side")
        rule += ":occasion"
    if sender is None and recipient is not None and recipient.kind == "dprk":
        if recipient.country:  # a DPRK mission abroad: from the host country
            sender = Side("state", recipient.country, "unspecified")
            recipient = replace(recipient, country=None)
            rule += ":host_country"
        elif recipient.note == "host country not named":
            return ParsedHeadline(False, "to_dprk", kind=kind, rule=rule, review_reason=recipient.note)
        else:
            return replace(NOT_MESSAGE, kind=kind, rule=f"{rule}:no_foreign_side")
    if pattern.verb_is_message and _during_summit(sender, recipient, date):
        return replace(NOT_MESSAGE, rule=f"{rule}:in_person_summit")
    if recipient is None and sender is not None and (sender.kind == "state" or pattern.recipient_is_dprk):
        recipient = Side("dprk")
        rule += ":recipient_unnamed"
    if (
        sender is not None
        and sender.kind == "unknown"
        and recipient is not None
        and recipient.kind == "state"
        and _BARE_TITLE.match(sender.phrase)
    ):
        sender = Side("dprk", phrase=sender.phrase)  # "FM Greets Mauritanian Counterpart": KCNA's own official
        rule += ":own_official"
    return _event_from_sides(sender, recipient, kind, rule)


def _during_summit(sender: Side | None, recipient: Side | None, date: pd.Timestamp | None) -> bool:
    if date is None:
        return False
    day = date.strftime("%Y-%m-%d")
    countries = {side.country for side in (sender, recipient) if side is not None and side.kind == "state"}
    return any(iso3 in countries and start <= day <= end for iso3, start, end in in_person_summits())


def _occasion_side(occasion: str, date) -> Side | None:
    side = classify_side(occasion, date)
    if side is None or side.kind != "state":
        return None
    return replace(side, role="unspecified")


def _exchanged(between: str | None, kind: str, date, rule: str) -> ParsedHeadline:
    if not between:
        return ParsedHeadline(False, kind=kind, rule=rule, review_reason="counterpart not named")
    parts = re.split(r"\s+and\s+", between, maxsplit=1)
    sides = [classify_side(part, date) for part in parts]
    foreign = [side for side in sides if side is not None and side.kind == "state"]
    if not foreign:
        # "between FMs of DPRK and Cuba": the country follows the shared title
        whole = classify_side(re.sub(r"\bD\.?P\.?R\.?K\b", " ", between), date)
        if whole is None or whole.kind != "state":
            return ParsedHeadline(False, kind=kind, rule=rule, review_reason="counterpart not resolved")
        foreign = [whole]
    counterpart = foreign[0]
    role = counterpart.role
    if role == "unspecified":
        role = role_of(between)
        role = "unspecified" if role == "unknown" else role
    return ParsedHeadline(True, "from_dprk", counterpart.country, role, kind, "", rule)


def _event_from_sides(sender: Side | None, recipient: Side | None, kind: str, rule: str) -> ParsedHeadline:
    sides = [side for side in (sender, recipient) if side is not None]
    for side in sides:
        if side.kind in ("non_state", "intl_org"):
            return ParsedHeadline(False, rule=f"{rule}:{side.kind}")
    if sender is None or recipient is None:
        side = sender or recipient
        reason = side.note if side.kind == "unknown" and side.note != "no state named" else ""
        return ParsedHeadline(False, kind=kind, rule=f"{rule}:one_side_only", review_reason=reason)
    kinds = {sender.kind, recipient.kind}
    if kinds == {"dprk"}:
        return ParsedHeadline(False, rule=f"{rule}:domestic")
    if "dprk" not in kinds:
        if "unknown" in kinds:
            reason = next(side.note for side in (sender, recipient) if side.kind == "unknown")
            return ParsedHeadline(
                False,
                rule=f"{rule}:unknown_side",
                kind=kind,
                review_reason=reason if reason != "no state named" else "",
            )
        return ParsedHeadline(False, rule=f"{rule}:no_dprk_side")
    dprk, foreign = (sender, recipient) if sender.kind == "dprk" else (recipient, sender)
    direction = "from_dprk" if sender.kind == "dprk" else "to_dprk"
    principal = "; ".join(dprk.principals)
    if foreign.kind == "unknown":
        return ParsedHeadline(
            False,
            direction,
            kind=kind,
            dprk_principal=principal,
            rule=f"{rule}:unknown_side",
            review_reason=foreign.note if foreign.note != "no state named" else "",
        )
    role = foreign.role or "unspecified"
    if _COUNTERPART.search(foreign.phrase):
        role = _counterpart_role(dprk)
    return ParsedHeadline(
        True,
        direction,
        foreign.country or "",
        role,
        kind,
        principal,
        rule,
        review_reason=foreign.note if foreign.note == "unknown role" else "",
    )


PARSED_COLUMNS = [
    "is_message",
    "direction",
    "counterpart_country",
    "counterpart_role",
    "kind",
    "dprk_principal",
    "rule",
    "review_reason",
]


def _as_row(parsed: ParsedHeadline) -> tuple:
    return (
        parsed.is_message,
        parsed.direction,
        parsed.counterpart_country,
        parsed.counterpart_role,
        parsed.kind,
        parsed.dprk_principal,
        parsed.rule,
        parsed.review_reason,
    )


def clear_caches() -> None:
    """Forget parsed phrases and titles (the benchmark times cold runs)."""
    _classify_phrase.cache_clear()
    _parse_undated.cache_clear()


def parse_headlines(frame: pd.DataFrame, *, title: str = "title", date: str = "date") -> pd.DataFrame:
    """Parse every row of `frame` (columns `title` and `date`); one output row per input row, same index.

    A cheap vectorised screen (any message word) picks the candidates; only those go through the rules.
    """
    titles = frame[title].astype(object).where(frame[title].notna(), "")
    candidate = message_like_mask(titles)
    result = pd.DataFrame({column: "" for column in PARSED_COLUMNS}, index=frame.index)
    result["is_message"] = False
    result["rule"] = "screen"
    if candidate.any():
        dates = frame[date].to_numpy()[candidate]
        parsed = [_as_row(parse_headline(text, day)) for text, day in zip(titles.to_numpy()[candidate], dates)]
        result.loc[frame.index[candidate], PARSED_COLUMNS] = pd.DataFrame(parsed, columns=PARSED_COLUMNS).to_numpy()
    result["is_message"] = result["is_message"].astype(bool)
    return result


# --------------------------------------------------------------------------------------------------------------
