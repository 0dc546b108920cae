"""program.render.frames: each kind of item, drawn on ReportLab's public API, checked in the
PDF (text layer, fonts, links, outline, QR codes), on whichever ReportLab is installed."""
from __future__ import annotations

import reportlab

from program import qr
from program.fonts import BOLD, REGULAR
from program.layout.frames import (QR, Anchor, Box, Link, Meta, Page, Role, Rule, text_line)
from program.layout.paper import A5
from program.render.frames import render

from pdftools import (font_problems, links, metadata, outline_titles, outside_page, page_texts,
                      qr_codes)

URL = "https://example.org/talks/a?b=1&c=<2>"
W, H = A5


def _pages() -> list[Page]:
    code = qr.qr_matrix(URL)
    first = Page(A5, (
        Anchor("first", H - 20, "First page", 0),
        text_line("Heading <T> & a<b", 40, H - 60, BOLD, 14, "#1f4e79", role=Role.HEADING),
        text_line("Ωmega 会議 שלום", 40, H - 90, REGULAR, 10, "#1a1a1a"),
        text_line("right aligned", W - 40, H - 110, REGULAR, 9, "#4d4d4d", "right"),
        Box(40, 200, 100, 40, fill="#e9eef4", stroke="#ffffff", line_width=0.6, radius=2),
        Rule(40, 180, W - 40, 180, "#8c8c8c", 0.5, (1.5, 1.5)),
        QR(40, 60, 80, code.rows, URL),
        Link((40, 60, 120, 140), url=URL),
        Link((40, H - 120, 200, H - 100), dest="second"),
    ))
    second = Page(A5, (Anchor("second", H - 20, "Second page", 1),
                       text_line("the second page", 40, H - 60, REGULAR, 10, "#1a1a1a")))
    return [first, second]


def _pdf(tmp_path):
    path = tmp_path / "frames.pdf"
    path.write_bytes(render(_pages(), Meta("Title <x>", "Ada", "Frames", "de")))
    return path


def test_text_is_drawn_as_data_with_fallback_fonts_and_embedded(tmp_path):
    path = _pdf(tmp_path)
    first, second = page_texts(path)
    assert "Heading <T> & a<b" in first and "right aligned" in first
    assert "Ωmega" in first and "会議" in first
    assert "the second page" in second
    assert font_problems(path) == [] and outside_page(path) == []


def test_links_anchors_outline_and_metadata(tmp_path):
    path = _pdf(tmp_path)
    found = links(path)
    assert [(l.page, l.uri) for l in found if l.uri] == [(0, URL)]
    assert [(l.page, l.target_page) for l in found if not l.uri] == [(0, 1)]
    assert outline_titles(path) == [(0, "First page"), (1, "Second page")]
    info = metadata(path)
    assert info["/Title"] == "Title <x>" and info["/Author"] == "Ada" and info["/Lang"] == "de"


def test_the_qr_matrix_decodes_to_its_url(tmp_path):
    assert qr_codes(_pdf(tmp_path)) == [(0, URL)]


def test_same_pages_same_bytes():
    meta = Meta("t", "a", "s")
    assert render(_pages(), meta) == render(_pages(), meta)


def test_runs_on_a_supported_reportlab():
    assert int(reportlab.Version.split(".")[0]) in (4, 5)


def test_a_form_is_written_once_and_placed_where_asked_with_trim_and_bleed(tmp_path):
    import pikepdf

    from program.layout.frames import Form, Place

    card = Form("card0", (-3, -3, 103, 63), (
        Box(-3, 40, 106, 23, fill="#1f4e79"),
        text_line("a card", 5, 45, BOLD, 8, "#ffffff", role=Role.HEADING)))
    sheet = Page(A5, (Place(card, 20, 20), Place(card, 20, 300)))
    single = Page((106, 66), (Place(card, 3, 3),), trim=(3, 3, 103, 63), bleed=(0, 0, 106, 66))
    path = tmp_path / "cards.pdf"
    path.write_bytes(render([sheet, single], Meta("t", "a", "s")))
    assert page_texts(path)[0].count("a card") == 2
    with pikepdf.open(path) as pdf:
        forms = {obj.objgen for page in pdf.pages
                 for obj in page.Resources.get("/XObject", {}).values()}
        assert len(forms) == 1  # the same object on both pages
        assert [float(v) for v in pdf.pages[1].TrimBox] == [3, 3, 103, 63]
        assert [float(v) for v in pdf.pages[1].BleedBox] == [0, 0, 106, 66]
        assert "/TrimBox" not in pdf.pages[0].obj
