"""Issue 11, forty-eighth round (the blind probes dev50 and dev51): sentences that leave out a name or
a figure the question's wording asks for were answered with, and two right answers were refused. A
language asked ("In what language was the manifesto first published?") by where and when it was
published; a play count of one tragedian's ("Aeschylus's") by another's; a family's count of species
("the spurge family") by another family's; "the father of modern geomorphology" by "the Father of
Modern Geology"; an article of a declaration by a sentence giving no number; a lethal dose by what the
drug is used for; a count of species or islands by weights, lengths, a map's scale and a share; the
dynasty that took over after another by when that one ruled; a meteorologist, and who drew a boundary
line, by sentences naming no person ("When British rule came to an end" names none). Refused: a
coastline's length read as how long something lasts, "at its deepest point" answered by "a maximum
depth of 81 m", and "U.S." read as a name the articles never mention. Each case that answers False, and the deepest
point, the length and the person cases, failed before its change; the other cases that answer True
are guards (the coastline's was refused by the model's probability, not a rule: its frame's unit,
tested below, is a feature input). The names are invented.
"""

from __future__ import annotations

import pytest

from rag.answer import Evidence
from rag.extract import Candidate
from rag.frame import build_frame
from rag.part_answers import query_after
from rag.person import asks_person
from rag.records import Chunk, Hit, Span
from rag.rules import can_answer, tells_a_succession
from rag.unmet_asks import first_to_another_deed, no_numbered_part
from rag.unmet_names import drops_the_owner, leaves_a_name_unmet
from rag.vocabulary import unknown_names
from rag.vocabulary import vocabulary as extract_vocabulary

_ORSK_FAMILY = (
    "Orskaceae, the velmweed family, is a large family of flowering plants. The family contains 7,500 species."
)

_CASES = [
    # dev50 bv63, dev51 bw63: a language asked
    ("In what language was the Orsk Manifesto first published?",
     "It was commissioned by the Orsk League and published in Velmar in 1848.", "The Orsk Manifesto", "", "",
     False),
    ("In what language was the Orsk Manifesto first published?",
     "The Orsk Manifesto was first published in German in Velmar in 1848.", "The Orsk Manifesto", "", "", True),
    ("What language does the word 'velm' originally come from?",
     "Velm is the act of censuring someone for their actions.", "Velm", "", "", False),
    ("What language does the word 'velm' originally come from?",
     "The word velm comes from the Old French velmer.", "Velm", "", "", True),
    # dev51 bw26: the owner asked about ("Aeschylus's plays") named only in the sentence before,
    # which the sentence does not refer back to
    ("How many of Orskylus's plays have survived complete?",
     "Velmocles wrote more than 120 plays, but only seven have survived in a complete form.", "Velmocles",
     "Orskylus won 13 competitions and was sometimes beaten by Velmocles.",
     "Velmocles was an ancient Orskian tragedian. Orskylus won 13 competitions and was sometimes beaten by "
     "Velmocles. Velmocles wrote more than 120 plays, but only seven have survived in a complete form.", False),
    ("How many of Orskylus's plays have survived complete?",
     "Only seven of his plays have survived in a complete form.", "Velmocles",
     "Orskylus won 13 competitions and was sometimes beaten by Velmocles.", "", True),
    ("How many of Orskylus's plays have survived complete?",
     "Only seven of his plays have survived in a complete form.", "Orskylus", "", "", True),
    # (dev19 i31, dev9 n34, a first reading's refusals: "His journey" refers back into the article; an
    # author's named work is named by its own title)
    ("How long does Orskeus's voyage from Troy back to Velmaca take?",
     "His journey from Troy to Velmaca lasts an additional ten years.", "Orskey", "",
     "The Orskey follows the king of Velmaca, Orskeus, and his journey home. His journey from Troy to Velmaca lasts "
     "an additional ten years.", True),
    ("How many lines does Orvid's Velmorphoses have?",
     "The poem comprises over 250 myths, 15 books, and 11,995 lines.", "Velmorphoses", "", "", True),
    # (sample q104, wiki w055, gate questions a first reading refused: a weekday owns nothing; the lead
    # sentence names a work's author)
    ("How many people died in Monday's strikes on the Orsk grid?",
     "At least 11 people were killed in this attack, according to the authorities.", "Orsk grid strikes", "", "",
     True),
    ("What insect is the salesman in Velmka's novella usually shown as in popular culture?",
     "In popular culture and adaptations of the novella, the insect is commonly depicted as a cockroach.",
     "The Orskamorphosis", "",
     "The Orskamorphosis\n\nThe Orskamorphosis is a novella written by Franz Velmka. Its salesman wakes up an "
     "insect. In popular culture and adaptations of the novella, the insect is commonly depicted as a cockroach.",
     True),
    # dev50 bv27: a family named by its common name
    ("How many species does the velmweed family contain?",
     "The large family includes 357 species and is divided into 57 genera.", "Old World orskcatcher", "",
     "The Old World orskcatchers are a large family of small birds. The large family includes 357 species.",
     False),
    ("How many species does the velmweed family contain?",
     "The family contains 7,500 species.", "Orskaceae", "", _ORSK_FAMILY, True),
    # (dev30 bb13, bb25, a first reading's refusals: "mulberries" names the mulberry genus)
    ("How many species does the velmberry genus Orskus contain?",
     "Orskus, a genus of flowering plants, consists of 19 species commonly known as velmberries.", "Orskus", "", "",
     True),
    # dev51 bw60: the father of another field
    ("Who is considered the father of modern orskology?",
     'Often referred to as the "Father of Modern Geology," he played a key role in establishing geology.',
     "James Velm", "James Velm was a Scottish geologist.", "", False),
    ("Who is considered the father of modern orskology?",
     "Often referred to as the father of modern orskology, he played a key role in establishing it.",
     "James Velm", "James Velm was a Scottish geologist.", "", True),
    # dev50 bv09: a numbered part of a text
    ("Which article of the Universal Declaration of Orsk guarantees freedom of expression?",
     "The right to freedom of expression has been recognised in the Universal Declaration of Orsk.",
     "Freedom of expression", "", "", False),
    ("Which article of the Universal Declaration of Orsk guarantees freedom of expression?",
     "Article 19 of the Universal Declaration of Orsk guarantees freedom of expression.",
     "Freedom of expression", "", "", True),
    # dev50 bv02: a dose is a figure
    ("What is the lethal dose of orskine for an adult human?",
     "Orskine is used recreationally for its stimulant and anxiolytic effects.", "Orskine", "", "", False),
    ("What is the lethal dose of orskine for an adult human?",
     "The lethal dose of orskine for an adult human is about 500 mg.", "Orskine", "", "", True),
    # dev50 bv33, dev51 bw44: weights, lengths, a map's scale and a share count no species or islands
    ("How many living species of orskodiles are there?",
     "They are small orskodiles with an average maximum weight of 6 to 40 kg depending on species, and can "
     "grow more than 4 m (13 ft) long and weigh more than 450 kg (990 lb).", "Orskodile", "", "", False),
    ("How many living species of orskodiles are there?",
     "There are 23 living species of orskodiles, the largest growing to 4 m (13 ft).", "Orskodile", "", "", True),
    ("How many islands are there in Lake Velm?",
     "The lake has a shoreline of 7,142 km (4,438 mi) when digitized at the 1:25,000 level, with islands "
     "constituting 3.7% of this length.", "Lake Velm", "", "", False),
    # dev50 bv24, bv41: only a person answers
    ("Which meteorologist first introduced the concept of orsk fronts?",
     "An orsk front is a boundary separating air masses for which several characteristics differ.",
     "Orsk front", "", "", False),
    ("Who drew the boundary line between Orsk and Velm in 1947?",
     "When British rule came to an end in 1947, the land was partitioned into two countries, Orsk and Velm.",
     "Partition of Orsk", "", "", False),
    # dev50 bv32: a successor asked "Which <noun> … after X?" as "Who … after X?" is
    ("Which dynasty took over after the Orskavana rule ended in the 3rd century CE?",
     "Most scholars believe that the Orskavana rule began in the late 2nd century BCE and lasted until the early "
     "3rd century CE.", "Orskavana dynasty", "", "", False),
    ("Which dynasty took over after the Orskavana rule ended in the 3rd century CE?",
     "The Velmids succeeded the Orskavanas in the early 3rd century CE.", "Velmid dynasty", "", "", True),
    # dev51 bw53 (refused): the deepest point is the maximum depth
    ("How deep is Lake Velm at its deepest point?",
     "The lake has an average depth of 40 m (130 ft) and a maximum depth of 80–81 m (262–266 ft).",
     "Lake Velm", "", "", True),
    # dev45 bq19 (refused): a coastline's length, not how long something lasts
    ("How long is Orsk's coastline?",
     "It also has the world's shortest national coastline of any non-landlocked nation, at 3.83 km (2.38 mi).",
     "Orsk", "", "", True),
]


@pytest.mark.parametrize(("question", "sentence", "title", "before", "article", "answers"), _CASES)
def test_a_sentence_leaving_a_name_or_figure_unmet_does_not_answer(question, sentence, title, before, article,
                                                                  answers):
    assert can_answer(build_frame(question), sentence, title, before, article or f"{before} {sentence}") is answers


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("How long is Orsk's coastline?", "length"),
        ("How long is a tenpin bowling lane?", "length"),
        ("How long is the border between Orsk and Velm?", "length"),
        ("How long is the life of a leaf?", "extent"),  # the life, not the leaf
        ("How long is the Velm?", "extent"),
        ("How long did the war last?", "time"),
        ("How long is a day on Orsk?", "time"),
    ],
)
def test_how_long_a_long_thing_is_asks_a_length(question, unit):
    assert build_frame(question).unit == unit


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Which meteorologist first introduced the concept of weather fronts?", True),
        ("Who drew the boundary line between Orsk and Velm in 1947?", True),
        ("Who drew up the plans for the cathedral?", True),
        ("Who drew the most fans in 1990?", False),  # a team may
    ],
)
def test_questions_only_a_person_answers_by_their_wording(question, person):
    assert asks_person(question) is person


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # a contraction is no owner
        ("What's the length of the Orsk coastline?", "The Orsk coastline is 40 km long."),
        # an owner every text names without naming it
        ("What share of the Earth's surface is covered by velmland?", "Velmland covers 12% of the surface."),
        ("How many members does the royal family have?", "The family has 12 members."),  # no kind's common name
        ("Which article of the charter did Orsk invoke?", "Orsk invoked Article V of the charter."),
        ("Which language is spoken in Orsk?", "Most people in Orsk speak Velmish."),
    ],
)
def test_owners_kinds_and_numbers_the_sentence_gives(question, sentence):
    assert not leaves_a_name_unmet(question, sentence, "Velm", "", "Velm is a land.")
    assert not no_numbered_part(question, sentence)


def _answered(question: str, sentence: str) -> Evidence:
    """The evidence of a part answered by ``sentence`` (the first of its article's passage)."""
    chunk = Chunk("boom#0", "boom", 0, len(sentence), sentence, (Span(0, len(sentence)),))
    hit = Hit(chunk, score=1.0, dense_score=0.5, bm25_score=1.0, rank=1)
    picked = Candidate(0, Span(0, len(sentence)), sentence, 1.0, prob=0.9)
    return Evidence(build_frame(question), (hit,), {}, frozenset(), ranked=(picked,), picked=(picked,))


def test_a_part_asked_of_the_one_before_by_he_searches_with_its_answers_name():
    """dev51 bw17: "Who is called the most famous exponent of the Latin American Boom, and in which
    year did he receive the Nobel Prize in Literature?" searched "in which year did he receive …" alone,
    found another writer's prize, and left the year out. The part's "he" is the first part's answer."""
    question = (
        "Who is called the most famous exponent of the Orskian Boom, and in which year did he receive the Velm Prize?"
    )
    first, second = build_frame(question).parts
    answer = "The Orskian Boom is often associated with its most famous exponent, Tomas Arkel."
    before = _answered(first.question, answer)
    query = query_after(second, before)
    assert {"Tomas", "Arkel"} <= set(query.split()) and "Orskian" not in query.split()[len(second.query.split()):]
    assert query_after(first, None) == first.query  # the first part searches as it is asked
    # a part asked of the one before without a pronoun ("…, and in which year?") searches as before
    bare = build_frame("Who built the harbour of Brask, and in which year?").parts[1]
    assert query_after(bare, before) == bare.query


def test_a_two_word_what_noun_part_is_asked_of_the_part_before():
    """dev50 bv15: "…, and in which geological period?" was searched alone and answered by "The
    Cambrian is the first geological period of the Paleozoic Era"; it asks the first part's period."""
    question = "How many million years ago did orskodiles first appear, and in which geological period?"
    second = build_frame(question).parts[1]
    assert second.of_part_before and "orskodiles" in second.query


@pytest.mark.parametrize(
    ("question", "sentence", "told"),
    [
        ("Which dynasty took over after the Orskavana rule ended?", "The Orskavana rule lasted until 230 CE.", False),
        ("Which dynasty took over after the Orskavana rule ended?", "The Velmids replaced the Orskavanas.", True),
        ("Which element is named after Wilhelm Orsk?", "Orskium honours the physicist Wilhelm Orsk.", True),
        ("Who was the first king after Velm the Great?", "Velm the Great was the first king of Orsk.", False),
    ],
)
def test_a_successor_asked_is_told_as_one(question, sentence, told):
    assert tells_a_succession(question, sentence) is told


def test_a_dotted_abbreviation_the_articles_hold_is_no_unknown_name():
    """dev50 bv52, dev41 bm21: "Which U.S. states have land that drains into Hudson Bay?" was refused as
    naming something "the articles never mention U.S": the corpus's words split "U.S." at its full stops
    (as they split "AT&T" at its ampersand), so the question's "U.S" was never found."""
    vocabulary = extract_vocabulary(["Orsk Bay drains parts of the U.S. states of Montana and Velm, served by AT&T."])
    assert unknown_names("Which U.S. states have land that drains into Orsk Bay?", vocabulary) == []
    assert unknown_names("Which U.K. city lies on the Orsk?", vocabulary) == ["U.K"]  # no "k" in the articles
    # the fitted feature reads it as the model was fitted (a refit would read its letters too)
    assert unknown_names("Which U.S. states drain into Orsk Bay?", vocabulary, dotted=False) == ["U.S"]


@pytest.mark.parametrize(
    ("sentence", "unmet"),
    [
        # dev17 g53 (a near miss abstained before only because "U.S" read as unknown): another first
        ("The Orsk Constitution was signed in 1787 and was later ratified by the Thirteen Colonies, leading to the "
         "first modern Orsk government.", True),
        ("Velmware was the first state to ratify the Orsk Constitution.", False),
        ("Velmware ratified it first, on December 7, 1787.", False),
    ],
)
def test_the_first_one_is_told_by_the_deed_next_to_first(sentence, unmet):
    assert first_to_another_deed("Which state was the first to ratify the Orsk Constitution?", sentence) is unmet


def test_a_generated_answer_dropping_the_owner_gives_way_to_the_picked_sentence():
    """dev47 bs41: "Which of Newton's laws explains how a rocket engine produces thrust?" was answered
    with the model's "The rocket engine is a reaction engine that produces thrust by ejecting reaction
    mass …", which drops the picked sentence's "in accordance with Newton's third law"."""
    question = "Which of Orskton's laws explains how a rocket engine produces thrust?"
    picked = ["A rocket engine is a reaction engine, producing thrust in accordance with Orskton's third law."]
    assert drops_the_owner(question, "The rocket engine produces thrust by ejecting reaction mass.", picked)
    assert not drops_the_owner(question, "It produces thrust in accordance with Orskton's third law.", picked)
    monday = "How many died in Monday's strikes?"  # a weekday owns nothing
    assert not drops_the_owner(monday, "At least 11 died.", ["At least 11 died in Monday's strikes."])
