"""The casualty cue: a text without any of its words skips the patterns, and loses no figure by it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warwatch.ingest import sentence_spans
from warwatch.numbers.casualties import _ANY_CUE, _find_casualty_figures, find_casualty_figures

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"

PHRASES = [  # one per kind of anchor, the last ones without the usual casualty words
    "Three soldiers were killed and 12 wounded in the shelling.",
    "No one was harmed, the ministry said.",
    "The death toll rose to 41 on Sunday.",
    "The blast claimed 12 lives.",
    "A deputy was struck by gunfire during the arrest.",
    "A retiree was hit by a stray bullet while waiting at the bus stop.",
    "Doctors said the guard is expected to survive.",
    "Jones remains in critical condition.",
    "Rescuers recovered four bodies from the rubble.",
    "Police are investigating a double homicide.",
    "Four people were taken to the hospital.",
    "Two people were missing after the flood.",
    "Brian Smith, 45, later died at the scene.",
]


@pytest.mark.parametrize("text", PHRASES)
def test_every_anchor_passes_the_cue(text: str) -> None:
    assert _ANY_CUE.search(text)
    assert find_casualty_figures(text) == _find_casualty_figures(text) != []


def test_no_cue_no_figure() -> None:
    text = "The two ministers met in Geneva on Tuesday and agreed to meet again in March."
    assert not _ANY_CUE.search(text) and find_casualty_figures(text) == [] == _find_casualty_figures(text)


def test_same_figures_on_every_example_sentence() -> None:
    texts = [json.loads(line)["text"] for line in EXAMPLES.read_text(encoding="utf-8").split("\n") if line.strip()]
    sentences = [t[a:b] for t in texts for a, b in sentence_spans(t)]
    assert len(sentences) > 150
    for sentence in sentences:
        assert find_casualty_figures(sentence) == _find_casualty_figures(sentence), sentence
