"""Every product of the example opens, renders and reads the same in independent PDF engines:
PDFium (pypdfium2) renders every page; qpdf (through pikepdf) finds nothing wrong with the
structure; pdfminer.six, pdfplumber and pypdf (strict) extract the same text as PDFium, and
all agree on the number and size of the pages.

Text is compared per page as the count of each visible character (engines put spaces, line
breaks and boxes in different orders) and as the set of whitespace-separated words.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA
from pdftools import (
    glyph_counts,
    page_sizes_by_engine,
    page_texts,
    pdfminer_page_texts,
    pdfplumber_page_texts,
    pypdf_page_texts,
    rendered_pages,
    structure_problems,
)

from program.build import Settings, build

PRODUCTS = ["booklet", "booklet-imposed", "handout", "cards", "card", "door-signs"]


@pytest.fixture(scope="module")
def products(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("engines")
    result = build(str(DATA), Settings(out_dir=out, products=("booklet", "imposed", "handout",
                                                                   "cards", "door-signs")))
    files = {p.name.removeprefix("mlsys-2019-").removesuffix(".pdf"): p
             for p, _, _ in result.files if p.suffix == ".pdf"}
    assert sorted(files) == sorted(PRODUCTS)
    return files


@pytest.fixture(scope="module")
def pdfium_texts(products) -> dict[str, list[str]]:
    return {name: page_texts(path) for name, path in products.items()}


@pytest.mark.parametrize("name", PRODUCTS)
def test_pdfium_renders_every_page(name, products):
    pages = rendered_pages(products[name])
    assert pages
    for number, (size, ink) in enumerate(pages, 1):
        assert size[0] > 0 and size[1] > 0
        assert 0.001 < ink < 0.9, f"page {number}: {ink:.1%} of the page is not white"


@pytest.mark.parametrize("name", PRODUCTS)
def test_qpdf_finds_no_structural_problem(name, products):
    assert structure_problems(products[name]) == []


@pytest.mark.parametrize("name", PRODUCTS)
def test_every_engine_sees_the_same_pages(name, products):
    sizes = page_sizes_by_engine(products[name])
    assert len({tuple(s) for s in sizes.values()}) == 1, sizes


ENGINES = {"pdfminer": pdfminer_page_texts, "pdfplumber": pdfplumber_page_texts,
           "pypdf": pypdf_page_texts}


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("name", PRODUCTS)
def test_same_text_as_pdfium(name, engine, products, pdfium_texts):
    theirs = ENGINES[engine](products[name])
    ours = pdfium_texts[name]
    assert len(theirs) == len(ours)
    for number, (a, b) in enumerate(zip(ours, theirs), 1):
        assert glyph_counts(a) == glyph_counts(b), (
            f"page {number}: only PDFium {dict(glyph_counts(a) - glyph_counts(b))}, "
            f"only {engine} {dict(glyph_counts(b) - glyph_counts(a))}")
        assert set(a.split()) == set(b.split()), (
            f"page {number}: words only PDFium has {sorted(set(a.split()) - set(b.split()))}, "
            f"only {engine} {sorted(set(b.split()) - set(a.split()))}")


def test_the_text_is_the_schedule(products):
    """What every engine reads is the schedule: each talk title is in the booklet's text as
    pdfminer lays it out (whitespace aside)."""
    from program.sources.yaml_schedule import load

    text = "".join("".join(pdfminer_page_texts(products["booklet"])).split())
    for talk in load(DATA).talks():
        assert "".join(talk.title.split()) in text, talk.title


RTL = """\
event: {title: Scripts}
days:
  - date: 2024-05-06
    items:
      - {time: "9:00-9:45", title: "مقدمة في التعلم الآلي", url: "https://example.org/t/1"}
      - {time: "10:00-10:45", title: "שלום עולם", url: "https://example.org/t/2"}
"""
RTL_TITLES = ["مقدمة في التعلم الآلي", "שלום עולם"]
PLUMBER_RTL = ("pdfplumber's extract_text sorts each line's characters by position, left to "
               "right (char_dir 'ltr'), whatever order the content stream has, so it reads "
               "right-to-left words in visual order ('םולש' for 'שלום'); it has no "
               "/ActualText support and only its own char_dir='rtl' option reads them")


@pytest.fixture(scope="module")
def rtl_booklet(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rtl")
    path = folder / "rtl.yaml"
    path.write_text(RTL, encoding="utf-8")
    result = build(str(path), Settings(out_dir=folder, products=("booklet",)))
    return result.files[0][0]


@pytest.mark.parametrize("engine", [
    "pdfium", "pdfminer", "pypdf",
    pytest.param("pdfplumber", marks=pytest.mark.xfail(reason=PLUMBER_RTL, strict=True))])
def test_right_to_left_titles_read_in_logical_order(engine, rtl_booklet):
    import unicodedata

    pages = page_texts(rtl_booklet) if engine == "pdfium" else ENGINES[engine](rtl_booklet)
    text = unicodedata.normalize("NFKC", "".join("".join(pages).split()))
    for title in RTL_TITLES:
        assert "".join(title.split()) in text, title
