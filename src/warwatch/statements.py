"""Statements: what a mention says about itself, before article assembly.

An announced act is a commitment or a threat, a refusal is a rejection (``commitment``); a past cue makes a
mention background only in its own clause (``past_for``); a weak trigger needs a fair chance from the trained
classifier (``vetoable``, ``classifier_agrees``: the second coding layer).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .events import Mention
from .models import Actor
from .patterns import load_patterns

__all__ = ["FRIENDLY", "HOSTILE", "classifier_agrees", "commitment", "past_for", "vetoable"]

HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN", "ACCUSE"}
FRIENDLY = {"AID", "SUPPORT", "COOPERATE", "RETREAT", "CONCEDE", "AGREE"}


_COMMITTING = {"modal:will", "modal:would", "modal:'ll", "willing:willing", "willing:ready", "willing:prepared",
               "willing:determined", "willing:committed", "willing:eager"}


# "will support a resolution": a commitment to a course of action (AGREE), not support for an actor
_PROPOSALS = {"resolution", "plan", "proposal", "bid", "initiative", "measure", "deal", "agreement", "motion",
              "candidacy", "draft", "bill", "law", "sanction", "call", "effort", "idea", "request"}


def commitment(mention: Mention, actor: tuple[Actor, ...]) -> str | None:
    """An actor announcing what it will do has committed itself (PLOVER): a friendly act it will do, or is
    willing to do, is AGREE ("Finland will give Tanzania a grant", "Syria is willing to withdraw"), a hostile
    one THREATEN, and so is a boycott it announces. Refusing a friendly act ("will not accept any more
    refugees", "is unwilling to talk") is REJECT. Plans to meet stay plans."""
    if not actor:
        return None
    lemma = mention.trigger.lemma_.lower()
    refused = mention.modality == "willing:unwilling" or (
        mention.negated and mention.modality in {"modal:will", "modal:would", "modal:'ll"}) or (
        mention.negated and mention.category == "AGREE" and mention.trigger.pos_ == "VERB")  # "did not accept"
    if refused:
        return "REJECT" if mention.category in FRIENDLY | {"CONSULT"} else None
    if mention.modality not in _COMMITTING or mention.negated:
        return None
    if mention.category == "SUPPORT" and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in _PROPOSALS for c in mention.trigger.children):
        return "SUPPORT"  # "the Alliance will support Ukraine": the statement of support is the act
    if mention.category == "CONSULT" and mention.trigger.pos_ == "VERB" and any(
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in {"if", "unless", "provided"} for g in c.children)
            for c in mention.trigger.children):
        return "AGREE"  # "they would meet the mediator if he ...": a conditional offer to meet, not a plan
    if mention.category == "CONSULT" and lemma == "mediate":
        return "AGREE"  # "will visit the region to mediate": an offer to mediate is an intent to help settle
    if mention.category in HOSTILE or lemma == "boycott":
        return "THREATEN"
    if mention.category in FRIENDLY:
        return "AGREE"
    return None


_EVENTIVE = set(load_patterns().tables["noun"]) | {
    "invasion", "war", "occupation", "election", "offensive", "incursion", "annexation",
    "crisis", "conflict", "coup", "uprising", "revolution", "massacre", "killing"}


def _cue_head(doc: Doc, start: int, end: int) -> Token | None:
    """The verb or event noun a past cue ("last week", "in 1988", "since it invaded") belongs to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    node = span.root
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"} or (node.pos_ == "NOUN" and node.lemma_.lower() in _EVENTIVE):
            if not (span.start <= node.i < span.end) or node.pos_ == "NOUN":
                return node
        if node.head is node:
            return node
        node = node.head
    return node


def past_for(mention: Mention, cues: Sequence[tuple[int, int]]) -> bool:
    """A past cue makes a mention background only in the mention's own clause or a clause above it:
    "drones struck the city last week", "Moscow said last week that ... struck" are past; "offered to hand
    over two suspects of a bombing in 1988" and "a helicopter that was captured last week" are not."""
    if not cues:
        return False
    trigger = mention.trigger
    chain = {trigger.i} | {t.i for t in trigger.ancestors}
    for start, end in cues:
        head = _cue_head(trigger.doc, start, end)
        if head is None or head.i in chain:
            return True
    return False


_VETO_PROBABILITY = 0.05  # a weak trigger needs a fair chance from the classifier (17 classes)
_VETO_RANK = 5


def vetoable(mention: Mention) -> bool:
    """Weak triggers of conflictual and verbal categories are put to the classifier. Cooperative ones are
    not: the synthetic training labels confuse AGREE, AID, SUPPORT and CONCEDE (GSR accuracy 0.37 overall)."""
    return not mention.strong and mention.category not in FRIENDLY


def classifier_agrees(proba: dict[str, float], category: str) -> bool:
    """The second layer: a weak trigger stands when the classifier gives its category a fair chance."""
    ranked = sorted(proba, key=proba.__getitem__, reverse=True)
    return proba.get(category, 0.0) >= _VETO_PROBABILITY or category in ranked[:_VETO_RANK]
