"""Extreme but valid schedules still build every product cleanly: a 300-character title,
40 speakers on one talk, an event with one item, a 16-room day, a 20-hour day, a 5-minute
talk beside a 3-hour workshop, and text in scripts and emoji the bundled fonts do not cover.

For each: the build raises nothing; every title is in the booklet's text layer (in full on
its session page when the grid had to abbreviate it); in every PDF (booklet, handout, cards,
card) no characters overprint, none leave the page, every font is embedded and qpdf finds
nothing wrong with the file.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pdftools import (
    document_text,
    font_problems,
    outside_page,
    overprinted,
    page_texts,
    structure_problems,
)

from program.build import Settings, build
from program.checks import WARNING

PRODUCTS = ("booklet", "handout", "cards")


def _scalar(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def schedule_yaml(items: list[dict], rooms: list[str] = (), title: str = "Extremes",
                  date: str = "2024-05-06") -> str:
    """A YAML schedule of one day; every value quoted with json.dumps (no YAML surprises)."""
    lines = ["event:", f"  title: {_scalar(title)}", "  timezone: Europe/Berlin"]
    if rooms:
        lines.append("rooms:")
        lines += [f"  - {_scalar(r)}" for r in rooms]
    lines += ["days:", f"  - date: {_scalar(date)}", "    items:"]
    for item in items:
        first = True
        for key, value in item.items():
            lead = "      - " if first else "        "
            first = False
            if isinstance(value, list):
                lines.append(f"{lead}{key}:")
                lines += [f"          - {_scalar(v)}" for v in value]
            else:
                lines.append(f"{lead}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def talk(n: int, title: str, time: str, **more) -> dict:
    return {"time": time, "title": title, "kind": "talk",
            "url": f"https://example.org/t/{n}", **more}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


LONG_TITLE = (
    "Towards scalable energy-aware distributed training of very large sparse "
    "mixture-of-experts language models on heterogeneous clusters with unreliable "
    "interconnects and preemptible accelerators under strict privacy budgets: a systems "
    "perspective from five years of production experience, lessons learnt"
)
assert len(LONG_TITLE) == 300, len(LONG_TITLE)


LONG_ROOMS = [f"Seminar room {i} (2nd floor, east wing)" for i in range(1, 17)]


def _forty_speakers() -> list[str]:
    return [f"Speaker{i:02d} Person{i:02d}, Institute {i % 7}" for i in range(1, 41)]


CASES: dict[str, tuple[str, dict]] = {
    "300-character title": (schedule_yaml([
        talk(1, "Opening", "9:00-9:15"),
        talk(2, LONG_TITLE, "9:15-9:45", speakers=["Ada Lovelace, Analytical Engines"]),
        talk(3, "Closing", "9:45-10:00"),
    ]), {}),
    "40 speakers on one talk": (schedule_yaml([
        talk(1, "A talk with forty speakers", "9:00-9:30", speakers=_forty_speakers()),
        talk(2, "Next talk", "9:30-10:00", speakers=["Grace Hopper, Navy"]),
    ]), {}),
    "one item": (schedule_yaml([talk(1, "The only item", "10:00-11:00")]), {}),
    "16 rooms": (schedule_yaml(
        [talk(i, f"Parallel talk in room {i}", "10:00-10:45", room=f"Room {i}")
         for i in range(1, 17)]
        + [{"time": "10:45-11:00", "title": "Coffee", "kind": "break"}],
        rooms=[f"Room {i}" for i in range(1, 17)]), {}),
    "16 rooms with long names": (schedule_yaml(
        [talk(i, f"Parallel talk {i}", "10:00-10:45", room=LONG_ROOMS[i - 1])
         for i in range(1, 17)], rooms=LONG_ROOMS), {}),
    "20-hour day": (schedule_yaml(
        [talk(i, f"Hour {i} talk", f"{_hhmm(240 + 60 * i)}-{_hhmm(240 + 60 * i + 50)}")
         for i in range(19)]
        + [talk(19, "Last talk before midnight", "23:00-24:00")]), {}),
    "5-minute talk beside a 3-hour workshop": (schedule_yaml([
        talk(1, "A five-minute lightning talk", "10:00-10:05", room="Small room",
             speakers=["Ada Lovelace, Analytical Engines"]),
        talk(2, "Hands-on workshop: three hours of building things", "9:00-12:00",
             room="Big hall", kind="workshop", speakers=["Grace Hopper, Navy"]),
    ], rooms=["Small room", "Big hall"]), {}),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build each case once: name -> (BuildResult, titles)."""
    cache = {}

    def get(name: str):
        if name not in cache:
            text, _ = CASES.get(name, (UNCOVERED, {}))
            folder = tmp_path_factory.mktemp("extreme")
            path = folder / "extreme.yaml"
            path.write_text(text, encoding="utf-8")
            result = build(str(path), Settings(out_dir=folder / "out", products=PRODUCTS))
            cache[name] = result
        return cache[name]

    return get


def _titles(text: str) -> list[str]:
    return [json.loads(m[1]) for m in re.finditer(r"^\s+(?:- )?title: (\".*\")$", text, re.MULTILINE)]


def _no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _files(result) -> list[Path]:
    return [path for path, _, _ in result.files]


@pytest.mark.parametrize("name", list(CASES))
def test_builds_every_product(name, built):
    result = built(name)
    names = sorted(p.name for p in _files(result))
    assert names == ["extreme-booklet.pdf", "extreme-card.pdf", "extreme-cards.pdf",
                     "extreme-handout.pdf"]


@pytest.mark.parametrize("name", list(CASES))
def test_every_title_is_in_the_booklet(name, built):
    booklet = next(p for p in _files(built(name)) if p.name.endswith("-booklet.pdf"))
    text = _no_space(document_text(booklet))
    for title in _titles(CASES[name][0]):
        assert _no_space(title) in text, title


def _booklet_text(result) -> str:
    booklet = next(p for p in _files(result) if p.name.endswith("-booklet.pdf"))
    return _no_space(document_text(booklet))


def test_all_forty_speakers_are_printed(built):
    text = _booklet_text(built("40 speakers on one talk"))
    for speaker in _forty_speakers():
        name, affiliation = speaker.split(", ")
        assert _no_space(name) in text and _no_space(affiliation) in text, speaker


def test_the_300_character_title_is_printed_in_full(built):
    assert _no_space(LONG_TITLE) in _booklet_text(built("300-character title"))


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("product", ["booklet", "handout", "cards", "card"])
def test_pdf_is_clean(name, product, built):
    path = next(p for p in _files(built(name)) if p.name == f"extreme-{product}.pdf")
    assert font_problems(path) == []
    assert outside_page(path) == []
    assert overprinted(path) == []
    assert structure_problems(path) == []
    text = " ".join(page_texts(path))
    assert "\ufffd" not in text and "\x00" not in text


# Characters no bundled font has (Hangul, Devanagari, Thai, Georgian, emoji, an arrow) next
# to ones a fallback font draws (CJK, Arabic, Hebrew, a star).
UNCOVERED_TITLES = [
    "Party time \U0001F389 and smiles \U0001F600",
    "한국어 세션: 분산 시스템",
    "हिन्दी में मशीन लर्निंग",
    "ภาษาไทย สำหรับระบบ",
    "ქართული ენა და სისტემები",
    "From A → B: arrows in titles",
    "深層学習 and שלום and مرحبا ★",
]
UNCOVERED = schedule_yaml([talk(i + 1, t, f"{9 + i}:00-{9 + i}:45")
                           for i, t in enumerate(UNCOVERED_TITLES)])


def test_uncovered_characters_are_drawn_or_named_in_a_warning(built):
    """Each character is drawn (it is in the text layer) or a warning names it (U+XXXX);
    never an empty box, U+FFFD or NUL."""
    from program.fonts import describe_char

    result = built("uncovered")
    warned = " ".join(str(p) for p in result.problems if p.severity == WARNING) + " ".join(
        result.warnings)
    for path in _files(result):
        text = " ".join(page_texts(path))
        assert "\ufffd" not in text and "\x00" not in text, path.name
        assert font_problems(path) == [] and outside_page(path) == [], path.name
        assert overprinted(path) == [], path.name
    booklet = next(p for p in _files(result) if p.name.endswith("-booklet.pdf"))
    text = " ".join(page_texts(booklet))
    for title in UNCOVERED_TITLES:
        for char in sorted(set(title) - {" ", ":"}):
            drawn = char in text
            named = describe_char(char).split(" ")[0] in warned
            assert drawn or named, f"{describe_char(char)} of {title!r}: neither drawn nor warned"


def _rooms(text: str) -> list[str]:
    block = text.split("rooms:\n", 1)[1].split("days:", 1)[0] if "rooms:\n" in text else ""
    return [json.loads(line.strip()[2:]) for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("product,name", [
    (product, name) for product in ("handout", "cards", "card") for name in CASES])
def test_what_is_shortened_is_named_in_a_warning(product, name, built):
    """A title or room name missing from a product's text (abbreviated to fit) is named by
    a warning of the build."""
    result = built(name)
    path = next(p for p in _files(result) if p.name == f"extreme-{product}.pdf")
    text = _no_space(document_text(path))
    warned = "\n".join(result.warnings)
    for label in _titles(CASES[name][0]) + _rooms(CASES[name][0]):
        if _no_space(label) not in text:
            assert repr(label)[:20] in warned, f"{label!r} is cut in the {product} unannounced"
