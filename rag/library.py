"""The document library: what the index holds, document by document — list, show, remove, re-index.

Every document in the index is in the library. Those added through the UI, the HTTP API or
``rag docs add`` have origin "upload": ``rag index FOLDER`` (which makes the index match FOLDER)
never drops them; only ``rag docs remove ID`` does. Removing a document commits a new index
generation without its chunks, so the dense index and BM25 (rebuilt from the chunks when the
generation is opened) lose it together, atomically: a reader sees the index with it or without it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rag import lance_store, store
from rag.backends import open_store
from rag.errors import DocumentError, DocumentNotFoundError
from rag.index import BuildReport, build_index, check_compatible, uploads_dir, write
from rag.records import Document
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.embed import Embedder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentInfo:
    """One library entry: a document's metadata and size, without its text."""

    doc_id: str
    title: str
    outlet: str
    date: str
    pages: int  # 0 when the document has no pages (text, HTML)
    chunks: int
    characters: int
    added: str  # UTC, ISO 8601; "" for documents indexed before the library existed
    origin: str  # "folder" or "upload"
    path: str
    file_type: str  # "pdf", "docx", "txt", …


def list_documents(index: Any) -> list[DocumentInfo]:
    """Every document of ``index`` (either store), newest first (then by id)."""
    counts = index.chunk_counts()
    infos = [_info(doc, counts.get(doc.doc_id, 0)) for doc in index.documents.values()]
    return sorted(infos, key=lambda i: (_negated(i.added), i.doc_id))


def get_document(index: Any, doc_id: str) -> Document:
    try:
        return index.documents[doc_id]
    except KeyError:
        raise DocumentNotFoundError(_unknown(doc_id)) from None


def info_of(index: Any, doc_id: str) -> DocumentInfo:
    doc = get_document(index, doc_id)
    return _info(doc, index.chunk_counts().get(doc_id, 0))


def remove_documents(settings: Settings, doc_ids: list[str], dim: int) -> tuple[str, ...]:
    """Remove documents from the index in one atomic commit; an unknown id removes nothing.

    Their uploaded files are deleted after the commit, so a later rebuild does not bring them back."""
    with store.writer_lock(settings.index_dir):
        index = open_store(settings)
        check_compatible(index.manifest, settings, dim)
        unknown = [d for d in doc_ids if d not in index.documents]
        if unknown:
            raise DocumentNotFoundError(_unknown(unknown[0]))
        gone = set(doc_ids)
        if index.kind == "lance":
            _remove_from_lance(settings, index, gone, dim)
        else:
            rows = [r for r, c in enumerate(index.chunks) if c.doc_id not in gone]
            documents = [d for d in index.documents.values() if d.doc_id not in gone]
            vectors = index.vectors()[rows] if rows else np.zeros((0, dim), dtype=np.float32)
            write(settings, documents, [index.chunks[r] for r in rows], vectors, index.manifest.get("embed_dtype", ""))
    for doc_id in sorted(gone):
        _delete_upload(settings, index.documents[doc_id])
    return tuple(sorted(gone))


def reindex_documents(settings: Settings, doc_ids: list[str], embedder: Embedder) -> BuildReport:
    """Read documents again from their files and re-embed the ones whose text changed.

    A document whose file is gone or unreadable keeps its indexed version; the error says so."""
    index = open_store(settings)
    docs = [get_document(index, d) for d in doc_ids]
    missing = [d.path for d in docs if not Path(d.path).is_file()]
    if missing:
        raise DocumentError(f"cannot re-index: {missing[0]} no longer exists (the indexed version is kept)")
    reports = []
    for origin in sorted({d.origin for d in docs}):  # each keeps its origin
        paths = [Path(d.path) for d in docs if d.origin == origin]
        reports.append(build_index(paths, settings, embedder, mode="add", origin=origin))
    return reports[-1] if len(reports) == 1 else _merged(reports)


def add_files(settings: Settings, paths: list[Path], embedder: Embedder, progress: bool = False) -> BuildReport:
    """Add files to the library as uploads (kept by ``rag index FOLDER``; removed by ``rag docs remove``)."""
    return build_index(paths, settings, embedder, mode="add", progress=progress, origin="upload")


def _remove_from_lance(settings: Settings, index: Any, gone: set[str], dim: int) -> None:
    db = lance_store.open_for_writing(settings, dim)
    manifest = {**index.manifest, "n_documents": len(index.documents) - len(gone)}
    lance_store.commit(
        settings, db, manifest, upsert_documents=[], new_chunk_rows=[], delete_chunks_of=gone, delete_documents=gone
    )


def _info(doc: Document, chunks: int) -> DocumentInfo:
    return DocumentInfo(
        doc_id=doc.doc_id,
        title=doc.title,
        outlet=doc.outlet,
        date=doc.date,
        pages=len(doc.pages),
        chunks=chunks,
        characters=len(doc.text),
        added=doc.added,
        origin=doc.origin,
        path=doc.path,
        file_type=Path(doc.path).suffix.lstrip(".").lower(),
    )


def _negated(added: str) -> tuple[int, ...]:
    """Sort key for newest first: ISO timestamps compare as text, so negate their code points."""
    return tuple(-ord(c) for c in added)


def _unknown(doc_id: str) -> str:
    return f"no document with id {doc_id!r} in the index; the document list (`rag docs list`) shows the ids"


def _delete_upload(settings: Settings, doc: Document) -> None:
    path = Path(doc.path)
    folder = uploads_dir(settings).resolve()
    try:
        if path.resolve().parent == folder and path.is_file():
            path.unlink()
    except OSError as exc:  # the index no longer holds it; a stale file only matters to a rebuild
        log.warning("removed %s from the index but could not delete its file %s: %s", doc.doc_id, path, exc)


def _merged(reports: list[BuildReport]) -> BuildReport:
    last = reports[-1]
    return BuildReport(
        index_dir=last.index_dir,
        documents=last.documents,
        chunks=last.chunks,
        embedded_documents=tuple(d for r in reports for d in r.embedded_documents),
        reused_documents=tuple(d for r in reports for d in r.reused_documents),
        removed_documents=(),
        skipped=tuple(s for r in reports for s in r.skipped),
        seconds=sum(r.seconds for r in reports),
    )
