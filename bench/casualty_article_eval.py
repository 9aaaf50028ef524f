"""Casualty figures at the article level: the labelled sentences of one article (data/casualties/sentences.jsonl,
grouped by ``url``) coded together as one short article, so that figures of several sentences, several sites,
totals, running tolls and other happenings meet in one text as they do in a report.

    python bench/casualty_article_eval.py               # dead and injured accuracy over the articles' events
    python bench/casualty_article_eval.py --show 20     # and the first 20 wrong events, with their sentences
    python bench/casualty_article_eval.py --multi       # only articles with two or more labelled sentences

The article's text is its items' context and sentences in file order, each sentence once. Its gold events are
one per labelled ``site`` (``None``: the article's main happening). An event's gold figure is what its items agree
on: items that give the figure no number (null) say nothing; a zero item beside non-zero items is another
happening's "no casualties"; a ``total`` item beside ``per_event`` items is the total's, not the site's; when
numbers still differ, the ``update`` item's (the latest toll) is kept, else the field is left unscored. The
predicted event is the news ASSAULT at the site, else the one whose evidence holds the article's first per-event
sentence, else the first news ASSAULT. Scored as ../shared/eval/score.py scores a field: only numeric gold, a
predicted null is wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warwatch.models import Article, Event  # noqa: E402
from warwatch.pipeline import code_articles, load_resources  # noqa: E402
from warwatch.settings import Settings  # noqa: E402

ITEMS = ROOT / "data" / "casualties" / "sentences.jsonl"
FIELDS = ("dead", "injured")


@dataclass
class GoldEvent:
    site: str | None
    figures: dict[str, int]  # field -> gold number (scored fields only)
    lead: str  # the first per-event sentence of the site


@dataclass
class Story:
    url: str
    text: str
    items: list[dict[str, Any]]
    events: list[GoldEvent]


def _agreed(items: list[dict[str, Any]], field: str) -> int | None:
    """The number an event's items agree on for ``field`` (see the module docstring), or None."""
    rows = [it for it in items if it[field] is not None and field not in (it.get("unscored") or [])]
    if any(it[field] for it in rows):
        rows = [it for it in rows if it[field] != 0]
    if any(it["scope"] != "total" for it in rows):
        rows = [it for it in rows if it["scope"] != "total"]
    values = {it[field] for it in rows}
    if len(values) == 1:
        return int(values.pop())
    updates = {it[field] for it in rows if it["case"] == "update"}
    return int(updates.pop()) if len(updates) == 1 else None


def stories(items: list[dict[str, Any]]) -> list[Story]:
    by_url: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        by_url[it["url"]].append(it)
    out = []
    for url, group in by_url.items():
        parts: list[str] = []
        for it in group:
            for s in (it.get("context") or "", it["sentence"]):
                if s and s not in parts:
                    parts.append(s)
        sites: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for it in group:
            sites[it.get("site")].append(it)
        events = []
        for site, rows in sites.items():
            figures = {f: v for f in FIELDS if (v := _agreed(rows, f)) is not None}
            lead = next((it["sentence"] for it in rows if it["scope"] == "per_event"), rows[0]["sentence"])
            events.append(GoldEvent(site, figures, lead))
        out.append(Story(url, " ".join(parts), group, events))
    return out


def _fold(name: str) -> str:
    """A place name without accents, case, spaces or hyphens ("Kryvyy Rih" and "Kryvyi Rih" start alike)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", plain)


def _same_name(site: str, name: str) -> bool:
    """The gold site and a predicted place name are one place: one holds the other, or they share five letters
    (transliterations: Saraqeb and Saraqib, Kryvyi Rih and Kryvyy Rih, Nuseirat and An Nusayrat)."""
    a, b = _fold(site), _fold(name)
    return a in b or b in a or a[:5] == b[:5] or a[:4] == b.removeprefix("an")[:4]


def predicted_event(gold: GoldEvent, text: str, events: tuple[Event, ...]) -> Event | None:
    news = [e for e in events if e.event == "ASSAULT" and not e.background]
    if not news:
        return None
    if gold.site:
        at = [e for e in news if e.location is not None and _same_name(gold.site, e.location.name)]
        return at[0] if at else None
    start = text.find(gold.lead)
    held = [e for e in news if any(ev.start < start + len(gold.lead) and start < ev.end for ev in e.evidence)]
    return held[0] if held else news[0]


def score(all_stories: list[Story], show: int = 0) -> Counter[str]:
    settings = Settings.load()
    resources = load_resources(settings)
    articles = (Article(id=str(i), text=s.text) for i, s in enumerate(all_stories))
    results = {int(r.article.id): r.events for r in code_articles(articles, resources, settings)}
    tally: Counter[str] = Counter()
    shown = 0
    for i, story in enumerate(all_stories):
        for gold in story.events:
            event = predicted_event(gold, story.text, results.get(i, ()))
            bad = []
            for f, want in gold.figures.items():
                got = getattr(event.casualties, f) if event is not None else None
                tally[f"{f}|n"] += 1
                if got == want:
                    tally[f"{f}|right"] += 1
                    continue
                kind = "no_event" if event is None else "missed" if got is None else "over" if got > want else "under"
                tally[f"{f}|{kind}"] += 1
                bad.append(f"{f} gold {want} pred {got} ({kind})")
            if bad and shown < show:
                shown += 1
                print(f"--- {story.url} [{gold.site or 'main'}] " + "; ".join(bad))
                for e in results.get(i, ()):
                    if e.event == "ASSAULT":
                        where = e.location.name if e.location else "-"
                        print(f"    event {where}{' (background)' if e.background else ''}: "
                              f"dead {e.casualties.dead} injured {e.casualties.injured}")
                print(f"    text: {story.text}")
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=Path, default=ITEMS)
    parser.add_argument("--show", type=int, default=0, help="print this many wrong events")
    parser.add_argument("--multi", action="store_true", help="only articles with two or more items")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.items.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = stories(items)
    if args.multi:
        found = [s for s in found if len(s.items) > 1]
    tally = score(found, args.show)
    if args.json:
        print(json.dumps(dict(tally)))
        return 0
    print(f"{len(found)} articles, {sum(len(s.events) for s in found)} labelled events")
    for f in FIELDS:
        n = tally[f"{f}|n"]
        errs = " ".join(f"{k} {tally[f'{f}|{k}']}" for k in ("wrong", "over", "under", "missed", "no_event")
                        if tally[f"{f}|{k}"])
        print(f"{f:8} {tally[f'{f}|right'] / n:.3f} ({tally[f'{f}|right']}/{n})  {errs}" if n else f"{f:8} -")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
