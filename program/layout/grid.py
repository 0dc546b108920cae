"""The at-a-glance timetable grid of one day: pure geometry, no canvas.

``layout_day(day, rooms, box, style) -> list[GridPage]``. Time runs down, proportional to
duration, with a scale large enough that the shortest item gets one line. One column per room;
an item without a room spans every column; items that overlap in one room share its column
side by side (lanes), each cell marked ``overlapping`` (:mod:`program.layout.overlap`: the
frames give it an edge, the legend explains it).

A day is fitted to one page when it can be read there: first by scaling the time axis down to
that readable floor, then by compressing long breaks, lunch and empty stretches (a broken
axis, :class:`AxisBreak`); only then does it continue on further pages (cut where no item is
running, when possible; balanced, so no page holds only a closing item) with the time axis
repeated. More rooms than fit are split into groups of even size, continued with the room
headers repeated (in the booklet, on the facing page). Coordinates are points from the
box's top-left corner, y growing downward; the renderer flips them.

The booklet, the handout and the badge cards all use this one grid with different styles.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache

from program.fonts import BOLD, REGULAR
from program.fonts import width as text_width
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
    min_size: float = 7.0  # print review: nothing on a grid under 7 pt
    header_size: float = 7.5
    axis_size: float = 7.0
    pad: float = 1.5
    gap: float = 0.5
    clock: str = "24h"
    #: the language's words for am and pm (hour labels of a 12-hour axis)
    periods: tuple[str, str] = ("am", "pm")
    #: the event's zone: a time it shows twice (the night the clocks go back) is printed
    #: with its abbreviation
    zone: str | None = None
    speakers: bool = True
    room_in_cell: bool = False
    one_page: bool = False  # the whole day on one page: every column, scale to fit the height
    lang: str = ""  # the event's language: narrow columns hyphenate by its dictionary
    start_only: bool = False  # cells show their start only (columns too narrow for spans)
    colors: tuple[tuple[str, str], ...] = ()
    #: (track, tag): the short label a track's cells lead with when its colour alone is not
    #: told apart in grayscale (:func:`program.layout.palette.track_tags`)
    tags: tuple[tuple[str, str], ...] = ()
    #: the organizer's words over the catalogue's (``theme.labels``): a poster cell's count
    labels: tuple[tuple[str, str], ...] = ()

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
    marker: bool = False  # a zero-minute item: a line at its time with its title beside it
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
    when: datetime | None = None


@dataclass(frozen=True)
class AxisBreak:
    """A compressed stretch of the time axis (a long break, lunch, an empty evening): from
    ``y`` to ``y + h`` on the page, ``minutes`` long; drawn as a broken-axis mark."""

    y: float
    h: float
    minutes: int


@dataclass(frozen=True)
class Segment:
    """A stretch of a day's time axis: ``start``..``end`` drawn from ``top`` (points below
    the day's first minute) at ``scale`` points per minute."""

    start: datetime
    end: datetime
    top: float
    scale: float
    compressed: bool = False

    @property
    def bottom(self) -> float:
        return self.top + _minutes(self.end - self.start) * self.scale


Axis = tuple[Segment, ...]


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def axis_y(axis: Axis, when: datetime) -> float:
    """Points below the day's start at which ``when`` is drawn (clamped to the axis)."""
    if when <= axis[0].start:
        return axis[0].top
    for seg in axis:
        if when <= seg.end:
            return seg.top + _minutes(when - seg.start) * seg.scale
    return axis[-1].bottom


def axis_time(axis: Axis, y: float) -> datetime:
    """The time drawn at ``y`` points below the day's start (the inverse of :func:`axis_y`)."""
    for seg in axis:
        if y <= seg.bottom + 1e-9:
            return seg.start + timedelta(minutes=max(0.0, y - seg.top) / seg.scale)
    return axis[-1].end


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
    pad: float = 1.5
    breaks: tuple[AxisBreak, ...] = ()
    group: int = 1  # which group of rooms (1 when every room is on the page)
    groups: int = 1


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
        return f"{self.title!r} ({hour_label(self.start, clock, True)}) {self.outcome()}"


def summary(abbreviations: tuple[Abbreviation, ...] | list[Abbreviation], clock: str,
            full_text: str = "") -> list[str]:
    """The day's abbreviations said once (a report people read): one line for the cells,
    naming how many kept their time and a shortened title and the first of them, and one for
    room names cut in the headers. ``full_text`` says where the whole text is."""
    cells = [a for a in abbreviations if not a.talk_id.startswith("room:")]
    rooms = [a for a in abbreviations if a.talk_id.startswith("room:")]
    out = []
    if cells:
        first = cells[0]
        others = f" and {len(cells) - 1} more" if len(cells) > 1 else ""
        out.append(f"{len(cells)} cell{'s' if len(cells) > 1 else ''} too small for the whole "
                   f"text show the time and a shortened title: {first.title!r} "
                   f"({hour_label(first.start, clock, True)}){others}{full_text}")
    if rooms:
        names = ", ".join(repr(a.title) for a in rooms)
        out.append(f"{len(rooms)} room name{'s' if len(rooms) > 1 else ''} shortened in the "
                   f"column headers: {names}")
    return out


def folded_summary(titles: tuple[str, ...] | list[str]) -> list[str]:
    """The sessions shown as one item (their talks left out), said once: a count and
    their titles."""
    if not titles:
        return []
    names = ", ".join(repr(t) for t in titles)
    return [f"the talks of {len(titles)} session{'s' if len(titles) > 1 else ''} are left out; "
            f"only the session fits: {names}"]


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
    return _time_label(when, when.fold, clock, zone)


@lru_cache(maxsize=65536)
def _time_label(when: datetime, fold: int, clock: str, zone: str | None) -> str:
    """:func:`time_label`, remembered (the badge backs' card layouts ask for the same times
    some 300,000 times for 1,000 personal backs, each a time-zone round trip); keyed by
    ``fold`` too, as equal datetimes may differ in it (which 2:30 of a repeated hour)."""
    label = format_clock(when.hour * 60 + when.minute, clock)
    if ambiguous(when, zone):
        label += " " + (when.replace(tzinfo=zone_info(zone)).tzname() or "")
    return label.rstrip()


def span_label(talk: Talk | Session, clock: str, zone: str | None = None) -> str:
    """``8:40–9:10`` for a cell (see :func:`time_label` for ``zone``)."""
    return f"{time_label(talk.start, clock, zone)}–{time_label(talk.end, clock, zone)}"


def hour_label(when: datetime, clock: str, suffix: bool = False,
               periods: tuple[str, str] = ("am", "pm")) -> str:
    """Axis label, one style throughout: ``13:00``, or ``1:00`` in 12-hour mode with ``am``/
    ``pm`` after it when ``suffix`` (the first label of a page, the first after noon);
    ``periods``: the language's words for them."""
    if clock == "12h":
        text = f"{when.hour % 12 or 12}:{when.minute:02d}"
        return f"{text} {periods[0] if when.hour < 12 else periods[1]}" if suffix else text
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


def _page_ranges(spans: list[Span_], session_spans: list[Span_], axis: Axis,
                 page_h: float) -> list[Span_]:
    """Split the day drawn on ``axis`` into page ranges at most ``page_h`` points tall, as
    few as the greedy split needs and as even as they can be (so that no page holds only a
    closing item). A page ends between sessions where it can, else between items, else
    wherever the page is full."""
    greedy = _split(spans, session_spans, axis, page_h)
    if len(greedy) <= 1:
        return greedy
    for cuts in (_cut_points(spans + session_spans), _cut_points(spans)):
        even = _balanced(cuts, axis, len(greedy), page_h)
        if even is not None:
            return even
    return greedy


def _balanced(cuts: list[datetime], axis: Axis, pages: int, page_h: float) -> list[Span_] | None:
    """The day cut at ``cuts`` into ``pages`` pages of at most ``page_h`` points with the
    tallest page as short as can be (dynamic programming over the cut points); None when
    the cuts allow no such split."""
    start, end = axis[0].start, axis[-1].end
    points = [start] + [c for c in cuts if start < c < end] + [end]
    ys = [axis_y(axis, p) for p in points]
    inf = float("inf")
    best = [[inf] * (pages + 1) for _ in points]
    back = [[-1] * (pages + 1) for _ in points]
    best[0][0] = 0.0
    for j in range(1, len(points)):
        for i in range(j - 1, -1, -1):
            h = ys[j] - ys[i]
            if h > page_h + 1e-6:
                break
            for k in range(1, pages + 1):
                v = max(best[i][k - 1], h)
                if v < best[j][k]:
                    best[j][k], back[j][k] = v, i
    last = len(points) - 1
    if best[last][pages] == inf:
        return None
    bounds, j = [last], last
    for k in range(pages, 0, -1):
        j = back[j][k]
        bounds.append(j)
    bounds.reverse()
    return [(points[a], points[b]) for a, b in zip(bounds, bounds[1:])]


def _split(spans: list[Span_], session_spans: list[Span_], axis: Axis, page_h: float,
           floor: float = 0.5) -> list[Span_]:
    """Greedy split into pages of at most ``page_h`` points, each at least ``floor`` of a
    page tall unless it is the last."""
    preferred = _cut_points(spans + session_spans)
    fallback = _cut_points(spans)
    start, end = axis[0].start, axis[-1].end
    ranges = []
    page_start = start
    while page_start < end:
        top = axis_y(axis, page_start)
        limit = axis_time(axis, top + page_h + 1e-6)
        if end <= limit:
            ranges.append((page_start, end))
            break
        earliest = axis_time(axis, top + page_h * floor)
        page_end = limit
        for cuts in (preferred, fallback):
            usable = [c for c in cuts if earliest <= c <= limit and c > page_start]
            if usable:
                page_end = usable[-1]
                break
        page_end = max(page_end.replace(second=0, microsecond=0),
                       page_start + timedelta(minutes=1))
        ranges.append((page_start, page_end))
        page_start = page_end
    return ranges


def _stretched(axis: Axis, ranges: list[Span_], spans: list[Span_], session_spans: list[Span_],
               page_h: float) -> tuple[Axis, list[Span_]]:
    """``axis`` drawn larger, as far as the day still takes ``len(ranges)`` pages of
    ``page_h``: a day continued on a second page fills both, not one and a half."""
    pages = len(ranges)
    fixed = sum(seg.bottom - seg.top for seg in axis if seg.compressed)
    free = axis[-1].bottom - axis[0].top - fixed
    if free <= 0:
        return axis, ranges
    def scaled(f: float) -> Axis:
        tops, top = [], 0.0
        for seg in axis:
            tops.append(replace(seg, top=top, scale=seg.scale * (1 if seg.compressed else f)))
            top = tops[-1].bottom
        return tuple(tops)

    lo, hi = 1.0, (pages * page_h - fixed) / free
    best = (axis, ranges)
    for _ in range(8):  # bisection for the largest scale at which the pages still suffice
        if hi - lo < 0.01:
            break
        f = (lo + hi) / 2
        bigger = scaled(f)
        found = _page_ranges(spans, session_spans, bigger, page_h)
        if len(found) <= pages:
            lo, best = f, (bigger, found)
        else:
            hi = f
    return best


QUIET = (Kind.BREAK, Kind.MEAL, Kind.POSTER)
COMPRESS_MINUTES = 30  # a quiet stretch shorter than this is drawn at scale


def _quiet_runs(talks: list[Talk], start: datetime, end: datetime) -> list[tuple[Span_, bool]]:
    """Stretches of the day that may be drawn shorter: at least ``COMPRESS_MINUTES`` long
    where nothing runs (False) or only the same breaks, meals or poster sessions for
    everyone run (True)."""
    points = sorted({start, end} | {t.start for t in talks} | {t.end for t in talks})
    runs: list[tuple[datetime, datetime, frozenset[str] | None]] = []
    for a, b in zip(points, points[1:]):
        # a zero-minute item runs from its time on: a squeezed stretch would draw its
        # marker line and title into the next item's cell
        running = [t for t in talks if t.start < b and t.end > a or t.start == t.end == a]
        if all(t.room is None and t.kind in QUIET for t in running):
            key: frozenset[str] | None = frozenset(t.id for t in running)
        else:
            key = None
        if runs and runs[-1][2] == key and runs[-1][1] == a:
            runs[-1] = (runs[-1][0], b, key)
        else:
            runs.append((a, b, key))
    return [((a, b), bool(key)) for a, b, key in runs
            if key is not None and _minutes(b - a) >= COMPRESS_MINUTES]


def _axis(start: datetime, end: datetime, scale: float,
          squeezed: list[tuple[Span_, float]] = ()) -> Axis:
    """The axis from ``start`` to ``end`` at ``scale``, with each of ``squeezed`` (a
    stretch and its height) drawn at that height instead."""
    segments: list[Segment] = []
    cursor, top = start, 0.0
    for (a, b), h in sorted(squeezed):
        if a > cursor:
            segments.append(Segment(cursor, a, top, scale))
            top = segments[-1].bottom
        segments.append(Segment(a, b, top, h / _minutes(b - a), compressed=True))
        top, cursor = segments[-1].bottom, b
    if cursor < end or not segments:
        segments.append(Segment(cursor, end, top, scale))
    return tuple(segments)


def fit_axis(talks: list[Talk], start: datetime, end: datetime, body_h: float,
             style: GridStyle) -> tuple[Axis, bool]:
    """The day's time axis and whether it fits ``body_h`` points. Tried in turn: the scale
    that fills the page, if every item keeps a line at it; that readable floor with long
    breaks, lunch and empty stretches compressed; and (not fitting) the floor with those
    stretches compressed, to be continued on further pages."""
    total = _minutes(end - start)
    positive = [_minutes(t.duration) for t in talks if t.duration > timedelta(0)]
    floor = style.shortest_cell / min(positive, default=30.0)
    # a one-page product (the handout) compresses too while its shortest item would get
    # less than two lines' height: the breaks give their room to the talks' type
    roomy = 2 * floor if style.one_page else floor
    if body_h / total >= roomy:
        return _axis(start, end, body_h / total), True
    quiet = _quiet_runs(talks, start, end)
    cell = style.shortest_cell + lines_height(1, style.line_size)  # a title with room to spare
    heights = [min(_minutes(b - a) * floor, cell if filled else style.shortest_cell * 0.6)
               for (a, b), filled in quiet]
    rest = total - sum(_minutes(b - a) for (a, b), _ in quiet)
    scale = (body_h - sum(heights)) / rest if rest > 0 else floor
    fits = scale >= floor or style.one_page
    squeezed = [(span, h) for (span, _), h in zip(quiet, heights)]
    return _axis(start, end, scale if fits else floor, squeezed), fits


def room_groups(columns: list, per_page: int, tight: int | None = None) -> list[list]:
    """``columns`` in as few groups of at most ``per_page`` as will do, of even sizes
    (6 rooms at 5 a page: 3 + 3, not 5 + 1). An odd number of groups (which cannot pair on
    facing pages) becomes one fewer when ``tight`` columns (slightly narrower) a page allow
    it: 12 rooms at 5 a page, 6 tight, make a spread of 6 + 6, not 4 + 4 + 4."""
    count = -(-len(columns) // per_page)
    if count > 1 and count % 2 and tight and -(-len(columns) // (count - 1)) <= tight:
        count -= 1
    base, extra = divmod(len(columns), count)
    groups, i = [], 0
    for g in range(count):
        n = base + (1 if g < extra else 0)
        groups.append(columns[i:i + n])
        i += n
    return groups


def _floor(when: datetime, minutes: int) -> datetime:
    base = when.replace(minute=0, second=0, microsecond=0)
    return base + timedelta(minutes=(when.minute // minutes) * minutes)


def _ceil(when: datetime, minutes: int) -> datetime:
    floor = _floor(when, minutes)
    return floor if floor == when else floor + timedelta(minutes=minutes)


def cell_texts(talk: Talk, style: GridStyle, room_name: str = "") -> list[list[Block]]:
    """Ways to set a cell, best first: time and title (bold) with speakers (optional) and room
    on lines of their own; all of it run together in one paragraph, for a one-line cell. The
    time always leads (after the track's tag, when ``style.tags`` names one), so a cell too
    small keeps it and shortens the title. A zero-minute item shows its one time."""
    when = time_label(talk.start, style.clock, style.zone) \
        if talk.end <= talk.start or style.start_only \
        else span_label(talk, style.clock, style.zone)
    time = Span(when + "  ", REGULAR, "muted")
    tag = dict(style.tags).get(talk.track or "")
    # the track's tag leads, bold, so that a grey print still tells the tracks apart
    lead = (Span(tag + "  ", BOLD), time) if tag else (time,)
    title = Span(talk.title, BOLD)
    extra = []
    if style.speakers and talk.speakers:
        extra.append(Span(", ".join(p.name for p in talk.speakers), REGULAR))
    if style.room_in_cell and room_name:
        extra.append(Span(room_name, REGULAR, "muted"))
    tail = [Block((span,), optional=True) for span in extra]
    ways = [[Block(lead + (title,))] + tail]
    if extra:
        ways.append([Block(lead + (title,) + tuple(
            x for span in extra for x in (Span(" · ", REGULAR, "muted"), span)))])
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
    """Lay out ``day`` as one or more grid pages of ``width`` x ``height`` points; a poster
    session is one cell with its count (:func:`program.layout.posters.poster_cells`).

    Pure, so results are remembered in this process: a rebuild (``--watch``) lays out
    again only the days that changed."""
    from program.language import Language
    from program.layout.posters import poster_cells

    day = poster_cells(day, Language(style.lang or "en", style.labels))
    return _layout_day(day, tuple(room_order), tuple(room_names.items()), width, height, style)


@lru_cache(maxsize=64)
def _layout_day(day: Day, room_order: tuple[str, ...], room_items: tuple[tuple[str, str], ...],
                width: float, height: float, style: GridStyle) -> DayGrid:
    room_names = dict(room_items)
    talks = sorted(day.talks(), key=lambda t: (t.start, t.end, t.id))
    columns = columns_of(day, room_order)
    if style.clock == "12h":  # the axis holds "12:30 pm" without running into the margin
        style = replace(style, axis_width=max(style.axis_width, text_width(
            "12:30 pm", REGULAR, style.axis_size) + 6))
    grid_w = width - style.axis_width
    per_page = len(columns) if style.one_page else \
        max(1, min(len(columns), int(grid_w // style.min_column_width)))
    groups = room_groups(columns, per_page, int(grid_w // (style.min_column_width * 0.85)))
    day_start = _floor(min(t.start for t in talks), 30)
    day_end = _ceil(max(max(t.end, t.start + timedelta(minutes=5)) for t in talks), 30)
    if columns == [None]:
        style = replace(style, header_height=0.0)
    labels = _header_labels(groups, room_names, grid_w, style)
    if labels:
        needed = max(label.height for label in labels.values()) + 2 * style.pad
        style = replace(style, header_height=max(style.header_height, needed))
    narrowest = min(grid_w / len(g) for g in groups) - 2 * (style.gap + style.pad)
    if text_width("00:00–00:00  ", REGULAR, style.line_size) > 0.45 * narrowest:
        style = replace(style, start_only=True)  # the span would leave no room for titles
    body_h = height - style.header_height
    axis, _ = fit_axis(talks, day_start, day_end, body_h, style)
    scale = min(seg.scale for seg in axis if not seg.compressed) if any(
        not seg.compressed for seg in axis) else axis[0].scale
    min_minutes = style.shortest_cell / scale
    spans = [(t.start, t.end) for t in talks]
    session_spans = [(x.start, x.end) for x in day.sessions()]
    ranges = [(day_start, day_end)] if style.one_page else \
        _page_ranges(spans, session_spans, axis, body_h)
    if len(ranges) > 1:  # as many pages as needed, and the time drawn as large as fills them
        axis, ranges = _stretched(axis, ranges, spans, session_spans, body_h)
        scale = min(seg.scale for seg in axis if not seg.compressed)
    colors = dict(style.colors)
    pages: list[GridPage] = []
    notes: dict[str, Abbreviation] = {
        f"room:{room}": Abbreviation(f"room:{room}", room_names.get(room, room), day_start,
                                     label.text().replace("\n", " "))
        for room, label in labels.items() if label.abbreviated}
    laid = []
    for g, group in enumerate(groups):
        placed = _place(talks, group, min_minutes)
        col_w = grid_w / len(group)
        cols = tuple(Column(room_names.get(c, c) if c else "", style.axis_width + i * col_w, col_w,
                            labels.get(c) if c else None)
                     for i, c in enumerate(group))
        laid.append((g, placed, cols))
    for start, end in ranges:  # a part of the day in every group, then the next part
        top = axis_y(axis, start)
        for g, placed, cols in laid:
            shown = [p for p in placed
                     if (p.talk.start < end and _visual_end(p.talk, min_minutes) > start)
                     or p.talk.start == end == day_end]
            made = [_cell(p, start, end, top, cols, axis, min_minutes, style, colors,
                          room_names) for p in shown]
            # one size on the page: the cells that could be larger are set at the smallest
            size = min((c.text.size for c, _ in made if c.text.lines), default=style.max_size)
            if any(c.text.size > size for c, _ in made):
                # (a cell set at ``size`` or below comes out the same from ``size`` down:
                # only the larger ones are set again)
                even = replace(style, max_size=size)
                made = [_cell(p, start, end, top, cols, axis, min_minutes, even, colors,
                              room_names) if m[0].text.size > size else m
                        for p, m in zip(shown, made)]
            cells = []
            for cell, note in made:
                cells.append(cell)
                if note:
                    notes.setdefault(cell.talk_id, note)
            breaks = tuple(AxisBreak(style.header_height + seg.top - top,
                                     seg.bottom - seg.top, round(_minutes(seg.end - seg.start)))
                           for seg in axis if seg.compressed and start <= seg.start < end)
            pages.append(GridPage(
                width=width, height=style.header_height + axis_y(axis, end) - top,
                start=start, end=end, columns=cols, cells=tuple(cells),
                ticks=_ticks(start, end, axis, style), axis_width=style.axis_width,
                header_height=style.header_height, pad=style.pad, breaks=breaks,
                group=g + 1, groups=len(groups)))
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


def _cell(p: _Placed, start: datetime, end: datetime, top_y: float, cols: tuple[Column, ...],
          axis: Axis, min_minutes: float, style: GridStyle, colors: dict[str, str],
          room_names: dict[str, str]) -> tuple[Cell, Abbreviation | None]:
    talk = p.talk
    top = max(talk.start, start)
    y = style.header_height + axis_y(axis, top) - top_y
    marker = talk.end <= talk.start
    if marker:  # one line tall, from its time down
        h = style.shortest_cell
    else:
        bottom = min(_visual_end(talk, min_minutes), end)
        h = max(axis_y(axis, bottom) - axis_y(axis, top), 1.0)
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
                     style.min_size, style.lang)
    cell = Cell(talk.id, talk.title, x + g, y + g, w - 2 * g, h - 2 * g, fill, text_on(fill), text,
                continued_above=talk.start < start, continued_below=talk.end > end, marker=marker,
                overlapping=p.overlapping)
    note = Abbreviation(talk.id, talk.title, talk.start, text.text()) if text.abbreviated else None
    return cell, note


@lru_cache(maxsize=16384)
def _fit_cell(texts: tuple[tuple[Block, ...], ...], width: float, height: float,
              max_size: float, min_size: float, lang: str = "") -> Fitted:
    """``fit_best`` of a cell's texts, remembered: in a rebuild (``--watch``) only the cells
    whose text or size changed are fitted again."""
    return fit_best([list(blocks) for blocks in texts], width, height, max_size, min_size,
                    lang=lang)


def _ticks(start: datetime, end: datetime, axis: Axis, style: GridStyle) -> tuple[Tick, ...]:
    """Hour labels (and half hours when there is room) between ``start`` and ``end``, on
    the stretches drawn at scale, and at both ends of a compressed stretch. In 12-hour mode
    the first label and the first after noon carry am/pm."""
    top = axis_y(axis, start)
    times: list[datetime] = []
    for seg in axis:
        a, b = max(seg.start, start), min(seg.end, end)
        if a > b or (a == b and seg.end != end):
            continue
        if seg.compressed:
            times += [a, b]
            continue
        step = 30 if seg.scale * 30 >= style.axis_size * 2.5 else 60
        t = _ceil(a, step)
        while t <= b:
            times.append(t)
            t += timedelta(minutes=step)
    ticks: list[Tick] = []
    last_y = -1e9
    for t in sorted(set(times)):
        y = style.header_height + axis_y(axis, t) - top
        if y - last_y < style.axis_size * 1.1:  # labels never overprint
            continue
        suffix = not ticks or (t.hour >= 12 and ticks[-1].when.hour < 12)
        ticks.append(Tick(y, hour_label(t, style.clock, suffix, style.periods), t.minute == 0, t))
        last_y = y
    return tuple(ticks)
