"""The shapes of the API's requests and responses, for validation and for the OpenAPI document.

Event records are ``Event.to_json()`` objects (the batch contract: ``event_id``, ``event``, ``date``,
``location``, ``dead``, ``injured``, ``evidence``, ... and, for merged events, ``figures_by_source``);
they are passed through as stored, so their schema here is an open object.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ArticleIn",
    "ArticlesIn",
    "CodeResult",
    "DailyStats",
    "ErrorBody",
    "EventDetail",
    "EventPage",
    "Meta",
    "Source",
    "SourceWithText",
]

MAX_ARTICLES = 100  # per POST /articles
MAX_TEXT_CHARS = 1_000_000


class FieldError(BaseModel):
    field: str = Field(description="the parameter or body field at fault, e.g. `limit` or `articles[0].text`")
    location: str = Field(description="query, path, body or header")
    message: str


class ErrorBody(BaseModel):
    """Every error has this shape; none carries a stack trace."""

    error: str = Field(description="not_found, invalid_request, unauthorized, method_not_allowed, "
                                   "length_required, payload_too_large, store_unavailable or internal_error")
    message: str
    errors: list[FieldError] = Field(default_factory=list, description="for invalid_request: one per bad field")


class EventPage(BaseModel):
    count: int = Field(description="events on this page")
    limit: int
    sort: str
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    total: int | None = Field(description="events matching the filter, when asked with `total=true`")
    items: list[dict[str, Any]] = Field(description="event records (Event.to_json), in sort order")


class Span(BaseModel):
    text: str
    start: int = Field(description="offset of the span in the article text")
    end: int


class Source(BaseModel):
    article_id: str
    url: str | None
    published: str | None
    title: str | None
    dead: int | None = Field(description="the dead as this source reported them")
    injured: int | None = Field(description="the injured as this source reported them")
    evidence: list[Span]


class SourceWithText(Source):
    text: str | None = Field(description="the article text; evidence spans are text[start:end]")


class EventDetail(BaseModel):
    event: dict[str, Any] = Field(description="the event record, with the reconciled dead and injured")
    sources: list[Source]


class DailyStats(BaseModel):
    group_by: list[str]
    rows: list[dict[str, Any]] = Field(
        description="one per day and group: date, the groups (category, country), events, dead, injured")


class Meta(BaseModel):
    model_config = ConfigDict(extra="allow")

    schema_version: int | None
    articles: int
    events: int
    background: int
    first_date: str | None
    last_date: str | None
    bbox: list[float] | None
    writable: bool = Field(description="whether the server accepts writes (it was started with a token)")


class ArticleIn(BaseModel):
    """One article, as in the batch contract (a line of `warwatch code`'s JSONL input)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    published: str | None = Field(None, max_length=40, description="ISO date or date-time")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


class Skip(BaseModel):
    location: str | None = Field(description="the article's url, or its id")
    reason: str
    message: str


class CodedEvent(BaseModel):
    event_id: str
    event: str
    date: str | None
    background: bool


class CodeResult(BaseModel):
    received: int
    coded: int
    stored: int = Field(description="articles new or changed")
    unchanged: int = Field(description="articles already stored with the same text")
    skipped: list[Skip]
    events: list[CodedEvent] = Field(description="the events written or merged into")
