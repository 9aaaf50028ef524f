"""WARC archives with warcio, streamed record by record: HTML ``response`` records with status 200."""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

from ..models import Article
from .common import MAX_DOCUMENT_BYTES, Skipped, parse_any_date
from .html import html_article

__all__ = ["HTML_TYPES", "read_warc"]

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path | str) -> Iterator[Article | Skipped]:
    """One ``Article`` per HTML page archived with status 200; ``.warc`` or ``.warc.gz``.

    Records that are not ``response`` records (warcinfo, request, metadata, revisit) are passed
    over in silence. A response that is not 200 is ``Skipped`` as ``http_status``, one that is not
    HTML as ``not_html``; ``location`` is ``"<file> record <n>"``, counting every record from 1.
    ``published`` falls back to the capture date (WARC-Date) when the page shows none.
    The file is read as a stream: memory holds one record at a time.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    number = 0
    with open(path, "rb") as handle:
        records = iter(ArchiveIterator(handle))
        while True:
            try:
                with _warcio_notes(f"{name} record {number + 1}"):
                    record = next(records)
                    number += 1
                    if record.rec_type != "response":
                        continue
                    found = _response(record, f"{name} record {number}")
            except StopIteration:
                return
            # warcio fails on a truncated or damaged file with its own error, or with AttributeError,
            # ValueError, EOFError or zlib.error from deep inside: all mean the rest cannot be read
            except (ArchiveLoadFailed, AttributeError, ValueError, EOFError, IndexError, zlib.error) as error:
                where = f"{name} record {number + 1}"
                detail = " ".join(str(error).split()) or type(error).__name__  # warcio's messages span lines
                message = f"{where}: not a readable WARC record (truncated or damaged: {detail}); reading stops here"
                yield Skipped(None, "bad_warc", message, where)
                return
            yield found


@contextmanager
def _warcio_notes(where: str) -> Iterator[None]:
    """warcio writes its warnings on a damaged file straight to stderr, with the rest of the record (kilobytes of
    it): take them and log their first lines instead."""
    buffer = io.StringIO()
    try:
        with redirect_stderr(buffer):
            yield
    finally:
        lines = [line.strip() for line in buffer.getvalue().splitlines() if line.strip()]
        if lines:
            log.warning("%s: %s", where, " ".join(lines[:2])[:200])


def _response(record: Any, where: str) -> Article | Skipped:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    http = record.http_headers
    if http is None:
        return Skipped(None, "not_html", f"{where}: {uri}: a response without HTTP headers", where)
    status = http.get_statuscode()
    if status != "200":
        return Skipped(None, "http_status", f"{where}: {uri}: HTTP status {status}", where)
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        return Skipped(None, "not_html", f"{where}: {uri}: content type {content_type or 'missing'}", where)
    data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
    captured = parse_any_date(record.rec_headers.get_header("WARC-Date"))
    return html_article(data, where, url=uri, published=captured)
