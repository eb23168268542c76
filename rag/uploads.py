"""Uploads to the library: sanitised names, size and type checks, copied into one uploads folder.

The UI (Gradio's upload cache) and the HTTP API (``POST /documents``) hand us files; we copy
each accepted one into ``<index_dir>/uploads/`` under a sanitised name, so the index only ever
reads uploaded files from that folder — never a path typed into a page or a request.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rag.load import SUFFIXES as ALLOWED_SUFFIXES  # the loader decides what can be indexed

MAX_STEM_CHARS = 80


@dataclass
class Staged:
    accepted: list[Path] = field(default_factory=list)  # copies inside the uploads folder
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (original name, reason)


def safe_name(original: str) -> str | None:
    """A harmless file name for an upload, or None when its type is not supported.

    Directory parts are dropped, the stem keeps letters, digits, ``-`` and ``_`` (ASCII after
    NFKD folding), and it never starts with a dot. The stem becomes the document id."""
    name = re.split(r"[\\/]", original)[-1]
    dot = name.rfind(".")
    if dot <= 0:
        return None
    stem, suffix = name[:dot], name[dot:].lower()
    if suffix not in ALLOWED_SUFFIXES:
        return None
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    clean = re.sub(r"[^A-Za-z0-9_-]+", "-", folded).strip("-_")[:MAX_STEM_CHARS].strip("-_")
    return f"{clean or 'upload'}{suffix}"


def stage_uploads(files: list[str], uploads_dir: Path, max_bytes: int) -> Staged:
    """Copy acceptable uploads into ``uploads_dir``; list the others with the reason."""
    uploads_dir.mkdir(parents=True, exist_ok=True)
    staged = Staged()
    used: set[str] = set()
    for item in files:
        source = Path(item)
        name = safe_name(source.name)
        if name is None:
            staged.rejected.append((source.name, f"unsupported file type (use {', '.join(ALLOWED_SUFFIXES)})"))
            continue
        size = source.stat().st_size
        if size > max_bytes:
            staged.rejected.append((source.name, f"file is {size:,} bytes, over the {max_bytes:,}-byte upload limit"))
            continue
        name = _unique(name, used)
        target = uploads_dir / name
        partial = uploads_dir / f".{name}.part"  # a crash mid-copy leaves no half file under a real name
        shutil.copyfile(source, partial)
        os.replace(partial, target)  # same name again = a new version of that document
        staged.accepted.append(target)
    return staged


def _unique(name: str, used: set[str]) -> str:
    """Two files of one upload that sanitise to the same name get -2, -3, … suffixes."""
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate, n = f"{stem}-{n}{dot}{suffix}", n + 1
    used.add(candidate.lower())
    return candidate
