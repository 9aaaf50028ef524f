"""Roles: the actor, recipient and claimant of an event mention, read off the dependency parse.

``Kyiv said Russian drones hit Odesa`` -> actor RUS (the modifier of the subject), claimed by UKR
(the subject of the speech verb above the event). Passive agents (``hit by Russian missiles``),
possessives (``Russia's attack``), objects and ``on/against/at/with`` arguments are read too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..models import Actor
from .actors import STATE_SECTORS, ActorMention, AgentLexicon, is_state_code, sector_of
from .events import Mention
from .patterns import load_patterns

__all__ = ["RoleContext", "Roles", "article_government", "find_roles", "named_speaker"]

_CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "appos", "punct", "cc"}
_SPEECH = {"say", "tell", "announce", "add", "report", "claim", "state", "write", "post", "confirm", "note",
           "insist", "declare", "accuse", "blame", "allege", "warn"}
_RECIPIENT_PREPS = {"on", "against", "at", "into", "upon", "toward", "towards"}
_WEAPON_HEADS = {"drone", "missile", "rocket", "strike", "attack", "shelling", "force", "troop", "jet", "warplane",
                 "bomb", "airstrike", "artillery", "uav", "army", "military", "soldier", "barrage", "raid", "fire"}
_PEOPLE_HEADS = {"soldier", "troop", "force", "army", "military", "serviceman", "officer"}
_PRONOUNS = {"it", "they", "he", "she", "we"}
_SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE", "RETREAT"}


@dataclass(frozen=True, slots=True)
class RoleContext:
    """What roles may read beyond the sentence: the agent nouns, and the one country whose government the
    article is about (``article_government``), if any. ``offices``: give verbal events an unnamed office or a
    quotation's speaker as actor (settings.office_roles); the armed agents of an attack are read either way."""

    agents: AgentLexicon | None = None
    home: str | None = None
    offices: bool = True


@dataclass(frozen=True, slots=True)
class Roles:
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    claimed_by: tuple[Actor, ...]
    rule: str


def _phrase(token: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``token``, without its clauses. An apposition that hangs from a
    compound modifier is part of the name ("U.S. President Donald Trump and Russian President Vladimir Putin" parsed
    with Trump as an apposition of the first "President"): an apposition belongs to a phrase's head."""
    out: list[Token] = []
    stack = [token]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in _CLAUSE_DEPS or (
            c.dep_ == "appos" and node.dep_ == "compound"))
    out.sort(key=lambda t: t.i)
    return out


def _backed(token: Token) -> bool:
    """"Iran-backed militias": the sponsor is not the actor (vague attribution gives no actor)."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    after = doc[token.i + 2] if token.i + 2 < len(doc) else None
    if nxt is not None and nxt.lower_ in {"-backed", "backed", "-aligned", "-allied", "-linked", "-mediated",
                                           "-brokered"}:
        # "France backed the plan": the subject of the verb "backed" is the one who backs, no sponsor label
        return not (nxt.lower_ == "backed" and _subject_of_verb(token, nxt))
    # the sponsor or the mediator is not a party: "Iran-backed militias", "a UAE-mediated exchange"
    return bool(nxt is not None and nxt.text == "-" and after is not None
                and after.lower_ in {"backed", "aligned", "allied", "linked", "sponsored", "mediated", "brokered"})


def _subject_of_verb(token: Token, verb: Token) -> bool:
    """``token`` (or the phrase it ends) is the subject of ``verb``: "France backed the plan"."""
    node = token
    while node.dep_ in {"compound", "flat", "appos"} and node.head.i != node.i:
        node = node.head
    return node.dep_ in {"nsubj", "conj"} and verb.pos_ == "VERB" and verb.dep_ != "amod" and any(
        a.i == verb.i for a in node.ancestors)


_POSTED = {"envoy", "ambassador", "representative", "delegate", "delegation", "mission", "emissary"}


def _actors_in(tokens: Iterable[Token], by_token: Mapping[int, ActorMention]) -> list[Actor]:
    tokens = list(tokens)
    # "Kyiv's envoy to the UN": the posting is not the envoy's country
    posted = {g.i for t in tokens if t.lemma_.lower() in _POSTED for p in t.children
              if p.dep_ == "prep" and p.lower_ == "to" for g in p.subtree}
    tokens = [t for t in tokens if t.i not in posted]
    if not tokens:
        return []
    sector = sector_of(tokens)
    # the phrase's own head names the actor when it can ("Lebanese group Hezbollah" is HEZBOLLAH)
    head = min(tokens, key=lambda t: len(list(t.ancestors)))
    heads = [head] + [t for t in tokens if t.dep_ == "conj" and t.head in (head, *tokens)]
    if all(h.i in by_token for h in heads):
        tokens = [t for t in tokens if any(by_token.get(t.i) is by_token[h.i] for h in heads)]
    seen: set[str] = set()
    found: list[Actor] = []
    for token in tokens:
        mention = by_token.get(token.i)
        if mention is None or mention.code in seen or token.i != mention.start or _backed(doc_token(token, mention)):
            continue
        seen.add(mention.code)
        # a capital inside a noun phrase is a place ("blocks in Moscow"), not its government ("Moscow said")
        metonym_as_place = mention.kind == "metonym" and token.dep_ == "pobj"
        kind_sector = mention.sector if mention.kind in {"org", "group", "person", "metonym"} and not metonym_as_place \
            else None
        if metonym_as_place:
            found.append(Actor(name=mention.text, country=mention.code, sector=sector))
        else:
            found.append(mention.actor(kind_sector or sector))
    return found


def doc_token(token: Token, mention: ActorMention) -> Token:
    """The last token of an actor mention (where a "-backed" suffix would follow)."""
    return token.doc[mention.end - 1]


def _subject(verb: Token) -> Token | None:
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            return None
        for child in node.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return _past_dateline(child)
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in {"NOUN", "PROPN"}:
            return node.head  # "demonstrators protesting election results": the demonstrators protest
        if node.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acomp"} and node.head != node:
            node = node.head
            continue
        return None
    return None


_DASHES = {"—", "–", "-", "--"}
_DATELINE_TAGS = {"PROPN", "NUM", "PUNCT", "SPACE"}


def _past_dateline(subject: Token) -> Token:
    """The subject after a story's dateline that the parse took for a subject: "KYIV, Ukraine (AP) — Russian
    drones hit ..." (KYIV and "drones" are both subjects of "hit"), "NAIROBI (Reuters) – The leader of the region
    accused ..." (the leader is an apposition of NAIROBI). A dateline opens its line with names, a date and an
    agency, and ends with a dash; the subject itself when it is no dateline or nothing follows the dash."""
    dash = next((c for c in subject.children if c.dep_ == "punct" and c.text in _DASHES and c.i > subject.i), None)
    if dash is None:
        return subject
    doc = subject.doc
    opens_line = subject.i == subject.sent.start or "\n" in doc[subject.i - 1].text_with_ws
    if not opens_line or any(t.pos_ not in _DATELINE_TAGS for t in doc[subject.i:dash.i]):
        return subject
    after = [c for c in subject.head.children if c.dep_ in {"nsubj", "csubj"} and c.i > dash.i]
    after += [c for c in subject.children if c.dep_ == "appos" and c.i > dash.i]
    return min(after, key=lambda t: t.i) if after else subject


def _speaker(token: Token) -> Token | None:
    """The subject of the speech verb that reports ``token`` ("Kyiv said ... struck")."""
    node = token
    for _ in range(4):
        if node.head == node:
            return None
        if node.dep_ in {"ccomp", "conj", "advcl", "parataxis", "xcomp", "dobj", "nsubj", "acomp"} or \
                node.head.dep_ == "ROOT":
            head = node.head
            if head.lemma_.lower() in _SPEECH:
                for child in head.children:
                    if child.dep_ == "nsubj":
                        return child
                for child in head.children:  # "according to the ministry"
                    if child.lower_ == "according":
                        for grand in child.subtree:
                            if grand.dep_ == "pobj":
                                return grand
            node = head
            continue
        return None
    return None


_ENGAGE = {"engage", "involve", "participate", "join", "persist", "take"}
_GATHER = {"return", "arrive", "come", "go", "travel", "fly", "head", "gather", "convene", "assemble", "sit"}


def _governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of, through "a package of", "the start of" chains."""
    node = noun
    for _ in range(4):
        if node.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and node.head.pos_ in {"VERB", "AUX"}:
            return node.head
        if node.dep_ == "prep" and node.lower_ == "in" and node.head.lemma_.lower() in _ENGAGE:
            return node.head  # "Serb forces were engaged in ethnic cleansing"
        if node.dep_ == "prep" and node.head.pos_ == "VERB" and (node.lower_ == "as" or (
                node.lower_ == "for" and node.head.lemma_.lower() in _GATHER)):
            return node.head  # "held the villagers as human shields", "negotiators return to Geneva for talks"
        if node.dep_ in {"pobj", "prep", "conj", "appos", "compound"} and node.head != node:
            node = node.head
            continue
        return None
    return None


def _mobilizer(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """Who mobilises forces that a sentence names without an agent: the forces' own country ("Russian troops
    were deployed", "the deployment of Russian troops"), or the subject of the verb that puts forces on alert
    ("India placed its units on high alert")."""
    forces = [c for c in trigger.children if c.dep_ == "nsubjpass"] + _prep_objects(trigger, {"of"})
    found = [a for tok in forces for a in _actors_in(_phrase(tok), by_token)]
    if found or trigger.pos_ != "NOUN":
        return found
    node = trigger
    while node.dep_ in {"pobj", "prep"} and node.head != node:
        node = node.head
    subject = _subject(node) if node != trigger and node.pos_ in {"VERB", "AUX"} else None
    return _actors_in(_phrase(subject), by_token) if subject is not None else []


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


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
    verb = _governing_verb(trigger) if trigger.pos_ not in {"VERB", "AUX"} else None
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
             for a in _actors_in(_phrase(s), by_token)]
    if found:
        return found
    preps = set(_words("COMPLEMENT_PREPS"))
    for clause in clauses:
        if clause in conditions or marks[clause.i] - {"to", "that"}:
            continue  # "after", "because", "when": a circumstance, not the act aimed
        args = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
        args += [c for c in clause.children if c.dep_ in {"dobj", "dative"}] + _prep_objects(clause, preps)
        found += [a for tok in args for a in _actors_in(_phrase(tok), by_token)]
    for protest in (o for h in heads for o in _prep_objects(h, {"in"})):
        if protest.lemma_.lower() in _words("PROTEST_NOUNS"):  # "in protest against the arrest of ..."
            found += [a for tok in _prep_objects(protest, preps | {"of"}) for a in _actors_in(_phrase(tok), by_token)]
    return found


def _harmed(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"A roadside bombing killed two U.S. soldiers", "the strike destroyed a Russian depot": the victims of an
    attack named as the subject of a verb of harm are its recipient."""
    verb = trigger.head
    if trigger.dep_ != "nsubj" or verb.lemma_.lower() not in _words("HARMING"):
        return []
    return [a for c in verb.children if c.dep_ in {"dobj", "conj"} for a in _actors_in(_phrase(c), by_token)]


_TARGETING = {"target", "aim", "hit", "strike"}


def _targeted(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"launched missiles targeting several Chilean towns", "carried out drone strikes targeting the port of
    Lima", "launched an operation, targeting camps in Peru": the object of a targeting participle on the attack,
    on what it launched, or on the verb it is the object of is the attack's recipient."""
    holders = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
    holders += [o for h in holders[1:] for o in _prep_objects(h, {"of"})]  # "dozens of missiles targeting"
    if trigger.dep_ == "dobj":
        holders.append(trigger.head)
    parts = [c for h in holders for c in h.children if c.dep_ in {"acl", "advcl", "xcomp"} and c.tag_ == "VBG"
             and c.lemma_.lower() in _TARGETING]
    found = [a for p in parts for o in p.children if o.dep_ == "dobj" for a in _actors_in(_phrase(o), by_token)]
    # "targeting camps in Peru": where the unnamed targets are
    return found or [a for p in parts for o in _prep_objects(p, {"in", "inside"})
                     for a in _actors_in(_phrase(o), by_token)]


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
            for inner in _phrase(mod):
                mention = by_token.get(inner.i)
                if mention and mention.kind in {"demonym", "country", "group", "metonym"}:
                    found.append(mention.actor(sector_of([token])))
    return found


def _base_of(subject: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"A group based in Trinidad", "a newspaper based in Beirut": an unnamed body belongs to its base."""
    bases = [c for c in subject.children if c.dep_ == "acl" and c.lemma_.lower() == "base"]
    return [a for b in bases for tok in _prep_objects(b, {"in"}) for a in _actors_in(_phrase(tok), by_token)][:1]


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


def _clause_subject_of(trigger: Token) -> Token | None:
    if trigger.pos_ in {"VERB", "AUX"} or trigger.tag_ == "VBN":
        return _subject(trigger)
    verb = _governing_verb(trigger)
    if verb is None and trigger.dep_ in {"pobj"} and trigger.head.head.pos_ == "VERB":
        verb = trigger.head.head  # "converging for a rally", "went on strike"
    return _subject(verb) if verb is not None else None


_ANAPHORIC_TITLES = {"president", "minister", "chancellor", "premier", "leader", "king", "emir", "secretary"}
_ANTECEDENT_TOKENS = 150


def _titled_antecedent(subject: Token, by_token: Mapping[int, ActorMention]) -> Actor | None:
    """"The president later accused ...": a definite title with no name refers to the last person the
    article named (within the last ~150 tokens) whose kind is a person: that person's country."""
    if subject.lemma_.lower() not in _ANAPHORIC_TITLES or subject.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    mention = _last_person(subject, by_token)
    if mention is None:
        return None
    return Actor(name=f"{subject.text} ({mention.text})", country=mention.code, sector=mention.sector or "GOV")


def _last_person(token: Token, by_token: Mapping[int, ActorMention]) -> ActorMention | None:
    """The last person the article named before ``token``, within ~150 tokens: what "the president" or "he"
    refers to."""
    for i in range(token.i - 1, max(-1, token.i - _ANTECEDENT_TOKENS), -1):
        mention = by_token.get(i)
        if mention is not None and mention.kind == "person" and i == mention.start:
            return mention
    return None


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
            found = _actors_in(list(subject.subtree), by_token)
            if found:
                return found[:1]
    return []


def _domestic_actor(trigger: Token, category: str, by_token: Mapping[int, ActorMention],
                    recipient: list[Actor]) -> Actor | None:
    """An unnamed or unknown domestic actor ("President Levy Mwanawasa", "Liberian riot police",
    "thousands of protesters in Lagos") belongs to the country the sentence is about: the first country,
    demonym or capital of the sentence that is not the recipient, else the recipient itself when it is the
    sentence's only country (a government acting at home). None when the subject is no such phrase."""
    subject = _clause_subject_of(trigger)
    if subject is not None and subject.pos_ == "PRON":
        subject = _speaker(trigger)  # "the party said it will boycott the elections"
    if subject is None:
        passive = any(c.dep_ == "nsubjpass" for c in trigger.children) and not _prep_objects(trigger, {"by"})
        if not (passive and category in {"COERCE", "SANCTION"}):
            return None
        # "a missionary was arrested in Lebanon": the authorities of the place arrest
        places = [by_token.get(t.i) for t in _prep_objects(trigger, {"in"})]
        found = next((m for m in places if m is not None and is_state_code(m.code)), None)
        return Actor(name="authorities", country=found.code, sector="GOV") if found is not None else None
    phrase = _phrase(subject)
    if not _domestic_subject(list(subject.subtree) if len(phrase) < 8 else phrase, category):
        return None
    sentence = trigger.sent
    countries: list[ActorMention] = []
    for token in sentence:
        mention = by_token.get(token.i)
        if mention is not None and token.i == mention.start and is_state_code(mention.code) \
                and mention.kind in {"country", "demonym", "metonym"} \
                and mention not in countries and not _backed(token.doc[mention.end - 1]):
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
    found = _actors_in(_phrase(document), by_token)
    if found:
        return found
    verbs = [c for c in document.children if c.dep_ == "acl" and c.tag_ == "VBN"]  # "a statement issued by"
    found = [a for v in verbs for tok in _prep_objects(v, {"by"}) for a in _actors_in(_phrase(tok), by_token)]
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
        agents = _prep_objects(verb, {"by"})
        if agents:
            return [a for tok in agents for a in _actors_in(_phrase(tok), by_token)]
        subject = _subject(verb)
        if subject is not None:
            return _actors_in(_phrase(subject), by_token)
    return []


def _reported_subject(speech: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """The accused of an accusation told as reported speech: the subject of the reported clause ("said Moscow
    was behind the blast", "said the Russian strike was barbaric"), or whom responsibility "lies with"."""
    found: list[Actor] = []
    for clause in (c for c in speech.children if c.dep_ == "ccomp"):
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
        found += [a for tok in subjects for a in _actors_in(_phrase(tok), by_token)]
        found += [a for tok in _prep_objects(clause, {"with"}) for a in _actors_in(_phrase(tok), by_token)]
    return found


_STATEMENTS = {"ACCUSE", "REJECT"}
_ANTECEDENT_ONLY = {"REQUEST", "SUPPORT", "SANCTION"}
_PERSON_PRONOUNS = {"he", "she"}


def _pronoun_antecedent(trigger: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"He accused ...", "it denied ...": a pronoun subject of a statement names the last person the article
    named before it ("he", "she", within ~150 tokens), or the actor in the subject of one of the previous
    sentences ("it", "they")."""
    subject = _clause_subject_of(trigger)
    if subject is None or subject.pos_ != "PRON":
        return []
    word = subject.lower_
    if word in _PERSON_PRONOUNS:
        person = _last_person(subject, by_token)
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
    subject = agents[0] if agents else _subject(trigger)
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
            and (any(t.lemma_.lower() in projectiles for t in _phrase(c))
                 or (pronoun_ok and any(t.pos_ == "PRON" for t in c.subtree)))]


def _interception_roles(trigger: Token, projectiles: list[Token], by_token: Mapping[int, ActorMention]) -> Roles:
    """An interception is part of the attack it stops (CONTRACT: "the ministry said Ukrainian drones were shot down"
    only sets the attack's actor): the attacker is the projectiles' owner, if named; the defender (the verb's subject
    or agent) is the attacked side."""
    owner = _unique(a for tok in projectiles for a in _actors_in(_phrase(tok), by_token))
    defenders = _prep_objects(trigger, {"by"}) or [c for c in trigger.children if c.dep_ == "nsubj"]
    codes = {a.country for a in owner if a.country}
    defended = _unique((a for tok in defenders for a in _actors_in(_phrase(tok), by_token)), codes)
    return Roles(owner, defended, (), "interception: the projectiles' owner")


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
            actor = [a for tok in passive_subject for a in _actors_in(_phrase(tok), by_token)]
            passive_subject, rule = [], "committed subject"
        agents = _prep_objects(trigger, {"by"})
        if agents and not actor:
            actor = [a for tok in agents for a in _actors_in(_phrase(tok), by_token)]
            rule = "agent"
        if not actor:
            subject = _subject(trigger)
            if subject is not None:
                actor = _actors_in(_phrase(subject), by_token) or _base_of(subject, by_token)
                rule = "subject"
                if not actor and subject.pos_ == "PRON" and subject.lower_ in _PRONOUNS:
                    speaker = _speaker(trigger)  # "Russia said it had launched": it is the speaker
                    if speaker is not None:
                        actor = _actors_in(_phrase(speaker), by_token)
                        rule = "subject pronoun = speaker"
                    if not actor and subject.lower_ == "they" and subject.head.dep_ in {"ROOT", "conj"}:
                        actor = _previous_subject(subject, by_token)  # "They welcomed Finland ..."
                        rule = "subject pronoun = previous subject"
        if not actor and any(c.dep_ == "expl" for c in trigger.children):
            speaker = _speaker(trigger)  # "Norway said there would be no talks": the speaker rules them out
            if speaker is not None:
                actor, rule = _actors_in(_phrase(speaker), by_token), "existential = speaker"
        if not actor and subject_is_document(trigger):
            actor = _issuer(trigger.head, by_token)  # "the assembly passed a resolution condemning ..."
            rule = "issuer of the document"
        objects = [c for c in trigger.children if c.dep_ in {"dobj", "dative"}] + passive_subject
        objects += _prep_objects(trigger, _RECIPIENT_PREPS | ({"with"} if mention.category in _SYMMETRIC else set()))
        objects += [o for p in trigger.children if p.dep_ == "prt" and p.lower_ == "up"
                    for o in _prep_objects(p, {"to"})]  # "kidnapped up to 16 Russian advisers"
        if mention.category in {"REQUEST", "ACCUSE", "SANCTION", "THREATEN", "REJECT", "SUPPORT", "AID", "MOBILIZE"}:
            objects += _prep_objects(trigger, {"to", "for", "of"} if mention.category != "ACCUSE" else set())
        if mention.category == "RETREAT":  # "withdrew its troops from Lebanon": Lebanon is left, not a party
            left = [a for tok in _prep_objects(trigger, {"from"}) for a in _actors_in(_phrase(tok), by_token)]
        recipient = [a for tok in objects for a in _actors_in(_phrase(tok), by_token)]
        if mention.category == "ACCUSE" and not recipient and trigger.lemma_.lower() in _SPEECH | _words("REPORTING"):
            recipient = _reported_subject(trigger, by_token)  # "Kyiv said Moscow was behind the blast"
    else:
        mods = [c for c in trigger.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
        actor = [a for tok in mods for a in _actors_in(_phrase(tok), by_token)]
        sources = {"by"} if mention.category == "RETREAT" else {"by", "from"}  # "a withdrawal from Cambodia"
        actor += [a for tok in _prep_objects(trigger, sources) for a in _actors_in(_phrase(tok), by_token)]
        if not actor:  # "an airstrike carried out by the army", "an attack launched by the rebels"
            actor = [a for acl in trigger.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                     and acl.lemma_.lower() in _words("PERFORMING_PARTICIPLES")
                     for tok in _prep_objects(acl, {"by"}) for a in _actors_in(_phrase(tok), by_token)]
        rule = "modifier"
        if not actor:
            participants = _participants(trigger)
            if participants is not None:  # "leaders participating in the meeting issued ..."
                actor = _actors_in(_phrase(participants), by_token)
                rule = "participants"
        verb = _governing_verb(trigger)
        if not actor and verb is not None and verb.lemma_.lower() in _words("DRAWING"):
            # "the strike drew condemnation from Egypt": the critic is the source, the subject the criticised
            actor = [a for tok in _prep_objects(verb, {"from"}) for a in _actors_in(_phrase(tok), by_token)]
            drawn = _subject(verb)
            if actor and drawn is not None:
                recipient = _actors_in(_phrase(drawn), by_token)
            rule = "source of drawn reaction"
        if not actor and verb is not None and verb.lemma_.lower() not in _words("DRAWING") and not (
                mention.category == "ASSAULT" and _judging(verb)):
            subject = _subject(verb)
            if subject is None and verb.lemma_.lower() in _ENGAGE:  # "forces were engaged in ..."
                subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                actor = _actors_in(_phrase(subject), by_token)
                rule = "subject of light verb"  # "the EU adopted a package of sanctions"
            elif any(c.dep_ == "agent" for c in verb.children):
                actor = [a for tok in _prep_objects(verb, {"by"}) for a in _actors_in(_phrase(tok), by_token)]
                rule = "agent of light verb"
        targets = _prep_objects(trigger, _RECIPIENT_PREPS | {"with", "between"})
        if mention.category in _SYMMETRIC:
            targets += _prep_objects(trigger, {"between"})
        if mention.category in _OF_TARGET:  # "the rejection of Ukraine's peace plan", "a suspension of links with"
            targets += _prep_objects(trigger, {"of"})
        if mention.category == "RETREAT":  # "the withdrawal (of its forces) from Panama"
            left = [a for n in (trigger, *_prep_objects(trigger, {"of"})) for o in _prep_objects(n, {"from"})
                    for a in _actors_in(_phrase(o), by_token)]
        if verb is not None and trigger.dep_ == "dobj" and trigger.head == verb:
            targets += _prep_objects(verb, _RECIPIENT_PREPS)  # "opened an investigation against the officials"
        recipient = recipient or [a for tok in targets for a in _actors_in(_phrase(tok), by_token)]
    if not recipient and mention.category in _AIMED_ACTS | _PROMISED_ACTS:
        recipient = _complement_recipients(trigger, by_token, promised=mention.category in _PROMISED_ACTS)
    if not recipient and mention.category == "ASSAULT" and not is_verb:
        recipient = _harmed(trigger, by_token)
    if not recipient and mention.category == "ASSAULT":
        recipient = _targeted(trigger, by_token)
    if mention.rule == "verb:said X must":  # "Russia said Sudan must return the helicopter"
        speaker = _speaker(trigger)
        said = _actors_in(_phrase(speaker), by_token) if speaker is not None else []
        if said:
            recipient, actor, rule = actor + recipient, said, "speaker demands of subject"
    if mention.rule == "noun:demand that" and not recipient:  # "its demand that Israel ease ...": of Israel
        clauses = [c for c in (*trigger.children, *trigger.head.children) if c.dep_ in {"acl", "ccomp"}]
        subjects = [s for c in clauses for s in c.children if s.dep_ == "nsubj"]
        recipient = [a for s in subjects for a in _actors_in(_phrase(s), by_token)]
    if mention.category == "MOBILIZE" and not actor:
        actor, rule = _mobilizer(trigger, by_token), rule + "+forces' owner"
    if mention.category == "ASSAULT" and not actor:
        actor = _modifier_actors(mention.sentence, by_token)
        rule = rule or "weapon modifier"
    claimed: list[Actor] = []
    speaker = _speaker(trigger)
    if speaker is not None:
        claimed = _actors_in(_phrase(speaker), by_token)
    if not actor and mention.category != "ASSAULT":
        subject = _clause_subject_of(trigger)
        antecedent = _titled_antecedent(subject, by_token) if subject is not None else None
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


# --- offices and speakers whose country the sentence does not name --------------------------------------------

_QUOTES = {'"', "“", "”", "«", "»", "„"}
_FIRST_PERSON = {"we", "i", "us"}
_QUOTE_CATEGORIES = {"ACCUSE", "REQUEST", "REJECT"}  # a statement's own act: the speaker of the quote does it
_SEVERAL = {"leader", "president", "minister", "head", "premier", "chancellor", "king"}  # "the leaders": no one state
_ANTECEDENT_OFFICE_TOKENS = 400


def _office_head(token: Token, agents: AgentLexicon) -> tuple[Token, str] | None:
    """The agent noun of a phrase and its state sector: "the foreign minister", "officials", "the embassy";
    also the title before a name ("Foreign Minister Jane Roe")."""
    if token.pos_ == "PRON":
        return None
    if token.tag_ in {"NNS", "NNPS"} and token.lemma_.lower() in _SEVERAL:
        return None
    candidates = [token] + [c for c in token.lefts if c.dep_ == "compound"] if token.pos_ == "PROPN" else [token]
    for head in candidates:
        sector = agents.sector(head)
        if sector in STATE_SECTORS:
            return head, sector
    return None


def _office_antecedent(head: Token, by_token: Mapping[int, ActorMention], exclude: set[str]) -> ActorMention | None:
    """"The defence minister later said ...": the last phrase of the article with the same agent noun that named
    its country ("Portugal's defence minister", "the Portuguese defence ministry")."""
    lemma = head.lemma_.lower()
    doc = head.doc
    for i in range(head.i - 1, max(-1, head.i - _ANTECEDENT_OFFICE_TOKENS), -1):
        token = doc[i]
        if token.lemma_.lower() != lemma:
            continue
        anchor = token.head if token.dep_ == "compound" else token
        for inner in _phrase(anchor):
            mention = by_token.get(inner.i)
            if mention is not None and is_state_code(mention.code) and mention.code not in exclude \
                    and mention.kind in {"country", "demonym", "metonym", "person"}:
                return mention
    return None


def _office_actor(subject: Token, by_token: Mapping[int, ActorMention], context: RoleContext | None,
                  exclude: set[str]) -> tuple[Actor, str] | None:
    """An office or titled official the text gives no country ("the foreign minister condemned ...",
    "officials said"): the country of the same office named earlier in the article, else the article's one
    government (never the recipient's country)."""
    if context is None or context.agents is None:
        return None
    found = _office_head(subject, context.agents)
    if found is None:
        return None
    head, sector = found
    name = " ".join(t.text for t in _phrase(subject) if t.dep_ != "det")
    antecedent = _office_antecedent(head, by_token, exclude)
    if antecedent is not None:
        return Actor(name=name, country=antecedent.code, sector=sector), "office antecedent"
    if context.home is not None and context.home not in exclude:
        return Actor(name=name, country=context.home, sector=sector), "office of the article's government"
    return None


def _paragraph_quotes(token: Token) -> list[Token]:
    """The quotation marks of the paragraph holding ``token`` (a paragraph ends at a blank line)."""
    doc = token.doc
    start = token.i
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    end = token.i
    while end < len(doc) - 1 and "\n" not in doc[end].text and "\n" not in doc[end].whitespace_:
        end += 1
    return [t for t in doc[start:end + 1] if t.text in _QUOTES]


def _speech_subject(tokens: Iterable[Token]) -> Token | None:
    for token in tokens:
        if token.lemma_.lower() in _SPEECH and token.pos_ in {"VERB", "AUX"}:
            for child in token.children:
                if child.dep_ == "nsubj":
                    return child
    return None


def quote_speaker(token: Token) -> Token | None:
    """The speaker of the quotation ``token`` is in: the subject of the speech verb after the closing mark
    ('"...," the spokesman said') or before the opening one ('The minister said: "..."'), in the same
    paragraph. None outside quotation marks (marks are paired in order, whatever their shape)."""
    quotes = _paragraph_quotes(token)
    before = [q for q in quotes if q.i < token.i]
    if len(before) % 2 == 0:
        return None
    opening = before[-1]
    closing = next((q for q in quotes if q.i > token.i), None)
    if closing is not None:
        after = closing.sent
        found = _speech_subject(t for t in after if t.i > closing.i)
        if found is not None:
            return found
    sentence = opening.sent
    return _speech_subject(t for t in sentence if t.i < opening.i)


def _speaker_actor(speaker: Token, by_token: Mapping[int, ActorMention], context: RoleContext | None,
                   exclude: set[str]) -> tuple[Actor, str] | None:
    found = [a for a in _actors_in(_phrase(speaker), by_token) if a.country not in exclude]
    if found:
        return found[0], "quote speaker"
    office = _office_actor(speaker, by_token, context, exclude)
    if office is not None:
        return office[0], "quote speaker, " + office[1]
    antecedent = _titled_antecedent(speaker, by_token)
    return (antecedent, "quote speaker, antecedent") if antecedent is not None else None


def unnamed_actor(mention: Mention, by_token: Mapping[int, ActorMention], context: RoleContext | None,
                  recipient: Iterable[Actor]) -> tuple[Actor, str] | None:
    """The actor of a verbal mention whose subject names no country: the speaker of the quotation it is in
    (first person, or no subject, for the statement's own acts), else an office whose country comes from the
    article ("the ambassador accused ..."). None when neither applies."""
    if context is None or not context.offices:  # settings.office_roles off
        return None
    exclude = {a.country for a in recipient if a.country}
    trigger = mention.trigger
    subject = _clause_subject_of(trigger)
    first_person = subject is not None and subject.lower_ in _FIRST_PERSON
    if first_person or (subject is None and mention.category in _QUOTE_CATEGORIES):
        speaker = quote_speaker(trigger)
        if speaker is not None:
            found = _speaker_actor(speaker, by_token, context, exclude)
            if found is not None:
                return found
    if subject is not None and subject.pos_ != "PRON":
        return _office_actor(subject, by_token, context, exclude)
    speaker = _speaker(trigger) if subject is not None and subject.lower_ in _PRONOUNS else None
    if speaker is not None and speaker.pos_ != "PRON":  # "the ministry said it had summoned the envoy"
        return _office_actor(speaker, by_token, context, exclude)
    return None


_ARMED_SECTORS = {"MIL", "COP"}


def armed_agent_actor(mention: Mention, by_token: Mapping[int, ActorMention],
                      context: RoleContext | None) -> tuple[Actor, str] | None:
    """"The army shelled the villages", "police opened fire on the crowd": an attack by a state's armed agent
    that the sentence gives no country belongs to the article's one government (``article_government``), unless
    the sentence names another country (whose forces they may be). A state's forces may attack at home
    ("police fired on protesters in the capital"): the recipient may be of the same country."""
    if context is None or context.agents is None or context.home is None:
        return None
    trigger = mention.trigger
    subject = _clause_subject_of(trigger)
    if subject is None:
        subject = next(iter(_prep_objects(trigger, {"by"})), None)  # "villages shelled by the army"
    if subject is None or subject.pos_ == "PRON":
        return None
    found = _office_head(subject, context.agents)
    if found is None or found[1] not in _ARMED_SECTORS:
        return None
    home = context.home
    others = {m.code for t in mention.sentence if (m := by_token.get(t.i)) is not None and is_state_code(m.code)}
    if others - {home}:
        return None
    name = " ".join(t.text for t in _phrase(subject) if t.dep_ != "det")
    return Actor(name=name, country=home, sector=found[1]), "armed agent of the article's government"


def article_government(doc: Doc, mentions: Iterable[ActorMention], agents: AgentLexicon | None) -> str | None:
    """The one country whose government the article is about, for offices it names bare ("the foreign
    minister"): the countries that act or speak in it as subjects, themselves or through an office ("Chad
    said", "the Chadian envoy told", "the government of Chad announced", "President Jane Roe said"). None when
    that is not one country."""
    counts: Counter[str] = Counter()
    for mention in mentions:
        if not is_state_code(mention.code) or mention.kind not in {"country", "metonym", "demonym", "person"}:
            continue
        token = doc[mention.end - 1]
        outer = token
        for _ in range(4):  # up to the phrase's head: "Chad's foreign ministry", "the government of Chad"
            if outer.dep_ in {"compound", "poss", "amod", "case", "flat", "appos"} and outer.head != outer:
                outer = outer.head
            elif outer.dep_ == "pobj" and outer.head.lower_ == "of" and outer.head.head != outer.head:
                outer = outer.head.head
            else:
                break
        if outer.dep_ != "nsubj":
            continue
        office = agents is not None and outer != token and _office_head(outer, agents) is not None
        if outer == token and mention.kind != "demonym" or office:
            counts[mention.code] += 1
    return next(iter(counts)) if len(counts) == 1 else None
