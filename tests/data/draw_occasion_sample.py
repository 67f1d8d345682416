"""Draw the samples of 2011-2012 KCNA message stories whose occasion was checked by hand against the story text.

English stories whose title passes the message-word screen (helpers.kcna.MESSAGE_LIKE_PATTERN), 100 from 2011 and
100 from 2012, drawn with a fixed seed. The first sample ("development") was used to write and refine the inference
rules; the second ("held_out", drawn afterwards from the remaining stories with another seed) to measure them, and
after it had been looked at while adding occasions it became a second development set. The third ("final", 130 per
year from the stories in neither earlier sample, another seed) was labelled blind to the rules and is scored, never
tuned on.
Run with HELPERS_DATA_MIRROR set (or the sources fetched):
python tests/data/draw_occasion_sample.py development > tests/data/occasion_sample.csv
python tests/data/draw_occasion_sample.py held_out > tests/data/occasion_sample_held_out.csv
python tests/data/draw_occasion_sample.py final > tests/data/occasion_sample_final.csv
"""

import sys

import pandas as pd

from helpers.kcna.corpus import load_stories
from helpers.kcna.rules import is_message_like

ORDER = ("development", "held_out", "final")  # each sample is drawn from the stories no earlier sample holds
SEEDS = {"development": 20261127, "held_out": 20261128, "final": 20261205}
PER_YEAR = {"development": 100, "held_out": 100, "final": 130}


def draw(stories: pd.DataFrame, which: str = "development") -> pd.DataFrame:
    english = stories[(stories["language"] == "en") & stories["date_recovered"] & stories["story"].notna()]
    candidates = english[is_message_like(english["title"])]
    for name in ORDER[: ORDER.index(which) + 1]:
        groups = candidates.groupby(candidates["date"].dt.year)
        sample = pd.concat(group.sample(n=PER_YEAR[name], random_state=SEEDS[name]) for _, group in groups)
        candidates = candidates[~candidates["story_id"].isin(sample["story_id"])]
    sample = sample.sort_values(["date", "story_id"])
    return sample.assign(date=sample["date"].dt.strftime("%Y-%m-%d"))[["story_id", "date", "title"]]


if __name__ == "__main__":
    draw(load_stories(), sys.argv[1] if len(sys.argv) > 1 else "development").to_csv(sys.stdout, index=False)
