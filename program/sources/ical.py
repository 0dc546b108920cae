"""iCalendar (RFC 5545) files, as pretalx, frab and calendar programs export them.

``load(path) -> Schedule``, read with the ``icalendar`` package (the xCal reader converts its
XML to the same calendar and comes through :func:`from_calendar`). Each VEVENT is an item:

- DTSTART, and DTEND or DURATION (neither: a zero-length item), added in real time (across a
  change of the clocks too); times with a TZID or in UTC are converted to the calendar's zone
  (X-WR-TIMEZONE, else its VTIMEZONE, else the zone the events use) and kept as wall-clock
  times, with ``Event.timezone`` naming the zone. Times all in UTC with no zone named stay
  in UTC, with a warning. A time its zone skips (02:30 on a spring-forward night) is refused;
- UID -> id, LOCATION -> room, URL -> url, DESCRIPTION -> abstract, CATEGORIES -> track;
- SUMMARY -> title (empty: ``(untitled)``, with a warning). pretalx writes ``Title - Name
  [Affiliation], Name``; the speakers are split off only when that is unambiguous: the part
  after the last `` - `` looks like names, the event carries no ORGANIZER, ATTENDEE or X-
  properties, and either the calendar comes from pretalx or every event in it has that shape;
- ORGANIZER;CN= -> speaker; ATTENDEE;ROLE=CHAIR;CN= -> chair: the event becomes a session
  holding the events in its room and time.

RDATE adds occurrences (EXDATE and overriding VEVENTs with a RECURRENCE-ID taken out); a
recurring event (RRULE) is refused with a message, since its dates would be guessed.
All-day events, and events over several days, are not timetable items: they become notes of
each day they cover (with their real start and end), or a warning when they cover none.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from itertools import islice
from typing import Any

from dateutil.rrule import rrulestr

from program.errors import UserError
from program.model import (Day, Entry, Notice, Person, Schedule, Session, Talk,
                           Where, after, exists, instant)
from program.sources.naming import IdPool
from program.sources.common import (assemble, declare_rooms, kind_for, line_of, printed_in_utc,
                                    one_line, wall_clock, zone_info, zone_name)
from program.sources.strictyaml import read_source_text
from program.sources.richtext import parse as rich


_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del",
                   "dos", "das", "bin", "ibn", "al", "el", "y", "zu", "ter", "ten", "af"}
_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
_NOT_NAME = re.compile(r"[\d:;!?()\[\]{}\"“”/@#&+=<>|]")
try:  # CLDR's table of Windows zone names (icalendar 6 and later)
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON as _WINDOWS_ZONES
except ImportError:  # pragma: no cover - older icalendar: such names stay unknown
    _WINDOWS_ZONES = {}
_NIGHT_ENDS = time(6, 0)  # an item ending by then the next morning belongs to its evening
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def sniff(head: bytes) -> bool:
    """True for the start of an iCalendar file."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


def load(path: str | Path) -> Schedule:
    """Read an iCalendar file; UserError for a broken, empty or foreign file."""
    name = str(path)
    text = read_source_text(path)
    calendar = parse_text(text, name)
    lines = [line_of(text, m.start()) for m in re.finditer(r"(?im)^BEGIN:VEVENT\s*$", text)]
    return from_calendar(calendar, name, lines)


def from_calendar(calendar: Any, name: str, lines: list[int]) -> Schedule:
    """The Schedule of a parsed VCALENDAR (from ``name``; ``lines``: where each VEVENT
    begins). The xCal reader comes here too, with the calendar it converted."""
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise UserError("no events (VEVENT) in this calendar", Where(name))
    zone, notices = _calendar_zone(calendar, events, name)
    split = _summaries_split(calendar, events)
    ids = IdPool()
    replaced = {(_prop_text(e, "UID"), _real(_moment(e, "RECURRENCE-ID", Where(name))))
                for e in events if "RECURRENCE-ID" in e}
    talks: list[tuple[Talk, tuple[Person, ...]]] = []
    spans: list[_Span] = []
    for index, event in enumerate(events):
        where = Where(name, lines[index] if index < len(lines) else 0)
        found = _items(event, zone, split, ids, where, replaced)
        talks += found.talks
        spans += found.spans
        notices += found.notices
    title = one_line(_prop_text(calendar, "X-WR-CALNAME") or _prop_text(calendar, "NAME")) \
        or Path(name).stem
    rooms = declare_rooms(talk.room for talk, _ in talks)
    if not talks and spans:
        raise UserError("no events with a time of day in this calendar (only all-day "
                        "events): nothing to put in a timetable", Where(name))
    entries = [(entry.start.date(), entry) for entry in _chaired(talks, ids, zone)]
    schedule = assemble(name, title, rooms, entries, timezone=zone,
                        url=_prop_text(calendar, "URL") or _prop_text(calendar, "X-ORIGINAL-URL"))
    days, left_out = _with_notes(schedule.days, spans)
    notices += [Notice(f"{span.label} ({span.when}) is on no day of the timetable: left out",
                       span.where) for span in left_out]
    return replace(schedule, days=days, notices=tuple(notices))


def parse_text(text: str, name: str) -> Any:
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


def _values(component: Any, key: str) -> list[Any]:
    """Every value of a property that may be repeated (none: ``[]``)."""
    value = component.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _calendar_zone(calendar: Any, events: list[Any], name: str) -> tuple[str | None, list[Notice]]:
    """The zone the schedule is in: X-WR-TIMEZONE, the first VTIMEZONE, else the zone most
    DTSTARTs use (UTC when all are in UTC; None for floating times). A name Python does not
    know gives way to the next candidate that it knows; a Windows name (Outlook's
    ``W. Europe Standard Time``) is read as the IANA zone CLDR maps it to.

    Times all in UTC with no zone named: printed in UTC, and a notice says so."""
    named = [_prop_text(calendar, "X-WR-TIMEZONE")]
    named += [_prop_text(tz, "TZID") for tz in calendar.walk("VTIMEZONE")]
    used: Counter[str] = Counter()
    for event in events:
        try:
            start = event.decoded("DTSTART") if "DTSTART" in event else None
        except (ValueError, KeyError, TypeError):
            continue
        if isinstance(start, datetime) and start.tzinfo is not None:
            used[zone_name(start) or ""] += 1
    candidates = [c if zone_info(c) else _WINDOWS_ZONES.get(c, c)
                  for c in named + [n for n, _ in used.most_common()] if c]
    zone = next((c for c in candidates if zone_info(c)), candidates[0] if candidates else None)
    if zone == "UTC" and not any(named):
        return zone, [printed_in_utc(name, "the calendar gives its times in UTC and names "
                                           "no time zone (no X-WR-TIMEZONE or VTIMEZONE)")]
    return zone, []


def _summaries_split(calendar: Any, events: list[Any]) -> str | None:
    """How SUMMARY is ``Title - Speakers`` throughout: ``"pretalx"`` when PRODID says the
    calendar is pretalx's (which always writes it so: whatever follows the last `` - `` is
    names), ``"names"`` when its UIDs are pretalx's (a calendar made from one may have
    rewritten the summaries) or every event's (non-empty) SUMMARY has a names-like part
    there, else None."""
    if "pretalx" in (_prop_text(calendar, "PRODID") or "").lower():
        return "pretalx"
    uids = [(_prop_text(e, "UID") or "") for e in events]
    if all(uid.startswith("pretalx-") for uid in uids):
        return "names"
    summaries = [one_line(_prop_text(e, "SUMMARY")) for e in events]
    return "names" if all(_split_summary(s)[1] for s in summaries if s) else None


def _split_summary(summary: str, any_names: bool = False) -> tuple[str, tuple[Person, ...]]:
    """``"Title - Ana Ruiz [Uni X], Bo Li"`` -> (``"Title"``, (Ana Ruiz of Uni X, Bo Li))
    when the part after the last `` - `` (outside brackets) looks like names (or, with
    ``any_names``, is not empty: pretalx's ``danimo``); else (summary, ())."""
    depth, cut = 0, -1
    for i, char in enumerate(summary):
        depth += (char == "[") - (char == "]")
        if depth == 0 and summary.startswith(" - ", i):
            cut = i
    title, tail = summary[:cut], summary[cut + 3:]
    if cut < 0 or not title.strip():
        return summary, ()
    people = [_person_text(part, any_names) for part in re.split(r",(?![^\[]*\])", tail)]
    if all(people):
        return title.strip(), tuple(p for p in people if p)
    return summary, ()


def _person_text(text: str, any_name: bool = False) -> Person | None:
    """``"Ana Ruiz [Uni X]"`` -> Person("Ana Ruiz", "Uni X"); None when it is not a name
    (with ``any_name``: when it is empty)."""
    m = re.fullmatch(r"\s*([^\[\]]+?)\s*(?:\[([^\[\]]*)\])?\s*", text)
    if not m or not (any_name or _looks_like_name(m[1])):
        return None
    return Person(m[1], one_line(m[2]))


def _looks_like_name(text: str) -> bool:
    """1 to 5 words, no digits or punctuation of titles, each word capitalised (or from a
    script without case), except particles like ``van`` or ``de``."""
    words = text.split()
    if not 1 <= len(words) <= 5 or _NOT_NAME.search(text):
        return False
    return all(w[0].isupper() or not w[0].islower() or w in _NAME_PARTICLES for w in words)


def _has_people_props(event: Any) -> bool:
    """True when an event names people or carries private data the summary might refer to
    (ORGANIZER, ATTENDEE, X- properties): then its SUMMARY is not split by its look."""
    return any(key in event for key in ("ORGANIZER", "ATTENDEE")) or \
        any(key.upper().startswith("X-") for key in event.keys())


def _people(event: Any) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """(speakers, chairs): ORGANIZER's CN (and ATTENDEE;ROLE=X-SPEAKER's, as the xCal
    reader writes pretalx's speakers), and the CN of each ATTENDEE with ROLE=CHAIR (a name
    may carry ``[Affiliation]``; an address without a name is no one we can print)."""
    def person(value: Any) -> Person | None:
        name = one_line(str(getattr(value, "params", {}).get("CN") or ""))
        return (_person_text(name) or Person(name)) if name else None

    def role(value: Any) -> str:
        return str(getattr(value, "params", {}).get("ROLE", "")).upper()

    attendees = _values(event, "ATTENDEE")
    speakers = [person(v) for v in _values(event, "ORGANIZER")]
    speakers += [person(v) for v in attendees if role(v) == "X-SPEAKER"]  # pretalx's xCal
    chairs = [person(v) for v in attendees if role(v) == "CHAIR"]
    return tuple(p for p in speakers if p), tuple(p for p in chairs if p)


def _title_and_speakers(summary: str, event: Any, split: str | None,
                        speakers: tuple[Person, ...]) -> tuple[str, tuple[Person, ...]]:
    """The title and speakers of an event: named by ORGANIZER (a ``Title - Names`` summary
    naming the same people loses the names), else split off the summary when ``split``
    says how. A trailing `` -`` (pretalx, for a talk without speakers) names no one."""
    if summary.endswith(" -"):
        return _clean_title(summary, summary), speakers
    title, names = _split_summary(summary, any_names=split == "pretalx")
    if speakers:
        if names and [p.name for p in names] == [p.name for p in speakers]:
            return _clean_title(title, summary), tuple(
                mine if mine.affiliation else theirs for mine, theirs in zip(names, speakers))
        return _clean_title(summary, summary), speakers
    if split and not _has_people_props(event):
        return _clean_title(title, summary), names
    return _clean_title(summary, summary), ()


def _clean_title(title: str, summary: str) -> str:
    """A title without the `` -`` pretalx leaves when a talk has no speakers."""
    return title.removesuffix(" -").strip() or summary


def _track(event: Any) -> str | None:
    """The first of the event's CATEGORIES."""
    for value in _values(event, "CATEGORIES"):
        for category in getattr(value, "cats", None) or [value]:
            text = one_line(_as_text(category))
            if text:
                return text
    return None


@dataclass(frozen=True)
class _Span:
    """An event that is not a timetable item (all day, or over several days): printed as a
    note on each day from ``first`` to ``last``."""

    label: str
    first: date
    last: date
    text: str
    when: str
    where: Where


@dataclass
class _Found:
    """What one VEVENT gives: timed items (with their chairs), day notes, warnings."""

    talks: list[tuple[Talk, tuple[Person, ...]]] = field(default_factory=list)
    spans: list[_Span] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def _items(event: Any, zone: str | None, split: str | None, ids: IdPool, where: Where,
           replaced: set[tuple[str | None, Any]]) -> _Found:
    """The items of one VEVENT: one per occurrence (DTSTART and each RDATE)."""
    found = _Found()
    summary = one_line(_prop_text(event, "SUMMARY"))
    label = f"event {summary!r}" if summary else "an event"
    start = _moment(event, "DTSTART", where)
    if start is None:
        raise UserError(f"{label} has no DTSTART", where)
    uid = _prop_text(event, "UID")
    if not summary:  # kept with an empty title: the prepare step prints "(untitled)"
        when = f"{wall_clock(start, zone):%Y-%m-%d %H:%M}" if isinstance(start, datetime) \
            else start.isoformat()
        label = f"an untitled event ({when})"
    speakers, chairs = _people(event)
    title, speakers = _title_and_speakers(summary, event, split, speakers) if summary \
        else ("", speakers)
    room = one_line(_prop_text(event, "LOCATION"))
    length = _length(event, start, zone, label, where)
    excluded = {_real(d) for d in _listed(event, "EXDATE", label, where)}
    if "RECURRENCE-ID" not in event:  # occurrences another VEVENT replaces are its own
        excluded |= {moment for key, moment in replaced if key == uid}
    occurrences = [(start, None)] + _repeats(event, start, label, where) + \
        _rdates(event, zone, label, where)
    for n, (begin, end) in enumerate(occurrences):
        if _real(begin) in excluded:
            continue
        excluded.add(_real(begin))  # an RDATE repeating DTSTART is the same occurrence
        end = _plus(begin, length, zone) if end is None else end
        if not isinstance(begin, datetime):  # all day: DTEND is the day after the last
            last = max(begin, (end.date() if isinstance(end, datetime) else end)
                       - timedelta(days=1))
            when = f"{_day(begin)} – {_day(last)}" if last > begin else _day(begin)
            text = title + (f" ({when})" if last > begin else "")
            found.spans.append(_Span(label, begin, last, _with_room(text, room),
                                     f"all day, {when}", where))
            continue
        if not isinstance(end, datetime):
            raise UserError(f"{label}: DTEND has no time of day, but DTSTART has", where)
        _must_exist(begin, event, "DTSTART" if n == 0 else "RDATE", zone, label, where)
        _must_exist(end, event, "DTEND" if n == 0 else "RDATE", zone, label, where)
        begin, end = wall_clock(begin, zone), wall_clock(end, zone)
        if _spans_days(begin, end, zone):
            when = _span_text(begin, end, zone)
            found.spans.append(_Span(label, begin.date(), end.date(),
                                     _with_room(f"{title} ({when})", room), when, where))
            continue
        again = n > 0 or "RECURRENCE-ID" in event  # the UID is the first occurrence's
        wanted = f"{uid}-{begin:%Y%m%dT%H%M}" if uid and again else uid
        found.talks.append((Talk(
            id=ids.take(wanted, title),
            title=title,
            kind=kind_for(None, title),
            start=begin,
            end=end,
            room=room,
            speakers=speakers,
            abstract=rich(_prop_text(event, "DESCRIPTION")),
            url=_prop_text(event, "URL"),
            track=_track(event),
            where=where,
        ), chairs))
    return found


def _length(event: Any, start: date, zone: str | None, label: str, where: Where) -> timedelta:
    """How long the event lasts in real time: DTEND - DTSTART, else DURATION, else nothing
    (an all-day event: one day)."""
    end = _moment(event, "DTEND", where)
    if end is not None and isinstance(start, datetime):
        if not isinstance(end, datetime):
            raise UserError(f"{label}: DTEND has no time of day, but DTSTART has", where)
        _must_exist(end, event, "DTEND", zone, label, where)  # before it is reckoned with
        return _utc(end, zone) - _utc(start, zone)
    if end is not None:
        end = end.date() if isinstance(end, datetime) else end
        return max(end - start, timedelta(days=1))
    duration = _moment(event, "DURATION", where)
    if isinstance(start, datetime):
        return duration or timedelta(0)
    return max(duration or timedelta(0), timedelta(days=1))


MAX_OCCURRENCES = 1000
"""Most occurrences one event's RRULE may give: a conference has far fewer, and an endless
rule (no COUNT, no UNTIL) must be refused rather than expanded."""


def _repeats(event: Any, start: date, label: str,
             where: Where) -> list[tuple[date, None]]:
    """The occurrences after DTSTART that the event's RRULEs give (Google Calendar writes a
    weekly meeting or a daily opening so), in DTSTART's zone so that the wall-clock time
    stays across a change of summer time. EXDATE and RECURRENCE-ID are applied by the
    caller. UserError for a rule dateutil cannot read and for more than MAX_OCCURRENCES."""
    rules = _values(event, "RRULE")
    if not rules:
        return []
    first = start if isinstance(start, datetime) else datetime.combine(start, time())
    out: list[tuple[date, None]] = []
    for rule in rules:
        text = rule.to_ical().decode("utf-8", "replace")
        if first.tzinfo is None:  # a floating start: its UNTIL is read on the same clock
            text = re.sub(r"(UNTIL=\d{8}(?:T\d{6})?)Z", r"\1", text)
        try:
            moments = list(islice(rrulestr(text, dtstart=first), MAX_OCCURRENCES + 1))
        except (ValueError, TypeError, OverflowError) as exc:
            raise UserError(f"{label}: RRULE {text!r} is not readable ({exc})", where) from None
        if len(moments) + len(out) > MAX_OCCURRENCES:
            raise UserError(f"{label} repeats more than {MAX_OCCURRENCES:,} times (RRULE "
                            f"{text}); give the rule a COUNT or an UNTIL", where)
        out += [(m if isinstance(start, datetime) else m.date(), None)
                for m in moments if m != first]
    return out


def _rdates(event: Any, zone: str | None, label: str,
            where: Where) -> list[tuple[date, date | None]]:
    """The extra occurrences an RDATE lists: (start, end) for a PERIOD, (start, None) for
    a date or date and time (it lasts as long as the event)."""
    out: list[tuple[date, date | None]] = []
    for moment in _listed(event, "RDATE", label, where):
        if isinstance(moment, tuple):  # a PERIOD: start/end or start/duration
            begin, end = moment
            out.append((begin, end if isinstance(end, date) else _plus(begin, end, zone)))
        else:
            out.append((moment, None))
    return out


def _listed(event: Any, key: str, label: str, where: Where) -> list[Any]:
    """The dates (and periods) an RDATE or EXDATE lists; a UserError for one that is not."""
    try:
        found = [item.dt for value in _values(event, key) for item in value.dts]
    except (AttributeError, ValueError):  # icalendar keeps a value it cannot read as broken
        found = [None]
    if all(isinstance(d, date) or (isinstance(d, tuple) and isinstance(d[0], date)
                                   and isinstance(d[1], (date, timedelta))) for d in found):
        return found
    shown = ", ".join(_as_text(v) for v in _values(event, key))
    raise UserError(f"{label}: {key} {shown!r} is not a list of dates", where)


def _utc(moment: datetime, zone: str | None) -> datetime:
    """An aware or (wall-clock in ``zone``) naive time as naive UTC, for real arithmetic."""
    if moment.tzinfo is None:
        return instant(moment, zone)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _real(moment: Any) -> Any:
    """A date, or a time as naive UTC when it is aware: a key that compares occurrences."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _plus(moment: date, length: timedelta, zone: str | None) -> date:
    """``moment + length`` in real time (a day longer is a day later for a date)."""
    if not isinstance(moment, datetime):
        return moment + timedelta(days=length.days)
    if moment.tzinfo is None:
        return after(moment, length, zone)
    return (moment.astimezone(timezone.utc) + length).astimezone(moment.tzinfo)


def _must_exist(moment: date, event: Any, key: str, zone: str | None, label: str,
                where: Where) -> None:
    """A UserError for a time its zone skips (``DTSTART;TZID=Europe/Berlin:20250330T023000``,
    or a floating time in the calendar's ``zone``): converted, it would silently move."""
    if not isinstance(moment, datetime):
        return
    if moment.tzinfo is None:
        skipped, tz = not exists(moment, zone), zone
    else:
        back = moment.astimezone(timezone.utc).astimezone(moment.tzinfo)
        skipped = back.replace(tzinfo=None) != moment.replace(tzinfo=None)
        prop = event.get(key)
        tz = (getattr(prop, "params", {}).get("TZID") if prop is not None else None) \
            or zone_name(moment) or str(moment.tzinfo)
    if skipped:
        raise UserError(f"{label}: {key} {moment:%Y-%m-%d %H:%M} does not exist in {tz} "
                        "(the clocks go forward over it)", where)


def _spans_days(start: datetime, end: datetime, zone: str | None) -> bool:
    """True for an item that lasts a day or more, or goes on past the small hours of the
    next morning: a timetable cell would show it as ``9:00–9:00``."""
    if end.date() <= start.date():
        return False
    if instant(end, zone) - instant(start, zone) >= timedelta(days=1):
        return True
    return end.date() > start.date() + timedelta(days=1) or end.time() > _NIGHT_ENDS


def _span_text(start: datetime, end: datetime, zone: str | None) -> str:
    """``1 March 10:00 – 2 March 10:00 CET``: a note's times name their zone, so that they
    stay true when the schedule is printed in another (``--timezone``)."""
    tz = zone_info(zone)
    first, last = (f" {tz.tzname(m)}" if tz else "" for m in (start, end))
    return (f"{_day(start)} {start:%H:%M}{first if first != last else ''} – "
            f"{_day(end)} {end:%H:%M}{last}")


def _day(when: date) -> str:
    """``3 March``: a day of a note (the reader knows no language; English)."""
    return f"{when.day} {_MONTHS[when.month - 1]}"


def _with_room(text: str, room: str | None) -> str:
    return f"{text} · {room}" if room else text


def _chaired(talks: list[tuple[Talk, tuple[Person, ...]]], ids: IdPool,
             zone: str | None) -> list[Entry]:
    """The entries of the calendar: an event with a chair (ATTENDEE;ROLE=CHAIR) is a
    session holding the other events in its room and time (itself, when there are none)."""
    free = [talk for talk, chairs in talks if not chairs]
    taken: set[int] = set()
    sessions: list[Entry] = []
    for talk, chairs in talks:
        if not chairs:
            continue
        inside = sorted((t for t in free if id(t) not in taken and t.room == talk.room
                         and instant(talk.start, zone) <= instant(t.start, zone)
                         and instant(t.end, zone) <= instant(talk.end, zone)),
                        key=lambda t: instant(t.start, zone))
        taken |= {id(t) for t in inside}
        sessions.append(Session(
            id=talk.id if inside else ids.take(None, f"session {talk.title}"),
            title=talk.title, start=talk.start, end=talk.end,
            items=tuple(inside) or (talk,), chairs=chairs, room=talk.room,
            description=talk.abstract if inside else None, where=talk.where))
    return sessions + [t for t in free if id(t) not in taken]


def _with_notes(days: tuple[Day, ...], spans: list[_Span]) -> tuple[tuple[Day, ...], list[_Span]]:
    """The days with each span's text among the notes of every day it covers, and the
    spans that cover no day of the timetable."""
    notes: dict[date, list[str]] = {day.date: [] for day in days}
    left_out = []
    for span in spans:
        covered = [when for when in notes if span.first <= when <= span.last]
        for when in covered:
            notes[when].append(span.text)
        if not covered:
            left_out.append(span)
    return tuple(replace(d, notes=d.notes + tuple(notes[d.date])) for d in days), left_out
