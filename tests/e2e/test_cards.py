"""Badge-back cards: sizes, auto-fit, warnings, n-up sheets with crop marks, trim-size PDF."""
from __future__ import annotations

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import inch, mm

from program.build import Settings, build
from program.layout.cards import MIN_SIZE, CardSizeError, layout_cards, parse_card_size
from program.layout.card_frames import imposition
from program.layout.trim import MARK, MARK_OFFSET
from program.sources.yaml_schedule import load, loads

from conftest import DATA
from pdftools import font_problems, min_font_size, normalized, outside_page, overprinted, page_texts, qr_codes


@pytest.mark.parametrize("text, size", [
    ("4x3in", (4 * inch, 3 * inch)), ("4x6in", (4 * inch, 6 * inch)), ("a6", A6),
    ("85x55mm", (85 * mm, 55 * mm)), ("85.6 x 54 mm", (85.6 * mm, 54 * mm)),
])
def test_card_sizes(text, size):
    assert parse_card_size(text) == pytest.approx(size)


@pytest.mark.parametrize("text", ["4x3", "big", "10x10mm", "0x0in"])
def test_bad_card_sizes(text):
    with pytest.raises(CardSizeError):
        parse_card_size(text)


@pytest.fixture(scope="module")
def seed_cards(tmp_path_factory):
    out = tmp_path_factory.mktemp("cards")
    return build(str(DATA), Settings(out_dir=out, products=("cards",), bleed_mm=3.0))


def test_seed_fits_one_card_at_4x3(seed_cards):
    (sheet, _, sheets), (single, _, cards) = seed_cards.files
    assert (sheets, cards) == (1, 1)
    for path in (sheet, single):
        assert min_font_size(path) >= MIN_SIZE
        assert font_problems(path) == [] and outside_page(path) == [] and overprinted(path) == []
        codes = {text for _, text in qr_codes(path)}
        assert codes == {load(DATA).event.url}
    text = normalized(page_texts(single)[0])
    assert "Systems Bonanza" in text and "PyTorch" in text and "12:00 Lunch" in text


def test_shortened_titles_are_reported_once_a_day_with_their_count(seed_cards):
    schedule = load(DATA)
    trim = parse_card_size("4x3in")
    cards = layout_cards(schedule, trim, "12h", 40.0)
    rows = [p.row for card in cards.cards for p in card.rows if p.row.text.abbreviated]
    shortened = {row.title for row in rows}
    (said,) = [w for w in seed_cards.warnings if "shortened" in w]  # one line, not one a card
    assert shortened and said.split("'")[1] in shortened and f"{len(rows)} titles" in said
    for row in rows:  # the time is kept whenever the title is shortened
        assert row.time
    text = normalized(page_texts(seed_cards.files[1][0])[0])
    for title in shortened:
        assert title not in text


def test_trim_and_bleed_boxes(seed_cards):
    single = seed_cards.files[1][0]
    with pikepdf.open(single) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
    b = 3 * mm
    assert trim == pytest.approx([b, b, b + 4 * inch, b + 3 * inch], abs=0.01)
    assert bleed == pytest.approx(media, abs=0.01)
    assert media[2] == pytest.approx(4 * inch + 2 * b, abs=0.01)


def test_imposition_keeps_marks_and_bleed_clear_of_neighbours():
    card = parse_card_size("4x3in")
    bleed = 3 * mm
    imp = imposition(card, A4, bleed)
    assert len(imp.origins) == 4
    reach = bleed + MARK_OFFSET + MARK  # how far marks extend beyond the trim
    sw, sh = imp.sheet
    for x, y in imp.origins:
        assert x - reach >= -0.01 and y - reach >= -0.01
        assert x + card[0] + reach <= sw + 0.01 and y + card[1] + reach <= sh + 0.01
    for i, (x1, y1) in enumerate(imp.origins):
        for x2, y2 in imp.origins[i + 1:]:
            apart_x = abs(x1 - x2) >= card[0] + 2 * reach - 0.01
            apart_y = abs(y1 - y2) >= card[1] + 2 * reach - 0.01
            assert apart_x or apart_y


def test_all_days_share_a_card_when_they_fit_legibly():
    text = "event: {title: Two days}\ndays:\n" + "".join(
        f"  - date: 2024-05-0{d}\n    items:\n"
        f"      - {{time: 9:00-10:00, title: Day {d} opening, kind: remarks}}\n"
        f"      - {{time: 10:00-11:00, title: Day {d} talk, kind: talk}}\n" for d in (6, 7))
    cards = layout_cards(loads(text, "two.yaml"), parse_card_size("4x3in"), "24h", 40.0)
    assert len(cards.cards) == 1 and cards.cards[0].size >= 7
    assert cards.warnings == ()
