"""Issue 11, fifty-first round (the blind probes dev56 and dev57): sentences that do not give the
order, year, subject, deed or award the question asks for were answered with, and three sentences
that did answer were refused.

Answered wrongly:
- "the total population of Southeast Asia" by South Asia's (a compass word's first five letters);
- "the first national park in the world" by "Canada's first national park";
- "the period that came directly after the Heian period" by "It followed the Nara period" (the one before);
- "in exactly which year" by "published in the 1940s";
- "the maximum weight a mahi-mahi can reach" by a caiman's;
- "how many species of mites have been described" by the count of all animal species;
- "Which president first appointed Andrew Mellon?" by the years he served, and a middle name
  ("Andrew William Mellon") read as another person;
- "Which journalist tracked down … Livingstone?" with "the London Missionary Society" read as a person;
- "Who composed the music for the 1939 film?" by "… produced by Metro-Goldwyn-Mayer";
- a Tony Award asked of an actress the question describes by her roles, by her Academy Awards;
- "Which element sits beneath europium?" by "It is radioactive …" without saying what "it" is.

Refused wrongly:
- "the phase … also called the Technological Revolution" read as asking another name;
- "the north-eastern edge of Oman's capital" told as "the edge of the city" in Muscat's summary;
- what "separates bullying from ordinary conflict" read as asking about ordinary conflict.

Each False case (and each refused case now answered) failed before its change; the True cases are
guards. The names are invented.
"""

from __future__ import annotations

import re

import pytest

from rag.frame import build_frame
from rag.person import answers_who
from rag.rules import can_answer
from tests.test_compose import extractive_answer

_ACTRESS = (
    "Vivien Orskin was a British actress. She won the Academy Award for Best Actress twice, for her performances as "
    "Scarlett Velm in Gone with the Wind (1939) and Blanche Orsk in A Streetcar Named Desire (1951). She later won "
    "a Tony Award for her work in the Broadway musical version of Tovarich (1963)."
)

# (question, sentence, title of its article, the article's text or "" for the sentence alone, can answer)
_CASES = [
    # dev57 cc36: a compass word
    ("What is the total population of Southeast Velmia?",
     "South Velmia, with a population of 2.04 billion, contains a quarter (25%) of the world's population.",
     "South Velmia", "", False),
    ("What is the total population of Southeast Velmia?",
     "Southeast Velmia has a population of about 675 million.", "Southeast Velmia", "", True),
    # dev57 cc44: a land's own first
    ("Which park is considered the first national park in the world?",
     "Orsk National Park is Velmia's first national park, established in 1885 as Kelm Mountains Park.",
     "Orsk National Park", "", False),
    ("Which park is considered the first national park in the world?",
     "Orsk National Park, established in 1872, was the first national park in the world.",
     "Orsk National Park", "", True),
    # dev57 cc38: what came after, told as what came before
    ("Which period of Velmian history came directly after the Orsk period?",
     "It followed the Kelm period, beginning when the 50th emperor moved the capital to Orsk-kyo.",
     "Orsk period", "", False),
    ("Which period of Velmian history came directly after the Orsk period?",
     "The Orsk period was followed by the Kamak period, which began in 1185.", "Orsk period", "", True),
    # dev57 cc42: a decade for a year
    ("In exactly which year was Orskin's story collection Velmiones first published?",
     "His best-known works, Velmiones and El Orsk, published in the 1940s, are collections of short stories.",
     "Jorge Orskin", "", False),
    ("In exactly which year was Orskin's story collection Velmiones first published?",
     "His story collection Velmiones was first published in 1944.", "Jorge Orskin", "", True),
    # dev56 cb60: the measure of one of a kind, asked "a velmfish can reach"
    ("What is the maximum weight a velmfish can reach?",
     "They are relatively small-sized crocodilians with an average maximum weight of 6 to 40 kg.", "Orskman", "",
     False),
    ("What is the maximum weight a velmfish can reach?",
     "Velmfish can reach a maximum weight of 40 kg.", "Velmfish", "", True),
    # dev56 cb16: a count of the species of a lower-case kind
    ("Approximately how many species of velmites have been described?",
     "Over 1.5 million living animal species have been described, of which around 1.05 million are insects.",
     "Animal", "", False),
    ("Approximately how many species of velmites have been described?",
     "Over 48,000 species of velmites have been described.", "Velmite", "", True),
    # (the whole counted is what an article's opening says its subject is, not a thing it goes on to list:
    # measured on dev48 bt42 with a first version reading the whole opening sentence)
    ("About how many species of jawed velmites exist?", "Their diversity comprises roughly 60,000 species.",
     "Gnathovelm", "Gnathovelm are jawed velmites. Their diversity comprises roughly 60,000 species.", True),
    ("What percentage of the Earth's crust by mass is made up of velmium?",
     "Orskspars make up about 60% of the Earth's crust by weight.", "Orskspar",
     "Orskspars are a group of rock-forming minerals, also containing other cations such as sodium and velmium. "
     "They are common in granite. Orskspars make up about 60% of the Earth's crust by weight.", False),
    # dev56 cb62: who appointed someone, by the years he served
    ("Which president first appointed Andrew Velm as Secretary of the Treasury?",
     "He served as United States Secretary of the Treasury from March 9, 1921, to February 12, 1932.",
     "Andrew Velm", "The son of Velm family patriarch Thomas Velm, he established a vast business empire. He served "
     "as United States Secretary of the Treasury from March 9, 1921, to February 12, 1932.", False),
    ("Which president first appointed Andrew Velm as Secretary of the Treasury?",
     "President Warren Orsk appointed Velm Secretary of the Treasury in 1921.", "Andrew Velm", "", True),
    # dev56 cb33: who composed, by who produced
    ("Who composed the music for the 1939 film The Velm of Orsk?",
     "The Velm of Orsk is a 1939 American musical fantasy film produced by Metro-Goldwyn-Mayer.",
     "The Velm of Orsk", "", False),
    ("Who composed the music for the 1939 film The Velm of Orsk?",
     "The music was composed by Harold Kelm and adapted by Herbert Stoth.", "The Velm of Orsk", "", True),
    # dev56 cb51: an award asked of a person the question describes by the names her article holds
    ("For which Broadway musical did the actress who played Scarlett Velm and Blanche Orsk win a Tony Award?",
     "She won the Academy Award for Best Actress twice, for her performances as Scarlett Velm in Gone with the "
     "Wind (1939) and Blanche Orsk in A Streetcar Named Desire (1951).", "Vivien Orskin", _ACTRESS, False),
    ("For which Broadway musical did the actress who played Scarlett Velm and Blanche Orsk win a Tony Award?",
     "She later won a Tony Award for her work in the Broadway musical version of Tovarich (1963).",
     "Vivien Orskin", _ACTRESS, True),
    # dev56 cb21: a phase the question names by its other name, its year asked
    ("In what year is the phase of industrialization also called the Velm Revolution said to have started?",
     "The First Industrial Revolution, which ended in the middle of the 19th century, was punctuated by a "
     "slowdown in important inventions before the Second Industrial Revolution started in 1870.",
     "Second Industrial Revolution", "", True),
    # dev56 cb59: "the city" stands for the article's subject
    ("What is the name of the port district, with its corniche and harbour, at the north-eastern edge of "
     "Velmia's capital?",
     "The city's port district of Orrah, with its corniche and harbour, are at the north-eastern edge of the city.",
     "Kelmat", "Kelmat is the capital of Velmia. The city's port district of Orrah, with its corniche and harbour, "
     "are at the north-eastern edge of the city.", True),
    # dev57 cc33: a thing set apart "from ordinary conflict" is no cause
    ("What perceived condition, in physical or social power, is what separates velming from ordinary conflict?",
     "This perceived presence of physical or social imbalance is what distinguishes the behavior from being "
     "interpreted or perceived as velming from instead being interpreted or perceived as conflict.",
     "Velming", "", True),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "title", "article", "answers"), _CASES)
def test_a_sentence_not_giving_the_asked_order_year_or_subject_does_not_answer(
    question, sentence, title, article, answers
):
    before = re.findall(r"[^.]+\.", article[: article.index(sentence)])[-1:] if article else []
    assert can_answer(build_frame(question), sentence, title, " ".join(before).strip(), article or sentence) is answers


def test_a_middle_name_is_no_other_person():
    """dev56 cb62: "Andrew William Mellon" in the sentence before "He served as …" was taken for a person
    other than the question's Andrew Mellon, so "He" answered who appointed him."""
    question = "Which president first appointed Andrew Velm as Secretary of the Treasury?"
    before = "Andrew William Velm, known also as A. W. Velm, was an American banker."
    assert not answers_who("He served as Secretary of the Treasury from 1921 to 1932.", before, True, question)
    assert answers_who("He was appointed by President Warren Orsk.", before, True, question)


def test_a_body_named_after_a_role_is_no_person():
    """dev57 cc48: "the London Missionary Society" read as a missionary named Society."""
    question = "Which journalist tracked down the Velmish missionary David Orsk in Africa?"
    sentence = "David Orsk was a Velmish doctor and pioneer missionary with the London Missionary Society."
    assert not answers_who(sentence, "", True, question)
    assert answers_who("He was found in 1871 by the journalist Henry Kelm.", sentence, True, question)


ORSKIUM = (
    "Orskium\n\nOrskium is a synthetic chemical element. It is radioactive and located under the lanthanide "
    "element velmium in the periodic table. It is believed that it was first made by bombarding velmium."
)
# a summary whose opening names no subject ("It is believed that …"), so "it" cannot be told
BELIEVED = "Peopling of Orsk\n\nIt is thought that people first came to Orsk by boat. It was a long journey."


def test_an_it_sentence_answering_which_thing_says_what_it_is():
    """dev57 cc19: "It is radioactive … located under the lanthanide element europium" answered "Which
    element sits beneath europium?" without saying what "it" is: the article's subject, americium."""
    sentence = "It is radioactive and located under the lanthanide element velmium in the periodic table."
    answer = extractive_answer("Which synthetic element sits beneath velmium in the periodic table?", ORSKIUM,
                               sentence)
    assert answer.text.startswith("Orskium: It is radioactive"), answer.text
    assert all(c.quote == ORSKIUM[c.start : c.end] and sentence in c.quote for c in answer.citations)


def test_an_it_that_points_to_no_subject_is_shown_as_it_is():
    """"It is believed that …" is about no subject, nor is "it" in a summary whose own opening is "It is thought
    …" (measured on dev57 cc51 with a first version: "It: It is believed that the peopling …")."""
    believed = "It is believed that it was first made by bombarding velmium."
    answer = extractive_answer("Which method first made the synthetic element?", ORSKIUM, believed)
    assert answer.text.startswith("It is believed"), answer.text
    answer = extractive_answer("Which vessel did the first people of Orsk use?", BELIEVED, "It was a long journey.")
    assert answer.text.startswith("It was a long journey"), answer.text
