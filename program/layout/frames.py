"""Pages as plain data: what layout decides and render draws.

A :class:`Page` is a size and a tuple of frozen, positioned items; render
(:func:`program.render.frames.render`) turns pages into PDF bytes and decides nothing. Items:

- :class:`Text`: one line of text at a baseline, as runs of (text, font, ink) already in
  drawing order and split by the font that has each character (fallbacks resolved here);
- :class:`Box`: a rectangle (optionally rounded), filled and/or stroked;
- :class:`Rule`: a straight line, optionally dashed;
- :class:`QR`: a QR code as its module matrix (rows of 0/1 bytes), quiet zone included in
  ``side``;
- :class:`Picture`: an image scaled into a box;
- :class:`Link`: a clickable area to a URL or to a named anchor;
- :class:`Anchor`: a named destination (with its outline entry, if any);
- :class:`Place`: a :class:`Form` (items written once per document) placed at a point.

Every drawn item has a :class:`Role` (for tagged PDF): heading (of level 1, 2 or 3),
paragraph, list item, table cell, figure (with alternative text) or artifact (decoration:
rules, fills, page numbers).

Coordinates are PDF points with the origin at the page's bottom-left corner, as in the file,
so render has nothing to flip. Colours are ``#rrggbb``. Nothing here imports ReportLab.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Union

from program import qr as qrcodes
from program.checks import ascii_url
from program.fonts import runs, visual, width as text_width
from program.layout.palette import ACCENT, MUTED, TEXT, muted_on
from program.layout.textfit import ASCENT, Fitted, Line


class Role(Enum):
    """What an item is in the document's structure (tagged PDF). Headings have levels, so a
    screen reader can go by day (``HEADING``, level 1: also the cover title and section
    titles), session (``HEADING_2``) or talk (``HEADING_3``)."""

    HEADING = "heading"
    HEADING_2 = "heading 2"
    HEADING_3 = "heading 3"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE_CELL = "table cell"
    TABLE_HEADER = "table header"  # a column's header cell (a grid's room name)
    FIGURE = "figure"
    ARTIFACT = "artifact"

    # Members are singletons compared by identity, so the identity hash agrees with
    # equality; Enum's own hashes the name in Python, once per item of every page key.
    __hash__ = object.__hash__


@dataclass(frozen=True)
class Text:
    """One line: ``runs`` of (text, font, ink) from ``x`` along the baseline at ``size``."""

    x: float
    baseline: float
    size: float
    runs: tuple[tuple[str, str, str], ...]
    role: Role = Role.PARAGRAPH

    @property
    def text(self) -> str:
        """The line's characters (in drawing order)."""
        return "".join(r[0] for r in self.runs)


@dataclass(frozen=True)
class Box:
    """A rectangle with its lower-left corner at (x, y); ``fill``/``stroke`` None: not drawn."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    line_width: float = 0.0
    radius: float = 0.0
    role: Role = Role.ARTIFACT


@dataclass(frozen=True)
class Rule:
    """A line from (x0, y0) to (x1, y1); ``dash`` as (on, off) lengths, () solid."""

    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    width: float
    dash: tuple[float, ...] = ()
    role: Role = Role.ARTIFACT


@dataclass(frozen=True)
class QR:
    """A QR code: ``rows`` of its modules (bytes of 0/1, top row first, no quiet zone),
    drawn dark on white in the ``side`` square at (x, y) with a 4-module quiet zone."""

    x: float
    y: float
    side: float
    rows: tuple[bytes, ...]
    alt: str
    role: Role = Role.FIGURE


@dataclass(frozen=True)
class Picture:
    """An image (the bytes of a PNG or JPEG file) drawn into the w x h box at (x, y)."""

    image: bytes
    x: float
    y: float
    w: float
    h: float
    alt: str
    role: Role = Role.FIGURE


@dataclass(frozen=True)
class Link:
    """A clickable area (x0, y0, x1, y1) opening ``url`` or going to the anchor ``dest``."""

    rect: tuple[float, float, float, float]
    url: str | None = None
    dest: str | None = None


@dataclass(frozen=True)
class Anchor:
    """A named destination whose top is at ``top``; an outline entry when ``outline``."""

    name: str
    top: float
    outline: str | None = None
    level: int = 0


@dataclass(frozen=True)
class Form:
    """Items drawn once per document and placed many times (a card on a sheet): ``name``
    is unique in the document, ``bbox`` (x0, y0, x1, y1) what it may draw into. Its items
    are in its own coordinates and make no links (links are page items)."""

    name: str
    bbox: tuple[float, float, float, float]
    items: tuple[Item, ...]
    #: drawn where it is placed, clipped to ``bbox``, instead of written once and reused:
    #: for a form placed once (a badge's front), whose reuse would only cost memory
    inline: bool = False


@dataclass(frozen=True)
class Place:
    """``form`` drawn with its origin at (x, y) of the page, turned ``rotation`` degrees
    anticlockwise about that point (180: a fold-over badge's back)."""

    form: Form
    x: float
    y: float
    rotation: float = 0.0


Item = Union[Text, Box, Rule, QR, Picture, Link, Anchor, Place]

_new = object.__new__


def _text(x: float, baseline: float, size: float, runs: tuple[tuple[str, str, str], ...],
          role: Role) -> Text:
    """``Text(x, baseline, size, runs, role)``, the same object, made in half the time: a
    frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, and a
    booklet makes its lines by the hundred thousand (tests/layout/test_frames.py checks
    that every field is set)."""
    item = _new(Text)
    item.__dict__.update(x=x, baseline=baseline, size=size, runs=runs, role=role)
    return item


def _link(rect: tuple[float, float, float, float], url: str | None,
          dest: str | None) -> Link:
    """``Link(rect, url, dest)``, made as :func:`_text` makes a Text."""
    item = _new(Link)
    item.__dict__.update(rect=rect, url=url, dest=dest)
    return item


@dataclass(frozen=True)
class Page:
    """One page: its size in points and its items, in drawing order; for print shops, the
    trim and bleed boxes (x0, y0, x1, y1) when the page is a trimmed product."""

    size: tuple[float, float]
    items: tuple[Item, ...]
    trim: tuple[float, float, float, float] | None = None
    bleed: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class Meta:
    """The document's information: title, author, subject, language, keywords; whether a
    viewer shows the title (not the file name) in its window; ``viewer``: more viewer
    preferences as (name, PDF name) pairs, e.g. ``("Duplex", "DuplexFlipLongEdge")``,
    ``("PrintScaling", "None")`` for sheets that must print at 100 %."""

    title: str
    author: str
    subject: str
    language: str = "en"
    keywords: str = ""
    display_title: bool = False
    viewer: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------------------------
# Making items from layout results


def inks(ink: str | None = None, fill: str | None = None) -> dict[str, str]:
    """The colours of a set line's colour keys on a fill whose text colour is ``ink``:
    ``text`` takes the ink; ``muted`` is grey, or a light grey where the ink is white (on a
    known ``fill``: the grey that keeps 4.5:1 contrast there)."""
    light = ink is not None and ink.lower() == "#ffffff"
    muted = muted_on(fill, ink or TEXT) if fill else "#d9d9d9" if light else MUTED
    return {"text": ink or TEXT, "muted": muted, "accent": ACCENT}


def text_line(text: str, x: float, baseline: float, font: str, size: float, ink: str,
              align: str = "left", role: Role = Role.PARAGRAPH) -> Text:
    """One line of schedule text, its left end at ``x`` (``right``/``center``: its right
    end or middle there), shaped and split into fallback fonts."""
    if align != "left":
        w = text_width(text, font, size)
        x -= w if align == "right" else w / 2
    return _text(x, baseline, size, tuple((piece, name, ink) for piece, name in
                                          runs(visual(text), font)), role)


def set_line(line: Line, x: float, baseline: float, size: float, inks: dict[str, str],
             role: Role = Role.PARAGRAPH) -> Text:
    """A set :class:`~program.layout.textfit.Line` as a Text item; its runs' colour keys
    are looked up in ``inks`` (a key not there is a colour itself)."""
    return _text(x, baseline, size, tuple(
        (piece, name, inks.get(colour, colour))
        for text, font, colour in line.runs for piece, name in runs(visual(text), font)), role)


def fitted_lines(fitted: Fitted, x: float, top: float, inks: dict[str, str],
                 align: str = "left", box_width: float = 0.0,
                 role: Role = Role.PARAGRAPH) -> list[Text]:
    """Fitted text with its first line's top at ``top``."""
    out = []
    for i, line in enumerate(fitted.lines):
        baseline = top - ASCENT * fitted.size - i * fitted.leading
        dx = (box_width - line.width) / 2 if align == "center" else 0.0
        out.append(set_line(line, x + dx, baseline, fitted.size, inks, role))
    return out


def qr_item(url: str, x: float, y: float, min_side: float, module: float,
            alt: str | None = None) -> QR:
    """The QR code of ``url`` with its lower-left corner at (x, y): at least ``min_side``
    and ``module`` per module (quiet zone included); ``alt`` says what it links to (for a
    screen reader; the URL itself without it)."""
    m = qrcodes.qr_matrix(qr_data(url))
    return QR(x, y, max(min_side, (m.size + 8) * module), m.rows, alt or url)


def qr_side(url: str, min_side: float, module: float) -> float:
    """The side :func:`qr_item` gives ``url``'s code."""
    return max(min_side, (qrcodes.qr_matrix(qr_data(url)).size + 8) * module)


def qr_data(url: str) -> str:
    """What the QR code of ``url`` holds: the URL in 7-bit ASCII (as its link does), which
    every scanner opens."""
    return ascii_url(url) or url


def mirrored(items, left: float, right: float) -> tuple[Item, ...]:
    """``items`` mirrored between ``left`` and ``right`` for a right-to-left language: what
    was at the left is at the right (a time axis, the first room, a title), each text line
    keeping its reading direction with its start where its end was, so that lines set from
    the left edge of a box end at its right edge (right-aligned). Forms are mirrored inside
    their own box."""
    axis = left + right

    def flip(x0: float, x1: float) -> tuple[float, float]:
        return axis - x1, axis - x0

    out: list[Item] = []
    for item in items:
        if isinstance(item, Text):
            w = sum(text_width(t, font, item.size) for t, font, _ in item.runs)
            out.append(replace(item, x=axis - item.x - w))
        elif isinstance(item, (Box, QR, Picture)):
            w = item.w if isinstance(item, (Box, Picture)) else item.side
            out.append(replace(item, x=axis - item.x - w))
        elif isinstance(item, Rule):
            out.append(replace(item, x0=axis - item.x0, x1=axis - item.x1))
        elif isinstance(item, Link):
            x0, y0, x1, y1 = item.rect
            a, b = flip(x0, x1)
            out.append(replace(item, rect=(a, y0, b, y1)))
        elif isinstance(item, Place):
            x0, _, x1, _ = item.form.bbox
            form = replace(item.form, items=mirrored(item.form.items, x0, x1))
            out.append(replace(item, form=form, x=axis - item.x - (x0 + x1)))
        else:
            out.append(item)
    return tuple(out)


def text_of(pages: tuple[Page, ...] | list[Page]) -> list[str]:
    """Each page's text, lines in drawing order joined by newlines (for tests)."""
    return ["\n".join(i.text for i in p.items if isinstance(i, Text)) for p in pages]



def moved(items, dx: float, dy: float) -> list[Item]:
    """``items`` moved by (dx, dy): a block's items (in its own coordinates) put on a page."""
    if not dx and not dy:
        return list(items)
    return [_MOVE[type(item)](item, dx, dy) for item in items]


_MOVE = {
    Text: lambda i, dx, dy: _text(i.x + dx, i.baseline + dy, i.size, i.runs, i.role),
    Box: lambda i, dx, dy: Box(i.x + dx, i.y + dy, i.w, i.h, i.fill, i.stroke, i.line_width,
                               i.radius, i.role),
    Rule: lambda i, dx, dy: Rule(i.x0 + dx, i.y0 + dy, i.x1 + dx, i.y1 + dy, i.color, i.width,
                                 i.dash, i.role),
    QR: lambda i, dx, dy: QR(i.x + dx, i.y + dy, i.side, i.rows, i.alt, i.role),
    Picture: lambda i, dx, dy: Picture(i.image, i.x + dx, i.y + dy, i.w, i.h, i.alt, i.role),
    Link: lambda i, dx, dy: _link((i.rect[0] + dx, i.rect[1] + dy, i.rect[2] + dx,
                                   i.rect[3] + dy), i.url, i.dest),
    Anchor: lambda i, dx, dy: Anchor(i.name, i.top + dy, i.outline, i.level),
    Place: lambda i, dx, dy: Place(i.form, i.x + dx, i.y + dy, i.rotation),
}
