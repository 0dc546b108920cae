"""Small whole-schedule transformations shared by the readers and the CLI."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from program.model import Day, Schedule, Session, Talk


def _shift(when: datetime, old: date, new: date) -> datetime:
    return when + (datetime.combine(new, datetime.min.time())
                   - datetime.combine(old, datetime.min.time()))


def _move_entry(entry: Session | Talk, old: date, new: date) -> Session | Talk:
    moved = replace(entry, start=_shift(entry.start, old, new), end=_shift(entry.end, old, new))
    if isinstance(moved, Session):
        moved = replace(moved, items=tuple(_move_entry(t, old, new) for t in moved.items))
    return moved


def move_to_date(schedule: Schedule, new: date) -> Schedule:
    """The one-day ``schedule`` with its day (and every time in it) moved to ``new``."""
    (day,) = schedule.days
    moved = Day(date=new, entries=tuple(_move_entry(e, day.date, new) for e in day.entries),
                title=day.title, where=day.where)
    event = replace(schedule.event, start_date=new, end_date=new)
    return replace(schedule, event=event, days=(moved,))
