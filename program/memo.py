"""Results remembered between builds in one process, for ``--watch``.

A :class:`Memo` is a dict with a size limit: storing into a full one empties it first (a
rebuild then does the work again, nothing else changes). Some memos only pay off when
another build follows in the same process (recorded drawings, compressed pages): those are
``warm_only`` and keep nothing until :func:`keep_warm` turns them on, as ``--watch`` does.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Hashable, TypeVar

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

_WARM = False
_WARM_ONLY: list["Memo"] = []


class Memo(dict):
    """Values by key, at most ``limit`` of them; a ``warm_only`` memo keeps values only
    while :func:`keep_warm` is on."""

    def __init__(self, limit: int, warm_only: bool = False) -> None:
        super().__init__()
        self.limit = limit
        self.warm_only = warm_only
        if warm_only:
            _WARM_ONLY.append(self)

    def keep(self, key: Hashable, value: T) -> T:
        """Remember ``value`` under ``key`` (emptying a full memo first); returns ``value``."""
        if _WARM or not self.warm_only:
            if len(self) >= self.limit:
                self.clear()
            self[key] = value
        return value


def warm() -> bool:
    """True when later builds will follow in this process (``--watch``)."""
    return _WARM


def keep_warm(on: bool = True) -> None:
    """Let the ``warm_only`` memos keep values (``--watch`` turns this on); off empties them."""
    global _WARM
    _WARM = on
    if not on:
        for memo in _WARM_ONLY:
            memo.clear()
        let_go()


class Hashed(tuple):
    """A tuple that hashes its items once: a page's items or a talk's key parts are frozen
    dataclasses all the way down, each hashed field by field in Python, and such a key is
    looked up in several memos of one build. Equal to (and hashed as) the plain tuple."""

    def __new__(cls, items) -> "Hashed":
        key = super().__new__(cls, items)
        key.hashed = tuple.__hash__(key)
        return key

    def __hash__(self) -> int:
        return self.hashed


def warm_cache(limit: int) -> Callable[[F], F]:
    """Remember a pure function's results by its (positional, hashable) arguments, in
    ``--watch`` only: a warm rebuild asks again for what an edit left unchanged (a day's
    grid page, an index entry); a cold build never does, and keeps nothing."""
    def wrap(function: F) -> F:
        memo = Memo(limit, warm_only=True)

        @functools.wraps(function)
        def cached(*args):
            if not _WARM:
                return function(*args)
            key = Hashed(args)
            found = memo.get(key)
            return found if found is not None else memo.keep(key, function(*args))
        return cached  # type: ignore[return-value]
    return wrap


#: What a warm build has finished with, freed after its report (see :func:`set_aside`).
_SET_ASIDE: list[object] = []


def set_aside(thing: object) -> None:
    """In ``--watch``, keep ``thing`` (a finished document: tens of thousands of objects,
    0.05-0.1 s to free for the mega booklet) until :func:`let_go`, so that freeing it does
    not delay the rebuilt files' report; otherwise let it go now."""
    if _WARM:
        _SET_ASIDE.append(thing)


def let_go() -> None:
    """Free what was set aside (the watch loop calls this once a build is reported)."""
    _SET_ASIDE.clear()

