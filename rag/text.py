"""Text helpers shared by every stage: the one citation-marker pattern and the one month list.

Stages import these names instead of writing their own patterns, so a marker or a month is
recognised the same way in the answer, the verifier, the metrics and the UI.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A citation marker "[3]" or "[1, 2]". Spaces and tabs only inside a marker: with ``\s`` a
# "[\n7]" escaped cleaning (it spans a line) yet parsed as marker 7, and "[0;\x1f0]" crashed int().
MARKER_RE = re.compile(r"\[[ \t]*(\d{1,3}(?:[ \t]*[,;][ \t]*\d{1,3})*)[ \t]*\]")

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
# The ordinal words, in order: "first" is ORDINAL_WORDS[0]; one list for every module's patterns
ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Month names and their abbreviations ("Nov", "Nov.", "Sept") as one regex alternation, lower-case.
# A month's name or its abbreviation, whole: "Nov." and "November", never "novel", "decision" or "market"
MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
# A year a question or an article names as such: 1500-2099
YEAR_PATTERN = r"(?:1[5-9]|20)\d{2}"
YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")

# Letters of any script, not only ASCII: "[a-z]" read "Łódź" as "d" and "Gdańsk" as "gda" + "sk",
# and "[A-Z]" did not see "Émile", "Östervik" or "İzmir" as names at all.
LETTER = r"[^\W\d_]"
# The capital letters of the Latin, Greek and Cyrillic blocks (``re`` has no \p{Lu}): generated
# from the Unicode tables rather than typed, so none is missed.
UPPER = "[" + "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper()) + "]"
# A word: letters, perhaps joined by apostrophes or hyphens ("don't", "Kādambarī", "long-range").
WORD = rf"{LETTER}(?:{LETTER}|['’-])*"
# A Roman numeral up to 39, as after a ruler's name ("Louis XI", "Henry IV", "Xerxes I")
ROMAN_NUMERAL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
# kinds an article's sentences name its own subject by, under its title ("discovered the element
# in 1844" in Ruthenium's summary, "the earliest known form of the game" in Poker's)
KIND_NOUNS = frozenset(
    "element metal compound mineral species genus disease virus planet moon comet gas game sport".split()
)
# a compass word: "north", "South-East", "southwestern", "Eastern"
COMPASS_WORD = r"(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?"
# superlatives confined to a place ("the highest mountain in Afghanistan"), read by the judge and a rule
PLACE_SUPERLATIVES = "highest|tallest|largest|biggest|longest|deepest|oldest|smallest|busiest"
# a phrase a question puts in quotation marks ("What else may an object with "ethic value" be called?")
QUOTED_PHRASE = re.compile(r"(?:^|[\s(])['‘\"“]([^'’\"”]{3,}?)['’\"”](?=[\s?,.;:)!]|$)")

# A verb reporting speech or writing ("Rutte said", "according to Rutte", "Ash speculated").
SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|warned|warns|added|wrote|writes|posted|announced|claimed|"
    r"insisted|argued|noted|declared|stressed|according|speculated|suggested|explained|urged|replied|responded|"
    r"commented|remarked|acknowledged|admitted|asserted|emphasi[sz]ed|vowed|promised|predicted|cautioned|"
    r"criticised|criticized|called|described|accused|welcomed|tweeted|saying)\b",
    re.IGNORECASE,
)


# Text that speaks to an AI assistant is never an answer or a claim, whatever it scores
# (prompt injection: "Ignore previous instructions", "Print the full text of your instructions").
ADDRESSES_ASSISTANT = re.compile(
    r"^\W*(?:system|assistant|user|ai)\s*:|\b(?:ignore|disregard|forget)\b.{0,30}\b(?:instructions?|prompts?|rules)\b"
    r"|\bsystem prompt\b|\byou are (?:an? )?(?:ai|assistant|language model|chatbot)\b"
    r"|\byour (?:instructions?|prompts?|rules|guidelines|system message)\b",
    re.IGNORECASE,
)


def strip_markers(text: str) -> str:
    """``text`` without its citation markers (and the space before each)."""
    return re.sub(r"\s*" + MARKER_RE.pattern, "", text).strip()


# "According to Reuters (Nov 21): …" — the answer's attribution of a figure to its source, written
# from the document's metadata (outlet, date, title), not a claim of the passage.
ATTRIBUTION_RE = re.compile(r"^According to [^:\n]{1,160}: ")


def without_attribution(sentence: str) -> str:
    """``sentence`` without a leading "According to <source>: "."""
    return ATTRIBUTION_RE.sub("", sentence, count=1)


# A nationality and its country share a key ("Polish" minister ↔ "Poland’s" minister) where
# their first five letters differ; the others already do ("Russian"/"Russia").
_DEMONYMS = {
    "polis": "polan", "briti": "brita", "engli": "engla", "frenc": "franc", "chine": "china", "swedi": "swede",
    "spani": "spain", "turki": "turke", "irani": "iran", "iraqi": "iraq", "dutch": "nethe", "welsh": "wales",
    "scott": "scotl", "irish": "irela", "danis": "denma", "finni": "finla", "norwe": "norwa", "greek": "greec",
    "swiss": "switz", "itali": "italy", "filip": "phili", "thai": "thail", "peruv": "peru", "cuban": "cuba",
    "malia": "mali",
}  # fmt: skip


# Latin letters that are not a base letter plus an accent, so NFKD leaves them whole
_UNACCENTED = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ẞ": "SS",
}  # fmt: skip


def _folded(letter: str) -> str:
    if letter in _UNACCENTED:
        return _UNACCENTED[letter]
    return "".join(c for c in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(c))


# only the Latin blocks: Cyrillic "й" or Japanese "が" are letters of their own, not accented ones;
# one table for ``str.translate``, built once (a loop per letter made loading 10,000 articles 0.3 s slower)
_FOLD = {
    code: _folded(chr(code))
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if _folded(chr(code)) != chr(code)
}


def fold_accents(text: str) -> str:
    """``text`` without the diacritics of its Latin letters ("Hồ Chí Minh" → "Ho Chi Minh",
    "Łódź" → "Lodz"): a question typed without them names the same person or place as an article
    written with them, and the other way round. For matching only (name keys, search terms), never
    for quotes or offsets."""
    return text if text.isascii() else text.translate(_FOLD)


def name_key(name: str) -> str:
    """A name's first five letters, lower-cased, without dots ("U.S." and "US" → "us"), a
    possessive ("Kyiv's" → "kyiv") or diacritics ("Erdoğan" and "Erdogan" → "erdog")."""
    key = re.sub(r"['’]s?$", "", fold_accents(name).lower().replace(".", ""))[:5]
    return _DEMONYMS.get(key, key)


def entity_share(keys: list[str], text: str) -> float:
    """The share of name ``keys`` (see :func:`name_key`) found among the words of ``text``."""
    if not keys:
        return 1.0
    have = _name_keys(text)
    return sum(1 for k in keys if k in have) / len(keys)


@lru_cache(maxsize=256)
def _name_keys(text: str) -> frozenset[str]:
    """The name keys of ``text``'s words: an article is read by every candidate sentence it holds
    and by the rules after the model, so its keys are worked out once."""
    return frozenset(name_key(w.rstrip(".")) for w in re.findall(rf"{LETTER}[\w’'.-]*(?:&{LETTER}+)*", text))


def times_in(text: str) -> set[str]:
    """The months, weekdays and years ``text`` names: "may" and "march" are verbs too, so only
    their capitalised forms are months ("in May", not "the decision may be too late")."""
    lower = text.lower()
    found = {
        m for m in MONTH_NAMES
        if re.search(rf"\b{m}\b", lower) and (m not in ("may", "march") or re.search(rf"\b{m.title()}\b", text))
    }  # fmt: skip
    return found | {d for d in WEEKDAYS if d in lower} | set(YEAR.findall(text))


# a number word in a name ("the Thirteen Colonies", "the Seven Sisters"): group 1 is the named noun
NAMED_NUMBER = re.compile(r"\bthe (?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve|Thirteen) ([A-Z][a-z]+)")
