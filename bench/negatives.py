"""Invented events on real event-free articles (issue 12): every event coded as news is invented.

    python bench/negatives.py /tmp/negatives.jsonl           # the count per article
    python bench/negatives.py /tmp/negatives.jsonl --list    # and each invented event, its rules and evidence

The input is a JSONL of articles (id, published, text) that report no new act (data/negatives/README.md says how
the session 9 set was made; its texts stay outside the repository). Coded with the product's settings.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warwatch.models import Article  # noqa: E402
from warwatch.pipeline import code_articles, load_resources  # noqa: E402
from warwatch.settings import Settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=Path, help="JSONL of event-free articles: id, published, text")
    parser.add_argument("--list", action="store_true", help="print each invented event")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.articles.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(id=r["id"], text=r["text"],
                        published=date.fromisoformat(r["published"]) if r.get("published") else None) for r in rows]
    settings = Settings.load()
    resources = load_resources(settings)
    invented: Counter[str] = Counter()
    lines: list[str] = []
    for result in code_articles(iter(articles), resources, settings):
        for event in result.events:
            if event.background:
                continue
            invented[result.article.id] += 1
            evidence = " || ".join(e.text[:160] for e in event.evidence)
            lines.append(f"{result.article.id}\t{event.event}\t{','.join(event.extra.get('rules') or [])}\t{evidence}")
    total = sum(invented.values())
    print(f"{total} invented events in {len(rows)} event-free articles ({total / max(len(rows), 1):.2f} per article); "
          f"articles with any: {len(invented)}")
    if args.list:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
