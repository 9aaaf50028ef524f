"""Roles: the actor, recipient and claimant of an event mention, read off the dependency parse.

``Kyiv said Russian drones hit Odesa`` -> actor RUS (the modifier of the subject), claimed by UKR
(the subject of the speech verb above the event). Passive agents (``hit by Russian missiles``),
possessives (``Russia's attack``), objects and ``on/against/at/with`` arguments are read too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from ..models import Actor
from .actors import ActorMention, is_state_code, sector_of
from .events import Mention
from .patterns import load_patterns
from .phrases import (
    ENGAGE_VERBS,
    PRONOUNS,
    SPEECH_VERBS,
    actors_in,
    clause_subject_of,
    governing_verb,
    is_backed,
    last_person,
    named_actors,
    phrase_of,
    prep_objects,
    speaker_of,
    subject_of,
    titled_antecedent,
)
from .speakers import RoleContext, armed_agent_actor, article_government, unnamed_actor

__all__ = ["RoleContext", "Roles", "article_government", "find_roles", "named_speaker"]
_RECIPIENT_PREPS = {"on", "against", "at", "into", "upon", "toward", "towards"}
_WEAPON_HEADS = {"drone", "missile", "rocket", "strike", "attack", "shelling", "force", "troop", "jet", "warplane",
                 "bomb", "airstrike", "artillery", "uav", "army", "military", "soldier", "barrage", "raid", "fire"}
_PEOPLE_HEADS = {"soldier", "troop", "force", "army", "military", "serviceman", "officer"}
_SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "RETREAT"}


@dataclass(frozen=True, slots=True)
class Roles:
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    claimed_by: tuple[Actor, ...]
    rule: str


def _mobilizer(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """Who mobilises forces that a sentence names without an agent: the forces' own country ("Russian troops
    were deployed", "the deployment of Russian troops"), or the subject of the verb that puts forces on alert
    ("India placed its units on high alert")."""
    forces = [c for c in trigger.children if c.dep_ == "nsubjpass"] + prep_objects(trigger, {"of"})
    found = [a for tok in forces for a in actors_in(phrase_of(tok), by_token)]
    if found or trigger.pos_ != "NOUN":
        return found
    node = trigger
    while node.dep_ in {"pobj", "prep"} and node.head != node:
        node = node.head
    subject = subject_of(node) if node != trigger and node.pos_ in {"VERB", "AUX"} else None
    return actors_in(phrase_of(subject), by_token) if subject is not None else []


# Nominal triggers whose "of" phrase names what is acted on, not who acts ("a protest of farmers" acts).
_OF_TARGET = {"SANCTION", "REJECT", "ACCUSE", "REQUEST"}


# Statements of an act aimed at someone: the recipient may be named only in the act stated.
_AIMED_ACTS = {"THREATEN", "REQUEST", "PROTEST", "REJECT", "SANCTION", "COERCE", "MOBILIZE"}


# Promises and offers: only the act promised ("offered to hand the suspects over to Britain", "is willing to
# withdraw its troops from Lebanon"), not a purpose ("agreed a package to support Ukraine's integration").
_PROMISED_ACTS = {"AGREE", "SUPPORT", "AID", "RETREAT", "CONCEDE", "COOPERATE", "CONSULT"}


def _complement_recipients(trigger: Token, by_token: Mapping[int, ActorMention], promised: bool = False) -> list[Actor]:
    """The party a stated act is aimed at when the trigger's own arguments name none: the subject of its
    condition ("threatened to resume the offensive unless Baghdad accepts"), else the subject of the act
    demanded ("demanded that Washington cancel the sale") or the objects of the act threatened, refused or
    protested ("threatened to cut ties with Russia", "refused to negotiate with Moscow", "began a hunger strike
    to protest against Sweden's decision", "a strike in protest at Britain's decision")."""
    heads = [trigger]
    verb = governing_verb(trigger) if trigger.pos_ not in {"VERB", "AUX"} else None
    if verb is not None:
        heads.append(verb)  # "began a hunger strike to protest ...": the purpose hangs on the verb
    deps = {"xcomp"} if promised else {"xcomp", "ccomp", "advcl", "acl"}
    heads += [c for h in heads for c in h.children if c.dep_ == "acomp"]  # "is willing to withdraw"
    clauses = [c for h in heads for c in h.children if c.dep_ in deps and c.pos_ in {"VERB", "AUX"}]
    clauses += [c for clause in clauses for c in clause.children  # "threatened to ban the vote if Hamas runs"
                if c.dep_ == "advcl" and c.pos_ in {"VERB", "AUX"}]
    marks = {c.i: {m.lower_ for m in c.children if m.dep_ == "mark"} for c in clauses}
    conditions = [c for c in clauses if marks[c.i] & _words("CONDITION_MARKS")]
    found = [a for c in conditions for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}
             for a in actors_in(phrase_of(s), by_token)]
    if found:
        return found
    preps = set(_words("COMPLEMENT_PREPS"))
    for clause in clauses:
        if clause in conditions or marks[clause.i] - {"to", "that"}:
            continue  # "after", "because", "when": a circumstance, not the act aimed
        args = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
        args += [c for c in clause.children if c.dep_ in {"dobj", "dative"}] + prep_objects(clause, preps)
        found += [a for tok in args for a in actors_in(phrase_of(tok), by_token)]
    for protest in (o for h in heads for o in prep_objects(h, {"in"})):
        if protest.lemma_.lower() in _words("PROTEST_NOUNS"):  # "in protest against the arrest of ..."
            found += [a for tok in prep_objects(protest, preps | {"of"}) for a in actors_in(phrase_of(tok), by_token)]
    return found


def _harmed(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"A roadside bombing killed two U.S. soldiers", "the strike destroyed a Russian depot": the victims of an
    attack named as the subject of a verb of harm are its recipient."""
    verb = trigger.head
    if trigger.dep_ != "nsubj" or verb.lemma_.lower() not in _words("HARMING"):
        return []
    return [a for c in verb.children if c.dep_ in {"dobj", "conj"} for a in actors_in(phrase_of(c), by_token)]


_TARGETING = {"target", "aim", "hit", "strike"}


def _targeted(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"launched missiles targeting several Chilean towns", "carried out drone strikes targeting the port of
    Lima", "launched an operation, targeting camps in Peru": the object of a targeting participle on the attack,
    on what it launched, or on the verb it is the object of is the attack's recipient."""
    holders = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
    holders += [o for h in holders[1:] for o in prep_objects(h, {"of"})]  # "dozens of missiles targeting"
    if trigger.dep_ == "dobj":
        holders.append(trigger.head)
    parts = [c for h in holders for c in h.children if c.dep_ in {"acl", "advcl", "xcomp"} and c.tag_ == "VBG"
             and c.lemma_.lower() in _TARGETING]
    found = [a for p in parts for o in p.children if o.dep_ == "dobj" for a in actors_in(phrase_of(o), by_token)]
    # "targeting camps in Peru": where the unnamed targets are
    return found or [a for p in parts for o in prep_objects(p, {"in", "inside"})
                     for a in actors_in(phrase_of(o), by_token)]


def _modifier_actors(sentence_tokens: Iterable[Token], by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """Demonyms and possessives on weapon or attack nouns: "Russian drones", "Russia's strike"."""
    found: list[Actor] = []
    for token in sentence_tokens:
        if token.lemma_.lower() not in _WEAPON_HEADS:
            continue
        if token.lemma_.lower() in _PEOPLE_HEADS and token.dep_ in {"dobj", "nsubjpass", "pobj"}:
            continue  # "killed one U.S. soldier": the victims' side, not the attacker
        mods = [c for c in token.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
        for mod in mods:
            for inner in phrase_of(mod):
                mention = by_token.get(inner.i)
                if mention and mention.kind in {"demonym", "country", "group", "metonym"}:
                    found.append(mention.actor(sector_of([token])))
    return found


def _base_of(subject: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"A group based in Trinidad", "a newspaper based in Beirut": an unnamed body belongs to its base."""
    bases = [c for c in subject.children if c.dep_ == "acl" and c.lemma_.lower() == "base"]
    return [a for b in bases for tok in prep_objects(b, {"in"}) for a in actors_in(phrase_of(tok), by_token)][:1]


def _unique(actors: Iterable[Actor], exclude: set[str] | None = None) -> tuple[Actor, ...]:
    seen: set[str] = set(exclude or ())
    out = []
    for actor in actors:
        if actor.country and actor.country not in seen:
            seen.add(actor.country)
            out.append(actor)
    return tuple(out)


# Subjects that are people or bodies of some country, unnamed or unknown to the dictionary: a titled person
# ("President Levy Mwanawasa", "Judge Alejandro Rivera"), a domestic body ("riot police", "the parliament"),
# or a crowd in a protest ("thousands of protesters").
_TITLES = {"president", "minister", "premier", "chancellor", "king", "queen", "emir", "sheikh", "prince",
           "governor", "mayor", "judge", "general", "commander", "secretary", "spokesman", "spokeswoman",
           "spokesperson", "ambassador", "envoy", "dictator", "leader", "chief", "prosecutor", "senator"}
_BODIES = {"police", "court", "judge", "parliament", "legislature", "assembly", "senate", "congress",
           "opposition", "union", "party", "junta", "cabinet", "tribunal", "prosecutor"}
_CROWDS = {"protester", "demonstrator", "activist", "student", "worker", "farmer", "supporter", "crowd",
           "thousand", "hundred", "people", "resident", "youth", "teacher", "doctor", "miner"}
_CROWD_CATEGORIES = {"PROTEST", "REQUEST", "REJECT", "ACCUSE", "THREATEN"}


def _domestic_subject(phrase: list[Token], category: str) -> bool:
    lemmas = {t.lemma_.lower() for t in phrase}
    head = min(phrase, key=lambda t: len(list(t.ancestors)))
    if head.tag_ in {"NNS", "NNPS"} and head.lemma_.lower() in _TITLES:
        return False  # "the two leaders", "the presidents": several people, not one country
    titled = bool(lemmas & _TITLES) and any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in phrase)
    body = head.lemma_.lower() in _BODIES
    crowd = category in _CROWD_CATEGORIES and (bool(lemmas & _CROWDS) or (
        head.ent_type_ == "NORP" and head.tag_ in {"NNS", "NNPS"}))
    return titled or body or crowd


def _participants(noun: Token) -> Token | None:
    """"Heads of State participating in the meeting": the noun a participle modifies takes part."""
    prep = noun.head if noun.dep_ == "pobj" else None
    verb = prep.head if prep is not None and prep.dep_ == "prep" else None
    if verb is not None and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return None


_PREVIOUS_SENTENCES = 3


def _previous_subject(pronoun: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"They" / "it" with no speaker: the actor named in the subject of one of the previous sentences."""
    doc = pronoun.doc
    sentence = pronoun.sent
    for _ in range(_PREVIOUS_SENTENCES):
        if sentence.start == 0:
            return []
        sentence = doc[sentence.start - 1].sent
        subjects = [t for t in sentence if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ != "PRON"]
        for subject in subjects:
            found = actors_in(list(subject.subtree), by_token)
            if found:
                return found[:1]
    return []


def _domestic_actor(trigger: Token, category: str, by_token: Mapping[int, ActorMention],
                    recipient: list[Actor]) -> Actor | None:
    """An unnamed or unknown domestic actor ("President Levy Mwanawasa", "Liberian riot police",
    "thousands of protesters in Lagos") belongs to the country the sentence is about: the first country,
    demonym or capital of the sentence that is not the recipient, else the recipient itself when it is the
    sentence's only country (a government acting at home). None when the subject is no such phrase."""
    subject = clause_subject_of(trigger)
    if subject is not None and subject.pos_ == "PRON":
        subject = speaker_of(trigger)  # "the party said it will boycott the elections"
    if subject is None:
        passive = any(c.dep_ == "nsubjpass" for c in trigger.children) and not prep_objects(trigger, {"by"})
        if not (passive and category in {"COERCE", "SANCTION"}):
            return None
        # "a missionary was arrested in Lebanon": the authorities of the place arrest
        places = [by_token.get(t.i) for t in prep_objects(trigger, {"in"})]
        found = next((m for m in places if m is not None and is_state_code(m.code)), None)
        return Actor(name="authorities", country=found.code, sector="GOV") if found is not None else None
    phrase = phrase_of(subject)
    if not _domestic_subject(list(subject.subtree) if len(phrase) < 8 else phrase, category):
        return None
    sentence = trigger.sent
    countries: list[ActorMention] = []
    for token in sentence:
        mention = by_token.get(token.i)
        if mention is not None and token.i == mention.start and is_state_code(mention.code) \
                and mention.kind in {"country", "demonym", "metonym"} \
                and mention not in countries and not is_backed(token.doc[mention.end - 1]):
            countries.append(mention)
    if not countries:
        return None
    taken = {a.country for a in recipient}
    sector = sector_of(phrase)
    for mention in countries:
        if mention.code not in taken:
            return Actor(name=" ".join(t.text for t in phrase), country=mention.code, sector=sector)
    if len({m.code for m in countries}) == 1:
        return Actor(name=" ".join(t.text for t in phrase), country=countries[0].code, sector=sector)
    return None


# prepositions by which a document frames a clause: "in a statement condemning the strike, Kenya called for ..."
_FRAMING_PREPOSITIONS = {"in", "through", "via", "with"}


def _words(name: str) -> frozenset[str]:
    """A named word set of data/patterns/wordsets.json: DRAWING (a reaction a deed "drew" from someone), DOCUMENTS
    (documents that act for their issuer), ISSUING (verbs whose subject issues the document that is their
    object), REPORTING (verbs that report what a speaker holds, beyond the speech verbs), NOT_SPOKEN (triggers
    of the statement categories that are no statement: "the army is investigating" accuses no one yet)."""
    return load_patterns().words.sets[name]


_JUDGING = {"ACCUSE", "REJECT", "SUPPORT"}


def _judging(verb: Token) -> bool:
    """A verb that judges what its object did ("Chile condemned the attack", "Iran backed the strike"): its
    subject is not the attacker of the attack it names."""
    pattern = load_patterns().table("verb", verb.lemma_.lower())
    return pattern is not None and pattern.category in _JUDGING


def subject_is_document(trigger: Token) -> bool:
    """"A resolution condemning the annexation": the trigger is a participle on a document noun."""
    return trigger.dep_ == "acl" and trigger.head.lemma_.lower() in _words("DOCUMENTS") and trigger.tag_ == "VBG"


def _issuer(document: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """Who issued a document: its own modifiers ("a UN resolution"), the subject or agent of the verb it is
    the object of ("the assembly passed a resolution", "a statement issued by the ministry"), or the subject
    of the clause it frames ("In a statement condemning the strike, Kenya called for ...")."""
    found = actors_in(phrase_of(document), by_token)
    if found:
        return found
    verbs = [c for c in document.children if c.dep_ == "acl" and c.tag_ == "VBN"]  # "a statement issued by"
    found = [a for v in verbs for tok in prep_objects(v, {"by"}) for a in actors_in(phrase_of(tok), by_token)]
    if found:
        return found
    node = document
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        node = node.head
    # only a verb of issuing makes its subject the issuer ("passed a resolution"), not one of voting on it or
    # blocking it ("vetoed a resolution condemning", "abstained in the vote on the resolution"); a document
    # that frames the clause ("in a statement condemning ..., Kenya called for") speaks for the clause's subject
    framing = node.dep_ == "prep" and node.lower_ in _FRAMING_PREPOSITIONS
    issuing = node.dep_ in {"dobj", "nsubjpass"} and node.head.lemma_.lower() in _words("ISSUING")
    if (framing or issuing) and node.head.pos_ in {"VERB", "AUX"}:
        verb = node.head
        agents = prep_objects(verb, {"by"})
        if agents:
            return [a for tok in agents for a in actors_in(phrase_of(tok), by_token)]
        subject = subject_of(verb)
        if subject is not None:
            return actors_in(phrase_of(subject), by_token)
    return []


def _reported_subject(speech: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """The accused of an accusation told as reported speech: the subject of the reported clause ("said Moscow
    was behind the blast", "said the Russian strike was barbaric"), or whom responsibility "lies with"."""
    found: list[Actor] = []
    for clause in (c for c in speech.children if c.dep_ == "ccomp"):
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
        found += [a for tok in subjects for a in actors_in(phrase_of(tok), by_token)]
        found += [a for tok in prep_objects(clause, {"with"}) for a in actors_in(phrase_of(tok), by_token)]
    return found


_STATEMENTS = {"ACCUSE", "REJECT"}
_ANTECEDENT_ONLY = {"REQUEST", "SUPPORT", "SANCTION", "THREATEN"}
_PERSON_PRONOUNS = {"he", "she"}


def _pronoun_antecedent(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"He accused ...", "it denied ...": a pronoun subject of a statement names the last person the article
    named before it ("he", "she", within ~150 tokens), or the actor in the subject of one of the previous
    sentences ("it", "they")."""
    subject = clause_subject_of(trigger)
    if subject is None or subject.pos_ != "PRON":
        return []
    word = subject.lower_
    if word in _PERSON_PRONOUNS:
        person = last_person(subject, by_token)
        return [person.actor(person.sector or "GOV")] if person is not None else []
    if word in {"it", "they"}:
        return _previous_subject(subject, by_token)
    return []


def named_speaker(mention: Mention) -> bool:
    """A statement whose subject is someone the text names, even when no country can be given: a noun phrase
    ("the ministry", "protesters") or, for an accusation, a pronoun ("he accused ...")."""
    trigger = mention.trigger
    if trigger.pos_ not in {"VERB", "AUX"} or mention.category not in _STATEMENTS:
        return False
    if trigger.lemma_.lower() in _words("NOT_SPOKEN"):
        return False
    # the speaker: a passive's agent ("is accused by rights groups of"), else the clause's subject, also across
    # a coordinated verb or a participle ("defended the raid and blamed the rebels", "said so, blaming the rebels")
    agents = [obj for by in trigger.children if by.dep_ == "agent" for obj in by.children if obj.dep_ == "pobj"]
    subject = agents[0] if agents else subject_of(trigger)
    if subject is None or subject.dep_ == "csubj" or subject.lemma_.lower() in _WEAPON_HEADS:
        return False  # "a rocket slammed into the field": a thing, no speaker
    if subject.lemma_.lower() in _words("GENERIC_SPEAKERS"):
        return False  # "the international community condemned", "Western nations have denounced": no one in particular
    if subject.lemma_.lower() in _words("PROPOSALS"):
        return False  # "the resolution condemning the coup": a text put to a vote speaks only once adopted
    return subject.pos_ in {"PROPN", "NOUN"} or (mention.category == "ACCUSE" and subject.pos_ == "PRON"
                                                   and subject.lower_ not in {"this", "that", "which", "who"})


_STOPPED_IN_FLIGHT = {"intercept", "shoot", "down"}


def _intercepted(trigger: Token) -> list[Token]:
    """The projectiles an interception verb stops ("air defences shot down 20 Ukrainian drones", "two missiles were
    intercepted"): its objects that name a drone, missile or rocket (word sets INTERCEPTING, PROJECTILES)."""
    lemma = trigger.lemma_.lower()
    if trigger.pos_ not in {"VERB", "AUX"} or lemma not in _words("INTERCEPTING"):
        return []
    if lemma == "shoot" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in trigger.children):
        return []
    projectiles = _words("PROJECTILES")
    # "all 10 of them were shot down": only what flies is shot down or intercepted
    pronoun_ok = lemma in _STOPPED_IN_FLIGHT
    return [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}
            and (any(t.lemma_.lower() in projectiles for t in phrase_of(c))
                 or (pronoun_ok and any(t.pos_ == "PRON" for t in c.subtree)))]


def _interception_roles(trigger: Token, projectiles: list[Token], by_token: Mapping[int, ActorMention]) -> Roles:
    """An interception is part of the attack it stops (CONTRACT: "the ministry said Ukrainian drones were shot down"
    only sets the attack's actor): the attacker is the projectiles' owner, if named; the defender (the verb's subject
    or agent) is the attacked side."""
    owner = _unique(a for tok in projectiles for a in actors_in(phrase_of(tok), by_token))
    defenders = prep_objects(trigger, {"by"}) or [c for c in trigger.children if c.dep_ == "nsubj"]
    codes = {a.country for a in owner if a.country}
    defended = _unique((a for tok in defenders for a in actors_in(phrase_of(tok), by_token)), codes)
    return Roles(owner, defended, (), "interception: the projectiles' owner")


def _summoner(verb: Token, envoy: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"The Turkish ambassador was summoned to the Iraqi foreign ministry": whoever summons an envoy with no
    agent named is the government of the ministry the envoy was summoned to. Not the envoy's posting: an envoy
    "summoned for consultations" is called home by their own government."""
    if envoy.lemma_.lower() not in _words("ENVOYS"):
        return []
    own = {a.country for a in actors_in(phrase_of(envoy), by_token)}
    found = [a for place in prep_objects(verb, {"to"}) for a in actors_in(phrase_of(place), by_token)
             if is_state_code(a.country or "") and a.country not in own]
    return found[:1]


def find_roles(mention: Mention, by_token: Mapping[int, ActorMention], context: RoleContext | None = None) -> Roles:
    trigger = mention.trigger
    if mention.category == "ASSAULT" and (projectiles := _intercepted(trigger)):
        return _interception_roles(trigger, projectiles, by_token)
    actor: list[Actor] = []
    recipient: list[Actor] = []
    left: list[Actor] = []  # the side a retreat leaves: a recipient only, even of a symmetric retreat
    rule = ""
    is_verb = trigger.pos_ in {"VERB", "AUX"} or trigger.tag_ == "VBN"
    if is_verb:
        passive_subject = [c for c in trigger.children if c.dep_ == "nsubjpass"]
        if mention.rule == "adj:committed to":  # "Vietnam is committed to opening up": the committed one acts
            actor = [a for tok in passive_subject for a in actors_in(phrase_of(tok), by_token)]
            passive_subject, rule = [], "committed subject"
        agents = prep_objects(trigger, {"by"})
        if agents and not actor:
            actor = [a for tok in agents for a in actors_in(phrase_of(tok), by_token)]
            rule = "agent"
        if not actor:
            subject = subject_of(trigger)
            if subject is not None:
                actor = named_actors(subject, by_token) or _base_of(subject, by_token)
                rule = "subject"
                if not actor and subject.pos_ == "PRON" and subject.lower_ in PRONOUNS:
                    speaker = speaker_of(trigger)  # "Russia said it had launched": it is the speaker
                    if speaker is not None:
                        actor = named_actors(speaker, by_token)
                        rule = "subject pronoun = speaker"
                    if not actor and subject.lower_ == "they" and subject.head.dep_ in {"ROOT", "conj"}:
                        actor = _previous_subject(subject, by_token)  # "They welcomed Finland ..."
                        rule = "subject pronoun = previous subject"
        if not actor and not agents and passive_subject and trigger.lemma_.lower() in _words("SUMMONING"):
            actor, rule = _summoner(trigger, passive_subject[0], by_token), "summoner"
        if not actor and any(c.dep_ == "expl" for c in trigger.children):
            speaker = speaker_of(trigger)  # "Norway said there would be no talks": the speaker rules them out
            if speaker is not None:
                actor, rule = named_actors(speaker, by_token), "existential = speaker"
        if not actor and subject_is_document(trigger):
            actor = _issuer(trigger.head, by_token)  # "the assembly passed a resolution condemning ..."
            rule = "issuer of the document"
        objects = [c for c in trigger.children if c.dep_ in {"dobj", "dative"}] + passive_subject
        if mention.category == "CONSULT" and trigger.lemma_.lower() in _words("TOPIC_VERBS"):
            # "the leaders discussed Israel's operations against Hamas": what is discussed is the topic, not a party
            # (the parties are the subject and "with" whom)
            topics = [c for c in objects if c.dep_ in {"dobj", "nsubjpass"}]
            # ... but "discussed the blockade with his Peruvian counterpart": the parser may hang the partner on it
            objects = [c for c in objects if c not in topics] + [o for t in topics for o in prep_objects(t, {"with"})]
        objects += prep_objects(trigger, _RECIPIENT_PREPS | ({"with"} if mention.category in _SYMMETRIC else set()))
        objects += [o for p in trigger.children if p.dep_ == "prt" and p.lower_ == "up"
                    for o in prep_objects(p, {"to"})]  # "kidnapped up to 16 Russian advisers"
        if mention.category in {"REQUEST", "ACCUSE", "SANCTION", "THREATEN", "REJECT", "SUPPORT", "AID", "MOBILIZE"}:
            objects += prep_objects(trigger, {"to", "for", "of"} if mention.category != "ACCUSE" else set())
        if mention.category == "RETREAT":  # "withdrew its troops from Lebanon": Lebanon is left, not a party
            left = [a for tok in prep_objects(trigger, {"from"}) for a in actors_in(phrase_of(tok), by_token)]
        recipient = [a for tok in objects for a in actors_in(phrase_of(tok), by_token)]
        reporting = SPEECH_VERBS | _words("REPORTING")
        if mention.category == "ACCUSE" and not recipient and trigger.lemma_.lower() in reporting:
            recipient = _reported_subject(trigger, by_token)  # "Kyiv said Moscow was behind the blast"
    else:
        mods = [c for c in trigger.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
        actor = [a for tok in mods for a in actors_in(phrase_of(tok), by_token)]
        sources = {"by"} if mention.category == "RETREAT" else {"by", "from"}  # "a withdrawal from Cambodia"
        actor += [a for tok in prep_objects(trigger, sources) for a in actors_in(phrase_of(tok), by_token)]
        if not actor:  # "an airstrike carried out by the army", "an attack launched by the rebels"
            actor = [a for acl in trigger.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                     and acl.lemma_.lower() in _words("PERFORMING_PARTICIPLES")
                     for tok in prep_objects(acl, {"by"}) for a in actors_in(phrase_of(tok), by_token)]
        rule = "modifier"
        if not actor:
            participants = _participants(trigger)
            if participants is not None:  # "leaders participating in the meeting issued ..."
                actor = actors_in(phrase_of(participants), by_token)
                rule = "participants"
        verb = governing_verb(trigger)
        if not actor and verb is not None and verb.lemma_.lower() in _words("DRAWING"):
            # "the strike drew condemnation from Egypt": the critic is the source, the subject the criticised
            actor = [a for tok in prep_objects(verb, {"from"}) for a in actors_in(phrase_of(tok), by_token)]
            drawn = subject_of(verb)
            if actor and drawn is not None:
                recipient = actors_in(phrase_of(drawn), by_token)
            rule = "source of drawn reaction"
        if not actor and verb is not None and verb.lemma_.lower() not in _words("DRAWING") and not (
                mention.category == "ASSAULT" and _judging(verb)):
            subject = subject_of(verb)
            if subject is None and verb.lemma_.lower() in ENGAGE_VERBS:  # "forces were engaged in ..."
                subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                actor = named_actors(subject, by_token)
                rule = "subject of light verb"  # "the EU adopted a package of sanctions"
            elif any(c.dep_ == "agent" for c in verb.children):
                actor = [a for tok in prep_objects(verb, {"by"}) for a in actors_in(phrase_of(tok), by_token)]
                rule = "agent of light verb"
        targets = prep_objects(trigger, _RECIPIENT_PREPS | {"with", "between"})
        if mention.category in _SYMMETRIC:
            targets += prep_objects(trigger, {"between"})
        if mention.category in _OF_TARGET:  # "the rejection of Ukraine's peace plan", "a suspension of links with"
            targets += prep_objects(trigger, {"of"})
        if mention.category == "RETREAT":  # "the withdrawal (of its forces) from Panama"
            left = [a for n in (trigger, *prep_objects(trigger, {"of"})) for o in prep_objects(n, {"from"})
                    for a in actors_in(phrase_of(o), by_token)]
        if verb is not None and trigger.dep_ == "dobj" and trigger.head == verb:
            targets += prep_objects(verb, _RECIPIENT_PREPS)  # "opened an investigation against the officials"
        recipient = recipient or [a for tok in targets for a in actors_in(phrase_of(tok), by_token)]
    if not recipient and mention.category in _AIMED_ACTS | _PROMISED_ACTS:
        recipient = _complement_recipients(trigger, by_token, promised=mention.category in _PROMISED_ACTS)
    if not recipient and mention.category == "ASSAULT" and not is_verb:
        recipient = _harmed(trigger, by_token)
    if not recipient and mention.category == "ASSAULT":
        recipient = _targeted(trigger, by_token)
    if mention.rule == "verb:said X must":  # "Russia said Sudan must return the helicopter"
        speaker = speaker_of(trigger)
        said = actors_in(phrase_of(speaker), by_token) if speaker is not None else []
        if said:
            recipient, actor, rule = actor + recipient, said, "speaker demands of subject"
    if mention.rule == "noun:demand that" and not recipient:  # "its demand that Israel ease ...": of Israel
        clauses = [c for c in (*trigger.children, *trigger.head.children) if c.dep_ in {"acl", "ccomp"}]
        subjects = [s for c in clauses for s in c.children if s.dep_ == "nsubj"]
        recipient = [a for s in subjects for a in actors_in(phrase_of(s), by_token)]
    if mention.category == "MOBILIZE" and not actor:
        actor, rule = _mobilizer(trigger, by_token), rule + "+forces' owner"
    if mention.category == "ASSAULT" and not actor:
        actor = _modifier_actors(mention.sentence, by_token)
        rule = rule or "weapon modifier"
    claimed: list[Actor] = []
    speaker = speaker_of(trigger)
    if speaker is not None:
        claimed = named_actors(speaker, by_token)
    if not actor and mention.category != "ASSAULT":
        subject = clause_subject_of(trigger)
        antecedent = titled_antecedent(subject, by_token) if subject is not None else None
        if antecedent is not None:
            actor, rule = [antecedent], (rule or "-") + "+antecedent"
    if not actor and mention.category != "ASSAULT":
        domestic = _domestic_actor(trigger, mention.category, by_token, recipient)
        if domestic is not None:
            actor, rule = [domestic], (rule or "-") + "+domestic"
    if not actor and mention.category != "ASSAULT":
        unnamed = unnamed_actor(mention, by_token, context, recipient)
        if unnamed is not None:
            actor, rule = [unnamed[0]], (rule or "-") + "+" + unnamed[1]
    if not actor and mention.category == "ASSAULT":
        armed = armed_agent_actor(mention, by_token, context)
        if armed is not None:
            actor, rule = [armed[0]], (rule or "-") + "+" + armed[1]
    if not actor and mention.category in _STATEMENTS | _ANTECEDENT_ONLY:
        antecedent_actor = _pronoun_antecedent(trigger, by_token)
        if antecedent_actor:
            actor, rule = antecedent_actor, (rule or "-") + "+pronoun antecedent"
    if mention.category in _SYMMETRIC and not actor and len(recipient) > 1:
        actor, rule = recipient, rule + "+between"  # "talks between Kyiv and Moscow"
    if mention.category in _SYMMETRIC and actor:
        both = _unique(actor + recipient)
        return Roles(both, _unique([*both, *_other_parties(left, actor)]), _unique(claimed), rule + "+symmetric")
    actors = _unique(actor)
    return Roles(actors, _unique(_other_parties(recipient + left, actor)), _unique(claimed), rule)


def _other_parties(recipient: Iterable[Actor], actor: Iterable[Actor]) -> list[Actor]:
    """The recipients that are not the actor itself. One of the actor's country is another party when its
    sector differs: a domestic event ("police dispersed the protesters", "the opposition demanded that
    President Mugabe resign", "the president threatened to ban opposition candidates"); with the actor's own
    sector it is the actor read twice ("NATO allies support the Alliance's ...")."""
    own = {(a.country, a.sector or None) for a in actor}
    return [r for r in recipient if (r.country, r.sector or None) not in own]
