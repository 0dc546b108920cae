"""Badge-back cards as pages of frames: n-up sheets with crop marks, and one card per page
at trim size (with trim and bleed boxes) for print shops.

``card_pages(schedule, card, paper, clock, qr, bleed) -> (sheets, singles, warnings)``. Each
card is one :class:`~program.layout.frames.Form`, placed as often as a sheet holds it (and
once on its trim-size page); render writes it once per document. Pure: no canvas.
"""
from __future__ import annotations

from dataclasses import dataclass

from program.checks import safe_url
from program.errors import UserError
from program.fonts import BOLD, REGULAR
from program.fonts import width as text_width
from program.layout.cards import HEADER, MARGIN, Card, CardSizeError, layout_cards, parse_card_size
from program.layout.frames import (Box, Form, Item, Link, Meta, Page, Place, Role,
                                   fitted_lines, inks, mirrored, qr_item, qr_side, text_line)
from program.layout.palette import ACCENT
from program.layout.paper import landscape, mm, sheet_for
from program.layout.textfit import ASCENT, clip
from program.layout.trim import MARK, MARK_OFFSET, crop_marks
from program.language import language_of
from program.model import Schedule

#: a card's bleed when --bleed is not given: its colour band meets the trim on three sides
DEFAULT_BLEED_MM = 2.0
SHEET_MARGIN = 8 * mm
QR_MODULE = 0.4 * mm
QR_MIN_SIDE = 12 * mm


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
        cols = int((sw - 2 * SHEET_MARGIN + gutter) // (cw + gutter))
        rows = int((sh - 2 * SHEET_MARGIN + gutter) // (ch + gutter))
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


def card_url(schedule: Schedule, want_qr: bool) -> str | None:
    """The URL the cards' QR code opens (None: no code)."""
    url = schedule.event.url
    return url if url and want_qr and safe_url(url) else None


def card_items(card: Card, url: str | None, bleed: float, alt: str | None = None,
               rtl: bool = False) -> list[Item]:
    """``card`` with its trim box at the origin; colour runs ``bleed`` past the trim; ``alt``
    says where the QR code links to; ``rtl``: mirrored for a right-to-left language (times
    and the event's title on the right, text right-aligned)."""
    w, h = card.width, card.height
    out: list[Item] = [Box(-bleed, h - HEADER - MARGIN * 0.6, w + 2 * bleed,
                           HEADER + MARGIN * 0.6 + bleed, fill=ACCENT)]
    # the title beside the date when both fit one line, else the date on a line under it:
    # the title never prints over the date
    sub_size = 7.5
    sub_w = text_width(card.subtitle, BOLD, sub_size)
    beside = w - 2 * MARGIN - sub_w - 3 * mm
    title_size = 8.5
    while title_size > 6.5 and text_width(card.title, BOLD, title_size) > beside:
        title_size -= 0.5
    middle = h - MARGIN * 0.6 - HEADER / 2
    if text_width(card.title, BOLD, title_size) <= beside:
        base = middle - title_size * 0.35
        out.append(text_line(card.title, MARGIN, base, BOLD, title_size, "#ffffff",
                             role=Role.HEADING))
        out.append(text_line(card.subtitle, w - MARGIN, base, BOLD, sub_size, "#ffffff",
                             "right", Role.HEADING))
    else:
        title_size = 8.0
        title = clip(card.title, BOLD, title_size, w - 2 * MARGIN)
        base = middle + (title_size * 1.2 + sub_size) / 2 - title_size * 0.8
        out.append(text_line(title, MARGIN, base, BOLD, title_size, "#ffffff",
                             role=Role.HEADING))
        out.append(text_line(card.subtitle, MARGIN, base - title_size * 1.2, BOLD, sub_size,
                             "#ffffff", role=Role.HEADING))
    for placed in card.rows:
        top = h - placed.y
        if placed.row.time:
            out.append(text_line(placed.row.time, placed.x, top - ASCENT * card.size,
                                 BOLD if placed.row.strong else REGULAR, card.size, ACCENT,
                                 role=Role.TABLE_CELL))
        out += fitted_lines(placed.row.text, placed.x + placed.time_width, top, inks(),
                            role=Role.TABLE_CELL)
    if url and card.qr_side:
        out.append(qr_item(url, w - MARGIN - card.qr_side, MARGIN, card.qr_side, QR_MODULE,
                           alt))
    return list(mirrored(out, 0.0, w)) if rtl else out


def _qr_link(url: str, card: Card, x: float, y: float, rtl: bool = False) -> Link:
    """A link over the QR code of a card whose trim origin is at ``(x, y)`` (mirrored with
    the card for a right-to-left language)."""
    left, bottom = x + card.width - MARGIN - card.qr_side, y + MARGIN
    link = Link((left, bottom, left + card.qr_side, bottom + card.qr_side), url=url)
    return mirrored((link,), x, x + card.width)[0] if rtl else link


def card_bleed(asked_mm: float | None) -> float:
    """The cards' bleed in points: ``asked_mm`` (--bleed), else :data:`DEFAULT_BLEED_MM`
    (the band runs to the top and side trims, so a cut a little off would show white)."""
    return (DEFAULT_BLEED_MM if asked_mm is None else asked_mm) * mm


def card_meta(schedule: Schedule, subject: str) -> Meta:
    """The document information of a card product."""
    ev = schedule.event
    return Meta(f"{ev.title} — {subject}", ", ".join(ev.organizers) or ev.title, subject,
                ev.language)


def card_pages(schedule: Schedule, card_size: str, paper: str, clock: str, want_qr: bool,
               bleed: float) -> tuple[tuple[Page, ...], tuple[Page, ...], tuple[str, ...]]:
    """The card sheets (one per card, crop marks outside the trim), the trim-size cards, and
    the layout's warnings. UserError for a card size that cannot be laid out."""
    try:
        trim = parse_card_size(card_size)
        url = card_url(schedule, want_qr)
        side = qr_side(url, QR_MIN_SIDE, QR_MODULE) if url else 0.0
        cards = layout_cards(schedule, trim, clock, side)
    except CardSizeError as exc:
        raise UserError(str(exc)) from None
    imp = imposition(trim, sheet_for(paper), bleed)
    lang = language_of(schedule)
    alt, rtl = lang.text("QR code: link to {what}", what=schedule.event.title), lang.rtl
    sheets: list[Page] = []
    singles: list[Page] = []
    single_size = (trim[0] + 2 * bleed, trim[1] + 2 * bleed)
    for n, card in enumerate(cards.cards):
        form = Form(f"card{n}", (-bleed, -bleed, trim[0] + bleed, trim[1] + bleed),
                    tuple(card_items(card, url, bleed, alt, rtl)))
        linked = bool(url and card.qr_side)
        items: list[Item] = []
        for x, y in imp.origins:
            items.append(Place(form, x, y))
            if linked:
                items.append(_qr_link(url, card, x, y, rtl))
        for x, y in imp.origins:
            items += crop_marks(x, y, trim[0], trim[1], bleed)
        sheets.append(Page(imp.sheet, tuple(items)))
        single: list[Item] = [Place(form, bleed, bleed)]
        if linked:
            single.append(_qr_link(url, card, bleed, bleed, rtl))
        singles.append(Page(single_size, tuple(single),
                            trim=(bleed, bleed, bleed + trim[0], bleed + trim[1]),
                            bleed=(0, 0, single_size[0], single_size[1])))
    return tuple(sheets), tuple(singles), cards.warnings
