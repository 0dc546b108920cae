"""Indico's JSON export (HTTP API): ``load(path) -> Schedule``.

Two shapes, both ``{"_type": "HTTPAPIResult", "results": ...}``:

- the event with its contributions (``/export/event/ID.json?detail=contributions``):
  ``results[0]`` is the event (``title``, ``url``, ``timezone``, ``chairs``) with
  ``contributions``, each ``{"title", "startDate": {"date", "time", "tz"}, "endDate",
  "duration", "room"/"roomFullname"/"location", "session" (its title), "track", "type",
  "description", "url", "speakers"/"primaryauthors"/"coauthors": [{"first_name",
  "last_name", "fullName", "affiliation"}]}``; contributions of one session that follow
  each other in one room become a :class:`Session`;
- the timetable (``/export/timetable/ID.json``): ``results`` is ``{event id: {"YYYYMMDD":
  {entry id: entry}}}``, an entry ``{"entryType": "Session"|"Contribution"|"Break",
  "title", "startDate", "endDate", "room", "location", "description", "presenters"
  (contributions) or "conveners" (sessions) [{"name"/"firstName"+"familyName",
  "affiliation"}], "entries": {nested contributions and breaks of a session}}``.

Times are converted to the event's zone (the contributions export writes them in UTC with
the event's zone beside them). Unscheduled contributions are left out with a warning.
Messages give the line and column of the entry they are about.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from program.errors import UserError
from program.model import Entry, Kind, Notice, Person, Schedule, Session, Talk, Where
from program.sources.common import (assemble, declare_rooms, kind_for, one_line, wall_clock,
                                    zone_info)
from program.sources.frab_json import _JsonLocator, parse_json
from program.sources.naming import IdPool
from program.sources.richtext import parse as rich
from program.sources.strictyaml import read_source_text

SESSION_GAP = timedelta(minutes=20)
"""Contributions of one session further apart than this are two blocks of it (a lunch
between): two sessions in the booklet."""


def sniff(head: bytes) -> bool:
    """True for the start of an Indico HTTP API export."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{") and b'"results"' in head and b'"schedule"' not in head


def load(path: str | Path) -> Schedule:
    """Read an Indico JSON export; UserError for bad JSON or another shape."""
    name = str(path)
    text = read_source_text(path)
    data = parse_json(text, name)
    locate = _JsonLocator(text, name)
    results = data.get("results") if isinstance(data, dict) else None
    if isinstance(results, list) and results and isinstance(results[0], dict) \
            and isinstance(results[0].get("contributions"), list):
        return _from_contributions(results[0], name, locate)
    if isinstance(results, dict) and results and all(isinstance(v, dict)
                                                     for v in results.values()):
        return _from_timetable(results, name, locate)
    raise UserError("not an Indico export: expected \"results\" holding an event with "
                    "\"contributions\" (export/event/ID.json?detail=contributions) or a "
                    "timetable (export/timetable/ID.json)", Where(name))


# --- pieces shared by both shapes ---------------------------------------------------------

def _text(obj: Any, key: str) -> str | None:
    value = obj.get(key) if isinstance(obj, dict) else None
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return str(value).strip() or None


def _moment(value: Any, zone: str | None, label: str, where: Where) -> datetime | None:
    """``{"date": "2021-09-17", "time": "14:10:00", "tz": "UTC"}`` as wall-clock time in
    ``zone`` (the event's); None when there is no date (an unscheduled contribution)."""
    if not isinstance(value, dict) or not _text(value, "date"):
        return None
    text = f"{_text(value, 'date')}T{_text(value, 'time') or '00:00:00'}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"{label}: {text!r} is not a date and time", where) from None
    tz = zone_info(_text(value, "tz"))
    return wall_clock(moment.replace(tzinfo=tz) if tz else moment, zone)


def person(record: Any) -> Person | None:
    """An Indico person: ``first_name``/``firstName`` and ``last_name``/``familyName``, else
    ``fullName``/``name`` (``"Peres, Martin"`` turned round), with ``affiliation``."""
    if not isinstance(record, dict):
        return None
    first = _text(record, "first_name") or _text(record, "firstName")
    last = _text(record, "last_name") or _text(record, "familyName")
    # a stray separator typed into a name field ("Ganapathi,") is not part of the name
    name = " ".join(x.strip(" ,;") for x in (first, last) if x and x.strip(" ,;"))
    if not name:
        name = _text(record, "fullName") or _text(record, "name") or ""
        if name.count(",") == 1:
            family, given = (x.strip() for x in name.split(","))
            name = f"{given} {family}".strip()
    name = one_line(name) or ""
    return Person(name, one_line(_text(record, "affiliation"))) if name else None


def people(*lists: Any) -> tuple[Person, ...]:
    """The persons of the first non-empty list (speakers, else authors), in order."""
    for records in lists:
        found = tuple(p for p in map(person, records if isinstance(records, list) else [])
                      if p)
        if found:
            return found
    return ()


def _room(entry: dict) -> str | None:
    return one_line(_text(entry, "room") or _text(entry, "roomFullname")
                    or _text(entry, "location"))


@dataclass
class _Reader:
    """Turns Indico entries into Talks for one file."""

    name: str
    zone: str | None
    locate: _JsonLocator
    ids: IdPool = field(default_factory=IdPool)
    notices: list[Notice] = field(default_factory=list)

    def talk(self, entry: dict, key: tuple, room: str | None = None) -> Talk | None:
        """The Talk for a contribution or break at key path ``key``; None (with a warning)
        when it has no time."""
        where = self.locate(entry, key)
        ident = _text(entry, "friendly_id") or _text(entry, "id")
        title = one_line(_text(entry, "title")) or ""  # none: "(untitled)", by prepare
        label = f"contribution {ident}" if ident else "a contribution"
        label = f"{label} ({title!r})" if title else label
        start = _moment(entry.get("startDate"), self.zone, label, where)
        if start is None:
            self.notices.append(Notice("has no time in the timetable: left out", where,
                                       item=label))
            return None
        end = _moment(entry.get("endDate"), self.zone, label, where)
        if end is None:
            end = start + timedelta(minutes=float(_text(entry, "duration") or 0))
        kind = kind_for(_text(entry, "type") or _text(entry, "track"), title)
        if entry.get("entryType") == "Break":  # a break, or the meal its title names
            kind = kind if kind in (Kind.BREAK, Kind.MEAL) else Kind.BREAK
        return Talk(
            id=self.ids.take(f"c{ident}" if ident and ident.isdigit() else ident, title),
            title=title, kind=kind, start=start, end=end,
            room=_room(entry) or room,
            speakers=people(entry.get("speakers"), entry.get("presenters"),
                            entry.get("primaryauthors"), entry.get("coauthors")),
            abstract=rich(_text(entry, "description")),
            url=_text(entry, "url"),
            track=one_line(_text(entry, "track")),
            where=where,
        )


def _schedule(name: str, title: str, reader: _Reader, entries: list[tuple[date, Entry]],
              chairs: tuple[Person, ...] = (), **event: str | None) -> Schedule:
    """The Schedule of ``entries``: rooms in the order they come, tracks coloured, the
    event's chairs as its organizers, the reader's notices kept."""
    talks = [t for _, e in entries for t in (e.items if isinstance(e, Session) else (e,))]
    rooms = declare_rooms([e.room for _, e in entries] + [t.room for t in talks])
    schedule = assemble(name, title, rooms, entries, timezone=reader.zone, **event)
    return replace(schedule, notices=schedule.notices + tuple(reader.notices),
                   event=replace(schedule.event, organizers=tuple(p.display() for p in chairs)))


# --- results[0].contributions ---------------------------------------------------------------

def _from_contributions(event: dict, name: str, locate: _JsonLocator) -> Schedule:
    zone = _text(event, "timezone")
    reader = _Reader(name, zone if zone_info(zone) else None, locate)
    talks: list[tuple[str | None, Talk]] = []
    for number, entry in enumerate(event["contributions"]):
        if not isinstance(entry, dict):
            continue
        talk = reader.talk(entry, ("results", 0, "contributions", number))
        if talk is not None:
            talks.append((one_line(_text(entry, "session")), talk))
    return _schedule(name, one_line(_text(event, "title")) or Path(name).stem, reader,
                     _sessions(talks, reader.ids), people(event.get("chairs")),
                     url=_text(event, "url"), venue=one_line(_text(event, "location")))


def _sessions(talks: list[tuple[str | None, Talk]], ids: IdPool) -> list[tuple[date, Entry]]:
    """Contributions grouped: those of one session, on one day, in one room, each starting
    within SESSION_GAP of the one before's end, are one Session; the rest stand alone. In
    an export without rooms, a session's title is its column."""
    if not any(talk.room for _, talk in talks):
        # no rooms at all: sessions held side by side (a main track and a workshop) would
        # collide as items for everyone, so each session is its own column
        talks = [(s, replace(t, room=s) if s else t) for s, t in talks]
    ordered = sorted(talks, key=lambda x: (x[1].start, x[1].room or ""))
    open_blocks: dict[tuple, list[Talk]] = {}
    blocks: list[tuple[str, list[Talk]]] = []
    out: list[tuple[date, Entry]] = []
    for session, talk in ordered:
        if not session:
            out.append((talk.start.date(), talk))
            continue
        key = (session, talk.start.date(), talk.room)
        block = open_blocks.get(key)
        if block is None or talk.start - max(t.end for t in block) > SESSION_GAP:
            block = open_blocks[key] = []
            blocks.append((session, block))
        block.append(talk)
    for session, items in blocks:
        first = items[0]
        out.append((first.start.date(), Session(
            id=ids.take(None, f"session {session}"), title=session, start=first.start,
            end=max(t.end for t in items), items=tuple(items), room=first.room,
            where=first.where)))
    return out


# --- the timetable --------------------------------------------------------------------------

def _from_timetable(results: dict, name: str, locate: _JsonLocator) -> Schedule:
    event_id, days = next(iter(results.items()))
    zone = _timetable_zone(days)
    reader = _Reader(name, zone, locate)
    entries: list[tuple[date, Entry]] = []
    for day_key, day in days.items():
        for entry_key, entry in (day.items() if isinstance(day, dict) else []):
            if not isinstance(entry, dict):
                continue
            key = ("results", event_id, day_key, entry_key)
            if entry.get("entryType") == "Session":
                session = _session(entry, key, reader)
                if session is not None:
                    entries.append((session.start.date(), session))
            else:
                talk = reader.talk(entry, key)
                if talk is not None:
                    entries.append((talk.start.date(), talk))
    return _schedule(name, Path(name).stem, reader, entries)


def _timetable_zone(days: dict) -> str | None:
    """The event's zone: the ``tz`` its entries' times are written in."""
    for day in days.values():
        for entry in (day.values() if isinstance(day, dict) else []):
            start = entry.get("startDate") if isinstance(entry, dict) else None
            zone = _text(start, "tz")
            if zone and zone_info(zone):
                return zone
    return None


def _session(entry: dict, key: tuple, reader: _Reader) -> Session | None:
    """A timetable session block: its nested contributions and breaks, its conveners as
    chairs."""
    where = reader.locate(entry, key)
    title = one_line(_text(entry, "slotTitle") or _text(entry, "title")) or "Session"
    if _text(entry, "slotTitle") and _text(entry, "title") and \
            _text(entry, "slotTitle") != _text(entry, "title"):
        title = f"{one_line(_text(entry, 'title'))}: {one_line(_text(entry, 'slotTitle'))}"
    start = _moment(entry.get("startDate"), reader.zone, f"session {title!r}", where)
    end = _moment(entry.get("endDate"), reader.zone, f"session {title!r}", where)
    if start is None:
        reader.notices.append(Notice("has no time: left out", where, item=f"session {title!r}"))
        return None
    room = _room(entry)
    nested = entry.get("entries") if isinstance(entry.get("entries"), dict) else {}
    items = [t for k, e in nested.items() if isinstance(e, dict)
             for t in [reader.talk(e, (*key, "entries", k), room)] if t is not None]
    items.sort(key=lambda t: t.start)
    return Session(id=reader.ids.take(None, f"session {title}"), title=title, start=start,
                   end=end or max((t.end for t in items), default=start), items=tuple(items),
                   chairs=people(entry.get("conveners")), room=room,
                   description=rich(_text(entry, "description")), where=where)
