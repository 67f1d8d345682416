"""Expected messages: does a sender mark a recurring occasion of a partner this year, given only the past?

Unit: a cell-year (sender, recipient, occasion, year) for the recurring occasions (schema.RECURRING_OCCASIONS) of
leader-level messages (level >= LEADER_LEVEL), so that the KCNA years and the curated years count the same thing.
A cell-year is a *candidate* when the sender marked that occasion for that recipient in at least one of the
previous HISTORY_YEARS known years; its outcome is *known* when the source looked for it:

* 1997-2013: KCNA reported every message it carried, so every candidate has a known outcome;
* 2014: KCNA's headlines end on 25 September, so outcomes are unknown;
* 2015-2025: known where a message was found (messages_recent) or message_coverage records a search that found
  none; unknown otherwise (not searched, or the message is reported only on copies: status `unconfirmed`).

Features, all from known years before the one predicted: the cell's smoothed marking rate over the previous
HISTORY_YEARS known years, whether it was marked in the latest known year, the sender's smoothed marking rate over
all its candidate cells, and how many known years the window holds. The model is a logistic regression refitted for
every year t on all known candidate cell-years before t (a backtest that never sees the future); the baseline is the
marking rate of those same training rows. Surprise = -log2 of the probability the model gave to what happened.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from .backends import to_pandas
from .occasions import occasion_history
from .schema import LEADER_LEVEL

HISTORY_YEARS = 5
KCNA_LAST_FULL_YEAR = 2013
CURATED_FIRST_YEAR = 2015
CELL = ["sender", "recipient", "occasion"]
FEATURES = ["cell_rate_logit", "marked_last_known", "sender_rate_logit", "known_years"]
FLAG_PROBABILITY = 0.5


def _logit(p: pd.Series) -> pd.Series:
    return np.log(p / (1 - p))


def candidate_cells(events: pd.DataFrame, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every cell-year of leader-level recurring occasions with its outcome (`marked`, `known`) and the features
    computed from earlier known years; `candidate` marks the rows the model scores.

    `events`: the message-events table (pandas); `coverage`: message_coverage.csv (sender_country,
    recipient_country, occasion, year, status) for the curated years.
    """
    leaders = events[events["level"] >= LEADER_LEVEL]
    grid = to_pandas(occasion_history(leaders), [*CELL, "year"])[[*CELL, "year", "marked"]]
    grid["year"] = grid["year"].astype(int)
    grid["marked"] = grid["marked"].astype(int)
    searched = set()
    if coverage is not None:
        looked = coverage[coverage["status"].isin(["found", "searched_not_found"])]
        searched = set(zip(looked.sender_country, looked.recipient_country, looked.occasion, looked.year.astype(int)))
    in_search = pd.Series(
        [key in searched for key in zip(grid.sender, grid.recipient, grid.occasion, grid.year)], index=grid.index
    )
    grid["known"] = (grid["year"] <= KCNA_LAST_FULL_YEAR) | (
        (grid["year"] >= CURATED_FIRST_YEAR) & ((grid["marked"] == 1) | in_search)
    )
    return _add_features(grid)


def _add_features(grid: pd.DataFrame) -> pd.DataFrame:
    # For each row, the window of the latest HISTORY_YEARS known outcomes before its year (merge_asof on year).
    known = grid[grid["known"]].sort_values([*CELL, "year"])
    rolling = known.groupby(CELL)["marked"].rolling(HISTORY_YEARS, min_periods=1)
    levels = list(range(len(CELL)))
    known = known.assign(
        marked_in_window=rolling.sum().reset_index(level=levels, drop=True),
        known_years=rolling.count().reset_index(level=levels, drop=True),
        marked_last_known=known["marked"].astype(float),
    )[[*CELL, "year", "marked_in_window", "known_years", "marked_last_known"]]
    grid = pd.merge_asof(
        grid.sort_values("year"), known.sort_values("year"), on="year", by=CELL, allow_exact_matches=False
    )
    grid = grid.sort_values([*CELL, "year"]).reset_index(drop=True)
    grid[["marked_in_window", "known_years"]] = grid[["marked_in_window", "known_years"]].fillna(0).astype(int)
    grid["marked_last_known"] = grid["marked_last_known"].fillna(0.5)
    grid["candidate"] = grid["marked_in_window"] > 0
    grid["cell_rate"] = (grid["marked_in_window"] + 1) / (grid["known_years"] + 2)
    grid["cell_rate_logit"] = _logit(grid["cell_rate"])
    # The sender's habit: marking rate over all its known candidate cell-years before this year.
    scored = grid[grid["candidate"] & grid["known"]]
    per_year = scored.groupby(["sender", "year"])["marked"].agg(["sum", "count"]).reset_index()
    per_year = per_year.sort_values(["sender", "year"])
    per_year[["cum_sum", "cum_count"]] = (
        per_year.groupby("sender")[["sum", "count"]].cumsum() - per_year[["sum", "count"]].to_numpy()
    )
    grid = grid.merge(per_year[["sender", "year", "cum_sum", "cum_count"]], on=["sender", "year"], how="left")
    grid[["cum_sum", "cum_count"]] = grid[["cum_sum", "cum_count"]].fillna(0)
    grid["sender_rate_logit"] = _logit((grid["cum_sum"] + 1) / (grid["cum_count"] + 2))
    return grid.drop(columns=["cum_sum", "cum_count"])


def backtest(cells: pd.DataFrame, first_year: int = 2000) -> pd.DataFrame:
    """For each year t from `first_year`: fit on known candidate cell-years before t, score every candidate of t.
    Returns the candidates of the scored years with p_model, p_base and, where the outcome is known, surprise."""
    candidates = cells[cells["candidate"]].copy()
    scored = []
    for year in sorted(y for y in candidates["year"].unique() if y >= first_year):
        train = candidates[(candidates["year"] < year) & candidates["known"]]
        target = candidates[candidates["year"] == year].copy()
        if train["marked"].nunique() < 2 or target.empty:
            continue
        model = LogisticRegression(C=1.0, max_iter=1000)
        model.fit(train[FEATURES].to_numpy(), train["marked"].to_numpy())
        target["p_model"] = model.predict_proba(target[FEATURES].to_numpy())[:, 1]
        target["p_base"] = train["marked"].mean()
        scored.append(target)
    result = pd.concat(scored, ignore_index=True)
    happened = np.where(result["marked"] == 1, result["p_model"], 1 - result["p_model"])
    result["surprise"] = np.where(result["known"], -np.log2(happened), np.nan)
    return result


def brier_scores(scored: pd.DataFrame) -> pd.DataFrame:
    """Brier score of the model and of the base rate per year (known outcomes only), and the skill
    1 - model / base (above 0: the model beats the base rate).

    >>> from helpers.indicators.processed import load_expected_messages
    >>> scores = brier_scores(load_expected_messages())
    >>> bool((scores.brier_model > 0).all()), int(scores.index.max())
    (True, 2025)
    """
    known = scored[scored["known"]]
    per_year = known.groupby("year").apply(
        lambda g: pd.Series(
            {
                "cells": len(g),
                "marked_share": g["marked"].mean(),
                "brier_model": ((g["p_model"] - g["marked"]) ** 2).mean(),
                "brier_base": ((g["p_base"] - g["marked"]) ** 2).mean(),
            }
        ),
        include_groups=False,
    )
    per_year["skill"] = 1 - per_year["brier_model"] / per_year["brier_base"]
    return per_year


def calibration(scored: pd.DataFrame, bins: int = 10) -> pd.DataFrame:
    """Observed share marked against the mean predicted probability, in `bins` equal-width bins of p_model.

    >>> from helpers.indicators.processed import load_expected_messages
    >>> table = calibration(load_expected_messages(), bins=5)
    >>> table.columns.tolist(), len(table) <= 5
    (['bin', 'predicted', 'observed', 'cells'], True)
    """
    known = scored[scored["known"]]
    bin_of = pd.cut(known["p_model"], np.linspace(0, 1, bins + 1), include_lowest=True)
    table = known.groupby(bin_of, observed=True).agg(
        predicted=("p_model", "mean"), observed=("marked", "mean"), cells=("marked", "size")
    )
    return table.reset_index(names="bin")


def check_absences(scored: pd.DataFrame, absences: pd.DataFrame) -> pd.DataFrame:
    """Each sourced absence (absences.csv) beside the model's cell for it: `modelled` (the cell was a scored
    candidate), `p_model`, `marked`, and `flagged` (the model expected a message, p >= FLAG_PROBABILITY, and none
    came). Several absences describing one exchange are kept apart, as in the source table.

    >>> from helpers.curated import load_curated
    >>> from helpers.indicators.processed import load_expected_messages
    >>> checked = check_absences(load_expected_messages(), load_curated("absences"))
    >>> len(checked) == len(load_curated("absences")), {"modelled", "flagged"} <= set(checked.columns)
    (True, True)
    """
    keys = absences.assign(year=absences["expected_date"].dt.year.astype(int)).rename(
        columns={"sender_country": "sender", "recipient_country": "recipient"}
    )
    merged = keys.merge(
        scored[[*CELL, "year", "p_model", "marked", "known"]], on=[*CELL, "year"], how="left", validate="many_to_one"
    )
    merged["modelled"] = merged["p_model"].notna()
    merged["flagged"] = merged["modelled"] & (merged["marked"] == 0) & (merged["p_model"] >= FLAG_PROBABILITY)
    return merged


def unexplained_flags(scored: pd.DataFrame, absences: pd.DataFrame, first_year: int = CURATED_FIRST_YEAR):
    """Known misses the model expected (p >= FLAG_PROBABILITY, no message) from `first_year` on that no sourced
    absence mentions: candidates for a closer look, not facts.

    >>> from helpers.curated import load_curated
    >>> from helpers.indicators.processed import load_expected_messages
    >>> flags = unexplained_flags(load_expected_messages(), load_curated("absences"))
    >>> bool((flags.p_model >= FLAG_PROBABILITY).all() and (flags.marked == 0).all())
    True
    """
    flagged = scored[
        scored["known"]
        & (scored["marked"] == 0)
        & (scored["p_model"] >= FLAG_PROBABILITY)
        & (scored["year"] >= first_year)
    ]
    mentioned = set(
        zip(absences.sender_country, absences.recipient_country, absences.occasion, absences.expected_date.dt.year)
    )
    keep = [key not in mentioned for key in zip(flagged.sender, flagged.recipient, flagged.occasion, flagged.year)]
    return flagged[keep].sort_values("surprise", ascending=False)
