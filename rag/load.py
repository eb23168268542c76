"""Stage 1 — load: files on disk → :class:`Document` records with metadata.

A document's id is its file stem and its ``text`` is the decoded file (HTML: the article
text trafilatura extracts). Bad files are skipped with a reason, never fatal.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rag.errors import DocumentError
from rag.records import Document

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
KNOWN_OUTLETS = (
    "Reuters", "Al Jazeera", "Asia Times", "Tampa Free Press", "Associated Press", "AFP", "BBC", "CNN",
    "New York Times", "Washington Post", "The Guardian", "Le Monde", "Le Figaro", "Bloomberg",
    "The Conversation", "Kyiv Independent", "Politico", "Financial Times", "Wall Street Journal",
)  # fmt: skip
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class LoadResult:
    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]


def find_files(paths: list[Path]) -> list[Path]:
    """Every supported file under the given files/folders, sorted, without duplicates."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.add(path)
        else:
            raise DocumentError(f"{path}: no such file or folder")
    return sorted(found, key=lambda p: (p.stem, str(p)))


def load_paths(paths: list[Path], max_bytes: int) -> LoadResult:
    """Load every supported file; unreadable ones are listed in ``skipped`` with the reason."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen_ids: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    for path in find_files(paths):
        try:
            doc = load_file(path, max_bytes)
        except DocumentError as exc:
            log.warning("skipped %s: %s", path, exc)
            skipped.append(Skipped(str(path), str(exc)))
            continue
        if doc.doc_id in seen_ids:
            reason = f"document id {doc.doc_id!r} already used by {seen_ids[doc.doc_id]}"
        elif doc.sha256 in seen_hashes:
            reason = f"same text as {seen_hashes[doc.sha256]} (duplicate, indexed once)"
        else:
            seen_ids[doc.doc_id] = str(path)
            seen_hashes[doc.sha256] = str(path)
            documents.append(doc)
            continue
        log.warning("skipped %s: %s", path, reason)
        skipped.append(Skipped(str(path), reason))
    return LoadResult(tuple(documents), tuple(skipped))


def load_file(path: Path, max_bytes: int = 20_000_000) -> Document:
    """One file → Document; raises :class:`DocumentError` saying why it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError(f"unsupported file type {suffix!r} (use {', '.join(SUFFIXES)})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_file_bytes)")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}") from exc
    raw = decode_bytes(data)
    if suffix in (".html", ".htm"):
        text, meta = _extract_html(raw)
    else:
        text, meta = raw, {}
    if not text.strip():
        raise DocumentError("file has no text (empty or whitespace only)")
    return Document(
        doc_id=path.stem,
        path=str(path),
        text=text,
        title=meta.get("title") or guess_title(text),
        outlet=meta.get("outlet") or guess_outlet(text),
        date=meta.get("date") or guess_date(text),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def decode_bytes(data: bytes) -> str:
    """UTF-8 (BOM dropped), else cp1252, else latin-1; binary data raises DocumentError."""
    if not data.strip():
        raise DocumentError("file is empty")
    if looks_binary(data):
        raise DocumentError("file looks binary, not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8-sig":
            log.warning("decoded as %s (not valid UTF-8)", encoding)
        return text
    raise DocumentError("file cannot be decoded as text")  # unreachable: latin-1 decodes anything


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def _extract_html(raw: str) -> tuple[str, dict[str, str]]:
    import trafilatura  # lazy: heavy import, only needed for HTML

    text = trafilatura.extract(raw, include_comments=False, include_tables=True, favor_recall=True) or ""
    meta_obj = trafilatura.extract_metadata(raw)
    meta: dict[str, str] = {}
    if meta_obj is not None:
        meta = {
            "title": meta_obj.title or "",
            "outlet": meta_obj.sitename or "",
            "date": meta_obj.date or "",
        }
    return text, meta


def guess_title(text: str) -> str:
    """The first line that has at least three words, trimmed to 120 characters."""
    from rag.chunk import clean_view  # unfolds hard-wrapped headlines

    for line in clean_view(text).splitlines():
        line = re.split(r"\s\*\s", line.strip().lstrip("#*-• ").strip())[0]
        if len(re.findall(r"\w+", line)) >= 3 and not line.lower().startswith("date "):
            line = re.sub(r"^\(MENAFN-[^)]*\)\s*", "", line)
            line = re.split(r"(?<=[a-z]{2}[.!?])\s", line, maxsplit=1)[0]  # first sentence of a paragraph
            return line if len(line) <= 100 else line[:97].rsplit(" ", 1)[0] + "…"
    return ""


def guess_outlet(text: str) -> str:
    """The publishing outlet from a dateline or from how the text names it."""
    dateline = re.search(r"\(MENAFN-\s*([^)]+)\)", text) or re.search(
        rf"\b(?:{_MONTHS})\.? \d{{1,2}} \((Reuters|AP|AFP|Bloomberg)\)", text
    )
    if dateline:
        return dateline.group(1).strip()
    meta = re.search(r"^(?:outlet|source|publisher):\s*(.+)$", text, re.IGNORECASE | re.MULTILINE)
    if meta:
        return meta.group(1).strip()
    counts: dict[str, int] = {}
    for outlet in KNOWN_OUTLETS:
        name = re.escape(outlet)
        own = rf"(?:told (?:the )?{name}|{name}(?: \w+)? correspondent|donation to the {name}|follow the {name})"
        counts[outlet] = len(re.findall(own, text))
    best = max(counts, key=lambda o: counts[o])
    return best if counts[best] else ""


def guess_date(text: str) -> str:
    """An ISO date stated near the top, else a dateline such as 'Nov 21'."""
    head = text[:3000]
    iso = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", head)
    if iso:
        return iso.group(1)
    dateline = re.search(rf"\b((?:{_MONTHS})\.? \d{{1,2}}(?:, \d{{4}})?) \(", head)
    return dateline.group(1) if dateline else ""
