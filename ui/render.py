"""HTML for the chat UI: answers with clickable citation markers, sources with highlighted quotes.

Every piece of text that comes from a document, a question or the model is escaped with
``html.escape`` *before* our own ``<mark>``/``<a>`` markup is added, so an article that
contains ``<script>`` or other HTML is shown as text and can never inject markup.
Offsets are computed on the raw text first and each segment is escaped separately, so
escaping never shifts a highlighted span.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rag import Answer, Citation, Hit

CONTEXT_CHARS = 240  # document text shown either side of a cited passage
TITLE_QUOTE_CHARS = 220  # of a quote previewed when hovering over its marker
_MARKER_RE = re.compile(r"\[(\d{1,3})\]")
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n\s*")

DocText = Callable[[str], "str | None"]


def esc(text: str) -> str:
    """Escaped text with paragraphs kept; single newlines (hard wraps) become spaces.

    No raw newline survives: inside the chat bubble a blank line would end our HTML block
    and hand the rest to the Markdown renderer."""
    paragraphs = _PARAGRAPH_RE.split(text)
    return "<br><br>".join(html.escape(p.replace("\n", " "), quote=True) for p in paragraphs)


def anchor_id(turn: int, n: int) -> str:
    return f"src-{turn}-{n}"


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` escaped, with each ``text[start:end]`` wrapped in ``<mark>`` (clamped, merged)."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(esc(text[pos:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def link_markers(escaped: str, turn: int, titles: Mapping[int, str]) -> str:
    """Turn ``[n]`` markers of already-escaped text into links to source ``n`` of this turn.

    ``titles`` maps each cited ``n`` to the plain-text preview shown on hover (escaped here);
    a marker not in it is left as text."""

    def link(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in titles:
            return match.group()
        target = anchor_id(turn, n)
        title = html.escape(titles[n], quote=True)
        return f'<a class="cite" href="#{target}" data-target="{target}" title="{title}">[{n}]</a>'

    return _MARKER_RE.sub(link, escaped)


def where(outlet: str, date: str, page: int = 0) -> str:
    """A citation's where-line in plain text: "Reuters · 2024-11-19 · p. 3" (empty parts left out)."""
    return " · ".join(p for p in (outlet, date, f"p. {page}" if page > 0 else "") if p)


def citation_title(citation: Citation) -> str:
    """The hover preview of a marker: the quote (cut to one line) and where it comes from."""
    quote = " ".join(citation.quote.split())
    if len(quote) > TITLE_QUOTE_CHARS:
        quote = quote[:TITLE_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    place = where(citation.outlet, citation.date, citation.page) or citation.title or citation.doc_id
    return " ".join(f"“{quote}” — {place}".split())  # one line: a raw newline would end the bubble's HTML


# -- chat bubbles ---------------------------------------------------------------------
def user_html(question: str, filters: str = "") -> str:
    """The question bubble; ``filters`` (their description) is shown under it when active."""
    note = f'<div class="filters-used">Only: {esc(filters)}</div>' if filters else ""
    return f'<div class="q">{esc(question)}</div>{note}'


def streaming_html(raw: str) -> str:
    """The model's raw tokens while they arrive: plain text, markers not yet verified."""
    return (
        f'<div class="drafting"><span class="draft-label">Drafting — every sentence will be checked '
        f'against its source</span><div class="draft">{esc(raw)}<span class="cursor">▍</span></div></div>'
    )


def error_html(message: str) -> str:
    return f'<div class="error">⚠️ {esc(message)}</div>'


def answer_html(answer: Answer, turn: int) -> str:
    """The verified answer: clickable markers, mode badge, and what the verifier removed."""
    titles = {c.n: citation_title(c) for c in answer.citations}
    if answer.abstained:
        hint = '<div class="hint">The nearest passages are listed under Sources →</div>' if answer.sources else ""
        body = f'<div class="abstain"><strong>No answer in the articles.</strong> {esc(answer.text)}{hint}</div>'
    else:
        body = f'<div class="answer-text">{link_markers(esc(answer.text), turn, titles)}</div>' + "".join(
            f'<div class="unanswered">The articles don\'t say: {esc(part)}</div>' for part in answer.unanswered
        )
    total = answer.timings.get("total")
    seconds = f" · {total:.1f} s" if total is not None else ""
    confidence = f" · confidence {answer.confidence:.0%}" if answer.confidence else ""
    meta = (
        f'<div class="meta"><span class="mode mode-{esc(answer.mode)}">{esc(answer.mode)}</span>{seconds}{confidence}'
        f"</div>"
    )
    searched = f'<div class="searched">Searched for: {esc(answer.searched_for)}</div>' if answer.searched_for else ""
    return f'<div class="answer">{body}{removed_html(answer)}{searched}{meta}</div>'


def removed_html(answer: Answer) -> str:
    """Sentences the verifier took out, struck through and with the reason: never silently dropped."""
    if not answer.removed:
        return ""
    items = "".join(
        f'<li><del>{esc(v.text)}</del> <span class="reason">— {esc(v.reason or "unsupported")}</span></li>'
        for v in answer.removed
    )
    label = f"Removed by the verifier ({len(answer.removed)})"
    return f'<details class="removed"><summary>{label}</summary><ul>{items}</ul></details>'


# -- sources panel --------------------------------------------------------------------
def source_header(n: int, title: str, outlet: str, date: str, doc_id: str, page: int = 0) -> str:
    line = where(outlet, date, page)
    byline = f'<span class="byline">{esc(line)}</span>' if line else ""
    return (
        f'<div class="src-head"><span class="num">[{n}]</span> '
        f'<span class="title">{esc(title or doc_id)}</span> {byline}'
        f'<span class="doc-id">{esc(doc_id)}</span></div>'
    )


def passage_in_context(hit: Hit, text: str | None, quote: tuple[int, int] | None) -> str:
    """The chunk with some document text either side (dimmed); the quoted span in ``<mark>``.

    ``quote`` is in document offsets. Without the document text the chunk alone is shown
    (its text has the same length as the document span, so offsets still line up)."""
    chunk = hit.chunk
    if text is None or len(text) < chunk.end:
        spans = [(quote[0] - chunk.start, quote[1] - chunk.start)] if quote else []
        return f'<div class="ctx"><span class="passage">{highlight(chunk.text, spans)}</span></div>'
    lo, hi = chunk.start, chunk.end
    if quote:
        lo, hi = min(lo, quote[0]), max(hi, quote[1])
    left, right = _snap(text, lo - CONTEXT_CHARS, hi + CONTEXT_CHARS)
    marks = [(quote[0] - lo, quote[1] - lo)] if quote else []
    before = ("…" if left > 0 else "") + esc(text[left:lo])
    after = esc(text[hi:right]) + ("…" if right < len(text) else "")
    return (
        f'<div class="ctx"><span class="around">{before}</span><span class="passage">'
        f'{highlight(text[lo:hi], marks)}</span><span class="around">{after}</span></div>'
    )


def _snap(text: str, left: int, right: int) -> tuple[int, int]:
    """Widen nothing, but cut the context at word boundaries instead of mid-word."""
    left, right = max(0, left), min(len(text), right)
    if left > 0:
        space = text.find(" ", left)
        left = space + 1 if 0 <= space < left + 40 else left
    if right < len(text):
        space = text.rfind(" ", right - 40, right)
        right = space if space > 0 else right
    return left, right


def cited_card(turn: int, citation: Citation, hit: Hit | None, doc_text: DocText) -> str:
    text = doc_text(citation.doc_id)
    if text is not None and text[citation.start : citation.end] != citation.quote:
        text = None  # document changed since the answer: fall back to the quote itself
    if hit is None or hit.chunk.chunk_id != citation.chunk_id:
        body = f'<div class="ctx"><span class="passage"><mark>{esc(citation.quote)}</mark></span></div>'
    else:
        body = passage_in_context(hit, text, (citation.start, citation.end))
    head = source_header(citation.n, citation.title, citation.outlet, citation.date, citation.doc_id, citation.page)
    return f'<div class="source cited" id="{anchor_id(turn, citation.n)}">{head}{body}</div>'


def hit_card(turn: int, n: int, hit: Hit, doc_text: DocText) -> str:
    head = source_header(n, hit.title, hit.outlet, hit.date, hit.chunk.doc_id)
    body = passage_in_context(hit, doc_text(hit.chunk.doc_id), None)
    return f'<div class="source" id="{anchor_id(turn, n)}">{head}{body}</div>'


def sources_html(answer: Answer, turn: int, doc_text: DocText) -> str:
    """Cited passages (quote highlighted) first; retrieved-but-uncited ones collapsed below."""
    hits = list(answer.sources)
    cited = {c.n for c in answer.citations}
    cards = [cited_card(turn, c, hits[c.n - 1] if 0 < c.n <= len(hits) else None, doc_text) for c in answer.citations]
    others = [hit_card(turn, i, h, doc_text) for i, h in enumerate(hits, 1) if i not in cited]
    head = f'<div class="turn-q">Sources for: <q>{esc(answer.question)}</q></div>'
    if answer.abstained and not others:  # e.g. filters no document passes: nothing was searched
        rest = '<div class="empty">No passage was retrieved.</div>'
    elif answer.abstained:
        label = f"Nearest passages ({len(others)}) — none of them answers the question"
        rest = f'<details class="nearest" open><summary>{label}</summary>{"".join(others)}</details>'
    elif others:
        label = f"Retrieved but not cited ({len(others)})"
        rest = f'<details class="uncited"><summary>{label}</summary>{"".join(others)}</details>'
    else:
        rest = ""
    if not cards and not answer.abstained:
        cards = ['<div class="empty">No passage was cited.</div>']
    return f'<section class="turn" data-turn="{turn}">{head}{"".join(cards)}{rest}</section>'


def sources_panel(turns: list[tuple[str, str]], pending: str | None = None) -> str:
    """``turns`` are (question, sources HTML) pairs, oldest first. The latest is shown open;
    earlier ones are collapsed under their question (their markers still link into them)."""
    if not turns and pending is None:
        return '<div class="sources-empty">Ask a question: the passages behind each answer appear here.</div>'
    parts = [f'<div class="pending">{esc(pending)}</div>'] if pending is not None else []
    for i, (question, turn_html) in enumerate(reversed(turns)):
        if i == 0 and pending is None:
            parts.append(turn_html)
        else:
            summary = f"Earlier: {esc(question)}"
            parts.append(f'<details class="earlier"><summary>{summary}</summary>{turn_html}</details>')
    return "".join(parts)


# -- index status and uploads -------------------------------------------------------
def status_html(status: dict[str, Any]) -> str:
    rows = [
        ("Documents", status.get("documents", "?")),
        ("Chunks", status.get("chunks", "?")),
        ("Embedding model", status.get("embedding_model", "?")),
        ("Generator model", status.get("generator_model", "?")),
    ]
    cells = "".join(f"<dt>{esc(str(k))}</dt><dd>{esc(str(v))}</dd>" for k, v in rows)
    return f'<dl class="status">{cells}</dl>'


def upload_report_html(added: list[str], skipped: list[tuple[str, str]], seconds: float | None) -> str:
    """What an upload did: the files that landed and, separately, each file refused and why."""
    parts = []
    if added:
        took = f" in {seconds:.1f} s" if seconds is not None else ""
        parts.append(f'<div class="ok">Indexed {len(added)} file(s){took}: {esc(", ".join(added))}</div>')
    for name, reason in skipped:
        parts.append(f'<div class="skip">Skipped <b>{esc(name)}</b>: {esc(reason)}</div>')
    return "".join(parts) or '<div class="skip">No files received.</div>'
