"""Issue 11, thirty-fifth round (the blind probes dev24 and dev25, and dev22 m11): a sentence about
another one of the asked thing's kind — another state's capital, another kingdom's last pharaoh,
another invention, one pandemic's figure for a yearly one — does not answer the question. Each case
failed before its change; the names are invented.
"""

from __future__ import annotations

import pytest

from rag.counting import gives_no_amount
from rag.deeds import deed_done_to_another
from rag.extremes import unstated_superlative
from rag.frame import build_frame
from rag.holder import measure_holder, states_holder
from rag.person import asks_person
from rag.rules import can_answer
from rag.told import tells_what_is_asked
from rag.topic import qualifies_another


@pytest.mark.parametrize(
    ("question", "holder"),
    [
        # dev22 m11: "the German state of Hesse" was read as the capital of "German"
        ("Which city is the capital of the Tamran state of Kell, where Arno is the largest city?", "Kell"),
        ("What is the population of the city of Velmar?", "Velmar"),
        ("What is the capital of the Republic of Tamra?", "Republic of Tamra"),  # a name, as before
        ("What is the area of Tamra?", "Tamra"),
    ],
)
def test_the_place_named_after_its_kind_word_is_the_holder(question, holder):
    assert measure_holder(question) == holder


def test_a_sentence_after_one_whose_subject_is_it_is_about_the_articles_subject():
    """dev22 m11: in Bavaria's summary (titled by its file name: a one-word headline is not taken
    as the title), "It borders … Hesse to the north-west … The state's capital … is Munich" was read
    as naming Hesse's capital."""
    before = "It borders the states of Velmar to the west and Kell to the north-west."
    sentence = "The state's capital and largest city is Arno."
    assert not states_holder("Kell", sentence, "00953-tamra", before)
    assert not states_holder("Kell", sentence, "Tamra", before)
    # the asked place's own article still answers
    assert states_holder("Kell", sentence, "00954-kell", before)
    # a sentence before that names the place as its subject still does
    assert states_holder("Kell", sentence, "", "Kell is a state of Tamra.")


def test_the_asked_capital_of_a_state_needs_that_state():
    frame = build_frame("Which city is the capital of the Tamran state of Kell?")
    assert frame.holder == "Kell"
    assert not can_answer(frame, "The nation's capital and most populous city is Arno.", "Tamra", "")


@pytest.mark.parametrize(
    ("sentence", "unstated"),
    [
        # dev24 o40: the average elevation is not the highest point's
        ("The plain spans about 4,000,000 km2 and averages about 170 m in elevation.", True),
        ("The highest point is Mount Arno, at 4,409 metres.", False),
        ("Its summit, Mount Arno, rises to 4,409 metres.", False),
    ],
)
def test_the_measure_of_an_extreme_point_needs_the_extreme(sentence, unstated):
    assert unstated_superlative("What is the elevation of the highest point of the Kell Plain?", sentence) is unstated
    assert not unstated_superlative("What is the average elevation of the Kell Plain?", sentence)


@pytest.mark.parametrize(
    ("question", "sentence", "tells"),
    [
        # dev24 o56: one pandemic's infections are not a yearly toll
        ("Roughly how many people die from Kell fever worldwide each year?",
         "Two years later, an estimated 500 million people had been infected.", False),
        ("Roughly how many people die from Kell fever worldwide each year?",
         "Kell fever kills about 300,000 people annually.", True),
        ("How many visitors does Arno receive per year?", "Arno receives 2 million visitors a year.", True),
        ("How many visitors does Arno receive per year?", "Arno received 2 million visitors in 2019.", False),
        ("How many visitors did Arno receive in 2019?", "Arno received 2 million visitors in 2019.", True),
    ],
)
def test_a_yearly_figure_needs_a_yearly_figure(question, sentence, tells):
    assert tells_what_is_asked(question, sentence) is tells


@pytest.mark.parametrize(
    "question",
    [
        # dev24 o36, o54: roles only a person holds
        "Which ancient grammarian first treated the velish as a part of speech?",
        "Which delegate introduced the Kell Resolution?",
    ],
)
def test_more_roles_ask_for_a_person(question):
    assert asks_person(question)
    assert build_frame(question).asks_person


@pytest.mark.parametrize(
    ("question", "sentence", "another"),
    [
        # dev25 p26: the same deed, done to another thing
        ("Who invented the rechargeable velish battery?", "He invented the voltaic pile in 1799.", True),
        ("Who invented the rechargeable velish battery?", "Arno Kell invented the velish battery in 1859.", False),
        ("Who invented the rechargeable velish battery?", "Arno Kell invented it in 1859.", False),  # "it" may be it
        ("Who invented the rechargeable velish battery?", "Arno Kell was a physicist.", False),  # no deed: others'
        ("Who founded the Kell Institute?", "She founded the Arno Society.", False),  # a name: other rules'
        # the deed's doer told after it, not another thing (dev7 t19, heldout5 m10 in the rule's first version)
        ("Who established velishology?", "Established in the early 1890s by Arno Kell, it draws on physics.", False),
        ("Who completed the velish novel?", "It was completed by his son Arno.", False),
    ],
)
def test_a_deed_done_to_another_thing_does_not_tell_who_did_the_asked_one(question, sentence, another):
    assert deed_done_to_another(question, sentence) is another


@pytest.mark.parametrize(
    ("question", "sentence", "another"),
    [
        # dev24 o32: the Old Kingdom's last pharaoh is not the New Kingdom's
        ("Who was the last pharaoh of the Old Kingdom of Tamra?", "He was the last pharaoh of the New Kingdom.", True),
        ("Who was the last pharaoh of the Old Kingdom of Tamra?", "Arno was the last pharaoh of the Old Kingdom.",
         False),
        ("Who chaired the Second Kell Congress?", "The First Kell Congress was chaired by Arno.", True),
        ("Who chaired the Second Kell Congress?", "The First and Second Kell Congress met in Arno.", False),
        ("Who chaired the Second Kell Congress?", "The Kell Congress met in Arno.", False),  # no other qualifier
        # a place is not told apart so: dev6 y41's Bantu "migrated from Western and Central Africa" to South Africa
        ("When did the Kell people reach South Velia?", "They migrated from Western and Central Velia.", False),
    ],
)
def test_a_name_qualified_otherwise_is_another_one(question, sentence, another):
    assert qualifies_another(question, sentence) is another


@pytest.mark.parametrize(
    ("sentence", "states"),
    [
        # dev25 p04: a round thing's width is its diameter
        ("A velish is a small vessel, from 5 to 10 micrometres in diameter.", True),
        ("A velish is 5 to 10 micrometres long.", False),
    ],
)
def test_a_width_is_stated_by_a_diameter(sentence, states):
    frame = build_frame("How wide is a typical velish?")
    assert frame.dimension == "width"
    assert can_answer(frame, sentence) is states


@pytest.mark.parametrize(
    ("question", "sentence", "none"),
    [
        # dev25 p45: "Roughly how many …" asks as "How many …" does (it was read as no wh-question, so
        # the rules for a count asked did not read it)
        ("Roughly how many islands make up the Kell archipelago?", "Arno is the largest island of Kell.", True),
        ("About how many islands make up the Kell archipelago?", "The archipelago has 17,508 islands.", False),
    ],
)
def test_a_hedged_count_is_asked_as_a_count(question, sentence, none):
    frame = build_frame(question)
    assert frame.asks_wh
    assert gives_no_amount(frame, sentence) is none


@pytest.mark.parametrize(
    ("sentence", "tells"),
    [
        # dev24 o08: what a disease is caused by is not its viruses' family
        ("Kell fever is an infectious disease caused by kell viruses.", False),
        ("Kell viruses are members of the family Arnoviridae.", True),
        ("Kell viruses make up the Arnoviridae.", True),  # a taxon's name
        ("Kell viruses infect the arnoviridae cells of whales.", False),  # not a name, not a rank
    ],
)
def test_a_family_asked_needs_a_family(sentence, tells):
    assert tells_what_is_asked("To which virus family do kell viruses belong?", sentence) is tells
    assert tells_what_is_asked("What causes Kell fever?", sentence)  # no rank of kin asked


@pytest.mark.parametrize(
    ("sentence", "tells"),
    [
        # dev24 o42: an area is not a volume
        ("The Kell ice sheet covers 1,710,000 square kilometres.", False),
        ("The Kell ice sheet holds 2,900,000 cubic kilometres of ice.", True),
        ("Its volume is about 2.9 million km3.", True),
    ],
)
def test_a_volume_asked_needs_a_volume(sentence, tells):
    assert tells_what_is_asked("What is the total volume of ice in the Kell ice sheet?", sentence) is tells
