"""``--date``, ``--timezone``, ``--title``, ``--venue``, ``--language``: the options of ``build``, ``check``
and ``import`` for what a source leaves out (a web page without a date), applied once after
loading by :func:`program.sources.transform.apply_overrides`."""
from __future__ import annotations

import argparse
from datetime import date

from program.sources.transform import Overrides


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_override_options(parser: argparse.ArgumentParser) -> None:
    """Add the five options to ``parser``."""
    parser.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="the date of the (first) day, for a source that names none or "
                             "names it wrongly; later days follow at the same distances")
    parser.add_argument("--timezone", metavar="ZONE",
                        help="IANA time zone (Europe/Berlin): converts the times when the source "
                             "has a zone (a UTC calendar), else says which zone they are in")
    parser.add_argument("--title", help="the event's title, instead of the source's")
    parser.add_argument("--venue", help="the event's venue, instead of the source's")
    parser.add_argument("--language", type=_language, metavar="TAG",
                        help="the language the products print in (BCP 47: de, fr, pt-BR, ja, "
                             "zh-Hans, ar), instead of the source's")


def overrides_from(args: argparse.Namespace) -> Overrides:
    """The Overrides that parsed arguments ask for."""
    return Overrides(date=getattr(args, "date", None), timezone=getattr(args, "timezone", None),
                     title=getattr(args, "title", None), venue=getattr(args, "venue", None),
                     language=getattr(args, "language", None))


def _language(text: str) -> str:
    """A BCP 47 tag that Babel (CLDR) knows (for argparse)."""
    from program.language import known_language

    if not known_language(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a language tag Babel knows "
                                         "(use one like de, fr, pt-BR, ja, zh-Hans, ar)")
    return text
