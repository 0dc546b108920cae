"""The prepare step: the schedule as it will be printed, and what that took, as warnings.

``prepare(schedule) -> (schedule, notices)`` is pure. It runs after ``checks`` (which refuse
only what would print something false or unsafe) and before layout, and mends what an
organizer cannot edit in their export but a booklet can live with:

- a link without a scheme (``www.example.org``) gets ``https://``; a link that is not
  http(s) (``dat://``, ``javascript:``, an empty ``https://``) is left out (the one URL rule
  is :func:`program.checks.ascii_url`);
- repeated ids get fresh stable ids, made from the item's content, with one warning;
- an item with an empty title is printed as ``(untitled)``, one warning per item;
- a day with no entries is left out;
- with ``theme.poster_board_prefix``, the plain board numbers of the n-th poster session
  are prefixed by its letter (``A1``, ``B1``...; :func:`board_prefixes`);
- an item that ends just after midnight on the day it starts (23:00-01:00) ends the next
  day (:func:`program.model.after_midnight`);
- any other item that ends before it starts (an export's typo: 12:00-11:00) ends where the
  next item in its room starts, or 30 minutes after its start when none starts within
  three hours: its start is what the source says surely, and the warning names both.

Each warning names the file and line where known, and the item's title or id.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import timedelta
from typing import Callable, TypeVar

from program.checks import Problem, ascii_url, check, label, notice_problems, qr_checks
from program.model import (UNTITLED, Day, Entry, Link, ListItem, Notice, Paragraph, RichText,
                           Schedule, Session, Talk, TextBlock, TextList, Where, after_midnight,
                           instant)
from program.sources.transform import fill_talk_urls

Item = TypeVar("Item", Talk, Session)

#: A link that is a host name with a dot and a top-level domain, and no scheme
#: (``nymtech.net``, ``www.example.org:8080/x``): it is meant as https.
_BARE_HOST = re.compile(r"(?i)^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]|$)")

#: An item that ends before it starts ends when the next item in its room starts, if that is
#: this soon; else it is given the length a web page's last start-only entry gets.
BACKWARDS_NEXT = timedelta(hours=3)
BACKWARDS_LENGTH = timedelta(minutes=30)


def prepare(schedule: Schedule) -> tuple[Schedule, tuple[Notice, ...]]:
    """(``schedule`` as printed, the warnings of what was changed on the way, in source
    order). The returned schedule's own ``notices`` are the input's plus these."""
    notes: list[Notice] = []
    # talk URLs from the event's template first: they name the ids the source gave
    schedule = board_prefixes(fill_talk_urls(schedule))
    event = schedule.event
    if event.url:
        url = _link(event.url, lambda: "the event's url", event.where, notes)
        event = replace(event, url=url) if url != event.url else event
    days = []
    some = any(day.entries for day in schedule.days)  # else the checks' error says it all
    for day in schedule.days:
        if not day.entries and some:
            notes.append(Notice(f"day {day.date.isoformat()} has no items: left out", day.where))
            continue
        day = map_items(day, lambda item: _item(item, notes))
        days.append(_backwards_ends(day, schedule.event.timezone, notes))
    days = _fresh_ids(days, notes)
    if not notes:
        return schedule, ()
    out = replace(schedule, event=event, days=tuple(days),
                  notices=schedule.notices + tuple(notes))
    return out, tuple(notes)


def checked(schedule: Schedule, want_qr: bool | None = None,
            logo: bool = True) -> tuple[Schedule, list[Problem]]:
    """(the schedule as printed, every problem: the checks' on ``schedule`` as read, then
    the prepare step's warnings). What ``program check``, ``build`` and ``export`` run."""
    schedule = fill_talk_urls(schedule)  # once: both steps below then find it done
    problems = check(schedule, want_qr, logo)
    prepared, notes = prepare(schedule)
    # a link mended here (``https://`` put before a bare host) is measured for its QR code
    # only now: the checks could not read it as a URL
    want = schedule.theme.qr if want_qr is None else want_qr
    late = [p for p in qr_checks(prepared, want) if p not in problems]
    return prepared, problems + late + notice_problems(notes)


def session_letter(n: int) -> str:
    """The letter of the ``n``-th (from 0) poster session: ``A``... ``Z``, ``AA``, ``AB``..."""
    return (session_letter(n // 26 - 1) if n >= 26 else "") + chr(ord("A") + n % 26)


def board_prefixes(schedule: Schedule) -> Schedule:
    """With ``theme.poster_board_prefix``, each poster session's plain board numbers (``12``)
    prefixed by the session's letter in schedule order (``B12`` in the second); boards
    written with a prefix (``P3``, a session's ``boards: P``) are kept. Else ``schedule``."""
    if not schedule.theme.poster_board_prefix:
        return schedule
    count = 0
    days = []
    for day in schedule.days:
        entries: list[Entry] = []
        for entry in day.entries:
            if isinstance(entry, Session) and entry.items and all(t.board for t in entry.items):
                letter = session_letter(count)
                count += 1
                entry = replace(entry, items=tuple(
                    replace(t, board=letter + t.board) if t.board.isdigit() else t
                    for t in entry.items))
            entries.append(entry)
        days.append(replace(day, entries=tuple(entries)))
    return replace(schedule, days=tuple(days)) if count else schedule


def without_abstracts(schedule: Schedule) -> Schedule:
    """``schedule`` with no talk's abstract or description and no session's description
    (the booklet's email edition): titles, times, speakers, rooms and links stay."""
    def bare(item: Item) -> Item:
        if isinstance(item, Talk) and (item.abstract or item.description):
            return replace(item, abstract=None, description=None)
        if isinstance(item, Session) and item.description:
            return replace(item, description=None)
        return item

    return replace(schedule, days=tuple(map_items(day, bare) for day in schedule.days))


def map_items(day: Day, change: Callable[[Item], Item]) -> Day:
    """``day`` with ``change`` applied to every session and item (a session first, then its
    items); the same object when nothing changed."""
    entries: list[Entry] = []
    for entry in day.entries:
        new = change(entry)
        if isinstance(new, Session):
            items = tuple(change(t) for t in new.items)
            if any(a is not b for a, b in zip(items, new.items)):
                new = replace(new, items=items)
        entries.append(new)
    if all(a is b for a, b in zip(entries, day.entries)):
        return day
    return replace(day, entries=tuple(entries))


def _item(item: Item, notes: list[Notice]) -> Item:
    """One session or item mended: title, links, an end after midnight."""
    changes: dict[str, object] = {}
    if not item.title.strip():
        notes.append(Notice(f"{label(item)} has no title: printed as {UNTITLED!r}", item.where))
        changes["title"] = UNTITLED
    if after_midnight(item.start, item.end):
        end = item.end + timedelta(days=1)
        notes.append(Notice(f"{label(item)} ends at {item.end:%H:%M}, before it starts: taken "
                            f"as after midnight ({end:%Y-%m-%d %H:%M})", item.where))
        changes["end"] = end
    def name() -> str:  # only for a warning (most items have none)
        return label(item)

    if isinstance(item, Talk):
        if item.url:
            url = _link(item.url, lambda: f"{name()}: url", item.where, notes)
            if url != item.url:
                changes["url"] = url
        links = tuple(_links(item.links, name, item.where, notes))
        if links != item.links:
            changes["links"] = links
        for field in ("abstract", "description"):
            rich = _rich(getattr(item, field), lambda: f"{name()}: link in the {field}",
                         item.where, notes)
            if rich is not getattr(item, field):
                changes[field] = rich
    elif item.description:
        rich = _rich(item.description, lambda: f"{name()}: link in the description",
                     item.where, notes)
        if rich is not item.description:
            changes["description"] = rich
    return replace(item, **changes) if changes else item


def _backwards_ends(day: Day, zone: str | None, notes: list[Notice]) -> Day:
    """``day`` with each item that ends before it starts (in real time, ``zone`` the
    event's) ending where the next item in its room (or for everyone) starts, within
    :data:`BACKWARDS_NEXT`, else :data:`BACKWARDS_LENGTH` after its start; a warning each.
    The same object when no item ends before it starts."""
    talks = list(day.talks())
    if all(instant(t.end, zone) >= instant(t.start, zone) for t in talks):
        return day

    def mend(item: Item) -> Item:
        if not isinstance(item, Talk) or instant(item.end, zone) >= instant(item.start, zone):
            return item
        start = instant(item.start, zone)
        later = [t.start for t in talks if instant(t.start, zone) > start
                 and (t.room == item.room or None in (t.room, item.room))]
        after = min(later, key=lambda m: instant(m, zone), default=None)
        if after is not None and instant(after, zone) - start <= BACKWARDS_NEXT:
            end, why = after, "when the next item in its room starts"
        else:
            end, why = item.start + BACKWARDS_LENGTH, "30 minutes after its start"
        notes.append(Notice(f"{label(item)} ends ({item.end:%H:%M}) before it starts: printed "
                            f"as ending at {end:%H:%M}, {why}", item.where))
        return replace(item, end=end)

    return map_items(day, mend)


def _links(links: tuple[Link, ...], name: Callable[[], str], where: Where | None,
           notes: list[Notice]) -> list[Link]:
    out = []
    for link in links:
        url = _link(link.url, lambda: f"{name()}: link {link.label!r}", where, notes)
        if url:
            out.append(link if url == link.url else replace(link, url=url))
    return out


def _link(url: str, what: Callable[[], str], where: Where | None, notes: list[Notice],
          left_out: str = "left out") -> str | None:
    """``url`` as printed: as written when it is an http(s) URL, with ``https://`` before a
    bare host name, else None (left out); a warning for each of the last two, saying
    ``what()`` the URL is."""
    if ascii_url(url) is not None:
        return url
    bare = url.strip()
    if "://" not in bare and _BARE_HOST.match(bare) and ascii_url("https://" + bare):
        notes.append(Notice(f"{what()} {url!r} has no scheme: printed as 'https://{bare}'",
                            where))
        return "https://" + bare
    notes.append(Notice(f"{what()} {url!r} is not an http(s) URL: {left_out}", where))
    return None


def _rich(rich: RichText | None, what: Callable[[], str], where: Where | None,
          notes: list[Notice]) -> RichText | None:
    """Rich text with each link mended as :func:`_link` does (a link left out keeps its
    text); the same object when no link changed. One warning per distinct URL."""
    if not rich:
        return rich
    fixed: dict[str, str | None] = {}

    def url(u: str) -> str | None:
        if u not in fixed:
            fixed[u] = _link(u, what, where, notes, "its text is printed without the link")
        return fixed[u]

    def block(b: TextBlock) -> TextBlock:
        if isinstance(b, Paragraph):
            runs = tuple(replace(r, url=url(r.url)) if r.url is not None and url(r.url) != r.url
                         else r for r in b.runs)
            return b if all(x is y for x, y in zip(runs, b.runs)) else Paragraph(runs)
        if isinstance(b, TextList):
            items = tuple(ListItem(tuple(block(x) for x in i.blocks)) for i in b.items)
            same = all(x is y for i, j in zip(items, b.items) for x, y in zip(i.blocks, j.blocks))
            return b if same else replace(b, items=items)
        return b

    blocks = tuple(block(b) for b in rich.blocks)
    return rich if all(a is b for a, b in zip(blocks, rich.blocks)) else RichText(blocks)


def _fresh_ids(days: list[Day], notes: list[Notice]) -> list[Day]:
    """Days whose repeated ids (of sessions and items alike) are made unique: the first
    keeps its id, each repeat gets ``ID-HASH`` from its own title, start and room (stable:
    the same file gives the same ids). One warning lists them all."""
    counts: dict[str, int] = {}
    for day in days:
        for entry in day.entries:
            for item in (entry, *entry.items) if isinstance(entry, Session) else (entry,):
                counts[item.id] = counts.get(item.id, 0) + 1
    if all(n == 1 for n in counts.values()):
        return days
    used = set(counts)
    seen: set[str] = set()
    renamed: list[tuple[Talk | Session, str]] = []

    def fresh(item: Item) -> Item:
        if item.id not in seen:
            seen.add(item.id)
            return item
        content = f"{item.id}\0{item.title}\0{item.start.isoformat()}\0{item.room}"
        base = f"{item.id}-{hashlib.sha256(content.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        new, n = base, 1
        while new in used:  # the same content twice: numbered in source order
            n += 1
            new = f"{base}-{n}"
        used.add(new)
        renamed.append((item, new))
        return replace(item, id=new)

    out = [map_items(day, fresh) for day in days]
    listed = "; ".join(
        f"{item.id!r}{f' (line {item.where.line})' if item.where and item.where.line else ''}"
        f" {label(item)} -> {new!r}" for item, new in renamed)
    notes.append(Notice(f"{len(renamed)} repeated id(s) given fresh ones (calendars need "
                        f"each id once): {listed}", renamed[0][0].where))
    return out
