"""Door signs as pages of frames: one landscape page per room per day, the room's name
readable from across a corridor. Pure: measured with font metrics, no canvas.

``door_sign_pages(schedule, paper, clock, want_qr, version) -> (pages, warnings)``. Each
page: the room's name at ``ROOM_SIZE`` (64 pt: a 16 mm cap height in Noto Sans; upright,
near-black on white), the day and date, then each item: start–end, title, speakers, and the
track as text beside a bar of its colour, with a rule and room between items so "now" and
"next" are found at a glance. Items for everyone (no room) are on every room's sign, in
grey. To keep the day on one page, the least dense setting of a session's talks
(``DENSITIES``: all, without speakers, titles cut to two lines, to one) that holds it at
``MIN_SIZE`` (the floor for every word) in up to three columns is chosen, then the largest
size that still holds it, by bisection (a sign is set about a dozen times, not once per
size and column count); past that, the day continues on another page with nothing left
out, broken only between sessions. A QR code to the online programme stands at the top right
beside the room's name (with the day under it when the name leaves room), a one-line footer
names the schedule's version: the columns get the rest of the page. A condensed talk's row
shows only its start (its session's row the span), so its title gets that width.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from program.checks import safe_url
from program.fonts import BOLD, REGULAR
from program.fonts import width as text_width
from program.language import language_of
from program.layout.frames import (Box, Item, Link, Meta, Page, Role, Rule, fitted_lines,
                                   inks, qr_item, qr_side, text_line)
from program.layout.grid import span_label, time_label
from program.layout.labels import day_label
from program.layout.palette import MUTED, RULE, TEXT, fill_for
from program.layout.paper import landscape, mm, sheet_for
from program.layout.textfit import (ASCENT, Block, Fitted, Span, clip, fit, fit_uncut,
                                    lines_height)
from program.model import Day, Schedule, Session, Talk

ROOM_SIZE = 64.0  # Noto Sans caps are 0.714 em: 64 pt gives a 16.1 mm cap height
MARGIN = 10 * mm  # inside every office printer's unprintable edge
#: the items' sizes: ``MIN_SIZE`` is the floor for every word on a sign, read at 1–2 m
MAX_SIZE, MIN_SIZE = 20.0, 11.0
SIZE_STEP = 0.5
MAX_COLUMNS = 3
#: how much a session's talks leave out to keep a busy day on one page, least first: 0 all
#: (title, speakers); 1 no speakers (the session's row names its chairs); 2 and 3 also
#: each title cut to two lines, to one (``TITLE_LINES``), and set at ``MIN_SIZE`` only: a
#: larger size would cut more of it
DENSITIES = (0, 1, 2, 3)
TITLE_LINES = {2: 2, 3: 1}
INDENT = 6 * mm  # a session's talks, under its row
#: the footer: one line of the floor's size (the QR code is beside the room name)
FOOTER = 7 * mm
QR_MIN_SIDE, QR_MODULE = 18 * mm, 0.5 * mm
BAR = 2.5 * mm  # the track colour bar left of an item
COLUMN_GAP = 10 * mm
#: between the room name and the date: text extractors (pypdf) take a smaller step down
#: after a line this large for the same line
NAME_GAP = 7 * mm
#: baseline to baseline in an item: tighter than running text, the lines are short
ITEM_LEADING = 1.08


@dataclass(frozen=True)
class _Row:
    """One item of a sign: its time, text lines, colour, and whether it starts a group
    that must not be broken across pages (a session and its talks are one group)."""

    time: str
    text: Fitted
    colour: str
    everyone: bool
    group: int
    #: from the time's left to the text's: a condensed talk's row shows only its start,
    #: so its title has the room an end time would take
    time_w: float
    #: a talk set without speakers: one or two lines, packed closer to the next
    condensed: bool = False

    @property
    def height(self) -> float:
        return self.text.height


def door_sign_meta(schedule: Schedule) -> Meta:
    """The door signs' document information."""
    ev = schedule.event
    return Meta(f"{ev.title} — door signs", ", ".join(ev.organizers) or ev.title,
                "Room programmes", ev.language)


def _signs(schedule: Schedule) -> list[tuple[str, Day, list]]:
    """(room name, day, entries) for each room that has something on each day; a schedule
    without rooms (one room, unnamed) has one sign per day, headed by the event's title."""
    out = []
    for day in schedule.days:
        if not schedule.rooms:
            out.append((schedule.event.title, day, list(day.entries)))
            continue
        for room in schedule.rooms:
            mine = [e for e in day.entries if e.room == room.id or
                    (isinstance(e, Session) and any(t.room == room.id for t in e.items))]
            if not mine:
                continue
            shared = [e for e in day.entries if e.room is None and e not in mine]
            out.append((room.name, day, sorted(mine + shared, key=lambda e: e.start)))
    return out


def _rows(entries: list, room: str | None, schedule: Schedule, col_w: float, size: float,
          clock: str, density: int = 0) -> list[_Row]:
    """The rows of a sign in columns ``col_w`` wide: each entry (start–end), then the
    talks of a session held in ``room``. A session whose talks share one track names it
    once, on its own row, with its chairs; a talk's speakers and track are one line
    (clipped). ``density`` (see ``DENSITIES``) says how much a session's talks leave out so
    that a busy day stays on its page; a condensed talk (``density`` > 0) shows only its
    start, its session's row its span."""
    colours = dict(schedule.theme.colors)
    lang = language_of(schedule)
    rows: list[_Row] = []
    small = max(MIN_SIZE, size * 0.9)
    span_w = _time_width("00:00–00:00", size)
    start_w = _time_width(time_label(datetime(2000, 1, 1, 12, 59), clock), small) \
        if density else span_w
    width = col_w - span_w - BAR
    for group, entry in enumerate(entries):
        everyone = entry.room is None and bool(schedule.rooms)
        talks = [t for t in (entry.items if isinstance(entry, Session) else ())
                 if room is None or t.room in (None, room)]
        tracks = {t.track for t in talks}
        shared = tracks.pop() if len(tracks) == 1 and talks else None
        blocks = [Block((Span(entry.title, BOLD, "muted" if everyone else "text"),))]
        if isinstance(entry, Talk):
            blocks += _details(entry, width, size)
        else:
            chair = (lang.plural("Chair", "Chairs", len(entry.chairs)) + ": " +
                     ", ".join(p.name for p in entry.chairs)) if entry.chairs else ""
            line = " · ".join(x for x in (chair, shared or "") if x)
            if line:
                blocks.append(Block((Span(clip(line, REGULAR, size, width), REGULAR,
                                          "muted"),)))
        first = talks[0] if talks else entry
        colour = fill_for(first, colours) if isinstance(first, Talk) else RULE
        rows.append(_Row(span_label(entry, clock),
                         _tight(fit(blocks, width, 10_000, size, size)), colour, everyone, group,
                         span_w))
        inner = col_w - start_w - BAR - (0.0 if density else INDENT)
        room_for = lines_height(TITLE_LINES[density], small) if density in TITLE_LINES \
            else 10_000  # the lines a title keeps (the last ends in "…")
        for talk in talks:
            tblocks = [Block((Span(talk.title, REGULAR),))] + \
                _details(talk, inner, small, shared is None, density == 0)
            rows.append(_Row(time_label(talk.start, clock) if density else
                             span_label(talk, clock),
                             _tight(fit(tblocks, inner, room_for, small, small)),
                             fill_for(talk, colours), everyone, group, start_w,
                             density > 0))
    return rows


def _time_width(label: str, size: float) -> float:
    """The time column for times as wide as ``label``, with room before the text."""
    return text_width(label, BOLD, size) + 4 * mm


def _details(talk: Talk, width: float, size: float, track: bool = True,
             speakers: bool = True) -> list[Block]:
    """A talk's speakers and (unless its session names it) its track, the track named as
    text, not by colour alone: one line, clipped to ``width``."""
    names = ", ".join(p.name for p in talk.speakers) if speakers else None
    extra = " · ".join(x for x in (names, talk.track if track else None) if x)
    return [Block((Span(clip(extra, REGULAR, size, width), REGULAR, "muted"),))] if extra \
        else []


def _tight(fitted: Fitted) -> Fitted:
    """``fitted`` at the items' tighter leading."""
    return replace(fitted, leading=fitted.size * ITEM_LEADING)


def _gap(size: float, between_groups: bool = True, condensed: bool = False) -> float:
    """Room below an item: between sessions enough for a rule in the middle (where "now"
    ends and "next" begins), between the talks of one session only a little, less above
    a condensed talk (its colour bar still apart from the one above)."""
    return size * (0.9 if between_groups else 0.2 if condensed else 0.3)


@dataclass(frozen=True)
class _Sign:
    """What one room-day's sign is set with: the items' size, its columns' width, and
    its pages, each a list of columns of rows."""

    size: float
    col_w: float
    parts: list[list[list[_Row]]]


def _fitted_sign(entries: list, room: str | None, schedule: Schedule, clock: str,
                 width: float, body: float) -> _Sign:
    """The sign of ``entries`` in a body ``width`` x ``body`` points. The least dense
    setting (``DENSITIES``) that holds the day on one page at ``MIN_SIZE`` in the most
    columns wins; within it the largest size that still holds it, found by bisection (a
    smaller size never needs more room), in the fewest columns at that size. When no
    setting holds the day on one page, it takes more pages with nothing left out, at
    ``MIN_SIZE`` in the most columns."""
    tried: dict[tuple[int, float, int], _Sign] = {}

    def sign(density: int, size: float, ncols: int) -> _Sign:
        key = (density, size, ncols)
        if key not in tried:
            col_w = (width - (ncols - 1) * COLUMN_GAP) / ncols
            rows = _rows(entries, room, schedule, col_w, size, clock, density)
            tried[key] = _Sign(size, col_w, _paginate(rows, size, body, ncols))
        return tried[key]

    sizes = [MIN_SIZE + step * SIZE_STEP
             for step in range(int((MAX_SIZE - MIN_SIZE) / SIZE_STEP) + 1)]
    for density in DENSITIES:
        best: _Sign | None = None
        for ncols in range(MAX_COLUMNS, 0, -1):  # fewer columns only at a larger size
            above = [s for s in sizes if best is None or s >= best.size]
            above = above[:1] if density in TITLE_LINES else above
            size = _largest(above, lambda s: len(sign(density, s, ncols).parts) == 1)
            if size is None:
                break  # fewer columns hold even less
            best = sign(density, size, ncols)
        if best is not None:
            return best
    return sign(DENSITIES[0], MIN_SIZE, MAX_COLUMNS)  # pages anyway: leave nothing out


def _largest(sizes: list[float], fits) -> float | None:
    """The largest of ``sizes`` (ascending) for which ``fits(size)`` is true, by bisection
    (if a size fits, every smaller one does), or None when not even the smallest fits."""
    if not sizes or not fits(sizes[0]):
        return None
    lo, hi = 0, len(sizes) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(sizes[mid]):
            lo = mid
        else:
            hi = mid - 1
    return sizes[lo]


def door_sign_pages(schedule: Schedule, paper: str, clock: str, want_qr: bool,
                    version: datetime | str | None) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """Every room's sign for every day, and warnings (a room name set smaller than
    ``ROOM_SIZE`` to fit, a day that needs more than one page). ``version``: when the
    schedule was last changed (aware; printed in the event's language, time zone and
    ``clock``), or its own words for its version."""
    lang = language_of(schedule)
    if isinstance(version, datetime):
        version = lang.moment(version, clock, schedule.event.timezone)
    size_wh = landscape(sheet_for(paper))
    w, h = size_wh
    url = schedule.event.url if want_qr and schedule.event.url and \
        safe_url(schedule.event.url) else None
    side = qr_side(url, QR_MIN_SIDE, QR_MODULE) if url else 0.0
    online = text_width(lang.text("Programme online"), REGULAR, MIN_SIZE)
    pages: list[Page] = []
    warnings: list[str] = []
    src = schedule.source or "schedule"
    for room_name, day, entries in _signs(schedule):
        room_id = next((r.id for r in schedule.rooms if r.name == room_name), None)
        label = day_label(schedule, day)
        where = f"{src}: warning: door sign {room_name!r} {day_label(schedule, day, True)}"
        head = _head(room_name, label, w, side, online)
        sign = _fitted_sign(entries, room_id, schedule, clock, w - 2 * MARGIN,
                            h - 2 * MARGIN - head.height - FOOTER)
        if len(sign.parts) > 1:  # "(1/2)" after the day: it may no longer fit beside
            head = _head(room_name, label + f" ({len(sign.parts)}/{len(sign.parts)})", w,
                         side, online)
            sign = _fitted_sign(entries, room_id, schedule, clock, w - 2 * MARGIN,
                                h - 2 * MARGIN - head.height - FOOTER)
        if head.name.size < ROOM_SIZE:
            warnings.append(f"{where}: the room name is set at {head.name.size:.0f} pt to fit")
        parts = sign.parts
        if len(parts) > 1:
            warnings.append(f"{where}: the day needs {len(parts)} pages")
        for n, part in enumerate(parts):
            more = f" ({n + 1}/{len(parts)})" if len(parts) > 1 else ""
            items = _page(head, label + more, part, sign.size, sign.col_w, size_wh, url,
                          version, schedule, room_name)
            pages.append(Page(size_wh, tuple(items)))
    return tuple(pages), tuple(warnings)


def _add(height: float, column: list[_Row], row: _Row, size: float) -> float:
    """The height of ``column`` (``height`` tall) with ``row`` added below it."""
    if not column:
        return row.height
    return height + _gap(size, column[-1].group != row.group, row.condensed) + row.height


def _paginate(rows: list[_Row], size: float, body: float,
              ncols: int) -> list[list[list[_Row]]]:
    """Rows in pages of ``ncols`` columns of at most ``body`` height. A session and its
    talks (a group) may run on from one column into the next of the same page, but a page
    breaks only between groups: a group that does not fit in what is left of a page starts
    the next one. Only a group longer than a whole page is broken across pages."""
    groups: list[list[_Row]] = []
    for row in rows:
        if groups and groups[-1][0].group == row.group:
            groups[-1].append(row)
        else:
            groups.append([row])
    pages: list[list[list[_Row]]] = [[[]]]
    tall = 0.0  # the height of the last page's last column
    for group in groups:
        placed = _flow(pages[-1], tall, group, size, body, ncols)
        if placed is None and pages[-1] != [[]]:
            pages.append([[]])
            placed = _flow(pages[-1], 0.0, group, size, body, ncols)
        if placed is not None:
            pages[-1], tall = placed
            continue
        for row in group:  # longer than a page: break between its talks, nowhere else
            column = pages[-1][-1]
            if column and _add(tall, column, row, size) > body:
                if len(pages[-1]) < ncols:
                    pages[-1].append([])
                else:
                    pages.append([[]])
                column, tall = pages[-1][-1], 0.0
            tall = _add(tall, column, row, size)
            column.append(row)
    return pages


def _flow(page: list[list[_Row]], tall: float, group: list[_Row], size: float, body: float,
          ncols: int) -> tuple[list[list[_Row]], float] | None:
    """``page`` (its columns, the last ``tall`` high) with ``group`` added, running on into
    further columns as needed, and the height of its last column; or None when the group
    does not fit in the columns left."""
    columns = [list(c) for c in page]
    for row in group:
        if columns[-1] and _add(tall, columns[-1], row, size) > body:
            if len(columns) == ncols:
                return None
            columns.append([])
            tall = 0.0
        tall = _add(tall, columns[-1], row, size)
        columns[-1].append(row)
    return columns, tall


@dataclass(frozen=True)
class _Head:
    """A sign's heading: the room's name, where the day's baseline is below the top
    margin and whether it is right-aligned beside the name (else left, under it), and the
    height from the top margin to the rule under it."""

    name: Fitted
    day_drop: float
    beside: bool
    height: float


DAY_SIZE = 18.0


def _head(room: str, label: str, w: float, side: float, online: float) -> _Head:
    """The heading of a sign ``w`` wide for ``room`` on the day ``label``, with a QR code
    ``side`` high (0: none) at the top right and ``online`` (the width of the words
    beside it) at its foot. The day goes at the right under the QR code when the name
    still takes one line at ``ROOM_SIZE`` beside them: the columns get the height a line
    of its own would take; else the day goes under the name."""
    right = max(text_width(label, BOLD, DAY_SIZE), side + 3 * mm + online if side else 0.0)
    name = fit_uncut(room, BOLD, w - 2 * MARGIN - right - COLUMN_GAP, ROOM_SIZE * 1.2,
                     ROOM_SIZE, ROOM_SIZE, 1)
    if name.size >= ROOM_SIZE and len(name.lines) == 1:
        drop = max(ASCENT * ROOM_SIZE, side + 2 * mm + ASCENT * DAY_SIZE if side else 0.0)
        return _Head(name, drop, True, max(name.height, drop + 0.3 * DAY_SIZE) + 3 * mm)
    name = fit_uncut(room, BOLD, w - 2 * MARGIN - (side + COLUMN_GAP if side else 0.0),
                     2 * ROOM_SIZE * 1.2, ROOM_SIZE, ROOM_SIZE)
    drop = max(name.height + NAME_GAP, side + 1.5 * MIN_SIZE if side else 0.0)
    return _Head(name, drop + 16, False, drop + 10 * mm)


def _page(head: _Head, label: str, columns: list[list[_Row]], size: float, col_w: float,
          page_size: tuple[float, float], url: str | None, version: str | None,
          schedule: Schedule, room: str) -> list[Item]:
    """One page of a sign: the room's name with the QR code to the programme beside it
    (top right, so that the columns run down to a one-line footer), the day, the
    ``columns`` of rows, and the footer naming the event and the version."""
    w, h = page_size
    top = h - MARGIN
    lang = language_of(schedule)
    out: list[Item] = fitted_lines(head.name, MARGIN, top, inks(), role=Role.HEADING)
    # the day before the words by the QR code: text extractors then read both lines in
    # reading order when they share a baseline
    out.append(text_line(label, w - MARGIN if head.beside else MARGIN, top - head.day_drop,
                         BOLD, DAY_SIZE, TEXT, "right" if head.beside else "left",
                         role=Role.HEADING))
    if url:
        side = qr_side(url, QR_MIN_SIDE, QR_MODULE)
        x = w - MARGIN - side
        out.append(qr_item(url, x, top - side, QR_MIN_SIDE, QR_MODULE))
        out.append(Link((x, top - side, w - MARGIN, top), url=url))
        online = lang.text("Programme online")
        out.append(text_line(online, x - 3 * mm, top - side + 2, REGULAR, MIN_SIZE, MUTED,
                             "right") if head.beside else
                   text_line(online, w - MARGIN, top - head.day_drop, REGULAR, MIN_SIZE,
                             MUTED, "right"))
    top -= head.height
    out.append(Rule(MARGIN, top, w - MARGIN, top, TEXT, 1.2))
    start = top - _gap(size) / 2 - 2
    for c, rows in enumerate(columns):
        left = MARGIN + c * (col_w + COLUMN_GAP)
        right = left + col_w
        top = start
        for i, row in enumerate(rows):
            ink = MUTED if row.everyone else TEXT
            out.append(Box(left, top - row.height, BAR, row.height, fill=row.colour))
            out.append(text_line(row.time, left + BAR + 2 * mm, top - 0.8 * row.text.size,
                                 BOLD, row.text.size, ink, role=Role.TABLE_CELL))
            out += fitted_lines(row.text, left + BAR + row.time_w, top, {**inks(), "text": ink},
                                role=Role.TABLE_CELL)
            top -= row.height
            if i + 1 < len(rows):
                between = rows[i + 1].group != row.group
                gap = _gap(size, between, rows[i + 1].condensed)
                if between:
                    out.append(Rule(left, top - gap / 2, right, top - gap / 2, RULE, 0.5))
                top -= gap
    # footer: the event, room and version, at the floor's size (no word on a sign below it)
    parts = [schedule.event.title] + ([room] if room != schedule.event.title else [])
    note = " · ".join(parts + ([lang.text("schedule as of {when}", when=version)]
                               if version else []))
    out.append(text_line(clip(note, REGULAR, MIN_SIZE, w - 2 * MARGIN), MARGIN, MARGIN + 2,
                         REGULAR, MIN_SIZE, MUTED))
    return out
