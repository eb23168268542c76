"""Bad and unusual input files: each is indexed correctly or skipped with a warning naming it,
and the rest of the batch always lands (``BuildReport.skipped``)."""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path

import numpy as np
import pytest

from rag import store
from rag.chunk import _pieces, chunk_document, clean_view, sentence_spans
from rag.index import BuildReport, build_index
from rag.load import load_file
from rag.settings import Settings

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
MB = 1024 * 1024
HTML = """<!doctype html><html><head><title>Kremlin rejects missile decision</title>
<script>var tracker = "SCRIPTHEAD"; function track(){}</script>
<style>.ad { color: red } /* STYLEHEAD */</style></head>
<body><header><nav><a href="/">Home</a> | <a href="/world">World</a> | NAVLINKS</nav></header>
<article><h1>Kremlin rejects missile decision</h1>
<p>Dmitry Peskov said on Tuesday that the decision to allow long-range strikes was reckless and dangerous.</p>
<script>document.write("SCRIPTBODY")</script>
<p>Ukraine fired six ATACMS missiles at a weapons depot in the Bryansk region, the ministry said.</p>
<noscript>NOSCRIPTTEXT enable javascript</noscript>
<p>Officials in Washington declined to comment on the strike, citing operational security concerns.</p>
<style>p { margin: 0 } /* STYLEBODY */</style></article>
<footer>Copyright Example News. All rights reserved. FOOTERTEXT</footer></body></html>"""
LONG_LINE = "The convoy moved north past the checkpoint near Kupiansk on the morning of the attack. " * 300


def png_bytes() -> bytes:
    """A real PNG image (a small gradient written by matplotlib)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    plt.imsave(buffer, np.linspace(0, 1, 64 * 64).reshape(64, 64), format="png")
    return buffer.getvalue()


def write_batch(folder: Path) -> dict[str, Path]:
    """The five sample articles plus one file of every awkward kind."""
    folder.mkdir()
    for article in ARTICLES.glob("*.txt"):
        (folder / article.name).write_bytes(article.read_bytes())
    files = {
        "empty": b"",
        "blank": b" \n\t\r\n   \n",
        "image": png_bytes(),
        "cp1252": "Caf\u00e9 owners in Kyiv paid 5 \u20ac for bread \u2013 a \u201crecord\u201d price.\n".encode(
            "cp1252"
        ),
        "latin1": "Z\u00fcrich bankers met S\u00e3o Paulo investors; \u00bd of them left.\n".encode("latin-1"),
        "bom": "\ufeffThe reporters in Odesa counted nine drones overnight.\n".encode(),
        "mixed": b"Ferry headline for the harbour\r\rThe ferry left Odesa at dawn.\r\n"
        b"It carried grain to Istanbul.\nThe crew numbered 14.\rThe captain said the sea was calm.",
        "longline": LONG_LINE.encode(),  # one 26 KB line
        "nospaces": ("Z" * 30_000).encode(),
        "dup_a": b"Duplicate article about the Kherson bridge repairs. Engineers finished on Friday.",
        "dup_b": b"Duplicate article about the Kherson bridge repairs. Engineers finished on Friday.",
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_bytes(data)
    paths["page"] = folder / "page.html"
    paths["page"].write_text(HTML, encoding="utf-8")
    paths["huge"] = folder / "huge.txt"
    with open(paths["huge"], "wb") as handle:  # 50 MB of real text, over the 20 MB default limit
        block = b"".join(a.read_bytes() for a in sorted(ARTICLES.glob("*.txt")))
        while handle.tell() < 50 * MB:
            handle.write(block)
    return paths


@pytest.fixture(scope="module")
def batch(tmp_path_factory, embedder) -> tuple[BuildReport, store.StoredIndex, dict[str, Path], list[str]]:
    root = tmp_path_factory.mktemp("robust")
    paths = write_batch(root / "batch")
    settings = Settings.load(index_dir=root / "idx")
    assert settings.max_file_bytes == 20_000_000, "the test relies on the default size limit"
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("rag.load")
    level = logger.level
    logger.setLevel(logging.INFO)  # skips are logged at INFO: the CLI/UI/API show the report once
    logger.addHandler(handler)
    try:
        report = build_index([root / "batch"], settings, embedder)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return report, store.read_generation(settings.index_dir), paths, records


def skip_reason(report: BuildReport, path: Path) -> str | None:
    return next((s.reason for s in report.skipped if Path(s.path) == path), None)


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty", "empty"), ("blank", "empty"), ("image", "binary"), ("huge", "over the 20,000,000-byte limit")],
)
def test_unusable_files_are_skipped_with_a_warning_naming_them(batch, name, reason):
    report, stored, paths, warnings = batch
    assert reason in (skip_reason(report, paths[name]) or ""), report.skipped
    assert name not in stored.documents
    assert any(str(paths[name]) in w and reason in w for w in warnings), "the warning names the file and why"


def test_the_rest_of_the_batch_lands(batch):
    report, stored, _, _ = batch
    articles = {p.stem for p in ARTICLES.glob("*.txt")}
    expected = articles | {"cp1252", "latin1", "bom", "mixed", "longline", "nospaces", "page"}
    assert expected <= set(stored.documents)
    assert report.documents == len(stored.documents) == len(expected) + 1  # + one of the duplicates
    assert len(report.skipped) == 5  # empty, blank, image, huge, one duplicate
    for chunk in stored.chunks:  # every stored offset is exact, whatever the input looked like
        document = stored.documents[chunk.doc_id]
        assert len(chunk.text) == chunk.end - chunk.start
        assert clean_view(document.text)[chunk.start : chunk.end] == chunk.text


def test_legacy_encodings_and_bom_are_decoded(batch):
    _, stored, _, _ = batch
    assert stored.documents["cp1252"].text.startswith("Caf\u00e9 owners in Kyiv paid 5 \u20ac for bread \u2013")
    assert stored.documents["latin1"].text.startswith("Z\u00fcrich bankers met S\u00e3o Paulo investors; \u00bd")
    bom = stored.documents["bom"]
    assert bom.text.startswith("The reporters") and "\ufeff" not in bom.text


def test_mixed_line_endings_keep_lines_apart(batch):
    _, stored, _, _ = batch
    document = stored.documents["mixed"]
    assert document.title == "Ferry headline for the harbour"
    sentences = [document.text[s.start : s.end] for c in stored.chunks if c.doc_id == "mixed" for s in c.sentences]
    assert sentences[:2] == ["Ferry headline for the harbour", "The ferry left Odesa at dawn."]
    assert "The captain said the sea was calm." in sentences


def test_lone_carriage_returns_are_line_breaks():
    """Old-Mac files ("\\r" only) split like "\\n" files: the headline does not swallow the body."""
    lines = ["Kremlin rejects missile decision", "", "Peskov spoke on Tuesday", "Ukraine fired. Officials confirmed."]
    expected = [
        "Kremlin rejects missile decision",
        "Peskov spoke on Tuesday",
        "Ukraine fired.",
        "Officials confirmed.",
    ]
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(lines)
        assert len(clean_view(text)) == len(text)
        assert [text[s.start : s.end] for s in sentence_spans(text)] == expected, repr(newline)


def test_very_long_lines_are_split_into_bounded_sentences(batch):
    _, stored, _, _ = batch
    for doc_id in ("longline", "nospaces"):
        chunks = [c for c in stored.chunks if c.doc_id == doc_id]
        spans = [s for c in chunks for s in c.sentences]
        assert spans and all(0 < s.end - s.start <= 1000 for s in spans)
    nospaces = [c for c in stored.chunks if c.doc_id == "nospaces"]
    covered = {i for c in nospaces for s in c.sentences for i in range(s.start, s.end)}
    assert len(covered) == 30_000, "no character of the unbroken line is lost"


def test_duplicate_text_is_indexed_once_and_the_copy_flagged(batch):
    report, stored, paths, _ = batch
    assert "dup_a" in stored.documents and "dup_b" not in stored.documents
    reason = skip_reason(report, paths["dup_b"]) or ""
    assert "duplicate" in reason and str(paths["dup_a"]) in reason


def test_html_keeps_the_article_and_drops_scripts_styles_and_boilerplate(batch):
    _, stored, _, _ = batch
    document = stored.documents["page"]
    assert "Peskov said on Tuesday" in document.text and "six ATACMS missiles" in document.text
    assert "operational security concerns" in document.text
    for junk in ("SCRIPTHEAD", "SCRIPTBODY", "track()", "STYLEHEAD", "STYLEBODY", "color: red", "NOSCRIPTTEXT"):
        assert junk not in document.text, junk
    for boilerplate in ("NAVLINKS", "FOOTERTEXT"):
        assert boilerplate not in document.text, boilerplate
    assert document.title == "Kremlin rejects missile decision"
    assert not any("SCRIPT" in c.text or "STYLE" in c.text for c in stored.chunks)


def test_huge_file_loads_when_the_limit_is_raised(batch):
    _, _, paths, _ = batch
    began = time.perf_counter()
    document = load_file(paths["huge"], max_bytes=60 * MB)
    assert document.text.encode("utf-8") == paths["huge"].read_bytes() and document.title
    assert time.perf_counter() - began < 30, "loading is a read + decode, not a crawl"


def test_cutting_a_50mb_line_is_linear():
    """One 50 MB line is pre-cut for the sentence splitter in linear time (was 44 s, quadratic)."""
    block = "word " * (10 * MB)
    began = time.perf_counter()
    pieces = _pieces(7, block, 20_000)
    assert time.perf_counter() - began < 5
    assert "".join(p for _, p in pieces) == block
    assert all(start == 7 + sum(len(p) for _, p in pieces[:i]) for i, (start, _) in enumerate(pieces[:50]))
    assert max(len(p) for _, p in pieces) <= 20_000


@pytest.mark.slow
def test_huge_file_indexes_with_raised_limit_in_bounded_time(batch, tmp_path, embedder):
    """With ``max_file_bytes`` raised, a big file is chunked in time linear in its size and indexed.

    The 50 MB file is loaded whole; chunking is timed on a quarter of it (12.5 MB, about 30,000 chunks)
    against a 0.25 MB sample, fifty times smaller: time growing faster than the size would show there.
    Chunking the whole file took about 10 minutes of a 2-core AMD EPYC's CI run (it proves no more), and
    embedding its chunks would take hours, so the end-to-end index build uses a 1 MB cut of the same text.
    """
    _, _, paths, _ = batch
    loaded = load_file(paths["huge"], max_bytes=60 * MB)
    document = loaded.__class__(doc_id="q", path="q", text=loaded.text[: 50 * MB // 4])
    small = document.text[: MB // 4]
    began = time.perf_counter()
    chunk_document(document.__class__(doc_id="s", path="s", text=small))
    per_byte = (time.perf_counter() - began) / len(small)
    began = time.perf_counter()
    chunks = chunk_document(document)
    seconds = time.perf_counter() - began
    assert seconds < 4 * per_byte * len(document.text) + 60, f"{seconds:.0f}s: chunking is not linear"
    print(f"\nchunked {len(document.text):,} characters into {len(chunks):,} chunks in {seconds:.0f}s")
    assert chunks[-1].end >= len(document.text.rstrip()) - 1
    assert all(document.text[c.start : c.end].strip() for c in chunks[:: max(1, len(chunks) // 1000)])
    cut = tmp_path / "big.txt"
    cut.write_text(document.text[:MB], encoding="utf-8")
    settings = Settings.load(index_dir=tmp_path / "idx", max_file_bytes=60 * MB)
    report = build_index([cut], settings, embedder)
    assert report.skipped == () and report.documents == 1 and report.chunks > 1000
