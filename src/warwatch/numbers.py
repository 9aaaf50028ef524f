"""Casualty figures: number words, figure spans tied to casualty words, and their reconciliation.

Conventions (``../shared/CONTRACT.md``, "Figures"):

* "at least N" and plain "N" give N; "more than N", "nearly N", "up to N", "between N and M",
  "dozens" give None, with the qualifier (and ``raw_value``/``raw_min``/``raw_max``) kept.
* "no casualties", "no one was hurt", "no injuries" give 0 dead and 0 injured; "no one was killed"
  gives 0 dead; "no one was seriously hurt" gives 0 dead only.
* "including two children" / "among them" / "N of them" are breakdowns and are ignored by the sum.
* Within a passage the largest exact/at-least figure of each kind wins (updates only grow:
  "three killed ... later rose to four"; a "death toll" figure beats other dead figures).
* Injured includes "hospitalised" and "sought medical help" when no injured figure is given.
  Kind ``shot`` (people shot, outcome unstated) counts as injured minus the dead when nothing else
  gives the injured.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from warwatch.models import Casualties

__all__ = [
    "Figure",
    "casualties_from_figures",
    "extract_casualties",
    "find_casualty_figures",
    "number_to_words",
    "parse_number",
]

log = logging.getLogger(__name__)

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_UNIT_NAMES = [k for k, _ in sorted(_UNITS.items(), key=lambda kv: kv[1])]
_TEN_NAMES = {v: k for k, v in _TENS.items()}

_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True)) + r")"
_WORDNUM = (
    r"(?:(?:a|an|" + _WORD + r")(?:[\s-]+(?:and\s+)?(?:" + _WORD + r"|hundred|thousand|dozen))*)"
)
# A number as written: digits (not a year, age or time) or words.
_NUM = (
    r"(?:(?<![\w.,$£€-])(?!(?:19|20)\d\d(?!\d))(?:\d{1,3}(?:,\d{3})+|\d{1,4})(?![\w%]|[.,:]\d|-year|\s*(?:percent|per\s+cent|years?|am|pm|a\.m|p\.m)\b)"
    r"|(?<![\w-])" + _WORDNUM + r"(?![\w-]))"
)
_VAGUE = r"(?:dozens|hundreds|thousands|scores|several|many|multiple|a\s+number\s+of|tens\s+of\s+thousands|numerous|some)"
_QUAL = (
    r"(?:at\s+least|no\s+fewer\s+than|a\s+minimum\s+of|more\s+than|over|upwards\s+of|in\s+excess\s+of|nearly|almost"
    r"|about|around|approximately|roughly|some|an\s+estimated|estimated|close\s+to|up\s+to|as\s+many\s+as|at\s+most"
    r"|fewer\s+than|less\s+than|under|between)"
)
_QUAL_KIND: dict[str, str] = {
    "at least": "at_least", "no fewer than": "at_least", "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "fewer than": "up_to", "less than": "up_to",
    "under": "up_to", "between": "approx",
}
_PERSON = (
    r"(?:people|persons?|civilians?|residents?|children|child|kids?|soldiers?|servicem[ae]n|troops|officers?|"
    r"policem[ae]n|police\s+officers?|m[ae]n|wom[ae]n|boys?|girls?|teens?|teenagers?|adults?|victims?|others?|"
    r"individuals?|workers?|employees?|passengers?|firefighters?|rescuers?|medics?|journalists?|members?|fighters?|"
    r"militants?|babies|baby|infants?|minors?|students?|pupils?|bystanders?|pedestrians?|guards?|staff|"
    r"Palestinians?|Israelis?|Ukrainians?|Russians?|Lebanese|Syrians?|Iraqis?|Yemenis?|Pakistanis?|Indians?|"
    r"relatives?|mothers?|fathers?|sons?|daughters?|brothers?|sisters?|toddlers?|sailors?|crew|personnel|"
    r"security\s+forces|conscripts?|volunteers?|patients?|suspects?|gunm[ae]n|friends?|neighbou?rs?|drivers?|"
    r"customers?|shoppers?|pilots?|nationals|citizens|villagers|agents?|deputies|deputy|teachers?)"
)
_PERSON_SING = (
    r"(?:man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|person|officer|soldier|civilian|resident|"
    r"driver|student|mother|father|victim|passenger|worker|guard|deputy|trooper|policeman|pedestrian|bystander)"
)
_AUX = (
    r"(?:were|was|have|has|had|been|are|is|being|be|also|later|reportedly|allegedly|confirmed|believed|"
    r"feared|thought|said|reported|to|all|both|each|critically|seriously|severely|slightly|lightly|fatally|"
    r"mortally|badly|gravely|subsequently|then|since|initially|among|the|who|as|got)"
)
_ADJ = r"(?!(?:and|or|of|in|at|on|by|were|was|who|which|that|killed|injured|wounded|dead)\b)[\w'’-]+"

# casualty word -> kind. Passive/predicate forms follow the number; active forms precede it.
_CAS_AFTER = (
    r"(?P<cas>killed|dead|died|deaths?|lost\s+(?:their|his|her)\s+lives|"
    r"(?:sustained|suffered|received)\s+(?:\w+\s+){0,2}?(?:injuries|wounds)|perished|fatalities|slain|murdered|"
    r"wounded|injured|hurt|injuries|hospitali[sz]ed|in\s+(?:the\s+)?hospital|taken\s+to\s+(?:a\s+|the\s+)?hospitals?|"
    r"sought\s+medical\s+(?:help|attention|assistance|treatment|care)|treated\s+for\s+(?:injuries|wounds)|"
    r"missing|unaccounted\s+for|shot\s+(?:dead|to\s+death|and\s+killed)|shot(?!\s+(?:down|at|by\s+air))|casualties)"
)
_CAS_BEFORE = (
    r"(?P<cas>kill(?:ed|ing|s)|wound(?:ed|ing|s)|injur(?:ed|ing|es)|hurt(?:ing)?|"
    r"claim(?:ed|ing)\s+the\s+lives\s+of|(?:fatally\s+)?shoot(?:ing)?|(?:fatally\s+)?shot)"
)
_BOUNDARY = (
    r"(?=\s*(?:[,.;:!?)\"”\-–—]|$|\s*\b(?:and|in|on|at|when|after|as|including|during|while|with|near|inside|outside|"
    r"across|since|before|from|overnight|today|yesterday|last|earlier|this|others?|more|people|but|among|of|"
    r"according|police|officials|said)\b))"
)
_LEAD = r"(?P<lead>(?P<qual>" + _QUAL + r")\s+)?"

# "12 children and teens killed", "At least 12 people, including four children, were killed"
_ALSO_PERSON = r"(?:\s+(?:and|or)\s+(?:" + _ADJ + r"\s+)?" + _PERSON + r")?"
_ASIDE = r"(?:\s*,?\s*(?:including|among\s+them|mostly|most\s+of\s+them)\b[^,;.]{1,60}?(?:,|(?=\s+(?:were|was|have|had)\b)))?"
_P_NUM_PERSON = re.compile(
    _LEAD + r"(?P<num>" + _NUM + r"|" + _VAGUE + r")(?:\s+(?:to|and)\s+(?P<num2>" + _NUM + r"))?"
    r"(?:\s+" + _ADJ + r"){0,3}?(?:\s*\([^()]{1,20}\))?\s+(?P<subj>" + _PERSON + r")" + _ALSO_PERSON + _ASIDE
    + r"(?:\s+" + _AUX + r"){0,4}\s+" + _CAS_AFTER + r"\b",
    re.I,
)
_P_NUM_BARE = re.compile(
    _LEAD + r"(?P<num>" + _NUM + r"|" + _VAGUE + r")(?:\s+(?:to|and)\s+(?P<num2>" + _NUM + r"))?"
    r"(?:\s+(?:more|others?|additional|further))?(?:\s+" + _AUX + r"){0,4}\s+" + _CAS_AFTER + r"\b",
    re.I,
)
_P_VERB_NUM = re.compile(
    r"\b" + _CAS_BEFORE + r"\s+(?:another\s+|a\s+further\s+|an\s+additional\s+)?" + _LEAD
    + r"(?P<num>" + _NUM + r"|" + _VAGUE + r")"
    r"(?:\s+(?:to|and)\s+(?P<num2>" + _NUM + r"))?(?:(?:\s+" + _ADJ + r"){0,3}?\s+(?P<subj>" + _PERSON + r")\b|"
    + _BOUNDARY + r")",
    re.I,
)
_P_BODIES = re.compile(
    r"(?P<lead>)(?P<num>" + _NUM + r")\s+(?:more\s+)?(?P<cas>bodies)\b", re.I
)
_P_TOLL = re.compile(
    r"\b(?P<cas>(?:death|casualty)\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|killed|injured|wounded))"
    r"\b[^.;]{0,40}?\b(?:to|at|of|reached|hit|is|was|now)\s+" + _LEAD + r"(?P<num>" + _NUM + r")(?!\s*(?:-year|percent|%))",
    re.I,
)
_P_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=\n)|(?<=[.!?]\s)|(?<=\bthe\s)|(?<=\bThe\s))(?P<lead>)(?P<num>)(?P<subj>(?:[\w'’-]+\s+){0,2}?"
    + _PERSON_SING + r")(?:\s+" + _AUX + r"){0,3}\s+" + _CAS_AFTER + r"\b"
)
_P_ANOTHER = re.compile(
    r"\b(?P<lead>)(?P<num>another)(?:\s+" + _ADJ + r")?(?:\s+" + _AUX + r"){0,3}\s+" + _CAS_AFTER + r"\b", re.I
)
_P_PRONOUN_DIED = re.compile(
    r"\b(?P<lead>)(?P<num>he|she)\s+(?:later\s+|was\s+later\s+|has\s+since\s+|subsequently\s+|was\s+)?"
    r"(?P<cas>died|pronounced\s+dead|succumbed)\b",
    re.I,
)
# A singular passive ("Smith, 19, was shot and killed") reports one victim.
_P_SING_PASSIVE = re.compile(
    r"\b(?P<lead>)(?P<num>was|has\s+been|had\s+been)\s+(?:(?:later|reportedly|allegedly|also|then|found)\s+){0,2}"
    r"(?P<cas>shot\s+(?:and\s+killed|dead|to\s+death)|fatally\s+(?:shot|wounded|stabbed|injured)|killed|murdered|slain|"
    r"pronounced\s+dead|dead|shot(?!\s+(?:down|at))|wounded|injured|hospitali[sz]ed)\b"
)
_P_FATALLY = re.compile(
    r"(?<![\w-])(?P<lead>)(?P<num>" + _NUM + r")(?:\s+of\s+them)?\s+(?P<cas>fatally)\b(?!\s+(?:shot|wounded|injured))", re.I
)
_ZERO = re.compile(
    r"\b(?:no(?:body|\s+one|\s+other|\s+people|\s+civilians?|\s+one\s+else)?|none\s+of\s+(?:them|the\s+\w+))"
    r"(?:\s+" + _AUX + r"){0,4}\s+(?P<sev>seriously\s+|severely\s+|critically\s+|badly\s+)?"
    r"(?P<cas>killed|dead|died|wounded|injured|hurt|harmed|casualties|injuries|deaths|fatalities|victims)\b"
    r"|\bwithout\s+(?P<cas2>casualties|injuries|loss\s+of\s+life)\b"
    r"|\b(?:no|zero)\s+(?:reported\s+|immediate\s+reports?\s+of\s+|information\s+(?:on|about)\s+)?(?P<cas3>casualties|injuries|deaths|fatalities)\b",
    re.I,
)
_BREAKDOWN = re.compile(
    r"(?:\b(?:including|included|among\s+them|among\s+whom|of\s+whom|among\s+those|among\s+the\s+\w+\s+were|of\s+them"
    r"|of\s+the\s+\w+)\s*(?:were\s+)?(?:" + _QUAL + r"\s+)?$)",
    re.I,
)
_AMONG_IN = re.compile(r"\bamong\b", re.I)
_P_INCLUDING = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?P<lead>)(?P<num>" + _NUM + r")(?:\s+" + _ADJ + r"){0,2}?"
    r"\s+(?P<subj>" + _PERSON + r")\b",
    re.I,
)
_AMONG_AFTER = re.compile(r"^\s+(?:of\s+them|of\s+the\s+(?:dead|injured|wounded|victims))|^\s+(?:were|are)\s+among\b", re.I)

_DEAD_RE = re.compile(r"kill|dead|die|death|lives|perish|fatal|slain|murder|toll|succumb|shot\s+(?:dead|to|and)", re.I)
_HOSP_RE = re.compile(r"hospital", re.I)
_MEDICAL_RE = re.compile(r"medical|treated", re.I)
_MISSING_RE = re.compile(r"missing|unaccounted", re.I)
_SEVERE_RE = re.compile(r"\b(?:seriously|severely|critically|badly|gravely)\b", re.I)
_SHOT_RE = re.compile(r"^(?:fatally\s+)?shoot|^(?:fatally\s+)?shot$", re.I)


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure in a text; ``text == source[start:end]``."""

    kind: str  # dead | injured | missing | hospitalised | shot (people shot, outcome unstated)
    value: int | None
    qualifier: str  # exact | at_least | more_than | approx | up_to | vague | none
    start: int
    end: int
    text: str
    breakdown: bool = False
    subject: str | None = None
    raw_value: int | None = None
    raw_min: int | None = None
    raw_max: int | None = None
    toll: bool = False


def number_to_words(n: int) -> str:
    """English words for 0 <= n < 1,000,000 ("one hundred and twelve", "thirty-four")."""
    if n < 20:
        return _UNIT_NAMES[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TEN_NAMES[tens * 10] + (f"-{_UNIT_NAMES[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_UNIT_NAMES[hundreds]} hundred" + (f" and {number_to_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    tail = "" if not rest else (f" and {number_to_words(rest)}" if rest < 100 else f" {number_to_words(rest)}")
    return f"{number_to_words(thousands)} thousand{tail}"


def parse_number(text: str) -> int | None:
    """Digits ("1,200"), words ("thirty-four", "one hundred and twelve", "a dozen"); None otherwise."""
    t = text.strip().lower()
    if not t:
        return None
    if _DIGITS_RE.fullmatch(t):
        return int(t.replace(",", ""))
    tokens = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not tokens or tokens in (["a"], ["an"]):
        return None
    total, current, seen = 0, 0, False
    for i, w in enumerate(tokens):
        if w in ("a", "an") and i == 0:
            current, seen = 1, False
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _kind(cas: str) -> str:
    c = cas.lower()
    if _SHOT_RE.search(c):
        return "shot"
    if _DEAD_RE.search(c):
        return "dead"
    if _MISSING_RE.search(c):
        return "missing"
    if _HOSP_RE.search(c) or _MEDICAL_RE.search(c):
        return "hospitalised"
    return "injured"


def _value_of(num: str, qual: str | None, num2: str | None) -> tuple[int | None, str, int | None, int | None, int | None]:
    """(value, qualifier, raw_value, raw_min, raw_max) of a number phrase."""
    q = " ".join((qual or "").lower().split())
    low = num.lower().strip()
    if low in ("he", "she", "another", "a", "an") or low.startswith(("was", "has", "had")):
        return 1, "exact", 1, None, None
    if re.fullmatch(_VAGUE, low, re.I):
        return None, "vague", None, None, None
    raw = parse_number(num)
    if raw is None:
        return None, "vague", None, None, None
    if num2 is not None:
        hi = parse_number(num2)
        return None, "approx", raw, raw, hi
    qk = "exact" if not q else _QUAL_KIND.get(q, "approx")
    value = raw if qk in ("exact", "at_least") else None
    return value, qk, raw, None, None


def _make(text: str, m: re.Match[str], kind: str | None = None, toll: bool = False) -> Figure | None:
    gd = m.groupdict()
    num = gd.get("num") or ""
    cas = gd.get("cas") or ""
    if not num:
        num = "one"  # _P_SINGLE: a singular person noun
    if num.lower() in ("a", "an") and not gd.get("subj"):
        return None
    value, qual, raw, lo, hi = _value_of(num, gd.get("qual"), gd.get("num2"))
    if raw is not None and raw > 100_000:
        return None
    start = m.start("lead") if gd.get("lead") else (m.start("num") if gd.get("num") else m.start())
    start = min(start, m.start())
    before = text[max(0, start - 40):start]
    after = text[m.end():m.end() + 40]
    breakdown = (bool(_BREAKDOWN.search(before)) or bool(_AMONG_AFTER.match(after))
                 or bool(_AMONG_IN.search(m.group(0))))
    subj = gd.get("subj")
    k = kind or _kind(cas)
    if k == "shot" and _DEAD_RE.search(cas):
        k = "dead"
    if k == "dead" and re.search(r"\bfatally\b", m.group(0), re.I):
        k = "dead"
    elif re.search(r"\bfatally\b", m.group(0), re.I):
        k = "dead"
    return Figure(k, value, qual, m.start(), m.end(), m.group(0), breakdown,
                  subj.lower() if subj else None, raw, lo, hi, toll)


def _zero_figures(text: str) -> list[Figure]:
    out: list[Figure] = []
    for m in _ZERO.finditer(text):
        cas = (m.group("cas") or m.group("cas2") or m.group("cas3") or "").lower()
        s, e = m.span()
        kinds: tuple[str, ...]
        if m.group("sev") or _SEVERE_RE.search(m.group(0)):
            kinds = ("dead",)
        elif cas in ("killed", "dead", "died", "deaths", "fatalities", "loss of life"):
            kinds = ("dead",)
        elif cas in ("casualties", "victims", "hurt", "harmed", "injuries"):
            kinds = ("dead", "injured")
        else:  # wounded, injured
            kinds = ("injured",)
        if re.search(r"\belse\b|\bother\b", m.group(0), re.I):
            kinds = tuple(k for k in kinds if k != "dead") or kinds
        out.extend(Figure(k, 0, "none", s, e, text[s:e], False, None, 0) for k in kinds)
    return out


def find_casualty_figures(text: str) -> list[Figure]:
    """Casualty figures in ``text``, each tied to a casualty word in the same clause."""
    figures: list[Figure] = []
    spans: list[tuple[int, int]] = []

    def add(fig: Figure | None) -> None:
        if fig is None:
            return
        if any(fig.start < b and a < fig.end for a, b in spans):
            return
        spans.append((fig.start, fig.end))
        figures.append(fig)

    for m in _ZERO.finditer(text):
        spans.append(m.span())
    figures.extend(_zero_figures(text))
    for m in _P_TOLL.finditer(text):
        cas = m.group("cas").lower()
        kind = "injured" if re.search(r"injur|wound", cas) else "dead"
        add(_make(text, m, kind, toll=True))
    for pat in (_P_NUM_PERSON, _P_VERB_NUM, _P_NUM_BARE, _P_FATALLY, _P_ANOTHER, _P_PRONOUN_DIED, _P_SINGLE, _P_SING_PASSIVE):
        for m in pat.finditer(text):
            add(_make(text, m))
    for m in _P_BODIES.finditer(text):  # "rescuers recovered four bodies"
        add(_make(text, m, "dead"))
    for m in _P_INCLUDING.finditer(text):
        prev = [f for f in figures if f.end <= m.start() and f.value != 0]
        if prev:
            ref = max(prev, key=lambda f: f.end)
            fig = _make(text, m, ref.kind)
            if fig is not None:
                add(Figure(fig.kind, fig.value, fig.qualifier, m.start("num"), fig.end, text[m.start("num"):fig.end],
                           True, fig.subject, fig.raw_value))
    figures.sort(key=lambda f: (f.start, f.kind))
    return figures


def _pick(figs: list[Figure]) -> tuple[int | None, str | None]:
    """Value and qualifier for one kind: toll first, then the largest exact/at-least figure."""
    if not figs:
        return None, None
    positive = [f for f in figs if f.value is not None and f.value > 0]
    tolls = [f for f in positive if f.toll]
    pool = tolls or positive
    if pool:
        best = max(pool, key=lambda f: (f.value or 0, f.start))
        return best.value, best.qualifier
    zeros = [f for f in figs if f.value == 0]
    others = [f for f in figs if f.value is None]
    if others:
        return None, others[-1].qualifier
    if zeros:
        return 0, "none"
    return None, None


def casualties_from_figures(figures: Sequence[Figure]) -> Casualties:
    """Reconcile the figures of one passage into dead/injured counts (see module docstring)."""
    main = [f for f in figures if not f.breakdown]
    by: dict[str, list[Figure]] = {}
    for f in main:
        by.setdefault(f.kind, []).append(f)
    dead, dq = _pick(by.get("dead", []))
    injured, iq = _pick(by.get("injured", []))
    if injured is None and iq in {None, "vague"}:  # "several injured ... three were hospitalised": 3
        hospitalised, hq = _pick(by.get("hospitalised", []))
        if hospitalised is not None or iq is None:
            injured, iq = hospitalised, hq
    if injured is None and iq is None and by.get("shot"):
        shot, sq = _pick(by["shot"])
        if shot is not None:
            rest = shot - (dead or 0)
            injured, iq = (rest, sq) if rest > 0 else (None, None)
            if dead is None and rest <= 0:
                injured, iq = None, None
        else:
            injured, iq = None, sq
    return Casualties(dead=dead, injured=injured, dead_qualifier=dq, injured_qualifier=iq)


def extract_casualties(text: str) -> Casualties:
    """Dead and injured counts reported in ``text``."""
    return casualties_from_figures(find_casualty_figures(text))
