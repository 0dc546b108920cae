"""The fast path: text operators and link annotations written without ReportLab's per-call
machinery, and the --watch replay of recorded drawings (whole pages, keyed by their items).

With :mod:`program.render.canvas` (page streams compressed as pages end, dictionaries
written directly) it is where render reaches into ReportLab's canvas internals (its code
list, font subset state, annotation list); :mod:`program.render.frames` draws text and links
through it. All functions take a ReportLab canvas and page coordinates (origin bottom-left,
points).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, NamedTuple

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (Destination, PDFDestinationXYZ, PDFObject,
                                      PDFObjectReference, PDFString)
from reportlab.pdfgen.canvas import Canvas

from program import fonts
from program.checks import ascii_url
from program.memo import Memo, warm
from program.render.canvas import new_object


@lru_cache(maxsize=1024)
def color(hexcode: str) -> HexColor:
    """A ReportLab colour from ``#rrggbb``."""
    return HexColor(hexcode)


def draw_pieces(c: Canvas, x: float, baseline: float, size: float, pieces) -> None:
    """Draw (text, font, ``#rrggbb``) pieces, each in a font that has its characters, as one
    line from ``(x, baseline)``.

    Writes the PDF text operators itself (one ``BT … ET`` per line) through :class:`_Encoder`,
    which is several times faster than building a ReportLab text object per line."""
    enc = _encoder(c)
    if _right_to_left(pieces):
        c._code.append(_reading_order_ops(enc, x, baseline, size, pieces))
        return
    ops = [f"BT 1 0 0 1 {fp_str(x)} {fp_str(baseline)} Tm"]
    current_colour = current_font = None
    size_op = fp_str(size)
    for piece, name, hexcode in pieces:
        if hexcode != current_colour:
            ops.append(_fill_op(hexcode))
            current_colour = hexcode
        for subset_font, encoded in enc.encode(piece, name):
            if subset_font != current_font:
                ops.append(f"{subset_font} {size_op} Tf")
                current_font = subset_font
            ops.append(f"({encoded}) Tj")
    ops.append("ET")
    c._code.append(" ".join(ops))


def reserve_codes(c: Canvas, pieces) -> None:
    """Give the characters of a line of (text, font, colour) pieces their font codes now, in
    the order :func:`draw_pieces` would give them when drawing it: a line drawn later, here
    or by another process forked after this, then writes the same bytes (see
    ``frames.render_document``)."""
    enc = _encoder(c)
    known = enc.fonts
    for piece, name, _ in pieces:
        entry = known.get(name)
        if entry is None or not entry[3].issuperset(piece):
            break
    else:
        return  # (most lines: every character has its code already)
    for _, name, _ in pieces:
        fonts.ensure(name)
    if _right_to_left(pieces):
        _reading_order_ops(enc, 0.0, 0.0, 1.0, pieces)  # (its own order; widths unused)
        return
    for piece, name, _ in pieces:  # as draw_pieces encodes them
        enc.encode(piece, name)


def _right_to_left(pieces) -> bool:
    """True when the line of (text, font, colour) pieces has right-to-left text (drawn in
    reading order, see :func:`_reading_order_ops`)."""
    line = "".join(piece for piece, _, _ in pieces)
    return not line.isascii() and fonts.is_rtl(line)


def codes_given(c: Canvas) -> tuple[tuple[str, int], ...]:
    """(font, characters with a code) of every font the document's text has used: what
    changes when a character is given its first code (see :func:`reserve_codes`)."""
    enc = _encoder(c)
    return tuple((name, len(font.state[enc.doc].assignments))
                 for name, (font, *_) in enc.fonts.items())


def _reading_order_ops(enc: _Encoder, x: float, baseline: float, size: float,
                       pieces) -> str:
    """The text operators of a line with right-to-left text: its glyphs at the places the
    visual order gives them (the same page), written in reading order, each with its own
    ``Tm`` and after its own ``Tf``, so that engines that read the content stream in order
    (pdfminer: by character; pypdf: by string, a right-to-left string reversed) read the
    line as it is written. Left-to-right stretches stay one string."""
    glyphs = []  # (x, char, font, colour) in drawing order
    for piece, name, hexcode in pieces:
        for char in piece:
            glyphs.append((x, char, name, hexcode))
            x += pdfmetrics.stringWidth(char, name, size)
    ops = ["BT"]
    size_op = fp_str(size)
    current_colour = None
    order = _reading_order(glyphs)
    k = 0
    while k < len(order):
        gx, text, name, hexcode = glyphs[order[k]]
        k += 1
        if not fonts.is_rtl(text):  # a left-to-right stretch: one string
            while (k < len(order) and order[k] == order[k - 1] + 1
                   and glyphs[order[k]][2:] == (name, hexcode)
                   and not fonts.is_rtl(glyphs[order[k]][1])):
                text += glyphs[order[k]][1]
                k += 1
        if hexcode != current_colour:
            ops.append(_fill_op(hexcode))
            current_colour = hexcode
        ops.append(f"1 0 0 1 {fp_str(gx)} {fp_str(baseline)} Tm")
        for subset_font, encoded in enc.encode(text, name):
            ops.append(f"{subset_font} {size_op} Tf ({encoded}) Tj")
    ops.append("ET")
    return " ".join(ops)


def _reading_order(glyphs) -> list[int]:
    """The glyphs' indices in reading order: each stretch of one colour read on its own
    (layout puts each run of a line, a muted time before a title, in visual order on its
    own), the stretches left to right."""
    order: list[int] = []
    start = 0
    while start < len(glyphs):
        end = start + 1
        while end < len(glyphs) and glyphs[end][3] == glyphs[start][3]:
            end += 1
        stretch = "".join(g[1] for g in glyphs[start:end])
        order.extend(start + i for i in fonts.reading_order(stretch))
        start = end
    return order


def add_operators(c: Canvas, ops: str) -> None:
    """Write content-stream operators as they are (marked content: ``BDC``/``EMC``, see
    :mod:`program.render.tagging`) where the canvas draws next."""
    c._code.append(ops)


@lru_cache(maxsize=1024)
def _fill_op(hexcode: str) -> str:
    """The PDF operator that sets the fill colour ``#rrggbb`` (as ReportLab writes it)."""
    col = color(hexcode)
    return f"{fp_str(col.red)} {fp_str(col.green)} {fp_str(col.blue)} rg"


class _Encoder:
    """Text -> (font subset resource name, escaped PDF string bytes) for one document.

    ReportLab's TrueType fonts give each character a one-byte code in a 256-glyph subset,
    assigned on first use (``TTFont.splitString``). The first subset's codes are kept here as a
    ``str.translate`` table, so a string whose characters all have codes there is encoded in
    C; anything else (a new character, a later subset) goes through ``splitString``, which
    assigns codes exactly as ReportLab's own text objects would.

    While ``recorder`` is set (see :func:`painted`), every (font, text) encoded is noted."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.fonts: dict[str, tuple] = {}
        self.recorder: _Recorder | None = None

    def _font(self, name: str) -> tuple:
        entry = self.fonts.get(name)
        if entry is None:
            font = pdfmetrics.getFont(name)
            font.splitString("", self.doc)  # create the font's state for this document
            entry = self.fonts[name] = (font, font.getSubsetInternalName(0, self.doc),
                                        {0xA0: 32}, {"\u00a0"})
            assignments = font.state[self.doc].assignments
            self._learn(entry, "".join(map(chr, assignments)))
        return entry

    def _learn(self, entry: tuple, text: str) -> None:
        """Copy the first-subset codes of ``text``'s characters into the translate table."""
        font, _, table, known = entry
        assignments = font.state[self.doc].assignments
        for char in set(text) - known:
            n = assignments.get(ord(char))
            if n is not None and n < 256:
                table[ord(char)] = n
                known.add(char)

    def encode(self, text: str, name: str) -> list[tuple[str, str]]:
        """``text`` in font ``name`` as [(subset resource name, escaped string)]."""
        entry = self._font(name)
        if self.recorder is not None:
            self.recorder.texts.append((name, text))
        font, first, table, known = entry
        if known.issuperset(text):
            return [(first, escapePDF(text.translate(table).encode("latin-1")))]
        parts = font.splitString(text, self.doc)
        self._learn(entry, text)
        return [(font.getSubsetInternalName(subset, self.doc), escapePDF(data))
                for subset, data in parts]

    def knows(self, text: str, name: str) -> bool:
        """True when every character of ``text`` has its code in font ``name`` already."""
        return self._font(name)[3].issuperset(text)

    def codes(self, name: str, code_points: tuple[int, ...]) -> tuple[int | None, ...]:
        """The code each of ``code_points`` has in font ``name`` (None: none yet)."""
        return tuple(map(self._font(name)[0].state[self.doc].assignments.get, code_points))


def _encoder(c: Canvas) -> _Encoder:
    """The canvas's encoder (one per document, kept on the canvas)."""
    enc = getattr(c, "_program_encoder", None)
    if enc is None or enc.doc is not c._doc:
        enc = c._program_encoder = _Encoder(c._doc)
    return enc


class _Recorder:
    """What a painting did besides writing operators: texts encoded, links made."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []
        self.links: list[tuple[tuple[float, float, float, float], str | None, str | None]] = []


class Painting(NamedTuple):
    """A recorded painting (see :func:`painted`): the operators it wrote, the links it made
    (in its own coordinates), the (font, text) it encoded in order, the font codes those
    texts had (per font: its code points, their codes, and the characters as a string), and
    the key it was recorded under (kept alive with it)."""

    ops: tuple[str, ...]
    links: tuple[tuple[tuple[float, float, float, float], str | None, str | None], ...]
    texts: tuple[tuple[str, str], ...]
    codes: tuple[tuple[str, tuple[int, ...], tuple[int | None, ...], str], ...]
    pin: object


#: Paintings kept in this process by key, for ``--watch`` rebuilds.
_PAINTINGS: Memo = Memo(20000, warm_only=True)


def painted(c: Canvas, key: tuple, paint: Callable[[], None], pin: object = None) -> None:
    """Run ``paint()`` on ``c``, or replay what it wrote last time under ``key``.

    ``key`` must name everything the painting depends on except the font codes (objects
    named by ``id`` in it go in ``pin``): painting
    within one saveState/restoreState pair (as platypus draws a flowable), operators and
    links in the current coordinates, text through :func:`draw_line`. A recorded painting
    is replayed only when the document's fonts give its characters the same codes as when
    it was recorded (characters it was first to use are given codes in the same order), so
    the bytes are exactly those ``paint()`` would write."""
    if not warm():  # recording only pays when another build follows in this process
        paint()
        return
    found = _PAINTINGS.get(key)
    if found is not None and _replay(c, found):
        return
    _PAINTINGS.keep(key, _record(c, paint, pin))


def _record(c: Canvas, paint: Callable[[], None], pin: object) -> Painting:
    enc = _encoder(c)
    recorder = enc.recorder = _Recorder()
    start = len(c._code)
    try:
        paint()
    finally:
        enc.recorder = None
    fonts: dict[str, list[str]] = {}
    for name, text in recorder.texts:
        fonts.setdefault(name, []).append(text)
    used = {name: tuple(sorted(set(map(ord, "".join(texts))))) for name, texts in fonts.items()}
    codes = tuple((name, cps, enc.codes(name, cps), "".join(map(chr, cps)))
                  for name, cps in used.items())
    return Painting(tuple(c._code[start:]), tuple(recorder.links), tuple(recorder.texts), codes,
                    pin)


def _replay(c: Canvas, painting: Painting) -> bool:
    enc = _encoder(c)
    if not all(enc.knows(chars, name) for name, _, _, chars in painting.codes):
        for name, text in painting.texts:  # give first-used characters codes, in order
            if not enc.knows(text, name):
                enc.encode(text, name)
    if any(enc.codes(name, cps) != codes for name, cps, codes, _ in painting.codes):
        return False
    c._code.extend(painting.ops)
    for rect, url, dest in painting.links:
        add_link(c, rect, url=url, dest=dest)
    return True


def add_link(c: Canvas, rect: tuple[float, float, float, float], *, url: str | None = None,
             dest: str | None = None) -> None:
    """Make ``rect`` (x0, y0, x1, y1 in the canvas's current coordinates, e.g. inside a
    flowable) clickable: it opens ``url``, or goes to the named destination ``dest``.

    The rectangle is turned into page coordinates here (annotations live in page space). The
    annotation is written by :class:`LinkAnnotation`, without ReportLab's generic dictionaries. A
    canvas with a ``program_uri_links`` list gets (page index, rect, URL) of each URL link
    added to it."""
    if url is not None:  # what the annotation holds: 7-bit ASCII, as the QR code does
        url = ascii_url(url) or url
    recorder = _encoder(c).recorder
    if recorder is not None:
        recorder.links.append((rect, url, dest))
    a, b, cc, d, e, f = c._currentMatrix  # as Canvas.absolutePosition, for both corners
    x0, y0 = a * rect[0] + cc * rect[1] + e, b * rect[0] + d * rect[1] + f
    x1, y1 = a * rect[2] + cc * rect[3] + e, b * rect[2] + d * rect[3] + f
    box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    uri_links = getattr(c, "program_uri_links", None)
    if url is not None and uri_links is not None:  # as written (fp_str), for the imposition
        uri_links.append((c.getPageNumber() - 1, tuple(map(float, fp_str(*box).split())), url))
    target = c._bookmarkReference(dest) if dest is not None else None
    # as Canvas._addAnnotation does, without naming the object (nothing reads its name)
    name, _ = new_object(c, LinkAnnotation(box, url, target))
    c._annotationrefs.append(PDFObjectReference(name))


class LinkAnnotation(PDFObject):
    """A link annotation, formatted straight to PDF: a URI action for ``url``, otherwise
    ``/Dest`` to the destination ``target`` (bound when the document is written). The
    structure tree (:mod:`program.render.tagging`) sets ``struct_parent``, its key in the
    parent tree; with it the annotation also says where it goes (``/Contents``, PDF/UA)."""

    struct_parent: int | None = None

    def __init__(self, box: tuple[float, float, float, float], url: str | None, target) -> None:
        self.box, self.url, self.target = box, url, target

    def format(self, document) -> bytes:
        tagged = b"" if self.struct_parent is None else b" /StructParent %d" % self.struct_parent
        if self.url is not None:  # in --watch, most are as they were in the last build
            key = (self.box, self.url, tagged)
            found = _URI_LINKS.get(key)
            if found is None:
                url = _pdf_string(self.url, document)
                action = b"/A << /S /URI /Type /Action /URI " + url + b" >>"
                found = _URI_LINKS.keep(key, self._bytes(action, tagged and tagged
                                                         + b" /Contents " + url))
            return found
        return self._bytes(b"/Dest " + _destination(self.target, document),
                           tagged and tagged + b" /Contents (link)")

    def _bytes(self, action: bytes, tagged: bytes) -> bytes:
        return (b"<< " + action + b" /Border [ 0 0 0 ] /Rect [ " + fp_str(*self.box).encode("ascii")
                + b" ] /Subtype /Link /Type /Annot" + tagged + b" >>")


#: Written URI links by (box, URL), kept for later builds in --watch.
_URI_LINKS: Memo = Memo(20000, warm_only=True)


def _destination(target: Destination, document) -> bytes:
    """A bound named destination as ReportLab writes it (``[ 12 0 R /XYZ 0 500 null ]``),
    the usual /XYZ kind formatted directly, once per destination and document (the grid,
    the index and the contents link to the same talks and sessions)."""
    fmt, page = target.fmt, target.page
    if type(fmt) is not PDFDestinationXYZ or page is None:
        return target.format(document)
    written = document.__dict__.setdefault("_program_destinations", {})
    found = written.get(id(target))  # destinations live as long as their document
    if found is None:
        values = " ".join(v if isinstance(v, str) else fp_str(v)
                          for v in (fmt.left, fmt.top, fmt.zoom))
        number = document.idToObjectNumberAndVersion.get(getattr(page, "__InternalName__", None))
        ref = b"%d %d R" % number if number else document.Reference(page).format(document)
        found = written[id(target)] = b"[ " + ref + f" /XYZ {values} ]".encode("ascii")
    return found


def _pdf_string(text: str, document) -> bytes:
    """``text`` as a PDF string literal (plain ASCII escaped here; the rest as ReportLab's
    PDFString writes it)."""
    if text.isascii() and text.isprintable():
        return ("(" + escapePDF(text.encode("ascii")) + ")").encode("ascii")
    return PDFString(text).format(document)
