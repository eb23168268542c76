"""The project's error hierarchy.

Every error the library raises on purpose derives from :class:`RagError`, so callers
(CLI, UI, evaluator) can catch one type and show its message, which always says what
went wrong and what to do about it.
"""

from __future__ import annotations


class RagError(Exception):
    """Base class of every deliberate error of the assistant."""


class EmptyQuestionError(RagError, ValueError):
    """The question is empty or whitespace only (raised before any model call)."""


class QuestionTooLongError(RagError, ValueError):
    """The question exceeds ``Settings.max_question_chars``."""


class SettingsError(RagError, ValueError):
    """A setting is outside its documented bounds or has the wrong type."""


class IndexMissingError(RagError):
    """No index exists in the index directory; run ``rag index FOLDER``."""


class IndexMismatchError(RagError):
    """The index was built with other settings (model, chunking, format) than the current ones."""


class IndexCorruptError(RagError):
    """An index file is unreadable, truncated or inconsistent; rebuild with ``rag index --rebuild``."""


class IndexLockedError(RagError):
    """Another process is writing the same index right now."""


class ModelNotFoundError(RagError):
    """A model file or package could not be found at the configured location."""


class DocumentError(RagError):
    """A single input document cannot be indexed (empty, binary, too large, undecodable)."""


class FilterError(RagError, ValueError):
    """A filter is malformed: a date that is not YYYY-MM-DD, or an empty date range."""


class DocumentNotFoundError(RagError, KeyError):
    """No document with the given id is in the index (``rag docs list`` shows the ids)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ServerUnreachableError(RagError):
    """The HTTP API could not be reached, or failed with HTTP 5xx (``rag ask`` then answers in-process)."""
