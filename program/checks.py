"""Everything that can be wrong with a schedule, as a list of problems with where they are.

``check(schedule) -> list[Problem]``: pure, no printing. Errors make a build refuse the
schedule; warnings are printed and the build goes on (``--strict`` makes them fatal).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, timedelta
from typing import Iterable
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from program.errors import UserError
from program.model import (UNTITLED, Day, Event, Notice, RichText, Schedule, Session, Talk, Where,
                           after_midnight, ambiguous, exists, instant, zone as zone_info)
from program.sources.logo import schedule_logo
from program.sources.strictyaml import CONTROL_CHARS
from program.sources.transform import fill_talk_urls

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: severity (``error``/``warning``), message, and source position."""

    severity: str
    message: str
    where: Where | None = None

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""  # file:line:column, as compilers
        return f"{prefix}{self.severity}: {self.message}"


@lru_cache(maxsize=65536)
def safe_url(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host: the only kind we print or encode (see
    :func:`ascii_url`)."""
    return bool(url) and ascii_url(url) is not None


@lru_cache(maxsize=65536)
def ascii_url(url: str) -> str | None:
    """``url`` as a link annotation, a QR code and a calendar hold it, or None when it is not
    one we print (another scheme, no host, a bad port, a space, control character or
    invisible character in it: bidi overrides and zero-width spaces make a link read as
    another).

    The one place an IRI is made 7-bit ASCII: its host in IDNA 2008 (punycode, UTS 46 as
    browsers map it: ``bücher.example`` -> ``xn--bcher-kva.example``), every other
    non-ASCII character percent-encoded as UTF-8. An ASCII URL comes back as written."""
    url = url.strip()
    if not url or not (url.isprintable() and " " not in url if url.isascii()
                       else not any(_unsafe_char(c) for c in url)):
        return None  # (an ASCII character is unsafe when it does not print, or is a space)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        userinfo, at, hostport = parts.netloc.rpartition("@")
        host = parts.hostname
        if host.isascii() and not _HOST.match(host):
            return None
        if url.isascii():
            return url
        if not host.isascii():
            import idna  # only for international host names

            port = f":{parts.port}" if parts.port is not None else ""
            hostport = idna.encode(host, uts46=True).decode("ascii") + port
            if not _HOST.match(hostport.rsplit(":", 1)[0] if port else hostport):
                return None
        start = len(parts.scheme) + 3  # "https://", then the netloc as written
        rest = url[start + len(parts.netloc):]
        return url[:start] + _percent(userinfo) + at + hostport + _percent(rest)
    except (ValueError, UnicodeError):  # idna.IDNAError is a UnicodeError
        return None


def _unsafe_char(c: str) -> bool:
    """A space, a control character or an invisible one (format characters: bidi controls,
    zero-width spaces and joiners, soft hyphen, BOM; variation selectors)."""
    if c.isascii():
        return c <= " " or c == "\x7f"
    return c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") \
        or "\ufe00" <= c <= "\ufe0f" or "\U000e0100" <= c <= "\U000e01ef"


def _percent(text: str) -> str:
    """Non-ASCII characters of a URL part percent-encoded as UTF-8 (the rest as written)."""
    return _NON_ASCII.sub(lambda m: quote(m.group(), safe=""), text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: A host name (labels of letters, digits, hyphens and underscores) or an IP address
#: (urlsplit has checked a bracketed IPv6 one).
_HOST = re.compile(r"(?i)^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*"
                   r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.?$|^[0-9a-f:.]*:[0-9a-f:.]*$")


def label(item: Talk | Session) -> str:
    """How a message names an item: its title and start, or its id when it has no title."""
    if item.title.strip() and item.title != UNTITLED:
        return f"{item.title!r} ({item.start:%H:%M})"
    return f"the untitled item {item.id!r} ({item.start:%Y-%m-%d %H:%M})"


def _end(item: Talk | Session) -> datetime:
    """The item's end as the prepare step will print it (after midnight: the next day)."""
    return item.end + timedelta(days=1) if after_midnight(item.start, item.end) else item.end


def check(schedule: Schedule, want_qr: bool | None = None, logo: bool = True) -> list[Problem]:
    """All problems of ``schedule``, in source order within each kind of check (``logo``:
    also decode the theme's logo, which only the printed products show)."""
    want_qr = schedule.theme.qr if want_qr is None else want_qr
    schedule = fill_talk_urls(schedule)  # the talk URLs as printed (prepare.checked)
    problems = notice_problems(schedule.notices)
    problems += _event_checks(schedule)
    zone = schedule.event.timezone
    problems += _logo_check(schedule) if logo else []
    room_ids = {r.id for r in schedule.rooms}
    if not any(day.entries for day in schedule.days):
        problems.append(Problem(ERROR, "the schedule has no items to print", schedule.event.where))
    for day in schedule.days:
        for entry in day.entries:
            if isinstance(entry, Session):
                problems += _session_checks(entry)
                problems += _clock_checks(entry, zone)
                problems += _room_check(entry, room_ids)
            for talk in (entry.items if isinstance(entry, Session) else (entry,)):
                problems += _talk_checks(talk, want_qr)
                problems += _clock_checks(talk, zone)
                problems += _room_check(talk, room_ids)
        problems += _overlaps(day, zone)
    problems += text_checks(schedule)
    problems += qr_checks(schedule, want_qr)
    problems += _talk_url_checks(schedule.event)
    problems += length_checks(schedule)
    problems += _year_checks(schedule)
    return problems


def notice_problems(notices: Iterable[Notice]) -> list[Problem]:
    """Warnings (``Schedule.notices``: of readers, cleaning, prepare) as problems, in the
    order they were noticed."""
    return [Problem(WARNING, n.text(), n.where) for n in notices]


def _logo_check(schedule: Schedule) -> list[Problem]:
    """The logo decoded to its last pixel now (program.sources.logo), not in render."""
    try:
        schedule_logo(schedule)
    except UserError as exc:
        return [Problem(ERROR, exc.message, exc.where)]
    return []


def _texts(schedule: Schedule) -> list[tuple[str, Where | None]]:
    """Every printed text of the schedule with where it comes from."""
    ev = schedule.event
    texts: list[tuple[str, Where | None]] = [
        (t, ev.where) for t in (ev.title, ev.subtitle, ev.venue, *ev.organizers) if t]
    texts += [(r.name, r.where) for r in schedule.rooms]
    for day in schedule.days:
        texts += [(day.title, day.where)] if day.title else []
        for entry in day.entries:
            if isinstance(entry, Session):
                texts += [(x, entry.where) for x in (entry.title, _plain(entry.description)) if x]
                texts += [(p.display(), entry.where) for p in entry.chairs]
            for talk in (entry.items if isinstance(entry, Session) else (entry,)):
                texts += [(x, talk.where) for x in (talk.title, _plain(talk.abstract),
                                                    _plain(talk.description), talk.track) if x]
                texts += [(p.display(), talk.where) for p in talk.speakers]
                texts += [(link.label, talk.where) for link in talk.links]
    return texts


def _plain(rich: RichText | None) -> str | None:
    return rich.plain() if rich else None


def text_checks(schedule: Schedule) -> list[Problem]:
    """An error for control characters in printed text (they print as nothing and are not
    allowed in a calendar), and a warning for characters no bundled font can draw."""
    from program.fonts import describe_char, missing_glyphs

    texts = _texts(schedule)
    # the common case at once: what is left of all texts without printable ASCII (a few
    # hundred characters, where the texts are megabytes) has no control character, and
    # every character of it is drawn (missing_glyphs goes by the character)
    rest = _PRINTABLE_ASCII.sub("", "\n".join(text for text, _ in texts))
    if CONTROL_CHARS.search(rest) is None and not missing_glyphs("".join(set(rest))):
        return []
    out = []
    for text, where in texts:
        control = CONTROL_CHARS.search(text)
        if control:
            out.append(Problem(ERROR, f"control character {describe_char(control.group())} in "
                                      f"{text[:40]!r}", where))
            continue
        missing = sorted(missing_glyphs(text))
        if missing:  # one warning per text, naming every character
            names = ", ".join(describe_char(c) for c in missing)
            out.append(Problem(WARNING, f"{names} in {text[:40]!r}: in no bundled font; "
                                        "left out of the PDFs", where))
    return out


_PRINTABLE_ASCII = re.compile(r"[\t\n\r -~]+")


LAST_YEAR = 9998
"""The calendar's time zone rules run to the year after the event, which must exist."""
MAX_TEXT = 100_000
"""Characters one abstract or description may have (twenty times the longest of the real
schedules we know; some forty booklet pages): a longer one is a mistake (a whole file pasted
into a cell), and only makes the build slow."""
MAX_LINE = 2_000
"""Characters one single-line text (a title, a name, a room) may have."""
_LONG_FIELDS = ("abstract", "description")


def _year_checks(schedule: Schedule) -> list[Problem]:
    """An error for a day after LAST_YEAR."""
    return [Problem(ERROR, f"day {d.date.isoformat()} is too late a date for a calendar "
                           f"(at most {LAST_YEAR}-12-31)", d.where)
            for d in schedule.days if d.date.year > LAST_YEAR]


def length_checks(schedule: Schedule) -> list[Problem]:
    """An error for each text longer than its limit (MAX_TEXT, MAX_LINE), naming the item
    and the field."""
    ev = schedule.event
    #: (the words for it, or the item: named only in an error), its texts, where it is
    items: list[tuple[str | Talk | Session, dict[str, object], Where | None]] = [
        ("the event", {"title": ev.title, "subtitle": ev.subtitle, "venue": ev.venue,
                       "organizer": ev.organizers}, ev.where)]
    items += [(f"room {r.id[:40]!r}", {"name": r.name}, r.where) for r in schedule.rooms]
    for day in schedule.days:
        items.append((f"day {day.date.isoformat()}", {"title": day.title, "note": day.notes},
                      day.where))
        for entry in day.entries:
            for item in ((entry, *entry.items) if isinstance(entry, Session) else (entry,)):
                fields = {f: getattr(item, f, None) for f in ("title", "subtitle", "track")}
                fields.update({f: _plain(getattr(item, f, None)) for f in _LONG_FIELDS})
                people = getattr(item, "speakers", ()) or getattr(item, "chairs", ())
                fields["name"] = tuple(p.name for p in people)
                fields["affiliation"] = tuple(p.affiliation or "" for p in people)
                fields["link label"] = tuple(link.label for link in getattr(item, "links", ()))
                items.append((item, fields, item.where))
    out = []
    for name, fields, where in items:
        for field, value in fields.items():
            limit = MAX_TEXT if field in _LONG_FIELDS else MAX_LINE
            for text in (value if isinstance(value, tuple) else (value,)):
                if isinstance(text, str) and len(text) > limit:
                    out.append(Problem(ERROR, f"{_short_label(name)}: the {field} is "
                                              f"{len(text):,} characters long; the limit is "
                                              f"{limit:,}", where))
    return out


def _short_label(item: str | Talk | Session) -> str:
    """How a length error names an item: its title, shortened, and start."""
    if isinstance(item, str):
        return item
    title = item.title if len(item.title) <= 60 else item.title[:60] + "…"
    return f"{title!r} ({item.start:%H:%M})"


def _talk_url_checks(ev: Event) -> list[Problem]:
    """``talk_url`` must name ``{id}`` (else every talk gets one URL) and nothing else in
    braces (nothing fills it in: it would print as written)."""
    if not ev.talk_url:
        return []
    unknown = re.findall(r"\{[^{}]*\}|[{}]", ev.talk_url.replace("{id}", ""))
    if unknown:
        return [Problem(ERROR, f"talk_url {ev.talk_url!r}: unknown placeholder {unknown[0]!r}; "
                               "only {id} (the talk's id) is filled in", ev.where)]
    if "{id}" not in ev.talk_url:
        return [Problem(ERROR, f"talk_url {ev.talk_url!r} has no {{id}}, so every talk would "
                               "get the same URL; put {id} where the talk's id goes", ev.where)]
    return []


def qr_checks(schedule: Schedule, want_qr: bool) -> list[Problem]:
    """An error for each URL that gets a QR code (the event's, each talk's) but is longer
    than the largest code holds: the build could not draw it."""
    from program import qr

    if not want_qr:
        return []
    items: list[tuple[Talk | None, str | None, Where | None]] = [
        (None, schedule.event.url, schedule.event.where)]
    items += [(t, t.url, t.where) for t in schedule.talks()]
    out = []
    for talk, url, where in items:
        data = ascii_url(url) if url else None
        if data and len(data) > 1000 and not qr.fits(data):  # short ones always fit
            what = f"{label(talk)}: url" if talk else "event url"
            out.append(Problem(ERROR, f"{what} is {len(data):,} characters long; a QR code "
                                      f"holds at most {qr.capacity():,} (shorten it, or "
                                      "build with --no-qr)", where))
    return out


def _event_checks(schedule: Schedule) -> list[Problem]:
    out = []
    ev = schedule.event
    if not ev.date_known:
        out.append(Problem(WARNING, "the source names no date: the products show none; give "
                                    "--date YYYY-MM-DD (the first day's date)", ev.where))
    if ev.timezone:
        try:
            ZoneInfo(ev.timezone)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
            out.append(Problem(ERROR, f"unknown time zone {ev.timezone!r} (use a name like "
                                      "Europe/Berlin or America/Vancouver)", ev.where))
    if ev.talk_url and not safe_url(ev.talk_url.replace("{id}", "x")):
        out.append(Problem(ERROR, f"talk_url {ev.talk_url!r} is not an http(s) URL", ev.where))
    seen = set()
    for day in schedule.days:
        if day.date in seen:
            out.append(Problem(ERROR, f"day {day.date.isoformat()} appears twice", day.where))
        seen.add(day.date)
    return out


def _session_checks(session: Session) -> list[Problem]:
    out = []
    if session.end < session.start and not after_midnight(session.start, session.end):
        out.append(Problem(ERROR, f"session {label(session)} ends before it starts", session.where))
    for talk in session.items:
        if talk.start < session.start or _end(talk) > _end(session):
            out.append(Problem(ERROR, f"{label(talk)} lies outside its session "
                                      f"{session.title!r} ({session.start:%H:%M}-"
                                      f"{session.end:%H:%M})", talk.where))
    implied = [t for t in session.items if t.times_implied]
    if implied:
        used = implied[-1].end
        if used != session.end and not any(t.end > used for t in session.items):
            spare = session.end - used
            word = "leave" if spare > timedelta(0) else "overrun"
            out.append(Problem(WARNING, f"the talks of session {session.title!r} {word} "
                                        f"{abs(int(spare.total_seconds() // 60))} min of "
                                        "its time", session.where))
    return out


def _talk_checks(talk: Talk, want_qr: bool) -> list[Problem]:
    """Links that are not http(s) are the prepare step's (mended or left out, warned)."""
    out = []
    if want_qr and talk.kind.is_talk and not talk.url:
        out.append(Problem(WARNING, f"{label(talk)} has no url, so it gets no QR code",
                           talk.where))
    return out


def _clock_checks(item: Talk | Session, zone: str | None) -> list[Problem]:
    """An error for a start or end the event's zone skips (02:30 on a spring-forward
    night); a warning for one it shows twice. (An item that ends before it starts is
    mended, with a warning, by the prepare step.)"""
    out = [Problem(ERROR, f"{label(item)}: {moment:%H:%M} on {moment:%Y-%m-%d} does not "
                          f"exist in {zone} (the clocks go forward over it)", item.where)
           for moment in dict.fromkeys((item.start, item.end)) if not exists(moment, zone)]
    twice = [m for m in dict.fromkeys((item.start, item.end)) if ambiguous(m, zone)]
    if twice:  # (the products print such a time with its zone's abbreviation)
        name = twice[0].replace(tzinfo=zone_info(zone)).tzname()
        out.append(Problem(WARNING, f"{label(item)}: {twice[0]:%H:%M} on {twice[0]:%Y-%m-%d} "
                                    f"comes twice in {zone} (the clocks go back): it is "
                                    f"printed as {twice[0]:%H:%M} {name}", item.where))
    return out


def _room_check(item: Talk | Session, room_ids: set[str]) -> list[Problem]:
    if item.room is not None and room_ids and item.room not in room_ids:
        return [Problem(ERROR, f"{label(item)}: room {item.room!r} is not declared under "
                               f"rooms: ({', '.join(sorted(room_ids))})", item.where)]
    if item.room is not None and not room_ids:
        return [Problem(ERROR, f"{label(item)}: room {item.room!r} is not declared "
                               "(add a rooms: list)", item.where)]
    return []


def _overlaps(day: Day, zone: str | None = None) -> list[Problem]:
    """A warning for two items overlapping in one room (an item for everyone counts in every
    room), compared in real time (``zone``: the event's time zone). Real programmes plan
    them (pitches during a reception): the grid prints them side by side, marked. The
    posters of a poster session never overlap each other (the grid shows them as one cell)."""
    by_room: dict[str | None, list[Talk]] = defaultdict(list)
    for entry in day.entries:  # a poster session's posters hang side by side: its first
        shown = entry.items[:1] if isinstance(entry, Session) and entry.is_posters else \
            entry.items if isinstance(entry, Session) else (entry,)  # stands for them all
        for talk in shown:
            by_room[talk.room].append(talk)
    out = []
    plenary = by_room.pop(None, [])
    rooms = list(by_room) or [None]
    reported: set[tuple[str, str]] = set()
    for room in rooms:
        talks = sorted(plenary + by_room.get(room, []),
                       key=lambda t: (instant(t.start, zone), instant(_end(t), zone)))
        for a, b in _overlapping_pairs(talks, zone):
            if (a.id, b.id) in reported:
                continue
            reported.add((a.id, b.id))
            where_room = f" in room {room!r}" if room else ""
            out.append(Problem(WARNING, f"{label(b)} overlaps {label(a)}{where_room}: they "
                                        "share the column side by side, marked as overlapping",
                               b.where))
    out += _gaps(day, zone)
    return out


def _overlapping_pairs(talks: list[Talk], zone: str | None) -> Iterable[tuple[Talk, Talk]]:
    """For talks sorted by start: each talk that starts before an earlier one has ended,
    paired with the earlier one that runs longest. One pair per overlapping talk, so the
    report grows with the number of talks, not with its square."""
    running: Talk | None = None
    for talk in talks:
        if running is not None and instant(_end(running), zone) > instant(talk.start, zone):
            yield running, talk
        if running is None or instant(_end(talk), zone) > instant(_end(running), zone):
            running = talk


def _gaps(day: Day, zone: str | None = None) -> list[Problem]:
    """A warning for an unexplained gap of 15 minutes or more when the day has one track
    (in real time: ``zone`` is the event's)."""
    talks = sorted(day.talks(), key=lambda t: (instant(t.start, zone), instant(_end(t), zone)))
    if len({t.room for t in talks}) > 1:
        return []
    out = []
    end = None
    for talk in talks:
        start = instant(talk.start, zone)
        if end is not None and start - end >= timedelta(minutes=15):
            out.append(Problem(WARNING, f"gap of {int((start - end).total_seconds() // 60)} "
                                        f"min before {label(talk)}", talk.where))
        end = instant(_end(talk), zone) if end is None else max(end, instant(_end(talk), zone))
    return out
