"""The JSONL reader: good lines become Articles, bad ones a Skipped with line number and reason."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from warwatch.ingest import Skipped, parse_published, read_jsonl
from warwatch.models import Article


def _read(data: bytes) -> list[Article | Skipped]:
    return list(read_jsonl("-", stream=io.BytesIO(data)))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"id": "a", "text": "x"', "not_json"),
        (b"not json at all", "not_json"),
        (b'["a", "b"]', "not_object"),
        (b'{"text": "no id here"}', "no_id"),
        (b'{"id": "", "text": "empty id"}', "no_id"),
        (b'{"id": "a"}', "no_text"),
        (b'{"id": "a", "text": "   "}', "no_text"),
        (b'{"id": "a", "text": 42}', "no_text"),
        (b'{"id": "a", "text": "ok", "published": "yesterday"}', "bad_published"),
        (b'{"id": "a", "text": "ok", "published": 20230530}', "bad_published"),
        (b'{"id": "a", "text": "caf\xe9"}', "not_utf8"),
    ],
)
def test_bad_line_is_skipped_with_reason_and_line_number(line: bytes, reason: str) -> None:
    good = json.dumps({"id": "g", "text": "Good text."}).encode()
    items = _read(good + b"\n" + line + b"\n" + good.replace(b'"g"', b'"h"') + b"\n")
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [s.reason for s in skipped] == [reason]
    assert skipped[0].line == 2
    assert skipped[0].message.startswith("line 2:")
    assert [i.id for i in items if isinstance(i, Article)] == ["g", "h"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-30", date(2023, 5, 30)),
        ("2023-05-30T21:04:00+03:00", date(2023, 5, 30)),
        ("2023-05-30T21:04:00Z", date(2023, 5, 30)),
        ("2023-05-30 08:00", date(2023, 5, 30)),
        (None, None),
        ("", None),
    ],
)
def test_parse_published(value: str | None, expected: date | None) -> None:
    assert parse_published(value) == expected


def test_fields_and_line_numbers() -> None:
    rows = [
        {"id": 7, "text": "T", "published": None, "title": "Head", "url": "https://example.org/a"},
        {"id": "b", "text": "U", "published": "2024-01-02"},
    ]
    data = b"\n".join(json.dumps(r).encode() for r in rows) + b"\n\n"
    items = _read(data)
    assert items == [
        Article(id="7", text="T", published=None, url="https://example.org/a", title="Head", line=1),
        Article(id="b", text="U", published=date(2024, 1, 2), line=2),
    ]


def test_empty_input_gives_nothing() -> None:
    assert _read(b"") == []
    assert _read(b"\n\n") == []
