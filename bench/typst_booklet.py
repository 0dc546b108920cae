"""The same booklet typeset by Typst (PyPI ``typst``), for ``make bench`` to time beside ours.

``write(schedule_path, directory) -> Path`` writes ``booklet.typ`` and the schedule as plain
JSON (``schedule.json``: what the template shows, already read by our reader, so Typst's
time is its layout and PDF writing only); ``compile_seconds(typ)`` times a fresh process
compiling it. The document has what ours has: cover, contents with page numbers (``outline``), an at-a-glance table
per day (rows of start times, a column per room, a talk spanning its rows), the session pages
(chair, each talk's time, title, speakers, abstract, link), a speaker index whose page
numbers are resolved from labels, the running header and page numbers, and each talk's QR
code beside it (our QR modules written as a 1-bit PNG per code, one pixel per module, shown
``pixelated`` at the side ours has: Typst has no QR code of its own offline, and ours is an
image mask of the same modules); the fonts are ours.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from program.layout.book import QR_MIN_SIDE, QR_MODULE
from program.layout.frames import qr_data
from program.layout.paper import mm
from program.qr import qr_matrix

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"

TEMPLATE = r"""
#let data = json("schedule.json")
#let QR_SIDE = data.qr_side_mm * 1mm
#set document(title: data.title)
#set text(font: "Noto Sans", size: 8.5pt, lang: "en")
#set page(paper: "a5", margin: (x: 12mm, top: 16mm, bottom: 14mm), numbering: "1",
  header: context { if here().page() > 1 [
    #text(7pt, fill: luma(100))[#data.title #h(1fr) #data.title_short]
    #line(length: 100%, stroke: 0.4pt + luma(200)) ] })
#show heading.where(level: 1): it => { pagebreak(weak: true); text(17pt, fill: rgb("#1f4e79"), it) }
#show heading.where(level: 2): it => text(11pt, fill: rgb("#1f4e79"), it)

#page(numbering: none, header: none)[
  #v(20mm)
  #text(22pt, weight: "bold", fill: rgb("#1f4e79"))[#data.title]
  #if data.subtitle != none [ #v(3mm) #text(13pt)[#data.subtitle] ]
  #v(10mm)
  #text(10pt, fill: luma(100))[#data.dates \ #data.venue]
]

#outline(title: [Contents], depth: 2)

#for day in data.days [
  #heading(level: 1, outlined: true)[#day.label — at a glance]
  #set text(6.5pt)
  #table(columns: (auto, ..day.rooms.map(r => 1fr)), stroke: 0.3pt + luma(180),
    inset: 2pt, table.header([], ..day.rooms.map(r => [*#r*])),
    ..day.times.enumerate().map(((i, t)) => table.cell(x: 0, y: i + 1)[#t]),
    ..day.cells.map(c => table.cell(x: c.x, y: c.y + 1, rowspan: c.span,
      fill: rgb("#e9eef4"))[#link(label(c.key))[#c.title]]))
]

#for day in data.days [
  #heading(level: 1)[#day.heading]
  #for s in day.sessions [
    #block(fill: rgb("#e9eef4"), inset: 5pt, width: 100%, breakable: false)[
      #heading(level: 2)[#s.title] #label(s.key)
      #text(fill: luma(100))[#s.time#if s.room != "" [ · #s.room]#if s.chairs != "" [ · Chair: #s.chairs]]
    ]
    #for t in s.talks [
      #grid(columns: (22mm, 1fr, auto), gutter: 4pt,
        text(weight: "bold", fill: rgb("#1f4e79"))[#t.time],
        [#if t.url != none [#link(t.url)[*#t.title*]] else [*#t.title*] #label(t.key)
         #if t.speakers != "" [\ #t.speakers]
         #if t.abstract != "" [\ #text(fill: luma(60))[#t.abstract]]],
        if t.qr != none { link(t.url, image(t.qr, width: QR_SIDE, scaling: "pixelated")) })
      #line(length: 100%, stroke: 0.4pt + luma(220))
    ]
  ]
]

#heading(level: 1)[Speakers and chairs]
#columns(2)[
  #for p in data.index [
    *#p.name*#if p.affiliation != "" [ (#p.affiliation)] ·
    #context p.keys.map(k => link(label(k), str(counter(page).at(label(k)).first()))).join(", ") \
  ]
]
"""


def schedule_data(path: Path, directory: Path) -> dict:
    """What the template shows, from our reader (plain strings, sorted names); each talk's
    QR code is written into ``directory`` as ``qr/<key>.png`` (see :func:`write_qr`)."""
    from program.layout.collate import sort_names
    from program.layout.grid import span_label
    from program.layout.labels import day_heading, day_label, event_dates
    from program.model import Session
    from program.sources.registry import load_schedule
    from program.sources.transform import fill_talk_urls

    schedule = fill_talk_urls(load_schedule(str(path)))
    ev = schedule.event
    clock = schedule.theme.clock or ev.clock
    people: dict[str, tuple[str, list[str]]] = {}

    def names(persons, key: str) -> str:
        for p in persons:
            people.setdefault(p.name, (p.affiliation or "", []))[1].append(key)
        return "; ".join(p.name + (f" ({p.affiliation})" if p.affiliation else "")
                         for p in persons)

    days = []
    for n, day in enumerate(schedule.days):
        rooms = [r.name for r in schedule.rooms] or ["Programme"]
        column = {r.id: i + 1 for i, r in enumerate(schedule.rooms)}
        talks = list(day.talks())
        times = sorted({t.start for t in talks} | {t.end for t in talks})
        row = {when: i for i, when in enumerate(times)}
        cells, taken = [], set()
        for t in talks:
            x, y = column.get(t.room, 1), row[t.start]
            span = max(1, row[t.end] - y)
            if any((x, y + k) in taken for k in range(span)):
                continue  # an overlap in one room: the table holds one talk per cell
            taken |= {(x, y + k) for k in range(span)}
            cells.append({"x": x, "y": y, "span": span, "title": t.title,
                          "key": f"t{n}-{t.id}"})
        sessions = []
        for entry in day.entries:
            items = entry.items if isinstance(entry, Session) else (entry,)
            key = f"s{n}-{entry.id}"
            chairs = names(entry.chairs, key) if isinstance(entry, Session) else ""
            sessions.append({
                "title": entry.title, "key": key, "time": span_label(entry, clock),
                "room": schedule.room_name(entry.room), "chairs": chairs,
                "talks": [{"title": t.title, "key": f"t{n}-{t.id}", "url": t.url,
                           "time": span_label(t, clock),
                           "speakers": names(t.speakers, f"t{n}-{t.id}"),
                           "abstract": t.abstract.plain() if t.abstract else "",
                           "qr": write_qr(t.url, directory, f"t{n}-{t.id}") if t.url else None}
                          for t in items]})
        days.append({"label": day_label(schedule, day), "heading": day_heading(schedule, day),
                     "rooms": rooms, "times": [f"{w:%H:%M}" for w in times[:-1]] if times else [],
                     "cells": cells, "sessions": sessions})
    index = [{"name": name, "affiliation": people[name][0],
              "keys": list(dict.fromkeys(people[name][1]))} for name in sort_names(list(people))]
    return {"title": ev.title, "title_short": "", "subtitle": ev.subtitle,
            "dates": event_dates(schedule) or "", "venue": ev.venue or "", "days": days,
            "index": index, "qr_side_mm": max(
                [QR_MIN_SIDE / mm] + [(qr_matrix(qr_data(t.url)).size + 8) * QR_MODULE / mm
                                      for d in schedule.days for t in d.talks() if t.url])}


def write_qr(url: str, directory: Path, key: str) -> str:
    """``url``'s QR code as ``qr/<key>.png`` in ``directory``: the modules our booklet
    prints, one black pixel per dark module, with the 4-module quiet zone; returns the path
    relative to ``directory``, as the template reads it."""
    from PIL import Image

    rows = qr_matrix(qr_data(url)).rows
    n = len(rows) + 8
    pixels = b"\xff" * (4 * n)  # the quiet zone above, then row by row
    for row in rows:
        pixels += b"\xff" * 4 + row.translate(_PIXELS) + b"\xff" * 4
    pixels += b"\xff" * (4 * n)
    relative = f"qr/{key}.png"
    (directory / "qr").mkdir(exist_ok=True)
    Image.frombytes("L", (n, n), pixels).convert("1").save(directory / relative)
    return relative


_PIXELS = bytes.maketrans(b"\x00\x01", b"\xff\x00")  # a dark module is a black pixel


def write(schedule_path: Path, directory: Path) -> Path:
    """``booklet.typ`` and ``schedule.json`` in ``directory``; returns the .typ path."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "schedule.json").write_text(json.dumps(schedule_data(schedule_path, directory)),
                                            encoding="utf-8")
    typ = directory / "booklet.typ"
    typ.write_text(TEMPLATE, encoding="utf-8")
    return typ


def available() -> bool:
    """True when the ``typst`` package is installed (``pip install '.[bench]'``)."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def compile_seconds(typ: Path) -> tuple[float, int]:
    """Wall seconds of a fresh process compiling ``typ`` to PDF with our fonts only (process
    start included, as our cold figure), and the pages it made."""
    code = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
            "font_paths=[sys.argv[3]], ignore_system_fonts=True)")
    pdf = typ.with_suffix(".pdf")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(typ), str(pdf), str(FONTS)], check=True,
                   capture_output=True)
    seconds = time.perf_counter() - start
    from pypdf import PdfReader

    return seconds, len(PdfReader(pdf).pages)
