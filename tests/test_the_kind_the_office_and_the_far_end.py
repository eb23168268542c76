"""Issue 11, forty-first round (the blind probes dev36 and dev37): the model wrote "Otto I became the
first king of the medieval Kingdom of Germany" from "the first emperor of the Holy Roman Empire" and
the judge passed it; "In what year was the Congress of Berlin held?" was answered by the Congress of
Vienna's, "In which cave …?" by a sentence naming no cave, "How long do orangutans live?" by when
they diverged, "How many new primate species were described in the 1990s?" by a count of all of
them, "How many years can the oldest cycads live?" by a shrub's, "How far is Port Blair from Mumbai?"
by its distances from Chennai and Kolkata, and questions asking a book's title, which grand vizier,
the year a land was Christianized or a colour by sentences giving none. Each case failed before its
change; the names are invented. ("How many orangutans are left?" answered by "two species" had a
count rule too; it was dropped: see tests/test_the_part_the_order_and_the_figure.py.)
"""

from __future__ import annotations

import pytest

from rag.frame import build_frame
from rag.judge import judge
from rag.judge_phrases import check_offices
from rag.rules import can_answer

EMPIRE = "In 962, Otto I became the first emperor of the Holy Roman Empire, the medieval Germanic kingdom."


def test_an_office_the_passage_never_names_is_not_supported():
    # dev36 bh06: "king" put in for "emperor"
    verdict = judge("In 962, Otto I became the first king of the medieval Kingdom of Germany.", EMPIRE)
    assert not verdict.supported and "king" in verdict.reason
    assert judge("In 962, Otto I became the first emperor of the Holy Roman Empire.", EMPIRE).supported


def test_an_office_is_the_same_in_the_plural():
    # compared by the words' stems: the hand-written plural rule this replaced read "chiefs of staff" as another office
    assert check_offices("Vell and Sorn were chiefs of staff.", "Vell served as chief of staff under Kell.") == ""
    assert check_offices("The duchesses met.", "The duchess met her sister.") == ""
    assert "king" in check_offices("Vell was king.", "Vell was emperor.")


@pytest.mark.parametrize(
    ("question", "sentence", "title", "answers"),
    [
        # dev36 bh06: a king asked, an emperor told
        ("Who was the first king of the medieval Kingdom of Velmark?",
         "In 962, Kell I became the first emperor of the Orsk Empire, the medieval Velmark kingdom.", "", False),
        ("Who was the first king of the medieval Kingdom of Velmark?",
         "In 919, Kell I was crowned the first king of the medieval Kingdom of Velmark.", "", True),
        # dev36 bh27: another event of the kind
        ("In what year was the Congress of Orsa held?",
         "The Congress was chaired by Kell and was held in Vell from September 1814 to June 1815.", "Congress of Vell",
         False),
        ("In what year was the Congress of Orsa held?", "The Congress of Orsa was held in 1878.", "Congress of Orsa",
         True),
        # dev36 bh38: a cave asked
        ("In which cave were the first Orsk remains discovered?",
         "The first Orsks discovered were known from few physical remains.", "", False),
        ("In which cave were the first Orsk remains discovered?",
         "The first Orsk remains were discovered in Vell Cave.", "", True),
        # dev36 bh57: a lifespan
        ("How long do orsks live in the wild?",
         "The orsks are the only surviving members of the Vellinae, which diverged 19.3 million years ago.", "",
         False),
        ("How long do orsks live in the wild?", "Orsks live up to 50 years in the wild.", "", True),
        # dev37 bi03: the count of a decade
        ("How many new orsk species were described in the 1990s?", "There are 376–524 species of living orsks.",
         "", False),
        ("How many new orsk species were described in the 1990s?", "In 1994 alone, 12 new orsk species were described.",
         "", True),
        # dev36 bh21: the lower-case things whose lifetime is asked
        ("How many years can the oldest orsks live?",
         "Some shrub species last about five years, while others live beyond 70 years.", "Shrub", False),
        ("How many years can the oldest orsks live?", "The oldest orsks can live for 1,000 years.", "Orsk", True),
        # dev37 bi51: the far end of a distance
        ("How far is Kellby from Orsa?", "Kellby is located approximately 1,190 km from Vell.", "", False),
        ("How far is Kellby from Orsa?", "Kellby is located approximately 1,190 km from Orsa.", "", True),
        # (a star's distance is from the Sun unless said: dev8 k22)
        ("How far is Vell from the Sun?", "Vell is relatively close, at 42.9 light-years.", "", True),
        # dev37 bi21: a title
        ("What was the title of the book in which Kell published his microscope observations?",
         "He is credited as one of the first to investigate living things at microscopic scale in 1665.", "", False),
        ("What was the title of the book in which Kell published his microscope observations?",
         "In 1665 he published his observations in Micrographia.", "", True),
        # dev37 bi64: a vizier is a person
        ("Which grand vizier launched the Orsk era during Kell IV's reign?",
         "During his middle years he oversaw the revival of the empire associated with the Orsk era.", "", False),
        # dev37 bi15: a capitalised deed
        ("In what year was Velmark Christianized under Kell I?", "Kell I was the ruler of Velmark from 852 to 889.",
         "", False),
        ("In what year was Velmark Christianized under Kell I?",
         "With the Christianization of Velmark in 864, paganism was abolished.", "", True),
        # dev36 bh15: a colour
        ("What colour are the flowers of the orsk plant?",
         "The orsk is a root vegetable belonging to the flowering plant family Apiaceae.", "", False),
        ("What colour are the flowers of the orsk plant?", "The orsk plant has small yellow flowers.", "", True),
    ],
)  # fmt: skip
def test_what_the_question_names_must_be_the_sentences(question, sentence, title, answers):
    assert can_answer(build_frame(question), sentence, title) is answers
