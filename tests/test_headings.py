"""A heading is no answer: a line of its own that names an article's subject claims nothing about it.

dev20 j02 ("What is the oldest rock ever found on Earth?") was answered with "Geological history
of Earth [2]." — the heading line a summary opens with, quoted as a sentence; dev16 f13 with
"Eastern Front (World War II) [2]."; dev17 g62 with a generated sentence that was only a retrieved
article's title ("Three Sovereigns and Five Emperors [2]"). A heading stays a candidate (the
model's features read the candidates around the best one, so the fitted table is unchanged) but
gets no probability.
"""

from __future__ import annotations

import pytest

from rag.answerability import feature_rows, load_model, score
from rag.chunk import sentence_spans
from rag.extract import Candidate, is_heading
from rag.frame import build_frame
from rag.records import Chunk, Document, Hit
from rag.settings import Settings
from rag.verify import TITLE_REASON, verify

TEXT = (
    "Eastern Front (Tamran War)\n\n"
    "The Eastern Front of the Tamran War ran from the Kell Sea to the Arno Sea. "
    "It was the longest front of the war.\n"
)


def _hit(text: str = TEXT, title: str = "Eastern Front (Tamran War)") -> Hit:
    chunk = Chunk("d#0", "d", 0, len(text), text, tuple(sentence_spans(text)))
    return Hit(chunk, 1.0, 0.6, 2.0, 1, title=title)


def _candidates(hit: Hit) -> list[Candidate]:
    spans = hit.chunk.sentences
    return [Candidate(0, s, " ".join(hit.chunk.text[s.start : s.end].split()), 1.0, cosine=0.6) for s in spans]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        (TEXT, [True, False, False]),
        # a last line with no closing mark and no line after it is not known to be a heading
        ("The Eastern Front of the Tamran War ran from the Kell Sea to the Arno Sea", [False]),
    ],
)
def test_a_line_of_its_own_with_no_closing_mark_is_a_heading(text, heading):
    hit = _hit(text)
    assert [is_heading(hit, c) for c in _candidates(hit)] == heading


def test_a_heading_gets_no_probability():
    hit = _hit()
    ranked = _candidates(hit)
    frame = build_frame("Between which two seas did the Eastern Front of the Tamran War run?")
    documents = {"d": Document("d", "d.txt", TEXT)}
    rows = feature_rows(frame, ranked, [hit], documents, frozenset())
    probs = {c.text: c.prob for c in score(load_model(Settings().answerability_model), frame, ranked, rows, [hit],
                                           documents)}  # fmt: skip
    assert probs["Eastern Front (Tamran War)"] == 0.0
    assert probs["The Eastern Front of the Tamran War ran from the Kell Sea to the Arno Sea."] > 0.0


def test_a_sentence_that_is_only_a_sources_title_is_removed():
    checked = verify("Eastern Front (Tamran War) [1]. It was the longest front of the war [1].", [_hit()])
    assert [v.text for v in checked.kept] == ["It was the longest front of the war [1]."]
    assert [v.reason for v in checked.removed] == [TITLE_REASON]
