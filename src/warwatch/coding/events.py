"""Events: the PLOVER category, mode, weapon and polarity of event mentions in a parsed sentence.

Rules over the dependency parse: a trigger word (a verb or a nominalisation, matched by lemma) gives a
category; its syntactic neighbourhood says whether it happened (negation, modality, conditionals),
what weapon was used and which words hold its actor, recipient and place. Article-level assembly
(grouping mentions into events, places, dates, figures) is in ``coder.py`` (and ``grouping.py``, ``datelines.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .patterns import load_patterns

__all__ = [
    "CATEGORIES",
    "NEWS_DAYS",
    "is_conflict_text",
    "Mention",
    "Trigger",
    "event_score",
    "find_mentions",
    "find_weapons",
    "mode_for",
    "weapon_for",
]

CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True, slots=True)
class Trigger:
    category: str
    strong: bool = True  # weak triggers need a conflict cue in the sentence (a weapon, a casualty...)
    mode: str | None = None


# Conditions that make a weak trigger count, per category.
# Words of war (a war report has several) and of gun crime: either is a cue that a weak trigger is an attack.
_WAR_WORDS = (
    r"drones?|uavs?|missiles?|rockets?|shells?|shelling|artillery|air ?strikes?|bombs?|warplanes?|jets?|"
    r"mortars?|troops|forces|soldiers|militants|killed|killing|wounded|injured|injuring|wounding|dead|casualt\w+|"
    r"explosions?|air defen[cs]es?|shot down|intercepted|shahed\w*|iskanders?|kalibrs?|s-300|military|"
    r"army|attack\w*|strikes?|war|guerr?ill?as?|rebels?|insurgents?|gunm[ae]n|fighters|militias?|militiamen|"
    r"bombers?|bandits|assailants|grenades?|explosives"
)
_CRIME_WORDS = r"shooting|gunfire|gunshots?|shots fired|shots were fired|shot dead|stabb\w+|gunpoint|armed robber\w*"
_WAR_CUE = re.compile(rf"\b({_WAR_WORDS})\b", re.IGNORECASE)
_CRIME_CUE = re.compile(rf"\b({_CRIME_WORDS})\b", re.IGNORECASE)
_CONFLICT_CUE = re.compile(rf"\b({_WAR_WORDS}|{_CRIME_WORDS})\b", re.IGNORECASE)


def _cue(category: str) -> re.Pattern[str] | None:
    """The words a weak trigger of ``category`` needs in its sentence: for ASSAULT a war or crime word, for the
    others the ``CUE_<CATEGORY>`` expression of ``data/patterns/wordsets.json`` ("talks" needs "held" or a party)."""
    if category == "ASSAULT":
        return _CONFLICT_CUE
    return load_patterns().words.regexes.get(f"CUE_{category}")


# weapon classes from words of the sentence
_WEAPONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("glide_bomb", re.compile(r"\b(glide[- ]bombs?|guided (aerial )?bombs?|kabs?|fab-\d+\w*)\b", re.I)),
    ("drone", re.compile(r"\b(drones?|uavs?|unmanned|shahed\w*|geran\w*|quadcopters?|loitering munitions?|"
                         r"kamikaze)\b", re.I)),
    ("missile", re.compile(r"\b(missiles?|iskanders?|kalibrs?|kinzhals?|kh-\d+\w*|s-300s?|s-400s?|atacms|"
                           r"storm shadows?|tomahawks?|ballistic|cruise)\b", re.I)),
    ("aircraft", re.compile(r"\b(air ?strikes?|warplanes?|fighter jets?|jets?|bombers?|aircraft|helicopters?|"
                            r"air raids?|airstrikes?)\b", re.I)),
    ("artillery", re.compile(r"\b(artillery|shell(?:s|ing|ed)?|mortars?|howitzers?|cross-border firing|"
                             r"heavy weapons)\b", re.I)),
    ("rocket", re.compile(r"\b(rockets?|grads?|mlrs|himars|katyushas?|uragan|smerch)\b", re.I)),
)
_MODE_OF_WEAPON = {"drone": "drone", "missile": "aerial", "aircraft": "aerial", "glide_bomb": "aerial",
                   "artillery": "heavy-weapons", "rocket": "heavy-weapons", "mixed": "aerial"}
_OTHER_MODES = (
    ("targeted", re.compile(r"\b(assassinat\w+|targeted (killing|strike))\b", re.I)),
    ("explosives", re.compile(r"\b(car bomb|suicide bomb\w*|ieds?|explosive devices?|roadside bomb)\b", re.I)),
    ("firearms", re.compile(r"\b(gunmen|gunfire|opened fire|shot dead|shooting|snipers?)\b", re.I)),
)

# PLOVER conflict/cooperation scores of event (+ mode): -10 most conflictual, +10 most cooperative.
_SCORES: dict[str, float] = {
    "AGREE": 5.0, "CONSULT": 1.0, "SUPPORT": 3.5, "CONCEDE": 5.0, "COOPERATE": 6.0, "AID": 7.0, "RETREAT": 6.0,
    "REQUEST": -1.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -6.5, "SANCTION": -7.0,
    "MOBILIZE": -6.0, "COERCE": -7.0, "ASSAULT": -9.0,
}
_MODE_SCORES: dict[tuple[str, str], float] = {
    ("ASSAULT", "aerial"): -10.0, ("ASSAULT", "heavy-weapons"): -10.0, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "targeted"): -9.0, ("ASSAULT", "firearms"): -9.0, ("ASSAULT", "explosives"): -10.0,
    ("CONSULT", "visit"): 1.9, ("CONSULT", "multilateral"): 1.5, ("CONSULT", "phone"): 1.0,
    ("RETREAT", "release"): 6.5, ("PROTEST", "riot"): -7.5,
}

_MODALS = {"will", "would", "could", "might", "may", "should", "shall", "can", "must", "'ll"}
_IRREALIS_HEADS = {"plan", "intend", "want", "seek", "hope", "try", "aim", "prepare", "expect", "propose",
                   "consider", "offer", "threaten", "fail", "refuse", "deny", "ready", "able", "likely", "need",
                   "set", "schedule", "slate", "poise"}  # "is set to meet", "scheduled to sign": not yet
# "is willing / ready / prepared to withdraw": an offer or a threat, not yet the act (coded as a commitment)
_WILLING = {"willing", "ready", "prepared", "determined", "committed", "eager", "unwilling"}
# "drones allow armies to strike deep", "enabling Kyiv to launch": what a means makes possible, not an act
_ENABLING = {"allow", "enable", "permit"}
_CONTENT_HEADS = {"demand", "urge", "ask", "appeal", "request", "reject", "rebuff", "agree", "promise", "pledge",
                  "vow", "swear"}
# "called on Israel to allow aid", "pressed Iran to release the crew": the clause is what is asked, not an act
_ASKING_HEADS = {"call", "press", "pressure", "push", "encourage", "implore", "beg", "exhort", "invite"}
# "proposed new sanctions", "threatened a veto", "postponed the vote": the named act is not (yet) done
_PROPOSING_HEADS = {"propose", "suggest", "consider", "weigh", "mull", "discuss", "debate", "draft", "prepare",
                    "plan", "threaten", "seek", "postpone", "delay", "block", "veto", "cancel", "shelve", "table",
                    "recommend", "envisage", "contemplate", "float", "schedule", "slate"}
_SPEECH = {"say", "tell", "announce", "add", "report", "claim", "state", "write", "post", "confirm", "note",
           "insist", "declare", "according", "suggest", "stress", "explain", "allege", "conclude", "reiterate"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention in a sentence, before article-level assembly."""

    category: str
    mode: str | None
    trigger: Token
    sentence: Span
    negated: bool
    irrealis: bool  # future, conditional, wished, planned
    rule: str  # which rule fired, for --explain
    modality: str | None = None  # why it is irrealis: modal:will, conditional, plan:intend
    strong: bool = True  # a strong trigger; weak ones needed a cue and may be vetoed by the classifier
    told_from: str | None = None  # "after the strike", "has previously denied": the news is told from it (why)
    general: str | None = None  # "the war has killed thousands", "attacks have increased": a state, not a happening

    @property
    def happened(self) -> bool:
        return not self.negated and not self.irrealis


def is_conflict_text(text: str, threshold: int = 3) -> bool:
    """An article about fighting: several weapon, attack or casualty words."""
    count = 0
    for _ in _WAR_CUE.finditer(text):
        count += 1
        if count >= threshold:
            return True
    return False


_MILITARY_CUE = re.compile(
    r"\b(drones?|uavs?|missiles?|rockets?|shelling|artillery|air ?strikes?|warplanes?|fighter jets?|mortars?|"
    r"troops|soldiers|militants|air defen[cs]es?|shot down|intercepted|shahed\w*|military|army|war|"
    r"guerr?ill?as?|rebels?|insurgents?|militias?|militiamen|ceasefire|occupied|invasion|front ?line|offensive|"
    r"sanctions?|defen[cs]e ministry|ministry of defen[cs]e|nato|kremlin|hezbollah|hamas|houthis?|taliban)\b",
    re.IGNORECASE,
)


def mentions_crime(text: str) -> bool:
    """A word of gun or knife crime ("shooting", "gunfire", "stabbed"): in a text that is no war report
    (``is_war_report``), a local crime report."""
    return _CRIME_CUE.search(text) is not None


def is_war_report(text: str, threshold: int = 2) -> bool:
    """An article about war or military affairs (several military words), as opposed to a local crime
    report, which ``is_conflict_text`` also accepts for its "killed", "wounded" and "attack"."""
    return sum(1 for _ in zip(range(threshold), _MILITARY_CUE.finditer(text), strict=False)) >= threshold


def find_weapons(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, weapon)`` for every weapon word in ``text``."""
    found: list[tuple[int, int, str]] = []
    for weapon, pattern in _WEAPONS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), weapon))
    found.sort()
    return found


def weapon_for(weapons: set[str]) -> str | None:
    """One weapon class for a set of classes mentioned about one event."""
    if not weapons:
        return None
    if "rocket" in weapons and "missile" in weapons:
        weapons = weapons - {"rocket"}
    if "aircraft" in weapons and weapons & {"missile", "glide_bomb", "drone"}:
        weapons = weapons - {"aircraft"}
    if "artillery" in weapons and "rocket" in weapons:
        weapons = weapons - {"rocket"}
    if len(weapons) == 1:
        return next(iter(weapons))
    return "mixed"


def mode_for(category: str, weapon: str | None, text: str, trigger_mode: str | None = None) -> str | None:
    if category != "ASSAULT":
        return trigger_mode
    for mode, pattern in _OTHER_MODES:
        if pattern.search(text):
            if mode == "targeted" or weapon is None:
                return mode
    if trigger_mode:
        return trigger_mode
    return _MODE_OF_WEAPON.get(weapon) if weapon else None


def event_score(category: str, mode: str | None) -> float:
    return _MODE_SCORES.get((category, mode or ""), _SCORES.get(category, 0.0))


def _frame_of(token: Token) -> tuple[Trigger, str] | None:
    """The first frame pattern (a multi-word construction of data/patterns/triggers.jsonl) that fits ``token``."""
    for match in load_patterns().frames_for(token):
        pattern = match.pattern
        if pattern.construction is not None:
            found = _CONSTRUCTIONS[pattern.construction](token)
            if found is None:
                continue
            return found
        if pattern.category == "NONE":
            return _NOT_AN_EVENT
        return Trigger(pattern.category, not pattern.weak, pattern.mode), match.rule
    return None


def _trigger_of(token: Token) -> tuple[Trigger, str] | None:
    """The one-word trigger of ``token``: its lemma in the pattern file's verb or noun table."""
    match = load_patterns().table_match(token)
    if match is None:
        return None
    pattern = match.pattern
    return Trigger(pattern.category, not pattern.weak, pattern.mode), match.rule


def _table_category(pos: str, lemma: str) -> str:
    pattern = load_patterns().table(pos, lemma)
    return pattern.category if pattern is not None else ""


# rules whose trigger carries its own modal ("said Sudan must return", "there will be no talks"): the modal is
# the demand or the refusal, not irrealis
_REALIS_RULES = {"verb:said X must", "verb:there will be no talks"}
_NOT_AN_EVENT = (Trigger("NONE"), "not an event")
_COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def _words(name: str) -> frozenset[str]:
    return load_patterns().words.sets[name]


def _commitment(token: Token) -> tuple[Trigger, str] | None:
    """A promise, vow or pledge takes the category of what is promised: "vowed to retaliate" threatens,
    "promised to send generators" agrees to a cooperative act, "promised to reveal details" is no political act;
    "promised the largest package of sanctions" threatens. None: no complement, the one-word table decides."""
    lemma = token.lemma_.lower()
    complement = next((c for c in token.children if c.dep_ in {"xcomp", "ccomp"} or (
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))), None)
    if complement is not None and complement.lemma_.lower() in {"continue", "keep"}:
        # "vowed to keep fighting": the act kept up is the complement's own complement
        act = next((c for c in complement.children if c.dep_ == "xcomp"), None)
        if act is not None and (act.lemma_.lower() in _words("HOSTILE_COMPLEMENTS")
                                or _table_category("verb", act.lemma_.lower()) == "ASSAULT"):
            return Trigger("THREATEN"), f"verb:{lemma} to {complement.lemma_.lower()} {act.lemma_.lower()}"
    if complement is not None and complement.lemma_.lower() in {"continue", "keep", "maintain", "increase"}:
        # "promised to continue military aid": the act is the complement's object
        obj = next((c for c in complement.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in {"aid", "assistance", "support", "supply", "help",
                                                      "cooperation", "talk", "dialogue", "funding"}:
            return Trigger("AGREE"), f"verb:{lemma} to continue {obj.lemma_.lower()}"
    if complement is not None and complement.lemma_.lower() in _words("HOSTILE_COMPLEMENTS"):
        return Trigger("THREATEN"), f"verb:{lemma} to {complement.lemma_.lower()}"
    if complement is not None:
        inner = _table_category("verb", complement.lemma_.lower())
        if inner in _COOPERATIVE or complement.lemma_.lower() in _words("COOPERATIVE_ACTS"):
            return Trigger("AGREE"), f"verb:{lemma} to {complement.lemma_.lower()}"
        return _NOT_AN_EVENT  # "promised to reveal details": a promise, but of no political act
    objects = " ".join(t.lower_ for c in token.children if c.dep_ == "dobj" for t in c.subtree)
    if load_patterns().words.regexes["HOSTILE_OBJECTS"].search(objects):
        return Trigger("THREATEN"), f"verb:{lemma} hostile object"
    return None


def _warning(token: Token) -> tuple[Trigger, str] | None:
    """A threat is a warning of one's own act ("warned it would retaliate", "warned of a harsh response");
    "warned that the row could lead to a world war" is a prediction, no event."""
    own = any(c.dep_ == "ccomp" and any(g.dep_ == "nsubj" and g.lower_ in {"it", "we", "they", "he", "she", "i"}
                                          for g in c.children) for c in token.children)
    of = " ".join(t.lower_ for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "against"}
                  for t in c.subtree)
    # "warned the neighbours against stepping in": a party told not to act, or else
    deterred = any(c.dep_ == "dobj" for c in token.children) and any(
        c.dep_ == "prep" and c.lower_ == "against" for c in token.children)
    # "North Korea warns the US over the drills", "Israel warned Hezbollah that Beirut could face Gaza's fate": a
    # warning addressed to a named party is a threat (CAMEO WARN [130]); not a warning to the public (a common noun)
    addressed = any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in token.children)
    if own or deterred or addressed or load_patterns().words.regexes["HOSTILE_OBJECTS"].search(of) or any(
            c.dep_ == "xcomp" for c in token.children):
        return Trigger("THREATEN"), "verb:warn of own act"
    return _NOT_AN_EVENT


# the general constructions a frame pattern may name (``"construction": "commitment"``)
_CONSTRUCTIONS = {"commitment": _commitment, "warning": _warning}


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == "det" for c in token.children):
        return True
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "without":
        return True  # "the summit ended without an agreement"
    head = token.head
    # "denied striking", "refused to sign": the event did not happen (REJECT is coded separately)
    if token.dep_ in {"xcomp", "ccomp", "pcomp"} and head.lemma_.lower() in {"deny", "refuse", "fail", "decline"}:
        return True
    if token.dep_ in {"xcomp", "ccomp"} and any(c.dep_ == "neg" for c in head.children):
        return head.lemma_.lower() not in _SPEECH
    return False


_MAKING_ACCORDS = {"sign", "reach", "conclude", "strike", "seal", "finalize", "finalise", "accept", "approve", "ratify",
                   "clinch", "secure"}
_NOT_DONE_HEADS = {"fail", "refuse", "decline"}


def _unmade(token: Token) -> bool:
    """An accord named as the object of a making verb that did not happen: "has not yet signed the revised deal",
    "have not succeeded in reaching an agreement", "failed to reach a deal" (the accord is no AGREE)."""
    verb = token.head
    if token.pos_ != "NOUN" or token.dep_ != "dobj" or verb.lemma_.lower() not in _MAKING_ACCORDS:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    above = verb.head.head if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else verb.head
    if verb.dep_ not in {"xcomp", "pcomp"} or above is verb:
        return False
    return above.lemma_.lower() in _NOT_DONE_HEADS or any(c.dep_ == "neg" for c in above.children)


def _phrasal_lemma(verb: Token) -> str:
    """The verb's lemma with its particle ("call off", "break off"), else its lemma."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def _irrealis(token: Token, category: str) -> str | None:
    """Why the mention did not (yet) happen: ``modal:will``, ``conditional``, ``plan:intend``; None if it did."""
    not_yet = next((c for c in token.children if c.dep_ == "amod" and c.lower_ in _words("NOT_YET")), None)
    if token.pos_ == "NOUN" and not_yet is not None:
        return f"plan:{not_yet.lower_}"  # "the upcoming summit", "planned talks"
    prospect = _prospect_of(token)
    if prospect is not None:
        return f"plan:{prospect}"
    node: Token | None = token
    hops = 0
    while node is not None and hops < 4:
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
                return "conditional"
            if child.dep_ in {"mark", "advmod"} and child.lower_ in {"when", "once", "until"} and node.tag_ in {
                    "VBP", "VBZ"} and node.dep_ == "advcl":
                return "conditional"  # "... when Allies agree": not yet
        for child in node.children:
            if child.dep_ == "aux" and child.lower_ in _MODALS and category != "THREATEN":
                if not (child.lower_ in {"could", "can"} and any(c.dep_ == "neg" for c in node.children)):
                    return f"modal:{child.lower_}"
        if node.dep_ in {"xcomp"} and node.head.lemma_.lower() in _IRREALIS_HEADS:
            past_attempt = node.head.lemma_.lower() == "try" and node.head.tag_ in {"VBD", "VBN"}
            if not (category == "THREATEN" and node.head.lemma_.lower() == "threaten") and not past_attempt:
                return f"plan:{node.head.lemma_.lower()}"
        if node.dep_ in {"xcomp", "ccomp"} and node.head.lemma_.lower() in _ENABLING:
            return f"ability:{node.head.lemma_.lower()}"  # "allowing them to carry out strikes": a capability
        if (ability := _capability(node)) is not None:
            return ability
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _WILLING:
            return f"willing:{node.head.lemma_.lower()}"
        if (node.dep_ in {"xcomp", "ccomp", "dobj"} or (node.dep_ == "acl" and node.head.pos_ == "NOUN")) and \
                node.head.lemma_.lower() in _CONTENT_HEADS:
            # "demanded that Israel ease restrictions", "demanded a truce", "rejected an ultimatum",
            # "agreed to share information": what is demanded, rejected or agreed to has not happened
            return f"content:{node.head.lemma_.lower()}"
        if node.dep_ in {"xcomp", "ccomp"} and node.head.lemma_.lower() in _ASKING_HEADS:
            return f"content:{node.head.lemma_.lower()}"
        if node.dep_ in {"dobj", "nsubjpass"} and node.pos_ == "NOUN" and category != "THREATEN" \
                and node.head.lemma_.lower() in _PROPOSING_HEADS:
            return f"plan:{node.head.lemma_.lower()}"
        if node.dep_ in {"dobj", "nsubjpass"} and node.pos_ == "NOUN" and category != "ASSAULT" \
                and _phrasal_lemma(node.head) in _words("STOPPING"):
            # "suspended the talks", "paused military aid", "called off the talks" (attacks are left out:
            # "halted the assault on X" is told of an assault that happened)
            return f"stopped:{_phrasal_lemma(node.head)}"
        if node.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children) and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _CONTENT_HEADS for c in node.head.children):
            return "content:demand"  # "reiterated its demand that Israel ease restrictions": the demand's content
        if node.dep_ in {"ccomp", "advcl", "conj", "xcomp", "relcl", "acl", "pcomp", "pobj", "prep", "dobj",
                         "compound", "nsubj", "nsubjpass"} and node.head != node:
            # climb only through clause-internal links; stop at a speech verb (reported speech is realis)
            if node.head.lemma_.lower() in _SPEECH:
                return None
            node = node.head
            hops += 1
            continue
        break
    return None


def _prospect_of(token: Token) -> str | None:
    """The noun an event noun is the prospect of ("no plans for a meeting between the leaders", "the possibility of
    talks", "preparations for a summit", "a proposal for a ceasefire"): what is planned, hoped for or proposed has
    not happened. Word set PROSPECT_NOUNS."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ not in {"for", "of", "on"}:
        return None
    holder = token.head.head  # a noun, or read as a verb by the parser ("preparations for a summit")
    if holder.lemma_.lower() in _words("PROSPECT_NOUNS"):
        return holder.lemma_.lower()
    return None


def _capability(node: Token) -> str | None:
    """What a weapon or a force can do, not what it did: an infinitive of a capability noun ("a drone with the range
    to hit Moscow", "the capacity to strike ships"), the gerund of "capable of" ("a system capable of shooting down
    missiles") or the purpose infinitive of making a weapon ("rockets designed to strike targets 300 km away",
    "producing missiles to hit its neighbours"). Word sets CAPABILITY_NOUNS, CAPABLE_ADJECTIVES, MAKING_VERBS."""
    head = node.head
    to = next((c for c in node.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    infinitive = to is not None
    if node.dep_ in {"acl", "relcl"} and infinitive and head.lemma_.lower() in _words("CAPABILITY_NOUNS"):
        return f"ability:{head.lemma_.lower()}"
    if to is not None and to.i > 0 and node.dep_ in {"advcl", "xcomp", "acl", "relcl"} \
            and to.nbor(-1).lemma_.lower() in _words("CAPABILITY_NOUNS") and to.nbor(-1).pos_ == "NOUN":
        return f"ability:{to.nbor(-1).lemma_.lower()}"  # "with the range to hit", attached to the verb by the parser
    if node.dep_ == "pcomp" and head.lower_ == "of" and head.head.lemma_.lower() in _words("CAPABLE_ADJECTIVES"):
        return f"ability:{head.head.lemma_.lower()}"
    if node.dep_ in {"xcomp", "advcl"} and infinitive and head.lemma_.lower() in _words("MAKING_VERBS"):
        return f"ability:{head.lemma_.lower()}"
    return None


NEWS_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "overnight", "today",
              "yesterday", "tonight"}


def _told_from(token: Token) -> str | None:
    """An act named as the time or cause the news is told from, not as the news; the relation word, or None.
    An event noun governed by "after", "following", "since", "before" or "ahead of" ("talks resumed after a
    visit by the envoy"), by "in response to", "in retaliation for", "in the wake of" ("strikes in response to
    rocket attacks"), or followed ("the exchange followed a visit by the envoy"); a verb with "previously" or a
    perfect "has long" ("Kyiv has long accused"), or in the "after" clause of "comes" ("the strike comes days
    after the president threatened Tehran"). Word sets: PRIOR_MARKS, PRIOR_RELATIONS, PRIOR_ADVERBS,
    FOLLOWING_VERBS."""
    nominal = token.pos_ in {"NOUN", "PROPN"} or (  # "following the heavy shelling of the port": a gerund noun
        token.tag_ == "VBG" and any(c.dep_ in {"det", "poss"} for c in token.children))
    if not nominal and token.pos_ in {"VERB", "AUX"}:
        told = _told_before(token)
        clause = token.head if token.dep_ == "conj" else token  # "... that killed 13 and injured hundreds"
        if told is None and clause.dep_ in {"relcl", "acl"} and clause.head.pos_ in {"NOUN", "PROPN"}:
            told = _told_from(clause.head)  # "following an airstrike that killed 90": the airstrike's time
        if told is None:  # "flats damaged by recent missile attacks": the agent is an earlier act
            agents = [o for c in token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            prior = next((c for a in agents for c in a.children
                          if c.dep_ == "amod" and c.lower_ in _words("PRIOR_ADJECTIVES")), None)
            told = f"amod:{prior.lower_}" if prior is not None else None
        return told
    if not nominal:
        return None
    holders = [token]  # "a previous round of talks": the adjective of the noun the event is "of"
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        holders.append(token.head.head)
    prior = next((c for h in holders for c in h.children
                  if c.dep_ == "amod" and c.lower_ in _words("PRIOR_ADJECTIVES")), None)
    if prior is not None:
        return f"amod:{prior.lower_}"  # "previous negotiations", "an earlier attack"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in _words("FOLLOWING_VERBS"):
        # "died following an airstrike": "following" parsed as a verb still marks the act the deaths followed
        return None if _its_casualties(token.head) else token.head.lemma_.lower()
    if token.dep_ not in {"pobj", "pcomp"}:
        return None
    prep = token.head
    # "after fresh strikes on Thursday morning", "following a cross-border attack on Saturday": a new act with a
    # day of its own is the news itself ("after the strike", "after an attack last year" are not)
    given = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"})
                for c in token.children)
    if not given and any(t.lower_ in NEWS_DAYS for t in token.subtree):
        return None
    if prep.lower_ in _words("PRIOR_MARKS") and not _its_casualties(prep):
        return prep.lower_
    relation = prep.head
    if prep.lower_ in {"of", "to", "for", "against"} and relation != prep \
            and relation.lemma_.lower() in _words("PRIOR_RELATIONS") \
            and relation.dep_ not in {"nsubj", "nsubjpass"}:
        return f"{relation.lower_} {prep.lower_}"  # "in the wake of", "in response to", "retaliation for"
    return None


_CAUSE_MARKS = {"after", "following"}
_OWN_HAPPENING = {"in", "by", "during", "from"}  # "killed in strikes following a rocket attack": an act of its own


def _its_casualties(mark: Token) -> bool:
    """"At least 30 people died following an airstrike", "five were wounded after a drone attack": the news reports
    the act's casualties, so the act is the news, not the time it is told from. Not when the casualty verb has an act
    of its own ("were killed in strikes following a rocket attack") or an active subject ("strikes killed five after
    a rocket attack"). Word sets: CASUALTY_VERBS, DEATH_STATE_VERBS ("declared dead shortly after the attack")."""
    verb = mark.head
    lemma = verb.lemma_.lower()
    # "was declared dead shortly after the attack", "were found dead after the raid": a verb of the state of the dead
    stated = lemma in _words("DEATH_STATE_VERBS") and any(c.lower_ == "dead" for c in verb.children)
    if mark.lower_ not in _CAUSE_MARKS or verb == mark or (lemma not in _words("CASUALTY_VERBS") and not stated):
        return False
    if any(c != mark and (c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in _OWN_HAPPENING))
           for c in verb.children):
        return False
    return lemma in {"die", "succumb"} or not any(c.dep_ == "nsubj" for c in verb.children)


def _told_before(verb: Token) -> str | None:
    perfect = any(c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() == "have" for c in verb.children)
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _words("PRIOR_ADVERBS") and (
                perfect or c.lower_ in {"previously", "formerly", "last"}):  # "when the leaders last met"
            return c.lower_
    if verb.dep_ == "advcl" and verb.head.lemma_.lower() in _words("FOLLOWING_VERBS") and any(
            c.dep_ == "mark" and c.lower_ in {"after", "since"} for c in verb.children):
        return f"{verb.head.lemma_.lower()} after"
    return None


# a statement named as a topic is still its speaker's ("the minister's threat is no bluff")
_STATEMENT_CATEGORIES = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "PROTEST", "SUPPORT"}
_PERFECT = {"has", "have", "'ve"}
_PRESENT = {"is", "are", "am", "'s", "'re"}
_SINCE_DEPS = {"prep", "advcl"}


def _perfect(verb: Token) -> bool:
    """A present perfect: "has killed", "have been detained" (not the past perfect of the narrative)."""
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _PERFECT for c in verb.children)


def _present(verb: Token) -> bool:
    """A present tense: "remain", "are being described", "is seen" (not "was", not a past simple)."""
    return verb.tag_ in {"VBZ", "VBP"} or any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in _PRESENT for c in verb.children)


def _gerund(verb: Token) -> bool:
    """A gerund with no auxiliary: "despite both sides stepping up their attacks" (not "are stepping up")."""
    return verb.tag_ == "VBG" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


# attacks and aid told in the present perfect progressive are a campaign's state; crackdowns, deportations, patrols
# and accusations so told are labelled news in the corpus (train: "have been cracking down", "troops have been
# patrolling"), as statements are
_ONGOING_CATEGORIES = {"ASSAULT", "AID"}


def _ongoing(verb: Token) -> bool:
    """A present perfect progressive, or a verb coordinated with one or a participle adjunct of one ("the United
    States has been bombing the group", "have been gaining ground, seizing territory and inflicting casualties"): an
    activity over a stretch of time, not a happening."""
    while verb.head is not verb and verb.head.pos_ in {"VERB", "AUX"} and (verb.dep_ == "conj" or (
            verb.dep_ == "advcl" and verb.tag_ == "VBG"
            and not any(c.dep_ in {"mark", "nsubj", "nsubjpass"} for c in verb.children))):
        verb = verb.head  # "have been gaining ground, seizing territory": the participle shares the clause's time
    return verb.tag_ == "VBG" and _perfect(verb) and any(
        c.dep_ == "aux" and c.lower_ == "been" for c in verb.children)


def _general(token: Token, category: str) -> str | None:
    """A mention told as a general state of the war rather than as a happening; the construction, or None.

    - the war's own toll, in the present perfect: a war noun as the agent ("the war has killed 10,000", "a conflict
      that has displaced millions", "the fighting has caused devastation, killing thousands") or as the setting of
      a passive ("150,000 have been killed amid the fighting");
    - a tally since a time, in the present perfect ("have launched 50 attacks since November", "has repeatedly
      struck the grid since October"), unless the time is a news day ("since Friday");
    - a count or span of acts: an event noun under a noun of number or time ("months of bombardment", "the tempo
      of attacks", "dozens of airstrikes");
    - a trend: an event noun whose verb says it grows or falls, in the present, the present perfect or a gerund
      ("attacks have increased", "have stepped up attacks", "despite both sides stepping up their attacks"), with an
      adjective of repetition ("increased airstrikes", "frequent raids"), or what a noun of change is "in" or "of"
      ("a recent uptick in bombardments", "a surge in attacks", "a lull in the fighting");
    - an ongoing activity: an attack or aid in the present perfect progressive ("the United States has been bombing
      the group", "have been providing humanitarian aid", "have been gaining ground ... and inflicting casualties");
    - a topic: an event noun as the subject of a present-tense verb of being or meaning ("raids are an optimistic
      way", "the talks are described as", "attacks underscore the insecurity").

    Word sets: WAR_NOUNS, AGGREGATE_NOUNS, TREND_VERBS, TREND_ADJECTIVES, TREND_NOUNS, TOPIC_PREDICATES."""
    if any(t.lower_ in NEWS_DAYS for t in token.sent):
        return None  # "fighting since Friday has killed 20": the day's news
    nominal = token.pos_ in {"NOUN", "PROPN"} or (  # "months of Bolivian shelling": a gerund as a noun
        token.tag_ == "VBG" and token.dep_ in {"pobj", "nsubj", "nsubjpass", "dobj"})
    if not nominal and token.pos_ in {"VERB", "AUX"}:
        clause = token.head if token.dep_ in {"advcl", "conj"} and token.tag_ == "VBG" else token
        if category in _ONGOING_CATEGORIES and (_ongoing(token) or _ongoing(clause)):
            return "an ongoing activity"
        if not _perfect(clause):
            return None
        if category == "ASSAULT":
            agents = [c for c in clause.children if c.dep_ == "nsubj"]
            agents += [o for c in clause.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            if clause.dep_ == "relcl":
                agents.append(clause.head)
            settings = [o for c in clause.children if c.dep_ == "prep" and c.lower_ in {"in", "amid", "during"}
                        for o in c.children if o.dep_ == "pobj"]
            if any(a.lemma_.lower() in _words("WAR_NOUNS") for a in agents + settings):
                return "the war's toll"
        if any(c.dep_ in _SINCE_DEPS and (c.lower_ == "since" or any(
                g.dep_ == "mark" and g.lower_ == "since" for g in c.children)) for c in clause.children):
            return "a tally since"
        return None
    if not nominal:
        return None
    head = token.head
    if token.lemma_.lower() in _words("WAR_NOUNS"):
        # "the fighting has caused devastation", "thousands have been killed amid the fighting"
        governor = head.head if token.dep_ == "pobj" and head.lower_ in {"in", "amid", "during"} else head
        if token.dep_ in {"nsubj", "pobj"} and governor.pos_ in {"VERB", "AUX"} and _perfect(governor):
            return "the war's toll"
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _words("AGGREGATE_NOUNS"):
        return f"a count of acts ({head.head.lower_} of)"
    if token.dep_ == "pobj" and head.lower_ in {"in", "of"} and head.head.lemma_.lower() in _words("TREND_NOUNS"):
        return f"a trend ({head.head.lower_} {head.lower_})"  # "the recent uptick in bombardments"
    if any(c.dep_ == "amod" and c.lower_ in _words("TREND_ADJECTIVES") for c in token.children):
        return "a trend"
    if token.dep_ not in {"nsubj", "nsubjpass", "dobj"} or head.pos_ not in {"VERB", "AUX"}:
        return None
    if token.dep_ == "dobj" and category in _ONGOING_CATEGORIES and _ongoing(head):
        return "an ongoing activity"  # "have been inflicting casualties", "have been providing aid"
    verb = head.lemma_.lower()
    phrasal = verb in {"step", "ramp", "scale"}
    if verb in _words("TREND_VERBS") and (not phrasal or any(c.dep_ == "prt" for c in head.children)) and (
            _perfect(head) or _present(head) or _gerund(head)):
        return "a trend"
    if token.dep_ != "dobj" and category not in _STATEMENT_CATEGORIES and verb in _words("TOPIC_PREDICATES") \
            and _present(head) and not _perfect(head):
        return "a topic"
    return None


_ANAPHORIC_ATTACKS = {"attack", "strike", "raid", "blast", "explosion", "assault", "bombardment",
                      "fatality", "injury", "casualty"}
_CASUALTY_NOUNS = {"fatality", "injury", "casualty"}
_TREATMENT = re.compile(r"\b(hospitals?|treated|medical|paramedics|ambulances?)\b", re.I)


def refers_back(trigger: Token) -> bool:
    """An attack noun that is the object of a verb referring to an attack reported elsewhere ("condemned the strike",
    "has not commented on the strikes", "denied involvement in the attack"; word set REFERRING_VERBS)."""
    node = trigger
    if node.pos_ != "NOUN":
        return False
    for _ in range(3):
        if node.dep_ not in {"dobj", "pobj", "prep", "nsubjpass"} or node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() in _words("REFERRING_VERBS"):
            return True
    return False


def find_mentions(sentence: Span, *, conflict_article: bool = False) -> list[Mention]:
    """All event mentions of ``sentence``: one per category and subject ("Washington denounced ..., while
    London called them cowardly" gives two ACCUSE), preferring triggers that happened.

    In an article already about fighting (``conflict_article``), "the attacks" needs no other cue."""
    text = sentence.text
    by_category: dict[tuple[str, int], Mention] = {}
    for token in sentence:
        found = _frame_of(token) or _trigger_of(token)
        if found is None and token.lemma_.lower() in _CASUALTY_NOUNS:
            found = (Trigger("ASSAULT", False), "casualty")
        if found is None or found is _NOT_AN_EVENT:
            continue
        trig, rule = found
        if token.lemma_.lower() in _CASUALTY_NOUNS and token.pos_ == "NOUN":
            # "leading to one fatality", "four people suffered injuries in Odesa Oblast": in a war report, a
            # casualty report is the attack's report (a place with casualties gets its own attack)
            if not conflict_article or _negated(token) or _TREATMENT.search(text):
                continue  # a hospital's report places the victims, not the attack
            trig, rule = Trigger("ASSAULT", False), f"noun:{token.lemma_.lower()} (casualty report)"
        cue = _cue(trig.category)
        if not trig.strong and cue is not None and not cue.search(text) and not (
                conflict_article and trig.category == "ASSAULT" and token.lemma_.lower() in _ANAPHORIC_ATTACKS):
            continue
        anaphoric = conflict_article and token.pos_ == "NOUN" and token.lemma_.lower() in _ANAPHORIC_ATTACKS and (
            any(c.dep_ in {"det", "poss"} for c in token.children)
            or token.lemma_.lower() in {"explosion", "blast"} | _CASUALTY_NOUNS)
        if trig.category == "ASSAULT" and not trig.strong and not anaphoric and not _CONFLICT_CUE.search(
            text[: token.idx - sentence.start_char] + text[token.idx - sentence.start_char + len(token.text):]
        ):
            continue
        mention = Mention(
            category=trig.category,
            mode=trig.mode,
            trigger=token,
            sentence=sentence,
            negated=_negated(token) or (trig.category == "AGREE" and _unmade(token)),
            irrealis=rule not in _REALIS_RULES and _irrealis(token, trig.category) is not None,
            modality=None if rule in _REALIS_RULES else _irrealis(token, trig.category),
            rule=rule,
            strong=trig.strong,
            told_from=_told_from(token),
            general=_general(token, trig.category),
        )
        key = (trig.category, _clause_subject(token) if trig.category != "ASSAULT" else -1)
        previous = by_category.get(key)
        if previous is None or (not previous.happened and mention.happened) or (
                previous.told_from and not mention.told_from and mention.happened) or (
                previous.general and not mention.general and mention.happened and mention.strong) or (
                previous.trigger.dep_ == "compound" and token.dep_ != "compound") or (
                # "has not commented on the strikes, but said Ukraine fired rockets at Russia": the act told, not
                # the one referred to
                trig.category == "ASSAULT" and mention.happened and refers_back(previous.trigger)
                and not refers_back(token)):
            by_category[key] = mention
    return _fold(list(by_category.values()))


def _fold(mentions: list[Mention]) -> list[Mention]:
    """A demand voiced by a protest ("blocked roads demanding his return") is the protest's content, and the
    demands an actor concedes to ("conceded to demands from the rebels") are the concession's: one event.
    The accusations a rejection dismisses ("dismissed the accusations as baseless") are the rejection's object,
    not an accusation by the one who rejects them."""
    rejecting = {m.trigger.i for m in mentions if m.category == "REJECT"}
    mentions = [m for m in mentions if not (
        m.category == "ACCUSE" and m.trigger.pos_ == "NOUN" and m.trigger.dep_ in {"dobj", "nsubjpass"}
        and m.trigger.head.i in rejecting)]
    hosts = {m.trigger.i: m for m in mentions if m.category in {"PROTEST", "CONCEDE"} and m.happened}
    if not hosts:
        return mentions
    out = []
    for m in mentions:
        if m.category == "REQUEST":
            near = [m.trigger.head, m.trigger.head.head]
            if any(n.i in hosts and n.i != m.trigger.i for n in near):
                continue
        out.append(m)
    return out


def _clause_subject(token: Token) -> int:
    """The token index of the trigger's own subject, or -1 (same clause as the others)."""
    if token.pos_ not in {"VERB", "AUX"}:
        return -1
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child.i
    return -1
