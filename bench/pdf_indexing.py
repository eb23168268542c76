"""Time to index one 50-page PDF (~350 words a page): text extraction alone, then the whole
load → chunk → embed → write of rag.index.build_index with the real embedder.

The PDF is generated with reportlab (deterministic filler sentences), nothing is downloaded:

    .venv/bin/python bench/pdf_indexing.py [--pages 50] [--words 350] [--out DIR]

``--out`` keeps the PDF (DIR/fifty.pdf) so the CLI can index the same file:
``.venv/bin/rag index DIR/fifty.pdf --index-dir DIR/idx``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _common import footer, header

WORDS = (
    "the council mayor bridge river budget city officials said on Tuesday plan vote new road transport "
    "minister report million euros project workers residents week year construction traffic school "
    "hospital election government spokesman agreement funding local district north south east west"
).split()
def page_lines(rng: random.Random, page: int, words: int) -> list[str]:
    """About ``words`` words of sentences, wrapped at 13 words a line."""
    tokens = [f"Page {page} reports that"]
    count = 4
    while count < words:
        n = rng.randint(8, 18)
        sentence = " ".join(rng.choice(WORDS) for _ in range(n))
        tokens.append(sentence[0].upper() + sentence[1:] + ".")
        count += n
    flat = " ".join(tokens).split()
    return [" ".join(flat[i : i + 13]) for i in range(0, len(flat), 13)]


def write_pdf(path: Path, pages: int, words: int) -> int:
    from reportlab.pdfgen import canvas

    rng = random.Random(13)
    pdf = canvas.Canvas(str(path), invariant=1)
    total = 0
    for page in range(1, pages + 1):
        text = pdf.beginText(50, 800)
        text.setFont("Helvetica", 9)
        for line in page_lines(rng, page, words):
            text.textLine(line)
            total += len(line.split())
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--words", type=int, default=350, help="words per page")
    parser.add_argument("--out", type=Path, help="keep the PDF here (default: a temporary folder)")
    args = parser.parse_args()
    header("PDF indexing: one generated PDF through rag.load and rag.index.build_index")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pdf = folder / "fifty.pdf"
        words = write_pdf(pdf, args.pages, args.words)
        print(f"pdf: {pdf.stat().st_size:,} bytes, {args.pages} pages, {words:,} words")
        run(pdf, Path(tmp) / "index")
    footer()


def run(pdf: Path, index_dir: Path) -> None:
    from rag.embed import Embedder
    from rag.index import build_index
    from rag.load import load_file
    from rag.settings import Settings

    began = time.perf_counter()
    document = load_file(pdf)
    load_s = time.perf_counter() - began
    print(f"load (text extraction): {load_s:.2f} s, {len(document.pages)} pages, {len(document.text):,} characters")

    settings = Settings.load(index_dir=index_dir)
    began = time.perf_counter()
    embedder = Embedder(settings.embed_model, settings.embed_dtype, settings.embed_threads)
    print(f"embedder load: {time.perf_counter() - began:.2f} s ({settings.embed_model}, {embedder.dtype})")
    began = time.perf_counter()
    report = build_index([pdf], settings, embedder, rebuild=True)
    index_s = time.perf_counter() - began
    print(f"index (load + chunk + embed + write): {index_s:.2f} s, {report.documents} document, {report.chunks} chunks")
    print(f"pages: {len(document.pages)}  chunks: {report.chunks}  load: {load_s:.2f} s  index: {index_s:.2f} s")


if __name__ == "__main__":
    main()
