"""The chat UI in a real headless browser: Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it is pointed at /usr/bin/chromium (install.sh
installs Debian's package). Screenshots go to artifacts/ (gitignored).
"""

from __future__ import annotations

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
    page.wait_for_selector("#chat .drafting", timeout=ANSWER_TIMEOUT)  # type: ignore[attr-defined]
    if wait_for_tokens:  # the raw tokens grow in the bubble before the verified answer replaces them
        page.wait_for_function(  # type: ignore[attr-defined]
            TOKENS_SHOWN, timeout=ANSWER_TIMEOUT
        )
    page.wait_for_selector(f'#sources section.turn[data-turn="{turn}"]', timeout=ANSWER_TIMEOUT)  # type: ignore[attr-defined]
    return page.locator("#chat .answer").last  # type: ignore[attr-defined]


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
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
