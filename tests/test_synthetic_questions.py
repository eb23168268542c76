"""eval/synthetic/make_questions.py: rule-made questions from Wikipedia summaries, never from the
eval set's own summaries, the same every run."""

from __future__ import annotations

import json
from pathlib import Path

from script_loader import load_script

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "eval" / "synthetic" / "questions.jsonl"


SUMMARIES = {
    "Norvik": {"description": "City in Vestland", "topic": "Geography",
               "extract": "Norvik is a port city. It has a population of 212,400 people."},
    "Eskar": {"description": "Town in Vestland", "topic": "Geography",
              "extract": "Eskar is a fishing town on the coast of Vestland."},
    "Halvard Brenn": {"description": "Norwegian composer", "topic": "People",
                      "extract": "Halvard Brenn was a Norwegian composer and organist."},
    "The Tidewater": {"description": "1931 novel", "topic": "Arts",
                      "extract": "The Tidewater is a novel written by English author Mary Holt."},
}  # fmt: skip


def test_questions_come_from_what_the_summaries_state_or_leave_out():
    make_questions = load_script("eval/synthetic/make_questions.py")
    made = {q["question"]: q for q in make_questions.synthesize(SUMMARIES, excluded=set())}
    assert made["What is the population of Norvik?"]["answers"] == [["212,400"]]
    assert made["What is the population of Eskar?"]["answerable"] is False  # a place with no population given
    assert made["In what year was Halvard Brenn born?"]["answerable"] is False
    assert made["Who wrote The Tidewater?"]["answers"] == [["Mary Holt"]]  # not "English" (author …)
    assert all(q["split"] == "dev" for q in made.values())


def test_the_eval_sets_summaries_are_never_used_and_runs_agree():
    module = load_script("eval/synthetic/make_questions.py")
    assert not {q["title"] for q in module.synthesize(SUMMARIES, excluded={"Norvik", "Eskar"})} & {"Norvik", "Eskar"}
    assert list(module.synthesize(SUMMARIES, set())) == list(module.synthesize(SUMMARIES, set()))
    shipped = [json.loads(line) for line in SHIPPED.read_text(encoding="utf-8").splitlines()]
    assert not {q["title"] for q in shipped} & module.eval_titles()
    assert {q["answerable"] for q in shipped} == {True, False}
