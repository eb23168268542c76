"""Stage 5 — retrieve: question → ranked passages, dense (faiss) + BM25 (bm25s), fused by RRF."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np

from rag.records import Hit
from rag.store import StoredIndex

if TYPE_CHECKING:
    from rag.embed import Embedder

log = logging.getLogger(__name__)


class Retriever:
    """Hybrid retrieval over one loaded index generation."""

    def __init__(self, index: StoredIndex, embedder: Embedder) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
        self.index = index
        self.embedder = embedder
        self.bm25 = bm25s.BM25()
        corpus = [_bm25_text(index, i) for i in range(len(index.chunks))]
        if corpus:
            self.bm25.index(bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False)

    def search(self, question: str, top_k: int, candidates: int = 30, rrf_k: int = 60) -> list[Hit]:
        """The ``top_k`` best chunks for ``question`` (fewer when the index is smaller)."""
        n = len(self.index.chunks)
        if n == 0:
            return []
        query = self.embedder.encode_query(question)
        dense_scores, dense_ids = self.index.faiss_index.search(query[None, :], min(candidates, n))
        dense = [(int(i), float(s)) for i, s in zip(dense_ids[0], dense_scores[0], strict=True) if i >= 0]
        sparse = self._bm25(question, min(candidates, n))
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

    def _bm25(self, question: str, k: int) -> list[tuple[int, float]]:
        import bm25s

        tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
        if not tokens.vocab or all(len(ids) == 0 for ids in tokens.ids):
            return []
        try:
            ids, scores = self.bm25.retrieve(tokens, k=k, show_progress=False)
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
