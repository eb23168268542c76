"""Sentences that come near the answer without giving it: the figure of the one ranked before the name
asked about, a first place for a second, a decade for a year, the asked kind of thing only in the
plural or counted or only defined ("An angel is …"), a time ago for a time ahead, a discovery of a
part of the thing asked about, no figure for a measure asked in a named unit, another census's
figure, another group's count, the figure of the article's own subject for a name the question asks
about, the thing a question sets aside ("Besides X, …"), a count of those using another thing than
the one asked, and a figure naming none of the asked names.
Each is a rule after the model (:func:`rag.rules.can_answer` reads :func:`near_answer_only`); none
changes what the features read.
"""

from __future__ import annotations

import difflib
import re

from rag.counting import COUNT, MEASURE_WORDS, MEASURED_UNITS, ORDINAL, quantities
from rag.extract import name_letters
from rag.frame import QuestionFrame
from rag.holder import dated_to_other_years
from rag.judge import content_words
from rag.text import MONTH_NAMES, UPPER, entity_share, fold_accents, name_key
from rag.units import UNIT_WORDS
from rag.unmet_asks import gives_no_figure, leaves_the_ask_unmet, reads_the_article_for_an_ask
from rag.unmet_names import reads_the_article_for_a_name

# "What was Ho Chi Minh City's gross regional domestic product in 2023?": the name whose figure is asked
_OWNER_Q = re.compile(r"\b((?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)['’]s\s+(?:[a-z][\w-]*\s+){0,5}?[a-z][\w-]*")
# "… at US$48 billion in 2023, behind Ho Chi Minh City": the owner named only as the one ranked before
_RANKED_BEFORE = (
    r"\b(?:behind|after|than|ahead of|second to|trailing|surpassed (?:only )?by|outranked by)\s+(?:the\s+)?"
)


def figure_of_one_ranked_before(frame: QuestionFrame, sentence: str) -> bool:
    """For a figure asked of a name ("What was Ho Chi Minh City's GRDP …?"): does ``sentence`` name
    it only as the one ranked before another, whose figure it gives ("Hanoi had the second-highest
    gross regional domestic product … at US$48 billion in 2023, behind Ho Chi Minh City")?"""
    owner = _OWNER_Q.search(frame.question)
    if frame.kind != "number" or not owner:
        return False
    name = r"\s+".join(map(re.escape, fold_accents(owner.group(1)).split()))
    text = fold_accents(sentence)
    named = [m.start() for m in re.finditer(rf"\b{name}\b", text)]
    ranked = {m.end() for m in re.finditer(_RANKED_BEFORE, text, re.IGNORECASE)}
    return bool(named) and all(start in ranked for start in named)


# "Which country is the second-largest producer of lettuce?", "Which city ranks second in size …?": a rank
# below the first
_RANK_Q = re.compile(
    r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th)[- ](?:largest|biggest|highest|most|greatest|leading|longest|"
    r"smallest|tallest|oldest|busiest|richest|deepest|populous|most[- ]\w+)\b"
    r"|\branks? (second|third|fourth|fifth|2nd|3rd|4th|5th)\b",
    re.IGNORECASE,
)
_RANK_WORDS = {"second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th"}


def rank_unstated(question: str, sentence: str) -> bool:
    """For a rank below the first ("the second-largest producer"): does ``sentence`` give no such
    rank ("… led by China with 53% of the total" tells only the first)?"""
    asked = _RANK_Q.search(question)
    if not asked:
        return False
    word = (asked.group(1) or asked.group(2)).lower()
    forms = {word, _RANK_WORDS.get(word, word)} | {k for k, v in _RANK_WORDS.items() if v == word}
    return not re.search(rf"\b(?:{'|'.join(forms)}|runners?-up)\b", sentence, re.IGNORECASE)


_DECADE = re.compile(r"\b\d{2,3}0s\b|\b\d{1,2}(?:st|nd|rd|th)[- ]century\b", re.IGNORECASE)


def a_decade_for_a_year(frame: QuestionFrame, sentence: str) -> bool:
    """For "In what year …": does ``sentence`` give only decades or centuries ("from the late 1380s
    until her death"), no year?"""
    if frame.kind != "date" or frame.focus != "year" or not _DECADE.search(sentence):
        return False
    return not re.search(r"\d", _DECADE.sub(" ", sentence))


# "Which constituency was Gladstone representing …?", "Which museum attracts the most visitors …?":
# one thing of a kind, asked by its name (not "Which of …", nor a plural "Which countries …")
_WHICH_ONE_Q = re.compile(  # also after a lead clause: "In Islamic tradition, which angel is …?"
    r"(?:^\W*|,\s*)(?i:which|what)\s+([a-z]{4,})\s+(?:is|was|are|were|has|had|did|does|do|will|[a-z]+s)\b"
)
# kinds whose one asked for is a time or a measure ("What year did the war end?" is not answered by a name)
_MEASURE_KINDS = frozenset("year date month century decade time period amount number percentage size".split())
# kinds of things with proper names, which a sentence naming nothing capitalised cannot give
_NAMED_KINDS = frozenset(
    "country city town museum team company university river lake mountain state province party club school band "
    "ship constituency island empire kingdom dynasty newspaper magazine festival airport station".split()
)
_COUNTED = r"(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|several|many|both)"
# the counted kind then named ("two languages, English and French", "three museums: …")
_THEN_NAMED = re.compile(r"\s*(?:[,:(—–]|-\s|such as\b|includ|namely\b|like\b)", re.IGNORECASE)


def names_the_kind_only_in_plural(frame: QuestionFrame, sentence: str) -> bool:
    """For "Which <thing> …?" asking one thing's name: does ``sentence`` speak of the kind only in
    the plural, counted ("representing a total of five constituencies") or, for a kind with proper
    names, naming nothing at all ("… the most visited museums in the world attracting millions of
    visitors annually")?"""
    asked = _WHICH_ONE_Q.search(frame.question)
    if frame.kind not in ("name", "other") or not asked or asked.group(1).endswith("s"):
        return False
    noun = asked.group(1)
    plural = f"{noun[:-1]}ies" if re.search(r"[^aeiou]y$", noun) else rf"{noun}e?s"
    said = list(re.finditer(rf"\b(?:{noun}|({plural}))\b", sentence, re.IGNORECASE))
    if noun in _MEASURE_KINDS or not said or any(not m.group(1) for m in said):
        return False
    counted = all(
        re.search(rf"\b{_COUNTED}\s+(?:[a-z]+\s+)?$", sentence[: m.start()], re.IGNORECASE)
        and not _THEN_NAMED.match(sentence[m.end() :])
        for m in said
    )
    names_nothing = noun in _NAMED_KINDS and not re.search(UPPER, sentence.strip()[1:])
    return counted or names_nothing


def defines_the_asked_kind(question: str, sentence: str) -> bool:
    """For "Which <thing> …?": is ``sentence`` the definition of the thing's kind ("An angel is a spiritual …
    entity" for "In Islamic tradition, which angel is identified with the Holy Spirit?"), naming none?"""
    asked = _WHICH_ONE_Q.search(question)
    if not asked or asked.group(1) in _MEASURE_KINDS:
        return False
    kind = asked.group(1)
    return bool(re.match(rf"^\W*(?:an?\s+{kind}|{kind}s)\s+(?:is|are)\s+(?:an?|any|the)\b", sentence, re.I))


# "How many years from now is the universe predicted to reach heat death?", "How long will …": a time ahead, which
# the age of the universe ("13.787 billion years ago", "has been expanding for 13.8 billion years") does not tell
_AHEAD_Q = re.compile(r"\b(?:from now|in the future|hence)\b|^\W*how (?:many|long)\b[^?]*\bwill\b", re.IGNORECASE)
_SPAN = re.compile(rf"{UNIT_WORDS['time'].pattern}(\s+ago\b)?", re.IGNORECASE)  # a span, and whether it is ago
_HAS_BEEN = re.compile(r"\b(?:has|have|had) been\b", re.IGNORECASE)
_FOR_A_FIGURE = re.compile(r"\bfor\s+(?:about\s+|nearly\s+|over\s+)?[\d.,±]+\s*(?:thousand|million|billion)?\s*$")


def tells_only_how_long_ago(question: str, sentence: str) -> bool:
    """For a time asked ahead ("… from now"): does ``sentence`` give its spans of time only as past?"""
    text = ORDINAL.sub(" ", sentence)  # "the early 20th century" is a date, no span
    spans = list(_SPAN.finditer(text)) if _AHEAD_Q.search(question) else []
    perfect = bool(_HAS_BEEN.search(text))
    return bool(spans) and all(span[1] or (perfect and _FOR_A_FIGURE.search(text[: span.start()])) for span in spans)


# figures of a measure: none counts a kind ("How many moons does Mars have?" is not answered by "Its
# mean diameter, 6,779 km (4,212 mi), is about half the Earth's, or twice the Moon's": "twice" compares)
_RATIO = re.compile(r"\b(?:twice|thrice|half)\b", re.IGNORECASE)
# measures the quantity parser reads as bare numbers: "4 m (13 ft)", "450 kg (990 lb)", "6 to 40 kg",
# "every 13 or 17 years", a map's scale "1:25,000"
_MEASURE_FIGURE = re.compile(
    r"\d[\d,.]*(?:\s*(?:to|–|-)\s*\d[\d,.]*)?\s*(?:km|mi|m|ft|feet|foot|cm|mm|kg|lbs?|oz|sq mi)(?:2|²)?(?!\w)"
    r"|\d[\d,.]*\s+(?:or|and|to)\s+\d[\d,.]*\s+(?:years|months|weeks|days|hours|minutes|seconds|decades|centuries)\b"
    r"|\b\d+\s*:\s*\d[\d,]*\b",
    re.IGNORECASE,
)


def counts_only_measures(frame: QuestionFrame, sentence: str) -> bool:
    """For "How many <kind> …?" (the kind no unit: not "How many miles …"): is every figure in
    ``sentence`` a distance, a weight, a sum, a duration or a share — the units
    :func:`rag.counting.counted` never reads as a count — so that none counts the kind?"""
    if frame.kind != "number" or not frame.count_terms or frame.count_terms & MEASURE_WORDS:
        return False
    found = quantities(_RATIO.sub(" ", ORDINAL.sub(" ", _MEASURE_FIGURE.sub(" 1 km ", sentence))))
    return bool(found) and all(unit == "pct" or unit in MEASURED_UNITS for _, unit in found)


_SUPERLATIVE = re.compile(r"\b(?:[a-z]+est|most|least|biggest|best|worst)\b")


def counts_only_the_extremes(frame: QuestionFrame, sentence: str) -> bool:
    """For "How many <kind> …?" asking no extreme: does ``sentence`` count the kind only with a
    superlative ("from the three largest species alive" for how many species are known)?"""
    counted = frame.focus.removeprefix("count of ")
    if frame.kind != "number" or frame.extreme or counted == frame.focus or _SUPERLATIVE.search(counted):
        return False
    noun = re.escape(counted.split()[-1].removesuffix("s"))
    counts = re.findall(rf"{COUNT}\s+((?:[\w-]+\s+){{0,2}}?){noun}", sentence, re.IGNORECASE)
    return bool(counts) and all(_SUPERLATIVE.search(words) for words in counts)


# "Who discovered uranium?": a sentence telling the discovery of isotopes (compounds, a part) of it
_DEED_Q = re.compile(r"^\W*who (?:first )?(discovered|isolated|identified|invented|described|named)\s+(.+?)\?", re.I)


def deed_to_a_part_of_it(question: str, sentence: str) -> bool:
    """For "Who discovered <thing>?": does ``sentence`` tell the deed done only to something of
    the thing ("Hahn and Lise Meitner discovered isotopes of … uranium")?"""
    asked = _DEED_Q.match(question)
    if not asked:
        return False
    thing = set(content_words(asked.group(2)))
    done = list(re.finditer(rf"\b{asked.group(1)}\s+(?:the\s+|an?\s+)?([a-z]+)\s+of\b", sentence, re.I))
    return bool(done) and all(not set(content_words(m.group(1))) & thing for m in done)


# "How large is Tiananmen Square in square metres?": a measure asked in a unit the question names
_IN_A_UNIT_Q = re.compile(
    r"\bin\s+(?:square\s+|cubic\s+)?(?:metres|meters|kilometres|kilometers|centimetres|centimeters|millimetres|"
    r"millimeters|miles|feet|inches|yards|km|hectares|acres|tonnes|tons|kilograms|pounds|litres|liters|gallons|"
    r"degrees|kelvin|celsius|fahrenheit|dollars|euros|pounds sterling|watts|volts|hertz|tesla)\b",
    re.IGNORECASE,
)


def measure_in_a_unit_unstated(question: str, sentence: str) -> bool:
    """For a measure asked in a unit ("How large is Tiananmen Square in square metres?"): does
    ``sentence`` hold no figure at all ("… occupy the square on the night of 3 June" gives a date)?"""
    return bool(_IN_A_UNIT_Q.search(question)) and gives_no_figure(sentence)


# "What was Luoyang's population at the 2010 census?": the census year asked
_CENSUS_Q = re.compile(r"\b(\d{4})\s+census\b|\bcensus\s+(?:of|in)\s+(\d{4})\b", re.IGNORECASE)


def figures_of_another_census(question: str, sentence: str) -> bool:
    """For a figure of a census year: does ``sentence`` date its figures to other years only ("As of
    December 31, 2018, Luoyang had a population of 6,888,500")?"""
    return dated_to_other_years({year for pair in _CENSUS_Q.findall(question) for year in pair if year}, sentence)


# "How many species belong to the weevil family Curculionidae?": a named group of living things
_TAXON_Q = re.compile(
    r"\b(?:family|subfamily|superfamily|genus|order|suborder|class|phylum|tribe|clade)\s+([A-Z][a-z]{3,})\b"
    r"|\b(?!(?:Which|What|Whose|The)\b)([A-Z][a-z]{3,})\s+(?:family|subfamily|genus|clade)\b"
)
# "What is the half-life of protactinium-231?": a designation with its number
_DESIGNATION_Q = re.compile(r"\b[a-z]{3,}-(\d{1,4})\b")


def another_named_group(question: str, sentence: str, title: str, before: str) -> bool:
    """For a question naming a group of living things or a numbered designation: do ``sentence``,
    its article's ``title`` and the sentence ``before`` it leave it out ("Approximately 97,000
    species of weevils are known" for the family Curculionidae; astatine-210's half-life for
    protactinium-231's)? False for a passage alone."""
    if not (title or before):
        return False
    text = fold_accents(f"{sentence} {title} {before}")
    taxa = [a or b for a, b in _TAXON_Q.findall(question)]
    if any(not re.search(rf"\b{taxon}\b", text, re.IGNORECASE) for taxon in taxa):
        return True
    # (the number may stand with a symbol: "231Pa")
    return any(not re.search(rf"(?<!\d){number}(?!\d)", text) for number in _DESIGNATION_Q.findall(question))


# "How many Romani people were murdered …?": people asked by a capitalised name of theirs
_NAMED_PEOPLE_Q = re.compile(r"\bhow many (?-i:([A-Z][a-z]{2,})) (?-i:[a-z]+)", re.IGNORECASE)
# a count of people told by another name: "around six million Jews", "20,000 Chinese soldiers" (not a
# year, nor a date's month: "in 1945 Germany", "3 June")
_NAMED_COUNT = re.compile(
    rf"(?<![\d,.])(?!(?:1\d{{3}}|20\d{{2}})\b){COUNT}"
    rf"(?:\s+(?:million|thousand|hundred|billion))?\s+(?:(?:more|other)\s+)?"
    rf"(?!(?i:{'|'.join(MONTH_NAMES)})\b)({UPPER}[a-z]{{2,}})"
)


def counts_people_of_another_name(question: str, sentence: str) -> bool:
    """For "How many <Name> people …?": does ``sentence`` count people by other names only, never
    naming those asked ("murdered around six million Jews" for how many Romani people)?"""
    asked = _NAMED_PEOPLE_Q.search(question)
    if not asked:
        return False
    key = name_key(asked.group(1))[:4]
    counts = _NAMED_COUNT.findall(fold_accents(sentence))
    return bool(counts) and key not in fold_accents(sentence).lower()


def _title_name(title: str) -> str:
    """The name an article's title gives, without its qualifier ("Ceres (dwarf planet)" → "Ceres")."""
    return re.sub(r"\s*\(.*\)$", "", title).strip()


def figure_of_the_title_subject(frame: QuestionFrame, sentence: str, title: str, before: str) -> bool:
    """For a figure asked of names: is ``sentence`` about its article's subject (it opens with the
    ``title``'s name), whom the question never names, while a name the question asks about is in
    neither it nor the sentence ``before`` ("Neptune orbits the Sun once every 164.8 years" for
    "How many Earth years does it take Ceres to orbit the Sun once?")?"""
    # a name for a title ("Neptune", "Ceres (dwarf planet)", or the file name "06332-neptune" a one-word
    # title is kept as), not a headline, opening the sentence
    name = name_letters(_title_name(title))
    name = name[1:] if name and name[0].isdigit() else name
    names = _names_asked_about(frame)
    if frame.kind != "number" or not names or not name or len(name) > 4:
        return False
    named_by_question = entity_share([name_key(w) for w in name], frame.question) > 0  # "cast sorn" too
    if name_letters(sentence)[: len(name)] != name or named_by_question:
        return False
    keys = [name_key(e) for e in names]
    return any(entity_share([key], f"{sentence} {title} {before}") == 0 for key in keys)


# "Besides The Wealth of Nations, what other classic book is Adam Smith known for?": one thing set aside
_BESIDES_Q = re.compile(r"^\W*(?:besides|apart from|aside from|other than|in addition to)\s+(.+?),", re.IGNORECASE)


def about_the_one_set_aside(question: str, sentence: str, title: str) -> bool:
    """For "Besides X, what other …?": is ``sentence`` about X itself (its article's ``title``), the
    one the question sets aside, telling of no other ("the other being the more diverse group
    Sauropsida" does)?"""
    aside = _BESIDES_Q.match(question)
    name = _title_name(title)
    if not (aside and name) or re.search(r"\b(?:the other|another|besides|apart from|as well as)\b", sentence, re.I):
        return False
    return fold_accents(aside.group(1)).casefold() == fold_accents(name).casefold()


# "How many countries currently use sharia as …?": what the counted ones use, speak or follow
_COUNT_OF_USERS_Q = re.compile(
    r"^\W*how many [a-z]+(?: [a-z]+)? (?:currently |still |now |today |officially )?"
    r"(?:use|speak|practi[cs]e|follow|adopt|recogni[sz]e|celebrate|observe)\s+(?:the\s+|an?\s+)?([a-z][\w-]+)",
    re.IGNORECASE,
)


def users_of_another_thing(question: str, sentence: str, title: str, before: str) -> bool:
    """For "How many countries use sharia …?": do ``sentence``, its article's ``title`` and the
    sentence ``before`` it never name what the counted ones use ("Today, civil law is the world's
    most common legal system, practiced in about 150 countries")? False for a passage alone."""
    used = _COUNT_OF_USERS_Q.match(question)
    thing = set(content_words(used.group(1))) if used else set()
    return bool(thing) and bool(title or before) and not thing & set(content_words(f"{sentence} {title} {before}"))


def figure_naming_none_asked(frame: QuestionFrame, sentence: str, title: str, before: str) -> bool:
    """For a figure asked of names: do ``sentence``, its article's ``title`` and the sentence
    ``before`` it name none of them ("A bachelor's degree is awarded upon completion of a course of
    study lasting three to six years" for a Doctor of Pharmacy)? An acronym is named by its words'
    initials ("AMNH" by the American Museum of Natural History). False for a passage alone."""
    names = _names_asked_about(frame)
    if frame.kind != "number" or not names or not (title or before):
        return False
    text = f"{title} {before} {sentence}"
    if entity_share([name_key(e) for e in names], text) > 0 or _named_in_another_spelling(names, text):
        return False
    initials = "".join(word[0] for word in re.findall(rf"{UPPER}\w*", text))
    return not any(len(e) > 1 and e.isupper() and e in initials for e in names)


def _named_in_another_spelling(names: tuple[str, ...], text: str) -> bool:
    """Does ``text`` name one of the long ``names`` spelled a little otherwise ("Paleognathae" is
    "Palaeognathae")? Their first letters differ, so their name keys do; difflib compares whole words."""
    spelled = {w.lower() for w in re.findall(r"[^\W\d_]{7,}", fold_accents(text))}
    asked = [fold_accents(n).lower() for n in names if len(n) >= 7]
    return any(difflib.get_close_matches(n, spelled, n=1, cutoff=0.9) for n in asked)


# units named after people: "in degrees Celsius" names no thing asked about ("°C" gives it)
_UNIT_NAMES = frozenset("celsius fahrenheit kelvin richter".split())


def _names_asked_about(frame: QuestionFrame) -> tuple[str, ...]:
    return tuple(e for e in frame.entities if e.casefold() not in _UNIT_NAMES)


def reads_whereabouts_near(frame: QuestionFrame) -> bool:
    """Do this module's rules (or :mod:`rag.unmet_asks`'s and :mod:`rag.unmet_names`'s) read a candidate's
    article title and the sentence before it for this question (a figure asked of names, a group or
    designation named, a thing set aside or used, a thing measured, a distance, an owner)?"""
    question = frame.question
    return bool(
        (frame.kind == "number" and _names_asked_about(frame))
        or _TAXON_Q.search(question)
        or _DESIGNATION_Q.search(question)
        or _BESIDES_Q.match(question)
        or _COUNT_OF_USERS_Q.match(question)
        or reads_the_article_for_an_ask(question)
        or reads_the_article_for_a_name(question)
    )


def near_answer_only(frame: QuestionFrame, sentence: str, title: str = "", before: str = "") -> bool:
    """Does ``sentence`` come near the answer in one of this module's ways without giving it, or leave
    out what the question's wording asks (:func:`rag.unmet_asks.leaves_the_ask_unmet`)?
    (``title``: its article's; ``before``: the sentence before it in its passage.)"""
    return (
        figure_of_one_ranked_before(frame, sentence)
        or rank_unstated(frame.question, sentence)
        or a_decade_for_a_year(frame, sentence)
        or names_the_kind_only_in_plural(frame, sentence)
        or defines_the_asked_kind(frame.question, sentence)
        or tells_only_how_long_ago(frame.question, sentence)
        or counts_only_measures(frame, sentence)
        or counts_only_the_extremes(frame, sentence)
        or deed_to_a_part_of_it(frame.question, sentence)
        or (frame.kind == "number" and measure_in_a_unit_unstated(frame.question, sentence))
        or figures_of_another_census(frame.question, sentence)
        or another_named_group(frame.question, sentence, title, before)
        or counts_people_of_another_name(frame.question, sentence)
        or figure_of_the_title_subject(frame, sentence, title, before)
        or about_the_one_set_aside(frame.question, sentence, title)
        or users_of_another_thing(frame.question, sentence, title, before)
        or figure_naming_none_asked(frame, sentence, title, before)
        or leaves_the_ask_unmet(frame.question, sentence, title, before)
    )
