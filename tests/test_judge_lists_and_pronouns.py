"""Issue 11, forty-sixth round (the blind probes dev46 and dev47): the generator's rewrites the judge
passed. "The five founding member countries … were Iraq, Kuwait, Saudi Arabia and Venezuela" dropped
Iran from the passage's list of five; "The first Earthsea novel was published in 1959" gave to a
name what the passage says of "Her work". And a "who" answer opening "Widely regarded as …, he was
one of the two joint winners" did not say who he is. Each case failed before its change; the names
are invented.
"""

from __future__ import annotations

import numpy as np
import pytest

from rag.answer import Evidence, compose
from rag.extract import Candidate, about_subject
from rag.frame import build_frame
from rag.judge import judge
from rag.records import Chunk, Document, Hit, Span
from rag.settings import Settings

_FOUNDERS = "It was founded in 1960 in Tamra by the first five members: Vellany, Norland, Orsk, Kessa and Marga."
_AUTHOR = (
    "Maren Holt was an Orskish author. She is best known for the Tamsley fantasy series. "
    "Her work was first published in 1959, and her literary career spanned nearly sixty years."
)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The five founding members of the Union were Norland, Orsk, Kessa and Marga.", False),
        ("The five founding members of the Union were Vellany, Norland, Orsk, Kessa and Marga.", True),
        ("It was founded by the first five members: Vellany, Norland, Orsk, Kessa and Marga.", True),
    ],
)
def test_a_counted_list_must_hold_as_many_names(claim, supported):
    assert judge(claim, f"The Union. {_FOUNDERS}").supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # the pronoun's words given to another name
        ("The first Tamsley novel was published in 1959.", False),
        # the article's own subject may stand for the pronoun
        ("Maren Holt's work was first published in 1959.", True),
        ("Her work was first published in 1959.", True),
    ],
)
def test_a_pronouns_words_are_not_a_names(claim, supported):
    assert judge(claim, _AUTHOR, title="Maren Holt").supported is supported


def test_a_he_after_a_leading_phrase_is_the_article_subject_for_a_reader():
    document = "Piet Harms\n\nPiet Harms was an Orskish football player. Widely regarded as one of the best, he won."
    sentence = "Widely regarded as one of the greatest players in history, he was one of the two joint winners."
    assert about_subject(sentence, document, apposed=True) == "Piet Harms"
    # the features read the sentence as before
    assert about_subject(sentence, document) == ""
    # a phrase naming someone may make the "he" theirs
    assert about_subject("Widely praised by Tom Vell, he left.", document, apposed=True) == ""


PIET = (
    "Piet Harms\n\nPiet Harms was an Orskish football player. Widely regarded as one of the greatest players in "
    "history, he was one of the two joint winners of the Orsk Player of the Century award, alongside Tamo."
)


def test_a_generated_he_answering_who_gives_way_to_the_sentence_saying_who_he_is():
    """Measured before on dev46 br01: "Who shared the FIFA Player of the Century award with Pele?" was
    answered by the generator's copy of "Widely regarded …, he was one of the two joint winners …",
    never saying who "he" is."""
    sentence = PIET[PIET.index("Widely") :]
    span = Span(PIET.index(sentence), len(PIET))
    picked = (Candidate(0, span, sentence, 0.9, prob=0.9),)
    chunk = Chunk("doc#0", "doc", 0, len(PIET), PIET, (span,))
    evidence = Evidence(build_frame("Who shared the Orsk Player of the Century award with Tamo?"),
                        (Hit(chunk, 1.0, 0.8, 1.0, 1),), {"doc": Document("doc", "doc.txt", PIET)}, frozenset(),
                        raw=f"{sentence} [1].", ranked=picked, picked=picked, threshold=0.1)  # fmt: skip
    answer = compose(evidence, Settings(), lambda texts: np.ones((len(texts), 2)))
    assert answer.text.startswith("Piet Harms: Widely regarded"), answer.text
    assert all(c.quote == PIET[c.start : c.end] for c in answer.citations)
