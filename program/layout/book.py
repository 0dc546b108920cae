"""The booklet's pages as frames: cover, contents, at-a-glance grids, session pages, index.

``booklet_pages(schedule, options) -> (pages, meta, warnings)``; render draws the pages
(:func:`program.render.frames.render`) and decides nothing. With ``--bleed`` (or
``options.crop_marks``) every page is laid out at trim size and then put on a larger medium
(:func:`program.layout.trim.print_ready`: colour run into the bleed, trim and bleed boxes,
crop marks).

One pass of the flow (:mod:`program.layout.flow`) places every block; each block learns its
page as it is placed, so where every anchor landed (``talk-<id>``, ``session-<id>``,
``day-<date>``, ...) and on which pages each person speaks or chairs are known when the flow
reaches the speaker index (laid out then, at the end) and when the items are made (after
the flow: the contents' page numbers). Every place a link can point to is a named
destination, so grid cells, contents lines and index numbers are links.

Speed: a talk's set lines are a pure function of the talk and the width
(:meth:`TalkBlock.memo_key`), remembered in this process (``--watch`` sets again only the
talks that changed) and, for a large booklet, set in a second process while this one lays
out the grids (:func:`_prefetch`).
"""
from __future__ import annotations

import bisect
import io
import marshal
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator, NamedTuple

from program import qr as qrcodes
from program.checks import safe_url
from program.fonts import BOLD, REGULAR
from program.fonts import width as text_width
from program.layout.booklet import (TextStyle, grid_block_items, header_items, index_block,
                                    index_entry, index_entry_height, notes_height,
                                    paragraph_items, paragraphs, people_spans, session_header,
                                    set_paragraphs, subtitle_block, text_box)
from program.layout.booklet import styles as booklet_styles
from program.layout.collate import sort_names
from program.layout.names import index_name
from program.layout.flow import (Block as Flowable, CondPageBreak, Flow, LayoutError, Later,
                                 LeftPageBreak, NextTemplate, PageBreak, Spacer, Template)
from program.layout.frames import (QR, Anchor as AnchorItem, Box, Item, Link, Meta, Page,
                                   Picture, Place, Role, Rule, fitted_lines, inks, mirrored, moved,
                                   qr_data, set_line, text_line)
from program.layout.grid import DayGrid, GridPage, GridStyle, layout_day, span_label, summary
from program.layout.grid_frames import legend_rows
from program.language import language_of
from program.layout.labels import day_heading, day_label, event_dates
from program.layout.palette import ACCENT, MUTED, TEXT, legend, schedule_tags
from program.layout.paper import PAPERS, Paper, mm
from program.layout.posters import (POSTER_GAP, is_poster_session, poster_cells,
                                    poster_columns, poster_rows)
from program.layout.richtext import set_rich
from program.layout.textfit import ASCENT, Block, Line, Span, clip, fit, wrap
from program.layout.trim import print_ready
from program.model import Day, RichText, Schedule, Session, Talk
from program.memo import Hashed, Memo
from program.options import Options
from program.prepare import without_abstracts
from program.sources.logo import fitted

QR_MODULE = 0.45 * mm  # printed module size (>= 0.4 mm asked; decodes from a 150 dpi render)
QR_MIN_SIDE = 16 * mm
#: The smallest type on session pages (the print review: 8 pt, labels and links included)
SESSION_MIN = 8.0

Items = tuple[Item, ...]


@dataclass
class _Book:
    """What one layout pass learns as blocks are placed: where each anchor landed, the
    pages of each person, the day the flow is in (for the running header)."""

    schedule: Schedule
    page_of: dict[str, int] = field(default_factory=dict)
    person_pages: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    affiliations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    current_day: str = ""
    #: every talk's QR code is printed this size: the side the longest URL needs
    qr_side: float = 0.0
    #: Receives talk lines and QR codes made ahead (see ``_prefetch``) until those of the
    #: given memo key have arrived.
    fetch: Callable[[tuple | None], None] | None = None

    def person_on(self, page: int, key: str, people) -> None:
        """Record that ``people`` appear on ``page`` at the anchor ``key`` (first one)."""
        for person in people:
            self.person_pages[person.name].setdefault(page, key)
            if person.affiliation and person.affiliation not in self.affiliations[person.name]:
                self.affiliations[person.name].append(person.affiliation)


# --------------------------------------------------------------------------------------
# QR codes: a pure function of the URL, remembered (and made ahead in another process)

_MATRICES: dict[str, qrcodes.QRMatrix] = {}


def _matrix(url: str) -> qrcodes.QRMatrix:
    found = _MATRICES.get(url)
    if found is None:
        found = _MATRICES[url] = qrcodes.qr_matrix(qr_data(url))
    return found


def _make_matrices(urls: list[str]) -> dict[str, qrcodes.QRMatrix]:
    """The codes of ``urls`` made in one batch (several times faster than one by one)."""
    missing = [u for u in dict.fromkeys(urls) if u not in _MATRICES]
    if missing:
        made = qrcodes.qr_matrices([qr_data(u) for u in missing])
        _MATRICES.update({u: made[qr_data(u)] for u in missing})
    return {u: _MATRICES[u] for u in urls}


def qr_side(url: str, min_side: float) -> float:
    """The printed side of ``url``'s code: at least ``min_side`` and QR_MODULE per module."""
    return max(min_side, (qrcodes.symbol_size(qr_data(url)) + 8) * QR_MODULE)


def qr_items(url: str, x: float, y: float, side: float, alt: str | None = None) -> Items:
    """``url``'s code in the ``side`` square at (x, y), clickable; ``alt`` says what it links
    to (the URL without it)."""
    return (QR(x, y, side, _matrix(url).rows, alt or url),
            Link((x, y, x + side, y + side), url=url))


# --------------------------------------------------------------------------------------
# Blocks


class TextBlock(Flowable):
    """Paragraphs of spans in one style (titles, headings), set with the project's line
    breaker; the lines of paragraph ``link[0]`` link to the URL ``link[1]``. A paragraph is
    a list of :class:`Span` or plain text (in the style's face; a line break in it starts a
    new paragraph)."""

    def __init__(self, paras: list[list[Span] | str] | str, style: TextStyle,
                 link: tuple[int, str] | None = None, role: Role = Role.PARAGRAPH):
        if not isinstance(paras, str):
            paras = tuple(p if isinstance(p, str) else tuple(p) for p in paras)
        self.paras = paragraphs(paras, style.font)
        self.style, self.link, self.role = style, link, role
        self.space_before, self.space_after = style.space_before, style.space_after
        self.keep_with_next = role is Role.HEADING  # a heading never ends a page

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.lines = set_paragraphs(self.paras, self.style, aw)
        self.height = len(self.lines) * self.style.leading
        return aw, self.height

    def items(self) -> Items:
        return tuple(paragraph_items(self.lines, self.style, 0, 0, self.link, self.role))


class Anchor(Flowable):
    """Zero-size block: a named destination, an outline entry and a page record (``day``:
    the running header shows that day from here on). It stays with what it names."""

    keep_with_next = True

    def __init__(self, book: _Book, key: str, outline: str | None = None, level: int = 0,
                 day: str | None = None):
        self.book, self.key, self.outline, self.level, self.day = book, key, outline, level, day

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def placed(self, page: int) -> None:
        self.book.page_of.setdefault(self.key, page)
        if self.day is not None:
            self.book.current_day = self.day

    def items(self) -> Items:
        return (AnchorItem(self.key, 14, self.outline, self.level),)


class ContentsLine(Flowable):
    """A contents line: text, dotted leader, the page number (known once the flow is done),
    a link."""

    def __init__(self, book: _Book, text: str, key: str, indent: float, font: str, size: float,
                 time: str = ""):
        self.book, self.text, self.key, self.indent = book, text, key, indent
        self.font, self.size, self.time = font, size, time

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.size * 1.55
        return aw, self.height

    def items(self) -> Items:
        base = self.size * 0.35
        x = self.indent
        out: list[Item] = []
        if self.time:  # a step smaller than the title, but nothing under SESSION_MIN
            small = max(self.size - 0.5, SESSION_MIN)
            out.append(text_line(self.time, x, base, REGULAR, small, MUTED))
            x += max(text_width(t, REGULAR, small) for t in ("00:00–00:00", self.time)) \
                + self.size * 0.8  # (a time the clocks repeat is longer: "2:30 CET")
        text = clip(self.text, self.font, self.size, self.width - x - 24)
        out.append(text_line(text, x, base, self.font, self.size, TEXT))
        w = text_width(text, self.font, self.size)
        if x + w + 4 < self.width - 20:
            out.append(Rule(x + w + 3, base, self.width - 20, base, "#b0b0b0", 0.6, (0.5, 2)))
        number = str(self.book.page_of.get(self.key, ""))
        out.append(text_line(number, self.width, base, REGULAR, 8.5, TEXT, "right",
                             Role.ARTIFACT))
        out.append(Link((0, 0, self.width, self.height), dest=self.key))
        return tuple(out)


class GridFlowable(Flowable):
    """One page of a day's grid, with its title line and legend."""

    def __init__(self, page: GridPage, title: str, legend_items: list[tuple[str, str]],
                 size: float, legend_height: float, notes: tuple[str, ...] = (),
                 note_style: TextStyle | None = None):
        self.page, self.title, self.legend, self.size = page, title, legend_items, size
        self.legend_height, self.notes, self.note_style = legend_height, notes, note_style

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = self.page.height + self.size * 2.2 + self.legend_height + \
            notes_height(self.notes, self.note_style, aw)
        return aw, self.height

    def items(self) -> Items:
        return grid_block_items(self.page, self.title, tuple(self.legend), self.size,
                                self.legend_height, self.width, self.notes,
                                self.note_style)[1]


class _Row(NamedTuple):
    """One set line of a talk block: the line, its size, its top (from the block's text top),
    the URL the whole line links to, if any, its left offset (an abstract's list items) and
    the links in it as (x0, x1, url) from that offset, and whether it is a line of the title.
    (A named tuple: thousands are made, and sent between processes.)"""

    line: Line
    size: float
    top: float
    url: str | None = None
    x: float = 0.0
    links: tuple[tuple[float, float, str], ...] = ()
    heading: bool = False  # a line of the talk's title (a heading)


#: Set lines of talks already laid out in this process, by ``TalkBlock.memo_key`` (a pure
#: function of those arguments): a rebuild (``--watch``) sets again only the talks that
#: changed. Cleared when it grows past ``_SET_TALKS_MAX`` entries.
_SET_TALKS: dict[tuple, list[_Row]] = {}
_SET_TALKS_MAX = 20000
#: A talk block's items on its page, by :meth:`TalkBlock.items_at`'s key (``--watch`` only).
_PLACED_TALKS: Memo = Memo(20000, warm_only=True)


def _starts_paragraph(rows: list[_Row], i: int) -> bool:
    """Whether row ``i`` begins a paragraph: the lines of one paragraph are one size, one
    pitch (1.3 x size) apart; a new paragraph, list item or title changes the size or adds
    a gap."""
    if i == 0:
        return True
    above, row = rows[i - 1], rows[i]
    return (row.size != above.size or row.heading != above.heading
            or abs(row.top - above.top - above.size * 1.3) > 0.01)


def _clean_cut(rows: list[_Row], lo: int, cut: int, hi: int) -> int:
    """The page break before row ``cut`` of a talk's rows ``lo:hi`` moved up until no
    paragraph leaves its first line alone at the foot of the page (an orphan) or its last
    line alone at the head of the next (a widow), and the title is not left at the foot
    without a line of what follows; may return ``lo`` (then the talk is not split here)."""
    def starts(i: int) -> bool:
        return i >= hi or _starts_paragraph(rows, i)

    while lo < cut < hi and not starts(cut):
        if starts(cut - 1):  # orphan: the paragraph's first line alone at the foot
            cut -= 1
        elif starts(cut + 1):  # widow: its last line alone at the head of the next page
            cut -= 1
        else:
            break
    while lo < cut < hi and rows[cut - 1].heading:  # never the title alone at the foot
        cut -= 1
    return cut


class TalkBlock(Flowable):
    """A talk on a session page: time at the left, text in the middle, QR code at the right.

    The text is set with the project's own line breaker (the grid's): thousands of talks
    stay fast. A talk is kept whole on the next page unless it is taller than a page; then
    it splits between lines, two at least on either side, the continuation headed by its
    title and "(continued)", without time or QR code. Its title is a heading one level
    below what holds it: ``heading`` (H3 in a session, H2 alone in its day)."""

    keep_whole = True

    def __init__(self, book: _Book, talk: Talk, size: float, clock: str, want_qr: bool,
                 room: str, continued: bool = False,
                 origin: tuple[list[_Row], int, int] | None = None,
                 heading: Role = Role.HEADING_3):
        self.book, self.talk, self.clock, self.size, self.room = book, talk, clock, size, room
        self.heading = heading
        self.url = talk.url if talk.url and safe_url(talk.url) else None
        self.want_qr = want_qr and self.url is not None and not continued
        self.continued = continued
        self.time_w = text_width("00:00–00:00", REGULAR, size - 0.5) + 6
        self._qr_side: float | None = None
        self._rows: list[_Row] | None = None
        # a part made by split(): (the whole talk's rows, first, end) it shows; its lines
        # are set already, and never copied (a talk of many pages splits in linear time)
        self._origin = origin
        self._rows_width = 0.0
        self._rows_key: tuple | None = None  # the memo key its rows were set under
        self._key: Hashed | None = None  # the last memo key made

    def _blocks(self) -> list[tuple[list[Block] | RichText, float, float, str | None, bool]]:
        """(blocks or rich text, size, space before, link, whether it is the title) for each
        paragraph of the talk."""
        t, size = self.talk, self.size
        out: list[tuple[list[Block] | RichText, float, float, str | None, bool]] = []
        kind = language_of(self.book.schedule).kind(t.kind)
        if t.kind.value not in ("talk", "other") and kind.lower() not in t.title.lower():
            out.append(([Block((Span(kind.upper(), BOLD, "muted"),))],
                        max(size - 2, SESSION_MIN), 0, None, False))
        out.append(([Block((Span(t.title, BOLD),))], size + 1.5, 0, self.url, True))
        if t.subtitle:
            out.append(([subtitle_block(t.subtitle)], size, 0, None, False))
        if t.speakers:
            out.append(([Block(people_spans(t.speakers))], size, 1, None, False))
        out += [(rich, size, 2, None, False) for rich in (t.abstract, t.description) if rich]
        extras: list[tuple[str, str | None]] = []
        if self.room:
            extras.append((self.room, None))
        if self.url and not self.want_qr:
            extras.append((_short_url(self.url), self.url))
        extras += [(link.label, link.url) for link in t.links if safe_url(link.url)]
        for label, url in extras:
            out.append(([Block((Span(label, REGULAR, "accent" if url else "muted"),))],
                        max(size - 1.5, SESSION_MIN), 1, url, False))
        return out

    def _layout(self, text_w: float) -> list[_Row]:
        rows: list[_Row] = []
        y = 0.0
        for blocks, size, before, url, heading in self._blocks():
            y += before
            if isinstance(blocks, RichText):
                rich = set_rich(blocks, text_w, size)
                rows += [_Row(r.line, size, y + r.top, None, r.x, r.links) for r in rich.lines]
                y += rich.height
                continue
            for block in blocks:
                for line in wrap(block, text_w, size) or []:
                    rows.append(_Row(line, size, y, url, heading=heading))
                    y += size * 1.3
        return rows

    @property
    def qr_side(self) -> float:
        """The printed side of the talk's QR code (0 without one); computed when first
        needed, so that codes made ahead in another process are used."""
        if self._qr_side is None:
            self._qr_side = (self.book.qr_side or qr_side(self.url, QR_MIN_SIDE)) \
                if self.want_qr else 0.0
        return self._qr_side

    def _text_width(self, aw: float) -> float:
        return aw - self.time_w - (self.qr_side + 6 if self.want_qr else 0)

    def memo_key(self, aw: float) -> tuple:
        """What the lines at width ``aw`` depend on (the key of ``_SET_TALKS``): the last
        key made, when it is equal (compared part by part, the talk by identity first,
        where a new key would hash the whole talk again)."""
        parts = (self.talk, self.size, self.room, self.url, self.want_qr, self.book.qr_side,
                 aw, language_of(self.book.schedule))
        if self._key is None or self._key != parts:
            self._key = Hashed(parts)
        return self._key

    def _ensure(self, aw: float) -> tuple[list[_Row], int, int]:
        """(rows, first, end): the set lines this block shows, for the available width ``aw``
        (set again only when it changes; a part's are fixed)."""
        if self._origin is None and (self._rows is None or self._rows_width != aw):
            key = self.memo_key(aw)
            rows = _SET_TALKS.get(key)
            if rows is None and self.book.fetch is not None:
                self.book.fetch(key)
                rows = _SET_TALKS.get(key)
            if rows is None:
                rows = _SET_TALKS[key] = self._layout(self._text_width(aw))
            self._rows, self._rows_width, self._rows_key = rows, aw, key
        return self._part()

    @staticmethod
    def _top(rows: list[_Row], lo: int) -> float:
        """Where the text of the part starting at row ``lo`` begins in the whole talk."""
        return rows[lo].top if lo else 0.0

    def _text_height(self, rows: list[_Row], lo: int, hi: int) -> float:
        # rows go down the block, so the last one's bottom is the lowest
        if lo >= hi:
            return 0.0
        return rows[hi - 1].top - self._top(rows, lo) + rows[hi - 1].size * 1.3

    def _continued_h(self) -> float:
        """Height of the "Title (continued)" line that heads a continuation (0 otherwise)."""
        return self.size * 1.3 if self.continued else 0.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = max(self._text_height(*self._ensure(aw)) + self._continued_h(),
                          self.qr_side) + 7
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        base, lo, hi = self._ensure(aw)
        room = ah - 7
        top = self._top(base, lo)
        # the rows whose bottom is within ``room``: a prefix (bottoms only grow), found by
        # bisection, so that each part costs its own rows, not the rest of the talk's
        cut = bisect.bisect_right(base, room, lo, hi, key=lambda r: r.top - top + r.size * 1.3)
        if self.continued or lo:  # a continuation begins with its "(continued)" line
            cut = bisect.bisect_right(base, room - self._continued_h(), lo, hi,
                                      key=lambda r: r.top - top + r.size * 1.3)
        if hi - cut == 1:  # no single line at the head of the next page: take one more
            cut -= 1
        cut = _clean_cut(base, lo, cut, hi)
        if cut - lo < 2 or cut >= hi or (self.qr_side and self.qr_side > room):
            return []  # (nor a single line at the foot of this one)
        first = TalkBlock(self.book, self.talk, self.size, self.clock, self.want_qr, self.room,
                          self.continued, (base, lo, cut), self.heading)
        rest = TalkBlock(self.book, self.talk, self.size, self.clock, False, self.room, True,
                         (base, cut, hi), self.heading)
        first._rows_key = rest._rows_key = self._rows_key
        return [first, rest]

    def _part(self) -> tuple[list[_Row], int, int]:
        """(the whole talk's rows, first, end): which of its rows this block shows."""
        if self._origin is not None:
            return self._origin
        assert self._rows is not None
        return self._rows, 0, len(self._rows)

    def placed(self, page: int) -> None:
        if not self.continued:
            key = "talk-" + self.talk.id
            self.book.page_of.setdefault(key, page)
            self.book.person_on(page, key, self.talk.speakers)

    def items_at(self, x: float, y: float) -> list[Item]:
        """:meth:`items` on the page, remembered in ``--watch`` by everything they are made
        of: the key the rows were set under (the talk and how it is set), which rows, the
        block's size and place, its clock and whether it is a continuation."""
        _, lo, hi = self._part()
        key = (self._rows_key, self.clock, self.want_qr, self.continued, lo, hi, self.width,
               self.height, x, y, self.heading)
        found = _PLACED_TALKS.get(key)
        if found is None:
            found = _PLACED_TALKS.keep(key, moved(self.items(), x, y))
        return found

    def items(self) -> Items:
        """Anchor, time, lines, links, QR code and rule."""
        top = self.height - 3
        out: list[Item] = []
        if not self.continued:
            out.append(AnchorItem("talk-" + self.talk.id, top + 6))
            label = span_label(self.talk, self.clock, self.book.schedule.event.timezone)
            lines = [label]
            if text_width(label, BOLD, self.size - 0.5) > self.time_w - 4:
                start, _, end = label.partition("–")  # a time with its zone ("2:30 CET")
                lines = [start + "–", end]
            for i, line in enumerate(lines):
                out.append(text_line(line, 0, top - self.size * (1.05 + 1.1 * i), BOLD,
                                     self.size - 0.5, ACCENT))
        links: dict[str, list[float]] = {}
        rows, lo, hi = self._part()
        shift = self._top(rows, lo)
        colours = inks()
        if self.continued:  # the continuation says what it continues
            label = clip(self.talk.title, BOLD, self.size, self.width - self.time_w - 60)
            said = language_of(self.book.schedule).text("{title} (continued)", title=label)
            out.append(text_line(said, self.time_w, top - self.size * ASCENT,
                                 BOLD, self.size, MUTED))
            top -= self._continued_h()
        for row in rows[lo:hi]:
            baseline = top - (row.top - shift) - row.size * ASCENT
            out.append(set_line(row.line, self.time_w + row.x, baseline, row.size, colours,
                                self.heading if row.heading else Role.PARAGRAPH))
            for x0, x1, url in row.links:
                out.append(Link(text_box(self.time_w + row.x + x0, x1 - x0, baseline, row.size),
                                url=url))
            if row.url:
                box = links.setdefault(row.url, [baseline - row.size * 0.3, baseline + row.size, 0.0])
                box[0] = min(box[0], baseline - row.size * 0.3)
                box[2] = max(box[2], row.line.width)
        for url, (low, high, w) in links.items():
            out.append(Link((self.time_w, low, self.time_w + w, high), url=url))
        if self.want_qr:
            out += qr_items(self.url, self.width - self.qr_side, top - self.qr_side,
                            self.qr_side, language_of(self.book.schedule).text(
                                "QR code: link to {what}", what=self.talk.title))
        out.append(Rule(self.time_w, 1, self.width, 1, "#dddddd", 0.4))
        return tuple(out)


class PosterRow(Flowable):
    """One row of a poster session's compact list (:func:`program.layout.posters.poster_rows`):
    in each column a poster's board number, its title (a link to its page when it has one)
    and its authors with their affiliations; its QR code beside it only when asked
    (``theme.poster_qr``). Kept whole; each poster is an anchor, and its authors' pages go to
    the speaker index."""

    keep_whole = True

    def __init__(self, book: _Book, posters: tuple[Talk, ...], columns: int, size: float,
                 board_w: float, want_qr: bool):
        self.book, self.posters, self.columns, self.size = book, posters, columns, size
        self.board_w, self.want_qr = board_w, want_qr
        self._cells: list[tuple[float, Items]] = []

    def _cell(self, talk: Talk, width: float) -> tuple[float, Items]:
        """(height, items) of one poster in a column ``width`` wide, its top at 0."""
        size = self.size
        url = talk.url if talk.url and safe_url(talk.url) else None
        side = (self.book.qr_side or qr_side(url, QR_MIN_SIDE)) if url and self.want_qr else 0.0
        text_w = width - self.board_w - (side + 4 if side else 0)
        out: list[Item] = [AnchorItem("talk-" + talk.id, 0.0),
                           text_line(talk.board or "", 0, -size * ASCENT, BOLD, size, ACCENT)]
        y, colours, role = 0.0, inks(), Role.HEADING_3
        blocks = [(Block((Span(talk.title, BOLD),)), size, url)]
        if talk.speakers:
            blocks.append((Block(people_spans(talk.speakers)), max(size - 1, SESSION_MIN), None))
        for block, line_size, link in blocks:
            for line in wrap(block, text_w, line_size) or []:
                baseline = y - line_size * ASCENT
                out.append(set_line(line, self.board_w, baseline, line_size, colours, role))
                if link:
                    out.append(Link(text_box(self.board_w, line.width, baseline, line_size),
                                    url=link))
                y -= line_size * 1.25
            role = Role.PARAGRAPH
        if side:
            out += qr_items(url, width - side, -side, side, language_of(self.book.schedule)
                            .text("QR code: link to {what}", what=talk.title))
        return max(-y, side), tuple(out)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.col_w = (aw - (self.columns - 1) * POSTER_GAP) / self.columns
        self._cells = [self._cell(t, self.col_w) for t in self.posters]
        self.height = max(h for h, _ in self._cells) + self.size * 0.8
        return aw, self.height

    def placed(self, page: int) -> None:
        for talk in self.posters:
            key = "talk-" + talk.id
            self.book.page_of.setdefault(key, page)
            self.book.person_on(page, key, talk.speakers)

    def items(self) -> Items:
        out: list[Item] = []
        for n, (_, items) in enumerate(self._cells):
            out += moved(items, n * (self.col_w + POSTER_GAP), self.height)
        out.append(Rule(0, 1, self.width, 1, "#dddddd", 0.4))
        return tuple(out)


def poster_story(book: _Book, session: Session, width: float, size: float,
                 want_qr: bool) -> list[Flowable]:
    """A poster session's compact list: rows of :class:`PosterRow`, by board number."""
    columns = poster_columns(width)
    size = max(size - 0.5, SESSION_MIN)
    board_w = max((text_width(t.board or "", BOLD, size) for t in session.items),
                  default=0.0) + 4
    return [PosterRow(book, row, columns, size, board_w, want_qr)
            for row in poster_rows(session, columns)]


class SessionHeader(Flowable):
    """A session's title band (:func:`program.layout.booklet.session_header`); records the
    chairs' pages. Never last on a page: its first talk (or two lines of it) goes with it."""

    keep_with_next = True

    def __init__(self, book: _Book, session: Session, paper: Paper, clock: str, room: str):
        self.book, self.session, self.paper, self.room = book, session, paper, room
        self.when = span_label(session, clock, book.schedule.event.timezone)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        # (kept for items(), at this width: asking again would hash the whole session)
        self.height, self._items = session_header(self.session, self.when, self.room,
                                                  self.paper, aw,
                                                  language_of(self.book.schedule))
        return aw, self.height

    def placed(self, page: int) -> None:
        self.book.person_on(page, "session-" + self.session.id, self.session.chairs)

    def items(self) -> Items:
        return self._items


class IndexEntry(Flowable):
    """One person in the speaker index (:func:`program.layout.booklet.index_entry`): name,
    affiliations, and page numbers that link to the talk (or session) on that page."""

    def __init__(self, name: str, affiliations: list[str], pages: list[tuple[int, str]],
                 size: float):
        self.size, self.keys = size, tuple(key for _, key in pages)
        self.block = index_block(name, tuple(affiliations), tuple(pages), size)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = index_entry_height(self.block, self.size, aw)
        return aw, self.height

    def items(self) -> Items:
        return index_entry(self.block, self.keys, self.size, self.width)[1]


class _Logo(Flowable):
    """The schedule's logo (an image file's bytes), scaled to fit ``max_w`` x ``max_h``
    points, at the left."""

    def __init__(self, image: bytes, max_w: float, max_h: float):
        from PIL import Image  # its pixel size, read from the file's header

        with Image.open(io.BytesIO(image)) as im:
            w, h = im.size
        scale = min(max_w / w, max_h / h)
        self.image, self.width, self.height = image, w * scale, h * scale

    def items(self) -> Items:
        return (Picture(self.image, 0, 0, self.width, self.height, "logo"),)


class _CoverQR(Flowable):
    """The website's QR code with its address beside it."""

    def __init__(self, book: _Book, url: str, styles):
        self.book, self.url = book, url
        self.side = 0.0
        self.caption = TextBlock([[Span(language_of(book.schedule).text("Programme online"),
                                        REGULAR)],
                                  [Span(_short_url(url), REGULAR, "accent")]], styles["meta"],
                                 link=(1, url))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        while self.url not in _MATRICES and self.book.fetch is not None:  # made ahead?
            self.book.fetch(None)
        self.side = qr_side(self.url, 26 * mm)
        self.width = aw
        self.cap_h = self.caption.wrap(aw - self.side - 8, ah)[1]
        self.height = self.side
        return aw, self.height

    def items(self) -> Items:
        alt = language_of(self.book.schedule).text("QR code: link to {what}",
                                                   what=self.book.schedule.event.title)
        return qr_items(self.url, 0, 0, self.side, alt) + tuple(
            moved(self.caption.items(), self.side + 6, (self.side - self.cap_h) / 2))


def _short_url(url: str) -> str:
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    return url


# --------------------------------------------------------------------------------------
# The booklet


def booklet_pages(schedule: Schedule,
                  options: Options) -> tuple[tuple[Page, ...], Meta, tuple[str, ...]]:
    """The booklet's pages, its document information and the warnings (grid text that had
    to be shortened), for resolved ``options`` (see ``build.resolve``)."""
    paper = PAPERS[options.paper]
    if not options.abstracts:  # the email edition: its talks' lines set without them
        schedule = without_abstracts(schedule)
    book = _Book(schedule)
    styles = booklet_styles(paper)
    warnings: list[str] = []
    top, bottom = paper.margin + paper.text_size * 1.6, paper.margin + paper.text_size * 1.4
    width, height = paper.size[0] - 2 * paper.margin, paper.size[1] - top - bottom
    flow = Flow((paper.margin, bottom, width, height), {
        "cover": Template(begin=lambda page: _cover_band(paper)),
        "body": Template(end=lambda page: header_items(schedule.event, book.current_day, page,
                                                       paper)),
    }, first="cover")
    story: list[Flowable] = []
    story += _cover(book, styles, paper, options)
    story.append(NextTemplate("body"))
    story.append(PageBreak())
    story += _contents(book, styles, paper, options)
    urls = [t.url for t in schedule.talks() if t.url and safe_url(t.url)]
    if options.qr and urls:  # one printed size: the version the longest URL needs
        book.qr_side = qr_side(max(urls, key=lambda u: (len(qr_data(u)), u)), QR_MIN_SIDE)
    day_stories = [_day_story(book, day, styles, options, width) for day in schedule.days]
    _prefetch(book, [f for d in day_stories for f in d if isinstance(f, TalkBlock)], width,
              options)
    for day in schedule.days:  # (laid out here while the talks are set in the background)
        grid_story, notes = _grid_story(book, day, styles, paper, options, width, height)
        story += grid_story
        warnings += notes
    for day_story in day_stories:
        story += day_story
    story.append(PageBreak())
    story.append(Later(lambda: _index_story(book, styles, paper, width, height)))
    laid_out = flow.run(story)
    while book.fetch is not None:  # the QR codes made beside the flow
        book.fetch(None)
    # a right-to-left language: every page mirrored (time column, running header, grid axis
    # at the right; text right-aligned; QR codes at the left)
    rtl = language_of(schedule).rtl
    pages = tuple(Page(paper.size, mirrored(tuple(_page_items(entries)), 0.0, paper.size[0])
                       if rtl else tuple(_page_items(entries))) for entries in laid_out)
    closing = closing_pages(schedule, paper, len(pages), options.qr)
    # the Notes pages and the back cover too (they were left reading from the left)
    pages += tuple(replace(p, items=mirrored(p.items, 0.0, paper.size[0])) for p in closing) \
        if rtl else closing
    if options.image_dpi is not None:
        pages = tuple(replace(p, items=pictures_at(p.items, options.image_dpi)) for p in pages)
    if options.bleed_mm or options.crop_marks:  # for the print shop: bleed, boxes, marks
        pages = tuple(print_ready(p, (options.bleed_mm or 0.0) * mm) for p in pages)
    return pages, _meta(schedule), tuple(warnings)


def pictures_at(items: Items, dpi: float) -> Items:
    """``items`` with every picture (in a placed form too) scaled down to at most ``dpi``
    pixels an inch at the size it is printed (the email edition: screen resolution)."""
    def at(item: Item) -> Item:
        if isinstance(item, Picture):
            pixels = (max(1, math.ceil(item.w / 72 * dpi)), max(1, math.ceil(item.h / 72 * dpi)))
            return replace(item, image=fitted(item.image, pixels))
        if isinstance(item, Place):
            return replace(item, form=replace(item.form, items=pictures_at(item.form.items, dpi)))
        return item

    return tuple(at(item) for item in items)


def closing_pages(schedule: Schedule, paper: Paper, count: int, want_qr: bool) -> tuple[Page, ...]:
    """What follows the index so that a saddle-stitched booklet is a multiple of 4 pages:
    ruled "Notes" pages, then the outside back cover (event, dates, venue, organizers and
    the QR code of the programme online), never the last index page."""
    w, h = paper.size
    m, size = paper.margin, paper.text_size
    lang = language_of(schedule)
    out = []
    for n in range((-(count + 1)) % 4):
        items: list[Item] = list(header_items(schedule.event, "", count + n + 1, paper))
        top = h - m - size * 4
        items.append(text_line(lang.text("Notes"), m, top, BOLD, size * 1.6, ACCENT, role=Role.HEADING))
        y = top - 10 * mm
        while y > m + size * 2:
            items.append(Rule(m, y, w - m, y, "#cccccc", 0.4))
            y -= 8 * mm
        out.append(Page(paper.size, tuple(items)))
    ev = schedule.event
    items = [Box(0, 0, w, m * 0.9, fill=ACCENT)]
    title = fit([Block((Span(ev.title, BOLD),))], w - 2 * m, size * 8, size * 1.6, size)
    items += fitted_lines(title, m, h * 0.62 + title.height, inks(ACCENT), role=Role.HEADING)
    y = h * 0.62 - title.size * 0.3
    for line in (event_dates(schedule), ev.venue,
                 lang.text("Organizers: {names}", names=", ".join(ev.organizers))
                 if ev.organizers else ""):
        if line:
            y -= size * 1.8
            items.append(text_line(clip(line, REGULAR, size, w - 2 * m), m, y, REGULAR, size,
                                   MUTED))
    if want_qr and ev.url and safe_url(ev.url):
        side = max(26 * mm, qr_side(ev.url, 26 * mm))
        qy = m * 0.9 + 12 * mm
        items += qr_items(ev.url, m, qy, side,
                          lang.text("QR code: link to {what}", what=ev.title))
        items.append(text_line(lang.text("Programme online"), m + side + 4 * mm, qy + side - size, BOLD,
                               size, TEXT))
        items.append(text_line(clip(_short_url(ev.url), REGULAR, size - 0.5,
                                    w - 2 * m - side - 4 * mm), m + side + 4 * mm,
                               qy + side - size * 2.4, REGULAR, size - 0.5, ACCENT))
    out.append(Page(paper.size, tuple(items)))
    return tuple(out)


def _page_items(entries) -> Iterator[Item]:
    """A laid-out page's items in page coordinates, in the order they were placed."""
    for what, x, y in entries:
        if isinstance(what, tuple):
            yield from what
        else:
            yield from what.items_at(x, y)


def _meta(schedule: Schedule) -> Meta:
    ev = schedule.event
    programme = language_of(schedule).text("Programme")
    subject = " · ".join(x for x in (programme, event_dates(schedule), ev.venue) if x)
    return Meta(ev.title, ", ".join(ev.organizers) or ev.title, subject, ev.language,
                keywords=", ".join([programme] + ([ev.venue] if ev.venue else [])),
                display_title=True)


#: Below this many talks a second process costs more than it saves (measured on 2 cores).
PARALLEL_MIN_TALKS = 10
#: Talks per item sent back by the second process (the first arrive while it sets the rest).
PREFETCH_CHUNK = 100


def _prefetch(book: _Book, blocks: list[TalkBlock], width: float, options: Options) -> None:
    """Set the lines of the talk blocks not set before at the frame ``width``, and make their
    QR codes (and the cover's), in a second process (:mod:`program.parallel`) while this one
    lays out the grids. They arrive in chunks, growing from a few talks (so the first pages
    wait little) to ``PREFETCH_CHUNK``; blocks take them through ``book.fetch``."""
    from program.parallel import Stream

    if len(_SET_TALKS) > _SET_TALKS_MAX:
        _SET_TALKS.clear()
    missing = [(b, key) for b in blocks if (key := b.memo_key(width)) not in _SET_TALKS]
    todo = [b for b, _ in missing]
    keys = [key for _, key in missing]
    cover = book.schedule.event.url
    cover_urls = [cover] if options.qr and cover and safe_url(cover) and \
        cover not in _MATRICES else []
    if not todo and not cover_urls:
        return

    def produce() -> Iterator[tuple[dict, bytes]]:
        yield _make_matrices(cover_urls), _pack_rows([])  # the cover comes first
        start, size = 0, 8
        while start < len(todo):
            part = todo[start:start + size]
            yield {}, _pack_rows([b._layout(b._text_width(width)) for b in part])
            start, size = start + size, min(size * 2, PREFETCH_CHUNK)
        # the codes last: they are needed only when the pages' items are made, after the
        # flow, which so begins as soon as the lines are in
        if options.qr:
            yield _make_matrices([b.url for b in todo if b.want_qr]), _pack_rows([])

    jobs = options.jobs if len(todo) >= PARALLEL_MIN_TALKS else 1
    items = iter(Stream(produce, jobs=jobs))
    received = 0

    def fetch(key: tuple | None) -> None:
        """Take chunks until the lines of ``key`` are in (None: one chunk)."""
        nonlocal received
        for codes, packed in items:
            _MATRICES.update(codes)
            for lines in _unpack_rows(packed):
                _SET_TALKS[keys[received]] = lines
                received += 1
            if key is None or key in _SET_TALKS:
                return
        book.fetch = None  # all received

    book.fetch = fetch


def _pack_rows(blocks: list[list[_Row]]) -> bytes:
    """Set talks as ``marshal`` bytes of plain tuples: several times faster to load than a
    pickle of named tuples, which calls their constructors one by one."""
    return marshal.dumps([[(tuple(r.line), r.size, r.top, r.url, r.x, r.links, r.heading)
                           for r in rows]
                          for rows in blocks])


def _unpack_rows(data: bytes) -> list[list[_Row]]:
    """The inverse of :func:`_pack_rows`."""
    # (tuple.__new__ makes the named tuples without their Python-level constructors)
    new = tuple.__new__
    return [[new(_Row, (new(Line, row[0]),) + row[1:]) for row in rows]
            for rows in marshal.loads(data)]


def _cover_band(paper: Paper) -> Items:
    """The cover's accent: a band across the top and a rule above the foot."""
    w, h = paper.size
    return (Box(0, h - paper.margin * 0.9, w, paper.margin * 0.9, fill=ACCENT),
            Rule(paper.margin, paper.margin * 0.9, w - paper.margin, paper.margin * 0.9,
                 ACCENT, 1.2))


def _cover(book: _Book, styles, paper: Paper, options: Options) -> list[Flowable]:
    ev = book.schedule.event
    lang = language_of(book.schedule)
    out: list[Flowable] = [Anchor(book, "cover", lang.text("Cover"), 0)]
    if options.logo is not None:
        out += [_Logo(options.logo, paper.size[0] * 0.35, 40 * mm), Spacer(8 * mm)]
    else:
        out.append(Spacer(paper.size[1] * 0.12))
    out.append(TextBlock(ev.title, styles["cover_title"], role=Role.HEADING))
    if ev.subtitle:
        out += [Spacer(3 * mm), TextBlock(ev.subtitle, styles["cover_sub"])]
    out.append(Spacer(10 * mm))
    when = event_dates(book.schedule)
    if when:  # a source without a date prints none (never a placeholder)
        out.append(TextBlock(when, styles["cover_meta"]))
    if ev.venue:
        out.append(TextBlock(ev.venue, styles["cover_meta"]))
    if ev.organizers:
        out += [Spacer(6 * mm), TextBlock(lang.text("Organizers: {names}",
                                                    names=", ".join(ev.organizers)),
                                          styles["cover_meta"])]
    if ev.url and safe_url(ev.url):
        out += [Spacer(12 * mm), _CoverQR(book, ev.url, styles)]
    return out


def _contents(book: _Book, styles, paper: Paper, options: Options) -> list[Flowable]:
    s = book.schedule
    size = paper.text_size
    lang = language_of(s)
    out: list[Flowable] = [Anchor(book, "contents", lang.text("Contents"), 0),
                           TextBlock(lang.text("Contents"), styles["h1"], role=Role.HEADING)]
    for day in s.days:
        key = _day_key(day)
        out.append(ContentsLine(book, lang.text("{day} — at a glance", day=day_label(s, day)),
                                "glance-" + key, 0, BOLD, size))
    for day in s.days:
        out.append(Spacer(size * 0.6))
        out.append(ContentsLine(book, day_heading(s, day),
                                "day-" + _day_key(day), 0, BOLD, size))
        for entry in day.entries:
            key = ("session-" if isinstance(entry, Session) else "talk-") + entry.id
            out.append(ContentsLine(book, entry.title, key, size, REGULAR, size - 0.5,
                                    span_label(entry, options.clock, s.event.timezone)))
    out.append(Spacer(size * 0.6))
    out.append(ContentsLine(book, lang.text("Speakers and chairs"), "index", 0, BOLD, size))
    return out


def _day_key(day: Day) -> str:
    return day.date.isoformat()


def _grid_story(book: _Book, day: Day, styles, paper: Paper, options: Options,
                width: float, height: float) -> tuple[list[Flowable], list[str]]:
    s = book.schedule
    size = paper.text_size
    lang = language_of(s)
    tags = schedule_tags(s)
    style = GridStyle(clock=options.clock, zone=s.event.timezone, colors=s.theme.colors,
                      lang=s.event.language, periods=lang.periods, labels=lang.labels,
                      tags=tuple(tags.items()), **dict(paper.grid))
    # (a poster session is one cell of kind poster: its posters' own kinds are not shown)
    legend_items = legend(list(poster_cells(day, lang).talks()), dict(s.theme.colors), lang,
                          tags)
    legend_height = len(legend_rows(legend_items, width, size - 1.5)) * (size - 1.5) * 1.6 + size * 0.5
    avail = height - size * 2.2 - legend_height - 2 - notes_height(day.notes, styles["note"],
                                                                   width)
    grid: DayGrid = layout_day(day, [r.id for r in s.rooms], {r.id: r.name for r in s.rooms},
                               width, avail, style)
    # a day in more than one part begins on a left-hand page: its parts face each other
    out: list[Flowable] = [LeftPageBreak() if len(grid.pages) > 1 else PageBreak()]
    label = day_label(s, day)
    for i, page in enumerate(grid.pages):
        if i:
            out.append(PageBreak())
        part = f" ({page.part}/{page.parts})" if page.parts > 1 else ""
        title = lang.text("{day} — at a glance", day=label) + part
        if i == 0:
            out.append(Anchor(book, "glance-" + _day_key(day),
                              lang.text("At a glance: {day}", day=day_label(s, day, short=True)),
                              0, day=label))
        out.append(GridFlowable(page, title, legend_items, size, legend_height, day.notes,
                                styles["note"]))
    notes = [f"{s.source or 'schedule'}: warning: grid {day_label(s, day, short=True)}: {line}"
             for line in summary(grid.abbreviations, options.clock,
                                 "; the full text is on the session pages")]
    return out, notes


def _day_story(book: _Book, day: Day, styles, options: Options,
               width: float) -> list[Flowable]:
    s = book.schedule
    label = day_label(s, day)
    out: list[Flowable] = [PageBreak(), Anchor(book, "day-" + _day_key(day), label, 0, day=label),
                           TextBlock(day_heading(s, day), styles["h1"], role=Role.HEADING)]
    if day.notes:  # what is on all day, one paragraph each
        out.append(TextBlock(list(day.notes), styles["note"]))
    for entry in day.entries:
        if isinstance(entry, Session):
            out.append(CondPageBreak(60))
            out.append(Anchor(book, "session-" + entry.id, entry.title, 1))
            out.append(SessionHeader(book, entry, PAPERS[options.paper], options.clock,
                                     s.room_name(entry.room)))
            if is_poster_session(entry):
                out += poster_story(book, entry, width, styles["body"].size,
                                    options.qr and s.theme.poster_qr)
                continue
            for talk in entry.items:
                room = s.room_name(talk.room) if talk.room != entry.room else ""
                out.append(TalkBlock(book, talk, styles["body"].size, options.clock,
                                     options.qr, room))
        else:
            out.append(Anchor(book, "session-" + entry.id, entry.title, 1))
            out.append(TalkBlock(book, entry, styles["body"].size, options.clock, options.qr,
                                 s.room_name(entry.room), heading=Role.HEADING_2))
    return out


INDEX_COLUMNS = 2
INDEX_GAP = 5 * mm


def _index_story(book: _Book, styles, paper: Paper, width: float,
                 height: float) -> list[Flowable]:
    """The speaker index, made when the flow reaches it (every earlier page is known): by
    family name (:mod:`program.layout.names`), printed ``Family, Given (Affiliation) ·
    pages``, under letter headings, in two columns."""
    size = paper.text_size - 0.5
    words = language_of(book.schedule).text("Speakers and chairs")
    heading = TextBlock(words, styles["h1"], role=Role.HEADING)
    named = {name: index_name(name) for name in book.person_pages}
    by_key: dict[str, list[str]] = {}
    for name, index in named.items():
        by_key.setdefault(index.key, []).append(name)
    letter_style = TextStyle(BOLD, size + 1.5, (size + 1.5) * 1.3, ACCENT, space_before=size * 0.7)
    entries: list[Flowable] = []
    letter = None
    for key in sort_names(list(by_key)):
        for name in sorted(by_key[key]):
            if named[name].letter != letter:
                letter = named[name].letter
                entries.append(TextBlock(letter, letter_style, role=Role.HEADING_2))
            pages = sorted(book.person_pages[name].items())
            entries.append(IndexEntry(named[name].printed, book.affiliations.get(name, []),
                                      pages, size))
    col_w = (width - (INDEX_COLUMNS - 1) * INDEX_GAP) / INDEX_COLUMNS
    above = heading.wrap(width, height)[1] + heading.space_after
    def flow(h: float):
        for entry in entries:  # (a trial in a shorter frame may have moved one)
            entry._postponed = False
        return _ColumnFlow((0, 0, col_w, h), {"column": Template()}, "column", above,
                           INDEX_COLUMNS).run(list(entries))

    columns, lift = flow(height), 0.0
    if len(columns) < INDEX_COLUMNS:  # all on one page: the columns balanced, not one full
        lo, hi = above, height
        for _ in range(12):
            mid = (lo + hi) / 2
            try:
                fits = len(flow(mid)) <= INDEX_COLUMNS
            except LayoutError:  # a frame too short for an entry under the heading
                fits = False
            if fits:
                hi = mid
            else:
                lo = mid
        columns, lift = flow(hi), height - hi
    out: list[Flowable] = [Anchor(book, "index", words, 0, day=""), heading]
    for first in range(0, len(columns), INDEX_COLUMNS):
        tall = height - (above if first == 0 else 0.0) - 0.01
        out.append(IndexPage(columns[first:first + INDEX_COLUMNS], col_w + INDEX_GAP, tall,
                             lift if first == 0 else 0.0))
    return out


class _ColumnFlow(Flow):
    """A flow into the columns of the index: its first ``columns`` frames (the first page's)
    begin ``above`` lower, under the index's heading."""

    def __init__(self, frame, templates, first, above: float, columns: int):
        super().__init__(frame, templates, first)
        self.above, self.columns = above, columns

    def _begin(self) -> None:
        super()._begin()
        if len(self.pages) <= self.columns:
            self._y -= self.above


class IndexPage(Flowable):
    """One page of the index: its columns, as the column flow placed them (``lift``: moved
    up by that much, when the columns were balanced in a shorter frame)."""

    def __init__(self, columns, step: float, height: float, lift: float = 0.0):
        self.columns, self.step, self.height, self.lift = columns, step, height, lift

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.height

    def items(self) -> Items:
        out: list[Item] = []
        for n, entries in enumerate(self.columns):
            for what, x, y in entries:
                if not isinstance(what, tuple):
                    out += moved(what.items(), x + n * self.step, y + self.lift)
        return tuple(out)
