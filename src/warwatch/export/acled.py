"""ACLED-style CSV: one row per event with ACLED's column names, its event types from the PLOVER->ACLED
table of ``mappings`` (events of categories ACLED has no type for, and undated events, are left out and
counted). See docs/export.md for each column and what cannot be mapped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any
from urllib.parse import urlsplit

from .common import ExportStats, country, evidence_texts, write_csv
from .mappings import ACLED_DISORDER, acled_rule
from .reader import StoredEvent

__all__ = ["ACLED_COLUMNS", "GEO_PRECISION", "TIME_PRECISION", "acled_actor", "acled_row", "write_acled"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "iso3", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "injured",
)
# location precision -> ACLED geo_precision (1 the town itself, 2 near it or part of a region, 3 a larger region)
GEO_PRECISION: dict[str, int] = {"point": 1, "city": 1, "admin1": 3, "country": 3}
# date precision -> ACLED time_precision (1 the day, 2 the week or a few days, 3 the month)
TIME_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3}
_SECTOR_LABELS: dict[str, str] = {
    "MIL": "Military Forces of {}", "GOV": "Government of {}", "COP": "Police Forces of {}",
    "CVL": "Civilians ({})", "JUD": "Judiciary of {}", "LEG": "Legislature of {}",
}
MAX_NOTES = 2000


def acled_actor(actor: dict[str, Any]) -> str:
    """An actor named the way ACLED names them: a state's forces by their sector and country ("Military Forces
    of Russia"), others by their name."""
    place = country(actor.get("country"))
    name = str(actor.get("name") or actor.get("country") or "")
    if place is None:
        return name
    label = _SECTOR_LABELS.get(str(actor.get("sector")))
    return label.format(place.name) if label else place.name


def _actors(actors: list[dict[str, Any]]) -> tuple[str, str]:
    labels = list(dict.fromkeys(acled_actor(a) for a in actors if isinstance(a, dict)))
    return (labels[0] if labels else ""), "; ".join(labels[1:])


def _source_name(url: str | None, article_id: str) -> str:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else article_id


def acled_row(event: StoredEvent) -> dict[str, Any] | str:
    """The event's ACLED row, or the reason it has none."""
    r = event.record
    rule = acled_rule(r)
    if rule is None or rule.event_type is None:
        return f"no ACLED type: {r.get('event')}"
    if not r.get("date"):
        return "undated"
    location = r.get("location") or {}
    place = country(location.get("country"))
    actor1, assoc1 = _actors(r.get("actor") or [])
    actor2, assoc2 = _actors(r.get("recipient") or [])
    sources = list(dict.fromkeys(_source_name(s.url, s.article_id) for s in event.sources))
    dead = r.get("dead")
    return {
        "event_id_cnty": r.get("event_id"),
        "event_date": r.get("date"),
        "year": int(str(r.get("date"))[:4]),
        "time_precision": TIME_PRECISION.get(str(r.get("date_precision")), 1),
        "disorder_type": ACLED_DISORDER[rule.event_type],
        "event_type": rule.event_type,
        "sub_event_type": rule.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "iso": place.numeric if place and place.numeric is not None else "",
        "iso3": location.get("country") or "",
        "country": place.name if place else (location.get("country") or ""),
        "admin1": location.get("admin1") or "",
        "location": location.get("name") or "",
        "latitude": "" if location.get("lat") is None else location["lat"],
        "longitude": "" if location.get("lon") is None else location["lon"],
        "geo_precision": GEO_PRECISION.get(str(location.get("precision")), 3),
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": " ".join(evidence_texts(r))[:MAX_NOTES],
        "fatalities": dead if isinstance(dead, int) else 0,
        "injured": "" if r.get("injured") is None else r["injured"],
    }


def write_acled(events: Iterable[StoredEvent], out: IO[str], stats: ExportStats) -> None:
    write_csv(events, out, stats, list(ACLED_COLUMNS), acled_row)
