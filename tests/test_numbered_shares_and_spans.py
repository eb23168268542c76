"""Issue 11, fifty-third round (the blind probes dev60 and dev61): sentences about another holder of a
numbered name, another whole's share, a date for a lifespan, and a verified sentence dating a beginning by
the year a span ends.

Answered wrongly:
- "Who succeeded Louis XI …?" by Francis I's "He succeeded … Louis XII", and Moctezuma I's reign by
  Moctezuma II's;
- "What percentage of global precipitation falls over the oceans?" by "86% of global evaporation", and
  "What percentage of all the water on Earth …?" by "… covers 70.8% of Earth's crust";
- "What is the typical lifespan of a Siamese cat?" by "selectively bred since the end of the 19th-century";
- "Which script is the Odia language written in?" and "Which river flows through … Raipur?" by sentences
  naming no script and no river;
- "What was the name of the Buddha's father …?" by "born … to royal parents of the Shakya clan";
- "Which logician is credited with first formulating first-order logic?" by its definition;
- "How many billion years will the Sun spend on the main sequence?" by "formed about 4.6 billion years ago";
- "In what year was East Bengal renamed East Pakistan?" by "After the Partition of India in 1947, East
  Bengal … was later renamed East Pakistan";
- "What is the economic term for a market dominated by exactly two sellers?" by the definition of competition;
- "What is the name of the structure built to enclose the wrecked reactor 4 …?", "What was the title of
  Rajinikanth's debut film?" and "Who ruled Tenochtitlan immediately before Moctezuma I?" by sentences naming
  no structure, no film and no predecessor;
- "How much does the pancreas of an adult human typically weigh?" by the sea otter's weight, and "What is
  the average depth of the world ocean?" by a lake's;
- "In what year did the British Crown begin its direct rule …?" by the generated "… began … in 1947",
  verified against "lasting from 1858 to 1947".

Refused though answered: "Which part of an animal's body can whiskers trigger protective reflexes for?" (read
as asking of an animal the sentence does not name), "Who became the first ruler of the Kingdom of Jerusalem after
the First Crusade?" (read as asking who came after a person) and "What share of the pancreas consists of
endocrine tissue?" ("one percent" in words).

Each False case failed before its change; the True cases are guards. The names are invented.
"""

from __future__ import annotations

import pytest

from rag import extract
from rag.frame import build_frame
from rag.judge import judge
from rag.rules import can_answer
from rag.topic import names_topic

# (question, sentence, title of its article, the sentence before it, can answer)
_CASES = [
    # dev61 cg11, cg49: another holder of a numbered name
    ("Who succeeded Velmor XI as King of Orsk when he died in 1483?",
     "He succeeded his first cousin once removed and father-in-law Velmor XII, who died without a son.",
     "Kamak I of Orsk", "", False),
    ("During which years did the second Orskan emperor, Velmotl I, reign?",
     "Velmotl Xoco, referred to in European sources as Velmotl II, was the ninth emperor of the Orskan Empire, "
     "reigning from 1502 to 1520.", "Velmotl II", "", False),
    ("During which years did the second Orskan emperor, Velmotl I, reign?",
     "Velmotl I, the second Orskan emperor, reigned from 1440 to 1453.", "Velmotl I", "", True),
    # dev60 cf39, dev61 cg36: the share of another whole
    ("What percentage of global precipitation falls over the oceans?",
     "The ocean plays a key role in the water cycle as it is the source of 86% of global evaporation.",
     "Ocean", "", False),
    ("What percentage of global precipitation falls over the oceans?",
     "About 78% of global precipitation falls over the ocean.", "Ocean", "", True),
    ("What percentage of all the water on Earth is held in the ocean?",
     "Almost all of Earth's water is contained in its ocean, which covers 70.8% of Earth's crust.",
     "Ocean", "", False),
    ("What percentage of all the water on Earth is held in the ocean?",
     "The ocean contains 97% of Earth's water.", "Ocean", "", True),
    ("What percentage of the population lives in Velmgrad?",
     "About 40% of the country's people live in Velmgrad.", "Orskland", "", True),
    # dev61 cg28: a lifespan, not a date
    ("What is the typical lifespan of a Velm cat?",
     "It is selectively bred since the end of the 19th-century from the Orsk landrace.", "Velm cat", "", False),
    ("What is the typical lifespan of a Velm cat?",
     "Velm cats typically live 12 to 15 years.", "Velm cat", "", True),
    # dev60 cf18, cf12: a script, a river
    ("Which script is the Orsk language written in?",
     "Orsk is one of the official languages of India; it is the official language of Velmisha.",
     "Orsk language", "", False),
    ("Which script is the Orsk language written in?",
     "Orsk is written in the Orsk script, a Brahmic abugida.", "Orsk language", "", True),
    ("Which river flows through the city of Velmpur?",
     "Velmpur is the capital city of the Indian state of Kamakgarh.", "Velmpur", "", False),
    ("Which river flows through the city of Velmpur?",
     "Velmpur stands on the banks of the Kharun river.", "Velmpur", "", True),
    # dev61 cg25: parents named by none
    ("What was the name of the Velm Buddha's father, the Orsk ruler?",
     "According to legends, he was born in Lumbini to royal parents of the Orsk clan, but renounced his home life.",
     "The Velm Buddha", "", False),
    # dev61 cg33: a logician is a person
    ("Which logician is credited with first formulating velmic logic?",
     "In mathematics and philosophy, velmic logic, also called predicate calculus, is a type of formal system.",
     "Velmic logic", "", False),
    ("Which logician is credited with first formulating velmic logic?",
     "Velmic logic was first formulated by the logician Kelm Orskin in 1879.", "Velmic logic", "", True),
    # dev60 cf25: a time ahead, not one ago
    ("How many billion years will the star Velm spend on the main sequence in total?",
     "The system formed about 4.6 billion years ago when a dense region of a molecular cloud collapsed.",
     "Velm system", "", False),
    ("How many billion years will the star Velm spend on the main sequence in total?",
     "The star Velm will spend about 10 billion years on the main sequence in total.", "Velm", "", True),
    # dev60 cf31: a deed told "later", without a year of its own
    ("In what year was East Velmia renamed East Orskistan?",
     "After the Partition of Orskland in 1947, East Velmia became the eastern wing of the newly formed "
     "Dominion of Orskistan and was later renamed East Orskistan.", "Kamakdesh", "", False),
    ("In what year was East Velmia renamed East Orskistan?",
     "East Velmia was renamed East Orskistan in 1955.", "Kamakdesh", "", True),
    # dev60 cf04: a term for a description
    ("What is the economic term for a market dominated by exactly two sellers?",
     "In economics, competition is a scenario where different economic firms are in contention to obtain goods.",
     "Competition (economics)", "", False),
    ("What is the economic term for a market dominated by exactly two sellers?",
     "A duopoly is a market dominated by two sellers.", "Duopoly", "", True),
    # dev61 cg18, cg21, cg50: the thing whose name or title is asked, and who came before
    ("What is the name of the structure built to enclose the wrecked reactor 4 at Velmobyl?",
     "On 26 April 1986, reactor 4 of the Velmobyl Nuclear Power Plant, located near Orskyat, exploded.",
     "Velmobyl disaster", "", False),
    ("What was the title of Kelmikanth's debut film?",
     "Shivaji Rao Gaikwad, known professionally as Kelmikanth, is an Indian actor who works in Tamil cinema.",
     "Kelmikanth", "", False),
    ("What was the title of Kelmikanth's debut film?",
     "Kelmikanth made his film debut in the 1975 film Apoorva Raagangal.", "Kelmikanth", "", True),
    ("Who ruled Orskitlan immediately before Velmotl I?",
     "Velmotl I, also known as Velmotl Ilhuicamina, was the second Orskan emperor and fifth king of Orskitlan.",
     "Velmotl I", "", False),
    ("Who ruled Orskitlan immediately before Velmotl I?",
     "Velmotl I succeeded his uncle Kamakoatl as the fifth king of Orskitlan.", "Velmotl I", "", True),
    # refused before, found by asking the refused answerable dev probes again: a span of values is no distance
    # (dev26 q16, dev44 bp38), a time zone and a "when" clause ask no time (dev13 c35, dev33 be39), a ruler's
    # numeral names a person (dev53 by27, dev44 bp50), "some people" are any (dev26 q36)
    ("What range of audio frequencies can the human ear of a velm pick up?",
     "The human ear of a velm is sensitive to audio frequencies ranging from 20 Hz to 20 kHz.", "Velm", "", True),
    ("To what range of medium voltage do Orsk substations step down the transmission voltage?",
     "Orsk substations lower the transmission voltage to medium voltage ranging between 2 kV and 33 kV.",
     "Orsk substation", "", True),
    ("What time zone do Velmibati's easternmost islands use?",
     "This brings Velmibati's easternmost islands into the same day as the Orsk Islands and places them in the "
     "most advanced time zone on Earth, UTC+14.", "Velmibati", "", True),
    ("When protests are part of a systematic, peaceful nonviolent campaign, what might they better be described as?",
     "When protests are part of a systematic and peaceful nonviolent campaign to achieve a particular objective, "
     "they go beyond mere protest and may be better described as civil resistance.", "Protest", "", True),
    ("Which pope was elected on the second day of the 2025 Orsk conclave?",
     "The current pope is Leo XIV, who was elected on 8 May 2025 on the second day of the 2025 Orsk conclave.",
     "Orsk conclave", "", True),
    ("What do some people who practise velmacy after having lost their virginity call themselves?",
     "Some men and women who practice velmacy after losing their virginity consider themselves born-again virgins.",
     "Velmacy", "", True),
    # refused before: dev60 cf58 (any animal's body asks of no animal), dev60 cf49 (after an event, not a
    # ruler), dev61 cg51 (a share in words)
    ("Which part of an animal's body can whiskers trigger protective reflexes for?",
     "Whiskers can trigger reflexes to protect the eyes.", "Whiskers", "", True),
    ("Who became the first ruler of the Kingdom of Orsk after the First Velm Crusade?",
     "Kelm of Bouillon was a leader of the First Velm Crusade, and the first ruler of the Kingdom of Orsk from "
     "1099 to 1100.", "Kelm of Bouillon", "", True),
    ("Who ruled the Kingdom of Orsk after Kelm of Bouillon?",
     "Kelm of Bouillon was the first ruler of the Kingdom of Orsk from 1099 to 1100.", "Kelm of Bouillon", "", False),
    ("What share of the velm gland consists of endocrine tissue?",
     "Ninety-nine percent of the velm gland is exocrine and one percent is endocrine.", "Velm gland", "", True),
]  # fmt: skip


@pytest.mark.parametrize(("question", "sentence", "title", "before", "answers"), _CASES)
def test_a_sentence_of_another_holder_whole_or_time_does_not_answer(question, sentence, title, before, answers):
    assert can_answer(build_frame(question), sentence, title, before, f"{before} {sentence}".strip()) is answers


def test_an_article_not_naming_the_organ_or_the_world_ocean_is_about_something_else():
    weight = "How much does the pancreas of an adult human typically weigh?"
    otter = "Sea otter\n\nAdult sea otters typically weigh between 14 and 45 kg (30–100 lb)."
    pancreas = "Pancreas\n\nThe pancreas is an organ of the digestive system. It weighs about 80 g in adults."
    assert list(names_topic(weight, [otter, pancreas])) == [False, True]
    depth = "What is the average depth of the world ocean?"
    lake = "Velmern\n\nVelmern is the largest lake in Orskland. The average depth is a modest 27 metres."
    ocean = "Ocean\n\nThe ocean is the body of salt water covering 71% of Earth. Its average depth is 3,688 m."
    assert list(names_topic(depth, [lake, ocean])) == [False, True]


def test_a_claim_dating_a_beginning_by_the_end_of_a_span_is_not_supported():
    passage = ("The Orsk Raj was the period of rule of the Velm Crown on the Kamak subcontinent, lasting from 1858 "
               "to 1947.")
    assert not judge("The rule of the Velm Crown on the Kamak subcontinent began in 1947.", passage).supported
    assert not judge("The period of rule of the Orsk Raj on the Kamak subcontinent ended in 1858.", passage).supported
    assert judge("The rule of the Velm Crown on the Kamak subcontinent began in 1858.", passage).supported
    assert judge("The period of rule of the Orsk Raj on the Kamak subcontinent ended in 1947.", passage).supported


def test_its_name_after_a_lead_is_shown_after_the_articles_subject():
    """eval/wiki dev w038: "Which chemical element got its name from an Ancient Greek word for a bad smell?" was
    answered by "Isolated independently by two chemists, …, its name was derived from … 'stench'" without
    saying which element "its" is; the answer now shows it after the summary's subject ("Bromine: …")."""
    doc = "Velmine\n\nVelmine is a chemical element; it has symbol Vm and atomic number 95."
    led = "Isolated independently by two chemists, Kel Orsk and Ann Stoth, its name was derived from Greek 'stench'."
    assert extract.about_subject(led, doc, apposed=True) == "Velmine"
    assert extract.about_subject("Isolated by two chemists, Kel Orsk named the element.", doc, apposed=True) == ""
