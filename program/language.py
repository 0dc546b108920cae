"""The event's language: every word the products print themselves, and dates and times.

``language_of(schedule) -> Language``. A :class:`Language` is frozen and hashable (layout
functions take it as an argument and are remembered by it). It gives:

- words: ``lang.text("Contents")``, ``lang.plural("Chair", "Chairs", n)``,
  ``lang.kind(Kind.KEYNOTE)``, from the gettext catalogue of the event's language
  (``program/locale/<language>.po``), with the schedule's ``theme.labels`` over them. The
  message ids are the English words, so English needs no catalogue and a word a catalogue
  lacks prints in English, never as an empty string;
- dates through Babel (CLDR): weekday and month names, the order of day, month and year,
  date ranges (``13–14 December 2019``);
- the clock the language's readers expect (``12h`` or ``24h``) and its am/pm words;
- the writing direction (``rtl`` for Arabic, Hebrew, ...).

The catalogues are read with Babel's .po reader and compiled in memory (once per process),
not compiled to .mo files at build time: setuptools has no compile step of its own, a .po
file is what translators edit and review, and no stale .mo can disagree with it. They ship
as package data (``program/locale/*.po``).

Plain ``en`` (no region) is British English, the tool's own wording (``Programme``):
dates ``Friday, 13 December 2019`` and a 24-hour clock; ``en-US`` gives US dates and 12 hours.
"""
from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, get_timezone
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from program.model import Kind

#: The languages with a catalogue (each ``program/locale/<tag>.po``).
SHIPPED = ("de", "es", "fr", "it", "ja", "nl", "pl", "pt", "zh_Hans", "ar", "he")

#: msgctxt of the kind labels ("Talk" the kind, not a word of a sentence).
KIND_CONTEXT = "kind"

#: Every message the products print (msgid, plural or None, context or None): the catalogue
#: template (``program/locale/program.pot``) lists the same, checked by the tests.
MESSAGES: tuple[tuple[str, str | None, str | None], ...] = (
    ("Cover", None, None),
    ("Contents", None, None),
    ("{day} — at a glance", None, None),
    ("At a glance: {day}", None, None),
    ("Speakers and chairs", None, None),
    ("Organizers: {names}", None, None),
    ("Programme online", None, None),
    ("Programme", None, None),
    ("Programme at a glance", None, None),
    ("Day {number}", None, None),
    ("Chair", "Chairs", None),
    ("Speaker", "Speakers", None),
    ("Handout", None, None),
    ("Badge cards", None, None),
    ("Badge card (trim size)", None, None),
    ("QR code: link to {what}", None, None),
    ("Overlaps another item in its room", None, None),
    ("Notes", None, None),
    ("{title} (continued)", None, None),
    ("rooms {part}/{parts}", None, None),
    ("+{count} talk", "+{count} talks", None),
    ("{title} · {count} poster", "{title} · {count} posters", None),
    ("schedule as of {when}", None, None),
) + tuple((kind.label, None, KIND_CONTEXT) for kind in Kind)


def label_keys() -> tuple[str, ...]:
    """What ``theme.labels`` may name: every message id and plural (English words)."""
    keys: list[str] = []
    for msgid, plural, _ in MESSAGES:
        keys += [msgid] + ([plural] if plural else [])
    return tuple(keys)


@dataclass(frozen=True)
class Language:
    """The language of an event (a BCP 47 tag) and the organizer's own words for some
    messages (``labels``: English message id -> words)."""

    tag: str = "en"
    labels: tuple[tuple[str, str], ...] = ()

    # --- words ------------------------------------------------------------------------

    def text(self, msgid: str, **fields: str) -> str:
        """The message ``msgid`` in this language, ``{name}`` fields filled in."""
        own = dict(self.labels).get(msgid)
        words = own if own is not None else _catalogue(self.catalogue_name).gettext(msgid)
        return _fill(words, fields)

    def plural(self, singular: str, plural: str, n: int, **fields: str) -> str:
        """The singular or plural message for ``n`` things (the language's plural rule)."""
        own = dict(self.labels).get(singular if n == 1 else plural)
        words = own if own is not None else \
            _catalogue(self.catalogue_name).ngettext(singular, plural, n)
        return _fill(words, fields)

    def kind(self, kind: Kind) -> str:
        """The printed name of ``kind`` (``Keynote``, ``Hauptvortrag``)."""
        own = dict(self.labels).get(kind.label)
        return own if own is not None else \
            _catalogue(self.catalogue_name).pgettext(KIND_CONTEXT, kind.label)

    # --- the locale -------------------------------------------------------------------

    @property
    def locale(self) -> Locale:
        """The Babel locale of the tag (plain ``en``: British English)."""
        return _locale(self.tag)

    @property
    def catalogue_name(self) -> str:
        """The shipped catalogue this language uses ("" for none: the English words)."""
        return _catalogue_name(self.tag)

    @property
    def rtl(self) -> bool:
        """True for a language written right to left."""
        return self.locale.text_direction == "rtl"

    @property
    def clock(self) -> str:
        """``12h`` or ``24h``: how the language's readers write the time of day (CLDR)."""
        pattern = self.locale.time_formats["short"].pattern
        return "12h" if "h" in pattern.replace("'h'", "") or "K" in pattern else "24h"

    @property
    def periods(self) -> tuple[str, str]:
        """The language's words for before and after noon (``am``, ``pm``)."""
        names = self.locale.day_periods["format"]["abbreviated"]
        return names.get("am", "am"), names.get("pm", "pm")

    # --- dates ------------------------------------------------------------------------

    def long_date(self, d: date) -> str:
        """``Friday, 13 December 2019``, ``Freitag, 13. Dezember 2019``."""
        return format_date(d, "full", locale=self.locale)

    def short_date(self, d: date) -> str:
        """``Fri 13 Dec``, ``Fr., 13. Dez.``."""
        return format_skeleton("MMMEd", d, locale=self.locale)

    def moment(self, when: datetime, clock: str, zone: str | None = None) -> str:
        """An aware ``when`` as a date and time of day on ``clock`` (``12h``, ``24h``) in the
        time zone ``zone`` (an IANA name): ``3 Dec 2026, 13:01``, ``3. Dez. 2026, 13:01``;
        without a zone, in UTC, saying so (``3 Dec 2026, 12:01 UTC``)."""
        tz = get_timezone(zone or "UTC")
        day = format_skeleton("yMMMd", when, tz, locale=self.locale)
        hour = format_skeleton("hm" if clock == "12h" else "Hm", when, tz, locale=self.locale)
        pattern = str(self.locale.datetime_formats["medium"])  # CLDR: "{1}, {0}"
        text = pattern.replace("{1}", day).replace("{0}", hour)
        return text if zone else f"{text} UTC"

    def date_range(self, first: date, last: date, short: bool = False) -> str:
        """One date, or a range of dates written as the language writes one
        (``13–14 December 2019``)."""
        if first == last:
            return self.short_date(first) if short else self.long_date(first)
        return format_interval(first, last, "MMMEd" if short else "yMMMMEEEEd",
                               locale=self.locale)


ENGLISH = Language()


def language_of(schedule) -> Language:
    """The language the products of ``schedule`` print in: its event's, with its theme's
    labels."""
    return Language(schedule.event.language or "en", getattr(schedule.theme, "labels", ()))


def _fill(words: str, fields: dict[str, str]) -> str:
    """``words`` with its ``{name}`` fields replaced (only those named: a brace that is no
    field, or a field not given, stays as written)."""
    for name, value in fields.items():
        words = words.replace("{" + name + "}", value)
    return words


def known_language(tag: str) -> bool:
    """True when Babel (CLDR) knows ``tag``'s language."""
    try:
        _parse(tag)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _parse(tag: str) -> Locale:
    return Locale.parse(tag.replace("_", "-"), sep="-")


@lru_cache(maxsize=64)
def _locale(tag: str) -> Locale:
    if tag.strip().lower() in ("", "en"):
        return Locale.parse("en_GB")
    try:
        return _parse(tag)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_GB")  # reported by the checks; dates in English then


@lru_cache(maxsize=64)
def _catalogue_name(tag: str) -> str:
    """The most specific shipped catalogue for ``tag``: ``pt-BR`` -> ``pt``,
    ``zh-CN`` -> ``zh_Hans``."""
    loc = _locale(tag)
    for name in (str(loc), f"{loc.language}_{loc.script}" if loc.script else "",
                 f"{loc.language}_{loc.territory}" if loc.territory else "", loc.language):
        if name in SHIPPED:
            return name
    return ""


@lru_cache(maxsize=16)
def _catalogue(name: str) -> gettext.NullTranslations:
    """The shipped catalogue ``name`` read and compiled in memory (none: the English
    message ids as they are)."""
    if not name:
        return gettext.NullTranslations()
    path = resources.files("program") / "locale" / f"{name}.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale=name)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)
