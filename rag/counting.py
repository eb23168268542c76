"""What a number in a sentence counts: for "how many X …", whether a number counts X (or those
doing the question's deed), and whether two sentences count the same thing. ``rag.extract``'s
type check and ``rag.answerability``'s features read it."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.frame import QuestionFrame
from rag.judge import content_words, numbers
from rag.judge_dates import without_a_lone_date
from rag.judge_rules import WORD_NUMBERS
from rag.person import agent_nouns
from rag.text import NAMED_NUMBER, UPPER

# a rank, the units a count of things is not in (rag.judge.numbers' units), and counted nouns that are units
ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b(?:[- ]centur(?:y|ies))?", re.IGNORECASE)
MEASURED_UNITS = frozenset(
    {"km", "mi", "m", "km2", "mi2", "ton", "kg", "usd", "second", "minute", "hour", "day", "week", "month", "year",
     "decade"}
)  # fmt: skip
MEASURE_WORDS = frozenset(
    content_words(
        "kilometres kilometers km miles metres meters feet square tons tonnes kilograms kg dollars seconds minutes "
        "hours days weeks months years decades"
    )
)
_PEOPLE = frozenset(content_words("people persons individuals humans"))
_RESIDENTS = frozenset(content_words("inhabitants residents citizens population"))
_COUNT_WORDS = r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred|twice)"


def counts_the_noun(sentence: str, frame: QuestionFrame) -> bool:
    """For "how many teams …": a number right before the counted noun ("composed of 30 teams"),
    not one counting something else near it ("each team plays 162 games")."""
    if not frame.count_terms:
        return False
    tokens, stems = number_tokens(sentence)
    nouns = frame.count_terms | _doers(frame)
    return any(is_number(tokens, i) and nouns & set(stems[i + 1 : i + 4]) for i in range(len(tokens)))


def number_tokens(sentence: str) -> tuple[list[str], list[str]]:
    """The sentence's numbers and words (lower-cased), and each one's stem."""
    tokens = re.findall(rf"\d[\d,.]*\d|\d|{_COUNT_WORDS}\b|[a-z’'-]+", sentence.lower())
    return tokens, [(content_words(t) or [t])[0] for t in tokens]


def is_number(tokens: list[str], at: int) -> bool:
    """Is ``tokens[at]`` a figure (not the "one" of "one of ancient Egypt's pharaohs")?"""
    token = tokens[at]
    return token[0].isdigit() or (bool(re.fullmatch(_COUNT_WORDS, token)) and tokens[at : at + 2] != ["one", "of"])


@lru_cache(maxsize=256)
def _lower_words(question: str) -> frozenset[str]:
    """The stems of the question's lower-case words (its verbs and nouns, not its names): read
    for every candidate sentence, worked out once per question."""
    return frozenset(content_words(re.sub(rf"\b{UPPER}\w*", " ", question)))


def _doers(frame: QuestionFrame) -> set[str]:
    """For "how many people speak Quechua": the stems naming those people by the question's deed
    ("speakers", "users", "visitors"), which count them as well as "people" does; for "how many
    people live in Kell", those naming who lives there ("96,000 inhabitants")."""
    if not frame.count_terms & _PEOPLE:
        return set()
    deeds = _lower_words(frame.question) - frame.count_terms
    return agent_nouns(deeds) | (_RESIDENTS if frame.unit == "population" else set())


def counted(sentence: str, frame: QuestionFrame) -> set[tuple[float, str]]:
    """Numbers in ``sentence``; for "how many X ..." only those within a few words of X or of
    one of the question's lower-case content words (its verbs: "wounded another 903")."""
    if frame.count_terms:  # "how many ships": a rank ("16th-century", "the 3rd") or a share (13.9%) counts nothing
        sentence = ORDINAL.sub(" ", sentence)
    found = quantities(sentence) | ({(2.0, "")} if re.search(r"\btwice\b", sentence.lower()) else set())
    if frame.count_terms:
        # "how many ships": nor does a distance, a weight, a sum or a duration ("the three-year
        # expedition totaled 60,440 km"), unless the question counts such a unit ("how many
        # kilometres", "how many days")
        measured = () if frame.count_terms & MEASURE_WORDS else MEASURED_UNITS
        found = {(v, u) for v, u in found if u != "pct" and u not in measured}
    if not frame.count_terms or not found:
        return found  # not a count, or "how many times": any number will do
    nouns = set(frame.count_terms)
    # "how many North Korean troops": a name counts only right after the number ("8,000 North
    # Korean forces"), not anywhere near it ("the two countries fought the Korean War")
    names = nouns & {s for e in frame.entities for s in content_words(e)}
    heads = (nouns - names or nouns) | _doers(frame)
    # the counted noun itself is no deed: "an opera in three acts" counts no operas
    verbs = set(_lower_words(frame.question) - {"many", "much"} - nouns)
    tokens, stems = number_tokens(sentence)
    for i, token in enumerate(tokens):
        if is_number(tokens, i):
            named = i + 1 < len(stems) and stems[i + 1] in names
            if _YEAR.fullmatch(token) and not (named or heads & set(stems[i + 1 : i + 2])):
                continue  # "These were composed around 1718–1723" counts no concertos: a year, not a count
            if heads & set(stems[i + 1 : i + 5]) or named or _does_the_deed(tokens, stems, i, verbs):
                return found
            if frame.unit == "population" and frame.count_terms & _PEOPLE and _after_population(tokens, i):
                return found
    return set()


# "a multi-ethnic population of around 12 million": the words between "population" and its figure
_POPULATION_FILLER = frozenset(
    "of about around approximately roughly some nearly almost over more than an estimated".split()
)


def _after_population(tokens: list[str], at: int) -> bool:
    """Is the number ``tokens[at]`` a population's ("a population of around 12 million"), which
    counts the people asked about in "how many people lived in …" (not "a population density of
    120": "density" is no filler)?"""
    for back in range(at - 1, max(-1, at - 5), -1):
        if tokens[back] == "population":
            return True
        if tokens[back] not in _POPULATION_FILLER:
            return False
    return False


# a year written as a bare number ("in 1718", "1718–1723"); a count of the noun names it right after.
# Wider than rag.text.YEAR_PATTERN (from 1500): "composed around 1200" counts no poems either
_YEAR = re.compile(r"1\d{3}|20\d{2}")


def _does_the_deed(tokens: list[str], stems: list[str], at: int, verbs: set[str]) -> bool:
    """Does the number at ``at`` count those doing (or suffering) the question's deed: "wounded
    another 903", "killed 12 people", "12 died" — not "the two countries fought the Korean War"
    (asked "how many troops are fighting"), where the number counts the noun right after it?"""
    before = verbs & set(stems[max(at - 3, 0) : at])
    after = verbs & set(stems[at + 1 : at + 4])
    noun_after = at + 1 < len(tokens) and tokens[at + 1].endswith("s") and stems[at + 1] not in verbs
    if before and before <= _HOLDING and noun_after:
        return False  # "How many folios does it contain?": "containing the four Gospels" counts Gospels
    return bool(before) or (bool(after) and not noun_after)


# deeds of holding, whose count is of the noun after the number
_HOLDING = frozenset(content_words("contain include comprise hold feature"))


def same_quantity(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` count the same thing? True when some number in each is followed by
    the same unit or the same word (e.g. "12,000 foreign soldiers" / "10,000 ... soldiers")."""
    return bool(_counted_things(a) & _counted_things(b))


def _counted_things(text: str) -> set[str]:
    things = {u for _, u in quantities(text) if u}
    tokens = re.findall(r"\d[\d,.]*\d|\d|[a-z’'-]+", text.lower())
    for i, token in enumerate(tokens):
        if token[0].isdigit():
            things.update(w for t in tokens[i + 1 : i + 4] for w in content_words(t))
    return things


def quantities(text: str) -> set[tuple[float, str]]:
    """Numbers that are not years."""
    return {(v, u) for v, u in numbers(text) if not (u == "" and 1900 <= v <= 2100 and v.is_integer())}


# Any stated amount: a digit, a number word, or one of a unit ("a week", "an hour", "a mile"). A
# sentence holding none ("Stick insects … include the world's longest insects") gives no figure;
# nor does "one of the first to prove the key theorems".
_VAGUE_AMOUNT = re.compile(r"\b(?:several|few)\b", re.IGNORECASE)
_NO_TWO = re.compile(r"\bno two\b", re.IGNORECASE)
_AMOUNT = re.compile(
    r"\d|\bone\b(?!\s+of\b)|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|trillions?|dozens?|half|quarter|twice|thrice|single|decades?|centur(?:y|ies)|millenni(?:a|um)"
    r"|score|couple|none|no one|nobody|zero)\b"
    r"|\ban? (?:second|minute|hour|day|week|fortnight|month|year|mile|metre|meter|kilometre|kilometer|foot|inch|"
    r"yard|pound|kilogram|ton|tonne|litre|liter|gallon|acre|hectare|dollar|euro|cent|penny|percent)\b",
    re.IGNORECASE,
)


# a share, not a count: "10% of the world's fish species"
_PERCENTAGE = re.compile(r"\d[\d.,]*\s*(?:%|per ?cent\b|percent\b)", re.IGNORECASE)


def gives_no_amount(frame: QuestionFrame, sentence: str) -> bool:
    """Does ``sentence`` state no amount at all (no figure, number word or "a week") when the
    question asks one of a named measure or count ("How many species …", "What is the wavelength
    …", "How deep …")? "How large were the attacks?" may be answered by "the largest in months"."""
    named = frame.count_terms or frame.focus_terms or frame.unit
    if not (frame.kind == "number" and frame.asks_wh and named):
        return False
    # a count of students is not "… established the University of Cambridge in 1209", nor a count
    # of fish species "10% of the world's fish species"
    sentence = without_a_lone_date(sentence)  # "3 June" is no count of people killed
    # "signed by a majority of delegates … ratified by the Thirteen Colonies": a name, no count of delegates
    sentence = NAMED_NUMBER.sub(lambda m: m.group() if set(content_words(m[1])) & frame.count_terms else " ", sentence)
    if frame.count_terms and frame.unit != "percent":
        sentence = _PERCENTAGE.sub(" ", _without_bare_years(sentence, frame.count_terms))
    sentence = _NO_TWO.sub(" ", sentence)  # "no two organisms decompose in the same way" counts nothing
    # "several countries" is no count ("How many countries have more than one capital?"); "a few days" is a time
    return not _AMOUNT.search(sentence) and not (not frame.count_terms and _VAGUE_AMOUNT.search(sentence))


def _without_bare_years(sentence: str, nouns: frozenset[str] | set[str]) -> str:
    """``sentence`` without the years written as bare numbers ("in 1209"); a number followed by
    the counted noun stays ("1500 soldiers")."""

    def keep_a_count(year: re.Match[str]) -> str:
        after = re.match(r"\s+([\w-]+)", sentence[year.end() :])
        return year.group() if after and set(content_words(after.group(1))) & nouns else " "

    return re.sub(rf"(?<![\d,.])(?:{_YEAR.pattern})(?![\d]|[,.]\d)", keep_a_count, sentence)


def counts_another_kind(frame: QuestionFrame, sentence: str) -> bool:
    """For "how many fossil species …": does ``sentence`` count only another kind of the noun
    ("5,869 living species of bryozoa are known"), never naming the asked kind, or naming it only
    where every number counts another kind ("the eight official planets" for "how many minor
    planets")? A count with no word between number and noun ("64,000 species") may still be the
    asked kind's."""
    nouns = frame.focus.removeprefix("count of ").split() if frame.focus.startswith("count of ") else []
    # a name's words are no kind ("how many North Korean troops"), unless the question writes the
    # counted noun in lower case ("minor planets", though it names the Minor Planet Center)
    lower = nouns and re.search(r"\b" + r"\s+".join(map(re.escape, nouns)) + r"\b", frame.question)
    names = set() if lower else {s for e in frame.entities for s in content_words(e)}
    kinds = {s for w in nouns[:-1] for s in content_words(w)} - names
    if not kinds:
        return False
    tokens, stems = number_tokens(sentence)
    head = (content_words(nouns[-1]) or [nouns[-1]])[0]
    numbers = [i for i in range(len(tokens)) if is_number(tokens, i)]
    of_another = [i for i in numbers if stems[i + 2 : i + 3] == [head] and stems[i + 1] not in kinds]
    if not kinds & set(stems):
        return bool(of_another)
    return bool(numbers) and len(of_another) == len(numbers)


# "How many species of snakes are currently recognized?": a count of a kind of the whole, which "27
# species of Old World coral snakes" (a narrower kind) does not give; words saying how the count was
# made ("known", "living") do not narrow it
_NOT_NARROWING = frozenset("the known living extant recognized recognised described named existing modern true".split())
_OF_WHOLE_Q = re.compile(rf"\bhow many (?:(?:{'|'.join(sorted(_NOT_NARROWING))}) )?([a-z]+) of ([a-z][a-z-]+)\b")
# a group named within the whole ("three extant species in the sperm whale superfamily"): a narrower kind
_GROUP = r"(?:family|subfamily|superfamily|genus|order|suborder|infraorder|class|clade|tribe)"


def _singular(word: str) -> str:
    """"fireflies" → "firefly", "snakes" → "snake", "species" → "specie" (the stem a title or a sentence
    names the kind by: "species" is its own plural, which judge_rules.stem reads as "specy")."""
    if word.endswith("ies") and word not in ("species", "series"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def counts_a_narrower_kind(frame: QuestionFrame, sentence: str) -> bool:
    """For "How many species of snakes …?": does every count of species in ``sentence`` count those
    of a narrower kind ("27 species of Old World coral snakes", "83 … species of New World coral
    snakes")? False when one counts the whole ("about 3,900 species of snakes") or none is given."""
    asked = _OF_WHOLE_Q.search(frame.question.lower())
    if frame.kind != "number" or not asked:
        return False
    noun, whole = (re.escape(_singular(word)) for word in asked.groups())
    counts = re.findall(rf"\d[\d,.]*(?:\s+[\w-]+){{0,2}}?\s+{noun}\w*\s+of\s+((?:[\w’'-]+\s+){{0,4}}?){whole}\w*",
                        sentence, re.IGNORECASE)  # fmt: skip
    within = re.search(rf"{COUNT}(?:\s+[\w-]+){{0,2}}?\s+{noun}\w*\s+(?:in|within)\s+the\s+(?:[\w’'-]+\s+){{0,3}}?"
                       rf"{whole}\w*\s+{_GROUP}\b", sentence, re.IGNORECASE)  # fmt: skip
    return bool(counts or within) and all(set(between.lower().split()) - _NOT_NARROWING for between in counts)


# "How many species of rodents are there?" is not answered by the species of a group within the
# whole, counted in that group's article: "The Muridae … are … the largest family of rodents …,
# containing approximately 870 species", "Hamsters are rodents belonging to the subfamily
# Cricetinae, which contains 19 species"
_WITHIN = re.compile(
    r"(?:\b(?:family|subfamily|superfamily|genus|order|suborder|infraorder|class|group|clade|tribe|branch|kind|type|"
    r"member)s?\s+of\s+(?:the\s+)?|\b(?:is|are)\s+(?:an?\s+)?)(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# an article opening with a short definition: "Gnathostomata are jawed vertebrates." (not "Bovidae is the
# biological family of cloven-hoofed, ruminant mammals that includes …": what it belongs to)
_DEFINITION = re.compile(r"[^.;,]{1,60}?\b(?:is|are)\s+[^.;,]{1,40}\.(?=\s|$)")
# a count in figures or words ("870 species", "Four extant species")
COUNT = rf"(?:\d[\d,.]*|\b(?:{'|'.join(w for w in WORD_NUMBERS if w != 'twice')}|several)\b)"


def asks_count_of_a_whole(question: str) -> bool:
    """Does ``question`` ask "how many <noun> of <whole>" (read by :func:`counts_a_group_within`)?"""
    return bool(_OF_WHOLE_Q.search(question.lower()))


def counts_a_group_within(frame: QuestionFrame, sentence: str, title: str, article: str = "") -> bool:
    """For "How many species of rodents …?": does ``sentence``, in an article whose ``title`` (or whose
    ``article`` opens by defining it: "Gnathostomata are jawed vertebrates.") does not name the whole,
    count the noun with the whole unnamed ("Six subfamilies comprising … 54-67 species" in the Boidae's)
    or named only as what its subject belongs to ("family of rodents", "are rodents")? A count "of
    rodents" is read by :func:`counts_a_narrower_kind`."""
    asked = _OF_WHOLE_Q.search(frame.question.lower())
    if frame.kind != "number" or not asked or not title:
        return False
    noun, whole = (re.escape(_singular(word)) for word in asked.groups())
    noun_counted = re.search(rf"{COUNT}\s+(?:[\w-]+\s+)?{noun}", sentence, re.IGNORECASE)
    defined = _DEFINITION.match(article.split("\n\n", 1)[-1])  # the summary's first words, a short "X are Y."
    if re.search(rf"\b{whole}", f"{title} {defined.group() if defined else ''}", re.IGNORECASE) or not noun_counted:
        return False
    # "… of which approximately 369,000 are flowering plants" counts the whole
    if re.search(rf"\b{noun}\w*\s+of\s+(?:[\w’'-]+\s+){{0,4}}?{whole}|{COUNT}\s+(?:are|were)\s+{whole}", sentence,
                 re.IGNORECASE):  # fmt: skip
        return False
    mentions = [m.start() for m in re.finditer(rf"\b{whole}", sentence, re.IGNORECASE)]
    return all(_WITHIN.search(sentence[:start]) for start in mentions)  # none: the count is the title's


def counts_another_noun(frame: QuestionFrame, sentence: str) -> bool:
    """For "How many verses does the Quran have?": does ``sentence`` name the counted noun with no
    number of it while its numbers count other things ("organized in 114 chapters which consist of
    individual verses"), or give a number but never name the lower-case noun counted ("How many
    nephrons does each kidney contain?" is not answered by "the kidneys are two … organs")?"""
    if frame.kind != "number" or not frame.count_terms or frame.count_terms & _GROUPS:
        return False
    tokens, stems = number_tokens(sentence)
    if not frame.count_terms & set(stems):
        asked = _COUNTED_LOWER_Q.search(frame.question)
        return bool(asked and not _UNIT_LIKE.search(asked.group(1)) and _CARDINAL.search(sentence))
    if counted(sentence, frame):
        return False
    return any(
        is_number(tokens, i) and (noun := _counted_at(tokens, i + 1)) < len(tokens) and tokens[noun].endswith("s")
        and stems[noun] not in frame.count_terms | MEASURE_WORDS
        for i in range(len(tokens))
    )  # fmt: skip


# "nine other authors have written … Bond novels": the noun a number counts comes after these
_BEFORE_THE_NOUN = frozenset("other more further additional different distinct separate new".split())


def _counted_at(tokens: list[str], at: int) -> int:
    """Where the noun a number counts is: at ``at`` or after "other", "more" … ("nine other authors")."""
    while at < len(tokens) - 1 and tokens[at] in _BEFORE_THE_NOUN:
        at += 1
    return at


# "how many nephrons": a lower-case noun counted, not a unit ("How many terawatt-hours …": "4,210 TWh") nor
# a name ("How many of Martin Scorsese's films")
_COUNTED_LOWER_Q = re.compile(r"\bhow many (?!(?:of|the|more|fewer|other)\b)((?-i:[a-z])[\w-]*)", re.IGNORECASE)
_UNIT_LIKE = re.compile(
    r"-|degree|watt|hour|joule|calorie|byte|met(?:er|re)|mile|gram|tonne|lit(?:er|re)|volt|newton|pascal|kelvin"
    r"|percent|acre|hectare|feet|foot|inch|yard|second|minute|day|week|month|year|decade|centur",
    re.IGNORECASE,
)
# a figure that may count something: not a year, an ordinal or a digit inside a word ("published in 1567",
# "a 16th-century novel", the tones of "Fêng1-shên2")
_CARDINAL = re.compile(
    rf"(?<![\w,.])(?!(?:{_YEAR.pattern})\b)\d[\d,.]*(?![\w])|{_COUNT_WORDS}\b(?! of\b)", re.IGNORECASE
)
# people counted under many names ("8,000 soldiers" for "how many troops"): another noun may be theirs
_GROUPS = frozenset(
    content_words(
        "troops soldiers forces fighters personnel men women people persons workers residents inhabitants citizens "
        "casualties members players employees staff students children civilians victims refugees"
    )
)


# "How many Wimbledon singles titles …": a count of a kind a name qualifies, its noun in lower case
_NAMED_KIND_COUNT_Q = re.compile(
    rf"\b(?i:how many) ((?:{UPPER}[\w’'.-]*\s+)+)((?:[a-z][\w-]*\s+){{0,2}}?[a-z][\w-]*s)\s+"
    r"(?:did|does|do|has|have|had|are|were|is|was|can|could|will|would)\b"
)


def counts_without_the_named_kind(frame: QuestionFrame, sentence: str) -> bool:
    """For "How many Wimbledon singles titles did Steffi Graf win?": does ``sentence`` leave the name
    out and count the noun only with words between ("107 singles titles", "22 major women's singles
    titles": all of them, the majors)? A bare count ("50 states" for "How many US states …") may
    still be the asked kind's."""
    asked = _NAMED_KIND_COUNT_Q.search(frame.question) if frame.kind == "number" else None
    if not asked or any(name.lower() in sentence.lower() for name in asked.group(1).split()):
        return False
    noun = re.escape(asked.group(2).split()[-1][:-1])
    between = re.findall(rf"\d[\d,.]*((?:\s+[\w’'-]+){{0,4}}?)\s+{noun}s?\b", sentence)
    return bool(between) and all(words.strip() for words in between)
