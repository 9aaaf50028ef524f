"""Throughput: `warwatch code` against spaCy's full pipeline alone on the same texts (issue 17's targets).

Two sets of texts, read from ../shared at run time (never copied into the repo):

- *dense*: conflict-dense news, the dev articles repeated to --articles;
- *mixed*: the mixed stream of bench/firehose.py (dev + LGL + GeoWebNews, shuffled with a fixed seed, a share
  copied by another outlet), --mixed articles.

For each set, in one run:

1. *spaCy alone*: the pipeline exactly as ``spacy.load`` gives it (no component disabled, none added), one
   process, ``nlp.pipe`` over the articles' texts with warwatch's batch size; its load time is not counted.
2. *warwatch, one process*: ``code_articles`` in this process over the same articles (loading not counted).
3. *warwatch as a user runs it*: the real CLI in a subprocess, ``warwatch code FILE --no-store --output
   /dev/null`` with the default jobs (every core). Its wall time includes starting Python, the workers and
   loading the model and gazetteer in each; that start-up is measured apart, by the same command on a file of
   two chunks of one-line notices the screen drops before parsing (so the pool starts and each worker loads
   its resources, then nothing is parsed), and subtracted: ``ratio`` is (CLI wall - start-up) / spaCy, and
   ``ratio_with_start`` keeps the start-up in.

Issue 17 asks for ``ratio`` <= 0.9 on dense and <= 0.35 on mixed. With --repeat R each timing is the median of R
turns (the three timings in turns, so each sees the same spread of load); the load average is printed.
Usage: python bench/throughput.py [--shared ../shared] [--articles 300] [--mixed 859] [--repeat 1]
       [--sets dense,mixed] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import spacy

from warwatch.ingest import read_jsonl
from warwatch.models import Article
from warwatch.pipeline import Resources, code_articles, load_resources
from warwatch.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from firehose import stream  # noqa: E402  (a sibling script: the mixed stream is built one way)

ROOT = Path(__file__).resolve().parents[1]
NOTICE = "Library hours: open Monday to Friday, nine to five."  # what the screen drops before any parse


def dense_rows(source: Path, n: int) -> list[dict[str, Any]]:
    """The articles of ``source`` repeated to ``n``, each copy with its own id."""
    base = [json.loads(line) for line in source.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [{**row, "id": f"{row['id']}-{i}"} for i, row in zip(range(n), itertools.cycle(base), strict=False)]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def spacy_alone(nlp: spacy.language.Language, texts: list[str], batch_size: int) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0


def one_process(path: Path, resources: Resources, settings: Settings) -> tuple[float, int]:
    items = [a for a in read_jsonl(path) if isinstance(a, Article)]
    t0 = time.perf_counter()
    events = sum(len(r.events) for r in code_articles(iter(items), resources, settings))
    return time.perf_counter() - t0, events


def cli(path: Path, env: dict[str, str]) -> tuple[float, str]:
    """Wall time of the real CLI on ``path`` with the default jobs, and its summary line."""
    cmd = [sys.executable, "-m", "warwatch.cli", "code", str(path), "--no-store", "--no-progress",
           "--output", os.devnull]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"warwatch code {path}: exit {done.returncode}\n{done.stderr}")
    summary = next((line for line in done.stderr.splitlines() if "articles read" in line), "")
    return wall, summary.removeprefix("warwatch: ")


def corpus(shared: Path) -> Path:
    """The dev articles of ``shared``; in a clone without ../shared, the fictional example corpus (said on stderr)."""
    source = shared / "data" / "dev" / "articles.jsonl"
    if source.is_file():
        return source
    fallback = ROOT / "examples" / "articles.jsonl"
    print(f"bench: {source} not found (--shared {shared}); timing the example corpus {fallback} instead",
          file=sys.stderr)
    return fallback


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=300, help="dense: the dev articles repeated to this many")
    parser.add_argument("--mixed", type=int, default=859, help="mixed: articles in the firehose-like stream")
    parser.add_argument("--sets", default="dense,mixed")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    source = corpus(args.shared)
    sets = [s for s in args.sets.split(",") if s]
    if source.parent.name != "dev":  # a clone without ../shared: the fictional example corpus, dense only
        sets = ["dense"]
    settings = replace(Settings.load(use_store=False), n_process=1)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"),
                                                                      os.environ.get("PYTHONPATH")]))}
    load_before = os.getloadavg()

    t0 = time.perf_counter()
    nlp = spacy.load(settings.model)  # the full pipeline, as shipped
    spacy_load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    resources = load_resources(settings)
    load_s = time.perf_counter() - t0

    figures: dict[str, Any] = {"cores": os.cpu_count(), "spacy_pipeline": nlp.pipe_names,
                               "spacy_load_s": round(spacy_load_s, 2), "warwatch_load_s": round(load_s, 2),
                               "sets": {}}
    with tempfile.TemporaryDirectory(prefix="warwatch-bench-") as tmp:
        start_file = write_jsonl(Path(tmp) / "start.jsonl", [
            {"id": f"notice-{i}", "text": NOTICE} for i in range(2 * settings.batch_size + 1)])
        paths: dict[str, Path] = {}
        for name in sets:
            rows = dense_rows(source, args.articles) if name == "dense" else stream(args.shared, args.mixed, 0.1, 17)
            paths[name] = write_jsonl(Path(tmp) / f"{name}.jsonl", rows)
        warm = [a for a in read_jsonl(paths[sets[0]]) if isinstance(a, Article)][:8]
        list(nlp.pipe([a.text for a in warm]))
        list(code_articles(warm, resources, settings))

        timings: dict[str, dict[str, list[float]]] = {n: {"spacy": [], "one": [], "cli": [], "start": []} for n in sets}
        summaries: dict[str, str] = {}
        events: dict[str, int] = {}
        for _ in range(args.repeat):
            for name in sets:
                texts = [a.text for a in read_jsonl(paths[name]) if isinstance(a, Article)]
                timings[name]["spacy"].append(spacy_alone(nlp, texts, settings.batch_size))
                one_s, events[name] = one_process(paths[name], resources, settings)
                timings[name]["one"].append(one_s)
                timings[name]["start"].append(cli(start_file, env)[0])
                cli_s, summaries[name] = cli(paths[name], env)
                timings[name]["cli"].append(cli_s)
        for name in sets:
            n = sum(1 for _ in read_jsonl(paths[name]))
            t = {k: statistics.median(v) for k, v in timings[name].items()}
            steady = max(t["cli"] - t["start"], 1e-9)
            figures["sets"][name] = {
                "articles": n, "spacy_articles_per_s": round(n / t["spacy"], 1),
                "one_process_articles_per_s": round(n / t["one"], 1), "one_process_events": events[name],
                "cli_wall_s": round(t["cli"], 2), "cli_start_s": round(t["start"], 2),
                "cli_articles_per_s": round(n / steady, 1),
                "ratio": round(steady / t["spacy"], 2), "ratio_with_start": round(t["cli"] / t["spacy"], 2),
                "ratio_one_process": round(t["one"] / t["spacy"], 2), "cli_summary": summaries[name],
            }
    figures["load_average"] = {"before": [round(x, 1) for x in load_before],
                               "after": [round(x, 1) for x in os.getloadavg()]}
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{figures['cores']} cores; load average before {figures['load_average']['before']}, after "
          f"{figures['load_average']['after']}; repeat {args.repeat}")
    print(f"spaCy alone: {', '.join(nlp.pipe_names)} (loaded in {spacy_load_s:.1f} s); warwatch resources "
          f"loaded in {load_s:.1f} s")
    for name, f in figures["sets"].items():
        target = {"dense": 0.9, "mixed": 0.35}.get(name)
        print(f"{name}: {f['articles']} articles")
        print(f"  spaCy alone, 1 process : {f['spacy_articles_per_s']:7.1f} articles/s")
        print(f"  warwatch, 1 process    : {f['one_process_articles_per_s']:7.1f} articles/s   "
              f"ratio {f['ratio_one_process']:.2f}")
        print(f"  warwatch code (CLI)    : {f['cli_articles_per_s']:7.1f} articles/s   ratio {f['ratio']:.2f}"
              + (f" (target <= {target})" if target else "")
              + f"; wall {f['cli_wall_s']:.1f} s with {f['cli_start_s']:.1f} s start-up: ratio "
              f"{f['ratio_with_start']:.2f}")
        print(f"  {f['cli_summary']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
