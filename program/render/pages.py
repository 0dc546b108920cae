"""The result every product gives."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProductResult:
    """A rendered product: PDF bytes, page count, and warnings naming what lost text."""

    pdf: bytes
    pages: int
    warnings: tuple[str, ...] = ()
    #: (page index, rect, URL) of every URL link, for products made from this one
    uri_links: tuple[tuple[int, tuple[float, float, float, float], str], ...] = ()
