"""Whether a count the question asks of wins is given only of nominations: "How many Tony Awards
has she won?" is not answered by "… and nominations for three Tony Awards" (read by ``rag.rules``)."""

from __future__ import annotations

import re

from rag.counting import is_number, number_tokens
from rag.frame import QuestionFrame
from rag.judge import content_words

# "How many Tony Awards has she won?" asks for wins, not "nominations for three Tony Awards"
_WIN_Q = re.compile(r"\b(?:won|win|wins|winning|received|receive|earned|awarded|collected)\b", re.IGNORECASE)
_NOMINATED = frozenset({"nomination", "nominations", "nominated", "nominee", "nominees", "shortlisted"})


def counts_nominations(frame: QuestionFrame, sentence: str) -> bool:
    """For "How many Tony Awards has X won?": does every number ``sentence`` gives of the asked
    thing count nominations for it ("… and nominations for three Tony Awards"), not wins? A name
    in the counted noun ("Tony") tells which of a list's numbers count it ("three Grammy Awards")."""
    if not frame.count_terms or not _WIN_Q.search(frame.question) or "nominat" in frame.question.lower():
        return False
    names = frame.count_terms & {s for e in frame.entities for s in content_words(e)}
    tokens, stems = number_tokens(sentence)
    counts = [
        i for i in range(len(tokens))
        if is_number(tokens, i) and (stems[i + 1 : i + 2] and stems[i + 1] in names if names
                                  else frame.count_terms & set(stems[i + 1 : i + 4]))
    ]  # fmt: skip
    return bool(counts) and all(_nominations(tokens, i) for i in counts)


def _nominations(tokens: list[str], at: int) -> bool:
    """Does the number at ``at`` count nominations: "nominations for three Tony Awards", "three
    Tony Award nominations" (not "two nominations and won two Oscars")?"""
    before = tokens[at - 2 : at] if at >= 2 else []
    nominated_for = len(before) == 2 and before[0] in _NOMINATED and before[1] in {"for", "of", "including"}
    return nominated_for or bool(_NOMINATED & set(tokens[at + 1 : at + 4])) or _listed_after_nominations(tokens, at)


def _listed_after_nominations(tokens: list[str], at: int) -> bool:
    """Is the number at ``at`` one item of a list that nominations open, with no win between:
    "nominations for a Primetime Emmy Award and five Grammy Awards"?"""
    lead = tokens[max(0, at - 10) : at]
    opened = [i for i in range(len(lead) - 1) if lead[i] in _NOMINATED and lead[i + 1] in {"for", "of", "including"}]
    return bool(opened) and not any(_WIN_Q.fullmatch(word) for word in lead[opened[-1] :])
