"""Cold start: process start -> first answer, by phase, and peak resident memory (ru_maxrss).

Every repeat is a fresh subprocess; the index is built once beforehand (index build time is
measured by bench/indexing.py). Configurations as in bench/answer_latency.py.

    .venv/bin/python bench/cold_start.py [--repeats 5] [--configs baseline,tuned]
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
from _common import ARTICLES, ROOT, footer, header, loadavg, questions
from answer_latency import CONFIGS

CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from rag.embed import Embedder
from rag.generate import Generator
from rag.pipeline import Assistant
from rag.settings import Settings
from rag.store import read_generation
t1 = time.perf_counter()
gen_kwargs, overrides = json.loads(sys.argv[2]), json.loads(sys.argv[3])
settings = Settings.load(index_dir=sys.argv[1], **overrides)
embedder = Embedder(settings.embed_model, settings.embed_dtype, settings.embed_threads)
t2 = time.perf_counter()
index = read_generation(settings.index_dir)
t3 = time.perf_counter()
generator = Generator(settings.model_path, settings.n_ctx, settings.n_threads, settings.seed, **gen_kwargs)
t4 = time.perf_counter()
assistant = Assistant(settings, embedder, generator, index)
answer = assistant.ask(sys.argv[4])
t5 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "embedder": t2 - t1, "index": t3 - t2, "generator": t4 - t3,
                  "first_answer": t5 - t4, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build(index_dir: Path) -> None:
    from rag.embed import Embedder
    from rag.index import build_index
    from rag.settings import Settings

    build_index([ARTICLES], Settings.load(index_dir=index_dir), Embedder())


def once(config: str, index_dir: Path, question: str) -> dict:
    env_changes, gen_kwargs, overrides = CONFIGS[config]
    args = [str(index_dir), json.dumps(gen_kwargs), json.dumps(overrides), question]
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        env={**os.environ, **env_changes},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_total"] = time.perf_counter() - began
    result["loadavg"] = loadavg()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="baseline,tuned")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    header("cold start")
    question = questions(1)[0]["question"]
    configs = args.configs.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        build(index_dir)
        runs: dict[str, list[dict]] = {c: [] for c in configs}
        for _ in range(args.repeats):
            for config in configs:
                runs[config].append(once(config, index_dir, question))
    base = configs[0]
    base_total = statistics.median(r["process_total"] for r in runs[base])
    for config, rows in runs.items():
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0] if k != "loadavg"}
        phases = ", ".join(f"{k} {med[k]:.2f} s" for k in ("imports", "embedder", "index", "generator", "first_answer"))
        print(
            f"{config}: process start -> first answer {med['process_total']:.2f} s median of {len(rows)} "
            f"({med['process_total'] / base_total:.2f}x of {base}); {phases}; peak RSS {med['maxrss_mb']:.0f} MB; "
            f"loadavg {' | '.join(r['loadavg'] for r in rows)}"
        )
    footer()


if __name__ == "__main__":
    main()
