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
   A meeting, accord or exchange (``members.SYMMETRIC``) with two or more actors is also filed under its parties.
3. **Pairwise compatibility** (``pair_score``): same category; dates within a day (or within the
   week or month of a less precise date); places within the sum of their precision radii (point
   5 km, city 15 km); a region- or country-level place only with the same region or country at the
   same precision (a region- or country-wide tally is its own event, not one of the strikes in it);
   compatible weapons (``mixed`` and unknown go with anything; ``drone`` and ``artillery`` do not, but for
   attacks on the same town the same day whose evidence words agree: "a night of strikes on one city is one
   event"); for verbal events overlapping actors; a meeting, accord or exchange between the same parties on the
   same day matches wherever each report places it (often at a different party's capital), as a coarse place.
   Pairs whose place is only a region or a country, pairs of
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

Against a store (``resolve``), the cost of an event is bounded however many sources it has: a run reads back,
per stored event near its dates, at most its first ``DedupRules.sources_listed`` reports and its latest
``block_sample`` (the store picks them in SQL); the figures of its other stored reports come as a ``Tally``
(counts per value, computed by the store), so ``sources``, the reconciled figures and their ranges count every
source, while the place, date, weapon and actors are voted by the reports read. The store keeps each merged
event ``bounded``: the first ``sources_listed`` sources' ids, evidence and figures; every source keeps its own
row in the store's ``mentions`` table.

Background mentions are not merged into news events: ``link_background`` gives each one a
``refers_to`` field with the id of the news event it mentions, when that event is known.

Modules, in the order data flows (each imports only from those before it): ``merging`` (``Report``, step 6 and
the reconcile rules), ``members`` (``DedupRules``, steps 1 and 3), ``clustering`` (steps 2, 4 and 5); this
package runs them (``deduplicate``, and ``resolve`` against the store).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Protocol

from ..models import Event
from .clustering import candidate_pairs, cluster, link_background
from .members import SIGNATURE_BITS, DedupRules, Member, member_of, pair_score, text_signature
from .merging import RECONCILE_RULES, FigureCount, Report, Tally, bounded, event_from_record, merge_reports, reconcile

__all__ = [
    "RECONCILE_RULES",
    "SIGNATURE_BITS",
    "DedupRules",
    "FigureCount",
    "Member",
    "Report",
    "Tally",
    "bounded",
    "candidate_pairs",
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


def deduplicate(
    reports: Sequence[Report],
    rules: DedupRules = DedupRules(),
    *,
    stored: Sequence[Report] = (),
    fixed: Mapping[str, str] | None = None,
    tallies: Mapping[str, Tally] | None = None,
) -> list[Event]:
    """Merge ``reports`` (this run's) with each other and with ``stored`` ones (already clustered).

    ``fixed`` maps the mention ids of stored reports (and of re-coded ones) to their stored event ids;
    ``tallies`` gives, by stored event id, the figures of its stored reports not among ``stored``.
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
            merged.append(merge_reports(group, event_id, rules.reconcile, (tallies or {}).get(event_id)))
    n_news = sum(1 for r in reports if not r.event.background)
    log.info("dedup: %d reports (%d stored) -> %d events", n_news, len(pool) - len(reports), len(merged))
    return merged


# -- incremental: against the store -------------------------------------------------------------


class ReportStore(Protocol):
    """What ``resolve`` needs of a store (``warwatch.store.Store`` has it).

    ``stored_reports`` and ``reports_of`` give, of each event, at most its ``first`` earliest and ``latest``
    latest reports (report order: publication date, article id, mention id); ``tally`` counts the figures of an
    event's reports other than ``known`` mention ids; ``sizes`` says how many reports each event has.
    """

    def mention_links(self, mention_ids: Iterable[str]) -> dict[str, str]: ...

    def stored_reports(self, first_day: date, last_day: date, *, first: int,
                       latest: int) -> list[tuple[Report, str]]: ...

    def reports_of(self, event_ids: Iterable[str], *, first: int, latest: int) -> list[tuple[Report, str]]: ...

    def reports_of_articles(self, article_ids: Iterable[str]) -> list[tuple[Report, str]]: ...

    def sizes(self, event_ids: Iterable[str]) -> dict[str, int]: ...

    def tally(self, event_id: str, known: Iterable[str]) -> Tally: ...

    def save_merged(self, events: Sequence[Event], reports: Sequence[tuple[Report, str]],
                    dropped: Iterable[str] = ()) -> int: ...

    def pending_reports(self) -> list[Report]: ...


def _assignment(events: Iterable[Event]) -> dict[str, str]:
    """mention id -> event id, from the merged events' ``mention_ids``."""
    return {m: e.event_id for e in events for m in e.extra.get("mention_ids", [e.event_id])}


def _tallies(store: ReportStore, stored: Sequence[tuple[Report, str]],
             previous: Iterable[tuple[Report, str]]) -> dict[str, Tally]:
    """The ``Tally`` of each stored event of ``stored`` (a sample) that has reports the sample leaves out.

    ``previous`` are the stored reports of this run's articles: the run's coding replaces them, so they count
    in no tally.
    """
    read: dict[str, set[str]] = defaultdict(set)
    for report, event_id in [*stored, *previous]:
        read[event_id].add(report.event.event_id)
    sampled = {e for _, e in stored}
    return {event_id: store.tally(event_id, sorted(read[event_id]))
            for event_id, size in store.sizes(sampled).items() if size > len(read[event_id])}


def resolve(
    reports: Sequence[Report], rules: DedupRules = DedupRules(), store: ReportStore | None = None
) -> list[Event]:
    """Deduplicate a run's reports; with a store, merge them into the stored events and save the result.

    Stored reports of the run's articles are replaced by the run's coding (re-coding the same articles
    gives the same mention ids, hence the same events: nothing changes). Stored reports dated near the
    run's are candidates to merge with (a bounded sample of each stored event, see the package notes); a
    cluster that holds a stored event keeps its id, and its record is rebuilt from the sample, the run's
    reports and the tally of the rest. Reports the store holds as pending (their article was saved by a
    process killed before it merged them) join the run's and are merged too.

    The returned events list the sources merged in memory (this run's, and the sampled stored ones) with
    ``sources`` counting all; the store keeps each ``bounded`` to ``rules.sources_listed`` sources.
    """
    if store is None:
        return deduplicate(reports, rules)
    own = {r.event.event_id for r in reports}
    own_articles = {a for r in reports for a in r.event.article_ids}
    left = [r for r in store.pending_reports()
            if r.event.event_id not in own and not set(r.event.article_ids) & own_articles]
    if left:
        log.info("dedup: %d reports left unmerged by an interrupted run are merged now", len(left))
        reports = list(reports) + left
    sample = {"first": rules.sources_listed, "latest": rules.block_sample}
    run_mentions = {r.event.event_id for r in reports}
    run_articles = {a for r in reports for a in r.event.article_ids}
    fixed = store.mention_links(run_mentions)
    previous = store.reports_of_articles(run_articles)
    dropped = {r.event.event_id: e for r, e in previous if r.event.event_id not in run_mentions}
    days = [r.event.date.date for r in reports if r.event.date.date is not None]
    window = store.stored_reports(min(days) - timedelta(days=31), max(days) + timedelta(days=31),
                                  **sample) if days else []

    def others(rows: Iterable[tuple[Report, str]]) -> list[tuple[Report, str]]:
        return [(r, e) for r, e in rows if not set(r.event.article_ids) & run_articles]

    stored = others(window)
    fixed.update({r.event.event_id: e for r, e in stored})
    merged = deduplicate(reports, rules, stored=[r for r, _ in stored], fixed=fixed,
                         tallies=_tallies(store, stored, previous))
    known = {r.event.event_id for r, _ in stored}
    missing = [(r, e) for r, e in others(store.reports_of({e.event_id for e in merged}, **sample))
               if r.event.event_id not in known]
    if missing:  # reports of the same stored events dated outside the window
        stored += missing
        fixed.update({r.event.event_id: e for r, e in missing})
        merged = deduplicate(reports, rules, stored=[r for r, _ in stored], fixed=fixed,
                             tallies=_tallies(store, stored, previous))
    assignment = _assignment(merged)
    rebuilt = []  # stored events that lost a report because its article changed
    for event_id in sorted(set(dropped.values()) - {e.event_id for e in merged}):
        rest = others(store.reports_of([event_id], **sample))
        if rest:
            tally = _tallies(store, rest, previous).get(event_id)
            rebuilt.append(merge_reports([r for r, _ in rest], event_id, rules.reconcile, tally))
    store.save_merged([bounded(e, rules.sources_listed) for e in merged + rebuilt],
                      [(r, assignment[r.event.event_id]) for r in reports], dropped)
    return merged
