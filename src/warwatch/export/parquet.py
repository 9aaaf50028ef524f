"""Parquet, written by DuckDB itself (``COPY (SELECT ...) TO ... (FORMAT parquet)``): one file, or a folder
partitioned by month (``PARTITION_BY (month)``: ``month=2031-03/data_0.parquet``; undated events in
``month=__HIVE_DEFAULT_PARTITION__``). The schema is fixed here, column by column, whatever the store holds
(``PARQUET_SCHEMA``; docs/export.md); list columns are empty lists, never null. The rows never pass through
Python, so memory stays flat however many events there are."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

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


def _select(where: str) -> str:
    columns = ", ".join(f"CAST({sql} AS {kind}) AS \"{name}\"" for name, (kind, sql) in PARQUET_SCHEMA.items())
    return f"SELECT {columns} FROM latest_events WHERE {where}"  # the store's order: a sort would not stream


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
    target = str(path).replace("'", "''")
    options = f"FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_SIZE}"
    settings: dict[str, str | int | bool] = {}
    if by_month:
        options += ", PARTITION_BY (month)"
        # one writer thread flushing each month's rows every row group: otherwise every thread keeps a buffer
        # per month, and a few years of months outgrow a small memory limit
        settings = {"threads": 1, "partitioned_write_flush_threshold": ROW_GROUP_SIZE}
    with duckdb_settings(store, settings):
        store._query(f"COPY ({_select(where)}) TO '{target}' ({options})", params)
    stats = ExportStats()
    stats.written = int(store._scalar(f"SELECT count(*) FROM latest_events WHERE {where}", params))
    return stats
