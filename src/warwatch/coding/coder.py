"""Coder: one parsed article in, its PLOVER events out.

The stages meet here, in one direction: toponyms and actor names are found once per document;
each sentence gives event mentions (``events``), their roles (``roles``), date (``dates``) and
figures (``numbers``); mentions are then grouped into events, one per real happening: an ASSAULT per
place the text gives details for, a verbal event per category and actors. Every decision that drops a
sentence or a mention is recorded with a reason for ``warwatch explain``.

The grouping of mentions and where each group happened are in ``grouping``; datelines and news dates in
``datelines``; the readings over a whole article's drafts (a feature, a crime story's toll, the attacker, the
meeting place) in ``article``; links to other stories inside the text in ``links``. This module holds the
article-level flow and builds each group's ``Event``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import timedelta
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..dates import coarse_period_end, is_past_context, past_context_spans, resolve_event_date
from ..models import Actor, Article, DateResolution, Event, Evidence, Location, Toponym
from ..numbers import (
    Figure,
    add_casualties,
    casualties_from_figures,
    find_casualty_figures,
    find_munitions,
    summarize_munitions,
)
from ..places import Gazetteer, find_toponyms
from ..places.eventplace import event_places, place_key, plausible, precision_of, to_location
from ..places.institutions import Institutions
from ..places.venue import meeting_venues
from .actors import ActorLexicon, ActorMention, is_state_code
from .article import (
    _accused_in_sentence,
    _article_weapon,
    _at_capital,
    _feature_article,
    _figure_offsets,
    _headline_end,
    _main_actor,
    _meeting_place,
    _merge,
    _other_side,
    _political_only,
    _site_figures,
    _story_toll,
    _summit_place,
    _unnamed_acts,
    _war_report,
)
from .classifier import CategoryClassifier
from .contexts import find_contexts
from .datelines import (
    _BACKGROUND_DAYS,
    _DATELINE_PREFIX,
    _DATELINE_TAIL,
    _SUPERLATIVE_SINCE,
    _anchor_date,
    _dateline,
    _days_before,
    _lead_date,
    _own_date,
    colon_dateline,
)
from .events import (
    Mention,
    event_score,
    find_mentions,
    find_weapons,
    is_conflict_text,
    is_war_report,
    mentions_crime,
    mode_for,
    weapon_for,
)
from .grouping import (
    Loose,
    _attach_loose,
    _county_to_namesake_town,
    _dateline_by_reference,
    _Draft,
    _Group,
    _group,
    _main_place,
    _new_sites,
    _org_name,
    _place_at_dateline,
    _prefer_own_figures,
    _referenced,
    _refine_to_main_place,
    _unnamed_meeting,
    _wider_figures,
    clause_figures,
    lead_counts,
    site_counts,
    site_sums,
)
from .links import _STORY_LINK, _inside, _own_line, _without, link_spans
from .roles import RoleContext, article_government, find_roles, named_speaker
from .sentence_model import Combination, SentenceReader, SentenceReading, Veto, proposed_mention
from .statement_dates import dated_statement, speech_date, topic_free_date
from .statements import classifier_agrees, clause_act, commitment, narrative_past, past_for, reporter, vetoable

__all__ = ["ArticleResult", "Coder", "Note"]

log = logging.getLogger(__name__)

# A sentence about a second incident at the same place: its toll adds to the first one's (dev README,
# "same city, same day ... separate tolls are summed").
_SEPARATE_INCIDENT = re.compile(
    r"\W*(?:Another|A\s+(?:second|third|further)|In\s+(?:another|a\s+separate|a\s+second)\s+(?:attack|strike|incident))\s+"
    r"(?:\w+\s+){0,2}?(?:drones?|UAVs?|missiles?|rockets?|shells?|strikes?|attacks?|bombs?|hit|struck|landed|exploded)\b"
)
_MEETINGS = {"CONSULT", "AGREE", "RETREAT", "COOPERATE"}  # placed where they happen: the dateline, the story
# a withdrawal, a release or an exchange of prisoners happens where the troops or captives are, the place the story
# names, not the city its reporter files from ("ISLAMABAD: ... the militants freed the hostages in Kurram")
_ON_THE_GROUND = {"RETREAT"}
# acts that are news however their doer is named: "17 Palestinians were detained", "the rebels released 11 staffers",
# "the troops withdrew", "World Central Kitchen welcomed the findings". Told by a clause of their own
# (``clause_act``), they are events with no actor when the text gives them no country, as an attack is. Not
# SANCTION or AID: on the corpus train split their actorless clauses were right barely more often than wrong
_ACTS_WITHOUT_ACTOR = {"COERCE", "RETREAT", "SUPPORT"}


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


_DEFINITE = {"the", "these", "those"}


def _tells_more(mention: Mention) -> bool:
    """"The raids killed nine people in the town of A": an attack noun with a definite article as the subject of what
    it did tells more of an attack the article has already reported, the news itself, however much the sentence
    model reads it as background (its bag of words does not see the anaphora)."""
    trigger = mention.trigger
    return (mention.category == "ASSAULT" and trigger.pos_ == "NOUN" and trigger.dep_ in {"nsubj", "nsubjpass"}
            and trigger.head.pos_ == "VERB"
            and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in trigger.children))


def _modifier(trigger: Token) -> bool:
    """A noun that modifies another noun ("attack helicopters"), or a bare noun joined to such a modifier
    ("reconnaissance and strike drones", "strike and transport helicopters"): a kind of weapon, not an event."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    if trigger.dep_ == "compound" or (trigger.dep_ == "nmod" and trigger.head.pos_ in {"NOUN", "PROPN"}
                                      and trigger.i < trigger.head.i):
        return True
    return trigger.dep_ == "conj" and trigger.head.dep_ in {"compound", "nmod"} and not any(
        c.dep_ not in {"cc", "punct"} for c in trigger.children)


def _own_resolve(mention: Mention, actor: tuple[Actor, ...], by_token: dict[int, ActorMention]) -> bool:
    """"Putin insisted Russia must become independent of foreign suppliers", "the EU must do more, its foreign
    policy chief said": what a speaker says its own side must or should do asks nothing of another party (a
    REQUEST needs an addressee other than the requester)."""
    trigger = mention.trigger
    if mention.category != "REQUEST" or not actor or not any(
            c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in trigger.children):
        return False
    subjects = [c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"}]
    codes = {by_token[t.i].code for s in subjects for t in s.subtree if t.i in by_token}
    return bool(codes) and codes <= {a.country for a in actor}


def _evidence(article: Article, sentence: Span) -> Evidence:
    """The sentence as evidence, without surrounding whitespace; offsets slice ``article.text``."""
    raw = sentence.text
    start = sentence.start_char + (len(raw) - len(raw.lstrip()))
    end = sentence.start_char + len(raw.rstrip())
    return Evidence(article.id, article.text[start:end], start, end)


def _counts_its_casualties(mention: Mention, figures: list[Figure]) -> bool:
    """An attack whose sentence counts its dead or hurt ("At least ten people have been killed in a raid on X",
    "The raids killed nine people in A"): a casualty report tells of an attack that happened, whatever the sentence
    model reads of its factuality (a perfect or a definite description reads to it as background). Not a war's
    running toll, an earlier happening's, a total over several or a figure since updated."""
    return mention.category == "ASSAULT" and any(
        f.value and f.kind in {"dead", "injured"} and not (f.foreign or f.total or f.superseded or f.breakdown)
        for f in figures)


class Coder:
    """Holds the loaded resources (gazetteer, actor dictionary) and codes parsed documents."""

    def __init__(self, gazetteer: Gazetteer, lexicon: ActorLexicon,
                 classifier: CategoryClassifier | None = None, sentence_model: SentenceReader | None = None,
                 veto: Veto | None = None, combination: Combination | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.classifier = classifier
        self.sentence_model = sentence_model
        self.veto = veto if veto is not None else Veto()
        self.combination = combination if combination is not None else Combination()
        self.office_roles = False  # settings.office_roles: actors of unnamed offices and quotation speakers
        self.region_capitals = False  # settings.region_capitals: region-only events at the region's capital
        self._seats: dict[str, Location | None] = {}
        self._seat_rows: dict[str, dict[str, object]] = json.loads(
            resources.files("warwatch").joinpath("data/seats.json").read_text(encoding="utf-8")
        )
        self.institutions = Institutions.load(gazetteer)

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
        full_text = doc.text  # Doc.text joins every token on each call: read it once
        toponyms = find_toponyms(doc, self.gazetteer)
        actor_mentions = self.lexicon.find(doc, article.published)
        by_token: dict[int, ActorMention] = {}
        for m in actor_mentions:
            for i in range(m.start, m.end):
                by_token[i] = m
        # the article's countries: named countries, demonyms and actors. A town in another country is a
        # misreading ("Major" is no Romanian village here) unless it is a big place.
        context = {t.place.country for t in toponyms if t.place is not None and t.place.country
                   and (t.kind != "literal" or precision_of(t.place) == "country")}
        context |= {m.code for m in actor_mentions if is_state_code(m.code)}
        conflict_article = is_conflict_text(full_text)
        datelines = [t for t in toponyms if t.place is not None and (_dateline(t, full_text) or (
            colon_dateline(t, full_text) and precision_of(t.place) in {"city", "point"}))]
        for t in list(datelines):  # the state or country of "ROCK HILL, S.C. –" belongs to the dateline
            tail = _DATELINE_TAIL.match(full_text, t.end)
            datelines += [u for u in toponyms if tail and t.end <= u.start < tail.end() and u not in datelines]
        dateline = datelines[0] if datelines and precision_of(datelines[0].place) in {"city", "point"} else None  # type: ignore[arg-type]
        resolved = [t for t in toponyms if t.place is not None and t.kind == "literal" and t not in datelines
                    and not _org_name(t, full_text)]
        literal = [t for t in resolved if plausible(t, resolved, context)]
        top_by_token: dict[int, Toponym] = {}
        for t in literal:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    top_by_token[tok.i] = t
        main_place = _main_place(literal)
        # "the NATO summit in Vilnius": where the parties named with a meeting make their statements
        summits = [(v.place, frozenset(m.code for m in actor_mentions if v.start <= m.start_char < v.end))
                   for v in meeting_venues(doc, top_by_token, article.published)]
        main_town = _main_place([t for t in literal if t.place is not None
                                 and precision_of(t.place) in {"city", "point"}])
        published = article.published

        lead_date = _lead_date(doc, published)
        agents = self.lexicon.agents
        role_context = RoleContext(agents, article_government(doc, actor_mentions, agents), self.office_roles)
        drafts: list[_Draft] = []
        notes: list[Note] = []
        orphans: list[tuple[Mention, Span]] = []  # verbal mentions with no actor ("the talks")
        unnamed: list[_Draft] = []  # acts told with no actor ("17 people were detained")
        loose_figures: list[Loose] = []  # figures in sentences without a mention
        links = link_spans(full_text)
        for sentence in doc.sents:
            text = sentence.text
            if not text.strip():
                continue
            lead_at = sentence.start_char + len(text) - len(text.lstrip())
            if (_STORY_LINK.match(text) and _own_line(sentence)) or _inside(lead_at, links):
                if explain:
                    notes.append(Note(sentence.start_char, sentence.end_char, text, ("a link to another story",)))
                continue
            mentions = find_mentions(sentence, conflict_article=conflict_article)
            decisions: list[str] = []
            reading = self.sentence_model.read([text])[0] if self.sentence_model is not None and (
                mentions or self.combination.propose or explain) else None
            if reading is not None and explain:
                decisions.append(reading.describe())
            loose = [] if mentions else [
                f for f in find_casualty_figures(text) if not f.breakdown and not f.foreign
                and not _inside(sentence.start_char + f.start, links)]
            # a toll with no trigger stays the toll of its attack (attached below): the model proposes nothing there
            proposals = [] if loose else self._proposals(sentence, mentions, reading)
            if explain:
                decisions.extend(f"{m.category}: the sentence model proposes it ({m.rule})" for m in proposals)
            mentions = mentions + proposals
            if not mentions:
                figures = loose
                if figures and is_past_context(text, published):
                    decisions.append("casualty figures in a sentence about the past: not attached")
                elif figures:
                    loose_figures.append((sentence.start_char, sentence.end_char, figures, sentence))
                    decisions.append("no event trigger; casualty figures attached to the nearest attack")
                elif explain:
                    decisions.append("no event trigger")
                if explain:
                    notes.append(Note(sentence.start_char, sentence.end_char, text, tuple(decisions)))
                continue
            coded_before = len(drafts)
            modifiers: set[int] = set()  # mentions that only modify another noun ("blast injuries"): no attack word
            sentence_date = resolve_event_date(_DATELINE_PREFIX.sub("", text), published)
            cues = [] if _SUPERLATIVE_SINCE.search(text) else [
                (sentence.start_char + a, sentence.start_char + b) for a, b in past_context_spans(text, published)]
            weapons = {w for _, _, w in find_weapons(text)}
            figures = [f for f in find_casualty_figures(text) if not _inside(sentence.start_char + f.start, links)]
            proba = self._proba(text) if any(vetoable(m) for m in mentions) else None
            thresholds = self.sentence_model.thresholds if self.sentence_model is not None else {}
            for mention in mentions:
                from_model = any(mention is p for p in proposals)
                if (not from_model and not mention.strong and reading is not None
                        and self.combination.doubts_weak(mention.category, reading, thresholds)):
                    decisions.append(f"{mention.category} ({mention.rule}): weak trigger and the sentence model "
                                     f"disagrees (p={reading.categories.get(mention.category, 0.0):.2f}), not coded")
                    continue
                if proba is not None and vetoable(mention) and not classifier_agrees(proba, mention.category):
                    decisions.append(f"{mention.category} ({mention.rule}): weak trigger and the classifier disagrees "
                                     f"(p={proba.get(mention.category, 0.0):.2f}), not coded")
                    continue
                if _modifier(mention.trigger):
                    modifiers.add(id(mention))
                    decisions.append(f"{mention.category} ({mention.rule}): a modifier of another noun, not an event")
                    continue
                # "accused Russia on Sunday", "the ministry said on Monday": a statement is dated on its own verb
                spoken = dated_statement(mention.category, mention.trigger)
                own_date = speech_date(mention.trigger, published) if spoken else _own_date(mention, published)
                # "two days after a rocket hit the field": the act the story follows up on, not its past
                follow_up = None if own_date else _days_before(mention.trigger, sentence_date, published)
                date_res = own_date or follow_up or (
                    topic_free_date(mention.trigger, published, _DATELINE_PREFIX) if spoken else sentence_date)
                roles = find_roles(mention, by_token, role_context)
                if _own_resolve(mention, roles.actor, by_token):
                    decisions.append(f"{mention.category} ({mention.rule}): what the speaker's own side must do, "
                                     "a resolve, not a request; not coded")
                    continue
                if from_model and not roles.actor:
                    decisions.append(f"{mention.category} ({mention.rule}): proposed by the sentence model, but the "
                                     "roles stage finds no actor; not coded")
                    continue
                said_by = reporter(mention)
                speakers = {by_token[t.i].code for t in said_by.subtree if t.i in by_token} \
                    if said_by is not None and said_by.pos_ not in {"VERB", "AUX"} else set()
                committed = commitment(mention, roles.actor, speakers)
                # an announced commitment is itself the act (PLOVER); otherwise the model may doubt the act
                if committed is None and reading is not None and self.veto.vetoes(mention.category, reading) and not (
                        _tells_more(mention) and any(d.mention.category == "ASSAULT" and not d.background
                                                     for d in drafts)) and not _counts_its_casualties(mention, figures):
                    decisions.append(f"{mention.category} ({mention.rule}): the sentence model reads no new act "
                                     f"of this kind (p={reading.categories.get(mention.category, 0.0):.2f}, "
                                     f"happened {reading.happened:.2f}), not coded")
                    continue
                if committed is not None:
                    decisions.append(f"{mention.category} announced for the future ({mention.modality}): "
                                     f"a {'refusal' if committed == 'REJECT' else 'commitment'}, coded {committed}")
                    announced = mention.category
                    mention = replace(mention, category=committed, irrealis=False, modality=None, negated=False,
                                      rule=f"{mention.rule}+{mention.modality}")
                    if committed != announced:  # "will not accept X": the roles of a refusal, not of an accord
                        roles = find_roles(mention, by_token, role_context) if roles.actor else roles
                elif mention.negated:
                    decisions.append(f"{mention.category} ({mention.rule}): negated, not an event")
                    continue
                # "The elders blamed the militia": a named speaker's accusation or refusal is an event even
                # when the text gives the speaker no country (the actor stays empty); so is an arrest, a release
                # or praise told by a clause of its own ("17 men were detained"; ``_unnamed_acts`` decides later)
                actorless = not roles.actor and mention.category in _ACTS_WITHOUT_ACTOR and clause_act(mention)
                if mention.category != "ASSAULT" and not roles.actor and not named_speaker(mention) and not actorless:
                    orphans.append((mention, sentence))
                    decisions.append(f"{mention.category} ({mention.rule}): no identifiable actor; "
                                     "evidence for a coded event of its category, if any")
                    continue
                # "Washington denounced the strikes": an attack named by a statement is placed where it is reported
                places = [] if mention.category == "ASSAULT" and _referenced(mention) else event_places(
                    mention, top_by_token, literal)
                background = (past_for(mention, cues) and follow_up is None) or mention.irrealis
                if mention.told_from and not background and (
                        mention.category not in _MEETINGS or mention.told_from.startswith("amod:")
                        or mention.told_from == "last"):
                    # "in response to the strikes", "has previously denied": the news is told from it. Meetings
                    # are exempt but for "previous talks" and "when they last met": "said after talks with ..."
                    # reports the talks as news
                    # (sealed CONSULT R 0.70 -> 0.55 with them)
                    background = True
                    decisions.append(f"{mention.category} ({mention.rule}): named as the time or cause of the news "
                                     f"('{mention.told_from}'), background")
                if mention.general and not background:
                    # "the war has killed thousands", "attacks have increased", "months of bombardment": a state
                    # of the war the story describes, not a happening it reports
                    background = True
                    decisions.append(f"{mention.category} ({mention.rule}): told as a general state of the war "
                                     f"({mention.general}), background")
                # the narrative's reading: a "since" clause, an anniversary or the narrative's past perfect ("Iran
                # had warned that ...") is background, but for meetings ("since talks began" in news of the talks).
                # A present perfect habit ("has repeatedly rejected the claims") is shown, not applied: on the
                # corpus dev split it reads reiterated statements that labellers count as news
                told_past = narrative_past(mention, past_perfect=True) if not background else None
                if told_past in {"since", "anniversary", "past perfect"} and mention.category not in _MEETINGS:
                    background = True
                    decisions.append(f"{mention.category} ({mention.rule}): the narrative tells it as past "
                                     f"({told_past}), background")
                    told_past = None
                elif not explain:
                    told_past = None
                # "in 1967", "in March 2021", "last month": a period that ended before the news is context, but for
                # meetings and accords, whose news is often told by the month they were reached in
                period_end = coarse_period_end(date_res, published) if mention.category not in _MEETINGS else None
                if published is not None and (
                    (date_res.date is not None and date_res.date < published - timedelta(days=_BACKGROUND_DAYS))
                    or (period_end is not None and period_end < published - timedelta(days=_BACKGROUND_DAYS))
                ):
                    background = True
                drafts.append(
                    _Draft(
                        mention=mention, actor=roles.actor, recipient=roles.recipient, claimed_by=roles.claimed_by,
                        places=places, date=date_res, background=background, weapons=weapons, figures=figures,
                        sentence=sentence, auxiliary="future" if mention.irrealis else None,
                    )
                )
                if actorless:
                    unnamed.append(drafts[-1])
                decisions.append(
                    f"{mention.category} ({mention.rule}, roles: {roles.rule or '-'})"
                    + (" background" if background else "")
                    + (f" (the narrative reads it as past: {told_past}; not applied)" if told_past else "")
                    + (f" at {', '.join(p.text for p in places)}" if places else "")
                    + f"; date {date_res.date} ({date_res.source})"
                )
            # "Emergency services said 17 people had sought medical help": a sentence with no attack word whose other
            # mentions came to nothing (an actorless request) still counts its attack's casualties, as one with none;
            # so does one whose attack word only modifies a noun ("medics treated 12 people for blast injuries")
            orphaned = [f for f in figures if not f.breakdown and not f.foreign] if len(drafts) == coded_before and \
                not any(m.category == "ASSAULT" and id(m) not in modifiers for m in mentions) else []
            if orphaned and not is_past_context(text, published):
                loose_figures.append((sentence.start_char, sentence.end_char, orphaned, sentence))
                decisions.append("no event coded; casualty figures attached to the nearest attack")
            if explain:
                if reading is not None:  # the model's probability beside each rule decision
                    decisions = [decisions[0]] + [reading.beside(d, thresholds) for d in decisions[1:]]
                notes.append(Note(sentence.start_char, sentence.end_char, text, tuple(decisions)))

        feature = _feature_article(drafts, doc)
        if feature is not None:  # an analysis, explainer, opinion or history: the acts it names are its background
            for d in drafts:
                d.background = True
            if explain:
                notes.append(Note(0, 0, "", (f"the article reads as a feature ({feature}): its acts are background",)))
        war_report = _war_report(full_text, literal)
        drafts = _unnamed_acts(drafts, unnamed, orphans, military=war_report or is_war_report(full_text, threshold=1))
        split = clause_figures(drafts, literal)  # "killed 7 in A, while another attack on B killed 10"
        site_sums(drafts, split)  # "killed eight in the region ... six in A while two others in B": eight is a total
        loose_figures.extend(split)
        groups = _group(drafts, main_place)
        if not war_report:  # a local crime report
            _refine_to_main_place(groups, main_town)
            _place_at_dateline(groups, dateline, full_text)
            _county_to_namesake_town(groups, self.gazetteer)
        _dateline_by_reference(groups, dateline)
        _accused_in_sentence(drafts)
        attacker = self._article_attacker(drafts, None, dominant=True)
        if attacker:  # "Germany condemned the strikes": the condemned is the article's attacker
            for d in drafts:
                if d.mention.category == "ACCUSE" and not d.recipient and attacker[0].country not in {
                        a.country for a in d.actor}:
                    d.recipient = attacker
        if war_report:  # "In B, four people died": a town with its own toll is a happening of its own
            loose_figures = _new_sites(groups, loose_figures, literal, published)
        _attach_loose(groups, loose_figures, literal)
        groups.extend(_unnamed_meeting(orphans, groups, actor_mentions, published))
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
                    only.loose_at.update((id(f), d.sentence.start_char) for f in d.figures)
        events: list[Event | None] = [self._event(article, g, main_place, drafts, groups, lead_date, dateline,
                                                           summits)
                                      for g in groups]
        if not conflict_article:  # "the home side launched a late attack": no attacker, no weapon, no war
            strong = {id(g) for g in groups if any(d.mention.strong for d in g.drafts)}
            events = [e for e, g in zip(events, groups, strict=True)
                      if e is not None and (e.event != "ASSAULT" or id(g) in strong or e.actor or e.weapon
                                            or e.casualties.dead or e.casualties.injured)]
        if not war_report:
            events = _story_toll(_political_only(events) if mentions_crime(full_text) else events,
                                 _without(full_text, links))
        coded = tuple(e for e in events if e is not None)
        if self.region_capitals:
            coded = tuple(_at_capital(e) for e in coded)
        return ArticleResult(article, coded, tuple(notes))

    def _proposals(self, sentence: Span, mentions: list[Mention],
                   reading: SentenceReading | None) -> list[Mention]:
        """The events the sentence model reads where the rules found no mention of their category."""
        if reading is None or self.sentence_model is None or not self.combination.propose:
            return []
        found = {m.category for m in mentions}
        out = []
        for category, probability in sorted(reading.categories.items(), key=lambda kv: -kv[1]):
            if category in found or not self.combination.proposes(category, reading, self.sentence_model.thresholds):
                continue
            mention = proposed_mention(sentence, category, probability, self.combination.anchored)
            if mention is not None:
                out.append(mention)
        return out

    def _proba(self, text: str) -> dict[str, float] | None:
        if self.classifier is None:
            return None
        return self.classifier.predict_proba([text])[0]

    # -- events ---------------------------------------------------------------------------------------

    def _event(self, article: Article, group: _Group, main_place: Toponym | None, all_drafts: list[_Draft],
               groups: list[_Group], lead_date: DateResolution | None, dateline: Toponym | None,
               summits: list[tuple[Toponym, frozenset[str]]]) -> Event:
        drafts = group.drafts
        category = group.category
        first = drafts[0]
        date_res = next((d.date for d in drafts if d.date.source in {"explicit", "relative"}
                         and (d.date.date is not None or group.background)), None)
        if date_res is None:
            date_res = _anchor_date(article, all_drafts, group.background, lead_date, category)
        if date_res.date is not None and article.published is not None and date_res.date > article.published:
            # "talks set for March 20": no event is dated after its report; the day stays in the text
            date_res = DateResolution(None, date_res.precision, date_res.source, date_res.text)
        place = group.place
        actor = _merge(a for d in drafts for a in d.actor)
        location = to_location(place.place if place else None)
        location_source = "argument" if place is not None else None
        body = self.institutions.find(" ".join(d.sentence.text for d in drafts), (a.name for a in actor)) \
            if location is None and category != "ASSAULT" else None
        summit = _summit_place(summits, actor) if location is None and category in _VERBAL else None
        if body is not None and summit is not None and body.phrase.casefold() in {a.name.casefold() for a in actor}:
            body = None  # "NATO reaffirmed ..." in news of the NATO summit in Vilnius: Vilnius, not Brussels
        if body is not None:  # "Russia vetoed the draft at the Security Council": New York, not Moscow
            location, location_source = self.institutions.location(body), "institution"
        elif location is None and category != "ASSAULT":
            at_home = dateline is not None and dateline.place is not None and actor and \
                dateline.place.country == actor[0].country
            if category in _MEETINGS and (dateline is not None or main_place is not None):
                where = (main_place or dateline) if category in _ON_THE_GROUND else (dateline or main_place)
                location, location_source = to_location(where.place), "dateline" if where is dateline else "article"  # type: ignore[union-attr]
            elif category in _VERBAL and actor and (
                    meeting := _meeting_place(groups, actor, dateline, main_place)) is not None:
                location, location_source = meeting, "meeting"  # said at the summit it attends
            elif summit is not None:  # "the NATO summit in Vilnius" elsewhere in the article
                location, location_source = summit, "meeting"
            elif (at_home or not actor) and dateline is not None:  # "WASHINGTON — The White House condemned ..."
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
            figures = site_counts(figures, _wider_figures(group))
            figures = _site_figures(figures, several=bool(others - {place_key(group.place)}))
            figures = lead_counts(figures, _figure_offsets(group), _headline_end(article.text))
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
    def _article_attacker(drafts: list[_Draft], location: Location | None,
                          dominant: bool = False) -> tuple[Actor, ...]:
        """An ASSAULT with no named attacker takes the article's attacker when only one is named. ``dominant``:
        also the attacker named at least twice as often as any other (what an accusation of "the strikes" means
        in an article of Russian strikes that also tells of a Ukrainian one)."""
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
        ranked = codes.most_common()
        if len(ranked) != 1 and not (dominant and len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1]):
            return ()
        code = ranked[0][0]
        if location is not None and location.country == code:
            return ()
        return (first[code],)


_VERBAL = {"ACCUSE", "REQUEST", "REJECT", "AGREE", "THREATEN", "SUPPORT", "CONCEDE"}


