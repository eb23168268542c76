"""The document library and filters: what `rag index` keeps, atomic removal, filters inside retrieval."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from rag import store
from rag.errors import DocumentError, DocumentNotFoundError, FilterError
from rag.filters import Filters, document_day
from rag.index import build_index, uploads_dir
from rag.pipeline import Assistant
from rag.records import Document
from rag.settings import Settings

TRAM = (
    "title: Tram order\nsource: Lyon Daily\n2024-11-20\n\n"
    "The city of Lyon ordered 40 new trams for 640 million euros on Tuesday. Deliveries start in 2027.\n"
)
FERRY = (
    "title: Ferry strike\nsource: Harbour Post\n2024-11-25\n\n"
    "Ferry crews in Brest went on strike for three days over pay. The port lost 2 million euros a day.\n"
)


@pytest.fixture()
def library_assistant(tmp_path: Path, corpus_copy: Path, embedder, assistant) -> Assistant:
    """An assistant over its own index of the sample articles plus two uploaded articles."""
    settings = Settings.load(index_dir=tmp_path / "idx", answer_mode="extractive")
    build_index([corpus_copy], settings, embedder)
    mine = Assistant(settings, embedder, assistant.generator, store.read_generation(settings.index_dir))
    folder = uploads_dir(settings)
    folder.mkdir(parents=True)
    (folder / "tram.txt").write_text(TRAM, encoding="utf-8")
    (folder / "ferry.txt").write_text(FERRY, encoding="utf-8")
    mine.add_documents([folder / "tram.txt", folder / "ferry.txt"])
    return mine


def test_uploads_are_listed_with_their_metadata(library_assistant: Assistant):
    infos = {i.doc_id: i for i in library_assistant.documents()}
    assert len(infos) == 7
    tram = infos["tram"]
    assert (tram.title, tram.outlet, tram.date, tram.origin, tram.chunks) == (
        "Tram order", "Lyon Daily", "2024-11-20", "upload", 1,
    )  # fmt: skip
    assert tram.added.endswith("Z") and infos["003_abc02dacf25aa58b"].origin == "folder"
    assert [i.doc_id for i in library_assistant.documents()][:2] in (["ferry", "tram"], ["tram", "ferry"])
    assert library_assistant.outlets() == ["Asia Times", "Harbour Post", "Lyon Daily", "Reuters"]


def test_index_folder_keeps_uploads_and_says_so(library_assistant: Assistant, corpus_copy: Path, embedder):
    """`rag index FOLDER` makes the folder's documents match FOLDER but never drops an upload."""
    settings = library_assistant.settings
    (corpus_copy / "002_cb7a18f69dde185b.txt").unlink()
    report = build_index([corpus_copy], settings, embedder)
    assert report.removed_documents == ("002_cb7a18f69dde185b",)
    assert report.kept_uploads == ("ferry", "tram")
    assert {"tram", "ferry"} <= set(store.read_generation(settings.index_dir).documents)


def test_rebuild_keeps_uploads_even_when_the_index_is_damaged(library_assistant: Assistant, corpus_copy, embedder):
    settings = library_assistant.settings
    rebuilt = build_index([corpus_copy], settings, embedder, rebuild=True)
    assert {"tram", "ferry"} <= set(rebuilt.embedded_documents)
    generation = store.current_generation(settings.index_dir)
    (generation / "chunks.jsonl").write_text("damaged", encoding="utf-8")
    again = build_index([corpus_copy], settings, embedder, rebuild=True)
    stored = store.read_generation(settings.index_dir)
    assert {"tram", "ferry"} <= set(stored.documents) and again.documents == 7
    assert stored.documents["tram"].origin == "upload"


def test_remove_takes_a_document_out_of_dense_and_bm25_at_once(library_assistant: Assistant):
    question = "How much did the trams cost?"
    before = library_assistant.ask(question)
    assert not before.abstained and before.citations[0].doc_id == "tram"
    old_generation = library_assistant.index.path
    assert library_assistant.remove_documents(["tram"]) == ("tram",)
    index = library_assistant.index
    assert index.path != old_generation and "tram" not in index.documents
    assert all(c.doc_id != "tram" for c in index.chunks) and index.faiss_index.ntotal == len(index.chunks)
    dense = library_assistant.retriever._dense(library_assistant.embedder.encode_query(question), 10, None)
    sparse = library_assistant.retriever._bm25("trams Lyon 640 million euros", 10)
    assert all(index.chunks[r].doc_id != "tram" for r, _ in dense + sparse)
    after = library_assistant.ask(question)
    assert all(c.doc_id != "tram" for c in after.citations)
    assert not (uploads_dir(library_assistant.settings) / "tram.txt").exists(), "a rebuild must not bring it back"


def test_remove_of_an_unknown_id_changes_nothing(library_assistant: Assistant):
    generation = library_assistant.index.path
    with pytest.raises(DocumentNotFoundError, match=r"no document with id .nope.*rag docs list"):
        library_assistant.remove_documents(["tram", "nope"])
    assert library_assistant.index.path == generation and "tram" in library_assistant.index.documents
    with pytest.raises(DocumentNotFoundError):
        library_assistant.document("nope")


def test_reindex_reads_the_file_again(library_assistant: Assistant):
    path = uploads_dir(library_assistant.settings) / "tram.txt"
    path.write_text(TRAM.replace("40 new trams", "52 new trams"), encoding="utf-8")
    report = library_assistant.reindex_documents(["tram"])
    assert report.embedded_documents == ("tram",)
    assert "52 new trams" in library_assistant.document("tram").text
    assert library_assistant.document("tram").origin == "upload"
    path.unlink()
    with pytest.raises(DocumentError, match="no longer exists"):
        library_assistant.reindex_documents(["tram"])
    assert "52 new trams" in library_assistant.document("tram").text  # the indexed version is kept


def test_outlet_filter_applies_inside_retrieval(library_assistant: Assistant):
    """Filtered to one outlet, the top passages are that outlet's best — not the overall best cut down."""
    question = "How much money was lost or spent in euros?"
    hits = library_assistant.evidence(question, filters=Filters.parse(outlets=["harbour post"])).hits
    assert hits and {h.chunk.doc_id for h in hits} == {"ferry"}
    answer = library_assistant.ask("How much did the trams cost?", filters=Filters.parse(outlets=["Reuters"]))
    assert all(c.outlet == "Reuters" for c in answer.citations)
    assert all(h.outlet == "Reuters" for h in answer.sources) and answer.sources


def test_date_filter_and_the_abstention_that_says_why(library_assistant: Assistant):
    window = Filters.parse(since="2024-11-20", until="2024-11-20")
    answer = library_assistant.ask("How much did the trams cost?", filters=window)
    assert not answer.abstained and {h.chunk.doc_id for h in answer.sources} == {"tram"}
    nothing = library_assistant.ask("How much did the trams cost?", filters=Filters.parse(since="2030-01-01"))
    assert nothing.abstained and nothing.sources == ()
    assert nothing.text.startswith("No article matches the filters (from 2030-01-01)")
    assert "have no full publication date" in nothing.text


def test_filters_refuse_malformed_dates():
    with pytest.raises(FilterError, match="YYYY-MM-DD"):
        Filters.parse(since="18/11/2024")
    with pytest.raises(FilterError, match="empty"):
        Filters.parse(since="2024-11-20", until="2024-11-18")
    assert not Filters.parse(outlets=["  "]).active


@pytest.mark.parametrize(
    "stated, day",
    [("2024-11-19", date(2024, 11, 19)), ("Nov 21, 2024", date(2024, 11, 21)), ("3 October 2023", date(2023, 10, 3)),
     ("Nov 21", None), ("", None), ("2024-02-30", None)],
)  # fmt: skip
def test_document_days(stated: str, day: date | None):
    assert document_day(Document("d", "p", "t", date=stated)) == day


def test_filtered_dense_search_is_exact_on_hnsw(tmp_path: Path):
    """A selective filter on an HNSW index still finds the allowed rows' true nearest neighbours."""
    from rag.index import make_faiss_index
    from rag.records import Chunk
    from rag.retrieve import Retriever

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(60_000, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks = tuple(Chunk(f"d{i % 600}#{i}", f"d{i % 600}", 0, 1, "x") for i in range(len(vectors)))
    docs = {f"d{i}": Document(f"d{i}", "p", "x") for i in range(600)}
    index = store.StoredIndex(tmp_path, {"dim": 8}, docs, chunks, make_faiss_index(vectors))
    assert hasattr(index.faiss_index, "hnsw")
    retriever = Retriever.__new__(Retriever)  # only the dense part: no BM25 over 60k dummy chunks
    retriever.index = index
    retriever.rows_by_doc = {}
    for row, chunk in enumerate(chunks):
        retriever.rows_by_doc.setdefault(chunk.doc_id, []).append(row)
    query = vectors[7]
    rows = retriever._allowed_rows(frozenset({"d3", "d5"}))
    found = retriever._dense(query, 10, rows)
    exact = sorted(rows, key=lambda r: -float(vectors[r] @ query))[:10]
    assert [r for r, _ in found] == exact


def test_cli_docs_list_show_remove(tmp_path: Path, library_assistant: Assistant):
    import subprocess
    import sys

    index_dir = str(library_assistant.settings.index_dir)

    def rag(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rag", *args, "--index-dir", index_dir], capture_output=True,
                              text=True, timeout=300)  # fmt: skip

    listed = rag("docs", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {row["doc_id"] for row in json.loads(listed.stdout)} >= {"tram", "ferry", "003_abc02dacf25aa58b"}
    shown = rag("docs", "show", "ferry", "--text")
    assert "outlet:      Harbour Post" in shown.stdout and "Ferry crews in Brest" in shown.stdout
    missing = rag("docs", "remove", "nope")
    assert missing.returncode == 2 and "no document with id 'nope'" in missing.stderr
    removed = rag("docs", "remove", "ferry")
    assert removed.returncode == 0 and "removed ferry" in removed.stdout
    assert "ferry" not in store.read_generation(Path(index_dir)).documents
    bad_date = rag("ask", "How much did the trams cost?", "--since", "yesterday")
    assert bad_date.returncode == 2 and "is not a date: write it as YYYY-MM-DD" in bad_date.stderr
    shutil.rmtree(index_dir)


def test_attribution_never_quotes_a_file_name_as_a_title(library_assistant: Assistant):
    """Conflicting figures are attributed: an outlet, a real headline, else "an article of DATE"."""
    answer = library_assistant.ask("How many North Korean troops are in Russia?")
    assert answer.text.count("According to ") >= 2, answer.text
    assert "“004 6aaf9f8698e9d31c”" not in answer.text and "According to an article of 2024-11-19: " in answer.text
    # the other figure is attributed to its outlet (which one depends on the ranking)
    assert any(f"According to {outlet}" in answer.text for outlet in library_assistant.outlets()), answer.text


def test_a_change_by_another_process_is_picked_up(library_assistant: Assistant, assistant):
    """Another process (a second UI, a Ray Serve replica, `rag docs remove`) commits a change:
    this assistant opens the newer index within REOPEN_CHECK_SECONDS instead of serving the old one."""
    other = Assistant(library_assistant.settings, library_assistant.embedder, assistant.generator,
                      store.read_generation(library_assistant.settings.index_dir))  # fmt: skip
    other.remove_documents(["tram"])
    assert "tram" in library_assistant.index.documents
    assert library_assistant.reopen_if_changed(every=0.0) is True
    assert "tram" not in library_assistant.index.documents
    assert library_assistant.reopen_if_changed(every=0.0) is False  # nothing newer now
