"""The handout as pages of frames: each day on one page (A4 or Letter, portrait or
landscape, whichever fits better): the booklet's grid at a larger scale under the event
title, date and venue, with a QR code to the online programme.

``handout_pages(schedule, paper, clock, qr) -> (pages, warnings)``; render draws them
(:func:`program.render.frames.render`). Pure: measured with font metrics, no canvas.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from program.checks import safe_url
from program.fonts import BOLD, ITALIC, REGULAR
from program.fonts import width as text_width
from program.layout.frames import (Item, Link, Meta, Page, Role, mirrored, qr_item, qr_side,
                                   text_line)
from program.layout.grid import (DayGrid, GridStyle, columns_of, fold_sessions, layout_day,
                                 folded_summary, room_groups, summary)
from program.layout.grid_frames import grid_items, legend_items, legend_rows
from program.language import language_of
from program.layout.labels import day_heading, day_label
from program.layout.palette import ACCENT, MUTED, legend, schedule_tags
from program.layout.paper import landscape, mm, sheet_for
from program.layout.textfit import clip
from program.model import Day, Schedule, Session

MIN_SIZE = 7.0
MARGIN = 12 * mm
HEADER = 22 * mm
LEGEND_SIZE = 7.0
NOTE_SIZE = 8.0
QR_MIN_SIDE, QR_MODULE = 18 * mm, 0.45 * mm


def handout_style(clock: str, colors: tuple[tuple[str, str], ...], lang: str = "",
                  zone: str | None = None,
                  periods: tuple[str, str] = ("am", "pm"),
                  labels: tuple[tuple[str, str], ...] = (),
                  tags: tuple[tuple[str, str], ...] = ()) -> GridStyle:
    """The grid style of a handout: one page, text between 7 and 10 pt; ``periods``: the
    language's am and pm; ``labels``: the organizer's words (``theme.labels``); ``tags``:
    the tracks' grayscale tags (:func:`~program.layout.palette.schedule_tags`)."""
    return GridStyle(one_page=True, clock=clock, zone=zone, colors=colors, lang=lang,
                     periods=periods, labels=labels, tags=tags,
                     max_size=10.0, min_size=MIN_SIZE,
                     line_size=MIN_SIZE, pad=1.0, gap=0.75, axis_width=30.0, header_height=16.0,
                     header_size=9.0, axis_size=7.0, room_in_cell=False)


@dataclass(frozen=True)
class HandoutLayout:
    """A day's handout page: its size, its grid, and the sessions shown folded."""

    size: tuple[float, float]
    grid: DayGrid
    folded: tuple[str, ...] = ()


def _empty_cells(grid: DayGrid) -> set[str]:
    return {a.talk_id for a in grid.abbreviations if not a.shown}


def best_layout(day: Day, schedule: Schedule, sheet: tuple[float, float],
                style: GridStyle) -> HandoutLayout:
    """Lay the day out portrait and landscape. Sessions with a talk too short for one line
    of text are folded into one cell. Keep the layout with the fewest empty cells, then the
    fewest talks hidden or abbreviated, then the fewest words cut, the fewest speakers
    dropped, the larger smallest font size, and portrait."""
    rooms = [r.id for r in schedule.rooms]
    names = {r.id: r.name for r in schedule.rooms}
    items = legend(list(day.talks()), dict(schedule.theme.colors), language_of(schedule),
                   dict(style.tags))
    best = None
    for size in (sheet, landscape(sheet)):
        w, h = size
        key = len(legend_rows(items, w - 2 * MARGIN, LEGEND_SIZE)) * LEGEND_SIZE * 1.6 + 2 * mm
        box = (w - 2 * MARGIN, h - 2 * MARGIN - HEADER - key)
        grid = layout_day(day, rooms, names, box[0], box[1], style)
        folded: tuple[str, ...] = ()
        hidden = 0
        empty = _empty_cells(grid)
        if empty:
            crowded = {s.id for s in day.sessions() if any(t.id in empty for t in s.items)}
            shown, folded = fold_sessions(day, crowded)
            if folded:
                grid = layout_day(shown, rooms, names, box[0], box[1], style)
                hidden = sum(len(s.items) for s in day.sessions() if s.title in folded)
        cells = grid.pages[0].cells
        score = (-len(_empty_cells(grid)), -(hidden + len(grid.abbreviations)),
                 -sum(c.text.cut_words for c in cells), -sum(c.text.dropped for c in cells),
                 min((c.text.size for c in cells), default=0.0))
        if best is None or score > best[0]:
            best = (score, HandoutLayout(size, grid, folded))
    assert best is not None
    return best[1]


def handout_meta(schedule: Schedule) -> Meta:
    """The handout's document information."""
    ev = schedule.event
    lang = language_of(schedule)
    return Meta(f"{ev.title} — {lang.text('Handout')}", ", ".join(ev.organizers) or ev.title,
                lang.text("Programme at a glance"), ev.language)


def handout_pages(schedule: Schedule, paper: str, clock: str,
                  want_qr: bool) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """One page per day, and warnings naming every item whose text was shortened."""
    style = handout_style(clock, schedule.theme.colors, schedule.event.language,
                          schedule.event.timezone, language_of(schedule).periods,
                          language_of(schedule).labels, tuple(schedule_tags(schedule).items()))
    pages: list[Page] = []
    warnings: list[str] = []
    for whole in schedule.days:
        parts = room_parts(whole, schedule, sheet_for(paper), style)
        for n, day in enumerate(parts):
            part = " (" + language_of(schedule).text(
                "rooms {part}/{parts}", part=str(n + 1), parts=str(len(parts))) + ")" \
                if len(parts) > 1 else ""
            chosen = best_layout(day, schedule, sheet_for(paper), style)
            pages.append(Page(chosen.size, tuple(_page(schedule, day, chosen, want_qr, part))))
            where = (f"{schedule.source or 'schedule'}: warning: handout "
                     f"{day_label(schedule, day, short=True)}{part}")
            warnings += [f"{where}: {line}" for line in folded_summary(chosen.folded)]
            warnings += [f"{where}: {line}" for line in summary(chosen.grid.abbreviations, clock,
                                                                 "; the booklet has the full text")]
            if _notes_line(day, chosen.size[0])[1]:
                warnings.append(f"{where}: the day's notes are cut to fit one line; the booklet "
                                "has them whole")
    return tuple(pages), tuple(warnings)


HANDOUT_MIN_COLUMN = 60.0  # points: narrower, a column of a handout cannot be read


def room_parts(day: Day, schedule: Schedule, sheet: tuple[float, float],
               style: GridStyle) -> list[Day]:
    """``day`` whole, or, with more rooms than a landscape sheet holds readable columns for
    (FOSDEM: 30 a day), one part per group of rooms, each with the items for everyone."""
    rooms = columns_of(day, [r.id for r in schedule.rooms])
    width = landscape(sheet)[0] - 2 * MARGIN - style.axis_width
    per_page = max(1, int(width // HANDOUT_MIN_COLUMN))
    if len(rooms) <= per_page:
        return [day]
    return [_only_rooms(day, set(group)) for group in room_groups(rooms, per_page)]


def _only_rooms(day: Day, rooms: set) -> Day:
    """``day`` with the items of ``rooms`` and those for everyone (no room) only."""
    entries = []
    for entry in day.entries:
        if isinstance(entry, Session):
            items = tuple(t for t in entry.items if t.room is None or t.room in rooms)
            if items:
                entries.append(replace(entry, items=items))
        elif entry.room is None or entry.room in rooms:
            entries.append(entry)
    return replace(day, entries=tuple(entries))


def _notes_line(day: Day, page_width: float) -> tuple[str, bool]:
    """The day's notes as one line that fits beside the QR code, and whether it was cut."""
    text = "; ".join(day.notes)
    fitted = clip(text, ITALIC, NOTE_SIZE, page_width - 2 * MARGIN - 24 * mm)
    return fitted, fitted != text


def _page(schedule: Schedule, day: Day, chosen: HandoutLayout, want_qr: bool,
          part: str = "") -> list[Item]:
    w, h = chosen.size
    ev = schedule.event
    top = h - MARGIN
    url = ev.url if ev.url and want_qr and safe_url(ev.url) else None
    side = qr_side(url, QR_MIN_SIDE, QR_MODULE) if url else 0.0
    text_right = w - MARGIN - (side + 4 * mm if url else 0)
    title_size = 16.0
    while title_size > 10 and text_width(ev.title, BOLD, title_size) > text_right - MARGIN:
        title_size -= 0.5
    out: list[Item] = [text_line(ev.title, MARGIN, top - title_size, BOLD, title_size, ACCENT,
                                 role=Role.HEADING)]
    line = day_heading(schedule, day) + part
    if ev.venue:
        line += f" · {ev.venue}"
    out.append(text_line(line, MARGIN, top - title_size - 14, REGULAR, 10, MUTED))
    notes = _notes_line(day, w)[0]
    if notes:  # what is on all day, under the date
        out.append(text_line(notes, MARGIN, top - title_size - 26, ITALIC, NOTE_SIZE, MUTED))
    if url:
        x, y = w - MARGIN - side, top - side
        lang = language_of(schedule)
        out.append(qr_item(url, x, y, QR_MIN_SIDE, QR_MODULE,
                           lang.text("QR code: link to {what}", what=ev.title)))
        out.append(Link((x, y, x + side, y + side), url=url))
        out.append(text_line(language_of(schedule).text("Programme online"), x - 2 * mm, top - side + 3, REGULAR, 7, MUTED,
                             "right"))
    page = chosen.grid.pages[0]
    grid_top = h - MARGIN - HEADER
    out += grid_items(page, MARGIN, grid_top, dest_prefix=None, header_size=9.0, axis_size=7.0)
    entries = legend(list(day.talks()), dict(schedule.theme.colors), language_of(schedule),
                   schedule_tags(schedule))
    out += legend_items(entries, MARGIN, grid_top - page.height - LEGEND_SIZE * 1.6,
                        w - 2 * MARGIN, LEGEND_SIZE)
    if language_of(schedule).rtl:  # time axis, title and first room on the right
        return list(mirrored(out, 0.0, w))
    return out
