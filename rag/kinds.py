"""Question kinds: whether a question asks for a number, a date, a name or something else, from
its wording alone ("How far …" a number, "In what year …" a date, "Who …" a name).

A clause setting the scene ("When applying statistics to a problem, what …?") does not make a
question ask when. Read once per question by :func:`rag.frame.build_frame`.
"""

from __future__ import annotations

import re

from rag.text import QUOTED_PHRASE

# "the maximum depth", "the estimated population": a measure asked for with a qualifier
QUALIFIERS = ("maximum", "minimum", "average", "mean", "median", "typical", "estimated", "approximate", "current",
              "annual", "overall", "combined", "top", "peak", "land", "surface", "urban", "rural")  # fmt: skip
# words that ask for the figure or date more precisely, not for another one: "the exact height", "which exact year"
EXACTLY = ("exact", "precise")
_EXACTLY = "(?:(?:" + "|".join(EXACTLY) + ") )?"
_NUMBER_Q = re.compile(
    r"\bhow (?:many|much|far|long|big|large|old|deep|tall|high|wide|heavy|fast)\b"
    r"|\bwhat (?:is |was |are |were )?(?:the |its |their |his |her )?" + _EXACTLY
    + r"(?:(?:" + "|".join(QUALIFIERS) + r") )?"
    r"(?:range|number|distance|percentage|share|"
    r"proportion|population|height|length|"
    r"price|cost|salary|budget|total|amount|age|speed|toll|death toll|size|area|depth|weight|diameter|radius|"
    r"circumference|elevation|altitude|wingspan|wavelength|frequency|temperature|melting point|boiling point|"
    r"density|mass|half-life|lifespan|life expectancy|atomic (?:number|weight|mass)|gdp|revenue|magnitude)\b"
    r"|\bwhat (?:is |was )?(?:the )?(?:rank|place|position) of .+ among\b"  # "the 12th largest lake"
)
_DATE_Q = re.compile(  # "In which exact year …" asks a year too
    r"\bwhen\b|\bwhat " + _EXACTLY + r"(?:date|day|month|year|time)\b"
    r"|\b(?:which|what) " + _EXACTLY + r"(?:date|day|month|year|decade)s?\b|\bin what year\b|\bsince when\b"
)
_NAME_Q = re.compile(
    r"^\s*(?:and |but |so )?who\b|\bwho (?:is|was|are|were|said|told|warned|called|won|led|leads|founded|wrote)\b"
    r"|\bwhat is the name\b|\bwhich \w+ (?:said|told)\b"
    r"|\bwhich (?:\w+ )?(?:official|person|minister|president|outlet|newspaper|company|analyst|mp|lawmaker|"
    r"spokesperson|spokesman|correspondent|member|politicians?|leader|general|team|player|country|city|author|"
    r"composer|director|scientist|artist|king|queen|emperor|"
    # works and places are answered by their names ("For which film …", "In which town …")
    r"film|movie|book|novel|song|opera|album|town|village|region|province|island|river|university|club|band)\b"
)
MONEY_Q = re.compile(
    r"\bhow much\b.*\b(?:cost|costs|spend|spent|pay|paid|worth|price|budget|fund|raise|earn|earned|sell|sold)\b"
    # (not "what numerical value is fixed for the frequency": a figure, not money)
    r"|\b(?:price|cost|salary|budget|net worth|revenue|fee|wage|income|funding|pay|paid|gross|box[- ]office"
    r"|(?<!numerical )(?<!numeric )value)\b"
)
def asks_money(lower: str) -> bool:
    """Does the (lower-cased) question ask for an amount of money (a price, a cost, a value)? A term
    in quotes is named, not asked: "What else may an object with "ethic value" be called?"."""
    return bool(MONEY_Q.search(QUOTED_PHRASE.sub(" ", lower)))


# "When applying statistics to a problem, what does one begin with?": a clause setting the scene, before
# the wh-word that asks (not "When did …, and who …?": that "when" asks)
_SCENE_CLAUSE = re.compile(
    r"^\W*(?:when|while|if|once)\s+(?!(?:did|does|do|was|were|is|are|has|have|had|will|would|can|could)\b)"
    r"[^,?]*,\s*(?=(?:what|which|who|whom|whose|how|where|why|when|in (?:what|which))\b)"
)


# "To which country did he flee when his regime collapsed?": a clause setting the time, after the wh-word
# that asks (not "…, and when did it end?": that "when" asks; "Whose guest was he when …?" is left as it was
# read, a date, since no kind reads "whose")
_TIME_CLAUSE = re.compile(
    r"^(\W*(?:(?:to|in|from|at|for|of|by|with|on|into) )?(?:which|what|who|whom|where)\b[^,]*?)"
    r"\s+when\s+(?!(?:did|does|do|was|were|is|are|has|have|had|will|would|can|could)\b)[^,?]*(?=\W*$)"
)


def question_kind(lower: str) -> str:
    """ "number", "date", "name" or "other", from the question's wording (lower-cased)."""
    lower = _TIME_CLAUSE.sub(r"\1", _SCENE_CLAUSE.sub("", lower))
    if asks_money(lower) and re.search(
        r"\bhow much\b|\bwhat (?:is|was|were|are)? ?(?:the |its |his |her )?", lower
    ):
        return "number"
    for kind, pattern in (("number", _NUMBER_Q), ("date", _DATE_Q), ("name", _NAME_Q)):
        if pattern.search(lower):
            return kind
    return "other"
