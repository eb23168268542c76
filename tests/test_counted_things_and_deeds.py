"""Issue 11, twenty-ninth round: what a number counts, the deed a who-question asks about, the
thing it is asked of, and the person an article must name.

Each class was answered wrongly on the code before this round by a fresh probe of the Wikipedia
summaries (eval/probes/dev12.jsonl); the examples here are my own. "How many operas did Giuseppe
Verdi compose?" got the generated "The article says that Giuseppe Verdi composed 3 operas", passed
as supported by "La traviata is an opera in three acts by Giuseppe Verdi"; "Who discovered
helium?" was answered with where helium-4 formed, "Who is the Walker circulation named after?"
with how the air moves, "Who built the first working steam locomotive?" with Parsons's steamship,
"What is talc's hardness on the Mohs scale?" with gypsum's, "What is the land area of the city of
Zagreb?" with its population, "When was Trần Hưng Đạo born?" after "Trần Hưng Đạo, born Trần
Quốc Tuấn, … in the late 13th century", and "How many pharaohs ruled ancient Egypt?" with "one
of ancient Egypt's most successful warrior pharaohs, conducting no fewer than 15 military
campaigns". "What is the diameter of a black pepper fruit?" was refused: "about 5 mm" was no length.
"""

from __future__ import annotations

import pytest

from rag.extract import matches_type
from rag.frame import build_frame
from rag.judge import judge
from rag.judge_rules import counted_nouns, counts_other_things
from rag.person import names_in_full
from rag.rules import can_answer
from rag.topic_shapes import asked_topic
from rag.units import has_unit
from rag.verify import verify
from tests.test_verify import make_hits


def test_a_number_counting_another_thing_does_not_support_a_count():
    passage = "Tosca Nova is an opera in three acts by Luca Ferri, first staged in Parma."
    assert not judge("Luca Ferri composed 3 operas.", passage).supported
    assert "acts" in judge("Luca Ferri composed three operas.", passage).reason


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("He fought 15 campaigns.", "He led no fewer than 15 military campaigns, all of them victories."),
        ("The strike killed 12 people.", "12 civilians were killed in the strike on Kell."),
        ("The city had 767,131 residents.", "The city had a population of 767,131, while the region had more."),
        ("The war killed 8 million soldiers.", "The war killed between 4.5 and 8 million people."),
        ("The missile has a range of 300 km.", "The missile reaches 300 kilometres."),
        ("Pyongyang sent 10,000 soldiers.", "North Korea has sent about 10,000 troops to the Kursk region."),
    ],
)
def test_a_count_restated_in_other_words_is_still_supported(claim, passage):
    assert counts_other_things(claim, passage) == ""


def test_the_model_attributing_its_claim_to_the_article_is_verified_as_the_claim():
    hits = make_hits(["Tosca Nova is an opera in three acts by Luca Ferri.", "The war in Norland ended in 1945."])
    checked = verify("[1] The article says that Luca Ferri composed 3 operas.", hits)
    assert not checked.kept and checked.removed
    kept = verify("The passage [2] states that the war in Norland ended in 1945.", hits).kept
    assert [v.text for v in kept] == ["The war in Norland ended in 1945 [2]."]


@pytest.mark.parametrize(
    ("question", "other_deed", "the_deed"),
    [
        (
            "Who discovered argon?",
            "The most common isotope of argon in the universe is argon-40, most of which formed during the Big Bang.",
            "Argon was discovered in 1894 by Lord Rayleigh and William Ramsay.",
        ),
        (
            "Who is the Hadley cell named after?",
            "In the Hadley cell, air rises near the equator and sinks near 30 degrees latitude.",
            "The Hadley cell is named after George Hadley, who described it in 1735.",
        ),
        (
            "Who invented the first barometer?",
            "Evangelista Torricelli was an Italian physicist and a student of Galileo.",
            "Evangelista Torricelli is credited with devising the first barometer in 1643.",
        ),
        (
            "Which company built the Kell viaduct?",
            "The Kell viaduct crosses the Rhône valley on 14 arches near Hollin.",
            "The Kell viaduct was constructed by Fives-Lille between 1880 and 1884.",
        ),
        (
            "In what year was the Levant Company wound up?",
            "Established on 20 March 1581 by royal charter, it was granted a 21-year monopoly.",
            "The Levant Company was dissolved in 1825.",
        ),
        (
            "In what year was the Hollin Stone found?",
            "The Hollin Stone bears a decree issued in 196 BC by the priests of Kell.",
            "The stone was unearthed by French soldiers in 1799.",
        ),
        (  # a birth name is no birth
            "When was the general Lê Văn Hưu born?",
            "Lê Văn Hưu, born Lê Văn Thành, was a general of the Trần army who fought in the late 13th century.",
            "Lê Văn Hưu was born in 1230 in Thanh Hóa.",
        ),
        (
            "What year were the Kell Elegies published?",
            "He began the Kell Elegies in 1912 while a guest at Hollin Castle.",
            "The poems were dedicated to the Princess upon their publication in 1923.",
        ),
    ],
)
def test_the_deed_or_event_asked_about_must_be_stated(question, other_deed, the_deed):
    frame = build_frame(question)
    assert not can_answer(frame, other_deed)
    assert can_answer(frame, the_deed)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Who built the first working steam locomotive?", {"steam", "locomotiv"}),
        ("Who invented the first practical telephone?", {"practical", "telephon"}),
        ("Who founded quantum chemistry?", {"quantum", "chemistry"}),
        ("What is talc's hardness on the Mohs scale?", {"talc"}),
        ("What colour are a housefly's eyes?", {"housefly"}),
        ("What was the war's toll?", set()),
        ("Which religious group's members refuse blood transfusions?", set()),
        ("How high is the world's tallest tower?", set()),
        ("Who founded it?", set()),
    ],
)
def test_the_thing_asked_about_past_the_first_and_as_a_bare_owner(question, topic):
    assert set(asked_topic(question)) == topic


def test_a_land_area_is_an_area():
    frame = build_frame("What is the land area of the city of Hollin?")
    assert (frame.kind, frame.unit) == ("number", "area")
    assert not can_answer(frame, "At the 2021 census, the city of Hollin had a population of 767,131.")
    assert can_answer(frame, "The city of Hollin covers 641 square kilometres.")


def test_one_of_is_no_count():
    frame = build_frame("How many pharaohs ruled Kemet?")
    assert not matches_type(frame, "He is one of Kemet's greatest pharaohs, fighting no fewer than 15 battles.")
    assert matches_type(frame, "Some 170 pharaohs ruled Kemet over three millennia.")


def test_the_counted_noun_before_the_number_is_no_deed():
    frame = build_frame("How many operas did Luca Ferri compose?")
    assert not matches_type(frame, "Tosca Nova is an opera in three acts by Luca Ferri.")
    assert matches_type(frame, "Luca Ferri composed 28 operas.")


@pytest.mark.parametrize("small", ["about 5 mm in diameter", "10–50 μm long", "a span of 12 cm", "3 inches across"])
def test_a_small_length_is_a_length(small):
    assert has_unit("length", f"The seed is {small}.")


def test_a_number_in_a_name_is_no_figure():
    frame = build_frame("How much of the Sun's mass is hydrogen?")
    assert frame.unit == "percent"
    assert not matches_type(frame, "The commonest isotope of hydrogen in the Sun is hydrogen-1, made in the Big Bang.")
    assert matches_type(frame, "Hydrogen makes up about 73% of the Sun's mass.")
    assert not matches_type(build_frame("How many jets did Norland buy?"), "Norland flies the Su-27 jet.")
    assert 4.0 not in counted_nouns("Most of it is helium-4 atoms.")  # the judge reads numbers the same way


# A second fresh probe (eval/probes/dev13.jsonl): "When did Robert De Niro receive the
# Presidential Medal of Freedom?" was answered from another recipient's summary, "In what year was
# the East India Company wound up?" with the Dutch company's founding, "In what year was the Rosetta
# Stone found?" with the year of its decree, "Which sociologist coined the term social control?"
# and "Which monarch granted the East India Company its royal charter?" by sentences naming no
# person, "How far can a typical infrared remote control signal reach?" with infrared's "1 mm", and
# "Which library has the largest collection in the world?" with "one of the largest libraries".
def test_an_article_not_naming_the_person_asked_about_is_about_another():
    question = "When did Mara Okoye receive the Order of Kell?"
    entities = build_frame(question).entities
    assert not names_in_full(entities, question, "Lena Hollin received the Order of Kell in 1989.")
    assert names_in_full(entities, question, "Okoye was given the Order of Kell in 2016.")


@pytest.mark.parametrize("role", ["sociologist", "monarch", "economist", "guru"])
def test_a_which_role_question_is_answered_by_a_person(role):
    frame = build_frame(f"Which {role} coined the term soft power?")
    assert frame.asks_person
    assert not can_answer(frame, "As an area of social science, soft power is studied by several fields.")


def test_the_thing_whose_reach_is_asked_past_typical_and_a_word():
    assert set(asked_topic("How far can a typical infrared remote control signal reach?")) == {"control", "signal"}
    assert set(asked_topic("How much does a stoat weigh?")) == {"stoat"}


def test_one_of_the_largest_is_not_the_largest():
    frame = build_frame("Which archive has the largest collection in the world?")
    assert frame.extreme == "largest"
    assert not can_answer(frame, "Based in Kell, it is one of the largest archives in the world, with 2 million items.")
    assert can_answer(frame, "The Kell Archive holds the largest collection in the world, some 200 million items.")


def test_under_whose_leadership_asks_a_person_and_a_realm_is_none():
    frame = build_frame("Under whose leadership did the Avars replace the Hollin Khaganate?")
    assert frame.asks_person
    assert not can_answer(frame, "The Avars replaced the Hollin Khaganate and founded the First Avar Khaganate.")
    assert can_answer(frame, "The Avars, under the leadership of Bayan Khagan, replaced the Hollin Khaganate.")
