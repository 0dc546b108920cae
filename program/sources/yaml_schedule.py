"""The YAML schedule format: what an organizer types by hand (documented in README.md).

``load(path) -> Schedule``. Structure and types are checked here, with ``file:line:column``
and the key path for each mistake; what is merely *wrong about the schedule* (overlaps, bad
URLs, items outside their session) is left to :mod:`program.checks`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from program.model import (Day, Event, Kind, Link, Person, Room, Schedule, Session, Talk, Theme,
                           Where, after_midnight, zone as zone_info)
from program.memo import Memo
from program.sources.strictyaml import Node, compose, has_anchors, read_source_text
from program.sources.common import assign_boards
from program.sources.naming import IdPool, guess_kind, parse_person
from program.sources.times import Clock, parse_duration, parse_range, resolve, resolve_end
from program.sources.richtext import parse as rich

TOP_KEYS = ("event", "rooms", "theme", "days")
EVENT_KEYS = ("title", "subtitle", "venue", "url", "timezone", "organizers", "language", "clock",
              "talk_url")
THEME_KEYS = ("paper", "colors", "logo", "clock", "qr", "labels", "pdfa", "poster_qr",
              "poster_board_prefix")
ROOM_KEYS = ("id", "name")
DAY_KEYS = ("date", "title", "room", "notes", "items")
ITEM_KEYS = ("date", "time", "duration", "title", "subtitle", "kind", "speakers", "abstract",
             "url", "links", "room", "id", "track", "description", "board")
SESSION_KEYS = ("session", "date", "time", "duration", "room", "kind", "chairs", "description",
                "id", "each", "talks", "track", "boards")
PAPERS = ("a4", "a5", "letter", "half-letter")
#: a zone abbreviation after a time (``2:30 CET``): the pass of a repeated hour
_ZONE_NAME = re.compile(r"(?<=\d)\s*\b(?!(?:AM|PM)\b)([A-Z]{2,5})\b")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def load(path: str | Path) -> Schedule:
    """Read a YAML schedule file into a :class:`Schedule`; raises UserError on any mistake."""
    name = str(path)
    return loads(read_source_text(path), name)


def loads(text: str, name: str = "<string>") -> Schedule:
    """Like :func:`load`, from text (for tests and importers)."""
    # sessions are reused by their text (see _reused_session): not when an alias may bring in
    # text from elsewhere, nor past a byte order mark (libyaml skips it: its node positions
    # would no longer match the text's)
    reusable = not has_anchors(text) and "\ufeff" not in text
    return schedule_from_node(compose(text, name), name, text if reusable else None)


def schedule_from_node(root: Node, name: str, text: str | None = None) -> Schedule:
    """Turn the root node of a schedule document into a Schedule. With the document's
    ``text`` (only for one without anchors), sessions read before are reused
    (:func:`_reused_session`)."""
    top = root.mapping(TOP_KEYS, required=("event", "days"))
    rooms = _rooms(top["rooms"]) if "rooms" in top and not top["rooms"].is_null else ()
    days_node = top["days"]
    days_list = days_node.items()
    if not days_list:
        raise days_node.error("no days: the schedule needs at least one day")
    ids = IdPool()
    twelve_hour = _clock_setting(top["event"]) == "12h"
    zone = _opt_text(top["event"].mapping(EVENT_KEYS), "timezone")
    days = tuple(_day(d, ids, twelve_hour, text, i, zone) for i, d in enumerate(days_list))
    event = _event(top["event"], days)
    if any(_is_unknown(d) for d in days_list):
        event = replace(event, date_known=False)
    theme = _theme(top["theme"]) if "theme" in top and not top["theme"].is_null else Theme()
    return Schedule(event=event, rooms=rooms, days=days, theme=theme, source=name)


def _opt_text(fields: dict[str, Node], key: str) -> str | None:
    node = fields.get(key)
    if node is None or node.is_null:
        return None
    value = node.text().strip()
    return value or None


def _clock_setting(node: Node) -> str | None:
    """The event's ``clock:`` (12h or 24h; None when not given: times without am/pm are then
    read as 24-hour times, and printed in the language's clock)."""
    f = node.mapping(EVENT_KEYS, required=("title",))
    clock = _opt_text(f, "clock")
    if clock is not None and clock not in ("12h", "24h"):
        raise f["clock"].error(f"clock must be 12h or 24h, not {clock!r}")
    return clock


def _event(node: Node, days: tuple[Day, ...]) -> Event:
    f = node.mapping(EVENT_KEYS, required=("title",))
    clock = _clock_setting(node)
    title = _opt_text(f, "title")
    if not title:
        raise f["title"].error("the event needs a title")
    organizers = tuple(f["organizers"].texts("an organizer's name")) if "organizers" in f else ()
    dates = sorted(d.date for d in days)
    return Event(
        title=title,
        subtitle=_opt_text(f, "subtitle"),
        start_date=dates[0],
        end_date=dates[-1],
        venue=_opt_text(f, "venue"),
        url=_opt_text(f, "url"),
        timezone=_opt_text(f, "timezone"),
        organizers=organizers,
        language=_opt_text(f, "language") or "en",
        clock=clock,
        talk_url=_opt_text(f, "talk_url"),
        where=node.where,
    )


def _theme(node: Node) -> Theme:
    f = node.mapping(THEME_KEYS)
    paper = (_opt_text(f, "paper") or "a5").lower()
    if paper not in PAPERS:
        raise f["paper"].error(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    colors: list[tuple[str, str]] = []
    if "colors" in f and not f["colors"].is_null:
        cm = f["colors"]
        if not cm.is_mapping():
            raise cm.error("colors must be a mapping like  keynote: \"#1f77b4\"")
        for key_node, value_node in cm.node.value:
            key = Node(key_node, cm.filename, cm.path).text("a kind or track name")
            value = Node(value_node, cm.filename, f"{cm.path}.{key}")
            hexcode = value.text("a colour like \"#1f77b4\"").strip()
            if not _HEX.match(hexcode):
                raise value.error(f"{hexcode!r} is not a colour; write it as \"#rrggbb\" in quotes")
            colors.append((key, hexcode.lower()))
    clock = _opt_text(f, "clock")
    if clock is not None and clock not in ("12h", "24h"):
        raise f["clock"].error(f"clock must be 12h or 24h, not {clock!r}")
    qr = True
    if "qr" in f:
        qr = _boolean(f["qr"])
    labels = _labels(f["labels"]) if "labels" in f and not f["labels"].is_null else ()
    pdfa = _boolean(f["pdfa"]) if "pdfa" in f else False
    poster_qr = _boolean(f["poster_qr"]) if "poster_qr" in f else False
    prefix = _boolean(f["poster_board_prefix"]) if "poster_board_prefix" in f else False
    return Theme(paper=paper, colors=tuple(sorted(colors)), logo=_opt_text(f, "logo"),
                 clock=clock, qr=qr, labels=labels, pdfa=pdfa, poster_qr=poster_qr,
                 poster_board_prefix=prefix, where=node.where)


def _labels(node: Node) -> tuple[tuple[str, str], ...]:
    """``theme.labels``: the products' own words (``Contents: Programmübersicht``), keyed by
    their English message; a key that names no message is an error (a typo would otherwise
    print the catalogue's word without a word said)."""
    from program.language import label_keys

    if not node.is_mapping():
        raise node.error("labels must be a mapping like  Contents: Inhaltsverzeichnis")
    known = label_keys()
    out: list[tuple[str, str]] = []
    for key_node, value_node in node.node.value:
        key = Node(key_node, node.filename, node.path).text("a label's English words")
        value = Node(value_node, node.filename, f"{node.path}.{key}")
        if key not in known:
            raise Node(key_node, node.filename, node.path).error(
                f"no printed label is {key!r}; labels are: " + ", ".join(map(repr, known)))
        words = value.text("the label's words")
        fields = set(re.findall(r"\{\w+\}", key))
        missing = sorted(f for f in fields if f not in words)
        if missing:
            raise value.error(f"the label for {key!r} must keep {', '.join(missing)} (filled in "
                              "when printed)")
        out.append((key, words))
    return tuple(sorted(out))


def _boolean(node: Node) -> bool:
    value = node.text("true or false").strip().lower()
    if value in ("true", "yes", "on"):
        return True
    if value in ("false", "no", "off"):
        return False
    raise node.error(f"expected true or false, found {value!r}")


def _rooms(node: Node) -> tuple[Room, ...]:
    rooms = []
    for item in node.items():
        if item.is_mapping():
            f = item.mapping(ROOM_KEYS, required=("name",))
            name = f["name"].text("a room name").strip()
            rooms.append(Room(id=_opt_text(f, "id") or name, name=name, where=item.where))
        else:
            name = item.text("a room name").strip()
            rooms.append(Room(id=name, name=name, where=item.where))
    return tuple(rooms)


UNKNOWN_DATE = "unknown"
"""A day's ``date:`` when the source named none (``program import`` of a web page without a
date): the products print no date (``Event.date_known`` is False)."""
PLACEHOLDER_DATE = date(2000, 1, 1)


def _date(node: Node, index: int = 0) -> date:
    text = node.text("a date like 2019-12-13").strip()
    if text == UNKNOWN_DATE:  # placeholders in order; never printed
        return PLACEHOLDER_DATE + timedelta(days=index)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise node.error(f"{text!r} is not a date; write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise node.error(f"{text!r} is not a date: {exc}") from None


@dataclass
class _Clocked:
    """Reads times of one day. With ``twelve_hour``, a time without am/pm is read by the
    order of the day (``1:30`` after noon is 13:30); otherwise every time is 24-hour."""

    day: date
    twelve_hour: bool = False
    last: int | None = None
    #: the event's zone, for a time written with its abbreviation (``2:30 CET``: the
    #: second 2:30 of the night the clocks go back)
    zone: str | None = None

    def _resolve(self, clock: Clock, after: int | None) -> int:
        if not self.twelve_hour and clock.meridiem is None:
            return clock.hour * 60 + clock.minute
        return resolve(clock, after)

    def span(self, node: Node) -> tuple[datetime, datetime | None]:
        """Read ``time:``: a start and (when a range) an end, resolved by order."""
        text = node.text("a time like 8:40-9:10")
        names: list[str | None] = [None, None]  # the zone names after the start and the end
        for m in _ZONE_NAME.finditer(text):
            which = len(re.findall(r"\d+(?:[:.h]\d+)?", text[:m.start()])) - 1
            if which not in (0, 1) or names[which]:
                raise node.error(f"{text!r}: a zone name goes right after a time, once")
            names[which] = m[1]
        try:
            start_c, end_c = parse_range(_ZONE_NAME.sub("", text) if any(names) else text)
        except ValueError as exc:
            raise node.error(str(exc)) from None
        start = self._resolve(start_c, self.last)
        self.last = start
        if end_c is None:
            return self._in_zone(self.at(start), names[0], node), None
        end = resolve_end(end_c, start) if self.twelve_hour else self._resolve(end_c, start)
        if 0 <= end < 1440 and after_midnight(self.at(start), self.at(end)):
            end += 1440  # an evening item that ends after midnight (the one rule of it)
        return (self._in_zone(self.at(start), names[0], node),
                self._in_zone(self.at(end), names[1], node))

    def _in_zone(self, moment: datetime, name: str | None, node: Node) -> datetime:
        """``moment`` as the pass of the hour that the zone abbreviation ``name`` (``CEST``,
        ``CET``) says; UserError for a name the event's zone does not use then."""
        if name is None:
            return moment
        tz = zone_info(self.zone)
        if tz is None:
            raise node.error(f"{name!r} after a time needs the event's timezone (event.timezone)")
        for fold in (0, 1):
            if moment.replace(tzinfo=tz, fold=fold).tzname() == name:
                return moment.replace(fold=fold)
        raise node.error(f"{self.zone} is not {name!r} at {moment:%H:%M} on {moment:%Y-%m-%d}")

    def at(self, minutes: int) -> datetime:
        return datetime.combine(self.day, datetime.min.time()) + timedelta(minutes=minutes)

    def on(self, fields: dict[str, Node]) -> _Clocked:
        """The clock for an item or session: this one, or a copy on the item's own ``date:``
        (a talk after midnight of its day)."""
        if "date" not in fields:
            return self
        day = _date(fields["date"])
        return self if day == self.day else replace(self, day=day, last=None)

    def follow(self, other: _Clocked) -> None:
        """Go on from where ``other`` (from :meth:`on`) left the order of the day; a clock
        on another date has an order of its own."""
        if other.day == self.day:
            self.last = other.last


def _duration(node: Node) -> timedelta:
    try:
        minutes = parse_duration(node.text("a duration like 10min"))
    except ValueError as exc:
        raise node.error(str(exc)) from None
    return timedelta(minutes=minutes)


def _is_unknown(node: Node) -> bool:
    f = node.mapping(DAY_KEYS, required=("date", "items"))
    return f["date"].text("a date like 2019-12-13").strip() == UNKNOWN_DATE


def _day(node: Node, ids: IdPool, twelve_hour: bool, text: str | None = None,
         index: int = 0, zone: str | None = None) -> Day:
    f = node.mapping(DAY_KEYS, required=("date", "items"))
    when = _date(f["date"], index)
    clock = _Clocked(when, twelve_hour, zone=zone)
    room = _opt_text(f, "room")
    entries: list[Session | Talk] = []
    pending_end: list[int] = []  # indexes of standalone items whose end comes from the next one
    for entry_node in f["items"].items():
        if entry_node.is_mapping() and _has_key(entry_node, "session"):
            entry: Session | Talk = _reused_session(entry_node, clock, room, ids, text)
        else:
            entry = _item(entry_node, clock, room, ids, None)
        for i in pending_end:
            entries[i] = replace(entries[i], end=entry.start)  # type: ignore[arg-type]
        pending_end = []
        if isinstance(entry, Talk) and entry.end is None:  # type: ignore[comparison-overlap]
            pending_end.append(len(entries))
        entries.append(entry)
    if pending_end:
        last = f["items"].items()[pending_end[0]]
        raise last.error("the last item of a day needs an end time (8:40-9:10) or a duration")
    notes = tuple(f["notes"].texts("a note (text)")) if "notes" in f else ()
    return Day(date=when, entries=tuple(entries), title=_opt_text(f, "title"), where=node.where,
               notes=notes)


def _has_key(node: Node, key: str) -> bool:
    return any(k.value == key for k, _ in node.node.value)


def _people(node: Node | None) -> tuple[Person, ...]:
    if node is None or node.is_null:
        return ()
    entries = node.items() if node.is_list() else [node]
    return tuple(person_from_node(e) for e in entries)


def person_from_node(node: Node) -> Person:
    """``"Name, Affiliation"`` or ``{name: ..., affiliation: ...}`` -> Person."""
    if node.is_mapping():
        f = node.mapping(("name", "affiliation"), required=("name",))
        return Person(f["name"].text("a name").strip(), _opt_text(f, "affiliation"))
    return parse_person(node.text("a name, or 'Name, Affiliation'"))


def _kind(fields: dict[str, Node], title: str) -> Kind:
    if "kind" in fields and not fields["kind"].is_null:
        text = fields["kind"].text("a kind").strip().lower()
        try:
            return Kind(text)
        except ValueError:
            names = ", ".join(k.value for k in Kind)
            raise fields["kind"].error(f"unknown kind {text!r}; use one of {names}") from None
    return guess_kind(title)


def _links(node: Node | None) -> tuple[Link, ...]:
    if node is None or node.is_null:
        return ()
    links = []
    for item in node.items():
        if item.is_mapping():
            f = item.mapping(("label", "url"), required=("url",))
            links.append(Link(_opt_text(f, "label") or "Link", f["url"].text("a URL").strip()))
        else:
            links.append(Link("Link", item.text("a URL").strip()))
    return tuple(links)


def _when(f: dict[str, Node], clock: _Clocked) -> tuple[datetime, datetime | None]:
    """Start and end (None when not said) of an item or session with a ``time:``, from it
    and ``duration:``, on its own ``date:`` when it has one."""
    own = clock.on(f)
    start, end = own.span(f["time"])
    clock.follow(own)
    if "duration" in f:
        if end is not None:
            raise f["duration"].error("give either a time range or a duration, not both")
        end = start + _duration(f["duration"])
    return start, end


def _item(node: Node, clock: _Clocked, default_room: str | None, ids: IdPool,
          implied: tuple[datetime, datetime] | None) -> Talk:
    f = node.mapping(ITEM_KEYS, required=("title",))
    title = f["title"].text("a title").strip()  # empty: the prepare step prints "(untitled)"
    if "time" in f:
        start, end = _when(f, clock)
    elif "date" in f:
        raise f["date"].error("an item's date goes with its time: give it a time too")
    elif implied is not None:
        start, end = implied
        if "duration" in f:
            end = start + _duration(f["duration"])
    else:
        raise node.error("this item needs a time (8:40-9:10, or 13:30 with a duration)")
    return Talk(
        id=ids.take(_opt_text(f, "id"), title),
        title=title,
        kind=_kind(f, title),
        start=start,
        end=end,  # type: ignore[arg-type]  # None is filled from the next entry by _day
        room=_opt_text(f, "room") or default_room,
        speakers=_people(f.get("speakers")),
        abstract=rich(_opt_text(f, "abstract"), "markdown"),
        description=rich(_opt_text(f, "description"), "markdown"),
        subtitle=_opt_text(f, "subtitle"),
        url=_opt_text(f, "url"),
        links=_links(f.get("links")),
        track=_opt_text(f, "track"),
        times_implied=implied is not None and "time" not in f,
        where=node.where,
        board=_opt_text(f, "board"),
    )


def _session(node: Node, clock: _Clocked, default_room: str | None, ids: IdPool) -> Session:
    f = node.mapping(SESSION_KEYS, required=("session",))
    title = f["session"].text("a session title").strip()
    room = _opt_text(f, "room") or default_room
    talk_nodes = f["talks"].items() if "talks" in f and not f["talks"].is_null else []
    start: datetime | None = None
    end: datetime | None = None
    clock, day_clock = clock.on(f), clock  # its talks are on the session's own date too
    if "time" in f:
        start, end = _when(f, clock)
    elif "duration" in f:
        raise f["duration"].error("a session's duration goes with its time: give it a time too")
    each = _duration(f["each"]) if "each" in f else None
    items: list[Talk] = []
    cursor = start
    for index, talk_node in enumerate(talk_nodes):
        implied = None
        if talk_node.is_mapping() and not _has_key(talk_node, "time"):
            if cursor is None:
                raise talk_node.error("a talk without a time needs its session to have a time")
            remaining = len(talk_nodes) - index
            if each is not None:
                length = each
            elif end is not None:
                length = (end - cursor) / remaining
                length = timedelta(minutes=int(length.total_seconds() // 60))
            else:
                raise talk_node.error("give this talk a time, or its session a time range or 'each'")
            implied = (cursor, cursor + length)
        talk = _item(talk_node, clock, room, ids, implied)
        if talk.end is None:  # type: ignore[comparison-overlap]
            raise talk_node.error("a talk in a session needs an end time or a duration")
        items.append(talk)
        cursor = talk.end
    if start is None:
        if not items:
            raise node.error("a session needs a time or talks with times")
        start = min(t.start for t in items)
    if end is None:
        end = max((t.end for t in items), default=start)
    day_clock.follow(clock)
    chairs_node = f.get("chairs")
    kind = None
    if "kind" in f:
        kind = _kind(f, title)
    if kind is Kind.POSTER or "boards" in f:
        items = assign_boards(items, _opt_text(f, "boards") or "")
    return Session(
        id=ids.take(_opt_text(f, "id"), "session " + title),
        title=title,
        start=start,
        end=end,
        items=tuple(items),
        chairs=_people(chairs_node),
        room=room,
        kind=kind,
        description=rich(_opt_text(f, "description"), "markdown"),
        where=node.where,
    )


#: Sessions read before (in this process): by their source text and what else their
#: reading depends on, the session, the ids it asked for, where it was, and the clock after.
_SESSIONS: Memo = Memo(5000)


class _RecordedIds(IdPool):
    """An IdPool sharing another's ids that notes what is asked of it."""

    def __init__(self, pool: IdPool) -> None:
        super().__init__(pool.used)
        self.asked: list[tuple[str | None, str]] = []

    def take(self, wanted: str | None, title: str) -> str:
        self.asked.append((wanted, title))
        return super().take(wanted, title)


def _reused_session(node: Node, clock: _Clocked, default_room: str | None, ids: IdPool,
                    text: str | None) -> Session:
    """:func:`_session`, or the same session read before from the same text.

    A session's value depends on its own text (``text`` is the document, without anchors:
    no alias can bring in text from elsewhere), its start column, the day's clock and
    default room, and the ids taken before it. So a session whose text is unchanged (in
    ``--watch``, every session but the edited one; on the mega schedule this halves the
    load) is taken from ``_SESSIONS``: its ids are asked for again, in the same order, and
    put right where the pool now answers differently; its source positions are moved to
    where it now is. The result equals a fresh reading (a test compares them)."""
    if text is None:
        return _session(node, clock, default_room, ids)
    key = (node.node.start_mark.column, node.source(text), clock.day, clock.twelve_hour,
           clock.last, clock.zone, default_room)
    found = _SESSIONS.get(key)
    if found is not None:
        session, asked, where, last = found
        clock.last = last
        return _moved(_with_ids(session, [ids.take(w, t) for w, t in asked]), where,
                      node.where)
    recorded = _RecordedIds(ids)
    session = _session(node, clock, default_room, recorded)
    _SESSIONS.keep(key, (session, tuple(recorded.asked), session.where, clock.last))
    return session


def _with_ids(session: Session, taken: list[str]) -> Session:
    """``session`` with its talks' ids and its own (in the order :func:`_session` takes
    them) set to ``taken``."""
    items = tuple(t if t.id == i else replace(t, id=i) for t, i in zip(session.items, taken))
    if items != session.items or session.id != taken[-1]:  # ids take part in equality
        session = replace(session, items=items, id=taken[-1])
    return session


def _moved(session: Session, was: Where | None, now: Where) -> Session:
    """``session`` read at ``was``, with its and its talks' positions moved to ``now``
    (the same text, so the same columns and the same line offsets)."""
    if was == now or was is None:
        return session
    shift = now.line - was.line

    def move(where: Where | None) -> Where | None:
        return None if where is None else Where(now.file, where.line + shift, where.column)

    items = tuple(replace(t, where=move(t.where)) for t in session.items)
    return replace(session, items=items, where=now)


def sniff(head: bytes) -> bool:
    """True when the first bytes look like a schedule in this format."""
    return b"event:" in head and b"days:" in head
