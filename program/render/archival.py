"""PDF/A-2b: a finished PDF made archival (``--pdfa``, ``theme.pdfa: true``).

``archival(pdf_bytes) -> bytes``. ReportLab writes no XMP metadata and no output intent, and
its link annotations lack the Print flag; pikepdf's PDF/A tools (``pikepdf.pdfa``) add what
PDF/A-2b asks for after rendering, without touching page content: XMP metadata matching the
document information (title, author, subject, keywords, dates, producer), one sRGB output
intent with the ICC profile pikepdf ships, the Print flag on every annotation, no empty
``/Trans`` (page transition) entries, ``/Lang`` and ``/DisplayDocTitle``. The fonts are
embedded already (the bundled TrueType faces, as subsets). The result is written again and
validated by pikepdf's allow-list validator; a file that does not pass is an error, never an
archival file in name only.

pikepdf is therefore a runtime dependency (it was a test one): ReportLab has no API for
XMP packets or output intents, and writing them by hand would mean keeping the XMP in step
with the Info dictionary ourselves, which the PDF/A checks are most strict about.

Reproducible: the metadata date is the document's own modification date (ReportLab's
invariant date, or the input's), never the clock.
"""
from __future__ import annotations

import io

FLAVOUR = "2b"


class ArchivalError(Exception):
    """The PDF did not pass the PDF/A-2b checks after preparation (a bug: what we render is
    meant to pass)."""


def archival(pdf_bytes: bytes, language: str | None = None) -> bytes:
    """``pdf_bytes`` as PDF/A-2b (with ``/Lang`` set to ``language`` when given)."""
    import pikepdf
    from pikepdf import Name
    from pikepdf.pdfa import prepare, resolve_save_kwargs, validate_written

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if language:
            pdf.Root.Lang = pikepdf.String(language)
        prefs = pdf.Root.get(Name.ViewerPreferences) or pikepdf.Dictionary()
        prefs.DisplayDocTitle = True
        pdf.Root.ViewerPreferences = prefs
        for page in pdf.pages:  # ReportLab writes an empty /Trans (no transition) per page
            trans = page.obj.get(Name.Trans)
            if trans is not None and len(trans.keys()) == 0:
                del page.obj[Name.Trans]
        prepare(pdf, FLAVOUR)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            modified = meta.get("xmp:ModifyDate") or meta.get("xmp:CreateDate")
            if modified:
                meta["xmp:MetadataDate"] = modified
            if language:
                meta["dc:language"] = [language]
        settings = resolve_save_kwargs(FLAVOUR, deterministic_id=True)
        out = io.BytesIO()
        pdf.save(out, **settings)
    out.seek(0)
    report = validate_written(out, FLAVOUR, settings)
    if not report.passed:
        raise ArchivalError("PDF/A-2b checks failed: " + "; ".join(
            f"{f.rule}: {f.message}" for f in report.findings[:5]))
    return out.getvalue()
