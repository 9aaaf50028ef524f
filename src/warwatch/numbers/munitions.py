"""Munitions: how many drones, missiles, rockets, shells and glide bombs were launched and intercepted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import MunitionCount
from .words import _NUM, _QUAL, _VAGUE, _value_of


@dataclass(frozen=True, slots=True)
class Munition:
    """A count of munitions in a text; ``text == source[start:end]``.

    ``launched`` is how many were launched/fired, ``intercepted`` how many were shot down/destroyed
    (either may be None when the text does not say). "At least N" gives N; "more than N", "about N",
    "dozens" give None with the qualifier kept.
    """

    kind: str  # drone | missile | rocket | shell | glide_bomb
    launched: int | None
    intercepted: int | None
    start: int
    end: int
    text: str
    qualifier: str = "exact"  # of the figure(s) read: exact | at_least | more_than | approx | up_to | vague


_WEAPON = (
    r"(?P<weapon>(?:(?:(?!(?:and|or|of|with|to|at|on|in|by|from|were|was|the)\b)[A-Za-z][\w-]*\s+){0,3}?)"
    r"(?:(?:unmanned\s+aerial\s+vehicles?|UAVs?|drones?|Shahed(?:-\d+)?s?|Geran(?:-\d)?s?|Lancets?|quadcopters?)"
    r"|(?:glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|aerial\s+bombs?|KABs?|FABs?)"
    r"|(?:missiles?|Iskanders?|Kalibrs?|Kinzhals?|Kh-\d+s?|Tochka-Us?|ATACMS|Storm\s+Shadows?|S-300s?|S-400s?)"
    r"|(?:rockets?|Grads?|Qassams?|projectiles?)"
    r"|(?:(?:artillery\s+|mortar\s+|tank\s+)?(?:shells?|rounds)|mortars?))"
    r"(?:\s+(?:(?:cruise|ballistic|guided|attack|kamikaze|air-launched|anti-ship)\s+)?(?:missiles?|drones?|rockets?|bombs?)\b)?)"
)
_MUN_KIND = [
    ("glide_bomb", re.compile(r"glide|guided\s+(?:aerial\s+)?bomb|aerial\s+bomb|\bKABs?\b|\bFABs?\b", re.I)),
    ("drone", re.compile(r"drone|UAV|unmanned|Shahed|Geran|Lancet|quadcopter", re.I)),
    ("missile", re.compile(r"missile|Iskander|Kalibr|Kinzhal|Kh-\d|Tochka|ATACMS|Storm\s+Shadow|S-[34]00", re.I)),
    ("rocket", re.compile(r"rocket|Grad|Qassam|projectile", re.I)),
    ("shell", re.compile(r"shell|round|mortar", re.I)),
]
_M_NUM = r"(?:" + _NUM + r"|" + _VAGUE + r"|(?<![\w-])an?(?=\s))"
_P_MUNITION = re.compile(
    r"(?P<lead>(?P<qual>" + _QUAL + r")\s+)?(?P<num>" + _M_NUM + r")"
    r"(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?:(?P<qual2>" + _QUAL + r")\s+)?(?P<num2>" + _NUM + r"))?"
    r"\s+" + _WEAPON + r"\b"
    r"(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?P<num3>" + _NUM + r")(?:\s+(?:launched|fired))?)?",
    re.I,
)
_INTERCEPT = (r"shot\s+down|shoot(?:ing)?\s+down|intercept(?:ed|ing|s)?|destroy(?:ed|ing|s)?|down(?:ed|ing)|"
              r"neutrali[sz](?:ed|ing|e)|repel(?:led|ling)|suppress(?:ed|ing)|eliminat(?:ed|ing)|"
              r"(?:took|take|brought|bring)\s+down|jamm(?:ed|ing)|(?:were\s+)?lost\s+to\s+(?:electronic|jamming)")
_LAUNCH = (r"launch(?:ed|ing|es)?|fir(?:ed|ing|es)|us(?:ed|ing)|sen(?:t|ding)|deploy(?:ed|ing)|unleash(?:ed|ing)|"
           r"lob(?:bed|bing)|dropp(?:ed|ing)|attack(?:ed|ing)\b[^.;]{0,40}?\bwith|struck\b[^.;]{0,40}?\bwith|"
           r"hit\b[^.;]{0,40}?\bwith|target(?:ed|ing)\b[^.;]{0,40}?\bwith|barrage\s+of|salvo\s+of|wave\s+of|"
           r"attacks?\s+(?:involving|with|using|by)|total\s+of")
_M_LEFT_INTERCEPT = re.compile(r"\b(?:" + _INTERCEPT + r")\b", re.I)
_M_LEFT_LAUNCH = re.compile(r"\b(?:" + _LAUNCH + r")", re.I)
_M_RIGHT = re.compile(
    r"^\s*(?:(?:were|was|had\s+been|have\s+been|has\s+been|being)\s+)?(?:(?:also|reportedly|successfully|all)\s+)?"
    r"(?:(?:detected|spotted|tracked)\s+and\s+)?"
    r"(?:(?P<int>" + _INTERCEPT + r")|(?P<lau>launched|fired|used|sent))\b",
    re.I,
)
_M_OF_THEM = re.compile(
    r"(?:\b(?:of\s+(?:which|them|these|those)|and)\s*,?\s*)?(?P<lead>(?P<qual>" + _QUAL + r")\s+)?(?P<num>" + _NUM
    + r"|all)\s+(?:of\s+(?:them|these|those|which)\s+)?(?:(?:were|was|had\s+been|have\s+been)\s+)"
    r"(?:(?:also|reportedly|successfully)\s+)?(?:" + _INTERCEPT + r")\b",
    re.I,
)


_MODIFIED_NOUN = re.compile(
    r"\s+(?:attacks?|strikes?|raids?|assaults?|barrages?|war(?:fare)?|programs?|programmes?|production|factory|plants?|"
    r"debris|fragments?|operators?|units?|pilots?|boats?|carriers?|launchers?|sites?|bases?|warnings?|alerts?|threats?|"
    r"incursions?|sightings?|wave|campaign|technology|systems?|defen[cs]es?|fire|shelling)\b",
    re.I,
)


def _mun_kind(weapon: str) -> str | None:
    head = weapon.split()[-1]
    for kind, rx in _MUN_KIND:  # the head noun first: "Shahed drones", "Iskander missiles"
        if rx.search(head) and not (kind == "shell" and head.lower().startswith("mortar") and len(weapon.split()) > 1):
            return kind
    for kind, rx in _MUN_KIND:
        if rx.search(weapon):
            return kind
    return None


def _mun_value(num: str | None, qual: str | None) -> tuple[int | None, str]:
    if num is None:
        return None, "exact"
    low = num.lower().strip()
    if low in ("a", "an"):
        return 1, "exact"
    value, qk, _raw, _lo, _hi = _value_of(num, qual, None)
    return value, qk


def find_munitions(text: str) -> list[Munition]:
    """Counts of munitions launched and intercepted in ``text``, in text order.

    "air defences destroyed 13 of 15 drones" gives drone launched 15, intercepted 13; "Russia launched
    40 Shaheds and three Iskander missiles" gives drone launched 40 and missile launched 3; "shot down
    20 drones" gives intercepted 20; "Of the 40 drones, 35 were shot down" gives both.
    """
    out: list[Munition] = []
    for m in _P_MUNITION.finditer(text):
        weapon = m.group("weapon")
        kind = _mun_kind(weapon)
        if kind is None:
            continue
        # "shells" and "rounds" are munitions only with a number of them and an artillery context
        n1, q1 = _mun_value(m.group("num"), m.group("qual"))
        if m.group("num").lower() in ("a", "an") and re.search(r"s$", weapon.split()[-1]) and kind != "shell":
            continue
        if m.group("num").lower() in ("a", "an") and _MODIFIED_NOUN.match(text, m.end()):
            continue  # "a drone attack", "a missile strike": the weapon names the attack, it counts nothing
        n_total = None
        if m.group("num2"):
            n_total, _ = _mun_value(m.group("num2"), m.group("qual2"))
        elif m.group("num3"):
            n_total, _ = _mun_value(m.group("num3"), None)
        clause_start = max(text.rfind(c, 0, m.start()) for c in ".;!?\n") + 1
        left = text[max(clause_start, m.start() - 90):m.start()]
        right = text[m.end():m.end() + 60]
        li = [x.end() for x in _M_LEFT_INTERCEPT.finditer(left)]
        ll = [x.end() for x in _M_LEFT_LAUNCH.finditer(left)]
        rm = _M_RIGHT.match(right)
        role: str | None = None
        if rm and not (rm.group("lau") and n_total is not None and li):
            role = "intercepted" if rm.group("int") else "launched"
        elif li or ll:  # "neutralised 23 out of 31 drones launched by Russia": the part was intercepted
            role = "intercepted" if (max(li) if li else -1) > (max(ll) if ll else -1) else "launched"
        elif re.match(r"^\s*(?:were|was)\s+(?:heading|flying|spotted|detected|recorded)", right, re.I) or re.search(
                r"\b(?:of|by|with)\s+$", left, re.I):
            role = "launched"  # "an attack by 40 drones", "40 drones were spotted"
        if n_total is not None:  # "13 of 15 drones": the part is what the verb did to, the whole was launched
            launched, intercepted = n_total, (n1 if role != "launched" else None)
            if role == "launched":
                launched = n_total
        elif role == "intercepted":
            launched, intercepted = None, n1
        elif role == "launched":
            launched, intercepted = n1, None
        else:
            continue
        start = m.start()
        out.append(Munition(kind, launched, intercepted, start, m.end(), text[start:m.end()], q1))
    # "Russia launched 40 drones; 35 of them were shot down": the interception of an earlier count
    for m in _M_OF_THEM.finditer(text):
        if any(u.start <= m.start("num") < u.end for u in out):
            continue
        prev = [u for u in out if u.end <= m.start() and m.start() - u.end <= 160 and u.launched is not None]
        if not prev:
            continue
        ref = prev[-1]
        if text[ref.end:m.start()].count(".") > 1:
            continue
        if m.group("num").lower() == "all":
            value: int | None = ref.launched
        else:
            value, _ = _mun_value(m.group("num"), m.group("qual"))
        if ref.intercepted is None:
            out[out.index(ref)] = Munition(ref.kind, ref.launched, value, ref.start, m.end(), text[ref.start:m.end()],
                                           ref.qualifier)
    out.sort(key=lambda u: u.start)
    return out


def summarize_munitions(munitions: Iterable[Munition]) -> tuple[MunitionCount, ...]:
    """One count per kind for one attack, from the munition phrases of its sentences (in text order).

    A phrase that gives both launched and intercepted ("13 of 15 drones") is taken whole; otherwise the
    largest launched and the largest intercepted of the kind are combined ("launched 40 drones ... 35 were
    shot down"), unless more would be intercepted than launched. Kinds keep their first-mention order.
    """
    by_kind: dict[str, list[Munition]] = {}
    for m in munitions:
        by_kind.setdefault(m.kind, []).append(m)
    out: list[MunitionCount] = []
    for kind, items in by_kind.items():
        whole = [m for m in items if m.launched is not None and m.intercepted is not None]
        if whole:
            best = max(whole, key=lambda m: (m.launched or 0, m.intercepted or 0))
            out.append(MunitionCount(kind, best.launched, best.intercepted, best.qualifier, best.text))
            continue
        launched = [m for m in items if m.launched is not None]
        intercepted = [m for m in items if m.intercepted is not None]
        lau = max(launched, key=lambda m: m.launched or 0) if launched else None
        itc = max(intercepted, key=lambda m: m.intercepted or 0) if intercepted else None
        if lau is not None and itc is not None and (itc.intercepted or 0) > (lau.launched or 0):
            itc = None  # "shot down 30 drones" over the country vs "launched 10 drones" at one town
        if lau is None and itc is None:
            first = items[0]  # "more than 100 drones were launched": the kind and qualifier only
            out.append(MunitionCount(kind, None, None, first.qualifier, first.text))
            continue
        texts = [m.text for m in (lau, itc) if m is not None]
        quals = [m.qualifier for m in (lau, itc) if m is not None and m.qualifier != "exact"]
        out.append(MunitionCount(kind, lau.launched if lau else None, itc.intercepted if itc else None,
                                 quals[0] if quals else "exact", " ... ".join(dict.fromkeys(texts))))
    return tuple(out)
