"""Throughput: articles per second of `warwatch code` against the spaCy pipeline alone on the same texts.

The dev articles of ../shared/data/dev are repeated to --articles; both runs use nlp.pipe with the same
batch size and one process, after loading (load times are printed separately).
Usage: python bench/throughput.py [--shared ../shared] [--articles 300]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from warwatch.ingest import read_jsonl
from warwatch.models import Article
from warwatch.pipeline import code_articles, load_resources
from warwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def articles(path: Path, n: int) -> list[Article]:
    base = [a for a in read_jsonl(path) if isinstance(a, Article)]
    return [replace(a, id=f"{a.id}-{i}") for i, a in zip(range(n), itertools.cycle(base), strict=False)]


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
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    source = corpus(args.shared)
    items = articles(source, args.articles)
    chars = sum(len(a.text) for a in items)
    settings = Settings.load(use_store=False)

    t0 = time.perf_counter()
    resources = load_resources(settings)
    load_s = time.perf_counter() - t0

    # warm up both paths on a few articles
    list(resources.nlp.pipe([a.text for a in items[:8]]))
    list(code_articles(items[:8], resources, settings))

    t0 = time.perf_counter()
    for _ in resources.nlp.pipe((a.text for a in items), batch_size=settings.batch_size):
        pass
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = 0
    for result in code_articles(iter(items), resources, settings):
        events += len(result.events)
    ww_s = time.perf_counter() - t0

    figures = {
        "articles": len(items), "chars": chars, "events": events, "load_s": round(load_s, 2),
        "spacy_articles_per_s": round(len(items) / spacy_s, 1),
        "warwatch_articles_per_s": round(len(items) / ww_s, 1),
        "ratio_to_spacy": round(ww_s / spacy_s, 2),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{len(items)} articles ({chars} chars), resources loaded in {load_s:.2f} s")
        print(f"spaCy alone : {figures['spacy_articles_per_s']:8.1f} articles/s")
        print(f"warwatch    : {figures['warwatch_articles_per_s']:8.1f} articles/s ({events} events)")
        print(f"ratio       : {figures['ratio_to_spacy']:.2f}x the time of spaCy alone")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
