"""Issue 11, forty-fifth round (the blind probes dev44 and dev45): sentences near the answer that do
not give it were answered with. A city's GRDP by another's "…, behind Ho Chi Minh City"; the second
producer by the first; the year a union was founded by "the late 1380s"; "Which constituency …?" by
"a total of five constituencies" and "Which museum …?" by museums in general; "Who discovered
uranium?" by a discovery of its isotopes; a count of people killed and an area in square metres by
"the night of 3 June"; a population at the 2010 census by one of 2018; a family's species by the
superfamily's; one isotope's half-life by another's; Ceres's year by Neptune's; a Doctor of Pharmacy
by a bachelor's degree; "Besides The Wealth of Nations, what other …?" by that book itself; and a
share given as "one-third" was refused. The generator's "The answer to the question about who named the river is:"
reached the user. Each case failed before its change; the names are invented.
"""

from __future__ import annotations

import pytest

from rag.counting import gives_no_amount
from rag.frame import build_frame
from rag.records import Chunk, Hit
from rag.rules import can_answer
from rag.verify import verify

_CASES = [
    # dev45 bq07: the asked city named only as the one ranked before the sentence's own
    ("What was Kessa City's gross regional product in 2023?",
     "Tamra had the second-highest gross regional product of all Vellan provinces at US$48 billion in 2023, "
     "behind Kessa City.", "Tamra", "", False),
    ("What was Kessa City's gross regional product in 2023?",
     "Kessa City had the highest gross regional product of all Vellan provinces at US$61 billion in 2023, "
     "ahead of Tamra.", "Kessa City", "", True),
    # dev45 bq16: the second producer is not the one leading
    ("Which country is the second-largest producer of orskberries?",
     "In 2023, world production of orskberries was 2 million tonnes, led by Vellany with 53% of the total.",
     "Orskberry", "", False),
    ("Which country is the second-largest producer of orskberries?",
     "Norland is the second-largest producer of orskberries, after Vellany.", "Orskberry", "", True),
    # dev44 bp32: a decade is no year
    ("In what year was the Orsk Union formally established?",
     "Marga I was queen of Vellany and Norland from the late 1380s until her death, and the founder of the "
     "Orsk Union.", "Marga I", "", False),
    ("In what year was the Orsk Union formally established?",
     "The Orsk Union was established in 1397 by Marga I, who ruled from the 1380s.", "Orsk Union", "", True),
    # dev44 bp05: "Which constituency …?" asks one's name, not how many there were
    ("Which constituency was Tamsley representing when he left Parliament in 1895?",
     "He was MP for over 60 years, from 1832 to 1895, representing a total of five constituencies.",
     "Arthur Tamsley", "", False),
    ("Which constituency was Tamsley representing when he left Parliament in 1895?",
     "From 1880 to 1895 he represented the constituency of Kessmore.", "Arthur Tamsley", "", True),
    # dev45 bq45: museums in general name no museum
    ("Which museum attracts the most visitors in the world each year?",
     "Museums are often tourist attractions, with the most visited museums in the world attracting millions "
     "of visitors annually.", "Museum", "", False),
    ("Which museum attracts the most visitors in the world each year?",
     "The Orsk Museum is the most-visited museum in the world, with 9 million visitors a year.",
     "Orsk Museum", "", True),
    # dev44 bp40: a discovery of the element's isotopes is not the element's
    ("Who discovered vellanium?",
     "Hanna and Lisa Mert discovered isotopes of the radioactive elements radium, thorium and vellanium.",
     "Hanna Orsk", "", False),
    ("Who discovered the structure of vellanium?",
     "Hanna and Lisa Mert discovered the structure of vellanium in 1921.", "Hanna Orsk", "", True),
    # dev44 bp63: a population of another year than the census asked
    ("What was Kessa's population at the 2010 census?",
     "As of December 31, 2018, Kessa had a population of 6,888,500 inhabitants.", "Kessa", "", False),
    ("What was Kessa's population at the 2010 census?",
     "At the 2010 census, Kessa had a population of 6,549,941.", "Kessa", "", True),
    # dev45 bq09: the superfamily's count is not the family's
    ("How many species belong to the beetle family Orskidae alone?",
     "Approximately 97,000 species of orskids are known.", "Orskid",
     "Orskids are beetles of the superfamily Orskoidea.", False),
    ("How many species belong to the beetle family Orskidae alone?", "The family has about 51,000 species.",
     "Orskid", "Most orskids belong to the family Orskidae.", True),
    # (found when the earlier probes were run again: the question's "Which" is no family's name)
    ("Which family do orsk birds belong to?", "Orsk birds make up the family Orskidae of passerine birds.",
     "Orsk bird", "", True),
    # dev45 bq43: one isotope's half-life is not another's
    ("What is the half-life of vellanium-231?",
     "All of tamrium's isotopes are short-lived; the most stable is tamrium-210, with a half-life of 8.1 hours.",
     "Tamrium", "", False),
    ("What is the half-life of vellanium-231?", "Its longest-lived isotope, 231Ve, has a half-life of 32,760 years.",
     "Vellanium", "", True),
    # dev45 bq08: the article's own planet is not the one asked about
    ("How many Earth years does it take Kessa to orbit the Sun once?",
     "Tamra orbits the Sun once every 164.8 years at a distance of 30.1 astronomical units.", "Tamra", "", False),
    ("How many Earth years does it take Kessa to orbit the Sun once?",
     "Tamra orbits the Sun once every 164.8 years at a distance of 30.1 astronomical units.", "06332-tamra", "", False),
    ("How many Earth years does it take Tamra to orbit the Sun once?",
     "Tamra orbits the Sun once every 164.8 years at a distance of 30.1 astronomical units.", "Tamra", "", True),
    # dev45 bq20: a degree the question does not name, in an article not naming the asked one
    ("How many years of study does a Doctor of Orskology degree take?",
     "A bachelor's degree is awarded upon completion of a course of study lasting three to six years.",
     "Bachelor's degree", "It is an undergraduate degree.", False),
    ("How many years of study does a Doctor of Orskology degree take?",
     "The degree takes six years of study.", "Doctor of Orskology", "It is a professional degree.", True),
    # (found when dev43 was run again: an acronym is named by its words' initials)
    ("Roughly how many specimens does the OMNH hold in its collections?",
     "The museum collections contain about 32 million specimens of plants and animals.",
     "Orsk Museum of Natural History", "It is in Kessa.", True),
    # (a unit named after a person is no name asked about; the title's lower-case name is the question's)
    ("What is the melting point of cast orsk in degrees Celsius?", "Cast orsk melts at about 1,150 °C.",
     "Cast orsk", "Cast orsk is an alloy.", True),
    # dev45 bq49: the book set aside is not the other one asked for
    ("Besides The Orsk Ledger, what other classic book is Adam Tamsley known for?",
     "The Orsk Ledger is a book by the Vellan economist Adam Tamsley.", "The Orsk Ledger", "", False),
    ("Besides The Orsk Ledger, what other classic book is Adam Tamsley known for?",
     "He is known for two classic works: The Theory of Tides (1759) and The Orsk Ledger (1776).",
     "Adam Tamsley", "", True),
    # (found when dev30 was run again: the set-aside one's article may tell of the other)
    ("Besides Orskida, what is the other major clade of Vellata?",
     "It is one of the two major clades of the group Vellata, the other being the more diverse group Tamrida.",
     "Orskida", "Orskida is a clade.", True),
    # dev43 bo06 (left alone in the forty-fourth round): the countries using another legal system
    ("How many countries currently use orskia as the main basis of their legal system?",
     "Today, civil law is the world's most common legal system, practiced in about 150 countries.",
     "Civil law", "Civil law is a legal system rooted in the Vellan Empire.", False),
    ("How many countries currently use orskia as the main basis of their legal system?",
     "About 30 countries use orskia as the main basis of their legal system.", "Orskia", "", True),
    # dev44 bp35 (refused): a share asked may be given in words
    ("What share of the world's land area is covered by orsklands?",
     "Orsklands are present on all continents, covering more than one-third of the world's land area.",
     "Orskland", "", True),
    ("What share of the world's land area is covered by orsklands?",
     "Orsklands are present on all continents and cover much of the world's land area.", "Orskland", "", False),
]


@pytest.mark.parametrize(("question", "sentence", "title", "before", "answers"), _CASES)
def test_a_sentence_near_the_answer_does_not_answer(question, sentence, title, before, answers):
    assert can_answer(build_frame(question), sentence, title, before, f"{before} {sentence}") is answers


@pytest.mark.parametrize(
    ("question", "sentence", "no_amount"),
    [
        # dev44 bp15 and bp19: a day of the month is no count of people nor an area
        ("How many people were killed when troops cleared Kessa Square?",
         "The government deployed troops to occupy the square on the night of 3 June.", True),
        ("How many people were killed when troops cleared Kessa Square?",
         "Troops cleared the square on 3 June, killing 241 people.", False),
        # two dates may tell a span
        ("How many days did the Kessa protests last?", "The protests were held from 15 April to 4 June 1989.", False),
    ],
)
def test_a_lone_date_is_no_amount(question, sentence, no_amount):
    assert gives_no_amount(build_frame(question), sentence) is no_amount


def test_a_measure_asked_in_square_metres_needs_a_figure():
    frame = build_frame("How large is Kessa Square in square metres?")
    assert not can_answer(frame, "Troops occupied the square on the night of 3 June.", "Kessa Square", "", "")
    assert can_answer(frame, "Kessa Square covers 440,000 square metres.", "Kessa Square", "", "")


def test_the_generator_announcing_an_answer_to_a_described_question_is_stripped():
    # dev44 bp53: "The answer to the question about who named the river is: …" reached the user
    text = "The river was named the Orsk River by the explorer Robert Tamsley in 1779."
    chunk = Chunk(chunk_id="orsk#0", doc_id="orsk", start=0, end=len(text), text=text)
    hit = Hit(chunk=chunk, score=1.0, dense_score=0.9, bm25_score=3.0, rank=1, title="Orsk River")
    raw = "The answer to the question about who named the river is:  Robert Tamsley [1]."
    kept = [v.text for v in verify(raw, [hit]).kept]
    assert kept and all(t.startswith("Robert Tamsley") for t in kept)
