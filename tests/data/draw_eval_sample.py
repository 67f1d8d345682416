"""Draw the stratified samples of KCNA headlines labelled by hand for evaluating the parser.

Strata: each year 1997-2014 x {message-like, other}. "Message-like" is a deliberately broad keyword screen
(any word that can name a message, gift or greeting), so it holds both true messages and hard negatives;
"other" is every remaining English headline. From each stratum: 12 message-like and 6 other headlines,
drawn with a fixed seed. Ids are 1-based row numbers of the pinned headlines.rda (as R numbers them).

Two samples: "evaluation" (kcna_eval_sample.csv, measured while the parser was written, so its numbers are partly
informed by it) and "held_out" (kcna_eval_sample_held_out.csv, drawn afterwards from the remaining headlines with
another seed and never used to change the parser).

Run (with HELPERS_DATA_MIRROR set or the sources fetched):
python tests/data/draw_eval_sample.py evaluation > tests/data/kcna_eval_sample.csv
python tests/data/draw_eval_sample.py held_out > tests/data/kcna_eval_sample_held_out.csv
"""

import sys

import pandas as pd

from helpers.kcna import is_message_like, load_headlines

PER_YEAR = {"message_like": 12, "other": 6}
SEEDS = {"evaluation": 20261127, "held_out": 20261129}


def draw(headlines: pd.DataFrame, which: str = "evaluation") -> pd.DataFrame:
    frame = headlines[headlines["is_english"]].copy()
    if which == "held_out":
        frame = frame[~frame["headline_id"].isin(draw(headlines, "evaluation")["headline_id"])]
    frame["year"] = frame["date"].dt.year
    frame["stratum"] = is_message_like(frame["title"]).map({True: "message_like", False: "other"})
    parts = [
        group.sample(n=min(PER_YEAR[stratum], len(group)), random_state=SEEDS[which])
        for (year, stratum), group in frame.groupby(["year", "stratum"], sort=True)
    ]
    sample = pd.concat(parts).sort_values("headline_id")
    sample["date"] = sample["date"].dt.strftime("%Y-%m-%d")
    return sample[["headline_id", "date", "title", "stratum"]]


if __name__ == "__main__":
    draw(load_headlines(), sys.argv[1] if len(sys.argv) > 1 else "evaluation").to_csv(sys.stdout, index=False)
