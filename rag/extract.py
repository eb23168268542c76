"""Stage 7b — extractive answers: pick the source sentences that best answer the question.

Used when too little of the generated answer survives verification, and for questions
whose sources disagree (each value is stated with its own citation and attribution).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rag.judge import content_words, numbers, strip_markers
from rag.records import Hit, Span

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS}|(?:19|20)\d{{2}}s?|monday|tuesday|wednesday|thursday|friday|"
    rf"saturday|sunday|yesterday|today|{_MONTHS}|(?:last|next|this) (?:week|month|year)|\w+ (?:weeks|months) ago)\b",
    re.IGNORECASE,
)
TYPE_BONUS = 0.15
# Text that speaks to an AI assistant is never an answer, whatever it scores (prompt injection).
ADDRESSES_ASSISTANT = re.compile(
    r"^\W*(?:system|assistant|user|ai)\s*:|\b(?:ignore|disregard|forget)\b.{0,30}\b(?:instructions?|prompts?|rules)\b"
    r"|\bsystem prompt\b|\byou are (?:an? )?(?:ai|assistant|language model|chatbot)\b",
    re.IGNORECASE,
)
OVERLAP_WEIGHT = 0.3
SECOND_SENTENCE_MARGIN = 0.15


@dataclass(frozen=True)
class Candidate:
    hit_index: int  # 0-based position in the hits list (marker = hit_index + 1)
    span: Span  # offsets into the document
    text: str  # clean sentence text, whitespace collapsed
    score: float
    next_text: str = ""  # the sentence after it in the same chunk ("" when last)
    next_span: Span | None = None


_NUMBER_Q = re.compile(
    r"\bhow (?:many|much|far|long|big|large|old|deep)\b|\bwhat (?:range|number|distance|percentage)\b"
    r"|\bwhat is the range\b"
)
_DATE_Q = re.compile(r"\bwhen\b|\bwhat (?:date|day|month|year|time)\b|\bwhich (?:day|month|year)\b")
_NAME_Q = re.compile(
    r"^\s*who\b|\bwho (?:is|was|are|were|said|told|warned|called)\b|\bwhat is the name\b|\bwhich \w+ (?:said|told)\b"
    r"|\bwhich (?:\w+ )?(?:official|person|minister|president|outlet|newspaper|company|analyst|mp|lawmaker|"
    r"spokesperson|spokesman|correspondent|member|politicians?|leader|general)\b"
)
_REASON_Q = re.compile(
    r"^\s*(?:why|how did|how does|what did \w+ (?:say|tell|post|write))\b|\bwhat did .* (?:say|tell)"
)
_MONEY_Q = re.compile(r"\bhow much\b.*\b(?:cost|costs|spend|spent|pay|paid|worth|price|budget|fund|raise|earn)")
_MONEY = re.compile(
    r"[$€£¥]|\b(?:euros?|dollars?|pounds?|yen|yuan|rubles?|roubles?|hryvnias?|francs?|usd|eur|gbp)\b", re.IGNORECASE
)
_NAME_TOKEN = re.compile(r"\b[A-Z][a-zA-Z’'.-]+")


def answer_type(question: str) -> str:
    """ "number", "date", "name" or "other", from the question's wording."""
    q = question.lower()
    for kind, pattern in (("number", _NUMBER_Q), ("date", _DATE_Q), ("name", _NAME_Q)):
        if pattern.search(q):
            return kind
    return "other"


def matches_type(kind: str, sentence: str, question: str = "") -> bool:
    """Does ``sentence`` contain the kind of thing the question asks for (and that the
    question does not already say)?"""
    sentence = strip_markers(sentence)
    if kind == "number":
        if _MONEY_Q.search(question.lower()) and not _MONEY.search(sentence):
            return False  # "how much will it cost?" is not answered by a vote count
        return bool(_counted(sentence, question))
    if kind == "date":
        return bool(_DATE_RE.search(sentence))
    if kind == "name":
        return bool(new_names(sentence, question))
    return True


def new_names(sentence: str, question: str) -> set[str]:
    """Capitalised words of ``sentence`` (not its first word) that the question does not contain."""
    asked = {w.lower()[:5] for w in _NAME_TOKEN.findall(question)}
    tokens = _NAME_TOKEN.findall(sentence)
    first = sentence.split()[0] if sentence.split() else ""
    return {t for t in tokens if t != first and t.lower()[:5] not in asked and len(t) > 2}


_NOT_NOUNS = frozenset("did does do have has are were was is times time".split())
_COUNT_WORDS = r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred|twice)"


def _counted(sentence: str, question: str) -> set[tuple[float, str]]:
    """Numbers in ``sentence``; for "how many X ..." only those within a few words of X or of
    one of the question's lower-case content words (its verbs: "wounded another 903")."""
    found = _quantities(sentence) | ({(2.0, "")} if re.search(r"\btwice\b", sentence.lower()) else set())
    match = re.search(r"\bhow many ((?:\w+\s*){1,3})", question.lower())
    if not match or not found:
        return found
    nouns: set[str] = set()
    for word in re.findall(r"[a-z]+", match.group(1)):
        if word in _NOT_NOUNS:  # the counted noun phrase ends at the verb
            break
        nouns.update(content_words(word))
    if not nouns:  # "how many times": any count will do
        return found
    verbs = {w for w in content_words(re.sub(r"\b[A-Z]\w*", " ", question)) if w not in ("many", "much")}
    tokens = re.findall(rf"\d[\d,.]*\d|\d|{_COUNT_WORDS}\b|[a-z’'-]+", sentence.lower())
    stems = [(content_words(t) or [t])[0] for t in tokens]
    for i, token in enumerate(tokens):
        if token[0].isdigit() or re.fullmatch(_COUNT_WORDS, token):
            if nouns & set(stems[i + 1 : i + 5]) or verbs & set(stems[max(i - 3, 0) : i + 4]):
                return found
    return set()


def candidates(question: str, hits: list[Hit], encode: Callable[[list[str]], np.ndarray]) -> list[Candidate]:
    """Every sentence of the retrieved chunks, scored against the question, best first."""
    seen: set[tuple[str, int]] = set()
    rows: list[tuple[int, Span, str, str, Span | None]] = []
    for i, hit in enumerate(hits):
        spans = hit.chunk.sentences
        for j, span in enumerate(spans):
            key = (hit.chunk.doc_id, span.start)
            text = _sentence_text(hit, span)
            if key in seen or len(text.split()) < 4 or text.endswith("?") or ADDRESSES_ASSISTANT.search(text):
                continue
            seen.add(key)
            nxt = spans[j + 1] if j + 1 < len(spans) else None
            rows.append((i, span, text, _sentence_text(hit, nxt) if nxt else "", nxt))
    if not rows:
        return []
    vectors = encode([question] + [row[2] for row in rows])
    cosines = vectors[1:] @ vectors[0]
    scored = [
        Candidate(i, span, text, _score(question, text, float(cosine)), nxt, nxt_span)
        for (i, span, text, nxt, nxt_span), cosine in zip(rows, cosines, strict=True)
    ]
    return sorted(scored, key=lambda c: -c.score)


def _score(question: str, text: str, cosine: float) -> float:
    """Answer score: meaning (cosine) + shared words + a bonus when it has the asked-for type."""
    kind = answer_type(question)
    wanted = set(content_words(question))
    overlap = len(wanted & set(content_words(text))) / max(len(wanted), 1)
    bonus = TYPE_BONUS if kind != "other" and matches_type(kind, text, question) else 0.0
    return cosine + OVERLAP_WEIGHT * overlap + bonus


def _sentence_text(hit: Hit, span: Span) -> str:
    return " ".join(hit.chunk.text[span.start - hit.chunk.start : span.end - hit.chunk.start].split())


def pick(question: str, ranked: list[Candidate]) -> list[Candidate]:
    """The best candidate; for number questions also the best one of each disagreeing source;
    otherwise a second sentence when it covers question words the first one lacks."""
    if not ranked:
        return []
    kind = answer_type(question)
    typed = [c for c in ranked if kind == "other" or matches_type(kind, c.text, question)]
    # a price question is only answered by a sentence with an amount of money, however it ranks
    strict = typed and _MONEY_Q.search(question.lower())
    top = typed[0] if typed and (strict or typed[0].score >= ranked[0].score - TYPE_BONUS) else ranked[0]
    if kind == "number":
        return [top, *conflicting(ranked, top)]
    return [top, *_complement(question, ranked, top)]


def focus(question: str, ranked: list[Candidate], limit: int) -> dict[int, str]:
    """What the generator is shown of each passage: only the best-ranked sentences (at most
    ``limit`` over all passages, each passage's in text order), keyed by hit index. The
    picked answer sentences come first (with the next sentence when it carries the answer),
    then the best two that hold the asked-for kind of value, then the rest by rank. A short
    prompt is what makes the first token fast (the prompt, not the answer, is most of the
    generator's time on 2 cores: BENCHMARKS.md)."""
    kind = answer_type(question)
    typed = [c for c in ranked if kind != "other" and matches_type(kind, c.text, question)][:2]
    chosen: dict[tuple[int, int], str] = {}
    for cand in [*pick(question, ranked), *typed, *ranked]:
        if len(chosen) >= limit:
            break
        chosen.setdefault((cand.hit_index, cand.span.start), cand.text)
        if cand.next_span and needs_next_sentence(question, cand) and len(chosen) < limit:
            chosen.setdefault((cand.hit_index, cand.next_span.start), cand.next_text)
    passages: dict[int, str] = {}
    for hit_index, start in sorted(chosen):
        passages[hit_index] = (
            f"{passages[hit_index]} {chosen[hit_index, start]}" if hit_index in passages else chosen[hit_index, start]
        )
    return passages


def needs_next_sentence(question: str, cand: Candidate) -> bool:
    """For why/what-did-X-say questions the best-matching sentence often only restates the
    question; the answer is then in the sentence that follows."""
    if not cand.next_text or not _REASON_Q.search(question.lower()):
        return False
    wanted = set(content_words(question))
    novel = set(content_words(cand.text)) - wanted
    return len(novel) <= 4


def _complement(question: str, ranked: list[Candidate], top: Candidate) -> list[Candidate]:
    wanted = set(content_words(question))
    missing = wanted - set(content_words(top.text))
    if len(missing) < 2:
        return []
    for cand in ranked[1:6]:
        if cand.score < top.score - SECOND_SENTENCE_MARGIN:
            break
        adds = missing & set(content_words(cand.text))
        if len(adds) >= 2 and cand.text != top.text:
            return [cand]
    return []


def conflicting(ranked: list[Candidate], top: Candidate, margin: float = 0.12, limit: int = 3) -> list[Candidate]:
    """Candidates close in score to ``top`` that state *different* numbers for the same quantity."""
    top_values = _quantities(top.text)
    if not top_values:
        return []
    units = {u for _, u in top_values}
    seen_values = set(top_values)
    extra: list[Candidate] = []
    for cand in ranked:
        if cand is top:
            continue
        if cand.score < top.score - margin or len(extra) + 1 >= limit:
            break
        values = {q for q in _quantities(cand.text) if q[1] in units}
        fresh = values and not values & seen_values and cand.hit_index != top.hit_index
        if fresh and same_quantity(top.text, cand.text):
            extra.append(cand)
            seen_values |= values
    return extra


def same_quantity(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` count the same thing? True when some number in each is followed by
    the same unit or the same word (e.g. "12,000 North Korean troops" / "10,000 ... troops")."""
    return bool(_counted_things(a) & _counted_things(b))


def _counted_things(text: str) -> set[str]:
    things = {u for _, u in _quantities(text) if u}
    tokens = re.findall(r"\d[\d,.]*\d|\d|[a-z’'-]+", text.lower())
    for i, token in enumerate(tokens):
        if token[0].isdigit():
            things.update(w for t in tokens[i + 1 : i + 4] for w in content_words(t))
    return things


def _quantities(text: str) -> set[tuple[float, str]]:
    """Numbers that are not years."""
    return {(v, u) for v, u in numbers(text) if not (u == "" and 1900 <= v <= 2100 and v.is_integer())}


_DEMONYMS = {"polish": "poland", "british": "britain", "french": "france", "german": "germany", "chinese": "china"}
_TIME_WORDS = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_QUESTION_WORDS = frozenset("who what when where which why how is was did does has have according".split())


def vocabulary(texts: list[str]) -> frozenset[str]:
    """Lower-cased words of the corpus, for telling whether a name occurs in it at all."""
    return frozenset(w.lower() for text in texts for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", text))


def unknown_names(question: str, vocab: frozenset[str]) -> list[str]:
    """Capitalised words of the question that no indexed document contains (prefix-matched so
    "Korean" finds "Korea"): a question about someone or something the articles never name."""
    stems = {w[:5] for w in vocab}
    missing = []
    for token in _NAME_TOKEN.findall(question):
        word = token.lower().rstrip(".’'").removesuffix("’s").removesuffix("'s")
        if word in _QUESTION_WORDS or any(w in vocab or w[:5] in stems for w in (word, _DEMONYMS.get(word, word))):
            continue
        missing.append(token)
    return missing


def unanswerable_reason(
    question: str, ranked: list[Candidate], top: Candidate, context: str, vocab: frozenset[str]
) -> str:
    """Why the retrieved sentences cannot answer the question, or "" when they may.

    ``context`` is the text of the passage holding ``top``."""
    missing = unknown_names(question, vocab)
    if missing:
        return f"the articles never mention {', '.join(missing)}"
    if re.search(r"\bhow many\b", question.lower()) and not any(_counted(c.text, question) for c in ranked):
        return "no passage gives a count of what is asked"
    if _MONEY_Q.search(question.lower()) and not any(_MONEY.search(c.text) for c in ranked):
        return "no passage gives an amount of money"
    times = {t.lower() for t in _TIME_WORDS.findall(question)}
    if times and not times <= {t.lower() for t in _TIME_WORDS.findall(context)}:
        return f"the best passage is not about {', '.join(sorted(times))}"
    return ""
