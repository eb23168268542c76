"""Stage 7a — cite: parse ``[n]`` markers in model output and resolve them to exact quotes.

Markers that point at no passage are dropped; ``[1, 2]`` and ``[1][2]`` both work; a marker
written after the full stop belongs to the sentence before it.
"""

from __future__ import annotations

import re

from rag.judge import content_words, numbers
from rag.records import Chunk, Citation, Document, Hit, Span
from rag.text import MARKER_RE

__all__ = ["MARKER_RE", "clean_markers", "make_citation", "markers_of", "parse_markers", "split_sentences"]

_ANY_BRACKET_NUMBER = re.compile(r"\[[^\]\n]{0,40}\]")
_ONE = r"\[\d{1,3}\]"  # one marker in the "[a][b]" form, as many digits as MARKER_RE allows


def parse_markers(text: str) -> list[int]:
    """Marker numbers in order of appearance, duplicates removed."""
    numbers: list[int] = []
    for match in MARKER_RE.finditer(text):
        for part in re.split(r"[,;]", match.group(1)):
            n = int(part)
            if n not in numbers:
                numbers.append(n)
    return numbers


def clean_markers(text: str, n_sources: int) -> str:
    """Rewrite markers as ``[a][b]``, dropping numbers outside 1..n_sources and bracket junk."""

    def fix(match: re.Match[str]) -> str:
        inner = MARKER_RE.fullmatch(match.group())
        if inner is None:
            return match.group() if not re.search(r"\d", match.group()) else ""
        valid = [n for n in parse_markers(match.group()) if 1 <= n <= n_sources]
        return "".join(f"[{n}]" for n in valid)

    text = _ANY_BRACKET_NUMBER.sub(fix, text)
    text = re.sub(r"(\])\s*([.!?])(?=\s|$)", r"\1\2", text)
    text = re.sub(r"[ \t]+([.!?,;:])(?=\s|$)", r"\1", text)  # space left where a marker was dropped
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def split_sentences(text: str) -> list[str]:
    """Answer text → sentences, each keeping the markers that follow its full stop."""
    from rag.chunk import sentence_spans

    # Only what MARKER_RE reads as a marker moves: "[2024]" is text, not a citation.
    # "… Google. [2]: claim" labels the claim after it: it starts a line of its own
    text = re.sub(rf"(?m)(^|[.!?])[ \t]*((?:{_ONE})+)[ \t]*:[ \t]*", r"\1\n\2 ", text)
    # "[1] claim" at the start of a line -> "claim [1]"
    text = re.sub(rf"(?m)^[ \t]*((?:{_ONE})+)[ \t]*(\S.*)$", r"\2 \1", text)
    text = re.sub(rf"([.!?])((?:\s*{_ONE})+)", r"\2\1", text)  # "claim. [1]" -> "claim [1]."
    # pysbd mis-splits around "[n]": protect markers as plain words while splitting
    protected = MARKER_RE.sub(lambda m: "Qcite" + "x".join(str(n) for n in parse_markers(m.group())) + "Q", text)
    sentences = [protected[s.start : s.end].strip() for s in sentence_spans(protected)]
    restore = re.compile(r"Qcite(\d+(?:x\d+)*)Q")
    restored = [restore.sub(lambda m: "".join(f"[{n}]" for n in m.group(1).split("x")), s) for s in sentences if s]
    merged: list[str] = []
    for sentence in restored:  # markers split off after a closing quote ("…themselves.” [2].") belong to it
        if merged and _MARKERS_ONLY.fullmatch(sentence):
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    return merged


_MARKERS_ONLY = re.compile(rf"(?:\s*{_ONE})+\s*[.!?]?")


def markers_of(sentence: str) -> tuple[int, ...]:
    return tuple(parse_markers(sentence))


def with_markers(sentence: str, markers: tuple[int, ...]) -> str:
    """The sentence with its markers replaced by ``markers``, placed before the final punctuation."""
    bare = MARKER_RE.sub("", sentence).strip()
    bare = re.sub(r"\s+([.!?,;:])", r"\1", bare)
    tail = "".join(f"[{n}]" for n in markers)
    if bare and bare[-1] in ".!?":
        return f"{bare[:-1].rstrip()} {tail}{bare[-1]}" if tail else bare
    return f"{bare} {tail}".strip() if tail else bare


def quote_span(chunk: Chunk, claim: str) -> Span:
    """The chunk sentence(s) that best support ``claim``: the best one, plus its neighbour
    when the neighbour adds claim words the best one lacks. Shared numbers count double:
    they are the most specific evidence a sentence can hold."""
    sentences = list(chunk.sentences) or [Span(chunk.start, chunk.end)]
    wanted = _evidence(claim)

    def evidence(span: Span) -> set[str]:
        return _evidence(chunk.text[span.start - chunk.start : span.end - chunk.start])

    def score(span: Span) -> int:
        shared = wanted & evidence(span)
        return len(shared) + sum(1 for token in shared if token.startswith("#"))

    best = max(range(len(sentences)), key=lambda i: (score(sentences[i]), -i))
    start, end = sentences[best].start, sentences[best].end
    covered = evidence(sentences[best]) & wanted
    for j in (best - 1, best + 1):
        if 0 <= j < len(sentences) and (evidence(sentences[j]) & wanted) - covered:
            start, end = min(start, sentences[j].start), max(end, sentences[j].end)
    return Span(start, end)


def _evidence(text: str) -> set[str]:
    """Content words plus numbers (as "#value unit") of ``text``."""
    return set(content_words(text)) | {f"#{value:g} {unit}" for value, unit in numbers(text)}


def make_citation(n: int, hit: Hit, document: Document, claims: str | list[str]) -> Citation:
    """The citation ``[n]`` for one or more claims citing ``hit``: its quote is the contiguous
    span covering each claim's own evidence, exactly ``document.text[start:end]``."""
    spans = [quote_span(hit.chunk, claim) for claim in ([claims] if isinstance(claims, str) else claims)]
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    return Citation(
        n=n,
        doc_id=hit.chunk.doc_id,
        chunk_id=hit.chunk.chunk_id,
        start=start,
        end=end,
        quote=document.text[start:end],
        title=document.title,
        outlet=document.outlet,
        date=document.date,
        page=document.page_at(start),
    )
