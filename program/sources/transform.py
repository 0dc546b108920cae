"""Whole-schedule transformations shared by the readers and the CLI. Pure: schedule in,
schedule out.

- :func:`move_to_date`: the days moved so that the first is on a given date (the others
  keep their distance), for pages that name no date (``--date``);
- :func:`to_timezone`: every time converted from the event's time zone into another one
  (``--timezone``; an all-UTC calendar printed in the event's local time);
- :func:`apply_overrides`: what ``--date``, ``--timezone``, ``--title`` and ``--venue`` ask.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from program.errors import UserError
from program.model import Day, Schedule, Session, Talk


def _shift(when: datetime, old: date, new: date) -> datetime:
    return when + (datetime.combine(new, datetime.min.time())
                   - datetime.combine(old, datetime.min.time()))


def _retimed(entry: Session | Talk, change) -> Session | Talk:
    """``entry`` (and a session's talks) with ``change`` applied to every start and end."""
    moved = replace(entry, start=change(entry.start), end=change(entry.end))
    if isinstance(moved, Session):
        moved = replace(moved, items=tuple(_retimed(t, change) for t in moved.items))
    return moved


def _move_entry(entry: Session | Talk, old: date, new: date) -> Session | Talk:
    return _retimed(entry, lambda when: _shift(when, old, new))


def move_to_date(schedule: Schedule, new: date) -> Schedule:
    """``schedule`` with its first day (and every time in it) moved to ``new``; the later
    days follow at the same distances. The dates are then known (``Event.date_known``)."""
    first = schedule.days[0].date
    delta = new - first
    days = tuple(Day(date=day.date + delta,
                     entries=tuple(_move_entry(e, day.date, day.date + delta) for e in day.entries),
                     title=day.title, where=day.where, notes=day.notes) for day in schedule.days)
    event = replace(schedule.event, start_date=schedule.event.start_date + delta,
                    end_date=schedule.event.end_date + delta, date_known=True)
    return replace(schedule, event=event, days=days)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UserError(f"unknown time zone {name!r}; give an IANA name like Europe/Berlin "
                        "or America/New_York") from None


def _convert(when: datetime, old: ZoneInfo, new: ZoneInfo) -> datetime:
    return when.replace(tzinfo=old).astimezone(new).replace(tzinfo=None)


def to_timezone(schedule: Schedule, zone: str) -> Schedule:
    """``schedule`` in the time zone ``zone``: with ``Event.timezone`` set, every time is
    converted from that zone (entries move to the day they now fall on); without one, the
    times are taken to be in ``zone`` already and only the zone is set."""
    new = _zone(zone)
    if not schedule.event.timezone or schedule.event.timezone == zone:
        return replace(schedule, event=replace(schedule.event, timezone=zone))
    old = _zone(schedule.event.timezone)
    by_date: dict[date, list[Session | Talk]] = {}
    origin: dict[date, Day] = {}
    for day in schedule.days:
        for entry in day.entries:
            moved = _retimed(entry, lambda when: _convert(when, old, new))
            by_date.setdefault(moved.start.date(), []).append(moved)
            origin.setdefault(moved.start.date(), day)
    same = {day.date: day for day in schedule.days}
    days = []
    for when in sorted(by_date):
        source = same.get(when) or origin[when]
        entries = tuple(sorted(by_date[when], key=lambda e: e.start))
        days.append(Day(date=when, entries=entries, title=source.title, where=source.where,
                        notes=source.notes))
    if not days:
        return replace(schedule, event=replace(schedule.event, timezone=zone))
    event = replace(schedule.event, timezone=zone, start_date=days[0].date,
                    end_date=days[-1].date)
    return replace(schedule, event=event, days=tuple(days))


@dataclass(frozen=True)
class Overrides:
    """What the command line says about the event that its source leaves out or gets wrong."""

    date: date | None = None
    timezone: str | None = None
    title: str | None = None
    venue: str | None = None


def apply_overrides(schedule: Schedule, overrides: Overrides) -> Schedule:
    """``schedule`` with ``overrides`` applied: the date first (the page's wall-clock
    times), then the time zone, then the title and venue."""
    if overrides.date is not None:
        schedule = move_to_date(schedule, overrides.date)
    if overrides.timezone:
        schedule = to_timezone(schedule, overrides.timezone)
    fields = {k: v for k, v in (("title", overrides.title), ("venue", overrides.venue)) if v}
    if fields:
        schedule = replace(schedule, event=replace(schedule.event, **fields))
    return schedule
