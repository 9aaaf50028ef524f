"""Component measurements for the dates and numbers stages.

(a) GVDB casualty counts with ``extract_casualties`` on each article text (``--no-aggregate``: largest
    figure only, without summing distinct single victims);
(b) TempEval-3 platinum: share of DATE timexes with a full-day value that ``find_time_expressions``
    finds (overlapping span) with the right day.

Run: ``.venv/bin/python bench/component_eval.py [--shared ../shared] [--show N]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from warwatch.dates import find_time_expressions
from warwatch.numbers import extract_casualties

log = logging.getLogger("component_eval")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _same(gold: int | None, pred: int | None) -> bool:
    """GVDB writes a count of zero as null: null gold matches null or 0."""
    if gold is None:
        return pred in (None, 0)
    return gold == pred


def eval_gvdb(root: Path, show: int, aggregate: bool = True) -> dict[str, float]:
    arts = _load(root / "articles.jsonl")
    gold = {g["id"]: g for g in _load(root / "gold.jsonl")}
    stats = {"n": 0, "dead_ok": 0, "inj_ok": 0, "dead_nn": 0, "dead_nn_ok": 0, "inj_nn": 0, "inj_nn_ok": 0,
             "dead_ae": 0.0, "inj_ae": 0.0}
    shown = 0
    t0 = time.perf_counter()
    for a in arts:
        ev = gold[a["id"]]["events"][0]
        c = extract_casualties(a["text"], aggregate=aggregate)
        stats["n"] += 1
        for key, g, p in (("dead", ev["dead"], c.dead), ("inj", ev["injured"], c.injured)):
            ok = _same(g, p)
            stats[f"{key}_ok"] += ok
            stats[f"{key}_ae"] += abs((g or 0) - (p or 0))
            if g is not None:
                stats[f"{key}_nn"] += 1
                stats[f"{key}_nn_ok"] += g == p
        if shown < show and not (_same(ev["dead"], c.dead) and _same(ev["injured"], c.injured)):
            shown += 1
            print(f"--- {a['id']} gold dead={ev['dead']} inj={ev['injured']} pred dead={c.dead} inj={c.injured}")
            print(a["text"][:1200].replace("\n", " "))
    n = stats["n"]
    return {
        "articles": n,
        "dead_exact": stats["dead_ok"] / n,
        "injured_exact": stats["inj_ok"] / n,
        "dead_exact_gold_nonnull": stats["dead_nn_ok"] / max(1, stats["dead_nn"]),
        "injured_exact_gold_nonnull": stats["inj_nn_ok"] / max(1, stats["inj_nn"]),
        "dead_mae": stats["dead_ae"] / n,
        "injured_mae": stats["inj_ae"] / n,
        "ms_per_article": 1000 * (time.perf_counter() - t0) / n,
    }


def eval_te3(path: Path, show: int) -> dict[str, float]:
    total = found = right = 0
    shown = 0
    for art in _load(path):
        pub = date.fromisoformat(art["published"][:10])
        exprs = find_time_expressions(art["text"], pub)
        for tx in art["timexes"]:
            if tx["type"] != "DATE" or not _DAY.fullmatch(tx["value"] or ""):
                continue
            total += 1
            hits = [e for e in exprs if e.start < tx["end"] and tx["start"] < e.end]
            if hits:
                found += 1
            if any(e.precision == "day" and e.value is not None and e.value.isoformat() == tx["value"] for e in hits):
                right += 1
            elif shown < show:
                shown += 1
                print(f"--- te3 {art['id']} {tx['text']!r} gold={tx['value']} pub={pub} "
                      f"got={[(e.text, e.value) for e in hits]}")
    return {"day_timexes": total, "span_found": found / max(1, total), "day_correct": right / max(1, total)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--show", type=int, default=0, help="print this many errors per set")
    ap.add_argument("--no-aggregate", action="store_true",
                    help="take the largest figure only (no summing of distinct single victims)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    gv = eval_gvdb(args.shared / "data/casualties/gvdb", args.show, aggregate=not args.no_aggregate)
    log.info("GVDB: %s", ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in gv.items()))
    te = eval_te3(args.shared / "data/time/te3-platinum/timexes.jsonl", args.show)
    log.info("TE3:  %s", ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in te.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
