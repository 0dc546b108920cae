"""The CSV reader on tables shaped like real spreadsheet and exporter output: the column
names they use, day-first and month-first dates, UTC offsets, voctosched speakers, and
columns it does not know (reported, never dropped silently)."""
from __future__ import annotations

from datetime import datetime

import pytest

from program.checks import check
from program.errors import UserError
from program.model import Person
from program.sources import csv_table
from program.sources.transform import to_timezone


def rows(path):
    return [(t.title, t.start, t.end, t.room, tuple(p.name for p in t.speakers))
            for t in csv_table.load(path).talks()]


def warnings(schedule):
    return [p.message for p in check(schedule) if p.severity == "warning"]


# shaped like a voctosched demo: Day beside Date, Abstract beside Description, id:name
VOCTO = """\
Room,Date,Day,Start,Duration,Title,ID,Abstract,Description,Language,Speakers,File URL
Studio,2019-05-30,1,19:00,1:30,Hack night intro,7,Short: what we build,"Longer text:

    a film, a game jam",de,3:Mira|4:Tom Berg,https://media.example.org/7.mkv
Keller,2019-05-30,1,20:00,0:45,Soldering,8,,Bring a *board*.,de,5:Ana,
"""


def test_voctosched_columns(write):
    schedule = csv_table.load(write(VOCTO, "v.csv"))
    first, second = schedule.talks()
    assert (first.start, first.end) == (datetime(2019, 5, 30, 19), datetime(2019, 5, 30, 20, 30))
    assert [p.name for p in first.speakers] == ["Mira", "Tom Berg"]
    assert first.abstract.plain() == "Short: what we build"
    assert "a game jam" in first.description.plain()
    assert second.abstract is None and second.description.plain() == "Bring a board."
    notes = warnings(schedule)
    ignored = [n for n in notes if "is not one this reader knows" in n]
    assert len(ignored) == 1  # each column once, not once per row
    assert "'Language'" in ignored[0]
    assert not any("'Day'" in n for n in notes)  # Day beside Date is the same day


# shaped like a conference-tool agenda: UTC starttime/endtime, fullname, talk_format
AGENDA = """\
submission_id,title,abstract,fullname,talk_format,starttime,endtime,url,track
0,Opening,"Welcome with **the organizers**",Organizers,Keynote,2020-05-25 12:40:00+00:00,2020-05-25 13:00:00+00:00,https://example.org/1,main
1,Sound maps,"<p>Cortex and <em>space</em>.</p>",Jo Kim (University of X; Lab Y),Short talk,2020-05-25 13:00:00+00:00,2020-05-25 13:15:00+00:00,https://example.org/2,A
2,Late one,,"Li Wu (Uni, Town)",Short talk,2020-05-25 23:50:00+00:00,2020-05-26 00:10:00+00:00,,B
"""


def test_agenda_in_utc_with_fullname(write):
    schedule = csv_table.load(write(AGENDA, "a.csv"))
    talks = list(schedule.talks())
    assert schedule.event.timezone == "UTC"
    assert [(t.start, t.end) for t in talks][0] == (datetime(2020, 5, 25, 12, 40),
                                                    datetime(2020, 5, 25, 13))
    assert talks[1].speakers == (Person("Jo Kim", "University of X; Lab Y"),)
    assert talks[2].speakers == (Person("Li Wu", "Uni, Town"),)
    assert [t.id for t in talks] == ["0", "1", "2"]
    assert [t.kind.value for t in talks][:2] == ["keynote", "talk"]
    # Markdown and HTML are read as rich text, not printed as markup
    assert talks[0].abstract.plain() == "Welcome with the organizers"
    assert any(r.strong for r in talks[0].abstract.runs())
    assert talks[1].abstract.plain() == "Cortex and space."
    assert any("printed in UTC" in n for n in warnings(schedule))


def test_agenda_printed_in_the_zone_asked_for(write):
    schedule = to_timezone(csv_table.load(write(AGENDA, "a.csv")), "Europe/Berlin")
    talks = list(schedule.talks())
    assert (talks[0].start, talks[2].end) == (datetime(2020, 5, 25, 14, 40),
                                              datetime(2020, 5, 26, 2, 10))
    assert not any("printed in UTC" in n for n in warnings(schedule))


def test_one_offset_is_kept_as_the_zone(write):
    path = write("Title,Start,End\nA,2024-03-01T09:00+01:00,2024-03-01T09:30+01:00\n"
                 "B,2024-03-01T10:00+01:00,10:45\n", "o.csv")
    schedule = csv_table.load(path)
    assert schedule.event.timezone == "Etc/GMT-1"
    assert rows(path) == [("A", datetime(2024, 3, 1, 9), datetime(2024, 3, 1, 9, 30), None, ()),
                          ("B", datetime(2024, 3, 1, 10), datetime(2024, 3, 1, 10, 45), None, ())]


def test_several_offsets_become_utc(write):
    # the night the clocks go back in Berlin: +02:00, then +01:00
    path = write("Title,Start,End\nA,2024-10-27T02:30+02:00,2024-10-27T02:45+02:00\n"
                 "B,2024-10-27T02:30+01:00,2024-10-27T02:45+01:00\n", "d.csv")
    schedule = csv_table.load(path)
    assert schedule.event.timezone == "UTC"
    assert [t.start for t in schedule.talks()] == [datetime(2024, 10, 27, 0, 30),
                                                   datetime(2024, 10, 27, 1, 30)]
    berlin = [t.start for t in to_timezone(schedule, "Europe/Berlin").talks()]
    assert berlin == [datetime(2024, 10, 27, 2, 30), datetime(2024, 10, 27, 2, 30, fold=1)]


# shaped like an events-platform export: Session Title as the talk title, Time Start/End
SESSIONS = """\
Session Title,Day,Time Start,Time End,Room/Location,Description,Speakers,institution,coauthors
Opening words,09-18-2015,9:00 AM,9:15 AM,Main Hall,Hello.,Pat Lee,Uni A,
Graph talk,09-18-2015,9:15 AM,10:00 AM,Room 2,"# not a heading

- one
- two",Sam Roe,Uni B,Kit Poe
Closing,09-19-2015,4:00 PM,4:30 PM,Main Hall,,,,
"""


def test_session_title_day_and_us_dates(write):
    path = write(SESSIONS, "s.csv")
    assert rows(path) == [
        ("Opening words", datetime(2015, 9, 18, 9), datetime(2015, 9, 18, 9, 15), "Main Hall",
         ("Pat Lee",)),
        ("Graph talk", datetime(2015, 9, 18, 9, 15), datetime(2015, 9, 18, 10), "Room 2",
         ("Sam Roe", "Kit Poe")),
        ("Closing", datetime(2015, 9, 19, 16), datetime(2015, 9, 19, 16, 30), "Main Hall", ()),
    ]
    schedule = csv_table.load(path)
    graph = list(schedule.talks())[1]
    assert [p.affiliation for p in graph.speakers] == ["Uni B", "Uni B"]
    assert graph.abstract is not None and "#" not in graph.abstract.plain()
    assert not any("is not one this reader knows" in n for n in warnings(schedule))


@pytest.mark.parametrize("dates,expected", [
    (("18/09/2015", "03/09/2015"), [(2015, 9, 18), (2015, 9, 3)]),   # a day above 12 first
    (("03/09/2015", "18/09/2015"), [(2015, 9, 3), (2015, 9, 18)]),   # ... or later
    (("09-03-2015", "09-18-2015"), [(2015, 9, 3), (2015, 9, 18)]),   # month first
    (("05/05/2015", "2015/05/06"), [(2015, 5, 5), (2015, 5, 6)]),    # the same either way
    (("03.09.2015", "2015-09-04"), [(2015, 9, 3), (2015, 9, 4)]),    # dotted: day first
])
def test_dates_read_by_what_the_file_shows(dates, expected, write):
    text = "Date,Start,Duration,Title\n" + "".join(
        f"{d},10:00,30,T{i}\n" for i, d in enumerate(dates))
    days = [t.start.date() for t in csv_table.load(write(text, "d.csv")).talks()]
    assert [(d.year, d.month, d.day) for d in days] == sorted(expected)


@pytest.mark.parametrize("dates,message", [
    (("03/09/2015", "04/09/2015"), ":2: error: '03/09/2015' could be day first or month first"),
    (("18/09/2015", "09/18/2015"), ":3: error: '09/18/2015' is month first, but '18/09/2015' "
                                   "(line 2) is day first"),
])
def test_dates_that_cannot_be_told_name_the_line(dates, message, write):
    text = "Date,Start,Duration,Title\n" + "".join(
        f"{d},10:00,30,T{i}\n" for i, d in enumerate(dates))
    with pytest.raises(UserError) as info:
        csv_table.load(write(text, "d.csv"))
    assert message in str(info.value)


def test_dates_inside_start_cells_decide_too(write):
    path = write("Title,Start,End\nA,09/18/2015 9:00,9:30\nB,09/03/2015 9:00,9:30\n", "x.csv")
    assert [t.start for t in csv_table.load(path).talks()] == [datetime(2015, 9, 3, 9),
                                                               datetime(2015, 9, 18, 9)]


def test_semicolon_affiliation_of_one_speaker_stays_whole(write):
    path = write("Title,Date,Start,End,Speakers,Affiliation\n"
                 "A,2024-03-01,9:00,9:30,Ann Lee,Dept. of Physics; Uni X\n"
                 "B,2024-03-01,9:30,10:00,Bo Li; Cy Ng,Uni Y; Uni Z\n", "a.csv")
    first, second = csv_table.load(path).talks()
    assert first.speakers == (Person("Ann Lee", "Dept. of Physics; Uni X"),)
    assert second.speakers == (Person("Bo Li", "Uni Y"), Person("Cy Ng", "Uni Z"))


def test_a_column_without_heading_that_holds_values_is_reported(write):
    path = write("Title,Date,Start,Duration,\nA,2024-03-01,9:00,30,kept somewhere?\n", "h.csv")
    notes = warnings(csv_table.load(path))
    assert any("no heading, column 5" in n for n in notes)


def test_session_title_beside_title_is_the_session(write):
    path = write("Title,Session Title,Date,Start,Duration\nTalk,Morning,2024-03-01,9:00,30\n",
                 "s.csv")
    (day,) = csv_table.load(path).days
    (session,) = day.entries
    assert session.title == "Morning" and session.items[0].title == "Talk"


def test_link_columns_become_links(write):
    schedule = csv_table.load(write(VOCTO, "v.csv"))
    first, second = schedule.talks()
    assert [(l.label, l.url) for l in first.links] == [("File", "https://media.example.org/7.mkv")]
    assert second.links == ()


def test_track_without_room_is_the_column(write):
    schedule = csv_table.load(write(AGENDA, "a.csv"))
    assert [t.room for t in schedule.talks()] == ["main", "A", "B"]
    assert [t.track for t in schedule.talks()] == ["main", "A", "B"]


def test_a_day_that_is_no_date_asks_for_a_date_column(write):
    path = write("Title,Day,Start,Duration\nA,Friday,9:00,30\n", "d.csv")
    with pytest.raises(UserError) as info:
        csv_table.load(path)
    assert ":2: error: Day 'Friday' is not a date, and there is no Date column" in str(info.value)


def test_dates_with_month_names(write):
    path = write('Title,Date,Start,End\nA,"Friday, September 18, 2015",9:00 AM,9:30 AM\n'
                 'B,19 Sep 2015,10:00,10:30\nC,,"Sep 20, 2015 2:00 PM",2:45 PM\n', "n.csv")
    assert [(t.title, t.start, t.end) for t in csv_table.load(path).talks()] == [
        ("A", datetime(2015, 9, 18, 9), datetime(2015, 9, 18, 9, 30)),
        ("B", datetime(2015, 9, 19, 10), datetime(2015, 9, 19, 10, 30)),
        ("C", datetime(2015, 9, 20, 14), datetime(2015, 9, 20, 14, 45))]


def test_calendar_export_columns_and_excel_separator_line(write):
    # a calendar program's CSV as a spreadsheet saves it: "sep=;" first, End Date apart
    path = write("sep=;\nSubject;Start Date;Start Time;End Date;End Time;Location\n"
                 "Hack night;27.12.2024;22:00;28.12.2024;02:00;Hall 3\n"
                 "Breakfast;28.12.2024;08:00;28.12.2024;09:00;Hall 3\n", "o.csv")
    talks = list(csv_table.load(path).talks())
    assert [(t.title, t.start, t.end, t.room) for t in talks] == [
        ("Hack night", datetime(2024, 12, 27, 22), datetime(2024, 12, 28, 2), "Hall 3"),
        ("Breakfast", datetime(2024, 12, 28, 8), datetime(2024, 12, 28, 9), "Hall 3")]
    assert talks[0].where.line == 3


# headings in four languages, accents and case as organizers type them
@pytest.mark.parametrize("header,date", [
    ("Titel,Referent,Raum,Datum,Beginn,Ende", "3. März 2026"),
    ("Thema,Sprecher,Saal,Datum,Anfang,Ende", "2026-03-03"),
    ("TITRE,Intervenant,Salle,Date,Début,Fin", "3 mars 2026"),
    ("Título,Ponente,Sala,Fecha,Inicio,Fin", "3 de marzo de 2026"),
    ("titolo,relatore,aula,data,inizio,fine", "3 marzo 2026"),
])
def test_headings_in_other_languages(header, date, write):
    text = f'{header}\nEröffnung,Ana Ruiz,A,"{date}",9h30,11h\nZwei,Bo,B,"{date}",9:00:00 AM,noon\n'
    (second, first) = rows(write(text, "s.csv"))  # in order of start
    assert first == ("Eröffnung", datetime(2026, 3, 3, 9, 30), datetime(2026, 3, 3, 11), "A",
                     ("Ana Ruiz",))
    assert second[1:3] == (datetime(2026, 3, 3, 9), datetime(2026, 3, 3, 12))


@pytest.mark.parametrize("cell,start,end", [
    ("9:00–10:30", (9, 0), (10, 30)), ("9-10:30", (9, 0), (10, 30)),
    ("9.30-11h", (9, 30), (11, 0)), ("11:30 - 1:00", (11, 30), (13, 0)),
])
def test_a_range_in_one_cell(cell, start, end, write):
    (talk,) = rows(write(f"Title,Date,Time\nT,March 3 2026,{cell}\n", "r.csv"))
    assert (talk[1], talk[2]) == (datetime(2026, 3, 3, *start), datetime(2026, 3, 3, *end))
