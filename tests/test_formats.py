"""PDF and DOCX loading (rag.formats via rag.load): text, page offsets, metadata, clear errors.

Every file is generated here (reportlab for PDFs, python-docx for Word files); nothing is downloaded.
"""

from __future__ import annotations

import io
import logging
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from rag import formats
from rag.errors import DocumentError
from rag.load import find_files, load_file, load_paths

# One distinct sentence per page; page 1 opens with a headline.
PAGES = [
    ["City council approves the new river bridge", "The council voted on Monday to build a bridge over the river."],
    ["The new bridge will cost 45 million euros, the mayor said."],
    ["Construction of the bridge is expected to finish in 2027."],
]


def pdf_bytes(pages: list[list[str]], title: str = "", encrypt: StandardEncryption | None = None) -> bytes:
    """A PDF with one page per item, each line drawn as text; a page given as [] holds only shapes."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1, encrypt=encrypt)  # invariant: fixed creation date 2000-01-01
    if title:
        pdf.setTitle(title)
    for lines in pages:
        if not lines:
            pdf.rect(72, 500, 300, 200, fill=1)  # a "scanned" page: drawing, no text
            pdf.circle(300, 300, 80)
        for i, line in enumerate(lines):
            pdf.drawString(72, 760 - 16 * i, line)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_three_page_pdf_has_exact_text_and_page_offsets(tmp_path):
    doc = load_file(write(tmp_path / "bridge.pdf", pdf_bytes(PAGES, title="Bridge approved by council")))
    page_texts = ["\n".join(lines) for lines in PAGES]
    assert doc.text == "\n\n".join(page_texts)
    assert doc.pages == (0, len(page_texts[0]) + 2, len(page_texts[0]) + len(page_texts[1]) + 4)
    for number, lines in enumerate(PAGES, 1):
        for line in lines:
            start = doc.text.index(line)
            assert doc.text[start : start + len(line)] == line
            assert doc.page_at(start) == number
            assert doc.page_at(start + len(line) - 1) == number
    assert doc.title == "Bridge approved by council"  # the PDF's /Title
    assert doc.date == "2000-01-01"  # no date in the text: the PDF's creation date


def test_pdf_title_placeholder_and_date_in_text(tmp_path):
    pages = [["Budget vote delayed", "Published 2024-11-19 in the city paper."]]
    doc = load_file(write(tmp_path / "budget_vote.pdf", pdf_bytes(pages, title="untitled")))
    assert doc.title == "Budget vote delayed"  # "untitled" is no title: the headline is
    assert doc.date == "2024-11-19"  # a date the text states beats the file's creation date


def test_page_without_text_keeps_its_place(tmp_path):
    doc = load_file(write(tmp_path / "mixed.pdf", pdf_bytes([PAGES[0], [], PAGES[2]])))
    assert len(doc.pages) == 3
    assert doc.pages[1] < doc.pages[2]
    assert doc.page_at(doc.text.index(PAGES[2][0])) == 3
    assert doc.page_at(doc.text.index(PAGES[0][1])) == 1


def test_citation_from_a_pdf_names_the_page(tmp_path, embedder):
    from rag.index import build_index
    from rag.pipeline import Assistant
    from rag.settings import Settings
    from rag.store import read_generation

    class NoGenerator:  # extractive mode never generates; any call fails the test
        def __getattr__(self, name):
            pytest.fail(f"the generator was used ({name})")

    write(tmp_path / "bridge.pdf", pdf_bytes(PAGES))
    settings = Settings.load(index_dir=tmp_path / "index", answer_mode="extractive")
    build_index([tmp_path / "bridge.pdf"], settings, embedder)
    assistant = Assistant(settings, embedder, NoGenerator(), read_generation(settings.index_dir))  # type: ignore[arg-type]
    stored = assistant.index.documents["bridge"]
    assert stored.pages == load_file(tmp_path / "bridge.pdf").pages  # the index keeps the page offsets

    answer = assistant.ask("How much will the new bridge cost?")
    assert not answer.abstained, answer.text
    assert "45 million euros" in answer.text
    cost = next(c for c in answer.citations if "45 million" in c.quote)
    assert cost.quote == stored.text[cost.start : cost.end]
    assert cost.page == 2
    assert all(c.page == stored.page_at(c.start) for c in answer.citations)


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _article(document) -> None:
    document.add_heading("Bridge vote in the council", level=1)
    document.add_paragraph("The council approved the bridge on Monday.")
    table = document.add_table(rows=2, cols=3)
    for (row, col), text in {(0, 0): "Item", (0, 1): "Cost", (1, 0): "Bridge", (1, 1): "45 million euros"}.items():
        table.cell(row, col).text = text
    document.add_page_break()
    document.add_paragraph("Work starts in spring, the mayor said.")


def test_docx_heading_paragraphs_table_and_page_break(tmp_path):
    doc = load_file(write(tmp_path / "vote.docx", docx_bytes(_article)))
    page_one = (
        "Bridge vote in the council\n\nThe council approved the bridge on Monday."
        "\n\nItem | Cost\n\nBridge | 45 million euros"  # table rows: non-empty cells joined by " | "
    )
    assert doc.text == page_one + "\n\nWork starts in spring, the mayor said."
    assert doc.pages == (0, len(page_one) + 2)
    assert doc.page_at(doc.text.index("45 million")) == 1
    assert doc.page_at(doc.text.index("Work starts")) == 2
    assert doc.title == "Bridge vote in the council"  # no title property: the heading
    assert doc.date == ""  # python-docx's template date (2013) is not the document's


def test_docx_metadata_title_and_date(tmp_path):
    def build(document) -> None:
        _article(document)
        document.core_properties.title = "Council approves bridge"
        document.core_properties.created = datetime(2024, 11, 19, 9, 30, tzinfo=UTC)

    doc = load_file(write(tmp_path / "meta.docx", docx_bytes(build)))
    assert (doc.title, doc.date) == ("Council approves bridge", "2024-11-19")


def test_docx_rendered_page_breaks_win_and_are_not_double_counted(tmp_path):
    """Word marks where each page began (hard breaks included); with those markers the
    explicit breaks are not counted again."""

    def rendered_break(paragraph) -> None:
        paragraph.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))

    def build(document) -> None:
        document.add_paragraph("Page one text.")
        document.add_page_break()  # a hard break; Word marks the next page's start too:
        second = document.add_paragraph()
        rendered_break(second)
        second.add_run("Page two text runs long and")
        rendered_break(second)  # a page Word filled up: it begins mid-paragraph
        second.add_run(" ends on page three.")

    doc = load_file(write(tmp_path / "word.docx", docx_bytes(build)))
    assert doc.text == "Page one text.\n\nPage two text runs long and\n\nends on page three."
    assert len(doc.pages) == 3
    assert [doc.page_at(doc.text.index(s)) for s in ("Page one", "Page two", "ends on")] == [1, 2, 3]


def test_docx_without_page_breaks_is_not_paged(tmp_path):
    doc = load_file(write(tmp_path / "flat.docx", docx_bytes(lambda d: d.add_paragraph("One page of text."))))
    assert doc.text == "One page of text."
    assert doc.pages == () and doc.page_at(5) == 0


def test_image_only_pdf_is_skipped_with_no_text_layer(tmp_path):
    write(tmp_path / "scan.pdf", pdf_bytes([[], []]))
    result = load_paths([tmp_path], 10_000_000, outlets=())
    assert result.documents == ()
    assert len(result.skipped) == 1
    assert result.skipped[0].reason.startswith("no text layer") and "OCR" in result.skipped[0].reason


@pytest.mark.parametrize("maker", ["reportlab", "pypdf"])
def test_password_protected_pdf_is_refused_clearly(tmp_path, maker):
    if maker == "reportlab":
        data = pdf_bytes(PAGES, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    else:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(PAGES))))
        writer.encrypt("secret")
        buf = io.BytesIO()
        writer.write(buf)
        data = buf.getvalue()
    with pytest.raises(DocumentError, match=r"^encrypted PDF: .*password"):
        load_file(write(tmp_path / "locked.pdf", data))


def test_pdf_locked_only_with_an_owner_password_loads(tmp_path):
    data = pdf_bytes(PAGES, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    doc = load_file(write(tmp_path / "owner_only.pdf", data))
    assert doc.text == "\n\n".join("\n".join(lines) for lines in PAGES)
    assert len(doc.pages) == 3


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _truncated_document_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx_bytes(_article))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:300]
    return _zip(members)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("truncated.pdf", lambda: pdf_bytes(PAGES)[:900], r"^cannot read PDF: .*damaged or truncated"),
        ("header_only.pdf", lambda: b"%PDF-1.4\n", r"^cannot read PDF"),
        ("empty.pdf", lambda: b"", r"^file is empty"),
        ("random.docx", lambda: os.urandom(2048), r"^cannot read DOCX: not a Word \.docx file"),
        ("old_word.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), r"saved as \.docx"),
        ("other_zip.docx", lambda: _zip({"notes.txt": b"hello"}), r"^cannot read DOCX"),
        ("broken_xml.docx", _truncated_document_xml, r"^cannot read DOCX: .*save it again"),
    ],
)
def test_broken_files_raise_clear_errors(tmp_path, name, data, message):
    with pytest.raises(DocumentError, match=message):
        load_file(write(tmp_path / name, data()))


def test_size_guards(tmp_path, monkeypatch):
    monkeypatch.setattr(formats, "MAX_PAGES", 2)
    with pytest.raises(DocumentError, match="3 pages, over the 2-page limit"):
        load_file(write(tmp_path / "long.pdf", pdf_bytes(PAGES)))
    monkeypatch.setattr(formats, "MAX_UNZIPPED_BYTES", 10_000)  # a real DOCX unpacks to ~36 kB
    with pytest.raises(DocumentError, match=r"unpacks to .* over the 10,000-byte limit"):
        load_file(write(tmp_path / "bomb.docx", docx_bytes(_article)))
    with pytest.raises(DocumentError, match="limit"):  # the file-size limit applies to PDFs too
        load_file(tmp_path / "long.pdf", max_bytes=100)


def test_batch_with_a_broken_pdf_still_loads_the_rest(tmp_path):
    write(tmp_path / "good.pdf", pdf_bytes(PAGES))
    write(tmp_path / "broken.pdf", pdf_bytes(PAGES)[:700])
    (tmp_path / "other.txt").write_text("A plain text article about the bridge budget.")
    (tmp_path / "~$good.docx").write_bytes(b"\x05Word lock file")  # Word's lock file: not a document
    result = load_paths([tmp_path], 10_000_000, outlets=())
    assert [d.doc_id for d in result.documents] == ["good", "other"]
    assert [(Path(s.path).name, s.reason.split(":")[0]) for s in result.skipped] == [("broken.pdf", "cannot read PDF")]
    assert [p.name for p in find_files([tmp_path])] == ["broken.pdf", "good.pdf", "other.txt"]


def test_pypdf_repair_warnings_stay_out_of_the_output(tmp_path, caplog):
    data = pdf_bytes(PAGES)
    xref = data.index(b"\nxref\n")
    entry = data.index(b" 00000 n", xref) - 10  # the first object's offset: point it at nonsense
    broken = data[:entry] + b"0000000001" + data[entry + 10 :]
    path = write(tmp_path / "repaired.pdf", broken)
    with caplog.at_level(logging.WARNING):
        assert load_file(path).page_at(load_file(path).text.index("45 million")) == 2
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    try:  # the same file does make pypdf warn: the quiet above is the logger level, not luck
        pypdf_logger.setLevel(logging.WARNING)
        with caplog.at_level(logging.WARNING):
            load_file(path)
        assert [r for r in caplog.records if r.name.startswith("pypdf")]
    finally:
        pypdf_logger.setLevel(level)


def test_normalise_page():
    raw = "Lead\u00a0 \r\nThe \ufb01rst Ukrain\u00ad\nian long-\nrange strike\x00.\n\n\n\n\fNext   \n"
    assert formats.normalise_page(raw) == "Lead\nThe first Ukrainian long-\nrange strike.\n\nNext"


def test_uploads_accept_pdf_and_docx():
    from ui.uploads import safe_name

    assert safe_name("Report 2024.PDF") == "Report-2024.pdf"
    assert safe_name("notes.docx") == "notes.docx"
    assert safe_name("sheet.xlsx") is None
