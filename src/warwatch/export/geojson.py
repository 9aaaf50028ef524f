"""GeoJSON (RFC 7946): one FeatureCollection, written feature by feature (streamed), a Point per event at
``[lon, lat]`` with the event's main properties and its evidence. Events without coordinates are left out
and counted. See docs/export.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from ..query import source_count
from .common import ExportStats, actor_code
from .reader import StoredEvent

__all__ = ["geojson_feature", "write_geojson"]


def _codes(actors: Any) -> list[str]:
    return [c for c in (actor_code(a) for a in actors or [] if isinstance(a, dict)) if c]


def geojson_feature(event: StoredEvent) -> dict[str, Any] | str:
    """The event as a GeoJSON Feature, or the reason it has none."""
    r = event.record
    location = r.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    if lat is None or lon is None:
        return "no coordinates"
    urls = {s.article_id: s.url for s in event.sources}
    return {
        "type": "Feature",
        "id": r.get("event_id"),
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "event_id": r.get("event_id"),
            "event": r.get("event"),
            "mode": r.get("mode"),
            "weapon": r.get("weapon"),
            "date": r.get("date"),
            "actor": _codes(r.get("actor")),
            "recipient": _codes(r.get("recipient")),
            "place": location.get("name"),
            "country": location.get("country"),
            "admin1": location.get("admin1"),
            "precision": location.get("precision"),
            "dead": r.get("dead"),
            "injured": r.get("injured"),
            "background": r.get("background"),
            "score": r.get("score"),
            "confidence": r.get("confidence"),
            "sources": source_count(r),
            "evidence": [{"article_id": e.get("article_id"), "url": urls.get(str(e.get("article_id"))),
                          "text": e.get("text"), "start": e.get("start"), "end": e.get("end")}
                         for e in r.get("evidence") or [] if isinstance(e, dict)],
        },
    }


def write_geojson(events: Iterable[StoredEvent], out: IO[str], stats: ExportStats) -> None:
    out.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for event in events:
        feature = geojson_feature(event)
        if isinstance(feature, str):
            stats.left_out[feature] += 1
            continue
        out.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
        first = False
        stats.written += 1
    out.write("\n]}\n")
