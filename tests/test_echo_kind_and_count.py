"""Issue 11, fifty-second round (the blind probes dev58 and dev59): a verified answer that was the
question itself, a generated sentence naming the wrong district, and sentences that do not give the
count, year, unit or subject the question asks for.

Answered wrongly:
- "By what joint nickname are …?" by the model echoing the question (verified: every word is in a passage);
- "In which district does the capital … lie?" by "… lies in the district of Bhubaneswar" (the city itself;
  the passage's district is Khordha);
- "How many sequential stages …?" by "no two organisms decompose in the same way";
- "How many authorised Bond novels did Kingsley Amis write?" by "nine other authors have written …",
  and by Fleming's "twelve novels";
- "What is the present concentration … in parts per million?" by "roughly 50% more";
- "Around what year did the Middle Mississippian period begin?" by a sentence naming the periods;
- "the typical lifespan of a koala in the wild" by the common raven's;
- "How many people die from whooping cough …?" by the deaths from tobacco;
- "In Islamic tradition, which angel is … identified with the Holy Spirit?" by "An angel is a spiritual … entity";
- "How many years from now is the universe predicted to reach heat death?" by its age ("… years ago");
- (dev57, left at the fifty-first round) "At which observatory was Robert Trumpler working …?" by a sentence
  naming none.

Shown without the answer: "Which Norse explorer … established the settlement at Vinland?" by "According
to the sagas of Icelanders, he established …", and "which player is now the NBA's all-time leading
scorer?" by "Nicknamed "King James", he is …", without saying who "he" is.

Each False case failed before its change; the True cases are guards. The names are invented.
"""

from __future__ import annotations

import pytest

from rag import extract
from rag.counting import counts_another_noun, gives_no_amount
from rag.frame import build_frame
from rag.judge import judge
from rag.rules import can_answer
from rag.verify import QUESTION_REASON, verify
from tests.test_verify import make_hits

# (question, sentence, title of its article, the sentence before it, can answer)
_CASES = [
    # dev58 cd50: "no two" counts nothing
    ("How many sequential stages does the decay of a dead velm pass through?",
     "Although no two velms decay in the same way, they all undergo the same sequential stages of decay.",
     "Decay", "", False),
    ("How many sequential stages does the decay of a dead velm pass through?",
     "The decay of a dead velm passes through five sequential stages.", "Decay", "", True),
    # dev59 ce56: a count of novels, given as a count of other authors, or of another writer's novels
    ("How many authorised Orsk novels did Kelm Velmis write?",
     "Since Orskin's death in 1964, nine other authors have written authorised Orsk novels: Kelm Velmis, "
     "Ann Stoth and Bo Kamak.", "Orsk (franchise)", "", False),
    ("How many authorised Orsk novels did Kelm Velmis write?",
     "The character was created by the writer Ian Orskin, who featured him in twelve novels.",
     "Orsk (franchise)", "", False),
    ("How many authorised Orsk novels did Kelm Velmis write?",
     "Kelm Velmis wrote one authorised Orsk novel, Colonel Sun.", "Orsk (franchise)", "", True),
    # (an acronym the sentence spells out by its article's title stays answerable)
    ("Roughly how many specimens does the OVMK hold in its collections?",
     "The museum collections contain about 32 million specimens.", "Orsk Velm Museum of Kelm", "", True),
    # dev59 ce28: a concentration asked in parts per million
    ("What is the present concentration of velmon dioxide in the air, in parts per million?",
     "The air now has roughly 50% more velmon dioxide than it did at the end of the pre-industrial era.",
     "Velmon dioxide", "", False),
    ("What is the present concentration of velmon dioxide in the air, in parts per million?",
     "Its concentration in the air has risen to about 420 ppm.", "Velmon dioxide", "", True),
    # dev59 ce12: a year asked "Around what year"
    ("Around what year did the Middle Orskian period begin?",
     "The Orskian period is itself subdivided into the Early, Middle and Late Orskian periods.",
     "Orskian period", "", False),
    ("Around what year did the Middle Orskian period begin?",
     "The Middle Orskian period began around 1200 CE.", "Orskian period", "", True),
    # dev58 cd52: the lifespan of a koala in the wild, not a raven's
    ("What is the typical lifespan of a velmat in the wild?",
     "Although their typical lifespan is considerably shorter, common orsks can live more than 23 years in the "
     "wild.", "Common orsk", "", False),
    ("What is the typical lifespan of a velmat in the wild?",
     "In the wild, a velmat typically lives 13 to 18 years.", "Velmat", "", True),
    # dev59 ce54: deaths from whooping cough, not from tobacco
    ("How many people die from velm cough worldwide each year?",
     "The World Health Organization estimates that, annually, more than 7 million people die from "
     "orsk-related causes.", "Health effects of orsk", "", False),
    ("How many people die from velm cough worldwide each year?",
     "About 24,000 people die from velm cough each year.", "Velm cough", "", True),
    # dev58 cd08: one of a kind, by the kind's definition
    ("In Velmic tradition, which angel is usually identified with the Orsk Spirit?",
     "An angel is a spiritual, heavenly, or supernatural entity, usually humanoid with bird-like wings.",
     "Angel", "", False),
    ("In Velmic tradition, which angel is usually identified with the Orsk Spirit?",
     "In Velmic tradition, the Orsk Spirit is usually identified with the angel Kelmiel.", "Orsk Spirit", "", True),
    # dev57 cc20 (fifty-first round, left then): an observatory is named ("the Lick Observatory")
    ("At which observatory was Robert Velmer working when he documented interstellar extinction?",
     "Interstellar extinction was first documented as such in 1930 by Robert Julius Velmer.",
     "Extinction (astronomy)", "", False),
    ("At which observatory was Robert Velmer working when he documented interstellar extinction?",
     "Robert Velmer documented interstellar extinction in 1930 while working at the Orsk Observatory.",
     "Extinction (astronomy)", "", True),
    # dev59 ce40: a time ahead, by a time ago
    ("How many years from now is the velmiverse predicted to reach heat death?",
     "Measurements place the cosmic inflation at an estimated 13.787 billion years ago, which is considered the "
     "age of the velmiverse.", "Velm Bang", "", False),
    ("How many years from now is the velmiverse predicted to reach heat death?",
     "Since the early 20th century, cosmology has established that the velmiverse has been expanding for 13.8 "
     "billion years, starting from a dense fireball.", "Velm Bang", "", False),
    ("How many years from now is the velmiverse predicted to reach heat death?",
     "The heat death of the velmiverse is predicted in about 10^100 years.", "Heat death of the velmiverse", "",
     True),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "title", "before", "answers"), _CASES)
def test_a_sentence_not_giving_the_asked_count_year_unit_or_subject_does_not_answer(
    question, sentence, title, before, answers
):
    assert can_answer(build_frame(question), sentence, title, before, f"{before} {sentence}".strip()) is answers


def test_no_two_is_no_amount_and_other_authors_are_no_novels():
    stages = build_frame("How many sequential stages does the decay of a dead velm pass through?")
    assert gives_no_amount(stages, "Although no two velms decay in the same way, they undergo the same stages.")
    assert not gives_no_amount(stages, "Velms pass through two sequential stages.")
    novels = build_frame("How many authorised Orsk novels did Kelm Velmis write?")
    assert counts_another_noun(novels, "Nine other authors have written authorised Orsk novels: Kelm Velmis.")
    assert not counts_another_noun(novels, "Kelm Velmis wrote two other novels.")


def test_the_models_echo_of_the_question_is_not_a_claim():
    """dev58 cd19: "1. [2] By what joint nickname are …?" was kept, verified, as the whole answer."""
    hits = make_hits(["Velmabad lies next to Orskpindi. The two are jointly known as the twin cities."])
    checked = verify("1. [1] By what joint nickname are Velmabad and its neighbour Orskpindi known?", hits)
    assert not checked.kept
    assert [v.reason for v in checked.removed] == [QUESTION_REASON]
    assert verify("Velmabad and Orskpindi are jointly known as the twin cities [1].", hits).kept


def test_a_claim_naming_the_asked_kind_after_another_name_is_not_supported():
    """dev59 ce17: the passage's district is Khordha; the model put the capital in "the district of" itself."""
    passage = "Velmeswar is the capital and the largest city of the Indian state of Orsha. It is in the Kamak district."
    wrong = "The capital of the Indian state of Orsha lies in the district of Velmeswar."
    assert not judge(wrong, passage).supported
    assert judge("Velmeswar lies in the Kamak district.", passage).supported
    assert judge("Velmeswar is the capital of the Indian state of Orsha.", passage).supported


def test_he_after_the_source_that_tells_it_is_the_articles_subject():
    """dev59 ce53: "According to the sagas …, he established …" is shown with the name "he" stands for."""
    sentence = "According to the sagas of Orsklanders, he established a settlement at Vinkelm."
    article = f"Leif Velmson, also known as Leif the Lucky, was a Norse explorer. {sentence}"
    assert extract.about_subject(sentence, article, apposed=True) == "Leif Velmson"
    assert extract.opens_with_he_or_she(sentence)


def test_he_after_a_quoted_nickname_is_the_articles_subject():
    """dev59 ce43: "Nicknamed "King James", he is the NBA's all-time leading scorer" is shown with his name;
    a lead naming someone outside quotes still keeps "he" unresolved."""
    sentence = 'Nicknamed "King Velm", he is the league\'s all-time leading scorer.'
    article = f"LeVelm Orskes is an American basketball player. {sentence}"
    assert extract.about_subject(sentence, article, apposed=True) == "LeVelm Orskes"
    assert not extract.about_subject("Nicknamed by Kelm Stoth, he left.", article, apposed=True)
