"""Schedules kept in a spreadsheet and saved as CSV: ``load(path) -> Schedule``.

The first line is a header; columns are found by name, case and punctuation ignored, with
common synonyms (``Start time``, ``Location``, ``Presenters``...). Understood columns:

    Room, Date, Start, End or Duration, Title, Speakers, Affiliation, Abstract, URL, ID,
    Track, Type, Session, Chair

Other columns are ignored. ``Start`` may hold a date and time (then Date may be left out) or
a range (``9:00-9:30``, then End may be left out). Speakers and chairs are separated by ``|``
or ``;``; without an Affiliation column each may be written ``Name, Affiliation``. Rows with
the same Session on the same date become one Session (its chair from Chair). An end before
an evening start (``23:30`` to ``00:30``) is on the next day. The delimiter (``,`` ``;`` or
tab) is read from the header line; quoted fields may span lines; UTF-8 with or without BOM.
Mistakes are UserErrors at ``file:line`` (the line where the row starts).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from program.errors import UserError
from program.model import Entry, Person, Schedule, Session, Talk, Where
from program.sources.naming import IdPool
from program.sources.common import assemble, declare_rooms, kind_for
from program.sources.strictyaml import read_source_text
from program.sources.times import parse_clock, parse_duration, parse_range, resolve
from program.sources.naming import parse_person
from program.sources.richtext import parse as rich


_ALIASES: dict[str, tuple[str, ...]] = {
    "room": ("room", "location", "hall", "venue", "stage"),
    "date": ("date", "day"),
    "start": ("start", "starttime", "starts", "begin", "from", "time"),
    "end": ("end", "endtime", "ends", "finish", "to", "until"),
    "duration": ("duration", "length", "minutes", "durationmin", "durationminutes"),
    "title": ("title", "talk", "talktitle", "subject"),
    "speakers": ("speakers", "speaker", "presenters", "presenter", "authors", "author",
                 "persons"),
    "affiliation": ("affiliation", "affiliations", "organisation", "organization",
                    "institution"),
    "abstract": ("abstract", "description"),
    "url": ("url", "link", "website"),
    "id": ("id", "uid", "guid", "code"),
    "track": ("track", "topic"),
    "type": ("type", "kind", "format", "category"),
    "session": ("session", "sessiontitle", "sessionname", "block"),
    "chair": ("chair", "chairs", "sessionchair", "moderator"),
}
_FIELD_OF = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_PEOPLE_SPLIT = re.compile(r"\s*[|;]\s*")
_SECONDS = re.compile(r"^(\d{1,2}:\d{2}):\d{2}$")


def sniff(head: bytes) -> bool:
    """True for a header line that names a title and a time or date column."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
    return any(d in first for d in (b",", b";", b"\t")) and b"title" in first \
        and (b"start" in first or b"date" in first)


@dataclass(frozen=True)
class _Row:
    """One data row: its values by field name (blank ones left out) and where it starts."""

    values: dict[str, str]
    where: Where

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def error(self, message: str) -> UserError:
        return UserError(message, self.where)


def load(path: str | Path) -> Schedule:
    """Read a CSV schedule; UserError (with the row's line) for anything it cannot read."""
    name = str(path)
    rows = read_rows(read_source_text(path), name)
    ids = IdPool()
    talks = [(row, _talk(row, ids)) for row in rows]
    entries = _entries(talks, ids)
    rooms = declare_rooms(row.get("room") for row in rows)
    return assemble(name, Path(name).stem, rooms, entries)


def read_rows(text: str, name: str, fields: dict[str, str] | None = None,
              required: tuple[str, ...] = ("title", "start")) -> list[_Row]:
    """The data rows of CSV ``text``, keyed by field names from the header: ``fields``
    maps a heading (lower case, letters and digits only) to its field (default: the
    schedule's columns); a ``required`` field missing from the header is a UserError."""
    header_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[_Row] = []
    line = 1  # where the row being read starts (a quote left open runs to the end)
    try:
        columns = _columns(next(reader), name, _FIELD_OF if fields is None else fields,
                           required)
        line = reader.line_num + 1
        for cells in reader:
            values = {key: _cell(key, cells[i]) for key, i in columns.items()
                      if i < len(cells) and cells[i].strip()}
            if values:
                rows.append(_Row(values, Where(name, line)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise UserError(f"not readable as CSV ({exc}); is a quote left open or the file "
                        "cut off?", Where(name, line)) from None
    return rows


def heading_key(heading: str) -> str:
    """A column heading as it is looked up: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", heading.lower())


def _cell(key: str, text: str) -> str:
    """A cell's text: the abstract keeps its lines; every other field is made one line."""
    return text.strip() if key == "abstract" else " ".join(text.split())


def _columns(header: list[str], name: str, fields: dict[str, str],
             required: tuple[str, ...]) -> dict[str, int]:
    """Field name -> column index, from the header row."""
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = fields.get(heading_key(heading))
        if key is None:
            continue
        if key in found:
            raise UserError(f"two columns mean {key}: {header[found[key]]!r} and {heading!r}",
                            Where(name, 1))
        found[key] = index
    shown = ", ".join(h for h in header if h.strip()) or "nothing"
    for key in required:
        if key not in found:
            raise UserError(f"no {key.capitalize()} column in the header (it has: {shown})",
                            Where(name, 1))
    return found


def _date(text: str, row: _Row) -> date:
    """``2024-03-01`` or ``01.03.2024``; other spellings are ambiguous and refused."""
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            year, month, day = map(int, text.split("-"))
            return date(year, month, day)
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            day, month, year = map(int, text.split("."))
            return date(year, month, day)
    except ValueError as exc:
        raise row.error(f"{text!r} is not a date: {exc}") from None
    raise row.error(f"{text!r} is not a date; write it as YYYY-MM-DD")


def _clock(text: str, row: _Row) -> int:
    """Minutes since midnight of ``9:30``, ``09:30:00`` or ``1:30pm``."""
    try:
        return resolve(parse_clock(_SECONDS.sub(r"\1", text)))
    except ValueError as exc:
        raise row.error(str(exc)) from None


def _moment(text: str, day: date | None, row: _Row, column: str) -> datetime:
    """A start or end: a date and time in the cell (``2024-03-01 09:00``, ISO 8601 with an
    offset, ``01.03.2024 09:00``), or a time on ``day``."""
    if re.match(r"\d{4}-\d{2}-\d{2}[ T]\d", text):
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            pass
    dated = re.fullmatch(r"(\d[\d.-]+\d)[ T]+(\S.*)", text)
    if dated:
        day, text = _date(dated[1], row), dated[2]
    if day is None:
        raise row.error(f"{column} {text!r} has no date; fill in the Date column")
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=_clock(text, row))


def _range(text: str, day: date | None, row: _Row) -> tuple[datetime, datetime] | None:
    """``9:00-9:30`` in the Start cell -> start and end on ``day``; None when not a range."""
    try:
        first, second = parse_range(text)
    except ValueError:
        return None
    if second is None:
        return None
    if day is None:
        raise row.error(f"start {text!r} has no date; fill in the Date column")
    midnight = datetime.combine(day, datetime.min.time())
    start = midnight + timedelta(minutes=resolve(first))
    return start, _after_midnight(start, midnight + timedelta(minutes=resolve(second)))


def _times(row: _Row) -> tuple[datetime, datetime]:
    """Start and end of a row, from Start and End, Duration, or a range in Start."""
    day = _date(row.values["date"], row) if "date" in row.values else None
    text = row.get("start")
    if text is None:
        raise row.error("this row has no start time")
    end_text = row.get("end")
    span = _range(text, day, row) if end_text is None else None
    if span is not None:
        return span
    start = _moment(text, day, row, "start")
    duration = _duration(row)
    if end_text is None:
        if duration is None:
            raise row.error("this row has neither an end time nor a duration")
        return start, start + duration
    end = _after_midnight(start, _moment(end_text, start.date(), row, "end"))
    if duration is not None and end - start != duration:
        raise row.error(f"end {end_text!r} and duration {row.get('duration')!r} disagree")
    return start, end


def _duration(row: _Row) -> timedelta | None:
    text = row.get("duration")
    if text is None:
        return None
    try:
        return timedelta(minutes=parse_duration(text))
    except ValueError as exc:
        raise row.error(str(exc)) from None


def _after_midnight(start: datetime, end: datetime) -> datetime:
    """An end read as a time of the start's day that falls before an evening start and in
    the small hours (``23:30`` to ``00:30``) is on the next day."""
    if end < start and start.hour >= 18 and end.date() == start.date() and end.hour < 6:
        return end + timedelta(days=1)
    return end


def _speakers(row: _Row) -> tuple[Person, ...]:
    """Speakers split at ``|``/``;``, paired with the Affiliation cell when there is one."""
    names = [n for n in _PEOPLE_SPLIT.split(row.get("speakers") or "") if n]
    affiliation = row.get("affiliation")
    if affiliation is None:
        return tuple(parse_person(n) for n in names)
    places = [a for a in _PEOPLE_SPLIT.split(affiliation) if a]
    if len(places) == 1:
        places *= len(names)
    if len(places) != len(names):
        raise row.error(f"{len(names)} speaker(s) but {len(places)} affiliations; separate "
                        "both with | in the same order")
    return tuple(Person(n, a) for n, a in zip(names, places))


def _talk(row: _Row, ids: IdPool) -> Talk:
    title = row.get("title")
    if title is None:
        raise row.error("this row has no title")
    start, end = _times(row)
    return Talk(
        id=ids.take(row.get("id"), title),
        title=title,
        kind=kind_for(row.get("type"), title),
        start=start,
        end=end,
        room=row.get("room"),
        speakers=_speakers(row),
        abstract=rich(row.get("abstract")),
        url=row.get("url"),
        track=row.get("track"),
        where=row.where,
    )


@dataclass
class _Group:
    """The rows of one session while they are gathered."""

    title: str
    first: _Row
    talks: list[Talk] = field(default_factory=list)
    chair: str | None = None


def _entries(talks: list[tuple[_Row, Talk]], ids: IdPool) -> list[tuple[date, Entry]]:
    """``(date, entry)`` pairs: talks on their own, and Sessions for rows sharing a Session."""
    entries: list[tuple[date, Entry]] = []
    groups: dict[tuple[date, str], _Group] = {}
    for row, talk in talks:
        title = row.get("session")
        if title is None:
            entries.append((talk.start.date(), talk))
            continue
        group = groups.setdefault((talk.start.date(), title), _Group(title, row))
        group.talks.append(talk)
        group.chair = group.chair or row.get("chair")
    for (when, _), group in groups.items():
        entries.append((when, _session(group, ids)))
    return entries


def _session(group: _Group, ids: IdPool) -> Session:
    items = tuple(sorted(group.talks, key=lambda t: t.start))
    rooms = {t.room for t in items}
    chairs = [c for c in _PEOPLE_SPLIT.split(group.chair or "") if c]
    return Session(
        id=ids.take(None, "session " + group.title),
        title=group.title,
        start=min(t.start for t in items),
        end=max(t.end for t in items),
        items=items,
        chairs=tuple(parse_person(c) for c in chairs),
        room=rooms.pop() if len(rooms) == 1 else None,
        where=group.first.where,
    )
