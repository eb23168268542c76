"""Issue 11, thirty-eighth round (the blind probes dev30 and dev31): the model's "The highest
mountain in Afghanistan is K2" was verified against the Karakoram's summary (the range extends
into Afghanistan; the highest of its peaks is K2), and a paraphrase in quotation marks passed as
the passage's words; "Who designed the 1860 Henry rifle?" was answered by a sentence naming the
rifle only, "Who formulated the third law …?" by the first law's, "In what year did Malaysia gain
independence?" by Indonesia's, and "the world's largest producer of ruthenium" by India's beans.
Answerable ones were refused: a population "of around 12 million" counted no people, "a festival
called the Dionysia" named no festival, "the highest point" no mountain, "ethic value" read as
money, and a title's "(1808)" told no publication. Each case failed before its change; the names
are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.counting import counted
from rag.frame import build_frame
from rag.judge import judge
from rag.rules import can_answer
from rag.topic import names_the_extreme_kind
from rag.topic_shapes import asked_topic

DATA = Path(__file__).resolve().parent / "data"
SARN = (DATA / "summit" / "sarn-range.txt").read_text(encoding="utf-8")


def test_a_superlative_confined_to_a_name_must_be_said_of_that_name():
    # dev31 bc60: the range extends into Kessland; the highest of its peaks is not Kessland's
    claim = "The highest mountain in Kessland is Mount Eld, the second highest mountain on the continent."
    invented = judge(claim, SARN)
    assert not invented.supported and "Kessland" in invented.reason
    assert judge("Mount Eld is the highest peak in the Sarn Range.", SARN).supported
    assert not judge("The range's highest peak is Mount Eld, the second highest mountain in Valdor.", SARN).supported


def test_words_in_quotation_marks_are_the_passages_own():
    # dev28 l05: "ethics or philosophical good" for the passage's "ethic or philosophic good"
    passage = 'A vessel with "sea rank" may be termed a "rated or commissioned ship".'
    misquoted = judge('A vessel with "sea rank" may be termed a "rating or commissioning ship".', passage)
    assert not misquoted.supported and "rating or commissioning ship" in misquoted.reason
    assert judge("A vessel with “sea rank” may be termed a “rated or commissioned ship”.", passage).supported


DEEDS = [
    # dev30 bb56, bb42, dev31 bc04, bc58: the thing named, not the deed
    ("Who designed the 1870 Orsk rifle?", "The first reliable repeating rifles, the 1870 Orsk rifle and its "
     "1876 descendant the Halby rifle, superseded muskets entirely.", False),
    ("Who found the type specimen of Homo vellensis?", "Homo vellensis is an extinct species of archaic human "
     "from the Early Pleistocene of East Valdor.", False),
    ("Who is credited with coining the term vellization?", "The term vellization first appeared in the early "
     "20th century, but came into popular use in the 1990s.", False),
    # dev30 bb04: said to have happened, not by whom
    ("Who coined the Norvish word orskologie in 1822?", "The Norvish word orskologie was introduced for the "
     "study in 1822, which was derived from the Ancient Tamran word for 'old'.", False),
    ("Who designed the Halby Tower?", "The tower was designed by the engineering company of Ivo Brandt.", True),
    ("Who coined the term vellization?", "The term was coined by Mira Holt in 1901.", True),
    ("Who designed the Halby Tower?", "Ivo Brandt, who designed the Halby Tower, was born in Orsk.", True),
    # dev30 bb52: another of the numbered kind
    ("Who formulated the third law of orskodynamics?", "The notion of inner heat was introduced by Ivo Brandt as "
     "part of the formulation of the first law of orskodynamics.", False),
    ("Who formulated the third law of orskodynamics?", "The third law of orskodynamics was formulated by Ivo "
     "Brandt in 1912.", True),
]


def test_a_date_asked_of_names_is_not_answered_by_a_sentence_naming_none_of_them():
    # dev30 bb22: Indonesia's independence in the Dutch East Indies' summary, which names Malaysia elsewhere
    frame = build_frame("In what year did Ostmark gain independence from Norvia?")
    before = (
        "The Tamran East Isles was a Tamran colony comprising the modern state of Kessland, "
        "which declared independence on 17 August 1945."
    )
    sentence = "Following the Kessish War of Independence, Kessland and Tamra made peace in 1949."
    article = f"Tamran East Isles\n\n{before} {sentence} In 1824 Tamra ceded Halby to Norvia, which joined Ostmark."
    assert not can_answer(frame, sentence, "Tamran East Isles", before, article)
    own = "Ostmark was a Norvish colony. Independence came in 1966."
    assert can_answer(frame, "Independence came in 1966.", "Ostmark", "Ostmark was a Norvish colony.", own)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("In what year was vellium first isolated as a metal?", {"vellium"}),  # dev30 bb46
        ("Which country is the world's largest producer of orskite?", {"orskit"}),  # dev31 bc34
        ("To what temperature is steel typically heated when it is annealed?", {"steel"}),  # dev31 bc26
        ("What language is spoken in Ostmark?", set()),
        ("Which gas is commonly used in balloons?", set()),
        ("In which year was the treaty signed?", set()),
    ],
)
def test_the_lower_case_thing_asked_of(question, topic):
    assert asked_topic(question) == topic


def test_a_population_figure_counts_the_people_asked_for():
    # dev28 l33: "a multi-ethnic population of around 12 million as of 1618"
    frame = build_frame("Roughly how many people lived in the Vell Commonwealth as of 1618?")
    said = "At its peak the Commonwealth supported a multi-ethnic population of around 12 million as of 1618."
    assert counted(said, frame)
    assert not counted("It had a population density of 120 per square kilometre in 1618.", frame)


def test_a_festival_called_by_its_name_names_a_festival():
    # dev29 ba51: "the theatre was institutionalised there as part of a festival called the Dionysia"
    frame = build_frame("At which Halby festival was theatre institutionalised?")
    said = "The theatre was institutionalised in Halby as part of a festival called the Orskia, which honoured Eld."
    assert can_answer(frame, said)
    assert not can_answer(frame, "The theatre was institutionalised in Halby as part of a yearly festival.")


def test_the_highest_point_of_a_country_is_its_highest_mountain():
    # dev29 ba03: Dominica's summary names its "highest point", never a mountain
    ostmark = (DATA / "summit" / "ostmark.txt").read_text(encoding="utf-8")
    moss = (DATA / "summit" / "rock-moss.txt").read_text(encoding="utf-8")
    assert names_the_extreme_kind("What is the highest mountain in Ostmark?", [ostmark, moss]).tolist() == [True, False]


def test_a_term_in_quotation_marks_asks_no_money():
    # dev28 l05: "What else may an object with "ethic value" be called?" was read as asking a price
    assert build_frame('What else may an object with "sea value" be called?').unit == ""
    assert build_frame("What is the value of the Orsk contract?").unit == "money"


def test_a_title_and_its_year_tell_when_it_was_published():
    # dev28 l23: "His A New System of Chemical Philosophy (1808) presented a coherent atomic model"
    frame = build_frame("In what year did Ivo Brandt publish A Theory of Orsk Heat?")
    assert can_answer(frame, "His A Theory of Orsk Heat (1808) presented a coherent model of heat.")
    assert not can_answer(frame, "Ivo Brandt was born in Orsk in 1766 and taught in Halby from 1790.")


TOLD = [
    # dev31 bc21: "the element" is the article's own subject, not another thing discovered
    ("Who discovered vellium?", "Ivo Brandt, a Norvish chemist, discovered the element in 1844 at Halby.", True),
    ("Who discovered vellium?", "Ivo Brandt discovered the Orsk comet trail in 1844.", False),
    # dev31 bc33: "the earliest known form of the game" under Poker's title
    ("How many cards were used in the earliest known form of orskball?", "While the earliest known form of the "
     "game was played with just 20 cards, today it is usually played with a 52-card deck.", True),
    # dev30 bb09: a range states both ends
    ("What are the smallest and largest numbers of leg pairs a vellipede can have?", "The number of pairs of "
     "legs is an odd number that ranges from 15 pairs to 191 pairs.", True),
    ("What are the smallest and largest numbers of leg pairs a vellipede can have?", "Vellipedes have 15 pairs "
     "of legs.", False),
    # dev30 bb53: "after the reign of his father" tells who came before
    ("Who succeeded Orsk III on the Vellish throne?", "He is noted for restoring royal authority after the "
     "disastrous reign of his father, Orsk II.", False),
    ("Who succeeded Orsk III on the Vellish throne?", "He was succeeded by his grandson, Halvard I.", True),
    ("Who became Vell's prime minister after Brandt?", "Holt became prime minister after Brandt's death.", True),
    ("Who became Vell's prime minister after Brandt?", "Following Brandt's death, Holt became premier.", True),
    # dev30 bb45: other names are given by calling
    ("What are two other names for vellish cyclones?", "Vellish cyclones are capable of producing hail.", False),
    ("What are two other names for vellish cyclones?", "Vellish cyclones, sometimes called mid-latitude cyclones "
     "or wave cyclones, are low-pressure areas.", True),
    # dev30 bb40: a queen consort is a spouse
    ("Who was Orsk III's queen consort?", "Orsk III was King of Vell from 1327 until his death in 1377.", False),
    ("Who was Orsk III's queen consort?", "In 1328 Orsk III married Mira of Halby.", True),
    # (a synthetic question: being a queen consort names no husband)
    ("Who was the Rani of Vell's spouse?", "The queen consort of the princely state of Vell from 1843, she "
     "assumed its leadership after the outbreak of the conflict.", False),
    # dev28 l10, dev31 bc54: an office, which a kingdom's or a war's name does not hold
    ("Who was the first monarch of the Vell–Orsk Union?", "The Vell–Orsk Union, also referred to as the First "
     "Vell Republic, was a union between the Kingdom of Vell and the Grand Duchy of Orsk.", False),
    ("Who was the first monarch of the Vell–Orsk Union?", "Its first king was Halvard I, crowned in 1569.", True),
    ("Who was the first Governor-General of Tamran Indochina?", "The First Tamran War was fought in Tamran "
     "Indochina between Norvia and the forces of Ivo Brandt from 1946 until 1954.", False),
]


def test_an_extreme_asked_in_a_place_is_one_its_sentence_or_article_places_there():
    # dev31 bc60: the Karakoram's "the highest of which is K2" after "… extending into Afghanistan"
    frame = build_frame("What is the highest mountain in Kessland?")
    before = "The Sarn Range is a mountain range in Valdor, with the eastern extremities extending into Kessland."
    said = "The Sarn Range contains four great peaks, the highest of which is Mount Eld."
    assert not can_answer(frame, said, "Sarn Range", before)
    assert can_answer(frame, "Its highest point is Mount Varn, at 1,448 m.", "Kessland", "Kessland is an island.")
    assert can_answer(frame, said)  # a passage alone: the model judges


PARTS = [
    # dev31 bc50: a part of the province, named by its possessive
    ("What is the total population of Vell province?", "It is Vell's most populous metropolitan region, with an "
     "area of 11,245 square kilometers and a population of 8,782,285 as of the 2020 census.", False),
    ("What is the population of Vell?", "Vell's population was 8 million in 2020.", True),
    ("What is the capital of Vell?", "Halby is Vell's capital and largest city.", True),
    # dev31 bc14: the last one asked, and a sentence telling no last one nor an end
    ("When did the last major cavalry charge in history take place?", "As formal cavalry tactics replaced the "
     "chariot, by 360 BC the Tamran cavalry officer Ivo had written a treatise on horsemanship.", False),
    ("Who was the last emperor of the Vell Empire?", "Halvard Brenn was its last emperor.", True),
]


@pytest.mark.parametrize(("question", "sentence", "answers"), DEEDS + TOLD + PARTS)
def test_a_sentence_answers_only_what_it_tells(question, sentence, answers):
    assert can_answer(build_frame(question), sentence) is answers
