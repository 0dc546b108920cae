"""Scripts beyond Latin: fallback fonts per character, right-to-left text, missing glyphs
warned about by name; booklets built from every interchange format pass the PDF checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from program.build import Settings, build
from program.checks import WARNING, check
from program.fonts import ARABIC, FALLBACK, HEBREW, REGULAR, font_for, missing_glyphs, runs, visual
from program.sources.yaml_schedule import loads

from pdftools import font_problems, outside_page, overprinted, page_texts

FIXTURES = Path(__file__).parent / "fixtures" / "interchange"


def test_font_chosen_per_character():
    assert font_for("a", REGULAR) == REGULAR
    assert font_for("深", REGULAR) == FALLBACK
    assert font_for("ש", REGULAR) == HEBREW
    assert font_for("ب", REGULAR) == ARABIC
    assert font_for("\U0001F389", REGULAR) is None
    assert [name for _, name in runs("Hi 深層 ok", REGULAR)] == [REGULAR, FALLBACK, REGULAR]


def test_right_to_left_is_put_in_visual_order():
    assert visual("abc") == "abc"
    assert visual("שלום") == "םולש"
    shaped = visual("مرحبا")
    assert shaped != "مرحبا" and all("\ufe70" <= c <= "\ufeff" for c in shaped)


def test_missing_glyphs_are_named_in_a_warning():
    schedule = loads("event: {title: T}\ndays:\n  - date: 2024-01-01\n    items:\n"
                     "      - {time: 9:00-10:00, title: \"Party \U0001F389\", kind: remarks}\n", "e.yaml")
    assert missing_glyphs("Party \U0001F389") == {"\U0001F389"}
    warnings = [p for p in check(schedule) if p.severity == WARNING]
    assert len(warnings) == 1 and "U+1F389 PARTY POPPER" in warnings[0].message
    assert warnings[0].where.line == 5


@pytest.mark.parametrize("name", ["democonf24.xml", "democonf24.json", "democonf24.ics",
                                  "democonf24.csv"])
def test_booklet_from_each_format_is_clean(name, tmp_path):
    result = build(str(FIXTURES / name), Settings(out_dir=tmp_path, force=True,
                                                  products=("booklet", "handout")))
    for path, _, _ in result.files:
        text = " ".join(page_texts(path))
        assert "\ufffd" not in text and "\x00" not in text
        assert font_problems(path) == [] and outside_page(path) == [] and overprinted(path) == []
