"""Rich text on the booklet's session pages: a pentabarf (HTML) and a pretalx (Markdown)
abstract, each with lists, emphasis, code and links, set with faces, indents and clickable
links, and not one markup character in the text layer."""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from program.build import Settings, build
from program.sources.registry import load_schedule

from pdftools import links, normalized, page_texts, text_in

FIXTURES = Path(__file__).parent.parent / "fixtures" / "richtext"
SOURCES = ["penta-html.xml", "pretalx-markdown.json"]
#: HTML and Markdown a reader should never see (the shape ``realworld.py`` counts, and more)
MARKUP = re.compile(r"</?(?:p|a|ul|ol|li|br|strong|em|b|i|code|pre|span|div|h\d)\b[^>]*>"
                    r"|\]\(|\*\*|__|`|&(?:nbsp|amp|lt|gt|quot|#\d+);|^\s*#{1,6} |^\s*[-*] ",
                    re.I | re.M)


@pytest.fixture(scope="module", params=SOURCES)
def booklet(request, tmp_path_factory) -> tuple[Path, Path]:
    source = FIXTURES / request.param
    result = build(str(source), Settings(out_dir=tmp_path_factory.mktemp("out"),
                                         products=("booklet",)))
    return source, result.files[0][0]


def _talk_page(pdf: Path) -> int:
    return next(i for i, text in enumerate(page_texts(pdf)) if "bpftrace" in text)


def _words(pdf: Path, page: int) -> list[dict]:
    with pdfplumber.open(str(pdf)) as doc:
        return doc.pages[page].extract_words(extra_attrs=["fontname", "size"])


def _word(words: list[dict], text: str) -> dict:
    return next(w for w in words if w["text"].strip(",.") == text)


def test_no_markup_reaches_the_page(booklet):
    source, pdf = booklet
    text = "\n".join(page_texts(pdf))
    assert MARKUP.findall(text) == []
    plain = next(load_schedule(str(source)).talks()).abstract.plain()
    for paragraph in plain.split("\n\n"):  # every word of the abstract is printed
        assert normalized(paragraph.replace("• ", "")) in normalized(text.replace("•", ""))


def test_emphasis_strong_and_code_are_set_in_their_faces(booklet):
    _, pdf = booklet
    words = _words(pdf, _talk_page(pdf))
    assert _word(words, "hackers")["fontname"].endswith("NotoSans-Bold")
    assert _word(words, "carefully")["fontname"].endswith("NotoSans-Italic")
    assert _word(words, "bpftrace")["fontname"].endswith("NotoSansMono-Regular")
    assert _word(words, "perf")["fontname"].endswith("NotoSans-Bold")
    assert _word(words, "Tools")["fontname"].endswith("NotoSans-Regular")


def test_lists_are_indented_with_markers(booklet):
    _, pdf = booklet
    words = _words(pdf, _talk_page(pdf))
    bullets = [w for w in words if w["text"] == "•"]
    assert len(bullets) >= 3
    body = _word(words, "Tools")["x0"]
    nested = _word(words, "nested:")
    third, fourth = _word(words, "third"), _word(words, "fourth")
    numbers = [w["text"] for w in words if re.fullmatch(r"\d+\.", w["text"])]
    assert numbers == ["3.", "4."]  # the numbered list counts from its start
    assert min(b["x0"] for b in bullets) >= body - 0.5
    assert nested["x0"] > min(b["x1"] for b in bullets)  # the nested item is indented further
    assert third["x0"] > body and third["top"] < fourth["top"]


def test_links_are_clickable_only_when_safe(booklet):
    _, pdf = booklet
    page = _talk_page(pdf)
    uris = [link for link in links(pdf) if link.uri and link.page == page]
    docs = [link for link in uris if link.uri == "https://kernel.example.org/docs"]
    assert len(docs) == 1
    assert normalized(text_in(pdf, page, docs[0].rect)) in ("the kernel docs", "kernel docs")
    assert not any(link.uri.startswith("dat:") for link in uris)
    assert "peer-to-peer mirror" in page_texts(pdf)[page]  # its text is printed


def test_line_breaks_start_lines_and_source_breaks_are_spaces(booklet):
    source, pdf = booklet
    text = page_texts(pdf)[_talk_page(pdf)]
    lines = [line.strip() for line in text.splitlines()]
    if source.suffix == ".xml":
        assert "First line" in lines and any(x.startswith("second line <not a tag>") for x in lines)
    else:
        assert "A line" in lines and "with a hard break and" in lines
        # "carefully\r\nchosen" in the source is one line on the page
        assert any("carefully chosen" in x for x in lines)


def test_description_is_printed_after_the_abstract_and_session_descriptions_are_rich(tmp_path):
    src = tmp_path / "d.yaml"
    src.write_text("event: {title: T}\ndays:\n  - date: 2024-01-01\n    items:\n"
                   "      - session: Morning\n        time: 9:00-10:00\n"
                   "        description: 'Chaired, with **[notes](https://e.org/notes)**'\n"
                   "        talks:\n"
                   "          - {time: 9:00-10:00, title: A, kind: talk, url: 'https://e.org/a',\n"
                   "             abstract: 'The *abstract*.', description: '- more\n\n- details'}\n",
                   encoding="utf-8")
    pdf = build(str(src), Settings(out_dir=tmp_path, products=("booklet",))).files[0][0]
    page = next(i for i, text in enumerate(page_texts(pdf)) if "The abstract." in text)
    text = page_texts(pdf)[page]
    assert text.index("Chaired, with notes") < text.index("The abstract.") < text.index("• more")
    assert MARKUP.findall(text) == []
    assert "https://e.org/notes" in [link.uri for link in links(pdf) if link.page == page]
    assert _word(_words(pdf, page), "notes")["fontname"].endswith("NotoSans-Bold")
