"""Queries over the store: filtered, sorted and paginated events, one event with its sources, the articles
behind an event, daily counts and casualty sums, and the values the filters can take.

What ``warwatch show`` and the REST API (``warwatch.api``) both call. Every query reads ``latest_events``
(one row per event: its newest record, see ``warwatch.store``), so none has to pick the newest of an
event's mentions at read time.

Safety: SQL is never built from what a user typed. A filter adds fixed fragments with ``?`` placeholders
(the number of placeholders of an ``IN`` list is the only thing that varies); the sort key and the
grouping columns are looked up in the whitelists ``SORT_KEYS`` and ``GROUP_KEYS``.

Pagination is by keyset, not by offset: a page ends with a cursor holding the sort key and the
``event_id`` of its last event, and the next page starts strictly after that pair. Pages stay fast however
deep one pages, and an event written between two requests neither shifts nor repeats the others.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import WarwatchError

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "DEFAULT_GROUPS",
    "DEFAULT_SORT",
    "GROUP_KEYS",
    "SORT_KEYS",
    "BBox",
    "EventFilter",
    "Page",
    "QueryError",
    "daily_stats",
    "daily_stats_json",
    "event_articles",
    "find_events",
    "get_event",
    "meta",
    "source_count",
]

# sort name -> column of latest_events; "-name" sorts descending. Ties are broken by event_id (ascending).
SORT_KEYS: dict[str, str] = {
    "date": "date",
    "dead": "dead",
    "injured": "injured",
    "confidence": "confidence",
    "sources": "sources",
    "event_id": "event_id",
}
DEFAULT_SORT = "-date"
# daily_stats grouping name -> column of latest_events
GROUP_KEYS: dict[str, str] = {"category": "event", "country": "country"}
DEFAULT_GROUPS = ("category", "country")
MAX_TEXT = 200  # characters of a free-text query or of one filter value


class QueryError(WarwatchError):
    """A bad filter, sort, cursor or grouping. ``field`` names the parameter at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True, slots=True)
class BBox:
    """A bounding box in degrees, GeoJSON order (west, south, east, north). ``west > east`` crosses the
    antimeridian (e.g. 170,-20,-170,20)."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def __post_init__(self) -> None:
        for name in ("min_lon", "max_lon"):
            value = getattr(self, name)
            if not (math.isfinite(value) and -180.0 <= value <= 180.0):
                raise QueryError("bbox", f"{name} must be between -180 and 180, got {value}")
        for name in ("min_lat", "max_lat"):
            value = getattr(self, name)
            if not (math.isfinite(value) and -90.0 <= value <= 90.0):
                raise QueryError("bbox", f"{name} must be between -90 and 90, got {value}")
        if self.min_lat > self.max_lat:
            raise QueryError("bbox", f"south ({self.min_lat}) is north of north ({self.max_lat})")

    @classmethod
    def parse(cls, text: str) -> BBox:
        """``"west,south,east,north"``, e.g. ``"22,44,41,53"``."""
        parts = text.split(",")
        if len(parts) != 4:
            raise QueryError("bbox", f"expected four numbers west,south,east,north, got {text[:60]!r}")
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise QueryError("bbox", f"expected four numbers west,south,east,north, got {text[:60]!r}") from None
        return cls(*values)


_UPPER = ("category", "country", "actor", "recipient")
_LOWER = ("mode", "weapon")
_LISTS = (*_UPPER, *_LOWER, "admin1")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a query returns; every condition given must hold (values of one field are alternatives).

    Named after the event fields: ``category`` is the PLOVER ``event``, ``country`` and ``admin1`` the
    location's, ``actor`` and ``recipient`` an actor's code (its country, IGO or group code, else its
    name, as ``warwatch show`` prints it). ``since`` and ``until`` are inclusive and leave out undated
    events. ``background``: False (default) news events only, True background mentions only, None both.
    ``q``: words that must appear in the evidence (one substring, case-insensitive).
    """

    since: date | None = None
    until: date | None = None
    bbox: BBox | None = None
    category: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    weapon: tuple[str, ...] = ()
    min_dead: int | None = None
    min_injured: int | None = None
    background: bool | None = False
    q: str | None = None

    def __post_init__(self) -> None:
        for name in _LISTS:
            raw: Any = getattr(self, name)
            values = (raw,) if isinstance(raw, str) else tuple(raw)
            cleaned = []
            for value in values:
                if not isinstance(value, str):
                    raise QueryError(name, f"expected text, got {value!r}")
                value = value.strip()
                if not value:
                    raise QueryError(name, "empty value")
                if len(value) > MAX_TEXT:
                    raise QueryError(name, f"longer than {MAX_TEXT} characters")
                cleaned.append(value.upper() if name in _UPPER else value.lower() if name in _LOWER else value)
            object.__setattr__(self, name, tuple(dict.fromkeys(cleaned)))
        for name in ("min_dead", "min_injured"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise QueryError(name, f"must be a whole number, 0 or more, got {value!r}")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise QueryError("until", f"{self.until} is before since ({self.since})")
        if self.q is not None:
            q = self.q.strip()
            if not q:
                raise QueryError("q", "empty search text")
            if len(q) > MAX_TEXT:
                raise QueryError("q", f"longer than {MAX_TEXT} characters")
            object.__setattr__(self, "q", q)

    def by_day_only(self) -> bool:
        """Whether only the day, category, country and background are filtered on: the columns of the
        store's ``daily_counts`` roll-up."""
        return (self.bbox is None and not (self.admin1 or self.actor or self.recipient or self.mode or self.weapon)
                and self.min_dead is None and self.min_injured is None and self.q is None)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``latest_events`` (fixed fragments, ``?`` placeholders) and its parameters."""
        parts: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            parts.append(sql)
            params.extend(values)

        def any_of(column: str, values: Sequence[str]) -> None:
            if len(values) == 1:
                add(f"{column} = ?", values[0])
            elif values:
                add(f"{column} IN ({', '.join('?' for _ in values)})", *values)

        if self.since is not None:
            add("date >= ?", self.since)
        if self.until is not None:
            add("date <= ?", self.until)
        if self.bbox is not None:
            b = self.bbox
            add("lat BETWEEN ? AND ?", b.min_lat, b.max_lat)
            if b.min_lon <= b.max_lon:
                add("lon BETWEEN ? AND ?", b.min_lon, b.max_lon)
            else:  # across the antimeridian
                add("(lon >= ? OR lon <= ?)", b.min_lon, b.max_lon)
        any_of("event", self.category)
        any_of("country", self.country)
        any_of("admin1", self.admin1)
        any_of("mode", self.mode)
        any_of("weapon", self.weapon)
        if self.actor:
            add("list_has_any(actors, ?::VARCHAR[])", list(self.actor))
        if self.recipient:
            add("list_has_any(recipients, ?::VARCHAR[])", list(self.recipient))
        if self.min_dead is not None:
            add("dead >= ?", self.min_dead)
        if self.min_injured is not None:
            add("injured >= ?", self.min_injured)
        if self.background is not None:
            add("background = ?", self.background)
        if self.q is not None:
            add("contains(evidence, lower(?))", self.q)
        return (" AND ".join(parts) or "TRUE"), params


@dataclass(frozen=True, slots=True)
class Page:
    """One page of events: their records as JSON text (``items`` parses them), the cursor of the next page
    (None on the last page) and, when asked for, the number of events the filter matches."""

    records: tuple[str, ...]
    next_cursor: str | None
    sort: str
    total: int | None = None
    limit: int | None = field(default=None)

    @property
    def items(self) -> list[dict[str, Any]]:
        return [json.loads(r) for r in self.records]

    def to_json_bytes(self) -> bytes:
        """``{"events": [...], "next_cursor": ..., ...}``, with the stored records spliced in unparsed."""
        head = json.dumps({"next_cursor": self.next_cursor, "sort": self.sort, "limit": self.limit,
                           "total": self.total, "count": len(self.records)})
        return ('{"events": [' + ", ".join(self.records) + "], " + head[1:]).encode()


def _sort(sort: str) -> tuple[str, str, bool]:
    """(name, column, descending) of a whitelisted sort key such as ``-date``."""
    descending = sort.startswith("-")
    name = sort[1:] if descending else sort
    column = SORT_KEYS.get(name)
    if column is None:
        known = ", ".join(f"{k}, -{k}" for k in SORT_KEYS)
        raise QueryError("sort", f"unknown sort {sort[:40]!r}; one of {known}")
    return name, column, descending


def _key_to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    text = json.dumps([sort, _key_to_json(key), event_id], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """(sort key, event_id) from a cursor made by ``encode_cursor`` for the same ``sort``."""
    bad = QueryError("cursor", "not a cursor returned by this API (next_cursor of a previous page)")
    if len(cursor) > 2000:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, key, event_id = json.loads(raw.decode())
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise bad from None
    if cursor_sort != sort:
        raise QueryError("cursor", f"this cursor belongs to sort {str(cursor_sort)[:40]!r}, not {sort!r}")
    if not isinstance(event_id, str):
        raise bad
    name = _sort(sort)[0]
    if key is None or name == "event_id":
        return (event_id if name == "event_id" else None), event_id
    try:
        if name == "date" and isinstance(key, str):
            return date.fromisoformat(key), event_id
        if name in ("dead", "injured", "sources") and isinstance(key, int) and not isinstance(key, bool):
            return key, event_id
        if name == "confidence" and isinstance(key, int | float) and not isinstance(key, bool):
            return float(key), event_id
    except ValueError:
        pass
    raise bad


def _keyset(column: str, descending: bool, key: Any, event_id: str) -> tuple[str, list[Any]]:
    """The condition 'after (key, event_id)' in the order ``column [DESC] NULLS LAST, event_id``."""
    if column == "event_id":
        return ("event_id < ?" if descending else "event_id > ?"), [event_id]
    if key is None:  # already among the events without a value: the rest of them
        return f"({column} IS NULL AND event_id > ?)", [event_id]
    op = "<" if descending else ">"
    return f"({column} {op} ? OR ({column} = ? AND event_id > ?) OR {column} IS NULL)", [key, key, event_id]


def find_events(
    store: Store,
    filter: EventFilter | None = None,
    sort: str = DEFAULT_SORT,
    limit: int | None = 100,
    cursor: str | None = None,
    *,
    with_total: bool = False,
    with_sources: bool = False,
) -> Page:
    """The events matching ``filter``, in ``sort`` order (ties by event_id), ``limit`` at a time
    (None: all); ``cursor`` is a previous page's ``next_cursor``. ``with_sources``: each record also
    carries ``sources``, its number of articles (merged records have it already)."""
    record = "json_merge_patch(record, json_object('sources', sources))::VARCHAR" if with_sources else "record"
    filter = filter or EventFilter()
    if limit is not None and (isinstance(limit, bool) or limit < 0):
        raise QueryError("limit", f"must be 0 or more, got {limit}")
    name, column, descending = _sort(sort)
    where, params = filter.where()
    conditions = [where]
    if cursor:
        key, after = decode_cursor(cursor, sort)
        condition, values = _keyset(column, descending, key, after)
        conditions.append(condition)
        params = [*params, *values]
    if column == "event_id":
        order = f"event_id {'DESC' if descending else 'ASC'}"
    else:
        order = f"{column} {'DESC' if descending else 'ASC'} NULLS LAST, event_id ASC"
    where_sql = " AND ".join(conditions)
    if limit is None:  # everything: one pass
        rows = store.fetch(f"SELECT {record}, {column}, event_id FROM latest_events WHERE {where_sql} "
                            f"ORDER BY {order}", params)
        return Page(tuple(str(r[0]) for r in rows), None, sort, len(rows) if with_total else None, limit)
    # A page in two steps, in one snapshot: the ids in order (narrow columns only), then their records by
    # the primary key. Reading the wide record column only for the page's rows keeps a later page (whose
    # keyset condition defeats DuckDB's top-N pruning) as cheap as the first.
    with store.transaction():
        rows = store.fetch(f"SELECT event_id, {column} FROM latest_events WHERE {where_sql} ORDER BY {order} LIMIT ?",
                            [*params, limit + 1])
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            if rows:
                last, key = rows[-1]
                next_cursor = encode_cursor(sort, key, str(last))
        ids = [str(r[0]) for r in rows]
        records: dict[str, str] = {}
        if ids:
            records = {str(i): str(r) for i, r in store.fetch(
                f"SELECT event_id, {record} FROM latest_events WHERE event_id IN ({', '.join('?' for _ in ids)})",
                ids)}
        total = None
        if with_total:
            where, params = filter.where()
            total = int(store.scalar(f"SELECT count(*) FROM latest_events WHERE {where}", params))
    return Page(tuple(records[i] for i in ids), next_cursor, sort, total, limit)


def _record(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = store.fetch("SELECT record FROM latest_events WHERE event_id = ?", [event_id])
    return json.loads(rows[0][0]) if rows else None


def _articles(store: Store, record: dict[str, Any]) -> list[dict[str, Any]]:
    """One object per article of the event, in the record's order: ``id``, ``url``, ``title``,
    ``published``, ``text``, the evidence spans in it (``text[start:end]``) and the ``dead`` and ``injured``
    this source gave (``figures_by_source``; a single source's are the event's)."""
    ids = [str(i) for i in record.get("article_ids") or []]
    rows: dict[str, tuple[Any, ...]] = {}
    if ids:
        rows = {str(r[0]): r for r in store.fetch(
            f"SELECT id, url, published, title, text FROM articles WHERE id IN ({', '.join('?' for _ in ids)})", ids)}
    figures = {f.get("article_id"): f for f in _figures_by_source(record)}
    out = []
    for article_id in ids:
        row = rows.get(article_id)
        figure = figures.get(article_id, {})
        published = row[2] if row is not None else None
        out.append({
            "id": article_id,
            "url": row[1] if row is not None else None,
            "title": row[3] if row is not None else None,
            "published": published.isoformat() if isinstance(published, date) else None,
            "text": row[4] if row is not None else None,
            "dead": figure.get("dead"),
            "injured": figure.get("injured"),
            "evidence": [
                {"text": e.get("text"), "start": e.get("start"), "end": e.get("end")}
                for e in record.get("evidence") or [] if isinstance(e, dict) and e.get("article_id") == article_id
            ],
        })
    return out


def _figures_by_source(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's ``figures_by_source``; for a record without (one report, not merged) its own figures."""
    given = [f for f in record.get("figures_by_source") or [] if isinstance(f, dict)]
    ids = record.get("article_ids") or []
    if given or len(ids) != 1:
        return given
    return [{"article_id": ids[0], "published": None, "dead": record.get("dead"), "injured": record.get("injured")}]


def source_count(record: dict[str, Any]) -> int:
    """How many articles report the event of ``record``: its ``sources`` when merged (a record of an event
    with more than ``DedupRules.sources_listed`` sources lists only the first in ``article_ids``), else the
    number of its ``article_ids``."""
    given = record.get("sources")
    if isinstance(given, int) and not isinstance(given, bool):
        return given
    return len(record.get("article_ids") or [])


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event's newest record, with ``sources`` (its number of articles), ``figures_by_source`` (what
    each source reported) and ``articles`` (each with its text, its evidence spans and its own figures, as
    ``event_articles`` gives them). None: no such event.

    An event with more than ``DedupRules.sources_listed`` sources lists the first of them (by publication
    date) in ``article_ids``, ``figures_by_source`` and ``articles``; ``sources`` counts them all and
    ``sources_listed`` says how many are listed (the store's ``mentions`` table keeps every source)."""
    record = _record(store, event_id)
    if record is None:
        return None
    return {**record, "sources": source_count(record),
            "figures_by_source": _figures_by_source(record), "articles": _articles(store, record)}


def event_articles(store: Store, event_id: str) -> list[dict[str, Any]] | None:
    """The articles behind an event (see ``get_event``). None: no such event."""
    record = _record(store, event_id)
    if record is None:
        return None
    return _articles(store, record)


def daily_stats_json(
    store: Store, filter: EventFilter | None = None, group_by: Iterable[str] = DEFAULT_GROUPS,
    *, rollup: bool | None = None,
) -> str:
    """``daily_stats`` as JSON text, built by DuckDB (thousands of rows never become Python objects).

    ``rollup``: read ``daily_counts`` (True) or the events (False); None chooses (the roll-up when the
    filter allows it)."""
    if rollup and not (filter or EventFilter()).by_day_only():
        raise QueryError("filter", "the daily roll-up holds only the day, category, country and background")
    groups = list(dict.fromkeys(group_by))
    for name in groups:
        if name not in GROUP_KEYS:
            raise QueryError("group_by", f"unknown grouping {name[:40]!r}; any of {', '.join(GROUP_KEYS)}")
    filter = filter or EventFilter()
    where, params = filter.where()
    keys = ["date", *(GROUP_KEYS[g] for g in groups)]
    if filter.by_day_only() if rollup is None else rollup:  # a few rows per day instead of one per event
        measures, table = ("sum(events)", "sum(dead)", "sum(injured)"), "daily_counts"
    else:
        measures, table = ("count(*)", "coalesce(sum(dead), 0)", "coalesce(sum(injured), 0)"), "latest_events"
    names = ["date", *groups]
    inner = (f"SELECT {', '.join(f'{k} AS {n}' for k, n in zip(keys, names, strict=True))}, "
             f"{', '.join(f'({m})::BIGINT AS {n}' for m, n in zip(measures, _MEASURES, strict=True))} "
             f"FROM {table} WHERE {where} AND date IS NOT NULL GROUP BY ALL")
    fields = ", ".join(f"'{n}': {n}" for n in (*names, *_MEASURES))
    order = ", ".join(f"{n} NULLS LAST" for n in names)
    sql = f"SELECT coalesce(to_json(list({{{fields}}} ORDER BY {order})), '[]')::VARCHAR FROM ({inner})"
    return str(store.scalar(sql, params))


_MEASURES = ("events", "dead", "injured")


def daily_stats(
    store: Store, filter: EventFilter | None = None, group_by: Iterable[str] = DEFAULT_GROUPS,
    *, rollup: bool | None = None,
) -> list[dict[str, Any]]:
    """Per day (and per category and/or country): the number of events and the sums of their dead and
    injured (unknown figures count 0). Undated events are left out. Ordered by day, then the groups.

    Filters on the day, category, country and background only are answered from the store's
    ``daily_counts`` roll-up; any other filter counts the matching events themselves."""
    return list(json.loads(daily_stats_json(store, filter, group_by, rollup=rollup)))


def _facet(store: Store, column: str, limit: int) -> list[dict[str, Any]]:
    rows = store.fetch(
        f"SELECT {column} AS value, count(*) AS n FROM latest_events WHERE NOT background AND {column} IS NOT NULL "
        "GROUP BY value ORDER BY n DESC, value LIMIT ?", [limit])
    return [{"value": v, "events": int(n)} for v, n in rows]


def _list_facet(store: Store, column: str, limit: int) -> list[dict[str, Any]]:
    rows = store.fetch(
        f"SELECT value, count(*) AS n FROM (SELECT unnest(list_distinct({column})) AS value FROM latest_events "
        "WHERE NOT background) GROUP BY value ORDER BY n DESC, value LIMIT ?", [limit])
    return [{"value": v, "events": int(n)} for v, n in rows]


def meta(store: Store, *, top: int = 200) -> dict[str, Any]:
    """What the store holds, for filter bars: ``categories`` and ``countries`` (sorted), ``date_min``,
    ``date_max``, ``events`` (background mentions included; ``background`` counts those), the articles, the
    bounding box, and per filter field the values it can take with their number of news events, most
    frequent first (``top`` at most per field)."""
    events, background, first, last, west, south, east, north = store.fetch(
        "SELECT count(*) FILTER (WHERE NOT background), count(*) FILTER (WHERE background), min(date), max(date), "
        "min(lon), min(lat), max(lon), max(lat) FROM latest_events")[0]
    admin1 = store.fetch(
        "SELECT country, admin1, count(*) AS n FROM latest_events WHERE NOT background AND admin1 IS NOT NULL "
        "GROUP BY ALL ORDER BY n DESC, country, admin1 LIMIT ?", [top])
    versions = [v for v, _, _ in store.migrations()]
    categories = _facet(store, "event", top)
    countries = _facet(store, "country", top)
    return {
        "categories": sorted(c["value"] for c in categories),
        "countries": sorted(c["value"] for c in countries),
        "date_min": first.isoformat() if first else None,
        "date_max": last.isoformat() if last else None,
        "events": int(events) + int(background),
        "background": int(background),
        "articles": store.count_articles(),
        "schema_version": max(versions) if versions else None,
        "bbox": [west, south, east, north] if west is not None else None,
        # the values each filter can take, with their number of news events, most frequent first
        "category": categories,
        "country": countries,
        "admin1": [{"country": c, "value": a, "events": int(n)} for c, a, n in admin1],
        "mode": _facet(store, "mode", top),
        "weapon": _facet(store, "weapon", top),
        "actor": _list_facet(store, "actors", top),
        "recipient": _list_facet(store, "recipients", top),
        "sort": [s for k in SORT_KEYS for s in (k, f"-{k}")],
        "group_by": list(GROUP_KEYS),
    }
