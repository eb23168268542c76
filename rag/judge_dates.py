"""The support judge's check of calendar dates: a claim's "July 4, 1783" must be a date of its
passage, not its "July 4th" joined to the year of another ("… signed on September 3, 1783").
The number check (:mod:`rag.judge`) sees 4 and 1783 in that passage and passes each alone."""

from __future__ import annotations

import re

from rag.text import MONTH_NAMES, MONTH_PATTERN, ORDINAL_WORDS

_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{3,4})"
# "July 4, 1783", "July 4th", "4 July 1783", "the 4th of July, 1783": (month, day, year or "")
_MONTH_FIRST = re.compile(rf"\b({MONTH_PATTERN})\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?({MONTH_PATTERN})(?:,?\s+{_YEAR}\b)?", re.IGNORECASE)


def calendar_dates(text: str) -> set[tuple[str, int, str]]:
    """The (month's first three letters, day, year or "") of each date ``text`` writes out."""
    found = {(m.group(1)[:3].lower(), int(m.group(2)), m.group(3) or "") for m in _MONTH_FIRST.finditer(text)}
    found |= {(m.group(2)[:3].lower(), int(m.group(1)), m.group(3) or "") for m in _DAY_FIRST.finditer(text)}
    return {date for date in found if 1 <= date[1] <= 31}


def without_a_lone_date(text: str) -> str:
    """``text`` without its date when it writes out only one ("on the night of 3 June"): a day of
    the month is no amount; two ("from 15 April to 4 June") may tell a span, so they stay."""
    spans = [m.span() for pattern in (_MONTH_FIRST, _DAY_FIRST) for m in pattern.finditer(text)]
    if len(spans) != 1:
        return text
    start, end = spans[0]
    return f"{text[:start]} {text[end:]}"


def check_dates(claim: str, passage: str) -> str:
    """Why the claim's dates are not the passage's, or "". A claimed day and month the passage never
    gives is unsupported; so is a claimed year joined to a day and month the passage gives without
    it while another of its dates holds that year."""
    have = calendar_dates(passage)
    for month, day, year in sorted(calendar_dates(claim)):
        same_day = {y for m, d, y in have if (m, d) == (month, day)}
        name = next(full for full in MONTH_NAMES if full.startswith(month)).title()
        shown = f"{name} {day}{', ' + year if year else ''}"
        if not same_day:
            return f"the date {shown} is not in the passage"
        if year and year not in same_day and "" in same_day and any(y == year for *_, y in have):
            return f"the passage gives {year} with another date, not {shown}"
    return ""


# a span of years: "lasting from 1858 to 1947", "(1461–1483)"
_SPAN = re.compile(
    r"\bfrom\s+(?:[\w.]+\s+){0,2}?(\d{3,4})\s+(?:to|until|till|through)\s+(?:[\w.]+\s+){0,2}?(\d{3,4})\b"
    r"|\b(\d{3,4})\s*[–—-]\s*(\d{3,4})\b"
)
# a beginning or an end dated by a year: "began its direct rule … in 1947", "ended in 1858"
_BEGAN = re.compile(
    r"\b(?:beg[au]n|begins?|beginning|start(?:ed|s|ing)?|commenc(?:ed|es?)|establish(?:ed|es)?|found(?:ed|s)|"
    r"inaugurated|instituted)\b[^.;]{0,60}?\b(?:in|by|around|circa)\s+(\d{3,4})\b",
    re.IGNORECASE,
)
_ENDED = re.compile(
    r"\b(?:end(?:ed|s|ing)?|ceas(?:ed|es)|finish(?:ed|es)|dissolved|abolished|conclud(?:ed|es))\b[^.;]{0,60}?"
    r"\b(?:in|by|around|circa)\s+(\d{3,4})\b",
    re.IGNORECASE,
)


def check_span_ends(claim: str, passage: str) -> str:
    """Why the claim dates a beginning by the year its passage ends a span with ("The British Crown began its
    direct rule … in 1947" where the Raj lasted "from 1858 to 1947"), or an end by the year one starts, or ""."""
    spans = [(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in _SPAN.finditer(passage)]
    if not spans:
        return ""
    starts, ends = {start for start, _ in spans}, {end for _, end in spans}
    for told, same, other, role in ((_BEGAN, starts, ends, "end"), (_ENDED, ends, starts, "beginning")):
        said = {m.group(1) for m in told.finditer(passage)}
        for year in (m.group(1) for m in told.finditer(claim)):
            if year in other and year not in same and year not in said:
                return f"the passage gives {year} as the {role} of a span"
    return ""


# the shared ordinals (rag.text) and the rest a century takes, numbered: "twentieth" is "20"
_CENTURY_ORDINALS = (
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second"
).split()
_ORDINALS = {word: str(n) for n, word in enumerate((*ORDINAL_WORDS, *_CENTURY_ORDINALS), 1)}
# a time something had happened "by": "by 1900", "by the 1990s", "by the twenty-first (century)", "by the 20th"
_BY_TIME = re.compile(
    r"\bby\s+(?:the\s+)?(\d{3,4}s?\b|\d{1,2}(?:st|nd|rd|th)\b|" + "|".join(sorted(_ORDINALS, key=len, reverse=True))
    + r"\b)(?!\s+(?:of|to|and)\b)",
    re.IGNORECASE,
)


def _by_times(text: str) -> set[str]:
    found = (m.group(1).lower() for m in _BY_TIME.finditer(text))
    return {_ORDINALS.get(time, re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", time)) for time in found}


def check_by_time(claim: str, passage: str) -> str:
    """Why the claim says a thing had happened by one time where its passage says by another, or "": "UAVs …
    by the twentieth century had become essential assets" against "developed through the twentieth century …,
    and by the twenty-first had become essential assets"."""
    have = _by_times(passage)
    moved = sorted(_by_times(claim) - have)
    return f"the passage says by {min(have)}, not by {moved[0]}" if have and moved else ""
