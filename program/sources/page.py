"""A web page as the blocks a schedule is written in: headings, paragraphs, lists, tables.

``blocks(root) -> list[Block]`` turns an HTML element tree (:mod:`program.sources.htmltree`;
Markdown is rendered to the same tree) into blocks whose text is kept as *lines of spans*: a
span is a run of text with the markup that matters for a schedule (bold, italic, a link, the
class of a ``<span>``). Lines break where the page breaks them (``<br>``, a Markdown line
end, a block). What is not content is left out here: scripts, styles, navigation, code,
images, struck-out text. Pure: tree in, frozen blocks out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from program.sources.htmltree import SKIP, Element, Text

_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em", "cite", "var", "dfn"})
_DROP = frozenset({"img", "del", "s", "strike", "picture", "video", "audio", "input", "wbr",
                   "col", "colgroup", "caption", "pre"}) | SKIP
_CONTAINERS = frozenset("div section article main body html blockquote details summary "
                        "figure figcaption center header aside address fieldset dl dt dd "
                        "#root".split())
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SPACE = re.compile(r"[\s\u00a0\u200b]+")


@dataclass(frozen=True)
class Span:
    """A run of text and its markup: bold, italic, the link around it, the class of a
    ``<span>`` around it (``affiliation``)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Line:
    """One line of a page: its spans and the file line it starts on."""

    spans: tuple[Span, ...]
    line: int

    @property
    def text(self) -> str:
        """The line's text without markup."""
        return "".join(s.text for s in self.spans).strip()


@dataclass(frozen=True)
class Heading:
    level: int
    line: Line


@dataclass(frozen=True)
class Para:
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class ListItem:
    lines: tuple[Line, ...]
    children: tuple["ListBlock", ...]
    line: int


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Cell:
    lines: tuple[Line, ...]
    lists: tuple[ListBlock, ...] = ()
    header: bool = False
    #: how many columns it spans (``colspan``); the columns it covers follow it, empty
    span: int = 1
    #: a copy of the cell above that spans this row too (``rowspan``)
    spanned: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines).strip()


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    line: int
    header: bool = False


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Rule:
    line: int


Block = Heading | Para | ListBlock | Table | Rule


@dataclass
class _Lines:
    """Lines being collected from inline content."""

    done: list[Line] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    line: int = 0

    def add(self, span: Span, line: int) -> None:
        if not self.spans:
            self.line = line
        self.spans.append(span)

    def breaks(self) -> None:
        line = _trimmed(self.spans, self.line)
        if line is not None:
            self.done.append(line)
        self.spans = []


def _trimmed(spans: list[Span], line: int) -> Line | None:
    """The spans as a Line, whitespace collapsed and trimmed; None when nothing is left."""
    out: list[Span] = []
    for span in spans:
        text = _SPACE.sub(" ", span.text)
        if out and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        if out and _same_markup(out[-1], span):
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(span, text=text))
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if not out:
        return None
    out[0] = replace(out[0], text=out[0].text.lstrip())
    out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return Line(tuple(out), line)


def _same_markup(a: Span, b: Span) -> bool:
    return (a.bold, a.italic, a.href, a.role) == (b.bold, b.italic, b.href, b.role)


def _inline(node: Element | Text, into: _Lines, mark: Span) -> None:
    """Add the inline content of ``node`` to ``into`` with the markup ``mark`` carries."""
    if isinstance(node, Text):
        # the line of its first visible character (text after a <br> starts with the newline)
        lead = len(node.text) - len(node.text.lstrip())
        into.add(replace(mark, text=node.text), node.line + node.text.count("\n", 0, lead))
        return
    tag = node.tag
    if tag in _DROP:
        return
    if tag == "br":
        into.breaks()
        return
    if tag in _BOLD:
        mark = replace(mark, bold=True)
    elif tag in _ITALIC:
        mark = replace(mark, italic=True)
    elif tag == "a" and node.attrs.get("href"):
        mark = replace(mark, href=node.attrs["href"].strip())
    elif tag == "span" and node.attrs.get("class"):
        mark = replace(mark, role=node.attrs["class"].strip())
    block = tag in _CONTAINERS or tag in _HEADINGS or tag in ("p", "li", "tr", "td", "th")
    if block:
        into.breaks()
    for child in node.children:
        _inline(child, into, mark)
    if block:
        into.breaks()


def lines_of(nodes: list[Element | Text]) -> tuple[Line, ...]:
    """The lines of inline content (blocks inside it break lines)."""
    into = _Lines()
    for node in nodes:
        _inline(node, into, Span(""))
    into.breaks()
    return tuple(into.done)


def _lists_apart(element: Element) -> tuple[list[Element | Text], tuple[ListBlock, ...]]:
    """The children of a list item or cell: its inline content, and the lists inside it."""
    def is_list(c: Element | Text) -> bool:
        return isinstance(c, Element) and c.tag in ("ul", "ol")

    return ([c for c in element.children if not is_list(c)],
            tuple(_list(c) for c in element.children if is_list(c)))  # type: ignore[arg-type]


def _list(element: Element) -> ListBlock:
    items = []
    for li in element.children:
        if not isinstance(li, Element) or li.tag in _DROP:
            continue
        if li.tag in ("ul", "ol"):  # a list written directly in a list
            if items:
                last = items[-1]
                items[-1] = replace(last, children=last.children + (_list(li),))
            continue
        inline, nested = _lists_apart(li)
        items.append(ListItem(lines_of(inline), nested, li.line))
    return ListBlock(tuple(items))


def _count(text: str) -> int:
    return min(int(text), 50) if text.isdigit() and int(text) > 0 else 1


def _table(element: Element) -> Table:
    rows = []
    above: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows it still covers)
    for tr in element.iter("tr"):
        cells: list[Cell] = []

        def fill_spanned() -> None:
            while len(cells) in above:
                cell, left = above.pop(len(cells))
                cells.append(replace(cell, spanned=True))
                if left > 1:
                    above[len(cells) - 1] = (cell, left - 1)

        for td in tr.children:
            if not isinstance(td, Element) or td.tag not in ("td", "th"):
                continue
            fill_spanned()
            inline, lists = _lists_apart(td)
            span = _count(td.attrs.get("colspan", "1"))
            cell = Cell(lines_of(inline), lists, td.tag == "th", span)
            down = _count(td.attrs.get("rowspan", "1"))
            for i in range(span):
                if down > 1:
                    above[len(cells) + i] = (cell if i == 0 else Cell(()), down - 1)
            cells.append(cell)
            cells.extend(Cell(()) for _ in range(span - 1))
        fill_spanned()
        header = bool(cells) and all(c.header for c in cells if c.lines)
        rows.append(Row(tuple(cells), tr.line, header))
    return Table(tuple(rows))


def blocks(root: Element) -> list[Block]:
    """The blocks of a page, in document order."""
    out: list[Block] = []
    _walk(root, out)
    return out


def _walk(element: Element, out: list[Block]) -> None:
    pending: list[Element | Text] = []

    def flush() -> None:
        lines = lines_of(pending)
        if lines:
            out.append(Para(lines))
        pending.clear()

    for child in element.children:
        if isinstance(child, Text):
            pending.append(child)
            continue
        tag = child.tag
        if tag in _DROP:
            continue
        if tag in _HEADINGS:
            flush()
            lines = lines_of(child.children)
            if lines:
                spans = tuple(s for i, line in enumerate(lines)
                              for s in ((Span(" "),) if i else ()) + line.spans)
                out.append(Heading(_HEADINGS[tag], Line(spans, child.line)))
        elif tag == "p":
            flush()
            lines = lines_of(child.children)
            if lines:
                out.append(Para(lines))
        elif tag in ("ul", "ol"):
            flush()
            out.append(_list(child))
        elif tag == "table":
            flush()
            out.append(_table(child))
        elif tag == "hr":
            flush()
            out.append(Rule(child.line))
        elif tag in _CONTAINERS or tag in ("li", "tr", "td", "th", "tbody", "thead", "tfoot"):
            flush()
            _walk(child, out)
        else:
            pending.append(child)
    flush()
