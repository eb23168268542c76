"""A generated sentence may not put the question's thing in as the subject of a passage about
another thing (issue 11, verification).

"When was the bayonet invented?" had been answered "The bayonet was invented in 1816 by René
Laennec [n]", citing the stethoscope's summary, "It was invented in 1816 by René Laennec": every
content word but "bayonet" is in the passage, so the support judge passed it. The judge now knows
the question's content words and the cited document's title: a claim whose subject is one of
the question's words that neither the passage nor its title names is not supported. The examples
here are my own.
"""

from __future__ import annotations

from rag.judge import content_words, judge
from rag.records import Chunk, Hit
from rag.verify import verify

PASSAGE = "The stethoscope is a medical device. It was invented in 1816 by René Laennec."
BAYONET = frozenset(content_words("When was the bayonet invented?"))


def test_the_questions_thing_cannot_be_put_in_as_the_passages_subject():
    assert not judge("The bayonet was invented in 1816 by René Laennec [3].", PASSAGE, asked=BAYONET).supported
    assert judge("The stethoscope was invented in 1816 by René Laennec [3].", PASSAGE, asked=BAYONET).supported


def test_a_subject_the_question_does_not_name_may_point_back():
    # "The move could also bolster …", "The company was founded …": not the question's words
    assert judge("The device was invented in 1816 by René Laennec [3].", PASSAGE, asked=BAYONET).supported


def test_without_a_question_the_judge_is_unchanged():
    assert judge("The bayonet was invented in 1816 by René Laennec [3].", PASSAGE).supported


def test_the_documents_title_names_what_it_is():
    alone = "It was invented in 1816 by René Laennec."
    stethoscope = frozenset(content_words("When was the stethoscope invented?"))
    claim = "The stethoscope was invented in 1816 by René Laennec."
    assert not judge(claim, alone, asked=stethoscope).supported
    assert judge(claim, alone, asked=stethoscope, title="Stethoscope").supported
    assert not judge(claim.replace("stethoscope", "bayonet"), alone, asked=BAYONET, title="Stethoscope").supported


def _hit(text: str, title: str) -> Hit:
    chunk = Chunk(doc_id="stethoscope", chunk_id="stethoscope#0", text=text, start=0, end=len(text))
    return Hit(chunk=chunk, score=1.0, dense_score=0.9, bm25_score=3.0, rank=1, title=title)


def test_verification_removes_the_swapped_subject_and_keeps_the_true_one():
    hits = [_hit("It was invented in 1816 by René Laennec.", "Stethoscope")]
    swapped = verify("The bayonet was invented in 1816 by René Laennec [1].", hits, asked=BAYONET)
    assert not swapped.kept and swapped.removed
    stethoscope = frozenset(content_words("When was the stethoscope invented?"))
    true = verify("The stethoscope was invented in 1816 by René Laennec [1].", hits, asked=stethoscope)
    assert [v.citations for v in true.kept] == [(1,)]
