"""Pages for the print shop: trim and bleed boxes, colour run into the bleed, crop marks.

- ``crop_marks(x, y, w, h, bleed) -> [Rule]``: marks at the trim lines of a ``w`` x ``h``
  trim whose lower-left corner is (x, y), starting outside the bleed (the cards' sheets, the
  badges, the booklet).
- ``slug(bleed) -> float``: how far the medium reaches past the trim for a bleed of ``bleed``
  and the marks outside it.
- ``print_ready(page, bleed) -> Page``: a page laid out at trim size made into one with its
  trim at the centre of a larger medium: colour that meets the trim runs ``bleed`` past it,
  a TrimBox at the trim, a BleedBox ``bleed`` outside it and crop marks in the slug (outside
  the bleed). Pure: positions in points.
"""
from __future__ import annotations

from dataclasses import replace

from program.layout.frames import Box, Item, Page, Rule, moved
from program.layout.paper import mm

MARK = 4 * mm  # crop mark length
MARK_OFFSET = 1.5 * mm  # gap between trim (or bleed) and the start of a mark
#: closer than this to a trim edge (points) counts as meeting it
EDGE = 0.01


def crop_marks(x: float, y: float, w: float, h: float, bleed: float) -> list[Rule]:
    """Marks at the trim lines, starting outside the bleed so they never print on the card."""
    off = bleed + MARK_OFFSET
    out = []
    for cx in (x, x + w):
        for cy, direction in ((y, -1), (y + h, 1)):
            out.append(Rule(cx, cy + direction * off, cx, cy + direction * (off + MARK),
                            "#000000", 0.25))
    for cy in (y, y + h):
        for cx, direction in ((x, -1), (x + w, 1)):
            out.append(Rule(cx + direction * off, cy, cx + direction * (off + MARK), cy,
                            "#000000", 0.25))
    return out


def slug(bleed: float) -> float:
    """The medium's reach past the trim: the bleed, the marks' gap and length, and the same
    gap again so that a mark does not end at the paper's edge."""
    return bleed + 2 * MARK_OFFSET + MARK


def bled(item: Item, size: tuple[float, float], bleed: float) -> Item:
    """``item`` (on a trim-size page of ``size``) run ``bleed`` past each trim edge it meets
    when it is a filled box (colour to the edge would show a white sliver after an imprecise
    cut); any other item as it is."""
    if not isinstance(item, Box) or item.fill is None:
        return item
    w, h = size
    left = bleed if item.x <= EDGE else 0.0
    bottom = bleed if item.y <= EDGE else 0.0
    right = bleed if item.x + item.w >= w - EDGE else 0.0
    top = bleed if item.y + item.h >= h - EDGE else 0.0
    if not (left or bottom or right or top):
        return item
    return replace(item, x=item.x - left, y=item.y - bottom, w=item.w + left + right,
                   h=item.h + bottom + top)


def print_ready(page: Page, bleed: float) -> Page:
    """``page`` (trim size, no boxes) on a medium :func:`slug` larger on every side: its
    items moved onto the trim, its edge colour run into the bleed, trim and bleed boxes, and
    crop marks outside the bleed."""
    w, h = page.size
    s = slug(bleed)
    items = moved((bled(i, page.size, bleed) for i in page.items), s, s)
    return Page((w + 2 * s, h + 2 * s), tuple(items) + tuple(crop_marks(s, s, w, h, bleed)),
                trim=(s, s, s + w, s + h),
                bleed=(s - bleed, s - bleed, s + w + bleed, s + h + bleed))
