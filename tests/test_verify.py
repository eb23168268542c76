"""rag.verify: keep, re-cite, add a citation to, or remove each answer sentence."""

from __future__ import annotations

import re

import pytest

from rag.records import Chunk, Hit, Span
from rag.verify import verify

PASSAGES = [
    "ATACMS missiles have a range of about 300 km. They were first developed in the 1980s.",
    "Poland's Foreign Minister Radosław Sikorski welcomed the change. He said Putin would understand the message.",
    "Russian attacks in October killed 183 civilians, according to the UN.",
    "North Korea has sent about 10,000 troops to the Kursk region.",
]


def make_hits(passages: list[str]) -> list[Hit]:
    """Hits over one made-up document holding the passages back to back (offsets are real)."""
    hits, offset = [], 0
    for rank, text in enumerate(passages, start=1):
        spans = tuple(
            Span(offset + m.start(), offset + m.end()) for m in re.finditer(r"[^.!?]+[.!?]", text) if m.group().strip()
        )
        chunk = Chunk(f"doc#{rank - 1}", "doc", offset, offset + len(text), text, spans)
        hits.append(Hit(chunk, 1.0 / rank, 0.5, 1.0, rank))
        offset += len(text) + 1
    return hits


HITS = make_hits(PASSAGES)

# (case id, raw model output, kept [(text, citations, reason contains)], removed [reason contains])
CASES = [
    (
        "correct-citation-kept",
        "ATACMS missiles have a range of about 300 km [1].",
        [("ATACMS missiles have a range of about 300 km [1].", (1,), "")],
        [],
    ),
    (
        "two-correct-citations-kept",
        "ATACMS missiles have a range of about 300 km [1]. Sikorski welcomed the change [2].",
        [
            ("ATACMS missiles have a range of about 300 km [1].", (1,), ""),
            ("Sikorski welcomed the change [2].", (2,), ""),
        ],
        [],
    ),
    (
        "wrong-citation-recited",
        "Russian attacks in October killed 183 civilians [1].",
        [("Russian attacks in October killed 183 civilians [3].", (3,), "re-cited from [1] to [3]")],
        [],
    ),
    (
        "uncited-gets-citation",
        "North Korea has sent about 10,000 troops to the Kursk region.",
        [("North Korea has sent about 10,000 troops to the Kursk region [4].", (4,), "citation [4] added")],
        [],
    ),
    (
        "unsupported-removed",
        "ATACMS missiles have a range of about 300 km [1]. ATACMS missiles have a range of about 500 km [1].",
        [("ATACMS missiles have a range of about 300 km [1].", (1,), "")],
        ["500"],
    ),
    (
        "unsupported-antonym-removed",
        "Sikorski criticized the change [2].",
        [],
        ["not supported"],
    ),
    (
        "uncited-unsupported-removed",
        "Sikorski resigned from the government in protest.",
        [],
        ["no citation; closest passage [2]"],
    ),
    (
        "invalid-marker-dropped",
        "Sikorski welcomed the change [9].",
        [("Sikorski welcomed the change [2].", (2,), "citation [2] added")],
        [],
    ),
    (
        "invalid-marker-in-list-dropped",
        "North Korea has sent about 10,000 troops to the Kursk region [4, 9].",
        [("North Korea has sent about 10,000 troops to the Kursk region [4].", (4,), "")],
        [],
    ),
    ("non-factual-skipped", "Yes. [1]", [], []),
]


@pytest.mark.parametrize(("raw", "kept", "removed"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_verify_cases(raw: str, kept: list, removed: list) -> None:
    result = verify(raw, HITS)
    assert [(v.text, v.citations) for v in result.kept] == [(text, cites) for text, cites, _ in kept]
    for verdict, (_, _, reason) in zip(result.kept, kept, strict=True):
        assert verdict.supported and not verdict.removed
        assert reason in verdict.reason
        assert (verdict.reason == "") is (reason == "")
    assert len(result.removed) == len(removed)
    for verdict, reason in zip(result.removed, removed, strict=True):
        assert verdict.removed and not verdict.supported
        assert reason in verdict.reason and verdict.reason.startswith("not supported")
    assert result.repaired is any(reason for *_, reason in kept) or bool(removed)
    assert not result.model_abstained
    assert "[9]" not in result.text


@pytest.mark.parametrize(
    "raw",
    [
        "The articles don't say.",
        "The passages do not mention the price of the missiles.",
        "I cannot answer that from the articles.",
        "There is no information about this in the sources [1].",
    ],
)
def test_model_abstention_is_recognised(raw: str) -> None:
    result = verify(raw, HITS)
    assert result.model_abstained
    assert result.kept == () and result.removed == ()


def test_empty_output_is_not_an_abstention() -> None:
    result = verify("", HITS)
    assert not result.model_abstained and result.kept == ()


def test_paraphrase_recited_with_embedder(embedder) -> None:
    """A paraphrase sharing few words is judged by meaning, and moved to the passage that supports it."""

    def similarity(a: str, b: str) -> float:
        vectors = embedder.encode([a, b])
        return float(vectors[0] @ vectors[1])

    raw = "Pyongyang has deployed roughly 10,000 soldiers to Kursk [1]."
    lexical = verify(raw, HITS)
    assert lexical.removed and not lexical.kept
    result = verify(raw, HITS, similarity)
    assert [v.citations for v in result.kept] == [(4,)]
    assert "re-cited from [1] to [4]" in result.kept[0].reason


def test_a_list_number_before_an_answer_is_not_judged_as_a_figure():
    from rag.records import Chunk, Hit, Span

    text = "Ash speculated that the decision could give Ukraine more leverage in future negotiations."
    hit = Hit(Chunk("d#0", "d", 0, len(text), text, (Span(0, len(text)),)), 1.0, 0.9, 1.0, 1)
    checked = verify("1. Ash speculated that the decision could give Ukraine more leverage [1].", [hit])
    assert [v.text for v in checked.kept] == ["Ash speculated that the decision could give Ukraine more leverage [1]."]
    assert not checked.removed


def test_an_announced_answer_keeps_the_claim_without_the_announcement():
    from rag.records import Chunk, Hit, Span

    text = "ATACMS have a range of around 300 kilometers."
    hit = Hit(Chunk("d#0", "d", 0, len(text), text, (Span(0, len(text)),)), 1.0, 0.9, 1.0, 1)
    for raw in ("The passage is: ATACMS have a range of around 300 kilometers [1].",
                "The answer to the question is: ATACMS have a range of around 300 kilometers [1]."):  # fmt: skip
        assert [v.text for v in verify(raw, [hit]).kept] == ["ATACMS have a range of around 300 kilometers [1]."]


def test_a_name_with_a_colon_and_a_marker_is_not_a_claim():
    """Measured on a dev question ("For which film did Sidney Poitier win …?"): the whole answer
    was "Sidney Poitier: [1]" — a lead-in that states nothing, shown as a cited answer."""
    from rag.records import Chunk, Hit, Span

    text = "Sidney Poitier was a Bahamian-American actor, film director, activist, and diplomat."
    hit = Hit(Chunk("d#0", "d", 0, len(text), text, (Span(0, len(text)),)), 1.0, 0.9, 1.0, 1)
    assert not verify("Sidney Poitier: [1]", [hit]).kept
    kept = verify("Sidney Poitier was a Bahamian-American actor [1].", [hit]).kept
    assert [v.text for v in kept] == ["Sidney Poitier was a Bahamian-American actor [1]."]


def test_a_marker_used_as_a_label_cites_the_sentence_after_it():
    """Measured on wiki dev w085 ("Who founded YouTube?"): the model wrote "… owned by Google. [2]:
    The founders of YouTube were …", and the answer shown began ": The founders of YouTube …" —
    the marker went to the sentence before and its colon opened the next. A guard: a marker
    inside a sentence before a colon is no label; it cites the whole sentence."""
    text = "YouTube is owned by Google. The founders of YouTube were Chad Hurley and Steve Chen."
    hits = make_hits([text, "YouTube was founded in 2005 by Chad Hurley and Steve Chen."])
    raw = "[1] YouTube is owned by Google. [2]: YouTube was founded in 2005 by Chad Hurley and Steve Chen."
    kept = [(v.text, v.citations) for v in verify(raw, hits).kept]
    assert kept == [("YouTube is owned by Google [1].", (1,)),
                    ("YouTube was founded in 2005 by Chad Hurley and Steve Chen [2].", (2,))]  # fmt: skip
    raw = "The founders of YouTube [1]: Chad Hurley and Steve Chen."
    assert [v.text for v in verify(raw, hits).kept] == ["The founders of YouTube: Chad Hurley and Steve Chen [1]."]


def test_an_answer_announced_after_another_sentence_loses_the_announcement():
    """Measured on synthetic dev s-father-04 ("Who was Xerxes I's father?"): "The answer is:  He was
    the son of Darius …" was shown, announcement and all, since it followed another sentence on
    the same line."""
    text = "Xerxes I was a Persian ruler. He was the son of Darius the Great and Atossa."
    hits = make_hits([text])
    raw = "[1] Xerxes I was a Persian ruler. The answer is:  He was the son of Darius the Great and Atossa."
    kept = [v.text for v in verify(raw, hits).kept]
    assert kept == ["Xerxes I was a Persian ruler [1].", "He was the son of Darius the Great and Atossa [1]."]
