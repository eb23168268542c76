"""The ONNX Runtime encoder (issue 14): same vectors as torch, an export cache keyed by the model,
rebuilt when the model changes, and a corrupt or failed export falling back with a warning."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.embed import cpu_supports_bf16, resolve_embed_model
from rag.onnx_embed import EncoderExportError, OnnxEmbedder, export_dir, load_or_export, read_layout
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "What range was Ukraine allowed?",
    "Kremlin spokesman Dmitry Peskov called the decision reckless.",
    "x",
    " ".join(["The long sentence goes on about missiles and ranges and officials."] * 40),  # > 256 tokens
]


@pytest.fixture(scope="module")
def packaged() -> Path:
    return resolve_embed_model("all-MiniLM-L6-v2")


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def onnx(packaged, cache) -> OnnxEmbedder:
    return load_or_export(packaged, cache)


def test_onnx_vectors_match_torch_fp32(onnx):
    from rag.embed import Embedder

    reference = Embedder(dtype="fp32").encode(TEXTS)
    vectors = onnx.encode(TEXTS)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    assert np.min(np.sum(vectors * reference, axis=1)) > 0.99999
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(onnx.encode_query(TEXTS[0]), vectors[0], atol=1e-6)
    assert onnx.encode([]).shape == (0, onnx.dim)


def test_second_load_reuses_the_export(packaged, cache, onnx, monkeypatch):
    import rag.onnx_export

    def no_export(*args, **kwargs):
        raise AssertionError("exported again although the cached export is fine")

    monkeypatch.setattr(rag.onnx_export, "export", no_export)
    again = load_or_export(packaged, cache)
    assert again.folder == onnx.folder
    assert json.loads((again.folder / "export.json").read_text())["source"] == str(packaged)


def _copy_model(packaged: Path, target: Path) -> Path:
    shutil.copytree(packaged, target)
    return target


def test_changed_model_gets_a_new_export(packaged, cache, onnx, tmp_path):
    """A model whose weights changed (here: one embedding row scaled) must not reuse the old export."""
    from safetensors.numpy import load_file, save_file

    model = _copy_model(packaged, tmp_path / "model")
    before = load_or_export(model, cache)
    weights = load_file(str(model / "model.safetensors"))
    name = next(k for k in weights if k.endswith("word_embeddings.weight"))
    ids = before.tokenizer.encode("ukraine").ids[1:-1]
    weights[name][ids] *= -1.0
    save_file(weights, str(model / "model.safetensors"), metadata={"format": "pt"})
    after = load_or_export(model, cache)
    assert after.folder != before.folder
    old, new = before.encode(["Ukraine"])[0], after.encode(["Ukraine"])[0]
    assert float(old @ new) < 0.99  # the new export follows the new weights
    from rag.embed import Embedder

    assert float(Embedder(str(model), dtype="fp32").encode(["Ukraine"])[0] @ new) > 0.99999


def test_corrupt_export_is_exported_again(packaged, tmp_path, caplog):
    cache = tmp_path / "cache"
    first = load_or_export(packaged, cache)
    onnx_file = first.folder / "model.onnx"
    onnx_file.write_bytes(onnx_file.read_bytes()[:100_000])  # a truncated file
    with caplog.at_level(logging.WARNING, logger="rag.onnx_embed"):
        again = load_or_export(packaged, cache)
    assert "exported encoder is unusable" in caplog.text and "bytes" in caplog.text
    assert np.allclose(again.encode(TEXTS[:2]), first.encode(TEXTS[:2]), atol=1e-6)


def test_same_size_corruption_is_caught_by_the_probe(packaged, tmp_path):
    cache = tmp_path / "cache"
    folder = load_or_export(packaged, cache).folder
    data = bytearray((folder / "model.onnx").read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4_000_000] = bytes(4_000_000)  # zeroed weights, same size
    (folder / "model.onnx").write_bytes(bytes(data))
    with pytest.raises(EncoderExportError):
        OnnxEmbedder(read_layout(packaged), folder)


def test_failed_export_falls_back_to_torch_with_a_warning(tmp_path, caplog, monkeypatch):
    import rag.onnx_export
    from rag.backends import make_embedder
    from rag.embed import Embedder

    def broken(layout, folder):
        raise EncoderExportError("torch.onnx.export failed: simulated")

    monkeypatch.setattr(rag.onnx_export, "export", broken)
    cache = tmp_path / "cache"
    (export_dir(cache, resolve_embed_model("all-MiniLM-L6-v2")) / "export.json").parent.mkdir(parents=True)
    (export_dir(cache, resolve_embed_model("all-MiniLM-L6-v2")) / "export.json").write_text("{not json")
    with caplog.at_level(logging.WARNING):
        embedder = make_embedder(Settings.load(env={}, cache_dir=cache), "query")
    assert isinstance(embedder, Embedder)
    assert "encoder on openvino unavailable" in caplog.text and "encoder on onnxruntime unavailable" in caplog.text
    assert "using torch, which loads ~4 s slower instead" in caplog.text and "simulated" in caplog.text


def test_missing_openvino_falls_back_to_onnx_runtime(cache, onnx, caplog, monkeypatch):
    """A runtime that is not installed is not the export's fault: no re-export, the next runtime."""
    import rag.onnx_export
    import rag.onnx_runtimes
    from rag.backends import make_embedder

    def not_installed(path, threads, precision):
        raise rag.onnx_runtimes.RuntimeLoadError("openvino is not installed (simulated)")

    monkeypatch.setattr(rag.onnx_runtimes, "_openvino", not_installed)
    monkeypatch.setattr(rag.onnx_export, "export", lambda *a: pytest.fail("re-exported for a missing runtime"))
    with caplog.at_level(logging.WARNING):
        embedder = make_embedder(Settings.load(env={}, cache_dir=cache))
    assert (embedder.backend, embedder.dtype) == ("onnx", "fp32")
    assert "openvino is not installed (simulated)" in caplog.text


NO_BF16 = pytest.mark.skipif(
    not cpu_supports_bf16(), reason="the CPU has no AVX-512 BF16/AMX: OpenVINO cannot run bf16 (fp32 runs everywhere)"
)


@pytest.mark.parametrize("precision", ["fp32", pytest.param("bf16", marks=NO_BF16)])
def test_openvino_vectors_match_torch(packaged, cache, onnx, precision):
    from rag.embed import Embedder

    embedder = load_or_export(packaged, cache, runtime="openvino", precision=precision)
    assert (embedder.backend, embedder.dtype) == ("openvino", precision)
    reference = Embedder(dtype="fp32").encode(TEXTS)
    cosines = np.sum(embedder.encode(TEXTS) * reference, axis=1)
    assert cosines.min() > (0.99999 if precision == "fp32" else 0.9995)


def test_unsupported_layout_is_refused(packaged, tmp_path):
    model = _copy_model(packaged, tmp_path / "model")
    pooling = model / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    config["pooling_mode_max_tokens"] = True
    pooling.write_text(json.dumps(config))
    with pytest.raises(EncoderExportError, match="pooling"):
        read_layout(model)


def test_backend_choice(monkeypatch, cache, onnx):
    import rag.embed
    from rag.backends import make_embedder

    settings = Settings.load(env={}, cache_dir=cache)
    monkeypatch.setattr(rag.embed, "cpu_supports_bf16", lambda: False)
    for purpose in ("query", "index"):  # one encoder for both, so index and question vectors match
        embedder = make_embedder(settings, purpose)
        assert (embedder.backend, embedder.dtype) == ("openvino", "fp32")
    monkeypatch.setattr(rag.embed, "cpu_supports_bf16", lambda: True)
    assert make_embedder(settings).dtype == "bf16"
    assert make_embedder(settings.with_(embed_dtype="fp32")).dtype == "fp32"
    assert make_embedder(settings.with_(embed_backend="onnx")).backend == "onnx"
    assert make_embedder(settings.with_(embed_backend="torch")).backend == "torch"


def test_answer_path_imports_neither_torch_nor_sentence_transformers(sample_index_dir, cache, onnx):
    code = (
        "import sys\n"
        "from rag.pipeline import Assistant\n"
        "from rag.settings import Settings\n"
        f"a = Assistant.load(Settings.load(index_dir={str(sample_index_dir)!r}, cache_dir={str(cache)!r}))\n"
        "answer = a.ask('What range was Ukraine allowed?')\n"
        "assert answer.citations, answer\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers', 'sklearn', 'pandas', 'gradio', 'ray'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_prepare_reports_the_runtime_it_loaded(cache, onnx):
    """`rag prepare` (what install.sh runs) said "the ONNX export failed; rag falls back to torch"
    and exited 1 whenever the encoder loaded on OpenVINO, the default: every install printed a
    false warning."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")} | {"RAG_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-m", "rag.cli", "prepare"], cwd=ROOT, capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("encoder: OpenVINO ") and str(cache) in result.stdout
