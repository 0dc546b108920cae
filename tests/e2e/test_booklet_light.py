"""The email edition (``--products booklet-light``): the example schedule, each item given an
abstract and the theme a photo-like logo, makes a light booklet with every talk title and the
same QR codes as the booklet, none of the abstracts, its logo at screen resolution, smaller,
and free of the defects pdfcheck reports."""
from __future__ import annotations

import random
import re

import pytest
from PIL import Image

from program.build import Settings, build
from program.sources.logo import SCREEN_DPI
from program.sources.registry import load_schedule

from conftest import DATA
from pdftools import (cover_picture, document_text, font_problems, normalized, outside_page,
                      overprinted, page_min_font_sizes, page_texts, qr_codes)

#: one word no schedule uses, in every abstract
MARK = "Zyxabstract"


def _with_abstracts(text: str) -> str:
    """The schedule's YAML with an abstract under every item's title (after ``days:``)."""
    head, days = text.split("days:\n", 1)
    count = iter(range(1, 10_000))

    def add(match: re.Match) -> str:
        indent = " " * len(match.group(1))
        return f"{match.group(0)}\n{indent}abstract: \"{MARK} {next(count)} says what this " \
               f"item holds, in several sentences that only the full booklet prints.\""

    days = re.sub(r"^( *(?:- )?)title: .*$", add, days, flags=re.M)
    return f"{head}theme:\n  logo: logo.png\ndays:\n{days}"


@pytest.fixture(scope="module")
def booklets(tmp_path_factory):
    base = tmp_path_factory.mktemp("light")
    rng = random.Random(15)
    Image.frombytes("RGB", (1200, 800), rng.randbytes(1200 * 800 * 3)).save(base / "logo.png")
    src = base / "mlsys-abstracts.yaml"
    src.write_text(_with_abstracts(DATA.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(str(src), Settings(out_dir=base / "out",
                                      products=("booklet", "booklet-light")))
    files = {p.name.split("mlsys-abstracts-")[1]: p for p, _, _ in result.files}
    return load_schedule(str(src)), files["booklet.pdf"], files["booklet-light.pdf"], result


def test_it_is_made_only_when_asked_for(tmp_path):
    result = build(str(DATA), Settings(out_dir=tmp_path, products=()))
    assert not any(p.name.endswith("-booklet-light.pdf") for p, _, _ in result.files)


def test_every_title_and_the_same_qr_codes_without_the_abstracts(booklets):
    schedule, full, light, _ = booklets
    abstracts = [t.abstract.plain() for t in schedule.talks() if t.abstract]
    assert len(abstracts) == len(list(schedule.talks()))
    full_text, light_text = normalized(document_text(full)), normalized(document_text(light))
    assert all(a in full_text for a in abstracts)
    assert MARK not in light_text
    assert not any(a.split(" says ")[1] in light_text for a in abstracts)
    for talk in schedule.talks():
        assert normalized(talk.title) in light_text, talk.title
    codes = sorted(text for _, text in qr_codes(light))
    assert codes and codes == sorted(text for _, text in qr_codes(full))


def test_its_logo_is_at_screen_resolution_and_it_is_smaller(booklets):
    _, full, light, result = booklets
    (full_w, _), (printed_w, _) = cover_picture(full)
    (light_w, _), (light_printed, _) = cover_picture(light)
    assert light_printed == pytest.approx(printed_w, abs=0.01)  # printed the same size
    assert light_w / light_printed * 72 <= SCREEN_DPI + 1 < full_w / printed_w * 72
    assert light.stat().st_size < full.stat().st_size / 2
    assert not any("email" in w for w in result.warnings)  # both well under the limit


@pytest.mark.parametrize("which", [1, 2])
def test_no_defect_pdfcheck_would_report(booklets, which):
    path = booklets[which]
    texts = page_texts(path)
    assert font_problems(path) == [] and outside_page(path) == [] and overprinted(path) == []
    assert not any("\x00" in t or "\ufffd" in t for t in texts)
    for text, smallest in zip(texts, page_min_font_sizes(path)):
        floor = 7.0 if "at a glance" in text.splitlines()[0] else 8.0  # (a grid page: 7 pt)
        assert smallest >= floor - 0.01
