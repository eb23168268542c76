"""Issue 11, thirty-seventh round (the blind probes dev28 and dev29): the model's sentence "X is
regarded as the father of chemical engineering" was verified against a passage making X "the
father of the hydrogen bomb" (every word was there), and "… puppet theatre is known as Kabuki"
against a passage with no puppets (the word came from the question); a sentence saying the asked
"father of …" of another thing, or no average for "the average depth", or not naming the
lower-case thing asked of ("how many thousand years ago were cats first domesticated?", "the
incubation period of chickenpox after exposure"), does not answer; a bare part ("…, and where?",
"…, and to what age?") is asked of the part before it. Each case failed before its change; the
names are invented.
"""

from __future__ import annotations

import pytest

from rag.extremes import average_unstated
from rag.frame import build_frame
from rag.judge import judge
from rag.judge_phrases import ties_elsewhere
from rag.topic_shapes import asked_topic

BRENN = (
    "Halvard Brenn was a Norvish physicist and marine engineer who is known colloquially as "
    '"the father of the steam turbine" and one of the founders of the Brenn–Ost works.'
)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        # dev28 l36: every word is in the passage, but "father of" is tied to another thing
        ("Halvard Brenn is regarded as the father of marine engineering [1].", False),
        ("Halvard Brenn is known as the father of the steam turbine [1].", True),
        ("Halvard Brenn was one of the founders of the Brenn–Ost works.", True),
    ],
)
def test_a_claim_keeps_what_the_passage_ties_to_a_noun(claim, supported):
    assert judge(claim, BRENN).supported is supported


def test_a_tie_to_a_figure_is_read_as_the_figure():
    passage = "The Vell radar has a range of 300 km (186 miles)."
    assert judge("The Vell radar has a range of 300 kilometres.", passage).supported
    assert not judge("The Vell radar has a range of 400 kilometres.", passage).supported


def test_a_claims_subject_does_not_borrow_the_questions_words():
    # dev29 ba30: "puppet" came from the question; the passage's theatre has no puppets
    passage = "Zorika is a classical form of Tamran theatre, mixing dramatic performance with traditional dance."
    question = frozenset({"traditional", "tamran", "form", "puppet", "theatr", "call"})
    verdict = judge("The traditional Tamran form of puppet theatre is known as Zorika.", passage, asked=question)
    assert not verdict.supported
    assert "puppet" in verdict.reason
    said = "Zorika is a traditional Tamran form of theatre."
    assert judge(said, passage, asked=question).supported


@pytest.mark.parametrize(
    ("question", "sentence", "elsewhere"),
    [
        ("Who is regarded as the father of marine engineering?", BRENN, True),  # dev28 l36
        # the noun itself is asked: a field of complex analysis is a field of mathematics
        ("Which field of mathematics did Arno Vell pioneer?", "He pioneered the field of complex analysis.", False),
        ("Which two levels of warfighting sit above tactics?", "The strategic and operational levels of war.", False),
        # the thing named elsewhere in the sentence, or what a possessive name goes on to
        ("Which dynasty ruled the princely state of Orsk?", "The Kingdom of Orsk was a Princely State of Kell.", False),
        ("When was a collection of Vell's major texts published?", "A collection of major texts came out.", False),
        ("Who was the last king of the western Vantor Empire?", "He was the last king of the Vantor Empire.", False),
        # the noun said bare too: "His reign" is the asked one
        ("How long did the reign of Emperor Orsk last?", "His reign lasted 54 years, until the reign of Arno.", False),
        ("When was the Battle of Vell fought?", "The Battle of Orsk was fought in 1066.", True),
        ("When was the Battle of Vell fought?", "The Battle of Vell was fought in 1066.", False),
        ("Who is regarded as the father of the steam turbine?", BRENN, False),
        # a figure is the noun's value, not another thing
        ("What is the population of Vell City?", "Vell City has a population of 8.8 million.", False),
        ("What is the depth of Lake Orsk?", "Lake Orsk reaches a depth of about two hundred metres.", False),
        ("What is the population of Arno?", "A population of 246,325, a tenth of the population of Kell.", False),
        # "U.S." is the question's "US"
        ("When was the relaxation of US rules conveyed to Kell?", "The relaxation of U.S. rules was conveyed.", False),
        # a noun with no "of" in the sentence is not read
        ("What is the capital of Kell?", "Arno is the capital and largest city of Kell.", False),
    ],
)
def test_a_sentence_saying_the_asked_noun_of_another_thing(question, sentence, elsewhere):
    assert ties_elsewhere(question, sentence) is elsewhere


@pytest.mark.parametrize(
    ("question", "sentence", "unstated"),
    [
        # dev28 l38: the deepest point's depth is no average depth
        ("What is the average depth of the Vell Sea?", "The Orsk Trench marks its deepest point (3300 m).", True),
        ("What is the average depth of the Vell Sea?", "The Vell Sea averages 140 metres in depth.", False),
        ("What is the mean temperature of Kell?", "Kell's temperature is typically 12 °C.", False),
        # "an average adult" is a typical adult, no mean is asked
        ("How many litres of blood does an average adult's body hold?", "An adult holds about 5 litres.", False),
    ],
)
def test_an_average_asked_needs_an_average(question, sentence, unstated):
    assert average_unstated(question, sentence) is unstated


@pytest.mark.parametrize(
    "question",
    [
        "Who is the oldest person ever verified to have lived in Kell, and to what age?",  # dev29 ba56
        "About how many thousand years ago were zorbels first tamed, and where?",  # dev29 ba10
    ],
)
def test_a_bare_part_is_asked_of_the_part_before(question):
    first, second = build_frame(question).parts
    assert not first.of_part_before
    assert second.of_part_before


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("About how many thousand years ago were zorbels first tamed?", {"zorbel"}),  # dev29 ba10
        ("How long is the incubation period of vellpox after exposure to the virus?", {"vellpox"}),  # dev29 ba60
        ("How deep is the floor of the Orsk Sea?", set()),  # a name is an entity already
        ("How long was the reign of Emperor Orsk?", set()),
    ],
)
def test_the_lower_case_thing_asked_of(question, topic):
    assert asked_topic(question) == frozenset(topic)
