"""Inputs of any kind: files, directories and globs, each read by the reader its content calls for.

``read_inputs`` is the one entry point. The format of a file is chosen by its first bytes, with the
extension as a hint where the bytes do not decide (steps in order):

0. ``PAR1`` -> ``parquet`` (one article per row, the columns of the JSONL contract)
1. ``WARC/``, or gzip whose first member starts with ``WARC/`` -> ``warc``; then the extension
   ``.jsonl``/``.ndjson`` -> ``jsonl`` (so each bad line is reported and the good ones read)
2. ``{`` -> ``jsonl``; ``[`` then ``{`` or ``]`` -> ``json`` (an array of article objects, parsed whole)
3. ``<rss``, ``<feed``, ``<rdf:RDF`` (after an optional ``<?xml ...?>``) -> ``feed``
4. ``<!doctype html``, ``<html`` (or ``<?xml`` followed by ``<html``) -> ``html``
5. other markup: the extension (``.html``/``.htm`` -> html, ``.xml``/``.rss``/``.atom`` -> feed),
   else ``<head``/``<body`` anywhere at the top -> html
6. the extension ``.jsonl``/``.ndjson`` -> jsonl (so each bad line is reported)
7. anything that decodes as UTF-8 and holds no NUL byte -> ``text``
8. else ``InputError`` naming the path (binary, gzip that is not a WARC, UTF-16, ...)
"""

from __future__ import annotations

import glob
import logging
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Article
from .common import Skipped
from .feeds import read_feed
from .html import read_html
from .jsonl import read_json_array, read_jsonl
from .parquet import read_parquet
from .text import read_text
from .warc import read_warc

__all__ = ["FORMATS", "expand_paths", "read_file", "read_inputs", "sniff_format"]

log = logging.getLogger(__name__)

Reader = Callable[[Path], Iterator[Article | Skipped]]

FORMATS: dict[str, Reader] = {
    "jsonl": read_jsonl,
    "json": read_json_array,
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
    "parquet": read_parquet,
}

_HINTS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".parquet": "parquet",
}
_HEAD_BYTES = 8192
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
_EXPECTED = "expected JSONL, plain text (UTF-8), HTML, an RSS/Atom feed, a JSON array or a WARC file"


def _hint(path: Path) -> str | None:
    return _HINTS.get(path.suffix.lower())


def sniff_format(path: Path | str) -> str:
    """The reader for a file: ``jsonl``, ``text``, ``html``, ``feed`` or ``warc`` (see the module doc).

    Raises ``InputError`` (reason ``unknown_format``) when the content fits none of them.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
    found = sniff_bytes(head, _hint(path))
    if found is None:
        raise InputError(f"{path}: unknown format ({_describe(head)}); {_EXPECTED}", reason="unknown_format")
    return found


def sniff_bytes(head: bytes, hint: str | None = None) -> str | None:
    """The format of a document from its first bytes and an extension hint, or None."""
    if head.startswith(b"PAR1") and hint != "jsonl":  # a file named .jsonl is read line by line, even this one
        return "parquet"
    if head.startswith(b"\x1f\x8b"):
        return "warc" if _gunzip_head(head).lstrip().startswith(b"WARC/") else None
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"WARC/"):
        return "warc"
    if hint == "jsonl":  # named .jsonl/.ndjson: read line by line, so each bad line is reported and good ones kept
        return "jsonl"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"[") and start[1:].lstrip()[:1] in (b"{", b"]"):
        return "json"
    lowered = start[:2048].lower()
    if lowered.startswith(b"<"):
        if lowered.startswith(b"<?xml"):
            roots = [(lowered.find(tag), "feed") for tag in _FEED_ROOTS] + [(lowered.find(b"<html"), "html")]
            present = sorted((at, kind) for at, kind in roots if at >= 0)
            return present[0][1] if present else (hint if hint == "html" else "feed")
        if lowered.startswith(_FEED_ROOTS):
            return "feed"
        if lowered.startswith((b"<!doctype html", b"<html")):
            return "html"
        if hint in ("html", "feed"):
            return hint
        if b"<head" in lowered or b"<body" in lowered:
            return "html"
    if hint == "jsonl":
        return "jsonl"
    return "text" if _is_text(head) else None


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    import codecs

    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
    except UnicodeDecodeError:
        return False
    return True


def _describe(head: bytes) -> str:
    if not head:
        return "empty"
    if head.startswith(b"\x1f\x8b"):
        return "gzip data that is not a WARC file"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text; convert it to UTF-8"
    return "binary data" if b"\x00" in head else "text that is not valid UTF-8"


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files to read, in order: each directory walked recursively (sorted, hidden entries left out),
    each glob expanded (sorted, ``**`` allowed); ``-`` kept as is. Raises ``InputError`` for a path
    that does not exist or a glob that matches nothing, before anything is read.
    """
    files: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.exists():
            files.append(raw)
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                raise InputError(f"{raw}: no file matches this pattern", reason="no_input")
            for match in matches:
                files.extend(_walk(Path(match)) if Path(match).is_dir() else [match])
        else:
            raise InputError(f"{raw}: no such file or directory", reason="no_input")
    return files


def _walk(root: Path) -> list[str]:
    found: list[str] = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        found.extend(os.path.join(directory, n) for n in names if not n.startswith("."))
    return sorted(found, key=lambda name: Path(name).parts)


def read_file(path: Path | str, fmt: str | None = None) -> Iterator[Article | Skipped]:
    """One file through the reader its content calls for (or ``fmt``); a file that cannot be read or
    recognised becomes one ``Skipped`` (``unknown_format`` / ``unreadable``) located at its path."""
    where = str(path)
    try:
        fmt = fmt or sniff_format(path)
        yield from FORMATS[fmt](Path(path))
    except InputError as error:
        yield Skipped(None, error.reason, str(error), where)
    except OSError as error:
        yield Skipped(None, "unreadable", f"{where}: cannot be read ({error.strerror or error})", where)


def read_inputs(paths: Sequence[str], stdin: BinaryIO | None = None) -> Iterator[Article | Skipped]:
    """Every article of every input, in order: files, directories (recursive, sorted) and globs.

    ``-`` reads JSONL from ``stdin`` (default ``sys.stdin.buffer``). Missing paths raise
    ``InputError`` up front; a file of unknown format yields a ``Skipped`` and the run goes on.
    """
    for name in expand_paths(paths):
        if name == "-":
            yield from read_jsonl("-", stream=stdin if stdin is not None else sys.stdin.buffer)
        else:
            yield from read_file(name)
