"""The pipeline: the one module that wires the stages together.

load → chunk → embed → index (``rag.index``) and, per question,
retrieve → generate → verify/repair → extractive fallback → cite → Answer.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from rag import extract, library
from rag.answer import Encode, Evidence, abstain, cached, compose, early_abstention, rank, with_parts
from rag.answerability import load_model
from rag.backends import (
    Embedder,
    Retriever,
    Store,
    latest_generation,
    make_embedder,
    make_generator,
    make_retriever,
    open_store,
)
from rag.conversation import Conversation
from rag.errors import EmptyQuestionError, IndexMissingError, QuestionTooLongError, RagError
from rag.filters import Filters
from rag.generate import Generator, resolve_model_path
from rag.index import BuildReport, build_index, check_compatible
from rag.part_answers import query_after
from rag.prompting import build_messages, templates_hash
from rag.records import Answer, Document, Hit, TokenEvent
from rag.retrieve import merge_hits
from rag.settings import Settings
from rag.vocabulary import vocabulary as corpus_words
from rag.worker import ModelThread

log = logging.getLogger(__name__)
T = TypeVar("T")
REOPEN_CHECK_SECONDS = 2.0  # how stale an answer's index may be after another writer's commit


def _fingerprint(index: Store) -> str:
    """The faiss chunk file's checksum, or the LanceDB commit (each names exactly one index state)."""
    return index.manifest.get("files", {}).get("chunks.jsonl", "")[:16] or index.generation


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


@dataclass(frozen=True)
class _Live:
    """The index in use with what is derived from it, swapped as one value."""

    index: Store
    retriever: Retriever
    vocabulary: frozenset[str]


class Assistant:
    """Answers questions over one index with cited, verified sentences."""

    def __init__(self, settings: Settings, embedder: Embedder, generator: Generator, index: Store) -> None:
        self.settings = settings
        self.embedder = embedder
        self.generator = generator
        self.answerability = load_model(settings.answerability_model)
        self._writing = threading.Lock()  # library changes from one process queue up instead of failing
        self._models: ModelThread | None = None  # set by load(own_thread=True): model calls run there
        self._checked = time.monotonic()  # when the index was last compared with the newest one
        self._use_index(index)

    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        *,
        build_if_missing: bool = True,
        own_thread: bool = False,
        **overrides: Any,
    ) -> Assistant:
        """Load models and the index (building the sample corpus index on first use).

        ``own_thread``: load on a dedicated :class:`~rag.worker.ModelThread` and run every later
        model call there — for servers, whose requests arrive on many threads (decoding from a
        thread other than the loading one is 1.5–3× slower; rag/worker.py)."""
        if own_thread:
            models = ModelThread()
            assistant = models.call(cls.load, settings, build_if_missing=build_if_missing, **overrides)
            assistant._models = models
            return assistant
        settings = (
            settings.with_(**{k: v for k, v in overrides.items() if v is not None})
            if settings
            else Settings.load(**overrides)
        )
        resolve_model_path(settings.model_path)  # a missing model file fails before the slow loads
        # The generator loads in C with the GIL released, so it overlaps the embedder's imports
        # (~4 s of torch/transformers/sentence-transformers): cold start is their maximum, not their sum.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load-generator") as pool:
            loading = pool.submit(make_generator, settings)
            embedder = make_embedder(settings)
            index = cls._open_index(settings, embedder, build_if_missing)
            generator = loading.result()
        return cls(settings, embedder, generator, index)

    @staticmethod
    def _open_index(settings: Settings, embedder: Embedder, build_if_missing: bool) -> Store:
        try:
            index = open_store(settings)
        except IndexMissingError:
            if not build_if_missing:
                raise
            log.info("no index in %s: building it from %s", settings.index_dir, settings.corpus_dir)
            build_index([settings.corpus_dir], settings, embedder)
            index = open_store(settings)
        check_compatible(index.manifest, settings, embedder.dim)
        return index

    def _use_index(self, index: Store) -> None:
        retriever = make_retriever(index, self.embedder)
        vocabulary = corpus_words([d.text for d in index.documents.values()])
        self._live = _Live(index, retriever, vocabulary)  # one assignment: readers never see a mix

    @property
    def index(self) -> Any:  # the Store (StoredIndex for faiss, LanceStore for lance)
        return self._live.index

    @property
    def retriever(self) -> Any:
        return self._live.retriever

    # -- the document library -----------------------------------------------------------
    def add_documents(self, paths: list[Path], progress: bool = False) -> BuildReport:
        """Add files to the library (incremental; same id = new version) and start using them.
        They stay until :meth:`remove_documents`, whatever ``rag index FOLDER`` later syncs."""
        with self._writing:
            report = self._on_models(library.add_files, self.settings, paths, self.embedder, progress)
            self._use_index(open_store(self.settings))
        return report

    def remove_documents(self, doc_ids: list[str]) -> tuple[str, ...]:
        """Remove documents from the dense and BM25 index at once (one commit); unknown ids raise
        :class:`~rag.errors.DocumentNotFoundError` and remove nothing."""
        with self._writing:
            removed = library.remove_documents(self.settings, list(doc_ids), self.embedder.dim)
            self._use_index(open_store(self.settings))
        return removed

    def reindex_documents(self, doc_ids: list[str]) -> BuildReport:
        """Read documents again from their files; changed ones are re-chunked and re-embedded."""
        with self._writing:
            report = self._on_models(library.reindex_documents, self.settings, list(doc_ids), self.embedder)
            self._use_index(open_store(self.settings))
        return report

    def reopen_if_changed(self, every: float = REOPEN_CHECK_SECONDS) -> bool:
        """Open the newest index when another process (or replica) committed one since this
        assistant opened its own; checked at most every ``every`` seconds. True if it reopened."""
        now = time.monotonic()
        if now - self._checked < every:
            return False
        self._checked = now
        try:
            latest = latest_generation(self.settings)
        except RagError as exc:  # a damaged pointer: keep answering from the index in use
            log.warning("could not check for a newer index: %s", exc)
            return False
        if latest is None or latest == self.index.generation:
            return False
        with self._writing:
            self._use_index(open_store(self.settings))
        log.info("opened the newer index %s", latest)
        return True

    def _on_models(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn`` on the model thread when there is one (see :meth:`load`)."""
        return self._models.call(fn, *args) if self._models else fn(*args)

    def documents(self) -> list[library.DocumentInfo]:
        """Every document in the index, newest first."""
        return library.list_documents(self.index)

    def document(self, doc_id: str) -> Document:
        """One document with its full text; :class:`~rag.errors.DocumentNotFoundError` if unknown."""
        return library.get_document(self.index, doc_id)

    def outlets(self) -> list[str]:
        """The outlets of the indexed documents, for filter choices."""
        return sorted({d.outlet for d in self.index.documents.values() if d.outlet}, key=str.casefold)

    def status(self) -> dict[str, Any]:
        return {
            "documents": len(self.index.documents),
            "chunks": self.index.n_chunks,
            "embedding_model": f"{self.settings.embed_model} ({self.embedder.backend} {self.embedder.dtype})",
            "generator_model": self.generator.name,
            "index_dir": str(self.settings.index_dir),
            "index_generation": self.index.generation,
            "store": self.index.kind,
        }

    def provenance(self) -> dict[str, Any]:
        return {
            "index_generation": self.index.generation,
            "index_fingerprint": _fingerprint(self.index),
            "model_file": str(self.generator.path),
            "model_sha256": self.generator.sha256(),
            "prompt_templates_hash": templates_hash(self.settings.prompts_dir),
            "answerability_model": str(self.settings.answerability_model),
            "answerability_model_sha256": self.answerability.sha256,
            "answer_threshold": self.settings.answer_threshold
            if self.settings.answer_threshold >= 0
            else self.answerability.threshold,
        }

    # -- answering --------------------------------------------------------------------
    def ask(self, question: str, **options: Any) -> Answer:
        answer = None
        for event in self.stream(question, **options):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(self, question: str, **options: Any) -> Iterator[TokenEvent | Answer]:
        """Yield :class:`TokenEvent` pieces of the model's raw output, then the final :class:`Answer`
        (on the model thread when there is one; options as for :meth:`_stream`)."""
        if self._models is not None and not self._models.is_current():
            return self._models.relay(lambda: self._stream(question, **options))
        return self._stream(question, **options)

    def _stream(
        self,
        question: str,
        *,
        top_k: int | None = None,
        temperature: float | None = None,
        history: list[str] | None = None,
        conversation: Conversation | None = None,
        filters: Filters | None = None,
    ) -> Iterator[TokenEvent | Answer]:
        """Yield :class:`TokenEvent` pieces of the model's raw output, then the final :class:`Answer`.

        ``conversation`` holds the earlier turns (question and answer); a follow-up such as
        "and how far is that in miles?" is resolved against the latest of them. ``history``
        (earlier questions only, oldest first) is the older form of the same. ``filters`` limit
        the documents searched (outlet, date range, ids); when none passes, the answer says so.
        """
        s = self.settings
        question = normalize_question(question, s.max_question_chars)
        self.reopen_if_changed()
        began = time.perf_counter()
        conversation = conversation or Conversation.from_questions(list(history or []))
        encode = cached(self._encode)  # one memo per answer: ranking and verification share vectors
        evidence = self._evidence(question, conversation, top_k, encode, filters)
        if not evidence.ranked and not evidence.parts:
            yield self._timed(abstain(evidence), began)
            return
        early = early_abstention(evidence) if s.verify and s.answer_mode != "generate" else None
        if early is not None or s.answer_mode == "extractive" or evidence.parts:
            yield self._timed(early or compose(evidence, s, encode), began)
            return
        messages = self._messages_that_fit(evidence, conversation.earlier(question))
        if messages is None:  # even one passage and the question overflow the context: extract
            yield self._timed(compose(evidence, s, encode), began)
            return
        pieces: list[str] = []
        temperature = s.temperature if temperature is None else temperature
        for piece in self.generator.stream(messages, s.max_tokens, temperature, s.one_paragraph):
            if not pieces:
                evidence.timings["first_token"] = time.perf_counter() - began
            pieces.append(piece)
            yield TokenEvent(piece)
        evidence.timings["generation"] = time.perf_counter() - began - evidence.timings["retrieval"]
        yield self._timed(compose(replace(evidence, raw="".join(pieces)), s, encode), began)

    def evidence(
        self,
        question: str,
        conversation: Conversation | None = None,
        top_k: int | None = None,
        filters: Filters | None = None,
    ) -> Evidence:
        """What an answer to ``question`` would be built from: its frame, the retrieved passages
        and their sentences scored by the answerability model (no generation)."""
        question = normalize_question(question, self.settings.max_question_chars)
        encode = cached(self._encode)
        return self._on_models(self._evidence, question, conversation or Conversation(), top_k, encode, filters)

    def _evidence(
        self,
        question: str,
        conversation: Conversation,
        top_k: int | None,
        encode: Encode,
        filters: Filters | None = None,
    ) -> Evidence:
        s = self.settings
        began = time.perf_counter()
        live = self._live
        frame = conversation.frame(question)
        if filters is not None and filters.active and not filters.allowed_ids(live.index.documents):
            return Evidence(
                frame, (), live.index.documents, live.vocabulary, note=filters.explain_empty(live.index.documents)
            )
        hits = tuple(live.retriever.search(frame.query, top_k or s.top_k, s.candidates, s.rrf_k, filters))
        evidence = Evidence(frame, hits, live.index.documents, live.vocabulary)
        evidence.timings["retrieval"] = time.perf_counter() - began
        if not hits or max(h.dense_score for h in hits) < s.min_relevance:
            return evidence
        threshold = s.answer_threshold if s.answer_threshold >= 0 else self.answerability.threshold
        if not frame.parts:
            return rank(evidence, encode, self.answerability, threshold)
        k = top_k or s.top_k
        searches: list[tuple[Hit, ...]] = []
        parts: list[Evidence] = []
        for part in frame.parts:  # in order: a part asked of the one before searches with its answer
            query = query_after(part, parts[-1] if parts else None)
            searches.append(tuple(live.retriever.search(query, k, s.candidates, s.rrf_k, filters)))
            found = Evidence(part, searches[-1], live.index.documents, live.vocabulary)
            parts.append(rank(found, encode, self.answerability, threshold))
        merged = merge_hits(searches, limit=k * len(frame.parts), fill=hits)
        return with_parts(replace(evidence, hits=merged, threshold=threshold), parts)

    def _messages_that_fit(
        self, evidence: Evidence, earlier: tuple[tuple[str, str], ...]
    ) -> list[dict[str, str]] | None:
        """The prompt with as many passages (best first) as the context window holds next to
        the question and the answer; None when not even one fits. With ``prompt_sentences``
        set, each passage is cut to its best-ranked sentences."""
        s = self.settings
        if s.prompt_sentences and evidence.ranked:
            focused = extract.focus(evidence.frame, list(evidence.ranked), s.prompt_sentences, list(evidence.picked))
            passages = [(i + 1, focused[i]) for i in sorted(focused)]
        else:
            passages = [(i + 1, hit.chunk.text) for i, hit in enumerate(evidence.hits)]
        for n in range(len(passages), 0, -1):
            messages = build_messages(s.prompts_dir, evidence.question, passages[:n], earlier)
            if self.generator.fits(messages, s.max_tokens):
                return messages
        return None

    @staticmethod
    def _timed(answer: Answer, began: float) -> Answer:
        answer.timings["total"] = time.perf_counter() - began
        return answer

    def _encode(self, texts: list[str]) -> Any:
        return self.embedder.encode(texts)
