import json

import pytest

from rag import index as rag_index
from rag import store
from rag.errors import IndexCorruptError, IndexLockedError, IndexMismatchError, IndexMissingError
from rag.index import build_index, check_compatible, hnsw_ef_search, make_faiss_index
from rag.settings import Settings


def test_build_then_load(sample_index_dir):
    stored = store.read_generation(sample_index_dir)
    assert len(stored.documents) == 5
    assert stored.faiss_index.ntotal == len(stored.chunks) > 20
    manifest = stored.manifest
    assert manifest["embed_model"] == "all-MiniLM-L6-v2" and manifest["dim"] == 384
    assert set(manifest["documents"]) == set(stored.documents)
    for chunk in stored.chunks:
        text = stored.documents[chunk.doc_id].text
        assert " ".join(text[chunk.start : chunk.end].split()) == " ".join(chunk.text.split())


def test_incremental_reindex_embeds_only_changed_files(tmp_path, corpus_copy, embedder):
    settings = Settings.load(index_dir=tmp_path / "idx")
    first = build_index([corpus_copy], settings, embedder)
    assert len(first.embedded_documents) == 5
    second = build_index([corpus_copy], settings, embedder)
    assert second.embedded_documents == () and len(second.reused_documents) == 5
    changed = corpus_copy / "001_ad6254f0f62c2366.txt"
    changed.write_text(changed.read_text() + "\nA new closing sentence about Kyiv.\n")
    (corpus_copy / "002_cb7a18f69dde185b.txt").unlink()
    third = build_index([corpus_copy], settings, embedder)
    assert third.embedded_documents == ("001_ad6254f0f62c2366",)
    assert third.removed_documents == ("002_cb7a18f69dde185b",)
    stored = store.read_generation(settings.index_dir)
    assert "002_cb7a18f69dde185b" not in stored.documents
    assert "closing sentence" in stored.documents["001_ad6254f0f62c2366"].text
    assert len(list(settings.index_dir.glob("gen-*"))) == 1, "old generations are cleaned up"


def test_crash_mid_build_keeps_previous_index(tmp_path, corpus_copy, embedder, monkeypatch):
    settings = Settings.load(index_dir=tmp_path / "idx")
    build_index([corpus_copy], settings, embedder)
    before = store.read_generation(settings.index_dir)
    (corpus_copy / "new.txt").write_text("Fresh article text about Kursk. It has two sentences.")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    import faiss

    monkeypatch.setattr(faiss, "write_index", explode)
    with pytest.raises(OSError, match="disk full"):
        build_index([corpus_copy], settings, embedder)
    after = store.read_generation(settings.index_dir)
    assert after.path == before.path and set(after.documents) == set(before.documents)
    assert not list(settings.index_dir.glob(".tmp-*")), "the half-written generation is removed"


def test_bad_file_keeps_previously_indexed_version(tmp_path, corpus_copy, embedder):
    settings = Settings.load(index_dir=tmp_path / "idx")
    build_index([corpus_copy], settings, embedder)
    (corpus_copy / "000_03550182c98cc4a1.txt").write_bytes(b"\x00\x01binary garbage")
    report = build_index([corpus_copy], settings, embedder)
    assert [s.path.endswith("000_03550182c98cc4a1.txt") for s in report.skipped] == [True]
    assert "000_03550182c98cc4a1" in store.read_generation(settings.index_dir).documents


def test_manifest_mismatch_is_a_clear_error(sample_index_dir):
    manifest = store.read_generation(sample_index_dir).manifest
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        check_compatible(manifest, Settings.load(index_dir=sample_index_dir, chunk_words=200))
    with pytest.raises(IndexMismatchError, match="embed_model"):
        check_compatible(manifest, Settings.load(index_dir=sample_index_dir, embed_model="other-model"))


def test_missing_and_corrupt_index(tmp_path, corpus_copy, embedder):
    with pytest.raises(IndexMissingError, match="rag index"):
        store.read_generation(tmp_path / "nothing")
    settings = Settings.load(index_dir=tmp_path / "idx")
    build_index([corpus_copy], settings, embedder)
    gen = store.current_generation(settings.index_dir)
    chunks = gen / "chunks.jsonl"
    chunks.write_text(chunks.read_text()[:-200])
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        store.read_generation(settings.index_dir)
    build_index([corpus_copy], settings, embedder, rebuild=True)
    assert len(store.read_generation(settings.index_dir).documents) == 5


def test_second_writer_gets_lock_error(tmp_path):
    with store.writer_lock(tmp_path), pytest.raises(IndexLockedError, match="another process"):
        with store.writer_lock(tmp_path):
            pass


def test_manifest_records_settings(sample_index_dir):
    manifest = json.loads((store.current_generation(sample_index_dir) / "manifest.json").read_text())
    assert manifest["chunking"]["chunk_words"] == 80 and manifest["index_type"] == "flat"
    assert set(manifest["files"]) == set(store.FILES)


@pytest.mark.parametrize(("n", "ef"), [(50_000, 64), (299_999, 64), (300_000, 256), (1_000_000, 256)])
def test_hnsw_search_beam_widens_with_size(n, ef):
    assert hnsw_ef_search(n) == ef


def test_index_type_switches_to_hnsw_at_the_threshold(monkeypatch):
    import numpy as np

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(400, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    monkeypatch.setattr(rag_index, "HNSW_THRESHOLD", 400)
    assert type(make_faiss_index(vectors[:399])).__name__ == "IndexFlatIP"
    hnsw = make_faiss_index(vectors)
    assert type(hnsw).__name__ == "IndexHNSWFlat" and hnsw.hnsw.efSearch == 64
    _, found = hnsw.search(vectors[:20], 1)
    assert list(found[:, 0]) == list(range(20))  # every vector finds itself
