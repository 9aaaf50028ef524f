"""The JSONL reader of the batch contract: streaming, with a reason for every skipped line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Article
from .common import Skipped, parse_published

__all__ = ["Skipped", "iter_lines", "parse_published", "read_jsonl"]

log = logging.getLogger(__name__)


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


def iter_lines(handle: BinaryIO, first_line: int = 1) -> Iterator[tuple[int, bytes]]:
    yield from enumerate(handle, first_line)


def read_jsonl(path: Path | str, stream: BinaryIO | None = None, first_line: int = 1) -> Iterator[Article | Skipped]:
    """Yield an ``Article`` for every good line and a ``Skipped`` for every bad one, in file order.

    Reads bytes line by line, so memory stays flat however large the file is; ``-`` reads stdin.
    Each ``Skipped.location`` is ``"<file> line <n>"`` (``<stdin>`` for ``-``). A ``stream`` that is a
    shard of the file (``cluster.Partition``) starts at line ``first_line``.
    """
    name = "<stdin>" if str(path) == "-" else str(path)
    if stream is not None:
        yield from _read(stream, name, first_line)
        return
    with open(path, "rb") as handle:
        yield from _read(handle, name, first_line)


def _read(handle: BinaryIO, name: str, first_line: int = 1) -> Iterator[Article | Skipped]:
    for number, raw in iter_lines(handle, first_line):
        if not raw.strip():
            continue
        where = f"{name} line {number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            message = f"line {number}: not valid UTF-8 ({error.reason} at byte {error.start})"
            yield Skipped(number, "not_utf8", message, where)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(number, "not_json", f"line {number}: not JSON: {error.msg} at column {error.colno}", where)
            continue
        try:
            yield _article(record, number)
        except InputError as error:
            yield Skipped(number, error.reason, str(error), where)
