"""The chat UI mounted inside the HTTP API server (``rag serve``), sharing its assistant."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # offline: no telemetry calls

import gradio as gr

from ui.app import UI_DIR, Runtime, build_ui, model_choices


def mount_ui(app: Any, assistant: Any, path: str, models_dir: Path | None, max_upload_bytes: int) -> Runtime:
    """Mount the Gradio UI at ``path`` of the FastAPI ``app``; returns the UI's runtime, whose
    ``.assistant`` the API should read per request (a model switch in the UI replaces it)."""
    rt = Runtime(assistant, model_choices(assistant.settings.model_path, models_dir), max_upload_bytes)
    demo = build_ui(rt).queue(default_concurrency_limit=2)
    gr.mount_gradio_app(
        app,
        demo,
        path=path,
        max_file_size=max_upload_bytes,
        ssr_mode=False,
        show_error=True,
        css_paths=[UI_DIR / "style.css"],
        js=(UI_DIR / "cite.js").read_text(encoding="utf-8"),
        theme=gr.themes.Soft(),
    )
    return rt
