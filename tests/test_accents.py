"""Names match across diacritics: a question typed "Erdogan" or "Ho Chi Minh" finds and credits an
article that writes "Erdoğan" or "Hồ Chí Minh" (and the other way round), while every quote stays
the article's own text."""

from __future__ import annotations

import pytest

from rag.index import build_index
from rag.retrieve import Retriever
from rag.settings import Settings
from rag.store import read_generation
from rag.text import entity_share, fold_accents, name_key

ARTICLES = {
    "erdogan.txt": "Turkish election\n\nRecep Tayyip Erdoğan won the presidential run-off on 28 May 2023. "
    "Erdoğan has led Turkey since 2003, first as prime minister.\n",
    "lodz.txt": "Łódź museums\n\nThe Muzeum Sztuki in Łódź holds one of the oldest collections of modern art "
    "in Europe. It opened to the public in 1930.\n",
    "harbour.txt": "Harbour report\n\nThe harbour of Gdynia handled a record tonnage of grain last year, "
    "and the port authority plans a new container terminal.\n",
}


@pytest.mark.parametrize(
    ("written", "typed"),
    [("Hồ Chí Minh", "Ho Chi Minh"), ("Erdoğan", "Erdogan"), ("Łódź", "Lodz"), ("Zürich", "Zurich"),
     ("Nguyễn Đức", "Nguyen Duc"), ("Straße", "Strasse"), ("Ørsted", "Orsted"), ("İzmir", "Izmir")],
)  # fmt: skip
def test_accented_and_plain_spellings_share_a_name_key(written, typed):
    assert fold_accents(written) == typed
    assert [name_key(w) for w in written.split()] == [name_key(w) for w in typed.split()]
    assert entity_share([name_key(w) for w in typed.split()], f"In 1969 {written} died.") == 1.0


def test_other_scripts_keep_their_letters():
    # "й" is a letter of its own in Russian, not an accented "и"; kana with a voicing mark likewise
    assert fold_accents("Москва й") == "Москва й"
    assert fold_accents("がんばる") == "がんばる"
    assert fold_accents("plain ASCII") == "plain ASCII"


@pytest.fixture(scope="module")
def accented_index_dir(tmp_path_factory, embedder):
    corpus = tmp_path_factory.mktemp("accented")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("accented-index")
    build_index([corpus], Settings.load(index_dir=index_dir), embedder)
    return index_dir


@pytest.fixture(scope="module")
def accented_index(accented_index_dir):
    return read_generation(accented_index_dir)


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [("Who is Erdogan?", "erdogan"), ("Which museum is in Lodz?", "lodz"),
     ("Who is Erdoğan?", "erdogan")],
)  # fmt: skip
def test_keyword_search_finds_the_name_whatever_its_accents(accented_index, embedder, question, doc_id):
    retriever = Retriever(accented_index, embedder)
    rows = retriever._bm25(question, 3)  # the keyword half alone: the dense half finds these anyway
    assert rows, "the keyword search found nothing (before: 'Erdogan' was not a word of the corpus)"
    assert accented_index.chunks[rows[0][0]].doc_id == doc_id


def test_quotes_keep_the_articles_accents(accented_index, embedder):
    hits = Retriever(accented_index, embedder).search("When did Erdogan win the run-off?", 1)
    chunk = hits[0].chunk
    stored = accented_index.documents[chunk.doc_id].text
    assert "Erdoğan" in stored[chunk.start : chunk.end]


def test_a_claim_spelling_a_name_without_its_accents_is_supported():
    from rag.judge import judge

    passage = "Recep Tayyip Erdoğan won the presidential run-off on 28 May 2023."
    assert judge("Erdogan won the presidential run-off on 28 May 2023.", passage).supported
    # and folding does not make another name pass
    assert not judge("Kilicdaroglu won the presidential run-off on 28 May 2023.", passage).supported


def test_a_name_typed_without_accents_is_not_unknown_to_the_corpus():
    from rag.vocabulary import unknown_names, vocabulary

    vocab = vocabulary(["Wilhelm Conrad Röntgen was a German physicist.", "Łódź is a city in Poland."])
    assert unknown_names("What did Wilhelm Rontgen win?", vocab) == []  # before: ["Rontgen"]
    assert unknown_names("Is Lodz in Poland?", vocab) == []
    assert unknown_names("What did Max Planck win?", vocab) == ["Max", "Planck"]


def test_an_answer_to_a_name_typed_without_accents_quotes_the_article(accented_index_dir, accented_index, embedder):
    from rag.generate import Generator
    from rag.pipeline import Assistant

    settings = Settings.load(index_dir=accented_index_dir)
    generator = Generator(settings.model_path, settings.n_ctx, settings.n_threads, settings.seed)
    answer = Assistant(settings, embedder, generator, accented_index).ask("When did Erdogan win the run-off?")
    assert not answer.abstained, answer.text  # before: refused, "Erdogan" named nothing in the articles
    assert any(c.doc_id == "erdogan" for c in answer.citations)
    for c in answer.citations:
        assert c.quote == accented_index.documents[c.doc_id].text[c.start : c.end]


def test_the_lance_store_finds_the_name_whatever_its_accents(tmp_path, embedder):
    """LanceDB's full-text index already folded diacritics (its default); this keeps both stores
    alike should that default change."""
    from rag.backends import open_store

    corpus = tmp_path / "accented"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings.load(index_dir=tmp_path / "lance", store="lance")
    build_index([corpus], settings, embedder)
    store = open_store(settings)
    for question, doc_id in (("Who is Erdogan?", "erdogan"), ("Which museum is in Lodz?", "lodz")):
        rows = store._text_search(question, 3, None)  # the keyword half alone, as above
        assert rows and rows[0]["doc_id"] == doc_id, question


def test_a_users_accented_alias_is_read_as_name_keys_are(tmp_path):
    from rag.judge_rules import ALIASES_FILE, load_aliases

    extra = tmp_path / "aliases.tsv"
    extra.write_text("kraków\tcracow\n", encoding="utf-8")
    aliases, _ = load_aliases([ALIASES_FILE, extra])
    # the verifier's name_key folds the token it reads, so an alias kept as written ("kraków") was never found
    assert aliases["krakow"] == "cracow" and "kraków" not in aliases
