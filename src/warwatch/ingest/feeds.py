"""RSS and Atom feeds with feedparser: one ``Article`` per item, its text from the content or summary."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..models import Article
from .common import MAX_DOCUMENT_BYTES, Skipped, fragment_text, make_id, parse_any_date, publication_day

__all__ = ["FeedError", "FeedItem", "parse_feed", "read_feed"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed entry. ``text`` is the longer of its content and its summary, as plain text."""

    number: int  # 1-based position in the feed
    guid: str | None
    link: str | None
    title: str | None
    published: date | None
    text: str

    def article(self) -> Article | None:
        """The item on its own (without fetching its page): None when it has no text."""
        if not self.text:
            return None
        return Article(
            id=self.guid or make_id(self.link, self.text),
            text=self.text,
            published=self.published,
            url=self.link,
            title=self.title,
        )


class FeedError(ValueError):
    """The document is not a readable RSS/Atom feed."""


def parse_feed(data: bytes) -> list[FeedItem]:
    """All items of an RSS/Atom document, in feed order. Raises ``FeedError`` if it is not a feed.

    A feed with an XML error but readable items (feedparser's "bozo") is accepted.
    """
    import feedparser

    # A stream, never a string: feedparser fetches a str that looks like a URL or file name.
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as error:  # feedparser's own failures on damaged bytes (UnicodeDecodeError in its encoding
        # sniffing, found by bench/fuzz.py): the document is not a readable feed, never a traceback
        raise FeedError(f"not a readable RSS/Atom feed ({type(error).__name__}: {error})") from None
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise FeedError(f"not a readable RSS/Atom feed ({reason})")
    return [_item(number, entry) for number, entry in enumerate(parsed.entries, 1)]


def _item(number: int, entry: Any) -> FeedItem:
    bodies = [part.get("value", "") for part in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    texts = [fragment_text(body) for body in bodies if body]
    text = max(texts, key=len, default="")
    title = fragment_text(entry.get("title", "")) or None
    link = entry.get("link") or None
    guid = entry.get("id") or None
    return FeedItem(number, guid, link, title, _published(entry), text)


def _published(entry: Any) -> date | None:
    for key in ("published", "updated"):
        found = parse_any_date(entry.get(key))
        if found is not None:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed is not None:
            try:
                return publication_day(date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday))
            except ValueError:
                continue
    return None


def read_feed(path: Path | str) -> Iterator[Article | Skipped]:
    """A feed file -> one ``Article`` per item with text; items without are ``Skipped`` (``no_text``)."""
    where = str(path)
    with open(path, "rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        yield Skipped(None, "too_large", f"{where}: over {MAX_DOCUMENT_BYTES:,} bytes", where)
        return
    try:
        items = parse_feed(data)
    except FeedError as error:
        yield Skipped(None, "bad_feed", f"{where}: {error}", where)
        return
    for item in items:
        article = item.article()
        if article is None:
            location = f"{where} item {item.number}"
            link = f" (link {item.link})" if item.link else ""
            yield Skipped(None, "no_text", f"{location}: the item has no content or summary{link}", location)
        else:
            yield article
