"""Ray Serve throughput: 1 replica (n_threads 2) against 2 replicas (n_threads 1 each).

One local Ray (all cores); each configuration is deployed with rag.serve_ray as ``rag serve
--engine ray`` would, warmed up (one answer per replica), then 8 concurrent clients ask 5
questions each (40 distinct questions from eval/questions.jsonl) over HTTP. Prints requests/s,
median and p95 latency per configuration, the CPU flags and the load average.

    .venv/bin/python bench/ray_serve.py [--clients 8] [--per-client 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, fmt, footer, header, questions, summary

TOKEN = Path.home() / ".ray" / "auth_token"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=5)
    args = parser.parse_args()
    header(f"Ray Serve /ask, {args.clients} concurrent clients x {args.per_client} questions, 1 vs 2 replicas")
    import ray

    token_existed, folder_existed = TOKEN.exists(), TOKEN.parent.exists()
    temp_dir = tempfile.mkdtemp(prefix="rt-", dir="/tmp")  # this run's Ray state, removed at the end
    index_dir = tempfile.mkdtemp(prefix="rag-bench-idx-")
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, _temp_dir=temp_dir, log_to_driver=False)
    try:
        for replicas in (1, 2):
            run(replicas, Path(index_dir), args.clients, args.per_client)
    finally:
        ray.shutdown()
        shutil.rmtree(temp_dir, ignore_errors=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        if not token_existed:  # this process ends now: no cached token left to break
            TOKEN.unlink(missing_ok=True)
        if not folder_existed and TOKEN.parent.exists() and not any(TOKEN.parent.iterdir()):
            TOKEN.parent.rmdir()
    footer()


def run(replicas: int, index_dir: Path, clients: int, per_client: int) -> None:
    import httpx
    from ray import serve

    from rag.serve_ray import run_serve, size_replicas
    from rag.settings import Settings

    settings = Settings.load(index_dir=index_dir, corpus_dir=ARTICLES, replicas=replicas, port=_free_port())
    sizing = size_replicas(settings, os.cpu_count() or 1)
    url = run_serve(settings, blocking=False)  # the index is built by the first configuration
    asked = [q["question"] for q in questions(clients * per_client)]
    with httpx.Client(base_url=url, timeout=600) as client:
        with ThreadPoolExecutor(replicas) as pool:  # warm up: one answer per replica, not measured
            list(pool.map(lambda q: client.post("/ask", json={"question": q}), asked[:replicas]))

        def one_client(i: int) -> list[tuple[float, int]]:
            out = []
            for question in asked[i * per_client : (i + 1) * per_client]:
                began = time.perf_counter()
                status = client.post("/ask", json={"question": question}).status_code
                out.append((time.perf_counter() - began, status))
            return out

        began = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            results = [r for rs in pool.map(one_client, range(clients)) for r in rs]
        wall = time.perf_counter() - began
    serve.shutdown()
    stats = summary([seconds for seconds, _ in results])
    failed = sum(status != 200 for _, status in results)
    print(
        f"{replicas} replica(s), n_threads {sizing.n_threads} each, num_cpus {sizing.num_cpus:g} each: "
        f"{len(results) / wall:5.2f} requests/s, median {fmt(stats['median'])}, p95 {fmt(stats['p95'])}, "
        f"{len(results)} requests in {wall:.1f} s, {failed} failed",
        flush=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    main()
