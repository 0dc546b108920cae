"""Name badges as pages of frames: fronts (name, affiliation, pronouns, role band, event
title or logo, optional QR code) and backs (the timetable card of the ``cards`` product, or
the attendee's own programme) on badge stock, duplex-aligned. Pure: no canvas.

``badge_pages(schedule, attendees, options) -> Iterator[Page]`` yields sheets one at a time
(fronts, then their backs on the next page), so 5,000 badges never sit in memory at once;
``badge_warnings`` says what the same options leave out. Every cell's content stays
``SAFE`` (3 mm) inside its cut, so a sheet printed a little off still shows everything.
Each badge is a :class:`~program.layout.frames.Form` whose box is the cell: nothing drawn
in it can run onto a neighbouring label.

The backs are turned for duplex printing (:meth:`~program.layout.stock.Stock.back_cells`):
printed on the other side and flipped over the long (or short) edge, each back lies behind
its front. ``--fold`` puts front and back on one side of one cell instead, the back turned
180 degrees above a dashed fold line.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Iterator, NamedTuple

from program.fonts import BOLD, REGULAR, visual
from program.layout.card_frames import card_items, card_meta
from program.layout.cards import CardSizeError, layout_cards
from program.layout.frames import (QR, Box, Form, Item, Meta, Page, Picture, Place, Role,
                                   Rule, fitted_lines, inks, moved, text_line)
from program.layout.palette import ACCENT, MUTED, text_on
from program.layout.paper import mm
from program.layout.trim import crop_marks
from program.layout.stock import Stock
from program.layout.textfit import Block, Fitted, Span, clip, fit, fit_uncut, lines_height
from program.errors import UserError
from program.model import Attendee, Day, Schedule, Session
from program import qr as qrcodes

SAFE = 3 * mm  # no content nearer a cut than this
NAME_FLOOR = 9.0  # below this a name is set on one line, scaled to the width
ROLE_COLOURS = {"speaker": "#b3261e", "organizer": ACCENT, "volunteer": "#1e7b34",
                "attendee": "#5f6368"}
OTHER_ROLE = "#6b3fa0"
QR_MODULE = 0.4 * mm
KEPT_BACKS = 256  # personal backs remembered while the sheets are made


@dataclass(frozen=True)
class BadgeOptions:
    """How badges are made: the stock, how the sheet is turned (``long``/``short`` edge),
    the backs' shift (``offset``, mm, as the back page is drawn: the calibration page's
    reading), ``fold`` (front and back on one side), ``personal`` backs, ``qr`` (``none``,
    ``id`` or ``vcard``), the clock, the day the backs show (None: all days when they fit
    one card, else the first), and the logo's bytes."""

    stock: Stock
    flip: str = "long"
    offset: tuple[float, float] = (0.0, 0.0)
    fold: bool = False
    personal: bool = False
    qr: str = "none"
    clock: str = "24h"
    day: str | None = None
    logo: bytes | None = None


def role_colour(role: str, theme_colors: dict[str, str]) -> str:
    """The band colour of ``role``: the theme's colour for it, else ours."""
    return theme_colors.get(role, ROLE_COLOURS.get(role, OTHER_ROLE))


# --------------------------------------------------------------------------------------
# Fronts


def fit_name(name: str, width: float, height: float, max_size: float) -> Fitted:
    """A badge's name, never cut (:func:`~program.layout.textfit.fit_uncut`, two lines
    at most, down to ``NAME_FLOOR`` before it is scaled to the width). A right-to-left
    name stays on one line: Arabic marks above and below would touch the other line."""
    lines = 1 if visual(name) != name else 2
    return fit_uncut(name, BOLD, width, height, max_size, NAME_FLOOR, lines)


def qr_text(attendee: Attendee, kind: str) -> str | None:
    """What a front's QR code holds: the attendee's id, or a vCard 3.0 of name,
    organisation and email (None: no code)."""
    if kind == "id":
        return attendee.id
    if kind == "vcard":
        def esc(v: str) -> str:
            return v.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{esc(attendee.name)}"]
        if attendee.affiliation:
            lines.append(f"ORG:{esc(attendee.affiliation)}")
        if attendee.email:
            lines.append(f"EMAIL:{esc(attendee.email)}")
        lines.append("END:VCARD")
        text = "\r\n".join(lines)
        return text if qrcodes.fits(text) else None
    return None


@dataclass(frozen=True)
class Front:
    """A front as laid out: its items in the cell's own coordinates and what it had to
    shorten (for warnings)."""

    items: tuple[Item, ...]
    name_size: float
    shortened: tuple[str, ...] = ()


def badge_front(attendee: Attendee, size: tuple[float, float], title: str,
                colour: str, logo: bytes | None, qr_kind: str) -> Front:
    """One front in a ``size`` cell (origin at its lower left), every item ``SAFE`` inside."""
    w, h = size
    x0, x1, y0, y1 = SAFE, w - SAFE, SAFE, h - SAFE
    inner = x1 - x0
    out: list[Item] = []
    shortened: list[str] = []
    # event title (and logo) along the top
    head = max(6 * mm, min(12 * mm, 0.13 * h))
    text_x = x0
    if logo:
        out.append(Picture(logo, x0, y1 - head, head, head, "event logo"))
        text_x = x0 + head + 2 * mm
    title_size = min(11.0, head * 0.55)
    shown = clip(title, BOLD, title_size, x1 - text_x)
    if shown != title:
        shortened.append(f"the event title is cut to {shown!r}")
    out.append(text_line(shown, text_x, y1 - head / 2 - title_size * 0.35, BOLD, title_size,
                         ACCENT, role=Role.HEADING))
    # role band along the bottom
    band = max(6 * mm, min(11 * mm, 0.15 * h))
    out.append(Box(x0, y0, inner, band, fill=colour, radius=1.5 * mm))
    label = attendee.role.upper()
    band_size = min(band * 0.5, 14.0)
    label = clip(label, BOLD, band_size, inner - 4 * mm)
    out.append(text_line(label, w / 2, y0 + band / 2 - band_size * 0.35, BOLD, band_size,
                         text_on(colour), "center", Role.PARAGRAPH))
    # QR code at the right, above the band
    middle_bottom, middle_top = y0 + band + 2 * mm, y1 - head - 2 * mm
    text_right = x1
    data = qr_text(attendee, qr_kind)
    if data:
        matrix = qrcodes.qr_matrix(data)
        side = min(middle_top - middle_bottom, max(14 * mm, (matrix.size + 8) * QR_MODULE),
                   inner * 0.4)
        out.append(QR(x1 - side, middle_bottom, side, matrix.rows,
                      "vCard" if qr_kind == "vcard" else f"id {data}"))
        text_right = x1 - side - 2 * mm
    # name, pronouns, affiliation: a group centred in what is left
    width = text_right - x0
    room = middle_top - middle_bottom
    name_fit = fit_name(attendee.name, width, room * 0.62, min(0.2 * h, 40.0))
    small = max(7.0, min(14.0, name_fit.size * 0.45))
    extra: list[tuple[Fitted, str]] = []
    if attendee.pronouns:
        extra.append((fit([Block((Span(attendee.pronouns, REGULAR, "muted"),))], width,
                          lines_height(1, small), small, 6.0), "pronouns"))
    if attendee.affiliation:
        left = room - name_fit.height - sum(f.height + 1.5 for f, _ in extra) - 2.0
        aff = fit([Block((Span(attendee.affiliation, REGULAR),))], width,
                  max(left, lines_height(1, 6.0)), small, 6.0)
        extra.insert(0, (aff, "affiliation"))
    for fitted, what in extra:
        if fitted.abbreviated or fitted.cut_words:
            shortened.append(f"the {what} is shortened to {fitted_text(fitted)!r}")
    # Arabic marks and descenders reach below the Latin descent the fitted height counts:
    # a right-to-left name keeps a third of its size clear above the affiliation
    below = 2.0 + (name_fit.size / 3 if visual(attendee.name) != attendee.name else 0.0)
    total = name_fit.height + below - 2.0 + sum(f.height + 2.0 for f, _ in extra)
    top = middle_bottom + (room + total) / 2
    out += fitted_lines(name_fit, x0, top, inks(), role=Role.HEADING)
    top -= name_fit.height + below
    for fitted, _ in extra:
        out += fitted_lines(fitted, x0, top, inks())
        top -= fitted.height + 2.0
    return Front(tuple(out), name_fit.size, tuple(shortened))


def fitted_text(fitted: Fitted) -> str:
    return " ".join("".join(t for t, _, _ in line.runs) for line in fitted.lines)


# --------------------------------------------------------------------------------------
# Backs


def day_schedule(schedule: Schedule, day: str | None) -> Schedule:
    """The schedule the backs show: every day, or the one ``day`` (an ISO date) names."""
    if day is None:
        return schedule
    chosen = [d for d in schedule.days if d.date.isoformat() == day]
    if not chosen:
        days = ", ".join(d.date.isoformat() for d in schedule.days)
        raise UserError(f"--day {day}: the schedule has no such day (it has {days})")
    return replace(schedule, days=tuple(chosen))


def plenary(day: Day, schedule: Schedule) -> Day:
    """The day's items for everyone: in no room or the only thing on at their time."""
    entries = day.entries
    keep = []
    for e in entries:
        alone = not any(o is not e and o.start < e.end and e.start < o.end for o in entries)
        if e.room is None or alone or (e.kind is not None and e.kind.is_pause):
            keep.append(e)
    return replace(day, entries=tuple(keep))


def _names(entry) -> frozenset[str]:
    """What an attendee's list may call ``entry`` (case ignored): its id and title, its
    track, and those of its talks."""
    talks = entry.items if isinstance(entry, Session) else (entry,)
    names = {entry.id, entry.title}
    for t in talks:
        names |= {t.id, t.title} | ({t.track} if t.track else set())
    return frozenset(n.casefold() for n in names)


@dataclass(frozen=True)
class Programme:
    """A schedule made ready for personal backs: per day, each entry with the names it
    answers to and whether it is for everyone (made once, used for every attendee)."""

    schedule: Schedule
    days: tuple[tuple[tuple[object, frozenset[str], bool], ...], ...]

    @classmethod
    def of(cls, schedule: Schedule) -> "Programme":
        days = []
        for day in schedule.days:
            base = {id(e) for e in plenary(day, schedule).entries}
            days.append(tuple((e, _names(e), id(e) in base) for e in day.entries))
        return cls(schedule, tuple(days))

    def personal(self, sessions: tuple[str, ...]) -> tuple[tuple[str, ...], Schedule, tuple[str, ...]]:
        """(the ids kept, the plenary programme plus what ``sessions`` names by id, title
        or track, the names that match nothing)."""
        wanted = {s.casefold() for s in sessions}
        found: set[str] = set()
        days, ids = [], []
        for day, entries in zip(self.schedule.days, self.days):
            keep = []
            for entry, names, everyone in entries:
                hit = names & wanted
                found |= hit
                if hit or everyone:
                    keep.append(entry)
                    ids.append(entry.id)
            days.append(replace(day, entries=tuple(keep)))
        missing = tuple(s for s in sessions if s.casefold() not in found)
        return tuple(ids), replace(self.schedule, days=tuple(days)), missing


def personal_schedule(schedule: Schedule, sessions: tuple[str, ...]) -> tuple[Schedule, tuple[str, ...]]:
    """The plenary programme plus the entries ``sessions`` names (by id, title or track,
    case ignored), and the names that match nothing."""
    _, mine, missing = Programme.of(schedule).personal(sessions)
    return mine, missing


class Back(NamedTuple):
    """A badge's back: its form, the card layout's warnings, and whether days were left off
    (the days need a card each; a back shows the first)."""

    form: Form
    warnings: tuple[str, ...]
    days_left_off: bool


def _back_form(schedule: Schedule, size: tuple[float, float], clock: str, name: str,
               inline: bool = False) -> Back:
    """The back of a badge: the first timetable card of ``schedule`` in a ``size`` cell less
    its safe margin, as a form named ``name``, with the card layout's warnings (and one
    when the days need more cards than a badge has backs)."""
    w, h = size
    cards = layout_cards(schedule, (w - 2 * SAFE, h - 2 * SAFE), clock, 0.0)
    warnings = list(cards.warnings)
    if len(cards.cards) > 1:
        left = [c.subtitle for c in cards.cards[1:]]
        warnings.append(f"{schedule.source or 'schedule'}: warning: badges: the backs show "
                        f"{cards.cards[0].subtitle} only; left off: {', '.join(left)} "
                        "(--day chooses the day)")
    # the card inside the safe margin: its header band too stays off the cut
    items = tuple(moved(card_items(cards.cards[0], None, 0.0), SAFE, SAFE))
    return Back(Form(name, (0, 0, w, h), items, inline), tuple(warnings), len(cards.cards) > 1)


def _key(ids: tuple[str, ...]) -> str:
    """A short name for a personal programme: a digest of the ids of what it keeps."""
    return hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------------------
# Sheets


def badge_meta(schedule: Schedule, options: BadgeOptions) -> Meta:
    """The badges' document information, with the viewer preferences a print dialog reads:
    no scaling (the stock's geometry is exact), duplex over the chosen edge."""
    meta = card_meta(schedule, "name badges")
    duplex = "Simplex" if options.fold else (
        "DuplexFlipLongEdge" if options.flip == "long" else "DuplexFlipShortEdge")
    return replace(meta, viewer=(("PrintScaling", "None"), ("Duplex", duplex)))


def badge_warnings(schedule: Schedule, attendees: tuple[Attendee, ...],
                   options: BadgeOptions) -> list[str]:
    """What the badges leave out or shorten, as ``file:line: warning:`` lines (made by
    walking the same layout as :func:`badge_pages`)."""
    out: list[str] = []
    for _page in badge_pages(schedule, attendees, options, out):
        pass
    return out


def badge_pages(schedule: Schedule, attendees: tuple[Attendee, ...], options: BadgeOptions,
                warnings: list[str] | None = None) -> Iterator[Page]:
    """The badge sheets one by one: a sheet of fronts, then (duplex) the sheet of their
    backs; with ``fold``, one sheet with both. ``warnings``, if given, collects what was
    shortened or left out."""
    said: set[str] = set()  # each warning once (thousands of backs repeat the same)

    def note(line: str) -> None:
        if warnings is not None and line not in said:
            said.add(line)
            warnings.append(line)

    stock = options.stock
    w, h = stock.label
    panel = (w, h / 2) if options.fold else (w, h)
    try:
        shown = day_schedule(schedule, options.day)
        common, card_warnings, left_off = _back_form(shown, panel, options.clock, "badge-back")
        if len(shown.days) > 1 and left_off:
            # the days need a card each and a back shows the first: so do personal backs
            shown = replace(shown, days=shown.days[:1])
    except CardSizeError as exc:
        raise UserError(f"badge backs: {exc}") from None
    for line in card_warnings:
        note(line)
    colours = dict(schedule.theme.colors)
    title = schedule.event.title
    programme = Programme.of(shown) if options.personal else None
    backs: dict[tuple[str, ...], Back] = {}
    fronts_at = stock.cells()
    backs_at = stock.back_cells(options.flip)
    dx, dy = options.offset[0] * mm, options.offset[1] * mm
    per = stock.per_sheet
    for start in range(0, len(attendees), per):
        batch = attendees[start:start + per]
        front_items: list[Item] = []
        back_items: list[Item] = []
        for n, attendee in enumerate(batch):
            index = start + n
            front = badge_front(attendee, panel, title, role_colour(attendee.role, colours),
                                options.logo, options.qr)
            where = attendee.where or ""
            for what in front.shortened:
                note(f"{where}: warning: badge of {attendee.name!r}: {what}")
            form = Form(f"badge{index}", (0, 0, panel[0], panel[1]), front.items, inline=True)
            back = common
            if options.personal and attendee.sessions:
                ids, mine, missing = programme.personal(attendee.sessions)
                for name in missing:
                    note(f"{where}: warning: badge of {attendee.name!r}: no session, track "
                         f"or title {name!r} in the schedule")
                if ids not in backs:  # attendees who chose alike share one back
                    if len(backs) >= KEPT_BACKS:  # memory stays flat; a back made again is
                        del backs[next(iter(backs))]  # the same form (named by its ids)
                    # drawn in place: a form per programme would stay in memory to the end
                    backs[ids] = _back_form(mine, panel, options.clock, f"back-{_key(ids)}",
                                            inline=True)
                    for line in backs[ids].warnings:
                        if line not in card_warnings:
                            note(line)
                back = backs[ids].form
            x, y = fronts_at[n]
            if options.fold:
                front_items.append(Place(form, x, y))
                front_items.append(Place(back, x + w, y + h, 180.0))
                front_items.append(Rule(x + SAFE, y + h / 2, x + w - SAFE, y + h / 2,
                                        MUTED, 0.4, (3.0, 2.0)))
            else:
                front_items.append(Place(form, x, y))
                bx, by = backs_at[n]
                back_items.append(Place(back, bx + dx, by + dy))
        if stock.crop_marks:
            for x, y in fronts_at[:len(batch)]:
                front_items += crop_marks(x, y, w, h, 0.0)
        yield Page(stock.sheet, tuple(front_items))
        if not options.fold:
            yield Page(stock.sheet, tuple(back_items))



def calibration_pages(stock: Stock, flip: str = "long") -> tuple[Page, Page]:
    """A sheet to measure a printer with, printed duplex on plain paper: the front has every
    cut outlined (dashed, to hold against a sheet of the stock) with a cross at each
    cell's centre and millimetre rulers along the top and left edges; the back has, behind
    each cross, scales from -5 to +5 mm. Held to the light, the front's cross shows on the
    back's scales how far the back is off: that reading is ``--offset X,Y``."""
    sheet_w, sheet_h = stock.sheet
    w, h = stock.label
    front: list[Item] = []
    for x, y in stock.cells():
        front.append(Box(x, y, w, h, stroke=MUTED, line_width=0.3))
        cx, cy = x + w / 2, y + h / 2
        front += [Rule(cx - 4 * mm, cy, cx + 4 * mm, cy, "#000000", 0.3),
                  Rule(cx, cy - 4 * mm, cx, cy + 4 * mm, "#000000", 0.3)]
    front += _rulers(sheet_w, sheet_h)
    front.append(text_line(f"{stock.name}: front. Print both sides at 100 % (no scaling), "
                           f"{flip}-edge flip.", 20 * mm, sheet_h / 2 + 4 * mm, REGULAR, 8,
                           MUTED))
    front.append(text_line("Outlines are the cuts; hold against a sheet of the stock to see "
                           "the printer's shift.", 20 * mm, sheet_h / 2 - 2 * mm, REGULAR,
                           8, MUTED))
    back: list[Item] = []
    for x, y in stock.back_cells(flip):
        cx, cy = x + w / 2, y + h / 2
        back += _scale(cx, cy)
    back.append(text_line("Back. Hold to the light: where the front's cross falls on these "
                          "scales (mm, as you read this side) is --offset X,Y.", 10 * mm,
                          12 * mm, REGULAR, 7, MUTED))
    return Page(stock.sheet, tuple(front)), Page(stock.sheet, tuple(back))


def _rulers(sheet_w: float, sheet_h: float) -> list[Item]:
    """Millimetre ticks along the top edge (from the left) and the left edge (from the
    top), numbered every 10 mm, starting 5 mm in (where a printer can print)."""
    out: list[Item] = []
    for n in range(5, int(sheet_w / mm) - 4):
        tick = 3 * mm if n % 10 == 0 else 1.5 * mm if n % 5 == 0 else 0.8 * mm
        x = n * mm
        out.append(Rule(x, sheet_h - 5 * mm, x, sheet_h - 5 * mm - tick, "#000000", 0.2))
        if n % 10 == 0:
            out.append(text_line(str(n), x, sheet_h - 11 * mm, REGULAR, 5, MUTED, "center"))
    for n in range(5, int(sheet_h / mm) - 4):
        tick = 3 * mm if n % 10 == 0 else 1.5 * mm if n % 5 == 0 else 0.8 * mm
        y = sheet_h - n * mm
        out.append(Rule(5 * mm, y, 5 * mm + tick, y, "#000000", 0.2))
        if n % 10 == 0:
            out.append(text_line(str(n), 9 * mm, y - 1.8, REGULAR, 5, MUTED))
    return out


def _scale(cx: float, cy: float) -> list[Item]:
    """Scales from -5 to +5 mm through (cx, cy), one across and one up."""
    out: list[Item] = [Rule(cx - 5.5 * mm, cy, cx + 5.5 * mm, cy, "#000000", 0.2),
                       Rule(cx, cy - 5.5 * mm, cx, cy + 5.5 * mm, "#000000", 0.2)]
    for n in range(-5, 6):
        tick = 1.6 * mm if n % 5 == 0 else 0.8 * mm
        out.append(Rule(cx + n * mm, cy, cx + n * mm, cy - tick, "#000000", 0.2))
        out.append(Rule(cx, cy + n * mm, cx - tick, cy + n * mm, "#000000", 0.2))
        if n and n % 5 == 0:
            out.append(text_line(f"{n:+d}", cx + n * mm, cy - 3.8 * mm, REGULAR, 4.5, MUTED,
                                 "center"))
            out.append(text_line(f"{n:+d}", cx + 1 * mm, cy + n * mm - 1.5, REGULAR, 4.5, MUTED))
    return out
