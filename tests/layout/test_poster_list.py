"""The booklet's poster sessions: a compact list in columns by board number, every author in
the speaker index, QR codes only with ``theme.poster_qr``; the grid's one cell with its
count in the event's language; board numbers prefixed by session with
``theme.poster_board_prefix``."""
from __future__ import annotations

from program.build import checked
from program.layout.book import booklet_pages
from program.layout.frames import QR, Anchor, text_of
from program.layout.posters import booklet_posters, poster_label
from program.language import Language
from program.options import Options
from program.sources.yaml_schedule import loads

AUTHORS = [("Ada Lovelace", "Analytical Engines"), ("Alan Turing", "Bletchley Park"),
           ("Grace Hopper", "US Navy"), ("Katherine Johnson", "NASA"),
           ("Edsger Dijkstra", "TU Eindhoven")]


def schedule_yaml(theme: str = "", posters: int = 12) -> str:
    """Two poster sessions (the first numbered by the reader, with one board given out of
    order; the second with given plain numbers) around a talk."""
    talks = []
    for i in range(posters):
        name, aff = AUTHORS[i % len(AUTHORS)]
        other, aff2 = AUTHORS[(i + 2) % len(AUTHORS)]
        board = '\n            board: "40"' if i == 3 else ""
        talks.append(f'          - title: Poster number {i + 1} on learned systems{board}\n'
                     f'            speakers: ["{name}, {aff}", "{other}, {aff2}"]\n'
                     f'            url: https://example.org/posters/{i + 1}')
    return (f"event:\n  title: Posters Workshop\n  url: https://example.org/\n{theme}days:\n"
            "  - date: 2025-05-06\n    items:\n      - time: 09:00-10:00\n        title: A talk\n"
            "        speakers: Barbara Liskov, MIT\n"
            "      - session: Poster session\n        time: 15:00-16:30\n        kind: poster\n"
            "        talks:\n" + "\n".join(talks) + "\n"
            "      - session: Late posters\n        time: 17:00-18:00\n        kind: poster\n"
            "        talks:\n          - title: The late one\n            board: \"7\"\n"
            "            speakers: Radia Perlman, Radia Labs\n")


def build(text: str):
    schedule, problems = checked(loads(text))
    assert not [p for p in problems if p.severity == "error"]
    opts = Options(paper="a5", clock="24h", qr=schedule.theme.qr)
    return schedule, booklet_pages(schedule, opts)[0]


def session_pages(schedule, pages):
    """The pages that list the first poster session's posters."""
    ids = {"talk-" + t.id for t in schedule.days[0].entries[1].items}
    return [p for p in pages if ids & {i.name for i in p.items if isinstance(i, Anchor)}]


def test_posters_are_listed_by_board_number_with_authors_and_affiliations():
    schedule, pages = build(schedule_yaml())
    session = schedule.days[0].entries[1]
    ordered = booklet_posters(session)
    assert [t.board for t in ordered][-1] == "40"  # the given board, after the numbered ones
    text = " ".join(" ".join(text_of(session_pages(schedule, pages))).split())
    places = [text.index(f"{t.board} {t.title}") for t in ordered]
    assert places == sorted(places)
    for t in ordered:
        for p in t.speakers:
            assert f"{p.name} ({p.affiliation})" in text


def test_posters_sit_in_columns():
    schedule, pages = build(schedule_yaml())
    xs = set()
    for page in session_pages(schedule, pages):
        xs |= {round(i.x) for i in page.items if isinstance(i, Anchor) is False
               and getattr(i, "runs", None) and i.runs[0][0].startswith("Poster number")}
    assert len(xs) >= 2  # the A5 page holds two columns of posters


def test_every_author_is_in_the_speaker_index():
    schedule, pages = build(schedule_yaml())
    index = [p for p in pages if "Speakers and chairs" in text_of([p])[0]]
    text = " ".join(" ".join(text_of(index)).split())
    for talk in schedule.talks():
        for person in talk.speakers:
            family = person.name.split()[-1]
            assert f"{family}, {person.name.split()[0]}" in text


def test_qr_codes_only_when_asked():
    schedule, pages = build(schedule_yaml())
    poster_urls = {t.url for t in schedule.days[0].entries[1].items}
    assert not [q for p in pages for q in p.items if isinstance(q, QR) and
                any(q.alt.endswith(t.title) for t in schedule.days[0].entries[1].items)]
    schedule, pages = build(schedule_yaml("theme:\n  poster_qr: true\n"))
    codes = [q for p in session_pages(schedule, pages) for q in p.items if isinstance(q, QR)]
    assert len(codes) == len(poster_urls)


def test_grid_cell_counts_posters_in_the_events_language():
    schedule, pages = build(schedule_yaml())
    session = schedule.days[0].entries[1]
    n = len(session.items)
    assert poster_label(session) == f"Poster session · {n} posters"
    assert f"Poster session · {n} posters" in " ".join(text_of(pages))
    late = schedule.days[0].entries[2]
    assert poster_label(late) == "Late posters · 1 poster"
    # Polish has three plural forms: 1 plakat, 2-4 plakaty, 5+ plakatów
    assert poster_label(late, Language("pl")) == "Late posters · 1 plakat"
    assert poster_label(session, Language("pl")).endswith(f"{n} plakatów")
    assert poster_label(session, Language("de")) == f"Poster session · {n} Poster"
    own = Language("en", (("{title} · {count} posters", "{title}: {count} boards"),))
    assert poster_label(session, own) == f"Poster session: {n} boards"


def test_board_numbers_prefixed_by_session_when_asked():
    plain, _ = build(schedule_yaml())
    boards = [[t.board for t in s.items] for s in plain.days[0].entries[1:]]
    assert boards[1] == ["7"] and "40" in boards[0] and "1" in boards[0]
    prefixed, pages = build(schedule_yaml("theme:\n  poster_board_prefix: true\n"))
    again = [[t.board for t in s.items] for s in prefixed.days[0].entries[1:]]
    assert again == [["A" + b for b in boards[0]], ["B7"]]
    assert "B7 The late one" in " ".join(" ".join(text_of(pages)).split())
