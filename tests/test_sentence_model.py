"""The sentence model (issue 12): its artifact, its readings on our own sentences, and the veto rule."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from warwatch.coding.sentence_model import (
    FACTUALITY,
    Combination,
    SentenceModel,
    SentenceReading,
    Veto,
    proposed_mention,
)

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


# -- how the model joins the rules (Combination) ------------------------------------------------------------

def _categories(**probabilities: float) -> SentenceReading:
    return SentenceReading(dict(probabilities), {"happened": 0.8, "none": 0.2})


@pytest.mark.parametrize(("combination", "p", "proposed"), [
    (Combination(propose=True), 0.30, True),               # at or above the category's threshold (0.3 here)
    (Combination(propose=True), 0.29, False),
    (Combination(propose=False), 0.99, False),             # off
    (Combination(propose=True, floor=0.5), 0.40, False),   # a floor over every threshold
    (Combination(propose=True, happened_min=0.9), 0.99, False),  # the sentence must read as happened
])
def test_proposes(combination: Combination, p: float, proposed: bool) -> None:
    assert combination.proposes("THREATEN", _categories(THREATEN=p), {"THREATEN": 0.3}) is proposed


@pytest.mark.parametrize(("combination", "p", "doubted"), [
    (Combination(confirm_weak=True, confirm_share=0.5), 0.14, True),   # below half the threshold (0.3)
    (Combination(confirm_weak=True, confirm_share=0.5), 0.15, False),
    (Combination(confirm_weak=False), 0.0, False),                     # off
])
def test_doubts_weak(combination: Combination, p: float, doubted: bool) -> None:
    assert combination.doubts_weak("PROTEST", _categories(PROTEST=p), {"PROTEST": 0.3}) is doubted


def test_thresholds_are_shipped_for_every_category(model: SentenceModel) -> None:
    assert set(model.thresholds) == CATEGORIES
    assert all(0.0 < t < 1.0 for t in model.thresholds.values())


def test_decisions_carry_the_models_probability() -> None:
    reading = _categories(ACCUSE=0.61)
    assert reading.beside("ACCUSE (verb:blame, roles: subject)", {"ACCUSE": 0.16}).endswith(
        "model: ACCUSE 0.61 (reads it from 0.16)")
    assert reading.beside("no event trigger", {}) == "no event trigger"


# our own sentences: a word of the category in the pattern tables anchors a proposal; without one, none
@pytest.mark.parametrize(("text", "category", "anchor"), [
    ("The northern militia warned the river villages on Friday.", "THREATEN", "warned"),
    ("The harvest festival in Velmora drew large crowds on Friday.", "THREATEN", None),
])
def test_proposed_mention_hangs_on_a_word_of_its_category(nlp, text: str, category: str,  # type: ignore[no-untyped-def]
                                                          anchor: str | None) -> None:
    sentence = next(iter(nlp(text).sents))
    mention = proposed_mention(sentence, category, 0.9)
    if anchor is None:
        assert mention is None
        assert proposed_mention(sentence, category, 0.9, anchored=False) is not None  # the main verb
    else:
        assert mention is not None and mention.trigger.text == anchor
        assert mention.category == category and mention.mode is None and mention.rule.startswith("model:")


class _Reads:
    """A stand-in for the trained model that reads every sentence the same way."""

    def __init__(self, **probabilities: float) -> None:
        self.thresholds = {c: 0.5 for c in CATEGORIES}
        self.probabilities = probabilities

    def read(self, texts: list[str]) -> list[SentenceReading]:
        return [_categories(**self.probabilities) for _ in texts]


# our own sentences: the rules set "warned" aside (no own act, no party warned); the model's reading revives it
@pytest.mark.parametrize(("text", "propose", "expected"), [
    ("Norway warned on Friday.", True, [("THREATEN", "NOR")]),
    ("Norway warned on Friday.", False, []),                             # off: the rules alone
    ("The harvest committee warned the farmers on Friday.", True, []),   # no actor: nothing
])
def test_the_model_proposes_where_the_rules_found_nothing(resources, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                          text: str, propose: bool,
                                                          expected: list[tuple[str, str]]) -> None:
    from datetime import date

    from warwatch.models import Article

    monkeypatch.setattr(resources.coder, "sentence_model", _Reads(THREATEN=0.9))
    monkeypatch.setattr(resources.coder, "combination", Combination(propose=propose))
    result = resources.coder.code(resources.nlp(text), Article(id="t", text=text, published=date(2031, 3, 7)))
    assert [(e.event, e.actor[0].country) for e in result.events] == expected


def test_a_toll_with_no_trigger_proposes_nothing(resources, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from warwatch.models import Article

    text = "Rebel troops shelled Velmora with artillery on Tuesday. Four villagers were hurt there and evacuated."
    monkeypatch.setattr(resources.coder, "sentence_model", _Reads(ASSAULT=0.9, RETREAT=0.9))
    monkeypatch.setattr(resources.coder, "combination", Combination(propose=True))
    result = resources.coder.code(resources.nlp(text), Article(id="t", text=text, published=date(2031, 3, 7)),
                                  explain=True)
    toll = result.notes[1].decisions
    assert any("attached to the nearest attack" in d for d in toll)
    assert not any("proposes" in d for d in toll)
    attacks = [e for e in result.events if e.event == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].casualties.injured == 4
