"""Badge stock: where each badge is cut on a sheet. One table of presets, each with its
source, and plain card sizes imposed with crop marks.

``stock_for(name, paper) -> Stock``: a preset by name (``avery-5392``...), else a card size
(``4x3in``, ``4x6in``, ``a6``, ``WxHmm``) laid out as the badge cards are (centred, crop
marks between the cards) on the sheet that goes with ``paper``. A :class:`Stock` gives each
cell's lower-left corner in PDF points, fronts in reading order, and where the back of each
cell lies on the other side of the sheet (``back_cells``). Pure: no canvas.
"""
from __future__ import annotations

from dataclasses import dataclass

from program.errors import UserError
from program.layout.paper import A4, LETTER, inch, mm, sheet_for


@dataclass(frozen=True)
class Stock:
    """A sheet of ``cols`` x ``rows`` badges of ``label`` size: the first column's left cut
    ``left`` from the sheet's left edge, the first row's top cut ``top`` from its top edge,
    the next cut ``pitch`` (x, y) further on. ``source`` says where the geometry comes from;
    ``crop_marks``: the sheet is cut by hand (plain paper), so marks are drawn."""

    name: str
    sheet: tuple[float, float]
    label: tuple[float, float]
    cols: int
    rows: int
    left: float
    top: float
    pitch: tuple[float, float]
    source: str
    crop_marks: bool = False

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    def cells(self) -> tuple[tuple[float, float], ...]:
        """Each badge's lower-left corner (points, origin at the sheet's lower left), in
        reading order: left to right, top row first."""
        _, sheet_h = self.sheet
        w, h = self.label
        return tuple((self.left + i * self.pitch[0], sheet_h - self.top - j * self.pitch[1] - h)
                     for j in range(self.rows) for i in range(self.cols))

    def back_cells(self, flip: str = "long") -> tuple[tuple[float, float], ...]:
        """Where the back of each cell (same order as :meth:`cells`) is drawn on the other
        side: turned over the long edge of a portrait sheet, left and right swap
        (``x = W - x - w``); over the short edge, top and bottom (``y = H - y - h``). For a
        landscape sheet the long edge is the top, so the two swap."""
        sheet_w, sheet_h = self.sheet
        w, h = self.label
        sideways = (flip == "long") == (sheet_w <= sheet_h)
        return tuple((sheet_w - x - w, y) if sideways else (x, sheet_h - y - h)
                     for x, y in self.cells())


def _preset(name: str, sheet, label, cols: int, rows: int, left: float, top: float,
            pitch, source: str) -> Stock:
    return Stock(name, sheet, label, cols, rows, left, top, pitch, source)


#: Badge stock presets, geometry from the manufacturers' templates as issue 16 lists them.
PRESETS: dict[str, Stock] = {s.name: s for s in (
    _preset("avery-5392", LETTER, (4 * inch, 3 * inch), 2, 3, 0.25 * inch, 1 * inch,
            (4 * inch, 3 * inch), "Avery 5392 name badge inserts, template 5392 (avery.com/"
            "templates/5392): 4 x 3 in, 6 per Letter sheet, left 0.25 in, top 1 in, no gaps"),
    _preset("avery-5395", LETTER, (3.375 * inch, 2.333 * inch), 2, 4, 0.6875 * inch,
            0.5833 * inch, (3.75 * inch, 2.5 * inch), "Avery 5395 adhesive name badges, "
            "template 5395 (avery.com/templates/5395): 3.375 x 2.333 in, 8 per Letter sheet, "
            "first at 0.6875/0.5833 in, pitch 3.75 x 2.5 in"),
    _preset("avery-8395", LETTER, (3.375 * inch, 2.333 * inch), 2, 4, 0.6875 * inch,
            0.5833 * inch, (3.75 * inch, 2.5 * inch), "Avery 8395 (inkjet twin of 5395, same "
            "template, avery.com/templates/8395): as avery-5395"),
    _preset("avery-l4785", A4, (80 * mm, 50 * mm), 2, 5, 18 * mm, 13 * mm, (95 * mm, 55 * mm),
            "Avery L4785 name badge labels, template L4785 (avery.co.uk): 80 x 50 mm, 10 per A4 "
            "sheet, first at 18/13 mm, pitch 95 x 55 mm"),
    _preset("herma-4412", A4, (80 * mm, 50 * mm), 2, 5, 17.5 * mm, 13.5 * mm,
            (95 * mm, 55 * mm), "Herma 4412 name badge labels (herma.com product sheet): "
            "80 x 50 mm, 10 per A4 sheet, left 17.5 mm, top 13.5 mm, pitch 95 x 55 mm"),
    _preset("durable-1445", A4, (90 * mm, 54 * mm), 2, 5, 15 * mm, 13.5 * mm,
            (90 * mm, 54 * mm), "Durable 1445 badge inserts: 90 x 54 mm, 10 per A4 sheet "
            "(Durable's product page); the sheet position is not published: centred, no gaps "
            "(measure yours with --calibration)"),
    _preset("a6-4up", A4, (105 * mm, 148 * mm), 2, 2, 0.0, 0.5 * mm, (105 * mm, 148 * mm),
            "ISO 216: four A6 (105 x 148 mm) to an A4 sheet, cut in half both ways (the 1 mm "
            "A4 has to spare is split above and below)"),
    _preset("a7-8up", A4, (105 * mm, 74 * mm), 2, 4, 0.0, 0.5 * mm, (105 * mm, 74 * mm),
            "ISO 216: eight A7 (74 x 105 mm, landscape) to an A4 sheet, 2 x 4 (the 1 mm A4 has "
            "to spare is split above and below)"),
)}


def stock_for(name: str, paper: str = "a4") -> Stock:
    """The preset called ``name``, else the card size ``name`` imposed on ``paper``'s sheet
    with crop marks. UserError for neither."""
    key = name.strip().lower().replace(" ", "-").replace("_", "-")
    if key in PRESETS:
        return PRESETS[key]
    from program.layout.card_frames import imposition
    from program.layout.cards import CardSizeError, parse_card_size

    try:
        trim = parse_card_size(name)
    except CardSizeError:
        raise UserError(f"unknown badge stock {name!r}; choose a preset ("
                        f"{', '.join(sorted(PRESETS))}) or a card size (4x3in, 4x6in, a6, "
                        "WxHmm)") from None
    imp = imposition(trim, sheet_for(paper), 0.0)
    xs = sorted({round(x, 6) for x, _ in imp.origins})
    ys = sorted({round(y, 6) for _, y in imp.origins}, reverse=True)
    sheet_h = imp.sheet[1]
    pitch = (xs[1] - xs[0] if len(xs) > 1 else trim[0], ys[0] - ys[1] if len(ys) > 1 else trim[1])
    return Stock(key, imp.sheet, trim, len(xs), len(ys), xs[0], sheet_h - ys[0] - trim[1],
                 pitch, f"plain {name} cards imposed as the badge cards are: centred, crop "
                        "marks between them", crop_marks=True)
