"""The chat handler: a question streamed into an answer, limited by the filters, and the
transcript of a whole conversation (used again when a saved chat is restored)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import gradio as gr

from rag import Answer, Assistant, Conversation, FilterError, Filters, RagError, TokenEvent
from ui import render
from ui.runtime import Runtime

Turns = list[tuple[str, str]]  # (question, sources HTML) per answered turn, oldest first
PENDING = "Searching the articles… the sources appear once the answer is verified."


class FilterInputs(NamedTuple):
    """The filter controls as the page sends them (the CLI's --outlet/--since/--until, and ids)."""

    outlets: list[str] | None
    since: str | None
    until: str | None
    doc_ids: list[str] | None

    def parse(self) -> Filters:
        """The :class:`Filters` they mean; a malformed or empty date range raises FilterError."""
        return Filters.parse(
            outlets=self.outlets, since=self.since or None, until=self.until or None, doc_ids=self.doc_ids
        )


def doc_text(assistant: Assistant) -> render.DocText:
    """Document id → its text in the index in use now (None once it was removed)."""
    documents = assistant.index.documents

    def text(doc_id: str) -> str | None:
        doc = documents.get(doc_id)
        return doc.text if doc else None

    return text


def ask(
    rt: Runtime,
    question: str,
    chat: list[dict[str, Any]],
    top_k: float,
    temperature: float,
    chosen: FilterInputs,
    past: Conversation,
    turns: Turns,
) -> Iterator[tuple[Any, ...]]:
    """Stream one answer: raw tokens first, then the verified answer with linked markers.

    Yields (chat, sources panel, question box, conversation, turns)."""
    question = (question or "").strip()
    if not question:
        gr.Warning("Type a question about the articles first.")
        yield chat, render.sources_panel(turns), "", past, turns
        return
    try:
        filters = chosen.parse()
    except FilterError as exc:  # shown in the chat; the question stays in the box to fix and resend
        chat = [*chat, _msg("user", render.user_html(question)), _msg("assistant", render.error_html(str(exc)))]
        yield chat, render.sources_panel(turns), question, past, turns
        return
    assistant = rt.assistant  # kept for the whole answer, even if the model is switched meanwhile
    turn = len(past.turns) + 1
    bubble = render.user_html(question, filters.describe() if filters.active else "")
    chat = [*chat, _msg("user", bubble), _msg("assistant", render.streaming_html(""))]
    yield chat, render.sources_panel(turns, PENDING), "", past, turns
    events = assistant.stream(
        question, top_k=int(top_k), temperature=float(temperature), conversation=past, filters=filters
    )
    raw: list[str] = []
    answer: Answer | None = None
    try:
        for event in events:
            if isinstance(event, TokenEvent):
                raw.append(event.text)
                chat[-1] = _msg("assistant", render.streaming_html("".join(raw)))
                yield chat, render.sources_panel(turns, PENDING), "", past, turns
            else:
                answer = event
    except RagError as exc:
        chat[-1] = _msg("assistant", render.error_html(str(exc)))
        yield chat, render.sources_panel(turns), "", past, turns
        return
    finally:
        events.close()  # releases the generator's decode lock even if this tab went away
    assert answer is not None
    chat[-1] = _msg("assistant", render.answer_html(answer, turn))
    turns = [*turns, (question, render.sources_html(answer, turn, doc_text(assistant)))]
    yield chat, render.sources_panel(turns), "", past.add(question, answer), turns


def transcript(conversation: Conversation, text: render.DocText) -> tuple[list[dict[str, Any]], Turns]:
    """The chat messages and sources of a whole conversation, as :func:`ask` built them."""
    chat: list[dict[str, Any]] = []
    turns: Turns = []
    for turn, exchange in enumerate(conversation.turns, start=1):
        chat += [
            _msg("user", render.user_html(exchange.question)),
            _msg("assistant", render.answer_html(exchange.answer, turn)),
        ]
        turns.append((exchange.question, render.sources_html(exchange.answer, turn, text)))
    return chat, turns


def _msg(role: str, content: str) -> dict[str, Any]:
    return {"role": role, "content": content}
