"""Sentences that leave out what the question's own wording asks for: a figure for a measure ("What
is the monthly circulation of …?" answered by "an American monthly magazine"), the thing measured
("the hardness of diamond" answered by beryl's), a cause, a month, the deed dated ("first used"
answered by when it was developed), the place a distance is asked from, the year of a count of people,
a first win, the unit of a place (an urban agglomeration, not the city), a name in a language, a version,
a century, the first one's deed and a numbered part of a text (an article of a declaration). Each is a
rule after the model (:func:`rag.rules.can_answer` reads :func:`leaves_the_ask_unmet` through
:func:`rag.near_answers.near_answer_only`); none changes what the features read.
"""

from __future__ import annotations

import re

from rag.judge import content_words
from rag.judge_dates import without_a_lone_date
from rag.judge_rules import WORD_NUMBERS
from rag.text import MONTH_PATTERN, ORDINAL_WORDS, YEAR, YEAR_PATTERN, fold_accents
from rag.units import UNIT_WORDS

# Measures whose answer is a figure: "What is the monthly circulation of National Geographic?" is not
# answered by "an American monthly magazine", nor "At roughly what pressure …" by "extremely high pressure"
_MEASURE = (
    r"hardness|circulation|readership|area|pressure|temperature|frequency|population|speed|velocity|weight|mass|"
    r"density|height|length|depth|width|diameter|radius|volume|price|cost|budget|revenue|salary|wingspan|lifespan|"
    r"life expectancy|capacity|voltage|wattage|elevation|altitude|distance|boiling point|melting point|attendance|"
    r"enrollment|enrolment|wavelength|half-life|magnitude|luminosity|orbital period|dose|dosage"
)
# "the main area of research" is a field, not a measure
_NOT_A_MEASURE = re.compile(r"^area of (?:study|research|expertise|interest|focus|work|speciali[sz]ation|law)\b")
_MEASURE_Q = re.compile(
    rf"^\W*(?:what|which) (?:is|was|are|were) (?:the |its |their |[A-Z][\w.-]*(?: [A-Z][\w.-]*)*['’]s )?"
    rf"(?:(?!of\b)[\w-]+ ){{0,2}}?(({_MEASURE})(?:\s+(?:of|in|on|at|for|per|when|during)\b.*|\s*\?.*)?$)"
    rf"|^\W*at (?:about |roughly |approximately |around |exactly )?what (({_MEASURE})\b.*)",
    re.IGNORECASE,
)
# the measures a figure alone does not give: an area needs square units, a frequency hertz
_NEEDS_UNIT = {
    "area": UNIT_WORDS["area"],
    "temperature": UNIT_WORDS["temperature"],
    "speed": UNIT_WORDS["speed"],
    "velocity": UNIT_WORDS["speed"],
    "frequency": re.compile(r"\d\s*(?:[kMGT]?Hz)\b|\bhertz\b|\b(?:kilo|mega|giga)hertz\b", re.IGNORECASE),
    # a mass per volume ("6.162 g/cm3", "kilograms per cubic metre"), not an atomic number; or, for a
    # population density, a count per area ("299/km2", "775 per square mile")
    "density": re.compile(
        r"\d\s*(?:k?g|t)\s*/\s*(?:c?m|l|dm|ml)(?:3|³)?(?!\w)"
        r"|\b(?:grams?|kilograms?|tonnes?|pounds?) per (?:cubic|litre|liter)"
        r"|/\s*(?:km|mi|sq\s*mi)(?:2|²)?(?!\w)|\bper (?:square|sq\b|km2|km²)",
        re.IGNORECASE,
    ),
}
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?)\b",
    re.IGNORECASE,
)


def _measure_asked(question: str) -> str:
    """The measure a "What is the … <measure> of …" or "At what <measure> …" question asks, or ""."""
    found = _MEASURE_Q.match(question.strip())
    if not found:
        return ""
    asked, measure = found.group(1, 2) if found.group(1) else found.group(3, 4)
    return "" if _NOT_A_MEASURE.match(asked.lower()) else measure.lower()


def no_figure_for_a_measure(question: str, sentence: str) -> bool:
    """For a measure asked ("What is the typical floor area of …?"): does ``sentence`` give no
    figure for it (a lone date is none; an area, temperature, speed or frequency needs its unit)?"""
    measure = _measure_asked(question)
    if not measure:
        return False
    if measure in _NEEDS_UNIT:
        return not _NEEDS_UNIT[measure].search(sentence)
    return gives_no_figure(sentence)


def gives_no_figure(sentence: str) -> bool:
    """Does ``sentence`` give no figure at all (digits or a number word; a lone date is none)?"""
    figures = without_a_lone_date(sentence)
    return not (re.search(r"\d", figures) or _NUMBER_WORD.search(figures))


# "What is the hardness of diamond on the Mohs scale?", "How many spacetime dimensions does
# superstring theory require?": the lower-case thing measured or counted ("the city" points back)
_POINTS_BACK = r"(?!(?:the|its|their|this|that|these|those|it|they|his|her|an?|one|each|every)\b)"
_MEASURED_THING_Q = re.compile(
    rf"^\W*(?i:what|which) (?i:is|was|are|were) the (?:[\w-]+ ){{0,2}}?(?i:{_MEASURE}) of {_POINTS_BACK}"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+)?)(?:\s+(?:on|in|at|under|when|during)\b[^?]*)?\s*\??\s*$"
    rf"|^\W*(?i:how many) [\w-]+(?: [\w-]+)? (?i:does|do|did) {_POINTS_BACK}"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+)?) (?:require|need|have|use|contain|predict|posit|include)\b"
    # "What percentage of all sedimentary rocks is limestone?" (not answered by sandstone's share)
    r"|^\W*(?i:what) (?i:percentage|percent|proportion|share|fraction) of .+? (?i:is|are|was|were) "
    rf"{_POINTS_BACK}([a-z][a-z-]+(?: [a-z][a-z-]+)?)\s*\??\s*$"
)


def measured_thing_unnamed(question: str, sentence: str, title: str, before: str) -> bool:
    """Is the lower-case thing whose measure or count is asked named by none of ``sentence``, its
    article's ``title`` and the sentence ``before`` it (beryl's hardness for diamond's)? False when
    the title is not known (a passage alone)."""
    found = _MEASURED_THING_Q.match(question) if title else None
    if not found:
        return False
    thing = set(content_words(next(filter(None, found.groups()))))
    return not thing <= set(content_words(f"{title} {before} {sentence}"))


# "What caused the Permian–Triassic extinction event?", "What was the main cause of …?": the event
_CAUSE_Q = re.compile(
    r"^\W*(?:what|which \w+) (?:caused|causes|triggered|sparked|set off|brought about) (.+)"
    r"|^\W*what (?:is|was|are|were) the (?:[\w-]+ )?(?:causes?|triggers?) (?:of|for|behind) (.+)",
    re.IGNORECASE,
)
# the words a cause is told with ("caused by", "due to", "following", "from"): broad, for a refusal
# is only right when the sentence tells no cause at all
_CAUSE_TOLD = re.compile(
    r"\b(?:caused by|causes? (?:of|for|include\w*)|causal\w*|because|due to|owing to|result\w* (?:of|from)|"
    r"as a result|triggered by|blam\w*|attribut\w*|reasons?|responsib\w*|thanks to|linked to|associated with|"
    r"contribut\w*|driven by|sparked by|provok\w*|prompted by|from|by|after|following|when|brought about by|"
    r"origin\w*|stem\w*|since|as a consequence)\b",
    re.IGNORECASE,
)
# an active "caused" tells a cause when what it caused is the asked event ("an impact caused the
# extinction"), not when the sentence's subject caused something else ("it caused the disappearance of …")
_CAUSED = re.compile(r"\b(?:caused|causes|cause|triggered|sparked|led to|set off|brought about)\s+(.{0,60})",
                     re.IGNORECASE)


def no_cause_told(question: str, sentence: str) -> bool:
    """For a cause asked ("What caused …?"): does ``sentence`` tell none (the event's toll instead,
    or what the event itself caused)?"""
    found = _CAUSE_Q.match(question)
    if not found or _CAUSE_TOLD.search(sentence):
        return False
    event = set(content_words(next(filter(None, found.groups()))))
    return not any(event & set(content_words(caused.group(1))) for caused in _CAUSED.finditer(sentence))


_MONTH_Q = re.compile(r"\b(?:what|which) month\b", re.IGNORECASE)
_MONTH = re.compile(rf"\b{MONTH_PATTERN}\b", re.IGNORECASE)


def no_month_told(question: str, sentence: str) -> bool:
    """For a month asked ("In what month and year was … founded?"): does ``sentence`` name none?"""
    return bool(_MONTH_Q.search(question)) and not _MONTH.search(sentence)


# "When was napalm first used in combat?": the first deed asked, and the words telling it; when
# napalm was developed is another date
_FIRST_DEED_Q = re.compile(
    r"^\W*(?:when|in (?:what|which)(?: [\w-]+){1,2}) (?:was|were|did|is|are) .+? first (used|deployed|employed|"
    r"performed|staged|broadcast|aired|published|printed|observed|sighted|recorded|sold|marketed|played|flown|tested|"
    r"mentioned)\b"
    # "In which year was the first working four-stroke engine built?": the first one of a kind made
    r"|^\W*(?:when|in (?:what|which)(?: [\w-]+){1,2}) (?:was|were) the first (?:[\w-]+ ){1,4}?"
    r"(built|constructed|made|manufactured)\b",
    re.IGNORECASE,
)
_MADE = (
    r"buil\w*|construct\w*|made|mak\w*|manufactur\w*|produc\w*|develop\w*|invent\w*|design\w*|complet\w*"
    r"|prototyp\w*"
)
_DEED_WORDS = {
    "built": _MADE, "constructed": _MADE, "made": _MADE, "manufactured": _MADE,
    # (a first one's deed, "the first to reach …", is told by "the first to arrive …", "have reached the summit")
    "reached": r"reach\w*|arriv\w*|attain\w*|got|climb\w*", "climbed": r"climb\w*|ascen\w*|summit\w*|scal\w*|reach\w*",
    "crossed": r"cross\w*|travers\w*", "won": r"w[io]n\w*",
    "used": r"us(?:e|ed|es|ing|age)|employ\w*|deploy\w*|dropped|fired|applied",
    "deployed": r"deploy\w*|us(?:e|ed|ing)|employ\w*|dropped|fired",
    "employed": r"employ\w*|us(?:e|ed|ing)|deploy\w*",
    "performed": r"perform\w*|premiere\w*|staged|played|sung|heard|debut\w*",
    "staged": r"staged|perform\w*|premiere\w*|produc\w*|opened",
    "broadcast": r"broadcast\w*|aired|premiere\w*|debut\w*|shown|screened",
    "aired": r"aired|broadcast\w*|premiere\w*|debut\w*|shown|screened",
    "published": r"publish\w*|printed|appeared|released|issued",
    "printed": r"print\w*|publish\w*|appeared|issued",
    "observed": r"observ\w*|discover\w*|detect\w*|seen|sighted|spotted|noticed|recorded",
    "sighted": r"sight\w*|seen|spotted|observ\w*|discover\w*",
    "recorded": r"record\w*|attested|mentioned|documented|noted",
    "sold": r"sold|sale|on the market|marketed|released|available",
    "marketed": r"market\w*|sold|sale|released|launched|introduced",
    "played": r"played|play|staged|held|contested|match",
    "flown": r"flown|flew|fl(?:y|ies|ying)|flights?",
    "tested": r"test\w*|detonat\w*|trial\w*",
    "mentioned": r"mention\w*|appear\w*|attest\w*|cited|referred|recorded|occurs?|found|earliest",
}


def another_deed_dated(question: str, sentence: str) -> bool:
    """For the date of a first deed ("When was napalm first used …?", "… the first working engine
    built?"): does ``sentence`` tell no such deed ("developed napalm … in 1942" dates its making; "He
    received a patent for the motorcar in 1886" no engine built)?"""
    found = _FIRST_DEED_Q.match(question)
    deed = next(filter(None, found.groups()), "").lower() if found else ""
    return bool(deed) and not re.search(rf"\b(?:{_DEED_WORDS[deed]})\b", sentence, re.IGNORECASE)


# "How far is Lucknow from New Delhi?": the place whose distance is asked, and the one it is from
_NAME = r"[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*"
_DISTANCE_Q = re.compile(rf"^\W*(?i:how far (?:is|was|are|lies) (?:the )?)({_NAME}) from (?:the )?({_NAME})")


def distance_of_another_place(question: str, sentence: str, title: str) -> bool:
    """For "How far is A from B?": is ``sentence`` (in an article not about A) a distance of another
    place, naming A only after B ("It is 692 km … of New Delhi and 320 km … of the state capital,
    Lucknow" in Kanpur's summary)? False without the title."""
    found = _DISTANCE_Q.match(question)
    if not found or not title:
        return False
    place, other = (fold_accents(name).casefold() for name in found.groups())
    text, title = fold_accents(sentence).casefold(), fold_accents(title).casefold()
    if place in title or f"between {other} and {place}" in text:
        return False
    at_place, at_other = text.find(place), text.find(other)
    return at_place < 0 or at_other < 0 or at_other < at_place


# "How many people lived in the British Empire in 1920?": a count of people asked for a year; "By
# 1913, the British Empire held sway over 412 million people, …, and by 1920, it covered 35.5
# million km2" dates its people to 1913 and its area to 1920
_PEOPLE_IN_A_YEAR_Q = re.compile(
    r"^\W*(?:how many (?:people|inhabitants|residents|subjects)\b|what (?:is|was) the population\b)"
    rf".*?\b({YEAR_PATTERN})\b",
    re.IGNORECASE,
)
_PEOPLE_FIGURE = re.compile(
    r"\d[\d.,]*(?:\s|\xa0)*(?:million|billion|thousand)?\s+(?:people|inhabitants|residents|subjects)\b", re.IGNORECASE
)


def people_of_another_year(question: str, sentence: str) -> bool:
    """For a count of people asked for a year: is each count of people ``sentence`` gives dated,
    by the last year before it, to another year?"""
    asked = _PEOPLE_IN_A_YEAR_Q.match(question)
    figures = list(_PEOPLE_FIGURE.finditer(sentence)) if asked else []
    # "… increased to 510,550 residents in the 2021 census": the year may follow the figure
    after = re.compile(rf"\s*(?:in|at|as of|during)\s+(?:the\s+)?(?:[a-z]+\s+)?{asked.group(1)}\b") if asked else None
    undated = [f for f in figures if not after.match(sentence, f.end())]
    dated = [YEAR.findall(sentence[: figure.start()]) for figure in undated]
    return bool(figures) and len(undated) == len(figures) and all(y and y[-1] != asked.group(1) for y in dated)


# "In what year did Dolly Parton win her first Grammy Award?": a first win, which "has received
# eleven Grammy Awards … a humanitarian honorary Oscar win in 2025" does not date
_FIRST_WIN_Q = re.compile(
    r"^\W*(?:in )?(?:what|which) year did .+? (?:win|receive|earn|get|take) (?:his|her|their|its|the) first ([\w-]+)",
    re.IGNORECASE,
)


def first_win_undated(question: str, sentence: str, before: str = "") -> bool:
    """For the year of a first win: does ``sentence`` (with the sentence ``before`` it, when it points
    back: "It came in 1965.") tell no first one, or not of the asked prize?"""
    found = _FIRST_WIN_Q.match(question)
    if not found:
        return False
    told = f"{before} {sentence}" if re.match(r"\W*(?:It|This|That)\b", sentence) else sentence
    prize = set(content_words(found.group(1)))
    return not (re.search(r"\b(?:first|debut|earliest)\b", told, re.IGNORECASE) and prize <= set(content_words(told)))


# "What was the population of the Lucknow urban agglomeration at the 2011 census?": a wider or
# narrower unit than the city, whose figure "The city had a population of 2.8 million" is not
_UNIT_OF_A_PLACE = r"urban agglomeration|metropolitan area|metro area|urban area|city proper|greater \w+"
_POPULATION_OF_A_UNIT_Q = re.compile(
    rf"^\W*(?i:what (?:is|was) the population|how many people live\w*) (?:of|in) (?:the )?[A-Z][^?,]*?"
    rf"(?i:({_UNIT_OF_A_PLACE}))\b"
)


def population_of_another_unit(question: str, sentence: str) -> bool:
    """For the population of a place's urban agglomeration or metropolitan area: does no figure of
    ``sentence`` have that unit beside it (the city's own figure instead)?"""
    found = _POPULATION_OF_A_UNIT_Q.match(question)
    if not found:
        return False
    # the word that tells the unit ("a metro population of over 15 million" is the metropolitan area's)
    unit = "metro" if found.group(1).lower().startswith("metro") else found.group(1).lower().split()[-1]
    near = [sentence[max(0, f.start() - 60) : f.end() + 40].lower() for f in re.finditer(r"\d[\d.,]*", sentence)]
    return not any(unit in text for text in near)


def reads_the_article_for_an_ask(question: str) -> bool:
    """Do this module's rules read a candidate's title and the sentence before it for ``question``?"""
    return bool(_MEASURED_THING_Q.match(question) or _DISTANCE_Q.match(question))


# "What is the Chinese name for the Legalist school?", "What is Orsk called in Latin?": a name in a language
_LANGUAGE = r"[A-Z][a-z]+"
_NAME_IN_A_LANGUAGE_Q = re.compile(
    rf"^\W*(?i:what (?:is|was|are|were) (?:the|its|their|[\w’'-]+['’]s)) ({_LANGUAGE}) (?:name|word|term)\b"
    rf"|\b(?:called|known)(?: as)? in ({_LANGUAGE})\s*\??\s*$"  # "Under what name is the Salween known in China?"
)


def no_name_in_the_language(question: str, sentence: str) -> bool:
    """For a name asked in a language ("What is the Chinese name for …?"): does ``sentence`` give no
    name in it — no "Chinese:", "(Chinese …", "in Chinese", "the Chinese for", no pinyin, naming
    verb or term in brackets ("Legalism refers to an … orientation … of China" only defines the thing)?"""
    asked = _NAME_IN_A_LANGUAGE_Q.search(question)
    if not asked:
        return False
    word = asked.group(1) or asked.group(2)
    lang = rf"{re.escape(word[:4])}\w*" if len(word) > 4 else re.escape(word)  # China's name is told as "Chinese:"
    told = (
        rf"\b{lang}\s*:|\(\s*{lang}\b|\bin {lang}\b|\b{lang} (?:for|name|word|term|spelling|characters?)\b"
        rf"|\bfrom (?:the )?{lang}\b|\bpinyin\b|\bromani[sz]ed\b|\bliterally\b|\blit\."
        r"|\b(?:called|known as|named|termed)\b|\([^()\d]{2,40}\)"  # "loanwords (gairaigo)": the term in brackets
    )
    return not re.search(told, sentence)


# "Which version of the GNU GPL …?", "Roughly which centuries did … span?": a version or a century asked,
# and the words that may tell it (a number, a year, "version", "century")
_ASKED_AND_TOLD = (
    (re.compile(r"\b(?:which|what) (?:\w+ )?versions?\b", re.IGNORECASE),
     re.compile(r"\bversions?\b|\d|\b(?:first|second|third|fourth|latest|original)\b", re.IGNORECASE)),
    (re.compile(r"\b(?:which|what|in which|in what) centur(?:y|ies)\b", re.IGNORECASE),
     re.compile(r"\bcentur(?:y|ies)\b|\d{3,4}", re.IGNORECASE)),
)


def no_version_or_century(question: str, sentence: str) -> bool:
    """For a version or a century asked: does ``sentence`` tell none ("… is distributed under the
    copyleft GPL license" names no version; "… was part of the early modern period" no century)?"""
    return any(asked.search(question) and not told.search(sentence) for asked, told in _ASKED_AND_TOLD)


# "Which ancient civilization was the first to use negative numbers?": the first one's deed, and
# the other first deed a sentence tells ("were among the first to develop a civilization")
# (asking who or which one did it: "Bette Davis was the first person to reach how many …?" asks a count)
_FIRST_TO_Q = re.compile(
    r"^\W*(?:which|who|what)\b[^?]*?\b(?:was|were|is|are) the first (?:[\w-]+ ){0,2}?to (?:be )?([a-z]+)\b",
    re.IGNORECASE,
)
_FIRST_TO = re.compile(r"\bfirst (?:[\w-]+ ){0,2}?to\b", re.IGNORECASE)
# the irregular past participles of deeds "the first to …" asks (their rows in _DEED_WORDS)
_PARTICIPLES = {"fly": "flown", "win": "won"}


def first_to_another_deed(question: str, sentence: str) -> bool:
    """For "Which … was the first to <do> …?": does ``sentence`` tell another first deed and not the one
    asked ("… were among the first to develop a civilization" for the first to use negative numbers)?
    The deed is told in :data:`_DEED_WORDS`' words, or by its verb's first letters."""
    found = _FIRST_TO_Q.search(question)
    if not found:
        return False
    verb = found.group(1).lower()
    # ("ratify" is told by "ratified", "use" by "used")
    stem = re.escape(verb[:-1] if (verb.endswith("e") and len(verb) > 3) or verb.endswith("y") else verb) + r"\w*"
    forms = (_PARTICIPLES.get(verb, ""), f"{verb}d", f"{verb}ed")
    deed = next((_DEED_WORDS[form] for form in forms if form in _DEED_WORDS), stem)
    if _FIRST_TO.search(sentence):
        return not re.search(rf"\b(?:{deed})\b", sentence, re.IGNORECASE)
    # no "first … to": the first one is told by the deed next to "first" ("ratified it first", "the first
    # ratification"), not by another first ("… later ratified by the Thirteen Colonies, leading to the first
    # modern government")
    near = rf"\bfirst\W+(?:[\w-]+\W+){{0,2}}?(?:{deed})\b|\b(?:{deed})\W+(?:[\w-]+\W+){{0,2}}?first\b"
    return bool(re.search(r"\bfirst\b", sentence, re.IGNORECASE)) and not re.search(near, sentence, re.IGNORECASE)


# "Which article of the Universal Declaration guarantees …?": a numbered part of a text asked
_NUMBERED_PART_Q = re.compile(r"^\W*(?:which|what) (?:article|section|clause|amendment|paragraph)s?\b", re.IGNORECASE)
# (a number in digits or the project's number words, an ordinal word, a Roman numeral)
_NUMBERED = re.compile(
    rf"\d|\b(?:{'|'.join(WORD_NUMBERS)}|{'|'.join(ORDINAL_WORDS)}"
    r"|\w+teenth|\w+tieth)\b|\b[IVXLC]{2,6}\b|\b[VX]\b",
    re.IGNORECASE,
)


def no_numbered_part(question: str, sentence: str) -> bool:
    """For a numbered part of a text asked ("Which article of the declaration …?"): does ``sentence``
    give no number (only that the declaration recognises the right)?"""
    return bool(_NUMBERED_PART_Q.match(question)) and not _NUMBERED.search(sentence)


def leaves_the_ask_unmet(question: str, sentence: str, title: str = "", before: str = "") -> bool:
    """Does ``sentence`` leave out what the question's wording asks for, in one of this module's ways?"""
    return (
        no_figure_for_a_measure(question, sentence)
        or measured_thing_unnamed(question, sentence, title, before)
        or no_cause_told(question, sentence)
        or no_month_told(question, sentence)
        or another_deed_dated(question, sentence)
        or distance_of_another_place(question, sentence, title)
        or people_of_another_year(question, sentence)
        or first_win_undated(question, sentence, before)
        or population_of_another_unit(question, sentence)
        or no_name_in_the_language(question, sentence)
        or no_version_or_century(question, sentence)
        or first_to_another_deed(question, sentence)
        or no_numbered_part(question, sentence)
    )
