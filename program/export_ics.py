"""Write a Schedule as an iCalendar file (RFC 5545), for the email beside the PDF.

``to_ics(schedule) -> bytes``. One VEVENT per item with a stable UID
(``<id>@<host of the event url>``), DTSTART/DTEND in the event's time zone (a VTIMEZONE
covering the event's years, and TZID parameters; floating times when the schedule names no
zone), SUMMARY, LOCATION (the room's name, else the venue), URL (only an http(s) URL: no
other scheme reaches a link; in 7-bit ASCII, as a URI value must be) and DESCRIPTION
(abstract and speakers); no control character in any of them. No clock and no randomness:
DTSTAMP is the event's first day, so the same schedule gives the same bytes.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event as VEvent, Timezone

from program.checks import ascii_url, safe_url
from program.errors import UserError
from program.language import ENGLISH, Language, language_of
from program.model import Schedule, Talk
from program.sources.strictyaml import CONTROL_CHARS

PRODID = "-//program//conference schedule//EN"


def to_ics(schedule: Schedule) -> bytes:
    """The iCalendar bytes of ``schedule`` (raises UserError for an unknown time zone)."""
    event = schedule.event
    zone = _zone(event.timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _text(" ".join(event.title.split())))
    if event.url and safe_url(event.url):
        calendar.add("url", ascii_url(event.url))
    if event.timezone:
        calendar.add("x-wr-timezone", event.timezone)
        calendar.add_component(Timezone.from_tzid(
            event.timezone, first_date=date(event.start_date.year, 1, 1),
            last_date=date(event.end_date.year + 1, 1, 1)))
    stamp = datetime.combine(event.start_date, datetime.min.time(), tzinfo=timezone.utc)
    host = _host(event.url)
    for talk in schedule.talks():
        calendar.add_component(_vevent(schedule, talk, zone, stamp, host))
    return calendar.to_ical()


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UserError(f"unknown time zone {name!r} (use a name like Europe/Berlin)") from None


def _zoned(moment: datetime, zone: ZoneInfo | None) -> datetime:
    """A wall-clock time made aware in ``zone``; in UTC in the second pass of a repeated
    hour (``fold``), where a TZID time would be read as the first."""
    aware = moment.replace(tzinfo=zone)
    if zone is not None and moment.fold and aware.utcoffset() != aware.replace(fold=0).utcoffset():
        return aware.astimezone(timezone.utc)
    return aware


def _host(url: str | None) -> str:
    """The host of the event's URL, for UIDs; ``program`` when there is no usable URL."""
    return (urlsplit(ascii_url(url)).hostname or "program") if url and safe_url(url) \
        else "program"


def _vevent(schedule: Schedule, talk: Talk, zone: ZoneInfo | None, stamp: datetime,
            host: str) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", _text(f"{talk.id}@{host}"))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _zoned(talk.start, zone))
    vevent.add("dtend", _zoned(talk.end, zone))
    vevent.add("summary", _text(talk.title))
    location = schedule.room_name(talk.room) or schedule.event.venue
    if location:
        vevent.add("location", _text(location))
    if talk.url and safe_url(talk.url):
        vevent.add("url", ascii_url(talk.url))
    description = describe(talk, language_of(schedule))
    if description:
        vevent.add("description", _text(description))
    return vevent


def _text(value: str) -> str:
    """A text value as the calendar may carry it: control characters (a NUL in a JSON id,
    an ESC in a title built with --force) left out; icalendar escapes the rest."""
    return CONTROL_CHARS.sub("", value)


def describe(talk: Talk, lang: Language = ENGLISH) -> str:
    """The DESCRIPTION text: the abstract (or, without one, the description), then a line
    naming the speakers (in ``lang``)."""
    parts = []
    if talk.abstract or talk.description:
        parts.append((talk.abstract or talk.description).plain())  # type: ignore[union-attr]
    if talk.speakers:
        names = "; ".join(p.display() for p in talk.speakers)
        parts.append(f"{lang.plural('Speaker', 'Speakers', len(talk.speakers))}: {names}")
    return "\n\n".join(parts)
