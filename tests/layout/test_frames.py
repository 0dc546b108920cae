"""Items made in layout's fast paths (program/layout/frames.py) are the objects their
dataclasses make: every field set, equal, hashed alike."""
from __future__ import annotations

from dataclasses import fields

from program.fonts import BOLD, REGULAR
from program.layout.frames import Link, Role, Text, moved, set_line, text_line
from program.layout.textfit import Line


def _same(item, expected) -> None:
    assert type(item) is type(expected)
    assert set(vars(item)) == {f.name for f in fields(expected)}
    assert item == expected and hash(item) == hash(expected)


def test_a_set_line_is_the_text_item_its_constructor_makes():
    line = Line((("Keynote ", BOLD, "text"), ("9:00", REGULAR, "muted")), 40.0)
    item = set_line(line, 10.0, 20.0, 8.0, {"text": "#000000", "muted": "#555555"},
                    Role.HEADING)
    _same(item, Text(10.0, 20.0, 8.0, (("Keynote ", BOLD, "#000000"),
                                       ("9:00", REGULAR, "#555555")), Role.HEADING))
    _same(text_line("Room A", 1.0, 2.0, REGULAR, 9.0, "#111111"),
          Text(1.0, 2.0, 9.0, (("Room A", REGULAR, "#111111"),), Role.PARAGRAPH))


def test_moved_items_are_the_items_their_constructors_make():
    text = Text(1.5, 2.5, 8.0, (("a", REGULAR, "#000000"),), Role.LIST_ITEM)
    link = Link((1.0, 2.0, 3.0, 4.0), url="https://example.org/")
    shifted_text, shifted_link = moved((text, link), 10.25, -3.5)
    _same(shifted_text, Text(11.75, -1.0, 8.0, text.runs, Role.LIST_ITEM))
    _same(shifted_link, Link((11.25, -1.5, 13.25, 0.5), url="https://example.org/"))
