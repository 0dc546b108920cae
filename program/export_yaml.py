"""Write a Schedule as the hand-editable YAML format (the inverse of ``yaml_schedule.load``).

``dump(schedule, notes) -> str``. Times are written as ``HH:MM-HH:MM`` ranges in 24-hour form so
the file reads back to the same model without any guessing; talks whose times were implied by
their session are written without a time so the file keeps saying what the source said.
``notes`` maps a key path (``event.venue``) to a comment appended to that line, which is how an
import marks fields that a person added by hand.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

from program.model import Day, Person, Schedule, Session, Talk, ambiguous, zone as zone_info
from program.sources.naming import guess_kind, is_generated_id
from program.sources.richtext import to_markdown

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9 _./()'’@+-]*$")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def quote(text: str) -> str:
    """A YAML scalar for ``text``: plain where that is unambiguous, else double-quoted."""
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" ") \
            and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _span(start: datetime, end: datetime, zone: str | None = None) -> str:
    base = datetime.combine(start.date(), datetime.min.time())
    a = int((start - base).total_seconds() // 60)
    b = int((end - base).total_seconds() // 60)
    return f"{_hhmm(a)}{_pass(start, zone)}-{_hhmm(b)}{_pass(end, zone)}"


def _pass(moment: datetime, zone: str | None) -> str:
    """`` CET`` after a time that ``zone`` shows twice (the night the clocks go back): the
    abbreviation says which of the two it is; "" for every other time."""
    if not ambiguous(moment, zone):
        return ""
    name = moment.replace(tzinfo=zone_info(zone)).tzname() or ""
    return f" {name}" if re.fullmatch(r"[A-Z]{2,5}", name) else ""


def _time_lines(start: datetime, end: datetime, day: date | None,
                zone: str | None = None) -> list[str]:
    """The keys that say when an item is, so that it reads back to the same times: ``date:``
    when it starts on another date than its day (a frab event at 01:00 of the night after),
    then ``time:`` as a range, or a start and ``duration:`` when a range would read back
    otherwise (an end on a later day that the evening rule does not give)."""
    lines = [f"date: {start.date().isoformat()}"] if day is not None and start.date() != day \
        else []
    if end.date() == start.date() or _reads_as_next_day(start, end):  # (an end before the
        # start is written as it is: check reports it)
        return lines + [f"time: {_span(start, end, zone)}"]
    minutes = int((end - start).total_seconds() // 60)
    return lines + [f"time: {_hhmm(start.hour * 60 + start.minute)}{_pass(start, zone)}",
                    f"duration: {minutes}min"]


def _reads_as_next_day(start: datetime, end: datetime) -> bool:
    """True when the YAML reader puts the end of ``HH:MM-HH:MM`` on the next day, as it is:
    an evening start and an end in the small hours of the next day."""
    return end.date() == start.date() + timedelta(days=1) and start.hour >= 18 \
        and end.hour * 60 + end.minute <= 6 * 60


def _hhmm(minutes: int) -> str:
    """Zero-padded 24-hour time: ``09:00`` can never be read as 9 pm, whatever ``clock:`` says."""
    hour, minute = divmod(minutes % 1440, 60)
    return f"{hour:02d}:{minute:02d}"


def _person(p: Person) -> str:
    if p.affiliation and "," in p.name:
        return "{name: %s, affiliation: %s}" % (quote(p.name), quote(p.affiliation))
    return quote(p.display())


class _Writer:
    def __init__(self, notes: dict[str, str]):
        self.lines: list[str] = []
        self.notes = notes
        self.zone: str | None = None  # the event's: a repeated time is written with its name

    def add(self, indent: int, text: str, path: str = "") -> None:
        note = self.notes.get(path)
        self.lines.append(" " * indent + text + (f"  # {note}" if note else ""))

    def people(self, indent: int, key: str, people: tuple[Person, ...]) -> None:
        if len(people) == 1:
            self.add(indent, f"{key}: {_person(people[0])}")
        elif people:
            self.add(indent, f"{key}:")
            for p in people:
                self.add(indent + 2, f"- {_person(p)}")


def dump(schedule: Schedule, notes: dict[str, str] | None = None) -> str:
    """Serialize ``schedule`` as YAML text in the documented format."""
    w = _Writer(notes or {})
    ev = schedule.event
    w.zone = ev.timezone
    if "header" in w.notes:
        for line in w.notes["header"].splitlines():
            w.lines.append(f"# {line}".rstrip())
    w.add(0, "event:")
    for key in ("title", "subtitle", "venue", "url", "timezone", "language", "clock", "talk_url"):
        value = getattr(ev, key)
        if value and not (key == "language" and value == "en"):
            w.add(2, f"{key}: {quote(value)}", f"event.{key}")
    if ev.organizers:
        w.add(2, "organizers:", "event.organizers")
        for name in ev.organizers:
            w.add(4, f"- {quote(name)}")
    if schedule.rooms:
        w.add(0, "rooms:")
        for room in schedule.rooms:
            if room.id == room.name:
                w.add(2, f"- {quote(room.name)}")
            else:
                w.add(2, f"- {{id: {quote(room.id)}, name: {quote(room.name)}}}")
    _theme(w, schedule)
    w.add(0, "days:")
    for i, day in enumerate(schedule.days):
        _day(w, day, f"days[{i}]", schedule.event.date_known)
    return "\n".join(w.lines) + "\n"


def _theme(w: _Writer, schedule: Schedule) -> None:
    th = schedule.theme
    fields = []
    if th.paper != "a5":
        fields.append(f"paper: {th.paper}")
    if th.logo:
        fields.append(f"logo: {quote(th.logo)}")
    if th.clock:
        fields.append(f"clock: {th.clock}")
    if not th.qr:
        fields.append("qr: false")
    if th.pdfa:
        fields.append("pdfa: true")
    if th.poster_qr:
        fields.append("poster_qr: true")
    if th.poster_board_prefix:
        fields.append("poster_board_prefix: true")
    if not fields and not th.colors and not th.labels:
        return
    w.add(0, "theme:")
    for f in fields:
        w.add(2, f)
    if th.colors:
        w.add(2, "colors:")
        for key, value in th.colors:
            w.add(4, f"{quote(key)}: \"{value}\"")
    if th.labels:
        w.add(2, "labels:")
        for key, words in th.labels:
            w.add(4, f"{quote(key)}: {quote(words)}")


def _day(w: _Writer, day: Day, path: str, known: bool = True) -> None:
    if known:
        w.add(2, f"- date: {day.date.isoformat()}", f"{path}.date")
    else:  # the source named no date: say so rather than write a made-up one
        w.lines.append("  - date: unknown  # the source names no date: write it as YYYY-MM-DD")
    if day.title:
        w.add(4, f"title: {quote(day.title)}")
    if day.notes:  # what is on all day (from a calendar)
        w.add(4, "notes:")
        for note in day.notes:
            w.add(6, f"- {quote(note)}")
    w.add(4, "items:")
    on = day.date if known else None  # (placeholder dates are never written)
    for entry in day.entries:
        if isinstance(entry, Session):
            _session(w, entry, on)
        else:
            _talk(w, entry, 6, with_time=True, on=on)


def _session(w: _Writer, s: Session, on: date | None) -> None:
    """A session of the day dated ``on`` (None: a day whose date the source did not name)."""
    w.add(6, f"- session: {quote(s.title)}")
    if not is_generated_id(s.id, "session " + s.title):
        w.add(8, f"id: {quote(s.id)}")
    for line in _time_lines(s.start, s.end, on, w.zone):
        w.add(8, line)
    if s.room:
        w.add(8, f"room: {quote(s.room)}")
    if s.kind:
        w.add(8, f"kind: {s.kind.value}")
    w.people(8, "chairs", s.chairs)
    if s.description:
        w.add(8, f"description: {quote(to_markdown(s.description))}")
    implied = [t for t in s.items if t.times_implied]
    lengths = {t.duration for t in implied}
    if implied and len(lengths) == 1:
        w.add(8, f"each: {int(next(iter(lengths)).total_seconds() // 60)}min")
    if s.items:
        w.add(8, "talks:")
        for talk in s.items:
            _talk(w, talk, 10, with_time=not talk.times_implied, room=s.room,
                  on=s.start.date() if on else None)


def _talk(w: _Writer, t: Talk, indent: int, with_time: bool, room: str | None = None,
          on: date | None = None) -> None:
    """An item; its times said against the date ``on`` (its day's or session's)."""
    first = True

    def add(text: str) -> None:
        nonlocal first
        w.add(indent + 2 if not first else indent, ("- " if first else "") + text)
        first = False

    if with_time:
        for line in _time_lines(t.start, t.end, on, w.zone):
            add(line)
    add(f"title: {quote(t.title)}")
    if t.subtitle:
        add(f"subtitle: {quote(t.subtitle)}")
    if t.kind != guess_kind(t.title):
        add(f"kind: {t.kind.value}")
    if t.room and t.room != room:
        add(f"room: {quote(t.room)}")
    if not is_generated_id(t.id, t.title):
        add(f"id: {quote(t.id)}")
    w.people(indent + 2, "speakers", t.speakers)
    for key in ("abstract", "description", "url", "track", "board"):
        value = getattr(t, key)
        if value:  # (rich text as Markdown, which the YAML reader reads back the same)
            add(f"{key}: {quote(value if isinstance(value, str) else to_markdown(value))}")
    if t.links:
        add("links:")
        for link in t.links:
            w.add(indent + 4, f"- {{label: {quote(link.label)}, url: {quote(link.url)}}}")

