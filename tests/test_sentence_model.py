"""The sentence model (issue 12): its artifact, its readings on our own sentences, and the veto rule."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from warwatch.sentence_model import FACTUALITY, SentenceModel, SentenceReading, Veto

CATEGORIES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ARTIFACT = Path(str(resources.files("warwatch") / "data" / "sentence_model"))


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return SentenceModel.load()


def test_artifact_is_small_and_has_its_figures() -> None:
    size = sum(p.stat().st_size for p in ARTIFACT.rglob("*") if p.is_file())
    assert 0 < size <= 30_000_000
    figures = json.loads((ARTIFACT / "figures.json").read_text())
    assert figures["test"]["sentences"] > 500  # measured on a held-out split, never trained on
    assert figures["training"]["train_sentences"] > 3000


def test_every_label_is_read(model: SentenceModel) -> None:
    (reading,) = model.read(["Rebel fighters shelled the market town of Velmora on Sunday, the governor said."])
    assert set(reading.categories) == CATEGORIES
    assert set(reading.factuality) == set(FACTUALITY)
    assert all(0.0 <= p <= 1.0 for p in [*reading.categories.values(), *reading.factuality.values()])


# our own sentences (fictional places), one per reading the veto depends on
@pytest.mark.parametrize(("text", "category", "happened"), [
    ("Rebel fighters shelled the market town of Velmora on Sunday, killing four civilians, the governor said.",
     "ASSAULT", True),
    ("Analysts say the conflict in the northern provinces has become a grinding war of attrition.", None, False),
    ("Since the uprising began in 2019, thousands of people have been killed in the region.", "ASSAULT", False),
])
def test_readings_of_plain_sentences(model: SentenceModel, text: str, category: str | None, happened: bool) -> None:
    (reading,) = model.read([text])
    if category is not None:
        assert max(reading.categories, key=lambda c: reading.categories[c]) == category
    assert (reading.happened >= 0.5) is happened


def _reading(category_p: float, happened: float) -> SentenceReading:
    return SentenceReading({"ASSAULT": category_p}, {"happened": happened, "none": 1.0 - happened})


@pytest.mark.parametrize(("veto", "category_p", "happened", "vetoed"), [
    (Veto(1.0, 0.3), 0.9, 0.29, True),    # a sentence read as no new act loses the rule's event
    (Veto(1.0, 0.3), 0.9, 0.31, False),
    (Veto(0.05, 0.3), 0.9, 0.10, False),  # a stricter rule also needs the category to be doubted
    (Veto(0.05, 0.3), 0.01, 0.10, True),
    (Veto(0.0, 0.0), 0.0, 0.0, False),    # off
])
def test_veto(veto: Veto, category_p: float, happened: float, vetoed: bool) -> None:
    assert veto.vetoes("ASSAULT", _reading(category_p, happened)) is vetoed


@pytest.mark.parametrize(("factuality", "vetoed"), [
    ({"background": 0.5, "happened": 0.3, "none": 0.2}, True),   # most likely background: no new act
    ({"future": 0.45, "happened": 0.35, "none": 0.2}, True),     # most likely a plan
    ({"background": 0.35, "happened": 0.25, "none": 0.2, "future": 0.2}, False),  # too unsure
    ({"happened": 0.5, "background": 0.45, "none": 0.05}, False),  # most likely happened
    ({"none": 0.6, "background": 0.4}, False),                   # "none" is no verdict on the act
])
def test_veto_of_sentences_read_as_no_new_act(factuality: dict[str, float], vetoed: bool) -> None:
    reading = SentenceReading({"ASSAULT": 0.6}, factuality)  # the category itself is not doubted
    assert Veto(0.05, 0.2, 0.4, 0.9).vetoes("ASSAULT", reading) is vetoed
    assert not Veto(0.05, 0.2, 1.01, 0.9).vetoes("ASSAULT", reading)  # off
    assert not Veto(0.05, 0.2, 0.4, 0.5).vetoes("ASSAULT", reading)  # the model is sure of the category


def test_default_veto_is_the_one_chosen_on_the_corpus_dev_split() -> None:
    from warwatch.settings import Settings

    settings = Settings.load(environ={})
    assert (settings.model_veto_below, settings.model_happened_below, settings.model_not_new_above,
            settings.model_sure_above) == (Veto().veto_below, Veto().happened_below, Veto().not_new_above,
                                           Veto().sure_above)
    assert Veto().vetoes("ASSAULT", _reading(0.01, 0.1)) and not Veto().vetoes("ASSAULT", _reading(0.1, 0.1))
