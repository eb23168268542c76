"""Word lists and small text helpers for the offline support judge (:mod:`rag.judge`).

Everything here is general English or general news vocabulary — stopwords, units, number
words, pairs of lexical opposites — plus a light suffix stemmer, so that the judge's checks
compare meanings rather than surface forms. Country names, capitals and demonyms are data:
rag/data/aliases.tsv, which users extend with RAG_ALIASES_FILE (same format).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from rag.errors import SettingsError
from rag.text import LETTER, WORD, fold_accents, strip_markers

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself now of
    off on once only or other our ours out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours according said says say reported reports told
    tells per its it's""".split()
)  # fmt: skip
# Capitalised only because they open a sentence: determiners, quantifiers, connectives, adverbs.
COMMON_INITIAL = frozenset(
    """it its the a an this that these those there they he she we in on at after before many most much several
    numerous some all both each every few other another such while when whereas although though however meanwhile
    earlier later last next first then still also yet since because if as so but and or nor according despite
    unnamed senior former current top officials president""".split()
)  # fmt: skip
NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())
UNITS = {
    "km": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "mile": "mi", "miles": "mi", "mi": "mi", "%": "pct", "percent": "pct", "per cent": "pct",
    "square kilometers": "km2", "square kilometres": "km2", "square miles": "mi2", "sq km": "km2",
    "square kilometer": "km2", "square mile": "mi2", "square meters": "m2", "square metres": "m2",
    "square meter": "m2", "square metre": "m2", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "seconds": "second", "second": "second", "minutes": "minute", "minute": "minute",
    "weeks": "week", "week": "week", "months": "month", "month": "month", "days": "day", "day": "day",
    "years": "year", "year": "year", "hours": "hour", "hour": "hour", "decades": "decade", "decade": "decade",
    "tons": "ton", "tonnes": "ton", "kg": "kg", "kilograms": "kg", "dollars": "usd", "$": "usd",
}  # fmt: skip
# Units of the same dimension: a claim naming one where the passage names another is wrong.
DIMENSION = {
    "km": "length", "mi": "length", "m": "length", "km2": "area", "mi2": "area", "m2": "area",
    "second": "time", "minute": "time", "hour": "time", "day": "time", "week": "time", "month": "time",
    "year": "time", "decade": "time",
}  # fmt: skip
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000, "dozen": 12, "twice": 2,
}  # fmt: skip
# Places, their capitals used as metonyms, and their demonyms share one key. The lists are data
# (rag/data/aliases.tsv, documented at its top), so users can add their own names.
ALIASES_FILE = Path(__file__).resolve().parent / "data" / "aliases.tsv"


def load_aliases(paths: list[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """(single-token alias → key, multi-word phrase → its hyphenated token) from TSV files;
    later files add to and override earlier ones."""
    aliases: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"aliases file {path}: cannot read it ({exc})") from exc
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            alias, sep, key = line.partition("\t")
            alias, key = alias.strip().lower(), key.strip().lower()
            if not (sep and alias and key):
                raise SettingsError(f"aliases file {path}, line {number}: expected 'alias<TAB>key', got {line!r}")
            token = "-".join(alias.split())
            if token != alias:  # several words: joined into one token first (see join_multiword)
                phrases[" ".join(alias.split())] = token
            aliases[fold_accents(token)] = fold_accents(key)  # as name_key reads tokens: "kraków" is "krakow"
    # Longest phrases first, so "united states" is joined before a shorter phrase could split it.
    return aliases, dict(sorted(phrases.items(), key=lambda item: -len(item[0])))


ALIASES, MULTIWORD = load_aliases(
    [ALIASES_FILE, *([Path(os.environ["RAG_ALIASES_FILE"]).expanduser()] if os.environ.get("RAG_ALIASES_FILE") else [])]
)
# Lexical opposites (stems). A claim word whose opposite stands in the passage sentence, while
# the word itself does not, reverses the passage's meaning.
_OPPOSITES = [
    ("welcome", "criticize"), ("welcome", "condemn"), ("praise", "criticize"), ("praise", "condemn"),
    ("confirm", "deny"), ("approve", "reject"), ("accept", "reject"), ("accept", "refuse"), ("agree", "refuse"),
    ("agree", "decline"), ("allow", "forbid"), ("allow", "ban"), ("allow", "prohibit"), ("permit", "forbid"),
    ("permit", "ban"), ("support", "oppose"), ("increase", "decrease"), ("increase", "reduce"), ("rise", "fall"),
    ("rose", "fell"), ("rising", "falling"), ("raise", "lower"), ("win", "lose"), ("won", "lost"),
    ("victory", "defeat"), ("gain", "lose"),
    ("strengthen", "weaken"), ("expand", "restrict"), ("expand", "narrow"), ("lift", "impose"), ("ease", "tighten"),
    ("advance", "retreat"), ("enter", "leave"), ("enter", "withdraw"), ("arrive", "depart"), ("start", "end"),
    ("start", "stop"), ("begin", "end"), ("open", "close"), ("success", "failure"), ("succeed", "fail"),
    ("true", "false"), ("legal", "illegal"), ("possible", "impossible"), ("clear", "unclear"),
    ("same", "different"), ("more", "less"), ("more", "fewer"), ("higher", "lower"), ("large", "small"),
    ("largest", "smallest"), ("major", "minor"), ("most", "least"), ("first", "last"), ("always", "never"),
    ("all", "none"), ("some", "no"), ("maximum", "minimum"), ("long", "short"), ("longer", "shorter"),
    ("earlier", "later"), ("before", "after"), ("include", "exclude"), ("acknowledge", "deny"), ("admit", "deny"),
    ("attack", "defend"), ("north", "south"), ("east", "west"), ("eastern", "western"), ("northern", "southern"),
    ("worse", "better"), ("worst", "best"), ("high", "low"), ("strong", "weak"), ("heavy", "light"),
    ("slow", "fast"), ("secret", "public"), ("secretly", "publicly"), ("private", "public"),
]  # fmt: skip
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
# Auxiliaries that differ only in tense or person: "has" and "have" play the same role.
_AUX = {"has": "have", "had": "have", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be"}
# Irregular past forms and their verb, so that "Who wrote X?" meets "X … written by Y" and "won"
# meets "win". Forms that are also common other words ("left", "found", "saw", "lay") stay out.
_IRREGULAR = {
    form: verb
    for verb, forms in {
        "write": "wrote written",
        "win": "won",
        "begin": "began begun",
        "lead": "led",
        "take": "took taken",
        "give": "gave given",
        "speak": "spoke spoken",
        "build": "built",
        "sell": "sold",
        "buy": "bought",
        "fight": "fought",
        "hold": "held",
        "make": "made",
        "draw": "drew drawn",
        "sing": "sang sung",
        "choose": "chose chosen",
        "fly": "flew flown",
        "rise": "rose risen",
        "fall": "fell fallen",
        "strike": "struck",
        "shoot": "shot",
        "tell": "told",
        "say": "said",
        "think": "thought",
        "bring": "brought",
        "teach": "taught",
        "catch": "caught",
        "send": "sent",
        "spend": "spent",
        "pay": "paid",
        "meet": "met",
        "run": "ran",
        "grow": "grew grown",
        "know": "knew known",
        "throw": "threw thrown",
        "wear": "wore worn",
        "stand": "stood",
        "lose": "lost",
        "go": "went gone",
        "break": "broke broken",
        "drive": "drove driven",
        "ride": "rode ridden",
        "shake": "shook shaken",
        "forget": "forgot forgotten",
        "swear": "swore sworn",
        "sink": "sank sunk",
        "slay": "slew slain",
        "eat": "ate eaten",
        "hide": "hid hidden",
        "freeze": "froze frozen",
        "seek": "sought",
        "sit": "sat",
        "keep": "kept",
        "sleep": "slept",
        "feel": "felt",
        "deal": "dealt",
        "mean": "meant",
        "hear": "heard",
        "bear": "bore",
        "steal": "stole stolen",
        "swim": "swam swum",
        "become": "became",
        "come": "came",
        "get": "got gotten",
        "do": "did done",
    }.items()
    for form in forms.split()
}


def stem(word: str) -> str:
    """A light suffix stemmer: "welcomed", "welcomes", "welcoming" → "welcom"; "denied" → "deny"."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    if word in _AUX:
        return _AUX[word]
    word = _IRREGULAR.get(word, word)
    for suffix, repl, min_len in (("ies", "y", 5), ("ied", "y", 5), ("ing", "", 6), ("ed", "", 5), ("es", "", 6)):
        if word.endswith(suffix) and len(word) >= min_len:
            word = word[: -len(suffix)] + repl
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "stopped" → "stopp" → "stop"
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def words(text: str) -> list[str]:
    return re.findall(WORD, text.lower())


def content_words(text: str) -> list[str]:
    """The stems of ``text``'s words that carry content (citation markers dropped)."""
    return [stem(w) for w in words(strip_markers(text)) if w not in STOPWORDS and len(w) > 2]


def opposite_in(word: str, sentence_stems: set[str]) -> str:
    """A stem in ``sentence_stems`` meaning the opposite of ``word``'s stem, or ""."""
    s = stem(word)
    for other in OPPOSITES.get(s, ()):
        if other in sentence_stems:
            return other
    for prefix in _NEGATING_PREFIXES:
        if prefix + s in sentence_stems:
            return prefix + s
        if s.startswith(prefix) and len(s) - len(prefix) >= 4 and s[len(prefix) :] in sentence_stems:
            return s[len(prefix) :]
    return ""


def join_multiword(text: str) -> str:
    """ "United States" → "United-States" (case kept) so a multi-word name is one token."""
    for phrase in MULTIWORD:
        pattern = r"\b" + phrase.replace(" ", r"\s+") + r"\b"
        text = re.sub(pattern, lambda m: "-".join(m.group().split()), text, flags=re.IGNORECASE)
    return text


def name_key(token: str) -> str:
    """A name token's key: "Erdogan" written by the model is the passage's "Erdoğan"."""
    bare = fold_accents(token).replace("’", "'").rstrip(".'").removesuffix("'s").lower()
    if bare not in ALIASES and re.fullmatch(r"[A-Z][\w.]*-[a-z][\w-]*", token):
        bare = bare.split("-")[0]  # "American-supplied": the name is "American"
    return ALIASES.get(bare, ALIASES.get(bare.rstrip("."), bare))


def role_contexts(text: str) -> dict[str, set[tuple[str, str]]]:
    """For each name in ``text``: the nearest plain words before and after each run of
    capitalised words it belongs to ("L", "accus"), ("R", "of"). Who did what to whom shows in
    these: in "Pyongyang supplied Moscow" Pyongyang has ("R", "suppli"), Moscow ("L", "suppli").
    Punctuation or the sentence's edge leaves that side without a context."""
    tokens = re.findall(rf"{LETTER}[\w.’'-]*|[,;:()\"“”]", join_multiword(text))
    names = [is_name(tokens, i) and name_key(tokens[i]) not in TEMPORAL for i in range(len(tokens))]
    contexts: dict[str, set[tuple[str, str]]] = {}
    i = 0
    while i < len(tokens):
        if not names[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and names[j + 1]:
            j += 1
        found = {
            ("L", _context(tokens, names, range(i - 1, -1, -1))),
            ("R", _context(tokens, names, range(j + 1, len(tokens)))),
        }
        for token in tokens[i : j + 1]:
            contexts.setdefault(name_key(token), set()).update(c for c in found if c[1])
        i = j + 1
    return contexts


# Articles, possessives and conjunctions tie names together without marking a role.
_NO_ROLE = frozenset("the a an his her its their and or".split())


def _context(tokens: list[str], names: list[bool], positions: range) -> str:
    """The first plain word at ``positions`` (names and _NO_ROLE words skipped); "" at punctuation."""
    for k in positions:
        token = tokens[k]
        if not token[0].isalpha():
            return ""
        if not names[k] and token.lower() not in _NO_ROLE:
            return stem(token)
    return ""


def is_name(tokens: list[str], i: int) -> bool:
    token = tokens[i]
    if not token[:1].isupper() or token.lower() in STOPWORDS:
        return False
    return i > 0 or (token.lower() not in COMMON_INITIAL and not token.endswith("ly"))


# Dates are names too, but they mark when, not who: they take no part in roles.
TEMPORAL = frozenset(
    """january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split()
)  # fmt: skip


CLAUSE_RE = re.compile(
    r",\s*(?=(?:and|but|which|while|so|including|leaving|completely|after)\b)"
    r"|\s+and\s+(?=(?:it\s+|they\s+|he\s+|she\s+)?(?:can|could|will|would|has|have|had|is|are|was|were|said|says|"
    r"[a-z]+ed)\b)|;\s*|,\s*(?=[a-z]+ing\b)|\s+(?=(?:after|because|although|whereas)\s)"
)


def clauses(sentence: str) -> list[str]:
    """The sentence cut where a new claim is joined on (", and they…", ", which…", "; …")."""
    return [c.strip(" ,;.") for c in CLAUSE_RE.split(sentence) if c.strip(" ,;.")]


def _opposites() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for a, b in _OPPOSITES:
        a, b = stem(a), stem(b)
        table[a] = table.get(a, frozenset()) | {b}
        table[b] = table.get(b, frozenset()) | {a}
    return table


OPPOSITES = _opposites()
# Verbs that negate the action they govern ("declined to give" = "did not give").
NEGATING_VERBS = frozenset(stem(w) for w in ("decline", "refuse", "fail", "deny", "reject", "avoid"))


# "one" is left out: far more often a pronoun ("one of the…") than a figure; it counts before a
# unit ("one week") or a magnitude ("over one million square kilometres"). A number in a name
# ("helium-4", "Su-27") is no figure.
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_WORD_RE = "|".join(w for w in WORD_NUMBERS if w != "one")
NUMBER_RE = re.compile(
    rf"(?<![\w.])(?<!{LETTER}-)(\d{{1,3}}(?:[, ]\d{{3}})+(?!\d)|\d+(?:\.\d+)?|{_WORD_RE}\b|"
    rf"one(?=[\s-]+(?:{_UNIT_RE}|million|billion|trillion)\b))"
    rf"(?:\s*-\s*|\s*)(?:({_UNIT_RE})(?![a-z]))?",
    re.IGNORECASE,
)


def _value(number: re.Match[str]) -> float:
    raw = number.group(1).lower()
    return float(WORD_NUMBERS[raw]) if raw in WORD_NUMBERS else float(re.sub(r"[, ]", "", raw))


def numbers(text: str) -> set[tuple[float, str]]:
    """Every (value, unit) stated in ``text``; unit is "" when none follows the number."""
    return {(_value(m), UNITS.get((m.group(2) or "").lower(), "")) for m in NUMBER_RE.finditer(text)}


# "Verdi composed 3 operas" is not "an opera in three acts": what a number counts is the
# lower-case word right after it ("15 military campaigns"), past a magnitude ("8 million people")
_COUNTED_AFTER = re.compile(r"\s*(?:(?:million|billion|trillion|thousand|hundred)\s+)?((?:[a-z][a-z'’-]*\s*){1,2})")
# words that count anything: "12 people" restates "12 civilians"
_ANY_COUNTED = frozenset({"people", "persons", "individuals", "others", "ones", "times"})


def counted_nouns(text: str) -> dict[float, list[tuple[str, ...]]]:
    """For each number of ``text``, the words each occurrence counts; none when it counts nothing
    readable (a unit, a name, a stopword or punctuation follows) or anything ("12 people")."""
    found: dict[float, list[tuple[str, ...]]] = {}
    for number in NUMBER_RE.finditer(text):
        after = _COUNTED_AFTER.match(text, number.end())
        nouns = after.group(1).split() if after and not number.group(2) else []
        readable = nouns and not ({nouns[0]} & (STOPWORDS | UNITS.keys() | WORD_NUMBERS.keys() | _ANY_COUNTED))
        found.setdefault(_value(number), []).append(tuple(w for w in nouns if w not in STOPWORDS) if readable else ())
    return found


def counts_other_things(claim: str, passage: str) -> str:
    """The reason, or "", when a number of ``claim`` counts a thing the passage names but never
    counts with that number, while every occurrence of it in the passage counts something readable.
    A thing the passage does not name may be a paraphrase ("10,000 soldiers" for "10,000 troops"),
    left to the judge's other checks."""
    stated = counted_nouns(passage)
    named = {stem(w) for w in words(passage)}
    for value, claimed in counted_nouns(claim).items():
        seen = stated.get(value, [])
        for nouns in claimed:
            stems = {stem(w) for w in nouns} & named
            if stems and seen and all(other and not stems & {stem(w) for w in other} for other in seen):
                return f"the passage's {value:g} counts {' '.join(seen[0])}, not {' '.join(nouns)}"
    return ""
