"""Issue 11's failure classes, on articles written for these tests (tests/data/trust/): answer the
question that was asked, or say the articles don't say.

Each case failed on the code before the question frame and the learned answerability model: it
answered a figure the articles never give with a sentence naming the thing, the winner of an
event they never report with the winner of another, the toll of one attack with another's, or
picked a neighbouring sentence of the right passage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.conversation import Conversation
from rag.verify import META_REASON, verify

TRUST = Path(__file__).resolve().parent / "data" / "trust"


@pytest.fixture(scope="module")
def trust(tmp_path_factory, embedder, assistant):
    """The assistant's models over an index of the trust articles."""
    from rag.index import build_index
    from rag.pipeline import Assistant
    from rag.settings import Settings
    from rag.store import read_generation

    index_dir = tmp_path_factory.mktemp("trust-index")
    settings = Settings.load(index_dir=index_dir)
    build_index([TRUST], settings, embedder)
    return Assistant(settings, embedder, assistant.generator, read_generation(index_dir))


def answered(answer, *expected: str) -> None:
    assert not answer.abstained, f"abstained on an answerable question: {answer.question}"
    for text in expected:
        assert text in answer.text, f"{text!r} not in the answer {answer.text!r}"
    assert answer.citations and all(c.quote for c in answer.citations)


def abstained(trust, question: str) -> None:
    answer = trust.ask(question)
    assert answer.abstained, f"answered {question!r} with {answer.text!r}"


@pytest.mark.parametrize(
    "question",
    [
        "How much did the Kestrel launchers cost?",  # a price: the articles name the weapon, never a price
        "What is the net worth of Norvik Arms?",  # a net worth: they name the company only
        "What is Lena Varga's annual salary?",  # a salary: they name the minister only
    ],
)
def test_a_figure_the_articles_never_give_is_abstained_on(trust, question):
    abstained(trust, question)


def test_a_total_the_articles_never_give_is_abstained_on(assistant):
    """Measured before: answered with "Russia's decision to deploy thousands of North Korean
    troops … changed the administration's thinking [2]"."""
    answer = assistant.ask("What was the total value of the US weapons deliveries to Ukraine this year?")
    assert answer.abstained, f"answered with {answer.text!r}"


def test_the_toll_of_an_attack_on_another_town_is_not_given(trust):
    """The dateline names the town asked about, the sentence another town's attack (measured
    before: "KAVOR, April 2 (AP) - A drone attack on Velmar killed three people …")."""
    assert trust.ask("How many people did the drone attack on Kavor kill?").abstained
    answered(trust.ask("How many people did the drone attack on Velmar kill?"), "three people")


def test_the_winner_of_an_event_they_never_report_is_abstained_on(trust):
    answer = trust.ask("Who won the Boreal Cup in Stockholm?")
    assert answer.abstained, f"answered with {answer.text!r}"


def test_the_toll_of_another_attack_is_not_given(trust):
    answer = trust.ask("How many people were killed in the drone attack on Kavor?")
    assert answer.abstained, f"answered with {answer.text!r}"


def test_the_toll_of_the_attack_asked_about_is_given(trust):
    answered(trust.ask("How many people did the missile attack on Dorsk kill?"), "14")


def test_a_distance_from_the_named_place_is_the_one_quoted(trust):
    answer = trust.ask("How far west of Velmar did the explosion happen?")
    answered(answer, "12 kilometres")
    assert "30 kilometres" not in answer.text


def test_what_a_person_said_about_the_thing_asked(trust):
    answer = trust.ask("What did Varga say about the missiles?")
    answered(answer, "end of spring")


def test_what_a_person_never_says_is_abstained_on(trust):
    """Norvik Arms is named (as the seller, "according to a procurement notice") but says nothing:
    before, that sentence was the answer."""
    answer = trust.ask("What did Norvik Arms say about the launcher order?")
    assert answer.abstained, answer.text


def test_a_question_for_several_items_gets_each_item_cited(trust):
    answer = trust.ask("Which launchers were used in the attack on the depot?")
    answered(answer, "Kestrel", "Harrow")
    assert len(answer.citations) >= 1


def test_a_followup_is_resolved_against_the_previous_answer(trust):
    first = trust.ask("Who is the defence minister?")
    answered(first, "Varga")
    second = trust.ask(
        "And what did she say about the missiles?", conversation=Conversation().add(first.question, first)
    )
    answered(second, "end of spring")
    assert "Varga" in second.searched_for


@pytest.mark.parametrize(
    "meta",
    [
        "The passage is about an explosion near Velmar [1].",
        "The question asks how far west of Velmar the explosion happened [1].",
        "Passage 1 discusses the explosion near Velmar [1].",
        # seen on a follow-up: a quote wrapped in a sentence about where it comes from
        'The passage is quoted from the article "An explosion was heard west of Velmar." [1]',
        "The text is quoting a statement about the explosion near Velmar [1].",
    ],
)
def test_generated_meta_sentences_never_reach_the_user(trust, meta):
    hits = trust.retriever.search("explosion near Velmar", 4, 30, 60)
    checked = verify(meta, list(hits))
    assert not checked.kept
    assert [v.reason for v in checked.removed] == [META_REASON]


def _followup(trust, first: str, second: str):
    answer = trust.ask(first)
    return answer, trust.ask(second, conversation=Conversation().add(first, answer))


def test_a_followup_pronoun_stands_for_what_the_previous_answer_named(trust):
    """"they" are the Corvid missiles of the first answer, not the other system of the passage
    (measured before: the Pike rockets' 70 kilometres)."""
    first, second = _followup(trust, "Which missiles did Valdor fire at the radar station?", "How far can they reach?")
    answered(first, "Corvid")
    answered(second)
    # the Corvid's reach, in either of the article's statements of it
    assert "180 kilometres" in second.text or "112 miles behind the border" in second.text, second.text
    assert "70 kilometres" not in second.text


def test_a_followup_asking_for_another_unit_gets_a_value_in_it(trust):
    """"in miles" after an answer in kilometres: the sentence with miles, not the first answer again."""
    first, second = _followup(trust, "What is the range of Corvid missiles?", "How far is that in miles?")
    answered(first, "180 kilometres")
    answered(second, "112 miles")


def test_a_generated_answer_that_only_drops_words_shows_the_source_sentence(trust):
    """Measured on a dev question ("By what other name are Storm Shadow missiles known?"): the
    model shortened "…, also called SCALPs, can hit …" to "… can hit …", verified and shown,
    without the answer. A sentence that only drops words from the picked one is replaced by it."""
    from dataclasses import replace

    from rag.answer import cached, compose

    evidence = trust.evidence("By what other name are Corvid missiles known?")
    top = evidence.picked[0]
    assert "Ravens" in top.text
    raw = f"Corvid missiles have a range of about 180 kilometres [{top.hit_index + 1}]."
    answer = compose(replace(evidence, raw=raw), trust.settings, cached(trust.embedder.encode))
    assert "Ravens" in answer.text and answer.mode == "extractive", answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Where was Halvard Brenn born?",  # measured before: "Halvard Brenn was a Norwegian composer and organist."
        "In what year was Halvard Brenn born?",  # the summary gives no birth year, only a premiere's
    ],
)
def test_a_detail_the_summary_does_not_give_about_a_person_it_describes_is_abstained_on(trust, question):
    """A Wikipedia-style summary (title line, then "X was a Norwegian composer"): a nationality is
    not a birthplace, and the title line names only what the question names."""
    abstained(trust, question)


def test_a_detail_the_summary_does_give_is_answered(trust):
    answered(trust.ask("How many symphonies did Halvard Brenn write?"), "four")


def test_a_founding_year_comes_from_the_sentence_stating_the_founding(trust):
    """Not from the best-ranked sentence of its summary, which dates another event (measured
    before: "… moved into its present guild hall in 1904 [1].")."""
    answered(trust.ask("When was the Ostmark Guild founded?"), "1871")


@pytest.mark.parametrize(
    "question",
    [
        # measured before: "It is the third largest lake in Valdor and the deepest … [1]."
        "What is the largest lake in Valdor?",
        # guards: "novel" and "decision" type-matched a date before (tests/test_extract.py fails
        # before); here other features already kept the probability below the operating point
        "In what year was Edda Moln's novel published?",
        "When did the regional council make its decision?",
    ],
)
def test_a_rank_or_a_word_like_a_month_does_not_answer(trust, question):
    abstained(trust, question)


def test_the_extreme_the_article_does_state_is_answered(trust):
    answered(trust.ask("What is the deepest lake in Valdor?"), "deepest")


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Brask?",  # the article gives its neighbour's and its province's
        "What is the population of Valdor?",  # "the most populous province in Valdor" is not Valdor's
        # a name opening with a capital outside A–Z was no name at all: measured before, answered
        # with "With a population of 412,000, Tamra is the most populous province in Valdor"
        "What is the population of Östervik?",
    ],
)
def test_a_figure_of_another_place_does_not_answer(trust, question):
    abstained(trust, question)


def test_the_figure_of_the_place_asked_about_is_answered(trust):
    """A guard (it passed before too): the rule above must not refuse the place's own figure."""
    answered(trust.ask("How many people live in Kell?"), "96,000")
    answered(trust.ask("What is the population of Tamra?"), "412,000")


def test_a_name_written_with_accents_is_found_in_the_articles(trust):
    """Measured before: refused as "the articles never mention Mañosa" (the vocabulary of the
    articles was read with an ASCII-only pattern: "ma", "osa")."""
    answered(trust.ask("How many people live in Mañosa?"), "2,300")
    answered(trust.ask("What is the population of Åsund?"), "41,000")  # a guard: passed before too


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("When did Émile Varn die?", "1907"),  # measured before: refused for want of "died"
        ("When was Émile Varn born?", "1841"),  # measured before: "He was born in Östervik …"
        ("In what year was Émile Varn born?", "1841"),  # a guard: passed before too
    ],
)
def test_the_years_of_a_life_in_brackets_say_when_its_owner_was_born_and_died(trust, question, year):
    """Only a sentence with "born" or "died" could answer, and one without a date could: the
    summary's "Émile Varn (1841–1907) was …" says both, "He was born in Östervik" says where."""
    answered(trust.ask(question), year)


@pytest.mark.parametrize(
    "question",
    [
        "Which general commands the garrison at Fort Harl?",  # the article names its troops, no commander
        "Who is the commander of the Tamra brigade?",
        # measured before: answered with "A week later Dalby said as many as 400 more troops …":
        # a name that speaks is not who commands (as sample dev q122 was answered with "Blinken said …")
        "Who commands the Tamra brigade troops at Fort Harl?",
    ],
)
def test_a_question_only_a_person_answers_is_not_answered_without_one(trust, question):
    abstained(trust, question)


def test_the_person_the_article_does_name_is_answered(trust):
    """A guard (it passed before too): the rule above must not refuse a sentence naming the person."""
    answered(trust.ask("Which analyst warned about the supply road to Fort Harl?"), "Mira Holt")


def test_a_followup_is_not_answered_by_the_previous_answer_again(trust):
    """Measured before: "What did he say about it?" was answered with the first answer's sentence
    ("… Jonas Brekk, welcomed the reopening …") again; and "He said …" did not count as the mayor
    speaking, so with the repeat ruled out the question was refused."""
    first, second = _followup(
        trust, "Which mayor welcomed the reopening of the Tern Bridge?", "What did he say about it?"
    )
    answered(first, "Jonas Brekk")
    answered(second, "forty minutes")
    assert "welcomed" not in second.text, second.text


@pytest.mark.parametrize(
    "question",
    [
        "Who was Tomas Vinter's wife?",  # measured before: "Tomas Vinter was a Valdoran poet and translator."
        "Who was Tomas Vinter's father?",
    ],
)
def test_a_relative_the_summary_never_names_is_abstained_on(trust, question):
    abstained(trust, question)


def test_a_relative_is_not_answered_with_the_persons_description(trust):
    """Measured before: "Ingrid Salo was a Valdoran painter of harbour scenes [1]." The article
    does say whom she married, but the model gives that sentence little probability (0.02), so
    today the assistant abstains: a refusal, not a wrong answer."""
    answer = trust.ask("Who was Ingrid Salo's husband?")
    assert "painter" not in answer.text, answer.text
    assert answer.abstained or "Per Lind" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "relative"),
    [
        ("Who was Ingrid Salo's father?", "Aksel Salo"),  # "She was the daughter of the shipbuilder Aksel Salo"
        ("Who was Ingrid Salo's husband?", "Per Lind"),  # "In 1931 she married the architect Per Lind"
    ],
)
def test_a_relative_stated_in_other_words_is_answered(trust, question, relative):
    """Measured before (the synthetic dev set's father and spouse questions, 1 of 11 and 2 of 6
    right): refused. The sentence stating the relation covered none of the focus (read as "name"),
    counted as a definition ("She was the …") and, opening with a pronoun, named nobody asked about."""
    answered(trust.ask(question), relative)


def test_where_a_person_studied_is_answered_from_the_sentence_saying_so(trust):
    """A guard (it passed before too): the schooling rule must not refuse the sentence stating it."""
    answered(trust.ask("Which academy did Ingrid Salo attend?"), "Academy of Tamra")


def test_what_someone_posted_is_not_answered_with_the_meeting(trust):
    """Measured before (sample dev q084's failure class): answered with the sentence in which the
    harbour master is only met. The post itself (p 0.096) is below this model's operating point
    (0.158), so the assistant abstains: the one thing it must not do is quote the meeting."""
    answer = trust.ask("What did Brandt post on X after meeting Varga?")
    assert "met with" not in answer.text, answer.text
    assert answer.abstained or "stay open through the winter" in answer.text, answer.text


def test_the_highest_peak_of_a_region_is_not_the_highest_of_the_country(trust):
    """Measured before (wiki dev w132's failure class): answered "Mount Teller … is the highest peak
    in southern Kessia"."""
    abstained(trust, "What is the highest mountain in Kessia?")
    answered(trust.ask("What is the highest peak in southern Kessia?"), "Mount Teller")  # a guard
