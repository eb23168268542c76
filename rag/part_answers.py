"""Whether a part of a question asked of the part before it ("…, and how old was he then?") is
answered: read by :attr:`rag.answer.Evidence.answered_parts`. A part pointing back is answered with
the part before it only from the same subject's article, or by a sentence holding what that part asks
about on its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.extract import article_title
from rag.frame import QuestionFrame, names_in
from rag.judge import content_words

if TYPE_CHECKING:
    from rag.answer import Evidence

# "…, and in which year did he receive the Nobel Prize?": a part whose "he" is the part before's answer
_PERSONAL = re.compile(r"\b(?:he|she|him|his|her|they|them|their)\b", re.IGNORECASE)
_ANSWER_NAMES = 6  # the names at most that the part before's answer adds to the search


def query_after(part: QuestionFrame, before: Evidence | None) -> str:
    """The search for ``part``: a part asked of the part before by a personal pronoun searches with the
    names that part's answer adds ("Gabriel García Márquez" for "…, and in which year did he receive the
    Nobel Prize?" after "Who is the Boom's most famous exponent?"), so that the one it names is found;
    else ``part``'s own query."""
    if not (part.of_part_before and before is not None and before.picked and _PERSONAL.search(part.question)):
        return part.query
    asked = {name.lower() for name in names_in(before.frame.question)}
    added = dict.fromkeys(n for n in names_in(before.picked[0].text) if n.lower() not in asked)
    return " ".join((part.query, *list(added)[:_ANSWER_NAMES]))


def answered_after(before: Evidence | None, part: Evidence, before_answered: bool) -> bool:
    """Is ``part`` (asked of ``before``) answered: ``before`` answered and ``part``'s best sentence of
    the same subject (:func:`of_the_same_subject`), or that sentence telling of ``before`` on its own
    (:func:`tells_of`)?"""
    return (before_answered and of_the_same_subject(before, part)) or tells_of(before, part)


def of_the_same_subject(before: Evidence | None, part: Evidence) -> bool:
    """Is ``part``'s best sentence from the article ``before``'s answer comes from, or from an article
    that answer names ("Who founded Kell, and where was he born?": the founder's own), or does the
    sentence answering ``before`` answer ``part`` too? "How old was he then?", asked after Jakob
    Fugger's schooling, is not answered from John Williams's summary."""
    if before is None or not (part.picked and before.picked):
        return True
    hit = part.hits[part.picked[0].hit_index]
    if hit.chunk.doc_id == before.hits[before.picked[0].hit_index].chunk.doc_id:
        return True
    if any(c.prob >= part.threshold and c.text == before.picked[0].text for c in part.ranked):
        return True  # the sentence already given answers it too (rag.answer._given_again)
    return bool(set(content_words(article_title(hit))) & set(content_words(before.picked[0].text)))


def tells_of(before: Evidence | None, part: Evidence) -> bool:
    """Does ``part``'s best sentence hold every word ``before`` (the part it is asked of) asks about, besides
    what that part asks for (else those it asks for: "the first smartphone")? "Alexander Island was discovered in
    1821" tells the year of "Who discovered Alexander Island?" though not who; the First Opium War's years are not
    those of "Which chemist first isolated morphine from opium?"."""
    if before is None or not part.picked:
        return False
    asked = before.frame.words - before.frame.focus_terms or before.frame.words
    return asked <= set(content_words(part.picked[0].text))
