"""Drawing primitives shared by every product: fitted text, grid pages, QR codes.

All functions take a ReportLab canvas and page coordinates (origin bottom-left, points).
Layout objects come in with y measured downward from a top-left origin; ``draw_grid`` flips.
"""
from __future__ import annotations

import re
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from program import qr
from program.fonts import REGULAR, runs, visual, width as text_width
from program.layout.grid import GridPage
from program.layout.palette import ACCENT, MUTED, RULE, TEXT
from program.layout.textfit import ASCENT, Fitted, Line


INKS = {"text": TEXT, "muted": MUTED, "accent": ACCENT}


@lru_cache(maxsize=1024)
def color(hexcode: str) -> HexColor:
    """A ReportLab colour from ``#rrggbb``."""
    return HexColor(hexcode)


def _ink(colour: str, ink: str | None) -> str:
    """The colour of a run: ``text`` takes the cell's ink; ``muted`` is grey on light fills
    and a light grey on dark ones (where the ink is white)."""
    if colour == "text" and ink:
        return ink
    if colour == "muted" and ink and ink.lower() == "#ffffff":
        return "#d9d9d9"
    return INKS.get(colour, colour)


def draw_line(c: Canvas, line: Line, x: float, baseline: float, size: float,
              ink: str | None = None) -> None:
    """Draw one set line at ``(x, baseline)``, switching to the fallback font per character."""
    t = c.beginText(x, baseline)
    current_colour = current_font = None
    for text, font, colour in line.runs:
        hexcode = _ink(colour, ink)
        if hexcode != current_colour:
            t.setFillColor(color(hexcode))
            current_colour = hexcode
        for piece, name in _pieces(text, font):
            if name != current_font:
                t.setFont(name, size)
                current_font = name
            t.textOut(piece)
    c.drawText(t)


@lru_cache(maxsize=65536)
def _pieces(text: str, font: str) -> tuple[tuple[str, str], ...]:
    """``text`` in drawing order, split by the font that draws each piece."""
    return tuple(runs(visual(text), font))


def draw_fitted(c: Canvas, fitted: Fitted, x: float, top: float, ink: str | None = None,
                align: str = "left", box_width: float = 0.0) -> None:
    """Draw fitted text with its first line's top at ``top`` (page coordinates)."""
    for i, line in enumerate(fitted.lines):
        baseline = top - ASCENT * fitted.size - i * fitted.leading
        dx = (box_width - line.width) / 2 if align == "center" else 0.0
        draw_line(c, line, x + dx, baseline, fitted.size, ink)


def draw_text(c: Canvas, text: str, x: float, baseline: float, font: str, size: float,
              ink: str = TEXT, align: str = "left") -> float:
    """Draw a single line of schedule text with fallback fonts; returns its width."""
    w = text_width(text, font, size)
    if align == "right":
        x -= w
    elif align == "center":
        x -= w / 2
    draw_line(c, Line(((text, font, "text"),), w), x, baseline, size, ink)
    return w


def draw_qr(c: Canvas, url: str, x: float, y: float, side: float, link: bool = True) -> None:
    """A QR code for ``url`` as vector rectangles in a ``side`` square (quiet zone included)
    with its lower-left corner at ``(x, y)``; clickable when ``link``.

    The modules are written as one path in module units under a scaling transform, with
    integer coordinates: thousands of codes stay fast to write and small in the file."""
    m = _PREPARED.get(url) or qr.qr_matrix(url)
    modules = m.size + 8
    unit = side / modules
    c.saveState()
    c.setFillColor(color("#ffffff"))
    c.rect(x, y, side, side, stroke=0, fill=1)
    c.setFillColor(color("#000000"))
    c.translate(x, y)
    c.scale(unit, unit)
    c.addLiteral(qr_path(url))
    c.restoreState()
    if link:
        c.linkURL(url, (x, y, x + side, y + side), relative=0, thickness=0)


_DARK = re.compile(rb"\x01+")
_PREPARED: dict[str, qr.QRMatrix] = {}


def prepare_qr(urls: list[str]) -> None:
    """Compute the codes of ``urls`` in one batch (several times faster than one by one)."""
    missing = [u for u in dict.fromkeys(urls) if u not in _PREPARED]
    if missing:
        _PREPARED.update(qr.qr_matrices(missing))


@lru_cache(maxsize=8192)
def qr_path(url: str) -> str:
    """PDF path operators filling the dark modules of ``url``'s code, one rectangle per
    horizontal run, in module units with the quiet zone at the origin."""
    m = _PREPARED.get(url) or qr.qr_matrix(url)
    top = m.size + 4
    ops = [f"{4 + found.start()} {top - row - 1} {found.end() - found.start()} 1 re"
           for row, line in enumerate(m.rows) for found in _DARK.finditer(line)]
    return " ".join(ops) + " f"


def qr_side(url: str, min_side: float, min_module: float) -> float:
    """The printed side of a QR code: at least ``min_side`` and ``min_module`` per module."""
    modules = (_PREPARED.get(url) or qr.qr_matrix(url)).size + 8
    return max(min_side, modules * min_module)


def draw_grid(c: Canvas, page: GridPage, x0: float, top: float, dest_prefix: str | None = "talk-",
              header_size: float = 7.5, axis_size: float = 6.5) -> None:
    """Draw a laid-out grid page with its top-left corner at ``(x0, top)``."""
    right = x0 + page.width
    bottom = top - page.height
    header_bottom = top - page.header_height
    c.saveState()
    # time rules and labels
    for tick in page.ticks:
        y = top - tick.y
        c.setStrokeColor(color(RULE if tick.major else "#c8c8c8"))
        c.setLineWidth(0.5 if tick.major else 0.3)
        c.line(x0 + page.axis_width - 2, y, right, y)
        if y - axis_size * 0.35 > bottom + 1:
            draw_text(c, tick.label, x0 + page.axis_width - 4, y - axis_size * 0.35, REGULAR,
                      axis_size, MUTED, "right")
    # column headers
    for col in page.columns:
        c.setFillColor(color("#e9eef4"))
        c.rect(col.x + x0 + 0.5, header_bottom + 1, col.w - 1, page.header_height - 1, stroke=0, fill=1)
        if col.label is not None:
            label = col.label
            top_of_text = header_bottom + (page.header_height + label.height) / 2 + 0.5
            draw_fitted(c, label, x0 + col.x + 2, top_of_text, TEXT, "center", col.w - 4)
    # cells
    for cell in page.cells:
        cx, cy = x0 + cell.x, top - cell.y - cell.h
        c.setFillColor(color(cell.fill))
        c.setStrokeColor(color("#ffffff"))
        c.setLineWidth(0.6)
        c.roundRect(cx, cy, cell.w, cell.h, min(2.0, cell.h / 4), stroke=1, fill=1)
        if cell.continued_above or cell.continued_below:
            c.setStrokeColor(color(MUTED))
            c.setDash(1.5, 1.5)
            if cell.continued_above:
                c.line(cx, cy + cell.h, cx + cell.w, cy + cell.h)
            if cell.continued_below:
                c.line(cx, cy, cx + cell.w, cy)
            c.setDash()
        draw_fitted(c, cell.text, cx + page.pad, cy + cell.h - page.pad, cell.ink)
        if dest_prefix:
            c.linkRect("", dest_prefix + cell.talk_id, (cx, cy, cx + cell.w, cy + cell.h),
                       relative=0, thickness=0)
    c.restoreState()


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


def draw_legend(c: Canvas, items: list[tuple[str, str]], x: float, y: float, width: float,
                size: float) -> float:
    """Colour swatches with labels, first row at baseline ``y``, wrapping at ``width``;
    returns the height used."""
    rows = legend_rows(items, width, size)
    for i, row in enumerate(rows):
        base = y - i * size * 1.6
        for dx, fill, label in row:
            c.setFillColor(color(fill))
            c.setStrokeColor(color(RULE))
            c.setLineWidth(0.3)
            c.rect(x + dx, base - 0.5, size, size, stroke=1, fill=1)
            draw_text(c, label, x + dx + size * 1.4, base + 0.5, REGULAR, size, MUTED)
    return len(rows) * size * 1.6
