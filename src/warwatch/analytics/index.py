"""The escalation index: daily series per country, admin1 region and actor-recipient pair, from the store.

What is counted (see the README, "Escalation"):

- **Events**: each merged event once (``latest_events``: deduplication has already folded every report of
  one happening into one record), news events only (background mentions are left out), on its event day.
- **A day** is the event's date as the coder resolved it (explicit, relative to the publication date, or the
  publication date), a calendar day with no time of day; events with no day (week or month precision,
  or undated) are left out and counted in ``Index.undated``.
- **Dead and injured**: the merged event's reconciled figures (unknown counts as 0), so a toll reported by
  ten outlets is added once.
- **Conflict and cooperation**: each event's PLOVER score (-10 most conflictual .. +10 most cooperative,
  from its category and mode, ``events.event_score``) times its weight ``1 + log2(independent sources)``;
  ``conflict`` sums the negative side (as a positive number), ``cooperation`` the positive side, ``score``
  the net (cooperation minus conflict).
- **Independent sources**: the distinct publishers (the host of each article's URL, ``www.`` dropped; the
  article id when there is no URL) among the event's articles. Ten copies of one wire story on one site
  count once; the log keeps a story that fifty outlets repeat from outweighing fifty separate attacks.
- **Coverage volume**: ``articles`` is the number of articles in the store published that day (all
  countries). ``Series.normalised(metric)`` divides a day's value by that day's volume relative to the
  median volume of the period, to tell more fighting from more feeds; the raw series are what spikes and
  alerts read, since deduplication and the source weight already damp coverage.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import WarwatchError

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "CATEGORIES",
    "COUNT_METRICS",
    "METRICS",
    "SERIES_KINDS",
    "Index",
    "IndexError_",
    "IndexEvent",
    "Series",
    "build_index",
    "contribution",
    "load_events",
    "load_volume",
    "series_keys",
]

CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# metrics that are counts of something (the Poisson, negative-binomial and CUSUM detectors read these);
# "category:X" is a count too
COUNT_METRICS = ("events", "dead", "injured", "sources")
METRICS = (*COUNT_METRICS, "conflict", "cooperation", "score")
SERIES_KINDS = ("all", "country", "admin1", "dyad")


class IndexError_(WarwatchError):  # noqa: N801 - IndexError is a builtin
    """A bad series key, metric or period."""


@dataclass(frozen=True, slots=True)
class IndexEvent:
    """One merged news event as the index reads it."""

    event_id: str
    day: date
    category: str
    mode: str | None
    score: float
    country: str | None
    admin1: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    dead: int
    injured: int
    sources: int  # independent sources: distinct publishers
    lat: float | None = None
    lon: float | None = None
    place: str | None = None
    evidence: tuple[tuple[str, str], ...] = ()  # (article_id, sentence)

    @property
    def weight(self) -> float:
        return 1.0 + math.log2(max(1, self.sources))

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id, "date": self.day.isoformat(), "event": self.category, "mode": self.mode,
            "score": self.score, "country": self.country, "admin1": self.admin1, "actors": list(self.actors),
            "recipients": list(self.recipients), "dead": self.dead, "injured": self.injured,
            "sources": self.sources, "place": self.place,
            "evidence": [{"article_id": a, "text": t} for a, t in self.evidence],
        }


def contribution(event: IndexEvent, metric: str) -> float:
    """What ``event`` adds to ``metric`` on its day."""
    if metric == "events":
        return 1.0
    if metric.startswith("category:"):
        return 1.0 if event.category == metric.removeprefix("category:") else 0.0
    if metric == "dead":
        return float(event.dead)
    if metric == "injured":
        return float(event.injured)
    if metric == "sources":
        return float(event.sources)
    if metric == "conflict":
        return event.weight * max(0.0, -event.score)
    if metric == "cooperation":
        return event.weight * max(0.0, event.score)
    if metric == "score":
        return event.weight * event.score
    raise IndexError_(f"unknown metric {metric!r}; one of {', '.join(METRICS)} or category:<PLOVER category>")


def check_metric(metric: str) -> str:
    if metric in METRICS:
        return metric
    if metric.startswith("category:") and metric.removeprefix("category:").upper() in CATEGORIES:
        return "category:" + metric.removeprefix("category:").upper()
    raise IndexError_(f"unknown metric {metric!r}; one of {', '.join(METRICS)} or category:<PLOVER category>")


def is_count(metric: str) -> bool:
    return metric in COUNT_METRICS or metric.startswith("category:")


def series_keys(event: IndexEvent) -> Iterator[str]:
    """The series an event counts in: ``all``, ``country:UKR``, ``admin1:UKR/Kharkiv Oblast`` and one
    ``dyad:RUS>UKR`` per actor-recipient pair (an actor acting on itself is no pair)."""
    yield "all"
    if event.country:
        yield f"country:{event.country}"
        if event.admin1:
            yield f"admin1:{event.country}/{event.admin1}"
    for actor in event.actors:
        for recipient in event.recipients:
            if actor != recipient:
                yield f"dyad:{actor}>{recipient}"


def check_key(key: str) -> str:
    kind = key.split(":", 1)[0]
    if kind not in SERIES_KINDS or (kind != "all" and ":" not in key) or (kind == "all" and key != "all"):
        raise IndexError_(f"bad series {key!r}; all, country:ISO3, admin1:ISO3/Region or dyad:ACTOR>RECIPIENT")
    return key


@dataclass(frozen=True, slots=True)
class Series:
    """One series over every day of the period (days without events are zeros)."""

    key: str
    start: date
    days: int
    events: tuple[IndexEvent, ...]  # every event of the series in the period, by day then id
    volume: tuple[int, ...] = ()  # articles published per day in the store (coverage), one per day
    _cache: dict[str, tuple[float, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def values(self, metric: str) -> tuple[float, ...]:
        metric = check_metric(metric)
        cached = self._cache.get(metric)
        if cached is None:
            out = [0.0] * self.days
            for event in self.events:
                out[(event.day - self.start).days] += contribution(event, metric)
            cached = tuple(out)
            self._cache[metric] = cached
        return cached

    def normalised(self, metric: str) -> tuple[float, ...]:
        """``values(metric)`` per unit of coverage: each day divided by its article volume relative to the
        median volume of the period's days with any (a day with no volume is left as it is)."""
        raw = self.values(metric)
        busy = [v for v in self.volume if v > 0]
        if not busy:
            return raw
        median = statistics.median(busy)
        return tuple(x * median / v if v > 0 else x for x, v in zip(raw, self.volume, strict=True))

    def on(self, day: date) -> list[IndexEvent]:
        return [e for e in self.events if e.day == day]

    def drivers(self, day: date, metric: str, limit: int = 10) -> list[IndexEvent]:
        """The events that make ``metric`` on ``day``, largest contribution first."""
        found = [(abs(contribution(e, metric)), e) for e in self.on(day)]
        found = [(c, e) for c, e in found if c > 0]
        found.sort(key=lambda ce: (-ce[0], -ce[1].sources, ce[1].event_id))
        return [e for _, e in found[:limit]]

    def rows(self, metrics: Sequence[str] = METRICS) -> Iterator[dict[str, Any]]:
        """One dict per day: the series, the day, each metric and the count of each PLOVER category."""
        columns = {m: self.values(m) for m in metrics}
        categories = {c: self.values(f"category:{c}") for c in CATEGORIES}
        for i, day in enumerate(self.dates):
            row: dict[str, Any] = {"series": self.key, "date": day.isoformat()}
            row.update({m: _number(columns[m][i]) for m in metrics})
            row["articles"] = self.volume[i] if self.volume else None
            row["categories"] = {c: int(v[i]) for c, v in categories.items() if v[i]}
            yield row


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 3)


@dataclass(frozen=True, slots=True)
class Index:
    """Every series of a period, with the period and what was left out."""

    start: date
    end: date
    series: Mapping[str, Series]
    undated: int = 0

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def get(self, key: str) -> Series:
        """The series ``key`` (all zeros when it had no event in the period)."""
        found = self.series.get(check_key(key))
        if found is None:
            volume = next(iter(self.series.values())).volume if self.series else ()
            return Series(key, self.start, self.days, (), volume)
        return found

    def keys(self, kind: str | None = None) -> list[str]:
        return sorted(k for k in self.series if kind is None or k.split(":", 1)[0] == kind)

    def rest(self, key: str, metric: str) -> tuple[float, ...] | None:
        """For a region ``admin1:UKR/Kharkiv Oblast``: ``metric`` of the rest of its country, day by day (the
        country's series less the region's; the offset of the ``pooled`` spike detector). None for any
        other kind of series."""
        if check_key(key).split(":", 1)[0] != "admin1":
            return None
        country = self.get("country:" + key.split(":", 1)[1].split("/", 1)[0]).values(metric)
        own = self.get(key).values(metric)
        return tuple(max(0.0, c - v) for c, v in zip(country, own, strict=True))


def build_index(events: Iterable[IndexEvent], start: date, end: date,
                volume: Mapping[date, int] | None = None) -> Index:
    """The daily series of ``events`` from ``start`` to ``end`` (inclusive); events outside are ignored."""
    if end < start:
        raise IndexError_(f"the period ends ({end}) before it starts ({start})")
    days = (end - start).days + 1
    grouped: dict[str, list[IndexEvent]] = defaultdict(list)
    for event in events:
        if start <= event.day <= end:
            for key in series_keys(event):
                grouped[key].append(event)
    counts = tuple((volume or {}).get(start + timedelta(days=i), 0) for i in range(days))
    series = {
        key: Series(key, start, days, tuple(sorted(found, key=lambda e: (e.day, e.event_id))), counts)
        for key, found in grouped.items()
    }
    return Index(start, end, series)


# -- reading the store ----------------------------------------------------------------------------

_HOST = r"^[a-z][a-z0-9+.-]*://(www\.)?([^/:?#]+)"
_EVENTS_SQL = f"""
WITH ev AS (
    SELECT event_id, event, mode, date, country, admin1, lat, lon, location_name, dead, injured, actors,
           recipients, record
    FROM latest_events
    WHERE NOT background AND date IS NOT NULL AND date BETWEEN ? AND ? {{where}}
),
src AS (
    SELECT event_id, unnest(from_json(json_extract(record, '$.article_ids'), '["VARCHAR"]')) AS article_id
    FROM ev
),
publishers AS (
    SELECT src.event_id,
           count(DISTINCT coalesce(nullif(regexp_extract(lower(a.url), '{_HOST}', 2), ''), src.article_id)) AS n
    FROM src LEFT JOIN articles a ON a.id = src.article_id
    GROUP BY src.event_id
)
SELECT ev.event_id, ev.event, ev.mode, ev.date, ev.country, ev.admin1, ev.lat, ev.lon, ev.location_name,
       coalesce(ev.dead, 0), coalesce(ev.injured, 0), ev.actors, ev.recipients,
       coalesce(TRY_CAST(json_extract_string(ev.record, '$.score') AS DOUBLE), 0.0),
       coalesce(p.n, 1), json_extract(ev.record, '$.evidence')
FROM ev LEFT JOIN publishers p USING (event_id)
ORDER BY ev.date, ev.event_id
"""


def load_events(store: Store, start: date, end: date, *, country: str | None = None) -> list[IndexEvent]:
    """The merged news events dated ``start`` to ``end`` (inclusive), optionally of one country."""
    where = ""
    params: list[Any] = [start, end]
    if country:
        where = "AND country = ?"
        params = [*params, country.upper()]
    rows = store.fetch(_EVENTS_SQL.format(where=where), params)
    events = []
    for (event_id, category, mode, day, place_country, admin1, lat, lon, place, dead, injured, actors, recipients,
         score, sources, evidence) in rows:
        lines = tuple(
            (str(e.get("article_id")), str(e.get("text")))
            for e in (json.loads(evidence) if isinstance(evidence, str) else evidence or [])
            if isinstance(e, dict) and e.get("text")
        )
        events.append(IndexEvent(
            event_id=str(event_id), day=day, category=str(category), mode=mode, score=float(score),
            country=place_country, admin1=admin1, actors=tuple(actors or ()), recipients=tuple(recipients or ()),
            dead=max(0, int(dead)), injured=max(0, int(injured)), sources=max(1, int(sources)), lat=lat, lon=lon,
            place=place, evidence=lines,
        ))
    return events


def count_undated(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM latest_events WHERE NOT background AND date IS NULL"))


def load_volume(store: Store, start: date, end: date) -> dict[date, int]:
    """Articles in the store per publication day: the coverage volume."""
    rows = store.fetch("SELECT published, count(*) FROM articles WHERE published BETWEEN ? AND ? GROUP BY 1",
                        [start, end])
    return {d: int(n) for d, n in rows}


def date_span(store: Store) -> tuple[date, date] | None:
    """The first and last event day of the store's news events."""
    row = store.fetch("SELECT min(date), max(date) FROM latest_events WHERE NOT background")[0]
    return None if row[0] is None else (row[0], row[1])


def index_from_store(store: Store, start: date, end: date, *, country: str | None = None) -> Index:
    """``build_index`` over the store's events and coverage volume from ``start`` to ``end``."""
    built = build_index(load_events(store, start, end, country=country), start, end, load_volume(store, start, end))
    return Index(built.start, built.end, built.series, count_undated(store))
