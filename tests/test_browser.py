"""The chat UI in a real headless browser: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it is pointed at /usr/bin/chromium (install.sh
installs Debian's package). Screenshots go to artifacts/ (gitignored); those of the document
library, filters and saved chats to artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from test_app import FACT_ARTICLE, SAMPLE_Q, SCRIPT_ARTICLE, running_app

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TOKENS_SHOWN = (
    "() => { const d = document.querySelector('#chat .drafting .draft'); return d && d.textContent.length > 20; }"
)
ANSWER_TIMEOUT = 120_000  # ms; a streamed, verified answer takes ~5-10 s on 2 cores


def missing(reason: str) -> NoReturn:
    """In CI (``CI`` set, as .ci/run does) a missing browser fails: a skip would leave CI green
    without the browser tests having run. Elsewhere it skips, saying what to install."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run)")
    pytest.skip(reason=reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        missing("Debian's chromium is missing: apt-get install -y chromium (install.sh does it as root)")
    try:
        from playwright import sync_api
    except ImportError:
        missing("playwright is not installed: .venv/bin/pip install -r requirements.txt")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(tmp_path_factory.mktemp("browser-app")) as app_url:
        yield app_url


def open_page(browser: object, url: str, errors: list[str]) -> object:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(url)
    page.wait_for_selector("#question textarea")
    return page


def ask(page: object, question: str, turn: int, wait_for_tokens: bool = False) -> object:
    """Type a question, see the raw tokens stream, then wait for this turn's verified answer."""
    page.fill("#question textarea", question)  # type: ignore[attr-defined]
    page.click("#ask")  # type: ignore[attr-defined]
    if wait_for_tokens:  # the raw tokens grow in the bubble before the verified answer replaces them
        page.wait_for_selector("#chat .drafting", timeout=ANSWER_TIMEOUT)  # type: ignore[attr-defined]
        page.wait_for_function(  # type: ignore[attr-defined]
            TOKENS_SHOWN, timeout=ANSWER_TIMEOUT
        )
    page.wait_for_selector(f'#sources section.turn[data-turn="{turn}"]', timeout=ANSWER_TIMEOUT)  # type: ignore[attr-defined]
    return page.locator("#chat .answer").last  # type: ignore[attr-defined]


def shot(page: object, name: str) -> None:
    """A full-page screenshot at ``artifacts/<name>`` (``name`` may hold a subfolder)."""
    (ARTIFACTS / name).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)  # type: ignore[attr-defined]


def test_browser_chat_citations_uploads_and_escaping(browser: object, url: str, tmp_path: Path) -> None:
    errors: list[str] = []
    page = open_page(browser, url, errors)

    answer = ask(page, SAMPLE_Q, turn=1, wait_for_tokens=True)
    marker = answer.locator("a.cite").first
    assert re.fullmatch(r"\[\d+\]", marker.inner_text())
    target = marker.get_attribute("href").lstrip("#")
    card = page.locator(f"#sources #{target}")
    assert "190 miles" in card.locator("mark").inner_text()
    assert answer.locator(".mode").inner_text() in ("generated", "repaired", "extractive")
    shot(page, "ui-answer.png")

    page.locator("#sources").evaluate("el => el.scrollTo(0, el.scrollHeight)")
    marker.click()
    page.wait_for_function(f"document.getElementById('{target}').classList.contains('active')")
    page.wait_for_timeout(700)  # smooth scroll
    assert card.is_visible() and _in_view(page, target)
    shot(page, "ui-citation-clicked.png")

    fact, script = tmp_path / "zorblat ferry.txt", tmp_path / "orchard.txt"
    fact.write_text(FACT_ARTICLE)
    script.write_text(SCRIPT_ARTICLE)
    page.set_input_files("#upload input[type=file]", [str(fact), str(script)])
    page.wait_for_selector("#upload-report .ok", timeout=ANSWER_TIMEOUT)
    assert "Indexed 2 file(s)" in page.inner_text("#upload-report")
    assert re.search(r"Documents\s+7", page.inner_text("#index-status"))

    answer = ask(page, "How many passengers does the Zorblat harbour ferry carry per crossing?", turn=2)
    assert "412" in answer.inner_text()
    assert "412 passengers" in page.locator('#sources section.turn[data-turn="2"] mark').first.inner_text()
    shot(page, "ui-upload-answer.png")

    sneaky = 'How many visitors did the Quillon valley orchard festival draw? <img src=x onerror="window.__pwned=3">'
    ask(page, sneaky, turn=3)
    sources = page.locator('#sources section.turn[data-turn="3"]')
    assert "<script>window.__pwned = 1</script>" in sources.inner_text()  # shown as text
    assert sources.locator("script, img").count() == 0
    assert page.locator("#chat img[src=x]").count() == 0 and "onerror" in page.inner_text("#chat")
    assert page.evaluate("window.__pwned") is None
    shot(page, "ui-escaped-html.png")

    page.get_by_role("button", name="Who won the 2018 FIFA World Cup?").click()
    page.wait_for_selector('#sources section.turn[data-turn="4"]', timeout=ANSWER_TIMEOUT)
    assert page.locator("#chat .abstain").count() == 1
    assert page.locator('#sources section.turn[data-turn="4"] details.nearest[open] .source').count() >= 1
    shot(page, "ui-abstained.png")
    assert not errors, errors


def test_browser_two_tabs_get_their_own_answers(browser: object, url: str) -> None:
    errors: list[str] = []
    first, second = open_page(browser, url, errors), open_page(browser, url, errors)
    questions = {first: "Who is the Kremlin spokesman?", second: SAMPLE_Q}
    for page, question in questions.items():
        page.fill("#question textarea", question)
        page.click("#ask")
    for page, question in questions.items():
        page.wait_for_selector('#sources section.turn[data-turn="1"]', timeout=2 * ANSWER_TIMEOUT)
        assert page.locator("#chat .q").all_inner_texts() == [question]
        assert question in page.inner_text("#sources .turn-q")
    assert "Peskov" in first.inner_text("#chat .answer")
    assert "190" in second.inner_text("#chat .answer")
    assert not errors, errors


def _in_view(page: object, element_id: str) -> bool:
    """Whether the element is inside both the window and its scrolling sources panel."""
    return page.evaluate(  # type: ignore[attr-defined]
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   const p = document.getElementById('sources').getBoundingClientRect();
                   return r.top < Math.min(window.innerHeight, p.bottom) && r.bottom > Math.max(0, p.top); }""",
        element_id,
    )


# -- the document library, filters, saved and exported chats ----------------------------------
BRIDGE_ARTICLE = (
    "Quennel Creek Footbridge Opens\n\nOutlet: Valley Courier\n\n"
    "The Quennel Creek footbridge opened on Tuesday after two years of work. The bridge is 84 metres long, "
    "the engineer Tomas Ellefsen said. Cyclists must dismount while crossing.\n"
)
LIGHTHOUSE_PAGES = (  # page 2 alone holds the fact asked about
    ("Varnholt Lighthouse Survey", "Outlet: Coastal Ledger", "Published 2024-11-20",
     "The survey team visited the Varnholt lighthouse in spring."),
    ("The Varnholt lighthouse lamp is visible from 37 kilometres away, the keeper Mireille Oskarsdottir said.",
     "The lamp was replaced in 2019."),
    ("Visitors can climb the tower on Sundays.", "Tickets cost four euros."),
)  # fmt: skip


def lighthouse_pdf(path: Path) -> Path:
    """A three-page PDF (reportlab) whose page 2 states how far the lamp is seen."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.setTitle("Varnholt Lighthouse Survey")
    for lines in LIGHTHOUSE_PAGES:
        for i, line in enumerate(lines):
            pdf.drawString(60, 790 - 20 * i, line)
        pdf.showPage()
    pdf.save()
    return path


def upload(page: object, *files: Path) -> str:
    """Upload files through the sidebar; the upload report once they are indexed."""
    page.set_input_files("#upload input[type=file]", [str(f) for f in files])  # type: ignore[attr-defined]
    page.wait_for_selector("#upload-report .ok, #upload-report .skip", timeout=ANSWER_TIMEOUT)  # type: ignore[attr-defined]
    return page.inner_text("#upload-report")  # type: ignore[attr-defined]


def card_of(page: object, answer: object, doc_id: str) -> tuple[object, object]:
    """The answer's first marker whose source card is document ``doc_id``, and that card."""
    for marker in answer.locator("a.cite").all():  # type: ignore[attr-defined]
        card = page.locator(f"#sources #{marker.get_attribute('href').lstrip('#')}")  # type: ignore[attr-defined]
        if card.locator(".doc-id").inner_text() == doc_id:
            return marker, card
    raise AssertionError(f"no marker of the answer cites {doc_id}: {answer.inner_html()}")  # type: ignore[attr-defined]


def documents_count(page: object) -> int:
    match = re.search(r"Documents\s+(\d+)", page.inner_text("#index-status"))  # type: ignore[attr-defined]
    assert match, page.inner_text("#index-status")  # type: ignore[attr-defined]
    return int(match.group(1))


def library_row(page: object, doc_id: str) -> object:
    return page.locator("#library-table [role=row]", has_text=doc_id)  # type: ignore[attr-defined]


def test_browser_pdf_upload_cites_its_page(browser: object, url: str, tmp_path: Path) -> None:
    from rag.load import SUFFIXES

    assert ".pdf" in SUFFIXES  # PDF loading (rag.formats) must be in place for this test
    errors: list[str] = []
    page = open_page(browser, url, errors)
    report = upload(page, lighthouse_pdf(tmp_path / "Varnholt Lighthouse.pdf"))
    assert "Indexed 1 file(s)" in report and "Varnholt-Lighthouse.pdf" in report, report

    answer = ask(page, "How far away is the Varnholt lighthouse lamp visible?", turn=1)
    assert "37" in answer.inner_text()
    marker, card = card_of(page, answer, "Varnholt-Lighthouse")
    title = marker.get_attribute("title")  # the hover preview: quote, outlet, date, page
    assert "37 kilometres" in title and title.endswith("— Coastal Ledger · 2024-11-20 · p. 2"), title
    page.locator("#sources").evaluate("el => el.scrollTo(0, el.scrollHeight)")
    marker.click()
    page.wait_for_function(f"document.getElementById('{card.get_attribute('id')}').classList.contains('active')")
    assert card.locator(".byline").inner_text() == "Coastal Ledger · 2024-11-20 · p. 2"
    assert "visible from 37 kilometres away" in card.locator("mark").inner_text()
    page.wait_for_timeout(700)  # smooth scroll
    assert _in_view(page, card.get_attribute("id"))
    shot(page, "screenshots/pdf-page-2-citation.png")

    page.get_by_role("tab", name="Library").click()
    row = library_row(page, "Varnholt-Lighthouse")
    row.wait_for()
    cells = row.locator("[role=gridcell]").all_inner_texts()
    assert [c.strip() for c in cells[:4]] == ["Varnholt Lighthouse Survey", "Coastal Ledger", "2024-11-20", "3"]
    assert cells[6].strip() == "upload"
    assert not errors, errors


def test_browser_removed_document_no_longer_answers(browser: object, url: str, tmp_path: Path) -> None:
    errors: list[str] = []
    page = open_page(browser, url, errors)
    (tmp_path / "quennel bridge.txt").write_text(BRIDGE_ARTICLE)
    assert "Indexed 1 file(s)" in upload(page, tmp_path / "quennel bridge.txt")
    question = "How long is the Quennel Creek footbridge?"
    answer = ask(page, question, turn=1)
    assert "84" in answer.inner_text()
    card_of(page, answer, "quennel-bridge")
    before = documents_count(page)

    page.get_by_role("tab", name="Library").click()
    row = library_row(page, "quennel-bridge")
    row.locator("[role=gridcell]").first.click()  # a click anywhere in the row chooses it
    page.wait_for_function("document.querySelector('#library-pick input').value.includes('(quennel-bridge)')")
    page.wait_for_selector("#library-details .doc-details")
    assert "Quennel Creek Footbridge Opens" in page.inner_text("#library-details")
    page.click("#library-remove")
    page.wait_for_selector("#library-note .ok", timeout=ANSWER_TIMEOUT)
    assert page.inner_text("#library-note") == "Removed quennel-bridge and its uploaded file."
    row.wait_for(state="detached")
    assert documents_count(page) == before - 1
    assert page.locator("#library-pick input").input_value() == ""
    shot(page, "screenshots/library-document-removed.png")

    page.get_by_role("tab", name="Chat").click()
    answer = ask(page, question, turn=2)
    turn = page.locator('#sources section.turn[data-turn="2"]')
    assert turn.locator(".doc-id", has_text="quennel-bridge").count() == 0  # not even retrieved
    assert "84 metres" not in answer.inner_text()
    shot(page, "screenshots/library-removed-answer-gone.png")
    assert not errors, errors


def test_browser_outlet_filter_limits_the_sources(browser: object, url: str) -> None:
    errors: list[str] = []
    page = open_page(browser, url, errors)
    page.click("#filter-outlets input")
    page.get_by_role("option", name="Reuters").click()
    page.keyboard.press("Escape")
    ask(page, "How many North Korean troops are in Russia?", turn=1)
    assert "Only: outlet Reuters" in page.inner_text("#chat .filters-used")
    turn = page.locator('#sources section.turn[data-turn="1"]')
    assert turn.locator(".source.cited").count() >= 1
    bylines = turn.locator(".source .byline").all_text_contents()  # cited, and uncited ones collapsed
    assert bylines and all(b.startswith("Reuters") for b in bylines), bylines
    assert turn.locator(".source").count() == len(bylines)
    shot(page, "screenshots/filter-outlet-reuters.png")
    assert not errors, errors


def test_browser_chat_survives_a_reload(browser: object, url: str) -> None:
    errors: list[str] = []
    page = open_page(browser, url, errors)
    question = "Who is the Kremlin spokesman?"
    ask(page, question, turn=1)
    said = page.inner_text("#chat .answer")
    assert "Peskov" in said
    page.wait_for_selector("#export-md:not([disabled])")  # set by the same step that saves the chat

    page.reload()
    page.wait_for_selector('#sources section.turn[data-turn="1"] .source.cited', timeout=ANSWER_TIMEOUT)
    assert page.locator("#chat .q").all_inner_texts() == [question]
    assert page.inner_text("#chat .answer") == said
    assert question in page.inner_text("#sources .turn-q")
    shot(page, "screenshots/chat-restored-after-reload.png")

    # the restored conversation is the one a follow-up is resolved against
    answer = ask(page, "What did he say about it?", turn=2)
    assert "Peskov" in answer.inner_text() and answer.locator(".abstain").count() == 0
    assert answer.locator('a.cite[href^="#src-2-"]').count() >= 1

    page.click("#new-chat")
    page.wait_for_selector("#export-md[disabled]")
    ask(page, "Who won the 2018 FIFA World Cup?", turn=1)  # a new chat starts again at turn 1
    assert page.locator("#chat .q").count() == 1
    page.click("#new-chat")
    page.wait_for_selector("#export-md[disabled]")
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_timeout(1500)  # a restored chat would have appeared by now
    assert page.locator("#chat .q").count() == 0 and "Ask a question" in page.inner_text("#sources")
    assert not errors, errors


def test_browser_exports_markdown_and_json(browser: object, url: str) -> None:
    errors: list[str] = []
    page = open_page(browser, url, errors)
    answer = ask(page, SAMPLE_Q, turn=1)
    quote = " ".join(page.locator('#sources section.turn[data-turn="1"] .source.cited mark').first.inner_text().split())
    assert "190 miles" in quote
    page.wait_for_selector("#export-md:not([disabled])")
    shot(page, "screenshots/chat-export-buttons.png")

    with page.expect_download() as markdown_download:
        page.click("#export-md")
    markdown = markdown_download.value
    assert re.fullmatch(r"chat-\d{8}-\d{6}\.md", markdown.suggested_filename), markdown.suggested_filename
    text = Path(markdown.path()).read_text(encoding="utf-8")
    assert f"## 1. {SAMPLE_Q}" in text and f"“{quote}”" in text  # the citation, quoted
    answer_text = " ".join(answer.locator(".answer-text").inner_text().split())
    assert answer_text in " ".join(text.split()), (answer_text, text)

    with page.expect_download() as json_download:
        page.click("#export-json")
    data = json_download.value
    assert re.fullmatch(r"chat-\d{8}-\d{6}\.json", data.suggested_filename), data.suggested_filename
    chat = json.loads(Path(data.path()).read_text(encoding="utf-8"))
    assert chat["format"] == "rag-chat/1" and [t["question"] for t in chat["turns"]] == [SAMPLE_Q]
    saved = chat["turns"][0]["answer"]
    assert " ".join(saved["text"].split()) == answer_text
    assert quote in [" ".join(c["quote"].split()) for c in saved["citations"]]
    assert not errors, errors
