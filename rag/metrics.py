"""Pure evaluation metrics: the correctness rule, retrieval ranks, citation checks, intervals.

Nothing here loads a model; every function takes plain values so it can be tested in a table.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from rag.cite import MARKER_RE

BOOTSTRAP_SEED = 20241122
BOOTSTRAP_SAMPLES = 2000


@dataclass(frozen=True)
class Rate:
    """A rate with its bootstrap 95% interval over ``n`` items."""

    value: float | None  # None when there is nothing to measure (n == 0)
    low: float | None
    high: float | None
    n: int


def normalize(text: str) -> str:
    """Lower-case, citation markers removed, whitespace collapsed (the correctness rule's view of a text)."""
    return re.sub(r"\s+", " ", MARKER_RE.sub("", text)).strip().casefold()


def matches_answers(text: str, answers: Sequence[Sequence[str]]) -> bool:
    """True when every answer group has at least one alternative inside ``text``."""
    have = normalize(text)
    return bool(answers) and all(any(normalize(alt) in have for alt in group if alt.strip()) for group in answers)


def is_correct(text: str, abstained: bool, answerable: bool, answers: Sequence[Sequence[str]]) -> bool:
    """Unanswerable: correct means abstained. Answerable: not abstained and every group matched."""
    if not answerable:
        return abstained
    return not abstained and matches_answers(text, answers)


def doc_recall(ranked_docs: Sequence[str], gold: Sequence[str], k: int) -> float | None:
    """Share of the gold documents found among the first ``k`` ranked documents (None without gold)."""
    if not gold:
        return None
    top = set(ranked_docs[:k])
    return sum(1 for d in set(gold) if d in top) / len(set(gold))


def reciprocal_rank(ranked_docs: Sequence[str], gold: Sequence[str], k: int = 10) -> float | None:
    """1/rank of the first ranked item from a gold document within ``k``; 0 when none; None without gold."""
    if not gold:
        return None
    for rank, doc in enumerate(ranked_docs[:k], start=1):
        if doc in gold:
            return 1.0 / rank
    return 0.0


def marker_problems(
    text: str, citations: Sequence[tuple[int, str, int, int, str]], documents: dict[str, str]
) -> list[str]:
    """Why the answer's markers or quotes are invalid ([] when valid).

    ``citations`` holds (n, doc_id, start, end, quote); ``documents`` maps doc_id → full text.
    Every ``[n]`` in the text must name a citation, and every quote must be ``text[start:end]``.
    """
    problems = []
    known = {c[0] for c in citations}
    for match in MARKER_RE.finditer(text):
        for part in re.split(r"[,;]", match.group(1)):
            if int(part) not in known:
                problems.append(f"marker [{int(part)}] has no citation")
    for n, doc_id, start, end, quote in citations:
        if doc_id not in documents:
            problems.append(f"citation [{n}] names unknown document {doc_id}")
        elif documents[doc_id][start:end] != quote:
            problems.append(f"citation [{n}] quote differs from {doc_id}[{start}:{end}]")
    return problems


Judge = Callable[[str, str], bool]


@dataclass(frozen=True)
class CitationScores:
    recall: float  # share of sentences supported by all their cited passages together
    precision: float  # share of citations that are needed (ALCE)
    sentences: int
    citations: int
    unsupported: tuple[str, ...]  # sentences their citations do not support


def alce_scores(sentences: Sequence[tuple[str, Sequence[str]]], supports: Judge) -> CitationScores:
    """ALCE citation recall and precision for one answer.

    ``sentences`` holds (sentence, [cited passage texts]); ``supports(sentence, passage)`` is the judge.
    A sentence counts for recall when its cited passages, joined, support it. A citation is
    imprecise when the sentence is unsupported, or when it alone does not support the sentence
    and the other citations still do without it (Gao et al. 2023, ALCE).
    """
    supported = precise = total = 0
    unsupported = []
    for sentence, passages in sentences:
        joint = bool(passages) and supports(sentence, "\n".join(passages))
        supported += joint
        total += len(passages)
        if not joint:
            unsupported.append(sentence)
        elif len(passages) == 1:
            precise += 1
        else:
            for i, passage in enumerate(passages):
                rest = [p for j, p in enumerate(passages) if j != i]
                precise += supports(sentence, passage) or not supports(sentence, "\n".join(rest))
    return CitationScores(
        recall=supported / len(sentences) if sentences else 0.0,
        precision=precise / total if total else 0.0,
        sentences=len(sentences),
        citations=total,
        unsupported=tuple(unsupported),
    )


def bootstrap_rate(values: Sequence[float], samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED) -> Rate:
    """Mean of ``values`` with a percentile bootstrap 95% interval (fixed seed: reproducible)."""
    data = np.asarray([float(v) for v in values], dtype=float)
    if data.size == 0:
        return Rate(None, None, None, 0)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(samples, data.size))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Rate(float(data.mean()), float(low), float(high), int(data.size))


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (linear interpolation); None for no values."""
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else None


def latency_summary(values: Sequence[float]) -> dict[str, float | int | None]:
    return {
        "median": statistics.median(values) if values else None,
        "p95": percentile(values, 95),
        "n": len(values),
    }


@dataclass(frozen=True)
class CurvePoint:
    threshold: float
    coverage: float  # share of questions answered at this threshold
    accuracy: float | None  # share correct among the answered ones
    answered: int


def coverage_curve(items: Sequence[tuple[float, bool, bool]]) -> list[CurvePoint]:
    """Coverage vs accuracy when answering only at ``confidence >= threshold``.

    ``items`` holds (confidence, answered, correct) per question; an unanswerable question that is
    answered counts as wrong. Thresholds sweep every distinct confidence of an answered question.
    """
    if not items:
        return []
    thresholds = sorted({c for c, answered, _ in items if answered}) or [0.0]
    points = []
    for t in thresholds:
        kept = [correct for c, answered, correct in items if answered and c >= t]
        accuracy = sum(kept) / len(kept) if kept else None
        points.append(CurvePoint(t, len(kept) / len(items), accuracy, len(kept)))
    return points
