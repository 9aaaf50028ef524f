"""Many tiny articles into a store: one event reported by all of them against as many distinct events (issue 18).

Usage: python bench/tiny.py [--articles 200000] [--stage store|cli] [--json]

Two cases, each in a fresh process so that its peak memory is its own:

- ``one``: every article reports one drone strike on one town on one day (fictional outlets, each with its
  own death toll);
- ``distinct``: every article reports its own strike (40 towns, a new day every 40 articles), the baseline.

Stages:

- ``store`` (default): pre-coded results (one report per article, 150-character evidence, made as they are
  read) go through ``pipeline.save_results`` into a new store, as ``warwatch code --store`` does after coding:
  batches of ``Settings.store_batch`` articles, each saved with the merge of its reports (``dedup.resolve``)
  in one transaction. No spaCy.
- ``cli``: tiny articles (one sentence each) written to a JSONL file and coded by the real
  ``warwatch code ARTICLES --store NEW --output OUT`` in a child process; its wall time and peak resident memory
  (``os.wait4``: the largest single process) and the peak of the summed proportional set size of the whole
  process tree (the CLI and its worker processes, sampled twice a second from ``/proc``) are reported.
  Full NLP: use a smaller ``--articles`` on a small machine.

Prints wall time, CPU time (user and system, all threads: on a shared machine the steadier figure) and peak
resident memory (which includes the interpreter and, for ``cli``, the spaCy model) of each case, and the
one/distinct ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TOWNS = ("Kharkiv", "Sumy", "Odesa", "Kherson", "Zaporizhzhia", "Dnipro", "Mykolaiv", "Poltava", "Chernihiv",
         "Kramatorsk", "Sloviansk", "Pokrovsk", "Kryvyi Rih", "Nikopol", "Izium", "Kupiansk", "Bakhmut",
         "Lviv", "Rivne", "Lutsk", "Zhytomyr", "Vinnytsia", "Uman", "Cherkasy", "Kropyvnytskyi", "Kremenchuk",
         "Bila Tserkva", "Khmelnytskyi", "Ternopil", "Ivano-Frankivsk", "Uzhhorod", "Chernivtsi", "Konotop",
         "Okhtyrka", "Shostka", "Pavlohrad", "Marhanets", "Ochakiv", "Berdiansk", "Melitopol")
ONE_DAY = date(2031, 3, 4)


def day_of(i: int, same: bool) -> date:
    return ONE_DAY if same else date(1990, 1, 1) + timedelta(days=3 * (i // len(TOWNS)))  # 3 days: no merge


def article_row(i: int, same: bool) -> dict[str, object]:
    """A tiny fictional article: one sentence (two for a few), published the day after its strike."""
    town = "Sumy" if same else TOWNS[i % len(TOWNS)]
    text = f"Russian drones struck {town} overnight, killing {i % 17} people, outlet {i} reported."
    if i % 3 == 0:
        text += f" The regional governor said {i % 23} people were wounded."
    return {"id": f"t-{i:07d}", "published": (day_of(i, same) + timedelta(days=1)).isoformat(), "text": text}


def write_articles(path: Path, n: int, same: bool) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(article_row(i, same)) + "\n")


def coded(n: int, same: bool) -> Iterator[object]:
    """``n`` pre-coded article results, made as they are read: each article with its one report (as the coder
    would give it)."""
    from warwatch.coding.coder import ArticleResult
    from warwatch.models import Actor, Article, Casualties, DateResolution, Event, Evidence, Location

    for i in range(n):
        day = day_of(i, same)
        lat, lon = (50.91, 34.80) if same else (44.0 + (i % 40) * 0.5, 30.0 + (i % 40) * 0.5)
        text = (f"Russian drones struck the town overnight, killing {i % 17} people and wounding {i % 23}, "
                f"officials told reporter number {i} on Tuesday morning.")
        article = Article(f"t-{i:07d}", text, published=day + timedelta(days=1))
        event = Event(
            event_id=f"t-{i:07d}-e0", article_ids=(article.id,), event="ASSAULT", mode="drone",
            context=("military",), weapon="drone", actor=(Actor("Russian", "RUS", "MIL"),),
            recipient=(Actor("Sumy", "UKR", None),), date=DateResolution(day, "day", "relative"),
            location=Location("Sumy" if same else f"Town {i % 40}", "UKR", "Sumy", lat, lon,
                              700569 if same else 900000 + i % 40, "city"),
            casualties=Casualties(i % 17, i % 23, "exact", "exact"), background=False, score=1.0,
            evidence=(Evidence(article.id, text, 0, len(text)),), confidence=0.6)
        yield ArticleResult(article, (event,))


def run_store(n: int, same: bool) -> dict[str, object]:
    """The merge-and-store stage of ``warwatch code --store`` on ``n`` pre-coded articles, in this process."""
    from warwatch.dedup import DedupRules
    from warwatch.pipeline import RunStats, save_results
    from warwatch.settings import Settings
    from warwatch.store import Store

    results = coded(n, same)
    stats = RunStats(events=n)
    t0 = time.perf_counter()
    start = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = start.ru_utime + start.ru_stime
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.duckdb") as store:
        seen: set[str] = set()
        top = [0]

        def given(events: Sequence[Any]) -> None:  # keep ids and the largest count, not the events
            seen.update(e.event_id for e in events)
            top[0] = max([top[0], *(e.extra.get("sources", 1) for e in events)])

        save_results(results, store, Settings(), DedupRules(), stats, on_events=given)  # type: ignore[arg-type]
        stored = store.count_events()
    seconds = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"articles": n, "events": len(seen), "stored_events": stored, "largest_event_sources": top[0],
            "seconds": round(seconds, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime - cpu0, 1),
            "peak_mb": round(usage.ru_maxrss / 1024)}


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux ``/proc``)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of ``pid`` and all its descendants, in kB: what the run holds in memory in all,
    shared pages counted once."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
        todo.extend(_children(current))
    return total


class TreePeak(threading.Thread):
    """Samples the summed memory of a process tree twice a second; ``peak_kb`` is the largest sample."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.peak_kb = max(self.peak_kb, _tree_pss_kb(self.pid))


def run_cli(n: int, same: bool) -> dict[str, object]:
    """``warwatch code`` on ``n`` tiny articles into a new store, in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out, store = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl", Path(tmp) / "bench.duckdb"
        write_articles(src, n, same)
        warwatch = Path(sys.executable).with_name("warwatch")
        command = [str(warwatch), "code", str(src), "--output", str(out), "--store", str(store), "--no-progress"]
        t0 = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert child.stderr is not None
        sampler = TreePeak(child.pid) if Path("/proc/self/smaps_rollup").exists() else None
        if sampler:
            sampler.start()
        stderr = child.stderr.read()
        if sampler:
            sampler.done.set()
            sampler.join()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"warwatch code failed ({child.returncode}):\n{stderr}")
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        top = max((len(e.get("article_ids") or ()) for e in lines), default=0)
        top_sources = max((int(e.get("sources") or 1) for e in lines), default=0)
    return {"articles": n, "events": len(lines), "largest_event_sources": max(top, top_sources),
            "seconds": round(seconds, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_mb": round(usage.ru_maxrss / 1024),
            "all_processes_peak_mb": round(sampler.peak_kb / 1024) if sampler else None,
            "summary": stderr.strip().splitlines()[-1] if stderr.strip() else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--stage", choices=["store", "cli"], default="store")
    parser.add_argument("--cases", default="one,distinct", help="comma-separated: one, distinct")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument("--case", choices=["one", "distinct"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        run = run_store if args.stage == "store" else run_cli
        print(json.dumps(run(args.articles, args.case == "one")))
        return 0
    result: dict[str, object] = {"stage": args.stage, "load": round(os.getloadavg()[0], 1)}
    cases = [c for c in args.cases.split(",") if c]
    for case in cases:
        command = [sys.executable, __file__, "--articles", str(args.articles), "--stage", args.stage, "--case", case]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        result[case] = json.loads(done.stdout.splitlines()[-1])
        if not args.json:
            r = result[case]
            assert isinstance(r, dict)
            print(f"{case:9} {r['articles']:>8,} articles -> {r['events']:>7,} events (largest "
                  f"{r['largest_event_sources']:,} sources): {r['seconds']:8.1f} s ({r['cpu_seconds']:.1f} s CPU), "
                  f"peak {r['peak_mb']:,} MB" + (f" (all processes {r['all_processes_peak_mb']:,} MB)"
                                                 if r.get("all_processes_peak_mb") else ""), flush=True)
    one, distinct = result.get("one"), result.get("distinct")
    if isinstance(one, dict) and isinstance(distinct, dict):
        result["time_ratio"] = round(one["seconds"] / max(distinct["seconds"], 1e-9), 2)
        result["cpu_ratio"] = round(one["cpu_seconds"] / max(distinct["cpu_seconds"], 1e-9), 2)
    if args.json:
        print(json.dumps(result))
    elif "time_ratio" in result:
        print(f"one event / distinct events time ratio: {result['time_ratio']}, CPU time ratio {result['cpu_ratio']} "
              f"(load average {result['load']} at the start, {os.getloadavg()[0]:.1f} at the end)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
