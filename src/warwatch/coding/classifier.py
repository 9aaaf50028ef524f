"""A trained PLOVER category classifier for single sentences: the second opinion on the trigger rules.

Model: TF-IDF of lowercased word unigrams and bigrams (simple regex tokenizer, digits folded to ``#``,
sublinear term frequency, L2-normalised rows) fed to a multinomial logistic regression with L2, trained in
pure numpy by ``scripts/train_classifier.py``. Classes: the 16 PLOVER categories plus ``NONE`` (a sentence
that reports no codable event: opinion, background colour, sport, drone shows, page chrome). ``NONE`` is
trained only from a small hand-written set, so treat its probability as a weak hint, not a detector.

The trained artifact is ``warwatch/data/classifier.json`` (vocabulary, idf and weights, the arrays stored
as base64 of zlib-compressed little-endian bytes); run time needs only numpy.

Usage::

    clf = CategoryClassifier.load()
    clf.predict("Russian drones struck a power plant in Kharkiv overnight.")   # ('ASSAULT', 0.9...)
    clf.predict_proba(["...", "..."])                                       # [{'AGREE': ..., ...}, ...]
"""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = [
    "ARTIFACT",
    "CLASSES",
    "NONE",
    "CategoryClassifier",
    "decode_array",
    "encode_array",
    "ngrams",
    "tokenize",
]

ARTIFACT = "classifier.json"
NONE = "NONE"
CLASSES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", NONE,
)

_TOKEN = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*")


def tokenize(text: str) -> list[str]:
    """Lowercased alphabetic runs and numbers (folded to ``#``); ``cease-fire`` gives ``cease``, ``fire``."""
    return ["#" if tok[0].isdigit() else tok for tok in _TOKEN.findall(text.lower())]


def ngrams(text: str) -> list[str]:
    """Unigrams and bigrams (``a_b``) of ``text``, in order, with repeats."""
    toks = tokenize(text)
    return toks + [f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]


def encode_array(arr: np.ndarray) -> dict[str, Any]:
    """JSON-able, byte-deterministic form of a numeric array."""
    arr = np.ascontiguousarray(arr)
    data = arr.astype(arr.dtype.newbyteorder("<"), copy=False).tobytes()
    return {"dtype": arr.dtype.newbyteorder("<").str, "shape": list(arr.shape),
            "data": base64.b64encode(zlib.compress(data, 9)).decode("ascii")}


def decode_array(obj: dict[str, Any]) -> np.ndarray:
    raw = zlib.decompress(base64.b64decode(obj["data"]))
    return np.frombuffer(raw, dtype=np.dtype(obj["dtype"])).reshape(obj["shape"])


class CategoryClassifier:
    """Multinomial logistic regression over TF-IDF unigrams+bigrams; see the module docstring."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 classes: Sequence[str] = CLASSES, meta: dict[str, Any] | None = None) -> None:
        self.classes: tuple[str, ...] = tuple(classes)
        self.index: dict[str, int] = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.weights = np.asarray(weights, dtype=np.float32)  # (n_features, n_classes)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.meta = dict(meta or {})
        if self.weights.shape != (len(self.index), len(self.classes)) or self.idf.shape != (len(self.index),):
            raise ValueError("classifier artifact: inconsistent shapes")

    # ---- loading -------------------------------------------------------------------------------------
    @classmethod
    def from_json(cls, text: str) -> CategoryClassifier:
        obj = json.loads(text)
        return cls(obj["vocabulary"], decode_array(obj["idf"]), decode_array(obj["weights"]),
                   decode_array(obj["bias"]), obj["classes"], obj.get("meta"))

    @classmethod
    def load(cls) -> CategoryClassifier:
        """The packaged model (cached: every call returns the same instance)."""
        return _load_packaged()

    # ---- features ------------------------------------------------------------------------------------
    def _rows(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR (indptr, feature ids, values) of the L2-normalised TF-IDF rows of ``texts``."""
        indptr = [0]
        ids: list[int] = []
        vals: list[float] = []
        index, idf = self.index, self.idf
        for text in texts:
            counts: dict[int, int] = {}
            for gram in ngrams(text):
                j = index.get(gram)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            row_ids = list(counts)
            row = [(1.0 + math.log(counts[j])) * float(idf[j]) for j in row_ids]
            norm = math.sqrt(sum(v * v for v in row)) or 1.0
            ids.extend(row_ids)
            vals.extend(v / norm for v in row)
            indptr.append(len(ids))
        return np.asarray(indptr, dtype=np.int64), np.asarray(ids, dtype=np.int64), np.asarray(vals, np.float32)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """Class scores (logits), shape ``(len(texts), n_classes)``."""
        indptr, ids, vals = self._rows(texts)
        scores = np.tile(self.bias, (len(texts), 1))
        if len(ids):
            contrib = self.weights[ids] * vals[:, None]
            nonempty = np.flatnonzero(indptr[1:] > indptr[:-1])
            scores[nonempty] += np.add.reduceat(contrib, indptr[:-1][nonempty], axis=0)
        return scores

    def proba_matrix(self, texts: Sequence[str]) -> np.ndarray:
        z = self.decision_function(texts).astype(np.float64)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    # ---- public API ----------------------------------------------------------------------------------
    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, ``{class: probability}`` over the 16 PLOVER categories and ``NONE`` (sums to 1)."""
        if isinstance(texts, str):
            raise TypeError("predict_proba takes a sequence of texts; use predict() for one text")
        probs = self.proba_matrix(texts)
        return [dict(zip(self.classes, map(float, row), strict=True)) for row in probs]

    def predict(self, text: str) -> tuple[str, float]:
        """The most probable class of ``text`` (may be ``NONE``) and its probability."""
        row = self.proba_matrix([text])[0]
        k = int(row.argmax())
        return self.classes[k], float(row[k])

    def category_proba(self, text: str, category: str) -> float:
        """Probability of one class for ``text``."""
        return float(self.proba_matrix([text])[0][self.classes.index(category)])

    def top_features(self, text: str, category: str, n: int = 5) -> list[tuple[str, float]]:
        """The n-grams of ``text`` that push hardest towards ``category`` (for --explain style output)."""
        indptr, ids, vals = self._rows([text])
        k = self.classes.index(category)
        inverse = {j: term for term, j in self.index.items() if j in set(ids.tolist())}
        contrib = [(inverse[int(j)], float(v * self.weights[j, k])) for j, v in zip(ids, vals, strict=True)]
        return sorted(contrib, key=lambda t: -t[1])[:n]


@lru_cache(maxsize=1)
def _load_packaged() -> CategoryClassifier:
    text = resources.files("warwatch").joinpath("data", ARTIFACT).read_text(encoding="utf-8")
    return CategoryClassifier.from_json(text)
