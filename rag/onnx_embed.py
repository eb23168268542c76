"""Stage 3 without torch — the sentence encoder on ONNX Runtime, tokenised by ``tokenizers``.

The answer path embeds the question and a few dozen candidate sentences. With torch and
sentence-transformers that costs ~4 s of imports on every cold ``rag ask`` (sentence-transformers
pulls in scikit-learn, scipy and pandas); ONNX Runtime and ``tokenizers`` load in ~0.2 s.

The ONNX file is exported once, from the same packaged weights (rag/onnx_export.py, which does
need torch), into ``CACHE_DIR/encoders/<model>-<fingerprint>/``. The fingerprint covers the model
files (name, size, mtime), the export format and the ONNX Runtime version, so a changed model or
runtime gets a fresh export. Each export records the vector it gives for a probe sentence; a file
that fails to load or no longer gives that vector is re-exported, and if that fails too the
caller falls back to torch with a warning (:func:`rag.backends.make_embedder`).

Numerics: fp32 throughout, so the vectors match sentence-transformers' fp32 torch to ~1e-6.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.errors import RagError
from rag.onnx_runtimes import BATCH, RuntimeLoadError, check_size, open_runner

log = logging.getLogger(__name__)

EXPORT_FORMAT = "rag-onnx-encoder/1"  # bump when the exported graph or its metadata change
PROBE = "Ukraine was allowed to strike targets up to 300 km away, officials said on Tuesday."
PROBE_MIN_COSINE = 0.9999
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_SKIP = {"README.md", ".gitattributes", "data_config.json"}  # files that do not change the vectors


class EncoderExportError(RagError):
    """The ONNX encoder cannot be exported or loaded; the caller falls back to torch."""


@dataclass(frozen=True)
class ModelLayout:
    """What the ONNX path needs to know about a sentence-transformers model directory."""

    path: Path
    max_seq_length: int
    pooling: str  # "mean" | "cls"
    normalize: bool
    dim: int


def read_layout(model_dir: Path) -> ModelLayout:
    """Transformer + Pooling (mean or CLS) [+ Normalize]: the shapes this encoder reproduces.
    Anything else raises :class:`EncoderExportError` (torch handles it)."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text())
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
            raise EncoderExportError(f"modules {kinds} are not Transformer, Pooling[, Normalize]")
        pool = json.loads((model_dir / modules[1]["path"] / "config.json").read_text())
        bert = json.loads((model_dir / "sentence_bert_config.json").read_text())
        config = json.loads((model_dir / "config.json").read_text())
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise EncoderExportError(f"cannot read the model layout in {model_dir}: {exc}") from exc
    modes = [k for k, v in pool.items() if k.startswith("pooling_mode") and v]
    if modes not in (["pooling_mode_mean_tokens"], ["pooling_mode_cls_token"]):
        raise EncoderExportError(f"pooling {modes} is not plain mean or CLS pooling")
    max_len = min(int(bert.get("max_seq_length") or 512), int(config.get("max_position_embeddings", 512)))
    return ModelLayout(
        path=model_dir,
        max_seq_length=max_len,
        pooling="mean" if modes == ["pooling_mode_mean_tokens"] else "cls",
        normalize="Normalize" in kinds,
        dim=int(pool.get("word_embedding_dimension") or config["hidden_size"]),
    )


def fingerprint(model_dir: Path) -> str:
    """A key for the export: model files (relative name, size, mtime), export format, ORT version."""
    import onnxruntime

    digest = hashlib.sha256(f"{EXPORT_FORMAT}|onnxruntime {onnxruntime.__version__}".encode())
    for file in sorted(p for p in model_dir.rglob("*") if p.is_file() and p.name not in _SKIP):
        stat = file.stat()
        digest.update(f"|{file.relative_to(model_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def export_dir(cache_dir: Path, model_dir: Path) -> Path:
    named = model_dir.parent if model_dir.name == "model" else model_dir  # packaged models live in <pkg>/model
    slug = "".join(c if c.isalnum() or c in "-_." else "-" for c in named.name.lower())[:40]
    return Path(cache_dir).expanduser() / "encoders" / f"{slug}-{fingerprint(model_dir)}"


class OnnxEmbedder:
    """The :class:`rag.backends.Embedder` protocol on the exported encoder, run by OpenVINO
    (``runtime="openvino"``, fp32 or bf16) or ONNX Runtime (fp32)."""

    def __init__(
        self,
        layout: ModelLayout,
        folder: Path,
        threads: int = 2,
        name: str = "",
        runtime: str = "onnxruntime",
        precision: str = "fp32",
    ) -> None:
        self.name = name or str(layout.path)
        self.path = layout.path
        self.layout = layout
        self.dim = layout.dim
        self.folder = folder
        self.backend = "openvino" if runtime == "openvino" else "onnx"
        self.dtype = precision
        meta = read_meta(folder)
        self.tokenizer = _tokenizer(layout)
        try:
            check_size(folder / "model.onnx", int(meta["onnx_bytes"]))
            self._run = open_runner(folder / "model.onnx", runtime, threads, precision)
        except RuntimeLoadError as exc:
            raise EncoderExportError(str(exc)) from exc
        self._batch = BATCH[runtime]
        probe = self.encode([PROBE])[0]
        expected = np.asarray(meta["probe"], dtype=np.float32)
        cosine = float(probe @ expected / max(float(np.linalg.norm(probe) * np.linalg.norm(expected)), 1e-12))
        if not cosine >= PROBE_MIN_COSINE:
            raise EncoderExportError(f"{folder / 'model.onnx'} gives another vector than at export (cos {cosine:.5f})")

    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")  # like SentenceTransformer: less padding
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        step = max(1, min(batch_size, self._batch))
        for start in range(0, len(texts), step):
            rows = order[start : start + step]
            out[rows] = self._encode_batch([texts[i] for i in rows])
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._run(feeds)
        if self.layout.pooling == "cls":
            pooled = hidden[:, 0]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1).clip(min=1e-9)
        if self.layout.normalize:
            pooled = pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(min=1e-12)
        return pooled.astype(np.float32, copy=False)


def read_meta(folder: Path) -> dict:
    try:
        meta = json.loads((folder / "export.json").read_text())
    except (OSError, ValueError) as exc:
        raise EncoderExportError(f"no usable export record in {folder}: {exc}") from exc
    if meta.get("format") != EXPORT_FORMAT or "probe" not in meta or "onnx_bytes" not in meta:
        raise EncoderExportError(f"{folder / 'export.json'} is not a {EXPORT_FORMAT} record")
    return meta


def _tokenizer(layout: ModelLayout):  # -> tokenizers.Tokenizer
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(layout.path / "tokenizer.json"))
    except Exception as exc:  # tokenizers raises a bare Exception for unreadable files
        raise EncoderExportError(f"cannot read {layout.path / 'tokenizer.json'}: {exc}") from exc
    tokenizer.enable_truncation(max_length=layout.max_seq_length)
    pad = tokenizer.padding or {}
    tokenizer.enable_padding(
        pad_id=pad.get("pad_id", tokenizer.token_to_id("[PAD]") or 0), pad_token=pad.get("pad_token", "[PAD]")
    )
    return tokenizer


def load_or_export(
    model_dir: Path,
    cache_dir: Path,
    threads: int = 2,
    name: str = "",
    runtime: str = "onnxruntime",
    precision: str = "fp32",
) -> OnnxEmbedder:
    """The cached export for ``model_dir``, exporting it first when missing, stale or corrupt, run
    by ``runtime``. Raises :class:`EncoderExportError` when no working export can be made."""
    layout = read_layout(model_dir)
    folder = export_dir(cache_dir, model_dir)
    if (folder / "export.json").is_file():
        try:
            return OnnxEmbedder(layout, folder, threads, name, runtime, precision)
        except EncoderExportError as exc:
            if not _export_is_at_fault(folder, exc):
                raise
            log.warning("exported encoder is unusable (%s); exporting it again", exc)
    from rag.onnx_export import export

    export(layout, folder)
    return OnnxEmbedder(layout, folder, threads, name, runtime, precision)


def _export_is_at_fault(folder: Path, exc: EncoderExportError) -> bool:
    """False when the runtime itself is missing: exporting again would not help."""
    return "is not installed" not in str(exc)
