"""The deed a "Who …?" question asks about, told with its doer: "Who betrayed Babak?" is not answered
by "… was defeated when Babak was betrayed" (the deed, with no doer), "Who coined the term?" not by
someone's definition of it (no coining), and "Who invented the lead–acid battery?" not by "He invented
the voltaic pile" (the deed done to another thing). Each is a rule after the model, read by
:func:`rag.rules.can_answer`; moved here from :mod:`rag.person`, which tells who a sentence names.
"""

from __future__ import annotations

import re

from rag.judge_rules import content_words
from rag.text import KIND_NOUNS

# "Who betrayed Babak?": the deed asked for, by its past-tense verb
_WHO_DID = r"^\W*(?:and |but )?who (?:first |originally |later |eventually )?"  # before the deed's verb
_DEED_Q = re.compile(_WHO_DID + r"([a-z]+ed)\b", re.IGNORECASE)


def deed_told_with_its_doer(question: str, sentence: str) -> bool:
    """For "Who betrayed X?": is the deed in ``sentence`` (if named there) told with its doer?
    "… was defeated when Babak was betrayed" or "the murder of his parents" says it happened, not who
    did it; "betrayed by his ally" or "Afshin betrayed him" does. True for other questions.
    (:func:`names_the_doer` is a feature: whether a text names the doer by its noun, "the founder".)"""
    asked = _DEED_Q.match(question)
    if not asked:
        return True
    verb = asked.group(1).lower()  # or its noun: "the murder of", not the doer's ("the founder of") nor "the l…"
    noun = rf"|\bthe {verb[:-2]}(?!\w*(?:er|or)s?\b)\w* of\b" if len(verb) > 5 else ""
    deeds = list(re.finditer(rf"\b{verb}\b{noun}", sentence, re.IGNORECASE))
    return not deeds or not all(agentless_passive(sentence, deed) for deed in deeds)


def agentless_passive(sentence: str, deed: re.Match[str]) -> bool:
    # "was betrayed", "was later betrayed" — with no "by …" after it ("founded … 2005, by …"); "the murder of
    # his parents" with none in its clause ("…, a vendetta tempered by the ideal of justice" names no doer)
    if deed.group().lower().startswith("the "):
        return not re.match(r"[^;.,]*?\bby\b", sentence[deed.end() :])
    passive = re.search(r"\b(?:was|were|been|being|is|are|be|get|got)\s+(?:[a-z]+\s+)?$", sentence[: deed.start()])
    return bool(passive) and not re.match(r"[^;.]*?\bby\b", sentence[deed.end() :])


# "Who designed the 1860 Henry rifle?": the deed asked for and the words that state it (or one like
# it: a word "introduced", a law "proposed"), which a sentence naming the thing alone does not hold
_WHO_DEEDS = tuple(
    # (also "Which artist coined …?")
    (re.compile(rf"^\W*(?:who|(?:which|what) [\w-]+) (?:is credited with |first |originally )?"
                rf"(?:{asked})\b", re.IGNORECASE),
     re.compile(stated, re.IGNORECASE))
    for asked, stated in (
        ("designed|designing", r"\bdesign|\bdevis|\bdevelop|\bcreat|\binvent|\bengineer|\bconceiv|\barchitect"),
        ("coined|coining|introduced|introducing",
         r"\bcoin|\bintroduc|\bfirst used|\binvent|\bcreat|\bpropos|\bpopulari[sz]|\bnam(?:ed|ing)\b|\bgave\b"),
        ("formulated|formulating", r"\bformulat|\bpropos|\bdevelop|\bstated\b|\bintroduc|\bdiscover|\bpostulat"),
        ("found", r"\bfound\b|\bdiscover|\bunearth|\bexcavat|\buncover|\bidentif"),
        # "Who produced the Velm recording session?" is not answered by "… released by Columbia Records"
        ("produced|producing", r"\bproduc|\bmanufactur|\bmade\b"),
        # "Who taught the young Euler?" is not answered by "… named after Leonhard Euler"
        ("taught|tutored|mentored", r"\btaught|\bteach|\btutor|\bmentor|\bstudent|\bpupil|\bstudied\b|\bprotég"),
        # "Which state reunified northern China in 439?" is not answered by when the period ended
        ("reunified|unified|reunited", r"\bre-?unif|\bunif|\breunit"),
        # "Who composed the music for the 1939 film?" is not answered by "… produced by Metro-Goldwyn-Mayer"
        ("composed|composing", r"\bcompos|\bscored?\b|\bmusic\b|\bwr[io]te\b|\bwritten\b|\bsongwrit"),
        # "Which president first appointed Andrew Mellon …?" is not answered by the years he served
        ("appointed|appointing|nominated", r"\bappoint|\bnominat|\bnamed\b|\bchos(?:e|en)\b|\bselected\b|\bpicked\b"),
        # "Who was the principal author of the Declaration …?" is not answered by when it was adopted
        (r"(?:is|was) (?:the )?(?:[\w-]+ )?author of",
         r"\bauthor|\bwr[io]te|\bwritten|\bdraft|\bpenned\b|\bcompos|(?-i:\bby [A-Z])"),
    )
)  # fmt: skip


def states_the_deed(question: str, sentence: str) -> bool:
    """For "Who designed (coined, introduced, formulated, found, produced) …?": does ``sentence`` state that
    deed, or one like it, with its doer? "The 1860 Henry rifle … superseded muskets" names the
    thing only; "the French word paléontologie was introduced … in 1822" says it happened, not by
    whom. True for other questions."""
    for asked, stated in _WHO_DEEDS:
        if asked.search(question):
            return any(not (_participle(sentence, deed) and agentless_passive(sentence, deed))
                       for deed in stated.finditer(sentence))
    return True


def _participle(sentence: str, deed: re.Match[str]) -> bool:
    """Is the deed's word a verb's participle ("was introduced"), not a noun ("was a student of")?"""
    word = re.match(r"[\w’'-]*", sentence[deed.start() :]).group()
    return bool(re.search(r"(?:ed|en|ght|ade|ilt|wn|te)$", word, re.IGNORECASE))


# "Who invented the rechargeable lead–acid battery?": the deed and the lower-case thing it was done
# to, up to a preposition or the end; what a sentence did the same deed to comes after its verb
_DEED_OF_Q = re.compile(
    _WHO_DID + r"([a-z]+ed|wrote|built|made|drew)\s+"
    r"(?:(?:the|an?) )?(?!(?:the|an?) )((?-i:[a-z])[\w’'–-]*(?: [\w’'–-]+){0,4}?)"
    r"\s*(?:\?|$|\b(?:in|at|on|for|during|while|when|with|by|from|after|before|and|to|as)\b)",
    re.IGNORECASE,
)
# (not "Established in the early 1890s by Freud" nor "completed by his son": the deed's doer follows)
_DONE_TO = (
    r"\s+(?!(?:in|on|at|by|from|for|with|during|as|to|into|after|before|through|under|over|since|until|of)\b)"
    r"(?:(?:the|an?|his|her|its|their|first|new)\s+)?([\w’'–-]+(?:\s+[\w’'–-]+){0,2})"
)


def deed_done_to_another(question: str, sentence: str) -> bool:
    """For "Who invented the rechargeable lead–acid battery?": does ``sentence`` tell the deed done
    to something else only ("He invented the voltaic pile in 1799"), naming none of the asked
    thing's words? False for other questions and sentences without the deed's verb."""
    asked = _DEED_OF_Q.match(question)
    if not asked:
        return False
    thing = set(content_words(asked.group(2)))
    if not thing or thing & set(content_words(sentence)):
        return False
    found = re.finditer(rf"\b{asked.group(1)}{_DONE_TO}", sentence, re.I)
    # "… invented it" and "discovered the element" may stand for the thing
    done_to = [set(content_words(m.group(1))) for m in found if m.group(1).split()[0].lower() not in KIND_NOUNS]
    return bool(done_to) and all(done_to)
