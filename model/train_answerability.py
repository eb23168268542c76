"""Fit the answerability model from ``model/features.jsonl`` and write ``model/answerability.json``.

Deterministic: the same table gives the same file, byte for byte (tests/test_answerability.py
rebuilds it and compares hashes). Steps:
1. standardise the features; fit a logistic regression (scikit-learn, lbfgs, L2);
2. calibrate: Platt scaling fitted on out-of-fold scores (5 folds grouped by question, so no
   question's candidates are in both the fitting and the calibrating part);
3. choose the operating point on the out-of-fold coverage–accuracy trade-off: the highest
   threshold on a question's best probability that refuses at most ``--max-false-refusal`` of
   the answerable dev questions whose answer was retrieved.

    .venv/bin/python model/train_answerability.py [--features F] [--out F]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from rag.answerability import FEATURES

HERE = Path(__file__).resolve().parent
C = 1.0
FOLDS = 5
ANSWERED_SETS = ("sample", "wiki")  # whose answerable questions set the operating point


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", type=Path, default=HERE / "features.jsonl")
    parser.add_argument("--out", type=Path, default=HERE / "answerability.json")
    # 2%, not the 5% the product allows: the features were designed on these very dev questions,
    # so their out-of-fold refusals understate the refusals of unseen ones (3.1% out-of-fold
    # became 5.2% on the wiki test split at the previous stop, and more after this round's features)
    parser.add_argument("--max-false-refusal", type=float, default=0.02)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.features.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = fit(rows, args.max_false_refusal)
    model["training_table_sha256"] = hashlib.sha256(args.features.read_bytes()).hexdigest()
    text = json.dumps(model, indent=1, sort_keys=True) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} sha256 {hashlib.sha256(text.encode()).hexdigest()}", file=sys.stderr)
    print(json.dumps(model["training"], indent=1), file=sys.stderr)
    return 0


def fit(
    rows: list[dict],
    max_false_refusal: float,
    c: float = C,
    answered_sets: tuple[str, ...] = ANSWERED_SETS,
    folds: list[tuple[np.ndarray, np.ndarray]] | None = None,
) -> dict:
    """The model fitted on every row, calibrated and given its operating point on out-of-fold
    scores (``folds``: GroupKFold's by question unless given)."""
    x = np.asarray([r["features"] for r in rows], dtype=np.float64)
    y = np.asarray([r["label"] for r in rows], dtype=np.int64)
    groups = np.asarray([r["qid"] for r in rows])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    oof = np.zeros(len(rows))
    for train, held in folds if folds is not None else GroupKFold(n_splits=FOLDS).split(z, y, groups):
        oof[held] = _lr(z[train], y[train], c).decision_function(z[held])
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(oof.reshape(-1, 1), y)
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    oof_prob = 1.0 / (1.0 + np.exp(-(a * oof + b)))
    final = _lr(z, y, c)
    threshold, point = operating_point(rows, oof_prob, max_false_refusal, answered_sets)
    return {
        "features": list(FEATURES),
        "mean": _round(mean),
        "scale": _round(scale),
        "weights": _round(final.coef_[0]),
        "bias": round(float(final.intercept_[0]), 8),
        "platt_a": round(a, 8),
        "platt_b": round(b, 8),
        "threshold": round(threshold, 6),
        "training": {
            "rows": len(rows),
            "positives": int(y.sum()),
            "questions": len(set(groups.tolist())),
            "rows_by_set": dict(sorted(_count(r["set"] for r in rows).items())),
            "oof_candidate_auc": round(float(roc_auc_score(y, oof)), 4),
            "operating_point": point,
            "C": c,
            "folds": FOLDS,
        },
    }


def _lr(x: np.ndarray, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, solver="lbfgs").fit(x, y)


def operating_point(
    rows: list[dict], prob: np.ndarray, max_false_refusal: float, answered_sets: tuple[str, ...] = ANSWERED_SETS
) -> tuple[float, dict]:
    """The highest threshold on a question's best probability that refuses at most
    ``max_false_refusal`` of the answerable dev questions (of ``answered_sets``) whose answer
    was among the candidates; with what it abstains on among the unanswerable ones."""
    best: dict[str, float] = defaultdict(float)
    found: dict[str, bool] = defaultdict(bool)
    meta: dict[str, tuple[str, bool]] = {}
    for row, p in zip(rows, prob, strict=True):
        best[row["qid"]] = max(best[row["qid"]], float(p))
        found[row["qid"]] = found[row["qid"]] or bool(row["label"])
        meta[row["qid"]] = (row["set"], bool(row["answerable"]))
    answerable = sorted(best[q] for q, (kind, ok) in meta.items() if ok and found[q] and kind in answered_sets)
    allowed = int(np.floor(max_false_refusal * len(answerable)))
    threshold = answerable[allowed] - 1e-6 if answerable else 0.5
    point: dict[str, float | int] = {"threshold": round(threshold, 6), "answerable_with_answer_found": len(answerable)}
    for kind in ("sample", "wiki", "probe", "cross", "swap", "followup"):
        negatives = [best[q] for q, (k, ok) in meta.items() if k == kind and not ok]
        if negatives:
            point[f"abstain_{kind}_unanswerable"] = round(sum(p < threshold for p in negatives) / len(negatives), 4)
            point[f"n_{kind}_unanswerable"] = len(negatives)
    point["false_refusal_found"] = round(sum(p < threshold for p in answerable) / max(len(answerable), 1), 4)
    return threshold, point


def _round(values: np.ndarray) -> list[float]:
    return [round(float(v), 8) for v in values]


def _count(items) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item] += 1
    return dict(counts)


if __name__ == "__main__":
    raise SystemExit(main())
