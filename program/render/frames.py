"""Frames to PDF: ``render(pages, meta) -> bytes``.

Everything was decided in layout (:mod:`program.layout.frames`): each item is drawn as it
is, in order. The document is reproducible (``invariant=1``: no clock, no random) and its
initial font is the bundled text face, so no base-14 font is left in the file.

Shapes, images, forms, anchors and outline entries go through ReportLab's public API. Text
and links go through :mod:`program.render.draw`, the one module that writes operators and
annotations itself (thousands of lines and links per booklet; see its tests against
ReportLab's own output). In ``--watch`` a page
whose items are those of a page drawn before is replayed (keyed by the frozen items
themselves), so a replay cannot differ from a fresh drawing.
"""
from __future__ import annotations

import io
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Iterable, Iterator

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from program import fonts
from program.memo import Hashed, set_aside, warm
from program.render import draw
from program.render.canvas import PageCanvas
from program.render.tagging import Plan, page_marks, plan, structure
from program.layout.frames import (QR, Anchor, Box, Link, Meta, Page, Picture, Place, Role,
                                   Rule, Text)



@lru_cache(maxsize=1024)
def _color(hexcode: str) -> tuple[float, float, float]:
    """``#rrggbb`` as ReportLab's (r, g, b): a colour without an alpha, so that setting it
    writes only the colour operator (a ``Color``'s alpha adds a graphics state to the
    document, a side effect a replayed page would not repeat)."""
    c = HexColor(hexcode)
    return (c.red, c.green, c.blue)


def render(pages: Iterable[Page], meta: Meta, canvas: type[Canvas] = Canvas) -> bytes:
    """The PDF of ``pages`` with the document information ``meta``. ``pages`` may be a
    generator: each page is drawn and let go before the next is made (5,000 badges, on a
    :class:`~program.render.canvas.PageCanvas`, which keeps each page compressed only)."""
    return render_document(pages, meta, canvas)[0]


#: (page index, rect, URL) of a URL link as written, for products made from a PDF (the
#: imposed booklet).
UriLink = tuple[int, tuple[float, float, float, float], str]


def render_document(pages: Iterable[Page], meta: Meta, canvas: type[Canvas] = Canvas,
                    jobs: int = 1) -> tuple[bytes, tuple[UriLink, ...]]:
    """The tagged PDF of ``pages`` with the document information ``meta``, and its URL
    links: every item in marked content by its role, and the structure tree
    (:mod:`program.render.tagging`). ``canvas``: a Canvas class writing the same bytes
    faster (:class:`program.render.canvas.PageCanvas`, for the booklet's thousand pages).
    A list of ``pages`` is handed over: each is let go (set to None) once drawn. With
    ``jobs`` 2 and a PageCanvas, its last pages are drawn by a second process (see
    :func:`_shared_out`; the same bytes)."""
    fonts.register()
    buf = io.BytesIO()
    c = canvas(buf, invariant=1, initialFontName=fonts.REGULAR, pageCompression=1,
               lang=meta.language)
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setCreator("program")
    c.setProducer("program (ReportLab)")
    if meta.keywords:
        c.setKeywords(meta.keywords)
    c.setViewerPreference("DisplayDocTitle", "true")  # the title, not the file name
    c.program_forms = set()  # names of the forms written so far
    for name, value in meta.viewer:
        c.setViewerPreference(name, value)
    c.program_uri_links = []  # filled by draw.add_link
    plans = []  # each page's structure elements, for the structure tree
    for page, drawn in _shared_out(c, pages, jobs):
        _begin_page(c, page)
        if drawn is None:
            plans.append(plan(_draw_page(c, page)))
            c.showPage()
        else:  # drawn by the second process: here only what it adds to the document
            stream, page_plan, document_items = drawn
            draw_items(c, document_items)
            plans.append(page_plan)
            c.showPage(compressed_stream=stream)
    structure(c, plans)
    c.save()
    set_aside(c)  # (in --watch, freed after the report)
    return buf.getvalue(), tuple(c.program_uri_links)


def _begin_page(c: Canvas, page: Page) -> None:
    """The next page's size and print-shop boxes."""
    c.setPageSize(page.size)
    if page.trim is not None:
        c.setTrimBox(page.trim)
    if page.bleed is not None:
        c.setBleedBox(page.bleed)


#: Below this many pages a second process costs more than it saves: the fork, the first
#: pass over the text, and the pages of memory each process then copies as it touches them.
#: Measured on 2 cores with the conference's first pages: 40 pages 0.081 s in one process,
#: 0.096 s in two; 80 pages 0.131 s and 0.128 s; all 224 pages 0.303 s and 0.270 s.
PARALLEL_MIN_PAGES = 80
#: The share of the pages' items the second process draws: this one also writes the links,
#: the structure tree and the file.
SECOND_SHARE = 0.5


#: What the second process sends for a page it drew: the compressed content stream, the
#: structure elements, and the items that add objects to the document (anchors, links).
Drawn = tuple[bytes, Plan, tuple[Anchor | Link, ...]]


def _shared_out(c: Canvas, pages: Iterable[Page],
                jobs: int) -> Iterator[tuple[Page, Drawn | None]]:
    """Each page in order, with what a second process sends when it drew the page (see
    :data:`Drawn`; None: to be drawn here).

    With ``jobs`` > 1 (a cold build, a :class:`PageCanvas`, a list of at least
    ``PARALLEL_MIN_PAGES``), every character the pages show is first given its font code in
    drawing order (:func:`_reserve`); a process forked then draws the last pages (about
    ``SECOND_SHARE`` of the items) with the codes this one will have, and sends each page's
    compressed stream, while this one draws the first pages. What the last pages add to the
    document (anchors, link annotations) is still made here, in order, so the file is the
    one a single process writes. A page with a form or a picture (objects of the document)
    is drawn here; so is every page the child did not send (it failed, or met a character
    without a code)."""
    if not isinstance(pages, list):
        for page in pages:
            yield page, None
        return
    start, streams = len(pages), iter(())
    if (jobs > 1 and not warm() and isinstance(c, PageCanvas)
            and len(pages) >= PARALLEL_MIN_PAGES and c.can_take_streams()):
        from program.parallel import Stream

        written: set[str] = set()
        for page in pages:
            _reserve(c, page.items, written)
        weights = list(accumulate(len(p.items) for p in pages))
        start = next(i for i, w in enumerate(weights) if w >= weights[-1] * (1 - SECOND_SHARE))
        start = min(max(start, 1), len(pages) - 1)
        count = len(pages) - start
        streams = iter(Stream(lambda: _drawn_elsewhere(c, pages, start), jobs=jobs,
                              here=lambda: repeat(None, count)))
    for index in range(len(pages)):
        page, pages[index] = pages[index], None  # (let go once drawn: mega's ~100 MB)
        yield page, next(streams) if index >= start else None
    for _ in streams:  # (none left: the child is reaped)
        pass


def _drawn_elsewhere(c: Canvas, pages: list[Page],
                     start: int) -> Iterator[Drawn | None]:
    """(In the second process.) The compressed content stream and the structure elements of
    each page from ``start``, drawn on the canvas as it was at the fork; None for a page
    with document objects (drawn by the first). Stops before sending a page that gave a
    character its first code (the first process, which has no such code, draws that page
    and the rest)."""
    codes = draw.codes_given(c)
    for page in pages[start:]:
        if _has_document_objects(page.items):
            yield None
            continue
        _begin_page(c, page)
        marks = _draw_page(c, page, anchors=False)
        c.showPage()
        if draw.codes_given(c) != codes:
            raise RuntimeError("a character without a font code")
        yield c.stream_of(-1), plan(marks), _document_items(page)


def _reserve(c: Canvas, items, written: set[str]) -> None:
    """Give the characters of ``items`` their font codes in the order drawing them would
    (text in forms included: a form the first time it is written, an inline one each time
    it is placed); ``written``: the forms written so far."""
    for item in items:
        kind = type(item)
        if kind is Text:
            draw.reserve_codes(c, item.runs)
        elif kind is Place and (item.form.inline or item.form.name not in written):
            if not item.form.inline:
                written.add(item.form.name)
            _reserve(c, item.form.items, written)


def _has_document_objects(items) -> bool:
    """True when drawing ``items`` adds objects to the document besides links (a form, an
    image): done once per document, so never replayed or drawn elsewhere."""
    return any(isinstance(i, (Place, Picture)) for i in items)


def _document_items(page: Page) -> tuple[Anchor | Link, ...]:
    """What a page adds to the document when drawn, in the order drawing makes it: its
    anchors, then its links (for a page whose content another process draws)."""
    return tuple([i for i in page.items if isinstance(i, Anchor)]
                 + [i for i in page.items if isinstance(i, Link)])


def _draw_page(c: Canvas, page: Page, anchors: bool = True):
    """The page's anchors (``anchors`` False: not, for a page whose content another process
    draws: the anchors are the document's), then its other items, each in its
    marked-content sequence; in
    ``--watch`` what those items drew is replayed when the page's items are the same (see
    ``draw.painted``: keyed by the frozen items themselves, so a replay cannot differ from a
    fresh drawing; the tags are a pure function of the items too). Returns the page's tags
    (:func:`program.render.tagging.page_marks`)."""
    rest = tuple(i for i in page.items if not isinstance(i, Anchor))
    if anchors:
        draw_items(c, [i for i in page.items if isinstance(i, Anchor)])
    key = Hashed(rest) if warm() else rest  # (looked up twice below: hashed once)
    opens, marks = page_marks(key)
    if _has_document_objects(rest):  # written once per document
        _draw_marked(c, rest, opens)
    else:
        draw.painted(c, ("page", key), lambda: _draw_marked(c, rest, opens), pin=rest)
    return marks


def _draw_marked(c: Canvas, items, opens) -> None:
    """Draw ``items``, each after the operator opening its marked content (if any) and
    before the ``EMC`` closing it."""
    for item, opening in zip(items, opens):
        if opening:
            draw.add_operators(c, opening)
        _DRAW[type(item)](c, item)
        if opening:
            draw.add_operators(c, "EMC")


def draw_items(c: Canvas, items) -> None:
    """Draw ``items`` in the canvas's current coordinates."""
    for item in items:
        _DRAW[type(item)](c, item)


def _place(c: Canvas, item: Place) -> None:
    """The form, written the first time it is placed, drawn at the item's point."""
    form = item.form
    if form.inline:
        x0, y0, x1, y1 = form.bbox
        c.saveState()
        c.translate(item.x, item.y)
        if item.rotation:
            c.rotate(item.rotation)
        clip = c.beginPath()
        clip.rect(x0, y0, x1 - x0, y1 - y0)
        c.clipPath(clip, stroke=0, fill=0)
        draw_items(c, form.items)
        c.restoreState()
        return
    if form.name not in c.program_forms:
        c.program_forms.add(form.name)
        x0, y0, x1, y1 = form.bbox
        c.beginForm(form.name, lowerx=x0, lowery=y0, upperx=x1, uppery=y1)
        # inside a form only decoration is marked (artifacts): the form's content is tagged
        # where it is placed (see tagging.page_marks)
        _draw_marked(c, form.items, ["/Artifact BMC" if getattr(i, "role", None) is
                                     Role.ARTIFACT else None for i in form.items])
        c.endForm()
    c.saveState()
    c.translate(item.x, item.y)
    if item.rotation:
        c.rotate(item.rotation)
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
    """White square, then the dark modules as an image mask one module per sample."""
    size = len(item.rows)
    unit = item.side / (size + 8)
    c.saveState()
    c.setFillColor(_color("#ffffff"))
    c.rect(item.x, item.y, item.side, item.side, stroke=0, fill=1)
    c.setFillColor(_color("#000000"))
    c.translate(item.x, item.y)
    c.scale(unit, unit)
    c.addLiteral(qr_mask(item.rows))
    c.restoreState()


_BITS = bytes.maketrans(b"\x00\x01", b"01")


def qr_mask(rows: tuple[bytes, ...]) -> str:
    """The operators painting the dark modules of ``rows`` (bytes of 0/1, top row first) in
    the fill colour, in module units with the 4-module quiet zone at the origin: an inline
    image mask (``/IM true``), one bit per module, ``/D [1 0]`` so a 1 paints. A stencil
    mask is drawn sample for sample at any scale (no interpolation, allowed in PDF/A), and
    is a twentieth of the time of a path of one rectangle per dark run (0.2 s of the
    600-talk booklet, ``make bench``); ASCIIHex keeps the content stream text."""
    n = len(rows)
    pad = -n % 8
    data = "".join((int(row.translate(_BITS), 2) << pad).to_bytes((n + pad) // 8, "big").hex()
                   for row in rows)
    return (f"q {n} 0 0 {n} 4 4 cm BI /W {n} /H {n} /IM true /BPC 1 /D [1 0] /F /AHx "
            f"ID {data}> EI Q")


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
