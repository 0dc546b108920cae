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

FIXTURES = Path(__file__).parent.parent / "fixtures" / "interchange"


def test_font_chosen_per_character():
    assert font_for("a", REGULAR) == REGULAR
    assert font_for("深", REGULAR) == FALLBACK
    assert font_for("ש", REGULAR) == HEBREW
    assert font_for("ب", REGULAR) == ARABIC
    assert font_for("\u0F00", REGULAR) is None  # Tibetan: no bundled font
    assert [name for _, name in runs("Hi 深層 ok", REGULAR)] == [REGULAR, FALLBACK, REGULAR]


def test_right_to_left_is_put_in_visual_order():
    assert visual("abc") == "abc"
    assert visual("שלום") == "םולש"
    shaped = visual("مرحبا")
    assert shaped != "مرحبا" and all("\ufe70" <= c <= "\ufeff" for c in shaped)


def test_brackets_in_right_to_left_text_are_mirrored():
    """Rule L4 of the bidi algorithm: a bracket at a right-to-left level is drawn mirrored, so
    the continuation marker of a Hebrew title reads "(1/2)", not ")1/2(" (python-bidi's
    get_display reverses without mirroring)."""
    assert visual("שלום (1/2)") == "(1/2) םולש"
    assert visual("שלום (abc) עולם") == "םלוע (abc) םולש"
    assert visual("abc (שלום)") == "abc (םולש)"
    assert visual("Hello (1/2)") == "Hello (1/2)"


def test_missing_glyphs_are_named_in_a_warning():
    schedule = loads("event: {title: T}\ndays:\n  - date: 2024-01-01\n    items:\n"
                     "      - {time: 9:00-10:00, title: \"Om \u0F00\", kind: remarks}\n", "e.yaml")
    assert missing_glyphs("Om \u0F00") == {"\u0F00"}
    warnings = [p for p in check(schedule) if p.severity == WARNING]
    assert len(warnings) == 1 and "U+0F00 TIBETAN SYLLABLE OM" in warnings[0].message
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


def test_maths_arrows_and_emoji_have_a_font():
    from program.fonts import EMOJI, MATH, MONO

    for char in "−→≥≤∩∪⇒\U0001D68C":
        assert font_for(char, REGULAR) == MATH, char
    assert font_for("\U0001F60E", REGULAR) == EMOJI
    assert missing_glyphs("a − b → c ≥ d \U0001F60E") == set()
    assert [name for _, name in runs("x → 深", MONO)] == [MONO, FALLBACK]
    assert runs("Ж ü", MONO) == [("Ж ü", MONO)]


def test_variation_selectors_are_not_drawn():
    assert "".join(text for text, _ in runs("\u2764\ufe0f ok\ufe0e", REGULAR)) == "\u2764 ok"


def test_characters_above_the_bmp_can_be_copied_from_the_pdf(tmp_path):
    """ToUnicode maps emoji (outside the Basic Multilingual Plane) to UTF-16 surrogate
    pairs, so a reader extracts the characters themselves (ReportLab alone wrote <1F5A8>)."""
    import pypdfium2 as pdfium

    text = "Print \U0001F5A8 cool \U0001F60E a − b → c"
    src = tmp_path / "emoji.yaml"
    src.write_text("event: {title: T}\ndays:\n  - date: 2024-01-01\n    items:\n"
                   f"      - {{time: 9:00-10:00, title: \"{text}\", kind: talk}}\n", encoding="utf-8")
    result = build(str(src), Settings(out_dir=tmp_path, products=("booklet",)))
    pdf = pdfium.PdfDocument(str(result.files[0][0]))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert any(text in page for page in pages)
