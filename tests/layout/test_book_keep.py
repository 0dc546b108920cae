"""Keep-together on the booklet's session pages, asserted on its frames: a session header is
followed by its first talk on the same page, a talk is split only when it is taller than a
page, and its continuation says "(continued)"; a day's grid in parts begins on a left page."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bench import synthetic
from program.layout.book import booklet_pages
from program.layout.frames import Anchor, Text
from program.model import Session
from program.options import Options
from program.sources.richtext import parse
from program.sources.yaml_schedule import loads

OPTIONS = Options(paper="a5", clock="24h", qr=True, jobs=1)


def anchors_by_page(pages):
    return [{i.name for i in page.items if isinstance(i, Anchor)} for page in pages]


def printed(schedule):
    """``schedule`` as the build prints it (talk URLs filled from the event's template)."""
    from program.build import resolve
    from program.options import Settings

    done = resolve(schedule, Settings(paper="a5", clock="24h", jobs=1))
    return done.schedule, booklet_pages(done.schedule, done.options)[0]


@pytest.fixture(scope="module")
def conference():
    return printed(loads(synthetic.generate("conference"), "conference.yaml"))


def test_a_session_header_is_followed_by_its_first_talk_on_the_same_page(conference):
    schedule, pages = conference
    where = {name: n for n, names in enumerate(anchors_by_page(pages)) for name in names}
    sessions = [e for day in schedule.days for e in day.entries
                if isinstance(e, Session) and e.items]
    assert sessions
    for session in sessions:
        assert where["session-" + session.id] == where["talk-" + session.items[0].id], \
            session.title


def test_a_grid_in_parts_begins_on_a_left_page(conference):
    _, pages = conference
    where = {name: n + 1 for n, names in enumerate(anchors_by_page(pages)) for name in names}
    for day in conference[0].days:
        assert where["glance-" + day.date.isoformat()] % 2 == 0  # an even page: the left


def test_only_a_talk_taller_than_a_page_is_split_and_its_continuation_says_so():
    schedule = loads(synthetic.generate("workshop"), "workshop.yaml")
    long_text = parse("\n\n".join(["A paragraph of a very long abstract. " * 12] * 30),
                      syntax="markdown")
    day = schedule.days[0]
    session = next(e for e in day.entries if isinstance(e, Session) and len(e.items) > 1)
    talk = replace(session.items[1], abstract=long_text)
    entries = tuple(replace(e, items=(e.items[0], talk) + e.items[2:]) if e is session else e
                    for e in day.entries)
    schedule = replace(schedule, days=(replace(day, entries=entries),) + schedule.days[1:])
    schedule, pages = printed(schedule)
    texts = ["\n".join(i.text for i in p.items if isinstance(i, Text)) for p in pages]
    continued = [t for t in texts if f"{talk.title[:20]}" in t and "(continued)" in t]
    assert continued  # the long talk runs over pages, each continuation headed so
    lines = [line for t in texts for line in t.splitlines() if line.endswith("(continued)")]
    assert lines and all(line.startswith(talk.title[:20]) for line in lines)  # no other talk


def test_qr_codes_have_one_printed_size_of_at_least_15_mm(conference):
    from program.layout.frames import QR
    from program.layout.paper import mm

    _, pages = conference
    sides = {round(i.side, 3) for page in pages[2:] for i in page.items if isinstance(i, QR)
             if i.alt != f"QR code: link to {conference[0].event.title}"}  # not the cover's
    assert len(sides) == 1 and min(sides) >= 15 * mm


def test_the_booklet_is_a_multiple_of_4_pages_ending_with_a_back_cover(conference):
    from program.layout.frames import QR

    schedule, pages = conference
    assert len(pages) % 4 == 0
    last = pages[-1]
    texts = [i.text for i in last.items if isinstance(i, Text)]
    assert schedule.event.title in " ".join(texts) and "Speakers and chairs" not in texts
    assert [i.alt for i in last.items if isinstance(i, QR)] == [
        f"QR code: link to {schedule.event.title}"]
    index_pages = [p for p in pages if "index" in {i.name for i in p.items if isinstance(i, Anchor)}]
    assert index_pages and index_pages[0] is not last


#: Words of the generated long abstract (none is in the synthetic schedule's own text).
WORDS = ("quire", "folio", "verso", "recto", "gutter", "kerning", "ligature", "colophon",
         "signature", "imposition", "letterpress", "typographer")


def long_abstract_pages():
    """The booklet of the workshop with one talk given an abstract of many paragraphs, one
    to seven lines long (``Pnn`` starts paragraph nn): page breaks fall inside paragraphs of
    every length. Returns the pages and the paragraphs' word counts."""
    schedule = loads(synthetic.generate("workshop"), "workshop.yaml")
    counts = [3 + (n * 17) % 70 for n in range(48)]
    text = "\n\n".join(f"P{n:02d} " + " ".join(WORDS[(n + i) % len(WORDS)]
                                               for i in range(count))
                       for n, count in enumerate(counts))
    day = schedule.days[0]
    session = next(e for e in day.entries if isinstance(e, Session) and len(e.items) > 1)
    talk = replace(session.items[1], abstract=parse(text, syntax="markdown"))
    entries = tuple(replace(e, items=(e.items[0], talk) + e.items[2:]) if e is session else e
                    for e in day.entries)
    schedule = replace(schedule, days=(replace(day, entries=entries),) + schedule.days[1:])
    return printed(schedule)[1], counts


def abstract_lines(pages):
    """(page number, paragraph number, line text) of every line of the long abstract, in
    reading order (a line of ``WORDS`` belongs to the last paragraph begun)."""
    vocabulary = set(WORDS)
    out, para = [], None
    for n, page in enumerate(pages):
        lines = sorted((i for i in page.items if isinstance(i, Text)),
                       key=lambda t: (-t.baseline, t.x))
        for line in lines:
            words = line.text.split()
            if words and words[0][:1] == "P" and words[0][1:].isdigit():
                para, words = int(words[0][1:]), words[1:]
            elif not words or not set(words) <= vocabulary:
                continue
            if para is not None:
                out.append((n, para, line.text))
    return out


def test_no_paragraph_leaves_one_line_alone_at_the_foot_or_head_of_a_page():
    pages, counts = long_abstract_pages()
    lines = abstract_lines(pages)
    assert {para for _, para, _ in lines} == set(range(len(counts)))  # every paragraph
    per_page: dict[int, dict[int, int]] = {}
    for page, para, _ in lines:
        per_page.setdefault(para, {}).setdefault(page, 0)
        per_page[para][page] += 1
    split = {para: pages_ for para, pages_ in per_page.items() if len(pages_) > 1}
    assert split  # the abstract runs over pages, and breaks fall inside paragraphs
    for para, on_pages in split.items():
        assert min(on_pages.values()) >= 2, (para, on_pages)


def test_no_paragraph_of_several_lines_ends_in_a_line_of_one_word():
    pages, counts = long_abstract_pages()
    by_para: dict[int, list[str]] = {}
    for _, para, text in abstract_lines(pages):
        by_para.setdefault(para, []).append(text)
    several = {p: ls for p, ls in by_para.items() if len(ls) > 1}
    assert several
    for para, texts in several.items():
        assert len(texts[-1].split()) >= 2, (para, texts[-1])
    # every word is still printed, in order
    for para, texts in by_para.items():
        assert len(" ".join(texts).split()) == counts[para] + 1
