"""Ingest: the JSONL reader of the batch contract, streaming, with a reason for every skipped line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .models import Article

__all__ = ["Skipped", "parse_published", "read_jsonl"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A line that could not be read, with its 1-based line number and a short reason code."""

    line: int
    reason: str  # not_utf8 | not_json | not_object | no_id | no_text | bad_published
    message: str


def parse_published(value: object) -> date | None:
    """ISO date or datetime (``2023-05-30``, ``2023-05-30T21:04:00+03:00``) -> date; None stays None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {type(value).__name__}")
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) == 10 else datetime.fromisoformat(text).date()
    except ValueError:
        return date.fromisoformat(text[:10])


def _article(record: object, number: int) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", number, "not_object")
    article_id = record.get("id")
    if article_id is None or (isinstance(article_id, str) and not article_id.strip()):
        raise InputError('missing "id"', number, "no_id")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f'article {article_id}: missing or empty "text"', number, "no_text")
    try:
        published = parse_published(record.get("published"))
    except ValueError as error:
        raise InputError(
            f'article {article_id}: "published" is not an ISO date ({error})', number, "bad_published"
        ) from None
    title = record.get("title")
    url = record.get("url")
    return Article(
        id=str(article_id),
        text=text,
        published=published,
        url=url if isinstance(url, str) else None,
        title=title if isinstance(title, str) else None,
        line=number,
    )


def iter_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(handle, 1):
        yield number, raw


def read_jsonl(path: Path | str, stream: BinaryIO | None = None) -> Iterator[Article | Skipped]:
    """Yield an ``Article`` for every good line and a ``Skipped`` for every bad one, in file order.

    Reads bytes line by line, so memory stays flat however large the file is; ``-`` reads stdin.
    """
    if stream is not None:
        yield from _read(stream)
        return
    with open(path, "rb") as handle:
        yield from _read(handle)


def _read(handle: BinaryIO) -> Iterator[Article | Skipped]:
    for number, raw in iter_lines(handle):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Skipped(number, "not_utf8", f"line {number}: not valid UTF-8 ({error.reason} at byte {error.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(number, "not_json", f"line {number}: not JSON: {error.msg} at column {error.colno}")
            continue
        try:
            yield _article(record, number)
        except InputError as error:
            yield Skipped(number, error.reason, str(error))
