from pathlib import Path

import pytest

from rag.errors import DocumentError
from rag.load import guess_date, guess_outlet, load_file, load_paths

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


@pytest.mark.parametrize(
    ("stem", "outlet", "date"),
    [
        ("000_03550182c98cc4a1", "Asia Times", ""),
        ("002_cb7a18f69dde185b", "Tampa Free Press", ""),
        ("003_abc02dacf25aa58b", "Reuters", "Nov 21"),
        ("004_6aaf9f8698e9d31c", "Al Jazeera", "2024-11-19"),
    ],
)
def test_sample_metadata(stem, outlet, date):
    document = load_file(ARTICLES / f"{stem}.txt")
    assert (document.outlet, document.date) == (outlet, date)
    assert document.doc_id == stem and document.title


def test_hard_wrapped_title_is_unfolded():
    assert load_file(ARTICLES / "003_abc02dacf25aa58b.txt").title.startswith(
        "North Korean troops' involvement escalates conflict, prompts U.S. policy shift"
    )


@pytest.mark.parametrize(
    ("text", "outlet"),
    [("KYIV, Nov 3 (Reuters) - text", "Reuters"), ("(MENAFN- Asia Times) text", "Asia Times"), ("nothing", "")],
)
def test_guess_outlet(text, outlet):
    assert guess_outlet(text) == outlet


def test_guess_date():
    assert guess_date(" date 2024-11-19 \n\nBody") == "2024-11-19"
    assert guess_date("no date here") == ""


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("data.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message):
        load_file(path)


def test_encodings_and_bom(tmp_path):
    (tmp_path / "cp.txt").write_bytes("Café in Kyiv costs 5 €. Done.".encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes("\ufeffHello from Kyiv.".encode())
    assert load_file(tmp_path / "cp.txt").text == "Café in Kyiv costs 5 €. Done."
    assert load_file(tmp_path / "bom.txt").text == "Hello from Kyiv."


def test_html_article_text_is_extracted(tmp_path):
    html = (
        "<html><head><title>Missiles</title><script>alert('x')</script><style>p{}</style></head><body>"
        "<nav>Home | News</nav><article><h1>Missiles</h1>"
        + "<p>The ATACMS missile has a range of 300 km, officials said on Tuesday in Kyiv.</p>" * 3
        + "</article></body></html>"
    )
    (tmp_path / "a.html").write_text(html)
    document = load_file(tmp_path / "a.html")
    assert "300 km" in document.text and "alert" not in document.text


def test_load_paths_skips_bad_and_duplicate_files(tmp_path):
    (tmp_path / "good.txt").write_text("A real article about missiles.")
    (tmp_path / "copy.txt").write_text("A real article about missiles.")
    (tmp_path / "empty.txt").write_text("")
    result = load_paths([tmp_path], 10_000)
    assert [d.doc_id for d in result.documents] == ["copy"]
    assert {Path(s.path).name for s in result.skipped} == {"empty.txt", "good.txt"}
    assert any("duplicate" in s.reason for s in result.skipped)


def test_oversized_file_is_skipped(tmp_path):
    (tmp_path / "big.txt").write_text("x " * 1000)
    with pytest.raises(DocumentError, match="limit"):
        load_file(tmp_path / "big.txt", max_bytes=100)
