"""Flowing blocks down the pages of one frame: the booklet's page maker, as pure layout.

``Flow(frame, templates, first).run(story) -> pages`` places each :class:`Block` of
``story`` below the previous one; a block that does not fit is split (``split``) or moved to
a new page. Nothing is drawn: each page comes back as what was placed on it, in order, each
entry (block, x, y) with the block's lower-left corner at (x, y), or a template's items as
(items, 0, 0). A block is told its page number once placed (``placed``), which is how page
numbers, contents and index are known in layout before anything is drawn.

The rules are platypus's, so pages come out as they did: a page is begun as soon as the last
one ends, and one left empty at the very end is dropped; a :class:`PageBreak` ends the page
even if it is empty; space before a block is dropped at the top of a page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Union

from program.layout.frames import Item, moved

_FUZZ = 1e-6  # as platypus: rounding may not push a block that fits onto the next page


class Block:
    """Something placed in the flow: ``wrap(aw, ah) -> (w, h)`` says its size for the
    available width and height, ``split(aw, ah)`` may cut it into parts that fit (``[]``:
    it cannot be cut), ``placed(page)`` learns the page it went on, and ``items()`` gives
    what it shows in its own coordinates (origin at its lower-left corner), asked for once
    every page is laid out."""

    width: float = 0.0
    height: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False  # never last on a page: a heading goes with what follows
    keep_whole: bool = False  # moved to the next page rather than split, if a page holds it
    _postponed: bool = False  # moved to a new page once already (a second time is an error)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Block]:
        return []

    def placed(self, page: int) -> None:
        pass

    def items(self) -> tuple[Item, ...]:
        return ()

    def items_at(self, x: float, y: float) -> list[Item]:
        """:meth:`items` moved to a page, the block's lower-left corner at (x, y)."""
        return moved(self.items(), x, y)


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
    """What each page shows besides the flow: ``begin(page)`` before the blocks and
    ``end(page)`` after them, as items in page coordinates (``end`` is asked when the page is
    full, so it can show what the page holds, e.g. the day in a running header)."""

    begin: Callable[[int], tuple[Item, ...]] | None = None
    end: Callable[[int], tuple[Item, ...]] | None = None


#: One entry of a laid-out page: a placed block, or a template's items, and its origin.
Entry = tuple[Union[Block, tuple[Item, ...]], float, float]


class LayoutError(Exception):
    """A block that fits on no page (a bug in the block: the booklet's blocks split)."""


class Flow:
    """Places blocks in the frame ``(x, y, width, height)`` of every page."""

    def __init__(self, frame: tuple[float, float, float, float],
                 templates: dict[str, Template], first: str):
        self.x, self.y0, self.width, self.height = frame
        self.templates = templates
        self.template = self.next_template = first
        self.pages: list[list[Entry]] = []
        self._open = False

    # pages ------------------------------------------------------------------------------

    def _begin(self) -> None:
        self.template = self.next_template
        self.pages.append([])
        self._open = True
        self._y = self.y0 + self.height
        self._at_top = True
        self._drawn = 0
        begin = self.templates[self.template].begin
        if begin:
            self.pages[-1].append((begin(len(self.pages)), 0.0, 0.0))

    def _end(self) -> None:
        end = self.templates[self.template].end
        if end:
            self.pages[-1].append((end(len(self.pages)), 0.0, 0.0))
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
        self.pages[-1].append((block, self.x, y))
        block.placed(len(self.pages))
        y -= block.space_after
        if y != self._y:
            self._at_top = False
        self._y = y
        self._drawn += 1
        return True

    def _chain_fits(self, block: Block, queue: list[Block]) -> bool:
        """Whether ``block``, the blocks kept with it, and the start of the first block not
        kept with the next (whole, or its first part) fit on this page. ``queue`` is the
        stack of the blocks to come (the next on top)."""
        room = self._y - self.y0 - block.space_before
        i = len(queue) - 1
        current = block
        while True:
            room -= current.wrap(self.width, room)[1] + current.space_after
            if room < -_FUZZ:
                return False
            while i >= 0 and isinstance(queue[i], NextTemplate):
                i -= 1
            if i < 0 or isinstance(queue[i], (PageBreak, CondPageBreak, Later)):
                return True
            current, i = queue[i], i - 1
            room -= current.space_before
            if current.keep_with_next:
                continue
            if room <= 0:
                return False
            if current.wrap(self.width, room)[1] <= room + _FUZZ:
                return True
            if current.keep_whole and current.height <= self.height:
                return False
            return bool(current.split(self.width, room))

    def run(self, story: Iterable[Block]) -> list[list[Entry]]:
        """Place every block of ``story``; returns the pages."""
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
                if isinstance(block, LeftPageBreak) and len(self.pages) % 2:
                    self._end()
                    self._begin()
                continue
            if isinstance(block, CondPageBreak):
                if not self._at_top and self._y - self.y0 < block.need:
                    self._end()
                    self._begin()
                continue
            if block.keep_with_next and not self._at_top and not self._chain_fits(block, queue):
                self._end()  # a heading never ends a page without what it heads
                self._begin()
            if self._try_add(block):
                continue
            space = 0.0 if self._at_top else block.space_before
            whole = block.keep_whole and not self._at_top and block.height <= self.height
            parts = [] if whole else block.split(self.width, self._y - self.y0 - space)
            if parts:
                if not self._try_add(parts[0]):
                    raise LayoutError(f"the first part of a split {type(block).__name__} "
                                      f"does not fit on page {len(self.pages)}")
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
            if self._drawn or len(self.pages) == 1:
                self._end()
            else:  # an empty page left at the end is not a page
                self.pages.pop()
        return self.pages
