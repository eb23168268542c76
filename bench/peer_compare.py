"""Ours vs the LlamaIndex peer, same work in the same run: indexing time (sample corpus and the
first N Wikipedia summaries) and per-answer latency, correctness and citation rate.

    .venv/bin/python bench/peer_compare.py [--limit N] [--wiki-docs N] [--peer-python /work/bench-venv/bin/python]

Each side runs in a fresh subprocess, ours first, then the peer's (see bench/peer_llamaindex.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, ROOT, cites, footer, header, is_correct, loadavg, percentile, questions
from indexing import write_wiki


def ours(out: Path, limit: int | None, wiki: Path | None) -> None:
    """Our side, run in a subprocess of the main .venv (mirrors bench/peer_llamaindex.py)."""
    t0 = time.perf_counter()
    from rag.backends import make_embedder
    from rag.generate import Generator
    from rag.index import build_index
    from rag.pipeline import Assistant
    from rag.settings import Settings
    from rag.store import read_generation

    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load(index_dir=Path(tmp) / "index")
        embedder = make_embedder(settings)  # as shipped: the exported encoder on OpenVINO (issue 14)
        generator = Generator(settings.model_path, settings.n_ctx, settings.n_threads, settings.seed)
        result["load"] = time.perf_counter() - t0
        if wiki:
            report = build_index([wiki], settings.with_(index_dir=Path(tmp) / "wiki"), embedder)
            result["wiki_index"] = {"seconds": report.seconds, "documents": report.documents, "chunks": report.chunks}
        report = build_index([ARTICLES], settings, embedder)
        result["sample_index"] = {"seconds": report.seconds, "documents": report.documents, "chunks": report.chunks}
        assistant = Assistant(settings, embedder, generator, read_generation(settings.index_dir))
        rows = []
        for q in questions(limit):
            answer = assistant.ask(q["question"])
            rows.append(
                {
                    "id": q["id"],
                    **answer.timings,
                    "correct": is_correct(q, answer.text, answer.abstained),
                    "cited": bool(answer.citations) or answer.abstained,
                    "raw_cites": cites(answer.raw_text),
                }
            )
        result["rows"] = rows
    out.write_text(json.dumps(result))


def show(name: str, side: dict) -> dict[str, float]:
    rows = side["rows"]
    rate = {k: sum(r[k] for r in rows) / len(rows) for k in ("correct", "cited", "raw_cites")}
    m = {k: statistics.median(r[k] for r in rows if k in r) for k in ("first_token", "total")}
    p95 = percentile([r["total"] for r in rows], 95)
    idx = side["sample_index"]
    wiki = side.get("wiki_index")
    wiki_s = f"; wiki {wiki['documents']} docs/{wiki['chunks']} chunks in {wiki['seconds']:.1f} s" if wiki else ""
    print(
        f"{name:<10} answers {len(rows)}: first token median {m['first_token']:.2f} s, total median "
        f"{m['total']:.2f} s (p95 {p95:.2f} s); correct {rate['correct']:.3f}, cited {rate['cited']:.3f}, "
        f"raw [n] {rate['raw_cites']:.3f}; "
        f"load {side['load']:.1f} s; sample index {idx['chunks']} chunks in {idx['seconds']:.2f} s{wiki_s}"
    )
    return {**m, "sample_index": idx["seconds"], "wiki_index": wiki["seconds"] if wiki else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--wiki-docs", type=int, default=0)
    parser.add_argument("--peer-python", default="/work/bench-venv/bin/python")
    parser.add_argument("--peer-default-omp", action="store_true", help="let the peer's OpenMP workers spin")
    parser.add_argument("--ours-worker", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--wiki-dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ours_worker:
        ours(args.ours_worker, args.limit, args.wiki_dir)
        return
    header("ours vs LlamaIndex CitationQueryEngine")
    limit = ["--limit", str(args.limit)] if args.limit else []
    with tempfile.TemporaryDirectory() as tmp:
        wiki = []
        if args.wiki_docs:
            write_wiki(Path(tmp) / "wiki", args.wiki_docs)
            wiki = ["--wiki-dir", str(Path(tmp) / "wiki")]
        out_ours, out_peer = Path(tmp) / "ours.json", Path(tmp) / "peer.json"
        subprocess.run([sys.executable, __file__, "--ours-worker", str(out_ours), *limit, *wiki], check=True, cwd=ROOT)
        print(f"# ours done, loadavg {loadavg()}", flush=True)
        peer_script = str(Path(__file__).with_name("peer_llamaindex.py"))
        # the same OpenMP wait policy as ours (rag sets PASSIVE + a 30k spin), unless --peer-default-omp
        env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
        if not args.peer_default_omp:
            env.update(OMP_WAIT_POLICY="PASSIVE", GOMP_SPINCOUNT="30000")
        peer_cmd = [args.peer_python, peer_script, "--out", str(out_peer), *limit, *wiki]
        subprocess.run(peer_cmd, check=True, cwd=ROOT, env=env)
        a, b = show("ours", json.loads(out_ours.read_text())), show("llamaindex", json.loads(out_peer.read_text()))
    for key in ("first_token", "total", "sample_index", "wiki_index"):
        print(f"ratio ours/peer {key:<12} {a[key] / b[key]:.3f}  (peer/ours {b[key] / a[key]:.1f}x)")
    footer()


if __name__ == "__main__":
    main()
