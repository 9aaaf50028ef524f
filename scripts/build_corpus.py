"""Merge the labellers' files into the corpus of labelled real news sentences, checked and split by article.

    python scripts/build_corpus.py            # data/corpus/raw/*.jsonl -> data/corpus/sentences.jsonl, stats
    python scripts/build_corpus.py --check    # validate only; exit 1 on a bad line

Each raw line follows docs/labelling.md. A line is kept when it parses, has a known category, mode and
factuality for every event, and its text was not seen before (case and space folded). The split is decided
by the article (``url``), never by the sentence, so no article has sentences on both sides: ``test`` (20%,
never used to train or to choose anything), ``dev`` (10%, for choices: training's early stopping, how the
model and the rules are combined), ``train`` (70%).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "corpus" / "raw"
OUT = ROOT / "data" / "corpus" / "sentences.jsonl"

CATEGORIES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
FACTUALITY = ("happened", "background", "future", "hypothetical", "negated", "opinion")
SPLITS = (("test", 20), ("dev", 10), ("train", 70))


def split_of(url: str) -> str:
    """The split of an article: a stable hash of its url, so re-running never moves a sentence."""
    bucket = int(hashlib.sha1(url.strip().encode("utf-8")).hexdigest(), 16) % 100
    edge = 0
    for name, share in SPLITS:
        edge += share
        if bucket < edge:
            return name
    return SPLITS[-1][0]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def problems(row: dict) -> list[str]:
    """What is wrong with one labelled line (empty when it is fine)."""
    out = []
    text, url = row.get("text"), row.get("url")
    if not isinstance(text, str) or len(text.split()) < 4:
        out.append("text missing or shorter than 4 words")
    if not isinstance(url, str) or not url.startswith("http"):
        out.append("url missing")
    events = row.get("events")
    if not isinstance(events, list):
        return [*out, "events is not a list"]
    for event in events:
        if not isinstance(event, dict) or event.get("category") not in CATEGORIES:
            out.append(f"unknown category {event.get('category') if isinstance(event, dict) else event!r}")
        elif event.get("factuality") not in FACTUALITY:
            out.append(f"unknown factuality {event.get('factuality')!r}")
    return out


def normalise(row: dict) -> dict:
    """The derived fields recomputed from ``events`` (labellers' own copies may disagree)."""
    events = [e for e in row["events"] if isinstance(e, dict)]
    categories = sorted({e["category"] for e in events})
    if not events:
        factuality = "none"
    elif any(e["factuality"] == "happened" for e in events):
        factuality = "happened"
    else:
        factuality = events[0]["factuality"]
    return {
        "text": row["text"].strip(), "url": row["url"].strip(), "conflict": row.get("conflict"),
        "year": row.get("year"), "events": events, "categories": categories,
        "happened": sorted({e["category"] for e in events if e["factuality"] == "happened"}),
        "factuality": factuality, "labeller": row.get("labeller"), "split": split_of(row["url"]),
    }


def read_raw(folder: Path) -> Iterator[tuple[str, int, dict | None, list[str]]]:
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield path.name, number, None, [f"not JSON: {error.msg}"]
                continue
            yield path.name, number, row, problems(row) if isinstance(row, dict) else ["not an object"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=RAW)
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="validate only")
    args = parser.parse_args()
    seen: set[str] = set()
    kept: list[dict] = []
    bad = dupes = 0
    for name, number, row, issues in read_raw(args.raw):
        if issues or row is None:
            bad += 1
            print(f"{name}:{number}: " + "; ".join(issues), file=sys.stderr)
            continue
        key = _fold(row["text"])
        if key in seen:
            dupes += 1
            continue
        seen.add(key)
        kept.append(normalise(row))
    urls = {row["url"] for row in kept}
    print(f"corpus: {len(kept)} sentences from {len(urls)} articles; {bad} bad lines, {dupes} duplicates dropped")
    print("  splits: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["split"] for r in kept).items())))
    print("  factuality: " + ", ".join(f"{k} {v}" for k, v in Counter(r["factuality"] for r in kept).most_common()))
    cats = Counter(c for r in kept for c in r["categories"])
    print("  categories: " + ", ".join(f"{k} {v}" for k, v in cats.most_common()))
    print("  conflicts: " + ", ".join(f"{k} {v}" for k, v in Counter(r["conflict"] for r in kept).most_common()))
    if args.check:
        return 1 if bad else 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as handle:
        for row in kept:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"  written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
