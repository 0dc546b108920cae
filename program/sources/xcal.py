"""xCal: iCalendar in XML (RFC 6321), as pretalx and calendar servers export it.

``load(path) -> Schedule``. The XML is parsed with :mod:`defusedxml` (no DTD, no entities)
and written out as the iCalendar text it stands for, one content line per property, which
the iCalendar reader then reads the same way as a ``.ics`` file: everything it knows (zones,
all-day events, RDATE, speakers, chairs) holds for xCal too. Messages point at the XML line
of the element they are about.

    <icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><vcalendar>
      <properties><prodid><text>...</text></prodid>...</properties>
      <components><vevent><properties>
        <dtstart><parameters><tzid><text>Europe/Berlin</text></tzid></parameters>
                 <date-time>2024-03-01T09:00:00</date-time></dtstart> ...
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element

from program.errors import UserError
from program.model import Schedule, Where
from program.sources import ical
from program.sources.frab_xml import parse_xml
from program.sources.strictyaml import read_source_text

NAMESPACE = "urn:ietf:params:xml:ns:icalendar-2.0"
#: the namespace of the xCal draft before RFC 6321, which pretalx's ``schedule.xcal`` declares
DRAFT_NAMESPACE = "urn:ietf:params:xml:ns:xcal"

_COMPONENTS = {"vevent", "vtodo", "vjournal", "vfreebusy", "vtimezone", "standard",
               "daylight", "valarm"}

#: Value elements whose text is written as it is in iCalendar (after the date and time
#: punctuation of XML is taken out, for the first four).
_VALUE_KINDS = {"date-time", "date", "time", "utc-offset", "duration", "uri", "cal-address",
                "integer", "float", "boolean", "binary", "unknown"}


def sniff(head: bytes) -> bool:
    """True for the start of an xCal document (its namespace is near the top)."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and \
        (NAMESPACE.encode() in head or DRAFT_NAMESPACE.encode() in head)


def load(path: str | Path) -> Schedule:
    """Read an xCal file; UserError for broken XML or a document that is not xCal."""
    name = str(path)
    root, lines = parse_xml(read_source_text(path), name)
    return from_tree(root, lines, name)


def from_tree(root: Element, lines: dict[int, int], name: str) -> Schedule:
    """The Schedule of a parsed xCal document (``lines``: each element's line, by ``id``);
    the frab XML reader hands an ``.xml`` that is xCal over to this."""
    if _local(root.tag) != "icalendar":
        raise UserError(f"not an xCal file: the root element is <{_local(root.tag)}>, not "
                        f"<icalendar xmlns=\"{NAMESPACE}\">", Where(name, lines.get(id(root), 1)))
    calendars = [c for c in root if _local(c.tag) == "vcalendar"]
    if not calendars:
        raise UserError("no <vcalendar> in this xCal file", Where(name, lines.get(id(root), 1)))
    content: list[tuple[str, int]] = []
    _component(calendars[0], lines, content)
    text = "\r\n".join(line for line, _ in content) + "\r\n"
    origin = [number for _, number in content]
    try:
        calendar = ical.parse_text(text, name)
    except UserError as exc:  # a line of the text we made: say which XML line it came from
        where = exc.where
        if where is not None and where.line and where.line <= len(origin):
            where = replace(where, line=origin[where.line - 1])
        raise UserError(exc.message.replace("iCalendar", "xCal"), where, exc.path) from None
    events = [origin[i] for i, (line, _) in enumerate(content) if line == "BEGIN:VEVENT"]
    return ical.from_calendar(calendar, name, events)


def _local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1].lower()


def _component(element: Element, lines: dict[int, int], out: list[tuple[str, int]]) -> None:
    """Append the content lines of a component (and those inside it) to ``out``."""
    kind = _local(element.tag).upper()
    line = lines.get(id(element), 0)
    out.append((f"BEGIN:{kind}", line))
    for part in element:
        tag = _local(part.tag)
        if tag == "properties":
            out += [(_property(p), lines.get(id(p), line)) for p in part]
        elif tag == "components":
            for child in part:
                _component(child, lines, out)
        elif tag in _COMPONENTS:  # the draft pretalx writes: no wrappers, values as text
            _component(part, lines, out)
        elif _namespace(part.tag) in ("", DRAFT_NAMESPACE):  # not pentabarf:title and such
            content = _draft_property(part, kind)
            out += [(content, lines.get(id(part), line))] if content else []
    out.append((f"END:{kind}", line))


def _namespace(tag: str) -> str:
    """An element's namespace ("" for none)."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _draft_property(element: Element, component: str) -> str | None:
    """A property of the xCal draft (``<dtstart>20191227T110000</dtstart>``, ``<attendee>
    Ann Lee</attendee>``) as a content line; None for what says nothing about the event
    (``<method>``, pentabarf's own duration format beside DTEND)."""
    name, text = _local(element.tag), _one_line(element.text)
    if not text or (name == "method" and component != "VCALENDAR"):
        return None
    if name == "attendee" and ":" not in text:  # pretalx: a speaker's name
        return f"ATTENDEE;ROLE=X-SPEAKER;CN={_param_value(text)}:urn:invalid:speaker"
    if name in ("dtstart", "dtend", "dtstamp", "recurrence-id", "exdate", "rdate"):
        return f"{name.upper()}:{_compact(text)}"
    if name == "duration":
        return f"DURATION:{text}" if re.fullmatch(r"[+-]?P[\dWDTHMS]+", text) else None
    if name in ("url", "attendee", "organizer"):
        return f"{name.upper()}:{text}"
    name = "categories" if name == "category" else name
    return f"{name.upper()}:{_escaped(element.text or '')}"


def _property(element: Element) -> str:
    """One property as an iCalendar content line: ``NAME;PARAM=VALUE:value``."""
    params: list[str] = []
    values: list[str] = []
    kinds: set[str] = set()
    for child in element:
        kind = _local(child.tag)
        if kind == "parameters":
            params += [f"{_local(p.tag).upper()}="
                       + ",".join(_param_value(v.text or "") for v in p) for p in child]
        else:
            kinds.add(kind)
            values.append(_value(child))
    if "date" in kinds:
        params.append("VALUE=DATE")
    elif "period" in kinds:
        params.append("VALUE=PERIOD")
    head = ";".join([_local(element.tag).upper()] + params)
    return f"{head}:{','.join(values)}"


def _value(element: Element) -> str:
    """A typed value as iCalendar writes it (``2024-03-01T09:00:00Z`` -> ``20240301T090000Z``)."""
    kind = _local(element.tag)
    text = _one_line(element.text) if kind != "text" else element.text or ""
    if kind in ("date-time", "date", "time", "utc-offset"):
        return _compact(text) if kind != "utc-offset" else text.replace(":", "")
    if kind == "period":  # <start>, then <end> or <duration>
        return "/".join(_value(part) for part in element)
    if kind in ("start", "end"):
        return _compact(text)
    if kind == "recur":  # <freq>WEEKLY</freq><count>3</count> -> FREQ=WEEKLY;COUNT=3
        return ";".join(f"{_local(p.tag).upper()}={_one_line(p.text)}" for p in element)
    if kind in _VALUE_KINDS:
        return text
    if len(element):  # a structured value (geo, request-status): its parts, ; between
        return ";".join(_value(part) for part in element)
    return _escaped(text)


def _one_line(text: str | None) -> str:
    """A value that is not TEXT, on one line: a line break in it would start another
    property in the iCalendar text we write (text from a file is data, never structure)."""
    return " ".join((text or "").split())


def _compact(text: str) -> str:
    """An ISO date or time as iCalendar writes it: ``2024-03-01T09:00:00`` -> ``20240301T090000``."""
    return re.sub(r"[-:](?=\d)", "", text)


def _escaped(text: str) -> str:
    """Text as an iCalendar TEXT value (``\\``, ``;``, ``,`` and line breaks escaped)."""
    return re.sub(r"([\\;,])", r"\\\1", text).replace("\r\n", "\\n").replace("\n", "\\n")


def _param_value(text: str) -> str:
    """A parameter value, quoted when it holds ``:``, ``;`` or ``,``."""
    text = _one_line(text).replace('"', "'")
    return f'"{text}"' if re.search(r"[:;,]", text) else text
