"""A cheap test before parsing: is this text war news or international politics at all?

Two signals, both plain dictionary look-ups on the raw text:

- *Terms.* A *strong* term names war, armed violence or a diplomatic act (missile, troops, ceasefire,
  sanctions, envoy, refugees, ...) and scores 2; a *weak* one (attack, police, talks, agreed, demand,
  and the crime words murder, gunshot, homicide, ...) scores 1; each term counts at most ``cap`` times.
- *Actors.* The foreign and international actors of ``data/actors.json`` named in the text (countries,
  demonyms, leaders, organisations, armed groups), capitalised as names; codes in ``domestic`` (USA by
  default) count only as institutions (the Pentagon, the State Department); names that are as often a
  US town, a given name or a word (Georgia, Jordan, Paris, Johnson, ...) do not count.

A text of ``short_words`` words or more is relevant when its score reaches ``min_score`` (3) and it has
a strong term and an actor, or three different strong terms, or two actors and twice the score (see
``_international``). A shorter text (a brief, a feed summary) passes with one strong term, two
different weak ones or any actor: it is cheap to parse and too short to judge.

The vocabulary is English: ``screen`` applies the test to English (or undetermined) text only.
Armed violence with victims (a shooting, a stabbing, a bombing: ``_VIOLENCE`` and ``_VICTIMS``) passes too, as does
gunfire aimed at people without victims (``_GUNPLAY``: "shots were fired", "robbed at gunpoint"),
actors or not: casualty reports are coded and scored as ASSAULT events wherever they happen.
Figures (``bench/relevance.py``, defaults): none of the 63 dev articles with gold events is rejected, none of the
164 PLOVER examples; 2.4% of the 500 GVDB shooting reports; of local news, 76% of LGL and 53% of GeoWebNews. On a
mixed stream of the dev set, LGL and GeoWebNews the article screen makes ``warwatch code`` 2.05 times as fast, 2.4
times with the sentence screen, with dev events F1 unchanged. ``need_actor=False`` gives the vocabulary test alone.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..models import Article

__all__ = ["AMBIGUOUS_ACTORS", "STRONG_TERMS", "WEAK_TERMS", "Relevance", "RelevanceOptions", "actors_named",
           "is_relevant", "relevance", "sentence_relevant"]

# ``*`` ends a stem (any ending); other terms match with an optional plural ``s``/``es``; a hyphen
# is a space ("cease-fire" = "cease fire"); ``m?n`` is man or men. Terms have one or two words.
# Strong terms name war, armed violence or a diplomatic act; weak ones are common elsewhere too.
STRONG_TERMS = """
airstrike* | air strike* | air raid* | drone* | uav* | missile* | rocket* | shelling | shelled | artillery | mortar*
howitzer* | bombing* | bombed | bomber* | bombardment | explosives | blew up | blown up | troops | soldier*
servicemen | servicemembers | military | militar* | army | armies | armed forces | militant* | militia* | rebel*
insurgen* | guerril* | terroris* | jihadi* | war | wars | warplane* | fighter jet* | invasion | invade* | invading
occupied | occupation | offensive | counteroffensive | counter-offensive | frontline* | front line* | ceasefire*
cease-fire* | truce | armistice | peacekeep* | sanction* | embargo* | peace talks | peace deal | negotiat* | summit*
diplomat* | ambassador* | envoy* | embass* | consulate* | treaty | treaties | pact | ultimatum | mediat* | extradit*
deport* | expel* | expulsion | boycott* | curfew* | foreign minist* | defence minist* | defense minist* | hostage*
assassinat* | ambush* | siege | besieged | shot down | intercept* | air defence* | air defense* | ballistic
warship* | navy | naval | weapon* | ammunition | munition* | annex* | coup | junta | regime | protester*
demonstrator* | clashes | retaliat* | escalat* | mobiliz* | mobilis* | casualties | massacre* | refugee*
humanitarian | ethnic cleansing | genocide | crackdown | cracked down
"""
# Crime words and words with an everyday sense: events, but as common in local news as in war news.
WEAK_TERMS = """
attack* | strike | strikes | struck | target* | kill* | wounded | injured | injuring | dead | death* | blast*
explosion* | displaced | evacuat* | shooting* | shot | shoot* | stabb* | robbe* | raid | raids | arrest* | detain*
seiz* | captur* | blocked | blocking | jail* | imprison* | prison* | custody | charged | suspect* | protest* | rall*
march* | blockad* | police | officer* | sheriff* | deputies | security forces | fighting | fight | fought | violen*
clash | threat* | warn* | condemn* | accus* | blam* | criticis* | criticiz* | denounc* | alleg* | demand* | urg*
appeal* | reject* | refus* | declin* | deni* | veto* | ban | bans | banned | restrict* | suspend* | withdr*
retreat* | pull out | pulled out | agree* | accord | deal | signed | sign | cooperat* | collaborat* | partnership
ties | alliance | allies | ally | talks | meeting | met with | visit | visits | visited | visiting | delegation*
hosted | welcomed | praised | support* | endorse* | promis* | pledg* | offer* | aid | grant | donat* | assistance
relief | supplies | conced* | concession* | releas* | eased | lift* | apolog* | investigat* | inquiry | probe*
court* | judge* | trial | verdict | president* | minist* | government* | reform* | official* | authorit* | leader*
parliament* | senat* | congress | council | kremlin | white house | state department | election* | vote*
opposition | border* | territor* | sovereign* | independence | forces | rights
kidnap* | abduct* | gunm?n | gunfire | gunshot* | gunpoint | gunbattle* | shootout* | homicide* | murder* | slain
slaying* | fatally | riot* | refuge | asylum | arms | nuclear
"""
# Actor-dictionary phrases that name something else as often: US states and towns, given names, words.
AMBIGUOUS_ACTORS = frozenset({
    "alliance", "chad", "georgia", "georgian", "georgians", "guam", "guernsey", "johnson",
    "jordan", "lebanon", "london", "manx", "paris", "tusk", "viti", "washington",
})


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The terms as lookup tables: a word (or a pair of words) is matched by dict look-ups, not a regex."""

    exact: dict[str, int]  # form -> weight (plural forms included)
    stems: dict[str, int]  # stem -> weight; a word starting with the stem matches
    stem_lengths: tuple[int, ...]  # longest first, so "protester*" wins over "protest*"
    firsts: frozenset[str]  # first words of the two-word terms

    def weight(self, form: str) -> int:
        found = self.exact.get(form)
        if found is not None:
            return found
        for length in self.stem_lengths:
            if len(form) >= length:
                found = self.stems.get(form[:length])
                if found is not None:
                    return found
        return 0


@functools.cache
def _vocabulary() -> _Vocabulary:
    exact: dict[str, int] = {}
    stems: dict[str, int] = {}
    for spec, weight in ((WEAK_TERMS, 1), (STRONG_TERMS, 2)):  # strong last: it wins a tie
        for raw in spec.replace("\n", "|").split("|"):
            term = " ".join(raw.replace("-", " ").split()).lower()
            if not term:
                continue
            if term.endswith("*"):
                stems[term[:-1]] = weight
            elif "m?n" in term:
                exact[term.replace("m?n", "man")] = exact[term.replace("m?n", "men")] = weight
            else:
                exact[term] = exact[term + "s"] = exact[term + "es"] = weight
    firsts = frozenset(term.split()[0] for term in (*exact, *stems) if " " in term)
    return _Vocabulary(exact, stems, tuple(sorted({len(s) for s in stems}, reverse=True)), firsts)


_WORD = re.compile(r"[^\W\d_]+")


def _terms(text: str) -> Iterator[tuple[str, int]]:
    """(matched words, weight) for every vocabulary hit, leftmost and longest first."""
    vocabulary = _vocabulary()
    words = _WORD.findall(text.lower())
    i = 0
    while i < len(words):
        word = words[i]
        if word in vocabulary.firsts and i + 1 < len(words):
            pair = f"{word} {words[i + 1]}"
            weight = vocabulary.weight(pair)
            if weight:
                yield pair, weight
                i += 2
                continue
        weight = vocabulary.weight(word)
        if weight:
            yield word, weight
        i += 1


_TOKEN = re.compile(r"[^\W_]+")  # words and numbers as the actor table spells them ("g7", "m23", "u.s.")


@dataclass(frozen=True, slots=True)
class _ActorTable:
    """Actor-dictionary phrases as tuples of tokens -> (code, must be upper case)."""

    phrases: dict[tuple[str, ...], tuple[str, bool]]
    longest: int


@functools.cache
def _actor_table(domestic: tuple[str, ...]) -> _ActorTable:
    """The phrases of ``data/actors.json`` that name a foreign or international actor.

    Countries, demonyms, leaders, organisations and armed groups whose code is not ``domestic``; of the
    domestic ones only the institutions (``metonym``: the Pentagon, the State Department) count.
    """
    raw = resources.files("warwatch").joinpath("data/actors.json").read_text(encoding="utf-8")
    phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
    for entry in json.loads(raw):
        phrase = entry["phrase"].lower()
        if phrase in AMBIGUOUS_ACTORS or (entry["code"] in domestic and entry["kind"] != "metonym"):
            continue
        tokens = tuple(_TOKEN.findall(phrase))
        if tokens and tokens[0] == "the" and len(tokens) > 1:
            tokens = tokens[1:]
        if tokens:
            upper = entry.get("case") == "upper" or (len(tokens) == 1 and len(tokens[0]) <= 3)
            phrases[tokens] = (entry["code"], upper)
    return _ActorTable(phrases, max(map(len, phrases), default=1))


def actors_named(text: str, domestic: tuple[str, ...] = ("USA",)) -> Counter[str]:
    """Mentions per actor code of the foreign and international actors named in ``text``.

    A name counts when it is capitalised as a name ("Ukraine", "NATO"; "UN" and "WHO" only in capitals).
    """
    table = _actor_table(domestic)
    tokens = _TOKEN.findall(text)
    lowered = [t.lower() for t in tokens]
    found: Counter[str] = Counter()
    i = 0
    while i < len(tokens):
        if not tokens[i][:1].isupper():
            i += 1
            continue
        for length in range(min(table.longest, len(tokens) - i), 0, -1):
            hit = table.phrases.get(tuple(lowered[i:i + length]))
            if hit is not None and (not hit[1] or tokens[i].isupper()):
                found[hit[0]] += 1
                i += length
                break
        else:
            i += 1
    return found


@dataclass(frozen=True, slots=True)
class RelevanceOptions:
    min_score: int = 3  # one strong + one weak term, or three weak ones
    cap: int = 2  # a term repeated counts at most this many times
    short_words: int = 60  # a shorter text passes with a strong term, two weak ones or any actor (domestic too)
    min_per_1000_words: float = 0.0  # optional density floor (score per 1000 words); 0 turns it off
    need_actor: bool = True  # a longer text must also name a foreign or international actor (see the module doc)
    domestic: tuple[str, ...] = ("USA",)  # actor codes that do not count as foreign
    violence: bool = True  # armed violence with victims passes (a shooting report), actors or not


@dataclass(frozen=True, slots=True)
class Relevance:
    relevant: bool
    score: int
    words: int
    strong: tuple[str, ...]  # the strong terms found, lower-cased, most frequent first
    weak: tuple[str, ...]
    actors: tuple[str, ...] = ()  # codes of the foreign and international actors named, most named first

    def explain(self) -> str:
        terms = ", ".join((*self.strong, *self.weak)) or "no conflict or diplomacy terms"
        named = f"; actors {', '.join(self.actors)}" if self.actors else "; no foreign or international actor"
        return f"score {self.score} in {self.words} words ({terms}){named}"


def _international(score: int, strong: int, actors: int, options: RelevanceOptions) -> bool:
    """A longer text is about war or international politics when it has, besides ``min_score``:
    1. a strong term and a foreign or international actor, or
    2. three different strong terms (a war story whose sides the dictionary does not name), or
    3. two foreign or international actors and twice the score (diplomacy told in weak terms)."""
    return (strong >= 1 and actors >= 1) or strong >= 3 or (actors >= 2 and score >= 2 * options.min_score)


def relevance(article: Article | str, options: RelevanceOptions | None = None) -> Relevance:
    """The score of an article's title and text, and whether it passes (see the module doc)."""
    options = options or RelevanceOptions()
    text = article if isinstance(article, str) else f"{article.title or ''}\n{article.text}"
    strong: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    for term, weight in _terms(text):
        (strong if weight == 2 else weak)[term] += 1
    score = 2 * sum(min(n, options.cap) for n in strong.values()) + sum(min(n, options.cap) for n in weak.values())
    words = len(text.split())
    short = words < options.short_words  # a brief: cheap to parse, too short to judge by its vocabulary
    named = actors_named(text, () if short else options.domestic)  # a brief may name the home country
    if short:
        relevant = bool(strong) or len(weak) >= 2 or bool(named)
    else:
        relevant = (score >= options.min_score and score * 1000 >= options.min_per_1000_words * max(words, 1)
                    and (not options.need_actor or _international(score, len(strong), len(named), options)))
    # armed violence with victims is an ASSAULT wherever it happens (a shooting, a stabbing, a bombing), in a
    # brief as in a long report: casualty reports are coded and scored as events with no war or foreign actor
    relevant = relevant or (options.violence and ((_VIOLENCE.search(text) is not None
                                                   and _VICTIMS.search(text) is not None)
                                                  or _GUNPLAY.search(text) is not None))
    return Relevance(relevant, score, words, tuple(t for t, _ in strong.most_common()),
                     tuple(t for t, _ in weak.most_common()), tuple(c for c, _ in named.most_common()))


_VIOLENCE = re.compile(r"\b(?:shot|shooting|shootings|gunfire|gunshots?|gunm[ae]n|stabb\w+|homicides?|murder\w*|"
                       r"slain|fatally|bomb(?:s|ed|ing|ings)?|explosions?|attack(?:s|ed|er|ers)?)\b", re.IGNORECASE)
_VICTIMS = re.compile(r"\b(?:killed|killing|dead|deadly|fatal|died|dies|deaths?|wounded|wounds?|injured|injuries|hurt|"
                      r"hospitali[sz]ed|hospital|victims?|(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:shot|stabbed))\b",
                      re.IGNORECASE)

# Gunfire aimed at people, with or without victims: "shots were fired at the house", "robbed at gunpoint"
_GUNPLAY = re.compile(r"\b(?:shots?\s+(?:were\s+|was\s+)?fired|fired\s+(?:several\s+|multiple\s+|\w+\s+)?shots|"
                      r"opened\s+fire|at\s+gunpoint|armed\s+robber(?:y|ies)|shot\s+at)\b", re.IGNORECASE)

# Words that report a death or a wound without a vocabulary term: a casualty sentence is never blanked.
_CASUALTY = re.compile(r"\b(?:die[ds]?|perish\w*|lives|lost (?:his|her|their) li\w+|bod(?:y|ies)|victims?"
                       r"|hospitali[sz]ed|casualt\w*|corpses?)\b", re.IGNORECASE)


def sentence_relevant(sentence: str, options: RelevanceOptions | None = None) -> bool:
    """Can this one sentence matter to an event: any vocabulary term, a foreign actor or a casualty word?"""
    options = options or RelevanceOptions()
    return (next(_terms(sentence), None) is not None or _CASUALTY.search(sentence) is not None
            or bool(actors_named(sentence, options.domestic)))


def is_relevant(article: Article, options: RelevanceOptions | None = None) -> tuple[bool, str]:
    """``(True, "score 9 in 120 words (missile, troops, killed); actors UKR")`` or ``(False, "irrelevant")``."""
    found = relevance(article, options)
    return (True, found.explain()) if found.relevant else (False, "irrelevant")
