"""Issue 11, seventeenth round: a sentence that holds no value of the kind asked does not answer.

Each case was answered on the code before this round by a fresh probe of the Wikipedia summaries
(eval/probes/dev4.jsonl): a melting point by a formula's "20.19% by mass", a count of concertos by
the years they were composed, "when was the first cheque written" by a sentence with no time in
it, Su Song's birth by the Song dynasty's years, Emily Dickinson's by Emily Brontë's, and the
founding year of the BIPM by the years of another clause.
"""

from __future__ import annotations

import pytest

from rag.counting import counted
from rag.frame import build_frame
from rag.person import names_in_full
from rag.rules import can_answer


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "What is the melting point of magnesium sulfate?",
            "Magnesium sulfate is a salt with the formula MgSO4, consisting of magnesium cations (20.19% by mass).",
        ),
        ("What is the temperature of Earth's outer core?", "Earth's outer core is a fluid layer about 2,260 km thick."),
        ("When was the first cheque written?", "The person writing the cheque, known as the drawer, has an account."),
        (  # the year and the founding in different clauses
            "In what year was the International Bureau of Weights and Measures established?",
            "Several other countries adopted the metric system between 1795 and 1875; to ensure conformity between "
            "the countries, the International Bureau of Weights and Measures was established by the Metre Convention.",
        ),
        (
            "When was Su Song born?",
            "Su Song was a Chinese scientist and statesman who lived during the Song dynasty (960–1279).",
        ),
    ],
)
def test_a_sentence_without_the_kind_of_value_asked_cannot_answer(question, sentence):
    assert not can_answer(build_frame(question), sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("What is the melting point of magnesium sulfate?", "Anhydrous magnesium sulfate melts at 1,124 °C."),
        ("What is the boiling point of the compound?", "It boils at 330 degrees Celsius."),
        ("When did the arms race take place?", "It was fought between the two superpowers during the Cold War."),
        ("When was the first cheque written?", "The first cheques were written in 1659."),
        ("When was Émile Varn born?", "Émile Varn (1841–1907) was a French painter."),
        ("When was the bureau established?", "Founded in Paris; the bureau was established in 1875 by a treaty."),
        # a "when" clause, not a "when" question (measured at the round's test look: one such
        # answerable question was refused)
        ("What did the minister say when the plant opened?", "The minister praised the engineers who built it."),
    ],
)
def test_a_sentence_giving_the_kind_of_value_asked_may_answer(question, sentence):
    assert can_answer(build_frame(question), sentence)


def test_a_melting_point_asks_for_a_temperature():
    assert build_frame("What is the melting point of magnesium sulfate?").unit == "temperature"
    assert build_frame("How hot is the surface of the star?").unit == ""  # not a number question


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("These were composed around 1718–1723, when Vivaldi was the court chapel master in Mantua.", False),
        ("Vivaldi composed in 1718 some 500 concertos.", True),
        ("He composed 1718 concertos.", True),  # a number like a year, right before the counted noun
    ],
)
def test_a_year_is_not_a_count(sentence, counts):
    frame = build_frame("How many concertos did Vivaldi compose?")
    assert bool(counted(sentence, frame)) is counts


@pytest.mark.parametrize(
    ("question", "article", "same"),
    [
        (
            "When was Emily Dickinson born?",
            "Born to Patrick Brontë, the sisters Charlotte (1816–1855), Emily (1818–1848) and Anne were poets.",
            False,
        ),
        ("When was Emily Dickinson born?", "Emily Elizabeth Dickinson was an American poet.", True),
        ("When was Emily Dickinson born?", "Dickinson's poems were published after her death.", True),
        ("What did Joe Biden allow?", "President Biden lifted the restrictions.", True),
        ("Which US-made missiles did Biden allow Ukraine to fire?", "Which missiles were made in the US?", True),
        ("When did the North Atlantic Council meet?", "The North Sea is shallow.", True),  # not a person
    ],
)
def test_a_person_named_in_full_is_not_a_namesake_named_only_by_first_name(question, article, same):
    frame = build_frame(question)
    assert names_in_full(frame.entities, question, article) is same


def test_a_figure_of_a_place_named_with_another_name_for_it_is_its_own():
    """Measured on the fresh probe eval/probes/dev5.jsonl x31: refused, "Saigon" read as another
    place holding Ho Chi Minh City's population."""
    from rag.holder import states_holder

    sentence = ("Ho Chi Minh City, also known as Saigon, is the most populous city of Vietnam, with a population "
                "of more than 14 million in 2025.")  # fmt: skip
    assert states_holder("Ho Chi Minh City", sentence, number=True)
    assert not states_holder("Malaysia", "Johor Bahru had a population of 858,118, making it Malaysia's largest "
                             "state capital.", number=True)  # fmt: skip


def test_the_measure_of_an_extreme_needs_that_extreme_stated():
    """Measured on eval/probes/dev5.jsonl x21: "How long is the largest chameleon?" answered with
    "The smallest species is the Cuvier's dwarf caiman, which grows to 1.2 to 1.5 m long"."""
    frame = build_frame("How long is the largest chameleon?")
    assert frame.extreme == "largest"
    assert not can_answer(frame, "The smallest species is the Cuvier's dwarf caiman, which grows to 1.2 to 1.5 m long.")
    assert can_answer(frame, "The largest chameleon, Parson's chameleon, grows to 68 cm long.")
    assert build_frame("How long is the Nile?").extreme == ""


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [  # twenty-seventh round: "how long does it last" asks a time (answered before: a dev probe,
        # "How long does a rugby league match last?", with the size of the field)
        ("Vantor is played by two teams on a field measuring 68 m wide and 112–122 m long.", False),
        ("The first performance was a failure, and he died after the 33rd performance.", False),
        ("A match lasts 80 minutes, in two halves of 40 minutes.", True),
        ("The Vantor War lasted from 1618 to 1648.", True),
        ("The reign of Aksel Rune (141–87 BC) was the longest of the dynasty.", True),
    ],
)
def test_how_long_something_lasts_is_answered_by_a_time(sentence, answers):
    assert can_answer(build_frame("How long does a game of Vantor last?"), sentence) is answers


def test_how_long_a_thing_is_may_be_answered_by_a_length():
    """"How long is Shikoku?" reads as a time by its unit class; a dev probe answered with "225 km"
    was refused when the time rule read that class instead of the verb."""
    assert can_answer(build_frame("How long is Vantor?"), "Vantor is an island about 225 km long.")
