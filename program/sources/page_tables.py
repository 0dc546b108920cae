"""Tables on web pages: what each column holds (time, title, speaker, room, …), and the
``| a | b |`` lines kramdown reads as a table without a header rule. Pure."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from program.sources.entry_text import people_like, plain
from program.sources.page import Cell, Line, Para, Row, Span, Table
from program.sources.page_times import split_time

#: what a column holds, by its header (the first pattern that matches the whole header)
ROLES = [
    ("start", r"start|starts|begin|begins|from|start time"),
    ("end", r"end|ends|until|finish|end time"),
    ("duration", r"duration|length|minutes|mins?"),
    ("time", r"times?|when|hours?|slot|time slot|.*\btime\b.*|start ?- ?end|schedule"),
    ("date", r"date|day|dates|days"),
    ("speaker", r"speakers?|presenters?|who|names?|authors?|invited speakers?|by|lecturers?|"
                r"instructors?|panelists?|presented by|speaker\(s\)"),
    ("affiliation", r"affiliations?|institutions?|organi[sz]ations?|org|company|university"),
    ("session", r"sessions?|block|part"),
    ("room", r"rooms?|location|venue|tracks?|where|hall|stream|place|platform"),
    ("chair", r"chairs?|session chairs?|moderators?|chaired by"),
    ("links", r"slides|videos?|papers?|recordings?|links?|materials?|pdf|code|resources|posters?"),
    ("title", r"titles?|talks?|talk title|events?|activity|activities|what|topics?|"
              r"session title|program|programme|agenda|description|presentations?|details|"
              r"items?|contents?|subject"),
]


#: the same in German, French, Spanish and Italian, matched without accents (``Début``)
ROLES += [
    ("start", r"beginn|anfang|debut|inicio|inizio|comienzo"),
    ("end", r"ende|fin|fine|final"),
    ("time", r"zeit|uhrzeit|heure|horaire|horaires|hora|horario|ora|orario"),
    ("date", r"datum|tag|jour|fecha|dia|data|giorno"),
    ("speaker", r"referent(?:en|in|innen)?|sprecher(?:in)?|vortragende|intervenants?|"
                r"orat(?:eur|rice)s?|conferencier|ponentes?|orador(?:es)?|relator(?:e|i)|"
                r"orator(?:e|i)"),
    ("room", r"raum|saal|ort|salle|lieu|sala|aula|luogo"),
    ("session", r"sitzung|seance|sesion|sessione"),
    ("chair", r"vorsitz|moderation|president|presidente|moderador|moderatore"),
    ("title", r"titel|thema|vortrag|titre|sujet|titulo|tema|titolo|argomento|programma|"
              r"programa"),
]


def pipe_table(block: Para) -> Table:
    """A table written as ``| a | b |`` lines without a header rule (kramdown's)."""
    rows = []
    for line in block.lines:
        cells: list[list[Span]] = [[]]
        for span in line.spans:
            pieces = span.text.split("|") if not span.href else [span.text]
            for j, piece in enumerate(pieces):
                if j:
                    cells.append([])
                if piece:
                    cells[-1].append(replace(span, text=piece))
        cells = cells[1:] if not plain(cells[0]) else cells
        if cells and not plain(cells[-1]):
            cells = cells[:-1]
        if all(re.fullmatch(r"\s*:?-{2,}:?\s*", plain(c) or "-") for c in cells):
            continue
        rows.append(Row(tuple(Cell((Line(tuple(c), line.line),) if plain(c) else ())
                              for c in cells), line.line))
    return Table(tuple(rows))


def _role_of(header: str) -> str | None:
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    header = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s()&/-]", "", header).strip()
    for role, pattern in ROLES:
        if re.fullmatch(pattern, text):
            return role
    return None


def column_roles(rows: list[Row]) -> tuple[dict[int, str] | None, list[Row]]:
    """The role of each column (time, title, speaker, …) and the rows below the header."""
    first = rows[0]
    header_roles = {i: _role_of(c.text) for i, c in enumerate(first.cells) if c.text}
    has_header = first.header or (header_roles and any(header_roles.values()) and
                                  not any(split_time(l) for c in first.cells for l in c.lines[:1]))
    body = rows[1:] if has_header else rows
    width = max(len(r.cells) for r in rows)
    roles: dict[int, str] = {}
    if has_header:
        roles = {i: r for i, r in header_roles.items() if r}
    if not any(r in ("time", "start") for r in roles.values()):
        counts = [sum(1 for r in body if i < len(r.cells) and r.cells[i].lines
                      and split_time(r.cells[i].lines[0])) for i in range(width)]
        best = max(range(width), key=lambda i: counts[i]) if width else 0
        if width and counts[best] and counts[best] * 2 >= len(body):
            roles[best] = "time"
    if not has_header:
        free = [i for i in range(width) if i not in roles]
        if free:
            roles[free[0]] = "title"
        for i in free[1:]:
            texts = [r.cells[i].text for r in body if i < len(r.cells) and r.cells[i].text]
            if texts and sum(people_like(t) for t in texts) * 2 >= len(texts):
                roles[i] = "speaker"
    if has_header and "title" in roles.values() and "speaker" not in roles.values():
        for i in range(width):  # names under a header the reader does not know: speakers
            texts = [r.cells[i].text for r in body if i < len(r.cells) and r.cells[i].text]
            if i not in roles and texts and sum(people_like(t) for t in texts) * 2 > len(texts):
                roles[i] = "speaker"
                break
    others = [i for i in range(width) if i not in roles]
    if has_header and len(others) >= 2 and not any(
            r in ("title", "speaker") for r in roles.values()) and \
            any(r in ("time", "start") for r in roles.values()):
        # a column per room: the header names them
        return {**roles, **{i: "@" + first.cells[i].text for i in others
                            if i < len(first.cells) and first.cells[i].text}}, body
    if not any(r == "title" for r in roles.values()):
        if others:
            roles[others[0]] = "title"
    return roles, body
