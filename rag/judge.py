"""The offline support judge: is a claim sentence supported by a passage?

No LLM involved. A claim is supported when (1) every number — with its unit — and every
named entity it states appears in the passage, (2) its polarity (negation) matches the
passage sentence it paraphrases, (3) two entities it relates appear in the same roles, and
(4) most of its content words (or, for paraphrases, its meaning by embedding similarity)
are found in the passage. Each failed check yields a reason a person can read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself now of
    off on once only or other our ours out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours according said says say reported reports told
    tells per its it's""".split()
)  # fmt: skip
NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())
UNITS = {
    "km": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "mile": "mi", "miles": "mi", "mi": "mi", "%": "pct", "percent": "pct", "per cent": "pct",
    "square kilometers": "km2", "square kilometres": "km2", "square miles": "mi2", "sq km": "km2",
    "weeks": "week", "week": "week", "months": "month", "month": "month", "days": "day", "day": "day",
    "years": "year", "year": "year", "hours": "hour", "hour": "hour",
}  # fmt: skip
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
NUMBER_RE = re.compile(
    rf"(?<![\w.])(\d{{1,3}}(?:[, ]\d{{3}})+(?!\d)|\d+(?:\.\d+)?)(?:\s*-\s*|\s*)(?:({_UNIT_RE})\b)?", re.IGNORECASE
)
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
}  # fmt: skip
ALIASES = {
    "us": "united-states", "u.s.": "united-states", "u.s": "united-states", "america": "united-states",
    "american": "united-states", "washington": "united-states", "uk": "united-kingdom", "britain": "united-kingdom",
    "british": "united-kingdom", "kiev": "kyiv", "pyongyang": "north-korea", "moscow": "russia",
    "kremlin": "russia", "atacms": "atacms", "army tactical missile system": "atacms",
}  # fmt: skip
_MULTIWORD = {"united states": "united-states", "united kingdom": "united-kingdom", "north korea": "north-korea"}
MIN_PRECISION = 0.75
MIN_PRECISION_WITH_SIMILARITY = 0.5
MIN_SIMILARITY = 0.7


@dataclass(frozen=True)
class Verdict:
    supported: bool
    reason: str  # "" when supported
    precision: float  # share of the claim's content words found in the passage


def judge(claim: str, passage: str, similarity: Callable[[str, str], float] | None = None) -> Verdict:
    """Decide whether ``passage`` supports ``claim`` (markers like ``[1]`` are ignored)."""
    claim = strip_markers(claim)
    precision = content_precision(claim, passage)
    for check in (_check_numbers, _check_entities, _check_negation, _check_roles):
        reason = check(claim, passage)
        if reason:
            return Verdict(False, reason, precision)
    if precision >= MIN_PRECISION:
        return Verdict(True, "", precision)
    if similarity is not None and precision >= MIN_PRECISION_WITH_SIMILARITY:
        if similarity(claim, best_sentence(claim, passage)) >= MIN_SIMILARITY:
            return Verdict(True, "", precision)
    return Verdict(False, f"only {precision:.0%} of its content words are in the passage", precision)


def strip_markers(text: str) -> str:
    return re.sub(r"\s*\[\d+(?:\s*,\s*\d+)*\]", "", text).strip()


def numbers(text: str) -> set[tuple[float, str]]:
    """Every (value, unit) stated in ``text``; unit is "" when none follows the number."""
    found = set()
    for match in NUMBER_RE.finditer(text):
        value = float(re.sub(r"[, ]", "", match.group(1)))
        unit = UNITS.get((match.group(2) or "").lower(), "")
        found.add((value, unit))
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in WORD_NUMBERS:
            found.add((float(WORD_NUMBERS[word]), ""))
    return found


def _check_numbers(claim: str, passage: str) -> str:
    have = numbers(passage)
    values = {v for v, _ in have}
    for value, unit in sorted(numbers(claim)):
        shown = f"{value:g}{' ' + unit if unit else ''}"
        if value not in values:
            return f"the number {shown} is not in the passage"
        if unit and (value, unit) not in have:
            passage_units = sorted(u for v, u in have if v == value and u)
            if passage_units:
                return f"the passage gives {value:g} in {passage_units[0]}, not {unit}"
    return ""


def entities(text: str) -> list[str]:
    """Normalised names in ``text``: capitalised words (not sentence-initial stopwords), aliases merged."""
    lowered = text.lower()
    for phrase, alias in _MULTIWORD.items():
        lowered = lowered.replace(phrase, alias)
    tokens = re.findall(r"[A-Za-z][\w.’'-]*", text)
    names = []
    for i, token in enumerate(tokens):
        bare = token.rstrip(".’'").removesuffix("’s").removesuffix("'s")
        if not bare[:1].isupper() or bare.lower() in STOPWORDS or (i == 0 and bare.lower() in _COMMON_INITIAL):
            continue
        names.append(ALIASES.get(bare.lower(), bare.lower()))
    for phrase, alias in _MULTIWORD.items():
        if phrase in text.lower():
            names.append(alias)
    return names


_COMMON_INITIAL = frozenset("it its the a an this that these those there they he she we in on at after before".split())


def _name_in(name: str, passage_names: set[str], passage_lower: str) -> bool:
    if name in passage_names or name in passage_lower:
        return True
    stem = name[:6] if len(name) >= 6 else name
    return len(name) >= 5 and any(p.startswith(stem) for p in passage_names)


def _check_entities(claim: str, passage: str) -> str:
    passage_names = set(entities(passage)) | {ALIASES.get(w, w) for w in _words(passage)}
    passage_lower = passage.lower()
    for name in entities(claim):
        if name in ("united-states", "united-kingdom", "north-korea") and name in passage_names:
            continue
        if not _name_in(name, passage_names, passage_lower):
            return f"{name!r} is not mentioned in the passage"
    return ""


def _negated(text: str) -> bool:
    words = set(re.findall(r"[a-z']+", text.lower().replace("n't", " n't")))
    return bool(words & NEGATIONS)


def _check_negation(claim: str, passage: str) -> str:
    if _negated(claim) != _negated(best_sentence(claim, passage)):
        return "negation differs from the passage" if _negated(claim) else "the passage states the opposite (negated)"
    return ""


def _check_roles(claim: str, passage: str) -> str:
    """Two names in reversed order, with passive voice in neither sentence, suggest swapped roles."""
    sentence = best_sentence(claim, passage)
    claim_order = list(dict.fromkeys(entities(claim)))
    passage_order = list(dict.fromkeys(entities(sentence)))
    shared = [n for n in claim_order if n in passage_order]
    if len(shared) != 2 or _passive(claim) or _passive(sentence):
        return ""
    if passage_order.index(shared[0]) > passage_order.index(shared[1]):
        return f"{shared[0]!r} and {shared[1]!r} appear in swapped roles"
    return ""


def _passive(text: str) -> bool:
    return bool(re.search(r"\b(?:by|from|to)\b", text.lower()))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'’-]*", text.lower())


def _stem(word: str) -> str:
    word = word.replace("’", "'").removesuffix("'s")
    return word[:5] if len(word) > 5 else word


def content_words(text: str) -> list[str]:
    return [_stem(w) for w in _words(strip_markers(text)) if w not in STOPWORDS and len(w) > 2]


def content_precision(claim: str, passage: str) -> float:
    words = content_words(claim)
    if not words:
        return 0.0
    have = set(content_words(passage))
    return sum(1 for w in words if w in have) / len(words)


def best_sentence(claim: str, passage: str) -> str:
    """The passage sentence sharing the most content words with the claim."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", passage) if s.strip()] or [passage]
    wanted = set(content_words(claim))
    return max(sentences, key=lambda s: len(wanted & set(content_words(s))))
