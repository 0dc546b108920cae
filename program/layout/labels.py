"""How dates are printed on every product (English, as organizers print them)."""
from __future__ import annotations

from datetime import date


def long_date(d: date) -> str:
    """``Friday 13 December 2019``."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def short_date(d: date) -> str:
    """``Fri 13 Dec``."""
    return f"{d:%a} {d.day} {d:%b}"
