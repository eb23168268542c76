"""Issue 11, fortieth round (the blind probes dev34 and dev35): "Who holds the world record in the
men's 400 metres hurdles?" was answered by a 100 metres record, "On what date was the album released
in the United States?" by its British release, "How many people speak Romanian …?" from the Italian
language's summary (it names the Romans), "What is considered the national dish of Mexico?" by
"Mexico is a country …", "What was Pol Pot's birth name?", "How often should adults …?" and "What is
the maximum annual rainfall …?" by sentences giving no name, frequency or limit, "In what year was
the conviction overturned?" by the year of the conviction, "Who first created a condensate?" by
"… i.e. 0 K. Under such conditions …" (two capitals taken for a name), "In which city is AT&T
headquartered?" from the stock exchange's summary (the question's name was read as "AT") and "How
long does it take to recover from a cold?" by how long whooping cough lasts. Each case failed
before its change; the names are invented.
"""

from __future__ import annotations

import pytest

from rag.counting import counted
from rag.frame import build_frame
from rag.rules import can_answer
from rag.topic import names_a_distinctive_name
from rag.vocabulary import unknown_names


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        # dev35 bg32: a race named by its distance
        ("Who holds the world record in the men's 400 metres hurdles?",
         "Ostrov Kell is the world record holder in the 100 metres and 200 metres.", False),
        ("Who holds the world record in the men's 400 metres hurdles?",
         "Ostrov Kell holds the world record in the 400 metres hurdles.", True),
        # dev35 bg57: a deed done in another place
        ("On what date was Orsk Bells released in the United States?",
         "Released in the UK on 26 May 1967, Orsk Bells is regarded as a concept album.", False),
        ("On what date was Orsk Bells released in the United States?",
         "Orsk Bells was released in the US on 2 June 1967.", True),
        # dev34 bf15: a national thing needs its status
        ("What is considered the national dish of Velmark?", "Velmark is a country in North America.", False),
        ("What is considered the national dish of Velmark?", "Orsk stew is the national dish of Velmark.", True),
        # dev34 bf63: a change of name tells the official name
        ("What did Kell change Velmark's official name to?",
         "Kell changed the country's name from the Republic of Velmark to the Free Republic of Velmark.", True),
        # dev35 bg28: a name at birth
        ("What was Ostrov Kell's birth name?",
         "Ostrov Kell led the Orsk movement, known as the Red Guard, which seized power in 1975.", False),
        ("What was Ostrov Kell's birth name?", "Halvar Morrin, known professionally as Ostrov Kell, is a singer.",
         True),
        # dev35 bg25: a frequency
        ("How often should adults get a dental cleaning?",
         "Oral hygiene is the practice of keeping the mouth clean by regular brushing.", False),
        ("How often should adults get a dental cleaning?", "Adults should have a dental cleaning every six months.",
         True),
        # dev34 bf03: a limit
        ("What is the maximum annual rainfall of a desert?",
         "The wet season is when most of a region's average annual rainfall occurs.", False),
        ("What is the maximum annual rainfall of a desert?", "A desert receives less than 250 mm of rain a year.",
         True),
        # dev35 bg20, bg21: the deed whose year is asked, also asked "in what year"
        ("In what year was Ostrov Kell's conviction overturned?",
         "Allegations were made against him, culminating in a 2018 conviction for fraud.", False),
        ("In what year was Ostrov Kell's conviction overturned?", "His conviction was overturned in 2021.", True),
        ("In what year was Ostrov Kell convicted?", "Kell was known for The Kell Show (1984–1992).", False),
        # dev34 bf42: an irregular deed
        ("When was an aircraft first shot down by fire from the ground?",
         "They made the first controlled flight of an aircraft on December 17, 1903.", False),
        ("When was an aircraft first shot down by fire from the ground?",
         "The first aircraft shot down by ground fire fell in 1912.", True),
        # dev35 bg53: a unit after a figure and a sentence's opening word name no one
        ("Who first created an orsk condensate in a laboratory?",
         "An orsk condensate is a state of matter formed when a gas is cooled to absolute zero, i.e. 0 K. "
         "Under such conditions, its atoms share one state.", False),
        ("Who first created an orsk condensate in a laboratory?",
         "Halvar Morrin first created an orsk condensate in 1995.", True),
        # dev35 bg54: the time a deed takes
        ("How long does it usually take to recover from an orsk cold?",
         "Its first symptoms are like those of an orsk cold but are followed by two months of coughing.", False),
        ("How long does it usually take to recover from an orsk cold?",
         "People usually recover from an orsk cold in seven to ten days.", True),
        # older dev probes left wrong until now: bb48, bd55, k63
        ("What does the name 'Orskida' mean?", "Orskida is a diverse group of vertebrates.", False),
        ("What does the name 'Orskida' mean?", "The name Orskida derives from the Greek for 'fused arch'.", True),
        ("What is the current global orsk rate?", "Orsk is measured by the orsk rate, a share of the workforce.",
         False),
        ("What is the current global orsk rate?", "The global orsk rate was 5.8% in 2024.", True),
        ("Which of the three islands of Velmark is the largest?", "Its capital and largest city is Kellby.", False),
        ("Which of the three islands of Velmark is the largest?", "Orsa is the largest island of Velmark.", True),
    ],
)  # fmt: skip
def test_what_the_question_fixes_must_be_told(question, sentence, answers):
    assert can_answer(build_frame(question), sentence) is answers


def test_a_single_name_given_by_kin_answers_who_a_relative_was():
    # dev34 bf09: "Phidias was the son of Charmides of Athens"
    frame = build_frame("Who was the father of the sculptor Halvar?")
    assert can_answer(frame, "Halvar was the son of Orsinos of Athens.")
    assert not can_answer(frame, "Halvar was the son of a wealthy family.")


def test_a_name_with_an_ampersand_is_one_name():
    # dev35 bg05: "AT&T" was read as "AT"
    assert build_frame("In which city is OK&T headquartered?").entities == ("OK&T",)
    assert unknown_names("Where is OK&T headquartered?", frozenset({"ok", "t", "where"})) == []


def test_a_lookalike_name_does_not_name_the_asked_one():
    # dev35 bg45: the Italian language's summary names the Romans, not Romanian
    found = names_a_distinctive_name(
        ("Romanian",), ["Latin was spoken in the Roman Empire.", "Romania is in Europe.", "Romanians live there."]
    )
    assert found.tolist() == [False, True, True]
    assert names_a_distinctive_name(("Roman",), ["The Romans built roads."]).tolist() == [True]


def test_a_bare_what_noun_part_is_asked_of_the_part_before():
    # dev35 bg21: "…, and of what offence?" alone was answered by a definition of an offence
    offence = build_frame("In what year was Ostrov Kell convicted, and of what offence?").parts[1]
    assert offence.of_part_before and offence.entities == ("Ostrov", "Kell")
    assert "Kell" in offence.query


def test_a_number_after_a_holding_verb_counts_the_noun_after_it():
    # dev25 p51: "containing the four Gospels" counts no folios
    frame = build_frame("How many folios does the Book of Orsk contain?")
    assert not counted("The Book of Orsk is a manuscript containing the four Gospels and various tables.", frame)
    assert counted("The Book of Orsk contains 340 folios.", frame)
    assert counted("The raid wounded another 903.", build_frame("How many people did the raid wound?"))
