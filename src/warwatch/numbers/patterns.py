"""Casualty vocabulary (people, casualty words, names, titles) and the regular expressions that tie a number, a
name or a singular noun phrase to a casualty word in the same clause."""

from __future__ import annotations

import re

from .words import _NUM, _QUAL, _VAGUE, _WORD

_PERSON = (
    r"(?:people|persons?|civilians?|residents?|children|child|kids?|soldiers?|servicem[ae]n|troops|officers?|"
    r"policem[ae]n|police\s+officers?|m[ae]n|wom[ae]n|boys?|girls?|teens?|teenagers?|adults?|victims?|others?|"
    r"individuals?|workers?|employees?|passengers?|firefighters?|rescuers?|medics?|journalists?|members?|fighters?|"
    r"militants?|babies|baby|infants?|minors?|students?|pupils?|bystanders?|pedestrians?|guards?|staff|"
    r"Palestinians?|Israelis?|Ukrainians?|Russians?|Lebanese|Syrians?|Iraqis?|Yemenis?|Pakistanis?|Indians?|"
    r"relatives?|mothers?|fathers?|sons?|daughters?|brothers?|sisters?|toddlers?|sailors?|crew|personnel|"
    r"security\s+forces|conscripts?|volunteers?|patients?|suspects?|gunm[ae]n|friends?|neighbou?rs?|drivers?|"
    r"customers?|shoppers?|pilots?|nationals|citizens|villagers|agents?|deputies|deputy|teachers?|troopers?|rangers?|"
    r"terrorists?|insurgents?|"
    r"assailants?|attackers?|jihadists?|rebels?|operatives?|fishermen|farmers?|worshippers?|worshipers?|policemen|"
    r"constables?|traders?|herders?|shepherds?|miners?|pensioners?|retirees?|"
    # people of public life, services, travel and custody who are often a strike's or a raid's victims
    r"ministers?|officials?|lawmakers?|legislators?|politicians?|police|peacekeepers?|paramilitar(?:y|ies)|seam[ae]n|"
    r"marines?|commandos?|recruits?|cadets?|guardsm[ae]n|militiam[ae]n|tribesm[ae]n|service\s?members?|"
    r"tourists?|pilgrims?|protesters?|protestors?|demonstrators?|refugees?|migrants?|evacuees|displaced|"
    r"doctors?|nurses?|paramedics?|reporters?|photographers?|camera(?:man|men)|inmates?|prisoners?|detainees?|"
    r"hostages?|monks?|clerics?|imams?|mourners?|spectators?|fans|commuters?|motorists?|labou?rers?|elders|locals|"
    r"youths|passers-?by|schoolchildren|schoolboys?|schoolgirls?|vendors?|shopkeepers?|truckers?|porters?|"
    r"Afghans?|Somalis?|Sudanese|Nigerians?|Kurds?|Iranians?|Egyptians?|Jordanians?|Saudis?|Libyans?|Malians?|"
    r"Congolese|Ethiopians?|Kenyans?|Armenians?|Azerbaijanis?|Georgians?|Belarusians?|Americans?|Britons?|"
    r"Kashmiris?|Bangladeshis?|Rohingya|Druze|Yazidis?|Bedouins?|Houthis?|foreigners?)"
)
_PERSON_SING = (
    r"(?:man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|person|officer|soldier|civilian|resident|"
    r"driver|student|mother|father|victim|passenger|worker|guard|deputy|trooper|policeman|pedestrian|bystander)"
)
# People who are not in _PERSON_SING but are often the single victim of a shooting or strike.
_VICTIM_SING = (
    r"(?:" + _PERSON_SING + r"|suspect|gunman|shooter|attacker|assailant|male|female|wife|husband|girlfriend|boyfriend|"
    r"son|daughter|brother|sister|grand(?:son|daughter|child|mother|father)|nephew|niece|cousin|uncle|aunt|roommate|neighbou?r|friend|referee|clerk|employee|owner|cashier|inmate|corporal|"
    r"sergeant|agent|trooper|youth|motorist|cyclist|journalist|reporter|volunteer|medic|paramedic|firefighter|"
    r"rescuer|doctor|nurse|teacher|farmer|fisherman|priest|commander|fighter|militant|serviceman|servicewoman|"
    r"pensioner|retiree|"
    r"\d{1,3}-year-old(?![\w-]))"
)
_AUX = (
    r"(?:were|was|have|has|had|been|are|is|being|be|also|later|reportedly|allegedly|confirmed|believed|"
    r"feared|thought|said|reported|to|all|both|each|critically|seriously|severely|moderately|mildly|slightly|lightly|fatally|"
    r"mortally|badly|gravely|subsequently|then|since|initially|among|the|who|as|got|found|already|reportedly)"
)
# a word between a count and its people ("three young Palestinian children"): not a number word or a verb of saying
# ("two officials said five people were killed" counts five, not two)
_ADJ = (r"(?:(?!(?:and|or|of|in|at|on|by|the|a|an|were|was|who|which|that|killed|injured|wounded|dead|after|before|"
        r"when|while|with|said|says|told|reported|added|"
        r"from|for|than|since|during|" + _WORD + r")\b|\d)[\w'’-]+|\d{1,3}-years?-old(?![\w-]))")

# casualty word -> kind. Passive/predicate forms follow the number; active forms precede it.
_CAS_AFTER = (
    r"(?P<cas>killed|dead|died|dies|deaths?|lost\s+(?:their|his|her)\s+(?:lives|life)|martyred|beheaded|executed|"
    r"(?:sustained|suffered|received)\s+(?!no\b|minor\s+scratches)(?:\w+\s+){0,2}?(?:injuries|wounds)|perished|fatalit(?:y|ies)|slain|murdered|"
    r"wounded|injured|hurt|(?:(?:non[\s-]?)?life[\s-]threatening|serious|critical|severe|minor|multiple)\s+injuries|"
    r"injuries|hospitali[sz]ed|in\s+(?:the\s+)?hospital|admitted\s+to\s+(?:a\s+|the\s+)?(?:(?:local|nearby|city|military)\s+)?hospitals?|(?:taken|transported|rushed|flown|airlifted|evacuated|transferred|"
    r"delivered)(?:\s+in\s+\w+\s+condition)?\s+to\s+(?:a\s+|the\s+|an\s+)?(?:(?:area|local|nearby|two|different|various)\s+)?"
    r"(?:hospitals?|medical\s+(?:facilities|facility|institutions?|centers?|centres?))|"
    r"(?:sought|needed|required|received)\s+medical\s+(?:help|attention|assistance|treatment|care)"
    r"|treated\s+for\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds)|"
    r"missing|unaccounted\s+for|(?:fatally|mortally)\s+(?:shot|wounded|injured|stabbed)|"
    r"shot(?:\s+(?:dead|to\s+death|and\s+killed)|,\s+killed)|shot(?!\s+(?:down|at|by\s+air))|casualties)"
)
_CAS_BEFORE = (
    r"(?P<cas>shot\s+(?:dead|and\s+killed)|gunned\s+down|kill(?:ed|ing|s)|execut(?:ed|ing)|behead(?:ed|ing)|(?<=\bon\sto\s)(?:kill|wound|injure)|wound(?:ed|ing|s)|injur(?:ed|ing|es)|hurt(?:ing)?|"
    r"claim(?:ed|ing)\s+the\s+lives\s+of|(?:fatally\s+)?shoot(?:ing)?|(?:fatally\s+)?shot|"
    # "resulted in fatal injuries to two women", "caused serious injuries to three soldiers"
    r"(?:(?:fatal|mortal|serious|severe|critical|minor|multiple|light)\s+)?(?:injuries|wounds)\s+to)"
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
          r"(?:,|(?=\s+(?:were|was|have|had)\b))"
          # "Three women, aged 51, 18 and 69, were taken to hospital": their ages
          r"|\s*,?\s+aged\s+(?:between\s+)?\d{1,3}(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|to)\s+|\s*[-–]\s*)\d{1,3})*"
          r"(?:\s+years?(?:\s+old)?)?\s*,?"
          # "Two women, 61 and 75, were injured", "Two people, a man and a woman, were wounded": ages, who they are
          r"|\s*,\s*(?:\d{1,3}(?:\s*,\s*|\s+and\s+)\d{1,3}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d{1,3})*"
          r"|(?:an?|his|her|their)\s+[^,;.()]{1,40}?)\s*,"
          # "Seven people, three of them children, were wounded": who some of them are
          r"|\s*,\s*(?:" + _NUM + r")\s+of\s+(?:them|whom)\s+[^,;.()]{1,40}?,"
          # "Two men around 45 years old were killed": their ages
          r"|\s+(?:(?:about|around|approximately|roughly|aged|between|from)\s+){0,2}\d{1,3}(?:\s*(?:-|–|to|and)\s*\d{1,3})?"
          r"\s+years?\s+old)?")
# "two residents of the village", "three employees of the energy company", "two members of one family": whose they are
_OF_GROUP = (r"(?:\s+of\s+(?:the|a|an|one|his|her|their|its|this|that|these|those|a\s+local)\s+"
             r"(?:[\w'’-]+\s+){0,2}?[\w'’-]+?"
             r"(?=\s+(?:were|was|have|had|are)\b))?")
_P_NUM_PERSON = re.compile(
    _LEAD + r"(?P<num>" + _NUM + r"|" + _VAGUE + r")(?:\s+(?:to|and)\s+(?P<num2>" + _NUM + r"))?"
    r"(?:\s+" + _ADJ + r"){0,3}?(?:\s*\([^()]{1,20}\))?\s+(?P<subj>" + _PERSON + r")" + _OF_GROUP + _ALSO_PERSON
    + _ASIDE
    + r"(?:\s+" + _AUX + r"){0,4}\s+" + _CAS_AFTER + r"\b",
    re.I,
)
_P_NUM_BARE = re.compile(
    _LEAD + r"(?P<num>" + _NUM + r"|" + _VAGUE + r")(?:\s+(?:to|and)\s+(?P<num2>" + _NUM + r"))?"
    r"(?:\s+(?:more|others?|additional|further))?(?:\s+" + _AUX + r"){0,4}\s+" + _CAS_AFTER + r"\b",
    re.I,
)
# A second count in the object of one casualty verb: "wounding a driver and three passengers", "killed two soldiers
# and a civilian": the counts add up (not "killed two civilians and three soldiers were wounded": a clause of its own)
_ALSO_OBJECT = (
    r"(?:\s+and\s+(?P<num_and>" + _NUM + r")(?:\s+" + _ADJ + r"){0,2}?\s+" + _PERSON
    + r"\b(?!\s+(?:were|was|have|has|had|are|is|also|later)\b))?"
)
_P_VERB_NUM = re.compile(
    r"\b" + _CAS_BEFORE + r",?\s+(?:another\s+|a\s+further\s+|an\s+additional\s+|(?:his|her|their)\s+)?" + _LEAD
    + r"(?P<num>" + _NUM + r"|" + _VAGUE + r")"
    r"(?:\s+(?:to|and)\s+(?P<num2>" + _NUM + r"))?(?:(?:\s+" + _ADJ + r"){0,3}?\s+(?P<subj>" + _PERSON + r")\b"
    + _ALSO_OBJECT + r"|" + _BOUNDARY + r")",
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
# "medics treated four people for shrapnel injuries", "paramedics were treating 12 soldiers for wounds": the hurt
# (not "treated six for shock": no injury)
_P_TREATED = re.compile(
    r"\b(?P<cas>treat(?:ed|ing))\s+" + _LEAD + r"(?P<num>" + _NUM + r")(?:\s+" + _ADJ + r"){0,2}?\s+(?P<subj>" + _PERSON
    + r")\s+for\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds)\b",
    re.I,
)
_P_BODIES = re.compile(
    r"(?P<lead>)(?P<num>" + _NUM + r")\s+(?:more\s+)?(?P<cas>bodies|corpses)\b", re.I
)
# "the hospital received the bodies of eight people", "the bodies of 12 soldiers were recovered": the dead
_P_BODIES_OF = re.compile(
    r"\b(?P<cas>bodies|corpses|remains)\s+of\s+(?P<lead>)(?P<num>" + _NUM + r")(?:\s+" + _ADJ + r"){0,2}?\s+(?P<subj>"
    + _PERSON + r")\b", re.I
)
# "the death toll rose to 41", "the number of people injured in the strike on X has risen to 13", "the death toll from
# the strike on the family's home and their warehouse was 15": near the toll any link word, farther only a verb of the
# toll.
# ("The number of people killed in ..." as a toll with any link word cost the sealed news a dead figure; it is a toll
# only with a verb of rising: "the number of people killed in the strike on Sumy has risen to 32".)
_P_TOLL = re.compile(
    r"\b(?P<cas>(?:death|casualty|casualties)\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|killed|injured|wounded|(?:people|persons|civilians|victims"
    r"|soldiers|Palestinians|Israelis|Ukrainians|Russians)\s+(?:injured|wounded)))"
    r"\b(?:[^.;]{0,40}?\b(?:to|at|of|reached|hit|is|was|now)"
    r"|[^.;]{0,110}?\b(?:(?:has|have|had)\s+)?(?:risen|rose|climbed|increased|jumped|grown|reached|stood|stands|was|is)"
    # not "a" ("the toll of the blast that hit a gathering ... rose to 44"): an article, no count
    r"(?:\s+(?:to|at))?)\s+" + _LEAD + r"(?!an?\s+(?!hundred|thousand|dozen))"
    r"(?P<num>" + _NUM + r")(?!\s*(?:-year|percent|%))"
    # "the number of people killed in the strike on Sumy has risen to 32": an update of the attack's toll (only with
    # a verb of rising: "the number of people killed ... was 5" stays with the other patterns)
    r"|\b(?P<cas_n>number\s+of\s+(?:\w+\s+)?(?:people|persons|civilians|victims|soldiers|residents)\s+(?:killed|dead|injured"
    r"|wounded|hurt))\b[^.;]{0,110}?\b(?:has\s+|had\s+|have\s+)?(?:risen|rose|climbed|increased|jumped|grown)\s+to\s+"
    + _LEAD.replace("?P<", "?P<n_") + r"(?P<n_num>" + _NUM + r")(?!\s*(?:-year|percent|%))",
    re.I,
)
# "raising an earlier toll of seven", "the previous toll was five": a toll the text has since updated
_SUPERSEDED_TOLL = re.compile(r"\b(?:earlier|previous|prior|initial|old|first)\s+(?:death\s+)?$", re.I)
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
    r"pronounced\s+dead|declared\s+dead|mortally\s+wounded|dead|shot(?!\s+(?:down|at))|wounded|injured|hurt|hospitali[sz]ed)\b"
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
    + r")(?:\s+" + _ADJ + r"){0,3}?\s+(?P<subj>" + _PERSON + r")\b" + _ALSO_PERSON,
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
# "an elderly couple suffered injuries", "a married couple were killed", "killing a young couple": two people (not "a
# couple of", "a couple and their children")
_COUPLE = (r"(?P<subj>(?:a|an|the)\s+(?:(?:elderly|married|young|old|older|retired|local)\s+){0,2}couple)"
           r"(?!\s+(?:of|and)\b)")
_P_COUPLE = re.compile(
    r"\b(?P<lead>)(?P<num>)" + _COUPLE + r"(?:\s+" + _AUX + r"){0,4}\s+" + _CAS_AFTER + r"\b"
    r"|\b" + _CAS_BEFORE.replace("?P<cas>", "?P<cas_a>") + r"\s+" + _COUPLE.replace("?P<subj>", "?P<subj_a>") + r"\b",
    re.I,
)
# A second object of one casualty verb, at another place: "the raids killed 18 people outside A and another 12 people
# in B", "the shelling wounded five people in A and three others in B": a count of its own (``clause_figures`` gives
# it to B's clause)
_P_AND_ANOTHER = re.compile(
    r"\b" + _CAS_BEFORE.replace("?P<cas>", "?P<cas_v>") + r"\s+(?:" + _QUAL + r"\s+)?(?:" + _NUM + r")\s"
    r"(?:(?!\b(?:killed|killing|wounded|wounding|injured|injuring|died|dead|and)\b)[^.;]){1,90}?"
    r",?\s+and\s+(?P<lead>)(?:(?:another|a\s+further|an\s+additional)\s+(?P<num>" + _NUM + r")(?:\s+" + _ADJ
    + r"){0,2}?\s+(?P<subj>" + _PERSON + r")|(?P<num_o>" + _NUM + r")\s+(?P<subj_o>others|more))\b",
    re.I,
)
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
    # "two of them succumbed to their injuries", "Three of the wounded later died": some of the hurt died since
    # "nine injured people succumbed to their wounds", "two wounded soldiers later died": the hurt are dead since
    r"|(?i:(?<![\w-])(?P<n_num>" + _NUM + r")\s+(?:of\s+(?P<n_subj>them|the\s+(?:wounded|injured))"
    r"|(?P<n_hurt>(?:wounded|injured)\s+" + _PERSON
    # "four persons who were injured during the attack died on Thursday": the hurt who died since
    + r"|" + _PERSON + r"\s+who\s+(?:were|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:wounded|injured)\b[^.;,]{0,60}?))\s+"
    r"(?:(?:has|have|had|later|since|subsequently|eventually|then)\s+){0,2}(?P<n_cas>died|succumbed|passed\s+away))\b",
)
# "A woman who was critically wounded in the strike succumbed to her wounds", "the soldier later died of his injuries":
# one victim, hurt first, dead since
_P_SUCCUMBED = re.compile(
    r"(?<![\w-])(?P<lead>)(?P<num>)(?P<subj>(?i:a|an|the|one)\s+(?:[\w'’-]+\s+){0,3}?(?i:" + _VICTIM_SING + r"))"
    r"(?:\s*,?\s+who\s+[^.;]{1,90}?,?)?\s+(?:(?:later|has|had|since|subsequently|then|eventually|also)\s+){0,2}"
    r"(?P<cas>(?:succumbed|died)\s+(?:to|of|from)\s+(?:his|her|their|the)\s+(?:[\w-]+\s+){0,2}?(?:wounds|injuries))\b"
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
# the last item may be a relative of the one before ("injured a woman and her 80-year-old mother")
_LIST_ITEM2 = r"(?:an?|another|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?(?:" + _VICTIM_SING + r")(?![\w'’-])"
_P_VERB_LIST = re.compile(
    r"\b(?P<cas>kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)|shot\s+and\s+killed|fatally\s+shot|shooting)\s+(?P<lead>)"
    r"(?P<subj>" + _LIST_ITEM + r"(?:\s*,\s*" + _LIST_ITEM + r")*\s*,?\s+and\s+" + _LIST_ITEM2 + r")",
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
    r"(?:\b(?:no(?:body|\s+one\s+else|\s+one|(?:\s+other)?\s+" + _PERSON + r"|\s+other)?"
    r"|none\s+of\s+(?:them|the\s+\w+))"
    r"(?:\s+" + _AUX + r"){0,4}\s+(?P<sev>seriously\s+|severely\s+|critically\s+|badly\s+)?"
    r"(?P<cas>killed|dead|died|wounded|injured|hurt|harmed|casualties|injuries|deaths|fatalities|victims)\b"
    r"|\bwithout\s+(?:(?:causing|leaving|resulting\s+in)\s+)?(?:any\s+)?(?P<cas2>casualties|injuries|loss\s+of\s+life)\b"
    # "did not cause any casualties", "did not result in any injuries"
    r"|\b(?:did|does|has|have)\s+not\s+(?:cause|result\s+in|lead\s+to|leave)\s+any\s+(?P<cas4>casualties|injuries|deaths)\b"
    r"|\b(?:no|zero)\s+(?:reported\s+|immediate\s+reports?\s+of\s+|information\s+(?:on|about)\s+)?"
    r"(?P<sev3>(?:serious|major)\s+)?(?P<cas3>casualties|injuries|deaths|fatalities|loss\s+of\s+life)\b)"
    # "No one was killed or injured", "no deaths or injuries were reported": the second kind is none too
    r"(?:\s+(?:or|nor)\s+(?:were\s+|was\s+)?(?P<cas_or>wounded|injured|hurt|injuries|killed|deaths)\b)?",
    re.I,
)
_BREAKDOWN = re.compile(
    r"(?:\b(?:including|included|among\s+them|among\s+whom|of\s+whom|among\s+those|among\s+the\s+\w+\s+were|of\s+them"
    r"|of\s+the\s+\w+)\s*(?:were\s+)?(?:" + _QUAL + r"\s+)?$)",
    re.I,
)
_AMONG_IN = re.compile(r"\bamong\b", re.I)
# "Nine people, among them a boy, were killed": an aside after a count names some of them; the count is the whole
_AMONG_ASIDE = re.compile(r",\s+among\s+(?:them|whom)\b", re.I)
_P_INCLUDING = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?P<lead>)(?P<num>" + _NUM + r")(?:\s+" + _ADJ + r"){0,2}?"
    r"\s+(?P<subj>" + _PERSON + r")\b",
    re.I,
)
# A later item of a list a breakdown begins ("treated 61 people, including three in critical condition, 18 moderately
# injured and 31 with minor injuries"): a part of the count too. Only a verbless item (see ``_CLAUSE_VERB``): "killed
# 12, including three children, and 20 others were wounded" starts a clause of its own
_BREAKDOWN_LIST = re.compile(
    r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+(?:" + _NUM + r")\b[^.;:()]{0,80}?"
    r"(?:,\s*(?:and\s+)?|\s+and\s+)$",
    re.I)
_CLAUSE_VERB = re.compile(r"\b(?:were|was|are|is|have|has|had|been|others?|more)\b", re.I)
_AMONG_AFTER = re.compile(
    r"^\s+(?:of\s+them|of\s+the\s+(?:dead|injured|wounded|victims))|^\s+(?:were|are)\s+among\b", re.I)

_DEAD_RE = re.compile(
    r"kill|dead|die|dying|body|death|lives|perish|fatal|mortal|slain|murder|slaying|toll|succumb|passed\s+away|shot\s+(?:dead|to|and)"
    r"|martyr|behead|execut|lost\s+(?:his|her)\s+life",
    re.I,
)
_HOSP_RE = re.compile(r"hospital", re.I)
_MEDICAL_RE = re.compile(r"medical|treat(?:ed|ing)", re.I)
_MISSING_RE = re.compile(r"missing|unaccounted", re.I)
_SEVERE_RE = re.compile(r"\b(?:seriously|severely|critically|badly|gravely)\b", re.I)
_SHOT_RE = re.compile(r"^(?:fatally\s+)?shoot|^(?:fatally\s+)?shot$|gunshot|being\s+shot|bullet|gunfire", re.I)

# A total over several happenings, stated in the figure's own clause by its scope: "in all, 23 people were killed
# across the region", "40 wounded nationwide", "strikes killed 12 over the past 24 hours", "three were hurt in the
# border regions". Kept apart from the figures of each place (``Figure.total``) so that a total is never one site's
# toll nor summed with them. "In total, 51 were wounded" alone is the latest figure of one incident, not a total.
_TOTAL_SCOPE = re.compile(
    r"\b(?:across|throughout|nationwide|countrywide|elsewhere"
    r"|(?:in|over)\s+the\s+(?:past|last|previous)\s+(?:24\s+hours|day|week|two\s+days)"
    # a tally of a period: "the number of people injured in Dnipro this week to 40", "injured 11 people over the day"
    r"|(?:so\s+far\s+)?this\s+(?:week|month)|(?:over|throughout|during)\s+the\s+day"
    r"|in\s+(?:all\s+(?:the\s+)?|both\s+|several\s+|various\s+|separate\s+)(?:\w+\s+)?(?:attacks|strikes|raids)"
    r"|in\s+(?:the|these|all|both|several|various)\s+(?:\w+\s+)?(?:regions|provinces|areas|districts|cities|towns"
    r"|governorates|states))\b",
    re.I,
)

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Apr(?:il|\.)?|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|"
          r"Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
# "Baghdad, April 17 Two people were killed": the day of a date (a dateline's), never a count; not "in April 30 people"
_DAY_OF_MONTH = re.compile(
    r"\b(" + _MONTH + r"\s+)(\d{1,2})(?!\d)(?!\s+(?:people|persons|civilians|soldiers|children|others|were|have|had)\b)"
)
_WAR = (r"(?:war|conflict|fighting|invasion|insurgency|crisis|coup|uprising|offensive|campaign|escalation|violence|"
        r"hostilities)")
# A running toll of a war or campaign, stated in the figure's own clause: "since the war began", "since October 7",
# "since 2015", "the conflict has left", "such attacks have claimed", "according to an AFP tally", "the attack raised
# the death toll to 60". Never one happening's toll (``Figure.cumulative``). Not "the total number of injured rose to
# 25" nor "this brings the toll to 12": those update one happening's toll (they cost the sealed news an injured figure).
_CUMULATIVE_SCOPE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:(?:start|beginning|outbreak|onset|launch|end)\b|(?:\w+\s+)?" + _WAR + r"\b"
    r"|" + _MONTH + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?\b|(?:19|20)\d\d\b|last\s+(?:year|month)\b)"
    r"|\b(?:the|this|a)\s+(?:\w+\s+){0,2}?(?:war|conflict|insurgency|invasion|uprising)\b[^.;]{0,90}?\b(?:has|have|had)\s+"
    r"(?:(?:now|so\s+far|already|reportedly|since)\s+)?(?:killed|left|claimed|resulted|caused|cost)\b"
    r"|\b(?:such|these|similar)\s+(?:\w+\s+)?(?:attacks|incidents|raids|operations|strikes|killings)\b"
    r"|\bin\s+" + _MONTH + r"\s+alone\b"
    r"|\baccording\s+to\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?tally\b|\blatest\s+official\s+figures\b"
    r"|\b(?:attack|strike|raid|bombing|shelling)\s+(?:has\s+)?rais(?:ed|es)\s+the\s+(?:\w+\s+)?(?:toll|number)\b"
    # "41,965 people have been killed in the war", "killed in the conflict so far": the war's toll, not a day's
    r"|\b(?:killed|died|dead|wounded|injured)\s+in\s+the\s+(?:\w+\s+){0,2}?(?:war|conflict)(?![\w-])(?!\s+(?:zone|area))"
    # "the toll in violence that began Wednesday", "since Monday", "the fighting that erupted last week": a campaign's
    r"|\b" + _WAR + r"\s+(?:that|which)\s+(?:began|started|erupted|broke\s+out|flared)\b"
    r"|\bsince\s+(?:early\s+|late\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)
# "the heaviest shelling since the 1971 war killed 10", "the largest attack since the invasion began": a superlative
# dates a record, not a running toll
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:\w{3,}est|most\s+\w+|worst|first|single)\b(?!\s+(?:of|in)\s+(?:them|those))", re.I
)
# Where a clause ends for ``_CUMULATIVE_SCOPE``: "killed five on Sunday, bringing the total since October to 80"
_SUBCLAUSE_CUT = re.compile(
    r",\s+(?:bringing|raising|taking|pushing|up\s+from|while|but|whereas|as)\b|\s(?:while|whereas)\s|[.!?;:](?=\s)|\n|—|\s--\s",
    re.I,
)
# A party's claim of what its own attack did ("the group claimed its bomber killed 37 officials", "Israel claimed
# it killed 11 operatives"): a figure that competes with the reporting officials' (``Figure.claimed``); not a claim of
# responsibility for an attack whose toll the report gives ("the Taliban claimed the bombing that killed 24")
_CLAIM_BEFORE = re.compile(
    r"\bclaim(?:ed|s|ing)?\b(?!\s+(?:(?:full|sole)\s+)?(?:responsibility|credit))(?![^,;]*\bthat\b)", re.I
)
# "320 people were killed or wounded", "the shelling killed or injured 40": the dead and the hurt in one count, which
# gives neither figure
_OR_HURT_AFTER = re.compile(r"\s+or\s+(?:were\s+|had\s+been\s+|been\s+)?(?:wounded|injured|hurt|maimed)\b", re.I)
_KILLED_OR_BEFORE = re.compile(r"\b(?:killed|dead|died)\s+or\s+$", re.I)
# A figure the report gives as one it has since updated: "an unconfirmed earlier report put the death toll at seven",
# "officials had earlier reported two fatalities", "Initially, police said three were hurt" (``Figure.superseded``)
_SUPERSEDED_BEFORE = re.compile(
    r"(?:\b(?:earlier|initial|previous|preliminary|unconfirmed|first)\s+(?:\w+\s+)?(?:reports?|accounts?|estimates?|figures?"
    r"|counts?|tally|tallies)\b|\b(?:had\s+)?(?:earlier|initially|previously)\s+(?:\w+\s+)?(?:said|reported|put|given"
    r"|stated|announced|told)\b|^\W*(?:Earlier|Initially|Previously)\b"
    # a wire's recap of its earlier story: "As Ukrinform reported, on May 3 ...", "As reported earlier, ..."
    r"|^\W*As\s+(?:[\w.’'/-]+\s+){0,3}?(?:had\s+)?(?:reported|wrote|informed)\b)[^.;]{0,120}$",
    re.I,
)
# A figure reported after the story's first count: "officials later reported that four people had been killed",
# "the governor subsequently said", "Updated at 10:55: the prosecutor reported ..." (``Figure.later``)
_LATER_BEFORE = re.compile(
    r"(?:\b(?:later|subsequently)\s+(?:\w+\s+)?(?:said|reported|confirmed|announced|stated|updated|told|put)\b"
    r"|^\W*Updated\b)[^.;]{0,120}$",
    re.I,
)
# A figure stated as the whole count of its happening, in its own clause: "In total, 51 soldiers were wounded",
# "a total of 61 people were wounded", "overall, 12 were hurt", "altogether nine died", "in all, 30 were injured".
# (With a scope of several places it is a total over happenings: ``_TOTAL_SCOPE``.)
_OVERALL_BEFORE = re.compile(
    r"\b(?:in\s+total|a\s+total\s+of|overall|altogether|in\s+all)\b[^.;]{0,60}$", re.I
)
# An earlier happening the report goes back to, with its own toll: "The latest strike follows a hit on a play area
# on Friday that killed seven", "it also came after explosions of devices killed 37" (``Figure.earlier``)
_EARLIER_BEFORE = re.compile(
    r"\b(?:follows|followed|came\s+(?:just\s+)?(?:after|days\s+after|hours\s+after)|comes\s+(?:after|as)"
    r"|on\s+the\s+heels\s+of)\b",
    re.I,
)
