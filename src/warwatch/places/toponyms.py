"""Toponym tagging and resolution over a parsed spaCy ``Doc``.

Candidates come from capitalised token runs looked up in the gazetteer (longest first); spaCy's NER is
only a hint, because the small model misses or mislabels many places. Each mention is resolved by a
score: name match, population, feature class, and the countries/regions of the other places in the text.

Finding the mentions lives in ``mentions``, scoring and choosing their readings in ``resolve``; this module
holds the public entry points and what follows resolution: places inside facilities' names, metonyms, and
streets and districts placed at the text's main town.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from ..models import Place, Toponym
from .gazetteer import Gazetteer
from .mentions import _DETERMINERS, _FACILITY_WORDS, _SPEECH_VERBS, _is_cap, _Mention, find_mentions
from .resolve import resolve_mentions

__all__ = ["find_toponyms", "geoparse_rows"]

_METONYM_CODES = {"PCLI", "PPLC", "CSTL", "BLDG"}
# what is named after a famous place, whatever the text's other places: "the Venice Commission", "Minsk agreements"
_EPONYM_HEADS = {"commission", "pact", "accord", "accords", "agreement", "agreements", "protocol", "format",
                 "convention", "conventions", "treaty", "declaration", "memorandum", "charter", "consensus"}


def _is_metonym(doc: Doc, start: int, end: int, place: Place | None) -> bool:
    if place is None or (place.feature_code or "") not in _METONYM_CODES:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in _SPEECH_VERBS


def _focus_city(resolved: list[tuple[Place | None, float]]) -> Place | None:
    """The text's main town: the populated place named most often (first named on ties)."""
    counts: Counter[tuple[str, float, float]] = Counter()
    first: dict[tuple[str, float, float], Place] = {}
    for place, _s in resolved:
        if place is not None and place.feature_class == "P":
            k = (place.name, place.lat, place.lon)
            counts[k] += 1
            first.setdefault(k, place)
    if not counts:
        return None
    return first[max(counts, key=lambda k: counts[k])]


def _facility_at(doc: Doc, m: _Mention) -> tuple[int, str] | None:
    """'Stonewall Golf Club', 'Russian Foreign Ministry', 'University of St. Thomas': when the mention is part
    of a facility's or an institution's name, the name's end (a character offset) and its head word."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span[-1].lower_.rstrip(".") in _FACILITY_WORDS:
        return None  # the mention names the facility itself (a landmark: "Baghdad International Airport")
    n = len(doc)
    j, head, end = span.end, "", -1
    while j < n and j - span.end < 5:
        t = doc[j]
        low = t.lower_.rstrip(".")
        if low in _FACILITY_WORDS and _is_cap(t):
            head, end = low, t.idx + len(t.text)
        elif not (_is_cap(t) or t.text in {"'s", "’s", "&"}) or t.is_punct and t.text != "&":
            break
        j += 1
    if head:
        return end, head
    # "University of St. Thomas", "Bank of England": the head word and "of" before the mention
    i = span.start
    if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _FACILITY_WORDS and _is_cap(doc[i - 2]):
        return span.end_char, doc[i - 2].lower_
    return None


def _next_place(mentions: list[_Mention], resolved: list[tuple[Place | None, float]], k: int, end: int,
                text: str) -> Place | None:
    """The place named right after a facility's name: 'British Embassy Tokyo', '... at St. Thomas in Houston'."""
    for n in range(k + 1, len(mentions)):
        other = mentions[n]
        if other.start < end:
            continue
        gap = text[end:other.start].strip().lower()
        place = resolved[n][0]
        if place is None or other.kind == "adjectival" or gap not in {"", "in", "at"}:
            return None
        if gap or place.population >= 100_000 or (place.feature_code or "") in {"ADM1", "PCLI"}:
            return place  # right after the name only a big place: not 'Court Branch 259'
        return None
    return None


def _place_facilities(doc: Doc, text: str, mentions: list[_Mention],
                      resolved: list[tuple[Place | None, float]]) -> list[tuple[Place | None, float]]:
    """Strategy "facility": a demonym or a small town's name inside a facility's name ('British Embassy Tokyo',
    'University of St. Thomas in Houston') is placed at the place named right after the facility; a small
    town's name that ends a person's name ('Robert Trent Jones Golf Club') at the text's main town. Big places
    inside a name ('Texas Southern University', 'Kharkiv Regional Hospital') keep their own reading."""
    focus: Place | None = None
    focus_looked_up = False  # the main town is looked up once, on the first need (it may be None)
    out = list(resolved)
    for k, m in enumerate(mentions):
        place = resolved[k][0]
        if place is None or m.kind in {"street", "district"} or place.geonameid is None:
            continue
        small = place.feature_class == "P" and place.population < 100_000
        if not (small or m.kind == "adjectival"):
            continue
        found = _facility_at(doc, m)
        if found is None:
            continue
        after = _next_place(mentions, resolved, k, found[0], text)
        if after is not None:
            out[k] = (after, resolved[k][1])
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        prev = doc[span.start - 1] if span is not None and span.start > 0 else None
        named_after = (prev is not None and _is_cap(prev) and not prev.is_punct and prev.pos_ == "PROPN"
                       and prev.lower_ not in _DETERMINERS and not prev.is_sent_start)
        if small and named_after:  # "Marjory Stoneman Douglas High School": a person's name, not the town
            if not focus_looked_up:
                focus = _focus_city(resolved)
                focus_looked_up = True
            if focus and (focus.country, focus.admin1) != (place.country, place.admin1):
                out[k] = (focus, resolved[k][1])
    return out


def find_toponyms(doc: Doc, gazetteer: Gazetteer, *, hints: Sequence[str] = (),
                  streets: bool = False) -> list[Toponym]:
    """Every place mention in ``doc.text``, in text order, resolved to a gazetteer ``Place``.

    Streets ("Orchard St.") never resolve to the town of their name. With ``streets`` they are kept, placed
    at the text's main town (strategy "focus"); without, they are left out. Districts named by generic words
    ("the South Side") are always placed at the main town, or left out when the text has none."""
    text = doc.text  # Doc.text joins every token on each call: read it once
    mentions = find_mentions(doc, gazetteer)
    for m in mentions:
        after = text[m.end:m.end + 16].split()
        m.eponym = bool(after) and after[0].strip(".,;:'’").lower() in _EPONYM_HEADS and not m.designated
    resolved = resolve_mentions(mentions, hints, text)
    resolved = _place_facilities(doc, text, mentions, resolved)
    # streets (when asked for) and districts ("the North Side") are placed at the text's main town
    focus = _focus_city(resolved) if streets or any(m.kind == "district" for m in mentions) else None
    out: list[Toponym] = []
    for m, (place, score) in zip(mentions, resolved, strict=True):
        kind = m.kind
        if kind in {"street", "district"}:
            if focus is not None and (streets or kind == "district"):
                out.append(Toponym(start=m.start, end=m.end, text=m.text, place=focus, kind=kind, score=0.0))
            continue
        if kind == "literal" and _is_metonym(doc, m.start, m.end, place):
            kind = "metonym"
        out.append(Toponym(start=m.start, end=m.end, text=m.text, place=place, kind=kind, score=score))
    return out


def geoparse_rows(article_id: str, doc: Doc, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The contract's PLACES.jsonl rows for one parsed article."""
    rows: list[dict[str, Any]] = []
    for t in find_toponyms(doc, gazetteer):
        p = t.place
        rows.append({
            "article_id": article_id, "start": t.start, "end": t.end, "text": t.text,
            "name": p.name if p else None, "country": p.country if p else None,
            "admin1": p.admin1 if p else None,
            "lat": round(p.lat, 5) if p else None, "lon": round(p.lon, 5) if p else None,
            "geonameid": p.geonameid if p else None, "feature_class": p.feature_class if p else None,
            "kind": t.kind, "score": t.score,
        })
    return rows
