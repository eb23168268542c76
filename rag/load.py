"""Stage 1 — load: files on disk → :class:`Document` records with metadata.

A document's id is its file stem and its ``text`` is the decoded file (HTML: the article
text trafilatura extracts; PDF and DOCX: the text :mod:`rag.formats` extracts, with the
offset where each page begins). Bad files are skipped with a reason, never fatal.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag import formats
from rag.errors import DocumentError, SettingsError
from rag.records import Document
from rag.text import MONTH_ABBREVIATIONS as _MONTHS
from rag.text import UPPER

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
PAGED_SUFFIXES = (".pdf", ".docx")  # binary formats with pages: read by rag.formats, never decoded as text
# The bundled list of major outlets, documented at its top; users extend it with RAG_OUTLETS_FILE.
OUTLETS_FILE = Path(__file__).resolve().parent / "data" / "outlets.txt"
MAX_TITLE_WORDS = 12  # a line longer than this is body text, not a headline


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
            found.update(p for p in path.rglob("*") if p.is_file() and _is_document(p))
        elif path.is_file():
            found.add(path)
        else:
            raise DocumentError(f"{path}: no such file or folder")
    return sorted(found, key=lambda p: (p.stem, str(p)))


def _is_document(path: Path) -> bool:
    # "~$name.docx" is the lock file Word keeps beside an open document, not a document
    return path.suffix.lower() in SUFFIXES and not path.name.startswith("~$")


def load_paths(paths: list[Path], max_bytes: int, outlets: tuple[str, ...] | None = None) -> LoadResult:
    """Load every supported file; unreadable ones are listed in ``skipped`` with the reason.

    ``outlets``: the known outlet names (:func:`known_outlets`); None reads RAG_OUTLETS_FILE."""
    outlets = known_outlets(os.environ.get("RAG_OUTLETS_FILE", "")) if outlets is None else outlets
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen_ids: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    for path in find_files(paths):
        try:
            doc = load_file(path, max_bytes, outlets)
        except DocumentError as exc:
            log.info("skipped %s: %s", path, exc)  # reported once, by whoever shows the LoadResult
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
        log.info("skipped %s: %s", path, reason)
        skipped.append(Skipped(str(path), reason))
    return LoadResult(tuple(documents), tuple(skipped))


def load_file(path: Path, max_bytes: int = 20_000_000, outlets: tuple[str, ...] | None = None) -> Document:
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
    if suffix in PAGED_SUFFIXES:
        return _paged_document(path, data, outlets)
    raw = decode_bytes(data)
    if suffix in (".html", ".htm"):
        text, meta = _extract_html(raw)
    else:
        text, meta = raw, {}
    if not text.strip():
        raise DocumentError("file has no text (empty or whitespace only)")
    return _document(
        path,
        text,
        title=meta.get("title") or guess_title(text, fallback=path.stem.replace("_", " ")),
        outlet=meta.get("outlet") or guess_outlet(text, outlets),
        date=meta.get("date") or guess_date(text),
    )


def _paged_document(path: Path, data: bytes, outlets: tuple[str, ...] | None) -> Document:
    """A PDF or DOCX: the extracted text with its page offsets. A date the text states beats
    the file's creation date, which is often when it was exported, not published."""
    if not data:
        raise DocumentError("file is empty")
    extracted = formats.extract(path.suffix.lower(), data)
    text = extracted.text
    if not text.strip():
        raise DocumentError("file has no text (empty document)")
    return _document(
        path,
        text,
        title=_trim(extracted.title) if extracted.title else guess_title(text, fallback=path.stem.replace("_", " ")),
        outlet=guess_outlet(text, outlets),
        date=guess_date(text) or extracted.date,
        pages=extracted.pages,
    )


def _document(path: Path, text: str, *, title: str, outlet: str, date: str, pages: tuple[int, ...] = ()) -> Document:
    return Document(
        doc_id=path.stem,
        path=str(path),
        text=text,
        title=title,
        outlet=outlet,
        date=date,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        pages=pages,
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


@lru_cache(maxsize=8)
def known_outlets(extra_file: str = "") -> tuple[str, ...]:
    """The bundled outlet list (:data:`OUTLETS_FILE`) plus, when given, the user's file of the
    same format (the ``outlets_file`` setting, RAG_OUTLETS_FILE). Read once per file."""
    names = _read_names(OUTLETS_FILE)
    if extra_file:
        path = Path(extra_file).expanduser()
        try:
            names += _read_names(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"setting outlets_file={str(path)!r}: cannot read it ({exc})") from exc
    return tuple(dict.fromkeys(names))


def _read_names(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


# Lines that label the document rather than tell the story: "Graphic: …", "READ: …", "Photo: …".
_LABEL_LINE = re.compile(r"^[A-Za-z][\w ]{0,20}:\s")


def guess_title(text: str, fallback: str = "") -> str:
    """A ``title:`` line, else the first headline — a short line standing alone before the body
    text — else ``fallback`` (the file name), trimmed to 100 characters.

    Never the body's first sentence: cut from a paragraph, it reads as a fragment, and the
    file name at least says which file a citation points to."""
    from rag.chunk import clean_view  # unfolds hard-wrapped headlines

    front = re.search(r"^[ \t]*title[ \t]*:[ \t]*(\S.*?)\s*$", text[:3000], re.IGNORECASE | re.MULTILINE)
    if front:
        return _trim(front.group(1))
    # In a hard-wrapped article the unfolded view is one long line; its " * " bullets still mark
    # the headline and the deck lines.
    pieces = [p for line in clean_view(text[:20_000]).splitlines() for p in re.split(r"\s\*\s", line) if p.strip()]
    for i, piece in enumerate(pieces):
        line = re.sub(r"^\(MENAFN-[^)]*\)\s*", "", piece.strip().lstrip("#*-•= ").strip())
        if not re.search(r"\w", line) or line.lower().startswith(("date ", "by ")) or _LABEL_LINE.match(line):
            continue  # a date, byline or label line: not the headline, and not yet the body
        n_words = len(re.findall(r"\w+", line))
        if piece.lstrip().startswith("#"):
            return _trim(line)  # a Markdown heading is a heading whatever its length
        if n_words > MAX_TITLE_WORDS or line.endswith((".", ",", ";", ":")):
            break  # body text reached before any headline
        following = pieces[i + 1].strip() if i + 1 < len(pieces) else ""
        if following[:1].islower():
            break  # the line is the start of a sentence that goes on: body text
        if n_words >= 2:
            return _trim(line)
    return _trim(fallback)


def _trim(line: str) -> str:
    return line if len(line) <= 100 else line[:97].rsplit(" ", 1)[0] + "…"


# "WASHINGTON, Nov 21 (Reuters) - ", "LYON, France (AP) — ", "PARIS, Nov. 3, 2024 (AFP) -",
# "Nov 3 (AP) -": a place in capitals and/or a date, then the agency in brackets and a dash.
_CAPS = rf"{UPPER}(?:{UPPER}|[.'-])+"  # a word in capitals ("KYIV", "U.S.")
# The place in any script's capitals ("ŁÓDŹ (AP) —", "MALMÖ, Sweden (AFP) -"; "[A-Z]" lost their outlet).
_DATELINE = re.compile(
    rf"(?:\b{_CAPS}(?:[ ]{_CAPS})*(?:,[ ]{UPPER}[\w.'-]*(?:[ ]{UPPER}[\w.'-]*)*)?,?[ ]+"
    rf"|\b(?=(?:{_MONTHS})))"
    rf"(?:(?:{_MONTHS})[a-z]*\.?[ ]\d{{1,2}}(?:,[ ]\d{{4}})?[ ]+)?"
    rf"\(({UPPER}[\w&.' -]{{0,38}}[\w.])\)[ ]*[-–—]"
)
_FRONT_MATTER_OUTLET = re.compile(r"^[ \t]*(?:outlet|publisher|source)[ \t]*:[ \t]*(\S.{0,79}?)\s*$", re.I | re.M)


def guess_outlet(text: str, outlets: tuple[str, ...] | None = None) -> str:
    """The publishing outlet as the text itself states it: a front-matter line ("source: X"),
    a dateline ("KYIV, Nov 3 (AP) -", "(MENAFN- X)"), or a known outlet (:func:`known_outlets`)
    in a credit form — "(Reuters)", "— AFP" ending a line, "By Jane Doe, Bloomberg",
    "Copyright 2024 The Guardian". A name mentioned in the story ("told Reuters", "The New York
    Times reported") is a source of the reporting, not the publisher, and does not count."""
    front = _FRONT_MATTER_OUTLET.search(text)
    if front:
        return front.group(1)
    head = text[:3000]  # datelines open a story; deeper in, "(X) -" is something else
    dateline = re.search(r"\(MENAFN-\s*([^)]+)\)", head) or _DATELINE.search(head)
    if dateline:
        return dateline.group(1).strip()
    outlets = known_outlets(os.environ.get("RAG_OUTLETS_FILE", "")) if outlets is None else outlets
    found = [(m.start(), m.group(1)) for form in _credit_forms(outlets) for m in form.finditer(text)]
    if not found:
        return ""
    credited = " ".join(min(found)[1].split())  # the first credit in the text
    return next(o for o in outlets if _bare(o) == _bare(credited))


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)


@lru_cache(maxsize=8)
def _credit_forms(outlets: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The credit forms with ``outlets`` as group 1 (names are case-sensitive: "AP", not "ap";
    a leading "The" is optional; longest names first so "Bloomberg News" beats "Bloomberg")."""
    if not outlets:
        return ()
    names = sorted({_bare(o) for o in outlets}, key=len, reverse=True)
    name = r"(?:[Tt]he\s+)?(" + "|".join(re.sub(r"\\? ", r"\\s+", re.escape(n)) for n in names) + r")(?![\w-])"
    forms = (
        rf"\(\s*{name}\s*\)",  # (Reuters)
        rf"(?:^|\s)[—–-]{{1,2}}[ \t]*{name}[ \t]*\.?[ \t]*$",  # "… said. — AFP"
        rf"^[ \t]*(?i:by)\s[^\n]{{1,80}}?(?:,|\||/|—|–)[ \t]*{name}[ \t]*$",  # By Jane Doe, Bloomberg
        rf"(?:©|\((?i:c)\)|(?i:copyright))[ \t]*(?:\d{{4}}[ \t]*)?{name}",  # Copyright 2024 The Guardian
    )
    return tuple(re.compile(form, re.MULTILINE) for form in forms)


def guess_date(text: str) -> str:
    """An ISO date stated near the top, else a dateline such as 'Nov 21'."""
    head = text[:3000]
    iso = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", head)
    if iso:
        return iso.group(1)
    dateline = re.search(rf"\b((?:{_MONTHS})[a-z]*\.? \d{{1,2}}(?:, \d{{4}})?) \(", head)  # "Nov 21", "March 4"
    return dateline.group(1) if dateline else ""
