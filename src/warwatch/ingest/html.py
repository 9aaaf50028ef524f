"""HTML pages -> article text with trafilatura: boilerplate removed, title and date kept."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..models import Article
from .common import MAX_DOCUMENT_BYTES, Skipped, make_id, parse_any_date

__all__ = ["MIN_TEXT_CHARS", "Extracted", "extract_html", "html_article", "read_html"]

log = logging.getLogger(__name__)

# Below this, what trafilatura's fallback found is a menu item or a caption, not a story.
MIN_TEXT_CHARS = 25


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura found in a page. ``url`` is the page's canonical URL when it declares one."""

    text: str
    title: str | None
    published: date | None
    url: str | None


def extract_html(data: bytes | str, url: str | None = None) -> Extracted | None:
    """The main text of a page, or None when trafilatura finds none (or under ``MIN_TEXT_CHARS``).

    ``favor_precision=True`` drops inline promos and share bars, ``include_comments=False`` the
    comment section; navigation, cookie banners, footers and "Top of page" links go in any case.
    Bytes are decoded by trafilatura (``<meta charset>``, then detection).
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        data,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    if document is None or isinstance(document, dict):  # dict only with as_dict=True
        return None
    text = (document.text or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return None
    title = (document.title or "").strip() or None
    return Extracted(text=text, title=title, published=parse_any_date(document.date), url=document.url or None)


def html_article(
    data: bytes, where: str, url: str | None = None, published: date | None = None
) -> Article | Skipped:
    """One page as an ``Article``: ``url`` and ``published`` are fallbacks for what the page lacks."""
    if len(data) > MAX_DOCUMENT_BYTES:
        return Skipped(None, "too_large", f"{where}: {len(data):,} bytes, over {MAX_DOCUMENT_BYTES:,}", where)
    try:
        extracted = extract_html(data, url=url)
    except Exception as error:  # a malformed page must not stop the run
        log.debug("extraction failed for %s", where, exc_info=True)
        return Skipped(None, "extract_failed", f"{where}: text extraction failed ({error})", where)
    if extracted is None:
        return Skipped(None, "no_text", f"{where}: no article text found in the page", where)
    page_url = url or extracted.url
    return Article(
        id=make_id(page_url, extracted.text),
        text=extracted.text,
        published=extracted.published or published,
        url=page_url,
        title=extracted.title,
    )


def read_html(path: Path | str) -> Iterator[Article | Skipped]:
    """One ``.html`` file -> one ``Article`` (or a ``Skipped`` located at the file name)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    yield html_article(data, str(path))
