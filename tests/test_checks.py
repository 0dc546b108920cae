"""program check: each kind of problem, with the line it is reported at."""
import pytest

from program.checks import ERROR, WARNING, safe_url
from program.prepare import checked
from program.sources.yaml_schedule import loads

HEAD = """\
event:
  title: Conf
rooms: [A, B]
days:
  - date: 2024-05-06
    items:
"""


def problems(items: str, head: str = HEAD):
    return checked(loads(head + items, "s.yaml"))[1]  # the checks' and prepare's


def only(found, severity):
    return [(p.where.line if p.where else None, p.message) for p in found if p.severity == severity]


def test_clean_schedule_has_no_problems():
    found = problems("      - {time: 9:00-10:00, title: Welcome, room: A}\n"
                     "      - {time: 9:00-10:00, title: Also welcome, room: B, kind: remarks}\n")
    assert found == []


def test_end_before_start_is_left_to_the_prepare_step():
    """The prepare step mends it with a warning (tests/test_prepare.py), so a real export with
    one typo builds; the checks do not refuse it."""
    assert only(problems("      - {time: 10:00-9:00, title: Backwards, room: A, kind: remarks}\n"),
                ERROR) == []


def test_item_outside_its_session():
    found = problems("""\
      - session: S
        room: A
        time: 9:00-10:00
        talks:
          - {time: 9:30-10:30, title: Too long, kind: remarks}
""")
    (p,) = only(found, ERROR)
    assert p[0] == 11 and "outside its session" in p[1]


def test_overlap_in_one_room_and_plenary():
    found = problems("""\
      - {time: 9:00-10:00, title: First, room: A, kind: remarks}
      - {time: 9:30-10:30, title: Second, room: A, kind: remarks}
      - {time: 9:30-10:30, title: Other room, room: B, kind: remarks}
      - {time: 10:15-11:00, title: Lunch}
""")
    assert only(found, ERROR) == []  # planned overlaps are real: a warning, printed side by side
    errors = [(line, msg) for line, msg in only(found, WARNING) if "overlaps" in msg]
    assert (8, "'Second' (09:30) overlaps 'First' (09:00) in room 'A': they share the column "
               "side by side, marked as overlapping") in errors
    assert any(line == 10 and "Lunch" in msg and "Second" in msg for line, msg in errors)
    assert any(line == 10 and "Lunch" in msg and "Other room" in msg for line, msg in errors)
    assert not any("Other room" in msg and "First" in msg for _, msg in errors)


def test_duplicate_ids():
    found = problems("""\
      - {time: 9:00-10:00, title: One, id: t1, room: A, kind: remarks}
      - {time: 10:00-11:00, title: Two, id: t1, room: A, kind: remarks}
""")
    assert only(found, ERROR) == []
    ((line, message),) = [w for w in only(found, WARNING) if "repeated id" in w[1]]
    assert line == 8 and "'t1' (line 8) 'Two' (10:00) -> 't1-" in message


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x",
                                 "ftp://example.org", "http://"])
def test_unsafe_urls_are_left_out_with_a_warning(url):
    found = problems(f"      - {{time: 9:00-10:00, title: T, room: A, url: \"{url}\"}}\n")
    assert only(found, ERROR) == []
    (p,) = [w for w in only(found, WARNING) if "http(s)" in w[1]]
    assert "is not an http(s) URL: left out" in p[1] and p[0] == 7
    assert not safe_url(url)


def test_undeclared_room():
    (p,) = only(problems("      - {time: 9:00-10:00, title: T, room: C, kind: remarks}\n"), ERROR)
    assert "room 'C' is not declared" in p[1]


def test_day_with_no_items():
    found = problems("      []\n".replace("      []", ""), HEAD.replace("    items:\n", "    items: []\n"))
    assert only(found, ERROR) == [(2, "the schedule has no items to print")]
    assert only(found, WARNING) == []  # the error says it all (a day beside others: prepare)


def test_warnings():
    found = problems("""\
      - {time: 9:00-10:00, title: A talk, room: A}
      - session: Lightning
        room: A
        time: 11:00-12:00
        each: 10min
        talks:
          - {title: One}
          - {title: Two}
""")
    warnings = only(found, WARNING)
    assert (7, "'A talk' (09:00) has no url, so it gets no QR code") in warnings
    assert any(line == 8 and "leave 40 min" in msg for line, msg in warnings)
    assert any(line == 8 and "gap of 60 min" in msg for line, msg in warnings) or \
        any("gap of 60 min" in msg for _, msg in warnings)
    assert only(found, ERROR) == []


def test_bad_timezone():
    found = problems("      - {time: 9:00-10:00, title: T, room: A, kind: remarks}\n",
                     HEAD.replace("title: Conf", "title: Conf\n  timezone: Mars/Olympus"))
    assert any("unknown time zone" in m for _, m in only(found, ERROR))


def test_each_printed_text_with_a_control_character_or_an_undrawable_one_is_reported():
    from dataclasses import replace

    from program.checks import text_checks

    schedule = loads(HEAD + "".join(
        f"      - {{time: {9 + i}:00-{9 + i}:30, title: {title!r}, room: A, kind: remarks,\n"
        f"         abstract: {abstract!r}}}\n" for i, (title, abstract) in enumerate([
            ("Plain", "Words — and ×, Ünïcødé, emoji \U0001F60E, maths ≥."),
            ("Om \u0F00", "Two \u0F00\u0F01 undrawn"),
            ("Fine", "fine"), ("Ctl", "text"), ("Last \u0F00", "ok")])), "s.yaml")
    day = schedule.days[0]
    talks = list(day.entries)
    talks[3] = replace(talks[3], title="Ctl\x01here \u0F00")  # (no YAML carries it)
    found = text_checks(replace(schedule, days=(replace(day, entries=tuple(talks)),)))
    assert [(p.severity, p.where, p.message[:32]) for p in found] == [
        (WARNING, talks[1].where, "U+0F00 TIBETAN SYLLABLE OM in 'O"),
        (WARNING, talks[1].where, "U+0F00 TIBETAN SYLLABLE OM, U+0F"),
        (ERROR, talks[3].where, "control character U+0001 in 'Ctl"),
        (WARNING, talks[4].where, "U+0F00 TIBETAN SYLLABLE OM in 'L")]
    assert text_checks(replace(schedule, days=(replace(day, entries=(day.entries[0],)),))) == []
