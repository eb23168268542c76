"""Whose share a sentence gives: "What percentage of global precipitation falls over the oceans?" is not
answered by the ocean's "86% of global evaporation", nor "What percentage of all the water on Earth is held
in the ocean?" by "… which covers 70.8% of Earth's crust". Read by ``rag.rules.can_answer``."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.judge import content_words

# "What percentage of global precipitation falls …", "Roughly what share of the world's water is …": the
# words of the whole whose share is asked, up to its verb or a preposition
_SHARE_OF_Q = re.compile(
    r"^\W*(?:(?:roughly|about|approximately|around) )?(?:what|which) (?:percentage|percent|share|proportion|fraction)"
    r" of ((?:(?!(?:is|are|was|were|does|do|did|has|have|had|can|in|on|at|over|by|from|to|for|across|worldwide)\b)"
    r"[\w’'-]+ ){1,4})",
    re.IGNORECASE,
)
# a share and the whole it is of: "86% of global evaporation", "70.8 percent of Earth's crust"
_SHARE_GIVEN = re.compile(
    r"\d[\d.,]*\s*(?:%|per ?cent\b|percent\b)(?:\s+(?:of\s+((?:[\w’'-]+\s+){0,2}[\w’'-]+)))?", re.IGNORECASE
)
# words that tell no whole apart: "global", "the world's", "all of Earth's"
_ANY_WHOLE = frozenset(content_words("global world world's earth earth's total all entire whole planet"))
# one whole by other names: "the population" is its "people"; "the economy" its "GDP"
_SAME_WHOLE = (
    frozenset(content_words("population people persons inhabitants residents citizens")),
    frozenset(content_words("economy gdp output")),
)


def _whole(words: str) -> set[str]:
    found = set(content_words(words)) - _ANY_WHOLE
    for same in _SAME_WHOLE:
        if found & same:
            found |= same
    return found


@lru_cache(maxsize=256)  # read for the question once, not for each of its candidates
def _asked_whole(question: str) -> frozenset[str]:
    asked = _SHARE_OF_Q.match(question)
    return frozenset(_whole(asked.group(1))) if asked else frozenset()


def shares_another_whole(question: str, sentence: str) -> bool:
    """For "What percentage of <a whole> …?": does every share ``sentence`` gives say which whole it is a
    share of, each another one (nothing of the asked whole's words)?"""
    whole = _asked_whole(question)
    given = list(_SHARE_GIVEN.finditer(sentence))
    if not whole or not given:
        return False
    return all(share.group(1) and not whole & _whole(share.group(1)) for share in given)
