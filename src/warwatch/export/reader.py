"""The one reader the text export formats share: the store's events that match an ``EventFilter``, streamed a
page at a time by keyset pagination, each with its source articles.

Order: the date (oldest first, undated events last), then event_id. A page is read in two steps, so that no
query sorts more than one page of records: first the next ``page_size`` keys (date, event_id) after the
previous page's last key (a top-N over two narrow columns), then the records between the page's first and
last keys, sorted (a range the store's date order lets DuckDB skip to). Memory stays flat: one page of
records and its articles at a time, whatever the number of events. The filter's SQL and the keyset
condition are ``warwatch.query``'s (``EventFilter.where``, the same cursor order as ``find_events``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..query import EventFilter, _keyset

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["DEFAULT_PAGE_SIZE", "Source", "StoredEvent", "iter_events"]

DEFAULT_PAGE_SIZE = 5000
_ORDER = "date ASC NULLS LAST, event_id ASC"


@dataclass(frozen=True, slots=True)
class Source:
    """An article behind an event, as stored."""

    article_id: str
    url: str | None
    title: str | None
    published: date | None
    coded_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One event of the store: its newest record (``Event.to_json()``) and its articles, in the order of
    ``article_ids`` (an article id missing from the store is left out)."""

    record: dict[str, Any]
    sources: tuple[Source, ...]

    @property
    def event_id(self) -> str:
        return str(self.record.get("event_id"))


def _sources(store: Store, records: list[dict[str, Any]]) -> dict[str, Source]:
    ids = sorted({str(a) for r in records for a in r.get("article_ids") or []})
    if not ids:
        return {}
    rows = store.fetch("SELECT id, url, title, published, coded_at FROM articles "
                        "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {str(r[0]): Source(str(r[0]), r[1], r[2], r[3], r[4]) for r in rows}


def _not_after(key: date | None, event_id: str) -> tuple[str, list[Any]]:
    """The condition 'at or before (key, event_id)' in the order date NULLS LAST, event_id."""
    if key is None:
        return "(date IS NOT NULL OR event_id <= ?)", [event_id]
    return "(date < ? OR (date = ? AND event_id <= ?))", [key, key, event_id]


def iter_events(store: Store, filter: EventFilter | None = None, *,
                page_size: int = DEFAULT_PAGE_SIZE) -> Iterator[StoredEvent]:
    """Every event matching ``filter`` (default: news events), oldest first, ``page_size`` per page."""
    if page_size < 1:
        raise ValueError(f"page_size must be 1 or more, got {page_size}")
    where, params = (filter or EventFilter()).where()
    after: tuple[date | None, str] | None = None
    while True:
        conditions, values = [where], list(params)
        if after is not None:
            condition, extra = _keyset("date", False, after[0], after[1])
            conditions.append(condition)
            values += extra
        keys = store.fetch(f"SELECT date, event_id FROM latest_events WHERE {' AND '.join(conditions)} "
                            f"ORDER BY {_ORDER} LIMIT {int(page_size)}", values)
        if not keys:
            return
        first, last = keys[0], keys[-1]
        condition, extra = _not_after(last[0], str(last[1]))
        conditions.append(condition)
        values += extra
        if first[0] is not None and last[0] is not None:  # lets DuckDB skip row groups by their date range
            conditions.append("date BETWEEN ? AND ?")
            values += [first[0], last[0]]
        rows = store.fetch(f"SELECT record FROM latest_events WHERE {' AND '.join(conditions)} ORDER BY {_ORDER}",
                            values)
        records = [json.loads(r[0]) for r in rows]
        articles = _sources(store, records)
        for record in records:
            sources = tuple(articles[str(a)] for a in record.get("article_ids") or [] if str(a) in articles)
            yield StoredEvent(record, sources)
        if len(keys) < page_size:
            return
        after = (last[0], str(last[1]))
