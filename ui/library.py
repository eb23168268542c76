"""The Library tab: every indexed document in a paged table; remove or re-index the chosen one.

A library change re-renders everything that depends on the set of documents (the table, the
document picker, the filter choices and the index status), so one :func:`view` feeds them all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from rag import RagError
from ui import render
from ui.runtime import Runtime

if TYPE_CHECKING:
    from rag import BuildReport, DocumentInfo

PAGE_SIZE = 20
HEADERS = ["Title", "Outlet", "Date", "Pages", "Chunks", "Added", "Origin", "ID"]
COLUMN_WIDTHS = ["28%", "12%", "10%", "7%", "7%", "14%", "7%", "15%"]
PREVIEW_CHARS = 400
NO_CHOICE = "Choose a document first: click its row in the table or pick its id."


def row(info: DocumentInfo) -> list[Any]:
    """One table row; the id is last, where a row click reads it."""
    added = info.added[:16].replace("T", " ") + " UTC" if info.added else ""
    pages = info.pages or ""  # 0 means "not paged", not "no pages"
    return [info.title, info.outlet, info.date, pages, info.chunks, added, info.origin, info.doc_id]


def page_of(infos: Sequence[DocumentInfo], page: int) -> tuple[list[list[Any]], int, int]:
    """Rows of ``page`` (0-based, clamped to the pages there are), that page and the page count."""
    pages = max(1, math.ceil(len(infos) / PAGE_SIZE))
    page = min(max(0, int(page)), pages - 1)
    return [row(i) for i in infos[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]], page, pages


def page_label(page: int, pages: int, total: int) -> str:
    return f'<div class="note">Page {page + 1} of {pages} · {total} document{"" if total == 1 else "s"}</div>'


def view(rt: Runtime, page: float = 0, picked: str | None = None) -> tuple[Any, ...]:
    """Everything that shows the set of documents: table, page label, page, document picker,
    outlet and document filter choices, index status. Filter selections are kept."""
    assistant = rt.assistant
    infos = assistant.documents()
    rows, page, pages = page_of(infos, int(page or 0))
    ids = {i.doc_id for i in infos}
    choices = document_choices(infos)
    return (
        {"headers": HEADERS, "data": rows},  # a plain value (not an update): API clients read it as is
        page_label(page, pages, len(infos)),
        page,
        gr.Dropdown(choices=choices, value=picked if picked in ids else None),
        gr.Dropdown(choices=assistant.outlets()),
        gr.Dropdown(choices=choices),
        rt.status(),
    )


def document_choices(infos: Sequence[DocumentInfo]) -> list[tuple[str, str]]:
    """(label, id) per document for the pickers: the title helps, the id is what is sent."""
    return [(_label(i), i.doc_id) for i in infos]


def _label(info: DocumentInfo) -> str:
    # a title guessed from the file name ("000 0355…" for 000_0355….txt) adds nothing to the id
    if not info.title or info.title.replace(" ", "_") == info.doc_id:
        return info.doc_id
    return f"{info.title} ({info.doc_id})"


def pick_row(evt: gr.SelectData) -> str | None:
    """A click anywhere in a row chooses that row's document (its id is the last column)."""
    values = evt.row_value or []
    return str(values[-1]) if values else None


def details(rt: Runtime, doc_id: str | None) -> str:
    """What the chosen document is: where it came from and how it begins."""
    if not doc_id:
        return ""
    try:
        doc = rt.assistant.document(doc_id)
    except RagError as exc:
        return render.error_html(str(exc))
    begins = doc.text[:PREVIEW_CHARS] + ("…" if len(doc.text) > PREVIEW_CHARS else "")
    pages = f" · {len(doc.pages)} pages" if doc.pages else ""
    return (
        f'<div class="doc-details"><b>{render.esc(doc.title or doc.doc_id)}</b>'
        f'<div class="note">{render.esc(doc.origin)} · {len(doc.text):,} characters{pages} · '
        f"<code>{render.esc(Path(doc.path).name)}</code></div>"  # the name only: no server paths in the page
        f'<div class="doc-begins">{render.esc(begins)}</div></div>'
    )


def remove(rt: Runtime, doc_id: str | None, page: float) -> tuple[Any, ...]:
    """Remove the chosen document from the index (dense and BM25 together); the note says what happened."""
    if not doc_id:
        return (render.error_html(NO_CHOICE), *view(rt, page, doc_id))
    with rt.write_lock:
        try:
            origin = rt.assistant.document(doc_id).origin
            rt.assistant.remove_documents([doc_id])
        except RagError as exc:
            return (render.error_html(f"Not removed: {exc}"), *view(rt, page, doc_id))
    if origin == "upload":
        said = f"Removed {doc_id} and its uploaded file."
    else:  # a folder document comes back when that folder is indexed again
        said = f"Removed {doc_id} from the index. Its file stays in its folder: indexing that folder again restores it."
    return (_ok(said), *view(rt, page))


def reindex(rt: Runtime, doc_id: str | None, page: float) -> tuple[Any, ...]:
    """Read the chosen document's file again; a changed text is re-chunked and re-embedded."""
    if not doc_id:
        return (render.error_html(NO_CHOICE), *view(rt, page, doc_id))
    with rt.write_lock:
        try:
            report = rt.assistant.reindex_documents([doc_id])
        except RagError as exc:
            return (render.error_html(f"Not re-indexed: {exc}"), *view(rt, page, doc_id))
    return (reindex_note(doc_id, report), *view(rt, page, doc_id))


def reindex_note(doc_id: str, report: BuildReport) -> str:
    if report.skipped:  # only this document's file was read
        return render.error_html(f"Not re-indexed: {report.skipped[0].reason} (the indexed version is kept)")
    if doc_id in report.embedded_documents:
        return _ok(f"Re-indexed {doc_id}: its text changed, so it was chunked and embedded again.")
    return _ok(f"Re-indexed {doc_id}: its file is unchanged, nothing needed embedding again.")


def _ok(message: str) -> str:
    return f'<div class="ok">{render.esc(message)}</div>'
