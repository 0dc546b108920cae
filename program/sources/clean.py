"""Text as the model keeps it, whatever reader it came from: one pass over a loaded schedule.

``clean(schedule) -> Schedule`` (the registry applies it to every schedule it loads), so no
reader and no product has to do it again:

- single-line fields (titles, names, affiliations, rooms, tracks, labels): a newline, tab or
  other line-breaking space becomes one space, and the ends are trimmed; in the others
  (abstracts, descriptions) every kind of line end becomes a newline, and a tab a space
  (no font has a glyph for it);
- every text: default-ignorable characters (variation selectors U+FE0E/U+FE0F, zero-width
  space, soft hyphen, word joiner, BOM, tags, ...) are dropped: they have no glyph, and a
  font that lacks one draws an empty box. Zero-width (non-)joiners stay: they choose the
  letter forms of Arabic and Persian words (and emoji), and the text fonts draw them as
  nothing;
- bidi override, embedding and isolate characters (U+202A-U+202E, U+2066-U+2069) are removed
  with a warning naming the item: they can make a title print in another order than it
  reads in the file;
- ids (of talks, sessions and rooms, and the room an item names): all of the above, and
  control characters removed (ids end up in the calendar's UIDs and in URLs).

URLs are left as written (``checks.safe_url`` judges them). Control characters in printed
text are left for ``checks`` to refuse. What was removed is kept as warnings in
``Schedule.notices``, which ``checks`` reports.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import types
import typing
import unicodedata
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from program.memo import Memo
from program.model import Day, Event, Notice, Room, Schedule, Session, Talk, Where

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
#: Unicode's Default_Ignorable_Code_Point, less the bidi controls (above) and the joiners
#: U+200C/U+200D, which shaping needs.
_IGNORABLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b"
                        "\u200e\u200f\u2060-\u2065\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff"
                        "\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                        "\U000e0000-\U000e0fff]")
#: What ids lose besides: control characters (tab and line breaks are made spaces first)
#: and the joiners.
_ID_EXTRA = re.compile("[\x00-\x1f\x7f-\x9f\u200c\u200d]")
#: Line-breaking and tab characters, with the spaces around them: one space in a single line.
_BREAKS = re.compile("[ ]*[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+[ ]*")

#: Line ends other than a newline (CR LF from a spreadsheet, a lone CR, U+2028, ...): one
#: newline in a multi-line text.
_LINES = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")

#: Fields whose text is one line wherever it is printed.
SINGLE_LINE = frozenset({"title", "subtitle", "venue", "organizers", "name", "affiliation",
                         "track", "label", "notes"})
#: Fields that hold an id (or name one: the room of an item).
IDS = frozenset({"id", "room"})
#: Text fields left as written: URLs, file names, codes checked elsewhere.
AS_WRITTEN = frozenset({"url", "talk_url", "href", "logo", "source", "timezone", "language",
                        "clock", "paper", "kind", "where"})


def clean(schedule: Schedule) -> Schedule:
    """``schedule`` with its text cleaned as the module says (the same object when nothing
    needed it); bidi controls removed are added to ``Schedule.notices``."""
    notes: list[tuple[str, Where | None]] = []
    event = _object(schedule.event, notes, "the event")
    rooms = tuple(_object(r, notes, None) for r in schedule.rooms)
    days = tuple(_object(d, notes, None) for d in schedule.days)
    colors = tuple((_single(k), v) for k, v in schedule.theme.colors)
    theme = schedule.theme if colors == schedule.theme.colors else \
        dataclasses.replace(schedule.theme, colors=colors)
    same = event is schedule.event and theme is schedule.theme and all(
        a is b for a, b in zip(rooms + days, schedule.rooms + schedule.days))
    if same and not notes:
        return schedule
    return dataclasses.replace(schedule, event=event, rooms=rooms, days=days, theme=theme,
                               notices=schedule.notices + tuple(Notice(m, w) for m, w in notes))


def clean_id(text: str) -> str:
    """An id as the model keeps it: one line, no control, default-ignorable or bidi
    characters (never empty: an id of nothing but those becomes a hash of it)."""
    out = _ID_EXTRA.sub("", _BIDI.sub("", _IGNORABLE.sub("", _single(text))))
    if out or not text:
        return out
    return "id-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _single(text: str) -> str:
    """One line: breaks and tabs made one space, the ends trimmed."""
    return _BREAKS.sub(" ", text).strip(" ") if _BREAKS.search(text) or text != text.strip(" ") \
        else text


def _text(text: str, single: bool) -> tuple[str, str]:
    """(the cleaned text, the bidi controls it lost)."""
    if not single and _MULTI_LINE_CHANGES.search(text) is None:
        return text, ""  # most abstracts
    found = ""
    if not text.isascii():
        text = _IGNORABLE.sub("", text)
        found = "".join(dict.fromkeys(_BIDI.findall(text)))
        text = _BIDI.sub("", text) if found else text
    if single:
        return _single(text), found
    text = _LINES.sub("\n", text) if _LINES.search(text) else text
    return (text.replace("\t", " ") if "\t" in text else text), found


#: What :func:`_text` changes in a multi-line text, looked for at once (most have none).
_MULTI_LINE_CHANGES = re.compile(f"[{_IGNORABLE.pattern[1:-1]}{BIDI_CONTROLS}\t\r\x0b\x0c\x85"
                                 "\u2028\u2029]")
#: The kinds of item a warning names by themselves (see :func:`_label`).
_LABELLED = (Talk, Session, Day, Room, Event)


def _label(item: Any) -> str | None:
    """How a warning names the item that holds a text."""
    if isinstance(item, (Talk, Session)):
        return f"{item.title!r} ({item.start:%H:%M})"
    if isinstance(item, Day):
        return f"day {item.date.isoformat()}"
    if isinstance(item, Room):
        return f"room {item.name!r}"
    if isinstance(item, Event):
        return "the event"
    return None


def _object(obj: Any, notes: list[tuple[str, Where | None]], owner: Any,
            where: Where | None = None) -> Any:
    """A dataclass with its text fields cleaned, then the dataclasses it holds (which name
    themselves in warnings if they are items, else go by ``owner``: the words for it, or the
    item, named only when a warning needs it); the same object when nothing changed."""
    if _CLEAN.get(id(obj)) is obj:  # (--watch: a session read again as the same object)
        return obj
    here = getattr(obj, "where", None) or where
    lost: list[tuple[str, str]] = []  # (field, bidi controls removed)
    changes = {}
    records = []  # the fields that hold dataclasses: cleaned after this one's own text
    for name, kind in _plan(type(obj)):
        value = getattr(obj, name)
        if value is None or (kind is _SKIP and type(value) is not str):
            continue
        if kind is _TEXT and type(value) is str:
            if value.isascii() and value.isprintable() and value[:1] != " " != value[-1:]:
                continue  # most text: nothing to clean
        elif kind is _RECORDS and type(value) is not str and not (
                type(value) is tuple and any(type(v) is str for v in value)):
            records.append(name)
            continue
        if isinstance(value, str) or (isinstance(value, tuple)
                                      and all(isinstance(v, str) for v in value)):
            new = _strings(name, value, lost)  # (most text comes back at once, unchanged)
            if new is not value and new != value:
                changes[name] = new
        elif isinstance(value, tuple):
            if any(_is_record(v) for v in value):
                records.append(name)
        elif not isinstance(value, int) and _is_record(value):
            records.append(name)
    out = dataclasses.replace(obj, **changes) if changes else obj
    if lost:
        label = _label(out)
        whose = "its" if label else f"a {type(out).__name__.lower()}'s"  # a person's name
        label = label or _named(owner)
        for name, chars in lost:
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c)}" for c in chars)
            notes.append((f"{label or 'an item'}: bidi control character {names} removed "
                          f"from {whose} {name}", here))
    if not records:
        return _clean_as_it_is(obj, out)
    owner = out if isinstance(out, _LABELLED) else owner
    changes = {}
    for name in records:
        value = getattr(out, name)
        if isinstance(value, tuple):
            new = tuple(_object(v, notes, owner, here) if _is_record(v) else v for v in value)
            new = value if all(a is b for a, b in zip(new, value)) else new
        elif _is_record(value):
            new = _object(value, notes, owner, here)
        else:  # (not what its annotation says: left to the checks)
            continue
        if new is not value:
            changes[name] = new
    return dataclasses.replace(out, **changes) if changes else _clean_as_it_is(obj, out)


#: Items (sessions, talks, days) that needed no cleaning, by id (each holding its object,
#: so the id stays its own), kept only in --watch: the YAML reader gives a session whose
#: text is unchanged as the same object (``yaml_schedule._reused_session``), and it needs
#: no second look.
_CLEAN: Memo = Memo(20000, warm_only=True)


def _clean_as_it_is(obj: Any, out: Any) -> Any:
    """``out``, noting an item that came back as it was (see ``_CLEAN``)."""
    if out is obj and isinstance(obj, _LABELLED):
        _CLEAN.keep(id(obj), obj)
    return out


def _named(owner: Any) -> str | None:
    """The words for ``owner`` (see :func:`_object`)."""
    return owner if owner is None or isinstance(owner, str) else _label(owner)


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass that hold what it says (not its source position)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.compare and f.name not in AS_WRITTEN)


#: What a field holds, by its annotation (see :func:`_plan`).
_TEXT, _RECORDS, _SKIP, _ANY = "text", "records", "skip", "any"
#: Types that hold no text.
_NO_TEXT = (bool, int, float, date, datetime, Enum)


@lru_cache(maxsize=None)
def _plan(cls: type) -> tuple[tuple[str, str], ...]:
    """(name, kind) of each field of :func:`_fields`, the kind read from its annotation:
    ``_TEXT`` (a string or a tuple of them), ``_RECORDS`` (dataclasses, or a tuple of
    them), ``_SKIP`` (a date, a number, a flag, an enum), ``_ANY`` (looked at as it is).
    A value that is not what its annotation says is looked at as it is too (see
    :func:`_object`), so the plan only saves the looking."""
    hints = typing.get_type_hints(cls)
    return tuple((name, _kind(hints.get(name))) for name in _fields(cls))


def _kind(hint: Any) -> str:
    options = [a for a in typing.get_args(hint) if a is not type(None)] \
        if typing.get_origin(hint) in (typing.Union, types.UnionType) else [hint]
    items = [typing.get_args(a)[0] if typing.get_origin(a) is tuple
             and typing.get_args(a)[1:] == (Ellipsis,) else a for a in options]
    members = [m for i in items for m in (typing.get_args(i) if typing.get_origin(i)
                                          in (typing.Union, types.UnionType) else (i,))]
    if not members:
        return _ANY
    if all(m is str for m in members):
        return _TEXT
    if all(dataclasses.is_dataclass(m) and isinstance(m, type) for m in members):
        return _RECORDS
    if all(isinstance(m, type) and issubclass(m, _NO_TEXT) for m in members):
        return _SKIP
    return _ANY


def _is_record(value: Any) -> bool:
    return hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type)


def _strings(name: str, value: Any, lost: list[tuple[str, str]]) -> Any:
    """A field's value with its text cleaned (a string, or a tuple of them); anything else
    as it is. Bidi controls removed are added to ``lost``."""
    if isinstance(value, str):
        if value.isascii() and value.isprintable() and value[:1] != " " != value[-1:]:
            return value  # most text: nothing to clean
        if name in IDS:
            return clean_id(value)
        text, chars = _text(value, name in SINGLE_LINE)
        if chars:
            lost.append((name, chars))
        return text
    if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
        cleaned = tuple(_strings(name, v, lost) for v in value)
        return cleaned if cleaned != value else value
    return value
