"""Export a sentence-transformers model directory to the ONNX file rag/onnx_embed.py runs.

Runs once per model (at ``rag prepare``, at install, or on first use): it needs torch and
transformers, which the answer path then never imports. Nothing is downloaded — the weights are
the packaged ones. The export is checked against torch fp32 on a probe sentence before it is
published, and published atomically (a temporary folder renamed into place), so a crash or a
concurrent export never leaves a half-written file under the cache's name.

Why ``torch.onnx.export`` and not sentence-transformers' ``backend="onnx"``: that goes through
optimum-onnx, whose every release (<= 0.1.0) needs transformers < 4.58 while sentence-transformers
6.2 needs transformers >= 5 (pip: ResolutionImpossible) — checked again for issue 14.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from rag.onnx_embed import EXPORT_FORMAT, INPUTS, PROBE, EncoderExportError, ModelLayout, OnnxEmbedder

log = logging.getLogger(__name__)

OPSET = 17


def export(layout: ModelLayout, folder: Path) -> Path:
    """Write ``folder/model.onnx`` and ``folder/export.json`` for ``layout``; returns ``folder``."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    started = time.perf_counter()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder.parent))
    try:
        reference = _export_graph(layout, staging / "model.onnx")
        meta = {
            "format": EXPORT_FORMAT,
            "source": str(layout.path),
            "onnx_bytes": (staging / "model.onnx").stat().st_size,
            "probe": [round(float(x), 7) for x in reference],
            "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        (staging / "export.json").write_text(json.dumps(meta), encoding="utf-8")
        _check_against_torch(layout, staging, reference)
        _publish(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("exported the encoder %s to %s in %.1f s", layout.path, folder, time.perf_counter() - started)
    return folder


def _export_graph(layout: ModelLayout, target: Path) -> np.ndarray:
    """Trace the transformer (no pooling: numpy does that) and return torch's probe vector."""
    import torch
    import transformers
    from transformers import AutoModel, AutoTokenizer

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    try:
        model = AutoModel.from_pretrained(str(layout.path), local_files_only=True, attn_implementation="eager")
        tokenizer = AutoTokenizer.from_pretrained(str(layout.path), local_files_only=True)
    except (OSError, ValueError) as exc:
        raise EncoderExportError(f"cannot load {layout.path} with transformers: {exc}") from exc
    model = model.float().eval()

    class Wrap(torch.nn.Module):  # positional inputs, one output: what the exporter wants
        def __init__(self) -> None:
            super().__init__()
            self.inner = model  # a submodule, so the weights export as initializers

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]

    sample = tokenizer(["a short one", "a somewhat longer text to export with"], padding=True, return_tensors="pt")
    if "token_type_ids" not in sample:
        sample["token_type_ids"] = torch.zeros_like(sample["input_ids"])
    axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUTS, "last_hidden_state")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TracerWarnings about shape-dependent branches in transformers
        probe = tokenizer([PROBE], truncation=True, max_length=layout.max_seq_length, return_tensors="pt")
        hidden = model(**probe)[0][0].numpy()
        # eval(): the exporter restores the wrapper's mode afterwards, and a new Module is in training mode
        _trace(Wrap().eval(), sample, target, axes)
    mask = probe["attention_mask"][0].numpy().astype(np.float32)[:, None]
    pooled = hidden[0] if layout.pooling == "cls" else (hidden * mask).sum(axis=0) / mask.sum()
    return pooled / np.linalg.norm(pooled) if layout.normalize else pooled


def _trace(module, sample, target: Path, axes: dict) -> None:
    import torch

    try:
        torch.onnx.export(
            module,
            tuple(sample[k] for k in INPUTS),
            str(target),
            input_names=list(INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,  # the TorchScript exporter: no onnxscript needed, dynamic axes as given
        )
    except Exception as exc:  # the exporter raises many types (missing onnx, unsupported ops, disk full)
        raise EncoderExportError(f"torch.onnx.export failed: {type(exc).__name__}: {exc}") from exc


def _check_against_torch(layout: ModelLayout, staging: Path, reference: np.ndarray) -> None:
    """Load the staged export as the answer path will; its probe vector must be torch's."""
    OnnxEmbedder(layout, staging, threads=1)  # raises EncoderExportError when the vectors differ


def _publish(staging: Path, folder: Path) -> None:
    if folder.exists():  # a stale or corrupt export under this name: replace it
        trash = Path(tempfile.mkdtemp(prefix=".old-", dir=folder.parent))
        try:
            folder.rename(trash / "old")
        except OSError:
            pass  # another process replaced it first
        shutil.rmtree(trash, ignore_errors=True)
    staging.chmod(0o755)  # mkdtemp made it private; the cache is shared like any other
    try:
        staging.rename(folder)
    except OSError:
        if not (folder / "export.json").is_file():  # lost a race to a concurrent export: theirs is as good
            raise
