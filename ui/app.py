"""Chat UI: streamed answers with clickable citations and highlighted sources.

    python app.py                    # http://127.0.0.1:7860
    python app.py --port 8000 --index-dir ~/my-index --models-dir ~/models

The index and models are loaded once at start-up; every browser tab gets its own
conversation. Host and port also come from RAG_UI_HOST / RAG_UI_PORT.
"""

from __future__ import annotations

import argparse
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # offline: no telemetry calls
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import gradio as gr

from rag import Answer, Assistant, Conversation, RagError, Settings, TokenEvent
from ui import render
from ui.uploads import ALLOWED_SUFFIXES, stage_uploads

log = logging.getLogger("rag.app")
HERE = Path(__file__).resolve().parent
MAX_UPLOAD_MB = 10
BUNDLED_MODEL = "SmolLM2-135M-Instruct (bundled)"
EXAMPLES = (
    "What range was Ukraine allowed?",
    "How many North Korean troops are in Russia?",
    "Who is the Kremlin spokesman?",
    "Who won the 2018 FIFA World Cup?",
)
PLACEHOLDER = (
    "**Ask about the indexed articles** — or add your own in the sidebar.<br>"
    "Every sentence of an answer cites its passage: click a **[n]** to see the quote highlighted under Sources."
)
MODEL_NOTE = (
    "Only models the operator listed at start-up can be chosen (`--model`, `--models-dir`): a file path "
    "typed into a web page would let any open tab make this machine read arbitrary files."
)


class Runtime:
    """The one loaded assistant shared by every tab, plus what the handlers need around it.

    Requests read ``self.assistant`` once and keep that object for the whole answer, so a
    model reload swaps in a new assistant without disturbing answers already streaming.
    Index writes (uploads) and reloads are serialised by ``write_lock``."""

    def __init__(self, assistant: Assistant, models: dict[str, str], max_upload_bytes: int) -> None:
        self.assistant = assistant
        self.models = models
        self.max_upload_bytes = max_upload_bytes
        self.write_lock = threading.Lock()

    @property
    def uploads_dir(self) -> Path:
        return Path(self.assistant.settings.index_dir) / "uploads"

    def model_label(self) -> str:
        current = self.assistant.settings.model_path
        return next((label for label, path in self.models.items() if path == current), BUNDLED_MODEL)

    def status(self) -> str:
        return render.status_html(self.assistant.status())


def model_choices(model_path: str, models_dir: Path | None) -> dict[str, str]:
    """Label → GGUF path of every model the UI may switch to ("" = the bundled default)."""
    choices = {BUNDLED_MODEL: ""}
    if model_path:
        choices[Path(model_path).name] = model_path
    if models_dir and models_dir.is_dir():
        for path in sorted(models_dir.glob("*.gguf")):
            choices.setdefault(path.name, str(path.resolve()))
    return choices


# -- handlers -------------------------------------------------------------------------
def ask(
    rt: Runtime,
    question: str,
    chat: list[dict[str, Any]],
    top_k: float,
    temperature: float,
    past: Conversation,
    turns: list[tuple[str, str]],
) -> Iterator[tuple[Any, ...]]:
    """Stream one answer: raw tokens first, then the verified answer with linked markers."""
    question = (question or "").strip()
    if not question:
        gr.Warning("Type a question about the articles first.")
        yield chat, render.sources_panel(turns), "", past, turns
        return
    assistant = rt.assistant
    turn = len(past.turns) + 1
    chat = [*chat, _msg("user", render.user_html(question)), _msg("assistant", render.streaming_html(""))]
    pending = "Searching the articles… the sources appear once the answer is verified."
    yield chat, render.sources_panel(turns, pending), "", past, turns
    events = assistant.stream(question, top_k=int(top_k), temperature=float(temperature), conversation=past)
    raw: list[str] = []
    answer: Answer | None = None
    try:
        for event in events:
            if isinstance(event, TokenEvent):
                raw.append(event.text)
                chat[-1] = _msg("assistant", render.streaming_html("".join(raw)))
                yield chat, render.sources_panel(turns, pending), "", past, turns
            else:
                answer = event
    except RagError as exc:
        chat[-1] = _msg("assistant", render.error_html(str(exc)))
        yield chat, render.sources_panel(turns), "", past, turns
        return
    finally:
        events.close()  # releases the generator's decode lock even if this tab went away
    assert answer is not None
    documents = assistant.index.documents

    def doc_text(doc_id: str) -> str | None:
        doc = documents.get(doc_id)
        return doc.text if doc else None

    chat[-1] = _msg("assistant", render.answer_html(answer, turn))
    turns = [*turns, (question, render.sources_html(answer, turn, doc_text))]
    yield chat, render.sources_panel(turns), "", past.add(question, answer), turns


def _msg(role: str, content: str) -> dict[str, Any]:
    return {"role": role, "content": content}


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
            rt.assistant = Assistant.load(rt.assistant.settings, model_path=rt.models[label])
        except RagError as exc:
            return rt.status(), render.error_html(f"Model not changed: {exc}")
    return rt.status(), f'<div class="note">Now answering with {render.esc(label)}.</div>'


def clear() -> tuple[list[Any], str, str, list[str], list[tuple[str, str]]]:
    return [], render.sources_panel([]), "", [], []


# -- layout ---------------------------------------------------------------------------
def build_ui(rt: Runtime) -> gr.Blocks:
    settings = rt.assistant.settings
    with gr.Blocks(title="Cited answers over your articles") as demo:
        past, turns = gr.State(Conversation()), gr.State([])  # one conversation per tab
        with gr.Sidebar(open=True, width=330):
            gr.Markdown("### Index")
            status = gr.HTML(rt.status(), elem_id="index-status")
            gr.Markdown(f"### Add articles\n{', '.join(ALLOWED_SUFFIXES)} · up to {MAX_UPLOAD_MB} MB each")
            files = gr.File(
                file_count="multiple", file_types=list(ALLOWED_SUFFIXES), label="Upload", elem_id="upload", height=120
            )
            upload_report = gr.HTML("", elem_id="upload-report")
            with gr.Accordion("Settings", open=False, elem_id="settings"):
                top_k = gr.Slider(1, 10, value=settings.top_k, step=1, label="Passages retrieved (top-k)")
                temperature = gr.Slider(0.0, 1.5, value=settings.temperature, step=0.1, label="Temperature")
                model = gr.Dropdown(list(rt.models), value=rt.model_label(), label="Generator model")
                gr.Markdown(MODEL_NOTE, elem_classes="note")
                model_note = gr.HTML("")
        gr.Markdown("## Cited answers over your articles\nEvery sentence cites its passage — click a `[n]`.")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    elem_id="chat",
                    label="Conversation",
                    height=520,
                    latex_delimiters=[],
                    buttons=["copy"],
                    feedback_options=None,
                )
                with gr.Row():
                    msg = gr.Textbox(
                        placeholder="Ask about the articles…", show_label=False, scale=8, elem_id="question"
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
                    reset = gr.Button("New chat", scale=1, min_width=80, elem_id="new-chat")
                with gr.Row(elem_id="examples"):
                    example_buttons = [gr.Button(q, size="sm") for q in EXAMPLES]
            with gr.Column(scale=2):
                gr.Markdown("### Sources")
                sources = gr.HTML(render.sources_panel([]), elem_id="sources", js_on_load=None)

        def ask_fn(
            question: str, chat: list, top_k: float, temperature: float, past: Conversation, turns: list
        ) -> Iterator[tuple[Any, ...]]:
            yield from ask(rt, question, chat, top_k, temperature, past, turns)

        io = {"inputs": [msg, chat, top_k, temperature, past, turns], "outputs": [chat, sources, msg, past, turns]}
        opts = {"concurrency_id": "answer", "concurrency_limit": 2, "show_progress": "minimal"}
        send.click(ask_fn, api_name="ask", **io, **opts)
        msg.submit(ask_fn, api_visibility="private", **io, **opts)
        for button, question in zip(example_buttons, EXAMPLES, strict=True):
            button.click(lambda q=question: q, outputs=msg, api_visibility="private", queue=False).then(
                ask_fn, api_visibility="private", **io, **opts
            )
        reset.click(clear, outputs=[chat, sources, msg, past, turns], api_visibility="private", queue=False)

        def upload_fn(paths: list[str] | None, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> Any:  # noqa: B008
            return upload(rt, paths, progress)

        files.upload(upload_fn, files, [files, status, upload_report], api_name="upload", concurrency_limit=1)
        model.change(lambda label: switch_model(rt, label), model, [status, model_note], api_name="switch_model")
        demo.load(rt.status, outputs=status, api_visibility="private", queue=False)
    return demo


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Chat with your articles: cited, verified answers in the browser.")
    parser.add_argument("--host", default=os.environ.get("RAG_UI_HOST", "127.0.0.1"), help="default 127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("RAG_UI_PORT", "7860")), help="default 7860")
    parser.add_argument("--index-dir", help="index directory (default RAG_INDEX_DIR or ./index)")
    parser.add_argument("--model", help="GGUF generator file (default RAG_MODEL_PATH or the bundled SmolLM2)")
    parser.add_argument("--models-dir", type=Path, help="folder of *.gguf models the UI may switch between")
    parser.add_argument("--max-upload-mb", type=int, default=MAX_UPLOAD_MB, help="per-file upload limit")
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # gradio's own start-up probes
    try:
        settings = Settings.load(index_dir=args.index_dir, model_path=args.model)
        print(f"Loading the index in {settings.index_dir} and the models (once)…", flush=True)
        assistant = Assistant.load(settings)
    except RagError as exc:
        raise SystemExit(f"error: {exc}") from exc
    models = model_choices(assistant.settings.model_path, args.models_dir)
    rt = Runtime(assistant, models, args.max_upload_mb * 1024 * 1024)
    demo = build_ui(rt)
    demo.queue(default_concurrency_limit=2).launch(
        server_name=args.host,
        server_port=args.port,
        max_file_size=f"{args.max_upload_mb}mb",
        inbrowser=args.open,
        ssr_mode=False,
        show_error=True,
        css_paths=[HERE / "ui" / "style.css"],
        js=(HERE / "ui" / "cite.js").read_text(encoding="utf-8"),
        theme=gr.themes.Soft(),
    )


if __name__ == "__main__":
    main()
