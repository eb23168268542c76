import pytest

from rag.counting import counts_the_noun
from rag.extract import (
    Candidate,
    about_subject,
    conflicting,
    focus,
    matches_type,
    new_names,
    pick,
    unanswerable_reason,
)
from rag.frame import build_frame
from rag.records import Span
from rag.vocabulary import unknown_names, vocabulary


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many North Korean troops are in Russia?", "number"),
        ("What range was Ukraine allowed?", "number"),
        ("How far can Storm Shadow missiles reach?", "number"),
        ("When did Ukraine conduct its first strike?", "date"),
        ("Who is the Kremlin spokesman?", "name"),
        ("Which company builds the ATACMS?", "name"),
        ("Why did the US change its policy?", "other"),
        # a work or a place is answered by its name (measured before: "other")
        ("For which film did Sidney Poitier win the Academy Award?", "name"),
        ("In which Russian town was the arms depot?", "name"),
    ],
)
def test_answer_type(question, kind):
    assert build_frame(question).kind == kind


@pytest.mark.parametrize(
    ("kind", "sentence", "question", "expected"),
    [
        ("number", "There are around 10,000 North Korean troops now in Kursk.", "How many North Korean troops?", True),
        ("number", "Ukraine fired a volley of Storm Shadow missiles.", "How many Storm Shadow missiles?", False),
        ("number", "Officials said 50 km of road was hit.", "How many troops are there?", False),
        ("number", "They were taken to three military training sites.", "How many training sites?", True),
        ("number", "Ukraine used these missiles twice in Crimea.", "How many times did Ukraine use them?", True),
        ("number", "The council voted 31 to 12 to build it.", "How much will the tram line cost?", False),
        ("number", "It is expected to cost 640 million euros.", "How much will the tram line cost?", True),
        ("number", "The US has spent $61bn on aid.", "How much has the US spent?", True),
        ("number", "The council voted 31 to 12.", "How much support did the plan get?", True),
        ("date", "They were first developed in the 1980s.", "When were they developed?", True),
        ("date", "They were developed long ago.", "When were they developed?", False),
        # a word that begins like a month is not a date (measured before: type matched)
        ("date", "He is known for his novel Somnium and his books Astronomia nova.", "When was it published?", False),
        ("date", "The decision was welcomed by the mayor.", "When was the decision made?", False),
        ("date", "Russia may respond to the strikes.", "When will Russia respond?", False),
        ("date", "The strikes began in May.", "When did the strikes begin?", True),
        ("date", "It was signed on Nov. 21.", "When was it signed?", True),
        # a rank or a share counts nothing (measured before: type matched)
        ("number", "It was a 16th-century expedition, the first to sail around the world.",
         "How many ships set out on the expedition?", False),
        ("number", "Approximately 13.9% of Peruvians speak a Quechua language.",
         "How many people speak Quechua?", False),
        ("number", "The expedition set out with five ships.", "How many ships set out on the expedition?", True),
        # nor does a distance or a duration (measured before on wiki dev w051: type matched, and answered)
        ("number", "The nearly three-year expedition totaled 60,440 km (37,560 mi) and was the first to sail around "
         "the world.", "How many ships set out on the Magellan expedition?", False),
        ("number", "The expedition totaled 60,440 km.", "How many kilometres did the expedition cover?", True),
        ("number", "The siege lasted 40 days.", "How many days did the siege last?", True),
        ("number", "12 people died over three days.", "How many people died?", True),
        # a name of the counted thing counts only right after the number; a number before another
        # plural noun counts that noun (measured before on the cross dev set, q107: type matched, and
        # answered with the years of the Korean War)
        ("number", "Both countries proclaimed independence in 1948, and the two countries fought the Korean War "
         "from 1950 to 1953.", "How many North Korean troops are fighting for Russia?", False),
        ("number", "As many as 8,000 North Korean forces were in Kursk.", "How many North Korean troops are in Kursk?",
         True),  # a guard: the names right after the number
        ("number", "Russia deployed 10,000 soldiers.", "How many troops were deployed?", True),  # a guard: the deed
        ("number", "It wounded another 903.", "How many civilians were wounded?", True),  # a guard
        # people counted by the question's deed: "speakers" for "how many people speak" (measured
        # before on wiki dev w149: no type match, and refused)
        ("number", "It is the most widely spoken language family of the Americas, with an estimated 8–10 million "
         "speakers in 2004.", "How many people speak Quechua?", True),
        ("number", "It had 2.1 million visitors in 2019.", "How many people visited the museum?", True),
        ("number", "It has 30 million users.", "How many people use the app?", True),
        # measured before: no type match, and (at this round's operating point) refused
        ("number", "The neighbouring town of Kell has about 96,000 inhabitants.", "How many people live in Kell?",
         True),
        ("number", "Kell has 40 schools.", "How many people live in Kell?", False),  # a guard
        ("number", "It has 3 million speakers.", "How many troops speak Quechua?", False),  # a guard: troops are not
        ("number", "It has 12 dialects spoken in the Andes.", "How many people speak Quechua?", False),  # a guard
        ("name", "Kremlin spokesman Dmitry Peskov said so.", "Who is the Kremlin spokesman?", True),
        ("name", "The Kremlin spokesman said so.", "Who is the Kremlin spokesman?", False),
        ("other", "Anything at all.", "Why?", True),
        # "where" wants a place's name: a nationality is not one (measured before: type matched)
        ("other", "John Dalton was an English chemist and physicist.", "Where was John Dalton born?", False),
        ("other", "He was born in Eaglesfield, Cumberland.", "Where was John Dalton born?", True),
        # a date the question itself gives is no answer (measured before on synthetic dev
        # s-film_year-13: "The film 2001: A Space Odyssey was released in 2001" was verified)
        ("date", "The film 2001: A Space Odyssey was released in 2001.",
         "In what year was the film 2001: A Space Odyssey released?", False),
        ("date", "2001: A Space Odyssey is a 1968 epic science fiction film.",
         "In what year was the film 2001: A Space Odyssey released?", True),
        ("date", "The 2010 World Cup opened on 11 June 2010.", "When did the 2010 World Cup open?", True),  # a guard
        # a year before 1100 (measured before: no type match, and refused; dev probes p17, u12, x03)
        ("date", "The Western Empire collapsed in 476, and the imperial court disappeared.",
         "In what year did the Western Roman Empire collapse?", True),
        ("date", "A member of the Artaxiad dynasty, he ruled from 95 BC to 55 BC.",
         "In what year did Tigranes the Great's reign end?", True),
        ("date", "Particularly from AD 395, there were separate courts.", "In what year was the empire divided?", True),
        ("date", "In 1066 William invaded England.", "In what year did William invade England?", True),
        ("date", "The empire fielded 476 legions.", "In what year did the empire collapse?", False),  # guards
        ("date", "It collapsed in 476 towns at once.", "In what year did the empire collapse?", False),
        ("date", "Losses rose to 476,000 in the war.", "In what year did the empire collapse?", False),
        ("date", "Some grow up to 500 μm long.", "In what year did the empire collapse?", False),
        # "home to" states a population; a population needs no "people" beside its number (measured
        # before: neither type-matched, and Baghdad's was refused; dev probe y03)
        ("number", "Baghdad, home to over 8 million people, is the capital city.", "How many people live in Baghdad?",
         True),
        ("number", "The city has an estimated population of 8 million.", "How many people live in Baghdad?", True),
        ("number", "A strike killed 12 people in Baghdad.", "How many people live in Baghdad?", False),  # guards
        ("number", "Baghdad is home to many museums.", "How many people live in Baghdad?", False),
    ],
)  # fmt: skip
def test_matches_type(kind, sentence, question, expected):
    frame = build_frame(question)
    assert frame.kind == kind
    assert matches_type(frame, sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "question", "expected"),
    [
        ("The league is composed of 30 teams.", "How many teams play in the league?", True),
        ("Each team plays 162 games.", "How many teams play in the league?", False),
        # measured before: False (wiki dev w149, "8–10 million speakers")
        ("It has an estimated 8–10 million speakers.", "How many people speak Quechua?", True),
        ("It has an estimated 8–10 million speakers.", "How many tanks speak Quechua?", False),  # a guard
    ],
)
def test_counts_the_noun(sentence, question, expected):
    assert counts_the_noun(sentence, build_frame(question)) is expected


def test_new_names_ignores_names_the_question_already_has():
    assert new_names("Kremlin spokesman Dmitry Peskov said", "Who is the Kremlin spokesman?") == {"Dmitry", "Peskov"}


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("Who won the 2018 FIFA World Cup?", ["FIFA", "Cup"]),
        ("What did Kim Jong Un say?", ["Kim", "Jong", "Un"]),
        ("Which Polish minister welcomed it?", []),
        ("What did the North Korean troops do?", []),
    ],
)
def test_unknown_names(question, missing):
    vocab = vocabulary(["Poland's minister welcomed North Korea's move; World War III fears. What did he say?"])
    assert unknown_names(question, vocab) == missing


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # measured before: ["Gdańsk"], ["São", "Príncipe"], ["León"], ["Kādambar"]: the vocabulary
        # was read with an ASCII-only pattern, so these were refused as never mentioned
        ("What is the population of Gdańsk?", []),
        ("What is the population of São Tomé and Príncipe?", []),
        ("What is the population of León, Guanajuato?", []),
        ("Who wrote Kādambarī?", []),
        ("Who is Zbigniew Nowak?", ["Zbigniew", "Nowak"]),
    ],
)
def test_names_in_any_script_are_found_in_the_articles(question, missing):
    vocab = vocabulary(["Gdańsk has 486,492 people. São Tomé and Príncipe, León and Guanajuato. Kādambarī is a novel."])
    assert unknown_names(question, vocab) == missing


def cand(text: str, prob: float, hit: int) -> Candidate:
    return Candidate(hit, Span(0, len(text)), text, prob, prob=prob)


def test_conflicting_figures_are_all_reported_once():
    ranked = [
        cand("Nearly 12,000 North Korean troops have been sent to Russia.", 0.9, 0),
        cand("There are around 10,000 North Korean troops now in the Kursk region.", 0.85, 1),
        cand("Officials said 12,000 North Korean troops arrived.", 0.84, 2),
        cand("Blinken said as many as 8,000 North Korean forces were in Kursk.", 0.8, 3),
        cand("Some 5,000 troops far below in score.", 0.1, 4),
    ]
    picked = pick(build_frame("How many North Korean troops are in Russia?"), ranked)
    assert [c.hit_index for c in picked] == [0, 1, 3]
    assert conflicting(ranked, cand("It happened in 2022.", 0.9, 5)) == [], "years are not quantities"


def test_unanswerable_reasons():
    vocab = vocabulary(["On Monday 11 people were killed. Ukraine fired missiles in October, not September."])
    top = cand("At least 11 people were killed in this attack.", 1.0, 0)

    def reason(question: str, context: str) -> str:
        return unanswerable_reason(build_frame(question), [top], top, context, vocab)

    assert reason("How many people were killed?", "On Monday ...") == ""
    assert "count" in reason("How many Ukraine launchers were sent?", "")
    assert "september" in reason("How many were killed in September?", "October")
    assert "FIFA" in reason("Who won the FIFA cup?", "")
    assert "money" in reason("How much did the attack cost?", "")


def test_a_price_question_picks_the_sentence_with_an_amount_of_money():
    ranked = [
        cand("The Harbour City council voted 31 to 12 to build a new tram line.", 0.89, 0),
        cand("Construction is expected to cost 640 million euros.", 0.53, 0),
    ]
    price = build_frame("How much will the Harbour City tram line cost?")
    assert pick(price, ranked)[0].text.startswith("Construction")
    assert pick(build_frame("How many councillors voted for the tram line?"), ranked)[0].text.startswith("The Harbour")


def span_cand(text: str, prob: float, hit: int, start: int, next_text: str = "") -> Candidate:
    nxt = Span(start + 1000, start + 1000 + len(next_text)) if next_text else None
    return Candidate(hit, Span(start, start + len(text)), text, prob, next_text, nxt, prob=prob)


@pytest.mark.parametrize(
    ("question", "limit", "expected"),
    [
        # the best sentences, each passage's in text order, keyed by hit index
        ("Why was the tram built?", 2, {0: "B first. A second."}),
        ("Why was the tram built?", 3, {0: "B first. A second.", 1: "C third."}),
        # the best sentence holding the asked-for kind of value comes in even when it ranks low
        ("How much will the tram cost?", 2, {0: "A second.", 2: "It costs 640 million euros."}),
        # a reason question whose best sentence restates it also gets the sentence after it
        ("Why did the council vote?", 2, {0: "The council did vote. Because of traffic."}),
    ],
)
def test_focus(question, limit, expected):
    if "council vote" in question:
        ranked = [span_cand("The council did vote.", 1.0, 0, 10, "Because of traffic."), span_cand("C.", 0.5, 1, 0)]
    else:
        ranked = [
            span_cand("A second.", 0.9, 0, 50),
            span_cand("B first.", 0.8, 0, 0),
            span_cand("C third.", 0.7, 1, 0),
            span_cand("It costs 640 million euros.", 0.3, 2, 0),
        ]
    frame = build_frame(question)
    assert focus(frame, ranked, limit, pick(frame, ranked)) == expected


@pytest.mark.parametrize(
    ("sentence", "question", "expected"),
    [
        # the asked-about person's full name and a nationality are not a new name (measured before:
        # {"Lev", "Davidovich", "Russian", "Soviet"} made this sentence "answer" where he was killed)
        ("Lev Davidovich Trotsky, better known as Leon Trotsky, was a Russian revolutionary and Soviet politician.",
         "In which city was Leon Trotsky assassinated?", set()),
        ("Sidney Poitier was a Bahamian-American actor, film director and diplomat.",
         "For which film did Sidney Poitier win the Academy Award?", set()),
        ("He met Ukrainian President Volodymyr Zelensky in Kyiv.", "Who is the president of Ukraine?",
         {"President", "Volodymyr", "Zelensky", "Kyiv."}),
    ],
)  # fmt: skip
def test_new_names_are_names_the_question_does_not_already_hold(sentence, question, expected):
    assert new_names(sentence, question) == expected


@pytest.mark.parametrize(
    ("sentence", "document", "subject"),
    [
        ("He was the son of John Hunyadi.", "Matthias Corvinus\n\nMatthias Corvinus was King of Hungary.",
         "Matthias Corvinus"),
        ("He was the son of Darius the Great.", "Xerxes I\n\nXerxes I was a Persian ruler.", "Xerxes I"),
        ("In 1931 she married the architect Per Lind.", "Ingrid Salo\n\nIngrid Salo was a painter.", "Ingrid Salo"),
        # guards: a sentence naming its subject, and a news article that defines nobody
        ("Henry was king.", "Matthias Corvinus\n\nMatthias Corvinus was King of Hungary.", ""),
        ("He said the strikes would go on.", "(MENAFN- Asia Times) The lifting of US restrictions …", ""),
    ],
)  # fmt: skip
def test_a_pronoun_sentence_is_about_the_person_the_document_defines(sentence, document, subject):
    assert about_subject(sentence, document) == subject


def test_a_reader_is_told_the_subject_defined_with_an_aside():
    """Third probe: "Which Khmer king built the Bayon?" was answered "He built the Bayon as a
    monument to Buddhism" without saying who: the summary opens "Jayavarman VII, known
    posthumously as Mahaparamasaugata (1122–1218), was king …". The model's features still read
    the plain pattern (the training table is unchanged)."""
    document = "Kell VII\n\nKell VII, known posthumously as Varo (1122–1218), was king of Tamra. He built the Bayon."
    assert about_subject("He built the Bayon.", document, apposed=True) == "Kell VII"
    assert about_subject("He built the Bayon.", document) == ""
    assert about_subject("Kell built the Bayon.", document, apposed=True) == ""  # a guard: no pronoun


@pytest.mark.parametrize(
    ("doc_id", "title", "start", "text", "expected"),
    [
        # a one-word headline is not taken for a title when loading: the file name stands in, and
        # the rules read the headline line instead (synthetic dev s-population_missing-01, Belém)
        ("01001-bel-m", "01001-bel-m", 0, "Belém\n\nBelém, often called Belém of Pará, is a city.", "Belém"),
        ("abraham", "abraham", 0, "Abraham\n\nAbraham is the common Hebrew patriarch.", "Abraham"),
        # guards: a real title, a passage further into the text, a text opening with its body
        ("d1", "Tram order signed", 0, "Kell\n\nKell signed a tram order.", "Tram order signed"),
        ("01001-bel-m", "01001-bel-m", 400, "Belém\n\nIt is a port.", "01001-bel-m"),
        ("kell", "kell", 0, "Kell is a town.\n\nIt has a port.", "kell"),
    ],
)  # fmt: skip
def test_the_article_title_falls_back_to_the_headline_line(doc_id, title, start, text, expected):
    from rag.extract import article_title
    from rag.records import Chunk, Hit

    hit = Hit(Chunk(f"{doc_id}#0", doc_id, start, start + len(text), text), 1.0, 0.5, 1.0, 1, title=title)
    assert article_title(hit) == expected
