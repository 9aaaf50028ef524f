"""Many reports of one event against as many distinct events: merge time and peak memory (issue 18).

Usage: python bench/one_event.py [--reports 5000] [--store] [--json]

Builds N coded reports (fictional: one ASSAULT in one town on one day, each from its own article with a
different death toll and a 150-character evidence sentence) and, as the baseline, N reports of N different
events (other towns, other days). Each case runs in a fresh process (so peak memory is its own): it merges
the reports with ``dedup.resolve``, into a new store when ``--store`` is given (``save_results``' path), and
prints wall time and the process's peak resident memory (``resource.getrusage``), which includes the
interpreter and the generated reports.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from warwatch.dedup import DedupRules, Report, resolve
from warwatch.models import Actor, Casualties, DateResolution, Event, Evidence, Location


def reports(n: int, same: bool) -> list[Report]:
    out = []
    for i in range(n):
        day = date(2031, 3, 4) if same else date(2031, 1, 1) + timedelta(days=i // 40)
        lat, lon = (50.91, 34.80) if same else (44.0 + (i % 40) * 0.5, 30.0 + (i % 40) * 0.5)
        text = (f"Russian drones struck the town overnight, killing {i % 17} people and wounding {i % 23}, "
                f"officials told reporter number {i} on Tuesday morning.")
        event = Event(
            event_id=f"m-{i:07d}", article_ids=(f"a-{i:07d}",), event="ASSAULT", mode="drone",
            context=("military",), weapon="drone", actor=(Actor("Russian", "RUS", "MIL"),),
            recipient=(Actor("Sumy", "UKR", None),), date=DateResolution(day, "day", "relative"),
            location=Location("Sumy" if same else f"Town {i % 40}", "UKR", "Sumy", lat, lon,
                              700569 if same else 900000 + i % 40, "city"),
            casualties=Casualties(i % 17, i % 23, "exact", "exact"), background=False, score=1.0,
            evidence=(Evidence(f"a-{i:07d}", text, 0, len(text)),), confidence=0.6)
        out.append(Report(event, day))
    return out


def run_case(n: int, same: bool, use_store: bool) -> dict[str, float]:
    items = reports(n, same)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if use_store:
            from warwatch.store import Store

            with Store.open(Path(tmp) / "bench.duckdb") as store:
                merged = resolve(items, DedupRules(), store)
        else:
            merged = resolve(items, DedupRules())
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"reports": n, "events": len(merged), "seconds": round(seconds, 2), "peak_mb": round(peak_mb)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--store", action="store_true", help="merge into a new DuckDB store, as code does")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--case", choices=["same", "distinct"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.reports, args.case == "same", args.store)))
        return 0
    result = {}
    for case in ("same", "distinct"):
        command = [sys.executable, __file__, "--reports", str(args.reports), "--case", case]
        done = subprocess.run(command + (["--store"] if args.store else []), check=True, capture_output=True,
                              text=True)
        result[case] = json.loads(done.stdout.splitlines()[-1])
    result["time_ratio"] = round(result["same"]["seconds"] / max(result["distinct"]["seconds"], 1e-9), 2)
    if args.json:
        print(json.dumps(result))
    else:
        for case in ("same", "distinct"):
            r = result[case]
            print(f"{case:9} {r['reports']:>7,} reports -> {r['events']:>6,} events: {r['seconds']:7.2f} s, "
                  f"peak {r['peak_mb']:,} MB")
        print(f"one event / distinct events time ratio: {result['time_ratio']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
