"""frab / pretalx schedule JSON (the c3voc ``schedule.json``): ``load(path) -> Schedule``.

The shape read here is also what :mod:`program.sources.frab_xml` turns a ``schedule.xml``
into, so both formats share one mapping to the model::

    {"schedule": {"conference": {
        "title", "acronym", "url"/"base_url", "time_zone_name",
        "rooms": [{"name"}],                  # optional: every room, in order
        "tracks": [{"name", "color"}],        # optional: colours for the grid
        "days": [{"date", "day_start", "rooms": {"Room name": [event, ...]}}]}}}

An event: ``id``/``guid``, ``date`` (ISO with offset), ``start`` (HH:MM), ``duration``
(HH:MM), ``room``, ``title``, ``track``, ``type``, ``abstract``, ``description``, ``url``,
``persons`` (``public_name`` or ``name``), ``links`` (``url``, ``title``). Optional fields may
be missing; what cannot be read is a UserError naming the event (and its line, when known).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urljoin

from program.errors import UserError
from program.model import (Day, Entry, Link, Notice, Person, Schedule, Talk, Theme, Where, after,
                           instant)
from program.sources.naming import IdPool
from program.sources.common import (assemble, declare_rooms, poster_sessions, kind_for, line_of, offset_zone,
                                    matching_zone, one_line, printed_in_utc, wall_clock)
from program.sources.strictyaml import read_source_text
from program.sources.richtext import parse as rich

LINE_KEY = "_line"
"""Key under which :mod:`frab_xml` keeps an event's source line in its records."""

_DURATION = re.compile(r"^\s*(\d{1,3}):(\d{2})(?::(\d{2}))?\s*$")
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")

Locate = Callable[[dict, tuple], Where]
"""Where an event is: called with the event record and its key path (a tuple of keys and
list indexes, ``("schedule", "events", 3)``)."""


def sniff(head: bytes) -> bool:
    """True for the start of a frab/pretalx JSON schedule."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b'"schedule"' in head


def load(path: str | Path) -> Schedule:
    """Read a frab/pretalx ``schedule.json``; UserError for bad JSON or a wrong shape."""
    name = str(path)
    text = read_source_text(path)
    data = parse_json(text, name)
    try:
        return schedule_from_frab(data, name, _JsonLocator(text, name))
    except UserError as exc:
        raise placed(exc, lambda path: _json_path_where(text, path_tokens(path))) from None


MAX_DIGITS = 30
"""Longest integer read: ids and counts are shorter; thousands of digits are no schedule."""


class _Refused(ValueError):
    """A value the JSON decoder hands to a hook that is refused: (message, kind, detail)."""


def parse_json(text: str, name: str) -> Any:
    """The value of JSON ``text`` (the file ``name``), read strictly: UserError at the line
    and column of invalid JSON, a key given twice in one object (refused, as in YAML: one of
    the two would be lost), a lone surrogate escape (``\\ud800``: no character) or an
    integer of more than MAX_DIGITS digits."""
    lone = next((m for m in _LONE_SURROGATE.finditer(text) if m.group(1)), None) \
        if _SURROGATE.search(text) else None
    if lone:
        raise UserError(f"not valid JSON: {lone.group(1)} is half of a surrogate pair, not a "
                        "character", _where(text, name, lone.start(1)))
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_int=_integer)
    except json.JSONDecodeError as exc:
        cut = " (the file ends too early: is it cut off?)" if exc.pos >= len(text.rstrip()) \
            else ""
        raise UserError(f"not valid JSON: {exc.msg}{cut}",
                        Where(name, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise UserError("not a schedule: the JSON is nested too deeply", Where(name)) from None
    except _Refused as refused:
        message, kind, detail = refused.args
        at, first = _locate(text, kind, detail)
        if first is not None:  # as the YAML reader says it
            message += f" (first at line {line_of(text, first)})"
        raise UserError(message, _where(text, name, at)) from None


#: A \\uD800-\\uDFFF escape that is not a high surrogate followed by a low one (an even
#: number of backslashes before it is an escaped backslash, not an escape).
_LONE_SURROGATE = re.compile(r"(?<!\\)(?:\\\\)*(?:\\u[dD][89abAB][0-9a-fA-F]{2}"
                             r"\\u[dD][c-fC-F][0-9a-fA-F]{2}|(\\u[dD][89a-fA-F][0-9a-fA-F]{2}))")


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's members as a dict; _Refused for a key given twice."""
    out = dict(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"duplicate key {key!r}", "key", key)
            seen.add(key)
    return out


def _integer(text: str) -> int:
    """A JSON integer; _Refused past MAX_DIGITS digits (Python refuses to convert those
    past 4,300, and no id or count is near that)."""
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _Refused(f"a number of {digits:,} digits; no value of a schedule is that long "
                       f"(at most {MAX_DIGITS})", "number", text)
    return int(text)


def _locate(text: str, kind: str, detail: str) -> tuple[int, int | None]:
    """Where in ``text`` the refused value is: the second ``"key"`` of the first object (in
    the order the decoder finishes them) that has it twice (and where the first one is),
    or the number. Found by a
    second, slower pass (the pure-Python scanner knows where each object starts): only
    for an error."""
    if kind == "number":
        return max(0, text.find(detail)), None
    plain = json.JSONDecoder()
    decoder = json.JSONDecoder()

    def object_at(s_and_end, strict, scan_once, object_hook, pairs_hook, memo=None):
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, object_hook, list,
                                             memo)
        if len({k for k, _ in pairs}) < len(pairs):
            raise _Found(_second_key(text, s_and_end[1], detail, plain))
        return dict(pairs), end

    decoder.parse_object = object_at  # type: ignore[assignment]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _Found as found:
        return found.args[0]
    except (ValueError, RecursionError):
        pass
    return 0, None


class _Found(Exception):
    """Raised with the offset :func:`_locate` looks for."""


def _second_key(text: str, at: int, key: str,
                decoder: json.JSONDecoder) -> tuple[int, int | None]:
    """The offsets of the second and the first ``"key"`` among the members of the object
    whose text starts at ``at`` (just after its brace); ``(at, None)`` when it cannot be
    followed."""
    start, first = at, None
    at = _JSON_SPACE.match(text, at).end()
    while text.startswith('"', at):
        name, after = json.decoder.scanstring(text, at + 1)
        if name == key:
            if first is not None:
                return at, first
            first = at
        at = _JSON_SPACE.match(text, _JSON_SPACE.match(text, after).end() + 1).end()
        _, at = decoder.raw_decode(text, at)
        at = _JSON_SPACE.match(text, at).end()
        if text.startswith(",", at):
            at = _JSON_SPACE.match(text, at + 1).end()
    return start, None


def _where(text: str, name: str, offset: int) -> Where:
    line = line_of(text, offset)
    return Where(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def placed(error: UserError, where_of_path: Callable[[str], tuple[int, int]]) -> UserError:
    """``error`` with the (line, column) ``where_of_path(its key path)`` when it has no line
    (line 0 when the path cannot be followed: then ``error`` as it is; column 0: unknown)."""
    if error.where is None or error.where.line or not error.path:
        return error
    line, column = where_of_path(error.path)
    return UserError(error.message, Where(error.where.file, line, column),
                     error.path) if line else error


def path_tokens(path: str) -> list[str | int]:
    """``schedule.conference.days[0].date`` -> ``["schedule", "conference", "days", 0,
    "date"]``."""
    return [int(index) if index else key for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)]


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _json_path_where(text: str, tokens: list[str | int] | tuple) -> tuple[int, int]:
    """The (line, column) in JSON ``text`` where the value at key path ``tokens`` starts (as
    deep as the path can be followed; (0, 0) if not even its first step). Values in the way
    are skipped with the C decoder; only the path's own objects and lists are walked here."""
    at = _json_path_offset(text, tokens)
    return (0, 0) if at is None else _line_column(text, at)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of character ``offset`` in ``text``."""
    return line_of(text, offset), offset - (text.rfind("\n", 0, offset) + 1) + 1


def _json_path_offset(text: str, tokens: list[str | int] | tuple,
                      start: int | None = None) -> int | None:
    """The offset where the value at ``tokens`` starts, walking from ``start`` (the whole
    text's value when None); the deepest offset reached when the path breaks off, None when
    not even its first step can be followed."""
    decoder = json.JSONDecoder()
    at = _JSON_SPACE.match(text).end() if start is None else start
    found: int | None = None
    try:
        for token in tokens:
            if isinstance(token, str) and text.startswith("{", at):
                at = _member(text, at, token, decoder)
            elif isinstance(token, int) and text.startswith("[", at):
                at = _item(text, at, token, decoder)
            else:
                break
            found = at
    except (ValueError, IndexError, LookupError):
        pass
    return found


class _JsonLocator:
    """Where each event of a JSON ``text`` is (line and column of its ``{``), by its key
    path. The offsets of a list's items are found in one walk and kept, so that locating
    every event of a list of thousands stays linear (a minified one-line file needs the
    column: all its events are on line 1)."""

    def __init__(self, text: str, name: str) -> None:
        self.text, self.name = text, name
        self.lists: dict[tuple, list[int]] = {}

    def __call__(self, event: dict, path: tuple) -> Where:
        if path and isinstance(path[-1], str):  # a member of an object (Indico's timetable)
            at = _json_path_offset(self.text, path)
            return Where(self.name, *_line_column(self.text, at)) if at is not None \
                else Where(self.name)
        *parent, index = path
        key = tuple(parent)
        if key not in self.lists:
            at = _json_path_offset(self.text, key)
            self.lists[key] = _item_offsets(self.text, at) if at is not None else []
        offsets = self.lists[key]
        if not isinstance(index, int) or index >= len(offsets):
            return Where(self.name)
        return Where(self.name, *_line_column(self.text, offsets[index]))


def _item_offsets(text: str, at: int) -> list[int]:
    """Where each item of the JSON list starting at ``at`` starts ([] when it is no list)."""
    if not text.startswith("[", at):
        return []
    decoder = json.JSONDecoder()
    out: list[int] = []
    at = _JSON_SPACE.match(text, at + 1).end()
    try:
        while text[at] != "]":
            out.append(at)
            _, at = decoder.raw_decode(text, at)
            at = _JSON_SPACE.match(text, at).end()
            if text[at] == ",":
                at = _JSON_SPACE.match(text, at + 1).end()
    except (ValueError, IndexError):
        pass
    return out


def _member(text: str, at: int, key: str, decoder: json.JSONDecoder) -> int:
    """Where the value of ``key`` starts in the object at ``at`` (LookupError: no such key)."""
    at = _JSON_SPACE.match(text, at + 1).end()
    while text[at] != "}":
        name, at = json.decoder.scanstring(text, at + 1)
        at = _JSON_SPACE.match(text, at).end() + 1  # past ":"
        at = _JSON_SPACE.match(text, at).end()
        if name == key:
            return at
        _, at = decoder.raw_decode(text, at)
        at = _JSON_SPACE.match(text, at).end()
        if text[at] == ",":
            at = _JSON_SPACE.match(text, at + 1).end()
    raise LookupError(key)


def _item(text: str, at: int, index: int, decoder: json.JSONDecoder) -> int:
    """Where item ``index`` starts in the list at ``at`` (LookupError: the list is shorter)."""
    at = _JSON_SPACE.match(text, at + 1).end()
    for _ in range(index):
        _, at = decoder.raw_decode(text, at)
        at = _JSON_SPACE.match(text, at).end()
        if text[at] != ",":
            raise LookupError(index)
        at = _JSON_SPACE.match(text, at + 1).end()
    if text[at] == "]":
        raise LookupError(index)
    return at


_TYPE_WORDS = {dict: "an object", list: "a list", str: "text", int: "a number",
               float: "a number", bool: "true/false", type(None): "nothing"}


def _wrong_shape(name: str, key_path: str, wanted: str, found: Any) -> UserError:
    return UserError(f"not a frab/pretalx schedule: expected {wanted}, found "
                     f"{_TYPE_WORDS.get(type(found), type(found).__name__)}", Where(name),
                     key_path)


def _get(obj: dict, key: str, wanted: type, name: str, key_path: str) -> Any:
    """``obj[key]``, which must be a ``wanted`` (UserError naming ``key_path`` if not)."""
    if key not in obj:
        parent = key_path.rpartition(".")[0] or "the top level"
        raise UserError(f"not a frab/pretalx schedule: the key \"{key}\" ({_TYPE_WORDS[wanted]}) "
                        f"is missing", Where(name), parent)
    value = obj[key]
    if not isinstance(value, wanted):
        raise _wrong_shape(name, key_path, _TYPE_WORDS[wanted], value)
    return value


def _text(obj: dict, key: str) -> str | None:
    """A field as stripped text (numbers become text); None when missing or blank."""
    value = obj.get(key)
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return str(value).strip() or None


def _name(obj: dict, key: str) -> str | None:
    """A one-line field (title, room, name): whitespace runs made one space."""
    return one_line(_text(obj, key))


def schedule_from_frab(data: Any, name: str, locate: Locate) -> Schedule:
    """The Schedule a frab-shaped ``data`` (parsed JSON, or XML turned into the same shape)
    describes: events listed day by day and room by room, or (c3voc schedule v2) all in
    ``schedule.events``. ``locate(event, key path)`` says where an event is, for messages
    and checks."""
    if not isinstance(data, dict):
        raise _wrong_shape(name, "the top level", "an object with a \"schedule\" key", data)
    schedule = _get(data, "schedule", dict, name, "schedule")
    conference = _get(schedule, "conference", dict, name, "schedule.conference")
    zone = _text(conference, "time_zone_name")
    moments = [] if zone else _written_moments(schedule, conference)
    guessed = None if zone or offset_zone(m.utcoffset() for m in moments) \
        else matching_zone(moments)  # offsets that change with the clocks, no zone name
    room_names = [_name(r, "name") for r in conference.get("rooms") or [] if isinstance(r, dict)]
    base = _text(schedule, "base_url") or _text(conference, "base_url") or \
        _text(conference, "url")
    reader = _EventReader(name, zone or guessed, locate, IdPool(),
                          _track_names(conference.get("tracks")), base,
                          _people_names(schedule.get("persons")))
    empty: list[date] = []  # days with no events: kept, for the prepare step to skip, warned
    if isinstance(schedule.get("events"), list):  # c3voc schedule v2: no per-day room maps
        entries = _flat_entries(schedule["events"], conference, name, reader)
    else:
        days = _get(conference, "days", list, name, "schedule.conference.days")
        room_names += [one_line(room) for day in days if isinstance(day, dict)
                       and isinstance(day.get("rooms"), dict) for room in day["rooms"]]
        entries = _day_entries(days, name, reader, empty)
    room_names += [talk.room for _, talk in entries]  # type: ignore[union-attr]
    entries = poster_sessions(entries)
    title = _name(conference, "title") or _name(conference, "acronym") or Path(name).stem
    found = assemble(name, title, declare_rooms(room_names), entries,
                     theme=Theme(colors=track_colors(conference.get("tracks"))),
                     timezone=zone or offset_zone(reader.offsets),
                     url=_text(conference, "url") or _text(conference, "base_url")
                     or _text(schedule, "base_url") or _text(schedule, "url"))
    if not zone and found.event.timezone == "UTC":
        found = replace(found, notices=found.notices + (printed_in_utc(
            name, "the times are given in UTC (+00:00) and no time_zone_name says the event's "
            "zone"),))
    elif guessed:
        shown = ", ".join(sorted({m.isoformat()[19:] for m in moments}))
        found = replace(found, event=replace(found.event, timezone=guessed),
                        notices=found.notices + (Notice(
            f"the times are given with UTC offsets ({shown}) and no time_zone_name: they are "
            f"printed as written, in the zone {guessed} (which has those offsets then); "
            "--timezone ZONE names the event's zone", Where(name), about="timezone"),))
    return _with_empty_days(found, empty, name)


def _written_moments(schedule: dict, conference: dict) -> list[datetime]:
    """The events' ``date`` values that read as ISO 8601 (the reader reports the others),
    from the per-day room maps or the flat ``schedule.events`` of schedule v2."""
    events: list[Any] = list(schedule.get("events") or []) \
        if isinstance(schedule.get("events"), list) else []
    days = conference.get("days")
    for day in days if isinstance(days, list) else ():
        rooms = day.get("rooms") if isinstance(day, dict) else None
        for listed in rooms.values() if isinstance(rooms, dict) else ():
            events += listed if isinstance(listed, list) else []
    out = []
    for event in events:
        text = event.get("date") if isinstance(event, dict) else None
        try:
            out.append(datetime.fromisoformat(text))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return out


def _day_entries(days: list, name: str, reader: _EventReader,
                 empty: list[date]) -> list[tuple[date, Entry]]:
    """(day, Talk) for the events of ``days``, each ``{"date", "rooms": {room: [event]}}``;
    the dates of days with no event are added to ``empty``."""
    entries: list[tuple[date, Entry]] = []
    for index, day in enumerate(days):
        path = f"schedule.conference.days[{index}]"
        if not isinstance(day, dict):
            raise _wrong_shape(name, path, "a day object", day)
        when = _day_date(day, name, path)
        day_start = _iso(_text(day, "day_start") or _text(day, "start"), name, f"{path}.day_start")
        rooms = _get(day, "rooms", dict, name, f"{path}.rooms")
        if not any(rooms.values()):
            empty.append(when)
        for room, events in rooms.items():
            if not isinstance(events, list):
                raise _wrong_shape(name, f"{path}.rooms.{room}", "a list of events", events)
            for number, event in enumerate(events):
                if not isinstance(event, dict):
                    raise _wrong_shape(name, f"{path}.rooms.{room}", "an event object", event)
                key = ("schedule", "conference", "days", index, "rooms", room, number)
                entries.append((when, reader.talk(event, key, when, day_start, one_line(room))))
    return entries


def _flat_entries(events: list, conference: dict, name: str,
                  reader: _EventReader) -> list[tuple[date, Entry]]:
    """(day, Talk) for the c3voc schedule v2 ``schedule.events``: each event on the
    conference day whose start it follows (a congress day runs past midnight), else on
    its own date."""
    begins: list[tuple[datetime, date]] = []  # (real start, date) of each conference day
    for i, day in enumerate(conference.get("days") or []):
        start = _iso(_text(day, "start") or _text(day, "day_start"), name,
                     f"schedule.conference.days[{i}].start") if isinstance(day, dict) else None
        if start is not None:
            when = _day_date(day, name, f"schedule.conference.days[{i}]")
            begins.append((instant(wall_clock(start, reader.zone), reader.zone), when))
    entries: list[tuple[date, Entry]] = []
    for number, event in enumerate(events):
        if not isinstance(event, dict):
            raise _wrong_shape(name, f"schedule.events[{number}]", "an event object", event)
        talk = reader.talk(event, ("schedule", "events", number), None, None, None)
        moment, when = instant(talk.start, reader.zone), talk.start.date()
        for begin, day in sorted(begins):
            if begin <= moment < begin + timedelta(days=1):
                when = day
        entries.append((when, talk))
    return entries


def _people_names(persons: Any) -> dict[str, str]:
    """Person guid and id -> name, from a list of person objects (schedule v2)."""
    out: dict[str, str] = {}
    for person in persons if isinstance(persons, list) else []:
        name = _name(person, "public_name") or _name(person, "name") \
            if isinstance(person, dict) else None
        if name:
            for key in ("guid", "id", "code"):
                if _text(person, key):
                    out.setdefault(_text(person, key), name)  # type: ignore[arg-type]
    return out


def _track_names(tracks: Any) -> dict[str, str]:
    """Track slug -> track name (schedule v2 events name their track by slug)."""
    out: dict[str, str] = {}
    for track in tracks if isinstance(tracks, list) else []:
        if isinstance(track, dict) and _name(track, "name"):
            for key in ("slug", "guid", "name"):
                if _text(track, key):
                    out.setdefault(_text(track, key), _name(track, "name"))  # type: ignore[arg-type]
    return out


def _with_empty_days(schedule: Schedule, empty: list[date], name: str) -> Schedule:
    """``schedule`` with a Day of no entries for each date in ``empty`` that has none (so
    the prepare step names each day it skips), days in date order."""
    have = {d.date for d in schedule.days}
    extra = tuple(Day(when, where=Where(name)) for when in dict.fromkeys(empty) if when not in have)
    if not extra:
        return schedule
    return replace(schedule, days=tuple(sorted(schedule.days + extra, key=lambda d: d.date)))


def track_colors(tracks: Any) -> tuple[tuple[str, str], ...]:
    """``[{"name": "ML", "color": "#2A9D8F"}]`` -> ``(("ML", "#2a9d8f"),)``, sorted by name.

    ``#abc`` is widened to ``#aabbcc``; schedule v2's ``"colors": {"light": ...}`` is read
    too; tracks without a readable colour are left out.
    """
    colors: dict[str, str] = {}
    for track in tracks if isinstance(tracks, list) else []:
        if not isinstance(track, dict):
            continue
        shades = track.get("colors") if isinstance(track.get("colors"), dict) else {}
        name = _name(track, "name")
        m = _HEX.match(_text(track, "color") or _text(shades, "light") or "")
        if name and m:
            digits = m[1] if len(m[1]) == 6 else "".join(c * 2 for c in m[1])
            colors[name] = "#" + digits.lower()
    return tuple(sorted(colors.items()))


def _day_date(day: Any, name: str, key_path: str) -> date:
    text = _get(day, "date", str, name, f"{key_path}.date")
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise UserError(f"day date {text!r} is not a date (YYYY-MM-DD)", Where(name),
                        f"{key_path}.date") from None


def _iso(text: str | None, name: str, key_path: str) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"{text!r} is not a date and time (ISO 8601)", Where(name),
                        key_path) from None


def parse_frab_duration(text: str) -> timedelta:
    """``"00:45"``, ``"1:30"`` or ``"01:30:00"`` -> timedelta (also read for ``start``, as
    the time since midnight). Raises ValueError for anything else."""
    m = _DURATION.match(text)
    if not m or int(m[2]) > 59 or int(m[3] or 0) > 59:
        raise ValueError(f"duration {text.strip()!r} is not HH:MM")
    return timedelta(hours=int(m[1]), minutes=int(m[2]), seconds=int(m[3] or 0))


@dataclass
class _EventReader:
    """Turns frab event records into Talks for one file (its name, zone and ids)."""

    name: str
    zone: str | None
    locate: Locate
    ids: IdPool
    #: track slug (or guid) -> track name
    tracks: dict[str, str] = field(default_factory=dict)
    #: the schedule's ``base_url``: what relative links (``/system/attachments/...``) are
    #: relative to
    base: str | None = None
    #: person guid (or id) -> name, from schedule v2's ``schedule.persons``
    people: dict[str, str] = field(default_factory=dict)
    #: the UTC offsets the events' dates are written with (None: without one)
    offsets: set[timedelta | None] = field(default_factory=set)

    def talk(self, event: dict, key: tuple, day: date | None, day_start: datetime | None,
             room: str | None) -> Talk:
        """The Talk for one event record at key path ``key``, listed under ``room`` on
        ``day`` (both None for a schedule v2 event, which names its own)."""
        where = self.locate(event, key)
        ident = _text(event, "id") or _text(event, "guid") or _text(event, "code")
        title = _name(event, "title") or ""  # none: "(untitled)", by the prepare step
        label = f"event {ident}" if ident else "an event"
        label = f"{label} ({title!r})" if title else label  # no title: "(untitled)", by prepare
        start = self._start(event, day, day_start, label, where)
        end = self._end(event, start, label, where)
        abstract = rich(_text(event, "abstract"))
        description = rich(_text(event, "description"))
        return Talk(
            id=self.ids.take(ident, title),
            title=title,
            kind=kind_for(_name(event, "type"), title),
            start=start,
            end=end,
            room=room or _name(event, "room") or _name(_object(event, "room"), "name"),
            speakers=_persons(event.get("persons") or event.get("participants"), self.people),
            abstract=abstract or None,
            url=resolved(_text(event, "url"), self.base),
            links=tuple(Link(link.label, resolved(link.url, self.base) or link.url)
                        for link in _links(event.get("links")) + _links(event.get("attachments"))),
            track=_name(event, "track") or self._track(_object(event, "track")),
            subtitle=_name(event, "subtitle"),
            # a description that only repeats the abstract is not printed twice
            description=description if description and description != abstract else None,
            board=_name(event, "board"),  # (not frab's own: some exports add it)
            where=where,
        )

    def _track(self, track: dict) -> str | None:
        """A schedule v2 track object's name (``{"slug": "science"}`` -> ``Science``)."""
        slug = _text(track, "slug") or _text(track, "guid")
        return _name(track, "name") or (self.tracks.get(slug, slug) if slug else None)

    def _start(self, event: dict, day: date | None, day_start: datetime | None, label: str,
               where: Where) -> datetime:
        """From ``date`` (ISO with offset) when given, else ``start`` (HH:MM on the day, or
        ISO in schedule v2); a start before the day's own start time is after midnight, on
        the next date."""
        clock = _text(event, "start")
        text = _text(event, "date") or (clock if clock and "T" in clock else None)
        if text:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                raise UserError(f"{label}: date {text!r} is not a date and time (ISO 8601)",
                                where) from None
            self.offsets.add(moment.utcoffset())
            return wall_clock(moment, self.zone)
        if not clock:
            raise UserError(f"{label} has neither date nor start", where)
        if day is None:
            raise UserError(f"{label}: start {clock!r} has no date (write it as ISO 8601, "
                            "2024-12-27T10:30:00+01:00)", where)
        try:
            offset = parse_frab_duration(clock)
        except ValueError:
            raise UserError(f"{label}: start {clock!r} is not a time (HH:MM)", where) from None
        start = datetime.combine(day, datetime.min.time()) + offset
        if day_start is not None and offset < timedelta(hours=day_start.hour,
                                                        minutes=day_start.minute):
            start += timedelta(days=1)
        return start

    def _end(self, event: dict, start: datetime, label: str, where: Where) -> datetime:
        """``start`` plus ``duration`` (HH:MM), else the ISO ``end`` (schedule v2)."""
        duration, end = _text(event, "duration"), _text(event, "end")
        if duration is None and end:
            try:
                return wall_clock(datetime.fromisoformat(end), self.zone)
            except ValueError:
                raise UserError(f"{label}: end {end!r} is not a date and time (ISO 8601)",
                                where) from None
        try:
            length = parse_frab_duration(duration or "0:00")
        except ValueError as exc:
            raise UserError(f"{label}: {exc}", where) from None
        return after(start, length, self.zone)  # real time, across a change of the clocks


_RELATIVE = re.compile(r"^(?:/(?!/)|\.\.?/)")


def resolved(url: str | None, base: str | None) -> str | None:
    """``url`` made absolute against ``base`` when it is a path (``/system/a.pdf``,
    ``../slides/x.pdf``: frab writes attachments so); anything else as it is (a bare
    ``www.example.org`` is a host, not a path, and is left to the checks)."""
    if url and base and _RELATIVE.match(url) and re.match(r"(?i)^https?://[^/]", base):
        return urljoin(base, url)
    return url


def _object(record: dict, key: str) -> dict:
    """``record[key]`` when it is an object (schedule v2 ``room``, ``track``), else ``{}``."""
    value = record.get(key)
    return value if isinstance(value, dict) else {}


def _persons(persons: Any, known: dict[str, str] | None = None) -> tuple[Person, ...]:
    """Speakers from ``[{"public_name": ...}]`` (or ``name``, or plain strings); a person
    given only by ``guid``/``id`` takes the name ``known`` has for it (schedule v2 lists
    every person once, in ``schedule.persons``)."""
    out = []
    for person in persons if isinstance(persons, list) else []:
        if isinstance(person, dict):
            name = (_name(person, "public_name") or _name(person, "name")
                    or _name(person, "full_public_name")
                    or (known or {}).get(_text(person, "guid") or _text(person, "id") or ""))
        else:
            name = one_line(person) if isinstance(person, str) else None
        if name:
            out.append(Person(name))
    return tuple(out)


def _links(links: Any) -> tuple[Link, ...]:
    """Links from ``[{"url": ..., "title": ...}]`` (``href`` accepted for ``url``; without a
    title, the link's ``type``: ``SLIDES`` -> ``Slides``)."""
    out = []
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict):
            url = _text(link, "url") or _text(link, "href")
            label = _name(link, "title") or (_name(link, "type") or "link").capitalize()
            if url:
                out.append(Link(label, url))
    return tuple(out)
