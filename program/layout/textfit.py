"""Fitting text into a box: wrap, then shrink down to a floor, then drop what is optional,
then abbreviate with "…". Pure: measured with font metrics, no canvas.

``fit(blocks, width, height, max_size, min_size) -> Fitted``. A *block* is a paragraph made of
styled spans (a bold title, a regular time); an *optional* block (speakers) is left out
before anything is abbreviated. ``Fitted.abbreviated`` tells the caller to warn.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from program.fonts import width1

ELLIPSIS = "…"
LEADING = 1.2  # baseline to baseline, as a fraction of the size
LINE_BOX = 1.05  # one line's ink, ascender to descender, as a fraction of the size
ASCENT = 0.8  # the first baseline below the top of the box, as a fraction of the size
FIT_TOLERANCE = 0.05  # points: rounding in scale arithmetic must not cost a line
_TOKEN = re.compile(r"[^\s\-–/]+[\-–/]+(?=\S)|\S+?(?=[\-–/]\S)|\S+\s*|\s+")
"""Breakable pieces: words with their trailing spaces, and parts of words ending in a hyphen,
an en dash or a slash (``Human-|Computer``, ``9:00–|10:45``)."""


@lru_cache(maxsize=None)
def _wide() -> re.Pattern[str]:
    """CJK and other characters a line may break between (compiled on first use: the
    class's large ranges take ~5 ms to compile, and ASCII text never needs it)."""
    return re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


class Span(NamedTuple):
    """A styled piece of a paragraph: text, font name, and an optional colour key."""

    text: str
    font: str
    color: str = "text"


@dataclass(frozen=True)
class Block:
    """A paragraph. ``optional`` blocks are dropped (whole) before text is abbreviated."""

    spans: tuple[Span, ...]
    optional: bool = False


class Line(NamedTuple):
    """One set line: runs of (text, font, colour) and its width at the fitted size.
    (A named tuple: tens of thousands are made per booklet, and tuples are made fast.)"""

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
    cut_words: bool = False  # a word wider than the box was cut between characters

    @property
    def height(self) -> float:
        """Height of the set lines, from the top of the first to the last descender."""
        return lines_height(len(self.lines), self.size)

    def text(self) -> str:
        """The visible text, lines joined by newlines (for tests and warnings)."""
        return "\n".join("".join(r[0] for r in line.runs) for line in self.lines)


class _Tok(NamedTuple):
    """A breakable piece with its widths at size 1 (widths scale with the size)."""

    text: str
    font: str
    color: str
    trimmed: float  # width without trailing spaces
    full: float


@lru_cache(maxsize=65536)
def _tokens(span: Span) -> tuple[_Tok, ...]:
    """Breakable pieces of a span: words with their trailing space; CJK one char at a time."""
    out = []
    font, color, text = span.font, span.color, span.text
    wide = not text.isascii() and max(text) >= "\u2e80" and _wide().search(text) is not None
    for tok in _TOKEN.findall(text):
        pieces = list(tok) if wide and _wide().search(tok) else (tok,)
        for piece in pieces:
            word = piece.rstrip()
            trimmed = width1(word, font)
            full = trimmed + width1(piece[len(word):], font) if word != piece else trimmed
            out.append(_Tok(piece, font, color, trimmed, full))
    return tuple(out)


@lru_cache(maxsize=32768)
def _block_tokens(block: Block) -> tuple[_Tok, ...]:
    """All tokens of a block, in order."""
    if len(block.spans) == 1:
        return _tokens(block.spans[0])
    return tuple(t for span in block.spans for t in _tokens(span))


def _measure(piece: str, font: str, size: float) -> float:
    return width1(piece, font) * size


SOFT_HYPHEN = "\u00ad"  # drawn as a hyphen; text extraction knows it is no part of the word


@lru_cache(maxsize=16)
def _dictionary(lang: str):
    """The pyphen hyphenation dictionary for ``lang`` (``de``, ``pt_BR``...), or None."""
    import pyphen

    found = pyphen.language_fallback(lang.replace("-", "_")) if lang else None
    return pyphen.Pyphen(lang=found) if found else None


@lru_cache(maxsize=8192)
def _hyphenate(word: str, font: str, avail: float, lang: str) -> tuple[str, ...] | None:
    """``word`` cut at its hyphenation points (by the dictionary of ``lang``) into pieces
    that fit ``avail`` (at size 1), each but the last ending in a soft hyphen; None when the
    dictionary has no point that helps (then the word is cut between characters)."""
    dictionary = _dictionary(lang)
    if dictionary is None:
        return None
    core = word.rstrip()
    points = dictionary.positions(core)
    pieces, start = [], 0
    while width1(core[start:], font) > avail:
        usable = [p for p in points if p > start and
                  width1(core[start:p] + SOFT_HYPHEN, font) <= avail]
        if not usable:
            return None
        pieces.append(core[start:usable[-1]] + SOFT_HYPHEN)
        start = usable[-1]
    return tuple(pieces) + (word[start:],)


def _break_long(tok: _Tok, avail: float, size: float, lang: str = "") -> list[_Tok]:
    """Split a token wider than the line into pieces that fit: at its hyphenation points
    when the language has a dictionary, else between characters."""
    hyphenated = _hyphenate(tok.text, tok.font, avail / size, lang) if lang else None
    if hyphenated:
        return [_Tok(p, tok.font, tok.color, width1(p.rstrip(), tok.font), width1(p, tok.font))
                for p in hyphenated]
    pieces, current, current_w = [], "", 0.0
    for char in tok.text:
        w = width1(char, tok.font) * size
        if current and current_w + w > avail:
            pieces.append(current)
            current, current_w = char, w
        else:
            current += char
            current_w += w
    if current:
        pieces.append(current)
    return [_Tok(p, tok.font, tok.color, width1(p.rstrip(), tok.font), width1(p, tok.font))
            for p in pieces]


def _breaks(block: Block, width: float, size: float, limit: int | None = None,
            no_split: bool = False, lang: str = "",
            first: int | None = None) -> list[list[_Tok]] | None:
    """Greedy word wrap of one block at ``size``: the tokens of each line; None as soon as
    it takes more than ``limit`` lines, or (with ``no_split``) as soon as a word is wider
    than the line; only the ``first`` lines when given (a greedy wrap sets each line
    without looking ahead, so they are those of the whole wrap). (Widths are compared at
    size 1: ``width / size``.)"""
    avail = width / size
    lines: list[list[_Tok]] = []
    current: list[_Tok] = []
    used = 0.0
    tokens = _block_tokens(block)
    queue: deque[_Tok] | None = None  # only when a word wider than the line is cut
    i, n = 0, len(tokens)
    while True:
        if queue:
            tok = queue.popleft()
        elif i < n:
            tok = tokens[i]
            i += 1
        else:
            break
        if current and used + tok.trimmed > avail:
            lines.append(current)
            if limit is not None and len(lines) > limit:
                return None
            if first is not None and len(lines) >= first:
                return lines
            current, used = [], 0.0
            if not tok.trimmed and not tok.text.strip():
                continue
        if not current and tok.trimmed > avail:
            if no_split:
                return None
            parts = _break_long(tok, width, size, lang)
            queue = deque(parts[1:]) + (queue or deque())
            tok = parts[0]
        current.append(tok)
        used += tok.full
    if current:
        lines.append(current)
    if limit is not None and len(lines) > limit:
        return None
    return lines


def wrap(block: Block, width: float, size: float) -> list[Line]:
    """Greedy word wrap of one block at ``size`` into lines no wider than ``width``, a
    paragraph of two lines or more never ending in a line of one word (:func:`_no_runt`)."""
    return [_finish(tokens, size) for tokens in _no_runt(_breaks(block, width, size) or [],
                                                         width / size)]


def _words(tokens: list[_Tok]) -> list[list[_Tok]]:
    """``tokens`` grouped into words: a word ends with a token that ends in a space (a
    bold word and its regular comma are one word)."""
    words: list[list[_Tok]] = [[]]
    for tok in tokens:
        words[-1].append(tok)
        if tok.text[-1:].isspace():
            words.append([])
    return [w for w in words if w]


def _no_runt(lines: list[list[_Tok]], avail: float) -> list[list[_Tok]]:
    """The lines with a last line of one word (a runt, which typesetters never leave) given
    the last word of the line above as well, when both fit there and the line above keeps
    two words (same line count, so heights never change). ``avail`` is the width at size 1.
    Lines of CJK characters or ending in a hyphenated piece are left as they are."""
    if len(lines) < 2 or len(_words(lines[-1])) != 1:
        return lines
    above = _words(lines[-2])
    pulled = above[-1]
    if len(above) < 3 or pulled[-1].text.rstrip().endswith(SOFT_HYPHEN):
        return lines
    last = lines[-1]
    width = sum(t.full for t in pulled) + sum(t.full for t in last[:-1]) + last[-1].trimmed
    if width > avail:
        return lines
    keep = len(lines[-2]) - len(pulled)
    return lines[:-2] + [lines[-2][:keep], pulled + last]


def _finish(tokens: list[_Tok], size: float) -> Line:
    """A Line from its tokens: neighbouring tokens of one font and colour merged, the
    trailing space dropped."""
    first = tokens[0]
    if all(t.font == first.font and t.color == first.color for t in tokens):
        text = "".join(t.text for t in tokens).rstrip()
        if not text:
            return Line((), 0.0)
        last = tokens[-1]
        used = sum(t.full for t in tokens) - last.full + last.trimmed
        return Line(((text, first.font, first.color),), used * size)
    merged: list[tuple[str, str, str]] = []
    for tok in tokens:
        if merged and merged[-1][1] == tok.font and merged[-1][2] == tok.color:
            merged[-1] = (merged[-1][0] + tok.text, tok.font, tok.color)
        else:
            merged.append((tok.text, tok.font, tok.color))
    last = merged[-1]
    merged[-1] = (last[0].rstrip(), last[1], last[2])
    merged = [m for m in merged if m[0]]
    return Line(tuple(merged), sum(_measure(t, f, size) for t, f, _ in merged))


def _set(blocks: list[Block], width: float, size: float, limit: int | None = None,
         no_split: bool = False, lang: str = "", first: int | None = None) -> list[Line] | None:
    """All blocks wrapped at ``size``; None when they take more than ``limit`` lines (or,
    with ``no_split``, when a word would have to be cut). With ``first``: only the first
    lines, that many at most (what an abbreviated box shows: the rest is never set)."""
    found: list[list[_Tok]] = []
    for block in blocks:
        if first is not None and len(found) >= first:
            break
        more = _breaks(block, width, size, None if limit is None else limit - len(found),
                       no_split, lang, None if first is None else first - len(found))
        if more is None:
            return None
        found += more
    return [_finish(tokens, size) for tokens in found]


def _sizes(max_size: float, min_size: float, step: float) -> list[float]:
    sizes, size = [], max_size
    while size > min_size + 1e-6:
        sizes.append(round(size, 2))
        size -= step
    sizes.append(min_size)
    return sizes


def lines_height(count: int, size: float) -> float:
    """Height of ``count`` lines at ``size``: leading between baselines, one line's ink."""
    return 0.0 if count <= 0 else (count - 1) * size * LEADING + size * LINE_BOX


def _max_lines(height: float, size: float) -> int:
    """How many lines at ``size`` fit in ``height``."""
    if height + FIT_TOLERANCE < size * LINE_BOX:
        return 0
    return int((height + FIT_TOLERANCE - size * LINE_BOX) // (size * LEADING)) + 1


def fit(blocks: list[Block] | tuple[Block, ...], width: float, height: float, max_size: float,
        min_size: float, step: float = 0.5, lang: str = "") -> Fitted:
    """Set ``blocks`` in a ``width`` x ``height`` box (points); see the module docstring. A
    word wider than the box is hyphenated by the dictionary of ``lang`` (e.g. ``en``), when
    there is one, before it is cut between characters."""
    blocks = [b for b in blocks if any(s.text for s in b.spans)]
    for size in _sizes(max_size, min_size, step):  # whole words first, at any size
        lines = _set(blocks, width, size, _max_lines(height, size), no_split=True)
        if lines is not None:
            return Fitted(tuple(lines), size, size * LEADING)
    lines = _set(blocks, width, min_size, _max_lines(height, min_size), lang=lang)
    if lines is not None:  # a word wider than the box, cut, at the smallest size
        return Fitted(tuple(lines), min_size, min_size * LEADING, cut_words=True)
    size = min_size
    leading = size * LEADING
    kept = list(blocks)
    dropped = 0
    while any(b.optional for b in kept):
        index = max(i for i, b in enumerate(kept) if b.optional)
        del kept[index]
        dropped += 1
        lines = _set(kept, width, size, _max_lines(height, size), lang=lang)
        if lines is not None:
            return Fitted(tuple(lines), size, leading, dropped=dropped)
    max_lines = _max_lines(height, size)
    if max_lines < 1:  # not even one line fits: an empty box, reported as abbreviated
        return Fitted((), size, leading, abbreviated=True, dropped=dropped)
    lines = _set(kept, width, size, None, lang=lang, first=max_lines)
    assert lines is not None and len(lines) >= max_lines
    return Fitted(tuple(lines[: max_lines - 1]) + (ellipsize(lines[max_lines - 1], width, size),),
                  size, leading, abbreviated=True, dropped=dropped)


def clip(text: str, font: str, size: float, avail: float) -> str:
    """``text`` as it fits one line of ``avail`` points: whole, or the longest prefix that
    fits with "…" after it (found by bisection: long titles stay fast)."""
    if width1(text, font) * size <= avail:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix whose clipped form fits
        mid = (lo + hi + 1) // 2
        if width1(text[:mid].rstrip() + ELLIPSIS, font) * size <= avail:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


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
             min_size: float, step: float = 0.5, lang: str = "") -> Fitted:
    """Fit each alternative setting of the same text and keep the one that loses least:
    nothing abbreviated (else the most visible bold text: the title), no word cut, nothing
    dropped, the largest size, the earliest alternative."""
    best: tuple[tuple, Fitted] | None = None
    for index, blocks in enumerate(alternatives):
        fitted = fit(blocks, width, height, max_size, min_size, step, lang)
        visible = _strong_chars(fitted) if fitted.abbreviated else 0
        score = (not fitted.abbreviated, visible, not fitted.cut_words, -fitted.dropped,
                 fitted.size, -index)
        if best is None or score > best[0]:
            best = (score, fitted)
    assert best is not None
    return best[1]


def fit_uncut(text: str, font: str, width: float, height: float, max_size: float,
              floor: float, max_lines: int = 2) -> Fitted:
    """``text`` (a name: a badge's, a room's) in a ``width`` x ``height`` box, never cut:
    the largest size at which it takes one line (down to 60 % of ``max_size``, but not
    below ``floor``), else up to ``max_lines`` lines broken between words (down to
    ``floor``), else one line scaled to the width, however small (the caller warns)."""
    blocks = [Block((Span(text, font),))]
    spaced = any(c.isspace() for c in text.strip())
    for lines, low in ((1, max(floor, max_size * 0.6)), (max_lines, floor)):
        if lines > 1 and not spaced:  # CJK names are not broken between characters
            continue
        size = max_size
        while size >= low - 1e-6:
            fitted = fit(blocks, width, min(height, lines_height(lines, size) + 0.05),
                         size, size)
            if not (fitted.abbreviated or fitted.cut_words) and len(fitted.lines) <= lines \
                    and _whole(fitted, text):
                return fitted
            size -= 0.5
    unit = width1(text, font)
    size = min(max_size, width / unit if unit else max_size, height / LINE_BOX) * 0.999
    return Fitted((Line(((text, font, "text"),), unit * size),), size, size * LEADING)


def _whole(fitted: Fitted, text: str) -> bool:
    """True when the lines hold every character of ``text`` (only spaces between lines)."""
    shown = "".join(t for line in fitted.lines for t, _, _ in line.runs)
    return "".join(shown.split()) == "".join(text.split())
