"""What the interchange readers (frab XML and JSON, iCalendar, CSV) have in common.

One place for the logic that is the same whatever the file looks like: naming the kind of an
item from a type word, declaring rooms in source order, making ids unique, turning aware
times into the wall-clock times the model keeps, and gathering items into days and a
:class:`Schedule`. Everything here is pure: values in, values (or a UserError) out.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Iterable
from zoneinfo import ZoneInfo

from program.errors import UserError
from program.model import (Day, Entry, Event, Kind, Notice, Room, Schedule, Session, Talk, Theme,
                           Where, instant, zone)
from program.sources.naming import guess_kind

_TYPE_KINDS: dict[str, Kind] = {
    **{kind.value: kind for kind in Kind},
    "lecture": Kind.TALK, "vortrag": Kind.TALK, "presentation": Kind.TALK, "talk": Kind.TALK,
    "contributed talk": Kind.CONTRIBUTED, "invited talk": Kind.INVITED,
    "lightning talk": Kind.LIGHTNING, "lightningtalk": Kind.LIGHTNING,
    "tutorial": Kind.WORKSHOP, "hands on": Kind.WORKSHOP,
    "podium": Kind.PANEL, "panel discussion": Kind.PANEL, "discussion": Kind.PANEL,
    "coffee break": Kind.BREAK, "coffee": Kind.BREAK, "pause": Kind.BREAK,
    "lunch": Kind.MEAL, "dinner": Kind.MEAL, "breakfast": Kind.MEAL, "reception": Kind.MEAL,
    "posters": Kind.POSTER, "poster session": Kind.POSTER,
    "opening": Kind.REMARKS, "closing": Kind.REMARKS, "welcome": Kind.REMARKS,
    "meetup": Kind.OTHER, "meeting": Kind.OTHER,
}


def kind_for(type_name: str | None, title: str) -> Kind:
    """The Kind a source's type word names (``Lecture`` -> talk, ``Coffee break`` -> break).

    No type at all: guessed from the title, as the YAML reader does. A type that names no
    kind (``Podcast``): a talk. A longer type (``Talk (30 min)``) is read word by word.
    """
    if type_name is None or not type_name.strip():
        return guess_kind(title)
    words = re.findall(r"[^\W\d_]+", type_name.lower())
    whole = " ".join(words)
    if whole in _TYPE_KINDS:
        return _TYPE_KINDS[whole]
    for word in words:
        for candidate in (word, word[:-1] if word.endswith("s") else word):
            if candidate in _TYPE_KINDS:
                return _TYPE_KINDS[candidate]
    return Kind.TALK


def declare_rooms(names: Iterable[str | None]) -> tuple[Room, ...]:
    """Rooms in the order their names first appear (name is also the id; blanks skipped)."""
    seen: dict[str, Room] = {}
    for name in names:
        if name and name not in seen:
            seen[name] = Room(id=name, name=name)
    return tuple(seen.values())


def zone_info(name: str | None) -> ZoneInfo | None:
    """The ZoneInfo for an IANA name, or None when there is none or it is unknown (an unknown
    name stays in ``Event.timezone`` so that ``program check`` reports it)."""
    return zone(name)


def wall_clock(moment: datetime, zone: str | None) -> datetime:
    """A naive wall-clock datetime in ``zone`` (what the model keeps).

    Aware times are converted to ``zone`` (or, without a usable zone, kept at the offset they
    were written with); naive times are taken as already being wall-clock times.
    """
    if moment.tzinfo is None:
        return moment
    tz = zone_info(zone)
    return (moment.astimezone(tz) if tz else moment).replace(tzinfo=None)


def offset_zone(offsets: Iterable[timedelta | None]) -> str | None:
    """The IANA name of the one fixed UTC offset ``offsets`` share (``Etc/GMT-1`` for
    +01:00, ``UTC`` for +00:00), so that times written with an offset but no zone name stay
    real zoned times (in the ``.ics`` export too). None when a time has no offset, they
    differ, or the offset is not whole hours (no IANA zone is that fixed offset)."""
    found = set(offsets)
    if len(found) != 1 or None in found:
        return None
    hours, rest = divmod(found.pop(), timedelta(hours=1))  # type: ignore[arg-type]
    if rest or not -12 <= hours <= 14:
        return None
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"  # (POSIX signs: Etc/GMT-1 is +01:00)


#: zones tried first when several UTC offsets must be matched to a zone (the places events
#: are most often held in that have those offsets); then every other IANA region zone
_LIKELY_ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago",
                 "America/Denver", "America/Los_Angeles", "Australia/Sydney", "Europe/Helsinki",
                 "Europe/Lisbon", "America/Sao_Paulo", "Pacific/Auckland")
_REGIONS = ("Africa/", "America/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/",
            "Pacific/")


def matching_zone(moments: Iterable[datetime]) -> str | None:
    """An IANA zone that has, at each of the aware ``moments``, the UTC offset it is written
    with (``+01:00`` in December and ``+02:00`` in July: Europe/Berlin), for times written
    with offsets that change with the clocks and no zone name; None when none has them all
    (or a moment has no offset). Which of several such zones is only a name: each gives the
    same instants."""
    found = {(m.astimezone(timezone.utc).replace(tzinfo=None), m.utcoffset()) for m in moments}
    if not found or any(offset is None for _, offset in found):
        return None
    from zoneinfo import available_timezones

    others = sorted(n for n in available_timezones() if n.startswith(_REGIONS))
    for name in (*_LIKELY_ZONES, *others):
        tz = zone(name)
        if tz is not None and all(utc.replace(tzinfo=timezone.utc).astimezone(tz).utcoffset()
                                  == offset for utc, offset in found):
            return name
    return None


def printed_in_utc(name: str, why: str) -> Notice:
    """The warning for a file whose times are all in UTC and that names no zone (``why``
    says what it lacks): they are printed in UTC, unless ``--timezone`` names the zone."""
    return Notice(f"{why}: they are printed in UTC; --timezone ZONE prints them in the "
                  "event's zone", Where(name), about="timezone")


def zone_name(moment: datetime) -> str | None:
    """The IANA name of an aware datetime's zone (``Europe/Berlin``), when it has one."""
    key = getattr(moment.tzinfo, "key", None)
    if key:
        return str(key)
    return "UTC" if moment.tzname() == "UTC" and moment.utcoffset() == timedelta(0) else None


def build_days(entries: Iterable[tuple[date, Entry]], rooms: tuple[Room, ...],
               zone: str | None = None) -> tuple[Day, ...]:
    """Group ``(day date, entry)`` pairs into Days, sorted by date; within a day by start
    (the real one in ``zone``: the second 01:30 of a night the clocks go back comes after
    01:45), then by the room's place in ``rooms`` (a frab file lists events room by room)."""
    order = {room.id: i for i, room in enumerate(rooms)}
    by_date: dict[date, list[Entry]] = {}
    for when, entry in entries:
        by_date.setdefault(when, []).append(entry)
    return tuple(
        Day(date=when, entries=tuple(sorted(
            by_date[when], key=lambda e: (instant(e.start, zone), order.get(e.room or "", -1)))))
        for when in sorted(by_date)
    )


def assemble(name: str, title: str, rooms: tuple[Room, ...],
             entries: Iterable[tuple[date, Entry]], theme: Theme = Theme(),
             **event_fields: str | None) -> Schedule:
    """The Schedule of a file named ``name``: days from ``entries``, the event's dates from
    the days, and a colour for every track (the ``theme``'s, else one of
    :data:`TRACK_FILLS`). Raises UserError when the file holds no items at all."""
    entries = list(entries)
    tracks = [talk.track for _, entry in entries
              for talk in (entry.items if isinstance(entry, Session) else (entry,))]
    theme = replace(theme, colors=track_fills(tracks, theme.colors))
    days = build_days(entries, rooms, event_fields.get("timezone"))
    if not days:
        raise UserError("no events in this file: nothing to print", Where(name))
    event = Event(title=title, start_date=days[0].date, end_date=days[-1].date,
                  **{k: v for k, v in event_fields.items() if v})  # type: ignore[arg-type]
    return Schedule(event=event, rooms=rooms, days=days, theme=theme, source=name)


TRACK_FILLS = ("#a8d5e2", "#f9d58b", "#c5e1a5", "#f4b6c2", "#d1c4e9", "#ffcc99",
               "#b2dfdb", "#e6ee9c", "#bcaaa4", "#ffe0b2", "#9fc5e8", "#e1bee7")
"""Fills for tracks whose source gives no colour: light (black text reads on each) and
apart from one another in hue."""


def track_fills(used: Iterable[str | None],
                given: tuple[tuple[str, str], ...] = ()) -> tuple[tuple[str, str], ...]:
    """Colours for every track in ``used``: the ``given`` ones (the source's), and for each
    other track a fill of :data:`TRACK_FILLS` not given to another track, handed out in the
    order of the tracks' names, so the same file gives the same colours on every build.
    When there are more such tracks than free fills (FOSDEM's sixty devrooms), none of them
    gets one: a fill shared by five tracks says nothing, and the grid colours by kind."""
    colors = dict(given)
    taken = set(colors.values())
    free = [fill for fill in TRACK_FILLS if fill not in taken]
    missing = sorted({t for t in used if t and t not in colors}, key=lambda t: (t.casefold(), t))
    if len(missing) <= len(free):
        colors.update(zip(missing, free))
    return tuple(sorted(colors.items()))


def one_line(text: str | None) -> str | None:
    """Text for a title, name or room: runs of whitespace (newlines too) made one space;
    None for None or blank text."""
    if not text:
        return None
    return " ".join(text.split()) or None


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of character ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def assign_boards(posters, prefix: str = ""):
    """The posters (Talks) of a poster session, each with a board number: its own, else the
    next number in order not given to another (``prefix`` before it: ``A`` gives ``A1``,
    ``A2``...). Every reader that knows poster sessions numbers them here."""
    taken = {t.board for t in posters if t.board}
    number, out = 0, []
    for talk in posters:
        if not talk.board:
            number += 1
            while f"{prefix}{number}" in taken:
                number += 1
            talk = replace(talk, board=f"{prefix}{number}")
        out.append(talk)
    return out


def poster_sessions(entries: list[tuple[date, Entry]]) -> list[tuple[date, Entry]]:
    """``entries`` with the posters of a flat export (frab, pretalx: events of type Poster,
    each on its own) that hang at the same time in the same room gathered into one poster
    session, boards numbered (:func:`assign_boards`), at the place of the first; two posters
    at least, else nothing changes. The session is named by the posters' one track, else
    ``Posters``."""
    groups: dict[tuple, list[Talk]] = {}
    for day, entry in entries:
        if isinstance(entry, Talk) and entry.kind is Kind.POSTER:
            groups.setdefault((day, entry.start, entry.end, entry.room), []).append(entry)
    groups = {k: v for k, v in groups.items() if len(v) > 1}
    if not groups:
        return entries
    out: list[tuple[date, Entry]] = []
    for day, entry in entries:
        key = (day, entry.start, entry.end, entry.room) if isinstance(entry, Talk) else None
        posters = groups.get(key) if key and entry.kind is Kind.POSTER else None  # type: ignore[union-attr]
        if posters is None:
            out.append((day, entry))
        elif entry is posters[0]:
            tracks = {t.track for t in posters}
            title = tracks.pop() if len(tracks) == 1 and None not in tracks else "Posters"
            out.append((day, Session(id="posters-" + entry.id, title=title, start=entry.start,
                                     end=entry.end, items=tuple(assign_boards(posters)),
                                     room=entry.room, kind=Kind.POSTER, where=entry.where)))
    return out
