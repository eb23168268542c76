"""The ``rag`` command line: ``rag index``, ``rag ask``, ``rag status`` (and ``rag eval``).

Heavy libraries are imported inside the commands so ``rag --help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rag.errors import RagError
from rag.settings import Settings


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index-dir", help="index directory (RAG_INDEX_DIR; default: ./index of the project)")
    parser.add_argument("--model", dest="model_path", help="GGUF generator file (RAG_MODEL_PATH)")
    parser.add_argument("--embed-model", help="embedding model id or directory (RAG_EMBED_MODEL)")
    parser.add_argument("--top-k", type=int, help="passages given to the generator (RAG_TOP_K)")
    parser.add_argument("--threads", dest="n_threads", type=int, help="generator threads (RAG_N_THREADS)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag",
        description="Cited question answering over a folder of news articles, fully offline.",
        epilog="Settings (environment variables; flags override them):\n" + Settings.describe(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    index = sub.add_parser("index", help="index files/folders (incremental; only changed files are re-embedded)")
    index.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (.txt .md .html); default: the sample corpus"
    )
    index.add_argument("--rebuild", action="store_true", help="ignore the existing index and rebuild from scratch")
    index.add_argument("--add", action="store_true", help="add to the index instead of making it match PATHS exactly")
    _common(index)
    ask = sub.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--json", action="store_true", help="print the whole Answer as JSON")
    _common(ask)
    status = sub.add_parser("status", help="show what the index holds")
    _common(status)
    evaluate = sub.add_parser("eval", help="evaluate over a question set and write a report")
    evaluate.add_argument(
        "--questions",
        type=Path,
        default=Path("eval/questions.jsonl"),
        help="JSONL rows {id, question, answerable, answers, gold_docs, category?}",
    )
    evaluate.add_argument(
        "--out", type=Path, default=Path("reports/latest"), help="folder for report.json, report.md and plots"
    )
    evaluate.add_argument("--limit", type=int, help="only the first N questions")
    evaluate.add_argument("--thresholds", type=Path, help="fail (exit 3) when a figure misses these thresholds (TOML)")
    evaluate.add_argument(
        "--answer-mode", choices=("auto", "extractive", "generate"), help="answer mode to evaluate (RAG_ANSWER_MODE)"
    )
    evaluate.add_argument("--no-verify", action="store_true", help="skip sentence verification (the naive baseline)")
    evaluate.add_argument(
        "--compare", type=Path, action="append", help="report.json (or its folder) of another run to put side by side"
    )
    evaluate.add_argument("--no-progress", action="store_true", help="no progress bar")
    evaluate.add_argument("--split", choices=("dev", "test", "all"), default="all", help="only this split's questions")
    evaluate.add_argument(
        "--dialogues", action="store_true", help="the questions file holds two-turn dialogues: score the follow-ups"
    )
    evaluate.add_argument(
        "--all-unanswerable",
        action="store_true",
        help="score every question as unanswerable (asked of an index of another corpus: cross-corpus abstention)",
    )
    evaluate.add_argument("--corpus", type=Path, help="folder the index is built from (RAG_CORPUS_DIR)")
    evaluate.add_argument("--rebuild", action="store_true", help="build the index from --corpus afresh first")
    _common(evaluate)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    names = ("index_dir", "model_path", "embed_model", "top_k", "n_threads")
    return Settings.load(**{n: getattr(args, n, None) for n in names})


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        settings = settings_from(args)
        return {"index": cmd_index, "ask": cmd_ask, "status": cmd_status, "eval": cmd_eval}[args.command](
            args, settings
        )
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from rag.embed import Embedder
    from rag.index import build_index

    embedder = Embedder(settings.embed_model, settings.embed_dtype, settings.embed_threads)
    paths = args.paths or [settings.corpus_dir]
    report = build_index(
        paths, settings, embedder, mode="add" if args.add else "sync", rebuild=args.rebuild, progress=True
    )
    for skipped in report.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    print(
        f"indexed {report.documents} documents, {report.chunks} chunks into {report.index_dir} "
        f"in {report.seconds:.1f}s "
        f"(embedded {len(report.embedded_documents)}, unchanged {len(report.reused_documents)}, "
        f"removed {len(report.removed_documents)}, skipped {len(report.skipped)})"
    )
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from rag.pipeline import Assistant, normalize_question

    question = normalize_question(args.question, settings.max_question_chars)  # fail fast, before loading models
    assistant = Assistant.load(settings)
    answer = assistant.ask(question)
    if args.json:
        print(json.dumps(asdict(answer), indent=2, ensure_ascii=False, default=str))
        return 0
    print(answer.text)
    if answer.citations:
        print("\nSources:")
    for c in answer.citations:
        where = ", ".join(p for p in (c.outlet, c.date) if p) or c.doc_id
        quote = " ".join(c.quote.split())
        print(f"  [{c.n}] {where} — {c.title} ({c.doc_id}, chars {c.start}-{c.end})\n      “{quote}”")
    if answer.abstained and answer.sources:
        print("\nNearest passages:")
        for i, hit in enumerate(answer.sources, start=1):
            print(f"  {i}. {hit.outlet or hit.chunk.doc_id}: {' '.join(hit.chunk.text.split())[:160]}…")
    for removed in answer.removed:
        print(f"\n(removed unsupported sentence: {removed.text} — {removed.reason})")
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from rag.store import read_generation

    stored = read_generation(settings.index_dir)
    manifest: dict[str, Any] = stored.manifest
    print(
        f"index {stored.path}: {len(stored.documents)} documents, {len(stored.chunks)} chunks, "
        f"model {manifest['embed_model']} (dim {manifest['dim']}), {manifest.get('index_type')} index, "
        f"built {manifest.get('built_at')}"
    )
    for doc in stored.documents.values():
        print(f"  {doc.doc_id}  {doc.outlet or '-':<16} {doc.date or '-':<10} {doc.title}")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from rag.evaluate import run_cli

    return run_cli(args, settings)


def entry() -> None:
    """The ``rag`` console script: :func:`main`, then an immediate exit.

    Tearing down torch/transformers at interpreter exit takes ~1.3 s after the answer is
    already printed (bench/cold_start.py); nothing needs it: index writes are committed and
    their files closed inside ``main``, and output is flushed here."""
    code = main()
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `rag ask ... | head`: the reader left, nothing more to say
        code = code or 1
    os._exit(code)


if __name__ == "__main__":
    entry()
