"""Dates as pages write them: ``Monday, December 13th``, ``Saturday 11 March 2023``,
``November 14, 2025``, ``2019-12-13``; and the year a date without one must be in.

``find_date(text) -> PartialDate | None`` finds the first date in ``text`` (the year and the
weekday may be missing); ``PartialDate.resolve(years)`` gives the one date it can be. Pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november "
    "december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
WEEKDAYS.update({d[:3]: i for d, i in list(WEEKDAYS.items())})
WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r"\b" + _YEAR, re.I),
    re.compile(r"\b" + _WEEKDAY + _DAY + r"(?:\s+of)?\s+" + _MONTH + r"\b" + _YEAR, re.I),
]
_WEEKDAY_ONLY = re.compile(r"^\W*(?P<weekday>" + "|".join(
    sorted((d for d in WEEKDAYS if len(d) > 3), key=len, reverse=True)) + r")\W*$", re.I)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class PartialDate:
    """A date as written: the year and the weekday may be missing."""

    month: int
    day: int
    year: int | None = None
    weekday: int | None = None
    text: str = ""

    def resolve(self, years: tuple[int, ...] = ()) -> date | None:
        """The date: as written with a year; else in the one of ``years`` (or a year beside
        one of them) whose calendar has this weekday on this day; else None."""
        if self.year is not None:
            try:
                return date(self.year, self.month, self.day)
            except ValueError:
                return None
        candidates = []
        for year in sorted(set(years)):
            for y in ((year,) if self.weekday is None else (year, year - 1, year + 1)):
                try:
                    d = date(y, self.month, self.day)
                except ValueError:
                    continue
                if self.weekday is None or d.weekday() == self.weekday:
                    candidates.append(d)
        if self.weekday is not None:  # the written year first, then its neighbours
            exact = [d for d in candidates if d.year in years]
            candidates = exact or candidates
        unique = sorted(set(candidates))
        return unique[0] if len(unique) == 1 else None


def find_date(text: str) -> PartialDate | None:
    """The first date written in ``text``, or None."""
    best = None
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    g = best.groupdict()
    month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower().rstrip(".")]
    day = int(g["day"])
    year = int(g["year"]) if g.get("year") else None
    weekday = WEEKDAYS.get((g.get("weekday") or "").lower().rstrip("."))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return PartialDate(month, day, year, weekday, best.group().strip())


def weekday_only(text: str) -> int | None:
    """``"Monday"`` (alone on a line) -> 0; else None."""
    m = _WEEKDAY_ONLY.match(text)
    return WEEKDAYS[m["weekday"].lower()] if m else None


def years_in(text: str) -> tuple[int, ...]:
    """The years (1900-2099) written in ``text``."""
    return tuple(int(y) for y in YEAR.findall(text))
