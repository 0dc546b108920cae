"""Schedules written as Markdown, the way workshop organizers put them on a web page.

``load(path) -> Schedule``. What is understood (read generally, not line by line):

- ``# Heading``: the document title (used as the event title when nothing better is known);
- ``### Heading``: a session. ``Title: Chair Name, Affiliation``, ``Title: Chair: Name, Aff``,
  ``Title: Name, Affiliation`` and ``Title, Name, Affiliation`` all give a title and a chair;
- ``---``: ends the current session; items after it stand alone (lunch, closing remarks);
- an item line: a time or range (``8:40 - 9:10``, ``8:30-8:40:``, ``1:30pm``), padding
  (spaces or ``&nbsp;``), then the text. ``Label: *Italic title*, Name, Affiliation`` gives the
  title in italics (the label becomes the kind, or stays in front of the title when it says
  more, like ``Keynote 1``); without italics, ``Title, Name, Affiliation``;
- ``+ Title (Name, Affiliation)`` lines under an item make that item a block of talks; when the
  item says ``(10 minutes each)`` the talks get 10 minutes each in order, otherwise the block's
  time is split evenly. Times without am/pm are read in order through the day.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from program.errors import UserError
from program.model import Day, Event, Kind, Person, Schedule, Session, Talk, Where
from program.sources.strictyaml import read_source_text
from program.sources.times import parse_range, resolve, resolve_end
from program.sources.naming import IdPool, guess_kind, parse_person, slug

PLACEHOLDER_DATE = date(2000, 1, 1)
"""The date given to a schedule whose source names none (``program import --date`` sets it)."""

_TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
_ITEM = re.compile(rf"^\s*(?P<time>{_TIME}(?:\s*[-–—]\s*{_TIME})?)\s*:?(?:\s|&nbsp;)+(?P<text>.*)$",
                   re.IGNORECASE)
_SUB = re.compile(r"^\s*[+*-]\s+(?P<text>.+?)\s*$")
_EACH = re.compile(r"\(\s*(?P<n>\d+)\s*(?:minutes?|mins?)\s+each\s*\)", re.IGNORECASE)
_CHAIR = re.compile(r"\bchair(?:ed by)?\s*:?\s*", re.IGNORECASE)


@dataclass
class _Block:
    """A session being read: its heading and the items seen so far."""

    title: str
    chairs: tuple[Person, ...]
    where: Where
    items: list[Talk] = field(default_factory=list)


def _clean(text: str) -> str:
    text = html.unescape(text.replace("&nbsp;", " "))
    return re.sub(r"\s+", " ", text).strip()


def parse_heading(text: str) -> tuple[str, tuple[Person, ...]]:
    """``"Session 1: Chair Aparna L, Facebook AI"`` -> (``"Session 1"``, (Person,))."""
    text = _clean(text)
    m = _CHAIR.search(text)
    if m:
        title = text[: m.start()].rstrip(" :,-–")
        return title, _chairs(text[m.end():])
    head, sep, affiliation = text.rpartition(", ")
    if not sep:
        return text, ()
    cut = max(head.rfind(", "), head.rfind(": "))
    if cut < 0:
        return text, ()
    return head[:cut].strip(), _chairs(f"{head[cut + 2:]}, {affiliation}")


def _chairs(text: str) -> tuple[Person, ...]:
    parts = re.split(r"\s+(?:and|&)\s+(?=[A-Z][^,]*,)", text)
    return tuple(parse_person(p) for p in parts if p.strip())


def parse_item_text(text: str) -> tuple[str, Kind, tuple[Person, ...], int | None]:
    """The text after an item's time -> (title, kind, speakers, minutes each or None)."""
    text = _clean(text)
    each = None
    m = _EACH.search(text)
    if m:
        each = int(m["n"])
        text = _clean(text[: m.start()] + text[m.end():])
    italic = re.search(r"(?<![*\w])[*_](?P<title>[^*_]+?)[*_](?![*\w])", text)
    if italic:
        label = text[: italic.start()].strip().rstrip(":").strip()
        title = _clean(italic["title"])
        rest = text[italic.end():].lstrip(" ,;-–").strip()
        kind = guess_kind(label) if label else guess_kind(title)
        if label and _clean(label).lower() not in (kind.label.lower(), kind.value):
            title = f"{label}: {title}"
        speakers = (parse_person(rest),) if rest else ()
        return title, kind, speakers, each
    title, sep, rest = text.partition(", ")
    speakers = (parse_person(rest),) if sep and rest else ()
    return title.strip(), guess_kind(title), speakers, each


def parse_sub_item(text: str) -> tuple[str, tuple[Person, ...]]:
    """``"ONNX Runtime (Faith Xu, Microsoft)"`` -> (``"ONNX Runtime"``, (Person,))."""
    text = _clean(text)
    m = re.match(r"^(?P<title>.*?)\s*\((?P<who>[^()]*)\)\s*$", text)
    if not m:
        return text, ()
    return m["title"].strip(), (parse_person(m["who"]),)


class _Reader:
    """Reads the lines in order; times are resolved against the previous time of the day."""

    def __init__(self, name: str, day: date):
        self.name = name
        self.day = day
        self.last: int | None = None
        self.entries: list[Session | Talk] = []
        self.block: _Block | None = None
        self.title: str | None = None
        self.ids = IdPool()

    def at(self, minutes: int) -> datetime:
        return datetime.combine(self.day, datetime.min.time()) + timedelta(minutes=minutes)

    def ident(self, title: str) -> str:
        """A fresh id made from ``title``."""
        return self.ids.take(None, title)

    def close_block(self) -> None:
        if self.block is None:
            return
        b, self.block = self.block, None
        if not b.items:
            return
        self.entries.append(Session(
            id=self.ident("session " + b.title), title=b.title,
            start=min(t.start for t in b.items), end=max(t.end for t in b.items),
            items=tuple(b.items), chairs=b.chairs, where=b.where))

    def span(self, text: str, where: Where) -> tuple[datetime, datetime | None]:
        try:
            start_c, end_c = parse_range(text)
        except ValueError as exc:
            raise UserError(str(exc), where) from None
        start = resolve(start_c, self.last)
        self.last = start
        end = resolve_end(end_c, start) if end_c else None
        return self.at(start), self.at(end) if end is not None else None

    def item(self, time_text: str, text: str, where: Where) -> tuple[Talk, int | None]:
        """An item line -> its Talk (no id yet) and the minutes each of its sub-talks gets."""
        start, end = self.span(time_text, where)
        title, kind, speakers, each = parse_item_text(text)
        return Talk(id="", title=title, kind=kind, start=start, end=end or start,
                    speakers=speakers, where=where), each

    def add(self, talk: Talk) -> None:
        if self.block is not None:
            self.block.items.append(talk)
        else:
            self.entries.append(talk)


_RULE = re.compile(r"-{3,}|\*{3,}|_{3,}")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def load(path: str | Path, day: date = PLACEHOLDER_DATE) -> Schedule:
    """Read a Markdown schedule file (see the module docstring) into a Schedule."""
    name = str(path)
    return loads(read_source_text(path), name, day)


def loads(text: str, name: str = "<string>", day: date = PLACEHOLDER_DATE) -> Schedule:
    """Like :func:`load`, from text."""
    r = _Reader(name, day)
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        where = Where(name, i + 1, 1)
        i += 1
        if not stripped:
            continue
        if _RULE.fullmatch(stripped):
            r.close_block()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            r.close_block()
            if len(heading[1]) == 1 and r.title is None:
                r.title = _clean(heading[2])
            elif len(heading[1]) >= 2:
                title, chairs = parse_heading(heading[2])
                r.block = _Block(title, chairs, where)
            continue
        item = _ITEM.match(line)
        if not item:
            raise UserError("cannot read this line as a time, a heading or a list item: "
                            f"{stripped[:60]!r}", where)
        talk, each = r.item(item["time"], item["text"], where)
        subs: list[tuple[str, Where]] = []
        while i < len(lines) and (not lines[i].strip() or _SUB.match(lines[i])):
            if lines[i].strip():
                subs.append((_SUB.match(lines[i])["text"], Where(name, i + 1, 1)))
            i += 1
        if subs:
            _emit_with_subs(r, talk, each, subs)
        else:
            r.add(replace(talk, id=r.ident(talk.title)))
    r.close_block()
    if not r.entries:
        raise UserError("no schedule items found (lines like '8:40 - 9:10 Title')", Where(name, 1))
    return _schedule(r, name, day)


def _emit_with_subs(r: _Reader, head: Talk, each: int | None,
                    subs: list[tuple[str, Where]]) -> None:
    """An item with a ``+`` list: a block of talks filling the item's span."""
    span = head.end - head.start
    length = timedelta(minutes=each) if each else span / len(subs)
    length = timedelta(minutes=int(length.total_seconds() // 60))
    talks = []
    cursor = head.start
    for text, where in subs:
        title, speakers = parse_sub_item(text)
        talks.append(Talk(id=r.ident(title), title=title, kind=Kind.TALK, start=cursor,
                          end=cursor + length, speakers=speakers, times_implied=True, where=where))
        cursor += length
    if r.block is not None and not r.block.items and _same_title(r.block.title, head.title):
        r.block.items.extend(talks)
        return
    title = head.title
    r.close_block()
    r.entries.append(Session(id=r.ident("session " + title), title=title, start=head.start,
                             end=head.end, items=tuple(talks), where=head.where))


def _same_title(a: str, b: str) -> bool:
    return slug(a) == slug(b)


def _schedule(r: _Reader, name: str, day: date) -> Schedule:
    event = Event(title=r.title or Path(name).stem, start_date=day, end_date=day, clock="12h",
                  where=Where(name, 1))
    return Schedule(event=event, rooms=(), days=(Day(date=day, entries=tuple(r.entries),
                                                     where=Where(name, 1)),), source=name)


def sniff(head: bytes) -> bool:
    """True when the first bytes look like a Markdown schedule (a heading first)."""
    return head.lstrip().startswith(b"#")
