"""The support judge's checks of phrases: a claim must keep what the passage ties together, and quote it exactly.

"Edward Teller is regarded as the father of chemical engineering" holds only words that
"Edward Teller was a … physicist and chemical engineer who is known … as 'the father of the
hydrogen bomb'" holds, so word overlap supports it; but the passage makes him the father *of the
hydrogen bomb*. When the passage says "<noun> of …" with the claim's noun and none of those
phrases goes on to the claim's words, the claim has moved the noun to another thing.

A superlative a claim confines to a name ("the highest mountain in Afghanistan") must be said of
that name (:func:`check_extreme_scope`). A claim's words in quotation marks are the passage's own,
or the claim misquotes it (:func:`check_quotes`): "may be termed an "ethics or philosophical
good"" is not what a passage saying "an "ethic or philosophic good"" says, however many words
they share.

The "of" reading also serves a rule after the model (:func:`ties_elsewhere`, read by
``rag.rules.can_answer``): a sentence saying the question's "<noun> of X" only of other things does
not answer it; so does the ordinal reading (:func:`another_ordinal`): "the first law of
thermodynamics" does not answer a question about the third.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from rag.chunk import sentence_spans
from rag.judge_rules import STOPWORDS, WORD_NUMBERS, content_words, name_key, stem
from rag.text import KIND_NOUNS, ORDINAL_WORDS, PLACE_SUPERLATIVES, WORD, fold_accents

# Nouns before "of" that say how much or which part, not what a thing is ("one of the largest",
# "most of the country", "because of the war"): their "of" ties no fact a claim could move.
_NOT_A_TIE = frozenset(
    "one two three four five six seven eight nine ten some most many much all each none any both half either "
    "neither several few number lot lots majority minority rest part parts out because instead spite front "
    "ahead top end middle course way ways use made consist consists "
    "consisting composed think thought speak spoke told tell aware capable regardless".split()
)
_OBJECT_TOKENS = 6  # "the head of the International Atomic Energy Agency": the tie's reach


def _tokens(text: str, lower: bool = True) -> list[str]:
    """Words and figures ("a range of 300 km"), lower-cased unless asked; "U.S." is "US", as a
    question writes it."""
    text = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group().replace(".", ""), fold_accents(text))
    return [w.rstrip(".,") for w in re.findall(rf"{WORD}|\d[\d.,]*", text.lower() if lower else text)]


def _ties_at(tokens: list[str]) -> list[tuple[str, int]]:
    """Each noun before "of" (stemmed) with the index of the token after "of"."""
    return [
        (stem(head), i + 1)
        for i, (head, token) in enumerate(itertools.pairwise(tokens), start=1)
        if token == "of" and head not in STOPWORDS and head not in _NOT_A_TIE and len(head) > 2 and head.isalpha()
    ]


def _ties(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """Each noun before "of" (stemmed) with the words after it, one pair per use."""
    return [(head, tokens[at : at + _OBJECT_TOKENS]) for head, at in _ties_at(tokens)]


def _content_stems(words_after: list[str]) -> set[str]:
    return {stem(w) for w in words_after if w not in STOPWORDS and w != "of"}


def check_of_phrases(claim: str, passage: str) -> str:
    """"" when every "<noun> of <thing>" of the claim is one the passage says or never contradicts;
    else a reason naming the moved phrase."""
    passage_ties = _ties(_tokens(passage))
    for head, words_after in _ties(_tokens(claim)):
        wanted = _content_stems(words_after)
        said = [_content_stems(found) for found_head, found in passage_ties if found_head == head]
        if wanted and said and not any(wanted & found for found in said):
            return f"the passage says {head!r} of other things than the claim does"
    return ""


# "West Bengal is a part of Bangladesh": membership in a named whole. "part of" is no tie in general
# ("part of the reason"), but a claim putting a thing in a *named* whole states a fact the passage must
# state too: not "As a part of the Bengal region …, it borders Bangladesh", nor a passage naming
# Bangladesh only as a neighbour (the model wrote the passage's words into a false sentence).
_PART_OF_NAME = re.compile(r"\bparts?\s+of\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s?)+)")


def check_part_of(claim: str, passage: str) -> str:
    """"" unless ``claim`` makes something part of a name that no "part of …" of ``passage`` goes on to."""
    tokens = _tokens(passage)
    said = [
        _content_stems(tokens[i + 2 : i + 2 + _OBJECT_TOKENS])
        for i, (head, token) in enumerate(itertools.pairwise(tokens))
        if head in ("part", "parts") and token == "of"
    ]
    for found in _PART_OF_NAME.finditer(fold_accents(claim)):
        wanted = _content_stems(_tokens(found.group(1)))
        if wanted and not any(wanted & words for words in said):
            return f"the passage does not say it is part of {found.group(1).strip()}"
    return ""


# "Lahore is the second-largest city in the Indian state of Punjab, after Ludhiana": the passage's own
# words ("Amritsar, also known as Ambarsar, is the second-largest city …") said of another name, which the
# passage names elsewhere ("47 km north-east of Lahore"), so no word is missing
_NAMED_SUBJECT = re.compile(r"^((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*),?\s+((?:is|was|are|were)\s+\S.*)$")
_PREDICATE_WORDS = 5  # "is the second-largest city in": enough to be the passage's statement


def check_said_of_another(claim: str, passage: str) -> str:
    """"" unless ``claim`` says of a name what ``passage`` says, in the same words, of other names only."""
    found = _NAMED_SUBJECT.match(claim.strip())
    words = found.group(2).split()[:_PREDICATE_WORDS] if found else []
    if len(words) < _PREDICATE_WORDS:
        return ""
    keys = {name_key(w) for w in found.group(1).split()} - STOPWORDS
    if not keys:  # "It is …", "He was …"
        return ""
    said = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    named = [_names_before(passage, m.start()) for m in said.finditer(passage)]
    if named and all(names and not names & keys for names in named):
        return f"the passage says {' '.join(words)!r} of another name"
    return ""


def _names_before(passage: str, at: int) -> set[str]:
    """The keys of the capitalised words of ``passage``'s sentence before ``at``."""
    return {name_key(w) for w in re.findall(r"(?:(?<=\s)|^)[A-Z][\w’'-]*", _lead(passage, at))} - STOPWORDS


# "The first Earthsea novel was published in 1959" from "Her work was first published in 1959": the
# generator gave a pronoun's words to a name; the pronoun is the article's subject, so a name from
# its title may stand for it ("Le Guin's work was …"), another may not
_CLAIM_SUBJECT = re.compile(r"^\W*((?:[\w’'-]+\s+){0,5}?)(?:is|was|are|were|has|had)\s+((?:\S+\s+){2,4}\S+)")
_PRONOUN_LEAD = re.compile(r"^\W*(?:He|She|It|They|His|Her|Its|Their)\b")


def check_pronoun_made_a_name(claim: str, passage: str, title: str = "") -> str:
    """"" unless ``claim`` says of a name (not in ``title``) what ``passage`` says only of a pronoun."""
    found = _CLAIM_SUBJECT.match(claim.strip())
    names = [w for w in found.group(1).split()[1:] if w[:1].isupper()] if found else []
    keys = {name_key(w) for w in names} - STOPWORDS - {name_key(w) for w in title.split()}
    if not keys:
        return ""
    words = [w.rstrip(".,;") for w in found.group(2).split()[:3]]
    said = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    starts = [m.start() for m in said.finditer(passage)]
    if starts and all(_PRONOUN_LEAD.match(_lead(passage, at)) and not _names_before(passage, at) & keys
                      for at in starts):
        return f"the passage says {' '.join(words)!r} of a pronoun, not of {' '.join(names)}"
    return ""


def _lead(passage: str, at: int) -> str:
    """``passage``'s sentence up to ``at``."""
    return passage[max((s.start for s in sentence_spans(passage) if s.start <= at), default=0) : at]


# "The five founding member countries of OPEC were Iraq, Kuwait, Saudi Arabia and Venezuela": the
# generator dropped Iran from "the first five members: Iran, Iraq, Kuwait, Saudi Arabia and Venezuela"
_COUNTED_LIST = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten)\s+[^.:;]{0,80}?(?:\b(?:were|are|include[sd]?)\b|:)\s+"
    r"([A-Z][^.;:()]*)"
)


def check_list_count(claim: str, passage: str) -> str:
    """"" unless ``claim`` counts a list of names ("The five … were A, B, C and D") it names more or fewer of."""
    for found in _COUNTED_LIST.finditer(claim):
        items = [item for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", found.group(2).strip()) if item]
        if len(items) < 2 or not all(item[:1].isupper() and len(item.split()) <= 4 for item in items):
            continue
        if found.group(0).strip() in passage:  # the passage's own words
            continue
        if len(items) != WORD_NUMBERS[found.group(1).lower()]:
            return f"it names {len(items)} where it counts {found.group(1)}"
    return ""


# words a claim puts in double quotation marks (straight or curly)
_QUOTED = re.compile(r'"([^"]{1,80})"|“([^”]{1,80})”')


def _plain(text: str) -> str:
    return " ".join(re.findall(rf"{WORD}|\d+", fold_accents(text).lower()))


def check_quotes(claim: str, passage: str) -> str:
    """"" when every phrase ``claim`` puts in quotation marks is in ``passage`` word for word
    (case, accents and punctuation aside); else a reason naming the misquoted phrase."""
    said = f" {_plain(passage)} "
    for found in _QUOTED.finditer(claim):
        quoted = _plain(found.group(1) or found.group(2))
        if quoted and f" {quoted} " not in said:
            return f"the passage does not say {quoted!r} in those words"
    return ""


# "The highest mountain in Afghanistan is K2": a superlative the claim confines to a named place or
# group; the passage must say it of that name (in one sentence, or as the passage's own subject),
# not of another ("The Karakoram … extending into Afghanistan … the highest of which is K2")
_SUPERLATIVE_OF = re.compile(
    rf"\b({PLACE_SUPERLATIVES}|most populous)\b"
    r"[^.;,]{0,40}?\b(?:in|of)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s?)+)"
)


def check_extreme_scope(claim: str, passage: str) -> str:
    """"" unless ``claim`` confines a superlative to a name ("the largest city in Vell") that no
    sentence of ``passage`` holding that superlative names, nor the passage's opening words."""
    claim = fold_accents(claim)
    if not _SUPERLATIVE_OF.search(claim):
        return ""  # most claims: the passage is not split
    sentences = [fold_accents(passage[s.start : s.end]) for s in sentence_spans(passage)]
    opening = " ".join(" ".join(sentences[:2]).split()[:6])
    for found in _SUPERLATIVE_OF.finditer(claim):
        extreme, name = found.group(1), found.group(2).split()
        said = [t for t in sentences if extreme in t.lower()]
        if said and not any(_names(name, t) for t in [opening, *said]):
            return f"the passage does not say {extreme!r} of {' '.join(name)}"
    return ""


def _names(name: list[str], text: str) -> bool:
    return any(re.search(rf"\b{re.escape(word)}", text) for word in name if len(word) > 2)


_DETERMINERS = frozenset("the a an his her its their this that these those".split())


def ties_elsewhere(question: str, sentence: str) -> bool:
    """Does ``sentence`` say the question's "<noun> of <thing>" only of other things ("the father of
    the hydrogen bomb" for "Who is the father of chemical engineering?")? Not when it also says the
    noun bare ("His reign lasted 54 years – … until the reign of the Kangxi Emperor"), ties it to a
    figure ("a population of 8 million": the noun's value, not another thing), names the thing
    elsewhere ("the Kingdom of Indore was a … Princely State of the British Raj") or opens with it, its
    subject, and counts the noun ("Flea, the common name for the order Siphonaptera, includes 2,500
    species of small flightless insects" for "How many species of flea …?"; not "Cartilage is a … type of
    connective tissue" for its types)."""
    tokens = _tokens(sentence)
    said = _ties(tokens)
    stems = {stem(t) for t in tokens}
    subject = {stem(t) for t in tokens[:2]}
    for head, phrase, named in _asked_ties(question):
        others = [words_after for found_head, words_after in said if found_head == head]
        uses = sum(1 for token in tokens if stem(token) == head)
        # a figure just before the noun: "includes 2,500 species"
        counted = phrase <= subject and any(stem(t) == head and p[:1].isdigit() for p, t in itertools.pairwise(tokens))
        if not others or uses > len(others) or ((named or counted) and phrase & stems):
            continue
        if any(_kind_of(w) for w in others):
            continue
        if not any(_is_figure(w[:4]) or _shares_a_word(phrase, w) for w in others):
            return True
    return False


def _shares_a_word(phrase: set[str], words_after: list[str]) -> bool:
    """Does the thing said share a word with the one asked, or a name with its longer form ("the
    earliest mention of "Israel" as a people" for "the earliest mention of the Israelites")?"""
    said = {stem(t) for t in words_after}
    return bool(phrase & said) or any(
        len(short) >= 5 and long != short and long.startswith(short)
        for a in phrase for b in said for short, long in ((a, b), (b, a))
    )


def _kind_of(words_after: list[str]) -> bool:
    """"the form of the game", "the edge of the city": a kind that may stand for the thing asked of (its
    article's subject: Muscat's "port district … at the north-eastern edge of the city")."""
    return words_after[:1] == ["the"] and len(words_after) > 1 and (
        words_after[1] in KIND_NOUNS or words_after[1] in _PLACE_KINDS
    )


_PLACE_KINDS = frozenset("city town village country island capital state province region nation".split())


def _is_figure(words_after: list[str]) -> bool:
    """"8.8 million", "about two million", "more than 3300 metres"; not "one of the creators"."""
    return any(w[:1].isdigit() or (w in WORD_NUMBERS and w != "one") for w in words_after)


# "Which field of mathematics …?", "What two levels of warfighting …?": the noun itself is asked (a
# field of complex analysis answers), so what it is "of" names no other thing
_ASKING = ("which", "what")


def _asks_the_noun(tokens: list[str], head_at: int) -> bool:
    before = tokens[max(0, head_at - 2) : head_at]
    return bool(before) and (
        before[-1] in _ASKING or (len(before) == 2 and before[0] in _ASKING and before[1] in WORD_NUMBERS)
    )


@lru_cache(maxsize=256)  # read for the question once, not for each of its candidates
def _asked_ties(question: str) -> tuple[tuple[str, frozenset[str], bool], ...]:
    """The question's "<noun> of <words>": the stems of its words (a name's, "the Battle of Vell",
    with what a possessive name goes on to, "Vygotsky's major texts"; or those up to the next small
    word or verb, "the father of chemical engineering") and whether they name something."""
    cased = _tokens(question, lower=False)
    tokens = [t.lower() for t in cased]
    asked = []
    for head, at in _ties_at(tokens):
        if _asks_the_noun(tokens, at - 2):
            continue
        while at < len(tokens) and tokens[at] in _DETERMINERS:
            at += 1
        case: bool | None = False  # True in a name; None after a possessive: "Vygotsky's major texts"
        phrase: list[str] = []
        for word in cased[at : at + 4]:
            upper = word[:1].isupper()
            if word.lower() in STOPWORDS or (phrase and (_verb_like(word) or (case and not upper))):
                break  # "… of puppet theatre called": the phrase ends where the verb starts
            phrase.append(stem(word))
            case = None if word.endswith(("'s", "’s")) else upper  # "the western Vantor Empire" goes on
        named = any(word[:1].isupper() for word in cased[at : at + len(phrase)])
        if phrase:
            asked.append((head, frozenset(phrase), named))
    return tuple(asked)


def _verb_like(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed")


# "the third law", "the 2nd edition": an ordinal and the noun it numbers
_ORDINAL_NOUN = re.compile(
    rf"\b({'|'.join(ORDINAL_WORDS[:10])}|zeroth|\d+(?:st|nd|rd|th))\s+([a-z]{{3,}})\b",
    re.IGNORECASE,
)


def another_ordinal(question: str, sentence: str) -> bool:
    """Does ``sentence`` number the question's "<ordinal> <noun>" only with other ordinals? "Who
    formulated the third law of thermodynamics?" is not answered by "… the formulation of the first
    law of thermodynamics"."""
    for asked in _ORDINAL_NOUN.finditer(question):
        noun = stem(asked.group(2).lower())
        found = _ORDINAL_NOUN.finditer(sentence)
        said = {other.group(1).lower() for other in found if stem(other.group(2).lower()) == noun}
        if said and asked.group(1).lower() not in said:
            return True
    return False


# offices and ranks a claim may give someone: "Otto I became the first king of …" where the passage
# says "the first emperor of the Holy Roman Empire" (the model's own word for the office)
_OFFICES = re.compile(
    r"\b(kings?|queens?|emperors?|empress(?:es)?|presidents?|prime ministers?|chancellors?|popes?|sultans?|"
    r"caliphs?|shahs?|tsars?|czars?|pharaohs?|governors?|mayors?|archbishops?|bishops?|dukes?|duchess(?:es)?|"
    r"khans?|shoguns?|premiers?|viceroys?|chiefs? of staff|secretar(?:y|ies)-general)\b",
    re.IGNORECASE,
)


def check_offices(claim: str, passage: str) -> str:
    """"" when every office ``claim`` names ("king", "prime minister") is named in ``passage`` too
    (its plural or singular: compared by their words' stems); else a reason naming the office the
    passage never gives."""
    held = {tuple(content_words(m.group(1))) for m in _OFFICES.finditer(passage)}
    for found in _OFFICES.finditer(claim):
        if tuple(content_words(found.group(1))) not in held:
            return f"the passage does not name a {found.group(1).lower()}"
    return ""


# the checks :func:`rag.judge.judge` runs from this module, in order
# "The capital of Odisha lies in the district of Bhubaneswar": a division or body named by its kind, which
# the passage gives another name ("It is located in the Khordha district")
_NAMED_KINDS = (
    "district|province|county|region|state|department|prefecture|municipality|borough|parish|diocese|"
    "river|lake|island|mountain|valley|desert|university|college|church|temple|party|dynasty"
)
_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}"


def _kind_names(text: str, kind: str) -> set[str]:
    """The names ``text`` gives a ``kind`` ("the Khordha district", "the district of Khordha"), by key."""
    found = re.finditer(rf"({_NAME})\s+{kind}s?\b|\b{kind}s?\s+of\s+(?:the\s+)?({_NAME})", text)
    keys = {name_key(w) for m in found for w in (m.group(1) or m.group(2)).split()} - STOPWORDS
    return {key for key in keys if not _OF_ORIGIN.search(key)}  # "the Indian state of Odisha": Odisha's


_OF_ORIGIN = re.compile(r"(?:ian|ese|ish|ern|an|ic)$")  # an adjective of origin or side names none


def check_kind_named(claim: str, passage: str) -> str:
    """"" unless ``claim`` gives a kind ("the district of Bhubaneswar") a name the passage never gives it
    while the passage names one of that kind otherwise ("the Khordha district")."""
    for kind in set(re.findall(rf"\b({_NAMED_KINDS})s?\b", claim)):
        claimed, said = _kind_names(claim, kind), _kind_names(passage, kind)
        if claimed and said and not claimed & said:
            return f"the passage names another {kind}"
    return ""


PHRASE_CHECKS = (
    check_said_of_another, check_of_phrases, check_part_of, check_quotes, check_extreme_scope, check_offices,
    check_list_count, check_kind_named,
)
