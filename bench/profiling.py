"""Where the time goes after the parse: cProfile over ``code_articles`` on the dev set repeated.

The dev articles of ../shared/data/dev are read at run time and repeated to --articles. The parse
(``nlp.pipe``) and the coder (``Coder.code``) are timed apart, then the functions with the most
cumulative time inside the coder are listed.
(Named profiling.py, not profile.py: that name would shadow the standard library module cProfile imports.)
Usage: python bench/profiling.py [--shared ../shared] [--articles 150] [--top 30] [--output prof.out]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import time
from dataclasses import replace
from pathlib import Path

from warwatch.ingest import read_jsonl
from warwatch.models import Article
from warwatch.pipeline import code_articles, load_resources
from warwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--output", type=Path, help="write the raw cProfile stats here (snakeviz, pstats)")
    args = parser.parse_args()
    base = [a for a in read_jsonl(args.shared / "data" / "dev" / "articles.jsonl") if isinstance(a, Article)]
    items = [replace(a, id=f"{a.id}-{i}") for i, a in zip(range(args.articles), itertools.cycle(base), strict=False)]
    settings = Settings.load(use_store=False, n_process=1)
    resources = load_resources(settings)
    list(code_articles(items[:4], resources, settings))  # warm up

    coder = resources.coder
    spent = [0.0]
    original = coder.code

    def timed(*a, **k):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t0

    object.__setattr__(coder, "code", timed) if hasattr(coder, "__slots__") else setattr(coder, "code", timed)
    profile = cProfile.Profile()
    t0 = time.perf_counter()
    profile.enable()
    for _ in code_articles(iter(items), resources, settings):
        pass
    profile.disable()
    total = time.perf_counter() - t0
    print(f"{len(items)} articles in {total:.2f} s (profiled): coder {spent[0]:.2f} s ({spent[0] / total:.0%}), "
          f"parse and screen {total - spent[0]:.2f} s")
    if args.output:
        profile.dump_stats(args.output)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
    stats.print_stats("warwatch", args.top)
    print(out.getvalue())
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
