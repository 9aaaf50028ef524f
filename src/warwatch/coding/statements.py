"""Statements: what a mention says about itself, before article assembly.

An announced act is a commitment or a threat, a refusal is a rejection (``commitment``); a past cue makes a
mention background only in its own clause (``past_for``); a weak trigger needs a fair chance from the trained
classifier (``vetoable``, ``classifier_agrees``: the second coding layer).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Token

from ..models import Actor
from .events import _SPEECH, Mention
from .patterns import load_patterns

__all__ = ["FRIENDLY", "HOSTILE", "classifier_agrees", "clause_act", "commitment", "narrative_past", "past_for",
           "reporter", "vetoable"]

HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN", "ACCUSE"}
FRIENDLY = {"AID", "SUPPORT", "COOPERATE", "RETREAT", "CONCEDE", "AGREE"}


_COMMITTING = {"modal:will", "modal:would", "modal:'ll", "willing:willing", "willing:ready", "willing:prepared",
               "willing:determined", "willing:committed", "willing:eager"}


# "will support a resolution": a commitment to a course of action (AGREE), not support for an actor
_PROPOSALS = {"resolution", "plan", "proposal", "bid", "initiative", "measure", "deal", "agreement", "motion",
              "candidacy", "draft", "bill", "law", "sanction", "call", "effort", "idea", "request"}


# "under the proposal, Hamas would free the captives in stages": the terms of a deal, not anyone's commitment
_TERMS = {"deal", "proposal", "plan", "terms", "agreement", "draft", "framework", "truce", "ceasefire", "accord",
          "arrangement", "scheme", "offer"}
# "..., mediators said": a third party reporting what another would do reports a plan, not a commitment
_THIRD_PARTY = {"mediator", "diplomat", "source", "analyst", "expert", "observer", "report", "media", "newspaper",
                "broadcaster", "agency", "witness", "resident", "monitor", "intelligence"}
_PRONOUNS = {"it", "they", "he", "she", "we", "i"}


def reporter(mention: Mention) -> Token | None:
    """The subject of the speech verb that reports the mention ("X said it would ...", "..., a mediator said")."""
    trigger = mention.trigger
    clause = trigger  # "said they would keep attacking": the clause of "keep" is the one reported
    while clause.dep_ == "xcomp" and clause.head != clause:
        clause = clause.head
    verbs = [clause.head] if clause.dep_ == "ccomp" else []
    verbs += [c for c in trigger.children if c.dep_ in {"parataxis", "ccomp"}]
    for verb in verbs:
        if verb.lemma_.lower() in _SPEECH:
            return next((c for c in verb.children if c.dep_ == "nsubj"), None) or verb
    return None


def _not_committed(mention: Mention, actor: tuple[Actor, ...], speakers: Collection[str]) -> bool:
    """An announced act that is no one's commitment: the terms of a deal ("under the plan, X would ..."), a
    "would" that no speech of the actor's reports ("X would free them in stages"), or one reported by a third
    party ("X would free them, mediators said"; ``speakers``: the actor codes of the reporter's words)."""
    trigger = mention.trigger
    if any(c.dep_ == "prep" and c.lower_ == "under" and any(g.lemma_.lower() in _TERMS for g in c.children)
           for c in trigger.children):
        return True
    said_by = reporter(mention)
    if said_by is None:
        return mention.modality == "modal:would"
    if said_by.pos_ in {"VERB", "AUX"} or said_by.lower_ in _PRONOUNS:
        return False
    codes = {a.country for a in actor}
    if speakers:
        return not codes & set(speakers)
    return said_by.lemma_.lower() in _THIRD_PARTY


def commitment(mention: Mention, actor: tuple[Actor, ...], speakers: Collection[str] = ()) -> str | None:
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
    if mention.modality not in _COMMITTING or mention.negated or _not_committed(mention, actor, speakers):
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
        if node.head == node:
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


# "has been shelled almost daily", "have repeatedly struck": a habit of the war, not the day's news
_HABITUAL = {"daily", "nightly", "repeatedly", "regularly", "frequently", "often", "constantly", "routinely",
             "continually", "persistently", "incessantly"}
_MEMORIAL = {"anniversary", "commemoration", "memory", "remembrance", "memorial", "anniversaries"}
# a clause of the news event told in the past perfect for its sequence ("after the drone had hit the house")
_SEQUENCE_MARKS = {"after", "when", "before", "once", "until", "as", "because", "while"}
_OWN_CLAUSE = {"xcomp", "conj", "dobj", "pobj", "prep", "compound", "amod", "nsubj", "nsubjpass"}


def narrative_past(mention: Mention, *, past_perfect: bool = False) -> str | None:
    """Why the narrative places the mention before the news (background), not by a cue word but by how it is
    told: inside a "since" clause or phrase ("since Russian troops seized the dam"); under an anniversary
    ("marks the anniversary of the strike"); in the past perfect of the narrative, not of reported speech nor of
    a clause sequencing the news ("most had been captured", but not "said it had struck" or "after it had hit");
    a present perfect habit ("has been shelled almost daily"). None when the mention is told as news.
    ``past_perfect`` turns the past perfect reading on. The coder applies "since", "anniversary" and "past
    perfect" (not to meetings) and only shows "habitual" in ``warwatch explain``: on the corpus dev split the
    habit reading drops reiterated statements that labellers count as news ("has repeatedly rejected")."""
    trigger = mention.trigger
    node = trigger
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in node.children) or (
                node.dep_ == "pobj" and node.head.lower_ == "since"):
            return "since"
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in _MEMORIAL:
            return "anniversary"
        if node.dep_ not in _OWN_CLAUSE or node.head == node:
            break
        node = node.head
    if trigger.pos_ not in {"VERB", "AUX"}:
        return None
    auxes = [c for c in trigger.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.lower_ in {"has", "have"} for c in auxes) and any(
            c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in trigger.children):
        return "habitual"
    if not past_perfect or not any(c.lower_ == "had" and c.dep_ == "aux" for c in auxes) or trigger.tag_ != "VBN":
        return None
    clause = trigger
    while clause.dep_ in {"conj", "xcomp"} and clause.head != clause:
        clause = clause.head
    if clause.dep_ in {"relcl", "acl"} or (clause.dep_ == "advcl" and any(
            c.dep_ in {"mark", "advmod"} and c.lower_ in _SEQUENCE_MARKS for c in clause.children)):
        return None
    if any(a.lemma_.lower() in _SPEECH for a in clause.ancestors):
        return None  # "the ministry said its forces had destroyed ...": reported speech shifts its tense
    if any(c.dep_ in {"parataxis", "ccomp"} and c.lemma_.lower() in _SPEECH for c in clause.children):
        return None  # "Its forces had destroyed the depot, the ministry said"
    return "past perfect"


_VETO_PROBABILITY = 0.05  # a weak trigger needs a fair chance from the classifier (17 classes)
_VETO_RANK = 5


def clause_act(mention: Mention) -> bool:
    """The act is told by a finite verb with a subject, in the sentence's main clause or in a reported clause
    ("troops detained 17 men", "officials said 17 men were detained", "they seized the depot and freed the
    guards"), not by a gerund, an infinitive, a modifier or a formula with no subject ("accused Rwanda of backing
    the rebels", "plans to release them", "the released prisoners", "the militants who seized the station",
    "Thank you, Vladimir")."""
    trigger = mention.trigger
    if trigger.pos_ not in {"VERB", "AUX"} or trigger.tag_ in {"VBG", "VB"}:
        return False
    chain = [trigger]  # "stormed the camp and detained 17": the coordinated verbs share a subject and auxiliary
    while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
    if chain[-1].dep_ not in {"ROOT", "ccomp"}:
        return False
    deps = {c.dep_ for verb in chain for c in verb.children}
    # a participle with no auxiliary is a reduced relative the parser took for a clause ("and soldiers detained
    # during the battle")
    return bool(deps & {"nsubj", "nsubjpass"}) and (trigger.tag_ != "VBN" or bool(deps & {"aux", "auxpass"}))


def vetoable(mention: Mention) -> bool:
    """Weak triggers of conflictual and verbal categories are put to the classifier. Cooperative ones are
    not: the synthetic training labels confuse AGREE, AID, SUPPORT and CONCEDE (GSR accuracy 0.37 overall)."""
    return not mention.strong and mention.category not in FRIENDLY


def classifier_agrees(proba: dict[str, float], category: str) -> bool:
    """The second layer: a weak trigger stands when the classifier gives its category a fair chance."""
    ranked = sorted(proba, key=proba.__getitem__, reverse=True)
    return proba.get(category, 0.0) >= _VETO_PROBABILITY or category in ranked[:_VETO_RANK]
