"""Poster sessions as the grids show them: one cell per session with its count
("Poster session A · 48 posters"), not a sliver per poster. Pure.
"""
from __future__ import annotations

from dataclasses import replace

from program.model import Day, Kind, Session, Talk


def is_poster_session(entry) -> bool:
    """A session whose items have board numbers (see the YAML reader's ``boards``)."""
    return isinstance(entry, Session) and bool(entry.items) and \
        all(t.board for t in entry.items)


def poster_label(session: Session) -> str:
    """``Poster session A · 48 posters``."""
    n = len(session.items)
    return f"{session.title} · {n} poster{'s' if n != 1 else ''}"


def poster_cells(day: Day) -> Day:
    """``day`` with each poster session shown as one item with its count, in its room (or
    its posters' one room; for everyone when they have none)."""
    if not any(is_poster_session(e) for e in day.entries):
        return day
    entries = []
    for entry in day.entries:
        if not is_poster_session(entry):
            entries.append(entry)
            continue
        rooms = {t.room for t in entry.items}
        room = entry.room or (next(iter(rooms)) if len(rooms) == 1 else None)
        # the cell goes where the first poster is (the session's own page lists them all)
        entries.append(Talk(id=entry.items[0].id, title=poster_label(entry), kind=Kind.POSTER,
                            start=entry.start, end=entry.end, room=room,
                            speakers=entry.chairs, where=entry.where))
    return replace(day, entries=tuple(entries))
