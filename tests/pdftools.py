"""What the tests check in a produced PDF, with PyPI libraries only (pypdfium2, pikepdf,
zxing-cpp): text layer, fonts, characters off the page, overprinted characters, QR codes."""
from __future__ import annotations

import ctypes
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import zxingcpp


@dataclass(frozen=True)
class Char:
    """A character of the text layer with its box (points, origin bottom-left)."""

    page: int
    text: str
    left: float
    bottom: float
    right: float
    top: float
    baseline: float = 0.0


def page_texts(path: Path) -> list[str]:
    """The text layer of every page."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        # pdfium reports a hyphen that ends a line as U+FFFE and joins the lines: the line
        # break is given back, as the other engines read it
        return [pdf[i].get_textpage().get_text_range().replace("\ufffe", "-\r\n")
                for i in range(len(pdf))]
    finally:
        pdf.close()


def normalized(text: str) -> str:
    """Text with line breaks and runs of spaces collapsed (wrapped lines join again; a line
    broken after a hyphen, en dash or slash joins without a space; pdfium reports a hyphen
    that ends a line as U+FFFE; a soft hyphen that ends a line, put there by hyphenation, is
    no part of the word)."""
    text = re.sub(r"\u00ad[ \t]*\r?\n\s*", "", text.replace("\ufffe", "-"))
    text = re.sub(r"([\-–/])[ \t]*\r?\n\s*", r"\1", text)
    return " ".join(text.replace("\r", " ").replace("\n", " ").split())


def chars(path: Path) -> tuple[list[Char], list[tuple[float, float]]]:
    """Every visible character with its box, and each page's size."""
    pdf = pdfium.PdfDocument(str(path))
    out, sizes = [], []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            sizes.append(page.get_size())
            tp = page.get_textpage()
            for j in range(tp.count_chars()):
                ch = tp.get_text_range(j, 1)
                if not ch.strip():
                    continue
                left, bottom, right, top = tp.get_charbox(j)
                if right - left <= 0 or top - bottom <= 0:
                    continue
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_raw.FPDFText_GetCharOrigin(tp, j, ctypes.byref(x), ctypes.byref(y))
                out.append(Char(i, ch, left, bottom, right, top, y.value))
    finally:
        pdf.close()
    return out, sizes


def outside_page(path: Path) -> list[Char]:
    """Characters (partly) outside their page."""
    found, sizes = chars(path)
    return [c for c in found if c.left < -0.5 or c.bottom < -0.5
            or c.right > sizes[c.page][0] + 0.5 or c.top > sizes[c.page][1] + 0.5]


def overprinted(path: Path, min_overlap: float = 0.3) -> list[tuple[Char, Char]]:
    """Pairs of characters on different lines whose boxes overlap by more than
    ``min_overlap`` of the smaller box: text running into other text."""
    found, _ = chars(path)
    buckets: dict[tuple[int, int, int], list[Char]] = defaultdict(list)
    for c in found:
        for bx in range(int(c.left // 20), int(c.right // 20) + 1):
            for by in range(int(c.bottom // 20), int(c.top // 20) + 1):
                buckets[(c.page, bx, by)].append(c)
    pairs = set()
    result = []
    for group in buckets.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if abs(a.baseline - b.baseline) < 0.5:
                    continue  # same line: kerning and italics may touch
                w = min(a.right, b.right) - max(a.left, b.left)
                h = min(a.top, b.top) - max(a.bottom, b.bottom)
                if w <= 0 or h <= 0:
                    continue
                small = min((a.right - a.left) * (a.top - a.bottom), (b.right - b.left) * (b.top - b.bottom))
                key = (id(a), id(b))
                if w * h > min_overlap * small and key not in pairs:
                    pairs.add(key)
                    result.append((a, b))
    return result


def font_problems(path: Path) -> list[str]:
    """Fonts that are not embedded (a base-14 reference, or a descriptor without a file)."""
    problems = []
    with pikepdf.open(str(path)) as pdf:
        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for font in fonts.values():
                name = str(font.get("/BaseFont"))
                descriptors = []
                if font.get("/Subtype") == "/Type0":
                    descriptors = [d.get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
                else:
                    descriptors = [font.get("/FontDescriptor")]
                for fd in descriptors:
                    if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                        problems.append(name)
    return sorted(set(problems))


def qr_codes(path: Path, dpi: int = 150) -> list[tuple[int, str]]:
    """(page index, text) of every QR code decoded from a ``dpi`` render of each page."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        for i in range(len(pdf)):
            image = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
            for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
                out.append((i, result.text))
    finally:
        pdf.close()
    return out


def uri_links(path: Path) -> list[str]:
    """The URIs of all link annotations."""
    out = []
    with pikepdf.open(str(path)) as pdf:
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []) or []:
                action = annot.get("/A")
                if action is not None and action.get("/S") == "/URI":
                    out.append(str(action.get("/URI")))
    return out


def outline_titles(path: Path) -> list[tuple[int, str]]:
    """(depth, title) of the outline entries in order."""
    out = []
    with pikepdf.open(str(path)) as pdf:
        with pdf.open_outline() as outline:
            def walk(items, depth):
                for item in items:
                    out.append((depth, item.title))
                    walk(item.children, depth + 1)
            walk(outline.root, 0)
    return out


def metadata(path: Path) -> dict[str, str]:
    """The document information dictionary and the catalog's /Lang."""
    with pikepdf.open(str(path)) as pdf:
        info = {str(k): str(v) for k, v in pdf.docinfo.items()}
        if "/Lang" in pdf.Root:
            info["/Lang"] = str(pdf.Root.Lang)
        return info


def min_font_size(path: Path) -> float:
    """The smallest font size used for text, in points."""
    return min(page_min_font_sizes(path), default=1000.0)


def page_min_font_sizes(path: Path) -> list[float]:
    """The smallest font size of each page's visible text, in points (1000 for a page
    without text)."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        for i in range(len(pdf)):
            tp = pdf[i].get_textpage()
            out.append(min((pdfium_raw.FPDFText_GetFontSize(tp, j)
                            for j in range(tp.count_chars()) if tp.get_text_range(j, 1).strip()),
                           default=1000.0))
    finally:
        pdf.close()
    return out


# --- Other PDF engines: the same file as pdfminer, pdfplumber, pypdf and qpdf read it. ---


def structure_problems(path: Path) -> list[str]:
    """What qpdf's structural check (``qpdf --check``, through pikepdf) reports: errors and
    warnings as text; empty for a sound file."""
    with pikepdf.open(str(path)) as pdf:
        check = getattr(pdf, "check_pdf_syntax", None) or pdf.check  # pikepdf < 10: check()
        return [str(problem) for problem in check()]


def pdfminer_page_texts(path: Path) -> list[str]:
    """The text of every page as pdfminer.six lays it out, including text inside form
    XObjects (an imposed or n-up page is made of them)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    def walk(item) -> list[str]:
        if isinstance(item, LTTextContainer):
            return [item.get_text()]
        try:
            children = list(item)
        except TypeError:
            return []
        return [text for child in children for text in walk(child)]

    return ["".join(walk(page)) for page in extract_pages(str(path),
                                                          laparams=LAParams(all_texts=True))]


def pdfplumber_page_texts(path: Path) -> list[str]:
    """The text of every page as pdfplumber extracts it."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pypdf_page_texts(path: Path) -> list[str]:
    """The text of every page as pypdf extracts it, reading the file in strict mode (a
    structural problem raises)."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path), strict=True).pages]


def glyph_counts(text: str):
    """How often each visible character occurs (a Counter): text compared this way does not
    depend on where an engine puts spaces and line breaks or in which order it reads boxes."""
    from collections import Counter

    return Counter(c for c in text if not c.isspace())


def rendered_pages(path: Path, dpi: int = 50) -> list[tuple[tuple[int, int], float]]:
    """Render every page with PDFium: (pixel size, share of pixels that are not white)."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        for i in range(len(pdf)):
            image = pdf[i].render(scale=dpi / 72).to_pil().convert("L")
            histogram = image.histogram()
            out.append((image.size, 1 - histogram[255] / (image.size[0] * image.size[1])))
    finally:
        pdf.close()
    return out


def page_sizes_by_engine(path: Path) -> dict[str, list[tuple[float, float]]]:
    """Each page's (width, height) in points as PDFium, pikepdf, pdfminer and pypdf see it."""
    from pdfminer.pdfpage import PDFPage
    from pypdf import PdfReader

    def rounded(w: float, h: float) -> tuple[float, float]:
        return (round(float(w), 2), round(float(h), 2))

    pdf = pdfium.PdfDocument(str(path))
    try:
        sizes = {"pdfium": [rounded(*pdf[i].get_size()) for i in range(len(pdf))]}
    finally:
        pdf.close()
    with pikepdf.open(str(path)) as doc:
        sizes["pikepdf"] = [rounded(p.mediabox[2] - p.mediabox[0], p.mediabox[3] - p.mediabox[1])
                            for p in doc.pages]
    with open(path, "rb") as fh:
        sizes["pdfminer"] = [rounded(p.mediabox[2] - p.mediabox[0], p.mediabox[3] - p.mediabox[1])
                             for p in PDFPage.get_pages(fh)]
    sizes["pypdf"] = [rounded(p.mediabox.width, p.mediabox.height)
                      for p in PdfReader(str(path)).pages]
    return sizes


def document_text(path: Path) -> str:
    """The text of all pages, one string, as PDFium reads it but with the hyphen that ends a
    line read as "-" (PDFium reports it as U+FFFE, pdfminer as "-")."""
    return "\n".join(page_texts(path)).replace("\ufffe", "-")


@dataclass(frozen=True)
class Link:
    """A link annotation: page index, rectangle (points, origin bottom-left), and its target:
    a URI, or the page index an internal link goes to."""

    page: int
    rect: tuple[float, float, float, float]
    uri: str | None
    target_page: int | None


def links(path: Path) -> list[Link]:
    """Every link annotation of every page."""
    out = []
    with pikepdf.open(str(path)) as pdf:
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        for i, page in enumerate(pdf.pages):
            for annot in page.obj.get("/Annots", []) or []:
                if annot.get("/Subtype") != "/Link":
                    continue
                x0, y0, x1, y1 = (float(v) for v in annot.get("/Rect"))
                rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
                action, dest = annot.get("/A"), annot.get("/Dest")
                uri = str(action.get("/URI")) if action is not None and "/URI" in action else None
                target = index.get(dest[0].objgen) if dest is not None else None
                out.append(Link(i, rect, uri, target))
    return out


def text_in(path: Path, page: int, rect: tuple[float, float, float, float]) -> str:
    """The text of the characters whose centre lies inside ``rect`` on ``page``."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        tp = pdf[page].get_textpage()
        found = []
        for j in range(tp.count_chars()):
            left, bottom, right, top = tp.get_charbox(j)
            cx, cy = (left + right) / 2, (bottom + top) / 2
            if rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]:
                found.append(tp.get_text_range(j, 1))
        return "".join(found)
    finally:
        pdf.close()


def qr_in(path: Path, page: int, rect: tuple[float, float, float, float], dpi: int = 150) -> list[str]:
    """The QR codes decoded from a ``dpi`` render of just ``rect`` on ``page``."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        p = pdf[page]
        width, height = p.get_size()
        image = p.render(scale=dpi / 72, crop=(rect[0], rect[1], width - rect[2],
                                                height - rect[3])).to_pil().convert("L")
    finally:
        pdf.close()
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def marked_texts(path: Path) -> dict[tuple[int, int], str]:
    """The text each marked-content sequence shows, by (page index, MCID), read by pdfium
    from the text objects (a line drawn in several fonts is several objects, joined)."""
    pdf = pdfium.PdfDocument(str(path))
    out: dict[tuple[int, int], str] = defaultdict(str)
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            for i in range(pdfium_raw.FPDFPage_CountObjects(page.raw)):
                obj = pdfium_raw.FPDFPage_GetObject(page.raw, i)
                mcid = pdfium_raw.FPDFPageObj_GetMarkedContentID(obj)
                if mcid < 0 or pdfium_raw.FPDFPageObj_GetType(obj) != pdfium_raw.FPDF_PAGEOBJ_TEXT:
                    continue
                size = pdfium_raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
                buf = ctypes.create_string_buffer(size)
                pdfium_raw.FPDFTextObj_GetText(
                    obj, textpage.raw, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), size)
                out[number, mcid] += buf.raw.decode("utf-16-le").rstrip("\x00")
    finally:
        pdf.close()
    return dict(out)


def cover_picture(path) -> tuple[tuple[int, int], tuple[float, float]]:
    """The cover's one picture (the logo; the QR code, an image mask, is not a picture): its
    pixels (wide, high) and its printed width and height in points. ``path``: a file or a
    binary stream."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        (image,) = [i for i in pdf.pages[0].images if not i.get("imagemask")]
        return image["srcsize"], (image["x1"] - image["x0"], image["bottom"] - image["top"])
