"""Stage 5 — retrieve: question → ranked passages, dense (faiss) + BM25 (bm25s), fused by RRF.

Filters (``rag.filters``) arrive as the set of allowed document ids and apply inside both
searches: faiss searches only the allowed rows (an ID selector, or exact search over them when
they are few) and BM25 weighs the other rows by zero. Neither search is cut afterwards.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.filters import Filters
from rag.records import Hit
from rag.store import StoredIndex
from rag.text import fold_accents

if TYPE_CHECKING:
    from rag.embed import Embedder

log = logging.getLogger(__name__)
# Below this many allowed rows an HNSW index is searched exactly over them (~3 ms at 384 dims).
EXACT_FILTERED_ROWS = 20_000


class Retriever:
    """Hybrid retrieval over one loaded index generation."""

    def __init__(self, index: StoredIndex, embedder: Embedder) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        self.index = index
        self.embedder = embedder
        self.rows_by_doc: dict[str, list[int]] = {}
        for row, chunk in enumerate(index.chunks):
            self.rows_by_doc.setdefault(chunk.doc_id, []).append(row)
        self.bm25 = bm25s.BM25()
        corpus = [_bm25_text(index, i) for i in range(len(index.chunks))]
        if corpus:
            self.bm25.index(_bm25_tokens(corpus), show_progress=False)

    def search(
        self,
        question: str,
        top_k: int,
        candidates: int = 30,
        rrf_k: int = 60,
        filters: Filters | None = None,
    ) -> list[Hit]:
        """The ``top_k`` best chunks for ``question`` (fewer when the index is smaller), drawn
        only from the documents that pass ``filters`` when they are given."""
        allowed = filters.allowed_ids(self.index.documents) if filters and filters.active else None
        rows = self._allowed_rows(allowed)
        n = len(self.index.chunks) if rows is None else len(rows)
        if n == 0:
            return []
        query = self.embedder.encode_query(question)
        dense = self._dense(query, min(candidates, n), rows)
        sparse = self._bm25(question, min(candidates, n), rows)
        fused: dict[int, float] = {}
        for ranking in (dense, sparse):
            for rank, (row, _) in enumerate(ranking, start=1):
                fused[row] = fused.get(row, 0.0) + 1.0 / (rrf_k + rank)
        order = sorted(fused, key=lambda r: (-fused[r], r))[:top_k]
        dense_by_row = dict(dense)
        sparse_by_row = dict(sparse)
        cosines = self._cosines(query, [r for r in order if r not in dense_by_row])
        hits = []
        for rank, row in enumerate(order, start=1):
            chunk = self.index.chunks[row]
            doc = self.index.documents[chunk.doc_id]
            hits.append(
                Hit(
                    chunk=chunk,
                    score=fused[row],
                    dense_score=dense_by_row.get(row, cosines.get(row, 0.0)),
                    bm25_score=sparse_by_row.get(row, 0.0),
                    rank=rank,
                    title=doc.title,
                    outlet=doc.outlet,
                    date=doc.date,
                )
            )
        return hits

    def _allowed_rows(self, allowed: frozenset[str] | None) -> np.ndarray | None:
        """Row numbers of the allowed documents' chunks (sorted); None = every row."""
        if allowed is None:
            return None
        parts = [self.rows_by_doc[d] for d in sorted(allowed) if d in self.rows_by_doc]
        return np.array(sorted(r for part in parts for r in part), dtype=np.int64)

    def _dense(self, query: np.ndarray, k: int, rows: np.ndarray | None) -> list[tuple[int, float]]:
        import faiss

        index = self.index.faiss_index
        if rows is None or len(rows) == index.ntotal:
            scores, ids = index.search(query[None, :], k)
        elif len(rows) <= EXACT_FILTERED_ROWS or not hasattr(index, "hnsw"):
            # few allowed rows, or a flat index: exact search over exactly those rows, so a
            # selective filter never loses hits to a graph walk that rarely visits them
            if hasattr(index, "hnsw"):
                vectors = index.reconstruct_batch(rows)
                sims = vectors @ query
                best = np.argsort(-sims, kind="stable")[:k]
                return [(int(rows[i]), float(sims[i])) for i in best]
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows))
            scores, ids = index.search(query[None, :], k, params=params)
        else:
            ef = max(index.hnsw.efSearch, 4 * k)
            params = faiss.SearchParametersHNSW(sel=faiss.IDSelectorBatch(rows), efSearch=ef)
            scores, ids = index.search(query[None, :], k, params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def _bm25(self, question: str, k: int, rows: np.ndarray | None = None) -> list[tuple[int, float]]:
        tokens = _bm25_tokens([question])
        if not tokens.vocab or all(len(ids) == 0 for ids in tokens.ids):
            return []
        mask = None
        if rows is not None:
            mask = np.zeros(len(self.index.chunks), dtype=np.float32)
            mask[rows] = 1.0  # BM25 scores of the other rows are multiplied by zero
        try:
            ids, scores = self.bm25.retrieve(tokens, k=k, show_progress=False, weight_mask=mask)
        except (ValueError, KeyError):  # a query of words the corpus never uses
            return []
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]

    def _cosines(self, query: np.ndarray, rows: list[int]) -> dict[int, float]:
        if not rows:
            return {}
        vectors = np.stack([self.index.faiss_index.reconstruct(r) for r in rows])
        return {r: float(s) for r, s in zip(rows, vectors @ query, strict=True)}


def _bm25_text(index: StoredIndex, row: int) -> str:
    """Chunk text plus its document title, so title words also match."""
    chunk = index.chunks[row]
    return f"{index.documents[chunk.doc_id].title}\n{chunk.text}"


def _bm25_tokens(texts: list[str]) -> Any:
    """The one tokenizer of both the indexed passages and the question: lower case, English stop
    words, and no diacritics on either side ("Erdogan" finds "Erdoğan")."""
    import bm25s

    return bm25s.tokenize([fold_accents(t) for t in texts], stopwords="en", show_progress=False)


def merge_hits(searches: list[tuple[Hit, ...]], limit: int, fill: tuple[Hit, ...] = ()) -> tuple[Hit, ...]:
    """The passages of several searches (one per part of a question that asks several things),
    taken in turn — each search's best, then each one's second — without repeats, at most
    ``limit``: every part keeps its best passages however the others rank. ``fill`` (the whole
    question's passages) only takes the places the searches leave: a part's answer may come from
    its last passage, which a whole-question passage taken in turn crowded out (dev24 o61)."""
    merged: dict[str, Hit] = {}
    for position in range(max((len(s) for s in searches), default=0)):
        for search in searches:
            if position < len(search) and len(merged) < limit:
                merged.setdefault(search[position].chunk.chunk_id, search[position])
    for hit in fill:
        if len(merged) < limit:
            merged.setdefault(hit.chunk.chunk_id, hit)
    return tuple(merged.values())
