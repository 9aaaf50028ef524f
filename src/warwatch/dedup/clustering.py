"""Steps 2, 4 and 5 of deduplication: blocking, clustering and stable ids; background mentions linked.

Members are indexed by (category, day) and then by place, so a member is only compared with the members under
the keys it probes (``candidate_pairs``). ``cluster`` joins the compatible pairs, best first, under the
constraints of step 4 and gives every member the id of its cluster; ``link_background`` gives each background
member the id of the news event it mentions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from .members import PRECISION_RADIUS_KM, SYMMETRIC, DedupRules, Member, _fine, pair_score

__all__ = ["LINK_KM", "candidate_pairs", "cluster", "link_background"]


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
    return _place_keys(m) + _party_keys(m)


def _place_keys(m: Member) -> list[Key]:
    if m.precision is None:
        return [("N",)]
    if _fine(m):
        return [("F", *_cell(m.lat, m.lon))]  # type: ignore[arg-type]
    if m.precision == "admin1":
        return [("RA", *_region(m))]
    return [("CC", m.country)]


def _party_keys(m: Member) -> list[Key]:
    """A meeting, accord or exchange is also filed under its parties: reports place it at different capitals."""
    return [("P", *m.actors)] if m.category in SYMMETRIC and len(m.actors) >= 2 else []


def _probe_keys(m: Member) -> list[Key]:
    """The place keys a member looks under; they mirror ``_stored_keys`` so a pair is found from either side."""
    if m.precision is None:
        return [("N",), *_party_keys(m)]
    if _fine(m):
        lat, lon = m.lat, m.lon
        assert lat is not None and lon is not None
        band = math.floor(lat / LAT_STEP)
        keys: list[Key] = []
        for b in (band - 1, band, band + 1):  # cells are at least LINK_KM wide: the neighbours suffice
            x = math.floor(lon / _lon_step(b))
            keys.extend(("F", b, x + dx) for dx in (-1, 0, 1))
        return keys + _party_keys(m)
    if m.precision == "admin1":
        return [("RA", *_region(m)), *_party_keys(m)]
    return [("CC", m.country), *_party_keys(m)]


def _days(m: Member) -> range:
    assert m.day is not None
    return range(m.day - m.slack, m.day + m.slack + 1)


def _probe(table: dict[tuple[str, int], dict[Key, list[int]]], category: str, buckets: Iterable[int],
           probes: Iterable[Key], seen: set[int], sample: int) -> None:
    """Add to ``seen`` the members filed in ``table`` under (category, bucket) for any of the probe keys.

    A key holding more than ``sample`` members (many reports of one event) gives only its first and its
    latest ``sample // 2``: union-find joins a report to the whole cluster through any one of them.
    """
    probes = tuple(probes)
    half = max(1, sample // 2)
    for bucket in buckets:
        block = table.get((category, bucket))
        if block:
            for key in probes:
                found = block.get(key)
                if found:
                    if len(found) > 2 * half:
                        seen.update(found[:half])
                        seen.update(found[-half:])
                    else:
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
        _probe(index, m.category, _days(m), probes, seen, rules.block_sample)
        _probe(imprecise, m.category, (month - 1, month, month + 1), probes, seen, rules.block_sample)
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
        self.articles: list[set[str]] = [{m.article_id} for m in members]  # by root; merged small into large
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
            if not self.articles[a].isdisjoint(self.articles[b]):
                return False
            if lo is not None and hi is not None and hi - lo > self.max_span:
                return False
        if len(self.articles[a]) < len(self.articles[b]):
            a, b = b, a
        self.parent[b] = a
        self.articles[a] |= self.articles[b]
        self.articles[b] = set()
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
