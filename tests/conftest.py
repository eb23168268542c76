"""Shared fixtures: the real small models, loaded once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Tests never touch the user's cache (ONNX export, server announcements): one fresh folder per run.
_CACHE = tempfile.mkdtemp(prefix="rag-test-cache-")
os.environ["RAG_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def embedder():
    from rag.embed import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def sample_index_dir(tmp_path_factory, embedder) -> Path:
    """The sample corpus indexed once into a temporary directory."""
    from rag.index import build_index
    from rag.settings import Settings

    index_dir = tmp_path_factory.mktemp("index")
    build_index([ARTICLES], Settings.load(index_dir=index_dir), embedder)
    return index_dir


@pytest.fixture(scope="session")
def assistant(sample_index_dir, embedder):
    from rag.generate import Generator
    from rag.pipeline import Assistant
    from rag.settings import Settings
    from rag.store import read_generation

    settings = Settings.load(index_dir=sample_index_dir)
    generator = Generator(settings.model_path, settings.n_ctx, settings.n_threads, settings.seed)
    return Assistant(settings, embedder, generator, read_generation(sample_index_dir))


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the sample articles."""
    target = tmp_path / "articles"
    shutil.copytree(ARTICLES, target)
    return target
