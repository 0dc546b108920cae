"""Schedule text is data (issue 11: items 1, 2, 3, 11, 14 and 15, the parts that are not
refusals; the refusals are corpus cases in ``tests/corpus/``).

- an id never becomes PDF syntax (the contents page's form names are hashes);
- the calendar carries no control character, whatever the id or text held;
- link annotations and QR codes hold the same 7-bit ASCII URL (IRIs punycoded and
  percent-encoded), and URLs without a host or with invisible characters are refused;
- a talk split over many pages keeps every line, once, in order;
- ``{id}`` in ``talk_url`` is filled in percent-encoded;
- every reader's text is cleaned the same way: breaks in single-line fields become spaces,
  default-ignorable characters are dropped, bidi controls are removed with a warning.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import icalendar
import pikepdf
import pytest

from program.build import Settings, build
from program.checks import WARNING, ascii_url, check, safe_url
from program.sources.clean import clean
from program.sources.registry import load_schedule
from program.sources.transform import fill_talk_urls

from pdftools import document_text, normalized, qr_codes, structure_problems, uri_links

PDF_SYNTAX = ") ( / \\ < > [ ] BT ET Tj q Q %%EOF endobj"
INJECTION = "x Do Q BT /F1 30 Tf 50 50 Td (PWNED) Tj ET q /y"


def _yaml(items: str, event: str = "") -> str:
    return f"event:\n  title: Safety\n{event}days:\n  - date: 2024-05-06\n    items:\n{items}"


def _booklet(path: Path, out: Path, **settings) -> Path:
    result = build(str(path), Settings(out_dir=out, products=("booklet",), **settings))
    return result.files[0][0]


# --- item 1: no id becomes a PDF name ---------------------------------------------------


def test_an_id_of_pdf_operators_is_not_drawn_and_the_pdf_stays_sound(write, tmp_path):
    ids = ((9, INJECTION), (10, PDF_SYNTAX), (11, "a)(/\\<>[]%"))
    items = "".join(f"      - time: {h}:00-{h}:30\n        title: Talk {h}\n"
                    f"        id: {json.dumps(i)}\n" for h, i in ids)
    booklet = _booklet(write(_yaml(items)), tmp_path / "out")
    assert structure_problems(booklet) == []
    text = document_text(booklet)
    assert "PWNED" not in text
    assert all(f"Talk {h}" in text for h in (9, 10, 11))
    with pikepdf.open(booklet) as pdf:
        names = {str(k) for page in pdf.pages
                 for k in (page.Resources.get("/XObject") or {}).keys()}
    # (the contents' page numbers are text, resolved in layout: no form, no name at all)
    assert all(re.fullmatch(r"/FormXob\.[0-9a-f]+", n) for n in names), names


# --- item 2: nothing but text reaches the calendar ----------------------------------------


def _frab_json(event: dict) -> str:
    base = {"guid": "g-1", "id": 1, "title": "Opening", "date": "2024-05-06T09:00:00+02:00",
            "start": "09:00", "duration": "00:30", "room": "Saal 1",
            "url": "https://example.org/t/1", "persons": [{"public_name": "Ada Lovelace"}]}
    return json.dumps({"schedule": {"version": "1", "conference": {
        "title": "Safety", "time_zone_name": "Europe/Berlin", "days": [{
            "date": "2024-05-06", "day_start": "2024-05-06T04:00:00+02:00",
            "rooms": {"Saal 1": [{**base, **event}]}}]}}})


def test_a_nul_in_a_json_id_does_not_reach_the_calendar(write, tmp_path):
    path = write(_frab_json({"id": "a\u0000b\u001bc", "guid": "g\u0000-1"}), "nul.json")
    assert [t.id for t in load_schedule(str(path)).talks()] == ["abc"]
    result = build(str(path), Settings(out_dir=tmp_path, products=("ics",)))
    data = result.files[0][0].read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["UID"]).startswith("abc@")


def test_the_calendar_drops_control_characters_even_when_forced(write, tmp_path):
    path = write(_frab_json({"title": "Open\u0007ing", "abstract": "One\u0000two"}), "bel.json")
    assert any("control character" in p.message for p in check(load_schedule(str(path))))
    result = build(str(path), Settings(out_dir=tmp_path, products=("ics",), force=True))
    data = result.files[0][0].read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Opening"
    assert str(event["DESCRIPTION"]).startswith("Onetwo")


# --- item 3: URLs ----------------------------------------------------------------------


@pytest.mark.parametrize("url, expected", [
    ("https://bücher.example/straße", "https://xn--bcher-kva.example/stra%C3%9Fe"),
    ("https://straße.de/", "https://xn--strae-oqa.de/"),  # IDNA 2008: not strasse.de
    ("https://example.org/ä?q=ö#ü", "https://example.org/%C3%A4?q=%C3%B6#%C3%BC"),
    ("https://u:p@bücher.example:8080/x", "https://u:p@xn--bcher-kva.example:8080/x"),
    ("https://Example.ORG/A%20B?x=1", "https://Example.ORG/A%20B?x=1"),  # ASCII: as written
])
def test_ascii_url(url, expected):
    assert ascii_url(url) == expected
    assert ascii_url(expected) == expected
    assert safe_url(url)


@pytest.mark.parametrize("url", [
    "http://:80/", "http://@/", "http://user@/", "https://", "http:///path",
    "https://example.org:port/", "javascript:alert(1)", "https://example.org/a b",
    "https://example.org/\u202egpj.exe", "https://exa\u200bmple.org/", "https://ex.org/\u2066x",
    "https://example.org/\ufeff", "https://example.org/\u00ad", "https://example.org/\ud800",
    "https://ex\u200dample.org/", "http://%20/", "http://./", "http://x..org/", "http://-x.org/",
    "https://example.org/a\x01b", "https://example.org/\x7f", "https://example.org/a\tb",
    "https://example.org/a\nb", "https://example.org/\x1fa", "https://example.org/\x00",
])
def test_unsafe_urls_are_refused(url):
    assert not safe_url(url)
    assert ascii_url(url) is None


def test_links_and_qr_codes_hold_the_same_ascii_url(write, tmp_path):
    iri = "https://bücher.example/straße/ä"
    items = (f"      - time: 9:00-9:30\n        title: Opening talk\n        kind: talk\n"
             f"        url: {iri}\n        links: [{{label: Slides, url: 'https://ex.org/ö'}}]\n")
    booklet = _booklet(write(_yaml(items, "  url: https://bücher.example/\n")), tmp_path)
    uris = uri_links(booklet)
    assert uris and all(u.isascii() for u in uris)
    expected = {"https://xn--bcher-kva.example/stra%C3%9Fe/%C3%A4", "https://ex.org/%C3%B6",
                "https://xn--bcher-kva.example/"}
    assert set(uris) == expected
    assert {text for _, text in qr_codes(booklet)} == expected - {"https://ex.org/%C3%B6"}


def test_every_product_links_in_ascii(write, tmp_path):
    items = ("      - time: 9:00-9:30\n        title: Opening talk\n        kind: talk\n"
             "        url: https://bücher.example/straße\n")
    path = write(_yaml(items, "  url: https://bücher.example/\n"))
    result = build(str(path), Settings(out_dir=tmp_path, products=(
        "booklet", "imposed", "handout", "cards")))
    for pdf, _, _ in result.files:
        uris = uri_links(pdf)
        assert uris, pdf.name
        assert set(uris) <= {"https://xn--bcher-kva.example/stra%C3%9Fe",
                             "https://xn--bcher-kva.example/"}, pdf.name


# --- item 11: a long talk splits over pages, every line once ------------------------------


def test_a_talk_over_many_pages_keeps_every_line_in_order(write, tmp_path):
    words = [f"w{i:05d}" for i in range(6000)]
    paragraphs = [" ".join(words[i:i + 40]) for i in range(0, len(words), 40)]
    abstract = "".join(f"          {p}\n" for p in paragraphs)
    items = ("      - time: 9:00-9:30\n        title: Long talk\n"
             "        url: https://example.org/t/1\n        abstract: |\n" + abstract)
    booklet = _booklet(write(_yaml(items)), tmp_path)
    found = re.findall(r"w\d{5}", document_text(booklet))
    assert found == words


# --- item 14 (talk_url) -------------------------------------------------------------------


def test_talk_url_fills_in_the_id_percent_encoded(write):
    items = ("      - time: 9:00-9:30\n        title: Opening\n        kind: talk\n"
             "        id: 'a b#c/ä'\n")
    path = write(_yaml(items, "  talk_url: https://example.org/talks/{id}\n"))
    (talk,) = fill_talk_urls(load_schedule(str(path))).talks()
    assert talk.url == "https://example.org/talks/a%20b%23c/%C3%A4"
    assert safe_url(talk.url)


# --- item 15: one cleaning for every reader ------------------------------------------------

TITLE = "Deep\tlearning\n\u202etoday\u202c \ufe0fnow\u200b"
CLEAN_TITLE = "Deep learning today now"


def _sources(tmp: Path) -> dict[str, Path]:
    """The same talk in each input format, its title holding a tab, a line break, a bidi
    override and default-ignorable characters."""
    esc = TITLE.replace("\t", "&#9;").replace("\n", "&#10;")
    files = {
        "yaml": _yaml(f"      - time: 9:00-9:30\n        title: {json.dumps(TITLE)}\n"),
        "csv": 'Date,Start,End,Title\n2024-05-06,09:00,09:30,"' + TITLE + '"\n',
        "json": _frab_json({"title": TITLE}),
        "xml": ('<?xml version="1.0" encoding="utf-8"?>\n<schedule><conference><title>Safety'
                '</title></conference><day index="1" date="2024-05-06"><room name="Saal 1">'
                f'<event guid="g-1" id="1"><title>{esc}</title><start>09:00</start>'
                '<duration>00:30</duration></event></room></day></schedule>\n'),
        "ics": ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
                "UID:1@example.org\r\nDTSTART:20240506T090000Z\r\nDTEND:20240506T093000Z\r\n"
                "SUMMARY:" + TITLE.replace("\n", "\\n") + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
        "md": "# Safety\n\n8:30 - 8:40 " + TITLE.replace("\n", " ") + "\n",
    }
    out = {}
    for ext, text in files.items():
        path = tmp / f"clean.{ext}"
        path.write_text(text, encoding="utf-8")
        out[ext] = path
    return out


@pytest.mark.parametrize("fmt", ["yaml", "csv", "json", "xml", "ics", "md"])
def test_every_reader_cleans_text_the_same_way(fmt, tmp_path):
    schedule = load_schedule(str(_sources(tmp_path)[fmt]))
    (talk,) = schedule.talks()
    assert talk.title == CLEAN_TITLE
    warnings = [p for p in check(schedule) if p.severity == WARNING and "bidi" in p.message]
    assert len(warnings) == 1
    (warning,) = warnings
    assert warning.message.startswith(f"{CLEAN_TITLE!r} (")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in warning.message
    assert warning.where is not None and warning.where.file == str(_sources(tmp_path)[fmt])


def test_cleaning_keeps_what_shapes_text_and_the_lines_of_an_abstract():
    from datetime import date, datetime

    from program.model import Day, Event, Kind, Schedule, Talk
    from program.sources.richtext import parse as parse_rich

    talk = Talk(id="t\u200d1", title="می\u200cخواهم 👩\u200d💻", kind=Kind.TALK,
                start=datetime(2024, 5, 6, 9), end=datetime(2024, 5, 6, 9, 30),
                abstract=parse_rich("Line\u00ad one\n\tLine two\ufe0e", "plain"))
    schedule = Schedule(Event("E", date(2024, 5, 6), date(2024, 5, 6)), (),
                        (Day(date(2024, 5, 6), (talk,)),))
    (cleaned,) = clean(schedule).talks()
    assert cleaned.title == talk.title  # joiners choose letter forms: kept
    assert cleaned.abstract.plain() == "Line one\nLine two"  # rich text is cleaned too
    assert cleaned.id == "t1"  # ids keep nothing invisible
    assert clean(clean(schedule)) == clean(schedule)


def test_ignorable_characters_are_not_drawn(write, tmp_path):
    items = ("      - time: 9:00-9:30\n        title: \"Coffee\\ufe0f break\\ufe0e\\u200b\"\n"
             "        kind: break\n")
    booklet = _booklet(write(_yaml(items)), tmp_path)
    text = document_text(booklet)
    assert not re.search("[\ufe0e\ufe0f\u200b]", text)
    assert "Coffee break" in normalized(text)
