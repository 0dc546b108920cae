"""Paper sizes, a logo on the cover, and a logo that is missing or not an image."""
from __future__ import annotations

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4, A5, LETTER

from program.build import Settings, _run_once, build
from program.checks import ERROR, check
from program.sources.registry import load_schedule
from program.render.pages import HALF_LETTER

from conftest import DATA
from pdftools import chars, font_problems, overprinted, qr_codes


@pytest.mark.parametrize("paper, size", [("a4", A4), ("letter", LETTER),
                                         ("half-letter", HALF_LETTER), ("a5", A5)])
def test_paper_sizes(paper, size, tmp_path):
    result = build(str(DATA), Settings(out_dir=tmp_path, products=("booklet",), paper=paper))
    path = result.files[0][0]
    _, sizes = chars(path)
    assert all(s == pytest.approx(size, abs=0.5) for s in sizes)
    assert overprinted(path) == [] and font_problems(path) == []
    assert len(qr_codes(path)) == 20


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
