"""Stage 7c — verify: check every answer sentence against the passages it cites.

Each factual sentence must be supported (see :mod:`rag.judge`) by a passage it cites.
A sentence whose citation is wrong but which another retrieved passage supports is
re-cited to that passage; a sentence nothing supports is removed and reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.cite import clean_markers, markers_of, split_sentences, with_markers
from rag.judge import Verdict, content_words, judge
from rag.records import Hit, SentenceVerdict
from rag.text import ADDRESSES_ASSISTANT, strip_markers

ABSTAIN_RE = re.compile(
    r"\b(?:articles?|passages?|sources?|texts?|context)\s+(?:do(?:es)?\s*n[o']t|do(?:es)? not)\s+(?:say|mention|state|"
    r"contain|provide|answer)|\bno (?:information|mention)\b|\bcannot (?:answer|find)\b|\bnot (?:mentioned|stated)\b",
    re.IGNORECASE,
)


# A sentence about the passages or the question rather than about the world ("The passage is
# about …", "The question asks …", "Passage 2 discusses …"): not a claim, so never "supported".
META_RE = re.compile(
    r"^\W*(?:(?:the|this|that|these|those|each|both|all|my|your)\s+)?(?:first\s+|second\s+|given\s+|above\s+)?"
    r"(?:passages?|questions?|articles?|texts?|context|sources?|excerpts?|documents?|answer)"
    # "The passage then goes on to discuss how …": an adverb or "goes on to" before the verb
    r"(?:\s*\[?\(?\d+\)?\]?)?\s+(?:(?:then|also|further|mainly|primarily|briefly|next|later|first|finally)\s+)?"
    r"(?:(?:goes|went|continues|proceeds)\s+on\s+to\s+|continues\s+to\s+|proceeds\s+to\s+)?"
    r"(?:(?:is|are|was|were)\s+(?:about|asking|discussing|describing|talking|focused|"
    r"concerned|related|quoted|quoting|taken|excerpted|citing)|asks?|quot(?:es|ing)|discuss(?:es)?|describes?|"
    r"talks?|focus(?:es)?|refers?|concerns?|deals?|explains?\s+(?:how|why|what)|explores?|outlines?|"
    r"(?:does|do)\s+not|provides?\s+(?:information|details|context)|mentions?\s+(?:that\s+)?(?:the\s+)?question)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verification:
    kept: tuple[SentenceVerdict, ...]
    removed: tuple[SentenceVerdict, ...]
    repaired: bool
    model_abstained: bool

    @property
    def text(self) -> str:
        return " ".join(v.text for v in self.kept)


Similarity = Callable[[str, str], float]
META_REASON = "not a claim: it describes the passages or the question"
INSTRUCTION_REASON = "not a claim: it speaks to an AI assistant (text in a source is data, not instructions)"
TITLE_REASON = "not a claim: it is only a source's title"
DANGLING_REASON = "not a claim: it leaves its answer out"
QUESTION_REASON = "not a claim: it asks a question"
# "The title of the book in which Gaddafi set out his theory is [1].": the question restated, its
# answer left out (a copula or "called" with nothing after it)
DANGLING_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|called|named|titled|entitled|known as|include|includes)\s*"
    r"(?:\[\d+\]\s*)*[.!]?\s*$",
    re.IGNORECASE,
)
# "The answer to the question (about who named the river) is: X" / "The passage is: X" — the
# model announcing its answer, first on a line or after another sentence
ANSWER_PREFIX_RE = re.compile(
    r"(?im)(?:^|(?<=[.!?][ \t]))[ \t]*(?:the\s+)?(?:answer|passage|response|text)"
    r"(?:\s+to\s+(?:the|your|this)\s+question(?:\s+(?:about|of|on)\s+[^:.?!\n]{1,80}?)?)?"
    r"\s+(?:is|says|states|reads)\s*:\s*"
)
# "The article says that X …": the model attributing its claim, which is verified as "X …"
SAYS_THAT_RE = re.compile(
    r"(?im)(?:^|(?<=[.!?\]][ \t]))[ \t]*(?:the|this)\s+(?:articles?|passages?|texts?|sources?)"
    r"(?:\s*\[\d+\])?\s+(?:says|states|notes|mentions|reports|explains|shows)\s+that\s+(\w)"
)
LEAD_IN_RE = re.compile(r":\s*(?:\[\d+\]\s*)*[.]?\s*$")  # "Sidney Poitier: [1]" states nothing
LIST_NUMBER_RE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+(?=\S)")


def is_factual(sentence: str) -> bool:
    """Sentences with at least two content words make claims; "Yes.", "[1]" or a lead-in that
    ends in a colon ("Sidney Poitier: [1]") do not."""
    return len(content_words(sentence)) >= 2 and not LEAD_IN_RE.search(sentence)


def verify(
    raw: str, hits: list[Hit], similarity: Similarity | None = None, asked: frozenset[str] = frozenset()
) -> Verification:
    """Verify, repair or remove each sentence of the model's raw answer (to a question whose
    content words are ``asked``)."""
    # a list item's number ("1. The analyst said …") is layout, not a figure the claim states
    cleaned = ANSWER_PREFIX_RE.sub("", LIST_NUMBER_RE.sub("", clean_markers(raw, len(hits))))
    cleaned = SAYS_THAT_RE.sub(lambda m: m.group(1).upper(), cleaned)
    if not cleaned or ABSTAIN_RE.search(cleaned):
        return Verification((), (), False, bool(cleaned))
    kept: list[SentenceVerdict] = []
    removed: list[SentenceVerdict] = []
    repaired = False
    for sentence in split_sentences(cleaned):
        if not is_factual(sentence):
            continue
        reason = _not_a_claim(sentence, hits)
        if reason:
            removed.append(SentenceVerdict(sentence, markers_of(sentence), False, reason, removed=True))
            repaired = True
            continue
        verdict = verify_sentence(sentence, hits, similarity, asked)
        (removed if verdict.removed else kept).append(verdict)
        repaired = repaired or verdict.removed or bool(verdict.reason)
    return Verification(tuple(kept), tuple(removed), repaired, False)


def _not_a_claim(sentence: str, hits: list[Hit]) -> str:
    """Why ``sentence`` is no claim, or "": it describes the passages or the question, speaks to
    the assistant, leaves its answer out, asks a question, or is only the title of a retrieved article
    ("Three Sovereigns and Five Emperors [2]": it names a subject and claims nothing about it)."""
    if META_RE.search(sentence):
        return META_REASON
    if ADDRESSES_ASSISTANT.search(sentence):
        return INSTRUCTION_REASON
    if DANGLING_RE.search(sentence):
        return DANGLING_REASON
    if strip_markers(sentence).rstrip().endswith("?"):
        return QUESTION_REASON  # the model echoing the question: every word is in a passage, and it claims nothing
    bare = " ".join(strip_markers(sentence).split()).rstrip(" .").casefold()
    return TITLE_REASON if any(bare == " ".join(hit.title.split()).casefold() for hit in hits) else ""


def verify_sentence(
    sentence: str, hits: list[Hit], similarity: Similarity | None = None, asked: frozenset[str] = frozenset()
) -> SentenceVerdict:
    """Keep the citations whose passage supports the sentence; else re-cite it to the first
    (best-ranked) passage that does; else mark it removed with the judge's reason."""
    cited = markers_of(sentence)
    verdicts = {n: judge(sentence, hits[n - 1].chunk.text, similarity, asked, hits[n - 1].title) for n in cited}
    good = tuple(n for n in cited if verdicts[n].supported)
    if good:
        return SentenceVerdict(with_markers(sentence, good), good, True)
    for n in range(1, len(hits) + 1):
        if n in cited:
            continue
        verdicts[n] = judge(sentence, hits[n - 1].chunk.text, similarity, asked, hits[n - 1].title)
        if verdicts[n].supported:
            how = f"re-cited from {''.join(f'[{c}]' for c in cited)} to [{n}]" if cited else f"citation [{n}] added"
            return SentenceVerdict(with_markers(sentence, (n,)), (n,), True, how)
    return SentenceVerdict(with_markers(sentence, cited), cited, False, _removal_reason(cited, verdicts), removed=True)


def _removal_reason(cited: tuple[int, ...], verdicts: dict[int, Verdict]) -> str:
    """Why nothing supports the sentence: the judge's reason for its own citation or, when it
    had none, for the passage closest to it."""
    if cited:
        return f"not supported by any passage: {verdicts[cited[0]].reason}"
    if not verdicts:
        return "not supported by any passage: no citation and no passages"
    n = max(verdicts, key=lambda k: verdicts[k].precision)
    return f"not supported by any passage: no citation; closest passage [{n}]: {verdicts[n].reason}"
