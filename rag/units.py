"""Units: how a question asks for a kind of value and how a sentence states one.

"how far" asks for a length and "5 km" states one; "in miles?" asks for miles. Read by the
question frame (what is asked) and by the answerability features and rules (what a sentence
states). Extremes ("the highest mountain") are rag.extremes's.
"""

from __future__ import annotations

import re

from rag.text import entity_share, name_key

# things whose "how long" is a length: a coastline, a border, a river, a road, a lane
_LONG_THINGS = (
    r"coast(?:line)?|shoreline|border|boundary|frontier|river|canal|tunnel|bridge|road|highway|motorway|street"
    r"|railway|railroad|pipeline|runway|lane|track|trail|wall|fence|beach|reef|peninsula|island|lake|valley"
    r"|body|tail|neck|beak|snout|wing|fin|leg|arm|horn|tusk|leaf|stem|root|hair|pool|field|pitch|court"
)
# A number question's unit class, from its wording: "how far" wants a distance, "how old" an age.
_UNIT_Q = (
    # "How much of the universe's elemental mass is helium?": a share, not a mass
    ("percent", re.compile(r"\bhow much of\b")),
    ("length", re.compile(
        # (not "What range of audio frequencies …": a span of another measure; "the range of the missile" is one)
        r"\bhow (?:far|deep|tall|high|wide)\b|\brange\b(?! of (?!(?:the|its|their|this|that|a|an)\b))"
        r"|\b(?:distance|height|length|depth|diameter|radius|circumference|elevation|altitude|wingspan)\b"
        # "How long is Monaco's coastline?", "How long is a lane?": a length, not how long it lasts (nor
        # "How long is the life of a leaf?")
        rf"|\bhow long (?:is|was|are|were) (?:(?!of\b)[\w'’-]+ ){{0,5}}?(?:{_LONG_THINGS})s?\b"
    )),
    ("time", re.compile(r"\bhow long\b(?! is the| was the)|\b(?:duration|half-life|life ?span|life expectancy)\b")),
    ("extent", re.compile(r"\bhow long (?:is|was) the\b")),  # "how long is the Sorna / the war": a length or a time
    ("age", re.compile(r"\bhow old\b|\bage\b")),
    ("percent", re.compile(r"\bpercentage\b|\bwhat share\b|\bproportion\b|\bper ?cent\b")),
    # not "the population of the Kell metropolitan area": a place's name, not its measure
    ("area", re.compile(r"(?<!metropolitan )(?<!metro )(?<!urban )\barea\b|\bhow (?:big|large) an? area\b")),
    ("weight", re.compile(r"\bhow heavy\b|\bweigh(?:s|ed|t)?\b|\bmass\b")),
    ("speed", re.compile(r"\bhow fast\b|\bspeed\b|\bvelocity\b")),
    ("population", re.compile(r"\bpopulation\b|\bhow many (?:people|inhabitants|residents) (?:live|lived|are there)")),
    # "What is the melting point of X?" is not answered by X's formula's "20.19% by mass"
    ("temperature", re.compile(r"\btemperatures?\b|\b(?:melting|boiling|freezing|flash) point\b|\bhow (?:hot|cold)\b")),
)
# "… in miles?", "… in dollars?": the unit the answer must be stated in — how a question asks
# for it and how a sentence states it, one row per unit.
_ASKED_UNITS = {
    key: (re.compile(rf"\bin (?:{asked})\b"), re.compile(stated, re.IGNORECASE))
    for key, asked, stated in (
        ("km", r"km|kilomet(?:er|re)s?", r"\d\s*km\b|kilomet"),
        ("mile", r"miles?", r"\bmiles?\b|\d\s*mi\b"),
        ("metre", r"met(?:er|re)s?", r"\d\s*m\b|\bmet(?:er|re)s?\b"),
        ("feet", r"feet|ft", r"\bfeet\b|\d\s*ft\b"),
        ("dollar", r"dollars?|usd", r"\$|\bdollars?\b|\busd\b"),
        ("euro", r"euros?", r"€|\beuros?\b"),
        ("pound", r"pounds?", r"£|\bpounds?\b"),
        ("percent", r"percent|per cent", r"%|\bper ?cent\b"),
    )
}
_TIME_UNITS = r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century"
UNIT_WORDS = {
    "money": re.compile(r"[$€£¥]|\b(?:euros?|dollars?|pounds?|yen|yuan|rubles?|roubles?|hryvnias?|francs?|usd|eur|"
                        r"gbp|rupees?|pesos?|won|million|billion|trillion)\b", re.IGNORECASE),
    # an astronomical distance is a length too ("at only 25 light-years from the Sun")
    # and the small lengths a cell, a seed or a fruit is measured in ("10–50 μm", "about 5 mm")
    "length": re.compile(r"\d\s*(?:km|kilomet(?:er|re)s?|miles?|mi|met(?:er|re)s?|m|feet|ft|foot|yards?|"
                         r"nautical miles?|light[- ]years?|parsecs?|au|astronomical units?|"
                         r"[μµ]m|nm|mm|cm|inch(?:es)?|(?:micro|nano|milli|centi)met(?:er|re)s?)\b",
                         re.IGNORECASE),
    "time": re.compile(rf"\b(?:{_TIME_UNITS})\b", re.IGNORECASE),
    # a thing's age is how long ago it formed: "fossils … date to 75 million years ago"
    "age": re.compile(r"\b(?:aged|age of|years? old|\d+-year-old|born|years? ago)\b|\bages?\s+\d", re.IGNORECASE),
    "percent": re.compile(r"%|\bper ?cent\b", re.IGNORECASE),
    "area": re.compile(r"\bsquare (?:kilomet|miles?|met)|\bkm2|\bkm²|\bhectares?|\bacres?\b", re.IGNORECASE),
    "weight": re.compile(r"\d\s*(?:kg|g|lbs?|oz|t)\b|\b(?:kilo(?:gram)?s?|grams?|pounds?|ounces?|tonnes?|tons?)\b",
                         re.IGNORECASE),
    # "at the rate of 0.47 arcseconds per year, or 15 metres per year": a distance per any time
    "speed": re.compile(r"\b(?:km/h|kph|mph|knots?|m/s)\b|\bmach\b|per (?:hour|second)|"
                        r"\d\s*\S+\s+(?:per|a|an|each) (?:minute|day|week|month|year|annum|century)\b", re.IGNORECASE),
    "temperature": re.compile(r"°|\bdegrees?\b|\bkelvin\b|\bcelsius\b|\bfahrenheit\b|\d\s*(?-i:K)\b", re.IGNORECASE),
    # "home to over 8 million people": not any number of people ("killed 12 people")
    "population": re.compile(r"\b(?:population|inhabitants|residents|citizens|people (?:live|lived|living))\b|"
                             r"\bhome to\b[^.;]{0,25}?\d[\d,.]*(?:\s+(?:million|billion))?\s+people\b", re.IGNORECASE),
}  # fmt: skip
# A length asked for by its dimension ("What is the maximum depth …", "What is their range?") and
# the words a sentence states that dimension with: a depth is not a surface elevation, a range not
# how far inside Russia a strike landed. An adjective ("a long-range strike", "deep-water") states none.
DIMENSIONS = {
    key: (re.compile(rf"\b(?:{asked})\b"), re.compile(rf"(?<![\w-])(?:{stated})(?![\w]*-)", re.IGNORECASE))
    for key, asked, stated in (
        # "What size range defines …" asks the bounds of a size, not how far something reaches
        ("range", r"(?<!size )(?<!age )(?<!price )(?<!temperature )(?<!frequency )(?<!wavelength )range",
         r"range|reach|up to\b|as far as\b|\w+ away\b"),
        ("depth", r"depth", r"depth|deep"),
        # a round thing's width is its diameter ("from 5 to 10 micrometres in diameter": dev25 p04)
        ("width", r"width", r"width|wide|breadth|across|narrow(?:est)?|separated by|apart|diamet(?:er|re)s?"),
        ("height", r"height|elevation|altitude",
         r"height|high|tall|elevation|altitude|rises?\b|rising|stands?\b|summit|above"),
    )
}  # fmt: skip


# "How deep is …" asks a depth — when a length is asked ("How high is the unemployment rate?" is not),
# and not how far into something ("How deep into Russia can Ukraine hit targets?" asks a distance)
_BY_ADJECTIVE = {"deep": "depth", "wide": "width", "tall": "height", "high": "height"}
_INTO = re.compile(r"\b(?:deep|high|wide)\s+(?:into|inside|within|behind|in)\b")


def asked_dimension(focus: str, unit: str = "", question: str = "") -> str:
    """The dimension a number question's focus asks for ("maximum depth" → "depth"; with a length
    ``unit``, "deep" → "depth", unless ``question`` asks how deep *into* something), or ""."""
    if unit == "length" and focus in _BY_ADJECTIVE:
        return "" if _INTO.search(question.lower()) else _BY_ADJECTIVE[focus]
    dimension = next((key for key, (asked, _) in DIMENSIONS.items() if asked.search(focus)), "")
    return "" if dimension == "range" and _VALUE_SPAN.search(question) else dimension


# "What range of (audio) frequencies …?", "… range of medium voltage": the span of a plural kind of value,
# not how far something reaches ("the range of the Iskander", "the range of ATACMS" are)
_VALUE_SPAN = re.compile(r"\brange of (?!(?:the|its|their|this|that|these|those|an?)\b)(?:[a-z]+ )?[a-z]+(?:s|age)\b")


def states_dimension(dimension: str, sentence: str) -> bool:
    """Does ``sentence`` state ``dimension`` ("281 m deep", "a depth of 281 m")? True for ""."""
    return not dimension or bool(DIMENSIONS[dimension][1].search(sentence))


def asked_unit(lower: str) -> str:
    """The unit a (lower-cased) question asks its answer to be given in ("in miles?" → "mile"), or ""."""
    return next((key for key, (asked, _) in _ASKED_UNITS.items() if asked.search(lower)), "")


def question_unit(lower: str, kind: str, money: bool) -> str:
    """The unit class a (lower-cased) number question's answer must carry ("length" for "how far"), or ""."""
    if money:
        return "money"
    if kind != "number":
        return ""
    return next((unit for unit, pattern in _UNIT_Q if pattern.search(lower)), "")


def has_unit(unit: str, sentence: str) -> bool:
    """Does ``sentence`` state a value of the unit class ``unit`` (always true for "")?"""
    if unit == "extent":
        return has_unit("length", sentence) or has_unit("time", sentence)
    return not unit or bool(UNIT_WORDS[unit].search(sentence))


# the measures no sentence states without its unit: "What is the melting point of X?" is not
# answered by X's "20.19% by mass", nor "What is its area?" by a population
_STRICT_UNITS = frozenset({"temperature", "percent", "area", "weight", "speed"})
_DIGIT = re.compile(r"\d")


# a share in words: "covering more than one-third of the world's land area", "two-thirds of", "half of"
_SHARE_IN_WORDS = re.compile(
    r"\b(?:(?:one|two|three|four|a)[- ](?:half|third|quarter|fifth|tenth)s?|half (?:of|the)|three[- ]quarters|one in"
    r" (?:two|three|four|five|six|ten)|(?:[a-z]+ty|one|two|three|four|five|six|seven|eight|nine|ten) per ?cent)\b",
    re.IGNORECASE,
)


def states_measure(kind: str, unit: str, sentence: str) -> bool:
    """For a number question (``kind``) asking a measure with a strict ``unit`` class: does
    ``sentence`` give a value of that class (a figure: "a specific point on the Celsius temperature
    scale" gives no melting point)? True for other questions."""
    if kind != "number" or unit not in _STRICT_UNITS:
        return True
    if unit == "percent" and _SHARE_IN_WORDS.search(sentence):
        return True
    return has_unit(unit, sentence) and bool(_DIGIT.search(sentence))


# "How long does a match last?", "How long did the flight take?": a time asked by its verb (not
# "How long is Shikoku?", whose unit class reads as a time but may be a length)
_LASTS_Q = re.compile(r"\bhow long\b.*\b(?:last(?:s|ed)?|take[ns]?|took|live[ds]?|reign(?:ed)?|rule[ds]?|ago)\b")
# a span of time stated by its years: "lasted from 1939 to 1945", "(141–87 BC)"; not "112–122 m"
_YEAR_SPAN = re.compile(
    r"\b\d{2,4}\s*[–—-]\s*\d{2,4}\b(?!\s*(?:(?:k?m|cm|mm|ft|yd|mi|kg|g|lb|t)\b|%|°))"
    r"|\bfrom\s+(?:[\w.]+\s+){0,2}\d{3,4}\b[^.;]*?\b(?:to|until|through)\s+(?:[\w.]+\s+){0,2}\d{2,4}\b"
)


# an amount of time: "80 minutes", "more than twenty years", "2.5 million years", "a month" (not "the
# nineteenth century", a time, not how long)
_DURATION = re.compile(
    r"(?:\d[\d,.]*|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|hundred|several|few|many))(?:\s+(?:hundred|thousand|million|billion))?"
    rf"[\s-]*(?:{_TIME_UNITS}|millenni(?:um|a))\b",
    re.IGNORECASE,
)


# "How many million years ago did the gibbons split …?", "How many years did he reign?": a count of
# a unit of time, which "a total of 20 species of gibbon" does not give
_HOW_MANY_TIMES_Q = re.compile(
    r"\bhow many (?:(?:hundred|thousand|million|billion) )?(?:years|months|weeks|days|hours|minutes|centuries|"
    r"decades|millennia)\b"
)
_AGED = re.compile(r"\b(?:aged?|age of)\s+\d", re.IGNORECASE)
# "hours of sunshine … at only 840 per year": the time unit named before the count of it
_UNITS_COUNTED = re.compile(rf"\b(?:{_TIME_UNITS}) of \w+\b[^.;]{{0,80}}?\d[\d,.]*\s+(?:per|a|each|every)\b", re.I)


def states_duration(kind: str, question: str, sentence: str) -> bool:
    """For a number ``question`` asking how long something lasts or how many units of time: does
    ``sentence`` give a time or a span of years? "How long does a match last?" is not answered by the
    size of its field, nor "How long does a performance last?" by "after the 33rd performance". True
    for others."""
    lowered = question.lower()
    if kind != "number":
        return True
    if _HOW_MANY_TIMES_Q.search(lowered):
        told = (_DURATION, _YEAR_SPAN, _AGED, _UNITS_COUNTED)
        return any(pattern.search(sentence) for pattern in told)
    if _LIFESPAN_Q.search(lowered) and not _LIFE.search(sentence):
        return False  # "How long do orangutans live?": not when they diverged from the other hominids
    takes = _TAKES_TO_Q.search(lowered)
    # (or as a period: "an orbital period of 11.86 years" for "How long does it take Jupiter to complete an orbit?")
    told = rf"\b(?:{re.escape(takes.group(1)[:5])}|t(?:ake|akes|aken|aking|ook)\b|period|duration)" if takes else ""
    if takes and not re.search(told, sentence, re.IGNORECASE):
        return False  # "How long does it take to recover from a cold?": not how long a cough lasts
    return not _LASTS_Q.search(lowered) or bool(_DURATION.search(sentence) or _YEAR_SPAN.search(sentence))


# "How long do orangutans live in the wild?", "What is the typical lifespan of a Siamese cat?": a lifespan
_LIFESPAN_Q = re.compile(r"\bhow long (?:do|does|did|can|could|may|will) (?:[\w-]+ ){1,4}?(?:live|survive)\b"
                         r"|\blife ?span of\b")
_LIFE = re.compile(r"\bliv(?:e|es|ed|ing)\b|\blife|\blongevity|\bage[ds]? (?:of )?\d|\byears? old\b", re.IGNORECASE)


# "How long does it usually take to recover …?": the time a deed takes, which a sentence tells with
# that deed or as a time taken
_TAKES_TO_Q = re.compile(
    r"\bhow long (?:does|did|do|will|would|can|should|may)\b[^?]*?\btake\b[^?]*?\bto ([a-z]{3,})\b"
)


# "How large is a typical bedroom?", "How big are blue whales?": the size of a kind of thing (in
# lower case, "a" or none before it), which only a measure states; "How big is Kell?" may be
# answered by its population, "How large is the army?" by a head count
_SIZE_Q = re.compile(
    r"^(?i:how (?:big|large) (?:is|are|was|were)) (?:an? |(?:the|a|an) (?:typical|average) )?"
    r"(?!(?:the|it|its|they|their|this|that|these|those)\b)[a-z]"
)
# a volume
_VOLUME = re.compile(r"\b(?:lit(?:er|re)s?|cubic|m3|m³|gallons?)\b", re.IGNORECASE)


# a size given as a count: "an average household size of 2.5", "groups of 10 to 20 people"
_COUNTED_SIZE = re.compile(
    r"\bsize\b[^.;]{0,40}?\d|\d[\d,.]*(?:\s*(?:[–-]|to)\s*\d[\d,.]*)?\s+(?:people|persons|members|individuals)\b",
    re.IGNORECASE,
)


def states_size(kind: str, question: str, sentence: str) -> bool:
    """For a number ``question`` asking how big a kind of thing is: does ``sentence`` give a length,
    an area, a weight, a volume or a size counted ("a household size of 2.5")? "One or two beds"
    is no bedroom's size. True for other questions."""
    if kind != "number" or not _SIZE_Q.match(question.strip()):
        return True
    measures = (UNIT_WORDS["length"], UNIT_WORDS["area"], UNIT_WORDS["weight"], _VOLUME, _COUNTED_SIZE)
    return any(measure.search(sentence) for measure in measures)


# a length stated as a height, a depth or a width: "the highest peak in Europe at 5,642 m", "at an
# elevation of 300 m", "a width of 2 km" (not "a high-speed line of 300 km", nor "deep into Russia, up
# to 300 km": a distance); or named after the figure: "1,200 m high", "the one-mile-wide (1.6 km) strait"
_HEIGHT_BEFORE = re.compile(
    r"\b(?:highest|peak|summit|elevation|altitude|height|tall|high|rises?|deep|depth|wide|width)\b(?!-)"
    r"(?!\s+(?:into|inside|within|behind)\b)[^.;,\d]{0,30}$",
    re.IGNORECASE,
)
# "3,000 kilometres (1,900 mi) deep within Earth" is how far into it, as "deep into" is in a question
_HEIGHT_AFTER = re.compile(
    r"\s*-?\s*(?:high|tall|deep(?!\s+(?:into|inside|within|beneath|below)\b)|wide|in (?:height|depth|width))\b(?!-)",
    re.IGNORECASE,
)


def gives_only_heights(unit: str, dimension: str, sentence: str) -> bool:
    """For a question asking a length that is no height, depth or width ("How long is the Caucasus?",
    "How far is …?"): are all the lengths in ``sentence`` heights, depths or widths ("… Mount Elbrus,
    the highest peak in Europe at 5,642 m")? False for other questions and sentences with no length."""
    if unit not in ("length", "extent") or dimension in ("height", "depth", "width"):
        return False
    plain = re.sub(r"\([^)]*\)", "", sentence)  # "5,642 m (18,510 ft)": the conversion is the same height
    lengths = [_around(plain, m) for m in UNIT_WORDS["length"].finditer(plain)]
    if not lengths:  # "the one-mile-wide (1.6 km) strait": only a spelled figure's conversion has digits
        lengths = [_around(sentence, m) for m in UNIT_WORDS["length"].finditer(sentence)]
    return bool(lengths) and all(_HEIGHT_BEFORE.search(lead) or _HEIGHT_AFTER.match(trail) for lead, trail in lengths)


def _around(sentence: str, figure: re.Match[str]) -> tuple[str, str]:
    """The text before ``figure`` (its digits left out) and after it; for a figure in brackets, the
    text around the brackets (a conversion says what the figure before it says)."""
    opened = sentence.rfind("(", 0, figure.start())
    closed = sentence.find(")", figure.end())
    if opened > sentence.rfind(")", 0, figure.start()) and closed >= 0:
        return sentence[:opened].rstrip(), sentence[closed + 1 :]
    return _figure_lead(sentence, figure.start()), sentence[figure.end() :]


def _figure_lead(sentence: str, start: int) -> str:
    """The text before the figure that ends at ``start`` + its unit (the figure's own digits left out)."""
    return re.sub(r"[\d,.\s]+$", "", sentence[: start + 1])


def states_asked_unit(asked_unit: str, sentence: str) -> bool:
    """Does ``sentence`` give a value in the unit the question asked for (always true for "")?"""
    return not asked_unit or bool(_ASKED_UNITS[asked_unit][1].search(sentence))


# a figure of the whole world: "Global production in 2025 was 344,000 tonnes", "sold worldwide"
# (not "a global high-tech hub": it describes the place)
_WORLD_AMOUNT = (
    r"(?:total|production|output|supply|consumption|demand|trade|exports?|imports?|market|sales|reserves|capacity"
    r"|harvest|catch)"
)
_GLOBAL = re.compile(
    rf"\b(?:global|world(?:'s|’s)?|worldwide)\s+{_WORLD_AMOUNT}\b"
    r"|\b(?:produced|production|output|sales|sold|grown|harvested|mined)\s+(?:globally|worldwide)\b",
    re.IGNORECASE,
)
_GLOBAL_Q = re.compile(r"\bglobal(?:ly)?\b|\bworldwide\b|\bworld\b|\bon earth\b", re.IGNORECASE)


def world_figure_for_a_place(question: str, names: tuple[str, ...], sentence: str) -> bool:
    """For a figure asked of a named place or producer ("How many tonnes of macadamia nuts did
    Australia produce?", ``names`` the question's): does ``sentence`` give the world's figure
    instead, naming none of them ("Global production in 2025 was 344,000 tonnes")?"""
    keys = [name_key(n) for n in names]
    return (
        bool(keys)
        and not _GLOBAL_Q.search(question)
        and bool(_GLOBAL.search(sentence))
        and entity_share(keys, sentence) == 0.0
    )


# "At what decibel level does sound become painful?", "How many hertz …": a unit of measure the
# question names (in lower case: "Hertz" and "Newton" are people), which a value in another unit ("20 Hz
# to 20 kHz" for decibels) does not give; the unit by its name or its symbol (a one-letter one after a figure)
_NAMED_UNITS = {
    unit: re.compile(stated)
    for unit, stated in (
        ("decibel", r"\bdecibels?\b|\bdB\b"),
        ("hertz", r"\bhertz\b|\b[kMG]?Hz\b"),
        ("kelvin", r"\bkelvins?\b|\d\s*K\b"),
        ("joule", r"\b(?:kilo|mega)?joules?\b|\d\s*[kM]?J\b"),
        ("watt", r"\b(?:kilo|mega|giga)?watts?\b|\d\s*[kMG]?W\b"),
        ("volt", r"\b(?:kilo)?volts?\b|\d\s*k?V\b"),
        ("calorie", r"\b(?:kilo)?calories?\b|\d\s*k?cal\b"),
        ("pascal", r"\b(?:kilo|mega|hecto)?pascals?\b|\d\s*[kMh]?Pa\b"),
        ("newton", r"\bnewtons?\b|\d\s*k?N\b"),
        ("knot", r"\bknots?\b|\d\s*(?:kn|kt)\b"),
        # "how many light-years are in one parsec" is not told by "a thousand parsecs or 3×1016 km"
        ("light-year", r"\blight[- ]?years?\b|\d\s*ly\b"),
        # "the total nominal GDP … in US dollars" is not told by "€18.802 trillion"
        ("dollar", r"\$|\bdollars?\b|\bUSD\b"),
        *((asked, r"\bparts per million\b|\bppm\b") for asked in ("parts per million", "ppm")),  # not "50% more"
    )
}
_NAMED_UNIT_Q = re.compile(rf"\b({'|'.join(_NAMED_UNITS)})s?\b")


def gives_another_unit(question: str, sentence: str) -> bool:
    """Does ``question`` ask a value in a unit it names ("what decibel level") while ``sentence``
    gives none in it ("… audio frequencies ranging from 20 Hz to 20 kHz")?"""
    asked = _NAMED_UNIT_Q.search(question)
    return bool(asked) and not _NAMED_UNITS[asked.group(1)].search(sentence)


# "At what age do children typically enter lower secondary education?" asks when it starts, which
# "compulsory, at least until the age of 16" (an end) does not tell
_START_AGE_Q = re.compile(r"\b(?:enter|enters|start|starts|begin|begins|join|joins|first)\b", re.IGNORECASE)
_AGE_STATED = re.compile(r"\b(?:age[ds]?|age of)\s+(?:about |around )?\d", re.IGNORECASE)
_UNTIL_AGE = re.compile(r"\b(?:until|till|up to|to)\s+(?:the\s+)?(?:age[ds]?|age of)\s+(?:about |around )?\d",
                        re.IGNORECASE)  # fmt: skip


def gives_the_age_it_ends(unit: str, question: str, sentence: str) -> bool:
    """For an age at which something starts: does ``sentence`` give ages only as ends ("until the
    age of 16")?"""
    if unit != "age" or not _START_AGE_Q.search(question):
        return False
    ages = len(_AGE_STATED.findall(sentence))
    return ages > 0 and ages == len(_UNTIL_AGE.findall(sentence))


# "What is the exact latitude of the Tropic of Cancer?" asks a value in degrees, which "the Earth's
# northernmost circle of latitude" does not give
_COORDINATE_FOCUS = frozenset({"latitude", "longitude", "coordinates", "coordinate"})
_DEGREES = re.compile(r"\d\s*°|\d\s*(?:degrees?|deg)\b|\d+\.\d+\s*[NSEW]\b", re.IGNORECASE)


def gives_no_coordinate(focus: str, sentence: str) -> bool:
    """Is a latitude or longitude asked (the question's ``focus``) of a sentence giving no degrees?"""
    return bool(focus) and focus.split()[-1] in _COORDINATE_FOCUS and not _DEGREES.search(sentence)
