"""Colours for the grid: one fill per kind (or per track when the theme names the track).

The default fills are light enough for black text and step in lightness, so that the kinds
stay apart when the page is printed in grayscale. ``fill_for(talk, theme_colors)`` picks one.
"""
from __future__ import annotations

from functools import lru_cache

from program.language import ENGLISH, Language
from program.model import Kind, Schedule, Talk

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


@lru_cache(maxsize=1024)
def luminance(hexcode: str) -> float:
    """Relative luminance (WCAG) of ``#rrggbb``: 0 black .. 1 white (remembered: every grid
    cell asks it of its fill)."""
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
    """The text colour for ``fill``: near-black or white, whichever reads better, and pure
    black on the mid-tone fills (luminance about 0.18 .. 0.22) where neither reaches 4.5:1
    (the print review: every time in a cell at 4.5:1 or better)."""
    best = TEXT if luminance(fill) > 0.18 else "#ffffff"
    if contrast(best, fill) >= 4.5:
        return best
    return max(("#000000", "#ffffff"), key=lambda ink: contrast(ink, fill))


#: Two fills whose CIE lightness differs by less than this print as one grey: on a laser
#: printer's halftone, ΔL* ≈ 10 is about the smallest step a reader tells apart at a glance
#: in small cells (and the smallest that survives a photocopy).
GREY_STEP = 10.0


def lightness(hexcode: str) -> float:
    """CIE L* (0 black .. 100 white) of ``#rrggbb``: how light it prints in grayscale."""
    y = luminance(hexcode)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def greys_apart(fills: list[str], step: float = GREY_STEP) -> bool:
    """True when every two of ``fills`` differ in lightness by ``step`` or more (one fill
    given twice is one grey for two things: not apart)."""
    levels = sorted(lightness(f) for f in fills)
    return all(b - a >= step for a, b in zip(levels, levels[1:]))


def track_tags(talks: list[Talk], theme_colors: dict[str, str]) -> dict[str, str]:
    """Short labels (``{track: tag}``) for the coloured tracks of ``talks`` when their fills
    cannot be told apart in grayscale (two within :data:`GREY_STEP` of L*, which includes
    more tracks than distinguishable greys and two tracks sharing a grey); empty when the
    greys alone keep them apart. A tag is the track's initials ("Machine Learning Systems":
    MLS), lengthened or numbered until every track's is its own."""
    tracks = list(dict.fromkeys(t.track for t in talks if t.track and t.track in theme_colors))
    if len(tracks) < 2 or greys_apart([theme_colors[t] for t in tracks]):
        return {}
    tags: dict[str, str] = {}
    for track in tracks:
        base = _initials(track)
        options = [base, track.replace(" ", "")[:2].title()] + \
            [f"{base}{n}" for n in range(2, len(tracks) + 2)]
        tags[track] = next(o for o in options if o not in tags.values())
    return tags


def schedule_tags(schedule: Schedule) -> dict[str, str]:
    """:func:`track_tags` over every talk of ``schedule``: one tag per track on every day
    and product."""
    return track_tags([t for day in schedule.days for t in day.talks()],
                      dict(schedule.theme.colors))


_MINOR_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "de", "des", "du", "la",
                "le", "et", "und", "der", "die", "das", "y", "e"}


def _initials(name: str) -> str:
    """Up to three initials of ``name``'s words (minor words and symbols skipped): "Human-
    Computer Interaction" -> "HCI"; a one-word name gives its first letter."""
    words = [w for w in name.replace("-", " ").replace("/", " ").split()
             if w[:1].isalnum() and w.casefold() not in _MINOR_WORDS]
    return "".join(w[0].upper() for w in words[:3]) or name[:1].upper() or "?"


def fill_for(talk: Talk, theme_colors: dict[str, str]) -> str:
    """The fill of ``talk``'s cell: track colour, else kind colour from the theme, else default."""
    if talk.track and talk.track in theme_colors:
        return theme_colors[talk.track]
    return theme_colors.get(talk.kind.value, DEFAULT_FILLS[talk.kind])


def legend(talks: list[Talk], theme_colors: dict[str, str],
           lang: Language = ENGLISH, tags: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(fill, label) pairs for the fills used by ``talks``, in first-use order, merged by
    fill, kinds named in ``lang``, a track led by its tag from ``tags`` (``MLS · Machine
    Learning Systems``, see :func:`track_tags`); last, the overlap mark when items of one room
    overlap (:mod:`program.layout.overlap`)."""
    from program.layout.overlap import OVERLAP, OVERLAP_LABEL, overlapping

    seen: dict[str, list[str]] = {}
    tags = tags or {}
    for talk in talks:
        fill = fill_for(talk, theme_colors)
        label = talk.track if talk.track and talk.track in theme_colors else lang.kind(talk.kind)
        if talk.track in tags and label == talk.track:
            label = f"{tags[talk.track]} · {label}"
        labels = seen.setdefault(fill, [])
        if label not in labels:
            labels.append(label)
    out = [(fill, " / ".join(labels)) for fill, labels in seen.items()]
    return out + [(OVERLAP, lang.text(OVERLAP_LABEL))] if overlapping(talks) else out
