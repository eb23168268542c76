"""The HTTP API, tested against the real server (uvicorn) on 127.0.0.1."""

from __future__ import annotations

import contextlib
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rag import store
from rag.index import build_index
from rag.pipeline import Assistant
from rag.server import create_app
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TRAM = (
    "title: Tram order\nsource: Lyon Daily\n2024-11-20\n\n"
    "The city of Lyon ordered 40 new trams for 640 million euros on Tuesday. Deliveries start in 2027.\n"
)
MAX_BYTES = 4096


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(app: object) -> Iterator[str]:
    """uvicorn in a thread on a free loopback port; stopped when the block ends."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, embedder, assistant) -> Iterator[httpx.Client]:
    index_dir = tmp_path_factory.mktemp("api") / "idx"
    settings = Settings.load(index_dir=index_dir)
    build_index([ROOT / "data" / "articles"], settings, embedder)
    mine = Assistant(settings, embedder, assistant.generator, store.read_generation(index_dir))
    app = create_app(lambda: mine, max_upload_bytes=MAX_BYTES, max_upload_files=3)
    with serving(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client


def test_ask_returns_answer_citations_and_sources(api: httpx.Client):
    reply = api.post("/ask", json={"question": "What range was Ukraine allowed?"})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert not body["abstained"] and ("190" in body["text"] or "300" in body["text"])
    assert body["citations"] and body["sources"]
    documents = {d["doc_id"]: d for d in api.get("/documents", params={"limit": 500}).json()["documents"]}
    for citation in body["citations"]:
        text = api.get(f"/documents/{citation['doc_id']}", params={"text": "true"}).json()["text"]
        assert text[citation["start"] : citation["end"]] == citation["quote"]  # offsets survive the API
        assert citation["outlet"] == documents[citation["doc_id"]]["outlet"]


def test_stream_sends_tokens_then_the_final_answer(api: httpx.Client):
    events = []
    with api.stream("POST", "/ask/stream", json={"question": "Who is the Kremlin spokesman?"}) as reply:
        assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in reply.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
    kinds = [k for k, _ in events]
    assert kinds.count("answer") == 1 and kinds[-1] == "answer" and kinds.count("token") >= 3
    final = events[-1][1]
    assert "Peskov" in final["text"] and final["citations"]


def test_conversation_and_filters_travel_through_the_api(api: httpx.Client):
    first = api.post("/ask", json={"question": "What range was Ukraine allowed?"}).json()
    follow = api.post(
        "/ask",
        json={
            "question": "And in kilometres?",
            "conversation": [{"question": "What range was Ukraine allowed?", "answer": first["text"]}],
        },
    ).json()
    assert "Ukraine" in follow["searched_for"] or "range" in follow["searched_for"]
    filtered = api.post("/ask", json={"question": "What range?", "filters": {"outlets": ["No Such Outlet"]}}).json()
    assert filtered["abstained"] and filtered["text"].startswith("No article matches the filters (outlet No Such")


@pytest.mark.parametrize(
    "body, status, fragment",
    [
        ({"question": "   "}, 400, "the question is empty"),
        ({"question": "x", "filters": {"since": "2024-13-01"}}, 400, "is not a date"),
        ({"question": "x", "top_k": 0}, 422, "top_k"),
        ({"nothing": 1}, 422, "question"),
    ],
)
def test_bad_requests_get_json_errors(api: httpx.Client, body: dict, status: int, fragment: str):
    for path in ("/ask", "/ask/stream"):
        reply = api.post(path, json=body)
        assert reply.status_code == status, (path, reply.text)
        assert fragment in reply.json()["error"]["message"]


def test_documents_upload_list_remove(api: httpx.Client):
    files = [("files", ("Tram Order.txt", TRAM.encode(), "text/plain")), ("files", ("a.exe", b"MZ", "x"))]
    added = api.post("/documents", files=files).json()
    assert added["added"] == ["Tram-Order"] and added["skipped"][0]["name"] == "a.exe"
    assert "unsupported file type" in added["skipped"][0]["reason"]
    answer = api.post("/ask", json={"question": "How much did the trams cost?"}).json()
    assert answer["citations"][0]["doc_id"] == "Tram-Order" and "640 million" in answer["text"]
    info = api.get("/documents/Tram-Order").json()
    assert (info["outlet"], info["origin"], info["chunks"]) == ("Lyon Daily", "upload", 1)
    assert api.delete("/documents/Tram-Order").json() == {"removed": ["Tram-Order"]}
    again = api.post("/ask", json={"question": "How much did the trams cost?"}).json()
    assert all(c["doc_id"] != "Tram-Order" for c in again["citations"])
    missing = api.delete("/documents/Tram-Order")
    assert missing.status_code == 404 and "no document with id" in missing.json()["error"]["message"]
    assert api.post("/documents/nope/reindex").status_code == 404


def test_upload_limits(api: httpx.Client):
    big = [("files", ("big.txt", b"word " * MAX_BYTES, "text/plain"))]
    reply = api.post("/documents", files=big)
    assert reply.status_code == 413 and "upload limit" in reply.json()["error"]["message"]
    many = [("files", (f"f{i}.txt", b"Some text here.", "text/plain")) for i in range(4)]
    reply = api.post("/documents", files=many)
    assert reply.status_code == 413 and "the limit is 3" in reply.json()["error"]["message"]
    junk = [("files", ("only.exe", b"MZ", "x"))]
    reply = api.post("/documents", files=junk)
    assert reply.status_code == 400 and "nothing was added" in reply.json()["error"]["message"]
    huge = io.BytesIO(b"x" * (3 * MAX_BYTES + 2 * 1024 * 1024))
    reply = api.post("/documents", files=[("files", ("huge.txt", huge, "text/plain"))])
    assert reply.status_code == 413  # refused before parsing, by the body limit
    assert api.get("/status").json()["documents"] == 5, "nothing bad landed"


def test_openai_compatible_chat_carries_citations(api: httpx.Client):
    body = {"model": "rag", "messages": [{"role": "user", "content": "What range was Ukraine allowed?"}]}
    reply = api.post("/v1/chat/completions", json=body).json()
    content = reply["choices"][0]["message"]["content"]
    assert reply["object"] == "chat.completion" and "[1]" in content
    assert reply["citations"][0]["n"] == 1 and reply["citations"][0]["quote"]
    streamed = api.post("/v1/chat/completions", json={**body, "stream": True}).text
    chunks = [json.loads(line[6:]) for line in streamed.splitlines() if line.startswith("data: {")]
    assert streamed.rstrip().endswith("data: [DONE]") and chunks[0]["choices"][0]["delta"]["content"] == content
    assert chunks[-1]["citations"] == reply["citations"]
    bad = api.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "hi"}]})
    assert bad.status_code == 400 and "no user message" in bad.json()["error"]["message"]


def test_status_and_openapi(api: httpx.Client):
    status = api.get("/status").json()
    assert status["documents"] == 5 and "Reuters" in status["outlets"]
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/ask", "/ask/stream", "/documents", "/documents/{doc_id}", "/status", "/v1/chat/completions"} <= set(paths)


def test_rag_serve_mounts_the_ui_on_loopback(tmp_path: Path, sample_index_dir: Path):
    """`rag serve` (a real process): API and chat UI in one server, bound to 127.0.0.1."""
    port = free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(sample_index_dir), "RAG_PORT": str(port)}
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "rag", "serve"], cwd=tmp_path, env=env, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/status", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, "rag serve did not start"
            time.sleep(0.5)
        assert httpx.get(f"{url}/ui/", timeout=30).status_code == 200
        assert httpx.get(url, follow_redirects=False).headers["location"] == "/ui"
        listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
        assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
