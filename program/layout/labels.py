"""How dates and days are printed on every product, in the event's language
(:mod:`program.language`: Babel's CLDR data for dates, the catalogue for words)."""
from __future__ import annotations

from program.language import language_of


def day_label(schedule, day, short: bool = False) -> str:
    """The day's date (``Friday, 13 December 2019``, or short ``Fri 13 Dec``, in the event's
    language); when the schedule's source named no date (``Event.date_known`` is False), no
    date: the day's title, ``Day 2``, or, for a one-day event, ``Programme``."""
    lang = language_of(schedule)
    if schedule.event.date_known:
        return lang.short_date(day.date) if short else lang.long_date(day.date)
    if day.title:
        return day.title
    if len(schedule.days) == 1:
        return lang.text("Programme")
    number = [d.date for d in schedule.days].index(day.date) + 1
    return lang.text("Day {number}", number=str(number))


def day_heading(schedule, day, short: bool = False, sep: str = " — ") -> str:
    """The day's date and title (``Friday, 13 December 2019 — Workshop day``); without a
    known date, :func:`day_label` alone (it is the title then)."""
    label = day_label(schedule, day, short)
    if schedule.event.date_known and day.title:
        return f"{label}{sep}{day.title}"
    return label


def event_dates(schedule, short: bool = False) -> str | None:
    """The event's date or range of dates as the language writes it
    (``Friday 13 – Saturday 14 December 2019``); None when the source named none."""
    ev = schedule.event
    if not ev.date_known:
        return None
    return language_of(schedule).date_range(ev.start_date, ev.end_date, short)
