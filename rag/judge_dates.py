"""The support judge's check of calendar dates: a claim's "July 4, 1783" must be a date of its
passage, not its "July 4th" joined to the year of another ("… signed on September 3, 1783").
The number check (:mod:`rag.judge`) sees 4 and 1783 in that passage and passes each alone."""

from __future__ import annotations

import re

from rag.text import MONTH_NAMES, MONTH_PATTERN

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
