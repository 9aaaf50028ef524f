"""Casualty figures in a text: the ``Figure`` of each number or victim tied to a casualty word, and who a
single-victim figure is about (its referent: a name, an indefinite or definite noun phrase, a pronoun)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .patterns import (
    _ACTIVE_OBJECT,
    _ACTIVE_VERB,
    _AGE_BEFORE,
    _AMONG_AFTER,
    _AMONG_ASIDE,
    _AMONG_IN,
    _BREAKDOWN,
    _BREAKDOWN_LIST,
    _CLAIM_BEFORE,
    _CLAUSE_VERB,
    _CUMULATIVE_SCOPE,
    _DAY_OF_MONTH,
    _DEAD_RE,
    _EARLIER_BEFORE,
    _FATAL_CUE,
    _HOSP_RE,
    _KILLED_OR_BEFORE,
    _LATER_BEFORE,
    _LIST_ITEM2,
    _MEDICAL_RE,
    _MISSING_RE,
    _MULTIPLE,
    _NAME,
    _NOT_NAME,
    _NOT_SURNAME,
    _OR_HURT_AFTER,
    _OVERALL_BEFORE,
    _P_AND_ANOTHER,
    _P_AND_DIED,
    _P_ANOTHER,
    _P_BODIES,
    _P_BODIES_OF,
    _P_BODY_FOUND,
    _P_BOTH,
    _P_COUPLE,
    _P_DEATH_OF,
    _P_DEATHS_OF_N,
    _P_FAMILY_AND,
    _P_FAMILY_AND_ACTIVE,
    _P_FAMILY_OF,
    _P_FATALLY,
    _P_GUNSHOT,
    _P_INCLUDING,
    _P_KILLED_NP,
    _P_LIVES,
    _P_MULTIPLE,
    _P_NAME_DIED,
    _P_NAME_HURT,
    _P_NUM_BARE,
    _P_NUM_GUNSHOT,
    _P_NUM_PERSON,
    _P_ONE_OF_DIED,
    _P_PAIR,
    _P_PRONOUN_DIED,
    _P_PRONOUN_HURT,
    _P_SING_PASSIVE,
    _P_SINGLE,
    _P_SUCCUMBED,
    _P_SURVIVING,
    _P_THE_DEAD,
    _P_TOLL,
    _P_TREATED,
    _P_VERB_LIST,
    _P_VERB_NUM,
    _PASSIVE_AUX,
    _PERSON,
    _SEVERE_RE,
    _SHOT_RE,
    _SUBCLAUSE_CUT,
    _SUPERLATIVE_BEFORE,
    _SUPERSEDED_BEFORE,
    _SUPERSEDED_TOLL,
    _TITLE,
    _TOTAL_SCOPE,
    _VICTIM_SING,
    _ZERO,
)
from .words import _NUM, _value_of, parse_number


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure in a text; ``text == source[start:end]``."""

    # dead | injured | missing | hospitalised | shot (people shot, outcome unstated) | fatal (a cue, no count)
    kind: str
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
    # Who the figure is about when it reports one victim: "name:moszer" (a named person, by surname),
    # "a:man" (an indefinite noun phrase: a new victim), "another" (one more victim), "the:man"/"pron"
    # (a definite noun phrase or pronoun: someone already mentioned). None for counts and zeros.
    referent: str | None = None
    # The given name of a named victim when the text spells it ("Paul Sween": "paul"), so that two
    # relatives with one surname count as two people.
    given: str | None = None
    # The age of a single victim when the text gives it ("a 22-year-old man", "Smith, 19,"): two mentions
    # with different ages are different people, "a 14-year-old boy" and "Jon Ward, 14," may be one.
    age: int | None = None
    # The victim shot himself ("found dead of an apparent self-inflicted gunshot wound")
    self_inflicted: bool = False
    # A total over several happenings ("in all, 23 people were killed across the region"), not one site's toll
    total: bool = False
    # A running toll of a war or campaign ("more than 40,000 killed since the war began"): no happening's toll
    cumulative: bool = False
    # Claimed by a party to the attack ("the group claimed its bomber killed 37 officials"): the officials' figure wins
    claimed: bool = False
    # The toll of an earlier happening the report goes back to ("the strike follows a hit on Friday that killed 7")
    earlier: bool = False
    # Stated as the whole count of its happening ("In total, 51 soldiers were wounded"): it updates a smaller count
    overall: bool = False
    # A figure the report has since updated ("an earlier report put the toll at seven"): kept only when alone
    superseded: bool = False
    # Reported later than the story's first count, in its own clause ("officials later reported that four people had
    # been killed", "Updated at 10:55: ..."): it updates the lead's count
    later: bool = False
    # A second object of one casualty verb, given for another place ("killed 18 outside A and another 12 in B"): the
    # count of that place's clause only, never the verb's first place's
    elsewhere: bool = False

    @property
    def foreign(self) -> bool:
        """No toll of the happening reported: a war's running toll or an earlier happening's."""
        return self.cumulative or self.earlier


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


_ACTIVE_AFTER_WHO = re.compile(
    r"\b(?:who|that|which)\s+(?:(?:also|then|later|allegedly|reportedly)\s+)?(?:kill|shot|shoot|wound|injur|hurt|murder|fatally)"
    r"|\b(?:has|have|had)\s+(?:(?:also|then|allegedly|reportedly)\s+)?(?:killed|shot|wounded|injured|hurt|murdered)\b",
    re.I,
)
_PRONOUN_END = re.compile(r"\b(?:he|she|who|whom|which|that|they|him|her)\s*$", re.I)
_NAME_END = re.compile(r"(?:^|[^\w'’-])(" + _NAME + r")\s*$")
_DET_END = re.compile(r"\b((?i:the|this|that|a|an|one|another))\s+(?:[\w'’-]+\s+){0,4}?([a-z][\w'’-]*)\s*$")
_ORDINAL = re.compile(r"(?:a|an)\s+(?:second|third|fourth|further)\b", re.I)
_GENERIC_HEADS = {"person", "victim", "individual", "people", "one", "someone", "somebody", "other", "another"}
_HEAD_NORM = {"male": "man", "guy": "man", "female": "woman", "teenager": "teen", "gunman": "suspect",
              "shooter": "suspect", "attacker": "suspect", "assailant": "suspect", "policeman": "officer",
              "cop": "officer"}


def _surname(name: str) -> str | None:
    """Lower-case last word of a personal name; None when the words look like a place or a body."""
    words = [w.strip(".,“”").lower() for w in name.split()]
    words = [w for w in words if w not in ("jr", "sr", "ii", "iii", "iv")]
    if not words or words[-1] in _NOT_SURNAME or _NOT_NAME.match(words[-1]):
        return None
    sur = words[-1]
    if not re.fullmatch(r"[a-z][a-z'’-]*", sur) or sur.endswith(("'s", "’s")):
        return None
    if re.fullmatch(r"(?:" + _VICTIM_SING + r"|" + _PERSON + r")s?", sur):  # "Alabama Man Killed", a headline
        return None
    return sur


def _name_key(name: str) -> str | None:
    name = _TITLE.sub("", name.strip())
    if _NOT_NAME.match(name):
        return None
    sur = _surname(name)
    return "name:" + sur if sur else None


def _referent_of_phrase(phrase: str) -> str | None:
    """Referent key of a singular noun phrase or name (see ``Figure.referent``)."""
    p = " ".join(phrase.split()).strip(" ,")
    if not p:
        return None
    if _PRONOUN_END.fullmatch(p) or re.fullmatch(r"(?:he|she|they|who)", p, re.I):
        return "pron"
    nm = _NAME_END.search(p)
    if nm and _name_key(nm.group(1)):
        return _name_key(nm.group(1))
    if (re.fullmatch(r"[A-Z][a-z][\w'’-]+", p) and not re.fullmatch(_VICTIM_SING + "s?", p, re.I)
            and _name_key(p)):
        return _name_key(p)  # a surname alone: "Miller died"
    dm = _DET_END.search(p)
    if dm:
        det, head = dm.group(1).lower(), dm.group(2).lower()
        head = _HEAD_NORM.get(head, head.rstrip("s") if head.endswith("s") and not head.endswith("ss") else head)
        if det == "another" or (det in ("a", "an") and _ORDINAL.match(dm.group(0))):
            return "another"  # "A second man was found shot": someone besides the victims met so far
        if head in _GENERIC_HEADS or not re.fullmatch(r"(?:" + _VICTIM_SING + r"|" + _PERSON + r")", head):
            return "?"  # "a person", or not a person at all ("a car was hit")
        if det in ("a", "an", "one"):
            return "a:" + head
        return "the:" + head
    return "?"  # a bare noun ("Woman killed", as in a headline) or anything else: someone mentioned elsewhere


_SUBJ_TAIL = re.compile(
    r"(?:\s+(?:also|later|reportedly|allegedly|then|still|now|is|was|has|had|been|being|remains|recovering))+\s*$", re.I
)
_APPOSITIVE = re.compile(r",\s*([^,]{1,70}),$")
_WHO_END = re.compile(r"^(.*?\S)\s*,\s*who\s*$", re.I)


def _referent_before(text: str, start: int) -> str | None:
    """Referent of the subject just before a bare passive ("Tartt, 19, was killed").

    Adverbs and auxiliaries before the verb are skipped ("a 47-year-old man is recovering after being
    shot"); a relative pronoun after a noun phrase refers to it ("the gunman, who was pronounced dead");
    an indefinite appositive names the person when the phrase before it does not ("A passenger in the
    car, a juvenile girl, also received a gunshot wound").
    """
    seg = text[max(0, start - 160):start]
    cuts = [m.end() for m in re.finditer(r"(?<!\b[A-Z])[.!?](?=\s)|[\n\"“”;:]", seg)]
    seg = seg[cuts[-1]:] if cuts else seg
    seg = _SUBJ_TAIL.sub("", seg.rstrip())
    wm = _WHO_END.match(seg)
    if wm:  # "the gunman, who was pronounced dead"
        seg = wm.group(1)
    # drop an appositive: ", 19," / ", a 25-year-old mother," / ", of Tatum,"
    appositive = None
    if seg.endswith(","):
        am = _APPOSITIVE.search(seg)
        appositive = am.group(1).strip() if am else None
        seg = _APPOSITIVE.sub("", seg)
    seg = seg.rstrip(" ,")
    if not seg:
        return "?"
    ref = _referent_of_end(seg)
    if ref == "?" and appositive and re.match(r"(?:an?)\s", appositive, re.I):
        return _referent_of_phrase(appositive)
    return ref


# "... and her husband was wounded", "his 12-year-old son was hurt": a relative or companion of someone named before,
# a person of their own
_POSSESSED_END = re.compile(r"\b(?i:his|her|their)\s+(?:[\w'’-]+\s+){0,2}?(?i:(" + _VICTIM_SING + r"))\s*$")


def _referent_of_end(seg: str) -> str:
    if (pm := _POSSESSED_END.search(seg)) and not re.fullmatch(r"\d{1,3}-year-old", pm.group(1)):
        head = pm.group(1).lower()
        return "a:" + _HEAD_NORM.get(head, head)
    if _PRONOUN_END.search(seg):
        return "pron"
    nm = _NAME_END.search(seg)
    if nm and (name_key := _name_key(nm.group(1))):
        return name_key
    dm = _DET_END.search(seg)
    if dm:
        return _referent_of_phrase(dm.group(0)) or "?"
    sm = re.search(r"(?:^|\s)([A-Z][a-z][\w'’-]+)$", seg)  # a surname alone: "Everhart says Newfer was wounded"
    if sm and not re.fullmatch(r"(?:" + _VICTIM_SING + r"|" + _PERSON + r")s?", sm.group(1), re.I):
        key = _name_key(sm.group(1))
        if key:
            return key
    return "?"


# an active casualty verb just before a count: the count is its object
_OBJECT_OF_VERB = re.compile(r"\b(?:kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)|shot|shooting)\s+$", re.I)
_OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|whom|those)\b", re.I)
_NOBODY_BEFORE = re.compile(r"\b(?:nobody|no\s+one|none)(?:\s+else)?\s+$", re.I)
_RATE_BEFORE = re.compile(r"\b(?:out\s+of\s+every|every|one\s+in|per)\s+$", re.I)


def _make(text: str, m: re.Match[str], kind: str | None = None, toll: bool = False) -> Figure | None:
    gd = m.groupdict()
    num = gd.get("num") or ("another" if gd.get("cas_v") else "")
    cas = gd.get("cas") or gd.get("cas_v") or ""
    single_noun = not num
    if not num:
        num = "one"  # a singular person noun or a name
    if num.lower() in ("a", "an") and not gd.get("subj"):
        return None
    if _ACTIVE_AFTER_WHO.search(m.group(0)):
        return None  # "a gunman who killed", "militants have killed": the subject is the attacker
    if gd.get("num") and _RATE_BEFORE.search(text, max(0, m.start("num") - 20), m.start("num")):
        return None  # "one out of every three deaths", "one in four people killed": a rate, not a count
    value, qual, raw, lo, hi = _value_of(num, gd.get("qual"), gd.get("num2"))
    if raw is not None and raw > 100_000:
        return None
    if gd.get("num_and") and value is not None:  # "three soldiers and two civilians": five
        more = 1 if gd["num_and"].lower() in ("a", "an") else parse_number(gd["num_and"])
        if more is not None:
            value, raw = value + more, (raw or 0) + more
    start = m.start("lead") if gd.get("lead") else (m.start("num") if gd.get("num") else m.start())
    start = min(start, m.start())
    before = text[max(0, start - 40):start]
    after = text[m.end():m.end() + 40]
    breakdown = (bool(_BREAKDOWN.search(before)) or bool(_AMONG_AFTER.match(after))
                 or (bool(_AMONG_IN.search(m.group(0))) and not _AMONG_ASIDE.search(m.group(0))))
    subj = gd.get("subj")
    k = kind or _kind(cas)
    if k == "shot" and _DEAD_RE.search(cas):
        k = "dead"
    if re.search(r"\b(?:fatally|mortally)\b", m.group(0), re.I):
        k = "dead"
    referent: str | None = None
    if value == 1 and not toll:
        low = num.lower()
        if low in ("he", "she"):
            referent = "pron"
        elif low == "another":
            referent = "another"
        elif low.startswith(("was", "has", "had")):
            referent = _referent_before(text, m.start())
        elif subj and single_noun:
            det = re.search(r"\b([Tt]he|[Tt]his|[Tt]hat)\s+$", text[max(0, m.start() - 5):m.start()])
            referent = _referent_of_phrase((det.group(1) + " " if det else "") + subj)
            if referent and referent.startswith("name:") and re.search(
                    r"\b(?:in|at|of|from|near|to|outside|inside)\s+$", text[max(0, m.start() - 12):m.start()]):
                referent = "?"  # "the deputy shot in Grand Junction has died": a place, not the victim
        elif subj and low in ("a", "an"):
            referent = _referent_of_phrase(text[m.start("num"):m.end("subj")])  # "a second man": another
        elif subj and low in ("one", "1") and not re.fullmatch(r"(?:people|persons?|individuals?|victims?|others?)",
                                                              subj, re.I):
            referent = _referent_of_phrase("a " + subj)  # "one suspect was killed": one victim among others
        elif single_noun:
            referent = "?"  # "from a gunshot wound": about someone already mentioned
        # "one person was killed", "1 dead": an explicit count, no referent
    given = _given_name(subj or text[max(0, m.start() - 90):m.start()], referent) if referent else None
    if referent == "pron":  # "Officers found Paul Sween, 63, on the floor ... he was pronounced dead"
        back = _AGED_NAME_BACK.findall(text[max(0, m.start() - 300):m.start()])
        if back:
            name = _TITLE.sub("", back[-1])
            key = _name_key(name)
            if key:
                referent, given = key, (name.split()[0].lower() if len(name.split()) >= 2 else None)
    return Figure(k, value, qual, m.start(), m.end(), m.group(0), breakdown,
                  subj.lower() if subj else None, raw, lo, hi, toll, referent, given)


_NAME_RE = re.compile(_NAME)
# A personal name with an age appositive ("Paul Sween, 63,"): a victim or a suspect, not an official
_AGED_NAME_BACK = re.compile(r"(?<![\w.])(" + _NAME + r"),\s+(?:\d{1,2}|age\s+\d{1,2}),")


def _given_name(phrase: str, referent: str) -> str | None:
    """First name of the last full name in ``phrase`` whose surname gives ``referent`` ("name:sween")."""
    if not referent.startswith("name:"):
        return None
    for nm in reversed(list(_NAME_RE.finditer(phrase))):
        name = _TITLE.sub("", nm.group(0))
        if _name_key(name) == referent:
            words = name.split()
            return words[0].lower() if len(words) >= 2 else None
    return None


def _zero_figures(text: str) -> list[Figure]:
    out: list[Figure] = []
    for m in _ZERO.finditer(text):
        cas = (m.group("cas") or m.group("cas2") or m.group("cas3") or m.group("cas4") or "").lower()
        s, e = m.span()
        kinds: tuple[str, ...]
        if m.group("sev") or m.group("sev3") or _SEVERE_RE.search(m.group(0)):
            kinds = ("dead",)
        elif re.sub(r"\s+", " ", cas) in ("killed", "dead", "died", "deaths", "fatalities", "fatality", "loss of life"):
            kinds = ("dead",)
        elif cas in ("casualties", "victims", "hurt", "harmed", "injuries"):
            kinds = ("dead", "injured")
        else:  # wounded, injured
            kinds = ("injured",)
        if re.search(r"\belse\b|\bother\b", m.group(0), re.I):
            kinds = tuple(k for k in kinds if k != "dead") or kinds
        if m.group("cas_or"):  # "no one was killed or injured": both kinds ("seriously injured or killed": the dead)
            kinds = ("dead",) if _SEVERE_RE.search(m.group(0)) else ("dead", "injured")
        out.extend(Figure(k, 0, "none", s, e, text[s:e], False, None, 0) for k in kinds)
    return out


# Every casualty pattern of ``numbers.patterns`` anchors on one of these words (its ``cas`` group or a literal
# cue), so a text with none of them holds no figure and skips the ~30 patterns: most sentences of the news.
# A word added to a pattern's anchor must be added here (tests/test_numbers.py checks it on every sentence
# of the examples; bench/profiling.py measured the patterns at 15% of the coder's time before this).
_ANY_CUE = re.compile(
    r"kill|dead|die|dying|death|lives|injur|wound|perish|fatal|slain|slay|murder|hurt|harm|hospital|medical|missing"
    r"|unaccounted|shot|shoot|gunned|gunshot|stab|casualt|toll|bod(?:y|ies)|corpse|remains|succumb|passed\s+away|condition"
    r"|expected|likely|recover|homicide|victim|lethal|deadly|bullet|gunfire|round|martyr|behead|execut|lost\s+(?:his|her)\s+life"
    r"|loss\s+of\s+life",
    re.I,
)


# "the death toll rose to (31) people, while (103) others were injured": a count in brackets, as some reports write it
_PAREN_NUMBER = re.compile(r"(?<![\w)])\((\d{1,3}(?:,\d{3})+|\d{1,6})\)(?=\s+[A-Za-z])")


def find_casualty_figures(text: str) -> list[Figure]:
    """Casualty figures in ``text``, each tied to a casualty word in the same clause."""
    if not _ANY_CUE.search(text):
        return []
    masked = _DAY_OF_MONTH.sub(lambda m: m.group(1) + "#" * len(m.group(2)), text)
    masked = _PAREN_NUMBER.sub(lambda m: " " + m.group(1) + " ", masked)
    if masked == text:
        return _find_casualty_figures(text)
    return [replace(f, text=text[f.start:f.end]) for f in _find_casualty_figures(masked)]


def _find_casualty_figures(text: str) -> list[Figure]:
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
        if _SUPERSEDED_TOLL.search(text, max(0, m.start() - 20), m.start()):
            spans.append(m.span())  # "raising an earlier toll of seven": not a figure of the story
            continue
        if m["cas_n"]:  # "the number of people killed ... has risen to 32"
            kind = "injured" if re.search(r"injur|wound|hurt", m["cas_n"], re.I) else "dead"
            value, qual, raw, _lo, _hi = _value_of(m["n_num"], m["n_qual"], None)
            add(Figure(kind, value, qual, m.start(), m.end(), m.group(0), False, None, raw, toll=True))
            continue
        cas = m.group("cas").lower()
        kind = "injured" if re.search(r"injur|wound", cas) else "dead"
        add(_make(text, m, kind, toll=True))
    for m in (*_P_FAMILY_AND.finditer(text), *_P_FAMILY_AND_ACTIVE.finditer(text)):
        fig = _make(text, m)
        if fig is not None and fig.value is not None:
            extra = 2 if m.group("head").lower() in ("couple", "parents") else 1
            add(Figure(fig.kind, fig.value + extra, fig.qualifier, fig.start, fig.end, fig.text, fig.breakdown,
                       fig.subject, (fig.raw_value or 0) + extra))
    for m in _P_MULTIPLE.finditer(text):
        n = _MULTIPLE[m["num"].lower()] + (1 if m["suicide"] else 0)  # "a double homicide and suicide": three
        add(Figure("dead", n, "exact", m.start(), m.end(), m.group(0), False, None, n))
    for m in _P_PAIR.finditer(text):
        if m["subj"].split()[0].lower() in ("his", "her", "their") and re.search(
                r"(?:\band|,)\s*$", text[max(0, m.start() - 6):m.start()], re.I):
            continue  # "Smith and his wife and daughter were killed": the owner too, a third person
        if re.search(r"\b(?:by|to|from|at|in|with|for|of)\s+$", text[max(0, m.start() - 8):m.start()], re.I):
            continue  # "flown to hospital by Care Flight and one suspect was killed": the first is no victim
        kind = _kind(m["cas"])
        add(Figure(kind, 2, "exact", m.start(), m.end(), m.group(0), False, m["subj"].lower(), 2))
    for m in _P_SURVIVING.finditer(text):
        ref = _referent_before(text, m.start())
        if ref is None or ref in ("?", "pron") or any(f.start <= m.start() < f.end for f in figures):
            continue  # "he is in stable condition": someone already counted
        add(Figure("injured", 1, "exact", m.start(), m.end(), m.group(0), False, None, 1, referent=ref,
                   given=_given_name(text[max(0, m.start() - 90):m.start()], ref)))
    for m in _P_VERB_LIST.finditer(text):  # an explicit count
        n = len(re.findall(_LIST_ITEM2, m["subj"], re.I))
        add(Figure(_kind(m["cas"]), n, "exact", m.start(), m.end(), m.group(0), False, m["subj"].lower(), n))
    for m in _P_AND_ANOTHER.finditer(text):  # a second object of one casualty verb
        num = m["num"] or m["num_o"]
        value = parse_number(num)
        if value is not None:
            start = m.start("lead")
            add(Figure(_kind(m["cas_v"]), value, "exact", start, m.end(), text[start:m.end()], False,
                       (m["subj"] or m["subj_o"]).lower(), value, elsewhere=True))
    for m in _P_COUPLE.finditer(text):  # a couple: two people
        add(Figure(_kind(m["cas"] or m["cas_a"]), 2, "exact", m.start(), m.end(), m.group(0), False,
                   (m["subj"] or m["subj_a"]).lower(), 2))
    for m in _P_BOTH.finditer(text):  # an explicit count of two
        add(Figure(_kind(m["cas"]), 2, "exact", m.start(), m.end(), m.group(0), False, None, 2))
    for m in _P_ONE_OF_DIED.finditer(text):  # an explicit count, not a referent
        died = parse_number(m["n_num"]) if m["n_num"] else 1
        if died:
            subject = (m["subj"] or m["n_subj"] or m["n_hurt"]).lower()
            add(Figure("dead", died, "exact", m.start(), m.end(), m.group(0), False, subject, died))
    for pat in (_P_FAMILY_OF, _P_DEATHS_OF_N, _P_NUM_GUNSHOT, _P_SUCCUMBED, _P_TREATED, _P_NUM_PERSON, _P_VERB_NUM,
                _P_NUM_BARE, _P_FATALLY, _P_ANOTHER, _P_NAME_DIED, _P_PRONOUN_DIED, _P_PRONOUN_HURT, _P_NAME_HURT,
                _P_SINGLE, _P_KILLED_NP, _P_DEATH_OF, _P_SING_PASSIVE, _P_GUNSHOT, _P_AND_DIED, _P_BODY_FOUND,
                _P_THE_DEAD):
        for m in pat.finditer(text):
            if pat is _P_NUM_PERSON and m["num_and"] and _OBJECT_OF_VERB.search(text, max(0, m.start() - 30),
                                                                                 m.start()):
                # "killed two civilians and three soldiers were wounded": the first count is the verb's object, the
                # second the subject of a clause of its own
                m = _P_NUM_PERSON.match(text, m.start("num_and")) or m
            if pat in (_P_SINGLE, _P_NUM_PERSON, _P_NUM_BARE) and _ACTIVE_VERB.search(m.group("cas")) and \
                    _ACTIVE_OBJECT.match(text, m.end()) and not _PASSIVE_AUX.search(m.group(0)):
                continue  # "A gunman fatally shot a deputy": the subject did the shooting
            if pat in (_P_NUM_PERSON, _P_NUM_BARE) and re.match(r"\s+(?:himself|herself)\b", text[m.end():], re.I):
                continue  # "Gunman Who Shot 2 Officers Killed Himself": the count is the object of another verb
            if (pat is _P_VERB_NUM and "," in text[m.start():m.start("num")]
                    and _OF_THEM_AFTER.match(text, m.end("num"))):
                continue  # "12 wounded, four of them critically": a part of the count before, no object of the verb
            if pat is _P_SING_PASSIVE and _NOBODY_BEFORE.search(text, max(0, m.start() - 20), m.start()):
                continue  # "Nobody else was hurt": no victim
            if pat is _P_NUM_BARE and _AGE_BEFORE.search(text, max(0, m.start("num") - 40), m.start("num")):
                continue  # "his son Avish, 8 were found dead": an age after a name, not a count
            fig = _make(text, m)
            if pat is _P_GUNSHOT and fig is not None and fig.referent == "?":
                fig = replace(fig, referent=_gunshot_referent(text, m.start()))
            add(fig)
    for m in _FATAL_CUE.finditer(text):  # not a count: tells that the people shot died
        spans.append(m.span())
        figures.append(Figure("fatal", None, "none", m.start(), m.end(), m.group(0)))
    for m in _P_LIVES.finditer(text):
        if m.group("num"):
            add(_make(text, m, "dead"))
        else:  # "five lives were lost"
            value, qual, raw, _lo, _hi = _value_of(m["l_num"], m["l_qual"], None)
            start = m.start("l_lead") if m["l_lead"] else m.start("l_num")
            add(Figure("dead", value, qual, start, m.end(), text[start:m.end()], False, None, raw))
    for m in (*_P_BODIES.finditer(text), *_P_BODIES_OF.finditer(text)):  # "rescuers recovered four bodies"
        add(_make(text, m, "dead"))
    for m in _P_INCLUDING.finditer(text):
        prev = [f for f in figures if f.end <= m.start() and f.value != 0]
        if prev:
            last = max(prev, key=lambda f: f.end)
            fig = _make(text, m, last.kind)
            if fig is not None:
                add(Figure(fig.kind, fig.value, fig.qualifier, m.start("num"), fig.end, text[m.start("num"):fig.end],
                           True, fig.subject, fig.raw_value))
    figures = [replace(f, age=_victim_age(text, f),
                       self_inflicted=bool(_SELF_INFLICTED.match(text, f.end)))
               if f.referent is not None and f.value == 1 else f for f in figures]
    figures = _list_breakdowns(text, figures)
    figures = _others_after_singles(text, figures)
    figures = [replace(f, total=True) if f.value and _is_total(text, f) else f for f in figures]
    figures = [replace(f, cumulative=True) if f.value and _is_cumulative(text, f) else f for f in figures]
    figures = [replace(f, claimed=True) if f.value and _is_claimed(text, f) else f for f in figures]
    figures = [replace(f, earlier=True) if f.value and _is_earlier(text, f) else f for f in figures]
    figures = [replace(f, overall=True) if f.value and _is_overall(text, f) else f for f in figures]
    figures = [f for f in figures if not _dead_or_hurt(text, f)]
    figures = [replace(f, superseded=True) if f.value and _is_superseded(text, f) else f for f in figures]
    figures = [replace(f, later=True) if f.value and _is_later(text, f) else f for f in figures]
    figures.sort(key=lambda f: (f.start, f.kind))
    return figures


_OTHERS = re.compile(r"\b(?:others|more)\b", re.I)


def _others_after_singles(text: str, figures: list[Figure]) -> list[Figure]:
    """"A 40-year-old man was seriously wounded and two others were lightly hurt": a count of others after single
    victims of its kind in its sentence counts them too (three hurt); "a man was killed and two others wounded" (another
    kind) is left alone."""
    out: list[Figure] = []
    for f in figures:
        if f.value and f.referent is None and not f.breakdown and not f.toll and _OTHERS.search(f.text):
            singles = [g for g in figures if g.end <= f.start and g.kind == f.kind and g.value == 1
                       and g.referent is not None and g.referent not in ("?", "pron") and not g.breakdown
                       and not re.search(r"[.!?;]\s", text[g.end:f.start])]
            if singles:
                f = replace(f, value=f.value + len(singles), raw_value=(f.raw_value or f.value) + len(singles))
        out.append(f)
    return out


def _list_breakdowns(text: str, figures: list[Figure]) -> list[Figure]:
    """A later, verbless item of a list that a breakdown begins is a part of the count too ("treated 61 people,
    including three in critical condition, 18 moderately injured and 31 with minor injuries"), unless a count of
    another kind comes before it ("12 killed, including two children, 30 wounded": the wounded are no part of the
    dead). Items with a verb of their own ("and 20 others were wounded", "wounding 30") are clauses, not items."""
    out: list[Figure] = []
    for f in sorted(figures, key=lambda g: g.start):
        before = [g for g in out if g.end <= f.start and g.value and not g.breakdown]
        if (f.value and not f.breakdown and re.match(_NUM, f.text, re.I) and not _CLAUSE_VERB.search(f.text)
                and _BREAKDOWN_LIST.search(text, max(0, f.start - 120), f.start)
                and all(g.kind == f.kind for g in before[-1:])):
            f = replace(f, breakdown=True)
        out.append(f)
    return out


def _is_total(text: str, f: Figure) -> bool:
    """A figure its own clause states as a total over several happenings ("In all, 23 people were killed across
    the region"): the clause, from its start to its end, gives a scope of several places or a period."""
    clause_start = max((m.end() for m in _CLAUSE_CUT.finditer(text, 0, f.start)), default=0)
    cut = _CLAUSE_CUT.search(text, f.end)
    return bool(_TOTAL_SCOPE.search(text, clause_start, cut.start() if cut else len(text)))


def _is_earlier(text: str, f: Figure) -> bool:
    """A figure its own clause gives for an earlier happening ("This escalation follows explosions that killed 37")."""
    start = max((m.end() for m in _SUBCLAUSE_CUT.finditer(text, 0, f.start)), default=0)
    return bool(_EARLIER_BEFORE.search(text[start:f.start]))


def _dead_or_hurt(text: str, f: Figure) -> bool:
    """A count of the killed and the hurt together ("320 people were killed or wounded"): no figure of either."""
    return bool(f.value) and (
        (f.kind == "dead" and bool(_OR_HURT_AFTER.match(text, f.end)))
        or (f.kind == "injured" and bool(_KILLED_OR_BEFORE.search(text, max(0, f.start - 16), f.start))))


# "The governor initially said: “a child has died”": a quotation that a verb of saying before a colon introduces
_SAID_COLON = re.compile(r"\b(?:said|says|stated|wrote|posted|announced|reported|told\s+\w+)\s*:$", re.I)


def _is_superseded(text: str, f: Figure) -> bool:
    """A figure its own clause gives as an earlier, since updated one ("officials had earlier reported two dead",
    "the governor initially said: “a child has died”": a quotation is in the clause of its verb of saying)."""
    cuts = [m.end() for m in _SUBCLAUSE_CUT.finditer(text, 0, f.start)]
    start = cuts[-1] if cuts else 0
    if cuts and _SAID_COLON.search(text, max(0, start - 40), start):
        start = cuts[-2] if len(cuts) > 1 else 0
    return bool(_SUPERSEDED_BEFORE.search(text[start:f.start]))


def _is_later(text: str, f: Figure) -> bool:
    """A figure its own clause gives as reported later ("the prosecutor later reported that four had been killed")."""
    start = max((m.end() for m in _SUBCLAUSE_CUT.finditer(text, 0, f.start)), default=0)
    return bool(_LATER_BEFORE.search(text[start:f.start]))


def _is_overall(text: str, f: Figure) -> bool:
    """A figure its own clause states as the whole count of its happening ("In total, 51 were wounded")."""
    start = max((m.end() for m in _SUBCLAUSE_CUT.finditer(text, 0, f.start)), default=0)
    return bool(_OVERALL_BEFORE.search(text[start:f.start]) or _OVERALL_BEFORE.search(f.text[:20]))


def _is_claimed(text: str, f: Figure) -> bool:
    """A figure its own clause gives as a party's claim ("Israel claimed it killed 11 operatives")."""
    start = max((m.end() for m in _SUBCLAUSE_CUT.finditer(text, 0, f.start)), default=0)
    return bool(_CLAIM_BEFORE.search(text[start:f.start]))


def _is_cumulative(text: str, f: Figure) -> bool:
    """A figure its own clause states as a war's or campaign's running toll ("A total of 22,185 have been killed and
    57,035 wounded since Oct. 7", "the conflict has left 82 dead"); a clause ends at ", bringing", ", while", ";"."""
    start = max((m.end() for m in _SUBCLAUSE_CUT.finditer(text, 0, f.start)), default=0)
    cut = _SUBCLAUSE_CUT.search(text, f.end)
    for m in _CUMULATIVE_SCOPE.finditer(text, start, cut.start() if cut else len(text)):
        if not (m.group(0).lower().startswith("since") and _SUPERLATIVE_BEFORE.search(text, start, m.start())):
            return True  # not "the heaviest shelling since the 1971 war"
    return False


_SELF_INFLICTED = re.compile(
    r"[^.;]{0,40}?\b(?:self-inflicted|(?:shot|killed|turned\s+the\s+gun\s+on)\s+himself)\b", re.I
)
_CLAUSE_SUBJECT = re.compile(
    r"(?:(?:(?:a\s+few|\w+)\s+(?:minutes|hours)\s+later|(?:On|Early|Late)\s+\w+(?:\s+\w+)?|Meanwhile),?\s+)?"
    r"(?:(?:police|officers|officials|authorities|investigators|deputies)\s+(?:say|said|says)\s+(?:that\s+)?)?"
    r"(?P<np>(?:an?|another)\s+(?:[\w'’-]+\s+){0,3}?(?:" + _VICTIM_SING + r")(?:\s+(?:[\w'’-]+\s+)?(?:" + _VICTIM_SING
    + r"))?)(?![\w'’-])",
    re.I,
)


def _gunshot_referent(text: str, start: int) -> str:
    """Who has the gunshot wound of a figure without a subject: the subject before a finite verb ("A passenger
    in the car, a juvenile girl, also received a gunshot wound"), or an indefinite subject at the start of the
    clause ("A few minutes later a 24-year-old man was dropped off at the hospital suffering from gunshot
    wounds"). "?" (someone already mentioned) otherwise."""
    if re.match(r"(?i:suffered|sustained|received)\b", text[start:start + 10]):
        ref = _referent_before(text, start)
        if ref and ref != "?":
            return ref
    seg = text[max(0, start - 160):start]
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(seg)]
    seg = seg[cuts[-1]:] if cuts else seg
    seg = seg.lstrip(" \"“")
    m = _CLAUSE_SUBJECT.match(seg)
    if not m:
        return "?"
    ref = _referent_of_phrase(m["np"]) or "?"
    if re.match(r"\s*,?\s*(?:who\s+(?:is|was)\s+)?(?:suspected|accused|wanted)\b", seg[m.end():], re.I):
        return "a:suspect"  # "a man suspected of shooting an officer might also have suffered a gunshot wound"
    if ref.startswith("a:") and re.search(r"\balso\b", seg[m.end():]):
        return "another"  # "a 24-year-old man was dropped off ... also suffering from gunshot wounds": one more
    return ref


_AGE = re.compile(
    r"\b(?P<n>\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)[- ]years?[- ]old\b|(?<=[A-Za-z’'],\s)(?P<c>\d{1,3})(?=\s*,)"
    r"|\bage[ds]?\s+(?P<a>\d{1,3})\b"
)
_CLAUSE_CUT = re.compile(r"[.!?;:](?=\s)|\n")


def _victim_age(text: str, f: Figure) -> int | None:
    """Age of the single victim of ``f``: given in the figure ("shot and killed 14-year-old Jon Ward") or,
    when the figure starts at its verb ("was shot", "is recovering"), in the subject before it."""
    ages = list(_AGE.finditer(f.text))
    if not ages and re.match(r"(?i:was|is|has|had|remains|were|been|died|suffered|sustained|received)\b", f.text):
        seg = text[max(0, f.start - 100):f.start]
        cuts = [m.end() for m in _CLAUSE_CUT.finditer(seg)]
        ages = list(_AGE.finditer(seg[cuts[-1]:] if cuts else seg))[-1:]
    for m in ages:
        n = parse_number(m["n"] or m["c"] or m["a"])
        if n is not None and 0 < n < 120:
            return n
    return None
