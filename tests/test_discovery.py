"""The warm path (issue 14): `rag ask` answers through a running `rag serve` of the same index and
answer settings, and in-process otherwise — with the same answer either way."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.discovery import announce, answer_key, find_server, server_file, withdraw
from rag.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "What range was Ukraine allowed?"


def _env(index_dir: Path, cache: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    return {**env, "RAG_INDEX_DIR": str(index_dir), "RAG_CACHE_DIR": str(cache), **more}


def _settings(index_dir: Path, cache: Path, **overrides) -> Settings:
    return Settings.load(env={"RAG_INDEX_DIR": str(index_dir), "RAG_CACHE_DIR": str(cache)}, **overrides)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(env: dict[str, str], *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rag", "ask", *flags, QUESTION], env=env, cwd=ROOT, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def test_answer_key_covers_what_changes_answers(tmp_path):
    base = _settings(tmp_path / "index", tmp_path)
    assert answer_key(base) == answer_key(base.with_(port=9999, n_threads=1, embed_threads=1, embed_backend="torch"))
    assert answer_key(base) != answer_key(base.with_(top_k=3))
    assert answer_key(base) != answer_key(base.with_(model_path="/elsewhere/model.gguf"))
    assert answer_key(base) != answer_key(base.with_(index_dir=tmp_path / "other"))
    assert server_file(base) != server_file(base.with_(index_dir=tmp_path / "other"))


def test_find_server_needs_a_live_process_and_the_same_key(tmp_path):
    settings = _settings(tmp_path / "index", tmp_path)
    assert find_server(settings) is None
    path = announce(settings, "http://127.0.0.1:1")
    assert find_server(settings) == "http://127.0.0.1:1"  # this test process is alive
    assert find_server(settings.with_(top_k=7)) is None  # answers would differ: not used
    record = json.loads(path.read_text())
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    path.write_text(json.dumps({**record, "pid": int(dead.stdout)}))
    assert find_server(settings) is None
    assert not path.exists()  # a dead server's record is cleaned up
    path = announce(settings, "http://127.0.0.1:1")
    withdraw(path)
    assert not path.exists()


def test_unreachable_server_falls_back_in_process(sample_index_dir, tmp_path):
    """A live process that does not answer HTTP (here: this test, on a closed port)."""
    cache = tmp_path / "cache"
    announce(_settings(sample_index_dir, cache), f"http://127.0.0.1:{_free_port()}")
    run = _ask(_env(sample_index_dir, cache), "--explain")
    assert run.returncode == 0, run.stderr
    assert "could not reach the API" in run.stderr and "answering in this process" in run.stderr
    assert "Answered by: this process" in run.stdout and "190 miles" in run.stdout


@pytest.fixture()
def running_server(sample_index_dir, tmp_path):
    cache = tmp_path / "cache"
    port = _free_port()
    log = open(tmp_path / "serve.log", "w")
    env = _env(sample_index_dir, cache, RAG_PORT=str(port))
    command = [sys.executable, "-m", "rag", "serve", "--no-ui"]
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
    record = server_file(_settings(sample_index_dir, cache))
    try:
        deadline = time.monotonic() + 180
        while not record.exists():
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "rag serve did not announce itself"
            time.sleep(0.2)
        yield proc, env, record, f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
        proc.wait(timeout=60)
        log.close()


def test_rag_ask_uses_the_running_server_and_answers_the_same(running_server):
    proc, env, record, url = running_server
    assert json.loads(record.read_text())["url"] == url
    served = _ask(env, "--explain")
    assert served.returncode == 0, served.stderr
    assert f"Answered by: rag serve at {url}" in served.stdout
    local = _ask(env, "--explain", "--local")
    assert "Answered by: this process" in local.stdout
    strip = lambda out: [ln for ln in out.splitlines() if not ln.startswith("Answered by")]  # noqa: E731
    assert strip(served.stdout) == strip(local.stdout)
    other = _ask(env, "--explain", "--top-k", "3")  # other answer settings: not this server's answers
    assert "Answered by: this process" in other.stdout
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert not record.exists()  # a server that stops withdraws its announcement
