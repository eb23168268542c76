"""The two runtimes that run the exported encoder (rag/onnx_embed.py): OpenVINO and ONNX Runtime.

Both read the same ``model.onnx``. OpenVINO runs it in bf16 on CPUs with AVX-512 BF16 or AMX
(~2.8x ONNX Runtime's fp32 there, 1.4x torch bf16) and in f32 elsewhere (~1.2x ONNX Runtime);
ONNX Runtime is the fallback when OpenVINO is missing or fails (BENCHMARKS.md, issue 14). A runner takes the
tokenised batch and returns the last hidden state; pooling is the caller's.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from rag.errors import RagError

Feeds = dict[str, np.ndarray]
Runner = Callable[[Feeds], np.ndarray]

# Micro-batch per runtime, measured on ~90-word chunks and 20 candidate sentences (issue 14,
# BENCHMARKS.md): small batches pad less and keep activations in cache. ONNX Runtime fp32 79 chunks/s
# at 8 against 57 at 64; OpenVINO f32 97 against 79, bf16 226 against 212 (229 at 16, within noise).
BATCH = {"onnxruntime": 8, "openvino": 8}


class RuntimeLoadError(RagError):
    """The runtime is not installed or cannot load the exported file."""


def check_size(path: Path, expected_bytes: int) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RuntimeLoadError(f"exported encoder {path} is missing: {exc}") from exc
    if size != expected_bytes:
        raise RuntimeLoadError(f"exported encoder {path} has {size} bytes, {expected_bytes} were written")


def open_runner(path: Path, runtime: str, threads: int, precision: str) -> Runner:
    if runtime == "openvino":
        return _openvino(path, threads, precision)
    if precision != "fp32":
        raise RuntimeLoadError(f"ONNX Runtime runs this encoder in fp32 only, not {precision}")
    return _onnxruntime(path, threads)


def _onnxruntime(path: Path, threads: int) -> Runner:
    try:
        import onnxruntime as ort
    except ImportError as exc:
        raise RuntimeLoadError(f"onnxruntime is not installed ({exc})") from exc
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    # Spinning workers keep both cores busy after each call, while llama.cpp decodes next; measured
    # no faster with spinning (BENCHMARKS.md).
    options.add_session_config_entry("session.intra_op.allow_spinning", os.environ.get("RAG_ORT_SPIN", "0"))
    try:
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # ORT raises its own Fail/InvalidProtobuf/... types
        raise RuntimeLoadError(f"exported encoder {path} cannot be loaded: {exc}") from exc
    names = [i.name for i in session.get_inputs()]
    return lambda feeds: session.run(None, {k: feeds[k] for k in names})[0]


def _openvino(path: Path, threads: int, precision: str) -> Runner:
    _without_openvino_telemetry()
    try:
        import openvino
    except ImportError as exc:
        raise RuntimeLoadError(f"openvino is not installed ({exc})") from exc
    config = {
        "INFERENCE_PRECISION_HINT": "bf16" if precision == "bf16" else "f32",
        "INFERENCE_NUM_THREADS": threads,
        "PERFORMANCE_HINT": "LATENCY",
        "NUM_STREAMS": 1,
    }
    core = openvino.Core()
    cache = path.parent / "openvino-cache"  # compiled blobs: the second load skips compilation
    if os.access(path.parent, os.W_OK):
        config["CACHE_DIR"] = str(cache)
    try:
        compiled = core.compile_model(str(path), "CPU", config)
    except Exception as exc:  # OpenVINO raises RuntimeError subclasses with the parser's message
        raise RuntimeLoadError(f"OpenVINO cannot load {path}: {exc}") from exc
    request = compiled.create_infer_request()
    names = [i.get_any_name() for i in compiled.inputs]
    lock = threading.Lock()  # one infer request: calls from several threads take turns

    def run(feeds: Feeds) -> np.ndarray:
        with lock:
            return np.array(request.infer({k: feeds[k] for k in names})[0], dtype=np.float32)

    return run


def _without_openvino_telemetry() -> None:
    """Keep ``import openvino`` from reporting to Google Analytics.

    On import, OpenVINO's converter (``openvino.tools.ovc``, imported by ``openvino`` itself) sends a
    "general_import" event through ``openvino_telemetry`` unless the user opted out or ``CI=true``:
    it writes ``~/intel/``, forks a process from a thread and opens an HTTPS connection. The product
    promises to run offline, and the forked child inherits the caller's pipes: with no network it
    hangs in ``getaddrinfo``, so a script reading ``rag ask``'s output waited for it after
    ``rag`` had exited. OpenVINO falls back to its own no-op stub (``telemetry_stub``) when
    ``openvino_telemetry`` cannot be imported, which a ``None`` entry in ``sys.modules`` makes so."""
    if "openvino.tools.ovc" not in sys.modules:  # after it, the event is sent already
        sys.modules.setdefault("openvino_telemetry", None)  # type: ignore[arg-type]
