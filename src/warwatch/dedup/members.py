"""Steps 1 and 3 of deduplication: each report as a compact ``Member``, and which two members can be one event.

A member holds a report's category, day, place, weapon, actor codes and a 256-bit signature of its evidence
words, and no article text. ``pair_score`` says how likely two members are one event, or that they cannot be,
by the thresholds of ``DedupRules``.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ConfigError
from ..models import Actor
from .merging import RECONCILE_RULES, Report

__all__ = [
    "COARSE_PRECISIONS",
    "DATE_SLACK_DAYS",
    "PRECISION_RADIUS_KM",
    "SIGNATURE_BITS",
    "VERBAL",
    "WEAPON_COMPATIBLE",
    "DedupRules",
    "Member",
    "km",
    "member_of",
    "pair_score",
    "similarity",
    "text_signature",
]

#: how far a place of each precision may lie from where the event really was (km)
PRECISION_RADIUS_KM: dict[str, float] = {"point": 5.0, "city": 15.0}
COARSE_PRECISIONS = frozenset({"admin1", "country"})
DATE_SLACK_DAYS = {"day": 1, "week": 7, "month": 31}

#: pairs of different weapons that one source may report for another's strike
WEAPON_COMPATIBLE = frozenset(
    frozenset(pair)
    for pair in (
        ("missile", "rocket"), ("missile", "aircraft"), ("missile", "glide_bomb"), ("aircraft", "glide_bomb"),
        ("drone", "aircraft"), ("rocket", "artillery"),
    )
)

#: categories whose identity is who said or did it to whom, not where
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
                    "THREATEN", "PROTEST", "SANCTION"})

SIGNATURE_BITS = 256
_WORD = re.compile(r"[a-z][a-z'\-]{2,}|\d+")
_STOP = frozenset(
    "the and for with from was were are been has have had that this its into their they them his her "
    "not but which who will would could than more also about after over said says say while when where "
    "there what other some such only most many much very just then since during before under between "
    "against being our out all one two new last first can may per any each both".split()
)


@dataclass(frozen=True, slots=True)
class DedupRules:
    """The thresholds of the stage; defaults are the documented rules (``warwatch.dedup``)."""

    reconcile: str = "consensus"
    max_day_span: int = 1  # a cluster of day-precise reports spans at most this many days
    coarse_min_similarity: float = 0.2  # evidence-word similarity needed when a place is a region/country
    weak_link_min_similarity: float = 0.15  # ... for two neighbouring towns, or a strike on two different days
    # a new report is compared with at most this many of the reports filed under one block key (the first
    # and the latest, half each): thousands of reports of one event cost linear time, not quadratic
    block_sample: int = 16
    # a merged event keeps the ids, evidence and figures of its first ``sources_listed`` sources in the store;
    # a run reads back at most that many of an event's stored reports, plus its latest ``block_sample``, and
    # counts the others' figures in SQL (``merging.Tally``), so merging into a big event costs bounded time
    sources_listed: int = 20

    def __post_init__(self) -> None:
        if self.reconcile not in RECONCILE_RULES:
            raise ConfigError(f"reconcile rule {self.reconcile!r} unknown; choose one of "
                              + ", ".join(sorted(RECONCILE_RULES)))


@dataclass(frozen=True, slots=True)
class Member:
    """The compact form of a report that clustering reads (no article text)."""

    mention_id: str
    article_id: str
    category: str
    background: bool
    published: int  # date ordinal, 0 when unknown
    day: int | None  # date ordinal of the event
    slack: int  # days of uncertainty of ``day``
    lat: float | None
    lon: float | None
    precision: str | None
    country: str | None
    admin1: str | None
    geonameid: int | None
    weapon: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    signature: int


def text_signature(texts: Iterable[str]) -> int:
    """A 256-bit set of the content words of ``texts`` (crc32 buckets, stable across runs)."""
    bits = 0
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word not in _STOP:
                bits |= 1 << (zlib.crc32(word.encode()) % SIGNATURE_BITS)
    return bits


def similarity(a: int, b: int) -> float:
    """Jaccard similarity of two signatures."""
    union = (a | b).bit_count()
    return (a & b).bit_count() / union if union else 0.0


def _codes(actors: Iterable[Actor]) -> tuple[str, ...]:
    return tuple(sorted({a.country for a in actors if a.country}))


def member_of(report: Report) -> Member:
    event = report.event
    loc = event.location
    when = event.date
    return Member(
        mention_id=event.event_id,
        article_id=event.article_ids[0] if event.article_ids else event.event_id,
        category=event.event,
        background=event.background,
        published=report.published.toordinal() if report.published else 0,
        day=when.date.toordinal() if when.date else None,
        slack=DATE_SLACK_DAYS.get(when.precision or "day", 1),
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        precision=loc.precision if loc else None,
        country=loc.country if loc else None,
        admin1=loc.admin1 if loc else None,
        geonameid=loc.geonameid if loc else None,
        weapon=event.weapon,
        actors=_codes(event.actor),
        recipients=_codes(event.recipient),
        signature=text_signature(e.text for e in event.evidence),
    )


# -- pairwise compatibility ----------------------------------------------------------------------


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _fine(m: Member) -> bool:
    return m.precision in PRECISION_RADIUS_KM and m.lat is not None and m.lon is not None


def _place_score(a: Member, b: Member) -> tuple[float, bool] | None:
    """(score, coarse) when the places are compatible, None when they are not."""
    if a.precision is None and b.precision is None:
        return 0.0, True
    if a.precision is None or b.precision is None:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 1.0, a.precision in COARSE_PRECISIONS
    if _fine(a) and _fine(b):
        limit = PRECISION_RADIUS_KM[a.precision] + PRECISION_RADIUS_KM[b.precision]
        distance = km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return (1.0 - distance / limit, False) if distance <= limit else None
    if a.country != b.country or a.country is None:
        return None
    if a.precision != b.precision:  # a region- or country-wide report merges only with another such
        return None
    if a.precision == "country":
        return 0.0, True
    if a.admin1 and b.admin1 and a.admin1.lower() == b.admin1.lower():
        return 0.3, True
    return None


def _weapon_score(a: str | None, b: str | None) -> float | None:
    if a is None or b is None or a == "mixed" or b == "mixed":
        return 0.0
    if a == b:
        return 0.5
    return 0.0 if frozenset((a, b)) in WEAPON_COMPATIBLE else None


def _weak_link(a: Member, b: Member) -> bool:
    """Two named towns (neighbours, within the link distance), or a strike on two different days: such
    pairs are often separate events (villages shelled the same night, a city struck night after night),
    so they also need similar evidence words."""
    towns = (a.precision == b.precision == "city" and a.geonameid is not None and b.geonameid is not None
             and a.geonameid != b.geonameid)
    return towns or (a.category not in VERBAL and a.day != b.day)


#: meetings, accords and exchanges: every party is an actor, and each report may place the act at another party's
#: capital (the seat of its first actor) when it names no place
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE", "RETREAT"})


def _one_city_one_day(a: Member, b: Member) -> bool:
    """"A night of strikes on one city is one event" (CONTRACT): two reports of an attack on the same town on the same
    day whose evidence words agree are one happening whatever weapon each names (one report's "shelling" is another's
    "missile strike")."""
    return (a.category == "ASSAULT" and a.day == b.day and a.geonameid is not None and a.geonameid == b.geonameid
            and a.precision in {"city", "point"})


def _parties_place(a: Member, b: Member) -> tuple[float, bool] | None:
    """A meeting, accord or exchange between the same two or more parties on the same day is one event wherever each
    report places it (a coarse match: the evidence words must agree too)."""
    same = a.category in SYMMETRIC and len(a.actors) >= 2 and set(a.actors) == set(b.actors) and a.day == b.day
    return (0.0, True) if same else None


def pair_score(a: Member, b: Member, rules: DedupRules = DedupRules()) -> float | None:
    """How likely two reports are of one event; None when they cannot be (see the steps in ``warwatch.dedup``)."""
    if a.category != b.category or a.background != b.background or a.article_id == b.article_id:
        return None
    if a.day is None or b.day is None or abs(a.day - b.day) > max(a.slack, b.slack):
        return None
    place = _place_score(a, b) or _parties_place(a, b)
    if place is None:
        return None
    words = similarity(a.signature, b.signature)
    weapon = _weapon_score(a.weapon, b.weapon)
    if weapon is None and not (_one_city_one_day(a, b) and words >= rules.weak_link_min_similarity):
        return None
    weapon = weapon or 0.0
    shared_actor = bool(set(a.actors) & set(b.actors))
    if a.category in VERBAL and a.actors and b.actors and not shared_actor:
        return None
    place_score, coarse = place
    if coarse and words < rules.coarse_min_similarity:
        return None
    if words < rules.weak_link_min_similarity and _weak_link(a, b):
        return None
    score = 1.0 + place_score + weapon + words
    score += 0.5 if a.day == b.day else 0.0
    score += 0.5 if shared_actor else 0.0
    score += 0.25 if set(a.recipients) & set(b.recipients) else 0.0
    return score
