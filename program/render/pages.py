"""Paper sizes, margins and type sizes per paper; options and results shared by products."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A3, A4, A5, LETTER
from reportlab.lib.units import inch, mm

from program.parallel import DEFAULT_JOBS

HALF_LETTER = (5.5 * inch, 8.5 * inch)


@dataclass(frozen=True)
class Paper:
    """A page size with the margin and base text size that suit it."""

    name: str
    size: tuple[float, float]
    margin: float
    text_size: float
    grid: dict = field(default_factory=dict)


PAPERS: dict[str, Paper] = {
    "a5": Paper("a5", A5, 12 * mm, 8.5, {"min_column_width": 64.0}),
    "half-letter": Paper("half-letter", HALF_LETTER, 0.5 * inch, 8.5, {"min_column_width": 64.0}),
    "a4": Paper("a4", A4, 16 * mm, 9.5, {"min_column_width": 72.0, "max_size": 8.5,
                                          "line_size": 7.5}),
    "letter": Paper("letter", LETTER, 0.65 * inch, 9.5, {"min_column_width": 72.0,
                                                          "max_size": 8.5, "line_size": 7.5}),
}
SHEETS = {"a5": A4, "half-letter": LETTER, "a4": A3, "letter": (17 * inch, 11 * inch)}




@dataclass(frozen=True)
class RenderOptions:
    """What the command line and the schedule's theme decide for every product."""

    paper: str = "a5"
    clock: str = "24h"
    qr: bool = True
    logo: bytes | None = None  # the image file's bytes, scaled for print (sources.logo)
    card: str = "4x3in"
    bleed_mm: float = 0.0
    jobs: int = DEFAULT_JOBS  # processes to use (see program.parallel)


@dataclass(frozen=True)
class ProductResult:
    """A rendered product: PDF bytes, page count, and warnings naming what lost text."""

    pdf: bytes
    pages: int
    warnings: tuple[str, ...] = ()
    #: (page index, rect, URL) of every URL link, for products made from this one
    uri_links: tuple[tuple[int, tuple[float, float, float, float], str], ...] = ()
