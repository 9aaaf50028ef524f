"""Reconciliation: the figures of a passage into dead and injured counts (distinct single victims, the toll, the
largest exact figure), the main incident of an article, and the counts of an article."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Casualties
from .casualties import Figure, find_casualty_figures

_GENDER_HEADS = {"man", "woman", "boy", "girl", "child", "kid", "teen", "youth", "juvenile", "minor", "toddler",
                 "infant", "baby", "adult"}
_MINOR_HEADS = {"child", "kid", "teen", "youth", "juvenile", "minor", "toddler", "infant", "baby", "student"}


def distinct_victims(figs: Sequence[Figure]) -> int:
    """How many different people the single-victim figures in ``figs`` are about.

    Named victims count once per surname; indefinite phrases ("a man", "a deputy") once per head noun;
    "another" adds one; pronouns and definite phrases ("he", "the victim") refer back and add nobody
    unless there is nothing else. Names and indefinite phrases may be the same people, so the larger
    of the two counts is taken.
    """
    singles = sorted((f for f in figs if f.referent is not None and f.value == 1), key=lambda f: f.start)
    if not singles:
        return 0
    names: set[str] = set()
    before: set[str] = set()  # indefinite heads met before any name: perhaps the named people, introduced
    after: set[str] = set()  # indefinite heads first met after a name: someone else ("a woman was also shot")
    another = 0
    givens: dict[str, set[str]] = {}
    # "Jon Ward, 14, ... a 14-year-old boy": an indefinite phrase with a named victim's age is that victim;
    # "a 22-year-old man ... a 47-year-old man": one head noun with two ages is two people
    named_ages = {f.age for f in singles if f.age is not None and (f.referent or "").startswith("name:")}
    head_ages: dict[str, set[int]] = {}
    for f in singles:
        r = f.referent or ""
        if r.startswith("name:"):
            names.add(r)
            if f.given:
                givens.setdefault(r, set()).add(f.given)
        elif r.startswith("a:"):
            if f.age is not None and f.age in named_ages:
                continue
            (after if names and r not in before else before).add(r)
            if f.age is not None:
                head_ages.setdefault(r, set()).add(f.age)
        elif r == "another":
            another += 1
    def people(heads: set[str]) -> int:
        # "a teen ... a 16-year-old boy" is one minor; "a woman ... a female employee" may be one person:
        # count the heads that say who (man, girl) and those that say what (deputy, suspect) apart
        gender = {h for h in heads if h[2:] in _GENDER_HEADS}
        if gender & {"a:boy", "a:girl"}:
            gender -= {"a:" + h for h in _MINOR_HEADS}
        return max(len(gender), len(heads) - len({h for h in heads if h[2:] in _GENDER_HEADS}))

    # "Paul Sween ... Chalan Sween": relatives who share a surname are different people
    named = len(names) + sum(len(g) - 1 for g in givens.values())
    # "Officer Hornsby was killed ... the shooter was shot and killed": the gunman is not a named victim
    suspect = int(bool(names) and not before and any(f.referent == "the:suspect" for f in singles)
                  and "a:suspect" not in after)
    aged = sum(len(a) - 1 for a in head_ages.values())
    return max(named, people(before)) + people(after - before) + aged + another + suspect or 1


_GENERIC_COUNT = re.compile(r"(?:people|persons?|individuals?|victims?|others?|men|adults?|dead|bodies)", re.I)


def _pick(figs: list[Figure], aggregate: bool = True) -> tuple[int | None, str | None]:
    """Value and qualifier for one kind: toll first, then the largest exact/at-least figure.

    With ``aggregate``, when no figure counts more than one person, the single-victim mentions are
    summed over distinct victims (``distinct_victims``): "Smith, 19, was killed ... Jones, 22, also died" is 2.
    An explicit total of two or more ("two people were killed") is preferred to such a sum.
    """
    if not figs:
        return None, None
    positive = [f for f in figs if f.value is not None and f.value > 0]
    tolls = [f for f in positive if f.toll]
    pool = tolls or positive
    if pool:
        if aggregate and not tolls and all(f.referent is not None for f in positive):
            return distinct_victims(positive), "exact"
        explicit = [f for f in pool if f.referent is None] or pool
        best = max(explicit, key=lambda f: (f.value or 0, f.start))
        if (aggregate and not tolls and best.referent is None and best.kind == "dead" and best.subject
                and not _GENERIC_COUNT.fullmatch(best.subject)
                and any(f.referent in ("the:suspect", "a:suspect") and f.start > best.start for f in positive)):
            # "gunman kills two deputies ... the suspect was killed": the gunman is not among the deputies
            return (best.value or 0) + 1, best.qualifier
        return best.value, best.qualifier
    zeros = [f for f in figs if f.value == 0]
    others = [f for f in figs if f.value is None]
    if others:
        return None, others[-1].qualifier
    if zeros:
        return 0, "none"
    return None, None


def _not_the_dead(hurt: list[Figure], dead: list[Figure]) -> list[Figure]:
    """Single-victim injury mentions that may be someone else than the dead.

    Counts are kept. A single victim who is only referred back to ("he", "the victim", a bare "Man
    critically injured" headline) or who shares a head noun with a dead victim ("wounded a man ... the man
    died") is taken to be a dead victim before they died. Kept only when there is an explicit count or
    somebody new ("a woman was also hurt").
    """
    if any(f.value is not None and f.value > 0 and f.referent is None for f in hurt):
        return hurt
    dead_heads: dict[str, set[int | None]] = {}
    for f in dead:
        if f.referent and ":" in f.referent and not f.referent.startswith("name:"):
            dead_heads.setdefault(f.referent.split(":", 1)[1], set()).add(f.age)
    dead_names = {f.referent for f in dead if f.referent and f.referent.startswith("name:")}
    dead_ages = {f.age for f in dead if f.age is not None}
    out = []
    for f in hurt:
        r = f.referent or ""
        if r in ("?", "pron", "the:victim") or r in dead_names:
            continue
        if f.age is not None and f.age in dead_ages:
            continue  # "a 22-year-old man was killed ... the 22-year-old man was rushed to hospital"
        head = r.split(":", 1)[1] if r.startswith(("a:", "the:")) else None
        if head in dead_heads and (f.age is None or None in dead_heads[head]):
            continue  # "wounded a man ... the man died"; not "a 47-year-old man is recovering" after a 22-year-old
        out.append(f)
    return out


def casualties_from_figures(figures: Sequence[Figure], aggregate: bool = True) -> Casualties:
    """Reconcile the figures of one passage into dead/injured counts (see the ``warwatch.numbers`` package docstring).

    ``aggregate`` sums distinct single victims when no figure gives a total (see ``_pick``).
    """
    main = [f for f in figures if not f.breakdown]
    by: dict[str, list[Figure]] = {}
    for f in main:
        by.setdefault(f.kind, []).append(f)
    for kind, figs in by.items():  # an updated figure yields to any other of its kind ("an earlier report put it at 7")
        if any(f.superseded for f in figs) and any(f.value and not f.superseded for f in figs):
            by[kind] = [f for f in figs if not f.superseded]
    for kind, figs in by.items():  # a party's claim yields to the reporting officials' figure of the same kind
        if any(f.claimed for f in figs) and any(f.value and not f.claimed for f in figs):
            by[kind] = [f for f in figs if not f.claimed]
    dead, dq = _pick(by.get("dead", []), aggregate)
    if aggregate and dead:  # "a man was critically injured ... he died": the injured one is among the dead
        for kind in ("injured", "hospitalised"):
            if by.get(kind):
                by[kind] = _not_the_dead(by[kind], by.get("dead", []))
    hurt = [f for f in by.get("injured", []) if f.value]
    hosp_singles = [f for f in by.get("hospitalised", [])
                    if f.value == 1 and (f.referent or "").startswith(("name:", "a:"))]
    if aggregate and hurt and hosp_singles and all(f.referent is not None for f in hurt):
        # "critically injure another ... Carruthers was hospitalized with gunshot wounds": two people hurt
        by["injured"] = [*by["injured"], *hosp_singles]
    injured, iq = _pick(by.get("injured", []), aggregate)
    if injured is None:  # "several injured ... three were hospitalised": the hospitalised figure is the count
        hosp, hq = _pick(by.get("hospitalised", []), aggregate)
        if hosp is not None or iq is None:
            injured, iq = hosp, hq
    if dead is None and dq is None and injured is None and iq is None and by.get("fatal") and by.get("shot"):
        # "a fatal shooting ... a man was shot in the chest": the people shot are the dead
        shot, sq = _pick(by["shot"], aggregate)
        if shot is not None:
            return Casualties(dead=shot, injured=None, dead_qualifier=sq, injured_qualifier=None)
    shot_counts = [f for f in by.get("shot", []) if f.referent is None and f.value]
    if injured and shot_counts and all(f.referent is not None for f in by.get("injured", []) if f.value):
        # "a boy and his mother were shot ... a child was injured": the count of people shot, less the dead
        shot = max(f.value or 0 for f in shot_counts) - (dead or 0)
        if shot > injured:
            injured, iq = shot, "exact"
    if injured is None and iq is None and by.get("shot"):
        shot, sq = _pick(by["shot"], aggregate)
        if shot is not None:
            # "Two officers shot ... the gunman was found dead of a self-inflicted gunshot": the dead gunman is
            # not one of the people shot
            told = [f for f in by.get("dead", []) if f.value and f.referent != "?"]
            gunman = int(dead == 1 and bool(told) and all(f.self_inflicted for f in told))
            rest = shot - (dead or 0) + gunman
            if rest <= 0 and dead:  # "Quarles died ... a second man was found shot": not one of the dead
                rest = sum(1 for f in by["shot"] if f.referent == "another")
            injured, iq = (rest, sq) if rest > 0 else (None, None)
            if dead is None and rest <= 0:
                injured, iq = None, None
        else:
            injured, iq = None, sq
    return Casualties(dead=dead, injured=injured, dead_qualifier=dq, injured_qualifier=iq)


def add_casualties(first: Casualties, second: Casualties) -> Casualties:
    """The toll of two separate incidents counted together ("another drone hit a building, injuring one").

    A kind missing from one side is the other side's figure; "at least" on either side stays.
    """
    def one(a: int | None, qa: str | None, b: int | None, qb: str | None) -> tuple[int | None, str | None]:
        if a is None or b is None:
            return (a, qa) if b is None and (a is not None or qa is not None) else (b, qb)
        quals = {qa, qb}
        return a + b, "at_least" if "at_least" in quals else (qa or qb)

    dead, dq = one(first.dead, first.dead_qualifier, second.dead, second.dead_qualifier)
    injured, iq = one(first.injured, first.injured_qualifier, second.injured, second.injured_qualifier)
    return Casualties(dead=dead, injured=injured, dead_qualifier=dq, injured_qualifier=iq)



# --------------------------------------------------------------------------------------------------
# The main incident: figures about other incidents in the same article are left out of its count.
# --------------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘(]?[A-Z0-9])|\n+")
_ABBREV_END = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Ms|Mrs|Dr|St|Jr|Sr|Lt|No|Co|Sgt|Det|Rev|Gov|Sen|Rep|Ave|Cpl|Capt|Maj|Gen|Col|Jan|Feb|Mar|Apr|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|Inc|Twp|Mt|Ft|Blvd|Rd|Pa|Ga|Fla|Calif|Kan|Mich|Miss|Tenn|Ariz|Colo|Minn|Ind|Ill|Wis|"
    r"Va|Md|Mo|Ky|Ala|La|Okla|Wash|Ore|Conn|Mass|Ohio|Nev|Neb|Ark|Del|Wyo|Mont))\.$"
)
_MONTH_NAME = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
               r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tonight|yesterday)"
# A year named with a month but no day ("in March 2013", "the April 2006 shooting") or after "in"/"since":
# the story of an earlier incident. A full date with a year counts in a sentence without a weekday
# ("Alderman was slain July 5, 1882"), unless it is a dateline at the start.
_YEAR_CUE = re.compile(
    r"\b(?:(?:in|since|of|during|from)\s+(?:(?:early|late|mid-?)\s*)?(?:" + _MONTH_NAME + r"\s+)?(?:19|20|18)\d\d"
    r"|(?<![\d,]\s)" + _MONTH_NAME + r"\s+(?:19|20|18)\d\d)\b(?!\s*[-–]\d)"
)
_FULL_DATE_CUE = re.compile(
    r"(?<=[a-z,]\s)(?:on\s+)?" + _MONTH_NAME + r"\s+\d{1,2}(?:st|nd|rd|th)?,\s+(?:19|20|18)\d\d\b"
)
# Strong cues of dates.past_context_spans: months, seasons and years ago (not "last week", "two days ago",
# which often date the main incident itself)
_STRONG_PAST = re.compile(r"month|year|spring|summer|autumn|fall|winter|previous|past|first\s+time|(?:19|20)\d\d|"
                          r"weeks?\s+(?:after|before|earlier|since)", re.I)
# Another incident reported next to the main one; the cue holds for the rest of the article
_OTHER_INCIDENT = re.compile(
    r"\b(?:[Ii]n\s+(?:an?\s+|the\s+)?(?:unrelated|separate|similar|different|another|earlier|previous|prior|second|other)"
    r"\s+(?:\w+\s+){0,2}?(?:shootings?|incidents?|cases?|attacks?|homicides?|killings?|murders?|stabbings?|crimes?|"
    r"violence)|[Ss]eparately|[Ii]n\s+other\s+(?:news|shootings|violence|incidents)|[Aa]lso\s+(?:on\s+\w+\s+)?in\s+"
    r"(?:the\s+)?(?:city|area|county))\b"
)
# A tally of many incidents ("one of 19 officers killed nationwide this year", "the city's 12th homicide")
_TALLY = re.compile(
    r"\b(?:(?:so\s+far\s+)?this\s+year|year\s+to\s+date|since\s+(?:January|the\s+start\s+of\s+the\s+year)|nationwide|"
    r"across\s+the\s+(?:country|nation|state)|in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months|decades?))\b",
    re.I,
)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV_END.search(text, max(0, m.start() - 6), m.start() + 1):
            continue  # "Sgt. Ulysses Cruz", "Feb. 20"
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_RELATIVE_BEFORE = re.compile(r"\b(?:who|whom|whose|which|that)\b[^,;:]*$", re.I)


_AGO = re.compile(r"\b(?:\w+|a\s+few)\s+(?:months|years)\s+ago\b|\blast\s+(?:month|year)\b", re.I)


def _is_past_sentence(sentence: str, lead: bool = False) -> bool:
    """The sentence is dated to an earlier month or year; a cue in a relative clause ("a man who lost his
    home two years ago opened fire") dates something else. With ``lead``, only cues that date the
    sentence's own news count ("nine months ago", not "five months after the deaths of")."""
    from warwatch.dates import past_context_spans  # noqa: PLC0415 (dates imports nothing from here)

    cues = [m.span() for m in _AGO.finditer(sentence)]
    if not lead:
        cues += [(a, b) for a, b in past_context_spans(sentence) if _STRONG_PAST.search(sentence[a:b])]
    cues += [m.span() for m in _YEAR_CUE.finditer(sentence)]
    if not re.search(r"\b" + _WEEKDAY_NAME + r"\b", sentence, re.I):
        cues += [m.span() for m in _FULL_DATE_CUE.finditer(sentence)]
    return any(not _RELATIVE_BEFORE.search(sentence, 0, a) for a, _b in cues)


_EVENT_NOUN = (
    r"(?:crash|shooting|shootout|attack|incident|case|robbery|fire|killing|murder|homicide|stabbing|standoff|raid)"
)
_BACK_REFERENCE = re.compile(
    r"^\s*[\"“]?(?:He|She|They|His|Her|Their)\b|\b(?:the|that|this)\s+(?:\w+\s+)?(?P<noun>" + _EVENT_NOUN + r")\b", re.I
)


def _continues(past: str, sentence: str) -> bool:
    """``sentence`` goes on with the earlier story that ``past`` is dated to: it has no date of its own and
    starts with a pronoun or names that story's event again ("... a crash in September 2014. Eleven people
    were injured in the crash")."""
    if not _is_past_sentence(past) or re.search(
            r"\b" + _WEEKDAY_NAME + r"\b|\b(?:this|last)\s+(?:morning|afternoon|evening|night|week)\b", sentence, re.I):
        return False
    for m in _BACK_REFERENCE.finditer(sentence):
        if not m["noun"] or re.search(r"\b" + m["noun"], past, re.I):
            return m.start() == 0 or bool(m["noun"])
    return False


def other_incident_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that report other incidents than the main one.

    A sentence dated to an earlier month or year ("In March 2013, ...", "last year", "two months after"),
    a tally ("one of 19 officers killed nationwide this year") and everything after a cue of another
    incident ("In a separate shooting", "Separately,") are about something else. The headline and the
    first sentence of the body never are.
    """
    spans = _sentence_spans(text)
    out: list[tuple[int, int]] = []
    # an article about an earlier incident ("charged with shooting her husband nine months ago"): dates
    # do not tell its incident from others
    dated = not any(_is_past_sentence(text[a:b], lead=True) for a, b in spans[:2])
    for i, (a, b) in enumerate(spans):
        if i < 2:
            continue
        s = text[a:b]
        om = _OTHER_INCIDENT.search(s)
        if om:
            out.append((a + om.start(), len(text)))
            break
        if (dated and _is_past_sentence(s)) or _TALLY.search(s):
            out.append((a, b))
        elif dated and out and out[-1][1] == a and _continues(text[out[-1][0]:out[-1][1]], s):
            out.append((a, b))  # "In 2012, a gang member rode up. He opened fire, killing ...": the same story
    return out


def main_incident_figures(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """The figures of ``text`` about its main incident (see ``other_incident_spans``).

    Figures about other incidents are dropped only when the rest of the text reports casualties too: an
    article that only tells of an earlier shooting keeps its figures.
    """
    other = other_incident_spans(text)
    if not other:
        return list(figures)
    inside = [f for f in figures if not any(a <= f.start < b for a, b in other)]
    if any(f.value for f in inside if f.kind in ("dead", "injured", "shot", "hospitalised")):
        return inside
    return list(figures)


def extract_casualties(text: str, aggregate: bool = True, confine: bool = True) -> Casualties:
    """Dead and injured counts reported in ``text``.

    With ``confine``, figures about other incidents than the main one are left out
    (``main_incident_figures``).
    """
    figures = find_casualty_figures(text)
    if confine:
        figures = main_incident_figures(text, figures)
        own = {f.kind for f in figures if not f.total and not f.breakdown and f.value is not None}
        figures = [f for f in figures if (not f.total or f.kind not in own)  # a regional total is not the incident's
                   and not f.foreign]  # nor is a war's running toll or an earlier happening's
    return casualties_from_figures(figures, aggregate)
