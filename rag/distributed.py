"""Distributed indexing with Ray Data into the LanceDB store (issue 12 "Scale out").

Same contract as :func:`rag.index.build_index` for a LanceDB store, with the heavy part on a
Ray cluster::

    driver   load + plan (sha256 of every file, as the local path)
    Ray      read (documents as rows) -> chunk -> embed (actor pool, one Embedder per actor)
             -> lance_ray.write_lance(mode="append") into <store>/chunks.lance
    driver   lance_store.commit(...) with the documents rows

The driver loads the files itself: planning needs every document's sha256 before anything is
embedded, and the commit writes each document's full text from the driver anyway, so reading
again in Ray tasks would only read every file twice.

Documents to embed go in *rounds* of ``round_docs`` documents, each one commit: a job killed
mid-way restarts without re-embedding what it committed (same sha256), and the rows a killed
round appended are discarded by ``open_for_writing``'s rollback. Every intermediate commit is a
consistent index (each document's row matches its chunks: the old version until its round).
A ``rebuild`` is one round: a partial rebuild would mix chunks of two settings under one manifest.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import math
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag import lance_store, store
from rag.chunk import chunk_document
from rag.embed import cpu_supports_bf16, resolve_embed_model
from rag.errors import SettingsError
from rag.index import BuildReport, existing_kind, expected_manifest, lance_documents, plan_documents, uploaded_files
from rag.load import known_outlets, load_paths
from rag.records import Document
from rag.settings import Settings

# Ray reads these when it is imported. "0": this node's IP is the loopback one, not found by
# routing towards a public address (a driver joining a cluster on *other* machines needs "1");
# and no usage statistics are sent.
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

# Documents per commit and worker: ~20 s of embedding per actor, what a kill can lose. Each round
# is one Ray Data execution whose actors start afresh (measured 10-20 s on the loaded 2-core
# machine: process start, then importing torch and sentence-transformers), so rounds must be long.
ROUND_DOCS_PER_WORKER = 1000
# documents per input block (= per actor call; ~1.3 chunks each on wiki summaries): calls big enough
# to fill embedding batches, and at least BLOCKS_PER_WORKER blocks per actor so none idles at the end
MAX_BLOCK_DOCS = 64
BLOCKS_PER_WORKER = 4
SIDE_CPUS = 0.2  # CPUs left free beside the actors for Ray Data's write tasks (else they starve)
_AUTH_ENV = ("RAY_AUTH_MODE",)
_QUIET = ("enable_progress_bars", "print_on_execution_start")  # DataContext flags that follow ``progress``


# -- connecting ----------------------------------------------------------------------------
@dataclass
class RaySession:
    """A Ray connection this module made (``started``) or found (the caller's, left running)."""

    started: bool
    temp_dir: str = ""
    address: str = ""
    token: str = ""


@contextlib.contextmanager
def ray_session(address: str = "", num_cpus: int | None = None) -> Iterator[RaySession]:
    """Ray for the duration: the caller's if already initialised (never shut down here), else
    ``address``, else a new local one on 127.0.0.1 whose state (session files, the
    ``ray_current_cluster`` file, its auth token) lives in a private temp dir removed afterwards."""
    import ray

    if ray.is_initialized():
        yield RaySession(started=False)
        return
    if address:
        ray.init(address=address, logging_level=logging.WARNING)
        try:
            yield RaySession(started=True, address=address)
        finally:
            ray.shutdown()  # only disconnects: the cluster is not ours
        return
    session, saved_env = _local_session(), {k: os.environ.get(k) for k in _AUTH_ENV}
    try:
        # address="local": a bare ray.init() would join whatever cluster /tmp/ray names
        context = ray.init(address="local", num_cpus=num_cpus or os.cpu_count(), include_dashboard=False,
                           _node_ip_address="127.0.0.1", _temp_dir=session.temp_dir,
                           logging_level=logging.WARNING)  # fmt: skip
        session.address = context.address_info["gcs_address"]
        yield session
    finally:
        ray.shutdown()
        _restore_env(saved_env)
        shutil.rmtree(session.temp_dir, ignore_errors=True)


def _local_session() -> RaySession:
    """A private temp dir for the session's state, and this process's auth token file."""
    temp_dir = tempfile.mkdtemp(prefix="rag-ray-")  # short: Ray's socket paths must stay < 108 chars
    return RaySession(started=True, temp_dir=temp_dir, token=_process_token())


def _process_token() -> str:
    """One auth token file per process, kept until the process exits.

    Without RAY_AUTH_TOKEN_PATH a new local cluster writes ~/.ray/auth_token. Ray keeps the token
    path in memory once it has used it, so a later ``ray.init`` in this process (another index
    job, Ray Serve, the next test) must find the same file: it is removed only at exit."""
    if os.environ.get("RAY_AUTH_TOKEN"):
        return os.environ["RAY_AUTH_TOKEN"]
    existing = os.environ.get("RAY_AUTH_TOKEN_PATH", "")
    if existing and Path(existing).is_file():
        return Path(existing).read_text(encoding="utf-8").strip()
    folder = tempfile.mkdtemp(prefix="rag-ray-token-")
    path = Path(folder) / "auth_token"
    token = secrets.token_hex(32)
    path.write_text(token, encoding="utf-8")
    path.chmod(0o600)
    os.environ["RAY_AUTH_TOKEN_PATH"] = str(path)
    atexit.register(shutil.rmtree, folder, True)
    return token


def _restore_env(saved: dict[str, str | None]) -> None:
    # Ray sets RAY_AUTH_MODE=token in this process; left set, a later ray.init would need a token
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def storage_options() -> dict[str, str]:
    """The object-storage options for lance-ray's writer tasks, which may run on machines (or in
    worker processes started before the caller set AWS_*) that lack the driver's environment."""
    env = os.environ
    options = {k: v for k, v in lance_store.storage_options().items() if v}
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        if env.get(key):
            options[key.lower()] = env[key]
    return options


# -- the build -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Plan:
    documents: list[Document]  # what the index holds when done
    old_docs: dict[str, Document]  # the last commit's
    changed: list[Document]  # to embed
    removed: set[str]
    uploads: set[str]


def build_index_ray(
    paths: list[Path],
    settings: Settings,
    *,
    mode: str = "sync",
    rebuild: bool = False,
    origin: str = "folder",
    progress: bool = False,
    workers: int | None = None,
    round_docs: int | None = None,
) -> BuildReport:
    """Index ``paths`` into the LanceDB store of ``settings.index_dir`` on Ray (see the module doc).

    ``workers``: embedding actors (default: one per CPU of the cluster); ``round_docs``: documents
    per commit (default :data:`ROUND_DOCS_PER_WORKER` per worker). Ray is only started (or joined)
    when something needs embedding."""
    began = time.perf_counter()
    dim, dtype = model_facts(settings)
    with store.writer_lock(settings.index_dir):
        _require_lance(settings, rebuild)
        loaded = load_paths(paths, settings.max_file_bytes, known_outlets(settings.outlets_file))
        plan = _plan(settings, dim, loaded, mode, rebuild, origin)
        t_plan = time.perf_counter() - began
        with ray_session(settings.ray_address) if plan.changed else contextlib.nullcontext():
            workers = (workers or _cluster_cpus()) if plan.changed else 1
            size = len(plan.changed) if rebuild else round_docs or ROUND_DOCS_PER_WORKER * workers  # rebuild: 1 round
            rounds = _rounds(plan.changed, size)
            embedded, n_chunks = _run_rounds(settings, plan, dim, dtype, rebuild, rounds, progress, workers)
    new_ids = {d.doc_id for d in plan.documents}
    return BuildReport(
        index_dir=str(settings.index_dir),
        documents=len(plan.documents),
        chunks=n_chunks,
        embedded_documents=tuple(embedded),
        reused_documents=tuple(sorted(new_ids - set(embedded))),
        removed_documents=tuple(sorted(plan.removed)),
        skipped=loaded.skipped,
        seconds=time.perf_counter() - began,
        timings={"load_and_plan": t_plan},
        kept_uploads=tuple(sorted(plan.uploads - {d.doc_id for d in loaded.documents})) if mode == "sync" else (),
    )


def model_facts(settings: Settings) -> tuple[int, str]:
    """The embedding dimension and dtype, without loading the model in the driver (the actors do).

    The dtype follows :class:`rag.embed.Embedder`'s rule on the driver's CPU (a uniform cluster)."""
    model_dir = resolve_embed_model(settings.embed_model)
    dim = 0
    for module in json.loads((model_dir / "modules.json").read_text(encoding="utf-8")):
        config = model_dir / module.get("path", "") / "config.json"
        if module.get("path") and config.is_file():
            facts = json.loads(config.read_text(encoding="utf-8"))
            dim = int(facts.get("out_features") or facts.get("word_embedding_dimension") or dim)
    if not dim:
        raise SettingsError(f"cannot tell the embedding dimension of {settings.embed_model!r} from {model_dir}")
    bf16 = settings.embed_dtype == "bf16" or (settings.embed_dtype == "auto" and cpu_supports_bf16())
    return dim, "bf16" if bf16 else "fp32"


def _require_lance(settings: Settings, rebuild: bool) -> None:
    kind = settings.store if rebuild else existing_kind(settings)
    if kind != "lance":
        raise SettingsError(
            f"Ray indexing writes LanceDB stores, and the index in {settings.index_dir} is (or would be) {kind}: "
            "use --store lance (with --rebuild to replace a faiss index)"
        )


def _plan(settings: Settings, dim: int, loaded: Any, mode: str, rebuild: bool, origin: str) -> _Plan:
    """Exactly the local path's plan (rag.index.build_index)."""
    old_docs = lance_documents(settings, dim, tolerate_damage=rebuild)
    if rebuild and not old_docs:  # the old index is gone or damaged: uploads come from their folder
        old_docs = uploaded_files(settings)
    new_docs, uploads = plan_documents(loaded, old_docs, mode, origin)
    documents = sorted(new_docs.values(), key=lambda d: d.doc_id)
    changed = [d for d in documents if rebuild or d.doc_id not in old_docs or old_docs[d.doc_id].sha256 != d.sha256]
    return _Plan(documents, old_docs, changed, set(old_docs) - set(new_docs), uploads)


def _cluster_cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _rounds(documents: list[Document], size: int) -> list[list[Document]]:
    """``documents`` in rounds of ``size``; one empty round when there are none (the final commit
    still removes documents and re-stamps unchanged ones)."""
    size = max(1, size)
    return [documents[i : i + size] for i in range(0, len(documents), size)] or [[]]


def _run_rounds(
    settings: Settings, plan: _Plan, dim: int, dtype: str, rebuild: bool, rounds: list[list[Document]],
    progress: bool, workers: int,
) -> tuple[list[str], int]:  # fmt: skip
    """Embed and commit round by round; the last round also removes and re-stamps documents."""
    changed_ids = {d.doc_id for d in plan.changed}
    held = set(plan.old_docs)  # the documents the committed index holds so far
    embedded: list[str] = []
    n_chunks = 0
    for number, batch in enumerate(rounds, start=1):
        began, final = time.perf_counter(), number == len(rounds)
        ids = {d.doc_id for d in batch}
        db = lance_store.open_for_writing(settings, dim)  # drops what a killed round appended
        stale = (set(plan.old_docs) if rebuild else ids & set(plan.old_docs)) | (plan.removed if final else set())
        lance_store.delete_chunks(db, stale)  # before the Ray write: delete by doc_id would hit new rows too
        before = db.open_table("chunks").count_rows()
        _embed_and_write(batch, settings, dim, workers, progress)
        upserts = list(batch)
        if final:  # unchanged text, new stamps (origin, path...): rows only, as the local path
            upserts += [d for d in plan.documents if d.doc_id not in changed_ids and plan.old_docs.get(d.doc_id) != d]
        held = (held | ids) - (plan.removed if final else set())
        manifest = {**expected_manifest(settings, dim), "embed_dtype": dtype, "n_documents": len(held)}
        lance_store.commit(settings, db, manifest, upsert_documents=upserts, new_chunk_rows=[],
                           delete_chunks_of=set(), delete_documents=plan.removed if final else set())  # fmt: skip
        chunks = db.open_table("chunks")
        chunks.checkout_latest()
        n_chunks = chunks.count_rows()
        embedded.extend(sorted(ids))
        print(f"round {number}/{len(rounds)}: {len(batch)} documents, {n_chunks - before} chunks, "
              f"{time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)  # fmt: skip
    return sorted(embedded), n_chunks


# -- the Ray Data pipeline ---------------------------------------------------------------------
def _embed_and_write(docs: list[Document], settings: Settings, dim: int, workers: int, progress: bool) -> None:
    """read -> chunk -> embed (actor pool) -> append to <store>/chunks.lance (uncommitted until commit())."""
    if not docs:
        return
    import lance_ray

    with _ray_data_output(progress):
        lance_ray.write_lance(
            _pipeline(docs, settings, dim, workers),
            lance_store.store_uri(settings).rstrip("/") + "/chunks.lance",
            schema=lance_store.schemas(dim)["chunks"],
            mode="append",
            storage_options=storage_options(),
            ray_remote_args={"num_cpus": SIDE_CPUS / 2},
        )


@contextlib.contextmanager
def _ray_data_output(progress: bool) -> Iterator[None]:
    """Ray Data's progress bars and plan/summary lines only when ``progress`` (the caller's context restored)."""
    import ray

    context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in _QUIET}
    logger = logging.getLogger("ray.data")
    level = logger.level
    for name in _QUIET:
        setattr(context, name, progress)
    if not progress:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(context, name, value)
        logger.setLevel(level)


def _pipeline(docs: list[Document], settings: Settings, dim: int, workers: int) -> Any:
    import ray

    cpus = float(ray.cluster_resources().get("CPU", 1))
    per_actor = max(0.1, (cpus - SIDE_CPUS) / workers)  # 2 actors on 2 cores: 0.9 each, writes fit beside
    threads = max(1, min(settings.embed_threads, math.floor(cpus / workers)))  # 1 each when 2 share 2 cores
    items = [{"doc_id": d.doc_id, "text": d.text, "title": d.title, "outlet": d.outlet, "date": d.date} for d in docs]
    blocks = min(len(items), max(workers * BLOCKS_PER_WORKER, math.ceil(len(items) / MAX_BLOCK_DOCS)))
    ds = ray.data.from_items(items, override_num_blocks=blocks)
    # same num_cpus on both maps so Ray Data fuses them: each actor chunks the documents it embeds
    ds = ds.map_batches(
        chunk_batch,
        batch_format="pyarrow",
        batch_size=None,
        num_cpus=per_actor,
        fn_kwargs={"chunk_words": settings.chunk_words, "overlap": settings.chunk_overlap, "dim": dim},
    )
    return ds.map_batches(
        # batch_size=None: one call per block; a row count here would bundle the *documents* of
        # many blocks into one call (the fused map batches its input), leaving other actors idle
        EmbedChunks, batch_format="pyarrow", batch_size=None, num_cpus=per_actor,
        compute=ray.data.ActorPoolStrategy(size=min(workers, blocks)),  # an actor without a block only costs
        fn_constructor_kwargs={"model": settings.embed_model, "dtype": settings.embed_dtype, "threads": threads,
                               "batch": settings.embed_batch},
    )  # fmt: skip


def chunk_batch(batch: Any, chunk_words: int, overlap: int, dim: int) -> Any:
    """Documents -> chunk rows (every column of the chunks table but the vector), via lance_store.chunk_rows."""
    import pyarrow as pa

    docs = [Document(doc_id=r["doc_id"], path="", text=r["text"], title=r["title"], outlet=r["outlet"], date=r["date"])
            for r in batch.to_pylist()]  # fmt: skip
    chunks = [c for d in docs for c in chunk_document(d, chunk_words, overlap)]
    rows = lance_store.chunk_rows(chunks, np.zeros((len(chunks), 1), np.float32), {d.doc_id: d for d in docs})
    schema = _without_vector(lance_store.schemas(dim)["chunks"])
    return pa.Table.from_pylist([{k: v for k, v in r.items() if k != "vector"} for r in rows], schema=schema)


def _without_vector(schema: Any) -> Any:
    return schema.remove(schema.get_field_index("vector"))


class EmbedChunks:
    """An embedding actor: one Embedder for its lifetime; adds the FixedSizeList<float32> vector
    column (LanceDB cannot search the tensor column Ray makes of numpy arrays)."""

    def __init__(self, model: str, dtype: str, threads: int, batch: int) -> None:
        from rag.embed import Embedder

        self.embedder = Embedder(model, dtype, threads)
        self.batch = batch

    def __call__(self, table: Any) -> Any:
        import pyarrow as pa

        vectors = self.embedder.encode(table.column("text").to_pylist(), self.batch)
        flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1), type=pa.float32())
        return table.append_column("vector", pa.FixedSizeListArray.from_arrays(flat, self.embedder.dim))
