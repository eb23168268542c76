"""Relatives: how a question asks for a person's relative, and whether a sentence states that relation.

"What is the name of Gregor Samsa's sister?" is not answered by a sentence naming him and his
family but no sister, nor "Who was X's doctoral advisor?" by one telling of his thesis but no
advisor: the frame records the relative asked for (:func:`asked_relative_word`, :func:`relation_of`)
and a sentence must state that relation (:func:`states_relative`). A relative that is merely
mentioned ("What did Trump's son say?") is not asked for.
"""

from __future__ import annotations

import re

from rag.text import QUOTED_PHRASE

# relatives: how a question asks for one, and the words of a sentence stating that relation
_RELATIVES = {
    "sibling": (r"sisters?|brothers?|siblings?", r"sister|brother|sibling"),
    "spouse": (
        r"wife|wives|husbands?|spouses?|(?:queen |king |prince )?consorts?",
        # (not "consort": "The queen consort of the princely state of Jhansi" names no husband)
        r"wife|wives|husband|spouse|married|marriage|widow|wed\b",
    ),
    "child": (r"sons?|daughters?|child|children|offspring", r"son|daughter|child|offspring|heir"),
    "parent": (r"father|mother|parents?", r"father|mother|parent|son of|daughter of|born to"),
    "grandparent": (r"grandfather|grandmother|grandparents?", r"grand(?:father|mother|parent|son|daughter)"),
    # "Who was Louis de Broglie's doctoral advisor?" is not answered by what he is known for
    "teacher": (
        r"(?:(?:doctoral|thesis|phd|ph\.d\.) )?(?:advis[eo]rs?|supervisors?)|teachers?|mentors?|tutors?",
        r"advis|supervis|teach|taught|mentor|tutor|stud(?:ied|ent|ying)|pupil|discipl|apprentic|train",
    ),
    "student": (
        r"(?:(?:doctoral|phd) )?students?|pupils?|disciples?|apprentices?|protégés?|proteges?",
        r"stud(?:ied|ent|ying)|pupil|discipl|apprentic|protég|proteg|teach|taught|mentor|tutor|advis|supervis|train",
    ),
}
_RELATIVE_WORD = "|".join(asked for asked, _ in _RELATIVES.values())
# asked for, not merely mentioned: "the name of X's sister?", "the wife of X", "his eldest son,",
# "how many children" — not "What did Trump's son say?" (the relative is who speaks)
_RELATIVE_Q = re.compile(
    r"(?:['’]s|\bthe|\bhis|\bher|\btheir) (?:(?:eldest|oldest|youngest|first|second|only|older|younger|elder|"
    rf"twin|late) )?({_RELATIVE_WORD})\b(?=\s*(?:[?,]|$|(?:of|in|from|with|called|named|who|whom)\b))"
    rf"|\bhow many ({_RELATIVE_WORD})\b",
    re.IGNORECASE,
)


_PARENTS_MARRIAGE = re.compile(
    r"\b(?:son|daughter|child|heir)\s+of\b[^,;.]*?\band\s+(?:his|her)\s+(?:wife|husband|spouse)\b", re.IGNORECASE
)


def asked_relative_word(question: str) -> str:
    """The word the relation is asked for with ("Who was Xerxes I's father?" → "father"), or "" (not
    in a quoted name: "the man called 'the father of modern linguistics'" asks no father)."""
    found = _RELATIVE_Q.search(QUOTED_PHRASE.sub(" ", question))
    return (found.group(1) or found.group(2)).lower() if found else ""


def relation_of(word: str) -> str:
    """The relation a relative's word asks for ("father" → "parent", "wives" → "spouse"), or ""."""
    return next((key for key, (asked, _) in _RELATIVES.items() if re.fullmatch(asked, word)), "") if word else ""


def states_relative(relative: str, sentence: str) -> bool:
    """Does ``sentence`` state the relation asked for (always True when none is asked)?"""
    if not relative:
        return True
    sentence = re.sub(r"[\w’'-]+-in-law\b", " ", sentence)  # a father-in-law is not the father asked for
    if relative == "spouse":  # "the first child of Charles I and his wife, Elizabeth": the parents' marriage
        sentence = _PARENTS_MARRIAGE.sub(" ", sentence)
    return bool(re.search(rf"\b(?:{_RELATIVES[relative][1]})", sentence, re.IGNORECASE))


# "Phidias was the son of Charmides of Athens": a relative named by kin and one name (a single name,
# which rag.person.names_person does not take for a person's)
_KIN_NAMED = re.compile(
    r"\b(?:sons?|daughters?|child|children|wife|husband|widow|brother|sister|father|mother|pupil|student) of"
    r"(?: (?:the )?(?:[a-z]+ )?(?:king|queen|emperor|general|poet|philosopher|painter|sculptor))? (?-i:[A-Z])\w+",
    re.IGNORECASE,
)


def names_the_relative(relative: str, sentence: str) -> bool:
    """For a question asking for a relative: does ``sentence`` name one by kin ("the son of Charmides")?"""
    return bool(relative) and bool(_KIN_NAMED.search(sentence))


# "Zhiyi … was a Chinese Buddhist monk, philosopher, meditation teacher, and exegete": a teacher's or
# student's word the sentence says of its own subject, not of someone to someone ("a pupil of Plato")
_OWN_ROLE = re.compile(
    r"\b(?:is|was|are|were|became|becomes)\s+(?:a|an)\b[^.;:]*?"
    r"\b(?:teacher|tutor|mentor|advis[eo]r|supervisor|student|pupil|disciple|apprentice)s?\b(?!\s+(?:of|to|under)\b)",
    re.IGNORECASE,
)


def tells_the_relation(relative: str, sentence: str) -> bool:
    """:func:`states_relative`, not counting a teacher's or student's word that only says what the
    sentence's subject is ("Who was Zhiyi's teacher?" is not answered by "Zhiyi was … a meditation
    teacher"). (The model's feature reads :func:`states_relative` as it was fitted.)"""
    if relative in ("teacher", "student"):
        sentence = _OWN_ROLE.sub(" ", sentence)
    if relative == "parent":
        sentence = _UNNAMED_PARENTS.sub(" ", sentence)
    return states_relative(relative, sentence)


# "born … to royal parents of the Shakya clan": parents of a kind, named by none ("What was the name of the
# Buddha's father?"; not "born to parents Ram and Sita")
_UNNAMED_PARENTS = re.compile(r"\b(?:to|of) (?:(?:his|her|their|a|an) )?(?:[a-z-]+ ){0,2}parents\b(?!,? (?-i:[A-Z]))")
