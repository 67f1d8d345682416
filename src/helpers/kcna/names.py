"""Who a headline phrase can name: the rule tables for sides (non-state bodies, international organisations,
parties by acronym, foreign persons, title words and roles, the DPRK side, Korean names, places and capitals).

Tables only, and the small functions that test them; `helpers.kcna.sides` applies them. Names with a leading
underscore are compiled forms shared inside `helpers.kcna`.

    >>> is_non_state("Korean Residents in Japan"), is_non_state("Syrian President")
    (True, False)
"""

from __future__ import annotations

import re

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
    r"\bthose\b|orchestra|chorus|choir|troupe|ensemble|museum|library|hospital|hotel|prize|orascom"
)
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
    re.I,
)

# Parties and state bodies named by acronym -> (ISO3, role).
PARTY_ACRONYMS: dict[str, tuple[str, str]] = {
    "CPC": ("CHN", "party"),
    "CCP": ("CHN", "party"),
    "CPV": ("VNM", "party"),
    "LPRP": ("LAO", "party"),
    "CPRF": ("RUS", "party"),
    "LDPR": ("RUS", "party"),
    "ZANU-PF": ("ZWE", "party"),
    "ANC": ("ZAF", "party"),
    "SWAPO": ("NAM", "party"),
    "FRELIMO": ("MOZ", "party"),
    "MPLA": ("AGO", "party"),
    "FSLN": ("NIC", "party"),
    "UML": ("NPL", "party"),
    "CPBM": ("CZE", "party"),
    "KKE": ("GRC", "party"),
    "MPRP": ("MNG", "party"),
    "PLA": ("CHN", "other_official"),
    "CPLA": ("CHN", "other_official"),
    "NPC": ("CHN", "other_official"),
    "CPPCC": ("CHN", "other_official"),
    "CMC": ("CHN", "other_official"),
    "VPA": ("VNM", "other_official"),
    "SPDC": ("MMR", "head_of_state"),
    "PLO": ("PSE", "unspecified"),
    "PNA": ("PSE", "unspecified"),
    "FUNCINPEC": ("KHM", "party"),
    "FRETILIN": ("TLS", "party"),
    "CPP": ("KHM", "party"),
    "PAP": ("SGP", "party"),
    "CPI": ("IND", "party"),
    "SCP": ("SDN", "party"),
    "RPT": ("TGO", "party"),
    "DRC": ("COD", "unspecified"),
}
# Acronyms of five letters or more also match in title case ("Frelimo", "Funcinpec"); shorter ones only in capitals.
_PARTY_ACRONYM = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(name) if len(name) >= 5 else f"(?-i:{re.escape(name)})" for name in PARTY_ACRONYMS)
    + r")(?![\w-])",
    re.I,
)

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

# Title words -> counterpart role, tried in order; the first that matches decides.
ROLE_WORDS: list[tuple[str, str]] = [
    # party congresses first: "Congress of ... Party"
    (
        r"(?:congress|convention|conference|plenum|plenary)\s+of\b.*(?:part(?:y|ies)|\b(?-i:ANC|ZANU-PF|UML|CPC|CPV|"
        r"LPRP|SWAPO|FRELIMO|MPLA|FSLN|CPRF)\b)",
        "party",
    ),
    # deputies and parliaments first: "Vice-President", "President of National Assembly"
    (r"vice[- ]?(?:president|premier|chairman|prime)|\bdeputy\b|\bfirst\s+vice", "other_official"),
    (
        r"foreign\s+minist|\bF\.?Ms?\b|minist(?:er|ry)\s+(?:of|for)\s+foreign|foreign\s+affairs\s+minister|"
        r"foreign\s+secretary",
        "foreign_minister",
    ),
    (
        r"speaker|parliament|national\s+assembly|senate|legislat|congress(?!\s+of\b.*\bparty)(?!\s+party)|"
        r"people's\s+congress|\bdiet\b|\bhouse\s+of",
        "other_official",
    ),
    (r"prime\s+minister|premier|\bP\.?M\b|chancellor|head\s+of\s+government", "head_of_government"),
    (
        r"party|parties|central\s+committee|\bC\.\s*C\b|secretary[- ]general|general\s+secretary|first\s+secretary|"
        r"politburo|communist|socialist|labour|ba'?ath",
        "party",
    ),
    (r"local|provinc|municipal|city|regional|region\b|governor(?![- ]general)|mayor|prefect", "other_official"),
    (
        r"president|\bking\b|queen|emperor|\bemir\b|\bamir\b|sultan|governor[- ]general|grand\s+duke|\bprince\b|"
        r"head\s+of\s+state|heads\s+of\s+state|state\s+leaders?|leadership|\bleaders?\b|\bVIPs?\b|"
        r"captains?\s+regent|chief\s+of\s+.*authority|chairman\s+of\s+(?:the\s+)?(?:state|presidency|presidential|"
        r"council\s+of\s+state|transitional|revolutionary|national\s+transitional)|state\s+peace\s+and\s+development|"
        r"pope|\bcounterpart\b|chief\s+of\s+(?-i:PNA)|\bchief\b(?!\s+of\s+(?:the\s+)?(?:general\s+)?staff)",
        "head_of_state",
    ),
    (
        r"government\s+(?:delegation|officials?)|minist|ambassador|embass|diplomat|attach[eé]|councill?ors?|consul|"
        r"military|\barmy\b|armed\s+forces|"
        r"defen[cs]e|chief\s+of\s+(?:general\s+)?staff|commander|\bnavy\b|air\s+force|public\s+security|police|"
        r"officials?|secretary\s+of\s+state|cabinet|judge|court|\bgeneral\b",
        "other_official",
    ),
    (r"\bgovernment\b", "head_of_government"),
    (r"\bchairman\b", "unknown"),
]
_ROLE_WORDS = [(re.compile(pattern, re.I), role) for pattern, role in ROLE_WORDS]
_ADDRESSEE_SEPARATOR = re.compile(r",|\s+and\s+|\s+&\s+")
_COLLECTIVE_LEADERSHIP = re.compile(r"party\s+and\s+(?:state|government)|state\s+and\s+party", re.I)

# Foreign diplomats in Pyongyang as a body (the diplomatic corps): several countries, other_official.
_DIPLOMATIC_CORPS = re.compile(
    r"\bcorps\b|diplomat|attach[eé]s|councill?ors|embass(?:y|ies)\s+(?:officials|staff|"
    r"members)",
    re.I,
)

# A sender named by a title alone ("FM", "Premier"): in KCNA, the DPRK's own office holder.
_BARE_TITLE = re.compile(
    r"^(?:the\s+)?(?:F\.?M|foreign\s+minister|premier|prime\s+minister|vice-premier|"
    r"foreign\s+ministry|minister\s+of\s+foreign\s+affairs)$",
    re.I,
)

# Several or unspecified foreign countries.
_SEVERAL_COUNTRIES = re.compile(
    r"\bforeign\b|various\s+countries|different\s+countries|other\s+countries|many\s+countries|\babroad\b|"
    r"\bworld\b|countries",
    re.I,
)

# The DPRK side: its principals, bodies and missions.
_DPRK_BODY = re.compile(
    r"\bD\.?P\.?R\.?K\b|\bWPK\b|\bKPA\b|\bSPA\b|\bNDC\b|workers'\s+party\s+of\s+korea|supreme\s+people's|"
    r"presidium|(?<!s\.\s)(?<!south\s)\bkorean?\s+(?:embass|mission|government|people|side|party)|"
    r"workers'\s+party(?!\s+of\s+(?!korea))|"
    r"pyongyang|\bour\b|(?<!s\.\s)(?<!south\s)(?<!n\.\s)\bkorea\b(?!n)|north\s+side|\bn\.\s+side",
    re.I,
)
_SOUTH_SIDE = re.compile(r"\bsouth\s+side\b|\bs\.\s+side\b", re.I)

# Korean personal names (romanised syllables): the DPRK principals and, on the other side, Koreans with no state.
_SURNAMES = (
    "Kim|Ri|Rim|Pak|Choe|Jong|Kang|Jo|Yun|Jang|Han|O|So|Sin|Kwon|Hwang|An|Song|Ryu|Hong|Jon|Ko|Mun|Yang|Son|Pae|"
    "Paek|Ho|Yu|Nam|Sim|No|Ha|Kwak|Cha|Ju|U|Ku|Min|Chon|Chae|Won|Pang|Kong|Hyon|Ham|Pyon|Yom|Im|Thae|Ryom|Kye|"
    "Tong|Ro|Chu|Maeng|Kil|Myong|Ok|Tae|Kyong|Phyo|Om|Ji|Wang|Kyo|Sok|Yon|Chang|Il"
)
_SYLLABLE = (
    r"(?:(?:Ch|Kh|Ph|Th|Ss|Jj|Kk|Pp|Tt|[BCDGHJKLMNPRSTWY])(?:y|w)?(?:ae|oe|ui|eo|ou|[aeiou])|"
    r"[AEIOU](?:e|i|o)?)(?:ng|[klmnpt])?"
)
_KOREAN_NAME = re.compile(rf"(?<![\w'])(?:{_SURNAMES})(?:\s+{_SYLLABLE}){{1,2}}(?!\w)")

# Regions and cities whose authorities send KCNA-reported messages: (pattern, ISO3). Their officials are
# other_official of that country.
SUBNATIONAL_PLACES: list[tuple[str, str]] = [
    (
        r"buryatia|tatarstan|vladivostok|khabarovsk|amur\s+region|primorsky|primorye|sakhalin|irkutsk|novosibirsk|"
        r"moscow\s+city",
        "RUS",
    ),
    (r"jilin|liaoning|heilongjiang|dandong|shenyang|yanbian|beijing\s+municipal|shanghai", "CHN"),
    (r"new\s+mexico", "USA"),
]
_SUBNATIONAL_PLACES = [(re.compile(rf"\b(?:{pattern})\b", re.I), iso3) for pattern, iso3 in SUBNATIONAL_PLACES]

# Capitals KCNA names as the seat of a DPRK embassy ("Floral Basket Sent to DPRK Embassy in Havana"): a location
# only, they give the host country but no role.
CAPITAL_CITIES: dict[str, str] = {
    "Havana": "CUB",
    "Hanoi": "VNM",
    "Beijing": "CHN",
    "Moscow": "RUS",
    "Vientiane": "LAO",
    "Phnom Penh": "KHM",
    "Kinshasa": "COD",
    "Brazzaville": "COG",
    "Tehran": "IRN",
    "Damascus": "SYR",
    "Cairo": "EGY",
    "Tripoli": "LBY",
    "Algiers": "DZA",
    "Jakarta": "IDN",
    "Kuala Lumpur": "MYS",
    "Bangkok": "THA",
    "New Delhi": "IND",
    "Islamabad": "PAK",
    "Dhaka": "BGD",
    "Kathmandu": "NPL",
    "Ulan Bator": "MNG",
    "Ulaanbaatar": "MNG",
    "Yangon": "MMR",
    "Rangoon": "MMR",
    "Caracas": "VEN",
    "Brasilia": "BRA",
    "Lima": "PER",
    "Managua": "NIC",
    "Harare": "ZWE",
    "Pretoria": "ZAF",
    "Addis Ababa": "ETH",
    "Kampala": "UGA",
    "Dar es Salaam": "TZA",
    "Abuja": "NGA",
    "Lagos": "NGA",
    "Conakry": "GIN",
    "Bamako": "MLI",
    "Dakar": "SEN",
    "Luanda": "AGO",
    "Maputo": "MOZ",
    "Windhoek": "NAM",
    "Berlin": "DEU",
    "Rome": "ITA",
    "Stockholm": "SWE",
    "London": "GBR",
    "Paris": "FRA",
    "Vienna": "AUT",
    "Geneva": "CHE",
    "Bern": "CHE",
    "Warsaw": "POL",
    "Prague": "CZE",
    "Sofia": "BGR",
    "Bucharest": "ROU",
    "Belgrade": "SRB",
    "Minsk": "BLR",
    "Kiev": "UKR",
    "Tokyo": "JPN",
    "Seoul": "KOR",
    "Singapore": "SGP",
    "Kabul": "AFG",
    "Baghdad": "IRQ",
    "Beirut": "LBN",
    "Sanaa": "YEM",
    "Khartoum": "SDN",
    "Asmara": "ERI",
    "Kuwait City": "KWT",
    "Doha": "QAT",
    "Abu Dhabi": "ARE",
    "Ankara": "TUR",
    "Budapest": "HUN",
    "Helsinki": "FIN",
    "Copenhagen": "DNK",
    "Oslo": "NOR",
    "Madrid": "ESP",
}
_CAPITAL_CITY = re.compile(r"\b(" + "|".join(map(re.escape, CAPITAL_CITIES)) + r")\b")

# Place names that contain a country's name but are not that country.
_NOT_COUNTRIES = re.compile(r"\bnew\s+mexico\b|\bnew\s+south\s+wales\b|\bnew\s+england\b|\bjersey\s+city\b", re.I)
