"""Deduplication: one record per real-world event, with figures reconciled across sources.

The stage reads the events of a run (one per article and happening, as the coder writes them) and
writes one ``Event`` per real-world event: all ``article_ids``, all evidence, a source count and
reconciled ``dead``/``injured`` figures with the figure of every source kept.

Steps, in order:

1. **Compact members.** Each coded event becomes a ``Member``: category, day, place, weapon, actor
   codes and a 256-bit signature of its evidence words. Members hold no article text.
2. **Blocking.** Members are indexed by (category, day) and then by place: a grid cell at least
   30 km wide for point/city places, else the admin1 region, the country, or "no place". A member
   is only compared with members under the keys it probes (neighbouring cells or its own region or
   country, the day before and after), so the cost grows about linearly with the number of events.
3. **Pairwise compatibility** (``pair_score``): same category; dates within a day (or within the
   week or month of a less precise date); places within the sum of their precision radii (point
   5 km, city 15 km); a region- or country-level place only with the same region or country at the
   same precision (a region- or country-wide tally is its own event, not one of the strikes in it);
   compatible weapons (``mixed`` and unknown go with anything; ``drone`` and ``artillery`` do not);
   for verbal events overlapping actors. Pairs whose place is only a region or a country, pairs of
   two different (neighbouring) towns and strikes on two different days also need similar evidence
   words. The score orders the merges: same place, same day, same weapon and shared actors and
   words first.
4. **Clustering** (``cluster``): union-find over the pairs, best first, refusing a merge that would
   put two events of one article together (the coder has already kept them apart), span more than a
   day, or join two events already stored under different ids. Pairs are sorted by score and then by
   the members' own ids, so the result does not depend on the input order.
5. **Stable ids.** A cluster keeps the id of a stored event it joins; a new cluster takes the id of
   its earliest report (by publication date, article id, event id), so a single report keeps the id
   the coder gave it.
6. **Merging** (``merge_reports``): the most precise place, the best-sourced date, the commonest
   weapon, actors by support, evidence of every source, and ``dead``/``injured`` by the reconcile
   rule (``RECONCILE_RULES``; default ``consensus``: the figure most sources give, ties going to
   the highest among the most recent, since tolls rise; ``latest_max`` skips the vote).
   ``figures_by_source``, ``dead_range``, ``injured_range``, ``sources`` and ``reconcile_rule`` are
   added to the record.

Background mentions are not merged into news events: ``link_background`` gives each one a
``refers_to`` field with the id of the news event it mentions, when that event is known.
"""

from __future__ import annotations

import logging
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Protocol

from .errors import ConfigError
from .models import Actor, Casualties, DateResolution, Event, Evidence, Location, MunitionCount

__all__ = [
    "RECONCILE_RULES",
    "DedupRules",
    "Member",
    "Report",
    "cluster",
    "deduplicate",
    "event_from_record",
    "link_background",
    "member_of",
    "merge_reports",
    "pair_score",
    "reconcile",
    "resolve",
    "text_signature",
]

log = logging.getLogger(__name__)

#: how far a place of each precision may lie from where the event really was (km)
PRECISION_RADIUS_KM: dict[str, float] = {"point": 5.0, "city": 15.0}
COARSE_PRECISIONS = frozenset({"admin1", "country"})
PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}
DATE_SLACK_DAYS = {"day": 1, "week": 7, "month": 31}
DATE_SOURCE_RANK = {"explicit": 0, "relative": 1, "published": 2}

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


def _reconcile_max(values: Sequence[tuple[int, int]]) -> int:
    return max(v for _, v in values)


def _reconcile_latest_max(values: Sequence[tuple[int, int]]) -> int:
    latest = max(p for p, _ in values)
    return max(v for p, v in values if p == latest)


def _reconcile_first(values: Sequence[tuple[int, int]]) -> int:
    earliest = min(p for p, _ in values)
    return max(v for p, v in values if p == earliest)


def _reconcile_consensus(values: Sequence[tuple[int, int]]) -> int:
    counts = Counter(v for _, v in values)
    top = max(counts.values())
    return _reconcile_latest_max([(p, v) for p, v in values if counts[v] == top])


def _reconcile_median(values: Sequence[tuple[int, int]]) -> int:
    ordered = sorted(v for _, v in values)
    return ordered[(len(ordered) - 1) // 2]


#: the reconcile rules: name -> function of (publication ordinal, figure) pairs, non-empty
RECONCILE_RULES: dict[str, Callable[[Sequence[tuple[int, int]]], int]] = {
    "latest_max": _reconcile_latest_max,
    "max": _reconcile_max,
    "first": _reconcile_first,
    "median": _reconcile_median,
    "consensus": _reconcile_consensus,
}


@dataclass(frozen=True, slots=True)
class DedupRules:
    """The thresholds of the stage; defaults are the documented rules above."""

    reconcile: str = "consensus"
    max_day_span: int = 1  # a cluster of day-precise reports spans at most this many days
    coarse_min_similarity: float = 0.2  # evidence-word similarity needed when a place is a region/country
    weak_link_min_similarity: float = 0.15  # ... for two neighbouring towns, or a strike on two different days

    def __post_init__(self) -> None:
        if self.reconcile not in RECONCILE_RULES:
            raise ConfigError(f"reconcile rule {self.reconcile!r} unknown; choose one of "
                              + ", ".join(sorted(RECONCILE_RULES)))


@dataclass(frozen=True, slots=True)
class Report:
    """A coded event as one source reported it, with that source's publication date."""

    event: Event
    published: date | None = None


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
        limit = PRECISION_RADIUS_KM[a.precision] + PRECISION_RADIUS_KM[b.precision]  # type: ignore[index]
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


def pair_score(a: Member, b: Member, rules: DedupRules = DedupRules()) -> float | None:
    """How likely two reports are of one event; None when they cannot be (see the module steps)."""
    if a.category != b.category or a.background != b.background or a.article_id == b.article_id:
        return None
    if a.day is None or b.day is None or abs(a.day - b.day) > max(a.slack, b.slack):
        return None
    place = _place_score(a, b)
    if place is None:
        return None
    weapon = _weapon_score(a.weapon, b.weapon)
    if weapon is None:
        return None
    shared_actor = bool(set(a.actors) & set(b.actors))
    if a.category in VERBAL and a.actors and b.actors and not shared_actor:
        return None
    words = similarity(a.signature, b.signature)
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


# -- blocking ------------------------------------------------------------------------------------


Key = tuple[Any, ...]


#: the grid of fine places: bands of latitude, each cut into cells at least ``LINK_KM`` wide
LINK_KM = 2 * max(PRECISION_RADIUS_KM.values())
LAT_STEP = LINK_KM / 111.0 * 1.05


def _lon_step(band: int) -> float:
    edge = max(abs(band * LAT_STEP), abs((band + 1) * LAT_STEP))  # the band's poleward edge
    return LAT_STEP / max(math.cos(math.radians(min(edge, 89.0))), 0.02)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    band = math.floor(lat / LAT_STEP)
    return band, math.floor(lon / _lon_step(band))


def _region(m: Member) -> tuple[str | None, str]:
    return m.country, (m.admin1 or "").lower()


def _stored_keys(m: Member) -> list[Key]:
    """The place keys a member is stored under (the index is by category and day first).

    Fine places (point, city) go in their grid cell; region-level places in their region and
    country-level places under their country (they only merge with their own kind: a region- or
    country-wide report is usually a tally of its own, per the codebook); places unknown under "no place".
    """
    if m.precision is None:
        return [("N",)]
    if _fine(m):
        return [("F", *_cell(m.lat, m.lon))]  # type: ignore[arg-type]
    if m.precision == "admin1":
        return [("RA", *_region(m))]
    return [("CC", m.country)]


def _probe_keys(m: Member) -> list[Key]:
    """The place keys a member looks under; they mirror ``_stored_keys`` so a pair is found from either side."""
    if m.precision is None:
        return [("N",)]
    if _fine(m):
        lat, lon = m.lat, m.lon
        assert lat is not None and lon is not None
        band = math.floor(lat / LAT_STEP)
        keys: list[Key] = []
        for b in (band - 1, band, band + 1):  # cells are at least LINK_KM wide: the neighbours suffice
            x = math.floor(lon / _lon_step(b))
            keys.extend(("F", b, x + dx) for dx in (-1, 0, 1))
        return keys
    if m.precision == "admin1":
        return [("RA", *_region(m))]
    return [("CC", m.country)]


def _days(m: Member) -> range:
    assert m.day is not None
    return range(m.day - m.slack, m.day + m.slack + 1)


def _probe(table: dict[tuple[str, int], dict[Key, list[int]]], category: str, buckets: Iterable[int],
           probes: Iterable[Key], seen: set[int]) -> None:
    """Add to ``seen`` the members filed in ``table`` under (category, bucket) for any of the probe keys."""
    probes = tuple(probes)
    for bucket in buckets:
        block = table.get((category, bucket))
        if block:
            for key in probes:
                found = block.get(key)
                if found:
                    seen.update(found)


def candidate_pairs(members: Sequence[Member], rules: DedupRules = DedupRules()) -> Iterator[tuple[float, int, int]]:
    """(score, i, j) for every compatible pair of news members, each pair once, found through the blocks.

    Members are inserted one by one after probing the index, so a pair is found by whichever comes
    second; the probe keys mirror the stored keys, so which one that is does not matter. The index is
    nested, (category, day) -> place key -> members, so a probe builds no key tuples in its inner loop.
    """
    index: dict[tuple[str, int], dict[Key, list[int]]] = {}
    imprecise: dict[tuple[str, int], dict[Key, list[int]]] = {}  # dates known to the week or month, by month
    for j, m in enumerate(members):
        if m.day is None or m.background:
            continue
        seen: set[int] = set()
        probes = _probe_keys(m)
        month = m.day // 30
        _probe(index, m.category, _days(m), probes, seen)
        _probe(imprecise, m.category, (month - 1, month, month + 1), probes, seen)
        for i in sorted(seen):
            score = pair_score(members[i], m, rules)
            if score is not None:
                yield score, i, j
        stored = _stored_keys(m)
        block = index.setdefault((m.category, m.day), {})
        for key in stored:
            block.setdefault(key, []).append(j)
        if m.slack > 1:
            block = imprecise.setdefault((m.category, month), {})
            for key in stored:
                block.setdefault(key, []).append(j)


# -- clustering ----------------------------------------------------------------------------------


class _Clusters:
    """Union-find with the constraints of step 4: one article, one fixed id, a day span per cluster."""

    def __init__(self, members: Sequence[Member], fixed: Sequence[str | None], max_span: int) -> None:
        self.parent = list(range(len(members)))
        self.articles: list[tuple[str, ...]] = [(m.article_id,) for m in members]
        self.fixed = list(fixed)
        self.lo = [m.day if m.slack <= 1 else None for m in members]
        self.hi = list(self.lo)
        self.max_span = max_span

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int, *, force: bool = False) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        fa, fb = self.fixed[a], self.fixed[b]
        lo = min((d for d in (self.lo[a], self.lo[b]) if d is not None), default=None)
        hi = max((d for d in (self.hi[a], self.hi[b]) if d is not None), default=None)
        if not force:
            if fa is not None and fb is not None and fa != fb:
                return False
            if not set(self.articles[a]).isdisjoint(self.articles[b]):
                return False
            if lo is not None and hi is not None and hi - lo > self.max_span:
                return False
        if len(self.articles[a]) < len(self.articles[b]):
            a, b = b, a
        self.parent[b] = a
        self.articles[a] = self.articles[a] + self.articles[b]
        self.articles[b] = ()
        self.fixed[a] = fa if fa is not None else fb
        self.lo[a], self.hi[a] = lo, hi
        return True


def _earliest(m: Member) -> tuple[int, str, str]:
    return (m.published or 10**7, m.article_id, m.mention_id)


def cluster(
    members: Sequence[Member],
    fixed: Mapping[str, str] | None = None,
    rules: DedupRules = DedupRules(),
) -> list[str]:
    """The event id of every member (same order). ``fixed`` maps mention ids to ids already stored."""
    fixed = fixed or {}
    clusters = _Clusters(members, [fixed.get(m.mention_id) for m in members], rules.max_day_span)
    by_fixed: dict[str, int] = {}
    for i, m in enumerate(members):
        stored = fixed.get(m.mention_id)
        if stored is not None:
            if stored in by_fixed:
                clusters.union(by_fixed[stored], i, force=True)
            else:
                by_fixed[stored] = i
    pairs = sorted(candidate_pairs(members, rules),
                   key=lambda p: (-p[0], min(members[p[1]].mention_id, members[p[2]].mention_id),
                                  max(members[p[1]].mention_id, members[p[2]].mention_id)))
    for _, i, j in pairs:
        clusters.union(i, j)
    first: dict[int, int] = {}
    for i, m in enumerate(members):
        root = clusters.find(i)
        if root not in first or _earliest(m) < _earliest(members[first[root]]):
            first[root] = i
    ids = []
    for i in range(len(members)):
        root = clusters.find(i)
        ids.append(clusters.fixed[root] or members[first[root]].mention_id)
    return ids


def link_background(members: Sequence[Member], ids: Sequence[str], rules: DedupRules = DedupRules()) -> dict[int, str]:
    """For each background member (by index), the id of the news event it mentions, when one is known."""
    news = [i for i, m in enumerate(members) if not m.background and m.day is not None]
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in news:
        index[(members[i].category, members[i].day)].append(i)  # type: ignore[index]
    links: dict[int, str] = {}
    for j, m in enumerate(members):
        if not m.background or m.day is None:
            continue
        as_news = replace(m, background=False)
        best: tuple[float, str] | None = None
        for day in _days(m):
            for i in index.get((m.category, day), ()):
                score = pair_score(members[i], as_news, rules)
                if score is not None and (best is None or (score, ids[i]) > best):
                    best = (score, ids[i])
        if best is not None:
            links[j] = best[1]
    return links


# -- merging -------------------------------------------------------------------------------------


def reconcile(figures: Sequence[tuple[date | None, int | None]], rule: str) -> int | None:
    """One figure from the sources' (publication date, figure) pairs by ``rule``; None when none gives one."""
    values = [(p.toordinal() if p else 0, v) for p, v in figures if v is not None]
    if not values:
        return None
    try:
        return RECONCILE_RULES[rule](values)
    except KeyError:
        raise ConfigError(f"reconcile rule {rule!r} unknown; choose one of "
                          + ", ".join(sorted(RECONCILE_RULES))) from None


def _report_order(report: Report) -> tuple[int, str, str]:
    e = report.event
    return (report.published.toordinal() if report.published else 10**7,
            e.article_ids[0] if e.article_ids else "", e.event_id)


def _union_actors(groups: Iterable[Sequence[Actor]]) -> tuple[Actor, ...]:
    support: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for group in groups:
        for actor in group:
            key = actor.country or actor.name
            if key not in first:
                first[key] = actor
                support[key] += 1
            elif actor not in group[: group.index(actor)]:
                support[key] += 1
    order = list(first)
    return tuple(first[k] for k in sorted(order, key=lambda k: (-support[k], order.index(k))))


def _location(reports: Sequence[Report]) -> Location | None:
    places = [r.event.location for r in reports if r.event.location is not None]
    if not places:
        return None
    counts = Counter((p.geonameid, p.name) for p in places)
    return min(places, key=lambda p: (PRECISION_RANK.get(p.precision, 9), -counts[(p.geonameid, p.name)],
                                      places.index(p)))


def _date(reports: Sequence[Report]) -> DateResolution:
    dates = [r.event.date for r in reports if r.event.date.date is not None]
    if not dates:
        return reports[0].event.date
    counts = Counter(d.date for d in dates)
    return min(dates, key=lambda d: (DATE_SOURCE_RANK.get(d.source or "", 9), -counts[d.date], d.date))


def _weapon_and_mode(reports: Sequence[Report]) -> tuple[str | None, str | None, float]:
    weapons = Counter(r.event.weapon for r in reports if r.event.weapon)
    if weapons:
        top = max(weapons.values())
        weapon = next(r.event.weapon for r in reports if r.event.weapon and weapons[r.event.weapon] == top)
        chosen = next(r.event for r in reports if r.event.weapon == weapon)
        return weapon, chosen.mode, chosen.score
    modes = Counter(r.event.mode for r in reports if r.event.mode)
    if modes:
        top = max(modes.values())
        chosen = next(r.event for r in reports if r.event.mode and modes[r.event.mode] == top)
        return None, chosen.mode, chosen.score
    return None, None, reports[0].event.score


def _figure(reports: Sequence[Report], name: str, rule: str) -> tuple[int | None, str | None, list[int] | None]:
    figures = [(r.published, getattr(r.event.casualties, name)) for r in reports]
    value = reconcile(figures, rule)
    given = [v for _, v in figures if v is not None]
    qualifier = None
    if value is not None:
        source = next(r for r in sorted(reports, key=_report_order, reverse=True)
                      if getattr(r.event.casualties, name) == value)
        qualifier = getattr(source.event.casualties, f"{name}_qualifier")
    return value, qualifier, ([min(given), max(given)] if given else None)


def merge_reports(reports: Sequence[Report], event_id: str, rule: str = "consensus") -> Event:
    """One event from the reports of one happening (step 6 of the module notes)."""
    if not reports:
        raise ValueError("merge_reports needs at least one report")
    ordered = sorted(reports, key=_report_order)
    events = [r.event for r in ordered]
    article_ids = tuple(dict.fromkeys(a for e in events for a in e.article_ids))
    weapon, mode, score = _weapon_and_mode(ordered)
    dead, dead_q, dead_range = _figure(ordered, "dead", rule)
    injured, injured_q, injured_range = _figure(ordered, "injured", rule)
    confidence = 1.0
    for e in events:
        confidence *= 1.0 - e.confidence
    extra: dict[str, Any] = {}
    for e in reversed(events):
        extra.update(e.extra)
    rules = sorted({r for e in events for r in e.extra.get("rules", ())})
    if rules:
        extra["rules"] = rules
    extra.pop("refers_to", None)
    extra.update({
        "sources": len(article_ids),
        "mention_ids": [e.event_id for e in events],
        "reconcile_rule": rule,
        "dead_range": dead_range,
        "injured_range": injured_range,
        "figures_by_source": [
            {"article_id": e.article_ids[0] if e.article_ids else None,
             "published": r.published.isoformat() if r.published else None,
             "dead": e.casualties.dead, "injured": e.casualties.injured}
            for r, e in zip(ordered, events, strict=True)
        ],
    })
    return Event(
        event_id=event_id,
        article_ids=article_ids,
        event=events[0].event,
        mode=mode,
        context=tuple(dict.fromkeys(c for e in events for c in e.context)),
        weapon=weapon,
        actor=_union_actors(e.actor for e in events),
        recipient=_union_actors(e.recipient for e in events),
        date=_date(ordered),
        location=_location(ordered),
        casualties=Casualties(dead, injured, dead_q, injured_q),
        background=all(e.background for e in events),
        score=score,
        evidence=tuple(ev for e in events for ev in e.evidence),
        claimed_by=_union_actors(e.claimed_by for e in events),
        confidence=min(0.99, 1.0 - confidence) if len(events) > 1 else events[0].confidence,
        # the munition counts of the report that gives the most of them (the earliest on ties)
        munitions=max((e.munitions for e in events), default=(), key=lambda ms: sum(
            (m.launched is not None) + (m.intercepted is not None) for m in ms)),
        extra=extra,
    )


def deduplicate(
    reports: Sequence[Report],
    rules: DedupRules = DedupRules(),
    *,
    stored: Sequence[Report] = (),
    fixed: Mapping[str, str] | None = None,
) -> list[Event]:
    """Merge ``reports`` (this run's) with each other and with ``stored`` ones (already clustered).

    ``fixed`` maps the mention ids of stored reports (and of re-coded ones) to their stored event ids.
    Returns one event per cluster that holds at least one of ``reports``, in the order of their first
    report; background reports stay one event each, with ``refers_to`` when linked.
    """
    fresh = {r.event.event_id for r in reports}
    pool = list(reports) + [r for r in stored if r.event.event_id not in fresh]
    members = [member_of(r) for r in pool]
    ids = cluster(members, fixed, rules)
    links = link_background(members, ids, rules)
    groups: dict[str, list[Report]] = defaultdict(list)
    order: list[str] = []
    for i, (report, event_id) in enumerate(zip(pool, ids, strict=True)):
        if report.event.background:
            event = report.event
            target = links.get(i)
            extra = {**event.extra, "refers_to": target} if target else event.extra
            report = Report(replace(event, event_id=ids[i], extra=extra), report.published)
            event_id = ids[i]
        groups[event_id].append(report)
        if i < len(reports) and event_id not in order:
            order.append(event_id)
    merged = []
    for event_id in order:
        group = groups[event_id]
        if len(group) == 1 and group[0].event.background:
            merged.append(group[0].event)
        else:
            merged.append(merge_reports(group, event_id, rules.reconcile))
    n_news = sum(1 for r in reports if not r.event.background)
    log.info("dedup: %d reports (%d stored) -> %d events", n_news, len(pool) - len(reports), len(merged))
    return merged


_CORE_FIELDS = frozenset({
    "event_id", "article_ids", "event", "mode", "context", "weapon", "actor", "recipient", "date",
    "date_precision", "date_source", "location", "dead", "injured", "dead_qualifier", "injured_qualifier",
    "background", "score", "confidence", "claimed_by", "evidence", "munitions",
})


def _actors(rows: Iterable[Mapping[str, Any]] | None) -> tuple[Actor, ...]:
    return tuple(Actor(r["name"], r.get("country"), r.get("sector")) for r in rows or ())


def event_from_record(record: Mapping[str, Any]) -> Event:
    """The ``Event`` that ``Event.to_json`` wrote as ``record`` (how the store keeps reports)."""
    loc = record.get("location")
    when = record.get("date")
    return Event(
        event_id=record["event_id"],
        article_ids=tuple(record.get("article_ids") or ()),
        event=record["event"],
        mode=record.get("mode"),
        context=tuple(record.get("context") or ()),
        weapon=record.get("weapon"),
        actor=_actors(record.get("actor")),
        recipient=_actors(record.get("recipient")),
        date=DateResolution(date.fromisoformat(when) if when else None, record.get("date_precision"),
                            record.get("date_source")),
        location=Location(loc["name"], loc.get("country"), loc.get("admin1"), loc.get("lat"), loc.get("lon"),
                          loc.get("geonameid"), loc.get("precision") or "city") if loc else None,
        casualties=Casualties(record.get("dead"), record.get("injured"), record.get("dead_qualifier"),
                              record.get("injured_qualifier")),
        background=bool(record.get("background")),
        score=float(record.get("score") or 0.0),
        evidence=tuple(Evidence(e["article_id"], e["text"], e["start"], e["end"])
                       for e in record.get("evidence") or ()),
        claimed_by=_actors(record.get("claimed_by")),
        confidence=float(record.get("confidence") or 0.5),
        munitions=tuple(MunitionCount(m["kind"], m.get("launched"), m.get("intercepted"), m.get("qualifier") or "exact",
                                      m.get("text")) for m in record.get("munitions") or ()),
        extra={k: v for k, v in record.items() if k not in _CORE_FIELDS},
    )


# -- incremental: against the store -------------------------------------------------------------


class ReportStore(Protocol):
    """What ``resolve`` needs of a store (``warwatch.store.Store`` has it)."""

    def mention_links(self, mention_ids: Iterable[str]) -> dict[str, str]: ...

    def stored_reports(self, first: date, last: date) -> list[tuple[Report, str]]: ...

    def reports_of(self, event_ids: Iterable[str]) -> list[tuple[Report, str]]: ...

    def reports_of_articles(self, article_ids: Iterable[str]) -> list[tuple[Report, str]]: ...

    def save_merged(self, events: Sequence[Event], reports: Sequence[tuple[Report, str]],
                    dropped: Iterable[str] = ()) -> int: ...


def _assignment(events: Iterable[Event]) -> dict[str, str]:
    """mention id -> event id, from the merged events' ``mention_ids``."""
    return {m: e.event_id for e in events for m in e.extra.get("mention_ids", [e.event_id])}


def resolve(
    reports: Sequence[Report], rules: DedupRules = DedupRules(), store: ReportStore | None = None
) -> list[Event]:
    """Deduplicate a run's reports; with a store, merge them into the stored events and save the result.

    Stored reports of the run's articles are replaced by the run's coding (re-coding the same articles
    gives the same mention ids, hence the same events: nothing changes). Stored reports dated near the
    run's are candidates to merge with; a cluster that holds a stored event keeps its id, and its
    record is rebuilt from all its reports, old and new.
    """
    if store is None:
        return deduplicate(reports, rules)
    run_mentions = {r.event.event_id for r in reports}
    run_articles = {a for r in reports for a in r.event.article_ids}
    fixed = store.mention_links(run_mentions)
    previous = store.reports_of_articles(run_articles)
    dropped = {r.event.event_id: e for r, e in previous if r.event.event_id not in run_mentions}
    days = [r.event.date.date for r in reports if r.event.date.date is not None]
    window = store.stored_reports(min(days) - timedelta(days=31), max(days) + timedelta(days=31)) if days else []

    def others(rows: Iterable[tuple[Report, str]]) -> list[tuple[Report, str]]:
        return [(r, e) for r, e in rows if not set(r.event.article_ids) & run_articles]

    stored = others(window)
    fixed.update({r.event.event_id: e for r, e in stored})
    merged = deduplicate(reports, rules, stored=[r for r, _ in stored], fixed=fixed)
    known = {r.event.event_id for r, _ in stored}
    missing = [(r, e) for r, e in others(store.reports_of({e.event_id for e in merged}))
               if r.event.event_id not in known]
    if missing:  # reports of the same stored events dated outside the window
        stored += missing
        fixed.update({r.event.event_id: e for r, e in missing})
        merged = deduplicate(reports, rules, stored=[r for r, _ in stored], fixed=fixed)
    assignment = _assignment(merged)
    rebuilt = []  # stored events that lost a report because its article changed
    for event_id in sorted(set(dropped.values()) - {e.event_id for e in merged}):
        rest = [r for r, _ in others(store.reports_of([event_id]))]
        if rest:
            rebuilt.append(merge_reports(rest, event_id, rules.reconcile))
    store.save_merged(merged + rebuilt, [(r, assignment[r.event.event_id]) for r in reports], dropped)
    return merged
