"""People's names as an index prints and sorts them: ``Family, Given`` by family name.

``index_name(name) -> IndexName``. A name written family-first with a comma ("O'Brien,
Siobhán") is taken as written; a name in Chinese, Japanese or Korean script (family name
first, no space) or of one word stays as written; otherwise the last word is the family
name, with a suffix (Jr., III) kept after it and lower-case particles (van, de, von, da...)
moved after the given names, as indexes do ("Rossum, Guido van", sorted under R). Pure.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "du",
                       "dos", "das", "do", "le", "la", "ten", "ter", "zu", "af", "av", "bin",
                       "ibn", "al", "el", "y", "d'", "dei", "degli"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d."})
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class IndexName:
    """A name as printed in the index (``printed``), the text it sorts by (``key``: family
    name first, particles after) and its letter heading (``letter``)."""

    printed: str
    key: str
    letter: str


def index_name(name: str) -> IndexName:
    """See the module docstring."""
    name = " ".join(name.split())
    if "," in name:  # written family-first already
        family, _, given = (p.strip() for p in name.partition(","))
        return _made(f"{family}, {given}" if given else family, family, given)
    words = name.split(" ")
    if len(words) < 2 or _CJK.search(name):
        return _made(name, name, "")
    suffix = ""
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        suffix, words = words[-1], words[:-1]
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES and words[i - 1][:1].islower():
        i -= 1  # lower-case particles before the family name ("van der", "de la")
    family, particles, given = words[-1], " ".join(words[i:-1]), " ".join(words[:i])
    printed = f"{family}, {given}" + (f" {particles}" if particles else "") + \
        (f", {suffix}" if suffix else "")
    return _made(printed, family, f"{given} {particles}".strip())


def _made(printed: str, family: str, given: str) -> IndexName:
    key = f"{family}, {given}" if given else family
    return IndexName(printed, key, _letter(family))


def _letter(family: str) -> str:
    """The letter heading of ``family``: its first letter without accents, upper case
    ("Łukasiewicz" -> "L", "O'Brien" -> "O"); "#" for a name that starts with no letter."""
    for char in unicodedata.normalize("NFD", family):
        if char.isalpha():
            base = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}.get(char, char)
            return base.upper() if base.isascii() else char
    return "#"
