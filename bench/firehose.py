"""Firehose: a day-like stream of real news through `warwatch code` on 1 process, every core and a LocalCluster.

The stream is generated at run time from the texts in ../shared (never copied into the repo): the dev
articles (war and diplomacy news) and the LGL and GeoWebNews articles (mostly local news with no war in
it), repeated and shuffled with a fixed seed; a share of the articles come again as another outlet's copy
(same text, new id and url), as wire stories do. The stream is written to a temporary file and coded
by the real CLI in a fresh process for each mode, with `--no-store` and the output thrown away.

For each mode: wall time (loading included), articles/s, the steady rate once loaded (wall time less that
of coding the first 8 articles in the same mode, when start-up is the smaller part of the run), the projected
time for 370,000 articles (a day of CC-NEWS in English) at that rate (else at the whole-run rate), and the peak
resident memory of the largest process and of all the run's processes together (sampled every 0.2 s with
psutil). With --repeat R the modes run in turns R times and medians are reported; the load average is printed
with them (the machine may be shared).

Usage: python bench/firehose.py [--shared ../shared] [--articles 1000] [--repeat 1] [--modes one,cores,dask]
       [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
DAY = 370_000
SOURCES = ("data/dev/articles.jsonl", "data/geo/lgl/articles.jsonl", "data/geo/gwn/articles.jsonl")
MODES = {
    "one": ["--jobs", "1"],
    "cores": ["--jobs", "0"],
    "dask": ["--dask", "local", "--jobs", "2"],
}


def stream(shared: Path, n: int, duplicates: float, seed: int) -> list[dict[str, Any]]:
    """``n`` articles: the shared texts repeated and shuffled, ``duplicates`` of them another outlet's copy."""
    rng = random.Random(seed)
    base = [json.loads(line) for name in SOURCES for line in (shared / name).read_text(encoding="utf-8").split("\n")
            if line.strip()]
    out: list[dict[str, Any]] = []
    while len(out) < n:
        rows = base[:]
        rng.shuffle(rows)
        for row in rows:
            if len(out) >= n:
                break
            k = len(out)
            out.append({**row, "id": f"fh-{k}-{row['id']}", "url": f"https://outlet{k % 97}.example/{k}"})
            if out and len(out) < n and rng.random() < duplicates:  # the same wire story in another outlet
                out.append({**row, "id": f"fh-{k}-copy", "url": f"https://outlet{(k + 1) % 97}.example/{k}-c"})
    return out


def run(path: Path, mode: str, warwatch: list[str]) -> dict[str, float]:
    """One `warwatch code` run: wall time and peak memory (largest process, all processes)."""
    cmd = [*warwatch, "code", str(path), "--output", os.devnull, "--no-store", "--no-progress", *MODES[mode]]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak_one = peak_all = 0
    while proc.poll() is None:
        try:
            family = [root, *root.children(recursive=True)]
            sizes = []
            for p in family:
                try:
                    sizes.append(p.memory_info().rss)
                except psutil.Error:
                    pass
            peak_one, peak_all = max(peak_one, max(sizes, default=0)), max(peak_all, sum(sizes))
        except psutil.Error:
            pass
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{mode}: exit {proc.returncode}\n{err}")
    return {"wall_s": wall, "peak_rss_mb": peak_one / 2**20, "peak_rss_all_mb": peak_all / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duplicates", type=float, default=0.1, help="share of articles copied by another outlet")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--modes", default="one,cores,dask")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    warwatch = [sys.executable, "-m", "warwatch.cli"]
    env_note = f"{psutil.cpu_count()} cores, load average before {os.getloadavg()[0]:.1f}"

    with tempfile.TemporaryDirectory(prefix="warwatch-firehose-") as tmp:
        path, warm = Path(tmp) / "day.jsonl", Path(tmp) / "warm.jsonl"
        rows = stream(args.shared, args.articles, args.duplicates, args.seed)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        warm.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:8]), encoding="utf-8")
        runs: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
        starts: dict[str, list[float]] = {m: [] for m in modes}
        for _ in range(args.repeat):
            for mode in modes:  # in turns, so each mode sees the same spread of load
                starts[mode].append(run(warm, mode, warwatch)["wall_s"])
                runs[mode].append(run(path, mode, warwatch))
    loads = os.getloadavg()
    figures: dict[str, Any] = {"articles": len(rows), "chars": sum(len(r["text"]) for r in rows),
                               "repeat": args.repeat, "load_average": [round(x, 1) for x in loads], "modes": {}}
    for mode in modes:
        wall = statistics.median(r["wall_s"] for r in runs[mode])
        start = statistics.median(starts[mode])
        # the steady rate needs the start-up to be the smaller part; on a busy machine it may not be
        steady = len(rows) / (wall - start) if wall > 1.5 * start else None
        figures["modes"][mode] = {
            "wall_s": round(wall, 1), "articles_per_s": round(len(rows) / wall, 1),
            "start_s": round(start, 1), "steady_articles_per_s": round(steady, 1) if steady else None,
            "day_hours": round(DAY / (steady or len(rows) / wall) / 3600, 1),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs[mode])),
            "peak_rss_all_mb": round(max(r["peak_rss_all_mb"] for r in runs[mode])),
        }
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{len(rows)} articles ({figures['chars']} chars); {env_note}; after: {figures['load_average']}")
    print(f"{'mode':6} {'wall s':>7} {'art/s':>6} {'start s':>7} {'steady/s':>8} {'370k h':>7} {'peak MB':>8} "
          f"{'all MB':>7}")
    for mode, f in figures["modes"].items():
        steady = f"{f['steady_articles_per_s']:8.1f}" if f["steady_articles_per_s"] else f"{'-':>8}"
        print(f"{mode:6} {f['wall_s']:7.1f} {f['articles_per_s']:6.1f} {f['start_s']:7.1f} "
              f"{steady} {f['day_hours']:7.1f} {f['peak_rss_mb']:8d} "
              f"{f['peak_rss_all_mb']:7d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
