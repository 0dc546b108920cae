"""Poster sessions as the grids show them: one cell per session with its count
("Poster session A · 48 posters"), not a sliver per poster. Pure.
"""
from __future__ import annotations

import re
from dataclasses import replace

from program.language import ENGLISH, Language
from program.model import Day, Kind, Session, Talk


def is_poster_session(entry) -> bool:
    """A session whose items have board numbers (see the YAML reader's ``boards``)."""
    return isinstance(entry, Session) and entry.is_posters


def poster_label(session: Session, lang: Language = ENGLISH) -> str:
    """``Poster session A · 48 posters``, in ``lang`` (its plural rule: ``48 plakatów``)."""
    n = len(session.items)
    return lang.plural("{title} · {count} poster", "{title} · {count} posters", n,
                       title=session.title, count=str(n))


def poster_cells(day: Day, lang: Language = ENGLISH) -> Day:
    """``day`` with each poster session shown as one item with its count (in ``lang``), in
    its room (or its posters' one room; for everyone when they have none)."""
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
        entries.append(Talk(id=entry.items[0].id, title=poster_label(entry, lang), kind=Kind.POSTER,
                            start=entry.start, end=entry.end, room=room,
                            speakers=entry.chairs, where=entry.where))
    return replace(day, entries=tuple(entries))


# --------------------------------------------------------------------------------------
# The booklet's compact list of a poster session: rows of posters in columns, by board

#: the narrowest column of the poster list (a column fewer below it)
POSTER_COLUMN_MIN = 150.0
POSTER_GAP = 10.0


def poster_columns(width: float) -> int:
    """How many columns of posters ``width`` points hold (one at least, three at most)."""
    return max(1, min(3, int((width + POSTER_GAP) // (POSTER_COLUMN_MIN + POSTER_GAP))))


def board_key(board: str | None) -> tuple:
    """Board numbers in the order a person walks them: ``A2`` before ``A10``."""
    parts = re.split(r"(\d+)", board or "")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def booklet_posters(session: Session) -> tuple[Talk, ...]:
    """A poster session's posters as the booklet lists them: by board number (``A2`` before
    ``A10``), posters without one after them in schedule order."""
    return tuple(sorted(session.items, key=lambda t: (not t.board, board_key(t.board))))


def poster_rows(session: Session, columns: int) -> tuple[tuple[Talk, ...], ...]:
    """The posters in rows of ``columns``, read left to right, then down (so that a row is
    what goes to the next page whole, and the reading order stays the board order)."""
    ordered = booklet_posters(session)
    return tuple(ordered[i:i + columns] for i in range(0, len(ordered), columns))
