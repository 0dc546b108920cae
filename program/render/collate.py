"""Alphabetical order for people's names by the Unicode Collation Algorithm (pyuca's DUCET),
so that "Émile" sorts with "E", "Łukasz" with "L", and case does not split the list."""
from __future__ import annotations

from functools import lru_cache

from pyuca import Collator


@lru_cache(maxsize=1)
def _collator() -> Collator:
    return Collator()


def sort_key(name: str) -> tuple:
    """A key that orders names alphabetically (UCA), ties broken by the exact text."""
    return (_collator().sort_key(name), name)


def sort_names(names: list[str]) -> list[str]:
    """``names`` in alphabetical order. Loading the collation table costs ~0.2 s, so a list
    of plain ASCII names (where UCA order is case-insensitive order with punctuation and
    digits before letters, as ASCII has it) is sorted without it."""
    if all(n.isascii() for n in names):
        return sorted(names, key=lambda n: (n.casefold(), n.swapcase()))
    return sorted(names, key=sort_key)
