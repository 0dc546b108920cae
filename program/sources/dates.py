"""Dates as pages write them: ``Monday, December 13th``, ``Saturday 11 March 2023``,
``November 14, 2025``, ``2019-12-13``; and the year a date without one must be in.

``find_date(text) -> PartialDate | None`` finds the first date in ``text`` (the year and the
weekday may be missing); ``PartialDate.resolve(years)`` gives the one date it can be. Pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from program.sources.words import unaccented

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november "
    "december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
#: German, French, Spanish and Italian month names (accents kept: ``_plain`` drops them for
#: the look-up, and the pattern has both spellings): ``3. März 2026``, ``3 mars 2026``
for _names in ("januar februar märz april mai juni juli august september oktober november "
               "dezember",
               "janvier février mars avril mai juin juillet août septembre octobre novembre "
               "décembre",
               "enero febrero marzo abril mayo junio julio agosto septiembre octubre "
               "noviembre diciembre",
               "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
               "novembre dicembre"):
    MONTHS.update({m: i + 1 for i, m in enumerate(_names.split()) if m not in MONTHS})
MONTHS.update({"jän": 1, "jänner": 1, "okt": 10, "dez": 12, "févr": 2, "janv": 1,
               "avr": 4, "juil": 7, "déc": 12, "setiembre": 9, "ene": 1, "dic": 12,
               "gen": 1, "giu": 6, "lug": 7, "ott": 10})
WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}
WEEKDAYS.update({d[:3]: i for d, i in list(WEEKDAYS.items())})
WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})
for _names in ("montag dienstag mittwoch donnerstag freitag samstag sonntag",
               "lundi mardi mercredi jeudi vendredi samedi dimanche",
               "lunes martes miércoles jueves viernes sábado domingo",
               "lunedì martedì mercoledì giovedì venerdì sabato domenica"):
    WEEKDAYS.update({d: i for i, d in enumerate(_names.split())})


def _plain(word: str) -> str:
    """``"März"`` -> ``"marz"``: lower case without accents, as names are looked up."""
    return unaccented(word).rstrip(".")


MONTHS.update({_plain(m): i for m, i in list(MONTHS.items())})
WEEKDAYS.update({_plain(d): i for d, i in list(WEEKDAYS.items())})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?:,?\s+(?:de\s+)?(?P<year>(?:19|20)\d{2}))?"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r"\b" + _YEAR, re.I),
    re.compile(r"\b" + _WEEKDAY + _DAY + r"(?:\s+of|\s+de)?\s+" + _MONTH + r"\b" + _YEAR, re.I),
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
    month = int(g["mnum"]) if g.get("mnum") else MONTHS[_plain(g["month"])]
    day = int(g["day"])
    year = int(g["year"]) if g.get("year") else None
    weekday = WEEKDAYS.get(_plain(g.get("weekday") or ""))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return PartialDate(month, day, year, weekday, best.group().strip())


def weekday_only(text: str) -> int | None:
    """``"Monday"`` (alone on a line) -> 0; else None."""
    m = _WEEKDAY_ONLY.match(text)
    return WEEKDAYS[_plain(m["weekday"])] if m else None


def years_in(text: str) -> tuple[int, ...]:
    """The years (1900-2099) written in ``text``."""
    return tuple(int(y) for y in YEAR.findall(text))
