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

__all__ = [
    "CATEGORIES",
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


# lemma -> trigger, for verbs and for nouns. A lemma may trigger differently as a verb and as a noun.
VERB_TRIGGERS: dict[str, Trigger] = {
    # ASSAULT
    "shell": Trigger("ASSAULT"), "bombard": Trigger("ASSAULT"), "bomb": Trigger("ASSAULT"),
    "pound": Trigger("ASSAULT", False), "strike": Trigger("ASSAULT", False), "attack": Trigger("ASSAULT"),
    "hit": Trigger("ASSAULT", False), "target": Trigger("ASSAULT", False), "raid": Trigger("ASSAULT", False),
    "kill": Trigger("ASSAULT", False), "launch": Trigger("ASSAULT", False), "fire": Trigger("ASSAULT", False),
    "explode": Trigger("ASSAULT", False), "crash": Trigger("ASSAULT", False), "destroy": Trigger("ASSAULT", False),
    "damage": Trigger("ASSAULT", False), "wound": Trigger("ASSAULT", False), "injure": Trigger("ASSAULT", False),
    "intercept": Trigger("ASSAULT", False), "down": Trigger("ASSAULT", False), "shoot": Trigger("ASSAULT", False),
    "assassinate": Trigger("ASSAULT", True, "targeted"), "ambush": Trigger("ASSAULT"),
    "storm": Trigger("ASSAULT", False), "blast": Trigger("ASSAULT", False),
    "capture": Trigger("ASSAULT", False), "fight": Trigger("ASSAULT", False), "torture": Trigger("ASSAULT"),
    "beat": Trigger("ASSAULT", False), "massacre": Trigger("ASSAULT"), "stab": Trigger("ASSAULT"),
    "murder": Trigger("ASSAULT"),
    # CONSULT
    "meet": Trigger("CONSULT"), "visit": Trigger("CONSULT", True, "visit"), "host": Trigger("CONSULT", True, "visit"),
    "negotiate": Trigger("CONSULT"), "discuss": Trigger("CONSULT"), "mediate": Trigger("CONSULT"),
    # AGREE
    "agree": Trigger("AGREE"), "sign": Trigger("AGREE", False), "offer": Trigger("AGREE", False),
    "promise": Trigger("AGREE"), "ratify": Trigger("AGREE"), "accept": Trigger("AGREE", False),
    # REQUEST
    "urge": Trigger("REQUEST"), "demand": Trigger("REQUEST"), "appeal": Trigger("REQUEST"),
    "request": Trigger("REQUEST"), "ask": Trigger("REQUEST", False),
    # ACCUSE
    "accuse": Trigger("ACCUSE"), "blame": Trigger("ACCUSE"), "condemn": Trigger("ACCUSE"),
    "denounce": Trigger("ACCUSE"), "criticize": Trigger("ACCUSE"), "criticise": Trigger("ACCUSE"),
    "allege": Trigger("ACCUSE", False), "slam": Trigger("ACCUSE", False), "berate": Trigger("ACCUSE"),
    "complain": Trigger("ACCUSE"), "sue": Trigger("ACCUSE"), "investigate": Trigger("ACCUSE"),
    "summon": Trigger("ACCUSE", False), "charge": Trigger("ACCUSE", False), "indict": Trigger("ACCUSE"),
    "scold": Trigger("ACCUSE"), "rebuke": Trigger("ACCUSE"),
    # REJECT
    "reject": Trigger("REJECT"), "deny": Trigger("REJECT"), "refuse": Trigger("REJECT"), "veto": Trigger("REJECT"),
    "dismiss": Trigger("REJECT", False), "rebuff": Trigger("REJECT"), "boycott": Trigger("REJECT"),
    "decline": Trigger("REJECT", False), "renege": Trigger("REJECT"), "violate": Trigger("REJECT", False),
    # THREATEN
    "threaten": Trigger("THREATEN"), "warn": Trigger("THREATEN", False), "vow": Trigger("THREATEN", False),
    # SANCTION
    "sanction": Trigger("SANCTION"), "expel": Trigger("SANCTION"), "embargo": Trigger("SANCTION"),
    "suspend": Trigger("SANCTION", False), "blockade": Trigger("COERCE"),
    # RETREAT
    "withdraw": Trigger("RETREAT", False), "release": Trigger("RETREAT", False, "release"),
    "demobilize": Trigger("RETREAT"), "demobilise": Trigger("RETREAT"), "disarm": Trigger("RETREAT", False),
    "free": Trigger("RETREAT", False, "release"), "evacuate": Trigger("RETREAT", False),
    # SUPPORT
    "support": Trigger("SUPPORT", False), "endorse": Trigger("SUPPORT"), "praise": Trigger("SUPPORT"),
    "back": Trigger("SUPPORT", False), "pledge": Trigger("SUPPORT", False), "commend": Trigger("SUPPORT"),
    "welcome": Trigger("SUPPORT", False), "applaud": Trigger("SUPPORT"), "reaffirm": Trigger("SUPPORT", False),
    "defend": Trigger("SUPPORT", False), "upgrade": Trigger("SUPPORT", False),
    # AID
    "donate": Trigger("AID"), "provide": Trigger("AID", False), "give": Trigger("AID", False),
    "send": Trigger("AID", False), "deliver": Trigger("AID", False), "grant": Trigger("AID", False),
    "supply": Trigger("AID", False),
    # MOBILIZE
    "mobilize": Trigger("MOBILIZE"), "mobilise": Trigger("MOBILIZE"), "scramble": Trigger("MOBILIZE"),
    "deploy": Trigger("MOBILIZE", False),
    # COERCE
    "arrest": Trigger("COERCE"), "detain": Trigger("COERCE"), "seize": Trigger("COERCE", False),
    "deport": Trigger("COERCE"), "jail": Trigger("COERCE"), "imprison": Trigger("COERCE"),
    "confiscate": Trigger("COERCE"), "kidnap": Trigger("COERCE"), "abduct": Trigger("COERCE"),
    "demolish": Trigger("COERCE"), "ban": Trigger("COERCE", False), "hack": Trigger("COERCE"),
    "censor": Trigger("COERCE"), "prevent": Trigger("COERCE", False),
    # PROTEST
    "protest": Trigger("PROTEST"), "demonstrate": Trigger("PROTEST", False), "rally": Trigger("PROTEST", False),
    "riot": Trigger("PROTEST", True, "riot"), "march": Trigger("PROTEST", False),
    "block": Trigger("PROTEST", False), "picket": Trigger("PROTEST"),
    # COOPERATE
    "cooperate": Trigger("COOPERATE"), "collaborate": Trigger("COOPERATE"), "extradite": Trigger("COOPERATE"),
    "share": Trigger("COOPERATE", False),
    # CONCEDE
    "apologize": Trigger("CONCEDE"), "apologise": Trigger("CONCEDE"), "concede": Trigger("CONCEDE"),
    "surrender": Trigger("CONCEDE"), "lift": Trigger("CONCEDE", False), "ease": Trigger("CONCEDE", False),
    "cancel": Trigger("CONCEDE", False), "relax": Trigger("CONCEDE", False), "scrap": Trigger("CONCEDE", False),
    "loosen": Trigger("CONCEDE", False),
}
NOUN_TRIGGERS: dict[str, Trigger] = {
    "attack": Trigger("ASSAULT", False), "strike": Trigger("ASSAULT", False), "airstrike": Trigger("ASSAULT"),
    "shelling": Trigger("ASSAULT"), "bombardment": Trigger("ASSAULT"), "bombing": Trigger("ASSAULT"),
    "barrage": Trigger("ASSAULT"), "assault": Trigger("ASSAULT", False), "raid": Trigger("ASSAULT", False),
    "explosion": Trigger("ASSAULT", False), "blast": Trigger("ASSAULT", False),
    "assassination": Trigger("ASSAULT", True, "targeted"), "salvo": Trigger("ASSAULT"),
    "talk": Trigger("CONSULT", False), "meeting": Trigger("CONSULT"),
    "summit": Trigger("CONSULT", True, "multilateral"),
    "visit": Trigger("CONSULT", True, "visit"), "negotiation": Trigger("CONSULT"),
    "agreement": Trigger("AGREE", False), "deal": Trigger("AGREE", False), "accord": Trigger("AGREE", False),
    "appeal": Trigger("REQUEST", False), "demand": Trigger("REQUEST", False),
    "accusation": Trigger("ACCUSE"), "condemnation": Trigger("ACCUSE"), "veto": Trigger("REJECT"),
    "rejection": Trigger("REJECT"), "refusal": Trigger("REJECT"), "denial": Trigger("REJECT"),
    "threat": Trigger("THREATEN", False), "ultimatum": Trigger("THREATEN"),
    "sanction": Trigger("SANCTION"), "embargo": Trigger("SANCTION"), "warrant": Trigger("SANCTION", False),
    "withdrawal": Trigger("RETREAT", False),
    "aid": Trigger("AID", False), "assistance": Trigger("AID", False),
    "mobilization": Trigger("MOBILIZE"), "mobilisation": Trigger("MOBILIZE"),
    "arrest": Trigger("COERCE", False), "protest": Trigger("PROTEST", False),
    "demonstration": Trigger("PROTEST", False),
    "cooperation": Trigger("COOPERATE", False), "apology": Trigger("CONCEDE"),
    "curfew": Trigger("COERCE", False), "investigation": Trigger("ACCUSE", False),
    "ceasefire": Trigger("RETREAT", False), "truce": Trigger("RETREAT", False), "fighting": Trigger("ASSAULT", False),
    "rally": Trigger("PROTEST", False), "patrol": Trigger("MOBILIZE", False), "mediation": Trigger("CONSULT", False),
    "complaint": Trigger("ACCUSE"), "suspension": Trigger("SANCTION", False), "expulsion": Trigger("SANCTION"),
    "massacre": Trigger("ASSAULT"), "atrocity": Trigger("ASSAULT", False), "boycott": Trigger("REJECT", False),
    "shooting": Trigger("ASSAULT", True, "firearms"), "gunfire": Trigger("ASSAULT", True, "firearms"),
    "stabbing": Trigger("ASSAULT"), "murder": Trigger("ASSAULT"), "homicide": Trigger("ASSAULT", False),
}

# Conditions that make a weak trigger count, per category.
# Words of war (a war report has several) and of gun crime: either is a cue that a weak trigger is an attack.
_WAR_WORDS = (
    r"drones?|uavs?|missiles?|rockets?|shells?|shelling|artillery|air ?strikes?|bombs?|warplanes?|jets?|"
    r"mortars?|troops|forces|soldiers|militants|killed|killing|wounded|injured|injuring|wounding|dead|casualt\w+|"
    r"explosions?|air defen[cs]es?|shot down|intercepted|shahed\w*|iskanders?|kalibrs?|s-300|military|"
    r"army|attack\w*|strikes?|war|guerr?ill?as?|rebels?|insurgents?|gunm[ae]n|fighters|militias?|militiamen"
)
_CRIME_WORDS = r"shooting|gunfire|gunshots?|shots fired|shots were fired|shot dead|stabb\w+|gunpoint|armed robber\w*"
_WAR_CUE = re.compile(rf"\b({_WAR_WORDS})\b", re.IGNORECASE)
_CONFLICT_CUE = re.compile(rf"\b({_WAR_WORDS}|{_CRIME_WORDS})\b", re.IGNORECASE)
_CUES: dict[str, re.Pattern[str]] = {
    "ASSAULT": _CONFLICT_CUE,
    "CONSULT": re.compile(r"\b(held|hold|holding|holds|peace|ceasefire|with|between|leaders?|ministers?|"
                          r"presidents?|delegations?|negotiators?|envoys?|mediators?|diplomats?|"
                          r"counterparts?)\b", re.I),
    "AGREE": re.compile(r"\b(sign\w*|agreed|reached|struck|ceasefire|peace|accord|deal|agreement|treaty|"
                        r"memorandum|declaration)\b", re.I),
    "REQUEST": re.compile(r"\b(ceasefire|withdraw\w*|stop|halt|release|end|help|aid|support|weapons|talks|"
                          r"that|to)\b", re.I),
    "ACCUSE": re.compile(r"\b(of|for|with|crimes?|terror\w*|attack\w*|responsib\w*)\b", re.I),
    "REJECT": re.compile(r"\b(proposal|plan|offer|demand|claims?|accusations?|allegations?|request|talks|appeal|"
                         r"invitation|resign\w*|commitment|ceasefire|agreement|ban|truce|involvement|"
                         r"responsibility)\b", re.I),
    "THREATEN": re.compile(r"\b(retaliat\w*|respon\w+|consequences|nuclear|revenge|avenge|strike|attack|"
                           r"escalat\w*|war|force|pay|price)\b", re.I),
    "SANCTION": re.compile(r"\b(arrest|sanctions?|diplomats?|ambassador|links|relations|ties|aid|flights|"
                           r"cooperation|talks|membership)\b", re.I),
    "RETREAT": re.compile(r"\b(prisoners?|hostages?|captives?|pow|pows|troops|forces|detainees|soldiers|"
                          r"withdr\w+|settlements?|outposts?|bases|positions|territor\w+|peacekeep\w+)\b", re.I),
    "SUPPORT": re.compile(r"\b(support|solidarity|backing|commitment|membership|sovereignty|"
                          r"territorial integrity|pledg\w+|ties|relations|against\s+(?:\w+\s+)?(?:criticism|"
                          r"accusations|charges|attacks))\b", re.I),
    "AID": re.compile(r"\b(humanitarian|military|financial|economic|aid|assistance|package|medicine|food|"
                      r"arms|weapons|grant|loan|supplies|asylum|refuge|shelter|funds|dollars|million|billion)\b",
                      re.I),
    "MOBILIZE": re.compile(r"\b(troops|jets|aircraft|forces|reservists|alert|readiness|police|soldiers|"
                           r"paramilitar\w+)\b", re.I),
    "COERCE": re.compile(r"\b(police|security|authorities|forces|troops|officers|army|government|"
                         r"newspaper|party|demonstration|protest|opposition|publication)\b", re.I),
    "PROTEST": re.compile(r"\b(protesters?|demonstrators?|crowds?|thousands|hundreds|rally|streets?|roads?|"
                          r"supporters|activists|against)\b", re.I),
    "COOPERATE": re.compile(r"\b(security|military|defen[cs]e|intelligence|energy|cooperation|expertise|"
                            r"information|technology)\b", re.I),
    "CONCEDE": re.compile(r"\b(ban|curfew|sanctions|restrictions|measures|blockade|emergency|siege|embargo|"
                          r"apolog\w+|demands|martial law|controls|limits)\b", re.I),
}

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
                   "consider", "offer", "threaten", "fail", "refuse", "deny", "ready", "able", "likely", "need"}
# "is willing / ready / prepared to withdraw": an offer or a threat, not yet the act (coded as a commitment)
_WILLING = {"willing", "ready", "prepared", "determined", "committed", "eager", "unwilling"}
_CONTENT_HEADS = {"demand", "urge", "ask", "appeal", "request", "reject", "rebuff", "agree", "promise", "pledge",
                  "vow", "swear"}
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


_GUNSHOT = {"gunshot", "gun-shot", "bullet", "shotgun"}  # "gunshot wounds": someone was shot


def _trigger_of(token: Token) -> tuple[Trigger, str] | None:
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and token.tag_ == "VBN"):
        trig = VERB_TRIGGERS.get(lemma)
        if trig:
            return trig, f"verb:{lemma}"
    elif token.pos_ in {"NOUN", "PROPN"}:
        trig = NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(token.lower_)
        if trig:
            return trig, f"noun:{lemma}"
        if lemma == "airstrike" or token.lower_ in {"airstrikes", "air-strikes"}:
            return Trigger("ASSAULT"), f"noun:{lemma}"
        if lemma in {"wound", "injury"} and any(  # "found with gunshot wounds": someone was shot
                c.dep_ in {"compound", "amod"} and c.lower_ in _GUNSHOT for c in token.children):
            return Trigger("ASSAULT", True, "firearms"), f"noun:gunshot {lemma}"
    return None


_WELCOMED = {"statement", "decision", "announcement", "move", "initiative", "proposal", "step", "effort", "plan",
             "agreement", "deal", "accord", "ceasefire", "truce", "release", "offer", "resolution", "election",
             "outcome", "result", "pledge", "commitment", "declaration", "verdict", "ruling", "reform", "appointment"}
_SUSPENDED_TIES = re.compile(r"\b(aid|assistance|cooperation|relations|ties|membership|programs?|programmes?|"
                             r"funding|loans?|credits?|flights|trade|exports|imports|deliveries|shipments)\b", re.I)
_REACH = {"reach", "strike", "conclude", "secure", "finalize", "finalise", "clinch", "sign"}
_SETTLEMENTS = {"agreement", "deal", "accord", "settlement", "compromise", "consensus", "understanding", "treaty"}
_AGREEMENT_NOUNS = {"treaty", "agreement", "accord", "pact", "memorandum", "deal", "declaration", "charter"}
_SHUT_DOWN = {"suspend", "close", "shut", "cease", "stop", "halt", "disband", "dissolve"}
# "ordered its troops to halt": an order to one's own side is no coercion
_PEOPLE_UNDER_ORDERS = {"troop", "force", "soldier", "army", "unit", "commander", "military", "police", "officer",
                        "staff", "official", "minister", "ministry", "agency", "government"}
_ARMING = {"manufacture", "produce", "develop", "build", "make", "acquire", "stockpile", "assemble", "amass", "buy"}
_ARMS = {"weapon", "arm", "bomb", "missile", "rocket", "explosive", "drone", "device"}
_TRUCES = {"ceasefire", "cease-fire", "truce", "armistice"}
_RULES_BROKEN = {"ban", "embargo", "curfew", "order", "decree", "ruling", "prohibition", "blockade"}
_LABOUR_STRIKES = {"hunger", "general", "labour", "labor", "national", "nationwide", "teachers", "workers", "sit-down",
                   "wildcat", "transport", "doctors"}
_PROTEST_NOUNS = {"rally", "protest", "demonstration", "strike", "sit-in", "march", "vigil", "walkout", "boycott"}
_CONDEMNING = {"cowardly", "outrageous", "barbaric", "criminal", "terrorist", "terrorism", "horrific", "unacceptable",
               "illegal", "heinous", "brutal", "reckless", "shameful", "despicable", "abhorrent", "atrocious",
               "inhumane", "monstrous", "vile", "genocide", "genocidal", "murderous", "savage", "appalling",
               "disgraceful", "irresponsible", "provocation", "provocative", "aggression", "massacre"}
_AID_GOODS = re.compile(r"\b(aid|medicine\w*|food|supplies|equipment|weapons|arms|ammunition|vaccines?|"
                       r"tents|blankets|fuel|money|funds|goods|assistance)\b", re.I)
_PERSONNEL = re.compile(r"\b(peacekeep\w*|inspectors?|monitors?|observers?|aid workers|humanitarian workers|"
                        r"diplomats?|ambassadors?|envoys?|embassy staff|mission)\b", re.I)
_CAPTIVES = re.compile(r"\b(prisoners?|captives?|pows?|hostages?|detainees|bodies|soldiers|civilians)\b", re.I)
# rules whose trigger carries its own modal ("said Sudan must return"): the modal is the demand, not irrealis
_REALIS_RULES = {"verb:said X must"}
_NOT_AN_EVENT = (Trigger("NONE"), "not an event")
_COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
_COOPERATIVE_ACTS = {"help", "work", "respect", "implement", "honour", "honor", "abide", "allow", "open", "end",
                     "stop", "halt", "rebuild", "restore", "protect", "guarantee", "ensure", "continue", "keep",
                     "pay", "fund", "finance", "train", "assist", "hand", "return", "reform", "hold", "democratize",
                     "democratise", "establish", "introduce", "improve", "resolve", "settle", "lift", "ease",
                     "investigate", "compensate", "reconstruct", "recognize", "recognise"}
_HOSTILE_OBJECTS = re.compile(r"\b(sanctions?|retaliation|revenge|reprisals?|response|consequences|strikes?|"
                              r"attacks?|punishment|war)\b", re.I)
_HOSTILE_COMPLEMENTS = {"retaliate", "attack", "strike", "respond", "avenge", "widen", "expand", "escalate",
                        "destroy", "punish", "fight", "hit", "target", "continue", "intensify", "kill", "wipe",
                        "bomb", "shell", "invade", "crush", "boycott", "blockade", "withdraw", "ban", "expel"}


def _special(token: Token) -> tuple[Trigger, str] | None:
    """Multi-word triggers that the lemma tables cannot say."""
    lemma = token.lemma_.lower()
    if lemma in {"accept", "recognize", "recognise", "ratify", "sign"} and token.pos_ == "VERB" and any(
            c.dep_ == "neg" for c in token.children):
        return Trigger("AGREE"), f"verb:not {lemma}"  # a refusal to accept is coded REJECT by its actor
    if lemma == "shoot" and token.pos_ == "VERB" and not any(c.lower_ == "down" for c in token.children):
        return Trigger("ASSAULT", True, "firearms"), "verb:shoot"  # "a woman was shot", "shot at a patrol"
    if lemma == "open" and token.pos_ == "VERB" and any(
            c.lower_ == "fire" and c.dep_ == "dobj" for c in token.children):
        return Trigger("ASSAULT", True, "firearms"), "verb:open fire"
    if lemma in {"robbery", "holdup", "carjacking"} and token.pos_ == "NOUN" and any(
            c.lower_ == "armed" for c in token.children):
        return Trigger("ASSAULT", True, "firearms"), f"noun:armed {lemma}"  # "an armed robbery of a store"
    if lemma in {"rob", "hold", "carjack"} and token.pos_ == "VERB" and any(
            g.lower_ == "gunpoint" for c in token.children if c.dep_ == "prep" for g in c.children):
        return Trigger("ASSAULT", True, "firearms"), f"verb:{lemma} at gunpoint"
    if lemma == "offer" and token.pos_ == "VERB" and any(c.dep_ == "xcomp" for c in token.children):
        return Trigger("AGREE"), "verb:offer to"
    if lemma in {"promise", "vow", "pledge", "swear"} and token.pos_ == "VERB":
        complement = next((c for c in token.children if c.dep_ in {"xcomp", "ccomp"} or (
            c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))), None)
        if complement is not None and complement.lemma_.lower() in {"continue", "keep", "maintain", "increase"}:
            # "promised to continue military aid": the act is the complement's object
            obj = next((c for c in complement.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lemma_.lower() in {"aid", "assistance", "support", "supply", "help",
                                                          "cooperation", "talk", "dialogue", "funding"}:
                return Trigger("AGREE"), f"verb:{lemma} to continue {obj.lemma_.lower()}"
        if complement is not None and complement.lemma_.lower() in _HOSTILE_COMPLEMENTS:
            return Trigger("THREATEN"), f"verb:{lemma} to {complement.lemma_.lower()}"
        if complement is not None:
            inner = VERB_TRIGGERS.get(complement.lemma_.lower())
            if (inner is not None and inner.category in _COOPERATIVE) or complement.lemma_.lower() in _COOPERATIVE_ACTS:
                return Trigger("AGREE"), f"verb:{lemma} to {complement.lemma_.lower()}"
            return _NOT_AN_EVENT  # "promised to reveal details": a promise, but of no political act
        objects = " ".join(t.lower_ for c in token.children if c.dep_ == "dobj" for t in c.subtree)
        if _HOSTILE_OBJECTS.search(objects):
            return Trigger("THREATEN"), f"verb:{lemma} hostile object"  # "promised the largest package of sanctions"
    if lemma == "warn" and token.pos_ == "VERB":
        # a threat is a warning of one's own act ("warned it would retaliate", "warned of a harsh response");
        # "warned that the row could lead to a world war" is a prediction
        own = any(c.dep_ == "ccomp" and any(g.dep_ == "nsubj" and g.lower_ in {"it", "we", "they", "he", "she", "i"}
                                              for g in c.children) for c in token.children)
        of = " ".join(t.lower_ for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "against"}
                      for t in c.subtree)
        if own or _HOSTILE_OBJECTS.search(of) or any(c.dep_ == "xcomp" for c in token.children):
            return Trigger("THREATEN"), "verb:warn of own act"
        return _NOT_AN_EVENT
    if token.pos_ in {"VERB"} and VERB_TRIGGERS.get(lemma, Trigger("")).category == "ASSAULT" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in {"war", "conflict", "campaign", "invasion"}
            for c in token.children):
        return _NOT_AN_EVENT  # "launching and sustaining the war": the war, not an attack
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.head.pos_ == "ADJ" and (
            NOUN_TRIGGERS.get(lemma, Trigger("")).category not in {"", "ASSAULT"}):
        return _NOT_AN_EVENT  # "appreciative of U.S. assistance", "hopeful about the talks"
    if lemma == "threat" and token.pos_ == "NOUN" and token.dep_ in {
            "attr", "oprd", "dobj"} and token.head.lemma_.lower() in {
            "be", "deem", "consider", "call", "see", "pose", "view", "remain", "regard", "represent", "become"}:
        return _NOT_AN_EVENT  # "deems drones a significant threat", "poses a threat"
    children = {c.lower_ for c in token.children}
    if lemma in {"call", "describe", "label", "brand", "term"} and token.pos_ == "VERB":
        said = [g for c in token.children
                if c.dep_ in {"oprd", "ccomp", "xcomp", "dobj", "attr", "advcl", "advmod", "acomp"}
                for g in c.subtree]
        if any(g.lower_ in _CONDEMNING for g in said) or "war crime" in " ".join(g.lower_ for g in said):
            return Trigger("ACCUSE"), f"verb:{lemma} it condemning"
    if lemma == "call" and token.pos_ == "VERB":
        preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "prt", "dative"}}
        if preps & {"for", "on"}:
            return Trigger("REQUEST"), "verb:call for/on"
        if "phone" in children or any(c.lower_ == "phone" for c in token.subtree):
            return Trigger("CONSULT", True, "phone"), "verb:call (phone)"
    if lemma == "call" and token.pos_ == "NOUN":
        if any(c.lower_ in {"phone", "telephone"} for c in token.children):
            return Trigger("CONSULT", True, "phone"), "noun:phone call"
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
            return Trigger("REQUEST"), "noun:call for"
    if lemma == "strike" and token.pos_ == "NOUN" and any(
            c.lower_ in _LABOUR_STRIKES for c in token.children if c.dep_ in {"compound", "amod"}):
        return Trigger("PROTEST"), "noun:labour strike"
    if lemma in {"stage", "hold", "organize", "organise", "launch", "begin", "call"} and token.pos_ == "VERB" and any(
            c.lemma_.lower() in _PROTEST_NOUNS for c in token.children if c.dep_ == "dobj"):
        obj = next(c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in _PROTEST_NOUNS)
        if obj.lemma_.lower() != "strike" or any(c.lower_ in _LABOUR_STRIKES for c in obj.children):
            return Trigger("PROTEST"), f"verb:{lemma} {obj.lemma_.lower()}"
    if lemma == "speak" and any(c.lower_ in {"phone", "telephone"} for c in token.subtree):
        return Trigger("CONSULT", True, "phone"), "verb:spoke by phone"
    if lemma == "impose" and any(c.lemma_.lower() in {"sanction", "restriction", "ban", "embargo"}
                                 for c in token.children):
        return Trigger("SANCTION"), "verb:impose sanctions"
    if lemma in {"issue"} and any(c.lemma_.lower() == "warrant" for c in token.children):
        return Trigger("SANCTION"), "verb:issue warrant"
    if lemma in {"declare", "announce", "observe", "proclaim"} and token.pos_ == "VERB" and any(
            c.lemma_.lower() in {"ceasefire", "truce", "cease-fire"} for c in token.children if c.dep_ == "dobj"):
        return Trigger("RETREAT"), f"verb:{lemma} ceasefire"
    if lemma == "call" and "off" in children and token.pos_ == "VERB":
        return Trigger("CONCEDE"), "verb:call off"  # "called off the strike", "called off the offensive"
    if lemma in {"lodge", "file", "register", "issue", "deliver"} and any(
            c.lemma_.lower() in {"protest", "complaint"} for c in token.children if c.dep_ == "dobj"):
        return Trigger("ACCUSE"), f"verb:{lemma} a protest"  # a diplomatic protest is a complaint
    if lemma in {"seek", "request", "ask"} and token.pos_ == "VERB" and any(
            c.lemma_.lower() in {"refuge", "asylum", "shelter", "sanctuary"} for c in token.subtree):
        return Trigger("REQUEST"), f"verb:{lemma} asylum"
    if lemma in {"evacuate", "airlift", "rescue"} and token.pos_ == "VERB" and any(
            c.lemma_.lower() in {"wounded", "injured", "civilian", "refugee", "resident", "child", "sick", "people"}
            or c.lower_ in {"wounded", "injured"} for c in token.children if c.dep_ in {"dobj", "nsubjpass"}):
        return Trigger("AID"), f"verb:{lemma} the wounded"
    if lemma in {"dispatch", "send", "deploy"} and token.pos_ == "VERB" and any(
            c.lemma_.lower() in {"inspector", "investigator", "monitor", "observer", "mission"}
            for c in token.children if c.dep_ == "dobj"):
        return Trigger("ACCUSE"), f"verb:{lemma} inspectors"  # PLOVER puts investigation under ACCUSE
    if lemma == "prepare" and token.pos_ == "VERB" and any(
            c.dep_ == "xcomp" and (c.lemma_.lower() in _HOSTILE_COMPLEMENTS | {"resume"} and c.lemma_.lower() not in
                                   {"withdraw", "ban", "expel", "boycott"}) for c in token.children):
        return Trigger("MOBILIZE"), "verb:prepare to attack"  # readying forces is mobilising them
    if lemma in {"resign", "abdicate"} and token.pos_ == "VERB":
        return Trigger("RETREAT"), f"verb:{lemma}"
    if lemma == "step" and "down" in children and token.pos_ == "VERB":
        return Trigger("RETREAT"), "verb:step down"
    if lemma == "pay" and token.pos_ == "VERB" and any(
            c.lemma_.lower() in {"compensation", "reparation", "damages", "indemnity"} for c in token.children
            if c.dep_ == "dobj"):
        return Trigger("RETREAT"), "verb:pay compensation"
    if lemma == "hand" and token.pos_ == "VERB" and any(c.lower_ in {"over", "out"} for c in token.children):
        objects = " ".join(t.lower_ for c in token.children if c.dep_ == "dobj" for t in c.subtree)
        if _AID_GOODS.search(objects):
            return Trigger("AID"), "verb:hand over aid"
        if _CAPTIVES.search(objects):
            return Trigger("RETREAT", True, "release"), "verb:hand over captives"
    if lemma in {"withdraw", "pull", "recall"} and token.pos_ == "VERB":
        objects = " ".join(t.lower_ for c in token.children if c.dep_ == "dobj" for t in c.subtree)
        if _PERSONNEL.search(objects):
            return Trigger("SANCTION"), f"verb:{lemma} personnel"  # withdrawing monitors or envoys punishes
    if lemma == "force" and "out" in children and token.pos_ == "VERB":
        return Trigger("SANCTION"), "verb:force out"  # an expulsion
    if lemma == "cleansing" and any(c.lower_ == "ethnic" for c in token.children):
        return Trigger("ASSAULT"), "noun:ethnic cleansing"
    if lemma == "shield" and any(c.lower_ == "human" for c in token.children):
        return Trigger("COERCE"), "noun:human shields"
    if lemma in {"committed", "commit"} and token.tag_ in {"VBN", "JJ"} and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in token.children) and any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in token.head.children):
        return Trigger("AGREE"), "adj:committed to"
    if lemma == "rule" and "out" in children:
        return Trigger("REJECT"), "verb:rule out"
    if lemma in {"exchange", "swap"} and token.pos_ in {"NOUN", "VERB"} and _CAPTIVES.search(token.sent.text):
        return Trigger("RETREAT", True, "release"), f"{token.pos_.lower()}:{lemma} captives"  # not "exchanges of fire"
    if token.pos_ in {"VERB", "AUX"} and token.dep_ == "ccomp" and token.head.lemma_.lower() in _SPEECH and any(
            c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in token.children) and any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"PROPN", "NOUN"} for c in token.children) and any(
            c.dep_ == "nsubj" for c in token.head.children):
        return Trigger("REQUEST"), "verb:said X must"  # "Russia said Sudan must return the helicopter"
    if lemma == "welcome" and token.pos_ == "VERB" and any(
            c.lemma_.lower() in _WELCOMED for c in token.children if c.dep_ == "dobj"):
        return Trigger("SUPPORT"), "verb:welcome a statement"  # "welcomed the decision": an endorsement
    if lemma == "suspend" and token.pos_ == "VERB" and any(
            _SUSPENDED_TIES.search(" ".join(t.lower_ for t in c.subtree)) for c in token.children if c.dep_ == "dobj"):
        return Trigger("SANCTION"), "verb:suspend aid or ties"  # "suspended part of its military aid"
    if lemma == "fail" and token.pos_ == "VERB" and any(
            c.dep_ == "xcomp" and (c.lemma_.lower() == "agree" or (c.lemma_.lower() in _REACH and any(
                g.dep_ == "dobj" and g.lemma_.lower() in _SETTLEMENTS for g in c.children)))
            for c in token.children):
        return Trigger("REJECT"), "verb:fail to reach agreement"
    if lemma == "question" and token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ == "out" \
            and any(c.lower_ == "the" for c in token.children):
        return Trigger("REJECT"), "noun:out of the question"  # "a deal is out of the question": ruled out
    if lemma in {"order", "force", "compel"} and token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in token.children):
        complement = next((c for c in token.children if c.dep_ == "xcomp"), None)
        own_forces = any(c.dep_ == "dobj" and c.lemma_.lower() in _PEOPLE_UNDER_ORDERS for c in token.children)
        if complement is not None and complement.lemma_.lower() in _SHUT_DOWN and not own_forces:
            return Trigger("COERCE"), f"verb:{lemma} to {complement.lemma_.lower()}"  # "ordered the paper to close"
        if complement is not None and lemma == "order" and complement.lemma_.lower() in {"appear", "testify"}:
            return Trigger("REQUEST"), f"verb:order to {complement.lemma_.lower()}"  # a summons
    if lemma == "sign" and token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _AGREEMENT_NOUNS and any(
                g.lower_ == "friendship" for g in c.subtree) for c in token.children):
        return Trigger("SUPPORT"), "verb:sign a friendship treaty"  # diplomatic cooperation, not a settlement
    if token.pos_ == "NOUN" and NOUN_TRIGGERS.get(lemma, Trigger("")).category in {"COOPERATE", "AID"} and any(
            a.lemma_.lower() in _AGREEMENT_NOUNS and a.pos_ == "NOUN" for a in list(token.ancestors)[:4]) and (
            token.dep_ in {"pobj", "conj"}):
        return _NOT_AN_EVENT  # "a treaty of friendship and cooperation": the treaty's name, coded by its signing
    if lemma == "violate" and token.pos_ == "VERB":
        dobjs = [c for c in token.children if c.dep_ == "dobj"]
        if any(c.lemma_.lower() in _TRUCES or any(g.lemma_.lower() in _TRUCES for g in c.children) for c in dobjs):
            return Trigger("ASSAULT"), "verb:violate a ceasefire"
        if any(c.lemma_.lower() in _RULES_BROKEN for c in dobjs):
            return Trigger("REJECT"), "verb:violate a ban"
    if lemma == "mediate" and token.dep_ in {"amod", "compound"}:
        return _NOT_AN_EVENT  # "Oman-mediated talks": the talks are the event, the mediator no party
    if lemma in {"effort", "mission", "initiative", "bid"} and token.pos_ == "NOUN" and any(
            c.lemma_.lower() in {"mediation", "mediating"} and c.dep_ in {"compound", "amod"} for c in token.children):
        return Trigger("CONSULT"), "noun:mediation effort"
    if lemma in _ARMING and token.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _ARMS for c in token.children) and any(
            u.lemma_.lower() == "use" and any(p.lower_ == "against" for p in u.children)
            for c in token.children for u in c.subtree):
        return Trigger("THREATEN"), "verb:build weapons to use against"  # arming against someone threatens them
    if lemma == "demand" and token.pos_ == "NOUN" and (
            any(c.dep_ in {"acl", "ccomp"} and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                for c in token.children)
            or (token.dep_ == "dobj" and token.head.lemma_.lower() in {"reiterate", "repeat", "renew", "restate",
                                                                       "voice", "press", "issue"})):
        return Trigger("REQUEST"), "noun:demand that"  # "reiterated its demand that the army withdraw"
    if lemma == "hold" and any(
            c.lemma_.lower() in {"talk", "meeting", "negotiation", "summit"} for c in token.children):
        return Trigger("CONSULT"), "verb:hold talks"
    return None


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


def _irrealis(token: Token, category: str) -> str | None:
    """Why the mention did not (yet) happen: ``modal:will``, ``conditional``, ``plan:intend``; None if it did."""
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
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _WILLING:
            return f"willing:{node.head.lemma_.lower()}"
        if (node.dep_ in {"xcomp", "ccomp", "dobj"} or (node.dep_ == "acl" and node.head.pos_ == "NOUN")) and \
                node.head.lemma_.lower() in _CONTENT_HEADS:
            # "demanded that Israel ease restrictions", "demanded a truce", "rejected an ultimatum",
            # "agreed to share information": what is demanded, rejected or agreed to has not happened
            return f"content:{node.head.lemma_.lower()}"
        if node.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children) and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _CONTENT_HEADS for c in node.head.children):
            return "content:demand"  # "reiterated its demand that Israel ease restrictions": the demand's content
        if node.dep_ in {"ccomp", "advcl", "conj", "xcomp", "relcl", "acl", "pcomp", "pobj", "prep", "dobj",
                         "compound", "nsubj", "nsubjpass"} and node.head is not node:
            # climb only through clause-internal links; stop at a speech verb (reported speech is realis)
            if node.head.lemma_.lower() in _SPEECH:
                return None
            node = node.head
            hops += 1
            continue
        break
    return None


_ANAPHORIC_ATTACKS = {"attack", "strike", "raid", "blast", "explosion", "assault", "bombardment",
                      "fatality", "injury", "casualty"}
_CASUALTY_NOUNS = {"fatality", "injury", "casualty"}
_TREATMENT = re.compile(r"\b(hospitals?|treated|medical|paramedics|ambulances?)\b", re.I)


def find_mentions(sentence: Span, *, conflict_article: bool = False) -> list[Mention]:
    """All event mentions of ``sentence``: one per category and subject ("Washington denounced ..., while
    London called them cowardly" gives two ACCUSE), preferring triggers that happened.

    In an article already about fighting (``conflict_article``), "the attacks" needs no other cue."""
    text = sentence.text
    by_category: dict[tuple[str, int], Mention] = {}
    for token in sentence:
        found = _special(token) or _trigger_of(token)
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
        cue = _CUES.get(trig.category)
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
            negated=_negated(token),
            irrealis=rule not in _REALIS_RULES and _irrealis(token, trig.category) is not None,
            modality=None if rule in _REALIS_RULES else _irrealis(token, trig.category),
            rule=rule,
            strong=trig.strong,
        )
        key = (trig.category, _clause_subject(token) if trig.category != "ASSAULT" else -1)
        previous = by_category.get(key)
        if previous is None or (not previous.happened and mention.happened) or (
                previous.trigger.dep_ == "compound" and token.dep_ != "compound"):
            by_category[key] = mention
    return _fold(list(by_category.values()))


def _fold(mentions: list[Mention]) -> list[Mention]:
    """A demand voiced by a protest ("blocked roads demanding his return") is the protest's content, and the
    demands an actor concedes to ("conceded to demands from the rebels") are the concession's: one event."""
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
