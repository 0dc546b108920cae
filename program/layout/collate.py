"""Alphabetical order for people's names by the Unicode Collation Algorithm (pyuca's DUCET),
so that "Émile" sorts with "E", "Łukasz" with "L", and case does not split the list.

Keys are computed by pyuca's own code (``pyuca.Collator.sort_key``: NFD, longest-match
contractions, non-starter handling, implicit weights for unlisted characters such as CJK
ideographs). Only the table differs: ``pyuca.Collator()`` parses all ~30,000 lines of
``allkeys-<Collator.UCA_VERSION>.txt`` (9.0.0 on Python 3.6+; 0.15-0.6 s depending on the machine), while
:class:`_SubsetCollator` reads the same file and loads only the entries (single code points
and contractions) whose code points all occur in the NFD forms of the names asked about so
far, picked out by one regex scan: ~10-15 ms for a few hundred distinct code points. A key
for a string only ever consults entries made of that string's code points, so keys and
order are identical to full pyuca's (tests/layout/test_collate.py checks this against the real
thing). The table grows when a name with new code points comes along.

Lists of plain ASCII names need no table: :func:`ascii_key` gives the same order.
"""
from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

import pyuca.collator
from pyuca import Collator
from pyuca.collator import COLL_ELEMENT_PATTERN
from pyuca.trie import Trie
from pyuca.utils import hexstrings2int


def _alternation(words: list[str]) -> str:
    """A regex source matching exactly the strings ``words`` (distinct, sorted, made of
    regex-inert characters such as hex digits), factored by shared prefixes as a trie,
    with a character class for the last level, so ``re`` never tries them one by one."""
    if words == [""]:
        return ""
    if all(len(word) == 1 for word in words):
        return words[0] if len(words) == 1 else "[" + "".join(words) + "]"
    ends_here = False
    by_first: dict[str, list[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    branches = [ch + _alternation(rest) for ch, rest in by_first.items()]
    source = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + source + ")?" if ends_here else source


def _entry_lines(code_point: str, least: int = 1, most: int | None = None) -> str:
    """Regex source matching a newline and then, as group 1, a whole allkeys entry line
    of ``least`` to ``most`` (None: any number of) code points, each matching
    ``code_point`` (a regex source for one code point in upper-case hex). Code points end
    before " " or ";", so "1D40" does not match the start of "1D400"."""
    return rf"\n((?:{code_point}(?= |;) *){{{least},{most or ''}}};[^\n]*)"


class _SubsetCollator(Collator):
    """A subclass of ``pyuca.Collator`` (its ``sort_key`` and the rest of the algorithm
    inherited unchanged) whose table holds only the DUCET entries for the code points
    passed to :meth:`require` so far.

    ``sort_key(s)`` (inherited, str in, tuple of ints out) equals full pyuca's provided
    every code point of NFD(``s``) has been passed to ``require`` first.
    """

    def __init__(self, filename: str | None = None):
        """Reads nothing yet. ``filename``: an allkeys file in DUCET format; by default the
        one ``pyuca.Collator()`` loads (``allkeys-<Collator.UCA_VERSION>.txt``)."""
        # BaseCollator.__init__ is deliberately not called: it would parse the whole file.
        if filename is None:
            filename = os.path.join(os.path.dirname(pyuca.collator.__file__),
                                    f"allkeys-{self.UCA_VERSION}.txt")
        self.filename = filename
        self.table = Trie()
        self.implicit_weights = []
        self._loaded: set[int] = set()
        self._data: bytes | None = None  # the file after a newline, once read
        # For loads after the first: single-code-point lines by hex code point, and
        # contraction lines by each of their code points as (file offset, code points, line).
        self._singles: dict[bytes, bytes] | None = None
        self._contractions: dict[int, list[tuple[int, frozenset[int], bytes]]] = {}

    def require(self, code_points: set[int]) -> None:
        """Make the table complete for strings made of ``code_points`` (a set of ints): add
        every entry (single code point or contraction) whose code points are all among
        those required so far and at least one of which is new.

        The first call reads the file and picks the lines (and the @implicitweights lines)
        with one regex scan, ~10 ms for a few hundred code points. A later call with new
        code points indexes the file once (~25 ms) and from then on looks lines up, so
        key-by-key use stays cheap.
        """
        new = code_points - self._loaded
        if not new:
            return
        loaded = self._loaded | new
        if self._data is None:
            with open(self.filename, "rb") as keys_file:
                self._data = b"\n" + keys_file.read()
            hexes = _alternation(sorted(f"{cp:04X}" for cp in new))
            lines = re.findall(rf"\n(@implicitweights[^\n]*)|{_entry_lines(hexes)}".encode(),
                               self._data)
            lines = [implicit or entry for implicit, entry in lines]
        else:
            if self._singles is None:
                self._index()
            lines = [self._singles[key] for key in (b"%04X" % cp for cp in new)
                     if key in self._singles]
            lines += [line for _, cps, line in sorted({
                entry for cp in new for entry in self._contractions.get(cp, ())
                if entry[1] <= loaded})]
        for line in lines:
            self._parse(line.decode("utf-8"))
        self._loaded = loaded

    def _index(self) -> None:
        """Fill ``_singles`` and ``_contractions`` from the file (one scan each). A key
        listed twice keeps its last line, as in pyuca's table."""
        any_hex = "[0-9A-F]{4,6}"
        self._singles = {line.split(None, 1)[0]: line for line in
                         re.findall(_entry_lines(any_hex, 1, 1).encode(), self._data)}
        for match in re.finditer(_entry_lines(any_hex, 2).encode(), self._data):
            line = match.group(1)
            cps = frozenset(hexstrings2int(line.split(b";", 1)[0].split()))
            for cp in cps:
                self._contractions.setdefault(cp, []).append((match.start(), cps, line))

    def _parse(self, line: str) -> None:
        """Add one line of the allkeys file to the table, exactly as
        ``pyuca.collator.BaseCollator.load`` does for each line."""
        line = line.split("#", 1)[0].rstrip()
        if not line or line.startswith("@version"):
            return
        if line.startswith("@implicitweights"):
            ch_range, base = line[len("@implicitweights"):].split(";")
            range_start, range_end = ch_range.split("..")
            self.implicit_weights.append([
                int(range_start, 16), int(range_end, 16), int(base, 16)
            ])
            return
        a, b = line.split(";", 1)
        char_list = hexstrings2int(a.split())
        coll_elements = []
        for x in COLL_ELEMENT_PATTERN.finditer(b.strip()):
            coll_elements.append(hexstrings2int(x.groups()))
        self.table.add(char_list, coll_elements)


@lru_cache(maxsize=1)
def _collator() -> _SubsetCollator:
    return _SubsetCollator()


def _code_points(names) -> set[int]:
    """The code points of the NFD forms of ``names`` (an iterable of str)."""
    out: set[int] = set()
    for name in names:
        out.update(map(ord, unicodedata.normalize("NFD", name)))
    return out


def sort_key(name: str) -> tuple:
    """A key for ``name`` (str) that orders names alphabetically: ``(UCA key, name)`` where
    the UCA key is the tuple of ints ``pyuca.Collator().sort_key(name)`` returns, and the
    exact text breaks ties. Loads the table entries ``name`` needs if not loaded yet."""
    collator = _collator()
    collator.require(_code_points((name,)))
    return (collator.sort_key(name), name)


#: Printable ASCII in the order of the UCA table (pyuca's DUCET, non-ignorable): a letter
#: and its capital share a first-level weight; the lower case comes first at the third level.
#: tests/layout/test_collate.py checks this against pyuca.
ASCII_UCA_ORDER = (" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789"
                   "aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ")
_ASCII_FIRST = {ord(ch): chr(0x100 + ASCII_UCA_ORDER.index(ch.lower())) for ch in ASCII_UCA_ORDER}
_ASCII_THIRD = {ord(ch): "2" if ch == ch.lower() else "8" for ch in ASCII_UCA_ORDER}


def ascii_key(name: str) -> tuple[str, str]:
    """The UCA order of a printable-ASCII ``name`` without the table: (first-level weights,
    third-level weights) as strings, which compare exactly as pyuca's keys for ASCII do
    (every printable ASCII character has one collation element, the second level is the
    same for all of them)."""
    return name.translate(_ASCII_FIRST), name.translate(_ASCII_THIRD)


def sort_names(names: list[str]) -> list[str]:
    """``names`` (strs) as a new list in alphabetical order, the order of :func:`sort_key`:
    the UCA order, the exact text breaking ties.

    A list of printable-ASCII names is ordered by :func:`ascii_key` (no table needed, same
    order). Otherwise the table entries for all of the names are loaded in one scan
    (~10-15 ms) and the keys cost ~20-40 us per name.
    """
    if all(n.isascii() and n.isprintable() for n in names):
        return sorted(names, key=lambda name: (ascii_key(name), name))
    _collator().require(_code_points(names))
    return sorted(names, key=lambda name: (_uca_key(name), name))


@lru_cache(maxsize=65536)
def _uca_key(name: str) -> tuple[int, ...]:
    """pyuca's key for ``name`` (its table entries loaded already), remembered: a rebuild
    (``--watch``) sorts the same names again."""
    return _collator().sort_key(name)
