import pandas as pd

from helpers.kcna.corpus import HEADLINE_COLUMNS, STORY_COLUMNS, dates_from_index_links
from helpers.unvotes import VOTE_LEVELS


def test_headlines_rows_dtypes_and_known_values(headlines):
    assert list(headlines.columns) == HEADLINE_COLUMNS
    assert len(headlines) == 114_641
    assert int(headlines.is_english.sum()) == 99_841
    assert headlines.date.dtype == "datetime64[ns]"
    assert headlines.date.min() == pd.Timestamp("1997-01-01")
    assert headlines.date.max() == pd.Timestamp("2014-09-25")
    assert headlines.headline_id.is_unique and headlines.headline_id.iloc[0] == 1
    first = headlines.iloc[0]
    assert first.title == "New Year editorial calls for stepping up general onwar movement of Korean socialism"
    assert first.story_link == "http://www.kcna.co.jp/item/1997/9701/news1/01.htm#1"


def test_stories_dates_recovered_from_links(stories):
    assert list(stories.columns) == STORY_COLUMNS
    assert len(stories) == 13_907 + 10_869
    assert stories.date.dtype == "datetime64[ns]"
    assert stories.date.min() == pd.Timestamp("2011-01-01")
    assert stories.date.max() == pd.Timestamp("2012-11-30")
    assert int((~stories.date_recovered).sum()) == 1  # one scraper error page, kept and flagged
    assert stories.loc[stories.story_id == "2011:1", "title"].item() == "Kim Jong Il Congratulates Lao President"
    assert stories.loc[stories.story_id == "2011:1", "date"].item() == pd.Timestamp("2011-12-01")


def test_index_link_formats():
    links = pd.Series(
        [
            "http://www.kcna.co.jp/item/2011/201112/2011-12-01ee.html",
            "http://www.kcna.co.jp/item/2012/201211/news30/20121130-07ss.html",
            "http://www.kcna.co.jp/item/2012/201205/(EmptyReference!)",
        ]
    )
    assert dates_from_index_links(links).tolist()[:2] == [pd.Timestamp("2011-12-01"), pd.Timestamp("2012-11-30")]
    assert pd.isna(dates_from_index_links(links).iloc[2])


def test_un_votes_joined_with_roll_calls(un_votes):
    assert list(un_votes.columns) == ["rcid", "date", "session", "country", "country_iso3", "vote"]
    assert len(un_votes) == 870_109
    assert un_votes.rcid.nunique() == 6_203
    assert isinstance(un_votes.vote.dtype, pd.CategoricalDtype) and un_votes.vote.dtype.ordered
    assert list(un_votes.vote.cat.categories) == VOTE_LEVELS
    assert un_votes.vote.value_counts().to_dict() == {"yes": 693_664, "abstain": 110_897, "no": 65_548}
    assert set(un_votes.loc[un_votes.country == "Namibia", "country_iso3"]) == {"NAM"}
    assert un_votes.country_iso3.notna().all()
    assert un_votes.date.max() == pd.Timestamp("2020-01-14")
    prk = un_votes[un_votes.country_iso3 == "PRK"]
    assert prk.date.min().year == 1991 and len(prk) == 2_105
