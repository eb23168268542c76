"""Stage 7b — extractive answers: pick the source sentences that best answer the question.

Used when too little of the generated answer survives verification, and for questions
whose sources disagree (each value is stated with its own citation and attribution).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rag.judge import content_words, numbers, strip_markers
from rag.records import Hit, Span

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS}|(?:19|20)\d{{2}}|monday|tuesday|wednesday|thursday|friday|"
    rf"saturday|sunday|yesterday|today|{_MONTHS}|(?:last|next|this) (?:week|month|year))\b",
    re.IGNORECASE,
)
TYPE_BONUS = 0.12


@dataclass(frozen=True)
class Candidate:
    hit_index: int  # 0-based position in the hits list (marker = hit_index + 1)
    span: Span  # offsets into the document
    text: str  # clean sentence text, whitespace collapsed
    score: float


_NUMBER_Q = re.compile(
    r"\bhow (?:many|much|far|long|big|large|old)\b|\bwhat (?:range|number|distance|percentage)\b"
    r"|\bwhat is the range\b"
)
_DATE_Q = re.compile(r"\bwhen\b|\bwhat (?:date|day|month|year|time)\b|\bwhich (?:day|month|year)\b")
_NAME_Q = re.compile(
    r"^\s*who\b|\bwho (?:is|was|said|told|warned|called)\b|\bwhat is the name\b"
    r"|\bwhich (?:official|person|minister|president|outlet|newspaper|country|countries)\b"
)


def answer_type(question: str) -> str:
    """ "number", "date", "name" or "other", from the question's wording."""
    q = question.lower()
    for kind, pattern in (("number", _NUMBER_Q), ("date", _DATE_Q), ("name", _NAME_Q)):
        if pattern.search(q):
            return kind
    return "other"


def matches_type(kind: str, sentence: str) -> bool:
    sentence = strip_markers(sentence)
    if kind == "number":
        return bool(numbers(sentence))
    if kind == "date":
        return bool(_DATE_RE.search(sentence))
    if kind == "name":
        return bool(re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", sentence))
    return True


def candidates(question: str, hits: list[Hit], encode: Callable[[list[str]], np.ndarray]) -> list[Candidate]:
    """Every sentence of the retrieved chunks, scored against the question, best first."""
    seen: set[tuple[str, int]] = set()
    rows: list[tuple[int, Span, str]] = []
    for i, hit in enumerate(hits):
        for span in hit.chunk.sentences:
            key = (hit.chunk.doc_id, span.start)
            text = " ".join(hit.chunk.text[span.start - hit.chunk.start : span.end - hit.chunk.start].split())
            if key in seen or len(text.split()) < 4 or text.endswith("?"):
                continue
            seen.add(key)
            rows.append((i, span, text))
    if not rows:
        return []
    vectors = encode([question] + [text for _, _, text in rows])
    cosines = vectors[1:] @ vectors[0]
    kind = answer_type(question)
    wanted = set(content_words(question))
    scored = []
    for (i, span, text), cosine in zip(rows, cosines, strict=True):
        overlap = len(wanted & set(content_words(text))) / max(len(wanted), 1)
        bonus = TYPE_BONUS if kind != "other" and matches_type(kind, text) else 0.0
        scored.append(Candidate(i, span, text, float(cosine) + 0.3 * overlap + bonus))
    return sorted(scored, key=lambda c: -c.score)


def pick(question: str, ranked: list[Candidate], max_sentences: int = 1) -> list[Candidate]:
    """The best candidate, plus for number questions the best one of each disagreeing source."""
    if not ranked:
        return []
    chosen = [ranked[0]]
    if answer_type(question) == "number":
        chosen.extend(conflicting(ranked, chosen[0]))
    return chosen[: max(max_sentences, len(chosen))]


def conflicting(ranked: list[Candidate], top: Candidate, margin: float = 0.12, limit: int = 3) -> list[Candidate]:
    """Candidates close in score to ``top`` that state *different* numbers for the same quantity."""
    top_values = _quantities(top.text)
    if not top_values:
        return []
    units = {u for _, u in top_values}
    seen_values = set(top_values)
    extra: list[Candidate] = []
    for cand in ranked[1:]:
        if cand.score < top.score - margin or len(extra) + 1 >= limit:
            break
        values = {q for q in _quantities(cand.text) if q[1] in units}
        if values and not values & seen_values and cand.hit_index != top.hit_index:
            extra.append(cand)
            seen_values |= values
    return extra


def _quantities(text: str) -> set[tuple[float, str]]:
    """Numbers that are not years."""
    return {(v, u) for v, u in numbers(text) if not (u == "" and 1900 <= v <= 2100 and v.is_integer())}
