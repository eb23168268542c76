"""The offline support judge: is a claim sentence supported by a passage?

No LLM involved. A claim is supported when
(1) every number it states — with its unit — appears in the passage, and no unit of time or
    distance is swapped for another ("weeks" for "months");
(2) every name it states appears in the passage (aliases and demonyms merged);
(3) its polarity matches the passage words it restates: the same negation, and no word whose
    lexical opposite stands there instead (welcomed/criticized, confirmed/denied);
(4) names keep their roles — who did what to whom (see :func:`rag.judge_rules.role_contexts`);
(5) each clause joined on (", and they…", ", which…") is backed by the passage, so a true
    sentence cannot carry an invented addition (the embedding vouches only for a clause sharing
    some of its words with the passage);
(6) a noun it ties with "of" to a thing is not one the passage ties only to other things ("the
    father of chemical engineering" from "the father of the hydrogen bomb") nor a named whole
    it is "part of" one the passage does not say, the passage's words are not said of another name
    ("Lahore is the second-largest city …" from "Amritsar … is the second-largest city …"), its words
    in quotation marks are the passage's own, and a superlative it confines to a name ("the highest
    mountain in Afghanistan") is one the passage says of that name (:mod:`rag.judge_phrases`); and
(7) most of its content words are in the passage or, when a ``similarity`` function is given,
    its meaning is close to the passage by embedding similarity (real paraphrases).
Each failed check yields a reason a person can read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.judge_dates import check_by_time, check_dates, check_span_ends
from rag.judge_phrases import PHRASE_CHECKS, check_pronoun_made_a_name
from rag.judge_rules import (
    ALIASES,
    DIMENSION,
    NEGATING_VERBS,
    NEGATIONS,
    STOPWORDS,
    UNITS,
    clauses,
    content_words,
    counts_other_things,
    is_name,
    join_multiword,
    name_key,
    numbers,
    opposite_in,
    role_contexts,
    stem,
)
from rag.text import LETTER, UPPER, WORD, strip_markers

__all__ = [
    "ALIASES",
    "STOPWORDS",
    "Verdict",
    "best_sentence",
    "content_precision",
    "content_words",
    "entities",
    "judge",
    "numbers",
    "strip_markers",
]

Similarity = Callable[[str, str], float]

# Units that, even without a number, state a quantity ("for months", "days after"). Singular
# time units ("this year") and "second" (also an ordinal) say too little to compare.
# Only a length is squared: "Red Square years later" names years, not an area.
_LENGTHS = "kilometers|kilometres|miles|meters|metres"
_BARE_UNITS = f"hours|days|weeks|months|years|decades|{_LENGTHS}"
UNIT_WORD_RE = re.compile(rf"\b(?:square\s+(?:{_LENGTHS})|{_BARE_UNITS})\b", re.IGNORECASE)
MIN_PRECISION = 0.75  # share of content words found that is enough on its own
# Embedding thresholds (all-MiniLM-L6-v2): two *different* sentences of one news article reach
# cosine 0.59 at the 95th and 0.68 at the 99th percentile (measured over the sample corpus), so
# a claim that close to the passage restates it rather than merely sharing its topic.
MIN_SIMILARITY = 0.70  # enough on its own once the hard checks pass
MIN_SIMILARITY_WITH_OVERLAP = 0.60  # enough with MIN_PRECISION_WITH_SIMILARITY of the words
MIN_PRECISION_WITH_SIMILARITY = 0.3
MIN_CLAUSE_PRECISION = 0.5  # a joined-on clause below this needs MIN_CLAUSE_SIMILARITY
MIN_CLAUSE_SIMILARITY = 0.55


@dataclass(frozen=True)
class Verdict:
    supported: bool
    reason: str  # "" when supported
    precision: float  # share of the claim's content words found in the passage


def judge(
    claim: str, passage: str, similarity: Similarity | None = None, asked: frozenset[str] = frozenset(), title: str = ""
) -> Verdict:
    """Decide whether ``passage`` supports ``claim`` (markers like ``[1]`` are ignored); ``asked``:
    the question's content words, when the claim answers one; ``title``: the passage's document's."""
    claim = strip_markers(claim)
    precision = content_precision(claim, passage)
    checks = (
        _check_numbers, check_dates, check_span_ends, check_by_time, counts_other_things, _check_unit_words,
        _check_entities, _check_polarity, _check_roles, _check_identity, *PHRASE_CHECKS,
    )
    for check in checks:
        reason = check(claim, passage)
        if reason:
            return Verdict(False, reason, precision)
    reason = _check_subject(claim, f"{title}\n{passage}", asked) or check_pronoun_made_a_name(claim, passage, title)
    if reason:
        return Verdict(False, reason, precision)
    reason = _check_clauses(claim, passage, similarity)
    if reason:
        return Verdict(False, reason, precision)
    if precision >= MIN_PRECISION:
        return Verdict(True, "", precision)
    if similarity is not None:
        score = meaning_similarity(claim, passage, similarity)
        if score >= MIN_SIMILARITY or (
            score >= MIN_SIMILARITY_WITH_OVERLAP and precision >= MIN_PRECISION_WITH_SIMILARITY
        ):
            return Verdict(True, "", precision)
        return Verdict(
            False, f"only {precision:.0%} of its content words are in the passage (similarity {score:.2f})", precision
        )
    return Verdict(False, f"only {precision:.0%} of its content words are in the passage", precision)


# -- numbers and units ---------------------------------------------------------------
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


def _unit_words(text: str) -> set[str]:
    """Units ``text`` speaks of: those after its numbers and the bare ones ("for months")."""
    bare = {UNITS[" ".join(m.group().lower().split())] for m in UNIT_WORD_RE.finditer(text)}
    return bare | {unit for _, unit in numbers(text) if unit}


def _check_unit_words(claim: str, passage: str) -> str:
    """ "days after" where the passage says "hours after": a unit of the same dimension swapped."""
    have = _unit_words(passage)
    for unit in sorted(_unit_words(claim) - have):
        rivals = sorted(u for u in have if DIMENSION.get(u) and DIMENSION.get(u) == DIMENSION.get(unit))
        if rivals:
            return f"the passage speaks of {rivals[0]}s, not {unit}s"
    return ""


# -- names -----------------------------------------------------------------------------
def entities(text: str) -> list[str]:
    """Normalised names in ``text``: capitalised words (not sentence-initial common words), aliases merged."""
    tokens = re.findall(rf"{LETTER}[\w.’'-]*", join_multiword(text))
    return [name_key(t) for i, t in enumerate(tokens) if is_name(tokens, i)]


# What may follow a name's common start in another form of it: "Ukrain|e"/"Ukrain|ian",
# "Russia|"/"Russia|ns", "Afghan|"/"Afghan|istan", "Israel|i"
_NAME_ENDINGS = frozenset(
    "'' s n ns an ans ian ians e es i is ish ese istan ia ic ics y".split()
) | {""}  # fmt: skip


def _name_in(name: str, passage_names: set[str], passage_lower: str) -> bool:
    if name in passage_names or re.search(rf"\b{re.escape(name)}", passage_lower):
        return True
    parts = [p for p in name.split("-") if p]
    if len(parts) > 1:  # "a Russia-NATO conflict": a conflict between Russia and NATO
        return all(_name_in(part, passage_names, passage_lower) for part in parts)
    return len(name) >= 5 and any(_another_form(name, p) for p in passage_names)


def _another_form(name: str, other: str) -> bool:
    """Is ``other`` ``name`` with another ending ("Ukrainian" for "Ukraine")? A generated name
    sharing only its start with the passage's ("Prabhakaravadharan" for "Prabhakaravardhana")
    is a misspelling, not the passage's name."""
    shorter = min(len(name), len(other))
    common = next((i for i in range(shorter) if name[i] != other[i]), shorter)
    return common >= 6 and name[common:] in _NAME_ENDINGS and other[common:] in _NAME_ENDINGS


def _check_entities(claim: str, passage: str) -> str:
    joined = join_multiword(passage)
    passage_names = {name_key(t) for t in re.findall(rf"{LETTER}[\w.’'-]*", joined)}
    passage_lower = joined.lower()
    for name in entities(claim):
        if not _name_in(name, passage_names, passage_lower):
            return f"{name!r} is not mentioned in the passage"
    return ""


# "The bayonet was invented in 1816 by …" citing "It was invented in 1816 by René Laennec" (the
# stethoscope): the question's thing put in as the subject of a passage that never names it, nor
# its document's title ("Stethoscope" is what "It" is there). (A subject the question does not
# name may point back: "The move could also bolster …")
_SUBJECT = re.compile(
    r"^\W*(?:The|A|An)\s+((?:[\w-]+\s+){0,2}?[a-z][\w-]*)"  # "The traditional Japanese form"
    # "The land of giants in Gulliver's Travels is …", "… form of puppet theatre is": its own "of"/"in" phrase
    r"((?:\s+(?:of|in|on|for|at)\s+(?:the\s+)?[\w'’-]+(?:\s+[a-z][\w'’-]*)?(?:\s+[A-Z][\w'’-]*)*){0,2}?)"
    r"\s+(?:is|are|was|were|has|have|had|can|could|will|would|did|does|do)\b"
)


def _check_subject(claim: str, source: str, asked: frozenset[str]) -> str:
    """Is a lower-case word of the claim's subject ("The X was …", "The bellflower family is …",
    "The land of giants in Gulliver's Travels is …") one of the question's words that ``source``
    (the document's title and the passage) never names? Only a subject after an article is read:
    its names are _check_entities's, and a bare plural ("Bayonets were …") is not read."""
    found = _SUBJECT.match(claim)
    if not found or not asked:
        return ""
    lower = [w for w in found.group(1, 2) for w in w.split() if w[:1].islower()]
    subject = content_words(" ".join(lower))
    named = set(content_words(source))
    if any(word in asked and word not in named for word in subject):
        phrase = (found.group(1) + found.group(2)).strip()
        return f"its subject {phrase!r} is named by neither the passage nor its document's title"
    return ""


# -- polarity ----------------------------------------------------------------------------
def _negations(tokens: list[str]) -> int:
    return sum(1 for t in tokens if t in NEGATIONS or stem(t) in NEGATING_VERBS)


def _tokens(text: str) -> list[str]:
    return re.findall(WORD, text.lower().replace("n't", " n't"))


_CLAUSE_BREAK = re.compile(r"[,;:()–—]|\s-\s|\b(?:and|but|while|whereas|however|although)\b", re.IGNORECASE)


def covered_span(claim: str, sentence: str) -> list[str]:
    """The words of ``sentence`` the claim restates: from just before its first word shared with
    the claim to the end of the clause holding its last one (so "has not disclosed the price" is
    covered by "the ministry has revealed the cost", while a negation in an earlier clause is not)."""
    wanted = {stem(w) for w in _tokens(claim) if w not in STOPWORDS and w not in NEGATIONS}
    tokens: list[str] = []
    clause_end: list[int] = []
    for piece in _CLAUSE_BREAK.split(sentence):
        words_ = _tokens(piece)
        tokens += words_
        clause_end += [len(tokens)] * len(words_)
    hits = [i for i, t in enumerate(tokens) if stem(t) in wanted]
    return tokens[max(0, hits[0] - 3) : clause_end[hits[-1]]] if hits else tokens


def _check_polarity(claim: str, passage: str) -> str:
    """Each clause against the passage sentence it restates."""
    for part in clauses(claim) or [claim]:
        reason = _clause_polarity(part, passage)
        if reason:
            return reason
    return ""


def _clause_polarity(claim: str, passage: str) -> str:
    sentence = best_sentence(claim, passage)
    span = covered_span(claim, sentence)
    claim_tokens = _tokens(claim)
    # A negation the whole sentence lacks is added; one in the restated part that the claim
    # lacks is dropped (a negation in another clause of the sentence is not the claim's business).
    if _negations(claim_tokens) > _negations(_tokens(sentence)):
        return "negation differs from the passage"
    if _negations(claim_tokens) < _negations(span):
        return "the passage states the opposite (negated)"
    sentence_stems = {stem(t) for t in _tokens(sentence)}
    claim_stems = {stem(t) for t in claim_tokens}
    for word in claim_tokens:
        if stem(word) in sentence_stems:
            continue
        opposite = opposite_in(word, sentence_stems - claim_stems)
        if opposite:
            return f"the passage says {opposite!r} where the claim says {word!r}"
    return ""


# -- roles -----------------------------------------------------------------------------------
# Prepositions and relative pronouns hint at a role but follow many names in ordinary paraphrase.
_WEAK_CONTEXTS = frozenset(
    "from to of in on at by with for into onto over under about against between among which who that whom".split()
)


def _check_roles(claim: str, passage: str) -> str:
    """A name standing where, in the passage, another name stands — and never itself."""
    mine = role_contexts(claim)
    theirs = role_contexts(best_sentence(claim, passage))
    shared = [n for n in mine if n in theirs]
    for a in shared:
        if mine[a] & theirs[a]:
            continue
        for b in shared:
            if b == a or theirs[b] <= theirs[a]:
                continue
            # A shared content word ("accused") is evidence enough; a function word ("from",
            # "has") only when b also took a's place.
            common = mine[a] & theirs[b]
            if any(w not in _WEAK_CONTEXTS for _, w in common) or (common and mine[b] & theirs[a]):
                return f"{a!r} and {b!r} appear in swapped roles"
    return ""


# -- identity ---------------------------------------------------------------------------------
_CAP = rf"{UPPER}[\w.'’-]*"
# "<Name> is the <Name …>" ending its clause: the claim says two names are one person or thing.
IDENTITY_RE = re.compile(rf"((?:{_CAP}\s+){{0,3}}{_CAP})\s+(?:is|was)\s+(?:(?:the|a|an)\s+)?((?:{_CAP}\s+)*{_CAP})$")
IDENTITY_WINDOW = 4  # tokens: "Foreign Minister David Lammy", "Peskov, the spokesman"


def _check_identity(claim: str, passage: str) -> str:
    """"Dmitry Peskov is the Russian President Vladimir Putin": a claim that one name *is*
    another must be backed by the passage naming them together, not merely both."""
    for part in clauses(claim):
        match = IDENTITY_RE.search(part.strip())
        if not match:
            continue
        left = {name_key(t) for t in match.group(1).split() if t.lower() not in STOPWORDS}
        right = name_key(match.group(2).split()[-1])
        if not left or right in left or right in STOPWORDS:
            continue
        tokens = [name_key(t) for t in re.findall(rf"{LETTER}[\w.’'-]*", join_multiword(passage))]
        at_left = [i for i, t in enumerate(tokens) if t in left]
        at_right = [i for i, t in enumerate(tokens) if t == right]
        if not any(abs(i - j) <= IDENTITY_WINDOW for i in at_left for j in at_right):
            return f"the passage does not say that {match.group(1)} is {match.group(2)}"
    return ""


# -- clauses and meaning ----------------------------------------------------------------------
def _check_clauses(claim: str, passage: str, similarity: Similarity | None) -> str:
    """Every clause joined onto the claim must be backed by the passage on its own."""
    parts = clauses(claim)
    if len(parts) < 2:
        return ""
    for part in parts:
        precision = content_precision(part, passage)
        if len(content_words(part)) < 2 or precision >= MIN_CLAUSE_PRECISION:
            continue
        # a clause sharing almost none of its words with the passage is not rescued by meaning: the
        # embedding of "…, which makes the best-selling van model of all time" is close to a van's
        # passage because of "van" alone (the model wrote the question's words into a true sentence)
        if (similarity is None or precision < MIN_PRECISION_WITH_SIMILARITY
                or meaning_similarity(part, passage, similarity) < MIN_CLAUSE_SIMILARITY):
            return f"the passage does not back the part {part!r}"
    return ""


def meaning_similarity(claim: str, passage: str, similarity: Similarity) -> float:
    """Best embedding similarity of the claim to its best sentence, that sentence with its
    neighbours, or (when short) the whole passage."""
    sentences = _sentences(passage)
    wanted = set(content_words(claim))
    best = max(range(len(sentences)), key=lambda i: len(wanted & set(content_words(sentences[i]))))
    candidates = [sentences[best], " ".join(sentences[max(0, best - 1) : best + 2])]
    if len(passage) <= 600:
        candidates.append(passage)
    return max(similarity(claim, c) for c in dict.fromkeys(candidates))


def content_precision(claim: str, passage: str) -> float:
    claim_words = content_words(claim)
    if not claim_words:
        return 0.0
    have = set(content_words(passage))
    return sum(1 for w in claim_words if w in have) / len(claim_words)


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr gen col lt sen rep gov u.s u.k jan feb mar apr jun jul aug sep sept oct nov dec vs".split()
)


def _sentences(passage: str) -> list[str]:
    """Split at ". " unless the period closes an initial ("J."), or an abbreviation ("Nov.")."""
    out, start = [], 0
    for match in re.finditer(r"[.!?][\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])", passage):
        before = re.search(r"([\w.]+)[.!?][\"”’]?$", passage[start : match.end()].rstrip())
        word = before.group(1).lower() if before else ""
        if (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS:
            continue
        out.append(passage[start : match.end()].strip())
        start = match.end()
    out.append(passage[start:].strip())
    return [s for s in out if s] or [passage]


def best_sentence(claim: str, passage: str) -> str:
    """The passage sentence sharing the most content words with the claim."""
    wanted = set(content_words(claim))
    return max(_sentences(passage), key=lambda s: len(wanted & set(content_words(s))))
