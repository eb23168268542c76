"""The page's parts: sidebar (index, uploads, filters, settings), Chat tab and Library tab.

Each builder returns its components by name; ``ui.app`` wires the events between them.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from ui import library, render
from ui.runtime import Runtime
from ui.uploads import ALLOWED_SUFFIXES

MAX_UPLOAD_MB = 10
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
FILTER_NOTE = (
    "Questions search only the documents that pass every filter set here. Dates are inclusive; an article "
    "without a full publication date never matches a date range."
)


def sidebar(rt: Runtime) -> dict[str, Any]:
    """Index status, uploads, filters and settings."""
    settings = rt.assistant.settings
    with gr.Sidebar(open=True, width=340):
        gr.Markdown("### Index")
        status = gr.HTML(rt.status(), elem_id="index-status")
        gr.Markdown(f"### Add articles\n{', '.join(ALLOWED_SUFFIXES)} · up to {MAX_UPLOAD_MB} MB each")
        files = gr.File(
            file_count="multiple", file_types=list(ALLOWED_SUFFIXES), label="Upload", elem_id="upload", height=120
        )
        upload_report = gr.HTML("", elem_id="upload-report")
        with gr.Accordion("Filters", open=True, elem_id="filters"):
            # custom values allowed: the same outlet names as the CLI's --outlet, typed or chosen
            outlets = gr.Dropdown(
                rt.assistant.outlets(),
                value=[],
                multiselect=True,
                allow_custom_value=True,
                label="Outlets",
                elem_id="filter-outlets",
            )
            since = gr.Textbox(label="Since (YYYY-MM-DD)", placeholder="e.g. 2024-11-18", elem_id="filter-since")
            until = gr.Textbox(label="Until (YYYY-MM-DD)", placeholder="e.g. 2024-11-21", elem_id="filter-until")
            docs = gr.Dropdown(
                library.document_choices(rt.assistant.documents()),
                value=[],
                multiselect=True,
                allow_custom_value=True,
                label="Only these documents",
                elem_id="filter-docs",
            )
            gr.Markdown(FILTER_NOTE, elem_classes="note")
        with gr.Accordion("Settings", open=False, elem_id="settings"):
            top_k = gr.Slider(1, 10, value=settings.top_k, step=1, label="Passages retrieved (top-k)")
            temperature = gr.Slider(0.0, 1.5, value=settings.temperature, step=0.1, label="Temperature")
            model = gr.Dropdown(list(rt.models), value=rt.model_label(), label="Generator model")
            gr.Markdown(MODEL_NOTE, elem_classes="note")
            model_note = gr.HTML("")
    return {
        "status": status, "files": files, "upload_report": upload_report, "outlets": outlets, "since": since,
        "until": until, "docs": docs, "top_k": top_k, "temperature": temperature, "model": model,
        "model_note": model_note,
    }  # fmt: skip


def chat_tab() -> dict[str, Any]:
    """The conversation, the question box, the export buttons and the sources panel."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chat = gr.Chatbot(
                elem_id="chat",
                label="Conversation",
                height=520,
                latex_delimiters=[],
                buttons=["copy"],
                feedback_options=None,
                placeholder=PLACEHOLDER,
            )
            with gr.Row():
                msg = gr.Textbox(placeholder="Ask about the articles…", show_label=False, scale=8, elem_id="question")
                send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
                reset = gr.Button("New chat", scale=1, min_width=80, elem_id="new-chat")
            with gr.Row(elem_id="examples"):
                examples = [gr.Button(q, size="sm") for q in EXAMPLES]
            with gr.Row(elem_id="exports"):
                export_md = gr.DownloadButton("Export Markdown", size="sm", interactive=False, elem_id="export-md")
                export_json = gr.DownloadButton("Export JSON", size="sm", interactive=False, elem_id="export-json")
        with gr.Column(scale=2):
            gr.Markdown("### Sources")
            sources = gr.HTML(render.sources_panel([]), elem_id="sources")
    return {
        "chat": chat, "msg": msg, "send": send, "reset": reset, "examples": examples, "export_md": export_md,
        "export_json": export_json, "sources": sources,
    }  # fmt: skip


def library_tab(rt: Runtime) -> dict[str, Any]:
    """Every document in a paged table; the chosen one can be removed or re-indexed."""
    infos = rt.assistant.documents()
    rows, _, pages = library.page_of(infos, 0)
    page = gr.State(0)
    table = gr.Dataframe(
        rows,
        headers=library.HEADERS,
        interactive=False,
        wrap=True,
        max_height=640,
        elem_id="library-table",
        column_widths=library.COLUMN_WIDTHS,
        label="Documents (click a row to choose it)",
    )
    with gr.Row():
        prev = gr.Button("◀ Previous", size="sm", elem_id="library-prev", scale=0, min_width=110)
        page_info = gr.HTML(library.page_label(0, pages, len(infos)), elem_id="library-page")
        following = gr.Button("Next ▶", size="sm", elem_id="library-next", scale=0, min_width=110)
    with gr.Row():
        pick = gr.Dropdown(
            library.document_choices(infos),
            value=None,
            allow_custom_value=True,
            label="Document",
            elem_id="library-pick",
            scale=4,
        )
        remove = gr.Button("Remove", variant="stop", elem_id="library-remove", scale=1, min_width=100)
        reindex = gr.Button("Re-index", elem_id="library-reindex", scale=1, min_width=100)
    note = gr.HTML("", elem_id="library-note")
    details = gr.HTML("", elem_id="library-details")
    return {
        "page": page, "table": table, "prev": prev, "page_info": page_info, "next": following, "pick": pick,
        "remove": remove, "reindex": reindex, "note": note, "details": details,
    }  # fmt: skip
