"""Circumstances a question fixes that a sentence must share (:func:`shares_the_circumstances`, read by
:func:`rag.rules.can_answer`), each a plain reading of the question and the sentence:

- the race it names by its distance ("Who holds the world record in the men's 400 metres hurdles?" is
  not answered by a record in the 100 metres);
- the place a dated deed was done in ("On what date was the album released in the United States?" is
  not answered by "Released in the UK on 26 May 1967");
- the event of a kind ("the Congress of Berlin", not the Congress of Vienna);
- the far end of a distance ("How far is Port Blair from Mumbai?", not from Chennai);
- a count made outside a place ("How many people outside Egypt speak Egyptian Arabic?", not "111
  million Egyptians speak …");
- the language a script writes ("Which script is used to write Malay?", not "The Arabic script is …
  used for Arabic and several other languages");
- the medium a figure holds in ("What is the speed of sound in water?", not "… in dry air");
- the named thing a name was given to ("What name did the Taiping rebels give to Nanjing?", not "The
  Taiping Rebellion, also known as …").
"""

from __future__ import annotations

import re

from rag.text import UPPER, entity_share, name_key


def shares_the_circumstances(question: str, sentence: str, title: str) -> bool:
    """Does ``sentence`` (in the article titled ``title``) share every circumstance ``question`` fixes?"""
    return (
        names_the_race(question, sentence)
        and names_the_far_end(question, sentence)
        and tells_what_is_outside(question, sentence)
        and not in_another_medium(question, sentence)
        and names_the_language_written(question, sentence, title)
        and not deed_in_another_place(question, sentence)
        and not another_of_the_kind(question, sentence, title)
        and names_what_was_named(question, sentence)
    )

# "the men's 400 metres hurdles", "the 1,500 m": a race named by its distance
_RACE_Q = re.compile(
    r"\b(?:the|men[’']s|women[’']s) (\d[\d,.]*)\s?-?(?:metres?|meters?|m|km|kilometres?|kilometers?|miles?|yards?)\b",
    re.IGNORECASE,
)


def names_the_race(question: str, sentence: str) -> bool:
    """For a question naming a race by its distance ("the 400 metres hurdles"): does ``sentence``
    hold that distance ("the world record holder in the 100 metres, 200 metres …" does not)? True
    for other questions."""
    race = _RACE_Q.search(question)
    if not race:
        return True
    figure = race.group(1).rstrip(".,").replace(",", "")
    return figure in {n.replace(",", "") for n in re.findall(r"\d[\d,]*", sentence)}


# "… released in the United States?": a deed done in a named place, ending the question
# a run of capitalised words: a place's name ("the United States", "the UK")
_CAPITALISED_RUN = rf"{UPPER}[\w’'.-]*(?:\s+{UPPER}[\w’'.-]*)*"
# (or begun, started or ended there: "When did the Bronze Age begin in China?")
_DEED_IN_PLACE_Q = re.compile(rf"\b([a-z]{{4,}}ed|begin|start|end) in (?:the )?({_CAPITALISED_RUN})\W*$")
_PLACE_IN = rf"\s+(?:[a-z]+\s+)?in (?:(?:much|most|parts?|all) of )?(?:the )?({_CAPITALISED_RUN})"
_BEGUN = {"begin": "beg[aiu]n"}
# a country's other names, lower-cased without dots ("the US" for "the United States")
_SAME_PLACE = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
}  # fmt: skip


def deed_in_another_place(question: str, sentence: str) -> bool:
    """For "When was X released in the United States?": does ``sentence`` tell that deed only in
    another place ("Released in the UK on 26 May 1967"), never naming the place asked about?
    False for other questions and sentences."""
    asked = _DEED_IN_PLACE_Q.search(question)
    if not asked:
        return False
    verb, place = asked.group(1), _place(asked.group(2))
    if any(_place(name) == place for name in re.findall(_CAPITALISED_RUN, sentence)):
        return False
    told = re.findall(rf"\b(?i:{_BEGUN.get(verb, re.escape(verb[:5]))})\w*{_PLACE_IN}", sentence)
    return any(_place(name) != place for name in told)


def _place(name: str) -> str:
    key = name.lower().replace(".", "").removeprefix("the ").strip()
    return _SAME_PLACE.get(key, key)


# "the Congress of Berlin", "the Treaty of Paris": an event or act named by its kind and place
_KIND_OF_PLACE = re.compile(
    rf"\b(Congress|Treaty|Battle|Siege|Council|Peace|Conference|Declaration|Edict|Diet|Synod|Sack|Fall|Massacre)"
    rf" of (?:the )?({UPPER}[\w’'-]*)"
)


def another_of_the_kind(question: str, sentence: str, title: str) -> bool:
    """For "In what year was the Congress of Berlin held?": does ``sentence`` (or its article's
    ``title``) speak of another event of that kind ("The Congress … was held in Vienna", under the
    title "Congress of Vienna") and never of the one asked? False for other questions."""
    for kind, name in _KIND_OF_PLACE.findall(question):
        if re.search(rf"\b{re.escape(name)}", sentence):
            continue
        others = {other for k, other in _KIND_OF_PLACE.findall(f"{title} {sentence}") if k == kind}
        if others - {name}:
            return True
    return False


# "How far is Port Blair from Mumbai?": a distance from a named place
_HOW_FAR_FROM_Q = re.compile(rf"^\W*(?i:how far)\b.+?\bfrom (?:the )?({UPPER}[\w’'.-]*)(?:\s+{_CAPITALISED_RUN})?\W*$")


def names_the_far_end(question: str, sentence: str) -> bool:
    """For "How far is X from Mumbai?": does ``sentence`` name Mumbai ("1,190 km from Chennai and 1,255 km
    from Kolkata" does not)? True for other questions."""
    asked = _HOW_FAR_FROM_Q.match(question)
    if not asked or asked.group(1) in ("Sun", "Earth"):
        return True  # a star's distance is from the Sun or the Earth unless said ("Capella is … at 42.9 light-years")
    return bool(re.search(rf"\b{re.escape(asked.group(1)[:5])}", sentence))


# "How many people outside Egypt speak …?": a figure of those beyond a named place
_OUTSIDE_Q = re.compile(rf"\boutside (?:of )?(?:the )?{UPPER}")
# words a sentence says "beyond that place" with
_BEYOND = re.compile(
    r"\b(?:outside|abroad|beyond|elsewhere|overseas|diaspora|emigra\w*|expatriates?|"
    r"other (?:countries|nations|parts))\b",
    re.IGNORECASE,
)


def tells_what_is_outside(question: str, sentence: str) -> bool:
    """For a question about what lies outside a named place ("How many people outside Egypt speak
    Egyptian Arabic as a second language?"): does ``sentence`` speak of beyond it at all ("The estimated
    111 million Egyptians speak a continuum of dialects" does not)? True for other questions."""
    return not _OUTSIDE_Q.search(question) or bool(_BEYOND.search(sentence))


# "Which script has been used to write the Malay language?", "Which alphabet is Odia written in?"
_LANGUAGE_WRITTEN_Q = re.compile(
    rf"\b(?:(?:write|writing) (?:the )?({UPPER}[\w’'-]+)(?: language)?\W*$|(?:is|was|are|were) (?:the )?"
    rf"({UPPER}[\w’'-]+)(?: language)? (?:\w+ )?written\b)"
)


def names_the_language_written(question: str, sentence: str, title: str) -> bool:
    """For a question asking the script of a named language: does ``sentence`` or its article's ``title``
    name that language ("The Arabic script is the writing system used for Arabic and several other
    languages of Asia and Africa" does not name Malay)? True for other questions."""
    asked = _LANGUAGE_WRITTEN_Q.search(question)
    if not asked:
        return True
    return entity_share([name_key(asked.group(1) or asked.group(2))], f"{title} {sentence}") > 0


# "What is the speed of sound in water?": a figure that holds in one medium
_MEDIA = r"(?:air|water|seawater|sea water|fresh water|vacuum|a vacuum|steel|iron|glass|ice|helium|hydrogen)"
_MEDIUM_Q = re.compile(rf"\b(?:in|through) ({_MEDIA})\W*$", re.IGNORECASE)
_MEDIUM = re.compile(rf"\b(?:in|through) (?:(?:dry|moist|humid|pure|still|cold|warm|fresh|salt) )?({_MEDIA})\b",
                     re.IGNORECASE)  # fmt: skip


def in_another_medium(question: str, sentence: str) -> bool:
    """For a figure asked in a medium ("What is the speed of sound in water?"): does ``sentence`` give
    it only in others ("At 0 °C, the speed of sound in dry air is about 331 m/s")? False otherwise."""
    asked = _MEDIUM_Q.search(question)
    if not asked:
        return False
    told = {_medium(found) for found in _MEDIUM.findall(sentence)}
    return bool(told) and _medium(asked.group(1)) not in told


def _medium(name: str) -> str:
    return name.lower().removeprefix("a ").replace("sea water", "seawater")


# "What name did the Taiping rebels give to Nanjing?", "What did the Romans call London?"
_NAME_GIVEN_Q = re.compile(
    rf"^\W*(?i:what) (?:(?:new |other )?names? )?(?:did|do|does) (?:the )?[^?]*?\b(?:give|gave) (?:to )?(?:the )?"
    rf"({UPPER}[\w’'-]+)|^\W*(?i:what) (?:did|do|does) [^?]*?\bcall (?:the )?({UPPER}[\w’'-]+)\W*$"
)


def names_what_was_named(question: str, sentence: str) -> bool:
    """For a name given to a named thing ("What name did the Taiping rebels give to Nanjing?"): does
    ``sentence`` name that thing ("… Nanjing—which had been renamed to Tianjing—")? True for other questions."""
    asked = _NAME_GIVEN_Q.match(question)
    named = next((name for name in asked.groups() if name), "") if asked else ""
    return not named or entity_share([name_key(named)], sentence) > 0
