"""Cold start: process start -> first answer, by phase, and peak resident memory (ru_maxrss).

Every repeat is a fresh subprocess; the index is built once beforehand (index build time is
measured by bench/indexing.py). Two ways in, both timed from the moment the process is spawned:

- ``api``: ``Assistant.load(...)`` then ``ask`` — what the UI and the Python API do; phases
  are imports, load (models and index) and the first answer. ``baseline`` loads the stages
  one after another with the pre-issue-7 generator, as in bench/answer_latency.py.
- ``cli``: ``rag ask QUESTION`` — until the answer is on stdout, and until the shell gets the
  prompt back (the process has exited).

    .venv/bin/python bench/cold_start.py [--repeats 5] [--configs baseline,tuned] [--no-cli]
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
t0 = time.time()
from rag.pipeline import Assistant
from rag.settings import Settings
t1 = time.time()
index_dir, gen_kwargs, overrides, question = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
settings = Settings.load(index_dir=index_dir, **overrides)
if gen_kwargs:  # the pre-issue-7 path: stages one after another, generator options as given
    from rag.embed import Embedder
    from rag.generate import Generator
    from rag.store import read_generation
    embedder = Embedder(settings.embed_model, settings.embed_dtype, settings.embed_threads)
    index = read_generation(settings.index_dir)
    generator = Generator(settings.model_path, settings.n_ctx, settings.n_threads, settings.seed, **gen_kwargs)
    assistant = Assistant(settings, embedder, generator, index)
else:
    assistant = Assistant.load(settings)
t2 = time.time()
answer = assistant.ask(question)
t3 = time.time()
print(json.dumps({"started": t0, "imports": t1 - t0, "load": t2 - t1, "first_answer": t3 - t2, "answer_at": t3,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
"""


def build(index_dir: Path) -> None:
    from rag.embed import Embedder
    from rag.index import build_index
    from rag.settings import Settings

    build_index([ARTICLES], Settings.load(index_dir=index_dir), Embedder())


def once_api(config: str, index_dir: Path, question: str) -> dict:
    env_changes, gen_kwargs, overrides = CONFIGS[config]
    args = [str(index_dir), json.dumps(gen_kwargs), json.dumps(overrides), question]
    spawned = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        env={**os.environ, **env_changes},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    exited = time.time()
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update(
        to_answer=result["answer_at"] - spawned, to_exit=exited - spawned, interpreter=result["started"] - spawned
    )
    result["loadavg"] = loadavg()
    return result


def once_cli(index_dir: Path, question: str) -> dict:
    """``rag ask``: seconds until the answer's first line is printed and until the process exits."""
    rag = Path(sys.executable).parent / "rag"
    spawned = time.time()
    proc = subprocess.Popen(
        [str(rag), "ask", "--index-dir", str(index_dir), question],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    first_line = proc.stdout.readline()
    printed = time.time()
    proc.stdout.read()
    code = proc.wait()
    exited = time.time()
    if code != 0 or not first_line.strip():
        raise RuntimeError(f"rag ask failed (exit {code}): {first_line!r}")
    return {"to_answer": printed - spawned, "to_exit": exited - spawned, "loadavg": loadavg()}


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="baseline,tuned")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-cli", action="store_true", help="skip the `rag ask` measurement")
    args = parser.parse_args()
    header("cold start")
    question = questions(1)[0]["question"]
    configs = args.configs.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        build(index_dir)
        runs: dict[str, list[dict]] = {c: [] for c in configs}
        cli: list[dict] = []
        for _ in range(args.repeats):  # configurations alternate so load bursts hit all alike
            for config in configs:
                runs[config].append(once_api(config, index_dir, question))
            if not args.no_cli:
                cli.append(once_cli(index_dir, question))
    base = median(runs[configs[0]], "to_answer")
    for config, rows in runs.items():
        phases = ", ".join(f"{k} {median(rows, k):.2f} s" for k in ("interpreter", "imports", "load", "first_answer"))
        print(
            f"api {config}: spawn -> first answer {median(rows, 'to_answer'):.2f} s median of {len(rows)} "
            f"({median(rows, 'to_answer') / base:.2f}x of {configs[0]}); {phases}; process exit at "
            f"{median(rows, 'to_exit'):.2f} s; peak RSS {median(rows, 'maxrss_mb'):.0f} MB; "
            f"loadavg {' | '.join(r['loadavg'] for r in rows)}"
        )
    if cli:
        print(
            f"cli `rag ask`: answer printed {median(cli, 'to_answer'):.2f} s, process exit "
            f"{median(cli, 'to_exit'):.2f} s after spawn, median of {len(cli)}; "
            f"loadavg {' | '.join(r['loadavg'] for r in cli)}"
        )
    footer()


if __name__ == "__main__":
    main()
