"""program.render.frames with ``jobs=2``: the last pages drawn by a second process, and the
file byte for byte the one a single process writes, whatever the pages hold (characters
first met on the second process's pages, more than one font subset, right-to-left lines,
forms, pictures, links and outline entries), and nothing lost when the second process
cannot help."""
from __future__ import annotations

import io
import os
from dataclasses import replace

import pytest
from PIL import Image

from program import fonts, qr
from program.fonts import BOLD, ITALIC, REGULAR
from program.layout.frames import (QR, Anchor, Box, Form, Link, Meta, Page, Picture, Place, Role,
                                   Rule, text_line)
from program.layout.paper import A5
from program.render import frames
from program.render.canvas import PackedCanvas, PageCanvas
from program.render.frames import PARALLEL_MIN_PAGES, render_document

from pdftools import font_problems, links, outline_titles, page_texts

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a second process needs fork")

W, H = A5
URL = "https://example.org/talks/{n}"
#: 300 characters beyond ASCII: more than one 256-code subset of the text face
EXTRA = [chr(c) for c in range(0x100, 0x17F)] + [chr(c) for c in range(0x391, 0x3C9)] + \
    [chr(c) for c in range(0x410, 0x44F)]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "#1f4e79").save(out, "PNG")
    return out.getvalue()


def _pages(count: int = PARALLEL_MIN_PAGES + 20) -> list[Page]:
    """``count`` pages of every kind of item; page n shows characters no earlier page has
    (so the codes of the second process's pages depend on the first's)."""
    card = Form("card", (0, 0, 100, 60), (Box(0, 40, 100, 20, fill="#1f4e79"),
                                          text_line("card ŧ", 5, 45, BOLD, 8, "#ffffff")))
    badge = Form("badge", (0, 0, 100, 60), (text_line("badge ŋ", 5, 20, ITALIC, 8, "#000000"),),
                 inline=True)
    code = qr.qr_matrix(URL.format(n=0))
    pages = []
    for n in range(count):
        new = "".join(EXTRA[(n * 5 + k) % len(EXTRA)] for k in range(5))
        items = [Anchor(f"p{n}", H - 20, f"Page {n}" if n % 3 else None, 0),
                 text_line(f"Heading {n} {new}", 40, H - 60, BOLD, 14, "#1f4e79",
                           role=Role.HEADING),
                 text_line(f"text {new[::-1]} café", 40, H - 90, REGULAR, 10, "#1a1a1a"),
                 Box(40, 200, 100, 40, fill="#e9eef4", stroke="#ffffff", line_width=0.6),
                 Rule(40, 180, W - 40, 180, "#8c8c8c", 0.5, (1.5, 1.5)),
                 QR(40, 60, 80, code.rows, URL.format(n=0)),
                 Link((40, 60, 120, 140), url=URL.format(n=n)),
                 Link((40, H - 120, 200, H - 100), dest=f"p{(n + 7) % count}")]
        if n == count - 8:
            items.append(text_line("שלום עולם and مرحبا", 40, 300, REGULAR, 10, "#1a1a1a"))
        if n in (count - 6, 3):
            items.append(Place(card, 200, 300))
        if n == count - 5:
            items.append(Place(badge, 200, 100))
        if n == count - 4:
            items.append(Picture(_png(), 200, 200, 40, 30, "a logo"))
        pages.append(Page(A5, tuple(items), trim=(3, 3, W - 3, H - 3) if n % 2 else None))
    return pages


META = Meta("Parallel", "Ada", "pages", "en")


@pytest.mark.parametrize("canvas", [PackedCanvas, PageCanvas])
def test_two_processes_write_the_bytes_one_does(canvas):
    one, _ = render_document(_pages(), META, canvas, jobs=1)
    two, _ = render_document(_pages(), META, canvas, jobs=2)
    assert one == two


def test_what_two_processes_write_reads_right(tmp_path):
    pages = _pages()
    expected = [(n, URL.format(n=n)) for n in range(len(pages))]
    pdf, uri_links = render_document(_pages(), META, PackedCanvas, jobs=2)
    path = tmp_path / "two.pdf"
    path.write_bytes(pdf)
    texts = page_texts(path)
    assert len(texts) == len(pages)
    for n, text in enumerate(texts):
        assert f"Heading {n}" in text
    assert "card ŧ" in texts[len(pages) - 6] and "badge ŋ" in texts[len(pages) - 5]
    assert font_problems(path) == []
    assert [(l.page, l.uri) for l in links(path) if l.uri] == expected
    assert [(page, url) for page, _, url in uri_links] == expected
    assert outline_titles(path) == [(0, f"Page {n}") for n in range(len(pages)) if n % 3]


def _canvas(reserved: list[Page] = ()) -> PageCanvas:
    """A canvas as render_document makes one, with the codes of ``reserved`` given."""
    fonts.register()
    c = PackedCanvas(io.BytesIO(), invariant=1, initialFontName=fonts.REGULAR, pageCompression=1)
    c.program_forms, c.program_uri_links = set(), []
    written: set[str] = set()
    for page in reserved:
        frames._reserve(c, page.items, written)
    return c


def test_the_last_pages_come_drawn_except_those_with_document_objects():
    pages = _pages()
    count = len(pages)
    got = [drawn for _, drawn in frames._shared_out(_canvas(), list(pages), 2)]
    drawn_there = [n for n, d in enumerate(got) if d is not None]
    assert drawn_there and drawn_there[-1] == count - 1 and drawn_there[0] > 0
    assert {count - 6, count - 5, count - 4}.isdisjoint(drawn_there)  # a form, a picture
    # what each sent page adds to the document: its anchor, then its two links
    stream, _, document_items = got[drawn_there[0]]
    assert stream[:2] == b"x\x9c"  # Flate-compressed
    assert [type(i) for i in document_items] == [Anchor, Link, Link]
    assert all(d is None for _, d in frames._shared_out(_canvas(), list(pages), 1))


def test_few_pages_are_all_drawn_here():
    pages = _pages(PARALLEL_MIN_PAGES - 1)
    assert all(d is None for _, d in frames._shared_out(_canvas(), pages, 2))


def test_a_page_with_a_character_without_a_code_is_not_sent():
    pages = _pages()
    pages.append(Page(A5, (text_line("ʬʭ", 40, 300, REGULAR, 10, "#1a1a1a"),)))
    c = _canvas(pages[:-1])  # the last page's characters have no code
    sent = []
    with pytest.raises(RuntimeError, match="font code"):
        for drawn in frames._drawn_elsewhere(c, pages, len(pages) - 3):
            sent.append(drawn)
    assert len(sent) == 2  # the third raised before it was sent


def test_the_booklet_is_the_same_with_one_process_or_two(tmp_path):
    from bench import synthetic
    from program.build import Settings, resolve
    from program.prepare import checked
    from program.render.booklet import render_booklet
    from program.sources.registry import load_schedule

    path = synthetic.write("conference", tmp_path / "conference.yaml")
    schedule, _ = checked(load_schedule(str(path), None), None)
    printed = resolve(schedule, Settings(out_dir=tmp_path, products=("booklet",)))
    one = render_booklet(printed.schedule, replace(printed.options, jobs=1))
    two = render_booklet(printed.schedule, replace(printed.options, jobs=2))
    assert one.pages >= PARALLEL_MIN_PAGES
    assert one.pdf == two.pdf and one.uri_links == two.uri_links
