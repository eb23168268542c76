"""Answer latency over the eval questions: retrieval, time to first token, total (median, p95).

Each configuration runs in its own fresh subprocess (OpenMP reads its environment once), and
configurations alternate over ``--repeats`` rounds so that a burst of load from other
processes hits all of them alike. "baseline" is the generator and prompt as they were before
issue 7 (spinning OpenMP threads, no warm-up, no prefix cache, extra buffer types off, whole
passages in the prompt, answers up to max_tokens); "tuned" is the shipped default; the other
configurations change one thing each (see CONFIGS).

    .venv/bin/python bench/answer_latency.py [--limit N] [--repeats R] [--configs baseline,tuned]
    git worktree add /tmp/before REV && .venv/bin/python bench/answer_latency.py --configs before,tuned \
        --before-tree /tmp/before    # an earlier commit's default against today's, in one run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ARTICLES, ROOT, cites, fmt, footer, header, is_correct, loadavg, questions, summary

# name -> (environment, Generator keyword arguments, Settings overrides)
CONFIGS: dict[str, tuple[dict[str, str], dict, dict]] = {
    "baseline": (
        {"OMP_WAIT_POLICY": "", "GOMP_SPINCOUNT": ""},  # set but empty: rag keeps them, libgomp uses its defaults
        {"extra_bufts": "off", "cache_prefix": False, "warmup": False},
        {"prompt_sentences": 0, "one_paragraph": False},
    ),
    "tuned": ({}, {}, {}),
    "tuned-1thread": ({}, {}, {"n_threads": 1, "embed_threads": 1}),
    "spin": ({"OMP_WAIT_POLICY": "", "GOMP_SPINCOUNT": ""}, {}, {}),
    "passive-nospin": ({"GOMP_SPINCOUNT": "0"}, {}, {}),
    "nocache": ({}, {"cache_prefix": False}, {}),
    "max64": ({}, {}, {"max_tokens": 64}),
    # the prompt before the sentence focus: whole passages, answers up to max_tokens
    "passages": ({}, {}, {"prompt_sentences": 0, "one_paragraph": False}),
    "sentences6": ({}, {}, {"prompt_sentences": 6}),
    "nommap": ({}, {"use_mmap": False}, {}),
    "nowarmup": ({}, {"warmup": False}, {}),
    "fp32": ({}, {}, {"embed_dtype": "fp32"}),
    "torch": ({}, {}, {"embed_backend": "torch"}),  # the encoder on torch, as before issue 14
    "onnx": ({}, {}, {"embed_backend": "onnx"}),  # ONNX Runtime fp32 (auto picks OpenVINO first)
    "ovfp32": ({}, {}, {"embed_backend": "openvino", "embed_dtype": "fp32"}),
    "ortspin": ({"RAG_ORT_SPIN": "1"}, {}, {"embed_backend": "onnx"}),  # ONNX Runtime's workers spin between calls
    "flash": ({}, {"flash_attn": True}, {}),  # llama.cpp's flash attention for prompt and decode
}


def rss_mb() -> float:
    """This process's peak RSS (VmHWM: ru_maxrss would include the bench process it was forked from)."""
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def worker(config: str, limit: int | None, index_dir: Path, model: str, out: Path) -> None:
    began = time.perf_counter()
    from rag.backends import make_embedder
    from rag.generate import Generator
    from rag.index import build_index
    from rag.pipeline import Assistant
    from rag.settings import Settings
    from rag.store import read_generation

    _, gen_kwargs, overrides = CONFIGS[config]
    settings = Settings.load(index_dir=index_dir, model_path=model, **overrides)
    embedder = make_embedder(settings)  # the answer path's encoder (ONNX Runtime unless embed_backend=torch)
    if not (index_dir / "CURRENT").exists():
        build_index([ARTICLES], settings, make_embedder(settings, "index"))
    generator = Generator(settings.model_path, settings.n_ctx, settings.n_threads, settings.seed, **gen_kwargs)
    assistant = Assistant(settings, embedder, generator, read_generation(index_dir))
    load_s = time.perf_counter() - began
    rows = []
    for q in questions(limit):
        t0 = time.perf_counter()
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_majflt
        answer = assistant.ask(q["question"])
        rows.append(
            {
                "id": q["id"],
                "wall": time.perf_counter() - t0,
                # pages read from disk while answering (mapped weights evicted and re-read would show here)
                "major_faults": resource.getrusage(resource.RUSAGE_SELF).ru_majflt - faults,
                **answer.timings,
                "correct": is_correct(q, answer.text, answer.abstained),
                "cited": bool(answer.citations) or answer.abstained,
                "raw_cites": cites(answer.raw_text),
                "raw": answer.raw_text,
            }
        )
        # written after every answer, so a run cut short by --timeout still reports what it did
        out.write_text(
            json.dumps({"config": config, "load": load_s, "rows": rows, "loadavg": loadavg(), "rss_mb": rss_mb()})
        )


def run_config(config: str, args: argparse.Namespace, index_dir: Path) -> dict:
    """One fresh process answering the questions with ``config``; "before" is the shipped
    default ("tuned") of the checkout in ``--before-tree`` (its own code and index)."""
    tree = Path(args.before_tree) if config == "before" else ROOT
    env_changes, _, _ = CONFIGS["tuned" if config == "before" else config]
    env = {**os.environ, **env_changes}
    if config == "before":  # its own rag package first, not the editable install of this checkout
        env["PYTHONPATH"] = str(tree)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    worker_config, worker_index = config, index_dir
    if config == "before":
        worker_config, worker_index = "tuned", index_dir.with_name(index_dir.name + "-before")
    cmd = [sys.executable, str(tree / "bench" / "answer_latency.py"), "--worker", worker_config]
    cmd += ["--index-dir", str(worker_index), "--out", str(out)]
    cmd += ["--model", args.model] + (["--limit", str(args.limit)] if args.limit else [])
    try:
        subprocess.run(cmd, env=env, check=True, cwd=tree, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print(f"# {config}: stopped after --timeout {args.timeout} s; reporting the answers it finished")
    result = json.loads(out.read_text() or '{"rows": [], "load": 0, "loadavg": ""}')
    result["config"] = config
    out.unlink()
    return result


def report(results: dict[str, list[dict]], base: str) -> None:
    stats = {}
    for config, runs in results.items():
        rows = [r for run in runs for r in run["rows"]]
        if not rows:
            print(f"\n{config}: no answer finished")
            continue
        stats[config] = {k: summary([r[k] for r in rows if k in r]) for k in ("retrieval", "first_token", "total")}
        n = len(rows)
        print(
            f"\n{config}: {n} answers over {len(runs)} run(s); load time {min(r['load'] for r in runs):.2f} s; "
            f"loadavg during runs: {' | '.join(r['loadavg'] for r in runs)}"
        )
        for key, s in stats[config].items():
            ratio = ""
            if config != base and base in stats and stats[base][key]["median"]:
                ratio = f"  ({s['median'] / stats[base][key]['median']:.2f}x of {base} median)"
            print(f"  {key:<12} median {fmt(s['median'])}  p95 {fmt(s['p95'])}  n={s['n']}{ratio}")
        first = [run["rows"][0]["total"] for run in runs if run["rows"]]
        correct = sum(r["correct"] for r in rows) / n
        cited = sum(r["cited"] for r in rows) / n
        raw_cited = sum(r["raw_cites"] for r in rows) / n
        faults = sum(r.get("major_faults", 0) for r in rows)
        print(
            f"  first answer after load: {fmt(min(first))}; correct {correct:.3f}; cited {cited:.3f}; "
            f"raw [n] {raw_cited:.3f}; major page faults while answering {faults}; "
            f"peak RSS {max(run.get('rss_mb', 0) for run in runs):.0f} MB"
        )
    if base in results:
        base_raw = {r["id"]: r["raw"] for r in results[base][0]["rows"]}
        for config, runs in results.items():
            pairs = [(base_raw[r["id"]], r["raw"]) for r in runs[0]["rows"] if r["id"] in base_raw]
            same = sum(a == b for a, b in pairs)
            print(f"  {config}: raw model output identical to {base} for {same}/{len(pairs)} questions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--configs", default="baseline,tuned")
    parser.add_argument(
        "--before-tree",
        default=None,
        help="a checkout of an earlier commit (git worktree add DIR REV): adds config 'before', its shipped default",
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--model", default="", help="GGUF file (default: the bundled SmolLM2-135M)")
    parser.add_argument("--index-dir", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed per configuration run")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.limit, args.index_dir, args.model, args.out)
        return
    header("answer latency")
    configs = args.configs.split(",")
    if "before" in configs and not args.before_tree:
        parser.error("config 'before' needs --before-tree DIR (a checkout of the earlier commit)")
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index_dir or Path(tmp) / "index"
        results: dict[str, list[dict]] = {c: [] for c in configs}
        for _ in range(args.repeats):
            for config in configs:
                results[config].append(run_config(config, args, index_dir))
        report(results, configs[0])
    footer()


if __name__ == "__main__":
    main()
