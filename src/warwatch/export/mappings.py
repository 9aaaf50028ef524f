"""The tables that carry PLOVER events into other event-data vocabularies: ACLED event types and CAMEO codes.

Rules are data: each table is a tuple of frozen rules read top to bottom, the first that fits an event wins,
and every category ends with a catch-all rule (mode and weapon None). A rule whose ACLED ``event_type`` is None
says that ACLED has no type for the category, and its ``note`` says why: those events are left out of an ACLED
export (counted in its summary). ``docs/export.md`` prints these tables (``scripts/build_export_docs.py``
writes them there; a test checks the copy).

The CAMEO codes are the inverse of PLOVER's own conversion table (``CAMEO2PLOVER-2021.txt``, PLOVER manual
0.8) where that table sends one CAMEO root code to the category, and a reviewed choice otherwise (ACCUSE,
COERCE and ASSAULT come from several roots); a mode picks the finer code the table gives for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "ACLED_DISORDER",
    "ACLED_RULES",
    "CAMEO_RULES",
    "CATEGORIES",
    "QUAD",
    "AcledRule",
    "CameoRule",
    "acled_rule",
    "cameo_rule",
    "cameo_quad_class",
]

CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER's quad categories (the manual, "Quad category" of each event): 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict (the numbering of CAMEO's and GDELT's QuadClass).
QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


@dataclass(frozen=True, slots=True)
class AcledRule:
    """PLOVER ``category`` (with ``mode``, ``weapon`` and the recipient's ``sector`` when given) -> ACLED
    ``event_type`` / ``sub_event_type``; None: no ACLED type, for the reason in ``note``."""

    category: str
    event_type: str | None
    sub_event_type: str | None
    note: str
    mode: str | None = None
    weapon: str | None = None
    recipient_sector: str | None = None

    def fits(self, event: dict[str, Any]) -> bool:
        if event.get("event") != self.category:
            return False
        if self.mode is not None and event.get("mode") != self.mode:
            return False
        if self.weapon is not None and event.get("weapon") != self.weapon:
            return False
        if self.recipient_sector is not None:
            sectors = {r.get("sector") for r in event.get("recipient") or [] if isinstance(r, dict)}
            if self.recipient_sector not in sectors:
                return False
        return True


_ERV, _VAC, _SD = "Explosions/Remote violence", "Violence against civilians", "Strategic developments"
_AIR, _SHELL = "Air/drone strike", "Shelling/artillery/missile attack"
_VERBAL = "a statement: ACLED records political violence, demonstrations and strategic developments, not statements"

ACLED_RULES: tuple[AcledRule, ...] = (
    # ASSAULT: the weapon first (it separates ACLED's two remote-violence types), then the mode
    AcledRule("ASSAULT", _ERV, _AIR, "drones", weapon="drone"),
    AcledRule("ASSAULT", _ERV, _AIR, "air strikes", weapon="aircraft"),
    AcledRule("ASSAULT", _ERV, _AIR, "glide bombs are dropped from aircraft", weapon="glide_bomb"),
    AcledRule("ASSAULT", _ERV, _SHELL, "missiles", weapon="missile"),
    AcledRule("ASSAULT", _ERV, _SHELL, "rockets", weapon="rocket"),
    AcledRule("ASSAULT", _ERV, _SHELL, "artillery", weapon="artillery"),
    AcledRule("ASSAULT", _ERV, _AIR, "drones with missiles, not separated by the text; ACLED would split them "
              "into two events, one row cannot", weapon="mixed"),
    AcledRule("ASSAULT", _ERV, _AIR, "PLOVER drone mode", mode="drone"),
    AcledRule("ASSAULT", _ERV, _AIR, "PLOVER aerial mode: missiles and air strikes (missiles named as the "
              "weapon go to shelling/missile above)", mode="aerial"),
    AcledRule("ASSAULT", _ERV, _SHELL, "artillery, MLRS, shelling", mode="heavy-weapons"),
    AcledRule("ASSAULT", _ERV, "Remote explosive/landmine/IED", "IEDs, car and roadside bombs", mode="explosives"),
    AcledRule("ASSAULT", _ERV, "Suicide bomb", "suicide attacks", mode="suicide-attack"),
    AcledRule("ASSAULT", _ERV, "Chemical weapon", "CBRN weapons", mode="unconventional"),
    AcledRule("ASSAULT", _VAC, "Abduction/forced disappearance", "abductions", mode="abduct"),
    AcledRule("ASSAULT", _VAC, "Sexual violence", "sexual violence", mode="sexual"),
    AcledRule("ASSAULT", _VAC, "Attack", "assassinations: ACLED codes a killing of unarmed people (officials "
              "included) as an attack on civilians; a commander killed by a strike keeps the strike's weapon "
              "row above", mode="targeted"),
    AcledRule("ASSAULT", _VAC, "Attack", "gunfire at civilians", mode="firearms", recipient_sector="CVL"),
    AcledRule("ASSAULT", "Battles", "Armed clash", "gunfire between armed groups", mode="firearms"),
    AcledRule("ASSAULT", "Protests", "Excessive force against protesters", "crowd control", mode="crowd-control"),
    AcledRule("ASSAULT", _VAC, "Attack", "beatings, torture, massacres", mode="beat"),
    AcledRule("ASSAULT", _VAC, "Attack", "torture", mode="torture"),
    AcledRule("ASSAULT", _VAC, "Attack", "mass killings", mode="massacre"),
    AcledRule("ASSAULT", _VAC, "Attack", "attacks on civilians", recipient_sector="CVL"),
    AcledRule("ASSAULT", "Battles", "Armed clash", "no mode or weapon: ACLED's type for armed violence between "
              "organised groups; the text did not say how, so check these rows"),
    AcledRule("PROTEST", "Riots", "Violent demonstration", "riots", mode="riot"),
    AcledRule("PROTEST", "Protests", "Peaceful protest", "demonstrations, strikes, boycotts"),
    AcledRule("COERCE", _SD, "Arrests", "arrests", mode="arrest"),
    AcledRule("COERCE", _SD, "Looting/property destruction", "seizures of property", mode="seize"),
    AcledRule("COERCE", _SD, "Other", "restrictions, curfews, deportations, blockades"),
    AcledRule("MOBILIZE", _SD, "Change to group/activity", "troop and police build-ups"),
    AcledRule("AGREE", _SD, "Agreement", "agreements"),
    AcledRule("RETREAT", _SD, "Agreement", "prisoner releases and exchanges", mode="release"),
    AcledRule("RETREAT", _SD, "Agreement", "ceasefires", mode="ceasefire"),
    AcledRule("RETREAT", _SD, "Non-violent transfer of territory", "withdrawals", mode="withdraw"),
    AcledRule("RETREAT", _SD, "Other", "other de-escalation (access, disarmament, resignations)"),
    AcledRule("CONCEDE", _SD, "Other", "concessions on policy, rights or leaders"),
    AcledRule("SANCTION", None, None, "sanctions, broken relations and expulsions are diplomatic and economic "
              "measures, outside ACLED's scope"),
    AcledRule("COOPERATE", None, None, "material cooperation is outside ACLED's scope"),
    AcledRule("AID", None, None, "aid is outside ACLED's scope"),
    AcledRule("CONSULT", None, None, "meetings and talks: " + _VERBAL),
    AcledRule("SUPPORT", None, None, _VERBAL),
    AcledRule("REQUEST", None, None, _VERBAL),
    AcledRule("ACCUSE", None, None, _VERBAL),
    AcledRule("REJECT", None, None, _VERBAL),
    AcledRule("THREATEN", None, None, _VERBAL),
)

# ACLED's disorder type of each event type
ACLED_DISORDER: dict[str, str] = {
    "Battles": "Political violence", _ERV: "Political violence", _VAC: "Political violence",
    "Riots": "Political violence", "Protests": "Demonstrations", _SD: "Strategic developments",
}


@dataclass(frozen=True, slots=True)
class CameoRule:
    """PLOVER ``category`` (and ``mode``) -> CAMEO event ``code`` (its first two digits are the root)."""

    category: str
    code: str
    note: str
    mode: str | None = None

    @property
    def root(self) -> str:
        return self.code[:2]

    def fits(self, event: dict[str, Any]) -> bool:
        return event.get("event") == self.category and (self.mode is None or event.get("mode") == self.mode)


_ONE = "the one CAMEO root PLOVER's table sends to this category"
CAMEO_RULES: tuple[CameoRule, ...] = (
    CameoRule("AGREE", "030", _ONE + " (03 Express intent to cooperate)"),
    CameoRule("CONSULT", "041", "Discuss by telephone", mode="phone"),
    CameoRule("CONSULT", "042", "Make a visit (the visitor is the PLOVER actor)", mode="visit"),
    CameoRule("CONSULT", "044", "Meet at a 'third' location", mode="third-party"),
    CameoRule("CONSULT", "040", _ONE + " (04 Consult)"),
    CameoRule("SUPPORT", "050", _ONE + " (05 Engage in diplomatic cooperation)"),
    CameoRule("CONCEDE", "080", _ONE + " (08 Yield; 080-083)"),
    CameoRule("COOPERATE", "060", _ONE + " (06 Engage in material cooperation)"),
    CameoRule("AID", "070", _ONE + " (07 Provide aid)"),
    CameoRule("RETREAT", "0841", "Return, release person(s)", mode="release"),
    CameoRule("RETREAT", "0871", "Declare truce, ceasefire", mode="ceasefire"),
    CameoRule("RETREAT", "0874", "Retreat or surrender militarily", mode="withdraw"),
    CameoRule("RETREAT", "084", _ONE + " (08 Yield; 084-087: Return, release)"),
    CameoRule("REQUEST", "100", _ONE + " (10 Demand)"),
    CameoRule("ACCUSE", "090", "Investigate (root 09)", mode="investigate"),
    CameoRule("ACCUSE", "112", "reviewed: PLOVER's table sends roots 09 (investigate) and 11 (disapprove) here; "
              "accusations and condemnations are 11, 112 Accuse"),
    CameoRule("REJECT", "120", _ONE + " (12 Reject)"),
    CameoRule("THREATEN", "130", _ONE + " (13 Threaten)"),
    CameoRule("PROTEST", "145", "Protest violently, riot", mode="riot"),
    CameoRule("PROTEST", "140", _ONE + " (14 Protest)"),
    CameoRule("MOBILIZE", "154", "Mobilize or increase armed forces", mode="troops"),
    CameoRule("MOBILIZE", "153", "Mobilize or increase police power", mode="police"),
    CameoRule("MOBILIZE", "150", _ONE + " (15 Exhibit force posture)"),
    CameoRule("SANCTION", "160", _ONE + " (16 Reduce relations; 163 embargo is COERCE in PLOVER's table)"),
    CameoRule("COERCE", "173", "Arrest, detain, or charge with legal action", mode="arrest"),
    CameoRule("COERCE", "174", "Expel or deport individuals", mode="deport"),
    CameoRule("COERCE", "171", "Seize or damage property", mode="seize"),
    CameoRule("COERCE", "1723", "Impose curfew", mode="curfew"),
    CameoRule("COERCE", "1724", "Impose state of emergency or martial law", mode="martial-law"),
    CameoRule("COERCE", "163", "Impose embargo, boycott, or sanctions (mode restrict)", mode="restrict"),
    CameoRule("COERCE", "170", "reviewed: PLOVER's table sends roots 16 (163), 17 and 19 (191, 192) here; "
              "17 Coerce is the root of most of them"),
    CameoRule("ASSAULT", "195", "Employ aerial weapons (missiles and air strikes)", mode="aerial"),
    CameoRule("ASSAULT", "195", "Employ aerial weapons (drones)", mode="drone"),
    CameoRule("ASSAULT", "194", "Fight with artillery and tanks", mode="heavy-weapons"),
    CameoRule("ASSAULT", "193", "Fight with small arms and light weapons", mode="firearms"),
    CameoRule("ASSAULT", "183", "Conduct suicide, car, or other non-military bombing", mode="explosives"),
    CameoRule("ASSAULT", "1831", "Carry out suicide bombing", mode="suicide-attack"),
    CameoRule("ASSAULT", "186", "Assassinate", mode="targeted"),
    CameoRule("ASSAULT", "181", "Abduct, hijack", mode="abduct"),
    CameoRule("ASSAULT", "182", "Physically assault", mode="beat"),
    CameoRule("ASSAULT", "1821", "Sexually assault", mode="sexual"),
    CameoRule("ASSAULT", "1822", "Torture", mode="torture"),
    CameoRule("ASSAULT", "202", "Engage in mass killings", mode="massacre"),
    CameoRule("ASSAULT", "204", "Use weapons of mass destruction", mode="unconventional"),
    CameoRule("ASSAULT", "190", "reviewed: PLOVER's table sends roots 17 (1712, 175), 18, 19 and 20 here; "
              "the war reports warwatch codes are mostly 19 Fight (190 Use conventional military force)"),
)


def acled_rule(event: dict[str, Any]) -> AcledRule | None:
    """The first ACLED rule that fits the event (None: not a PLOVER category)."""
    return next((r for r in ACLED_RULES if r.fits(event)), None)


def cameo_rule(event: dict[str, Any]) -> CameoRule | None:
    """The first CAMEO rule that fits the event (None: not a PLOVER category)."""
    return next((r for r in CAMEO_RULES if r.fits(event)), None)


def cameo_quad_class(root: str) -> int:
    """GDELT's QuadClass of a CAMEO root code: 01-05 verbal cooperation (1), 06-08 material cooperation (2),
    09-13 verbal conflict (3), 14-20 material conflict (4)."""
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4
