"""PDF and Word (DOCX) files → plain text with page offsets, for :mod:`rag.load`.

The text returned here *is* the document's stored text: every chunk and citation offset
points into it, so nothing downstream may re-extract or re-normalise it.

- **Pages.** Page texts are joined by a blank line (``PAGE_JOIN``); ``Extracted.pages`` holds
  the offset where each page begins. A page without text keeps its (empty) place, so the
  pages after it keep their numbers.
- **Normalisation, per page, deliberately light:** line ends become ``\\n``; typographic
  ligatures (ﬁ, ﬂ, …) become their letters, so search and quotes match typed words; control
  characters are dropped (form/vertical feeds become line breaks); trailing spaces go;
  more than one blank line in a row becomes one; the page is stripped at both ends. A soft
  hyphen (U+00AD) at a line end is a word the typesetter broke, so it and the line break
  are removed ("Ukrain\\u00ad\\nian" → "Ukrainian"); other soft hyphens are invisible and
  dropped. A plain hyphen at a line end is left alone: "long-\\nrange" and "inter-\\nnational"
  cannot be told apart without a dictionary, and a wrongly joined word would put text in a
  quote that the page does not show. (Hard-wrapped lines are unfolded later, in the same-
  length clean view of :mod:`rag.chunk`, not here.)
- **PDF** (pypdf): text layer only, no OCR. A PDF with no text on any page is refused
  (scanned); an encrypted one is opened with the empty user password when that works
  (many are locked only against editing), else refused. pypdf's own limits guard each
  stream against decompression bombs; ``MAX_PAGES`` and ``MAX_TEXT_CHARS`` bound the rest.
- **DOCX** (python-docx): body paragraphs and table rows in document order, one block each
  (a heading is a paragraph, so it stands on its own line; a table row is its non-empty
  cells joined by " | "). Headers, footers, footnotes and comments are left out (they repeat
  or interrupt the story). Word files have no fixed pages: when Word saved the file it
  marks where each page began (``w:lastRenderedPageBreak``, hard breaks included) and those
  markers are used; without them, explicit page breaks (``w:br w:type="page"`` and "page
  break before" paragraphs) are; with neither, the document is not paged (``pages=()``),
  because a guessed page number would be worse than none. Section breaks are not counted.
  The unpacked size is capped (``MAX_UNZIPPED_BYTES``) before python-docx reads anything.
- **Metadata.** The title is the file's title property when it looks like a title (not
  "untitled", "Document1" or a file name); the date is its creation date (YYYY-MM-DD; not
  python-docx's template date). The loader prefers a date stated in the text and guesses
  the outlet from the text only.

Every failure raises :class:`DocumentError` saying what to do; no parser error escapes.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from rag.errors import DocumentError

log = logging.getLogger(__name__)

PAGE_JOIN = "\n\n"  # between pages: a paragraph break, so no sentence runs across pages
MAX_PAGES = 5_000  # far beyond any article or report; a page tree claiming more is broken or hostile
MAX_TEXT_CHARS = 20_000_000  # extracted text; more would take hours to embed anyway
MAX_UNZIPPED_BYTES = 200_000_000  # a DOCX unpacking past this is a zip bomb, not an article

# pypdf logs a warning for every small defect it repairs ("EOF marker not found", "Ignoring
# wrong pointing object"); they mean nothing to the user. Errors still show. A level the
# user set on the "pypdf" logger themselves is kept.
if logging.getLogger("pypdf").level == logging.NOTSET:
    logging.getLogger("pypdf").setLevel(logging.ERROR)

# What a malformed file makes the parsers raise besides their own error types.
_MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError)
_MALFORMED += (RecursionError, NotImplementedError, struct.error, zlib.error, zipfile.BadZipFile, EOFError, OSError)


@dataclass(frozen=True)
class Extracted:
    text: str  # the document's text: pages joined by PAGE_JOIN
    pages: tuple[int, ...]  # offset in ``text`` where each page begins; () = not paged
    title: str = ""  # the file's title property when meaningful, else ""
    date: str = ""  # the file's creation date (YYYY-MM-DD), else ""


def extract(suffix: str, data: bytes) -> Extracted:
    """Dispatch on the file suffix (".pdf" or ".docx")."""
    return EXTRACTORS[suffix](data)


# -- text helpers ---------------------------------------------------------------------------

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def normalise_page(text: str) -> str:
    """The light per-page clean-up described in the module docstring."""
    text = re.sub(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]", "\n", text).translate(_LIGATURES)
    text = _CONTROLS.sub("", text)
    text = re.sub(r"\u00ad[ \t]*\n[ \t]*", "", text).replace("\u00ad", "")
    text = re.sub(r"[ \t\u00a0]+$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def join_pages(page_texts: list[str]) -> tuple[str, tuple[int, ...]]:
    """The document text and each page's start offset in it."""
    starts: list[int] = []
    offset = 0
    for page in page_texts:
        starts.append(offset)
        offset += len(page) + len(PAGE_JOIN)
    return PAGE_JOIN.join(page_texts), tuple(starts)


def meaningful_title(title: str | None) -> str:
    """``title`` unless it is a placeholder a program filled in ("untitled", "Document1",
    "Microsoft Word - x.docx", a file name); then ""."""
    title = " ".join((title or "").split())
    if len(re.findall(r"[^\W\d_]", title)) < 2:
        return ""
    placeholder = re.fullmatch(r"(?i)(untitled|no title|title|unknown|none|document|doc)\s*\d*", title)
    file_name = re.search(r"(?i)\.(docx?|pdf|rtf|odt|txt|html?|indd|pages|tmp)$", title)
    if placeholder or file_name or title.lower().startswith("microsoft word - "):
        return ""
    return title


def _iso_date(value: datetime | None) -> str:
    return value.date().isoformat() if isinstance(value, datetime) and value.year > 1900 else ""


def _check_size(total_chars: int) -> None:
    if total_chars > MAX_TEXT_CHARS:
        raise DocumentError(f"over {MAX_TEXT_CHARS:,} characters of text; split the file into smaller ones")


# -- PDF ------------------------------------------------------------------------------------


def extract_pdf(data: bytes) -> Extracted:
    """A PDF's text layer, page by page; raises DocumentError for scanned, locked or broken files."""
    from pypdf.errors import DependencyError, PyPdfError

    reader = _open_pdf(data)
    try:
        page_texts = _pdf_page_texts(reader)
    except (PyPdfError, DependencyError, *_MALFORMED) as exc:
        raise DocumentError(f"cannot read PDF: {_reason(exc)}; the file is damaged — re-save or re-export it") from exc
    if not any(page_texts):
        raise DocumentError(
            "no text layer: the PDF holds only images (scanned?); run OCR on it first "
            "(for example `ocrmypdf in.pdf out.pdf`) and index the result"
        )
    empty = [n for n, page in enumerate(page_texts, 1) if not page]
    if empty:
        log.info("PDF pages without text (images only?): %s", ", ".join(map(str, empty[:20])))
    text, pages = join_pages(page_texts)
    title, date = _pdf_metadata(reader)
    return Extracted(text, pages, title, date)


def _open_pdf(data: bytes) -> Any:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
    except DependencyError as exc:  # AES needs the optional 'cryptography' package
        raise DocumentError(
            f"encrypted PDF: cannot decrypt it here ({exc}); save an unencrypted copy and index that"
        ) from exc
    except (PyPdfError, *_MALFORMED) as exc:
        raise DocumentError(
            f"cannot read PDF: {_reason(exc)}; the file is damaged or truncated — re-save or re-download it"
        ) from exc
    if locked:
        raise DocumentError(
            "encrypted PDF: it needs a password to open; save a copy without the password "
            "(for example `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) and index that"
        )
    return reader


def _pdf_page_texts(reader: Any) -> list[str]:
    count = len(reader.pages)
    if count > MAX_PAGES:
        raise DocumentError(f"the PDF has {count:,} pages, over the {MAX_PAGES:,}-page limit; split it")
    texts: list[str] = []
    total = 0
    for page in reader.pages:
        texts.append(normalise_page(page.extract_text() or ""))
        total += len(texts[-1])
        _check_size(total)
    return texts


def _pdf_metadata(reader: Any) -> tuple[str, str]:
    """(title, date) from the document information; a malformed entry counts as absent."""
    from pypdf.errors import PyPdfError

    try:
        meta = reader.metadata
        title = meaningful_title(str(meta.title or "")) if meta else ""
    except (PyPdfError, *_MALFORMED):
        return "", ""
    try:
        date = _iso_date(meta.creation_date) if meta else ""
    except (PyPdfError, *_MALFORMED):  # "D:2024..." that is not a date
        date = ""
    return title, date


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# -- DOCX -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Break:
    kind: str  # "rendered" (Word's pagination) or "explicit" (a page break the author put in)


class _EndOfBlock:
    """Marks the end of a paragraph or table row."""


_END = _EndOfBlock()
_Event = str | _Break | _EndOfBlock


# python-docx's built-in template carries this creation date: a file made from it that never
# set its own was not written in 2013, so the date says nothing.
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)


def extract_docx(data: bytes) -> Extracted:
    """A Word file's body text; pages from its page-break markers when it has any."""
    _check_zip(data)
    try:
        import docx
        from docx.opc.exceptions import OpcError

        document = docx.Document(io.BytesIO(data))
        events = list(_body_events(document.element.body))
        props = document.core_properties
        created = props.created if props.created != _TEMPLATE_CREATED else None
        title, date = meaningful_title(props.title), _iso_date(created)
    except (OpcError, etree.LxmlError, *_MALFORMED) as exc:
        raise DocumentError(
            f"cannot read DOCX: {_reason(exc)}; open it in Word or LibreOffice and save it again"
        ) from exc
    kinds = {e.kind for e in events if isinstance(e, _Break)}
    kind = "rendered" if "rendered" in kinds else "explicit" if kinds else ""
    page_texts = [normalise_page(page) for page in _pages(events, kind)]
    _check_size(sum(map(len, page_texts)))
    if not kind:
        return Extracted(page_texts[0], (), title, date)
    text, pages = join_pages(page_texts)
    return Extracted(text, pages, title, date)


def _check_zip(data: bytes) -> None:
    """Refuse what is not a zip (an old binary .doc, random bytes) or unpacks absurdly large.
    zipfile stops reading a member at its declared size, so the declared sizes are a bound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, *_MALFORMED) as exc:
        raise DocumentError(
            f"cannot read DOCX: not a Word .docx file ({_reason(exc)}); an old .doc must be saved as .docx first"
        ) from exc
    if unpacked > MAX_UNZIPPED_BYTES:
        raise DocumentError(
            f"cannot read DOCX: it unpacks to {unpacked:,} bytes, over the {MAX_UNZIPPED_BYTES:,}-byte limit"
        )


def _pages(events: list[_Event], kind: str) -> list[str]:
    """Group the blocks into pages, starting a page at each break of ``kind`` (others ignored)."""
    pages: list[list[str]] = [[]]
    line: list[str] = []

    def flush() -> None:
        if "".join(line).strip():
            pages[-1].append("".join(line))
        line.clear()

    for event in events:
        if event is _END:
            flush()
        elif isinstance(event, _Break):
            if event.kind == kind:
                flush()
                pages.append([])
        else:
            line.append(str(event))
    flush()
    return [PAGE_JOIN.join(blocks) for blocks in pages]


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _qn(tag: str) -> str:
    """"w:p" → the element's full name, as lxml spells it."""
    return f"{{{_W}}}{tag.removeprefix('w:')}"


def _body_events(container: Any) -> Iterator[_Event]:
    """Paragraphs and table rows of the body (or of a content control), in order."""
    for child in container.iterchildren():
        if child.tag == _qn("w:p"):
            yield from _paragraph_events(child)
            yield _END
        elif child.tag == _qn("w:tbl"):
            yield from _table_events(child)
        elif child.tag == _qn("w:sdt"):
            for content in child.iterchildren(_qn("w:sdtContent")):
                yield from _body_events(content)


def _table_events(table: Any) -> Iterator[_Event]:
    """One block per row: its non-empty cells joined by " | " (nested tables flattened)."""
    for row in table.iterchildren(_qn("w:tr")):
        first = True
        for cell in (_cell_events(tc) for tc in row.iterchildren(_qn("w:tc"))):
            if "".join(e for e in cell if isinstance(e, str)).strip():
                yield from ([] if first else [" | "])
                yield from cell
                first = False
            else:  # an empty cell adds no text, but a page that begins in it still begins
                yield from (e for e in cell if isinstance(e, _Break))
        yield _END


def _cell_events(cell: Any) -> list[_Event]:
    """A cell's paragraphs (and those of tables inside it) joined by spaces; text boxes left out."""
    events: list[_Event] = []
    for paragraph in _CELL_PARAGRAPHS(cell):
        events.extend([" "] if events else [])
        events.extend(_paragraph_events(paragraph))
    return events


# Visible runs: plain, in links, tracked insertions and moves, fields, inline content controls
# (not tracked deletions); and the parts of a run that carry text or a break.
_RUNS = etree.XPath(
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:moveTo/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
    " | ./w:sdt/w:sdtContent/w:r",
    namespaces={"w": _W},
)
_RUN_PARTS = etree.XPath(
    "w:t | w:tab | w:ptab | w:br | w:cr | w:noBreakHyphen | w:lastRenderedPageBreak", namespaces={"w": _W}
)
_CELL_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::w:txbxContent)]", namespaces={"w": _W})


def _paragraph_events(paragraph: Any) -> Iterator[_Event]:
    """The paragraph's visible text (tracked deletions excluded) and the page breaks in it."""
    before = paragraph.find(f"{_qn('w:pPr')}/{_qn('w:pageBreakBefore')}")
    if before is not None and before.get(_qn("w:val"), "true") not in ("0", "false", "off"):
        yield _Break("explicit")
    for run in _RUNS(paragraph):
        for part in _RUN_PARTS(run):
            yield _run_part(part)


_RUN_TEXT: dict[str, Callable[[Any], _Event]] = {
    "t": lambda e: e.text or "",
    "tab": lambda e: "\t",
    "ptab": lambda e: "\t",
    "cr": lambda e: "\n",
    "noBreakHyphen": lambda e: "-",
    "lastRenderedPageBreak": lambda e: _Break("rendered"),
    # a line break; a column break reads as one too; a page break starts a page
    "br": lambda e: _Break("explicit") if e.get(_qn("w:type")) == "page" else "\n",
}


def _run_part(element: Any) -> _Event:
    return _RUN_TEXT[str(element.tag).rsplit("}", 1)[-1]](element)


EXTRACTORS: dict[str, Callable[[bytes], Extracted]] = {".pdf": extract_pdf, ".docx": extract_docx}
