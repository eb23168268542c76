"""What a question's wording asks a sentence to tell, beyond naming its subject.

"What is Cambodia's national currency?" needs a currency, "What is the name of Odysseus's dog?" a
dog, "Who is known as the 'Father of the Blues'?" that phrase, "Which agency classifies …?" a
name the question does not hold, "How strong is a hydrogen bond?" a figure. Each check is one plain
reading of the question's wording and of the sentence; :func:`rag.rules.can_answer` reads them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.frame import QuestionFrame
from rag.judge import content_words, numbers
from rag.judge_rules import STOPWORDS
from rag.text import QUOTED_PHRASE, UPPER, fold_accents
from rag.told_table import TOLD_FOR_ASKED


def tells_what_is_asked(question: str, sentence: str) -> bool:
    """Does ``sentence`` tell what ``question``'s wording asks (:data:`TOLD_FOR_ASKED`: a currency,
    how someone died, a name it goes by, a naming; a title)? True for questions with none of those wordings."""
    return all(told.search(sentence) for told in _wording(question).told) and _gives_a_title(question, sentence)


# "What was the title of the book in which Hooke published …?": a title
_TITLE_Q = re.compile(
    r"\btitle of (?:the|his|her|their|its|a) (?:[\w-]+ )?(?:book|novel|work|treatise|album|film|poem|play|paper|"
    r"manga|opera|symphony|essay|report|study)\b",
    re.IGNORECASE,
)


def _gives_a_title(question: str, sentence: str) -> bool:
    """A title: a capitalised word the question does not hold (not opening a sentence) or a quotation."""
    if not _TITLE_Q.search(question):
        return True
    known = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    names = re.findall(r"(?<=[^.!?]\s)[A-Z][\w’'-]*", sentence)
    return any(n.lower() not in known for n in names) or bool(re.search(r"[\"“‘]", sentence))


# "What is the name of Odysseus's loyal old dog?": the thing whose name is asked, the last of at most
# four lower-case words after "the" or a possessive where a mark or a joining word (a participle
# before it: "the seaport located in …") ends them (not "… the bony shield formed where …", nor "the
# current Sultan of Brunei" or "the studio Lucille Ball ran": a capital may go on the noun's phrase
# or open a clause)
_OWNER = r"(?:the |an? |(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*(?:’s|'s) )"
_NAME_OF_Q = re.compile(
    rf"\bname of {_OWNER}(?:[a-z][\w-]* ){{0,3}}?([a-z][\w-]+)\b"
    r"(?=\s*(?:(?:[a-z]+ed|built|made|held|kept|won|led|run|drawn|written|chosen|shown)\s+)?"
    r"(?:[?,;]|$|(?:that|which|who|whom|with|in|on|at|of|from|for|by|during|to)\b))"
    # "What was the title of Rajinikanth's debut film?": a work's title (not a ruler's: "the title of the head")
    rf"|\btitle of {_OWNER}(?:[a-z][\w-]* ){{0,3}}?(film|movie|novel|book|song|album|single|play|poem|painting|"
    r"opera|symphony|thesis|dissertation|treatise|essay|memoir|autobiography|series|show|game)\b"
    # "By what name is Ptolemy's astrological treatise most commonly known?"
    rf"|^\W*(?i:by what name) (?:is|was|are|were) {_OWNER}(?:[a-z][\w-]* ){{0,3}}?"
    r"(?!(?:most|more|best|also|now|still)\b)([a-z][\w-]+) (?:(?:most|more|best|also|now|still|[a-z]+ly) )*"
    r"(?:known|called)\b"
)


def names_the_named_thing(question: str, sentence: str, before: str = "") -> bool:
    """For "What is the name of X's dog?": does ``sentence`` speak of a dog (a sentence about
    Odysseus naming no dog names none; one opening with a pronoun may speak of it in the sentence
    ``before`` it: "This is … more commonly known as the Tetrábiblos"), and give a name: one the question
    does not hold or one it calls the thing ("… both an international airport and an international
    seaport are located within the city" names no seaport)? For a work's title, does it speak of the work? True
    for other questions."""
    wording = _wording(question)
    thing = wording.named_thing
    if not thing:
        return True
    spoken_of = f"{before} {sentence}" if _OPENS_POINTING_BACK.match(sentence) else sentence
    said = rf"\b(?:{_SAME_THING.get(thing, re.escape(thing))})"
    if wording.work_title:  # the title itself is left to rag.unmet_forms (a title's word may be the question's)
        return bool(re.search(said, spoken_of, re.IGNORECASE))
    # the name stands near the thing when the sentence itself speaks of it ("his dog Argos"), not elsewhere in
    # it ("Located in Theodore Roosevelt Park, … in addition to a planetarium and library" names no planetarium)
    near = [sentence[max(0, m.start() - 50) : m.end() + 60] for m in re.finditer(said, sentence, re.IGNORECASE)]
    return bool(re.search(said, spoken_of, re.IGNORECASE)) and (
        any(_names_another(question, text) for text in near or [sentence]) or bool(_CALLED.search(sentence))
    )


# other words for a thing whose name is asked (by its first five letters): "His aircraft, the Spirit of
# St. Louis" names Lindbergh's plane
_AIRCRAFT = r"plane|aircraft|airplane|aeroplane|airliner|jet\b"
_SAME_THING = {
    "plane": _AIRCRAFT,
    "aircr": _AIRCRAFT,
    "ship": r"ship|vessel|boat|steamer|liner|frigate|galleon",
    "boat": r"boat|ship|vessel|yacht",
    "car": r"car\b|cars\b|automobile|vehicle",
    # (a work by its making: "In 1665 he published his observations in Micrographia" names the book)
    "film": r"film|movie|picture|directed|starred",
    "movie": r"movie|film|picture|directed|starred",
    "novel": r"novel|book|publish|wrote|written",
    "book": r"book|volume|publish|wrote|written",
    "song": r"song|single|track|ballad|anthem",
    "horse": r"horse|steed|stallion|mare\b|pony",
}
# a sentence whose subject is the one before's: "This is sometimes known as …" (rag.extract.OPENS_WITH_PRONOUN
# reads no "This"; widening it would change the learned model's features, which read it)
_OPENS_POINTING_BACK = re.compile(r"^\W*(?:This|It|These|They|Its|Their)\b")
# a name given in lower case: "a dish of fried seafood, known as tempura"
_CALLED = re.compile(r"\b(?:called|named|known as|termed|dubbed|titled)\b|[\"“‘]", re.IGNORECASE)


def _names_another(question: str, sentence: str) -> bool:
    """Does ``sentence`` hold a capitalised word ``question`` does not ("Devon Island" for "Which
    island is bigger than Alexander Island?"), its first word too unless it is a common one
    ("Baghdad is the capital …", not "The capital …")?"""
    wording = _wording(question)
    return any(
        (m.start() > 0 or m.group().lower() not in STOPWORDS) and m.group().lower()[:5] not in wording.stems
        and (wording.origin_names or not _OF_ORIGIN.search(m.group()))
        for m in _CAPITALISED_WORD.finditer(sentence)
    )  # fmt: skip


# "Who is known as the 'Father of the Blues'?": a phrase the question quotes (rag.text.QUOTED_PHRASE: an
# opening quote after a space, not the apostrophe of "Dante's"), which the answer is about


def holds_the_quoted(question: str, text: str) -> bool:
    """Does ``text`` (a sentence with its article's title and the sentence before it) hold each phrase
    ``question`` quotes ("the Father of the Blues" is not B. B. King's "an American blues guitarist")?
    True for questions quoting nothing."""
    quoted = _wording(question).quoted
    return not quoted or all(phrase in _folded(text) for phrase in quoted)


# "After Phnom Penh, which are Cambodia's most populous cities?", "Golden Week is observed in which
# two countries?", "Which agency classifies …?": places, bodies, ships, languages, gods of a kind, answered
# by their names; a question read as kind "other" (its opening phrase hides the wh-word from
# rag.frame's kinds) still needs a name it does not hold. "What kind of ship …" asks for a kind.
_PROPER_KIND_Q = re.compile(
    r"(?:^|,\s*|\b(?i:in|on|of|from|into|near|by|under|with) )(?i:which|what) "
    r"(?i:(?:is|are|was|were) )?(?:(?!(?i:did|does|do|has|have|had|kinds?|types?|sorts?|forms?|class|classes)\b)"
    r"[\w’'-]+ ){0,3}?"
    r"(?P<kind>city|cities|country|countries|town|towns|capital|capitals|port|ports|river|rivers|island|islands|"
    r"state|states|province|provinces|region|regions|agency|agencies|company|companies|studios?|organi[sz]ations?|"
    r"firms?|manufacturers?|ships?|newspapers?|magazines?|teams?|clubs?|airlines?|publishers?|dynasty|dynasties|"
    r"empires?|kingdoms?|tribes?|languages?|nationality|gods?|goddess|goddesses|deity|deities)\b"
)
_CAPITALISED_WORD = re.compile(rf"\b{UPPER}[\w’'-]+")
# An adjective of origin ("ancient Egyptian religion", "the Chinese coast", "Spanish ships") names no
# god, city, ship or company; it may name a language, a nationality, a people or a realm ("the Persian Empire").
_OF_ORIGIN = re.compile(r"(?:ian|ese|ish)$")
_KINDS_AN_ORIGIN_NAMES = re.compile(r"languages?|nationality|tribes?|empires?|kingdoms?|dynasty|dynasties")


def names_one_of_the_kind(frame: QuestionFrame, sentence: str) -> bool:
    """For a question of kind "other" asking which places (bodies, ships, languages …) of a kind:
    does ``sentence`` name one the question does not? True for other questions."""
    if frame.kind != "other" or not _wording(frame.question).proper_kind:
        return True
    return _names_another(frame.question, sentence)  # rag.extract.new_names reads it as the asked name


# "How strong is a typical hydrogen bond?", "How thick is Earth's outer core?": a degree, given by
# a figure ("5 to 30 kJ/mol") or a comparison ("twice as dense"), not by naming the property
_HOW_MEASURED_Q = re.compile(
    r"^\W*how (?:strong|thick|thin|dense|hot|cold|warm|heavy|light|fast|slow|deep|tall|high|long|far|big|large|"
    r"small|old|wide|bright|loud|massive|steep|salty|acidic|common|rare|frequent|often) (?!ago\b)"
    r"(?:is|are|was|were|does|do|did)\b",
    re.IGNORECASE,
)
# "What is the latent heat of vaporization of water?": a physical quantity's value, which a sentence
# defining the process ("It can also be defined as the change in the state of water vapor …") does not give
_QUANTITY_OF_Q = re.compile(
    r"^\W*what (?:is|was|are|were) the (?:[\w-]+ ){0,3}?(?:heat|density|pressure|frequency|wavelength|energy|"
    r"voltage|resistance|resistivity|conductivity|luminosity|viscosity|ph|half-life|(?:boiling|melting|freezing) point|"
    r"speed|velocity|mass|temperature|charge|magnitude|intensity|efficiency|albedo|refractive index) of\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(r"\d|\b(?:twice|thrice|half|double|triple|times|percent|fold|per|every|each|once|daily|"
                     r"weekly|monthly|yearly|annually)\b", re.IGNORECASE)


def states_a_degree(frame: QuestionFrame, sentence: str) -> bool:
    """For a "How strong is …?" question that no figure rule reads (kind "other"): does ``sentence``
    give a figure or a comparison? True for other questions."""
    return frame.kind != "other" or not _wording(frame.question).degree or bool(
        _DEGREE.search(sentence) or numbers(sentence)
    )


# "What was the first genetically modified food approved for sale?", "Where were the first modern
# Olympics held?": the first of a kind, which a sentence (or the one before it, which a pronoun may
# go on from) states as the first, the inaugural or the earliest one, or by its beginning; not "for
# the first time", "the first half" or "the first world war", nor "her first Grammy" (whose first is
# one of hers: "She won it after the war" may answer when); "the world's first" is one too. A sentence
# calling its thing "one of the first" or "one of the world's oldest" says it may not be the first.
_FIRST_Q = re.compile(
    # ("the first and last campaigns" asks a span's two ends, not a first)
    r"\bthe (?:world['’]s )?first\b(?! (?:time|half|day|week|month|year|world war|and (?:the )?last)\b)", re.IGNORECASE
)
_ONE_OF_THE_FIRST = re.compile(r"\bone of the (?:[\w’'-]+ )?(?:first|earliest|oldest)\b", re.IGNORECASE)
_FIRST = re.compile(
    r"\b(?:first|1st|inaugural|earliest|oldest|original|began|begun|begin|beginning|start|found(?:ed|ing|er)|"
    r"establish|debut|introduc|pioneer|invent|initial|opened|premiere|maiden)",
    re.IGNORECASE,
)


def states_the_first(question: str, text: str) -> bool:
    """For a question about the first of a kind: does ``text`` (a sentence and the one before it)
    state a first or a beginning ("… since the 1994 Winter Olympics" for the first modern Olympics
    does not)? True for other questions."""
    return not _wording(question).first or bool(_FIRST.search(text) and not _ONE_OF_THE_FIRST.search(text))


def reads_whereabouts(question: str) -> bool:
    """Do these checks read a candidate's article title and the sentence before it for ``question``
    (it quotes a phrase, asks for the first of a kind or a thing's name)?"""
    wording = _wording(question)
    return bool(wording.quoted or wording.first or wording.named_thing)


@dataclass(frozen=True)
class _Wording:
    """What ``question``'s wording asks a sentence to tell, read once per question."""

    told: tuple[re.Pattern[str], ...]  # the patterns of TOLD_FOR_ASKED its wording calls for
    named_thing: str  # the stem of the thing whose name is asked ("dog"), or ""
    work_title: bool  # it asks a work's title ("the title of Rajinikanth's debut film")
    quoted: tuple[str, ...]  # the phrases it quotes, accents folded and lower-cased
    first: bool  # it asks for the first of a kind
    proper_kind: bool  # it asks which places, bodies, ships, languages … of a kind
    origin_names: bool  # … of a kind an adjective of origin names ("Egyptian" a language, not a god)
    degree: bool  # "How strong is …?"
    stems: frozenset[str]  # its words' first five letters, lower-cased


@lru_cache(maxsize=256)  # read for the question once, not for each of its candidates
def _wording(question: str) -> _Wording:
    named = _NAME_OF_Q.search(question)
    proper = _PROPER_KIND_Q.search(question)
    return _Wording(
        told=tuple(told for asked, told in TOLD_FOR_ASKED if asked.search(question)),
        named_thing=next(filter(None, named.groups()))[:5] if named else "",
        work_title=bool(named and named.group(2)),
        quoted=tuple(_folded(phrase) for phrase in QUOTED_PHRASE.findall(question)),
        first=bool(_FIRST_Q.search(question)),
        proper_kind=bool(proper),
        origin_names=bool(proper and _KINDS_AN_ORIGIN_NAMES.fullmatch(proper.group("kind").lower())),
        degree=bool(_HOW_MEASURED_Q.search(question) or _QUANTITY_OF_Q.search(question)),
        stems=frozenset(word.lower()[:5] for word in re.findall(r"[\w’'-]+", question)),
    )


def _folded(text: str) -> str:
    return " ".join(fold_accents(text).lower().split())


# "From which Greek word is the term etymology derived?": the term asked about, which an answer
# (or its article's title) holds; the French word paléontologie's derivation is not etymology's
_TERM_Q = re.compile(
    r"(?i:\bthe (?:term|word|phrase|expression|label)) [\"'‘“]?((?i:[a-z])[\w-]+)|\bthe name ([A-Z][\w-]+)"
)
# "The word was coined by …": the term named before, pointed back to
_THE_TERM = re.compile(r"^\W*(?:The|This|That) (?:term|word|phrase|name|expression|label)\b(?! \w{3,} (?:was|is)\b)")


def asked_term(question: str) -> str:
    """The term ``question`` asks about ("the term etymology" → "etymology"), or ""."""
    term = _TERM_Q.search(question)  # or "the name Dinosauria" (capitalised: not "the name of …")
    said = next(filter(None, term.groups()), "") if term else ""
    return said if said.lower() not in STOPWORDS else ""


def names_the_term(question: str, sentence: str, title: str) -> bool:
    """For a question about "the term (word) X": does ``sentence`` or its article's ``title`` hold X? For one
    asking the term for a description: does it tell a third of the description's words or more?"""
    described = _described(question)
    if described:
        return len(described) < 3 or 3 * len(described & set(content_words(sentence))) >= len(described)
    term = asked_term(question)
    return (
        not term
        or fold_accents(term).lower() in fold_accents(f"{sentence} {title}").lower()
        or bool(_THE_TERM.match(sentence))
    )


@lru_cache(maxsize=256)  # read for the question once, not for each of its candidates
def _described(question: str) -> frozenset[str]:
    """The content words of the description a term is asked for ("a market dominated by … two sellers")."""
    asked = _TERM_FOR_Q.match(question)
    return frozenset(content_words(asked.group(1))) if asked else frozenset()


# "What is the economic term for a market dominated by exactly two sellers?": a term for a description, which
# "In economics, competition is a scenario …" does not tell
_TERM_FOR_Q = re.compile(
    r"^\W*(?:what|which) (?:is|was|are|were) (?:the |an? )?(?:[\w-]+ ){0,2}?(?:term|word) (?:used )?"
    r"(?:for|to describe|describing|that describes) ([^?]+)\?\s*$",
    re.IGNORECASE,
)
