"""Issue 11, eighteenth round: a sentence must state the event asked about, be about the thing
asked about, and a person or a capital must be read as one.

Each class was answered wrongly on the code before this round by a fresh probe of the Wikipedia
summaries (eval/probes/dev6.jsonl); the examples here are my own. The Spanish Inquisition's
abolition was answered with the year it was authorized, Iraq's independence with the years of the
Iraq War, when the Dutch first settled in South Africa with the year Dutch stopped being an
official language, and when cryptomonads were first described with when tardigrades were. "Gladys
West" was read as a place (the West), and "Baghdad is the capital and largest city in Iraq" as a
city only placed in Iraq, so both questions were refused.
"""

from __future__ import annotations

import pytest

from rag.events import leaves_out_the_asked_year
from rag.frame import build_frame
from rag.person import names_person
from rag.rules import can_answer
from rag.topic import names_a_distinctive_name, names_topic


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (  # a start dated, an end asked
            "When was the weavers' guild abolished?",
            "The guild was chartered by King Edward II in 1320 and its first masters were named in 1322.",
        ),
        ("When did the tariff war end?", "The tariff war was a trade dispute between two kingdoms during the 1880s."),
        (  # independence asked, a war in the country dated
            "When did Norland gain its independence?",
            "The Norland War was a protracted armed conflict in Norland from 1990 to 1994.",
        ),
        (  # settling asked, a language's status dated
            "When did the Portuguese first settle in Madeira?",
            "Portuguese was the only official language of Madeira until 1976, when it was joined by another.",
        ),
        # twenty-fifth round: another name's founding or birth, in apposition (measured before: both
        # state the event; the first, about a synthetic dev question, was answered once 987 read as a year)
        (
            "In what year was the Frankish Empire founded?",
            "The kingdom emerged from the Frankish Empire and rose under the House of Capet, founded in 987.",
        ),
        ("When was Alexander the Great born?", "His father Philip II, born in 382 BC, was king of Macedon."),
        # an attempt on a life is not a death
        ("When did Ronald Keller die?", "Ronald Keller survived an assassination attempt in 1981."),
        # twenty-seventh round: "assassinated" asks for a death, "formed" for a founding (answered
        # before: a dev probe's assassination with the years in office, and a trust's forming with
        # the year it was dissolved, whose companies "formed a union" in a clause after it)
        ("When was Mara Velt assassinated?", "Mara Velt served as prime minister from 1988 to 1990."),
        (
            "When was the Orlan trust formed?",
            "On 21 March 1892, the Orlan Trust was dissolved by court order, and its holdings were "
            "reorganized into companies that formed a union.",
        ),
        # when a thing existed from tells when it was founded, not who founded it
        ("Who founded the Dorin Khanate?", "The Dorin Khanate was a nomadic state that existed from c. 1465."),
        # thirty-fourth round (dev23 n45): a publication asked with its object, the years of a life given
        (
            "In what year did Tomas Arvel first publish the law named after him?",
            "Tomas Arvel (3 May 1771 – 9 July 1840) was a chemist noted for the law named after him.",
        ),
    ],
)
def test_a_sentence_dating_another_event_cannot_answer(question, sentence):
    assert not can_answer(build_frame(question), sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("When was the weavers' guild abolished?", "The guild was abolished by royal decree in 1791."),
        ("When did the tariff war end?", "The tariff war lasted from 1882 to 1889."),
        ("When did the tariff war end?", "The tariff war (1882–1889) ruined both kingdoms."),
        ("When did the kingdom collapse?", "The kingdom was dissolved in 1806."),
        ("When did Norland gain its independence?", "Norland became independent from Sweden in 1905."),
        ("When did the Portuguese first settle in Madeira?", "Portuguese sailors settled the island in 1420."),
        ("When did the Portuguese first settle in Madeira?", "The island was colonised by Portugal in 1420."),
        # the circa sentence the splitter now keeps whole
        ("When did Dante complete the poem?", "It was begun c. 1308 and completed c. 1321, before his death."),
        # the name asked about, in apposition to its own founding or birth
        ("When was the University of Oxford founded?", "The University of Oxford, founded in 1096, is the oldest."),
        ("When was Alexander the Great born?", "Alexander the Great, born in 356 BC, was king of Macedon."),
        ("When was Ulaanbaatar founded?", "The city was founded in 1639 as a nomadic Buddhist monastic centre."),
        # a pronoun subject may be the one the apposed event is stated of (measured before this
        # exception: a synthetic dev question, "When was Jodhpur founded?", was refused)
        ("When was Jodhpur founded?", "It is the capital of the Kingdom of Marwar, founded in 1459 by Rao Jodha."),
        # twenty-sixth round: other words for a death (refused before: a dev probe, "In what year
        # did Getulio Vargas die?", whose summary says "until his suicide in 1954")
        ("In what year did Anton Veli die?", "He served as governor from 1931 until his suicide in 1954."),
        ("When did King Osric die?", "Osric was King of Wessex from 1625 until his execution in 1649."),
        ("When did the poet Mara Lind die?", "Mara Lind drowned in the Baltic in 1911."),
        # twenty-seventh round (refused before: two dev probes, the Kazakh Khanate's founding and
        # the Standard Oil trust's forming, whose summaries give the years each existed)
        ("When was Mara Velt assassinated?", "She chaired the party from 1982 until her assassination in 2007."),
        ("When was the Orlan trust formed?", "The Orlan Trust was a cartel that existed from 1882 to 1911."),
        ("When was the Dorin Khanate founded?", "The Dorin Khanate was a nomadic state that existed from c. 1465."),
        # a relative "formed" asks for no founding
        ("In what year was the supernova that formed the Veil Nebula observed?", "The supernova was seen in 1054."),
        # thirty-third round (refused before: dev20 j56, Adorno's works listed with their years)
        ("In what year was Arvo's Negative Tables published?",
         "He authored numerous works, such as Kell Notes (1947) and Negative Tables (1966)."),
    ],
)
def test_a_sentence_dating_the_asked_event_may_answer(question, sentence):
    assert can_answer(build_frame(question), sentence)


@pytest.mark.parametrize(
    "question",
    ["When were diatoms first described?", "How many species of diatoms are known?", "When was paper invented?"],
)
def test_a_lower_case_thing_asked_about_must_be_named_by_the_article(question):
    thing = "diatom" if "diatom" in question else "paper"
    other = "Tardigrades are micro-animals. They were first described by Goeze in 1773; 1,300 species are known."
    about = f"The {thing}s of the lake were first described in 1703; 40 species are known. The {thing} was made."
    assert list(names_topic(question, [other, about])) == [False, True]


@pytest.mark.parametrize(
    "question", ["When was the war fought?", "When did he die?", "When did Norland gain its independence?"]
)
def test_a_when_question_about_a_named_or_pointed_to_thing_has_no_lower_case_topic(question):
    assert list(names_topic(question, ["Tardigrades are micro-animals."])) == [True]


def test_a_compass_word_ends_a_persons_name_but_opens_a_places():
    assert names_person("Surveyor Alma West was the first person to map the reef.")
    assert names_person("The plan was drafted by Oliver North.")
    assert not names_person("Settlers moved into the West Bank.")
    assert not names_person("Oil shaped the Middle East.")
    assert can_answer(
        build_frame("Who was the first person to map the reef from the air?"),
        "Surveyor Alma West was the first person to map the reef from aerial photographs.",
    )


def test_a_capital_in_a_country_is_that_countrys_capital():
    capital = build_frame("What is the capital of Norland?")
    assert can_answer(capital, "Velmar is the capital and largest city in Norland.")
    assert can_answer(capital, "Velmar is the capital of Norland.")
    # a city placed in a province is still not the province's population
    assert not can_answer(build_frame("What is the population of Hubei?"), "Wuhan is the most populous city in Hubei.")


def test_a_count_is_not_a_year():
    students = build_frame("How many students does the Velmar Academy have?")
    assert not can_answer(students, "After a quarrel between students and townspeople, teachers left Velmar in 1209.")
    assert can_answer(students, "The Velmar Academy has 24,000 students.")
    assert can_answer(students, "In 1209 the academy had 1500 students.")


def test_an_official_status_asked_must_be_stated():
    official = build_frame("What is the official language of Norland?")
    assert not can_answer(official, "Sami is a language spoken by Sami people in northern Norland.")
    assert can_answer(official, "Norwegian and Sami are the official languages of Norland.")
    assert can_answer(official, "Sami is one of the two official languages in Norland.")
    # another country's official language, in an article that names Norland elsewhere
    assert not can_answer(official, "It is the national language of Sweden and an official language of Finland.")
    assert can_answer(build_frame("Which languages are spoken in Norland?"), "Sami is spoken in northern Norland.")


# Issue 11, nineteenth round (eval/probes/dev7.jsonl, my own examples): a capital asked must be
# named as one, a keeping place or a standardisation is an asked event, and a named body doing
# the deed answers "who"
@pytest.mark.parametrize(
    ("question", "sentence", "answers"),
    [
        ("What was the capital of Old Velmar?", "Old Velmar was the first kingdom on the Velmar Peninsula.", False),
        ("What was the capital of Old Velmar?", "The capital of Old Velmar was Asadal, on the Taedong River.", True),
        ("Where is the Velmar scroll kept today?", "The Velmar scroll is a handscroll by Zhang Wen.", False),
        ("Where is the Velmar scroll kept today?", "The scroll is kept in the Palace Museum in Beijing.", True),
        ("When was the Velmar language first standardized?", "Velmar is a language created in 1972 by Ann Li.", False),
        ("When was the Velmar language first standardized?", "Velmar was standardized by ANSI in 1989.", True),
        ("Who devised the Velmar alphabet?", "It was devised by the International Velmar Association in 1886.", True),
        ("Who devised the Velmar alphabet?", "The Velmar coast is bordered by the Mediterranean Sea.", False),
    ],
)
def test_the_role_place_or_doer_asked_must_be_stated(question, sentence, answers):
    assert can_answer(build_frame(question), sentence) is answers


def test_a_realm_of_another_name_is_not_the_one_asked_about():
    """Twenty-seventh round: "Who founded the Kazakh Khanate?" (a dev probe; the summary does not
    say) was answered with "The Khanate of Bukhara was … founded by the Shaybanid dynasty": a
    "Khanate" was read as naming the one asked about. A guard: the asked khanate's own article."""
    other = "The Khanate of Velmar was a monarchy from 1501 to 1785, founded by the Orlan dynasty."
    own = "The Dorin Khanate was a nomadic state that existed from c. 1465."
    assert list(names_a_distinctive_name(("Dorin", "Khanate"), [other, own])) == [False, True]
    assert list(names_a_distinctive_name(("Sultanate",), [other])) == [True]


def test_a_question_set_in_a_year_is_not_answered_by_a_sentence_leaving_it_out():
    """Twenty-seventh round: "Which novel did Natsume Soseki publish in 1914?" (a dev probe) was
    answered with "He is considered one of the greatest writers …", though the summary dates
    "Kokoro (1914)" in another sentence. Guards: that sentence; an article that never dates a thing
    in that year (a news article's dateline is not one); a question asking when."""
    article = (
        "Aksel Rune was a Velmaran novelist. He is considered one of the greatest writers of Velmar. "
        "His major works include Orlan (1905) and Vantor (1914)."
    )
    frame = build_frame("Which novel did Aksel Rune publish in 1914?")
    assert not can_answer(frame, "He is considered one of the greatest writers of Velmar.", article=article)
    assert can_answer(frame, "His major works include Orlan (1905) and Vantor (1914).", article=article)
    dateline = "Velmar, 18 November 1914. Aksel Rune published a novel, Vantor, to wide acclaim."
    assert can_answer(frame, "Aksel Rune published a novel, Vantor, to wide acclaim.", article=dateline)
    when = build_frame("When in 1914 did Aksel Rune publish Vantor?")
    assert not leaves_out_the_asked_year(when, "Vantor was published in the spring.", article)
