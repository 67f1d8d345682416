"""Evaluation of the headline parser against a hand-labelled set (tests/data/kcna_eval_labels.csv).

Detection: precision, recall and F1 of `is_message`. Fields: accuracy of direction, counterpart_country,
counterpart_role and kind on the true messages, twice: on the messages the parser also found (field accuracy, which
separates reading a message from finding it) and on all labelled messages, a miss counting as wrong (end to end).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .kcna_parser import parse_headlines

EVAL_LABELS_FILE = paths.PROJECT_ROOT / "tests" / "data" / "kcna_eval_labels.csv"
HELD_OUT_LABELS_FILE = paths.PROJECT_ROOT / "tests" / "data" / "kcna_eval_labels_held_out.csv"
FIELDS = ["direction", "counterpart_country", "counterpart_role", "kind"]
LABEL_COLUMNS = ["headline_id", "date", "title", "is_message", *FIELDS, "dprk_principal"]


def load_labels(path: Path = EVAL_LABELS_FILE) -> pd.DataFrame:
    """Hand labels: headline_id, date, title, is_message (bool), the event fields ("" when empty), label_note."""
    labels = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [column for column in LABEL_COLUMNS if column not in labels.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    flags = labels["is_message"].str.strip().str.lower()
    if not flags.isin(["true", "false"]).all():
        bad = int((~flags.isin(["true", "false"])).to_numpy().argmax())
        raise ValueError(f"{path}: row {bad + 1}, column 'is_message': {labels['is_message'].iat[bad]!r}")
    return labels.assign(headline_id=labels["headline_id"].astype(int), is_message=flags == "true")


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
    return Detection(int((label & pred).sum()), int((~label & pred).sum()), int((label & ~pred).sum()),
                     int((~label & ~pred).sum()))


def confusion_table(compared: pd.DataFrame) -> pd.DataFrame:
    """2x2 counts of labelled (rows) against predicted (columns) is_message."""
    table = pd.crosstab(compared["label_is_message"].map({True: "message", False: "not message"}),
                        compared["pred_is_message"].map({True: "message", False: "not message"}),
                        rownames=["labelled"], colnames=["predicted"], dropna=False)
    order = ["message", "not message"]
    return table.reindex(index=order, columns=order, fill_value=0)


def field_accuracy(compared: pd.DataFrame) -> pd.DataFrame:
    """Per field: n and accuracy on messages found by the parser, and n and accuracy end to end."""
    messages = compared[compared["label_is_message"]]
    found = messages[messages["pred_is_message"]]
    rows = []
    for field in FIELDS:
        correct_found = (found[f"label_{field}"] == found[f"pred_{field}"])
        correct_all = (messages[f"label_{field}"] == messages[f"pred_{field}"]) & messages["pred_is_message"]
        rows.append({"field": field, "n_found": len(found), "accuracy_found": correct_found.mean(),
                     "n_messages": len(messages), "accuracy_end_to_end": correct_all.mean()})
    return pd.DataFrame(rows).set_index("field")


def errors(compared: pd.DataFrame) -> pd.DataFrame:
    """Every disagreement: headline, field, labelled and predicted value, rule (a detection error is one row)."""
    rows = []
    for row in compared.itertuples():
        base = {"headline_id": row.headline_id, "date": row.date, "title": row.title, "rule": row.rule,
                "note": getattr(row, "label_note", "")}
        if row.label_is_message != row.pred_is_message:
            error = "missed message" if row.label_is_message else "false message"
            rows.append(base | {"field": "is_message", "error": error, "labelled": str(row.label_is_message),
                                "predicted": str(row.pred_is_message)})
            continue
        if not row.label_is_message:
            continue
        for field in FIELDS:
            labelled, predicted = getattr(row, f"label_{field}"), getattr(row, f"pred_{field}")
            if labelled != predicted:
                rows.append(base | {"field": field, "error": f"wrong {field}", "labelled": labelled,
                                    "predicted": predicted})
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
    """Everything the notebook reports: detection, confusion table, field accuracy, errors."""
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
