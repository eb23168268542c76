"""Issue 11, thirty-sixth round (the blind probes dev26 and dev27): a sentence on the asked subject
that gives another detail — a year for a date, "a large peninsula" for a rank, the second-longest
for the longest, the Americas for Central America, a seaport with no name, nominations for wins,
another thing's "it", another unit, a narrower kind's count, a definition for a quantity — does not
answer the question; nor does a part pointing back to a part the articles do not answer. Each case
failed before its change; the names are invented.
"""

from __future__ import annotations

import pytest

from rag.counting import counts_a_narrower_kind
from rag.events import gives_no_day
from rag.extremes import asked_extreme, states_extreme
from rag.frame import build_frame
from rag.nominations import counts_nominations
from rag.rules import tells_of_the_topic
from rag.told import names_the_named_thing, states_a_degree, tells_what_is_asked
from rag.topic import pronoun_for_another_name
from rag.topic_shapes import asked_topic
from rag.units import gives_another_unit, has_unit


@pytest.mark.parametrize(
    ("question", "points_back"),
    [
        # dev27 w53: "what does that word mean?" was answered with another word's meaning
        ('From which Tamran word is "vell" derived, and what does that word mean?', True),
        ("Who founded Arno Works, and when did he die?", True),
        ("What is the capital of Kell, and how many people live there?", True),
        ("Which city hosted the Velmar games, and what is its population?", True),
        ("What is the largest moon of Sorna, and how many moons are there?", False),  # "are there": none
        ("Who wrote The Kell Saga, and in what year was the play first staged?", False),
    ],
)
def test_a_part_pointing_back_is_asked_of_the_part_before(question, points_back):
    first, second = build_frame(question).parts
    assert not first.of_part_before
    assert second.of_part_before is points_back


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Roughly how many years ago did the first zorbels appear?", {"zorbel"}),  # dev26 q58
        ("In what year was the world's first vellum licence issued?", {"vellum", "licenc"}),  # dev27 w31
        ("From which geological epoch do the earliest known zorbel fossils date?", {"zorbel", "fossil"}),  # w46
        ("What percentage of Kell's land surface is still considered wilderness?", {"wilderness"}),  # w60
        ("How many years ago did the zorbels die out?", set()),  # "the zorbels" points back
    ],
)
def test_the_lower_case_thing_whose_date_origin_or_share_is_asked(question, topic):
    assert asked_topic(question) == frozenset(topic)


def test_a_sentence_on_another_thing_does_not_tell_the_asked_things_share():
    question = "What percentage of Kell's land surface is still considered wilderness?"
    assert not tells_of_the_topic(question, "About 31% of Kell's land surface is covered by forests.", "Kell")
    assert tells_of_the_topic(question, "About 12% of its land is wilderness.", "Kell")


@pytest.mark.parametrize(
    ("sentence", "no_day"),
    [
        ("The Vell Saga is a 1949 stage play written by Arno Tamm.", True),  # dev26 q25
        ("It may open in 1949.", True),  # "may" is no month
        ("The play premiered on Broadway on February 10, 1949.", False),
        ("It opened on 10 Feb. 1949.", False),
        ("The relaxation was conveyed on Sunday.", False),  # news gives the weekday
        ("It opened in May 1949.", False),
    ],
)
def test_a_date_asked_needs_a_day(sentence, no_day):
    frame = build_frame("On what date did The Vell Saga open on Broadway?")
    assert gives_no_day(frame, sentence) is no_day
    assert not gives_no_day(build_frame("In what year did The Vell Saga open?"), "It opened in 1949.")


def test_a_rank_asked_needs_a_rank():
    """dev27 w26: "a large peninsula" was the answer to where it ranks in size."""
    question = "Where does the Horn of Kell rank in size among the world's peninsulas?"
    assert not tells_what_is_asked(question, "The Horn of Kell is a large peninsula in eastern Tamra.")
    assert tells_what_is_asked(question, "It is the fourth largest peninsula in the world.")
    assert tells_what_is_asked("Where is the Horn of Kell?", "It lies in eastern Tamra.")


def test_the_longest_said_of_a_kind_is_asked_and_the_second_longest_is_not_it():
    """dev26 q07: "… the heaviest and second-longest snake known" answered which is the longest."""
    question = "Which snake species is the longest in the world?"
    assert asked_extreme(question.lower()) == "longest"
    assert not states_extreme("longest", question, "The vell boa is the heaviest and second-longest snake known.")
    assert states_extreme("longest", question, "The Tamran python is the world's longest snake.")
    assert asked_extreme("which of the three islands is the largest?") == ""


def test_an_extreme_in_a_region_needs_that_region():
    """dev27 w34: "the highest mountain in the Americas" is not Central America's highest."""
    question = "What is the highest mountain in Central Tamra?"
    assert not states_extreme("highest", question, "At 6,961 metres, it is the highest mountain in Tamra.")
    assert states_extreme("highest", question, "Mount Vell is the highest mountain in Central Tamra.")


def test_its_for_another_thing_does_not_answer_for_the_asked_one():
    """dev27 w25: the Moon's "It completes an orbit … every 29.5 days" answered for Mercury; the
    Moon's summary is titled by its file name (a one-word headline)."""
    question = "How many days does Vell take to complete one orbit of the Sun?"
    sentence = "It completes an orbit in relation to the Sun every 29.5 days."
    assert pronoun_for_another_name(question, sentence, "06087-sorna", "Sorna is Kell's only moon.")
    assert not pronoun_for_another_name(question, sentence, "05834-vell", "Vell is the first planet from the Sun.")


def test_a_count_listed_after_nominations_is_no_win():
    """dev26 q26: "as well as nominations for a Primetime Emmy Award and five Grammy Awards"."""
    frame = build_frame("How many Grammy Awards did The Vell Tapes win?")
    listed = "He has won two BAFTA Awards, as well as nominations for a Primetime Emmy Award and five Grammy Awards."
    assert counts_nominations(frame, listed)
    assert not counts_nominations(frame, "He was nominated for two Emmys and won five Grammy Awards.")


def test_a_name_asked_needs_a_name():
    """dev26 q62: "… both an international airport and an international seaport are located within
    the city" gave no seaport's name (and "located" was read as the thing named)."""
    question = "What is the name of the international seaport located in Kellapuram?"
    assert not names_the_named_thing(question, "It is among the few cities where an international seaport is located.")
    assert names_the_named_thing(question, "The Vellinjam International Seaport lies south of the city.")
    assert names_the_named_thing("What is the name of the dish of fried fish?", "The dish is called vellu.")


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("What range of audio frequencies can the human ear pick up?", ""),  # dev26 q16: no length
        ("What is the range of the Vell missile?", "length"),
        ("What range was Kell allowed?", "length"),
        ("What numerical value is fixed for the transition frequency in hertz?", ""),  # dev26 q45: no money
        ("What is the value of the Vell contract?", "money"),
    ],
)
def test_the_unit_a_question_asks(question, unit):
    assert build_frame(question).unit == unit


def test_a_things_age_may_be_how_long_ago_it_formed():
    """dev27 w17: "date to 75 million years ago" is the fossils' age."""
    assert has_unit("age", "The oldest known fossils of the vell palm date to 75 million years ago.")
    assert not has_unit("age", "The vell palm grows 10 metres tall.")


def test_a_value_in_the_unit_the_question_names():
    """dev26 q11: "audio frequencies ranging from 20 Hz to 20 kHz" answered at what decibel level
    sound becomes painful."""
    question = "At roughly what decibel level does sound start to become painful to the Vell ear?"
    assert gives_another_unit(question, "The Vell ear hears frequencies from 20 Hz to 20 kHz.")
    assert not gives_another_unit(question, "Pain begins at about 120 dB.")
    assert not gives_another_unit("What value is fixed in hertz?", "It is 9192631770 when expressed in the unit Hz.")
    assert not gives_another_unit("Who was Arno Hertz?", "He was a Kellish physicist.")  # a name, no unit


def test_a_count_of_a_narrower_kind_is_not_the_wholes():
    """dev26 q59: "27 species of Old World coral snakes" answered how many species of snakes there are."""
    frame = build_frame("How many species of vells are currently recognized?")
    narrower = "There are 27 species of Old World coral vells and 83 species of New World vells."
    assert counts_a_narrower_kind(frame, narrower)
    assert not counts_a_narrower_kind(frame, "There are over 3,900 known species of vells.")
    assert not counts_a_narrower_kind(frame, "There are 20 species of sea vells and 3,900 species of vells in all.")


def test_a_physical_quantity_asked_needs_its_value():
    """dev26 q35: a sentence defining condensation answered what water's latent heat of vaporization is."""
    frame = build_frame("What is the latent heat of vaporization of vellum?")
    assert frame.kind == "other"
    assert not states_a_degree(frame, "It can also be defined as the change in the state of vellum vapor to liquid.")
    assert states_a_degree(frame, "It is about 2,260 kJ/kg.")


def test_a_named_thing_may_be_written_as_another_word_for_it():
    """dev23 n21 (refused while this round's changes were made): "His aircraft, the Spirit of Kell"
    names the plane asked for."""
    question = "What was the name of Arno Vell's plane on his Kell to Sorna flight?"
    assert names_the_named_thing(question, "His aircraft, the Spirit of Kell, was built for the Orvell Prize.")
    assert not names_the_named_thing(question, "On May 20 he made the first nonstop flight from Kell to Sorna.")
