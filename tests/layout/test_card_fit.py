"""What a badge card leaves out it says: a session shown without its talks carries "+N
talks" under it, every talk a card lists has its time, and one card holds every day of an
event when they fit (each under its day's heading). Asserted on the cards' data."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bench import synthetic
from program.language import language_of
from program.layout.cards import layout_cards, parse_card_size
from program.layout.grid import time_label
from program.model import Schedule, Session
from program.sources.yaml_schedule import load, loads

from conftest import DATA


def two_days(schedule: Schedule) -> Schedule:
    """``schedule``'s one day as a two-day workshop: the morning on the first day, the
    afternoon (the same hours) on the next."""
    (day,) = schedule.days
    noon = len(day.entries) // 2
    later = timedelta(days=1)

    def moved(entry):
        items = tuple(replace(t, start=t.start + later, end=t.end + later)
                      for t in getattr(entry, "items", ()))
        entry = replace(entry, start=entry.start + later, end=entry.end + later)
        return replace(entry, items=items) if isinstance(entry, Session) else entry

    second = replace(day, date=day.date + later,
                     entries=tuple(moved(e) for e in day.entries[noon:]))
    return replace(schedule, days=(replace(day, entries=day.entries[:noon]), second))


def accounted(schedule: Schedule, cards) -> None:
    """Every talk of ``schedule`` is on the cards with its start time, or counted in the
    "+N talks" line under its session's row; no talk is left out silently."""
    rows = {p.row.item_id: p.row for card in cards for p in card.rows}
    lang = language_of(schedule)
    zone = schedule.event.timezone
    for day in schedule.days:
        for entry in day.entries:
            talks = entry.items if isinstance(entry, Session) else (entry,)
            listed = [t for t in talks if t.id in rows]
            for talk in listed:
                assert rows[talk.id].time == time_label(talk.start, "24h", zone), talk.title
            if len(listed) < len(talks):  # folded: the session's row says how many
                assert isinstance(entry, Session) and not listed, entry.title
                said = lang.plural("+{count} talk", "+{count} talks", len(talks),
                                   count=str(len(talks)))
                text = rows[entry.id].text.text()
                assert text.endswith(" · " + said), (entry.title, text)


@pytest.mark.parametrize("size", ["4x3in", "4x6in", "a6"])
def test_a_conference_day_too_long_for_a_card_says_what_each_session_holds(size):
    schedule = loads(synthetic.generate("conference"), "conference.yaml")
    result = layout_cards(schedule, parse_card_size(size), "24h", 0.0)
    text = "\n".join(p.row.text.text() for card in result.cards for p in card.rows)
    assert "talks" in text  # some sessions are folded on a card this small ...
    accounted(schedule, result.cards)  # ... and each says how many talks it holds
    assert len([w for w in result.warnings if "shown as the count" in w]) <= len(schedule.days)


def test_a_two_day_workshop_goes_on_one_card_with_day_headings_and_every_talk():
    schedule = two_days(load(DATA))
    result = layout_cards(schedule, parse_card_size("4x6in"), "24h", 0.0)
    (card,) = result.cards
    titles = [p.row.title for p in card.rows]
    headings = [p.row for p in card.rows if p.row.item_id.startswith("day-")]
    assert len(headings) == len(schedule.days) and all(not h.time for h in headings)
    assert titles.index(headings[0].title) < titles.index(headings[1].title)
    accounted(schedule, [card])
    listed = {p.row.item_id for p in card.rows}
    assert all(t.id in listed for day in schedule.days for t in day.talks())  # it fits whole


def test_days_that_fit_only_as_sessions_share_a_card_saying_what_each_holds():
    schedule = two_days(load(DATA))
    result = layout_cards(schedule, parse_card_size("4x3in"), "24h", 0.0)
    (card,) = result.cards  # the sessions of both days fit one small card at a legible size
    assert card.size >= 7
    accounted(schedule, [card])
    folded = [p for p in card.rows if p.row.text.text().endswith(("talk", "talks"))]
    assert folded
    (warning,) = [w for w in result.warnings if "shown as the count" in w]  # said once
    assert f"{sum(1 for _ in folded) - 1} more" in warning
