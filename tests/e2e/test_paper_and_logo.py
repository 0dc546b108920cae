"""Paper sizes, a logo on the cover, and a logo that is missing or not an image."""
from __future__ import annotations

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4, A5, LETTER

from program.build import Settings, _run_once, build
from program.checks import ERROR, check
from program.sources.registry import load_schedule
from program.layout.paper import HALF_LETTER, PAPERS
from program.sources.logo import LARGEST_PRINT

from conftest import DATA
from pdftools import chars, cover_picture, font_problems, overprinted, qr_codes


@pytest.mark.parametrize("paper, size", [("a4", A4), ("letter", LETTER),
                                         ("half-letter", HALF_LETTER), ("a5", A5)])
def test_paper_sizes(paper, size, tmp_path):
    result = build(str(DATA), Settings(out_dir=tmp_path, products=("booklet",), paper=paper))
    path = result.files[0][0]
    _, sizes = chars(path)
    assert all(s == pytest.approx(size, abs=0.5) for s in sizes)
    assert overprinted(path) == [] and font_problems(path) == []
    assert len({text for _, text in qr_codes(path)}) == 20  # (the website also on the back)


def _with_logo(tmp_path, logo_line: str):
    src = tmp_path / "logo.yaml"
    src.write_text(DATA.read_text(encoding="utf-8").replace("days:\n", f"theme:\n  {logo_line}\ndays:\n", 1),
                   encoding="utf-8")
    return src


def test_logo_on_the_cover(tmp_path):
    Image.new("RGB", (400, 120), (31, 78, 121)).save(tmp_path / "logo.png")
    src = _with_logo(tmp_path, "logo: logo.png")
    result = build(str(src), Settings(out_dir=tmp_path / "out", products=("booklet",)))
    import pikepdf

    with pikepdf.open(result.files[0][0]) as pdf:
        xobjects = pdf.pages[0].Resources.get("/XObject", {})
        images = [x for x in xobjects.values() if x.get("/Subtype") == "/Image"]
    assert images  # the logo is an image on the cover


@pytest.mark.parametrize("content, message", [(None, "not found"), (b"not a png", "not an image")])
def test_bad_logo_is_a_located_error(tmp_path, content, message):
    if content is not None:
        (tmp_path / "logo.png").write_bytes(content)
    src = _with_logo(tmp_path, "logo: logo.png")
    errors = [p for p in check(load_schedule(str(src))) if p.severity == ERROR]
    assert [p.where.file for p in errors] == [str(src)] and message in errors[0].message
    assert _run_once(str(src), Settings(out_dir=tmp_path / "out", products=("booklet",))) == 2
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("size", [(3600, 1800), (900, 2700)])  # as wide as it fits, as tall
def test_a_huge_logo_is_scaled_to_300_dpi_before_the_pdf(tmp_path, size):
    """A noise picture far larger than print needs goes in at no more than 300 dpi at the
    largest size it is printed (letter paper's cover), so the booklet is not the picture's
    size; the same pixels on every paper, the same bytes each time."""
    import io
    import random

    rng = random.Random(11)
    Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3)).save(tmp_path / "logo.png")
    src = _with_logo(tmp_path, "logo: logo.png")
    booklets = {}
    for paper in ("letter", "a4", "a5"):
        settings = Settings(out_dir=tmp_path / paper, products=("booklet",), paper=paper)
        booklets[paper] = build(str(src), settings).files[0][0].read_bytes()
    images = {paper: cover_picture(io.BytesIO(pdf)) for paper, pdf in booklets.items()}
    (pixels_w, pixels_h), (printed_w, printed_h) = images["letter"]
    assert pixels_w / size[0] == pytest.approx(pixels_h / size[1], rel=0.01)  # same shape
    assert max(pixels_w / printed_w, pixels_h / printed_h) * 72 <= 300.5
    largest = max(printed[0] for _, printed in images.values())
    assert printed_w == pytest.approx(largest, abs=0.01)  # letter prints it largest
    assert {pixels for pixels, _ in images.values()} == {(pixels_w, pixels_h)}
    assert len(booklets["letter"]) < (tmp_path / "logo.png").stat().st_size / 4
    widest = max(paper.size[0] for paper in PAPERS.values())
    assert LARGEST_PRINT[0] == pytest.approx(0.35 * widest)  # as the cover prints it
    again = build(str(src), Settings(out_dir=tmp_path / "again", products=("booklet",),
                                     paper="letter"))
    assert again.files[0][0].read_bytes() == booklets["letter"]  # reproducible


def test_a_small_logo_keeps_its_pixels(tmp_path):
    Image.new("RGB", (400, 120), (31, 78, 121)).save(tmp_path / "logo.png")
    src = _with_logo(tmp_path, "logo: logo.png")
    result = build(str(src), Settings(out_dir=tmp_path / "out", products=("booklet",)))
    assert cover_picture(result.files[0][0])[0] == (400, 120)


def test_program_check_reports_a_truncated_logo(tmp_path, capsys):
    """The logo is decoded to its last pixel by the checks: ``program check`` says so."""
    import io

    from program.cli import main

    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 30, 30)).save(buf, "JPEG")
    (tmp_path / "logo.jpg").write_bytes(buf.getvalue()[:len(buf.getvalue()) // 2])
    src = _with_logo(tmp_path, "logo: logo.jpg")
    line = src.read_text(encoding="utf-8").splitlines().index("  logo: logo.jpg") + 1
    errors = [str(p) for p in check(load_schedule(str(src))) if p.severity == ERROR]
    assert errors == [f"{src}:{line}:3: error: logo file 'logo.jpg' is damaged or cut short: its "
                      f"image cannot be decoded to the end"]
    assert main(["check", str(src)]) == 2
    assert capsys.readouterr().out.splitlines()[0] == errors[0]
