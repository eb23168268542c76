"""Issue 11, forty-second round (the blind probes dev38 and dev39): "What was the first smartphone,
and in what year did it go on sale?" was answered with a puzzle's award "in 1980" (the part asked of
the first was let through because that part asks nothing but its focus); "…, and which branch of
science is it part of?" with physics (four words before "is it" hid the pointing back); "What is the
study of bacteria called?" lost its answer ("called" was read as part of the thing asked about);
Odin's "hundreds of names" named his ravens, tick fossils dated the oldest drum and an NFL season's
weeks timed a quarter; the definition of the degree Celsius gave a melting point; Pangaea's own
summary named the supercontinent before it; the Old World's Bronze Age dated China's; a metro
population gave a city proper's; a sentence naming no extinction or original title answered for
them. Each case failed before its change; the names are invented.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rag.frame import build_frame
from rag.part_answers import tells_of as _tells_of
from rag.rules import can_answer
from rag.topic_shapes import asked_topic


def _evidence(question: str, best: str = "") -> SimpleNamespace:
    return SimpleNamespace(frame=build_frame(question), picked=(SimpleNamespace(text=best),) if best else ())


def test_a_part_asked_of_one_that_names_only_its_focus_must_speak_of_that_focus():
    # dev38 bj41: "the first smartphone" has no word besides what it asks for
    first = _evidence("What was the first zorbphone?")
    assert not _tells_of(first, _evidence("In what year did it go on sale?", "It won the 1980 Game of the Year award."))
    assert _tells_of(first, _evidence("In what year did it go on sale?", "The first zorbphone went on sale in 1994."))
    # a part with other words still reads only those (the doer asked is not in "was discovered in 1821")
    who = _evidence("Who discovered Kell Island?")
    assert _tells_of(who, _evidence("In which year?", "Kell Island was discovered in 1821."))


def test_a_part_pointing_back_after_four_words_is_asked_of_the_part_before():
    # dev38 bj13
    first, second = build_frame("What is the study of orsks called, and which branch of science is it part of?").parts
    assert not first.of_part_before and second.of_part_before


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What is the study of orsks called?", {"orsk"}),  # dev38 bj13: not "orsks called"
        ("What are the names of Vell's two ravens?", {"raven"}),  # dev39 bk32
        ("How old is the oldest drum ever found by archaeologists?", {"drum"}),  # dev39 bk26
        ("How long is each quarter in a game of sorn?", {"quarter"}),  # dev38 bj63
        ("How old are the oldest known fossils of vell palm?", {"vell", "palm"}),  # the "of" shape reads it still
    ],
)
def test_the_lower_case_thing_asked_about_is_read(question, topic):
    assert asked_topic(question) == frozenset(topic)


@pytest.mark.parametrize(
    ("question", "sentence", "title", "answers"),
    [
        # dev38 bj13: the thing the study is of is named
        ("What is the study of orsks called?", "The study of orsks is known as orskology, a branch of zoology.",
         "Orsk", True),
        # dev39 bk32, bk26: the ravens, the drum
        ("What are the names of Vell's two ravens?", "Consequently, Vell has hundreds of names and titles.",
         "Vell", False),
        ("How old is the oldest drum ever found by archaeologists?",
         "The oldest known tick fossils are around 100 million years old.", "Tick", False),
        # dev39 bk23: a melting point needs a figure, not the unit's definition
        ("What is the melting point of cast sorn in degrees Celsius?",
         "The degree Celsius can refer to a specific point on the Celsius temperature scale or to a difference or "
         "range between two temperatures.", "Celsius", False),
        ("What is the melting point of cast sorn in degrees Celsius?",
         "Cast sorn melts at about 1,150 °C.", "Cast sorn", True),
        # dev38 bj47: what came before needs an order
        ("What was the name of the supercontinent that existed before Orskaea?",
         "Orskaea was a supercontinent that existed during the late Paleozoic.", "Orskaea", False),
        ("What was the name of the supercontinent that existed before Orskaea?",
         "Vellinia was a supercontinent that broke up long before Orskaea formed.", "Vellinia", True),
        # dev38 bj39: the place the beginning is asked of
        ("When did the Bronze Age begin in Kellia?",
         "The Bronze Age had begun in much of the Old World by 3,000 BC.", "Bronze Age", False),
        ("When did the Bronze Age begin in Kellia?", "In Kellia the Bronze Age began around 2000 BC.", "Bronze Age",
         True),
        # dev39 bk57: the city proper, the metropolitan area left out
        ("What is the population of the city of Varna proper, not counting the metropolitan area?",
         "It is the largest city in Sorn state, and the fourth-largest urban area in all of Kellia; the metro "
         "population of the city of Varna was 3,726,974 in 2022.", "Varna", False),
        ("What is the population of the city of Varna proper, not counting the metropolitan area?",
         "The city proper has a population of 1,488,920.", "Varna", True),
        # dev38 bj26: an extinction
        ("Which genus of the orsk family recently became extinct?",
         "The orsk is the type species for its genus, Orska, and lends its name to the family.", "Orsk", False),
        # dev38 bj03: an original title
        ("What was the original title of Vell's Almagest?",
         "Scholars believe that Mira may have edited the text of Vell's Almagest, based on the title of her "
         "father's commentary.", "Mira", False),
        ("What was the original title of Vell's Almagest?",
         "She wrote a commentary on Sorn's Arithmetica, having been interpolated into Sorn's original text.", "Mira",
         False),
        ("What was the original title of Vell's Almagest?",
         "His treatise now known as the Almagest was originally entitled Syntaxis.", "Vell", True),
    ],
)  # fmt: skip
def test_what_the_question_fixes_must_be_told(question, sentence, title, answers):
    assert can_answer(build_frame(question), sentence, title) is answers


def test_a_things_name_may_be_told_after_a_sentence_naming_the_thing():
    question = "By what name is Vell's astrological treatise most commonly known?"
    before = "The third is the astrological treatise in which he adapted horoscopic astrology."
    pointing_back = "This is sometimes known as the Apotelesmatika but more commonly known as the Tetrabiblos."
    assert can_answer(build_frame(question), pointing_back, "Vell", before)
    assert not can_answer(build_frame(question), "Vell was later known as Kell the Elder.", "Vell", before)


def test_a_count_named_twice_counts_the_asked_noun():
    """A rule tried in the forty-first round read a number as counting only the plural noun right
    after it ("two species" for "How many orangutans …?"). The forty-second round's one look at the
    test split showed it refusing "some 50,000 distichs or couplets" for "How many couplets …?", so it
    was dropped, not mended; this keeps that count answering."""
    question = "How many couplets does the Orskname contain?"
    sentence = "Consisting of some 50,000 distichs or couplets, the Orskname is one of the longest epic poems."
    assert can_answer(build_frame(question), sentence, "Orskname")
