"""Badge-back cards as PDF: n-up on A4 or Letter sheets with crop marks, and one card per
page at trim size (TrimBox and BleedBox set) for print shops.

``render_card_products(schedule, options) -> (sheets, single cards)``: both products from one
layout of the cards.
Each card is drawn once as a form XObject and placed as often as the sheet holds it.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from program.checks import safe_url
from program.errors import UserError
from program.fonts import BOLD, REGULAR, register
from program.fonts import width as text_width
from program.layout.cards import HEADER, MARGIN, Card, CardSizeError, layout_cards, parse_card_size
from program.layout.palette import ACCENT
from program.layout.textfit import ASCENT, clip
from program.model import Schedule
from program.render.draw import add_link, color, draw_fitted, draw_qr, draw_text, qr_side
from program.render.pages import ProductResult, RenderOptions

MARK = 4 * mm  # crop mark length
MARK_OFFSET = 1.5 * mm  # gap between trim (or bleed) and the start of a mark
SHEET_MARGIN = 8 * mm
QR_MODULE = 0.4 * mm


@dataclass(frozen=True)
class Imposition:
    """How cards sit on a sheet: sheet size, columns x rows, and each card's trim origin."""

    sheet: tuple[float, float]
    origins: tuple[tuple[float, float], ...]


def imposition(card: tuple[float, float], sheet: tuple[float, float], bleed: float) -> Imposition:
    """The most cards of ``card`` size on ``sheet`` (either orientation), centred, with room
    between neighbours for bleed and crop marks."""
    best: Imposition | None = None
    gutter = 2 * (bleed + MARK_OFFSET + MARK)
    for size in (sheet, landscape(sheet)):
        sw, sh = size
        cw, ch = card
        usable_w = sw - 2 * SHEET_MARGIN
        usable_h = sh - 2 * SHEET_MARGIN
        cols = int((usable_w + gutter) // (cw + gutter))
        rows = int((usable_h + gutter) // (ch + gutter))
        if cols < 1 or rows < 1:
            continue
        total_w = cols * cw + (cols - 1) * gutter
        total_h = rows * ch + (rows - 1) * gutter
        x0, y0 = (sw - total_w) / 2, (sh - total_h) / 2
        origins = tuple((x0 + i * (cw + gutter), y0 + (rows - 1 - j) * (ch + gutter))
                        for j in range(rows) for i in range(cols))
        if best is None or len(origins) > len(best.origins):
            best = Imposition(size, origins)
    if best is None:
        raise UserError(f"a {card[0] / mm:.0f}x{card[1] / mm:.0f} mm card does not fit on the "
                        "sheet with its crop marks")
    return best


def _qr_url(schedule: Schedule, options: RenderOptions) -> str | None:
    url = schedule.event.url
    return url if url and options.qr and safe_url(url) else None


def _layout(schedule: Schedule, options: RenderOptions):
    try:
        trim = parse_card_size(options.card)
    except CardSizeError as exc:
        raise UserError(str(exc)) from None
    url = _qr_url(schedule, options)
    side = qr_side(url, 12 * mm, QR_MODULE) if url else 0.0
    try:
        return trim, url, layout_cards(schedule, trim, options.clock, side)
    except CardSizeError as exc:
        raise UserError(str(exc)) from None


def draw_card(c: Canvas, card: Card, url: str | None, bleed: float) -> None:
    """Draw ``card`` with its trim box at the origin; colour runs ``bleed`` past the trim."""
    w, h = card.width, card.height
    c.setFillColor(color(ACCENT))
    c.rect(-bleed, h - HEADER - MARGIN * 0.6, w + 2 * bleed, HEADER + MARGIN * 0.6 + bleed,
           stroke=0, fill=1)
    title_size = 8.5
    while title_size > 6.5 and text_width(card.title, BOLD, title_size) > w - 2 * MARGIN - 50:
        title_size -= 0.5
    title = clip(card.title, BOLD, title_size, w - 2 * MARGIN - 50)
    base = h - MARGIN * 0.6 - HEADER / 2 - title_size * 0.35
    draw_text(c, title, MARGIN, base, BOLD, title_size, "#ffffff")
    draw_text(c, card.subtitle, w - MARGIN, base, BOLD, 7.5, "#ffffff", "right")
    for placed in card.rows:
        top = h - placed.y
        if placed.row.time:
            draw_text(c, placed.row.time, placed.x, top - ASCENT * card.size,
                      BOLD if placed.row.strong else REGULAR, card.size, ACCENT)
        draw_fitted(c, placed.row.text, placed.x + placed.time_width, top)
    if url and card.qr_side:
        draw_qr(c, url, w - MARGIN - card.qr_side, MARGIN, card.qr_side, link=False)


def _qr_link(c: Canvas, url: str, card: Card, x: float, y: float) -> None:
    """A link over the QR code of a card whose trim origin is at ``(x, y)``."""
    left, bottom = x + card.width - MARGIN - card.qr_side, y + MARGIN
    add_link(c, (left, bottom, left + card.qr_side, bottom + card.qr_side), url=url)


def _crop_marks(c: Canvas, x: float, y: float, w: float, h: float, bleed: float) -> None:
    """Marks at the trim lines, starting outside the bleed so they never print on the card."""
    off = bleed + MARK_OFFSET
    c.setStrokeColor(color("#000000"))
    c.setLineWidth(0.25)
    for cx in (x, x + w):
        for cy, direction in ((y, -1), (y + h, 1)):
            c.line(cx, cy + direction * off, cx, cy + direction * (off + MARK))
    for cy in (y, y + h):
        for cx, direction in ((x, -1), (x + w, 1)):
            c.line(cx + direction * off, cy, cx + direction * (off + MARK), cy)


def _canvas(buf: io.BytesIO, schedule: Schedule, subject: str) -> Canvas:
    ev = schedule.event
    c = Canvas(buf, invariant=1, initialFontName=REGULAR, pageCompression=1, lang=ev.language)
    c.setTitle(f"{ev.title} — {subject}")
    c.setAuthor(", ".join(ev.organizers) or ev.title)
    c.setSubject(subject)
    c.setCreator("program")
    c.setProducer("program (ReportLab)")
    return c


def render_card_products(schedule: Schedule,
                         options: RenderOptions) -> tuple[ProductResult, ProductResult]:
    """The card sheets and the trim-size cards, from one layout (which also gives the
    warnings, reported once with the sheets)."""
    register()
    trim, url, cards = _layout(schedule, options)
    bleed = options.bleed_mm * mm
    return (ProductResult(_sheets(schedule, options, trim, url, cards.cards, bleed),
                          len(cards.cards), cards.warnings),
            ProductResult(_singles(schedule, trim, url, cards.cards, bleed), len(cards.cards)))


def _sheets(schedule: Schedule, options: RenderOptions, trim: tuple[float, float],
            url: str | None, cards: tuple[Card, ...], bleed: float) -> bytes:
    """Sheets of cards (one sheet per different card), crop marks outside the trim."""
    sheet = LETTER if options.paper in ("letter", "half-letter") else A4
    imp = imposition(trim, sheet, bleed)
    buf = io.BytesIO()
    c = _canvas(buf, schedule, "badge cards")
    for n, card in enumerate(cards):
        form = f"card{n}"
        c.beginForm(form, lowerx=-bleed, lowery=-bleed, upperx=trim[0] + bleed,
                    uppery=trim[1] + bleed)
        draw_card(c, card, url, bleed)
        c.endForm()
        c.setPageSize(imp.sheet)
        for x, y in imp.origins:
            c.saveState()
            c.translate(x, y)
            c.doForm(form)
            c.restoreState()
            if url and card.qr_side:
                _qr_link(c, url, card, x, y)
        for x, y in imp.origins:
            _crop_marks(c, x, y, trim[0], trim[1], bleed)
        c.showPage()
    c.save()
    return buf.getvalue()


def _singles(schedule: Schedule, trim: tuple[float, float], url: str | None,
             cards: tuple[Card, ...], bleed: float) -> bytes:
    """One card per page at trim size plus bleed, with TrimBox and BleedBox set."""
    buf = io.BytesIO()
    c = _canvas(buf, schedule, "badge card (trim size)")
    page = (trim[0] + 2 * bleed, trim[1] + 2 * bleed)
    for card in cards:
        c.setPageSize(page)
        c.setTrimBox((bleed, bleed, bleed + trim[0], bleed + trim[1]))
        c.setBleedBox((0, 0, page[0], page[1]))
        c.saveState()
        c.translate(bleed, bleed)
        draw_card(c, card, url, bleed)
        c.restoreState()
        if url and card.qr_side:
            _qr_link(c, url, card, bleed, bleed)
        c.showPage()
    c.save()
    return buf.getvalue()
