"""Whose words: whether a sentence gives the words of the person a question asks about ("What
did Rutte say about …?" is answered by "Rutte said …", "said Rutte", "according to Rutte", or a
"he said" after a sentence naming him; not by a sentence that only names him: "… met with Rutte").
The model reads :func:`speaker_says` as a feature; the rules read :func:`states_words`."""

from __future__ import annotations

import re

from rag.text import SPEECH, name_key


def speaker_says(speaker: tuple[str, ...], sentence: str, verbs: re.Pattern[str] = SPEECH) -> float:
    """1.0 when the question asks for no one's words, or one of ``speaker``'s names stands
    within a few words of a speech verb ("Rutte said", "said Rutte", "according to Rutte") —
    not merely named in the sentence ("Blinken informed Rutte")."""
    if not speaker:
        return 1.0
    tokens = [t.rstrip(".") for t in re.findall(r"[\w’'.-]+", sentence)]
    keys = {name_key(n) for n in speaker}
    at_name = [i for i, t in enumerate(tokens) if name_key(t) in keys]
    at_speech = [i for i, t in enumerate(tokens) if verbs.fullmatch(t)]
    return float(any(_speaks(tokens[s], s - n) for n in at_name for s in at_speech))


# a speaker's own words for someone: "Putin congratulated Trump …, hailing the US president-elect as courageous"
_DESCRIBES = re.compile(
    r"hail(?:ed|ing|s)?|prais(?:ed|ing|es)|brand(?:ed|ing|s)|dubb(?:ed|ing)|dubs|label(?:l?ed|l?ing|s)|term(?:ed|ing)",
    re.IGNORECASE,
)


_SPEECH_OR_DESCRIBES = re.compile(rf"(?:{SPEECH.pattern})|(?:{_DESCRIBES.pattern})", re.IGNORECASE)


def speaks_or_describes(speaker: tuple[str, ...], sentence: str) -> bool:
    """Does one of ``speaker``'s names speak in ``sentence`` or describe something in it ("…,
    hailing the US president-elect as courageous")? Read by the rules, not the model's features."""
    return bool(speaker_says(speaker, sentence, _SPEECH_OR_DESCRIBES))


def _speaks(verb: str, distance: int) -> bool:
    """A name ``distance`` tokens before a speech verb is the speaker ("Rutte said", "said Rutte");
    for "according", only a name just after it is ("according to Rutte", not "Norvik Arms,
    according to a procurement notice")."""
    if verb.lower() == "according":
        return -4 <= distance <= -2
    return -4 <= distance <= 6


def states_words(speaker: tuple[str, ...], sentence: str, before: str = "", by_pronoun: bool = False) -> bool:
    """For "what did X say": does X speak in ``sentence`` ("Zelensky posted on his X account: …"),
    or a pronoun that stands for X (``by_pronoun``: the question's "he" is the previous answer's
    person; else X named in ``before``, the sentence before it)? Not a sentence that only names X
    ("… visited Kyiv and met with Zelensky", sample dev q084)."""
    if not speaker or speaks_or_describes(speaker, sentence):
        return True
    keys = {name_key(n) for n in speaker}
    names_speaker = by_pronoun or any(name_key(t) in keys for t in re.findall(r"[\w’'.-]+", before))
    return names_speaker and pronoun_speaks(sentence)


def pronoun_speaks(sentence: str) -> bool:
    """ "He said …", "She later told …": a pronoun just before a speech verb."""
    return bool(re.search(rf"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:\w+\s+)?{SPEECH.pattern}", sentence))
