"""model/try_selection.py: the share of answerable questions answered from their best candidate,
and the pairwise learner it compares with the shipped pointwise one."""

from __future__ import annotations

import numpy as np
from script_loader import load_script


def _rows() -> list[dict]:
    rows = []
    for q in range(30):
        for c in range(3):  # candidate 0 answers; each question's rows share an offset
            rows.append({"qid": f"wiki:{q}", "set": "wiki", "answerable": True, "ruled_out": False,
                         "label": int(c == 0), "features": [1.0 - c, float(q % 7)]})  # fmt: skip
    return rows


def test_the_best_candidate_no_rule_refuses_is_counted():
    module = load_script("model/try_selection.py")
    rows = _rows()
    scores = np.asarray([r["features"][0] for r in rows])
    assert module.best_is_right(rows, scores, sets_list=(("wiki",),)) == [1.0]
    # a refused candidate is passed over, even when it scores best; one that is not wins
    rows[1] = rows[1] | {"ruled_out": True}
    scores[1] = 9.0
    assert module.best_is_right(rows, scores, sets_list=(("wiki",),)) == [1.0]
    scores[2] = 9.0
    assert module.best_is_right(rows, scores, sets_list=(("wiki",),)) == [29 / 30]


def test_the_pairwise_learner_ranks_within_each_question():
    module = load_script("model/try_selection.py")
    rows = _rows()
    x = np.asarray([r["features"] for r in rows])
    folds = list(load_script("model/try_interaction.py").random_folds(rows, 0))
    scores = module.pairwise_out_of_fold(x, rows, folds, 1.0)
    assert module.best_is_right(rows, scores, sets_list=(("wiki",),)) == [1.0]
    # differences within a question cancel the question's offset: its weight stays near zero
    assert np.corrcoef(scores, x[:, 0])[0, 1] > 0.99
