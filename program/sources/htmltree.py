"""HTML as a tree of elements that know their source line, built on the standard library's
HTML tokenizer (``html.parser``) with HTML's rules for end tags a page leaves out.

``parse(text, lines) -> Element`` (the document root). ``lines`` maps a line of ``text`` to
the line of the file it came from (HTML rendered from Markdown carries ``<!--L:n-->`` markers
for that; see :mod:`program.sources.markdown`). Pure: text in, tree out; never raises on
broken markup (a page is read as a browser would show it, as far as schedules go) nor on
nesting past MAX_DEPTH.

Why not html5lib or lxml: neither gives every element and text its line, which a warning
about an unreadable entry must name; the tokenizer does, and the tree rules that schedules
depend on (implied ``</td>``, ``</tr>``, ``</li>``, ``</p>``; stray end tags; ``<a/>`` used
as ``</a>``) are the few written here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: elements whose content is never schedule text
SKIP = frozenset("script style head template noscript svg math iframe object select "
                 "textarea button form nav footer".split())
#: a start tag of the key closes an open element of these tags (HTML's implied end tags)
_CLOSES = {
    "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
    "thead": {"tbody", "tfoot", "thead", "tr", "td", "th"},
    "tbody": {"tbody", "thead", "tfoot", "tr", "td", "th"},
    "tfoot": {"tbody", "thead", "tr", "td", "th"},
    "option": {"option"},
}
_BLOCKS = frozenset("address article aside blockquote details div dl fieldset figure footer "
                    "form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul".split())
#: an element of these tags is not closed by an end tag from outside it
_SCOPES = frozenset("table td th li ul ol div section article body html blockquote".split())
_MARKER = re.compile(r"L:(\d+)")
MAX_DEPTH = 200
"""Deepest an element is nested: a start tag deeper than this opens nothing (what it holds
goes to the element above), as browsers cap nesting too. Real pages nest a few dozen deep;
a hostile one 100,000 deep would otherwise take quadratic time to build and overflow
Python's stack in every reader that walks the tree."""


@dataclass
class Text:
    """A run of text (entities already decoded) and the file line it starts on."""

    text: str
    line: int


@dataclass
class Element:
    """An element: tag (lower case), attributes, children in order, and its file line."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Element | Text"] = field(default_factory=list)
    line: int = 0

    def text(self) -> str:
        """All the text inside, concatenated (no markup)."""
        return "".join(c.text if isinstance(c, Text) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):
        """This element and every element inside it, in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def find(self, tag: str) -> "Element | None":
        """The first element of ``tag`` inside (or this one)."""
        return next(self.iter(tag), None)


class _Builder(HTMLParser):
    def __init__(self, line_of):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", line=1)
        self.stack = [self.root]
        self.line_of = line_of

    def _line(self) -> int:
        return self.line_of(self.getpos()[0])

    def _close_to(self, index: int) -> None:
        del self.stack[index:]

    def _open_index(self, tags: set[str] | frozenset[str], stop=_SCOPES) -> int | None:
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in tags:
                return i
            if tag in stop:
                return None
        return None

    def handle_starttag(self, tag, attrs):
        closes = _CLOSES.get(tag)
        if closes:
            stop = {"table"} if tag in ("tr", "td", "th", "thead", "tbody", "tfoot") else \
                {"ul", "ol", "dl", "table"}
            i = self._open_index(closes, frozenset(stop))
            if i is not None:
                self._close_to(i)
        if tag in _BLOCKS or tag in ("li", "td", "th", "tr"):
            i = self._open_index({"p"})
            if i is not None:
                self._close_to(i)
        if tag == "a":  # an <a> inside an open <a> closes it (HTML's adoption rule, in short)
            i = self._open_index({"a"})
            if i is not None:
                self._close_to(i)
        element = Element(tag, {k: v or "" for k, v in attrs}, line=self._line())
        self.stack[-1].children.append(element)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        if tag == "a" and self._open_index({"a"}) is not None:
            self.handle_endtag("a")  # <a/> written where </a> was meant
            return
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            if tag == "br":  # </br> is read as <br> by browsers
                self.handle_starttag("br", [])
            return
        stop = _SCOPES - {tag}
        if tag in ("ul", "ol", "table", "div", "section", "article", "blockquote"):
            stop = frozenset({"table"}) if tag != "table" else frozenset()
        i = self._open_index({tag}, stop)
        if i is not None:
            self._close_to(i)

    def handle_data(self, data):
        parent = self.stack[-1]
        if parent.children and isinstance(parent.children[-1], Text):
            parent.children[-1].text += data
        else:
            parent.children.append(Text(data, self._line()))

    def handle_comment(self, data):
        m = _MARKER.fullmatch(data.strip())
        if m:  # a line marker: the rendered line it is on is file line n
            here, base = self.getpos()[0], int(m[1])
            self.line_of = lambda rendered: base + rendered - here


def parse(text: str, first_line: int = 1) -> Element:
    """The element tree of ``text``; element lines are file lines, counted from
    ``first_line`` for the first line of ``text`` (and reset by ``<!--L:n-->`` markers)."""
    builder = _Builder(lambda rendered: first_line + rendered - 1)
    builder.feed(text)
    builder.close()
    return builder.root
