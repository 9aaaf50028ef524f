"""Relevance screen benchmark: a mixed stream of war news and local news, with and without the screen.

The stream is built at run time from ../shared/data (nothing is copied): the dev articles mixed with
the US local news of LGL and GeoWebNews (data/geo/lgl, data/geo/gwn), shuffled with a fixed seed.
The three settings (the default article screen, it and the sentence screen, none) code the stream through
``code_articles``, each run in a fresh process (the coder's caches start cold, as in real use) and timed
after the resources are loaded; the runs alternate, in an order that turns round every repeat, so that
a busy machine slows them alike. Printed per setting: articles/s (best and median of --repeat runs)
and the throughput ratio of the default screen to none; per source: the share of articles (and characters)
the screen rejects; and the dev events P/R/F1 of the dev articles' events in each run, scored by
../shared/eval/score.py.

Exits 1 if the screen rejects a dev article with gold events or costs more than 0.01 of dev F1.

Usage: python bench/relevance.py [--shared ../shared] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from warwatch.ingest import read_jsonl
from warwatch.models import Article
from warwatch.pipeline import Resources, RunStats, code_articles, load_resources
from warwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"dev": "data/dev", "lgl": "data/geo/lgl", "gwn": "data/geo/gwn"}


def mixed_stream(shared: Path, seed: int = 7) -> list[tuple[str, Article]]:
    """(source, article) of the dev, LGL and GWN articles, shuffled; ids prefixed by their source."""
    stream = []
    for source, folder in SOURCES.items():
        for item in read_jsonl(shared / folder / "articles.jsonl"):
            if isinstance(item, Article):
                stream.append((source, replace(item, id=f"{source}:{item.id}")))
    random.Random(seed).shuffle(stream)
    return stream


SETTINGS: dict[str, dict[str, bool]] = {
    "screen": {},  # the defaults: the article screen
    "screen_and_sentences": {"screen_sentences": True},
    "no_screen": {"screen": False},
}


@dataclass
class Run:
    seconds: float  # wall clock of the coding, resources already loaded
    cpu_seconds: float  # the process's CPU time over the same stretch
    summary: str
    coded: list[str] = field(default_factory=list)
    dev_events: list[dict[str, object]] = field(default_factory=list)


def run(stream: list[tuple[str, Article]], resources: Resources, settings: Settings) -> Run:
    coded: list[str] = []
    events: list[dict[str, object]] = []
    stats = RunStats()
    t0, c0 = time.perf_counter(), time.process_time()
    for result in code_articles((a for _, a in stream), resources, settings, stats=stats):
        coded.append(result.article.id)
        if result.article.id.startswith("dev:"):
            for event in result.events:
                record = event.to_json()
                record["article_ids"] = [i.removeprefix("dev:") for i in record["article_ids"]]
                for evidence in record.get("evidence") or []:
                    evidence["article_id"] = evidence["article_id"].removeprefix("dev:")
                events.append(record)
    return Run(time.perf_counter() - t0, time.process_time() - c0, stats.summary(), coded, events)


def run_once(shared: Path, name: str) -> Run:
    """One timed run in this (fresh) process: the coder's caches start cold, as in real use."""
    stream = mixed_stream(shared)
    settings = Settings.load(environ={}, use_store=False, **SETTINGS[name])
    resources = load_resources(settings)
    list(code_articles([Article(id="warm", text="Drones struck Kyiv overnight, officials said.")], resources,
                       settings))
    return run(stream, resources, settings)


def run_fresh(shared: Path, name: str) -> Run:
    done = subprocess.run([sys.executable, __file__, "--shared", str(shared), "--one", name], check=True,
                          capture_output=True, text=True)
    return Run(**json.loads(done.stdout))


def score_dev(shared: Path, events: list[dict[str, object]], workdir: Path, name: str) -> dict[str, float]:
    pred = workdir / f"{name}.jsonl"
    pred.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold",
                           str(shared / "data" / "dev" / "gold.jsonl"), "--pred", str(pred), "--json"],
                          check=True, capture_output=True, text=True)
    found = json.loads(done.stdout)["events"]
    return {k: round(found[k], 3) for k in ("precision", "recall", "f1")}


def rejected_by_source(stream: list[tuple[str, Article]], coded: set[str]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for source in SOURCES:
        articles = [a for s, a in stream if s == source]
        dropped = [a for a in articles if a.id not in coded]
        out[source] = {"articles": len(articles), "rejected": len(dropped),
                       "reject_rate": round(len(dropped) / len(articles), 3),
                       "char_reject_rate": round(sum(len(a.text) for a in dropped)
                                                 / sum(len(a.text) for a in articles), 3)}
    return out


def gold_ids(shared: Path) -> set[str]:
    with open(shared / "data" / "dev" / "gold.jsonl", encoding="utf-8") as handle:
        return {f"dev:{r['id']}" for r in map(json.loads, handle) if r["events"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per setting (alternating)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--one", choices=sorted(SETTINGS), help=argparse.SUPPRESS)  # one run, JSON out
    args = parser.parse_args()
    if not (args.shared / "data" / "geo" / "lgl" / "articles.jsonl").exists():
        print(f"bench: {args.shared}/data/geo is absent; nothing to measure", file=sys.stderr)
        return 0
    if args.one:
        print(json.dumps(asdict(run_once(args.shared, args.one))))
        return 0
    stream = mixed_stream(args.shared)
    runs: dict[str, list[Run]] = {name: [] for name in SETTINGS}
    for repeat in range(args.repeat):  # each run in a fresh process; the order turns round every repeat
        names = list(SETTINGS)
        for name in names[repeat % len(names):] + names[:repeat % len(names)]:
            runs[name].append(run_fresh(args.shared, name))
    n = len(stream)
    figures: dict[str, object] = {"articles": n, "chars": sum(len(a.text) for _, a in stream),
                                  "sources": dict(Counter(s for s, _ in stream))}
    rates = {}
    for name, done in runs.items():
        per_s = sorted(n / r.seconds for r in done)
        rates[name] = per_s[-1]
        figures[name] = {"articles_per_s_best": round(per_s[-1], 1),
                         "articles_per_s_median": round(statistics.median(per_s), 1),
                         "articles_per_cpu_s": round(n / statistics.median(r.cpu_seconds for r in done), 1),
                         "seconds": [round(r.seconds, 1) for r in done],
                         "cpu_seconds": [round(r.cpu_seconds, 1) for r in done], "summary": done[0].summary}
    figures["ratio_best"] = round(rates["screen"] / rates["no_screen"], 2)
    figures["ratio_median"] = round(statistics.median(
        b.seconds / a.seconds for a, b in zip(runs["screen"], runs["no_screen"], strict=True)), 2)
    figures["ratio_cpu"] = round(statistics.median(r.cpu_seconds for r in runs["no_screen"])
                                 / statistics.median(r.cpu_seconds for r in runs["screen"]), 2)
    screened = runs["screen"][0]
    figures["rejected"] = rejected_by_source(stream, set(screened.coded))
    lost = sorted(gold_ids(args.shared) - set(screened.coded))
    figures["dev_gold_articles_rejected"] = lost
    with tempfile.TemporaryDirectory() as tmp:
        figures["dev_screen"] = score_dev(args.shared, screened.dev_events, Path(tmp), "screen")
        figures["dev_screen_and_sentences"] = score_dev(args.shared, runs["screen_and_sentences"][0].dev_events,
                                                       Path(tmp), "screen_and_sentences")
        figures["dev_no_screen"] = score_dev(args.shared, runs["no_screen"][0].dev_events, Path(tmp), "no_screen")
    delta = figures["dev_no_screen"]["f1"] - figures["dev_screen"]["f1"]  # type: ignore[index]
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"mixed stream: {n} articles ({figures['sources']}), {figures['chars']} characters")
        for name in runs:
            print(f"{name:10} {figures[name]}")
        print(f"throughput ratio (screen / no screen): best {figures['ratio_best']}x, "
              f"median of paired runs {figures['ratio_median']}x, CPU time {figures['ratio_cpu']}x")
        for source, found in figures["rejected"].items():  # type: ignore[attr-defined]
            print(f"rejected {source:4} {found}")
        print(f"dev events with the screen    {figures['dev_screen']}")
        print(f"dev events, sentence screen   {figures['dev_screen_and_sentences']}")
        print(f"dev events without the screen {figures['dev_no_screen']}")
    failed = bool(lost) or delta > 0.01
    if failed:
        print(f"bench: the screen costs dev recall: rejected {lost}, F1 change {-delta:+.3f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
