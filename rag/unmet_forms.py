"""Sentences that lack the form of answer the question's wording asks for: a scientific name ("What
is the scientific name of the Eurasian magpie?" answered by "The Eurasian magpie or common magpie is a
resident breeding bird …"), a title ("What is the title of the book in which Gaddafi set out his
Third International Theory?" answered by "… ruled according to his own Third International Theory"),
a taxon of the rank asked ("To which family do the box turtles of the genus Terrapene belong?"
answered by "… species of the genus Terrapene") and a period or era ("During which historical period
did the trust first develop?" answered by a definition of the parties to a trust), and a place asked by
where it lies from another ("Which capital city lies across the Congo River from Kinshasa?" answered by
"Kinshasa … is the capital and largest city of the Democratic Republic of the Congo"); the figure of
a place asked by its kind ("the oblast whose centre is Yekaterinburg" by the city's own figure), the
measure of a part told by what it does (the stretch forming a border by the whole river's length), a
place within a country named by its adjective ("In which German city …" by "… its roots in Germany").
Each is a rule after the model, read
by :func:`rag.rules.can_answer`; none changes what the features read.
"""

from __future__ import annotations

import re

from rag.judge import content_words
from rag.text import ORDINAL_WORDS, QUOTED_PHRASE, name_key

# "What is the scientific name of …", "its scientific (binomial) name", "the Latin name of the plant"
_SCIENTIFIC_Q = re.compile(
    r"\b(?:scientific|binomial|binominal|latin|botanical|zoological)\b[^?.,]{0,15}?\bnames?\b", re.IGNORECASE
)
# a scientific name given: said so, a taxon's Latin name ("Bucerotidae"), a binomial written out ("Pica
# pica", "Rhincodon typus", "Homo sapiens": a capitalised word, not a common sentence opener, and a
# lower-case Latin-looking one; "The magpie" is none) or abbreviated ("P. pica")
_SCIENTIFIC = re.compile(
    r"\b(?:scientific|binomial|binominal|Latin|botanical|specific) names?\b|\bgenus\s+[A-Z]"
    r"|\b[A-Z][a-z]+(?:idae|aceae|inae|oidea|iformes|ales|phyta|mycota)\b"  # a family's or an order's: "Bucerotidae"
    r"|\b[A-Z]\.\s[a-z]{3,}\b"
    r"|\b(?!(?:The|A|An|In|It|Its|This|These|Those|They|He|She|As|At|On|Of|For|By|With|From|Some|Most|Many|All|Both"
    r"|Each|Despite|Nearly|Although|While|When|Unlike|Like|After|Before|During|Since|Until|Among|Other|Such|Only"
    r"|Several|Few|One|Two|Three|Their|His|Her|Our|Your|There|Here|Because|However|Also|Europe|Africa|Asia"
    r"|America|Australia)\b)[A-Z][a-z]{2,}\s[a-z]{3,}(?:us|a|um|is|ae|ii|i|ensis|ica|ata|ides|oides|ens|ans|or|ax|ix)\b"
)


def no_scientific_name(question: str, sentence: str) -> bool:
    """For a scientific (binomial, Latin) name asked: does ``sentence`` give none?"""
    return bool(_SCIENTIFIC_Q.search(question)) and not _SCIENTIFIC.search(sentence)


# "What is the title of the book in which …", "the name of the lecture …"
_TITLED_KINDS = (
    r"book|novel|novella|lecture|essay|paper|film|movie|album|song|poem|play|treatise|work|thesis|dissertation|speech|"
    r"painting|opera|symphony|memoir|autobiography|manifesto|article|journal|magazine|newspaper|series|programme|"
    r"program|report|sermon|pamphlet|collection|anthology|epic|musical|ballet|sculpture|game|single|story"
)
_TITLE_Q = re.compile(
    # (or of a named owner's: "the title of Friedrich Hayek's best-known book")
    rf"\b(?:title|name) of (?:the|his|her|its|their|a|an|this|that|(?:[A-Z][\w’'-]* ){{0,3}}[A-Z][\w’'-]*['’]s) "
    rf"(?:[\w’'-]+ ){{0,2}}?(?:{_TITLED_KINDS})s?\b",
    re.IGNORECASE,
)
# a title given: in quotation marks, after the kind's word ("his 1651 book Leviathan", "a poem called
# 'Ozymandias'"), after "titled" or where a work was published; or a run of two or more capitalised words
# ("On the Origin of Species")
_AFTER_KIND = re.compile(
    rf"\b(?:(?:{_TITLED_KINDS})s?|titled|entitled|called|named),?\s+(?:(?:the|a|an)\s+)?[A-Z\"“‘']"
    # or before it: "the Earthsea fantasy series"
    rf"|\b(?:the|his|her|its|their)\s+(?-i:[A-Z])[\w’'-]+\s+(?:(?!(?:for|on|in|at|to|of|with|by|from)\b)[a-z]+\s+)?"
    rf"(?:{_TITLED_KINDS})s?\b"
    # or where it was published: "he published his observations in Micrographia"
    r"|\b(?:published|wrote|written|released|issued|authored|printed)\b[^.;]{0,50}?\b(?:in|as)\s+(?:the\s+)?[A-Z]"
)
_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|the|and|to|de|la|le|des|von|der)\s+)*[A-Z][\w’'-]*)+")


def no_title_named(question: str, sentence: str) -> bool:
    """For the title of a book (lecture, film …) asked: does ``sentence`` give none — no quoted
    title, none after the kind's word, and no run of capitalised words the question does not
    already hold (the question's "Third International Theory" is not the book's title)?"""
    if not _TITLE_Q.search(question):
        return False
    if QUOTED_PHRASE.search(sentence) or _AFTER_KIND.search(sentence):
        return False
    asked = set(content_words(" ".join(re.findall(r"(?<=\s)[A-Z][\w’'-]*", question))))
    runs = (run for run in _RUN.finditer(sentence) if _may_be_a_title(run))
    return not any(not set(content_words(run.group())) & asked for run in runs)


# a run that may be a title: with a joining word ("On the Origin of Species", "War and Peace") or of three
# words or more, but not a prize's, a body's or a realm's name ("the Nobel Memorial Prize"); a person's
# name ("Gunnar Myrdal") is none
_NO_TITLE = re.compile(r"\b(?:Prize|Award|Medal|University|Institute|Society|Academy|Church|Party|Republic|Kingdom|"
                       r"Empire|Union|Company|Council|States)\b")


def _may_be_a_title(run: re.Match[str]) -> bool:
    words = run.group().split()
    joined = any(w in ("of", "the", "and", "to") for w in words[1:-1])
    return (joined or len(words) >= 3) and not _NO_TITLE.search(run.group())


# "To which taxonomic family do box turtles belong?", "Which order is the aardvark placed in?" (not
# "Which family ruled Florence?": a family of people)
_TAXON_Q = re.compile(
    r"\b(?:which|what) (?:taxonomic |biological |scientific |plant |animal )?"
    r"(family|subfamily|superfamily|order|suborder|genus|class|phylum|division|tribe)\b",
    re.IGNORECASE,
)
_CLASSIFIED = re.compile(r"\b(?:belong|placed|classified|classed|member|taxonomic|part of|included in)", re.IGNORECASE)
# the rank named by its word or by its Latin ending ("Emydidae", "Rubiaceae", "Passeriformes", "Liliales")
_RANK_NAMED = {
    "family": r"famil(?:y|ies)|[A-Z][a-z]+(?:idae|aceae)\b",
    "subfamily": r"subfamil(?:y|ies)|[A-Z][a-z]+inae\b",
    "superfamily": r"superfamil(?:y|ies)|[A-Z][a-z]+oidea\b",
    "order": r"orders?\b|[A-Z][a-z]+(?:iformes|ales)\b",
    "suborder": r"suborders?\b",
    "genus": r"genus|genera\b",
    "class": r"class(?:es)?\b",
    "phylum": r"phyl(?:um|a)\b",
    "division": r"divisions?\b",
    "tribe": r"tribes?\b|[A-Z][a-z]+ini\b",
}


def no_taxon_of_the_rank(question: str, sentence: str) -> bool:
    """For the taxon something belongs to asked by rank ("To which family …?"): does ``sentence``
    name no taxon of that rank (a genus for a family)?"""
    asked = _TAXON_Q.search(question)
    if not asked or not _CLASSIFIED.search(question):
        return False
    return not re.search(rf"\b(?:{_RANK_NAMED[asked.group(1).lower()]})", sentence, re.IGNORECASE)


# "During which historical period did the trust first develop?", "In what era …", "Which geological epoch …"
_PERIOD_Q = re.compile(
    r"(?<!\bover )(?<!\bfor )(?<!\bwithin )(?<!\bacross )"  # "Over what period does it fade?" asks a duration
    r"\b(?:which|what) (?:historical |historic |geological |geologic |time |art |artistic |literary |cultural )?"
    r"(?:period|era|epoch)s?\b",
    re.IGNORECASE,
)
# a time told: a figure (a year, a century's number), a word of an age or reign, or the name of a period
# ("the Jurassic", "the Holocene", "Elizabethan", "the Renaissance")
_TIME_TOLD = re.compile(
    r"\d|\b(?:centur(?:y|ies)|millenni(?:um|a)|periods?|eras?|epochs?|ages?|times|dynast(?:y|ies)|reigns?|"
    r"medieval|mediaeval|ancient|antiquity|prehistor\w*|classical|renaissance|reformation|enlightenment|"
    r"restoration|revolution|war|wars|empire|rule|colonial|modern|decades?|years?|months?|weeks?|days?|BC|BCE|AD|CE)\b"
    rf"|\b(?:{'|'.join(ORDINAL_WORDS)}|\w+teenth|\w+tieth)\b"
    r"|(?-i:\b[A-Z][a-z]+(?:ian|ic|ene|ous|an|ine)\b)",
    re.IGNORECASE,
)


def no_period_named(question: str, sentence: str) -> bool:
    """For a period (era, epoch) asked: does ``sentence`` tell no time at all (no year, century,
    age, reign or period's name)?"""
    if not _PERIOD_Q.search(question):
        return False
    return not _TIME_TOLD.search(sentence)


# "Which capital city lies across the Congo River from Kinshasa?", "… opposite Gibraltar?"
_FACING_Q = re.compile(
    r"\b(?:across (?:the (?:[\w-]+ ){1,3})?from|opposite(?: to)?|facing"
    r"|on the (?:other|opposite|far) (?:side|bank|shore) of)\s+(?:the\s+)?[A-Z]"
)
_FACING = re.compile(r"\b(?:across|opposite|facing|other side|far side|other bank|far bank|opposite bank)\b", re.I)


def facing_untold(question: str, sentence: str) -> bool:
    """For a place asked by where it lies from another ("… across the Congo River from Kinshasa?"):
    does ``sentence`` tell no such facing (only that the other is a capital)?"""
    return bool(_FACING_Q.search(question)) and not _FACING.search(sentence)


# "What is the population of the oblast whose administrative centre is Yekaterinburg?": the figure of a
# place asked by its kind, which the centre's own figure ("The city … with a population of 1.5 million") is not
_FIGURE_OF_A_KIND_Q = re.compile(
    r"\b(?:population|area|size|economy|gdp) of the (oblast|province|state|region|county|district|country|republic|"
    r"territory|prefecture|canton|department|municipality|island|krai|governorate|emirate) "
    r"(?:whose|where|in which|of which|that|which)\b",
    re.IGNORECASE,
)


def figure_of_another_place(question: str, sentence: str) -> bool:
    """For the figure of a place asked by its kind ("the oblast whose …"): does ``sentence`` never
    name that kind?"""
    asked = _FIGURE_OF_A_KIND_Q.search(question)
    return bool(asked) and not re.search(rf"\b{asked.group(1)}s?\b", sentence, re.IGNORECASE)


# "How long is the stretch of the Salween that forms the border between Myanmar and Thailand?": a part
# told by what it does, whose measure the whole river's length ("about 3,289 km long") is not
_MEASURE_OF_A_PART_Q = re.compile(
    r"^\W*how (?:long|wide|deep|big|large|far|high) (?:is|are|was|were) the (?:stretch|section|portion|part|segment|"
    r"reach|length) of (?:the )?[^?]+? (?:that|which|where|along which) ([^?]+)",
    re.IGNORECASE,
)
_PART_VERBS = frozenset("form forms formed run runs flow flows lie lies make makes mark marks between".split())


def part_untold(question: str, sentence: str) -> bool:
    """For the measure of a part told by what it does: does ``sentence`` hold none of that clause's words?"""
    asked = _MEASURE_OF_A_PART_Q.search(question)
    told = set(content_words(asked.group(1))) - _PART_VERBS if asked else set()
    return bool(told) and not told & set(content_words(sentence))


# "In which German city was the doll-making industry centred …?": a place asked within a country named by
# its adjective, which "Modern doll manufacturing has its roots in Germany" (the question's words and
# that country only) does not name
_PLACE_IN_A_COUNTRY_Q = re.compile(
    r"\b(?:which|what) ([A-Z][a-z]+(?:an|ian|ese|ish|ch|ic|i)) (?:city|town|village|port|region|province|state)\b"
)


def names_only_the_country(question: str, sentence: str) -> bool:
    """For a place asked within a country named by its adjective: is every capitalised word of
    ``sentence`` a word of the question or that country ("Germany" for "German": one key in the project's
    aliases, rag/data/aliases.tsv, or, for a country the aliases lack, the same first four letters)?"""
    asked = _PLACE_IN_A_COUNTRY_Q.search(question)
    if not asked:
        return False
    own = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    adjective = asked.group(1)
    names = re.findall(r"\b[A-Z][\w’'-]*", sentence)
    return all(w.lower() in own or name_key(w) == name_key(adjective) or w[:4] == adjective[:4] for w in names)


def leaves_a_form_unmet(question: str, sentence: str) -> bool:
    """Does ``sentence`` lack the form of answer the question's wording asks for, in one of this
    module's ways?"""
    return (
        no_scientific_name(question, sentence)
        or no_title_named(question, sentence)
        or no_taxon_of_the_rank(question, sentence)
        or no_period_named(question, sentence)
        or facing_untold(question, sentence)
        or figure_of_another_place(question, sentence)
        or part_untold(question, sentence)
        or names_only_the_country(question, sentence)
    )
