"""Frozen records that travel between the pipeline stages.

Offsets are always character offsets into ``Document.text``, the original file text
(decoded), so ``document.text[start:end]`` reproduces any chunk or citation exactly.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    doc_id: str  # the file stem
    path: str
    text: str  # the original text, decoded; every offset points into it
    title: str = ""
    outlet: str = ""
    date: str = ""  # ISO date (YYYY-MM-DD) or a date phrase when stated; "" when unknown
    sha256: str = ""  # of ``text``, for incremental indexing
    # PDF/DOCX: offset in ``text`` where each page begins (page n starts at pages[n-1]); () = no pages
    pages: tuple[int, ...] = ()
    origin: str = "folder"  # "folder": from `rag index PATH`; "upload": added to the library (UI, API, `rag docs add`)
    added: str = ""  # when this version entered the index (UTC, ISO 8601)

    def page_at(self, offset: int) -> int:
        """The 1-based page holding character ``offset``; 0 when the document has no pages."""
        if not self.pages:
            return 0
        return max(1, bisect.bisect_right(self.pages, offset))


@dataclass(frozen=True)
class Span:
    """A sentence (or other span) inside a document: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    chunk_id: str  # "<doc_id>#<ordinal>", stable while the document is unchanged
    doc_id: str
    start: int
    end: int
    text: str  # clean text for embedding/prompting (hard wraps unfolded, same length)
    sentences: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its scores (higher is better)."""

    chunk: Chunk
    score: float  # fused reciprocal-rank score
    dense_score: float  # cosine similarity, or 0.0 when dense retrieval missed it
    bm25_score: float  # 0.0 when BM25 missed it
    rank: int  # 1-based after fusion
    title: str = ""
    outlet: str = ""
    date: str = ""


@dataclass(frozen=True)
class Citation:
    n: int  # the marker number as printed in the answer, ``[n]``
    doc_id: str
    chunk_id: str
    start: int
    end: int
    quote: str  # == document.text[start:end], always
    title: str = ""
    outlet: str = ""
    date: str = ""
    page: int = 0  # 1-based page of the quote's start in a PDF/DOCX; 0 when the document has no pages


@dataclass(frozen=True)
class SentenceVerdict:
    """One answer sentence and what the verifier decided about it."""

    text: str  # the sentence as shown to the user, with its markers
    citations: tuple[int, ...]  # marker numbers it carries
    supported: bool
    reason: str = ""  # why it is not supported (or how it was repaired)
    removed: bool = False


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    citations: tuple[Citation, ...]
    sources: tuple[Hit, ...]  # every retrieved passage, in prompt order
    abstained: bool
    mode: str  # "generated", "repaired", "extractive" or "abstained"
    sentences: tuple[SentenceVerdict, ...] = ()
    removed: tuple[SentenceVerdict, ...] = ()
    raw_text: str = ""  # what the model produced before verification
    # calibrated probability that the best source sentence answers the question (rag.answerability);
    # below the operating point the assistant abstains
    confidence: float = 0.0
    searched_for: str = ""  # what was searched: the question, with a follow-up resolved against the conversation
    unanswered: tuple[str, ...] = ()  # of a question asking several things, the parts the articles do not answer
    timings: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class TokenEvent:
    """A streamed piece of the model's raw output."""

    text: str
