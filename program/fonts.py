"""The bundled fonts: registration with ReportLab, metrics, and per-character fallback.

Noto Sans (regular, bold, italic, bold italic) is the text face; characters it lacks (CJK,
for instance) are set in Droid Sans Fallback, chosen character by character so mixed text
renders. ``runs(text, style)`` splits text into (text, font name) pieces; ``width`` measures
with the same split; ``markup`` escapes schedule text for a ReportLab Paragraph and wraps the
fallback pieces in ``<font>`` tags. Nothing here draws: layout measures with these functions.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "NotoSans", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic"
FALLBACK = "DroidSansFallback"
FAMILY = "NotoSans"
_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}
# characters no font needs to draw: they are never "missing"
_INVISIBLE = {"\n", "\r", "\t", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"}


class FontError(Exception):
    """A bundled font file is missing or unreadable (an installation problem)."""


def _load(name: str) -> None:
    path = FONT_DIR / _FILES[name]
    if not path.is_file():
        raise FontError(f"font file {path} is missing; reinstall program")
    pdfmetrics.registerFont(TTFont(name, str(path)))


@lru_cache(maxsize=None)
def register() -> None:
    """Register the Noto Sans family with ReportLab once (idempotent). The fallback font
    (4 MB, slow to parse) is registered on first use by :func:`_coverage`."""
    for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        _load(name)
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)


@lru_cache(maxsize=None)
def _register_fallback() -> None:
    register()
    _load(FALLBACK)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FALLBACK, bold, italic, FALLBACK)


@lru_cache(maxsize=None)
def _coverage(font: str) -> frozenset[int]:
    register()
    if font == FALLBACK:
        _register_fallback()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def covered(char: str, font: str = REGULAR) -> bool:
    """True when ``font`` has a glyph for ``char``."""
    return ord(char) in _coverage(font) or char in _INVISIBLE


def font_for(char: str, font: str) -> str:
    """``font`` when it has ``char``; else the fallback (which may lack it too)."""
    if char in _INVISIBLE or ord(char) in _coverage(font):
        return font
    _register_fallback()
    return FALLBACK


def missing_glyphs(text: str) -> set[str]:
    """Characters that neither the text face nor the fallback can draw."""
    return {c for c in text if not covered(c, REGULAR) and not covered(c, FALLBACK)}


def runs(text: str, font: str = REGULAR) -> list[tuple[str, str]]:
    """Split ``text`` into ``(piece, font name)`` runs, using the fallback where needed."""
    if text.isascii():
        return [(text, font)] if text else []
    out: list[tuple[str, str]] = []
    for char in text:
        name = font_for(char, font)
        if out and out[-1][1] == name:
            out[-1] = (out[-1][0] + char, name)
        else:
            out.append((char, name))
    return out


@lru_cache(maxsize=65536)
def width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` set in ``font`` at ``size``, with fallback characters."""
    register()
    return sum(pdfmetrics.stringWidth(piece, name, size) for piece, name in runs(text, font))


def markup(text: str, font: str = REGULAR) -> str:
    """Schedule text as Paragraph markup: escaped, fallback runs in ``<font>`` tags.

    ``<T> & a<b`` prints exactly so; line breaks in the text become ``<br/>``.
    """
    parts = []
    for piece, name in runs(text, font):
        safe = escape(piece).replace("\n", "<br/>")
        parts.append(safe if name == font else f'<font face="{name}">{safe}</font>')
    return "".join(parts)
