"""Scale benchmark of deduplication: cluster N generated reports, report time, peak memory and pairwise F1.

Usage: python bench/dedup.py [--events 1000000] [--seed 7] [--json]

The generator makes "happenings" over five years at synthetic places (2,000 towns in each of eight
countries, weighted by country and 1/sqrt(rank), so the busiest town sees one or two a day; one
category in one town on one day is one event, as the codebook has it), with point, city, admin1 and
country precision, and has each reported by one to three sources: the date sometimes a day off, the
place sometimes a nearby point, the weapon or the attacker sometimes missing, the evidence words
partly shared. Reports are built directly
as ``dedup.Member`` records (the compact form the stage clusters; a coded run holds the same), so the
timing is the clustering stage itself: blocking, pairwise scores, sorting and union-find. Time is wall
clock; peak memory is the process's maximum resident set size (``resource.getrusage``), which includes
the interpreter and the generated reports.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import random
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass

from warwatch.dedup import SIGNATURE_BITS, Member, cluster

log = logging.getLogger("bench.dedup")

CATEGORIES = [("ASSAULT", 55), ("ACCUSE", 10), ("CONSULT", 8), ("REQUEST", 6), ("THREATEN", 5), ("SANCTION", 4),
              ("REJECT", 4), ("SUPPORT", 3), ("AGREE", 2), ("RETREAT", 1), ("MOBILIZE", 1), ("COERCE", 1)]
COUNTRIES = [("UKR", 48.5, 32.0, 8.0, 40), ("RUS", 55.0, 40.0, 10.0, 20), ("ISR", 31.8, 35.0, 1.2, 10),
             ("IND", 30.0, 76.0, 6.0, 8), ("SAU", 24.0, 45.0, 5.0, 6), ("YEM", 15.5, 45.0, 3.0, 6),
             ("SYR", 35.0, 38.0, 2.0, 6), ("SDN", 15.0, 30.0, 5.0, 4)]
WEAPONS = ["drone", "missile", "artillery", "aircraft", "rocket", "mixed", "glide_bomb"]
DAYS = 5 * 365
START = 738_000  # a date ordinal (2021)


@dataclass(frozen=True, slots=True)
class Town:
    geonameid: int
    country: str
    admin1: str
    lat: float
    lon: float


def _towns(rng: random.Random, per_country: int = 2000) -> list[tuple[Town, float]]:
    towns = []
    gid = 1
    for code, lat, lon, spread, weight in COUNTRIES:
        for rank in range(1, per_country + 1):
            t_lat = lat + rng.uniform(-spread, spread) / 2
            t_lon = lon + rng.uniform(-spread, spread)
            region = f"{code}-R{int((t_lat - lat) // 1.5)}{int((t_lon - lon) // 2)}"
            towns.append((Town(gid, code, region, t_lat, t_lon), weight / math.sqrt(rank)))
            gid += 1
    return towns


def _signature(rng: random.Random, words: list[int]) -> int:
    bits = 0
    for w in words:
        bits |= 1 << (w % SIGNATURE_BITS)
    return bits


def generate(n_reports: int, seed: int = 7) -> tuple[list[Member], list[int]]:
    """``n_reports`` members and, for each, the id of the happening it reports (the truth)."""
    rng = random.Random(seed)
    towns = _towns(rng)
    town_list = [t for t, _ in towns]
    town_cum = list(itertools.accumulate(w for _, w in towns))
    cats = [c for c, _ in CATEGORIES]
    cat_cum = list(itertools.accumulate(w for _, w in CATEGORIES))
    members: list[Member] = []
    truth: list[int] = []
    interned: dict[tuple[str, ...], tuple[str, ...]] = {}

    def intern(codes: tuple[str, ...]) -> tuple[str, ...]:
        return interned.setdefault(codes, codes)

    happenings: dict[tuple[str, int, int], int] = {}  # the codebook: one event per category, town and day
    article = 0
    while len(members) < n_reports:
        category = rng.choices(cats, cum_weights=cat_cum)[0]
        town = rng.choices(town_list, cum_weights=town_cum)[0]
        day = START + rng.randrange(DAYS)
        happening = happenings.setdefault((category, town.geonameid, day), len(happenings))
        weapon = rng.choice(WEAPONS) if category == "ASSAULT" else None
        attacker = rng.choice(["RUS", "UKR", "HOUTHI", "ISR", "PAK", "RSF", ""])
        words = [rng.randrange(1 << 30) for _ in range(18)]
        precision = rng.choices(["city", "point", "admin1", "country"], [75, 10, 10, 5])[0]
        sources = rng.choices([1, 2, 3], [60, 25, 15])[0]
        for _ in range(sources):
            if len(members) >= n_reports:
                break
            article += 1
            lat, lon, p = town.lat, town.lon, precision
            if p == "point" or rng.random() < 0.05:
                p = "point"
                lat += rng.uniform(-0.02, 0.02)
                lon += rng.uniform(-0.02, 0.02)
            report_day = day + (rng.choice((-1, 1)) if rng.random() < 0.15 else 0)
            slack = 31 if rng.random() < 0.02 else 1
            mine = [w for w in words if rng.random() < 0.6] + [rng.randrange(1 << 30) for _ in range(8)]
            members.append(Member(
                mention_id=f"m{article:08d}",
                article_id=f"a{article:08d}",
                category=category,
                background=rng.random() < 0.05,
                published=report_day + rng.randrange(3),
                day=report_day,
                slack=slack,
                lat=None if p == "country" else lat,
                lon=None if p == "country" else lon,
                precision=p,
                country=town.country,
                admin1=town.admin1,
                geonameid=None if p == "point" else town.geonameid,
                weapon=None if weapon is None or rng.random() < 0.2 else weapon,
                actors=intern((attacker,)) if attacker and rng.random() < 0.7 else (),
                recipients=intern((town.country,)),
                signature=_signature(rng, mine),
            ))
            truth.append(happening)
    return members, truth


def pairwise(truth: list[int], predicted: list[str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of the predicted clusters against the true happenings."""
    def pairs(counts: Counter) -> int:  # type: ignore[type-arg]
        return sum(c * (c - 1) // 2 for c in counts.values())

    gold = pairs(Counter(truth))
    pred = pairs(Counter(predicted))
    both = pairs(Counter(zip(truth, predicted, strict=True)))
    p = both / pred if pred else 0.0
    r = both / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold_pairs": gold,
            "predicted_pairs": pred}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="reports to generate and cluster")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="bench: %(message)s", stream=sys.stderr)
    started = time.perf_counter()
    members, truth = generate(args.events, args.seed)
    generated = time.perf_counter() - started
    rss_before = peak_rss_mb()
    log.info("generated %d reports in %.1f s (peak RSS %.0f MB)", len(members), generated, rss_before)
    started, cpu = time.perf_counter(), time.process_time()
    ids = cluster(members)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    news = [i for i, m in enumerate(members) if not m.background]
    result = {
        "reports": len(members),
        "events": len(set(ids)),
        "generate_s": round(generated, 1),
        "cluster_s": round(seconds, 1),
        "cluster_cpu_s": round(cpu, 1),  # lower than cluster_s when other jobs share the cores
        "reports_per_s": math.floor(len(members) / seconds) if seconds else None,
        "peak_rss_mb_after_generation": round(rss_before),
        "peak_rss_mb": round(peak_rss_mb()),
        "pairwise": pairwise([truth[i] for i in news], [ids[i] for i in news]),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:30} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
