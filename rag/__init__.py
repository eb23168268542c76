"""A local, cited question-answering assistant over a folder of news articles.

Public names are imported lazily so ``rag --help`` and the UI start without loading torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rag.conversation import Conversation, Exchange
from rag.errors import (
    DocumentError,
    DocumentNotFoundError,
    EmptyQuestionError,
    FilterError,
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexMissingError,
    ModelNotFoundError,
    QuestionTooLongError,
    RagError,
    SettingsError,
)
from rag.filters import Filters
from rag.records import Answer, Chunk, Citation, Document, Hit, SentenceVerdict, Span, TokenEvent
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.index import BuildReport, build_index
    from rag.library import DocumentInfo
    from rag.pipeline import Assistant

__all__ = [
    "Answer",
    "Assistant",
    "BuildReport",
    "Chunk",
    "Citation",
    "Conversation",
    "Document",
    "DocumentError",
    "DocumentInfo",
    "DocumentNotFoundError",
    "EmptyQuestionError",
    "Exchange",
    "FilterError",
    "Filters",
    "Hit",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexMismatchError",
    "IndexMissingError",
    "ModelNotFoundError",
    "QuestionTooLongError",
    "RagError",
    "SentenceVerdict",
    "Settings",
    "SettingsError",
    "Span",
    "TokenEvent",
    "build_index",
]  # fmt: skip

_LAZY = {
    "Assistant": "rag.pipeline",
    "build_index": "rag.index",
    "BuildReport": "rag.index",
    "DocumentInfo": "rag.library",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
