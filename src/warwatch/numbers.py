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
* Single victims ("Smith, 19, was killed", "a man was shot", "he died") carry a ``referent``. When no
  figure of a kind is an explicit count, the count is the number of distinct victims (``distinct_victims``:
  names by surname, indefinite phrases by head noun; pronouns and definite phrases refer back); an explicit
  count ("two people were killed", "1 dead") is preferred. ``aggregate=False`` keeps the largest figure.
* ``find_munitions`` reads drones/missiles/rockets/shells/glide bombs launched and intercepted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from warwatch.models import Casualties, MunitionCount

__all__ = [
    "Figure",
    "Munition",
    "distinct_victims",
    "find_munitions",
    "summarize_munitions",
    "casualties_from_figures",
    "add_casualties",
    "extract_casualties",
    "find_casualty_figures",
    "main_incident_figures",
    "number_to_words",
    "other_incident_spans",
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
    r"(?:(?<![\w.,$£€/-])(?!(?:19|20)\d\d(?!\d))(?:\d{1,3}(?:,\d{3})+|\d{1,4})(?![\w%]|[.,:]\d|-(?:year|month|week|day)|\s*(?:percent|per\s+cent|years?|am|pm|a\.m|p\.m)\b)"
    r"|(?<![\w-])" + _WORDNUM + r"(?![\w-]))"
)
_VAGUE = (r"(?:dozens|hundreds|thousands|scores|several|many|multiple|a\s+number\s+of|tens\s+of\s+thousands|"
          r"numerous|some)")
_QUAL = (
    r"(?:at\s+least|a\s+total\s+of|no\s+fewer\s+than|a\s+minimum\s+of|more\s+than|over|upwards\s+of|in\s+excess\s+of|nearly|almost"
    r"|about|around|approximately|roughly|some|an\s+estimated|estimated|close\s+to|up\s+to|as\s+many\s+as|at\s+most"
    r"|fewer\s+than|less\s+than|under|between)"
)
_QUAL_KIND: dict[str, str] = {
    "at least": "at_least", "no fewer than": "at_least", "a minimum of": "at_least", "a total of": "exact",
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
# People who are not in _PERSON_SING but are often the single victim of a shooting or strike.
_VICTIM_SING = (
    r"(?:" + _PERSON_SING + r"|suspect|gunman|shooter|attacker|assailant|male|female|wife|husband|girlfriend|boyfriend|"
    r"son|daughter|brother|sister|roommate|neighbou?r|friend|referee|clerk|employee|owner|cashier|inmate|corporal|"
    r"sergeant|agent|trooper|youth|motorist|cyclist|journalist|reporter|volunteer|medic|paramedic|firefighter|"
    r"rescuer|doctor|nurse|teacher|farmer|fisherman|priest|commander|fighter|militant|serviceman|servicewoman|"
    r"\d{1,3}-year-old(?![\w-]))"
)
_AUX = (
    r"(?:were|was|have|has|had|been|are|is|being|be|also|later|reportedly|allegedly|confirmed|believed|"
    r"feared|thought|said|reported|to|all|both|each|critically|seriously|severely|slightly|lightly|fatally|"
    r"mortally|badly|gravely|subsequently|then|since|initially|among|the|who|as|got|found)"
)
_ADJ = (r"(?:(?!(?:and|or|of|in|at|on|by|the|a|an|were|was|who|which|that|killed|injured|wounded|dead|after|before|"
        r"when|while|with|"
        r"from|for|than|since|during)\b|\d)[\w'’-]+|\d{1,3}-years?-old(?![\w-]))")

# casualty word -> kind. Passive/predicate forms follow the number; active forms precede it.
_CAS_AFTER = (
    r"(?P<cas>killed|dead|died|dies|deaths?|lost\s+(?:their|his|her)\s+lives|"
    r"(?:sustained|suffered|received)\s+(?!no\b|minor\s+scratches)(?:\w+\s+){0,2}?(?:injuries|wounds)|perished|fatalit(?:y|ies)|slain|murdered|"
    r"wounded|injured|hurt|(?:(?:non[\s-]?)?life[\s-]threatening|serious|critical|severe|minor|multiple)\s+injuries|"
    r"injuries|hospitali[sz]ed|in\s+(?:the\s+)?hospital|(?:taken|transported|rushed|flown|airlifted)"
    r"(?:\s+in\s+\w+\s+condition)?\s+to\s+(?:a\s+|the\s+|an\s+)?(?:(?:area|local|nearby|two|different)\s+)?hospitals?|"
    r"sought\s+medical\s+(?:help|attention|assistance|treatment|care)|treated\s+for\s+(?:injuries|wounds)|"
    r"missing|unaccounted\s+for|(?:fatally|mortally)\s+(?:shot|wounded|injured|stabbed)|"
    r"shot(?:\s+(?:dead|to\s+death|and\s+killed)|,\s+killed)|shot(?!\s+(?:down|at|by\s+air))|casualties)"
)
_CAS_BEFORE = (
    r"(?P<cas>shot\s+(?:dead|and\s+killed)|gunned\s+down|kill(?:ed|ing|s)|(?<=\bon\sto\s)(?:kill|wound|injure)|wound(?:ed|ing|s)|injur(?:ed|ing|es)|hurt(?:ing)?|"
    r"claim(?:ed|ing)\s+the\s+lives\s+of|(?:fatally\s+)?shoot(?:ing)?|(?:fatally\s+)?shot)"
)
_BOUNDARY = (
    r"(?=\s*(?:[,.;:!?)\"”\-–—]|$|\s*\b(?:and|in|on|at|when|after|as|including|during|while|with|near|inside|outside|"
    r"across|since|before|from|overnight|today|yesterday|last|earlier|this|others?|more|people|but|among|of|"
    r"according|police|officials|said)\b))"
)
_LEAD = r"(?P<lead>(?P<qual>" + _QUAL + r")\s+)?"

# "12 children and teens killed", "At least 12 people, including four children, were killed"
# "three soldiers and two civilians were killed", "two women and a man were injured": the counts add up
_ALSO_PERSON = (
    r"(?:\s+and\s+(?P<num_and>" + _NUM + r")(?:\s+" + _ADJ + r"){0,2}?\s+" + _PERSON
    + r"|\s+(?:and|or)\s+(?:" + _ADJ + r"\s+)?" + _PERSON + r")?"
)
_ASIDE = (r"(?:\s*,?\s*(?:including|among\s+them|mostly|most\s+of\s+them)\b[^,;.]{1,60}?"
          r"(?:,|(?=\s+(?:were|was|have|had)\b)))?")
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
    r"\b" + _CAS_BEFORE + r"\s+(?:another\s+|a\s+further\s+|an\s+additional\s+|(?:his|her|their)\s+)?" + _LEAD
    + r"(?P<num>" + _NUM + r"|" + _VAGUE + r")"
    r"(?:\s+(?:to|and)\s+(?P<num2>" + _NUM + r"))?(?:(?:\s+" + _ADJ + r"){0,3}?\s+(?P<subj>" + _PERSON + r")\b|"
    + _BOUNDARY + r")",
    re.I,
)
# "resulted in the loss of seven lives", "the blast claimed 12 lives", "five lives were lost"
_P_LIVES = re.compile(
    r"\b(?:(?P<cas>loss\s+of|claim(?:ed|ing|s)?|took|tak(?:e|es|ing)|cost(?:ing|s)?)\s+(?:the\s+)?" + _LEAD
    + r"(?P<num>" + _NUM + r")(?:\s+(?:more|other|civilian|innocent|human|young))?\s+lives"
    r"|" + _LEAD.replace("?P<", "?P<l_") + r"(?P<l_num>" + _NUM
    + r")\s+lives\s+(?:were|have\s+been|had\s+been)\s+lost)\b",
    re.I,
)
_P_BODIES = re.compile(
    r"(?P<lead>)(?P<num>" + _NUM + r")\s+(?:more\s+)?(?P<cas>bodies)\b", re.I
)
_P_TOLL = re.compile(
    r"\b(?P<cas>(?:death|casualty)\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|killed|injured|wounded))"
    r"\b[^.;]{0,40}?\b(?:to|at|of|reached|hit|is|was|now)\s+" + _LEAD + r"(?P<num>" + _NUM
    + r")(?!\s*(?:-year|percent|%))",
    re.I,
)
_P_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=\n)|(?<=[.!?|]\s)|(?<=\s\s)|(?<=\bthe\s)|(?<=\bThe\s)|(?<=\b[Aa]s\s)|(?<=\b[Aa]fter\s)"
    r"|(?<=\b[Ww]hen\s)|(?<=\b[Ww]hile\s)|(?<=:\s))(?P<lead>)(?P<num>)(?P<subj>(?:[\w'’-]+\s+){0,2}?(?i:"
    + _VICTIM_SING + r"))(?!\s+(?i:deaths|fatalities|casualties|injuries)\b)"  # "the civilian deaths": no count
    r"(?:,\s+(?:an?\s+)?\d{1,3}-year-old\s+[^,.;]{0,40}?,)?"  # "The victim, a 30-year-old man, was"
    r"(?i:(?:\s+" + _AUX + r"){0,3}\s+" + _CAS_AFTER + r")\b"
)
_ACTIVE_OBJECT = re.compile(
    r"\s+(?:(?i:a|an|the|his|her|their|its|him|them|\d+|" + _WORD + r")\b"
    r"|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|In|On|At|Near|Outside|Inside|Early|Late|Last|This|Police)\b)"
    r"[A-Z][a-z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]+)?(?:\s+(?:and|in|at|on|after|before|with|as|when|while|during)\b|[,.;]))"
)
_ACTIVE_VERB = re.compile(r"^(?:killed|murdered|wounded|injured|hurt|shot|fatally|mortally)", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|got)\b", re.I)
_P_ANOTHER = re.compile(
    r"\b(?P<lead>)(?P<num>another)(?:\s+" + _ADJ + r")?(?:\s+" + _AUX + r"){0,3}\s+" + _CAS_AFTER + r"\b"
    r"|\b(?P<cas_v>(?:critically\s+|seriously\s+)?(?:kill|wound|injur)(?:e|ed|ing|s)?)\s+another\b(?!\s+(?:" + _PERSON
    + r"|" + _VICTIM_SING + r"))",  # "went on to kill six people and critically injure another"
    re.I,
)
_P_PRONOUN_DIED = re.compile(
    r"\b(?P<lead>)(?P<num>he|she)\s+(?:(?:later|was|has|had|since|subsequently|then|eventually|also|now)\s+){0,2}"
    r"(?P<cas>died|pronounced\s+dead|declared\s+dead|succumbed|passed\s+away|found\s+dead)\b",
    re.I,
)
# "She suffered non-life-threatening injuries", "he sustained serious wounds": one injured person
_P_PRONOUN_HURT = re.compile(
    r"\b(?P<lead>)(?P<num>he|she)\s+(?:(?:was|has|had|also|later|reportedly)\s+){0,2}"
    r"(?P<cas>(?:suffered|sustained|received)\s+(?:(?:[\w-]+|non[\s-]life[\s-]threatening)\s+){0,3}?(?:injuries|wounds))\b",
    re.I,
)
# A singular passive ("Smith, 19, was shot and killed") reports one victim.
_P_SING_PASSIVE = re.compile(
    r"\b(?P<lead>)(?P<num>was|has\s+been|had\s+been)\s+(?:(?:later|reportedly|allegedly|also|then|found)\s+){0,2}"
    r"(?P<cas>shot\s+(?:and\s+killed|dead|to\s+death)|fatally\s+(?:shot|wounded|stabbed|injured)|killed|murdered|slain|"
    r"pronounced\s+dead|declared\s+dead|mortally\s+wounded|dead|shot(?!\s+(?:down|at))|wounded|injured|hospitali[sz]ed)\b"
)
_P_FATALLY = re.compile(
    r"(?<![\w-])(?P<lead>)(?P<num>" + _NUM + r")(?:\s+of\s+them)?\s+(?P<cas>fatally)\b"
    r"(?!\s+(?:shot|wounded|injured))", re.I
)
# A personal name: two to four capitalised words ("Jason Moszer", "Laurits Petersen Jr.").
_NAME = (
    r"(?:[A-Z][a-z][\w'’-]*[ \t]+(?:[A-Z]\.?[ \t]+|[A-Z][\w'’-]+[ \t]+|“[A-Z][\w'’-]+”[ \t]+){0,2}"
    r"(?:[A-Z][a-z][\w'’-]*(?:,?[ \t]+(?:Jr|Sr)\.?|[ \t]+I{2,3}|[ \t]+IV)?))"
)
# Last words that make a capitalised sequence a place or an organisation rather than a person.
_NOT_SURNAME = {
    "county", "street", "road", "avenue", "boulevard", "drive", "lane", "city", "park", "junction", "beach", "springs",
    "hospital", "center", "centre", "school", "police", "department", "office", "station", "square", "highway",
    "state", "university", "college", "church", "bank", "mall", "market", "bridge", "river", "valley", "heights",
    "hills", "village", "township", "parish", "district", "region", "oblast", "province", "news", "times", "post",
    "press", "service", "agency", "ministry", "forces", "army", "guard", "council", "court", "house", "apartments",
    "tribune", "herald", "journal", "gazette", "globe", "chronicle", "sun", "star", "daily", "reporter", "report",
    "homicide", "shooting", "killing", "murder", "update", "video", "photos",
    "cpl", "sgt", "lt", "capt", "det", "insp", "supt", "cmdr", "mr", "mrs", "ms", "dr", "rev", "sr", "jr",
}
# Titles before a personal name: "Officer Jason Moszer", "Sgt. Ann Lee", "Deputy Mark Logsdon"
_TITLE = re.compile(
    r"^(?:(?:senior|chief|police|state|special|former|retired|off-duty|master|staff|first|second)\s+)*"
    r"(?:officer|deputy|trooper|agent|detective|sergeant|corporal|lieutenant|captain|sheriff|patrolman|constable|"
    r"(?:cpl|sgt|lt|capt|det|insp|supt|cmdr|mr|mrs|ms|dr|rev)\.?)\s+(?=[A-Z])",
    re.I,
)
_GENDER_HEADS = {"man", "woman", "boy", "girl", "child", "kid", "teen", "youth", "juvenile", "minor", "toddler",
                 "infant", "baby", "adult"}
_NOT_NAME = re.compile(
    r"^(?:the|a|an|he|she|it|they|we|i|police|officers?|deputies|authorities|officials|investigators|detectives|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|in|on|at|but|and|when|after|while|according|update|latest|breaking|"
    r"sheriff|county|state|city|department|news|north|south|east|west|new|los|san|fort|mount|lake)\b",
    re.I,
)
# "Jason Moszer died Thursday", "Emmanuel Franco, a 25-year-old man, died", "Dominique Adams, who died Tuesday"
_P_NAME_DIED = re.compile(
    r"(?<![\w.])(?P<lead>)(?P<num>)(?P<subj>" + _NAME
    + r"|(?!(?:Many|Dozens|Hundreds|Thousands|Several|Some|Most|Nobody|None|Everyone|Everybody|All|Both|Few|Police|"
    r"Officials|Authorities|They|He|She|It|We|You|Who|Which|That|This|These|Those|Somebody|Someone|Anyone|No|One|"
    r"Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b)(?!(?i:" + _PERSON + r")\b)[A-Z][a-z][\w'’-]+)"
    r"(?:\s*,\s*[^,.;:\"“”]{1,60}?,)?\s*,?\s+(?:who\s+)?"
    r"(?:(?:later|has|had|have|was|reportedly|then|also|subsequently|since|now|eventually)\s+){0,2}"
    r"(?P<cas>died|passed\s+away|succumbed|pronounced\s+dead|declared\s+dead|found\s+dead|found\s+shot\s+to\s+death)\b"
)
# The shooting was deadly: with no dead figure, the people shot are the dead.
_FATAL_CUE = re.compile(
    r"\b(?:fatal|deadly|lethal)\s+(?:shooting|shootout|stabbing|attack)s?\b|\bhomicide\s+(?:report|victim|case|investigation)\b"
    r"|\b(?:ruled|investigated\s+as|investigating\s+(?:a|the))\s+(?:a\s+)?homicide\b|\btime\s+of\s+death\b",
    re.I,
)
# "a double homicide", "the triple murder": the killing names its toll
_P_MULTIPLE = re.compile(
    r"\b(?P<lead>)(?P<num>double|triple|quadruple)[\s-]+(?P<cas>homicides?|murders?|killings?|slayings?|fatal\s+shootings?)"
    r"(?P<suicide>(?:\s+and\s+(?:a\s+)?|-)suicide)?\b",
    re.I,
)
_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}
# "a man and woman were murdered", "Casey Brace and her grandfather, Herbert Townsend, were shot to death"
_PAIR_ONE = (
    r"(?:(?:[Aa]|[Aa]n|[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:" + _ADJ + r"\s+){0,2}?" + _VICTIM_SING + r"|" + _NAME + r")"
    r"(?:\s*,\s*(?:\d{1,3}|" + _NAME + r"|[^,.;]{1,40}?)\s*,)?"
)
_P_PAIR = re.compile(
    r"(?<![\w-])(?P<lead>)(?P<num>)(?P<subj>" + _PAIR_ONE + r"\s+and\s+(?:(?:a|an|his|her|their)\s+)?(?:(?:"
    + _ADJ + r"\s+){0,2}?" + _VICTIM_SING + r"|" + _NAME + r")(?:\s*,\s*(?:\d{1,3}|" + _NAME + r")\s*,)?)"
    r"(?:\s+" + _AUX + r"){1,4}\s+(?P<cas>killed|murdered|slain|shot\s+(?:dead|to\s+death|and\s+killed)|"
    r"found\s+dead|fatally\s+shot|wounded|injured|shot(?!\s+at\b))\b"  # "had been shot at": missed, perhaps
)
# "the shooting death of Mario Celestino", "charged in the murder of Drake Scott"
_P_DEATH_OF = re.compile(
    r"\b(?P<cas>(?:shooting|stabbing)\s+death|murder|killing|slaying)\s+of\s+(?P<lead>)(?P<num>)"
    r"(?:(?:his|her|their|a|an|the|former|retired|off-duty|\d{1,3}-year-old|[a-z]+-year-old)\s+)*"
    r"(?:(?:[a-z][\w-]*\s+){0,3}?(?:(?i:officer|deputy|trooper|agent|sergeant|corporal|detective|student|member|"
    r"teacher|clerk|employee|worker|resident)\s+))?(?P<subj>" + _NAME + r")"
)
# "the (shooting) deaths of six people"
_P_DEATHS_OF_N = re.compile(
    r"\b(?:(?:shooting|stabbing)\s+)?(?P<cas>deaths|murders|killings)\s+of\s+(?:the\s+)?" + _LEAD + r"(?P<num>" + _NUM
    + r")(?:\s+" + _ADJ + r"){0,3}?\s+(?P<subj>" + _PERSON + r")\b",
    re.I,
)
# "shot and killed 24-year-old Calin Roquemore", "killed the 68-year-old retired worker", "killing his wife"
_P_KILLED_NP = re.compile(
    r"\b(?P<cas>shot\s+and\s+killed|fatally\s+(?:shot|wounded|stabbed)|shot\s+dead|kill(?:ed|ing|s)|murder(?:ed|ing|s)|"
    r"wound(?:ed|ing)|injur(?:ed|ing)|shot|shooting)\s+(?P<lead>)(?P<num>)"
    r"(?P<subj>(?:(?:the|his|her|their|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?i:" + _VICTIM_SING + r")"
    r"|(?:(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ]years?[- ]old\s+)?" + _NAME + r"))(?![\w'’-])"
)
# "a couple and their three children were killed", "a woman and her two sons were injured",
# "killing a father and his three small children"
_FAMILY_SUBJ = (
    r"(?P<subj>(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?P<head>couple|man|woman|mother|father|parents)\s+and\s+"
    r"(?:his|her|their)\s+(?P<num>" + _NUM + r")\s+(?:(?:young|little|small|adult|teenage|two|infant)\s+){0,2}"
    r"(?:children|kids|sons|daughters|grandchildren))"
)
_P_FAMILY_AND = re.compile(r"\b(?P<lead>)" + _FAMILY_SUBJ + r"(?:\s+" + _AUX + r"){0,4}\s+" + _CAS_AFTER + r"\b", re.I)
_P_FAMILY_AND_ACTIVE = re.compile(r"\b" + _CAS_BEFORE + r"\s+(?P<lead>)" + _FAMILY_SUBJ + r"\b", re.I)
# "killing a family of five", "wounded an entire family of four"
_P_FAMILY_OF = re.compile(
    r"\b" + _CAS_BEFORE + r"\s+(?P<subj>(?:a|an|the|whole|entire|\s)+family\s+of\s+(?P<lead>)(?P<num>" + _NUM + r"))\b",
    re.I,
)
# One person shot, outcome unstated: "suffered a gunshot wound", "was found with gunshot wounds",
# "is recovering after being shot", "was struck by a stray bullet".
_P_GUNSHOT = re.compile(
    r"\b(?P<lead>)(?P<num>)(?P<cas>(?:suffer(?:ed|ing|s)|sustain(?:ed|ing|s)|receiv(?:ed|ing|es)|with|from)\s+(?:an?\s+)?(?!(?i:no)\b)"
    r"(?:[\w-]+\s+){0,3}?gunshot\s+wounds?|after\s+being\s+shot|"
    r"(?:was|were|been)\s+(?:struck|hit)\s+by\s+(?:an?\s+)?(?:stray\s+)?(?:bullets?|gunfire|gunshots?|rounds?)|"
    r"(?:a|the)\s+gunshot\s+victim)\b",
    re.I,
)
# "Carillo-Delara received minor injuries", "Recek ... was the injured party": one named person hurt
_P_NAME_HURT = re.compile(
    r"(?<![\w.])(?P<lead>)(?P<num>)(?P<subj>" + _NAME + r"|[A-Z][a-z][\w'’-]+)(?:\s*,\s*[^,.;:\"“”]{1,60}?,)?\s+"
    r"(?:(?:was|has|had|also|later|reportedly)\s+){0,2}"
    r"(?P<cas>(?:received|suffered|sustained)\s+(?:(?:[\w-]+|non[\s-]life[\s-]threatening)\s+){0,3}?(?:injuries|wounds)"
    r"|the\s+injured\s+party)\b"
)
# "One of three victims of the shooting has now died": one dead among people counted elsewhere
_P_ONE_OF_DIED = re.compile(
    r"\b(?P<lead>)(?P<num>[Oo]ne)\s+of\s+(?:the\s+|those\s+)?(?:" + _NUM + r"\s+)?(?:" + _ADJ + r"\s+)?(?P<subj>"
    + _PERSON + r")\b[^;]{0,80}?\b(?:has\s+|had\s+|later\s+|now\s+|since\s+){0,3}"
    r"(?P<cas>died|succumbed|passed\s+away)\b"
)
# "They both died at the scene", "both victims were pronounced dead", "Both were hospitalized": two people
_P_BOTH = re.compile(
    r"\b(?P<lead>)(?P<num>[Tt]hey\s+both|[Bb]oth\s+(?:of\s+them|victims|men|women|boys|girls|teens|teenagers|officers|"
    r"deputies)|[Bb]oth(?=\s+(?:were|had|have|later|died)\b))\s+(?:(?:were|had|have|been|later|also|subsequently|then)\s+){0,3}"
    r"(?P<cas>died|killed|dead|pronounced\s+dead|declared\s+dead|shot\s+(?:dead|to\s+death|and\s+killed)|fatally\s+shot|"
    r"wounded|injured|hurt|hospitali[sz]ed|taken\s+to\s+(?:a\s+|the\s+)?hospitals?)\b"
)
# "Jones was listed in critical condition", "the officer is expected to recover", "a 47-year-old man is
# recovering": one person hurt who survived (so far); who it is comes from the subject before
_P_SURVIVING = re.compile(
    r"\b(?:(?:is|was|remains|remained|has\s+been|had\s+been)\s+(?:(?:listed|reported|said\s+to\s+be|now|still|also)\s+){0,2}"
    r"in\s+(?:(?:stable|critical|serious|fair|good|satisfactory|guarded|grave|extremely\s+critical)(?:\s+(?:but|and|to)\s+"
    r"(?:stable|critical|serious|fair|good))?)\s+condition"
    r"|(?:is|was)\s+(?:(?:now|still|also)\s+)?(?:expected|likely)\s+to\s+(?:survive|recover|live|be\s+(?:ok|okay|fine))"
    r"|(?:is|was)\s+(?:(?:now|still|also)\s+)?recovering\b)"
)
# "injured a police officer, a sheriff's deputy and another woman": one victim per listed noun phrase
_LIST_ITEM = r"(?:an?|another)\s+(?:[\w'’-]+\s+){0,3}?(?:" + _VICTIM_SING + r")(?![\w'’-])"
_P_VERB_LIST = re.compile(
    r"\b(?P<cas>kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)|shot\s+and\s+killed|fatally\s+shot|shooting)\s+(?P<lead>)"
    r"(?P<subj>" + _LIST_ITEM + r"(?:\s*,\s*" + _LIST_ITEM + r")+\s*,?\s+and\s+" + _LIST_ITEM + r")",
    re.I,
)
# "deputies located the vehicle and the dead man": a dead person named by the adjective
_P_THE_DEAD = re.compile(
    r"\b(?P<lead>)(?P<num>)(?P<subj>(?:the|a)\s+(?P<cas>dead)\s+(?:" + _VICTIM_SING + r"))\b",
    re.I,
)
# "Police found two people with gunshot wounds": people shot, outcome unstated
_P_NUM_GUNSHOT = re.compile(
    _LEAD + r"(?P<num>" + _NUM + r")(?:\s+" + _ADJ + r"){0,2}?\s+(?P<subj>" + _PERSON + r")\s+"
    r"(?P<cas>(?:with|suffering\s+(?:from\s+)?)\s+(?:(?:apparent|multiple|serious|critical|\w+)\s+)?gunshot\s+wounds?)\b",
    re.I,
)
# "was shot ... and died at the scene", "before dying", "where he was pronounced dead": about someone mentioned
_P_AND_DIED = re.compile(
    r"\b(?:and|but|before|where\s+(?:he|she))\s+(?P<lead>)(?P<num>)(?:(?:later|eventually|subsequently|was|then|"
    r"soon|shortly)\s+){0,2}(?P<cas>died|dying|succumbed|pronounced\s+dead|declared\s+dead)\b",
    re.I,
)
# "deputies found his body", "her body was found"
_P_BODY_FOUND = re.compile(
    r"\b(?P<lead>)(?P<num>)(?P<cas>(?:found|discovered|recovered|located)\s+(?:his|her|the|a)\s+(?:[\w'’-]+\s+)?body"
    r"|(?:his|her)\s+body\s+(?:was|had\s+been)\s+(?:found|discovered|recovered))\b",
    re.I,
)
# A first name or surname and a comma just before a bare number: the number is an age ("Avish, 8 were").
_AGE_BEFORE = re.compile(
    r"(?<!\b(?:in|In|at|At|on|On|of|Of|to|To|by|By))(?<!\b(?:near|from|From|Near))\s[A-Z][a-z]+,\s+$"
)
_ZERO = re.compile(
    r"\b(?:no(?:body|\s+one\s+else|\s+one|(?:\s+other)?\s+" + _PERSON + r"|\s+other)?|none\s+of\s+(?:them|the\s+\w+))"
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
_AMONG_AFTER = re.compile(
    r"^\s+(?:of\s+them|of\s+the\s+(?:dead|injured|wounded|victims))|^\s+(?:were|are)\s+among\b", re.I)

_DEAD_RE = re.compile(
    r"kill|dead|die|dying|body|death|lives|perish|fatal|mortal|slain|murder|slaying|toll|succumb|passed\s+away|shot\s+(?:dead|to|and)",
    re.I,
)
_HOSP_RE = re.compile(r"hospital", re.I)
_MEDICAL_RE = re.compile(r"medical|treated", re.I)
_MISSING_RE = re.compile(r"missing|unaccounted", re.I)
_SEVERE_RE = re.compile(r"\b(?:seriously|severely|critically|badly|gravely)\b", re.I)
_SHOT_RE = re.compile(r"^(?:fatally\s+)?shoot|^(?:fatally\s+)?shot$|gunshot|being\s+shot|bullet|gunfire", re.I)


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


def _value_of(num: str, qual: str | None,
              num2: str | None) -> tuple[int | None, str, int | None, int | None, int | None]:
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
_MINOR_HEADS = {"child", "kid", "teen", "youth", "juvenile", "minor", "toddler", "infant", "baby", "student"}
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


def _referent_of_end(seg: str) -> str:
    if _PRONOUN_END.search(seg):
        return "pron"
    nm = _NAME_END.search(seg)
    if nm and _name_key(nm.group(1)):
        return _name_key(nm.group(1))
    dm = _DET_END.search(seg)
    if dm:
        return _referent_of_phrase(dm.group(0)) or "?"
    sm = re.search(r"(?:^|\s)([A-Z][a-z][\w'’-]+)$", seg)  # a surname alone: "Everhart says Newfer was wounded"
    if sm and not re.fullmatch(r"(?:" + _VICTIM_SING + r"|" + _PERSON + r")s?", sm.group(1), re.I):
        key = _name_key(sm.group(1))
        if key:
            return key
    return "?"


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
                 or bool(_AMONG_IN.search(m.group(0))))
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
        cas = (m.group("cas") or m.group("cas2") or m.group("cas3") or "").lower()
        s, e = m.span()
        kinds: tuple[str, ...]
        if m.group("sev") or _SEVERE_RE.search(m.group(0)):
            kinds = ("dead",)
        elif cas in ("killed", "dead", "died", "deaths", "fatalities", "fatality", "loss of life"):
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
        if m["subj"].split()[0].lower() in ("his", "her", "their"):
            continue  # "his wife and daughter were killed": an owner before, perhaps a third person
        if re.search(r"\b(?:by|to|from|at|in|with|for|of)\s+$", text[max(0, m.start() - 8):m.start()], re.I):
            continue  # "flown to hospital by Care Flight and one suspect was killed": the first is no victim
        kind = _kind(m["cas"])
        add(Figure(kind, 2, "exact", m.start(), m.end(), m.group(0), False, m["subj"].lower(), 2))
    for m in _P_SURVIVING.finditer(text):
        ref = _referent_before(text, m.start())
        if ref in ("?", "pron", None) or any(f.start <= m.start() < f.end for f in figures):
            continue  # "he is in stable condition": someone already counted
        add(Figure("injured", 1, "exact", m.start(), m.end(), m.group(0), False, None, 1, referent=ref,
                   given=_given_name(text[max(0, m.start() - 90):m.start()], ref)))
    for m in _P_VERB_LIST.finditer(text):  # an explicit count
        n = len(re.findall(_LIST_ITEM, m["subj"], re.I))
        add(Figure(_kind(m["cas"]), n, "exact", m.start(), m.end(), m.group(0), False, m["subj"].lower(), n))
    for m in _P_BOTH.finditer(text):  # an explicit count of two
        add(Figure(_kind(m["cas"]), 2, "exact", m.start(), m.end(), m.group(0), False, None, 2))
    for m in _P_ONE_OF_DIED.finditer(text):  # an explicit count of one, not a referent
        add(Figure("dead", 1, "exact", m.start(), m.end(), m.group(0), False, m["subj"].lower(), 1))
    for pat in (_P_FAMILY_OF, _P_DEATHS_OF_N, _P_NUM_GUNSHOT, _P_NUM_PERSON, _P_VERB_NUM, _P_NUM_BARE, _P_FATALLY,
                _P_ANOTHER, _P_NAME_DIED, _P_PRONOUN_DIED, _P_PRONOUN_HURT, _P_NAME_HURT, _P_SINGLE, _P_KILLED_NP,
                _P_DEATH_OF, _P_SING_PASSIVE, _P_GUNSHOT,
                _P_AND_DIED, _P_BODY_FOUND, _P_THE_DEAD):
        for m in pat.finditer(text):
            if pat in (_P_SINGLE, _P_NUM_PERSON, _P_NUM_BARE) and _ACTIVE_VERB.search(m.group("cas")) and \
                    _ACTIVE_OBJECT.match(text, m.end()) and not _PASSIVE_AUX.search(m.group(0)):
                continue  # "A gunman fatally shot a deputy": the subject did the shooting
            if pat in (_P_NUM_PERSON, _P_NUM_BARE) and re.match(r"\s+(?:himself|herself)\b", text[m.end():], re.I):
                continue  # "Gunman Who Shot 2 Officers Killed Himself": the count is the object of another verb
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
    figures = [replace(f, age=_victim_age(text, f),
                       self_inflicted=bool(_SELF_INFLICTED.match(text, f.end)))
               if f.referent is not None and f.value == 1 else f for f in figures]
    figures.sort(key=lambda f: (f.start, f.kind))
    return figures


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
    """Reconcile the figures of one passage into dead/injured counts (see module docstring).

    ``aggregate`` sums distinct single victims when no figure gives a total (see ``_pick``).
    """
    main = [f for f in figures if not f.breakdown]
    by: dict[str, list[Figure]] = {}
    for f in main:
        by.setdefault(f.kind, []).append(f)
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
    return casualties_from_figures(figures, aggregate)


# --------------------------------------------------------------------------------------------------
# Munitions: how many drones, missiles, rockets, shells and glide bombs were launched and intercepted.
# --------------------------------------------------------------------------------------------------


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
