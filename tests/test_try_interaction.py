"""model/try_interaction.py's measures, which the experiment scripts share: random five-fold
splits of the questions (a question's rows never straddle folds), and the per-set measures
:func:`by_question` prints and :func:`compare_over_splits` averages over splits."""

from __future__ import annotations

import re

import numpy as np
from script_loader import load_script


def _rows() -> list[dict]:
    rows = []
    for q in range(40):
        for label in (1, 0, 0):
            answerable = q % 2 == 0
            rows.append({"qid": f"s:{q}", "set": "sample", "answerable": answerable,
                         "label": int(answerable and label), "ruled_out": False})  # fmt: skip
    return rows


def test_random_folds_hold_each_question_whole_once_and_repeat_with_the_seed():
    module = load_script("model/try_interaction.py")
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


def test_the_measures_count_the_unanswerable_below_the_answerable():
    module = load_script("model/try_interaction.py")
    rows = _rows()
    # answerable questions' answers score 1, every other candidate 0, except one unanswerable
    # question whose candidate scores 2: 19 of 20 unanswerable fall below the answerable ones
    scores = np.asarray([float(r["label"]) for r in rows])
    scores[3 * 1] = 2.0
    (measure,) = module.question_measures(rows, scores, sets_list=(("sample",),), shares=(0.0, 0.05))
    assert measure["abstains"] == [0.95, 0.95]
    assert (measure["answerable"], measure["unanswerable"]) == (20, 20)
    line = module.by_question(rows, scores, sets_list=(("sample",),), shares=(0.0, 0.05))
    assert line == f"sample: AUC {measure['auc']:.4f}, abstains 0.950 / 0.950 (answerable 20, not 20)"


def test_comparing_over_splits_gives_a_copy_of_the_first_variant_no_spread():
    module = load_script("model/try_interaction.py")
    rows = [r | {"set": s} for r in _rows() for s in ("probe", "wiki")]
    rows = [r | {"qid": f"{r['set']}:{r['qid']}"} for r in rows]
    rng = np.random.default_rng(0)
    x = np.asarray([[r["label"] + rng.normal(0, 0.8), rng.normal()] for r in rows])
    lines = module.compare_over_splits(rows, {"shipped": x, "copy": x.copy(), "noise": x[:, 1:]}, seeds=2)
    assert lines[0].startswith("abstention at 1% / 2% / 3% / 5% refused, over 2 splits: probe | sample+wiki")
    shipped, shipped_sd, copy, copy_sd, noise, _ = (re.findall(r"\d\.\d{3}", line) for line in lines[1:])
    assert len(shipped) == 3 * 4 and copy == shipped and set(copy_sd) == {"0.000"}
    assert set(shipped_sd) != {"0.000"} and noise != shipped
    # the report adds one GroupKFold line per variant before the same comparison
    report = module.report_variants(rows, {"shipped": x, "copy": x.copy(), "noise": x[:, 1:]}, seeds=2)
    assert [line.split(",")[0] for line in report[:3]] == ["shipped", "copy", "noise"]
    assert report[0].split(": ", 1)[1] == report[1].split(": ", 1)[1] and report[3:] == lines
