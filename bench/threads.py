"""Thread pools on 2 cores: llama.cpp (n_threads for decode, n_threads_batch for the prompt)
and torch (embedder), alone and at the same time, with OpenMP workers that spin (the
default) or sleep (OMP_WAIT_POLICY=PASSIVE, what rag/generate.py and rag/embed.py set).

Every configuration is a fresh subprocess (OpenMP reads its environment once).

    .venv/bin/python bench/threads.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, footer, header, loadavg

CHILD = r"""
import json, statistics, sys, threading, time
llama_t, batch_t, torch_t, repeats = map(int, sys.argv[1:5])
from rag.embed import Embedder
from rag.generate import Generator
emb = Embedder(threads=torch_t)
gen = Generator(n_threads=llama_t, n_threads_batch=batch_t, cache_prefix=False)
texts = [("The missiles have a range of about 300 kilometres, officials said on Tuesday. " * 7)] * 64
system = "You answer questions about news articles using ONLY the numbered passages. " * 3
# three one-sentence passages: the size of the shipped prompt (prompt_sentences = 3)
passages = "\n".join(f"[{i}] " + "Ukraine used ATACMS missiles against targets in Kursk region overnight. " * 2
                     for i in range(1, 4))
messages = [{"role": "system", "content": system}, {"role": "user", "content": passages + "\nQuestion: What?"}]
n_prompt = len(gen._prepare(messages)[0])

def answer():
    t0 = time.perf_counter(); first = None; n = 0
    for _ in gen.llm.create_completion(prompt=gen._prepare(messages)[0], max_tokens=48, temperature=0, top_k=1,
                                       stream=True):
        first = first or time.perf_counter() - t0; n += 1
    total = time.perf_counter() - t0
    return first, (n - 1) / max(1e-9, total - first)

def embed():
    t0 = time.perf_counter(); emb.encode(texts, 64); return len(texts) / (time.perf_counter() - t0)

answer(); embed()
alone = [answer() for _ in range(repeats)]
emb_alone = [embed() for _ in range(repeats)]
both_answer, both_embed = [], []
for _ in range(repeats):
    worker = threading.Thread(target=lambda: both_embed.append(embed()))
    worker.start(); both_answer.append(answer()); worker.join()
med = statistics.median
print(json.dumps({"n_prompt": n_prompt, "ttft": med(a[0] for a in alone), "decode_tps": med(a[1] for a in alone),
    "embed_cps": med(emb_alone), "both_ttft": med(a[0] for a in both_answer),
    "both_decode_tps": med(a[1] for a in both_answer), "both_embed_cps": med(both_embed)}))
"""

CONFIGS = [  # (OMP_WAIT_POLICY, llama n_threads, n_threads_batch, torch threads)
    ("", 2, 2, 2),
    ("PASSIVE", 2, 2, 2),
    ("PASSIVE", 1, 2, 2),
    ("PASSIVE", 2, 1, 2),
    ("PASSIVE", 1, 1, 1),
    ("PASSIVE", 2, 2, 1),
]


def run(policy: str, llama_t: int, batch_t: int, torch_t: int, repeats: int) -> dict:
    # rag sets GOMP_SPINCOUNT=30000 unless it is set; empty means libgomp's own default (spin ~300k)
    env = {**os.environ, "OMP_WAIT_POLICY": policy, "GOMP_SPINCOUNT": "30000" if policy else ""}
    args = [str(x) for x in (llama_t, batch_t, torch_t, repeats)]
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1, help="repeat the whole sweep (median over rounds)")
    args = parser.parse_args()
    header("thread pools and OpenMP wait policy")
    results: dict[tuple, list[dict]] = {c: [] for c in CONFIGS}
    for _ in range(args.rounds):
        for config in CONFIGS:
            results[config].append({**run(*config, args.repeats), "loadavg": loadavg()})
    base = None
    for (policy, lt, bt, tt), runs in results.items():
        m = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "loadavg"}
        base = base or m
        print(
            f"OMP_WAIT_POLICY={policy or 'default':<8} llama {lt}/{bt} (decode/batch) torch {tt}: "
            f"alone: TTFT {m['ttft'] * 1000:6.0f} ms ({int(m['n_prompt'])}-token prompt), decode "
            f"{m['decode_tps']:5.1f} tok/s, embed {m['embed_cps']:5.1f} chunks/s | concurrently: TTFT "
            f"{m['both_ttft'] * 1000:6.0f} ms, decode {m['both_decode_tps']:5.1f} tok/s, embed "
            f"{m['both_embed_cps']:5.1f} chunks/s | TTFT {m['ttft'] / base['ttft']:.2f}x of first row; "
            f"loadavg {' | '.join(r['loadavg'] for r in runs)}",
            flush=True,
        )
    footer()


if __name__ == "__main__":
    main()
