"""Paper sizes, margins and type sizes per paper; options and results shared by products."""
from __future__ import annotations

from dataclasses import dataclass

from program.layout.paper import HALF_LETTER, PAPERS, Paper  # noqa: F401 (re-exported)
from program.parallel import DEFAULT_JOBS


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
    pdfa: bool = False  # every PDF product as PDF/A-2b (program.render.archival)


@dataclass(frozen=True)
class ProductResult:
    """A rendered product: PDF bytes, page count, and warnings naming what lost text."""

    pdf: bytes
    pages: int
    warnings: tuple[str, ...] = ()
    #: (page index, rect, URL) of every URL link, for products made from this one
    uri_links: tuple[tuple[int, tuple[float, float, float, float], str], ...] = ()
