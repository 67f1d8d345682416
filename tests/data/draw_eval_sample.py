"""Draw the stratified sample of KCNA headlines that was labelled by hand for evaluating the parser.

Strata: each year 1997-2014 x {message-like, other}. "Message-like" is a deliberately broad keyword screen
(any word that can name a message, gift or greeting), so it holds both true messages and hard negatives;
"other" is every remaining English headline. From each stratum: 12 message-like and 6 other headlines,
drawn with a fixed seed. Ids are 1-based row numbers of the pinned headlines.rda (as R numbers them).

Run: python tests/data/draw_eval_sample.py PATH/TO/headlines.rda > tests/data/kcna_eval_sample.csv
"""
import sys

import pandas as pd
import pyreadr

from helpers.kcna import MESSAGE_LIKE_PATTERN
PER_YEAR = {"message_like": 12, "other": 6}
SEED = 20261127


def draw(headlines: pd.DataFrame) -> pd.DataFrame:
    frame = headlines.assign(headline_id=range(1, len(headlines) + 1))
    frame = frame[frame["english"]].copy()
    frame["year"] = pd.to_datetime(frame["date"]).dt.year
    like = frame["title"].str.contains(MESSAGE_LIKE_PATTERN, case=False, regex=True)
    frame["stratum"] = like.map({True: "message_like", False: "other"})
    parts = [
        group.sample(n=min(PER_YEAR[stratum], len(group)), random_state=SEED)
        for (year, stratum), group in frame.groupby(["year", "stratum"], sort=True)
    ]
    sample = pd.concat(parts).sort_values("headline_id")
    return sample[["headline_id", "date", "title", "stratum"]]


if __name__ == "__main__":
    data = pyreadr.read_r(sys.argv[1])["headlines"]
    draw(data).to_csv(sys.stdout, index=False)
