"""Encoder runtimes by micro-batch size (issue 14): the exported all-MiniLM-L6-v2 on OpenVINO (bf16 when
the CPU has it, and f32) and ONNX Runtime (fp32), against torch as rag used it before issue 14.

Two workloads, as the product has them: indexing (384 chunks of ~90 words: Wikipedia summaries joined
and chunked with the shipped chunk_words 80; chunks/s) and answering (an answer embeds ~20 candidate
sentences: 10 lists of 20 sentences from those chunks; median ms per list). The shipped micro-batch is
rag.onnx_runtimes.BATCH; this script overrides it per row.

    .venv/bin/python bench/encoder_batches.py [--batches 4,8,16,32,64]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WIKI_JSON, footer, header

ROWS = [("openvino", "bf16"), ("openvino", "fp32"), ("onnx", "fp32"), ("torch", "bf16"), ("torch", "fp32")]


def workloads() -> tuple[list[str], list[list[str]]]:
    import pysbd

    from rag.chunk import chunk_document
    from rag.records import Document

    data = list(json.loads(WIKI_JSON.read_text()).values())
    text = "\n".join(f"{it['title']}\n\n{it['extract']}\n" for it in data[:3000])
    chunks = [c.text for c in chunk_document(Document("all", "all", text), 80, 1)][:384]
    segmenter = pysbd.Segmenter(language="en", clean=False)
    sentences = [s for c in chunks[:60] for s in segmenter.segment(c)]
    return chunks, [sentences[i : i + 20] for i in range(0, 200, 20)]


def measure(embedder, batch: int, chunks: list[str], lists: list[list[str]]) -> str:
    if hasattr(embedder, "_batch"):
        embedder._batch = batch  # the runtime's micro-batch; torch takes batch_size as given
    embedder.encode(chunks[:32], batch_size=batch)
    started = time.perf_counter()
    embedder.encode(chunks, batch_size=batch)
    rate = len(chunks) / (time.perf_counter() - started)
    times = []
    for _ in range(3):
        for texts in lists:
            started = time.perf_counter()
            embedder.encode(texts, batch_size=batch)
            times.append(time.perf_counter() - started)
    return f"{rate:.1f} chunks/s; 20 candidate sentences {statistics.median(times) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", default="4,8,16,32,64")
    args = parser.parse_args()
    header("encoder runtimes by micro-batch")
    from rag.backends import make_embedder
    from rag.embed import cpu_supports_bf16
    from rag.settings import Settings

    chunks, lists = workloads()
    print(f"# {len(chunks)} chunks, ~{sum(len(c.split()) for c in chunks) / len(chunks):.0f} words; bf16 CPU: "
          f"{cpu_supports_bf16()}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(cache_dir=Path(tmp))
        for backend, dtype in ROWS:
            embedder = make_embedder(settings.with_(embed_backend=backend, embed_dtype=dtype))
            batches = [64] if backend == "torch" else [int(b) for b in args.batches.split(",")]
            for batch in batches:
                figures = measure(embedder, batch, chunks, lists)
                print(f"{backend} {embedder.dtype} batch {batch}: {figures}", flush=True)
    footer()


if __name__ == "__main__":
    main()
