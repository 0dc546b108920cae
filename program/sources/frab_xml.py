"""frab / pretalx ``schedule.xml`` (the c3voc schedule XML): ``load(path) -> Schedule``.

``schedule > conference > day > room > event``. The XML is parsed with :mod:`defusedxml`
with DTDs, entity declarations and external references refused, so an external entity never
reads a local file and an entity bomb stops at its declaration. Elements keep their source
line, so mistakes are reported as ``file:line``. The tree is turned into the frab JSON shape
and mapped to the model by :func:`program.sources.frab_json.schedule_from_frab`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml.ElementTree import XMLParser

from program.errors import UserError
from program.model import Schedule, Where
from program.sources.frab_json import LINE_KEY, path_tokens, placed, schedule_from_frab
from program.sources.strictyaml import read_source_text


_CONFERENCE_FIELDS = ("title", "acronym", "start", "end", "days", "timeslot_duration",
                      "time_zone_name", "base_url", "url")


def sniff(head: bytes) -> bool:
    """True for the start of a frab/pretalx schedule.xml."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and b"<schedule" in head


class _LineTreeBuilder(TreeBuilder):
    """A TreeBuilder that notes the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:  # type: ignore[override]
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.expat.CurrentLineNumber if self.expat else 0
        return element


def parse_xml(text: str, name: str) -> tuple[Element, dict[int, int]]:
    """Parse XML text safely: the root element and each element's line (by ``id``).

    Raises UserError for a DTD or entity declaration, and for XML that is not well formed.
    """
    builder = _LineTreeBuilder()
    parser = XMLParser(target=builder, forbid_dtd=True, forbid_entities=True,
                       forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(text)
        root = parser.close()
    except DTDForbidden:
        raise UserError("refused: the XML declares a DTD (<!DOCTYPE ...>); schedule files "
                        "need none, and DTD entities can read local files or expand without "
                        "end", Where(name, parser.parser.CurrentLineNumber)) from None
    except DefusedXmlException:
        raise UserError("refused: the XML declares entities or external references, which "
                        "could read local files or expand without end",
                        Where(name, parser.parser.CurrentLineNumber)) from None
    except ParseError as exc:
        line, column = exc.position
        raise UserError(_syntax_message(str(exc).split(": line")[0], text, line, column),
                        Where(name, line, column + 1)) from None
    return root, builder.lines


_XML_ENTITIES = "&amp; &lt; &gt; &quot; &apos;"


def _syntax_message(reason: str, text: str, line: int, column: int) -> str:
    """What expat's ``reason`` at ``line`` (1-based), ``column`` (0-based) means for a
    person: an undefined entity is named, and "cut off" is said only at the end of the file."""
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[:line - 1]) + column
    if reason == "undefined entity":
        found = re.match(r"&([^;\s<&]{1,40});", text[offset:])
        entity = f"&{found.group(1)};" if found else "an entity"
        return (f"{entity} is not defined: XML knows only {_XML_ENTITIES}; write the character "
                f"itself (the file is UTF-8)")
    if offset >= len(text.rstrip()):
        return f"not well-formed XML ({reason}): the file ends too early; is it cut off?"
    return f"not well-formed XML ({reason})"


def load(path: str | Path) -> Schedule:
    """Read a frab/pretalx ``schedule.xml``; UserError for unsafe, broken or foreign XML."""
    name = str(path)
    root, lines = parse_xml(read_source_text(path), name)
    if _local(root.tag) == "icalendar":  # xCal saved as .xml: the iCalendar path reads it
        from program.sources.xcal import from_tree
        return from_tree(root, lines, name)
    if _local(root.tag) != "schedule":
        raise UserError(f"not a frab/pretalx schedule: the root element is <{_local(root.tag)}>,"
                        " not <schedule>", Where(name, lines.get(id(root), 0)))
    data = {"schedule": _schedule(root, lines)}
    data[LINE_KEY] = lines.get(id(root), 0)
    found = foreign_shape(root)
    if found:
        message, element = found
        raise UserError(f"not a frab/pentabarf schedule: {message}",
                        Where(name, lines.get(id(element), 0)))
    try:
        return schedule_from_frab(data, name,
                                  lambda event, _key: Where(name, event.get(LINE_KEY, 0)))
    except UserError as exc:
        raise placed(exc, lambda path: (_data_path_line(data, path), 0)) from None


def foreign_shape(root: Element) -> tuple[str, Element] | None:
    """What a ``<schedule>`` without a single ``<event>`` holds instead, in words, with the
    element to point at (``"<day> holds <entry> elements, not events"``); None when it has
    events where frab, pentabarf and pretalx put them, or nothing at all (an empty file
    is said to be empty later)."""
    days = _children(root, "day")
    if any(_children(day, "event") or any(_children(r, "event") for r in _children(day, "room"))
           for day in days):
        return None
    if not days:
        other = _other_tags(root, {"conference", "generator", "version"})
        return (f"<schedule> holds {other}, not <day> elements with events", root) \
            if other else None
    for day in days:
        other = _other_tags(day, {"room"})
        if other:
            return f"<day> holds {other}, not events", day
        for room in _children(day, "room"):
            other = _other_tags(room, set())
            if other:
                return f"<room> holds {other}, not events", room
    return None


def _other_tags(element: Element, known: set[str]) -> str:
    """The child elements of ``element`` not in ``known`` (nor ``<event>``), named:
    ``<entry> elements`` or ``<talk>, <slot> elements``; "" when there are none."""
    tags = list(dict.fromkeys(_local(child.tag) for child in element
                              if isinstance(child.tag, str)
                              and _local(child.tag) not in known | {"event"}))
    return ", ".join(f"<{tag}>" for tag in tags[:3]) + " elements" if tags else ""


def _data_path_line(data: Any, path: str) -> int:
    """The line of the deepest element on key ``path`` in the frab-shaped ``data`` made from
    the XML (elements that became objects carry their line under ``LINE_KEY``)."""
    line = 0
    for token in path_tokens(path):
        if isinstance(data, dict):
            line = data.get(LINE_KEY) or line
            data = data.get(token) if isinstance(token, str) else None
        elif isinstance(data, list) and isinstance(token, int) and token < len(data):
            data = data[token]
        else:
            break
    if isinstance(data, dict):
        line = data.get(LINE_KEY) or line
    return line


def _local(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, tag: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == tag]


def _child_text(element: Element, tag: str) -> str | None:
    for child in _children(element, tag):
        return "".join(child.itertext()).strip() or None
    return None


def _schedule(root: Element, lines: dict[int, int]) -> dict[str, Any]:
    """The ``schedule`` object of the frab JSON shape, from the XML root."""
    conference = next(iter(_children(root, "conference")), None)
    conf: dict[str, Any] = {}
    if conference is not None:
        conf = {key: _child_text(conference, key) for key in _CONFERENCE_FIELDS}
        tracks = _children(conference, "track")
        for holder in _children(conference, "tracks"):
            tracks += _children(holder, "track")
        conf["tracks"] = [{"name": t.get("name") or "".join(t.itertext()).strip(),
                           "color": t.get("color")} for t in tracks]
        conf["rooms"] = [{"name": room.get("name")} for holder in _children(conference, "rooms")
                         for room in _children(holder, "room")]
    conf["days"] = [_day(day, lines) for day in _children(root, "day")]
    return {"conference": conf, "base_url": _child_text(root, "base_url")}


def _day(day: Element, lines: dict[int, int]) -> dict[str, Any]:
    """A ``<day>`` as a frab JSON day: its events by room, from ``<room name>`` wrappers, or
    (old pentabarf) directly under the day, each naming its room in a ``<room>`` child."""
    rooms: dict[str, list[dict[str, Any]]] = {}
    for room in _children(day, "room"):
        events = rooms.setdefault(room.get("name") or "", [])
        events += [_event(event, lines) for event in _children(room, "event")]
    for event in _children(day, "event"):
        record = _event(event, lines)
        rooms.setdefault(" ".join(str(record.get("room") or "").split()), []).append(record)
    return {"date": day.get("date"), "day_start": day.get("start"), "rooms": rooms,
            LINE_KEY: lines.get(id(day), 0)}


def _event(event: Element, lines: dict[int, int]) -> dict[str, Any]:
    """An ``<event>`` as a frab JSON event record (with its line under ``LINE_KEY``)."""
    record: dict[str, Any] = {
        _local(child.tag): "".join(child.itertext()).strip()
        for child in event if _local(child.tag) not in ("persons", "links", "attachments")
    }
    record.update(id=event.get("id"), guid=event.get("guid"), code=event.get("code"))
    record["persons"] = [{"public_name": "".join(p.itertext()).strip(), "id": p.get("id")}
                         for holder in _children(event, "persons")
                         for p in _children(holder, "person")]
    # <links><link href> and <attachments><attachment type href> (slides): the talk's links
    record["links"] = [{"url": link.get("href"), "title": "".join(link.itertext()).strip(),
                        "type": link.get("type")}
                       for kind in ("link", "attachment")
                       for holder in _children(event, kind + "s")
                       for link in _children(holder, kind)]
    record[LINE_KEY] = lines.get(id(event), 0)
    return record
