"""KCNA (Korean Central News Agency) headlines 1997-2014 and full stories 2011-2012: tidy loaders of the raw files.

`headline_id` is the 1-based row number of a headline in the pinned headlines.rda (as R numbers rows), so every
derived row links back to exactly one source row. `link_stories` finds a headline's story (same date and title).
"""

from __future__ import annotations

import pandas as pd

from ..rdata import read_source_frame, require_columns

HEADLINE_COLUMNS = ["headline_id", "date", "title", "is_english", "english_prob", "story_link", "index_link"]
STORY_COLUMNS = ["story_id", "date", "language", "title", "story", "index_link", "date_recovered"]


def load_headlines(*, english_only: bool = False) -> pd.DataFrame:
    """KCNA headlines: headline_id, date (datetime64), title, is_english, english_prob, story_link, index_link.

    >>> headlines = load_headlines(english_only=True)
    >>> len(headlines), headlines.date.min().year, headlines.date.max().year
    (99841, 1997, 2014)
    """
    raw = read_source_frame("kcna_headlines", "headlines")
    require_columns(raw, ["date", "title", "english", "english_prob", "story.link", "index.link"], "kcna_headlines")
    dates = pd.to_datetime(raw["date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        bad = raw.index[dates.isna()][0]
        raise ValueError(f"kcna_headlines: row {bad + 1}, column 'date': unparseable {raw.at[bad, 'date']!r}")
    frame = pd.DataFrame(
        {
            "headline_id": pd.RangeIndex(1, len(raw) + 1),
            "date": dates.astype("datetime64[ns]"),
            "title": raw["title"].astype("string"),
            "is_english": raw["english"].astype(bool),
            "english_prob": raw["english_prob"].astype(float),
            "story_link": raw["story.link"].astype("string"),
            "index_link": raw["index.link"].astype("string"),
        }
    )
    if english_only:
        frame = frame[frame["is_english"]].reset_index(drop=True)
    return frame


# index.link ends in 2011-12-01ee.html (2011) or news30/20121130-07ss.html (2012): the date is in the file name.
_LINK_DATE = r"/(?:news\d+/)?(\d{4})-?(\d{2})-?(\d{2})[-\w]*\.html?$"


def dates_from_index_links(links: pd.Series) -> pd.Series:
    """The publication date encoded in KCNA index links (datetime64; NaT where none is found)."""
    parts = links.astype("string").str.extract(_LINK_DATE)
    text = parts[0] + "-" + parts[1] + "-" + parts[2]
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")


def load_stories() -> pd.DataFrame:
    """Full KCNA stories of 2011 and Jan-Nov 2012: story_id, date (from index_link), language, title, story, index_link.

    story_id is "2011:<row>" or "2012:<row>" (1-based rows of KCNA_2011.rda / KCNA_2012.rda). The R files' own date
    column did not survive conversion, so the date is recovered from index_link. Rows whose link holds no date (the
    scraper's "not found" pages) are kept with date NaT and `date_recovered` False, never dropped.

    >>> stories = load_stories()
    >>> len(stories), int((~stories.date_recovered).sum())
    (24776, 1)
    """
    frames = []
    for year in (2011, 2012):
        raw = read_source_frame(f"kcna_stories_{year}", f"KCNA_{year}")
        require_columns(raw, ["story", "index.link", "language", "title"], f"kcna_stories_{year}")
        dates = dates_from_index_links(raw["index.link"])
        frames.append(
            pd.DataFrame(
                {
                    "story_id": [f"{year}:{i}" for i in range(1, len(raw) + 1)],
                    "date": dates,
                    "language": raw["language"].astype("string"),
                    "title": raw["title"].astype("string"),
                    "story": raw["story"].astype("string"),
                    "index_link": raw["index.link"].astype("string"),
                    "date_recovered": dates.notna().to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def normalised_title(titles: pd.Series) -> pd.Series:
    """Titles folded for matching: case, punctuation and whitespace ignored.

    >>> normalised_title(pd.Series(["Kim Jong Il Greets  Lao President."])).tolist()
    ['kim jong il greets lao president']
    """
    folded = titles.astype("string").str.casefold().str.replace(r"[^\w\s]|_", " ", regex=True)
    return folded.str.replace(r"\s+", " ", regex=True).str.strip()


def link_stories(events: pd.DataFrame, stories: pd.DataFrame) -> pd.DataFrame:
    """Events with the story_id of their English story (same date and normalised title); "" when none.

    When KCNA filed the same story twice, the first (lowest row) is used.
    """
    english = stories[(stories["language"] == "en") & stories["date_recovered"]]
    keyed = pd.DataFrame(
        {
            "date": pd.to_datetime(english["date"]).dt.strftime("%Y-%m-%d"),
            "key": normalised_title(english["title"]),
            "story_id": english["story_id"],
        }
    ).drop_duplicates(["date", "key"])
    linked = events.assign(
        date=pd.to_datetime(events["date"]).dt.strftime("%Y-%m-%d"), key=normalised_title(events["title"])
    )
    linked = linked.merge(keyed, on=["date", "key"], how="left").drop(columns="key")
    linked["story_id"] = linked["story_id"].fillna("")
    return linked
