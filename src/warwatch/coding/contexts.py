"""Contexts: the PLOVER ``context`` of an event, where the evidence makes it clear.

PLOVER keeps the detail that CAMEO spread over 3- and 4-digit codes in two fields: ``mode`` (how) and
``context`` (the domain the act belongs to: a sanction in an ``economic`` context, an arrest in a
``terrorism`` one). Contexts are read off the evidence sentences with word lists, one per context; an
event may carry several, and none when its words say nothing. ASSAULT and MOBILIZE are ``military``
by definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CONTEXTS", "find_contexts"]

_WORDS: dict[str, str] = {
    "military": r"troops|soldiers|army|armed forces|military|navy|air force|warships?|frigates?|drones?|missiles?|"
                r"artillery|air defen[cs]es?|fighter jets?|warplanes?|brigades?|battalions?|front ?line|offensive",
    "terrorism": r"terror\w*|suicide bomb\w*|jihadis\w*|extremis\w*|hostage-taking|militants?",
    "cyber": r"cyber\w*|hack\w*|malware|ransomware|ddos|phishing",
    "cbrn": r"nuclear|chemical weapons?|biological weapons?|radiolog\w+|sarin|chlorine gas|enrich\w+|reactor|"
            r"atomic|iaea",
    "human_rights": r"human rights|war crimes?|crimes against humanity|genocide|tortur\w+|abuses|atrocit\w+|"
                    r"prisoners of war|pows?|deportation of children",
    "migration": r"refugees?|asylum|migrants?|displaced|evacuees|border crossings?|deport\w*",
    "territory": r"territor\w+|annex\w*|sovereignty|borders?|occupied|occupation|land-for-|settlements?",
    "resources": r"oil|gas|pipelines?|energy|power (?:grid|plants?|stations?)|electricity|grain|water supply|"
                 r"refiner\w+|fuel",
    "economic": r"sanctions?|tariffs?|trade|econom\w+|financ\w+|loans?|debt|exports?|imports?|assets|banks?|"
                r"investment|currency|embargo",
    "election": r"elections?|electoral|ballots?|voters?|polls?|referendum|campaign(?:ing)?\b(?! of)",
    "pro_democracy": r"democra\w+|opposition|dissidents?|free speech|press freedom|political prisoners?",
    "legal": r"courts?|judges?|tribunal|prosecutors?|indict\w*|arrest warrants?|charged|trial|verdict|"
             r"lawsuits?|icc|icj|constitution\w*",
    "crime": r"criminal|smuggl\w+|traffick\w+|gangs?|drug cartels?|kidnapp\w+|murder\w*|fraud",
    "corruption": r"corrupt\w*|brib\w+|embezzl\w+|kickbacks?|graft",
    "disease": r"epidemic|pandemic|cholera|ebola|covid\w*|outbreak|vaccin\w+|disease",
    "disaster": r"earthquake|flood\w*|hurricane|cyclone|tsunami|drought|wildfires?|famine",
    "religious": r"church\w*|mosques?|synagogues?|clerics?|religio\w+|muslim|christian|jewish|sectarian|pilgrims?",
    "ethnic": r"ethnic\w*|tribal|tribes?|minorit(?:y|ies)|kurds|uyghurs?|rohingya|tamils?",
    "humanitarian": r"humanitarian|aid convoys?|relief|food aid|medical supplies|evacuat\w+|ceasefire|truce",
}
CONTEXTS = tuple(_WORDS)
_PATTERNS = {name: re.compile(rf"\b(?:{words})\b", re.I) for name, words in _WORDS.items()}
_ALWAYS = {"ASSAULT": ("military",), "MOBILIZE": ("military",)}


def find_contexts(category: str, texts: Iterable[str]) -> tuple[str, ...]:
    """The PLOVER contexts the evidence ``texts`` of an event of ``category`` make clear, in a fixed order."""
    text = " ".join(texts)
    found = set(_ALWAYS.get(category, ()))
    for name, pattern in _PATTERNS.items():
        if pattern.search(text):
            found.add(name)
    return tuple(name for name in CONTEXTS if name in found)
