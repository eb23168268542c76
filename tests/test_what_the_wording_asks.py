"""Issue 11, forty-seventh round (the blind probes dev48 and dev49, and three left from dev46/47):
sentences that leave out what the question's wording asks for were answered with, and three right
answers were refused. A language's name for a school by the school's definition; a metal's density by
its atomic number; a licence's version by "the copyleft GPL license"; the centuries an age spanned by
"part of the early modern period"; the first to use negative numbers by the first to develop a
civilization; limestone's share of sedimentary rocks by sandstone's; when the first working engine
was built by a patent for a motorcar; how many moons a planet has by its diameter; how many species of
a fish are known by "the three largest species"; who coined the name of a clade by who coined a
genus's; who produced a recording by who released it; who isolated an element, who co-founded a house
with a named woman, and which historical figures shaped a word, by sentences naming no other person; a
church's patriarch by "… the largest of the Oriental Orthodox Churches". Refused: a clade's count typed
"Paleognathae" for "Palaeognathae" (the article's spelling), and a depth "deep within Earth" read as a
height. Each case failed before its change; the names are invented. (Two guards came from the round's
full run: a count asked of the first one, dev15 e40, and "the first climbers confirmed to have
reached", a held-out question, heldout2 t23, which the first reading refused.)
"""

from __future__ import annotations

import pytest

from rag.frame import build_frame
from rag.person import asks_person
from rag.rules import can_answer

_CASES = [
    # dev46 br51: a name asked in a language
    ("What is the Orskian name for the Velm school of philosophy?",
     "Orskian philosophy refers to the philosophical traditions that developed within Orsk.", "Orskian philosophy",
     "", False),
    ("What is the Orskian name for the Velm school of philosophy?",
     "The Velm school (Orskian: Velmjia) refers to an orientation of the Warring Towns period.", "Velm school", "",
     True),
    # (dev25 p52: a term in brackets after the word it names)
    ("What is the Orskian term for loanwords?",
     "Katana is used for foreign names, loanwords (velmigo) and emphasis.", "Kana", "", True),
    # dev49 bu35: a density needs a mass per volume, not an atomic number
    ("What is the density of orskium?", "Orskium is a chemical element; it has symbol Ok and atomic number 57.",
     "Orskium", "", False),
    ("What is the density of orskium?", "Orskium has a density of 6.16 g/cm3 at room temperature.", "Orskium", "",
     True),
    ("What is the population density of Velmar?", "Velmar has 299 inhabitants per square kilometre.", "Velmar", "",
     True),
    # dev48 bt05: a version asked
    ("Which version of the Orsk licence is the Velm kernel released under?",
     "The Velm kernel is distributed under the copyleft Orsk licence.", "Velm", "", False),
    ("Which version of the Orsk licence is the Velm kernel released under?",
     "The Velm kernel is released under version 2 of the Orsk licence.", "Velm", "", True),
    # dev48 bt52: centuries asked
    ("Roughly which centuries did the Age of Orsk span?",
     "The Age of Orsk was part of the early modern period and overlapped with the Age of Velm.", "Age of Orsk", "",
     False),
    ("Roughly which centuries did the Age of Orsk span?",
     "The Age of Orsk lasted from the 15th to the 17th century.", "Age of Orsk", "", True),
    # dev49 bu26: the first to do another deed
    ("Which ancient people was the first to use negative numbers?",
     "The Orskians, around the 5th millennium BC, were among the first to develop a civilization.", "Orskians",
     "", False),
    ("Which ancient people was the first to use negative numbers?",
     "The Orskians were the first to use negative numbers, around 200 BC.", "Orskians", "", True),
    ("Which explorer was the first to reach the Velm pole?",
     "Hal Orsk was the first to arrive at the Velm pole, in 1911.", "Hal Orsk", "", True),
    ("Who were the first climbers to reach the summit of Mount Velm?",
     "On 29 May 1953, he and Tenzing Orsk became the first climbers confirmed to have reached the summit of Mount "
     "Velm.", "Hal Orsk", "Hal Orsk was a New Zealand mountaineer.", True),
    ("Which lighthouse was the first to be fitted with an Orsk lens?",
     "The Velm lighthouse was the first to be fitted with an Orsk lens, in 1823.", "Velm lighthouse", "", True),
    # (dev15 e40: a count asked of the first one is no "which … was the first to")
    ("Hal Orsk was the first person to reach how many Velm Award nominations?",
     "He was the first person to accrue ten Velm Award nominations for acting.", "Hal Orsk", "", True),
    # dev49 bu23: another rock's share
    ("What percentage of all sedimentary rocks is orskstone?",
     "Velmstones comprise about 20–25% of all sedimentary rocks.", "Velmstone", "", False),
    ("What percentage of all sedimentary rocks is orskstone?",
     "It makes up about 10% of all sedimentary rocks.", "Orskstone", "", True),
    # dev49 bu12: the first one of a kind built, not a patent
    ("In which year was the first working orsk engine built?",
     "He received a patent for the velmcar in 1886, the same year he first drove the Orsk Wagon.", "Karl Velm",
     "", False),
    ("In which year was the first working orsk engine built?",
     "Hal Orsk built the first working orsk engine in 1876.", "Orsk engine", "", True),
    # dev48 bt47: a diameter counts no moons
    ("How many moons does Velmar have?",
     "Its mean diameter, 6,779 km (4,212 mi), is about half the Earth's, or twice the Moon's.", "Velmar", "",
     False),
    ("How many moons does Velmar have?", "Velmar has 2 small moons, 22 km and 12 km across.", "Velmar", "", True),
    ("How many miles long is the Orsk river?", "The Orsk is 6,650 km (4,130 mi) long.", "Orsk", "", True),
    ("How many eggs does an orsk hen lay?", "An orsk hen lays about 300 eggs a year.", "Orsk hen", "", True),
    # dev48 bt04: the largest ones counted are not all that are known
    ("How many species of orskfish are known in total?",
     "Orskfish range in size from the three largest species alive, the Velm giant orskfish among them, to the tiny "
     "candiru.", "Orskfish", "", False),
    ("How many species of orskfish are known in total?",
     "About 3,000 species of orskfish are known, the three largest of which live in Velmar.", "Orskfish", "", True),
    # dev48 bt38: the name coined must be the one asked
    ("Who coined the name Orskosauria, and in what year?",
     "The generic name, coined by Hal Velm in 1878, is a Neo-Latin term.", "Velmodocus",
     "Velmodocus is a genus of sauropods of the clade Orskosauria.", False),
    ("Who coined the name Orskosauria, and in what year?",
     "The name Orskosauria was coined by Hal Velm in 1842.", "Orskosaur", "", True),
    # dev48 bt48, bt64, dev49 bu52, dev47 bs52: a person asked
    ("Who first isolated orskium as an element?",
     "Pure native orskium is found in Velmar's crust only in tiny amounts.", "Orskium", "", False),
    ("Who co-founded Velm House together with Jane Orsk?",
     "In 1889, Orsk co-founded Velm House, one of America's most famous settlement houses.", "Jane Orsk", "", False),
    ("Who co-founded Velm House together with Jane Orsk?",
     "Orsk co-founded Velm House with Ellen Gates Starr.", "Jane Orsk", "", True),
    ("Which historical figures helped shape the meaning of the word orsquette?",
     "In English usage, the French word orsquette dates from the year 1750.", "Orsquette", "", False),
    ("Who is the current patriarch of the Velm Orthodox Church?",
     "The Velm Orthodox Church is the largest of the Oriental Orthodox Churches.", "Velm Orthodox Church", "",
     False),
    # dev48 bt29: a release is no production
    ("Who produced Hal Orsk's Velm Song recording session?",
     "\"Velm Song\" is a song by the singer-songwriter Hal Orsk, released on July 20, 1965 by Columbia Records.",
     "Velm Song", "", False),
    ("Who produced Hal Orsk's Velm Song recording session?",
     "The \"Velm Song\" session was produced by Tom Wilson in June 1965.", "Velm Song", "", True),
    # dev49 bu17: the article spells the asked name a little otherwise
    ("How many species of tinamou are in the Paleorskae?",
     "There are 47 species of tinamous, five of kiwis and three of cassowaries.", "Palaeorskae", "", True),
    ("How many species of tinamou are in the Paleorskae?",
     "There are 47 species of tinamous, five of kiwis and three of cassowaries.", "Neorskae", "", False),
    # dev46 br49: a figure "deep within" the thing is how far into it
    ("How deep inside Velmar do the orsk plumes originate?",
     "Volcanism most likely arises from upwelling orsk plumes, 3,000 kilometres (1,900 mi) deep within Velmar.",
     "Volcano", "", True),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "title", "before", "answers"), _CASES)
def test_a_sentence_leaving_the_wording_unmet_does_not_answer(question, sentence, title, before, answers):
    assert can_answer(build_frame(question), sentence, title, before, f"{before} {sentence}") is answers


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Who synthesized aspirin?", True),
        ("Who co-founded Velm House together with Jane Orsk?", True),
        ("Who founded Velmcorp?", False),  # a firm may found one
        ("Who founded the firm with 10 dollars?", False),
        ("Which historical figure shaped the word?", True),
    ],
)
def test_questions_only_a_person_answers_by_their_wording(question, person):
    assert asks_person(question) is person
