"""Step 6 of deduplication: one event from the reports of one happening.

A ``Report`` is a coded event as one source reported it. ``merge_reports`` keeps the most precise place, the
best-sourced date, the commonest weapon, actors by support and the evidence of every source, and reconciles
``dead``/``injured`` by a rule of ``RECONCILE_RULES`` (``reconcile``). ``event_from_record`` reads an event back
from its JSON record (how the store keeps reports).

An event with thousands of sources is merged from a bounded sample of its stored reports (the store's first and
latest ones) plus a ``Tally`` of the others: their number and, per figure value, how many gave it and when, which
is all the reconcile rules read, so the figures and ``sources`` count every source. ``bounded`` cuts a merged
event to what the store keeps: the first ``listed`` sources' ids, evidence and figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ..errors import ConfigError
from ..models import Actor, Casualties, DateResolution, Event, Evidence, Location, MunitionCount, Seat

__all__ = ["RECONCILE_RULES", "FigureCount", "Report", "Tally", "bounded", "event_from_record", "merge_reports",
           "reconcile"]

PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}
DATE_SOURCE_RANK = {"explicit": 0, "relative": 1, "published": 2}


# A figure as the rules read it: (publication ordinal, figure, how many sources gave that figure on that day).
# Weighted, so the tally of thousands of stored reports is a few triples, not one pair per report.
Figure = tuple[int, int, int]


def _reconcile_max(values: Sequence[Figure]) -> int:
    return max(v for _, v, _ in values)


def _reconcile_latest_max(values: Sequence[Figure]) -> int:
    latest = max(p for p, _, _ in values)
    return max(v for p, v, _ in values if p == latest)


def _reconcile_first(values: Sequence[Figure]) -> int:
    earliest = min(p for p, _, _ in values)
    return max(v for p, v, _ in values if p == earliest)


def _reconcile_consensus(values: Sequence[Figure]) -> int:
    counts: Counter[int] = Counter()
    for _, v, weight in values:
        counts[v] += weight
    top = max(counts.values())
    return _reconcile_latest_max([f for f in values if counts[f[1]] == top])


def _reconcile_median(values: Sequence[Figure]) -> int:
    ordered = sorted((v, weight) for _, v, weight in values)
    rank = (sum(weight for _, weight in ordered) - 1) // 2  # of the figures one by one, sorted
    for v, weight in ordered:
        if rank < weight:
            return v
        rank -= weight
    return ordered[-1][0]  # pragma: no cover - the rank is always inside the total


#: the reconcile rules: name -> function of (publication ordinal, figure, weight) triples, non-empty; a triple
#: of weight n reads as n sources giving that figure on that day
RECONCILE_RULES: dict[str, Callable[[Sequence[Figure]], int]] = {
    "latest_max": _reconcile_latest_max,
    "max": _reconcile_max,
    "first": _reconcile_first,
    "median": _reconcile_median,
    "consensus": _reconcile_consensus,
}


@dataclass(frozen=True, slots=True)
class Report:
    """A coded event as one source reported it, with that source's publication date."""

    event: Event
    published: date | None = None


@dataclass(frozen=True, slots=True)
class FigureCount:
    """How many reports of a ``Tally`` gave one figure ``value``: the earliest and latest publication dates
    among them (None: unknown, which the rules read as earliest), and the qualifier of the latest of them in
    report order (publication date, unknown last; article id; mention id), with that order's key."""

    value: int
    count: int
    first: date | None
    last: date | None
    qualifier: str | None
    order: tuple[int, str, str]


@dataclass(frozen=True, slots=True)
class Tally:
    """The stored reports of an event that a merge does not read one by one (see the module notes)."""

    sources: int = 0  # their articles (none of them among the merged reports' articles)
    dead: tuple[FigureCount, ...] = ()
    injured: tuple[FigureCount, ...] = ()


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


def _tally_figures(counts: Iterable[FigureCount]) -> list[Figure]:
    """Weighted figures that every reconcile rule reads as it would the reports themselves: each value once at
    its earliest date and ``count - 1`` times at its latest (two triples, however many reports: a list of one
    pair per report made every batch of a 200,000-report event cost as much as all its reports)."""
    figures = []
    for c in counts:
        figures.append((_ordinal(c.first), c.value, 1))
        if c.count > 1:
            figures.append((_ordinal(c.last), c.value, c.count - 1))
    return figures


def reconcile(figures: Sequence[tuple[date | None, int | None]], rule: str,
              tallied: Iterable[FigureCount] = ()) -> int | None:
    """One figure from the sources' (publication date, figure) pairs, and ``tallied`` counts of others, by
    ``rule``; None when none gives one."""
    values = [(_ordinal(p), v, 1) for p, v in figures if v is not None] + _tally_figures(tallied)
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


def _figure(reports: Sequence[Report], name: str, rule: str,
            tallied: Sequence[FigureCount] = ()) -> tuple[int | None, str | None, list[int] | None]:
    figures = [(r.published, getattr(r.event.casualties, name)) for r in reports]
    value = reconcile(figures, rule, tallied)
    given = [v for _, v in figures if v is not None] + [c.value for c in tallied]
    qualifier = None
    if value is not None:
        latest = [(_report_order(r), getattr(r.event.casualties, f"{name}_qualifier")) for r in reports
                  if getattr(r.event.casualties, name) == value]
        latest += [(c.order, c.qualifier) for c in tallied if c.value == value]
        qualifier = max(latest, key=lambda pair: pair[0])[1]
    return value, qualifier, ([min(given), max(given)] if given else None)


def _by_source(ordered: Sequence[Report], rule: str) -> list[dict[str, Any]]:
    """What each article reported of the event, one entry per article in report order: when one article gave two
    reports of it (two sentences or places the dedup joins), its figures are those reports' reconciled by ``rule``,
    as the event's are (the first report alone spoke for the article, often the one without the figure)."""
    by_article: dict[str | None, list[Report]] = {}
    for r in ordered:
        by_article.setdefault(r.event.article_ids[0] if r.event.article_ids else None, []).append(r)
    out = []
    for article_id, own in by_article.items():
        published = own[0].published
        figures = {name: reconcile([(r.published, getattr(r.event.casualties, name)) for r in own], rule)
                   if len(own) > 1 else getattr(own[0].event.casualties, name) for name in ("dead", "injured")}
        out.append({"article_id": article_id, "published": published.isoformat() if published else None, **figures})
    return out


def merge_reports(reports: Sequence[Report], event_id: str, rule: str = "consensus",
                  tally: Tally | None = None) -> Event:
    """One event from the reports of one happening (step 6 of the package notes, ``warwatch.dedup``).

    ``tally``: the event's stored reports not among ``reports``; they count in ``sources``, the figures and
    their ranges (the place, date, weapon, actors and evidence come from ``reports``).
    """
    tally = tally or Tally()
    if not reports:
        raise ValueError("merge_reports needs at least one report")
    ordered = sorted(reports, key=_report_order)
    events = [r.event for r in ordered]
    article_ids = tuple(dict.fromkeys(a for e in events for a in e.article_ids))
    weapon, mode, score = _weapon_and_mode(ordered)
    dead, dead_q, dead_range = _figure(ordered, "dead", rule, tally.dead)
    injured, injured_q, injured_range = _figure(ordered, "injured", rule, tally.injured)
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
        "sources": len(article_ids) + tally.sources,
        "mention_ids": [e.event_id for e in events],
        "reconcile_rule": rule,
        "dead_range": dead_range,
        "injured_range": injured_range,
        "figures_by_source": _by_source(ordered, rule),
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


def bounded(event: Event, listed: int) -> Event:
    """``event`` as the store keeps it: with more than ``listed`` sources, only the first ``listed`` of them
    (in report order) keep their id in ``article_ids``, their evidence, their ``figures_by_source`` entry and
    their mention id; ``sources`` still counts them all and ``sources_listed`` says how many are listed. The
    other sources are rows of the store's ``mentions`` table. A smaller event is returned unchanged."""
    if len(event.article_ids) <= listed:
        return event
    kept = event.article_ids[:listed]
    keep = set(kept)
    extra = {**event.extra, "sources_listed": len(kept)}
    extra.setdefault("sources", len(event.article_ids))
    if "figures_by_source" in extra:
        extra["figures_by_source"] = [f for f in extra["figures_by_source"] if f.get("article_id") in keep]
    if "mention_ids" in extra:
        extra["mention_ids"] = list(extra["mention_ids"][:listed])
    return replace(event, article_ids=kept, evidence=tuple(e for e in event.evidence if e.article_id in keep),
                   extra=extra)


_CORE_FIELDS = frozenset({
    "event_id", "article_ids", "event", "mode", "context", "weapon", "actor", "recipient", "date",
    "date_precision", "date_source", "location", "dead", "injured", "dead_qualifier", "injured_qualifier",
    "background", "score", "confidence", "claimed_by", "evidence", "munitions",
})


def _actors(rows: Iterable[Mapping[str, Any]] | None) -> tuple[Actor, ...]:
    return tuple(Actor(r["name"], r.get("country"), r.get("sector")) for r in rows or ())


def _seat(row: Mapping[str, Any] | None) -> Seat | None:
    return Seat(row["name"], row["lat"], row["lon"], row.get("geonameid")) if row else None


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
                          loc.get("geonameid"), loc.get("precision") or "city",
                          _seat(loc.get("seat"))) if loc else None,
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
