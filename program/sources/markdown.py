"""Schedules on Markdown web pages (GitHub Pages, Jekyll, Hugo, Pelican, MyST), as published.

``load(path) -> Schedule``. The page is parsed by markdown-it-py (CommonMark, with GFM tables,
and mdit-py-plugins for front matter and MyST ``:::`` fences), rendered to HTML with a marker
of its source line before every block, and read as an HTML page
(:mod:`program.sources.webpage`): inline HTML, HTML blocks and tables, emphasis and links are
the same structure whichever way the page writes them.

Around the Markdown: YAML (``---``) or TOML (``+++``) front matter and Pelican/MultiMarkdown
``Key: value`` headers give the title, subtitle, date, venue (``location``) and time zone;
MyST directives (```` ```{admonition} ````) are read as the Markdown they hold; code
fences, comments and styles are skipped; kramdown attribute lists (``{: .class}``) dropped.
"""
from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from program.model import Kind, Person, Schedule, Where
from program.sources import htmltree
from program.sources.entry_text import read_entry
from program.sources.page import Span, blocks, lines_of
from program.sources.strictyaml import read_source_text
from program.sources.webpage import PLACEHOLDER_DATE, PageMeta, parse_heading, read_page

__all__ = ["PLACEHOLDER_DATE", "load", "loads", "parse_heading", "parse_item_text",
           "parse_sub_item", "sniff", "to_html"]

_PELICAN = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _-]{0,30}):\s*(?P<value>.*)$")
_META_KEYS = {"title": "title", "subtitle": "subtitle", "description": "description",
              "date": "date", "start_date": "date", "startdate": "date", "event_date": "date",
              "location": "venue", "venue": "venue", "place": "venue", "timezone": "timezone",
              "time_zone": "timezone", "tz": "timezone", "url": "url", "canonical": "url",
              "canonicalurl": "url"}


def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False})
    md.enable("table").enable("strikethrough")
    md.use(front_matter_plugin).use(colon_fence_plugin)
    return md


_MD = _md()


def _marked(tokens: list[Token], offset: int) -> list[Token]:
    """``tokens`` with a ``<!--L:n-->`` line marker before every block that has a line, and
    MyST directives (```` ```{note} ````, ``:::{note}``) replaced by the Markdown inside."""
    out: list[Token] = []
    for token in tokens:
        if token.map is not None and token.nesting >= 0 and token.type != "inline":
            marker = Token("html_block", "", 0)
            marker.content = f"<!--L:{token.map[0] + 1 + offset}-->"
            out.append(marker)
        if token.type in ("fence", "colon_fence") and token.info.strip().startswith("{"):
            body = "\n".join(l for l in token.content.split("\n") if not re.match(r"^:\w+:", l))
            inner = Token("html_block", "", 0)
            inner.content = to_html(body, (token.map[0] + 1 + offset) if token.map else offset)
            out.append(inner)
            continue
        if token.type == "front_matter":
            continue
        out.append(token)
    return out


def to_html(text: str, offset: int = 0) -> str:
    """The Markdown ``text`` as HTML with line markers (line 1 of ``text`` is file line
    ``offset + 1``); soft line breaks become ``<br>``, as a schedule's lines are entries."""
    tokens = _marked(_MD.parse(text), offset)
    for token in tokens:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type = "hardbreak"
    return _MD.renderer.render(tokens, _MD.options, {})


def front_matter(text: str, name: str) -> tuple[PageMeta, str, int]:
    """The page's front matter or Pelican header as PageMeta, the text after it, and how
    many lines it took."""
    lines = text.split("\n")
    values: dict[str, str] = {}
    used = 0
    if lines and lines[0].strip() in ("---", "+++"):
        fence = lines[0].strip()
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in (fence, "...")), None)
        if end is not None:
            body = "\n".join(lines[1:end])
            values = _front_values(body, fence)
            used = end + 1
    elif lines and _PELICAN.match(lines[0]) and not lines[0].lstrip().startswith(("#", "|")):
        i = 0
        while i < len(lines) and _PELICAN.match(lines[i]):
            m = _PELICAN.match(lines[i])
            values[m["key"].strip().lower().replace(" ", "_")] = m["value"].strip()
            i += 1
        if (i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith("<")) \
                or not any(k in _META_KEYS for k in values):
            values, i = {}, 0  # not a header: the page starts with a "Label: text" line
        used = i
    meta = {}
    for key, value in values.items():
        field = _META_KEYS.get(key.lower())
        if field and value and field not in meta:
            meta[field] = _plain(str(value))
    rest = "\n" * used + "\n".join(lines[used:])  # keep the line numbers
    return PageMeta(where=Where(name, 1), **meta), rest, used


def _front_values(body: str, fence: str) -> dict[str, str]:
    try:
        data = tomllib.loads(body) if fence == "+++" else yaml.load(body, Loader=yaml.BaseLoader)
    except (tomllib.TOMLDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k).lower(): (v.isoformat() if isinstance(v, date) else str(v))
            for k, v in data.items() if isinstance(v, (str, int, float, date))}


def _plain(value: str) -> str:
    """Front matter text without Markdown emphasis (``*should*``)."""
    root = htmltree.parse(_MD.renderInline(value))
    return " ".join(root.text().split())


def load(path: str | Path) -> Schedule:
    """Read a Markdown page (see the module docstring) into a Schedule."""
    return loads(read_source_text(path), str(path))


def loads(text: str, name: str = "<string>") -> Schedule:
    """Like :func:`load`, from text."""
    meta, rest, _ = front_matter(text, name)
    root = htmltree.parse(to_html(rest))
    return read_page(blocks(root), meta, name)


def sniff(head: bytes) -> bool:
    """True when the first bytes look like a Markdown page (a heading or front matter)."""
    start = head.lstrip()
    return start.startswith((b"#", b"---\n", b"+++\n", b"---\r\n"))


# --- the seed's forms, as functions (used by tests and by hand) ---------------------------

def _spans(text: str) -> tuple[Span, ...]:
    root = htmltree.parse(_MD.renderInline(text.replace("&nbsp;", " ")))
    lines = lines_of(root.children)
    return tuple(s for line in lines for s in line.spans)


def parse_item_text(text: str) -> tuple[str, Kind, tuple[Person, ...], int | None]:
    """The text after an item's time -> (title, kind, speakers, minutes each or None)."""
    entry = read_entry(_spans(text))
    return entry.title, entry.kind, entry.speakers, entry.each


def parse_sub_item(text: str) -> tuple[str, tuple[Person, ...]]:
    """``"ONNX Runtime (Faith Xu, Microsoft)"`` -> (``"ONNX Runtime"``, (Person,))."""
    entry = read_entry(_spans(text))
    return entry.title, entry.speakers

