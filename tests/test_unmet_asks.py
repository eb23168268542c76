"""Issue 11, forty-sixth round (the blind probes dev46 and dev47): sentences that leave out what the
question's own wording asks for were answered with. A magazine's circulation by "an American monthly
magazine"; a garage's floor area by "space for one or two cars"; a frequency by millimetres; a
city's population by "home to roughly half the population"; diamond's hardness by beryl's; the
dimensions superstring theory needs by spacetime's; a cause by the event's toll; a founding month by
a year; when napalm was first used by when it was developed; how far A is from B by a third city's
distances; an empire's people in 1920 by its people of 1913; a first Grammy's year by an Oscar's; an
urban agglomeration's population by the city's. And three questions were refused: a
surname typed without its space ("LeGuin"), "first" read as the thing asked about, a share given
as "half the population", a real name told by "better known by his nickname" and hours counted as
"hours of sunshine … 840 per year". Each case failed before its change; the names are invented.
"""

from __future__ import annotations

import pytest

from rag.frame import build_frame
from rag.rules import can_answer
from rag.unmet_asks import leaves_the_ask_unmet

_CASES = [
    # dev46 br09: a measure asked needs a figure
    ("What is the monthly circulation of Orsk Geographic magazine?",
     "Orsk Geographic is an American monthly magazine published by Orsk Partners.", "Orsk Geographic", "", False),
    ("What is the monthly circulation of Orsk Geographic magazine?",
     "Orsk Geographic has a monthly circulation of 1.8 million copies.", "Orsk Geographic", "", True),
    # dev44 bp52: an area needs square units ("one or two cars" is a count)
    ("What is the typical floor area of a two-car orsk garage?",
     "Orsk garages typically have space for one or two cars, although three-car garages are used.",
     "Orsk garage", "", False),
    ("What is the typical floor area of a two-car orsk garage?",
     "A two-car orsk garage typically has a floor area of about 40 square metres.", "Orsk garage", "", True),
    # dev46 br10: a frequency needs hertz, not millimetres
    ("At what frequency do household orsk ovens usually operate?",
     "Orsk ovens heat food evenly in the outer 25–38 mm of a food item.", "Orsk oven", "", False),
    ("At what frequency do household orsk ovens usually operate?",
     "Household orsk ovens usually operate at 2.45 GHz.", "Orsk oven", "", True),
    # dev47 bs33: "extremely high pressure" is no pressure
    ("At roughly what pressure does orskite convert into velmite?",
     "Orskite converts to velmite under extremely high pressure and temperature.", "Orskite", "", False),
    # dev47 bs26: a share of a country's people is no population
    ("What is the population of Kessaburg?",
     "The capital and largest city is Kessaburg, which is home to roughly half the population.", "Vellany", "",
     False),
    ("What is the population of Kessaburg?",
     "Kessaburg, the capital, is home to 240,000 people.", "Vellany", "", True),
    # dev47 bs29: another mineral's hardness
    ("What is the hardness of orskite on the Mohs scale?",
     "Velmite has a hardness of 7.5–8 on the Mohs scale.", "Emberstone", "", False),
    ("What is the hardness of orskite on the Mohs scale?",
     "It has a hardness of 9 on the Mohs scale.", "Orskite", "", True),
    # dev46 br32: the dimensions of spacetime are not those a theory of strings requires
    ("How many spacetime dimensions does orsk theory require?",
     "In physics, spacetime fuses the three dimensions of space and the one dimension of time into a single "
     "four-dimensional continuum.", "Spacetime", "", False),
    # dev46 br41: the event's toll, or what another event caused, is no cause
    ("What caused the Orsk extinction event?",
     "It is the most severe known extinction event, with the extinction of 57% of biological families.",
     "Orsk extinction event", "", False),
    ("What caused the Orsk extinction event?",
     "The extinction event had a profound impact on all groups; it caused the disappearance of one third of "
     "all brachiopod families.", "Velm extinction", "", False),
    ("What caused the Orsk extinction event?",
     "The Orsk extinction event was caused by massive volcanic eruptions in Vellany.", "Orsk extinction event",
     "", True),
    # dev46 br56: a month asked needs a month
    ("In what month and year was the Orsk Geographic Society founded?",
     "The Orsk Geographic Society was founded in 1888.", "Orsk Geographic Society", "", False),
    ("In what month and year was the Orsk Geographic Society founded?",
     "The Orsk Geographic Society was founded in January 1888.", "Orsk Geographic Society", "", True),
    # dev46 br58: when it was first used, not when it was developed
    ("When was orskol first used in combat?",
     "A team led by the chemist Piet Harms developed orskol in 1942 in a secret laboratory.", "Orskol", "", False),
    ("When was orskol first used in combat?",
     "Orskol was first used in combat in 1944 in Vellany.", "Orskol", "", True),
    # dev47 bs03: another city's distances from both places
    ("How far is Kessaburg from Tamra?",
     "It is 692 kilometres to the southeast of the capital Tamra and 320 kilometres to the southeast of the "
     "state capital, Kessaburg.", "Velmora", "", False),
    ("How far is Kessaburg from Tamra?",
     "Kessaburg lies 500 kilometres east of Tamra.", "Kessaburg", "", True),
    # dev47 bs34: the people are dated 1913, the area 1920
    ("How many people lived in the Orsk Empire in 1920?",
     "By 1913, the Orsk Empire held sway over 412 million people, and by 1920, it covered 35.5 million km2.",
     "Orsk Empire", "", False),
    ("How many people lived in the Orsk Empire in 1920?",
     "By 1920, the Orsk Empire held sway over 458 million people.", "Orsk Empire", "", True),
    # dev33 be03 (a guard): the year may follow the figure
    ("What was the population of the island of Orsk in the 2021 census?",
     "The island's population as of the 2006 census was 479,105, which had then increased to 510,550 residents in "
     "the 2021 census.", "Orsk", "", True),
    # dev13 c51 (found by the round's run): where it is first mentioned, not what it is
    ("In which ancient scripture is orskma first mentioned?",
     "Orskma is an ancient Vellan concept that refers to an action, work, or deed.", "Orskma", "", False),
    ("In which ancient scripture is orskma first mentioned?",
     "Orskma is first mentioned in the Tamra Veda.", "Orskma", "", True),
    # dev47 bs16: the year of a first win, not of another prize
    ("In what year did Maren Holt win her first Orsk Award?",
     "Holt has received eleven Orsk Awards and three Emmy Awards, and an honorary Oscar in 2025.", "Maren Holt",
     "", False),
    ("In what year did Maren Holt win her first Orsk Award?",
     "Holt won her first Orsk Award in 1978.", "Maren Holt", "", True),
    # dev47 bs02: the city's figure is not its urban agglomeration's
    ("What was the population of the Kessaburg urban agglomeration at the 2011 census?",
     "The city had a population of 2.8 million according to the 2011 census, making it the twelfth-most populous "
     "urban agglomeration of Vellany.", "Kessaburg", "", False),
    ("What was the population of the Kessaburg urban agglomeration at the 2011 census?",
     "At the 2011 census the Kessaburg urban agglomeration had a population of 2,902,920.", "Kessaburg", "", True),
    # dev47 bs21: "LeGuin" is "Le Guin", not another woman
    ("What is the name of Maren LeGuin's fantasy series?",
     "She is best known for her works of speculative fiction, including the Orskwold fantasy series.",
     "Maren K. Le Guin", "Maren Kroeber Le Guin was an American author.", True),
    # dev46 br08: "first" tells when, not what is asked about
    ("At which university was orskol first developed?",
     "A team led by the chemist Piet Harms originally developed orskol in 1942 at Tamra University.", "Orskol", "",
     True),
    # dev47 bs27: "half the population" is a share
    ("What share of Vellany's population lives in Kessaburg?",
     "The capital and largest city is Kessaburg, which is home to roughly half the population.", "Vellany", "",
     True),
    # dev46 br63: "better known by his nickname" tells the real name
    ("What was Tamo's real full name?",
     "Edvar Kessa do Orsk, better known by his nickname Tamo, was a Vellan footballer.", "Tamo", "", True),
    # dev47 bs12: the hours named before the count of them
    ("How many hours of sunshine does Kessaburg get in a year?",
     "The capital, Kessaburg, receives the fewest recorded hours of sunshine of any city at only 840 per year.",
     "Vellany", "", True),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "title", "before", "answers"), _CASES)
def test_a_sentence_leaving_the_ask_unmet_does_not_answer(question, sentence, title, before, answers):
    assert can_answer(build_frame(question), sentence, title, before, f"{before} {sentence}") is answers


@pytest.mark.parametrize(
    "question",
    [
        "What was the mass extinction called?",
        "What is the main area of research of Piet Harms?",
    ],
)
def test_a_field_or_a_name_is_not_a_measure_asked(question):
    assert not leaves_the_ask_unmet(question, "Piet Harms worked on the Orsk extinction in Vellany.", "Piet Harms")
