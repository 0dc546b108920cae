"""Rich text: Markdown, HTML and plain text read into one model, written back as Markdown,
and set into lines (on frames, without a PDF)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from program.fonts import BOLD, BOLD_ITALIC, ITALIC, MONO, REGULAR, width
from program.layout.richtext import set_rich
from program.model import CodeBlock, ListItem, Paragraph, RichText, Run, TextList
from program.sources.richtext import from_markdown, parse, parsed_markdown, sniff, to_markdown


def para(*runs: Run | str) -> Paragraph:
    return Paragraph(tuple(Run(r) if isinstance(r, str) else r for r in runs))


def bullets(*items: tuple) -> TextList:
    return TextList(tuple(ListItem(tuple(blocks)) for blocks in items))


# Each pair says the same thing in Markdown (pretalx) and HTML (pentabarf/FOSDEM).
SAME = [
    ("Plain *words* and **strong** and `code`.",
     "<p>Plain <em>words</em> and <strong>strong</strong> and <code>code</code>.</p>"),
    ("A [link](https://example.org/a) in it.",
     '<p>A <a href="https://example.org/a">link</a> in it.</p>'),
    ("First paragraph\nwrapped in the source.\n\nSecond.",
     "<p>First paragraph\nwrapped   in the source.</p>\n<p>Second.</p>"),
    ("- one\n- two\n  - nested\n- three",
     "<ul><li>one</li><li>two<ul><li>nested</li></ul></li><li>three</li></ul>"),
    ("3. third\n4. fourth", '<ol start="3"><li>third</li><li>fourth</li></ol>'),
    ("Line  \nbreak", "Line<br>break"),
    ("A & B, 1 < 2", "<p>A &amp; B, 1 &lt; 2</p>"),
    ("***both***", "<p><strong><em>both</em></strong></p>"),
    ("```\nx = 1\n  y\n```", "<pre>x = 1\n  y</pre>"),
    ("## Heading\nText", "<h2>Heading</h2><p>Text</p>"),
]


@pytest.mark.parametrize("markdown, html", SAME)
def test_markdown_and_html_give_the_same_model(markdown, html):
    assert parse(markdown, "markdown") == parse(html, "html")
    assert sniff(html) == "html"
    if sniff(markdown) == "markdown":  # (else plain text, whose lines are kept)
        assert parse(markdown) == parse(html)


def test_the_model_of_a_nested_list():
    assert parse("- one\n- two **b**\n  - nested\n\nAfter.", "markdown") == RichText((
        bullets((para("one"),),
                (para("two ", Run("b", strong=True)), bullets((para("nested"),)))),
        para("After.")))


def test_html_entities_and_no_break_spaces():
    rich = parse("<p>Fish &amp; chips&nbsp;&nbsp;for &lt;two&gt; &#8212; &#x2192; &quot;ok&quot;</p>",
                 "html")
    assert rich.plain() == "Fish & chips\u00a0\u00a0for <two> — → \"ok\""


def test_crlf_and_soft_breaks_are_spaces_hard_breaks_are_kept():
    rich = parse("one\r\ntwo  \r\nthree\r\n\r\nfour", "markdown")
    assert rich == RichText((para("one two", "\n", "three"), para("four")))


def test_text_that_only_looks_like_a_tag_is_text():
    for syntax in ("markdown", "html"):
        assert parse("x < y > z & <T> and <with brackets>.", syntax).plain() == \
            "x < y > z & <T> and <with brackets>."


def test_scripts_styles_and_comments_are_not_text():
    rich = parse("<p>shown<script>alert(1)</script><style>p{}</style><!-- note --></p>", "html")
    assert rich.plain() == "shown"


def test_links_keep_what_the_source_says():
    """Readers keep every link (checks warn; products print only safe ones)."""
    for text in ("[mirror](dat://peer.example/x)", '<a href="dat://peer.example/x">mirror</a>'):
        (run,) = parse(text).blocks[0].runs
        assert (run.text, run.url) == ("mirror", "dat://peer.example/x")


def test_stray_list_items_and_unclosed_tags():
    rich = parse("<li>one<li>two</ul><p>open <b>bold", "html")
    assert rich == RichText((bullets((para("one"),), (para("two"),)),
                             para("open ", Run("bold", strong=True))))


def test_markdown_tables_become_lines_of_cells():
    rich = parse("| a | b |\n|---|---|\n| 1 | 2 |", "markdown")
    assert rich.plain() == "a · b\n\n1 · 2"


def test_sniff():
    assert sniff("<p>x</p>") == "html"
    assert sniff("a &amp; b") == "html"
    assert sniff("**bold** with <br> inside") == "markdown"
    assert sniff("see [docs](https://example.org)") == "markdown"
    assert sniff("- a\n- b") == "markdown"
    assert sniff("Line one & more.\nLine two <with brackets>.") == "plain"
    assert sniff("Indented lines:\n\n    not code in a plain text") == "plain"


def test_plain_text_keeps_its_lines_and_paragraphs():
    rich = parse("Room 1\n    Room 2\n\nLater", "plain")
    assert rich == RichText((para("Room 1", "\n", "Room 2"), para("Later")))
    assert rich.plain() == "Room 1\nRoom 2\n\nLater"


def test_empty_text_is_none():
    for text in ("", "  \n ", "<p></p>", "<p>&nbsp;</p>"):
        assert parse(text) is None


def test_plain_form_of_lists():
    rich = parse("Intro\n\n1. a\n2. b\n   - c\n\n```\ncode\n```", "markdown")
    assert rich.plain() == "Intro\n\n1. a\n2. b\n  • c\n\ncode"


def test_markdown_written_back_reads_the_same_and_stays_readable():
    for markdown, html in SAME:
        rich = parse(html, "html")
        assert parse(to_markdown(rich), "markdown") == rich
    assert to_markdown(parse("<p>A <b>bold</b> <a href='https://e.org/a'>link</a></p>")) == \
        "A **bold** [link](https://e.org/a)"


_TEXT = st.text(alphabet="ab *_`[]()<>&#-+1.!\\|~\u00a0é", min_size=1, max_size=10)
_RUNS = st.lists(st.builds(Run, _TEXT, st.booleans(), st.booleans(), st.booleans(),
                           st.sampled_from([None, "https://e.org/a", "https://e.org/(b)"])),
                 min_size=1, max_size=5)


@st.composite
def _rich(draw, depth: int = 0) -> RichText:
    """Rich text as a reader makes it (normalised by reading its HTML form)."""
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.integers(0, 2 if depth < 2 else 0))
        if choice == 0:
            blocks.append(Paragraph(tuple(draw(_RUNS))))
        elif choice == 1:
            blocks.append(CodeBlock(draw(st.text(alphabet="ab `~\n<>&", min_size=1, max_size=12))))
        else:
            items = [ListItem(draw(_rich(depth + 1)).blocks) for _ in range(draw(st.integers(1, 2)))]
            blocks.append(TextList(tuple(items), draw(st.booleans()), draw(st.integers(1, 12))))
    return RichText(tuple(blocks))


def _html(rich: RichText) -> str:
    """The HTML of rich text built by hand (so the property also covers the HTML reader)."""
    from html import escape

    def block(b) -> str:
        if isinstance(b, CodeBlock):
            return f"<pre>{escape(b.text)}</pre>"
        if isinstance(b, TextList):
            tag = "ol" if b.ordered else "ul"
            items = "".join("<li>" + "".join(block(x) for x in item.blocks) + "</li>"
                            for item in b.items)
            return f'<{tag} start="{b.start}">{items}</{tag}>'
        out = ""
        for run in b.runs:
            text = escape(run.text)
            for flag, tag in ((run.code, "code"), (run.emphasis, "em"), (run.strong, "b")):
                text = f"<{tag}>{text}</{tag}>" if flag else text
            out += f'<a href="{escape(run.url)}">{text}</a>' if run.url else text
        return f"<p>{out}</p>"

    return "".join(block(b) for b in rich.blocks)


@settings(max_examples=300, deadline=None)
@given(_rich())
def test_markdown_round_trip_property(drawn):
    rich = parse(_html(drawn), "html")
    if rich is not None:
        assert parse(to_markdown(rich), "markdown") == rich


# -- layout ---------------------------------------------------------------------------------

def _texts(lines) -> list[str]:
    return ["".join(r[0] for r in line.line.runs) for line in lines]


def test_styles_become_faces_and_links_become_areas():
    rich = parse("**b** *i* ***bi*** `c` [safe](https://e.org/) [unsafe](javascript:x)",
                 "markdown")
    (line,) = set_rich(rich, 400, 10).lines
    fonts = {text.strip(): font for text, font, _ in line.line.runs}
    assert fonts["b"] == BOLD and fonts["i"] == ITALIC and fonts["bi"] == BOLD_ITALIC
    assert fonts["c"] == MONO
    assert [url for _, _, url in line.links] == ["https://e.org/"]
    x0, x1, _ = line.links[0]
    runs = line.line.runs
    before = sum(width(t, f, 10) for t, f, _ in runs[:[r[0].strip() for r in runs].index("safe")])
    assert x0 == pytest.approx(before) and x1 > x0
    colours = {text.strip(): colour for text, _, colour in runs}
    assert colours["safe"] == "accent"
    assert "unsafe" in "".join(t for t, _, _ in runs)  # printed, without a link


def test_list_items_are_indented_with_hanging_markers():
    rich = parse("Intro text\n\n- first item that is long enough to wrap onto a second line\n"
                 "  - nested\n\n7. seven", "markdown")
    lines = set_rich(rich, 150, 10).lines
    texts = _texts(lines)
    assert texts[0] == "Intro text" and "•" in texts and "7." in texts
    intro = lines[0].x
    first = lines[texts.index("•") + 1]
    wrapped = lines[texts.index("•") + 2]
    nested = lines[texts.index("nested")]
    assert lines[texts.index("•")].x < first.x == wrapped.x  # the marker hangs in the indent
    assert intro < first.x < nested.x
    assert wrapped.top > first.top and lines[texts.index("•")].top == first.top
    assert all(line.x + line.line.width <= 150 + 1e-6 for line in lines)


def test_paragraphs_are_spaced_and_breaks_are_lines():
    lines = set_rich(parse("one\\\ntwo\n\nthree", "markdown"), 300, 10).lines
    assert _texts(lines) == ["one", "two", "three"]
    assert lines[2].top - lines[1].top > lines[1].top - lines[0].top


def test_code_blocks_keep_their_lines_in_the_mono_face():
    lines = set_rich(parse("```\ndef f():\n    return 1\n```", "markdown"), 300, 10).lines
    assert _texts(lines) == ["def f():", "    return 1"]
    assert {font for line in lines for _, font, _ in line.line.runs} == {MONO}


def test_a_link_that_is_not_http_is_a_warning_not_an_error():
    from program.checks import ERROR, WARNING
    from program.prepare import checked
    from program.sources.yaml_schedule import loads

    def check(schedule):  # the checks and the prepare step, as `program check` runs them
        return checked(schedule)[1]

    schedule = loads("event: {title: T}\ndays:\n  - date: 2024-01-01\n    items:\n"
                     "      - {time: 9:00-10:00, title: A, kind: talk, url: 'https://e.org/a',\n"
                     "         abstract: 'See [the mirror](dat://peer/x) and [docs](https://e.org/d)'}\n",
                     "s.yaml")
    problems = [p for p in check(schedule) if "dat://peer/x" in p.message]
    assert [(p.severity, p.where.line) for p in problems] == [(WARNING, 5)]
    assert not [p for p in check(schedule) if p.severity == ERROR]
    assert "https://e.org/d" not in " ".join(p.message for p in check(schedule))


def test_a_link_in_two_faces_is_one_area_without_its_trailing_space():
    rich = parse("Go [to **the** docs](https://e.org/d) now", "markdown")
    (line,) = set_rich(rich, 400, 10).lines
    ((x0, x1, url),) = line.links
    linked = "".join(t for t, _, c in line.line.runs if c == "accent")
    assert linked.rstrip() == "to the docs" and url == "https://e.org/d"
    assert x1 - x0 == pytest.approx(sum(width(t, f, 10) for t, f, c in line.line.runs
                                        if c == "accent") - width(" ", REGULAR, 10))


@pytest.mark.parametrize("syntax", ["html", "markdown", "plain"])
def test_unicode_line_and_paragraph_separators_inside_a_paragraph_are_spaces(syntax):
    # U+2028 in a FOSDEM description reached the page as a glyph no font has
    rich = parse("said: \u2028 the zones\u2029and more", syntax=syntax)
    text = "".join(run.text for run in rich.runs())
    assert "\u2028" not in text and "\u2029" not in text and "\n" not in text
    assert "said: the zones" in text


# --- text without Markdown syntax: read without the parser, to the parser's value ----------

#: characters and pieces around the signs the shortcut must notice (or may let through):
#: markers at a line's start or inside it, entities and what only looks like one, autolinks
#: and bare URLs, hard breaks, indents, and the many kinds of space markdown-it trims or not
_NEAR_SYNTAX = (list("ab1 \n*_<>&`[]()#-+=~.)!|\\\t\r\0;:/%@$^{}'\"\u00a0\u2003\u3000\u1680"
                     "\u202f\x0b\x0c\x1c\x1f\x85\u2028\u2029\ufeff\u200bé—×\x01\x7f")
                + ["http://x.org/a_b", "<http://x.org>", "www.x.org", "a@b.org", "<a@b.org>",
                   "&amp;", "&amp", "&#1;", "&#x41;", "&x", "& ", "1.", "1.5", "12)", "2019 ",
                   "- ", "* ", "+ ", "> ", "# ", "#1", "---", "===", "~~", "~", "```", "    ",
                   "  \n", " \n", "\n\n", "\n \n", "x\n ", "a_b", "**", "[a](b)", "[a]: b"])


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_NEAR_SYNTAX), max_size=40).map("".join),
                 st.text(max_size=80)))
def test_text_without_markdown_syntax_reads_as_the_parser_reads_it(text):
    assert from_markdown(text) == parsed_markdown(text)


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "plain words", "  indented three\nnext", "    four: code",
    "a\n    lazy continuation", "*", "_", "<", "&", "`", "[", "#", "- item", "1. item",
    "3) item", "12 monkeys", "2019. A year", "A & B; C", "x&amp;y", "x &copy y", "&#38;",
    "two  \nlines", "trailing  ", "~single~", "~~struck~~", "see https://example.org/a_b",
    "<https://example.org>", "a\n===", "a\n---", "a > b\n> quote", "tab\there", "\u00a0nbsp\u00a0",
    "\u2003em\u2003\n\n\u3000", "x\x1c", "end\u3000\x1c", "\x85start", "cr\rlf", "nul\0",
    "one\n\n\n  two\n \n three", "q: who? a: you! 100% $5 @me {x} ^y"])
def test_texts_near_markdown_syntax_read_as_the_parser_reads_them(text):
    assert from_markdown(text) == parsed_markdown(text)
