"""Issue 11, forty-third round (the blind probes dev40 and dev41): "Who were the first winners of the
Nobel Prize in Economic Sciences?" was answered with "the first American to win" it, "Which national
park was the first in the world?" with the northernmost one and the first in Denmark, "Who was the
last emperor of Austria-Hungary?" with the last Holy Roman Emperor, "How many Wimbledon singles
titles …?" with her major titles, "What is the capital of American Samoa?" with Samoa's, "To which
country did he flee when his regime collapsed?" was read as asking a date, and a meaning, a measure,
prize money and a flight were answered by sentences giving none; the oldest surviving tapestry by
manuscripts and the longest road network by a mountain chain. "handed out" was not read as awarded
and a compromise not as an agreement, so two right answers were refused. Each case failed before its
change, as did a part pointing back ("…, and how old was he then?") answered from another man's
summary, and schooling not told; the names are invented.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from rag.frame import build_frame
from rag.holder import states_holder
from rag.kinds import question_kind
from rag.part_answers import answered_after
from rag.rules import can_answer
from rag.topic import names_the_extreme_kind
from rag.topic_shapes import asked_topic


@pytest.mark.parametrize(
    ("question", "sentence", "title", "answers"),
    [
        # dev40 bl10: the first of all winners, not the first of a nation's
        ("Who were the first winners of the Vell Prize in Sorn Sciences?",
         "Tam Orsk was an economist who was the first Kellish to win the Vell Prize in Sorn Sciences.", "Tam Orsk",
         False),
        ("Who were the first winners of the Vell Prize in Sorn Sciences?",
         "The first Vell Prize in Sorn Sciences was awarded to Tam Orsk and Mira Kell in 1969.", "Vell Prize",
         True),
        # dev40 bl19: the first in the world, not the northernmost nor the first in one kingdom
        ("Which orsk park was the first in the world?",
         "It was the first orsk park to be created in the Kingdom of Sorn and remains Vell's only one.", "Vell Park",
         False),
        ("Which orsk park was the first in the world?",
         "It is the northernmost orsk park in the world and the second-largest by area.", "Vell Park", False),
        ("Which orsk park was the first in the world?",
         "Kell Park was the first orsk park in Tamra and is widely held to be the first orsk park in the world.",
         "Kell Park", True),
        ("Who was the first person to climb the highest mountain in the world?",
         "Tam Orsk and Mira Kell were the first climbers confirmed to have reached the summit of Mount Varn.",
         "Mount Varn", True),
        # dev40 bl48: the last emperor of the realm asked, told as such
        ("Who was the last emperor of Sorn-Vellia?",
         "Tam II was the last Holy Orskan Emperor from 1792 to 1806, and the first Emperor of Sorn from 1804.",
         "Tam II", False),
        ("Who was the last emperor of Sorn-Vellia?",
         "Sorn-Vellia constituted the last phase in the constitutional evolution of the Kell monarchy under Tam.",
         "Sorn-Vellia", False),
        ("Who was the last emperor of Sorn-Vellia?", "Karl I was the last emperor of Sorn-Vellia.", "Karl I", True),
        # dev41 bm14: a count of the titles a name qualifies
        ("How many Vellbury singles titles did Mira Orsk win?",
         "Orsk won 107 singles titles on the tour, including 22 major women's singles titles.", "Mira Orsk", False),
        ("How many Vellbury singles titles did Mira Orsk win?", "Orsk won seven Vellbury singles titles.",
         "Mira Orsk", True),
        # dev41 bm13, bm64, bm56: a meaning and a measure need a meaning and a figure
        ("What did the Ancient Sornish word from which 'kell' derives originally mean?",
         "Derived from the Ancient Sornish word kellos, the English word dates from the Restoration.", "Kell", False),
        ("What did the Ancient Sornish word from which 'kell' derives originally mean?",
         "It comes from the Ancient Sornish kellos, meaning 'a stamping tool'.", "Kell", True),
        ("What is the typical kinetic energy of an orsk particle emitted in orsk decay?",
         "The symbol for the orsk particle is α or α2+.", "Orsk particle", False),
        ("What is the typical kinetic energy of an orsk particle emitted in orsk decay?",
         "Orsk particles typically have a kinetic energy of about 5 MeV.", "Orsk particle", True),
        ("At what blood vell concentration does vell poisoning become life-threatening?",
         "Vell intoxication, known in overdose as vell poisoning, is the behavior caused by vell.", "Vell", False),
        # dev40 bl02: prize money needs money ("won" is no currency there)
        ("How much prize money does each Vell laureate receive?",
         "He is one of five people to have won more than one Vell Prize.", "Tam Orsk", False),
        ("How much prize money does each Vell laureate receive?",
         "Each prize carries 11 million kronor.", "Vell Prize", True),
        # dev40 bl39: a flight
        ("To which country did Tam Orsk flee when his regime collapsed?",
         "The war began in March 2011, when discontent with the regime ruled by Tam Orsk triggered protests.",
         "Kell war", False),
        ("To which country did Tam Orsk flee when his regime collapsed?",
         "Tam Orsk fled to Sornia, where he was granted asylum.", "Tam Orsk", True),
        # dev40 bl28: schooling
        ("In which city did Tam Orsk start his education?",
         "He was a descendant of the Orsk merchant family located in the Free City of Vellbury.", "Tam Orsk", False),
        ("In which city did Tam Orsk start his education?",
         "He began his education at the age of 14 in Sornia.", "Tam Orsk", True),
    ],
)  # fmt: skip
def test_what_the_question_fixes_must_be_stated(question, sentence, title, answers):
    assert can_answer(build_frame(question), sentence, title) is answers


def test_a_title_naming_a_later_word_of_the_place_is_another_place():
    # dev41 bm18: Samoa's "The capital and largest city is Apia" is not American Samoa's capital
    before = "Orsk is located 64 km west of Kell Orsk, 889 km northeast of Vellia."
    assert not states_holder("Kell Orsk", "The capital and largest city is Tamra.", "Orsk", before)
    assert states_holder("Kell Orsk", "The capital and largest city is Tamra.", "Kell Orsk", "")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("To which country did Tam Orsk flee when his regime collapsed?", "name"),  # dev40 bl39: not a date
        ("What was Vellbury originally called when it was founded?", "other"),
        ("Which war did Sornia win, and when did it end?", "date"),  # "when did" asks
        ("When did Tam Orsk flee?", "date"),
    ],
)
def test_a_clause_setting_the_time_does_not_ask_a_date(question, kind):
    assert question_kind(question.lower()) == kind


def test_the_extreme_kind_and_the_measured_one_are_read():
    # dev41 bm44, bm12, bm37
    road = "Which country has the longest road network in the world?"
    mountains = "It forms the fifth-longest mountain chain in the world, and the longest entirely within a country."
    assert not names_the_extreme_kind(road, [mountains]).any()
    assert names_the_extreme_kind(road, ["Sornia's road network is the longest in the world."]).all()
    tapestry = "What is the oldest surviving tapestry in the world?"
    assert np.array_equal(names_the_extreme_kind(tapestry, ["the oldest surviving manuscripts", "a tapestry"]),
                          [False, True])  # fmt: skip
    assert asked_topic("What is the typical blade length of a dagger?") == frozenset({"dagger"})


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        # dev40 bl01: "handed out" is told as awarded
        ("In what year were the very first Vell Prizes handed out?",
         "The prizes were first awarded in 1901, marking the fifth anniversary of Vell's death."),
        # dev40 bl47: an agreement by the name it goes by
        ("Which agreement created Sorn-Vellia?",
         "Sorn-Vellia was formed with the Sorn-Vellian Compromise of 1867 in the aftermath of the war."),
    ],
)  # fmt: skip
def test_a_deed_and_a_kind_told_in_other_words(question, sentence):
    assert can_answer(build_frame(question), sentence, "Vell Prize")


def _part(question: str, sentence: str, doc_id: str, title: str) -> SimpleNamespace:
    hit = SimpleNamespace(chunk=SimpleNamespace(doc_id=doc_id, start=100, text=sentence), title=title)
    best = SimpleNamespace(text=sentence, hit_index=0, prob=0.5)
    return SimpleNamespace(frame=build_frame(question), picked=(best,), ranked=(best,), hits=(hit,), threshold=0.2)


def test_a_part_pointing_back_is_answered_from_the_same_subject():
    # dev40 bl28: "how old was he then?" after Tam Orsk's schooling, from another man's summary
    before = _part("In which city did Tam Orsk start his education?", "Tam Orsk went to school in Vellbury.",
                   "0001-tam-orsk", "Tam Orsk")  # fmt: skip
    other = _part("How old was he then?", "He is the oldest nominee, at 91 years old.", "0002-kell-mira", "Kell Mira")
    same = _part("How old was he then?", "He went to school at the age of 14.", "0001-tam-orsk", "Tam Orsk")
    assert not answered_after(before, other, before_answered=True)
    assert answered_after(before, same, before_answered=True)
    # the article the first answer names: the founder's own
    founder = _part("Who founded Sornbury?", "Sornbury was founded by Mira Kell.", "0003-sornbury", "Sornbury")
    born = _part("Where was she born?", "Kell was born in Tamra.", "0004-mira-kell", "Mira Kell")
    assert answered_after(founder, born, before_answered=True)


def test_a_part_opening_with_off_which_is_its_own_question():
    # dev41 bm02: "…, and off which country …?" was one question, its count read as a population
    question = "How many subspecies of orsk are there, and off which country is there a population that may be a fifth?"
    first, second = build_frame(question).parts
    assert (first.kind, first.unit) == ("number", "")
    # "a fifth" (of what the part before counts) points back: a population of another thing, "the fifth-smallest
    # country", does not answer it
    assert second.question.startswith("Off which country") and second.of_part_before
