"""Roles: the actor and recipient of an event mention, read off the dependency parse."""

from __future__ import annotations

import pytest

from warwatch.coding.events import find_mentions
from warwatch.coding.roles import find_roles


@pytest.mark.parametrize(
    ("sentence", "category", "actor", "recipient"),
    [
        # an adjectival commitment: the committed subject acts (not the recipient of a passive)
        ("Officials said Norway is committed to opening its markets.", "AGREE", {"NOR"}, None),
        # "held villagers as human shields": the nominal trigger in an "as" phrase belongs to the verb's subject
        ("The Peruvian army held villagers as human shields.", "COERCE", {"PER"}, None),
        # "return to Vienna for talks": whoever travels for talks holds them
        ("Austrian and Swiss negotiators return to Vienna for talks on trade.", "CONSULT", {"AUT", "CHE"}, None),
        # an unnamed body is coded to its base
        ("A newspaper based in Chile has violated a ban on reporting the trial.", "REJECT", {"CHL"}, None),
        # "its demand that Uganda reopen the border": demanded of Uganda
        ("The Kenyan government reiterated its demand that Uganda reopen the border.", "REQUEST", None, {"UGA"}),
        # weapons "to use against" someone: the target of the threat
        # an accusation told as reported speech accuses the reported clause's subject
        ("Chile said Peru was behind the sabotage of the pipeline.", "ACCUSE", {"CHL"}, {"PER"}),
        ("Norway said Sweden bears full responsibility for the collision.", "ACCUSE", {"NOR"}, {"SWE"}),
        ("Malta charged that Tunisian boats had rammed its patrol vessel.", "ACCUSE", {"MLT"}, {"TUN"}),
        ("Kenya said the Ugandan shelling of the camp was barbaric.", "ACCUSE", {"KEN"}, {"UGA"}),
        # a document condemning: its issuer, through the verb it is the object of or the clause it frames
        ("The Bolivian senate passed a resolution condemning the raid.", "ACCUSE", {"BOL"}, None),
        ("In a statement denouncing the arrests, Ghana called for calm.", "ACCUSE", {"GHA"}, None),
        ("Norway issued a statement condemning the raid on the harbour.", "ACCUSE", {"NOR"}, None),
        # voting on a document or blocking it does not issue it: no issuer, so no actor from that verb
        ("Brazil vetoed a draft resolution condemning the raid on the harbour.", "ACCUSE", set(), None),
        ("Japan abstained in the vote on a motion condemning the blockade.", "ACCUSE", set(), None),
        # the subject of the verb "backed" backs (no "Chile-backed" sponsor label); a sponsor label stays none
        ("Chile backed the truce plan of the mediators.", "SUPPORT", {"CHL"}, None),
        ("Chile backed militias shelled the border post.", "ASSAULT", set(), None),
        # a reaction a deed "drew" from someone: the critic acts on the deed's author
        ("The Peruvian raid drew sharp criticism from Chile.", "ACCUSE", {"CHL"}, {"PER"}),
    ],
)
def test_roles(resources, sentence: str, category: str, actor: set[str] | None,  # type: ignore[no-untyped-def]
               recipient: set[str] | None) -> None:
    doc = resources.nlp(sentence)
    by_token = {}
    for m in resources.coder.lexicon.find(doc):
        for i in range(m.start, m.end):
            by_token[i] = m
    mentions = [m for s in doc.sents for m in find_mentions(s) if m.category == category]
    assert mentions, "a trigger of the category should be found"
    roles = find_roles(mentions[0], by_token)
    if actor is not None:
        assert {a.country for a in roles.actor} == actor, roles
    if recipient is not None:
        assert {a.country for a in roles.recipient} == recipient, roles
