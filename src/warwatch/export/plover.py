"""PLOVER JSON lines: one event per line with the field names of the PLOVER specification (manual 0.8,
chapter "Data Fields"); warwatch's own fields follow under their own names. See docs/export.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from .. import __version__
from .common import ExportStats, country
from .mappings import QUAD
from .reader import StoredEvent

__all__ = ["RESOLUTION", "plover_record", "write_plover"]

# location precision -> the resolution code of PLOVER's location object (5 sub-city ... 1 country)
RESOLUTION: dict[str, int] = {"point": 5, "city": 4, "admin1": 2, "country": 1}
_CODER = f"warwatch {__version__}"


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    return {"code": actor.get("country"), "sector": actor.get("sector"), "entity_text": actor.get("name")}


def _location(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if not location:
        return None
    place = country(location.get("country"))
    return {
        "resolved_place": location.get("name"),
        "geonameid": location.get("geonameid"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "province": location.get("admin1"),
        "country": place.name if place else None,
        "country_code": location.get("country"),
        "resolution": RESOLUTION.get(str(location.get("precision"))),
        "precision": location.get("precision"),
    }


def plover_record(event: StoredEvent) -> dict[str, Any]:
    """The event as a PLOVER record."""
    r = event.record
    evidence = [e for e in r.get("evidence") or [] if isinstance(e, dict)]
    by_id = {s.article_id: s for s in event.sources}
    cite_info = []
    for article_id in r.get("article_ids") or []:
        source = by_id.get(str(article_id))
        cite_info.append({
            "citation": article_id,
            "url": source.url if source else None,
            "title": source.title if source else None,
            "published": source.published.isoformat() if source and source.published else None,
            "coder": _CODER,
            "codebook": "plover-0.8 (warwatch conventions: ../shared/CONTRACT.md)",
        })
    coded = [s.coded_at for s in event.sources if s.coded_at is not None]
    category = r.get("event")
    return {
        "id": r.get("event_id"),
        "has_event": True,
        "date": r.get("date"),
        "actor": [_entity(a) for a in r.get("actor") or []],
        "recipient": [_entity(a) for a in r.get("recipient") or []],
        "event": [category],
        "event_loc": _location(r.get("location")),
        "event_text": [e.get("text") for e in evidence],
        "quad_code": QUAD.get(str(category)),
        "event_scale": r.get("score"),
        "mode": [r["mode"]] if r.get("mode") else [],
        "context": list(r.get("context") or []),
        "text_info": [{"article_id": e.get("article_id"), "start": e.get("start"), "end": e.get("end")}
                      for e in evidence],
        "cite_info": cite_info,
        "size": {"dead": r.get("dead"), "injured": r.get("injured")},
        "coder": _CODER,
        "coded_date": max(coded).date().isoformat() if coded else None,
        # warwatch's own fields
        "date_precision": r.get("date_precision"),
        "date_source": r.get("date_source"),
        "weapon": r.get("weapon"),
        "background": r.get("background"),
        "confidence": r.get("confidence"),
        "claimed_by": [_entity(a) for a in r.get("claimed_by") or []],
        "article_ids": list(r.get("article_ids") or []),
        "figures_by_source": r.get("figures_by_source") or [],
        "dead_qualifier": r.get("dead_qualifier"),
        "injured_qualifier": r.get("injured_qualifier"),
        "munitions": r.get("munitions") or [],
    }


def write_plover(events: Iterable[StoredEvent], out: IO[str], stats: ExportStats) -> None:
    for event in events:
        out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        stats.written += 1
