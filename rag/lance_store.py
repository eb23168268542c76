"""The LanceDB store: the index in LanceDB tables, in a folder or on object storage (``s3://…``).

Chosen for scale-out (issue 12): many readers share one store on object storage, hybrid search
(vectors + BM25 full-text) is built in, and every write is a new table version. Layout at
``store_uri`` (default ``INDEX_DIR/lance``)::

    chunks     one row per chunk, with its document's title, outlet, date and day (for filters)
               and its vector (FixedSizeList<float32, dim>); full-text index on ``search_text``
    documents  one row per document: its full text (what citations quote) and metadata
    commits    one row per commit: the versions of ``chunks`` and ``documents`` that belong
               together, and the manifest (models, chunking — checked like the faiss manifest)

A writer changes ``chunks`` and ``documents`` (new table versions) and *then* appends the
commit row: readers open the latest commit and check out exactly the versions it names, so they
never see half a write, and a crash before the commit row leaves the previous commit live (the
next writer first restores the tables to it). ``INDEX_DIR/store.json`` says the index is a
LanceDB one, so ``Assistant.load(index_dir=DIR)`` opens either kind. Search runs the vector and
the full-text query separately and fuses them with the same reciprocal-rank fusion (k = 60) as
the faiss store, so the two stores rank alike. Past :data:`ANN_THRESHOLD` chunks an ANN index
is built (IVF-HNSW-SQ, refined with exact distances); every :data:`OPTIMIZE_EVERY` commits the
tables are compacted and their indexes brought up to date.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import IndexCorruptError, IndexMissingError
from rag.filters import Filters, document_day
from rag.records import Chunk, Document, Hit, Span
from rag.settings import Settings

KIND_FILE = "store.json"
ANN_THRESHOLD = 100_000  # chunks; below it exact vector search is fast enough (bench/scale.py)
OPTIMIZE_EVERY = 20  # commits between compactions (100 appends made 102 versions, issue 12)
KEEP_OLD_VERSIONS = timedelta(hours=1)  # readers pinned to an older commit keep working this long


def store_kind(index_dir: Path) -> str:
    """'lance' when ``index_dir`` holds a LanceDB index's pointer file, else 'faiss'."""
    return "lance" if (Path(index_dir) / KIND_FILE).is_file() else "faiss"


def store_uri(settings: Settings) -> str:
    """Where the store lives: the pointer file's URI, else the setting, else INDEX_DIR/lance."""
    pointer = Path(settings.index_dir) / KIND_FILE
    if pointer.is_file():
        return json.loads(pointer.read_text(encoding="utf-8"))["uri"]
    return settings.store_uri or str(Path(settings.index_dir) / "lance")


def connect(uri: str) -> Any:
    """A LanceDB connection; object-storage credentials and endpoint come from the usual AWS_* variables."""
    import lancedb

    options = {k: v for k, v in storage_options().items() if v}
    return lancedb.connect(uri, storage_options=options or None) if uri.startswith("s3://") else lancedb.connect(uri)


def storage_options() -> dict[str, str]:
    env = os.environ
    return {
        "aws_endpoint": env.get("AWS_ENDPOINT_URL", ""),
        "aws_region": env.get("AWS_REGION", env.get("AWS_DEFAULT_REGION", "")),
        "allow_http": "true" if env.get("AWS_ENDPOINT_URL", "").startswith("http://") else "",
    }


# -- reading --------------------------------------------------------------------------------
class LanceStore:
    """One commit of a LanceDB index, opened for search (the tables checked out at its versions)."""

    kind = "lance"

    def __init__(self, uri: str) -> None:
        self.uri = uri
        db = connect(uri)
        names = set(db.table_names())
        if not {"chunks", "documents", "commits"} <= names:
            raise IndexMissingError(f"no LanceDB index at {uri}; build one with `rag index FOLDER --store lance`")
        commit = latest_commit(db)
        if commit is None:
            hint = "run `rag index FOLDER --store lance`"
            raise IndexMissingError(f"the LanceDB index at {uri} has no commit yet; {hint}")
        self.sequence = int(commit["sequence"])
        self.manifest: dict[str, Any] = json.loads(commit["manifest"])
        try:
            self.chunks_table = db.open_table("chunks")
            self.chunks_table.checkout(int(commit["chunks_version"]))
            documents_table = db.open_table("documents")
            documents_table.checkout(int(commit["documents_version"]))
            rows = documents_table.to_arrow().to_pylist()
        except (OSError, ValueError, RuntimeError) as exc:
            raise IndexCorruptError(f"the LanceDB index at {uri} is unreadable ({exc}); rebuild it") from exc
        self.documents: Mapping[str, Document] = {r["doc_id"]: _document(r) for r in rows}
        self.n_chunks = int(self.manifest.get("n_chunks", 0))

    @property
    def generation(self) -> str:  # the same name latest_generation() gives
        return f"lance-commit-{self.sequence:06d}"

    def chunk_counts(self) -> dict[str, int]:
        table = self.chunks_table.to_lance().to_table(columns=["doc_id"])
        ids, counts = np.unique(np.asarray(table.column("doc_id").to_pylist(), dtype=object), return_counts=True)
        return {str(i): int(c) for i, c in zip(ids, counts, strict=True)}

    def search(
        self, query: str, vector: np.ndarray, top_k: int, candidates: int, rrf_k: int, filters: Filters | None
    ) -> list[Hit]:
        """Vector and full-text search (the filter applied inside both), fused by reciprocal rank."""
        where = filter_sql(filters) if filters and filters.active else None
        dense = self._vector_search(vector, candidates, where)
        sparse = self._text_search(query, candidates, where)
        rows = {r["chunk_id"]: r for r in dense + sparse}
        fused: dict[str, float] = {}
        for ranking in (dense, sparse):
            for rank, row in enumerate(ranking, start=1):
                fused[row["chunk_id"]] = fused.get(row["chunk_id"], 0.0) + 1.0 / (rrf_k + rank)
        order = sorted(fused, key=lambda c: (-fused[c], c))[:top_k]
        bm25 = {r["chunk_id"]: float(r.get("_score", 0.0)) for r in sparse}
        return [_hit(rows[c], fused[c], float(np.dot(rows[c]["vector"], vector)), bm25.get(c, 0.0), i + 1)
                for i, c in enumerate(order)]  # fmt: skip

    def _vector_search(self, vector: np.ndarray, k: int, where: str | None) -> list[dict[str, Any]]:
        search = self.chunks_table.search(np.asarray(vector, dtype=np.float32)).metric("dot").limit(k)
        if self.n_chunks >= ANN_THRESHOLD:
            search = search.nprobes(32).refine_factor(4)
        if where:
            search = search.where(where, prefilter=True)
        rows = search.to_list()
        if where and len(rows) < k and self.n_chunks >= ANN_THRESHOLD:
            # a selective prefilter on an ANN index can return too few rows: search exactly instead
            exact = self.chunks_table.search(np.asarray(vector, dtype=np.float32)).metric("dot").limit(k)
            rows = exact.where(where, prefilter=True).bypass_vector_index().to_list()
        return rows

    def _text_search(self, query: str, k: int, where: str | None) -> list[dict[str, Any]]:
        if not any(ch.isalnum() for ch in query):
            return []
        search = self.chunks_table.search(query, query_type="fts", fts_columns="search_text").limit(k)
        if where:
            search = search.where(where, prefilter=True)
        try:
            return [r for r in search.to_list() if r.get("_score", 0) > 0]
        except (ValueError, RuntimeError):  # no full-text index yet (an empty store)
            return []


class LanceRetriever:
    """The retriever of a LanceDB store: the question is embedded here, searched in the engine."""

    def __init__(self, store: LanceStore, embedder: Any) -> None:
        self.store, self.embedder = store, embedder

    def search(
        self, question: str, top_k: int, candidates: int = 30, rrf_k: int = 60, filters: Filters | None = None
    ) -> list[Hit]:
        vector = self.embedder.encode_query(question)
        return self.store.search(question, vector, top_k, candidates, rrf_k, filters)


def latest_generation(uri: str) -> str | None:
    commit = latest_commit(connect(uri))
    return f"lance-commit-{int(commit['sequence']):06d}" if commit else None


def latest_commit(db: Any) -> dict[str, Any] | None:
    rows = db.open_table("commits").to_arrow().to_pylist()
    return max(rows, key=lambda r: r["sequence"]) if rows else None


def filter_sql(filters: Filters) -> str:
    """The filters as a SQL predicate over the chunk (and document) columns."""
    parts = []
    if filters.outlets:
        names = ", ".join(_quote(o.casefold()) for o in filters.outlets)
        parts.append(f"lower(outlet) IN ({names})")
    if filters.since:
        parts.append(f"day >= date '{filters.since.isoformat()}'")
    if filters.until:
        parts.append(f"day <= date '{filters.until.isoformat()}'")
    if filters.doc_ids:
        parts.append(f"doc_id IN ({', '.join(_quote(d) for d in filters.doc_ids)})")
    return " AND ".join(parts)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _hit(row: dict[str, Any], fused: float, cosine: float, bm25: float, rank: int) -> Hit:
    spans = tuple(Span(int(a), int(b)) for a, b in json.loads(row["sentences"]))
    chunk = Chunk(row["chunk_id"], row["doc_id"], int(row["start"]), int(row["end"]), row["text"], spans)
    return Hit(chunk, fused, cosine, bm25, rank, title=row["title"], outlet=row["outlet"], date=row["date"])


def _document(row: dict[str, Any]) -> Document:
    return Document(
        doc_id=row["doc_id"], path=row["path"], text=row["text"], title=row["title"], outlet=row["outlet"],
        date=row["date"], sha256=row["sha256"], pages=tuple(row["pages"] or ()), origin=row["origin"],
        added=row["added"],
    )  # fmt: skip


# -- writing (the caller holds the index's writer lock) ------------------------------------------
def schemas(dim: int) -> dict[str, Any]:
    import pyarrow as pa

    chunks = pa.schema([
        ("chunk_id", pa.string()), ("doc_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
        ("text", pa.string()), ("sentences", pa.string()), ("search_text", pa.string()),
        ("title", pa.string()), ("outlet", pa.string()), ("date", pa.string()), ("day", pa.date32()),
        ("vector", pa.list_(pa.float32(), dim)),
    ])  # fmt: skip
    documents = pa.schema([
        ("doc_id", pa.string()), ("path", pa.string()), ("text", pa.string()), ("title", pa.string()),
        ("outlet", pa.string()), ("date", pa.string()), ("day", pa.date32()), ("sha256", pa.string()),
        ("pages", pa.list_(pa.int64())), ("origin", pa.string()), ("added", pa.string()),
    ])  # fmt: skip
    commits = pa.schema([
        ("sequence", pa.int64()), ("chunks_version", pa.int64()), ("documents_version", pa.int64()),
        ("manifest", pa.string()), ("committed_at", pa.string()),
    ])  # fmt: skip
    return {"chunks": chunks, "documents": documents, "commits": commits}


def chunk_rows(chunks: list[Chunk], vectors: np.ndarray, documents: Mapping[str, Document]) -> list[dict[str, Any]]:
    """Table rows for ``chunks`` (row i has ``vectors[i]``); also what distributed indexing writes."""
    rows = []
    for chunk, vector in zip(chunks, vectors, strict=True):
        doc = documents[chunk.doc_id]
        rows.append({
            "chunk_id": chunk.chunk_id, "doc_id": chunk.doc_id, "start": chunk.start, "end": chunk.end,
            "text": chunk.text, "sentences": json.dumps([[s.start, s.end] for s in chunk.sentences]),
            "search_text": f"{doc.title}\n{chunk.text}", "title": doc.title, "outlet": doc.outlet, "date": doc.date,
            "day": document_day(doc), "vector": np.asarray(vector, dtype=np.float32),
        })  # fmt: skip
    return rows


def document_rows(documents: list[Document]) -> list[dict[str, Any]]:
    return [
        {"doc_id": d.doc_id, "path": d.path, "text": d.text, "title": d.title, "outlet": d.outlet, "date": d.date,
         "day": document_day(d), "sha256": d.sha256, "pages": list(d.pages), "origin": d.origin, "added": d.added}
        for d in documents
    ]  # fmt: skip


def open_for_writing(settings: Settings, dim: int) -> Any:
    """The database with its three tables, rolled back to the last commit (a crashed writer's
    uncommitted versions are discarded)."""
    uri = store_uri(settings)
    db = connect(uri)
    existing = set(db.table_names())
    for name, schema in schemas(dim).items():
        if name not in existing:
            db.create_table(name, schema=schema)
    commit = latest_commit(db)
    for name in ("chunks", "documents"):
        table = db.open_table(name)
        committed = int(commit[f"{name}_version"]) if commit else 1  # version 1 = the empty table
        if table.version != committed:
            table.restore(committed)
    return db


def delete_chunks(db: Any, doc_ids: set[str]) -> None:
    """Delete the chunk rows of ``doc_ids`` (uncommitted until :func:`commit`)."""
    if doc_ids:
        db.open_table("chunks").delete(f"doc_id IN ({', '.join(_quote(d) for d in sorted(doc_ids))})")


def commit(
    settings: Settings,
    db: Any,
    manifest: dict[str, Any],
    *,
    upsert_documents: list[Document],
    new_chunk_rows: list[dict[str, Any]],
    delete_chunks_of: set[str],
    delete_documents: set[str],
) -> int:
    """Apply one change to both tables, then append the commit row that makes it visible."""
    chunks, documents, commits = (db.open_table(n) for n in ("chunks", "documents", "commits"))
    delete_chunks(db, delete_chunks_of)
    chunks.checkout_latest()  # see rows other writers of this commit appended (distributed indexing)
    if new_chunk_rows:
        chunks.add(new_chunk_rows)
    gone = delete_documents | {d.doc_id for d in upsert_documents}
    if gone:
        documents.delete(f"doc_id IN ({', '.join(_quote(d) for d in sorted(gone))})")
    if upsert_documents:
        documents.add(document_rows(upsert_documents))
    manifest = {**manifest, "n_chunks": chunks.count_rows()}
    _ensure_indexes(chunks, manifest["n_chunks"])
    previous = latest_commit(db)
    sequence = (int(previous["sequence"]) + 1) if previous else 1
    if sequence % OPTIMIZE_EVERY == 0:
        for table in (chunks, documents):
            table.optimize(cleanup_older_than=KEEP_OLD_VERSIONS)
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    commits.add([{
        "sequence": sequence, "chunks_version": chunks.version, "documents_version": documents.version,
        "manifest": json.dumps(manifest, sort_keys=True), "committed_at": now,
    }])  # fmt: skip
    _write_pointer(settings)
    return sequence


def _ensure_indexes(chunks: Any, n_chunks: int) -> None:
    from lancedb.index import FTS

    indexed = {tuple(i.columns): i for i in chunks.list_indices()}
    if ("search_text",) not in indexed and n_chunks:
        # as bm25s in the faiss store: lower case, English stop words, no stemming, no diacritics
        # ("Erdogan" finds "Erdoğan"; text.fold_accents there)
        fts = FTS(with_position=False, stem=False, remove_stop_words=True, ascii_folding=True)
        chunks.create_index("search_text", config=fts)
    if ("vector",) not in indexed and n_chunks >= ANN_THRESHOLD:
        partitions = max(1, int(np.sqrt(n_chunks)))
        chunks.create_index(metric="dot", vector_column_name="vector", index_type="IVF_HNSW_SQ",
                            num_partitions=partitions)  # fmt: skip


def _write_pointer(settings: Settings) -> None:
    """INDEX_DIR/store.json, replaced atomically: the index in this folder is a LanceDB one."""
    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    pointer = index_dir / KIND_FILE
    body = json.dumps({"kind": "lance", "uri": store_uri(settings)})
    if pointer.is_file() and pointer.read_text(encoding="utf-8") == body:
        return
    tmp = index_dir / (KIND_FILE + ".tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, pointer)
