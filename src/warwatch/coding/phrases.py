"""Phrases of the parse that roles are read from: a token's phrase, the subject of a verb (past a wire
dateline), the speaker above an act, prepositional objects, the antecedents of titles and pronouns, and the
actors a span names. Used by ``roles`` (who did what to whom) and ``speakers`` (offices and quotations)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Token

from ..models import Actor
from .actors import ActorMention, sector_of
from .patterns import load_patterns

__all__ = [
    "ENGAGE_VERBS", "PRONOUNS", "SPEECH_VERBS", "actors_in", "clause_subject_of", "doc_token", "governing_verb",
    "is_backed", "last_person", "named_actors", "phrase_of", "prep_objects", "speaker_of", "subject_of",
    "titled_antecedent",
]
_CLAUSE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "appos", "punct", "cc"}
SPEECH_VERBS = {"say", "tell", "announce", "add", "report", "claim", "state", "write", "post", "confirm", "note",
           "insist", "declare", "accuse", "blame", "allege", "warn"}
PRONOUNS = {"it", "they", "he", "she", "we"}


def phrase_of(token: Token) -> list[Token]:
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


def is_backed(token: Token) -> bool:
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


def actors_in(tokens: Iterable[Token], by_token: Mapping[int, ActorMention]) -> list[Actor]:
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
        if mention is None or mention.code in seen or token.i != mention.start or is_backed(doc_token(token, mention)):
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


def title_apposition(token: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """"Jane Roe, the Ruritanian foreign ministry spokeswoman", "John Doe, a senior official with the Freedonian
    interior ministry": a person the dictionary does not know, named with an apposition that gives an office
    (word set OFFICE_TITLES), is that office's actor. Only the first actor of the apposition counts ("the UN
    envoy for Yemen" is the UN's)."""
    if token.pos_ != "PROPN":
        return []
    for appos in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        if appos.lemma_.lower() not in load_patterns().words.sets["OFFICE_TITLES"] or appos.tag_ not in {"NN", "NNP"}:
            continue
        return actors_in(phrase_of(appos), by_token)[:1]
    return []


def named_actors(token: Token, by_token: Mapping[int, ActorMention]) -> list[Actor]:
    """The actors a subject or speaker names: its own phrase, else the office its apposition gives."""
    return actors_in(phrase_of(token), by_token) or title_apposition(token, by_token)


def doc_token(token: Token, mention: ActorMention) -> Token:
    """The last token of an actor mention (where a "-backed" suffix would follow)."""
    return token.doc[mention.end - 1]


def subject_of(verb: Token) -> Token | None:
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            return None
        for child in node.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return _past_dateline(child)
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in {"NOUN", "PROPN"}:
            return node.head  # "demonstrators protesting election results": the demonstrators protest
        if node.dep_ == "pcomp" and node.tag_ == "VBG" and node.head.lower_ in _SHARED_SUBJECT_PREPS \
                and node.head.dep_ == "prep" and node.head.head.pos_ in {"VERB", "AUX"}:
            node = node.head.head  # "suspended the talks after blaming the rebels": who suspended, blamed
            continue
        if node.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acomp"} and node.head != node:
            node = node.head
            continue
        return None
    return None


# prepositions whose gerund shares the subject of the verb they hang on ("after blaming", "before accusing"); not
# "since", "despite" or "without" (background, conceded or not done: "without naming anyone"), nor "by", a means
# that tells a plan or a manner more often than an act of its own ("by lifting restrictions", "by thanking him")
_SHARED_SUBJECT_PREPS = {"after", "before", "while", "upon"}


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


def speaker_of(token: Token) -> Token | None:
    """The subject of the speech verb that reports ``token`` ("Kyiv said ... struck")."""
    node = token
    for _ in range(4):
        if node.head == node:
            return None
        if node.dep_ in {"ccomp", "conj", "advcl", "parataxis", "xcomp", "dobj", "nsubj", "acomp"} or \
                node.head.dep_ == "ROOT":
            head = node.head
            if head.lemma_.lower() in SPEECH_VERBS:
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


ENGAGE_VERBS = {"engage", "involve", "participate", "join", "persist", "take"}
_GATHER = {"return", "arrive", "come", "go", "travel", "fly", "head", "gather", "convene", "assemble", "sit"}


def governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of, through "a package of", "the start of" chains."""
    node = noun
    for _ in range(4):
        if node.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and node.head.pos_ in {"VERB", "AUX"}:
            return node.head
        if node.dep_ == "prep" and node.lower_ == "in" and node.head.lemma_.lower() in ENGAGE_VERBS:
            return node.head  # "Serb forces were engaged in ethnic cleansing"
        if node.dep_ == "prep" and node.head.pos_ == "VERB" and (node.lower_ == "as" or (
                node.lower_ == "for" and node.head.lemma_.lower() in _GATHER)):
            return node.head  # "held the villagers as human shields", "negotiators return to Geneva for talks"
        if node.dep_ in {"pobj", "prep", "conj", "appos", "compound"} and node.head != node:
            node = node.head
            continue
        return None
    return None


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def clause_subject_of(trigger: Token) -> Token | None:
    if trigger.pos_ in {"VERB", "AUX"} or trigger.tag_ == "VBN":
        return subject_of(trigger)
    verb = governing_verb(trigger)
    if verb is None and trigger.dep_ in {"pobj"} and trigger.head.head.pos_ == "VERB":
        verb = trigger.head.head  # "converging for a rally", "went on strike"
    return subject_of(verb) if verb is not None else None


_ANAPHORIC_TITLES = {"president", "minister", "chancellor", "premier", "leader", "king", "emir", "secretary"}
_ANTECEDENT_TOKENS = 150


def titled_antecedent(subject: Token, by_token: Mapping[int, ActorMention]) -> Actor | None:
    """"The president later accused ...": a definite title with no name refers to the last person the
    article named (within the last ~150 tokens) whose kind is a person: that person's country."""
    if subject.lemma_.lower() not in _ANAPHORIC_TITLES or subject.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    mention = last_person(subject, by_token)
    if mention is None:
        return None
    return Actor(name=f"{subject.text} ({mention.text})", country=mention.code, sector=mention.sector or "GOV")


def last_person(token: Token, by_token: Mapping[int, ActorMention]) -> ActorMention | None:
    """The last person the article named before ``token``, within ~150 tokens: what "the president" or "he"
    refers to."""
    for i in range(token.i - 1, max(-1, token.i - _ANTECEDENT_TOKENS), -1):
        mention = by_token.get(i)
        if mention is not None and mention.kind == "person" and i == mention.start:
            return mention
    return None
