"""The prepare step: what a real export gets wrong that a booklet can live with is mended with
a warning naming file, line and item; what would print something false stays an error.

Fixtures are small files in the shapes real exports have (a YAML schedule, a spreadsheet CSV,
a pentabarf/frab XML), written here."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from dataclasses import replace

from program.checks import ERROR, WARNING, safe_url
from program.cli import main
from program.export_ics import to_ics
from program.model import UNTITLED, Day, Event, Kind, Room, Schedule, Talk, Where
from program.prepare import checked, prepare
from program.sources.registry import load_schedule

FRAB = """\
<?xml version="1.0" encoding="utf-8"?>
<schedule>
  <version>1.0</version>
  <conference>
    <title>Demo Camp</title>
    <start>2024-08-01</start>
    <end>2024-08-02</end>
    <time_zone_name>Europe/Berlin</time_zone_name>
  </conference>
  <day index="1" date="2024-08-01" start="2024-08-01T06:00:00+02:00" end="2024-08-02T04:00:00+02:00">
    <room name="Saal 1">
      <event guid="a1" id="5">
        <date>2024-08-01T10:00:00+02:00</date>
        <start>10:00</start>
        <duration>00:30</duration>
        <room>Saal 1</room>
        <title>Mixnets for everyone</title>
        <type>Talk</type>
        <url>nymtech.net/talks/mixnets</url>
        <links><link href="dat://1234abcd/slides">Slides</link><link href="https://">Video</link>
               <link href="www.example.org/paper.pdf">Paper</link></links>
        <persons><person id="1">Ana Ruiz</person></persons>
      </event>
      <event guid="a2" id="5">
        <date>2024-08-01T11:00:00+02:00</date>
        <start>11:00</start>
        <duration>00:30</duration>
        <room>Saal 1</room>
        <title>Repeated id, other talk</title>
        <type>Talk</type>
        <url>https://camp.example.org/talk/6</url>
      </event>
      <event guid="a3" id="5">
        <date>2024-08-01T12:00:00+02:00</date>
        <start>12:00</start>
        <duration>00:30</duration>
        <room>Saal 1</room>
        <title>   </title>
        <type>Talk</type>
        <url>https://camp.example.org/talk/7</url>
      </event>
    </room>
  </day>
  <day index="2" date="2024-08-02" start="2024-08-02T06:00:00+02:00" end="2024-08-03T04:00:00+02:00">
    <room name="Saal 1"/>
  </day>
</schedule>
"""

CSV = """\
Date,Start,End,Session Title,Title,Room,URL
2024-03-01,09:00,09:30,Morning,Welcome,Hall,https://conf.example.org/welcome
2024-03-01,09:30,10:00,Morning,,Hall,https://conf.example.org/t2
2024-03-01,10:00,10:30,Morning,,Hall,javascript:alert(1)
2024-03-01,23:00,01:00,Night,Party,Hall,www.example.org
"""

YAML = """\
event:
  title: Conf
  url: conf.example.org
rooms: [A]
days:
  - date: 2024-05-06
    items:
      - time: 9:00-10:00
        title: Talk with links
        room: A
        url: https://conf.example.org/t1
        abstract: "See [the paper](arxiv.org/abs/1234) and [this](javascript:alert(1))."
      - {time: 10:00-11:00, title: "", room: A, url: "https://conf.example.org/t2"}
  - date: 2024-05-07
    items: []
"""


def warnings(problems, word=""):
    return [(p.where.line if p.where else None, p.message) for p in problems
            if p.severity == WARNING and word in p.message]


def errors(problems):
    return [(p.where.line if p.where else None, p.message) for p in problems
            if p.severity == ERROR]


@pytest.fixture
def frab(write):
    path = write(FRAB, "camp.xml")
    return path, checked(load_schedule(str(path)))


def test_a_link_without_a_scheme_gets_https(frab):
    path, (printed, problems) = frab
    talk = next(printed.talks())
    assert talk.url == "https://nymtech.net/talks/mixnets"
    assert [link.url for link in talk.links] == ["https://www.example.org/paper.pdf"]
    (line, message), = warnings(problems, "'nymtech.net/talks/mixnets'")
    assert line == 12 and message.startswith("'Mixnets for everyone' (10:00): url") \
        and "has no scheme: printed as 'https://nymtech.net/talks/mixnets'" in message
    assert errors(problems) == []


def test_a_link_that_is_not_http_is_left_out(frab):
    path, (printed, problems) = frab
    talk = next(printed.talks())
    assert [link.label for link in talk.links] == ["Paper"]  # slides (dat://), video (empty)
    left = warnings(problems, "is not an http(s) URL: left out")
    assert [m.split(": link ")[1].split(" is not")[0] for _, m in left] == [
        "'Slides' 'dat://1234abcd/slides'", "'Video' 'https://'"]
    assert all(line == 12 for line, _ in left)


def test_repeated_ids_get_fresh_stable_ids_with_one_warning(frab, write):
    path, (printed, problems) = frab
    ids = [t.id for t in printed.talks()]
    assert ids[0] == "5" and len(set(ids)) == 3 and all(i.startswith("5-") for i in ids[1:])
    (line, message), = warnings(problems, "repeated id")
    assert line == 24 and message.startswith("2 repeated id(s) given fresh ones")
    assert f"'5' (line 24) 'Repeated id, other talk' (11:00) -> '{ids[1]}'" in message
    assert f"'5' (line 33) the untitled item '5' (2024-08-01 12:00) -> '{ids[2]}'" in message
    # stable: the same file gives the same ids; a calendar gets each UID once
    again = checked(load_schedule(str(write(FRAB, "again.xml"))))[0]
    assert [t.id for t in again.talks()] == ids
    ics = to_ics(printed).decode()
    assert sorted(line for line in ics.splitlines() if line.startswith("UID")) == \
        sorted(set(line for line in ics.splitlines() if line.startswith("UID")))


def test_an_empty_day_is_skipped_with_a_warning(frab):
    path, (printed, problems) = frab
    assert [d.date.isoformat() for d in printed.days] == ["2024-08-01"]
    assert warnings(problems, "day 2024-08-02") == [(0, "day 2024-08-02 has no items: left out")]
    assert [p.where.file for p in problems if "day 2024-08-02" in p.message] == [str(path)]


def test_untitled_events_are_kept_and_each_is_listed(write):
    path = write(CSV, "talks.csv")
    schedule = load_schedule(str(path))
    printed, problems = checked(schedule)
    titles = [t.title for t in printed.talks()]
    assert titles == ["Welcome", UNTITLED, UNTITLED, "Party"]
    untitled = warnings(problems, "has no title")
    assert [line for line, _ in untitled] == [3, 4]  # every one, not only the first
    assert all(f"printed as {UNTITLED!r}" in m and "the untitled item '" in m for _, m in untitled)
    # and only the prepare step says it (no reader warns about it a second time)
    assert len([m for _, m in warnings(problems) if "title" in m.replace("untitled", "")]) == 2


def test_a_csv_link_left_out_and_after_midnight(write):
    printed, problems = checked(load_schedule(str(write(CSV, "talks.csv"))))
    talks = list(printed.talks())
    assert talks[2].url is None
    assert (4, ) == tuple(line for line, _ in warnings(problems, "'javascript:alert(1)'"))
    party = talks[3]
    assert (party.end, party.url) == (datetime(2024, 3, 2, 1), "https://www.example.org")
    assert errors(problems) == []


def test_yaml_event_url_rich_links_and_whitespace_title(write):
    path = write(YAML, "conf.yaml")
    printed, problems = checked(load_schedule(str(path)))
    assert printed.event.url == "https://conf.example.org"
    assert warnings(problems, "the event's url") == [
        (2, "the event's url 'conf.example.org' has no scheme: printed as "
            "'https://conf.example.org'")]
    first = next(printed.talks())
    assert [r.url for r in first.abstract.runs() if r.text.strip() in ("the paper", "this")] == [
        "https://arxiv.org/abs/1234", None]
    assert "See the paper and this." in first.abstract.plain()  # the text stays
    rich = warnings(problems, "in the abstract")
    assert [line for line, _ in rich] == [8, 8]
    assert "its text is printed without the link" in rich[1][1]
    assert [line for line, _ in warnings(problems, "has no title")] == [13]
    assert [d.date.isoformat() for d in printed.days] == ["2024-05-06"]
    assert errors(problems) == []


def _talk(start: datetime, end: datetime, ident: str = "t") -> Talk:
    return Talk(id=ident, title="Late", kind=Kind.TALK, start=start, end=end,
                url="https://x.example.org/t", where=Where("s.yaml", 9))


def _schedule(*talks: Talk) -> Schedule:
    return Schedule(Event("E", talks[0].start.date(), talks[0].start.date()), (),
                    (Day(talks[0].start.date(), talks),))


def test_an_end_just_after_midnight_is_the_next_day():
    late = _talk(datetime(2024, 1, 1, 22), datetime(2024, 1, 1, 1, 30))
    printed, problems = checked(_schedule(late))
    assert next(printed.talks()).end == datetime(2024, 1, 2, 1, 30)
    assert warnings(problems, "after midnight") == [
        (9, "'Late' (22:00) ends at 01:30, before it starts: taken as after midnight "
            "(2024-01-02 01:30)")]
    assert errors(problems) == []


def test_any_other_end_before_the_start_ends_at_the_next_item_in_its_room_or_after_30_min():
    """An export's typo (12:00-11:00) is built: the start is kept, the end mended, warned."""
    day = datetime(2024, 1, 1)
    typo = replace(_talk(day.replace(hour=12), day.replace(hour=11), "typo"), room="main")
    nxt = replace(_talk(day.replace(hour=12, minute=20), day.replace(hour=12, minute=40), "n"),
                  title="Next", room="main")
    other = replace(_talk(day.replace(hour=12, minute=5), day.replace(hour=13), "o"),
                    title="Elsewhere", room="side")
    rooms = (Room("main", "Main"), Room("side", "Side"))
    printed, problems = checked(replace(_schedule(typo, nxt, other), rooms=rooms))
    ends = {t.id: t.end for t in printed.talks()}
    assert ends["typo"] == day.replace(hour=12, minute=20)  # not the other room's 12:05
    assert errors(problems) == []
    assert warnings(problems, "before it starts") == [
        (9, "'Late' (12:00) ends (11:00) before it starts: printed as ending at 12:20, when "
            "the next item in its room starts")]
    for start, end in ((10, 9), (22, 7)):  # nothing after it: 30 minutes
        printed, problems = checked(_schedule(_talk(day.replace(hour=start), day.replace(hour=end))))
        assert next(printed.talks()).end == day.replace(hour=start, minute=30)
        assert errors(problems) == [] and len(warnings(problems, "before it starts")) == 1


def test_prepare_is_pure_and_leaves_a_clean_schedule_alone():
    clean = _schedule(_talk(datetime(2024, 1, 1, 9), datetime(2024, 1, 1, 10)))
    assert prepare(clean) == (clean, ())
    assert prepare(clean)[0] is clean


def test_check_exit_codes(write, capsys):
    """Warnings exit 0 (the build goes on), errors 2, warnings under --strict 1."""
    assert main(["check", str(write(FRAB, "camp.xml"))]) == 0
    out = capsys.readouterr().out
    assert "camp.xml:24: warning: 2 repeated id(s)" in out and "0 error(s)" in out
    assert main(["check", "--strict", str(write(FRAB, "camp.xml"))]) == 1
    capsys.readouterr()
    unknown_zone = FRAB.replace("<title>", "<time_zone_name>Mars/Olympus</time_zone_name><title>", 1)
    assert main(["check", str(write(unknown_zone, "bad.xml"))]) == 2
    assert "error:" in capsys.readouterr().out


LENIENT = Path(__file__).parent / "fixtures" / "lenient"
#: Files the product once refused, and the warning (line, words) it builds them with now.
BUILT_WITH_A_WARNING = {
    "csv-no-title.csv": (3, "has no title: printed as '(untitled)'"),
    "csv-url-at-no-host.csv": (3, "url 'http://@/' is not an http(s) URL: left out"),
    "csv-url-javascript.csv": (3, "url 'javascript:alert(1)' is not an http(s) URL: left out"),
    "ics-url-file.ics": (6, "url 'file:///etc/passwd' is not an http(s) URL: left out"),
    "json-link-file.json": (13, "link 'Slides' 'file:///etc/shadow' is not an http(s) URL"),
    "json-title-number.json": (13, "has no title: printed as '(untitled)'"),
    "json-url-bidi.json": (13, "gpj.exe' is not an http(s) URL: left out"),
    "json-url-data.json": (13, "url 'data:text/html;base64,"),
    "xml-no-title.xml": (9, "has no title: printed as '(untitled)'"),
    "xml-url-javascript.xml": (9, "'javascript:alert(document.cookie)' is not an http(s) URL"),
    "xml-url-zero-width.xml": (9, "mple.org/t/1' is not an http(s) URL: left out"),
    "yaml-duplicate-id.yaml": (9, "1 repeated id(s) given fresh ones"),
    "csv-overlap.csv": (3, "'Talk' (09:15) overlaps 'Opening' (09:00) in room 'Saal 1': they"),
    "csv-row-pasted-four-times.csv": (5, "'Opening' (09:00) overlaps 'Opening' (09:00)"),
    "yaml-overlap.yaml": (8, "'Coffee' (09:15) overlaps 'Opening' (09:00): they share the"),
    "yaml-event-url-file.yaml": (2, "the event's url 'file:///etc/passwd' is not an http(s) URL"),
    "yaml-link-javascript.yaml": (6, "link 'Slides' 'javascript:alert(1)' is not an http(s) URL"),
    "yaml-url-data.yaml": (6, "url 'data:text/html,<script>alert(1)</script>' is not an"),
    "yaml-url-file.yaml": (6, "url 'file:///etc/passwd' is not an http(s) URL: left out"),
    "yaml-url-javascript.yaml": (6, "url 'javascript:alert(1)' is not an http(s) URL: left out"),
    "yaml-url-no-host.yaml": (6, "url 'http://:80/' is not an http(s) URL: left out"),
    "yaml-end-before-start.yaml": (6, "'Opening' (10:00) ends (09:30) before it starts: printed "
                                      "as ending at 10:30, 30 minutes after its start"),
    "ics-end-before-start.ics": (6, "'Opening' (09:00) ends (08:30) before it starts: printed "
                                    "as ending at 09:30, 30 minutes after its start"),
}


@pytest.mark.parametrize("name", sorted(BUILT_WITH_A_WARNING))
def test_once_refused_files_build_with_a_warning_and_print_only_safe_links(name):
    assert sorted(p.name for p in LENIENT.iterdir()) == sorted(BUILT_WITH_A_WARNING)
    line, words = BUILT_WITH_A_WARNING[name]
    printed, problems = checked(load_schedule(str(LENIENT / name)))
    assert errors(problems) == []
    assert any(at == line and words in message for at, message in warnings(problems)), \
        warnings(problems)
    urls = [printed.event.url] + [u for t in printed.talks()
                                  for u in (t.url, *(link.url for link in t.links))]
    assert all(u is None or safe_url(u) for u in urls)
    assert len({t.id for t in printed.talks()}) == len(list(printed.talks()))
    assert all(t.title.strip() for t in printed.talks())


def test_an_indico_contribution_without_a_title_is_kept_untitled(write):
    """Indico, like the other readers, keeps the item and leaves the warning to prepare."""
    source = (Path(__file__).parent / "fixtures" / "indico" / "contributions.json").read_text(
        encoding="utf-8")
    assert source.count('"title": "Register allocation"') == 1
    path = write(source.replace('"title": "Register allocation"', '"title": "  "'), "indico.json")
    printed, problems = checked(load_schedule(str(path)))
    assert UNTITLED in [t.title for t in printed.talks()]
    (line, message), = warnings(problems, "has no title")
    assert line and f"printed as {UNTITLED!r}" in message


def test_a_bare_host_link_too_long_for_a_qr_code_once_mended_is_an_error_not_a_traceback(write):
    """The checks cannot measure ``www.…`` (it is no URL until prepare adds ``https://``), so
    the QR length is measured again on the schedule as printed."""
    url = "www.example.org/" + "a" * 2320  # fits as written; 8 characters more do not
    path = write("event: {title: T}\ndays:\n  - date: 2024-01-01\n    items:\n"
                 f"      - {{time: 9:00-10:00, title: A, url: '{url}'}}\n", "long.yaml")
    _, problems = checked(load_schedule(str(path)))
    (found,) = errors(problems)
    assert "a QR code holds at most" in found[1]
    assert main(["build", str(path), "-o", str(path.parent / "out")]) == 2
