"""Schedules kept in a spreadsheet and saved as CSV: ``load(path) -> Schedule``.

The first line is a header; columns are found by name, case and punctuation ignored, with
the names spreadsheets and exporters use (``Start time``, ``Time Start``, ``Room/Location``,
``fullname``, ``starttime``...). Understood columns:

    Room, Date, Day, Start, End or Duration, Title, Speakers, Coauthors, Affiliation,
    Abstract, Description, URL, ID, Track, Type, Session, Chair, Board

Rows of type Poster in one Session (or with a Board number: ``Board``, ``Poster board``,
``Poster number``) make a poster session; a poster without a board gets the next free
number in file order.

Columns of extra links (``File URL``, ``Slides``, ``Video link``) become the talk's links,
labelled by their heading. A column the reader does not know is left out with one warning
naming it. Without a Room column, Track is also the room (parallel tracks are the
timetable's columns). ``Session Title`` is the talk's title when there is no Title column
(else the session's). ``Day`` gives the date when there is no Date column (beside Date it
says the same and is not read). Without an Abstract column, Description is the abstract.
``Start`` may hold a date and time (then Date may be left out; an ISO 8601 offset such as
``+00:00`` makes the times real zoned times) or a range (``9:00-9:30``, then End may be
left out). Dates are ``2024-03-01``, ``01.03.2024`` (day first), or ``09/18/2015`` and
``18-09-2015``: month or day first as the file's dates show (a day above 12 somewhere
decides), refused when no date tells; or with the month's name (``Friday, September 18,
2015``, ``18 Sep 2015``). Speakers and chairs are separated by ``|`` or ``;``
(voctosched's ``id:name`` is read as the name); without an Affiliation column each may be
written ``Name, Affiliation`` or ``Name (Affiliation)``. One speaker keeps the Affiliation
cell whole (``;`` included). Rows with the same Session on the same date become one Session
(its chair from Chair). An end before an evening start (``23:30`` to ``00:30``) is on the
next day, unless an End Date column says which day it ends. The delimiter (``,`` ``;`` or
tab) is read from the header line, or from Excel's ``sep=;`` line before it; quoted fields
may span lines; UTF-8 with or without BOM. Mistakes are UserErrors at ``file:line`` (the
line where the row starts).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Callable, Iterable, Iterator

from program.errors import UserError
from program.model import Entry, Kind, Link, Notice, Person, Schedule, Session, Talk, Where, after_midnight
from program.sources.naming import IdPool
from program.sources.dates import find_date
from program.sources.common import (assemble, assign_boards, declare_rooms, kind_for,
                                   offset_zone, printed_in_utc)
from program.sources.strictyaml import read_source_text
from program.sources.times import parse_clock, parse_duration, parse_range, resolve, resolve_end
from program.sources.naming import parse_person
from program.sources.words import unaccented
from program.sources.richtext import parse as rich


_ALIASES: dict[str, tuple[str, ...]] = {
    "room": ("room", "location", "hall", "venue", "stage", "roomlocation", "roomname",
             "locationname"),
    "date": ("date", "startdate"),
    "enddate": ("enddate",),  # (Outlook's and Google Calendar's CSV: End Date, End Time)
    "day": ("day",),
    "start": ("start", "starttime", "starts", "begin", "from", "time", "timestart",
              "startsat", "startdatetime"),
    "end": ("end", "endtime", "ends", "finish", "to", "until", "timeend", "endsat",
            "enddatetime"),
    "duration": ("duration", "length", "minutes", "durationmin", "durationminutes"),
    "title": ("title", "talk", "talktitle", "subject"),
    "speakers": ("speakers", "speaker", "presenters", "presenter", "authors", "author",
                 "persons", "fullname", "speakername", "speakernames"),
    "coauthors": ("coauthors", "coauthor", "cospeakers"),
    "affiliation": ("affiliation", "affiliations", "organisation", "organization",
                    "institution", "institutions"),
    "abstract": ("abstract", "summary"),
    "description": ("description",),
    "url": ("url", "link", "website"),
    "id": ("id", "uid", "guid", "code", "submissionid", "talkid"),
    "track": ("track", "topic"),
    "type": ("type", "kind", "format", "category", "talkformat", "sessiontype"),
    "session": ("session", "sessiontitle", "sessionname", "block"),
    "chair": ("chair", "chairs", "sessionchair", "moderator"),
    # a poster's board (a "Poster" column stays a link: it holds the poster's PDF)
    "board": ("board", "boardnumber", "boardno", "posterboard", "posternumber", "posterno",
              "posterboardnumber"),
}
#: headings in German, French, Spanish and Italian (accents and case are dropped before the
#: look-up, so ``Début`` is ``debut``): organizers export from spreadsheets in their language
_FOREIGN: dict[str, tuple[str, ...]] = {
    "title": ("titel", "thema", "vortrag", "titre", "sujet", "titulo", "tema", "titolo",
              "argomento", "intervento"),
    "speakers": ("referent", "referenten", "referentin", "sprecher", "sprecherin", "vortragende",
                 "intervenant", "intervenants", "orateur", "oratrice", "conferencier",
                 "ponente", "ponentes", "orador", "relator", "conferenciante", "relatore",
                 "relatori", "oratore"),
    "room": ("raum", "saal", "ort", "salle", "lieu", "sala", "aula", "luogo"),
    "start": ("beginn", "anfang", "startzeit", "uhrzeit", "zeit", "debut", "heure",
              "heuredebut", "horaire", "inicio", "hora", "horainicio", "comienzo", "inizio",
              "ora", "orainizio"),
    "end": ("ende", "endzeit", "schluss", "fin", "heurefin", "horafin", "final", "fine",
            "orafine"),
    "date": ("datum", "fecha", "data"),
    "day": ("tag", "wochentag", "jour", "dia", "giorno"),
    "duration": ("dauer", "duree", "duracion", "durata"),
    "abstract": ("zusammenfassung", "kurzfassung", "resume", "resumen", "sommario",
                 "riassunto"),
    "description": ("beschreibung", "descriptif", "descripcion", "descrizione"),
    "affiliation": ("institution", "organisation", "institucion", "istituzione", "ente",
                    "universitat", "universite", "universidad", "universita"),
    "session": ("sitzung", "seance", "sesion", "sessione"),
    "chair": ("vorsitz", "moderation", "president", "presidente", "moderador",
              "moderatore"),
    "type": ("typ", "tipo"),
}
_FIELD_OF = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_FIELD_OF.update({alias: key for key, aliases in _FOREIGN.items() for alias in aliases
                  if alias not in _FIELD_OF})
_MULTILINE = ("abstract", "description")  # cells that keep their lines
_PEOPLE_SPLIT = re.compile(r"\s*[|;]\s*(?![^()]*\))")  # not inside ``(Dept.; Uni)``
_SECONDS = re.compile(r"^(\d{1,2}:\d{2}):\d{2}$")
_VOCTO_ID = re.compile(r"^\d+:(?=\S)")  # voctosched's ``12:Name``
_NAME_PAREN = re.compile(r"(?P<name>[^()]+?)\s*\((?P<aff>[^()]*)\)")
#: a day-month or month-day date with a four-digit year, alone or before a time
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?!\d)")
_DATE_FIELDS = ("date", "day", "start", "end", "enddate")
_SEP_HINT = re.compile(r"\ufeff?sep=(.)")


def sniff(head: bytes) -> bool:
    """True for a header line that names a title and a time or date column."""
    lines = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 2)
    first = (lines[1] if lines[0].strip().lower().startswith(b"sep=") and len(lines) > 1
             else lines[0]).lower()
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


@dataclass(frozen=True)
class _Table:
    """The rows of a file, and what the header left out (``(heading, column)`` pairs)."""

    rows: list[_Row]
    ignored: tuple[tuple[str, int], ...] = ()


def load(path: str | Path) -> Schedule:
    """Read a CSV schedule; UserError (with the row's line) for anything it cannot read."""
    name = str(path)
    table = read_table(read_source_text(path), name)
    rows = table.rows
    order = _date_order(rows)
    timed = [(row, *_times(row, order)) for row in rows]
    zone, timed = _zoned(timed)
    ids = IdPool()
    talks = [(row, _talk(row, start, end, ids)) for row, start, end in timed]
    entries = _entries(talks, ids)
    rooms = declare_rooms(row.get("room") for row in rows)
    schedule = assemble(name, Path(name).stem, rooms, entries, timezone=zone)
    notices = [Notice(f"column {heading!r} is not one this reader knows: its values are "
                      f"left out (known: {', '.join(_ALIASES)})", Where(name, 1, column))
               for heading, column in table.ignored]
    if zone == "UTC":
        notices.append(printed_in_utc(name, "the times are given in UTC (+00:00) and no "
                                            "time zone is named"))
    return replace(schedule, notices=tuple(notices)) if notices else schedule


def read_table(text: str, name: str,
               columns_of: Callable[[list[str], str], dict[str, int]] | None = None,
               field_of: Callable[[str], str | None] | None = None) -> _Table:
    """The data rows of CSV ``text``, keyed by field names from the header, and the columns
    that were not read. ``columns_of(header, file name)`` finds the columns (a UserError
    for a header without what is needed) and ``field_of(heading)`` names a heading's field
    (None: not read); by default, a schedule's (another table, an attendee list, passes
    its own)."""
    columns_of = columns_of or _columns
    field_of = field_of or _field
    header_line = text.split("\n", 1)[0]
    hint = _SEP_HINT.fullmatch(header_line.strip())  # Excel's "sep=;" line before the header
    if hint:
        header_line = text.split("\n", 2)[1] if text.count("\n") >= 1 else ""
    delimiter = hint[1] if hint else max((",", ";", "\t"), key=header_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    line = 1  # where the row being read starts (a quote left open runs to the end)
    try:
        if hint:
            next(reader)
        header = next(reader, [])
        columns = columns_of(header, name)

        def numbered() -> Iterator[tuple[int, list[str]]]:
            nonlocal line
            line = reader.line_num + 1
            for cells in reader:
                yield line, cells
                line = reader.line_num + 1

        return table_of(header, numbered(), columns, name, field_of)
    except csv.Error as exc:
        raise UserError(f"not readable as CSV ({exc}); is a quote left open or the file "
                        "cut off?", Where(name, line)) from None


def table_of(header: list[str], rows: Iterable[tuple[int, list[str]]], columns: dict[str, int],
             name: str, field_of: Callable[[str], str | None]) -> _Table:
    """The table of ``rows`` ((line or sheet row, cells) pairs under ``header``, whose
    ``columns`` are found): each row's values by field (blank ones left out, rows with none
    too) and the columns not read. Shared by CSV files and workbooks (attendee lists)."""
    out: list[_Row] = []
    unnamed: set[int] = set()  # columns without a heading that hold something
    for line, cells in rows:
        values = {key: _cell(key, cells[i]) for key, i in columns.items()
                  if i < len(cells) and cells[i].strip()}
        unnamed.update(i for i, c in enumerate(cells) if c.strip()
                       and (i >= len(header) or not header[i].strip()))
        if values:
            out.append(_Row(values, Where(name, line)))
    ignored = [(h.strip(), i + 1) for i, h in enumerate(header)
               if h.strip() and field_of(h) is None]
    ignored += [(f"(no heading, column {i + 1})", i + 1) for i in sorted(unnamed)]
    return _Table(out, tuple(ignored))


def _cell(key: str, text: str) -> str:
    """A cell's text: abstract and description keep their lines; every other field is made
    one line."""
    return text.strip() if key in _MULTILINE else " ".join(text.split())


def heading_key(heading: str) -> str:
    """A column heading as it is looked up: lower case without accents (``Début`` ->
    ``debut``), letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", unaccented(heading))


_LINK_HEADING = re.compile(r"(?i)\s*(?P<label>.*?)[\s_-]*(?:url|link)s?\s*")
_LINK_WORDS = ("slides", "video", "recording", "paper", "pdf", "poster")


def _field(heading: str) -> str | None:
    """The field a heading names: one of ``_ALIASES``, ``link:Label`` for a column of extra
    links (``File URL``, ``Slides``, ``Video link``), None for one the reader does not know."""
    key = _FIELD_OF.get(heading_key(heading))
    if key is not None:
        return key
    if heading_key(heading) in _LINK_WORDS:
        return "link:" + heading.strip()
    m = _LINK_HEADING.fullmatch(heading)
    if m and m["label"]:
        return "link:" + m["label"]
    return None


def _columns(header: list[str], name: str) -> dict[str, int]:
    """Field name -> column index, from the header row."""
    keys = [_field(h) for h in header]
    has_title = "title" in keys
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = keys[index]
        if key == "session" and heading_key(heading) == "sessiontitle" and not has_title:
            key = "title"  # a talk's title, in exports that call each talk a session
        if key is None:
            continue
        if key in found:
            raise UserError(f"two columns mean {key}: {header[found[key]]!r} and {heading!r}",
                            Where(name, 1))
        found[key] = index
    if "abstract" not in found and "description" in found:
        found["abstract"] = found.pop("description")  # the only text about the talk
    if "room" not in found and "track" in found:
        found["room"] = found["track"]  # parallel tracks, without rooms: the grid's columns
    if "date" in found:
        found.pop("day", None)  # Day beside Date: the same day said twice (or a day number)
    shown = ", ".join(h for h in header if h.strip()) or "nothing"
    for key in ("title", "start"):
        if key not in found:
            raise UserError(f"no {key.capitalize()} column in the header (it has: {shown})",
                            Where(name, 1))
    return found


@dataclass(frozen=True)
class _Order:
    """How the file writes numeric dates: ``day_first`` for 18/09/2015, False for
    09/18/2015, None when no date is written so."""

    day_first: bool | None = None


def _date_order(rows: list[_Row]) -> _Order:
    """The order of day and month in ``09/18/2015``-style dates, from every row: a first
    number above 12 says day first, a second one month first. UserError when the file's
    dates say both, or when a date could be either and none tells."""
    day_first: tuple[str, _Row] | None = None
    month_first: tuple[str, _Row] | None = None
    unsure: tuple[str, _Row] | None = None
    for row in rows:
        for key in _DATE_FIELDS:
            for m in _NUMERIC_DATE.finditer(row.get(key) or ""):
                first, second = int(m[1]), int(m[3])
                if first > 12 and day_first is None:
                    day_first = (m[0], row)
                elif second > 12 and month_first is None:
                    month_first = (m[0], row)
                elif first != second and first <= 12 and second <= 12 and unsure is None:
                    unsure = (m[0], row)
    if day_first and month_first:
        text, row = month_first
        raise row.error(f"{text!r} is month first, but {day_first[0]!r} (line "
                        f"{day_first[1].where.line}) is day first; write the dates as "
                        "YYYY-MM-DD")
    if day_first or month_first:
        return _Order(day_first=day_first is not None)
    if unsure:
        text, row = unsure
        raise row.error(f"{text!r} could be day first or month first, and no date in the "
                        "file has a day above 12 to tell; write the dates as YYYY-MM-DD")
    return _Order()


def _date(text: str, row: _Row, order: _Order) -> date:
    """``2024-03-01``, ``2024/03/01``, ``01.03.2024``, or ``09/18/2015`` / ``18-09-2015`` in
    the file's ``order``; UserError for anything else."""
    try:
        if re.fullmatch(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}", text):
            year, month, day = map(int, re.split(r"[-/]", text))
            return date(year, month, day)
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            day, month, year = map(int, text.split("."))
            return date(year, month, day)
        m = _NUMERIC_DATE.fullmatch(text)
        if m:
            first, second, year = int(m[1]), int(m[3]), int(m[4])
            day, month = (first, second) if order.day_first or first == second \
                else (second, first)
            return date(year, month, day)
    except ValueError as exc:
        raise row.error(f"{text!r} is not a date: {exc}") from None
    named = _named_date(text)
    if named is not None and named[1] == "":
        return named[0]
    raise row.error(f"{text!r} is not a date; write it as YYYY-MM-DD")


def _named_date(text: str) -> tuple[date, str] | None:
    """``Friday, September 18, 2015`` or ``18 Sep 2015`` at the start of ``text`` (with its
    year: a month name is never ambiguous) and what follows it; None for anything else."""
    found = find_date(text)
    if found is None or found.year is None or not text.startswith(found.text):
        return None
    when = found.resolve()
    return (when, text[len(found.text):].strip(" ,")) if when else None


def _clock(text: str, row: _Row) -> int:
    """Minutes since midnight of ``9:30``, ``09:30:00`` or ``1:30pm``."""
    try:
        return resolve(parse_clock(_SECONDS.sub(r"\1", text)))
    except ValueError as exc:
        raise row.error(str(exc)) from None


def _moment(text: str, day: date | None, row: _Row, column: str, order: _Order,
            tz: tzinfo | None = None) -> datetime:
    """A start or end: a date and time in the cell (``2024-03-01 09:00``, ISO 8601 with an
    offset, aware then; ``01.03.2024 09:00``), or a time on ``day`` (in ``tz``)."""
    if re.match(r"\d{4}-\d{2}-\d{2}[ T]\d", text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    dated = re.fullmatch(r"(\d[\d./-]+\d)[ T]+(\S.*)", text)
    named = None if dated else _named_date(text)
    if dated:
        day, text = _date(dated[1], row, order), dated[2]
    elif named and named[1]:
        day, text = named
    if day is None:
        raise row.error(f"{column} {text!r} has no date; fill in the Date column")
    naive = datetime.combine(day, datetime.min.time()) + timedelta(minutes=_clock(text, row))
    return naive.replace(tzinfo=tz)


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
    start_minutes = resolve(first)
    start = midnight + timedelta(minutes=start_minutes)
    end = midnight + timedelta(minutes=resolve_end(second, start_minutes))
    return start, _after_midnight(start, end)


def _times(row: _Row, order: _Order) -> tuple[datetime, datetime]:
    """Start and end of a row, from Start and End, Duration, or a range in Start (aware
    when the cells give an offset)."""
    day = _date(row.values["date"], row, order) if "date" in row.values else None
    if "day" in row.values:  # (only when there is no Date column)
        try:
            day = _date(row.values["day"], row, order)
        except UserError:
            raise row.error(f"Day {row.values['day']!r} is not a date, and there is no Date "
                            "column to say which day it is") from None
    text = row.get("start")
    if text is None:
        raise row.error("this row has no start time")
    end_text = row.get("end")
    span = _range(text, day, row) if end_text is None else None
    if span is not None:
        return span
    start = _moment(text, day, row, "start", order)
    duration = _duration(row)
    if end_text is None:
        if duration is None:
            raise row.error("this row has neither an end time nor a duration")
        return start, start + duration
    end_day = _date(row.values["enddate"], row, order) if "enddate" in row.values \
        else start.date()
    end = _moment(end_text, end_day, row, "end", order, start.tzinfo)
    if "enddate" not in row.values:
        end = _after_midnight(start, end)
    if (end.tzinfo is None) != (start.tzinfo is None):
        raise row.error(f"start {text!r} and end {end_text!r}: only one gives its UTC "
                        "offset; give both or neither")
    if duration is not None and end - start != duration:
        raise row.error(f"end {end_text!r} and duration {row.get('duration')!r} disagree")
    return start, end


def _zoned(timed: list[tuple[_Row, datetime, datetime]]
           ) -> tuple[str | None, list[tuple[_Row, datetime, datetime]]]:
    """The event's zone and the rows' wall-clock times. Times written with one UTC offset
    stay in it (``Etc/GMT-1`` for +01:00, ``UTC``); several offsets are made UTC (no zone
    name says which zone they belong to). Naive times stay as they are, without a zone."""
    moments = [m for _, start, end in timed for m in (start, end)]
    if not moments or any(m.tzinfo is None for m in moments):
        return None, [(row, s.replace(tzinfo=None), e.replace(tzinfo=None))
                      for row, s, e in timed]
    zone = offset_zone(m.utcoffset() for m in moments) or "UTC"
    offset = moments[0].utcoffset() if zone != "UTC" else timedelta(0)

    def wall(moment: datetime) -> datetime:
        return moment.astimezone(timezone(offset)).replace(tzinfo=None)  # type: ignore[arg-type]

    return zone, [(row, wall(s), wall(e)) for row, s, e in timed]


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
    if after_midnight(start, end):  # the rule the prepare step applies to every reader
        return end + timedelta(days=1)
    return end


def _names(text: str | None) -> list[str]:
    """The names in a Speakers/Coauthors/Chair cell: split at ``|``/``;``, voctosched's
    ``id:`` prefix left out."""
    return [_VOCTO_ID.sub("", n) for n in _PEOPLE_SPLIT.split(text or "") if n]


def _person(text: str) -> Person:
    """``Name (Affiliation)``, ``Name, Affiliation`` or a name."""
    m = _NAME_PAREN.fullmatch(text)
    if m:
        return Person(m["name"], m["aff"].strip() or None)
    return parse_person(text)


def _speakers(row: _Row) -> tuple[Person, ...]:
    """Speakers (then coauthors) split at ``|``/``;``, paired with the Affiliation cell when
    there is one (kept whole for one person: ``Dept. X; Uni Y`` is one affiliation)."""
    names = _names(row.get("speakers")) + _names(row.get("coauthors"))
    affiliation = row.get("affiliation")
    if affiliation is None:
        return tuple(_person(n) for n in names)
    places = [a for a in _PEOPLE_SPLIT.split(affiliation) if a]
    if len(places) == 1 or len(names) == 1:
        places = [affiliation if len(names) == 1 else places[0]] * len(names)
    if len(places) != len(names):
        raise row.error(f"{len(names)} speaker(s) but {len(places)} affiliations; separate "
                        "both with | in the same order")
    return tuple(Person(n, a) for n, a in zip(names, places))


def _talk(row: _Row, start: datetime, end: datetime, ids: IdPool) -> Talk:
    title = row.get("title") or ""  # none: the prepare step prints "(untitled)"
    return Talk(
        id=ids.take(row.get("id"), title),
        title=title,
        kind=kind_for(row.get("type"), title),
        start=start,
        end=end,
        room=row.get("room"),
        speakers=_speakers(row),
        abstract=rich(row.get("abstract")),
        description=rich(row.get("description")),
        url=row.get("url"),
        links=tuple(Link(key[5:], value) for key, value in row.values.items()
                    if key.startswith("link:")),
        track=row.get("track"),
        board=row.get("board"),
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
    chairs = _names(group.chair)
    # a poster session: rows of type Poster, or with a Board column's numbers
    poster = all(t.kind is Kind.POSTER for t in items) or any(t.board for t in items)
    if poster:
        items = tuple(assign_boards(list(items)))
    return Session(
        id=ids.take(None, "session " + group.title),
        title=group.title,
        start=min(t.start for t in items),
        end=max(t.end for t in items),
        items=items,
        chairs=tuple(_person(c) for c in chairs),
        room=rooms.pop() if len(rooms) == 1 else None,
        kind=Kind.POSTER if poster else None,
        where=group.first.where,
    )
