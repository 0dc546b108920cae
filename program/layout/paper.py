"""Lengths and paper sizes in points, without ReportLab (layout measures in these units).

The values are computed as ReportLab's units and page sizes compute them, so they are the
same floats (tests/layout/test_paper.py checks): pages keep their exact sizes in the PDF.
"""
from __future__ import annotations

from dataclasses import dataclass

inch = 72.0
cm = inch / 2.54
mm = cm * 0.1

A3 = (297 * mm, 420 * mm)
A4 = (210 * mm, 297 * mm)
A5 = (148 * mm, 210 * mm)
A6 = (105 * mm, 148 * mm)
LETTER = (8.5 * inch, 11 * inch)
HALF_LETTER = (5.5 * inch, 8.5 * inch)


def sheet_for(paper: str) -> tuple[float, float]:
    """The sheet the handout and the card sheets use beside a booklet ``paper``: Letter
    with the US sizes, else A4."""
    return LETTER if paper in ("letter", "half-letter") else A4


def landscape(size: tuple[float, float]) -> tuple[float, float]:
    """``size`` turned so that it is wider than tall."""
    a, b = size
    return (b, a) if a < b else (a, b)


@dataclass(frozen=True)
class Paper:
    """A page size with the margin and base text size that suit it."""

    name: str
    size: tuple[float, float]
    margin: float
    text_size: float
    #: GridStyle settings for this paper, as (name, value) pairs (a tuple: Paper is hashable,
    #: so layout functions can take it as an argument and be remembered by it)
    grid: tuple[tuple[str, float], ...] = ()


PAPERS: dict[str, Paper] = {
    "a5": Paper("a5", A5, 12 * mm, 8.5, (("min_column_width", 64.0),)),
    "half-letter": Paper("half-letter", HALF_LETTER, 0.5 * inch, 8.5, (("min_column_width", 64.0),)),
    "a4": Paper("a4", A4, 16 * mm, 9.5, (("min_column_width", 72.0), ("max_size", 8.5),
                                          ("line_size", 7.5))),
    "letter": Paper("letter", LETTER, 0.65 * inch, 9.5, (("min_column_width", 72.0),
                                                          ("max_size", 8.5), ("line_size", 7.5))),
}
