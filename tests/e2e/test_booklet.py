"""The seed's booklet, checked as a reader, a printer and a phone would."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from program.build import Settings, build
from program.errors import UserError
from program.sources.transform import fill_talk_urls
from program.sources.yaml_schedule import load

from conftest import DATA
from pdftools import (font_problems, links, metadata, min_font_size, normalized,
                      outline_titles, outside_page, overprinted, page_texts, qr_codes, qr_in,
                      text_in, uri_links)


@pytest.fixture(scope="module")
def booklet(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = build(str(DATA), Settings(out_dir=out, products=("booklet",)))
    (path, size, pages) = result.files[0]
    assert path == out / "mlsys-2019-booklet.pdf" and size > 0 and pages >= 6
    return path


@pytest.fixture(scope="module")
def schedule():
    return fill_talk_urls(load(DATA))  # the schedule as printed (prepare.checked)


def test_every_title_name_and_time_is_in_the_text(booklet, schedule):
    text = normalized(" ".join(page_texts(booklet)))
    for talk in schedule.talks():
        assert normalized(talk.title) in text, talk.title
        for person in talk.speakers:
            assert person.name in text
            if person.affiliation:
                assert person.affiliation in text
    for day in schedule.days:
        for session in day.sessions():
            assert session.title in text
            for chair in session.chairs:
                assert chair.name in text
    for span in ["8:30–8:40", "8:40–9:10", "12:00–1:30", "1:30–1:40", "3:20–3:30", "5:20–5:30"]:
        assert span in text, span


def test_session_pages_read_in_order(booklet, schedule):
    """On the session pages the talks appear in schedule order."""
    texts = page_texts(booklet)
    start = next(i for i, t in enumerate(texts) if "Session 1" in t and "Chair" in t)
    body = normalized(" ".join(texts[start:]))
    cursor = 0
    for talk in schedule.talks():  # each title found after the previous one
        found = body.find(normalized(talk.title), cursor)
        assert found >= cursor, talk.title
        cursor = found + 1


def test_every_qr_code_decodes_to_its_talk_url(booklet, schedule):
    found = qr_codes(booklet, dpi=150)
    expected = {t.url for t in schedule.talks() if t.url} | {schedule.event.url}
    assert {text for _, text in found} == expected
    # one code per talk; the website's on the front cover and on the back cover
    assert len(found) == len(expected) + 1
    assert [text for _, text in found].count(schedule.event.url) == 2


def test_links_outline_and_metadata(booklet, schedule):
    uris = set(uri_links(booklet))
    assert {t.url for t in schedule.talks() if t.url} <= uris
    outline = outline_titles(booklet)
    assert (0, "Contents") in outline
    assert any(depth == 1 and title == "Systems Bonanza" for depth, title in outline)
    meta = metadata(booklet)
    assert meta["/Title"] == schedule.event.title
    assert meta["/Lang"] == "en"
    assert "Programme" in meta["/Subject"]


def test_every_link_sits_on_what_it_links(booklet, schedule):
    """A link covers text (a contents line, a grid cell, a title, an index page number) or
    the QR code of its own URL: never an empty or wrong part of the page. (Links placed in a
    flowable's own coordinates once landed near the page's corner.)"""
    titles = {t.id: t for t in schedule.talks()}
    found = links(booklet)
    assert len(found) > 40
    qr_links = 0
    for link in found:
        text = normalized(text_in(booklet, link.page, link.rect))
        if text:
            continue
        assert link.uri is not None, f"internal link over no text on page {link.page + 1}"
        assert qr_in(booklet, link.page, link.rect) == [link.uri]
        qr_links += 1
    assert qr_links == len({t.url for t in titles.values() if t.url}) + 2  # + the website, twice
    # a grid cell or contents line leads to the page that has what it names
    pages = page_texts(booklet)
    grid_pages = [i for i, text in enumerate(pages) if "at a glance" in text]
    checked = 0
    for link in (x for x in found if x.page in grid_pages and x.uri is None):
        cell = normalized(text_in(booklet, link.page, link.rect))
        title = re.sub(r"^[\d:–apm ]+|\s*\d+$", "", cell).split(" · ")[0][:10]  # title only
        assert title and title in normalized(pages[link.target_page]), (cell, link.target_page)
        checked += 1
    assert checked >= len(titles)


def test_fonts_embedded_nothing_off_page_nothing_overprinted(booklet):
    assert font_problems(booklet) == []
    assert outside_page(booklet) == []
    assert overprinted(booklet) == []
    assert min_font_size(booklet) >= 6.0


def test_rebuild_is_byte_identical(booklet, tmp_path):
    again = build(str(DATA), Settings(out_dir=tmp_path, products=("booklet",)))
    assert again.files[0][0].read_bytes() == booklet.read_bytes()


def test_failed_build_keeps_the_previous_pdf(tmp_path, booklet):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "sched-booklet.pdf"
    shutil.copy(booklet, target)
    before = target.read_bytes()
    bad = tmp_path / "sched.yaml"
    bad.write_text(DATA.read_text().replace("title: Lunch", "title: [Lunch"))
    with pytest.raises(UserError):
        build(str(bad), Settings(out_dir=out))
    assert target.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["sched-booklet.pdf"]


def test_schedule_text_is_escaped_not_markup(tmp_path):
    src = tmp_path / "esc.yaml"
    src.write_text('event: {title: "<T> & a<b"}\ndays:\n  - date: 2024-01-01\n    items:\n'
                   '      - {time: 9:00-10:00, title: "<b>not bold</b> & <T>", kind: talk, '
                   'speakers: "A <B>, C & D", abstract: "x < y > z & <T> \\\\&amp;"}\n', encoding="utf-8")
    result = build(str(src), Settings(out_dir=tmp_path, products=("booklet",)))
    text = normalized(" ".join(page_texts(result.files[0][0])))
    assert "<b>not bold</b> & <T>" in text
    assert "<T> & a<b" in text
    assert "x < y > z & <T> &amp;" in text  # (abstracts are Markdown: a backslash-escaped & is literal)


def test_cjk_and_other_scripts_use_the_fallback(tmp_path):
    src = tmp_path / "intl.yaml"
    src.write_text('event: {title: "国際ワークショップ Ελληνικά"}\ndays:\n  - date: 2024-01-01\n'
                   '    items:\n      - {time: 9:00-10:00, title: "深層学習の基礎 — Ünïcödé", '
                   'kind: talk, speakers: "王小明, 北京大学"}\n', encoding="utf-8")
    result = build(str(src), Settings(out_dir=tmp_path, products=("booklet",)))
    pdf = result.files[0][0]
    text = normalized(" ".join(page_texts(pdf)))
    assert "深層学習の基礎 — Ünïcödé" in text and "王小明" in text
    assert "\ufffd" not in text
    assert font_problems(pdf) == []


def test_cli_build_writes_the_booklet(tmp_path):
    result = subprocess.run([sys.executable, "-m", "program", "build", str(DATA), "-o", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert re.search(r"wrote .*mlsys-2019-booklet\.pdf \(\d+ pages", result.stdout)


def test_build_refuses_errors_unless_forced(tmp_path, capsys):
    from program.cli import main

    src = tmp_path / "bad.yaml"
    src.write_text("event: {title: T}\nrooms: [{id: a, name: A}]\ndays:\n  - date: 2024-01-01\n"
                   "    items:\n      - {time: 9:00-10:00, title: A, kind: talk, room: b,"
                   " url: 'javascript:alert(1)'}\n")
    assert main(["build", str(src), "-o", str(tmp_path)]) == 2  # it would print a false room
    assert not list(tmp_path.glob("*.pdf"))
    err = capsys.readouterr().err
    assert "error: 'A' (09:00): room 'b' is not declared" in err
    assert "warning: 'A' (09:00): url 'javascript:alert(1)' is not an http(s) URL: left out" in err
    assert main(["build", str(src), "-o", str(tmp_path), "--force"]) == 0
    pdf = tmp_path / "bad-booklet.pdf"
    assert "javascript" not in " ".join(uri_links(pdf))  # left out by the prepare step
    assert qr_codes(pdf) == []
