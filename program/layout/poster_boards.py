"""Poster-board signs as pages of frames: one page per poster of every poster session, to
pin on its board. Pure: measured with font metrics, no canvas.

``poster_board_pages(schedule, paper, want_qr) -> (pages, warnings)``. Each page (the
paper's sheet, portrait): the board number huge at the top, the session and its time, the
poster's title, its authors with their affiliations, and a QR code to the poster's page
(its URL) when it has one and QR codes are wanted. Titles shrink to fit; nothing is cut
but an author list longer than the page, which is named in a warning.
"""
from __future__ import annotations

from program.checks import safe_url
from program.fonts import BOLD, REGULAR
from program.layout.frames import Item, Link, Meta, Page, Role, fitted_lines, inks, qr_item, qr_side, text_line
from program.layout.grid import span_label
from program.layout.labels import day_label
from program.layout.palette import ACCENT, MUTED, TEXT
from program.layout.paper import mm, sheet_for
from program.layout.posters import board_key
from program.layout.textfit import Block, Span, fit, fit_uncut
from program.model import Kind, Schedule, Session, Talk

MARGIN = 18 * mm
BOARD_SIZE = 160.0
QR_MIN_SIDE, QR_MODULE = 30 * mm, 0.6 * mm


def posters(schedule: Schedule) -> list[tuple[Session, Talk]]:
    """Every poster (a talk with a board number, or of kind poster in a session of kind
    poster) with its session, sessions in schedule order, posters by board number."""
    out = []
    for day in schedule.days:
        for entry in day.entries:
            if not isinstance(entry, Session):
                continue
            found = [t for t in entry.items if t.board or (
                t.kind is Kind.POSTER and entry.kind is Kind.POSTER)]
            out += [(entry, t) for t in sorted(found, key=lambda t: board_key(t.board))]
    return out


def poster_board_meta(schedule: Schedule) -> Meta:
    ev = schedule.event
    return Meta(f"{ev.title} — poster boards", ", ".join(ev.organizers) or ev.title,
                "Poster board signs", ev.language)


def poster_board_pages(schedule: Schedule, paper: str, clock: str,
                       want_qr: bool) -> tuple[tuple[Page, ...], tuple[str, ...]]:
    """One page per poster; warnings for author lists cut to fit, and one when the schedule
    has no posters (no pages: the build then writes no file)."""
    w, h = sheet_for(paper)
    pages: list[Page] = []
    warnings: list[str] = []
    if not posters(schedule):
        return (), (f"{schedule.source or 'schedule'}: warning: poster-boards: the schedule "
                    f"has no posters (talks with a board number, or in a session of kind "
                    f"poster); no poster-boards file written",)
    days = {id(e): d for d in schedule.days for e in d.entries}
    for session, talk in posters(schedule):
        out: list[Item] = []
        top = h - MARGIN
        board = talk.board or "–"
        number = fit_uncut(board, BOLD, w - 2 * MARGIN, BOARD_SIZE * 1.1, BOARD_SIZE, 60.0, 1)
        out += fitted_lines(number, MARGIN, top, {**inks(), "text": ACCENT}, role=Role.HEADING)
        top -= number.height + 6 * mm
        day = days.get(id(session))
        when = span_label(session, clock) + (f" · {day_label(schedule, day)}" if day else "")
        out.append(text_line(f"{session.title} · {when}", MARGIN, top - 14, REGULAR, 14,
                             MUTED))
        top -= 14 * mm
        url = talk.url if want_qr and talk.url and safe_url(talk.url) else None
        side = qr_side(url, QR_MIN_SIDE, QR_MODULE) if url else 0.0
        bottom = MARGIN + (side + 6 * mm if url else 0.0)
        title = fit([Block((Span(talk.title, BOLD),))], w - 2 * MARGIN, (top - bottom) * 0.5,
                    40.0, 16.0)
        out += fitted_lines(title, MARGIN, top, inks(), role=Role.HEADING)
        top -= title.height + 8 * mm
        names = [p.name + (f" ({p.affiliation})" if p.affiliation else "") for p in talk.speakers]
        if names:
            authors = fit([Block((Span(", ".join(names), REGULAR),))], w - 2 * MARGIN,
                          top - bottom, 22.0, 11.0)
            if authors.abbreviated or title.abbreviated:
                warnings.append(f"{talk.where or schedule.source or 'schedule'}: warning: "
                                f"poster board {board}: {talk.title!r} is shortened to fit")
            out += fitted_lines(authors, MARGIN, top, {**inks(), "text": TEXT})
        if url:
            x = w - MARGIN - side
            out.append(qr_item(url, x, MARGIN, QR_MIN_SIDE, QR_MODULE))
            out.append(Link((x, MARGIN, x + side, MARGIN + side), url=url))
        pages.append(Page((w, h), tuple(out)))
    return tuple(pages), tuple(warnings)
