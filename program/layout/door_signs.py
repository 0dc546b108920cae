"""Door signs as pages of frames: one landscape page per room per day, the room's name
readable from across a corridor. Pure: measured with font metrics, no canvas.

``door_sign_pages(schedule, paper, clock, want_qr, version) -> (pages, warnings)``. Each
page: the room's name at ``ROOM_SIZE`` (64 pt: a 16 mm cap height in Noto Sans; upright,
near-black on white), the day and date, then each item: start–end, title, speakers, and the
track as text beside a bar of its colour, with a rule and room between items so "now" and
"next" are found at a glance. Items for everyone (no room) are on every room's sign, in
grey. To keep the day on one page, each type size from ``MAX_SIZE`` down to ``MIN_SIZE`` is
tried in one, two and three columns (a busy room, or a one-room event); past that, the
day continues on another page, broken only between sessions. A footer names the
schedule's version and carries a QR code to the online programme.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from program.checks import safe_url
from program.fonts import BOLD, REGULAR
from program.fonts import width as text_width
from program.layout.frames import (Box, Item, Link, Meta, Page, Role, Rule, fitted_lines,
                                   inks, qr_item, qr_side, text_line)
from program.layout.grid import span_label
from program.layout.labels import day_label
from program.layout.palette import MUTED, RULE, TEXT, fill_for
from program.layout.paper import landscape, mm, sheet_for
from program.layout.textfit import Block, Fitted, Span, clip, fit, fit_uncut
from program.model import Day, Schedule, Session, Talk

ROOM_SIZE = 64.0  # Noto Sans caps are 0.714 em: 64 pt gives a 16.1 mm cap height
MARGIN = 10 * mm  # inside every office printer's unprintable edge
MAX_SIZE, MIN_SIZE = 20.0, 10.0  # 10 pt: read standing at the door
FOOTER = 22 * mm
QR_MIN_SIDE, QR_MODULE = 18 * mm, 0.5 * mm
BAR = 2.5 * mm  # the track colour bar left of an item
ONLINE = "Full programme online"
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


def _rows(entries: list, room: str | None, schedule: Schedule, width: float, size: float,
          clock: str) -> list[_Row]:
    """The rows of a sign: each entry, then the talks of a session held in ``room``. A
    session whose talks share one track names it once, on its own row; a talk's speakers
    and track are one line (clipped), so a busy day stays on its page."""
    colours = dict(schedule.theme.colors)
    rows: list[_Row] = []
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
            chair = "Chair: " + ", ".join(p.name for p in entry.chairs) if entry.chairs else ""
            line = " · ".join(x for x in (chair, shared or "") if x)
            if line:
                blocks.append(Block((Span(clip(line, REGULAR, size, width), REGULAR,
                                          "muted"),)))
        first = talks[0] if talks else entry
        colour = fill_for(first, colours) if isinstance(first, Talk) else RULE
        rows.append(_Row(span_label(entry, clock),
                         _tight(fit(blocks, width, 10_000, size, size)), colour, everyone, group))
        small = size * 0.9
        for talk in talks:
            tblocks = [Block((Span(talk.title, REGULAR),))] + \
                _details(talk, width - 6 * mm, small, shared is None)
            rows.append(_Row(span_label(talk, clock),
                             _tight(fit(tblocks, width - 6 * mm, 10_000, small, small)),
                             fill_for(talk, colours), everyone, group))
    return rows


def _details(talk: Talk, width: float, size: float, track: bool = True) -> list[Block]:
    """A talk's speakers and (unless its session names it) its track, the track named as
    text, not by colour alone: one line, clipped to ``width``."""
    names = ", ".join(p.name for p in talk.speakers)
    extra = " · ".join(x for x in (names, talk.track if track else None) if x)
    return [Block((Span(clip(extra, REGULAR, size, width), REGULAR, "muted"),))] if extra \
        else []


def _tight(fitted: Fitted) -> Fitted:
    """``fitted`` at the items' tighter leading."""
    return replace(fitted, leading=fitted.size * ITEM_LEADING)


def _gap(size: float, between_groups: bool = True) -> float:
    """Room below an item: between sessions enough for a rule in the middle (where "now"
    ends and "next" begins), between the talks of one session only a little."""
    return size * (0.9 if between_groups else 0.3)


def door_sign_pages(schedule: Schedule, paper: str, clock: str, want_qr: bool,
                    version: str | None) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """Every room's sign for every day, and warnings (a room name set smaller than
    ``ROOM_SIZE`` to fit, a day that needs more than one page)."""
    size_wh = landscape(sheet_for(paper))
    w, h = size_wh
    url = schedule.event.url if want_qr and schedule.event.url and \
        safe_url(schedule.event.url) else None
    pages: list[Page] = []
    warnings: list[str] = []
    src = schedule.source or "schedule"
    for room_name, day, entries in _signs(schedule):
        room_id = next((r.id for r in schedule.rooms if r.name == room_name), None)
        label = day_label(schedule, day)
        where = f"{src}: warning: door sign {room_name!r} {day_label(schedule, day, True)}"
        name_fit = fit_uncut(room_name, BOLD, w - 2 * MARGIN, 2 * ROOM_SIZE * 1.2,
                             ROOM_SIZE, ROOM_SIZE)
        if name_fit.size < ROOM_SIZE:
            warnings.append(f"{where}: the room name is set at {name_fit.size:.0f} pt to fit")
        head = name_fit.height + NAME_GAP + 10 * mm
        body = h - 2 * MARGIN - head - FOOTER
        chosen = None
        for size in _sizes():
            for ncols in (1, 2, 3):  # a busy room (or a one-room event) in three columns
                col_w = (w - 2 * MARGIN - (ncols - 1) * COLUMN_GAP) / ncols
                time_w = text_width("00:00–00:00", BOLD, size) + 4 * mm
                rows = _rows(entries, room_id, schedule, col_w - time_w - BAR, size, clock)
                parts = _paginate(rows, size, body, ncols)
                chosen = (size, col_w, time_w, parts)
                if len(parts) == 1:
                    break
            if len(chosen[3]) == 1:
                break
        size, col_w, time_w, parts = chosen
        if len(parts) > 1:
            warnings.append(f"{where}: the day needs {len(parts)} pages")
        for n, part in enumerate(parts):
            more = f" ({n + 1}/{len(parts)})" if len(parts) > 1 else ""
            items = _page(room_name, name_fit, label + more, part, size, time_w, col_w,
                          size_wh, url, version, schedule)
            pages.append(Page(size_wh, tuple(items)))
    return tuple(pages), tuple(warnings)


def _sizes() -> list[float]:
    return [MAX_SIZE - step * 0.5 for step in range(int((MAX_SIZE - MIN_SIZE) * 2) + 1)]


def _height(rows: list[_Row], size: float) -> float:
    return sum(r.height for r in rows) + sum(_gap(size, a.group != b.group)
                                             for a, b in zip(rows, rows[1:]))


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
    for group in groups:
        placed = _flow(pages[-1], group, size, body, ncols)
        if placed is None and pages[-1] != [[]]:
            pages.append([[]])
            placed = _flow(pages[-1], group, size, body, ncols)
        if placed is not None:
            pages[-1] = placed
            continue
        for row in group:  # longer than a page: break between its talks, nowhere else
            column = pages[-1][-1]
            if column and _height(column + [row], size) > body:
                if len(pages[-1]) < ncols:
                    pages[-1].append([])
                else:
                    pages.append([[]])
            pages[-1][-1].append(row)
    return pages


def _flow(page: list[list[_Row]], group: list[_Row], size: float, body: float,
          ncols: int) -> list[list[_Row]] | None:
    """``page`` (its columns) with ``group`` added, running on into further columns as
    needed, or None when the group does not fit in the columns left."""
    columns = [list(c) for c in page]
    for row in group:
        if columns[-1] and _height(columns[-1] + [row], size) > body:
            if len(columns) == ncols:
                return None
            columns.append([])
        columns[-1].append(row)
    return columns


def _page(room: str, name_fit: Fitted, label: str, columns: list[list[_Row]], size: float,
          time_w: float, col_w: float, page_size: tuple[float, float], url: str | None,
          version: str | None, schedule: Schedule) -> list[Item]:
    w, h = page_size
    top = h - MARGIN
    out: list[Item] = fitted_lines(name_fit, MARGIN, top, inks(), role=Role.HEADING)
    top -= name_fit.height + NAME_GAP
    out.append(text_line(label, MARGIN, top - 16, BOLD, 18, TEXT, role=Role.HEADING))
    top -= 10 * mm
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
            out += fitted_lines(row.text, left + BAR + time_w, top, {**inks(), "text": ink},
                                role=Role.TABLE_CELL)
            top -= row.height
            if i + 1 < len(rows):
                between = rows[i + 1].group != row.group
                mid = top - _gap(size, between) / 2
                if between:
                    out.append(Rule(left, mid, right, mid, RULE, 0.5))
                top -= _gap(size, between)
    # footer: version at the left, QR code to the programme at the right
    base = MARGIN
    parts = [schedule.event.title] + ([room] if room != schedule.event.title else [])
    note = " · ".join(parts + ([f"schedule as of {version}"] if version else []))
    side = qr_side(url, QR_MIN_SIDE, QR_MODULE) if url else 0.0
    x = w - MARGIN - side
    limit = (x - 3 * mm - text_width(ONLINE, REGULAR, 10) - 8 * mm if url else w - MARGIN) - MARGIN
    out.append(text_line(clip(note, REGULAR, 10, limit), MARGIN, base + 2, REGULAR, 10, MUTED))
    if url:
        out.append(qr_item(url, x, base, QR_MIN_SIDE, QR_MODULE))
        out.append(Link((x, base, x + side, base + side), url=url))
        out.append(text_line(ONLINE, x - 3 * mm, base + 2, REGULAR, 10, MUTED,
                             "right"))
    return out
