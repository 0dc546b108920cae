"""Schedules on web pages (issue 13): the variations organizers publish, one small page each."""
from datetime import date, datetime, time

from program.cli import main
from program.export_yaml import dump
from program.model import Kind, Link, Person, Session
from program.sources import html_page, markdown
from program.sources.entry_text import read_entry
from program.sources.markdown import _spans
from program.sources.transform import Overrides, apply_overrides, to_timezone
from program.sources.yaml_schedule import loads as yaml_loads

from pdftools import page_texts

MARKUP = ("*", "](", "<a", "<span", "<b>", "&nbsp;", "[[", "]]")


def entry(text):
    return read_entry(_spans(text), "https://example.org/ws/")


def _talks(schedule):
    return list(schedule.talks())


def _hm(talk):
    return talk.start.strftime("%H:%M"), talk.end.strftime("%H:%M")


def _no_markup(schedule):
    for talk in schedule.talks():
        for text in [talk.title] + [p.name for p in talk.speakers] + \
                [p.affiliation or "" for p in talk.speakers]:
            assert not any(m in text for m in MARKUP), text


# --- entry text: markup and position ------------------------------------------------------

def test_name_position_affiliation_is_told_from_title_name_affiliation():
    e = entry("Eric Xing, Professor, CMU")
    assert e.speakers == (Person("Eric Xing", "Professor, CMU"),)
    e = entry("TensorFlow, Paul Barham, Principal Scientist, Google Brain")
    assert (e.title, e.speakers) == ("TensorFlow", (Person("Paul Barham", "Principal Scientist, Google Brain"),))
    e = entry("Welcome, Sidhartha Sen, Microsoft Research")
    assert (e.title, e.speakers) == ("Welcome", (Person("Sidhartha Sen", "Microsoft Research"),))


def test_bold_speaker_dot_italic_title_and_video_link():
    e = entry("**Been Kim** · *Towards a Frontier* ([*video*](https://v.example/1))")
    assert (e.title, e.speakers) == ("Towards a Frontier", (Person("Been Kim"),))
    assert e.links == (Link("Video", "https://v.example/1"),)
    e = entry("**Chris Olah** (Remote) · *Reflections*")
    assert (e.title, e.speakers, e.notes) == ("Reflections", (Person("Chris Olah"),), ("Remote",))


def test_label_dash_linked_name_colon_italic_linked_title():
    e = entry("Contributed Talk - Wouter Kool: *[Unbiased Gradients](https://openreview.net/x)*")
    assert (e.title, e.kind, e.speakers, e.url) == (
        "Unbiased Gradients", Kind.CONTRIBUTED, (Person("Wouter Kool"),), "https://openreview.net/x")
    e = entry("Invited Talk - [Ada Lovelace](https://ada.example/): *Engines*")
    assert (e.title, e.kind, e.speakers) == ("Engines", Kind.INVITED, (Person("Ada Lovelace"),))
    assert e.url is None  # a link on a name is the person's page, not the talk's
    e = entry("Panel - [Ann Smith](https://a.example/), [Bob Jones](https://b.example/)")
    assert (e.title, e.speakers) == ("Panel", (Person("Ann Smith"), Person("Bob Jones")))


def test_title_parenthesised_people_and_link_words():
    e = entry("Presentation of the workshop, introduction to OGGM (Fabien Maussion)")
    assert (e.title, e.speakers) == ("Presentation of the workshop, introduction to OGGM",
                                     (Person("Fabien Maussion"),))
    e = entry("Scientific presentation 1 (Adnan Siddique): *Glacial lakes*")
    assert (e.title, e.speakers) == ("Scientific presentation 1: Glacial lakes", (Person("Adnan Siddique"),))
    e = entry("Joseph Gonzalez, Assistant Professor, UC Berkeley [[slides](slides/g.pdf)]")
    assert e.links == (Link("Slides", "https://example.org/ws/slides/g.pdf"),)
    assert e.speakers == (Person("Joseph Gonzalez", "Assistant Professor, UC Berkeley"),)
    e = entry("Matei Zaharia, Stanford **(changed to fit)**")
    assert e.notes == ("changed to fit",) and e.speakers[0].affiliation == "Stanford"


def test_colon_forms_and_with():
    assert entry("Noémie Elhadad: Large scale characterization").speakers == (Person("Noémie Elhadad"),)
    e = entry("Systems Spotlights: Tianqi Chen (TVM), Jun Xu (EasyML)")
    assert (e.title, e.speakers) == ("Systems Spotlights", (Person("Tianqi Chen", "TVM"), Person("Jun Xu", "EasyML")))
    e = entry("Discussion with Judy Gichoya and Ziad Obermeyer")
    assert (e.title, e.speakers) == ("Discussion", (Person("Judy Gichoya"), Person("Ziad Obermeyer")))
    e = entry("Reception at the Tower sponsored by Ant Financial")
    assert e.speakers == () and e.title == "Reception at the Tower sponsored by Ant Financial"
    e = entry('Luis Oala: "ML4H Auditing: From Paper to Practice"')
    assert (e.title, e.speakers) == ("ML4H Auditing: From Paper to Practice", (Person("Luis Oala"),))


# --- pages ----------------------------------------------------------------------------------

KRAMDOWN_TABLE = """---
layout: page
title: Schedule
description: TinyWS@NeurIPS 2021 - A workshop on *small* things
---

### Date: Monday, December 13th

Times are listed in Eastern Standard Time

| Opening Remarks | 7:50-8:00 |
| Invited Talk - [Ann Smith](https://ann.example/): *Better* | 8:00-8:30|
| Coffee-break | 8:30-9:00 |
"""


def test_headerless_pipe_table_time_last_and_date_heading_with_year_from_title():
    s = markdown.loads(KRAMDOWN_TABLE)
    assert s.event.title == "TinyWS@NeurIPS 2021"
    assert s.event.subtitle == "A workshop on small things"
    assert s.event.date_known and s.days[0].date == date(2021, 12, 13)
    talks = _talks(s)
    assert [t.title for t in talks] == ["Opening Remarks", "Better", "Coffee-break"]
    assert _hm(talks[1]) == ("08:00", "08:30") and talks[1].speakers == (Person("Ann Smith"),)
    _no_markup(s)


GFM_TABLE = """+++
title = "Small Systems Day"
date = 2024-05-11
location = "Hall B, Vienna"
+++

## Programme {#programme}

Prose before the table, with a [link](https://example.org/).

| Talk | Speaker | Affiliation | Room | Slides | Time |
|------|---------|-------------|------|--------|------|
| **Keynote**: [Fast Things](https://example.org/fast) | Ada Lovelace | Analytical Engines | Main | [pdf](https://example.org/a.pdf) | 08:30 - 09:00 |
| Lunch | | | Main | | 12:00 |
| Posters<br>everyone | | | Foyer | | 13:00 - 14:00 |
"""


def test_gfm_table_columns_toml_front_matter_start_only_row():
    s = markdown.loads(GFM_TABLE)
    assert (s.event.title, s.event.venue, s.days[0].date) == ("Small Systems Day", "Hall B, Vienna", date(2024, 5, 11))
    keynote, lunch, posters = _talks(s)
    assert keynote.speakers == (Person("Ada Lovelace", "Analytical Engines"),)
    assert keynote.url == "https://example.org/fast" and keynote.room == "Main"
    assert keynote.links == (Link("Pdf", "https://example.org/a.pdf"),)
    assert _hm(lunch) == ("12:00", "13:00")  # a start-only row ends where the next begins
    assert posters.title == "Posters" and posters.room == "Foyer"
    assert [r.name for r in s.rooms] == ["Main", "Foyer"]


HTML_PAGE = """<!doctype html><html><head><title>Tiny Workshop 2023</title>
<style>td { color: red }</style></head><body>
<nav><a href="/">Home</a> 9:00 not a schedule</nav>
<!-- 25 minutes + 5 -->
<p>The workshop will be held on <b>Friday, 10 March 2023</b>.</p>
<table>
<tr><th>Time<th>Event
<tr><td>09:00 - 09:10<td>Opening remarks with Ann Smith</tr>
<tr><td>09:10 - 09:40</td><td><a href="https://example.org/t1" target="_blank">Deep Things<a/></td></tr>
<tr><td>09:40 - 10:10</td><td>Spotlights
<ul><li>Luis Oala: "Auditing"</li><li>Sharut Gupta: "Forgetting"</li><li>Fabian Laumer: "Beats"</ul>
</td></tr>
<tr><td>10:10 - 10:30</td><td>Social Break</td><td></tr>
</table></body></html>"""


def test_html_page_table_with_broken_markup_and_sub_list(write):
    s = html_page.load(write(HTML_PAGE, "page.html"))
    assert s.event.title == "Tiny Workshop 2023" and s.days[0].date == date(2023, 3, 10)
    opening, deep = _talks(s)[:2]
    assert (opening.title, opening.speakers) == ("Opening remarks", (Person("Ann Smith"),))
    assert (deep.title, deep.url) == ("Deep Things", "https://example.org/t1")
    spot = next(e for e in s.days[0].entries if isinstance(e, Session))
    assert [(t.title, t.speakers[0].name, _hm(t)) for t in spot.items] == [
        ("Auditing", "Luis Oala", ("09:40", "09:50")), ("Forgetting", "Sharut Gupta", ("09:50", "10:00")),
        ("Beats", "Fabian Laumer", ("10:00", "10:10"))]
    assert all(t.times_implied for t in spot.items)
    assert _talks(s)[-1].title == "Social Break"


TWELVE_HOUR = """## Schedule

|Time |  Talk Title | Speaker |
| --- | --- | --- |
|11:45 - 12:45 |Panel: <a href ="https://example.org/p" target ="_blank"> Big Models <a/> |Ann Smith, Bob Jones, Carl Weiss |
|12:45 - 02:15 |Lunch| |
|02:15 - 02:40 |Keynote: <a href="https://example.org/k">Inclusion</a>| <a href="https://c.example/">Dana Rex</a> |
"""


def test_zero_padded_afternoon_on_a_twelve_hour_page():
    s = markdown.loads(TWELVE_HOUR)
    panel, lunch, keynote = _talks(s)
    assert _hm(lunch) == ("12:45", "14:15") and _hm(keynote) == ("14:15", "14:40")
    assert panel.speakers == (Person("Ann Smith"), Person("Bob Jones"), Person("Carl Weiss"))
    assert keynote.speakers == (Person("Dana Rex"),) and keynote.url == "https://example.org/k"
    assert not s.event.date_known
    _no_markup(s)


DAYS = """# Glacier School

```{admonition} Only indicative!
:class: info

We will adapt.
```

## Day 1 - Overview

*Saturday 11 March 2023*

**09:00 - 09:30**: Welcome by the organizers<br>
**09:30 - 11:00**: Introduction to OGGM (Fabien Maussion)<br>

**13:00 - 14:00**: Lunch break

**19:30: workshop dinner!**

## Day 2 - Practice

*Sunday 12 March 2023*

**09:00 - 09:45**: Glacier mass balance (Anouk, Fabien): climatic mass balance<br>
**12:00 - open ended**: excursion
"""


def test_several_days_bold_times_myst_fence_and_last_start_only_entry():
    s = markdown.loads(DAYS)
    assert s.event.title == "Glacier School"
    assert [(d.date, d.title) for d in s.days] == [(date(2023, 3, 11), "Day 1 - Overview"),
                                                  (date(2023, 3, 12), "Day 2 - Practice")]
    day1 = list(s.days[0].talks())
    assert [t.title for t in day1] == ["Welcome by the organizers", "Introduction to OGGM",
                                       "Lunch break", "workshop dinner!"]
    assert day1[1].speakers == (Person("Fabien Maussion"),)
    assert _hm(day1[3]) == ("19:30", "20:00")
    mass = next(s.days[1].talks())
    assert mass.speakers == (Person("Anouk"), Person("Fabien"))
    lines = {n.where.line for n in s.notices if n.where}
    assert DAYS.split("\n").index("**19:30: workshop dinner!**") + 1 in lines


LIST_STYLE = """---
title: List Day
date: 2022-06-01
---

# Ignored Heading

- 9:00am – 9:30am Opening
- 9:30am – 10:30am Lightning round (20 minutes each)
    - One (Ann Smith, MIT)
    - Two (Bob Jones, Google Brain)
- 10:30 AM Coffee
- 11:00 AM – 12:00 PM Closing
"""


def test_list_with_nested_talks_and_am_pm():
    s = markdown.loads(LIST_STYLE)
    assert s.event.title == "List Day" and s.days[0].date == date(2022, 6, 1)
    titles = [(t.title, _hm(t)) for t in s.talks()]
    assert titles == [("Opening", ("09:00", "09:30")), ("One", ("09:30", "09:50")),
                      ("Two", ("09:50", "10:10")), ("Coffee", ("10:30", "11:00")),
                      ("Closing", ("11:00", "12:00"))]


CHAIRS = """# Chaired Workshop

### AI Systems in Academia
(Chair: Garth Gibson, CMU/Vector Institute)

8:45 - 9:15 &nbsp;&nbsp; Eric Xing, Professor, CMU

9.15 - 9:45 &nbsp; Talk Two, Ann Smith, MIT

***

### Industry
Session Chairs: Sarah Bird, Dan Crankshaw

1:30 - 2:00 &nbsp; MXNet, Alex Smola, Director of Machine Learning, Amazon

### Discussion

4:30 - 5:15 &nbsp; **The Future Panel** (Moderator: Joseph Gonzalez, UC Berkeley)
"""


def test_chair_forms_and_afternoon_without_am_pm():
    s = markdown.loads(CHAIRS)
    academia, industry, discussion = s.days[0].sessions()
    assert academia.chairs == (Person("Garth Gibson", "CMU/Vector Institute"),)
    assert [_hm(t) for t in academia.items] == [("08:45", "09:15"), ("09:15", "09:45")]
    assert industry.chairs == (Person("Sarah Bird"), Person("Dan Crankshaw"))
    assert _hm(industry.items[0]) == ("13:30", "14:00")
    panel = discussion.items[0]
    assert (panel.title, panel.speakers) == ("The Future Panel", (Person("Joseph Gonzalez", "UC Berkeley"),))


PELICAN = """Title: Schedule
Date: 2018-08-01
<!-- a comment -->

<p> The workshop will be held December 11 virtually.</p>

9:00 - 9:30 Opening
9:30 - 10:00 Keynote: *Health*, Ann Smith, MIT
"""


def test_publication_date_contradicted_by_the_text_is_not_used(write, capsys):
    path = write(PELICAN, "p.md")
    s = markdown.load(path)
    assert not s.event.date_known
    assert any("2018-08-01" in n.message for n in s.notices)
    assert main(["check", str(path)]) == 0
    assert "names no date" in capsys.readouterr().out
    s2 = apply_overrides(s, Overrides(date=date(2020, 12, 11), title="ML4H", venue="Online"))
    assert s2.event.date_known and s2.days[0].date == date(2020, 12, 11)
    assert (s2.event.title, s2.event.venue) == ("ML4H", "Online")
    assert next(s2.talks()).start == datetime(2020, 12, 11, 9, 0)


def test_booklet_of_a_page_without_date_shows_no_date_and_with_date_shows_it(write, tmp_path):
    path = write(PELICAN, "p.md")
    out = tmp_path / "out"
    assert main(["build", str(path), "-o", str(out), "--products", "booklet", "--jobs", "1"]) == 0
    text = "\n".join(page_texts(out / "p-booklet.pdf"))
    assert "2000" not in text and "Opening" in text and "Health" in text
    assert main(["build", str(path), "-o", str(out), "--products", "booklet", "--jobs", "1",
                 "--date", "2020-12-11"]) == 0
    assert "11 December 2020" in "\n".join(page_texts(out / "p-booklet.pdf"))


def test_import_writes_every_entry_and_builds_the_same_booklet(write, tmp_path):
    page = write(DAYS, "days.md")
    yaml_path = tmp_path / "days.yaml"
    assert main(["import", str(page), "-o", str(yaml_path)]) == 0
    from_page, from_yaml = markdown.load(page), yaml_loads(yaml_path.read_text(), str(yaml_path))
    assert from_yaml.days == from_page.days
    assert from_yaml.event.date_known == from_page.event.date_known
    texts = []
    for name, source in (("a", page), ("b", yaml_path)):
        out = tmp_path / name
        assert main(["build", str(source), "-o", str(out), "--products", "booklet", "--jobs", "1"]) == 0
        texts.append(page_texts(next(out.glob("*-booklet.pdf"))))
    assert texts[0] == texts[1]
    assert not any(m in page for page in texts[0] for m in ("**", "](", "<br", "&nbsp;"))


UNDATED_DAYS = """# Two Days

## Day 1

9:00 - 10:00 First

## Day 2

9:00 - 10:00 Second
"""


def test_date_option_dates_the_first_day_and_the_rest_follow(write):
    s = markdown.load(write(UNDATED_DAYS, "two.md"))
    assert len(s.days) == 2 and not s.event.date_known
    moved = apply_overrides(s, Overrides(date=date(2025, 11, 14)))
    assert [d.date for d in moved.days] == [date(2025, 11, 14), date(2025, 11, 15)]
    assert dump(s).count("date: unknown") == 2


def test_to_timezone_converts_from_the_event_zone_or_sets_it():
    s = markdown.loads(LIST_STYLE)
    assert to_timezone(s, "Europe/Berlin").event.timezone == "Europe/Berlin"
    assert next(to_timezone(s, "Europe/Berlin").talks()).start.time() == time(9, 0)
    utc = apply_overrides(s, Overrides(timezone="UTC"))
    late = to_timezone(utc, "Pacific/Pago_Pago")  # UTC-11: 9:00 UTC is 22:00 the day before
    assert [t.start.strftime("%m-%d %H:%M") for t in late.talks()][:1] == ["05-31 22:00"]
    assert late.days[0].date == date(2022, 5, 31)


DEFINITIONS = """<html><body><h1>Def List Day</h1>
<p>Times are listed in Pacific Time.</p>
<dl><dt>9 - 10am</dt><dd>Opening (Chair: Ann Smith, MIT)</dd>
<dt>10:30 - noon</dt><dd><b>Big Talk</b></dd></dl>
<div class="row"><div class="time">noon - 1:30pm</div><div class="what">Lunch</div></div>
</body></html>"""


def test_time_on_its_own_line_noon_bare_start_chair_in_text_and_zone_phrase():
    s = html_page.loads(DEFINITIONS)
    assert s.event.title == "Def List Day" and s.event.timezone == "America/Los_Angeles"
    assert [(t.title, _hm(t)) for t in s.talks()] == [
        ("Opening", ("09:00", "10:00")), ("Big Talk", ("10:30", "12:00")),
        ("Lunch", ("12:00", "13:30"))]
    opening = s.days[0].entries[0]
    assert isinstance(opening, Session) and opening.chairs == (Person("Ann Smith", "MIT"),)


NESTED = """# Nested Day

- 9:00 - 10:30 Morning session (Chair: Bob Jones)
    - 9:00 - 9:45 First talk
      Ann Smith (MIT)
    - 9:45 - 10:30 Second talk
- 10:30 - 11:00 Coffee

8:30 - 9:00 Opening of day two

12:00 - 1:00 Lunch two
"""


def test_timed_list_inside_a_timed_item_is_a_session_and_times_starting_again_are_a_new_day():
    s = markdown.loads(NESTED)
    morning = s.days[0].entries[0]
    assert isinstance(morning, Session) and morning.title == "Morning session"
    assert morning.chairs == (Person("Bob Jones"),)
    assert [(t.title, t.speakers) for t in morning.items] == [
        ("First talk", (Person("Ann Smith", "MIT"),)), ("Second talk", ())]
    assert len(s.days) == 2  # 8:30 after the morning's 10:30: the next day, not 20:30
    assert [(t.title, _hm(t)) for t in s.days[1].talks()] == [
        ("Opening of day two", ("08:30", "09:00")), ("Lunch two", ("12:00", "13:00"))]
    assert any("start again" in n.message for n in s.notices)


DAY_COLUMN = """---
title: Column Days
---

| Day | Time | Session | Title | Speaker |
|---|---|---|---|---|
| Monday, 3 June 2024 | 9:00 - 9:30 | Opening | Welcome | |
| Monday, 3 June 2024 | 9:30 - 10:00 | Opening | Vision | Ann Smith |
| Tuesday, 4 June 2024 | 9:00 - 10:00 | Tutorials | Hands-on | Bob Jones, Carl Weiss |
"""


def test_table_with_day_and_session_columns():
    s = markdown.loads(DAY_COLUMN)
    assert [d.date for d in s.days] == [date(2024, 6, 3), date(2024, 6, 4)]
    opening = next(s.days[0].sessions())
    assert opening.title == "Opening" and [t.title for t in opening.items] == ["Welcome", "Vision"]
    hands_on = next(s.days[1].talks())
    assert hands_on.speakers == (Person("Bob Jones"), Person("Carl Weiss"))


def test_plain_separators_name_dot_title_and_title_dash_name():
    assert (entry("Ann Smith · Deep Learning at Scale").title,
            entry("Ann Smith · Deep Learning at Scale").speakers) == ("Deep Learning at Scale", (Person("Ann Smith"),))
    e = entry("Keynote - Ann Smith (MIT)")
    assert (e.title, e.kind, e.speakers) == ("Keynote", Kind.KEYNOTE, (Person("Ann Smith", "MIT"),))
    e = entry("Social Town Hall - Come chat to us, give feedback!")
    assert e.speakers == () and e.title == "Social Town Hall - Come chat to us, give feedback!"


MIXED = """<style>h1 { color: red }</style>

# Mixed Page Workshop 2025

![logo](logo.png)

[Home](/) | [Schedule](/schedule) | [Speakers](/speakers)
{: .nav}

**Date:** November 14, 2025

<!-- the table below is HTML inside Markdown -->
<table>
<thead><tr><th>Session</th><th>Time</th><th>Title</th><th>Speaker</th></tr></thead>
<tbody>
<tr><td>Morning</td><td>08:15 -- 08:30</td><td>Welcome</td><td></td></tr>
<tr><td>Morning</td><td>8:30 AM – 9:15 AM</td><td><a href="https://example.org/k">Keynote</a><br>on systems</td><td>Ann Smith, MIT</td></tr>
<tr><td>Afternoon</td><td>1:00 PM</td><td><strong>Posters</strong></td><td></td></tr>
<tr><td>Afternoon</td><td>2:00 PM – 3:00 PM</td><td>Panel</td><td>Bob Jones (Google Brain); Carl Weiss (ETH Zurich)</td></tr>
</tbody></table>
"""


def test_html_table_inside_markdown_time_in_second_column_and_page_furniture():
    s = markdown.loads(MIXED)
    assert s.event.title == "Mixed Page Workshop 2025" and s.days[0].date == date(2025, 11, 14)
    morning, afternoon = s.days[0].sessions()
    assert (morning.title, afternoon.title) == ("Morning", "Afternoon")
    welcome, keynote = morning.items
    assert _hm(welcome) == ("08:15", "08:30") and _hm(keynote) == ("08:30", "09:15")
    assert (keynote.url, keynote.speakers) == ("https://example.org/k", (Person("Ann Smith", "MIT"),))
    posters, panel = afternoon.items
    assert _hm(posters) == ("13:00", "14:00")
    assert panel.speakers == (Person("Bob Jones", "Google Brain"), Person("Carl Weiss", "ETH Zurich"))
    _no_markup(s)


DAY_HEADINGS = """---
title: Workshop on Things 2025
---

## Day 1 — Monday, 17 November

9:00 - 10:00 First

## Day 2 — Tuesday, 18 November

9:00 - 10:00 Second
"""


def test_day_headings_without_year_take_it_from_the_title():
    s = markdown.loads(DAY_HEADINGS)
    assert [(d.date, d.title) for d in s.days] == [(date(2025, 11, 17), "Day 1"),
                                                  (date(2025, 11, 18), "Day 2")]
    assert s.event.date_known


ROOM_GRID = """<html><head><title>Two Rooms 2024</title></head><body>
<p>Date: 12 April 2024</p>
<table>
<tr><th>Time</th><th>Hall A</th><th>Hall B</th></tr>
<tr><td>9:00 - 10:00</td><td colspan="2">Opening keynote<br>Ann Smith</td></tr>
<tr><td>10:00 - 10:30</td><td><i>Graphs</i>, Bob Jones</td><td><i>Kernels</i>, Carl Weiss</td></tr>
</table></body></html>"""

TIME_HEADINGS = """# Heading Times

### 9:00 - 9:30 Keynote: *Big Ideas*
Ann Smith (MIT)

Some words about the keynote.

### 9:30 - 10:00 Coffee
"""


def test_table_with_a_column_per_room_and_entries_in_headings():
    s = html_page.loads(ROOM_GRID)
    assert [r.name for r in s.rooms] == ["Hall A", "Hall B"] and s.days[0].date == date(2024, 4, 12)
    opening, graphs, kernels = s.talks()
    assert (opening.room, opening.speakers) == (None, (Person("Ann Smith"),))
    assert (graphs.room, graphs.title, graphs.speakers) == ("Hall A", "Graphs", (Person("Bob Jones"),))
    assert (kernels.room, kernels.title) == ("Hall B", "Kernels")
    s = markdown.loads(TIME_HEADINGS)
    keynote, coffee = s.talks()
    assert (keynote.title, keynote.speakers, _hm(coffee)) == (
        "Big Ideas", (Person("Ann Smith", "MIT"),), ("09:30", "10:00"))


ROWSPAN = """<html><body><h1>Rowspan Day 2024</h1><p>When: 5 May 2024</p><table>
<tr><th>Time<th>Session<th>Talk<th>Speaker</tr>
<tr><td rowspan="2">9:00 - 10:00<td rowspan="2">Vision<td>Seeing<td>Ann Smith</tr>
<tr><td>Looking<td>Bob Jones</tr>
<tr><td>10:00 - 10:30<td><td>Coffee<td></tr>
</table>
<h3>Session 2: Language (Chair: Carl Weiss) (11:00 - 12:00)</h3>
<ol><li>Words (Dana Rex, MIT)<li>Sentences (Eve Lang, ETH Zurich)</ol>
</body></html>"""


def test_rowspan_time_shared_by_rows_and_a_session_heading_with_its_time():
    s = html_page.loads(ROWSPAN)
    vision, coffee, language = s.days[0].entries
    assert vision.title == "Vision"
    assert [(t.title, t.speakers, _hm(t)) for t in vision.items] == [
        ("Seeing", (Person("Ann Smith"),), ("09:00", "09:30")),
        ("Looking", (Person("Bob Jones"),), ("09:30", "10:00"))]
    assert coffee.title == "Coffee"
    assert (language.title, language.chairs) == ("Session 2: Language", (Person("Carl Weiss"),))
    assert [(t.title, t.speakers[0].affiliation, _hm(t)) for t in language.items] == [
        ("Words", "MIT", ("11:00", "11:30")), ("Sentences", "ETH Zurich", ("11:30", "12:00"))]


SPAN_CLASSES = """<html><head><title>Schedule | Span Workshop 2022</title></head><body>
<h2>Program — Friday, December 2, 2022</h2>
<div class="slot"><span class="time">8:15 - 9:00</span> <span class="title">Keynote:
<a href="https://example.org/kn">Learned Systems</a></span> <span class="speaker">Tim Kraska (MIT)</span></div>
<table><tr><th>Time (CEST)<th>Event</tr>
<tr><td>09:00 AM<td><b>Invited Talk</b>: Jane Doe (Stanford) — <i>Making Models Small</i></tr>
<tr><td>10:30 AM<td>Panel Discussion<br>Panelists: A. Turing (Manchester), G. Hopper (Yale)</tr>
<tr><td>12:00 PM<td>Learning to walk; Dana Rex (MIT)</tr>
<tr><td>01:00 PM<td>Lunch</tr>
</table></body></html>"""


def test_span_classes_generic_title_parts_and_people_lines_in_cells():
    s = html_page.loads(SPAN_CLASSES)
    assert s.event.title == "Span Workshop 2022" and s.days[0].title is None
    keynote, invited, panel, walk, _ = s.talks()
    assert (keynote.title, keynote.speakers, keynote.url) == (
        "Keynote: Learned Systems", (Person("Tim Kraska", "MIT"),), "https://example.org/kn")
    assert (invited.title, invited.kind, invited.speakers) == (
        "Making Models Small", Kind.INVITED, (Person("Jane Doe", "Stanford"),))
    assert panel.speakers == (Person("A. Turing", "Manchester"), Person("G. Hopper", "Yale"))
    assert (walk.title, walk.speakers, _hm(walk)) == ("Learning to walk", (Person("Dana Rex", "MIT"),),
                                                       ("12:00", "13:00"))


ABSTRACTS = """# Abstract Day

- 9:00 - 9:30 PT Opening
- 9:30 - 10:00 PT *Deep Things*, Ann Smith, MIT

  **Abstract:** Why things are deep.

### 10:00 - 10:30 Keynote: *Wide Things*
Bob Jones (ETH Zurich)

Wide things are wide.
"""


def test_abstracts_and_a_zone_after_the_time_stay_out_of_titles():
    s = markdown.loads(ABSTRACTS)
    opening, deep, wide = s.talks()
    assert opening.title == "Opening" and opening.abstract is None
    assert (deep.title, deep.abstract.plain()) == ("Deep Things", "Why things are deep.")
    assert (wide.title, wide.speakers, wide.abstract.plain()) == (
        "Wide Things", (Person("Bob Jones", "ETH Zurich"),), "Wide things are wide.")


def test_an_absurd_minutes_each_is_not_read_as_a_count_and_does_not_crash():
    # a count of thousands of digits once reached int() and stopped the reader with a traceback
    page = "# W\n\n**9:00 - 10:00** Lightning talks (%s minutes each)\n\n- A\n- B\n" % ("9" * 5000)
    s = markdown.loads(page)
    talks = _talks(s)
    assert talks and all(t.end > t.start for t in talks)


# a German workshop page: foreign headers, a names column under an unknown header, and break
# words that are German but also one English title that must stay a talk
GERMAN_PAGE = """<html><head><title>Kleiner Workshop 2026</title></head><body>
<h2>Dienstag, 3. März 2026</h2>
<table>
<tr><th>Uhrzeit</th><th>Thema</th><th>Mitwirkende</th><th>Saal</th></tr>
<tr><td>9h00 - 9h30</td><td>Eröffnung</td><td></td><td>A</td></tr>
<tr><td>9h30 - 10h30</td><td>Pause and reflect</td><td>Ann Smith</td><td>A</td></tr>
<tr><td>10h30 - 11h</td><td>Kaffeepause</td><td></td><td>A</td></tr>
<tr><td>11h - 12h</td><td>Große Modelle</td><td>Bob Jones, Carl Weiss</td><td>A</td></tr>
<tr><td>12h - 13h</td><td>Mittagessen</td><td></td><td>A</td></tr>
<tr><td>13h - 13h15</td><td>Pause</td><td></td><td>A</td></tr>
<tr><td>13h15 - 14h</td><td>Daten und Dinge</td><td>Dana Rex</td><td>A</td></tr>
</table></body></html>
"""


def test_html_table_in_german_with_names_under_an_unknown_header(write):
    s = html_page.load(write(GERMAN_PAGE, "seite.html"))
    assert s.days[0].date == date(2026, 3, 3)
    got = [(t.title, t.kind, tuple(p.name for p in t.speakers), _hm(t)) for t in _talks(s)]
    assert got == [
        ("Eröffnung", Kind.REMARKS, (), ("09:00", "09:30")),
        ("Pause and reflect", Kind.TALK, ("Ann Smith",), ("09:30", "10:30")),
        ("Kaffeepause", Kind.BREAK, (), ("10:30", "11:00")),
        ("Große Modelle", Kind.TALK, ("Bob Jones", "Carl Weiss"), ("11:00", "12:00")),
        ("Mittagessen", Kind.MEAL, (), ("12:00", "13:00")),
        ("Pause", Kind.BREAK, (), ("13:00", "13:15")),
        ("Daten und Dinge", Kind.TALK, ("Dana Rex",), ("13:15", "14:00")),
    ]
