"""Cold start: process start -> first answer, by phase, and peak resident memory (ru_maxrss).

Every repeat is a fresh subprocess; the index is built once beforehand (index build time is
measured by bench/indexing.py). Two ways in, both timed from the moment the process is spawned:

- ``api``: ``Assistant.load(...)`` then ``ask`` — what the UI and the Python API do; phases
  are imports, load (models and index) and the first answer. ``baseline`` loads the stages
  one after another with the pre-issue-7 generator, as in bench/answer_latency.py.
- ``cli``: ``rag ask QUESTION`` — until the answer is on stdout, and until the shell gets the
  prompt back (the process has exited); modes (issue 14): ``torch`` (the encoder on torch, as
  before issue 14), ``onnx`` (in-process, ONNX Runtime encoder), ``auto`` (in-process, as shipped:
  OpenVINO), ``warm`` (through a running ``rag serve`` of the same index, started before the runs).

    .venv/bin/python bench/cold_start.py [--repeats 5] [--configs baseline,tuned] [--cli-modes torch,onnx,auto,warm]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, ROOT, footer, header, loadavg, questions
from answer_latency import CONFIGS

CHILD = """
import json, sys, time
t0 = time.time()


def hwm_mb():  # this process's peak RSS; ru_maxrss would include the bench process it was forked from
    line = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


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
                  "maxrss_mb": hwm_mb()}), flush=True)
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


CLI_MODES = {  # how `rag ask` runs: (extra flags, environment changes)
    "torch": (["--local"], {"RAG_EMBED_BACKEND": "torch"}),  # before issue 14: torch + sentence-transformers
    "onnx": (["--local"], {"RAG_EMBED_BACKEND": "onnx"}),  # in-process, ONNX Runtime encoder
    "auto": (["--local"], {}),  # in-process, as shipped (OpenVINO, bf16 where the CPU has it)
    "warm": ([], {}),  # through the running `rag serve` of the same index
}


def once_cli(index_dir: Path, question: str, mode: str = "onnx") -> dict:
    """``rag ask``: seconds until the answer's first line is printed and until the process exits,
    and the process's peak RSS (GNU time)."""
    flags, env_changes = CLI_MODES[mode]
    rag = Path(sys.executable).parent / "rag"
    peak = tempfile.NamedTemporaryFile(suffix=".rss")
    # GNU time reports the process's own peak RSS (a child forked from this big bench process would
    # report this process's RSS instead)
    timer = ["/usr/bin/time", "-f", "%M", "-o", peak.name]
    spawned = time.time()
    proc = subprocess.Popen(
        [*timer, str(rag), "ask", "--index-dir", str(index_dir), *flags, question],
        cwd=ROOT,
        env={**os.environ, **env_changes},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    first_line = proc.stdout.readline()
    printed = time.time()
    proc.stdout.read()
    proc.wait()
    exited = time.time()
    if proc.returncode != 0 or not first_line.strip():
        raise RuntimeError(f"rag ask failed (exit {proc.returncode}): {first_line!r}")
    maxrss_mb = int(Path(peak.name).read_text().split()[-1]) / 1024
    return {"to_answer": printed - spawned, "to_exit": exited - spawned, "maxrss_mb": maxrss_mb, "loadavg": loadavg()}


@contextlib.contextmanager
def warm_server(index_dir: Path) -> Iterator[None]:
    """`rag serve --no-ui` on a free loopback port for ``index_dir`` until the block ends."""
    from rag.discovery import server_file
    from rag.settings import Settings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    rag = Path(sys.executable).parent / "rag"
    command = [str(rag), "serve", "--no-ui", "--index-dir", str(index_dir), "--port", str(port)]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    record = server_file(Settings.load(index_dir=index_dir))
    try:
        deadline = time.time() + 180
        while not record.exists():
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("rag serve did not start")
            time.sleep(0.2)
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="tuned", help="Assistant.load configurations (bench/answer_latency.py)")
    parser.add_argument("--cli-modes", default="torch,onnx,auto,warm", help=f"`rag ask` modes: {','.join(CLI_MODES)}")
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
        modes = [] if args.no_cli else args.cli_modes.split(",")
        cli: dict[str, list[dict]] = {m: [] for m in modes}
        with warm_server(index_dir) if "warm" in modes else contextlib.nullcontext():
            for _ in range(args.repeats):  # configurations alternate so load bursts hit all alike
                for config in configs:
                    runs[config].append(once_api(config, index_dir, question))
                for mode in modes:
                    cli[mode].append(once_cli(index_dir, question, mode))
    base = median(runs[configs[0]], "to_answer")
    for config, rows in runs.items():
        phases = ", ".join(f"{k} {median(rows, k):.2f} s" for k in ("interpreter", "imports", "load", "first_answer"))
        print(
            f"api {config}: spawn -> first answer {median(rows, 'to_answer'):.2f} s median of {len(rows)} "
            f"({median(rows, 'to_answer') / base:.2f}x of {configs[0]}); {phases}; process exit at "
            f"{median(rows, 'to_exit'):.2f} s; peak RSS {median(rows, 'maxrss_mb'):.0f} MB; "
            f"loadavg {' | '.join(r['loadavg'] for r in rows)}"
        )
    base_cli = median(cli[modes[0]], "to_answer") if modes else 1.0
    for mode, rows in cli.items():
        print(
            f"cli `rag ask` {mode}: answer printed {median(rows, 'to_answer'):.2f} s "
            f"({median(rows, 'to_answer') / base_cli:.2f}x of {modes[0]}), process exit "
            f"{median(rows, 'to_exit'):.2f} s after spawn, median of {len(rows)}; peak RSS of the `rag ask` process "
            f"{median(rows, 'maxrss_mb'):.0f} MB; loadavg {' | '.join(r['loadavg'] for r in rows)}"
        )
    footer()


if __name__ == "__main__":
    main()
