"""Issue 11, twenty-eighth round: the lower-case thing a question asks about must be named by the
answering sentence's article in more shapes (and by the sentence, its title or the one before it);
a who-question is not answered by a name it holds itself nor by the rest of a place's name; the
size of a kind of thing is a measure; a length asked is not a height stated.

Each class was answered wrongly on the code before this round by a dev probe of the Wikipedia
summaries (eval/probes/dev*.jsonl); the examples here are my own. "When was the bayonet
invented?" was answered from the stethoscope's summary ("It was invented in 1816 by René
Laennec"), "How many tonnes of petrochemicals are produced each year?" with the diatoms' "6.7
billion tonnes of silicon each year", "How much electricity does a typical coal power station
generate?" with hydropower's share, "How many joules is one electronvolt?" from the joule's
summary, "How many species of ruminants are there?" with the giraffe's "dividing them into four
extant species", "Who is the head of state of Saint Kitts and Nevis?" with "Saint Kitts and Nevis
… the Federation of Saint Christopher and Nevis … of the Lesser Antilles" (three names read as
people's), "How large is a typical bedroom?" with "one or two beds", and "How long is the Caucasus
mountain range?" with "Mount Elbrus, the highest peak in Europe at 5,642 metres".
"""

from __future__ import annotations

import pytest

from rag.frame import build_frame
from rag.person import answers_who, names_person
from rag.rules import can_answer, tells_of_the_topic
from rag.topic import names_topic
from rag.units import gives_only_heights, states_size

OTHER = "The ear trumpet was invented in 1810 by Jonas Hale. It took in 40 tonnes of brass each year."


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("When was the abacus invented?", "The abacus was invented in Mesopotamia around 2500 BC."),
        ("How many tonnes of saffron are harvested each year?", "About 300 tonnes of saffron are harvested a year."),
        ("How many litres of olive oil are produced annually?", "Spain makes 1.5 billion litres of olive oil a year."),
        (
            "How much water does a typical washing machine use?",
            "A front-loading washing machine uses about 50 litres of water a cycle.",
        ),
        ("How many passengers does an average city bus carry?", "A city bus carries up to 80 passengers."),
        # thirty-third round: a doer asked by "which …" of a lower-case thing (dev20 j21: Newton's
        # calculus for tensor calculus), and what some of a kind do (j62: nicotine's toxin for newts')
        ("Which mathematicians developed tensor calculus?", "Tensor calculus was developed by Ricci in 1890."),
        ("What potent toxin do some newts carry in their skin?", "Some newts carry tetrodotoxin in their skin."),
        # thirty-fourth round: an adverb before the verb (dev22 m20: a plant genus's species counted
        # for "How many species of caecilians are currently known?")
        ("How many species of velts are currently known?", "About 200 species of velts are known."),
        # (dev22 m07: the tuna's family for "To which fish family do remoras belong?")
        ("To which fish family do velts belong?", "The velt is any of a family (Velidae) of ray-finned fish."),
    ],
)
def test_the_lower_case_thing_asked_about_must_be_named_by_the_article(question, about):
    assert names_topic(question, [OTHER, about]).tolist() == [False, True]


@pytest.mark.parametrize(
    "question",
    [
        "When was the treaty signed?",  # "the" points back to a thing named before: only an invention is a kind
        "When did the war end?",
        "How many tonnes of it are produced each year?",
        "How much water does it use?",
    ],
)
def test_a_question_pointing_back_has_no_new_lower_case_topic(question):
    assert names_topic(question, [OTHER]).tolist() == [True]


def test_a_name_the_who_question_holds_is_not_the_person_it_asks_for():
    question = "Who painted the Lady of Arlon?"
    assert not answers_who("The Lady of Arlon is a small portrait on oak.", question=question)
    assert answers_who("The Lady of Arlon is a small portrait on oak by Pieter Vos.", question=question)
    assert names_person("The Lady Arlon is a small portrait on oak.")  # without the question, a titled name


def test_a_people_described_by_adjectives_of_origin_names_no_person():
    # thirty-fourth round (dev23 n05): "Who was the first king of the Hittites?" was answered with
    # "The Hittites were an Anatolian Indo-European people …": the run "Anatolian Indo-European" and
    # the "Bronze Age" were read as people's names
    question = "Who was the first king of the Varni?"
    assert not answers_who("The Varni were an Anatolian Indo-European people of the Bronze Age.", question=question)
    assert not names_person("They spoke a Caucasian Iranian tongue in the Iron Age.")
    assert answers_who("The first king of the Varni was Aram Khachaturian.", question=question)
    assert answers_who("Its first king, Brian Osei, ruled the Varni.", question=question)


def test_a_plural_of_a_body_word_names_no_person():
    # forty-seventh round (dev47 bs52): "Who is the current patriarch of the Ethiopian Orthodox
    # Tewahedo Church?" was answered by "… the largest of the Oriental Orthodox Churches"
    question = "Who is the current patriarch of the Varnian Orthodox Church?"
    sentence = "The Varnian Orthodox Church is the largest of the Oriental Orthodox Churches."
    assert not answers_who(sentence, question=question)
    assert not can_answer(build_frame(question), sentence)
    assert not names_person("They merged the two East India Companies.")
    # a surname in -s is no plural of a body word
    assert names_person("The prize went to Rosa Parks.") and names_person("It was led by Joseph Banks.")
    assert can_answer(build_frame(question), "The current patriarch of the Varnian Orthodox Church is Abune Mathias.")


def test_a_run_of_capitals_after_a_place_word_and_of_ends_that_places_name():
    sentence = "Saint Varo, known by its longer name the Federation of Saint Columba and Nevin, is an island nation."
    question = "Who is the head of state of Saint Varo?"
    assert not can_answer(build_frame(question), sentence)
    assert not names_person("They studied at the University of Ada Holm.")
    assert can_answer(build_frame(question), "Its head of state is Governor-General Mara Okoye, who lives in Basse.")
    # a saint who did the deed is still a person when no place word comes before "of"
    assert answers_who("Saint Columba of Iona sailed there in 563.", question="Who first sailed to Saint Varo?")


def test_a_unit_converted_must_be_named_by_the_article():
    question = "How many pascals is one torr?"
    other = "One pascal corresponds to one newton per square metre (1 Pa = 1 N/m2)."
    about = "One torr is about 133.3 pascals."
    assert names_topic(question, [other, about]).tolist() == [False, True]


@pytest.mark.parametrize(
    ("question", "measured"),
    [
        ("How large is a typical kitchen?", True),
        ("How big are sperm whales?", True),
        ("How large is the average farm in Norland?", True),
        ("How big is Kell?", False),  # a named place: its population may answer
        ("How large is the army?", False),  # "the" points back, and a head count may answer
    ],
)
def test_the_size_of_a_kind_of_thing_is_a_measure(question, measured):
    frame = build_frame(question)
    no_measure = "A typical kitchen has one or two sinks, a stove and a table with four chairs."
    assert states_size(frame.kind, question, no_measure) is not measured
    if measured:
        assert not can_answer(frame, no_measure)
    assert states_size(frame.kind, question, "It covers about 12 square metres.")
    assert states_size(frame.kind, question, "Adults grow to 16 m long and weigh up to 45 tonnes.")


def test_a_lesser_place_is_no_person():
    assert not names_person("The island lies in the Lesser Antilles.")
    assert names_person("The island was charted by Ada Lesser.")


@pytest.mark.parametrize(
    ("question", "sentence", "heights_only"),
    [
        (  # the range's length is not its highest peak's height, nor that height in feet
            "How long is the Vantor mountain range?",
            "It is home to Mount Kell, the highest peak of the region at 4,102 metres (13,458 ft) above sea level.",
            True,
        ),
        ("How far is Basse from the coast?", "Basse lies at an elevation of 300 m.", True),
        ("How long is the Vantor range?", "The range is 1,200 km long; its highest peak rises to 4,102 m.", False),
        ("How far is Basse from the coast?", "Basse lies at an elevation of 300 m, 40 km from the coast.", False),
        ("How high is Mount Kell?", "Mount Kell, the highest peak of the region, rises to 4,102 m.", False),
        ("How deep is Lake Sorna?", "Its greatest depth is 281 m.", False),
        # an adjective and a direction are no heights: a distance follows them
        ("How long is the Kell railway?", "It is a high-speed line of 300 km.", False),
        ("How far can the missiles strike?", "They may now strike deep into Norland, up to 300 km.", False),
        # thirty-fourth round (dev22 m33): a width, named after the figure or its spelled form
        (
            "How long is the main span of the Vell Bridge?",
            "The Vell Bridge spans the Vell, the one-mile-wide (1.6 km) strait between two bays.",
            True,
        ),
        ("How long is the Sorna canal?", "The Sorna canal is 3 km wide at its southern end.", True),
        ("How long is the Sorna canal?", "The Sorna canal is 50 km long and 3 km wide.", False),
        ("How wide is the Vell strait?", "The Vell is the one-mile-wide (1.6 km) strait between two bays.", False),
        ("How long is the Kell railway?", "It runs 300 km high-speed trains.", False),
        # forty-seventh round (dev46 br49): a figure "deep within" a thing is how far into it
        (
            "How deep inside the Earth do the Sorna plumes originate?",
            "They come from the Sorna plumes, 3,000 kilometres (1,900 mi) deep within Earth.",
            False,
        ),
        ("How far is Basse from the coast?", "Basse lies in a valley 300 m deep.", True),
    ],
)
def test_a_length_asked_is_not_only_a_height_stated(question, sentence, heights_only):
    frame = build_frame(question)
    assert gives_only_heights(frame.unit, frame.dimension, sentence) is heights_only
    if heights_only:
        assert not can_answer(frame, sentence)


def test_a_cell_measured_in_micrometres_has_a_size():
    question = "How large is a diatom cell?"
    assert states_size("number", question, "Each cell is around 10–50 μm across, with a groove in front.")
    assert states_size("number", question, "Most are 2–200 micrometres in size.")


DIVIDED = "Researchers proposed dividing them into four extant species."


@pytest.mark.parametrize(
    ("sentence", "title", "before", "told"),
    [
        (DIVIDED, "Okapi", "Traditionally, okapis were thought of as one species.", False),
        (DIVIDED, "Hoofed animal", "", True),
        ("There are about 260 species of hoofed animals.", "Okapi", "", True),
        ("Researchers counted four species.", "Okapi", "Hoofed animals live in Africa.", True),
        ("Researchers counted four species.", "", "", True),  # no title known: not judged
    ],
)
def test_the_lower_case_thing_asked_about_is_named_by_the_sentence_its_title_or_the_one_before(
    sentence, title, before, told
):
    question = "How many species of hoofed animals are there?"
    assert tells_of_the_topic(question, sentence, title, before) is told
    assert tells_of_the_topic("How many species of Okapia are there?", sentence, title, before)  # a name: no topic


@pytest.mark.parametrize(
    "sentence", ["The average household size is 2.5.", "A household has 3 to 5 people."]
)
def test_a_size_may_be_counted(sentence):
    question = "How large is an average household?"
    assert states_size(build_frame(question).kind, question, sentence)
    assert not states_size("number", question, "An average household owns one or two cars.")
