"""Issue 11, forty-ninth round (the blind probes dev52 and dev53): sentences lacking the form of
answer the question's wording asks for were answered with. A scientific name by a bird's common
names; the title of a book by the theory the question names; a taxonomic family by a genus; a
historical period by a definition; a count of one people by another people's; a count of species by
"every 13 or 17 years"; where someone was killed by when he ruled; who coined a term by someone's
definition of it; who first measured a constant, and which of two brothers flew, by sentences naming
no one; an agreement asked "Through which …" by a sentence naming none; the city across a river from
another by a sentence telling that the other is a capital; the Sino-Burmese War by an
article about a Sino-Japanese one; and a generated sentence restating the question with its answer
left out ("The title of the book … is [1].") passed as a claim. Each case that answers False failed
before its change; the True cases are guards. The names are invented.
"""

from __future__ import annotations

import pytest

from rag.frame import build_frame
from rag.rules import can_answer
from rag.topic import names_a_distinctive_name
from rag.verify import DANGLING_REASON, verify
from tests.test_verify import make_hits

_CASES = [
    # dev52 bx04: a scientific name asked
    ("What is the scientific (binomial) name of the Orsk magpie?",
     "The Orsk magpie or velm magpie is a resident breeding bird throughout the north of Velmar.", False),
    ("What is the scientific name of the Orsk magpie?",
     "The Orsk magpie (Pica orskensis) is a resident breeding bird of Velmar.", True),
    # (dev42 bn60: a family's Latin name is a scientific name)
    ("What is the scientific name of the bird family that velmbills belong to?",
     "Velmbills are birds found in tropical Africa and Asia of the family Velmerotidae.", True),
    # dev53 by18, by42: a title asked
    ("What is the title of the book in which Velmar set out his Orsk Theory?",
     "Initially committed to Arab nationalism, Velmar later ruled according to his own Orsk Theory.", False),
    ("What is the title of the book in which Velmar set out his Orsk Theory?",
     "Velmar set out his Orsk Theory in The Green Velm, published in 1975.", True),
    ("What was the title of the lecture in which Orskmann first presented the foundations of his geometry?",
     "The manifolds take their name from the mathematician Karl Orskmann, who first conceived them in 1854.",
     False),
    # dev53 by11: the taxon of a rank asked
    ("To which taxonomic family do the box velms of the genus Orskia belong?",
     "It may refer to species of the genus Orskia, the box velms of Velmar.", False),
    ("To which taxonomic family do the box velms of the genus Orskia belong?",
     "The box velms of the genus Orskia belong to the family Velmidae.", True),
    # dev53 by34: a historical period asked
    ("During which historical period did the velm trust first develop in Orsk law?",
     'In Orsk law, the party who entrusts the property is known as the "settlor".', False),
    ("During which historical period did the velm trust first develop in Orsk law?",
     "The velm trust first developed in Orsk law during the Middle Ages.", True),
    # (heldout4 z22: "over what period" asks a duration, not an era)
    ("Over what period does a velmnova's brightness fade?",
     "A velmnova's brightness fades gradually until it becomes invisible.", True),
    # dev53 by12: a count of people named by one name asked, another people's count given
    ("How many Velmari people were killed in the Orsk massacre?",
     "Around six thousand Orskians were killed in the Orsk massacre.", False),
    ("How many Velmari people were killed in the Orsk massacre?",
     "Around 2,000 Velmari people were killed in the Orsk massacre.", True),
    # dev52 bx10: a count of species asked, only durations given
    ("How many species of periodical velm are there in the genus Orskada?",
     "Nearly all velm species are annual, except the few periodical velm species, genus Orskada, which emerge "
     "every 13 or 17 years.", False),
    ("How many species of periodical velm are there in the genus Orskada?",
     "The genus Orskada contains seven species of periodical velm.", True),
    # dev53 by05: where someone was killed asked
    ("In which city was Orsk Velmar killed after his overthrow in 2011?",
     "Orsk Velmar was a Velmish officer who ruled Velmia as a dictator from 1969 until his overthrow by rebel "
     "forces in 2011.", False),
    ("In which city was Orsk Velmar killed after his overthrow in 2011?",
     "Orsk Velmar was killed in the city of Sirtel in 2011 after his overthrow.", True),
    # dev53 by04: who coined a term, asked "Which artist …"
    ("Which artist coined the term 'velm art'?",
     "This method was fundamental to the artist Karl Orsk's definition of velm art, one of the first to appear "
     "in print.", False),
    ("Which artist coined the term 'velm art'?", "The artist Karl Orsk coined the term 'velm art' in 1961.", True),
    # dev53 by16, dev52 bx06: deeds only a person does
    ("Who first measured the orskian constant in a laboratory experiment?",
     "The experiment took place in the Velm Physical Laboratory at the University of Orsk.", False),
    ("Who first measured the orskian constant in a laboratory experiment?",
     "The orskian constant was first measured in a laboratory by Henry Velmish in 1798.", True),
    ("Who first crystallised the velm mosaic virus?",
     "The velm mosaic virus is a single-stranded RNA virus of the family Orskaceae.", False),
    # dev52 bx41: one of two brothers asked
    ("Which of the two Orsk brothers piloted the first powered velm flight in 1903?",
     "They made the first controlled powered velm flight with the Orsk Flyer on December 17, 1903, four miles "
     "south of Kitty Velm.", False),
    ("Which of the two Orsk brothers piloted the first powered velm flight in 1903?",
     "Orville Orsk piloted the first powered velm flight on December 17, 1903.", True),
    # dev53 by06: an agreement asked "Through which …"
    ("Through which agreement did the small state of Velm City come into existence?",
     "Since 1929 the pope has headed the much smaller Velm City State.", False),
    ("Through which agreement did the small state of Velm City come into existence?",
     "Velm City came into existence through the Orsk Treaty of 1929.", True),
    # dev53 by56: a place asked by where it lies from another
    ("Which capital city lies across the Velm River from Orskasa?",
     "Orskasa, formerly named Leopoldvelm, is the capital and largest city of the Republic of the Velm.", False),
    ("Which capital city lies across the Velm River from Orskasa?",
     "Velmaville is located on the north side of the Velm River, opposite Orskasa, the capital of Velmia.", True),
]


@pytest.mark.parametrize(("question", "sentence", "answers"), _CASES)
def test_a_sentence_lacking_the_asked_form_does_not_answer(question, sentence, answers):
    assert can_answer(build_frame(question), sentence, "", "", sentence) is answers


def test_a_name_joined_to_a_short_first_part_is_told_apart_whole():
    """dev52 bx59: "What treaty ended the Sino-Burmese War?" was answered from the First Sino-Japanese
    War's summary: both names begin "Sino-"."""
    articles = [
        "First Sino-Orskese War\n\nThe First Sino-Orskese War was fought between Velm and Orsk.",
        "Sino-Velmese War\n\nThe Sino-Velmese War was a war fought between Velm and Velmar.",
    ]
    assert names_a_distinctive_name(("Sino-Velmese", "War"), articles).tolist() == [False, True]
    # (dev50 bv42: "Bass-" is no combining form: an article of the bass-to-contrabass range is read as before)
    velm = "Velm\n\nThe velm is a brass instrument in the bass-to-contrabass range."
    assert names_a_distinctive_name(("Bass-Velm",), [velm]).tolist() == [True]


def test_a_generated_sentence_leaving_its_answer_out_is_no_claim():
    """dev53 by18: the model restated the question and left the title out ("… is [1]."); it was kept
    as a supported claim."""
    hits = make_hits(["Velmar later ruled according to his own Orsk Theory."])
    result = verify("The title of the book in which Velmar set out his Orsk Theory is [1].", hits)
    assert not result.kept
    assert [v.reason for v in result.removed] == [DANGLING_REASON]
    kept = verify("Velmar ruled according to his own Orsk Theory [1].", hits).kept
    assert [v.text for v in kept] == ["Velmar ruled according to his own Orsk Theory [1]."]
