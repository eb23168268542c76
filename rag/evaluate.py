"""Batch evaluation: run a question set through the same :class:`Assistant` the UI uses and score it.

``evaluate(assistant, questions)`` returns a :class:`Report`; ``rag.report.write_report`` writes
report.json, report.md and the plots; ``run_cli`` is ``rag eval``. The metric definitions live in
:mod:`rag.metrics` (pure functions).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag import metrics
from rag.cite import markers_of, split_sentences
from rag.conversation import Conversation
from rag.errors import RagError
from rag.judge import judge
from rag.questions import (
    EvalInputError,
    Question,
    as_unanswerable,
    load_dialogues,
    load_questions,
    select,
)
from rag.records import Answer
from rag.report import provenance

__all__ = [
    "EvalInputError", "Question", "QuestionResult", "Report", "check_thresholds", "evaluate", "load_questions",
    "load_thresholds", "run_cli", "summarize",
]  # fmt: skip
from rag.settings import PROJECT_ROOT, Settings
from rag.text import without_attribution

if TYPE_CHECKING:
    from rag.pipeline import Assistant

DEFAULT_JUDGE_PAIRS = PROJECT_ROOT / "eval" / "judge_pairs.jsonl"
EXIT_BELOW_THRESHOLD = 3
MRR_DEPTH = 10
COVERAGE_POINT = 0.6  # accuracy among the answered is reported at this coverage (issue 11's target)


@dataclass
class QuestionResult:
    question: Question
    answer: str
    abstained: bool
    mode: str
    confidence: float
    correct: bool
    source_docs: list[str]
    recall_at_k: float | None
    reciprocal_rank: float | None
    marker_problems: list[str]
    citation_recall: float | None  # None when abstained (nothing to cite)
    citation_precision: float | None
    unsupported_sentences: list[str]
    removed_sentences: list[str]
    timings: dict[str, float]
    error: str = ""


@dataclass
class Report:
    figures: dict[str, metrics.Rate]
    categories: dict[str, metrics.Rate]
    latency: dict[str, dict[str, Any]]
    curve: list[metrics.CurvePoint]
    judge: dict[str, Any]
    provenance: dict[str, Any]
    results: list[QuestionResult]
    meta: dict[str, Any] = field(default_factory=dict)

    def flat(self) -> dict[str, float | None]:
        """Every headline figure and latency statistic by one name (what thresholds refer to)."""
        values: dict[str, float | None] = {name: rate.value for name, rate in self.figures.items()}
        for stage, summary in self.latency.items():
            values[f"latency_{stage}_median_s"] = summary["median"]
            values[f"latency_{stage}_p95_s"] = summary["p95"]
        return values


# -- scoring one answer ----------------------------------------------------------------


class Similarity:
    """Cosine similarity with the assistant's embedder, caching each text's vector."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.cache: dict[str, Any] = {}

    def __call__(self, a: str, b: str) -> float:
        missing = [t for t in dict.fromkeys((a, b)) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embedder.encode(missing), strict=True))
        return float(self.cache[a] @ self.cache[b])


def score_answer(
    q: Question, answer: Answer, ranked_docs: Sequence[str], documents: dict[str, str], supports: metrics.Judge
) -> QuestionResult:
    """Every per-question figure for one answer (``ranked_docs``: doc ids of the top-10 search)."""
    source_docs = [h.chunk.doc_id for h in answer.sources]
    cites = [(c.n, c.doc_id, c.start, c.end, c.quote) for c in answer.citations]
    scores = None
    if not answer.abstained:
        passage = {c.n: _passage(answer, c.chunk_id) for c in answer.citations}
        sentences = [
            (without_attribution(s), [passage[n] for n in markers_of(s) if passage.get(n)])
            for s in split_sentences(answer.text)
        ]
        scores = metrics.alce_scores(sentences, supports)
    return QuestionResult(
        question=q,
        answer=answer.text,
        abstained=answer.abstained,
        mode=answer.mode,
        confidence=answer.confidence if isinstance(answer.confidence, int | float) else 0.0,
        correct=metrics.is_correct(answer.text, answer.abstained, q.answerable, q.answers),
        source_docs=source_docs,
        recall_at_k=metrics.doc_recall(source_docs, q.gold_docs, len(source_docs)),
        reciprocal_rank=metrics.reciprocal_rank(ranked_docs, q.gold_docs, MRR_DEPTH),
        marker_problems=[] if answer.abstained else metrics.marker_problems(answer.text, cites, documents),
        citation_recall=scores.recall if scores else None,
        citation_precision=scores.precision if scores else None,
        unsupported_sentences=list(scores.unsupported) if scores else [],
        removed_sentences=[f"{v.text} — {v.reason}" for v in answer.removed],
        timings=dict(answer.timings),
    )


def _passage(answer: Answer, chunk_id: str) -> str:
    return next((h.chunk.text for h in answer.sources if h.chunk.chunk_id == chunk_id), "")


# -- the whole run ---------------------------------------------------------------------


def evaluate(
    assistant: Assistant,
    questions: Sequence[Question],
    *,
    judge_pairs: Path | None = DEFAULT_JUDGE_PAIRS,
    progress: bool = True,
) -> Report:
    """Ask every question (no history: each stands alone) and score the answers."""
    from tqdm import tqdm

    similarity = Similarity(assistant.embedder)

    def supports(sentence: str, passage: str) -> bool:
        return judge(sentence, passage, similarity).supported

    documents = {doc_id: doc.text for doc_id, doc in assistant.index.documents.items()}
    s = assistant.settings
    source = provenance(assistant)  # before the run: the code and index that answer the questions
    began = time.perf_counter()
    results = []
    for q in tqdm(questions, desc="eval", unit="q", disable=not progress, file=sys.stderr):
        try:
            answer = assistant.ask(q.question, conversation=_conversation(assistant, q))
        except RagError as exc:  # one bad question must not sink the run; it is reported as a failure
            results.append(_failed(q, str(exc)))
            continue
        ranked = [h.chunk.doc_id for h in assistant.retriever.search(q.question, MRR_DEPTH, s.candidates, s.rrf_k)]
        results.append(score_answer(q, answer, ranked, documents, supports))
    report = summarize(results)
    report.judge = judge_accuracy(judge_pairs, similarity) if judge_pairs and Path(judge_pairs).exists() else {}
    if report.judge:
        report.figures["judge_accuracy"] = report.judge["accuracy"]
    report.provenance = source
    report.meta = {
        "questions": len(questions),
        "top_k": s.top_k,
        "answer_mode": s.answer_mode,
        "verify": s.verify,
        "seconds": round(time.perf_counter() - began, 1),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    return report


def _conversation(assistant: Assistant, q: Question) -> Conversation | None:
    """For a dialogue's follow-up: the conversation after its first question was answered."""
    if not q.earlier:
        return None
    return Conversation().add(q.earlier, assistant.ask(q.earlier))


def _failed(q: Question, error: str) -> QuestionResult:
    return QuestionResult(q, "", False, "error", 0.0, False, [], None, None, [], None, None, [], [], {}, error)


def summarize(results: Sequence[QuestionResult]) -> Report:
    """Headline rates (bootstrap intervals), per-category correctness, latency and the coverage curve."""
    answerable = [r for r in results if r.question.answerable]
    unanswerable = [r for r in results if not r.question.answerable]
    answered = [r for r in results if not r.abstained and not r.error]

    def rate(values: list[Any]) -> metrics.Rate:
        return metrics.bootstrap_rate([float(v) for v in values if v is not None])

    figures = {
        "answer_correctness": rate([r.correct for r in answerable]),
        "overall_accuracy": rate([r.correct for r in results]),
        "retrieval_recall_at_k": rate([r.recall_at_k for r in answerable]),
        "retrieval_mrr_at_10": rate([r.reciprocal_rank for r in answerable]),
        "marker_validity": rate([not r.marker_problems for r in answered]),
        "citation_recall": rate([r.citation_recall for r in answered]),
        "citation_precision": rate([r.citation_precision for r in answered]),
        "abstention_rate": rate([r.abstained for r in unanswerable]),
        "false_refusal_rate": rate([r.abstained for r in answerable]),
        "accuracy_at_60_coverage": rate(_most_confident(answered, len(results), COVERAGE_POINT)),
    }
    by_category: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        by_category[r.question.category].append(r.correct)
    latency = {
        stage: metrics.latency_summary([r.timings[stage] for r in results if stage in r.timings])
        for stage in ("retrieval", "first_token", "total")
    }
    curve = metrics.coverage_curve([(r.confidence, not r.abstained and not r.error, r.correct) for r in results])
    categories = {name: rate(values) for name, values in sorted(by_category.items())}
    return Report(figures, categories, latency, curve, {}, {}, list(results))


def _most_confident(answered: Sequence[QuestionResult], total: int, coverage: float) -> list[bool]:
    """Correctness of the ``coverage`` share of all questions answered most confidently; empty
    when the assistant answered fewer than that (the point is not on its curve)."""
    needed = math.ceil(coverage * total)
    if needed == 0 or len(answered) < needed:
        return []
    return [r.correct for r in sorted(answered, key=lambda r: -r.confidence)[:needed]]


def judge_accuracy(path: Path, similarity: Callable[[str, str], float]) -> dict[str, Any]:
    """How often the offline judge agrees with the hand labels in ``path`` (overall and per kind)."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    agree: dict[str, list[bool]] = defaultdict(list)
    wrong = []
    for row in rows:
        verdict = judge(row["sentence"], row["passage"], similarity)
        ok = verdict.supported == bool(row["supported"])
        agree[row.get("kind", "all")].append(ok)
        if not ok:
            wrong.append({"id": row.get("id", ""), "kind": row.get("kind", ""), "reason": verdict.reason})
    every = [ok for oks in agree.values() for ok in oks]
    return {
        "file": str(path),
        "accuracy": metrics.bootstrap_rate(every),
        "by_kind": {kind: sum(oks) / len(oks) for kind, oks in sorted(agree.items())},
        "wrong": wrong,
    }


# -- thresholds (the CI gate) ----------------------------------------------------------


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    """``[min]`` and ``[max]`` tables of figure name → bound, from a TOML file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalInputError(f"cannot read thresholds {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise EvalInputError(f"thresholds {path}: {exc}") from exc
    unknown = set(data) - {"min", "max"}
    if unknown:
        raise EvalInputError(f"thresholds {path}: unknown table(s) {sorted(unknown)}; use [min] and [max]")
    for table in data.values():
        for name, bound in table.items():
            if not isinstance(bound, int | float) or isinstance(bound, bool):
                raise EvalInputError(f"thresholds {path}: {name} must be a number")
    return {"min": dict(data.get("min", {})), "max": dict(data.get("max", {}))}


def check_thresholds(report: Report, thresholds: dict[str, dict[str, float]]) -> list[str]:
    """One line per figure outside its bound (a figure that could not be measured fails too)."""
    values = report.flat()
    failures = []
    for kind, table in thresholds.items():
        for name, bound in table.items():
            value = values.get(name, "unknown")
            if value == "unknown":
                failures.append(f"{name}: no such figure (known: {', '.join(sorted(values))})")
            elif value is None:
                failures.append(f"{name}: not measured (no items), {kind} {bound}")
            elif (kind == "min" and value < bound - 1e-9) or (kind == "max" and value > bound + 1e-9):
                word = "below" if kind == "min" else "above"
                failures.append(f"{name} = {value:.4g} is {word} the threshold {bound:g}")
    return failures


def run_cli(args: argparse.Namespace, settings: Settings) -> int:
    """``rag eval``: evaluate, write the report, and apply the thresholds gate (exit 3)."""
    from rag.pipeline import Assistant
    from rag.report import headline_lines, write_report

    questions = load_dialogues(args.questions) if args.dialogues else load_questions(args.questions)
    questions = select(questions, args.split)  # fail fast, before loading models
    if args.all_unanswerable:
        questions = as_unanswerable(questions)
    if args.limit is not None:
        if args.limit < 1:
            raise EvalInputError(f"--limit must be at least 1, not {args.limit}")
        questions = questions[: args.limit]
    thresholds = load_thresholds(args.thresholds) if args.thresholds else None
    compare = [_read_report(p) for p in args.compare or []]
    if args.answer_mode:
        settings = settings.with_(answer_mode=args.answer_mode)
    if args.no_verify:
        settings = settings.with_(verify=False)
    if args.corpus:
        settings = settings.with_(corpus_dir=Path(args.corpus))
    if args.rebuild:
        from rag.backends import make_embedder
        from rag.index import build_index

        embedder = make_embedder(settings, "index")
        build_index([settings.corpus_dir], settings, embedder, rebuild=True)
    assistant = Assistant.load(settings)
    report = evaluate(assistant, questions, progress=not args.no_progress)
    report.meta["questions_file"] = str(args.questions)
    report.meta["split"] = args.split
    report.meta["index_dir"] = str(settings.index_dir)
    report.meta["questions_sha256"] = hashlib.sha256(Path(args.questions).read_bytes()).hexdigest()
    out = write_report(report, args.out, compare=compare)
    print("\n".join(headline_lines(report)))
    print(f"report written to {out / 'report.md'}")
    if thresholds is None:
        return 0
    failures = check_thresholds(report, thresholds)
    for line in failures:
        print(f"threshold not met: {line}", file=sys.stderr)
    if failures:
        return EXIT_BELOW_THRESHOLD
    print(f"all thresholds in {args.thresholds} met")
    return 0


def _read_report(path: Path) -> dict[str, Any]:
    path = Path(path)
    path = path / "report.json" if path.is_dir() else path
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalInputError(f"cannot read report to compare {path}: {exc}") from exc
