"""Rule-based extraction of leader-to-leader message events from KCNA headlines.

A headline is read in three steps, each driven by a table below:

1. HEADLINE_PATTERNS (tried in order) split it into its message phrase, sender phrase and recipient phrase
   ("Gift to Kim Jong Il from Syrian President": msg="Gift", recipient="Kim Jong Il", sender="Syrian President").
2. Each phrase is classified as a side (`classify_side`): the DPRK side, a foreign state (country + role), a non-state
   body, an international organisation, or unknown, using NON_STATE_BODIES, INTERNATIONAL_ORGANISATIONS,
   FOREIGN_PERSONS, PARTY_ACRONYMS, ROLE_WORDS and the country lexicon.
3. `_decide` turns the two sides into an event: the direction, counterpart and role, the kind (KIND_WORDS) and the
   DPRK principal, or a reason why it is not an event, or a reason to queue it for review.

The schema and its decided edge cases (codebook: data/processed/README.md): KCNA's convention that "Greetings to X"
with no sender named is sent by the DPRK side; no event when only the DPRK side is named; a floral basket to a DPRK
embassy abroad with no sender named comes from the host country; "greetings exchanged between" the sides is
from_dprk; international organisations and non-state bodies are never the foreign state side.

    python -m helpers.kcna extract --input IN.csv --output OUT.csv    # the extraction contract
    python -m helpers.kcna build                                      # data/processed/kcna_*.csv
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths

DIRECTIONS = ("to_dprk", "from_dprk")
KINDS = ("greeting", "congratulation", "condolence", "sympathy", "thanks", "letter", "gift")
ROLES = ("head_of_state", "head_of_government", "party", "foreign_minister", "other_official", "unspecified")
MULTI = "MULTI"
EXTRACT_COLUMNS = ["id", "is_message", "direction", "counterpart_country", "counterpart_role", "kind",
                   "dprk_principal"]
EVENT_COLUMNS = ["headline_id", "date", "title", "direction", "counterpart_country", "counterpart_role", "kind",
                 "dprk_principal", "counterpart_name", "rule", "duplicate_ids", "source_link"]
REVIEW_COLUMNS = ["headline_id", "date", "title", "review_reason", "rule", "is_message", "direction",
                  "counterpart_country", "counterpart_role", "kind", "dprk_principal", "duplicate_ids"]

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
    r"receptions?|programmes?|films?|songs?|dances?|evenings?)\b", re.I)

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
GREETING_WORDS = {"greet", "greets", "congratulate", "congratulates", "felicitate", "felicitates", "thanks",
                  "condoles"}
SENDING_WORDS = {"send", "sends", "sent", "convey", "conveys", "express", "expresses", "extend", "extends",
                 "forward", "forwards", "present", "presents", "dispatches", "addresses"}
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
    _pattern("exchanged", rf"^{M}\s+(?:are\s+)?exchanged(?:\s+between\s+(?P<between>.+))?$", {"exchanged"},
             default_sender="dprk"),
    _pattern("sends_to", rf"^{S}\s+(?:{SENDING_VERBS})\s+{M}\s+(?:to|before)\s+{R}$", SENDING_WORDS),
    _pattern("sends", rf"^{S}\s+(?:{SENDING_VERBS})\s+{M}$", SENDING_WORDS),
    _pattern("to_from", rf"^{M}\s+(?:sent\s+)?to\s+{R}\s+(?:from|by)\s+{S}$", {"from", "by"}),
    _pattern("from_to", rf"^{M}\s+from\s+{S}\s+to\s+{R}$", {"from"}),
    _pattern("expressed_by", rf"^{M}\s+(?:expressed|sent|conveyed)\s+by\s+{S}$", {"by"}, recipient_is_dprk=True),
    _pattern("from", rf"^{M}\s+(?:received\s+)?from\s+{S}$", {"from"}, recipient_is_dprk=True),
    _pattern("to", rf"^{M}\s+(?:sent\s+|expressed\s+|conveyed\s+|extended\s+|forwarded\s+)?to\s+{R}$", {"to"},
             default_sender="dprk"),
    _pattern("greets", rf"^{S}(?<!\sto)\s+(?P<msg>{GREETING_VERBS})\s+(?:to\s+)?{R}$", GREETING_WORDS,
             verb_is_message=True),
    _pattern("passive_by", rf"^{R}\s+(?:is\s+|are\s+)?(?P<msg>{PASSIVE_VERBS})\s+by\s+{S}$", {"by"},
             verb_is_message=True),
    _pattern("passive", rf"^{R}\s+(?P<msg>{PASSIVE_VERBS})$", PASSIVE_WORDS, default_sender="dprk",
             verb_is_message=True),
    _pattern("on_occasion", rf"^{M}\s+(?:expressed\s+)?(?:on|over|upon)\s+(?P<occasion>.+?)(?:\s+expressed)?$",
             {"on", "over", "upon"}, default_sender="dprk"),
]

# A trailing clause naming the occasion ("... on Its Independence Day", "... over Earthquake").
_OCCASION = re.compile(
    r"\s+(?:on|over|upon|for\s+(?:his|her|its|their|the)|for(?=\s+(?:death|demise))|in\s+connection\s+with|"
    r"in\s+memory\s+of)\s+(.*)$", re.I)

# Placed or laid in person, not sent.
_LAID_IN_PERSON = re.compile(
    r"\b(?:laid|lays?|laying|placed|places|placing|pay|pays|paid|paying|deposited)\b|\btributes?\b", re.I)

# --------------------------------------------------------------------------------------------------------------
# Sides: small tables of bodies and persons
# --------------------------------------------------------------------------------------------------------------

# Bodies that are never a state side: Koreans abroad, South Korean and overseas organisations, friendship and
# solidarity bodies, Juche study groups, mass organisations, firms, media, schools, individuals with no office.
NON_STATE_BODIES = re.compile(  # matched against the lower-cased phrase (faster than re.I)
    r"chongryon|hanchongryon|pomminryon|kothongryon|\bndfsk\b|\bndsfk\b|\baindf\b|\biiji\b|\bkfa\b|"
    r"korean\s+residents?|koreans?\s+(?:in|resident)|overseas|compatriots?|\bkoreans\b|"
    r"friendship|solidarity|juche|kimilsungism|kimjongilism|songun|study\s+(?:group|society|organi[sz]ation|"
    r"circle|cent(?:re|er))|"
    r"organi[sz]ations?|associations?|societ(?:y|ies)|federation|foundation|institute|institution|club|league|"
    r"trade\s+union|confederation|(?<!central\s)(?<!standing\s)(?<!executive\s)"
    r"(?<!political\s)(?<!military\s)(?<!revolutionary\s)(?<!state\s)committee|"
    r"compan(?:y|ies)|corporation|\bfirm\b|business|enterprise|\bbank\b|hyundai|\bgroup\b|\binc\b|\bltd\b|"
    r"newspaper|journal|magazine|news\s+agency|\bmedia\b|television|\bradio\b|publish|"
    r"universit|school|college|academ|students?|teachers?|youth|\bwom[ae]n|children|pupils|"
    r"figures?\b|personages?|personalit|guests?|individual|famil(?:y|ies)|citizens?|writers?|artistes?|"
    r"scholars?|professors?|scientists?|sportsm|athletes?|celebrit|\bman\b|\bmen\b|\bpeople\b(?!'s)|"
    r"foreigners|delegates?\b|participants|seminar|symposium|conference|lawyers?|doctors?|"
    r"red\s+cross|\brc\b|church|religious|buddhis|christian|chondois|priest|monk|"
    r"trade\s+union|workers(?!'\s*party)|peasants?|farmers?|veterans?|"
    r"south\s+(?:korean\s+)?(?:civic|public|people)|\bcommunity\b|non-governmental|\bngo|victims|widow|"
    r"\bmeetings?\b|fishermen|soldiers|servicem[ae]n|servicepersons|service\s+personnel|\bunits?\b|paraders|"
    r"\bthose\b|orchestra|chorus|choir|troupe|ensemble|museum|library|hospital|hotel|prize|orascom")
# ... and acronyms of non-state bodies, matched case-sensitively ("AP", not "ap").
NON_STATE_ACRONYMS = re.compile(r"\b(?:ITF|CILRECO|KCTU|GFTUK|DFRF|IRNA|APTN|CNN|KAPPC|KCU|AP|CCTV|WCC)\b")


def is_non_state(phrase: str) -> bool:
    """Whether a phrase names a non-state body or person (see NON_STATE_BODIES)."""
    return bool(NON_STATE_BODIES.search(phrase.lower()) or NON_STATE_ACRONYMS.search(phrase))

# International organisations and their meetings: never a state side. Acronyms match case-sensitively ("NAM" is the
# Non-Aligned Movement, "Nam" a Korean given name).
INTERNATIONAL_ORGANISATIONS = re.compile(
    r"(?-i:\bU\.?N\.?(?!\w)|\bUN[A-Z]{2,}\b|\bWHO\b|\bFAO\b|\bWFP\b|\bIAEA\b|\bOAU\b|\bAUC?\b|\bASEAN\b|"
    r"\bCARICOM\b|\bECOWAS\b|\bSADC\b|\bEU\b|\bNAM\b|\bOIC\b|\bIOC\b|\bOCA\b|\bFIFA\b|\bOPEC\b|\bWTO\b|"
    r"\bWIPO\b|\bIPU\b|\bWFTU\b|\bWFDY\b|\bWIDF\b|\bIOJ\b|\bIADL\b|\bOSPAAAL\b|\bWPF\b|\bEC\b|\bLAS\b)|"
    r"european\s+commission|european\s+council|meeting\s+of\s+heads|"
    r"united\s+nations|african\s+union|european\s+union|non-aligned|arab\s+league|league\s+of\s+arab|"
    r"islamic\s+conference|olympic|inter-parliamentary|world\s+(?:peace|health|food|"
    r"federation|council)|director[- ]general|summit|\bsession\b|heads\s+of\s+state\s+and\s+government|"
    r"commission\s+of",
    re.I)

# Parties and state bodies named by acronym -> (ISO3, role).
PARTY_ACRONYMS: dict[str, tuple[str, str]] = {
    "CPC": ("CHN", "party"), "CCP": ("CHN", "party"), "CPV": ("VNM", "party"), "LPRP": ("LAO", "party"),
    "CPRF": ("RUS", "party"), "LDPR": ("RUS", "party"), "ZANU-PF": ("ZWE", "party"), "ANC": ("ZAF", "party"),
    "SWAPO": ("NAM", "party"), "FRELIMO": ("MOZ", "party"), "MPLA": ("AGO", "party"), "FSLN": ("NIC", "party"),
    "UML": ("NPL", "party"), "CPBM": ("CZE", "party"), "KKE": ("GRC", "party"), "MPRP": ("MNG", "party"),
    "PLA": ("CHN", "other_official"), "CPLA": ("CHN", "other_official"), "NPC": ("CHN", "other_official"),
    "CPPCC": ("CHN", "other_official"), "CMC": ("CHN", "other_official"), "VPA": ("VNM", "other_official"),
    "SPDC": ("MMR", "head_of_state"), "PLO": ("PSE", "unspecified"), "PNA": ("PSE", "unspecified"),
    "FUNCINPEC": ("KHM", "party"), "FRETILIN": ("TLS", "party"), "CPP": ("KHM", "party"), "PAP": ("SGP", "party"),
    "CPI": ("IND", "party"),
    "SCP": ("SDN", "party"), "RPT": ("TGO", "party"), "DRC": ("COD", "unspecified"),
}
# Acronyms of five letters or more also match in title case ("Frelimo", "Funcinpec"); shorter ones only in capitals.
_PARTY_ACRONYM = re.compile(r"(?<![\w-])(" + "|".join(
    re.escape(name) if len(name) >= 5 else f"(?-i:{re.escape(name)})" for name in PARTY_ACRONYMS) + r")(?![\w-])",
    re.I)

# Offices of DPRK principals, highest first: for "... Greets His Polish Counterpart" the counterpart holds the same.
_DPRK_OFFICE_ROLES = [("head_of_state", "head_of_state"), ("supreme_leader", "head_of_state"),
                      ("head_of_government", "head_of_government"), ("foreign_minister", "foreign_minister")]


@lru_cache(maxsize=1)
def dprk_offices() -> dict[str, str]:
    """DPRK principal (as KCNA spells the name) -> the highest office the person held, from leaders.csv."""
    from .calendar import fold_name, leaders

    table = leaders()
    table = table[table.country_iso3 == "PRK"]
    offices: dict[str, str] = {}
    for office, role in reversed(_DPRK_OFFICE_ROLES):
        for name in table.loc[table.office == office, "name"]:
            offices[" ".join(part.capitalize() for part in fold_name(name).split())] = role
    return offices

# Foreign leaders KCNA names without a title: (name pattern, ISO3, role when not head of state; None = no office,
# then a private person). When each was head of state comes from data/curated/leaders.csv (sourced), so a person
# holding both party and state office is head_of_state while head of state, else party (the schema's rule).
FOREIGN_PERSONS: list[tuple[str, str, str | None]] = [
    (r"jiang\s+zemin", "CHN", "party"),
    (r"hu\s+jintao", "CHN", "party"),
    (r"xi\s+jinping", "CHN", "party"),
    (r"fidel\s+castro", "CUB", "party"),
    (r"ra[uú]l\s+castro", "CUB", "party"),
    (r"putin", "RUS", "head_of_government"),
    (r"medvedev", "RUS", "head_of_government"),
    (r"yeltsin", "RUS", None),
    (r"(?:moam+[ae]r\s+)?(?:el[- ]|al[- ])?(?:gaddafi|qadhafi|gadhafi)", "LBY", None),
    (r"bashar\s+(?:al[- ]?\s*)?assad", "SYR", "party"),
    (r"hafez\s+(?:al[- ]?\s*)?assad", "SYR", "party"),
    (r"yasser\s+arafat", "PSE", "party"),
    (r"mahmoud\s+abbas", "PSE", "party"),
    (r"norodom\s+sihanouk", "KHM", None),
    (r"norodom\s+sihamoni", "KHM", None),
    (r"hun\s+sen", "KHM", "head_of_government"),
    (r"kim\s+dae\s+jung", "KOR", None),
    (r"roh\s+moo\s+hyun", "KOR", None),
    (r"(?:lee|ri)\s+myung\s+bak", "KOR", None),
    (r"park\s+geun\s+hye", "KOR", None),
    (r"lukashenko", "BLR", None),
    (r"mugabe", "ZWE", "head_of_government"),
    (r"hugo\s+ch[aá]vez", "VEN", None),
    (r"nong\s+duc\s+manh", "VNM", "party"),
    (r"choummaly\s+sayasone", "LAO", "party"),
    (r"khamta[iy]\s+siphandone", "LAO", "party"),
    (r"(?:george\s+(?:w\.\s+)?)?bush", "USA", None),
    (r"(?:bill\s+)?clinton", "USA", None),
    (r"(?:barack\s+)?obama", "USA", None),
    (r"jimmy\s+carter", "USA", None),
    (r"deng\s+xiaoping", "CHN", "party"),
]
_FOREIGN_PERSON = re.compile("|".join(rf"\b({name})\b" for name, *_ in FOREIGN_PERSONS), re.I)


def _required_words(name: str) -> set[str]:
    """The longest literal words a name pattern cannot match without ("bush" for "(?:george\\s+)?bush")."""
    required = name
    while (stripped := re.sub(r"\(\?:[^()]*\)\?", "", required)) != required:
        required = stripped
    runs = re.findall(r"[a-z]+", required)
    longest = max(map(len, runs))
    return {run for run in runs if len(run) == longest}


# A title containing none of these words names no one in FOREIGN_PERSONS (a cheap test before the regex).
_PERSON_ANCHORS = frozenset().union(*(_required_words(name) for name, *_ in FOREIGN_PERSONS))
_LOWER_WORD = re.compile(r"[a-z]+")


def _names_foreign_person(text: str) -> re.Match | None:
    if _PERSON_ANCHORS.isdisjoint(_LOWER_WORD.findall(text.lower())):
        return None
    return _FOREIGN_PERSON.search(text)
_FORMER = re.compile(r"\bformer\b|\bex-", re.I)

@lru_cache(maxsize=1)
def in_person_summits() -> tuple[tuple[str, str, str], ...]:
    """(counterpart ISO3, first day, last day) of summits with the DPRK in data/curated/context_events.csv: on those
    days "X greets Y" reports a welcome in person, not a message."""
    from .curated import load_curated

    events = load_curated("context_events")
    summits = events[(events.event_type == "summit") & events.countries.str.split(";").map(lambda c: "PRK" in c)]
    return tuple((iso3, row.date.strftime("%Y-%m-%d"), (row.end_date if pd.notna(row.end_date) else row.date)
                  .strftime("%Y-%m-%d"))
                 for row in summits.itertuples() for iso3 in row.countries.split(";") if iso3 != "PRK")

# Title words -> counterpart role, tried in order; the first that matches decides.
ROLE_WORDS: list[tuple[str, str]] = [
    # party congresses first: "Congress of ... Party"
    (r"(?:congress|convention|conference|plenum|plenary)\s+of\b.*(?:part(?:y|ies)|\b(?-i:ANC|ZANU-PF|UML|CPC|CPV|"
     r"LPRP|SWAPO|FRELIMO|MPLA|FSLN|CPRF)\b)", "party"),
    # deputies and parliaments first: "Vice-President", "President of National Assembly"
    (r"vice[- ]?(?:president|premier|chairman|prime)|\bdeputy\b|\bfirst\s+vice", "other_official"),
    (r"foreign\s+minist|\bF\.?Ms?\b|minist(?:er|ry)\s+(?:of|for)\s+foreign|foreign\s+affairs\s+minister|"
     r"foreign\s+secretary", "foreign_minister"),
    (r"speaker|parliament|national\s+assembly|senate|legislat|congress(?!\s+of\b.*\bparty)(?!\s+party)|"
     r"people's\s+congress|\bdiet\b|\bhouse\s+of", "other_official"),
    (r"prime\s+minister|premier|\bP\.?M\b|chancellor|head\s+of\s+government", "head_of_government"),
    (r"party|parties|central\s+committee|\bC\.\s*C\b|secretary[- ]general|general\s+secretary|first\s+secretary|"
     r"politburo|communist|socialist|labour|ba'?ath", "party"),
    (r"local|provinc|municipal|city|regional|region\b|governor(?![- ]general)|mayor|prefect", "other_official"),
    (r"president|\bking\b|queen|emperor|\bemir\b|\bamir\b|sultan|governor[- ]general|grand\s+duke|\bprince\b|"
     r"head\s+of\s+state|heads\s+of\s+state|state\s+leaders?|leadership|\bleaders?\b|\bVIPs?\b|"
     r"captains?\s+regent|chief\s+of\s+.*authority|chairman\s+of\s+(?:the\s+)?(?:state|presidency|presidential|"
     r"council\s+of\s+state|transitional|revolutionary|national\s+transitional)|state\s+peace\s+and\s+development|"
     r"pope|\bcounterpart\b|chief\s+of\s+(?-i:PNA)|\bchief\b(?!\s+of\s+(?:the\s+)?(?:general\s+)?staff)",
     "head_of_state"),
    (r"government\s+(?:delegation|officials?)|minist|ambassador|embass|diplomat|attach[eé]|councill?ors?|consul|"
     r"military|\barmy\b|armed\s+forces|"
     r"defen[cs]e|chief\s+of\s+(?:general\s+)?staff|commander|\bnavy\b|air\s+force|public\s+security|police|"
     r"officials?|secretary\s+of\s+state|cabinet|judge|court|\bgeneral\b", "other_official"),
    (r"\bgovernment\b", "head_of_government"),
    (r"\bchairman\b", "unknown"),
]
_ROLE_WORDS = [(re.compile(pattern, re.I), role) for pattern, role in ROLE_WORDS]
_ADDRESSEE_SEPARATOR = re.compile(r",|\s+and\s+|\s+&\s+")
_COLLECTIVE_LEADERSHIP = re.compile(r"party\s+and\s+(?:state|government)|state\s+and\s+party", re.I)

# Foreign diplomats in Pyongyang as a body (the diplomatic corps): several countries, other_official.
_DIPLOMATIC_CORPS = re.compile(r"\bcorps\b|diplomat|attach[eé]s|councill?ors|embass(?:y|ies)\s+(?:officials|staff|"
                               r"members)", re.I)

# A sender named by a title alone ("FM", "Premier"): in KCNA, the DPRK's own office holder.
_BARE_TITLE = re.compile(r"^(?:the\s+)?(?:F\.?M|foreign\s+minister|premier|prime\s+minister|vice-premier|"
                         r"foreign\s+ministry|minister\s+of\s+foreign\s+affairs)$", re.I)

# Several or unspecified foreign countries.
_SEVERAL_COUNTRIES = re.compile(
    r"\bforeign\b|various\s+countries|different\s+countries|other\s+countries|many\s+countries|\babroad\b|"
    r"\bworld\b|countries", re.I)

# The DPRK side: its principals, bodies and missions.
_DPRK_BODY = re.compile(
    r"\bD\.?P\.?R\.?K\b|\bWPK\b|\bKPA\b|\bSPA\b|\bNDC\b|workers'\s+party\s+of\s+korea|supreme\s+people's|"
    r"presidium|(?<!s\.\s)(?<!south\s)\bkorean?\s+(?:embass|mission|government|people|side|party)|"
    r"workers'\s+party(?!\s+of\s+(?!korea))|"
    r"pyongyang|\bour\b|(?<!s\.\s)(?<!south\s)(?<!n\.\s)\bkorea\b(?!n)|north\s+side|\bn\.\s+side", re.I)
_SOUTH_SIDE = re.compile(r"\bsouth\s+side\b|\bs\.\s+side\b", re.I)

# Korean personal names (romanised syllables): the DPRK principals and, on the other side, Koreans with no state.
_SURNAMES = (
    "Kim|Ri|Rim|Pak|Choe|Jong|Kang|Jo|Yun|Jang|Han|O|So|Sin|Kwon|Hwang|An|Song|Ryu|Hong|Jon|Ko|Mun|Yang|Son|Pae|"
    "Paek|Ho|Yu|Nam|Sim|No|Ha|Kwak|Cha|Ju|U|Ku|Min|Chon|Chae|Won|Pang|Kong|Hyon|Ham|Pyon|Yom|Im|Thae|Ryom|Kye|"
    "Tong|Ro|Chu|Maeng|Kil|Myong|Ok|Tae|Kyong|Phyo|Om|Ji|Wang|Kyo|Sok|Yon|Chang|Il"
)
_SYLLABLE = (r"(?:(?:Ch|Kh|Ph|Th|Ss|Jj|Kk|Pp|Tt|[BCDGHJKLMNPRSTWY])(?:y|w)?(?:ae|oe|ui|eo|ou|[aeiou])|"
             r"[AEIOU](?:e|i|o)?)(?:ng|[klmnpt])?")
_KOREAN_NAME = re.compile(rf"(?<![\w'])(?:{_SURNAMES})(?:\s+{_SYLLABLE}){{1,2}}(?!\w)")

# Regions and cities whose authorities send KCNA-reported messages: (pattern, ISO3). Their officials are
# other_official of that country.
SUBNATIONAL_PLACES: list[tuple[str, str]] = [
    (r"buryatia|tatarstan|vladivostok|khabarovsk|amur\s+region|primorsky|primorye|sakhalin|irkutsk|novosibirsk|"
     r"moscow\s+city", "RUS"),
    (r"jilin|liaoning|heilongjiang|dandong|shenyang|yanbian|beijing\s+municipal|shanghai", "CHN"),
    (r"new\s+mexico", "USA"),
]
_SUBNATIONAL_PLACES = [(re.compile(rf"\b(?:{pattern})\b", re.I), iso3) for pattern, iso3 in SUBNATIONAL_PLACES]

# Capitals KCNA names as the seat of a DPRK embassy ("Floral Basket Sent to DPRK Embassy in Havana"): a location
# only, they give the host country but no role.
CAPITAL_CITIES: dict[str, str] = {
    "Havana": "CUB", "Hanoi": "VNM", "Beijing": "CHN", "Moscow": "RUS", "Vientiane": "LAO", "Phnom Penh": "KHM",
    "Kinshasa": "COD", "Brazzaville": "COG", "Tehran": "IRN", "Damascus": "SYR", "Cairo": "EGY", "Tripoli": "LBY",
    "Algiers": "DZA", "Jakarta": "IDN", "Kuala Lumpur": "MYS", "Bangkok": "THA", "New Delhi": "IND",
    "Islamabad": "PAK", "Dhaka": "BGD", "Kathmandu": "NPL", "Ulan Bator": "MNG", "Ulaanbaatar": "MNG",
    "Yangon": "MMR", "Rangoon": "MMR", "Caracas": "VEN", "Brasilia": "BRA", "Lima": "PER", "Managua": "NIC",
    "Harare": "ZWE", "Pretoria": "ZAF", "Addis Ababa": "ETH", "Kampala": "UGA", "Dar es Salaam": "TZA",
    "Abuja": "NGA", "Lagos": "NGA", "Conakry": "GIN", "Bamako": "MLI", "Dakar": "SEN", "Luanda": "AGO",
    "Maputo": "MOZ", "Windhoek": "NAM", "Berlin": "DEU", "Rome": "ITA", "Stockholm": "SWE", "London": "GBR",
    "Paris": "FRA", "Vienna": "AUT", "Geneva": "CHE", "Bern": "CHE", "Warsaw": "POL", "Prague": "CZE",
    "Sofia": "BGR", "Bucharest": "ROU", "Belgrade": "SRB", "Minsk": "BLR", "Kiev": "UKR", "Tokyo": "JPN",
    "Seoul": "KOR", "Singapore": "SGP", "Kabul": "AFG", "Baghdad": "IRQ", "Beirut": "LBN", "Sanaa": "YEM",
    "Khartoum": "SDN", "Asmara": "ERI", "Kuwait City": "KWT", "Doha": "QAT", "Abu Dhabi": "ARE", "Ankara": "TUR",
    "Budapest": "HUN", "Helsinki": "FIN", "Copenhagen": "DNK", "Oslo": "NOR", "Madrid": "ESP",
}
_CAPITAL_CITY = re.compile(r"\b(" + "|".join(map(re.escape, CAPITAL_CITIES)) + r")\b")

# Place names that contain a country's name but are not that country.
_NOT_COUNTRIES = re.compile(r"\bnew\s+mexico\b|\bnew\s+south\s+wales\b|\bnew\s+england\b|\bjersey\s+city\b", re.I)


# --------------------------------------------------------------------------------------------------------------
# Country lexicon: names (country_converter) and KCNA's demonyms and spellings (country_aliases.csv)
# --------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CountryLexicon:
    regex: re.Pattern
    iso3: dict[str, str | None]   # casefolded form -> ISO3 (None when ambiguous, e.g. "Korean")
    names: frozenset[str]         # casefolded forms that are country names rather than adjectives


@lru_cache(maxsize=1)
def country_lexicon() -> CountryLexicon:
    """One regex over every country name and alias; all-capital abbreviations match case-sensitively."""
    import country_converter as coco

    from .countries import alias_table, known_iso3

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
    forms = {row.alias for row in alias_table().itertuples()} | {str(n) for n in data["name_short"]} | {
        str(n) for n in data["name_official"]}
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
        branches = [(r"\s+" if char == " " else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def _looks_adjectival(form: str) -> bool:
    return bool(re.search(r"(?:an|ian|ese|ish|i|ic|ch|ss|ot|er|ean)$", form, re.I)) or form in {
        "Lao", "Thai", "Kazakh", "Uzbek", "Tajik", "Turkmen", "Kyrgyz", "Kirghiz", "Greek", "Swiss", "Czech",
        "Slovak", "Korean", "Saudi", "Soviet", "Swazi", "Basotho", "Motswana", "Filipino", "Azeri", "Malagasy"}


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


# --------------------------------------------------------------------------------------------------------------
# Sides
# --------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Side:
    kind: str                       # dprk | state | non_state | intl_org | unknown
    country: str | None = None      # ISO3 or MULTI for a state; the host country for a DPRK mission abroad
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
    from .calendar import fold_name, leaders

    heads = leaders()
    heads = heads[heads.office == "head_of_state"]
    periods = []
    for pattern, iso3, _ in FOREIGN_PERSONS:
        regex = re.compile(rf"\b(?:{pattern})\b", re.I)
        terms = heads[(heads.country_iso3 == iso3) & heads.name.map(lambda name: bool(regex.search(fold_name(name))))]
        periods.append(tuple((term.start.strftime("%Y-%m-%d"), None if pd.isna(term.end) else
                              (term.end + pd.Timedelta(days=1)).strftime("%Y-%m-%d"))
                             for term in terms.sort_values("start").itertuples()))
    return tuple(periods)


def _person_role(periods: tuple[tuple[str, str | None], ...], otherwise: str | None,
                 date: pd.Timestamp | None) -> str | None:
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
    for _, text, is_name in countries:   # "Swiss Confederation", "Union of Myanmar" name states
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
        country = "DMA"   # the Dominican Republic has no prime minister; Dominica has
    if role == "unknown":
        return Side("state", country, "unspecified", note="unknown role", phrase=phrase)
    return Side("state", country, role, phrase=phrase)


# --------------------------------------------------------------------------------------------------------------
# Headlines
# --------------------------------------------------------------------------------------------------------------

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


_KIND_WORD = re.compile("|".join(f"({pattern})" for pattern, _ in KIND_WORDS), re.I)   # earliest match wins
_GENERIC_MESSAGE_WORD = re.compile(rf"\b(?:{GENERIC_MESSAGE_WORDS})", re.I)
_GIFT_WORD = re.compile(rf"\b(?:{GIFT_WORDS})", re.I)
_TYPOS = [(re.compile(r"\bJong\s+ll\b"), "Jong Il"), (re.compile(r"\bKloral\b"), "Floral")]
_WHITESPACE = re.compile(r"\s+")
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
    dated = bool(_names_foreign_person(text)) or parsed.counterpart_country in {iso3 for iso3, *_ in
                                                                                  in_person_summits()}
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
    if _LAID_IN_PERSON.search(message) or _LAID_IN_PERSON.search(groups.get("sender") or "") and not groups.get(
            "recipient"):
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
            return ParsedHeadline(False, kind=kind, dprk_principal="; ".join(sender.principals), rule=rule,
                                  review_reason="recipient not named")
        recipient = _occasion_side(occasion, date)
        if recipient is None:   # "on death of <a Korean>", "over death of composer"
            return replace(NOT_MESSAGE, rule=f"{rule}:no_foreign_side")
        rule += ":occasion"
    if sender is None and recipient is not None and recipient.kind == "dprk":
        if recipient.country:   # a DPRK mission abroad: from the host country
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
    if sender is not None and sender.kind == "unknown" and recipient is not None and recipient.kind == "state" \
            and _BARE_TITLE.match(sender.phrase):
        sender = Side("dprk", phrase=sender.phrase)   # "FM Greets Mauritanian Counterpart": KCNA's own official
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
            return ParsedHeadline(False, rule=f"{rule}:unknown_side", kind=kind,
                                  review_reason=reason if reason != "no state named" else "")
        return ParsedHeadline(False, rule=f"{rule}:no_dprk_side")
    dprk, foreign = (sender, recipient) if sender.kind == "dprk" else (recipient, sender)
    direction = "from_dprk" if sender.kind == "dprk" else "to_dprk"
    principal = "; ".join(dprk.principals)
    if foreign.kind == "unknown":
        return ParsedHeadline(False, direction, kind=kind, dprk_principal=principal, rule=f"{rule}:unknown_side",
                              review_reason=foreign.note if foreign.note != "no state named" else "")
    role = foreign.role or "unspecified"
    if _COUNTERPART.search(foreign.phrase):
        role = _counterpart_role(dprk)
    return ParsedHeadline(True, direction, foreign.country or "", role, kind, principal, rule,
                          review_reason=foreign.note if foreign.note == "unknown role" else "")


_COUNTERPART = re.compile(r"\bcounterparts?\b", re.I)


def _counterpart_role(dprk: Side) -> str:
    """The office of the DPRK side, which its "counterpart" shares."""
    role = role_of(dprk.phrase)
    if role not in ("unspecified", "unknown"):
        return role
    offices = [dprk_offices()[name] for name in dprk.principals if name in dprk_offices()]
    return offices[0] if offices else "unspecified"


# --------------------------------------------------------------------------------------------------------------
# Many headlines at once
# --------------------------------------------------------------------------------------------------------------

PARSED_COLUMNS = ["is_message", "direction", "counterpart_country", "counterpart_role", "kind", "dprk_principal",
                  "rule", "review_reason"]


def _as_row(parsed: ParsedHeadline) -> tuple:
    return (parsed.is_message, parsed.direction, parsed.counterpart_country, parsed.counterpart_role, parsed.kind,
            parsed.dprk_principal, parsed.rule, parsed.review_reason)


def screen(titles: pd.Series) -> np.ndarray:
    """True where a title contains a message word (kcna.MESSAGE_LIKE_PATTERN, case-insensitive).

    All titles are joined into one lower-cased text and each word is found with str.find, a C-speed scan; the hits'
    offsets map back to rows. Several times faster than a regex over 100k strings.
    """
    from .kcna import MESSAGE_LIKE_PATTERN

    values = [str(value) for value in titles]
    text = "\n".join(values).lower()
    starts = np.cumsum([0] + [len(value) + 1 for value in values[:-1]])
    hits = []
    for word in MESSAGE_LIKE_PATTERN.split("|"):
        position = text.find(word)
        while position != -1:
            hits.append(position)
            position = text.find(word, position + 1)
    candidate = np.zeros(len(values), dtype=bool)
    if hits:
        candidate[np.searchsorted(starts, np.asarray(hits), side="right") - 1] = True
    return candidate


def clear_caches() -> None:
    """Forget parsed phrases and titles (the benchmark times cold runs)."""
    _classify_phrase.cache_clear()
    _parse_undated.cache_clear()


def parse_headlines(frame: pd.DataFrame, *, title: str = "title", date: str = "date") -> pd.DataFrame:
    """Parse every row of `frame` (columns `title` and `date`); one output row per input row, same index.

    A cheap vectorised screen (any message word) picks the candidates; only those go through the rules.
    """
    titles = frame[title].astype(object).where(frame[title].notna(), "")
    candidate = screen(titles)
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
# Command line: extract (the contract) and build (the processed tables)
# --------------------------------------------------------------------------------------------------------------

class InputError(ValueError):
    """Bad input to `extract`: the message names the file, row and column."""


def read_extract_input(path: Path) -> pd.DataFrame:
    """IN.csv with columns id, date, title (others ignored); dates parsed, or InputError naming row and column."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from None
    for column in ("id", "date", "title"):
        if column not in frame.columns:
            raise InputError(f"{path}: missing column '{column}' (found: {', '.join(map(str, frame.columns))})")
    dates = pd.to_datetime(frame["date"].str.strip(), format="ISO8601", errors="coerce")
    if dates.isna().any():
        position = int(dates.isna().to_numpy().argmax())
        raise InputError(f"{path}: row {position + 1}, column 'date': unparseable date "
                         f"{frame['date'].iat[position]!r} (expected YYYY-MM-DD)")
    return frame.assign(date=dates)


def extract(frame: pd.DataFrame) -> pd.DataFrame:
    """The extraction contract: id, is_message (true/false) and the event fields, one row per input row."""
    parsed = parse_headlines(frame)
    out = parsed[EXTRACT_COLUMNS[2:]].copy()
    out.loc[~parsed["is_message"], :] = ""
    out.insert(0, "is_message", parsed["is_message"].map({True: "true", False: "false"}))
    out.insert(0, "id", frame["id"].to_numpy())
    return out[EXTRACT_COLUMNS].reset_index(drop=True)


def normalised_title(titles: pd.Series) -> pd.Series:
    """Titles folded for duplicate detection: case, punctuation and whitespace ignored."""
    folded = titles.astype("string").str.casefold().str.replace(r"[^\w\s]|_", " ", regex=True)
    return folded.str.replace(r"\s+", " ", regex=True).str.strip()


def deduplicate(headlines: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Headlines repeated the same day with the same normalised title count once: the lowest headline_id is kept,
    the others listed in `duplicate_ids` (";"-joined). Returns the kept rows and the number of rows folded in."""
    frame = headlines.assign(_key=normalised_title(headlines["title"])).sort_values("headline_id")
    groups = frame.groupby([frame["date"], frame["_key"]], sort=False)["headline_id"]
    first = groups.transform("min")
    kept = frame[frame["headline_id"] == first].copy()
    others = frame[frame["headline_id"] != first]
    listed = others.groupby(first[others.index])["headline_id"].agg(lambda ids: ";".join(map(str, sorted(ids))))
    kept["duplicate_ids"] = kept["headline_id"].map(listed).fillna("")
    return kept.drop(columns="_key").sort_values("headline_id").reset_index(drop=True), len(others)


@dataclass(frozen=True)
class Accounting:
    input_rows: int
    events: int
    non_messages: int
    review: int
    duplicates: int

    @property
    def balanced(self) -> bool:
        return self.input_rows == self.events + self.non_messages + self.review + self.duplicates

    def __str__(self) -> str:
        return (f"English headlines {self.input_rows:,} = events {self.events:,} + not messages "
                f"{self.non_messages:,} + queued for review {self.review:,} + same-day duplicates "
                f"{self.duplicates:,}  [{'balanced' if self.balanced else 'DOES NOT ADD UP'}]")


# Title words in a headline -> the same word in an office title of leaders.csv.
_LEADER_TITLE_WORDS = [
    (re.compile(r"\bprime\s+minister\b|\bP\.?M\b|\bpremier\b", re.I), re.compile(r"prime minister|premier", re.I)),
    (re.compile(r"\bpresident\b", re.I), re.compile(r"president", re.I)),
    (re.compile(r"\bking\b", re.I), re.compile(r"\bking\b|yang di-pertuan agong", re.I)),
    (re.compile(r"\bqueen\b", re.I), re.compile(r"\bqueen\b", re.I)),
    (re.compile(r"\bemir\b|\bamir\b", re.I), re.compile(r"\bemir\b|\bamir\b", re.I)),
    (re.compile(r"\bsultan\b", re.I), re.compile(r"\bsultan\b", re.I)),
]


def counterpart_names(events: pd.DataFrame) -> pd.Series:
    """Who the counterpart was, where a head of state or government of one country is addressed by title only
    ("Russian President" on 2012-08-15 -> Vladimir Putin): the holder, on that date in leaders.csv, of a head of
    state or government office whose title uses the headline's title word. Left empty unless exactly one person
    fits (Iran's "President" is its head of government, so the office alone would name the Supreme Leader)."""
    from .calendar import leaders

    terms = leaders()
    terms = terms[terms.office.isin(["head_of_state", "head_of_government"])]
    by_country = {iso3: group for iso3, group in terms.groupby("country_iso3")}
    names = pd.Series("", index=events.index, dtype=object)
    resolvable = events["counterpart_role"].isin(["head_of_state", "head_of_government"]) & (
        events["counterpart_country"] != MULTI)
    for index, row in events[resolvable].iterrows():
        holders = by_country.get(row["counterpart_country"])
        word = next((office_word for title_word, office_word in _LEADER_TITLE_WORDS
                     if title_word.search(row["title"])), None)
        if holders is None or word is None:
            continue
        date = pd.Timestamp(row["date"])
        current = holders[(holders.start <= date) & (holders.end.isna() | (holders.end >= date))]
        fitting = set(current.loc[current.title.str.contains(word), "name"])
        if len(fitting) == 1:
            names[index] = fitting.pop()
    return names


def build_tables(headlines: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, Accounting]:
    """Events and review queue from English headlines (columns of kcna.load_headlines), with the accounting."""
    kept, duplicates = deduplicate(headlines)
    parsed = parse_headlines(kept)
    table = pd.concat([kept, parsed], axis=1)
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    queued = table["review_reason"] != ""
    is_event = table["is_message"] & ~queued
    events = table[is_event].assign(counterpart_name=counterpart_names(table[is_event]),
                                    source_link=table["story_link"].fillna(""))
    review = table[queued]
    accounting = Accounting(len(headlines), int(is_event.sum()), int((~table["is_message"] & ~queued).sum()),
                            int(queued.sum()), duplicates)
    return events[EVENT_COLUMNS].reset_index(drop=True), review[REVIEW_COLUMNS].reset_index(drop=True), accounting


MESSAGES_FILE = paths.PROCESSED_DIR / "kcna_messages.csv"
REVIEW_FILE = paths.PROCESSED_DIR / "kcna_review.csv"


def build(output_dir: Path | None = None) -> Accounting:
    """Write kcna_messages.csv, kcna_review.csv and kcna_message_text_features.csv; return the accounting."""
    from .kcna import load_headlines, load_stories
    from .kcna_text import TEXT_FEATURES_FILE, text_features

    directory = Path(output_dir) if output_dir else paths.PROCESSED_DIR
    directory.mkdir(parents=True, exist_ok=True)
    events, review, accounting = build_tables(load_headlines(english_only=True))
    events.to_csv(directory / MESSAGES_FILE.name, index=False, lineterminator="\n")
    review.to_csv(directory / REVIEW_FILE.name, index=False, lineterminator="\n")
    features = text_features(events, load_stories())
    features.to_csv(directory / TEXT_FEATURES_FILE.name, index=False, lineterminator="\n")
    return accounting


def cli(argv: list[str] | None = None) -> int:
    """`python -m helpers.kcna extract --input IN.csv --output OUT.csv` | `python -m helpers.kcna build`."""
    parser = argparse.ArgumentParser(prog="python -m helpers.kcna", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    extract_command = commands.add_parser("extract", help="parse the headlines of a CSV with columns id,date,title")
    extract_command.add_argument("--input", required=True, type=Path)
    extract_command.add_argument("--output", required=True, type=Path)
    build_command = commands.add_parser("build", help="build data/processed/kcna_messages.csv and its companions")
    build_command.add_argument("--output-dir", type=Path, default=None)
    args = parser.parse_args(argv)

    if args.command == "extract":
        try:
            frame = read_extract_input(args.input)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        extract(frame).to_csv(args.output, index=False, lineterminator="\n")
        return 0
    accounting = build(args.output_dir)
    print(accounting)
    if not accounting.balanced:
        print("error: the accounting does not add up", file=sys.stderr)
        return 1
    return 0
