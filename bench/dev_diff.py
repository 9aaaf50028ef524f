"""Side by side, per article: gold events and predicted events, to see what the coder misses or invents.

Usage: python bench/dev_diff.py GOLD.jsonl EVENTS.jsonl [--id d-012] [--only-errors]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict


def short(e: dict, pred: bool) -> str:
    if pred:
        loc = (e.get("location") or {}).get("name")
        actor = ",".join(a.get("country") or "?" for a in e.get("actor") or [])
        recip = ",".join(a.get("country") or "?" for a in e.get("recipient") or [])
    else:
        loc = e.get("place")
        actor = ",".join(e.get("actor") or [])
        recip = ",".join(e.get("recipient") or [])
    bg = " BG" if e.get("background") else ""
    return (f"{e['event']:9} {str(e.get('mode')):13} {str(e.get('weapon')):9} {actor:>12} -> {recip:12} "
            f"{str(loc)[:22]:22} {e.get('date')} d={e.get('dead')} i={e.get('injured')}{bg}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold")
    parser.add_argument("pred")
    parser.add_argument("--id")
    args = parser.parse_args()
    preds = defaultdict(list)
    for line in open(args.pred, encoding="utf-8"):
        e = json.loads(line)
        for aid in e["article_ids"]:
            preds[aid].append(e)
    for line in open(args.gold, encoding="utf-8"):
        g = json.loads(line)
        if args.id and g["id"] != args.id:
            continue
        print(f"== {g['id']}")
        for e in g["events"]:
            print("  G " + short(e, False))
        for e in preds.get(g["id"], []):
            print("  P " + short(e, True) + "  | " + e["evidence"][0]["text"][:90].replace("\n", " "))


if __name__ == "__main__":
    main()
