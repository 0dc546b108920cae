"""Attendee lists for name badges: ``load_attendees(path) -> (attendees, warnings)``.

A CSV file (``,`` ``;`` or tab, UTF-8 with or without BOM) whose header names the columns,
found as the schedule CSV reader finds them (case and punctuation ignored, common synonyms):

    Name (or First name + Last name), Affiliation, Pronouns, Role, ID, Email, Sessions

An Excel workbook (``.xlsx``, ``.xlsm``) is read the same way, with openpyxl: its first
sheet, the first row the header; rows are reported by their sheet row (``list.xlsx (sheet
Attendees):7``). Numbers are written as a person typed them (``1024``, not ``1024.0``).

Roles are read with their usual synonyms (``Organiser``, ``Staff``, ``Presenter``...); any
other role is kept as written. Sessions (``|`` or ``;`` between them, else ``,``) name session
ids, tracks or workshop titles. A row without a name is left out with a warning naming its
line; so is a second row with an id already seen. Nothing else is dropped silently: a
column the reader does not use is named in a warning.
"""
from __future__ import annotations

import re
from pathlib import Path

from program.errors import UserError
from program.model import Attendee, Where
from program.sources.csv_table import heading_key, read_table, table_of
from program.sources.strictyaml import read_source_text

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "attendee", "attendeename", "participant", "displayname",
             "badgename", "nameonbadge"),
    "first": ("firstname", "givenname", "forename", "first"),
    "last": ("lastname", "surname", "familyname", "last"),
    "affiliation": ("affiliation", "organisation", "organization", "company", "institution",
                    "employer", "university", "org"),
    "pronouns": ("pronouns", "pronoun"),
    "role": ("role", "type", "tickettype", "ticket", "category", "registrationtype",
             "attendeetype"),
    "id": ("id", "attendeeid", "ticketid", "registrationid", "code", "badgeid", "uid"),
    "email": ("email", "emailaddress", "mail", "e-mail"),
    "sessions": ("sessions", "tracks", "workshops", "mysessions", "personalschedule",
                 "session", "track", "workshop"),
}
_FIELDS = {heading_key(alias): key for key, aliases in _ALIASES.items() for alias in aliases}
_ROLE_OF = {
    "speaker": "speaker", "speakers": "speaker", "presenter": "speaker", "author": "speaker",
    "keynote": "speaker", "invitedspeaker": "speaker",
    "organizer": "organizer", "organiser": "organizer", "organizers": "organizer",
    "organisers": "organizer", "organizingcommittee": "organizer", "staff": "organizer",
    "chair": "organizer",
    "volunteer": "volunteer", "volunteers": "volunteer", "helper": "volunteer",
    "crew": "volunteer",
    "attendee": "attendee", "participant": "attendee", "delegate": "attendee",
    "registrant": "attendee", "guest": "attendee", "regular": "attendee", "": "attendee",
}
_SPLIT = re.compile(r"\s*[|;]\s*")


def _sessions(text: str) -> tuple[str, ...]:
    """The sessions a cell names: split at ``|`` or ``;``, else at commas."""
    parts = _SPLIT.split(text) if _SPLIT.search(text) else text.split(",")
    return tuple(p.strip() for p in parts if p.strip())


def role_of(text: str | None) -> str:
    """The badge role of what a list writes (``Organiser`` -> ``organizer``); another role
    is kept as written."""
    key = heading_key(text or "")
    return _ROLE_OF.get(key, " ".join((text or "").split()))


def _field(heading: str) -> str | None:
    return _FIELDS.get(heading_key(heading))


def _columns(header: list[str], name: str) -> dict[str, int]:
    """Field -> column index; a UserError for a header with no name column."""
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = _field(heading)
        if key is not None:
            found.setdefault(key, index)
    if "name" not in found and not ({"first", "last"} & found.keys()):
        shown = ", ".join(h for h in header if h.strip()) or "nothing"
        raise UserError(f"no Name (or First name / Last name) column in the header (it has: "
                        f"{shown})", Where(name, 1))
    return found


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _text(value) -> str:
    """A cell's value as the text a person typed: whole numbers without ``.0``, dates as
    ISO dates, nothing for an empty cell."""
    from datetime import date, datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _workbook_table(path: str | Path):
    """(the first sheet of a workbook as the CSV reader's table, its name in messages:
    ``file (sheet Name)``); rows are named by their sheet row. UserError for a file that
    is no workbook."""
    import zipfile

    from openpyxl import load_workbook

    name = str(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UserError("no such file", Where(name)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserError(f"not readable as an Excel workbook ({exc.__class__.__name__}: "
                        f"{exc}); save it again as .xlsx, or as CSV", Where(name)) from None
    try:
        sheet = book.worksheets[0]
        where = f"{name} (sheet {sheet.title})"
        rows = sheet.iter_rows(values_only=True)
        header = [_text(v) for v in next(rows, ())]
        columns = _columns(header, where)
        return table_of(header, ((n, [_text(v) for v in cells])
                                 for n, cells in enumerate(rows, start=2)),
                        columns, where, _field), where
    finally:
        book.close()


def load_attendees(path: str | Path) -> tuple[tuple[Attendee, ...], tuple[str, ...]]:
    """The attendees of a CSV list or workbook, and warnings (``file:line: warning: ...``) for rows left
    out and columns not used. UserError for a file that is not a readable list."""
    name = str(path)
    if Path(name).suffix.lower() in WORKBOOK_SUFFIXES:
        table, name = _workbook_table(path)
    else:
        table = read_table(read_source_text(path), name, _columns, _field)
    warnings = [f"{name}:1: warning: column {h!r} is not used on badges"
                for h, _ in table.ignored]
    out: list[Attendee] = []
    seen: dict[str, Where] = {}
    for row in table.rows:
        full = row.get("name") or " ".join(p for p in (row.get("first"), row.get("last")) if p)
        if not full:
            warnings.append(f"{row.where}: warning: no name in this row; no badge is printed "
                            "for it")
            continue
        ident = row.get("id")
        if ident is not None and ident in seen:
            warnings.append(f"{row.where}: warning: id {ident!r} is already used at line "
                            f"{seen[ident].line}; no second badge is printed for it")
            continue
        if ident is not None:
            seen[ident] = row.where
        sessions = _sessions(row.get("sessions") or "")
        out.append(Attendee(full, row.get("affiliation"), row.get("pronouns"),
                            role_of(row.get("role")), ident, row.get("email"), sessions,
                            row.where))
    if not out:
        raise UserError("no attendee with a name in the list", Where(name, 1))
    return tuple(out), tuple(warnings)
