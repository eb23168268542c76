"""Stage 7d — compose: verified, repaired or extracted sentences → the final cited Answer.

Decides which path answers a question: the model's verified sentences when they answer it as
well as the best source sentence does; else the best source sentences (extractive); else an
abstention. Number questions whose sources disagree get every value with its attribution.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from rag import extract
from rag.cite import clean_markers, make_citation, parse_markers
from rag.judge import content_words, numbers, strip_markers
from rag.records import Answer, Citation, Document, Hit, SentenceVerdict
from rag.settings import Settings
from rag.verify import ABSTAIN_RE, Verification, verify

ABSTAIN_TEXT = "The articles don't say. The closest passages they have are listed as sources."
# A generated answer is used when at least MIN_NEW_WORDS of its words are not in the question
# and MIN_AGREEMENT of those come from one of the best source sentences (measured on eval/:
# the 135M model's verified sentences were less often right than the best source sentence).
MIN_NEW_WORDS = 2
MIN_AGREEMENT = 0.6
TOP_SENTENCES = 1
TOP_TYPED_SENTENCES = 10
Encode = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Turn:
    """Everything one question's answer is built from, fixed when the question arrives (so an
    index swapped by a concurrent upload cannot mix documents into this answer)."""

    question: str  # as the user asked it
    query: str  # the question with a follow-up resolved against the conversation
    hits: tuple[Hit, ...]
    documents: Mapping[str, Document]
    vocabulary: frozenset[str]
    raw: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    ranked: tuple[extract.Candidate, ...] = ()  # every source sentence scored, best first


def rank(turn: Turn, encode: Encode) -> Turn:
    """``turn`` with its source sentences scored against the question (done once per answer:
    the prompt, the early abstention and the final decision all use the same ranking)."""
    return replace(turn, ranked=tuple(extract.candidates(turn.query, list(turn.hits), encode)))


def early_abstention(turn: Turn, settings: Settings) -> Answer | None:
    """An abstention decided from the ranked sentences alone, before any generation: no
    sentence scores high enough, or the question names something the articles never do."""
    ranked = list(turn.ranked)
    if not ranked or ranked[0].score < settings.min_answer_score:
        return abstain(turn)
    picked = extract.pick(turn.query, ranked)
    context = " ".join(turn.hits[i].chunk.text for i in {c.hit_index for c in picked})
    if extract.unanswerable_reason(turn.query, ranked, picked[0], context, turn.vocabulary):
        return abstain(turn)
    return None


def compose(turn: Turn, settings: Settings, encode: Encode) -> Answer:
    """The final Answer for a ranked ``turn`` that :func:`early_abstention` let through (the
    model's raw output is in ``turn.raw``). ``encode`` should be the answer's :func:`cached`
    encoder: the judge compares the same sentences many times."""
    if not settings.verify or settings.answer_mode == "generate":
        return _unverified(turn)
    checked = verify(turn.raw, list(turn.hits), lambda a, b: _similarity(encode, a, b))
    answer = _decide(turn, checked, list(turn.ranked))
    return replace(answer, confidence=turn.ranked[0].score)


def abstain(turn: Turn, removed: tuple[SentenceVerdict, ...] = ()) -> Answer:
    return Answer(
        question=turn.question,
        text=ABSTAIN_TEXT,
        citations=(),
        sources=turn.hits,
        abstained=True,
        mode="abstained",
        removed=removed,
        raw_text=turn.raw,
        timings=turn.timings,
    )


def _decide(turn: Turn, checked: Verification, ranked: list[extract.Candidate]) -> Answer:
    query = turn.query
    picked = extract.pick(query, ranked)
    if checked.kept and _answers_question(query, checked.kept, ranked):
        kept = _dedupe(list(checked.kept)) + _other_values(turn, ranked, checked.kept)
        return _answer(turn, kept, checked.removed, "repaired" if checked.repaired else "generated")
    attribute = len(picked) > 1 and extract.answer_type(query) == "number"
    kept = [_extracted(turn, c, attribute) for c in picked]
    return _answer(turn, kept, checked.removed, "extractive")


def _answers_question(question: str, kept: tuple[SentenceVerdict, ...], ranked: list[extract.Candidate]) -> bool:
    """The generated sentences carry what the question asks for (a number, date or new name)
    and their new information — the words the question does not already contain — comes
    mostly from the best-ranked source sentences. A sentence that only restates the question
    is verified (its words are all in the passage) but answers nothing."""
    kind = extract.answer_type(question)
    if kind != "other" and not any(extract.matches_type(kind, v.text, question) for v in kept):
        return False
    asked = set(content_words(question))
    novel = set(content_words(" ".join(strip_markers(v.text) for v in kept))) - asked
    if len(novel) < MIN_NEW_WORDS:
        return False
    # Typed questions can be checked (the answer has the asked-for number, date or name), so any
    # well-ranked typed sentence may back them; untyped ones must agree with the very best.
    pool = (
        ranked[:TOP_SENTENCES]
        if kind == "other"
        else [c for c in ranked[:TOP_TYPED_SENTENCES] if extract.matches_type(kind, c.text, question)]
    )
    return any(len(novel & set(content_words(f"{c.text} {c.next_text}"))) / len(novel) >= MIN_AGREEMENT for c in pool)


def _dedupe(kept: list[SentenceVerdict]) -> list[SentenceVerdict]:
    """Drop a sentence whose content words an earlier kept sentence already states (small
    models repeat themselves)."""
    result: list[SentenceVerdict] = []
    for verdict in kept:
        words = set(content_words(verdict.text))
        if not any(words <= set(content_words(prior.text)) for prior in result):
            result.append(verdict)
    return result


def _unverified(turn: Turn) -> Answer:
    """The raw model output, markers cleaned but claims unchecked (the baseline to beat)."""
    text = clean_markers(turn.raw, len(turn.hits))
    if not text or ABSTAIN_RE.search(text):
        return abstain(turn)
    return _answer(turn, [SentenceVerdict(text, tuple(parse_markers(text)), True, "not verified")], (), "generated")


def _other_values(
    turn: Turn, ranked: list[extract.Candidate], kept: tuple[SentenceVerdict, ...]
) -> list[SentenceVerdict]:
    """Sources that give a different figure for the same thing than the generated answer."""
    if extract.answer_type(turn.query) != "number" or not ranked:
        return []
    said = " ".join(v.text for v in kept)
    others = [c for c in [ranked[0], *extract.conflicting(ranked, ranked[0])] if c.text not in said]
    return [
        _extracted(turn, c, True)
        for c in others
        if not _same_numbers(c.text, said)
        and extract.matches_type("number", c.text, turn.query)
        and extract.same_quantity(c.text, said)
    ]


def _extracted(turn: Turn, cand: extract.Candidate, attribute: bool) -> SentenceVerdict:
    n = cand.hit_index + 1
    text = cand.text
    if extract.needs_next_sentence(turn.query, cand):
        text = f"{text} {cand.next_text}"
    text = text.rstrip(" .")
    if attribute:
        hit = turn.hits[cand.hit_index]
        who = hit.outlet or f"“{hit.title}”"
        text = f"According to {who}{f' ({hit.date})' if hit.date else ''}: {text}"
    return SentenceVerdict(f"{text} [{n}].", (n,), True, "extracted verbatim from the source")


def _answer(turn: Turn, kept: list[SentenceVerdict], removed: tuple[SentenceVerdict, ...], mode: str) -> Answer:
    return Answer(
        question=turn.question,
        text=" ".join(v.text for v in kept),
        citations=tuple(_citations(turn, kept)),
        sources=turn.hits,
        abstained=False,
        mode=mode,
        sentences=tuple(kept),
        removed=removed,
        raw_text=turn.raw,
        timings=turn.timings,
    )


def _citations(turn: Turn, kept: list[SentenceVerdict]) -> list[Citation]:
    claims: dict[int, list[str]] = {}
    for verdict in kept:
        for n in verdict.citations:
            claims.setdefault(n, []).append(verdict.text)
    return [
        make_citation(n, turn.hits[n - 1], turn.documents[turn.hits[n - 1].chunk.doc_id], claims[n])
        for n in sorted(claims)
    ]


def cached(encode: Encode) -> Encode:
    """``encode`` with a per-answer memo of single texts."""
    memo: dict[str, np.ndarray] = {}

    def encode_cached(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        if missing:
            memo.update(zip(missing, encode(missing), strict=True))
        return np.stack([memo[t] for t in texts])

    return encode_cached


def _similarity(encode: Encode, a: str, b: str) -> float:
    vectors = encode([a, b])
    return float(vectors[0] @ vectors[1])


def _same_numbers(a: str, b: str) -> bool:
    return bool(numbers(a)) and numbers(a) <= numbers(b)
