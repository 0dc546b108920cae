"""Everything that can be wrong with a schedule, as a list of problems with where they are.

``check(schedule) -> list[Problem]``: pure, no printing. Errors make a build refuse the
schedule; warnings are printed and the build goes on (``--strict`` makes them fatal).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from datetime import timedelta
from typing import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from program.model import Day, Schedule, Session, Talk, Where
from program.sources.strictyaml import CONTROL_CHARS

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: severity (``error``/``warning``), message, and source position."""

    severity: str
    message: str
    where: Where | None = None

    def __str__(self) -> str:
        prefix = f"{self.where.file}:{self.where.line}: " if self.where and self.where.line else (
            f"{self.where.file}: " if self.where else "")
        return f"{prefix}{self.severity}: {self.message}"


@lru_cache(maxsize=65536)
def safe_url(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host: the only kind we print or encode."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) \
        and not any(c.isspace() or ord(c) < 32 for c in url.strip())


def _label(talk: Talk | Session) -> str:
    return f"{talk.title!r} ({talk.start:%H:%M})"


def check(schedule: Schedule, want_qr: bool | None = None) -> list[Problem]:
    """All problems of ``schedule``, in source order within each kind of check."""
    want_qr = schedule.theme.qr if want_qr is None else want_qr
    problems: list[Problem] = [Problem(WARNING, message, where)
                               for message, where in schedule.warnings]
    problems += _event_checks(schedule)
    room_ids = {r.id for r in schedule.rooms}
    seen_ids: dict[str, Talk | Session] = {}
    for day in schedule.days:
        problems += _day_checks(day)
        for entry in day.entries:
            problems += _id_check(entry, seen_ids)
            if isinstance(entry, Session):
                problems += _session_checks(entry)
                problems += _room_check(entry, room_ids)
            for talk in (entry.items if isinstance(entry, Session) else (entry,)):
                if isinstance(entry, Session):
                    problems += _id_check(talk, seen_ids)
                problems += _talk_checks(talk, want_qr)
                problems += _room_check(talk, room_ids)
        problems += _overlaps(day)
    problems += text_checks(schedule)
    return problems


def _texts(schedule: Schedule) -> list[tuple[str, Where | None]]:
    """Every printed text of the schedule with where it comes from."""
    ev = schedule.event
    texts: list[tuple[str, Where | None]] = [
        (t, ev.where) for t in (ev.title, ev.subtitle, ev.venue, *ev.organizers) if t]
    texts += [(r.name, r.where) for r in schedule.rooms]
    for day in schedule.days:
        texts += [(day.title, day.where)] if day.title else []
        for entry in day.entries:
            if isinstance(entry, Session):
                texts += [(x, entry.where) for x in (entry.title, entry.description) if x]
                texts += [(p.display(), entry.where) for p in entry.chairs]
            for talk in (entry.items if isinstance(entry, Session) else (entry,)):
                texts += [(x, talk.where) for x in (talk.title, talk.abstract, talk.track) if x]
                texts += [(p.display(), talk.where) for p in talk.speakers]
                texts += [(link.label, talk.where) for link in talk.links]
    return texts


def text_checks(schedule: Schedule) -> list[Problem]:
    """An error for control characters in printed text (they print as nothing and are not
    allowed in a calendar), and a warning for characters no bundled font can draw."""
    from program.fonts import describe_char, missing_glyphs

    out = []
    for text, where in _texts(schedule):
        control = CONTROL_CHARS.search(text)
        if control:
            out.append(Problem(ERROR, f"control character {describe_char(control.group())} in "
                                      f"{text[:40]!r}", where))
            continue
        missing = sorted(missing_glyphs(text))
        if missing:  # one warning per text, naming every character
            names = ", ".join(describe_char(c) for c in missing)
            out.append(Problem(WARNING, f"{names} in {text[:40]!r}: in no bundled font; "
                                        "left out of the PDFs", where))
    return out


def _event_checks(schedule: Schedule) -> list[Problem]:
    out = []
    ev = schedule.event
    if not ev.date_known:
        out.append(Problem(WARNING, "the source names no date: the products show none; give "
                                    "--date YYYY-MM-DD (the first day's date)", ev.where))
    if ev.url and not safe_url(ev.url):
        out.append(Problem(ERROR, f"event url {ev.url!r} is not an http(s) URL", ev.where))
    if ev.timezone:
        try:
            ZoneInfo(ev.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
            out.append(Problem(ERROR, f"unknown time zone {ev.timezone!r} (use a name like "
                                      "Europe/Berlin or America/Vancouver)", ev.where))
    if ev.talk_url and not safe_url(ev.talk_url.replace("{id}", "x")):
        out.append(Problem(ERROR, f"talk_url {ev.talk_url!r} is not an http(s) URL", ev.where))
    seen = set()
    for day in schedule.days:
        if day.date in seen:
            out.append(Problem(ERROR, f"day {day.date.isoformat()} appears twice", day.where))
        seen.add(day.date)
    return out


def _day_checks(day: Day) -> list[Problem]:
    if not day.entries:
        return [Problem(ERROR, f"day {day.date.isoformat()} has no items", day.where)]
    return []


def _id_check(item: Talk | Session, seen: dict[str, Talk | Session]) -> list[Problem]:
    first = seen.get(item.id)
    if first is None:
        seen[item.id] = item
        return []
    line = f" (first at line {first.where.line})" if first.where and first.where.line else ""
    return [Problem(ERROR, f"duplicate id {item.id!r}{line}", item.where)]


def _session_checks(session: Session) -> list[Problem]:
    out = []
    if session.end < session.start:
        out.append(Problem(ERROR, f"session {_label(session)} ends before it starts", session.where))
    for talk in session.items:
        if talk.start < session.start or talk.end > session.end:
            out.append(Problem(ERROR, f"{_label(talk)} lies outside its session "
                                      f"{session.title!r} ({session.start:%H:%M}-"
                                      f"{session.end:%H:%M})", talk.where))
    implied = [t for t in session.items if t.times_implied]
    if implied:
        used = implied[-1].end
        if used != session.end and not any(t.end > used for t in session.items):
            spare = session.end - used
            word = "leave" if spare > timedelta(0) else "overrun"
            out.append(Problem(WARNING, f"the talks of session {session.title!r} {word} "
                                        f"{abs(int(spare.total_seconds() // 60))} min of "
                                        "its time", session.where))
    return out


def _talk_checks(talk: Talk, want_qr: bool) -> list[Problem]:
    out = []
    if talk.end < talk.start:
        out.append(Problem(ERROR, f"{_label(talk)} ends ({talk.end:%H:%M}) before it starts",
                           talk.where))
    if talk.url and not safe_url(talk.url):
        out.append(Problem(ERROR, f"{_label(talk)}: url {talk.url!r} is not an http(s) URL",
                           talk.where))
    for link in talk.links:
        if not safe_url(link.url):
            out.append(Problem(ERROR, f"{_label(talk)}: link {link.url!r} is not an http(s) URL",
                               talk.where))
    if want_qr and talk.kind.is_talk and not talk.url:
        out.append(Problem(WARNING, f"{_label(talk)} has no url, so it gets no QR code",
                           talk.where))
    return out


def _room_check(item: Talk | Session, room_ids: set[str]) -> list[Problem]:
    if item.room is not None and room_ids and item.room not in room_ids:
        return [Problem(ERROR, f"{_label(item)}: room {item.room!r} is not declared under "
                               f"rooms: ({', '.join(sorted(room_ids))})", item.where)]
    if item.room is not None and not room_ids:
        return [Problem(ERROR, f"{_label(item)}: room {item.room!r} is not declared "
                               "(add a rooms: list)", item.where)]
    return []


def _overlaps(day: Day) -> list[Problem]:
    """Two items overlapping in one room (an item for everyone counts in every room)."""
    by_room: dict[str | None, list[Talk]] = defaultdict(list)
    for talk in day.talks():
        by_room[talk.room].append(talk)
    out = []
    plenary = by_room.pop(None, [])
    rooms = list(by_room) or [None]
    reported: set[tuple[str, str]] = set()
    for room in rooms:
        talks = sorted(plenary + by_room.get(room, []), key=lambda t: (t.start, t.end))
        for a, b in _overlapping_pairs(talks):
            if (a.id, b.id) in reported:
                continue
            reported.add((a.id, b.id))
            where_room = f" in room {room!r}" if room else ""
            out.append(Problem(ERROR, f"{_label(b)} overlaps {_label(a)}{where_room}", b.where))
    out += _gaps(day)
    return out


def _overlapping_pairs(talks: list[Talk]) -> Iterable[tuple[Talk, Talk]]:
    """For talks sorted by start: each talk that starts before an earlier one has ended,
    paired with the earlier one that runs longest. One pair per overlapping talk, so the
    report grows with the number of talks, not with its square."""
    running: Talk | None = None
    for talk in talks:
        if running is not None and running.end > talk.start:
            yield running, talk
        if running is None or talk.end > running.end:
            running = talk


def _gaps(day: Day) -> list[Problem]:
    """A warning for an unexplained gap of 15 minutes or more when the day has one track."""
    talks = sorted(day.talks(), key=lambda t: (t.start, t.end))
    if len({t.room for t in talks}) > 1:
        return []
    out = []
    end = None
    for talk in talks:
        if end is not None and talk.start - end >= timedelta(minutes=15):
            out.append(Problem(WARNING, f"gap of {int((talk.start - end).total_seconds() // 60)} "
                                        f"min before {_label(talk)}", talk.where))
        end = talk.end if end is None else max(end, talk.end)
    return out


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error."""
    return any(p.severity == ERROR for p in problems)
