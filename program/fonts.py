"""The bundled fonts: registration with ReportLab, metrics, and per-character fallback.

Noto Sans (regular, bold, italic, bold italic) is the text face; Noto Sans Mono sets code.
A character a face lacks is set in the first fallback that has it, chosen character by
character so mixed text renders: Noto Sans (for the mono face), Noto Sans Arabic, Noto Sans
Hebrew, Noto Sans Symbols 2, Noto Sans Math (maths, arrows), Noto Emoji (monochrome), then
Droid Sans Fallback (CJK). Fallbacks are registered on first use (Droid alone is 4 MB to
parse). Variation selectors (U+FE0E text style, U+FE0F emoji style) are not drawn: the
fonts have one style of each character.

ReportLab writes a ToUnicode entry of a character outside the Basic Multilingual Plane (an
emoji) as its code point (``<1F5A8>``), which PDF readers reject, so the character cannot be
searched or copied; :func:`register` makes it write the UTF-16 surrogate pair
(``<D83DDDA8>``) instead (``_tounicode_utf16``, the one place that changes ReportLab).

Right-to-left text (Arabic, Hebrew) is shaped (Arabic letters take their joined forms, via
arabic-reshaper) and put in visual order (the Unicode bidi algorithm, via python-bidi)
before it is measured or drawn: ReportLab draws glyphs left to right as given.

A character no bundled font has is left out of what is drawn (never an empty box) and
:func:`missing_glyphs` names it, so the build can warn.

``runs(text, style)`` splits text into (text, font name) pieces; ``width`` measures with the
same split. Nothing here draws.
"""
from __future__ import annotations

import io
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from program.errors import UserError

#: The package the top-level ``fonts/`` folder is installed as (see pyproject.toml): read
#: through importlib.resources, so an installed wheel finds them as a checkout does.
FONT_PACKAGE = "program.fontfiles"


def _font_folder():
    """Where the font files are: the installed package, else (run in place from a source
    checkout, where ``program`` is imported from the working directory and nothing maps the
    package) the ``fonts/`` folder beside ``program/``."""
    try:
        return resources.files(FONT_PACKAGE)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = "NotoSans", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic"
ARABIC, ARABIC_BOLD = "NotoSansArabic", "NotoSansArabic-Bold"
HEBREW, HEBREW_BOLD = "NotoSansHebrew", "NotoSansHebrew-Bold"
SYMBOLS = "NotoSansSymbols2"
MONO = "NotoSansMono"
MATH = "NotoSansMath"
EMOJI = "NotoEmoji"
FALLBACK = "DroidSansFallback"
FAMILY = "NotoSans"
_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
    SYMBOLS: "NotoSansSymbols2-Regular.ttf",
    MONO: "NotoSansMono-Regular.ttf",
    MATH: "NotoSansMath-Regular.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}
_BOLD_FACES = {BOLD, BOLD_ITALIC}
# characters no font needs to draw: they are never "missing"
_INVISIBLE = {"\n", "\r", "\t", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff",
              "\ufe0e", "\ufe0f"}
#: variation selectors: they choose a glyph style the fonts do not offer, and are not drawn
_SELECTORS = frozenset(map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]))


class FontError(UserError):
    """A bundled font file is missing or unreadable: an installation problem, reported as
    one line (as a user mistake is) that says what to do."""


def _load(name: str) -> None:
    """Register the face ``name`` from its bundled file; FontError if it cannot be read."""
    try:
        data = _font_folder().joinpath(_FILES[name]).read_bytes()
    except OSError:  # the package or the file is not there
        raise FontError(f"font file {_FILES[name]} is missing from the installation "
                        f"({FONT_PACKAGE}); reinstall program") from None
    try:
        # TTFont reads a file name or a file object; the bytes come from the package
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    except Exception as exc:  # noqa: BLE001 - any parse failure means a damaged file
        raise FontError(f"font file {_FILES[name]} cannot be read ({exc}); "
                        f"reinstall program") from None


@lru_cache(maxsize=None)
def register() -> None:
    """Register the faces every product uses (regular, bold, italic) with ReportLab once;
    any other face (bold italic, the fallbacks) is registered on first use by
    :func:`_ensure`. (Each face costs ~12 ms to parse.)"""
    _tounicode_utf16()
    for name in (REGULAR, BOLD, ITALIC):
        _load(name)
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, name)  # the family by name (the Notes pages use it)


def _tounicode_utf16() -> None:
    """Make ReportLab write ToUnicode CMap entries as UTF-16 (surrogate pairs above U+FFFF),
    as the PDF format asks; entries in the Basic Multilingual Plane are unchanged."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "program_utf16", False):
        return

    def make(fontname: str, subset) -> str:
        return re.sub(r"^(<[0-9A-F]{2}> )<([0-9A-F]{5,6})>$", _surrogates,
                      original(fontname, subset), flags=re.M)

    make.program_utf16 = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


def _surrogates(match: re.Match[str]) -> str:
    """``<05> <1F5A8>`` -> ``<05> <D83DDDA8>``."""
    high, low = divmod(int(match.group(2), 16) - 0x10000, 0x400)
    return f"{match.group(1)}<{0xD800 + high:04X}{0xDC00 + low:04X}>"


@lru_cache(maxsize=None)
def _ensure(name: str) -> None:
    """Register the face ``name`` on first use."""
    register()
    if name not in (REGULAR, BOLD, ITALIC):
        _load(name)


def ensure(name: str) -> None:
    """Register the bundled face ``name`` with ReportLab if it is not yet (for render)."""
    _ensure(name)


@lru_cache(maxsize=None)
def _coverage(font: str) -> frozenset[int]:
    _ensure(font)
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def _chain(font: str) -> tuple[str, ...]:
    bold = font in _BOLD_FACES
    text = (REGULAR,) if font == MONO else ()  # code in a script the mono face lacks
    return (font, *text, ARABIC_BOLD if bold else ARABIC, HEBREW_BOLD if bold else HEBREW,
            SYMBOLS, MATH, EMOJI, FALLBACK)


def covered(char: str, font: str = REGULAR) -> bool:
    """True when ``font`` has a glyph for ``char``."""
    return char in _INVISIBLE or ord(char) in _coverage(font)


@lru_cache(maxsize=4096)
def font_for(char: str, font: str) -> str | None:
    """The font that draws ``char``: ``font`` itself, else the first fallback that has it,
    else None (no bundled font has it)."""
    if char in _INVISIBLE:
        return font
    for name in _chain(font):
        if ord(char) in _coverage(name):
            return name
    return None


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` that no bundled font can draw (they are left out)."""
    if text.isascii():
        return set()
    chars = set(text)
    if chars <= _drawn_by(REGULAR):
        return set()
    return {c for c in chars if font_for(c, REGULAR) is None}


@lru_cache(maxsize=None)
def _drawn_by(font: str) -> frozenset[str]:
    """Every character ``font`` draws itself (or that needs no glyph)."""
    return (frozenset(map(chr, _coverage(font))) | _INVISIBLE) - _SELECTORS


def describe_char(char: str) -> str:
    """``U+1F600 GRINNING FACE`` for messages."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")


def is_rtl(text: str) -> bool:
    """True when ``text`` has right-to-left letters (Hebrew, Arabic, Syriac, Thaana, ...)."""
    return _RTL.search(text) is not None


@lru_cache(maxsize=16384)
def visual(text: str) -> str:
    """``text`` as it is drawn: Arabic letters joined, right-to-left runs in visual order.
    Text without right-to-left characters comes back unchanged."""
    if text.isascii() or not is_rtl(text):
        return text
    import arabic_reshaper

    return _reorder(arabic_reshaper.reshape(text))


_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def _reorder(text: str) -> str:
    """One line in visual order by the Unicode bidi algorithm: levels resolved by python-bidi
    (unicode-bidi, with the paired-bracket rule), then rules L2 and L4 here, because its
    get_display reverses runs without mirroring: "(1/2)" in Hebrew came out ")1/2(".
    python-bidi reports levels only in its debug text, one per UTF-8 byte."""
    chars, order = _bidi(text)
    return "".join(chars[i] for i in order)


@lru_cache(maxsize=4096)
def reading_order(drawn: str) -> tuple[int, ...]:
    """For a line as :func:`visual` drew it, the indices of its characters in reading
    (logical) order: the bidi reordering run again, which undoes it (a run reversed twice);
    where the visual order has two readings (an RTL line ending with a Latin word looks
    like an LTR line starting with it), the one of its leftmost letter's direction."""
    return tuple(_bidi(drawn)[1])


def _bidi(text: str, base: str | None = None) -> tuple[list[str], list[int]]:
    """:func:`_reorder`'s work: the characters (mirrored where drawn right to left) and the
    order in which they are drawn, left to right; ``base`` "L" sets the paragraph direction
    (None: the first strong character's)."""
    from bidi import get_display
    from bidi.mirror import MIRRORED

    debug = get_display(text, base_dir=base, debug=True)
    per_byte = [int(n) for n in _LEVEL.findall(debug.split("levels:", 1)[1].split("]", 1)[0])]
    levels, at = [], 0
    for char in text:
        levels.append(per_byte[at])
        at += len(char.encode("utf-8"))
    # L4: a character at an odd (right-to-left) level is drawn by its mirror image
    chars = [MIRRORED.get(c, c) if level % 2 else c for c, level in zip(text, levels)]
    # L2: from the highest level down to the lowest odd one, reverse every run at least as high
    order = list(range(len(chars)))
    for floor in range(max(levels, default=0), 0, -1):
        if floor < min((lv for lv in levels if lv % 2), default=floor + 1):
            break
        i = 0
        while i < len(order):
            if levels[order[i]] >= floor:
                j = i
                while j < len(order) and levels[order[j]] >= floor:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return chars, order


def runs(text: str, font: str = REGULAR) -> list[tuple[str, str]]:
    """Split ``text`` (already in visual order) into ``(piece, font name)`` runs using the
    fallbacks where needed; characters no font has are left out."""
    if text.isascii():
        _ensure(font)
        return [(text, font)] if text else []
    if _drawn_by(font).issuperset(text):
        return [(text, font)]
    out: list[tuple[str, str]] = []
    for char in text:
        name = font_for(char, font)
        if name is None or char in _SELECTORS:
            continue
        if out and out[-1][1] == name:
            out[-1] = (out[-1][0] + char, name)
        else:
            out.append((char, name))
    return out


@lru_cache(maxsize=131072)
def width1(text: str, font: str) -> float:
    """Width of ``text`` set in ``font`` at size 1 (widths scale linearly with the size)."""
    register()
    return sum(pdfmetrics.stringWidth(piece, name, 1.0) for piece, name in runs(visual(text), font))


def width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` set in ``font`` at ``size``, shaped, with fallbacks."""
    return width1(text, font) * size
