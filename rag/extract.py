"""Stage 7b — extractive answers: pick the source sentences that best answer the question.

Used when too little of the generated answer survives verification, and for questions
whose sources disagree (each value is stated with its own citation and attribution).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from rag.counting import counted, quantities, same_quantity
from rag.frame import QuestionFrame, rival
from rag.judge import content_words
from rag.load import MAX_TITLE_WORDS
from rag.person import PERSONAL_PRONOUN
from rag.records import Hit, Span
from rag.text import ADDRESSES_ASSISTANT, LETTER, ROMAN_NUMERAL, UPPER, strip_markers
from rag.text import MONTH_PATTERN as _MONTHS
from rag.units import has_unit
from rag.vocabulary import unknown_names

# A month on its own is a date only when written out ("in November"), and "March" and "May" only
# capitalised: "may" and "march" are also a verb ("Russia may respond").
_MONTH_ALONE = r"january|february|april|june|july|august|september|october|november|december|(?-i:March|May)"
# A year before 1100 is a year when an era marks it ("55 BC", "AD 395") or a preposition of time
# comes before it and no lower-case word after it ("collapsed in 476,", "In 1066 William …"; not
# "in 476 games", "from 800 troops", "up to 500 μm").
_EARLY_YEAR = (
    r"\d{1,4}\s?(?-i:BCE?|AD|CE)|(?-i:AD|CE)\s?\d{1,4}|"
    r"(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bfrom )|(?<=\bto )|(?<=\bcirca )|(?<=\bc\. ))"
    r"1?\d{3}(?![\d%]|,\d|\s?(?-i:[^\W\d_A-Z]))"
)
_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTHS}|(?:1[1-9]|20)\d{{2}}s?|{_EARLY_YEAR}|monday|tuesday|"
    rf"wednesday|thursday|friday|saturday|sunday|yesterday|today|{_MONTH_ALONE}|(?:last|next|this) (?:week|month|year)|"
    rf"\w+ (?:weeks|months) ago)\b",
    re.IGNORECASE,
)
TYPE_BONUS = 0.15
OVERLAP_WEIGHT = 0.3
SECOND_SENTENCE_MARGIN = 0.15  # in probability
SEVERAL_RATIO = 0.3  # an extra item needs 30% of the best answer's probability (and the operating point)
SEVERAL_LIMIT = 3
# "It flows 412 kilometres …": what such a sentence is about is named in the one before it
OPENS_WITH_PRONOUN = re.compile(r"^(?:It|Its|He|His|She|Her|They|Their|The (?:city|town|river|lake|country|company))\b")
_NAME_WORD = rf"{UPPER}(?:{LETTER}|[’'.-])+"
_NAME_TOKEN = re.compile(rf"\b{_NAME_WORD}")
_NAME_RUN = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:(?:of|de|von|van|al|bin)\s+)?{_NAME_WORD})*")
_NATIONALITY = re.compile(r"(?:ian|ean|ese|ish|ic|i)(?:-[A-Z]\w+)?$|^(?:Soviet|Dutch|French|Greek|Swiss|Thai)$")
_REASON_Q = re.compile(
    r"^\s*(?:and |so )?(?:why|how did|how does|what did \w+ (?:say|tell|post|write))\b|\bwhat did .* (?:say|tell)"
)


@dataclass(frozen=True)
class Candidate:
    hit_index: int  # 0-based position in the hits list (marker = hit_index + 1)
    span: Span  # offsets into the document
    text: str  # clean sentence text, whitespace collapsed
    score: float  # the hand-made first-pass score (cosine + shared words + type bonus)
    next_text: str = ""  # the sentence after it in the same chunk ("" when last)
    next_span: Span | None = None
    cosine: float = 0.0  # meaning similarity to the question
    prob: float = 0.0  # calibrated probability that it answers the question (rag.answerability)
    features: tuple[float, ...] = ()  # what the probability was computed from (rag.answerability.FEATURES)


def matches_type(frame: QuestionFrame, sentence: str) -> bool:
    """Does ``sentence`` contain the kind of thing the question asks for (and that the
    question does not already say)? A number question with a unit class ("how far", "how
    much did it cost") needs a value of that class."""
    sentence = strip_markers(sentence)
    if frame.kind == "number":
        if frame.unit and frame.unit != "time" and not has_unit(frame.unit, sentence):
            return False  # "how much will it cost?" is not answered by a vote count
        if frame.unit == "population":  # "How many people live in Baghdad?": "a population of 8 million"
            return bool(quantities(sentence))
        return bool(counted(sentence, frame))
    if frame.kind == "date":  # "In what year was 2001: A Space Odyssey released?" is not answered by "2001"
        return any(m.group().lower() not in frame.times for m in _DATE_RE.finditer(sentence))
    if frame.kind == "name" or frame.asks_place:
        return bool(new_names(sentence, frame.question))
    return True


def new_names(sentence: str, question: str) -> set[str]:
    """Capitalised words of ``sentence`` (not its first word) that the question does not contain:
    not a longer form of a name it asks about ("Lev Davidovich Trotsky" for Trotsky) nor a
    nationality ("Bahamian-American", "Russian")."""
    asked = {w.lower()[:5] for w in _NAME_TOKEN.findall(question)}
    first = sentence.split()[0] if sentence.split() else ""
    found: set[str] = set()
    for run in _NAME_RUN.findall(sentence):
        tokens = _NAME_TOKEN.findall(run)
        if tokens and tokens[-1].lower()[:5] in asked:
            continue  # the asked-about name, written out in full ("Lev Davidovich Trotsky")
        found |= {t for t in tokens if t != first and len(t) > 2 and not _NATIONALITY.search(t)}
    return found


def candidates(frame: QuestionFrame, hits: list[Hit], encode: Callable[[list[str]], np.ndarray]) -> list[Candidate]:
    """Every sentence of the retrieved chunks, scored against the question, best first. A part
    of a comparison ("How long is the Yamuna?") reads only the passages that name its subject."""
    seen: set[tuple[str, int]] = set()
    rows: list[tuple[int, Span, str, str, Span | None]] = []
    for i, hit in enumerate(hits):
        if frame.subject and not names_subject(hit.chunk.text, frame.subject):
            continue
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
    # a sentence opening with a pronoun is compared with the question together with the sentence
    # before it (what the pronoun stands for)
    read = [with_antecedent(hits[i], span, text) for i, span, text, _, _ in rows]
    vectors = encode([frame.query, *read])
    cosines = vectors[1:] @ vectors[0]
    scored = [
        Candidate(i, span, text, _score(frame, text, float(cosine)), nxt, nxt_span, float(cosine))
        for (i, span, text, nxt, nxt_span), cosine in zip(rows, cosines, strict=True)
    ]
    return sorted(scored, key=lambda c: -c.score)


def names_subject(text: str, subject: str) -> bool:
    """Does ``text`` name ``subject`` — by its last name-like word, as a text naming it again
    does: "Tagore" for Rabindranath Tagore, "Titicaca" for Lake Titicaca?"""
    words = [w for w in subject.split() if w[:1].isupper()] or subject.split()
    return bool(words) and re.search(rf"\b{re.escape(words[-1])}\b", text) is not None


def _score(frame: QuestionFrame, text: str, cosine: float) -> float:
    """First-pass score: meaning (cosine) + shared words + a bonus when it has the asked-for type."""
    wanted = set(content_words(frame.query))
    overlap = len(wanted & set(content_words(text))) / max(len(wanted), 1)
    bonus = TYPE_BONUS if frame.kind != "other" and matches_type(frame, text) else 0.0
    return cosine + OVERLAP_WEIGHT * overlap + bonus


# a line of its own, no longer than a headline (rag.load) and with no closing mark: a heading
# ("Geological history of Earth", "Kepler's laws of planetary motion"), which names a subject and
# claims nothing about it
_CLOSING_MARK = (".", "!", "?", ":", ";", '"', "”", "’", "'")  # not ")": "Eastern Front (World War II)"
_LINE_END = re.compile(r"[ \t]*\n")


def is_heading(hit: Hit, cand: Candidate) -> bool:
    """Is ``cand`` a heading line of ``hit``'s passage? It stays a candidate (the model's features
    read the candidates around the best one) but answers nothing."""
    end = cand.span.end - hit.chunk.start
    return (not cand.text.endswith(_CLOSING_MARK) and len(cand.text.split()) <= MAX_TITLE_WORDS
            and bool(_LINE_END.match(hit.chunk.text, end)))  # fmt: skip


def _sentence_text(hit: Hit, span: Span) -> str:
    return " ".join(hit.chunk.text[span.start - hit.chunk.start : span.end - hit.chunk.start].split())


def with_antecedent(hit: Hit, span: Span, text: str, nameless: bool = False) -> str:
    """``text``, preceded — when it opens with a pronoun ("It flows 412 kilometres") or, with
    ``nameless``, names nothing at all ("Construction is expected to cost …") — by the sentences
    before it back to the one that names what it is about."""
    before = [s for s in hit.chunk.sentences if s.end <= span.start]
    chain = [text]
    while before and (OPENS_WITH_PRONOUN.match(chain[0]) or (nameless and not _NAME_TOKEN.search(chain[0], 1))):
        chain.insert(0, _sentence_text(hit, before.pop()))
    return " ".join(chain)


# "Matthias Corvinus\n\nMatthias Corvinus was King of Hungary …": a document (after its title line)
# opening with a definition of a name is about that name ("The Yongle Emperor was …": "Yongle Emperor")
_DOCUMENT_SUBJECT = re.compile(
    rf"^(?:[^\n]{{0,120}}\n\s*\n)?\W*(?:(?:The|An?)\s+)?({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{ROMAN_NUMERAL}\b)){{0,3}})(?:\s*\([^)]*\))?,?\s+(?:is|was)\b"
)
# the same with an aside after the name: "Jayavarman VII, known posthumously as Mahaparamasaugata
# (1122–1218), was king …" (shown to a reader, not read by the model's features)
_APPOSED_SUBJECT = re.compile(
    rf"^(?:[^\n]{{0,120}}\n\s*\n)?\W*(?:(?:The|An?)\s+)?({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{ROMAN_NUMERAL}\b)){{0,3}}),"
    r"[^,.\n]{1,100},\s+(?:is|was)\b"
)
# "He was the son of …", "In 1931 she married …": a sentence whose subject is a personal pronoun
_PERSONAL_OPENING = re.compile(
    rf"^(?:(?:In|On|At|By|After|Before|During|From|Later|Soon)\b[^.,]{{0,40}}?,?\s)?{PERSONAL_PRONOUN}\b"
)
# the same after a phrase naming no one but in quotes: "Widely regarded as one of the greatest players in history,
# he …", "Nicknamed "King James", he is …", or after the source it is told by: "According to the sagas of
# Icelanders, he established …"
_LED_PERSONAL_OPENING = re.compile(
    rf"^(?:[A-Z](?:[^.,A-Z\"“]|[\"“][^\"”.]{{1,40}}[\"”]){{0,80}}|According to [^.,]{{1,60}}),\s{PERSONAL_PRONOUN}\b"
)


# "It is radioactive and … located under the lanthanide element europium" in americium's summary
_IT_IS = re.compile(r"^It (?:is|was)\b(?! (?:\w+ly )?(?:believed|thought|said|estimated|known|possible|likely)\b)")


# "Isolated independently by two chemists, …, its name was derived from …" in bromine's summary
_ITS_LED = re.compile(r"^[A-Z][^.;]{0,120}?,\s+its\s+[a-z]+\s+(?:is|was|are|were)\b")


def opens_with_it_is(text: str) -> bool:
    """Does ``text`` open "It is" or "It was" about its article's subject (not "It is believed that …"), or say
    "its <noun> was" after a lead?"""
    return bool(_IT_IS.match(text) or _ITS_LED.match(text))


def opens_with_he_or_she(text: str) -> bool:
    """Is ``text``'s subject "he" or "she" ("Widely regarded as …, he was one of the two joint winners")?"""
    return bool(_PERSONAL_OPENING.match(text) or _LED_PERSONAL_OPENING.match(text))


def about_subject(text: str, document_text: str, apposed: bool = False) -> str:
    """For a sentence opening with "He"/"She" in a document about one person ("He was the son of
    John Hunyadi" in "Matthias Corvinus was King …"), the name the document is about; else "".
    With ``apposed`` (shown to a reader, not read by the features), also a name followed by an aside
    ("Jayavarman VII, known as …, was"), a sentence led by a phrase naming no one ("Widely regarded …, he")
    and one opening "It is" (a thing's summary: "Americium" for "It is radioactive …")."""
    shown_only = apposed and (_LED_PERSONAL_OPENING.match(text) or opens_with_it_is(text))
    if not (_PERSONAL_OPENING.match(text) or shown_only):
        return ""
    subject = _DOCUMENT_SUBJECT.match(document_text[:400]) or (
        _APPOSED_SUBJECT.match(document_text[:400]) if apposed else None
    )
    if apposed and subject and subject.group(1) in ("It", "He", "She", "They", "This"):
        return ""  # a summary opening "It is believed that …" names no subject
    return subject.group(1) if subject else ""


# a summary's headline, a line standing alone before its body: "Belém\n\nBelém, often called …"
_HEADLINE = re.compile(r"^[ \t]*([^\n]{1,120}?)[ \t]*\n[ \t]*\n")


def article_title(hit: Hit) -> str:
    """What the hit's article is about: its title or — when that is only its file name
    ("01001-bel-m": a one-word headline is not taken for a title when loading) — the headline
    line its text opens with ("Belém"), if the hit's passage opens the text."""
    if hit.chunk.start or name_letters(hit.title) != name_letters(hit.chunk.doc_id):
        return hit.title
    headline = _HEADLINE.match(hit.chunk.text)
    return headline.group(1) if headline and not headline.group(1).endswith((".", ",", ";", ":")) else hit.title


def name_letters(name: str) -> list[str]:
    """The letters and digits of a title or a file name, in any script ("Łódź tram" ~ "łódź-tram")."""
    return re.findall(r"[^\W_]+", name.lower())


def with_previous(hit: Hit, cand: Candidate) -> str:
    """The candidate sentence with the sentence before it in its chunk (what "it", "she" or
    "the attack" in it most likely refer to)."""
    spans = hit.chunk.sentences
    before = [s for s in spans if s.end <= cand.span.start]
    return f"{_sentence_text(hit, before[-1])} {cand.text}" if before else cand.text


def pick(frame: QuestionFrame, ranked: list[Candidate], floor: float = 0.0) -> list[Candidate]:
    """The answer sentences from ``ranked`` (best first by probability): the best one; for a
    number question also the best one of each disagreeing source; for a question asking for
    several items, the other likely answers that name different things; otherwise a second
    sentence when it covers question words the first one lacks. ``floor`` is the probability
    an extra sentence needs (the operating point)."""
    if not ranked:
        return []
    # (a sentence a rule rules out, probability 0, is no typed answer: "until the age of 16" for the age
    # children enter school)
    typed = [c for c in ranked if c.prob > 0 and matches_type(frame, c.text)] if frame.kind != "other" else ranked
    # a question with a unit class (a price, a distance) is only answered by a sentence holding one
    top = typed[0] if typed and (frame.unit or typed[0].prob >= ranked[0].prob - TYPE_BONUS) else ranked[0]
    if frame.kind == "number":
        return [top, *conflicting(ranked, top, floor=floor)]
    items = several_items(frame, ranked, top, floor)
    return [top, *items] if items else [top, *_complement(frame, ranked, top)]


def several_items(frame: QuestionFrame, ranked: list[Candidate], top: Candidate, floor: float) -> list[Candidate]:
    """For "which launchers …" or "name two …": other likely answers (probability at the
    operating point and within reach of the best) that name something the picked ones do not."""
    if not frame.several:
        return []
    named = new_names(top.text, frame.question) or set(content_words(top.text))
    extra: list[Candidate] = []
    for cand in ranked[1:8]:
        if cand.prob < max(floor, top.prob * SEVERAL_RATIO) or len(extra) >= SEVERAL_LIMIT - 1:
            break
        names = new_names(cand.text, frame.question) or set(content_words(cand.text))
        if names - named and matches_type(frame, cand.text) and cand.text != top.text:
            extra.append(cand)
            named |= names
    return extra


def focus(frame: QuestionFrame, ranked: list[Candidate], limit: int, picked: list[Candidate]) -> dict[int, str]:
    """What the generator is shown of each passage: only the best-ranked sentences (at most
    ``limit`` over all passages, each passage's in text order), keyed by hit index. The
    picked answer sentences come first (with the next sentence when it carries the answer),
    then the best two that hold the asked-for kind of value, then the rest by rank. A short
    prompt is what makes the first token fast (the prompt, not the answer, is most of the
    generator's time on 2 cores: BENCHMARKS.md)."""
    typed = [c for c in ranked if frame.kind != "other" and matches_type(frame, c.text)][:2]
    chosen: dict[tuple[int, int], str] = {}
    for cand in [*picked, *typed, *ranked]:
        if len(chosen) >= limit:
            break
        chosen.setdefault((cand.hit_index, cand.span.start), cand.text)
        if cand.next_span and needs_next_sentence(frame, cand) and len(chosen) < limit:
            chosen.setdefault((cand.hit_index, cand.next_span.start), cand.next_text)
    passages: dict[int, str] = {}
    for hit_index, start in sorted(chosen):
        passages[hit_index] = (
            f"{passages[hit_index]} {chosen[hit_index, start]}" if hit_index in passages else chosen[hit_index, start]
        )
    return passages


def needs_next_sentence(frame: QuestionFrame, cand: Candidate) -> bool:
    """For why/what-did-X-say questions the best-matching sentence often only restates the
    question; the answer is then in the sentence that follows."""
    if not cand.next_text or not _REASON_Q.search(frame.question.lower()):
        return False
    novel = set(content_words(cand.text)) - frame.terms
    return len(novel) <= 4


def _complement(frame: QuestionFrame, ranked: list[Candidate], top: Candidate) -> list[Candidate]:
    missing = frame.terms - set(content_words(top.text))
    if len(missing) < 2:
        return []
    for cand in ranked[1:6]:
        if cand.prob < top.prob - SECOND_SENTENCE_MARGIN:
            break
        adds = missing & set(content_words(cand.text))
        if len(adds) >= 2 and cand.text != top.text:
            return [cand]
    return []


def conflicting(
    ranked: list[Candidate], top: Candidate, margin: float = 0.3, limit: int = 3, floor: float = 0.0
) -> list[Candidate]:
    """Likely answers (probability within ``margin`` of ``top`` and at least ``floor``) from other
    passages that state *different* numbers for the same quantity."""
    top_values = quantities(top.text)
    if not top_values:
        return []
    units = {u for _, u in top_values}
    seen_values = set(top_values)
    extra: list[Candidate] = []
    for cand in ranked:
        if cand is top:
            continue
        if cand.prob < max(top.prob - margin, floor) or len(extra) + 1 >= limit:
            break
        values = {q for q in quantities(cand.text) if q[1] in units}
        fresh = values and not values & seen_values and cand.hit_index != top.hit_index
        if fresh and same_quantity(top.text, cand.text):
            extra.append(cand)
            seen_values |= values
    return extra


def unanswerable_reason(
    frame: QuestionFrame, ranked: list[Candidate], top: Candidate, context: str, vocab: frozenset[str]
) -> str:
    """Why the retrieved sentences cannot answer the question, or "" when they may.

    ``context`` is the answer sentence with the one before it (what a pronoun in it refers to)."""
    if not frame.terms and not frame.entities:
        # no word of the question can be read (another script: the embedder and the frame read
        # English), so every feature of every sentence is vacuous
        return "no word of the question can be matched to the articles"
    missing = unknown_names(frame.question, vocab, parts=True)
    if missing:
        return f"the articles never mention {', '.join(missing)}"
    if frame.count_terms and not any(counted(c.text, frame) for c in ranked):
        return "no passage gives a count of what is asked"
    if frame.unit == "money" and not any(has_unit("money", c.text) for c in ranked):
        return "no passage gives an amount of money"
    other = rival(frame, context)
    if other:
        return f"the best passage is about {other}, not {', '.join(n for _, n in frame.bindings)}"
    months = {t for t in frame.times if not t.isdigit()}
    if months and not months <= {t for t in months if re.search(rf"\b{t}\b", context.lower())}:
        return f"the best passage is not about {', '.join(sorted(months))}"
    return ""
