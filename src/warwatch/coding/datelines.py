"""Datelines and news dates: where a story was filed, and which day its news (or one mention of it) is.

A story's dateline ("KYIV, Ukraine (AP) —") is where it was filed, not where its news happened; its lead gives
the day of its news unless the day belongs to a publishing stamp or to past context; a mention's own date phrase
("the attack on Saturday") beats its sentence's, and "two days after a rocket hit" dates the act it follows up on.
An event whose own mentions give no day takes the article's news date (``_anchor_date``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from ..dates import is_past_context, resolve_event_date
from ..models import Article, DateResolution, Toponym
from ..numbers import parse_number
from .events import Mention
from .grouping import _Draft

_BACKGROUND_DAYS = 3  # a mention dated this many days before the article's news is context


_DATELINE_TAIL = re.compile(  # ", S.C. –", ", Calif. (AP) -", ", Sep 15 (UNI)", " ??? " (a mangled dash)
    r"\s*(?:,\s*(?:[A-Z][a-z]{1,5}\.|[A-Z]\.\s?[A-Z]\.)|,[^.\n]{0,40}?)?\s*"
    r"(?:\(|—|–|-{1,2}\s|\?{2,}\s|,\s*(?:\w{3,9}\.?\s+\d{1,2}|\d{1,2}\s+\w{3,9}))")


_DATELINE_PREFIX = re.compile(
    r"^\s*[A-Z][\w ./'-]{1,40}(?:,\s*[A-Z][\w .'-]{1,30})?,\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"(?:,?\s*\d{4})?"
    r"\s*(?:\([^)]{1,30}\))?\s*[—–-]*"
)
_LEAD_SENTENCES = 6
# "the largest attack since the full-scale invasion" is news measured against the past, not the past
_SUPERLATIVE_SINCE = re.compile(r"\b(largest|biggest|heaviest|deadliest|worst|most\s+\w+|first|longest)\b[^.]{0,80}?"
                                r"\bsince\b", re.I)


def _lead_date(doc: Doc, published: date | None) -> DateResolution | None:
    """The first day the lead of the article gives for its news (not a dateline, not past context)."""
    if published is None:
        return None
    for i, sentence in enumerate(doc.sents):
        if i >= _LEAD_SENTENCES:
            break
        text = _DATELINE_PREFIX.sub("", _without_stamps(sentence.text))
        if is_past_context(text, published):
            continue
        res = resolve_event_date(text, published)
        if res.source in {"explicit", "relative"} and res.precision == "day" and res.date is not None \
                and published - timedelta(days=_BACKGROUND_DAYS) <= res.date <= published:
            return res
    return None


_STAMP = re.compile(r"\b(?:published|updated|posted)\b|\b\d{1,2}:\d{2}\b", re.IGNORECASE)


def _without_stamps(text: str) -> str:
    """The text without its publishing stamps ("Xinhua) 09:21, March 01, 2025", "Muhammad Irfan Published March
    01, 2025 | 11:30 AM"): short lines with a clock time or a publishing word give when the page was published,
    not a date of the news."""
    return "\n".join(line for line in text.split("\n")
                     if not (_STAMP.search(line) and len(line.split()) <= 12))


# "PORT SUDAN:", "ISLAMABAD (Dawn):", "SRINAGAR:" (South Asian, Gulf and Arab papers' datelines): a name in capitals
# opening its line, an agency maybe, then a colon. Only in capitals: "Ukraine: four dead in strikes" (a headline's
# label) and "Kharkiv: ..." (a live page's heading) name the place of the news, and so does a country in capitals
# ("NIGER: ..."), so a colon dateline must also be a town (``colon_dateline`` is checked against precision)
_COLON_TAIL = re.compile(r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?:[ \t]")


def _dateline(t: Toponym, text: str) -> bool:
    """"KYIV, Ukraine (AP) —", "Riyadh, Sep 15 (UNI)": where the story was filed, not where it happened."""
    line_start = text.rfind("\n", 0, t.start) + 1
    if text[line_start:t.start].strip():
        return False
    return bool(_DATELINE_TAIL.match(text, t.end))


def colon_dateline(t: Toponym, text: str) -> bool:
    """"PORT SUDAN: Sudanese paramilitaries on Sunday struck ...": a colon dateline (see ``_COLON_TAIL``); the
    caller checks that the place is a town."""
    line_start = text.rfind("\n", 0, t.start) + 1
    name = text[t.start:t.end]
    return not text[line_start:t.start].strip() and name.isupper() and bool(_COLON_TAIL.match(text, t.end))


_SPAN_DAYS = {"day": 1, "week": 7, "hour": 0}


def _days_before(trigger: Token, sentence_date: DateResolution, published: date | None) -> DateResolution | None:
    """"Two days after a rocket slammed into the field, questions remain": an act in an "N days after" clause
    happened N days before the sentence's own time (its date, else the publication date)."""
    for t in trigger.doc[trigger.sent.start:trigger.i]:
        if t.lower_ != "after" or not ((t.dep_ == "mark" and t.head.dep_ != "ROOT" and trigger in t.head.subtree)
                                       or (t.dep_ == "prep" and trigger in t.subtree)):
            continue
        holder = t.head if t.dep_ == "mark" else t
        for amount in (*holder.children, t.head):  # "two days after it hit"; "a week after the strike"
            days = _SPAN_DAYS.get(amount.lemma_.lower())
            if amount.dep_ != "npadvmod" or days is None:
                continue
            count = next((parse_number(c.text) for c in amount.children if c.dep_ == "nummod"), None)
            if count is None and any(c.lower_ in {"a", "one"} for c in amount.children):
                count = 1
            base = sentence_date.date if sentence_date.source in {"explicit", "relative"} else published
            if count is None or base is None:
                return None
            return DateResolution(base - timedelta(days=count * days), "day", "relative",
                                  trigger.doc[amount.i:t.i + 1].text)
    return None


def _own_date(mention: Mention, published: date | None) -> DateResolution | None:
    """The date phrase inside the trigger's own phrase ("the attack on Saturday"), which beats the sentence's."""
    trigger = mention.trigger
    tokens = [t for t in trigger.subtree if t.dep_ not in {"relcl", "ccomp"}] if trigger.pos_ == "NOUN" else [
        c for c in trigger.children if c.dep_ in {"prep", "npadvmod", "advmod", "tmod"}
    ]
    if not tokens:
        return None
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    if trigger.pos_ != "NOUN":
        spans = [(min(x.i for x in c.subtree), max(x.i for x in c.subtree) + 1) for c in tokens]
        start, end = min(a for a, _ in spans), max(b for _, b in spans)
    # token bounds, not Doc.text (which joins every token on each call)
    own = resolve_event_date(trigger.doc[start:end].text, published)
    return own if own.source in {"explicit", "relative"} and own.date is not None else None


def _anchor_date(article: Article, drafts: list[_Draft], background: bool,
                 lead_date: DateResolution | None = None, own: str | None = None) -> DateResolution:
    """The article's news date: the first dated mention of the event's own category, else of an
    ASSAULT, that is not context; else the first day the article's lead gives ("erupted at Zelensky
    on Friday"), else publication. Another kind of statement's day ("Yesterday, the minister promised
    ...") does not date an undated decision."""
    for category in (own, "ASSAULT"):
        for d in drafts:
            if d.background != background and not background:
                continue
            if category and d.mention.category != category:
                continue
            if d.date.source in {"explicit", "relative"} and d.date.date is not None and not d.background:
                return d.date
    if lead_date is not None and not background:
        return lead_date
    if article.published is not None and not background:
        return DateResolution(article.published, "day", "published")
    return DateResolution(None)
