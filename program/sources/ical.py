"""iCalendar (RFC 5545) files, as pretalx, frab and calendar programs export them.

``load(path) -> Schedule``, read with the ``icalendar`` package. Each VEVENT is an item:

- DTSTART, and DTEND or DURATION (neither: a zero-length item); times with a TZID or in UTC
  are converted to the calendar's zone (X-WR-TIMEZONE, else its VTIMEZONE, else the zone the
  events use) and kept as wall-clock times, with ``Event.timezone`` naming the zone;
- UID -> id, LOCATION -> room, URL -> url, DESCRIPTION -> abstract;
- SUMMARY -> title. pretalx writes ``Title - Speaker, Speaker``; the speakers are split off
  only when that is unambiguous: the part after the last `` - `` looks like names, the event
  carries no ORGANIZER, ATTENDEE or X- properties, and either the calendar comes from pretalx
  or every event in it has that shape.

All-day events (DTSTART without a time) are not timetable items and are left out. A
recurring event (RRULE) is refused with a message, since its dates would be guessed.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from program.errors import UserError
from program.model import Entry, Person, Schedule, Talk, Where
from program.sources.naming import IdPool
from program.sources.common import (assemble, declare_rooms, kind_for, line_of,
                                    one_line, wall_clock, zone_info, zone_name)
from program.sources.strictyaml import read_source_text
from program.sources.richtext import parse as rich


_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del",
                   "dos", "das", "bin", "ibn", "al", "el", "y", "zu", "ter", "ten", "af"}
_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
_NOT_NAME = re.compile(r"[\d:;!?()\[\]{}\"“”/@#&+=<>|]")


def sniff(head: bytes) -> bool:
    """True for the start of an iCalendar file."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


def load(path: str | Path) -> Schedule:
    """Read an iCalendar file; UserError for a broken, empty or foreign file."""
    name = str(path)
    text = read_source_text(path)
    calendar = _parse(text, name)
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise UserError("no events (VEVENT) in this calendar", Where(name))
    lines = [line_of(text, m.start()) for m in re.finditer(r"(?im)^BEGIN:VEVENT\s*$", text)]
    zone = _calendar_zone(calendar, events)
    split = _summaries_split(calendar, events)
    ids = IdPool()
    entries: list[tuple[date, Entry]] = []
    for index, event in enumerate(events):
        where = Where(name, lines[index] if index < len(lines) else 0)
        talk = _talk(event, zone, split, ids, where)
        if talk is not None:
            entries.append((talk.start.date(), talk))
    title = one_line(_prop_text(calendar, "X-WR-CALNAME") or _prop_text(calendar, "NAME")) \
        or Path(name).stem
    rooms = declare_rooms(talk.room for _, talk in entries)
    return assemble(name, title, rooms, entries, timezone=zone,
                    url=_prop_text(calendar, "URL") or _prop_text(calendar, "X-ORIGINAL-URL"))


def _parse(text: str, name: str) -> Any:
    """The VCALENDAR component of ``text``, or a UserError saying what is wrong."""
    from icalendar import Calendar  # imported here: slow to import, needed only for .ics

    if not sniff(text.encode("utf-8", "replace")[:64]):
        raise UserError("not an iCalendar file: it does not start with BEGIN:VCALENDAR",
                        Where(name, 1))
    if not re.search(r"(?im)^END:VCALENDAR\s*$", text):
        raise UserError("the calendar is cut off: it ends without END:VCALENDAR",
                        Where(name, line_of(text, len(text.rstrip()))))
    defined = set(re.findall(r"(?im)^TZID:(.+?)\s*$", text))
    for number, line in enumerate(text.split("\n"), 1):
        for m in re.finditer(r";TZID=\"?([^:;\"]+)", line):
            if m[1] not in defined and not zone_info(m[1]):
                raise UserError(f"unknown time zone {m[1]!r} in a TZID (no VTIMEZONE defines "
                                "it and it is not an IANA name)", Where(name, number))
    try:
        calendar = Calendar.from_ical(text)
    except OSError:  # icalendar looked up a TZID like "Europe", which is a folder of zones
        number, tzid = next(((n, m[1]) for n, line in enumerate(text.split("\n"), 1)
                             for m in re.finditer(r";TZID=([^:;]+)", line)
                             if not zone_info(m[1])), (0, "?"))
        raise UserError(f"unknown time zone {tzid!r} in a TZID", Where(name, number)) from None
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        bad = next((number for number, line in enumerate(text.split("\n"), 1)
                    if line.strip() and line[0] not in " \t" and not _CONTENT_LINE.match(line)),
                   0)
        if bad:
            raise UserError("not a readable iCalendar file: this line is not NAME:value",
                            Where(name, bad)) from None
        reason = str(exc).split(":")[0]
        raise UserError(f"not a readable iCalendar file ({reason})", Where(name)) from None
    broken = [e for component in calendar.walk() for e in getattr(component, "errors", [])]
    if broken:  # icalendar skipped lines that are not NAME:value; we do not build from half a file
        bad = next((number for number, line in enumerate(text.split("\n"), 1)
                    if line.strip() and line[0] not in " \t" and not _CONTENT_LINE.match(line)),
                   0)
        if bad:  # (a bad value in a good line is reported with its event, later)
            raise UserError("not a readable iCalendar file: this line is not NAME:value",
                            Where(name, bad))
    return calendar


def _as_text(value: Any) -> str:
    """A property value as text (text values as they are, others as written in the file)."""
    if isinstance(value, str):
        return str(value)
    raw = value.to_ical() if hasattr(value, "to_ical") else value
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _prop_text(component: Any, key: str) -> str | None:
    """A property as stripped text (the first, when repeated), or None."""
    value = component.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None else (_as_text(value).strip() or None)


def _moment(event: Any, key: str, where: Where) -> Any:
    """The decoded value of DTSTART, DTEND (date or datetime) or DURATION (timedelta), None
    when absent; a value of another type (a broken property) is a UserError."""
    wanted = timedelta if key == "DURATION" else date
    try:
        value = event.decoded(key) if key in event else None
    except (ValueError, KeyError, TypeError):
        value = event.get(key)
    if value is None or isinstance(value, wanted):
        return value
    shown = _as_text(event.get(key))
    what = "a duration" if key == "DURATION" else "a date and time"
    raise UserError(f"event {_prop_text(event, 'SUMMARY') or ''!r}: {key} {shown!r} is not "
                    f"{what}", where)


def _calendar_zone(calendar: Any, events: list[Any]) -> str | None:
    """The zone the schedule is in: X-WR-TIMEZONE, the first VTIMEZONE, else the zone most
    DTSTARTs use (UTC when all are in UTC; None for floating times). A name Python does not
    know (``W. Europe Standard Time``) gives way to the next candidate that it knows."""
    candidates = [_prop_text(calendar, "X-WR-TIMEZONE")]
    candidates += [_prop_text(tz, "TZID") for tz in calendar.walk("VTIMEZONE")]
    used: Counter[str] = Counter()
    for event in events:
        try:
            start = event.decoded("DTSTART") if "DTSTART" in event else None
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(start, datetime) and start.tzinfo is not None:
            used[zone_name(start) or ""] += 1
    candidates += [name for name, _ in used.most_common()]
    named = [c for c in candidates if c]
    return next((c for c in named if zone_info(c)), named[0] if named else None)


def _summaries_split(calendar: Any, events: list[Any]) -> bool:
    """True when SUMMARY is ``Title - Speakers`` throughout: the calendar is from pretalx,
    or every event's SUMMARY has a names-like part after its last `` - ``."""
    prodid = (_prop_text(calendar, "PRODID") or "").lower()
    uids = [(_prop_text(e, "UID") or "") for e in events]
    if "pretalx" in prodid or all(uid.startswith("pretalx-") for uid in uids):
        return True
    return all(_split_summary(one_line(_prop_text(e, "SUMMARY")) or "")[1] for e in events)


def _split_summary(summary: str) -> tuple[str, tuple[str, ...]]:
    """``"Title - Ana Ruiz, Bo Li"`` -> (``"Title"``, (``"Ana Ruiz"``, ``"Bo Li"``)) when the
    tail looks like names; else (summary, ())."""
    title, sep, tail = summary.rpartition(" - ")
    if not sep or not title.strip():
        return summary, ()
    names = tuple(n.strip() for n in tail.split(","))
    if all(_looks_like_name(n) for n in names):
        return title.strip(), names
    return summary, ()


def _looks_like_name(text: str) -> bool:
    """1 to 5 words, no digits or punctuation of titles, each word capitalised (or from a
    script without case), except particles like ``van`` or ``de``."""
    words = text.split()
    if not 1 <= len(words) <= 5 or _NOT_NAME.search(text):
        return False
    return all(w[0].isupper() or not w[0].islower() or w in _NAME_PARTICLES for w in words)


def _has_people_props(event: Any) -> bool:
    """True when an event names people or carries private data the summary might refer to
    (ORGANIZER, ATTENDEE, X- properties): then its SUMMARY is not split."""
    return any(key in event for key in ("ORGANIZER", "ATTENDEE")) or \
        any(key.upper().startswith("X-") for key in event.keys())


def _talk(event: Any, zone: str | None, split: bool, ids: IdPool, where: Where) -> Talk | None:
    """The Talk for one VEVENT (None for an all-day event)."""
    summary = one_line(_prop_text(event, "SUMMARY"))
    label = f"event {summary!r}" if summary else "an event"
    if "RRULE" in event:
        raise UserError(f"{label} repeats (RRULE); export the calendar with single events",
                        where)
    start = _moment(event, "DTSTART", where)
    if start is None:
        raise UserError(f"{label} has no DTSTART", where)
    if not isinstance(start, datetime):
        return None
    end = _moment(event, "DTEND", where)
    if end is None:
        duration = _moment(event, "DURATION", where)
        end = start + duration if isinstance(duration, timedelta) else start
    if not isinstance(end, datetime):
        raise UserError(f"{label}: DTEND has no time of day, but DTSTART has", where)
    if not summary:
        raise UserError(f"{label} has no SUMMARY (title)", where)
    title, names = _split_summary(summary) if split and not _has_people_props(event) \
        else (summary, ())
    title = title.removesuffix(" -").strip() or summary
    return Talk(
        id=ids.take(_prop_text(event, "UID"), title),
        title=title,
        kind=kind_for(None, title),
        start=wall_clock(start, zone),
        end=wall_clock(end, zone),
        room=one_line(_prop_text(event, "LOCATION")),
        speakers=tuple(Person(n) for n in names),
        abstract=rich(_prop_text(event, "DESCRIPTION")),
        url=_prop_text(event, "URL"),
        where=where,
    )
