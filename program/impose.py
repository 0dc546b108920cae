"""Saddle-stitch imposition of a finished booklet PDF (the output stage: bytes in, bytes out).

Printed double-sided (flip on the short edge) and folded in the middle, the sheets of the
imposed file nest into the booklet: sheet 1 carries the last page and page 1 on its front,
page 2 and the last-but-one on its back, and so on towards the centre.

- ``pad_to_multiple_of_four(pdf)`` adds blank "Notes" pages (a heading and light rules, set in
  the project's embedded fonts) so the page count is a multiple of four. They go before the
  last page, so the back cover stays last. A one-page document has no back cover: its page is
  the front cover, so it stays first and the three Notes pages follow it.
- ``saddle_stitch_order(n)`` is the pure page order: ``[(front, back), ...]`` per sheet, each
  side a ``(left, right)`` pair of 1-based page numbers.
- ``impose(pdf, creep_mm)`` pads, then puts two pages side by side on each sheet side.

Sheets: A5 pages go on A4 landscape, half-letter on Letter landscape, A4 on A3 landscape
(matched within :data:`SIZE_TOLERANCE` points); any other page size gets a sheet twice as wide
as the page. Each page sits against the fold (the sheet's vertical centre line) and is centred
vertically; A5 on A4 therefore leaves 0.5 mm spare at each outer edge. Each page is clipped to
its half of the sheet, so nothing spills over the fold.

A booklet made with ``--bleed`` is imposed from its trimmed pages (each page's TrimBox: no
bleed, no crop marks), so the imposed file is the one made without: two trimmed A5 pages
fill an A4 sheet to 0.5 mm, leaving no room for a bleed or marks, and a bleed at the fold
would print over the facing page. A print shop that imposes for itself takes the booklet's
single pages, with their bleed and marks.

Creep compensation: the folded sheets nest, and every sheet pushes the ones inside it out at
the fore-edge, where the trim then cuts more off the inner sheets. The usual remedy (also
called shingling) is to move the content of inner pages *towards the spine*: sheet ``k``
(0 = outermost) moves its pages' content ``k * creep_mm`` towards the fold, the left page to
the right and the right page to the left, so the outer margins are equal after trimming.

Why pypdf (already a dependency, pure Python, well kept): each finished page becomes a form
XObject, its content stream copied byte for byte and its resources (the embedded font subsets,
images) cloned once, and each sheet side draws two of them under a translation and a clip. Nothing
is re-rendered or rasterised, so text stays text and the fonts stay embedded. (pypdf's
``merge_transformed_page`` would also work, but it parses and rewrites every content stream, about
0.2 s per page of QR-code paths, and cannot clip a page to its half of the sheet.)

Links: URI links are kept, moved with their page and cut to its half of the sheet. Internal
links (contents, index) and the outline are dropped: they point at pages of the unimposed
booklet, and the imposed file is meant for printing, not reading on screen.

The output is reproducible: the metadata is copied from the input (ReportLab's invariant
dates) with a fixed producer, and pypdf adds no clock or random data.
"""
from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject,
                           IndirectObject, NameObject, RectangleObject)
from reportlab.lib.fonts import tt2ps
from reportlab.pdfgen.canvas import Canvas

from program import fonts

MM = 72 / 25.4
SIZE_TOLERANCE = 3.0  # points; page sizes within this of a known size count as that size
A5, A4, A3 = (148 * MM, 210 * MM), (210 * MM, 297 * MM), (297 * MM, 420 * MM)
HALF_LETTER, LETTER = (396.0, 612.0), (612.0, 792.0)
# (portrait page size, landscape sheet size it is imposed on)
KNOWN_SHEETS: tuple[tuple[tuple[float, float], tuple[float, float]], ...] = (
    (A5, (A4[1], A4[0])),
    (HALF_LETTER, (LETTER[1], LETTER[0])),
    (A4, (A3[1], A3[0])),
)
PRODUCER = "program (pypdf)"
_KEPT_METADATA = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/CreationDate", "/ModDate")

Side = tuple[int, int]


# --- pure page arithmetic -------------------------------------------------------------------

def padding(n: int) -> int:
    """How many blank pages make ``n`` pages (n >= 1) a multiple of four."""
    if n < 1:
        raise ValueError(f"a booklet needs at least one page, not {n}")
    return -n % 4


def notes_index(n: int) -> int:
    """The 0-based index where Notes pages go into an ``n``-page document: before the last
    page (the back cover), except for a single page, which is the front cover and stays first."""
    if n < 1:
        raise ValueError(f"a booklet needs at least one page, not {n}")
    return max(n - 1, 1)


def padded_layout(n: int) -> list[int | None]:
    """The pages of an ``n``-page document after padding: 1-based original page numbers in
    order, ``None`` for each Notes page. ``padded_layout(10)`` is ``[1, ..., 9, None, None, 10]``."""
    pages: list[int | None] = list(range(1, n + 1))
    at = notes_index(n)
    return pages[:at] + [None] * padding(n) + pages[at:]


def saddle_stitch_order(n: int) -> list[tuple[Side, Side]]:
    """For ``n`` pages (a positive multiple of four), each sheet's ``(front, back)``, a side being
    the ``(left, right)`` 1-based page numbers, outermost sheet first.

    ``saddle_stitch_order(8) == [((8, 1), (2, 7)), ((6, 3), (4, 5))]``.
    """
    if n < 4 or n % 4:
        raise ValueError(f"saddle stitching needs a positive multiple of 4 pages, not {n}")
    return [((n - 2 * s, 1 + 2 * s), (2 + 2 * s, n - 1 - 2 * s)) for s in range(n // 4)]


def sheet_size(page: tuple[float, float], tolerance: float = SIZE_TOLERANCE) -> tuple[float, float]:
    """The (width, height) in points of the sheet that takes two pages of size ``page`` side by
    side: A4 landscape for A5, Letter landscape for half-letter, A3 landscape for A4, else 2w x h."""
    w, h = page
    for known, sheet in KNOWN_SHEETS:
        if abs(w - known[0]) <= tolerance and abs(h - known[1]) <= tolerance:
            return sheet
    return (2 * w, h)


def creep_shift(sheet_index: int, creep_mm: float) -> float:
    """How far (points) sheet ``sheet_index`` (0 = outermost) moves content towards the spine."""
    if creep_mm < 0:
        raise ValueError(f"creep must be zero or positive, not {creep_mm} mm")
    return sheet_index * creep_mm * MM


Matrix = tuple[float, float, float, float, float, float]


def upright_matrix(box: tuple[float, float, float, float], rotation: int) -> Matrix:
    """The PDF matrix ``[a b c d e f]`` that maps a page's content (visible ``box``: left,
    bottom, right, top) to how it is shown: turned by its /Rotate (degrees clockwise, a multiple
    of 90) with the lower-left corner at the origin."""
    x0, y0, x1, y1 = box
    return {
        0: (1.0, 0.0, 0.0, 1.0, -x0, -y0),
        90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
        180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
        270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
    }[rotation % 360]


def transform_rect(matrix: Matrix, rect: tuple[float, float, float, float]
                   ) -> tuple[float, float, float, float]:
    """The (left, bottom, right, top) of ``rect`` after ``matrix`` (a rotation by a multiple of
    90 degrees plus a move, so the corners stay corners)."""
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((rect[0], rect[1]), (rect[2], rect[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def slot_offset(sheet: tuple[float, float], page: tuple[float, float], right: bool,
                shift: float) -> tuple[float, float]:
    """Where the lower-left corner of an upright page of size ``page`` goes on ``sheet``:
    against the fold in the left or right half, centred vertically, then moved ``shift``
    points towards the fold."""
    w, h = page
    fold = sheet[0] / 2
    x = fold - shift if right else fold - w + shift
    return x, (sheet[1] - h) / 2


def half_of_sheet(sheet: tuple[float, float], right: bool) -> tuple[float, float, float, float]:
    """The (left, bottom, right, top) of the left or right half of ``sheet``: a page's clip."""
    fold = sheet[0] / 2
    return (fold, 0.0, sheet[0], sheet[1]) if right else (0.0, 0.0, fold, sheet[1])


def clip_rect(rect: tuple[float, float, float, float], to: tuple[float, float, float, float]
              ) -> tuple[float, float, float, float] | None:
    """``rect`` cut down to ``to`` (both left, bottom, right, top); None when nothing is left."""
    cut = (max(rect[0], to[0]), max(rect[1], to[1]), min(rect[2], to[2]), min(rect[3], to[3]))
    return cut if cut[0] < cut[2] and cut[1] < cut[3] else None


def _number(value: float) -> str:
    """A PDF number: at most four decimals, no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def placement_ops(name: str, half: tuple[float, float, float, float],
                  offset: tuple[float, float]) -> bytes:
    """Content-stream operators that draw form XObject ``name`` moved by ``offset`` and
    clipped to ``half`` of the sheet."""
    x0, y0, x1, y1 = half
    clip = " ".join(_number(v) for v in (x0, y0, x1 - x0, y1 - y0))
    move = " ".join(_number(v) for v in offset)
    return f"q {clip} re W n 1 0 0 1 {move} cm {name} Do Q\n".encode("ascii")


# --- Notes pages ----------------------------------------------------------------------------

def notes_pages(count: int, size: tuple[float, float], family: str = fonts.FAMILY) -> bytes:
    """A PDF of ``count`` Notes pages of ``size`` points: a small bold "Notes" heading and light
    ruled lines, in ``family`` (a font family registered with ReportLab; the project's by default)."""
    fonts.register()
    regular, bold = _family_fonts(family)
    w, h = size
    margin = max(min(w, h) * 0.09, 18.0)
    heading = max(min(w, h) / 36, 9.0)
    pitch = 8 * MM
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=size, invariant=1, initialFontName=regular, pageCompression=1)
    canvas.setTitle("Notes")
    canvas.setProducer(PRODUCER)
    for _ in range(count):
        canvas.setFillGray(0.25)
        canvas.setFont(bold, heading)
        canvas.drawString(margin, h - margin - heading, "Notes")
        canvas.setStrokeGray(0.8)
        canvas.setLineWidth(0.5)
        y = h - margin - heading - pitch
        while y >= margin:
            canvas.line(margin, y, w - margin, y)
            y -= pitch
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def subset_tag(font_file: bytes) -> str:
    """A six-capital-letter subset tag derived from the embedded font data. ReportLab's
    invariant mode tags every first subset ``AAAAAA``; two different subsets of one font under
    the same name in one file can be confused by printers' PostScript conversion."""
    digest = hashlib.sha256(font_file).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _retag_subsets(page: PageObject) -> None:
    """Give each embedded subset font of ``page`` the tag :func:`subset_tag` of its data."""
    fonts_dict = page.get("/Resources", {}).get("/Font", {})
    for ref in fonts_dict.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        name = str(font.get("/BaseFont", ""))
        if descriptor is None or "+" not in name:
            continue
        descriptor = descriptor.get_object()
        data = next((descriptor[k].get_object().get_data() for k in ("/FontFile2", "/FontFile", "/FontFile3")
                     if k in descriptor), None)
        if data is None:
            continue
        tagged = NameObject(f"/{subset_tag(data)}+{name.split('+', 1)[1]}")
        font[NameObject("/BaseFont")] = tagged
        descriptor[NameObject("/FontName")] = tagged


def _family_fonts(family: str) -> tuple[str, str]:
    """(regular, bold) font names of a registered family; a lone font serves as both."""
    try:
        return tt2ps(family, 0, 0), tt2ps(family, 1, 0)
    except ValueError:
        return family, family


# --- PDF assembly ---------------------------------------------------------------------------

def pad_to_multiple_of_four(pdf: bytes, notes_font: str = fonts.FAMILY) -> bytes:
    """The booklet ``pdf`` with Notes pages added (see :func:`notes_index`) until its page count
    is a multiple of four; ``pdf`` itself when it already is. Notes pages take the size of the
    first page and ``notes_font`` (a registered family). Everything else (links, outline,
    metadata) is kept."""
    reader = PdfReader(io.BytesIO(pdf))
    n = len(reader.pages)
    count = padding(n)
    if not count:
        return pdf
    writer = PdfWriter(clone_from=reader)
    at = notes_index(n)
    for i, page in enumerate(_notes(reader, count, notes_font)):
        writer.insert_page(page, at + i)
    return _write(writer, reader)


def _notes(reader: PdfReader, count: int, notes_font: str = fonts.FAMILY) -> list[PageObject]:
    """``count`` Notes pages the size of ``reader``'s first page, their font subsets renamed
    so that they cannot clash with the booklet's."""
    notes = PdfReader(io.BytesIO(notes_pages(count, _size(reader.pages[0]), notes_font)))
    for page in notes.pages:
        _retag_subsets(page)
    return list(notes.pages)


UriLinks = Sequence[tuple[int, tuple[float, float, float, float], str]]
"""URI links of a booklet as its renderer knows them: (page index, rect, URI)."""


def _padded_pages(reader: PdfReader, uri_links: UriLinks | None = None
                  ) -> list[tuple[PageObject, list[tuple[str, tuple[float, float, float, float]]] | None]]:
    """The booklet's pages with the Notes pages put where :func:`pad_to_multiple_of_four`
    puts them, each with its URI links if ``uri_links`` tells them (None: read them from
    the page). No padded PDF is written first (imposition places pages, it does not need
    one: a round trip through pypdf cost more than the imposition itself)."""
    by_page: dict[int, list] | None = None
    if uri_links is not None:
        by_page = {}
        for index, rect, uri in uri_links:
            by_page.setdefault(index, []).append((uri, rect))
    pages: list = [(page, None if by_page is None else by_page.get(i, []))
                   for i, page in enumerate(reader.pages)]
    count = padding(len(pages))
    if count:
        at = notes_index(len(pages))
        pages[at:at] = [(page, []) for page in _notes(reader, count)]
    return pages


def impose(pdf: bytes, creep_mm: float = 0.0, uri_links: UriLinks | None = None) -> bytes:
    """The finished booklet ``pdf`` padded and imposed for saddle stitching: one PDF page per
    sheet side (front, back, front, ...), two booklet pages on each, the inner sheets' content
    moved ``creep_mm`` per sheet towards the fold (see the module docstring). The pages' URI
    links are kept; ``uri_links`` (page index, rect, URI), when the caller knows them, saves
    reading every annotation of the booklet."""
    creep_shift(0, creep_mm)  # reject a negative creep before any work
    reader = PdfReader(io.BytesIO(pdf))
    pages = _padded_pages(reader, uri_links)
    sheet = sheet_size(_size(pages[0][0]))
    writer = PdfWriter()
    for k, sides in enumerate(saddle_stitch_order(len(pages))):
        shift = creep_shift(k, creep_mm)
        for left, right in sides:
            side = writer.add_blank_page(*sheet)
            ops = [_place(writer, side, *pages[number - 1], f"/Page{number}", sheet, is_right,
                          shift)
                   for number, is_right in ((left, False), (right, True))]
            side[NameObject("/Contents")] = _add_stream(writer, DictionaryObject(), b"".join(ops))
    return _write(writer, reader)


def _place(writer: PdfWriter, side: PageObject, page: PageObject,
           links: list[tuple[str, tuple[float, float, float, float]]] | None, name: str,
           sheet: tuple[float, float], right: bool, shift: float) -> bytes:
    """Put ``page`` into its half of the sheet side ``side`` as form XObject ``name`` (added
    to the side's resources, with the page's URI ``links``, read from the page if None);
    returns the operators that draw it."""
    upright = upright_matrix(_box(page), page.rotation)
    half = half_of_sheet(sheet, right)
    offset = slot_offset(sheet, _size(page), right, shift)
    resources = side[NameObject("/Resources")]
    xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject())
    xobjects[NameObject(name)] = _form_xobject(writer, page, upright)
    for uri, rect in _uri_links(page) if links is None else links:
        x0, y0, x1, y1 = transform_rect(upright, rect)
        moved = (x0 + offset[0], y0 + offset[1], x1 + offset[0], y1 + offset[1])
        visible = clip_rect(moved, half)
        if visible is not None:
            writer.add_annotation(side, Link(rect=visible, url=uri))
    return placement_ops(name, half, offset)


def _form_xobject(writer: PdfWriter, page: PageObject, matrix: Matrix) -> IndirectObject:
    """``page`` as a form XObject in ``writer``: its content stream bytes unchanged, its
    resources (fonts, images) cloned once, its visible box as the clip (/BBox), and ``matrix``
    (see :func:`upright_matrix`) as its /Matrix."""
    form = DictionaryObject({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): RectangleObject(_box(page)),
        NameObject("/Matrix"): ArrayObject(FloatObject(v) for v in matrix),
    })
    for key in ("/Resources", "/Group"):
        if key in page:
            form[NameObject(key)] = page[key].clone(writer)
    return _add_stream(writer, form, _content_bytes(page))


def _content_bytes(page: PageObject) -> bytes:
    """The decoded content stream(s) of ``page``, concatenated."""
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    if isinstance(contents, ArrayObject):
        return b"\n".join(part.get_object().get_data() for part in contents)
    return contents.get_data()


def _add_stream(writer: PdfWriter, entries: DictionaryObject, data: bytes) -> IndirectObject:
    """A Flate-compressed stream with ``entries`` and ``data``, added to ``writer``.
    (pypdf has no public call for adding an object; ``_add_object`` is what it uses itself.)"""
    stream = DecodedStreamObject()
    stream.update(entries)
    stream.set_data(data)
    return writer._add_object(stream.flate_encode())


def _uri_links(page: PageObject) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(URI, rect) of each link annotation of ``page`` that opens a URI."""
    links = []
    for annot in page.get("/Annots", None) or []:
        annot = annot.get_object()
        action = annot.get("/A")
        action = action.get_object() if action is not None else None
        if annot.get("/Subtype") == "/Link" and action is not None and action.get("/S") == "/URI":
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            links.append((str(action["/URI"]), (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
    return links


def _box(page: PageObject) -> tuple[float, float, float, float]:
    """The finished page of ``page`` as floats: its TrimBox (a booklet made with ``--bleed``:
    the page without its bleed and crop marks), which defaults to the CropBox and that to
    the MediaBox (a booklet without: the whole page)."""
    box = page.trimbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


def _size(page: PageObject) -> tuple[float, float]:
    """(width, height) of ``page``'s visible box, rotation applied."""
    x0, y0, x1, y1 = _box(page)
    w, h = x1 - x0, y1 - y0
    return (h, w) if page.rotation % 180 else (w, h)


def _write(writer: PdfWriter, source: PdfReader) -> bytes:
    """The bytes of ``writer`` with ``source``'s metadata and language and a fixed producer."""
    info = source.metadata or {}
    writer.add_metadata({**_metadata(info.items()), "/Producer": PRODUCER})
    lang = source.root_object.get("/Lang")
    if lang is not None:
        writer.root_object[NameObject("/Lang")] = lang
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _metadata(items: Iterable[tuple[str, object]]) -> dict[str, str]:
    """The document-information entries worth keeping, as strings."""
    return {key: str(value) for key, value in items if key in _KEPT_METADATA}
