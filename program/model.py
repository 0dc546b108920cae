"""The schedule model: what an event *is*, independent of any file format or page.

Everything here is a frozen dataclass. Times are real values: ``datetime`` for the start and
end of every item (naive wall-clock time in the event's time zone, named by
``Event.timezone``), ``date`` for days. Source positions (``Where``) travel with the objects so
that checks can point at the line a person must fix, but they never take part in equality:
two schedules read from different files compare equal when they say the same thing.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterator


class Kind(str, enum.Enum):
    """What an item is; drives its colour in the grid and its label on session pages."""

    KEYNOTE = "keynote"
    INVITED = "invited"
    CONTRIBUTED = "contributed"
    LIGHTNING = "lightning"
    TALK = "talk"
    REMARKS = "remarks"
    PANEL = "panel"
    POSTER = "poster"
    WORKSHOP = "workshop"
    BREAK = "break"
    MEAL = "meal"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human label, e.g. ``Keynote``."""
        return _KIND_LABELS[self]

    @property
    def is_pause(self) -> bool:
        """True for breaks and meals: items for everyone that carry no talk."""
        return self in (Kind.BREAK, Kind.MEAL)

    @property
    def is_talk(self) -> bool:
        """True for items someone presents (these get a URL and a QR code)."""
        return self in (Kind.KEYNOTE, Kind.INVITED, Kind.CONTRIBUTED, Kind.LIGHTNING, Kind.TALK,
                        Kind.PANEL, Kind.WORKSHOP)


_KIND_LABELS = {
    Kind.KEYNOTE: "Keynote",
    Kind.INVITED: "Invited talk",
    Kind.CONTRIBUTED: "Contributed talk",
    Kind.LIGHTNING: "Lightning talk",
    Kind.TALK: "Talk",
    Kind.REMARKS: "Remarks",
    Kind.PANEL: "Panel",
    Kind.POSTER: "Posters",
    Kind.WORKSHOP: "Workshop",
    Kind.BREAK: "Break",
    Kind.MEAL: "Meal",
    Kind.OTHER: "Other",
}


@dataclass(frozen=True)
class Where:
    """A position in a source file: 1-based line and column (0 when unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


def _where() -> Where | None:
    return field(default=None, compare=False, repr=False)  # type: ignore[return-value]


@dataclass(frozen=True)
class Person:
    """A speaker or chair. ``affiliation`` is free text ("Stanford University and Databricks")."""

    name: str
    affiliation: str | None = None

    def display(self) -> str:
        """``Name, Affiliation`` or just ``Name``."""
        return f"{self.name}, {self.affiliation}" if self.affiliation else self.name


@dataclass(frozen=True)
class Link:
    """An extra link of a talk (slides, video, paper)."""

    label: str
    url: str


@dataclass(frozen=True)
class Room:
    """A room or track. ``id`` is what items refer to; ``name`` is what gets printed."""

    id: str
    name: str
    where: Where | None = _where()


@dataclass(frozen=True)
class Talk:
    """One item of the schedule: a talk, a keynote, a break, lunch, a poster session...

    ``room`` is a room id, or None for an item that is for everyone (it spans every room of
    its day in the grid). ``times_implied`` marks items whose times the loader filled in.
    """

    id: str
    title: str
    kind: Kind
    start: datetime
    end: datetime
    room: str | None = None
    speakers: tuple[Person, ...] = ()
    abstract: str | None = None
    url: str | None = None
    links: tuple[Link, ...] = ()
    track: str | None = None
    times_implied: bool = False
    #: printed under the title (frab/pentabarf ``<subtitle>``)
    subtitle: str | None = None
    #: printed after the abstract, or instead of it when there is none (frab ``<description>``)
    description: str | None = None
    where: Where | None = _where()

    @property
    def duration(self) -> timedelta:
        """``end - start``."""
        return self.end - self.start


@dataclass(frozen=True)
class Session:
    """A chaired block of talks in one room (or for everyone when ``room`` is None)."""

    id: str
    title: str
    start: datetime
    end: datetime
    items: tuple[Talk, ...] = ()
    chairs: tuple[Person, ...] = ()
    room: str | None = None
    kind: Kind | None = None
    description: str | None = None
    where: Where | None = _where()


Entry = Session | Talk
"""What a day consists of: sessions, and items that stand on their own (lunch, remarks)."""


@dataclass(frozen=True)
class Day:
    """One day of the event: its date and its entries in the order the source gives them."""

    date: date
    entries: tuple[Entry, ...] = ()
    title: str | None = None
    where: Where | None = _where()
    #: what is on all day without a time (iCal all-day events): printed as day notes
    notes: tuple[str, ...] = ()

    def talks(self) -> Iterator[Talk]:
        """Every item of the day, sessions flattened, in source order."""
        for entry in self.entries:
            if isinstance(entry, Session):
                yield from entry.items
            else:
                yield entry

    def sessions(self) -> Iterator[Session]:
        """The sessions of the day (standalone items left out)."""
        return (e for e in self.entries if isinstance(e, Session))


@dataclass(frozen=True)
class Event:
    """Everything about the event that is not the timetable itself."""

    title: str
    start_date: date
    end_date: date
    subtitle: str | None = None
    venue: str | None = None
    url: str | None = None
    timezone: str | None = None
    organizers: tuple[str, ...] = ()
    language: str = "en"
    clock: str = "24h"
    talk_url: str | None = None
    where: Where | None = _where()
    #: False when the source named no date (a web page without one): the days' dates are
    #: then placeholders, and no product may print them
    date_known: bool = True


@dataclass(frozen=True)
class Theme:
    """How the products look. Colours are ``#rrggbb`` strings keyed by kind or track name."""

    paper: str = "a5"
    colors: tuple[tuple[str, str], ...] = ()
    logo: str | None = None
    clock: str | None = None
    qr: bool = True
    where: Where | None = _where()

    def color_map(self) -> dict[str, str]:
        """The colours as a dict."""
        return dict(self.colors)


@dataclass(frozen=True)
class Schedule:
    """A whole schedule: the event, its rooms, its days, and how to print it."""

    event: Event
    rooms: tuple[Room, ...]
    days: tuple[Day, ...]
    theme: Theme = Theme()
    source: str | None = field(default=None, compare=False)
    #: what the reader noticed on the way (an entry it could not read, a link it left out):
    #: (message, where) pairs that ``program check`` reports as warnings
    warnings: tuple[tuple[str, Where | None], ...] = field(default=(), compare=False)

    def talks(self) -> Iterator[Talk]:
        """Every item of every day."""
        for day in self.days:
            yield from day.talks()

    def room_name(self, room_id: str | None) -> str:
        """The printable name of a room id ("" for an item for everyone)."""
        if room_id is None:
            return ""
        for room in self.rooms:
            if room.id == room_id:
                return room.name
        return room_id

    def people(self) -> Iterator[Person]:
        """Every speaker and chair, with repetitions, in source order."""
        for day in self.days:
            for entry in day.entries:
                if isinstance(entry, Session):
                    yield from entry.chairs
                    for talk in entry.items:
                        yield from talk.speakers
                else:
                    yield from entry.speakers
