"""RemoteAssistant against the real HTTP API (uvicorn in this process), and the UI pointed at it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from test_server import ROOT, TRAM, free_port, serving

from rag import (
    Answer,
    Conversation,
    DocumentNotFoundError,
    EmptyQuestionError,
    FilterError,
    Filters,
    RagError,
    TokenEvent,
    store,
)
from rag.client import RemoteAssistant
from rag.index import build_index
from rag.library import DocumentInfo
from rag.pipeline import Assistant
from rag.server import create_app
from rag.settings import Settings

QUESTION = "What range was Ukraine allowed?"


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory, embedder, assistant) -> Iterator[str]:
    index_dir = tmp_path_factory.mktemp("client") / "idx"
    settings = Settings.load(index_dir=index_dir)
    build_index([ROOT / "data" / "articles"], settings, embedder)
    mine = Assistant(settings, embedder, assistant.generator, store.read_generation(index_dir))
    app = create_app(lambda: mine, max_upload_bytes=1 << 20, max_upload_files=3)
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def remote(api_url: str, tmp_path_factory) -> Iterator[RemoteAssistant]:
    own = Settings.load(index_dir=tmp_path_factory.mktemp("remote"))  # not a folder in /tmp that outlives the test
    client = RemoteAssistant(api_url, timeout=300, settings=own)
    yield client
    client.close()


def test_ask_cites_quotes_that_are_the_documents_text(remote: RemoteAssistant):
    answer = remote.ask(QUESTION)
    assert isinstance(answer, Answer) and not answer.abstained and answer.citations
    for c in answer.citations:
        assert remote.document(c.doc_id).text[c.start : c.end] == c.quote
    assert remote.index.documents.get(answer.citations[0].doc_id) is not None  # the UI's doc_text lookup
    assert remote.index.documents.get("no-such-doc") is None


def test_stream_yields_tokens_then_one_answer(remote: RemoteAssistant):
    events = list(remote.stream("Who is the Kremlin spokesman?", top_k=4, temperature=0.0))
    tokens = [e for e in events if isinstance(e, TokenEvent)]
    assert len(tokens) >= 3 and all(isinstance(e, TokenEvent) for e in events[:-1])
    assert isinstance(events[-1], Answer) and "Peskov" in events[-1].text


def test_filters_and_conversation_travel(remote: RemoteAssistant):
    filtered = remote.ask("What range?", filters=Filters.parse(outlets=["No Such Outlet"]))
    assert filtered.abstained and filtered.text.startswith("No article matches the filters (outlet No Such")
    first = remote.ask(QUESTION)
    follow = remote.ask("And in kilometres?", conversation=Conversation().add(QUESTION, first))
    assert "Ukraine" in follow.searched_for or "range" in follow.searched_for


def test_library_outlets_and_status(remote: RemoteAssistant):
    infos = remote.documents()
    assert len(infos) == 5 and all(isinstance(i, DocumentInfo) for i in infos)
    assert "Reuters" in remote.outlets()
    status = remote.status()
    assert status["documents"] == 5 and status["generator_model"] and "outlets" not in status
    doc = remote.document(infos[0].doc_id)
    assert doc.doc_id == infos[0].doc_id and len(doc.text) == infos[0].characters
    assert len(doc.pages) == infos[0].pages


def test_upload_then_remove(remote: RemoteAssistant, tmp_path: Path):
    good, bad = tmp_path / "Tram-Order.txt", tmp_path / "empty.txt"
    good.write_text(TRAM, encoding="utf-8")
    bad.write_text("", encoding="utf-8")
    report = remote.add_documents([good, bad])
    assert report.embedded_documents == ("Tram-Order",) and report.seconds > 0
    assert [s.path for s in report.skipped] == ["empty.txt"] and report.skipped[0].reason
    assert good.exists()  # only copies in the client's own staging folder are deleted
    assert remote.document("Tram-Order").outlet == "Lyon Daily"
    assert not remote.reindex_documents(["Tram-Order"]).embedded_documents  # unchanged file
    assert remote.remove_documents(["Tram-Order"]) == ("Tram-Order",)
    assert "Tram-Order" not in {i.doc_id for i in remote.documents()}


def test_ui_upload_handler_goes_through_the_api(remote: RemoteAssistant, tmp_path: Path):
    from ui.app import upload
    from ui.runtime import Runtime

    source = tmp_path / "Tram Notes.txt"
    source.write_text(TRAM, encoding="utf-8")
    rt = Runtime(remote, {}, 1 << 20)
    _, status, report = upload(rt, [str(source)], lambda *a, **k: None)
    assert "Indexed 1 file(s)" in report and "Tram-Notes.txt" in report and "<dd>6</dd>" in status
    assert not list(rt.uploads_dir.glob("Tram-Notes*"))  # the staged copy was sent, not kept
    remote.remove_documents(["Tram-Notes"])


def test_errors_become_rag_exceptions(remote: RemoteAssistant):
    with pytest.raises(FilterError, match="is not a date"):  # filters as data, unchecked here: the API refuses
        remote.ask("x", filters={"since": "2024-13-01"})
    with pytest.raises(FilterError, match="is not a date"):
        list(remote.stream("x", filters={"since": "2024-13-01"}))
    with pytest.raises(EmptyQuestionError):
        list(remote.stream("   "))
    with pytest.raises(DocumentNotFoundError, match="no document with id"):
        remote.document("no-such-doc")
    with pytest.raises(DocumentNotFoundError):
        remote.remove_documents(["no-such-doc"])
    with pytest.raises(RagError, match="could not reach the API"):
        RemoteAssistant(f"http://127.0.0.1:{free_port()}", settings=remote.settings).status()


def test_app_launches_against_the_api(api_url: str, tmp_path: Path):
    port = free_port()
    # its own folder for the API (rag-remote-…) in tmp_path, not in /tmp
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "TMPDIR": str(tmp_path)}
    env.pop("RAG_API_URL", None)
    with open(tmp_path / "app.log", "w") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--api-url", api_url, "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            page = _wait_for_page(f"http://127.0.0.1:{port}", proc, tmp_path / "app.log")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert page.status_code == 200 and "Cited answers over your articles" in page.text
    assert not (tmp_path / "index").exists()  # no local index was opened or built


def _wait_for_page(url: str, proc: subprocess.Popen, log: Path) -> httpx.Response:
    deadline = time.monotonic() + 180
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            return httpx.get(url, timeout=5)
        if time.monotonic() > deadline:
            raise RuntimeError(f"app did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
