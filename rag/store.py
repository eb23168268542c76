"""The on-disk index format: generations, manifest, atomic switch and writer lock.

Layout of an index directory::

    CURRENT             name of the live generation (replaced atomically)
    gen-000007/         one complete, immutable build
        manifest.json   format, models, chunking, per-document hashes, file checksums
        documents.jsonl one Document per line (with its full original text)
        chunks.jsonl    one Chunk per line
        dense.faiss     the vector index, row i == chunks.jsonl line i
    .lock               held by the one process allowed to write

A build writes a fresh ``.tmp-*`` directory, fsyncs it, renames it to its generation
name and only then swaps CURRENT, so a crash at any point leaves the old index live.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import IndexCorruptError, IndexLockedError, IndexMissingError
from rag.records import Chunk, Document, Span

FORMAT_VERSION = 1
FILES = ("documents.jsonl", "chunks.jsonl", "dense.faiss")


@dataclass(frozen=True)
class StoredIndex:
    """A loaded generation: everything retrieval needs, in memory."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, Document]
    chunks: tuple[Chunk, ...]
    faiss_index: Any  # faiss.Index

    kind = "faiss"

    @property
    def generation(self) -> str:
        return self.path.name

    @property
    def n_chunks(self) -> int:
        return len(self.chunks)

    def chunk_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in self.chunks:
            counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
        return counts

    def vectors(self) -> np.ndarray:
        n = self.faiss_index.ntotal
        if n == 0:
            return np.zeros((0, int(self.manifest["dim"])), dtype=np.float32)
        return self.faiss_index.reconstruct_n(0, n)


@contextlib.contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """Exclusive, non-blocking lock on the index directory (released even on a crash)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexLockedError(
                f"another process is writing the index in {index_dir}; wait for it to finish and try again"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_generation(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):  # binary junk in CURRENT is damage too, not a crash
        name = "<unreadable>"
    if not name.startswith("gen-") or "/" in name:
        raise IndexCorruptError(f"{pointer} is damaged ({name!r}); rebuild with `rag index FOLDER --rebuild`")
    return index_dir / name


def write_generation(
    index_dir: Path,
    manifest: dict[str, Any],
    documents: list[Document],
    chunks: list[Chunk],
    faiss_index: Any,
) -> Path:
    """Write a new generation aside, then make it current atomically. Caller holds the lock."""
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=index_dir))
    try:
        _write_jsonl(tmp / "documents.jsonl", (asdict(d) for d in documents))
        _write_jsonl(tmp / "chunks.jsonl", (_chunk_row(c) for c in chunks))
        faiss.write_index(faiss_index, str(tmp / "dense.faiss"))
        manifest = {**manifest, "format_version": FORMAT_VERSION, "files": {f: _sha256(tmp / f) for f in FILES}}
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        for name in (*FILES, "manifest.json"):
            _fsync(tmp / name)
        final = index_dir / f"gen-{_next_generation(index_dir):06d}"
        os.rename(tmp, final)
        _fsync_dir(index_dir)
        pointer_tmp = index_dir / "CURRENT.tmp"
        pointer_tmp.write_text(final.name, encoding="utf-8")
        _fsync(pointer_tmp)
        os.replace(pointer_tmp, index_dir / "CURRENT")
        _fsync_dir(index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remove_stale(index_dir, keep=final.name)
    return final


def read_generation(index_dir: Path) -> StoredIndex:
    """Load the current generation, verifying checksums; raises a clear error when absent or damaged."""
    for attempt in range(3):
        gen = current_generation(index_dir)
        if gen is None:
            raise IndexMissingError(
                f"no index in {index_dir}; build one with `rag index FOLDER --index-dir {index_dir}`"
            )
        try:
            return _read(index_dir, gen)
        except IndexCorruptError:
            # Readers take no lock: a writer may have switched CURRENT and removed this
            # generation while it was being read. That is not damage; read the new one.
            if attempt == 2 or current_generation(index_dir) == gen:
                raise
    raise AssertionError("unreachable")


def _read(index_dir: Path, gen: Path) -> StoredIndex:
    import faiss

    hint = f"rebuild with `rag index FOLDER --rebuild --index-dir {index_dir}`"
    try:
        manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
        for name, digest in manifest["files"].items():
            if _sha256(gen / name) != digest:
                raise IndexCorruptError(f"index file {gen / name} does not match its checksum; {hint}")
        documents = {row["doc_id"]: _document_from_row(row) for row in _read_jsonl(gen / "documents.jsonl")}
        chunks = tuple(_chunk_from_row(row) for row in _read_jsonl(gen / "chunks.jsonl"))
        faiss_index = faiss.read_index(str(gen / "dense.faiss"))
    except IndexCorruptError:
        raise
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorruptError(f"index in {gen} is unreadable ({exc.__class__.__name__}: {exc}); {hint}") from exc
    if faiss_index.ntotal != len(chunks) or any(c.doc_id not in documents for c in chunks):
        raise IndexCorruptError(f"index in {gen} is inconsistent (vectors vs chunks); {hint}")
    return StoredIndex(gen, manifest, documents, chunks, faiss_index)


def _document_from_row(row: dict[str, Any]) -> Document:
    return Document(**{**row, "pages": tuple(row.get("pages", ()))})


def _chunk_row(chunk: Chunk) -> dict[str, Any]:
    row = asdict(chunk)
    row["sentences"] = [[s.start, s.end] for s in chunk.sentences]
    return row


def _chunk_from_row(row: dict[str, Any]) -> Chunk:
    spans = tuple(Span(int(a), int(b)) for a, b in row.pop("sentences"))
    return Chunk(**row, sentences=spans)


def _write_jsonl(path: Path, rows: Any) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _next_generation(index_dir: Path) -> int:
    numbers = [int(p.name[4:]) for p in index_dir.glob("gen-*") if p.name[4:].isdigit()]
    return max(numbers, default=0) + 1


def _remove_stale(index_dir: Path, keep: str) -> None:
    """Old generations and leftovers of crashed builds; only ever called under the lock."""
    for path in index_dir.iterdir():
        if path.is_dir() and path.name != keep and (path.name.startswith("gen-") or path.name.startswith(".tmp-")):
            shutil.rmtree(path, ignore_errors=True)
