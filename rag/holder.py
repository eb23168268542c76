"""Whose figure: the place, year or thing a question asks a measure of, and whether a sentence gives that one's.

"What is the population of Cusco?" is not answered by "The city proper has a population of
1,088,057" in Arequipa's summary, nor by "… the most populous city in Hubei" for Hubei: the
question frame records the asked-about name (:func:`measure_holder`) and the answerability
rules give a sentence holding another place's figure no probability (:func:`states_holder`).
Likewise a figure of other years (:func:`figures_of_other_years`) or decades
(:func:`asked_decade_unstated`). Whether an article names the thing asked about at all is
:mod:`rag.topic`'s.
"""

from __future__ import annotations

import re

from rag.text import COMPASS_WORD, UPPER, YEAR, YEAR_PATTERN, entity_share, name_key

# "the population of X", "how many people live in X", "how tall is X", "the capital of X": the
# name whose measure (or capital) is asked — a sentence giving another place's figure, or one
# "in X", does not answer it. Cue words in any case, the name capitalised.
_NAME = rf"{UPPER}[\w’'.-]*(?:\s+(?:(?:and|of|de|del|da|do|la|le|du|upon|on)\s+)?{UPPER}[\w’'.-]*)*"
# "the German state of Hesse", "the city of Cusco": the place is the name after the kind word,
# not the adjective before it (the capital of "German" is Berlin's sentence)
_KIND_OF = (
    rf"(?:(?:{UPPER}[\w’'.-]*\s+)?(?i:state|province|region|county|prefecture|island|city|town|canton|district"
    r"|territory|department|municipality|emirate|oblast)\s+of\s+(?:the\s+)?)"
)
_HOLDER_Q = re.compile(
    r"(?i:\b(?:population|area|size|height|elevation|length|depth|capital|capital city)\s+of"
    r"|\b(?:official|national) (?:languages?|religions?|currenc(?:y|ies)|anthems?)\s+of"
    r"|\bhow many (?:people|inhabitants|residents) (?:(?:live|lived|are there) in|does|did|do)"
    r"|\bhow (?:tall|high|long|deep|big|large) (?:is|was)"
    r"|\bwhat (?:population|area) (?:did|does|do|has|had))"  # "What population did Chennai record …"
    rf"\s+(?:the\s+)?{_KIND_OF}?((?i:sub-)?{_NAME})"  # "sub-Saharan Africa" is not Africa
)


# "What is Benin's capital?", "What is Egypt's total area?": the same, asked with a possessive
_OWNED_Q = re.compile(
    rf"^(?i:what|which \w+|how (?:large|big|many people live in)) (?:is|was|are|were) (?:the )?({_NAME})['’]s\s+"
    r"(?i:(?:total |land |estimated |current |new )?(?:population|area|size|height|elevation|length|depth|capital)\b"
    r"|(?:official|national) (?:languages?|religions?|currenc(?:y|ies)|anthems?))"
)


def measure_holder(question: str) -> str:
    """The name whose measure, capital or official language ``question`` asks for ("What is the
    population of León, Guanajuato?" → "León", "What is Benin's capital?" → "Benin"), or ""."""
    found = _HOLDER_Q.search(question) or _OWNED_Q.search(question)
    return found.group(1) if found else ""


# "the most populous city in X", "a district of X": X named as where the sentence's subject lies
# ("the town of X", "the state of X" name X itself); "the third-most populous country … after X",
# "behind X", "larger than X", "second only to X": X named as what the subject is compared with
_CONTAINED = re.compile(
    r"(?:\bin|\b(?:part|district|suburb|quarter|neighbou?rhood)s? of|\bafter|\bbehind|\bthan|\b(?:only|next) to)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# where a sentence gives its figure (or its capital): a name before it is what the figure is of
_MEASURE_AT = re.compile(
    r"\d|\b(?:capital|population|populous|populated|inhabitants|residents|people|area|height|elevation|length|"
    r"depth|long|tall|high)\b",
    re.IGNORECASE,
)
_NAME_RUN = re.compile(rf"{UPPER}[\w’'.-]*(?:\s+{UPPER}[\w’'.-]*)*")
# a name after these only places the subject ("on the Israeli coast", "in the United States",
# "Australia's longest river") — but "the town of Kell" names Kell itself
_PLACES_IT = re.compile(r"\b(?:in|on|at|near|from|along|across|into|by|with|of)\s+(?:the\s+)?$", re.IGNORECASE)
_NAMES_IT = re.compile(
    r"\b(?:town|city|village|state|province|region|island|county|district|country|kingdom|republic|port)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# what follows a name that has the figure: "Kell has", "Velmar is home to", "Kell's population"
_HOLDS = re.compile(
    r"^(?:[’']s\s+(?:[\w-]+\s+){0,2}(?:population|area|height|length|capital|inhabitants)\b"
    r"|,?\s+(?:has|had|have|is|was|are|were|counts|counted|numbers|numbered|houses)\b)",
    re.IGNORECASE,
)
# a sentence opening with its figure before its subject: "With a population of 412,000, Tamra is …"
# (its figure perhaps converted in brackets: "At 2,428 kilometres (1,509 mi), it is …")
_FIGURE_FIRST = re.compile(r"^(?:With|Having|At)\b[^,]*?\d(?:[\d,.]*\d)?[^,\d]*(?:\([^)]*\)\s*)?,\s+")
_NAME_WORD = re.compile(r"[^\W\d_][\w’'.-]*")
# another name for X itself: "Ho Chi Minh City, also known as Saigon, is …" is still X's figure
_ALIAS_OF_IT = re.compile(
    r"(?:also|formerly|previously|officially|commonly|better)\s+(?:known\s+as|called|named)\s+(?:the\s+)?$"
    r"|\b(?:known\s+as|aka|or)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# words that open a sentence or join a name without being a name ("In Kavor", "With a population")
_LEAD_WORDS = frozenset(
    "the a an in on at of to for by from with as and but since after before during it its this these that those "
    "there here he she they his her their today now according".split()
)


def states_holder(
    holder: str, sentence: str, title: str = "", before: str = "", *, number: bool = False, article: str = ""
) -> bool:
    """For "What is the population (area, height, capital) of X" (``holder``, X, from
    :func:`measure_holder`; ``number``: a figure is asked, not a capital): is ``sentence`` about X? It
    names X itself — not only as where something else lies ("the most populous city in Hubei")
    or inside a longer name ("Western Australia") — or belongs to X's article (its ``title``
    or, with it, the sentence ``before`` it in its passage names X so: "South Korea" is not
    Korea's) and names nothing else as what its figure is of ("Its population is …", not "The
    neighbouring town of Kell has 96,000 people"). An ``article`` whose opening calls its subject X
    ("The Qing dynasty, … also known as the Qing Empire") is X's as much as one titled so.
    True for every other question."""
    if not holder:
        return True
    keys = [name_key(w) for w in _NAME_WORD.findall(holder) if re.search(rf"(?:^|-){UPPER}", w)]  # "sub-Saharan"
    words = list(_NAME_WORD.finditer(sentence))
    # a number held by another name wins over X named later: "Johor Bahru had a population of
    # 858,118, making it Malaysia's largest state capital" is not Malaysia's population (but
    # "Havana is the capital of Cuba" names Cuba's capital)
    held = _held_by_another(sentence, keys)
    if number and held:
        return False
    if _names_itself_so(holder, keys, sentence) and not (number and _pronoun_holds_it(keys, sentence)):
        return number or not _capital_of_another(keys, sentence, title)
    if held:
        return False
    if _names_itself_so(holder, keys, title) or _called_so(holder, article):  # X's own article (not Korea's
        return True  # for "South Korea")
    if any(name_key(w.group()) == keys[0] for w in words):
        return False  # named only as a container or inside another name
    return _names_itself(keys, before) and not _named_after_its_subject(keys, title, before)


# "It is sometimes referred to as Guinea-Conakry, after its capital Conakry, to distinguish it from …
# Equatorial Guinea" (Guinea's summary): "its capital" before X is named is the article's subject's; "It
# is one of the four imperial cities of Morocco and is the capital of the Marrakesh-Safi region": another's
_ITS_CAPITAL = re.compile(r"\b(?:its|their) capital\b", re.IGNORECASE)
_CAPITAL_OF = re.compile(rf"\bcapital (?:city )?of (?:the )?({UPPER}[^,;.()]*)")


def _capital_of_another(keys: list[str], sentence: str, title: str) -> bool:
    """Does ``sentence`` give another place's capital: "its capital" before naming X in another place's
    article (``title``), or "the capital of" only other names?"""
    its = _ITS_CAPITAL.search(sentence)
    named = next((w.start() for w in _NAME_WORD.finditer(sentence) if name_key(w.group()) == keys[0]), len(sentence))
    if title and its and its.start() < named and not _names_itself(keys, title):
        return True
    of = [found.group(1) for found in _CAPITAL_OF.finditer(sentence)]
    return bool(of) and not any(name_key(w) in keys for name in of for w in _NAME_WORD.findall(name))


def _called_so(holder: str, article: str) -> bool:
    """Does the opening of ``article`` (its first 400 characters after the title) call its subject ``holder``
    by another of its names ("also known as the Qing Empire")?"""
    opening = article.split("\n\n", 1)[-1][:400]
    return bool(re.search(rf"\b(?:known as|called|officially) (?:the )?{re.escape(holder)}\b", opening))


def _held_by_another(sentence: str, keys: list[str]) -> bool:
    """Does a name other than X (``keys``) hold the sentence's figure ("The town of Kell has 96,000
    people", "Afghanistan's population is …")? A name before the figure that has or is it counts,
    not one that only places or ranks it ("in the United States", "Australia's longest river");
    so does the subject a figure-first sentence goes on to ("With a population of 412,000, Tamra is …")."""
    measure = _MEASURE_AT.search(sentence)
    lead = sentence[: measure.start()] if measure else sentence
    for run in _NAME_RUN.finditer(lead):
        if _ALIAS_OF_IT.search(lead[: run.start()]) and _names_itself(keys, lead[: run.start()]):
            continue  # X's other name
        other = any(w.lower() not in _LEAD_WORDS and name_key(w) not in keys for w in run.group().split())
        placed = _PLACES_IT.search(lead[: run.start()]) and not _NAMES_IT.search(lead[: run.start()])
        end = run.end() - 2 if re.search(r"[’']s$", run.group()) else run.end()
        if other and not placed and _HOLDS.match(sentence[end:]):
            return True
    opened = _FIGURE_FIRST.match(sentence)
    subject = _NAME_RUN.match(sentence, opened.end()) if opened else None
    return bool(subject and _HOLDS.match(sentence[subject.end() :])) and any(
        name_key(w) not in keys for w in subject.group().split()
    )


# "It has a population of …", "With a population of 7,097,329, it is …": the article's subject has
# the figure (a pronoun's; "They have a total area of 315,159 km2 …" in the British Isles' summary)
_PRONOUN_SUBJECT = re.compile(r"(?:It|it|Its|its|They|they|Their|their)\b")
# "Located within the Middle East, it is bordered by … Turkey to the north" (Iraq's): still the article's subject
_PRONOUN_AFTER_PHRASE = re.compile(r"[^,.;]{1,80},\s+(?:it|they)\b")
_SOURCE_FIRST = re.compile(r"(?:As per|According to|As of|In|At)\b[^,]{0,80},\s+")


def _pronoun_holds_it(keys: list[str], sentence: str) -> bool:
    """Does a pronoun opening ``sentence`` have its figure, X (``keys``) being named only after
    the figure ("It has a population of almost 3.5 million people, of whom nearly 2 million live in
    … its capital and largest city, Montevideo" in Uruguay's summary)?"""
    sentence = sentence.lstrip()
    opened = _FIGURE_FIRST.match(sentence)
    # "As per the 2021 Nepal census, it has a population of 845,767" (Kathmandu's): X named only in the
    # phrase the sentence opens with, where the figure was counted
    phrase = None if opened else _SOURCE_FIRST.match(sentence)
    counted_in = phrase.end() if phrase else 0  # the figure is looked for after the source phrase
    start = opened.end() if opened else counted_in
    figure = re.search(r"\d", sentence[counted_in:])
    if not _PRONOUN_SUBJECT.match(sentence, start) or not figure:
        return False
    first = next((w.start() for w in _NAME_WORD.finditer(sentence, start) if name_key(w.group()) == keys[0]), -1)
    return first > counted_in + figure.start() or (bool(phrase) and first < 0)


def _named_after_its_subject(keys: list[str], title: str, before: str) -> bool:
    """Does the sentence ``before`` name its article's subject (``title``) ahead of X (``keys``)?
    Then the next sentence's "it" is still the article's subject: in Belém's summary "Belém lies …
    separated from the Amazon delta by Ilha de Marajó. With an estimated population of 1,398,531
    …, it is …" gives Belém's population, not Marajó's. So does a sentence ``before`` whose subject
    is "It": "It borders … Hesse to the north-west … The state's capital … is Munich" (Bavaria's), or
    "it" after an opening phrase ("Located within the Middle East, it is bordered by … Turkey …": Iraq's)."""
    # a title in lower case is a file's name ("00953-bavaria": a one-word headline is not taken
    # as the title); its words still name the article's subject
    title_keys = [name_key(w) for w in _NAME_WORD.findall(title) if w[0].isupper() or title.islower()]
    named = [name_key(w) for w in _NAME_WORD.findall(before)]
    # (a title naming a later word of X is another place: Samoa's article is not American Samoa's)
    if not title_keys:
        return False
    if title_keys[0] == keys[0]:
        # the Ross Sea's article names the Ross Ice Shelf, then says "Its … area …": the sea's, unless
        # the sentence before opens with X
        opening = [key for key in named if key != "the"][: len(keys)]
        return not set(keys) <= set(title_keys) and opening != keys
    if _PRONOUN_SUBJECT.match(before.lstrip()) or _PRONOUN_AFTER_PHRASE.match(before.lstrip()):
        return True
    if title_keys[0] not in named:
        return False
    return named.index(title_keys[0]) < named.index(keys[0])  # X is in it: the caller checked


def _names_itself(keys: list[str], text: str) -> bool:
    """Does ``text`` name X (``keys``) itself, not inside a longer name ("Western Australia")
    nor only as where something lies ("the most populous city in Hubei")?"""
    words = list(_NAME_WORD.finditer(text))
    return entity_share(keys, text) == 1.0 and any(_names_here(keys, words, i, text) for i in range(len(words)))


# "Southeast Asia", "Southern Africa": a compass word whose first five letters another one shares
_COMPASS = re.compile(COMPASS_WORD, re.IGNORECASE)


def _names_itself_so(holder: str, keys: list[str], text: str) -> bool:
    """:func:`_names_itself`, with X's compass word as X has it: "South Asia" is not Southeast Asia."""
    return _names_itself(keys, text) and not any(
        _compass_form(word) not in {_compass_form(other) for other in _NAME_WORD.findall(text)
                                    if name_key(other) == name_key(word)}
        for word in _NAME_WORD.findall(holder) if _COMPASS.fullmatch(word)
    )


def _compass_form(word: str) -> str:
    return re.sub(r"ern$|[’']s$", "", word.lower().replace("-", ""))


def _names_here(keys: list[str], words: list[re.Match[str]], i: int, sentence: str) -> bool:
    """Does the name whose first key is ``keys[0]`` start at ``words[i]``, as what the sentence
    is about (the caller has checked that the sentence holds all of its keys)?"""
    if name_key(words[i].group()) != keys[0]:
        return False
    previous = words[i - 1].group() if i else ""
    part_of_longer = previous[:1].isupper() and previous.lower() not in _LEAD_WORDS
    # "Benin City", "Mexico City": a longer name going on after X's last word
    span = range(i, min(i + 2 * len(keys) + 1, len(words)))
    last = next((j for j in span if name_key(words[j].group()) == keys[-1]), i)
    if last + 1 < len(words) and not sentence[words[last].end() : words[last + 1].start()].strip():
        part_of_longer |= words[last + 1].group()[:1].isupper()
    lead = sentence[: words[i].start()]
    if words[last].group()[-2:] in ("'s", "’s") and _PART_OF_IT.match(sentence, words[last].end()):
        return False  # "It is Fujian's most populous metropolitan region, with … a population of 8,782,285"
    return not part_of_longer and (not _CONTAINED.search(lead) or bool(_CAPITAL_IN.search(lead)))


# X's part, which a sentence naming X only so is about: "Fujian's most populous metropolitan region"
# (not its capital: "Halby is Vell's capital and largest city")
_PART_OF_IT = re.compile(
    r"\s+(?:(?!capital\b)[\w-]+\s+){0,3}?(?:city|cities|region|regions|area|areas|county|counties|district|districts"
    r"|prefecture|prefectures|town|towns|port|ports|metropolis|suburbs?|provinces?|states?|islands?)\b",
    re.IGNORECASE,
)


# "Baghdad is the capital and largest city in Iraq", "one of the official languages in Iraq": a
# capital or an official language "in" X is X's own
_CAPITAL_IN = re.compile(
    r"\b(?:capital(?: city)?(?: and (?:the )?(?:largest|biggest|most populous) city)?|official languages?) in\s+$"
)


# the area around a place, whose figure is not the place's own ("these form a metropolitan area
# called the Tricity, with a population of approximately 1.5 million" in Gdańsk's summary)
_WIDER_AREA = re.compile(
    r"\b(?:metropolitan|metro|urban|built-up)\s+(?:areas?|population)\b|\bagglomeration\b|\bconurbation\b"
    r"|\bmetroplex\b",
    re.IGNORECASE,
)
# "the population of the city of Recife proper, not counting the metropolitan area": the area is named to be left out
_WIDER_AREA_LEFT_OUT = re.compile(
    r"\bproper\b|\b(?:not counting|excluding|not including|without)\s+(?:the\s+|its\s+)?(?:metropolitan|metro|urban)",
    re.IGNORECASE,
)
# a population-sized figure: grouped digits, five or more digits, or a number of millions
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{5,}|\d+(?:\.\d+)?\s+(?:million|billion|thousand)\b", re.IGNORECASE)
# where the words leading to a figure begin: a new clause
_CLAUSE_BREAK = re.compile(r"[;:—–]")
# an aside between commas only places the subject: "The city, in the Ruhr metropolitan area, has …"
_ASIDE = re.compile(r",[^,]*,")


def only_wider_area_figures(question: str, sentence: str) -> bool:
    """Does every figure ``sentence`` gives belong to the area around a place — its metropolitan
    or urban area, named in the words leading to the figure since the clause began or the
    previous figure — while ``question`` does not ask for such an area? "Its population is 1.87
    million within a greater metropolitan area of 3.5 million" also gives the city's own."""
    if _asks_wider_area(question):
        return False
    figures = list(_FIGURE.finditer(sentence))
    starts = [0] + [f.end() for f in figures[:-1]]
    return bool(figures) and all(
        _WIDER_AREA.search(_ASIDE.sub(",", _CLAUSE_BREAK.split(sentence[start : f.start()])[-1]))
        for f, start in zip(figures, starts, strict=True)
    )


def wider_area_unstated(question: str, sentence: str) -> bool:
    """Does ``question`` ask for the figure of the area around a place ("the population of the
    Bratislava metropolitan area") that ``sentence`` never names ("the population of the city
    proper is about 479,000, with the wider Bratislava Region exceeding 732,000")?"""
    return _asks_wider_area(question) and not _WIDER_AREA.search(sentence)


def _asks_wider_area(question: str) -> bool:
    return bool(_WIDER_AREA.search(question)) and not _WIDER_AREA_LEFT_OUT.search(question)


# "… in 2013", "… in November 2024": the year a figure is asked of (not "the 2018 World Cup": a name)
_IN_YEAR = re.compile(rf"\b(?:in|during|as of|by) (?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+ )?({YEAR_PATTERN})\b")


def figures_of_other_years(question: str, sentence: str) -> bool:
    """For a figure asked of a year ("How many people attended the Kumbh Mela in 2013?"): does
    ``sentence`` date its figures to other years only ("About 660 million attended … in 2025, up
    from 240 million in 2019")? A sentence naming no year may still be the asked year's."""
    return dated_to_other_years(set(_IN_YEAR.findall(question)), sentence)


def dated_to_other_years(asked: set[str], sentence: str) -> bool:
    """Does ``sentence`` name years, none of them ``asked``?"""
    stated = set(YEAR.findall(sentence))
    return bool(asked) and bool(stated) and not asked & stated


# "in their 40s", "in the 1990s": a decade of life or of history
_DECADE = re.compile(r"\b(?:the|their|his|her|its|our|your|my|early|late|mid-?)\s*(\d*0)(?:’|')?s\b", re.IGNORECASE)
# "in their 40s", "in his early 20s": a decade of someone's life
_LIFE_DECADE = re.compile(r"\b(?:their|his|her|its|our|your|my)\s+(?:early\s+|late\s+|mid-?)?(\d0)(?:’|')?s\b", re.I)


def asked_decade_unstated(question: str, sentence: str) -> bool:
    """Does ``question`` ask about a decade ("How often should people in their 40s have an eye
    exam?") that ``sentence`` leaves out, stating others ("… once in their 20s and twice in
    their 30s") or, for a decade of life, no age in it at all ("… should have periodic and
    thorough eye examinations")? A sentence naming no decade may still be the asked one's
    history ("in 1994" for "in the 1990s")."""
    asked = set(_DECADE.findall(question))
    stated = set(_DECADE.findall(sentence))
    if not asked or asked & stated:
        return False
    if stated:
        return True
    if re.match(r"\W*how (?:many|much)\b", question, re.IGNORECASE):
        # "How many new primate species were described in the 1990s?": a count of that decade needs one of
        # its years ("There are 376–524 species of living primates" counts them all)
        years = [d for d in asked if len(d) == 4]
        if years and not any(re.search(rf"\b{d[:3]}\d\b", sentence) for d in years):
            return True
    ages = {int(decade) for decade in _LIFE_DECADE.findall(question)}
    return bool(ages) and not any(a <= int(n) < a + 10 for n in re.findall(r"\b\d\d\b", sentence) for a in ages)
