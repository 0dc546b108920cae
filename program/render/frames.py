"""Frames to PDF: ``render(pages, meta) -> bytes``.

Everything was decided in layout (:mod:`program.layout.frames`): each item is drawn as it
is, in order. The document is reproducible (``invariant=1``: no clock, no random) and its
initial font is the bundled text face, so no base-14 font is left in the file.

Shapes, images, forms, anchors and outline entries go through ReportLab's public API. Text
and links go through :mod:`program.render.draw`, the one module that writes operators and
annotations itself (thousands of lines and links per booklet; see its tests against
ReportLab's own output). ``draw_items`` draws items inside a booklet block;
``painted_items`` replays them in ``--watch`` keyed by the pure function that made them and
its arguments, so a replay cannot differ from a fresh drawing.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from program import fonts
from program.render import draw
from program.render.tagging import Tagger, structure
from program.layout.frames import (QR, Anchor, Box, Link, Meta, Page, Picture, Place, Role,
                                   Rule, Text)

_DARK = re.compile(rb"\x01+")


@lru_cache(maxsize=1024)
def _color(hexcode: str) -> HexColor:
    return HexColor(hexcode)


def render(pages: tuple[Page, ...] | list[Page], meta: Meta) -> bytes:
    """The tagged PDF of ``pages`` with the document information ``meta``: every item in
    marked content by its role, and the structure tree (:mod:`program.render.tagging`)."""
    fonts.register()
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1, initialFontName=fonts.REGULAR, pageCompression=1,
               lang=meta.language)
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setCreator("program")
    c.setProducer("program (ReportLab)")
    c.program_forms = set()  # names of the forms written so far
    c.program_tagger = tagger = Tagger()
    for page in pages:
        tagger.new_page()
        c.setPageSize(page.size)
        if page.trim is not None:
            c.setTrimBox(page.trim)
        if page.bleed is not None:
            c.setBleedBox(page.bleed)
        draw_items(c, page.items)
        c.showPage()
    c.save()
    return structure(buf.getvalue(), tagger, meta.title)


def draw_items(c: Canvas, items) -> None:
    """Draw ``items`` in the canvas's current coordinates; on a tagged canvas (one made by
    :func:`render`) each in its marked-content sequence."""
    tagger = getattr(c, "program_tagger", None)
    for item in items:
        if tagger is None or isinstance(item, Anchor):
            _DRAW[type(item)](c, item)
        elif isinstance(item, Link):
            _DRAW[Link](c, item)
            tagger.link()
        else:
            if isinstance(item, Place):
                tagger.begin_form(c, item.form.name)
            else:
                tagger.begin(c, item.role, getattr(item, "size", 0.0), getattr(item, "alt", None))
            _DRAW[type(item)](c, item)
            tagger.end(c)


def painted_items(c: Canvas, make, *args) -> None:
    """Draw the items ``make(*args)`` returns (items, or a block's (height, items)); ``make``
    is a pure function of its (frozen, hashable) arguments, so in ``--watch`` what it drew
    for the same arguments is replayed (see ``draw.painted``) and nothing else can change
    it."""
    def paint() -> None:
        made = make(*args)
        draw_items(c, made[1] if made and isinstance(made[0], float) else made)

    draw.painted(c, (make, args), paint, pin=args)


def _place(c: Canvas, item: Place) -> None:
    """The form, written the first time it is placed, drawn at the item's point."""
    form = item.form
    if form.name not in c.program_forms:
        c.program_forms.add(form.name)
        x0, y0, x1, y1 = form.bbox
        c.beginForm(form.name, lowerx=x0, lowery=y0, upperx=x1, uppery=y1)
        # inside a form only decoration is marked (as artifacts): the form's content is
        # tagged where it is placed (see tagging.Tagger.begin_form)
        tagger, c.program_tagger = getattr(c, "program_tagger", None), None
        for inner in form.items:
            artifact = tagger is not None and getattr(inner, "role", None) is Role.ARTIFACT
            if artifact:
                draw.add_operators(c, "/Artifact BMC")
            _DRAW[type(inner)](c, inner)
            if artifact:
                draw.add_operators(c, "EMC")
        c.program_tagger = tagger
        c.endForm()
    c.saveState()
    c.translate(item.x, item.y)
    c.doForm(form.name)
    c.restoreState()


def _text(c: Canvas, item: Text) -> None:
    for _, font, _ in item.runs:
        fonts.ensure(font)
    draw.draw_pieces(c, item.x, item.baseline, item.size, item.runs)


def _box(c: Canvas, item: Box) -> None:
    if item.fill is None and item.stroke is None:
        return
    c.saveState()
    if item.fill is not None:
        c.setFillColor(_color(item.fill))
    if item.stroke is not None:
        c.setStrokeColor(_color(item.stroke))
        c.setLineWidth(item.line_width)
    stroke, fill = int(item.stroke is not None), int(item.fill is not None)
    if item.radius:
        c.roundRect(item.x, item.y, item.w, item.h, item.radius, stroke=stroke, fill=fill)
    else:
        c.rect(item.x, item.y, item.w, item.h, stroke=stroke, fill=fill)
    c.restoreState()


def _rule(c: Canvas, item: Rule) -> None:
    c.saveState()
    c.setStrokeColor(_color(item.color))
    c.setLineWidth(item.width)
    if item.dash:
        c.setDash(list(item.dash))
    c.line(item.x0, item.y0, item.x1, item.y1)
    c.restoreState()


def _qr(c: Canvas, item: QR) -> None:
    """White square, then the dark modules as one path of horizontal runs in module units."""
    size = len(item.rows)
    unit = item.side / (size + 8)
    c.saveState()
    c.setFillColor(_color("#ffffff"))
    c.rect(item.x, item.y, item.side, item.side, stroke=0, fill=1)
    c.setFillColor(_color("#000000"))
    c.translate(item.x, item.y)
    c.scale(unit, unit)
    path = c.beginPath()
    for row, line in enumerate(item.rows):
        for run in _DARK.finditer(line):
            start, end = run.span()
            path.rect(4 + start, size + 3 - row, end - start, 1)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def _picture(c: Canvas, item: Picture) -> None:
    c.drawImage(ImageReader(io.BytesIO(item.image)), item.x, item.y, item.w, item.h,
                mask="auto")


def _link(c: Canvas, item: Link) -> None:
    draw.add_link(c, item.rect, url=item.url, dest=item.dest)


def _anchor(c: Canvas, item: Anchor) -> None:
    c.bookmarkPage(item.name, fit="XYZ", left=0, top=item.top)
    if item.outline is not None:
        c.addOutlineEntry(item.outline, item.name, level=item.level, closed=item.level > 0)


_DRAW = {Text: _text, Box: _box, Rule: _rule, QR: _qr, Picture: _picture, Link: _link,
         Anchor: _anchor, Place: _place}
