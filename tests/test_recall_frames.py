"""Frames for the thin categories (data/patterns/triggers.jsonl): each fires on its construction and not on a
look-alike. The sentences are written for this file."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.coding.events import find_mentions


def _found(nlp: Language, sentence: str) -> set[tuple[str, str]]:
    doc = nlp(sentence)
    return {(m.category, m.rule) for s in doc.sents for m in find_mentions(s)}


@pytest.mark.parametrize(
    ("sentence", "category", "rule", "fires"),
    [
        # a diplomatic protest is ACCUSE, not PROTEST (PLOVER manual, docs/labelling.md)
        ("The ministry lodged a solemn protest with the envoy over the fishing ban.", "ACCUSE", "noun:protest lodged",
         True),
        ("The coastal state summoned the envoy to convey a strongly worded protest over the raid.", "ACCUSE",
         "noun:protest lodged", True),
        ("The island's formal protest reached the consul on Monday.", "ACCUSE", "noun:diplomatic protest",
         True),
        ("Dockers staged a protest outside the harbour office.", "ACCUSE", "noun:protest lodged", False),
        ("The militia announced a halt in its offensive on the port.", "CONCEDE", "verb:announce halt", True),
        ("The army announced a halt to the recruitment drive.", "CONCEDE", "verb:announce halt", False),
        ("The navy admitted that its patrol boat had wrongly fired on the ferry.", "CONCEDE", "verb:admit error",
         True),
        ("The navy admitted that its patrol boat had fired on the ferry.", "CONCEDE", "verb:admit error", False),
        # COERCE: hostages, states of emergency, round-ups
        ("The gang held the villagers hostage in a school.", "COERCE", "verb:hold hostage", True),
        ("The gang held a meeting in a school.", "COERCE", "verb:hold hostage", False),
        ("The villagers were held hostage in a school.", "COERCE", "verb:hold hostage", False),
        ("The junta declared a state of emergency in the northern province.", "COERCE",
         "verb:declare state of emergency", True),
        ("The junta declared the state a disaster zone.", "COERCE", "verb:declare state of emergency", False),
        ("Soldiers rounded up dozens of men in the market.", "COERCE", "verb:round up", True),
        # AID
        ("A relief convoy entered the besieged town on Saturday.", "AID", "verb:aid enter", True),
        ("Rebel fighters entered the besieged town on Saturday.", "AID", "verb:aid enter", False),
        ("The new aid package includes artillery rounds and radar equipment.", "AID", "verb:aid package includes",
         True),
        ("The sanctions package includes a ban on radar equipment.", "AID", "verb:aid package includes", False),
        ("The ministry approved the sale of patrol boats and missiles to its ally.", "AID", "verb:approve arms sale",
         True),
        ("The ministry approved the sale of the old harbour building.", "AID", "verb:approve arms sale", False),
        # SUPPORT
        ("The bloc renewed its support for the island's sovereignty.", "SUPPORT", "verb:renew support", True),
        ("The bloc renewed its air support for the ground troops.", "SUPPORT", "verb:renew support", False),
        ("The minister appreciated the neighbours' patience.", "SUPPORT", "verb:appreciate", True),
        ("The envoy expressed full confidence in the monitors.", "SUPPORT", "verb:express confidence in", True),
        # SANCTION
        ("The ministry declared two attachés persona non grata.", "SANCTION", "verb:declare persona non grata", True),
        ("The government ordered four embassy officials to leave the country.", "SANCTION",
         "verb:order diplomats to leave", True),
        ("The government ordered the residents to leave the valley.", "SANCTION", "verb:order diplomats to leave",
         False),
        ("The government suspended the dialogue process with the guerrillas.", "SANCTION", "verb:suspend process",
         True),
    ],
)
def test_recall_frames(nlp: Language, sentence: str, category: str, rule: str, fires: bool) -> None:
    found = _found(nlp, sentence)
    assert ((category, rule) in found) is fires, found
