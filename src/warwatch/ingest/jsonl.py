"""The JSONL reader of the batch contract: streaming, with a reason for every skipped line."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Article
from .common import Skipped, parse_published

__all__ = ["Skipped", "iter_lines", "parse_published", "read_json_array", "read_jsonl"]

_BOM = b"\xef\xbb\xbf"
MAX_JSON_BYTES = 1_000_000_000  # a JSON array file is parsed whole: above this, convert it to JSONL

log = logging.getLogger(__name__)
_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON may escape one (\\ud800); no UTF-8 text can hold it


def _check_unicode(record: dict[str, object], number: int | None) -> None:
    """A string field holding a lone UTF-16 surrogate (a JSON escape such as ``\\ud800``, often half of an
    emoji cut by the exporter) is not Unicode text: spaCy, the output and the store cannot encode it."""
    for name in ("id", "text", "title", "url", "published"):
        value = record.get(name)
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found is not None:
            raise InputError(f'"{name}" holds a lone surrogate escape (\\u{ord(found.group()):04x} at character '
                             f"{found.start()}), which is not valid Unicode; fix the escape in the input",
                             number, "bad_unicode")


def _article(record: object, number: int | None) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", number, "not_object")
    _check_unicode(record, number)
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
        if number == 1:
            raw = raw.removeprefix(_BOM)  # a UTF-8 byte-order mark (Windows editors) is not part of the line
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
        except RecursionError:
            yield Skipped(number, "too_deep", f"line {number}: JSON nested too deeply to read", where)
            continue
        if isinstance(record, list) and record and all(isinstance(r, dict) for r in record):
            yield from _items(record, f"{where} item", number)  # a JSON array on one line: its objects
            continue
        try:
            yield _article(record, number)
        except InputError as error:
            yield Skipped(number, error.reason, str(error), where)


def _items(records: list[object], prefix: str, line: int | None) -> Iterator[Article | Skipped]:
    for index, record in enumerate(records, 1):
        where = f"{prefix} {index}"
        try:
            yield _article(record, None)
        except InputError as error:
            yield Skipped(line, error.reason, f"{where}: {error}", where)


def read_json_array(path: Path | str) -> Iterator[Article | Skipped]:
    """A JSON file holding an array of article objects (``[{"id": ..., "text": ...}, ...]``): one ``Article``
    per object, a ``Skipped`` located at ``"<file> item <n>"`` for each bad one. The file is parsed whole."""
    name = str(path)
    with open(path, "rb") as handle:
        data = handle.read(MAX_JSON_BYTES + 1)
    if len(data) > MAX_JSON_BYTES:
        message = f"{name}: a JSON file over {MAX_JSON_BYTES:,} bytes; convert it to JSONL (jq -c '.[]')"
        yield Skipped(None, "too_large", message, name)
        return
    try:
        records = json.loads(data.removeprefix(_BOM).decode("utf-8"))
    except UnicodeDecodeError as error:
        yield Skipped(None, "not_utf8", f"{name}: not valid UTF-8 ({error.reason} at byte {error.start})", name)
        return
    except json.JSONDecodeError:  # not one JSON document: read it line by line, so good lines are kept
        log.info("%s: not one JSON document; read as JSON lines", name)
        yield from read_jsonl(path)
        return
    except RecursionError:
        yield Skipped(None, "too_deep", f"{name}: JSON nested too deeply to read", name)
        return
    if not isinstance(records, list):
        records = [records]
    yield from _items(records, f"{name} item", None)
