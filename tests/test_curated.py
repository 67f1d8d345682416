import pandas as pd
import pytest

from helpers import paths
from helpers.curated import SCHEMAS, CuratedTableError, codebook, load_curated, read_raw


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_committed_tables_pass_validation_and_carry_sources(name):
    table = load_curated(name)
    assert len(table) > 0
    required_sources = [c.name for c in SCHEMAS[name].columns if c.kind in ("url", "source") and c.required]
    for column in required_sources:
        assert table[column].notna().all() and (table[column] != "").all()
    if name not in ("message_coverage", "warmth_lexicon", "source_outlets"):
        assert required_sources


def write(tmp_path, name, text):
    path = tmp_path / SCHEMAS[name].file
    path.write_text(text, encoding="utf-8")
    return path


LEADER_HEADER = "country_iso3,office,name,title,start,end,source_url,evidence\n"


def problems_of(name, path):
    with pytest.raises(CuratedTableError) as error:
        load_curated(name, path)
    return [str(p) for p in error.value.problems]


def test_bad_dates_codes_and_enums_are_all_reported_with_row_and_column(tmp_path):
    path = write(
        tmp_path,
        "leaders",
        LEADER_HEADER
        + "CHN,head_of_state,Hu Jintao,President,2003-03-15,2013-03-14,https://a.example/x,ok\n"
        + "XXX,head_of_state,Nobody,President,2003-31-01,,https://a.example/x,ok\n"
        + "CHN,emperor,Nobody,Emperor,2003-01-01,,not a url,ok\n",
    )
    found = problems_of("leaders", path)
    assert any("row 2, column 'country_iso3': 'XXX' is not a known ISO3 code" in p for p in found)
    assert any("row 2, column 'start': '2003-31-01' is not a date" in p for p in found)
    assert any("row 3, column 'office': 'emperor' is not one of" in p for p in found)
    assert any("row 3, column 'source_url'" in p for p in found)
    assert all(p.startswith("leaders.csv") or "leaders.csv" in p for p in found)


def test_overlapping_terms_for_the_same_office_are_rejected(tmp_path):
    path = write(
        tmp_path,
        "leaders",
        LEADER_HEADER
        + "CHN,head_of_state,Jiang Zemin,President,1993-03-27,2003-03-20,https://a.example/x,ok\n"
        + "CHN,head_of_state,Hu Jintao,President,2003-03-15,2013-03-14,https://a.example/x,ok\n",
    )
    (problem,) = problems_of("leaders", path)
    assert "row 2, column 'start'" in problem and "Hu Jintao starts 2003-03-15 before Jiang Zemin" in problem


def test_duplicate_keys_and_missing_columns(tmp_path):
    row = "CHN,head_of_state,Hu Jintao,President,2003-03-15,2013-03-14,https://a.example/x,ok\n"
    path = write(tmp_path, "leaders", LEADER_HEADER + row + row)
    assert any("row 2" in p and "duplicate key (same as row 1)" in p for p in problems_of("leaders", path))
    path = write(tmp_path, "leaders", "country_iso3,office,name\nCHN,head_of_state,Hu Jintao\n")
    assert any("column 'start': column is missing" in p for p in problems_of("leaders", path))


def test_month_days_must_exist(tmp_path):
    header = "country_iso3,occasion_type,name,month,day,first_year,observed_from,last_year,source,evidence\n"
    path = write(
        tmp_path,
        "anniversaries",
        header
        + "PRK,state_founding,Founding,2,30,1948,,,https://a.example/x,ok\n"
        + "PRK,party_founding,Party,13,1,1945,,,https://a.example/x,ok\n"
        + "CHN,national_day,National Day,10,1,1949,,,holidays:CN:National Day,ok\n",
    )
    found = problems_of("anniversaries", path)
    assert any("row 1, column 'day': 02-30 does not exist" in p for p in found)
    assert any("row 2, column 'month': 13 is not a month" in p for p in found)
    assert len(found) == 2


def test_typed_columns():
    leaders = load_curated("leaders")
    assert leaders.start.dtype == "datetime64[ns]"
    messages = load_curated("messages_recent")
    assert str(messages.anniversary_number.dtype) == "Int64"
    assert str(messages.front_page.dtype) == "boolean"


def test_codebook_covers_every_column_of_every_table():
    book = codebook()
    for schema in SCHEMAS.values():
        header = list(read_raw(paths.CURATED_DIR / schema.file).columns)
        assert header == book[book.table == schema.file].column.tolist()
    assert (book.meaning != "").all()


def test_anniversaries_agree_with_the_holidays_package():
    import holidays

    days = load_curated("anniversaries")
    from_package = days[days.source.str.startswith("holidays:")]
    assert len(from_package) > 150
    disagreements = []
    for row in from_package.itertuples():
        _, code, holiday_name = row.source.split(":", 2)
        first = int(row.observed_from) if pd.notna(row.observed_from) else 0
        last = int(row.last_year) if pd.notna(row.last_year) else 2030
        years = [y for y in range(2025, 1999, -1) if first <= y <= last]  # moving days (e.g. Nepal's) match some year
        found = False
        for year in years:
            calendar = holidays.country_holidays(code, years=year)
            date = pd.Timestamp(year=year, month=int(row.month), day=int(row.day)).date()
            if any(holiday_name in name for name in calendar.get_list(date)):
                found = True
                break
        if not found:
            disagreements.append((row.country_iso3, holiday_name, int(row.month), int(row.day)))
    assert disagreements == []


def test_diplomatic_ties_include_the_2024_south_korea_cuba_establishment():
    ties = load_curated("diplomatic_ties")
    row = ties[(ties.country_a == "KOR") & (ties.country_b == "CUB") & (ties.event == "established")]
    assert row.date.dt.strftime("%Y-%m-%d").tolist() == ["2024-02-14"]
    prk_chn = ties[(ties.country_a == "PRK") & (ties.country_b == "CHN") & (ties.event == "established")]
    assert prk_chn.date.dt.strftime("%Y-%m-%d").tolist() == ["1949-10-06"]


def test_curated_readme_carries_the_current_codebook():
    from helpers import paths
    from helpers.curated import codebook_markdown

    assert codebook_markdown() in (paths.CURATED_DIR / "README.md").read_text(encoding="utf-8")


def test_source_tier_follows_the_outlet_and_the_two_sides():
    from helpers.source_tiers import best_tier, tier_of

    assert tier_of("state_media", "PRK", ("CHN", "PRK")) == "primary"
    assert tier_of("official", "RUS", ("PRK", "RUS")) == "primary"
    assert tier_of("state_media", "RUS", ("PRK", "CUB")) == "secondary"
    assert tier_of("news", "KOR", ("PRK", "KOR")) == "secondary"
    assert tier_of("aggregator", "", ("CHN", "PRK")) == "tertiary"
    assert tier_of("copy_site", "", ("CHN", "PRK")) == "tertiary"
    assert best_tier(["tertiary", "primary", "secondary"]) == "primary"
    with pytest.raises(ValueError, match="unknown outlet type 'wire'"):
        tier_of("wire", "", ("CHN", "PRK"))


def test_every_message_source_tier_matches_its_outlets():
    messages = load_curated("messages_recent")
    outlets = load_curated("source_outlets")
    assert set(messages.source_tier) <= {"primary", "secondary", "tertiary"}
    kcna = outlets.set_index("domain").loc["kcna.kp"]
    assert (kcna.outlet_country, kcna.outlet_type) == ("PRK", "state_media")
    from_kcna = messages[
        messages.source_url.str.startswith("http://www.kcna.kp") | messages.source_url.str.startswith("https://kcna.kp")
    ]
    assert (from_kcna.source_tier == "primary").all()


def test_a_wrong_tier_or_an_unknown_outlet_names_row_and_column(tmp_path):
    raw = read_raw(paths.CURATED_DIR / "messages_recent.csv")
    primary_row = raw.index[raw.source_tier == "primary"][0]
    raw.loc[primary_row, "source_tier"] = "tertiary"
    raw.loc[primary_row + 1, "source_url"] = "https://unheard-of.example/story"
    path = tmp_path / "messages_recent.csv"
    raw.to_csv(path, index=False)
    found = problems_of("messages_recent", path)
    assert any(
        p.startswith(f"{path}, row {primary_row + 1}, column 'source_tier': is 'tertiary'") and "'primary'" in p
        for p in found
    )
    assert (
        f"{path}, row {primary_row + 2}, column 'source_url': outlet 'unheard-of.example' is not in source_outlets.csv"
        in found
    )


def test_date_kind_is_required_and_enforced(tmp_path):
    messages = load_curated("messages_recent")
    assert set(messages.date_kind) == {"sent", "delivered", "received", "reported"}
    lukashenko = messages[(messages.recipient_name == "Alexander Lukashenko") & (messages.sender_country == "PRK")]
    row = lukashenko[lukashenko.date.dt.year == 2025].iloc[0]  # sent Monday 3 Feb 2025, published the 4th
    assert (row.date.strftime("%Y-%m-%d"), row.date_kind, row.date_reported.strftime("%Y-%m-%d")) == (
        "2025-02-03",
        "sent",
        "2025-02-04",
    )
    raw = read_raw(paths.CURATED_DIR / "messages_recent.csv")
    raw.loc[3, "date_kind"] = "posted"
    raw.loc[5, "date_kind"] = ""
    path = tmp_path / "messages_recent.csv"
    raw.to_csv(path, index=False)
    problems = problems_of("messages_recent", path)
    assert any(p.startswith(f"{path}, row 4, column 'date_kind': 'posted' is not one of") for p in problems)
    assert any(p.startswith(f"{path}, row 6, column 'date_kind'") for p in problems)


def test_a_head_of_state_is_coded_head_of_state():
    """Codebook: a person who holds both party and state office is head_of_state on dates when he or she was head
    of state (leaders.csv); Xi Jinping writing as CPC general secretary in 2021 is still head_of_state."""
    from helpers.leaders import fold_name, leaders

    heads = leaders()
    heads = heads[heads.office == "head_of_state"].assign(key=lambda t: t.name.map(fold_name))
    messages = load_curated("messages_recent")
    wrong = []
    for side in ("sender", "recipient"):
        named = messages[messages[f"{side}_name"].fillna("") != ""].assign(
            key=lambda m: m[f"{side}_name"].map(fold_name)
        )
        pairs = named.reset_index().merge(heads, left_on=[f"{side}_country", "key"], right_on=["country_iso3", "key"])
        held = (pairs.date >= pairs.start) & (pairs.end.isna() | (pairs.date <= pairs.end))
        wrong += pairs.loc[held & (pairs[f"{side}_role"] != "head_of_state"), "index"].tolist()
    assert wrong == []
    xi = messages[(messages.sender_name == "Xi Jinping") & (messages.date == "2021-03-22")]
    assert set(xi.sender_role) == {"head_of_state"}


def test_consecutive_terms_hand_over_without_overlap():
    """Codebook: `end` is the last day in office and a handover takes effect on the successor's first day, so the
    predecessor's end is the day before. Consecutive terms of one office never overlap; a two-day gap (one day with
    nobody recorded) stands only where a source shows one: a death or coup before the successor took over."""
    leaders = load_curated("leaders")
    sourced_one_day_gaps = {
        ("GIN", "Lansana Conté"),  # died 22 Dec 2008; Camara proclaimed president on the 24th
        ("MNG", "Sanjaagiin Bayar"),  # resigned 27 Oct 2009; Altankhuyag acting one day; Batbold sworn in on the 29th
        ("NER", "Ibrahim Baré Maïnassara"),  # killed 9 Apr 1999; Wanké named on the 11th
        ("THA", "Srettha Thavisin"),  # removed 14 Aug 2024; Paetongtarn elected on the 16th
        ("TZA", "John Magufuli"),  # died 17 Mar 2021; successor sworn in on the 19th
        ("VEN", "Hugo Chávez"),  # ousted 12 Apr 2002; back on the 14th
        ("VNM", "Trần Đại Quang"),  # died 21 Sep 2018; acting president named on the 23rd
    }
    gaps = []
    for (country, _office), group in leaders.sort_values("start").groupby(["country_iso3", "office"]):
        for before, after in zip(group.itertuples(), group.iloc[1:].itertuples()):
            if pd.isna(before.end):
                continue
            days = (after.start - before.end).days
            assert days >= 1, f"{country}: {before.name} ends {before.end:%Y-%m-%d}, {after.name} starts the same day"
            if days == 2:
                gaps.append((country, before.name))
    assert set(gaps) == sourced_one_day_gaps


# Successor states and the day they came into being: a tie dated earlier belongs to the historical state, whose own
# code the codebook prescribes (CSK, YUG, SUN as a partner, YMD, DDR).
SUCCESSOR_FIRST_DAY = {"CZE": "1993-01-01", "SVK": "1993-01-01", "SRB": "1992-04-27", "MNE": "2006-06-03"}


def test_historical_states_keep_their_own_codes_in_the_ties_table():
    ties = load_curated("diplomatic_ties")
    early = [
        (row.country_a, row.country_b, f"{row.date:%Y-%m-%d}")
        for row in ties.itertuples()
        if row.country_b in SUCCESSOR_FIRST_DAY and f"{row.date:%Y-%m-%d}" < SUCCESSOR_FIRST_DAY[row.country_b]
    ]
    assert not early, f"ties dated before the partner state existed: {early}"
    notes = ties.note.fillna("")
    south_yemen = ties[notes.str.contains("South Yemen") & ~notes.str.contains("North Yemen")]
    assert set(south_yemen.country_b) == {"YMD"}
    assert {"CSK", "YUG", "YMD", "DDR"} <= set(ties.country_b)


def test_an_encyclopaedia_or_a_mirror_never_stands_alone(tmp_path):
    path = write(
        tmp_path,
        "leaders",
        LEADER_HEADER
        + "CHN,head_of_state,Jiang Zemin,President,1993-03-27,2003-03-14,https://en.wikipedia.org/wiki/X ; "
        + "https://wikimili.com/en/X,ok\n"
        + "CHN,head_of_state,Hu Jintao,President,2003-03-15,2013-03-13,https://en.wikipedia.org/wiki/X ; "
        + "https://www.reuters.com/a,ok\n"
        + "CHN,head_of_state,Xi Jinping,President,2013-03-14,,https://zh.wikiunheard.example/x,ok\n",
    )
    found = problems_of("leaders", path)
    assert found == [
        f"{path}, row 1, column 'source_url': rests only on encyclopaedias, mirrors, copies, aggregators or blogs: "
        "en.wikipedia.org, wikimili.com",
        f"{path}, row 3, column 'source_url': 'zh.wikiunheard.example' looks like a wiki, a mirror or a blog; "
        "list it in source_outlets.csv",
    ]


def test_no_curated_fact_rests_on_copies_alone():
    from helpers.curated import _outlets
    from helpers.source_tiers import standing_alone_problem

    outlets = _outlets()
    for name, column in [
        ("leaders", "source_url"),
        ("diplomatic_ties", "source_url"),
        ("context_events", "source_url"),
        ("absences", "source_url"),
        ("anniversaries", "source"),
    ]:
        sources = load_curated(name)[column]
        alone = [s for s in sources if not s.startswith("holidays:") and standing_alone_problem(s, outlets)]
        assert alone == [], name
    assert (load_curated("messages_recent").source_tier != "tertiary").all()


def test_messages_on_copies_alone_wait_in_their_own_table(tmp_path):
    recent, unconfirmed = load_curated("messages_recent"), load_curated("messages_unconfirmed")
    assert (unconfirmed.source_tier == "tertiary").all() and unconfirmed.searched.str.len().min() > 40
    key = ["date", "sender_country", "recipient_country", "kind", "occasion"]
    assert recent[key].merge(unconfirmed[key]).empty  # no message in both tables
    raw = read_raw(paths.CURATED_DIR / "messages_recent.csv")
    copy_only = ["https://kcnawatch.org/newstream/1/x", "KCNA Watch", "tertiary"]
    raw.loc[0, ["source_url", "source_outlet", "source_tier"]] = copy_only
    path = tmp_path / "messages_recent.csv"
    raw.to_csv(path, index=False)
    assert problems_of("messages_recent", path) == [
        f"{path}, row 1, column 'source_tier': rests only on tertiary pages; such a row belongs in "
        "messages_unconfirmed.csv"
    ]
