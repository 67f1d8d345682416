"""The calendar behind the messages: national days, DPRK occasions, anniversaries of ties, office holders, and the
most likely occasion of each message.

Occasion inference (`infer_occasions`) looks only at a message's date, direction, counterpart, role, kind and
headline. Rules, first match wins:

1. kind condolence, or a headline about a bier, wreath, mourning or funeral -> death; kind sympathy -> disaster.
2. A "message of thanks" from the DPRK whose headline names no reply, greeting, condolence or birthday -> visit
   (the DPRK thanks its hosts after a visit). A headline that names the occasion: "birthday", "New Year",
   "reply"/"thanks", "congress" (other), election words ("re-elected", "inauguration", "new President") decide
   it; a gift from a delegation -> visit.
3. A message to the DPRK within HONOUR_WINDOW days after an honour of its leader (context_events.csv, event_type
   honour: Kim Jong Un's Marshal title of 17 July 2012) -> honour.
4. A headline "gift" to the DPRK from one named country (not a floral basket) -> visit: such gifts are handed over
   by visiting delegations, except within ROUND_ANNIVERSARY_NEAR days of a round (multiple of 10) birth
   anniversary of a DPRK leader (Kim Il Sung's centenary in April 2012), when the calendar decides.
5. A congratulation to the DPRK within ELECTION_WINDOW_TO_DPRK days of a DPRK leader taking an office in
   leaders.csv -> election_inauguration (foreign leaders congratulate an accession before any nearby holiday),
   with the same exception for round birth anniversaries. A congratulation from the DPRK to a head of
   government, minister or official -> election_inauguration (they are congratulated on appointment).
6. Calendar days. Messages from the DPRK are matched with the counterpart's national days, revolution days, party
   founding days and the anniversaries of its diplomatic ties and treaties with the DPRK; messages to the DPRK with
   the DPRK's own days (founding 9 Sep, party 10 Oct, army, Kim Il Sung's and Kim Jong Il's birthdays, Victory Day
   27 Jul, Liberation Day 15 Aug) and the ties and treaty anniversaries. A day matches when the message falls
   within COUNTERPART_WINDOW or DPRK_WINDOW days of it (KCNA often reports a message a day or more late, and
   greetings to Pyongyang arrive over two weeks); the nearest day wins.
7. Greetings, letters or gifts between 20 December and 10 January -> new_year.
8. From the DPRK: any other congratulation, or a greeting to a head of government, minister or official or
   within ELECTION_WINDOW days of the counterpart's leader taking office (leaders.csv) -> election_inauguration
   (congratulations that mark no holiday mark an election).
9. kind thanks -> reply. Anything else -> other.

The anniversary number is the year of the occasion minus the year of the event commemorated; `round_anniversary`
is true for multiples of 5 (which include 10, 25, 50, 60, 70 and 75).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .curated import load_curated
from .leaders import leaders
from .vocabularies import MULTI

COUNTERPART_WINDOW = (-7, 7)
DPRK_WINDOW = (-14, 15)
ELECTION_WINDOW = (-75, 21)  # days from the start of a term: congratulations follow the election, precede the oath
ELECTION_WINDOW_TO_DPRK = (-75, 30)  # congratulations to Pyongyang arrive over weeks
HONOUR_WINDOW = (0, 25)
ROUND_ANNIVERSARY_NEAR = 7  # days within which a round birth anniversary of a DPRK leader outranks rules 4 and 5
NEW_YEAR_SPAN = ((12, 20), (1, 10))

_TYPE_TO_OCCASION = {
    "national_day": "national_day",
    "state_founding": "dprk_founding",
    "party_founding": "party_founding",
    "army_founding": "army_founding",
    "leader_birthday": "leader_birthday",
    "victory_day": "victory_day",
    "liberation_day": "liberation_day",
    "revolution_day": "national_day",
    "treaty_anniversary": "treaty_anniversary",
    "other_state_occasion": "other",
}
_TITLE_OCCASIONS = [  # (pattern, occasion): the headline names the occasion
    (r"(?i)\bbirthday\b", "leader_birthday"),
    (r"(?i)\bnew year\b", "new_year"),
    (r"(?i)\bcongress\b", "other"),
    (r"(?i)\brepl(?:y|ies)\b|\bthanks?\b", "reply"),
    (
        r"(?i)\b(?:re-?elect\w*|elect\w*|inaugurat\w*|sworn|assum\w* (?:office|post|presidency)|accession|"
        r"takes? office)\b"
        r"|\bnew (?:president|prime minister|pm|premier|fm|foreign minister|king|emir|sultan|chairman|secretary)\b",
        "election_inauguration",
    ),
]
_DEATH_WORDS = r"(?i)\b(?:bier|wreaths?|mourn\w*|funeral|condolences?)\b"
_NOT_AFTER_VISIT = r"(?i)\b(?:repl\w*|greet\w*|condol\w*|sympath\w*|birthday)\b"
_BASKET = r"(?i)\b(?:floral|flowers?|baskets?|bouquets?)\b"
_THANKS = r"(?i)\bthanks\b"
_GIFT = r"(?i)\bgifts?\b"
_DELEGATION = r"(?i)\bdelegations?\b"
_APPOINTED_ROLES = ["head_of_government", "foreign_minister", "other_official"]
OCCASION_COLUMNS = [
    "occasion",
    "occasion_country",
    "occasion_detail",
    "occasion_date",
    "anniversary_number",
    "round_anniversary",
]


@lru_cache(maxsize=1)
def calendar_days() -> pd.DataFrame:
    """Every recurring day that can occasion a message: occasion_country, occasion, detail, month, day, first_year,
    observed_from, last_year; ties anniversaries with the DPRK included (occasion_country = the partner)."""
    days = load_curated("anniversaries")
    days = days[days.occasion_type.isin(list(_TYPE_TO_OCCASION))]
    days = days[~((days.country_iso3 == "PRK") & (days.occasion_type == "national_day"))]  # = state_founding
    table = pd.DataFrame(
        {
            "occasion_country": days.country_iso3.astype(str),
            "occasion": days.occasion_type.map(_TYPE_TO_OCCASION),
            "detail": days.name.astype(str),
            "month": days.month.astype(int),
            "day": days.day.astype(int),
            "first_year": days.first_year,
            "observed_from": days.observed_from,
            "last_year": days.last_year,
        }
    )
    ties = load_curated("diplomatic_ties")
    ties = ties[(ties.country_a == "PRK") & (ties.event == "established") & (ties.date_precision == "day")]
    ties = ties.sort_values("date").drop_duplicates("country_b", keep="first")
    tie_days = pd.DataFrame(
        {
            "occasion_country": ties.country_b.astype(str),
            "occasion": "ties_anniversary",
            "detail": "anniversary of diplomatic relations with the DPRK",
            "month": ties.date.dt.month,
            "day": ties.date.dt.day,
            "first_year": ties.date.dt.year.astype("Int64"),
            "observed_from": pd.array([pd.NA] * len(ties), dtype="Int64"),
            "last_year": pd.array([pd.NA] * len(ties), dtype="Int64"),
        }
    )
    return pd.concat([table, tie_days], ignore_index=True)


def _occurrences(events: pd.DataFrame, days: pd.DataFrame) -> pd.DataFrame:
    """Each event paired with each candidate day's occurrence in the event's year and the years either side."""
    pairs = events.merge(days, left_on="candidate_country", right_on="occasion_country", how="inner")
    frames = []
    for shift in (-1, 0, 1):
        year = pairs["date"].dt.year + shift
        valid_day = ~((pairs["month"] == 2) & (pairs["day"] == 29))
        occurs = pd.to_datetime(
            dict(year=year, month=pairs["month"], day=pairs["day"].where(valid_day, 28)), errors="coerce"
        )
        frames.append(pairs.assign(occasion_date=occurs, occasion_year=year))
    stacked = pd.concat(frames, ignore_index=True)
    started = stacked["first_year"].isna() | (stacked["occasion_year"] > stacked["first_year"].fillna(0))
    observed = (stacked["observed_from"].isna() | (stacked["occasion_year"] >= stacked["observed_from"].fillna(0))) & (
        stacked["last_year"].isna() | (stacked["occasion_year"] <= stacked["last_year"].fillna(9999))
    )
    stacked = stacked[started & observed]
    return stacked.assign(delta=(stacked["date"] - stacked["occasion_date"]).dt.days)


def _calendar_matches(events: pd.DataFrame) -> pd.DataFrame:
    days = calendar_days()
    counterpart = events.assign(candidate_country=events["counterpart_country"], side="counterpart")
    dprk = events.assign(candidate_country="PRK", side="dprk")
    pairs = pd.concat([_occurrences(counterpart, days), _occurrences(dprk, days)], ignore_index=True)
    low = np.where(pairs["side"] == "dprk", DPRK_WINDOW[0], COUNTERPART_WINDOW[0])
    high = np.where(pairs["side"] == "dprk", DPRK_WINDOW[1], COUNTERPART_WINDOW[1])
    in_window = (pairs["delta"] >= low) & (pairs["delta"] <= high)
    own_side = np.where(pairs["direction"] == "to_dprk", "dprk", "counterpart")
    relevant = (pairs["side"] == own_side) | pairs["occasion"].isin(["ties_anniversary", "treaty_anniversary"])
    pairs = pairs[in_window & relevant]
    pairs = pairs.assign(rank=pairs["delta"].abs())
    best = pairs.sort_values(["event_index", "rank", "occasion"]).drop_duplicates("event_index")
    number = best["occasion_year"] - best["first_year"]
    return pd.DataFrame(
        {
            "occasion": best["occasion"].to_numpy(),
            "occasion_country": best["occasion_country"].to_numpy(),
            "occasion_detail": best["detail"].to_numpy(),
            "occasion_date": best["occasion_date"].to_numpy(),
            "anniversary_number": number.astype("Int64").to_numpy(),
        },
        index=best["event_index"].to_numpy(),
    )


def _took_office_recently(events: pd.DataFrame, country: pd.Series, window=ELECTION_WINDOW) -> pd.Series:
    """True where a leader of `country` (aligned with events) took an office within `window` days of the date."""
    terms = leaders()
    terms = terms[terms.office.isin(["head_of_state", "head_of_government", "party_leader", "supreme_leader"])]
    pairs = (
        events[["event_index", "date"]]
        .assign(country=country.to_numpy())
        .merge(terms[["country_iso3", "start"]], left_on="country", right_on="country_iso3")
    )
    delta = (pairs["date"] - pairs["start"]).dt.days
    hits = pairs[(delta >= window[0]) & (delta <= window[1])]
    return events["event_index"].isin(hits["event_index"])


def _after_dprk_honour(events: pd.DataFrame) -> pd.Series:
    """True where the date falls within HONOUR_WINDOW days after an honour of the DPRK's leader."""
    context = load_curated("context_events")
    honours = context[(context.event_type == "honour") & context.countries.str.split(";").map(lambda c: "PRK" in c)]
    near = pd.Series(False, index=events.index)
    for day in honours["date"]:
        delta = (events["date"] - day).dt.days
        near |= (delta >= HONOUR_WINDOW[0]) & (delta <= HONOUR_WINDOW[1])
    return near


def infer_occasions(events: pd.DataFrame) -> pd.DataFrame:
    """The most likely occasion of each message (OCCASION_COLUMNS, aligned with `events`).

    `events` needs date, direction (to_dprk | from_dprk), counterpart_country, kind; `title` is used when present.

    >>> events = pd.DataFrame({"date": ["2024-09-09"], "direction": ["to_dprk"], "counterpart_country": ["CHN"],
    ...     "kind": ["congratulation"]})
    >>> infer_occasions(events).loc[0, ["occasion", "occasion_country"]].tolist()
    ['dprk_founding', 'PRK']
    """
    missing = [c for c in ("date", "direction", "counterpart_country", "kind") if c not in events.columns]
    if missing:
        raise ValueError(f"infer_occasions: missing column(s) {missing}")
    optional = [c for c in ("title", "counterpart_role") if c in events]
    used = ["date", "direction", "counterpart_country", "kind"] + optional
    frame = events[used].reset_index(drop=True).assign(event_index=lambda f: np.arange(len(f)))
    frame["date"] = pd.to_datetime(frame["date"])
    result = pd.DataFrame(index=frame.index, columns=OCCASION_COLUMNS).assign(
        occasion=pd.Series(pd.NA, index=frame.index, dtype="string"),
        occasion_country=pd.Series(pd.NA, index=frame.index, dtype="string"),
        occasion_detail=pd.Series(pd.NA, index=frame.index, dtype="string"),
        occasion_date=pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]"),
        anniversary_number=pd.Series(pd.NA, index=frame.index, dtype="Int64"),
    )
    undecided = pd.Series(True, index=frame.index)

    def decide(mask: pd.Series, occasion: str, country=None) -> None:
        nonlocal undecided
        chosen = mask & undecided
        result.loc[chosen, "occasion"] = occasion
        if country is not None:
            result.loc[chosen, "occasion_country"] = country[chosen]
        undecided &= ~chosen

    titles = frame["title"].astype("string").fillna("") if "title" in frame else pd.Series("", index=frame.index)
    titles = titles.astype(str)
    to_dprk, from_dprk = frame["direction"] == "to_dprk", frame["direction"] == "from_dprk"
    congratulation = frame["kind"] == "congratulation"
    roles = frame["counterpart_role"] if "counterpart_role" in frame else pd.Series("", index=frame.index)
    dprk = pd.Series("PRK", index=frame.index)
    counterpart = frame["counterpart_country"]

    decide((frame["kind"] == "condolence") | titles.str.contains(_DEATH_WORDS, regex=True), "death", counterpart)
    decide(frame["kind"] == "sympathy", "disaster", counterpart)
    thanks_after_visit = (
        (frame["kind"] == "thanks")
        & from_dprk
        & titles.str.contains(_THANKS, regex=True)
        & ~titles.str.contains(_NOT_AFTER_VISIT, regex=True)
    )
    decide(thanks_after_visit, "visit", counterpart)
    for pattern, occasion in _TITLE_OCCASIONS:
        decide(titles.str.contains(pattern, regex=True), occasion)
    decide((frame["kind"] == "gift") & titles.str.contains(_DELEGATION, regex=True), "visit", counterpart)
    decide(
        to_dprk & frame["kind"].isin(["congratulation", "greeting", "letter"]) & _after_dprk_honour(frame),
        "honour",
        dprk,
    )

    matches = _calendar_matches(frame[undecided])
    matched = pd.Series(frame.index.isin(matches.index), index=frame.index)
    near_round = pd.Series(False, index=frame.index)
    number = matches["anniversary_number"]
    round_dprk = matches[
        (matches["occasion"] == "leader_birthday")
        & (matches["occasion_country"] == "PRK")
        & (number.fillna(0) % 10 == 0)
        & (number.fillna(0) > 0)
    ]
    near_round[round_dprk.index] = (
        frame.loc[round_dprk.index, "date"] - pd.to_datetime(round_dprk["occasion_date"])
    ).dt.days.abs() <= ROUND_ANNIVERSARY_NEAR
    named_gift = (
        (frame["kind"] == "gift")
        & to_dprk
        & (counterpart != MULTI)
        & titles.str.contains(_GIFT, regex=True)
        & ~titles.str.contains(_BASKET, regex=True)
    )
    decide(named_gift & ~near_round, "visit", counterpart)
    accession = _took_office_recently(frame, dprk, ELECTION_WINDOW_TO_DPRK)
    decide(congratulation & to_dprk & accession & ~near_round, "election_inauguration", dprk)
    decide(congratulation & from_dprk & roles.isin(_APPOINTED_ROLES), "election_inauguration", counterpart)

    hit = matched & undecided
    chosen = matches.loc[matches.index.isin(frame.index[hit])]
    for column in matches.columns:
        result.loc[chosen.index, column] = chosen[column].to_numpy()
    undecided &= ~hit

    month_day = list(zip(frame["date"].dt.month, frame["date"].dt.day))
    (start_month, start_day), (end_month, end_day) = NEW_YEAR_SPAN
    in_new_year = pd.Series(
        [(m, d) >= (start_month, start_day) or (m, d) <= (end_month, end_day) for m, d in month_day], index=frame.index
    )
    decide(in_new_year & frame["kind"].isin(["greeting", "letter", "gift"]), "new_year")
    greeting_on_accession = (frame["kind"] == "greeting") & (
        _took_office_recently(frame, counterpart) | roles.isin(_APPOINTED_ROLES)
    )
    decide(from_dprk & (congratulation | greeting_on_accession), "election_inauguration", counterpart)
    decide(frame["kind"] == "thanks", "reply")
    decide(pd.Series(True, index=frame.index), "other")

    result["round_anniversary"] = (result["anniversary_number"].fillna(0) % 5 == 0) & (
        result["anniversary_number"].fillna(0) > 0
    )
    result.index = events.index
    return result[OCCASION_COLUMNS]


def occasion_agreement(inferred: pd.Series, labelled: pd.Series) -> pd.DataFrame:
    """Confusion table of inferred vs hand-checked occasions (rows: hand label, columns: inferred).

    >>> table = occasion_agreement(pd.Series(["new_year", "death"]), pd.Series(["new_year", "birthday"]))
    >>> int(table.loc["new_year", "new_year"]), int(table.loc["birthday", "death"])
    (1, 1)
    """
    return pd.crosstab(labelled.rename("hand-checked"), inferred.rename("inferred"), dropna=False)


def round_anniversary_attention(
    events: pd.DataFrame, ties: pd.DataFrame, years: range, focal: str = "PRK", every: int = 5
) -> pd.DataFrame:
    """Do round anniversaries of diplomatic ties draw more messages than ordinary ones? For every partner of `focal`
    with an `established` date in `ties` and every year of `years` after it, the dyad-year is round when the
    anniversary is a multiple of `every`; it is marked when `events` (rows of load_kcna_events) hold a
    `ties_anniversary` message with that partner in that year. Rows: round and ordinary dyad-years.

    >>> ties = pd.DataFrame({"country_a": ["PRK"], "country_b": ["CUB"], "event": ["established"],
    ...                      "date": pd.to_datetime(["1960-08-29"])})
    >>> events = pd.DataFrame({"occasion": ["ties_anniversary"], "counterpart_country": ["CUB"],
    ...                        "date": pd.to_datetime(["2000-08-29"])})
    >>> round_anniversary_attention(events, ties, range(1999, 2003))[["dyad_years", "marked"]].to_dict("index")
    {'round': {'dyad_years': 1, 'marked': 1}, 'ordinary': {'dyad_years': 3, 'marked': 0}}
    """
    established = ties[(ties["event"] == "established") & ((ties["country_a"] == focal) | (ties["country_b"] == focal))]
    partner = established["country_b"].where(established["country_a"] == focal, established["country_a"])
    first_year = established["date"].dt.year.groupby(partner.to_numpy()).min()
    grid = pd.DataFrame(
        [(country, year, year - start) for country, start in first_year.items() for year in years if year > start],
        columns=["partner", "year", "anniversary_number"],
    )
    grid["anniversary"] = np.where(grid["anniversary_number"] % every == 0, "round", "ordinary")
    marking = events[events["occasion"] == "ties_anniversary"]
    counts = marking.groupby([marking["counterpart_country"].rename("partner"), marking["date"].dt.year.rename("year")])
    grid = grid.merge(counts.size().rename("messages").reset_index(), on=["partner", "year"], how="left")
    grid["messages"] = grid["messages"].fillna(0).astype(int)
    table = grid.groupby("anniversary").agg(
        dyad_years=("partner", "size"), marked=("messages", lambda m: int((m > 0).sum())), messages=("messages", "sum")
    )
    table["share_marked"] = table["marked"] / table["dyad_years"]
    return table.reindex(["round", "ordinary"]).fillna(0).astype({"dyad_years": int, "marked": int, "messages": int})


DPRK_OCCASIONS = (
    "dprk_founding",
    "party_founding",
    "army_founding",
    "leader_birthday",
    "victory_day",
    "liberation_day",
)
OCCASION_DATE_WINDOW = 45  # days: a message dated further from every matching calendar day gets no occasion date


def occasion_dates(messages: pd.DataFrame) -> pd.Series:
    """The calendar day each message marks, where its occasion is a recurring day: the nearest occurrence (within
    OCCASION_DATE_WINDOW days) of that occasion in the calendar of the country whose day it is (the DPRK for its own
    days when the DPRK receives, the counterpart otherwise); 1 January for new_year. NaT where none fits.

    `messages` has date, sender_country, recipient_country and occasion (the schema of load_messages).

    >>> frame = pd.DataFrame({"date": pd.to_datetime(["2024-09-09", "2024-12-31", "2024-03-01"]),
    ...     "sender_country": ["CHN", "PRK", "PRK"], "recipient_country": ["PRK", "CUB", "CUB"],
    ...     "occasion": ["dprk_founding", "new_year", "death"]})
    >>> occasion_dates(frame).dt.strftime("%Y-%m-%d").tolist()
    ['2024-09-09', '2025-01-01', nan]
    """
    result = pd.Series(pd.NaT, index=messages.index, dtype="datetime64[ns]")
    new_year = messages["occasion"] == "new_year"
    dates = messages.loc[new_year, "date"]
    year = dates.dt.year + (dates.dt.month == 12).astype(int)
    result[new_year] = pd.to_datetime(dict(year=year, month=1, day=1))
    dprk_day = (messages["recipient_country"] == "PRK") & messages["occasion"].isin(DPRK_OCCASIONS)
    country = messages["recipient_country"].where(~dprk_day, "PRK")
    country = country.where(messages["sender_country"] == "PRK", messages["sender_country"]).where(~dprk_day, "PRK")
    events = pd.DataFrame(
        {
            "event_index": messages.index,
            "date": messages["date"],
            "candidate_country": country,
            "wanted": messages["occasion"],
        }
    )[~new_year]
    pairs = _occurrences(events, calendar_days())
    pairs = pairs[(pairs["occasion"] == pairs["wanted"]) & (pairs["delta"].abs() <= OCCASION_DATE_WINDOW)]
    best = pairs.assign(rank=pairs["delta"].abs()).sort_values(["event_index", "rank"]).drop_duplicates("event_index")
    result[best["event_index"].to_numpy()] = best["occasion_date"].to_numpy()
    return result
