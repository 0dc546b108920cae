"""Badge-back cards: a day's timetable shrunk to a card. Pure layout, no canvas.

``layout_cards(schedule, trim, clock, qr_side) -> CardSet``. Each card has a header (event,
day) and rows: a start time and a title with the room, and the speakers on a line of their
own. What gives, in order, when the day does not fit: the type shrinks (down to 6 pt) and
flows into two columns; the speakers are dropped; titles are cut to one line with "…"; the
talks of each session are folded into the session's own row. Every item that lost text is
named in a warning; a folded session says on the card how many talks it holds ("+3 talks").
A day that still does not fit continues on a second card. All days go on one card, each
under its heading, when they fit at 7 pt or more: with every talk if they can, else as
sessions saying what they hold.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from datetime import datetime

from program.fonts import BOLD, REGULAR
from program.fonts import width as text_width
from program.layout.grid import time_label
from program.layout.paper import A6, inch, mm
from program.layout.textfit import LEADING, Block, Fitted, Line, Span, clip, ellipsize, fit
from program.model import Day, Schedule, Session, Talk
from program.layout.labels import day_heading, day_label, event_dates
from program.language import language_of

MIN_SIZE = 6.0
MAX_SIZE = 8.0
LEGIBLE = 7.0  # all days share a card only at this size or more
MARGIN = 3.2 * mm
HEADER = 8.5 * mm
ROW_GAP = 1.2
COLUMN_GAP = 3 * mm


class CardSizeError(ValueError):
    """A card size that cannot be read."""


def parse_card_size(text: str) -> tuple[float, float]:
    """``4x3in``, ``4x6in``, ``a6``, ``85x55mm`` -> (width, height) in points."""
    t = text.strip().lower().replace(" ", "")
    if t == "a6":
        return A6
    m = re.fullmatch(r"(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(in|mm)", t)
    if not m:
        raise CardSizeError(f"card size {text!r}: use 4x3in, 4x6in, a6 or WIDTHxHEIGHTmm")
    unit = inch if m[3] == "in" else mm
    w, h = float(m[1]) * unit, float(m[2]) * unit
    if not (40 * mm <= w <= 300 * mm and 40 * mm <= h <= 300 * mm):
        raise CardSizeError(f"card size {text!r} is outside 40-300 mm on a side")
    return w, h


@dataclass(frozen=True)
class Row:
    """One line group of a card: the start time and the fitted text beside it."""

    start: datetime
    time: str
    text: Fitted
    item_id: str
    title: str
    strong: bool = False

    @cached_property
    def height(self) -> float:
        """The row's height with the gap below it (worked out once: packing rows into
        columns asks for it at every try)."""
        return self.text.height + ROW_GAP


@dataclass(frozen=True)
class PlacedRow:
    """A row at its place: x and y from the card's top-left (y downward)."""

    x: float
    y: float
    time_width: float
    row: Row


@dataclass(frozen=True)
class Card:
    """One card: trim size, header lines, placed rows, type size, and where the QR goes."""

    width: float
    height: float
    title: str
    subtitle: str
    rows: tuple[PlacedRow, ...]
    size: float
    qr_side: float


@dataclass(frozen=True)
class CardSet:
    """Every card of the schedule and the warnings about what lost text."""

    cards: tuple[Card, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Item:
    """A candidate row before fitting: what it says and whether it is a session heading."""

    start: datetime
    item_id: str
    title: str
    room: str
    speakers: str
    strong: bool
    folded: tuple[str, ...] = ()  # titles of talks folded into this session row
    zone: str | None = None  # the event's: a time it shows twice is printed with its zone
    more: str = ""  # what the row says of its folded talks ("+3 talks"), at its end


def _items(day: Day, schedule: Schedule, detail: str) -> list[_Item]:
    """Rows of a day at a level of detail: ``talks`` (sessions and their talks) or
    ``sessions`` (each session one row)."""
    out = []
    zone = schedule.event.timezone
    lang = language_of(schedule)
    for entry in day.entries:
        room = schedule.room_name(entry.room)
        if isinstance(entry, Session):
            folded = tuple(t.title for t in entry.items) if detail == "sessions" else ()
            # what is left out is said on the card, under the session, never dropped silently
            more = lang.plural("+{count} talk", "+{count} talks", len(folded),
                               count=str(len(folded))) if folded else ""
            out.append(_Item(entry.start, entry.id, entry.title, room, "", True, folded, zone,
                             more))
            if detail == "talks":
                for t in entry.items:
                    troom = schedule.room_name(t.room) if t.room != entry.room else ""
                    out.append(_Item(t.start, t.id, t.title, troom, _names(t), False,
                                     zone=zone))
        else:
            out.append(_Item(entry.start, entry.id, entry.title, room, _names(entry), True,
                             zone=zone))
    order = {r.id: i for i, r in enumerate(schedule.rooms)}
    return sorted(out, key=lambda i: (i.start, not i.strong, order.get(i.room, -1)))


def _names(talk: Talk) -> str:
    return ", ".join(p.name for p in talk.speakers)


@lru_cache(maxsize=65536)
def _row(item: _Item, width: float, size: float, clock: str, speakers: bool,
         one_line: bool) -> Row:
    """An item's row at a size and width (remembered: the badges' personal backs set the
    same items at the same sizes thousands of times)."""
    font = BOLD if item.strong else REGULAR
    spans = [Span(item.title, font)]
    if item.room:
        spans += [Span(" · ", REGULAR, "muted"), Span(item.room, REGULAR, "muted")]
    # the count of a folded session's talks ends its line, and is never cut
    more = (Span(" · ", REGULAR, "muted"), Span(item.more, BOLD, "muted")) if item.more else ()
    blocks = [Block(tuple(spans) + more)]
    if speakers and item.speakers:
        blocks.append(Block((Span(item.speakers, REGULAR, "muted"),)))
    fitted = fit(blocks, width, 10_000, size, size)
    if one_line and len(fitted.lines) > 1:  # the title is shortened, the room kept whole
        tail = fit([Block(more)], 10_000, 10_000, size, size).lines[0] if more else None
        room = f" · {item.room}" if item.room else ""
        room_w = text_width(room, REGULAR, size)
        avail = width - (tail.width if tail else 0.0)
        title = clip(item.title, font, size, max(avail - room_w, avail * 0.4))
        spans = [Span(title, font)] + ([Span(" · ", REGULAR, "muted"),
                                        Span(item.room, REGULAR, "muted")] if room else [])
        line = fit([Block(tuple(spans))], 10_000, 10_000, size, size).lines[0]
        if line.width > avail + 0.01:  # a room name too long for the line: cut the whole
            line = ellipsize(line, avail, size)
        if tail:
            line = Line(line.runs + tail.runs, line.width + tail.width)
        fitted = Fitted((line,), size, size * LEADING, True)
    return Row(item.start, time_label(item.start, clock, item.zone), fitted, item.item_id,
               item.title,
               item.strong)


def _columns(rows: Iterable[Row], heights: list[float]) -> list[list[Row]] | None:
    """Pack rows in order into columns of the given heights; None when they do not fit
    (as soon as one does not: rows may be made on demand, and a day too long for a card
    is not set to the end)."""
    cols: list[list[Row]] = [[] for _ in heights]
    index, used = 0, 0.0
    for row in rows:
        while index < len(heights) and used + row.height > heights[index] + 0.05:
            index, used = index + 1, 0.0
        if index >= len(heights):
            return None
        cols[index].append(row)
        used += row.height
    return cols


def _place(cols: list[list[Row]], col_w: float, time_w: float) -> tuple[PlacedRow, ...]:
    placed = []
    for i, col in enumerate(cols):
        y = MARGIN + HEADER
        for row in col:
            placed.append(PlacedRow(MARGIN + i * (col_w + COLUMN_GAP), y, time_w, row))
            y += row.height
    return tuple(placed)


@dataclass(frozen=True)
class _Attempt:
    cols: list[list[Row]]
    col_w: float
    time_w: float
    size: float


def _try(items: list[_Item], trim: tuple[float, float], qr_side: float, clock: str,
         size: float, ncols: int, speakers: bool, one_line: bool) -> _Attempt | None:
    w, h = trim
    body_h = h - 2 * MARGIN - HEADER
    col_w = (w - 2 * MARGIN - (ncols - 1) * COLUMN_GAP) / ncols
    labels = {time_label(i.start, clock, i.zone) for i in items} | {"00:00"}
    time_w = max(text_width(label, BOLD, size) for label in labels) + size * 0.6  # ("2:30 CET")
    heights = [body_h] * ncols
    heights[-1] -= qr_side + (2.0 if qr_side else 0.0)
    if heights[-1] < size * LEADING:
        return None
    rows = (_row(i, col_w - time_w, size, clock, speakers, one_line) for i in items)
    cols = _columns(rows, heights)
    return _Attempt(cols, col_w, time_w, size) if cols is not None else None


def _sizes() -> list[float]:
    out, s = [], MAX_SIZE
    while s >= MIN_SIZE - 1e-6:
        out.append(round(s, 1))
        s -= 0.5
    return out


def _fit_items(levels: list[tuple[list[_Item], bool, bool]], trim, qr_side, clock,
               min_size: float = MIN_SIZE) -> tuple[_Attempt, int] | None:
    """The first (level, size, columns) at which every row fits; a level is (items, with
    speakers, cut to one line)."""
    for level, (items, speakers, one_line) in enumerate(levels):
        for size in _sizes():
            if size < min_size:
                break
            for ncols in (1, 2):
                attempt = _try(items, trim, qr_side, clock, size, ncols, speakers, one_line)
                if attempt is not None:
                    return attempt, level
    return None


def layout_cards(schedule: Schedule, trim: tuple[float, float], clock: str,
                 qr_side: float) -> CardSet:
    """Cards for ``schedule`` at ``trim`` size (points); see the module docstring."""
    title = schedule.event.title
    if len(schedule.days) > 1:
        combined = _all_days_card(schedule, trim, clock, qr_side)
        if combined is not None:
            card, folded = combined
            where = f"{schedule.source or 'schedule'}: warning: cards"
            return CardSet((card,), _folded_warning(where, folded))
    cards: list[Card] = []
    warnings: list[str] = []
    for day in schedule.days:
        label = day_heading(schedule, day, short=True, sep=" · ")
        talks = _items(day, schedule, "talks")
        sessions = _items(day, schedule, "sessions")
        levels = [(talks, True, False), (talks, False, False), (talks, False, True)]
        if len(sessions) < len(talks):
            levels.append((sessions, False, False))
        where = f"{schedule.source or 'schedule'}: warning: cards {day_label(schedule, day, short=True)}"
        found = _fit_items(levels, trim, qr_side, clock)
        if found is not None:
            attempts, folded = [found[0]], found[1] == 3
        else:
            attempts, folded = _overflow(sessions, trim, qr_side, clock), len(sessions) < len(talks)
        if folded:
            warnings += _folded_warning(where, [i for i in sessions if i.folded])
        short = []
        for n, attempt in enumerate(attempts):
            part = f" ({n + 1}/{len(attempts)})" if len(attempts) > 1 else ""
            cards.append(_card(title, label + part, attempt, trim, qr_side if n == 0 else 0.0))
            short += [r for col in attempt.cols for r in col if r.text.abbreviated]
        if short:  # said once a day: the times are all there, the titles shortened
            more = f" and {len(short) - 1} more" if len(short) > 1 else ""
            warnings.append(f"{where}: {len(short)} title{'s' if len(short) > 1 else ''} "
                            f"shortened to fit (times kept): {short[0].title!r} "
                            f"({short[0].time}){more}")
        if len(attempts) > 1:
            warnings.append(f"{where}: the day needs {len(attempts)} cards")
    return CardSet(tuple(cards), tuple(warnings))


def _overflow(items: list[_Item], trim, qr_side: float, clock: str) -> list[_Attempt]:
    """At the smallest size, two columns, one line per row: as many cards as it takes."""
    size = MIN_SIZE
    attempts = []
    rest = list(items)
    qr = qr_side
    while rest:
        lo, hi = 1, len(rest)
        best = None
        while lo <= hi:  # the longest prefix that fits one card
            mid = (lo + hi) // 2
            attempt = _try(rest[:mid], trim, qr, clock, size, 2, False, True)
            if attempt is not None:
                best, lo = (mid, attempt), mid + 1
            else:
                hi = mid - 1
        if best is None:  # not even one row fits: give up on this card size
            raise CardSizeError("the card is too small for even one line of the timetable")
        attempts.append(best[1])
        rest = rest[best[0]:]
        qr = 0.0
    return attempts


def _all_days_card(schedule: Schedule, trim, clock: str,
                   qr_side: float) -> tuple[Card, list[_Item]] | None:
    """One card for every day, each day under its heading, when they fit at a legible size:
    with every talk (and speakers) if that fits, else every talk, else each session as one
    row saying how many talks it holds."""
    def rows(detail: str) -> list[_Item]:
        items = []
        for day in schedule.days:
            first = min((e.start for e in day.entries), default=None)
            if first is None:
                continue
            items.append(_Item(first.replace(hour=0, minute=0), f"day-{day.date}",
                               day_label(schedule, day, short=True), "", "", True))
            items += _items(day, schedule, detail)
        return items

    talks = rows("talks")
    found = _fit_items([(talks, True, False), (talks, False, False),
                        (rows("sessions"), False, False)], trim, qr_side, clock,
                       min_size=LEGIBLE)
    if found is None:
        return None
    attempt, level = found
    days = event_dates(schedule, short=True) or ""
    folded = [r for r in rows("sessions") if r.folded] if level == 2 else []
    return _card(schedule.event.title, days, attempt, trim, qr_side, day_rows=True), folded


def _folded_warning(where: str, folded: list[_Item]) -> tuple[str, ...]:
    """One line for the sessions shown without their talks (a card says "+3 talks" under
    each): said once, not once per session."""
    if not folded:
        return ()
    more = f" and {len(folded) - 1} more" if len(folded) > 1 else ""
    talks = sum(len(i.folded) for i in folded)
    return (f"{where}: {talks} talks are shown as the count under their session, not one "
            f"by one: {folded[0].title!r}{more}",)


def _card(title: str, subtitle: str, attempt: _Attempt, trim, qr_side: float,
          day_rows: bool = False) -> Card:
    placed = _place(attempt.cols, attempt.col_w, attempt.time_w)
    if day_rows:  # day heading rows carry no time
        placed = tuple(PlacedRow(p.x, p.y, p.time_width,
                                 Row(p.row.start, "" if p.row.item_id.startswith("day-") else
                                     p.row.time, p.row.text, p.row.item_id, p.row.title,
                                     p.row.strong)) for p in placed)
    return Card(trim[0], trim[1], title, subtitle, placed, attempt.size, qr_side)
