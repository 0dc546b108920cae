"""The seed's Markdown: read generally, nothing lost, and the same as the committed data file."""
from dataclasses import replace
from datetime import date, datetime

import pytest

from program.errors import UserError
from program.model import Kind, Person, Session
from program.sources import markdown
from program.sources.markdown import parse_heading, parse_item_text, parse_sub_item
from program.sources.transform import move_to_date
from program.sources.yaml_schedule import load

from conftest import DATA, SEED


def _strip_added(schedule):
    """The schedule without the fields a person added to the data file (URLs)."""
    days = []
    for day in schedule.days:
        entries = []
        for e in day.entries:
            if isinstance(e, Session):
                entries.append(replace(e, items=tuple(replace(t, url=None) for t in e.items)))
            else:
                entries.append(replace(e, url=None))
        days.append(replace(day, entries=tuple(entries)))
    return tuple(days)


def test_import_reproduces_the_data_file():
    imported = move_to_date(markdown.load(SEED), date(2019, 12, 13))
    committed = load(DATA)
    assert _strip_added(imported) == _strip_added(committed)
    assert committed.rooms == imported.rooms == ()


def test_bonanza_talks_are_ten_minutes_each():
    schedule = markdown.load(SEED)
    bonanza = next(s for s in schedule.days[0].sessions() if s.title == "Systems Bonanza")
    assert [t.start.strftime("%H:%M") for t in bonanza.items] == [
        "13:30", "13:40", "13:50", "14:00", "14:10", "14:20",
        "14:30", "14:40", "14:50", "15:00", "15:10", "15:20"]
    assert all(t.duration.total_seconds() == 600 for t in bonanza.items)
    assert bonanza.chairs == (Person("Dan Crankshaw", "Microsoft Research"),)
    assert bonanza.items[8].speakers == (Person("Matei Zaharia", "Stanford University and Databricks"),)


def test_nothing_of_the_seed_is_lost():
    """Every name, affiliation, title word and time of the seed appears in the model."""
    seed = SEED.read_text(encoding="utf-8")
    schedule = markdown.load(SEED)
    people = {p.name for p in schedule.people()} | {p.affiliation for p in schedule.people()}
    titles = " ".join(t.title for t in schedule.talks()) + " " + " ".join(
        s.title for d in schedule.days for s in d.sessions())
    for name in ["Aparna Lakshmiratan", "Joelle Pineau", "Sid Sen", "Vivienne Sze", "Dan Crankshaw",
                 "Dmytro Dzhulgakov", "Jonathan Hseu", "Yifei Feng", "Tianqi Chen",
                 "Robert Nishihara", "Faith Xu", "Reza Farhadi", "Shashi Gowda", "Matei Zaharia",
                 "Peter Mattson", "Paul Mineiro", "Alex Smola", "Sarah Bird", "Ryota Tomioka",
                 "Facebook AI", "McGill University and Facebook", "MIT", "Microsoft Research",
                 "Google Brain", "OctoML", "UC Berkeley", "Apple", "Amazon Web Services"]:
        assert name in seed
        assert name in people, name
    for word in ["Reproducibility", "SLIDE", "V100-GPU", "NeMo", "Neural Modules", "Poster Overview",
                 "Graphcore IPU", "LISA", "5 Parallel Prism", "Computational Memory", "Lunch",
                 "Closing Remarks", "Opening Remarks", "Systems Bonanza", "Morning Poster Session",
                 "Afternoon Poster Session", "Session 3: Invited Talks", "Microsoft RL Systems",
                 "ONNX Runtime", "Keynote 1", "Keynote 2", "Keynote 3"]:
        assert word in titles, word
    spans = {(t.start.strftime("%H:%M"), t.end.strftime("%H:%M")) for t in schedule.talks()}
    for span in [("08:30", "08:40"), ("08:40", "09:10"), ("09:50", "10:00"), ("10:00", "11:10"),
                 ("12:00", "13:30"), ("15:30", "16:30"), ("16:30", "17:00"), ("17:20", "17:30")]:
        assert span in spans, span


def test_heading_forms():
    assert parse_heading("Session 1: Chair Aparna Lakshmiratan, Facebook AI") == (
        "Session 1", (Person("Aparna Lakshmiratan", "Facebook AI"),))
    assert parse_heading("Morning Poster Session: Chair: Sid Sen, Microsoft Research") == (
        "Morning Poster Session", (Person("Sid Sen", "Microsoft Research"),))
    assert parse_heading("Session 2: Sid Sen, Microsoft Research") == (
        "Session 2", (Person("Sid Sen", "Microsoft Research"),))
    assert parse_heading("Session 3: Invited Talks, Sarah Bird, Microsoft Research") == (
        "Session 3: Invited Talks", (Person("Sarah Bird", "Microsoft Research"),))
    assert parse_heading("Afternoon Poster Session") == ("Afternoon Poster Session", ())


def test_item_text_forms():
    title, kind, speakers, each = parse_item_text(
        "Keynote 2: *Balancing Efficiency and Flexibility for DNN Acceleration*, Vivienne Sze, MIT")
    assert (title, kind, speakers, each) == (
        "Keynote 2: Balancing Efficiency and Flexibility for DNN Acceleration", Kind.KEYNOTE,
        (Person("Vivienne Sze", "MIT"),), None)
    title, kind, speakers, _ = parse_item_text("Contributed Talk: *NeMo: A Toolkit*")
    assert (title, kind, speakers) == ("NeMo: A Toolkit", Kind.CONTRIBUTED, ())
    assert parse_item_text("Systems Bonanza (10 minutes each)")[3] == 10
    assert parse_item_text("Opening Remarks, Aparna Lakshmiratan, Facebook AI")[2] == (
        Person("Aparna Lakshmiratan", "Facebook AI"),)
    assert parse_sub_item("ONNX Runtime (Faith Xu, Microsoft)") == (
        "ONNX Runtime", (Person("Faith Xu", "Microsoft"),))


def test_other_markdown_in_the_same_style():
    text = """# Tiny Workshop

### Morning: Chair Ada Lovelace, Analytical Engines
9:00 - 9:45 &nbsp; Keynote: *Engines*, Charles Babbage, Cambridge

10:00am - 10:30am &nbsp; Coffee

---

11:00 - 1:00 Lightning round
  + One (A B, X)
  + Two (C D, Y)
  + Three (E F, Z)
  + Four (G H, W)
"""
    s = markdown.loads(text)
    assert s.event.title == "Tiny Workshop"
    talks = list(s.talks())
    assert [t.title for t in talks] == ["Engines", "Coffee", "One", "Two", "Three", "Four"]
    assert talks[0].kind is Kind.KEYNOTE and talks[1].kind is Kind.BREAK
    assert talks[-1].end == datetime(2000, 1, 1, 13, 0)  # 11:00 - 1:00 is 11 to 13
    assert talks[3].start == datetime(2000, 1, 1, 11, 30)  # split evenly: 30 min each


def test_unreadable_line_is_located(write):
    """Prose around the schedule is skipped; a line that looks like an entry but cannot be
    read is a warning naming its line (issue 13: never a refusal of the whole page)."""
    path = write("# X\n\n8:00 - 9:00 Talk\nwhat is this\n\n25:61 - 9:00 Broken\n", "s.md")
    schedule = markdown.load(path)
    assert [t.title for t in schedule.talks()] == ["Talk"]
    assert [where.line for where in (n.where for n in schedule.notices)] == [6]
