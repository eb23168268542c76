"""The HTTP API on Ray Serve (rag.serve_ray): two replicas on a local Ray, a separately started
head node reached by address, and a bad address. Slow (Ray start-up and one model load per
replica); everything binds to 127.0.0.1 on free ports.

Ray's state goes to a private temp dir per cluster (not /tmp/ray, where other users' sessions
live), and the head node is stopped by killing its own process tree, not with ``ray stop``,
which would stop every Ray of this user on the machine. What Ray writes outside those dirs
(``/tmp/ray/ray_current_cluster``; ``~/.ray/auth_token``, at process exit) is removed only if
it appeared during this module.
"""

from __future__ import annotations

import os

os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # before Ray is imported
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

import atexit
import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import ray
from ray import serve

from rag.errors import SettingsError
from rag.serve_ray import APP_NAME, DEPLOYMENT_NAME, run_serve, shutdown_serve, size_replicas
from rag.settings import Settings

pytestmark = pytest.mark.slow
QUESTION = "What range was Ukraine allowed?"
RAY_BIN = Path(sys.executable).parent / "ray"
# Ray's files outside its temp dirs, deepest first (a directory is removed only once empty)
SESSION_PATHS = (Path("/tmp/ray/ray_current_cluster"), Path("/tmp/ray"))
TOKEN_PATHS = (Path.home() / ".ray" / "auth_token", Path.home() / ".ray")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(url: str, question: str = QUESTION, **body: object) -> httpx.Response:
    return httpx.post(f"{url}/ask", json={"question": question, **body}, timeout=180)


def remove_new(paths: tuple[Path, ...], existed: dict[Path, bool]) -> None:
    """Remove those of ``paths`` that did not exist before (directories only when empty)."""
    for path in paths:
        if existed[path] or not path.exists():
            continue
        if path.is_dir():
            with contextlib.suppress(OSError):  # not empty: someone else's state is in it
                path.rmdir()
        else:
            path.unlink()


@pytest.fixture(scope="module", autouse=True)
def ray_leftovers() -> Iterator[None]:
    """Remove what Ray wrote outside its temp dirs during this module, only if it is new.

    The auth token goes at process exit, not now: ray.init keeps the token it read cached in
    the process, so a later ray.init here (another test module) would start a cluster whose
    GCS cannot find that token and fails ("Timed out waiting for file .../gcs_server_port").
    ray.init also sets RAY_AUTH_MODE=token in os.environ; it is restored."""
    existed = {p: p.exists() for p in (*SESSION_PATHS, *TOKEN_PATHS)}
    auth_mode = os.environ.get("RAY_AUTH_MODE")
    yield
    remove_new(SESSION_PATHS, existed)
    atexit.register(remove_new, TOKEN_PATHS, existed)
    if auth_mode is None:
        os.environ.pop("RAY_AUTH_MODE", None)
    else:
        os.environ["RAY_AUTH_MODE"] = auth_mode


@pytest.fixture()
def temp_dir() -> Iterator[Path]:
    """A cluster's own Ray temp dir (sessions, logs, sockets): short, as unix socket paths are."""
    path = Path(tempfile.mkdtemp(prefix="rt-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="class")
def served(sample_index_dir: Path) -> Iterator[str]:
    """The API on a local Ray (2 CPUs), 2 replicas of 1 llama.cpp thread each."""
    temp_dir = Path(tempfile.mkdtemp(prefix="rt-", dir="/tmp"))
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=str(temp_dir))
    try:
        settings = Settings.load(index_dir=sample_index_dir, replicas=2, n_threads=1, port=free_port())
        yield run_serve(settings, blocking=False)
    finally:
        serve.shutdown()
        ray.shutdown()
        shutil.rmtree(temp_dir, ignore_errors=True)


class TestTwoLocalReplicas:
    def test_ask_returns_a_cited_answer_whose_quotes_match_the_documents(self, served: str):
        reply = ask(served)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert "190" in body["text"] or "300" in body["text"]
        assert body["citations"]
        for citation in body["citations"]:
            doc = httpx.get(f"{served}/documents/{citation['doc_id']}", params={"text": "true"}, timeout=60)
            assert doc.status_code == 200, doc.text
            assert doc.json()["text"][citation["start"] : citation["end"]] == citation["quote"]

    def test_two_replicas_run_and_concurrent_requests_reach_both(self, served: str):
        app = serve.status().applications[APP_NAME]
        assert app.deployments[DEPLOYMENT_NAME].replica_states == {"RUNNING": 2}
        questions = [QUESTION, "Who is the Kremlin spokesman?"] * 2
        with ThreadPoolExecutor(len(questions)) as pool:
            replies = list(pool.map(ask, [served] * len(questions), questions))
        assert [r.status_code for r in replies] == [200] * len(questions), [r.text for r in replies]
        assert all(r.json()["text"] for r in replies)
        assert len({r.headers["x-rag-replica"] for r in replies}) == 2  # the proxy spread them

    def test_status_reports_the_index(self, served: str):
        reply = httpx.get(f"{served}/status", timeout=60)
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert body["outlets"] and body["index_generation"]

    def test_the_stream_passes_through_the_proxy_as_events(self, served: str):
        with httpx.stream("POST", f"{served}/ask/stream", json={"question": QUESTION}, timeout=180) as reply:
            assert reply.status_code == 200
            assert reply.headers["content-type"].startswith("text/event-stream")
            kinds = [line[7:] for line in reply.iter_lines() if line.startswith("event: ")]
        assert kinds.count("token") >= 3 and kinds[-1] == "answer"

    def test_a_bad_filter_date_is_a_json_400(self, served: str):
        reply = ask(served, filters={"since": "18 Nov 2024"})
        assert reply.status_code == 400
        assert "YYYY-MM-DD" in reply.json()["error"]["message"]


def test_replicas_share_the_cores_with_one_thread_each():
    sizing = size_replicas(Settings.load(replicas=2, n_threads=2), cluster_cpus=2)
    assert (sizing.n_threads, sizing.num_cpus) == (1, 1.0)
    one = size_replicas(Settings.load(replicas=1, n_threads=2), cluster_cpus=2)
    assert (one.n_threads, one.num_cpus) == (2, 2.0)
    crowded = size_replicas(Settings.load(replicas=4, n_threads=2), cluster_cpus=2)
    assert (crowded.n_threads, crowded.num_cpus) == (1, 0.5)


@pytest.fixture()
def head_node(temp_dir: Path) -> Iterator[str]:
    """``ray start --head`` in its own processes; stopped by killing exactly those processes."""
    assert not ray.is_initialized()
    port = free_port()
    command = [
        str(RAY_BIN), "start", "--head", "--node-ip-address=127.0.0.1", f"--port={port}", "--num-cpus=2",
        "--include-dashboard=false", "--disable-usage-stats", f"--temp-dir={temp_dir}",
        f"--ray-client-server-port={free_port()}", f"--dashboard-agent-listen-port={free_port()}",
        f"--dashboard-port={free_port()}",
    ]  # fmt: skip
    env = {**os.environ, "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    try:
        started = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stdout + started.stderr
        yield f"127.0.0.1:{port}"
    finally:
        shutdown_serve()
        _kill_processes_using(temp_dir)


def _kill_processes_using(temp_dir: Path) -> None:
    """Stop the head node's processes (their command lines name its temp dir) and their children
    (workers and replicas, whose titles Ray rewrites): TERM, then KILL what is left after 5 s
    (gcs_server and the autoscaler monitor ignore TERM), as ``ray stop`` does."""
    parents = _parents()
    family = {pid for pid, cmdline in _cmdlines().items() if str(temp_dir) in cmdline}
    while grown := {pid for pid, ppid in parents.items() if ppid in family} - family:
        family |= grown
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in family:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 5
        while (family := {pid for pid in family if _running(pid)}) and time.monotonic() < deadline:
            time.sleep(0.1)


def _running(pid: int) -> bool:
    """Alive and not a zombie (an exited child its parent has not reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _cmdlines() -> dict[int, str]:
    found = {}
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit():
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    return found


def _parents() -> dict[int, int]:
    found = {}
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, ValueError):
            if entry.name.isdigit():  # ppid is the 2nd field after the parenthesised command
                found[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    return found


def test_a_separately_started_head_node_is_reached_by_address(head_node: str, sample_index_dir: Path):
    settings = Settings.load(index_dir=sample_index_dir, ray_address=head_node, replicas=1, port=free_port())
    url = run_serve(settings, blocking=False)
    reply = ask(url)
    assert reply.status_code == 200, reply.text
    assert reply.json()["citations"]
    assert ray.get_runtime_context().gcs_address == head_node  # joined that cluster, started none


def test_an_address_where_nothing_listens_fails_fast_with_a_settings_error():
    assert not ray.is_initialized()
    began = time.monotonic()
    with pytest.raises(SettingsError, match="no Ray cluster"):
        run_serve(Settings.load(ray_address="127.0.0.1:1"), blocking=False)
    assert time.monotonic() - began < 60
    assert not ray.is_initialized()
