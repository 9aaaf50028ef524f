"""Toponym tagging and resolution over a parsed spaCy ``Doc``.

Candidates come from capitalised token runs looked up in the gazetteer (longest first); spaCy's NER is
only a hint, because the small model misses or mislabels many places. Each mention is resolved by a
score: name match, population, feature class, and the countries/regions of the other places in the text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..models import Place, Toponym
from .gazetteer import ALIAS, PRIMARY, Candidate, Gazetteer, km, normalize_name

__all__ = ["find_toponyms", "geoparse_rows"]

MAX_TOKENS = 4
BORDERLESS_BONUS = 2.5  # context credit of a place that lies in no one country (a continent, a sea, a region)
SUPPORT_WEIGHT = 1.5
CONTAINER_WEIGHT = 6.0
REGIONAL_BONUS = 6.0  # a name listed with regions, or before "border", is the region ("New York", not the city)
COUNTY_SEAT_KM = 60.0  # 'Charleston' and 'Charleston County': the town within this distance of the county
CLOSE_PAIR = 1.2
FAMOUS_POP = 1_000_000  # a name borne by a metropolis or a country or a state: its namesakes cluster by design
HINT_WEIGHT = 6.0  # a country the caller says the text is about
CURRENCY_WEIGHT = 1.0  # a country the text's currency suggests ('$' amounts: USA)
_DOLLARS = re.compile(r"(?<![A-Za-z])\$\s?\d")
_OTHER_MONEY = re.compile(r"[£€¥₴₽]|\b(?:C|CA|A|AU|NZ|HK|S|US)\$|\b(?:pounds?|euros?|rubles?|roubles?|hryvnias?|"
                          r"rupees?|yuan|yen|pesos?|shekels?|rand)\b", re.I)
SOFTMAX_T = 1.0  # temperature of the readings' probabilities
CONTEXT_ROUNDS = 3
MIN_READING = 0.25  # weaker readings add no context (namesake clusters: London, Paris, Ontario)
CAPITAL_WEIGHT = 1.5  # a national capital is what a bare name usually means
CAPITAL_OF_NAMED = 3.0  # ... above all when the text names its country
ADMIN_WEIGHT = 1.5  # another place of the text lies in the same first-level region
ADMIN_SHARE_WEIGHT = 1.5  # ... and that region dominates the text
ALT_PENALTY = 2.0  # a name that is only an alternate of this place, when another place bears it as its own name
SPELLING_RATIO = 0.6  # similarity of an alternate name to its place's own name that makes it a spelling of it
ALT_RATIO = 3.0  # ... unless the alternate's place is much bigger ('Odessa': Odesa, not Odessa, Texas)
STATE_NAME_PENALTY = 3.0  # a small town that shares the name of a first-level region ('Kansas', Illinois)
_DESIGNATOR_WORDS = {"region", "oblast", "province", "governorate", "krai", "state", "county", "parish"}
# "Zaporizhia region": the region of the city of that name; not "Youngstown State" (a university) or "Clay County"
_REGION_OF_WORDS = {"region", "oblast", "province", "governorate", "krai"}
# "Jerome Township", "West Chester Twp.": a township, placed at a town of its name that the context favours
_TOWNSHIP_WORDS = {"township", "twp"}
# head words of a natural feature's or a park's name ("Kishwaukee River", "Lake Lanier", "Farallon Islands"):
# when the gazetteer lacks the whole name, no word of it is a town ("Lanier", "Vermont", "Farallon")
_FEATURE_WORDS = {"lake", "lakes", "river", "creek", "reservoir", "pond", "sound", "island", "islands", "isle",
                  "mountain", "mountains", "canyon", "national forest", "state forest", "national park", "state park",
                  "glacier"}
_FEATURE_FIRST = {"lake", "river", "mount", "isle"}  # "Lake Vermont", "River Moy"
_WATER_OF = {"gulf", "bay", "sea", "strait", "straits", "isle", "isles", "lake"}  # "Gulf of Mexico", "Bay of Biscay"
# words that make a town's name into another place's: "Harbor City", "Griffith Park" (not Harbor, Griffith)
_PLACE_SUFFIXES = {"city", "heights", "hills", "beach", "gardens", "estates", "colony", "orchard"}
_INNER_WORDS = {"of", "de", "del", "da", "do", "al", "el", "ad", "as", "ash", "ar", "an", "la", "le", "upon",
                "-", "and"}
_MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
# capitalised words that name places somewhere but are almost always something else in news text
_COMMON = {
    "will", "police", "president", "governor", "mayor", "senate", "congress", "house", "city", "county",
    "state", "north", "south", "east", "west", "central", "university", "college", "school", "church",
    "hospital", "street", "road", "avenue", "park", "lake", "river", "mount", "center", "centre", "army",
    "navy", "court", "department", "ministry", "council", "union", "republic", "kingdom", "island",
    "god", "christ", "lord", "mr", "mrs", "ms", "dr", "sir", "chief", "general", "minister", "media",
    "reuters", "internet", "google", "twitter", "facebook", "says", "said", "news", "times", "post",
    "mobile", "victoria", "independence", "liberty", "unity", "hope", "progress", "marines",
    "guard", "justice", "story", "page", "photo", "video", "home", "office", "board", "district",
    "town", "village", "region", "province", "oblast", "national", "international", "federal",
    "american", "democrat", "republican", "christian", "muslim", "jewish", "catholic", "islamic",
    "nations", "tuesday", "earth", "world", "sun", "moon", "bank", "star", "bay", "beach",
    "western", "eastern", "northern", "southern", "northeast", "northwest", "southeast", "southwest",
    "peninsula", "ocean", "sea", "valley", "wing", "white", "red", "orange", "green", "black", "time",
    "most", "vice", "leader", "industry", "research", "energy", "enterprise", "mission", "secretary",
    "luck", "best", "sky", "iron", "day", "war", "way", "force", "man", "chamber", "commerce", "air",
    "market", "garden", "academy", "section", "bureau", "human", "metro", "patrol", "commissioner",
    "officer", "christmas", "easter", "passover", "airport", "hall", "spring", "summer", "winter", "fall",
    "gulf", "superior", "drama", "crescent", "arab", "duma", "sine", "welcome", "friendship", "paradise",
    "hamas", "hezbollah", "taliban", "houthi", "houthis", "wagner", "rev", "principal", "lot", "part",
    "grand", "common", "gold", "coast", "delta", "area", "can", "lane", "trail", "bridge", "marshal",
    "port",
}
_SUFFIX_WORDS = {"air", "base", "airbase", "airfield", "airport", "bridge", "dam", "ocean", "sea", "shipyard",
                 "plant", "field", "naval", "oil"}
# "Orchard St.", "Collins Avenue", "Knox Road": a street, not the town of that name
_STREET_WORDS = {"street", "st", "road", "rd", "avenue", "ave", "av", "boulevard", "blvd", "drive", "dr", "lane",
                 "ln", "parkway", "pkwy", "highway", "hwy", "terrace", "circle", "cir", "pike",
                 "turnpike", "expressway", "freeway", "alley", "parade", "mews"}
# head words of a facility's or an institution's name ("Stonewall Golf Club", "Buckland Elementary")
_FACILITY_WORDS = {"university", "college", "school", "elementary", "academy", "institute", "embassy", "consulate",
                   "ministry", "court", "courthouse", "hospital", "clinic", "hotel", "club", "cathedral", "basilica",
                   "chapel", "church", "mosque", "synagogue", "temple", "centre", "center", "stadium", "arena",
                   "library", "museum", "gallery", "theatre", "theater", "mall", "restaurant", "prison", "jail",
                   "zoo", "company", "corporation", "railroad", "railway", "bank", "parliament", "government",
                   "park"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "in", "at", "on", "of", "for", "and"}
_TITLES = {"mr", "mrs", "ms", "dr", "president", "gen", "general", "sen", "senator", "rep", "gov",
           "governor", "mayor", "minister", "prime", "secretary", "judge", "sheriff", "officer", "lt",
           "col", "capt", "sgt", "king", "queen", "prince", "pope", "saint", "st"}
_SPEECH_VERBS = {
    "say", "deny", "warn", "accuse", "claim", "announce", "condemn", "insist", "reject", "threaten",
    "demand", "respond", "urge", "call", "state", "add", "tell", "believe", "want", "refuse", "agree",
    "hope", "vow", "argue", "blame", "confirm", "report", "dismiss", "decline", "retaliate", "plan",
    "consider", "seek", "offer", "welcome", "criticize", "criticise", "protest", "sanction", "approve",
    "recognize", "recognise", "expel", "summon", "decide", "promise", "pledge", "admit",
}
# where second-level regions go by their bare names ("Kent", "Fife", "Norfolk"), not "X County"
_BARE_COUNTY_COUNTRIES = {"GBR"}
_METONYM_CODES = {"PCLI", "PPLC", "CSTL", "BLDG"}
_BROAD_CODES = {"PCLI", "ADM1", "CONT", "OCN", "SEA", "GULF", "RGN"}
# AP-style US state abbreviations (matched on the token as written, with its periods)
# what is named after a famous place, whatever the text's other places: "the Venice Commission", "Minsk agreements"
_EPONYM_HEADS = {"commission", "pact", "accord", "accords", "agreement", "agreements", "protocol", "format",
                 "convention", "conventions", "treaty", "declaration", "memorandum", "charter", "consensus"}
# words of names that say where in a town ("North Side", "the West End"), not which town
_GENERIC_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "upper",
                  "lower", "old", "new", "central", "side", "end", "shore", "hill", "hills", "point", "village",
                  "town", "city", "heights", "park", "island", "downtown", "uptown", "midtown"}
_NAME_ABBREVIATIONS = {"St.", "Ste.", "Mt.", "Ft.", "Pt."}
_US_STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nebr.": "Nebraska",
    "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico",
    "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma",
    "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina",
    "S.D.": "South Dakota", "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    kind: str
    designated: bool  # "X region", "X Oblast": prefer regions
    forced: Place | None = None  # demonyms
    support: tuple[float, ...] = ()  # per candidate: nearby candidates of other names
    within: frozenset[tuple[str, str | None]] = frozenset()  # "Athens, Ga.": (country, admin1) it lies in
    contains: frozenset[tuple[str, str | None]] = frozenset()  # "Ga." after "Athens,": where Athens may be
    key: str = ""  # the name as one sense per text reads it ("City of Richmond" and "Richmond": one name)
    regional: bool = False  # read as a region: "Missouri, New York and Virginia", "the New York border"
    eponym: bool = False  # names a treaty or a body ("Venice Commission", "Minsk agreements"): the famous place


def _abbreviation_dot(tok: Token) -> bool:
    """'St.', 'Ste.', 'Mt.' inside a name, or the period the tokenizer split from them ('Sault Ste . Marie')."""
    if tok.text in _NAME_ABBREVIATIONS:
        return True
    return tok.text == "." and tok.i > 0 and f"{tok.doc[tok.i - 1].text}." in _NAME_ABBREVIATIONS


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper()


def _single_token_ok(tok: Token, cands: tuple[Candidate, ...], person_words: set[str],
                     sent_starts: frozenset[int] = frozenset()) -> bool:
    low = tok.lower_.rstrip(".")
    alias = any(c.flag == ALIAS for c in cands)
    if low in _MONTHS_DAYS or low in _COMMON or low in _TITLES or len(normalize_name(tok.text)) < 3:
        return alias
    if tok.text.isupper() and len(tok.text) <= 5 and tok.ent_type_ not in {"GPE", "LOC"}:
        return alias
    if tok.ent_type_ in {"GPE", "LOC"}:
        return True
    big = max((c.place.population for c in cands), default=0)
    if alias:
        return True
    if all(c.flag < PRIMARY for c in cands) and big < 100_000:
        return False  # only a small place's alternate name ("Haydn", "Competition"): a word, not that place
    if tok.dep_ == "nsubj" and tok.head.lemma_ in _SPEECH_VERBS and big < 500_000:
        return False  # "Ripley said": a person, unless a big place (a metonym)
    if big >= 100_000:
        return tok.text not in person_words
    if tok.text in person_words:
        return False
    if tok.ent_type_ and (tok.ent_type_ != "FAC"):
        return False  # PERSON, ORG, NORP, ... on a small place: trust the NER
    if (tok.i == 0 or tok.i in sent_starts) and (tok.is_stop or tok.pos_ != "PROPN"):
        return False
    return (tok.pos_ == "PROPN" or tok.text.isupper()) and big >= 1000


def _in_person(doc: Doc, i: int, j: int, cands: tuple[Candidate, ...]) -> bool:
    """True when the span sits in a PERSON name ('Sergei Sobyanin') or follows a title ('Mr.')."""
    tok = doc[i]
    if i > 0 and doc[i - 1].lower_.rstrip(".") in _TITLES and _is_cap(doc[i - 1]):
        return True
    if tok.ent_type_ != "PERSON" or doc[j - 1].lower_ in _DESIGNATOR_WORDS:
        return False  # "Rapides Parish Fire District": the small model's PERSON spans swallow regions
    k = i
    while k < len(doc) and doc[k].ent_type_ == "PERSON" and (k == i or doc[k].ent_iob_ == "I"):
        k += 1
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if k - start > j - i:  # the PERSON entity is longer than the place name
        return True
    big = max((c.place.population for c in cands), default=0)
    return not (any(c.flag == ALIAS for c in cands) or big >= 100_000)


def _region_of(gaz: Gazetteer, base: str, by_city: bool = True) -> Place | None:
    """'Sokoto State': the first-level region of that name; 'Zaporizhia region' when only the city is known by
    that spelling (``by_city``): the city's admin1 region."""
    cands = gaz.candidates(base)
    if any(c.place.feature_code == "PCLI" for c in cands):
        return None  # "US state", "U.S. county": the country, then a common noun
    regions = [c.place for c in cands if c.place.feature_code == "ADM1"]
    biggest = max((c.place for c in cands if c.place.feature_class == "P" and c.place.admin1 and c.place.country),
                  key=lambda p: p.population, default=None)
    if regions and (biggest is None or biggest.population < 5 * max(p.population for p in regions)):
        return max(regions, key=lambda p: p.population)  # "Kharkiv region", not "Charlotte region": Charlotte Parish
    if not by_city or any(c.place.feature_class not in {"P", "A"} for c in cands):
        return None  # "Pacific region": the ocean's, not Pacific, Missouri's
    cities = [c.place for c in cands if c.place.feature_class == "P" and c.place.admin1 and c.place.country]
    if not cities:
        return None
    city = max(cities, key=lambda p: (p.population, p.feature_code == "PPLC"))
    return gaz.admin1_place(city.country or "", city.admin1 or "")


def _towns_of(gaz: Gazetteer, base: str) -> tuple[Candidate, ...]:
    """The populated places called ``base`` (none when it names a country: "US state")."""
    cands = gaz.candidates(base)
    if any(c.place.feature_code == "PCLI" for c in cands):
        return ()
    return tuple(c for c in cands if c.place.feature_class == "P" and c.flag >= PRIMARY)


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-token PERSON names ('Brown' from 'Sherrod Brown'), to catch later bare surnames."""
    return {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e if _is_cap(t)}


def _street_at(doc: Doc, i: int, gaz: Gazetteer) -> Span | None:
    """'Orchard St.', 'North Cooper Street', 'Eglinton Avenue West': capitalised words ending in a street word."""
    j = i
    while j < len(doc) and j - i < 4 and _is_cap(doc[j]) and not doc[j].is_punct:
        low = doc[j].lower_.rstrip(".")
        if low in _STREET_WORDS and j > i:
            prefix = doc.text[doc[i].idx:doc[j - 1].idx + len(doc[j - 1].text)]
            if any(c.flag >= PRIMARY and (c.place.feature_code or "") in _BROAD_CODES
                   for c in gaz.candidates(prefix)):
                return None  # "U.S. Highway 1", "Florida Highway Patrol": the region is named
            end = j + 1
            if end < len(doc) and doc[end].lower_ in {"west", "east", "north", "south"} and _is_cap(doc[end]):
                end += 1
            if gaz.has(doc[i:end].text):
                return None  # a named landmark ("Khreshchatyk Street" in the landmarks file)
            return doc[i:end]
        j += 1
    return None


def _block_of(doc: Doc, i: int) -> Span | None:
    """"the 2200 block of Polk", "the 100 block of East Main": a street named by a police report's address."""
    if i < 2 or doc[i - 1].lower_ != "of" or doc[i - 2].lower_ not in {"block", "blocks"}:
        return None
    j = i
    while j < len(doc) and j - i < 4 and _is_cap(doc[j]) and not doc[j].is_punct:
        j += 1
    return doc[i:j]


def _unknown_feature(doc: Doc, i: int, gaz: Gazetteer, sent_starts: frozenset[int]) -> int | None:
    """'Lake Lanier', 'Kishwaukee River', 'Rocky Mountain National Park': the end of a natural feature's or
    a park's name that starts at ``i`` and that the gazetteer does not know (so none of its words is read as
    a town of that name), else None."""
    j = i
    while (j < len(doc) and j - i < 6 and not doc[j].is_punct and (j == i or j not in sent_starts)
           and (_is_cap(doc[j]) or (j > i and doc[j].lower_ in _INNER_WORDS and doc[j].lower_ != "and"))):
        j += 1
    while j > i + 1 and not _is_cap(doc[j - 1]):
        j -= 1
    if j - i < 2:
        return None
    words = [t.lower_.rstrip(".") for t in doc[i:j]]
    for end in range(j, i + 1, -1):  # the longest run that ends in a feature word
        if words[end - i - 1] in _FEATURE_WORDS or " ".join(words[end - i - 2:end - i]) in _FEATURE_WORDS:
            j = end
            break
    else:
        water_of = words[0] in _WATER_OF and len(words) > 2 and words[1] == "of"  # "Gulf of Mexico"
        if words[0] not in _FEATURE_FIRST and not water_of:
            return None
        # "Lake County Sheriff", "Mount Vernon Police": a known place that starts with the feature word
        if any(gaz.has(doc.text[doc[i].idx:doc[k - 1].idx + len(doc[k - 1].text)]) for k in range(i + 2, j + 1)):
            return None
    text = doc.text[doc[i].idx:doc[j - 1].idx + len(doc[j - 1].text)]
    key = normalize_name(text)
    # known as itself, not only as another name of a town or a parish ("Red River" for Red River Parish)
    known = any(normalize_name(c.place.name) == key or c.place.feature_class not in {"P", "A"}
                for c in gaz.candidates(text))
    return None if known or gaz.demonym(text) is not None else j


def _unknown_suffixed(doc: Doc, i: int, gaz: Gazetteer, sent_starts: frozenset[int]) -> int | None:
    """'Harbor City', 'Griffith Park', 'Tennessee Colony': a name and a place word that the gazetteer does not know
    together; the end of that name when the bare name is only a small town's (or a state's: 'Tennessee Colony'),
    else None."""
    j = i + 1
    if j >= len(doc) or j in sent_starts or not _is_cap(doc[j]) or doc[j].lower_ not in _PLACE_SUFFIXES:
        return None
    if doc[i].is_punct or doc[i].lower_ in _DETERMINERS or gaz.has(doc[i:j + 1].text):
        return None
    if j + 1 < len(doc) and _is_cap(doc[j + 1]) and not doc[j + 1].is_punct:
        return None  # "Greer City Hall", "Paris City Council": the town's own institution
    cands = gaz.candidates(doc[i].text)
    if not cands or any(c.place.population >= 100_000 and (c.place.feature_code or "") != "ADM1"
                        or c.place.geonameid is None or (c.place.feature_code or "") == "PCLI" for c in cands):
        return None
    return j + 1


def _unknown_compound(doc: Doc, i: int, gaz: Gazetteer, sent_starts: frozenset[int]) -> int | None:
    """'a Meadow Grove man', 'Indian Orchard': two or three proper nouns that each name some small place but
    together a place the gazetteer lacks; the end of that name (none of its words is a town), else None."""
    j = i
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and _is_cap(doc[j]) and not doc[j].is_punct and (
            j == i or j not in sent_starts):
        j += 1
    if j - i < 2 or (j < len(doc) and doc[j].pos_ == "PROPN" and _is_cap(doc[j]) and j not in sent_starts):
        return None
    words = [t.lower_.rstrip(".") for t in doc[i:j]]
    if any(w in _COMMON or w in _TITLES or w in _FACILITY_WORDS or w in _STREET_WORDS or w in _MONTHS_DAYS
           or w in _DESIGNATOR_WORDS for w in words):
        return None
    if any(gaz.has(doc[a:b].text) for a in range(i, j - 1) for b in range(a + 2, j + 1)) or any(
            gaz.demonym(t.text) is not None for t in doc[i:j]):
        return None  # "Epicurean Santa Barbara": a known place inside
    named = 0
    for t in doc[i:j]:
        cands = gaz.candidates(t.text)
        if any(c.place.population >= 100_000 or c.place.geonameid is None or c.flag == ALIAS
               or (c.place.feature_code or "") in _BROAD_CODES for c in cands):
            return None  # a big or well-known place inside a name keeps its reading ("Moscow Kremlin")
        named += bool(cands)
    return j if named >= 2 else None


def _candidates_in(doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    mentions: list[_Mention] = []
    person_words = _person_words(doc)
    # Token.is_sent_start scans the whole Doc on every call: read the boundaries once
    sent_starts = frozenset(s.start for s in doc.sents)
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if not _is_cap(tok) or tok.is_punct or tok.lower_ in _DETERMINERS:
            i += 1
            continue
        state = _US_STATES.get(tok.text)
        if state is not None:
            st = gaz.admin1_place("USA", state)
            if st is not None:
                mentions.append(_Mention(tok.idx, tok.idx + len(tok.text), tok.text, (), "literal", True, st))
                i += 1
                continue
        street = _street_at(doc, i, gaz) or _block_of(doc, i)
        if street is not None:
            mentions.append(_Mention(doc[i].idx, street.end_char, street.text, (), "street", False))
            i = street.end
            continue
        skip = (_unknown_feature(doc, i, gaz, sent_starts) or _unknown_compound(doc, i, gaz, sent_starts)
                or _unknown_suffixed(doc, i, gaz, sent_starts))
        if skip is not None:
            i = skip
            continue
        found: _Mention | None = None
        for size in range(min(MAX_TOKENS + 1, n - i), 0, -1):
            j = i + size
            span = doc[i:j]
            last = doc[j - 1]
            if size > 1:
                if not (_is_cap(last) or last.lower_ in _DESIGNATOR_WORDS or last.lower_ in _SUFFIX_WORDS
                        or last.lower_.rstrip(".") in _TOWNSHIP_WORDS):
                    continue
                if any(not _is_cap(t) and t.lower_ not in _INNER_WORDS and t.lower_ not in _SUFFIX_WORDS
                       and not _abbreviation_dot(t) for t in span[1:-1]):
                    continue
                if any((t.i in sent_starts and not _abbreviation_dot(doc[t.i - 1])) or t.text == ","
                       for t in span[1:]):  # the parser ends a sentence at "Sault Ste."
                    continue
            text = doc.text[span.start_char:span.end_char]
            demo = gaz.demonym(text)
            if demo is not None:
                found = _Mention(span.start_char, span.end_char, text, (), "adjectival", False, demo)
                break
            cands = gaz.candidates(text)
            if not cands:
                if size > 1 and last.lower_.rstrip(".") in _TOWNSHIP_WORDS:
                    base = doc.text[span.start_char:doc[j - 2].idx + len(doc[j - 2].text)]
                    towns = _towns_of(gaz, base)
                    if towns:
                        found = _Mention(span.start_char, span.end_char, text, towns, "literal", False)
                        break
                if size > 1 and last.lower_ in _DESIGNATOR_WORDS:
                    base = doc.text[span.start_char:doc[j - 2].idx + len(doc[j - 2].text)]
                    region = _region_of(gaz, base, by_city=last.lower_ in _REGION_OF_WORDS)
                    if region is not None:
                        found = _Mention(span.start_char, span.end_char, text, (), "literal", True, region)
                        break
                    towns = _towns_of(gaz, base) if last.lower_ not in _REGION_OF_WORDS else ()
                    if towns:  # "Youngstown State", "Belchertown State School": named after the town
                        found = _Mention(span.start_char, span.end_char, text, towns, "literal", False)
                        break
                continue
            if size > 1 and all(t.lower_ in _GENERIC_WORDS for t in span) and not any(
                    c.flag >= PRIMARY and c.place.population >= 100_000 for c in cands):
                # "North Side", "West Side": a part of the text's town, not a place called so elsewhere
                found = _Mention(span.start_char, span.end_char, text, (), "district", False)
                break
            if size == 1 and not _single_token_ok(tok, cands, person_words, sent_starts):
                break
            if _in_person(doc, i, j, cands):
                break
            designated = last.lower_ in _DESIGNATOR_WORDS
            city_of = size > 2 and span[0].lower_ in {"city", "town"} and span[1].lower_ == "of"
            if size > 1 and (designated or last.lower_ == "city" or city_of):
                # "Maryland State": the regions called "Maryland" are readings too; "Las Vegas City", "City of
                # Richmond": the towns called so
                base = (doc.text[span[2].idx:span.end_char] if city_of
                        else doc.text[span.start_char:doc[j - 2].idx + len(doc[j - 2].text)])
                codes = {"ADM1", "ADM2"} if designated else None
                have = {_place_id(c.place) for c in cands}
                own = _region_of(gaz, base) if last.lower_ in _REGION_OF_WORDS else None
                if own is not None and _place_id(own) not in have:  # "Charlotte region": North Carolina too
                    cands = (*cands, Candidate(own, PRIMARY))
                    have.add(_place_id(own))
                cands = cands + tuple(
                    c for c in gaz.candidates(base) if c.flag >= PRIMARY and _place_id(c.place) not in have and (
                        (c.place.feature_code or "") in codes if codes else c.place.feature_class == "P"))
            found = _Mention(span.start_char, span.end_char, text, cands, "literal", designated)
            break
        if found is not None:
            mentions.append(found)
            i = doc.char_span(found.start, found.end, alignment_mode="expand").end  # type: ignore[union-attr]
        else:
            i += 1
    return mentions


def _base_score(c: Candidate, m: _Mention) -> float:
    p = c.place
    code = p.feature_code or ""
    s = math.log10(p.population + 10)
    if code == "PPLC":
        s += CAPITAL_WEIGHT
    s += {ALIAS: 5.0, PRIMARY: 1.5}.get(c.flag, 0.0)
    if m.designated:
        s += 4.0 if code in {"ADM1", "ADM2"} else -4.0
    elif code == "ADM1" or code == "ADM2" and p.country not in _BARE_COUNTY_COUNTRIES:
        s -= 1.5
    if code == "PCLI":
        s += 1.5
    if p.geonameid is None:  # a hand-made landmark entry: named on purpose, outranks homonyms
        s += 2.0
    elif p.feature_class not in {"P", "A"}:
        s -= 0.5
    return s


def _locality(p: Place) -> float:
    """How much naming this place says the text is about its region: big cities are named from anywhere
    ('flights to New York'), small towns and counties mostly by local news."""
    if p.feature_code == "PPLC" or p.population >= 1_000_000:
        return 0.25
    return 0.5 if p.population >= 200_000 else 1.0


@dataclass(slots=True)
class _Context:
    """Countries, regions and points of the readings so far, weighed by their probability, per mention text
    (to leave one out). Soft: a name keeps every plausible reading, so one early mistake does not lock in."""

    countries: Counter[str]
    admins: Counter[tuple[str, str]]
    points: list[tuple[str, float, float, float]]
    by_key: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]]
    hints: frozenset[str] = frozenset()
    soft: frozenset[str] = frozenset()  # countries the text's currency suggests
    named: Counter[str] = field(default_factory=Counter)  # countries named outright (name or demonym)

    @classmethod
    def build(cls, mentions: list[_Mention], readings: list[list[tuple[Place, float]]],
              hints: Sequence[str], soft: frozenset[str] = frozenset()) -> _Context:
        countries: Counter[str] = Counter()
        admins: Counter[tuple[str, str]] = Counter()
        points: list[tuple[str, float, float, float]] = []
        by_key: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
        for m, dist in zip(mentions, readings, strict=True):
            key = m.key or normalize_name(m.text)
            for place, prob in dist:
                if not place.country or prob < MIN_READING:
                    continue
                own_c, own_a = by_key.setdefault(key, (Counter(), Counter()))
                w = min(prob, 1.0) * (0.5 if m.kind == "adjectival" else 1.0)
                countries[place.country] += w  # type: ignore[assignment]
                own_c[place.country] += w  # type: ignore[assignment]
                if place.admin1:
                    aw = w * (3.0 if place.feature_code == "ADM1" else _locality(place))
                    admins[(place.country, place.admin1)] += aw  # type: ignore[assignment]
                    own_a[(place.country, place.admin1)] += aw  # type: ignore[assignment]
                if place.feature_class in {"P", "S"} and w >= 0.1:
                    points.append((key, place.lat, place.lon, w))
        named: Counter[str] = Counter(
            place.country for dist in readings for place, prob in dist
            if prob >= 0.5 and place.feature_code == "PCLI" and place.country)
        return cls(countries, admins, points, by_key, frozenset(h.upper() for h in hints), soft, named)

    def bonus(self, key: str, p: Place) -> float:
        if not p.country:
            # a continent, a sea, "the Middle East": no country to agree with, and none to contradict
            return BORDERLESS_BONUS if p.feature_class in {"L", "H"} else 0.0
        own_c, own_a = self.by_key.get(key, (Counter(), Counter()))
        total = sum(self.countries.values()) - sum(own_c.values())
        n_c = self.countries.get(p.country, 0) - own_c.get(p.country, 0)
        s = HINT_WEIGHT if p.country in self.hints else 0.0
        if p.country in self.soft and p.feature_code != "PCLI":
            s += CURRENCY_WEIGHT
        if n_c > 0.2:
            s += 1.0 + 2.0 * n_c / max(total, 1e-9)
        if p.admin1:
            a = (p.country, p.admin1)
            n_a = self.admins.get(a, 0) - own_a.get(a, 0)
            if n_a > 0.2:
                total_a = sum(v for k, v in self.admins.items() if k[0] == p.country) - sum(
                    v for k, v in own_a.items() if k[0] == p.country)
                s += ADMIN_WEIGHT * min(1.0, n_a) + ADMIN_SHARE_WEIGHT * min(1.0, n_a / 2.0) * n_a / max(total_a, 1e-9)
        if p.feature_class in {"P", "S"}:
            near = sum(w for k, lat, lon, w in self.points
                       if k != key and abs(lat - p.lat) < 1.2 and abs(lon - p.lon) < 1.6)
            s += min(1.0, near)
        return s


def _containment(p: Place, m: _Mention) -> float:
    """Strategy "container": 'Athens, Ga.' / 'Paris, France' — the place lies in the region named after it."""
    s = 0.0
    if m.within and p.country:
        if (p.country, p.admin1) in m.within:
            s += CONTAINER_WEIGHT
        elif (p.country, None) in m.within:
            s += CONTAINER_WEIGHT / 2
    if m.contains and p.country and (p.feature_code or "") in {"ADM1", "PCLI"}:
        key = (p.country, p.admin1 if p.feature_code == "ADM1" else None)
        if key in m.contains:
            s += CONTAINER_WEIGHT / 2
    return s


def _score(c: Candidate, m: _Mention, key: str, ctx: _Context | None, idx: int = -1) -> float:
    if m.eponym:
        ctx, idx = None, -1  # the text's other places say nothing about where the Venice Commission is named after
    s = _base_score(c, m) + (ctx.bonus(key, c.place) if ctx else 0.0) + _containment(c.place, m)
    if ctx is not None and c.flag >= PRIMARY and c.place.feature_code == "PPLC" and ctx.named.get(
            c.place.country or "", 0) >= 1:
        s += CAPITAL_OF_NAMED  # "Washington" in a text that names the United States
    if 0 <= idx < len(m.support):
        s += SUPPORT_WEIGHT * m.support[idx]
    code = c.place.feature_code or ""
    if m.regional and code == "ADM1" and c.flag >= PRIMARY:
        s += REGIONAL_BONUS
    if not m.designated and code in {"ADM1", "ADM2"}:
        if any(o.place.feature_class == "P" and o.place.population >= 1_000_000 for o in m.candidates):
            s -= 2.0  # a big city outranks the region that shares its name ("New York", "Moscow")
        elif c.flag == PRIMARY and code == "ADM1" and not any(
                o.place.feature_class == "P" and o.place.population >= 100_000 for o in m.candidates):
            s += 2.0  # a first-level region called by its own name beats small towns ("Oregon", "Kansas")
    if c.flag < PRIMARY and any(o.flag >= PRIMARY and o.place.feature_code == "PCLI" for o in m.candidates):
        s -= 3.0  # a country's own name means the country, not a city that has it as an alternate ("Mexico")
    elif c.flag < PRIMARY and c.place.feature_class == "P" and any(
            o.flag >= PRIMARY and o.place.feature_class == "P" for o in m.candidates) and (
            not _spelling_of(key, c.place.name) or c.place.population <= ALT_RATIO * max(
                o.place.population for o in m.candidates if o.flag >= PRIMARY and o.place.feature_class == "P")):
        # another place's former or variant name loses to a place of that very name, unless it is a spelling of
        # a much bigger place's name ('Odessa': Odesa; but 'Twickenham' is not Huntsville, Alabama)
        s -= ALT_PENALTY
    if (c.place.feature_class == "P" and c.place.population < 100_000 and not m.designated and not m.within
            and any(o.flag == PRIMARY and o.place.feature_code == "ADM1" and o.place.population >= 1_000_000
                    for o in m.candidates)
            and not any(o.flag >= PRIMARY and o.place.feature_class == "P" and o.place.population >= 100_000
                        for o in m.candidates)):
        s -= STATE_NAME_PENALTY  # "Kansas", "Florida": the state, unless a container says the town ("Florida, Mass.")
    return s


def _spelling_of(key: str, name: str) -> bool:
    """'odessa' for Odesa, 'kharkov' for Kharkiv: a transliteration, not a former or unrelated name."""
    return SequenceMatcher(None, key, normalize_name(name)).ratio() >= SPELLING_RATIO


def _readings(mentions: list[_Mention], ctx: _Context | None) -> list[list[tuple[Place, float]]]:
    """Per mention, its plausible places with a probability (softmax of the scores)."""
    out: list[list[tuple[Place, float]]] = []
    for m in mentions:
        if m.forced is not None:
            out.append([(m.forced, 1.0)])
            continue
        key = m.key or normalize_name(m.text)
        scores = [_score(c, m, key, ctx, i) for i, c in enumerate(m.candidates)]
        if not scores:
            out.append([])
            continue
        top = max(scores)
        exps = [math.exp((x - top) / SOFTMAX_T) for x in scores]
        z = sum(exps)
        out.append([(c.place, e / z) for c, e in zip(m.candidates, exps, strict=True) if e / z >= 0.02])
    return out


def _choose(mentions: list[_Mention], ctx: _Context | None) -> list[tuple[Place | None, float]]:
    """Best place per mention and a confidence weight (1 when it clearly wins)."""
    out: list[tuple[Place | None, float]] = []
    for m in mentions:
        if m.forced is not None:
            out.append((m.forced, 1.0))
            continue
        key = m.key or normalize_name(m.text)
        scored = sorted(((_score(c, m, key, ctx, i), c.place) for i, c in enumerate(m.candidates)),
                        key=lambda x: -x[0])
        if not scored:
            out.append((None, 0.0))
            continue
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
        out.append((scored[0][1], 1.0 if margin >= 1.0 else 0.3))
    return out


def _place_id(p: Place) -> tuple[str, float, float]:
    return p.name, p.lat, p.lon


def _mutual_support(mentions: list[_Mention]) -> dict[tuple[str, tuple[str, float, float]], float]:
    """Candidates of different names that lie close together support each other (Paris + Henry County, TN)."""
    grid: dict[tuple[int, int], list[tuple[str, float, float, float]]] = {}
    merged: dict[str, dict[tuple[str, float, float], Candidate]] = {}
    for m in mentions:
        for c in m.candidates:  # "Richmond" and "City of Richmond": one name, its readings merged
            merged.setdefault(m.key or normalize_name(m.text), {}).setdefault(_place_id(c.place), c)
    by_key = {key: tuple(cands.values()) for key, cands in merged.items()}
    # a name that first means a country, a state or a big city: its namesake towns cluster by design
    # (Mexico and California, Missouri), so two such names close together are no evidence
    famous = {key: any(c.place.population >= FAMOUS_POP or (c.flag >= PRIMARY and c.place.feature_code in
                                                            {"PCLI", "ADM1"}) for c in cands)
              for key, cands in by_key.items()}
    # the country of a name's biggest bearer (a city of 100,000 or more): 'Manchester' and 'Colchester' are
    # English cities; their namesakes side by side in Connecticut are a transplanted naming, no evidence
    abroad: dict[str, str | None] = {}
    for key, cands in by_key.items():
        big = max((c.place for c in cands if c.place.feature_class == "P"), key=lambda p: p.population, default=None)
        abroad[key] = big.country if big is not None and big.population >= 100_000 else None
    for key, cands in by_key.items():
        local = [c.place for c in cands if (c.place.feature_code or "") not in _BROAD_CODES]
        if not local:
            continue
        w = 1.0 / math.sqrt(len(local))
        for p in local:
            grid.setdefault((int(p.lat // 1), int(p.lon // 1)), []).append((key, p.lat, p.lon, w))
    support: dict[tuple[str, tuple[str, float, float]], float] = {}
    if len(by_key) < 2:
        return support
    for key, cands in by_key.items():
        for c in cands:
            p = c.place
            if (p.feature_code or "") in _BROAD_CODES:
                continue
            best: dict[str, float] = {}
            gy, gx = int(p.lat // 1), int(p.lon // 1)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for k, lat, lon, w in grid.get((gy + dy, gx + dx), ()):
                        if k != key and abs(lat - p.lat) < 0.8 and abs(lon - p.lon) < 1.0:
                            # within ~30 km: a pair that rarely lines up by chance (Paris in Henry County)
                            close = (abs(lat - p.lat) < 0.3 and abs(lon - p.lon) < 0.4
                                     and not (famous[key] and famous[k])
                                     and not (abroad[key] and abroad[key] == abroad[k] != p.country))
                            best[k] = max(best.get(k, 0.0), max(w, CLOSE_PAIR) if close else w)
            if best:
                support[(key, _place_id(p))] = min(1.5, sum(best.values()))
    return support


def _regions_named(m: _Mention) -> frozenset[tuple[str, str | None]]:
    """The (country, admin1) keys a mention may name: a state, a country ('Ga.', 'Texas', 'France')."""
    if m.forced is not None:
        p = m.forced
        if p.country and (p.feature_code or "") == "ADM1":
            return frozenset({(p.country, p.admin1)})
        if p.country and (p.feature_code or "") == "PCLI" and m.kind != "adjectival":
            return frozenset({(p.country, None)})
        return frozenset()
    out: set[tuple[str, str | None]] = set()
    for c in m.candidates:
        p = c.place
        if p.country and (p.feature_code or "") == "ADM1" and c.flag >= PRIMARY:
            out.add((p.country, p.admin1))
        elif p.country and (p.feature_code or "") == "PCLI":
            out.add((p.country, None))
    return frozenset(out)


def _link_containers(mentions: list[_Mention], text: str) -> None:
    """'Athens, Ga.', 'Decatur, Illinois', 'Paris, France': the second names where the first lies."""
    for n, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if text[a.end:b.start].strip() != "," or not a.candidates:
            continue
        if b.forced is None or b.forced.feature_code != "ADM1" or b.text not in _US_STATES:
            # "stops in Washington, New York and Boston": a list of places, not a town and its state
            after = mentions[n + 2] if n + 2 < len(mentions) else None
            before = mentions[n - 1] if n > 0 else None
            if (after is not None and text[b.end:after.start].strip(" ,") in {"and", "or"}) or (
                    before is not None and text[before.end:a.start].strip() == ","
                    and not _regions_named(a)):
                continue
        regions = _regions_named(b)
        if not regions:
            continue
        inside = {k for k in regions for c in a.candidates
                  if c.place.country == k[0] and (k[1] is None or c.place.admin1 == k[1])
                  and (c.place.feature_code or "") not in {"ADM1", "PCLI"}}
        if inside:
            a.within = frozenset(inside)
            b.contains = frozenset(inside)
    # one sense per text: "Springfield, Ohio" once, then "Springfield", "SPRINGFIELD", "Springfield City"
    named: dict[str, set[tuple[str, str | None]]] = {}
    for m in mentions:
        if m.within:
            named.setdefault(_base_key(m.text), set()).update(m.within)
    if not named:
        return
    for m in mentions:
        if m.within or not m.candidates:
            continue
        regions = named.get(_base_key(m.text))
        if regions and any(c.place.country == k[0] and (k[1] is None or c.place.admin1 == k[1])
                           for k in regions for c in m.candidates):
            m.within = frozenset(regions)


_TOWN_OF = ("city of ", "town of ", "village of ", "borough of ")


def _name_key(m: _Mention) -> str:
    """The key a mention's name shares with its other forms in the text ("City of Richmond", "Springfield
    City"), so that a name is never its own context."""
    key = normalize_name(m.text)
    for prefix in _TOWN_OF:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key[len(prefix):]
    for suffix in (" city", " town"):
        if key.endswith(suffix) and any(normalize_name(c.place.name) == key[:-5] for c in m.candidates):
            return key[:-5]
    return key


_REGION_AFTER = {"border", "borders", "line", "state", "statewide", "legislature", "lawmakers"}


def _is_region_name(m: _Mention) -> bool:
    """A name whose own reading is a first-level region ('Missouri', 'Ga.', 'North Carolina')."""
    if m.forced is not None:
        return (m.forced.feature_code or "") == "ADM1"
    regions = any(c.flag >= PRIMARY and (c.place.feature_code or "") == "ADM1" for c in m.candidates)
    return regions and not any(c.place.feature_class == "P" and c.place.population >= 100_000 for c in m.candidates)


def _mark_regional(mentions: list[_Mention], text: str) -> None:
    """'Missouri, New York, North Carolina and Virginia', 'near the New York border', 'Rego Park, New York':
    a name that is both a big city and a region means the region there."""
    for n, m in enumerate(mentions):
        if not any(c.flag >= PRIMARY and (c.place.feature_code or "") == "ADM1" for c in m.candidates) or any(
                c.flag >= PRIMARY and c.place.feature_code == "PCLI" for c in m.candidates):
            continue  # "Mexico", "Georgia": a country first
        if m.within:
            continue  # "Athens, Ga.": the container says which
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        if nxt is not None and text[m.end:nxt.start].strip() == "," and {_place_id(c.place) for c in m.candidates} & {
                _place_id(c.place) for c in nxt.candidates}:
            continue  # "Texas and Washington, D.C.": the next name says which
        after = text[m.end:m.end + 20].split()
        if m.contains or (after and after[0].strip(".,;:").lower() in _REGION_AFTER):
            m.regional = True
            continue
        listed = 0
        for k in (n - 1, n + 1):
            if not 0 <= k < len(mentions):
                continue
            o = mentions[k]
            gap = text[o.end:m.start] if k < n else text[m.end:o.start]
            if gap.strip(" ,").lower() in {"", "and", "or"} and gap.strip() and _is_region_name(o):
                listed += 1
        m.regional = listed > 0


def _link_county_seats(mentions: list[_Mention]) -> None:
    """'Charleston' in a text that also names 'Charleston County': the town of that name in (or right by) the
    county, as if the text had written 'Charleston, S.C.'."""
    counties: dict[str, list[Place]] = {}
    for m in mentions:
        words = m.text.rsplit(" ", 1)
        if m.designated and len(words) == 2 and words[1].lower() in {"county", "parish"}:
            found = [c.place for c in m.candidates if c.place.feature_code == "ADM2" and c.flag >= PRIMARY]
            if found:
                counties.setdefault(normalize_name(words[0]), []).extend(found)
    if not counties:
        return
    for m in mentions:
        seats = counties.get(_base_key(m.text))
        if not seats or m.within or m.designated:
            continue
        # a town by the county, or the county itself ("DeKalb" for DeKalb County, Georgia)
        near = frozenset((c.place.country, c.place.admin1) for c in m.candidates for county in seats
                         if c.place.country and c.place.admin1 == county.admin1 and c.place.country == county.country
                         and (c.place.feature_class == "P" and km(c.place, county) <= COUNTY_SEAT_KM
                              or _place_id(c.place) == _place_id(county)))
        if near:
            m.within = near


def _base_key(text: str) -> str:
    """The name without a trailing 'City' ("Dublin City" and "Dublin" are one town in one text)."""
    key = normalize_name(text)
    return key[:-5] if key.endswith(" city") and len(key) > 8 else key


def _currency_countries(text: str) -> frozenset[str]:
    """Strategy "currency": amounts in bare dollars ('$10.3 million') and no other currency sign suggest a US
    text: a small hint, that a famous foreign namesake ('Dublin', 'Paris') still outweighs without other clues."""
    if _DOLLARS.search(text) and not _OTHER_MONEY.search(text):
        return frozenset({"USA"})
    return frozenset()


def _names_foreign_country(readings: list[list[tuple[Place, float]]], home: str) -> bool:
    """True when the text names another country than ``home`` (its name or its demonym)."""
    for dist in readings:
        for place, prob in dist:
            if prob >= 0.5 and place.feature_code == "PCLI" and place.country and place.country != home:
                return True
    return False


def _resolve(mentions: list[_Mention], hints: Sequence[str], text: str = "") -> list[tuple[Place | None, float]]:
    if text:
        _link_containers(mentions, text)
    _link_county_seats(mentions)
    if text:
        _mark_regional(mentions, text)
    for m in mentions:
        m.key = _name_key(m)
    support = _mutual_support(mentions)
    for m in mentions:
        m.support = tuple(support.get((m.key, _place_id(c.place)), 0.0) for c in m.candidates)
    readings = _readings(mentions, _Context.build([], [], hints) if hints else None)
    soft = _currency_countries(text) if not _names_foreign_country(readings, "USA") else frozenset()
    for _ in range(CONTEXT_ROUNDS):
        ctx = _Context.build(mentions, readings, hints, soft)
        readings = _readings(mentions, ctx)
    ctx = _Context.build(mentions, readings, hints, soft)
    chosen = _choose(mentions, ctx)
    out: list[tuple[Place | None, float]] = []
    for m, (place, _w) in zip(mentions, chosen, strict=True):
        if place is None or m.forced is not None:
            out.append((place, 1.0 if place else 0.0))
            continue
        best = max(_score(c, m, m.key, ctx, i) for i, c in enumerate(m.candidates))
        out.append((place, round(best, 3)))
    return out


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


def _place_facilities(doc: Doc, mentions: list[_Mention],
                      resolved: list[tuple[Place | None, float]]) -> list[tuple[Place | None, float]]:
    """Strategy "facility": a demonym or a small town's name inside a facility's name ('British Embassy Tokyo',
    'University of St. Thomas in Houston') is placed at the place named right after the facility; a small
    town's name that ends a person's name ('Robert Trent Jones Golf Club') at the text's main town. Big places
    inside a name ('Texas Southern University', 'Kharkiv Regional Hospital') keep their own reading."""
    focus = None
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
        after = _next_place(mentions, resolved, k, found[0], doc.text)
        if after is not None:
            out[k] = (after, resolved[k][1])
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        prev = doc[span.start - 1] if span is not None and span.start > 0 else None
        named_after = (prev is not None and _is_cap(prev) and not prev.is_punct and prev.pos_ == "PROPN"
                       and prev.lower_ not in _DETERMINERS and (span.start - 1) not in {s.start for s in doc.sents})
        if small and named_after:  # "Marjory Stoneman Douglas High School": a person's name, not the town
            if focus is None:
                focus = _focus_city(resolved) or False
            if focus and (focus.country, focus.admin1) != (place.country, place.admin1):
                out[k] = (focus, resolved[k][1])
    return out


def find_toponyms(doc: Doc, gazetteer: Gazetteer, *, hints: Sequence[str] = (),
                  streets: bool = False) -> list[Toponym]:
    """Every place mention in ``doc.text``, in text order, resolved to a gazetteer ``Place``.

    Streets ("Orchard St.") never resolve to the town of their name. With ``streets`` they are kept, placed
    at the text's main town (strategy "focus"); without, they are left out. Districts named by generic words
    ("the South Side") are always placed at the main town, or left out when the text has none."""
    mentions = _candidates_in(doc, gazetteer)
    for m in mentions:
        after = doc.text[m.end:m.end + 16].split()
        m.eponym = bool(after) and after[0].strip(".,;:'’").lower() in _EPONYM_HEADS and not m.designated
    resolved = _resolve(mentions, hints, doc.text)
    resolved = _place_facilities(doc, mentions, resolved)
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
