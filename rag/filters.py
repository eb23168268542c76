"""Filters: limit a question to some documents — by outlet, by date range, or by id.

A :class:`Filters` value travels from the entry point (CLI flags, ``Assistant.ask(filters=…)``,
the HTTP API, the UI) to retrieval, which applies it *inside* both searches (dense and BM25),
so the top passages are the best of the allowed documents rather than what survives of the
overall best. Dates compare by day; a document whose date is unknown or has no year (a
dateline such as "Nov 21") cannot be placed in a range and is left out by a date filter —
:meth:`Filters.explain_empty` says so when that empties the selection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from rag.errors import FilterError
from rag.records import Document
from rag.text import MONTH_ABBREVIATIONS

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# "Nov 21, 2024", "November 21 2024", "21 November 2024"
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_ABBREVIATIONS})[a-z]*\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_ABBREVIATIONS})[a-z]*\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def parse_day(value: str, what: str = "date") -> date:
    """A filter bound given as ``YYYY-MM-DD``; anything else is a :class:`FilterError`."""
    text = (value or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if match is None:
            raise ValueError(text)
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise FilterError(f"{what} {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-11-18") from exc


def document_day(document: Document) -> date | None:
    """The day a document was published, when its date names one with a year; else None."""
    text = document.date
    for pattern, order in ((_ISO_DAY, "ymd"), (_MONTH_DAY_YEAR, "mdy"), (_DAY_MONTH_YEAR, "dmy")):
        match = pattern.search(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = int(parts["m"]) if parts["m"].isdigit() else _MONTHS.index(parts["m"][:3].lower()) + 1
        try:
            return date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Filters:
    """Which documents a question may draw on; the empty value allows every document.

    ``outlets`` match case-insensitively (any of them); ``since``/``until`` are inclusive days;
    ``doc_ids`` name documents exactly (any of them). Different kinds combine with AND."""

    outlets: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    doc_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise FilterError(f"the date range is empty: since {self.since} is after until {self.until}")

    @classmethod
    def parse(
        cls,
        outlets: Iterable[str] | str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        doc_ids: Iterable[str] | str | None = None,
    ) -> Filters:
        """Filters from user input (strings as typed); a malformed date is a :class:`FilterError`."""
        return cls(
            outlets=_names(outlets),
            since=since if isinstance(since, date) else (parse_day(since, "since") if since else None),
            until=until if isinstance(until, date) else (parse_day(until, "until") if until else None),
            doc_ids=_names(doc_ids),
        )

    @property
    def active(self) -> bool:
        return bool(self.outlets or self.since or self.until or self.doc_ids)

    def allows(self, document: Document) -> bool:
        if self.doc_ids and document.doc_id not in self.doc_ids:
            return False
        if self.outlets and document.outlet.casefold() not in {o.casefold() for o in self.outlets}:
            return False
        if self.since or self.until:
            day = document_day(document)
            if day is None or (self.since and day < self.since) or (self.until and day > self.until):
                return False
        return True

    def allowed_ids(self, documents: Mapping[str, Document]) -> frozenset[str]:
        return frozenset(doc_id for doc_id, doc in documents.items() if self.allows(doc))

    def describe(self) -> str:
        """The filters in words: "outlet Reuters or AP; from 2024-11-18; until 2024-11-20"."""
        parts = []
        if self.outlets:
            parts.append("outlet " + " or ".join(self.outlets))
        if self.since:
            parts.append(f"from {self.since.isoformat()}")
        if self.until:
            parts.append(f"until {self.until.isoformat()}")
        if self.doc_ids:
            parts.append("document " + " or ".join(self.doc_ids))
        return "; ".join(parts)

    def explain_empty(self, documents: Mapping[str, Document]) -> str:
        """The abstention shown when no document passes the filters."""
        text = f"No article matches the filters ({self.describe()}), so nothing was searched."
        undated = sum(1 for d in documents.values() if document_day(d) is None)
        if (self.since or self.until) and undated:
            text += (
                f" {undated} of the {len(documents)} articles have no full publication date"
                " and never match a date range."
            )
        return text + " Widen or remove the filters."

    def as_dict(self) -> dict[str, object]:
        return {
            "outlets": list(self.outlets),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "doc_ids": list(self.doc_ids),
        }


def _names(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(" ".join(str(v).split()) for v in items if str(v).strip()))
