"""What the text of one schedule entry says: its title, kind, speakers, links and notes.

Web pages mark up their entries instead of following one grammar: ``*Title*``, ``**Name**
· *Title*``, ``Label: *Title*, Name, Affiliation``, ``Title (Name, Affiliation)``,
``Invited Talk - [Name](url): *Title*``, ``Name, Professor, CMU``, ``Title ([video](url))``.
:func:`read_entry` reads them by their markup first (emphasis, links, quotes, a ``<span
class="affiliation">``) and by position second (what stands before the title, what after
it); a comma alone never decides. Pure: spans in, an :class:`EntryText` out; no markup
character reaches a title, name or affiliation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from program.model import Kind, Link, Person
from program.sources.naming import guess_kind
from program.sources.page import Span

_EACH = re.compile(r"\(\s*(?P<n>\d{1,4})\s*(?:minutes?|mins?|min\.?|')\s+each\s*\)", re.I)
_LINK_WORDS = {
    "slides": "Slides", "slide": "Slides", "video": "Video", "recording": "Video",
    "youtube": "Video", "paper": "Paper", "pdf": "PDF", "arxiv": "Paper", "openreview": "Paper",
    "code": "Code", "github": "Code", "poster": "Poster", "abstract": "Abstract",
    "link": "Link", "website": "Website", "web": "Website", "talk": "Talk", "stream": "Stream",
    "livestream": "Stream", "zoom": "Zoom", "notebook": "Notebook", "demo": "Demo",
    "blog": "Blog", "bio": "Bio", "materials": "Materials", "material": "Materials",
}
_NOTE_WORDS = {"remote", "virtual", "online", "in person", "in-person", "tbc", "tbd", "tba",
               "cancelled", "canceled", "postponed", "recorded", "pre-recorded", "live",
               "confirmed", "moved", "new", "updated", "changed"}
_ORG_WORDS = {
    "university", "univ", "universität", "université", "universidad", "università",
    "universiteit", "institute", "institut", "instituto", "college", "school", "lab", "labs",
    "laboratory", "laboratories", "research", "inc", "ltd", "llc", "gmbh", "corp",
    "corporation", "company", "center", "centre", "foundation", "hospital", "group",
    "department", "dept", "faculty", "academy", "google", "microsoft", "facebook", "meta",
    "amazon", "apple", "nvidia", "ibm", "intel", "deepmind", "openai", "anthropic", "brain",
    "technologies", "technology", "polytechnic", "politecnico", "ecole", "école", "inria",
    "cnrs", "max", "planck", "fraunhofer", "national", "ministry", "agency", "council",
    "society", "association", "consortium", "studio", "studios", "ventures", "capital",
    "health", "medicine", "medical", "clinic", "bank", "network", "services", "solutions",
    "mellon", "hopkins", "hugging", "sigma", "berkeley", "stanford", "harvard", "oxford",
    "cambridge", "princeton", "yale", "toronto", "mila", "vector", "epfl", "tsinghua",
    "peking", "tokyo", "mcgill", "montreal", "cornell", "columbia", "caltech", "imperial",
    "goodfire", "databricks", "huawei", "alibaba", "tencent", "baidu", "samsung", "sony",
}
_JOB_WORDS = {
    "professor", "prof", "prof.", "assistant", "associate", "adjunct", "principal", "senior",
    "staff", "scientist", "researcher", "engineer", "director", "vice", "president", "vp",
    "head", "lead", "manager", "chief", "ceo", "cto", "cso", "coo", "founder", "co-founder",
    "cofounder", "fellow", "lecturer", "postdoc", "postdoctoral", "student", "phd",
    "candidate", "dean", "partner", "distinguished", "member", "executive", "program",
}
#: words that do not occur in a person's name: an entry's text with one is not a name
_NOT_NAME = {
    "talk", "talks", "keynote", "session", "remarks", "opening", "closing", "welcome",
    "break", "lunch", "coffee", "tea", "dinner", "breakfast", "poster", "posters", "panel",
    "discussion", "introduction", "intro", "invited", "contributed", "spotlight",
    "spotlights", "award", "awards", "tutorial", "workshop", "overview", "social",
    "networking", "reception", "registration", "machine", "learning", "deep", "neural",
    "networks", "models", "model", "data", "systems", "system", "future", "towards",
    "toward", "beyond", "new", "open", "day", "morning", "afternoon", "evening", "lightning",
    "oral", "orals", "presentation", "presentations", "program", "programme", "schedule",
    "announcements", "wrap-up", "breakout", "demo", "demos", "practicals", "practical",
    "science", "input", "general", "plenary", "round", "fireside", "chat", "ceremony",
    "end", "free", "time", "lecture", "seminar", "meeting", "hall", "town", "topic",
    "paper", "papers", "best", "challenge", "competition", "results", "summary", "update",
    "mentoring", "q&a", "questions", "ai", "ml", "nlp", "snacks", "lunchbreak", "sessions",
    "track", "keynotes", "invited", "speaker", "speakers", "remark", "concluding", "hour",
    "excursion", "tour", "visit", "dinner!", "celebration", "farewell", "party", "fair",
    "exhibition", "expo", "slot", "slots", "info", "information", "room",
}
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "le", "la", "du",
              "dos", "das", "bin", "ibn", "al", "el", "y", "zu", "ten", "ter", "st."}
_GENERIC_LABELS = {"talk", "invited talk", "contributed talk", "keynote", "keynote talk",
                   "spotlight", "spotlight talk", "oral", "invited", "contributed", "paper",
                   "presentation", "lightning talk"}
_SEPARATORS = " \t:;,·•|–—-"
_DASH = re.compile(r"\s+[-–—]\s+")
_ROLE_PREFIX = re.compile(r"^(?:speakers?|panel(?:ists?)?|presenters?|presented by|moderators?|"
                          r"hosts?|authors?|with|by|invited speakers?)\s*:\s*", re.I)
_PERSON_ROLES = re.compile(r"speaker|author|presenter|person|people|who|name", re.I)
_CHAIR_PART = re.compile(r"\s*(?:[(\[]\s*(?:session\s+)?(?P<r1>chairs?|chaired by|co-?chairs?)"
                         r"\s*:?\s*(?P<w1>[^()\[\]]+)[)\]]|[-–—,;]?\s*\b(?:session\s+)?(?P<r2>chairs?|"
                         r"chaired by)\s*:\s*(?P<w2>[^()\[\]]+)$)", re.I)
_CONVERSATION = re.compile(r"\b(?:discussion|chat|conversation|q\s*&\s*a|interview|fireside|"
                           r"meet|debate|dialogue)\b", re.I)


@dataclass(frozen=True)
class EntryText:
    """What an entry's text says. ``url`` is the talk's own page; ``notes`` are remarks
    (``(changed…)``, ``(Remote)``); ``each`` the minutes each of its sub-talks gets."""

    title: str
    kind: Kind
    speakers: tuple[Person, ...] = ()
    url: str | None = None
    links: tuple[Link, ...] = ()
    notes: tuple[str, ...] = ()
    each: int | None = None
    #: links the page gives that cannot be used (relative, without the page's address)
    dropped: tuple[str, ...] = ()
    #: ``(Chair: …)`` in the text: the chairs of the block the entry is
    chairs: tuple[Person, ...] = ()


def plain(spans: tuple[Span, ...] | list[Span]) -> str:
    """The text of spans, whitespace made single and trimmed."""
    return " ".join("".join(s.text for s in spans).split())


def absolute(href: str, base: str | None) -> str | None:
    """``href`` as an absolute http(s) URL (resolved against ``base``), else None."""
    href = href.strip()
    if base and not urlsplit(href).scheme:
        href = urljoin(base, href)
    parts = urlsplit(href)
    return href if parts.scheme in ("http", "https") and parts.netloc else None


# --- people -------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return text.replace("\u00a0", " ").split()


def is_org(text: str) -> bool:
    """True when ``text`` reads like an affiliation (a known word, an acronym, "of"...)."""
    words = _words(text)
    for word in words:
        bare = word.strip(".,()")
        if bare.lower() in _ORG_WORDS or bare.lower() in ("of", "and", "for", "&"):
            return True
        if len(bare) >= 2 and bare.isupper() and bare.isalpha():
            return True
        if "/" in bare:
            return True
    return False


def is_name(text: str, single: bool = False) -> bool:
    """True when ``text`` reads like a person's name (``Joelle Pineau``, ``Bonaventure F. P.
    Dossou``, ``Ludwig van Beethoven``); one word only with ``single``."""
    words = _words(text)
    if not words or len(words) > 5 or (len(words) == 1 and not single):
        return False
    if any(ch.isdigit() for ch in text) or any(c in text for c in "?!:;()[]*\"“”|<>@#"):
        return False
    if is_org(text):
        return False
    capitals = 0
    for word in words:
        lower = word.lower()
        if lower in _NOT_NAME:
            return False
        if lower in _PARTICLES:
            continue
        if not word[0].isupper():
            return False
        capitals += 1
    return capitals >= 1


def _split_top(text: str, pattern: str) -> list[str]:
    """``text`` split at ``pattern`` outside parentheses."""
    parts, depth, start = [], 0, 0
    regex = re.compile(pattern)
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = regex.match(text, i)
            if m and m.end() > i:
                parts.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def people(text: str, many: bool | None = None) -> tuple[Person, ...]:
    """``"Name, Affiliation"``, ``"A, B and C"``, ``"Name (Affiliation)"``, ``"A & B (Org)"``,
    ``"Name, Professor, CMU"`` -> Persons. ``many`` says the text names several people
    (``Chairs:``): then ``A, B`` are two names, not a name and an affiliation."""
    text = " ".join(text.split()).strip(" ,;.")
    text = re.sub(r"^(?:and|with|by)\s+", "", text, flags=re.I)
    text = _ROLE_PREFIX.sub("", text)
    out: list[Person] = []
    for chunk in _split_top(text, r"\s*;\s*"):
        out += _people_chunk(chunk, many)
    return tuple(out)


def _names_with(part: str) -> tuple[list[str], str | None]:
    """``"A & B (Org)"`` -> (["A", "B"], "Org")."""
    affiliation = None
    m = re.fullmatch(r"(?P<names>.*?)\s*\((?P<aff>[^()]*)\)\s*", part)
    if m and m["names"]:
        part, affiliation = m["names"], m["aff"].strip() or None
    names = _split_top(part, r"\s*(?:&|\band\b|\+)\s*")
    if len(names) > 1 and not all(is_name(n, single=True) for n in names):
        names = [part]
    return names, affiliation


def _people_chunk(text: str, many: bool | None) -> list[Person]:
    parts = _split_top(text, r"\s*,\s*")
    out: list[Person] = []
    group = 0  # where the people named by the last part start (they share what follows)
    position = False  # the previous part was a job title: what follows belongs to it
    for part in parts:
        names, paren = _names_with(part)
        words = part.split()
        first_word = words[0].lower().strip(".") if words else ""
        if out and not position and first_word not in _JOB_WORDS and many is not False:
            last = out[-1]
            full = all(is_name(n) for n in names) and " " in last.name
            singles = all(is_name(n, single=True) for n in names) and (
                " " not in last.name or many or paren is not None)
            if not any(is_org(n) for n in names) and (full or singles):
                group = len(out)
                out += [Person(n, paren) for n in names]
                continue
        if not out:
            out += [Person(n, paren) for n in names]
            continue
        position = first_word in _JOB_WORDS or position
        for i in range(group, len(out)):
            aff = out[i].affiliation
            out[i] = replace(out[i], affiliation=part if aff is None else f"{aff}, {part}")
    return out


def people_like(text: str, single: bool = False) -> bool:
    """True when all of ``text`` is people: ``A, B``, ``Name (Org)``, ``Name, Affiliation``;
    with ``single``, one word (``Anouk``) is a name too."""
    if not text.strip():
        return False
    found = people(text)
    return bool(found) and all(
        is_name(p.name, single=single or len(found) > 1 or p.affiliation is not None)
        for p in found)


# --- links and notes ------------------------------------------------------------------------

def _take_links(spans: list[Span], base: str | None,
                dropped: list[str]) -> tuple[list[Span], list[Link]]:
    """Spans without the link-word links (``[slides](…)``, ``([video](…))``) and those links."""
    links: list[Link] = []
    kept: list[Span] = []
    for span in spans:
        word = span.text.strip().strip("[]()").strip().lower()
        if span.href and word in _LINK_WORDS:
            url = absolute(span.href, base)
            if url:
                links.append(Link(_LINK_WORDS[word], url))
            else:
                dropped.append(span.href)
            kept.append(Span("\x00"))  # where it was: brackets around it are removed
            continue
        kept.append(span)
    return _remove_empty_brackets(kept), links


def _remove_empty_brackets(spans: list[Span]) -> list[Span]:
    """Remove ``( )``, ``[[ ]]``, ``(, )`` left where link words were."""
    joined = "".join(s.text for s in spans)
    if "\x00" not in joined:
        return spans
    pattern = re.compile(r"[(\[]+[\s\x00,;|/&and]*\x00[\s\x00,;|/&and]*[)\]]+|\x00")
    # rebuild character by character, keeping each character's span
    marks = [i for i, s in enumerate(spans) for _ in s.text]
    keep = [True] * len(joined)
    for m in pattern.finditer(joined):
        for i in range(m.start(), m.end()):
            keep[i] = False
    out: list[Span] = []
    for i, ch in enumerate(joined):
        if not keep[i]:
            continue
        span = spans[marks[i]]
        if out and out[-1].href == span.href and out[-1].bold == span.bold and \
                out[-1].italic == span.italic and out[-1].role == span.role:
            out[-1] = replace(out[-1], text=out[-1].text + ch)
        else:
            out.append(replace(span, text=ch))
    return out


def _take_notes(text: str) -> tuple[str, list[str]]:
    """Text without trailing remarks in parentheses (``(Remote)``, ``(changed to …)``)."""
    notes: list[str] = []
    while True:
        m = re.search(r"\s*\((?P<note>[^()]*)\)\s*$", text)
        if not m:
            break
        note = m["note"].strip()
        if note.lower() in _NOTE_WORDS:
            notes.insert(0, note)
            text = text[: m.start()]
            continue
        break
    return text.strip(), notes


# --- the entry --------------------------------------------------------------------------------

def _runs(spans: list[Span], attr: str) -> list[tuple[int, int]]:
    """Index ranges of consecutive spans with ``attr`` set (spaces between them joined)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, span in enumerate(spans):
        on = getattr(span, attr) and span.text.strip()
        if on:
            if start is None:
                start = i
            end = i + 1
        elif start is not None and span.text.strip():
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return runs


def _strip(text: str) -> str:
    return text.strip(_SEPARATORS + " ")


def _link_of(spans: list[Span], base: str | None, dropped: list[str]) -> str | None:
    """The talk URL among ``spans``: the first link on its text."""
    for span in spans:
        if span.href and span.text.strip():
            url = absolute(span.href, base)
            if url:
                return url
            dropped.append(span.href)
    return None


def _person_links(spans: list[Span], found: tuple[Person, ...], base: str | None) -> list[Link]:
    """Links on people's names: kept as the talk's links, labelled with the name."""
    out = []
    names = {p.name for p in found}
    for span in spans:
        if span.href and span.text.strip() in names:
            url = absolute(span.href, base)
            if url:
                out.append(Link(span.text.strip(), url))
    return out


def _role_affiliations(spans: list[Span]) -> list[Span]:
    """``<span class="affiliation">Org</span>`` written as ``(Org)`` for the people reader."""
    out = []
    for span in spans:
        if span.role and "affil" in span.role.lower() and not span.text.strip().startswith("("):
            out.append(replace(span, text=f" ({span.text.strip()})", role=None))
        else:
            out.append(span)
    return out


def _emphasized_notes(spans: list[Span]) -> tuple[list[Span], list[str]]:
    """Spans without emphasized remarks in parentheses (``**(changed …)**``), and those."""
    kept, notes = [], []
    for span in spans:
        text = span.text.strip()
        if (span.bold or span.italic) and re.fullmatch(r"\([^()]+\)", text):
            notes.append(text[1:-1].strip())
            continue
        kept.append(span)
    return kept, notes


def read_entry(spans: tuple[Span, ...] | list[Span], base: str | None = None,
               with_people: bool = True) -> EntryText:
    """The title, kind, speakers, URL, links and notes of an entry's text (its time
    already taken off). Without ``with_people`` (a table's title column when another
    column names the speakers) all the text is the title."""
    dropped: list[str] = []
    spans, links = _take_links(_role_affiliations(list(spans)), base, dropped)
    spans, remarks = _emphasized_notes(spans)
    # <span class="speaker">…</span>: the page says who it is
    named = [s for s in spans if s.role and _PERSON_ROLES.search(s.role) and s.text.strip()]
    spans = [s for s in spans if s not in named]
    by_role = people(plain(named), many=True) if named else ()
    chairs: tuple[Person, ...] = ()
    m = _CHAIR_PART.search(plain(spans))
    if m and m.start() > 0:
        role, who = m["r1"] or m["r2"], m["w1"] or m["w2"]
        chairs = people(who, many=role.lower().endswith("s") or None)
        spans = _drop_range(spans, m.start(), m.end())
    entry = _read(spans, base, links, dropped, with_people)
    return replace(entry, notes=tuple(remarks) + entry.notes, chairs=chairs,
                   speakers=entry.speakers + tuple(p for p in by_role if p not in entry.speakers))


def _drop_range(spans: list[Span], start: int, end: int) -> list[Span]:
    """Spans without the characters ``start:end`` of their plain text (see :func:`plain`)."""
    # plain() collapses whitespace; cut on the same text so that offsets agree
    spans = [replace(s, text=" ".join(s.text.split()) + (" " if s.text[-1:].isspace() else ""))
             if s.text.strip() else replace(s, text=" ") for s in spans]
    text = "".join(s.text for s in spans)
    lead = len(text) - len(text.lstrip())
    start, end = start + lead, end + lead
    out, pos = [], 0
    for span in spans:
        a, b = pos, pos + len(span.text)
        overlaps = a < end and b > start
        keep = span.text[: max(0, start - a)] + span.text[max(0, end - a):] if overlaps \
            else span.text
        if keep:
            out.append(replace(span, text=keep))
        pos = b
    return out


def _read(spans: list[Span], base: str | None, links: list[Link], dropped: list[str],
          with_people: bool) -> EntryText:
    text = plain(spans)
    each = None
    m = _EACH.search(text)
    if m:
        each = int(m["n"])
        spans = _cut_text(spans, m.group())
    if not with_people:
        title, notes = _take_notes(_strip(plain(spans)))
        title = _clean_title(title)
        return EntryText(title, guess_kind(title), (), _link_of(spans, base, dropped),
                         tuple(links), tuple(notes), each, tuple(dropped))
    bold, italic = _runs(spans, "bold"), _runs(spans, "italic")
    everything = [(0, len(spans))]
    visible = [i for i, s in enumerate(spans) if s.text.strip()]
    if visible and (bold == [(visible[0], visible[-1] + 1)] or bold == everything):
        spans, bold = [replace(s, bold=False) for s in spans], []
    if visible and (italic == [(visible[0], visible[-1] + 1)] or italic == everything):
        spans, italic = [replace(s, italic=False) for s in spans], []
    title_run = italic[0] if italic else None
    speakers: tuple[Person, ...] = ()
    if title_run is None and bold:
        b0, b1 = bold[0]
        bold_text = plain(spans[b0:b1])
        rest = _strip(plain(spans[b1:]))
        if is_name(bold_text) and rest and b0 == visible[0]:
            speakers = people(bold_text)
            spans = spans[b1:]
            entry = _plain_entry(spans, base, dropped)
            return _finish(entry, speakers + entry.speakers, links, each, dropped, spans, base)
        title_run = bold[0]
    if title_run is None:
        quoted = re.search(r"[\"“”]+(?P<t>[^\"“”]{3,})[\"“”]+", text)
        if quoted:
            before, after = text[: quoted.start()], text[quoted.end():]
            title = quoted["t"].strip()
            return _assemble(title, before, after, links, each, dropped, spans, base,
                             _link_of(spans, base, dropped))
        entry = _plain_entry(spans, base, dropped)
        return _finish(entry, entry.speakers, links, each, dropped, spans, base)
    t0, t1 = title_run
    title = plain(spans[t0:t1])
    url = _link_of(spans[t0:t1], base, dropped)
    before, after = plain(spans[:t0]), plain(spans[t1:])
    prefix_people: tuple[Person, ...] = ()
    for r0, r1 in bold:  # a bold name before an italic title: the speaker
        if r1 <= t0 and is_name(plain(spans[r0:r1])):
            prefix_people += people(plain(spans[r0:r1]))
            before = plain(spans[:r0]) + " " + plain(spans[r1:t0])
    entry = _assemble(title, before, after, links, each, dropped, spans, base, url)
    if prefix_people:
        entry = replace(entry, speakers=prefix_people + entry.speakers)
    return entry


def _cut_text(spans: list[Span], piece: str) -> list[Span]:
    out, done = [], False
    for span in spans:
        if not done and piece in span.text:
            out.append(replace(span, text=span.text.replace(piece, " ", 1)))
            done = True
        else:
            out.append(span)
    return out


def _assemble(title: str, before: str, after: str, links: list[Link], each: int | None,
              dropped: list[str], spans: list[Span], base: str | None,
              url: str | None) -> EntryText:
    """An entry from its marked title and the text before (label, people) and after it."""
    before, notes = _take_notes(_strip(before))
    before = _strip(before)
    after, after_notes = _take_notes(_strip(after))
    notes += after_notes
    after = _strip(after)
    label, found = before, ()
    m = re.fullmatch(r"(?P<label>.*?)\s*\((?P<who>[^()]*)\)", before)
    parts = _DASH.split(before, maxsplit=1)
    if len(parts) < 2 or not people_like(_strip(parts[1])):
        parts = before.rsplit(": ", 1)
    if m and people_like(m["who"], single=True):
        label, found = m["label"], people(m["who"])
    elif len(parts) == 2 and people_like(_strip(parts[1])):
        label, found = parts[0], people(_strip(parts[1]))
    elif before and people_like(before) and guess_kind(before) == Kind.TALK:
        label, found = "", people(before)
    label = _strip(label)
    if after:
        m2 = re.fullmatch(r"\((?P<who>[^()]*)\)", after)
        who = m2["who"] if m2 else after
        who = re.sub(r"^(?:moderator|moderated by|chair|with|by|speakers?)\s*:?\s*", "", who,
                     flags=re.I)
        if people_like(who) or (not m2 and who and is_name(who.split(",")[0])):
            found = found + people(who)
        else:
            notes.append(after)
    kind = guess_kind(label) if label else guess_kind(title)
    if label and label.lower() not in _GENERIC_LABELS | {kind.label.lower(), kind.value}:
        title = f"{label}: {title}"
    title, more_notes = _take_notes(title)
    return EntryText(_clean_title(title), kind, tuple(found), url,
                     tuple(links) + tuple(_person_links(spans, tuple(found), base)),
                     tuple(notes + more_notes), each, tuple(dropped))


def _clean_title(title: str) -> str:
    title = " ".join(title.split()).strip(" :;,-–—·|")
    return title.strip("\"“”")


def _plain_entry(spans: list[Span], base: str | None, dropped: list[str]) -> EntryText:
    """An entry without emphasis: read by position (see the module docstring)."""
    text = _strip(plain(spans))
    text, notes = _take_notes(text)
    title, found = text, ()
    m = re.fullmatch(r"(?P<title>.+?)\s*\((?:(?:moderator|moderated by|chair|with)\s*:?\s*)?"
                     r"(?P<who>[^()]*)\)", text, flags=re.I)
    m_label = re.fullmatch(r"(?P<label>[^():]+?)\s*\((?P<who>[^()]*)\)\s*:\s*(?P<rest>.+)", text)
    m_with = re.fullmatch(r"(?P<title>.+?)\s+(?<!sponsored )(?<!organized )(?<!organised )"
                          r"(?<!hosted )(?<!supported )(?<!funded )(?<!powered )"
                          r"(?:with|by)\s+(?P<who>[^,]+?(?:\s+and\s+[^,]+)?)", text)
    dash = _DASH.split(text, maxsplit=1)
    dot = re.split(r"\s+[·•|]\s+|;\s+", text, maxsplit=1)
    colon = text.split(": ", 1)
    parts = [p.strip() for p in text.split(", ")]
    if len(colon) == 2 and "," in colon[1] and people_like(colon[1]) and not is_name(colon[0]):
        title, found = colon[0], people(colon[1], many=True)
    elif m and people_like(m["who"], single=True):
        title, found = m["title"], people(m["who"])
    elif m_label and people_like(m_label["who"]):
        title, found = f"{m_label['label']}: {m_label['rest']}", people(m_label["who"])
    elif m_with and all(is_name(n) for n in re.split(r"\s+and\s+", m_with["who"])) and (
            guess_kind(m_with["title"]) != Kind.TALK or _CONVERSATION.search(m_with["title"])):
        title, found = m_with["title"], people(m_with["who"], many=True)
    elif len(dot) == 2 and people_like(dot[0]) and not people_like(dot[1]):
        title, found = dot[1], people(dot[0], many=True)
    elif len(dot) == 2 and people_like(dot[1]):
        title, found = dot[0], people(dot[1], many=True)
    elif len(dash) == 2 and people_like(dash[1]) and not people_like(dash[0]):
        title, found = dash[0], people(dash[1], many=True)
    elif len(colon) == 2 and people_like(colon[1]) and (
            "," in colon[1] or guess_kind(colon[0]) != Kind.TALK or "(" in colon[1]):
        title, found = colon[0], people(colon[1], many=True)
    elif len(colon) == 2 and is_name(colon[0]):
        title, found = colon[1], people(colon[0])
    elif len(parts) >= 2:
        a, b = parts[0], parts[1]
        b_first = b.split()[0].lower().strip(".") if b.split() else ""
        if is_name(a) and b_first in _JOB_WORDS:
            title, found = a, people(text)
        elif is_name(b) and not is_name(a) and not is_org(b):
            title, found = a, people(", ".join(parts[1:]))
        elif is_name(a) and is_org(b) and len(parts) == 2:
            title, found = a, people(text)
    url = None
    for span in spans:  # a link on the title's words is the talk's page
        if span.href and span.text.strip() and span.text.strip() in title:
            url = absolute(span.href, base)
            if url is None:
                dropped.append(span.href)
            break
    title = _clean_title(title)
    return EntryText(title, guess_kind(title), tuple(found), url,
                     tuple(_person_links(spans, tuple(found), base)), tuple(notes), None,
                     tuple(dropped))


def _finish(entry: EntryText, speakers: tuple[Person, ...], links: list[Link], each: int | None,
            dropped: list[str], spans: list[Span], base: str | None) -> EntryText:
    person_links = tuple(_person_links(spans, speakers, base))
    extra = tuple(link for link in person_links if link not in entry.links)
    return replace(entry, speakers=speakers, links=tuple(links) + entry.links + extra,
                   each=each if each is not None else entry.each,
                   dropped=tuple(dict.fromkeys(entry.dropped + tuple(dropped))))
