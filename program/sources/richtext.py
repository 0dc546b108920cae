"""Abstracts and descriptions as rich text: Markdown, HTML or plain text in, one
:class:`~program.model.RichText` out.

``parse(text, syntax)`` with ``syntax`` one of ``markdown`` (pretalx, our YAML), ``html``
(pentabarf/FOSDEM), ``plain`` (paragraphs at blank lines, each line kept) or ``auto``
(:func:`sniff` decides from what the text looks like). Markdown goes through markdown-it-py
(CommonMark, with tables and strikethrough), HTML through the standard library's HTML parser
(entities such as ``&amp;`` and ``&nbsp;`` resolved); both drive the same :class:`_Builder`,
so equivalent input gives the same model, and raw HTML inside Markdown is read as HTML.
A tag that is not HTML (``<T>``, ``<with brackets>``) is text. Whitespace is collapsed
(source line breaks inside a paragraph are spaces; CRLF is a line break) except in code
blocks. ``to_markdown(rich)`` writes the model back as Markdown that parses to it again
(``program import``, ``program export yaml``). Pure functions: text in, values out.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from program.model import CodeBlock, ListItem, Paragraph, RichText, Run, TextBlock, TextList

SYNTAXES = ("auto", "markdown", "html", "plain")

#: HTML elements; any other ``<name>`` in a text is text, not a tag
_HTML_TAGS = frozenset("""a abbr acronym address article aside b bdi bdo big blockquote body br
caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure font
footer h1 h2 h3 h4 h5 h6 head header hr html i img ins kbd label li main mark nav ol p pre q s
samp section small span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul
var wbr""".split())
_BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details div dl dt
figcaption figure footer h1 h2 h3 h4 h5 h6 header html main nav p section summary table tbody
tfoot thead caption""".split())
_STRONG_TAGS = frozenset("b strong h1 h2 h3 h4 h5 h6 dt th".split())
_EMPHASIS_TAGS = frozenset("i em cite dfn var".split())
_CODE_TAGS = frozenset("code tt kbd samp".split())
_SKIP_TAGS = frozenset("script style head".split())  # their content is not text

_HTML_BLOCK_SIGN = re.compile(
    r"</?(?:p|ul|ol|li|div|h[1-6]|blockquote|pre|table|tr|td|dl|dt|dd)\b[^<>]*>", re.I)
_HTML_SIGN = re.compile(
    r"</?(?:a|br|strong|em|b|i|u|s|code|span|img|hr|sub|sup)\b[^<>]*>"
    r"|&(?:[a-z]{2,8}|#\d{1,7}|#x[0-9a-f]{1,6});", re.I)
_MARKDOWN_SIGN = re.compile(
    r"\[[^\]\n]+\]\([^)\s]+\)|\*\*\S|__\S|`[^`\n]+`|^ {0,3}(?:[-*+]|\d{1,9}[.)]) +\S"
    r"|^ {0,3}#{1,6} |^ {0,3}>|^ {0,3}```|(?:^|\s)[*_][^\s*_][^*_\n]*[*_](?:$|[\s.,;:!?)])"
    r"|^ {0,3}(?:-{3,}|={3,}) *$|<https?://[^>\s]+>|\\[\\`*_{}\[\]()#+\-.!]", re.M)
_SPACE = re.compile(r"[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+")  # not U+00A0: a no-break space is kept ...
_EDGE = " \u00a0"  # ... but not at the ends of a paragraph or a line


def sniff(text: str) -> str:
    """``html``, ``markdown`` or ``plain``: what ``text`` is written in, by the signs it
    shows. Block-level HTML tags (``<p>``, ``<li>``) say HTML; else Markdown's links,
    emphasis, code, lists or headings say Markdown (which may hold inline HTML: ``<br>``,
    ``&amp;``); else inline HTML tags or entities say HTML; else it is plain text."""
    if _HTML_BLOCK_SIGN.search(text):
        return "html"
    if _MARKDOWN_SIGN.search(text):
        return "markdown"
    if _HTML_SIGN.search(text):
        return "html"
    return "plain"


def parse(text: str | None, syntax: str = "auto") -> RichText | None:
    """``text`` in ``syntax`` (see the module docstring) as rich text; None when it holds
    nothing to print."""
    if text is None:
        return None
    rich = _parse(text.replace("\r\n", "\n").replace("\r", "\n"), syntax)
    return rich or None


@lru_cache(maxsize=4096)
def _parse(text: str, syntax: str) -> RichText:
    if syntax == "auto":
        syntax = sniff(text)
    if syntax == "markdown":
        return from_markdown(text)
    if syntax == "html":
        return from_html(text)
    if syntax == "plain":
        return from_plain(text)
    raise ValueError(f"unknown syntax {syntax!r}")


def from_plain(text: str) -> RichText:
    """Plain text: paragraphs at blank lines, the lines of a paragraph kept as line breaks."""
    b = _Builder()
    for para in re.split(r"\n[ \t]*\n", text):
        for i, line in enumerate(para.split("\n")):
            if i:
                b.line_break()
            b.text(line)
        b.end_paragraph()
    return b.finish()


def from_html(text: str) -> RichText:
    """HTML (a fragment: ``<p>``, lists, ``<a href>``, ``<strong>``, ``<br>``, entities)."""
    b = _Builder()
    reader = _HTMLReader(b)
    reader.feed(text)
    reader.close()
    return b.finish()


@lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # every link is kept as written: products print only safe ones (checks.safe_url), and a
    # refused link would leave its brackets in the text
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


def from_markdown(text: str) -> RichText:
    """Markdown (CommonMark with tables; raw HTML in it read as HTML). A text in which no
    Markdown syntax can start (most abstracts) is read without the parser, to the same
    value (:func:`_paragraphs`; a test compares the two on many texts)."""
    if _no_markdown(text):
        return _paragraphs(text)
    return parsed_markdown(text)


def _no_markdown(text: str) -> bool:
    """True when no Markdown syntax can start in ``text``: no inline marker (escape, code,
    emphasis, link, HTML, autolink, table cell, strikethrough, entity), no hard line break,
    and at no line's start a block marker (heading, quote, list, rule, setext underline,
    fence) or a code indent. Nor tabs, NUL or CR (which the parser counts, replaces or
    makes line ends), nor the characters markdown-it-py 3 and 4 trim differently (U+001C-
    U+001F, U+0085). Broader than needed, never narrower; each sign looked for on its own
    (one pattern of them all costs three times as much)."""
    return (_INLINE_SIGN.search(text) is None and "~~" not in text and "  \n" not in text
            and ("&" not in text or _ENTITY.search(text) is None)
            and _LINE_SIGN.match(text) is None
            and ("\n" not in text or _NEXT_LINE_SIGN.search(text) is None))


_INLINE_SIGN = re.compile(r"[\\`*_\[\]<|\t\r\0\x1c-\x1f\x85]")
_ENTITY = re.compile(r"&(?:#|[A-Za-z][A-Za-z0-9]*;)")
_LINE_SIGN = re.compile(r" *(?:[#>+=~-]|\d+[.)])| {4}")
_NEXT_LINE_SIGN = re.compile(r"\n(?: *(?:[#>+=~-]|\d+[.)])| {4})")
#: A blank line (spaces only: tabs go to the parser) between two paragraphs.
_BLANK_LINES = re.compile(r"\n(?: *\n)+")


def _paragraphs(text: str) -> RichText:
    """A text without Markdown syntax as markdown-it reads it: paragraphs at blank lines,
    their ends trimmed (of what ``str.strip`` and markdown-it both trim, once the characters
    they differ on are ruled out), their lines joined by spaces."""
    paragraphs = (para.strip() for para in _BLANK_LINES.split(text))
    # (what _normalize makes of one run: its ends are already trimmed of every space)
    return RichText(tuple(Paragraph((Run(_collapsed(para)),)) for para in paragraphs if para))


def parsed_markdown(text: str) -> RichText:
    """:func:`from_markdown` by markdown-it-py, always."""
    b = _Builder()
    html = _HTMLReader(b)
    for token in _markdown_parser().parse(text):
        _markdown_token(token, b, html)
    html.close()
    return b.finish()


def _markdown_token(token, b: _Builder, html: _HTMLReader) -> None:
    """Drive the builder with one block-level markdown-it token."""
    kind = token.type
    if kind == "inline":
        for child in token.children or ():
            _markdown_inline(child, b, html)
    elif kind in ("paragraph_close", "heading_close", "tr_close"):
        b.end_paragraph()
    elif kind == "heading_open":
        b.end_paragraph()
        b.strong += 1
    elif kind in ("bullet_list_open", "ordered_list_open"):
        start = token.attrGet("start")
        b.open_list(kind == "ordered_list_open", int(start) if start else 1)
    elif kind in ("bullet_list_close", "ordered_list_close"):
        b.close_list()
    elif kind == "list_item_open":
        b.open_item()
    elif kind == "list_item_close":
        b.close_item()
    elif kind in ("fence", "code_block"):
        b.code_block(token.content)
    elif kind == "html_block":
        html.feed(token.content)
        html.flush()
    elif kind in ("th_open", "td_open"):
        b.cell()
        b.strong += kind == "th_open"
    elif kind == "th_close":
        b.strong -= 1
    if kind == "heading_close":
        b.strong -= 1


def _markdown_inline(token, b: _Builder, html: _HTMLReader) -> None:
    """Drive the builder with one inline markdown-it token."""
    kind = token.type
    if kind == "text":
        b.text(token.content)
    elif kind == "softbreak":
        b.text(" ")
    elif kind == "hardbreak":
        b.line_break()
    elif kind == "code_inline":
        b.code += 1
        b.text(token.content)
        b.code -= 1
    elif kind == "strong_open":
        b.strong += 1
    elif kind == "strong_close":
        b.strong -= 1
    elif kind == "em_open":
        b.emphasis += 1
    elif kind == "em_close":
        b.emphasis -= 1
    elif kind == "link_open":
        b.links.append(str(token.attrGet("href") or ""))
    elif kind == "link_close":
        if b.links:
            b.links.pop()
    elif kind == "image":
        b.text(token.content)  # the alternative text
    elif kind == "html_inline":
        html.feed(token.content)
        html.flush()


class _Builder:
    """Collects blocks and styled runs as a reader walks its source; ``finish()`` gives the
    RichText. Styles are counters (nested ``<b><b>`` close one at a time); lists and items
    are a stack, opened and closed implicitly when the source forgets."""

    def __init__(self) -> None:
        self.strong = self.emphasis = self.code = 0
        self.links: list[str] = []
        self.runs: list[Run] = []
        #: open containers: the root's blocks, then [list, items] and [item, blocks] pairs
        self.stack: list[tuple[str, list, dict]] = [("root", [], {})]

    # inline
    def text(self, text: str) -> None:
        if text:
            url = self.links[-1] if self.links else None
            self.runs.append(Run(text, self.strong > 0, self.emphasis > 0, self.code > 0,
                                 url or None))

    def line_break(self) -> None:
        self.runs.append(Run("\n"))

    def cell(self) -> None:
        """A table cell starts: cells of one row are one paragraph, separated by " · "."""
        if any(r.text.strip() for r in self.runs):
            self.runs.append(Run(" · "))

    # blocks
    def _blocks(self) -> list:
        kind, blocks, _ = self.stack[-1]
        if kind == "list":  # text straight inside a list: an item of its own
            self.open_item()
            kind, blocks, _ = self.stack[-1]
        return blocks

    def end_paragraph(self) -> None:
        runs = _normalize(self.runs)
        self.runs = []
        if runs:
            self._blocks().append(Paragraph(runs))

    def code_block(self, text: str) -> None:
        self.end_paragraph()
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
        if text.strip():
            self._blocks().append(CodeBlock(text))

    def open_list(self, ordered: bool, start: int = 1) -> None:
        self.end_paragraph()
        self._blocks()  # (a list straight inside a list opens an item for it)
        self.stack.append(("list", [], {"ordered": ordered, "start": start if ordered else 1}))

    def open_item(self) -> None:
        self.end_paragraph()
        if self.stack[-1][0] == "item":  # an <li> left open
            self.close_item()
        if self.stack[-1][0] != "list":  # an <li> outside any list
            self.open_list(False)
        self.stack.append(("item", [], {}))

    def close_item(self) -> None:
        self.end_paragraph()
        if self.stack[-1][0] == "item":
            _, blocks, _ = self.stack.pop()
            self.stack[-1][1].append(ListItem(tuple(blocks)))

    def close_list(self) -> None:
        self.end_paragraph()
        if self.stack[-1][0] == "item":
            self.close_item()
        if self.stack[-1][0] == "list":
            _, items, opts = self.stack.pop()
            items = [item for item in items if item.blocks]
            if items:
                self._blocks().append(TextList(tuple(items), **opts))

    def finish(self) -> RichText:
        self.end_paragraph()
        while len(self.stack) > 1:
            self.close_list()
        return RichText(tuple(self.stack[0][1]))


def _normalize(runs: list[Run]) -> tuple[Run, ...]:
    """Runs with whitespace collapsed, none at the ends or around a line break, a space
    between two runs always at the end of the left one, and neighbours of one style merged
    (so that equivalent sources give equal runs)."""
    out: list[Run] = []
    for run in runs:
        if run.text == "\n":
            _rstrip(out)
            if out:
                out.append(Run("\n"))
            continue
        text = _collapsed(run.text)
        if not out or out[-1].text == "\n":
            text = text.lstrip(_EDGE)
        elif out[-1].text.endswith(" "):
            text = text.lstrip(" ")
        elif text.startswith(" "):
            out[-1] = Run(out[-1].text + " ", *out[-1].styled())
            text = text.lstrip(" ")
        if not text:
            continue
        if out and out[-1].text != "\n" and out[-1].styled() == run.styled():
            out[-1] = Run(out[-1].text + text, *run.styled())
        else:
            out.append(Run(text, *run.styled()))
    _rstrip(out)
    while out and out[-1].text == "\n":
        out.pop()
        _rstrip(out)
    return tuple(out)


def _collapsed(text: str) -> str:
    """``text`` with each run of spaces (see _SPACE) one space."""
    if text.isprintable() and "  " not in text:  # then there is no such run in it
        return text
    return _SPACE.sub(" ", text)


def _rstrip(runs: list[Run]) -> None:
    """Drop spaces at the end of the last run (and the run, when nothing is left)."""
    while runs and runs[-1].text != "\n" and runs[-1].text.endswith(tuple(_EDGE)):
        text = runs[-1].text.rstrip(_EDGE)
        if text:
            runs[-1] = Run(text, *runs[-1].styled())
        else:
            runs.pop()


class _HTMLReader(HTMLParser):
    """HTML tags and text into a :class:`_Builder`. Used alone for HTML, and for the raw
    HTML pieces of Markdown (fed one at a time; ``flush`` passes on buffered text)."""

    def __init__(self, builder: _Builder) -> None:
        super().__init__(convert_charrefs=True)
        self.b = builder
        self.skip = 0
        self.pre = 0
        self.link_depth: list[bool] = []  # per open <a>: whether it pushed a URL

    def flush(self) -> None:
        self.goahead(False)

    def handle_starttag(self, tag: str, attrs) -> None:
        b = self.b
        if tag not in _HTML_TAGS:
            if tag in _SKIP_TAGS:
                self.skip += 1
            else:
                self.handle_data(self.get_starttag_text() or "")
            return
        if tag == "br":
            b.line_break()
        elif tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"
            b.open_list(tag == "ol", int(start) if start.isdigit() else 1)
        elif tag == "li":
            b.open_item()
        elif tag == "pre":
            b.end_paragraph()
            self.pre += 1
            self.pre_text: list[str] = []
        elif tag in ("td", "th"):
            b.cell()
        elif tag == "tr" or tag in _BLOCK_TAGS:
            b.end_paragraph()
        elif tag == "hr":
            b.end_paragraph()
        if tag in _STRONG_TAGS:
            b.strong += 1
        elif tag in _EMPHASIS_TAGS:
            b.emphasis += 1
        elif tag in _CODE_TAGS:
            b.code += 1
        elif tag == "a":
            href = dict(attrs).get("href")
            if href:
                b.links.append(href.strip())
            self.link_depth.append(bool(href))
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.handle_data(alt)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HTML_TAGS and tag not in ("br", "img", "hr", "wbr", "col"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        b = self.b
        if tag not in _HTML_TAGS:
            if tag in _SKIP_TAGS:
                self.skip = max(0, self.skip - 1)
            else:
                self.handle_data(f"</{tag}>")
            return
        if tag in _STRONG_TAGS:
            b.strong = max(0, b.strong - 1)
        elif tag in _EMPHASIS_TAGS:
            b.emphasis = max(0, b.emphasis - 1)
        elif tag in _CODE_TAGS:
            b.code = max(0, b.code - 1)
        elif tag == "a":
            if self.link_depth and self.link_depth.pop() and b.links:
                b.links.pop()
        if tag in ("ul", "ol"):
            b.close_list()
        elif tag == "li":
            b.close_item()
        elif tag == "pre" and self.pre:
            self.pre -= 1
            b.code_block("".join(self.pre_text))
        elif tag == "tr" or tag in _BLOCK_TAGS:
            b.end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            self.pre_text.append(data)
        else:
            self.b.text(data)


# -- back to Markdown ------------------------------------------------------------------------

_ESCAPE_ALL = re.compile(r"([\\`*_\[\]<>&|~!])")
_ESCAPE_FEW = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(?:[#+\-=>]|\d+(?=[.)]))")


def to_markdown(rich: RichText) -> str:
    """Markdown that :func:`parse` reads back as ``rich`` (paragraphs one line each)."""
    return _md_blocks(rich.blocks)


def _md_blocks(blocks: tuple[TextBlock, ...], in_item: bool = False) -> str:
    out = ""
    for i, block in enumerate(blocks):
        before = blocks[i - 1] if i else None
        if isinstance(before, TextList) and isinstance(block, TextList) and \
                before.ordered == block.ordered:
            out += "\n\n<!-- -->\n\n"  # two such lists in a row would be read as one
        elif before is not None:  # a list right under its item's first line, when it can be
            tight = in_item and isinstance(block, TextList) and (not block.ordered or
                                                                 block.start == 1)
            out += "\n" if tight else "\n\n"
        out += _md_block(block)
    return out


def _md_block(block: TextBlock) -> str:
    if isinstance(block, CodeBlock):
        fence = "`" * max(3, _longest_run(block.text, "`") + 1)
        return f"{fence}\n{block.text}\n{fence}"
    if isinstance(block, TextList):
        lines = []
        for i, item in enumerate(block.items):
            marker = f"{block.start + i}." if block.ordered else "-"
            pad = " " * (len(marker) + 1)
            body = _md_blocks(item.blocks, in_item=True)
            body = "\n".join(pad + x if x and n else x for n, x in enumerate(body.split("\n")))
            lines.append(f"{marker} {body}")
        return "\n".join(lines)
    want = RichText((block,))
    for escape, tags in ((_ESCAPE_FEW, False), (_ESCAPE_ALL, False), (_ESCAPE_ALL, True)):
        # the plainest form that reads back the same: few escapes, all, styles as tags
        text = _md_runs(block.runs, escape, tags)
        if _parse(text, "markdown") == want:
            break
    return text


def _md_runs(runs: tuple[Run, ...], escape: re.Pattern[str], tags: bool) -> str:
    """Inline Markdown for ``runs``: ``**strong**``, ``*emphasis*``, code spans, links;
    with ``tags``, the styles as HTML tags (always read back as written)."""
    out: list[str] = []
    i = 0
    while i < len(runs):
        url = runs[i].url
        j = i
        while j < len(runs) and runs[j].url == url and runs[j].text != "\n":
            j += 1
        if runs[i].text == "\n":
            out.append("\\\n")
            i += 1
            continue
        inner = "".join(_md_run(run, escape, tags) for run in runs[i:j])
        out.append(f"[{inner}]({_link_target(url)})" if url else inner)
        i = j
    text = "".join(out)
    start = _LINE_START.match(text)
    return text[:start.end()] + "\\" + text[start.end():] if start and start.group()[0].isdigit() \
        else ("\\" + text if start else text)


def _md_run(run: Run, escape: re.Pattern[str], tags: bool) -> str:
    core = run.text.strip(" ")
    lead = run.text[: len(run.text) - len(run.text.lstrip(" "))]
    trail = run.text[len(run.text.rstrip(" ")):]
    if run.code:
        core = "<code>" + escape.sub(r"\\\1", core) + "</code>" if tags else _code_span(core)
    else:
        core = escape.sub(r"\\\1", core)
    if run.strong:
        core = f"<strong>{core}</strong>" if tags else f"**{core}**"
    if run.emphasis:
        core = f"<em>{core}</em>" if tags else f"*{core}*"
    return lead + core + trail


def _code_span(text: str) -> str:
    ticks = "`" * (_longest_run(text, "`") + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _longest_run(text: str, char: str) -> int:
    return max((len(m) for m in re.findall(re.escape(char) + "+", text)), default=0)


def _link_target(url: str) -> str:
    """A link destination as written: bare when it can be, else in angle brackets."""
    if re.fullmatch(r"[^\s()<>\\]+", url):
        return url
    return "<" + re.sub(r"[<>\\\s]", lambda m: "%{:02X}".format(ord(m.group())), url) + ">"
