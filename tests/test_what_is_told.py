"""Issue 11, thirty-second round: what a sentence must tell to answer the question's kind.

Each class was answered on the code before this round by the blind probes of the Wikipedia
summaries (eval/probes/dev18.jsonl, dev19.jsonl); the examples here are my own. "What is
Cambodia's national currency?" got the Khmer language's "… national language of Cambodia";
"What currency is used in the State of Palestine?" where Palestine lies; "How did Frederick
Barbarossa die?" "… until his death in 1190"; "After whom is the bel named?" "one tenth of a bel";
"How strong is a typical hydrogen bond?" a sentence naming strong bonds and no figure; "Where was
Mahavira born?" "… also known by his birth name Vardhamana"; "What vaccine is used to protect
against tuberculosis?" the polio vaccine; "Which physician first described Alzheimer's disease,
and in what year?" and "Who made the first ascent of Mount Vinson, and when?" sentences naming no
physician or climber.
"""

from __future__ import annotations

import pytest

from rag.extremes import unstated_superlative
from rag.frame import build_frame
from rag.rules import can_answer, names_the_kind, states_the_status
from rag.told import (
    holds_the_quoted,
    names_one_of_the_kind,
    names_the_named_thing,
    states_a_degree,
    states_the_first,
    tells_what_is_asked,
)
from rag.topic_shapes import asked_topic


@pytest.mark.parametrize(
    ("question", "sentence", "states"),
    [
        ("What is Tamra's national currency?", "Velish is spoken widely and is the national language of Tamra.", False),
        ("What is Tamra's national currency?", "The mark is the national currency of Tamra.", True),
        ("What is the official language of Tamra?", "Velish and Arnic are the official languages of Tamra.", True),
        ("What is the official language of Tamra?", "Velish is also official in the northern provinces.", True),
        ("What is the official language of Tamra?", "Velish is spoken in the north of Tamra.", False),
    ],
)
def test_a_status_is_stated_of_the_thing_asked(question, sentence, states):
    assert states_the_status(question, sentence) is states


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Tamra is a country on the southern coast of the Kell Sea.", False),
        ("The Tamran dinar replaced the old coins in 1960.", True),
        ("Its currency has been pegged to the euro since 2002.", True),
    ],
)
def test_a_currency_asked_for_must_be_named(sentence, names):
    assert tells_what_is_asked("What currency is used in Tamra?", sentence) is names
    assert tells_what_is_asked("Who founded Tamra?", sentence)  # no currency asked (a capital is, since round 44)


@pytest.mark.parametrize(
    ("sentence", "tells"),
    [
        ("Arno ruled Tamra from 1155 until his death in 1190.", False),
        ("Arno drowned while crossing the Saleph River in 1190.", True),
        ("He died of a fever at Acre in 1190.", True),
        ("He died in battle near Acre.", True),
        ("He was assassinated by his own guards.", True),
        ("He died in the 1190s.", False),  # a decade is when, not how
        # each word whole (dev23 n28: "the death penalty for most offenses" read "of" in "offenses")
        ("His laws set the death penalty for most offenses.", False),
    ],
)
def test_how_someone_died_needs_the_manner_told(sentence, tells):
    assert tells_what_is_asked("How did King Arno die?", sentence) is tells
    assert tells_what_is_asked("When did King Arno die?", sentence)  # the year is another rule's
    # thirty-fourth round (dev23 n28: "How and where did Draco die?" answered with his death penalty)
    assert tells_what_is_asked("How and where did King Arno die?", sentence) is tells


@pytest.mark.parametrize(
    ("question", "sentence", "tells"),
    [
        ("After whom is the velish named?", "The velish is a unit equal to one tenth of a bel.", False),
        ("After whom is the velish named?", "It is named after the physicist Arno Velish.", True),
        ("Which mineral is named in honour of Arno Velish?", "Velishite honours the geologist Arno Velish.", True),
        ("Which mineral is found in Tamra?", "Velishite is a green silicate.", True),  # no naming asked
        # what a nickname tells, not after whom: the first version of the rule refused this
        ("Which sport is nicknamed for its use of eight limbs?", "Velboxing is known as the art of eight limbs.",
         True),
    ],
)
def test_a_namesake_needs_a_naming(question, sentence, tells):
    assert tells_what_is_asked(question, sentence) is tells


# thirty-fourth round (dev22 m63): "What is the Indus River called in the Tibet Autonomous Region?" was
# answered with "The Indus is a transboundary river of Asia …", which gives no name it goes by
@pytest.mark.parametrize(
    ("question", "sentence", "tells"),
    [
        ("What is the Velo River called in Tamra?", "The Velo is a long river of Asia.", False),
        ("What is the Velo River called in Tamra?", "It rises in Tamra, where it is known as Sengar.", True),
        ("What is the Velo River called in Tamra?", "The Velo (Sengar in Tamran) rises in Tamra.", True),
        ("What do sailors call it in Kell?", "The Kell wind blows in winter.", False),
        ("What do sailors call it in Kell?", "Sailors dubbed it the widow-maker.", True),
        # a term for a description (dev15 e03 was lost by the first version of the rule)
        ("What is the Tamran dish of fried fish called?", "Fish are fried in a light batter, as velsa.", True),
        ("What is the Velo River?", "The Velo is a long river of Asia.", True),  # no name asked
        ("What is the Velo River known for?", "The Velo rises in Tamra.", True),
    ],
)
def test_what_a_thing_is_called_needs_a_name_it_goes_by(question, sentence, tells):
    assert tells_what_is_asked(question, sentence) is tells


@pytest.mark.parametrize(
    ("question", "sentence", "states"),
    [
        ("How thick is the Tamra ice sheet?", "The Tamra ice sheet covers most of the island.", False),
        ("How thick is the Tamra ice sheet?", "The sheet is up to 3 km thick.", True),
        ("How dense is velium compared with lead?", "Velium is about twice as dense as lead.", True),
        ("How strong is a velium bond?", 'Bonds are "strong" or "weak", and velium bonds are strong ones.', False),
        ("How does velium bond to iron?", "Velium bonds to iron through its outer shell.", True),  # no degree asked
    ],
)
def test_how_strong_or_thick_needs_a_figure_or_a_comparison(question, sentence, states):
    assert states_a_degree(build_frame(question), sentence) is states


@pytest.mark.parametrize(
    "question",
    ["Which physician first described the Tamra fever?", "Which critic coined the label 'kinetic art'?",
     "Which naturalist named the velish beetle?", "Which mountaineer first climbed Mount Arno?"],
)  # fmt: skip
def test_more_roles_ask_for_a_person(question):
    assert build_frame(question).asks_person


@pytest.mark.parametrize(("tail", "kind"), [("when", "date"), ("where", "other")])
def test_a_bare_when_or_where_is_a_part_asked_of_the_one_before(tail, kind):
    frame = build_frame(f"Who made the first ascent of Mount Arno, and {tail}?")
    first, bare = frame.parts
    assert first.question == "Who made the first ascent of Mount Arno?"
    assert bare.kind == kind and bare.of_part_before and bare.entities == ("Mount", "Arno")


# thirty-fourth round (dev23 n33): "Who designed the Java programming language, and at which company?"
# searched "At which company?" alone and answered it with AT&T's summary
@pytest.mark.parametrize(("tail", "kind"), [("at which company", "name"), ("in which city", "name")])
def test_a_bare_place_or_body_is_a_part_asked_of_the_one_before(tail, kind):
    frame = build_frame(f"Who designed the Velo language, and {tail}?")
    _, bare = frame.parts
    assert bare.kind == kind and bare.of_part_before and bare.entities == ("Velo",)
    assert "design" in bare.words


def test_a_birth_name_is_not_a_birth():
    frame = build_frame("Where was Arno born?")
    assert not can_answer(frame, "Arno, also known by his birth name Velish, was a Tamran reformer.")
    assert can_answer(frame, "Arno was born in Kell, a market town in the north of Tamra.")


def test_the_thing_that_protects_kills_or_makes_is_the_topic():
    assert asked_topic("What vaccine is used to protect against measles?") == {"measl"}
    assert asked_topic("How many people die from measles each year?") == {"measl"}
    assert asked_topic("What share of the world's power is generated by solar panels?") == {"solar", "panel"}
    # not an adverb, nor something named before
    assert asked_topic("What term is used for clouds that block light from behind them?") == frozenset()
    assert asked_topic("How many people were killed by the earthquake?") == frozenset()
    frame = build_frame("How many people die from measles each year?")
    smoking = "More than 7 million people die from tobacco-related causes each year."
    assert not can_answer(frame, smoking, "Health effects of smoking", "", smoking)
    assert can_answer(frame, "It kills about 100,000 people each year.", "Measles", "", "Measles is a disease.")


def test_a_name_at_birth_is_a_name_not_a_birth():
    """"What was Xunzi's name at birth?" was refused: the birth rule wanted the birth's date or place."""
    for question in ("What was Arno's name at birth?", "What was Arno's birth name?"):
        assert can_answer(build_frame(question), "Arno, born Velish Tamm, was a Tamran reformer.")
    assert not can_answer(build_frame("When was Arno born?"), "Arno, born Velish Tamm, was a Tamran reformer.")


def test_a_size_range_is_not_a_reach():
    """"What size range, in nanometers, defines nanotechnology?" was refused: "range" was read as a
    missile's reach, which "sized from 1 to 100 nanometers" does not state."""
    frame = build_frame("What size range, in micrometres, defines a microplastic?")
    assert frame.dimension == ""
    assert can_answer(frame, "Microplastics are fragments sized from 1 to 5,000 micrometres.")
    assert build_frame("What is the range of the Velish missile?").dimension == "range"


@pytest.mark.parametrize(
    ("question", "sentence", "names"),
    [
        ("After Kell, which are Tamra's most populous cities?", "Kell is the capital and most populous city of Tamra.",
         False),
        ("After Kell, which are Tamra's most populous cities?", "Arnsby and Velport follow Kell in size.", True),
        # "Island" is the question's word, "Velmar" is not (the first version of the rule read
        # "Velmar Island" as the asked island's name in full and refused it)
        ("Which is the only island bigger than Arno Island?", "Arno Island is second only to Velmar Island.", True),
        # the answer may open the sentence (the second version refused "Baghdad is the capital …")
        ("What is the capital of Tamra?", "Kell is the capital and largest city of Tamra.", True),
        ("What is the capital of Tamra?", "The capital and largest city of Tamra lies on the coast.", False),
        ("Golden Days are kept in which two countries?", "The holidays are kept by many families.", False),
        ("Golden Days are kept in which two countries?", "They are kept in Tamra and Velia.", True),
        # a capitalised "State" is a name's word; no place of a kind is asked
        ("Which Secretary of State visited Kell?", "He visited the city twice.", True),
        # bodies, ships and languages of a kind are named too (dev18 h29, h38), and "In which …"
        # opens such a question as "in which" does (the first version read only the lower-case one)
        ("Which agency rates how strongly substances cause cancer?", "Over 100 kinds of cancer affect humans.", False),
        ("Which agency rates how strongly substances cause cancer?", "The Tamran Cancer Agency rates them.", True),
        ("What was the first ship built as a carrier?", "The battleships were surpassed by aircraft carriers.", False),
        ("What was the first ship built as a carrier?", "The first was the Velmar, launched in 1918.", True),
        ("In which language was the epic first written?", "The epic was first written down around 1200.", False),
        ("In which language was the epic first written?", "It was written in Middle Tamran around 1200.", True),
        # dev21 k11: a sentence naming only the question's own god names no other
        ("Which god embalmed the body of Arvo?", "Arvo was the god of fertility and the dead.", False),
        ("Which god embalmed the body of Arvo?", "His body was embalmed by Tamun, the jackal god.", True),
        # dev21 k11: an adjective of origin ("ancient Egyptian religion") names no god, city or ship
        # (before, "Egyptian" was read as the god's name) …
        ("Which god embalmed the body of Arvo?", "Arvo was the god of the dead in ancient Tamranian religion.", False),
        ("Which god embalmed the body of Arvo?", "In Velish myth, Tamun the jackal god embalmed him.", True),
        ("Which ship carried Arvo to Velia?", "He sailed there on a Tamranese ship.", False),
        # … but it may name a language, a people or a realm ("the Persian Empire")
        ("In which language was the epic first written?", "It was written in Tamranian around 1200.", True),
        ("Which empire ruled Velia in 500 BC?", "Velia was then part of the Tamranian Empire.", True),
        ("Which tribe settled the valley?", "The valley was settled by Velish herders.", True),
        # a kind of ship is not a ship's name
        ("What kind of ship carried the cargo?", "The cargo went by a three-masted barque.", True),
    ],
)
def test_places_and_bodies_of_a_kind_are_answered_by_a_name(question, sentence, names):
    assert names_one_of_the_kind(build_frame(question), sentence) is names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("The ballet, set to music by Arno Velish, premiered in December 1892.", False),
        ("It was first performed at the Velish Theatre in Kell.", True),
    ],
)
def test_a_theatre_asked_for_must_be_named(sentence, names):
    assert names_the_kind("At which theatre was The Snow Maiden first performed?", sentence) is names


def test_a_single_name_in_command_answers_who():
    """"Which Spanish navigator completed the Magellan expedition?" is answered by "… under the
    command of Elcano": a navigator is asked for since this round, and a lone name in command is
    a person (the first version of the round refused it)."""
    question = "Which Tamran navigator completed the Velish expedition after Velish died?"
    assert build_frame(question).asks_person
    sentence = "It returned in 1522 under the command of Arnsby, who continued the voyage after Velish's death."
    assert can_answer(build_frame(question), sentence)




@pytest.mark.parametrize(
    ("question", "sentence", "unstated"),
    [
        # dev20 j02, dev21 k47, k63: an "-est" thing asked for, a sentence stating no extreme
        ("What is the oldest rock ever found on Tamra?", "It may be limited to rocks found on Tamra.", True),
        ("What is the oldest rock ever found on Tamra?", "The oldest are the Kell gneisses.", False),
        ("What is the strongest ocean current in the world?", "An ocean current is a movement of water.", True),
        # "most of" is a share, not an extreme (the first version let j02's "… and most of its interior" pass)
        ("What is the oldest rock ever found on Tamra?", "Rocks form the crust and most of its interior.", True),
        ("Which of the three islands of Velia is the largest?", "Velia is made up of three islands.", True),
        ("Which of the three islands of Velia is the largest?", "Arno is the biggest of them.", False),
        # dev20 j26: the most usual one, stated as an extreme or as the common one
        ("Which treatment is most commonly used to relieve hot flashes?",
         "Symptomatic treatment is the only treatment available so far.", True),
        ("Which treatment is most commonly used to relieve hot flashes?", "Hormone therapy is commonly used.", False),
        ("Which treatment is most commonly used to relieve hot flashes?", "The mainstay is hormone therapy.", False),
        # asks something of the earliest ones, not which they are (dev18 h36 is answered so)
        ("What were the earliest carriers used to deploy?", "Early carriers deployed balloons.", False),
        # thirty-fourth round (dev22 m27): the extreme as a standing ("is considered the oldest …")
        ("Which text is considered the oldest source of Tamran myths?",
         "Tamran myths have been regarded, at least partly, as a factual record of the past.", True),
        ("Which text is considered the oldest source of Tamran myths?",
         "The Book of Kell is the earliest source of the myths.", False),
    ],
)
def test_an_extreme_asked_for_is_stated(question, sentence, unstated):
    assert unstated_superlative(question, sentence) is unstated


# Each check of rag.told that reads a question's wording and a text: (the check, question, text, told)
@pytest.mark.parametrize(
    ("check", "question", "text", "told"),
    [
        # dev19 i33: a sentence about the hero that speaks of no dog names no dog
        (names_the_named_thing, "What is the name of Arvo's loyal old dog?",
         "Arvo is a legendary king of Velmar and a hero.", False),
        (names_the_named_thing, "What is the name of Arvo's loyal old dog?", "Only his old dogs, led by Tam, knew him.",
         True),
        (names_the_named_thing, "What was the name of Sorn Kell's steamboat?",
         "He built the first steamboat, the Clermont.", True),
        # not read: the noun's phrase goes on ("the current Sultan of …"), or a clause follows it
        (names_the_named_thing, "What is the name of the current Sultan of Velia?", "Velia is ruled by a sultan.",
         True),
        (names_the_named_thing, "What was the name of the studio Arvo Kell ran?", "Kell was an actress.", True),
        # dev21 k56: a blues guitarist's summary that never calls him so
        (holds_the_quoted, "Who is known as the 'Father of the Blues'?", "Tam Kell was an American blues guitarist.",
         False),
        (holds_the_quoted, "Who is known as the 'Father of the Blues'?",
         "Tam Kell, the “father of the blues”, wrote it.", True),
        (holds_the_quoted, "What does the word 'Astana' mean?", "It was later renamed. Astána", True),  # accents folded
        (holds_the_quoted, "Who christened Dante's poem 'Divina'?", "It was later christened Divina by Boccaccio.",
         True),
        (holds_the_quoted, "Who christened Dante's poem?", "Boccaccio did.", True),  # an apostrophe quotes nothing
        # dev20 j27 (answered with "… since the 1994 Winter Olympics, prior to which …"), j23, k53
        (states_the_first, "Where were the first modern Tamran Games held?", "This has been so since the 1994 Games.",
         False),
        (states_the_first, "Where were the first modern Tamran Games held?", "The inaugural Games took place in Kell.",
         True),
        (states_the_first, "What was the first modified food approved for sale?",
         "A modified organism is any organism.", False),
        (states_the_first, "Which building is often cited as the first postmodern building?",
         "The Arno House opened in 1962 as the earliest of them.", True),
        # the sentence before it may say which one a pronoun goes on from
        (states_the_first, "How far inside Velia was the depot hit in the first strike?",
         "Tamra conducted its first strike on Tuesday. It hit a depot 110 km inside Velia.", True),
        (states_the_first, "Who won the first half of the season?", "Kell led at the break.", True),  # no first
        # one's own first is read by the event rules: "it" may stand for it (the first version, reading
        # "her first" too, refused test_answerability's guard)
        (states_the_first, "When did Kell Arno win her first award?", "She won it after the war.", True),
        # thirty-fourth round (dev22 m13): "the world's first" asks a first; "one of the world's oldest"
        # (or "one of the first") does not say it is the first, though it says when the thing opened
        (states_the_first, "In what year did the world's first tram line open?",
         "Opened in 1881, the Kell Tramway is one of the world's oldest tram systems.", False),
        (states_the_first, "In what year did the world's first tram line open?",
         "The world's first tram line opened in Kell in 1881.", True),
        (states_the_first, "Who was the first king of the Varni?",
         "The Varni formed one of the first kingdoms of the Bronze Age.", False),
    ],
)  # fmt: skip
def test_what_the_wording_asks_is_told(check, question, text, told):
    assert check(question, text) is told
