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
    "ArticleOut",
    "CodeResult",
    "DailyStats",
    "ErrorBody",
    "EventDetail",
    "EventPage",
    "Meta",
]

MAX_ARTICLES = 100  # per POST /articles
MAX_TEXT_CHARS = 1_000_000


class FieldError(BaseModel):
    field: str = Field(description="the parameter or body field at fault, e.g. `limit` or `articles[0].text`")
    location: str = Field(description="query, path, body or header")
    message: str


class ErrorDetail(BaseModel):
    status: int
    code: str = Field(description="not_found, invalid_request, unauthorized, forbidden, method_not_allowed, "
                                  "length_required, payload_too_large, store_unavailable or internal_error")
    message: str
    field: str | None = Field(description="for a 422: the (first) bad parameter or body field")
    errors: list[FieldError] = Field(default_factory=list, description="for a 422: every bad field")


class ErrorBody(BaseModel):
    """Every error has this shape; none carries a stack trace."""

    error: ErrorDetail


class EventPage(BaseModel):
    events: list[dict[str, Any]] = Field(description="event records (Event.to_json) with `sources`, in sort order")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    count: int = Field(description="events on this page")
    limit: int
    sort: str
    total: int | None = Field(description="events matching the filter, when asked with `total=true`")


class Span(BaseModel):
    text: str
    start: int = Field(description="offset of the span in the article text")
    end: int


class ArticleOut(BaseModel):
    id: str
    url: str | None
    title: str | None
    published: str | None
    text: str | None = Field(description="the article text; each evidence span is text[start:end]")
    dead: int | None = Field(description="the dead as this source reported them")
    injured: int | None = Field(description="the injured as this source reported them")
    evidence: list[Span]


class EventDetail(BaseModel):
    """The event record (all its fields) with `sources`, `figures_by_source` and `articles`."""

    model_config = ConfigDict(extra="allow")

    event_id: str
    sources: int
    figures_by_source: list[dict[str, Any]]
    articles: list[ArticleOut]


class DailyStats(BaseModel):
    days: list[dict[str, Any]] = Field(
        description="one per day and group: date, category and/or country, events, dead, injured")
    group_by: list[str]


class Meta(BaseModel):
    model_config = ConfigDict(extra="allow")

    categories: list[str]
    countries: list[str]
    date_min: str | None
    date_max: str | None
    events: int = Field(description="events in the store, background mentions included")
    writable: bool = Field(description="whether the server accepts writes (it was started with a token)")


class ArticleIn(BaseModel):
    """One article, as in the batch contract (a line of `warwatch code`'s JSONL input)."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    published: str | None = Field(None, max_length=40, description="ISO date or date-time")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)


class Skip(BaseModel):
    location: str | None = Field(description="the article's url, or its id")
    reason: str
    message: str


class CodeResult(BaseModel):
    events: list[dict[str, Any]] = Field(description="the events written or merged into (records)")
    received: int
    coded: int
    stored: int = Field(description="articles new or changed")
    unchanged: int = Field(description="articles already stored with the same text")
    skipped: list[Skip] = Field(description="articles the screen left out (not English, no war content)")
