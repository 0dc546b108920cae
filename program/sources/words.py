"""Words as the readers look them up, whatever the language they are written in.

``unaccented(text) -> str``: case folded, accents dropped (``"Début"`` -> ``"debut"``,
``"März"`` -> ``"marz"``), so that a heading, a month name or a break's title matches its
table entry however the organizer typed it.
"""
from __future__ import annotations

import unicodedata


def unaccented(text: str) -> str:
    """``text`` case folded (``ß`` -> ``ss``) without combining accents."""
    if text.isascii():
        return text.lower()  # (what the rest does to ASCII, at once)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
