"""Stage 2 — chunk: documents → sentence-aligned chunks with exact character offsets.

Hard-wrapped articles (line breaks in mid-sentence) are unfolded by a *length-preserving*
view: wrap newlines become spaces, so an offset into the clean view is the same offset into
the original text and ``document.text[start:end]`` is always the exact source span.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.records import Chunk, Document, Span

MAX_BLOCK_CHARS = 20_000  # pysbd slows down badly on huge blocks: pre-split them
MAX_SENTENCE_CHARS = 1_000  # a "sentence" longer than this (e.g. no punctuation) is split at spaces
_TERMINAL = (".", "!", "?", ":", '"', "”", "'", "’", ")")


def clean_view(text: str) -> str:
    """Same-length copy of ``text`` for splitting, embedding and prompting.

    Carriage returns and other control characters become spaces; in hard-wrapped text a
    single newline inside a paragraph becomes a space too, so sentences read whole.
    """
    # A lone "\r" is an old-Mac line break: keep it a break (same length) so a headline
    # or paragraph does not run into the next one; the "\r" of "\r\n" becomes a space.
    clean = re.sub(r"\r(?!\n)", "\n", text)
    clean = re.sub(r"[\r\t\v\f\x00-\x08\x0e-\x1f\x7f]", " ", clean)
    if is_hard_wrapped(clean):
        clean = re.sub(r"(?<=\S)[ ]*\n(?=[ ]*\S)", lambda m: " " * len(m.group()), clean)
    return clean


def is_hard_wrapped(text: str) -> bool:
    """Most lines short and ending mid-sentence: a fixed-width layout, not paragraphs."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 8:
        return False
    short = sum(1 for line in lines if len(line) <= 90)
    open_ended = sum(1 for line in lines[:-1] if not line.endswith(_TERMINAL))
    return short >= 0.8 * len(lines) and open_ended >= 0.4 * (len(lines) - 1)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans over ``text`` (offsets into it), from pysbd on the clean view."""
    clean = clean_view(text)
    spans: list[Span] = []
    for block in re.finditer(r"[^\n]+", clean):
        for piece_start, piece in _pieces(block.start(), block.group(), MAX_BLOCK_CHARS):
            spans.extend(_split_block(piece_start, piece))
    return [s for part in spans for s in _limit_length(clean, part)]


def _pieces(offset: int, block: str, limit: int) -> list[tuple[int, str]]:
    """Cut a block longer than ``limit`` at whitespace into pieces of at most ``limit``."""
    # Cut by index, never by re-slicing the remainder: that copied the rest of the block
    # for every piece, quadratic on a 50 MB one-line file (44 s just to cut it).
    pieces = []
    start = 0
    while len(block) - start > limit:
        cut = block.rfind(" ", start + limit // 2, start + limit)
        cut = start + limit if cut < 0 else cut
        pieces.append((offset + start, block[start:cut]))
        start = cut
    pieces.append((offset + start, block[start:]))
    return pieces


def _split_block(offset: int, block: str) -> list[Span]:
    if not re.search(r"\w", block):
        return []
    spans = []
    cursor = 0
    for segment in _segmenter().segment(block):
        stripped = segment.strip()
        if not stripped:
            continue
        found = block.find(stripped, cursor)
        if found < 0:  # pysbd altered the text: keep the rest of the block as one span
            rest = block[cursor:]
            lead = len(rest) - len(rest.lstrip())
            spans.append(Span(offset + cursor + lead, offset + len(block.rstrip())))
            return [s for s in spans if s.end > s.start]
        cursor = found + len(stripped)
        if spans and _CIRCA_END.search(block, 0, spans[-1].end - offset) and _DATE_START.match(stripped):
            spans[-1] = Span(spans[-1].start, offset + cursor)  # "begun c. | 1308 and …" is one sentence
        elif re.search(r"\w", stripped):
            spans.append(Span(offset + found, offset + cursor))
    return spans


# pysbd ends a sentence at "c." (circa), "ca." and "fl." (flourished) before a year: "begun c. 1308
# and completed c. 1321" came out as three sentences, and the middle one was quoted as an answer.
_CIRCA_END = re.compile(r"(?<![\w.])(?:c|ca|fl)\.$")
_DATE_START = re.compile(r"(?:\d|(?:AD|BC|BCE|CE)\b)")


def _limit_length(clean: str, span: Span) -> list[Span]:
    if span.end - span.start <= MAX_SENTENCE_CHARS:
        return [span]
    parts = []
    for start, piece in _pieces(span.start, clean[span.start : span.end], MAX_SENTENCE_CHARS):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            parts.append(Span(start + lead, start + lead + len(stripped)))
    return parts


def chunk_document(doc: Document, chunk_words: int = 80, overlap: int = 1) -> list[Chunk]:
    """Pack whole sentences into chunks of about ``chunk_words`` words.

    Consecutive chunks share ``overlap`` sentences so a fact split across a boundary is
    still retrievable whole. Chunk ids are ``<doc_id>#<ordinal>``.
    """
    clean = clean_view(doc.text)
    sentences = sentence_spans(doc.text)
    chunks: list[Chunk] = []
    i = 0
    while i < len(sentences):
        j, words = i, 0
        while j < len(sentences) and (words < chunk_words or j == i):
            words += len(clean[sentences[j].start : sentences[j].end].split())
            j += 1
        group = tuple(sentences[i:j])
        start, end = group[0].start, group[-1].end
        chunks.append(Chunk(f"{doc.doc_id}#{len(chunks)}", doc.doc_id, start, end, clean[start:end], group))
        if j >= len(sentences):
            break
        i = max(j - overlap, i + 1)
    return chunks
