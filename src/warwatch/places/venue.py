"""Where a statement was made: the venue phrases of a verbal event (CONTRACT: "Verbal events are located where
the statement was made").

In the sentence, a venue is a place on the speech verb or on its event noun: "speaking in X", "at a summit in X",
"at the talks in X", "on the sidelines of the X summit", "told reporters in X", "said in X". A place inside what
the statement is about is its topic, not its venue: "called for a ceasefire in X", "condemned the strike on X",
"demanded troops in X lay down their arms" (the parser hangs that "in X" on the verb, after its object).

In the article, the venue of a meeting ("the NATO summit in X", "the X summit", "met in X", "talks in X") is
where the parties named with it make their statements.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from ..models import Toponym

__all__ = ["MeetingVenue", "SPOKEN", "meeting_venues", "occasions", "speech_heads", "statement_venues"]

log = logging.getLogger(__name__)

#: verbal categories whose place argument can be the topic of what is said
SPOKEN = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT"})
#: nouns of the occasion a statement is made at
VENUE_NOUNS = frozenset({"summit", "talk", "talks", "meeting", "conference", "briefing", "forum", "session",
                         "rally", "ceremony", "assembly", "gathering", "visit", "sideline", "sidelines", "event",
                         "negotiation", "negotiations", "interview", "speech", "address"})
#: nouns of a meeting the article can report as the place its parties speak at
MEETING_NOUNS = frozenset({"summit", "talk", "talks", "meeting", "conference", "negotiation", "negotiations"})
#: verbs that say the statement was made, whose venue is the statement's
SPEECH_LEMMAS = frozenset({"say", "tell", "speak", "state", "declare", "announce", "add", "address", "talk",
                           "write", "insist", "warn", "stress", "note"})
#: participles that name the speaker's occasion ("speaking in X", "addressing the summit in X")
OCCASION_LEMMAS = frozenset({"speak", "address", "talk", "appear", "visit", "attend"})
#: audiences whose "in X" is where they were told ("told reporters in X")
AUDIENCE_NOUNS = frozenset({"reporter", "journalist", "lawmaker", "audience", "crowd", "press", "parliament",
                            "delegate", "diplomat", "correspondent", "media", "supporter", "student"})
#: objects that are said, not located: "rejected the plan in X" is rejected in X
UNPLACED_OBJECTS = frozenset({"plan", "proposal", "offer", "claim", "accusation", "allegation", "report", "demand",
                              "idea", "request", "suggestion", "call", "statement", "deal", "initiative", "ultimatum",
                              "resolution", "draft", "charge", "invitation", "appeal", "terms", "condition"})
_MEETING_VERBS = frozenset({"meet", "gather", "convene", "assemble"})
_VENUE_PREPS = frozenset({"at", "during", "on"})
_OBJECTS = frozenset({"dobj", "attr", "dative"})


def _toponym(token: Token, top_by_token: dict[int, Toponym]) -> Toponym | None:
    t = top_by_token.get(token.i)
    return t if t is not None and t.place is not None and t.place.feature_class != "H" else None


def _occasion_noun(token: Token) -> bool:
    return token.lemma_.lower() in VENUE_NOUNS or token.lower_ in VENUE_NOUNS


def _noun_venue(noun: Token, top_by_token: dict[int, Toponym]) -> Toponym | None:
    """The place of an occasion noun: "the summit in X", "the X summit", "the sidelines of the X talks"."""
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "nmod", "poss"} and (t := _toponym(child, top_by_token)):
            return t  # "the Vilnius summit", "Vilnius' summit"
        if child.dep_ == "prep" and child.lower_ in {"in", "at"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (t := _toponym(pobj, top_by_token)):
                    return t
        if child.dep_ == "prep" and child.lower_ == "of" and noun.lemma_.lower() in {"sideline", "sidelines"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (t := _noun_venue(pobj, top_by_token)):
                    return t
    return None


def _prep_venues(head: Token, top_by_token: dict[int, Toponym], topical_after: int | None) -> Iterator[Toponym]:
    """Venue phrases of ``head``: "at/during/on the summit in X" and "in/at X". An "in X" after ``topical_after``
    (the index of the head's object) is read as part of the object, the statement's topic."""
    for child in head.children:
        if child.dep_ != "prep":
            continue
        word = child.lower_
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            if word in _VENUE_PREPS and _occasion_noun(pobj):
                if (t := _noun_venue(pobj, top_by_token)) is not None:
                    yield t
                    continue
            if word in {"in", "at"} and (t := _toponym(pobj, top_by_token)) is not None:
                if topical_after is None or child.i < topical_after:
                    yield t


def _object_index(verb: Token) -> int | None:
    """Where the verb's object begins, when it has one that is not an audience ("told reporters in X")."""
    for child in verb.children:
        if child.dep_ in _OBJECTS and child.lemma_.lower() not in AUDIENCE_NOUNS | UNPLACED_OBJECTS:
            return min(t.i for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "on"} and child.i > verb.i:
            return child.i  # "called for a ceasefire in X", "accused Moscow of shelling in X"
    return None


def speech_heads(trigger: Token) -> Iterator[Token]:
    """The trigger and the speech verbs it is said under ("told reporters in X that Russia was to blame")."""
    yield trigger
    node = trigger
    while node.dep_ in {"ccomp", "xcomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp"} and node.head != node:
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.lemma_.lower() in SPEECH_LEMMAS:
            yield node


def occasions(verb: Token) -> Iterator[Token]:
    """Participles that name the occasion, on the verb or on its subject ("Speaking in X, she said",
    "the minister, addressing the summit in X, said")."""
    holders = [verb] + [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"advcl", "acl", "relcl"} and child.lemma_.lower() in OCCASION_LEMMAS:
                yield child


def statement_venues(trigger: Token, category: str, top_by_token: dict[int, Toponym]) -> list[Toponym]:
    """Places where the statement of ``trigger`` was made, by how close they are to its verb."""
    out: list[Toponym] = []

    def add(found: Iterable[Toponym]) -> None:
        out.extend(t for t in found if t not in out)

    for head in speech_heads(trigger):
        topical = _object_index(head) if category in SPOKEN and head == trigger else None
        add(_prep_venues(head, top_by_token, topical))
        for occasion in occasions(head):
            add(_prep_venues(occasion, top_by_token, None))
            for child in occasion.children:  # "addressing the Vilnius summit"
                if child.dep_ == "dobj" and _occasion_noun(child):
                    if (t := _noun_venue(child, top_by_token)) is not None:
                        add([t])
    return out


@dataclass(frozen=True, slots=True)
class MeetingVenue:
    """A meeting the article places ("the NATO summit in Vilnius") and the sentence that names it."""

    place: Toponym
    start: int  # the sentence's characters
    end: int


def _past_occasion(noun: Token, published: date | None) -> bool:
    """"the 2008 summit in Bucharest": a meeting of another year is no venue of the news."""
    years = [c for c in noun.subtree if c.i < noun.i and c.like_num and len(c.text) == 4 and c.text.isdigit()]
    return any(published is None or int(y.text) != published.year for y in years)


def meeting_venues(doc: Doc, top_by_token: dict[int, Toponym], published: date | None) -> list[MeetingVenue]:
    """The meetings of the article with their places: "summit/talks/meeting in X", "the X summit", "met in X"."""
    out: list[MeetingVenue] = []
    for token in doc:
        lemma = token.lemma_.lower()
        place: Toponym | None = None
        if token.pos_ in {"NOUN", "PROPN"} and (lemma in MEETING_NOUNS or token.lower_ in MEETING_NOUNS):
            if not _past_occasion(token, published):
                place = _noun_venue(token, top_by_token)
        elif token.pos_ == "VERB" and lemma in _MEETING_VERBS:
            place = next(_prep_venues(token, top_by_token, None), None)
        if place is not None:
            sentence = token.sent
            out.append(MeetingVenue(place, sentence.start_char, sentence.end_char))
    log.debug("meeting venues: %s", [v.place.text for v in out])
    return out
