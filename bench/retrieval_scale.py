"""Dense retrieval at scale: exact IndexFlatIP vs HNSW (as built by rag.index.make_faiss_index)
at 10k, 100k and 1M chunks: build time, search latency (one query at a time, k=30 as the
retriever asks), index memory, and HNSW recall@10 against exact search.

Vectors: real all-MiniLM-L6-v2 embeddings of the Wikipedia summaries (saved by
``bench/indexing.py --save-vectors``), topped up to the larger sizes with synthetic vectors
(a real vector plus Gaussian noise, renormalised, so the neighbourhoods stay realistic).
Queries: the Wikipedia short descriptions ("1968 film by Stanley Kubrick"), embedded with the
same model: real text queries against real text embeddings.

    .venv/bin/python bench/retrieval_scale.py --vectors /tmp/b/wiki_vectors.npy [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WIKI_JSON, footer, header, loadavg, percentile


def make_vectors(real: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    if n <= len(real):
        return np.ascontiguousarray(real[:n])
    extra = real[rng.integers(0, len(real), n - len(real))] + rng.normal(0, 0.08, (n - len(real), real.shape[1]))
    extra = extra.astype(np.float32)
    extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    return np.ascontiguousarray(np.concatenate([real, extra]))


def make_queries(n: int, rng: np.random.Generator) -> np.ndarray:
    from rag.embed import Embedder

    items = list(json.loads(WIKI_JSON.read_text()).values())
    texts = [items[i]["description"] for i in rng.permutation(len(items)) if items[i].get("description")][:n]
    return Embedder().encode(texts)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def search_latency(index, queries: np.ndarray, k: int) -> tuple[list[float], np.ndarray]:
    times, ids = [], []
    for q in queries:
        t0 = time.perf_counter()
        _, found = index.search(q[None, :], k)
        times.append(time.perf_counter() - t0)
        ids.append(found[0])
    return times, np.array(ids)


def recall_at_10(exact_ids: np.ndarray, approx_ids: np.ndarray) -> float:
    return float(np.mean([len(set(a[:10]) & set(e[:10])) / 10 for a, e in zip(approx_ids, exact_ids, strict=True)]))


def bench_size(vectors: np.ndarray, queries: np.ndarray, ef_search: list[int]) -> None:
    import faiss

    from rag import index as rag_index

    n = len(vectors)
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    flat_t, exact = search_latency(flat, queries, 30)
    flat_mb = vectors.nbytes / 2**20
    print(
        f"n={n:>9,} flat: search median {1000 * statistics.median(flat_t):7.2f} ms, p95 "
        f"{1000 * percentile(flat_t, 95):7.2f} ms, memory {flat_mb:6.0f} MB; loadavg {loadavg()}",
        flush=True,
    )
    del flat
    saved = rag_index.HNSW_THRESHOLD
    rag_index.HNSW_THRESHOLD = 1  # force the HNSW branch of the shipped index factory
    t0 = time.perf_counter()
    hnsw = rag_index.make_faiss_index(vectors)
    build_s = time.perf_counter() - t0
    rag_index.HNSW_THRESHOLD = saved
    graph_mb = hnsw.ntotal * hnsw.hnsw.nb_neighbors(0) * 4 / 2**20 * 1.1
    for ef in ef_search:
        hnsw.hnsw.efSearch = ef
        times, approx = search_latency(hnsw, queries, 30)
        print(
            f"n={n:>9,} hnsw M={hnsw.hnsw.nb_neighbors(1)} efC={hnsw.hnsw.efConstruction} efSearch={ef}: "
            f"build {build_s:6.1f} s, search median {1000 * statistics.median(times):6.2f} ms, "
            f"p95 {1000 * percentile(times, 95):6.2f} ms, recall@10 {recall_at_10(exact, approx):.3f}, "
            f"memory ~{flat_mb + graph_mb:6.0f} MB; loadavg {loadavg()}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vectors", type=Path, required=True)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ef-search", default="16,32,64,128")
    args = parser.parse_args()
    header("retrieval at scale")
    rng = np.random.default_rng(0)
    real = np.load(args.vectors).astype(np.float32)
    print(f"# {len(real):,} real vectors of dim {real.shape[1]}")
    queries = make_queries(args.queries, rng)
    for n in map(int, args.sizes.split(",")):
        bench_size(make_vectors(real, n, rng), queries, [int(e) for e in args.ef_search.split(",")])
        print(f"# peak RSS so far {rss_mb():.0f} MB", flush=True)
    footer()


if __name__ == "__main__":
    main()
