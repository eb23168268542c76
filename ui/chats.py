"""Lasting, exportable chats: the conversation kept in the browser's storage and offered as
Markdown and JSON downloads — both in :mod:`rag.serialize`'s one format ("rag-chat/1").

The browser keeps ``conversation_to_dict(conversation)`` (``gr.BrowserState``, so it survives a
reload of the page); on load it is read back into the chat, the sources panel and the
``Conversation`` that follow-up questions are resolved against. Anything unreadable there —
an older format, a hand-edited value, another app's data — starts an empty chat instead.
"""

from __future__ import annotations

import atexit
import json
import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import gradio as gr

from rag import Conversation
from rag.serialize import conversation_from_dict, conversation_markdown, conversation_to_dict
from ui import render
from ui.chat import Turns, doc_text, transcript
from ui.runtime import Runtime

log = logging.getLogger("rag.app")
STORAGE_KEY = "rag-chat"
EXPORT_MAX_AGE = 3600  # seconds an export file is kept (gradio has copied it into its cache by then)
_export_root: Path | None = None
_export_lock = threading.Lock()


def empty_saved() -> dict[str, Any]:
    """What an empty chat is stored as. Not None: the browser skips writing a falsy value, so
    "New chat" would otherwise leave the old conversation in storage."""
    return conversation_to_dict(Conversation())


def restore(rt: Runtime, saved: Any) -> tuple[list[dict[str, Any]], str, Conversation, Turns]:
    """The chat, sources panel, conversation and turns of the chat saved in this browser."""
    try:
        conversation = conversation_from_dict(saved) if saved else Conversation()
        chat, turns = transcript(conversation, doc_text(rt.assistant))
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:  # junk in storage
        log.warning("starting an empty chat: the one saved in the browser cannot be read (%s)", exc)
        conversation, chat, turns = Conversation(), [], []
    return chat, render.sources_panel(turns), conversation, turns


def persist(past: Conversation) -> tuple[dict[str, Any], Any, Any]:
    """After each change: the value to store in the browser and the two export buttons."""
    markdown, data = export_files(past)
    return conversation_to_dict(past), _download(markdown), _download(data)


def export_files(past: Conversation) -> tuple[Path | None, Path | None]:
    """The chat as ``chat-YYYYmmdd-HHMMSS.md`` and ``.json`` files (None for an empty chat)."""
    if not past.turns:
        return None, None
    folder = Path(tempfile.mkdtemp(dir=_exports_dir()))  # one folder per export: equal names never collide
    stem = time.strftime("chat-%Y%m%d-%H%M%S")
    markdown = folder / f"{stem}.md"
    markdown.write_text(conversation_markdown(past), encoding="utf-8")
    data = folder / f"{stem}.json"
    data.write_text(json.dumps(conversation_to_dict(past), ensure_ascii=False, indent=1), encoding="utf-8")
    return markdown, data


def _download(path: Path | None) -> Any:
    return gr.DownloadButton(value=str(path) if path else None, interactive=path is not None)


def _exports_dir() -> Path:
    """This process's private export folder (mkdtemp: not guessable by other users of /tmp),
    pruned of exports older than an hour each time one is written and removed when the process exits."""
    global _export_root
    with _export_lock:
        if _export_root is None:
            _export_root = Path(tempfile.mkdtemp(prefix="rag-chat-exports-"))
            atexit.register(shutil.rmtree, _export_root, ignore_errors=True)  # not left in /tmp on exit
        cutoff = time.time() - EXPORT_MAX_AGE
        for old in _export_root.iterdir():
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        return _export_root
