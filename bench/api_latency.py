"""HTTP API overhead: ``POST /ask`` against the in-process ``Assistant.ask``, in one run.

One process loads the assistant once, as ``rag serve`` does (on its own model thread,
rag/worker.py; the index is built there too), and serves it with uvicorn on 127.0.0.1 (the
API of ``rag serve``, without the UI). Each question is then asked both ways, alternating
which goes first, so caches and background load hit both alike. Prints medians, p95 and the
ratio, plus the CPU's flags. The answers must be identical (same model, greedy decoding).

    .venv/bin/python bench/api_latency.py [--limit 40] [--repeats 2]
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, fmt, footer, header, questions, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    header(f"HTTP API /ask against in-process ask, {args.limit} questions x {args.repeats}")
    import httpx
    import uvicorn

    from rag import Assistant, Settings
    from rag.server import create_app

    with tempfile.TemporaryDirectory() as tmp:
        # the index is built on the model thread too: the thread that first runs torch/OpenMP
        # work is the fast one (rag/worker.py)
        settings = Settings.load(index_dir=Path(tmp) / "idx", corpus_dir=ARTICLES)
        # one assistant, loaded as `rag serve` loads it (own model thread): asked in-process and over HTTP
        assistant = Assistant.load(settings, own_thread=True)
        port = _free_port()
        app = create_app(lambda: assistant, max_upload_bytes=10 << 20, max_upload_files=20)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        local, remote, mismatched = [], [], 0
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            for round_no in range(args.repeats):
                for i, q in enumerate(questions(args.limit)):
                    order = ("local", "http") if (i + round_no) % 2 == 0 else ("http", "local")
                    texts = {}
                    for way in order:
                        began = time.perf_counter()
                        if way == "local":
                            texts[way] = assistant.ask(q["question"]).text
                            local.append(time.perf_counter() - began)
                        else:
                            texts[way] = client.post("/ask", json={"question": q["question"]}).json()["text"]
                            remote.append(time.perf_counter() - began)
                    mismatched += texts["local"] != texts["http"]
        server.should_exit = True
    a, b = summary(local), summary(remote)
    print(f"in-process ask : median {fmt(a['median'])}  p95 {fmt(a['p95'])}  (n={len(local)})")
    print(f"HTTP POST /ask : median {fmt(b['median'])}  p95 {fmt(b['p95'])}  (n={len(remote)})")
    print(f"ratio http/local (median): {b['median'] / a['median']:.3f}; overhead {fmt(b['median'] - a['median'])}")
    print(f"answers that differed between the two ways: {mismatched}")
    footer()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    main()
