"""Saddle-stitch imposition: page order read back from each half-sheet, padding with Notes
pages, sheet sizes, creep, fonts, links and reproducible bytes."""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen.canvas import Canvas

from pdftools import page_texts
from program import fonts
from program.impose import (MM, clip_rect, creep_shift, impose, notes_index, pad_to_multiple_of_four,
                            padded_layout, padding, saddle_stitch_order, sheet_size, slot_offset,
                            subset_tag, transform_rect, upright_matrix)

ROOT = Path(__file__).resolve().parent.parent.parent
HALF_LETTER = (5.5 * 72, 8.5 * 72)
A4_LANDSCAPE, LETTER_LANDSCAPE, A3_LANDSCAPE = landscape(A4), (792.0, 612.0), (420 * MM, 297 * MM)
NOTES = "Notes"
T = TypeVar("T")


def booklet(n: int, size: tuple[float, float] = A5, link_page: int | None = None) -> bytes:
    """An ``n``-page PDF of ``size``, page k saying "Page k" in big bold type at its centre.
    ``link_page`` gets a URI link and an internal link (to page 1) and page 1 a bookmark."""
    fonts.register()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=size, invariant=1, initialFontName=fonts.REGULAR)
    for k in range(1, n + 1):
        if k == 1:
            c.bookmarkPage("p1")
            c.addOutlineEntry("Start", "p1")
        c.setFont(fonts.BOLD, 36)
        c.drawCentredString(size[0] / 2, size[1] / 2, f"Page {k}")
        if k == link_page:
            c.linkURL("https://example.org/talk", (40, 40, 140, 70))
            c.linkRect("", "p1", (40, 100, 140, 130))
        c.showPage()
    c.save()
    return buf.getvalue()


def each_page(pdf: bytes, read: Callable[[pdfium.PdfPage], T]) -> list[T]:
    """``read`` applied to every page of ``pdf`` (opened with pypdfium2)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [read(doc[i]) for i in range(len(doc))]
    finally:
        doc.close()


def labels(pdf: bytes) -> list[str]:
    """What each page of ``pdf`` shows: "7" for "Page 7", "Notes" for a Notes page."""
    return each_page(pdf, lambda page: _label(page.get_textpage().get_text_range()))


def half_sheets(pdf: bytes) -> list[tuple[str, str]]:
    """(left half, right half) labels of every sheet side of an imposed ``pdf``."""
    def read(page: pdfium.PdfPage) -> tuple[str, str]:
        w, h = page.get_size()
        text = page.get_textpage()
        return (_label(text.get_text_bounded(0, 0, w / 2, h)),
                _label(text.get_text_bounded(w / 2, 0, w, h)))
    return each_page(pdf, read)


def _label(text: str) -> str:
    found = re.fullmatch(r"\s*(?:Page (\d+)|(Notes))\s*", text)
    assert found, f"unexpected text on a page or half-sheet: {text!r}"
    return found.group(1) or found.group(2)


def expected_halves(n: int) -> list[tuple[str, str]]:
    """The (left, right) labels an imposed ``n``-page booklet must show, sheet side by side."""
    layout = [NOTES if p is None else str(p) for p in padded_layout(n)]
    return [(layout[left - 1], layout[right - 1])
            for sides in saddle_stitch_order(len(layout)) for left, right in sides]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return each_page(pdf, lambda page: page.get_size())


def char_boxes(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every visible character of ``page``."""
    text = page.get_textpage()
    return [text.get_charbox(j) for j in range(text.count_chars()) if text.get_text_range(j, 1).strip()]


def text_left_edges(pdf: bytes) -> list[tuple[float, float]]:
    """Per sheet side, the leftmost character box edge in the left and in the right half."""
    def read(page: pdfium.PdfPage) -> tuple[float, float]:
        fold = page.get_size()[0] / 2
        lefts = [box[0] for box in char_boxes(page)]
        return min(x for x in lefts if x < fold), min(x for x in lefts if x >= fold)
    return each_page(pdf, read)


# --- the pure functions ---------------------------------------------------------------------

def test_saddle_stitch_order_of_eight_pages():
    assert saddle_stitch_order(8) == [((8, 1), (2, 7)), ((6, 3), (4, 5))]
    assert saddle_stitch_order(4) == [((4, 1), (2, 3))]


@pytest.mark.parametrize("n", [4, 8, 12, 16, 64, 100])
def test_saddle_stitch_order_properties(n):
    order = saddle_stitch_order(n)
    assert len(order) == n // 4
    pages = [p for sides in order for side in sides for p in side]
    assert sorted(pages) == list(range(1, n + 1))
    for s, (front, back) in enumerate(order):
        assert front == (n - 2 * s, 1 + 2 * s) and back == (2 + 2 * s, n - 1 - 2 * s)
        # facing halves of a folded sheet add up to n + 1; even pages are on the left
        assert sum(front) == sum(back) == n + 1
        assert front[0] % 2 == 0 and back[0] % 2 == 0
    assert order[-1][1] == (n // 2, n // 2 + 1)  # the centre spread is the innermost back


@pytest.mark.parametrize("n", [0, -4, 1, 2, 3, 6, 10])
def test_saddle_stitch_order_rejects_counts_not_a_multiple_of_four(n):
    with pytest.raises(ValueError):
        saddle_stitch_order(n)


def test_padding_rule():
    assert [padding(n) for n in range(1, 9)] == [3, 2, 1, 0, 3, 2, 1, 0]
    assert padded_layout(10) == [1, 2, 3, 4, 5, 6, 7, 8, 9, None, None, 10]
    assert padded_layout(8) == list(range(1, 9))
    # tiny booklets: a single page is the front cover and stays first; else the back stays last
    assert padded_layout(1) == [1, None, None, None]
    assert padded_layout(2) == [1, None, None, 2]
    assert padded_layout(3) == [1, 2, None, 3]
    assert notes_index(61) == 60
    with pytest.raises(ValueError):
        padding(0)


def test_sheet_sizes_for_known_and_other_page_sizes():
    assert sheet_size(A5) == pytest.approx(A4_LANDSCAPE)
    assert sheet_size(HALF_LETTER) == pytest.approx(LETTER_LANDSCAPE)
    assert sheet_size(A4) == pytest.approx(A3_LANDSCAPE)
    assert sheet_size((A5[0] + 2, A5[1] - 2)) == pytest.approx(A4_LANDSCAPE)  # within tolerance
    assert sheet_size((A5[0] + 5, A5[1])) == pytest.approx((2 * (A5[0] + 5), A5[1]))
    assert sheet_size((300, 400)) == (600, 400)


def test_creep_shift_grows_by_sheet_and_rejects_negative_creep():
    assert creep_shift(0, 0.5) == 0
    assert creep_shift(15, 0.5) == pytest.approx(7.5 * MM)
    with pytest.raises(ValueError):
        creep_shift(1, -0.1)


def test_slot_offset_puts_pages_against_the_fold():
    sheet = sheet_size(A5)
    fold = sheet[0] / 2
    left = slot_offset(sheet, A5, right=False, shift=0)
    right = slot_offset(sheet, A5, right=True, shift=0)
    assert left[0] + A5[0] == pytest.approx(fold) and right[0] == pytest.approx(fold)
    assert left[1] == right[1] == pytest.approx(0)
    # creep moves both pages towards the fold
    assert slot_offset(sheet, A5, False, 2.0)[0] == pytest.approx(left[0] + 2)
    assert slot_offset(sheet, A5, True, 2.0)[0] == pytest.approx(right[0] - 2)


def test_upright_matrix_maps_the_box_to_the_origin():
    box = (10.0, 20.0, 110.0, 220.0)  # 100 x 200
    assert transform_rect(upright_matrix(box, 0), box) == pytest.approx((0, 0, 100, 200))
    for rotation in (90, 270):
        assert transform_rect(upright_matrix(box, rotation), box) == pytest.approx((0, 0, 200, 100))
    assert transform_rect(upright_matrix(box, 180), box) == pytest.approx((0, 0, 100, 200))
    # rotated 90 degrees clockwise, the top-left corner ends up top-right
    a, b, c, d, e, f = upright_matrix(box, 90)
    assert (a * 10 + c * 220 + e, b * 10 + d * 220 + f) == pytest.approx((200, 100))


def test_clip_rect():
    assert clip_rect((0, 0, 10, 10), (5, 0, 20, 20)) == (5, 0, 10, 10)
    assert clip_rect((0, 0, 10, 10), (10, 0, 20, 20)) is None


def test_subset_tag_is_six_capitals_and_depends_on_the_data():
    tag = subset_tag(b"font data")
    assert re.fullmatch(r"[A-Z]{6}", tag) and tag == subset_tag(b"font data")
    assert tag != subset_tag(b"other font data")


# --- padding a PDF --------------------------------------------------------------------------

def test_padding_puts_notes_pages_before_the_back_cover():
    padded = pad_to_multiple_of_four(booklet(10))
    assert labels(padded) == [str(k) for k in range(1, 10)] + [NOTES, NOTES, "10"]
    assert page_sizes(padded) == [pytest.approx(A5, abs=0.01)] * 12  # Notes pages too


@pytest.mark.parametrize("n, expected", [
    (1, ["1", NOTES, NOTES, NOTES]),
    (2, ["1", NOTES, NOTES, "2"]),
    (3, ["1", "2", NOTES, "3"]),
])
def test_padding_tiny_booklets(n, expected):
    assert labels(pad_to_multiple_of_four(booklet(n))) == expected


def test_padding_leaves_a_multiple_of_four_alone():
    source = booklet(8)
    assert pad_to_multiple_of_four(source) is source


def test_padding_keeps_links_and_outline():
    padded = pad_to_multiple_of_four(booklet(5, link_page=5))
    with pikepdf.open(io.BytesIO(padded)) as pdf:
        assert len(pdf.pages) == 8
        assert "/Annots" in pdf.pages[7]  # the old page 5, now last
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["Start"]


# --- imposing -------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [8, 10, 61])
def test_imposed_order_read_back_from_each_half_sheet(n):
    imposed = impose(booklet(n))
    halves = half_sheets(imposed)
    assert halves == expected_halves(n)
    assert len(halves) == 2 * ((n + 3) // 4)


def test_imposed_order_of_ten_pages_spelled_out():
    # padded: 1..9, Notes, Notes, 10 -- page 10 (the back cover) is the 12th page
    assert half_sheets(impose(booklet(10))) == [
        ("10", "1"), ("2", NOTES),
        (NOTES, "3"), ("4", "9"),
        ("8", "5"), ("6", "7"),
    ]


@pytest.mark.parametrize("page, sheet", [
    (A5, A4_LANDSCAPE),
    (HALF_LETTER, LETTER_LANDSCAPE),
    (A4, A3_LANDSCAPE),
    ((300.0, 500.0), (600.0, 500.0)),
])
def test_sheet_size_of_imposed_booklet(page, sheet):
    imposed = impose(booklet(8, page))
    assert page_sizes(imposed) == [pytest.approx(sheet, abs=0.01)] * 4
    assert half_sheets(imposed) == expected_halves(8)


def test_pages_sit_against_the_fold_centred_vertically():
    """A5 on A4: the text centred on each page is centred on its page slot, whose inner edge
    is the fold (the 1 mm A4 has to spare goes to the outer edges)."""
    (w, h), boxes = each_page(impose(booklet(8)), lambda page: (page.get_size(), char_boxes(page)))[0]
    fold = w / 2
    left = [b for b in boxes if b[0] < fold]
    right = [b for b in boxes if b[0] >= fold]
    for group, page_centre in ((left, fold - A5[0] / 2), (right, fold + A5[0] / 2)):
        centre_x = (min(b[0] for b in group) + max(b[2] for b in group)) / 2
        assert centre_x == pytest.approx(page_centre, abs=3)  # ink vs advance width
        assert min(b[1] for b in group) == pytest.approx(h / 2, abs=12)  # baseline at the middle


def test_creep_moves_inner_sheets_towards_the_fold():
    """61 pages -> 64 -> 16 sheets; with 0.5 mm creep sheet k (0 = outermost) moves its text
    k * 0.5 mm towards the fold: the innermost (k = 15) by 7.5 mm."""
    source = booklet(61)
    plain = text_left_edges(impose(source))
    crept = text_left_edges(impose(source, creep_mm=0.5))
    assert len(plain) == len(crept) == 32
    for side, ((l0, r0), (l1, r1)) in enumerate(zip(plain, crept)):
        shift = (side // 2) * 0.5 * MM
        assert l1 - l0 == pytest.approx(shift, abs=0.01)  # left page: to the right
        assert r0 - r1 == pytest.approx(shift, abs=0.01)  # right page: to the left
    innermost, outermost = crept[-1], crept[0]
    assert crept[0] == pytest.approx(plain[0], abs=0.01)
    assert innermost[0] - plain[-1][0] == pytest.approx(7.5 * MM, abs=0.01)
    assert outermost[0] - plain[0][0] == pytest.approx(0, abs=0.01)


def test_rotated_pages_are_placed_upright():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(booklet(4, landscape(A5)))))
    for page in writer.pages:
        page.rotate(90)  # landscape content shown as an A5 portrait page
    buf = io.BytesIO()
    writer.write(buf)
    imposed = impose(buf.getvalue())
    assert page_sizes(imposed) == [pytest.approx(A4_LANDSCAPE, abs=0.01)] * 2
    assert half_sheets(imposed) == expected_halves(4)


def test_no_base14_fonts_and_every_font_embedded():
    imposed = impose(booklet(10))
    with pikepdf.open(io.BytesIO(imposed)) as pdf:
        fonts_found = [obj for obj in pdf.objects
                       if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]
        assert fonts_found
        for font in fonts_found:
            if font.get("/Subtype") == "/Type0":
                continue  # its descendant fonts are in the list themselves
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, font.get("/BaseFont")
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
        names = [str(font.BaseFont) for font in fonts_found if "/BaseFont" in font]
        # the Notes pages' subset has its own tag, not ReportLab's AAAAAA of the booklet's
        assert len(names) == len(set(names))


def test_uri_links_kept_internal_links_and_outline_dropped():
    imposed = impose(booklet(8, link_page=3))
    with pikepdf.open(io.BytesIO(imposed)) as pdf:
        annots = [(i, a) for i, page in enumerate(pdf.pages) for a in page.get("/Annots", [])]
        assert len(annots) == 1
        index, link = annots[0]
        assert str(link.A.URI) == "https://example.org/talk"
        # page 3 is the right half of sheet 2's front (6 | 3): its link moved there
        fold = float(pdf.pages[index].MediaBox[2]) / 2
        assert index == 2 and [float(v) for v in link.Rect] == pytest.approx(
            [fold + 40, 40, fold + 140, 70], abs=0.01)
        assert "/Outlines" not in pdf.Root


def test_metadata_copied_and_producer_fixed():
    with pikepdf.open(io.BytesIO(impose(booklet(10)))) as pdf:
        assert str(pdf.docinfo["/Producer"]) == "program (pypdf)"
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:2000")  # ReportLab's invariant date


def test_output_is_byte_identical_across_runs(tmp_path):
    source = booklet(10, link_page=3)
    first = impose(source, creep_mm=0.3)
    assert impose(source, creep_mm=0.3) == first
    assert pad_to_multiple_of_four(source) == pad_to_multiple_of_four(source)
    # and in a fresh interpreter with another hash seed
    (tmp_path / "in.pdf").write_bytes(source)
    script = ("import sys; from pathlib import Path; from program.impose import impose; "
              "Path(sys.argv[2]).write_bytes(impose(Path(sys.argv[1]).read_bytes(), 0.3))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "in.pdf"), str(tmp_path / "out.pdf")],
                   check=True, cwd=ROOT, env=env)
    assert (tmp_path / "out.pdf").read_bytes() == first


def test_impose_rejects_negative_creep():
    with pytest.raises(ValueError):
        impose(booklet(4), creep_mm=-1)


def _imposed_of(pdf: bytes, pages: int, binding: str):
    """The imposed product of a booklet of ``pages`` pages, made through the products table."""
    from program.options import Options
    from program.products import Printed, products_named
    from program.render.pages import ProductResult

    (product,) = products_named(("imposed",))
    (result,) = product.make(Printed(None, Options(binding=binding)),  # type: ignore[arg-type]
                             {"booklet": (ProductResult(pdf, pages),)})
    return result


def test_a_saddle_stitched_booklet_past_64_pages_warns_and_suggests_perfect_binding():
    n = 68
    result = _imposed_of(booklet(n), n, "saddle")
    assert len(result.warnings) == 1
    assert f"{n} pages" in result.warnings[0] and "--binding perfect" in result.warnings[0]
    assert not _imposed_of(booklet(8), 8, "saddle").warnings


def test_perfect_binding_gives_single_pages_in_reading_order_with_crop_marks(tmp_path):
    from program.build import Settings, build
    from program.layout.trim import slug

    build(str(ROOT / "data" / "mlsys-2019.yaml"),
          Settings(out_dir=tmp_path, products=("booklet", "imposed"), binding="perfect"))
    (single,) = tmp_path.glob("*-booklet.pdf")
    (imposed,) = tmp_path.glob("*-booklet-imposed.pdf")
    assert page_texts(imposed) == page_texts(single)  # the same pages, in reading order
    for page, trimmed in zip(pikepdf.open(imposed).pages, pikepdf.open(single).pages):
        w, h = (float(v) for v in trimmed.MediaBox[2:])
        s = slug(0.0)  # no --bleed: the marks start just outside the trim
        assert [float(v) for v in page.TrimBox] == pytest.approx([s, s, s + w, s + h], abs=0.01)
        assert [float(v) for v in page.MediaBox] == pytest.approx([0, 0, w + 2 * s, h + 2 * s],
                                                                  abs=0.01)


def test_the_build_summary_prints_the_spine_for_perfect_binding(tmp_path, capsys):
    from program.cli import main
    from program.layout.binding import spine_summary

    assert main(["build", str(ROOT / "data" / "mlsys-2019.yaml"), "-o", str(tmp_path),
                 "--products", "booklet,imposed", "--binding", "perfect",
                 "--paper-thickness", "0.12mm"]) == 0
    (imposed,) = tmp_path.glob("*-booklet-imposed.pdf")
    pages = len(pikepdf.open(imposed).pages)
    assert spine_summary(pages, 0.12) in capsys.readouterr().out
