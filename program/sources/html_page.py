"""Schedules on HTML pages (``.html``, ``.htm``): the workshop page as the browser gets it.

``load(path) -> Schedule``. The page is parsed into a tree (:mod:`program.sources.htmltree`)
and its body read as blocks (:mod:`program.sources.page`) by the same reader as Markdown
pages (:mod:`program.sources.webpage`). ``<title>`` (or ``og:title``) is the title when the
page has no better heading; ``<base href>``, the canonical link or ``og:url`` is the
address that relative links are resolved against.
"""
from __future__ import annotations

from pathlib import Path

from program.model import Schedule, Where
from program.sources import htmltree
from program.sources.page import blocks
from program.sources.strictyaml import read_source_text
from program.sources.webpage import PageMeta, read_page


def meta_of(root: htmltree.Element, name: str) -> PageMeta:
    """What the ``<head>`` says: title, description, address."""
    fields: dict[str, str] = {}
    title = root.find("title")
    if title is not None and title.text().strip():
        fields["title"] = " ".join(title.text().split())
    for meta in root.iter("meta"):
        key = (meta.attrs.get("property") or meta.attrs.get("name") or "").lower()
        content = " ".join(meta.attrs.get("content", "").split())
        if not content:
            continue
        if key in ("og:title", "twitter:title"):
            fields.setdefault("title", content)
        elif key in ("description", "og:description"):
            fields.setdefault("description", content)
        elif key == "og:url":
            fields.setdefault("url", content)
    for link in root.iter("link"):
        if "canonical" in link.attrs.get("rel", "").lower() and link.attrs.get("href"):
            fields.setdefault("url", link.attrs["href"])
    base = root.find("base")
    if base is not None and base.attrs.get("href"):
        fields["url"] = base.attrs["href"]
    return PageMeta(where=Where(name, 1), **fields)


def loads(text: str, name: str = "<string>") -> Schedule:
    """Read an HTML page's text into a Schedule."""
    root = htmltree.parse(text)
    meta = meta_of(root, name)
    return read_page(blocks(root), meta, name)


def load(path: str | Path) -> Schedule:
    """Read an HTML page into a Schedule."""
    return loads(read_source_text(path), str(path))


def sniff(head: bytes) -> bool:
    """True when the first bytes look like HTML."""
    start = head.lstrip()[:200].lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<body" in start
