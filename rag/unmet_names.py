"""Sentences that leave out a name the question's own wording asks for or is about: a language ("In
what language was the manifesto first published?" answered by "published in London in 1848"), the
owner named with "'s" ("How many of Aeschylus's plays survive?" answered by Sophocles's seven), a kind
named by its common name ("the spurge family" answered by another family's count of species), and
the field of an epithet ("the father of modern geomorphology" answered by "the Father of Modern
Geology"). Each is a rule after the model, read by :func:`rag.rules.can_answer`; none changes what the
features read (:func:`rag.near_answers.reads_whereabouts_near` has the title and the sentence before read
for them). :func:`drops_the_owner` is read by :mod:`rag.answer`: a generated answer leaving out the owner
the picked sentence names gives way to that sentence.
"""

from __future__ import annotations

import re

from rag.cite import split_sentences
from rag.judge import content_words
from rag.text import MONTH_NAMES, WEEKDAYS, fold_accents

# "In what language was it first published?", "What language does the word come from?", "Which
# language is spoken …?" — a language asked
_LANGUAGE_Q = re.compile(r"\b(?:what|which) (?:language|tongue)s?\b", re.IGNORECASE)
# a language named: the word itself, a known language's name, or an adjective of a people's tongue
# ("Old French", "Akkadian", "Swahili")
_LANGUAGE = re.compile(
    r"\b(?:languages?|tongues?|dialects?|vernacular|lingua franca|etymology)\b"
    r"|\b(?:Latin|Greek|German|French|English|Dutch|Norse|Gaelic|Welsh|Irish|Breton|Czech|Hindi|Urdu|Sanskrit|Pali"
    r"|Prakrit|Tamil|Telugu|Bengali|Malay|Swahili|Zulu|Xhosa|Yoruba|Hausa|Amharic|Hebrew|Yiddish|Aramaic|Syriac"
    r"|Coptic|Akkadian|Sumerian|Farsi|Pashto|Turkic|Thai|Lao|Khmer|Tagalog|Maori|Nahuatl|Quechua|Aymara|Guarani"
    r"|Basque|Catalan|Occitan|Provençal|Esperanto|Romance|Slavonic|Old Church Slavonic|Sorbian|Frisian|Manx"
    r"|Cornish|Inuktitut|Cherokee|Sami)\b"
    r"|\b[A-Z][a-z]+(?:ish|ese|ian|ic|ean)\b"
)


def no_language_named(question: str, sentence: str) -> bool:
    """For a language asked ("In what language …?"): does ``sentence`` name none (where and when it
    was published instead)?"""
    return bool(_LANGUAGE_Q.search(question)) and not _LANGUAGE.search(sentence)


# "How many of Aeschylus's plays …?", "What is Monaco's coastline …?": the name owning what is asked
# (not "Ovid's Metamorphoses": an author's named work, which its own title names)
_OWNER = re.compile(r"\b((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)['’]s\b(?!\s+[A-Z])")
# owners every text names without naming them: the world's, Earth's
_EVERYONES = frozenset({"earth", "world", "sun", "moon", "god", "universe", "nature"})
_PRONOUN = re.compile(r"\b(?:he|she|it|they|his|her|its|their|him|them)\b", re.IGNORECASE)
# "What's …", "Who's …", "It's …": a contraction, not an owner
_CONTRACTED = frozenset({"what", "who", "where", "when", "how", "that", "there", "here", "she", "let", "which"})
# nor is a time: "Monday's strikes", "January's floods"
_NO_OWNERS = _CONTRACTED | frozenset(MONTH_NAMES + WEEKDAYS) | {"today", "yesterday", "tomorrow"}


def owner_unnamed(question: str, sentence: str, title: str, before: str, article: str = "") -> bool:
    """Is a name the question owns something by ("Aeschylus's plays") named by none of ``sentence``,
    its article's ``title``, the article's lead sentence ("… a novella written by Franz Kafka" for
    "Kafka's novella") and — when the sentence refers back with a pronoun ("His journey …") — the
    sentence ``before`` it and its ``article`` (Sophocles's plays counted instead, after a sentence on
    Aeschylus's wins)? A name is named when one of its words is. False when the title is not known (a
    passage alone)."""
    if not title:
        return False
    referred = f"{before} {article}" if _PRONOUN.search(sentence) else lead_sentence(article)
    told = set(_words(f"{title} {referred} {sentence}"))
    for owner in _OWNER.finditer(question):
        names = [word for word in _words(owner.group(1)) if len(word) > 2 and word not in _NO_OWNERS]
        if names and not set(names) & _EVERYONES and not told & set(names):
            return True
    return False


# "How many species does the spurge family contain?": a kind named by its common name only (not "the
# beetle family Carabidae": named by its scientific name, which the other rules read)
_KIND_Q = re.compile(r"\bthe ([a-z][\w-]+) (?:family|genus|order|dynasty|clan|tribe)\b(?!,?\s+[A-Z])")
# words before "family" that name no kind ("the royal family", "the language family")
_NOT_A_KIND = frozenset(
    "royal same whole entire large larger small extended nuclear imperial ruling human immediate language noble plant "
    "animal new old first last".split()
)


def kind_unnamed(question: str, sentence: str, title: str, article: str) -> bool:
    """Is the kind the question names by its common name ("the spurge family") named by none of
    ``sentence``, its article's ``title`` and its ``article``'s text (another family's count of species
    instead; "the coffee family" is Rubiaceae's article's own)? False when the title is not known (a
    passage alone)."""
    kind = _KIND_Q.search(question)
    if not title or not kind or kind.group(1) in _NOT_A_KIND:
        return False
    # ("the mulberry genus" is named by "mulberries", "the horse family" by "horses")
    return not set(content_words(kind.group(1))) <= set(content_words(f"{title} {article} {sentence}"))


def lead_sentence(article: str) -> str:
    """The article's first sentence of at least four words (after its title line, if it has one)."""
    return next((s for s in split_sentences(article) if len(s.split()) >= 4), "")


def reads_the_article_for_a_name(question: str) -> bool:
    """Do this module's rules read a candidate's title and the sentence before it for ``question``?"""
    return bool(_KIND_Q.search(question)) or any(
        set(_words(owner.group(1))) - _NO_OWNERS for owner in _OWNER.finditer(question)
    )


def drops_the_owner(question: str, generated: str, picked: list[str]) -> bool:
    """Does the ``generated`` answer leave out the owner a picked sentence names the answer by ("Which of
    Newton's laws …?": "… in accordance with Newton's third law" said again without it)?"""
    for owner in _OWNER.finditer(question):
        name = owner.group(1)
        if set(_words(name)) <= _NO_OWNERS:
            continue
        owned = re.compile(rf"\b{re.escape(name)}['’]s\b")
        if any(owned.search(text) for text in picked) and not re.search(rf"\b{re.escape(name)}\b", generated):
            return True
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold_accents(text).lower())


# "Who is considered the father of modern geomorphology?": an epithet and the field it names
_EPITHET = r"father|mother|founder|godfather|grandfather|pioneer"
_EPITHET_Q = re.compile(rf"\bthe ({_EPITHET}) of ((?:[\w-]+ ?){{1,4}}?)\s*(?:\?|$|,| and | in | who\b)", re.IGNORECASE)


def epithet_of_another_field(question: str, sentence: str) -> bool:
    """For an epithet asked ("the father of modern geomorphology"): does ``sentence`` give the same
    epithet of a field without the asked one's words ("the 'Father of Modern Geology'")?"""
    asked = _EPITHET_Q.search(question)
    if not asked:
        return False
    given = re.search(rf"\b{asked.group(1)}s? of\b", sentence, re.IGNORECASE)
    field = set(content_words(asked.group(2)))
    return bool(given) and bool(field) and not field <= set(content_words(sentence))


def leaves_a_name_unmet(question: str, sentence: str, title: str = "", before: str = "", article: str = "") -> bool:
    """Does ``sentence`` leave out a name the question's wording asks for or is about, in one of this
    module's ways? (``title``: its article's; ``before``: the sentence before it in its passage;
    ``article``: its article's text.)"""
    return (
        no_language_named(question, sentence)
        or owner_unnamed(question, sentence, title, before, article)
        or kind_unnamed(question, sentence, title, article)
        or epithet_of_another_field(question, sentence)
    )
