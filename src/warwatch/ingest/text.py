"""Plain-text files: the whole file is one article, with no date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..models import Article
from .common import MAX_DOCUMENT_BYTES, Skipped, make_id

__all__ = ["read_text"]


def read_text(path: Path | str) -> Iterator[Article | Skipped]:
    """One UTF-8 text file -> one ``Article`` (``published`` None, id from the text)."""
    where = str(path)
    with open(path, "rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        yield Skipped(None, "too_large", f"{where}: over {MAX_DOCUMENT_BYTES:,} bytes", where)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield Skipped(None, "not_utf8", f"{where}: not valid UTF-8 ({error.reason} at byte {error.start})", where)
        return
    if not text.strip():
        yield Skipped(None, "no_text", f"{where}: the file is empty", where)
        return
    yield Article(id=make_id(None, text), text=text)
