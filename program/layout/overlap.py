"""Which items overlap another in their room: the grid marks them, and the legend says so.

``overlapping(talks) -> frozenset of ids``. Pure. Real programmes plan overlaps (pitches
during a reception), so they are a warning, not an error: the grid gives them lanes side by
side in the room's column (:mod:`program.layout.grid`) and marks each with an edge in
:data:`OVERLAP`, which the legend explains.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from program.model import Talk

OVERLAP = "#c0392b"
"""The edge an overlapping item's cell gets, and its legend swatch (dark enough to show in
grayscale beside every default fill)."""
OVERLAP_LABEL = "Overlaps another item in its room"


def overlapping(talks: Iterable[Talk]) -> frozenset[str]:
    """The ids of the items that share time with another item of their room (an item for
    everyone, ``room`` None, counts in every room). Wall-clock times, as the grid draws."""
    by_room: dict[str | None, list[Talk]] = defaultdict(list)
    for talk in talks:
        by_room[talk.room].append(talk)
    plenary = by_room.pop(None, [])
    found: set[str] = set()
    for room_talks in list(by_room.values()) or [[]]:
        running: Talk | None = None  # the item seen so far that ends last
        for talk in sorted(plenary + room_talks, key=lambda t: (t.start, t.end, t.id)):
            if running is not None and talk.start < running.end:
                found.update((talk.id, running.id))  # see checks._overlapping_pairs
            if running is None or talk.end > running.end:
                running = talk
    return frozenset(found)
