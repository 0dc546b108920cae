"""The booklet's blocks as frame items: pure functions of frozen arguments.

Each function here takes everything it shows as arguments (whole model objects, a
:class:`~program.layout.paper.Paper`, sizes) and returns the block's height and its items in
the block's own coordinates (origin at its lower-left corner), or a page's items; the
booklet's blocks (:mod:`program.layout.book`) place them on pages. A block that shows a new
field (the running header showing the subtitle) reads it from the arguments it already has,
and render replays a page only when its items are equal, so no cache key can miss it. Pure:
measured with font metrics, no canvas.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from program.fonts import BOLD, ITALIC, REGULAR
from program.fonts import width as text_width
from program.layout.frames import Box, Item, Link, Role, Rule, inks, set_line, text_line
from program.layout.grid import GridPage
from program.layout.grid_frames import grid_items, legend_items
from program.layout.palette import ACCENT, MUTED, TEXT
from program.layout.paper import Paper
from program.layout.richtext import set_rich
from program.layout.textfit import Block, Line, Span, clip, wrap
from program.language import ENGLISH, Language
from program.memo import warm_cache
from program.model import Event, Person, RichText, Session

Items = tuple[Item, ...]


@dataclass(frozen=True)
class TextStyle:
    """How paragraphs are set: face, size and leading (points), ink, and the space the
    flow leaves before and after them."""

    font: str
    size: float
    leading: float
    ink: str
    space_before: float = 0.0
    space_after: float = 0.0


@lru_cache(maxsize=16)
def styles(paper: Paper) -> dict[str, TextStyle]:
    """The booklet's text styles for ``paper`` (do not change the dict: it is shared)."""
    base = paper.text_size
    body = TextStyle(REGULAR, base, base * 1.3, TEXT)
    return {
        "body": body,
        "abstract": replace(body, ink="#333333", space_before=2),
        "h1": TextStyle(BOLD, base * 2, base * 2.4, ACCENT, space_after=base),
        "h2": TextStyle(BOLD, base + 3, (base + 3) * 1.25, ACCENT),
        "meta": replace(body, ink=MUTED),
        "note": TextStyle(ITALIC, base - 1, (base - 1) * 1.3, MUTED, space_after=base * 0.6),
        "cover_title": TextStyle(BOLD, base * 2.6, base * 3.1, ACCENT),
        "cover_sub": TextStyle(REGULAR, base * 1.5, base * 1.9, TEXT),
        "cover_meta": TextStyle(REGULAR, base * 1.15, base * 1.6, MUTED),
    }


@lru_cache(maxsize=8192)
def wrapped(block: Block, width: float, size: float) -> tuple[Line, ...]:
    """``textfit.wrap``, remembered (index entries and headings are set again, the same, on
    every ``--watch`` rebuild)."""
    return tuple(wrap(block, width, size) or ())


Paragraphs = tuple[tuple[int, Block], ...]


def paragraphs(text_or_spans: tuple[tuple[Span, ...] | str, ...] | str,
               font: str) -> Paragraphs:
    """(paragraph number, block) pairs: a paragraph is spans, or plain text in ``font`` (a
    line break in it starts a new block of the same paragraph; blank lines are left out)."""
    if isinstance(text_or_spans, str):
        text_or_spans = (text_or_spans,)
    out: list[tuple[int, Block]] = []
    for i, para in enumerate(text_or_spans):
        if isinstance(para, str):
            out += [(i, Block((Span(x, font),))) for x in para.split("\n") if x.strip()]
        else:
            out.append((i, Block(tuple(para))))
    return tuple(out)


def set_paragraphs(paras: Paragraphs, style: TextStyle,
                   width: float) -> tuple[tuple[int, Line], ...]:
    """Every line of ``paras`` set at ``width``, with its paragraph number."""
    return tuple((i, line) for i, block in paras for line in wrapped(block, width, style.size))


def paragraph_items(lines: tuple[tuple[int, Line], ...], style: TextStyle, x: float,
                    y: float, link: tuple[int, str] | None = None,
                    role: Role = Role.PARAGRAPH) -> list[Item]:
    """The set ``lines`` in a box whose lower-left corner is (x, y); the lines of paragraph
    ``link[0]`` link to the URL ``link[1]``."""
    height = len(lines) * style.leading
    colours = inks(style.ink)
    out: list[Item] = []
    for n, (i, line) in enumerate(lines):
        baseline = y + height - style.size - n * style.leading
        out.append(set_line(line, x, baseline, style.size, colours, role))
        if link and link[0] == i:
            out.append(Link(text_box(x, line.width, baseline, style.size), url=link[1]))
    return out


def text_box(x: float, width: float, baseline: float,
             size: float) -> tuple[float, float, float, float]:
    """The clickable box (x0, y0, x1, y1) of ``width`` points of text at ``baseline``."""
    low = baseline - size * 0.25
    return (x, low, x + width, low + size * 1.1)


def rich_block(rich: RichText, style: TextStyle, width: float) -> tuple[float, Items]:
    """Rich text (paragraphs, lists, emphasis, code, links) set at ``width`` in ``style``:
    (height, items), its links clickable."""
    done = set_rich(rich, width, style.size, style.leading / style.size)
    colours = inks(style.ink)
    out: list[Item] = []
    for row in done.lines:
        baseline = done.height - style.size - row.top
        out.append(set_line(row.line, row.x, baseline, style.size, colours))
        out += [Link(text_box(row.x + x0, x1 - x0, baseline, style.size), url=url)
                for x0, x1, url in row.links]
    return done.height, tuple(out)


def notes_height(notes: tuple[str, ...], style: TextStyle | None, width: float) -> float:
    """The height a day's notes take above its grid at ``width``, with the space after."""
    if not notes or style is None:
        return 0.0
    lines = set_paragraphs(paragraphs(notes, style.font), style, width)
    return len(lines) * style.leading + style.space_after


def header_items(event: Event, day: str, page: int, paper: Paper) -> Items:
    """A body page's running header (event and day) and page number, in page coordinates."""
    w, h = paper.size
    m = paper.margin
    size = max(paper.text_size - 1.5, 8.0)  # session pages carry nothing under 8 pt
    y = h - m
    out: list[Item] = [text_line(clip(event.title, REGULAR, size, (w - 2 * m) * 0.6), m, y,
                                 REGULAR, size, MUTED, role=Role.ARTIFACT)]
    if day:
        out.append(text_line(day, w - m, y, BOLD, size, MUTED, "right", Role.ARTIFACT))
    out.append(Rule(m, y - size * 0.6, w - m, y - size * 0.6, "#cccccc", 0.4))
    out.append(text_line(str(page), w / 2, m * 0.75, REGULAR, size, MUTED, "center",
                         Role.ARTIFACT))
    return tuple(out)


@warm_cache(256)
def grid_block_items(page: GridPage, title: str, legend: tuple[tuple[str, str], ...],
                     size: float, legend_height: float, width: float,
                     notes: tuple[str, ...] = (),
                     note_style: TextStyle | None = None) -> tuple[float, Items]:
    """One page of a day's grid under its title line and the day's notes (what is on all
    day), with the legend below: (height, items)."""
    notes_h = notes_height(notes, note_style, width)
    height = page.height + size * 2.2 + legend_height + notes_h
    out: list[Item] = [text_line(title, 0, height - size, BOLD, size + 1, ACCENT,
                                 role=Role.HEADING)]
    grid_top = height - size * 2.2
    if notes_h and note_style is not None:
        grid_top -= notes_h
        lines = set_paragraphs(paragraphs(notes, note_style.font), note_style, width)
        out += paragraph_items(lines, note_style, 0, grid_top + note_style.space_after)
    out += grid_items(page, 0, grid_top)
    if legend:
        out += legend_items(list(legend), 0, grid_top - page.height - size * 1.5, width,
                            size - 1.5)
    return height, tuple(out)


def subtitle_block(subtitle: str) -> Block:
    """The line under a talk's title: its subtitle (frab ``<subtitle>``), in italic."""
    return Block((Span(subtitle, ITALIC),))


def people_spans(people: tuple[Person, ...]) -> tuple[Span, ...]:
    """Names, each followed by its affiliation in muted italics, separated by semicolons."""
    spans: list[Span] = []
    for i, p in enumerate(people):
        if i:
            spans.append(Span("; ", REGULAR))
        spans.append(Span(p.name, REGULAR))
        if p.affiliation:
            spans.append(Span(f" ({p.affiliation})", ITALIC, "muted"))
    return tuple(spans)


@lru_cache(maxsize=4096)
def session_header(session: Session, when: str, room: str, paper: Paper,
                   width: float, lang: Language = ENGLISH) -> tuple[float, Items]:
    """A session's title band (title; time, room and chairs; description): (height,
    items). ``when`` is the session's time as printed; ``lang`` names the chairs."""
    st = styles(paper)
    meta = [Span(when, REGULAR)]
    if room:
        meta += [Span(" · ", REGULAR), Span(room, REGULAR)]
    if session.chairs:
        word = lang.plural("Chair", "Chairs", len(session.chairs))
        meta += [Span(f" · {word}: ", REGULAR), *people_spans(session.chairs)]
    parts = [(set_paragraphs(paragraphs(session.title, BOLD), st["h2"], width - 8), st["h2"],
              Role.HEADING_2),
             (set_paragraphs(paragraphs((tuple(meta),), REGULAR), st["meta"], width - 8),
              st["meta"], Role.PARAGRAPH)]
    heights = [len(lines) * style.leading for lines, style, _ in parts]
    desc = rich_block(session.description, st["abstract"], width - 8) \
        if session.description else None
    height = sum(heights) + (desc[0] if desc else 0.0) + 12
    out: list[Item] = [Box(0, 2, width, height - 4, fill="#e9eef4"),
                       Box(0, 2, 2.2, height - 4, fill=ACCENT)]
    y = height - 6
    for (lines, style, role), h in zip(parts, heights):
        out += paragraph_items(lines, style, 7, y - h, role=role)
        y -= h
    if desc:  # the description's items, moved to their place in the band
        out += [_moved(item, 7, y - desc[0]) for item in desc[1]]
    return height, tuple(out)


def _moved(item: Item, dx: float, dy: float) -> Item:
    """A text line or link of a block moved by (dx, dy)."""
    if isinstance(item, Link):
        x0, y0, x1, y1 = item.rect
        return replace(item, rect=(x0 + dx, y0 + dy, x1 + dx, y1 + dy))
    return replace(item, x=item.x + dx, baseline=item.baseline + dy)


INDEX_INDENT = 10.0


def index_block(name: str, affiliations: tuple[str, ...], pages: tuple[tuple[int, str], ...],
                size: float) -> Block:
    """A person's index entry as one paragraph: name, affiliations, page numbers."""
    spans = [Span(name, BOLD)]
    if affiliations:
        spans.append(Span(f" ({'; '.join(affiliations)})", REGULAR, "muted"))
    spans.append(Span(" · ", REGULAR, "muted"))
    for i, (page, _) in enumerate(pages):
        if i:
            spans.append(Span(", ", REGULAR, "muted"))
        spans.append(Span(str(page), REGULAR, "accent"))
    return Block(tuple(spans))


def index_entry_height(block: Block, size: float, width: float) -> float:
    """The height of :func:`index_entry` (what the flow asks first, of every entry)."""
    return len(wrapped(block, width - INDEX_INDENT, size)) * size * 1.35


@warm_cache(20000)
def index_entry(block: Block, keys: tuple[str, ...], size: float,
                width: float) -> tuple[float, Items]:
    """An index entry set at ``width`` (continuation lines indented): (height, items); each
    page number links to its anchor in ``keys``, in order."""
    lines = wrapped(block, width - INDEX_INDENT, size)
    height = index_entry_height(block, size, width)
    links = iter(keys)
    colours = inks()
    out: list[Item] = []
    for i, line in enumerate(lines):
        x = 0.0 if i == 0 else INDEX_INDENT
        baseline = height - (i + 1) * size * 1.35 + size * 0.3
        out.append(set_line(line, x, baseline, size, colours, Role.LIST_ITEM))
        for text, font, colour in line.runs:
            w = text_width(text, font, size)
            if colour == "accent":
                key = next(links, None)
                if key:
                    out.append(Link(text_box(x, w, baseline, size), dest=key))
            x += w
    return height, tuple(out)
