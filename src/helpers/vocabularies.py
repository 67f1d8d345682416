"""The project's controlled vocabularies, in one place: every table, loader and parser takes its codes from here.

>>> from helpers.vocabularies import KINDS, OFFICE_ROLE
>>> "congratulation" in KINDS, OFFICE_ROLE["supreme_leader"]
(True, 'head_of_state')
"""

from __future__ import annotations

# Direction of a KCNA message event, seen from the DPRK.
DIRECTIONS = ("to_dprk", "from_dprk")

# Kinds of message (codebook: data/curated/README.md).
KINDS = ("greeting", "congratulation", "condolence", "sympathy", "thanks", "letter", "gift")

# Capacity in which a leader sends or receives a message.
ROLES = ("head_of_state", "head_of_government", "party", "foreign_minister", "other_official", "unspecified")

# Occasions of messages.
OCCASIONS = (
    "new_year",
    "national_day",
    "dprk_founding",
    "party_founding",
    "army_founding",
    "leader_birthday",
    "victory_day",
    "ww2_victory",
    "liberation_day",
    "ties_anniversary",
    "treaty_anniversary",
    "election_inauguration",
    "death",
    "disaster",
    "reply",
    "visit",
    "honour",
    "other",
)

# Several or unspecified foreign countries (KCNA message events).
MULTI = "MULTI"

# Offices in leaders.csv, and the role a message sent by the holder of each has (highest office first).
OFFICES = ("head_of_state", "supreme_leader", "head_of_government", "party_leader", "foreign_minister")
OFFICE_ROLE = {
    "head_of_state": "head_of_state",
    "supreme_leader": "head_of_state",
    "head_of_government": "head_of_government",
    "party_leader": "party",
    "foreign_minister": "foreign_minister",
}

# Kinds of day in anniversaries.csv.
ANNIVERSARY_TYPES = (
    "national_day",
    "party_founding",
    "state_founding",
    "army_founding",
    "leader_birthday",
    "victory_day",
    "liberation_day",
    "new_year",
    "revolution_day",
    "treaty_anniversary",
    "other_state_occasion",
)

# What can happen to diplomatic relations (diplomatic_ties.csv).
TIE_EVENTS = ("established", "severed", "suspended", "restored", "downgraded")

# Warmth markers: the terms of data/curated/warmth_lexicon.csv.
WARMTH_TERMS = (
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
)

# What a curated message's `date` is, when it is not the day of sending.
DATE_KINDS = ("sent", "delivered", "received", "reported")

# How close a source is to the fact (codebook: data/curated/README.md).
SOURCE_TIERS = ("primary", "secondary", "tertiary")

# What kind of outlet a cited page belongs to (data/curated/source_outlets.csv); helpers.source_tiers maps it to a tier.
OUTLET_TYPES = ("state_media", "official", "news", "aggregator", "blog", "copy_site", "encyclopedia")

# What a search for a (sender, recipient, occasion, year) cell of message_coverage.csv found: a message in
# messages_recent.csv; a message reported only on copies or aggregators (messages_unconfirmed.csv); nothing; no search.
COVERAGE_STATUSES = ("found", "unconfirmed", "searched_not_found", "not_searched")
