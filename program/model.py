"""The schedule model: what an event *is*, independent of any file format or page.

Everything here is a frozen dataclass. Times are real values: ``datetime`` for the start and
end of every item (naive wall-clock time in the event's time zone, named by
``Event.timezone``; ``fold=1`` marks the second pass of an hour the clocks repeat, and
:func:`instant` gives the real time to compare and subtract), ``date`` for days. Source positions (``Where``) travel with the objects so
that checks can point at the line a person must fix, but they never take part in equality:
two schedules read from different files compare equal when they say the same thing.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UNTITLED = "(untitled)"
"""The title printed for an item whose source gives none (with a warning)."""


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
class Run:
    """A piece of inline rich text in one style. ``text`` ``"\n"`` alone is a hard line break.
    ``url`` makes the run a link (readers keep what the source says; products print a link
    only when the URL is safe)."""

    text: str
    strong: bool = False
    emphasis: bool = False
    code: bool = False
    url: str | None = None

    def styled(self) -> tuple[bool, bool, bool, str | None]:
        """The run's style: (strong, emphasis, code, url)."""
        return self.strong, self.emphasis, self.code, self.url


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: runs, whitespace already collapsed (source line breaks are spaces)."""

    runs: tuple[Run, ...]

    def plain(self) -> str:
        """The paragraph's text without styles."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class CodeBlock:
    """Preformatted text (a Markdown fence, an HTML ``<pre>``): lines kept as they are."""

    text: str

    def plain(self) -> str:
        """The code's text."""
        return self.text


@dataclass(frozen=True)
class ListItem:
    """One item of a list: its paragraphs and nested lists."""

    blocks: tuple[TextBlock, ...]


@dataclass(frozen=True)
class TextList:
    """A bullet list, or a numbered one counting from ``start``."""

    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1

    def markers(self) -> list[str]:
        """What is printed before each item: ``•`` or ``3.``."""
        if self.ordered:
            return [f"{self.start + i}." for i in range(len(self.items))]
        return ["•"] * len(self.items)


TextBlock = Paragraph | CodeBlock | TextList
"""A block of rich text."""


@dataclass(frozen=True)
class RichText:
    """Formatted text (an abstract, a description): paragraphs, code blocks and lists of
    styled runs. Made by :mod:`program.sources.richtext` from Markdown, HTML or plain text;
    false when empty. ``plain()`` is the text for products that print no styles (handout,
    cards, calendar) and for checks."""

    blocks: tuple[TextBlock, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.blocks)

    def plain(self) -> str:
        """The text without styles: paragraphs separated by a blank line, list items as
        ``• text`` or ``1. text`` (nested ones indented), line breaks kept."""
        return "\n\n".join(_plain_block(block, "") for block in self.blocks)

    def runs(self) -> Iterator[Run]:
        """Every run of every paragraph, in order (code blocks left out)."""
        for block in self.blocks:
            yield from _block_runs(block)


def _plain_block(block: TextBlock, indent: str) -> str:
    if isinstance(block, TextList):
        lines = []
        for marker, item in zip(block.markers(), block.items):
            parts = [_plain_block(b, indent + "  ") for b in item.blocks] or [""]
            first = parts[0].lstrip(" ")
            lines.append("\n".join([f"{indent}{marker} {first}", *parts[1:]]))
        return "\n".join(lines)
    text = block.plain()
    return "\n".join(indent + line for line in text.split("\n")) if indent else text


def _block_runs(block: TextBlock) -> Iterator[Run]:
    if isinstance(block, Paragraph):
        yield from block.runs
    elif isinstance(block, TextList):
        for item in block.items:
            for inner in item.blocks:
                yield from _block_runs(inner)


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
    abstract: RichText | None = None
    url: str | None = None
    links: tuple[Link, ...] = ()
    track: str | None = None
    times_implied: bool = False
    #: printed under the title (frab/pentabarf ``<subtitle>``)
    subtitle: str | None = None
    #: printed after the abstract, or instead of it when there is none (frab ``<description>``)
    description: RichText | None = None
    where: Where | None = _where()
    #: a poster's board number (``A12``): given, or assigned in order in a poster session
    board: str | None = None

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
    description: RichText | None = None
    where: Where | None = _where()

    @property
    def is_posters(self) -> bool:
        """A poster session: items that all have board numbers (every reader that knows
        poster sessions gives each poster one). Its posters hang side by side for its whole
        time: they are one item for the grids and the overlap check."""
        return bool(self.items) and all(t.board for t in self.items)


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
    #: BCP 47 tag (``en``, ``de``, ``pt-BR``, ``zh-Hans``, ``ar``): the products' words, dates
    #: and (unless ``clock`` says) clock follow it (:mod:`program.language`)
    language: str = "en"
    #: ``12h`` or ``24h`` as the source says; None: the language's (CLDR)
    clock: str | None = None
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
    #: the organizer's words for the products' own (English message id -> words), over the
    #: language's catalogue
    labels: tuple[tuple[str, str], ...] = ()
    #: every PDF product as PDF/A-2b (as ``--pdfa``)
    pdfa: bool = False
    #: a QR code beside each poster in the booklet's poster lists (``theme.poster_qr``)
    poster_qr: bool = False
    #: board numbers prefixed by their poster session's letter (``A1``, ``B1``...), for
    #: sessions without a ``boards`` prefix of their own (``theme.poster_board_prefix``)
    poster_board_prefix: bool = False
    where: Where | None = _where()

    def color_map(self) -> dict[str, str]:
        """The colours as a dict."""
        return dict(self.colors)


@dataclass(frozen=True)
class Notice:
    """A warning: something a reader (or the prepare step) noticed and went on with. Every
    reader reports through ``Schedule.notices``; ``program check`` and ``build`` print them
    all as ``file:line:column: warning: message``. ``about`` names what settles it
    (``"timezone"``: a zone given on the command line makes it moot); ``item`` names the
    event it is about (its title or id) when the message does not already."""

    message: str
    where: Where | None = None
    about: str = ""
    item: str = ""

    def text(self) -> str:
        """The message, led by the item it is about when there is one."""
        return f"{self.item}: {self.message}" if self.item else self.message


@dataclass(frozen=True)
class Schedule:
    """A whole schedule: the event, its rooms, its days, and how to print it."""

    event: Event
    rooms: tuple[Room, ...]
    days: tuple[Day, ...]
    theme: Theme = Theme()
    source: str | None = field(default=None, compare=False)
    #: the one channel for warnings of the readers, text cleaning and the prepare step
    #: (an entry it could not read, a link it left out); not part of what the schedule says
    notices: tuple[Notice, ...] = field(default=(), compare=False)

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


# --- wall-clock times and real instants ------------------------------------------------
# The model keeps naive wall-clock times (what is printed). Across a daylight-saving change
# wall-clock arithmetic is wrong, so comparisons and durations go through real instants.

@lru_cache(maxsize=64)
def zone(name: str | None) -> ZoneInfo | None:
    """The ZoneInfo for an IANA name; None for no name or an unknown one."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        return None


def instant(moment: datetime, zone_name: str | None) -> datetime:
    """The naive UTC time of wall-clock ``moment`` in ``zone_name`` (``moment.fold`` says
    which of a repeated hour it is); ``moment`` itself when the zone is not known."""
    tz = zone(zone_name)
    if tz is None:
        return moment.replace(fold=0)
    # what moment.replace(tzinfo=tz).astimezone(timezone.utc) computes (the zone reads
    # the fields and fold of a naive time as of an aware one), without the aware datetimes
    return moment - tz.utcoffset(moment)  # type: ignore[operator]


def wall(utc: datetime, zone_name: str | None) -> datetime:
    """The naive wall-clock time in ``zone_name`` of the naive UTC time ``utc`` (its
    ``fold`` set in a repeated hour); :func:`instant` undone."""
    tz = zone(zone_name)
    if tz is None:
        return utc
    return utc.replace(tzinfo=timezone.utc).astimezone(tz).replace(tzinfo=None)


def exists(moment: datetime, zone_name: str | None) -> bool:
    """False for a wall-clock time that the zone skips (02:30 on a spring-forward night)."""
    tz = zone(zone_name)
    if tz is None or _regular(moment, tz):
        return True
    return wall(instant(moment, zone_name), zone_name) == moment


def ambiguous(moment: datetime, zone_name: str | None) -> bool:
    """True for a wall-clock time the zone shows twice (01:30 on a night the clocks go
    back): printed without its zone, it could be either."""
    tz = zone(zone_name)
    if tz is not None and _regular(moment, tz):
        return False
    return exists(moment, zone_name) and \
        instant(moment.replace(fold=0), zone_name) != instant(moment.replace(fold=1), zone_name)


@lru_cache(maxsize=4096)
def _regular(moment: datetime, tz: ZoneInfo) -> bool:
    """True for a wall-clock time ``tz`` neither skips nor repeats (nearly all of them):
    its two readings (fold 0 and 1) have one UTC offset. Two offset look-ups instead of the
    conversions of :func:`exists` and :func:`ambiguous` (a test holds them to their
    definitions), kept by the time (which is equal, and hashes equal, in either fold);
    never near year 1 or 9999, where those conversions overflow."""
    return 1 < moment.year < 9999 and \
        tz.utcoffset(moment.replace(fold=0)) == tz.utcoffset(moment.replace(fold=1))


def after_midnight(start: datetime, end: datetime) -> bool:
    """True for an end that is clearly just after the midnight after ``start`` but given on
    the start's date (a party 23:00-01:00 in a spreadsheet): before the start, at 06:00 or
    earlier, and the item at most 12 hours long when it ends the next day. Any other end
    before the start is an export's mistake, which the prepare step mends with a warning."""
    return end < start and end.date() == start.date() and end.time() <= time(6) \
        and end + timedelta(days=1) - start <= timedelta(hours=12)


def after(start: datetime, duration: timedelta, zone_name: str | None) -> datetime:
    """The wall-clock time ``duration`` of real time after wall-clock ``start``."""
    return wall(instant(start, zone_name) + duration, zone_name)


@dataclass(frozen=True)
class Attendee:
    """A person to print a name badge for (from an attendee list, not the schedule):
    ``role`` is one of ``ROLES`` or what the list says; ``sessions`` names the session ids,
    tracks or titles they signed up for (their own programme on the badge's back)."""

    name: str
    affiliation: str | None = None
    pronouns: str | None = None
    role: str = "attendee"
    id: str | None = None
    email: str | None = None
    sessions: tuple[str, ...] = ()
    where: Where | None = _where()


#: The roles a badge shows in its own colour; any other role is printed as given.
ROLES = ("speaker", "organizer", "volunteer", "attendee")
