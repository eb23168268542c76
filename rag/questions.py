"""Question sets for evaluation: JSONL questions, two-turn dialogues, dev/test splits.

Schema (one JSON object per line): ``id``, ``question``, ``answerable``, ``answers`` (a list of
groups; every group must be matched by one of its alternatives), optional ``gold_docs``,
``category`` and ``split`` ("dev" for tuning, "test" for reporting). Dialogues hold ``turns``:
two such questions, the second a follow-up of the first (``eval/README.md``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rag.errors import RagError


class EvalInputError(RagError, ValueError):
    """A question set, thresholds or compared report file is malformed (the message names the file and line)."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answerable: bool
    answers: tuple[tuple[str, ...], ...]  # every group must be matched by one of its alternatives
    gold_docs: tuple[str, ...] = ()
    category: str = "uncategorised"
    split: str = ""  # "dev" (tuning) or "test" (reported, never tuned on); "" when the set has no split
    earlier: str = ""  # a dialogue's first question: this question is its follow-up


# -- the question set ------------------------------------------------------------------


def load_questions(path: Path) -> list[Question]:
    """Read and validate a JSONL question set; a bad row raises :class:`EvalInputError` naming its line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalInputError(f"cannot read question set {path}: {exc.strerror or exc}") from exc
    questions: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalInputError(f"{where}: not valid JSON ({exc.msg})") from exc
        question = parse_question(row, where)
        if question.id in seen:
            raise EvalInputError(f"{where}: duplicate id {question.id!r}")
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise EvalInputError(f"{path}: no questions")
    return questions


def parse_question(row: Any, where: str) -> Question:
    """One validated row: id, question, answerable, answers (list of lists), gold_docs, optional category."""
    if not isinstance(row, dict):
        raise EvalInputError(f"{where}: expected a JSON object, got {type(row).__name__}")
    for key in ("id", "question", "answerable", "answers"):
        if key not in row:
            raise EvalInputError(f"{where}: missing field {key!r}")
    if not isinstance(row["id"], str) or not row["id"].strip():
        raise EvalInputError(f"{where}: 'id' must be a non-empty string")
    if not isinstance(row["question"], str) or not row["question"].strip():
        raise EvalInputError(f"{where}: 'question' must be a non-empty string")
    if not isinstance(row["answerable"], bool):
        raise EvalInputError(f"{where}: 'answerable' must be true or false")
    answers = row["answers"]
    if not isinstance(answers, list) or not all(
        isinstance(g, list) and g and all(isinstance(a, str) and a.strip() for a in g) for g in answers
    ):
        raise EvalInputError(f"{where}: 'answers' must be a list of non-empty lists of non-empty strings")
    if row["answerable"] and not answers:
        raise EvalInputError(f"{where}: an answerable question needs at least one answer group")
    if not row["answerable"] and answers:
        raise EvalInputError(f"{where}: an unanswerable question must have no answers")
    gold = row.get("gold_docs", [])
    if not isinstance(gold, list) or not all(isinstance(d, str) and d for d in gold):
        raise EvalInputError(f"{where}: 'gold_docs' must be a list of document ids")
    category = row.get("category") or ("uncategorised" if row["answerable"] else "unanswerable")
    if not isinstance(category, str):
        raise EvalInputError(f"{where}: 'category' must be a string")
    split = row.get("split", "")
    if split not in ("", "dev", "test"):
        raise EvalInputError(f"{where}: 'split' must be 'dev' or 'test', not {split!r}")
    return Question(
        id=row["id"],
        question=row["question"],
        answerable=row["answerable"],
        answers=tuple(tuple(g) for g in answers),
        gold_docs=tuple(gold),
        category=category,
        split=split,
    )


def select(questions: list[Question], split: str | None) -> list[Question]:
    """The questions of one split ("dev" or "test"); all of them for None or "all"."""
    if split in (None, "all"):
        return questions
    chosen = [q for q in questions if q.split == split]
    if not chosen:
        raise EvalInputError(
            f"no question is in split {split!r} (the set has splits {sorted({q.split for q in questions})})"
        )
    return chosen


def load_dialogues(path: Path) -> list[Question]:
    """Two-turn dialogues (``eval/dialogues.jsonl``) as their second turns, each knowing its first
    question: what is scored is the follow-up, asked after the first turn was answered."""
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            row = json.loads(line)
            first, second = row["turns"][0], row["turns"][1]
        except (json.JSONDecodeError, KeyError, IndexError, TypeError) as exc:
            raise EvalInputError(f"{where}: a dialogue needs 'turns' with two questions ({exc})") from exc
        parsed = parse_question({**second, "id": row.get("id", ""), "split": row.get("split", "")}, where)
        questions.append(replace(parsed, earlier=str(first.get("question", "")), category="followup"))
    if not questions:
        raise EvalInputError(f"{path}: no dialogues")
    return questions


def as_unanswerable(questions: list[Question]) -> list[Question]:
    """The same questions as unanswerable: for asking them of an index of another corpus."""
    return [replace(q, answerable=False, answers=(), gold_docs=(), category="cross_corpus") for q in questions]
