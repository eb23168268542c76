"""Issue 11, twenty-third round (tried, not adopted): would an answer-level model rank right
answers above wrong ones better than the best sentence's probability does? That ranking is the
coverage–accuracy curve (accuracy among the 60% answered most confidently: 88.1% / 76.5% on the
test splits at the twenty-second round, against a target of 97%).

For every answered question of the given `rag eval` reports, the question's evidence is rebuilt
(`Assistant.evidence`, no generation, over the index and corpus the report names) and these
answer-time signals taken: the confidence (as log-odds); the margin to the second sentence; how
many sentences clear the operating point; whether the two best come from one document; the
answer's mode, its parts, the question's kind, its citations and removed sentences; and then the
best sentence's 39 features. A logistic regression (balanced classes) is fitted on the dev
reports' answered questions, right against wrong, out of fold (5 folds grouped by report), and
once on all of them to score the test-split reports (the held-out probes; only the AUC is
printed). Each row prints the AUC between right and wrong answers::

    .venv/bin/python model/try_answer_confidence.py /tmp/dev/jc-{sample,wiki,synth,probe*,heldout*}

(the dialogues are left out: their second turns need the first's answer; so are the cross-corpus
sets, where every answer is wrong.)
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rag import Assistant
from rag.answerability import FEATURES

MODES = ("extractive", "generated")
KINDS = ("number", "date", "name")


def signals(assistant: Assistant, result: dict) -> tuple[list[float], list[float]]:
    """(the answer-level signals, the best sentence's features) of one answered question."""
    evidence = assistant.evidence(result["question"]["question"])
    ranked = evidence.ranked
    probs = [c.prob for c in ranked] + [0.0, 0.0]
    docs = [evidence.hits[c.hit_index].chunk.doc_id for c in ranked[:2]]
    p = min(max(result["confidence"], 1e-4), 1 - 1e-4)
    answer = [
        math.log(p / (1 - p)),
        probs[0] - probs[1],
        float(sum(c.prob >= evidence.threshold for c in ranked)),
        float(len(docs) == 2 and docs[0] == docs[1]),
        *(float(result["mode"] == mode) for mode in MODES),
        float(bool(evidence.frame.parts)),
        *(float(evidence.frame.kind == kind) for kind in KINDS),
        float(result["answer"].count("[")),
        float(len(result.get("removed_sentences") or [])),
    ]
    return answer, list(ranked[0].features) if ranked else [0.0] * len(FEATURES)


def collect(report_dirs: list[Path]) -> list[dict]:
    rows, loaded = [], {}
    for report_dir in report_dirs:
        report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
        settings = report["provenance"]["settings"]
        key = (settings["index_dir"], settings["corpus_dir"])
        if key not in loaded:
            loaded.clear()  # one index in memory at a time
            loaded[key] = Assistant.load(index_dir=Path(key[0]), corpus_dir=Path(key[1]))
        for result in report["results"]:
            if result["abstained"] or result["error"]:
                continue
            answer, features = signals(loaded[key], result)
            rows.append({"report": report_dir.name, "dev": report["meta"]["split"] == "dev",
                         "correct": bool(result["correct"]), "answer": answer, "features": features})  # fmt: skip
    return rows


def _fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    return scaler, LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(scaler.transform(x), y)


def _out_of_fold(x: np.ndarray, y: np.ndarray, groups: list[str], c: float) -> np.ndarray:
    scores = np.zeros(len(y))
    for train, held in GroupKFold(n_splits=5).split(x, y, groups):
        scaler, fitted = _fit(x[train], y[train], c)
        scores[held] = fitted.decision_function(scaler.transform(x[held]))
    return scores


def compare(rows: list[dict]) -> None:
    dev = [r for r in rows if r["dev"]]
    test = [r for r in rows if not r["dev"]]
    y, y_test = np.asarray([r["correct"] for r in dev]), np.asarray([r["correct"] for r in test])
    print(f"dev: {len(dev)} answered, {int((~y).sum())} wrong; "
          f"test: {len(test)} answered, {int((~y_test).sum())} wrong")  # fmt: skip
    print(f"confidence alone: dev {roc_auc_score(y, [r['answer'][0] for r in dev]):.3f}, "
          f"test {roc_auc_score(y_test, [r['answer'][0] for r in test]):.3f}")  # fmt: skip
    for name, with_features in (("answer signals", False), ("answer signals + features", True)):
        x = np.asarray([r["answer"] + (r["features"] if with_features else []) for r in dev])
        x_test = np.asarray([r["answer"] + (r["features"] if with_features else []) for r in test])
        for c in (0.1, 1.0):
            oof = _out_of_fold(x, y, [r["report"] for r in dev], c)
            scaler, fitted = _fit(x, y, c)
            on_test = roc_auc_score(y_test, fitted.decision_function(scaler.transform(x_test)))
            print(f"{name} (C={c}): dev out of fold {roc_auc_score(y, oof):.3f}, test {on_test:.3f}")


def main() -> int:
    compare(collect([Path(arg) for arg in sys.argv[1:]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
