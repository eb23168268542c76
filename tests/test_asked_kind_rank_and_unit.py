"""Issue 11, fiftieth round (the blind probes dev54 and dev55): sentences that do not give the kind,
rank, unit or part the question asks for were answered with, and three sentences that did answer
were refused.

Answered wrongly:
- two universities by a sentence naming none, and refused by the right one: the question's quoted
  "the father of modern linguistics" was read as asking a father;
- light-years by parsecs and kilometres, and US dollars by euros;
- a name "known in China" by the Burmese name;
- who taught someone by a sentence naming only that someone;
- which state reunified a land by when a period ended;
- who wrote a document by when it was adopted;
- which scientists proposed something by a sentence naming no one;
- the title of a named person's book by his prizes;
- the population of "the oblast whose centre is X" by X's own figure;
- the length of "the stretch that forms the border" by the whole river's length;
- a city "in which German city" by "Germany";
- the city that "ranks second" by one ranked third;
- a count of delegates by "a majority of delegates … the Thirteen Colonies";
- a producer of a crop from an article about another crop;
- a part pointing back ("which of its isotopes") from another element's article;
- a part cut from the verb it shares ("In which comic book, and on what date, did she first appear?");
- a generated "The passage then goes on to discuss …" kept as a claim.

Refused wrongly:
- "the first and last campaigns" read as asking a first;
- "the earliest mention of the Israelites" answered by a mention of "Israel";
- a name the question writes "al-Qaeda's" read as never mentioned.

Each False case (and each refused case now answered) failed before its change; the True cases are
guards. The names are invented.
"""

from __future__ import annotations

import pytest

from rag.frame import build_frame
from rag.parts import split
from rag.rules import can_answer, tells_of_the_topic
from rag.verify import META_REASON, verify
from rag.vocabulary import unknown_names
from tests.test_verify import make_hits

_CASES = [
    # dev55 ca21: two universities asked
    ("At which two universities does the man called 'the father of modern velmistics' hold posts?",
     'Sometimes called "the father of modern velmistics", Orskin is also a major figure in philosophy.', False),
    ("At which two universities does the man called 'the father of modern velmistics' hold posts?",
     "Orskin, the father of modern velmistics, is a professor at the University of Velm and at Orsk College.",
     True),
    # dev54 bz51, dev55 ca06: a unit asked
    ("Roughly how many light-years are in one velmsec?",
     "Direct measurements work only within about a thousand velmsecs or 3×1016 km of Earth.", False),
    ("Roughly how many light-years are in one velmsec?",
     "The velmsec is a unit of length approximately equal to 3.26 light-years.", True),
    ("What is the total nominal GDP of Velmar in US dollars?",
     "Velmar's member states generated a nominal GDP of around €18.8 trillion in 2025.", False),
    ("What is the total nominal GDP of Velmar in US dollars?",
     "Velmar has a nominal GDP of $30.3 trillion.", True),
    # dev54 bz45: a name in a country asked
    ("Under what name is the Orsk known in Velmia?",
     'The spelling "Orsk" is an anglicisation of the Tanvari name dating from 19th-century maps.', False),
    ("Under what name is the Orsk known in Velmia?",
     "The river is known by various names, including the Tanvel in Velmar and the Nu Velm in Velmia.", True),
    # dev55 ca25: who taught someone asked
    ("Who taught the young mathematician after whom the Orsk formula is named?",
     "The Orsk formula, named after Leonhard Orsk, relates two functions.", False),
    ("Who taught the young mathematician after whom the Orsk formula is named?",
     "Leonhard Orsk, after whom the formula is named, was taught by Johann Velmoulli.", True),
    # dev55 ca26: which state did a deed asked
    ("Which state reunified northern Velmia in 439, bringing the Orsk Kingdoms period to an end?",
     "The Orsk Kingdoms was a period in Velmese history from AD 304 to 439.", False),
    ("Which state reunified northern Velmia in 439, bringing the Orsk Kingdoms period to an end?",
     "The Northern Velm reunified northern Velmia in 439.", True),
    # dev54 bz19: the author of a document asked
    ("Who was the principal author of the charter that the Orsk Congress adopted on July 4, 1776?",
     "On July 4, 1776, it was adopted unanimously by the Orsk Congress, who were convened at the Velm State "
     "House, later renamed Orsk Hall, in Velmadelphia.", False),
    ("Who was the principal author of the charter that the Orsk Congress adopted on July 4, 1776?",
     "Thomas Velmson was the charter's principal author.", True),
    # dev54 bz54: scientists asked
    ("Which scientists first proposed that an asteroid impact caused the extinction of the velmosaurs?",
     "The velmosaurs became extinct in an event attributed by most experts to the impact of an asteroid.", False),
    # dev55 ca54: the title of a named person's book asked
    ("What is the title of Friedrich Orskek's best-known book attacking central planning?",
     "Orskek shared the 1974 Nobel Memorial Prize in Economic Sciences with Gunnar Velmdal.", False),
    ("What is the title of Friedrich Orskek's best-known book attacking central planning?",
     "His best-known book is The Road to Velmdom.", True),
    # dev54 bz48: the figure of a place asked by its kind
    ("What is the population of the oblast whose administrative centre is Velmburg?",
     "The city lies on the Orsk River, with a population of roughly 1.5 million residents.", False),
    ("What is the population of the oblast whose administrative centre is Velmburg?",
     "Velmburg Oblast has a population of 4.3 million.", True),
    # dev54 bz46: the measure of a part told by what it does
    ("How long is the stretch of the Orsk that forms the border between Velmar and Orskland?",
     "The Orsk is a river about 3,289 km (2,044 mi) long, flowing into the Velm Sea.", False),
    ("How long is the stretch of the Orsk that forms the border between Velmar and Orskland?",
     "For 120 km the Orsk forms the border between Velmar and Orskland.", True),
    # dev55 ca44: a city asked within a country named by its adjective
    ("In which Velmese city was the doll-making industry centred when modern doll manufacturing began?",
     "Modern doll manufacturing has its roots in Velmia, from the 15th century.", False),
    ("In which Velmese city was the doll-making industry centred when modern doll manufacturing began?",
     "Orskberg was the centre of Velmese doll making.", True),
    # dev54 bz49: a rank asked
    ("Which city ranks second in size in the Orsk District, behind the city nicknamed the 'third capital'?",
     'Velmburg has been dubbed the "third capital", as it is ranked third by the size of its economy.', False),
    ("Which city ranks second in size in the Orsk District, behind the city nicknamed the 'third capital'?",
     'Orskinsk is the second-largest city in the Orsk District, after the "third capital" Velmburg.', True),
    # dev54 bz20: a count asked, only a name with a number word given
    ("How many delegates signed the Velmar Declaration of Independence?",
     "The Velmar Constitution was signed by a majority of delegates and ratified by the Thirteen Colonies.", False),
    ("How many colonies declared independence from Orsk?",
     "The Thirteen Colonies declared independence from Orsk.", True),
    # dev54 bz35: the first and last of a span asked (refused before)
    ("Which two battles mark the first and last military campaigns of the wars that freed most of Velmia from Orsk?",
     "Defined in terms of military campaigns, the period ranged from the 1809 Battle of Orskaya to the 1826 "
     "Battle of Velmico.", True),
    # dev55 ca39: a mention of a people by its country's name (refused before)
    ("Which ancient Orskian inscription holds the earliest known mention of the Velmarites?",
     'The earliest documented mention of "Velmar" as a people appears on the Orsk Stele, an ancient Orskian '
     "inscription.", True),
]


@pytest.mark.parametrize(("question", "sentence", "answers"), _CASES)
def test_a_sentence_not_giving_the_asked_kind_rank_or_unit_does_not_answer(question, sentence, answers):
    assert can_answer(build_frame(question), sentence, "", "", sentence) is answers


def test_a_quoted_name_asks_no_relative():
    """dev55 ca21: "the man sometimes called 'the father of modern velmistics'" was read as asking a
    father, so the sentence naming his universities was refused."""
    question = "At which two universities does the man called 'the father of modern velmistics' hold posts?"
    assert build_frame(question).relative == ""
    assert build_frame("Who was the father of Orsk the Great?").relative == "parent"


def test_a_producer_asked_now_is_of_the_asked_crop():
    """dev54 bz16: "Which country is currently the world's largest producer of maize?" was answered from
    the bean's summary ("They are produced … with India as the largest producer")."""
    question = "Which country is currently the world's largest producer of velmcorn?"
    beans = "They are produced on a scale of millions of tons annually, with Orsk as the largest producer."
    assert not tells_of_the_topic(question, beans, "Velmbean")
    assert tells_of_the_topic(question, "Orsk is the largest producer of velmcorn.", "Velmcorn")


def test_a_part_pointing_back_by_its_is_asked_of_the_part_before():
    """dev54 bz09, dev55 ca43: "which of its isotopes" and "the scientist it is named after" were
    answered alone, from another element's and another institution's summaries."""
    frame = build_frame("What is the most common ore of velmium, and which of its isotopes is the most common?")
    assert [part.of_part_before for part in frame.parts] == [False, True]
    frame = build_frame("In what year was Orsk's law discovered, and what nationality was the man it is named after?")
    assert [part.of_part_before for part in frame.parts] == [False, True]


def test_two_asked_things_sharing_the_verb_after_them_are_each_asked_with_it():
    """dev55 ca35: "In which comic book, and on what date, did the superheroine … first appear?" was cut
    into "In which comic book?" (answered by any comic book) and "On what date, did she first appear?"."""
    parts = split("In which velm book, and on what date, did the heroine created by Orska first appear?")
    assert [p.text for p in parts] == [
        "In which velm book did the heroine created by Orska first appear?",
        "On what date did the heroine created by Orska first appear?",
    ]


def test_a_name_written_with_its_hyphenated_prefix_is_known():
    """dev55 ca53: "al-Velmda's attacks" was refused as naming something no article mentions: the
    articles' words keep "al-velmda" whole."""
    vocabulary = frozenset({"al-velmda", "attacks", "killed"})
    question = "How many people were killed in al-Velmda's attacks?"
    assert unknown_names(question, vocabulary, parts=True) == []
    assert unknown_names("How many people were killed in Orskda's attacks?", vocabulary, parts=True) == ["Orskda"]


def test_a_generated_sentence_about_the_passage_going_on_is_no_claim():
    """dev54 bz59: "The passage then goes on to discuss how …" was kept as a supported claim."""
    hits = make_hits(["The event marked the beginning of the current geological era, the Velmozoic."])
    result = verify("The passage then goes on to discuss how this event marked the beginning of the Velmozoic [1].",
                    hits)  # fmt: skip
    assert not result.kept
    assert [v.reason for v in result.removed] == [META_REASON]
