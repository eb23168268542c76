"""The ``rag`` command line: ``rag index``, ``rag ask``, ``rag docs``, ``rag serve``, ``rag status``, ``rag eval``.

Heavy libraries are imported inside the commands so ``rag --help`` is instant.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rag import cli_docs
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
        "paths", nargs="*", type=Path, help="files or folders (.txt .md .html .pdf .docx); default: the sample corpus"
    )
    index.add_argument("--rebuild", action="store_true", help="ignore the existing index and rebuild from scratch")
    index.add_argument("--add", action="store_true", help="add to the index instead of making it match PATHS exactly")
    index.add_argument("--store", choices=("faiss", "lance"), help="store of a new index (RAG_STORE; default faiss)")
    index.add_argument("--store-uri", help="LanceDB location: a folder or s3://bucket/prefix (RAG_STORE_URI)")
    index.add_argument("--engine", choices=("local", "ray"), help="index in this process or on Ray (RAG_ENGINE)")
    index.add_argument("--ray-address", help="Ray cluster address; empty starts Ray here (RAG_RAY_ADDRESS)")
    _common(index)
    ask = sub.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--json", action="store_true", help="print the whole Answer as JSON")
    ask.add_argument("--explain", action="store_true", help="also show the model's sentences that were removed")
    ask.add_argument("--outlet", action="append", help="only articles from this outlet (repeat for several)")
    ask.add_argument("--since", help="only articles published on or after this day (YYYY-MM-DD)")
    ask.add_argument("--until", help="only articles published on or before this day (YYYY-MM-DD)")
    ask.add_argument("--doc", action="append", help="only this document id (repeat for several)")
    ask.add_argument(
        "--local",
        action="store_true",
        help="answer in this process even if a `rag serve` runs (RAG_USE_SERVER=0)",
    )
    _common(ask)
    cli_docs.add_parser(sub, _common)
    serve = sub.add_parser("serve", help="HTTP API (FastAPI, OpenAPI docs at /docs) with the chat UI at /ui")
    serve.add_argument("--host", help="bind address (RAG_HOST; default 127.0.0.1, loopback only)")
    serve.add_argument("--port", type=int, help="port (RAG_PORT; default 8000)")
    serve.add_argument("--no-ui", action="store_true", help="the API only, without the chat UI")
    serve.add_argument("--engine", choices=("local", "ray"), help="answer in this process or on Ray Serve (RAG_ENGINE)")
    serve.add_argument("--replicas", type=int, help="Ray Serve replicas (RAG_REPLICAS)")
    serve.add_argument("--ray-address", help="Ray cluster address; empty starts Ray here (RAG_RAY_ADDRESS)")
    serve.add_argument("--models-dir", type=Path, help="folder of *.gguf models the UI may switch between")
    _common(serve)
    prepare = sub.add_parser("prepare", help="export the encoder to ONNX now (install does), so the first ask is fast")
    _common(prepare)
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
    names = (
        "index_dir", "model_path", "embed_model", "top_k", "n_threads", "host", "port",
        "store", "store_uri", "engine", "ray_address", "replicas",
    )  # fmt: skip
    return Settings.load(**{n: getattr(args, n, None) for n in names})


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        settings = settings_from(args)
        commands = {
            "index": cmd_index,
            "ask": cmd_ask,
            "docs": cli_docs.cmd_docs,
            "serve": cmd_serve,
            "status": cmd_status,
            "prepare": cmd_prepare,
            "eval": cmd_eval,
        }
        return commands[args.command](args, settings)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    paths = args.paths or [settings.corpus_dir]
    mode = "add" if args.add else "sync"
    if settings.engine == "ray":
        from rag.distributed import build_index_ray
        from rag.errors import SettingsError

        if settings.store != "lance":
            raise SettingsError("--engine ray writes a LanceDB store: add --store lance (and --store-uri for s3://)")
        report = build_index_ray(paths, settings, mode=mode, rebuild=args.rebuild, progress=True)
    else:
        from rag.backends import make_embedder
        from rag.index import build_index

        embedder = make_embedder(settings, "index")
        report = build_index(paths, settings, embedder, mode=mode, rebuild=args.rebuild, progress=True)
    cli_docs.print_report(report)
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from rag.filters import Filters
    from rag.pipeline import Assistant, normalize_question

    question = normalize_question(args.question, settings.max_question_chars)  # fail fast, before loading models
    filters = Filters.parse(outlets=args.outlet, since=args.since, until=args.until, doc_ids=args.doc)
    served = _ask_running_server(settings, question, filters) if settings.use_server and not args.local else None
    answered_by, answer = served or ("this process", None)
    if answer is None:
        answer = Assistant.load(settings).ask(question, filters=filters)
    if args.json:
        print(json.dumps(asdict(answer), indent=2, ensure_ascii=False, default=str))
        return 0
    print(answer.text)
    for part in answer.unanswered:
        print(f"The articles don't say: {part}")
    if answer.citations:
        print("\nSources:")
    for c in answer.citations:
        where = ", ".join(p for p in (c.outlet, c.date, f"p. {c.page}" if c.page else "") if p) or c.doc_id
        quote = " ".join(c.quote.split())
        print(f"  [{c.n}] {where} — {c.title} ({c.doc_id}, chars {c.start}-{c.end})\n      “{quote}”")
    if filters.active:
        print(f"\nFilters: {filters.describe()}")
    if answer.abstained and answer.sources:
        print("\nNearest passages:")
        for i, hit in enumerate(answer.sources, start=1):
            print(f"  {i}. {hit.outlet or hit.chunk.doc_id}: {' '.join(hit.chunk.text.split())[:160]}…")
    if args.explain:
        _explain(answer)
        print(f"Answered by: {answered_by}")
    return 0


def _ask_running_server(settings: Settings, question: str, filters: Any) -> tuple[str, Any] | None:
    """Who answered and the answer of a running `rag serve` with this index and these settings, or None (no such
    server, or it did not answer: the caller answers in-process). Errors about the question itself
    (a bad filter, say) are raised as they would be in-process."""
    from rag.discovery import find_server

    url = find_server(settings)
    if url is None:
        return None
    from rag.client import RemoteAssistant
    from rag.errors import ServerUnreachableError

    remote = RemoteAssistant(url, settings=settings)
    try:
        return f"rag serve at {url}", remote.ask(question, filters=filters)
    except ServerUnreachableError as exc:
        print(f"note: {exc}; answering in this process", file=sys.stderr)
        return None
    finally:
        remote.close()


def _explain(answer: Any) -> None:
    """How the answer was reached: what was searched, the confidence and the removed sentences."""
    print(f"\nSearched for: {answer.searched_for}\nConfidence: {answer.confidence:.2f} ({answer.mode})")
    for removed in answer.removed:
        print(f"Removed: {removed.text} — {removed.reason}")


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    if settings.engine == "ray":  # the same API on Ray Serve replicas (the UI is not mounted there)
        from rag.serve_ray import run_serve

        run_serve(settings, blocking=True)
        return 0
    from rag.pipeline import Assistant
    from rag.server import create_app, serve

    assistant = Assistant.load(settings, own_thread=True)  # requests arrive on many threads (rag.worker)
    current: list[Any] = [_Holder(assistant)]  # what answers; the UI's runtime once it is mounted
    ui_path = None if args.no_ui else "/ui"
    max_bytes = settings.max_upload_mb * 1024 * 1024
    app = create_app(
        lambda: current[0].assistant,
        ui_path=ui_path,
        max_upload_bytes=max_bytes,
        max_upload_files=settings.max_upload_files,
    )
    if ui_path:
        from ui.mount import mount_ui  # imports gradio only when the UI is wanted

        # the UI and the API share one assistant, so a model switch in the UI applies to both
        current[0] = mount_ui(app, assistant, ui_path, args.models_dir, max_bytes)
    chat = f", chat at {ui_path}" if ui_path else ""
    print(f"serving on http://{settings.host}:{settings.port} (API docs at /docs{chat})", flush=True)
    announced: list[Path] = []
    if not args.models_dir:  # the UI may switch models: then `rag ask` could not trust our answers to be its own
        from rag.discovery import announce, withdraw

        url = f"http://{_connectable(settings.host)}:{settings.port}"
        ready = lambda: announced.append(announce(settings, url))  # noqa: E731
        serve(app, settings.host, settings.port, on_ready=ready, on_stop=lambda: [withdraw(p) for p in announced])
        return 0
    serve(app, settings.host, settings.port)
    return 0


def _connectable(host: str) -> str:
    """An address a local client can connect to for a server bound to ``host``."""
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


class _Holder:
    def __init__(self, assistant: Any) -> None:
        self.assistant = assistant


def cmd_prepare(args: argparse.Namespace, settings: Settings) -> int:
    """Export (or check) the ONNX encoder the answer path uses; exit 1 when only torch works."""
    from rag.backends import make_embedder

    embedder = make_embedder(settings.with_(embed_backend="auto"), "query")
    runtime = {"openvino": "OpenVINO", "onnx": "ONNX Runtime"}.get(embedder.backend)
    if runtime is None:  # both runtimes failed on the export; make_embedder logged why
        print("encoder: torch (the ONNX export failed; see the warning above)")
        return 1
    print(f"encoder: {runtime} {embedder.dtype}, {embedder.dim} dims, exported in {embedder.folder}")
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from rag.backends import open_store

    stored = open_store(settings)
    manifest: dict[str, Any] = stored.manifest
    print(
        f"index {settings.index_dir} ({stored.kind}, {stored.generation}): {len(stored.documents)} documents, "
        f"{stored.n_chunks} chunks, model {manifest['embed_model']} (dim {manifest['dim']}), "
        f"built {manifest.get('built_at', '-')}"
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
    their files closed inside ``main``, and output is flushed here.

    A crash in native code (llama.cpp, OpenVINO, faiss) prints every thread's Python stack to
    stderr (:mod:`faulthandler`), so a user's report says which stage was running, not only
    "Segmentation fault"; stderr is unbuffered, so the stack survives the crash.

    For the same reason of no teardown, the models a command loads are never freed
    (:func:`rag.backends.keep_models_until_exit`): freeing them is where CI's gate crashed."""
    from rag.backends import keep_models_until_exit

    faulthandler.enable()
    keep_models_until_exit()
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
