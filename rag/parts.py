"""Questions that ask for several things, split into the questions they are made of.

"How many troops has Moscow gathered in Kursk, and how many of the North Koreans there did
Blinken count?" is two questions; "Which is longer, the Godavari or the Yamuna?" asks the
length of each river; "Who are the Polish and British foreign ministers?" asks for two people.
Each part is answered (and cited) on its own, so an answer cannot satisfy one part and
silently drop the other. Plain English wording rules; nothing here is fitted to a corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rag.text import UPPER

_WH = (  # (also "…, and off which country …?", "…, and since when …?")
    r"(?:how|what|which|who|whom|whose|where|when|why|since when|"
    r"(?:in|on|at|from|to|for|by|of|off|into|with|under|near|during|through|over) (?:which|what))\b"
)
# "…, and how many …": a second question joined to the first.
# A bare "…, and when?" / "…, and where?" is a part too, asked of the part before it (rag.frame).
_CLAUSES = re.compile(rf"^(?P<first>.+?\w.*?),?\s+and\s+(?P<second>{_WH}.+|when|where)$", re.IGNORECASE)
# a name, and perhaps the common noun it qualifies ("Corvid missiles")
_NAME = (rf"{UPPER}[\w’'.-]*(?:\s+(?:(?:of|de|del|da|la|y)\s+)?{UPPER}[\w’'.-]*)*"
         r"(?:\s+(?!(?:in|on|at|of|for|and|or|the|to|by|with|from|than|is|was|are|were|has|have|had)\b)[a-z]+)?")
# "…, the Godavari or the Yamuna", "…, Tel Aviv or Pittsburgh (city proper)"
_ALTERNATIVES = re.compile(
    rf",?\s*(?:between\s+)?(?:the\s+)?(?P<a>{_NAME})(?:\s*\([^)]*\))?\s+or\s+(?:the\s+)?(?P<b>{_NAME})(?:\s*\([^)]*\))?"
    # "Is the Nile longer than the Amazon?"
    rf"|(?:the\s+)?(?P<a2>{_NAME})\s+(?:[a-z]+\s+)?(?:\w+er|more \w+|fewer \w+)\s+than\s+(?:the\s+)?(?P<b2>{_NAME})"
)
# How a comparison is worded → the question that measures one alternative.
_MEASURES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:longer|shorter|larger|bigger|smaller|greater|wider|heavier|faster|deeper|taller)\s+"
                r"(?!than\b|or\b|and\b|one\b)(?P<noun>[a-z]+)\b", re.I), "What is the {noun} of {x}?"),
    (re.compile(r"\branks? (?:higher|lower)\b(?P<rest>\s+among\b[^,?]*)?", re.I), "What is the rank of {x}{rest}?"),
    (re.compile(r"\blonger\b", re.I), "What is the length of {x}?"),
    (re.compile(r"\b(?:larger|bigger)\b", re.I), "What is the size of {x}?"),
    (re.compile(r"\btaller\b", re.I), "What is the height of {x}?"),
    (re.compile(r"\bhigher\b", re.I), "What is the height of {x}?"),
    (re.compile(r"\bdeeper\b", re.I), "What is the depth of {x}?"),
    (re.compile(r"\b(?:more|fewer|less) (?:inhabitants|people|residents|citizens)\b", re.I),
     "What is the population of {x}?"),
    (re.compile(r"\b(?:more|fewer|less) (?P<noun>[a-z]+)\b", re.I), "How many {noun} does {x} have?"),
    (re.compile(r"^(?:who|which \w+)\s+(?P<verb>[a-z]+ (?:[^,?]+?))\s+(?:earlier|first|later|sooner)\b", re.I),
     "In which year {x} {verb}?"),
)  # fmt: skip
# A second question that only refers back to the alternatives ("how long is the longer one?",
# "what are their ranks?", "in which years did each win?"): the measure questions cover it.
_REFERS_BACK = re.compile(r"\b(?:each|their|both|the \w+er one|they|them|these|those)\b", re.IGNORECASE)
# "Who are the Polish and British foreign ministers …": one question per item.
_COORDINATED = re.compile(
    rf"^(?P<head>(?:[Ww]ho|[Ww]hich|[Ww]hat)\b.*?\bthe )(?P<a>{UPPER}[\w-]+) and (?P<b>{UPPER}[\w-]+) "
    r"(?P<noun>(?:[a-z]+ ){0,2}[a-z]+)s\b(?P<tail>.*)$"
)
_BOTH = re.compile(
    rf"\bboth (?:the )?(?P<a>{UPPER}[\w’'.\s-]*?) and (?:the )?(?P<b>{UPPER}[\w’'.\s-]*?)(?= [a-z]|[?,.]|$)"
)
_PLURAL_VERB = {"are": "is", "were": "was", "have": "has"}
_PREPOSITION = re.compile(r"^(?P<wh>(?:how|what|which) \w+)\s+(?P<prep>(?:in|for|at|on|of|by)\b.*)$", re.IGNORECASE)
_WH_PHRASE = re.compile(r"^(?P<wh>(?:how many|how much|which|what) \w+)(?P<rest>\s+.*)?$", re.IGNORECASE)
_SHARED_VERB = re.compile(r"^(?P<wh>[^,]+),\s+(?P<verb>(?:did|does|do|was|were|is|are|has|have|had)\b.+)$", re.I)
_WHICH_THINGS_ARE = re.compile(r"\W*(?:which|what) (?:[a-z]+ )?[a-z]+s\b.*?\b(?:are|were)\b", re.IGNORECASE)
MAX_PARTS = 4


@dataclass(frozen=True)
class Part:
    text: str  # the part as a question of its own
    subject: str = ""  # for one alternative of a comparison, that alternative ("Lake Winnipeg")


def split(question: str) -> tuple[Part, ...]:
    """The questions ``question`` is made of, in order; () when it asks for one thing."""
    text = " ".join(question.split()).rstrip(" ?")
    clauses = _clauses(text)
    parts: list[Part] = []
    compared = False
    for clause in clauses:
        measured = _per_alternative(clause)
        if measured:
            parts.extend(measured)
            compared = True
        elif not (compared and _REFERS_BACK.search(clause)):
            parts.extend(Part(text) for text in _per_item(clause))
    parts = list(dict.fromkeys(replace(p, text=_as_question(p.text)) for p in parts))
    return tuple(parts[:MAX_PARTS]) if len(parts) > 1 else ()


def _clauses(text: str) -> list[str]:
    """``text`` cut at ", and <question word>", with an elliptic part completed from the other
    ("How many teams play in the NFL and how many in MLB" → "… play in MLB"; "How many plays
    and how many sonnets make up …" → "How many plays make up …")."""
    match = _CLAUSES.match(text)
    if not match or len(match["first"].split()) < 2:
        return [text]
    first, second = match["first"], match["second"]
    elliptic = _PREPOSITION.match(second)
    if elliptic and not re.search(r"\b(?:is|are|was|were|did|does|do|has|have|had)\b", second, re.IGNORECASE):
        stem = re.match(r"^(?P<stem>.+?)\s+(?:in|for|at|on|of|by)\b(?!.*\b(?:in|for|at|on|of|by)\b)", first)
        if stem:
            second = f"{stem['stem']} {elliptic['prep']}"
    # "In which comic book, and on what date, did she first appear": the verb after both is each one's
    shared = _SHARED_VERB.match(second)
    if shared and not re.search(r"\b(?:is|are|was|were|did|does|do|has|have|had)\b", first, re.IGNORECASE):
        first, second = f"{first} {shared['verb']}", f"{shared['wh']} {shared['verb']}"
    short = _WH_PHRASE.match(first)
    tail = _WH_PHRASE.match(second)
    if short and not short["rest"] and tail and tail["rest"]:
        first = f"{first}{tail['rest']}"
    return [first, second]


def _per_alternative(clause: str) -> list[Part]:
    """For a comparison of named alternatives, the question that measures each one."""
    found = _ALTERNATIVES.search(clause)
    # "Which moons in the Solar System are bigger than Callisto?" asks for the things, comparing no two names
    # (a single "Which city in Punjab is larger than Amritsar?" stays a comparison of the two)
    if not found or (found["a2"] and _WHICH_THINGS_ARE.match(clause)):
        return []
    names = [found[k] for k in ("a", "b", "a2", "b2") if found[k]]
    rest = clause
    for name in names:
        rest = rest.replace(name, " ")
    rest = " ".join(rest.split()).strip(" ,")
    for pattern, template in _MEASURES:
        cue = pattern.search(rest)
        if cue:
            fields = {k: (v or "").strip() for k, v in cue.groupdict().items()}
            if fields.get("rest"):
                fields["rest"] = " " + fields["rest"]
            return [Part(template.format(x=_alternative(name), **fields), _alternative(name)) for name in names]
    return []


def _per_item(clause: str) -> list[str]:
    """"Who are the Polish and British foreign ministers" → one question per minister; "In which
    city are both the NFL and MLB headquartered" → one per league."""
    coordinated = _COORDINATED.match(clause)
    if coordinated:
        head = _singular_verb(coordinated["head"])
        noun, tail = coordinated["noun"], coordinated["tail"]
        return [f"{head}{coordinated[k]} {noun}{tail}" for k in ("a", "b")]
    both = _BOTH.search(clause)
    if both:
        return [_singular_verb(clause[: both.start()]) + both[k] + clause[both.end() :] for k in ("a", "b")]
    return [clause]


def _singular_verb(text: str) -> str:
    return re.sub(r"\b(are|were|have)\b", lambda m: _PLURAL_VERB[m[1]], text, count=1)


def _alternative(name: str) -> str:
    """The alternative's name without a sentence-initial question word ("Does Tel Aviv")."""
    return re.sub(r"^(?:is|was|are|were|does|did|do|has|have|had|which|who|what|how)\s+", "", " ".join(name.split()),
                  flags=re.IGNORECASE)


def _as_question(text: str) -> str:
    text = text.strip(" ,?")
    return text[:1].upper() + text[1:] + "?"
