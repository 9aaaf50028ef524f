"""Accuracy of the sentence classifier (``warwatch.coding.classifier``) on the PLOVER GSR sentences.

Each GSR record is one sentence with one gold event; the legacy categories are mapped to current PLOVER
(DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT, INVESTIGATE->ACCUSE). The prediction is the most
probable of the 16 categories (``NONE`` excluded, since every GSR sentence has an event); the share of
sentences where ``NONE`` would have won is reported separately. Also prints top-2 accuracy, the
confusions, load time and throughput.

Run: ``.venv/bin/python bench/classifier_eval.py [--shared ../shared] [--show N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from warwatch.coding.classifier import CLASSES, NONE, CategoryClassifier

ROOT = Path(__file__).resolve().parents[1]
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=0, help="print N misclassified sentences")
    args = ap.parse_args()
    base = args.shared / "data" / "plover_gsr"
    articles = {a["id"]: a["text"] for a in _jsonl(base / "articles.jsonl")}
    gold = {g["id"]: LEGACY.get(g["events"][0]["event"], g["events"][0]["event"]) for g in _jsonl(base / "gold.jsonl")}
    ids = [i for i in gold if i in articles]
    texts = [articles[i] for i in ids]
    truth = [gold[i] for i in ids]

    t0 = time.perf_counter()
    clf = CategoryClassifier.from_json(
        (ROOT / "src" / "warwatch" / "data" / "classifier.json").read_text(encoding="utf-8"))
    load_s = time.perf_counter() - t0

    probs = clf.proba_matrix(texts)
    none_col = CLASSES.index(NONE)
    none_wins = int((probs.argmax(axis=1) == none_col).sum())
    events = probs.copy()
    events[:, none_col] = -1.0
    order = np.argsort(-events, axis=1)
    pred = [CLASSES[r[0]] for r in order]
    top2 = sum(t in (CLASSES[r[0]], CLASSES[r[1]]) for t, r in zip(truth, order, strict=True)) / len(truth)
    acc = sum(t == p for t, p in zip(truth, pred, strict=True)) / len(truth)

    print(f"PLOVER GSR: {len(truth)} sentences; accuracy {acc:.3f}, top-2 {top2:.3f}; "
          f"NONE would win on {none_wins}")
    print(f"{'category':10s} {'n':>3s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    f1s = []
    for c in CLASSES:
        if c == NONE:
            continue
        tp = sum(t == c and p == c for t, p in zip(truth, pred, strict=True))
        fp = sum(t != c and p == c for t, p in zip(truth, pred, strict=True))
        fn = sum(t == c and p != c for t, p in zip(truth, pred, strict=True))
        n = tp + fn
        p_ = tp / (tp + fp) if tp + fp else 0.0
        r_ = tp / n if n else 0.0
        f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
        if n:
            f1s.append(f1)
        print(f"{c:10s} {n:3d} {p_:6.3f} {r_:6.3f} {f1:6.3f}")
    print(f"macro-F1 (categories with gold) {sum(f1s) / len(f1s):.3f}")
    conf = Counter((t, p) for t, p in zip(truth, pred, strict=True) if t != p)
    print("top confusions (gold -> predicted):", ", ".join(f"{t}->{p} {n}" for (t, p), n in conf.most_common(8)))

    batch = texts * 20
    t0 = time.perf_counter()
    clf.proba_matrix(batch)
    per_s = len(batch) / (time.perf_counter() - t0)
    print(f"load {load_s * 1000:.0f} ms; {per_s:,.0f} sentences/s (batch of {len(batch)})")
    shown = 0
    for i, t, p, row in zip(ids, truth, pred, events, strict=True):
        if t != p and shown < args.show:
            print(f"  {i}: gold {t}, predicted {p} ({row.max():.2f}): {articles[i][:140]}")
            shown += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
