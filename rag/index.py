"""Stage 4 — index: documents → chunks → vectors → an on-disk faiss index, incrementally.

Unchanged documents (same content hash) keep their chunks and vectors; changed and new
ones are chunked and embedded; documents no longer present disappear (``sync`` mode).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rag import lance_store, store
from rag.chunk import chunk_document
from rag.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from rag.load import LoadResult, Skipped, known_outlets, load_paths
from rag.records import Chunk, Document
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.embed import Embedder

log = logging.getLogger(__name__)

SPLITTER = "pysbd-0.3.4+circa"  # the suffix names the repairs chunk.py makes to pysbd's splits
# chunks; below it exact search takes <= ~15 ms even on a loaded 2-core machine and an incremental
# build stays instant; above it HNSW answers in < 1 ms at recall@10 >= 0.99 (BENCHMARKS.md)
HNSW_THRESHOLD = 50_000


@dataclass(frozen=True)
class BuildReport:
    index_dir: str
    documents: int
    chunks: int
    embedded_documents: tuple[str, ...]
    reused_documents: tuple[str, ...]
    removed_documents: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    kept_uploads: tuple[str, ...] = ()  # library uploads kept although not under the indexed paths


def expected_manifest(settings: Settings, dim: int) -> dict[str, Any]:
    """The manifest fields an index must match to be used with ``settings``."""
    return {
        "format_version": store.FORMAT_VERSION,
        "embed_model": settings.embed_model,
        "dim": dim,
        "chunking": {"chunk_words": settings.chunk_words, "overlap": settings.chunk_overlap, "splitter": SPLITTER},
    }


def check_compatible(manifest: dict[str, Any], settings: Settings, dim: int | None = None) -> None:
    """Raise :class:`IndexMismatchError` naming every field that differs."""
    want = expected_manifest(settings, dim if dim is not None else manifest.get("dim", 0))
    diffs = [
        f"{k}: index has {manifest.get(k)!r}, settings want {v!r}" for k, v in want.items() if manifest.get(k) != v
    ]
    if diffs:
        raise IndexMismatchError(
            f"the index in {settings.index_dir} was built with other settings ({'; '.join(diffs)}). "
            f"Rebuild it: `rag index FOLDER --rebuild --index-dir {settings.index_dir}`, "
            "or use the settings it was built with."
        )


def build_index(
    paths: list[Path],
    settings: Settings,
    embedder: Embedder,
    *,
    mode: str = "sync",
    rebuild: bool = False,
    progress: bool = False,
    origin: str = "folder",
) -> BuildReport:
    """Index ``paths`` into ``settings.index_dir``.

    ``mode="sync"``: the index holds exactly the documents under ``paths`` — plus every document
    uploaded to the library (origin "upload"), which only ``rag docs remove`` takes out;
    ``mode="add"``: they are added to (or replace same-id documents in) the index.
    ``origin`` marks the loaded documents: "folder" (``rag index``) or "upload" (the library).
    ``rebuild`` re-embeds everything, uploads included. A file that cannot be read keeps its
    previously indexed version, if any.
    """
    began = time.perf_counter()
    with store.writer_lock(settings.index_dir):
        kind = settings.store if rebuild else existing_kind(settings)
        loaded = load_paths(paths, settings.max_file_bytes, known_outlets(settings.outlets_file))
        previous = _previous(settings, embedder.dim, tolerate_damage=rebuild) if kind == "faiss" else None
        old_docs = dict(previous.documents) if previous else {}
        if kind == "lance":
            old_docs = lance_documents(settings, embedder.dim, tolerate_damage=rebuild)
        if rebuild and not old_docs:  # the old index is gone or damaged: uploads come from their folder
            old_docs = uploaded_files(settings)
        new_docs, uploads = plan_documents(loaded, old_docs, mode, origin)
        documents = sorted(new_docs.values(), key=lambda d: d.doc_id)
        if kind == "lance":
            n_chunks, embedded = _commit_lance(settings, embedder, documents, old_docs, rebuild, progress)
        else:
            reusable = _reusable_vectors(None if rebuild else previous, documents)
            chunks, vectors, embedded = _chunk_and_embed(documents, reusable, settings, embedder, progress)
            write(settings, documents, chunks, vectors, embedder.dtype)
            n_chunks = len(chunks)
    return BuildReport(
        index_dir=str(settings.index_dir),
        documents=len(documents),
        chunks=n_chunks,
        embedded_documents=tuple(embedded),
        reused_documents=tuple(sorted(set(new_docs) - set(embedded))),
        removed_documents=tuple(sorted(set(old_docs) - set(new_docs))),
        skipped=loaded.skipped,
        seconds=time.perf_counter() - began,
        kept_uploads=tuple(sorted(uploads - {d.doc_id for d in loaded.documents})) if mode == "sync" else (),
    )


def existing_kind(settings: Settings) -> str:
    """The kind of the index already in INDEX_DIR ('faiss' or 'lance'); the setting when there is none."""
    if (Path(settings.index_dir) / lance_store.KIND_FILE).is_file():
        return "lance"
    if (Path(settings.index_dir) / "CURRENT").is_file():
        return "faiss"
    return settings.store


def plan_documents(
    loaded: LoadResult, old_docs: dict[str, Document], mode: str, origin: str
) -> tuple[dict[str, Document], set[str]]:
    """The documents the index will hold, and the ids of the old index's uploads."""
    # milliseconds: builds a second apart must still sort newest first in the library
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    new_docs = {d.doc_id: _stamped(d, origin, old_docs.get(d.doc_id), now) for d in loaded.documents}
    skipped_ids = {Path(s.path).stem for s in loaded.skipped}
    uploads = {doc_id for doc_id, doc in old_docs.items() if doc.origin == "upload"}
    keep_ids = set(old_docs) if mode == "add" else (skipped_ids & set(old_docs)) | uploads
    for doc_id in keep_ids - set(new_docs):
        new_docs[doc_id] = old_docs[doc_id]
    return new_docs, uploads


def lance_documents(settings: Settings, dim: int, tolerate_damage: bool = False) -> dict[str, Document]:
    """The documents of the LanceDB index's last commit ({} when there is none)."""
    try:
        stored = lance_store.LanceStore(lance_store.store_uri(settings))
    except IndexMissingError:
        return {}
    except IndexCorruptError:
        if tolerate_damage:
            return {}
        raise
    if not tolerate_damage:
        check_compatible(stored.manifest, settings, dim)
    return dict(stored.documents)


def _commit_lance(
    settings: Settings,
    embedder: Embedder,
    documents: list[Document],
    old_docs: dict[str, Document],
    rebuild: bool,
    progress: bool,
) -> tuple[int, list[str]]:
    """One LanceDB commit: only new and changed documents are embedded and written (a delta)."""
    by_id = {d.doc_id: d for d in documents}
    changed = [d for d in documents if rebuild or d.doc_id not in old_docs or old_docs[d.doc_id].sha256 != d.sha256]
    chunks, vectors, embedded = _chunk_and_embed(changed, {}, settings, embedder, progress)
    db = lance_store.open_for_writing(settings, embedder.dim)
    removed = set(old_docs) - set(by_id)
    stale = set(old_docs) if rebuild else removed | ({d.doc_id for d in changed} & set(old_docs))
    lance_store.commit(
        settings,
        db,
        {**expected_manifest(settings, embedder.dim), "embed_dtype": embedder.dtype, "n_documents": len(documents)},
        upsert_documents=[d for d in documents if old_docs.get(d.doc_id) != d],
        new_chunk_rows=lance_store.chunk_rows(chunks, vectors, by_id),
        delete_chunks_of=stale,
        delete_documents=removed,
    )
    return db.open_table("chunks").count_rows(), embedded


def write(settings: Settings, documents: list[Document], chunks: list[Chunk], vectors: np.ndarray, dtype: str) -> None:
    """Commit one generation (the caller holds the writer lock): rows of ``vectors`` are ``chunks``."""
    dim = vectors.shape[1]
    manifest = {
        **expected_manifest(settings, dim),
        "index_type": "hnsw" if len(chunks) >= HNSW_THRESHOLD else "flat",
        "n_documents": len(documents),
        "n_chunks": len(chunks),
        "documents": {d.doc_id: {"sha256": d.sha256, "path": d.path} for d in documents},
        "embed_dtype": dtype,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    store.write_generation(settings.index_dir, manifest, documents, chunks, make_faiss_index(vectors))


def uploads_dir(settings: Settings) -> Path:
    """Where the library keeps the files uploaded to it (the UI, the HTTP API, ``rag docs add``)."""
    return Path(settings.index_dir) / "uploads"


def _stamped(doc: Document, origin: str, old: Document | None, now: str) -> Document:
    """``doc`` with its origin and the time this version entered the index."""
    if old is not None and old.sha256 == doc.sha256 and old.added:
        return replace(doc, origin=origin, added=old.added)
    return replace(doc, origin=origin, added=now)


def uploaded_files(settings: Settings) -> dict[str, Document]:
    folder = uploads_dir(settings)
    if not folder.is_dir():
        return {}
    loaded = load_paths([folder], settings.max_file_bytes, known_outlets(settings.outlets_file))
    return {d.doc_id: replace(d, origin="upload") for d in loaded.documents}


def hnsw_ef_search(n: int) -> int:
    """HNSW search beam for ``n`` vectors: wide enough for recall@10 >= 0.95 against exact search.

    Measured (bench/retrieval_scale.py, BENCHMARKS.md): efSearch 64 gives 0.998 at 100k (faiss's
    default 16 only 0.97) but 0.89 at 1M, where 256 gives 0.984 in ~1 ms."""
    return 64 if n < 300_000 else 256


def make_faiss_index(vectors: np.ndarray) -> Any:
    """Exact inner-product search while small; HNSW past ``HNSW_THRESHOLD`` chunks."""
    import faiss

    dim = vectors.shape[1]
    if len(vectors) >= HNSW_THRESHOLD:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = hnsw_ef_search(len(vectors))  # saved in the index file
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors)
    return index


def _previous(settings: Settings, dim: int, tolerate_damage: bool = False) -> store.StoredIndex | None:
    """The live generation; for a rebuild (``tolerate_damage``) a damaged one counts as none and an
    incompatible one is still returned: its documents (the uploads) are kept, its vectors never reused."""
    try:
        old = store.read_generation(settings.index_dir)
    except IndexMissingError:
        return None
    except IndexCorruptError:
        if tolerate_damage:
            return None
        raise
    if not tolerate_damage:
        check_compatible(old.manifest, settings, dim)
    return old


def _reusable_vectors(
    old: store.StoredIndex | None, documents: list[Document]
) -> dict[str, tuple[list[Chunk], np.ndarray]]:
    """Chunks and vectors of documents whose text is unchanged since the previous build."""
    if old is None:
        return {}
    wanted = {d.doc_id for d in documents if d.doc_id in old.documents and old.documents[d.doc_id].sha256 == d.sha256}
    vectors = old.vectors()
    by_doc: dict[str, list[int]] = {}
    for row, chunk in enumerate(old.chunks):
        if chunk.doc_id in wanted:
            by_doc.setdefault(chunk.doc_id, []).append(row)
    return {doc_id: ([old.chunks[r] for r in rows], vectors[rows]) for doc_id, rows in by_doc.items()}


def _chunk_and_embed(
    documents: list[Document],
    reusable: dict[str, tuple[list[Chunk], np.ndarray]],
    settings: Settings,
    embedder: Embedder,
    progress: bool,
) -> tuple[list[Chunk], np.ndarray, list[str]]:
    fresh: dict[str, list[Chunk]] = {}
    for doc in documents:
        if doc.doc_id not in reusable:
            fresh[doc.doc_id] = chunk_document(doc, settings.chunk_words, settings.chunk_overlap)
    fresh_chunks = [c for chunks in fresh.values() for c in chunks]
    fresh_vectors = embedder.encode([c.text for c in fresh_chunks], settings.embed_batch, progress)
    fresh_rows = {c.chunk_id: i for i, c in enumerate(fresh_chunks)}
    chunks: list[Chunk] = []
    parts: list[np.ndarray] = []
    for doc in documents:
        if doc.doc_id in reusable:
            doc_chunks, doc_vectors = reusable[doc.doc_id]
        else:
            doc_chunks = fresh[doc.doc_id]
            doc_vectors = fresh_vectors[[fresh_rows[c.chunk_id] for c in doc_chunks]]
        chunks.extend(doc_chunks)
        parts.append(doc_vectors.reshape(-1, embedder.dim))
    vectors = np.concatenate(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)
    return chunks, np.ascontiguousarray(vectors, dtype=np.float32), sorted(fresh)
