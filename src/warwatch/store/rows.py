"""Rows of the store's tables from events and reports, and an article's content hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..models import Article, Event

if TYPE_CHECKING:
    from ..dedup import Report

__all__ = ["columns", "content_hash", "event_values", "mention_row", "record_text", "sources"]


def record_text(event: Event, article_id: str) -> str:
    try:
        return json.dumps(event.to_json(), ensure_ascii=False, default=str)
    except ValueError as error:  # circular references in Event.extra
        raise StoreError(f"event {event.event_id} of article {article_id} cannot be stored: {error}") from error


def columns(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Rows as one list per column: the parameters of a bulk ``INSERT ... SELECT unnest(?), ...``."""
    return [list(column) for column in zip(*rows, strict=True)]


def event_values(event: Event, record_text: str) -> tuple[Any, ...]:
    """The columns of an ``events`` row after ``event_id`` and ``article_id`` (``sql.EVENT_COLUMNS``)."""
    location = event.location
    return (
        event.event, event.mode, list(event.context), event.weapon,
        json.dumps([a.to_json() for a in event.actor], ensure_ascii=False),
        json.dumps([a.to_json() for a in event.recipient], ensure_ascii=False),
        event.date.date, event.date.precision, event.date.source,
        location.name if location else None, location.country if location else None,
        location.admin1 if location else None, location.lat if location else None,
        location.lon if location else None, location.geonameid if location else None,
        location.precision if location else None,
        event.casualties.dead, event.casualties.injured, event.background, event.score, event.confidence,
        record_text,
    )


def mention_row(item: tuple[Report, str]) -> tuple[Any, ...]:
    """The ``mentions`` row of a report merged into the event ``item[1]`` (columns of ``sql.INSERT_MENTIONS``)."""
    report, event_id = item
    event, c = report.event, report.event.casualties
    article_id = event.article_ids[0] if event.article_ids else event.event_id
    return (event.event_id, article_id, event_id, report.published, event.event, event.date.date, event.background,
            record_text(event, article_id), c.dead, c.injured, c.dead_qualifier, c.injured_qualifier)


def sources(event: Event) -> int:
    """How many articles report ``event``: ``sources`` of a merged record (which may list fewer), else its ids."""
    given = event.extra.get("sources")
    return given if isinstance(given, int) and not isinstance(given, bool) else len(event.article_ids)


def content_hash(article: Article) -> str:
    """sha256 hex digest of ``id + "\\0" + text``: the article's identity in the store."""
    return hashlib.sha256(f"{article.id}\0{article.text}".encode()).hexdigest()
