"""Export benchmark: peak memory (RSS) and time of `warwatch export` to each format over a generated store of
1,000,000 events (the generator of bench/api.py), each format in its own process.

Usage: python bench/export.py [--events 1000000] [--store PATH] [--rebuild] [--out DIR] [--formats ...]
                              [--json FILE]

The peak RSS is the child process's own maximum resident set (``os.wait4``), so it includes Python, DuckDB
and the page of records held at a time. Each output is checked: its rows counted against the store's events
(those an ACLED or CAMEO row cannot be given are counted in the command's summary).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import generate  # noqa: E402  (bench/api.py: the store generator)

FORMATS = ("plover", "acled", "cameo", "geojson", "parquet")
LIMIT_MB = 1024


def run(store: Path, fmt: str, out: Path) -> dict[str, Any]:
    target = out / (f"events.{fmt}" if fmt != "parquet" else "events_by_month")
    extra = ["--by-month", "--overwrite"] if fmt == "parquet" else []
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "warwatch.cli", "export", "--format", fmt, "--store", str(store), "-o", str(target),
         "--background", "any", *extra], stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    summary = process.stderr.read().strip()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - began
    if process.returncode != 0:
        raise SystemExit(f"{fmt}: exit {process.returncode}: {summary}")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file()) if target.is_dir() else target.stat().st_size
    return {"format": fmt, "seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "output_mb": round(size / 2**20, 1), "summary": summary.splitlines()[-1] if summary else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=Path("bench/export.duckdb"))
    parser.add_argument("--rebuild", action="store_true", help="generate the store again")
    parser.add_argument("--out", type=Path, default=Path("bench/export_out"))
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()
    if args.rebuild or not args.store.exists():
        print(f"generating {args.events:,} events into {args.store} ...", file=sys.stderr)
        print(f"  {generate(args.store, args.events):.0f} s", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    print(f"{'format':8} {'seconds':>8} {'peak RSS MB':>12} {'output MB':>10}  summary")
    for fmt in args.formats:
        result = run(args.store, fmt, args.out)
        results.append(result)
        print(f"{fmt:8} {result['seconds']:8.1f} {result['peak_rss_mb']:12.1f} {result['output_mb']:10.1f}  "
              f"{result['summary']}", flush=True)
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps({"events": args.events, "load": load, "results": results}, indent=2))
    worst = max(r["peak_rss_mb"] for r in results)
    if worst > LIMIT_MB:
        raise SystemExit(f"peak RSS {worst} MB is over {LIMIT_MB} MB")


if __name__ == "__main__":
    main()
