"""The Parquet reader: one article per row, with the columns of the JSONL contract (``id``, ``text``,
``published``, ``title``, ``url``), read in batches through DuckDB (no other dependency)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from ..models import Article
from .common import Skipped
from .jsonl import _article

__all__ = ["read_parquet"]

_BATCH = 1024


def read_parquet(path: Path | str) -> Iterator[Article | Skipped]:
    """Yield an ``Article`` for every good row and a ``Skipped`` for every bad one, in file order.

    ``Skipped.line`` is the 1-based row number; a date or timestamp column ``published`` is taken as its day.
    """
    import duckdb

    with duckdb.connect() as con:
        number = 0
        try:
            cursor = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
            names = [column[0] for column in cursor.description]
            batches = iter(lambda: cursor.fetchmany(_BATCH), [])
            rows = next(batches, [])
        except duckdb.Error as error:  # "PAR1" and then no Parquet file: say so, never a traceback
            detail = " ".join(str(error).split())
            yield Skipped(None, "bad_parquet", f"{path}: not a readable Parquet file ({detail})", str(path))
            return
        while rows:
            for row in rows:
                number += 1
                record = {name: _plain(value) for name, value in zip(names, row, strict=True)}
                try:
                    yield _article(record, number)
                except InputError as error:
                    yield Skipped(number, error.reason, str(error), f"{path} row {number}")
            try:
                rows = next(batches, [])
            except duckdb.Error as error:  # a damaged row group: what was read stands, reading stops here
                detail = " ".join(str(error).split())
                yield Skipped(None, "bad_parquet", f"{path} after row {number}: not readable ({detail}); reading "
                              "stops here", f"{path} row {number + 1}")
                return


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value
