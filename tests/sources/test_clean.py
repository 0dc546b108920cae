"""Text cleaning (program/sources/clean.py): the warning for each bidi control removed names
the item that holds the text, in source order, however deep in it the text is."""
from __future__ import annotations

from program.sources.clean import clean
from program.sources.yaml_schedule import loads

SCHEDULE = """\
event:
  title: "Event \\u202eX"
  organizers: ["Org \\u2066A\\u2069"]
rooms:
  - "Hall \\u202bB"
days:
  - date: 2024-05-06
    title: "Day \\u202eone"
    items:
      - session: "Session \\u202eS"
        time: 9:00-10:00
        room: "Hall B"
        chairs: ["Chair \\u202dC, Uni \\u202eU"]
        description: "Desc \\u2067d"
        talks:
          - title: "Talk \\u202eT"
            time: 9:00-9:30
            speakers: [{name: "Sp \\u202eeaker", affiliation: "Aff \\u202ei"}]
            abstract: "Abs **bold \\u202eb** and [link \\u2066l](https://e.org)"
            links: [{label: "Slides \\u202e", url: "https://e.org/s"}]
            track: "Track \\u202e"
      - title: "Lunch \\u202e"
        time: 12:00-13:00
"""
RLO, LRI = "U+202E RIGHT-TO-LEFT OVERRIDE", "U+2066 LEFT-TO-RIGHT ISOLATE"


def test_each_bidi_control_is_named_with_the_item_that_holds_it():
    schedule = clean(loads(SCHEDULE, "s.yaml"))
    said = [(n.where.line, n.message) for n in schedule.notices]
    talk, session = "'Talk T' (09:00): bidi control character", \
        "'Session S' (09:00): bidi control character"
    assert said == [
        (2, f"the event: bidi control character {RLO} removed from its title"),
        (2, f"the event: bidi control character {LRI}, U+2069 POP DIRECTIONAL ISOLATE "
            "removed from its organizers"),
        (5, "room 'Hall B': bidi control character U+202B RIGHT-TO-LEFT EMBEDDING removed "
            "from its name"),
        (7, f"day 2024-05-06: bidi control character {RLO} removed from its title"),
        (10, f"{session} {RLO} removed from its title"),
        (16, f"{talk} {RLO} removed from its title"),
        (16, f"{talk} {RLO} removed from its track"),
        (16, f"{talk} {RLO} removed from a person's name"),
        (16, f"{talk} {RLO} removed from a person's affiliation"),
        (16, f"{talk} {RLO} removed from a run's text"),
        (16, f"{talk} {LRI} removed from a run's text"),
        (16, f"{talk} {RLO} removed from a link's label"),
        (10, f"{session} U+202D LEFT-TO-RIGHT OVERRIDE removed from a person's name"),
        (10, f"{session} {RLO} removed from a person's affiliation"),
        (10, f"{session} U+2067 RIGHT-TO-LEFT ISOLATE removed from a run's text"),
        (22, f"'Lunch' (12:00): bidi control character {RLO} removed from its title"),
    ]
    assert clean(schedule).notices == schedule.notices  # nothing left to remove


def test_clean_text_is_the_same_object():
    schedule = loads(SCHEDULE.replace("\\u202e", "").replace("\\u202b", "").replace(
        "\\u2066", "").replace("\\u2069", "").replace("\\u202d", "").replace("\\u2067", ""))
    assert clean(schedule) is schedule


def test_a_value_that_is_not_what_its_annotation_says_is_still_cleaned():
    """The walk reads each field's kind from its annotation (a plan per class, to look at
    less), but a reader that puts text where a flag or people are meant still has that text
    cleaned, as before the plan."""
    from dataclasses import replace

    schedule = loads(SCHEDULE, "s.yaml")
    talk = schedule.days[0].entries[0].items[0]
    odd = replace(talk, speakers=("Sp \u202eeaker\n",), times_implied="A\tB",
                  abstract="Abs\r\ntract")
    day = replace(schedule.days[0], entries=(replace(schedule.days[0].entries[0],
                                                     items=(odd,)),))
    cleaned = clean(replace(schedule, days=(day,))).days[0].entries[0].items[0]
    assert cleaned.speakers == ("Sp eaker\n",)  # (not a single-line field by its name)
    assert cleaned.times_implied == "A B"
    assert cleaned.abstract == "Abs\ntract"


def test_in_watch_an_item_that_needed_no_cleaning_is_not_looked_at_again():
    """The YAML reader gives an unchanged session as the same object in --watch; clean()
    then skips it (and its talks). Items that needed cleaning are cleaned every time.

    Shown by a control character slipped into a clean talk behind clean()'s back (the
    model is frozen: only this test can do that): a warm clean() of the same session does
    not look again; a cold one does."""
    from program.memo import keep_warm

    keep_warm(True)
    try:
        dirty = loads(SCHEDULE, "s.yaml")
        first = clean(dirty)
        assert clean(dirty) == first and clean(dirty).notices == first.notices
        tidy = loads(SCHEDULE.replace("\\u202e", "").replace("\\u202b", "").replace(
            "\\u2066", "").replace("\\u2069", "").replace("\\u202d", "").replace("\\u2067", ""))
        assert clean(tidy) is tidy
        talk = tidy.days[0].entries[0].items[0]
        object.__setattr__(talk, "title", "Talk \u202eT")
        assert clean(tidy) is tidy  # (the session was not looked at again)
        assert clean(dirty) == first  # (its items needed cleaning: cleaned again)
    finally:
        keep_warm(False)
    assert clean(tidy).days[0].entries[0].items[0].title == "Talk T"
