"""The first or last of a kind a question asks for, which a sentence stating a narrower one does not
give: "Who were the first winners of the Nobel Prize in Economic Sciences?" is not answered by "the
first American to win" it, "Which national park was the first in the world?" not by "the first
national park … in the Kingdom of Denmark", and "Who was the last emperor of Austria-Hungary?" not
by "the last Holy Roman Emperor"; and the order asked around a named one: "Who … after X?" needs a
succession told, not the one X followed ("It followed the Nara period"), and "… before X?" an order. Each
is a plain reading of the question and the sentence; :func:`rag.rules.can_answer` reads them (moved here
from :mod:`rag.rules`, the order rules with the one they share a question pattern with)."""

from __future__ import annotations

import re

from rag.text import UPPER, name_key

# "the first winners", "the very first prizes": the first of all of a kind written in lower case
_FIRST_OF_ALL_Q = re.compile(r"\b(?:the|its|their) (?:very )?first (?!time\b|half\b)[a-z]")
# "the first American to win", "the first woman elected": the first of a group narrower than the kind
_FIRST_OF_A_GROUP = re.compile(
    rf"\b(?:first|earliest)\s+(?:(?:{UPPER}[a-z]+(?:an|ese|ish|ch|ic|i))(?:-{UPPER}[a-z]+)?|women|woman|female"
    rf"|black|non-[\w-]+)\b"
)
_FIRST = re.compile(r"\b(?:first|earliest)\b", re.IGNORECASE)


def first_of_a_narrower_group(question: str, sentence: str) -> bool:
    """For "Who were the first winners of …?": is every first that ``sentence`` states the first of a
    narrower group, named by an origin or as women ("the first American to win the Nobel Memorial
    Prize"), that the question does not name? False for other questions."""
    if not _FIRST_OF_ALL_Q.search(question):
        return False
    firsts = _FIRST.findall(sentence)
    known = {word.lower()[:4] for word in re.findall(r"[\w’'-]+", question)}
    narrower = [m for m in _FIRST_OF_A_GROUP.finditer(sentence) if m.group().split()[-1].lower()[:4] not in known]
    return bool(firsts) and len(narrower) == len(firsts)


# "Which national park was the first in the world?", "the world's first …" (not "the first person to climb the
# highest mountain in the world": a first there is told of the mountain by its name)
_FIRST_IN_THE_WORLD_Q = re.compile(r"\bfirst (?:[\w-]+ ){0,3}?in the world\b|\bworld['’]s first\b", re.IGNORECASE)
_FIRST_OR_OLDEST = re.compile(r"\b(?:first|earliest|oldest)\b", re.IGNORECASE)
# "… to be created in the Kingdom of Denmark": the rest of its clause places the first in a named land
_IN_A_NAMED_PLACE = re.compile(rf"[^.;:]{{0,80}}?\b(?:in|of) (?:the )?(?!World\b){UPPER}")


def first_in_a_narrower_place(question: str, sentence: str) -> bool:
    """For "Which national park was the first in the world?": does ``sentence`` state no first of
    its own ("the northernmost national park in the world") or only firsts in a named land ("the
    first national park to be created in the Kingdom of Denmark")? False for other questions."""
    if not _FIRST_IN_THE_WORLD_Q.search(question):
        return False
    firsts = list(_FIRST_OR_OLDEST.finditer(sentence))
    return all(
        (_IN_A_NAMED_PLACE.match(sentence, m.end()) or _A_NAMED_PLACES.search(sentence, 0, m.start()))
        and "world" not in sentence[m.end() : m.end() + 80].lower()
        for m in firsts
    )


# "Banff National Park is Canada's first national park": a land's own first, named before it
_A_NAMED_PLACES = re.compile(rf"\b(?!World)(?:{UPPER}[\w-]*\s+)*?{UPPER}[\w-]*[’']s\s+(?:very\s+)?$")


# "Who became India's prime minister after Nehru?", "Who took the throne after Nebuchadnezzar II
# died?", "Which dynasty took over after the Satavahana rule ended?": a successor, whom an answer tells as
# one (not "Nehru became the first Prime Minister", nor "the Satavahana rule … lasted until the early 3rd century")
# ("named after Wilhelm Röntgen" is no succession, nor "Which city ranks second in size after Cairo?")
_SUCCESSOR_Q = re.compile(
    r"^\W*(?i:who|which (?!year\b)[a-z]+(?!.*\b(?:second|third|fourth|fifth|next|ranks?|ranked)\b))\b.*"
    rf"\b(?<!named )(?<!called )(?:after|succeeded|replaced)\s+(?:the\s+)?({UPPER}[\w’'-]*(?:\s+{UPPER}[\w’'-]*)*)"
)
# ("after" a name or its end: "after Nehru's death", not "restoring royal authority after the
# disastrous reign of his father", which tells who came before)
_SUCCESSION = re.compile(
    r"\b(?i:succe(?:ed|eded|eds|ssor|ssion)|follow(?:ed|ing)|replac(?:ed|ing)|in place of)\b"
    r"|\b(?i:after)\s+(?:[A-Z]|(?i:the|his|her|their)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?i:death|abdication|resignation|retirement|deposition|overthrow|assassination|murder|fall|dismissal)\b)",
)




def tells_a_succession(question: str, sentence: str) -> bool:
    """For "Who … after X?" (a person, not an event): does ``sentence`` tell anyone coming after (succeeding,
    following, replacing) someone? True for other questions."""
    asked = _SUCCESSOR_Q.match(question)
    if not asked or _DONE_TO_THE_ASKED.match(question, asked.end()):
        return True
    return bool(_AN_EVENT.search(asked.group(1))) or bool(_SUCCESSION.search(sentence))


# "Which band did Dave Mustaine form after Metallica fired him?": what the name after "after" did to the
# one asked about, not a predecessor ("after Nebuchadnezzar II died" is one)
_DONE_TO_THE_ASKED = re.compile(r"\s+[a-z]+(?:ed|t)\s+(?:him|her|them)\b")


# "Who became the first ruler of the Kingdom of Jerusalem after the First Crusade?": after an event, not a person
_AN_EVENT = re.compile(
    r"\b(?:Wars?|Crusade|Revolution|Battle|Conquest|Invasion|Restoration|Reformation|Partition|Independence|Revolt|"
    r"Rebellion|Uprising|Council|Treaty|Congress)$"
)


# "What was the supercontinent that existed before Pangaea?", "Who ruled before Ashoka?": who or what
# came before a named one, which a sentence tells by an order (not "the last shogun before the Meiji
# Restoration", which "the final shogun" tells)
# (also "Who ruled Tenochtitlan immediately before Moctezuma I?", which "He succeeded his uncle" tells)
_PREDECESSOR_Q = re.compile(
    r"\b(?:existed|came|ruled|reigned|served|called|named|known)\s+(?:[\w’'-]+\s+){0,3}?before\s+(?:the\s+)?[A-Z]"
)
_PRECEDENCE = re.compile(
    r"\b(?i:preced\w*|predecessor|before|prior|previous(?:ly)?|earlier|former(?:ly)?|since|succeeded)\b"
)


def tells_a_precedence(question: str, sentence: str) -> bool:
    """For "What … existed before Pangaea?": does ``sentence`` tell an order ("preceded", "before",
    "since", "formerly")? Pangaea's own "a supercontinent that existed during the late Paleozoic" does
    not. True for other questions."""
    return not _PREDECESSOR_Q.search(question) or bool(_PRECEDENCE.search(sentence))


# "It followed the Nara period" in the Heian period's summary, "Trajan succeeded Nerva": the named one
# (or "it", "he", "she" in its own article) following another (not "It was followed by …")
_FOLLOWS_ANOTHER = re.compile(
    r"^(?:[^,;]*,\s*)?(\w[\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+(?:directly\s+|immediately\s+)?"
    r"(?:followed|succeeded|replaced)\b(?!\s+by\b)"
)


def asks_the_one_after(question: str) -> bool:
    """Does ``question`` ask who or what came after a named one (:func:`tells_the_one_before` reads the title)?"""
    return bool(_SUCCESSOR_Q.match(question))


def tells_the_one_before(question: str, sentence: str, title: str = "") -> bool:
    """For "Which period came directly after the Heian period?" (or "Who came after Trajan?"): does
    ``sentence`` have the named one (by its name, or by "it", "he" or "she" in its own article: ``title``)
    follow or succeed another, telling what came before it instead? False for other questions."""
    asked = _SUCCESSOR_Q.match(question)
    told = _FOLLOWS_ANOTHER.match(sentence)
    if not asked or not told:
        return False
    keys = {name_key(w) for w in asked.group(1).split()}
    subject = told.group(1)
    if subject.lower() in ("it", "he", "she", "this", "they"):
        return bool(title) and bool(keys & {name_key(w) for w in title.split()})
    return bool(keys & {name_key(w) for w in subject.split()})


# "the last emperor of Austria-Hungary", "the first president of Ghana": the first or last holder of a
# role in a named realm, asked "Who was …?" (not "the first winners of the Vell Prize", nor "Who conducted
# the first performance of Tristan und Isolde?": a deed, not a role)
_OF_A_NAMED_REALM_Q = re.compile(
    r"^\W*(?i:who (?:was|is|became|served as))\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    rf"(?:first|last|final)\s+([a-z][\w-]*[^\Ws])\s+of\s+(?:the\s+)?"
    rf"({UPPER}[\w’'.]*(?:[\s–-]+{UPPER}[\w’'.]*)*)"
)


def of_another_realm(question: str, sentence: str, title: str, before: str) -> bool:
    """For "Who was the last emperor of Austria-Hungary?": do ``sentence``, the one ``before`` it and its
    article's ``title`` leave out a word of the realm ("the last Holy Roman Emperor … the first Emperor
    of Austria" names Austria, not Austria-Hungary), or does ``sentence`` state no first or last of the
    role ("the last phase")? Each word counts by its first five letters ("Austro-Hungarian" for
    Austria-Hungary). False for other questions."""
    asked = _OF_A_NAMED_REALM_Q.search(question)
    if not asked:
        return False
    role = rf"(?:{re.escape(asked.group(1)[:5])}|{_RULERS})"
    if not re.search(rf"\b(?:first|last|final)\s+(?:[\w’'-]+\s+){{0,3}}?{role}", sentence, re.IGNORECASE):
        return True  # "the last phase in the constitutional evolution" is no last emperor
    if not title:
        return False  # the realm may be the article's, unknown here
    have = {word.lower()[:5] for word in re.findall(r"[^\W\d_]+", f"{title} {before} {sentence}")}
    return any(word.lower()[:5] not in have for word in re.findall(r"[^\W\d_]+", asked.group(2)))


# a ruler told by another word ("Its first king" for the first monarch)
_RULERS = (
    r"king|queen|monarch|emperor|empress|ruler|sovereign|president|pharaoh|sultan|shah|tsar|czar|khan|caliph|"
    r"chancellor|prime minister|premier|governor|head of state|leader"
)
