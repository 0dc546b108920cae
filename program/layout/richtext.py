"""Rich text (an abstract, a description) set into lines: pure layout, measured with font
metrics, no canvas.

``set_rich(rich, width, size) -> SetRich``: every line with its runs of (text, font, colour
key), its left offset (list items are indented, their markers hang in the indent), its top,
and the stretches of it that are links. Styles become faces: strong -> bold, emphasis ->
italic, both -> bold italic, code -> Noto Sans Mono. A link is drawn in the accent colour and
becomes a link area only when its URL is safe (:func:`program.checks.safe_url`, the rule for
talk URLs); an unsafe one keeps its text, in the text colour. Paragraphs are separated by
``PARAGRAPH_GAP`` of the size, list items by ``ITEM_GAP``; a line break in a paragraph starts
a new line; code blocks keep their lines and indentation. The text is what the model holds:
no markup character is added, so none can reach a page.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from program.checks import safe_url
from program.fonts import BOLD, BOLD_ITALIC, ITALIC, MONO, REGULAR, width as text_width
from program.layout.textfit import Block, Line, Span, wrap
from program.model import CodeBlock, Paragraph, RichText, Run, TextBlock, TextList

PARAGRAPH_GAP = 0.4  # space between paragraphs and lists, as a fraction of the size
ITEM_GAP = 0.15  # space between list items
INDENT = 1.3  # a list level's indent
MARKER_GAP = 0.4  # between a list marker and its item's text
_FACES = {(False, False): REGULAR, (True, False): BOLD, (False, True): ITALIC,
          (True, True): BOLD_ITALIC}
_LINK = "link:"  # colour key of a linked run while it is wrapped: link:<index of its URL>


class RichLine(NamedTuple):
    """One set line: ``line`` (runs and width at ``size``), ``x`` its left from the left of
    the text column, ``top`` its top from the top of the text, and ``links`` as
    ``(x0, x1, url)`` measured from ``x``."""

    line: Line
    x: float
    top: float
    size: float
    links: tuple[tuple[float, float, str], ...] = ()


class SetRich(NamedTuple):
    """Set rich text: its lines and its height (the last line's top plus one line pitch)."""

    lines: tuple[RichLine, ...]
    height: float


@lru_cache(maxsize=4096)
def set_rich(rich: RichText, width: float, size: float, leading: float = 1.3,
             colour: str = "text") -> SetRich:
    """Set ``rich`` in a column ``width`` points wide at ``size``, lines ``leading`` x
    ``size`` apart, plain text in the colour key ``colour``."""
    setter = _Setter(size, size * leading, colour)
    setter.blocks(rich.blocks, 0.0, width)
    return SetRich(tuple(setter.lines), setter.y)


class _Setter:
    """Collects lines as the blocks are set, top to bottom; ``y`` is the next line's top."""

    def __init__(self, size: float, pitch: float, colour: str) -> None:
        self.size, self.pitch, self.colour = size, pitch, colour
        self.lines: list[RichLine] = []
        self.y = 0.0

    def blocks(self, blocks: tuple[TextBlock, ...], x: float, width: float,
               gap: float = PARAGRAPH_GAP, marker: str | None = None) -> None:
        for i, block in enumerate(blocks):
            if self.lines and (i or marker is None):
                self.y += self.size * gap
            if i == 0 and marker is not None and not isinstance(block, Paragraph):
                self._add(Line((), 0.0), x, [], marker)  # the item starts with a list
            if isinstance(block, TextList):
                self.text_list(block, x, width)
            elif isinstance(block, CodeBlock):
                self.code(block, x, width)
            else:
                self.paragraph(block, x, width, marker if i == 0 else None)

    def text_list(self, block: TextList, x: float, width: float) -> None:
        indent = self.size * INDENT
        if block.ordered:  # numbers right-aligned: the widest decides the indent
            widest = max(text_width(m, REGULAR, self.size) for m in block.markers())
            indent = max(indent, widest + self.size * MARKER_GAP)
        for i, (marker, item) in enumerate(zip(block.markers(), block.items)):
            if i:
                self.y += self.size * ITEM_GAP
            self.blocks(item.blocks, x + indent, width - indent, gap=ITEM_GAP, marker=marker)

    def paragraph(self, block: Paragraph, x: float, width: float, marker: str | None) -> None:
        urls: list[str] = []
        for part in _split_breaks(block.runs):
            spans = tuple(self._span(run, urls) for run in part)
            for line in wrap(Block(spans), width, self.size) or [Line((), 0.0)]:
                self._add(line, x, urls, marker)
                marker = None

    def code(self, block: CodeBlock, x: float, width: float) -> None:
        indent = self.size * MARKER_GAP
        for text in block.text.split("\n"):
            lines = wrap(Block((Span(text, MONO, self.colour),)), width - indent, self.size)
            for line in lines or [Line((), 0.0)]:
                self._add(line, x + indent, [], None)

    def _span(self, run: Run, urls: list[str]) -> Span:
        font = MONO if run.code else _FACES[run.strong, run.emphasis]
        if run.url and safe_url(run.url):
            urls.append(run.url)
            return Span(run.text, font, f"{_LINK}{len(urls) - 1}")
        return Span(run.text, font, self.colour)

    def _add(self, line: Line, x: float, urls: list[str], marker: str | None) -> None:
        """Append ``line`` at ``x``: linked runs become accent runs and link areas."""
        runs: list[tuple[str, str, str]] = []
        links: list[list] = []  # [x0, x1 without the trailing space, x1 with it, url]
        at = 0.0
        # (the runs are measured only to place link areas: most lines have none)
        measure = any(key.startswith(_LINK) for _, _, key in line.runs)
        for text, font, key in line.runs:
            w = text_width(text, font, self.size) if measure else 0.0
            if key.startswith(_LINK):
                url = urls[int(key[len(_LINK):])]
                ink = at + text_width(text.rstrip(), font, self.size)
                if links and links[-1][3] == url and abs(links[-1][2] - at) < 0.01:
                    links[-1][1:3] = [ink, at + w]  # one link, in two faces
                else:
                    links.append([at, ink, at + w, url])
                key = "accent"
            if runs and runs[-1][1] == font and runs[-1][2] == key:
                runs[-1] = (runs[-1][0] + text, font, key)
            else:
                runs.append((text, font, key))
            at += w
        if marker is not None:
            mw = text_width(marker, REGULAR, self.size)
            left = x - mw - self.size * MARKER_GAP
            self.lines.append(RichLine(Line(((marker, REGULAR, self.colour),), mw), left, self.y,
                                       self.size))
        self.lines.append(RichLine(Line(tuple(runs), line.width), x, self.y, self.size,
                                   tuple((x0, x1, url) for x0, x1, _, url in links)))
        self.y += self.pitch


def _split_breaks(runs: tuple[Run, ...]) -> list[list[Run]]:
    """The runs of each line of a paragraph (a ``"\\n"`` run is a line break)."""
    parts: list[list[Run]] = [[]]
    for run in runs:
        if run.text == "\n":
            parts.append([])
        else:
            parts[-1].append(run)
    return parts
