"""Property: a generated schedule written as a web page, in any of the styles organizers use
(a table, a list, the seed's lines; front matter and prose around it), reads back the same."""
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from program.model import Person
from program.sources import html_page, markdown

FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Noémie", "Jean-Luc"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Elhadad", "van Rossum"]
ORGS = ["MIT", "Stanford University", "Google Brain", "ETH Zurich", "University of Tokyo",
        "Microsoft Research", "Facebook AI"]
WORDS = ["graphs", "robust", "learning", "of", "for", "sparse", "kernels", "on", "the", "edge",
         "compilers", "scaling", "small", "data", "with", "tensors", "privacy"]


@st.composite
def schedules(draw):
    """(date, title, [(start, end, title, speaker or None)]) with times in order."""
    n = draw(st.integers(1, 8))
    minute = draw(st.integers(7 * 60, 10 * 60)) // 5 * 5
    items = []
    for i in range(n):
        length = draw(st.sampled_from([10, 15, 20, 30, 45, 60, 90]))
        gap = draw(st.sampled_from([0, 0, 5, 15]))
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
        title = " ".join(["Talk", str(i + 1), "on"] + words)
        speaker = None
        if draw(st.booleans()):
            speaker = Person(f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}",
                             draw(st.sampled_from(ORGS)))
        start = minute + gap
        items.append((start, start + length, title, speaker))
        minute = start + length
    day = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    return day, "Workshop on " + draw(st.sampled_from(WORDS)).title(), items


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _ampm(minutes: int) -> str:
    hour, minute = divmod(minutes, 60)
    return f"{hour % 12 or 12}:{minute:02d}{'pm' if hour >= 12 else 'am'}"


def _front(day: date, title: str, toml: bool) -> str:
    if toml:
        return f'+++\ntitle = "{title}"\ndate = {day.isoformat()}\n+++\n\n'
    return f"---\ntitle: \"{title}\"\ndate: {day.isoformat()}\nlayout: page\n---\n\n"


PROSE = "Welcome! The programme below may change. See [the venue](https://example.org/).\n\n"


def as_table(day, title, items, clock) -> str:
    rows = ["| Time | Title | Speaker |", "|---|---|---|"]
    for start, end, t, who in items:
        rows.append(f"| {clock(start)} – {clock(end)} | {t} | "
                    f"{f'{who.name} ({who.affiliation})' if who else ''} |")
    return _front(day, title, False) + PROSE + "\n".join(rows) + "\n\nThanks to our sponsors.\n"


def as_list(day, title, items, clock) -> str:
    lines = []
    for start, end, t, who in items:
        rest = f", {who.name}, {who.affiliation}" if who else ""
        lines.append(f"- **{clock(start)} - {clock(end)}**: *{t}*{rest}")
    return _front(day, title, True) + "## Schedule\n\n" + PROSE + "\n".join(lines) + "\n"


def as_seed_lines(day, title, items, clock) -> str:
    out = [f"# {title}", "", f"**{day:%A, %B} {day.day}, {day.year}**", "", PROSE,
           "### Session 1: Chair Ada Lovelace, MIT"]
    for start, end, t, who in items:
        rest = f", {who.name}, {who.affiliation}" if who else ""
        out += [f"{clock(start)} - {clock(end)} &nbsp;&nbsp; Talk: *{t}*{rest}", ""]
    return "\n".join(out) + "\n---\n"


def as_html(day, title, items, clock) -> str:
    rows = "".join(f"<tr><td>{clock(s)} - {clock(e)}<td><b>{t}</b>"
                   + (f"<td>{w.name} <span class='affiliation'>({w.affiliation})</span>" if w else "<td>")
                   for s, e, t, w in items)
    return (f"<html><head><title>{title}</title></head><body><nav>Home</nav>"
            f"<p>Held on {day:%A} {day.day} {day:%B %Y}.</p><table><thead><tr><th>Time<th>Talk"
            f"<th>Speaker</thead>{rows}</table></body></html>")


STYLES = [as_table, as_list, as_seed_lines]


@settings(max_examples=60, deadline=None)
@given(schedules(), st.sampled_from(STYLES + [as_html]), st.sampled_from([_hm, _ampm]))
def test_page_reads_back_to_the_schedule(generated, style, clock):
    day, title, items = generated
    text = style(day, title, items, clock)
    schedule = html_page.loads(text) if style is as_html else markdown.loads(text)
    assert schedule.event.title == title
    assert schedule.event.date_known and [d.date for d in schedule.days] == [day]
    talks = list(schedule.talks())
    assert [(t.start.hour * 60 + t.start.minute, t.end.hour * 60 + t.end.minute, t.title,
             t.speakers[0] if t.speakers else None) for t in talks] == items, text
