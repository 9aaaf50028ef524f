"""Parquet, written by DuckDB itself (``COPY (SELECT ...) TO ... (FORMAT parquet)``): one file, or a folder
partitioned by month in Hive's layout (that of DuckDB's ``PARTITION_BY (month)``:
``month=2031-03/data_0.parquet``; undated events in ``month=__HIVE_DEFAULT_PARTITION__``), written a month at
a time. The schema is fixed here, column by column, whatever the store holds (``PARQUET_SCHEMA``;
docs/export.md); list columns are empty lists, never null. The rows never pass through Python, so memory
stays flat however many events there are."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..query import EventFilter
from .common import ExportStats, duckdb_settings

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["PARQUET_SCHEMA", "write_parquet"]

_ACTOR = "STRUCT(name VARCHAR, country VARCHAR, sector VARCHAR)[]"
# column -> (DuckDB type, SQL over latest_events and its record ``r``)
PARQUET_SCHEMA: dict[str, tuple[str, str]] = {
    "event_id": ("VARCHAR", "event_id"),
    "event": ("VARCHAR", "event"),
    "mode": ("VARCHAR", "mode"),
    "context": ("VARCHAR[]", "coalesce(json_extract(record, '$.context'), '[]')"),
    "weapon": ("VARCHAR", "weapon"),
    "actor": (_ACTOR, "coalesce(json_extract(record, '$.actor'), '[]')"),
    "recipient": (_ACTOR, "coalesce(json_extract(record, '$.recipient'), '[]')"),
    "claimed_by": (_ACTOR, "coalesce(json_extract(record, '$.claimed_by'), '[]')"),
    "date": ("DATE", "date"),
    "date_precision": ("VARCHAR", "json_extract_string(record, '$.date_precision')"),
    "date_source": ("VARCHAR", "json_extract_string(record, '$.date_source')"),
    "location_name": ("VARCHAR", "location_name"),
    "country": ("VARCHAR", "country"),
    "admin1": ("VARCHAR", "admin1"),
    "lat": ("DOUBLE", "json_extract(record, '$.location.lat')"),  # the record's (4 decimals), as every format
    "lon": ("DOUBLE", "json_extract(record, '$.location.lon')"),
    "geonameid": ("BIGINT", "json_extract(record, '$.location.geonameid')"),
    "precision": ("VARCHAR", "precision"),
    "dead": ("INTEGER", "dead"),
    "injured": ("INTEGER", "injured"),
    "dead_qualifier": ("VARCHAR", "json_extract_string(record, '$.dead_qualifier')"),
    "injured_qualifier": ("VARCHAR", "json_extract_string(record, '$.injured_qualifier')"),
    "background": ("BOOLEAN", "background"),
    "score": ("DOUBLE", "json_extract(record, '$.score')"),
    "confidence": ("DOUBLE", "confidence"),
    "sources": ("INTEGER", "sources"),
    "article_ids": ("VARCHAR[]", "coalesce(json_extract(record, '$.article_ids'), '[]')"),
    "evidence": ('STRUCT(article_id VARCHAR, "text" VARCHAR, "start" INTEGER, "end" INTEGER)[]',
                 "coalesce(json_extract(record, '$.evidence'), '[]')"),
    "figures_by_source": ("STRUCT(article_id VARCHAR, published VARCHAR, dead INTEGER, injured INTEGER)[]",
                          "coalesce(json_extract(record, '$.figures_by_source'), '[]')"),
    "month": ("VARCHAR", "strftime(date, '%Y-%m')"),
}
ROW_GROUP_SIZE = 10_000
# DuckDB's memory limit while writing by month: 256 MB ran out at 1,000,000 events (a month's COPY did not
# release its memory for the next), 512 MB holds them (bench/export.py)
BY_MONTH_MEMORY = "512MB"
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # the folder of a null partition value, as DuckDB and Hive name it


def _select(where: str) -> str:
    columns = ", ".join(f"CAST({sql} AS {kind}) AS \"{name}\"" for name, (kind, sql) in PARQUET_SCHEMA.items())
    return f"SELECT {columns} FROM latest_events WHERE {where}"  # the store's order: a sort would not stream


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _write_months(store: Store, where: str, params: list[Any], folder: Path, options: str) -> None:
    """The layout of DuckDB's ``PARTITION_BY (month)`` (``month=YYYY-MM/data_0.parquet``, the partition column
    in the folder name, not in the files), written one month at a time: DuckDB's own partitioned writer keeps
    a buffer per month and ran out of a 256 MB limit at 1,000,000 events over three years."""
    months = [r[0] for r in store.fetch(
        f"SELECT DISTINCT strftime(date, '%Y-%m') AS month FROM latest_events WHERE {where} ORDER BY month", params)]
    folder.mkdir(parents=True)
    columns = ", ".join(f'"{name}"' for name in PARQUET_SCHEMA if name != "month")
    for month in months:
        part = folder / f"month={month if month is not None else HIVE_NULL}"
        part.mkdir()
        if month is None:
            condition, bounds = "date IS NULL", []
        else:
            first = date.fromisoformat(f"{month}-01")
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            condition, bounds = "date >= ? AND date < ?", [first, following]
        select = f"SELECT {columns} FROM ({_select(f'({where}) AND {condition}')})"
        store.fetch(f"COPY ({select}) TO '{_quote(part / 'data_0.parquet')}' ({options})", [*params, *bounds])


def write_parquet(store: Store, filter: EventFilter | None, path: Path, *, by_month: bool = False,
                  overwrite: bool = False) -> ExportStats:
    """Write the events matching ``filter`` to ``path``: a Parquet file, or with ``by_month`` a folder of
    ``month=YYYY-MM`` partitions. An existing target is an error unless ``overwrite``."""
    where, params = (filter or EventFilter()).where()
    if path.exists():
        if not overwrite:
            raise StoreError(f"{path} exists; remove it or pass --overwrite")
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    options = f"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_SIZE}"
    if not by_month:
        store.fetch(f"COPY ({_select(where)}) TO '{_quote(path)}' ({options})", params)
    else:
        with duckdb_settings(store, {"memory_limit": BY_MONTH_MEMORY}):
            _write_months(store, where, params, path, options)
    stats = ExportStats()
    stats.written = int(store.scalar(f"SELECT count(*) FROM latest_events WHERE {where}", params))
    return stats
