"""Events a question asks about: "When was X born?" is not answered by the year of a premiere in
X's summary, "Where was X buried?" by where X worked, nor "When did Iraq gain its independence?" by
the years of the Iraq War — the sentence must state the event asked for. ``rag.answerability``'s
rules read :func:`states_asked_event`."""

from __future__ import annotations

import re

from rag.extract import matches_type
from rag.frame import QuestionFrame
from rag.judge_dates import calendar_dates
from rag.text import UPPER, YEAR, entity_share, name_key, times_in
from rag.topic import KIND_WORDS

# (the question names this event, a sentence stating it says one of these, whether the years of a
# life in brackets say when it happened[, what else states it for a question asking when]): "When
# was X born?" is not answered by the year of a premiere in X's summary, nor "Where was X born?" by
# where X worked. Each entry compiles to (asked, stated, in_lifespan, stated when asked "when").
_LIFE_EVENTS = tuple(
    (
        re.compile(asked, re.IGNORECASE),
        re.compile(stated, re.IGNORECASE),
        in_lifespan,
        re.compile("|".join((stated, *when)), re.IGNORECASE),
    )
    for asked, stated, in_lifespan, *when in (
        # "Trần Hưng Đạo, born Trần Quốc Tuấn": a birth name, not when or where
        # (a name "at birth" is a name, not the birth's date or place)
        (r"\bborn\b|(?<!name at )\bbirth(?!\s+names?\b)",
         rf"\bborn\b(?!\s+(?-i:{UPPER}))|\bbirth(?!\s+names?\b)|\bnée\b", True),
        (  # "until his suicide in 1954", "until his execution in 1649": other words for a death;
            # "When was X assassinated?" asks when X died ("until her assassination in 2007"), not
            # when X served (not "who killed": "Y shot X" names the killer without a death word)
            r"\bdie[ds]?\b|\bdeath\b|^\W*(?:when|where|in what|what year|in which)\b.*\b"
            r"(?:assassinated|murdered|executed|killed|slain)\b",
            r"\bdie[ds]?\b|\bdeath\b|\bdying\b|\bkilled\b|\bexecut(?:ed|ion)\b|\bassassinated\b"
            r"|\bassassination\b(?!\s+(?:attempts?|plots?|bids?))"
            r"|\bsuicide\b|\bmurdered\b|\bperished\b|\bpassed away\b|\bslain\b|\bbeheaded\b|\bhanged\b"
            r"|\bdrowned\b",
            True,
        ),
        (  # "When was the trust formed?" (not "the supernova that formed the nebula"); for when,
            # also when it began to exist ("a trust that existed from 1882 to 1911"), which does
            # not say who founded it
            r"\bfounded\b|\bestablished\b|\bformed\s*\?*\s*$",
            r"\bfound(?:ed|ing|er|ers|ation)\b|\bestablish|\bformed\b|\bcreated\b|\bincorporated\b|\bset up\b"
            r"|\blaunched\b|\bformation of\b",  # "the formation of the first city … at Huaricanga"
            False,
            r"\bexist(?:ed|s)\s+(?:from|since)\b",
        ),
        (r"\bmarr(?:y|ied)\b", r"\bmarri|\bwed\b|\bwedding\b|\bwife\b|\bhusband\b", False),
        (r"\bindependen", r"\bindependen|\bsovereign|\bliberat|\bsecede|\bsecession", False),
        (r"\bstandardi[sz]", r"\bstandard", False),
        (  # "Where is the headquarters of the Commonwealth Secretariat located?" is not answered by
            # what the Secretariat does ("Its chief institutions are the Commonwealth Secretariat, …")
            r"\bheadquarter",
            r"\bheadquarter|\bhq\b|\bbased (?:in|at)\b|\bseat\b|\boffices?\b|\blocated\b|\bsited\b",
            False,
        ),
        (  # "Where is the scroll kept today?" is not answered by who painted it
            r"^\W*where\b.*\b(?:kept|housed|displayed|exhibited|stored|preserved|held)\b",
            r"\bkept\b|\bhous|\bdisplay|\bexhibit|\bstored\b|\bpreserved\b|\bheld\b|\bmuseum|\bcollection"
            r"|\bgallery|\blibrary|\barchive",
            False,
        ),
        (
            r"\bsettle[ds]?\b|\bsettlement|\bcoloni[sz]",
            r"\bsettl|\bcoloni|\barriv|\blanded\b|\bmigrat|\binhabit|\boutpost|\bfounded|\bestablish",
            False,
        ),
        (  # "Where is black pepper native to?" is not answered by its plant family (any "from" may
            # say where: "brought from India", so the model judges those)
            r"\bnative (?:to|range|region|habitat)\b"
            r"|^\W*where\b.*\b(?:native|originat\w*|come from|endemic|indigenous)\b",
            r"\bnative|\bendemic|\bindigenous|\borigin|\bfrom\b|\bdomesticat|\bwild\b",
            False,
        ),
        # "Who discovered helium?" is not answered by where helium formed, "Who is the Walker
        # circulation named after?" by how the air moves, nor "Who built the first working steam
        # locomotive?" by what Parsons built
        (
            r"\bdiscover(?:ed|y|ers?)?\b"
            r"|^\W*(?:when|in what year|what year)\b.*\b(?:found|unearthed|excavated)\s*\??\s*$",
            r"\bdiscover|\bfound\b|\bidentif|\bisolat|\bdetect|\bobserv|\bfirst (?:described|noticed|recorded)"
            r"|\bunearth|\bexcavat|\buncover",
            False,
        ),
        (
            r"\binvent(?:ed|ing|ion|or|ors)?\b",
            r"\binvent|\bdevis|\bdevelop|\bcreat|\bdesign|\bbuilt\b|\bpatent|\bpioneer|\bintroduc|\bfirst made\b"
            r"|\bmade the first\b|\bconceiv",
            False,
        ),
        (  # "What year were the Duino Elegies published?" is not answered by when they were begun, nor
            # "When did Avogadro first publish his hypothesis?" by the years of his life
            r"^\W*(?:when|in what year|what year)\b.*\bpublished\s*\??\s*$"
            r"|^\W*(?:when|in what year|what year) did (?:[\w’'-]+ ){1,4}(?:first )?publish\b",
            r"\bpublish|\bpublication|\bprinted\b|\bissued\b|\breleased\b|\bappeared\b|\bserialized\b|\bserialised\b"
            r"|\bauthored\b|\bworks\b[^.;]*\(\d{4}\)"  # "he authored numerous works—such as … (1947)"
            # a title and its year: "His A New System of Chemical Philosophy (1808) presented …"
            rf"|(?-i:{UPPER})[\w’'-]*\s+\(\d{{4}}\)",
            False,
        ),
        (r"\bnamed (?:after|for)\b", r"\bnam(?:ed?|ing|esake)\b|\bhono(?:u)?r|\beponym|\bderiv", False),
        (
            r"^\W*(?:who|which \w+|what \w+)\s+(?:\w+\s+)?buil[dt]s?\b",
            r"\bbuil[dt]|\bconstruct|\bdesign|\berect|\bmanufactur|\bproduc|\bassembl|\bcommission|\bmade\b|\bmakes\b",
            False,
        ),
        (r"\bburi(?:ed|al)\b|\binterred\b", r"\bburi(?:ed|al)\b|\binterred\b|\bentombed\b|\btomb\b|\bgrave\b", False),
        (
            r"\b(?:stud(?:y|ied)|educated|graduated?)\b|\battend(?:ed)? (?:university|college|school)"
            r"|\bwhich (?:university|college|school)\b",
            r"\bstud(?:y|ied|ent|ies)|\battend|\beducat|\bgraduat|\balumn|\bdegree|\buniversity|\bcollege|\bschool"
            r"|\bacadem|\btrained|\bconservato",
            False,
        ),
    )
)


# "Émile Varn (1841–1907) was a painter", "(15 April 1452 – 2 May 1519)": the years of a life in
# brackets state when its owner was born and died (not where)
# — when they follow a name: "the Song dynasty (960–1279)" gives a dynasty's years, not Su Song's life
_LIFESPAN = re.compile(
    rf"{UPPER}[\w’'.-]*\s*\([^()]*?\b\d{{3,4}}(?:\s*(?:BC|BCE|AD|CE))?\s*[–—-]\s*[^()]*?\b\d{{2,4}}\b[^()]*\)"
)
# a year outside the dates the type check knows: "AD 46", "in 753 BC", "the 5th century", "in 1085"
_ERA = re.compile(r"\b\d{3,4}\b|\b(?:BC|BCE|AD|CE)\b|\bcentur(?:y|ies)\b")


# "… under the rule of the House of Capet, founded in 987": an event stated of another name, in
# apposition to it, is not the one asked about ("In what year was the Carolingian Empire founded?")
_APPOSED_EVENT = re.compile(
    rf"((?:{UPPER}[\w’'.-]*\s+(?:of\s+|the\s+)?)*{UPPER}[\w’'.-]*),\s+(?:(?:which|who) was\s+)?"
    r"(?:founded|established|formed|created|born|died)\b[^,;]*"
)

_PRONOUN_SUBJECT = re.compile(r"^\W*(?:It|He|She|They)\b")


def _without_others_events(frame: QuestionFrame, clause: str) -> str:
    """``clause`` without the events it states, in apposition, of names the question does not ask
    about; kept when a pronoun is its subject, for whom the event may be stated: "It is the historic
    capital of the Kingdom of Marwar, founded in 1459 by Rao Jodha" (Jodhpur's summary)."""
    if _PRONOUN_SUBJECT.match(clause):
        return clause
    keys = [name_key(e) for e in frame.entities]
    return _APPOSED_EVENT.sub(lambda m: m.group(0) if entity_share(keys, m.group(1)) > 0 else m.group(1), clause)


# where a sentence's clauses part: a semicolon, or ", and" before a new subject ("… was dissolved
# in 1892, and its holdings were reorganized into companies that formed a union" dates no forming)
_CLAUSE_BREAK = re.compile(r";|,\s+and\s+(?=(?:its?|his|her|their|they|he|she)\b)", re.IGNORECASE)


def states_asked_event(frame: QuestionFrame, sentence: str) -> bool:
    """For "when/where was X born (did X die, was X founded, did X marry, did X study)", and for
    "who founded X", "how did X die", "which university did X attend": does ``sentence`` state
    that event, or for when, the years of a life in brackets? (True for number questions — "how
    many died" may be answered by "killing 12" — and yes/no ones.) The best sentence of a summary
    may describe X without it; the answer is the one that states it ("It was established in
    1336 …"), if any. When the event is asked for, the sentence must also hold a date: "He was
    born in Östervik" does not say when."""
    if frame.kind == "number" or not (frame.asks_wh or frame.kind == "date" or frame.asks_place):
        return True
    asked = [
        (stated, in_lifespan, when) for event, stated, in_lifespan, when in _LIFE_EVENTS if event.search(frame.question)
    ]
    if not asked:
        return True
    lifespan = frame.kind == "date" and bool(_LIFESPAN.search(sentence))
    if frame.kind == "date" and not lifespan:
        # the date and the event in one clause: "… adopted the metric system between 1795 and 1875;
        # … the BIPM was established by the Metre Convention" does not say when the BIPM was
        clauses = [_without_others_events(frame, clause) for clause in _CLAUSE_BREAK.split(sentence)]
        return any(
            all(stated_when.search(clause) for _, _, stated_when in asked)
            and (matches_type(frame, clause) or _ERA.search(clause))
            for clause in clauses
        )
    return all(stated.search(sentence) or (lifespan and in_lifespan) for stated, in_lifespan, _ in asked)


# a named award or event: "the Kennedy Center Honors", "her first Grammy Award", "the Boreal Cup"
_OCCASION = re.compile(
    rf"((?:{UPPER}[\w’'.-]*\s+)+)(?:Awards?|Prizes?|Honou?rs|Medals?|Cups?|Championships?|Games|Olympics|"
    r"Festival|Trophy|Open|Grand Prix|Election)\b"
)


def asks_an_occasion(question: str) -> bool:
    """Does ``question`` name an award or event ("her first Grammy Award", "the Boreal Cup")?"""
    return bool(_OCCASION.search(question))


def names_the_occasion(frame: QuestionFrame, sentence: str, before: str, title: str, article: str) -> bool:
    """For "In what year did Julie Andrews win her first Grammy Award?" (or "For which film did she
    win her Academy Award?") asked of an article about one of the question's names (``title``): the
    award or event it names tells the occasion, and when the ``article`` names it somewhere, an
    answering sentence must name it too, or — when it points back ("It was first held …") — the one
    ``before`` it: "She was made a Dame … in the 2000 New Year Honours" dates another honour, and
    "He was honored with the AFI Life Achievement Award" names another award. True for counts
    (rag.counting reads them) and other questions."""
    if frame.kind == "number":
        return True
    keys = {name_key(e) for e in frame.entities}
    about = {name_key(w) for w in re.findall(r"[\w’'.-]+", title)}
    occasion = [
        key for named in _OCCASION.findall(frame.question) for key in map(name_key, named.split())
        if key not in about and key not in KIND_WORDS
    ]  # fmt: skip
    # (or of a person the question describes by names their article holds: "the actress who played
    # Scarlett O'Hara and Blanche DuBois" in Vivien Leigh's)
    others = sorted(keys - set(occasion) - KIND_WORDS)
    described = bool(_DESCRIBED.search(frame.question)) and len(others) > 1 and entity_share(others, article) == 1.0
    if not (about & keys or described) or not occasion or entity_share(occasion, article) == 0.0:
        return True
    return entity_share(occasion, sentence) > 0.0 or (
        bool(_POINTS_BACK.match(sentence)) and entity_share(occasion, before) > 0.0
    )


# "the actress who played …": someone a question describes instead of naming
_DESCRIBED = re.compile(r"\bthe (?:[a-z]+ ){0,2}?[a-z]+ (?:who|whose)\b")
# "It was first awarded in 1959", "The prize …": a sentence whose subject is named before it (not
# "She was made a Dame …": she is the article's person, not the occasion)
_POINTS_BACK = re.compile(r"^\W*(?:It|Its|This|That|These|Those|They|Their|The)\b")


# a time a sentence may answer "when" with that neither the type check nor _ERA reads as a date: a
# period ("during the Cold War", "in the early modern era") or a time relative to another event
_PERIOD = re.compile(
    r"\b(?:during|since|until|till|after|before|following|ago|era|period|age|reign|dynasty|war|decades?|years?|"
    r"millenni(?:um|a))\b",
    re.IGNORECASE,
)


# a question asking when (not one with a "when" clause: "How did Putin describe Trump when
# congratulating him?" asks for words)
# (not a time zone, nor a "when" clause before the question: "When protests are part of …, what might they …?")
_ASKS_WHEN = re.compile(
    r"^\W*(?:(?:and|but|so|then)\s+)?(?:(?:in|on|by|until|since|from|during|at)\s+)?"
    r"(?:when\b(?![^?]*,\s*(?:what|which|who|whom|how|where|why)\b)|(?:what|which)\s+(?:date|day|month|year|decade|century|"
    r"time(?!\s+zones?\b)))\b",
    re.IGNORECASE,
)


def states_a_time(frame: QuestionFrame, sentence: str) -> bool:
    """Does ``sentence`` say when, for a question asking when? A date, a year, the years of a life
    in brackets or a period: "The person writing the cheque, known as the drawer, has a … account"
    says nothing of when the first cheque was written. True for other questions."""
    if not _asks_when(frame):
        return True
    return bool(matches_type(frame, sentence) or _ERA.search(sentence) or _PERIOD.search(sentence)
                or _LIFESPAN.search(sentence))  # fmt: skip


def gives_no_year(frame: QuestionFrame, sentence: str) -> bool:
    """Does a question asking "in what year …" get a sentence holding no figure at all ("Her
    accolades include … three Grammy Awards" for "In what year did she win her first Grammy
    Award?")? A year is written in digits."""
    return frame.kind == "date" and frame.focus == "year" and not re.search(r"\d", sentence)


# "On what date did the play open on Broadway?": a day, which "a 1949 stage play" does not give; a
# date written out ("February 10", "10 Feb."), a month by name or a weekday ("on Sunday", as news writes)
# ("From roughly what date was Göbekli Tepe inhabited?" asks no day: "from around 9500 BCE" answers)
_ON_WHAT_DATE_Q = re.compile(
    r"(?<!roughly )(?<!approximately )(?<!about )(?<!around )\b(?:what|which) (?:exact |precise )?date\b(?! range)",
    re.IGNORECASE,
)


def gives_no_day(frame: QuestionFrame, sentence: str) -> bool:
    """Does a question asking "on what date …" get a sentence naming no day ("Death of a Salesman
    is a 1949 stage play …" for "On what date did it open on Broadway?")?"""
    if frame.kind != "date" or not _ON_WHAT_DATE_Q.search(frame.question):
        return False
    return not (times_in(sentence) - set(YEAR.findall(sentence)) or calendar_dates(sentence))


# a year the question sets its question in: "Which novel did Natsume Sōseki publish in 1914?" (not
# every year it names, as frame.times holds: "Who directed the 1958 film Vertigo?" names a film)
# or the year of a named event: "Who won the 1937 Nobel Prize …?" is not answered by the 1929 one
_IN_YEAR = re.compile(r"\b(?:in|during)\s+(\d{4})\b|\bthe\s+(\d{4})\s+(?-i:[A-Z])")


def leaves_out_the_asked_year(frame: QuestionFrame, sentence: str, article: str) -> bool:
    """For a question set in a year, asked of an ``article`` that names that year: does
    ``sentence`` leave it out? "He is considered one of the greatest writers …" does not say what
    he published in 1914; "His major works include … Kokoro (1914)" does. (Not for questions
    asking when, and not when the article never dates a thing in that year — "in 1914", "(1914)":
    a news article's dateline alone does not tell which of its sentences happened then.)"""
    if frame.kind == "date":
        return False
    return any(
        re.search(rf"(?:\b[Ii]n\s+(?:[A-Z][a-z]+\s+)?|\(){year}\b", article) and not re.search(rf"\b{year}\b", sentence)
        for year in (a or b for a, b in _IN_YEAR.findall(frame.question))
    )


# "When was the Spanish Inquisition abolished?", "When did the nuclear arms race end?": the end of
# something, not its start ("authorized by Pope Sixtus IV in 1478") nor a period it belongs to.
# Not an entry of _LIFE_EVENTS: a range of years states an end without an end word ("lasted from
# 1939 to 1945"), and only questions asking when are read.
_ASKS_END = re.compile(
    r"\b(?:end(?:ed)?|abolish(?:ed)?|dissolved?|disband(?:ed)?|collapsed?|f[ae]ll|abandon(?:ed)?|"
    r"demolish(?:ed)?|cease[ds]?|conclude[ds]?|shut down|close[ds]?|retired?|resign(?:ed)?|wound up|"
    r"liquidated|disestablished)\s*\??\s*$",
    re.IGNORECASE,
)
# an end stated in words, or a range of years ("from 1947 to 1991", "(1756–1763)", "until 1925")
_STATES_END = re.compile(
    r"\b(?:end(?:s|ed|ing)?|abolish|abolition|dissol|disband|collaps|fell|fall|abandon|demoli|ceas|conclu|"
    r"shut|clos|retir|resign|lasted|until|till|dismantl|overthrown|terminat|expired|replaced|surrender|"
    r"defeat|ultimately|finally|wound up|liquidat|disestablish|nationali[sz]|defunct)"
    r"|\d\s*[–—-]\s*\d|\bfrom\b[^.;]*?\b(?:to|through)\s+\d|\bbetween\b[^.;]*?\band\s+\d",
    re.IGNORECASE,
)


def states_the_end(frame: QuestionFrame, sentence: str) -> bool:
    """For a question asking when something ended: does ``sentence`` state an end or a range of
    years? True for other questions."""
    if not _asks_when(frame) or not _ASKS_END.search(frame.question):
        return True
    return bool(_STATES_END.search(sentence))


def _asks_when(frame: QuestionFrame) -> bool:
    """A date question that asks when (not one with a "when" clause): the time rules read only these."""
    return frame.kind == "date" and bool(_ASKS_WHEN.match(frame.question))


# "When was The Night Watch attacked with a knife?": the deed whose date is asked, which "… is a 1642
# painting" does not tell. Deeds that make or begin a thing are told in many words ("founded" by
# "established in 1209", "built" by "a 1642 painting"), so they are left to the other checks.
# how a sentence tells an irregular deed (a regular one by its verb's first letters), and a deed
# told in other words
_TOLD_DEEDS = {
    "shot": r"shot|shoot", "sunk": r"sunk|sank|sink|scuttl", "struck": r"struck|strik", "stolen": r"stol|steal|theft",
    "fought": r"fought|fight|battle", "beaten": r"beat|defeat", "overthrown": r"overthr|depos|ouste|coup",
    "broken": r"brok|break", "sold": r"sold|sell|sale", "bought": r"bought|buy|purchas|acqui",
    # a prize is told as received or won too ("the second architect to posthumously receive the AIA Gold Medal")
    "awarded": r"award|receiv|won\b|win|given|present|conferr|honou?r",
    "handed": r"hand|award|given|present|distribut",  # "the prizes were first awarded in 1901"
}  # fmt: skip
# (also "In what year was …", "On what date was …"; and the irregular deeds: "When was an aircraft
# first shot down …?" is not answered by the Wright brothers' first flight)
_DATED_DEED_Q = re.compile(
    r"^\W*(?i:(?:when|(?:in|on) (?:what|which) (?:year|date|day)|what year) (?:was|were)) (?:\S+\s+){1,6}?"
    rf"([a-z]{{3,}}ed|[A-Z][a-z]+i[sz]ed|{'|'.join(d for d in _TOLD_DEEDS if not d.endswith('ed'))})\b"
)
_MAKING = re.compile(
    r"^(?:found|establish|buil|construct|complet|creat|form|compos|publish|releas|produc|open|launch|introduc|paint|"
    r"design|erect|inaugurat|premier|incorporat|organi[sz]|start|develop|invent|writ|record|film|"
    r"consecrat|dedicat|born|bas$|locat|situat|known|call|nam|consider|us$)"
)


# "In what year did the Byzantine Empire conquer the First Bulgarian Empire?": a taking asked in the
# active voice, which the Bulgars' founding "by defeating … the Byzantine army" does not tell
_TAKING_Q = re.compile(
    r"^\W*(?:when|(?:in|on) (?:what|which) (?:year|date|day)|what year) did\b.{1,60}?\b"
    r"(?:conquer|invade|annex|capture|sack|subjugate|occupy)\b",
    re.IGNORECASE,
)
_TAKING = (  # (or the war it was taken in: "a period of conflict localized to Manchuria that started in 1931")
    r"conqu|captur|annex|subjugat|\bfell\b|\bfall of\b|seiz|\btook\b|invad|invasion|occup|sack|overr|conflict|\bwars?\b"
)


def tells_the_dated_deed(frame: QuestionFrame, sentence: str, title: str, before: str) -> bool:
    """For "When was X <done>?" (a deed other than making or beginning X) or "When did X conquer Y?":
    does ``sentence``, the sentence before it or its article's title tell that deed (its verb's
    first letters)? True for other questions."""
    asked = _DATED_DEED_Q.search(frame.question) if frame.kind == "date" else None
    if not asked:
        taking = frame.kind == "date" and _TAKING_Q.search(frame.question)
        return not taking or bool(re.search(_TAKING, f"{title} {before} {sentence}", re.IGNORECASE))
    verb = asked.group(1)
    root = verb[:-3] if verb.endswith("ied") else verb[:-2]  # "married": "marr", as in "marriage"
    if _MAKING.match(root) or any(re.search(rf"\b\d{{3,4}}\s+{re.escape(e)}\b", sentence) for e in frame.entities):
        return True  # "the 1916 Sykes–Picot treaty" dates the thing itself
    told = _TOLD_DEEDS.get(verb, re.escape(root[:5]))
    # "After the Partition of India in 1947, East Bengal … was later renamed East Pakistan": a deed told after
    # "later" with no year of its own is not dated by the year before it
    later = re.search(rf"\b(?:later|subsequently|eventually|afterwards)\s+(?:\w+\s+){{0,2}}?(?:{told})", sentence, re.I)
    if later and not re.search(r"\b\d{3,4}\b", sentence[later.end() :]):
        return bool(re.search(rf"\b(?:{told})", f"{title} {before} {sentence[: later.start()]}", re.IGNORECASE))
    return bool(re.search(rf"\b(?:{told})", f"{title} {before} {sentence}", re.IGNORECASE))
