"""Questions that ask for several things: split into their parts (table tests), and each part
answered and cited on its own (over the articles in tests/data/parts and tests/data/trust).

The answer cases failed before rag/parts.py: a question of two parts was answered with one
sentence for the first part (or abstained on as a whole), and a comparison quoted the pronoun
sentences ("It flows 412 kilometres …") without saying which alternative each one is about.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.frame import build_frame
from rag.parts import Part, split
from rag.records import Chunk, Hit
from rag.retrieve import merge_hits

DATA = Path(__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # two questions joined by "and"
        (
            "How many troops has Moscow gathered in Kursk, and how many of the North Koreans there did Blinken count?",
            [Part("How many troops has Moscow gathered in Kursk?"),
             Part("How many of the North Koreans there did Blinken count?")],
        ),
        # an elliptic second question borrows the first one's verb; an elliptic first one the second's
        (
            "How many teams play in the NFL and how many in Major League Baseball?",
            [Part("How many teams play in the NFL?"), Part("How many teams play in Major League Baseball?")],
        ),
        (
            "How many plays and how many sonnets make up Shakespeare's surviving works?",
            [Part("How many plays make up Shakespeare's surviving works?"),
             Part("How many sonnets make up Shakespeare's surviving works?")],
        ),
        # a comparison: the measure of each alternative; a second question about "the longer one" is covered
        (
            "Which is longer, the Godavari or the Yamuna, and how long is the longer one?",
            [Part("What is the length of Godavari?", "Godavari"), Part("What is the length of Yamuna?", "Yamuna")],
        ),
        (
            "Which city has more inhabitants, Tel Aviv or Pittsburgh (city proper)?",
            [Part("What is the population of Tel Aviv?", "Tel Aviv"),
             Part("What is the population of Pittsburgh?", "Pittsburgh")],
        ),
        (
            "Which has the longer range, Corvid missiles or Pike rockets?",
            [Part("What is the range of Corvid missiles?", "Corvid missiles"),
             Part("What is the range of Pike rockets?", "Pike rockets")],
        ),
        (
            "Is the Nile longer than the Amazon?",
            [Part("What is the length of Nile?", "Nile"), Part("What is the length of Amazon?", "Amazon")],
        ),
        (
            "Which lake ranks higher among the world's largest lakes, Lake Winnipeg or Lake Titicaca, and what "
            "are their ranks?",
            [Part("What is the rank of Lake Winnipeg among the world's largest lakes?", "Lake Winnipeg"),
             Part("What is the rank of Lake Titicaca among the world's largest lakes?", "Lake Titicaca")],
        ),
        # coordinated items
        (
            "Who are the Polish and British foreign ministers mentioned in the coverage?",
            [Part("Who is the Polish foreign minister mentioned in the coverage?"),
             Part("Who is the British foreign minister mentioned in the coverage?")],
        ),
        (
            "In which city are both the NFL and Major League Baseball headquartered?",
            [Part("In which city is NFL headquartered?"),
             Part("In which city is Major League Baseball headquartered?")],
        ),
    ],
)  # fmt: skip
def test_a_question_of_several_parts_is_split_into_them(question, parts):
    assert list(split(question)) == parts


@pytest.mark.parametrize(
    "question",
    [
        "What range was Ukraine allowed?",
        "What did Zelensky post on X after meeting Blinken and Lammy?",
        "How many North Korean troops have been sent to Russia according to US, Ukrainian and South Korean officials?",
        "Have France and the UK allowed Ukraine to use their long-range missiles against Russia?",
        "How large were Russia's most recent missile and drone attacks on Ukraine's energy system?",
        "In which Russian town or region was the arms depot hit by ATACMS on Tuesday located?",
        "Who wrote the novel Pride and Prejudice?",
        "Which actor played the First Doctor in Doctor Who?",
        "Which launchers were used in the attack on the depot?",
    ],
)
def test_a_question_asking_one_thing_is_not_split(question):
    assert split(question) == ()
    assert build_frame(question).parts == ()


def test_a_part_that_refers_back_is_searched_with_the_earlier_parts_names():
    frame = build_frame("How long is the Sorna, and when was it first mapped?")
    first, second = frame.parts
    assert first.kind == "number" and second.kind == "date"
    assert "Sorna" in second.query and "Sorna" not in second.entities
    assert not second.followup  # a part, not a turn of a conversation


@pytest.fixture(scope="module")
def over(tmp_path_factory, embedder, assistant):
    """An assistant (the session's models) over an index of one folder of test articles."""
    from rag.index import build_index
    from rag.pipeline import Assistant
    from rag.settings import Settings
    from rag.store import read_generation

    made = {}

    def assistant_over(folder: str):
        if folder not in made:
            index_dir = tmp_path_factory.mktemp(f"{folder}-index")
            settings = Settings.load(index_dir=index_dir)
            build_index([DATA / folder], settings, embedder)
            made[folder] = Assistant(settings, embedder, assistant.generator, read_generation(index_dir))
        return made[folder]

    return assistant_over


def cited_parts(answer) -> list[str]:
    """The answer's sentences, each checked to carry a citation whose quote is exact."""
    assert not answer.abstained, answer.text
    assert all(s.citations for s in answer.sentences)
    assert all(c.quote for c in answer.citations)
    return [s.text for s in answer.sentences]


def test_each_part_of_a_two_part_question_is_answered_and_cited(over):
    answer = over("trust").ask(
        "How many people did the missile attack on Dorsk kill, and how many launchers has the ministry ordered?"
    )
    sentences = cited_parts(answer)
    assert any("killed 14 people" in s for s in sentences)
    assert any("ordered 40 Kestrel launchers" in s for s in sentences)
    assert len(answer.citations) == 2  # two passages, one per part
    assert answer.unanswered == ()


def test_the_part_the_articles_do_not_answer_is_said_and_the_other_answered(over):
    answer = over("trust").ask(
        "How many people did the missile attack on Dorsk kill, and how much did the Kestrel launchers cost?"
    )
    assert "killed 14 people" in " ".join(cited_parts(answer))
    assert answer.unanswered == ("How much did the Kestrel launchers cost?",)
    assert "cost" not in answer.text


def test_each_alternative_of_a_comparison_gets_its_own_sentence_saying_which_it_is(over):
    answer = over("parts").ask("Which is longer, the Sorna or the Vell?")
    sentences = cited_parts(answer)
    assert sentences[0].startswith("Sorna: It flows 412 kilometres")
    assert sentences[1].startswith("Vell: It runs for 238 kilometres")
    for citation, name in zip(answer.citations, ("Sorna", "Vell"), strict=True):
        assert name in answer.sources[citation.n - 1].chunk.text  # the passage names what the label says


def test_a_bare_year_part_answers_only_of_the_part_before(over):
    """Issue 11, thirty-first round (dev16 f22, dev17 g03): "Who discovered Alexander Island, and
    in which year?" was answered with a year of the Olympic Games, the bare "in which year?"
    searched alone (and here abstained whole: "in which year?" alone finds nothing). It asks the
    year of the first part's deed: a sentence telling that deed answers it though the doer is
    unknown; the fort's building years do not date a bombardment."""
    answer = over("trust").ask("Who built the harbour of Brask, and in which year?")
    assert "1788" in " ".join(cited_parts(answer))
    assert answer.unanswered == ("Who built the harbour of Brask?",)
    frame = build_frame("Which admiral bombarded Fort Harl, and in which year?")
    assert frame.parts[1].of_part_before and {"bombard", "fort", "harl"} <= frame.parts[1].words
    refused = over("trust").ask("Which admiral bombarded Fort Harl, and in which year?")
    assert refused.abstained, refused.text
    # the part is listed as it was asked, not with the part it is read with
    warned = over("trust").ask("Who warned that the fort's supply road remains exposed to flooding, and in which year?")
    assert "Mira Holt" in " ".join(cited_parts(warned)) and warned.unanswered == ("In which year?",)


def test_one_sentence_answering_two_parts_is_given_once(over):
    """"Ingrid Salo: In 1931 she married the architect Per Lind, who designed the lighthouse
    museum" answers who designed it and in which year; the second part's wording of it (without
    the name "she" stands for) was given again after the first."""
    answer = over("trust").ask("Who designed the lighthouse museum in Brask, and in which year?")
    assert len(answer.sentences) == len({c.quote for c in answer.citations}) == 1


def _hit(chunk_id: str) -> Hit:
    chunk = Chunk(chunk_id, chunk_id.split("#")[0], 0, 4, "text")
    return Hit(chunk, score=1.0, dense_score=0.5, bm25_score=1.0, rank=1)


def test_every_passage_a_part_found_is_kept_before_the_whole_questions():
    """Issue 11, thirty-fifth round (dev24 o61): "What is radium's most stable isotope, and what
    is its half-life?" crashed (IndexError). The merged passages took the whole question's in turn
    with the parts', so a part's last passage, holding its picked answer, was crowded out and the
    part was left with scored sentences but no pick. The whole question's passages only fill the
    places the parts leave."""
    first, second = (_hit("a#0"), _hit("a#1")), (_hit("b#0"), _hit("b#1"))
    whole = (_hit("c#0"), _hit("c#1"))
    merged = [h.chunk.chunk_id for h in merge_hits([first, second], limit=4, fill=whole)]
    assert merged == ["a#0", "b#0", "a#1", "b#1"]
    assert [h.chunk.chunk_id for h in merge_hits([first, (_hit("a#0"),)], limit=4, fill=whole)] == [
        "a#0", "a#1", "c#0", "c#1"
    ]


def test_a_part_pointing_back_is_answered_by_the_sentence_already_given(over):
    """Issue 11, thirty-eighth round (dev29 ba03): "What is the highest mountain in Dominica, and how
    tall is it?" gave Dominica's "the highest point is Morne Diablotins, at 1,448 m", then a moss's
    "typically 0.2–10 cm tall" for "how tall is it?": "it" is the mountain, which the sentence
    already given tells."""
    answer = over("summit").ask("What is the highest mountain in Ostmark, and how tall is it?")
    sentences = cited_parts(answer)
    assert len(sentences) == 1 and "Mount Varn, at 1,448 m" in sentences[0]
    assert "moss" not in answer.text.lower() and answer.unanswered == ()
