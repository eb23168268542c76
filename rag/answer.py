"""Stage 7d — compose: verified, repaired or extracted sentences → the final cited Answer.

Decides which path answers a question: the model's verified sentences when they answer it as
well as the best source sentence does; else the best source sentences (extractive); else an
abstention. Number questions whose sources disagree get every value with its attribution.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from rag import answerability, counting, extract
from rag.cite import clean_markers, make_citation, parse_markers
from rag.frame import QuestionFrame
from rag.judge import content_words, numbers
from rag.part_answers import answered_after
from rag.person import answers_who
from rag.records import Answer, Citation, Document, Hit, SentenceVerdict
from rag.settings import Settings
from rag.text import entity_share, name_key, strip_markers
from rag.units import states_asked_unit
from rag.unmet_names import drops_the_owner
from rag.verify import ABSTAIN_RE, Verification, verify

ABSTAIN_TEXT = "The articles don't say. The closest passages they have are listed as sources."
# A generated answer is used when at least MIN_NEW_WORDS of its words are not in the question and MIN_AGREEMENT
# of those come from a best source sentence (eval/: the 135M model's were less often right than that sentence).
MIN_NEW_WORDS = 2
MIN_AGREEMENT = 0.6
OFF_TOPIC = "supported by its passage, but not from the sentences that answer the question"
Encode = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Evidence:
    """Everything one question's answer is built from, fixed when the question arrives (so an
    index swapped by a concurrent upload cannot mix documents into this answer). Built once
    per question by the pipeline and read, never re-derived, by ranking, the prompt's focus,
    abstention and composition."""

    frame: QuestionFrame  # what is asked and what constrains it
    hits: tuple[Hit, ...]
    documents: Mapping[str, Document]
    vocabulary: frozenset[str]
    raw: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    ranked: tuple[extract.Candidate, ...] = ()  # the scored source sentences, most probable answer first
    picked: tuple[extract.Candidate, ...] = ()  # the sentences that answer it (extractive answer)
    threshold: float = 0.0  # the operating point: abstain when no sentence is this probable
    note: str = ""  # why nothing was searched (filters that no document passes); shown as the abstention
    parts: tuple[Evidence, ...] = ()  # a question asking several things: each part's own evidence

    @property
    def question(self) -> str:
        return self.frame.question

    @property
    def query(self) -> str:
        return self.frame.query

    @property
    def confidence(self) -> float:
        """The calibrated probability that the best sentence answers the question (for a
        question of several parts, that of its least certain part)."""
        if self.parts:
            return min(part.confidence for part in self.parts)
        return self.ranked[0].prob if self.ranked else 0.0

    @cached_property
    def answered_parts(self) -> tuple[Evidence, ...]:
        """The parts the articles answer (those no early abstention stops; one asked of the part
        before it, "…, and in which year?", only with that part, from its subject's article, or by a sentence
        holding what that part asks about: rag.part_answers); decided once, read by the abstention and the
        composition."""
        answered: list[Evidence] = []
        for before, part in zip((None, *self.parts), self.parts, strict=False):
            if early_abstention(part) is not None:
                continue
            if not part.frame.of_part_before or answered_after(before, part, any(before is a for a in answered)):
                answered.append(part)
        return tuple(answered)


def with_parts(evidence: Evidence, parts: list[Evidence]) -> Evidence:
    """``evidence`` (over the merged passages of all parts; its own sentences are not ranked: no
    answer is built from the whole question) holding each part's evidence, its sentences
    re-pointed at their passage's place among the merged ones (the marker)."""
    position = {hit.chunk.chunk_id: i for i, hit in enumerate(evidence.hits)}

    def moved(part: Evidence, cands: tuple[extract.Candidate, ...]) -> tuple[extract.Candidate, ...]:
        kept = (c for c in cands if part.hits[c.hit_index].chunk.chunk_id in position)
        return tuple(replace(c, hit_index=position[part.hits[c.hit_index].chunk.chunk_id]) for c in kept)

    return replace(
        evidence,
        parts=tuple(
            replace(p, hits=evidence.hits, ranked=moved(p, p.ranked), picked=moved(p, p.picked)) for p in parts
        ),
    )


def rank(evidence: Evidence, encode: Encode, model: answerability.Model, threshold: float) -> Evidence:
    """``evidence`` with its source sentences scored (done once per answer: the prompt, the
    abstention and the final decision all use the same ranking). A first pass (meaning, shared
    words, type) keeps the best sentences; the learned model gives each a calibrated probability."""
    first = extract.candidates(evidence.frame, list(evidence.hits), encode)[: answerability.SCORED_CANDIDATES]
    rows = answerability.feature_rows(evidence.frame, first, evidence.hits, evidence.documents, evidence.vocabulary)
    ranked = answerability.score(model, evidence.frame, first, rows, evidence.hits, evidence.documents)
    picked = tuple(extract.pick(evidence.frame, list(ranked), threshold))
    return replace(evidence, ranked=ranked, picked=picked, threshold=threshold)


def early_abstention(evidence: Evidence) -> Answer | None:
    """An abstention decided from the scored sentences alone, before any generation: no
    sentence is probable enough, or the question names something the articles never do."""
    if evidence.parts:
        return None if evidence.answered_parts else abstain(evidence)
    if not evidence.ranked or evidence.confidence < evidence.threshold:
        return abstain(evidence)
    top = evidence.picked[0]
    if answerability.speaker_silent(evidence.frame, evidence.ranked) or answerability.win_unstated(evidence.frame, top):
        return abstain(evidence)
    context = extract.with_previous(evidence.hits[top.hit_index], top)
    if extract.unanswerable_reason(evidence.frame, list(evidence.ranked), top, context, evidence.vocabulary):
        return abstain(evidence)
    return None


def compose(evidence: Evidence, settings: Settings, encode: Encode) -> Answer:
    """The final Answer for scored ``evidence`` that :func:`early_abstention` let through (the
    model's raw output is in ``evidence.raw``). ``encode`` should be the answer's :func:`cached`
    encoder: the judge compares the same sentences many times."""
    if not settings.verify or settings.answer_mode == "generate":
        return _unverified(evidence)
    if evidence.parts:
        return _compose_parts(evidence)
    checked = verify(evidence.raw, list(evidence.hits), lambda a, b: _similarity(encode, a, b), evidence.frame.words)
    return _decide(evidence, checked)


def abstain(evidence: Evidence, removed: tuple[SentenceVerdict, ...] = ()) -> Answer:
    return Answer(
        question=evidence.question,
        text=evidence.note or ABSTAIN_TEXT,
        citations=(),
        sources=evidence.hits,
        abstained=True,
        mode="abstained",
        removed=removed,
        raw_text=evidence.raw,
        confidence=evidence.confidence,
        searched_for=evidence.query,
        timings=evidence.timings,
    )


def _decide(evidence: Evidence, checked: Verification) -> Answer:
    frame, picked = evidence.frame, list(evidence.picked)
    on_topic = tuple(v for v in checked.kept if _from_picked(frame, v, picked))
    off_topic = tuple(replace(v, removed=True, reason=OFF_TOPIC) for v in checked.kept if v not in on_topic)
    removed = checked.removed + off_topic
    if on_topic and _answers_question(frame, on_topic, picked) and not _only_shortens(frame, on_topic, picked):
        kept = _dedupe(list(on_topic)) + _other_values(evidence, on_topic)
        repaired = checked.repaired or bool(off_topic)
        return _answer(evidence, kept, removed, "repaired" if repaired else "generated")
    attribute = len(picked) > 1 and frame.kind == "number"
    shown = frozenset(c.text for c in picked)
    kept = [_extracted(evidence, c, attribute, shown) for c in picked]
    return _answer(evidence, kept, removed, "extractive")


def _compose_parts(evidence: Evidence) -> Answer:
    """Each answered part's picked sentences, in the order the question asks them (extractive:
    the small model does not answer several questions in one paragraph reliably); the parts the
    articles do not answer are listed in ``Answer.unanswered``."""
    answered = evidence.answered_parts
    if not answered:
        return abstain(evidence)
    kept: list[SentenceVerdict] = []
    shown: set[str] = set()  # one sentence answering two parts is given once (its wording may differ per part)
    chosen: list[extract.Candidate] = []
    for part in answered:
        best = _given_again(part, chosen) or part.picked[0]
        chosen.append(best)
        verdict = _extracted(part, best, False)
        if part.frame.subject and not extract.names_subject(verdict.text, part.frame.subject):
            # "It is the 12th largest lake on Earth": say which alternative (its passage names it)
            verdict = replace(verdict, text=f"{part.frame.subject}: {verdict.text}")
        if verdict.text not in shown and best.text not in shown:
            kept.append(verdict)
        shown |= {verdict.text, best.text}
    missing = tuple(_asked(p.frame) for p in evidence.parts if p not in answered)
    return replace(_answer(evidence, kept, (), "extractive"), unanswered=missing)


def _given_again(part: Evidence, chosen: list[extract.Candidate]) -> extract.Candidate | None:
    """For a part asked of the one before it ("What is the highest mountain in Dominica, and how tall is
    it?"), a sentence already chosen that answers it too when its own best is from another article."""
    docs = [part.hits[c.hit_index].chunk.doc_id for c in (part.picked[0], *chosen)]
    if not part.frame.of_part_before or docs[0] in docs[1:]:
        return None
    texts = {c.text for c in chosen}
    return next((c for c in part.ranked if c.prob >= part.threshold and c.text in texts), None)


def _asked(part: QuestionFrame) -> str:
    """A part as the user asked it: "In which year?", not the text it is read with."""
    return part.question.split("? ", 1)[0] + "?" if part.of_part_before else part.question


def _from_picked(frame: QuestionFrame, verdict: SentenceVerdict, picked: list[extract.Candidate]) -> bool:
    """A verified sentence is kept only when its new information (the words the question does
    not already hold) comes mostly from a sentence picked as the answer: a sentence its passage
    supports but that states another fact of that passage answers another question."""
    novel = set(content_words(strip_markers(verdict.text))) - frame.terms
    if not novel:
        return True
    sources = [_source_text(frame, c) for c in picked]
    return any(len(novel & set(content_words(text))) / len(novel) >= MIN_AGREEMENT for text in sources)


def _only_shortens(frame: QuestionFrame, kept: tuple[SentenceVerdict, ...], picked: list[extract.Candidate]) -> bool:
    """Every generated sentence only drops words from a picked sentence ("Storm Shadow missiles
    can hit targets up to 250 km" from "Storm Shadow missiles, also called SCALPs, can hit …"):
    the model added nothing and may have dropped the very answer, so the picked sentence itself
    is shown (exact, and never less informative)."""
    sources = [set(content_words(_source_text(frame, c))) for c in picked]
    return all(
        any(set(content_words(strip_markers(v.text))) < source for source in sources) for v in kept
    )


def _source_text(frame: QuestionFrame, cand: extract.Candidate) -> str:
    return f"{cand.text} {cand.next_text}" if extract.needs_next_sentence(frame, cand) else cand.text


def _answers_question(
    frame: QuestionFrame,
    kept: tuple[SentenceVerdict, ...],
    picked: list[extract.Candidate],
) -> bool:
    """The generated sentences carry what the question asks for (a number, date or new name)
    and something new: a sentence that only restates the question is verified (its words are
    all in the passage) but answers nothing. A question asking for several items is answered
    by each picked sentence (extractive), one asking for a unit ("in kilometres?") by a sentence
    giving it, and one only a person answers by a sentence naming one."""
    if len(picked) > 1 and frame.several:
        return False
    if frame.kind != "other" and not any(extract.matches_type(frame, v.text) for v in kept):
        return False
    if not any(states_asked_unit(frame.asked_unit, strip_markers(v.text)) for v in kept):
        return False  # "… in kilometres?" answered "190 miles": the picked sentence may give both
    named = (
        answers_who(strip_markers(v.text), words=frame.person_speaks, question=frame.question) for v in kept
    )
    if frame.asks_person and not any(named):
        return False  # "Which analyst commented?" answered "The Chatham House analyst commented …"
    if frame.kind == "name" and all(extract.opens_with_he_or_she(strip_markers(v.text)) for v in kept):
        return False  # "Who shared the award with Pelé?" answered "…, he was one of the two joint winners"
    if drops_the_owner(frame.question, " ".join(strip_markers(v.text) for v in kept), [c.text for c in picked]):
        return False  # "Which of Newton's laws …?" answered without "Newton's third law"
    novel = set(content_words(" ".join(strip_markers(v.text) for v in kept))) - frame.terms
    return len(novel) >= MIN_NEW_WORDS


def _dedupe(kept: list[SentenceVerdict]) -> list[SentenceVerdict]:
    """Drop a sentence whose content words an earlier kept sentence already states (small
    models repeat themselves)."""
    result: list[SentenceVerdict] = []
    for verdict in kept:
        words = set(content_words(verdict.text))
        if not any(words <= set(content_words(prior.text)) for prior in result):
            result.append(verdict)
    return result


def _unverified(evidence: Evidence) -> Answer:
    """The raw model output, markers cleaned but claims unchecked (the baseline to beat)."""
    text = clean_markers(evidence.raw, len(evidence.hits))
    if not text or ABSTAIN_RE.search(text):
        return abstain(evidence)
    return _answer(evidence, [SentenceVerdict(text, tuple(parse_markers(text)), True, "not verified")], (), "generated")


def _other_values(evidence: Evidence, kept: tuple[SentenceVerdict, ...]) -> list[SentenceVerdict]:
    """Sources that give a different figure for the same thing than the generated answer."""
    frame, ranked = evidence.frame, list(evidence.ranked)
    if frame.kind != "number" or not ranked:
        return []
    said = " ".join(v.text for v in kept)
    top = evidence.picked[0]
    others = [c for c in [top, *extract.conflicting(ranked, top, floor=evidence.threshold)] if c.text not in said]
    return [
        _extracted(evidence, c, True)
        for c in others
        if not _same_numbers(c.text, said)
        and extract.matches_type(frame, c.text)
        and counting.same_quantity(c.text, said)
    ]


def _extracted(
    evidence: Evidence, cand: extract.Candidate, attribute: bool, shown: frozenset[str] = frozenset()
) -> SentenceVerdict:
    """``cand`` as an answer sentence (with the sentence after it when that holds the answer and
    is not ``shown`` on its own already)."""
    n = cand.hit_index + 1
    text = cand.text
    if extract.needs_next_sentence(evidence.frame, cand) and cand.next_text not in shown:
        text = f"{text} {cand.next_text}"
    text = _who_he_is(evidence, cand, text.rstrip(" ."))
    if attribute:
        text = f"According to {source_phrase(evidence.hits[cand.hit_index])}: {text}"
    return SentenceVerdict(f"{text} [{n}].", (n,), True, "extracted verbatim from the source")


def _who_he_is(evidence: Evidence, cand: extract.Candidate, text: str) -> str:
    """For a question a name answers, a sentence opening "He"/"She" (or "It is") in an article about someone
    (something) the question does not name says who first: "Pierre Curie: He shared the 1903 Nobel Prize with
    his wife, Marie Curie" for "Who was Marie Curie's spouse?", "Americium: It is radioactive …" for "Which
    element sits beneath europium?" (the quote stays the sentence)."""
    frame = evidence.frame
    it_is = frame.kind == "other" and extract.opens_with_it_is(cand.text)  # "Which element …?": "It is …"
    if not (frame.kind == "name" or frame.asks_person or it_is):
        return text
    document = evidence.documents.get(evidence.hits[cand.hit_index].chunk.doc_id)
    subject = extract.about_subject(cand.text, document.text, apposed=True) if document else ""
    if not subject or entity_share([name_key(w) for w in subject.split()], frame.question) == 1.0:
        return text
    return f"{subject}: {text}"


def source_phrase(hit: Hit) -> str:
    """How an answer names a source: "Reuters (Nov 21)", "“Tram order” (2024-11-20)", or — for a
    document known only by its file name — "an article of 2024-11-19" / "one of the articles"."""
    when = f" ({hit.date})" if hit.date else ""
    if hit.outlet:
        return f"{hit.outlet}{when}"
    if hit.title and extract.name_letters(hit.title) != extract.name_letters(hit.chunk.doc_id):  # not the file name
        return f"“{hit.title}”{when}"
    return f"an article of {hit.date}" if hit.date else "one of the articles"


def _answer(evidence: Evidence, kept: list[SentenceVerdict], removed: tuple[SentenceVerdict, ...], mode: str) -> Answer:
    return Answer(
        question=evidence.question,
        text=" ".join(v.text for v in kept),
        citations=tuple(_citations(evidence, kept)),
        sources=evidence.hits,
        abstained=False,
        mode=mode,
        sentences=tuple(kept),
        removed=removed,
        raw_text=evidence.raw,
        confidence=evidence.confidence,
        searched_for=evidence.query,
        timings=evidence.timings,
    )


def _citations(evidence: Evidence, kept: list[SentenceVerdict]) -> list[Citation]:
    claims: dict[int, list[str]] = {}
    for verdict in kept:
        for n in verdict.citations:
            claims.setdefault(n, []).append(verdict.text)
    return [
        make_citation(n, evidence.hits[n - 1], evidence.documents[evidence.hits[n - 1].chunk.doc_id], claims[n])
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
