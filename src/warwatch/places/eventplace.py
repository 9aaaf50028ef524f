"""Event places: where an event mention happened, chosen from the article's toponyms.

Location arguments of the trigger ("in", "on", "over", "near" + place) first, then the nearest place in
the sentence (attacks only); statements happen where they are made. Places that only qualify another
("the Kharkiv town of X"), name a source ("the Kharkiv prosecutor's office"), or are implausible readings
(a village abroad sharing a capitalised word) are not event places.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from spacy.tokens import Doc, Token

from ..coding.events import Mention
from ..models import Location, Place, Toponym
from .gazetteer import km
from .venue import statement_venues

__all__ = [
    "RANK", "coordinated", "distinct", "event_places", "is_tally", "km", "place_key", "plausible", "precision_of",
    "qualifier", "same_happening", "to_location", "usable",
]

# "from" is missing on purpose: an attack "launched from X" hit elsewhere (``_origin``)
PLACE_PREPS = {"in", "on", "over", "near", "outside", "at", "into", "across", "around", "of", "to", "against",
               "toward", "towards", "inside"}
BIG_PLACE = 50_000
NEIGHBOUR_KM = 300.0
ADMIN1_KM = 150.0  # a region's centre and a city enclaved in it (Crimea and Sevastopol)
MERGE_KM = 30.0  # two towns this close, reported for one attack, are one happening
REGION_KM = 60.0  # a non-administrative region (a valley, heights, a district) and a place in it


def place_key(toponym: Toponym | None) -> str:
    if toponym is None or toponym.place is None:
        return "-"
    p = toponym.place
    return str(p.geonameid) if p.geonameid is not None else f"{p.name}|{p.country}"


_AREA_CODES = {"RGN", "PLAT", "PEN", "SEA", "GULF", "MTS", "DSRT", "VAL", "ISLS"}


def precision_of(place: Place) -> str:
    code = (place.feature_code or "").upper()
    if code.startswith("PCL") or code in {"COUNTRY", "CONT", "OCN"}:
        return "country"
    if code in _AREA_CODES:  # the Golan Heights, the Black Sea, Donbas: as coarse as a region
        return "admin1"
    if code.startswith("ADM1"):
        return "admin1"
    if place.feature_class == "A":
        return "admin1" if code.startswith("ADM") else "country"
    if place.feature_class in {"S", "L", "H", "T", "V"}:
        return "point"
    return "city"


def to_location(place: Place | None, precision: str | None = None) -> Location | None:
    """The output place of an event, at the place's own point; a region also names its capital (``Location.seat``)."""
    if place is None:
        return None
    level = precision or precision_of(place)
    return Location(
        name=place.name, country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
        geonameid=place.geonameid, precision=level, seat=place.seat if level == "admin1" else None,
    )


TALLY_LEMMAS = {"intercept", "shoot", "down", "detect", "repel", "repulse", "neutralize", "neutralise",
                 "record", "register", "spot", "track"}
MUNITION_LEMMAS = {"drone", "missile", "rocket", "uav", "shahed", "projectile", "bomb", "shell", "munition"}


def is_tally(mention: Mention) -> bool:
    """Interceptions or launches counted over several places ("14 drones were downed over A, B and C"),
    as opposed to impact reported at each ("shelling damaged houses in A, B and C")."""
    trigger = mention.trigger
    lemmas = {trigger.lemma_.lower(), trigger.head.lemma_.lower()}
    if lemmas & TALLY_LEMMAS:
        return True
    for verb in (trigger, trigger.head):  # "destroyed 14 drones over A, B and C", "launched missiles at"
        if verb.lemma_.lower() in {"destroy", "launch", "fire"} and any(
                c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in MUNITION_LEMMAS for c in verb.children):
            return True
    text = mention.sentence.text.lower()
    return any(w in text for w in ("intercept", "shot down", "downed", "destroyed over", "were detected"))


def plausible(t: Toponym, resolved: Sequence[Toponym], context: Collection[str | None]) -> bool:
    """A place is a plausible reading when its country is the article's, it is a sizeable town, or another
    place of the article lies near it; a village abroad that shares a capitalised word is not."""
    p = t.place
    if p is None:
        return False
    if not context or p.country in context or p.population >= BIG_PLACE:
        return True
    return any(o is not t and o.place is not None and o.place.geonameid != p.geonameid
               and km(o.place, p) <= NEIGHBOUR_KM for o in resolved)


SETTLEMENT_NOUNS = {"town", "city", "village", "region", "district", "oblast", "province", "suburb", "settlement",
                    "community", "port", "area", "county", "municipality", "governorate", "state"}


_BEARINGS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "kilometre",
             "kilometer", "km", "mile", "outskirts", "centre", "center"}
SOURCE_NOUNS = {"office", "administration", "governor", "prosecutor", "council", "ministry", "police", "authority",
                 "mayor", "service", "official", "spokesman", "spokeswoman", "head", "chief", "department",
                 "command", "agency", "government", "hospital", "media", "outlet", "channel", "newspaper"}


def _container(token: Token, top_by_token: dict[int, Toponym]) -> bool:
    """The place after "City, " that contains the city (a state, a county, a region or a country)."""
    doc = token.doc
    here = top_by_token.get(token.i)
    if here is None or here.place is None:
        return False
    start = token.i
    while start > 0 and top_by_token.get(start - 1) is here:
        start -= 1
    if start < 2 or doc[start - 1].text != ",":
        return False
    before = top_by_token.get(start - 2)
    if before is None or before is here or before.place is None:
        return False
    coarser = RANK.get(precision_of(here.place), 0) > RANK.get(precision_of(before.place), 0) or (
        (here.place.feature_code or "").upper().startswith("ADM"))
    same_country = here.place.country == before.place.country
    return coarser and same_country


def qualifier(token: Token, top_by_token: dict[int, Toponym]) -> bool:
    """"the Kharkiv town of Bohodukhiv", "Odesa's Izmail district": the first place only locates the second.
    "the Kharkiv regional prosecutor's office", "according to Kyiv officials": a source, not a place."""
    if any(a.lower_ == "according" for a in token.ancestors):
        return True
    if _container(token, top_by_token):
        return True  # "Kalamazoo, Mich.", "Waukee, Dallas County": the second only says where the first is
    if token.dep_ == "nsubj" and token.head.pos_ in {"VERB", "AUX"}:
        return True  # "Moscow launched drones at Odesa": the capital acts, it is not where it happened
    prep = token.head if token.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in {"near", "outside", "of", "from"} and prep.head != prep:
        anchor = prep.head  # "Ramenskoye near Moscow", "40 kilometres southeast of Moscow": a reference point
        if anchor.i in top_by_token and top_by_token[anchor.i] is not top_by_token.get(token.i):
            return True
        if anchor.lemma_.lower() in _BEARINGS:
            return True
    if token.dep_ in {"compound", "amod", "poss", "nmod"}:
        node = token.head
        while node.dep_ in {"compound", "amod"} and node.head != node:
            node = node.head
        if node.lemma_.lower() in SOURCE_NOUNS or token.head.lemma_.lower() in SOURCE_NOUNS:
            return True
    head = token.head
    if token.dep_ not in {"compound", "amod", "poss", "nmod"} or head.lemma_.lower() not in SETTLEMENT_NOUNS:
        return False
    if token.dep_ == "poss" and head.i in top_by_token:
        return True
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            if any(g.i in top_by_token for g in child.subtree if g.i != token.i):
                return True
    return any(c.i in top_by_token for c in head.children if c.dep_ in {"compound", "appos"} and c.i > token.i)


def coordinated(first: Toponym, others: Sequence[Toponym], doc: Doc) -> list[Toponym]:
    """Places coordinated with ``first`` in one list ("in Nikopol, Kherson and Mykolaiv", "the Poonch
    district and Rajouri ... and Kupwara"), found through the conjuncts of its noun phrase."""
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    while root.dep_ in {"compound", "amod", "nmod"} and root.head != root:
        root = root.head  # "Poonch district": the list hangs on "district"
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    conjuncts = [root] + [t for t in root.subtree if t.dep_ == "conj"]
    chain: set[int] = set()
    for conj in conjuncts:
        chain.update(t.i for t in conj.subtree if t.dep_ in {"compound", "conj", "pobj", "appos"} or t == conj)
    out = []
    for t in others:
        if t is first:
            continue
        other = doc.char_span(t.start, t.end, alignment_mode="expand")
        if other is not None and other.root.i in chain:
            out.append(t)
    return out


def usable(t: Toponym, assault: bool) -> bool:
    """Seas and other water bodies are no event place; statements need a city or a landmark."""
    if t.place is None or t.place.feature_class == "H":
        return False
    return assault or precision_of(t.place) in {"city", "point"}


def distinct(toponyms: list[Toponym]) -> list[Toponym]:
    seen: set[str] = set()
    out = []
    for t in toponyms:
        key = place_key(t)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}


def same_happening(coarse: Place, fine: Place) -> bool:
    """Two places one report may use for one strike: a region and a town in it, a town and its suburb."""
    if coarse.country != fine.country:
        return False
    if precision_of(coarse) == "admin1":  # its own towns, or a city with its own status inside it (Sevastopol)
        own_status = fine.admin1 is None or fine.admin1.lower().startswith(fine.name.lower())  # Sevastopol
        return (coarse.admin1 is not None and coarse.admin1 == fine.admin1) or (
            own_status and precision_of(fine) in {"city", "point"} and km(coarse, fine) <= ADMIN1_KM)
    limit = MERGE_KM if precision_of(coarse) in {"city", "point"} else REGION_KM
    return km(coarse, fine) <= limit


_TARGETING = {"target", "hit", "strike", "attack", "pound", "shell", "bomb"}


def _back_reference(trigger: Token) -> bool:
    """'flights were delayed in A and B as a result of the attack': a definite attack the sentence only refers
    back to; the sentence's places are not where it happened."""
    return (trigger.pos_ == "NOUN" and trigger.dep_ == "pobj"
            and trigger.head.lower_ in {"of", "after", "since", "following", "before", "during", "despite"}
            and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"}
                    for c in trigger.children))


def _origin(heads: Iterable[Token]) -> set[int]:
    """The words of a "from" phrase of the trigger: where an attack was launched from ("launched three missiles from
    systems in the Donetsk region", "rockets fired from the south of the city"), not where it hit."""
    return {t.i for head in heads for child in head.children if child.dep_ == "prep" and child.lower_ == "from"
            for t in child.subtree}


# where the hurt are treated or taken, not where they were hurt: "at the city hospital in A", "a hospital in the
# northern city of A", "were taken to A", "evacuated to hospitals in A"
_CARE_BEFORE = re.compile(
    r"(?:\b(?:hospitals?|clinics?|morgues?|medical\s+(?:cent(?:re|er)s?|facilit(?:y|ies)))\b"
    r"(?:(?!\b(?:after|following|when|from|strikes?|attacks?|shelling)\b)[^.;:!?]){0,40}"
    r"|\b(?:taken|evacuated|transferred|rushed|brought|airlifted|flown|transported|admitted)\s+"
    r"(?:(?!\b(?:after|from|in|at)\b)[^.;:!?,]){0,25}\bto\s+(?:the\s+)?(?:\w+\s+){0,4})$",
    re.I,
)


def care_place(text: str, t: Toponym) -> bool:
    """``t`` names where the wounded are treated or taken ("taken to a hospital in A"): no place of the attack."""
    return bool(_CARE_BEFORE.search(text, max(0, t.start - 80), t.start))


def event_places(mention: Mention, top_by_token: dict[int, Toponym], literal: Sequence[Toponym]) -> list[Toponym]:
    """Places the mention happened at: location arguments of the trigger, else (attacks only) the
    nearest place in the sentence. A statement happens where it is made, so only "in/at X" on its
    own verb counts for it, never a place inside what it is about."""
    sentence = mention.sentence
    trigger = mention.trigger
    assault = mention.category == "ASSAULT"
    near: list[Toponym] = []

    def take(token_iter: Iterable[Token]) -> None:
        for tok in token_iter:
            t = top_by_token.get(tok.i)
            if t is not None and t not in near and usable(t, assault) and not qualifier(tok, top_by_token):
                near.append(t)

    heads = [trigger]
    if assault:
        heads += [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass", "pobj", "nsubj"}]
        if trigger.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            heads.append(trigger.head)  # "the shelling destroyed houses in X and Y"
            heads += [c for c in trigger.head.children if c.dep_ == "dobj"]  # "... houses in X and Y in the region"
    if assault:
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                    take(child.subtree)
    else:  # "speaking at the summit in X", "said in X"; not "called for a ceasefire in X" (``venue``)
        spans = [doc_span for t in statement_venues(trigger, mention.category, top_by_token)
                 if (doc_span := sentence.doc.char_span(t.start, t.end, alignment_mode="expand")) is not None]
        take(span.root for span in spans)
    if assault:
        for child in trigger.children:  # "hit Kyiv", "attacked Odesa"
            if child.dep_ in {"dobj", "nsubjpass", "compound"}:
                take(child.subtree)
            # "fired missiles into Ukraine, targeting Kyiv and Kharkiv": the participle names the targets
            if child.dep_ in {"advcl", "xcomp", "conj"} and child.tag_ == "VBG" and child.lemma_.lower() in _TARGETING:
                for grand in child.children:
                    if grand.dep_ in {"dobj"}:
                        take(grand.subtree)
    if near:
        specific = [t for t in near if t.place is not None and precision_of(t.place) != "country"]
        if assault and specific:
            listed = [t for t in literal if sentence.start_char <= t.start < sentence.end_char and t not in specific
                      and usable(t, True) and precision_of(t.place) != "country"]  # type: ignore[arg-type]
            specific += [t for t in coordinated(specific[0], listed, sentence.doc) if t not in specific]
        return specific or near[:1]
    if not assault or _back_reference(trigger):
        return []
    doc = sentence.doc
    origin = _origin(heads)

    def free(t: Toponym) -> bool:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        return (span is None or (not qualifier(span.root, top_by_token) and span.root.i not in origin)) \
            and not care_place(doc.text, t)

    in_sentence = [t for t in literal if sentence.start_char <= t.start < sentence.end_char and usable(t, True)
                   and free(t)]
    specific = [t for t in in_sentence if t.place is not None and precision_of(t.place) != "country"]
    if specific:
        nearest = min(specific, key=lambda t: abs(t.start - trigger.idx))
        return [nearest] + coordinated(nearest, specific, doc)  # "in A, B and C"
    return in_sentence[:1]
