"""Whole-schedule transformations shared by the readers and the CLI. Pure: schedule in,
schedule out.

- :func:`move_to_date`: the days moved so that the first is on a given date (the others
  keep their distance), for pages that name no date (``--date``);
- :func:`to_timezone`: every time converted from the event's time zone into another one
  (``--timezone``; an all-UTC calendar printed in the event's local time);
- :func:`apply_overrides`: what ``--date``, ``--timezone``, ``--title`` and ``--venue`` ask;
- :func:`fill_talk_urls`: a URL for each talk from the event's ``talk_url`` template.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Callable
from urllib.parse import quote

from program.errors import UserError
from program.sources.clean import clean_id
from program.model import Day, Schedule, Session, Talk, instant, wall, zone as zone_info


def _shift(when: datetime, old: date, new: date) -> datetime:
    return when + (datetime.combine(new, datetime.min.time())
                   - datetime.combine(old, datetime.min.time()))


def move_to_date(schedule: Schedule, new: date) -> Schedule:
    """``schedule`` with its first day (and every time in it) moved to ``new``; the later
    days follow at the same distances. The dates are then known (``Event.date_known``)."""
    first = schedule.days[0].date
    delta = new - first
    days = tuple(Day(date=day.date + delta,
                     entries=tuple(_moved_entry(e, lambda t, d=day.date: _shift(t, d, d + delta)) for e in day.entries),
                     title=day.title, where=day.where, notes=day.notes) for day in schedule.days)
    event = replace(schedule.event, start_date=schedule.event.start_date + delta,
                    end_date=schedule.event.end_date + delta, date_known=True)
    return replace(schedule, event=event, days=days)


def to_timezone(schedule: Schedule, zone: str) -> Schedule:
    """``schedule`` printed in ``zone`` (``--timezone``).

    When the schedule's zone is known, every time becomes the wall clock of the same instant
    in ``zone`` (a day's date moves with its first item: a UTC day from 00:30 is the evening
    before in New York); when none is known, the times are taken to be in ``zone``. Either
    way the readers' notices about the zone are settled and dropped. Day notes keep their
    text (those with times name their zone). UserError for a name that is no IANA zone."""
    if zone_info(zone) is None:
        raise UserError(f"unknown time zone {zone!r} (use a name like Europe/Berlin)")
    old = schedule.event.timezone
    notices = tuple(n for n in schedule.notices if n.about != "timezone")
    if zone_info(old) is None or old == zone:
        return replace(schedule, event=replace(schedule.event, timezone=zone), notices=notices)

    def move(when: datetime) -> datetime:
        return wall(instant(when, old), zone)

    by_date: dict[date, Day] = {}
    for day in schedule.days:
        moved = _moved_day(day, move, old)
        same = by_date.get(moved.date)
        by_date[moved.date] = moved if same is None else replace(
            same, entries=same.entries + moved.entries, notes=same.notes + moved.notes)
    days = tuple(by_date[d] for d in sorted(by_date))
    event = replace(schedule.event, timezone=zone, start_date=days[0].date,
                    end_date=days[-1].date)
    return replace(schedule, event=event, days=days, notices=notices)


def _moved_day(day: Day, move: Callable[[datetime], datetime], old: str) -> Day:
    """``day`` with every time moved, dated by where its first item went."""
    entries = tuple(_moved_entry(e, move) for e in day.entries)
    if not day.entries:
        return day
    first = min(range(len(entries)), key=lambda i: instant(day.entries[i].start, old))
    shift = entries[first].start.date() - day.entries[first].start.date()
    return replace(day, date=day.date + shift, entries=entries)


def _moved_entry(entry: Session | Talk, move: Callable[[datetime], datetime]) -> Session | Talk:
    """``entry`` (and the items of a session) with ``move`` applied to every time."""
    moved = replace(entry, start=move(entry.start), end=move(entry.end))
    if isinstance(moved, Session):
        moved = replace(moved, items=tuple(_moved_entry(t, move) for t in moved.items))
    return moved


@dataclass(frozen=True)
class Overrides:
    """What the command line says about the event that its source leaves out or gets wrong."""

    date: date | None = None
    timezone: str | None = None
    title: str | None = None
    venue: str | None = None
    #: BCP 47 tag: the language the products print in
    language: str | None = None


def apply_overrides(schedule: Schedule, overrides: Overrides) -> Schedule:
    """``schedule`` with ``overrides`` applied: the date first (the page's wall-clock
    times), then the time zone, then the title, venue and language."""
    if overrides.date is not None:
        schedule = move_to_date(schedule, overrides.date)
    if overrides.timezone:
        schedule = to_timezone(schedule, overrides.timezone)
    fields = {k: v for k, v in (("title", overrides.title), ("venue", overrides.venue),
                                ("language", overrides.language)) if v}
    if fields:
        schedule = replace(schedule, event=replace(schedule.event, **fields))
    return schedule


def fill_talk_urls(schedule: Schedule) -> Schedule:
    """``schedule`` with a URL for every talk that has none, from the event's ``talk_url``
    template (``{id}``: the talk's id as the model keeps it, percent-encoded, so that no id
    makes a broken URL); remarks, breaks and posters get none. Without a template, or with
    every talk's URL given (the checks, the prepare step and the build each ask): the same
    object."""
    template = schedule.event.talk_url
    if not template or all(t.url or not t.kind.is_talk for t in schedule.talks()):
        return schedule

    def fill(entry: Session | Talk) -> Session | Talk:
        if isinstance(entry, Session):
            return replace(entry, items=tuple(fill(t) for t in entry.items))
        if entry.url or not entry.kind.is_talk:
            return entry
        return replace(entry, url=template.replace("{id}", quote(clean_id(entry.id))))

    days = tuple(replace(day, entries=tuple(fill(e) for e in day.entries))
                 for day in schedule.days)
    return replace(schedule, days=days)
