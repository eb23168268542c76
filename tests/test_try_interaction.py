"""model/try_interaction.py's measures, which the experiment scripts share: random five-fold
splits of the questions (a question's rows never straddle folds) and the abstention figures read
back from a :func:`by_question` line."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _module():
    spec = importlib.util.spec_from_file_location("try_interaction", ROOT / "model" / "try_interaction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("try_interaction", module)
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict]:
    rows = []
    for q in range(40):
        for label in (1, 0, 0):
            answerable = q % 2 == 0
            rows.append({"qid": f"s:{q}", "set": "sample", "answerable": answerable,
                         "label": int(answerable and label), "ruled_out": False})  # fmt: skip
    return rows


def test_random_folds_hold_each_question_whole_once_and_repeat_with_the_seed():
    module = _module()
    rows = _rows()
    folds = list(module.random_folds(rows, 3))
    held = np.concatenate([h for _, h in folds])
    assert sorted(held) == list(range(len(rows)))
    for train, held_rows in folds:
        assert not {rows[i]["qid"] for i in train} & {rows[i]["qid"] for i in held_rows}
    again = list(module.random_folds(rows, 3))
    assert all((a[1] == b[1]).all() for a, b in zip(folds, again, strict=True))
    other = list(module.random_folds(rows, 4))
    assert any(set(a[1]) != set(b[1]) for a, b in zip(folds, other, strict=True))


def test_abstentions_reads_back_what_by_question_measured():
    module = _module()
    rows = _rows()
    # answerable questions' answers score 1, every other candidate 0, except one unanswerable
    # question whose candidate scores 2: 19 of 20 unanswerable fall below the answerable ones
    scores = np.asarray([float(r["label"]) for r in rows])
    scores[3 * 1] = 2.0
    line = module.by_question(rows, scores, sets_list=(("sample",),), shares=(0.0, 0.05))
    assert module.abstentions(line) == [0.95, 0.95]
