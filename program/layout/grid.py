"""The at-a-glance timetable grid of one day: pure geometry, no canvas.

``layout_day(day, rooms, box, style) -> list[GridPage]``. Time runs down, proportional to
duration, with a scale large enough that the shortest item gets ``min_cell_height``. One
column per room; an item without a room spans every column; items that overlap in one room
share its column side by side (lanes), each cell marked ``overlapping``
(:mod:`program.layout.overlap`: the frames give it an edge, the legend explains it). A day too long for the box continues on further pages
(cut where no item is running, when possible) with the time axis repeated; more rooms than fit
continue on further pages with the room headers repeated. Coordinates are points from the
box's top-left corner, y growing downward; the renderer flips them.

The booklet, the handout and the badge cards all use this one grid with different styles.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache

from program.fonts import BOLD, REGULAR
from program.layout.overlap import overlapping
from program.layout.palette import fill_for, text_on
from program.layout.textfit import Block, Fitted, Span, fit, fit_best, lines_height
from program.model import Day, Kind, Session, Talk, ambiguous, zone as zone_info
from program.sources.times import format_clock


@dataclass(frozen=True)
class GridStyle:
    """Sizes (points) and choices that differ between booklet, handout and cards."""

    axis_width: float = 26.0
    header_height: float = 14.0
    min_cell_height: float = 0.0  # 0: one line at line_size (see GridStyle.shortest_cell)
    line_size: float = 7.0
    min_column_width: float = 72.0
    max_size: float = 8.0
    min_size: float = 6.0
    header_size: float = 7.5
    axis_size: float = 6.5
    pad: float = 2.0
    gap: float = 1.0
    clock: str = "24h"
    #: the language's words for am and pm (hour labels of a 12-hour axis)
    periods: tuple[str, str] = ("am", "pm")
    #: the event's zone: a time it shows twice (the night the clocks go back) is printed
    #: with its abbreviation
    zone: str | None = None
    speakers: bool = True
    room_in_cell: bool = False
    one_page: bool = False  # the whole day on one page: every column, scale to fit the height
    colors: tuple[tuple[str, str], ...] = ()

    @property
    def shortest_cell(self) -> float:
        """Height (points) of the shortest item: at least one line at ``line_size``."""
        one_line = lines_height(1, self.line_size) + 2 * (self.pad + self.gap)
        return max(self.min_cell_height, one_line)


@dataclass(frozen=True)
class Cell:
    """One item's box on a grid page, with its fitted text."""

    talk_id: str
    title: str
    x: float
    y: float
    w: float
    h: float
    fill: str
    ink: str
    text: Fitted
    continued_above: bool = False
    continued_below: bool = False
    #: shares time with another item of its room (drawn in a lane beside it, and marked)
    overlapping: bool = False


@dataclass(frozen=True)
class Column:
    """A room's column on a page."""

    name: str
    x: float
    w: float
    label: Fitted | None = None  # the name set in the header (wrapped, shrunk or cut)


@dataclass(frozen=True)
class Tick:
    """A label on the time axis and a rule across the grid at ``y``."""

    y: float
    label: str
    major: bool


@dataclass(frozen=True)
class GridPage:
    """One page of a day's grid: columns, time ticks, cells, and what part of the day it is."""

    width: float
    height: float
    start: datetime
    end: datetime
    columns: tuple[Column, ...]
    cells: tuple[Cell, ...]
    ticks: tuple[Tick, ...]
    axis_width: float
    header_height: float
    part: int = 1
    parts: int = 1
    pad: float = 2.0


@dataclass(frozen=True)
class Abbreviation:
    """A warning: an item whose text did not fit its cell whole."""

    talk_id: str
    title: str
    start: datetime
    shown: str

    def outcome(self) -> str:
        """``abbreviated to '…'`` or, for a cell too small for one line, that it is empty."""
        if not self.shown:
            return "left without text (its cell is shorter than one line)"
        return f"abbreviated to {self.shown.splitlines()[-1]!r}"

    def describe(self, clock: str) -> str:
        """The warning's text: the item (or room) and what happened to it."""
        if self.talk_id.startswith("room:"):
            return f"room name {self.title!r} cut to {self.shown!r} in the column header"
        return f"{self.title!r} ({hour_label(self.start, clock)}) {self.outcome()}"


@dataclass
class _Placed:
    talk: Talk
    column: int  # index into the column list; -1 spans every column
    lane: int = 0
    lanes: int = 1
    overlapping: bool = False


@dataclass(frozen=True)
class DayGrid:
    """The grid pages of one day and the abbreviations made on them."""

    pages: tuple[GridPage, ...]
    abbreviations: tuple[Abbreviation, ...] = field(default=())


def columns_of(day: Day, room_order: list[str]) -> list[str | None]:
    """The room ids with items on ``day``: declared order first, then others sorted.
    A day whose items all have no room gets one column (None)."""
    used = {t.room for t in day.talks() if t.room is not None}
    ordered: list[str | None] = [r for r in room_order if r in used]
    ordered += sorted(used - set(room_order))
    return ordered or [None]


def time_label(when: datetime, clock: str, zone: str | None = None) -> str:
    """``13:30`` or ``1:30`` for a cell; ``2:30 CEST`` or ``2:30 CET`` for a time that
    ``zone`` shows twice (the night the clocks go back), which alone could be either."""
    label = format_clock(when.hour * 60 + when.minute, clock)
    if ambiguous(when, zone):
        label += " " + (when.replace(tzinfo=zone_info(zone)).tzname() or "")
    return label.rstrip()


def span_label(talk: Talk | Session, clock: str, zone: str | None = None) -> str:
    """``8:40–9:10`` for a cell (see :func:`time_label` for ``zone``)."""
    return f"{time_label(talk.start, clock, zone)}–{time_label(talk.end, clock, zone)}"


def hour_label(when: datetime, clock: str, periods: tuple[str, str] = ("am", "pm")) -> str:
    """Axis label: ``13:00`` or ``1 pm`` (``periods``: the language's am and pm)."""
    if clock == "12h":
        hour = when.hour % 12 or 12
        suffix = periods[0] if when.hour < 12 else periods[1]
        return f"{hour}:{when.minute:02d}" if when.minute else f"{hour} {suffix}"
    return f"{when.hour}:{when.minute:02d}"


def _visual_end(talk: Talk, min_minutes: float) -> datetime:
    """Where an item's box ends: its end, or for a zero-minute item one line further."""
    return talk.end if talk.end > talk.start else talk.start + timedelta(minutes=min_minutes)


def _assign_lanes(placed: list[_Placed], min_minutes: float) -> None:
    """Give overlapping items of one column side-by-side lanes (interval partitioning)."""
    def visual_end(p: _Placed) -> datetime:
        return _visual_end(p.talk, min_minutes)

    placed.sort(key=lambda p: (p.talk.start, -p.talk.duration, p.talk.id))
    cluster: list[_Placed] = []
    cluster_end: datetime | None = None
    lane_ends: list[datetime] = []

    def close() -> None:
        for p in cluster:
            p.lanes = len(lane_ends)

    for p in placed:
        if cluster_end is not None and p.talk.start >= cluster_end:
            close()
            cluster, lane_ends, cluster_end = [], [], None
        free = next((i for i, end in enumerate(lane_ends) if end <= p.talk.start), None)
        if free is None:
            lane_ends.append(visual_end(p))
            p.lane = len(lane_ends) - 1
        else:
            lane_ends[free] = visual_end(p)
            p.lane = free
        cluster.append(p)
        cluster_end = max(cluster_end or visual_end(p), visual_end(p))
    close()


Span_ = tuple[datetime, datetime]


def _cut_points(spans: list[Span_]) -> list[datetime]:
    """Times where none of ``spans`` is running: where a page may end without cutting one."""
    points = sorted({a for a, _ in spans} | {b for _, b in spans})
    ordered = sorted(spans)
    cuts, index, reach = [], 0, None  # reach: the latest end of the spans begun before p
    for p in points:
        while index < len(ordered) and ordered[index][0] < p:
            end = ordered[index][1]
            reach = end if reach is None or end > reach else reach
            index += 1
        if reach is None or reach <= p:
            cuts.append(p)
    return cuts


def _page_ranges(spans: list[Span_], session_spans: list[Span_], start: datetime, end: datetime,
                 minutes_per_page: float) -> list[Span_]:
    """Split [start, end] into page ranges of at most ``minutes_per_page``. A page ends
    between sessions where it can, else between items, else wherever the page is full."""
    preferred = _cut_points(spans + session_spans)
    fallback = _cut_points(spans)
    ranges = []
    page_start = start
    while page_start < end:
        limit = page_start + timedelta(minutes=minutes_per_page + 1e-6)
        if end <= limit:
            ranges.append((page_start, end))
            break
        earliest = page_start + timedelta(minutes=minutes_per_page / 2)
        page_end = limit
        for cuts in (preferred, fallback):
            usable = [c for c in cuts if earliest <= c <= limit]
            if usable:
                page_end = usable[-1]
                break
        page_end = page_end.replace(second=0, microsecond=0)
        ranges.append((page_start, page_end))
        page_start = page_end
    return ranges


def _floor(when: datetime, minutes: int) -> datetime:
    base = when.replace(minute=0, second=0, microsecond=0)
    return base + timedelta(minutes=(when.minute // minutes) * minutes)


def _ceil(when: datetime, minutes: int) -> datetime:
    floor = _floor(when, minutes)
    return floor if floor == when else floor + timedelta(minutes=minutes)


def cell_texts(talk: Talk, style: GridStyle, room_name: str = "") -> list[list[Block]]:
    """Ways to set a cell, best first: time and title (bold) with speakers (optional) and room
    on lines of their own; all of it run together in one paragraph, for a one-line cell; and
    the title alone with its speakers, for a cell too narrow for the time (the time axis
    beside the grid still tells it)."""
    time = Span(span_label(talk, style.clock, style.zone) + "  ", REGULAR, "muted")
    title = Span(talk.title, BOLD)
    extra = []
    if style.speakers and talk.speakers:
        extra.append(Span(", ".join(p.name for p in talk.speakers), REGULAR))
    if style.room_in_cell and room_name:
        extra.append(Span(room_name, REGULAR, "muted"))
    tail = [Block((span,), optional=True) for span in extra]
    ways = [[Block((time, title))] + tail]
    if extra:
        ways.append([Block((time, title) + tuple(
            x for span in extra for x in (Span(" · ", REGULAR, "muted"), span)))])
    ways.append([Block((title,))] + tail)
    return ways


def fold_sessions(day: Day, session_ids: set[str]) -> tuple[Day, tuple[str, ...]]:
    """``day`` with each named session shown as a single item in its room (its talks left
    out), and the titles of the sessions folded. A session whose talks are in several rooms
    is left as it is."""
    entries: list[Session | Talk] = []
    folded: list[str] = []
    for entry in day.entries:
        rooms = {t.room for t in entry.items} if isinstance(entry, Session) else set()
        room = entry.room if isinstance(entry, Session) and entry.room else (
            next(iter(rooms)) if len(rooms) == 1 else None)
        if not isinstance(entry, Session) or entry.id not in session_ids or room is None:
            entries.append(entry)
            continue
        tracks = {t.track for t in entry.items}
        kind = entry.kind or (entry.items[0].kind if entry.items else Kind.OTHER)
        entries.append(Talk(id=entry.id, title=entry.title, kind=kind, start=entry.start,
                            end=entry.end, room=room, speakers=entry.chairs,
                            track=next(iter(tracks)) if len(tracks) == 1 else None,
                            where=entry.where))
        folded.append(entry.title)
    return replace(day, entries=tuple(entries)), tuple(folded)


def layout_day(day: Day, room_order: list[str], room_names: dict[str, str], width: float,
               height: float, style: GridStyle) -> DayGrid:
    """Lay out ``day`` as one or more grid pages of ``width`` x ``height`` points.

    Pure, so results are remembered in this process: a rebuild (``--watch``) lays out
    again only the days that changed."""
    return _layout_day(day, tuple(room_order), tuple(room_names.items()), width, height, style)


@lru_cache(maxsize=64)
def _layout_day(day: Day, room_order: tuple[str, ...], room_items: tuple[tuple[str, str], ...],
                width: float, height: float, style: GridStyle) -> DayGrid:
    room_names = dict(room_items)
    talks = sorted(day.talks(), key=lambda t: (t.start, t.end, t.id))
    columns = columns_of(day, room_order)
    grid_w = width - style.axis_width
    per_page = len(columns) if style.one_page else \
        max(1, min(len(columns), int(grid_w // style.min_column_width)))
    groups = [columns[i:i + per_page] for i in range(0, len(columns), per_page)]
    day_start = _floor(min(t.start for t in talks), 30)
    day_end = _ceil(max(max(t.end, t.start + timedelta(minutes=5)) for t in talks), 30)
    total = (day_end - day_start).total_seconds() / 60
    positive = [t.duration.total_seconds() / 60 for t in talks if t.duration > timedelta(0)]
    shortest = min(positive, default=30.0)
    if columns == [None]:
        style = replace(style, header_height=0.0)
    labels = _header_labels(groups, room_names, grid_w, style)
    if labels:
        needed = max(label.height for label in labels.values()) + 2 * style.pad
        style = replace(style, header_height=max(style.header_height, needed))
    body_h = height - style.header_height
    scale = body_h / total  # points per minute
    if not style.one_page:
        scale = max(scale, style.shortest_cell / shortest)
    min_minutes = style.shortest_cell / scale
    ranges = [(day_start, day_end)] if style.one_page else \
        _page_ranges([(t.start, t.end) for t in talks], [(x.start, x.end) for x in day.sessions()],
                     day_start, day_end, body_h / scale)
    colors = dict(style.colors)
    pages: list[GridPage] = []
    notes: dict[str, Abbreviation] = {
        f"room:{room}": Abbreviation(f"room:{room}", room_names.get(room, room), day_start,
                                     label.text().replace("\n", " "))
        for room, label in labels.items() if label.abbreviated}
    for group in groups:
        placed = _place(talks, group, min_minutes)
        col_w = grid_w / len(group)
        cols = tuple(Column(room_names.get(c, c) if c else "", style.axis_width + i * col_w, col_w,
                            labels.get(c) if c else None)
                     for i, c in enumerate(group))
        for start, end in ranges:
            cells = []
            for p in placed:
                if not (p.talk.start < end and _visual_end(p.talk, min_minutes) > start):
                    continue
                cell, note = _cell(p, start, end, cols, scale, style, colors, room_names)
                cells.append(cell)
                if note:
                    notes.setdefault(p.talk.id, note)
            pages.append(GridPage(
                width=width, height=style.header_height + (end - start).total_seconds() / 60 * scale,
                start=start, end=end, columns=cols, cells=tuple(cells),
                ticks=_ticks(start, end, scale, style), axis_width=style.axis_width,
                header_height=style.header_height, pad=style.pad))
    count = len(pages)
    pages = [_numbered(p, i + 1, count) for i, p in enumerate(pages)]
    return DayGrid(tuple(pages), tuple(notes.values()))


def _header_labels(groups: list[list[str | None]], room_names: dict[str, str], grid_w: float,
                   style: GridStyle) -> dict[str, Fitted]:
    """Each room's name fitted to its column header: one line at the header size, else
    wrapped to two lines and shrunk to the floor, else cut (and reported)."""
    labels = {}
    for group in groups:
        col_w = grid_w / len(group)
        for room in group:
            if room is None:
                continue
            name = room_names.get(room, room)
            one = fit([Block((Span(name, BOLD),))], col_w - 4, lines_height(1, style.header_size),
                      style.header_size, min(style.header_size, style.min_size))
            labels[room] = one if not one.abbreviated else fit(
                [Block((Span(name, BOLD),))], col_w - 4, lines_height(2, style.header_size),
                style.header_size, min(style.header_size, style.min_size))
    return labels


def _numbered(page: GridPage, part: int, parts: int) -> GridPage:
    return replace(page, part=part, parts=parts)


def _place(talks: list[Talk], group: list[str | None], min_minutes: float) -> list[_Placed]:
    """Items of one column group with their column and lane (plenary items span, column -1).

    An item for everyone that overlaps an item of a room (a warning: planned overlaps are
    real) cannot span the columns without hiding that item: it gets a cell in every column
    instead, sharing lanes there like any item. Items that overlap another of their room are
    marked ``overlapping``."""
    marked = overlapping(talks)
    placed = []
    by_column: dict[int, list[_Placed]] = {}
    in_rooms = [t for t in talks if t.room is not None and t.room in group]
    for talk in talks:
        if talk.room is None and group != [None] and _overlaps_any(talk, in_rooms, min_minutes):
            for column in range(len(group)):
                p = _Placed(talk, column)
                by_column.setdefault(column, []).append(p)
                placed.append(p)
        elif talk.room is None and group != [None]:
            p = _Placed(talk, -1)
            by_column.setdefault(-1, []).append(p)  # items for everyone share lanes too
            placed.append(p)
        elif talk.room in group:
            p = _Placed(talk, group.index(talk.room))
            by_column.setdefault(p.column, []).append(p)
            placed.append(p)
    for column_items in by_column.values():
        _assign_lanes(column_items, min_minutes)
    for p in placed:
        p.overlapping = p.talk.id in marked
    return placed


def _overlaps_any(talk: Talk, others: list[Talk], min_minutes: float) -> bool:
    """True when ``talk``'s cell would overlap the cell of one of ``others``."""
    end = _visual_end(talk, min_minutes)
    return any(o.start < end and talk.start < _visual_end(o, min_minutes) for o in others)


def _cell(p: _Placed, start: datetime, end: datetime, cols: tuple[Column, ...], scale: float,
          style: GridStyle, colors: dict[str, str],
          room_names: dict[str, str]) -> tuple[Cell, Abbreviation | None]:
    talk = p.talk
    top = max(talk.start, start)
    bottom = min(_visual_end(talk, style.shortest_cell / scale), end)
    y = style.header_height + (top - start).total_seconds() / 60 * scale
    h = max((bottom - top).total_seconds() / 60 * scale, 1.0)
    if p.column < 0:
        w = (cols[-1].x + cols[-1].w - cols[0].x) / p.lanes
        x = cols[0].x + p.lane * w
    else:
        col = cols[p.column]
        w = col.w / p.lanes
        x = col.x + p.lane * w
    g = style.gap
    fill = fill_for(talk, colors)
    inner_w = w - 2 * g - 2 * style.pad
    inner_h = h - 2 * g - 2 * style.pad
    texts = cell_texts(talk, style, room_names.get(talk.room or "", ""))
    text = _fit_cell(tuple(tuple(blocks) for blocks in texts), inner_w, inner_h, style.max_size,
                     style.min_size)
    cell = Cell(talk.id, talk.title, x + g, y + g, w - 2 * g, h - 2 * g, fill, text_on(fill), text,
                continued_above=talk.start < start, continued_below=talk.end > end,
                overlapping=p.overlapping)
    note = Abbreviation(talk.id, talk.title, talk.start, text.text()) if text.abbreviated else None
    return cell, note


@lru_cache(maxsize=16384)
def _fit_cell(texts: tuple[tuple[Block, ...], ...], width: float, height: float,
              max_size: float, min_size: float) -> Fitted:
    """``fit_best`` of a cell's texts, remembered: in a rebuild (``--watch``) only the cells
    whose text or size changed are fitted again."""
    return fit_best([list(blocks) for blocks in texts], width, height, max_size, min_size)


def _ticks(start: datetime, end: datetime, scale: float, style: GridStyle) -> tuple[Tick, ...]:
    """Hour labels (and half hours when there is room) between ``start`` and ``end``."""
    step = 30 if scale * 30 >= style.axis_size * 2.5 else 60
    ticks = []
    t = _ceil(start, step)
    while t <= end:
        y = style.header_height + (t - start).total_seconds() / 60 * scale
        ticks.append(Tick(y, hour_label(t, style.clock, style.periods), t.minute == 0))
        t += timedelta(minutes=step)
    return tuple(ticks)
