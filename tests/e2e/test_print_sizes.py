"""Products of a conference-shaped event (6 rooms, parallel sessions, tracks in colour; one
day of 200 talks to keep the build short) pass the checks ``pdfcheck`` makes, at the sizes
where the print review found defects: every font embedded, no missing glyph, nothing off the
page, nothing overprinted; text at least 6 pt on cards, 7 pt on the handout and the grids,
8 pt on every other booklet page (the A5 contents set their times at 7.5 pt)."""
from __future__ import annotations

import pytest

from bench.synthetic import generate
from program.build import Settings, build

from pdftools import (font_problems, outside_page, overprinted, page_min_font_sizes,
                      page_texts)

FLOORS = {"cards": 6.0, "handout": 7.0, "booklet": 8.0}  # the booklet's grids: 7.0


@pytest.fixture(scope="module", params=["a5"])
def products(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"sizes-{request.param}")
    src = base / "conference.yaml"
    src.write_text(generate("conference", days=1, talks=200), encoding="utf-8")
    result = build(str(src), Settings(out_dir=base / "out", paper=request.param,
                                      products=("booklet", "handout", "cards")))
    return {p.stem.rsplit("-", 1)[-1]: p for p, _, _ in result.files if p.suffix == ".pdf"}


def test_every_product_is_built(products):
    assert set(FLOORS) <= set(products)


@pytest.mark.parametrize("product", sorted(FLOORS))
def test_no_defect_pdfcheck_would_report(products, product):
    path = products[product]
    texts = page_texts(path)
    assert font_problems(path) == []
    assert not any("\x00" in t or "\ufffd" in t for t in texts)
    assert outside_page(path) == []
    assert overprinted(path) == []
    for number, (text, smallest) in enumerate(zip(texts, page_min_font_sizes(path)), 1):
        grid = "at a glance" in text.splitlines()[0]  # a grid page's title line
        floor = 7.0 if product == "booklet" and grid else FLOORS[product]
        assert smallest >= floor - 0.01, (product, number, smallest)
