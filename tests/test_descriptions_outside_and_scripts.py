"""Issue 11, fifty-fifth round (the near misses of the blind probes dev62 and dev63 that round 54 left).

Answered though the summaries do not say:
- "Which pope excommunicated William of Ockham?" by "William of Ockham or Occam was an English Franciscan
  friar, …": "English Franciscan" passed as a person's name; a run of capitalised words right before a
  role in lower case describes someone, it is not their name;
- "Which of Mayer Amschel Rothschild's five sons established the family's London bank?" by "… through his
  five sons, who established businesses in Paris, Frankfurt, London, …", whose "his" was taken to name a
  person in the sentence before: the asked "Mayer Amschel Rothschild" (written "Rothschild's" in the
  question) or "the German Landgraves" (titles in the plural: many holders, no one person);
- "How many extant species of whales are recognised today?" by the sperm whale's "one of three extant
  species in the sperm whale superfamily Physeteroidea", a count of a narrower kind;
- "How many people outside Egypt speak Egyptian Arabic as a second language?" by "The estimated 111 million
  Egyptians speak a continuum of dialects", which counts no one outside Egypt;
- "Which Arabic-based script has traditionally been used to write the Malay language?" by "The Arabic
  script is the writing system used for Arabic and several other languages of Asia and Africa", which
  never names Malay.
"""

from __future__ import annotations

import pytest

from rag.circumstance import names_the_language_written, tells_what_is_outside
from rag.frame import build_frame
from rag.person import answers_who, names_person
from rag.rules import can_answer

OCKHAM = "William of Ockham or Occam was an English Franciscan friar, scholastic philosopher and theologian."


def test_a_description_before_a_role_is_no_name():
    question = "Which pope excommunicated William of Ockham?"
    assert not names_person(OCKHAM, besides=question)
    assert not can_answer(build_frame(question), OCKHAM, "William of Ockham")


@pytest.mark.parametrize(
    "sentence",
    [
        "William of Ockham was excommunicated by Pope John XXII in 1328.",
        "The fresco was made by the Italian Renaissance painter Raphael.",
        "The Franciscan friar William Ockham was summoned to Avignon.",
    ],
)
def test_names_stay_names(sentence):
    assert names_person(sentence, besides="Which pope excommunicated William of Ockham?")


ROTHSCHILD_Q = "Which of Mayer Amschel Rothschild's five sons established the family's London bank?"
ROTHSCHILD_BEFORE = (
    "The family rose to prominence with Mayer Amschel Rothschild (1744–1812), a court factor to the German "
    "Landgraves of Hesse-Kassel in the Free City of Frankfurt, Holy Roman Empire, who established his banking "
    "business in the 1760s."
)
ROTHSCHILD = (
    "Unlike most previous court factors, Rothschild managed to bequeath his wealth and established an "
    "international banking family through his five sons, who established businesses in Paris, Frankfurt, "
    "London, Vienna, and Naples."
)


def test_the_asked_name_in_the_possessive_is_not_the_person_asked_for():
    assert not names_person("He was born to Mayer Amschel Rothschild in Frankfurt.", besides=ROTHSCHILD_Q)
    assert not answers_who(ROTHSCHILD, ROTHSCHILD_BEFORE, question=ROTHSCHILD_Q)
    assert answers_who("Nathan Mayer Rothschild founded the London bank in 1798.", question=ROTHSCHILD_Q)


def test_titles_in_the_plural_name_no_one():
    assert not names_person("He served the German Landgraves of Hesse-Kassel.")
    assert not names_person("The Frankish Kings ruled from Aachen.")
    assert names_person("Rosa Parks refused to give up her seat.")
    assert names_person("He served Landgrave William IX of Hesse-Kassel.")


WHALES = "How many extant species of whales are recognised today?"
SPERM_WHALE = (
    "It is the only living member of the genus Physeter and one of three extant species in the sperm whale "
    "superfamily Physeteroidea, along with the pygmy sperm whale and dwarf sperm whale of the genus Kogia."
)


def test_a_count_within_a_group_of_the_whole_is_no_count_of_the_whole():
    assert not can_answer(build_frame(WHALES), SPERM_WHALE, "Sperm whale")


def test_a_count_of_the_whole_still_answers():
    whole = "There are about 90 extant species of whales, divided into baleen and toothed whales."
    assert can_answer(build_frame(WHALES), whole, "Whale")


OUTSIDE_Q = "How many people outside Egypt speak Egyptian Arabic as a second language?"


def test_a_count_outside_a_place_needs_a_sentence_beyond_it():
    inside = "The estimated 111 million Egyptians speak a continuum of dialects."
    assert not tells_what_is_outside(OUTSIDE_Q, inside)
    assert not can_answer(build_frame(OUTSIDE_Q), inside, "Egyptian Arabic")
    abroad = "Some 5 million speakers live outside Egypt, in the Gulf states and Europe."
    assert tells_what_is_outside(OUTSIDE_Q, abroad)
    assert tells_what_is_outside("How many people speak Egyptian Arabic?", inside)


MALAY_Q = "Which Arabic-based script has traditionally been used to write the Malay language?"
ARABIC_SCRIPT = (
    "The Arabic script is the writing system used for Arabic and several other languages of Asia and Africa."
)


@pytest.mark.parametrize(
    ("question", "sentence", "title", "names"),
    [
        (MALAY_Q, ARABIC_SCRIPT, "Arabic script", False),
        (MALAY_Q, "Malay was traditionally written in Jawi, an Arabic-based script.", "Malay language", True),
        ("Which script is Odia written in?", "It is written in the Odia script.", "Odia language", True),
        ("Which script is Odia written in?", "It is written in a Brahmic abugida.", "Bengali language", False),
        ("Which river flows through Raipur?", ARABIC_SCRIPT, "Arabic script", True),  # no script asked
    ],
)
def test_the_script_of_a_language_needs_that_language_named(question, sentence, title, names):
    assert names_the_language_written(question, sentence, title) is names


def test_the_arabic_script_does_not_answer_the_malay_one():
    assert not can_answer(build_frame(MALAY_Q), ARABIC_SCRIPT, "Arabic script")


def test_his_after_the_asked_name_in_the_same_sentence_is_that_persons():
    before = "Its name is derived from the family house, built by Isaak Elchanan Bacharach in Frankfurt in 1567."
    assert not answers_who(ROTHSCHILD_BEFORE, before, question=ROTHSCHILD_Q)
    nathan = "Nathan Rothschild moved to England."
    assert answers_who("He founded the London bank in 1798.", nathan, question=ROTHSCHILD_Q)


def test_a_kind_in_ies_is_named_by_its_singular():
    """"How many described species of fireflies …?" in the Firefly summary: the count is the title's kind's."""
    question = "How many described species of fireflies are there?"
    lampyridae = "The Lampyridae are a family of elateroid beetles with more than 2,400 described species."
    assert can_answer(build_frame(question), lampyridae, "Firefly")


def test_species_stay_species_when_the_kind_is_singularised():
    """("species" read as "specy" made every count of species of a group within the whole answer.)"""
    question = "How many species of rodents are there in total?"
    muridae = "The Muridae are the largest family of rodents, containing approximately 870 species."
    assert not can_answer(build_frame(question), muridae, "Muridae")
