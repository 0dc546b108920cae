"""Fitting text into a box: wrap, then shrink down to a floor, then drop what is optional,
then abbreviate with "…". Pure: measured with font metrics, no canvas.

``fit(blocks, width, height, max_size, min_size) -> Fitted``. A *block* is a paragraph made of
styled spans (a bold title, a regular time); an *optional* block (speakers) is left out
before anything is abbreviated. ``Fitted.abbreviated`` tells the caller to warn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from program.fonts import width as text_width

ELLIPSIS = "…"
LEADING = 1.2
FIT_TOLERANCE = 0.05  # points: rounding in scale arithmetic must not cost a line
_TOKEN = re.compile(r"\S+\s*|\s+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass(frozen=True)
class Span:
    """A styled piece of a paragraph: text, font name, and an optional colour key."""

    text: str
    font: str
    color: str = "text"


@dataclass(frozen=True)
class Block:
    """A paragraph. ``optional`` blocks are dropped (whole) before text is abbreviated."""

    spans: tuple[Span, ...]
    optional: bool = False


@dataclass(frozen=True)
class Line:
    """One set line: runs of (text, font, colour) and its width at the fitted size."""

    runs: tuple[tuple[str, str, str], ...]
    width: float


@dataclass(frozen=True)
class Fitted:
    """The result of fitting: lines at one size, and what had to give."""

    lines: tuple[Line, ...]
    size: float
    leading: float
    abbreviated: bool = False
    dropped: int = 0

    @property
    def height(self) -> float:
        """Height of the set lines (first baseline to last descender, approximately)."""
        return len(self.lines) * self.leading

    def text(self) -> str:
        """The visible text, lines joined by newlines (for tests and warnings)."""
        return "\n".join("".join(r[0] for r in line.runs) for line in self.lines)


def _tokens(span: Span) -> list[tuple[str, str, str]]:
    """Breakable pieces of a span: words with their trailing space; CJK one char at a time."""
    out = []
    for tok in _TOKEN.findall(span.text):
        if _WIDE.search(tok):
            out.extend((c, span.font, span.color) for c in tok)
        else:
            out.append((tok, span.font, span.color))
    return out


def _measure(piece: str, font: str, size: float) -> float:
    return text_width(piece, font, size)


def _break_long(tok: tuple[str, str, str], avail: float, size: float) -> list[tuple[str, str, str]]:
    """Split a token wider than the line into pieces that fit (hyphenless, by character)."""
    text, font, color = tok
    pieces, current = [], ""
    for char in text:
        if current and _measure(current + char, font, size) > avail:
            pieces.append((current, font, color))
            current = char
        else:
            current += char
    if current:
        pieces.append((current, font, color))
    return pieces


def wrap(block: Block, width: float, size: float) -> list[Line]:
    """Greedy word wrap of one block at ``size`` into lines no wider than ``width``."""
    lines: list[Line] = []
    current: list[tuple[str, str, str]] = []
    current_w = 0.0
    queue = [t for span in block.spans for t in _tokens(span)]
    while queue:
        tok = queue.pop(0)
        w = _measure(tok[0].rstrip(), tok[1], size)
        if current and current_w + w > width:
            lines.append(_finish(current, size))
            current, current_w = [], 0.0
            if not tok[0].strip():
                continue
        if not current and w > width:
            parts = _break_long(tok, width, size)
            queue[:0] = parts[1:]
            tok = parts[0]
            w = _measure(tok[0], tok[1], size)
        current.append(tok)
        current_w += _measure(tok[0], tok[1], size)
    if current:
        lines.append(_finish(current, size))
    return lines


def _finish(tokens: list[tuple[str, str, str]], size: float) -> Line:
    merged: list[tuple[str, str, str]] = []
    for text, font, color in tokens:
        if merged and merged[-1][1] == font and merged[-1][2] == color:
            merged[-1] = (merged[-1][0] + text, font, color)
        else:
            merged.append((text, font, color))
    if merged:
        last = merged[-1]
        merged[-1] = (last[0].rstrip(), last[1], last[2])
    merged = [m for m in merged if m[0]]
    return Line(tuple(merged), sum(_measure(t, f, size) for t, f, _ in merged))


def _set(blocks: list[Block], width: float, size: float) -> list[Line]:
    return [line for block in blocks for line in wrap(block, width, size)]


def _sizes(max_size: float, min_size: float, step: float) -> list[float]:
    sizes, size = [], max_size
    while size > min_size + 1e-6:
        sizes.append(round(size, 2))
        size -= step
    sizes.append(min_size)
    return sizes


def fit(blocks: list[Block] | tuple[Block, ...], width: float, height: float, max_size: float,
        min_size: float, step: float = 0.5) -> Fitted:
    """Set ``blocks`` in a ``width`` x ``height`` box (points); see the module docstring."""
    blocks = [b for b in blocks if any(s.text for s in b.spans)]
    for size in _sizes(max_size, min_size, step):
        lines = _set(blocks, width, size)
        if len(lines) * size * LEADING <= height + FIT_TOLERANCE:
            return Fitted(tuple(lines), size, size * LEADING)
    size = min_size
    leading = size * LEADING
    kept = list(blocks)
    dropped = 0
    while any(b.optional for b in kept):
        index = max(i for i, b in enumerate(kept) if b.optional)
        del kept[index]
        dropped += 1
        lines = _set(kept, width, size)
        if len(lines) * leading <= height + FIT_TOLERANCE:
            return Fitted(tuple(lines), size, leading, dropped=dropped)
    lines = _set(kept, width, size)
    max_lines = max(1, int((height + FIT_TOLERANCE) // leading))
    return Fitted(tuple(lines[: max_lines - 1]) + (ellipsize(lines[max_lines - 1], width, size),),
                  size, leading, abbreviated=True, dropped=dropped)


def ellipsize(line: Line, width: float, size: float) -> Line:
    """``line`` cut so that it plus "…" fits ``width``."""
    pieces = list(line.runs)
    ell_font, ell_color = (pieces[-1][1], pieces[-1][2]) if pieces else ("NotoSans", "text")
    ell_w = _measure(ELLIPSIS, ell_font, size)
    while pieces:
        total = sum(_measure(t, f, size) for t, f, _ in pieces)
        if total + ell_w <= width:
            break
        text, font, color = pieces[-1]
        text = text[:-1].rstrip()
        if text:
            pieces[-1] = (text, font, color)
        else:
            pieces.pop()
    if pieces:
        text, font, color = pieces[-1]
        pieces[-1] = (text + ELLIPSIS, font, color)
    else:
        pieces = [(ELLIPSIS, ell_font, ell_color)]
    return Line(tuple(pieces), sum(_measure(t, f, size) for t, f, _ in pieces))


def _strong_chars(fitted: Fitted) -> int:
    """How many characters of bold text (the title, in a grid cell) are visible."""
    return sum(len(text.replace(ELLIPSIS, "")) for line in fitted.lines
               for text, font, _ in line.runs if font.endswith("Bold"))


def fit_best(alternatives: list[list[Block]], width: float, height: float, max_size: float,
             min_size: float, step: float = 0.5) -> Fitted:
    """Fit each alternative setting of the same text and keep the one that loses least:
    nothing abbreviated (else the most visible bold text: the title), nothing dropped, the
    largest size, the earliest alternative."""
    best: tuple[tuple, Fitted] | None = None
    for index, blocks in enumerate(alternatives):
        fitted = fit(blocks, width, height, max_size, min_size, step)
        visible = _strong_chars(fitted) if fitted.abbreviated else 0
        score = (not fitted.abbreviated, visible, -fitted.dropped, fitted.size, -index)
        if best is None or score > best[0]:
            best = (score, fitted)
    assert best is not None
    return best[1]
