"""A schedule read off a web page's blocks (Markdown and HTML pages alike).

``read_page(blocks, meta, name) -> Schedule``. The page around the schedule is tolerated:
headings, paragraphs, lists and tables that hold no time are prose and are skipped. What is
read (see README "Web pages"):

- **days**: a heading or an emphasized line with a date (``## Day 1 — Monday, 14
  November``, ``*Saturday 11 March 2023*``, ``**Date:** …``), a weekday or ``Day N``
  heading; a date in the front matter or in a sentence of prose when the page has no day
  headings. A date without a year takes it from the page's title (with its weekday, the one
  year that fits). No date at all: ``Event.date_known`` is False (the products print none);
- **sessions**: other headings (``### Session 1: Chair Name, Affiliation``), with
  ``(Chair: …)``, ``Session Chairs: A, B`` or ``Moderator: …`` on the heading or after it;
  a rule (``---``) ends one;
- **items**: a line, list item or table row that starts with (or has a column of) times;
  the rest of it is read by :func:`program.sources.entry_text.read_entry`. A list or a
  table of talks without times right after an item (or under a heading named like one)
  splits the item's time, ``(N minutes each)`` or evenly;
- **times**: 12-hour times are read in order within a day (``12:45 - 02:15`` after noon is
  afternoon when the day never writes an hour past 12); a start-only entry ends where the
  next begins.

Warnings (an entry that looks like one but cannot be read, a link that cannot be used, a
date without a year) travel with the schedule (``Schedule.notices``) for ``check``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from program.errors import UserError
from program.model import (Day, Event, Kind, Link, Notice, Person, Room, Schedule, Session,
                           Talk, Where)
from program.sources.richtext import parse as rich
from program.sources.dates import PartialDate, find_date, weekday_only, years_in
from program.sources.entry_text import (EntryText, absolute, is_name, is_org, people,
                                        people_like, plain, read_entry)
from program.sources.naming import IdPool, slug
from program.sources.page import (Block, Cell, Heading, Line, ListBlock, Para, Row, Rule, Span,
                                  Table)
from program.sources.page_tables import column_roles, pipe_table
from program.sources.page_times import (TIMES_IN, TRAILING_SPAN, is_clock, split_time,
                                        zone_named)
from program.sources.times import Clock, parse_clock, resolve, resolve_end

PLACEHOLDER_DATE = date(2000, 1, 1)
"""The date of a schedule whose page names none (``Event.date_known`` is then False)."""

DEFAULT_MINUTES = 30
"""How long the day's last entry lasts when the page gives only its start."""

_ABSTRACT = re.compile(r"^\W*(?:abstract|summary|description)\W*\s*(?P<text>\w.*)$", re.I)
_GENERIC = re.compile(r"^(?:(?:the|our|detailed|tentative|preliminary|final|full|workshop|"
                      r"conference|event|day|daily|overall|provisional)\s+)*(?:schedule|program|"
                      r"programme|agenda|timetable|time table|itinerary|overview)"
                      r"(?:\s*\(.*\))?(?:\s+(?:at a glance|overview|details))?$", re.I)
_CHAIR_LINE = re.compile(r"^\(?\s*(?:session\s+)?(?P<role>chairs?|chaired by|co-?chairs?|"
                         r"moderators?|moderated by|hosts?|hosted by)\s*:?\s*(?P<who>.+?)\)?\s*$",
                         re.I)
_CHAIR_IN = re.compile(r"\s*[(\[]?\s*\b(?P<role>(?:session\s+)?(?:chairs?|chaired by|"
                       r"moderators?|moderated by))\b\s*:?\s*(?P<who>[^()\[\]]+)[)\]]?\s*$", re.I)
_DAY_WORD = re.compile(r"^(?:day|tag|jour|día|dia)\s*(?:\d+|one|two|three|four|five)\b", re.I)
_KRAMDOWN_ATTRS = re.compile(r"\s*\{:?\s*[#.:][^{}]*\}\s*$|^\s*\{:[^{}]*\}\s*$")
_TALKISH = re.compile(r"\b(?:talks?|spotlights?|lightning|orals?|presentations?|posters?|"
                      r"papers?|keynotes?|sessions?|contributions?|program(?:me)?)\b", re.I)
_HELD = re.compile(r"\b(held|take[s]? place|will be on|is on|happen|date|when)\b", re.I)


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself outside the schedule (front matter, ``<title>``)."""

    title: str | None = None
    subtitle: str | None = None
    description: str | None = None
    date: str | None = None
    venue: str | None = None
    timezone: str | None = None
    url: str | None = None
    where: Where | None = None


@dataclass
class _Session:
    """A session being read: its heading's title and chairs, and its items so far."""

    title: str
    chairs: tuple[Person, ...]
    where: Where
    items: list["_Item"] = field(default_factory=list)


@dataclass
class _Item:
    """An entry being read: its clock times as written (resolved when its day is done),
    what its text says, and the talks listed under it without times."""

    start: Clock
    end: Clock | None
    entry: EntryText
    where: Where
    session: _Session | None = None
    room: str | None = None
    subs: list[tuple[EntryText, Where]] = field(default_factory=list)
    #: ``Abstract: …`` lines after it, or the prose under an entry written as a heading
    abstract: list[str] = field(default_factory=list)


@dataclass
class _Day:
    """A day being read: its date as written (None: from its neighbours), title, items."""

    date: PartialDate | None
    title: str | None
    where: Where
    items: list[_Item] = field(default_factory=list)


def _clean(text: str) -> str:
    """Text with whitespace made single and kramdown attribute lists (``{: .x}``) removed."""
    return " ".join(_KRAMDOWN_ATTRS.sub("", text).split()).strip()


def is_generic(title: str) -> bool:
    """True for headings that name no event: ``Schedule``, ``Workshop Program``."""
    return bool(_GENERIC.match(_clean(title).strip(" :#")))


class _Reader:
    """Reads blocks in order into days, sessions and items (see the module docstring)."""

    def __init__(self, name: str, meta: PageMeta):
        self.name = name
        self.meta = meta
        self.days = [_Day(None, None, Where(name, 1))]
        self.session: _Session | None = None
        self.last_item: _Item | None = None
        self.after_item = False
        self.title: str | None = None
        self.first_heading: str | None = None
        self.last_heading: tuple[str, Where] | None = None
        self.hint: PartialDate | None = None
        self.prose_dates: list[PartialDate] = []
        self.years: list[int] = []
        self.warnings: list[Notice] = []
        self.rooms: dict[str, Room] = {}
        #: a time on a line of its own (``<dt>9:00</dt><dd>Talk</dd>``): the next line is its entry
        self.pending: tuple[tuple[str, str | None, list[Span]], Where] | None = None
        #: the item the previous line was (a line of people after it are its speakers)
        self.line_item: _Item | None = None
        self.heading_item: _Item | None = None
        self.describing: _Item | None = None
        self.timezone: str | None = None

    def where(self, line: int) -> Where:
        return Where(self.name, line, 1)

    def warn(self, message: str, where: Where | None) -> None:
        self.warnings.append(Notice(message, where))

    # --- blocks -----------------------------------------------------------------------------

    def block(self, block: Block) -> None:
        after_item, self.after_item = self.after_item, False
        # an entry in a heading keeps its place for the line of people under it
        self.line_item, self.heading_item = self.heading_item, None
        if self.pending is not None and not isinstance(block, (Para, Heading)):
            self.warn("a time without an entry: left out", self.pending[1])
            self.pending = None
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Para):
            if all(line.text.startswith("|") and line.text.count("|") >= 2 for line in block.lines):
                self.table(pipe_table(block))
            else:
                for line in block.lines:
                    self.line(line)
        elif isinstance(block, ListBlock):
            self.list(block, after_item)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Rule):
            self.session = self.describing = None

    def heading(self, block: Heading) -> None:
        self.describing = None
        text = _clean(block.line.text)
        where = self.where(block.line.line)
        if self.pending is not None and split_time(block.line) is None:
            (start, end, _), at = self.pending
            self.pending = None
            self.item((start, end, list(block.line.spans)), at)
            return
        self.last_item = None
        if not text:
            return
        timed = split_time(block.line)
        if timed is not None:  # "### 9:00 - 9:30 Keynote: Title": an entry, its speakers below
            self.heading_item = self.describing = self.item(timed, where)
            self.after_item = True
            return
        self.years += years_in(text)
        if self.first_heading is None:
            self.first_heading = text
        marker = _day_heading(text)
        if marker is not None:
            when, title = marker
            if block.level == 1 and self.title is None and title and not _DAY_WORD.match(title):
                self.title, title = title, None  # "# Workshop on X, 13 December 2019"
            self.day_marker(when, title, where)
            return
        self.session = None
        if is_generic(text):
            return
        if block.level == 1 and self.title is None:
            self.title = text
            return
        spanned = TRAILING_SPAN.search(text)
        if spanned and is_clock(spanned["start"]):
            # "### Session 1: Vision (9:00 - 10:30)": the talks listed under it share the time
            entry = self.entry([Span(text[: spanned.start()])], where)
            entry = replace(entry, chairs=entry.chairs or parse_heading(entry.title)[1],
                            title=parse_heading(entry.title)[0])
            self.item((spanned["start"], spanned["end"], []), where, entry)
            self.after_item = True
            self.last_heading = (entry.title, where)
            return
        title, chairs = parse_heading(text)
        self.session = _Session(title, chairs, where)
        self.last_heading = (title, where)

    def day_marker(self, when: PartialDate | None, title: str | None, where: Where) -> None:
        self.session = None
        self.last_item = None
        day = self.days[-1]
        if title and is_generic(title):
            title = None
        if day.items or (when is not None and day.date is not None):
            self.days.append(_Day(when, title, where))
            return
        if title and is_generic(title):
            title = None
        day.date = day.date or when
        day.title = day.title or title
        day.where = where

    def line(self, line: Line) -> None:
        text = _clean(line.text)
        where = self.where(line.line)
        if not text:
            return
        about = _ABSTRACT.match(text)
        if about and self.last_item is not None and self.pending is None:
            self.last_item.abstract.append(about["text"])
            return
        chair = _CHAIR_LINE.match(text)
        if chair and len(text) < 200:
            who = people(chair["who"], many=chair["role"].lower().endswith("s") or None)
            if self.session is not None and (not self.session.items or self.last_item is None):
                self.session.chairs += who
            elif self.last_item is not None and not self.last_item.entry.speakers:
                self.last_item.entry = replace(self.last_item.entry, speakers=who)
            elif self.session is not None:
                self.session.chairs += who
            return
        timed = split_time(line)
        if self.pending is not None:
            (start, end, _), at = self.pending
            self.pending = None
            if timed is None:
                self.line_item = self.item((start, end, list(line.spans)), at)
                self.after_item = True
                return
            self.warn("a time without an entry: left out", at)
        if timed is not None:
            self.line_item = self.item(timed, where)
            self.after_item = True
            return
        if self.line_item is not None and not self.line_item.entry.speakers and \
                people_like(text) and all(" " in p.name for p in people(text)):
            self.line_item.entry = replace(self.line_item.entry, speakers=people(text))
            self.after_item = True
            return
        self.after_item = False
        self.line_item = None
        if self.describing is not None:  # the prose under an entry written as a heading
            self.describing.abstract.append(text)
            return
        self.time_zone(text)
        self.years += years_in(text)
        when = find_date(text)
        if when is not None:
            emphasized = all(s.bold or s.italic for s in line.spans if s.text.strip())
            labelled = re.match(r"^\W*(?:date|when|day)\s*:", text, re.I)
            short = len(text) - len(when.text) < 16
            if emphasized and short or labelled:
                self.day_marker(when, None, where)
                return
            self.prose_dates.append(when)
            bold_date = any((s.bold or s.italic) and find_date(s.text) for s in line.spans)
            if self.hint is None and (bold_date or (_HELD.search(text) and when.year)):
                self.hint = when
            return
        weekday = weekday_only(text)
        if weekday is not None and all(s.bold or s.italic for s in line.spans if s.text.strip()):
            self.day_marker(None, None, where)
            return
        if re.match(r"^\W{0,3}\d{1,2}[:.]\d{2}", text):
            self.warn(f"cannot read this as a schedule entry: {text[:60]!r}", where)

    def time_zone(self, text: str) -> None:
        """``Times are listed in EST``, ``All times are GMT+1``: the zone the times are in."""
        if self.timezone is not None or not TIMES_IN.search(text):
            return
        zone = zone_named(text)
        if zone:
            self.timezone = zone

    def item(self, timed: tuple[str, str | None, list[Span]], where: Where,
             entry: EntryText | None = None, room: str | None = None) -> _Item | None:
        start_text, end_text, rest = timed
        try:
            start = parse_clock(start_text)
            end = parse_clock(end_text) if end_text and is_clock(end_text) else None
        except ValueError as exc:
            self.warn(f"cannot read this entry's time: {exc}", where)
            return None
        if entry is None and not plain(rest).strip(" :-–—|·"):
            self.pending = ((start_text, end_text, []), where)
            return None
        if entry is None:
            entry = self.entry(rest, where)
        if not entry.title:
            self.warn("an entry with a time but no title: left out", where)
            return None
        if end is None and end_text and not is_clock(end_text):
            entry = replace(entry, notes=entry.notes + (f"until {end_text}",))
        item = _Item(start, end, entry, where, self.session, room)
        if self.session is not None:
            self.session.items.append(item)
        self.days[-1].items.append(item)
        self.last_item = item
        return item

    def entry(self, spans: list[Span] | tuple[Span, ...], where: Where,
              with_people: bool = True) -> EntryText:
        entry = read_entry(tuple(spans), self.meta.url, with_people)
        for href in entry.dropped:
            self.warn(f"link {href!r} is not a full http(s) address (the page's own address is "
                      "not known): left out", where)
        return entry

    def subs(self, item: _Item, entries: list[tuple[EntryText, Where]]) -> None:
        item.subs.extend(entries)

    def list(self, block: ListBlock, after_item: bool) -> None:
        timed_items = [(li, split_time(li.lines[0])) for li in block.items if li.lines]
        if not any(t for _, t in timed_items):
            entries = [(self.entry(li.lines[0].spans, self.where(li.line)), self.where(li.line))
                       for li in block.items if li.lines]
            entries = [(e, w) for e, w in entries if e.title]
            if after_item and self.last_item is not None and entries:
                self.subs(self.last_item, entries)
            elif entries:
                self.untimed(entries)
            return
        for li, timed in timed_items:
            if timed is None:
                for line in li.lines:
                    self.line(line)
                continue
            item = self.item(timed, self.where(li.line))
            self.line_item = item
            for line in li.lines[1:]:
                self.line(line)
            self.line_item = None
            if item is None:
                continue
            for child in li.children:
                if any(c.lines and split_time(c.lines[0]) for c in child.items):
                    self.timed_children(item, child)
                else:
                    self.subs(item, [(self.entry(c.lines[0].spans, self.where(c.line)),
                                      self.where(c.line)) for c in child.items if c.lines])

    def timed_children(self, item: _Item, child: ListBlock) -> None:
        """A timed list inside a timed list item: the item is a session of those talks."""
        day = self.days[-1]
        day.items.remove(item)
        if item.session is not None:
            item.session.items.remove(item)
        outer = self.session
        self.session = _Session(item.entry.title, item.entry.chairs or item.entry.speakers,
                                item.where)
        self.list(child, False)
        self.session = outer

    def untimed(self, entries: list[tuple[EntryText, Where]]) -> None:
        """Talks without times under a heading: they fill the item the heading names."""
        if self.last_heading is None:
            return
        heading, where = self.last_heading
        key = slug(heading)
        for item in reversed(self.days[-1].items):
            title = slug(item.entry.title)
            if key and (key == title or key in title or title in key):
                if item.session is not None and item.session.items and \
                        item.session.title == heading:
                    item.session.items.remove(item)
                    item.session = None
                self.subs(item, entries)
                self.session = None
                return
        if _TALKISH.search(heading):  # a list of organizers or dates is no loss
            self.warn(f"{len(entries)} entries without times under {heading!r}: not in the "
                      "timetable (no item of that name to place them in)", where)

    # --- tables -------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        rows = [r for r in table.rows if any(c.lines for c in r.cells)]
        if not rows:
            return
        roles, body = column_roles(rows)
        if roles is None:
            return
        if any(r.startswith("@") for r in roles.values()):
            self.room_grid(body, roles)
            return
        if "time" not in roles.values() and "start" not in roles.values():
            entries = [(e, w) for e, w in (self.row_entry(r, roles) for r in body) if e.title]
            if entries:
                self.untimed(entries)
            return
        previous: _Item | None = None
        session_key = day_key = None
        for row in body:
            where = self.where(row.line)
            cells = {roles.get(i, "other"): c for i, c in enumerate(row.cells) if c.lines}
            for i, c in enumerate(row.cells):  # the first cell of a role wins
                cells.setdefault(roles.get(i, "other"), c)
            time_cell = cells.get("time") or cells.get("start")
            if "date" in cells and cells["date"].text != day_key:
                day_key = cells["date"].text
                when = find_date(day_key)
                self.day_marker(when, None if when else day_key, where)
                previous = None
            if "session" in cells and cells["session"].text != session_key \
                    and not cells["session"].spanned:
                session_key = cells["session"].text
                title, chairs = parse_heading(session_key)
                self.session = _Session(title, chairs, where) if session_key else None
            entry, _ = self.row_entry(row, roles)
            if time_cell is not None and time_cell.spanned:  # one time for several rows
                time_cell = None
            timed = split_time(time_cell.lines[0]) if time_cell and time_cell.lines else None
            if timed is None:
                if time_cell and time_cell.text:
                    self.warn(f"cannot read {time_cell.text[:30]!r} as a time", where)
                elif previous is not None and entry.title:
                    if not previous.subs:  # rows sharing one time: the first row is a talk too
                        previous.subs.append((previous.entry, previous.where))
                    self.subs(previous, [(entry, where)])
                continue
            start, end, _ = timed
            if end is None and "end" in cells:
                end_timed = split_time(cells["end"].lines[0])
                end = end_timed[0] if end_timed else None
            room = None
            if "room" in cells and cells["room"].text:
                room = cells["room"].text
                self.rooms.setdefault(room, Room(room, room))
            if "chair" in cells and self.session is not None:
                self.session.chairs += people(cells["chair"].text)
            item = self.item((start, end, []), where, entry, room)
            if item is None:
                continue
            if "duration" in cells and end is None:
                item.entry = replace(item.entry, notes=item.entry.notes)
                minutes = re.search(r"\b\d{1,4}\b", cells["duration"].text)
                if minutes:
                    item.end = _plus(item.start, int(minutes.group()))
            for cell in row.cells:
                for lst in cell.lists:
                    self.subs(item, [(self.entry(li.lines[0].spans, self.where(li.line)),
                                      self.where(li.line)) for li in lst.items if li.lines])
            previous = item
        if "session" in roles.values():
            self.session = None

    def room_grid(self, rows: list[Row], roles: dict[int, str]) -> None:
        """A timetable with a column per room: each cell an entry in its room, a cell across
        all the rooms an entry for everyone."""
        time_col = next(i for i, r in roles.items() if r in ("time", "start"))
        rooms = {i: r[1:] for i, r in roles.items() if r.startswith("@")}
        for name in rooms.values():
            self.rooms.setdefault(name, Room(name, name))
        for row in rows:
            where = self.where(row.line)
            cell = row.cells[time_col] if time_col < len(row.cells) else None
            timed = split_time(cell.lines[0]) if cell and cell.lines else None
            if timed is None:
                if cell and cell.text:
                    self.warn(f"cannot read {cell.text[:30]!r} as a time", where)
                continue
            for i, name in rooms.items():
                if i >= len(row.cells) or not row.cells[i].lines:
                    continue
                entry_cell = row.cells[i]
                covered = set(range(i, i + entry_cell.span))
                everyone = set(rooms) <= covered
                entry = self.entry(entry_cell.lines[0].spans, where)
                extra = " ".join(plain(l.spans) for l in entry_cell.lines[1:])
                if extra and not entry.speakers and people_like(extra):
                    entry = replace(entry, speakers=people(extra))
                self.item((timed[0], timed[1], []), where, entry, None if everyone else name)

    def row_entry(self, row: Row, roles: dict[int, str]) -> tuple[EntryText, Where]:
        where = self.where(row.line)
        by_role: dict[str, list[Cell]] = {}
        for i, cell in enumerate(row.cells):
            by_role.setdefault(roles.get(i, "other"), []).append(cell)
        title_cells = [c for c in by_role.get("title", []) if c.lines]
        if not title_cells:
            title_cells = [c for c in by_role.get("other", []) if c.lines][:1]
        if not title_cells:
            return EntryText("", Kind.OTHER), where
        cell = title_cells[0]
        entry = self.entry(cell.lines[0].spans, where, with_people="speaker" not in by_role)
        for extra in cell.lines[1:]:
            text = plain(extra.spans)
            if people_like(text) and not entry.speakers:
                entry = replace(entry, speakers=people(text))
            elif text:
                entry = replace(entry, notes=entry.notes + (text,))
        for speaker_cell in by_role.get("speaker", []):
            if speaker_cell.lines:
                spans = tuple(s for line in speaker_cell.lines for s in line.spans + (Span(", "),))
                found = people(plain(_affiliation_parens(spans)), many=True)
                links = tuple(Link(p.name, url) for p in found for s in spans
                              if s.href and s.text.strip() == p.name
                              for url in [absolute(s.href, self.meta.url)] if url)
                entry = replace(entry, speakers=entry.speakers + found,
                                links=entry.links + tuple(l for l in links if l not in entry.links))
        for aff_cell in by_role.get("affiliation", []):
            affs = [a.strip() for a in re.split(r"\s*;\s*|\n", aff_cell.text) if a.strip()]
            if affs and entry.speakers:
                if len(affs) == len(entry.speakers):
                    pairs = zip(entry.speakers, affs)
                else:
                    pairs = ((p, ", ".join(affs)) for p in entry.speakers)
                entry = replace(entry, speakers=tuple(
                    p if p.affiliation else replace(p, affiliation=a) for p, a in pairs))
        for link_cell in by_role.get("links", []):
            for line in link_cell.lines:
                for s in line.spans:
                    url = absolute(s.href, self.meta.url) if s.href else None
                    if url:
                        label = s.text.strip().strip("[]()") or "Link"
                        link = Link(label[:1].upper() + label[1:], url)
                        entry = replace(entry, links=entry.links + (link,))
                    elif s.href:
                        self.warn(f"link {s.href!r} is not a full http(s) address: left out", where)
        return entry, where

    # --- the schedule ---------------------------------------------------------------------------

    def schedule(self) -> Schedule:
        days = [part for d in self.days if d.items for part in self.unwrapped(d)]
        if not days:
            raise UserError("no schedule entries found (lines, list items or table rows that "
                            "start with a time, like '8:40 - 9:10 Title')", Where(self.name, 1))
        dates, known = self.dates(days)
        twelve_page = any(i.start.meridiem in ("am", "pm") for d in days for i in d.items)
        ids = IdPool()
        out_days = []
        used_12h = twelve_page
        for day, when in zip(days, dates):
            built, shifted = self.build_day(day, when, twelve_page, ids)
            used_12h = used_12h or shifted
            out_days.append(built)
        title, subtitle = self.event_title()
        if is_generic(title):
            self.warn(f"the page names no event, only {title!r}: give --title", self.meta.where
                      or Where(self.name, 1))
        event = Event(title=title, subtitle=subtitle, start_date=dates[0], end_date=dates[-1],
                      venue=self.meta.venue, timezone=self.meta.timezone or self.timezone,
                      url=self.meta.url,
                      clock="12h" if used_12h else "24h", where=Where(self.name, 1),
                      date_known=known)
        return Schedule(event=event, rooms=tuple(self.rooms.values()), days=tuple(out_days),
                        source=self.name, notices=tuple(self.warnings))

    def unwrapped(self, day: _Day) -> list[_Day]:
        """``day``, split where its times start again (8:30 … 17:00, 8:30): a page that
        lists two days without a heading between them. The one step back from before 1 pm
        to an hour without am/pm (``12:00 - 1:30``) is the afternoon, not a new day; back
        within an hour of the day's first start after that is the next morning."""
        parts = [_Day(day.date, day.title, day.where)]
        previous, rolled = None, False
        for item in day.items:
            clock = item.start
            ambiguous = clock.meridiem in (None, "24h") and 1 <= clock.hour <= 12
            if clock.meridiem in ("am", "pm"):
                minutes = resolve(clock)
            else:
                minutes = clock.hour * 60 + clock.minute
                if rolled and ambiguous and clock.hour < 12:
                    minutes += 720
            first = parts[-1].items[0].start if parts[-1].items else None
            if rolled and ambiguous and first is not None and clock.hour < 12 and \
                    abs(clock.hour * 60 + clock.minute - (first.hour * 60 + first.minute)) <= 60:
                minutes = clock.hour * 60 + clock.minute  # back at the morning's start: a new day
            if previous is not None and minutes < previous:
                if not rolled and ambiguous and previous < 13 * 60 and clock.hour < 12 and \
                        minutes + 720 - previous <= 6 * 60:  # across noon, not into the evening
                    rolled, minutes = True, minutes + 720
                elif minutes < previous - 60:
                    self.warn(f"the times start again at {clock.hour}:{clock.minute:02d}: read "
                              "as the next day (a heading with its date says so better)",
                              item.where)
                    parts.append(_Day(None, None, item.where))
                    rolled, previous = clock.meridiem == "pm" or clock.hour >= 13, None
            parts[-1].items.append(item)
            # a small step back (an item inside the one before) does not move the clock back
            previous = minutes if previous is None else max(previous, minutes)
        return parts

    def event_title(self) -> tuple[str, str | None]:
        for candidate in (self.meta.title, self.title):
            candidate = _without_generic(candidate) if candidate else None
            if candidate and not is_generic(candidate):
                return candidate, self.meta.subtitle
        if self.meta.description:
            parts = re.split(r"\s+[-–—:]\s+", plain([Span(self.meta.description)]), maxsplit=1)
            return parts[0], (parts[1] if len(parts) > 1 else self.meta.subtitle)
        return self.meta.title or self.title or self.first_heading or "Schedule", self.meta.subtitle

    def dates(self, days: list[_Day]) -> tuple[list[date], bool]:
        """Each day's date, and whether the page named them."""
        years = tuple(self.years) + years_in(" ".join(
            t for t in (self.meta.title, self.meta.description, self.meta.subtitle) if t))
        years += tuple(d.date.year for d in days if d.date and d.date.year)
        if self.hint and self.hint.year:
            years += (self.hint.year,)
        if days[0].date is None and self.hint is not None and all(d.date is None for d in days):
            days[0].date = self.hint
        resolved: list[date | None] = []
        for day in days:
            value = day.date.resolve(years) if day.date else None
            if day.date and value is None:
                self.warn(f"{day.date.text!r} names no year that can be told: the date is left "
                          "out; give --date YYYY-MM-DD", day.where)
            stated = day.date.weekday if day.date else None
            if value and stated is not None and value.weekday() != stated:
                self.warn(f"{day.date.text!r}: that day is a {value:%A}", day.where)
            resolved.append(value)
        if not any(resolved) and self.meta.date:
            front = find_date(self.meta.date)
            value = front.resolve() if front else None
            if value is not None:
                conflict = [p for p in self.prose_dates
                            if (p.month, p.day) != (value.month, value.day)]
                if conflict:
                    self.warn(f"the page's header date {value.isoformat()} is not the "
                              f"{conflict[0].text!r} its text names: left out; give --date",
                              self.meta.where)
                else:
                    resolved[0] = value
        known_at = [i for i, d in enumerate(resolved) if d is not None]
        if not known_at:
            return [PLACEHOLDER_DATE + timedelta(days=i) for i in range(len(days))], False
        out = []
        for i, value in enumerate(resolved):
            if value is None:
                k = min(known_at, key=lambda j: abs(j - i))
                value = resolved[k] + timedelta(days=i - k)
            out.append(value)
        return out, True

    def build_day(self, day: _Day, when: date, twelve_page: bool, ids: IdPool) -> tuple[Day, bool]:
        clocks = [c for i in day.items for c in (i.start, i.end) if c is not None]
        naive = [i.start.hour * 60 + i.start.minute for i in day.items]
        backwards = any(b < a for a, b in zip(naive, naive[1:]))
        twelve = twelve_page or (backwards and all(c.hour <= 12 for c in clocks))
        shifted = False

        def loosen(clock: Clock) -> Clock:
            if twelve and clock.meridiem == "24h" and 1 <= clock.hour <= 12:
                return Clock(clock.hour, clock.minute, None)
            return clock

        base = datetime.combine(when, datetime.min.time())
        last = None
        spans: list[tuple[datetime, datetime | None]] = []
        for item in day.items:
            start = resolve(loosen(item.start), last)
            shifted = shifted or (start != item.start.hour * 60 + item.start.minute and
                                  item.start.meridiem is None)
            last = start
            end = resolve_end(loosen(item.end), start) if item.end else None
            if end is not None and end < start and start >= 18 * 60 and end <= 6 * 60:
                end += 1440
            spans.append((base + timedelta(minutes=start),
                          base + timedelta(minutes=end) if end is not None else None))
        filled = []
        for i, (start, end) in enumerate(spans):
            if end is None:
                later = [s for s, _ in spans[i + 1:] if s > start]
                if later:
                    end = later[0]
                else:
                    end = start + timedelta(minutes=DEFAULT_MINUTES)
                    self.warn(f"{day.items[i].entry.title!r} has only a start time and is the "
                              f"last of its day: given {DEFAULT_MINUTES} minutes",
                              day.items[i].where)
            filled.append((start, end))
        order: list[Talk | _Session | Session] = []
        pending: dict[int, list[Talk]] = {}
        for item, (start, end) in zip(day.items, filled):
            talks = self.talks_of(item, start, end, ids)
            if item.session is not None and item.entry.chairs:
                item.session.chairs += tuple(p for p in item.entry.chairs
                                             if p not in item.session.chairs)
            if item.session is not None:
                if id(item.session) not in pending:
                    pending[id(item.session)] = []
                    order.append(item.session)
                pending[id(item.session)].extend(talks)
            elif item.subs or item.entry.chairs:
                order.append(Session(
                    id=ids.take(None, "session " + item.entry.title), title=item.entry.title,
                    start=start, end=end, items=tuple(talks), room=item.room, where=item.where,
                    chairs=item.entry.chairs,
                    description=rich(_notes(item.entry), "plain") if item.subs else None))
            else:
                order.append(talks[0])
        entries: list[Session | Talk] = []
        for value in order:
            if not isinstance(value, _Session):
                entries.append(value)
                continue
            talks = pending[id(value)]
            entries.append(Session(
                id=ids.take(None, "session " + value.title), title=value.title,
                start=min(t.start for t in talks), end=max(t.end for t in talks),
                items=tuple(talks), chairs=value.chairs, where=value.where))
        return Day(date=when, entries=tuple(entries), title=day.title, where=day.where), shifted

    def talks_of(self, item: _Item, start: datetime, end: datetime, ids: IdPool) -> list[Talk]:
        """The talk an item is, or the talks of its sub-list filling its time."""
        if not item.subs:
            talk = self.talk(item.entry, start, end, item.where, ids, item.room)
            if item.abstract:  # the entry's own notes, then the paragraphs under it
                notes = [_notes(item.entry)] if item.entry.notes else []
                talk = replace(talk, abstract=rich("\n\n".join(notes + item.abstract), "plain"))
            return [talk]
        each = item.entry.each
        length = timedelta(minutes=each) if each else (end - start) / len(item.subs)
        length = timedelta(minutes=int(length.total_seconds() // 60))
        out, cursor = [], start
        for entry, where in item.subs:
            out.append(replace(self.talk(entry, cursor, cursor + length, where, ids, item.room),
                               times_implied=True))
            cursor += length
        return out

    def talk(self, entry: EntryText, start: datetime, end: datetime, where: Where, ids: IdPool,
             room: str | None) -> Talk:
        return Talk(id=ids.take(None, entry.title), title=entry.title, kind=entry.kind,
                    start=start, end=end, room=room, speakers=entry.speakers, url=entry.url,
                    links=entry.links, abstract=rich(_notes(entry), "plain"), where=where)


def _notes(entry: EntryText) -> str | None:
    return "; ".join(entry.notes) if entry.notes else None


def _plus(clock: Clock, minutes: int) -> Clock:
    total = clock.hour * 60 + clock.minute + minutes
    return Clock(total // 60 % 24, total % 60, clock.meridiem if clock.meridiem == "24h" else None)


def _without_generic(title: str) -> str:
    """``Schedule | SysML Workshop 2022`` -> ``SysML Workshop 2022``."""
    parts = re.split(r"\s+[|–—-]\s+|\s*::\s*", title)
    kept = [p for p in parts if p.strip() and not is_generic(p)]
    return " — ".join(kept) if kept and len(kept) < len(parts) else title


def _day_heading(text: str) -> tuple[PartialDate | None, str | None] | None:
    """A heading that starts a day: its date (if it has one) and what else it says
    (``Day 1 - Overview``); None for other headings."""
    when = find_date(text)
    first = re.split(r"[\s,]+", text, maxsplit=1)[0]
    if not (when or _DAY_WORD.match(text) or (weekday_only(first) is not None and len(text) < 40)):
        return None
    if re.match(r"^(?:date|when|day)\s*:\s*", text, re.I):
        return when, None
    rest = (text.replace(when.text, "") if when else text).strip(" ,:-–—")
    if not rest or find_date(rest) or weekday_only(rest) is not None:
        return when, None
    return when, rest


def _affiliation_parens(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    return tuple(Span(f" ({s.text.strip().strip('()')})") if s.role and "affil" in s.role.lower()
                 else s for s in spans)


def parse_heading(text: str) -> tuple[str, tuple[Person, ...]]:
    """``"Session 1: Chair Aparna L, Facebook AI"`` -> (``"Session 1"``, (Person,)); also
    ``Title (Chair: Name, Affiliation)``, ``Title: Name, Affiliation``, ``Title, Name, Aff``."""
    text = _clean(text)
    m = _CHAIR_IN.search(text) or re.search(r"[:,]?\s*\bChair\s+(?P<who>[A-Z].+)$", text)
    if m:
        title = text[: m.start()].rstrip(" :,-–(")
        role = m.groupdict().get("role") or ""
        return title or text, people(m["who"], many=role.lower().endswith("s") or None)
    head, sep, affiliation = text.rpartition(", ")
    if not sep:
        return text, ()
    cut = max(head.rfind(", "), head.rfind(": "))
    if cut < 0:
        return text, ()
    name = head[cut + 2:].strip()
    if not is_name(name) or not (is_org(affiliation) or len(affiliation.split()) <= 3):
        return text, ()
    return head[:cut].strip(), people(f"{name}, {affiliation}", many=False)


def read_page(blocks: list[Block], meta: PageMeta, name: str) -> Schedule:
    """The schedule on a page's blocks (see the module docstring)."""
    reader = _Reader(name, meta)
    for block in blocks:
        reader.block(block)
    return reader.schedule()
