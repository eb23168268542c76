"""The hand-written probes of the Wikipedia summaries (eval/probes/) keep the split their file
promises: dev files are tuned on, held-out files only measure (eval/README.md, "Dev/test split")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PROBES = sorted((Path(__file__).resolve().parents[1] / "eval" / "probes").glob("*.jsonl"))


@pytest.mark.parametrize("path", PROBES, ids=lambda p: p.name)
def test_a_probe_file_is_split_whole_and_well_formed(path):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    split = "test" if path.name.startswith("heldout") else "dev"
    assert rows and {r["split"] for r in rows} == {split}
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["question"].endswith("?") and row["category"] == "probe"
        assert bool(row["answers"]) is row["answerable"], row["id"]
        assert row["gold_docs"] and all(re.fullmatch(r"\d{5}-[\w-]+", d) for d in row["gold_docs"]), row["id"]


def test_no_question_is_both_tuned_on_and_held_out():
    questions = {p.name: {json.loads(line)["question"] for line in p.read_text(encoding="utf-8").splitlines()}
                 for p in PROBES}  # fmt: skip
    dev = set().union(*(q for name, q in questions.items() if name.startswith("dev")))
    held = set().union(*(q for name, q in questions.items() if name.startswith("heldout")))
    assert not dev & held
