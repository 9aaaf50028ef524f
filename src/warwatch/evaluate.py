"""Score predicted events against a gold file: the project's own scorer for users' annotated data, following
the description of ``../shared/CONTRACT.md`` ("How it is scored"); the gold format is in README.md ("Scoring
your own gold file").

- **events**: per article, a predicted (non-background) event matches a gold event when the PLOVER category is
  the same, the place is within 50 km (or the gold place is unknown) and the date within a day (or the gold
  date is unknown). Gold news events are matched first, then background gold events (which are optional: a
  prediction matching one is neither right nor wrong, and an unmatched one is no miss). Predicted background
  events are ignored. Precision, recall and F1, overall and per category.
- **fields** over matched news events: date, location within 25 km, country, weapon, actor and recipient (right
  when the predicted codes overlap the gold ones), dead and injured (the predicted figures of that article in
  ``figures_by_source`` when the event has them, else the event's; ``*_reconciled``: the event's own), each
  counted only where the gold gives a value.
- **dedup**: pairs of matched mentions (article, event) in different articles; gold pairs share a gold key,
  predicted pairs share an ``event_id``. Pairwise precision, recall and F1.
- **negatives**: predicted news events in articles whose gold has no event (invented events).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["MATCH_KM", "FIELD_KM", "Mention", "format_report", "read_jsonl_objects", "score", "score_files"]

MATCH_KM = 50.0
FIELD_KM = 25.0
# the fields whose agreement chooses between the preds a gold event could match
_AGREEMENT = frozenset({"date", "location_25km", "country", "weapon", "actor", "recipient", "dead", "injured"})
FIELDS = ("actor", "country", "date", "dead", "dead_reconciled", "injured", "injured_reconciled",
          "location_25km", "recipient", "weapon")


@dataclass(frozen=True, slots=True)
class Mention:
    """A matched pair in one article: the gold event and the predicted event."""

    article_id: str
    gold: dict[str, Any]
    pred: dict[str, Any]


def read_jsonl_objects(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file (blank lines skipped); a bad line is an ``InputError`` with its number."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}: not JSON ({error.msg})", number) from None
            if not isinstance(value, dict):
                raise InputError(f"{path}: expected a JSON object", number)
            yield value


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _point(pred: dict[str, Any]) -> tuple[float, float] | None:
    location = pred.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    return (float(lat), float(lon)) if isinstance(lat, int | float) and isinstance(lon, int | float) else None


def _distance(gold: dict[str, Any], pred: dict[str, Any]) -> float | None:
    """km between the gold place and the predicted one; None when either is unknown."""
    point = _point(pred)
    if gold.get("lat") is None or gold.get("lon") is None or point is None:
        return None
    return _km(float(gold["lat"]), float(gold["lon"]), *point)


def _fits(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[int, float] | None:
    """How far apart a compatible pair is (days, km), or None when they cannot match."""
    if gold.get("event") != pred.get("event"):
        return None
    km = 0.0
    if gold.get("lat") is not None and gold.get("lon") is not None:
        distance = _distance(gold, pred)
        if distance is None or distance > MATCH_KM:
            return None
        km = distance
    days = 0
    gold_day = _day(gold.get("date"))
    if gold_day is not None:
        pred_day = _day(pred.get("date"))
        if pred_day is None or abs((pred_day - gold_day).days) > 1:
            return None
        days = abs((pred_day - gold_day).days)
    return days, km


def _match(golds: list[dict[str, Any]], preds: list[dict[str, Any]], taken: set[int],
           article_id: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs among the pairs that can match: those that agree on the most
    fields first (ties in gold order, then pred order), each gold and pred used once; ``taken`` (preds already
    used) is extended."""
    pairs = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            if pi not in taken and _fits(gold, pred) is not None:
                agree = sum(right for name, right in _field_checks(Mention(article_id, gold, pred))
                            if name in _AGREEMENT)
                pairs.append((-agree, gi, pi))
    pairs.sort()
    used: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used and pi not in taken:
            used.add(gi)
            taken.add(pi)
            out.append((gi, pi))
    return sorted(out)


def _codes(actors: Any) -> set[str]:
    out = set()
    for actor in actors or []:
        code = (actor.get("country") or actor.get("name")) if isinstance(actor, dict) else actor
        if code:
            out.add(str(code).upper())
    return out


def _figure(pred: dict[str, Any], article_id: str, name: str) -> Any:
    for entry in pred.get("figures_by_source") or []:
        if isinstance(entry, dict) and entry.get("article_id") == article_id:
            return entry.get(name)
    return pred.get(name)


def _field_checks(m: Mention) -> Iterator[tuple[str, bool]]:
    gold, pred = m.gold, m.pred
    if gold.get("date") is not None:
        yield "date", _day(pred.get("date")) == _day(gold.get("date"))
    if gold.get("lat") is not None and gold.get("lon") is not None:
        distance = _distance(gold, pred)
        yield "location_25km", distance is not None and distance <= FIELD_KM
    if gold.get("country") is not None:
        yield "country", (pred.get("location") or {}).get("country") == gold["country"]
    if gold.get("weapon") is not None:
        yield "weapon", pred.get("weapon") == gold["weapon"]
    for name in ("actor", "recipient"):
        if gold.get(name):
            yield name, bool(_codes(pred.get(name)) & _codes(gold[name]))
    for name in ("dead", "injured"):
        if gold.get(name) is not None:
            yield name, _figure(pred, m.article_id, name) == gold[name]
            yield f"{name}_reconciled", pred.get(name) == gold[name]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(gold_lines: Iterable[dict[str, Any]], pred_events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Score the predicted events against the gold lines; the result as a JSON-ready dict."""
    gold = {str(line.get("id")): [e for e in line.get("events") or [] if isinstance(e, dict)] for line in gold_lines}
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in pred_events:
        if event.get("background"):
            continue
        for article_id in dict.fromkeys(str(a) for a in event.get("article_ids") or []):
            by_article[article_id].append(event)
    tp = fp = fn = 0
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: list[Mention] = []
    negatives = invented = 0
    for article_id, golds in gold.items():
        preds = by_article.get(article_id, [])
        if not golds:
            negatives += 1
            invented += len(preds)
        news = [g for g in golds if not g.get("background")]
        background = [g for g in golds if g.get("background")]
        taken: set[int] = set()
        matched = _match(news, preds, taken, article_id)
        _match(background, preds, taken, article_id)
        tp += len(matched)
        fn += len(news) - len(matched)
        fp += len(preds) - len(taken)
        matched_gold = {gi for gi, _ in matched}
        for gi, g in enumerate(news):
            per_type[str(g.get("event"))]["gold"] += 1
            per_type[str(g.get("event"))]["tp" if gi in matched_gold else "fn"] += 1
        for pi, p in enumerate(preds):
            if pi not in taken:
                per_type[str(p.get("event"))]["fp"] += 1
        mentions += [Mention(article_id, news[gi], preds[pi]) for gi, pi in matched]
    fields: dict[str, list[int]] = {name: [0, 0] for name in FIELDS}
    for mention in mentions:
        for name, right in _field_checks(mention):
            fields[name][0] += int(right)
            fields[name][1] += 1
    gold_pairs = pred_pairs = both = 0
    for a, b in combinations(mentions, 2):
        if a.article_id == b.article_id:
            continue
        same_gold = a.gold.get("key") is not None and a.gold.get("key") == b.gold.get("key")
        same_pred = a.pred.get("event_id") is not None and a.pred.get("event_id") == b.pred.get("event_id")
        gold_pairs += same_gold
        pred_pairs += same_pred
        both += same_gold and same_pred
    precision, recall, f1 = _prf(tp, fp, fn)
    d_precision, d_recall, d_f1 = _prf(both, pred_pairs - both, gold_pairs - both)
    return {
        "events": {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
                   "f1": round(f1, 4)},
        "fields": {name: {"right": right, "of": of, "accuracy": round(right / of, 4) if of else None}
                   for name, (right, of) in fields.items() if of},
        "dedup": {"gold_pairs": gold_pairs, "predicted_pairs": pred_pairs, "precision": round(d_precision, 4),
                  "recall": round(d_recall, 4), "f1": round(d_f1, 4)},
        "negatives": {"articles": negatives, "false_events": invented},
        "by_type": {name: dict(zip(("precision", "recall", "f1"),
                                   (round(v, 4) for v in _prf(c["tp"], c["fp"], c["fn"])), strict=True),
                               gold=c["gold"])
                    for name, c in sorted(per_type.items())},
    }


def score_files(gold: Path, pred: Path) -> dict[str, Any]:
    """``score`` over a gold JSONL file and a predicted events JSONL file."""
    return score(read_jsonl_objects(gold), read_jsonl_objects(pred))


def format_report(result: dict[str, Any]) -> str:
    """The result as lines of text, one figure per line."""
    e = result["events"]
    lines = [f"events     P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}   "
             f"(tp {e['tp']}, fp {e['fp']}, fn {e['fn']})"]
    for name, f in result["fields"].items():
        lines.append(f"field      {name:14} {f['accuracy']:.3f}  ({f['right']}/{f['of']})")
    d = result["dedup"]
    lines.append(f"dedup      P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}   "
                 f"(gold pairs {d['gold_pairs']}, predicted pairs {d['predicted_pairs']})")
    n = result["negatives"]
    lines.append(f"negatives  {n['false_events']} predicted events in {n['articles']} articles with no gold event")
    for name, t in result["by_type"].items():
        lines.append(f"type       {name:10} P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}  "
                     f"(gold {t['gold']})")
    return "\n".join(lines)
