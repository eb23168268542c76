"""The loader and the judge on articles the rules were not written for (tests/data/other_articles/):
different outlets, topics, formats and numbers than the sample corpus in data/articles/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rag.chunk import chunk_document
from rag.judge import judge
from rag.judge_rules import ALIASES, ALIASES_FILE, MULTIWORD, load_aliases
from rag.load import load_paths

ROOT = Path(__file__).resolve().parent.parent
OTHER = Path(__file__).resolve().parent / "data" / "other_articles"

# (document, a phrase locating the passage, a claim it supports, the claim with one fact changed,
#  a fragment of the reason the changed claim fails)
CLAIMS = [
    (
        "reuters_dockers",
        "48-hour strike",
        "Rotterdam dock workers began a 48-hour strike on Tuesday, the FNV union said.",
        "Rotterdam dock workers began a 72-hour strike on Tuesday, the FNV union said.",
        "72",
    ),
    (
        "reuters_dockers",
        "48-hour strike",
        "Dock workers at the port of Rotterdam began a 48-hour strike on Tuesday.",
        "Dock workers at the port of Antwerp began a 48-hour strike on Tuesday.",
        "antwerp",
    ),
    (
        "ap_wildfire",
        "6,000 residents",
        "About 6,000 residents of a lakeside town had to leave their homes overnight, officials said.",
        "About 9,000 residents of a lakeside town had to leave their homes overnight, officials said.",
        "9000",
    ),
    (
        "menafn_solar_farm",
        "600-megawatt",
        "The 600-megawatt plant cost 520 million dollars, according to the ministry.",
        "The 600-megawatt plant cost 250 million dollars, according to the ministry.",
        "250",
    ),
    (
        "observatory_page",
        "4 kilometres wide",
        "The comet is about 4 kilometres wide, the observatory said.",
        "The comet is about 4 miles wide, the observatory said.",
        "km",
    ),
    (
        "library_reopens",
        "4.5 million pounds",
        "The repairs cost 4.5 million pounds, the city council said.",
        "The repairs cost 5.4 million pounds, the city council said.",
        "5.4",
    ),
    (
        "bakery_prize",
        "grandfather",
        "The recipe had not changed since his grandfather opened the shop in 1952.",
        "The recipe had changed since his grandfather opened the shop in 1952.",
        "opposite",
    ),
]


@pytest.fixture(scope="module")
def documents():
    loaded = load_paths([OTHER], 1_000_000)
    assert loaded.skipped == ()
    return {d.doc_id: d for d in loaded.documents}


def passage(documents, doc_id: str, phrase: str) -> str:
    """The chunk of ``doc_id`` holding ``phrase``, as retrieval would hand it to the judge."""
    chunks = [c.text for c in chunk_document(documents[doc_id], 80, 1) if phrase in c.text]
    assert chunks, f"{phrase!r} not in any chunk of {doc_id}"
    return chunks[0]


def test_every_fixture_loads_with_its_text(documents):
    assert set(documents) == {p.stem for p in OTHER.iterdir()}
    assert "90 million kilometres" in documents["observatory_page"].text
    assert "Subscribe" not in documents["observatory_page"].text  # page furniture is dropped
    assert all(d.title and d.text.strip() for d in documents.values())


@pytest.mark.parametrize(
    ("doc_id", "phrase", "supported", "changed", "reason"), CLAIMS, ids=[f"{c[0]}-{c[4]}" for c in CLAIMS]
)
def test_judge_accepts_the_fact_and_rejects_it_changed(documents, doc_id, phrase, supported, changed, reason):
    text = passage(documents, doc_id, phrase)
    verdict = judge(supported, text)
    assert verdict.supported and verdict.reason == "", verdict.reason
    verdict = judge(changed, text)
    assert not verdict.supported and reason in verdict.reason.lower(), verdict.reason


def test_judge_rejects_a_claim_from_another_article(documents):
    """A true claim of one fixture is not supported by another fixture's passage."""
    verdict = judge(CLAIMS[0][2], passage(documents, "ap_wildfire", "6,000 residents"))
    assert not verdict.supported and verdict.reason


def test_aliases_are_data_with_general_names_only():
    assert ALIASES_FILE.read_text(encoding="utf-8").startswith("#")
    assert ALIASES["u.s."] == ALIASES["united-states"] == "united-states"
    assert MULTIWORD["north korea"] == "north-korea"
    assert judge("Moscow rejected the peace offer on Friday.", "Russia rejected the peace offer on Friday.").supported
    claim, text = "U.S. officials welcomed the plan on Friday.", "United States officials welcomed the plan on Friday."
    assert judge(claim, text).supported


def test_user_aliases_extend_the_bundled_ones(tmp_path):
    extra = tmp_path / "aliases.tsv"
    extra.write_text("# my aliases\ninternational monetary fund\timf\nimf\timf\n", encoding="utf-8")
    aliases, phrases = load_aliases([ALIASES_FILE, extra])
    assert aliases["international-monetary-fund"] == aliases["imf"] == "imf" and aliases["moscow"] == "russia"
    assert phrases["international monetary fund"] == "international-monetary-fund"
    claim, text = "The IMF approved the loan on Monday.", "The International Monetary Fund approved the loan on Monday."
    assert not judge(claim, text).supported  # not a bundled alias: "IMF" is a name the passage lacks
    script = f"from rag.judge import judge; print(judge({claim!r}, {text!r}).supported)"
    env = {"RAG_ALIASES_FILE": str(extra), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
