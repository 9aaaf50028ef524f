"""When a statement was made: a date phrase on its verb or on the speech verb it is said under ("accused Russia on
Sunday", "the ministry said on Monday", "speaking on Tuesday"). A date inside what the statement is about dates its
topic, not the statement: "condemned Friday's strike", "accused Russia of shelling Kherson on Saturday"."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Token

from ..dates import resolve_event_date
from ..models import DateResolution
from ..places.venue import SPOKEN, occasions, speech_heads

__all__ = ["dated_statement", "speech_date", "topic_free_date"]

log = logging.getLogger(__name__)

#: prepositions whose phrase is what a statement is about ("accused X of ...", "called for ...")
TOPIC_PREPS = frozenset({"of", "for", "over", "about", "against", "to", "with", "from", "after", "before", "since",
                         "following", "by", "into"})
#: dependents of a statement verb that hold its topic
TOPIC_DEPS = frozenset({"dobj", "dative", "attr", "ccomp", "xcomp", "oprd", "acomp"})
_TIME_DEPS = frozenset({"npadvmod", "advmod", "tmod"})


def dated_statement(category: str, trigger: Token) -> bool:
    """A statement verb, whose date is read from its own phrase rather than from the whole sentence."""
    return category in SPOKEN and trigger.pos_ == "VERB"


def _time_phrases(verb: Token) -> Iterator[Token]:
    for child in verb.children:
        if child.dep_ in _TIME_DEPS or (child.dep_ == "prep" and child.lower_ not in TOPIC_PREPS):
            yield child


def _dated(token: Token, published: date | None) -> DateResolution | None:
    words = list(token.subtree)
    found = resolve_event_date(token.doc[words[0].i:words[-1].i + 1].text, published)
    return found if found.source in {"explicit", "relative"} and found.date is not None else None


def speech_date(trigger: Token, published: date | None) -> DateResolution | None:
    """The date on the statement's verb, on the speech verb it is said under, or on the occasion it was made at."""
    for head in speech_heads(trigger):
        for phrase in (*_time_phrases(head), *(p for o in occasions(head) for p in _time_phrases(o))):
            if (found := _dated(phrase, published)) is not None:
                log.debug("statement %r dated by %r", trigger.text, found.text)
                return found
    return None


def topic_free_date(trigger: Token, published: date | None, prefix: re.Pattern[str] | None = None) -> DateResolution:
    """The sentence's date once the statement's topic is left out ("Estonia condemned Friday's strike": the
    publication day, not Friday). ``prefix``: the dateline to leave out, as the sentence's date does."""
    topic: set[int] = set()
    for child in trigger.children:
        if child.dep_ in TOPIC_DEPS or (child.dep_ == "prep" and child.lower_ in TOPIC_PREPS):
            topic.update(t.i for t in child.subtree)
    text = "".join(t.text_with_ws for t in trigger.sent if t.i not in topic)
    return resolve_event_date(prefix.sub("", text) if prefix is not None else text, published)
