"""Times at the start of a line of a web page, and the time zone a sentence names.

``split_time(line)`` finds ``8:40 - 9:10``, ``**09:00 - 09:30**:``, ``9:00am – 9:30am``,
``9 - 10am``, ``9h30 - 11h``, ``9 - 10:30``, ``noon`` at the start of a line and gives the spans after it;
``zone_named(text)`` the IANA zone of ``Times are listed in EST``. Pure.
"""
from __future__ import annotations

import re
from dataclasses import replace

from program.sources.common import zone_info
from program.sources.page import Line, Span

_T = r"(?:\d{1,2}(?:[:.h]\d{2}(?::\d{2})?|h(?![a-z]))?(?!\d)\s*(?:[aApP]\.?\s?[mM]\b\.?)?|noon|midday|midnight)"
TIME_AT_START = re.compile(
    rf"^\W{{0,3}}?(?P<start>{_T})(?:\s*(?:-{{1,3}}|–|—|−|~|\bto\b|\buntil\b|\btill\b)\s*"
    rf"(?P<end>{_T}|open[- ]?ended|end|late|tbd|tba)?)?"
    # a zone written after the time (9:00 - 9:30 PT): the time's, not the title's
    r"(?-i:\s*\(?(?:[ECMPA][SD]?T|UTC|GMT|CES?T|BST|JST|KST|AES?T|HST)"
    r"(?:\s*[+-]\s*\d{1,2})?\)?(?![\w]))?"
    r"(?P<after>\W*)", re.I)
TRAILING_SPAN = re.compile(rf"\s*[(\[–—-]*\s*(?P<start>{_T})\s*(?:-{{1,3}}|–|—|\bto\b)\s*"
                            rf"(?P<end>{_T})\s*[)\]]?\s*$", re.I)

TIMES_IN = re.compile(r"\btimes?\b.{0,40}\b(?:in|are|is)\b|\b(?:in|are)\b.{0,20}\btimes?\b", re.I)
_ZONE_WORDS = {
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "eastern": "America/New_York", "ct": "America/Chicago", "cst": "America/Chicago",
    "cdt": "America/Chicago", "central": "America/Chicago", "mt": "America/Denver",
    "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "utc": "UTC", "gmt": "UTC", "cet": "Europe/Berlin",
    "cest": "Europe/Berlin", "bst": "Europe/London", "jst": "Asia/Tokyo", "kst": "Asia/Seoul",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "hst": "Pacific/Honolulu",
}


def zone_named(text: str) -> str | None:
    """The IANA zone a sentence names: ``Europe/Vienna``, ``EST``, ``GMT+1`` (``Etc/GMT-1``:
    the Etc names count the other way), ``Pacific Time``; None when it names none."""
    m = re.search(r"\b([A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?)\b", text)
    if m and zone_info(m[1]) is not None:
        return m[1]
    m = re.search(r"\b(?:GMT|UTC)\s*([+-−])\s*(\d{1,2})(?::00)?\b", text)
    if m:
        hours = int(m[2])
        sign = "-" if m[1] == "+" else "+"
        return f"Etc/GMT{sign}{hours}" if hours and hours <= 12 else "UTC"
    for word in re.findall(r"[A-Za-z]+", text):
        zone = _ZONE_WORDS.get(word.lower())
        if zone and (word.isupper() or word.lower() in ("eastern", "central", "mountain",
                                                         "pacific")):
            if word.lower() in ("eastern", "central", "mountain", "pacific") and \
                    not re.search(word + r"\s+(?:standard\s+|daylight\s+)?time", text, re.I):
                continue
            return zone
    return None


def split_time(line: Line) -> tuple[str, str | None, list[Span]] | None:
    """A line's leading time (``**09:00 - 09:30**:``, ``8:45 AM``, ``9.45 -``, ``9 - 10am``,
    ``noon``) as start and end text, and the spans after it; None when the line does not
    start with a time."""
    text = "".join(s.text for s in line.spans)
    m = TIME_AT_START.match(text)
    if not m:
        return None
    start, end = _named(m["start"].strip()), _named(m["end"].strip()) if m["end"] else None
    meridiem = re.search(r"([ap])\.?\s?m", end or "", re.I)
    if not is_clock(start) and start.isdigit() and end and not meridiem and is_clock(end):
        start = f"{start}:00"  # "9 - 10:30": the hour alone, before a full end
    if not is_clock(start):
        if not (start.isdigit() and end and meridiem and is_clock(end)):
            return None
        # "9 - 10am": the start takes the end's am/pm (or the other one, "11 - 1pm")
        end_hour = int(re.match(r"\d+", end).group()) % 12
        half = meridiem[1].lower()
        if int(start) % 12 > end_hour:
            half = "a" if half == "p" else "p"
        start = f"{start}:00{half}m"
    cut = m.end()
    rest, pos = [], 0
    for span in line.spans:
        stop = pos + len(span.text)
        if stop > cut:
            rest.append(replace(span, text=span.text[max(0, cut - pos):]))
        pos = stop
    return start, end, rest


def _named(text: str) -> str:
    """``noon`` and ``midnight`` as clock times."""
    word = text.strip().lower()
    return {"noon": "12:00pm", "midday": "12:00pm", "midnight": "12:00am"}.get(word, text)


def is_clock(text: str) -> bool:
    return bool(re.search(r"[:.h]\d{2}|[ap]\.?\s?m|^\d{1,2}h$", text.strip(), re.I))
