"""The rules after the model: whether a sentence can answer the question at all, whatever the
model's probability. Each reads the question frame and the sentence (with, for some, its article's
title, the sentence before it and the article's text) and names one way a fluent, supported sentence
still answers another question: another place's figure, another kind's count, another year, an
occasion or an extreme the question did not ask about. ``rag.answerability.score`` gives a sentence
failing any of them no probability; the training table never reads them, so a new rule needs no refit.
"""

from __future__ import annotations

import re

from rag.circumstance import shares_the_circumstances
from rag.counting import (
    counts_a_group_within,
    counts_a_narrower_kind,
    counts_another_kind,
    counts_another_noun,
    counts_without_the_named_kind,
    gives_no_amount,
)
from rag.deeds import deed_done_to_another, deed_told_with_its_doer, states_the_deed
from rag.events import (
    gives_no_day,
    gives_no_year,
    leaves_out_the_asked_year,
    names_the_occasion,
    states_a_time,
    states_asked_event,
    states_the_end,
    tells_the_dated_deed,
)
from rag.extremes import (
    average_unstated,
    extreme_of_another_kind,
    extreme_of_another_place,
    states_extreme,
    unstated_superlative,
)
from rag.frame import QuestionFrame
from rag.holder import (
    asked_decade_unstated,
    figures_of_other_years,
    only_wider_area_figures,
    states_holder,
    wider_area_unstated,
)
from rag.judge import content_words, numbers
from rag.judge_phrases import another_ordinal, ties_elsewhere
from rag.judge_rules import STOPWORDS
from rag.near_answers import near_answer_only
from rag.nominations import counts_nominations
from rag.ordinals import (
    first_in_a_narrower_place,
    first_of_a_narrower_group,
    of_another_realm,
    tells_a_precedence,
    tells_a_succession,
    tells_the_one_before,
)
from rag.person import PERSONAL_PRONOUN, about_another, answers_who
from rag.relatives import names_the_relative, tells_the_relation
from rag.shares import shares_another_whole
from rag.speakers import states_words
from rag.told import (
    holds_the_quoted,
    names_one_of_the_kind,
    names_the_named_thing,
    names_the_term,
    states_a_degree,
    states_the_first,
    tells_what_is_asked,
)
from rag.topic import names_an_asked_name, names_another_numbered, pronoun_for_another_name, qualifies_another
from rag.topic_shapes import asked_topic
from rag.units import (
    gives_another_unit,
    gives_no_coordinate,
    gives_only_heights,
    gives_the_age_it_ends,
    states_dimension,
    states_duration,
    states_measure,
    states_size,
    world_figure_for_a_place,
)
from rag.unmet_forms import leaves_a_form_unmet
from rag.unmet_names import lead_sentence, leaves_a_name_unmet


def can_answer(frame: QuestionFrame, sentence: str, title: str = "", before: str = "", article: str = "") -> bool:
    """Whether ``sentence`` can answer the question at all, whatever the model's probability: it says something
    the question does not, states the life event or the extreme asked about, is about the name whose measure is
    asked (not only its metropolitan area's), names a person when only one can answer, tells who did a deed
    asked "who" and states the relative asked for, names the kind of treaty or battle asked for and someone for
    "Who did …?", the term asked about, a succession for "Who … after X?" (not the one X followed: rag.ordinals)
    and an order for "… before X?", a day for "On what date …?", a value in the unit the question names and a
    count of the whole kind asked, an average for "the average …", does not say the asked "<noun> of X" only of
    another thing, tells the deed whose date is asked, gives an age something starts at as more than an end, a
    latitude in degrees and a count of the whole kind (not of a group within it), shares the race, event,
    place, far end, medium or script's language the question fixes (rag.circumstance), and is not about
    another subject than the one asked about (nor another holder of a numbered name: "Louis XII" for
    "Louis XI"), nor gives only another whole's share
    (rag.shares), speaks of the river or script asked for, and has the form of answer the wording asks
    (rag.unmet_forms: a scientific name, a title, a taxon's rank, a period) (``title`` and ``before``: its
    article's title and, with it, the sentence before it in its passage; ``article``: its text)."""
    return (
        says_more(frame, sentence)
        and states_asked_event(frame, sentence)
        and states_a_time(frame, sentence)
        and states_the_end(frame, sentence)
        and states_the_status(frame.question, sentence)
        and tells_what_is_asked(frame.question, sentence)
        and names_the_named_thing(frame.question, sentence, before)
        and holds_the_quoted(frame.question, f"{sentence} {title} {before}")
        and states_the_first(frame.question, f"{before} {sentence}")
        and names_one_of_the_kind(frame, sentence)
        and states_a_degree(frame, sentence)
        and states_the_capital(frame, sentence)
        and names_the_kind(frame.question, sentence)
        and speaks_of_the_kind(frame.question, sentence)
        and names_a_doer(frame.question, sentence)
        and names_the_term(frame.question, sentence, title)
        and tells_a_succession(frame.question, sentence)
        and not tells_the_one_before(frame.question, sentence, title)
        and tells_a_precedence(frame.question, sentence)
        and gives_a_name(frame.question, sentence)
        and states_measure(frame.kind, frame.unit, sentence)
        and states_duration(frame.kind, frame.question, sentence)
        and states_size(frame.kind, frame.question, sentence)
        and states_extreme(frame.extreme, frame.question, sentence)
        and states_dimension(frame.dimension, sentence)
        and not gives_only_heights(frame.unit, frame.dimension, sentence)
        and states_holder(frame.holder, sentence, title, before, number=frame.kind == "number", article=article)
        and not (frame.holder and frame.kind == "number" and only_wider_area_figures(frame.question, sentence))
        and not (frame.holder and frame.kind == "number" and wider_area_unstated(frame.question, sentence))
        and not (frame.kind == "number" and figures_of_other_years(frame.question, sentence))
        and not gives_no_amount(frame, sentence)
        and not counts_another_kind(frame, sentence)
        and not counts_nominations(frame, sentence)
        and not counts_another_noun(frame, sentence)
        and not counts_a_narrower_kind(frame, sentence)
        and not counts_a_group_within(frame, sentence, title, article)
        and not gives_another_unit(frame.question, sentence)
        and not gives_the_age_it_ends(frame.unit, frame.question, sentence)
        and not gives_no_coordinate(frame.focus, sentence)
        and not ties_elsewhere(frame.question, sentence)
        and not another_ordinal(frame.question, sentence)
        and not (frame.kind == "number" and world_figure_for_a_place(frame.question, frame.entities, sentence))
        and not unstated_superlative(frame.question, sentence)
        and not extreme_of_another_place(frame.question, sentence, title)
        and not extreme_of_another_kind(frame.question, sentence)
        and shares_the_circumstances(frame.question, sentence, title)
        and not near_answer_only(frame, sentence, title, before)
        and not leaves_a_name_unmet(frame.question, sentence, title, before, article)
        and not leaves_a_form_unmet(frame.question, sentence)
        and not first_of_a_narrower_group(frame.question, sentence)
        and not first_in_a_narrower_place(frame.question, sentence)
        and not of_another_realm(frame.question, sentence, title, before)
        and not counts_without_the_named_kind(frame, sentence)
        and not average_unstated(frame.question, sentence)
        and names_the_occasion(frame, sentence, before, title, article)
        and tells_of_the_topic(frame.question, sentence, title, before, article)
        and names_an_asked_name(frame, sentence, title, before)
        and not gives_no_year(frame, sentence)
        and tells_the_dated_deed(frame, sentence, title, before)
        and not gives_no_day(frame, sentence)
        and not leaves_out_the_asked_year(frame, sentence, article)
        and not asked_decade_unstated(frame.question, sentence)
        and (not frame.asks_person or answers_who(sentence, before, frame.person_speaks, frame.question)
             or names_the_relative(frame.relative, sentence))
        and deed_told_with_its_doer(frame.question, sentence)
        and states_the_deed(frame.question, sentence)
        and not deed_done_to_another(frame.question, sentence)
        and not qualifies_another(frame.question, sentence)
        and not names_another_numbered(frame.question, sentence)
        and not shares_another_whole(frame.question, sentence)
        and not about_another(frame.question, frame.relative, sentence, title, before, article)
        and not pronoun_for_another_name(frame.question, sentence, title, before)
        and tells_the_relation(frame.relative, sentence)
        and states_words(frame.speaker, sentence, before, by_pronoun=frame.speaker == frame.referent)
    )


# "What is the official language of Iraq?" asks for a status: "Kurdish is spoken in northern Iraq"
# names a language of Iraq, not its official one (nor its national one). Whose status it is, is
# holder.states_holder's check (the frame's holder reads "the official language of X" too)
_STATUS_NOUN = (
    r"(languages?|religions?|names?|currenc(?:y|ies)|anthems?|mottos?|scripts?|sports?|animals?|birds?|flowers?|"
    r"symbols?|holidays?|days?|dish(?:es)?|foods?|drinks?|dances?|trees?|instruments?|games?|costumes?|epics?|"
    r"heroe?s?|emblems?|colou?rs?)"
)
_STATUS_Q = re.compile(rf"\b(official|national) {_STATUS_NOUN}\b", re.IGNORECASE)


_RENAMED = re.compile(r"\brenam|\bchang\w* (?:[\w’'-]+ ){0,3}names?\b(?: from\b[^.;]*)? to\b", re.IGNORECASE)


# "What was the capital of Old Chosŏn?" is not answered by "Old Chosŏn … was the first kingdom"
_CAPITAL = re.compile(r"\bcapital|\bseat of (?:government|power)", re.IGNORECASE)


def tells_of_the_topic(question: str, sentence: str, title: str = "", before: str = "", article: str = "") -> bool:
    """For a question about a lower-case thing ("How many species of ruminants are there?"): is it
    named by ``sentence``, its article's ``title``, the sentence ``before`` it or the ``article``'s opening
    sentence, by the words after its verb ("Gnathostomata are jawed vertebrates" for "About how many species
    of jawed vertebrates exist?")? In the giraffe's summary, which names the largest ruminants, "researchers
    proposed dividing them into four extant species" counts giraffes. True when the title is not known (a
    passage alone), as for other questions. (:func:`rag.topic.names_topic` reads the whole article.)"""
    topic = asked_topic(question) if title else frozenset()
    if not topic or topic <= set(content_words(f"{title} {before} {sentence}")):
        return True
    defined = _DEFINED_AS.search(lead_sentence(article))  # what the opening says its subject is, near its verb
    return bool(defined) and topic <= set(content_words(f"{title} {before} {sentence} {defined.group(1)}"))


# "Gnathostomata are jawed vertebrates …" (not "Feldspars are a group of … minerals, also containing … calcium")
_DEFINED_AS = re.compile(r"\b(?:is|are|was|were)\s+((?:[\w’'-]+\s+){0,4}[\w’'-]+)")


# "Which treaty ended the First Opium War?", "In which battle …": a kind of named event or law,
# which an answer names ("the Treaty of Nanking", "the Battle of Midway"), and a named building or
# institution ("the Mariinsky Theatre", "the University of Basel"); not a realm, war or prize,
# often named without the word ("under the Samanids", "served in Vietnam", "won an Oscar")
_NAMED_KIND_Q = re.compile(
    r"^\W*(?:(?:in|by|under|after|at|during|with|through) )?(?:which|what) "
    # a word or two may tell which: "Which US law …", "Which 1781 siege …" (not "What kind of law …")
    r"(?:(?!(?:is|was|are|were|did|does|do|has|had|have|kind|kinds|type|types|sort)\b)[\w.’'-]+ ){0,2}?"
    # (universities one or several: "At which two universities …")
    r"(treaty|battle|agreement|accord|convention|pact|"
    r"uprising|rebellion|revolt|revolution|siege|expedition|campaign|festival|tournament|election|act|law|"
    r"constitution|edict|council|congress|theatre|theater|stadium|museum|universit(?:y|ies)|cave|palace|castle|"
    r"cathedral|monastery|abbey|prison|observatory)\b",
    re.IGNORECASE,
)
_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]*)*")


def names_the_kind(question: str, sentence: str) -> bool:
    """For "Which treaty ended the First Opium War?": does ``sentence`` name a treaty (the word in
    or after a name, besides one the question holds: "the First Opium War … was a series of
    military engagements" names none, nor does "some of the largest naval battles" name a battle)?
    True for other questions."""
    asked = _NAMED_KIND_Q.match(question)
    if not asked:
        return True
    own = {run.group(0).lower() for run in _RUN.finditer(question) if " " in run.group(0)}
    rest = sentence
    for name in own:
        rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
    kind = re.sub(r"ies$", "y", asked.group(1).lower())
    return any(_names_one(word, rest) for word in _KIND_WORDS.get(kind, (kind,)))


# "Which script is Odia written in?", "Which river flows through Raipur?": a kind an answer names by its word
# or its deed ("written in the Odia script", "stands on the River Danube"), which "Odia is one of the official
# languages of India" and "Raipur is the capital city of … Chhattisgarh" do not (one asked alone: no ", and …")
_CUE_KIND_Q = re.compile(
    r"^\W*(?:(?:on|in|along|by|through|across|of) (?:the (?:[a-z]+ )?banks? of )?)?(?:which|what) "
    r"(river|script|alphabet|desert)s?\b(?! basin)(?![^?]*,? and )",
    re.IGNORECASE,
)
_WRITTEN = r"script|alphabet|written|writing|letters|characters|abugida|syllabar"
_KIND_CUES = {
    "river": r"rivers?\b|flow|banks?\b|confluence|tributar|estuar|delta|on the (?-i:[A-Z])",
    "script": _WRITTEN,
    "alphabet": _WRITTEN,
    "desert": r"desert",  # "Which desert lies to the north of Lake Eyre?" (not the lake's own opening sentence)
}


def speaks_of_the_kind(question: str, sentence: str) -> bool:
    """For "Which river (script, desert) …?" asked alone: does ``sentence`` speak of one by the kind's word or deed?"""
    asked = _CUE_KIND_Q.match(question)
    kind = asked.group(1).lower() if asked else ""
    return not kind or bool(re.search(rf"\b(?:{_KIND_CUES[kind]})", sentence, re.I))


# a law is named as an act too ("the Identity Theft Act")
# and an agreement by the name it goes by ("the Austro-Hungarian Compromise of 1867")
_KIND_WORDS = {
    "law": ("law", "act", "statute"),
    "act": ("act", "law"),
    "agreement": ("agreement", "compromise", "treaty", "accord", "pact", "convention", "concordat", "settlement"),
}


def _names_one(kind: str, text: str) -> bool:
    plural = f"{kind[:-1]}(?:y|ies)" if kind.endswith("y") else f"{kind}s?"
    # as or after a name: "the Treaty of Nanking", "the Bar Kokhba revolt" (not "the largest naval battles"),
    # or before one it is called: "a festival called the Dionysia"
    named = (
        rf"\b{plural[0].upper()}{plural[1:]}\b|\b[A-Z][\w’'-]*\s+{plural}\b"
        rf"|\b{plural},?\s+(?:called|named|known as)\s+(?:the\s+)?[A-Z]"
    )
    return bool(re.search(named, text))


# "Who first applied the term avant-garde to artists?": a past deed whose doer is asked (not "Who
# performs eye examinations?", answered by a trade: "an optometrist")
_WHO_DID_Q = re.compile(
    r"^\W*(?:and |but )?who (?:first |originally |later )?(?:[a-z]+ed|wrote|built|made|drew|found|led|gave|took|"
    r"began|brought|taught|sent|held|ran|won|sang|chose|broke|beat|bought|sold|struck|shot)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(rf"\b(?:{PERSONAL_PRONOUN}|[Tt]hey|[Tt]heir|[Tt]hem)\b")
# a deed told with its doer in lower case: "established in 1871 by twelve master shipwrights"
_BY_AGENT = re.compile(r"\b(?:[a-z]+ed|built|made|written|drawn|led|run|begun|given|taken|held)\b[^,.;]{0,25}?\bby\b")


def names_a_doer(question: str, sentence: str) -> bool:
    """For "Who <did> …?": does ``sentence`` name anyone (a capitalised word the question does not
    hold), point to one by a pronoun or tell the deed "by" someone? "In the arts and literature,
    the term avant-garde identifies an experimental genre …" names no one. True for other questions."""
    if not _WHO_DID_Q.match(question):
        return True
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    text = sentence.strip()
    # a capitalised first word names someone unless it is a common word ("In the arts …", not "Gell-Mann …")
    first = re.match(r"[A-Z][\w’'-]*", text)
    # (not a unit after a figure: "cooled to … absolute zero, i.e. 0 K" names no one)
    names = re.findall(r"(?<=\s)(?<![.!?]\s)(?<!\d\s)[A-Z][\w’'-]*", text)
    # nor does a common word opening a sentence ("… i.e. 0 K. Under such conditions, …")
    openers = [first[0]] if first else []
    openers += re.findall(r"(?<=[.!?]\s)[A-Z][\w’'-]*", text)
    names += [w for w in openers if w.lower() not in STOPWORDS]
    return any(w.lower() not in asked for w in names) or bool(_PRONOUN.search(text) or _BY_AGENT.search(text))


# "What are two other names for extratropical cyclones?", "What else may X be called?": names asked,
# which a sentence gives by calling (not "Extratropical cyclones are capable of producing …")
_OTHER_NAMES_Q = re.compile(
    r"\b(?:other|alternative|alternate|another|different|former|earlier) names?\b"
    r"|\bwhat else (?:is|are|was|were|may|can|might|could) [^?]+ (?:called|known as|named|termed)\b"
    r"|\b(?:is|are|was|were) [^?]+ also (?:called|known as|named|termed)\b(?! (?:the )?[A-Z])",
    re.IGNORECASE,
)
# ("Plant morphology or phytomorphology is …", "A common alternative term for rapid transit …")
_NAMING = re.compile(
    r"\b(?:called|known as|known by|named|termed|referred to|nicknamed|dubbed|names?|terms?|also|formerly|synonyms?"
    r"|or|alternative|alternatively|aka)\b|\(",
    re.IGNORECASE,
)


def gives_a_name(question: str, sentence: str) -> bool:
    """For a question asking another name of a thing: does ``sentence`` call it something? True for
    other questions."""
    return not _OTHER_NAMES_Q.search(question) or bool(_NAMING.search(sentence))


def states_the_capital(frame: QuestionFrame, sentence: str) -> bool:
    """For "What (which city) is the capital of X?": does ``sentence`` say "capital" (or "seat of
    government")? True for other questions, and for a figure of the capital ("How many people
    live in the capital of X?" may be answered by the city's name and population)."""
    asked = frame.kind != "number" and bool(frame.holder) and _CAPITAL.search(frame.question)
    return not asked or bool(_CAPITAL.search(sentence))


def states_the_status(question: str, sentence: str) -> bool:
    """For "What is the official language (national anthem, …) of X?": does ``sentence`` state that
    status ("official", "national")? True for other questions."""
    asked = _STATUS_Q.search(question)
    if not asked:
        return True
    status, noun = asked.group(1), asked.group(2).lower()[:5]
    if noun == "name" and _RENAMED.search(sentence):
        return True  # "What did Chávez change Venezuela's official name to?": "changed the country's name … to"
    # "What is Cambodia's national currency?" is not answered by "… the national language of Cambodia"
    stated = re.findall(rf"\b{status}\W+(?:[\w’'-]+\W+){{0,2}}?{_STATUS_NOUN}\b", sentence, re.IGNORECASE)
    return bool(re.search(rf"\b{status}", sentence, re.IGNORECASE)) and (
        not stated or any(word.lower()[:5] == noun for word in stated)
    )


def says_more(frame: QuestionFrame, sentence: str) -> bool:
    """Does ``sentence`` say anything the question does not? A summary's title line ("Alexander I
    of Russia") or a restatement ("He was born there.") names only what a who/what/where question
    already names, so it cannot answer it; a yes/no question may be answered by a restatement. Nor
    is a follow-up asking for someone's words answered by the previous answer again ("What did he
    say about it?" after "Sikorski welcomed the change."); other follow-ups may be ("Whom did they
    meet there?" after "… visited Kyiv and met with Zelensky"). A number the question does not
    hold is something new ("The population of Kell is 96,000.")."""
    known = frame.words | set(content_words(frame.given)) if frame.given and frame.speaker else frame.words
    if not frame.asks_wh or not known.issuperset(content_words(sentence)):
        return True
    return bool({v for v, _ in numbers(sentence)} - {v for v, _ in numbers(frame.question)})
