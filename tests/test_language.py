"""The event's language: catalogues, Babel dates, theme.labels, and every product's text layer
in German, French, Japanese and Arabic; every shipped translation fits where it is printed."""
from __future__ import annotations

import re
from datetime import date
from importlib import resources

import pytest
from babel.messages.pofile import read_po

from program.build import Settings, build
from program.errors import UserError
from program.fonts import visual
from program.fonts import width as text_width
from program.language import MESSAGES, SHIPPED, Language, label_keys, language_of
from program.layout.card_frames import card_pages
from program.layout.frames import Form, Page, Place, Text
from program.layout.handout import handout_pages
from program.model import Kind
from program.sources.yaml_schedule import loads

from pdftools import page_texts

FIELDS = re.compile(r"\{\w+\}")


def _catalogue(name: str):
    with (resources.files("program") / "locale" / name).open("rb") as f:
        return read_po(f)


def test_the_template_lists_every_message_the_products_print():
    template = _catalogue("program.pot")
    assert {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id} \
        == {(msgid, ctx) for msgid, _, ctx in MESSAGES}


@pytest.mark.parametrize("name", SHIPPED)
def test_every_catalogue_translates_every_message_and_keeps_its_fields(name):
    catalogue = _catalogue(f"{name}.po")
    found = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in catalogue if m.id}
    for msgid, plural, ctx in MESSAGES:
        message = found[(msgid, ctx)]
        forms = message.string if plural else (message.string,)
        assert all(form.strip() for form in forms), (name, msgid)
        for form in forms:
            assert set(FIELDS.findall(form)) == set(FIELDS.findall(msgid)), (name, msgid, form)


def test_dates_weekdays_and_months_follow_the_language():
    day = date(2019, 9, 18)
    assert Language("en").long_date(day) == "Wednesday, 18 September 2019"
    assert Language("en-US").long_date(day) == "Wednesday, September 18, 2019"
    assert Language("de").long_date(day) == "Mittwoch, 18. September 2019"
    assert Language("fr").long_date(day) == "mercredi 18 septembre 2019"
    assert Language("ja").long_date(day) == "2019年9月18日水曜日"
    assert Language("de").short_date(day) == "Mi., 18. Sept."
    span = Language("fr").date_range(day, date(2019, 9, 19))  # CLDR's interval: one year
    assert span.startswith("mer. 18") and span.endswith("jeu. 19 sept. 2019")


def test_clock_and_catalogue_come_from_the_tag():
    assert Language("en").clock == "24h" and Language("en-US").clock == "12h"
    assert Language("de").clock == "24h" and Language("ar").clock == "12h"
    assert Language("pt-BR").catalogue_name == "pt"
    assert Language("zh-CN").catalogue_name == "zh_Hans" == Language("zh-Hans").catalogue_name
    assert Language("ko").catalogue_name == "" and Language("ko").text("Contents") == "Contents"
    assert Language("ar").rtl and Language("he").rtl and not Language("de").rtl


def test_plurals_follow_the_language_rule():
    assert Language("en").plural("Chair", "Chairs", 1) == "Chair"
    assert Language("en").plural("Chair", "Chairs", 2) == "Chairs"
    assert Language("pl").plural("Speaker", "Speakers", 1) == "Prelegent"
    assert Language("pl").plural("Speaker", "Speakers", 5) == "Prelegenci"
    assert Language("ar").plural("Chair", "Chairs", 2) == "رئيسا الجلسة"


def test_labels_override_any_message():
    lang = Language("de", (("Contents", "Übersicht"), ("Keynote", "Festvortrag")))
    assert lang.text("Contents") == "Übersicht" and lang.kind(Kind.KEYNOTE) == "Festvortrag"
    assert lang.text("Speakers and chairs") == "Vortragende und Vorsitzende"


SCHEDULE = """\
event:
  title: Workshop on Systems
  venue: Hall 1
  url: https://example.org/ws/
  organizers: [Ada Lovelace]
  language: {language}
rooms: [Hall A, Hall B]
{theme}days:
  - date: 2019-09-18
    items:
      - time: 9:00-9:30
        kind: keynote
        title: Opening keynote
        speakers: Ada Lovelace, Analytical Engines
        url: https://example.org/ws/keynote
        room: Hall A
      - session: Morning
        time: 9:30-11:00
        room: Hall A
        chairs: [Grace Hopper, Alan Turing]
        talks:
          - {{time: "9:30-10:00", kind: invited, title: Compilers, speakers: Grace Hopper}}
          - {{time: "10:00-10:20", kind: contributed, title: Schedulers, speakers: Bob Ross}}
          - {{time: "10:20-10:30", kind: lightning, title: Caches, speakers: Carl Sagan}}
          - {{time: "10:30-11:00", kind: panel, title: Futures, speakers: Dan Brown}}
      - {{time: "9:30-11:00", kind: workshop, title: Hands-on, room: Hall B}}
      - {{time: "11:00-11:30", kind: break, title: Coffee}}
      - {{time: "11:30-12:30", kind: poster, title: Poster boards}}
      - {{time: "12:30-13:30", kind: meal, title: Lunch}}
      - {{time: "13:30-14:00", kind: remarks, title: Closing}}
      - {{time: "14:00-14:30", kind: talk, title: Extra, speakers: Eve Ode}}
      - {{time: "14:30-15:00", kind: other, title: Tour}}
  - date: 2019-09-19
    items:
      - {{time: "9:00-10:00", kind: keynote, title: Second day keynote, speakers: Ada Lovelace}}
"""


def schedule_text(language: str, theme: str = "") -> str:
    return SCHEDULE.format(language=language, theme=theme)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """language -> {product: the text of each page} for the fixture in that language."""
    def make(language: str, theme: str = "") -> dict[str, list[str]]:
        folder = tmp_path_factory.mktemp(language)
        path = folder / "ws.yaml"
        path.write_text(schedule_text(language, theme), encoding="utf-8")
        result = build(str(path), Settings(out_dir=folder / "out"))
        texts = {p.name: page_texts(p) for p, _, _ in result.files if p.suffix == ".pdf"}
        texts["ics"] = [(folder / "out" / "ws.ics").read_text(encoding="utf-8")]
        return texts
    return make


WORDS = {
    "de": ("Mittwoch, 18. September 2019", "Inhalt", "Überblick", "Vortragende und Vorsitzende",
           "Vorsitz", "Eingeladener Vortrag", "Programm online", "Organisation: Ada Lovelace"),
    "fr": ("mercredi 18 septembre 2019", "Sommaire", "vue d’ensemble", "Présidence",
           "Intervenants et présidents de séance", "Exposé invité", "Programme en ligne"),
    "ja": ("2019年9月18日水曜日", "目次", "一覧", "講演者・座長", "座長", "招待講演",
           "オンライン版プログラム"),
}


@pytest.mark.parametrize("language", sorted(WORDS))
def test_every_product_prints_the_languages_words_and_dates(built, language):
    texts = built(language)
    booklet = " ".join(texts["ws-booklet.pdf"])
    handout = " ".join(texts["ws-handout.pdf"])
    lang = Language(language)
    for words in WORDS[language]:
        assert words in booklet, words
    assert lang.long_date(date(2019, 9, 18)) in handout
    assert lang.text("Programme online") in handout
    assert lang.kind(Kind.POSTER) in handout  # the legend
    assert lang.short_date(date(2019, 9, 18)) in " ".join(texts["ws-cards.pdf"])
    assert f"{lang.plural('Speaker', 'Speakers', 1)}: Grace Hopper" in texts["ics"][0]
    for english in ("Contents", "at a glance", "Speakers and chairs", "Chairs:", "Invited talk",
                    "Programme online", "Wednesday", "Thursday"):
        assert english not in booklet + handout, english


def test_arabic_words_and_dates_are_printed(built):
    texts = built("ar")
    import unicodedata

    # Arabic is printed shaped (presentation forms) in visual order: compare letters
    def letters(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalpha())

    booklet = letters(" ".join(texts["ws-booklet.pdf"]))
    lang = Language("ar")
    for words in (lang.text("Contents"), lang.text("Speakers and chairs"), "سبتمبر", "الأربعاء"):
        word = letters(words)
        assert word in booklet or word[::-1] in booklet, words


def test_theme_labels_override_words_in_the_products(built):
    theme = "theme:\n  labels:\n    Contents: Table of sessions\n    Chairs: Hosts\n"
    booklet = " ".join(built("en", theme)["ws-booklet.pdf"])
    assert "Table of sessions" in booklet and "Hosts: Grace Hopper" in booklet
    assert "Contents" not in booklet


def test_a_label_for_no_message_is_an_error_with_its_line():
    with pytest.raises(UserError, match=r"labels.*no printed label is 'Contnets'|Contnets"):
        loads(schedule_text("en", "theme:\n  labels:\n    Contnets: x\n"), "ws.yaml")
    with pytest.raises(UserError, match="must keep {day}"):
        loads(schedule_text("en", "theme:\n  labels:\n    '{day} — at a glance': Übersicht\n"),
              "ws.yaml")
    schedule = loads(schedule_text("de", "theme:\n  labels:\n    Contents: Übersicht\n"))
    assert language_of(schedule).text("Contents") == "Übersicht"
    assert "Contents" in label_keys() and "Chairs" in label_keys()


# --- every translation fits where it is printed --------------------------------------------

def _lines(items, dx: float = 0.0, dy: float = 0.0):
    """Every text line of ``items`` (forms opened) as (x0, x1, baseline, size, text)."""
    for item in items:
        if isinstance(item, Text):
            w = sum(text_width(t, font, item.size) for t, font, _ in item.runs)
            yield item.x + dx, item.x + dx + w, item.baseline + dy, item.size, item.text
        elif isinstance(item, Place):
            yield from _lines(item.form.items, dx + item.x, dy + item.y)


def _clashes(lines) -> list[tuple[str, str]]:
    """Pairs of lines on one baseline whose extents overlap (text running into text)."""
    out = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if abs(a[2] - b[2]) < 0.5 * min(a[3], b[3]) and min(a[1], b[1]) - max(a[0], b[0]) > 0.5:
                out.append((a[4], b[4]))
    return out


def _outside(lines, box) -> list[str]:
    x0, y0, x1, y1 = box
    return [t for a, b, base, size, t in lines if a < x0 - 0.5 or b > x1 + 0.5
            or base < y0 - 0.5 or base + size * 0.8 > y1 + 0.5]


@pytest.mark.parametrize("language", ("en",) + SHIPPED)
def test_every_translation_fits_on_the_handout_and_the_cards(language):
    schedule = loads(schedule_text(language))
    clock = language_of(schedule).clock
    pages, _ = handout_pages(schedule, "a4", clock, True)
    for page in pages:
        lines = list(_lines(page.items))
        assert _clashes(lines) == [] and _outside(lines, (0, 0) + page.size) == []
    sheets, singles, _ = card_pages(schedule, "4x3in", "a4", clock, True, 0.0)
    for page in singles:
        form: Form = page.items[0].form
        lines = list(_lines(form.items))
        assert _clashes(lines) == [], language
        assert _outside(lines, form.bbox) == [], language
        assert any(language_of(schedule).short_date(date(2019, 9, 18)) == t
                   for *_, t in lines) or language in ("ar", "he")


@pytest.mark.parametrize("language", ("de", "pt", "ja", "ar"))
def test_booklet_in_language_has_no_text_outside_or_over_text(tmp_path, language):
    from pdftools import outside_page, overprinted

    path = tmp_path / "ws.yaml"
    path.write_text(schedule_text(language), encoding="utf-8")
    result = build(str(path), Settings(out_dir=tmp_path / "out", products=("booklet",)))
    booklet = result.files[0][0]
    assert outside_page(booklet) == [] and overprinted(booklet) == []


# --- right-to-left languages: the layout mirrored ------------------------------------------

def _text_extent(item: Text) -> tuple[float, float]:
    return item.x, item.x + sum(text_width(t, f, item.size) for t, f, _ in item.runs)


@pytest.mark.parametrize("language", ("ar", "he"))
def test_a_right_to_left_handout_has_its_title_and_time_axis_on_the_right(language):
    from program.layout.frames import QR, Role

    schedule = loads(schedule_text(language))
    english = loads(schedule_text("en"))
    page = handout_pages(schedule, "a4", "24h", True)[0][0]
    plain = handout_pages(english, "a4", "24h", True)[0][0]
    width = page.size[0]
    title = next(i for i in page.items if isinstance(i, Text) and i.role is Role.HEADING)
    assert abs(_text_extent(title)[1] - (width - 12 * 72 / 25.4)) < 0.5  # at the right margin
    code = next(i for i in page.items if isinstance(i, QR))
    assert code.x + code.side < width / 2  # the QR code went to the left
    axis = [i for i in page.items if isinstance(i, Text) and i.role is Role.ARTIFACT]
    cells = [i for i in page.items if isinstance(i, Text) and i.role is Role.TABLE_CELL]
    assert min(_text_extent(a)[0] for a in axis) > max(_text_extent(c)[1] for c in cells) - 1
    # each line ends where the English one starts, mirrored: right-aligned in its cell
    starts = sorted(round(width - i.x, 1) for i in plain.items
                    if isinstance(i, Text) and i.role is Role.TABLE_CELL)
    ends = sorted(round(_text_extent(c)[1], 1) for c in cells)
    assert len(set(starts) & set(ends)) >= len(set(ends)) // 2


def test_a_right_to_left_card_has_times_right_of_titles_and_the_code_at_the_left():
    from program.layout.frames import QR

    schedule = loads(schedule_text("ar"))
    _, singles, _ = card_pages(schedule, "4x3in", "a4", "24h", True, 0.0)
    form = singles[0].items[0].form
    code = next(i for i in form.items if isinstance(i, QR))
    assert code.x < form.bbox[2] / 2
    link = singles[0].items[1]
    assert link.rect[0] == pytest.approx(code.x, abs=0.01)  # the link followed the code
    texts = [i for i in form.items if isinstance(i, Text)]
    time = next(t for t in texts if t.text == "9:00")
    title = next(t for t in texts if "Opening keynote" in t.text)
    assert _text_extent(time)[0] > _text_extent(title)[1]


def test_the_booklet_is_mirrored_for_hebrew():
    """Running header, time column, grid axis at the right; QR codes at the left."""
    from program.layout.book import booklet_pages
    from program.layout.frames import QR, Role
    from program.options import Options

    schedule = loads(schedule_text("he"))
    pages, _, _ = booklet_pages(schedule, Options(paper="a5", clock="24h", qr=True))
    width = pages[0].size[0]
    texts = [(n, i) for n, p in enumerate(pages) for i in p.items if isinstance(i, Text)]
    header = next(i for n, i in texts if n > 0 and i.role is Role.ARTIFACT and "Workshop" in i.text)
    assert _text_extent(header)[1] > width * 0.8  # the event's name at the right
    talk_page = next(n for n, i in texts if i.text == "Opening keynote"
                     and any(isinstance(q, QR) for q in pages[n].items))  # not the contents
    title = next(i for n, i in texts if n == talk_page and i.text == "Opening keynote")
    time = next(i for n, i in texts if n == talk_page and i.text.startswith("9:00"))
    assert _text_extent(time)[0] > _text_extent(title)[1]  # the time column at the right
    codes = [i for i in pages[talk_page].items if isinstance(i, QR)]
    assert codes and all(c.x + c.side < width / 2 for c in codes)


@pytest.mark.parametrize("language", ("ar", "he"))
def test_the_booklets_notes_pages_and_back_cover_are_mirrored(language):
    """After the index: the Notes heading and the back cover's lines end at the right margin,
    and the back cover's QR code moves to the right, where the English one is at the left."""
    from program.layout.book import booklet_pages
    from program.layout.frames import QR, Role
    from program.options import Options

    options = Options(paper="a5", clock="24h", qr=True)
    pages, _, _ = booklet_pages(loads(schedule_text(language)), options)
    plain, _, _ = booklet_pages(loads(schedule_text("en")), options)
    width = pages[0].size[0]
    notes = visual(Language(language).text("Notes"))  # Text.text is as drawn
    headings = [i for p in pages for i in p.items if isinstance(i, Text) and i.text == notes]
    assert headings and all(_text_extent(h)[0] > width / 2 for h in headings)
    back, english = pages[-1], plain[-1]
    (code,), (left,) = ([i for i in p.items if isinstance(i, QR)] for p in (back, english))
    assert left.x + left.side < width / 2 < code.x
    assert code.x + code.side == pytest.approx(width - left.x, abs=0.01)
    lines = [i for i in back.items if isinstance(i, Text) and i.role is not Role.ARTIFACT]
    assert lines and all(_text_extent(t)[1] > width / 2 for t in lines)
