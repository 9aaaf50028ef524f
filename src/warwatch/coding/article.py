"""Article-level readings for the coder: whether the article is a feature, a crime story's one toll, where a
statement's meeting is, the attacker, the other side and the weapon an article names most, and which figures
stand for one site. Each reads the drafts of a whole article (``grouping._Draft``) and returns a value;
``coder.Coder.code`` calls them in order."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Span

from ..models import Actor, Event, Location, Toponym
from ..numbers import Figure, extract_casualties
from ..places.eventplace import place_key, to_location
from ..places.gazetteer import war_zone_iso3
from .events import NEWS_DAYS, Mention, is_war_report, weapon_for
from .grouping import _Draft, _Group

# the sentences of an article's lead, its headline and page chrome included (bylines, captions, "Updated ..."): the
# news excerpts of the development set report their first act within them (at most the fourth sentence)
_LEAD_SENTENCES = 4


def _feature_article(drafts: list[_Draft], doc: Doc) -> str | None:
    """Why the article reads as a feature (analysis, explainer, opinion, history, a profile) rather than a news
    report, or None: its lead reports no new act (no news event in its first ``_LEAD_SENTENCES`` sentences) and
    none of its acts is tied to a day of its own (no explicit or relative date of a day, no news day word such as
    "Monday" or "overnight" anywhere in the text). A news report names its act in the lead and its day somewhere;
    a feature names acts as the war's background, in passing, far from its opening ("how the war changed life in
    Kyiv")."""
    news = [d for d in drafts if not d.background]
    if not news or any(d.date.source in {"explicit", "relative"} and d.date.date is not None for d in news):
        return None  # a day of its own ("on Monday", "March 3"); "in Dec 2017", "last week" name no day
    if any(t.lower_ in NEWS_DAYS for t in doc):
        return None
    starts = [s.start for s in doc.sents if s.text.strip()]
    first = min(d.sentence.start for d in news)
    lead = sum(1 for start in starts if start <= first) - 1  # the index of the first sentence with a news act
    if lead < _LEAD_SENTENCES:
        return None
    return f"no new act in its first {_LEAD_SENTENCES} sentences, no act with a day of its own"


def _story_toll(events: list[Event | None], text: str) -> list[Event | None]:
    """Outside war reports, a story about one attack reports its toll across the whole text ("John Meeks,
    66, and Olga Meeks ... Their deaths were ruled homicides"): the story's figures, read over the main
    incident (``extract_casualties``), are the attack's where they give a figure."""
    attacks = [i for i, e in enumerate(events) if e is not None and e.event == "ASSAULT" and not e.background]
    if len(attacks) != 1:
        return events
    toll = extract_casualties(text)
    if toll.dead is None and toll.injured is None:
        return events
    out = list(events)
    event = out[attacks[0]]
    assert event is not None
    out[attacks[0]] = replace(event, casualties=toll)
    return out


def _political_only(events: list[Event | None]) -> list[Event | None]:
    """In a local crime report (no war report, ``mentions_crime``), a statement or refusal with no state or group
    as its actor is the story's legal or personal matter ("Man charged with murder", "the driver refused to stop",
    "police said the shooting was a murder-suicide"), not a political event: dropped. (A named speaker's
    accusation with no country stands in a war report: "The elders blamed the militia".)"""
    return [e for e in events if e is not None and (e.event == "ASSAULT" or any(a.country for a in e.actor))]


def _war_report(text: str, literal: list[Toponym]) -> bool:
    """A war report: several military words, or one in a text whose first place of a country is in a country at war
    (``war_zones.tsv``): a short excerpt ("Government air strikes killed 30 people in Idlib province ...") is no local
    crime report whose story toll stands for its one attack."""
    if is_war_report(text):
        return True
    first = next((t.place.country for t in literal if t.place is not None and t.place.country), None)
    return first in war_zone_iso3() and is_war_report(text, threshold=1)


def _accused_in_sentence(drafts: list[_Draft]) -> None:
    """"Chile condemned the attack, in which Peruvian drones hit the convoy": an accusation that names no one
    accuses the attacker of a hostile act told in its own sentence (not the accuser itself)."""
    hostile = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"}
    for d in drafts:
        if d.mention.category != "ACCUSE" or d.recipient:
            continue
        own = {a.country for a in d.actor}
        acts = [o for o in drafts if o.sentence.start_char == d.sentence.start_char and o.mention.category in hostile]
        found = _merge(a for o in acts for a in o.actor if a.country not in own)
        if found:
            d.recipient = found


#: a headline: the text's first line, short and without a full stop, set apart by a blank line
_HEADLINE = re.compile(r"\s*[^\n]{10,200}?(?<![.!?\"”])\s*\n\s*\n")


def _headline_end(text: str) -> int:
    """Where the article's headline ends (0: none)."""
    m = _HEADLINE.match(text)
    return m.end() if m else 0


def _unnamed_acts(drafts: list[_Draft], unnamed: list[_Draft], orphans: list[tuple[Mention, Span]], *,
                  military: bool) -> list[_Draft]:
    """The acts told with no actor (``unnamed``) that stand as events of their own: those of a category the
    article codes no act of with an actor. One that does tells more of that act ("Israeli forces detained 14 ...
    Five of those detained were released"): its evidence, not a second event. Praise with no actor in a text with
    no military word ("the coach praised his defence") is no political act: evidence only."""
    named = {d.mention.category for d in drafts if d.actor and not d.background}
    dropped = {id(d) for d in unnamed
               if d.mention.category in named or (d.mention.category == "SUPPORT" and not military)}
    orphans.extend((d.mention, d.sentence) for d in unnamed if id(d) in dropped)
    return [d for d in drafts if id(d) not in dropped]


def _figure_offsets(group: _Group) -> dict[int, int]:
    """Where the sentence of each figure of ``group`` starts (id of the figure -> offset)."""
    at = dict(group.loose_at)
    for d in group.drafts:
        at.update((id(f), d.sentence.start_char) for f in d.figures)
    return at


def _site_figures(figures: list[Figure], *, several: bool) -> list[Figure]:
    """A total over several happenings ("in all, 23 were killed across the region") is no one site's toll: with
    several attacks in the article it goes to none of them (never summed twice); with one, it stands only for an
    attack whose own sentences give no figure ("drones hit Odesa, injuring three. In all, 23 were killed across the
    region": the 23 dead are not Odesa's). A war's running toll ("40,000 killed since the war began") is
    no happening's toll at all."""
    own = {f.kind for f in figures if not f.total and not f.breakdown and f.value is not None}
    return [f for f in figures if (not f.total or (not several and not own)) and not f.foreign and not f.elsewhere]


def _at_capital(event: Event) -> Event:
    """The event with a region-only place at the region's capital (``settings.region_capitals``)."""
    loc = event.location
    if loc is None or loc.precision != "admin1" or loc.seat is None:
        return event
    return replace(event, location=loc.at_seat())


def _meeting_place(groups: list[_Group], actor: tuple[Actor, ...], dateline: Toponym | None,
                   main_place: Toponym | None) -> Location | None:
    """Where a party to a meeting the article reports makes its statements: the meeting's place (the
    summit's host city, else the dateline or the article's main place)."""
    codes = {a.country for a in actor}
    for g in groups:
        if g.category != "CONSULT" or g.background:
            continue
        parties = {a.country for d in g.drafts for a in (*d.actor, *d.recipient)}
        if not codes & parties:
            continue
        where = g.place or dateline or main_place
        if where is not None and where.place is not None:
            return to_location(where.place)
    return None


def _summit_place(summits: list[tuple[Toponym, frozenset[str]]], actor: tuple[Actor, ...]) -> Location | None:
    """The place of the meeting the article names with the actor ("NATO leaders at the summit in Vilnius"); for a
    statement with no actor, the article's most named meeting place."""
    codes = {a.country for a in actor if a.country}
    if actor and not codes:
        return None
    places = [t for t, parties in summits if not codes or codes & parties]
    if not places:
        return None
    counts = Counter(place_key(t) for t in places)
    best = max(places, key=lambda t: counts[place_key(t)])  # the first of the most named
    return to_location(best.place)


def _main_actor(drafts: list[_Draft], location: Location | None) -> tuple[Actor, ...]:
    """The attacker of an ASSAULT group: the actor named most often; the attacked country only if alone."""
    counts: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for d in drafts:
        for a in d.actor:
            if a.country:
                counts[a.country] += 1
                first.setdefault(a.country, a)
    if not counts:
        return ()
    home = location.country if location is not None else None
    ranked = sorted(counts, key=lambda c: (c == home, -counts[c]))
    return (first[ranked[0]],)


def _other_side(drafts: list[_Draft], codes: set[str | None]) -> Actor | None:
    """The other party of the article's fighting: the most named actor or recipient that is not ``codes``, else
    the one who reports the attacks ("Russia said two of its ships were hit by Ukrainian missiles in Crimea")."""
    for parties in ((lambda d: (*d.actor, *d.recipient)), (lambda d: d.claimed_by)):
        counts: Counter[str] = Counter()
        first: dict[str, Actor] = {}
        for d in drafts:
            for a in parties(d):
                if a.country and a.country not in codes and len(a.country) == 3:
                    counts[a.country] += 1
                    first.setdefault(a.country, a)
        if counts:
            return first[counts.most_common(1)[0][0]]
    return None


def _article_weapon(drafts: list[_Draft]) -> str | None:
    """The weapon an article's attack sentences name most, for a group whose own sentences name none."""
    counts: Counter[str] = Counter()
    for d in drafts:
        if d.mention.category == "ASSAULT" and not d.background:
            counts.update(d.weapons)
    if not counts:
        return None
    top = counts.most_common()
    if len(top) > 1 and top[1][1] == top[0][1]:
        return weapon_for({top[0][0], top[1][0]})
    return top[0][0]


def _merge(actors: object) -> tuple[Actor, ...]:
    seen: set[str] = set()
    out: list[Actor] = []
    for a in actors:  # type: ignore[attr-defined]
        if a.country and a.country not in seen:
            seen.add(a.country)
            out.append(a)
    return tuple(out)
