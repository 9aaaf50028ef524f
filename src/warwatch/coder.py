"""Coder: one parsed article in, its PLOVER events out.

The stages meet here, in one direction: toponyms and actor names are found once per document;
each sentence gives event mentions (``events``), their roles (``roles``), date (``dates``) and
figures (``numbers``); mentions are then grouped into events, one per real happening: an ASSAULT per
place the text gives details for, a verbal event per category and actors. Every decision that drops a
sentence or a mention is recorded with a reason for ``warwatch explain``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .actors import ActorLexicon, ActorMention
from .classifier import CategoryClassifier
from .contexts import find_contexts
from .dates import is_past_context, past_context_spans, resolve_event_date
from .events import (
    Mention,
    event_score,
    find_mentions,
    find_weapons,
    is_conflict_text,
    is_war_report,
    mode_for,
    weapon_for,
)
from .models import Actor, Article, DateResolution, Event, Evidence, Location, Place, Toponym
from .numbers import (
    Figure,
    add_casualties,
    casualties_from_figures,
    extract_casualties,
    find_casualty_figures,
    find_munitions,
    parse_number,
    summarize_munitions,
)
from .places import Gazetteer, find_toponyms
from .places.eventplace import (
    RANK,
    distinct,
    event_places,
    is_tally,
    km,
    place_key,
    plausible,
    precision_of,
    same_happening,
    to_location,
)
from .roles import find_roles
from .statements import classifier_agrees, commitment, past_for, vetoable

__all__ = ["ArticleResult", "Coder", "Note"]

log = logging.getLogger(__name__)

# A sentence about a second incident at the same place: its toll adds to the first one's (dev README,
# "same city, same day ... separate tolls are summed").
_SEPARATE_INCIDENT = re.compile(
    r"\W*(?:Another|A\s+(?:second|third|further)|In\s+(?:another|a\s+separate|a\s+second)\s+(?:attack|strike|incident))\s+"
    r"(?:\w+\s+){0,2}?(?:drones?|UAVs?|missiles?|rockets?|shells?|strikes?|attacks?|bombs?|hit|struck|landed|exploded)\b"
)
_BACKGROUND_DAYS = 3  # a mention dated this many days before the article's news is context
_MAX_PLACES_PER_MENTION = 2  # more places in one mention is a list (a tally), not per-place reports


@dataclass(frozen=True, slots=True)
class Note:
    """Why a sentence gave (or did not give) events: for ``warwatch explain``."""

    start: int
    end: int
    text: str
    decisions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleResult:
    article: Article
    events: tuple[Event, ...]
    notes: tuple[Note, ...] = ()


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


def _evidence(article: Article, sentence: Span) -> Evidence:
    """The sentence as evidence, without surrounding whitespace; offsets slice ``article.text``."""
    raw = sentence.text
    start = sentence.start_char + (len(raw) - len(raw.lstrip()))
    end = sentence.start_char + len(raw.rstrip())
    return Evidence(article.id, article.text[start:end], start, end)


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


_MEETING_MENTIONS = 2  # "the meeting" said this often makes a meeting of the story's two main parties
_MEETINGS = {"CONSULT", "AGREE", "RETREAT", "COOPERATE"}  # placed where they happen: the dateline, the story


_REFERRING_VERBS = {"condemn", "denounce", "blame", "accuse", "deny", "criticize", "criticise", "describe",
                    "investigate", "slam", "decry", "mourn", "avenge"}
_ORG_WORDS = {"Force", "Forces", "Corps", "Army", "Brigade", "Brigades", "Party", "Front", "Council", "Agency",
              "University", "Airlines", "Times", "Post", "News", "Independent", "Company", "Fleet", "Group", "Ministry",
              "Battalion", "Regiment", "Division", "Guard", "Institute", "Club", "Bank", "Telegraph", "Herald"}


def _org_name(t: Toponym, text: str) -> bool:
    """"Quds Force", "Black Sea Fleet", "Kyiv Independent": a place name inside an organisation's name."""
    following = text[t.end:t.end + 14].split()
    return bool(following) and following[0].strip(".,;:'’\"") in _ORG_WORDS


def _referenced(mention: Mention) -> bool:
    """An attack named as the object of a condemnation or denial refers to one reported elsewhere."""
    node = mention.trigger
    if node.pos_ != "NOUN":
        return False
    for _ in range(3):
        if node.dep_ not in {"dobj", "pobj", "prep", "nsubjpass"} or node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in _REFERRING_VERBS:
            return True
    return False


def _dateline(t: Toponym, text: str) -> bool:
    """"KYIV, Ukraine (AP) —", "Riyadh, Sep 15 (UNI)": where the story was filed, not where it happened."""
    line_start = text.rfind("\n", 0, t.start) + 1
    if text[line_start:t.start].strip():
        return False
    return bool(_DATELINE_TAIL.match(text, t.end))


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
                                  trigger.doc.text[amount.idx:t.idx + len(t.text)])
    return None


_COUNTY = re.compile(r"^(.+?)\s+(?:County|Parish|Borough)$")


def _place_at_dateline(groups: list[_Group], dateline: Toponym | None) -> None:
    """Outside war reports, a local story's dateline ("ROCK HILL, S.C. –") is where its attack happened,
    unless the text places it in a town near there: an attack with no place, or placed at the state or
    county around the dateline town, or at a namesake far away (a street or a surname read as a town),
    moves to the dateline town."""
    if dateline is None or dateline.place is None:
        return
    town = dateline.place
    for g in groups:
        if g.category != "ASSAULT" or g.background:
            continue
        where = g.place.place if g.place is not None else None
        if where is None or _encloses(where, town) or km(where, town) > 150:
            g.place = dateline


def _prefer_own_figures(figures: list[Figure], group: _Group, others: set[str]) -> list[Figure]:
    """In a report of attacks on several places, a figure given later in a sentence that names this attack's
    place and no other attack's replaces a figure of the same kind from a sentence that does not name it
    ("57 injured" in all, then "Poonch accounted for ... 42 injured"); a later total ("in total, 51 were
    wounded") still updates it. ``others``: the place keys of the article's other attacks."""
    if not others:
        return figures
    key = place_key(group.place)
    at = dict(group.loose_at)
    own = list(group.own_figures)
    named = {id(f) for f in own}
    for d in group.drafts:
        at.update((id(f), d.sentence.start_char) for f in d.figures)
        keys = {place_key(t) for t in d.places}
        if key in keys:
            named.update(id(f) for f in d.figures)
            if not keys & others:
                own.extend(d.figures)
    last_own: dict[str, int] = {}
    for f in own:
        if f.value is not None and not f.breakdown and id(f) in at:
            last_own[f.kind] = max(last_own.get(f.kind, -1), at[id(f)])
    return [f for f in figures if id(f) in named or f.kind not in last_own or at.get(id(f), 10**9) > last_own[f.kind]]


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


class Coder:
    """Holds the loaded resources (gazetteer, actor dictionary) and codes parsed documents."""

    def __init__(self, gazetteer: Gazetteer, lexicon: ActorLexicon,
                 classifier: CategoryClassifier | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.classifier = classifier
        self._seats: dict[str, Location | None] = {}
        self._seat_rows: dict[str, dict[str, object]] = json.loads(
            resources.files("warwatch").joinpath("data/seats.json").read_text(encoding="utf-8")
        )

    def seat(self, code: str | None) -> Location | None:
        """Where an actor speaks from when the text does not say: its capital or its seat (UN: New York)."""
        if not code:
            return None
        if code not in self._seats:
            row = self._seat_rows.get(code)
            location = None
            if row is not None:
                name, country = str(row["seat"]), str(row["country"])
                lat, lon = float(row["lat"]), float(row["lon"])  # type: ignore[arg-type]
                found = [p for p in self.gazetteer.lookup(name) if p.country == country and p.feature_class == "P"]
                best = min(found, key=lambda p: abs(p.lat - lat) + abs(p.lon - lon)) if found else None
                if best is not None and abs(best.lat - lat) + abs(best.lon - lon) < 0.5:
                    location = to_location(best, "city")
                else:
                    location = Location(name, country, None, lat, lon, None, "city")
            self._seats[code] = location
        return self._seats[code]

    def code(self, doc: Doc, article: Article, *, explain: bool = False) -> ArticleResult:
        toponyms = find_toponyms(doc, self.gazetteer)
        actor_mentions = self.lexicon.find(doc)
        by_token: dict[int, ActorMention] = {}
        for m in actor_mentions:
            for i in range(m.start, m.end):
                by_token[i] = m
        # the article's countries: named countries, demonyms and actors. A town in another country is a
        # misreading ("Major" is no Romanian village here) unless it is a big place.
        context = {t.place.country for t in toponyms if t.place is not None and t.place.country
                   and (t.kind != "literal" or precision_of(t.place) == "country")}
        context |= {m.code for m in actor_mentions if len(m.code) == 3}
        conflict_article = is_conflict_text(doc.text)
        datelines = [t for t in toponyms if t.place is not None and _dateline(t, doc.text)]
        for t in list(datelines):  # the state or country of "ROCK HILL, S.C. –" belongs to the dateline
            tail = _DATELINE_TAIL.match(doc.text, t.end)
            datelines += [u for u in toponyms if tail and t.end <= u.start < tail.end() and u not in datelines]
        dateline = datelines[0] if datelines and precision_of(datelines[0].place) in {"city", "point"} else None  # type: ignore[arg-type]
        resolved = [t for t in toponyms if t.place is not None and t.kind == "literal" and t not in datelines
                    and not _org_name(t, doc.text)]
        literal = [t for t in resolved if plausible(t, resolved, context)]
        top_by_token: dict[int, Toponym] = {}
        for t in literal:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    top_by_token[tok.i] = t
        main_place = self._main_place(literal)
        main_town = self._main_place([t for t in literal if t.place is not None
                                      and precision_of(t.place) in {"city", "point"}])
        published = article.published

        lead_date = _lead_date(doc, published)
        drafts: list[_Draft] = []
        notes: list[Note] = []
        orphans: list[tuple[Mention, Span]] = []  # verbal mentions with no actor ("the talks")
        loose_figures: list[tuple[int, list[Figure], Span]] = []  # figures in sentences without a mention
        for sentence in doc.sents:
            text = sentence.text
            if not text.strip():
                continue
            mentions = find_mentions(sentence, conflict_article=conflict_article)
            decisions: list[str] = []
            if not mentions:
                figures = [f for f in find_casualty_figures(text) if not f.breakdown]
                if figures and is_past_context(text, published):
                    decisions.append("casualty figures in a sentence about the past: not attached")
                elif figures:
                    loose_figures.append((sentence.start_char, figures, sentence))
                    decisions.append("no event trigger; casualty figures attached to the nearest attack")
                elif explain:
                    decisions.append("no event trigger")
                if explain:
                    notes.append(Note(sentence.start_char, sentence.end_char, text, tuple(decisions)))
                continue
            sentence_date = resolve_event_date(_DATELINE_PREFIX.sub("", text), published)
            cues = [] if _SUPERLATIVE_SINCE.search(text) else [
                (sentence.start_char + a, sentence.start_char + b) for a, b in past_context_spans(text, published)]
            weapons = {w for _, _, w in find_weapons(text)}
            figures = find_casualty_figures(text)
            proba = self._proba(text) if any(vetoable(m) for m in mentions) else None
            for mention in mentions:
                if proba is not None and vetoable(mention) and not classifier_agrees(proba, mention.category):
                    decisions.append(f"{mention.category} ({mention.rule}): weak trigger and the classifier disagrees "
                                     f"(p={proba.get(mention.category, 0.0):.2f}), not coded")
                    continue
                if mention.trigger.dep_ == "compound" and mention.trigger.pos_ in {"NOUN", "PROPN"}:
                    decisions.append(f"{mention.category} ({mention.rule}): a modifier of another noun, not an event")
                    continue
                own_date = self._own_date(mention, published)
                # "two days after a rocket hit the field": the act the story follows up on, not its past
                follow_up = None if own_date else _days_before(mention.trigger, sentence_date, published)
                date_res = own_date or follow_up or sentence_date
                roles = find_roles(mention, by_token)
                committed = commitment(mention, roles.actor)
                if committed is not None:
                    decisions.append(f"{mention.category} announced for the future ({mention.modality}): "
                                     f"a {'refusal' if committed == 'REJECT' else 'commitment'}, coded {committed}")
                    mention = replace(mention, category=committed, irrealis=False, modality=None, negated=False,
                                      rule=f"{mention.rule}+{mention.modality}")
                elif mention.negated:
                    decisions.append(f"{mention.category} ({mention.rule}): negated, not an event")
                    continue
                if mention.category != "ASSAULT" and not roles.actor:
                    orphans.append((mention, sentence))
                    decisions.append(f"{mention.category} ({mention.rule}): no identifiable actor; "
                                     "evidence for a coded event of its category, if any")
                    continue
                # "Washington denounced the strikes": an attack named by a statement is placed where it is reported
                places = [] if mention.category == "ASSAULT" and _referenced(mention) else event_places(
                    mention, top_by_token, literal)
                background = (past_for(mention, cues) and follow_up is None) or mention.irrealis
                if (
                    date_res.date is not None and published is not None
                    and date_res.date < published - timedelta(days=_BACKGROUND_DAYS)
                ):
                    background = True
                drafts.append(
                    _Draft(
                        mention=mention, actor=roles.actor, recipient=roles.recipient, claimed_by=roles.claimed_by,
                        places=places, date=date_res, background=background, weapons=weapons, figures=figures,
                        sentence=sentence, auxiliary="future" if mention.irrealis else None,
                    )
                )
                decisions.append(
                    f"{mention.category} ({mention.rule}, roles: {roles.rule or '-'})"
                    + (" background" if background else "")
                    + (f" at {', '.join(p.text for p in places)}" if places else "")
                    + f"; date {date_res.date} ({date_res.source})"
                )
            if explain:
                notes.append(Note(sentence.start_char, sentence.end_char, text, tuple(decisions)))

        groups = self._group(drafts, main_place)
        war_report = is_war_report(doc.text)
        if not war_report:  # a local crime report
            _refine_to_main_place(groups, main_town)
            _place_at_dateline(groups, dateline)
            self._county_to_namesake_town(groups)
        attacker = self._article_attacker(drafts, None)
        if attacker:  # "Germany condemned the strikes": the condemned is the article's attacker
            for d in drafts:
                if d.mention.category == "ACCUSE" and not d.recipient and d.actor and attacker[0].country not in {
                        a.country for a in d.actor}:
                    d.recipient = attacker
        self._attach_loose(groups, loose_figures, literal)
        groups.extend(self._unnamed_meeting(orphans, groups, actor_mentions, published))
        for mention, sentence in orphans:
            same = [g for g in groups if g.category == mention.category and not g.background]
            if len(same) == 1 and mention.happened:
                same[0].extra_sentences.append(sentence)
        news_assaults = [g for g in groups if g.category == "ASSAULT" and not g.background]
        if len(news_assaults) == 1:  # one attack in the article: every figure of a news sentence is about it
            only = news_assaults[0]
            own = {d.sentence.start_char for d in only.drafts} | {s.start_char for s in only.extra_sentences}
            for d in drafts:
                if not d.background and d.sentence.start_char not in own and d.figures:
                    own.add(d.sentence.start_char)
                    only.extra_figures.extend(d.figures)
        events = [self._event(article, g, main_place, drafts, groups, lead_date, dateline) for g in groups]
        if not conflict_article:  # "the home side launched a late attack": no attacker, no weapon, no war
            strong = {id(g) for g in groups if any(d.mention.strong for d in g.drafts)}
            events = [e for e, g in zip(events, groups, strict=True)
                      if e is not None and (e.event != "ASSAULT" or id(g) in strong or e.actor or e.weapon
                                            or e.casualties.dead or e.casualties.injured)]
        if not war_report:
            events = _story_toll(events, doc.text)
        return ArticleResult(article, tuple(e for e in events if e is not None), tuple(notes))

    @staticmethod
    def _unnamed_meeting(orphans: list[tuple[Mention, Span]], groups: list[_Group],
                         actor_mentions: list[ActorMention], published: date | None) -> list[_Group]:
        """"The meeting ... the meeting was cut short": a story about a meeting that never names its parties in
        the same sentence. When it says so twice and no meeting is coded, its parties are the two actors the
        story names most (people and states)."""
        meetings = [(m, s) for m, s in orphans if m.category == "CONSULT" and m.happened]
        if len(meetings) < _MEETING_MENTIONS or any(g.category == "CONSULT" for g in groups):
            return []
        counts: Counter[str] = Counter(m.code for m in actor_mentions
                                       if m.kind in {"person", "country"} and len(m.code) == 3)
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

    def _proba(self, text: str) -> dict[str, float] | None:
        if self.classifier is None:
            return None
        return self.classifier.predict_proba([text])[0]

    @staticmethod
    def _own_date(mention: Mention, published: date | None) -> DateResolution | None:
        """The date phrase inside the trigger's own phrase ("the attack on Saturday"), which beats the sentence's."""
        trigger = mention.trigger
        tokens = [t for t in trigger.subtree if t.dep_ not in {"relcl", "ccomp"}] if trigger.pos_ == "NOUN" else [
            c for c in trigger.children if c.dep_ in {"prep", "npadvmod", "advmod", "tmod"}
        ]
        if not tokens:
            return None
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        if trigger.pos_ != "NOUN":
            spans = [(min(x.idx for x in c.subtree), max(x.idx + len(x.text) for x in c.subtree)) for c in tokens]
            start, end = min(a for a, _ in spans), max(b for _, b in spans)
        own = resolve_event_date(trigger.doc.text[start:end], published)
        return own if own.source in {"explicit", "relative"} and own.date is not None else None

    # -- places -------------------------------------------------------------------------------------

    def _county_to_namesake_town(self, groups: list[_Group]) -> None:
        """Outside war reports, "Kalamazoo County deputies" place an attack in the county's namesake town
        (Kalamazoo), when that town lies in the county's state within 80 km of its point."""
        for g in groups:
            where = g.place.place if g.place is not None else None
            if g.category != "ASSAULT" or where is None or not (where.feature_code or "").upper().startswith("ADM2"):
                continue
            m = _COUNTY.match(where.name)
            if m is None:
                continue
            towns = [p for p in self.gazetteer.lookup(m.group(1)) if p.feature_class == "P"
                     and p.country == where.country and p.admin1 == where.admin1 and km(p, where) <= 80]
            if towns:
                g.place = replace(g.place, place=max(towns, key=lambda p: p.population))  # type: ignore[arg-type]

    @staticmethod
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

    def _group(self, drafts: list[_Draft], main_place: Toponym | None) -> list[_Group]:
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
            if candidates:
                start = d.sentence.start_char

                def last_before(g: _Group, start: int = start) -> int:
                    return max((x.sentence.start_char for x in g.drafts if x.sentence.start_char <= start), default=-1)

                best = max(candidates, key=last_before)
                target = best if last_before(best) >= 0 else candidates[0]
                target.drafts.append(d)
                if d.figures and all(f.value == 0 for f in d.figures):  # "no casualties in the attacks"
                    for g in candidates:
                        if g is not target:
                            g.extra_figures.extend(d.figures)
                continue
            country = next((p for p in d.places if p.place is not None), None)
            place = main_place if main_place is not None else country
            group_for("ASSAULT", place, d.background, place_key(place)).drafts.append(d)
        return order

    @staticmethod
    def _attach_loose(groups: list[_Group], loose: list[tuple[int, list[Figure], Span]],
                      literal: Sequence[Toponym]) -> None:
        """Figures in a sentence with no trigger go to the attack whose place that sentence names, else to
        the attack mentioned last before it (else the first attack)."""
        assaults = [g for g in groups if g.category == "ASSAULT" and not g.background]
        if not assaults:
            return
        for start, figures, sentence in loose:
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
                best = max(assaults, key=last_before)
                target = best if last_before(best) >= 0 else assaults[0]
            target.extra_figures.extend(figures)
            target.extra_sentences.append(sentence)
            target.loose_at.update((id(f), start) for f in figures)

    # -- events ---------------------------------------------------------------------------------------

    def _event(self, article: Article, group: _Group, main_place: Toponym | None, all_drafts: list[_Draft],
               groups: list[_Group], lead_date: DateResolution | None, dateline: Toponym | None) -> Event:
        drafts = group.drafts
        category = group.category
        first = drafts[0]
        date_res = next((d.date for d in drafts if d.date.source in {"explicit", "relative"}
                         and (d.date.date is not None or group.background)), None)
        if date_res is None:
            date_res = self._anchor_date(article, all_drafts, group.background, lead_date, category)
        if date_res.date is not None and article.published is not None and date_res.date > article.published:
            # "talks set for March 20": no event is dated after its report; the day stays in the text
            date_res = DateResolution(None, date_res.precision, date_res.source, date_res.text)
        place = group.place
        actor = _merge(a for d in drafts for a in d.actor)
        location = to_location(place.place if place else None)
        location_source = "argument" if place is not None else None
        if location is None and category != "ASSAULT":
            at_home = dateline is not None and dateline.place is not None and actor and \
                dateline.place.country == actor[0].country
            if category in _MEETINGS and (dateline is not None or main_place is not None):
                where = dateline or main_place
                location, location_source = to_location(where.place), "dateline" if where is dateline else "article"  # type: ignore[union-attr]
            elif category in _VERBAL and actor and (
                    meeting := _meeting_place(groups, actor, dateline, main_place)) is not None:
                location, location_source = meeting, "meeting"  # said at the summit it attends
            elif at_home and dateline is not None:  # "WASHINGTON — The White House condemned ..."
                location, location_source = to_location(dateline.place), "dateline"
            elif actor:
                location, location_source = self.seat(actor[0].country), "actor_seat"
        elif category == "ASSAULT" and place is not None and place is main_place and not group.drafts[0].places:
            location_source = "article"
        recipient = _merge(a for d in drafts for a in d.recipient)
        claimed = _merge(a for d in drafts for a in d.claimed_by)
        weapon = None
        mode = first.mention.mode
        text = " ".join(d.sentence.text for d in drafts)
        if category == "ASSAULT":
            actor = _main_actor(drafts, location)
            if not actor and not group.background:
                actor = self._article_attacker(all_drafts, location)
            armed = [d.weapons for d in drafts if d.weapons]
            # a place of a wave that names no weapon of its own was hit with the wave's weapon (a wave on the
            # same country: "Ukrainian drones struck Moscow ... Kyiv was hit from the air" are two waves)
            armed_countries = {t.place.country for d in all_drafts if d.weapons and not d.background
                               for t in d.places if t.place is not None}
            same_wave = location is None or not armed_countries or location.country in armed_countries
            weapon = weapon_for(set(armed[0])) if armed else (
                _article_weapon(all_drafts) if not group.background and same_wave else None)
            mode = mode_for(category, weapon, text, mode)
            codes = {a.country for a in actor}
            recipient = tuple(r for r in recipient if r.country not in codes)
            if not recipient and location is not None and location.country:
                if location.country not in codes:
                    recipient = (Actor(name=location.country, country=location.country),)
                else:
                    other = _other_side(all_drafts, codes)
                    recipient = (other,) if other else ()
        else:
            mode = mode_for(category, None, text, mode)
        figures: list[Figure] = []
        separate: list[Figure] = []  # "Another drone hit a building ..., injuring one": a second incident there
        if category == "ASSAULT":
            seen: set[int] = set()
            for d in drafts:
                if d.sentence.start_char in seen:
                    continue
                seen.add(d.sentence.start_char)
                (separate if _SEPARATE_INCIDENT.match(d.sentence.text) else figures).extend(d.figures)
            figures.extend(group.extra_figures)
            others = {place_key(g.place) for g in groups
                      if g is not group and g.category == "ASSAULT" and not g.background and g.place is not None}
            figures = _prefer_own_figures(figures, group, others - {place_key(group.place)})
        casualties = casualties_from_figures(figures)
        if separate and figures:
            casualties = add_casualties(casualties, casualties_from_figures(separate))
        elif separate:
            casualties = casualties_from_figures(separate)
        sentences = {d.sentence.start_char: d.sentence for d in drafts}
        for s in group.extra_sentences:
            sentences.setdefault(s.start_char, s)
        evidence = tuple(_evidence(article, s) for _, s in sorted(sentences.items()))
        munitions = summarize_munitions(m for _, s in sorted(sentences.items()) for m in find_munitions(s.text)) \
            if category == "ASSAULT" else ()
        key = "|".join([
            category, date_res.date.isoformat() if date_res.date else "-", place_key(place),
            ",".join(sorted(a.country or "" for a in actor)) if category != "ASSAULT" else "",
            str(group.background), article.id,
        ])
        extra: dict[str, object] = {"rules": sorted({d.mention.rule for d in drafts})}
        if location is not None and location_source:
            extra["location_source"] = location_source
        aux = next((d.auxiliary for d in drafts if d.auxiliary), None)
        if aux:
            extra["auxiliary"] = aux
        return Event(
            event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
            article_ids=(article.id,),
            event=category,
            mode=mode,
            context=find_contexts(category, (e.text for e in evidence)),
            weapon=weapon,
            actor=actor,
            recipient=recipient,
            date=date_res,
            location=location,
            casualties=casualties,
            background=group.background,
            score=event_score(category, mode),
            evidence=evidence,
            claimed_by=claimed,
            confidence=0.6 if first.mention.trigger.pos_ == "VERB" else 0.5,
            munitions=munitions,
            extra=extra,
        )

    @staticmethod
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

    @staticmethod
    def _article_attacker(drafts: list[_Draft], location: Location | None) -> tuple[Actor, ...]:
        """An ASSAULT with no named attacker takes the article's attacker when only one is named."""
        codes: Counter[str] = Counter()
        first: dict[str, Actor] = {}
        for d in drafts:
            if d.mention.category != "ASSAULT" or d.background:
                continue
            for a in d.actor:
                if a.country:
                    codes[a.country] += 1
                    first.setdefault(a.country, a)
        if not codes:  # "Israel blamed Hezbollah for the attack": the accused is the attacker
            for d in drafts:
                if d.mention.category == "ACCUSE" and not d.background:
                    for a in d.recipient:
                        if a.country:
                            codes[a.country] += 1
                            first.setdefault(a.country, a)
        if len(codes) != 1:
            return ()
        code = next(iter(codes))
        if location is not None and location.country == code:
            return ()
        return (first[code],)


_VERBAL = {"ACCUSE", "REQUEST", "REJECT", "AGREE", "THREATEN", "SUPPORT", "CONCEDE"}


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
    """The other party of the article's fighting: the most named actor that is not ``codes``."""
    counts: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for d in drafts:
        for a in (*d.actor, *d.recipient):
            if a.country and a.country not in codes and len(a.country) == 3:
                counts[a.country] += 1
                first.setdefault(a.country, a)
    return first[counts.most_common(1)[0][0]] if counts else None


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
