"""How close a cited page stands to the fact it supports: the tier of its outlet.

The outlets are listed once, in `data/curated/source_outlets.csv` (domain, outlet, outlet_country, outlet_type).
A row's tier follows from its outlet and the two sides of the message:

* primary: state media or an official site of the sender's or the recipient's country;
* secondary: an established news outlet, or the state media or official site of a third country;
* tertiary: aggregators, blogs and advocacy sites, copies of agency reports on unrelated sites, encyclopaedias.

    >>> tier_of("state_media", "CHN", ("CHN", "PRK")), tier_of("state_media", "CHN", ("LAO", "PRK"))
    ('primary', 'secondary')
    >>> best_tier(["tertiary", "secondary"])
    'secondary'
    >>> domain_of("https://www.KCNAwatch.org/newstream/123/"), domain_of("http://de.wikipedia.org./wiki/X")
    ('kcnawatch.org', 'de.wikipedia.org')
    >>> standing_alone_problem("https://en.wikipedia.org/wiki/X ; https://wikimili.com/x", {"en.wikipedia.org":
    ...     ("encyclopedia", ""), "wikimili.com": ("encyclopedia", "")})
    'rests only on encyclopaedias, mirrors, copies, aggregators or blogs: en.wikipedia.org, wikimili.com'
    >>> standing_alone_problem("https://en.wikipedia.org/wiki/X ; https://www.reuters.com/a", {"en.wikipedia.org":
    ...     ("encyclopedia", "")}) is None
    True
    >>> outlets = {"kcna.kp": ("state_media", "PRK"), "kcnawatch.org": ("aggregator", "")}
    >>> tier_of_sources("https://kcnawatch.org/a ; http://kcna.kp/b ; https://x.example/c", outlets, ("CHN", "PRK"))
    ('primary', ['x.example'])
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlparse

from .vocabularies import OUTLET_TYPES, SOURCE_TIERS

OFFICIAL_TYPES = ("state_media", "official")
# Outlets that never stand alone for a fact: a row citing only these needs a primary or secondary page.
NEVER_ALONE_TYPES = ("aggregator", "blog", "copy_site", "encyclopedia")
# A host that looks like a wiki, a mirror or a blog must be listed in source_outlets.csv with its type.
LOOKS_LIKE_A_WIKI = re.compile(r"wiki(?!leaks)|pedia|blogspot\.|wordpress\.com|tistory\.|pages\.dev|workers\.dev")


def domain_of(url: str) -> str:
    """The host of `url`, lower-cased, without a leading "www.", a port or a trailing dot."""
    return (urlparse(url.strip()).hostname or "").rstrip(".").removeprefix("www.")


def standing_alone_problem(source_url: str, outlets: Mapping[str, tuple[str, str]]) -> str | None:
    """Why `source_url` (pages separated by " ; ") cannot support a fact on its own, or None when it can: every page
    is an encyclopaedia, a mirror, a copy, an aggregator or a blog in `outlets` (domain -> (type, country))."""
    domains = [domain_of(url) for url in source_url.split(" ; ")]
    if all(outlets.get(domain, ("", ""))[0] in NEVER_ALONE_TYPES for domain in domains):
        return "rests only on encyclopaedias, mirrors, copies, aggregators or blogs: " + ", ".join(
            dict.fromkeys(domains)
        )
    return None


def tier_of(outlet_type: str, outlet_country: str, sides: tuple[str, str]) -> str:
    """primary | secondary | tertiary for a page of an outlet of `outlet_type` based in `outlet_country` (may be
    empty), supporting a message between the two countries in `sides`."""
    if outlet_type not in OUTLET_TYPES:
        raise ValueError(f"unknown outlet type {outlet_type!r}; allowed: {list(OUTLET_TYPES)}")
    if outlet_type in OFFICIAL_TYPES:
        return "primary" if outlet_country in sides else "secondary"
    return "secondary" if outlet_type == "news" else "tertiary"


def best_tier(tiers: list[str]) -> str:
    """The closest of several sources' tiers (a row citing KCNA and a reprint rests on KCNA)."""
    return min(tiers, key=SOURCE_TIERS.index)


def tier_of_sources(
    source_url: str, outlets: Mapping[str, tuple[str, str]], sides: tuple[str, str]
) -> tuple[str | None, list[str]]:
    """The best tier among the pages in `source_url` (separated by " ; "), given `outlets` (domain -> (outlet type,
    outlet country)), and the domains missing from `outlets` (tier None when none is known)."""
    tiers, unknown = [], []
    for url in source_url.split(" ; "):
        domain = domain_of(url)
        if domain in outlets:
            tiers.append(tier_of(*outlets[domain], sides))
        else:
            unknown.append(domain)
    return (best_tier(tiers) if tiers else None), unknown
