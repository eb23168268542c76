"""Distributed indexing on Ray (rag.distributed): same index as the local path, resumable after a
SIGKILL, incremental, and on S3 (a moto emulator). One local Ray (2 CPUs, 127.0.0.1) per module."""

from __future__ import annotations

import os

os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # read when ray is imported (by rag.distributed)

import contextlib
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from s3_emulator import moto_s3

from rag import lance_store
from rag.backends import open_store
from rag.distributed import build_index_ray, model_facts, ray_session, storage_options
from rag.errors import SettingsError
from rag.index import build_index
from rag.pipeline import Assistant
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
# Ray state that outlives a cluster unless cleaned: recorded before the module, checked after
RAY_TRACES = (Path.home() / ".ray" / "auth_token", Path("/tmp/ray/ray_current_cluster"))
# bf16 vectors depend on the batch a chunk is padded in and on the thread count (the local path
# encodes all chunks in one call with 2 threads, each actor one block with 1): measured max
# |difference| 1.8e-3 on this corpus (fp32 in both: 1.2e-7)
VECTOR_TOLERANCE = 5e-3

# A Ray indexing job in a child process, joined to the test's cluster, killed mid-way by the test.
# From its second round on it waits before committing, so the kill finds rows Ray appended but
# never committed (the window is otherwise a fraction of a second).
CHILD = """
import sys, time
from pathlib import Path
from rag import lance_store
from rag.distributed import build_index_ray
from rag.settings import Settings

commit = lance_store.commit
def slow_commit(settings, db, *args, **kwargs):
    if lance_store.latest_commit(db) is not None:
        time.sleep(60)
    return commit(settings, db, *args, **kwargs)
lance_store.commit = slow_commit

settings = Settings.load(index_dir=sys.argv[1], store="lance", ray_address=sys.argv[2])
build_index_ray([Path(sys.argv[3])], settings, workers=2, round_docs=int(sys.argv[4]))
"""


# -- fast checks (no Ray) ----------------------------------------------------------------------
def test_model_facts_come_from_the_model_files_without_loading_it(embedder):
    dim, dtype = model_facts(Settings.load())
    assert (dim, dtype) == (embedder.dim, embedder.dtype)
    assert model_facts(Settings.load(embed_dtype="fp32")) == (embedder.dim, "fp32")


def test_writer_storage_options_carry_the_drivers_s3_environment(monkeypatch):
    for key, value in {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_REGION": "us-east-1",
                       "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"}.items():  # fmt: skip
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    assert storage_options() == {
        "aws_endpoint": "http://127.0.0.1:9", "aws_region": "us-east-1", "allow_http": "true",
        "aws_access_key_id": "k", "aws_secret_access_key": "s",
    }  # fmt: skip


def test_ray_indexing_refuses_a_faiss_index(tmp_path, embedder):
    settings = Settings.load(index_dir=tmp_path / "idx")
    build_index([ARTICLES / "003_abc02dacf25aa58b.txt"], settings, embedder)  # faiss, the default store
    with pytest.raises(SettingsError, match="LanceDB"):
        build_index_ray([ARTICLES], settings.with_(store="lance"))


# -- Ray ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    """A local Ray (2 CPUs, loopback, its state in a private temp dir); the Ray state files it
    could leave behind are recorded before and removed after if they are its own."""
    existed = {p: p.exists() for p in RAY_TRACES}
    with ray_session(num_cpus=2) as session:
        yield session
    leftovers = [p for p in RAY_TRACES if p.exists() and not existed[p] and _ours(p, session)]
    for path in leftovers:
        path.unlink()
    assert not leftovers, f"Ray left {leftovers} behind"
    assert not session.temp_dir or not Path(session.temp_dir).exists()


def _ours(path: Path, session: Any) -> bool:
    with contextlib.suppress(OSError):
        return path.read_text().strip() in (session.token, session.address)
    return False


@pytest.fixture(scope="module")
def built(ray_cluster, tmp_path_factory, embedder) -> dict[str, Any]:
    """The sample corpus indexed twice: via Ray (2 workers) and via the local path."""
    tmp = tmp_path_factory.mktemp("ray-vs-local")
    corpus = tmp / "articles"
    shutil.copytree(ARTICLES, corpus)
    ray_settings = Settings.load(index_dir=tmp / "ray", store="lance", answer_mode="extractive")
    local_settings = Settings.load(index_dir=tmp / "local", store="lance", answer_mode="extractive")
    began = time.perf_counter()
    report = build_index_ray([corpus], ray_settings, workers=2)
    ray_seconds = time.perf_counter() - began
    began = time.perf_counter()
    local = build_index(paths=[corpus], settings=local_settings, embedder=embedder)
    print(f"\nsample corpus: Ray {ray_seconds:.1f} s, local {time.perf_counter() - began:.1f} s")
    return {"ray": ray_settings, "local": local_settings, "report": report, "local_report": local, "corpus": corpus}


def committed_rows(settings: Settings, table: str) -> list[dict[str, Any]]:
    store = open_store(settings)
    if table == "documents":
        return sorted((lance_store.document_rows(list(store.documents.values()))), key=lambda r: r["doc_id"])
    rows = store.chunks_table.to_arrow().to_pylist()
    return sorted(rows, key=lambda r: r["chunk_id"])


@pytest.mark.slow
def test_ray_and_local_paths_build_the_same_index(built):
    report = built["report"]
    assert report.documents == 5 and len(report.embedded_documents) == 5
    assert report.chunks == built["local_report"].chunks
    ray_chunks, local_chunks = committed_rows(built["ray"], "chunks"), committed_rows(built["local"], "chunks")
    assert [r["chunk_id"] for r in ray_chunks] == [r["chunk_id"] for r in local_chunks]
    for a, b in zip(ray_chunks, local_chunks, strict=True):
        assert {k: v for k, v in a.items() if k != "vector"} == {k: v for k, v in b.items() if k != "vector"}
    ray_vectors = np.array([r["vector"] for r in ray_chunks], dtype=np.float32)
    local_vectors = np.array([r["vector"] for r in local_chunks], dtype=np.float32)
    difference = float(np.abs(ray_vectors - local_vectors).max())
    dtype = open_store(built["ray"]).manifest["embed_dtype"]
    print(f"\nmax |vector difference| Ray vs local ({dtype}): {difference:.2e}")
    assert difference <= VECTOR_TOLERANCE
    assert np.allclose(np.linalg.norm(ray_vectors, axis=1), 1.0, atol=1e-3)
    ray_docs, local_docs = committed_rows(built["ray"], "documents"), committed_rows(built["local"], "documents")
    assert all(r.pop("added") for r in ray_docs + local_docs), "every version is stamped"
    assert ray_docs == local_docs
    ray_manifest, local_manifest = open_store(built["ray"]).manifest, open_store(built["local"]).manifest
    assert ray_manifest == local_manifest


@pytest.mark.slow
def test_the_ray_built_index_answers_with_exact_citations(built, embedder, assistant):
    lance = Assistant(built["ray"], embedder, assistant.generator, open_store(built["ray"]))
    answer = lance.ask("What range was Ukraine allowed?")
    assert not answer.abstained and ("190" in answer.text or "300" in answer.text)
    assert answer.citations
    for c in answer.citations:
        assert lance.index.documents[c.doc_id].text[c.start : c.end] == c.quote


@pytest.mark.slow
def test_a_killed_ray_job_resumes_without_re_embedding_committed_documents(ray_cluster, tmp_path):
    corpus = write_articles(tmp_path / "generated", 40)
    settings = Settings.load(index_dir=tmp_path / "idx", store="lance")
    uri = lance_store.store_uri(settings)
    with open(tmp_path / "child.log", "wb") as log:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(settings.index_dir), ray_cluster.address,
                                  str(corpus), "10"], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)  # fmt: skip
        kill_mid_way(child, uri, tmp_path / "child.log")
    committed = set(lance_store.LanceStore(uri).documents)
    assert len(committed) == 10, "killed after the first round's commit, its second round written, not committed"
    report = build_index_ray([corpus], settings, workers=2, round_docs=100)
    assert not set(report.embedded_documents) & committed, "committed documents were not embedded again"
    assert set(report.embedded_documents) | committed == {p.stem for p in corpus.iterdir()}
    store = open_store(settings)
    ids = store.chunks_table.to_arrow().column("chunk_id").to_pylist()
    assert len(ids) == len(set(ids)) == report.chunks, "the killed round's rows were rolled back"
    assert len(store.documents) == 40 and set(store.chunk_counts()) == set(store.documents)


def write_articles(folder: Path, n: int) -> Path:
    """``n`` small distinct articles."""
    folder.mkdir(parents=True)
    for i in range(n):
        body = " ".join(f"Article {i} reports that the {w} council met on day {i * 7 + j} to discuss item {j}."
                        for j, w in enumerate(("river", "harbour", "market", "school", "bridge")))  # fmt: skip
        (folder / f"art_{i:03d}.txt").write_text(f"Headline number {i}\n\n{body}\n", encoding="utf-8")
    return folder


def kill_mid_way(child: subprocess.Popen, uri: str, log: Path) -> None:
    """SIGKILL ``child`` once it committed a round and then appended rows without committing them."""
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline:
            assert child.poll() is None, f"the job ended before it was killed:\n{log.read_text()[-3000:]}"
            state = _commit_state(uri)
            if state and state[1] > state[2]:
                return
            time.sleep(0.2)
        raise AssertionError(f"no commit followed by uncommitted rows within 240 s:\n{log.read_text()[-3000:]}")
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)


def _commit_state(uri: str) -> tuple[int, int, int] | None:
    """(commits, latest chunks version, committed chunks version), None before the first commit."""
    with contextlib.suppress(Exception):  # tables being created or written
        db = lance_store.connect(uri)
        commit = lance_store.latest_commit(db)
        if commit is not None:
            return int(commit["sequence"]), db.open_table("chunks").version, int(commit["chunks_version"])
    return None


@pytest.mark.slow
def test_ray_sync_is_incremental(built, tmp_path):
    # starts from a copy of the module's Ray-built store (no pointer file yet: the store_uri
    # default, INDEX_DIR/lance, finds it), which saves a first build
    shutil.copytree(lance_store.store_uri(built["ray"]), tmp_path / "idx" / "lance")
    settings = Settings.load(index_dir=tmp_path / "idx", store="lance")
    before = lance_store.LanceStore(lance_store.store_uri(settings)).chunk_counts()
    again = build_index_ray([built["corpus"]], settings, workers=2)
    assert again.embedded_documents == () and len(again.reused_documents) == 5 and again.chunks == sum(before.values())
    corpus = tmp_path / "articles"
    shutil.copytree(built["corpus"], corpus)
    changed = corpus / "001_ad6254f0f62c2366.txt"
    changed.write_text(changed.read_text() + "\nA new closing sentence about Kyiv trams.\n")
    (corpus / "002_cb7a18f69dde185b.txt").unlink()
    third = build_index_ray([corpus], settings, workers=2)
    assert third.embedded_documents == ("001_ad6254f0f62c2366",)
    assert third.removed_documents == ("002_cb7a18f69dde185b",) and third.documents == 4
    store = open_store(settings)
    ids = store.chunks_table.to_arrow().column("chunk_id").to_pylist()
    assert len(ids) == len(set(ids)) == third.chunks
    counts = store.chunk_counts()
    assert "002_cb7a18f69dde185b" not in counts and "002_cb7a18f69dde185b" not in store.documents
    assert all(counts[d] == before[d] for d in counts if d != "001_ad6254f0f62c2366"), "the others kept their rows"
    assert "Kyiv trams" in store.documents["001_ad6254f0f62c2366"].text
    assert {d.path for d in store.documents.values()} == {str(p) for p in corpus.iterdir()}, "re-stamped paths"


@pytest.mark.slow
def test_ray_build_into_s3_on_an_emulator(ray_cluster, corpus_copy, tmp_path, embedder, assistant, monkeypatch):
    with moto_s3() as endpoint:
        # set after the cluster started: its workers lack these, the writer gets them explicitly
        for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
                           "AWS_ENDPOINT_URL": endpoint}.items():  # fmt: skip
            monkeypatch.setenv(key, value)
        settings = Settings.load(index_dir=tmp_path / "idx", store="lance", store_uri="s3://news/ray",
                                 answer_mode="extractive")  # fmt: skip
        report = build_index_ray([corpus_copy], settings, workers=2)
        assert report.documents == 5 and len(report.embedded_documents) == 5
        assert not (tmp_path / "idx" / "lance").exists()
        lance = Assistant(settings, embedder, assistant.generator, open_store(settings))
        assert lance.index.uri == "s3://news/ray" and lance.index.n_chunks == report.chunks
        answer = lance.ask("What range was Ukraine allowed?")
        assert not answer.abstained and ("190" in answer.text or "300" in answer.text)


