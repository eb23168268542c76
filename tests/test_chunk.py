import itertools
from pathlib import Path

import pytest

from rag.chunk import chunk_document, clean_view, is_hard_wrapped, sentence_spans
from rag.load import load_file
from rag.records import Document

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))


def doc(text: str) -> Document:
    return Document("d", "d.txt", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence here. Another one there.", ["One sentence here.", "Another one there."]),
        ("Dr. Smith met the U.S. envoy. He left.", ["Dr. Smith met the U.S. envoy.", "He left."]),
        ("Line one\n\nLine two.", ["Line one", "Line two."]),
        ("  padded text.  ", ["padded text."]),
        ("", []),
        ("...  --- !!!", []),
        ("It cost 12,000 dollars. Then 3.5 more.", ["It cost 12,000 dollars.", "Then 3.5 more."]),
        # circa before a year does not end a sentence (pysbd split the Divine Comedy summary in three,
        # and "1308 and completed c." was quoted as when Dante completed it)
        (
            "The poem was begun c. 1308 and completed c. 1321, before his death. It has three parts.",
            ["The poem was begun c. 1308 and completed c. 1321, before his death.", "It has three parts."],
        ),
        ("He lived ca. 1200 to ca. 1250. Rome fl. 300 BC.", ["He lived ca. 1200 to ca. 1250.", "Rome fl. 300 BC."]),
        ("It was made c. AD 400. It helps.", ["It was made c. AD 400.", "It helps."]),
    ],
)
def test_sentence_spans_table(text, expected):
    assert [text[s.start : s.end] for s in sentence_spans(text)] == expected


def test_clean_view_preserves_length_and_unwraps_hard_wrapped_text():
    wrapped = "\n".join(["President Joe Biden", "dropped his opposition to Ukraine", "firing missiles at targets"] * 4)
    assert is_hard_wrapped(wrapped)
    clean = clean_view(wrapped)
    assert len(clean) == len(wrapped)
    assert "\n" not in clean
    assert not is_hard_wrapped("A full paragraph that ends.\nAnother paragraph that ends.\n")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_chunk_offsets_point_into_original_text(path):
    document = load_file(path)
    chunks = chunk_document(document, chunk_words=80, overlap=1)
    assert chunks
    for chunk in chunks:
        original = document.text[chunk.start : chunk.end]
        assert len(original) == len(chunk.text)
        assert " ".join(original.split()) == " ".join(chunk.text.split())
        assert chunk.sentences[0].start == chunk.start and chunk.sentences[-1].end == chunk.end
    ids = [c.chunk_id for c in chunks]
    assert len(set(ids)) == len(ids) and ids[0] == f"{document.doc_id}#0"


def test_hard_wrapped_article_chunks_into_whole_sentences():
    document = load_file(next(p for p in ARTICLES if p.stem.startswith("003")))
    texts = [document.text[s.start : s.end] for c in chunk_document(document) for s in c.sentences]
    joined = [" ".join(t.split()) for t in texts]
    assert any(
        t.startswith("Biden for months resisted pleas from Ukrainian President Volodymyr Zelenskiy") for t in joined
    )
    assert any("\n" in t for t in texts), "offsets must span the original line breaks"


def test_overlap_and_size():
    text = " ".join(f"Sentence number {i} has five words." for i in range(40))
    chunks = chunk_document(doc(text), chunk_words=20, overlap=1)
    assert all(len(c.text.split()) <= 30 for c in chunks)
    for a, b in itertools.pairwise(chunks):
        assert a.sentences[-1] == b.sentences[0]
    covered = {s for c in chunks for s in c.sentences}
    assert covered == set(sentence_spans(text))


def test_giant_unpunctuated_line_is_split_into_bounded_sentences():
    text = "word " * 50_000
    spans = sentence_spans(text)
    assert spans and all(s.end - s.start <= 1000 for s in spans)
