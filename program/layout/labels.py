"""How dates are printed on every product (English, as organizers print them)."""
from __future__ import annotations

from datetime import date


def long_date(d: date) -> str:
    """``Friday 13 December 2019``."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def short_date(d: date) -> str:
    """``Fri 13 Dec``."""
    return f"{d:%a} {d.day} {d:%b}"


def day_label(schedule, day, short: bool = False) -> str:
    """The day's date (``long_date`` or ``short_date``); when the schedule's source named no
    date (``Event.date_known`` is False), no date: the day's title, ``Day 2``, or, for a
    one-day event, ``Programme``."""
    if schedule.event.date_known:
        return short_date(day.date) if short else long_date(day.date)
    if day.title:
        return day.title
    if len(schedule.days) == 1:
        return "Programme"
    return f"Day {[d.date for d in schedule.days].index(day.date) + 1}"


def day_heading(schedule, day, short: bool = False, sep: str = " — ") -> str:
    """The day's date and title (``Friday 13 December 2019 — Workshop day``); without a
    known date, :func:`day_label` alone (it is the title then)."""
    label = day_label(schedule, day, short)
    if schedule.event.date_known and day.title:
        return f"{label}{sep}{day.title}"
    return label


def event_dates(schedule, short: bool = False) -> str | None:
    """``Friday 13 December 2019`` or a range of dates; None when the source named none."""
    ev = schedule.event
    if not ev.date_known:
        return None
    fmt = short_date if short else long_date
    if ev.start_date == ev.end_date:
        return fmt(ev.start_date)
    return f"{fmt(ev.start_date)} – {fmt(ev.end_date)}"
