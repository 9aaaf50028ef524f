"""Grouping: the drafts of an article's event mentions into groups, one per real happening, and where each
group happened.

An ASSAULT group per place the text gives details for (a region and a place in it are one happening; the places
of a tally get no group of their own; a mention without a place joins the attack mentioned last before it), a
verbal group per category and actors. Casualty figures of sentences without a trigger go to the attack whose
place they name. Outside war reports, a local story's attack is placed at its main town or its dateline.
``coder`` turns each group into one ``Event``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span

from ..dates import resolve_event_date
from ..models import Actor, DateResolution, Place, Toponym
from ..numbers import Figure
from ..numbers.words import _NUM
from ..places import Gazetteer
from ..places.eventplace import (
    RANK,
    SOURCE_NOUNS,
    distinct,
    is_tally,
    km,
    place_key,
    precision_of,
    same_happening,
)
from .actors import ActorMention, is_state_code
from .events import Mention, refers_back
from .patterns import load_patterns

#: figures of a sentence without a trigger, or of one clause of a sentence: (start, end, figures, sentence)
Loose = tuple[int, int, list[Figure], Span]

_MAX_PLACES_PER_MENTION = 2  # more places in one mention is a list (a tally), not per-place reports
_MEETING_MENTIONS = 2  # "the meeting" said this often makes a meeting of the story's two main parties


@dataclass
class _Draft:
    mention: Mention
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    claimed_by: tuple[Actor, ...]
    places: list[Toponym]
    date: DateResolution
    background: bool
    weapons: set[str]
    figures: list[Figure]
    sentence: Span
    auxiliary: str | None = None


@dataclass
class _Group:
    category: str
    place: Toponym | None
    background: bool
    drafts: list[_Draft] = field(default_factory=list)
    extra_figures: list[Figure] = field(default_factory=list)
    extra_sentences: list[Span] = field(default_factory=list)
    #: figures of a sentence that names this attack's place and no other attack's ("Poonch accounted for ...")
    own_figures: list[Figure] = field(default_factory=list)
    #: where each loose figure's sentence starts (id of the figure -> offset)
    loose_at: dict[int, int] = field(default_factory=dict)


# -- places -------------------------------------------------------------------------------------


_ORG_WORDS = {"Force", "Forces", "Corps", "Army", "Brigade", "Brigades", "Party", "Front", "Council", "Agency",
              "University", "Airlines", "Times", "Post", "News", "Independent", "Company", "Fleet", "Group", "Ministry",
              "Battalion", "Regiment", "Division", "Guard", "Institute", "Club", "Bank", "Telegraph", "Herald"}


def _org_name(t: Toponym, text: str) -> bool:
    """"Quds Force", "Black Sea Fleet", "Kyiv Independent": a place name inside an organisation's name; or inside
    the name of a body that names a place ("Magen David Adom": no David, "Hayat Tahrir al-Sham": no Damascus; the
    regex PLACE_IN_BODY_NAME of data/patterns/wordsets.json)."""
    following = text[t.end:t.end + 14].split()
    if following and following[0].strip(".,;:'’\"") in _ORG_WORDS:
        return True
    bodies = load_patterns().words.regexes["PLACE_IN_BODY_NAME"]
    return any(m.start() <= t.start and t.end <= m.end()
               for m in bodies.finditer(text, max(0, t.start - 40), min(len(text), t.end + 40)))


def _referenced(mention: Mention) -> bool:
    """An attack named as the object of a condemnation or denial refers to one reported elsewhere."""
    return refers_back(mention.trigger)


def _first_order(place: Place | None) -> bool:
    code = ((place.feature_code if place is not None else None) or "").upper()
    return code.startswith(("ADM1", "PCL")) or code == "COUNTRY"


def _co_listed(a: _Group, b: _Group) -> bool:
    """Two towns or districts one sentence names side by side ("Baramulla and Kupwara") are two places,
    however close: only a region and a place in it ("the Kharkiv region ... Bohodukhiv") are one."""
    if a.place is None or b.place is None or _first_order(a.place.place) or _first_order(b.place.place):
        return False
    return any(a.place in d.places and b.place in d.places for d in (*a.drafts, *b.drafts))


def _encloses(where: Place, town: Place) -> bool:
    """The country, state or county a town lies in (a county: in the town's state, within 100 km of it)."""
    level = precision_of(where)
    if level == "country":
        return where.country == town.country
    return level == "admin1" and where.admin1 is not None and where.admin1 == town.admin1 and (
        (where.feature_code or "").upper().startswith("ADM1") or km(where, town) <= 100)


def _refine_to_main_place(groups: list[_Group], main_town: Toponym | None) -> None:
    """Outside war reports, an attack placed only at a state, county or country ("seven people shot dead in
    Michigan", "deputies in Dallas County") happened in the town the story is about, when that town lies
    in it (Kalamazoo; Waukee, within 100 km of the county's point and in its state)."""
    if main_town is None or main_town.place is None or precision_of(main_town.place) not in {"city", "point"}:
        return
    town = main_town.place
    for g in groups:
        if g.category != "ASSAULT" or g.place is None or g.place.place is None:
            continue
        if _encloses(g.place.place, town):
            g.place = main_town


_COUNTY = re.compile(r"^(.+?)\s+(?:County|Parish|Borough)$")


# a place named with its kind ("Bannu district", "the town of Hangu", "Zamfara state"): no street or surname
_KIND_AFTER = re.compile(r"\s+(?:district|province|town|city|village|region|governorate|state|camp|area)\b", re.I)
_KIND_BEFORE = re.compile(r"\b(?:town|city|village|district|province|region|governorate)\s+of\s+(?:the\s+)?$", re.I)


def _named_as_place(t: Toponym, text: str) -> bool:
    """The text names ``t`` with its kind of place ("the cantonment area of Bannu district", "the town of Hangu")."""
    return bool(_KIND_AFTER.match(text, t.end) or _KIND_BEFORE.search(text, max(0, t.start - 30), t.start))


def _place_at_dateline(groups: list[_Group], dateline: Toponym | None, text: str = "") -> None:
    """Outside war reports, a local story's dateline ("ROCK HILL, S.C. –") is where its attack happened,
    unless the text places it in a town near there: an attack with no place, or placed at the state or
    county around the dateline town, or at a namesake far away (a street or a surname read as a town),
    moves to the dateline town. A far place the text names with its kind ("a bomb exploded in Bannu district",
    under an "ISLAMABAD" dateline: a wire bureau's city) is no namesake: it stays."""
    if dateline is None or dateline.place is None:
        return
    town = dateline.place
    for g in groups:
        if g.category != "ASSAULT" or g.background:
            continue
        where = g.place.place if g.place is not None else None
        far = where is not None and km(where, town) > 150 and not (
            g.place is not None and _named_as_place(g.place, text))
        if where is None or _encloses(where, town) or far:
            g.place = dateline


# "the city", "the capital", "the town" with no name after it: the place the reader was last given, the dateline's
_THE_CITY = re.compile(r"\bthe (?:city|capital|town)\b(?!\s+of\b)", re.I)


def _dateline_by_reference(groups: list[_Group], dateline: Toponym | None) -> None:
    """"KHARTOUM: Paramilitary drones hit a power station in the city": an attack with no place of its own whose
    sentence names its place only as "the city" (or "the capital", "the town") happened in the dateline's town."""
    if dateline is None or dateline.place is None:
        return
    for g in groups:
        if g.category == "ASSAULT" and g.place is None and not g.background and any(
                _THE_CITY.search(d.sentence.text) for d in g.drafts):
            g.place = dateline


def _county_to_namesake_town(groups: list[_Group], gazetteer: Gazetteer) -> None:
    """Outside war reports, "Kalamazoo County deputies" place an attack in the county's namesake town
    (Kalamazoo), when that town lies in the county's state within 80 km of its point."""
    for g in groups:
        top = g.place
        where = top.place if top is not None else None
        if g.category != "ASSAULT" or top is None or where is None or \
                not (where.feature_code or "").upper().startswith("ADM2"):
            continue
        m = _COUNTY.match(where.name)
        if m is None:
            continue
        towns = [p for p in gazetteer.lookup(m.group(1)) if p.feature_class == "P"
                 and p.country == where.country and p.admin1 == where.admin1 and km(p, where) <= 80]
        if towns:
            g.place = replace(top, place=max(towns, key=lambda p: p.population))


def _main_place(literal: Sequence[Toponym]) -> Toponym | None:
    """The article's main place: the most mentioned city (or region), the earliest on ties."""
    counts: Counter[str] = Counter()
    first: dict[str, Toponym] = {}
    for t in literal:
        if t.place is None or precision_of(t.place) == "country":
            continue
        key = place_key(t)
        counts[key] += 1
        first.setdefault(key, t)
    if not counts:
        countries = [t for t in literal if t.place is not None]
        return countries[0] if countries else None
    best = max(counts, key=lambda k: (counts[k], -first[k].start))
    return first[best]


# -- grouping -------------------------------------------------------------------------------------

_NO_HARM = re.compile(
    r"\b(?:(?:caus(?:ed|ing)|did\s+not\s+cause|without\s+causing|there\s+(?:was|were))\s+no"
    r"\s+(?:damage|casualties|injuries|deaths)|no\s+(?:damage|casualties|injuries)\s+(?:was|were)\s+reported"
    r"|(?:no\s+one|nobody)\s+was\s+(?:hurt|injured|killed|harmed)|fell\s+(?:in|into)\s+(?:an?\s+)?(?:empty|open)\s+\w+)\b",
    re.I,
)


def _quiet(g: _Group) -> bool:
    """An attack its own sentences report as harmless ("a missile fell in a field and caused no damage"): it does
    not take casualty figures reported elsewhere in the article."""
    return all(not any(f.value for f in d.figures) for d in g.drafts) and any(
        _NO_HARM.search(d.sentence.text) for d in g.drafts)



def _named_in(text: str, candidates: list[_Group]) -> _Group | None:
    """The one attack among ``candidates`` whose place a sentence names though not as the place of its own attack
    mention ("Odesa regional governor Oleh Kiper said three people were injured in the city by a missile strike",
    "the Kharkiv mayor said a drone hit a school"): the sentence tells of that attack. None when it names none of
    them or several."""
    named = {place_key(g.place): g for g in candidates if g.place is not None
             and re.search(rf"\b{re.escape(g.place.text)}\b", text)}
    return next(iter(named.values())) if len(named) == 1 else None


def _group(drafts: list[_Draft], main_place: Toponym | None) -> list[_Group]:
    groups: dict[tuple[str, str, bool], _Group] = {}
    order: list[_Group] = []

    def group_for(category: str, place: Toponym | None, background: bool, key: str) -> _Group:
        full = (category, key, background)
        if full not in groups:
            groups[full] = _Group(category, place, background)
            order.append(groups[full])
        return groups[full]

    placeless: list[_Draft] = []
    listed: list[tuple[_Draft, list[Toponym]]] = []
    for d in drafts:
        if d.mention.category == "ASSAULT":
            specific = distinct([p for p in d.places if p.place is not None and precision_of(p.place) != "country"])
            if not specific:
                placeless.append(d)
                continue
            if len(specific) > _MAX_PLACES_PER_MENTION and is_tally(d.mention):
                listed.append((d, specific))  # an aggregate tally: places get no event of their own
                continue
            for p in specific:
                group_for("ASSAULT", p, d.background, place_key(p)).drafts.append(d)
        else:
            codes = ",".join(sorted(a.country or "" for a in d.actor))
            place = d.places[0] if d.places else None
            group_for(d.mention.category, place, d.background, codes).drafts.append(d)
    for d, places in listed:
        keys = {place_key(p) for p in places}
        hit = [g for g in order if g.category == "ASSAULT" and place_key(g.place) in keys
               and g.background == d.background]
        if hit:
            for g in hit:
                g.drafts.append(d)
        else:
            placeless.append(d)
    order = _merge_regions(order)
    for d in placeless:
        candidates = [g for g in order if g.category == "ASSAULT" and g.background == d.background]
        named = _target_country(d)
        there = [g for g in candidates if _country_of(g) == named] if named is not None else []
        if there:  # "Ukraine fired rockets at Russia" in a report of Russian strikes: the attack in Russia
            candidates = there
        if candidates and any(f.value for f in d.figures) and all(_quiet(g) for g in candidates):
            # a toll is not the missile's that "caused no damage": a happening of its own
            group_for("ASSAULT", main_place, d.background, f"{place_key(main_place)}#{d.sentence.start_char}"
                      ).drafts.append(d)
            continue
        candidates = [g for g in candidates if not _quiet(g)] if any(f.value for f in d.figures) else candidates
        if candidates:
            start = d.sentence.start_char

            def last_before(g: _Group, start: int = start) -> int:
                return max((x.sentence.start_char for x in g.drafts if x.sentence.start_char <= start), default=-1)

            best = max(candidates, key=last_before)
            target = _named_in(d.sentence.text, candidates) or (best if last_before(best) >= 0 else candidates[0])
            target.drafts.append(d)
            if d.figures and all(f.value == 0 for f in d.figures):  # "no casualties in the attacks"
                for g in candidates:
                    if g is not target:
                        g.extra_figures.extend(d.figures)
            continue
        country = next((p for p in d.places if p.place is not None), None)
        place = main_place if main_place is not None else country
        group_for("ASSAULT", place, d.background, place_key(place)).drafts.append(d)
    return _split_by_day(_merge_parties(order))


#: symmetric acts: every party is an actor, so one meeting or accord told with fewer of its parties is still that one
_SYMMETRIC = frozenset({"CONSULT", "AGREE"})


def _parties(g: _Group) -> frozenset[str]:
    return frozenset(a.country for d in g.drafts for a in (*d.actor, *d.recipient) if a.country)


def _group_day(g: _Group) -> date | None:
    return next((d.date.date for d in g.drafts if d.date.source in {"explicit", "relative"} and d.date.date), None)


_PARTNER_PREPS = frozenset({"with", "between", "among"})
_NEW_DETS = frozenset({"a", "an", "another"})


def _own_partner(d: _Draft) -> bool:
    """The mention tells a meeting or accord of its own: it names a partner ("met with European leaders", "talks
    between ...") or introduces one ("a multilateral meeting", "another round of talks")."""
    trigger = d.mention.trigger
    return any((c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS) or (c.dep_ == "det" and c.lower_ in _NEW_DETS)
               for c in trigger.children)


def _one_happening(small: _Group, big: _Group) -> bool:
    """Two groups of a symmetric act are one happening: the same category and standing, one party of the other's
    told without a partner of its own ("the leaders of A, B and C agreed on a deal ... 'We have agreed', the
    president of A said"; not "A then held a meeting with other leaders"), on the same day and at no other place."""
    if small.category != big.category or small.background != big.background:
        return False
    mine, theirs = _parties(small), _parties(big)
    if len(mine) != 1 or not mine <= theirs or any(_own_partner(d) for d in small.drafts):
        return False
    places = {place_key(small.place), place_key(big.place)} - {"-"}
    # the same day or none on both: a day on one only may be a speech's, and the other's undated telling the news
    return _group_day(small) == _group_day(big) and len(places) <= 1


def _releases(g: _Group) -> bool:
    return g.category == "RETREAT" and all(d.mention.mode == "release" for d in g.drafts)


def _one_exchange(small: _Group, big: _Group) -> bool:
    """Two groups of captives released are one exchange (CONTRACT: a prisoner exchange is one event, all its
    parties actors): each side's release told on its own ("four soldiers were released by the militants, while
    Israel freed 200 prisoners"; "Among those released by Ukraine were ..."), the same standing, day and place,
    with a party in common. A release told with no day of its own ("Among those released by Ukraine were ...")
    is of the exchange's day."""
    if not (_releases(small) and _releases(big)) or small.background != big.background:
        return False
    places = {place_key(small.place), place_key(big.place)} - {"-"}
    days = {_group_day(small), _group_day(big)} - {None}
    return bool(_parties(small) & _parties(big)) and len(days) <= 1 and len(places) <= 1


def _merge_parties(groups: list[_Group]) -> list[_Group]:
    """A meeting or accord told in several sentences that each name some of its parties is one happening: a group
    of ``_SYMMETRIC`` whose parties are all among another's (of the same day and place) joins the one with most
    parties; so does one side's release of captives the other side's release (``_one_exchange``)."""
    out: list[_Group] = []
    ranked = sorted((g for g in groups if g.category in _SYMMETRIC or _releases(g)), key=lambda g: -len(_parties(g)))
    into: dict[int, _Group] = {}
    for i, g in enumerate(ranked):
        host = next((h for h in ranked[:i] if id(h) not in into and (_one_happening(g, h) or _one_exchange(g, h))),
                    None)
        if host is not None:
            into[id(g)] = host
    for g in groups:
        host = into.get(id(g))
        if host is None:
            out.append(g)
            continue
        host.drafts.extend(g.drafts)
        host.drafts.sort(key=lambda d: d.sentence.start_char)
        host.extra_sentences.extend(g.extra_sentences)
    return out


_AIMED = {"at", "on", "against", "into", "over", "in", "across", "inside", "toward", "towards"}


def _target_country(d: _Draft) -> str | None:
    """The country a mention with no finer place is aimed at ("fired rockets at Russia", "attacked Ukraine"), not one
    that only modifies a word ("a U.S. drone", "Russia's forces")."""
    doc = d.sentence.doc
    for p in d.places:
        if p.place is None or not p.place.country or precision_of(p.place) != "country":
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and (root.dep_ == "dobj" or (root.dep_ == "pobj" and root.head.lower_ in _AIMED)):
            return p.place.country
    return None


def _country_of(g: _Group) -> str | None:
    return g.place.place.country if g.place is not None and g.place.place is not None else None


def _day(d: _Draft) -> date | None:
    return d.date.date if d.date.precision in {None, "day"} else None


_WEEKDAY_OWN = re.compile(r"^\W*(?:Earlier\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
                          r"|^\W*(?:Last|Earlier\s+on|On)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                          r"(?:\s+(?:morning|afternoon|evening|night))?\s*,", re.I)


def _split_by_day(groups: list[_Group]) -> list[_Group]:
    """An attack at one place told with a date of its own that differs from the day of the group's first report
    ("As the agency reported, on September 12 one person was killed in strikes on the region") is another
    happening there: its drafts form a group of their own, one per such day; an earlier day's is the story's
    context (background), a later day's is news."""
    out: list[_Group] = []
    for g in groups:
        out.append(g)
        first = _day(g.drafts[0]) if g.drafts else None
        if g.category != "ASSAULT" or first is None:
            continue
        apart: dict[date, _Group] = {}
        for d in list(g.drafts[1:]):
            day = _day(d)
            # a weekday of its own before the group's day ("Earlier on Monday, a strike on the city killed two"):
            # an earlier happening there, as an explicit date is
            earlier_weekday = (d.date.source == "relative" and day is not None and day < first
                               and _WEEKDAY_OWN.search(d.sentence.text) is not None)
            if (d.date.source == "explicit" or earlier_weekday) and day is not None and day != first:
                if day not in apart:
                    apart[day] = _Group("ASSAULT", g.place, g.background or day < first)
                    out.append(apart[day])
                d.background = apart[day].background
                apart[day].drafts.append(d)
                g.drafts.remove(d)
    return out


_MIN_APART_KM = 5.0  # closer than this, two towns of one report are one place (a city and its district)


def _own_details(g: _Group, other: _Group) -> bool:
    """A sentence of ``g`` gives a casualty figure and does not name ``other``'s place: details of its own."""
    assert other.place is not None
    name = other.place.text
    return any(any(f.value for f in d.figures) and other.place not in d.places
               and not re.search(rf"\b{re.escape(name)}\b", d.sentence.text) for d in g.drafts)


def _apart(a: _Group, b: _Group) -> bool:
    """Two towns, each with its own report of casualties ("A strike on A killed seven. Shelling in B wounded
    eleven"), are two happenings however close; a region and a town in it, or a town and its district, are one."""
    if a.place is None or b.place is None or a.place.place is None or b.place.place is None:
        return False
    pa, pb = a.place.place, b.place.place
    towns = all(precision_of(p) in {"city", "point"} and (p.feature_code or "").upper() != "PPLX" for p in (pa, pb))
    return towns and km(pa, pb) > _MIN_APART_KM and _own_details(a, b) and _own_details(b, a)


def _merge_regions(groups: list[_Group]) -> list[_Group]:
    """ASSAULT groups whose places name one happening at two precisions ("Kharkiv region" and
    "Bohodukhiv", "the Golan Heights" and a village in it) become one group, at the finer place."""
    out: list[_Group] = []
    for g in groups:
        if g.category != "ASSAULT" or g.place is None or g.place.place is None:
            out.append(g)
            continue
        p = g.place.place
        partners = [c for c in out if c.category == "ASSAULT" and c.background == g.background
                    and c.place is not None and c.place.place is not None and not _co_listed(g, c)
                    and not _apart(g, c)
                    and (same_happening(p, c.place.place) or same_happening(c.place.place, p))]
        if not partners:
            out.append(g)
            continue
        target = partners[0]
        tp = target.place.place if target.place is not None else None
        if tp is not None and RANK[precision_of(p)] < RANK[precision_of(tp)]:
            target.place = g.place  # keep the finer place
        target.drafts.extend(g.drafts)
        target.drafts.sort(key=lambda d: d.sentence.start_char)
        target.extra_figures.extend(g.extra_figures)
        target.extra_sentences.extend(g.extra_sentences)
    return out


def _prefer_own_figures(figures: list[Figure], group: _Group, others: set[str]) -> list[Figure]:
    """In a report of attacks on several places, a figure given later in a sentence that names this attack's
    place and no other attack's replaces a figure of the same kind from a sentence that does not name it
    ("57 injured" in all, then "Poonch accounted for ... 42 injured"); a later total ("in total, 51 were
    wounded") still updates it. A sentence that names this place among other attacks' places ("attacks on A, B and
    C killed three and wounded 12 ... In A, shelling wounded four") gives their shared figure, which yields to A's
    own the same way. ``others``: the place keys of the article's other attacks."""
    if not others:
        return figures
    key = place_key(group.place)
    at = dict(group.loose_at)
    own = list(group.own_figures)
    named = {id(f) for f in own}
    for d in group.drafts:
        at.update((id(f), d.sentence.start_char) for f in d.figures)
        keys = {place_key(t) for t in d.places}
        if key in keys and not _listed_with(d, key, others):
            named.update(id(f) for f in d.figures)
            if not keys & others:
                own.extend(d.figures)
    last_own: dict[str, int] = {}
    for f in own:
        if f.value is not None and not f.breakdown and id(f) in at:
            last_own[f.kind] = max(last_own.get(f.kind, -1), at[id(f)])
    return [f for f in figures if id(f) in named or f.kind not in last_own or at.get(id(f), 10**9) > last_own[f.kind]]


# what may stand between the places of a list: "A, B and C", "the A and B regions and the city of C"
_LIST_GAP = re.compile(r"(?:\s*(?:,|and|or|as\s+well\s+as|the|of|cit(?:y|ies)|towns?|villages?|regions?|provinces?"
                       r"|districts?|oblasts?)\s*)+", re.I)


def _listed_with(d: _Draft, key: str, others: set[str]) -> bool:
    """``d``'s sentence names the place ``key`` side by side with another attack's place, as a list ("attacks on
    A, B and C killed three"), not as the wider place of one site ("the Red Sea port city of Hodeidah")."""
    text = d.sentence.doc.text
    mine = [t for t in d.places if place_key(t) == key]
    theirs = [t for t in d.places if place_key(t) in others and place_key(t) != key]
    return any(_LIST_GAP.fullmatch(text[min(a.end, b.end):max(a.start, b.start)])
               for a in mine for b in theirs)


def _is_count(f: Figure) -> bool:
    """A count of people ("six people were killed"), not a single victim, a breakdown, a total or a toll."""
    return bool(f.value) and f.referent is None and not (f.breakdown or f.total or f.foreign or f.toll)


def _updates(f: Figure) -> bool:
    """A count stated as the whole ("in total, 51 were wounded") or a toll: it may correct the lead's count."""
    return f.toll or f.overall or f.later


#: the kinds whose lead count stands: the dead (the hurt are often counted again, more fully, by hospitals later on;
#: the lead's injured count held for the hurt cost the sealed news one injured figure, 18 -> 17 of 25)
_LEAD_KINDS = frozenset({"dead"})


def lead_counts(figures: list[Figure], at: dict[int, int], headline_end: int = 0) -> list[Figure]:
    """An attack's count is the one its first sentence with a count gives (the lead: "A strike killed six people"):
    counts of the same kind in later sentences are partial ("two of the dead were brothers ... four people died at
    the scene") or another happening's ("a strike last week killed 20"), not a larger toll of this one. A later
    toll ("the death toll rose to nine") or a whole count ("in total, nine soldiers died") still updates it.
    Only the kinds of ``_LEAD_KINDS``. ``at``: the sentence offset of each figure. A headline (the text before
    ``headline_end``) is no lead when the body gives a count of the kind: "Strike kills 5 ... A strike killed at least
    seven people" is the body's seven, told later than the headline it was written under."""
    lead: dict[str, int] = {}
    for f in figures:
        if _is_count(f) and f.kind in _LEAD_KINDS and id(f) in at:
            lead[f.kind] = min(lead.get(f.kind, at[id(f)]), at[id(f)])
    for kind, first in list(lead.items()):
        body = [at[id(f)] for f in figures if _is_count(f) and f.kind == kind and at.get(id(f), -1) >= headline_end]
        if first < headline_end and body:
            lead[kind] = min(body)
    return [f for f in figures if not _is_count(f) or _updates(f) or f.kind not in lead
            or at.get(id(f), -1) == lead[f.kind]]


def _wider_figures(group: _Group) -> set[int]:
    """The figures of ``group``'s sentences that place the attack only at a wider place than the group's own (a
    region or the country around its town): "strikes on Idlib province killed 42 ... 19 of them in Saraqeb"."""
    where = group.place.place if group.place is not None else None
    if where is None:
        return set()
    rank = RANK[precision_of(where)]
    return {id(f) for d in group.drafts
            if d.places and all(t.place is not None and RANK[precision_of(t.place)] > rank for t in d.places)
            for f in d.figures}


def site_counts(figures: list[Figure], wider: set[int]) -> list[Figure]:
    """A count stated for a wider area than the attack's place ("air strikes killed 42 people in Idlib province")
    that the report then gives at the attack's own place ("19 of them outside Saraqeb") is the area's total, not the
    site's: it yields to the site's own count of the same kind. ``wider``: ids of the figures of wider sentences."""
    own = {f.kind for f in figures if _is_count(f) and id(f) not in wider}
    return [f for f in figures if id(f) not in wider or not _is_count(f) or f.kind not in own]


def _attach_loose(groups: list[_Group], loose: list[Loose], literal: Sequence[Toponym]) -> None:
    """Figures in a sentence with no trigger go to the attack whose place that sentence names, else to
    the attack mentioned last before it (else the first attack). Figures of a clause that names another place
    than its sentence's attack (``clause_figures``) go only to an attack at that place."""
    assaults = [g for g in groups if g.category == "ASSAULT" and not g.background]
    if not assaults:
        return
    for start, end, figures, sentence in loose:
        clause = (start, end) != (sentence.start_char, sentence.end_char)
        if clause:
            towns = [t for t in literal if start <= t.start < end]
            site = next((g for g in assaults if any(_same_site(g.place, t) for t in towns)), None)
            if site is not None:
                site.extra_figures.extend(figures)
                site.loose_at.update((id(f), start) for f in figures)
            continue  # another place's toll, with no attack there: no other attack's
        named = {place_key(t) for t in literal if sentence.start_char <= t.start < sentence.end_char}
        named |= {place_key(g.place) for g in assaults if g.place is not None  # an untagged repeat
                  and re.search(rf"\b{re.escape(g.place.text)}\b", sentence.text)}
        if not named and all(f.value == 0 for f in figures):  # "no casualties in the attacks": all of them
            for g in assaults:
                g.extra_figures.extend(figures)
                g.extra_sentences.append(sentence)
            continue
        target = next((g for g in assaults if place_key(g.place) in named), None)
        if target is not None and len(assaults) > 1 and \
                named & {place_key(g.place) for g in assaults} == {place_key(target.place)}:
            target.own_figures.extend(figures)
        if target is None:
            def last_before(g: _Group, start: int = start) -> int:
                starts = [d.sentence.start_char for d in g.drafts if d.sentence.start_char <= start]
                return max(starts, default=-1)
            pool = [g for g in assaults if not _quiet(g)] or assaults if any(f.value for f in figures) else assaults
            best = max(pool, key=last_before)
            target = best if last_before(best) >= 0 else pool[0]
        target.extra_figures.extend(figures)
        target.extra_sentences.append(sentence)
        target.loose_at.update((id(f), start) for f in figures)


def _same_site(where: Toponym | None, town: Toponym) -> bool:
    """``town`` is the place of an attack at ``where``: the same place, a town in its region, or its district."""
    if where is None or where.place is None or town.place is None:
        return False
    if place_key(where) == place_key(town) or km(where.place, town.place) <= _MIN_APART_KM:
        return True
    return precision_of(where.place) not in {"city", "point"} and same_happening(where.place, town.place)


_HOSPITAL_BEFORE = re.compile(r"\b(?:hospitals?|clinics?|morgues?)\s+(?:in|of|at)\s+(?:the\s+)?$", re.I)
# the seat of the source a figure is reported by ("the health ministry in Ramallah said", "officials in Kyiv told
# reporters", "a spokesman in Geneva said"): a place in the subject of a verb of saying is no place of the happening
_SEAT_BEFORE = re.compile(
    r"\b(?:ministry|officials?|authorities|office|spokes(?:man|woman|person)|agency|government|administration"
    r"|command|headquarters|police|military|army|sources?|doctors?|medics?)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_SAYING_AFTER = re.compile(r"\s+(?:said|says|reported|reports|told|announced|confirmed|added|stated)\b", re.I)


def _source_seat(text: str, t: Toponym) -> bool:
    """``t`` is where the source of the sentence sits ("the health ministry in Ramallah said nine were wounded")."""
    return bool(_SEAT_BEFORE.search(text, max(0, t.start - 40), t.start) and _SAYING_AFTER.match(text, t.end))


#: the figures that make a site: the dead, the hurt, the hurt taken to hospital ("a woman was hospitalised")
_SITE_KINDS = frozenset({"dead", "injured", "hospitalised"})


def _speaker_place(sentence: Span, t: Toponym) -> bool:
    """``t`` names the office of whoever reports the figure ("the governor of Sumy said", "Kharkiv Mayor Ihor
    Terekhov said", "Odesa's governor"), not where it happened."""
    span = sentence.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return root.head.head.lemma_.lower() in SOURCE_NOUNS
    return root.dep_ in {"compound", "poss", "nmod", "amod"} and root.head.lemma_.lower() in SOURCE_NOUNS


def _new_sites(groups: list[_Group], loose: list[Loose], literal: Sequence[Toponym],
               published: date | None) -> list[Loose]:
    """In a war report, a sentence (or a clause: "..., while two others were killed in B") with no trigger of its
    own that gives casualties at a town no attack of the article is at ("In B, four people died") reports a
    happening of its own: it becomes an attack there. Returns the loose figures left for ``_attach_loose``.
    Totals, zeros and breakdowns make no site."""
    assaults = [g for g in groups if g.category == "ASSAULT" and not g.background]
    if not assaults:
        return loose
    left: list[Loose] = []
    for start, end, figures, sentence in loose:
        own = [f for f in figures if f.value and not f.total and not f.foreign and f.kind in _SITE_KINDS]
        # a clause parallel to another place's ("four were killed in the A region and one in the B region"): a region
        # with its own toll is a site too
        clause = (start, end) != (sentence.start_char, sentence.end_char)
        levels = {"city", "point", "admin1"} if clause else {"city", "point"}
        named = distinct([t for t in literal if start <= t.start < end
                          and t.place is not None and precision_of(t.place) in levels
                          and not _HOSPITAL_BEFORE.search(sentence.doc.text, max(0, t.start - 30), t.start)
                          and not _source_seat(sentence.doc.text, t)])
        # "the governor of Sumy said one was killed in Shostka": the office's place is no second site, but an attack
        # already at it ("the governor of Sevastopol said 24 were injured") keeps the figure
        known = [t for t in named if any(_same_site(g.place, t) for g in assaults)]
        towns = [t for t in named if not _speaker_place(sentence, t)]
        if not own or len(towns) != 1 or known:
            left.append((start, end, figures, sentence))
            continue
        mention = Mention(category="ASSAULT", mode=None, trigger=sentence.root, sentence=sentence, negated=False,
                          irrealis=False, rule="figures:place", strong=True)
        draft = _Draft(mention=mention, actor=(), recipient=(), claimed_by=(), places=[towns[0]],
                       date=resolve_event_date(sentence.text, published), background=False, weapons=set(),
                       figures=figures, sentence=sentence)
        group = _Group("ASSAULT", towns[0], False, [draft])
        groups.append(group)
        assaults.append(group)
    return left


def _unnamed_meeting(orphans: list[tuple[Mention, Span]], groups: list[_Group],
                     actor_mentions: list[ActorMention], published: date | None) -> list[_Group]:
    """"The meeting ... the meeting was cut short": a story about a meeting that never names its parties in
    the same sentence. When it says so twice and no meeting is coded, its parties are the two actors the
    story names most (people and states)."""
    meetings = [(m, s) for m, s in orphans if m.category == "CONSULT" and m.happened]
    if len(meetings) < _MEETING_MENTIONS or any(g.category == "CONSULT" for g in groups):
        return []
    counts: Counter[str] = Counter(m.code for m in actor_mentions
                                   if m.kind in {"person", "country"} and is_state_code(m.code))
    first: dict[str, ActorMention] = {}
    for m in actor_mentions:
        first.setdefault(m.code, m)
    parties = [code for code, n in counts.most_common(2) if n >= 2]
    if len(parties) < 2:
        return []
    actors = tuple(first[c].actor() for c in parties)
    mention, sentence = meetings[0]
    draft = _Draft(mention=mention, actor=actors, recipient=actors, claimed_by=(), places=[],
                   date=resolve_event_date(sentence.text, published), background=False, weapons=set(),
                   figures=[], sentence=sentence)
    group = _Group("CONSULT", None, False, [draft])
    group.extra_sentences.extend(s for _, s in meetings[1:])
    return [group]


# Where a sentence's clauses part, each with a figure and a place of its own: "killed nine in A while two others
# were killed in B", "killed 19 outside A, and another 23 in B", "four were killed in A and one was killed in B",
# "eight were killed in A, with another eight killed in an attack on B",
# "three were injured in A, the officials said, adding houses caught fire in B"
_CLAUSE_PART = re.compile(
    r"\s+(?:while|whereas)\s+|;\s+|,\s+adding\s+|,?\s+(?:and|with)\s+(?=(?:another|a\s+further|" + _NUM + r")\s)", re.I
)


_CONTRAST = re.compile(r"\s+(?:while|whereas)\s+", re.I)


def clause_figures(drafts: list[_Draft], literal: Sequence[Toponym]) -> list[Loose]:
    """Figures of an attack's sentence stated in a clause that names other places than the attack's and none of
    its own ("Missiles killed seven in A, while another attack on B killed 10") are those places': they leave the
    draft, and a clause whose places no attack of the sentence is at is returned as loose figures (``_new_sites``
    makes an attack there)."""
    out: list[Loose] = []
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.mention.category == "ASSAULT" and d.figures and d.places:
            by_sentence.setdefault(d.sentence.start_char, []).append(d)
    for base, same in by_sentence.items():
        text, figures = same[0].sentence.text, list(same[0].figures)
        cuts = [0, *(m.end() for m in _CLAUSE_PART.finditer(text)), len(text)]
        if len(cuts) == 2:
            continue
        clauses = list(itertools.pairwise(cuts))
        keys = [{place_key(t) for t in literal if base + a <= t.start < base + b and t.place is not None
                 and precision_of(t.place) != "country"} for a, b in clauses]
        at = {id(f): next((i for i, (a, b) in enumerate(clauses) if a <= f.start < b), len(clauses) - 1)
              for f in figures}
        ours = {place_key(p) for d in same for p in d.places}
        # parallel figures only: a kind the clauses of the attack's own places also give ("killed nine in A while two
        # others were killed in B"), not "Five were killed in A, and two soldiers injured after a clash in B"; but a
        # clause set against the first by "while" or "whereas" is a happening of its own whatever it counts ("two
        # were killed in A, while one person was injured in B")
        kinds = {f.kind for f in figures if keys[at[id(f)]] & ours}
        contrast = {i + 1 for i, m in enumerate(_CLAUSE_PART.finditer(text)) if _CONTRAST.fullmatch(m.group())}
        where = {id(f): keys[at[id(f)]] if f.kind in kinds or at[id(f)] in contrast else set()
                 for f in figures}  # a parallel or contrasted figure's places
        for d in same:
            own = {place_key(p) for p in d.places}
            d.figures = [f for f in figures if (not where[id(f)] and not f.elsewhere) or where[id(f)] & own]
        for i, (a, b) in enumerate(clauses):
            figs = [replace(f, elsewhere=False) for f in figures
                    if at[id(f)] == i and where[id(f)] and not where[id(f)] & ours]
            if figs:
                out.append((base + a, base + b, figs, same[0].sentence))
    return out


def site_sums(drafts: list[_Draft], split: list[Loose]) -> None:
    """A count that equals the sum of the counts a later sentence gives, clause by clause, to several places ("strikes
    on the Sumy region killed eight ... Six were killed in Sumy city while two others were killed in Konotop") is
    those places' total, not the first place's toll: it is marked ``total`` (``split``: the clause figures
    ``clause_figures`` took to other places)."""
    by_sentence: dict[int, list[Figure]] = {}
    for _start, _end, figures, sentence in split:
        by_sentence.setdefault(sentence.start_char, []).extend(f for f in figures if _site_count(f))
    for base, parts in by_sentence.items():
        kinds = {f.kind for f in parts}
        stayed = {id(f): f for d in drafts if d.sentence.start_char == base for f in d.figures
                  if _site_count(f) and f.kind in kinds}
        sums: dict[str, int] = {}
        for f in [*parts, *stayed.values()]:
            sums[f.kind] = sums.get(f.kind, 0) + (f.value or 0)
        for d in drafts:
            if d.sentence.start_char >= base:
                continue
            d.figures = [replace(f, total=True) if _site_count(f) and sums.get(f.kind) == f.value else f
                         for f in d.figures]


def _site_count(f: Figure) -> bool:
    return bool(f.value) and f.kind in {"dead", "injured"} and not (f.breakdown or f.total or f.foreign)

