"""Which thing an article is about: the part of a whole, the lower-case thing and the distinctive name asked about.

A question names what it asks about; an article that never names it is about something else,
however close its words: "the Western Roman Empire" is not the Roman Empire (:func:`names_the_part`),
the French East India Company not the Dutch one, "the melting point of thulium" not melting points
in general (:func:`names_topic`), "the Strait of Gibraltar" not the Cook Strait
(:func:`names_a_distinctive_name`). Each check reads whole articles (:func:`per_article`), but
:func:`pronoun_for_another_name`: a person's "his" under their own title is not another name's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from rag.frame import QuestionFrame
from rag.judge import content_words
from rag.person import PERSONAL_PRONOUN
from rag.text import ROMAN_NUMERAL, entity_share, name_key
from rag.topic_shapes import asked_topic

# "the Western Roman Empire", "North Korea", "Lower Saxony": a part of a named whole
_PART_Q = re.compile(r"(?<=\s)(North|South|East|West|Upper|Lower)(?:ern)?\s+(?=[A-Z])")


# "the French East India Company", "the Spanish Armada": a nation's adjective telling which of
# several like-named things is asked (the Dutch East India Company's summary never says "French",
# Italian cuisine's never "Japanese"); an article names the nation by its adjective or its name
_NATIONS = {
    "French": "France", "Dutch": "Netherlands|Holland", "British": "Britain|United Kingdom", "English": "England",
    "Spanish": "Spain", "Portuguese": "Portugal", "German": "Germany", "Italian": "Italy", "Russian": "Russia",
    "Chinese": "China", "Japanese": "Japan", "Swedish": "Sweden", "Danish": "Denmark", "Norwegian": "Norway",
    "Austrian": "Austria", "Belgian": "Belgium", "Polish": "Poland", "Greek": "Greece", "Turkish": "Turkey",
    "Persian": "Persia|Iran", "Korean": "Korea", "Indian": "India", "Mexican": "Mexico", "Canadian": "Canada",
    "Australian": "Australia", "Scottish": "Scotland", "Irish": "Ireland", "Swiss": "Switzerland",
}  # fmt: skip
# before a name ("the French East India Company") or a noun ("traditional Japanese cuisine",
# "Which Chinese commissioner"); "English" before a noun is the language ("the English name")
_NATION_Q = re.compile(rf"(?<=\s)(?:({'|'.join(_NATIONS)})\s+(?=[a-z])|({'|'.join(_NATIONS)})\s+(?=[A-Z]))")


def names_the_part(question: str, articles: list[str]) -> np.ndarray:
    """For each of ``articles``: does it name the part of a whole ``question`` asks about ("Who
    was the last emperor of the Western Roman Empire?" is not answered from an article about the
    Roman Empire that never says "Western"), and the nation telling which like-named thing it is
    ("When was the French East India Company established?" not from the Dutch one's)? All true
    when it asks of no such part or nation."""
    parts = [re.compile(rf"\b{part}(?:ern)?\b") for part in _PART_Q.findall(question)]
    nations = [noun or name for noun, name in _NATION_Q.findall(question) if noun != "English"]
    parts += [re.compile(rf"\b(?:{nation}|{_NATIONS[nation]})\b") for nation in nations]
    return per_article(articles, lambda text: all(part.search(text) for part in parts))


def names_topic(question: str, articles: list[str]) -> np.ndarray:
    """For each of ``articles``: does it name the lower-case thing ``question`` asks a measure,
    kind, maker, parts or date of ("thulium", "stick insects", "a stoat", "quantum chemistry", "a
    tarot deck", "cryptomonads")? All true when it asks of no such thing."""
    topic = asked_topic(question)
    return per_article(articles, lambda text: not topic or topic <= set(content_words(text)))


# "the Old Kingdom of Egypt", "the Second Continental Congress": a word telling which one of a
# name's kind is asked; "the last pharaoh of the New Kingdom" names another one
_QUALIFIED = re.compile(
    r"\b(Old|New|Middle|Early|Late|Upper|Lower|Northern|Southern|Eastern|Western|North|South|East|West|Central|"
    r"Greater|First|Second|Third|Fourth|Fifth)\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)


# the names of a kind that a qualifier tells apart: realms, ages, wars, bodies ("the Second World War")
_QUALIFIED_KINDS = frozenset(
    "kingdom kingdoms empire empires dynasty republic war world congress council period age era crusade temple "
    "testament reich intermediate army".split()
)


def qualifies_another(question: str, sentence: str) -> bool:
    """Does ``sentence`` name a realm, age, war or body the question qualifies ("the Old Kingdom")
    only with another qualifier ("the New Kingdom")? Not when it holds the question's qualifier
    anywhere ("the First and Second Congress" names the Second)."""
    for asked in _QUALIFIED.finditer(question):
        which, name = asked.groups()
        if not _QUALIFIED_KINDS & set(name.lower().split()):
            continue  # a place: "migrated from Western and Central Africa" to South Africa
        keys = _keys(name)
        others = {m.group(1) for m in _QUALIFIED.finditer(sentence) if _keys(m.group(2)) == keys}
        if others and not re.search(rf"\b{which}\b", sentence):
            return True
    return False


# "Louis XI", "Moctezuma I", "World War I": a name and the number telling which one of its holders
_NUMBERED = re.compile(rf"\b([A-Z][\w’'-]+) ({ROMAN_NUMERAL})\b")


def names_another_numbered(question: str, sentence: str) -> bool:
    """Does ``sentence`` name one the question names with a number ("Who succeeded Louis XI?", "… the second
    Aztec emperor, Moctezuma I") only with another number ("… father-in-law Louis XII", "Moctezuma II")?"""
    for asked in _NUMBERED.finditer(question):
        name, number = asked.groups()
        said = {m.group(1) for m in re.finditer(rf"\b{re.escape(name)} ({ROMAN_NUMERAL})\b", sentence)}
        if said and number not in said:
            return True
    return False


def _keys(name: str) -> list[str]:
    return [name_key(word) for word in name.split()]


# capitalised words that name a kind of thing, not which one: "the Strait of Gibraltar" is named by
# "Gibraltar", not by the "Cook Strait"
KIND_WORDS = frozenset(
    "strait straits sea ocean river lake mount mountain mountains island islands bay gulf cape desert valley canal "
    "empire kingdom republic dynasty university college church cathedral palace castle bridge tower park province "
    "state states county city district region airport station war battle treaty party company award prize cup "
    "league museum festival day king queen emperor president prime minister saint st the great new old national "
    "international royal north south east west northern southern eastern western upper lower central grand world "
    "act council union house court army navy force air federation "
    # kinds of realm: "the Khanate of Bukhara" names no "Kazakh Khanate"
    "khanate sultanate caliphate emirate duchy principality shogunate tsardom confederacy "
    # kinds of subdivision: "Novosibirsk Oblast" names no "Sakhalin Oblast"
    "oblast krai okrug prefecture governorate voivodeship canton municipality territory".split()
)


def names_a_distinctive_name(entities: tuple[str, ...], articles: list[str]) -> np.ndarray:
    """For each of ``articles``: does it name one of the question's names that tell which thing
    is asked about ("Gibraltar", not only "Strait"; "Romanian", not only "Roman")? All true when
    every name is a kind word."""
    names = [e for e in entities if e.lower() not in KIND_WORDS]
    keys = [name_key(e) for e in names]
    return per_article(
        articles, lambda text: not keys or (entity_share(keys, text) > 0 and _not_only_a_lookalike(names, text))
    )


# names whose first five letters (rag.text.name_key) are another's too, told apart by their first seven
# ("Romanian", "Roman"; "Austrian", "Australian"; "Nigerian", "Niger") or whole ("Sino-Burmese", "Sino-Japanese")
_LOOKALIKE_KEYS = frozenset({"roman", "austr", "niger"})


def _not_only_a_lookalike(names: list[str], text: str) -> bool:
    """Does ``text`` name one of ``names`` by more than a lookalike ("Roman" for "Romanian": the
    Italian language's summary does not answer "How many people speak Romanian …?")?"""
    lookalikes = [key for key in map(_long_key, names) if key]
    if len(lookalikes) < len(names):
        return True  # another name tells the article apart (entity_share reads it)
    return bool(set(lookalikes) & {_long_key(w) for w in re.findall(r"[\w’'-]+", text)})


def _long_key(word: str) -> str:
    bare, key = re.sub(r"(?:['’]s|s)$", "", word.lower()), name_key(word)
    return bare if key.endswith("o-") else bare[:7] if key in _LOOKALIKE_KEYS else ""  # "Sino-", not "Bass-"


def per_article(articles: list[str], names_it: Callable[[str], bool]) -> np.ndarray:
    """``names_it`` of each of ``articles`` (the candidates share a few: each is read once)."""
    named = {text: names_it(text) for text in set(articles)}
    return np.array([named[text] for text in articles], dtype=bool)


# "What is the tallest minaret in the world?" (also "the longest road network", "the oldest surviving tapestry",
# "How long was the largest eurypterid …?"): the kind whose extreme is asked, which an answering article names
# (the Burj Khalifa's "tallest building in the world" is no minaret's, the blue whale no eurypterid)
_EXTREME_KIND = (
    r"the (?:world's |earth's )?"
    r"(?:highest|tallest|largest|biggest|longest|deepest|smallest|oldest|busiest|heaviest|fastest) "
    r"(?:(?:surviving|known|existing|living|standing|recorded) )?"
    r"(?:([a-z][a-z-]{2,} [a-z]{3,})(?= (?:in|on|of)\b|\W*$)|([a-z][a-z-]{2,})\b)"  # (hyphened: "ray-finned")
)
_EXTREME_KIND_Q = re.compile(
    rf"^\W*(?:what|which)(?: \w+)? (?:is|was|are|were|has|had|have) {_EXTREME_KIND}"
    rf"|^\W*how \w+ (?:is|was|are|were) {_EXTREME_KIND}",
    re.IGNORECASE,
)
_MEASURE_NOUNS = frozenset("population area economy gdp number share amount one ones lifespan life size length".split())
# "What is the highest mountain in Dominica?": a country's "highest point" (Morne Diablotins) is no mountain
_SUMMIT_KINDS = frozenset("mountain mountains peak peaks".split())
_SUMMIT = re.compile(r"\b(?:highest|tallest) (?:point|peak|summit|elevation)\b", re.IGNORECASE)


def names_the_extreme_kind(question: str, articles: list[str]) -> np.ndarray:
    """For each of ``articles``: does it name the kind of thing whose extreme ``question`` asks
    ("minaret" for "What is the tallest minaret in the world?")? All true for other questions."""
    asked = _EXTREME_KIND_Q.match(question)
    kind = next(named for named in asked.groups() if named).lower() if asked else ""
    kind = "" if kind in _MEASURE_NOUNS else kind
    stems = set(content_words(kind))
    summit = _SUMMIT if kind in _SUMMIT_KINDS else None
    return per_article(
        articles, lambda text: not stems or stems <= set(content_words(text)) or bool(summit and summit.search(text))
    )


# "How many Academy Awards did Casablanca win?": the name a deed or a count is asked of (the
# subject after "did"), which "His numerous awards include two Academy Awards" in Tom Hanks's
# summary is not about; a sentence whose subject is "he", "she", "his" or "her" is about the
# person its article (or the sentence before it) is about
_DID_SUBJECT_Q = re.compile(r"\b(?:did|does|do|has|have|had) (?:the )?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*) [a-z]")
# (or "it", "its": "It completes an orbit … every 29.5 days" in the Moon's summary is not Mercury's)
_HIS_SUBJECT = re.compile(rf"^(?:[^,;.]*,\s*)?(?:{PERSONAL_PRONOUN}|[Ii]ts?)\b")


def did_subject(question: str) -> str:
    """The name right after "did" ("How many Academy Awards did Casablanca win?" → "Casablanca"), or ""."""
    found = _DID_SUBJECT_Q.search(question)
    return found.group(1) if found else ""


def pronoun_for_another_name(question: str, sentence: str, title: str, before: str) -> bool:
    """Is ``sentence``'s "he" (or "his") someone its article's ``title`` or the sentence
    ``before`` it names, while the question asks about another name (:func:`did_subject`) that
    neither they nor the sentence names? False when neither is known (a passage alone)."""
    subject = did_subject(question)
    if not subject or not (title or before) or not _HIS_SUBJECT.match(sentence):
        return False
    keys = [name_key(word) for word in subject.split()]
    return entity_share(keys, f"{sentence} {title} {before}") == 0


def names_an_asked_name(frame: QuestionFrame, sentence: str, title: str, before: str) -> bool:
    """For a date asked of names ("In what year did Malaysia gain independence from Britain?"): does
    ``sentence``, its article's ``title`` or the sentence ``before`` it name any of them ("Indonesia
    and the Netherlands made peace in 1949" names neither)? True for other questions and when
    neither ``title`` nor ``before`` is known (a passage alone)). So for a count asked of what a name did
    ("How many Bond novels did Kingsley Amis write?" is not answered by Fleming's "twelve novels")."""
    if not (title or before):
        return True
    subject = did_subject(frame.question) if frame.kind == "number" else ""
    if subject and not subject.isupper():  # an acronym ("the OMNH") may be spelt out
        return entity_share([name_key(word) for word in subject.split()], f"{title} {before} {sentence}") > 0
    if frame.kind != "date" or not frame.entities:
        return True
    return entity_share([name_key(e) for e in frame.entities], f"{title} {before} {sentence}") > 0
