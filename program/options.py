"""How the products are printed: what the command line asks (:class:`Settings`) and the
options every product is made with (:class:`Options`), defined once.

``Settings`` is an ``Options`` as asked (``None``: take it from the schedule's theme) plus
what the build itself does (where, which products, strict, force, watch); ``resolve``
(:mod:`program.build`) turns it into the resolved ``Options`` once, and every product reads
only those.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from program.parallel import DEFAULT_JOBS
from program.sources.transform import Overrides

DEFAULT_OUT = Path("out")


@dataclass(frozen=True)
class Options:
    """What every product is made with. As asked, ``paper``, ``clock`` and ``qr`` may be
    None (the theme decides); resolved (``build.resolve``), none is."""

    paper: str | None = None
    clock: str | None = None
    qr: bool | None = None
    card: str = "4x3in"
    bleed_mm: float = 0.0
    creep_mm: float = 0.0  # imposed booklet: shift per sheet toward the spine
    #: imposed booklet: "saddle" (folded sheets, stapled) or "perfect" (single pages, glued)
    binding: str = "saddle"
    #: one leaf of the booklet's paper, for a perfect-bound spine (program.layout.binding)
    paper_thickness_mm: float = 0.1
    jobs: int = DEFAULT_JOBS  # processes to use (see program.parallel)
    #: every PDF product as PDF/A-2b (program.render.archival): --pdfa, or theme.pdfa
    pdfa: bool = False
    #: the logo's bytes, scaled for print (sources.logo): read by ``build.resolve``, never asked
    logo: bytes | None = None
    #: the schedule's version, as the door signs print it (its file's modification time):
    #: read by ``build.resolve``, never asked
    version: str | None = None
    #: the booklet's talks and sessions with their abstracts and descriptions (False: the
    #: email edition, ``booklet-light``): set by the product, never asked
    abstracts: bool = True
    #: the booklet's images at most this many pixels an inch at their printed size (the
    #: email edition: screen resolution); None: as read (``sources.logo``, for print)
    image_dpi: float | None = None


@dataclass(frozen=True)
class Settings(Options):
    """What the command line asks: the options, and which products go where."""

    out_dir: Path = DEFAULT_OUT
    #: names from ``program.products.PRODUCTS``; empty: every product
    products: tuple[str, ...] = ()
    fmt: str | None = None
    strict: bool = False
    force: bool = False
    #: A --watch build: the booklet is what the user waits for, so the background products
    #: start only once it is made.
    watch: bool = False
    #: --date, --timezone, --title, --venue
    overrides: Overrides = Overrides()
