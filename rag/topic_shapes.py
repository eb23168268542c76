"""The lower-case thing a question asks about, by the shape of its wording: "What is the melting point
of thulium?" asks of thulium, "How many people die from whooping cough …?" of whooping cough (read by
:func:`rag.topic.names_topic` for whole articles and by ``rag.rules`` for a sentence and its title)."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.judge import content_words

# "What is the melting point of thulium?", "How many species of stick insects are there (have been described)?",
# "How many tonnes of petrochemicals are produced each year?", "How long is the incubation period of chickenpox
# after exposure?": a thing named in lower case, with no article, whose measure or kind is asked ("the range
# of the missiles" points back to something named before; a capitalised name is an entity already)
_TOPIC_Q = re.compile(
    r"^(?i:(?:approximately |roughly |about )?(?:(?:(?:what|which)|how (?:long|big|large|deep|tall|high|heavy|wide|"
    r"old)) (?:is|are|was|were) the (?:[\w-]+ ){0,2}[\w-]+|how (?:many|much) [\w-]+(?: [\w-]+)?))"
    # ("of the world ocean", "of the world economy": the world's one, which points back to nothing)
    r" of (?:the world (?=[a-z-]+\s*\?))?(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|each|every|all)\b)"
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
    # (not any animal's or person's: "Which part of an animal's body …" asks of none)
    r"^(?i:what|which|how)\b[^?]*?\s(?:an? (?!(?:animal|person|human|organism|individual|plant)['’])([a-z][a-z-]+)"
    r"|(?i:is|are|was|were) ([a-z][a-z-]+))['’]s\s"
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


# "What potent toxin do some newts carry in their skin?": the lower-case things, some or most of a
# kind, whose deed or trait is asked (nicotine's "potent neurotoxin in insects" is not the newts'; "some people"
# are any: "Some men and women who practice celibacy …")
_SOME_OF_Q = re.compile(
    r"^(?i:what|which)(?: [\w-]+){0,3} (?:do|does|did) (?:some|most|many|all) "
    r"(?!(?:people|persons|men|women|humans|individuals)\b)([a-z][a-z-]+) (?:[a-z]+ly )?[a-z]+\b"
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

# "What is the typical blade length of a dagger?", "… the maximum weight a mahi-mahi can reach?", "What is
# the typical wingspan of the anhinga?": the measure of one of a kind (not a machete's blade, nor a caiman's
# weight, nor the flying fox's wingspan)
_MEASURE_OF_ONE_Q = re.compile(
    r"^(?i:what (?:is|are|was|were) the (?:[\w-]+ ){0,3}?(?:length|width|height|weight|size|lifespan|speed|"
    r"diameter|depth|mass|wingspan) (?:of )?(?:an?|one|the) )([a-z][a-z-]+)(?: (?:can|could|may|will) [a-z]+)?"
    r"(?: (?:in|at) (?:the )?[a-z]+)?\s*\??\s*$"  # "… of a koala in the wild" (not a common raven's)
)
# "How much does the pancreas of an adult human typically weigh?": the lower-case part of one of a kind
# whose measure is asked (a sea otter's weight is not the pancreas's)
_PART_OF_ONE_Q = re.compile(
    r"^(?i:how (?:much|long|big|large|heavy|tall|wide) (?:does|do|did|can|is|are) the )([a-z][a-z-]+) of (?:an?|one) "
    r"(?:[a-z-]+ ){0,2}?[a-z-]+ (?:[a-z]+ly )?(?:weigh|live|grow|last|measure)\b"
)
# "How many people die from whooping cough worldwide each year?": the disease or cause of the deaths
# counted (tobacco's "7 million people die from tobacco-related causes" are not)
_DIE_OF_Q = re.compile(
    r"^(?i:how many (?:[a-z]+ )?(?:people|persons|children|adults|patients) (?:[a-z]+ )?(?:die|died) (?:of|from) )"
    r"([a-z][a-z-]+(?: [a-z][a-z-]+)??)(?=\s*\?|\s+(?:worldwide|globally|each|every|per|annually|yearly|in|on)\b)"
)


@lru_cache(maxsize=256)  # read for the question, then for each of its candidates by two rules
def asked_topic(question: str) -> frozenset[str]:
    """The content words, but "first", of the lower-case thing ``question`` asks about (:func:`names_topic`)."""
    shapes = (
        _TOPIC_Q, _SUBJECT_Q, _MADE_Q, _HOLDS_Q, _DOES_Q, _WHEN_Q, _SHARE_Q, _OWNER_Q, _CAUSE_Q, _SOME_OF_Q, _BELONGS_Q,
        _SHARE_IS_Q, _ORIGIN_Q, _PRODUCER_Q, _DONE_TO_Q, _HOW_MANY_CAN_Q, _OWNED_Q, _OLDEST_OR_EACH_Q,
        _MEASURE_OF_ONE_Q, _DIE_OF_Q, _PART_OF_ONE_Q,
    )
    found = next(filter(None, (shape.match(question.strip()) for shape in shapes)), None)
    return frozenset(content_words(next(filter(None, found.groups())))) - {"first"} if found else frozenset()
