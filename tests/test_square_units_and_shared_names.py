"""Issue 11, fifty-fourth round (the blind probes dev62 and dev63).

A crash: "What body mass index range is classified as overweight rather than obese?" raised
``KeyError: 'square metres'`` in the verifier, whose bare-unit pattern read "square metres" but whose
unit table had no square metre; "Red Square years later" crashed it too.

Answered wrongly:
- "Unmanned aerial vehicles were first developed for military missions considered too what for humans?" by
  the generated "… and by the twentieth century had become essential assets [1]", verified against "… by
  the twenty-first had become essential assets";
- "Which city is the administrative centre of Sakhalin Oblast?" by Novosibirsk's ("… of Novosibirsk
  Oblast"): "Oblast" counted as telling the article apart;
- "What is the area of the Ross Ice Shelf?" by the Ross Sea's "Its … area …", its sentence before naming
  the ice shelf;
- "Where is the headquarters of the Commonwealth Secretariat located?" by "Its chief institutions are the
  Commonwealth Secretariat, …", which places nothing.

Refused though answered: "How many species of flea does the order Siphonaptera include?" by "Flea, the
common name for the order Siphonaptera, includes 2,500 species of small flightless insects …" (read as
the species of other things).

"Which of Mayer Amschel Rothschild's five sons …?" asks for a person, as "Which of the two Wright
brothers …?" did.
"""

from __future__ import annotations

import pytest

from rag.events import states_asked_event
from rag.frame import build_frame
from rag.holder import states_holder
from rag.judge import judge
from rag.judge_dates import check_by_time
from rag.judge_phrases import ties_elsewhere
from rag.judge_rules import numbers
from rag.topic import names_a_distinctive_name

PALACE = "The palace has 1,500 rooms and a floor area of 77,000 square metres, the largest in Europe."


def test_a_passage_in_square_metres_is_judged_not_crashed_on():
    assert judge("The palace has a floor area of 77,000 square metres [1].", PALACE).supported
    assert not judge("The palace has a floor area of 77,000 square miles [1].", PALACE).supported


def test_a_square_after_a_name_is_no_unit():
    passage = "The parade crossed Red Square years later, in 1945, after the war had ended."
    assert judge("The parade crossed Red Square in 1945.", passage).supported


def test_square_metres_are_an_area_not_a_length():
    assert numbers("The hall covers 500 square metres.") == {(500.0, "m2")}
    verdict = judge("The hall is 500 metres long.", "The hall covers 500 square metres.")
    assert not verdict.supported and "m2" in verdict.reason


FLEA = (
    "Flea, the common name for the order Siphonaptera, includes 2,500 species of small flightless insects "
    "that live as external parasites of mammals and birds."
)


def test_a_sentence_opening_with_the_thing_counts_its_kinds():
    assert not ties_elsewhere("How many species of flea does the order Siphonaptera include?", FLEA)


@pytest.mark.parametrize(
    "question, sentence",
    [
        ("How many species of flea does the order Siphonaptera include?",
         "The order Siphonaptera includes 2,500 species of small flightless insects."),
        ("Who is the father of chemical engineering?", "He is known as the father of the hydrogen bomb."),
    ],
)  # fmt: skip
def test_the_noun_of_another_thing_still_does_not_answer(question, sentence):
    assert ties_elsewhere(question, sentence)


NOVOSIBIRSK = (
    "Novosibirsk is the administrative centre and largest city of Novosibirsk Oblast and the Siberian "
    "Federal District in Russia."
)
SAKHALIN = "Sakhalin is an island. It is administered as part of Sakhalin Oblast."


def test_the_kind_of_subdivision_does_not_tell_the_article_apart():
    got = names_a_distinctive_name(("Sakhalin", "Oblast"), [NOVOSIBIRSK, SAKHALIN])
    assert got.tolist() == [False, True]


ROSS_SEA_BEFORE = (
    "To the west of the sea lies Ross Island and Victoria Land, while the southernmost part is covered by the "
    "Ross Ice Shelf, and is about 200 miles (320 km) from the South Pole."
)
ROSS_SEA_AREA = "Its boundaries and area have been defined as having an area of 637,000 square kilometres."


def test_its_area_after_naming_another_thing_sharing_the_name_is_the_articles():
    assert not states_holder("Ross Ice Shelf", ROSS_SEA_AREA, "Ross Sea", ROSS_SEA_BEFORE, number=True)


@pytest.mark.parametrize(
    "holder, title, before",
    [
        ("Ross Sea", "Ross Sea", ROSS_SEA_BEFORE),
        ("Ross Ice Shelf", "Ross Sea", "The Ross Ice Shelf is the largest ice shelf of Antarctica."),
    ],
)  # fmt: skip
def test_its_area_is_the_articles_or_the_one_named_just_before(holder, title, before):
    assert states_holder(holder, ROSS_SEA_AREA, title, before, number=True)


@pytest.mark.parametrize(
    "question",
    [
        "Which of Mayer Amschel Rothschild's five sons established the family's London bank?",
        "Which of his daughters married the king?",
        "Which of the two Wright brothers piloted the first flight?",
    ],
)
def test_which_of_someones_sons_asks_for_a_person(question):
    assert build_frame(question).asks_person


def test_which_of_someones_works_asks_no_person():
    assert not build_frame("Which of Mozart's operas premiered in Prague?").asks_person


HEADQUARTERS_Q = "Where is the headquarters of the Commonwealth Secretariat located?"


def test_where_a_headquarters_is_needs_a_sentence_placing_one():
    frame = build_frame(HEADQUARTERS_Q)
    assert not states_asked_event(frame, (
        "Its chief institutions are the Commonwealth Secretariat, focusing on intergovernmental relations, and "
        "the Commonwealth Foundation, focusing on non-governmental relations between member nations."
    ))  # fmt: skip
    assert states_asked_event(frame, "The Commonwealth Secretariat is headquartered at Marlborough House in London.")


@pytest.mark.parametrize(
    "question, sentence",
    [
        ("Where is General Motors headquartered?",
         "General Motors Company (GM) is an American multinational automotive manufacturing company headquartered in "
         "Detroit, Michigan, United States."),
        ("In which city is OPEC's headquarters located?", "OPEC is based in Vienna, Austria."),
        ("In which city is OPEC's headquarters located?", "The organisation's seat is in Vienna."),
    ],
)  # fmt: skip
def test_a_headquarters_is_placed_in_other_words_too(question, sentence):
    assert states_asked_event(build_frame(question), sentence)


UAV = (
    'UAVs were originally developed through the twentieth century for military missions too "dull, dirty or '
    'dangerous" for humans, and by the twenty-first had become essential assets to most militaries.'
)


def test_a_claim_moving_what_had_happened_by_a_time_is_unsupported():
    verdict = judge(
        "UAVs were first developed for military missions considered too dangerous to humans, and by the "
        "twentieth century had become essential assets [1].", UAV,
    )  # fmt: skip
    assert not verdict.supported and "by 21, not by 20" in verdict.reason


@pytest.mark.parametrize(
    "claim, passage",
    [
        ("By 1900 the city had grown to a million people.", "The city had grown to a million people by 1900."),
        ("By the 1990s the lake had shrunk.", "The lake had shrunk by the 1990s, its fishery gone."),
        ("The tower was finished by the workers in 1889.", "The tower was finished in 1889."),
    ],
)
def test_the_same_time_or_none_passes(claim, passage):
    assert check_by_time(claim, passage) == ""


def test_a_sentence_opening_with_the_thing_but_naming_its_own_kind_does_not_tell_its_types():
    sentence = "Cartilage is a resilient and smooth type of connective tissue."
    assert ties_elsewhere("What are the three main types of cartilage?", sentence)
