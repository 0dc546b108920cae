"""Times as people write them: ``8:40``, ``13:30``, ``1:30pm``, ``8:40-9:10``, ``1:30 - 3:30``.

A clock time written without am/pm and with an hour from 1 to 11 is ambiguous on a 12-hour
schedule. :func:`resolve` settles it by the order of the day: the earliest reading that does
not go back before the previous time (so ``12:00 - 1:30`` is noon to half past one, and a
``1:30`` after a morning is 13:30). Everything here is pure: text in, numbers out, and a
``ValueError`` with a readable message for text that is not a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CLOCK = re.compile(
    r"""^\s*(?P<h>\d{1,2})(?:(?:[:.]|\s?(?P<french>h)\s?)(?P<m>\d{2})?(?::\d{2})?)?\s*
        (?P<ampm>[ap]\.?\s*m\.?|[ap])?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
#: clock times written as words (an Excel or web page's ``noon``), in minutes
_NAMED = {"noon": 720, "midday": 720, "midnight": 0, "mittag": 720, "midi": 720,
          "minuit": 0, "mitternacht": 0, "mezzogiorno": 720, "mezzanotte": 0,
          "mediodia": 720, "medianoche": 0}
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|\bto\b|\buntil\b)\s*", re.IGNORECASE)
_DURATION = re.compile(
    r"""^\s*(?:(?P<h>\d+)\s*(?:h|hr|hrs|hour|hours)\s*)?
        (?:(?P<m>\d+)\s*(?:m|min|mins|minute|minutes)?\s*)?$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Clock:
    """A clock time as written: hour, minute and ``"am"``/``"pm"`` when it was given.

    ``meridiem`` is ``"24h"`` when a leading zero (``08:30``) marks the time as 24-hour.
    """

    hour: int
    minute: int
    meridiem: str | None = None

    @property
    def is_24h(self) -> bool:
        """True when the text can only be read one way (13:30, 00:15, 08:00 with a zero)."""
        return self.meridiem == "24h" or (self.meridiem is None and (self.hour == 0 or self.hour >= 13))


def parse_clock(text: str) -> Clock:
    """``"1:30pm"`` -> ``Clock(1, 30, "pm")``; also Excel's ``9:00:00 AM``, French ``9h30``
    and ``11h`` (24-hour), ``9.30``, ``noon`` and ``midnight``. Raises ValueError for
    anything else."""
    named = _NAMED.get(text.strip().casefold().replace("í", "i").rstrip("."))
    if named is not None:
        return Clock(named // 60, 0, "24h")
    m = _CLOCK.match(text)
    if not m or (m["m"] is None and text.strip()[-1:] in ":."):
        raise ValueError(f"{text.strip()!r} is not a time; write it like 9:30, 13:30 or 1:30pm")
    hour, minute = int(m["h"]), int(m["m"] or 0)
    meridiem = None
    if m["ampm"]:
        meridiem = "am" if m["ampm"][0].lower() == "a" else "pm"
        if not 1 <= hour <= 12:
            raise ValueError(f"{text.strip()!r}: with am/pm the hour must be 1 to 12")
    if m["m"] is None and meridiem is None and not m["french"]:
        raise ValueError(f"{text.strip()!r} is not a time; write it like 9:30, 13:30 or 1:30pm")
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise ValueError(f"{text.strip()!r} is not a time of day")
    if (text.strip().startswith("0") or m["french"]) and meridiem is None:
        return Clock(hour, minute, "24h")
    return Clock(hour, minute, meridiem)


@lru_cache(maxsize=4096)
def parse_range(text: str) -> tuple[Clock, Clock | None]:
    """``"8:40 - 9:10"`` -> two clocks; ``"13:30"`` -> one clock and None. (Kept by the
    text: a schedule writes the same few ranges again in every room and on every day.)"""
    parts = _RANGE_SPLIT.split(text.strip())
    if len(parts) == 1:
        return parse_clock(parts[0]), None
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise ValueError(f"{text.strip()!r} is not a time range; write it like 8:40-9:10")
    if not re.fullmatch(r"\d{1,2}", parts[0]):
        return parse_clock(parts[0]), parse_clock(parts[1])
    end = parse_clock(parts[1])  # ``9-10:30``: the hour alone, before a full end
    hour = int(parts[0])
    if hour > 23:
        raise ValueError(f"{text.strip()!r} is not a time range; write it like 8:40-9:10")
    return Clock(hour, 0, "24h" if parts[0].startswith("0") else None), end


def resolve(clock: Clock, after: int | None = None) -> int:
    """Minutes since midnight of ``clock``, reading an ambiguous 12-hour time by order.

    ``after`` is the previous time of the day in minutes (or None at the start of a day).
    """
    if clock.meridiem == "24h":
        return clock.hour * 60 + clock.minute
    if clock.meridiem is not None:
        hour = clock.hour % 12 + (12 if clock.meridiem == "pm" else 0)
        return hour * 60 + clock.minute
    minutes = clock.hour * 60 + clock.minute
    if clock.is_24h or clock.hour == 12 or after is None:
        return minutes
    if minutes < after and minutes + 720 >= after:
        return minutes + 720
    return minutes


MAX_IMPLIED_SPAN = 8 * 60
"""A range end is read as afternoon (1:30 -> 13:30) only when that makes the item last at
most this long; ``11:00 - 10:00`` stays backwards, for ``program check`` to report."""


def resolve_end(clock: Clock, start: int) -> int:
    """Minutes since midnight of a range's end, read by order after ``start`` (see
    :func:`resolve`), unless that would make an implausibly long item."""
    end = resolve(clock, start)
    plain = resolve(clock, None)
    if end != plain and end - start > MAX_IMPLIED_SPAN:
        return plain
    return end


MAX_DURATION_DAYS = 31
"""Longest duration read: more is a typo (and thousands of digits would not even convert)."""


def parse_duration(text: str) -> int:
    """``"10 minutes"``, ``"10min"``, ``"1h30"``, ``"1:30"`` or ``"90"`` -> minutes.
    ValueError for anything else, and for more than MAX_DURATION_DAYS days."""
    stripped = text.strip()
    shown = stripped if len(stripped) <= 40 else stripped[:40] + "…"
    hm = re.fullmatch(r"(\d+):(\d{2})", stripped)
    m = None if hm else _DURATION.match(stripped)
    if not hm and (not stripped or not m or not (m["h"] or m["m"])):
        raise ValueError(f"{shown!r} is not a duration; write it like 10min, 1h30 or 90")
    hours, minutes = (hm[1], hm[2]) if hm else (m["h"] or "0", m["m"] or "0")
    limit = MAX_DURATION_DAYS * 24 * 60
    total = int(hours) * 60 + int(minutes) if len(hours) + len(minutes) < 12 else limit + 1
    if total > limit:
        raise ValueError(f"{shown!r} is longer than {MAX_DURATION_DAYS} days; write it like "
                         "10min, 1h30 or 90")
    return total


def format_clock(minutes: int, clock: str = "24h") -> str:
    """Minutes since midnight -> ``"13:30"`` (24h) or ``"1:30"`` (12h, no suffix)."""
    hour, minute = divmod(minutes % 1440, 60)
    if clock == "12h":
        hour = hour % 12 or 12
        return f"{hour}:{minute:02d}"
    return f"{hour}:{minute:02d}"
