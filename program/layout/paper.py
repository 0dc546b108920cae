"""Lengths and paper sizes in points, without ReportLab (layout measures in these units).

The values are computed as ReportLab's units and page sizes compute them, so they are the
same floats (tests/layout/test_paper.py checks): pages keep their exact sizes in the PDF.
"""
from __future__ import annotations

inch = 72.0
cm = inch / 2.54
mm = cm * 0.1

A3 = (297 * mm, 420 * mm)
A4 = (210 * mm, 297 * mm)
A5 = (148 * mm, 210 * mm)
A6 = (105 * mm, 148 * mm)
LETTER = (8.5 * inch, 11 * inch)
HALF_LETTER = (5.5 * inch, 8.5 * inch)


def landscape(size: tuple[float, float]) -> tuple[float, float]:
    """``size`` turned so that it is wider than tall."""
    a, b = size
    return (b, a) if a < b else (a, b)
