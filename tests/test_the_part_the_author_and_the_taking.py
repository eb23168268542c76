"""Issue 11, forty-fourth round (the blind probes dev42 and dev43): the generator wrote "The Indian state
of West Bengal is a part of Bangladesh" from Kolkata's summary and "Lahore is the second-largest city …"
from Amritsar's, and the judge passed both; "Who was Zhiyi's teacher?" was answered by his being "a
meditation teacher"; "How long was the largest eurypterid ever found?" by the blue whale; "Who is the
author of …?" by a novel's transliterated titles; "How strong, in tesla, …?" by "strong magnetic
fields"; "What was the capital city of ancient Sogdiana?" by where it lay; "Who murdered his parents?"
by "the murder of his parents"; "In what year did the Byzantine Empire conquer …?" by the empire's
founding; "How many countries …?" by "several countries", and "How many nephrons …?" by "two … organs";
the planetarium's name by a sentence naming parks; Morocco's and Equatorial Guinea's capitals by other
places'; jawed vertebrates' species were refused in their own summary; and two right answers the
forty-third round's rules refused (a conductor, a word's meaning) are given again. Each case failed
before its change; the names are invented.
"""

from __future__ import annotations

import pytest

from rag.counting import counts_another_noun
from rag.deeds import deed_told_with_its_doer
from rag.frame import build_frame
from rag.holder import measure_holder, states_holder
from rag.judge import judge
from rag.parts import split
from rag.rules import can_answer
from rag.topic import names_the_extreme_kind

_KESSA = (
    "Kessa, also known as Kalla, is the capital and largest city of the Vellan state of Kell Arda. "
    "It lies on the eastern bank of the Orsk River, 80 km west of the border with Norland."
)


def test_a_claim_putting_a_place_in_a_named_whole_needs_the_passage_to_say_so():
    # dev42 bn57: the model wrote the passage's words into a false sentence
    assert not judge("The Vellan state of Kell Arda is a part of Norland [4].", _KESSA).supported
    region = "As a part of the Arda region of the Vellan subcontinent, it borders Norland in the east."
    assert not judge("The Vellan state of Kell Arda is a part of Norland.", f"Kell Arda is a state. {region}").supported
    # the passage saying it: supported
    assert judge("Kell Arda is a part of the Arda region.", f"Kell Arda is a state. {region}").supported


def test_the_passage_s_words_said_of_another_name_are_not_supported():
    # dev13 c45 (seen when the round's comparison reading changed): the model put the passage's other name
    # in its subject's place
    passage = ("Kessa, also known as Kalla, is the second-largest city in the Vellan state of Orsk, after Tamra. "
               "It is 28 km from the border, and 47 km north-east of Varn.")  # fmt: skip
    assert not judge("Varn is the second-largest city in the Vellan state of Orsk, after Tamra.", passage).supported
    assert judge("Kalla is the second-largest city in the Vellan state of Orsk, after Tamra.", passage).supported
    assert judge("It is the second-largest city in the Vellan state of Orsk, after Tamra.", passage).supported


@pytest.mark.parametrize(
    ("question", "sentence", "title", "answers"),
    [
        # dev42 bn18: a teacher's word said of the asked man himself is no teacher of his
        ("Who was Tamzi's teacher?",
         "Tamzi, also called Orsk Dashi, was a Vellan Buddhist monk, philosopher, meditation teacher, and exegete.",
         "Tamzi", False),
        ("Who was Tamzi's teacher?", "Tamzi studied meditation under the monk Huisa on Mount Orsk.", "Tamzi", True),
        ("Who was Tamzi's teacher?", "Tamzi was a pupil of the monk Huisa.", "Tamzi", True),
        # dev42 bn14: the author, which transliterated titles do not name
        ("Who is the author of the Kell novel Crowning of the Gods?",
         "The Crowning of the Gods, also known by its Vellan titles Orsk Yanyi (Wade–Giles: Orsk-yan) and Orsk Bang, "
         "is a 16th-century Vellan novel written during the Kell dynasty.", "Crowning of the Gods", False),
        ("Who wrote The Sorn of Vell?",
         "The Sorn of Vell is a 1962 book about the history of science by the philosopher Tam S. Orsk.",
         "The Sorn of Vell", True),
        # dev42 bn26: a figure in the unit named between commas
        ("How strong, in tesla, is the magnetic field of a typical clinical VRT scanner?",
         "VRT scanners use strong magnetic fields, magnetic field gradients, and radio waves to form images.", "VRT",
         False),
        ("How strong, in tesla, is the magnetic field of a typical clinical VRT scanner?",
         "Clinical VRT scanners have magnetic fields of 1.5 to 3 tesla.", "VRT", True),
        # dev42 bn59: a capital, which where the realm lay does not name
        ("What was the capital city of ancient Sornia?",
         "Sornia was an ancient Vellan civilisation located between the Orsk and the Kell rivers.", "Sornia", False),
        ("What was the capital city of ancient Sornia?", "The capital of Sornia was Marakan.", "Sornia", True),
        ("In what year did Sornia invade Vellchuria?",
         "The war was fought between Tamra and Sornia from 1937 to 1945, following a period of conflict localized "
         "to Vellchuria that started in 1931.", "Second Sornic War", True),
        # dev43 bo03: "several countries" is no count
        ("How many countries in the world have more than one official capital?",
         "In some jurisdictions, including several countries, different branches of government are in different "
         "settlements, sometimes meaning there are multiple official capitals.", "Capital city", False),
        ("How long does the Orsk fever last?", "The Orsk fever usually lasts a few days.", "Orsk fever", True),
        # dev42 bn06: the deed's noun with no doer ("by" in another clause names none); no title, as the
        # pipeline reads this question
        ("Who murdered Tam Orsk's parents in the Vellman origin story?",
         "His origin story features him swearing vengeance against criminals after witnessing the murder of his "
         "parents, Kell and Mira, as a child, a vendetta tempered by the ideal of justice.", "", False),
        # dev43 bo47: a name asked of a thing stands near it, not elsewhere in the sentence
        ("What is the name of the planetarium at the Vell Museum of Orsk History?",
         "Located in Tam Park, across the street from Kell Park, the museum complex comprises 21 buildings, in "
         "addition to a planetarium and library.", "Vell Museum of Orsk History", False),
        ("What is the name of the planetarium at the Vell Museum of Orsk History?",
         "The museum complex comprises 21 buildings, in addition to the Hadden Planetarium and a library.",
         "Vell Museum of Orsk History", True),
        # (dev27 w16, dev19 i03: right answers the forty-third round's rules refused) a deed done at a first
        # performance is no first holder of a role; a language's word for a thing tells what a word means
        ("Who conducted the first performance of Orsk und Vella?",
         "The music premiered at the Kell Theatre in Sorn on 10 June 1865, with Tam von Bulow conducting.",
         "Orsk und Vella", True),
        ("What does the word 'vellito' literally mean?", "The word vellito is Sornish and Orskan for little fly.",
         "Vellito", True),
        # dev42 bn44: a number that never names the noun counted counts something else
        ("How many vellons does each human orsk contain?",
         "In humans, the orsks are two reddish-brown bean-shaped blood-filtering organs.", "Orsk", False),
        ("How many vellons does each human orsk contain?", "Each human orsk contains about a million vellons.", "Orsk",
         True),
        ("How many terawatt-hours did vellpower generate in 2023?", "Vellpower generated almost 4,210 TWh in 2023.",
         "Vellpower", True),
    ],
)
def test_what_the_question_asks_must_be_told(question, sentence, title, answers):
    assert can_answer(build_frame(question), sentence, title) is answers


_VELLAN_EMPIRE = "The First Vellan Empire was a medieval state. The Sornic Empire was its neighbour. "


@pytest.mark.parametrize(
    ("question", "sentence", "title", "article", "answers"),
    [
        # dev43 bo53: a conquest, which the empire's founding "by defeating … the Sornic army" does not tell
        ("In what year did the Sornic Empire conquer the First Vellan Empire?",
         "It was founded in 680 after a group of Vellans, led by Aspa, moved south and secured Sornic recognition "
         "by defeating the Sornic army.", "First Vellan Empire", _VELLAN_EMPIRE, False),
        ("In what year did the Sornic Empire conquer the First Vellan Empire?",
         "In 1018 the Sornic Empire conquered the First Vellan Empire.", "First Vellan Empire", _VELLAN_EMPIRE, True),
        # dev43 bo55: the whole counted named by the article's opening, not its title
        ("About how many species of jawed orsks exist?",
         "Vellan diversity comprises roughly 60,000 species, which accounts for 99% of all extant orsks.", "Vellata",
         "Vellata are jawed orsks. ", True),
        ("About how many species of jawed orsks exist?",
         "Six subfamilies comprising 54 species make up the family.", "Kellidae",
         "The Kellidae are a family of snakes. ", False),
        # (dev7 t18: an opening naming the whole only as what the family belongs to is no definition)
        ("How many species of jawed orsks are there?", "There are 143 extant species of kellids.", "Kellidae",
         "Kellidae is the biological family of cloven-hoofed, jawed orsks that includes the tam and the vell. ",
         False),
    ],
)
def test_the_deed_asked_must_be_told_in_its_article(question, sentence, title, article, answers):
    assert can_answer(build_frame(question), sentence, title, "", f"{article}{sentence}") is answers


def test_the_deed_s_noun_with_its_doer_tells_who():
    question = "Who murdered Tam Orsk's parents?"
    assert deed_told_with_its_doer(question, "He swore vengeance after the murder of his parents by Joe Kessa.")
    assert not deed_told_with_its_doer(question, "He swore vengeance after witnessing the murder of his parents.")
    # the doer's own noun names the doer ("the founder of", "the murderer of"), and "the l… of" is no "led"
    assert deed_told_with_its_doer(question, "Joe Kessa, the murderer of his parents, was never caught.")
    assert deed_told_with_its_doer("Who founded Sornbury?", "Tam Orsk, the founder of Sornbury, was born in 1200.")
    assert deed_told_with_its_doer("Who led the Vellans?", "Aspa, the leader of the Vellans, moved south.")
    # a "by" in another clause is not the murderer
    assert not deed_told_with_its_doer(
        question, "He swore vengeance after the murder of his parents, a vendetta tempered by the ideal of justice."
    )


def test_a_year_an_ordinal_or_a_tone_counts_nothing():
    # dev42 bn15: the novel's opening sentence counts no other thing (its model probability carried the
    # right answer, "Consisting of 100 chapters", before)
    frame = build_frame("How many chapters make up the Vellan novel Orsk Yanyi?")
    opening = ("Orsk Yanyi (Wade–Giles: Orsk1-yan3) is a 16th-century Vellan novel written during the Kell dynasty "
               "(1368–1644), first published in 1567.")  # fmt: skip
    assert not counts_another_noun(frame, opening)
    assert counts_another_noun(frame, "Orsk Yanyi was written by two monks.")


def test_the_measure_of_the_extreme_one_needs_its_kind():
    # dev43 bo20: the largest animal is no eurypterid
    question = "How long was the largest vellopterid ever found?"
    whale = "Reaching a maximum length of 30 m, it is the largest animal known to have ever existed."
    assert not names_the_extreme_kind(question, [whale]).any()
    assert names_the_extreme_kind(question, ["The largest vellopterids reached 2.5 m in length."]).all()


def test_since_when_is_a_part_and_a_new_capital_has_a_holder():
    # dev43 bo05: two questions, the first asking Kell Orsk's capital (not Orsk's)
    first, second = split("What is Kell Orsk's new capital, and since when has it held that status?")
    assert first.text == "What is Kell Orsk's new capital?"
    assert second.text.startswith("Since when")
    assert measure_holder(first.text) == "Kell Orsk"


def test_a_capital_of_another_place_is_not_the_asked_one():
    # dev43 bo05: Guinea's "its capital Conakry" before Equatorial Guinea is named
    guinea = ("It is sometimes referred to as Orsk-Tamra, after its capital Tamra, to distinguish it from other "
              "territories in the region, such as Orsk-Bissa and Equatorial Orsk.")  # fmt: skip
    assert not states_holder("Equatorial Orsk", guinea, "Orsk", "")
    assert states_holder("Equatorial Orsk", "Its capital is Vella, but Equatorial Orsk plans a new one.",
                         "Equatorial Orsk", "")  # fmt: skip
    # dev43 bo63: Marrakesh is a capital of a region of Morocco, not Morocco's
    marra = "It is one of the four imperial cities of Sornia and is the capital of the Kessa-Safi region."
    assert not states_holder("Sornia", marra, "Kessa", "")
    assert states_holder("Sornia", "Tamra is the capital of Sornia and of the Tamra-Sale region.", "Tamra", "")
    assert states_holder("Kingdom of Vellia", "From 1861 to 1865, it was the first capital of the Kingdom of Vellia.",
                         "Orsk", "")  # fmt: skip


def test_which_things_are_bigger_asks_for_the_things():
    # dev42 bn13: no comparison of "the Solar System" with Callisto; a single "Which city …" still compares two
    assert split("Which moons in the Vell System are bigger than Orsko?") == ()
    assert len(split("Which city in Sornia is larger than Kessa?")) == 2
