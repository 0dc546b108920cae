"""The YAML schedule format: what it accepts, and one clear located error for each mistake."""
import time
from datetime import datetime

import pytest

from program.errors import UserError
from program.model import Kind, Person
from program.sources.transform import fill_talk_urls
from program.sources.yaml_schedule import load, loads

MINIMAL = """\
event:
  title: Test Workshop
days:
  - date: 2024-05-06
    items:
      - time: 9:00-9:30
        title: Opening
"""


def error_of(write, content, name="schedule.yaml") -> UserError:
    path = write(content, name)
    with pytest.raises(UserError) as info:
        load(path)
    return info.value


def test_minimal_schedule_loads():
    s = loads(MINIMAL)
    (talk,) = list(s.talks())
    assert talk.title == "Opening"
    assert talk.start == datetime(2024, 5, 6, 9, 0)
    assert talk.end == datetime(2024, 5, 6, 9, 30)
    assert talk.kind is Kind.REMARKS  # guessed from the title
    assert s.event.start_date == s.event.end_date


def test_no_yaml11_coercions():
    s = loads(MINIMAL.replace("title: Opening", "title: no").replace("9:00-9:30", "10:30\n        duration: 30"))
    (talk,) = list(s.talks())
    assert talk.title == "no"
    assert talk.start == datetime(2024, 5, 6, 10, 30)


def test_afternoon_without_ampm_is_read_in_order():
    text = MINIMAL.replace("Test Workshop", "Test Workshop\n  clock: 12h") + """\
      - time: 12:00 - 1:30
        title: Lunch
      - time: 1:30 - 3:30
        title: Posters
"""
    talks = list(loads(text).talks())
    assert [t.start.hour for t in talks] == [9, 12, 13]
    assert talks[1].end == datetime(2024, 5, 6, 13, 30)
    assert talks[1].kind is Kind.MEAL
    assert talks[2].end == datetime(2024, 5, 6, 15, 30)


def test_24h_schedules_take_times_as_written():
    text = MINIMAL + """\
      - {time: 10:00-11:00, title: Later}
      - {time: 9:00-9:30, title: Back to the morning in another room}
"""
    talks = list(loads(text).talks())
    assert [t.start.hour for t in talks] == [9, 10, 9]


def test_implied_times_in_a_session():
    text = MINIMAL.replace("Test Workshop", "Test Workshop\n  clock: 12h") + """\
      - session: Bonanza
        time: 1:30 - 3:30
        chairs: Dan Crankshaw, Microsoft Research
        each: 10min
        talks:
""" + "".join(f"          - title: Talk {i}\n            speakers: Person {i}, Org {i}\n" for i in range(12))
    s = loads(text)
    session = list(s.days[0].sessions())[0]
    assert session.chairs == (Person("Dan Crankshaw", "Microsoft Research"),)
    starts = [t.start.strftime("%H:%M") for t in session.items]
    assert starts == [f"{13 + (30 + 10 * i) // 60}:{(30 + 10 * i) % 60:02d}" for i in range(12)]
    assert all(t.times_implied for t in session.items)
    assert session.items[0].speakers == (Person("Person 0", "Org 0"),)


def test_implied_times_split_evenly_without_each():
    text = MINIMAL + """\
      - session: Lightning
        time: 10:00-10:30
        talks:
          - title: A
          - title: B
          - title: C
"""
    session = list(loads(text).days[0].sessions())[0]
    assert [t.start.minute for t in session.items] == [0, 10, 20]
    assert session.items[-1].end.minute == 30


def test_talk_url_template_and_ids():
    text = MINIMAL.replace("  title: Test Workshop", "  title: T\n  talk_url: https://x.org/t/{id}") + """\
      - time: 9:30-10:00
        title: Deep Learning!
        kind: talk
      - time: 10:00-10:30
        title: Deep Learning!
        kind: talk
"""
    assert all(t.url is None for t in loads(text).talks())  # filled when printed, not read
    talks = list(fill_talk_urls(loads(text)).talks())
    assert talks[0].url is None  # remarks get no talk URL
    assert [t.id for t in talks[1:]] == ["deep-learning", "deep-learning-2"]
    assert talks[1].url == "https://x.org/t/deep-learning"


def test_rooms_and_speaker_mappings():
    text = """\
event: {title: Conf, timezone: Europe/Berlin}
rooms:
  - Hall A
  - {id: b, name: Room B}
days:
  - date: 2024-05-06
    items:
      - time: 9:00-10:00
        title: Keynote
        speakers:
          - {name: "Smith, Jr.", affiliation: ACME}
          - Ada Lovelace
      - time: 10:00-10:30
        room: b
        title: Side talk
        kind: contributed
        links:
          - {label: Slides, url: https://example.org/s.pdf}
"""
    s = loads(text)
    assert [r.id for r in s.rooms] == ["Hall A", "b"]
    t1, t2 = s.talks()
    assert t1.speakers == (Person("Smith, Jr.", "ACME"), Person("Ada Lovelace"))
    assert t1.room is None and t2.room == "b"
    assert t2.links[0].label == "Slides"


# --- errors: each with the line (and column) it must report -----------------------------

@pytest.mark.parametrize("content, line, fragment", [
    ("", 1, "file is empty"),
    ("   \n\n", 1, "file is empty"),
    (MINIMAL.replace("  title: Test Workshop", "\ttitle: Test Workshop"), 2, "tab used for indentation"),
    (MINIMAL.replace("title: Opening", "title: [Opening"), 8, "YAML syntax"),
    (MINIMAL.replace("event:\n  title: Test Workshop", "event:\n  - Test Workshop"), 2, "expected a mapping"),
    (MINIMAL.replace("    items:", "    itmes:"), 5, "did you mean 'items'"),
    (MINIMAL.replace("        title: Opening", "        title: Opening\n        title: Again"), 8, "duplicate key 'title'"),
    (MINIMAL.replace("2024-05-06", "2024-02-30"), 4, "is not a date"),
    (MINIMAL.replace("2024-05-06", "May 6"), 4, "YYYY-MM-DD"),
    (MINIMAL.replace("9:00-9:30", "25:00-26:00"), 6, "not a time"),
    (MINIMAL.replace("9:00-9:30", "[9, 10]"), 6, "expected a time"),
    (MINIMAL.replace("title: Opening", "title: {a: b}"), 7, "expected a title"),
    (MINIMAL.replace("      - time: 9:00-9:30\n", "      - "), 6, "needs a time"),
    (MINIMAL + "        kind: tutorial\n", 8, "unknown kind 'tutorial'"),
    ("event:\n  title: X\n", 1, "missing required key 'days'"),
    ("- a\n- b\n", 1, "expected a mapping"),
])
def test_error_located(write, content, line, fragment):
    err = error_of(write, content)
    assert fragment in err.message, err.message
    assert err.where is not None and err.where.line == line, str(err)
    assert str(err).startswith(f"{err.where.file}:{line}")


def test_error_names_key_path(write):
    err = error_of(write, MINIMAL.replace("9:00-9:30", "nine"))
    assert err.path == "days[0].items[0].time"
    assert "9:30" in err.message  # says what was expected


def test_binary_file(write):
    err = error_of(write, b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "binary" in err.message


def test_non_utf8_reports_line_and_column(write):
    err = error_of(write, MINIMAL.replace("Opening", "Er\xf6ffnung").encode("latin-1"))
    assert "UTF-8" in err.message
    assert (err.where.line, err.where.column) == (7, 18)  # "        title: Er" is 17 characters


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        load(tmp_path / "nope.yaml")


def test_alias_bomb_fails_fast(write):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i-1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    started = time.perf_counter()
    err = error_of(write, "\n".join(lines) + "\n")
    assert "alias bomb" in err.message
    assert time.perf_counter() - started < 5


def test_deep_nesting_is_an_error_not_a_crash(write):
    err = error_of(write, "[" * 5000 + "]" * 5000 + "\n")
    assert err.where is not None


def _reading(schedule) -> list:
    """Everything a schedule says, source positions included (they take no part in ==)."""
    out = [schedule]
    for day in schedule.days:
        for entry in day.entries:
            out.append((entry.id, entry.where))
            out += [(t.id, t.where) for t in getattr(entry, "items", ())]
    return out


def _reused_and_fresh(before: str, after: str, name: str = "s.yaml", before_name: str = ""):
    from program.sources import yaml_schedule

    yaml_schedule._SESSIONS.clear()
    loads(before, before_name or name)
    reused = loads(after, name)
    yaml_schedule._SESSIONS.clear()
    return _reading(reused), _reading(loads(after, name))


def test_sessions_read_before_are_reused_exactly():
    """The loader reuses sessions whose text is unchanged (--watch): the result must be
    exactly a fresh reading, ids and lines included, whatever the edit."""
    import re

    from bench import synthetic

    text = synthetic.generate("conference")
    titles = list(re.finditer(r"^          - title: (.*)$", text, re.MULTILINE))  # talks'
    first, last = titles[0], titles[-1]  # two talks of different sessions
    same_title = text[:first.start(1)] + last.group(1) + text[first.end(1):]
    edits = {
        "a title": synthetic.edit_one_talk(text),
        "lines shifted": text.replace("days:", "# a comment\n\ndays:", 1),
        # an early talk takes the slug a later session's talk had: that one becomes "-2"
        "ids shifted": same_title,
    }
    for label, after in edits.items():
        reused, fresh = _reused_and_fresh(text, after)
        assert reused == fresh, label
    reused, fresh = _reused_and_fresh(text, text, "other.yaml", before_name="s.yaml")
    assert reused == fresh  # another file of the same text: positions name the new file
    # libyaml skips a byte order mark, so its node positions are off by one from the text's
    bom = ("\ufeffevent: {title: T}\ndays:\n  - date: 2024-05-01\n    items:\n"
           "      - session: S\n        talks:\n          - {time: 9:00-9:30, title: A}\n"
           "          - title: B\n            time: 9:30-9:45")
    moved = bom.replace("9:30-9:45", "9:30-9:40")
    reused, fresh = _reused_and_fresh(bom, moved)
    assert reused == fresh


def test_twelve_hour_clock_state_is_carried_past_a_reused_session():
    from program.sources import yaml_schedule

    text = ("event: {title: T, clock: 12h}\ndays:\n  - date: 2024-05-01\n    items:\n"
            "      - session: Morning\n        time: 11:00-12:30\n        talks:\n"
            "          - {time: 11:00-11:45, title: A}\n          - {time: 11:45-12:30, title: B}\n"
            "      - {time: 1:30-2:00, title: After lunch}\n")
    yaml_schedule._SESSIONS.clear()
    loads(text)
    edited = text.replace("After lunch", "After lunch (moved)")
    reused, fresh = _reused_and_fresh(text, edited)
    assert reused == fresh
    assert reused[0].days[0].entries[1].start.hour == 13  # 1:30 read after noon
