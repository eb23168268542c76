"""Retrieval with the ONNX encoder against torch fp32 (issue 14): the product's own retrieval
(faiss + BM25, reciprocal-rank fusion, top 4) over the sample corpus, for every eval question
with gold documents, with the index built by one encoder and questions embedded by another.

Reference: torch fp32 for both. Compared: what `embed_backend=auto` does on a bf16 CPU (OpenVINO
bf16) and on any other CPU (OpenVINO fp32), the ONNX Runtime fallback, and torch bf16 (before issue
14 on a bf16 CPU). Prints doc recall@4 (a gold document among the 4 passages) and the share
of questions whose top-4 chunk set equals the reference's, plus the encoders' cosine agreement.

    .venv/bin/python bench/encoder_agreement.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, footer, header, questions

COMBOS = {  # name: (index encoder, question encoder)
    "torch fp32 / torch fp32 (reference)": ("torch-fp32", "torch-fp32"),
    "openvino bf16 (auto, bf16 CPU)": ("openvino-bf16", "openvino-bf16"),
    "openvino fp32 (auto, other CPUs)": ("openvino-fp32", "openvino-fp32"),
    "onnxruntime fp32 (fallback)": ("onnx", "onnx"),
    "torch bf16 (before issue 14, bf16 CPU)": ("torch-bf16", "torch-bf16"),
}


def encoders(cache: Path) -> dict:
    from rag.backends import make_embedder
    from rag.settings import Settings

    settings = Settings.load(cache_dir=cache)
    return {
        "torch-fp32": make_embedder(settings.with_(embed_backend="torch", embed_dtype="fp32")),
        "torch-bf16": make_embedder(settings.with_(embed_backend="torch", embed_dtype="bf16")),
        "openvino-bf16": make_embedder(settings.with_(embed_backend="openvino", embed_dtype="bf16")),
        "openvino-fp32": make_embedder(settings.with_(embed_backend="openvino", embed_dtype="fp32")),
        "onnx": make_embedder(settings.with_(embed_backend="onnx")),
    }


def top4(index_dir: Path, index_encoder, question_encoder, rows: list[dict]) -> list[list[str]]:
    from rag.backends import make_retriever, open_store
    from rag.index import build_index
    from rag.settings import Settings

    settings = Settings.load(index_dir=index_dir)
    build_index([ARTICLES], settings, index_encoder, rebuild=True)
    retriever = make_retriever(open_store(settings), question_encoder)
    return [[h.chunk.chunk_id for h in retriever.search(r["question"], top_k=4)] for r in rows]


def main() -> None:
    header("encoder agreement: retrieval top-4 by index / question encoder")
    rows = [r for r in questions() if r.get("gold_docs")]
    with tempfile.TemporaryDirectory() as tmp:
        enc = encoders(Path(tmp) / "cache")
        probe = [r["question"] for r in rows]
        ref = enc["torch-fp32"].encode(probe)
        for name in ("torch-bf16", "openvino-bf16", "openvino-fp32", "onnx"):
            cos = np.sum(enc[name].encode(probe) * ref, axis=1)
            print(f"# cosine {name} vs torch fp32, {len(probe)} questions: mean {cos.mean():.6f}, min {cos.min():.6f}")
        results = {}
        for label, (index_name, question_name) in COMBOS.items():
            folder = Path(tmp) / f"{index_name}-{question_name}"
            results[label] = top4(folder, enc[index_name], enc[question_name], rows)
    reference = results[next(iter(COMBOS))]
    for label, tops in results.items():
        recall = sum(any(c.split("#")[0] in r["gold_docs"] for c in t) for t, r in zip(tops, rows, strict=True))
        same = sum(set(t) == set(ref_t) for t, ref_t in zip(tops, reference, strict=True))
        print(f"{label}: doc recall@4 {recall}/{len(rows)} ({recall / len(rows):.1%}); "
              f"top-4 set same as reference {same}/{len(rows)} ({same / len(rows):.1%})")  # fmt: skip
    footer()


if __name__ == "__main__":
    main()
