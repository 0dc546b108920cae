"""program.layout.flow: blocks placed down the pages with platypus's rules, as data."""
from __future__ import annotations

import subprocess
import sys

import pytest

from program.layout.flow import (Block, CondPageBreak, Flow, LayoutError, Later,
                                 LeftPageBreak, NextTemplate, PageBreak, Template)


class Box(Block):
    """A block of a fixed height that records where it was drawn."""

    def __init__(self, height: float, log: list, name: str = "", parts: int = 0):
        self.height, self.log, self.name, self.parts = height, log, name, parts
        self.pages: list[int] = []  # as told by placed()

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.height

    def split(self, aw, ah):
        if not self.parts or ah < 10:
            return []
        return [Box(ah, self.log, self.name + "a"), Box(self.height - ah, self.log, self.name + "b")]

    def placed(self, page):
        self.pages.append(page)


def run(story, templates=None, first="body"):
    """The number of pages; each Box placed is logged as (name, page, y)."""
    flow = Flow((0, 0, 200, 300), templates or {"body": Template()}, first)
    pages = flow.run(story)
    for number, entries in enumerate(pages, 1):
        for block, x, y in entries:
            if isinstance(block, Box):
                assert number in block.pages  # told its page when placed
                block.log.append((block.name, number, round(y)))
    return len(pages)


def test_blocks_go_down_and_over_to_the_next_page():
    log: list = []
    assert run([Box(100, log, "a"), Box(150, log, "b"), Box(100, log, "c")]) == 2
    assert log == [("a", 1, 200), ("b", 1, 50), ("c", 2, 200)]


def test_page_breaks_follow_platypus():
    log: list = []
    assert run([Box(10, log, "a"), PageBreak()]) == 1  # an empty last page is dropped
    assert run([PageBreak(), Box(10, log)]) == 2  # a break on an empty page still ends it
    assert run([Box(10, log), PageBreak(), PageBreak(), Box(10, log)]) == 3
    assert run([]) == 1


def test_a_left_page_break_begins_an_even_page():
    log: list = []
    run([Box(10, log, "a"), LeftPageBreak(), Box(10, log, "b"), Box(291, log, "c")])
    assert [(name, page) for name, page, _ in log] == [("a", 1), ("b", 2), ("c", 3)]
    log.clear()  # from an even page a blank page comes between: a spread faces itself
    run([Box(10, log, "a"), PageBreak(), Box(10, log, "b"), LeftPageBreak(), Box(10, log, "c")])
    assert [(name, page) for name, page, _ in log] == [("a", 1), ("b", 2), ("c", 4)]


def test_split_and_conditional_break():
    log: list = []
    assert run([Box(250, log, "x"), Box(120, log, "t", parts=1)]) == 2
    assert log[1:] == [("ta", 1, 0), ("tb", 2, 230)]
    log.clear()
    assert run([Box(250, log, "x"), CondPageBreak(60), Box(10, log, "y")]) == 2
    assert log[-1] == ("y", 2, 290)


def test_templates_space_and_later_blocks():
    marks: list = []
    templates = {"cover": Template(begin=lambda page: marks.append(("begin", page)) or ()),
                 "body": Template(end=lambda page: marks.append(("end", page)) or ())}
    log: list = []
    spaced = Box(10, log, "s")
    spaced.space_before = 40
    story = [spaced, NextTemplate("body"), PageBreak(), Box(10, log, "a"), spaced,
             Later(lambda: [Box(10, log, "later")])]
    assert run(story, templates, "cover") == 2
    assert marks == [("begin", 1), ("end", 2)]
    assert log[0] == ("s", 1, 290)  # no space before the first block of a page
    assert ("s", 2, 240) in log and log[-1] == ("later", 2, 230)


def test_a_block_that_fits_no_page_is_an_error():
    with pytest.raises(LayoutError, match="fits on no page"):
        run([Box(400, [])])


def test_a_booklet_build_does_not_import_platypus(tmp_path):
    """platypus costs ~0.12 s to import: a quarter of a small booklet's budget."""
    code = ("import sys; from program.build import Settings, build; "
            f"build('data/mlsys-2019.yaml', Settings(out_dir={str(tmp_path)!r})); "
            "print(sorted(m for m in sys.modules if m.startswith('reportlab.platypus')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
