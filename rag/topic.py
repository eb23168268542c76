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
from functools import lru_cache

import numpy as np

from rag.frame import QuestionFrame
from rag.judge import content_words
from rag.person import PERSONAL_PRONOUN
from rag.text import entity_share, name_key

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


# "What is the melting point of thulium?", "How many species of stick insects are there (have been described)?",
# "How many tonnes of petrochemicals are produced each year?", "How long is the incubation period of chickenpox
# after exposure?": a thing named in lower case, with no article, whose measure or kind is asked ("the range
# of the missiles" points back to something named before; a capitalised name is an entity already)
_TOPIC_Q = re.compile(
    r"^(?i:(?:approximately |roughly |about )?(?:(?:(?:what|which)|how (?:long|big|large|deep|tall|high|heavy|wide|"
    r"old)) (?:is|are|was|were) the (?:[\w-]+ ){0,2}[\w-]+|how (?:many|much) [\w-]+(?: [\w-]+)?))"
    r" of (?!(?:the|a|an|this|that|these|those|its|their|his|her|our|each|every|all)\b)"
    r"([a-z][a-z-]+(?: (?!(?:called|named|exist)\b)[a-z][a-z-]+)?)"
    r"(?: (?:are|is|were|was|ha(?:ve|s) been) (?:[a-z]+ly )?(?:there|known|made|grown|sold|[a-z]+ed)| called| named)?"
    r"(?: (?:each|every|per|a) year| annually| worldwide| exist| (?:after|during|among) [^?]+)?\s*\??\s*$"
)


# "When were cryptomonads first described?", "When was paper invented?", "How many thousand years ago
# were cats first domesticated?": a lower-case thing whose
# date is asked, also as "the first fireplace" and with a place after the verb ("When did
# collectivization begin in the Soviet Union?"), and "When was the bayonet invented?" (an invention
# is a kind of thing); "When did the war end?" and "When was it built?" point back
_WHEN_Q = re.compile(
    r"^(?i:(?:roughly |about |approximately |around )?"
    r"(?:when|in what year|how (?:many|long) (?:(?:hundred|thousand|million) )?(?:years|centuries|millennia) ago))"
    r" (?:was|were|did) (?:an? |the (?:world['’]s )?first |the (?=[a-z]+ invented\b))?"
    r"(?!(?:the|this|that|these|those|it|its|they|he|she|we|you|i)\b)([a-z][a-z-]+(?: (?!first\b)[a-z][a-z-]+)?)"
    r" (?:first )?[a-z]+(?: (?:in|at|on|across|throughout|as) [^?]+)?\s*\??\s*$"
)


# "Which country is the world's largest producer of ruthenium?": the lower-case thing made or sold (not beans)
_PRODUCER_Q = re.compile(
    r"^(?i:(?:which|what) [\w-]+(?: [\w-]+)? (?:is|are|was|were) (?:now |currently )?the (?:world['’]s )?(?:[\w-]+ )?"
    r"(?:producers?|exporters?|importers?|consumers?|suppliers?|growers?|manufacturers?|sources?) of )"
    r"(?!(?:the|a|an|this|that|these|those|its|their)\b)([a-z][a-z-]+(?: [a-z][a-z-]+)?)\s*\??\s*$"
)


# "To what temperature is steel typically heated when it is annealed?": the lower-case thing a
# deed is done to (a fabric's ironing is not steel's)
_DONE_TO_Q = re.compile(
    r"^(?i:(?:to |at |in |by )?(?:what|which) [\w-]+(?: [\w-]+)? (?:is|are|was|were) )"
    r"(?!(?:it|this|that|these|those|they|he|she|its|their|the|an?|most|more)\b)(?![a-z]+ly\b)"
    r"([a-z][a-z-]+(?: (?![a-z]+ly\b)[a-z][a-z-]+)?) (?:[a-z]+ly )?[a-z]+ed\b"
)


# "What percentage of Earth's land is considered wilderness?": the lower-case thing a share is
# said to be ("31% of Earth's land surface is covered by forests" is no wilderness's share)
_SHARE_IS_Q = re.compile(
    r"^(?i:what|which) (?:share|proportion|percentage|fraction|portion|part) of [^?]+? (?:is|are|was|were) "
    r"(?:still |now |currently |today )?(?:considered|classified as|designated as|regarded as|covered (?:by|with|in)"
    r"|made up of|composed of) (?!(?:the|a|an|it|this|that|they|its|their)\b)([a-z][a-z-]+(?: [a-z][a-z-]+)?)"
    r"\s*\??\s*$"
)


# "From which epoch do the earliest known pinniped fossils date?": the lower-case things whose origin
# is asked (fossils of the late Cretaceous are not the pinnipeds')
_ORIGIN_Q = re.compile(
    r"^(?i:(?:from |to |in )?(?:which|what)(?: [\w-]+){0,2} (?:do|does|did) (?:the )?(?:earliest|oldest|first)"
    r"(?: known)? )([a-z][a-z-]+(?: [a-z][a-z-]+)?) (?:date|come|originate|stem|appear)\b"
)


# "What share of the world economy does manufacturing account for?": the lower-case thing whose
# share is asked (China's share is not manufacturing's)
_SHARE_Q = re.compile(
    r"^(?i:what|which) (?:share|proportion|percentage|fraction|portion) of [^?]+? (?:does|do|did) (?:an? )?"
    r"(?!(?:it|this|that|they|he|she|its|their)\b)([a-z][a-z-]+(?: [a-z][a-z-]+)?)"
    r" (?:account|make|represent|contribute|produce|generate|use|consume)\b"
)


# "What vaccine is used to protect against tuberculosis?", "How many people die from tuberculosis each year?",
# "What share of the world's electricity is generated by solar power?": the lower-case thing (no article: "from
# the war" points back) that protects, kills or makes what is asked (not one set apart "from ordinary conflict")
_CAUSE_Q = re.compile(
    r"^(?i:what|which|how many|how much)\b(?:(?!separat|distinguish|differ)[^?])*? (?:by|from|against) "
    r"(?!(?:the|a|an|this|that|these|those|it|its|their|his|her|them|which|whom|what|behind|above|below|within|"
    r"outside|inside|abroad|afar|home|here|there|now|then|scratch)\b)"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+)?)(?: (?:each|every|per|a) year| annually| worldwide)?\s*\??\s*$"
)


# "What colour are a housefly's eyes?", "What is talc's hardness?": a lower-case owner, with "a" or
# bare after the verb ("the war's toll" points back; "which religious group's children" asks the owner)
_OWNER_Q = re.compile(
    r"^(?i:what|which|how)\b[^?]*?\s(?:an? ([a-z][a-z-]+)|(?i:is|are|was|were) ([a-z][a-z-]+))['’]s\s"
)


# "How much does a stoat weigh?", "How long do domestic rabbits live?": a lower-case thing (with "a"
# or none: "the war" points back) whose measure is asked by the verb after it, past "typical" and a
# word or two ("How far can a typical infrared remote control signal reach?": a control signal)
_SUBJECT_Q = re.compile(
    r"^(?i:how (?:much|long|tall|big|large|heavy|fast|far|old|many [\w-]+)) (?:does|do|did|can|could|is|are) "
    r"(?:an? )?(?:typical |average )?(?:(?!(?:the|its|their|this|that)\b)[a-z][a-z-]+ ){0,2}?"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+)?) (?:weigh|live|grow|last|run|fly|swim|measure|reach|get)\b"
)


# "Who founded quantum chemistry?", "Who coined the term epistemology?", "Who invented the
# telephone?": a lower-case thing whose maker is asked ("Who founded it?" points back), also past
# "the first" and one more word ("Who built the first working steam locomotive?")
_MADE_Q = re.compile(
    r"^(?i:(?:who|which [a-z]+) (?:first )?(?:[a-z]+ed|wrote|built|made|drew|coined))"
    r" (?:the (?:first |earliest )?(?:(?:term|word|name|concept|idea|phrase) )?)?"
    r"(?!(?:it|this|that|these|those|them|its|their|his|her)\b)(?:[a-z][a-z-]+ )??"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+)?)\s*\??\s*$"
)


# "How many cards are in a tarot deck?", "How many bones does a cat have?": the lower-case thing
# whose parts are counted ("in the deck" points back)
_HOLDS_Q = re.compile(
    r"^(?i:how many [\w-]+(?: [\w-]+)? (?:are|is|were|was) (?:there )?(?:in|on) (?:an?|one|each|every)"
    r"|how many [\w-]+(?: [\w-]+)? (?:does|do|did) (?:an?|one|each|every))"
    r" ([a-z][a-z-]+(?: [a-z][a-z-]+)?)(?: (?:have|has|hold|contain|include))?\s*\??\s*$"
)


# "How much electricity does a typical coal power station generate?": the lower-case thing, after
# "a" and past "typical", whose output or use is asked by the verb after it; "How many joules is
# one electronvolt?": the unit converted
_DOES_Q = re.compile(
    r"^(?i:how (?:much|many) [\w-]+(?: [\w-]+)? (?:does|do|did) (?:an?|one|each|every) (?:typical |average )?)"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+){0,2}) [a-z]+\s*\??\s*$"
    r"|^(?i:how many [\w-]+ (?:is|are|make|equal|in) (?:one|an?)) ([a-z][a-z-]+(?: [a-z][a-z-]+)?)\s*\??\s*$"
)


def names_topic(question: str, articles: list[str]) -> np.ndarray:
    """For each of ``articles``: does it name the lower-case thing ``question`` asks a measure,
    kind, maker, parts or date of ("thulium", "stick insects", "a stoat", "quantum chemistry", "a
    tarot deck", "cryptomonads")? All true when it asks of no such thing."""
    topic = asked_topic(question)
    return per_article(articles, lambda text: not topic or topic <= set(content_words(text)))


# "What potent toxin do some newts carry in their skin?": the lower-case things, some or most of a
# kind, whose deed or trait is asked (nicotine's "potent neurotoxin in insects" is not the newts')
_SOME_OF_Q = re.compile(
    r"^(?i:what|which)(?: [\w-]+){0,3} (?:do|does|did) (?:some|most|many|all) ([a-z][a-z-]+) (?:[a-z]+ly )?[a-z]+\b"
)


# "To which fish family do remoras belong?": the lower-case things whose kin is asked (the tuna's
# "the Scombridae (mackerel) family" is not the remoras')
_BELONGS_Q = re.compile(
    r"^(?i:(?:to )?(?:which|what) [\w-]+(?: [\w-]+)? (?:do|does|did) )"
    r"(?!(?:it|this|that|these|those|they|he|she|its|their|the)\b)([a-z][a-z-]+(?: [a-z][a-z-]+)?) belongs?\b"
)


# "How many years can the oldest cycads live?": the lower-case things (a plural) whose count or
# measure is asked (a shrub's "live beyond 70 years" is not the cycads')
_HOW_MANY_CAN_Q = re.compile(
    r"^(?i:how (?:much|many) [\w-]+(?: [\w-]+)? (?:do|did|can|could|will|would|may|might) "
    r"(?:the |most |some |all )?(?:[a-z]+est )?)([a-z][a-z-]+s) [a-z]+\s*\??\s*$"
)


# "What are the names of Odin's two ravens?", "How old is the oldest drum ever found?", "How long is
# each quarter in a game?": the lower-case thing of a name, of the oldest or of each, whose name or
# measure is asked (Odin's "hundreds of names and titles", the oldest tick fossils, the season's weeks are not)
_OWNED_Q = re.compile(
    r"^(?i:(?:what|which) (?:is|are|was|were) the (?:names?|titles?) of )[A-Z][\w-]*[’']s "
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|first|last|only) )?([a-z][a-z-]+)\s*\??\s*$"
)
_OLDEST_OR_EACH_Q = re.compile(
    r"^(?i:how old (?:is|are|was|were) the oldest (?:known )?([a-z][a-z-]+)\b"
    r"|how (?:long|big|large|tall|heavy|old|wide|deep) (?:is|are|was|were) (?:each|every) ([a-z][a-z-]+)\b)"
)

# "What is the typical blade length of a dagger?", "… the maximum weight a mahi-mahi can reach?": the
# measure of one of a kind (not a machete's blade, nor a caiman's weight)
_MEASURE_OF_ONE_Q = re.compile(
    r"^(?i:what (?:is|are|was|were) the (?:[\w-]+ ){0,3}?(?:length|width|height|weight|size|lifespan|speed|"
    r"diameter|depth|mass|wingspan) (?:of )?(?:an?|one) )([a-z][a-z-]+)(?: (?:can|could|may|will) [a-z]+)?\s*\??\s*$"
)


@lru_cache(maxsize=256)  # read for the question, then for each of its candidates by two rules
def asked_topic(question: str) -> frozenset[str]:
    """The content words, but "first", of the lower-case thing ``question`` asks about (:func:`names_topic`)."""
    shapes = (
        _TOPIC_Q, _SUBJECT_Q, _MADE_Q, _HOLDS_Q, _DOES_Q, _WHEN_Q, _SHARE_Q, _OWNER_Q, _CAUSE_Q, _SOME_OF_Q, _BELONGS_Q,
        _SHARE_IS_Q, _ORIGIN_Q, _PRODUCER_Q, _DONE_TO_Q, _HOW_MANY_CAN_Q, _OWNED_Q, _OLDEST_OR_EACH_Q,
        _MEASURE_OF_ONE_Q,
    )
    found = next(filter(None, (shape.match(question.strip()) for shape in shapes)), None)
    return frozenset(content_words(next(filter(None, found.groups())))) - {"first"} if found else frozenset()


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
    "khanate sultanate caliphate emirate duchy principality shogunate tsardom confederacy".split()
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
    r"(?:([a-z]{3,} [a-z]{3,})(?= (?:in|on|of)\b|\W*$)|([a-z]{3,})\b)"
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
    neither ``title`` nor ``before`` is known (a passage alone)."""
    if frame.kind != "date" or not frame.entities or not (title or before):
        return True
    return entity_share([name_key(e) for e in frame.entities], f"{title} {before} {sentence}") > 0
