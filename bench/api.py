"""API benchmark: latency (p50/p95) of the main queries and sustained requests/s, over a real `warwatch serve`
process on loopback, on a generated store of 1,000,000 events.

Usage: python bench/api.py [--events 1000000] [--store PATH] [--rebuild] [--requests 200] [--load 3000]
                           [--concurrency 8] [--json FILE]

The store is written directly with DuckDB in the store's schema (``Store.open`` makes the tables; the rows
are generated in SQL, then ``Store.rebuild_derived`` derives ``latest_events`` and ``daily_counts`` from them):
events over three years (density growing over time, in date order as they would arrive), eleven countries
weighted as in current conflicts with 400 synthetic towns each (points spread over the country, 25 regions),
sixteen PLOVER categories (ASSAULT about half, with a mode and a weapon), actors and recipients, casualty
figures for most attacks, 8% background mentions, one to three sources per event (an article each, with
its own figures) and an evidence sentence. It is kept between runs (``--rebuild`` makes it again).

Measured, each with ``--requests`` sequential requests on one keep-alive connection (after a warm-up), the
parameters varying from request to request:

- ``filtered page``: ``/events?category=..&country=..&since=..&limit=100`` (category, country, since drawn);
- ``next page``: the page after it, by its ``next_cursor``;
- ``bbox page``: ``/events?bbox=..&limit=100``, a 2 x 2 degree box around a drawn town;
- ``daily counts, one year``: ``/stats/daily?since=Y-01-01&until=Y-12-31``, all countries or one, per day
  and category (``group_by=category``, what a timeline draws) and per day, category and country (the
  default);
- ``one event``: ``/events/{id}`` with its sources.

Then a bounded load: ``--load`` requests of the four page and stats queries in turn, ``--concurrency``
at a time (httpx, asyncio), requests/s and latency under load. The client runs on the same machine as
the server (2 cores here), so the figures include its share of the CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import httpx

from warwatch.store import Store

TARGET_P95_MS = 50.0
END = date(2026, 11, 30)
DAYS = 3 * 365
START = END - timedelta(days=DAYS - 1)
TOWNS = 400

# code, weight, centre lat, lon, spread (degrees), the usual (actor, recipient) codes
COUNTRIES = [
    ("UKR", 36, 48.8, 33.0, 7.0, ("RUS", "UKR")), ("RUS", 13, 52.5, 37.0, 5.0, ("UKR", "RUS")),
    ("PSE", 9, 31.7, 34.8, 0.6, ("ISR", "PSE")), ("ISR", 6, 32.2, 34.9, 1.0, ("HAMAS", "ISR")),
    ("LBN", 5, 33.7, 35.7, 1.0, ("ISR", "LBN")), ("SYR", 7, 35.0, 38.0, 4.0, ("SYR", "SYRREB")),
    ("SDN", 8, 14.5, 29.0, 7.0, ("RSF", "SDN")), ("YEM", 4, 15.5, 45.0, 4.0, ("HOUTHI", "YEM")),
    ("MMR", 6, 21.0, 96.0, 5.0, ("MMR", "MMRREB")), ("COD", 4, -1.0, 28.5, 3.0, ("M23", "COD")),
    ("SOM", 2, 4.0, 45.5, 4.0, ("SHABAAB", "SOM")),
]
CATEGORIES = [("ASSAULT", 49), ("ACCUSE", 8), ("COERCE", 6), ("CONSULT", 6), ("MOBILIZE", 5), ("THREATEN", 4),
              ("PROTEST", 4), ("REQUEST", 4), ("AID", 4), ("SUPPORT", 3), ("SANCTION", 3), ("AGREE", 3),
              ("REJECT", 2), ("RETREAT", 1), ("COOPERATE", 1), ("CONCEDE", 1)]
ATTACKS = [("aerial", "missile", 25), ("drone", "drone", 30), ("aerial", "glide_bomb", 10),
           ("artillery", "artillery", 20), ("ground", "firearms", 10), (None, None, 5)]


def _cumulative(rows: list[tuple[Any, ...]], weight_at: int) -> list[tuple[Any, ...]]:
    total = sum(r[weight_at] for r in rows)
    out, lo = [], 0.0
    for r in rows:
        hi = lo + r[weight_at] / total
        out.append((*r, lo, 1.0 if r is rows[-1] else hi))
        lo = hi
    return out


def generate(path: Path, n: int) -> float:
    """Write a store of ``n`` events at ``path``; returns the seconds it took."""
    began = time.perf_counter()
    for suffix in ("", ".wal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Store.open(path).close()  # the schema, with every migration
    db = duckdb.connect(str(path))
    db.execute("SET preserve_insertion_order = true")
    db.execute("SET enable_progress_bar = false")
    db.execute("CREATE TEMP TABLE countries (code VARCHAR, weight INT, lat DOUBLE, lon DOUBLE, spread DOUBLE, "
               "actor VARCHAR, recipient VARCHAR, lo DOUBLE, hi DOUBLE)")
    db.executemany("INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [(c, w, la, lo_, s, a, r, lo, hi)
                    for c, w, la, lo_, s, (a, r), lo, hi in _cumulative(COUNTRIES, 1)])
    db.execute("CREATE TEMP TABLE categories (name VARCHAR, weight INT, lo DOUBLE, hi DOUBLE)")
    db.executemany("INSERT INTO categories VALUES (?, ?, ?, ?)", _cumulative(CATEGORIES, 1))
    db.execute("CREATE TEMP TABLE attacks (mode VARCHAR, weapon VARCHAR, weight INT, lo DOUBLE, hi DOUBLE)")
    db.executemany("INSERT INTO attacks VALUES (?, ?, ?, ?, ?)", _cumulative(ATTACKS, 2))
    # u(i, k): a uniform number in [0, 1) fixed by the event number and a salt
    db.execute("CREATE TEMP MACRO u(i, k) AS (hash(i, k) % 1000000007) / 1000000007.0")
    db.execute(f"""
        CREATE TEMP TABLE gen AS
        WITH base AS (
            SELECT i, u(i, 1) AS uc, u(i, 2) AS uk, u(i, 3) AS ud, u(i, 4) AS ua, u(i, 5) AS us,
                   (hash(i, 6) % {TOWNS})::INT AS town, u(i, 7) AS u_dead, u(i, 8) AS u_inj, u(i, 9) AS u_bg,
                   u(i, 10) AS u_conf, u(i, 11) AS u_known
            FROM range({n}) t(i)
        )
        SELECT b.i, substr(md5(b.i::VARCHAR), 1, 16) AS event_id, cat.name AS event,
               DATE '{START.isoformat()}' + LEAST({DAYS - 1}, floor({DAYS} * sqrt(b.ud)))::INT AS date,
               c.code AS country, c.actor, c.recipient,
               'Town ' || c.code || '-' || b.town AS location_name,
               'Region ' || c.code || '-' || (b.town % 25) AS admin1,
               round(c.lat + (u(c.code, b.town) - 0.5) * c.spread, 4) AS lat,
               round(c.lon + (u(b.town, c.code) - 0.5) * c.spread * 1.5, 4) AS lon,
               CASE WHEN cat.name = 'ASSAULT' THEN a.mode END AS mode,
               CASE WHEN cat.name = 'ASSAULT' THEN a.weapon END AS weapon,
               CASE WHEN cat.name = 'ASSAULT' AND b.u_known < 0.7 THEN floor(-ln(1 - b.u_dead) * 2.5)::INT END
                   AS dead,
               CASE WHEN cat.name = 'ASSAULT' AND b.u_known < 0.8 THEN floor(-ln(1 - b.u_inj) * 6)::INT END
                   AS injured,
               b.u_bg < 0.08 AS background,
               round(0.3 + 0.69 * b.u_conf, 3) AS confidence,
               CASE WHEN b.us < 0.7 THEN 1 WHEN b.us < 0.9 THEN 2 ELSE 3 END AS n_sources
        FROM base b
        JOIN categories cat ON b.uc >= cat.lo AND b.uc < cat.hi
        JOIN countries c ON b.uk >= c.lo AND b.uk < c.hi
        JOIN attacks a ON b.ua >= a.lo AND b.ua < a.hi
    """)
    db.execute("""
        CREATE TEMP TABLE gen_sources AS
        SELECT g.*, k, 'b-' || g.i || '-' || k AS article_id,
               g.date + (k - 1)::INT AS published,
               CASE WHEN g.dead IS NULL THEN NULL ELSE g.dead + (k - 1) END AS source_dead,
               CASE WHEN g.injured IS NULL THEN NULL ELSE g.injured + 2 * (k - 1) END AS source_injured,
               CASE g.event
                   WHEN 'ASSAULT' THEN g.actor || ' forces struck ' || g.location_name || ' with '
                        || coalesce(g.weapon, 'weapons') || ' on ' || strftime(g.date, '%B %d')
                        || coalesce(', killing ' || g.dead, '') || coalesce(' and wounding ' || g.injured, '')
                        || ', officials said.'
                   ELSE 'Officials of ' || g.actor || ' and ' || g.recipient || ' were reported in '
                        || g.location_name || ' (' || lower(g.event) || ') on ' || strftime(g.date, '%B %d') || '.'
               END AS sentence
        FROM gen g, range(1, 4) r(k)
        WHERE k <= g.n_sources
    """)
    db.execute("""
        INSERT INTO articles (content_hash, id, url, published, title, text, coded_at)
        SELECT sha256(article_id), article_id, 'https://example.org/bench/' || article_id, published,
               event || ' in ' || location_name, sentence || ' The report could not be independently verified.',
               now()::TIMESTAMP
        FROM gen_sources ORDER BY date, i, k
    """)
    db.execute("""
        CREATE TEMP TABLE gen_records AS
        SELECT i, to_json({
            'event_id': any_value(event_id),
            'article_ids': list(article_id ORDER BY k),
            'event': any_value(event), 'mode': any_value(mode), 'context': ['military'],
            'weapon': any_value(weapon),
            'actor': [{'name': any_value(actor), 'country': any_value(actor), 'sector': 'MIL'}],
            'recipient': [{'name': any_value(recipient), 'country': any_value(recipient), 'sector': NULL}],
            'date': strftime(any_value(date), '%Y-%m-%d'), 'date_precision': 'day', 'date_source': 'explicit',
            'location': {'name': any_value(location_name), 'country': any_value(country),
                         'admin1': any_value(admin1), 'lat': any_value(lat), 'lon': any_value(lon),
                         'geonameid': NULL, 'precision': 'city'},
            'dead': any_value(dead), 'injured': any_value(injured),
            'dead_qualifier': CASE WHEN any_value(dead) IS NULL THEN NULL ELSE 'exact' END,
            'injured_qualifier': CASE WHEN any_value(injured) IS NULL THEN NULL ELSE 'exact' END,
            'background': any_value(background), 'score': -9.0, 'confidence': any_value(confidence),
            'claimed_by': [],
            'evidence': list({'article_id': article_id, 'text': sentence, 'start': 0,
                              'end': length(sentence)} ORDER BY k),
            'sources': count(*),
            'figures_by_source': list({'article_id': article_id, 'published': strftime(published, '%Y-%m-%d'),
                                       'dead': source_dead, 'injured': source_injured} ORDER BY k)
        })::VARCHAR AS record
        FROM gen_sources GROUP BY i
    """)
    db.execute("""
        INSERT INTO events (event_id, article_id, event, mode, context, weapon, actor, recipient, date,
                            date_precision, date_source, location_name, country, admin1, lat, lon, geonameid,
                            precision, dead, injured, background, score, confidence, record)
        SELECT s.event_id, s.article_id, s.event, s.mode, ['military'], s.weapon,
               json_extract(r.record, '$.actor'), json_extract(r.record, '$.recipient'), s.date, 'day', 'explicit',
               s.location_name, s.country, s.admin1, s.lat, s.lon, NULL, 'city', s.dead, s.injured, s.background,
               -9.0, s.confidence, r.record
        FROM gen_sources s JOIN gen_records r USING (i)
        ORDER BY s.date, s.i, s.k
    """)
    db.execute("""
        INSERT INTO evidence (event_id, article_id, text, start, "end")
        SELECT event_id, article_id, sentence, 0, length(sentence) FROM gen_sources ORDER BY date, i, k
    """)
    db.close()
    with Store.open(path) as store:  # latest_events and daily_counts, derived as the store derives them
        store.rebuild_derived()
    db = duckdb.connect(str(path))
    db.execute("CHECKPOINT")
    db.close()
    return time.perf_counter() - began


def start_server(store: Path) -> tuple[subprocess.Popen[str], str]:
    environ = {k: v for k, v in os.environ.items() if k != "WARWATCH_API_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "warwatch.cli", "serve", "--store", str(store), "--port", "0", "--no-access-log"],
        stderr=subprocess.PIPE, text=True, env=environ)
    assert process.stderr is not None
    line = process.stderr.readline()
    if " at http://" not in line:
        process.kill()
        raise SystemExit(f"the server did not start: {line}{process.stderr.read()}")
    return process, line.split(" at ", 1)[1].split(" ", 1)[0]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


class Queries:
    """Request parameters drawn from the generated data, the same for every run (seeded)."""

    def __init__(self, seed: int, event_ids: list[str], towns: list[tuple[float, float]]) -> None:
        self.rng = random.Random(seed)
        self.event_ids = event_ids
        self.towns = towns

    def filtered(self) -> dict[str, Any]:
        category = self.rng.choice(["ASSAULT", "ASSAULT", "ACCUSE", "CONSULT", "MOBILIZE"])
        country = self.rng.choice(["UKR", "UKR", "RUS", "PSE", "SDN", "SYR", "MMR"])
        since = END - timedelta(days=self.rng.randint(30, 720))
        return {"category": category, "country": country, "since": since.isoformat(), "limit": 100,
                "background": "false"}

    def bbox(self) -> dict[str, Any]:
        lat, lon = self.rng.choice(self.towns)
        return {"bbox": f"{lon - 1:.3f},{lat - 1:.3f},{lon + 1:.3f},{lat + 1:.3f}", "limit": 100}

    def daily(self, group_by: str | None = None) -> dict[str, Any]:
        year = self.rng.choice([2024, 2025])
        params: dict[str, Any] = {"since": f"{year}-01-01", "until": f"{year}-12-31"}
        if group_by:
            params["group_by"] = group_by
        if self.rng.random() < 0.5:
            params["country"] = self.rng.choice(["UKR", "RUS", "SDN"])
        return params

    def event_id(self) -> str:
        return self.rng.choice(self.event_ids)


def measure(name: str, count: int, call: Callable[[], httpx.Response]) -> dict[str, Any]:
    for _ in range(max(5, count // 10)):  # warm-up
        call()
    times = []
    sizes = []
    for _ in range(count):
        began = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code}: {response.text[:300]}")
        sizes.append(len(response.content))
    return {"query": name, "requests": count, "p50_ms": statistics.median(times),
            "p95_ms": percentile(times, 0.95), "max_ms": max(times), "mean_bytes": statistics.mean(sizes)}


async def load(url: str, queries: Queries, total: int, concurrency: int) -> dict[str, Any]:
    kinds = ["filtered", "bbox", "daily", "event"]
    plan: list[tuple[str, dict[str, Any]]] = []
    for n in range(total):
        kind = kinds[n % len(kinds)]
        if kind == "filtered":
            plan.append(("/events", queries.filtered()))
        elif kind == "bbox":
            plan.append(("/events", queries.bbox()))
        elif kind == "daily":
            plan.append(("/stats/daily", queries.daily("category")))
        else:
            plan.append((f"/events/{queries.event_id()}", {}))
    times: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        queue: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        for item in plan:
            queue.put_nowait(item)

        async def worker() -> None:
            nonlocal errors
            while not queue.empty():
                path, params = queue.get_nowait()
                began = time.perf_counter()
                response = await client.get(path, params=params)
                times.append((time.perf_counter() - began) * 1000)
                errors += response.status_code != 200

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return {"requests": total, "concurrency": concurrency, "seconds": elapsed, "requests_per_s": total / elapsed,
            "p50_ms": statistics.median(times), "p95_ms": percentile(times, 0.95), "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="default: bench-api-<events>.duckdb in the system's temp folder")
    parser.add_argument("--rebuild", action="store_true", help="generate the store even if it exists")
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per query (default 200)")
    parser.add_argument("--load", type=int, default=3000, help="requests of the load test (default 3000)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    store = args.store or Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-api-{args.events}.duckdb"

    if args.rebuild or not store.exists():
        print(f"generating {args.events:,} events into {store} ...", file=sys.stderr, flush=True)
        seconds = generate(store, args.events)
        print(f"generated in {seconds:.1f} s ({store.stat().st_size / 2**20:,.0f} MiB)", file=sys.stderr)
    with Store.open(store, read_only=True) as opened:
        counts = opened.fetch("SELECT count(*), count(DISTINCT country) FROM latest_events")[0]
        rows = opened.fetch("SELECT count(*) FROM events")[0][0]
        sample = [str(r[0]) for r in opened.fetch(
            "SELECT event_id FROM latest_events USING SAMPLE reservoir(2000 ROWS) REPEATABLE (7)")]
        towns = [(float(a), float(b)) for a, b in opened.fetch(
            "SELECT lat, lon FROM latest_events USING SAMPLE reservoir(500 ROWS) REPEATABLE (7)")]
    print(f"store: {counts[0]:,} events ({rows:,} mention rows), {counts[1]} countries", file=sys.stderr)

    process, url = start_server(store)
    results: list[dict[str, Any]] = []
    try:
        queries = Queries(args.seed, sample, towns)
        with httpx.Client(base_url=url, timeout=60) as client:
            results.append(measure("filtered page of 100 (category+country+since)", args.requests,
                                   lambda: client.get("/events", params=queries.filtered())))
            results.append(measure_pairs("next page by cursor", args.requests, client, queries))
            results.append(measure("bbox page of 100 (2 x 2 degrees)", args.requests,
                                   lambda: client.get("/events", params=queries.bbox())))
            results.append(measure("daily counts, one year, per category", args.requests,
                                   lambda: client.get("/stats/daily", params=queries.daily("category"))))
            results.append(measure("daily counts, one year, per category+country", args.requests,
                                   lambda: client.get("/stats/daily", params=queries.daily())))
            results.append(measure("one event with its sources", args.requests,
                                   lambda: client.get(f"/events/{queries.event_id()}")))
        loaded = asyncio.run(load(url, queries, args.load, args.concurrency))
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()

    print(f"\nwarwatch API on {counts[0]:,} events, loopback, {os.cpu_count()} cores "
          f"(target p95 <= {TARGET_P95_MS:.0f} ms)\n")
    print(f"| {'query':48} | {'p50 ms':>7} | {'p95 ms':>7} | {'max ms':>7} | {'KB':>6} | target |")
    print(f"|{'-' * 50}|{'-' * 8}:|{'-' * 8}:|{'-' * 8}:|{'-' * 7}:|--------|")
    for r in results:
        ok = "ok" if r["p95_ms"] <= TARGET_P95_MS else "MISSED"
        print(f"| {r['query']:48} | {r['p50_ms']:7.1f} | {r['p95_ms']:7.1f} | {r['max_ms']:7.1f} | "
              f"{r['mean_bytes'] / 1024:6.1f} | {ok:6} |")
    print(f"\nload: {loaded['requests']:,} requests (filtered, bbox, daily, one event in turn), "
          f"concurrency {loaded['concurrency']}: {loaded['requests_per_s']:.0f} requests/s, "
          f"p50 {loaded['p50_ms']:.1f} ms, p95 {loaded['p95_ms']:.1f} ms, errors {loaded['errors']}")
    if args.json:
        args.json.write_text(json.dumps({"events": counts[0], "latency": results, "load": loaded}, indent=2))
    missed = [r for r in results if r["p95_ms"] > TARGET_P95_MS]
    return 1 if missed or loaded["errors"] else 0


def measure_pairs(name: str, count: int, client: httpx.Client, queries: Queries) -> dict[str, Any]:
    """The second page of a filtered query, timed alone (the first page is fetched untimed for its cursor)."""

    def ready() -> tuple[dict[str, Any], str]:
        while True:
            params = queries.filtered()
            cursor = client.get("/events", params=params).json()["next_cursor"]
            if cursor:
                return params, cursor

    times: list[float] = []
    sizes: list[int] = []
    for n in range(count + max(5, count // 10)):
        params, cursor = ready()
        began = time.perf_counter()
        response = client.get("/events", params={**params, "cursor": cursor})
        elapsed = (time.perf_counter() - began) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{name}: HTTP {response.status_code}: {response.text[:300]}")
        if n >= max(5, count // 10):
            times.append(elapsed)
            sizes.append(len(response.content))
    return {"query": name, "requests": count, "p50_ms": statistics.median(times),
            "p95_ms": percentile(times, 0.95), "max_ms": max(times), "mean_bytes": statistics.mean(sizes)}


if __name__ == "__main__":
    raise SystemExit(main())
