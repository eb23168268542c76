"""Chat UI: streamed answers with clickable citations and highlighted sources.

    python app.py                    # http://127.0.0.1:7860 (the launcher next to this package)
    rag serve                        # the same UI, mounted in the HTTP API server
    python app.py --port 8000 --index-dir ~/my-index --models-dir ~/models

The index and models are loaded once at start-up; every browser tab gets its own
conversation, kept in the browser's storage so it survives a reload (``ui.chats``), and
exportable as Markdown or JSON. The Library tab lists, removes and re-indexes documents
(``ui.library``); the sidebar's filters limit questions by outlet, date or document.
Host and port also come from RAG_UI_HOST / RAG_UI_PORT.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # offline: no telemetry calls
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import gradio as gr

from rag import Assistant, Conversation, RagError, Settings
from ui import chats, layout, library, render
from ui.chat import FilterInputs, ask
from ui.layout import EXAMPLES, MAX_UPLOAD_MB
from ui.runtime import BUNDLED_MODEL, Runtime, model_choices
from ui.uploads import stage_uploads

__all__ = [  # what `from ui.app import *` (the app.py launcher) re-exports
    "BUNDLED_MODEL", "EXAMPLES", "MAX_UPLOAD_MB", "UI_DIR", "Runtime", "ask", "build_ui", "clear", "main",
    "model_choices", "parse_args", "switch_model", "upload",
]  # fmt: skip

log = logging.getLogger("rag.app")
UI_DIR = Path(__file__).resolve().parent  # style.css and cite.js


# -- handlers -------------------------------------------------------------------------
def upload(rt: Runtime, files: list[str] | None, progress: gr.Progress) -> tuple[Any, str, str]:
    """Copy uploads into the uploads folder and index them; bad files are reported, not fatal."""
    if not files:
        return None, rt.status(), ""
    progress(0.05, desc="Checking and copying the files")
    staged = stage_uploads(list(files), rt.uploads_dir, rt.max_upload_bytes)
    skipped = list(staged.rejected)
    added: list[str] = []
    seconds = None
    if staged.accepted:
        progress(0.15, desc=f"Indexing {len(staged.accepted)} file(s)")
        with rt.write_lock:
            try:
                report = rt.assistant.add_documents(staged.accepted, progress=True)
            except RagError as exc:
                return None, rt.status(), render.error_html(f"Indexing failed: {exc}")
        bad = {Path(s.path).name: s.reason for s in report.skipped}
        skipped += list(bad.items())
        added = [p.name for p in staged.accepted if p.name not in bad]
        seconds = report.seconds
    return None, rt.status(), render.upload_report_html(added, skipped, seconds)


def switch_model(rt: Runtime, label: str) -> tuple[str, str]:
    """Load another allowed GGUF model; answers already streaming finish on the old one."""
    if label not in rt.models:
        return rt.status(), render.error_html(f"{label!r} is not one of the allowed models")
    if label == rt.model_label():
        return rt.status(), ""
    with rt.write_lock:
        try:
            rt.assistant = Assistant.load(rt.assistant.settings, model_path=rt.models[label], own_thread=True)
        except RagError as exc:
            return rt.status(), render.error_html(f"Model not changed: {exc}")
    return rt.status(), f'<div class="note">Now answering with {render.esc(label)}.</div>'


def clear() -> tuple[list[Any], str, str, Conversation, list[tuple[str, str]]]:
    return [], render.sources_panel([]), "", Conversation(), []


def storage_secret(rt: Runtime) -> str:
    """The key the browser encrypts the saved chat with. Gradio sends it to the page, so it hides
    nothing from the page itself; being stable per index, it keeps a saved chat readable after a
    restart of the app, and a chat saved against another index is not restored into this one."""
    index_dir = str(Path(rt.assistant.settings.index_dir).resolve())
    return hashlib.sha256(f"rag-chat:{index_dir}".encode()).hexdigest()[:32]


# -- layout ---------------------------------------------------------------------------
# Gradio's cache keeps every file an event returned (the export downloads, refreshed after each
# answer): swept daily of files older than a week, so an export button left open for days still works.
CACHE_SWEEP = (24 * 3600, 7 * 24 * 3600)


def build_ui(rt: Runtime) -> gr.Blocks:
    with gr.Blocks(title="Cited answers over your articles", delete_cache=CACHE_SWEEP) as demo:
        talk: dict[str, Any] = {
            "past": gr.State(Conversation()),  # one conversation per tab
            "turns": gr.State([]),
            "saved": gr.BrowserState(chats.empty_saved(), storage_key=chats.STORAGE_KEY, secret=storage_secret(rt)),
        }
        side = layout.sidebar(rt)
        gr.Markdown("## Cited answers over your articles\nEvery sentence cites its passage — click a `[n]`.")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("Chat", id="chat-tab", elem_id="chat-tab"):
                talk |= layout.chat_tab()
            with gr.Tab("Library", id="library-tab", elem_id="library-tab") as library_tab:
                lib = layout.library_tab(rt)
        refresh = _wire_library(rt, lib, side, library_tab)
        _wire_chat(rt, talk, side)
        _wire_sidebar(rt, side, refresh)
        demo.load(**refresh, api_visibility="private", queue=False)  # documents may have changed since start-up
        demo.load(
            lambda data: chats.restore(rt, data),
            talk["saved"],
            [talk["chat"], talk["sources"], talk["past"], talk["turns"]],
            api_visibility="private",
            queue=False,
        ).then(**_persist(talk))
    return demo


def _persist(talk: dict[str, Any]) -> dict[str, Any]:
    """The step after every change of the chat: save it in the browser, refresh the exports."""
    return {
        "fn": chats.persist,
        "inputs": talk["past"],
        "outputs": [talk["saved"], talk["export_md"], talk["export_json"]],
        "api_visibility": "private",
        "queue": False,
    }


def _wire_chat(rt: Runtime, talk: dict[str, Any], side: dict[str, Any]) -> None:
    """Ask (button, Enter, examples) and New chat; each saves the chat afterwards."""

    def ask_fn(  # the parameter names are the /ask API's
        question: str,
        chat: list,
        top_k: float,
        temperature: float,
        outlets: list[str] | None,
        since: str | None,
        until: str | None,
        doc_ids: list[str] | None,
        past: Conversation,
        turns: list,
    ) -> Any:
        chosen = FilterInputs(outlets, since, until, doc_ids)
        yield from ask(rt, question, chat, top_k, temperature, chosen, past, turns)

    chat, msg, past, turns = talk["chat"], talk["msg"], talk["past"], talk["turns"]
    filters = [side["outlets"], side["since"], side["until"], side["docs"]]
    io = {
        "inputs": [msg, chat, side["top_k"], side["temperature"], *filters, past, turns],
        "outputs": [chat, talk["sources"], msg, past, turns],
    }
    opts = {"concurrency_id": "answer", "concurrency_limit": 2, "show_progress": "minimal"}
    keep = _persist(talk)
    talk["send"].click(ask_fn, api_name="ask", **io, **opts).then(**keep)
    msg.submit(ask_fn, api_visibility="private", **io, **opts).then(**keep)
    for button, question in zip(talk["examples"], EXAMPLES, strict=True):
        button.click(lambda q=question: q, outputs=msg, api_visibility="private", queue=False).then(
            ask_fn, api_visibility="private", **io, **opts
        ).then(**keep)
    talk["reset"].click(clear, outputs=io["outputs"], api_visibility="private", queue=False).then(**keep)


def _wire_library(rt: Runtime, lib: dict[str, Any], side: dict[str, Any], tab: gr.Tab) -> dict[str, Any]:
    """Paging, choosing, removing and re-indexing; returns the refresh step (fn, inputs, outputs)
    that re-renders everything showing the set of documents."""

    def view_fn(page: float, doc_id: str | None) -> tuple[Any, ...]:
        return library.view(rt, page, doc_id)

    def remove_fn(doc_id: str | None, page: float) -> tuple[Any, ...]:
        return library.remove(rt, doc_id, page)

    def reindex_fn(doc_id: str | None, page: float) -> tuple[Any, ...]:
        return library.reindex(rt, doc_id, page)

    views = [lib["table"], lib["page_info"], lib["page"], lib["pick"], side["outlets"], side["docs"], side["status"]]
    lib_in = [lib["page"], lib["pick"]]
    quick = {"api_visibility": "private", "queue": False}
    tab.select(view_fn, lib_in, views, api_name="library", queue=False)  # fresh whenever it is opened
    lib["prev"].click(lambda p, d: view_fn(p - 1, d), lib_in, views, **quick)
    lib["next"].click(lambda p, d: view_fn(p + 1, d), lib_in, views, **quick)
    lib["table"].select(library.pick_row, None, lib["pick"], **quick)
    lib["pick"].change(lambda d: library.details(rt, d), lib["pick"], lib["details"], **quick)
    change = {"inputs": [lib["pick"], lib["page"]], "outputs": [lib["note"], *views], "concurrency_limit": 1}
    lib["remove"].click(remove_fn, api_name="remove_document", **change)
    lib["reindex"].click(reindex_fn, api_name="reindex_document", **change)
    return {"fn": view_fn, "inputs": lib_in, "outputs": views}


def _wire_sidebar(rt: Runtime, side: dict[str, Any], refresh: dict[str, Any]) -> None:
    """Uploads (then the library views refresh) and the model switch."""

    def upload_fn(paths: list[str] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> Any:  # noqa: B008
        return upload(rt, paths, progress)

    files = side["files"]
    files.upload(
        upload_fn, files, [files, side["status"], side["upload_report"]], api_name="upload", concurrency_limit=1
    ).then(**refresh, api_visibility="private", queue=False)
    side["model"].change(
        lambda label: switch_model(rt, label),
        side["model"],
        [side["status"], side["model_note"]],
        api_name="switch_model",
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Chat with your articles: cited, verified answers in the browser.")
    parser.add_argument("--host", default=os.environ.get("RAG_UI_HOST", "127.0.0.1"), help="default 127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RAG_UI_PORT", "7860")), help="default 7860")
    parser.add_argument("--index-dir", help="index directory (default RAG_INDEX_DIR or ./index)")
    parser.add_argument("--model", help="GGUF generator file (default RAG_MODEL_PATH or the bundled SmolLM2)")
    parser.add_argument("--models-dir", type=Path, help="folder of *.gguf models the UI may switch between")
    parser.add_argument("--max-upload-mb", type=int, default=MAX_UPLOAD_MB, help="per-file upload limit")
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    parser.add_argument(
        "--api-url",
        default=os.environ.get("RAG_API_URL") or None,
        help="answer through this running HTTP API (rag serve) instead of loading the models here (RAG_API_URL)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # gradio's own start-up probes
    try:
        if args.api_url:  # the API's model answers: nothing is loaded here, no other model can be chosen
            from rag.client import RemoteAssistant

            assistant: Any = RemoteAssistant(args.api_url)
            models = {assistant.status()["generator_model"]: assistant.settings.model_path}
        else:
            settings = Settings.load(index_dir=args.index_dir, model_path=args.model)
            print(f"Loading the index in {settings.index_dir} and the models (once)…", flush=True)
            assistant = Assistant.load(settings, own_thread=True)  # requests arrive on many threads
            models = model_choices(assistant.settings.model_path, args.models_dir)
    except RagError as exc:
        raise SystemExit(f"error: {exc}") from exc
    rt = Runtime(assistant, models, args.max_upload_mb * 1024 * 1024)
    demo = build_ui(rt)
    demo.queue(default_concurrency_limit=2).launch(
        server_name=args.host,
        server_port=args.port,
        max_file_size=f"{args.max_upload_mb}mb",
        inbrowser=args.open,
        ssr_mode=False,
        show_error=True,
        css_paths=[UI_DIR / "style.css"],
        js=(UI_DIR / "cite.js").read_text(encoding="utf-8"),
        theme=gr.themes.Soft(),
    )


if __name__ == "__main__":
    main()
