"""What every reader shares: the ``Skipped`` record, content-hash ids, dates and HTML-fragment text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html import unescape

__all__ = [
    "MAX_DOCUMENT_BYTES", "PUBLISHED_YEARS", "Skipped", "fragment_text", "make_id", "parse_any_date", "parse_published",
    "publication_day",
]

# trafilatura refuses documents over 20 MB; readers skip them earlier with reason ``too_large``.
MAX_DOCUMENT_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input item that could not be read, with a short reason code and where it was.

    ``line`` is the 1-based line of a JSONL file (None for other formats); ``location`` names the
    item for a person: ``"a.jsonl line 3"``, ``"page.html"``, ``"feed.xml item 7"``,
    ``"crawl.warc.gz record 42"``. ``message`` starts with the line or the location.
    """

    line: int | None
    reason: str  # not_utf8 | not_json | not_object | no_id | no_text | bad_published | unknown_format | ...
    message: str
    location: str | None = None


def make_id(url: str | None, text: str) -> str:
    """The id of an article whose source gives none: ``sha256(url + "\\0" + text)[:16]``."""
    return hashlib.sha256(f"{url or ''}\0{text}".encode()).hexdigest()[:16]


# A news article is published within these years. The dates of coding are reckoned from the publication day
# (windows of weeks, "three years ago"), so a day at the calendar's ends (year 1 or 9999) cannot be one.
PUBLISHED_YEARS = (1800, 2199)


def publication_day(day: date) -> date:
    """``day`` itself; raises ``ValueError`` for a day outside ``PUBLISHED_YEARS``."""
    first, last = PUBLISHED_YEARS
    if not first <= day.year <= last:
        raise ValueError(f"{day.isoformat()} is not a publication date (years {first} to {last})")
    return day


def parse_published(value: object) -> date | None:
    """ISO date or datetime (``2023-05-30``, ``2023-05-30T21:04:00+03:00``) -> date; None stays None.

    Raises ``ValueError`` for anything else, and for a day outside ``PUBLISHED_YEARS``.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {type(value).__name__}")
    text = value.strip()
    try:
        day = date.fromisoformat(text[:10]) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        day = date.fromisoformat(text[:10])
    return publication_day(day)


def parse_any_date(value: str | None) -> date | None:
    """An ISO or RFC 2822 (``Tue, 30 May 2023 21:04:00 +0300``) date as written, or None (also for a day
    outside ``PUBLISHED_YEARS``).

    The date is the one in the source's own time zone: 01:00+03:00 on the 31st stays the 31st.
    """
    if not value or not value.strip():
        return None
    try:
        return parse_published(value)
    except ValueError:
        pass
    try:
        return publication_day(parsedate_to_datetime(value.strip()).date())
    except (TypeError, ValueError, IndexError):
        return None


_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table",
    "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
# characters XML cannot hold: lxml refuses to set them as text (found by bench/fuzz.py: a NUL in a feed item)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed item's content): one line per block, spaces collapsed.
    Control characters (other than tab and line ends) become spaces."""
    markup = _NOT_XML.sub(" ", markup)
    if "<" not in markup:
        lines = unescape(markup).splitlines()
    else:
        import lxml.html
        from lxml import etree

        try:
            root = lxml.html.fragment_fromstring(markup, create_parent="div")
        except (etree.ParserError, ValueError):
            return ""
        for element in list(root.iter("script", "style")):
            element.drop_tree()
        for element in root.iter(*_BLOCK_TAGS):
            element.tail = "\n" + (element.tail or "")
            if element.tag != "br":
                element.text = "\n" + (element.text or "")
        lines = root.text_content().splitlines()
    cleaned = (_SPACES.sub(" ", line).strip() for line in lines)
    return "\n".join(line for line in cleaned if line)
