"""Name badges laid out as frames (program.layout.badges, program.layout.stock): geometry of
every stock preset, backs behind fronts, the safe margin, names never cut."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from program.errors import UserError
from program.fonts import visual, width as text_width
from program.layout.badges import (SAFE, BadgeOptions, badge_front, badge_pages,
                                   calibration_pages, fit_name, personal_schedule, qr_text)
from program.layout.frames import QR, Box, Picture, Place, Rule, Text
from program.layout.paper import A4, LETTER, inch, mm
from program.layout.stock import PRESETS, stock_for
from program.model import Attendee, Day, Event, Kind, Room, Schedule, Session, Talk
from program.sources.yaml_schedule import load

from conftest import DATA

#: The stock geometry as issue 16 gives it (sheet, label w x h, cols x rows, first cut
#: left/top, pitch), in the issue's own units: the presets table is checked against this.
IN, MM = inch, mm
SPEC = {
    "avery-5392": (LETTER, 4 * IN, 3 * IN, 2, 3, 0.25 * IN, 1 * IN, 4 * IN, 3 * IN),
    "avery-5395": (LETTER, 3.375 * IN, 2.333 * IN, 2, 4, 0.6875 * IN, 0.5833 * IN, 3.75 * IN, 2.5 * IN),
    "avery-8395": (LETTER, 3.375 * IN, 2.333 * IN, 2, 4, 0.6875 * IN, 0.5833 * IN, 3.75 * IN, 2.5 * IN),
    "avery-l4785": (A4, 80 * MM, 50 * MM, 2, 5, 18 * MM, 13 * MM, 95 * MM, 55 * MM),
    "herma-4412": (A4, 80 * MM, 50 * MM, 2, 5, 17.5 * MM, 13.5 * MM, 95 * MM, 55 * MM),
    "durable-1445": (A4, 90 * MM, 54 * MM, 2, 5, None, None, 90 * MM, 54 * MM),
    "a6-4up": (A4, 105 * MM, 148 * MM, 2, 2, None, None, 105 * MM, 148 * MM),
    "a7-8up": (A4, 105 * MM, 74 * MM, 2, 4, None, None, 105 * MM, 74 * MM),
}
TOL = 0.1 * mm
LONG_NAMES = [
    "Maximilian Alexander Wolfeschlegelsteinhausenbergerdorff",
    "María José García-López de la Cruz y Fernández de Córdoba",
    "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Sr.",
    "Nguyễn Thị Minh Khai",
    "Oluwaseun Adebayo-Okonkwo-Nwachukwu",
    "王小明", "欧阳娜娜", "佐々木健太郎", "김민준",
    "فاطمة الزهراء بن عبد الله",
    "יעל כהן-לוי",
    "Srinivasaraghavan Venkataramanarayanaswamy",
    "Pablo Diego José Francisco de Paula Juan Nepomuceno María de los Remedios Cipriano de la Santísima Trinidad Ruiz y Picasso",
    "Maximiliane Wolfeschlegelsteinhausenbergerdorff",
    "Александра Владимировна Константинопольская",  # Cyrillic
    "Αικατερίνη Παπαδημητροπούλου",  # Greek
    "محمد عبد الرحمن الهاشمي",
    "田中美智子",
]


def _attendees(n: int) -> tuple[Attendee, ...]:
    return tuple(Attendee(LONG_NAMES[i % len(LONG_NAMES)], "Universität Example", "they/them",
                          ("speaker", "organizer", "volunteer", "attendee", "press")[i % 5],
                          f"A{i:04d}", None) for i in range(n))


def _places(page, prefix):
    return [p for p in page.items if isinstance(p, Place) and p.form.name.startswith(prefix)]


@pytest.mark.parametrize("name", sorted(SPEC))
def test_every_cell_of_every_preset_is_where_the_template_says(name):
    sheet, w, h, cols, rows, left, top, px, py = SPEC[name]
    stock = PRESETS[name]
    assert stock.source and stock.sheet == sheet
    if left is None:  # centred on the sheet
        left, top = (sheet[0] - (cols - 1) * px - w) / 2, (sheet[1] - (rows - 1) * py - h) / 2
    expected = [(left + i * px, sheet[1] - top - j * py - h) for j in range(rows) for i in range(cols)]
    seed = load(DATA)
    pages = list(badge_pages(seed, _attendees(cols * rows), BadgeOptions(stock)))
    assert len(pages) == 2
    fronts = _places(pages[0], "badge")
    assert len(fronts) == cols * rows
    for place, (x, y) in zip(fronts, expected):
        assert abs(place.x - x) < TOL and abs(place.y - y) < TOL
        bbox = place.form.bbox
        assert abs(bbox[2] - w) < TOL and abs(bbox[3] - h) < TOL
        # every cut on the sheet
        assert -TOL <= place.x and place.x + w <= sheet[0] + TOL
        assert -TOL <= place.y and place.y + h <= sheet[1] + TOL
    backs = _places(pages[1], "badge-back")
    assert len(backs) == len(fronts)
    for front, back in zip(fronts, backs):
        assert abs(back.x - (sheet[0] - front.x - w)) < 1e-6 and back.y == front.y
        # turned over the long (vertical) edge, the back's box lands on the front's
        turned = (sheet[0] - back.x - w, back.y)
        assert abs(turned[0] - front.x) < 1e-6 and abs(turned[1] - front.y) < 1e-6


def test_short_edge_flip_mirrors_rows_and_offset_moves_backs():
    stock = PRESETS["herma-4412"]
    seed = load(DATA)
    pages = list(badge_pages(seed, _attendees(10), BadgeOptions(stock, flip="short",
                                                                offset=(1.5, -0.5))))
    sheet_h = stock.sheet[1]
    h = stock.label[1]
    for front, back in zip(_places(pages[0], "badge"), _places(pages[1], "badge-back")):
        assert abs(back.x - 1.5 * mm - front.x) < 1e-6
        assert abs(back.y + 0.5 * mm - (sheet_h - front.y - h)) < 1e-6


def test_plain_card_sizes_are_imposed_with_crop_marks_and_mirror_on_their_sheet():
    stock = stock_for("4x3in", "letter")
    assert stock.crop_marks and stock.label == (4 * inch, 3 * inch)
    seed = load(DATA)
    front, back = list(badge_pages(seed, _attendees(stock.per_sheet), BadgeOptions(stock)))
    assert [i for i in front.items if isinstance(i, Rule)]
    w, h = stock.label
    W, H = stock.sheet
    fronts = {(round(p.x, 6), round(p.y, 6)) for p in _places(front, "badge")}
    for p in _places(back, "badge-back"):  # every back lies on a cell of the sheet
        x, y = (W - p.x - w, p.y) if W <= H else (p.x, H - p.y - h)
        assert (round(x, 6), round(y, 6)) in fronts
    with pytest.raises(UserError, match="unknown badge stock"):
        stock_for("avery-9999")


def _extent(item):
    """(x0, y0, x1, y1) of what an item draws."""
    if isinstance(item, Text):
        width = sum(text_width(t, f, item.size) for t, f, _ in item.runs)
        return item.x, item.baseline - 0.3 * item.size, item.x + width, item.baseline + 0.8 * item.size
    if isinstance(item, (Box, Picture)):
        return item.x, item.y, item.x + item.w, item.y + item.h
    if isinstance(item, QR):
        return item.x, item.y, item.x + item.side, item.y + item.side
    if isinstance(item, Rule):
        return min(item.x0, item.x1), min(item.y0, item.y1), max(item.x0, item.x1), max(item.y0, item.y1)
    raise AssertionError(item)


@pytest.mark.parametrize("name", sorted(PRESETS) + ["4x3in", "a6"])
def test_fronts_and_backs_keep_their_content_3mm_inside_the_cut(name):
    stock = stock_for(name)
    seed = load(DATA)
    pages = list(badge_pages(seed, _attendees(stock.per_sheet), BadgeOptions(stock, qr="id")))
    forms = {p.form.name: p.form for page in pages for p in page.items if isinstance(p, Place)}
    for form in forms.values():
        _, _, w, h = form.bbox
        for item in form.items:
            x0, y0, x1, y1 = _extent(item)
            assert x0 >= SAFE - 0.01 and y0 >= SAFE - 0.01, (name, form.name, item)
            assert x1 <= w - SAFE + 0.01 and y1 <= h - SAFE + 0.01, (name, form.name, item)


@pytest.mark.parametrize("name", LONG_NAMES)
@pytest.mark.parametrize("box", [(80 * mm, 50 * mm), (3.375 * inch, 2.333 * inch), (105 * mm, 148 * mm)])
def test_names_are_never_cut(name, box):
    width, height = box[0] - 2 * SAFE, 0.3 * box[1]
    fitted = fit_name(name, width, height, 36.0)
    text = "".join(t for line in fitted.lines for t, _, _ in line.runs)
    assert "".join(text.split()) == "".join(name.split())  # every character, no "…"
    assert all(line.width <= width + 0.01 for line in fitted.lines)
    assert fitted.height <= height + 0.1
    if not any(c.isspace() for c in name) or visual(name) != name:
        assert len(fitted.lines) == 1  # CJK not broken between characters; RTL on one line


def test_front_shows_name_role_pronouns_affiliation_and_qr():
    who = Attendee("Ada Lovelace", "Analytical Engines", "she/her", "speaker", "A-1",
                   "ada@example.org")
    front = badge_front(who, (4 * inch, 3 * inch), "Workshop", "#b3261e", None, "vcard")
    text = [i.text for i in front.items if isinstance(i, Text)]
    assert {"Ada Lovelace", "SPEAKER", "she/her", "Analytical Engines", "Workshop"} <= set(text)
    (code,) = [i for i in front.items if isinstance(i, QR)]
    assert code.alt == "vCard"
    assert "FN:Ada Lovelace" in qr_text(who, "vcard") and qr_text(who, "id") == "A-1"
    band = [i for i in front.items if isinstance(i, Box)]
    assert band[0].fill == "#b3261e"


def _two_rooms() -> Schedule:
    d = date(2025, 5, 6)

    def at(h, m=0):
        return datetime(2025, 5, 6, h, m)

    talk = Talk("t-rust", "Rust in the kernel", Kind.TALK, at(10), at(10, 30), "a", track="Systems")
    entries = (
        Talk("open", "Opening", Kind.REMARKS, at(9), at(9, 30)),
        Session("s-sys", "Systems", at(10), at(11), (talk,), room="a"),
        Session("s-ml", "Learning", at(10), at(11), (Talk("t-ml", "Deep nets", Kind.TALK, at(10), at(10, 30), "b"),), room="b"),
        Talk("lunch", "Lunch", Kind.MEAL, at(12), at(13)),
        Talk("w1", "Soldering workshop", Kind.WORKSHOP, at(14), at(16), "a"),
        Talk("w2", "Knitting workshop", Kind.WORKSHOP, at(14), at(16), "b"),
    )
    return Schedule(Event("Conf", d, d), (Room("a", "Hall A"), Room("b", "Hall B")),
                    (Day(d, entries),))


def test_personal_backs_keep_the_plenary_programme_and_the_attendees_own_sessions():
    mine, missing = personal_schedule(_two_rooms(), ("Systems", "knitting workshop", "Nope"))
    ids = [e.id for e in mine.days[0].entries]
    assert ids == ["open", "s-sys", "lunch", "w2"]
    assert missing == ("Nope",)
    by_id, _ = personal_schedule(_two_rooms(), ("t-ml",))
    assert [e.id for e in by_id.days[0].entries] == ["open", "s-ml", "lunch"]
    people = (Attendee("A", sessions=("w1",)), Attendee("B", sessions=("w2",)), Attendee("C"))
    warnings: list[str] = []
    pages = list(badge_pages(_two_rooms(), people, BadgeOptions(PRESETS["avery-5392"], personal=True), warnings))
    backs = [p.form for p in _places(pages[1], "b")]
    texts = [" ".join(i.text for i in f.items if isinstance(i, Text)) for f in backs]
    assert "Soldering" in texts[0] and "Knitting" not in texts[0]
    assert "Knitting" in texts[1] and "Soldering" not in texts[1]
    assert "Soldering" in texts[2] and "Knitting" in texts[2]  # no list: the whole programme


def test_fold_puts_the_back_turned_above_a_dashed_fold_line_on_one_side():
    stock = stock_for("4x6in", "letter")
    seed = load(DATA)
    pages = list(badge_pages(seed, _attendees(stock.per_sheet), BadgeOptions(stock, fold=True)))
    assert len(pages) == 1
    page = pages[0]
    w, h = stock.label
    fronts, backs = _places(page, "badge"), _places(page, "badge-back")
    fronts = [p for p in fronts if p not in backs]
    assert len(fronts) == len(backs) == stock.per_sheet
    for front, back in zip(fronts, backs):
        assert front.form.bbox == (0, 0, w, h / 2) and back.rotation == 180.0
        assert (back.x, back.y) == (front.x + w, front.y + h)
    folds = [r for r in page.items if isinstance(r, Rule) and r.dash]
    assert len(folds) == stock.per_sheet


def test_calibration_sheet_has_crosses_behind_scales():
    stock = PRESETS["avery-l4785"]
    front, back = calibration_pages(stock)
    assert "--offset" in " ".join(i.text for i in back.items if isinstance(i, Text))
    outlines = [b for b in front.items if isinstance(b, Box)]
    assert [(b.x, b.y) for b in outlines] == list(stock.cells())


def test_sheets_are_made_one_at_a_time_and_multi_day_backs_show_the_first_day():
    import types

    seed = load(DATA)
    day = seed.days[0]

    def later(e):
        return replace(e, start=e.start + timedelta(days=1), end=e.end + timedelta(days=1))

    day2 = Day(day.date + timedelta(days=1), tuple(
        replace(later(e), id=e.id + "-2", items=tuple(replace(later(t), id=t.id + "-2") for t in e.items))
        if isinstance(e, Session) else replace(later(e), id=e.id + "-2") for e in day.entries))
    two = replace(seed, days=(day, day2), event=replace(seed.event, end_date=day2.date))
    options = BadgeOptions(stock_for("herma-4412"), personal=True)
    pages = badge_pages(two, _attendees(3), options)
    assert isinstance(pages, types.GeneratorType)  # streamed, never a list of every sheet
    warnings: list[str] = []
    sheets = list(badge_pages(two, (Attendee("A", sessions=("Session 2",)),), options, warnings))
    assert any("the backs show Fri 13 Dec only; left off: Sat 14 Dec" in w for w in warnings)
    back = _places(sheets[1], "b")[0].form
    assert back.inline  # a personal back, drawn in place
    text = " ".join(i.text for i in back.items if isinstance(i, Text))
    assert "Fri 13 Dec" in text and "Sat 14 Dec" not in text


@pytest.mark.parametrize("stock", sorted(PRESETS) + ["4x3in", "4x6in", "a6"])
def test_held_names_fit_every_presets_front_whole(stock):
    """Every name of the held list on each stock's front: the name's text whole (no "…", no
    character left out), every line inside the cell's safe area."""
    from program.fonts import missing_glyphs

    w, h = stock_for(stock).label
    for name in LONG_NAMES:
        if missing_glyphs(name):  # (Hangul: no bundled font; the next test's blank badge)
            continue
        who = Attendee(name, "Universität Example", "they/them", "speaker", "A-1")
        front = badge_front(who, (w, h), "Workshop", "#b3261e", None, "id")
        texts = [i for i in front.items if isinstance(i, Text)]
        shown = "".join("".join(i.text.split()) for i in texts)
        assert "".join(visual(name).split()) in shown, (stock, name)  # (as shaped, bidi)
        assert not front.shortened or all(name not in s for s in front.shortened)
        for item in texts:
            x0, y0, x1, y1 = _extent(item)
            assert x0 >= SAFE - 0.01 and x1 <= w - SAFE + 0.01, (stock, name, item.text)
            assert y0 >= SAFE - 0.01 and y1 <= h - SAFE + 0.01, (stock, name, item.text)


def test_a_script_no_font_draws_leaves_the_name_blank_with_a_warning():
    from program.badges import drawable
    from program.model import Where

    people = (Attendee("अमिताभ बच्चन", "भारतीय विज्ञान संस्थान", None, "attendee",
                       where=Where("people.csv", 3)),
              Attendee("Дмитрий Шостакович", None, None, "attendee", where=Where("people.csv", 4)),
              Attendee("김민준", "Seoul", None, "attendee", where=Where("people.csv", 5)))
    shown, warnings = drawable(people)
    assert (shown[0].name, shown[0].affiliation) == ("", None)
    assert shown[1] == people[1]  # Cyrillic is drawn
    assert (shown[2].name, shown[2].affiliation) == ("", "Seoul")
    assert [w.split(": warning:")[0] for w in warnings] == ["people.csv:3"] * 2 + ["people.csv:5"]
    assert "Devanagari" in warnings[0] and "blank to write by hand" in warnings[0]
    assert "Hangul" in warnings[2]
