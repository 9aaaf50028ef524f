"""Exports of the store's events to the formats of the event-data world: PLOVER JSON lines, ACLED-style CSV,
GDELT/CAMEO-style CSV, GeoJSON and Parquet. One module per format; all of them read the store through
``reader.iter_events`` (``warwatch.query``'s filter and keyset pagination) except Parquet, which DuckDB writes
from the same filter without the rows passing through Python. Field by field: docs/export.md.

    with Store.open(path, read_only=True) as store:
        stats = export_events(store, "acled", EventFilter(country=("UKR",)), Path("ukraine.csv"))
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import WarwatchError
from ..query import EventFilter
from .acled import write_acled
from .cameo import write_cameo
from .common import ExportStats, duckdb_settings
from .geojson import write_geojson
from .parquet import write_parquet
from .plover import write_plover
from .reader import DEFAULT_PAGE_SIZE, StoredEvent, iter_events

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["FORMATS", "ExportError", "ExportOptions", "ExportStats", "StoredEvent", "export_events", "iter_events"]

Writer = Callable[[Iterable[StoredEvent], IO[str], ExportStats], None]
_TEXT_WRITERS: dict[str, Writer] = {"plover": write_plover, "acled": write_acled, "cameo": write_cameo,
                                    "geojson": write_geojson}
FORMATS: tuple[str, ...] = (*_TEXT_WRITERS, "parquet")


class ExportError(WarwatchError):
    """An export that cannot be written as asked (unknown format, Parquet to stdout, ...)."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """``by_month``: Parquet only, a folder partitioned by month. ``overwrite``: Parquet only, replace an
    existing file or folder. ``page_size``: events read per query by the text formats. ``memory_limit``:
    DuckDB's memory limit while exporting (its cache of the store's blocks otherwise grows with the store,
    up to 80% of the machine's memory); None leaves the connection's setting alone."""

    by_month: bool = False
    overwrite: bool = False
    page_size: int = DEFAULT_PAGE_SIZE
    memory_limit: str | None = "256MB"


def export_events(store: Store, format: str, filter: EventFilter | None, output: Path | IO[str],
                  options: ExportOptions = ExportOptions()) -> ExportStats:
    """Write the events of ``store`` matching ``filter`` in ``format`` (one of ``FORMATS``) to ``output``
    (a path, or for the text formats an open text stream)."""
    settings: dict[str, str | int | bool] = {"enable_progress_bar": False}
    if options.memory_limit is not None:
        if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", options.memory_limit):
            raise ExportError(f"memory_limit: expected a size such as 256MB, got {options.memory_limit!r}")
        settings["memory_limit"] = options.memory_limit
    with duckdb_settings(store, settings):
        return _export(store, format, filter, output, options)


def _export(store: Store, format: str, filter: EventFilter | None, output: Path | IO[str],
            options: ExportOptions) -> ExportStats:
    if format == "parquet":
        if not isinstance(output, Path):
            raise ExportError("parquet is written to a file or folder: give --output PATH")
        return write_parquet(store, filter, output, by_month=options.by_month, overwrite=options.overwrite)
    writer = _TEXT_WRITERS.get(format)
    if writer is None:
        raise ExportError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
    if options.by_month:
        raise ExportError("--by-month partitions Parquet output only")
    stats = ExportStats()
    events = iter_events(store, filter, page_size=options.page_size)
    if isinstance(output, Path):
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output, "w", encoding="utf-8", newline="") as handle:
            writer(events, handle, stats)
    else:
        writer(events, output, stats)
    return stats
