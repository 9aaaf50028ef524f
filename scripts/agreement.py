"""Inter-annotator agreement on the corpus: Cohen's kappa per label between independent labellings.

    python scripts/agreement.py sample            # draw the random sample (text and url only) to label twice
    python scripts/agreement.py kappa             # kappa per label: second labellers A vs B, and each vs corpus
    python scripts/agreement.py pair FIRST SECOND [--output kappa.json]   # kappa per label of any two labellings

The sample is data/corpus/agreement/sample.jsonl (300 random sentences of data/corpus/sentences.jsonl, fixed
seed); the two independent labellings are agreement/A.jsonl and agreement/B.jsonl, written by labellers who saw
neither the corpus labels nor each other's (same fields as docs/labelling.md, matched by ``text``).
Labels compared: each PLOVER category as present or absent in the sentence (any factuality), the
sentence's ``factuality`` (7 classes), and "reports a new act" (factuality happened or not).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_corpus import CATEGORIES, normalise  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus" / "sentences.jsonl"
FOLDER = ROOT / "data" / "corpus" / "agreement"
SIZE = 300


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two labellings of the same items (None when chance agreement is total)."""
    n = len(first)
    if n == 0 or n != len(second):
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[k] * counts_b[k] for k in counts_a.keys() | counts_b.keys()) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def _read(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            row.setdefault("url", "https://unknown")
            out[row["text"].strip()] = normalise(row)
    return out


def labels(row: dict) -> dict[str, str]:
    got = {c: str(c in row["categories"]) for c in sorted(CATEGORIES)}
    got["factuality"] = row["factuality"]
    got["new act (happened)"] = str(row["factuality"] == "happened")
    return got


def compare(first: dict[str, dict], second: dict[str, dict]) -> dict[str, dict]:
    common = sorted(first.keys() & second.keys())
    out: dict[str, dict] = {}
    names = list(labels(first[common[0]])) if common else []
    for name in names:
        a = [labels(first[t])[name] for t in common]
        b = [labels(second[t])[name] for t in common]
        kappa = cohen_kappa(a, b)
        positives = sum(x == "True" for x in a) + sum(x == "True" for x in b)
        out[name] = {"kappa": None if kappa is None else round(kappa, 3), "n": len(common),
                     "agreement": round(sum(x == y for x, y in zip(a, b, strict=True)) / len(common), 3),
                     "positives": positives if name != "factuality" else None}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["sample", "kappa", "pair"])
    parser.add_argument("files", nargs="*", type=Path, help="pair: the two labellings (JSONL, matched by text)")
    parser.add_argument("--output", type=Path, help="pair: also write the figures here as JSON")
    args = parser.parse_args()
    if args.what == "pair":
        if len(args.files) != 2:
            parser.error("pair takes two files")
        got = compare(_read(args.files[0]), _read(args.files[1]))
        if args.output:
            args.output.write_text(json.dumps(got, indent=2) + "\n", encoding="utf-8")
        print(f"{'label':22} {'kappa':>7} {'agree':>6} {'pos':>4}  (n {next(iter(got.values()))['n'] if got else 0})")
        for name, cell in got.items():
            print(f"{name:22} {cell['kappa']!s:>7} {cell['agreement']:>6} {cell['positives']!s:>4}")
        return 0
    FOLDER.mkdir(parents=True, exist_ok=True)
    if args.what == "sample":
        rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
        chosen = random.Random(2026).sample(rows, SIZE)
        with (FOLDER / "sample.jsonl").open("w", encoding="utf-8") as handle:
            for row in chosen:
                handle.write(json.dumps({"text": row["text"], "url": row["url"]}, ensure_ascii=False) + "\n")
        print(f"agreement: {SIZE} sentences written to {FOLDER / 'sample.jsonl'}")
        return 0
    corpus = _read(CORPUS)
    a, b = _read(FOLDER / "A.jsonl"), _read(FOLDER / "B.jsonl")
    result = {"A vs B": compare(a, b), "corpus vs A": compare(corpus, a), "corpus vs B": compare(corpus, b)}
    (FOLDER / "kappa.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{'label':22} " + " ".join(f"{k:>14}" for k in result))
    for name in result["A vs B"]:
        cells = []
        for pair in result.values():
            got = pair.get(name, {})
            cells.append(f"{got.get('kappa')!s:>7} (n{got.get('n')})" if got else " " * 14)
        print(f"{name:22} " + " ".join(f"{c:>14}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
