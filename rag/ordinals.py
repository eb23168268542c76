"""The first or last of a kind a question asks for, which a sentence stating a narrower one does not
give: "Who were the first winners of the Nobel Prize in Economic Sciences?" is not answered by "the
first American to win" it, "Which national park was the first in the world?" not by "the first
national park … in the Kingdom of Denmark", and "Who was the last emperor of Austria-Hungary?" not
by "the last Holy Roman Emperor". Each is a plain reading of the question and the sentence;
:func:`rag.rules.can_answer` reads them.
"""

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


# "Which period came directly after the Heian period?", "Who succeeded Nerva?": what came after a named
# one, which "It followed the Nara period" in the Heian period's summary does not tell (it tells what came
# before); nor "Trajan succeeded Nerva" for "Who came after Trajan?"
# ("named after Alexander" is no order)
_AFTER_A_NAME_Q = re.compile(
    rf"(?<!named )(?<!called )\b(?:after|succeeded|followed|replaced)\s+(?:the\s+)?"
    rf"({UPPER}[\w’'-]*(?:\s+{UPPER}[\w’'-]*)*)"
)
_FOLLOWS_ANOTHER = re.compile(
    r"^(?:[^,;]*,\s*)?(\w[\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+(?:directly\s+|immediately\s+)?"
    r"(?:followed|succeeded|replaced)\b(?!\s+by\b)"
)


_WHO_OR_WHICH_Q = re.compile(r"^\W*(?:who|which|what)\b", re.IGNORECASE)


def asks_the_one_after(question: str) -> bool:
    """Does ``question`` ask what came after a named one (:func:`tells_the_one_before` reads the title)?"""
    return bool(_AFTER_A_NAME_Q.search(question)) and bool(_WHO_OR_WHICH_Q.match(question))


def tells_the_one_before(question: str, sentence: str, title: str = "") -> bool:
    """For "Which period came directly after the Heian period?": does ``sentence`` have the named one
    (by its name, or by "it", "he" or "she" in its own article: ``title``) follow or succeed another,
    telling what came before it instead? False for other questions."""
    asked = _AFTER_A_NAME_Q.search(question)
    told = _FOLLOWS_ANOTHER.match(sentence)
    if not told or not asks_the_one_after(question):
        return False
    keys = {name_key(w) for w in asked.group(1).split()} - {"the"}
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
