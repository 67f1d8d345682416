"""UN General Assembly votes (Voeten et al., via the unvotes R package): a tidy long table."""

from __future__ import annotations

import pandas as pd

from ..countries import iso2_to_iso3
from ..rdata import read_source_frame, require_columns

VOTE_LEVELS = ["no", "abstain", "yes"]
VOTE_TYPE = pd.CategoricalDtype(VOTE_LEVELS, ordered=True)

# Members that voted under names with no ISO2 code in the source and no current ISO3 state.
_NO_CODE = {"Yemen Arab Republic": "YEM", "Federal Republic of Germany": "DEU", "Zanzibar": "TZA"}


def load_un_votes() -> pd.DataFrame:
    """One row per country and roll call: rcid, date, session, country, country_iso3, vote (ordered no<abstain<yes).

    ISO2 codes are taken as strings ("NA" is Namibia, not missing). Three historical members without a code in the
    source are mapped to their successor's ISO3 (Yemen Arab Republic -> YEM, Federal Republic of Germany -> DEU,
    Zanzibar -> TZA); `country` keeps the name the source uses.

    >>> votes = load_un_votes()
    >>> votes.vote.cat.categories.tolist(), int(votes.session.max())
    (['no', 'abstain', 'yes'], 74)
    """
    votes = read_source_frame("un_votes", "un_votes")
    calls = read_source_frame("un_roll_calls", "un_roll_calls")
    require_columns(votes, ["rcid", "country", "country_code", "vote"], "un_votes")
    require_columns(calls, ["rcid", "session", "date"], "un_roll_calls")
    iso2 = votes["country_code"].astype("object")
    mapping = iso2_to_iso3(iso2.dropna(), context="un_votes: column 'country_code'")
    iso3 = iso2.map(mapping)
    no_code = iso3.isna()
    iso3[no_code] = votes.loc[no_code, "country"].map(_NO_CODE)
    if iso3.isna().any():
        unknown = sorted(votes.loc[iso3.isna(), "country"].unique())
        raise ValueError(f"un_votes: column 'country_code' is empty for {unknown}")
    calls = calls.assign(
        rcid=calls["rcid"].astype(int),
        session=calls["session"].astype(int),
        date=pd.to_datetime(calls["date"], format="%Y-%m-%d").astype("datetime64[ns]"),
    )[["rcid", "date", "session"]]
    frame = pd.DataFrame(
        {
            "rcid": votes["rcid"].astype(int),
            "country": votes["country"].astype("string"),
            "country_iso3": iso3.astype("string"),
            "vote": votes["vote"].astype(str).astype(VOTE_TYPE),
        }
    )
    merged = frame.merge(calls, on="rcid", how="left", validate="many_to_one")
    if merged["date"].isna().any():
        orphan = merged.loc[merged["date"].isna(), "rcid"].unique()[:5]
        raise ValueError(f"un_votes: rcid(s) {list(orphan)} have no roll call in un_roll_calls")
    return merged[["rcid", "date", "session", "country", "country_iso3", "vote"]]
