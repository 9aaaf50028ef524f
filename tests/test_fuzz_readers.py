"""Fuzzing the readers (issue 18): random bytes, JSON lines, HTML, feeds and WARC fragments through
``read_inputs`` and the date parsers. No input may raise anything; every bad item is a ``Skipped`` with its
location; every good JSONL line among bad ones is read."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warwatch.ingest import Skipped, read_inputs
from warwatch.ingest.common import parse_any_date
from warwatch.models import Article

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
GOOD = {"id": "good", "published": "2031-03-04", "text": "Russian drones struck Sumy overnight."}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["id", "text", "published", "x"]),
                                                                 inner, max_size=4),
    max_leaves=12,
)
nasty_lines = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.integers(min_value=1, max_value=3000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(min_value=1, max_value=3000).map(lambda n: b'{"id": "d", "text": ' + b"[" * n + b"]" * n + b"}"),
    st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"{", b"[{", b'{"id": 1, "text": "x", "published": 5}',
                     b'{"id": "s", "text": "Drones \\ud800 hit Sumy."}', b'{"id": "s\\udc00", "text": "x"}',
                     b'{"id": "e", "text": "Drones hit Sumy.", "published": "9999-12-31"}']),
)


def _warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = b"<html><body><p>Russian drones struck Sumy overnight, injuring four people.</p></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://127.0.0.1/a", "response", payload=io.BytesIO(body),
                                                  length=len(body), http_headers=headers))
    return buffer.getvalue()


WARC = _warc_bytes()
FRAGMENTS = [WARC, b"<html><head><title>t</title></head><body><p>x</p></body></html>",
             b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>t</title><description>Drones hit Sumy."
             b"</description></item></channel></rss>", b'[{"id": "a", "text": "Drones hit Sumy."}]']


def _read_all(path: Path) -> list[Article | Skipped]:
    items = list(read_inputs([str(path)]))  # must not raise
    for item in items:
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Skipped):
            assert item.location and item.location.startswith(str(path)), item
            assert item.message
    return items


@FUZZ
@given(lines=st.lists(nasty_lines, max_size=6), position=st.integers(min_value=0, max_value=6))
def test_jsonl_bad_lines_are_located_and_good_lines_read(tmp_path: Path, lines: list[bytes], position: int) -> None:
    lines = [line.replace(b"\n", b" ") for line in lines]
    lines.insert(min(position, len(lines)), json.dumps(GOOD).encode())
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = _read_all(path)
    assert any(isinstance(i, Article) and i.id == "good" for i in items)


@FUZZ
@given(fragment=st.sampled_from(FRAGMENTS), cut=st.integers(min_value=0, max_value=2000),
       noise=st.binary(max_size=40), suffix=st.sampled_from(["", ".warc", ".html", ".xml", ".json", ".txt"]))
def test_cut_and_mutated_documents_never_raise(tmp_path: Path, fragment: bytes, cut: int, noise: bytes,
                                               suffix: str) -> None:
    data = fragment[: cut % (len(fragment) + 1)] + noise
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(data)
    _read_all(path)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.bin"
    path.write_bytes(data)
    _read_all(path)


@given(text=st.text(max_size=60))
def test_date_parser_never_raises(text: str) -> None:
    parse_any_date(text)


PHRASE_WORDS = ["on", "last", "next", "Tuesday", "overnight", "yesterday", "ago", "days", "weeks", "months", "years",
                "three", "999999999", "31", "December", "1 January", "12/3", "in", "March", "year", "week", "month",
                "will", "killed", "wounded", "dozens", "1,200", "thirty-four", "and", "people", "no", "one", "hurt"]


@FUZZ
@given(words=st.lists(st.sampled_from(PHRASE_WORDS) | st.text(max_size=8), max_size=12),
       published=st.none() | st.dates())
def test_date_and_number_parsers_never_raise(words: list[str], published: date | None) -> None:
    """Any phrase against any publication day, the calendar's ends included (bench/fuzz.py found OverflowError)."""
    from warwatch.dates import find_time_expressions, resolve_event_date
    from warwatch.numbers import extract_casualties
    from warwatch.numbers.words import parse_number

    text = " ".join(words)
    find_time_expressions(text, published)
    resolve_event_date(text, published)
    extract_casualties(text)
    parse_number(text)


def test_a_jsonl_file_whose_first_line_is_the_parquet_magic_is_still_read_line_by_line(tmp_path: Path) -> None:
    """Found by the fuzzer: b"PAR1" as the first line of a .jsonl file made the whole file a failed Parquet read."""
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b"PAR1\n" + json.dumps(GOOD).encode() + b"\n")
    items = _read_all(path)
    assert [i.id for i in items if isinstance(i, Article)] == ["good"]
    assert any(isinstance(i, Skipped) for i in items)
