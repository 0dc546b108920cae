"""How the booklet is bound: which binding suits its page count, and the spine it needs.

Pure arithmetic on page counts (points are not involved; thickness is in millimetres):

- ``spine_width_mm(pages, thickness_mm) -> float``: a perfect-bound book's spine. Each leaf
  (sheet of paper) carries two pages, so ``leaves = ceil(pages / 2)`` and
  ``spine = leaves × thickness``. 80 g/m² office paper is about 0.1 mm a leaf.
- ``binding_warning(pages, binding, limit) -> str | None``: a saddle-stitched booklet past
  ``limit`` pages (64 by default) is too thick to fold flat and to staple through; the warning
  suggests ``--binding perfect``.
"""
from __future__ import annotations

import math

BINDINGS = ("saddle", "perfect")
#: 80 g/m² office paper: about 0.1 mm per leaf
DEFAULT_PAPER_THICKNESS_MM = 0.1
#: past this many pages a saddle stitch no longer folds flat or staples through
SADDLE_STITCH_MAX_PAGES = 64


def leaves(pages: int) -> int:
    """The leaves (sheets, two pages each) that ``pages`` printed pages take."""
    return math.ceil(pages / 2)


def spine_width_mm(pages: int, thickness_mm: float = DEFAULT_PAPER_THICKNESS_MM) -> float:
    """A perfect-bound spine for ``pages`` pages on paper ``thickness_mm`` a leaf, in mm."""
    return leaves(pages) * thickness_mm


def binding_warning(pages: int, binding: str,
                    limit: int = SADDLE_STITCH_MAX_PAGES) -> str | None:
    """The warning for a saddle-stitched booklet of more than ``limit`` pages, else None."""
    if binding != "saddle" or pages <= limit:
        return None
    return (f"imposed booklet: {pages} pages is too thick for saddle stitch (more than "
            f"{limit}: it does not fold flat or staple through); consider --binding perfect")


def spine_summary(pages: int, thickness_mm: float) -> str:
    """The build summary's line for a perfect-bound booklet: the spine and how it was got."""
    return (f"perfect binding: spine {spine_width_mm(pages, thickness_mm):.1f} mm "
            f"({leaves(pages)} leaves × {thickness_mm:g} mm)")
