"""Write an evaluation :class:`~rag.evaluate.Report` as report.json, report.md and PNG plots."""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from rag.evaluate import Report
    from rag.pipeline import Assistant

LABELS = {
    "answer_correctness": "Answer correctness (answerable)",
    "overall_accuracy": "Overall accuracy (all; unanswerable = abstained)",
    "retrieval_recall_at_k": "Retrieval doc recall@k",
    "retrieval_mrr_at_10": "Retrieval MRR@10",
    "marker_validity": "Citation marker + quote validity",
    "citation_recall": "Citation recall (ALCE)",
    "citation_precision": "Citation precision (ALCE)",
    "abstention_rate": "Abstention on unanswerable",
    "false_refusal_rate": "False refusal on answerable (lower is better)",
    "accuracy_at_60_coverage": "Accuracy among the 60% answered most confidently",
    "judge_accuracy": "Judge accuracy on judge_pairs",
}
PLOTS = ("correctness_by_category.png", "latency.png", "coverage_accuracy.png")


def to_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON-able data (also what ``--compare`` reads back)."""
    data = asdict(report)
    for result in data["results"]:
        result["question"]["answers"] = [list(g) for g in result["question"]["answers"]]
    return data


def provenance(assistant: Assistant) -> dict[str, Any]:
    """Index fingerprint, model sha256, prompt hash, git commit and every setting of the evaluated assistant."""
    settings = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(assistant.settings).items()}
    return {**assistant.provenance(), "git_commit": _git_commit(), "settings": settings}


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head}{' (uncommitted changes)' if dirty else ''}"


def write_report(report: Report, out_dir: Path, compare: list[dict[str, Any]] | None = None) -> Path:
    """Write report.json, report.md and the plots into ``out_dir`` (created); return it."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = to_json(report)
    (out / "report.json").write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    (out / "report.md").write_text(markdown(data, compare or []), encoding="utf-8")
    plot_all(data, out)
    return out


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _rate_cells(rate: dict[str, Any]) -> str:
    interval = "—" if rate["low"] is None else f"{rate['low']:.1%} – {rate['high']:.1%}"
    return f"{_pct(rate['value'])} | {interval} | {rate['n']}"


def _secs(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def run_label(data: dict[str, Any]) -> str:
    meta = data.get("meta", {})
    return f"{meta.get('answer_mode', '?')}{'' if meta.get('verify', True) else ' --no-verify'}"


def headline_lines(report: Report) -> list[str]:
    """A short plain-text summary for the terminal."""
    lines = [f"{report.meta.get('questions')} questions, {run_label(to_json(report))}, {report.meta.get('seconds')} s"]
    for name, rate in report.figures.items():
        lines.append(f"  {LABELS.get(name, name):<50} {_pct(rate.value):>7}  (n={rate.n})")
    total = report.latency.get("total", {})
    lines.append(f"  {'Latency total median / p95':<50} {_secs(total.get('median'))} / {_secs(total.get('p95'))}")
    return lines


def markdown(data: dict[str, Any], compare: list[dict[str, Any]]) -> str:
    meta = data["meta"]
    parts = [
        "# Evaluation report\n",
        f"{meta['questions']} questions from `{meta.get('questions_file', '?')}`, answer mode **{run_label(data)}**, "
        f"top_k {meta['top_k']}, {meta['seconds']} s, finished {meta['finished_at']}.\n",
        "## Headline figures\n",
        "Rates with a bootstrap 95% interval (2000 resamples, fixed seed) over n items.\n",
        "| Figure | Value | 95% interval | n |",
        "|---|---|---|---|",
        *[f"| {LABELS.get(name, name)} | {_rate_cells(rate)} |" for name, rate in data["figures"].items()],
        "",
        *_latency_md(data),
        *_categories_md(data),
        *_compare_md(data, compare),
        *_curve_md(data),
        *_judge_md(data),
        *_provenance_md(data),
        *_failures_md(data),
    ]
    return "\n".join(parts) + "\n"


def _latency_md(data: dict[str, Any]) -> list[str]:
    rows = [
        f"| {stage} | {_secs(s['median'])} | {_secs(s['p95'])} | {s['n']} |" for stage, s in data["latency"].items()
    ]
    return ["## Latency\n", "| Stage | Median | p95 | n |", "|---|---|---|---|", *rows, "", "![latency](latency.png)\n"]


def _categories_md(data: dict[str, Any]) -> list[str]:
    rows = [f"| {name} | {_rate_cells(rate)} |" for name, rate in data["categories"].items()]
    return [
        "## Correctness by category\n",
        "For `unanswerable` rows correct means the assistant abstained.\n",
        "| Category | Correct | 95% interval | n |",
        "|---|---|---|---|",
        *rows,
        "",
        "![correctness by category](correctness_by_category.png)\n",
    ]


def _compare_md(data: dict[str, Any], compare: list[dict[str, Any]]) -> list[str]:
    if not compare:
        return []
    runs = [data, *compare]
    header = "| Figure | " + " | ".join(f"{run_label(r)} (this run)" if r is data else run_label(r) for r in runs)
    rows = []
    for name in data["figures"]:
        cells = [_pct(r["figures"].get(name, {}).get("value")) for r in runs]
        rows.append(f"| {LABELS.get(name, name)} | " + " | ".join(cells) + " |")
    for stage in ("first_token", "total"):
        cells = [_secs(r["latency"].get(stage, {}).get("median")) for r in runs]
        rows.append(f"| Latency {stage} median | " + " | ".join(cells) + " |")
    return ["## Comparison\n", header + " |", "|---" * (len(runs) + 1) + "|", *rows, ""]


def _curve_md(data: dict[str, Any]) -> list[str]:
    points = data["curve"]
    if not points:
        return []
    step = max(1, len(points) // 8)
    shown = points[::step] + ([points[-1]] if (len(points) - 1) % step else [])
    rows = [f"| {p['threshold']:.3f} | {p['coverage']:.1%} | {_pct(p['accuracy'])} | {p['answered']} |" for p in shown]
    op = points[0]
    return [
        "## Coverage vs accuracy\n",
        "Answer only when `answer.confidence` (the calibrated probability that the answer sentence answers "
        "the question) ≥ threshold, and the assistant did not abstain; accuracy among the answered, where "
        "answering an unanswerable question counts as wrong.\n",
        f"Operating point (the assistant as shipped, marked on the plot): threshold "
        f"{data['provenance'].get('answer_threshold', '?')}, coverage {op['coverage']:.1%}, "
        f"accuracy {_pct(op['accuracy'])} ({op['answered']} answered).\n",
        "| Threshold | Coverage | Accuracy | Answered |",
        "|---|---|---|---|",
        *rows,
        "",
        "![coverage vs accuracy](coverage_accuracy.png)\n",
    ]


def _judge_md(data: dict[str, Any]) -> list[str]:
    judge = data.get("judge") or {}
    if not judge:
        return []
    kinds = [f"| {kind} | {acc:.1%} |" for kind, acc in judge["by_kind"].items()]
    wrong = ", ".join(f"{w['id']} ({w['kind']})" for w in judge["wrong"]) or "none"
    return [
        "## Support judge\n",
        f"Agreement with `{judge['file']}`: {_rate_cells(judge['accuracy'])} (value | interval | n).\n",
        "| Kind | Accuracy |",
        "|---|---|",
        *kinds,
        "",
        f"Disagreements: {wrong}.\n",
    ]


def _provenance_md(data: dict[str, Any]) -> list[str]:
    prov = dict(data["provenance"])
    settings = prov.pop("settings", {})
    lines = ["## Provenance\n", *[f"- {k}: `{v}`" for k, v in prov.items()]]
    lines.append(f"- questions file sha256: `{data['meta'].get('questions_sha256', '?')}`")
    lines.append("- settings: " + ", ".join(f"`{k}={v}`" for k, v in settings.items()))
    return [*lines, ""]


def _failures_md(data: dict[str, Any]) -> list[str]:
    failed = [r for r in data["results"] if not r["correct"] or r["marker_problems"]]
    lines = [f"## Failed questions ({len(failed)})\n"]
    for r in failed:
        q = r["question"]
        expected = " AND ".join(" / ".join(f"“{a}”" for a in g) for g in q["answers"]) or "(abstain: unanswerable)"
        lines += [
            f"### {q['id']} [{q['category']}] {q['question']}\n",
            f"- expected: {expected}; gold docs: {', '.join(q['gold_docs']) or '—'}",
            f"- got ({r['mode']}, confidence {r['confidence']:.3f}): {r['error'] or r['answer']}",
            f"- retrieved docs: {', '.join(dict.fromkeys(r['source_docs'])) or '—'}",
        ]
        lines += [f"- marker problem: {p}" for p in r["marker_problems"]]
        lines += [f"- unsupported by its citations: {s}" for s in r["unsupported_sentences"]]
        lines += [f"- removed by the verifier: {s}" for s in r["removed_sentences"]]
        lines.append("")
    return lines


def plot_all(data: dict[str, Any], out: Path) -> None:
    """The three PNG plots (matplotlib, Agg: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _plot_categories(plt, data, out / PLOTS[0])
    _plot_latency(plt, data, out / PLOTS[1])
    _plot_curve(plt, data, out / PLOTS[2])


def _plot_categories(plt: Any, data: dict[str, Any], path: Path) -> None:
    names = list(data["categories"])
    rates = [data["categories"][n] for n in names]
    values = [r["value"] or 0.0 for r in rates]
    errors = [[v - (r["low"] or v) for v, r in zip(values, rates, strict=True)],
              [(r["high"] or v) - v for v, r in zip(values, rates, strict=True)]]  # fmt: skip
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar(names, values, yerr=errors, capsize=4, color="#4477aa")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share correct (95% CI)")
    ax.set_title(f"Correctness by category — {run_label(data)}")
    for i, r in enumerate(rates):
        ax.text(i, 0.02, f"n={r['n']}", ha="center", color="white", fontsize=8)
    ax.tick_params(axis="x", labelrotation=30)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _plot_latency(plt: Any, data: dict[str, Any], path: Path) -> None:
    stages = ("retrieval", "first_token", "total")
    series = {s: [r["timings"][s] for r in data["results"] if s in r["timings"]] for s in stages}
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.5))
    for ax, stage in zip(axes, stages, strict=True):
        values = series[stage]
        if values:
            ax.hist(values, bins=20, color="#228833")
            summary = data["latency"][stage]
            ax.axvline(summary["median"], color="black", linestyle="--", label="median")
            ax.axvline(summary["p95"], color="red", linestyle=":", label="p95")
            ax.legend(fontsize=8)
        ax.set_title(f"{stage} (n={len(values)})")
        ax.set_xlabel("seconds")
    fig.suptitle(f"Latency — {run_label(data)}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _plot_curve(plt: Any, data: dict[str, Any], path: Path) -> None:
    points = [p for p in data["curve"] if p["accuracy"] is not None]
    fig, ax = plt.subplots(figsize=(5.5, 4))
    if points:
        ax.plot([p["coverage"] for p in points], [p["accuracy"] for p in points], marker=".", color="#aa3377")
        op = points[0]  # the lowest threshold: every answer the assistant gave
        ax.plot([op["coverage"]], [op["accuracy"]], marker="*", markersize=14, color="#228833", label="operating point")
        ax.legend(loc="lower left")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("coverage (share of questions answered)")
    ax.set_ylabel("accuracy among answered")
    ax.set_title(f"Coverage vs accuracy — {run_label(data)}")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
