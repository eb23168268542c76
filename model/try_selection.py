"""Reproduce issue 11's twenty-fifth-round selection experiment (model/README.md, "Tried and not
adopted"): the logistic regression is fitted pointwise (does this sentence answer?), but an
answerable question is answered from its most probable sentence. Would a model fitted on pairs
of one question's candidates (the answering one against each other one, RankSVM-style) pick the
answering sentence more often?

    .venv/bin/python model/try_probe_rows.py --wiki-json SUMMARIES_JSON --out /tmp/with-probes.json \
        --rows-out /tmp/rows.jsonl
    .venv/bin/python model/try_selection.py /tmp/rows.jsonl

Printed per set of questions, over ``--seeds`` random five-fold splits (try_interaction): the
share of the answerable questions whose answer is among the candidates no rule refuses that get
it from their best candidate, fitted out of fold pointwise (the shipped learner) and pairwise.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from try_interaction import out_of_fold, random_folds, read_rows

SETS = (("probe",), ("sample", "wiki"), ("sample", "wiki", "followup"))


def best_is_right(rows: list[dict], scores: np.ndarray, sets_list=SETS) -> list[float]:
    """Per set: the share of answerable questions, with an answering candidate no rule refuses,
    whose best-scoring such candidate answers."""
    best: dict[str, tuple[float, int, str]] = {}
    for i, row in enumerate(rows):
        if row["answerable"] and not row["ruled_out"] and scores[i] > best.get(row["qid"], (-np.inf,))[0]:
            best[row["qid"]] = (float(scores[i]), row["label"], row["set"])
    found = {r["qid"] for r in rows if r["label"] and not r["ruled_out"]}
    shares = []
    for sets in sets_list:
        right = [label for q, (_, label, kind) in best.items() if q in found and kind in sets]
        shares.append(float(np.mean(right)) if right else float("nan"))
    return shares


def pairwise_out_of_fold(x: np.ndarray, rows: list[dict], folds: list, c: float) -> np.ndarray:
    """Scores from a linear model fitted, fold by fold, on the differences between each
    answerable training question's answering candidates and its other candidates (rules aside)."""
    y = np.asarray([r["label"] for r in rows])
    scores = np.zeros(len(rows))
    for train, held in folds:
        mean, scale = x[train].mean(axis=0), x[train].std(axis=0)
        scale[scale < 1e-9] = 1.0
        z = (x - mean) / scale
        by_question: dict[str, list[int]] = defaultdict(list)
        for i in train:
            if rows[i]["answerable"] and not rows[i]["ruled_out"]:
                by_question[rows[i]["qid"]].append(i)
        pairs = [z[p] - z[n] for ids in by_question.values() for p in ids if y[p] for n in ids if not y[n]]
        if not pairs:
            raise SystemExit("no training question has both an answering and another candidate")
        differences = np.vstack([pairs, np.negative(pairs)])
        labels = np.r_[np.ones(len(pairs)), np.zeros(len(pairs))]
        fitted = LogisticRegression(C=c, max_iter=5000, fit_intercept=False).fit(differences, labels)
        scores[held] = z[held] @ fitted.coef_[0]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", type=Path, help="try_probe_rows.py --rows-out")
    parser.add_argument("--c", type=float, default=1.0, help="the logistic regressions' C (shipped: 1)")
    parser.add_argument("--seeds", type=int, default=6, help="random five-fold splits to average over")
    args = parser.parse_args()
    rows = read_rows(args.rows)
    y = np.asarray([r["label"] for r in rows])
    x = np.asarray([r["features"] for r in rows], dtype=np.float64)
    runs = {"pointwise": [], "pairwise": []}
    for seed in range(args.seeds):
        folds = list(random_folds(rows, seed))
        runs["pointwise"].append(best_is_right(rows, out_of_fold(x, y, folds, args.c)))
        runs["pairwise"].append(best_is_right(rows, pairwise_out_of_fold(x, rows, folds, args.c)))
    print(f"best candidate answers, mean (sd) over {args.seeds} splits:", " | ".join("+".join(s) for s in SETS))
    for name, values in runs.items():
        array = np.asarray(values)
        cells = (f"{m:.3f} ({s:.3f})" for m, s in zip(array.mean(axis=0), array.std(axis=0), strict=True))
        print(f"  {name:9s}", " | ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
