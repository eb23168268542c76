"""Issue 11, thirty-ninth round (the blind probes dev32 and dev33): the model wrote the question's
words onto a true sentence ("A van is a type of road vehicle …, which makes the best-selling van model
of all time") and the judge let the meaning of "van" carry the invented clause; "Which eating
disorder has the highest mortality rate?" was answered by a list of types, "How many species of
rodents …?" by the Muridae's 870, "How many million years ago did the gibbons split …?" by a count
of species, "When was The Night Watch attacked with a knife?" by the year it was painted and "Who
was Louis de Broglie's doctoral advisor?" by what he is known for. Answerable ones were refused:
"Its foundation in 1549 by Tomé de Sousa" told no founding, "15 metres per year" no speed. Each
case failed before its change; the names are invented.
"""

from __future__ import annotations

import pytest

from rag.extract import Candidate, pick
from rag.extremes import unstated_superlative
from rag.frame import build_frame
from rag.judge import judge
from rag.records import Span
from rag.rules import can_answer
from rag.units import states_duration

VESSEL = (
    "A skiff is a type of small boat used for carrying goods or people. Larger skiffs with a mast are "
    "used for fishing. Harbour services use wide skiffs to ferry pilots."
)


def always_close(_claim: str, _passage: str) -> float:
    return 0.9  # an embedding that finds every clause close to the passage


def test_a_joined_clause_sharing_almost_no_words_is_not_carried_by_meaning():
    # dev33 be48: "…, which makes the best-selling van model of all time"
    invented = (
        "A skiff is a type of small boat used for carrying goods or people, which makes the best-selling skiff "
        "model of all time."
    )
    verdict = judge(invented, VESSEL, always_close)
    assert not verdict.supported and "best-selling" in verdict.reason
    # a clause sharing some of its words may still be a paraphrase the embedding vouches for
    paraphrase = "A skiff is a type of small boat used for carrying goods or people, which harbour services use widely."
    assert judge(paraphrase, VESSEL, always_close).supported


@pytest.mark.parametrize(
    ("question", "sentence", "unstated"),
    [
        # dev32 bd27, bd58: the extreme something has or did
        ("Which fever has the highest mortality rate?", "Types of fevers include orsk fever and vell fever.", True),
        ("Which club has won the Halby Cup the most times?", "The Halby Cup is an annual club competition.", True),
        ("Which club has won the Halby Cup the most times?", "Orsk FC is the most successful club of the cup.", False),
        ("Which fever has the highest mortality rate?", "Orsk fever has the highest mortality, at 60%.", False),
        ("Which club has won the Halby Cup the most times?", "Orsk FC has won it 15 times.", False),  # a count
        ("Which state has the interest?", "Ostmark holds it.", False),
    ],
)
def test_an_extreme_had_or_done_needs_a_sentence_stating_one(question, sentence, unstated):
    assert unstated_superlative(question, sentence) is unstated


TOTAL = "How many species of orsklings are there in total?"
FLOWERING = "Approximately how many species of flowering orsks are there?"


@pytest.mark.parametrize(
    ("question", "sentence", "title", "answers"),
    [
        # dev33 be34: the species of a family within the whole, in that family's article
        (TOTAL, "The Vellidae are the largest family of orsklings, containing approximately 870 species.", "Vellidae",
         False),
        (TOTAL, "Tamrans are orsklings belonging to the subfamily Tamrinae, which contains 19 species.", "Tamran",
         False),
        (TOTAL, "Six subfamilies comprising 14 genera and 54 species are currently recognized.", "Halbidae", False),
        (TOTAL, "There are about 2,300 species of orsklings.", "Tamran", True),
        (TOTAL, "Orsklings make up 40% of mammals, with about 2,300 species.", "Orskling", True),
        # dev21 k34: the count of the whole after "of which"
        (FLOWERING, "There are some 391,000 species of vascular orsks, of which approximately 369,000 are flowering "
         "orsks.", "Orsk", True),
        # dev26 q59: a count in words, in a genus's article
        (FLOWERING, "Four extant species are recognized currently; three are essentially arboreal.", "Vellba", False),
    ],
)
def test_a_count_of_the_whole_kind_is_not_a_groups(question, sentence, title, answers):
    assert can_answer(build_frame(question), sentence, title, "") is answers


def test_a_count_of_years_needs_a_time():
    # dev33 be16: "a total of 20 species of gibbon" for "how many million years ago"
    question = "How many million years ago did the vellings split from the great orsks?"
    assert not states_duration("number", question, "The family includes four genera and a total of 20 species.")
    assert states_duration("number", question, "They diverged from the great orsks about 17 million years ago.")
    assert states_duration("number", "How many years did Ivo reign?", "He reigned from 1837 to 1901.")


@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        # dev32 bd39: the year it was painted is not the year it was attacked
        ("When was The Orsk Guard attacked with a knife?", "The Orsk Guard is a 1642 painting by Ivo Brandt.", False),
        ("When was The Orsk Guard attacked with a knife?", "In 1975 the painting was attacked with a bread knife.",
         True),
        ("When was the Vell Treaty ratified?", "The Vell Treaty was signed in 1648.", False),
        ("When was the Vell Treaty ratified?", "Its ratification followed in 1649.", True),
        # dev8 k37: a year before the name dates the thing itself
        ("When was the Orsk–Vell treaty signed?", "In 1920, following agreements including the 1916 Orsk–Vell "
         "treaty between Tamra and Norvia, the mandate began.", True),
        # making or beginning a thing is told in many words
        ("When was the Halby Bridge built?", "The Halby Bridge is a suspension bridge opened in 1937.", True),
        ("When was Orsk University founded?", "Orsk University, established in 1209, is the oldest in Vell.", True),
    ],
)
def test_the_date_of_a_deed_needs_the_deed(question, sentence, answers):
    assert can_answer(build_frame(question), sentence, "", "") is answers


def test_a_teacher_asked_for_must_be_stated():
    # dev33 be28: "Who was Louis de Broglie's doctoral advisor?"
    frame = build_frame("Who was Ivo Brandt's doctoral advisor?")
    assert frame.relative == "teacher"
    assert not can_answer(frame, "Ivo Brandt was an Orskish physicist known for his contributions to heat theory.")
    assert can_answer(frame, "Ivo Brandt wrote his thesis under the supervision of Mira Holt.")
    assert build_frame("Who was Mira Holt's teacher?").relative == "teacher"


def test_a_foundation_by_someone_tells_who_founded_it():
    # dev32 bd14: "Its foundation in 1549 by Tomé de Sousa took place on account of …"
    frame = build_frame("Who founded Vellport?")
    assert can_answer(frame, "Its foundation in 1549 by Ivo Brandt took place on account of the new government.")


def test_a_distance_per_year_is_a_speed():
    # dev33 be09: "currently at the rate of 0.47 arcseconds per year, or 15 metres per year"
    frame = build_frame("How fast is the Orsk Line drifting northward?")
    assert frame.unit == "speed"
    assert can_answer(frame, "It is very gradually moving northward, currently at the rate of 15 metres per year.")
    assert not can_answer(frame, "The Orsk Line is one of the five major circles of latitude marked on maps.")


def test_a_range_of_values_is_no_reach():
    # dev33 be25: "IR is generally understood to include wavelengths from around 780 nm to 1 mm"
    assert build_frame("What range of wavelengths does orsk radiation cover?").dimension == ""
    assert build_frame("What is the range of the Orsk missile?").dimension == "range"


def test_the_year_of_a_named_event_is_asked():
    # dev33 be56: "Who won the 1937 Nobel Prize for …?" is not answered by the 1929 one
    frame = build_frame("Who won the 1937 Halby Prize for confirming the wave nature of orsks?")
    article = "Ivo Brandt won the Halby Prize in 1929. This confirmation earned Mira Holt the Halby Prize in 1937."
    assert not can_answer(frame, "In 1929, Ivo Brandt won the Halby Prize in Physics.", "", "", article)
    assert can_answer(frame, "This confirmation earned Mira Holt the Halby Prize in 1937.", "", "", article)


def test_an_age_something_ends_at_is_not_the_age_it_starts():
    # dev32 bd50: "compulsory, at least until the age of 16" for the age children enter it
    frame = build_frame("At what age do children typically enter lower orsk education?")
    assert not can_answer(frame, "In most countries orsk education is compulsory, at least until the age of 16.")
    assert can_answer(frame, "Children typically enter the lower orsk phase around age 12.")


def test_a_ruled_out_sentence_is_not_picked_for_its_type():
    # dev32 bd50: the only sentence giving an age "of" was ruled out, yet picked as the typed answer
    frame = build_frame("At what age do children typically enter lower orsk education?")
    ruled_out = Candidate(0, Span(0, 37), "It is compulsory until the age of 16.", 0.9, prob=0.0)
    kept = Candidate(0, Span(38, 81), "Children typically enter it around age 12.", 0.5, prob=0.2)
    assert pick(frame, [kept, ruled_out], 0.1)[0] is kept


def test_a_best_selling_thing_needs_a_sentence_stating_one():
    # dev33 be48: "What is the best-selling van model of all time?" by the definition of a van
    question = "What is the best-selling skiff model of all time?"
    assert unstated_superlative(question, "A skiff is a type of small boat used for carrying goods.")
    assert not unstated_superlative(question, "The Orsk 200 is the best-selling skiff.")


def test_a_latitude_asked_needs_degrees():
    # dev33 be06: "the Earth's northernmost circle of latitude" for "What is the exact latitude of …?"
    frame = build_frame("What is the exact latitude of the Orsk Line?")
    assert not can_answer(frame, "The Orsk Line is the Earth's northernmost circle of latitude where the Sun is high.")
    assert can_answer(frame, "The Orsk Line lies at 23°26′ north of the Equator.")


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # dev32 bd27: "often leading to weight gain" in a list of types
        ("Which fever has the highest mortality rate?", "Types include orsk fever, often leading to weight loss."),
        # dev32 bd58: a "top-division" club is no extreme of the cup's winners
        ("Which club has won the Halby Cup the most times?", "The Halby Cup is contested by top-division clubs."),
    ],
)
def test_words_that_only_look_like_an_extreme(question, sentence):
    assert unstated_superlative(question, sentence)
    assert not unstated_superlative("What is the leading cause of orsk fever?", "Vell is the leading cause of it.")
