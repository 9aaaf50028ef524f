"""Toponym mentions in a parsed spaCy ``Doc``: which capitalised token runs name places, and their readings.

Candidates come from capitalised token runs looked up in the gazetteer (longest first); spaCy's NER is
only a hint, because the small model misses or mislabels many places. Streets, a police report's blocks, and
natural features, parks and compounds the gazetteer does not know are recognised as such, so that none of
their words is read as a town of that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..models import Place
from .gazetteer import ALIAS, PRIMARY, Candidate, Gazetteer, normalize_name, war_zone_iso3

MAX_TOKENS = 4
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
# head words of a camp's or a quarter's name that the gazetteer may hold whole ("Zamzam camp", "Jenin camp"); when it
# does not, the name before the word is read alone ("Nuseirat camp": Nuseirat)
_CAMP_WORDS = {"camp", "camps"}
# the lower-case Arabic article joined to a name by a hyphen ("al-Mawasi", "el-Hilweh"): part of the name when the
# gazetteer holds it whole
_LOWER_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "en", "es", "et", "ez"}
# a word after these is a place the text locates something at ("in Kidal"), even when the small NER model calls it a
# nationality: a town of the countries at war (war_zones.tsv), not any namesake ("in Bains and Grants Town")
_LOCATIVE_PREPS = {"in", "at", "near", "outside", "around", "into", "from", "of", "towards", "toward"}
_TITLES = {"mr", "mrs", "ms", "dr", "president", "gen", "general", "sen", "senator", "rep", "gov", "admiral", "adm",
           "colonel", "col", "lieutenant", "captain", "sergeant", "commander", "brigadier", "corporal",
           "governor", "mayor", "minister", "prime", "secretary", "judge", "sheriff", "officer", "lt",
           "capt", "sgt", "king", "queen", "prince", "pope", "saint", "st"}
_SPEECH_VERBS = {
    "say", "deny", "warn", "accuse", "claim", "announce", "condemn", "insist", "reject", "threaten",
    "demand", "respond", "urge", "call", "state", "add", "tell", "believe", "want", "refuse", "agree",
    "hope", "vow", "argue", "blame", "confirm", "report", "dismiss", "decline", "retaliate", "plan",
    "consider", "seek", "offer", "welcome", "criticize", "criticise", "protest", "sanction", "approve",
    "recognize", "recognise", "expel", "summon", "decide", "promise", "pledge", "admit",
}
_BROAD_CODES = {"PCLI", "ADM1", "CONT", "OCN", "SEA", "GULF", "RGN"}
# words of names that say where in a town ("North Side", "the West End"), not which town
_GENERIC_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "upper",
                  "lower", "old", "new", "central", "side", "end", "shore", "hill", "hills", "point", "village",
                  "town", "city", "heights", "park", "island", "downtown", "uptown", "midtown"}
_NAME_ABBREVIATIONS = {"St.", "Ste.", "Mt.", "Ft.", "Pt."}
# AP-style US state abbreviations (matched on the token as written, with its periods)
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


def _place_id(p: Place) -> tuple[str, float, float]:
    """A place's identity among the candidates of a text: its name and its point."""
    return p.name, p.lat, p.lon


def _abbreviation_dot(tok: Token) -> bool:
    """'St.', 'Ste.', 'Mt.' inside a name, or the period the tokenizer split from them ('Sault Ste . Marie')."""
    if tok.text in _NAME_ABBREVIATIONS:
        return True
    return tok.text == "." and tok.i > 0 and f"{tok.doc[tok.i - 1].text}." in _NAME_ABBREVIATIONS


def _is_cap(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper()


def _single_token_ok(tok: Token, cands: tuple[Candidate, ...], person_words: set[str],
                     sent_starts: frozenset[int] = frozenset(), home: frozenset[str] = frozenset()) -> bool:
    """Whether one capitalised word is a place. ``home``: the countries the text names; there a small
    town's transliterated name ('Huliaipole', 'Marinka') or a town the small NER model calls a person
    ('Avdiivka') is still a town."""
    low = tok.lower_.rstrip(".")
    alias = any(c.flag == ALIAS for c in cands)
    if low in _MONTHS_DAYS or low in _COMMON or low in _TITLES or len(normalize_name(tok.text)) < 3:
        return alias
    if tok.like_num:  # "Ten people were killed": a count, not the alternate name of a province
        return alias
    if tok.text.isupper() and len(tok.text) <= 5 and tok.ent_type_ not in {"GPE", "LOC"}:
        return alias
    if tok.ent_type_ in {"GPE", "LOC"}:
        return True
    big = max((c.place.population for c in cands), default=0)
    if alias:
        return True
    at_home = (tok.pos_ == "PROPN" and tok.text not in person_words and not tok.is_sent_start
               and any(c.place.country in home and c.place.feature_class == "P" for c in cands))
    if all(c.flag < PRIMARY for c in cands) and big < 100_000 and not at_home:
        return False  # only a small place's alternate name ("Haydn", "Competition"): a word, not that place
    if tok.dep_ == "nsubj" and tok.head.lemma_ in _SPEECH_VERBS and big < 500_000:
        return False  # "Ripley said": a person, unless a big place (a metonym)
    if big >= 100_000:
        return tok.text not in person_words
    if tok.text in person_words:
        return False
    located = (tok.ent_type_ == "NORP" and tok.i > 0 and tok.nbor(-1).lower_ in _LOCATIVE_PREPS and big >= 1000
               and any(c.place.country in war_zone_iso3() and c.place.feature_class == "P" for c in cands))
    if tok.ent_type_ and tok.ent_type_ != "FAC" and not at_home and not located:
        return False  # PERSON, ORG, NORP, ... on a small place: trust the NER (but "in Kidal" is a place)
    if (tok.i == 0 or tok.i in sent_starts) and (tok.is_stop or tok.pos_ != "PROPN"):
        return False
    return (tok.pos_ == "PROPN" or tok.text.isupper()) and (big >= 1000 or at_home)


def _in_person(doc: Doc, i: int, j: int, cands: tuple[Candidate, ...], home: frozenset[str] = frozenset()) -> bool:
    """True when the span sits in a PERSON name ('Sergei Sobyanin') or follows a title ('Mr.'); a PERSON that is
    just the name of a town in a country the text names ('positions in Krynky') is the town."""
    tok = doc[i]
    if i > 0 and doc[i - 1].lower_.rstrip(".") in _TITLES and _is_cap(doc[i - 1]):
        return True
    if tok.ent_type_ != "PERSON" or doc[j - 1].lower_ in _DESIGNATOR_WORDS or doc[j - 1].lower_ in _CAMP_WORDS:
        return False  # "Rapides Parish Fire District", "Zamzam camp": the small model's PERSON spans swallow places
    k = i
    while k < len(doc) and doc[k].ent_type_ == "PERSON" and (k == i or doc[k].ent_iob_ == "I"):
        k += 1
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if k - start > j - i:  # the PERSON entity is longer than the place name
        return True
    big = max((c.place.population for c in cands), default=0)
    at_home = any(c.place.country in home and c.place.feature_class == "P" for c in cands)
    return not (any(c.flag == ALIAS for c in cands) or big >= 100_000 or at_home)


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


# words of newspaper and broadcaster names, which the small NER model often calls persons ("Amarillo Globe-News")
_MEDIA_WORDS = {"news", "times", "gazette", "post", "herald", "tribune", "journal", "globe", "star", "sun", "daily",
                "press", "courier", "chronicle", "register", "observer", "dispatch", "telegraph", "record", "review",
                "bee", "inquirer", "sentinel", "examiner", "enquirer", "mercury", "beacon", "citizen", "independent"}


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-token PERSON names ('Brown' from 'Sherrod Brown'), to catch later bare surnames; not of
    a newspaper's name the model took for a person ('Amarillo' from 'Amarillo Globe-News')."""
    return {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1
            and not any(w.lower_ in _MEDIA_WORDS for w in e) for t in e if _is_cap(t)}


def _street_at(doc: Doc, i: int, gaz: Gazetteer) -> Span | None:
    """'Orchard St.', 'North Cooper Street', 'Eglinton Avenue West': capitalised words ending in a street word."""
    j = i
    while j < len(doc) and j - i < 4 and _is_cap(doc[j]) and not doc[j].is_punct:
        low = doc[j].lower_.rstrip(".")
        if low in _STREET_WORDS and j > i:
            prefix = doc[i:j].text
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
        if any(gaz.has(doc[i:k].text) for k in range(i + 2, j + 1)):
            return None
    text = doc[i:j].text
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


@lru_cache(maxsize=1)
def _compound_heads() -> frozenset[str]:
    text = resources.files("warwatch").joinpath("data/compound_heads.tsv").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_ARABIC_ARTICLE = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|[Ee][dnrstz]|[Ee]sh)-[A-Z]")


def _headless_compound(doc: Doc, i: int, sent_starts: frozenset[int]) -> bool:
    """'Ain Qana', 'Kfar Hamam', 'Deir al-Zahrani': the first word of a name the gazetteer lacks whole."""
    j = i + 1
    if doc[i].text not in _compound_heads() or j >= len(doc) or j in sent_starts:
        return False
    nxt = doc[j]
    return (_is_cap(nxt) and nxt.is_alpha and nxt.lower_ not in _MONTHS_DAYS) or bool(_ARABIC_ARTICLE.match(nxt.text)) \
        or (nxt.lower_ in {"al", "el", "ad", "as", "ash", "an", "ar", "az", "ed", "en", "es"} and j + 1 < len(doc))


def _run_end(doc: Doc, i: int, sent_starts: frozenset[int]) -> int:
    """The end of the capitalised (or 'al-'/'el-' joined) name that starts at ``i``."""
    j = i + 1
    while j < len(doc) and j not in sent_starts and (
            (_is_cap(doc[j]) and not doc[j].is_punct) or doc[j].text in {"-", "al", "el"}
            or _ARABIC_ARTICLE.match(doc[j].text)):
        j += 1
    return j


def _countries_named(doc: Doc, gaz: Gazetteer) -> frozenset[str]:
    """The countries a text is about: named outright, by name or demonym ('Ukraine', 'Russian'), or through a
    big city or a region of theirs ('Kherson', 'Luhansk region'); never the United States, whose every surname
    is also some small town's name."""
    found: set[str] = set()
    for tok in doc:
        if not _is_cap(tok) or tok.is_punct:
            continue
        for size in (3, 2):  # 'Burkina Faso', 'West Bank', 'North Darfur': a country or a region of one
            span = doc[tok.i:tok.i + size]
            if len(span) == size and all(_is_cap(t) and not t.is_punct for t in span):
                homes = {c.place.country for c in gaz.candidates(span.text) if c.place.country
                         and c.flag >= PRIMARY and (c.place.feature_code or "") in {"PCLI", "ADM1", "RGN"}}
                if len(homes) == 1:
                    found |= homes
        demo = gaz.demonym(tok.text)
        if demo is not None and demo.feature_code == "PCLI" and demo.country:
            found.add(demo.country)
            continue
        cands = gaz.candidates(tok.text)
        country = next((c.place.country for c in cands if c.flag >= PRIMARY and c.place.feature_code == "PCLI"),
                       None)
        if country:
            found.add(country)
            continue
        # a big city of one country ('Kherson', 'Luhansk'), or a region ('Luhansk region')
        region = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _REGION_OF_WORDS
        homes = {c.place.country for c in cands if c.place.country and c.flag >= PRIMARY and (
            (c.place.feature_class == "P" and (c.place.population >= 200_000 or c.flag == ALIAS))
            or (region and c.place.feature_code == "ADM1"))}
        if len(homes) == 1:
            found |= homes
    return frozenset(found - {"USA"})


def _article_name(doc: Doc, i: int, gaz: Gazetteer, sent_starts: frozenset[int]) -> _Mention | None:
    """'al-Mawasi', 'al-Mawasi camp': the longest name from the article at ``i`` that the gazetteer holds."""
    for size in range(min(MAX_TOKENS + 2, len(doc) - i), 2, -1):
        span = doc[i:i + size]
        last = span[-1]
        if not (_is_cap(last) or last.lower_ in _CAMP_WORDS) or any(t.text == "," or t.i in sent_starts
                                                                   for t in span[1:]):
            continue
        cands = gaz.candidates(span.text)
        if cands:
            return _Mention(span.start_char, span.end_char, span.text, cands, "literal", False)
    return None


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    """Every mention of a place in ``doc``, in text order, with its candidate readings (or a forced one: a
    demonym, a state abbreviation, a region); streets and districts are kept as such, unresolved."""
    mentions: list[_Mention] = []
    person_words = _person_words(doc)
    # Token.is_sent_start scans the whole Doc on every call: read the boundaries once
    sent_starts = frozenset(s.start for s in doc.sents)
    home = _countries_named(doc, gaz)
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        article = (tok.lower_ in _LOWER_ARTICLES and i + 2 < n and doc[i + 1].text == "-" and _is_cap(doc[i + 2])
                   and doc[i + 1].idx == tok.idx + len(tok.text))
        if article:  # "al-Mawasi": the whole name when the gazetteer has it, else the name after the article
            whole = _article_name(doc, i, gaz, sent_starts)
            if whole is not None:
                mentions.append(whole)
                i = doc.char_span(whole.start, whole.end, alignment_mode="expand").end  # type: ignore[union-attr]
            else:
                i += 2
            continue
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
                        or last.lower_.rstrip(".") in _TOWNSHIP_WORDS or last.lower_ in _CAMP_WORDS):
                    continue
                if any(not _is_cap(t) and t.lower_ not in _INNER_WORDS and t.lower_ not in _SUFFIX_WORDS
                       and not _abbreviation_dot(t) for t in span[1:-1]):
                    continue
                if any((t.i in sent_starts and not _abbreviation_dot(doc[t.i - 1])) or t.text == ","
                       for t in span[1:]):  # the parser ends a sentence at "Sault Ste."
                    continue
            text = span.text
            demo = gaz.demonym(text)
            if demo is not None:
                found = _Mention(span.start_char, span.end_char, text, (), "adjectival", False, demo)
                break
            cands = gaz.candidates(text)
            if not cands:
                if size > 1 and last.lower_.rstrip(".") in _TOWNSHIP_WORDS:
                    base = doc[i:j - 1].text
                    towns = _towns_of(gaz, base)
                    if towns:
                        found = _Mention(span.start_char, span.end_char, text, towns, "literal", False)
                        break
                if size > 1 and last.lower_ in _DESIGNATOR_WORDS:
                    base = doc[i:j - 1].text
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
            if size == 1 and _headless_compound(doc, i, sent_starts):
                found = _Mention(tok.idx, tok.idx, "", (), "skip", False)  # "Ain Qana": not Ain, France
                break
            if size == 1 and not _single_token_ok(tok, cands, person_words, sent_starts, home):
                break
            if _in_person(doc, i, j, cands, home):
                break
            designated = last.lower_ in _DESIGNATOR_WORDS
            city_of = size > 2 and span[0].lower_ in {"city", "town"} and span[1].lower_ == "of"
            if size > 1 and (designated or last.lower_ == "city" or city_of):
                # "Maryland State": the regions called "Maryland" are readings too; "Las Vegas City", "City of
                # Richmond": the towns called so
                base = doc[i + 2:j].text if city_of else doc[i:j - 1].text
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
        if found is not None and found.kind == "skip":
            i = _run_end(doc, i, sent_starts)
        elif found is not None:
            mentions.append(found)
            i = doc.char_span(found.start, found.end, alignment_mode="expand").end  # type: ignore[union-attr]
        else:
            i += 1
    return mentions
