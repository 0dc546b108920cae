"""A laid-out grid page and its legend as frame items (see :mod:`program.layout.frames`).

``grid_items(page, x0, top, ...)`` places a :class:`~program.layout.grid.GridPage` with its
top-left corner at ``(x0, top)`` in page coordinates: time rules and labels, column headers,
cells with their fitted text (an overlapping item's with an edge in ``OVERLAP``), and (with
``dest_prefix``) a link from each cell to its talk.
``legend_items`` places the colour key. Pure: no canvas.
"""
from __future__ import annotations

from program.fonts import REGULAR
from program.fonts import width as text_width
from program.layout.frames import Box, Item, Link, Role, Rule, fitted_lines, inks, text_line
from program.layout.grid import GridPage
from program.layout.overlap import OVERLAP
from program.layout.palette import MUTED, RULE, TEXT

HEADER_FILL = "#e9eef4"
MINOR_RULE = "#c8c8c8"
OVERLAP_EDGE = 1.6  # points: the mark of an item that overlaps another in its room


def grid_items(page: GridPage, x0: float, top: float, dest_prefix: str | None = "talk-",
               header_size: float = 7.5, axis_size: float = 7.0) -> list[Item]:
    """The items of ``page`` drawn with its top-left corner at ``(x0, top)``."""
    right, bottom = x0 + page.width, top - page.height
    header_bottom = top - page.header_height
    out: list[Item] = []
    for tick in page.ticks:  # time rules and labels
        y = top - tick.y
        out.append(Rule(x0 + page.axis_width - 2, y, right, y,
                        RULE if tick.major else MINOR_RULE, 0.5 if tick.major else 0.3))
        if y - axis_size * 0.35 > bottom + 1:
            out.append(text_line(tick.label, x0 + page.axis_width - 4, y - axis_size * 0.35,
                                 REGULAR, axis_size, MUTED, "right", Role.ARTIFACT))
    for col in page.columns:  # column headers
        out.append(Box(col.x + x0 + 0.5, header_bottom + 1, col.w - 1, page.header_height - 1,
                       fill=HEADER_FILL))
        if col.label is not None:
            top_of_text = header_bottom + (page.header_height + col.label.height) / 2 + 0.5
            out += fitted_lines(col.label, x0 + col.x + 2, top_of_text, inks(TEXT), "center",
                                col.w - 4, Role.TABLE_HEADER)
    for mark in page.breaks:  # a broken axis: two slanted strokes in the gutter
        mid = top - mark.y - mark.h / 2
        ax = x0 + page.axis_width - 9
        for dy in (-1.6, 1.6):
            out.append(Rule(ax, mid + dy - 1.8, ax + 6, mid + dy + 1.8, MUTED, 0.6))
    for cell in page.cells:
        cx, cy = x0 + cell.x, top - cell.y - cell.h
        if cell.marker:  # a zero-minute item: a line at its time, its title under it
            out.append(Rule(cx, cy + cell.h, cx + cell.w, cy + cell.h, MUTED, 0.8))
            out += fitted_lines(cell.text, cx + page.pad, cy + cell.h - page.pad, inks(TEXT),
                                role=Role.TABLE_CELL)
            continue
        out.append(Box(cx, cy, cell.w, cell.h, fill=cell.fill, stroke="#ffffff", line_width=0.6,
                       radius=min(2.0, cell.h / 4)))
        if cell.continued_above:
            out.append(Rule(cx, cy + cell.h, cx + cell.w, cy + cell.h, MUTED, 0.6, (1.5, 1.5)))
        if cell.continued_below:
            out.append(Rule(cx, cy, cx + cell.w, cy, MUTED, 0.6, (1.5, 1.5)))
        if cell.overlapping:  # an edge inside the padding, clear of the text
            out.append(Box(cx, cy, min(OVERLAP_EDGE, page.pad * 0.8), cell.h, fill=OVERLAP))
        out += fitted_lines(cell.text, cx + page.pad, cy + cell.h - page.pad,
                            inks(cell.ink, cell.fill), role=Role.TABLE_CELL)
        if dest_prefix:
            out.append(Link((cx, cy, cx + cell.w, cy + cell.h), dest=dest_prefix + cell.talk_id))
    return out


def legend_rows(items: list[tuple[str, str]], width: float,
                size: float) -> list[list[tuple[float, str, str]]]:
    """Legend entries (fill, label) laid out in rows no wider than ``width``: each row a
    list of (x offset, fill, label)."""
    rows: list[list[tuple[float, str, str]]] = [[]]
    cursor = 0.0
    for fill, label in items:
        w = size * 1.4 + text_width(label, REGULAR, size) + size * 1.2
        if rows[-1] and cursor + w > width:
            rows.append([])
            cursor = 0.0
        rows[-1].append((cursor, fill, label))
        cursor += w
    return [r for r in rows if r]


def legend_items(entries: list[tuple[str, str]], x: float, y: float, width: float,
                 size: float) -> list[Item]:
    """Colour swatches with labels, the first row at baseline ``y``, wrapping at ``width``."""
    out: list[Item] = []
    for i, row in enumerate(legend_rows(entries, width, size)):
        base = y - i * size * 1.6
        for dx, fill, label in row:
            out.append(Box(x + dx, base - 0.5, size, size, fill=fill, stroke=RULE, line_width=0.3))
            out.append(text_line(label, x + dx + size * 1.4, base + 0.5, REGULAR, size, MUTED))
    return out
