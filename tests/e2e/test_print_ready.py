"""--bleed: the booklet made print-shop ready (trim and bleed boxes, the cover band run into
the bleed, crop marks outside it); cards bled 2 mm by default; no --bleed: as before."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from pdftools import page_texts
from program.build import Settings, build
from program.layout.card_frames import DEFAULT_BLEED_MM
from program.layout.frames import Box, Rule
from program.layout.paper import PAPERS, mm
from program.layout.trim import MARK, MARK_OFFSET, print_ready, slug

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "mlsys-2019.yaml"
BLEED = 3.0


def _build(out: Path, **settings) -> dict[str, Path]:
    """The files a build of the seed writes, by suffix (``booklet``, ``cards``, ...)."""
    result = build(str(DATA), Settings(out_dir=out, products=("booklet", "imposed", "cards"),
                                       **settings))
    return {p.name.removeprefix(DATA.stem + "-").removesuffix(".pdf"): p
            for p, _, _ in result.files}


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module")
def bled(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("bled"), bleed_mm=BLEED)


def _boxes(path: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(path) as pdf:
        return [{name: [float(v) for v in page.obj[f"/{name}"]]
                 for name in ("MediaBox", "TrimBox", "BleedBox") if f"/{name}" in page.obj}
                for page in pdf.pages]


def test_every_booklet_page_has_trim_and_bleed_boxes_inside_a_medium_with_room_for_marks(
        plain, bled):
    w, h = PAPERS["a5"].size
    b, s = BLEED * mm, slug(BLEED * mm)
    boxes = _boxes(bled["booklet"])
    assert len(boxes) == len(_boxes(plain["booklet"]))
    for page in boxes:
        assert page["TrimBox"] == pytest.approx([s, s, s + w, s + h], abs=0.01)
        assert page["BleedBox"] == pytest.approx([s - b, s - b, s + w + b, s + h + b], abs=0.01)
        assert page["MediaBox"] == pytest.approx([0, 0, w + 2 * s, h + 2 * s], abs=0.01)


def test_the_same_text_on_the_same_pages(plain, bled):
    assert page_texts(bled["booklet"]) == page_texts(plain["booklet"])


def _colour_at(path: Path, page: int, x: float, y: float, scale: float = 2.0) -> tuple:
    """The rendered RGB at PDF point (x, y) of ``page``."""
    pdf = pdfium.PdfDocument(path)
    image = pdf[page].render(scale=scale).to_pil().convert("RGB")
    return image.getpixel((int(x * scale), int(image.height - y * scale)))


def test_the_cover_band_runs_to_the_bleed_edge_and_the_marks_stay_outside(bled):
    (cover, *_), = [_boxes(bled["booklet"])]
    x0, y0, x1, y1 = cover["BleedBox"]
    band = _colour_at(bled["booklet"], 0, x0 + 0.5, y1 - 0.5)  # the bleed's top-left corner
    inside = _colour_at(bled["booklet"], 0, (x0 + x1) / 2, y1 - 5)
    assert band == inside and band != (255, 255, 255)
    # just outside the bleed: paper (the band stops at the bleed; marks begin further out)
    assert _colour_at(bled["booklet"], 0, x0 - 1, y1 + 1) == (255, 255, 255)


def test_print_ready_moves_the_page_bleeds_edge_colour_and_puts_marks_outside_the_bleed():
    from program.layout.frames import Page

    w, h, b = 100.0, 200.0, 3 * mm
    band = Box(0, h - 20, w, 20, fill="#224466")  # meets the top and both sides
    inner = Box(10, 10, 20, 20, fill="#224466")  # meets nothing
    page = print_ready(Page((w, h), (band, inner)), b)
    s = slug(b)
    bx0, by0, bx1, by1 = page.bleed
    moved_band, moved_inner, *marks = page.items
    assert (moved_band.x, moved_band.x + moved_band.w) == pytest.approx((bx0, bx1))
    assert (moved_band.y, moved_band.y + moved_band.h) == pytest.approx((s + h - 20, by1))
    assert (moved_inner.x, moved_inner.y, moved_inner.w) == pytest.approx((s + 10, s + 10, 20))
    assert len(marks) == 8 and all(isinstance(m, Rule) for m in marks)
    for m in marks:
        for x, y in ((m.x0, m.y0), (m.x1, m.y1)):
            outside = x <= bx0 - MARK_OFFSET + 1e-9 or x >= bx1 + MARK_OFFSET - 1e-9 or \
                y <= by0 - MARK_OFFSET + 1e-9 or y >= by1 + MARK_OFFSET - 1e-9
            assert outside and 0 <= x <= page.size[0] and 0 <= y <= page.size[1]
        assert abs(m.x1 - m.x0) + abs(m.y1 - m.y0) == pytest.approx(MARK)


def _crop_mark_ends(path: Path, page: int) -> list[tuple[float, float]]:
    """The ends of the thin black lines (the crop marks) drawn on ``page``."""
    pdf = pdfium.PdfDocument(path)
    ends = []
    for obj in pdf[page].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        if min(right - left, top - bottom) <= 0.6 and \
                abs(max(right - left, top - bottom) - MARK) < 1:  # (bounds add the line width)
            ends += [(left, bottom), (right, top)]
    return ends


def test_the_pdf_crop_marks_lie_outside_the_bleed_box(bled):
    x0, y0, x1, y1 = _boxes(bled["booklet"])[2]["BleedBox"]
    ends = _crop_mark_ends(bled["booklet"], 2)
    assert len(ends) == 16
    for x, y in ends:
        assert not (x0 < x < x1 and y0 < y < y1)


def test_the_saddle_imposition_is_made_from_the_trimmed_pages(plain, bled):
    assert page_texts(bled["booklet-imposed"]) == page_texts(plain["booklet-imposed"])
    assert [p["MediaBox"] for p in _boxes(bled["booklet-imposed"])] == \
        [p["MediaBox"] for p in _boxes(plain["booklet-imposed"])]


def test_without_bleed_the_booklet_has_no_boxes_and_is_the_same_each_time(plain, tmp_path):
    assert all(set(page) == {"MediaBox"} for page in _boxes(plain["booklet"]))
    for page in _boxes(plain["booklet"]):
        assert page["MediaBox"] == pytest.approx([0.0, 0.0, *PAPERS["a5"].size], abs=0.01)
    again = _build(tmp_path, bleed_mm=0.0)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (again["booklet"],
                                                                   plain["booklet"])]
    assert digest[0] == digest[1]  # --bleed 0mm is no bleed


def test_cards_get_a_two_millimetre_bleed_unless_asked(plain, bled):
    (default,) = _boxes(plain["card"])
    b = DEFAULT_BLEED_MM * mm
    assert default["TrimBox"][:2] == pytest.approx([b, b], abs=0.01)
    assert default["BleedBox"] == pytest.approx(default["MediaBox"], abs=0.01)
    (asked,) = _boxes(bled["card"])
    assert asked["TrimBox"][:2] == pytest.approx([BLEED * mm] * 2, abs=0.01)
