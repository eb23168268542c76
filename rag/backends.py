"""The swappable parts — embedder, store (with its retriever), generator — behind small protocols,
and the one factory that picks each from the settings.

A new store touches one module (its reader, its retriever, its writer) plus the two lines here
that name it; the pipeline, the library, the UI and the API only see these protocols.

    faiss  rag/store.py (format), rag/retrieve.py (dense + BM25 in RAM), rag/index.py (writer)
    lance  rag/lance_store.py (LanceDB tables, local or s3://; hybrid search in the engine)
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rag.filters import Filters
from rag.records import Document, Hit
from rag.settings import Settings

if TYPE_CHECKING:  # numpy only names types here; rag --help, which loads this module, stays quick
    import numpy as np

log = logging.getLogger(__name__)

# Models this factory made, held until the process ends once keep_models_until_exit() was called.
_kept_models: list[object] | None = None


def keep_models_until_exit() -> None:
    """Hold every embedder and generator made from now on until the process ends, never freeing them.

    For processes that end with ``os._exit`` (the ``rag`` console script): freeing llama.cpp's and
    OpenVINO's native state there is work nobody waits for, and it is where CI's eval gate crashed
    (SIGSEGV, exit 139, stop 47): after the report was written and the thresholds checked, while
    ``rag eval`` dropped its models on leaving ``run_cli``. Stores are not held: a server reopens
    its store on every index change, and holding each would leak them."""
    global _kept_models
    if _kept_models is None:
        _kept_models = []


Model = TypeVar("Model")


def _made(model: Model) -> Model:
    if _kept_models is not None:
        _kept_models.append(model)
    return model


class Embedder(Protocol):
    dim: int
    dtype: str  # "fp32" | "bf16"
    backend: str  # "onnx" | "torch"

    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class Generator(Protocol):
    name: str
    path: Path

    def stream(
        self, messages: list[dict[str, str]], max_tokens: int, temperature: float, one_paragraph: bool
    ) -> Iterator[str]: ...

    def fits(self, messages: list[dict[str, str]], max_tokens: int) -> bool: ...

    def sha256(self) -> str: ...


class Store(Protocol):
    """One committed state of an index, opened for reading."""

    kind: str  # "faiss" | "lance"
    manifest: dict[str, Any]
    documents: Mapping[str, Document]

    @property
    def generation(self) -> str: ...

    @property
    def n_chunks(self) -> int: ...

    def chunk_counts(self) -> dict[str, int]: ...


class Retriever(Protocol):
    def search(
        self, question: str, top_k: int, candidates: int = 30, rrf_k: int = 60, filters: Filters | None = None
    ) -> list[Hit]: ...


def open_store(settings: Settings) -> Store:
    """The index in ``settings.index_dir``, whichever kind its pointer files say it is."""
    from rag import lance_store

    if lance_store.store_kind(settings.index_dir) == "lance":
        return lance_store.LanceStore(lance_store.store_uri(settings))
    from rag.store import read_generation

    return read_generation(settings.index_dir)


def latest_generation(settings: Settings) -> str | None:
    """The generation a fresh :func:`open_store` would open now (cheap: one small read), or None."""
    from rag import lance_store

    if lance_store.store_kind(settings.index_dir) == "lance":
        return lance_store.latest_generation(lance_store.store_uri(settings))
    from rag.store import current_generation

    current = current_generation(settings.index_dir)
    return current.name if current else None


def make_retriever(store: Any, embedder: Embedder) -> Retriever:
    if store.kind == "lance":
        from rag.lance_store import LanceRetriever

        return LanceRetriever(store, embedder)
    from rag.retrieve import Retriever as FaissRetriever

    return FaissRetriever(store, embedder)


def make_embedder(settings: Settings, purpose: str = "query") -> Embedder:
    """The encoder, the same for ``purpose`` "query" (questions and candidate sentences) and "index"
    (chunks in bulk). ``embed_backend`` auto tries, in order: OpenVINO (bf16 on CPUs with AVX-512 BF16
    or AMX, else fp32), ONNX Runtime (fp32), torch — each on the encoder exported once to ONNX
    (rag/onnx_export.py), so neither path imports torch. Each step that fails logs a warning.
    Figures per CPU kind: BENCHMARKS.md, issue 14."""
    del purpose  # one encoder for both since issue 14; kept so callers say what they embed for
    from rag.embed import Embedder as TorchEmbedder
    from rag.embed import cpu_supports_bf16, resolve_embed_model

    backend = settings.embed_backend
    bf16 = settings.embed_dtype == "bf16" or (settings.embed_dtype == "auto" and cpu_supports_bf16())
    tries = {"auto": [("openvino", "bf16" if bf16 else "fp32"), ("onnxruntime", "fp32")],
             "openvino": [("openvino", "bf16" if bf16 else "fp32")],
             "onnx": [("onnxruntime", "fp32")], "torch": []}[backend]  # fmt: skip
    for runtime, precision in tries:
        from rag.onnx_embed import EncoderExportError, load_or_export

        try:
            model_dir = resolve_embed_model(settings.embed_model)
            return _made(
                load_or_export(
                    model_dir, settings.cache_dir, settings.embed_threads, settings.embed_model, runtime, precision
                )
            )
        except (EncoderExportError, OSError) as exc:
            fallback = "the next runtime" if (runtime, precision) != tries[-1] else "torch, which loads ~4 s slower"
            log.warning("encoder on %s unavailable (%s); using %s instead", runtime, exc, fallback)
    return _made(TorchEmbedder(settings.embed_model, settings.embed_dtype, settings.embed_threads))


def make_generator(settings: Settings) -> Generator:
    from rag.generate import Generator as LlamaGenerator

    return _made(
        LlamaGenerator(
            settings.model_path, settings.n_ctx, settings.n_threads, settings.seed, chat_format=settings.chat_format
        )
    )
