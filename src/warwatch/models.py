"""Typed records passed between the pipeline stages.

Every stage reads and writes these frozen dataclasses, never loose dicts. ``Event.to_json`` gives
the output contract of ``../shared/CONTRACT.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "Actor",
    "Article",
    "Casualties",
    "DateResolution",
    "Event",
    "Evidence",
    "Location",
    "MunitionCount",
    "Place",
    "Seat",
    "Toponym",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One input article. ``published`` is a date (the time of day is dropped) or None."""

    id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    line: int | None = None  # line number in the input file, for error messages


@dataclass(frozen=True, slots=True)
class Seat:
    """The capital of a first-level region (the town its government sits in)."""

    name: str
    lat: float
    lon: float
    geonameid: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "lat": round(self.lat, 4), "lon": round(self.lon, 4), "geonameid": self.geonameid}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    geonameid: int | None
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    lat: float
    lon: float
    population: int = 0
    feature_class: str | None = None  # GeoNames class: A P H L S T V R U
    feature_code: str | None = None  # GeoNames code: PPLC, ADM1, PCLI, ...
    seat: Seat | None = None  # a first-level region's capital


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in an article, with the gazetteer entry it resolved to (or None)."""

    start: int
    end: int
    text: str
    place: Place | None
    kind: str = "literal"  # literal | metonym | adjectival
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened; ``precision`` says which fallback chose it. A region (``admin1`` precision) also
    names its capital in ``seat``; ``at_seat`` gives the same place at the capital's point (the dev set's
    convention: "the region name as place and the regional capital's coordinates")."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # point | city | admin1 | country
    seat: Seat | None = None  # a region's capital

    def at_seat(self) -> Location:
        """The same place (name, id, precision: what deduplication compares) at its capital's point, if it has one."""
        if self.seat is None:
            return self
        return Location(self.name, self.country, self.admin1, self.seat.lat, self.seat.lon, self.geonameid,
                        self.precision, self.seat)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": None if self.lat is None else round(self.lat, 4),
            "lon": None if self.lon is None else round(self.lon, 4),
            "geonameid": self.geonameid,
            "precision": self.precision,
            **({"seat": self.seat.to_json()} if self.seat else {}),
        }


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    country: str | None  # ISO-3, IGO short name (UN, EU, NATO) or group code (HOUTHI)
    sector: str | None = None  # PLOVER sector: GOV MIL REB CVL COP JUD LEG IGO ...

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "sector": self.sector}


@dataclass(frozen=True, slots=True)
class Evidence:
    article_id: str
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class DateResolution:
    """An event date and how it was found. ``date`` is None when no day can be given."""

    date: date | None
    precision: str | None = None  # day | week | month
    source: str | None = None  # explicit | relative | published
    text: str | None = None  # the expression it came from


@dataclass(frozen=True, slots=True)
class Casualties:
    dead: int | None = None
    injured: int | None = None
    dead_qualifier: str | None = None  # exact | at_least | more_than | approx | vague
    injured_qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class MunitionCount:
    """How many munitions of one kind an attack used: launched, intercepted (shot down, destroyed,
    jammed) and hit (launched minus intercepted, when both are given). None where the text does not say."""

    kind: str  # drone | missile | rocket | shell | glide_bomb
    launched: int | None = None
    intercepted: int | None = None
    qualifier: str = "exact"  # of the figures read: exact | at_least | more_than | approx | up_to | vague
    text: str | None = None  # the phrase it was read from

    @property
    def hit(self) -> int | None:
        if self.launched is None or self.intercepted is None or self.intercepted > self.launched:
            return None
        return self.launched - self.intercepted

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "launched": self.launched, "intercepted": self.intercepted, "hit": self.hit,
                "qualifier": self.qualifier, "text": self.text}


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    article_ids: tuple[str, ...]
    event: str
    mode: str | None
    context: tuple[str, ...]
    weapon: str | None
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    date: DateResolution
    location: Location | None
    casualties: Casualties
    background: bool
    score: float
    evidence: tuple[Evidence, ...]
    claimed_by: tuple[Actor, ...] = ()
    confidence: float = 0.5
    munitions: tuple[MunitionCount, ...] = ()  # ASSAULT: drones/missiles launched and intercepted
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        c = self.casualties
        return {
            "event_id": self.event_id,
            "article_ids": list(self.article_ids),
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "weapon": self.weapon,
            "actor": [a.to_json() for a in self.actor],
            "recipient": [a.to_json() for a in self.recipient],
            "date": self.date.date.isoformat() if self.date.date else None,
            "date_precision": self.date.precision,
            "date_source": self.date.source,
            "location": self.location.to_json() if self.location else None,
            "dead": c.dead,
            "injured": c.injured,
            "dead_qualifier": c.dead_qualifier,
            "injured_qualifier": c.injured_qualifier,
            "background": self.background,
            "score": self.score,
            "confidence": round(self.confidence, 3),
            "claimed_by": [a.to_json() for a in self.claimed_by],
            "evidence": [e.to_json() for e in self.evidence],
            **({"munitions": [m.to_json() for m in self.munitions]} if self.munitions else {}),
            **self.extra,
        }
