"""The one loaded assistant shared by every browser tab, and the models the UI may switch to."""

from __future__ import annotations

import threading
from pathlib import Path

from rag import Assistant
from ui import render

BUNDLED_MODEL = "SmolLM2-135M-Instruct (bundled)"


class Runtime:
    """The one loaded assistant shared by every tab, plus what the handlers need around it.

    Requests read ``self.assistant`` once and keep that object for the whole answer, so a
    model reload swaps in a new assistant without disturbing answers already streaming.
    Index writes (uploads, removals, re-indexing) and reloads are serialised by ``write_lock``."""

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
