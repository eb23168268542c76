"""model/try_feature.py reproduces the "Tried and not adopted" figures of model/README.md: its
regularisation fit at the shipped C gives the shipped model's training block, and the "named
kind" feature fires on a name before the asked noun only."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from script_loader import load_script
from sklearn.model_selection import GroupKFold

from rag.frame import build_frame

ROOT = Path(__file__).resolve().parents[1]


def test_the_shipped_regularisation_gives_the_shipped_training_block():
    try_feature = load_script("model/try_feature.py")
    rows = [json.loads(line) for line in (ROOT / "model" / "features.jsonl").read_text().splitlines() if line]
    shipped = json.loads((ROOT / "model" / "answerability.json").read_text())["training"]
    assert try_feature.training_block(rows) == shipped
    assert try_feature.training_block(rows, 0.1)["oof_candidate_auc"] != shipped["oof_candidate_auc"]


def test_named_kind_needs_a_new_name_just_before_the_asked_noun():
    named_kind = load_script("model/try_feature.py").named_kind
    frame = build_frame("Which US-made missiles did Biden allow Ukraine to fire at targets inside Russia?")
    assert named_kind(frame, "Ukraine announced it had fired U.S. ATACMS missiles on an arms depot.") == 1.0
    assert named_kind(frame, "US President Joe Biden lifted restrictions on Kyiv's use of long-range missiles.") == 0.0
    assert named_kind(build_frame("How far can ATACMS fly?"), "Ukraine fired ATACMS missiles.") == 0.0


def test_the_operating_point_follows_the_folds_it_is_given():
    """``fit(folds=…)`` (try_feature --threshold-spread) with GroupKFold's own folds gives the shipped
    model; another split gives another threshold, and the same weights."""
    try_feature = load_script("model/try_feature.py")
    train = try_feature.train_answerability
    rows = [json.loads(line) for line in (ROOT / "model" / "features.jsonl").read_text().splitlines() if line]
    y = np.asarray([r["label"] for r in rows])
    groups = [r["qid"] for r in rows]
    folds = list(GroupKFold(n_splits=train.FOLDS).split(np.zeros((len(rows), 1)), y, groups))
    shipped = train.fit(rows, 0.02)
    assert train.fit(rows, 0.02, folds=folds) == shipped
    other = train.fit(rows, 0.02, folds=list(try_feature.random_folds(rows, 0)))
    assert other["threshold"] != shipped["threshold"] and other["weights"] == shipped["weights"]
