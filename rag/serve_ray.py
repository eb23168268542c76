"""The HTTP API on Ray Serve (``rag serve --engine ray``): the same API, answered by N replicas.

Each replica is a Ray actor that loads its own :class:`~rag.pipeline.Assistant` (on its own
model thread, as ``rag serve`` does: rag/worker.py) and serves the FastAPI app of
:func:`rag.server.create_app` through ``@serve.ingress``. Routes, JSON errors and upload limits
are therefore exactly those of ``rag serve``; Ray Serve's proxy spreads requests over the
replicas. Every response carries ``X-Rag-Replica``, the id of the replica that answered.

The replicas share the index through the filesystem: they all open ``settings.index_dir``.
On one machine that is a folder; on a real cluster it is a LanceDB store on object storage
(``store = "lance"``) or a shared mount that every node sees. The project must be installed
on every node (the same virtualenv), as Ray ships only pickled objects, not the code. Ray 2.60
clusters use token authentication by default: this process needs the cluster's token
(``~/.ray/auth_token``, ``RAY_AUTH_TOKEN`` or ``RAY_AUTH_TOKEN_PATH``) to join it.

Caveat of several replicas: a library change (upload, delete, reindex) is made by the replica
that received it, which starts using the new index at once; the others keep answering from
the index they loaded until they restart.

The chat UI (Gradio) is not mounted on Ray: it answers with an assistant in its own process,
not through HTTP. Point a client at this API instead: any OpenAI-compatible chat front end
takes ``http://HOST:PORT/v1`` as its base URL (``/v1/chat/completions`` replies carry
``citations``), and scripts use ``/ask`` (OpenAPI docs at ``/docs``). To keep the Gradio UI as
well, run it beside the cluster on the same index (``python app.py`` or ``rag serve`` on
another port, with the same ``RAG_INDEX_DIR``).

    from rag.serve_ray import run_serve
    run_serve(Settings.load(engine="ray", replicas=2))   # blocks until Ctrl-C, then stops Serve
"""

from __future__ import annotations

import os

# Set before Ray is imported: no multi-node clusters on macOS/Windows (Ray's own guard, kept on
# everywhere so behaviour does not depend on the platform) and no usage reports leave a local,
# private assistant. Both stay overridable from the environment.
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

import logging
import signal
import socket
import threading
from dataclasses import dataclass
from typing import Any

import ray
from fastapi import FastAPI
from ray import serve

from rag.errors import RagError, SettingsError
from rag.settings import Settings

log = logging.getLogger(__name__)
APP_NAME = "rag"
DEPLOYMENT_NAME = "rag-api"
REPLICA_HEADER = b"x-rag-replica"
PROBE_TIMEOUT_S = 5.0  # a TCP connect to the head node; nothing listening fails at once
CONNECT_TIMEOUT_S = 60.0  # ray.init against a listener that is not Ray retries forever: bound it
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


@dataclass(frozen=True)
class Sizing:
    """What each replica gets: the threads its models use and the CPUs Ray reserves for it."""

    n_threads: int
    embed_threads: int
    num_cpus: float


def size_replicas(settings: Settings, cluster_cpus: float) -> Sizing:
    """Threads and reserved CPUs per replica for ``settings.replicas`` on ``cluster_cpus`` cores.

    Each replica's llama.cpp decodes with a team of ``n_threads`` threads that meets at every
    token, so a team waits for its slowest thread. Two replicas of 2 threads on 2 cores are two
    teams preempting each other at every step: throughput collapses (BENCHMARKS.md, "Thread
    pools": competing pools under load decoded 1.1 tok/s instead of 77). So when several replicas
    do not fit at their configured threads, each gets ``cores // replicas`` threads (at least 1)
    — on a 2-core machine 2 replicas run 1 thread each, the default there — and reserves that
    many CPUs, so Ray never packs more teams onto a node than it has cores. The cost: one
    answer's prompt takes about twice as long on 1 thread; the gain: two answers at once, and
    no team to stall (bench/ray_serve.py). A single replica keeps the configured threads, as
    ``rag serve`` does. More replicas than cores get a fractional CPU share and queue for cores.
    """
    share = cluster_cpus / settings.replicas
    n_threads = settings.n_threads
    if settings.replicas > 1 and n_threads > share:
        n_threads = max(1, int(share))
    embed_threads = min(settings.embed_threads, n_threads) if settings.replicas > 1 else settings.embed_threads
    return Sizing(n_threads, embed_threads, num_cpus=min(float(n_threads), share))


# -- the deployment ----------------------------------------------------------------------------
@serve.deployment(name=DEPLOYMENT_NAME)
@serve.ingress()  # late-bound: the app is built per replica by __serve_build_asgi_app__
class RagReplica:
    """One replica: its own assistant, serving the app of :func:`rag.server.create_app`."""

    def __init__(self, settings: Settings) -> None:
        from rag.pipeline import Assistant

        self.settings = settings
        self.replica_id = serve.get_replica_context().replica_id.unique_id
        # own_thread: requests arrive on FastAPI's thread pool; decoding off the loading thread
        # is 1.5-3x slower (rag/worker.py). The index was made sure of before deploying.
        self.assistant = Assistant.load(settings, own_thread=True, build_if_missing=False)

    def __serve_build_asgi_app__(self) -> FastAPI:
        # Built here, after __init__, because the routes need this replica's assistant; a module
        # level app would need a process-global hook to reach it.
        from rag.server import create_app

        app = create_app(
            lambda: self.assistant,
            max_upload_bytes=self.settings.max_upload_mb * 1024 * 1024,
            max_upload_files=self.settings.max_upload_files,
        )
        app.add_middleware(ReplicaHeader, replica_id=self.replica_id)
        return app


class ReplicaHeader:
    """ASGI middleware adding ``X-Rag-Replica`` to every response (which replica answered)."""

    def __init__(self, app: Any, replica_id: str) -> None:
        self.app, self.value = app, replica_id.encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def tagged(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (REPLICA_HEADER, self.value)]}
            await send(message)

        await self.app(scope, receive, tagged)


@ray.remote(num_cpus=0, max_retries=0)  # 0 CPUs: never waits behind replicas holding every core
def _prepare(settings: Settings) -> None:
    """Run once on the cluster before the replicas start. Fails fast on what every replica would
    fail on (Serve retries a failing replica 3 times, each a full model load), and builds the
    sample-corpus index on first use, once: N replicas loading with ``build_if_missing`` would
    race to build the same index."""
    from rag.generate import resolve_model_path
    from rag.index import check_compatible
    from rag.pipeline import Assistant
    from rag.store import read_generation

    resolve_model_path(settings.model_path)
    try:
        index = read_generation(settings.index_dir)  # the fast path: a file index is there
    except RagError:
        # Another store kind, or nothing yet: the assistant's own loader opens or builds it.
        Assistant.load(settings, build_if_missing=True)
        return
    check_compatible(index.manifest, settings)


# -- connecting and deploying ------------------------------------------------------------------
def run_serve(settings: Settings, *, blocking: bool = True) -> str:
    """Deploy the API on Ray Serve with ``settings.replicas`` replicas; return its base URL.

    Joins the cluster at ``settings.ray_address`` or starts Ray on this machine when it is empty.
    With ``blocking`` it serves until SIGINT/SIGTERM, then removes the app (and Serve and Ray,
    when nothing else uses them) and returns."""
    joined = connect(settings)
    try:
        url = deploy(settings)
    except BaseException:
        if joined:  # leave no Ray behind that this call started or joined
            ray.shutdown()
        raise
    if not blocking:
        return url
    print(f"serving on {url} (API docs at /docs; Ray Serve, {settings.replicas} replica(s))", flush=True)
    try:
        _wait_for_signal()
    finally:
        shutdown_serve()
    return url


def connect(settings: Settings) -> bool:
    """Join the configured cluster, or start Ray here when ``ray_address`` is empty. False when
    this process was already connected (the caller's Ray is used as it is)."""
    if ray.is_initialized():
        return False
    if not settings.ray_address:
        # No dashboard: it is a web server of its own, on a port nobody asked to open.
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False)
        return True
    _probe(settings.ray_address)
    _init_bounded(settings.ray_address)
    return True


def deploy(settings: Settings) -> str:
    """Start Serve bound to ``settings.host``:``settings.port`` and deploy the replicas."""
    cpus = ray.cluster_resources().get("CPU", float(os.cpu_count() or 1))
    sizing = size_replicas(settings, cpus)
    if sizing.n_threads != settings.n_threads:
        log.warning(
            "%d replicas on %g CPUs: n_threads %d -> %d per replica (thread pools sharing cores are slower)",
            *(settings.replicas, cpus, settings.n_threads, sizing.n_threads),
        )
    sized = settings.with_(n_threads=sizing.n_threads, embed_threads=sizing.embed_threads)
    try:
        ray.get(_prepare.remote(sized))
    except ray.exceptions.RayTaskError as exc:  # show the product's own error, not Ray's wrapper
        raise (exc.cause if isinstance(exc.cause, RagError) else exc) from None
    serve.start(http_options={"host": settings.host, "port": settings.port})
    options = {"num_replicas": settings.replicas, "ray_actor_options": {"num_cpus": sizing.num_cpus}}
    try:
        serve.run(RagReplica.options(**options).bind(sized), name=APP_NAME, route_prefix="/")
    except RuntimeError as exc:  # Serve's DEPLOY_FAILED, after retrying each replica 3 times
        raise RagError(f"the Ray Serve replicas failed to start: {_failure(exc)}") from exc
    return base_url(settings)


def _failure(exc: RuntimeError) -> str:
    """Why the replicas failed (the last line of the replica's traceback, which serve.run leaves
    out), after removing the failed app so it does not linger on the cluster."""
    try:
        message = serve.status().applications[APP_NAME].deployments[DEPLOYMENT_NAME].message
        serve.delete(APP_NAME)
    except Exception:  # the status is a nicety; the original error still stands
        return str(exc)
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return lines[-1] if lines else str(exc)


def base_url(settings: Settings) -> str:
    """Where clients reach the API: the bind address, or the head node's when bound to all."""
    host = settings.host
    if host in WILDCARD_HOSTS:
        host = _split_address(settings.ray_address)[0] if settings.ray_address else "127.0.0.1"
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def shutdown_serve() -> None:
    """Remove this app; stop Serve when no other app is left, then leave (or stop) Ray."""
    if not ray.is_initialized():
        return
    try:
        serve.delete(APP_NAME)
        if not serve.status().applications:
            serve.shutdown()
    finally:
        ray.shutdown()  # stops a Ray this process started; only disconnects from a cluster


# -- helpers -----------------------------------------------------------------------------------
def _split_address(address: str) -> tuple[str, int | None]:
    """``host:port`` of a Ray address (``ray://`` client addresses included)."""
    bare = address.split("://", 1)[-1].rstrip("/")
    host, sep, port = bare.rpartition(":")
    if not sep or not port.isdigit():
        return bare, None
    return host.strip("[]"), int(port)


def _probe(address: str) -> None:
    """Fail fast when nothing listens at the address: ray.init would retry for minutes."""
    if address == "auto":  # the cluster this machine runs; Ray finds it itself
        return
    host, port = _split_address(address)
    if port is None:
        raise SettingsError(f"setting ray_address={address!r} must be HOST:PORT (the head node's GCS port)")
    try:
        with socket.create_connection((host, port), timeout=PROBE_TIMEOUT_S):
            pass
    except OSError as exc:
        raise SettingsError(
            f"no Ray cluster at ray_address={address!r} ({exc.strerror or exc}); start one with "
            f"`ray start --head --port={port}` or leave ray_address empty to run Ray on this machine"
        ) from exc


def _init_bounded(address: str) -> None:
    """``ray.init(address)`` with a deadline: a port that answers TCP but is not a Ray head
    would otherwise keep ray.init retrying forever."""
    outcome: dict[str, BaseException | None] = {}

    def join() -> None:
        try:
            ray.init(address=address)
            outcome["error"] = None
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=join, name="ray-connect", daemon=True)
    thread.start()
    thread.join(CONNECT_TIMEOUT_S)
    if "error" not in outcome:
        raise SettingsError(
            f"ray_address={address!r} accepts connections but no Ray cluster answered within "
            f"{CONNECT_TIMEOUT_S:.0f} s; is it the head node's GCS port (`ray start --head --port=...`)?"
        )
    if outcome["error"] is not None:
        raise SettingsError(f"could not join the Ray cluster at ray_address={address!r}: {outcome['error']}")


def _wait_for_signal() -> None:
    """Block until SIGINT or SIGTERM (Ctrl-C, or a service manager stopping us)."""
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
