"""Conversations: turns of (question, Answer), and follow-ups resolved against them.

A follow-up ("And what did the ministry say about it?") leans on the previous turn: on what was
asked *and* on what was answered. Before retrieval it is resolved into a search text that
carries the previous question and the core of its answer, and the names both of them hold
join the question's constraints. The question's own focus (what it asks for now) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.frame import QuestionFrame, build_frame, is_followup, names_in
from rag.records import Answer
from rag.text import strip_markers, without_attribution

ANSWER_WORDS = 30  # of the previous answer carried into the search text


@dataclass(frozen=True)
class Exchange:
    question: str
    answer: Answer


@dataclass(frozen=True)
class Conversation:
    """The turns so far, oldest first. Immutable: :meth:`add` returns the longer conversation."""

    turns: tuple[Exchange, ...] = ()

    def add(self, question: str, answer: Answer) -> Conversation:
        return Conversation((*self.turns, Exchange(question, answer)))

    @classmethod
    def from_questions(cls, questions: list[str]) -> Conversation:
        """A conversation known only by its earlier questions (answers unknown)."""
        return cls(tuple(Exchange(q, _NO_ANSWER) for q in questions))

    def frame(self, question: str) -> QuestionFrame:
        """The question's frame, resolved against the previous turn when it is a follow-up."""
        if not self.turns or not is_followup(question):
            return build_frame(question)
        last = self.turns[-1]
        said = answer_core(last.answer)
        searched = last.answer.searched_for or last.question
        query = " ".join(part for part in (searched, said, question) if part)
        names = tuple(dict.fromkeys(names_in(searched) + names_in(said)))
        asked = {n.lower()[:5] for n in names_in(last.question)}
        referent = tuple(dict.fromkeys(n for n in names_in(said) if n.lower()[:5] not in asked))
        return build_frame(question, query=query, context_entities=names, given=said, referent=referent)

    def earlier(self, question: str) -> tuple[tuple[str, str], ...]:
        """The previous (question, answer) for the prompt, when ``question`` is a follow-up."""
        if not self.turns or not is_followup(question):
            return ()
        last = self.turns[-1]
        return ((last.question, answer_core(last.answer)),)


def answer_core(answer: Answer) -> str:
    """The first words of an answer, without markers or attribution ("" for an abstention)."""
    if answer.abstained or not answer.text:
        return ""
    text = without_attribution(strip_markers(answer.text))
    return " ".join(text.split()[:ANSWER_WORDS])


_NO_ANSWER = Answer(question="", text="", citations=(), sources=(), abstained=True, mode="abstained")
