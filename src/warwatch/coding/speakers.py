"""Offices and speakers whose country the sentence does not name: "the foreign minister" or a quotation's
speaker resolved from the article (its government, an earlier holder of the office), and armed agents
("troops", "the army") given the state the article is about. ``RoleContext`` carries what the article gives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..models import Actor
from .actors import STATE_SECTORS, ActorMention, AgentLexicon, is_state_code
from .events import Mention
from .phrases import (
    PRONOUNS,
    SPEECH_VERBS,
    clause_subject_of,
    named_actors,
    phrase_of,
    prep_objects,
    speaker_of,
    titled_antecedent,
)

__all__ = ["RoleContext", "armed_agent_actor", "article_government", "quote_speaker", "unnamed_actor"]


@dataclass(frozen=True, slots=True)
class RoleContext:
    """What roles may read beyond the sentence: the agent nouns, and the one country whose government the
    article is about (``article_government``), if any. ``offices``: give verbal events an unnamed office or a
    quotation's speaker as actor (settings.office_roles); the armed agents of an attack are read either way."""

    agents: AgentLexicon | None = None
    home: str | None = None
    offices: bool = True


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
        for inner in phrase_of(anchor):
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
    name = " ".join(t.text for t in phrase_of(subject) if t.dep_ != "det")
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
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}:
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
    found = [a for a in named_actors(speaker, by_token) if a.country not in exclude]
    if found:
        return found[0], "quote speaker"
    office = _office_actor(speaker, by_token, context, exclude)
    if office is not None:
        return office[0], "quote speaker, " + office[1]
    antecedent = titled_antecedent(speaker, by_token)
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
    subject = clause_subject_of(trigger)
    first_person = subject is not None and subject.lower_ in _FIRST_PERSON
    if first_person or (subject is None and mention.category in _QUOTE_CATEGORIES):
        speaker = quote_speaker(trigger)
        if speaker is not None:
            found = _speaker_actor(speaker, by_token, context, exclude)
            if found is not None:
                return found
    if subject is not None and subject.pos_ != "PRON":
        return _office_actor(subject, by_token, context, exclude)
    speaker = speaker_of(trigger) if subject is not None and subject.lower_ in PRONOUNS else None
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
    subject = clause_subject_of(trigger)
    if subject is None:
        subject = next(iter(prep_objects(trigger, {"by"})), None)  # "villages shelled by the army"
    if subject is None or subject.pos_ == "PRON":
        return None
    found = _office_head(subject, context.agents)
    if found is None or found[1] not in _ARMED_SECTORS:
        return None
    home = context.home
    others = {m.code for t in mention.sentence if (m := by_token.get(t.i)) is not None and is_state_code(m.code)}
    if others - {home}:
        return None
    name = " ".join(t.text for t in phrase_of(subject) if t.dep_ != "det")
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
