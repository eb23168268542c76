"""The corpus's words (built once per index by the pipeline) and the names of a question that no
indexed document holds: read by the abstention (rag.extract.unanswerable_reason) and by a feature
of the answerability model (the share of a question's names the articles never mention)."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.frame import names_in
from rag.text import WORD, fold_accents

_DEMONYMS = {"polish": "poland", "british": "britain", "french": "france", "german": "germany", "chinese": "china"}
_QUESTION_WORDS = frozenset("who what when where which why how is was did does has have according".split())


def vocabulary(texts: list[str]) -> frozenset[str]:
    """Lower-cased words of the corpus without diacritics ("röntgen" → "rontgen"), for telling
    whether a name occurs in it at all."""
    # any script's letters: an ASCII-only pattern split "Gdańsk" into "gda" and "sk", so every
    # question naming it was refused as naming something the articles never mention
    return frozenset(w.lower() for text in texts for w in re.findall(WORD, fold_accents(text)))


# built once per vocabulary (one per index), not for every question: a frozenset keeps its hash
@lru_cache(maxsize=4)
def _stems(vocab: frozenset[str], parts: bool) -> frozenset[str]:
    """The first five letters of the corpus's words (``parts``: and of the parts after a hyphen)."""
    hyphen_parts = {p[:5] for w in vocab if "-" in w for p in w.split("-")[1:]} if parts else set()
    return frozenset({w[:5] for w in vocab} | hyphen_parts)


def unknown_names(question: str, vocab: frozenset[str], dotted: bool = True, parts: bool = False) -> list[str]:
    """Question names no indexed document holds ("Mexican" finds "Mexico"; ``dotted``: "U.S" its letters;
    ``parts``: "Qaeda" the part of the corpus's "al-qaeda" after its hyphen, as the question's names split it)."""
    stems = _stems(vocab, parts)
    missing = []
    for token in names_in(question):
        word = fold_accents(token).lower().rstrip(".’'").removesuffix("’s").removesuffix("'s")
        if word in _QUESTION_WORDS or any(w in vocab or w[:5] in stems for w in (word, _DEMONYMS.get(word, word))):
            continue
        marks = "&." if dotted else "&"  # "AT&T", "U.S": the corpus's words split them at these marks
        if any(m in word for m in marks) and all(part in vocab for part in re.split(f"[{marks}]", word) if part):
            continue
        missing.append(token)
    return missing
