"""The LanceDB store: same answers as faiss, filters inside both searches, atomic commits, S3."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from s3_emulator import moto_s3

from rag import lance_store
from rag.backends import open_store
from rag.errors import IndexMismatchError
from rag.filters import Filters
from rag.index import build_index
from rag.pipeline import Assistant
from rag.records import Chunk, Document
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "What range was Ukraine allowed?",
    "How many North Korean troops are in Russia?",
    "Who is the Kremlin spokesman?",
    "What did Dzhabarov say?",
)


@pytest.fixture()
def lance_settings(tmp_path: Path, corpus_copy: Path, embedder) -> Settings:
    settings = Settings.load(index_dir=tmp_path / "idx", store="lance", answer_mode="extractive")
    build_index([corpus_copy], settings, embedder)
    return settings


def assistant_for(settings: Settings, embedder, assistant) -> Assistant:
    return Assistant(settings, embedder, assistant.generator, open_store(settings))


def test_the_index_dir_says_it_is_lance_and_opens_as_such(lance_settings: Settings, embedder):
    assert lance_store.store_kind(lance_settings.index_dir) == "lance"
    store = open_store(Settings.load(index_dir=lance_settings.index_dir))  # the default store setting is faiss
    assert store.kind == "lance" and len(store.documents) == 5 and store.n_chunks == sum(store.chunk_counts().values())
    with pytest.raises(IndexMismatchError, match="chunk_words"):
        build_index([ROOT / "data" / "articles"], lance_settings.with_(chunk_words=40), embedder)


def test_lance_and_faiss_retrieve_and_answer_alike(lance_settings, sample_index_dir, embedder, assistant):
    """The same vectors give the same dense ranking; the full-text engines differ (Lance's BM25 vs
    bm25s), so the fused top 4 overlap rather than match — eval parity is measured by `rag eval`."""
    lance = assistant_for(lance_settings, embedder, assistant)
    faiss_store = open_store(Settings.load(index_dir=sample_index_dir))
    faiss = Assistant(lance_settings.with_(index_dir=sample_index_dir), embedder, assistant.generator, faiss_store)
    overlap = 0
    for question in QUESTIONS:
        vector = embedder.encode_query(question)
        dense_lance = [r["chunk_id"] for r in lance.index._vector_search(vector, 10, None)]
        dense_faiss = [faiss_store.chunks[r].chunk_id for r, _ in faiss.retriever._dense(vector, 10, None)]
        assert dense_lance == dense_faiss, question
        a = {h.chunk.chunk_id for h in lance.retriever.search(question, 4)}
        overlap += len(a & {h.chunk.chunk_id for h in faiss.retriever.search(question, 4)})
        for c in lance.ask(question).citations:
            assert lance.index.documents[c.doc_id].text[c.start : c.end] == c.quote
    assert overlap >= 10, f"fused top 4 share {overlap} of 16 passages"
    assert "Peskov" in lance.ask("Who is the Kremlin spokesman?").text


def test_filters_apply_inside_both_lance_searches(lance_settings, embedder, assistant):
    lance = assistant_for(lance_settings, embedder, assistant)
    hits = lance.retriever.search("What range was Ukraine allowed?", 4, filters=Filters.parse(outlets=["reuters"]))
    assert len(hits) == 4 and {h.outlet for h in hits} == {"Reuters"}
    dated = lance.retriever.search("missiles", 4, filters=Filters.parse(since="2024-11-19", until="2024-11-19"))
    assert dated and {h.chunk.doc_id for h in dated} == {"004_6aaf9f8698e9d31c"}
    one = lance.retriever.search("troops", 3, filters=Filters.parse(doc_ids=["001_ad6254f0f62c2366"]))
    assert {h.chunk.doc_id for h in one} == {"001_ad6254f0f62c2366"}
    assert lance_store.filter_sql(Filters.parse(outlets=["O'Hara Post"])) == "lower(outlet) IN ('o''hara post')"


def test_incremental_sync_and_removal(lance_settings, corpus_copy, embedder, assistant):
    again = build_index([corpus_copy], lance_settings, embedder)
    assert again.embedded_documents == () and again.chunks == open_store(lance_settings).n_chunks
    changed = corpus_copy / "001_ad6254f0f62c2366.txt"
    changed.write_text(changed.read_text() + "\nA new closing sentence about Kyiv trams.\n")
    (corpus_copy / "002_cb7a18f69dde185b.txt").unlink()
    third = build_index([corpus_copy], lance_settings, embedder)
    assert third.embedded_documents == ("001_ad6254f0f62c2366",)
    assert third.removed_documents == ("002_cb7a18f69dde185b",)
    store = open_store(lance_settings)
    ids = [
        h.chunk.chunk_id
        for h in store.search("closing sentence Kyiv trams", embedder.encode_query("x"), 50, 50, 60, None)
    ]
    assert len(ids) == len(set(ids)), "no duplicate chunks after re-embedding"
    assert (
        "002_cb7a18f69dde185b" not in store.chunk_counts()
        and "closing sentence" in store.documents["001_ad6254f0f62c2366"].text
    )
    lance = assistant_for(lance_settings, embedder, assistant)
    assert lance.remove_documents(["003_abc02dacf25aa58b"]) == ("003_abc02dacf25aa58b",)
    hits = lance.retriever.search("What range was Ukraine allowed?", 10)
    assert all(h.chunk.doc_id != "003_abc02dacf25aa58b" for h in hits)


def test_a_writer_that_dies_before_its_commit_changes_nothing(lance_settings, corpus_copy, embedder):
    before = open_store(lance_settings)
    db = lance_store.open_for_writing(lance_settings, embedder.dim)
    lance_store.delete_chunks(db, {"003_abc02dacf25aa58b"})  # ...and the process dies: no commit row
    half = Chunk("003_abc02dacf25aa58b#99", "003_abc02dacf25aa58b", 0, 5, "half-written", ())
    db.open_table("chunks").add(lance_store.chunk_rows([half], np.zeros((1, embedder.dim)), before.documents))
    reader = open_store(lance_settings)
    assert reader.generation == before.generation and reader.chunk_counts() == before.chunk_counts()
    report = build_index([corpus_copy], lance_settings, embedder)  # the next writer rolls back first
    assert report.embedded_documents == ()
    assert open_store(lance_settings).chunk_counts() == before.chunk_counts()


def test_documents_round_trip_through_the_tables(lance_settings, corpus_copy, embedder):
    paged = Document("paged", "/x/paged.pdf", "Page one.\n\nPage two.", title="T", outlet="O", date="2024-11-20",
                     sha256="abc", pages=(0, 11), origin="upload", added="2026-11-30T10:00:00.000Z")  # fmt: skip
    row = lance_store.document_rows([paged])[0]
    assert lance_store._document(row) == paged




@pytest.mark.slow
def test_store_on_s3_through_an_emulator(tmp_path, corpus_copy, embedder, assistant, monkeypatch):
    with moto_s3() as endpoint:
        for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
                           "AWS_ENDPOINT_URL": endpoint}.items():  # fmt: skip
            monkeypatch.setenv(key, value)
        settings = Settings.load(index_dir=tmp_path / "idx", store="lance", store_uri="s3://news/index",
                                 answer_mode="extractive")  # fmt: skip
        report = build_index([corpus_copy], settings, embedder)
        assert report.documents == 5 and not (tmp_path / "idx" / "lance").exists()
        lance = assistant_for(Settings.load(index_dir=tmp_path / "idx", answer_mode="extractive"), embedder, assistant)
        assert lance.index.kind == "lance" and lance.index.uri == "s3://news/index"
        answer = lance.ask("What range was Ukraine allowed?")
        assert not answer.abstained and ("190" in answer.text or "300" in answer.text)


def test_optimize_runs_on_schedule(lance_settings, tmp_path, embedder, monkeypatch):
    """Every OPTIMIZE_EVERY commits the tables are compacted and the full-text index caught up."""
    monkeypatch.setattr(lance_store, "OPTIMIZE_EVERY", 4)
    before = 0
    for i in range(3):  # commits 2, 3, 4: the fourth optimizes
        path = tmp_path / f"note{i}.txt"
        path.write_text(f"title: Note {i}\n\nThe ferry number {i} left Brest at dawn with {i + 3} passengers.\n")
        build_index([path], lance_settings, embedder, mode="add")
        table = lance_store.connect(lance_store.store_uri(lance_settings)).open_table("chunks")
        fragments = len(table.to_lance().get_fragments())
        stats = table.index_stats(next(i.name for i in table.list_indices() if i.columns == ["search_text"]))
        if i < 2:
            assert fragments > 1 and stats.num_unindexed_rows > 0
            before = fragments
    assert fragments < before and stats.num_unindexed_rows == 0, (before, fragments, stats)
    assert open_store(lance_settings).sequence == 4
