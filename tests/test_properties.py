"""Property tests (hypothesis): the chunker, the citation parser and the loader hold their
invariants on arbitrary input. Example counts are modest so the default run stays fast."""

from __future__ import annotations

import itertools
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rag.chunk import chunk_document, clean_view, sentence_spans
from rag.cite import MARKER_RE, clean_markers, make_citation, parse_markers, split_sentences
from rag.errors import DocumentError
from rag.load import SUFFIXES, decode_bytes, load_file, looks_binary
from rag.records import Document, Hit

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Article-like text: words, digits, sentence punctuation, quotes, all three line endings,
# tabs, control characters and some non-Latin script.
WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éЖ中"), min_size=1, max_size=12
)
GLUE = st.sampled_from(
    [" ", " ", " ", ". ", "! ", "? ", ", ", "\n", "\n\n", "\r\n", "\r", "\t", '" ', "U.S. ", "\x00", "[1] "]
)
ARTICLE = st.lists(st.tuples(WORD, GLUE), max_size=120).map(lambda parts: "".join(w + g for w, g in parts))
ANY_TEXT = st.one_of(ARTICLE, st.text(max_size=300))
MODEL_OUTPUT = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(["[1]", "[2]", "[ 3 ]", "[1, 2]", "[2; 9]", "[0]", "[12]", "[999]", "[a]", "[]", "[source 3]"]),
        st.sampled_from(["[\n7]", "[1\n]", "[[2]]", "[1[2]]", "[", "]", ". ", "\n", "1.", " [4] .", "[-1]", "[1.5]"]),
        st.from_regex(r"\[\s*\d{1,4}(\s*[,;]\s*\d{1,4}){0,3}\s*\]", fullmatch=True),
    ),
    max_size=25,
).map("".join)


def _document(text: str) -> Document:
    return Document("d", "d.txt", text, sha256="x")


@FAST
@given(text=ANY_TEXT, chunk_words=st.integers(10, 60), overlap=st.integers(0, 3))
@example(text="Headline\r\rBody one. Body two.\r\nEnd", chunk_words=10, overlap=1)
@example(text="x" * 2500, chunk_words=10, overlap=0)
def test_chunk_offsets_and_sentence_coverage(text, chunk_words, overlap):
    clean = clean_view(text)
    assert len(clean) == len(text), "the clean view is length-preserving"
    sentences = sentence_spans(text)
    chunks = chunk_document(_document(text), chunk_words, overlap)
    for span in sentences:
        assert 0 <= span.start < span.end <= len(text)
        assert re.search(r"\w", clean[span.start : span.end])
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences)), "sentences are ordered"
    seen = []
    for chunk in chunks:
        assert 0 <= chunk.start < chunk.end <= len(text)
        assert chunk.text == clean[chunk.start : chunk.end]
        assert chunk.sentences and chunk.sentences[0].start == chunk.start and chunk.sentences[-1].end == chunk.end
        assert all(chunk.start <= s.start < s.end <= chunk.end for s in chunk.sentences)
        seen.extend(s for s in chunk.sentences if s not in seen)
    assert seen == sentences, "chunks cover every sentence, in order"


@FAST
@given(text=ARTICLE, claim=st.text(max_size=80))
def test_citation_quote_is_the_exact_source_span(text, claim):
    document = _document(text)
    for chunk in chunk_document(document, 10, 1):
        citation = make_citation(1, Hit(chunk, 1.0, 1.0, 1.0, 1), document, claim)
        assert chunk.start <= citation.start < citation.end <= chunk.end
        assert citation.quote == text[citation.start : citation.end]
        assert any(s.start == citation.start for s in chunk.sentences)
        assert any(s.end == citation.end for s in chunk.sentences)


@FAST
@given(output=MODEL_OUTPUT, n_sources=st.integers(0, 8))
@example(output="Range is 300 km [\n7].", n_sources=4)
@example(output="Claim [[2]] and [1[9]].", n_sources=4)
def test_any_model_output_keeps_only_valid_markers(output, n_sources):
    cleaned = clean_markers(output, n_sources)
    assert all(1 <= n <= n_sources for n in parse_markers(cleaned)), cleaned
    for sentence in split_sentences(cleaned):
        assert sentence.strip()
        assert all(1 <= n <= n_sources for n in parse_markers(sentence)), sentence


@FAST
@given(output=MODEL_OUTPUT)
@example(output="Range [2] is 300 km [1, 2]. Peskov said so [3]. [\n7] [1[9]]")
def test_marker_parsing_is_ordered_and_splitting_loses_nothing(output):
    numbers = parse_markers(output)
    assert len(numbers) == len(set(numbers)) and all(n >= 0 for n in numbers)
    # Order of first appearance: the number of each marker, read left to right, deduplicated.
    read = [int(n) for m in MARKER_RE.finditer(output) for n in re.split(r"[,;]", m.group(1))]
    assert numbers == list(dict.fromkeys(read))
    assert parse_markers("".join(f"[{n}]" for n in numbers)) == numbers  # [a][b] form round-trips
    # Splitting into sentences moves markers before the full stop but drops and invents nothing:
    # the same markers, and the same words in the same order.
    sentences = split_sentences(output)
    assert all(s and s == s.strip() for s in sentences)
    assert {n for s in sentences for n in parse_markers(s)} == set(numbers)
    words = lambda text: re.findall(r"[^\W_]+", MARKER_RE.sub(" ", text))  # noqa: E731
    assert [w for s in sentences for w in words(s)] == words(output)


BINARYISH = st.one_of(
    st.binary(max_size=600),
    ARTICLE.map(lambda t: t.encode("utf-8")),
    st.tuples(
        st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x89PNG\r\n\x1a\n", b"<html><body><p>", b""]),
        st.binary(max_size=200),
    ).map(b"".join),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@FAST
@given(data=BINARYISH)
def test_decode_bytes_gives_text_or_a_document_error(data):
    try:
        text = decode_bytes(data)
    except DocumentError as exc:
        assert str(exc)
        assert not data.strip() or looks_binary(data), "only empty or binary data is refused"
        return
    assert data.strip() and not looks_binary(data) and b"\x00" not in data[:8192]
    # Decoding is lossless: UTF-8 when the bytes are UTF-8 (BOM dropped), else a single-byte
    # code page that gives the exact bytes back (emptiness after decoding is load_file's check).
    try:
        assert text == data.decode("utf-8-sig")
    except UnicodeDecodeError:
        assert any(_encodes_back(text, data, codec) for codec in ("cp1252", "latin-1")), repr(text)


def _encodes_back(text: str, data: bytes, codec: str) -> bool:
    try:
        return text.encode(codec) == data
    except UnicodeEncodeError:
        return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=BINARYISH, suffix=st.sampled_from(SUFFIXES))
def test_load_file_gives_a_document_or_a_document_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            document = load_file(path, max_bytes=10_000)
        except DocumentError as exc:
            assert str(exc)
            return
    assert document.doc_id == "doc" and document.text.strip()
    assert len(document.title) <= 101
