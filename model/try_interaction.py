"""Reproduce issue 11's twenty-second-round interaction experiment (model/README.md, "Tried and
not adopted"): can the bundled MiniLM encoder, frozen, tell a sentence that answers the question
from one that only shares its words, once a small head is fitted on the training rows?

    .venv/bin/python model/try_probe_rows.py --wiki-json SUMMARIES_JSON --out /tmp/with-probes.json \
        --rows-out /tmp/rows.jsonl
    .venv/bin/python model/try_interaction.py /tmp/rows.jsonl

Two learned scores, each a logistic regression fitted out of fold (5 folds grouped by question):
- ``inter``: over the question's and the sentence's own vectors, [q * s, |q - s|] (no extra
  encoding at answer time);
- ``pair``: over the vector of "question [SEP] sentence" encoded as one text (the encoder's
  attention sees both).
Each is appended to the shipped features, and the model is fitted out of fold with the same
folds. Printed per set of questions: the AUC of a question's best probability (a candidate a
rule refuses counts 0) between the unanswerable ones and the answerable ones whose answer is
among the candidates, and the share of unanswerable ones abstained on when 2% and 5% of those
answerable ones are refused.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from rag.embed import Embedder

SETS = (("probe",), ("sample", "wiki"), ("sample", "wiki", "cross", "swap"))


def read_rows(path: Path) -> list[dict]:
    """A JSON-lines table of rows (``try_probe_rows.py --rows-out``, ``features.jsonl``)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def out_of_fold(x: np.ndarray, y: np.ndarray, folds: list, c: float) -> np.ndarray:
    scores = np.zeros(len(y))
    for train, held in folds:
        mean, scale = x[train].mean(axis=0), x[train].std(axis=0)
        scale[scale < 1e-9] = 1.0
        fitted = LogisticRegression(C=c, max_iter=5000).fit((x[train] - mean) / scale, y[train])
        scores[held] = fitted.decision_function((x[held] - mean) / scale)
    return scores


def question_measures(
    rows: list[dict], scores: np.ndarray, sets_list=SETS, shares=(0.02, 0.05), only=None
) -> list[dict]:
    """Per set of questions: the AUC of a question's best score (a candidate a rule refuses left
    out) between the unanswerable ones and the answerable ones whose answer is among the
    candidates, and the abstention when ``shares`` of the latter are refused; over the rows
    ``only`` (indices; all when None)."""
    best: dict[str, float] = defaultdict(lambda: -np.inf)
    found: dict[str, bool] = defaultdict(bool)
    kind: dict[str, tuple[str, bool]] = {}
    for i in range(len(rows)) if only is None else only:
        row, refused = rows[i], rows[i]["ruled_out"]
        best[row["qid"]] = max(best[row["qid"]], -np.inf if refused else float(scores[i]))
        found[row["qid"]] |= bool(row["label"]) and not refused
        kind[row["qid"]] = (row["set"], row["answerable"])
    measures = []
    for sets in sets_list:
        asked = [q for q, (k, ok) in kind.items() if k in sets and (found[q] or not ok)]
        answerable = np.sort([best[q] for q in asked if kind[q][1]])
        unanswerable = np.asarray([best[q] for q in asked if not kind[q][1]])
        measures.append({
            "sets": sets,
            "auc": roc_auc_score([int(kind[q][1]) for q in asked], [max(best[q], -1e9) for q in asked]),
            "abstains": [float(np.mean(unanswerable < answerable[int(share * len(answerable))])) for share in shares],
            "answerable": len(answerable),
            "unanswerable": len(unanswerable),
        })  # fmt: skip
    return measures


def by_question(rows: list[dict], scores: np.ndarray, sets_list=SETS, shares=(0.02, 0.05), only=None) -> str:
    """:func:`question_measures`, as one line."""
    return "; ".join(
        f"{'+'.join(m['sets'])}: AUC {m['auc']:.4f}, abstains {' / '.join(f'{a:.3f}' for a in m['abstains'])} "
        f"(answerable {m['answerable']}, not {m['unanswerable']})"
        for m in question_measures(rows, scores, sets_list, shares, only)
    )


def random_folds(rows: list[dict], seed: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Five folds of the questions, of equal size, shuffled with ``seed``: GroupKFold gives one
    split, and one split's abstention at 2% refused moves by several questions from the split alone."""
    shuffled = np.random.default_rng(seed).permutation(sorted({r["qid"] for r in rows}))
    fold_of = {str(q): i % 5 for i, q in enumerate(shuffled)}
    fold = np.asarray([fold_of[r["qid"]] for r in rows])
    return ((np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(5))


SHARES = (0.01, 0.02, 0.03, 0.05)


def abstentions(rows: list[dict], scores: np.ndarray) -> list[float]:
    """The abstention at each of :data:`SHARES` refused, set after set."""
    return [a for measure in question_measures(rows, scores, shares=SHARES) for a in measure["abstains"]]


def compare_over_splits(rows: list[dict], variants: dict[str, np.ndarray], seeds: int, c: float = 1.0) -> list[str]:
    """Each variant's feature matrix fitted out of fold over ``seeds`` random splits: the mean
    abstention at :data:`SHARES` refused per set, and the spread (standard deviation) of the first
    variant's figures, or of another variant's gain over the first on the same splits."""
    y = np.asarray([r["label"] for r in rows])
    lines = [f"abstention at {' / '.join(f'{s:.0%}' for s in SHARES)} refused, over {seeds} splits: "
             + " | ".join("+".join(sets) for sets in SETS)]  # fmt: skip
    first = None
    for name, x in variants.items():
        runs = np.asarray([abstentions(rows, out_of_fold(x, y, list(random_folds(rows, s)), c)) for s in range(seeds)])
        spread = np.std(runs if first is None else runs - first, axis=0)
        for label, value in (("mean", runs.mean(axis=0)), ("sd" if first is None else "sd Δ", spread)):
            cells = value.reshape(-1, len(SHARES))
            lines.append(f"  {name:17s} {label:4s} " + " | ".join(" ".join(f"{v:.3f}" for v in row) for row in cells))
        first = runs if first is None else first
    return lines


def report_variants(rows: list[dict], variants: dict[str, np.ndarray], seeds: int, c: float = 1.0) -> list[str]:
    """Each variant fitted out of fold on GroupKFold's split (the shipped model's), one line each,
    then :func:`compare_over_splits` over ``seeds`` random splits."""
    y = np.asarray([r["label"] for r in rows])
    folds = list(GroupKFold(n_splits=5).split(rows, y, [r["qid"] for r in rows]))
    lines = [f"{name}, GroupKFold: " + by_question(rows, out_of_fold(x, y, folds, c)) for name, x in variants.items()]
    return lines + compare_over_splits(rows, variants, seeds, c)


def main() -> int:
    rows = read_rows(Path(sys.argv[1]))
    y = np.asarray([r["label"] for r in rows])
    features = np.asarray([r["features"] for r in rows], dtype=np.float64)
    folds = list(GroupKFold(n_splits=5).split(features, y, [r["qid"] for r in rows]))
    encode = Embedder().encode
    questions = np.asarray(encode([r["question"] for r in rows]))
    sentences = np.asarray(encode([r["text"] for r in rows]))
    pairs = np.asarray(encode([f"{r['question']} [SEP] {r['text']}" for r in rows]))
    print("shipped features:", by_question(rows, out_of_fold(features, y, folds, 1.0)))
    for c in (0.01, 0.1):
        inter = out_of_fold(np.hstack([questions * sentences, np.abs(questions - sentences)]), y, folds, c)
        pair = out_of_fold(pairs, y, folds, c)
        for name, extra in (("inter", inter), ("pair", pair)):
            print(f"{name} (C={c}) alone: candidate AUC {roc_auc_score(y, extra):.4f}")
            with_extra = out_of_fold(np.hstack([features, extra[:, None]]), y, folds, 1.0)
            print(f"  with {name}:", by_question(rows, with_extra))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
