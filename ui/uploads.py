"""Browser uploads: the library's upload staging (``rag.uploads``), shared with the HTTP API."""

from rag.uploads import ALLOWED_SUFFIXES, MAX_STEM_CHARS, Staged, safe_name, stage_uploads

__all__ = ["ALLOWED_SUFFIXES", "MAX_STEM_CHARS", "Staged", "safe_name", "stage_uploads"]
