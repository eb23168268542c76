"""Issue 11, twentieth round: a deed asked "who" needs its doer, a native range asked "where"
needs one stated, a count is not a percentage, the lower-case thing asked about must be named, and
an astronomical distance is a length.

Each class was answered wrongly (or refused) on the code before this round by a fresh probe of the
Wikipedia summaries (eval/probes/dev8.jsonl); the examples here are my own. "Who betrayed Babak?"
was answered with "… defeated when Babak was betrayed", "Where is black pepper native to?" with its
plant family, "How many fish species live in Lake Turkana?" with the African lakes' "10% of the
world's fish species", "When was the first fireplace built?" with the first laser, and "What
share of the world economy does manufacturing account for?" with China's share; "How far is
Capella from the Sun?" was refused because "42.9 light-years" was not read as a distance.
"""

from __future__ import annotations

import pytest

from rag.frame import build_frame
from rag.rules import can_answer
from rag.topic import names_topic
from rag.units import has_unit


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (  # the deed without its doer
            "Who betrayed the rebel leader Toma Varga?",
            "The revolt in the hills lasted nine years and collapsed when Toma Varga was betrayed in 1712.",
        ),
        (  # a native range asked, a plant family stated
            "Where is the clove tree native to?",
            "The clove tree is an evergreen in the family Myrtaceae, grown for its aromatic flower buds.",
        ),
        (  # a count asked, a share stated
            "How many bird species live on Lake Orra?",
            "The wetlands of the basin are home to 12% of the continent's bird species.",
        ),
    ],
)
def test_a_sentence_without_what_is_asked_cannot_answer(question, sentence):
    assert not can_answer(build_frame(question), sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Who betrayed the rebel leader Toma Varga?", "Toma Varga was betrayed in 1712 by his lieutenant Ivo Marek."),
        ("Who betrayed the rebel leader Toma Varga?", "Ivo Marek betrayed Toma Varga to the governor in 1712."),
        (  # the doer after the date ("Who founded YouTube?" was refused on a first try of this rule)
            "Who founded the Orra Press?",
            "The Orra Press was founded on 2 March 1901, by the printers Ada Lind and Tom Hale.",
        ),
        ("Where is the clove tree native to?", "The clove tree is native to the Maluku Islands in Indonesia."),
        ("Where does the river Orra originate?", "Originating in the Vael Mountains, the Orra flows west."),
        ("How many bird species live on Lake Orra?", "About 340 bird species, 12% of them endemic, live on the lake."),
        ("How far is Capella from the Sun?", "Capella is relatively close, at 42.9 light-years."),
        ("How far is the star from the Sun?", "The star lies about 1.3 parsecs from the Sun."),
    ],
)
def test_a_sentence_stating_what_is_asked_may_answer(question, sentence):
    assert can_answer(build_frame(question), sentence)


def test_an_astronomical_distance_is_a_length():
    assert has_unit("length", "at only 25 light-years from the Sun")
    assert has_unit("length", "about 1.3 parsecs away")
    assert not has_unit("length", "for 25 years")


@pytest.mark.parametrize(
    "question",
    [
        "When was the first lighthouse built?",
        "When did rationing begin in the northern provinces?",
        "What share of the national income does agriculture account for?",
        "What colour are a flamingo's legs?",
    ],
)
def test_the_lower_case_thing_asked_about_must_be_named_by_the_article(question):
    named = names_topic(question, ["The first laser was built in 1960.", question.replace("?", ".")])
    assert named.tolist() == [False, True]


@pytest.mark.parametrize(
    "question",
    ["When did the war end in the north?", "When was it built?", "What is the world's largest lake?"],
)
def test_a_question_pointing_back_or_about_the_world_has_no_lower_case_topic(question):
    assert names_topic(question, ["The first laser was built in 1960."]).tolist() == [True]
