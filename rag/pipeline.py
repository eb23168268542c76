"""The pipeline: the one module that wires the stages together.

load → chunk → embed → index (``rag.index``) and, per question,
retrieve → generate → verify/repair → extractive fallback → cite → Answer.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from rag import extract
from rag.cite import clean_markers, make_citation, parse_markers
from rag.embed import Embedder
from rag.errors import EmptyQuestionError, IndexMissingError, QuestionTooLongError
from rag.generate import Generator
from rag.index import BuildReport, build_index, check_compatible
from rag.judge import strip_markers
from rag.prompting import build_messages, templates_hash
from rag.records import Answer, Citation, Hit, SentenceVerdict, TokenEvent
from rag.retrieve import Retriever
from rag.settings import Settings
from rag.store import StoredIndex, read_generation
from rag.verify import ABSTAIN_RE, Verification, verify

log = logging.getLogger(__name__)

GENERATED_MARGIN = 0.1  # how much worse than the best source sentence a generated answer may score
ABSTAIN_TEXT = "The articles don't say. The closest passages they have are listed as sources."


def normalize_question(question: str, max_chars: int) -> str:
    """Collapse whitespace and control characters; reject empty or oversized questions."""
    if not isinstance(question, str):
        raise EmptyQuestionError("the question must be text")
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in question)
    text = re.sub(r"\s+", " ", text).strip()
    if not text or not re.search(r"\w", text):
        raise EmptyQuestionError("the question is empty: type a question about the articles")
    if len(text) > max_chars:
        raise QuestionTooLongError(
            f"the question has {len(text):,} characters; the limit is {max_chars:,} (max_question_chars)"
        )
    return text


class Assistant:
    """Answers questions over one index with cited, verified sentences."""

    def __init__(self, settings: Settings, embedder: Embedder, generator: Generator, index: StoredIndex) -> None:
        self.settings = settings
        self.embedder = embedder
        self.generator = generator
        self._use_index(index)

    @classmethod
    def load(cls, settings: Settings | None = None, *, build_if_missing: bool = True, **overrides: Any) -> Assistant:
        """Load models and the index (building the sample corpus index on first use)."""
        settings = (
            settings.with_(**{k: v for k, v in overrides.items() if v is not None})
            if settings
            else Settings.load(**overrides)
        )
        embedder = Embedder(settings.embed_model, settings.embed_dtype, settings.embed_threads)
        try:
            index = read_generation(settings.index_dir)
        except IndexMissingError:
            if not build_if_missing:
                raise
            log.info("no index in %s: building it from %s", settings.index_dir, settings.corpus_dir)
            build_index([settings.corpus_dir], settings, embedder)
            index = read_generation(settings.index_dir)
        check_compatible(index.manifest, settings, embedder.dim)
        generator = Generator(settings.model_path, settings.n_ctx, settings.n_threads, settings.seed)
        return cls(settings, embedder, generator, index)

    def _use_index(self, index: StoredIndex) -> None:
        self.index = index
        self.retriever = Retriever(index, self.embedder)
        self.vocabulary = extract.vocabulary([d.text for d in index.documents.values()])

    # -- indexing ---------------------------------------------------------------------
    def add_documents(self, paths: list[Path], progress: bool = False) -> BuildReport:
        """Index more files into this assistant's index (incremental) and start using it."""
        report = build_index(paths, self.settings, self.embedder, mode="add", progress=progress)
        self._use_index(read_generation(self.settings.index_dir))
        return report

    def status(self) -> dict[str, Any]:
        return {
            "documents": len(self.index.documents),
            "chunks": len(self.index.chunks),
            "embedding_model": f"{self.settings.embed_model} ({self.embedder.dtype})",
            "generator_model": self.generator.name,
            "index_dir": str(self.settings.index_dir),
            "index_generation": self.index.path.name,
        }

    def provenance(self) -> dict[str, Any]:
        return {
            "index_generation": self.index.path.name,
            "index_fingerprint": self.index.manifest.get("files", {}).get("chunks.jsonl", "")[:16],
            "model_file": str(self.generator.path),
            "model_sha256": self.generator.sha256(),
            "prompt_templates_hash": templates_hash(self.settings.prompts_dir),
        }

    # -- answering --------------------------------------------------------------------
    def ask(self, question: str, **options: Any) -> Answer:
        answer = None
        for event in self.stream(question, **options):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(
        self,
        question: str,
        *,
        top_k: int | None = None,
        temperature: float | None = None,
        history: list[str] | None = None,
    ) -> Iterator[TokenEvent | Answer]:
        """Yield :class:`TokenEvent` pieces of the model's raw output, then the final :class:`Answer`.

        ``history`` holds the conversation's earlier questions (oldest first); a follow-up
        such as "and how far is that in miles?" is resolved against the latest of them.
        """
        s = self.settings
        question = normalize_question(question, s.max_question_chars)
        began = time.perf_counter()
        query = resolve_followup(question, history or [])
        hits = self.retriever.search(query, top_k or s.top_k, s.candidates, s.rrf_k)
        timings = {"retrieval": time.perf_counter() - began}
        if not hits or max(h.dense_score for h in hits) < s.min_relevance:
            timings["total"] = time.perf_counter() - began
            yield self._abstain(question, hits, timings, "")
            return
        if s.answer_mode == "extractive":
            answer = self._finish(query, hits, "", timings)
            answer.timings["total"] = time.perf_counter() - began
            yield replace(answer, question=question)
            return
        messages = build_messages(s.prompts_dir, query, hits, [h.chunk.text for h in hits])
        pieces: list[str] = []
        for piece in self.generator.stream(
            messages, s.max_tokens, s.temperature if temperature is None else temperature
        ):
            if not pieces:
                timings["first_token"] = time.perf_counter() - began
            pieces.append(piece)
            yield TokenEvent(piece)
        raw = "".join(pieces)
        timings["generation"] = time.perf_counter() - began - timings["retrieval"]
        answer = self._finish(query, hits, raw, timings)
        answer.timings["total"] = time.perf_counter() - began
        yield replace(answer, question=question)

    def _finish(self, question: str, hits: list[Hit], raw: str, timings: dict[str, float]) -> Answer:
        if not self.settings.verify or self.settings.answer_mode == "generate":
            return self._unverified(question, hits, raw, timings)
        checked = verify(raw, hits, self._similarity)
        ranked = extract.candidates(question, hits, self._encode)
        answer = self._decide(question, hits, raw, timings, checked, ranked)
        return replace(answer, confidence=ranked[0].score if ranked else 0.0)

    def _decide(
        self,
        question: str,
        hits: list[Hit],
        raw: str,
        timings: dict[str, float],
        checked: Verification,
        ranked: list[extract.Candidate],
    ) -> Answer:
        """Verified generated sentences when they answer the question as well as the best
        source sentence does; else the best source sentences; else an abstention."""
        if not ranked or ranked[0].score < self.settings.min_answer_score:
            return self._abstain(question, hits, timings, raw, checked.removed)
        picked = extract.pick(question, ranked)
        context = hits[picked[0].hit_index].chunk.text
        if extract.unanswerable_reason(question, ranked, picked[0], context, self.vocabulary):
            return self._abstain(question, hits, timings, raw, checked.removed)
        if checked.kept and self._answers_question(question, checked.kept, picked[0]):
            kept = list(checked.kept) + self._other_values(question, ranked, checked.kept, hits)
            mode = "repaired" if checked.repaired else "generated"
            return self._answer(question, hits, kept, checked.removed, mode, raw, timings)
        attribute = len(picked) > 1 and extract.answer_type(question) == "number"
        kept = [self._extracted(c, hits, attribute, question) for c in picked]
        return self._answer(question, hits, kept, checked.removed, "extractive", raw, timings)

    def _answers_question(self, question: str, kept: tuple[SentenceVerdict, ...], best: extract.Candidate) -> bool:
        """The generated sentences carry what the question asks for (a number, date or new
        name) and score, as an answer, within a margin of the best source sentence."""
        kind = extract.answer_type(question)
        if kind != "other" and not any(extract.matches_type(kind, v.text, question) for v in kept):
            return False
        text = " ".join(strip_markers(v.text) for v in kept)
        return extract.score_sentence(question, text, self._encode) >= best.score - GENERATED_MARGIN

    def _unverified(self, question: str, hits: list[Hit], raw: str, timings: dict[str, float]) -> Answer:
        """The raw model output, markers cleaned but claims unchecked (the baseline to beat)."""
        text = clean_markers(raw, len(hits))
        if not text or ABSTAIN_RE.search(text):
            return self._abstain(question, hits, timings, raw)
        kept = [SentenceVerdict(text, tuple(parse_markers(text)), True, "not verified")]
        return self._answer(question, hits, kept, (), "generated", raw, timings)

    def _other_values(
        self, question: str, ranked: list[extract.Candidate], kept: tuple[SentenceVerdict, ...], hits: list[Hit]
    ) -> list[SentenceVerdict]:
        """Sources that give a different figure than the generated answer, each attributed."""
        if extract.answer_type(question) != "number" or not ranked:
            return []
        said = " ".join(v.text for v in kept)
        others = [c for c in [ranked[0], *extract.conflicting(ranked, ranked[0])] if c.text not in said]
        return [self._extracted(c, hits, True, question) for c in others if not _same_numbers(c.text, said)]

    def _extracted(self, cand: extract.Candidate, hits: list[Hit], attribute: bool, question: str) -> SentenceVerdict:
        n = cand.hit_index + 1
        text = cand.text
        if extract.needs_next_sentence(question, cand):
            text = f"{text} {cand.next_text}"
        text = text.rstrip(" .")
        if attribute:
            hit = hits[cand.hit_index]
            who = hit.outlet or f"“{hit.title}”"
            text = f"According to {who}{f' ({hit.date})' if hit.date else ''}: {text}"
        return SentenceVerdict(f"{text} [{n}].", (n,), True, "extracted verbatim from the source")

    def _answer(
        self,
        question: str,
        hits: list[Hit],
        kept: list[SentenceVerdict],
        removed: tuple[SentenceVerdict, ...],
        mode: str,
        raw: str,
        timings: dict[str, float],
    ) -> Answer:
        return Answer(
            question=question,
            text=" ".join(v.text for v in kept),
            citations=tuple(self._citations(kept, hits)),
            sources=tuple(hits),
            abstained=False,
            mode=mode,
            sentences=tuple(kept),
            removed=tuple(removed),
            raw_text=raw,
            timings=timings,
        )

    def _citations(self, kept: list[SentenceVerdict], hits: list[Hit]) -> list[Citation]:
        claims: dict[int, list[str]] = {}
        for verdict in kept:
            for n in verdict.citations:
                claims.setdefault(n, []).append(verdict.text)
        return [
            make_citation(n, hits[n - 1], self.index.documents[hits[n - 1].chunk.doc_id], " ".join(claims[n]))
            for n in sorted(claims)
        ]

    def _abstain(
        self,
        question: str,
        hits: list[Hit],
        timings: dict[str, float],
        raw: str,
        removed: tuple[SentenceVerdict, ...] = (),
    ) -> Answer:
        return Answer(
            question=question,
            text=ABSTAIN_TEXT,
            citations=(),
            sources=tuple(hits),
            abstained=True,
            mode="abstained",
            removed=tuple(removed),
            raw_text=raw,
            timings=timings,
        )

    def _encode(self, texts: list[str]) -> Any:
        return self.embedder.encode(texts)

    def _similarity(self, a: str, b: str) -> float:
        vectors = self.embedder.encode([a, b])
        return float(vectors[0] @ vectors[1])


_FOLLOWUP_RE = re.compile(
    r"^(?:and|but|so|also|what about|how about)\b|\b(?:that|this|it|they|them|those|these|he|she|his|her|its|their)\b",
    re.IGNORECASE,
)


def resolve_followup(question: str, history: list[str]) -> str:
    """A follow-up that leans on the previous turn ("and how far is that in miles?") is
    searched together with the previous question; a self-contained question is left alone."""
    if not history or len(question.split()) > 14 or not _FOLLOWUP_RE.search(question):
        return question
    return f"{history[-1]} {question}"


def _same_numbers(a: str, b: str) -> bool:
    from rag.judge import numbers

    return bool(numbers(a)) and numbers(a) <= numbers(b)
