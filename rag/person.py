"""Who: whether a question asks for a person, and whether a sentence names one.

"Which Russian general commands the forces in Kursk?" is not answered by "… to assist Russian
forces in Kursk Oblast", nor "Who discovered penicillin?" by "the first Denisovans discovered
were …", nor "Who is the NATO Secretary-General?" by "The North Atlantic Treaty Organization
(NATO) is …": each names something the question does not (so it "type-matches" a name), but no
person. The frame records that a person is asked (:func:`asks_person`) and the answerability
rules give a sentence naming no one no probability (:func:`names_person`). Nor is "Who commands
the North Korean troops in Kursk?" answered by "Blinken said 8,000 North Korean forces were in
Kursk": a name that speaks is a person only for a question about someone's words
(:func:`asks_words`: "Which analyst commented …").

A relative asked for ("Gregor Samsa's sister") is :mod:`rag.relatives`' to read, the deed a "Who …?"
question asks about :mod:`rag.deeds`'.

Only questions that can only be answered by a person count: "Who decided …" may be answered by
"The Biden Administration", "Who won …" by a team, so they are not read as asking a person.
"""

from __future__ import annotations

import re

from rag.judge_rules import content_words, words
from rag.text import (
    COMPASS_WORD,
    MONTH_NAMES,
    ROMAN_NUMERAL,
    SPEECH,
    UPPER,
    WEEKDAYS,
    entity_share,
    fold_accents,
    name_key,
)

_ROLE = (
    r"(?:general|analyst|official|minister|president|politicians?|lawmakers?|spokes(?:person|man|woman)|correspondent|"
    r"author|composer|scientist|artist|king|queen|emperor|person|journalist|actor|actress|writer|painter|"
    r"philosopher|commander|envoy|ambassador|chancellor|senator|diplomat|explorer|inventor|poet|singer|physicist|"
    r"chemist|director|sociologist|economist|mathematician|astronomer|biologist|psychologist|historian|architect|"
    r"sculptor|novelist|playwright|engineer|monarch|ruler|pharaoh|sultan|pope|guru|prophet|rabbi|commissioner|"
    r"admiral|viceroy|physician|doctor|surgeon|critic|naturalist|botanist|zoologist|geologist|anthropologist|"
    r"archaeologist|linguist|theologian|scholar|missionary|bishop|archbishop|priest|monk|navigator|aviator|"
    r"astronaut|mountaineer|climber|photographer|filmmaker|lawyer|statesman|tsar|czar|shah|caliph|khan|grammarian|"
    r"rhetorician|delegate|vizier|patriarch|imam|ayatollah|abbot|abbess|historical figures?|meteorologist|"
    r"climatologist|geographer|cartographer|jurist|physiologist|geneticist|microbiologist|ornithologist|"
    r"entomologist|pal(?:a)?eontologist|oceanographer|philologist|ethnographer|chemists|physicists|logician|"
    r"statistician|cosmologist|epidemiologist|pathologist|pharmacologist|ecologist|psychiatrist|neuroscientist|friar|nun)"
)
_AUXILIARY = "did|does|do|is|was|are|were|has|have|had|will|would|can|could|the|a|an"
_LEAD = r"^\W*(?:and |but |so )?"
_PERSON_Q = re.compile(
    # "Who discovered …", "Who wrote …", "Who coined …": deeds of a person (not "who won", "who
    # built": teams, firms)
    _LEAD + r"who (?:first |originally )?(?:discovered|invented|composed|wrote|painted|sculpted|directed|commands|"
    # "Who drew the boundary line …?" (not "who drew the most fans": a team may)
    r"drew (?=(?:up )?(?:the |a |an )?(?:[\w-]+ ){0,2}(?:lines?|boundary|borders?|maps?|plans?|portraits?)\b)|"
    r"commanded|coined|formulated|proposed|devised|named|isolated|synthesi[sz]ed|measured|crystalli[sz]ed|"
    r"calculated|postulated|translated|taught|tutored|mentored|"
    r"gave (?:[\w’'-]+ ){1,5}(?:its|their|the) names?)\b"
    # "Who co-founded Hull House together with Jane Addams?": a partner of a named person
    rf"|{_LEAD}who (?:co-?founded|founded|established|started)\b[^?]*\b(?:together with|alongside|with) {UPPER}"
    # "Who is the NATO Secretary-General?", "Who was the first president of …"
    rf"|{_LEAD}who (?:is|was|are|were) (?:the|a|an) (?:[\w’'-]+ ){{0,3}}(?:secretary|secretary-general|head|chief|"
    rf"ceo|founder|leader|mayor|governor|ministers|{_ROLE})\b"
    # "Which of the two Wright brothers piloted …?", "Which of Mayer Rothschild's five sons …?": one of them by name
    r"|\bwhich of (?:the |his |her |their |(?:[\w’'-]+ ){0,3}[\w-]+(?:’s|'s) )(?:two |three |four |five |six |seven )?"
    r"(?:[\w’'-]+ ){0,2}(?:brothers|sisters|twins|siblings|sons|daughters|children|wives|husbands)\b"
    # "Under whose leadership did the Göktürks rise?"
    rf"|\bunder whose\b"
    # "What is the name of the current Sultan of Brunei?"
    rf"|\bname of (?:the )?(?:[\w’'-]+ ){{0,2}}(?:secretary-general|ceo|founder|leader|mayor|governor|{_ROLE})\b"
    # "Which Russian general …", "Which Chatham House analyst …" (not "What did the analyst say …": what was said)
    rf"|\b(?:which|what) (?:(?!(?:{_AUXILIARY})\b)[\w’'-]+ ){{0,2}}{_ROLE}\b"
    # "Which scientists first proposed …", "Which two scientists identified hafnium?" (not "Which composers
    # influenced him?", answered by whatever influenced him)
    rf"|\b(?:which|what) (?:[\w’'-]+ )?{_ROLE}s (?:first |originally )?(?:discovered|invented|proposed|identified|"
    r"formulated|devised|coined|isolated|synthesi[sz]ed|described|named)\b",
    re.IGNORECASE,
)
# A title or role before a capitalised name: "President Biden", "analyst Timothy Ash", "Dr. Holt".
_TITLED = re.compile(
    r"\b(?:Secretary|Sen\.|Rep\.|Gen\.|Col\.|Lt\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Sir|Dame|Lord|Lady|Pope|Prince|Princess|"
    rf"Saint|St\.|(?i:{_ROLE}))\s+{UPPER}[^\W\d_]+"
)
# A name that speaks ("Ash speculated"; a country "warned" too: the model decides), a deed "by" a name ("by Thucydides")
_SPEAKS = re.compile(
    rf"\b{UPPER}[^\W\d_]+(?:’s|'s)? (?:said|says|told|tells|wrote|writes|warned|noted|added|argued|speculated|claimed|"
    r"stated|posted|described|explained|insisted|commented|replied|announced)\b"
)
# "by" a name or "under the command of" one ("by May", "by Monday" say when, not who)
_BY = re.compile(rf"\b(?:by|under the (?:command|leadership) of) (?!(?i:{'|'.join(MONTH_NAMES + WEEKDAYS)})\b)"
                 rf"{UPPER}[^\W\d_]+")
# a deed done by a named body ("devised by the International Phonetic Association"): who did it
_BY_BODY = re.compile(
    rf"\b(?:[a-z]+ed|made|built|written|drawn|run|led) by the (?:{UPPER}[\w’'-]*\s+){{1,5}}"
    r"(?:Association|Society|Company|Committee|Institute|Academy|Council|Organi[sz]ation|Foundation|Corporation|"
    r"Commission|Agency|Federation|Union|Party|Group|Consortium|League|Club|Board)\b"
)
_CAPITALISED = rf"(?:{UPPER}[^\W\d_]*(?:[’'-]{UPPER}?[^\W\d_]+)*\.?|{UPPER}\.)"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|bin|ibn|al|la|le|du|y)"
# two or more capitalised words in a row: "Mark Rutte", "Leonardo da Vinci", "Transfrontier Conservation Area"
NAME_RUN = re.compile(rf"{_CAPITALISED}(?:\s+(?:{_PARTICLE}\s+)?{_CAPITALISED})+")
# a role in lower case right after a run of capitalised words makes the run its description, not a
# name: "an English Franciscan friar", "a Russian Orthodox priest" ("the painter Raphael" is _TITLED)
_DESCRIBES_A_ROLE = re.compile(rf"\s+{_ROLE}s?\b")
# Words that make a run of capitalised words a place, a body or an event, not a person ("Kursk Oblast").
_NOT_A_PERSON = frozenset(
    "organization organisation treaty port oblast union kingdom states republic ministry council party army forces "
    "house street university river mountain mountains sea ocean island islands lake city province region "
    "administration department office agency times post news institute company bank court church war games cup "
    "league award prize county district state empire museum airport station bay gulf valley desert peninsula "
    "committee commission corporation group force navy guard parliament senate congress assembly government "
    "federation association society foundation school college academy hospital center centre square bridge park "
    "road avenue north south east west northern southern eastern western central greater lesser upper lower new "
    "the a an fort castle palace tower cathedral temple mount cape point harbour harbor system systems in on at of "
    "this that united nations medal order presidential royal national international world global dynasty khaganate "
    "khanate sultanate caliphate emirate age ages era laboratory laboratories observatory flyer hills "
    # titles in the plural name many holders ("the German Landgraves of Hesse-Kassel"), never one person
    "kings queens emperors dukes earls barons landgraves margraves electors princes popes tsars sultans".split()
)
# adjectives of origin ("Anatolian Indo-European", "Iranian"): a run made only of them names a people's
# kind, not a person (-ean too, unlike rag.told's name check, where "Aegean" may name the asked sea)
_OF_ORIGIN = re.compile(r"(?:ian|ean|ese|ish)$")

# the personal pronouns that stand for a person named before ("He said …", "her son")
PERSONAL_PRONOUN = r"(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)"
_PERSONAL_PRONOUN = re.compile(rf"\b{PERSONAL_PRONOUN}\b")

# "Louis XI", "King Charles III": a numeral after a name that follows a lower-case word, a title
# or nothing; "World War III" is one name, not a king's
_REGNAL = re.compile(
    r"(?:^|\b(?:[a-z][\w'’]*|King|Queen|Pope|Emperor|Empress|Tsar|Czar|Prince|Princess|Saint|St\.?|Sultan|Shah)\s)"
    rf"({UPPER}[^\W\d_]+) ({ROMAN_NUMERAL})(?=['’]s\b|[^\w'’]|$)"
)


def regnal_numerals(question: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The numerals of ``names`` that follow a ruler's name in ``question`` ("XI" of "Who was
    Louis XI's spouse?"): they tell his document apart, but his sentences name him "Louis"."""
    return tuple(n for name, n in _REGNAL.findall(question) if name in names and n in names)


def asks_person(question: str) -> bool:
    """Can only a person answer ``question``?"""
    return bool(_PERSON_Q.search(question))


def asks_words(question: str) -> bool:
    """Is the person ``question`` asks for one who said or wrote something ("Which analyst
    commented on …", "Who wrote …"), rather than one who did something ("Who commands …")?"""
    # a verb, so written in lower case: not "the United States", nor "According to …, who …"
    return any(verb.group(0).islower() for verb in SPEECH.finditer(question))


def names_person(text: str, speaking: bool = True, besides: str = "") -> bool:
    """Does ``text`` name a person: a titled name, a run of two or more capitalised words that is
    not a place, a body or an acronym ("Vladimir Dzhabarov"), nor ends one ("the Federation of
    Saint Christopher and Nevis"), nor is named in ``besides`` (the question), a name doing a deed
    "by" it, or (when ``speaking``) a name that speaks?"""
    if _BY.search(text) or (speaking and _SPEAKS.search(text)):
        return True
    # (the possessive dropped: "Mayer Amschel Rothschild's five sons" holds the name "Mayer Amschel Rothschild")
    asked = {form for word in words(besides) for form in (word, word.removesuffix("'s").removesuffix("’s"))}

    def names_one(name: re.Match[str]) -> bool:
        return (not _ends_a_place_name(text, name.start()) and not _the_asked_name(words(name.group(0)), asked)
                and not _DESCRIBES_A_ROLE.match(text, name.end()))

    # ("the London Missionary Society": a role's word beginning a body's name is no title)
    titled = any(names_one(name) and name.group().split()[-1].lower() not in _NOT_A_PERSON
                 for name in _TITLED.finditer(text))
    return titled or any(_is_personal_name(run.group(0)) and names_one(run) for run in NAME_RUN.finditer(text))


def _the_asked_name(name: list[str], asked: set[str]) -> bool:
    """Is ``name`` (its words) one the question holds: all of its words, or its first and last with a
    middle name or initial between ("Andrew William Mellon", "Robert Julius Trumpler" for Andrew Mellon)?"""
    return asked.issuperset(name) or (len(name) > 2 and name[0] in asked and name[-1] in asked)


# "the Federation of Saint Christopher", "the University of John Hopkins": a place's or body's word
# and "of" before a run of capitalised words make the run the rest of that name
_OF_BEFORE = re.compile(r"\b([A-Z][a-z]+) of (?:the )?$")


# "four miles south of Kitty Hawk", "near Orsk Velm": a place named after its direction or "near"
_PLACE_BEFORE = re.compile(rf"\b(?:(?:{COMPASS_WORD}) of|near)\s+$", re.IGNORECASE)


def _ends_a_place_name(text: str, start: int) -> bool:
    if _PLACE_BEFORE.search(text[:start]):
        return True
    before = _OF_BEFORE.search(text[:start])
    return bool(before) and before.group(1).lower() in _NOT_A_PERSON


def answers_who(sentence: str, before: str = "", words: bool = True, question: str = "") -> bool:
    """Can ``sentence`` answer a question only a person answers: it names one (or a named body
    doing the deed), or says "he" or "she" and, with the sentence before it (``before``), names
    who that is. A name that only speaks ("Blinken said …") counts only when the question asks
    for ``words``: "Who commands the troops in Kursk?" is not answered by who reported them there.
    A name ``question`` holds is not the person it asks for ("Who painted the Mona Lisa?")."""
    if names_person(sentence, speaking=words, besides=question) or _BY_BODY.search(sentence):
        return True
    pronoun = _PERSONAL_PRONOUN.search(sentence)
    # ("… with Mayer Amschel Rothschild (1744–1812), …, who established his banking business": "his" is
    # the asked name's, told in the sentence before the pronoun, not someone's of the sentence before)
    if not pronoun or any(_is_personal_name(run.group(0)) for run in NAME_RUN.finditer(sentence[: pronoun.start()])):
        return False
    return names_person(before, besides=question)


def names_in_full(names: tuple[str, ...], question: str, text: str) -> bool:
    """Does ``text`` name each person the question names in full ("Emily Dickinson") by the last
    of those names whenever it names them by another? An article naming only "Emily" (the Brontë
    sisters' "Charlotte (1816–1855), Emily (1818–1848) and Anne") is about a namesake; one naming
    the person not at all is about another ("When did Robert De Niro receive the Presidential Medal
    of Freedom?" asked of another recipient's summary). ``names`` are the question's names (not its
    question words: "Which US-made …" is no person)."""
    named = {name_key(n) for n in names}
    for run in NAME_RUN.finditer(question):
        if not _is_personal_name(run.group(0)):
            continue
        keys = [key for key in map(name_key, run.group(0).split()) if key in named]
        if len(keys) > 1 and entity_share(keys[-1:], text) == 0:
            return False
    return True


# "Over a period of 30 years …, he visited much of Africa": a subject pronoun, perhaps after an opening phrase
_HE_OR_SHE_SUBJECT = re.compile(r"^(?:[^,;.]*,\s*)?(?:he|she)\b", re.IGNORECASE)


# "When did the United States ratify …", "In what year was the Treaty of Versailles signed": the
# named subject of the deed whose date is asked
_WHEN_SUBJECT_Q = re.compile(
    rf"^\W*(?i:when|in (?:what|which) year|what year) (?:did|does|do|has|had|was|were) (?:the )?({NAME_RUN.pattern}"
    rf"|{_CAPITALISED})"
)
# a title is no part of the name a sentence must hold ("Henry VIII married …" for King Henry VIII)
_HONORIFICS = frozenset("king queen emperor empress president prime minister saint st sir pope prince princess".split())


def about_another(question: str, relative: str, sentence: str, title: str, before: str, article: str = "") -> bool:
    """Is ``sentence`` about someone or something other than the question's subject? Its "he" is
    another person (:func:`pronoun_of_another`); or neither it nor its article's ``title`` (the
    sentence ``before`` it when no title is known) names whose relative is asked ("Who was William
    Shakespeare's wife?" is not answered by "… Othello as he is manipulated … into suspecting his
    wife Desdemona", though the sentence before names Shakespeare); or its ``article`` never names
    the thing (not a person: :func:`names_in_full` is theirs) whose deed's date is asked ("In what
    year did the United States ratify the ICCPR?" by "It … entered into force on 23 March 1976
    after its thirty-fifth ratification", in a summary naming the United Nations, never the United
    States). False for a passage alone."""
    if pronoun_of_another(question, sentence, title, before):
        return True
    owner = _relative_owner(question) if relative else []
    if owner and (title or before):
        return entity_share(owner, f"{sentence} {title or before}") < 1
    subject = _WHEN_SUBJECT_Q.match(question)
    if not subject or not (title or before) or _is_personal_name(subject.group(1)):
        return False
    words = [w for w in subject.group(1).split() if w.lower() not in _HONORIFICS]
    phrase = r"\s+".join(re.escape(fold_accents(w.rstrip("."))) for w in words)  # "Bela IV" is "Béla IV"
    text = fold_accents(f"{sentence} {title} {before} {article}")
    return bool(words) and not re.search(rf"\b{phrase}", text, re.IGNORECASE)


def _relative_owner(question: str) -> list[str]:
    """The name key of the person whose relative ``question`` asks for (their last name), or none."""
    runs = [run.group(0) for run in NAME_RUN.finditer(question) if _is_personal_name(run.group(0))]
    return [name_key(runs[-1].split()[-1])] if runs else []


def pronoun_of_another(question: str, sentence: str, title: str, before: str) -> bool:
    """Is ``sentence``'s "he" or "she" someone other than the person ``question`` names in full?
    "Between which years did Marco Polo travel through Asia?" is not answered by Ibn Battuta's
    "… from 1325 to 1354, he visited much of Africa, Asia …", though his summary names Marco Polo
    later: neither the sentence, its article's ``title`` nor the sentence ``before`` it names him,
    and the title is another person's name (or, under a title naming no person, the sentence before
    is known). False when neither is known (a passage alone)."""
    if not _HE_OR_SHE_SUBJECT.match(sentence):
        return False
    another = bool(before) or _is_personal_name(title)
    context = f"{sentence} {title} {before}"
    for run in NAME_RUN.finditer(question):
        if _is_personal_name(run.group(0)):
            last = name_key(run.group(0).split()[-1])
            if another and entity_share([last], context) == 0 and last not in title.lower().replace(" ", ""):
                return True
    return False


def _is_personal_name(run: str) -> bool:
    words = [w.strip(".’'") for w in run.split()]
    words = [w for w in words if w[:1].isupper()]
    while words and words[0].lower() in _OPENERS:
        words = words[1:]  # "When British rule came to an end": a sentence's first word, not a first name
    if len(words) < 2:
        return False
    keys = [w.lower().removesuffix("’s").removesuffix("'s") for w in words]
    # a compass word ends a person's name ("Gladys West", "Oliver North") but not a place's
    # ("the Middle East"); it opens only a place's ("West Bank", "North Korea")
    last = keys[-1] if keys[-1] in _COMPASS and not _COMPASS_PLACE.intersection(keys[:-1]) else ""
    # (a ruler's numeral is no acronym: "Leo XIV", "Haakon VI")
    acronym = any(w.isupper() and len(w) > 1 and not (i and re.fullmatch(ROMAN_NUMERAL, w))
                  for i, w in enumerate(words))
    of_origin = all(_OF_ORIGIN.search(k) for k in keys)
    return not any(_not_a_persons(k) and k != last for k in keys) and not acronym and not of_origin


def _not_a_persons(key: str) -> bool:
    """Is ``key`` a word no person's name holds, or its plural in -es or -ies ("the Oriental Orthodox
    Churches", "the East India Companies"; not in -s alone: "Rosa Parks", "Joseph Banks" are people)?"""
    plural = key[:-3] + "y" if key.endswith("ies") else key[:-2] if key.endswith("es") else key
    return key in _NOT_A_PERSON or plural in _NOT_A_PERSON


# words that open a sentence before a name or an adjective of origin, never a first name themselves
_OPENERS = frozenset(
    "when after while although because since during before if as once unlike like under in on at the this these "
    "its his her their by for from with following despite though where then today".split()
)
_COMPASS = frozenset({"north", "south", "east", "west"})
_COMPASS_PLACE = frozenset({"middle", "far", "near", "mid", "wild", "north", "south", "east", "west", "the"})


def agent_nouns(stems: set[str] | frozenset[str]) -> set[str]:
    """The stems of the nouns naming who does each deed of ``stems`` ("speak" → "speaker", "found"
    → "founder", "direct" → "director", "compos" → "composer", "make" → "maker")."""
    return {d + end for d in stems for end in ("er", "or", "r" if d.endswith("e") else "er")}


# doers whose noun is not the deed's stem plus "-er": "who wrote" → "the author"
_OTHER_DOERS = {"writ": {"author"}, "build": {"architect"}}


def names_the_doer(focus: str, text: str) -> bool:
    """For "who composed X" (``focus`` "who composed"): does ``text`` name the doer by the agent
    noun ("… an opera … by the French composer Georges Bizet", "the founder of", "its director")?"""
    deed = set(content_words(focus.removeprefix("who "))) if focus.startswith("who ") else set()
    doers = agent_nouns(deed) | {n for d in deed for n in _OTHER_DOERS.get(d, ())}
    return bool(doers & set(content_words(text)))
