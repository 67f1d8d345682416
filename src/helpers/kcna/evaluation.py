"""Evaluation of the headline parser and of the occasion inference against hand-labelled sets (tests/data/).

Parser (tests/data/kcna_eval_labels.csv, held out: kcna_eval_labels_held_out.csv).

Detection: precision, recall and F1 of `is_message`. Fields: accuracy of direction, counterpart_country,
counterpart_role and kind on the true messages, twice: on the messages the parser also found (field accuracy, which
separates reading a message from finding it) and on all labelled messages, a miss counting as wrong (end to end).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..calendar import infer_occasions
from ..provenance import record_read
from .parser import parse_headline, parse_headlines

EVAL_LABELS_FILE = paths.TEST_DATA_DIR / "kcna_eval_labels.csv"
HELD_OUT_LABELS_FILE = paths.TEST_DATA_DIR / "kcna_eval_labels_held_out.csv"
OCCASION_LABEL_FILES = {
    "development": paths.TEST_DATA_DIR / "occasion_labels.csv",
    "development-2": paths.TEST_DATA_DIR / "occasion_labels_held_out.csv",
    "final": paths.TEST_DATA_DIR / "occasion_labels_final.csv",
}
FIELDS = ["direction", "counterpart_country", "counterpart_role", "kind"]
LABEL_COLUMNS = ["headline_id", "date", "title", "is_message", *FIELDS, "dprk_principal"]


def load_labels(path: Path = EVAL_LABELS_FILE) -> pd.DataFrame:
    """Hand labels: headline_id, date, title, is_message (bool), the event fields ("" when empty), label_note."""
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    record_read(path)
    missing = [column for column in LABEL_COLUMNS if column not in labels.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    flags = labels["is_message"].str.strip().str.lower()
    if not flags.isin(["true", "false"]).all():
        bad = int((~flags.isin(["true", "false"])).to_numpy().argmax())
        raise ValueError(f"{path}: row {bad + 1}, column 'is_message': {labels['is_message'].iat[bad]!r}")
    return labels.assign(headline_id=labels["headline_id"].astype(int), is_message=flags == "true")


def load_parser_labels(sample: str = "evaluation") -> pd.DataFrame:
    """Hand labels of KCNA headlines: the "evaluation" set (used while writing the rules) or the "held-out" set.

    >>> labels = load_parser_labels("held-out")
    >>> int(labels.is_message.sum()) > 0
    True
    """
    files = {"evaluation": EVAL_LABELS_FILE, "held-out": HELD_OUT_LABELS_FILE}
    if sample not in files:
        raise ValueError(f"sample must be one of {list(files)}, not {sample!r}")
    return load_labels(files[sample])


def predict(labels: pd.DataFrame) -> pd.DataFrame:
    """The parser's reading of the labelled headlines (title and date only), aligned with `labels`."""
    return parse_headlines(labels[["title", "date"]])


def comparison(labels: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """One row per headline: labelled and predicted values side by side (label_*, pred_*), plus the parser's rule."""
    frame = labels[["headline_id", "date", "title"]].copy()
    for column in ["is_message", *FIELDS, "dprk_principal"]:
        frame[f"label_{column}"] = labels[column].to_numpy()
        frame[f"pred_{column}"] = predicted[column].to_numpy()
    frame["rule"] = predicted["rule"].to_numpy()
    frame["review_reason"] = predicted["review_reason"].to_numpy()
    if "label_note" in labels.columns:
        frame["label_note"] = labels["label_note"].to_numpy()
    return frame


@dataclass(frozen=True)
class Detection:
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else float("nan")

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def detection(compared: pd.DataFrame) -> Detection:
    label, pred = compared["label_is_message"], compared["pred_is_message"]
    return Detection(
        int((label & pred).sum()), int((~label & pred).sum()), int((label & ~pred).sum()), int((~label & ~pred).sum())
    )


def confusion_table(compared: pd.DataFrame) -> pd.DataFrame:
    """2x2 counts of labelled (rows) against predicted (columns) is_message."""
    table = pd.crosstab(
        compared["label_is_message"].map({True: "message", False: "not message"}),
        compared["pred_is_message"].map({True: "message", False: "not message"}),
        rownames=["labelled"],
        colnames=["predicted"],
        dropna=False,
    )
    order = ["message", "not message"]
    return table.reindex(index=order, columns=order, fill_value=0)


def field_accuracy(compared: pd.DataFrame) -> pd.DataFrame:
    """Per field: n and accuracy on messages found by the parser, and n and accuracy end to end."""
    messages = compared[compared["label_is_message"]]
    found = messages[messages["pred_is_message"]]
    rows = []
    for field in FIELDS:
        correct_found = found[f"label_{field}"] == found[f"pred_{field}"]
        correct_all = (messages[f"label_{field}"] == messages[f"pred_{field}"]) & messages["pred_is_message"]
        rows.append(
            {
                "field": field,
                "n_found": len(found),
                "accuracy_found": correct_found.mean(),
                "n_messages": len(messages),
                "accuracy_end_to_end": correct_all.mean(),
            }
        )
    return pd.DataFrame(rows).set_index("field")


def errors(compared: pd.DataFrame) -> pd.DataFrame:
    """Every disagreement: headline, field, labelled and predicted value, rule (a detection error is one row)."""
    rows = []
    for row in compared.itertuples():
        base = {
            "headline_id": row.headline_id,
            "date": row.date,
            "title": row.title,
            "rule": row.rule,
            "note": getattr(row, "label_note", ""),
        }
        if row.label_is_message != row.pred_is_message:
            error = "missed message" if row.label_is_message else "false message"
            rows.append(
                base
                | {
                    "field": "is_message",
                    "error": error,
                    "labelled": str(row.label_is_message),
                    "predicted": str(row.pred_is_message),
                }
            )
            continue
        if not row.label_is_message:
            continue
        for field in FIELDS:
            labelled, predicted = getattr(row, f"label_{field}"), getattr(row, f"pred_{field}")
            if labelled != predicted:
                rows.append(
                    base | {"field": field, "error": f"wrong {field}", "labelled": labelled, "predicted": predicted}
                )
    columns = ["headline_id", "date", "title", "field", "error", "labelled", "predicted", "rule", "note"]
    return pd.DataFrame(rows, columns=columns)


def instructive_errors(error_table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Up to n errors, each from a different (error, rule family) where possible, detection errors first: a sample
    of distinct failure modes rather than n repeats of one."""
    if error_table.empty:
        return error_table
    table = error_table.assign(
        family=error_table["rule"].str.split(":").str[0],
        detection_error=error_table["field"].eq("is_message"),
    ).sort_values(["detection_error", "headline_id"], ascending=[False, True])
    distinct = table.drop_duplicates(["error", "family"])
    rest = table.drop(distinct.index)
    chosen = pd.concat([distinct, rest]).head(n)
    return chosen.drop(columns=["family", "detection_error"]).reset_index(drop=True)


def evaluate(labels: pd.DataFrame | None = None) -> dict:
    """Everything the notebook reports: detection, confusion table, field accuracy, errors.

    >>> result = evaluate()
    >>> result["detection"].f1 > 0.9
    True
    """
    labels = load_labels() if labels is None else labels
    compared = comparison(labels, predict(labels))
    table = errors(compared)
    return {
        "comparison": compared,
        "detection": detection(compared),
        "confusion": confusion_table(compared),
        "fields": field_accuracy(compared),
        "errors": table,
        "instructive_errors": instructive_errors(table),
    }


def load_occasion_labels(sample: str = "development-2") -> pd.DataFrame:
    """Hand-checked occasions of KCNA stories: "development" (used to write the rules) or "development-2" (drawn
    as a held-out set, then used to add the missing occasions; its file keeps the name occasion_labels_held_out.csv)
    or "final" (tests/data/occasion_sample_final.csv, labelled blind to the rules from the story texts and scored
    once; never used to change them).

    >>> labels = load_occasion_labels("development-2")
    >>> {"story_id", "date", "title", "is_state_message", "occasion"} <= set(labels.columns)
    True
    """
    path = OCCASION_LABEL_FILES[sample]
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    record_read(path)
    return labels


def evaluate_occasion_inference(labels: pd.DataFrame) -> pd.DataFrame:
    """Infer the occasion of hand-checked messages from their date and headline only, beside the hand label.

    `labels` has story_id, date, title, is_state_message, occasion (see load_occasion_labels). Rows the hand
    label calls state messages are parsed with the headline parser; those the parser also reads as messages are
    returned with `inferred` and `hand_checked` occasions (the others are counted by the caller as parser misses).

    >>> checked = evaluate_occasion_inference(load_occasion_labels("development-2"))
    >>> len(checked), round(float((checked.inferred == checked.hand_checked).mean()), 3)
    (124, 0.944)
    """
    messages = labels[labels["is_state_message"].astype(str).str.lower() == "true"].copy()
    messages["date"] = pd.to_datetime(messages["date"])
    parsed = pd.DataFrame(
        [vars(parse_headline(t, d)) for t, d in zip(messages["title"], messages["date"])], index=messages.index
    )
    readable = parsed["is_message"].astype(bool)
    frame = pd.concat(
        [
            messages[["story_id", "date", "title", "occasion"]],
            parsed[["direction", "counterpart_country", "counterpart_role", "kind"]],
        ],
        axis=1,
    )[readable]
    inferred = infer_occasions(frame)
    return frame.assign(
        hand_checked=frame["occasion"],
        inferred=inferred["occasion"],
        inferred_anniversary=inferred["anniversary_number"],
    ).drop(columns="occasion")
