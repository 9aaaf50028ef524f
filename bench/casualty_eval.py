"""Casualty figures of the coder on labelled sentences of real war news (data/casualties/sentences.jsonl).

    python bench/casualty_eval.py               # accuracy per case type and per scope
    python bench/casualty_eval.py --show 20     # and the first 20 wrong items
    python bench/casualty_eval.py --json        # the figures as JSON

Each item (its context sentences, then the sentence) is coded as one short article through the real pipeline
(no publication date). The item's labelled event is the news ASSAULT at its ``site`` when it names one, else the
news ASSAULT whose evidence holds the ``anchor`` part (the sentence, or the context when the sentence only
gives background such as a war's cumulative toll or another attack), else the first news ASSAULT; no news
ASSAULT predicts no figure. ``dead`` and ``injured`` are scored by exact match, a null gold included (a
cumulative toll taken as the day's is wrong); ``unscored`` lists fields the labels leave open.

Printed: exact-match accuracy of dead and injured overall, over the items whose gold is a number (as the
sealed and dev scorers count: ../shared/eval/score.py scores only non-null gold), and per case type and scope
with the confusion of each field: right, a wrong number, a number missed (predicted null), a number
invented (gold null) and no event (no news ASSAULT was coded to carry the gold number).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warwatch.models import Article, Event  # noqa: E402
from warwatch.pipeline import code_articles, load_resources  # noqa: E402
from warwatch.settings import Settings  # noqa: E402

ITEMS = ROOT / "data" / "casualties" / "sentences.jsonl"
FIELDS = ("dead", "injured")


def article_text(item: dict[str, Any]) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """The item as an article: context, then the sentence; with the spans of both."""
    context = item.get("context") or ""
    text = f"{context} {item['sentence']}" if context else item["sentence"]
    start = len(context) + 1 if context else 0
    return text, (0, len(context)), (start, len(text))


def _overlaps(event: Event, span: tuple[int, int]) -> bool:
    return any(ev.start < span[1] and span[0] < ev.end for ev in event.evidence)


def labelled_event(item: dict[str, Any], events: Sequence[Event], context: tuple[int, int],
                   sentence: tuple[int, int]) -> Event | None:
    """The predicted event the item's labels are about (see the module docstring)."""
    news = [e for e in events if e.event == "ASSAULT" and not e.background]
    if not news:
        return None
    site = (item.get("site") or "").lower()
    if site:
        at = [e for e in news if e.location is not None and (site in e.location.name.lower()
                                                             or e.location.name.lower() in site)]
        return at[0] if at else None
    anchor = item.get("anchor", "sentence")
    span = context if anchor == "context" else sentence
    if anchor != "none":
        held = [e for e in news if _overlaps(e, span)]
        if held:
            return held[0]
    return news[0]


def outcome(gold: int | None, pred: int | None, coded: bool = True) -> str:
    if gold == pred:
        return "right"
    if gold is None:
        return "invented"
    if not coded:
        return "no_event"
    return "missed" if pred is None else "wrong"


def score(items: list[dict[str, Any]], show: int = 0) -> dict[str, Any]:
    settings = Settings.load()
    resources = load_resources(settings)
    texts = [article_text(it) for it in items]
    articles = (Article(id=str(i), text=t[0]) for i, t in enumerate(texts))
    predicted: dict[int, Event | None] = {}
    for result in code_articles(articles, resources, settings):
        i = int(result.article.id)
        predicted[i] = labelled_event(items[i], result.events, texts[i][1], texts[i][2])
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    shown = 0
    for i, it in enumerate(items):
        event = predicted.get(i)
        pred = {"dead": event.casualties.dead if event else None,
                "injured": event.casualties.injured if event else None}
        bad = []
        for f in FIELDS:
            if f in (it.get("unscored") or []):
                continue
            got = outcome(it[f], pred[f], event is not None)
            for group in ("all", f"case:{it['case']}", f"scope:{it['scope']}"):
                tally[f"{group}|{f}"][got] += 1
                tally[f"{group}|{f}"]["n"] += 1
            if it[f] is not None:
                tally[f"numeric|{f}"][got] += 1
                tally[f"numeric|{f}"]["n"] += 1
            if got != "right":
                bad.append(f"{f} gold {it[f]} pred {pred[f]}")
        if bad and shown < show:
            shown += 1
            print(f"--- {it['id']} [{it['case']}/{it['scope']}{'/' + it['site'] if it.get('site') else ''}] "
                  + "; ".join(bad))
            if it.get("context"):
                print(f"    ctx: {it['context']}")
            print(f"    s:   {it['sentence']}")
    return {key: dict(c) for key, c in sorted(tally.items())}


def _acc(c: dict[str, int]) -> str:
    n = c.get("n", 0)
    return f"{c.get('right', 0) / n:.3f} ({c.get('right', 0)}/{n})" if n else "-"


def report(figures: dict[str, Any], n_items: int) -> None:
    print(f"{n_items} items")
    for group in ("all", "numeric"):
        print(f"{group:24} dead {_acc(figures.get(f'{group}|dead', {})):18} "
              f"injured {_acc(figures.get(f'{group}|injured', {}))}")
    groups = sorted({k.split("|")[0] for k in figures if k.startswith(("case:", "scope:"))})
    print(f"{'':24} {'dead':18} {'injured':18} confusion dead / injured (right wrong missed invented no-event)")
    for g in groups:
        d, j = figures.get(f"{g}|dead", {}), figures.get(f"{g}|injured", {})

        def conf(c: dict[str, int]) -> str:
            return " ".join(str(c.get(k, 0)) for k in ("right", "wrong", "missed", "invented", "no_event"))

        print(f"{g:24} {_acc(d):18} {_acc(j):18} {conf(d):>12} / {conf(j)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=Path, default=ITEMS)
    parser.add_argument("--show", type=int, default=0, help="print this many wrong items")
    parser.add_argument("--case", help="only items of this case type")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.items.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.case:
        items = [it for it in items if it["case"] == args.case]
    figures = score(items, args.show)
    if args.json:
        print(json.dumps(figures))
    else:
        report(figures, len(items))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
