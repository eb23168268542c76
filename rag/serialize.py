"""Answers and conversations as plain data (JSON) and as Markdown — one format for every consumer.

The HTTP API returns :func:`answer_to_dict`, the UI keeps a chat in the browser's storage with
:func:`conversation_to_dict` and restores it with :func:`conversation_from_dict`, and a chat
exports as JSON (the same dicts) or as Markdown (:func:`conversation_markdown`), each answer
with its citations (quote, outlet, date, page) and sources. Round trips are lossless for every
field except timings.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rag.conversation import Conversation, Exchange
from rag.records import Answer, Chunk, Citation, Hit, SentenceVerdict, Span

FORMAT = "rag-chat/1"  # the exported chat's format tag, checked on import


def citation_to_dict(citation: Citation) -> dict[str, Any]:
    return asdict(citation)


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    row = asdict(hit)
    row["chunk"]["sentences"] = [[s.start, s.end] for s in hit.chunk.sentences]
    return row


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """Every field of ``answer`` as JSON-ready data."""
    return {
        "question": answer.question,
        "text": answer.text,
        "abstained": answer.abstained,
        "mode": answer.mode,
        "confidence": answer.confidence,
        "searched_for": answer.searched_for,
        "unanswered": list(answer.unanswered),
        "citations": [citation_to_dict(c) for c in answer.citations],
        "sources": [hit_to_dict(h) for h in answer.sources],
        "sentences": [_verdict_to_dict(v) for v in answer.sentences],
        "removed": [_verdict_to_dict(v) for v in answer.removed],
        "raw_text": answer.raw_text,
        "timings": dict(answer.timings),
    }


def answer_from_dict(row: dict[str, Any]) -> Answer:
    """The inverse of :func:`answer_to_dict`; raises ``ValueError`` on malformed data."""
    try:
        return Answer(
            question=str(row["question"]),
            text=str(row["text"]),
            citations=tuple(Citation(**c) for c in row.get("citations", [])),
            sources=tuple(_hit_from_dict(h) for h in row.get("sources", [])),
            abstained=bool(row["abstained"]),
            mode=str(row.get("mode", "")),
            sentences=tuple(_verdict_from_dict(v) for v in row.get("sentences", [])),
            removed=tuple(_verdict_from_dict(v) for v in row.get("removed", [])),
            raw_text=str(row.get("raw_text", "")),
            confidence=float(row.get("confidence", 0.0)),
            searched_for=str(row.get("searched_for", "")),
            unanswered=tuple(str(u) for u in row.get("unanswered", [])),
            timings={k: float(v) for k, v in row.get("timings", {}).items()},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not an answer record ({exc.__class__.__name__}: {exc})") from exc


def conversation_to_dict(conversation: Conversation) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "turns": [{"question": t.question, "answer": answer_to_dict(t.answer)} for t in conversation.turns],
    }


def conversation_from_dict(row: dict[str, Any]) -> Conversation:
    """A conversation saved by :func:`conversation_to_dict`; ``ValueError`` when it is not one."""
    if not isinstance(row, dict) or row.get("format") != FORMAT or not isinstance(row.get("turns"), list):
        raise ValueError(f"not a saved chat (expected format {FORMAT!r})")
    turns = []
    for turn in row["turns"]:
        if not isinstance(turn, dict) or "question" not in turn or "answer" not in turn:
            raise ValueError("a saved chat turn needs a question and an answer")
        turns.append(Exchange(str(turn["question"]), answer_from_dict(turn["answer"])))
    return Conversation(tuple(turns))


def conversation_from_turns(turns: list[tuple[str, str]]) -> Conversation:
    """A conversation known by its (question, answer text) pairs, e.g. an API client's history."""
    exchanges = []
    for question, text in turns:
        answer = Answer(question=question, text=text, citations=(), sources=(), abstained=not text, mode="client")
        exchanges.append(Exchange(question, answer))
    return Conversation(tuple(exchanges))


def conversation_markdown(conversation: Conversation, title: str = "Chat") -> str:
    """The chat as Markdown: each question, its answer with [n] markers, then the cited quotes
    (outlet, date, page, document) and the other sources that were retrieved."""
    lines = [f"# {title}", ""]
    for i, turn in enumerate(conversation.turns, start=1):
        answer = turn.answer
        lines += [f"## {i}. {turn.question}", "", answer.text, ""]
        if answer.citations:
            lines += ["**Citations**", ""]
            lines += [f"- [{c.n}] {_where(c)}: “{' '.join(c.quote.split())}”" for c in answer.citations]
            lines.append("")
        if answer.sources:
            lines += ["**Sources retrieved**", ""]
            for n, hit in enumerate(answer.sources, start=1):
                doc_id = hit.chunk.doc_id
                lines.append(f"{n}. {hit.outlet or doc_id} — {hit.title or doc_id} ({doc_id})")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _where(c: Citation) -> str:
    parts = [c.outlet, c.date, f"p. {c.page}" if c.page else "", c.title]
    return ", ".join(p for p in parts if p) + f" ({c.doc_id}, chars {c.start}–{c.end})"


def _verdict_to_dict(v: SentenceVerdict) -> dict[str, Any]:
    return {**asdict(v), "citations": list(v.citations)}


def _verdict_from_dict(row: dict[str, Any]) -> SentenceVerdict:
    return SentenceVerdict(**{**row, "citations": tuple(row.get("citations", ()))})


def _hit_from_dict(row: dict[str, Any]) -> Hit:
    chunk_row = dict(row["chunk"])
    spans = tuple(Span(int(a), int(b)) for a, b in chunk_row.pop("sentences", []))
    return Hit(**{**row, "chunk": Chunk(**chunk_row, sentences=spans)})
