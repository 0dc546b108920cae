"""Flowing blocks down the pages of one frame: the booklet's page maker.

A small replacement for the parts of ReportLab's platypus the booklet used (one frame per
page, page breaks, splitting, page-begin and page-end decorations). Importing platypus
costs ~0.12 s, a quarter of a small booklet's whole budget, and most of what it does (its
Paragraph, tables, multi-frame templates) the booklet does not need.

``Flow(canvas, frame, templates).run(story)`` places each :class:`Block` of ``story`` below
the previous one; a block that does not fit is split (``split``) or moved to a new page.
The rules are platypus's, so pages come out as they did: a page is begun as soon as the last
one ends, and one left empty at the very end is dropped; a :class:`PageBreak` ends the page
even if it is empty; space before a block is dropped at the top of a page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from reportlab.pdfgen.canvas import Canvas

_FUZZ = 1e-6  # as platypus: rounding may not push a block that fits onto the next page


class Block:
    """Something placed in the flow: ``wrap(aw, ah) -> (w, h)`` says its size for the
    available width and height, ``split(aw, ah)`` may cut it into parts that fit (``[]``:
    it cannot be cut), and ``draw()`` paints it with ``self.canv`` translated to its
    lower-left corner."""

    width: float = 0.0
    height: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    canv: Canvas
    _postponed: bool = False  # moved to a new page once already (a second time is an error)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Block]:
        return []

    def draw(self) -> None:
        pass

    def draw_on(self, canv: Canvas, x: float, y: float) -> None:
        """Paint at ``(x, y)`` (lower-left corner, page coordinates)."""
        canv.saveState()
        canv.translate(x, y)
        self.canv = canv
        try:
            self.draw()
        finally:
            canv.restoreState()


class Spacer(Block):
    """Empty space of a given height."""

    def __init__(self, height: float):
        self.height = height


class PageBreak(Block):
    """Ends the page (an empty page too)."""


class LeftPageBreak(PageBreak):
    """Ends the page so that what follows begins on a left-hand (even-numbered) page, with
    a blank page between when needed: a day's grid in two parts faces itself, never its
    own back."""


class CondPageBreak(Block):
    """Ends the page when less than ``height`` is left on it (and it is not empty)."""

    def __init__(self, height: float):
        self.need = height


class NextTemplate(Block):
    """The pages begun after this one use the template ``name``."""

    def __init__(self, name: str):
        self.name = name


class Later(Block):
    """Replaced, when the flow reaches it, by the blocks ``make()`` returns then (e.g. an
    index that needs every earlier page number)."""

    def __init__(self, make: Callable[[], list[Block]]):
        self.make = make


@dataclass(frozen=True)
class Template:
    """What is painted on each page besides the flow: ``begin(canvas)`` before the
    blocks, ``end(canvas)`` after them."""

    begin: Callable[[Canvas], None] | None = None
    end: Callable[[Canvas], None] | None = None


class LayoutError(Exception):
    """A block that fits on no page (a bug in the block: the booklet's blocks split)."""


class Flow:
    """Places blocks in the frame ``(x, y, width, height)`` of every page of ``canv``."""

    def __init__(self, canv: Canvas, frame: tuple[float, float, float, float],
                 templates: dict[str, Template], first: str):
        self.canv = canv
        self.x, self.y0, self.width, self.height = frame
        self.templates = templates
        self.template = self.next_template = first
        self.pages = 0
        self._open = False

    # pages ------------------------------------------------------------------------------

    def _begin(self) -> None:
        self.template = self.next_template
        self.pages += 1
        self._open = True
        self._y = self.y0 + self.height
        self._at_top = True
        self._drawn = 0
        begin = self.templates[self.template].begin
        if begin:
            begin(self.canv)

    def _end(self) -> None:
        end = self.templates[self.template].end
        if end:
            end(self.canv)
        self.canv.showPage()
        self._open = False

    def _ensure_page(self) -> None:
        if not self._open:
            self._begin()

    # blocks -----------------------------------------------------------------------------

    def _try_add(self, block: Block) -> bool:
        """Place ``block`` on the current page if it fits; True when placed."""
        space = 0.0 if self._at_top else block.space_before
        room = self._y - self.y0 - space
        if room <= 0:
            return False
        w, h = block.wrap(self.width, room)
        y = self._y - h - space
        if y < self.y0 - _FUZZ:
            return False
        block.draw_on(self.canv, self.x, y)
        y -= block.space_after
        if y != self._y:
            self._at_top = False
        self._y = y
        self._drawn += 1
        return True

    def run(self, story: Iterable[Block]) -> int:
        """Place every block of ``story``; returns the number of pages."""
        queue = list(story)
        queue.reverse()  # a stack: parts of a split block go back on top
        self._ensure_page()  # the first page is begun at once, in the first template
        while queue:
            block = queue.pop()
            if isinstance(block, Later):
                queue.extend(reversed(block.make()))
                continue
            if isinstance(block, NextTemplate):
                self.next_template = block.name
                continue
            self._ensure_page()
            if isinstance(block, PageBreak):
                self._end()
                self._begin()
                if isinstance(block, LeftPageBreak) and self.pages % 2:
                    self._end()
                    self._begin()
                continue
            if isinstance(block, CondPageBreak):
                if not self._at_top and self._y - self.y0 < block.need:
                    self._end()
                    self._begin()
                continue
            if self._try_add(block):
                continue
            space = 0.0 if self._at_top else block.space_before
            parts = block.split(self.width, self._y - self.y0 - space)
            if parts:
                if not self._try_add(parts[0]):
                    raise LayoutError(f"the first part of a split {type(block).__name__} "
                                      f"does not fit on page {self.pages}")
                queue.extend(reversed(parts[1:]))
                continue
            if block._postponed:
                raise LayoutError(f"a {type(block).__name__} of {block.height:.0f} pt fits on "
                                  f"no page ({self.height:.0f} pt)")
            block._postponed = True  # (on the block: ids of blocks no longer used are reused)
            queue.append(block)
            self._end()
            self._begin()
        if self._open:
            if self._drawn or self.pages == 1:
                self._end()
            else:  # an empty page left at the end is not a page
                self.pages -= 1
                self.canv._code.clear()  # what its template began with
        return self.pages
