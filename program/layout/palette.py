"""Colours for the grid: one fill per kind (or per track when the theme names the track).

The default fills are light enough for black text and step in lightness, so that the kinds
stay apart when the page is printed in grayscale. ``fill_for(talk, theme_colors)`` picks one.
"""
from __future__ import annotations

from program.language import ENGLISH, Language
from program.model import Kind, Talk

# Fills step in relative luminance (0.36 .. 0.94, >= 0.05 apart between distinct fills).
DEFAULT_FILLS: dict[Kind, str] = {
    Kind.KEYNOTE: "#e78a55",
    Kind.PANEL: "#c2a7dd",
    Kind.INVITED: "#eeb633",
    Kind.CONTRIBUTED: "#97d7cd",
    Kind.WORKSHOP: "#97d7cd",
    Kind.POSTER: "#bfe0af",
    Kind.TALK: "#d2e4f7",
    Kind.LIGHTNING: "#d2e4f7",
    Kind.REMARKS: "#eaeaea",
    Kind.OTHER: "#f6eff6",
    Kind.BREAK: "#fbf8f0",
    Kind.MEAL: "#fbf8f0",
}
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
RULE = "#8c8c8c"
ACCENT = "#1f4e79"


def luminance(hexcode: str) -> float:
    """Relative luminance (WCAG) of ``#rrggbb``: 0 black .. 1 white."""
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexcode[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 .. 21)."""
    la, lb = sorted((luminance(a), luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def muted_on(fill: str, ink: str) -> str:
    """The grey for secondary text (a cell's time) on ``fill``: as light as reads at 4.5:1
    or better, else ``ink`` itself (the print review: times must be readable)."""
    dark = ink.lower() != "#ffffff"
    for level in ((0x4d, 0x40, 0x33, 0x26) if dark else (0xd9, 0xe6, 0xf2)):
        grey = f"#{level:02x}{level:02x}{level:02x}"
        if contrast(grey, fill) >= 4.5:
            return grey
    return ink


def text_on(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill``."""
    return TEXT if luminance(fill) > 0.18 else "#ffffff"


def fill_for(talk: Talk, theme_colors: dict[str, str]) -> str:
    """The fill of ``talk``'s cell: track colour, else kind colour from the theme, else default."""
    if talk.track and talk.track in theme_colors:
        return theme_colors[talk.track]
    return theme_colors.get(talk.kind.value, DEFAULT_FILLS[talk.kind])


def legend(talks: list[Talk], theme_colors: dict[str, str],
           lang: Language = ENGLISH) -> list[tuple[str, str]]:
    """(fill, label) pairs for the fills used by ``talks``, in first-use order, merged by
    fill, kinds named in ``lang``; last, the overlap mark when items of one room overlap
    (:mod:`program.layout.overlap`)."""
    from program.layout.overlap import OVERLAP, OVERLAP_LABEL, overlapping

    seen: dict[str, list[str]] = {}
    for talk in talks:
        fill = fill_for(talk, theme_colors)
        label = talk.track if talk.track and talk.track in theme_colors else lang.kind(talk.kind)
        labels = seen.setdefault(fill, [])
        if label not in labels:
            labels.append(label)
    out = [(fill, " / ".join(labels)) for fill, labels in seen.items()]
    return out + [(OVERLAP, lang.text(OVERLAP_LABEL))] if overlapping(talks) else out
