"""The coder on single labelled sentences of real news (data/corpus), scored per category.

    python bench/sentence_eval.py                 # the dev split, the product's settings
    python bench/sentence_eval.py --split test    # the held-out split (report it; never choose on it)
    WARWATCH_SENTENCE_BACKEND=minilm python bench/sentence_eval.py --embedding-cache /tmp/e.npy
        # the embedding backend, reusing the corpus embeddings of scripts/train_sentence_embed.py --cache

Each sentence is coded as a one-sentence article (no publication date). A sentence's predicted categories are
those of the events the coder emits as news (not background); its gold categories are the acts labelled
``happened`` (docs/labelling.md). Prints micro and per-category P/R/F1, and the share of sentences with no
happened act that still got an event (invented events). This is the figure the combination of rules and model
is chosen on (dev split), because the corpus is real news that no rule was written from.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warwatch.coding.sentence_model import Combination, Veto  # noqa: E402
from warwatch.models import Article  # noqa: E402
from warwatch.pipeline import Resources, code_articles  # noqa: E402
from warwatch.pipeline import load_resources as _load_resources  # noqa: E402
from warwatch.settings import Settings  # noqa: E402

CORPUS = ROOT / "data" / "corpus" / "sentences.jsonl"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", action="store_true",
                        help="list the events emitted where the sentence's label has no such happened act (JSONL)")
    parser.add_argument("--misses", metavar="CATEGORY", nargs="*",
                        help="list the sentences whose happened act of CATEGORY (any category if none given) the "
                             "coder misses, with what it emitted instead (JSONL)")
    parser.add_argument("--grid", action="store_true",
                        help="score the sentence model's veto over a grid of its two thresholds (choose on dev)")
    parser.add_argument("--combination-grid", action="store_true",
                        help="score the model's proposals and weak-trigger confirmation over a grid (choose on dev)")
    parser.add_argument("--veto-grid", action="store_true",
                        help="score all four veto settings over a wider grid, parsing once (choose on dev)")
    parser.add_argument("--embedding-cache", type=Path,
                        help="backend minilm: the corpus embeddings (.npy, all splits in corpus order, as written by "
                             "scripts/train_sentence_embed.py --cache): corpus sentences are not embedded again")
    args = parser.parse_args()
    global EMBEDDINGS
    EMBEDDINGS = args.embedding_cache
    if args.grid:
        settings = Settings.load()
        resources = load_resources(settings)
        rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if r["split"] == args.split]
        for veto_below, happened_below in [(0.0, 0.0), (0.02, 0.1), (0.05, 0.1), (0.05, 0.2), (0.1, 0.2),
                                           (0.1, 0.3), (0.2, 0.3), (0.2, 0.5), (1.0, 0.3), (1.0, 0.5)]:
            resources.coder.veto = Veto(veto_below, happened_below)
            got = score(rows, resources, settings)
            print(f"veto_below {veto_below:.2f} happened_below {happened_below:.2f}: micro P {got['micro'][0]:.3f} "
                  f"R {got['micro'][1]:.3f} F1 {got['micro'][2]:.3f}; invented {got['invented']}")
        return 0
    if args.combination_grid:
        return combination_grid(args.split)
    if args.veto_grid:
        return veto_grid(args.split)
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] == args.split]
    settings = Settings.load()
    resources = load_resources(settings)
    if args.errors:
        for error in false_positives(rows, resources, settings):
            print(json.dumps(error, ensure_ascii=False))
        return 0
    if args.misses is not None:
        for miss in misses(rows, resources, settings, set(args.misses)):
            print(json.dumps(miss, ensure_ascii=False))
        return 0
    figures = score(rows, resources, settings) | {"split": args.split}
    if args.json:
        print(json.dumps(figures))
        return 0
    micro, per, invented, empty_all = (figures["micro"], figures["per_category"], figures["invented"],
                                       figures["sentences_without_act"])
    print(f"{args.split}: {len(rows)} sentences; micro P {micro[0]:.3f} R {micro[1]:.3f} F1 {micro[2]:.3f}; "
          f"events in {invented} of {empty_all} sentences with no happened act")
    for c, (p, r, f, n) in sorted(per.items(), key=lambda kv: -kv[1][3]):
        print(f"  {c:10} P {p:.3f} R {r:.3f} F1 {f:.3f}  (gold {n})")
    return 0


def false_positives(rows: list[dict], resources: Resources, settings: Settings) -> list[dict]:
    """Each emitted news event whose category is not among the sentence's happened acts, with the sentence's
    labels and the rules that fired: the material for sorting precision errors into classes."""
    articles = (Article(id=str(i), text=r["text"]) for i, r in enumerate(rows))
    out = []
    for result in code_articles(articles, resources, settings):
        row = rows[int(result.article.id)]
        for e in result.events:
            if e.background or e.event in row["happened"]:
                continue
            out.append({"category": e.event, "rules": e.extra.get("rules"), "factuality": row["factuality"],
                        "labelled": sorted({ev["category"] for ev in row["events"]}), "happened": row["happened"],
                        "text": row["text"]})
    return out


def misses(rows: list[dict], resources: Resources, settings: Settings, categories: set[str]) -> list[dict]:
    """Each happened act (of ``categories``, or of any category when empty) the coder does not emit, with the
    events it did emit and their rules: the material for sorting recall errors by the missing construction.
    Sentences the screen dropped before coding appear with ``emitted`` empty."""
    articles = (Article(id=str(i), text=r["text"]) for i, r in enumerate(rows))
    emitted: dict[int, list[dict]] = {}
    for result in code_articles(articles, resources, settings):
        emitted[int(result.article.id)] = [{"category": e.event, "rules": e.extra.get("rules")}
                                           for e in result.events if not e.background]
    out = []
    for i, row in enumerate(rows):
        got = emitted.get(i, [])
        for c in sorted(set(row["happened"]) - {e["category"] for e in got}):
            if not categories or c in categories:
                out.append({"missed": c, "emitted": got, "happened": row["happened"], "text": row["text"]})
    return out


EMBEDDINGS: Path | None = None


def load_resources(settings: Settings) -> Resources:
    """The product's resources; with --embedding-cache and backend minilm, the corpus embeddings remembered."""
    resources = _load_resources(settings)
    model = resources.coder.sentence_model
    if EMBEDDINGS is not None and hasattr(model, "remember"):
        import numpy as np

        rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [r["text"] for split in ("train", "dev", "test") for r in rows if r["split"] == split]
        model.remember(texts, np.load(EMBEDDINGS))
    return resources


class _ParsedOnce:
    """The spaCy pipeline with its parses kept by text, so a grid over the coder's settings parses each sentence
    once (the coder reads the parse; it does not change it)."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.docs: dict[str, Any] = {}

    def pipe(self, items: Any, as_tuples: bool = False, batch_size: int = 32) -> Any:
        pairs = list(items)
        todo = [text for text, _ in pairs if text not in self.docs]
        for text, doc in zip(todo, self.nlp.pipe(todo, batch_size=batch_size), strict=True):
            self.docs[text] = doc
        return ((self.docs[text], context) for text, context in pairs)


def _grid_setup(split: str) -> tuple[Settings, Resources, list[dict]]:
    """The settings, the resources with the parse kept (``_ParsedOnce``) and the rows of ``split``, for a grid."""
    settings = Settings.load()
    resources = load_resources(settings)
    resources = replace(resources, nlp=_ParsedOnce(resources.nlp))
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return settings, resources, [r for r in rows if r["split"] == split]


def veto_grid(split: str) -> int:
    """Micro F1 and invented events over the veto's four settings (``Veto``) on ``split``, the parse made once."""
    settings, resources, rows = _grid_setup(split)
    grid = [Veto(0.0, 0.0, 1.1, 1.1)]
    grid += [Veto(v, h, n, s) for v, h in ((0.05, 0.2), (0.1, 0.2), (0.2, 0.3), (0.3, 0.3), (0.3, 0.5))
             for n, s in ((0.4, 0.9), (0.5, 0.9), (0.6, 0.9), (1.1, 1.1))]
    return _print_grid(grid, lambda veto: setattr(resources.coder, "veto", veto), rows, resources, settings)


def combination_grid(split: str) -> int:
    """Micro F1 and invented events of the combinations of rules and model (``Combination``) on ``split``."""
    settings, resources, rows = _grid_setup(split)
    grid = [Combination()] + [Combination(propose=True, floor=f, happened_min=h, anchored=a)
                              for a in (True, False) for f in (0.0, 0.3, 0.5) for h in (0.0, 0.5)]
    grid += [Combination(confirm_weak=True, confirm_share=s) for s in (0.25, 0.5, 1.0)]
    return _print_grid(grid, lambda c: setattr(resources.coder, "combination", c), rows, resources, settings)


def _print_grid(grid: list[Any], apply: Any, rows: list[dict], resources: Resources, settings: Settings) -> int:
    """Score ``rows`` once per setting of ``grid`` (``apply`` puts it on the coder) and print the figures."""
    for item in grid:
        apply(item)
        got = score(rows, resources, settings)
        print(f"{item}: micro P {got['micro'][0]:.3f} R {got['micro'][1]:.3f} F1 {got['micro'][2]:.3f}; "
              f"invented {got['invented']}", flush=True)
    return 0


def score(rows: list[dict], resources: Resources, settings: Settings) -> dict:
    articles = (Article(id=str(i), text=r["text"]) for i, r in enumerate(rows))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    invented = empty = 0
    for result in code_articles(articles, resources, settings):
        row = rows[int(result.article.id)]
        pred = {e.event for e in result.events if not e.background}
        gold = set(row["happened"])
        for c in pred & gold:
            tp[c] += 1
        for c in pred - gold:
            fp[c] += 1
        for c in gold - pred:
            fn[c] += 1
        if not gold:
            empty += 1
            invented += bool(pred)
    # sentences the screen dropped before coding count as predicting nothing
    coded_gold = Counter(c for r in rows for c in r["happened"])
    for c, n in coded_gold.items():
        fn[c] += n - tp[c] - fn[c]
    empty_all = sum(1 for r in rows if not r["happened"])
    micro = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    per = {c: prf(tp[c], fp[c], fn[c]) + (tp[c] + fn[c],) for c in sorted(set(tp) | set(fp) | set(fn))}
    return {"sentences": len(rows), "micro": micro, "per_category": per, "invented": invented,
            "sentences_without_act": empty_all}


if __name__ == "__main__":
    raise SystemExit(main())
