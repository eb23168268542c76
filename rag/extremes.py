"""Extremes: how a question asks for the highest, largest, last, most or nearest thing, and
how a sentence states it ("the highest mountain" by "its summit", not by "the third highest").
Read by the question frame (what is asked) and by the answerability feature and rules (what a
sentence states). Units and measures are rag.units's.
"""

from __future__ import annotations

import re

from rag.text import ORDINAL_WORDS, PLACE_SUPERLATIVES, UPPER

# The extremes a question may ask for — how it asks and how a sentence states each (or a word for the
# same extreme: "the summit"); one row per dimension. "most populous" is the largest of cities.
EXTREMES = {
    key: (re.compile(rf"\b(?:{asked})\b", re.IGNORECASE), re.compile(rf"\b(?:{stated})\b", re.IGNORECASE))
    for key, asked, stated in (
        # "at its deepest point" is stated by "a maximum depth of 80 m"
        ("highest", r"highest|tallest", r"highest|tallest|high point|summit|peak|maximum (?:height|elevation)"),
        ("largest", r"largest|biggest|greatest|most populous|most populated",
         r"largest|biggest|greatest|most populous|most populated"),
        ("longest", r"longest", r"longest|maximum length"),
        ("deepest", r"deepest", r"deepest|maximum depth|greatest depth"),
        ("smallest", r"smallest|tiniest", r"smallest|tiniest"),  # not "first": "when did it first air" is its debut
        ("busiest", r"busiest", r"busiest"),
        # "the last shogun before …", "the last emperor of …" (not "the last two years")
        ("last", r"(?:last|final)(?= [a-z]+(?: (?:of|before|to|in)\b|\W*$))", r"last|final|latest"),
    )
}  # fmt: skip


# "What is the highest mountain …", "Which is the largest lake …", "Who was the last shogun …":
# the extreme is what is asked (not "What is the population of Lagos, the largest city …").
_EXTREME_Q = re.compile(
    r"^\W*(?:what|which|who)(?: [\w’'-]+)?(?: (?:is|was|are|were|has|had))?(?: the)?(?: [\w’'-]+(?:'s|’s))?"
    r" ([a-z]+(?: [a-z]+)?)\b"
)
# "Which snake species is the longest in the world?": the extreme said of a kind named first
_KIND_IS_EXTREME_Q = re.compile(
    r"^\W*(?:what|which)(?: [a-z’'-]+){1,3}? (?:is|was|are|were) the ([a-z]+(?: [a-z]+)?)\b"
)
# "How long is the largest chameleon?": the measure of an extreme (not "How long is the Nile?")
_HOW_EXTREME_Q = re.compile(
    r"^\W*how (?:long|tall|high|big|large|heavy|deep|wide|old|far|fast|much|many) [\w’'-]*\s?"
    r"(?:is|was|are|were|does|did) the ([a-z]+(?: [a-z]+)?)\b"
)
# "Which country generates the most hydroelectricity?", "Who won the most titles?": the most of
# an amount, which a sentence states as the most, the largest or the leading one (a row apart
# from EXTREMES, whose question patterns are also a model feature: superlative_match)
_MOST_OF_Q = re.compile(
    r"^\W*(?:which|what|who)\b(?: [\w’'-]+)?"
    r"(?: (?!(?:is|was|does|has)\b)[a-z]+(?:s|ed)| won| has| had| holds?| have) the most [a-z]"
)
_MOST_OF_STATED = re.compile(
    r"\b(?:most|largest|biggest|greatest|leading|top|highest|record)\b|\bmore\b[^.;]*\bthan any\b", re.IGNORECASE
)
_MOST_OF_WHAT_Q = re.compile(r"\bthe most ([a-z]{3,})")


def _counts_the_most_of(question: str, sentence: str) -> bool:
    """Does ``sentence`` count what the most of is asked ("Saturn has 146 moons" for "Which planet
    has the most moons?"), leaving the comparison to the reader?"""
    noun = _MOST_OF_WHAT_Q.search(question.lower())
    return bool(noun) and bool(re.search(rf"\d[\d,.]*\s+(?:[\w’'-]+\s+){{0,2}}?{noun.group(1)}", sentence, re.I))


# "Which is the closest known neutron star to Earth?": the nearest of a kind, which "the closest
# region of massive star formation" and "the nearest known white dwarf" do not state (the kind is
# read as a measure is: rag.extremes._of_the_measure)
_NEAREST_Q = re.compile(r"(?:closest|nearest)\b")
_NEAREST_KIND_Q = re.compile(r"\b(?:closest|nearest) (?:known )?([a-z]{3,})", re.IGNORECASE)
# how a sentence states the extremes kept apart from EXTREMES
_STATED_APART = {"most": _MOST_OF_STATED, "nearest": re.compile(r"\b(?:closest|nearest)\b", re.IGNORECASE)}


def asked_extreme(lower: str) -> str:
    """The extreme a (lower-cased) question asks for ("What is the highest mountain in Africa?" →
    "highest", "Which country produces the most coffee?" → "most"), or "" (none, or one ranked
    below it: "the second largest")."""
    if _MOST_OF_Q.match(lower):
        return "most"
    for shape in (_EXTREME_Q, _HOW_EXTREME_Q, _KIND_IS_EXTREME_Q):
        asked = shape.match(lower)
        words = asked.group(1) if asked else ""
        if _NEAREST_Q.match(words):
            return "nearest"
        extreme = next((key for key, (pattern, _) in EXTREMES.items() if pattern.match(words)), "")
        if extreme:
            return extreme
    return ""


# "the third largest", "the 12th-longest", "second-highest": a rank below the extreme asked for
# (and "one of the largest libraries", "among the largest": not the largest)
_RANKED = re.compile(
    rf"(?:\b(?:{'|'.join(ORDINAL_WORDS[1:10])}|\d+(?:st|nd|rd|th))[- ](?:most )?"
    r"|\b(?:one|some) of the (?:world's |world’s )?|\bamong the (?:world's |world’s )?)$",
    re.IGNORECASE,
)
# "in Africa", "in the world": where the extreme asked for holds; a region of it is a smaller place
_REGION = r"(?:north|south|east|west|central|sub-saharan|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_SCOPE_Q = re.compile(rf"\b(?:in|of) (?:the )?({_REGION}\s+)?({UPPER}[\w’'-]*(?:\s+{UPPER}[\w’'-]*)*)", re.IGNORECASE)
# "in Central America": a region's extreme, which "the highest … in the Americas" is not ("the last
# emperor *of* the Western Roman Empire" is the empire's: its article names it, rag.topic)
_IN_REGION_Q = re.compile(
    rf"\bin (?:the )?({_REGION}\s+(?-i:{UPPER})[\w’'-]*(?:\s+(?-i:{UPPER})[\w’'-]*)*)", re.IGNORECASE
)
_REGION_OF = re.compile(rf"^\W*(?:[\w’'-]+\s+){{0,3}}?(?:in|of) (?:the )?{_REGION}\s+(.*)", re.I)


def superlative_match(question: str, sentence: str) -> float:
    """1.0 unless the question asks for an extreme ("the highest mountain") that the sentence
    does not state (or a word for the same extreme: "summit")."""
    return float(all(stated.search(sentence) for asked, stated in EXTREMES.values() if asked.search(question)))


def states_extreme(extreme: str, question: str, sentence: str) -> bool:
    """For "What is the largest island …" (``extreme`` from :func:`asked_extreme`): does ``sentence``
    state that extreme, not merely a ranked one ("the third largest island")? True for ""."""
    if not extreme:
        return True
    if extreme == "most" and _counts_the_most_of(question, sentence):
        return True
    if _BOTH_ENDS_Q.search(question) and _RANGE.search(sentence):
        return True  # "the smallest and largest numbers of leg pairs": "ranges from 15 pairs to 191 pairs"
    scope = _SCOPE_Q.search(question)
    place = scope.group(2) if scope and not scope.group(1) else ""
    region = _IN_REGION_Q.search(question)
    if region and not re.search(rf"\b{re.escape(region.group(1))}", sentence, re.IGNORECASE):
        return False
    world = bool(_WORLD_Q.search(question))
    measure = _NEAREST_KIND_Q.search(question) if extreme == "nearest" else _MEASURE_Q.search(question)
    return any(
        not _RANKED.search(sentence[: m.start()])
        and not _in_a_region_of(place, sentence[m.end() :])
        and not (world and _IN_LESS_THAN_THE_WORLD.match(sentence[m.end() :]))
        and (not measure or _of_the_measure(measure[1].lower(), m[0].lower(), sentence[m.end() :]))
        for m in (EXTREMES[extreme][1] if extreme in EXTREMES else _STATED_APART[extreme]).finditer(sentence)
    )


# both ends of a range asked, and a range stated
_BOTH_ENDS_Q = re.compile(
    r"\b(?:smallest|fewest|lowest|least|minimum) and (?:the )?(?:largest|greatest|most|highest|maximum)\b"
    r"|\b(?:largest|greatest|most|highest|maximum) and (?:the )?(?:smallest|fewest|lowest|least|minimum)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\b(?:rang(?:e|es|ed|ing)\s+)?from\s+[^.;]{0,20}?\d[^.;]{0,30}?\bto\s+[^.;]{0,10}?\d"
                    r"|\bbetween\s+[^.;]{0,20}?\d[^.;]{0,30}?\band\s+[^.;]{0,10}?\d")  # fmt: skip


# "Which country has the largest population in Africa?": the extreme of a measure, which "the
# capital and largest city" does not state
_MEASURE_Q = re.compile(r"\b(?:largest|biggest|greatest|smallest|highest|lowest) (population|area|economy|gdp)\b",
                        re.IGNORECASE)  # fmt: skip


def _of_the_measure(measure: str, stated: str, after: str) -> bool:
    """Is the extreme ``stated`` (the words ``after`` it following) one of ``measure``: "the
    largest urban population", "most populous", "the largest country by area"?"""
    if measure == "population" and stated.startswith("most popul"):
        return True
    return bool(re.match(rf"\W*(?:[\w’'-]+\s+){{0,2}}?{measure}\b|[^,;.]*?\bby {measure}\b", after, re.IGNORECASE))


# "the busiest airport in the world" is not "the busiest in the country", "in Europe" or "in Zurich"
_WORLD_Q = re.compile(r"\b(?:in|of) the world\b|\bworld's\b|\bon earth\b", re.IGNORECASE)
_IN_LESS_THAN_THE_WORLD = re.compile(
    rf"^\W*(?:[\w’'-]+\s+){{0,3}}?(?:in|of) (?:the )?(?:country|nation|state|city|region|province|continent|{UPPER})"
)


def _in_a_region_of(place: str, after: str) -> bool:
    """Does the extreme stated just before ``after`` hold in a region of ``place`` ("the highest
    peak *in southern Africa*" for "in Africa", wiki dev w132), not in the place itself?"""
    region = _REGION_OF.match(after)
    return bool(place and region and re.match(rf"{re.escape(place)}\b", region.group(1), re.IGNORECASE))


# "What is the most widely used spice?", "the least dense planet": an extreme not among EXTREMES
# (not "Which planet has the most moons?": a count, which "Saturn has 146 moons" states)
_MOST_Q = re.compile(
    r"\b(?:is|are|was|were)\s+(?:the|its|their)\s+(?:most|least)\s+(?!populous\b|populated\b)[a-z]+", re.IGNORECASE
)
# "Which treatment is most commonly used to relieve hot flashes?": the most usual one, which a
# sentence states as an extreme or as the common, usual or standard one
_MOST_OFTEN_Q = re.compile(r"\b(?:is|are|was|were)\s+most\s+(?:commonly|often|frequently|widely|usually)\b", re.I)
_USUAL = re.compile(r"\b(?:common|usual|typical|often|frequent|standard|popular|widely|first-line|mainstay|prefer)",
                    re.IGNORECASE)  # fmt: skip
# how a sentence states an extreme: "the most …", "the commonest", "the leading …", "the top …"
# (not "often leading to weight gain", nor a "top-division" club: a rank of leagues)
_SUPERLATIVE = re.compile(
    r"\b(?:most|(?<!at )least|(?:(?<=the )|(?<=a )|(?<=its )|(?<=their ))leading|"
    r"top(?!-(?:division|level|flight|tier|class|grade|notch))|foremost|number one|primary|main|chief|principal|"
    r"predominant|dominant|"
    r"favou?rite|record(?!\s+of\b)|best|worst|[a-z]{2,}est)\b",  # "a factual record of the past" is no record
    re.IGNORECASE,
)
# "most of its interior": a share of a whole, not an extreme (nor is "at least")
_MOST_OF_A_WHOLE = re.compile(r"most of\b", re.IGNORECASE)
# words ending in "-est" that state no extreme
_NOT_SUPERLATIVE = frozenset(
    "interest forest west east midwest northwest southwest northeast southeast test rest honest modest earnest "
    "request contest protest harvest suggest invest arrest digest manifest conquest quest nest chest guest pest vest "
    "crest zest priest behest unrest detest attest tempest inquest bequest divest infest arbalest".split()
)
# "-est" words that are superlatives, as the question patterns read them
_EST_WORD = rf"(?!(?:{'|'.join(sorted(_NOT_SUPERLATIVE))})\b)[a-z]{{2,}}est"
# "Which eating disorder has the highest mortality rate?", "Which club has won the cup the most
# times?": an extreme that something has or did, asked without "is the …"
_HAS_EST_Q = re.compile(
    rf"\b(?:has|have|had|holds?|held)\s+(?:the|its|their)\s+(?:most|least|fewest|"
    rf"{_EST_WORD})\b|\bthe (?:most|fewest) times\b",
    re.IGNORECASE,
)


# "What is the oldest rock ever found on Earth?", "Which of the three islands is the largest?": the
# "-est" thing asked for, its phrase ending the question or going on with where or how it holds
# (not "What were the earliest aircraft carriers used to deploy?": that asks something of them); also
# as a standing: "Which text is considered the oldest source of the myths?"
_EST_Q = re.compile(
    r"\b(?:is|are|was|were)\s+(?:(?:considered|regarded as|thought to be|believed to be|said to be|known as)\s+)?"
    rf"(?:the|its|their)\s+(?:{_EST_WORD}|best-[a-z]+|worst-[a-z]+)"
    r"(?:\s+[a-z]+){0,3}?\s*(?:\?|$|\b(?:in|of|on|ever|known|that|which|to be|among|by|for)\b)",
    re.IGNORECASE,
)


# "What is the elevation of the highest point of the East European Plain?": an extreme point whose
# measure is asked ("averages about 170 m in elevation" states none)
_EST_POINT_Q = re.compile(
    rf"\b(?:of|at|to|on|from) (?:the|its|their) {_EST_WORD}"
    r" (?:point|peak|summit|part|place|spot|section|level|elevation|temperature)\b",
    re.IGNORECASE,
)


def unstated_superlative(question: str, sentence: str) -> bool:
    """Does ``question`` ask for "the most (or least) …" or "the oldest …" of something while
    ``sentence`` states no extreme at all ("Spices are sometimes used in medicine …" for "What is
    the most widely used spice in the world?")?"""
    most_often = bool(_MOST_OFTEN_Q.search(question))
    if not (most_often or _MOST_Q.search(question) or _EST_Q.search(question) or _EST_POINT_Q.search(question)):
        # "Which planet has the most moons?" may be answered by a count ("Saturn has 146 moons")
        return bool(_HAS_EST_Q.search(question)) and not re.search(r"\d", sentence) and _no_superlative(sentence)
    if most_often and _USUAL.search(sentence):
        return False  # "Hormone therapy is commonly used" states the most usual one
    if _BOTH_ENDS_Q.search(question) and _RANGE.search(sentence):
        return False  # a range states both ends
    if any(asked.search(question) and stated.search(sentence) for asked, stated in EXTREMES.values()):
        return False  # "Its summit, Mount Kosciuszko, …" states the highest mountain
    return _no_superlative(sentence)


def _no_superlative(sentence: str) -> bool:
    return not any(
        m.group().lower() not in _NOT_SUPERLATIVE and not _MOST_OF_A_WHOLE.match(sentence, m.start())
        for m in _SUPERLATIVE.finditer(sentence)
    )


# "What is the average depth of the Timor Sea?" asks a mean: "the deepest point … 3300 metres" and
# "a depth of up to 100 metres" state another measure of it
# ("an average adult's body" asks of a typical adult, not for a mean)
_AVERAGE_Q = re.compile(r"\b(?:the|its|their) (?:average|mean) [a-z]+", re.IGNORECASE)
_AVERAGE = re.compile(
    r"\b(?:averag\w*|mean|median|typical(?:ly)?|usual(?:ly)?|normal(?:ly)?|generally)\b", re.IGNORECASE
)


def average_unstated(question: str, sentence: str) -> bool:
    """Does ``question`` ask for the average of a measure while ``sentence`` states no average?"""
    return bool(_AVERAGE_Q.search(question)) and not _AVERAGE.search(sentence)


# "What is the highest mountain in Afghanistan?": an extreme within a named place
_PLACE_EXTREME_Q = re.compile(
    rf"\bthe (?:{PLACE_SUPERLATIVES}) [a-z][\w-]*(?: [a-z][\w-]*)?"
    rf" in (?:the )?((?-i:{UPPER})[\w’'-]*(?:\s+(?-i:{UPPER})[\w’'-]*)*)\s*\??\s*$",
    re.IGNORECASE,
)


def extreme_of_another_place(question: str, sentence: str, title: str) -> bool:
    """For "What is the highest mountain in Afghanistan?": does ``sentence`` state an extreme while
    neither it nor its article's ``title`` names the place ("The Karakoram contains four of the
    fourteen eight-thousanders, the highest of which is K2": the range's, which only reaches into
    Afghanistan)? False when the title is not known (a passage alone)."""
    asked = _PLACE_EXTREME_Q.search(question)
    if not asked or not title:
        return False
    place = re.escape(asked.group(1))
    return not re.search(rf"\b{place}", f"{sentence} {title}", re.IGNORECASE)


# "Which of the three islands of the Comoros is the largest?": the extreme of a kind named first
_KIND_FIRST_Q = re.compile(
    rf"^\W*which (?:one )?of (?:the|its|their) (?:[a-z]+ )?([a-z]{{3,}}?)(?:es|s)\b[^?]*?"
    rf"\b(?:is|was|are|were) the ({_EST_WORD})\W*$",
    re.IGNORECASE,
)


def extreme_of_another_kind(question: str, sentence: str) -> bool:
    """For "Which of the three islands … is the largest?": does ``sentence`` state that extreme only
    of another kind of thing ("Its capital and largest city is Moroni")? False for other questions."""
    asked = _KIND_FIRST_Q.match(question)
    if not asked:
        return False
    kind, extreme = asked.group(1).lower(), asked.group(2).lower()
    said = re.findall(rf"\b{extreme}\s+([a-z]+)", sentence, re.IGNORECASE)
    return bool(said) and not any(word.lower().startswith(kind) or word.lower() in ("of", "one") for word in said)
