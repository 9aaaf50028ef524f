"""Event mentions: sentence -> PLOVER categories that happened (negated and irrealis ones excluded)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.coding.events import event_score, find_mentions, find_weapons, is_war_report, mode_for, weapon_for
from warwatch.coding.statements import commitment
from warwatch.models import Actor


def _gap(reason: str) -> pytest.MarkDecorator:
    """A sentence in fresh wording that the coder misses: a generalisation bug, kept visible until fixed."""
    return pytest.mark.xfail(strict=True, reason=f"generalisation: {reason}")


CASES = [
    ("A cyclist was shot near the bus depot late on Friday.", {"ASSAULT"}),
    ("Officers found a teenager with two gunshot wounds in the alley.", {"ASSAULT"}),
    ("The man suffered a head injury in the fall.", set()),
    ("A shooting at a car wash left two men dead, police said.", {"ASSAULT"}),
    ("Air defences shot down 12 drones overnight.", {"ASSAULT"}),
    ("The farmers' association demanded that the ministry cut the price of diesel.", {"REQUEST"}),
    ("The junta rejected the mediators' timetable for elections.", {"REJECT"}),
    pytest.param("The mayor declined to step down despite weeks of protests.", {"REJECT"},
                 marks=_gap("a refusal is read from 'declined to resign' (a GSR wording), not from 'declined to step "
                            "down'")),
    ("The rebel council says it is ready to hand back the captured trucks.", set()),
    ("The strikers demanded a pay rise before returning to work.", {"REQUEST"}),
    ("The two provinces agreed to pool their fire-fighting crews.", {"AGREE"}),
    ("The African Union withdrew its observers from the disputed district.", {"SANCTION"}),
    ("The prime minister promised fresh sanctions against the junta.", {"THREATEN"}),
    ("The general warned of a harsh response to any incursion.", {"THREATEN"}),
    ("The defence minister resigned on Friday.", {"RETREAT"}),
    pytest.param("A church group handed over 400 blankets to the refugee camp.", {"AID"},
                 marks=_gap("handing over goods is AID only for medicine (the GSR wording)")),
    ("The rebels handed over six captured soldiers to the mediators.", {"RETREAT"}),
    ("Hundreds of taxi drivers blocked the ring road to demand a cut in licence fees.", {"PROTEST"}),
    ("The bishop said the kidnappers must free the nuns unharmed.", {"REQUEST"}),
    ("Both armies exchanged prisoners at the border.", {"RETREAT"}),
    ("The insurgent command declared a week-long truce in the eastern hills.", {"RETREAT"}),
    ("The dockers' union called off the port blockade after a deal with the harbour authority.", {"CONCEDE"}),
    ("The shipping company filed a complaint against the coastguard over the seized cargo.", {"ACCUSE"}),
    ("About 300 miners sought shelter across the river in the next province.", {"REQUEST"}),
    ("Red Cross buses evacuated the wounded from the encircled district.", {"AID"}),
    ("The summit ended without an agreement.", {"CONSULT"}),
    ("The tribunal scrapped the limits on foreign broadcasters.", {"CONCEDE"}),
    ("Guerrillas killed two border guards in the mountains.", {"ASSAULT"}),
    pytest.param("The two kingdoms raised their relations to embassy level.", {"SUPPORT"},
                 marks=_gap("'upgraded ties' (the GSR verb) is SUPPORT, 'raised relations' is not")),
    ("The party leader defended the finance minister against accusations of fraud.", {"SUPPORT"}),
    ("The army forced the observers out of the valley.", {"SANCTION"}),
    ("The prime minister said her cabinet is committed to holding early elections.", {"AGREE"}),
    ("The kidnappers have offered to release the engineers for a ransom.", {"AGREE"}),
    ("Ukrainian drones struck two apartment blocks in Moscow on Tuesday.", {"ASSAULT"}),
    ("Russian missiles hit Kyiv overnight, killing three people.", {"ASSAULT"}),
    ("Artillery shelled the village of Kozacha Lopan on Monday.", {"ASSAULT"}),
    ("Air defences shot down 18 of 20 drones over the region.", {"ASSAULT"}),
    ("A glide bomb struck a warehouse in the city.", {"ASSAULT"}),
    ("The army launched a barrage of rockets at the border town.", {"ASSAULT"}),
    ("Israeli warplanes bombed a building in the south of the city.", {"ASSAULT"}),
    ("The foreign ministers met in Geneva on Friday.", {"CONSULT"}),
    ("The president held talks with his Polish counterpart.", {"CONSULT"}),
    ("Biden spoke by phone with Zelensky on Sunday.", {"CONSULT"}),
    ("Macron visited Kyiv on Thursday.", {"CONSULT"}),
    ("The two countries signed a security agreement.", {"AGREE"}),
    ("The sides agreed on a prisoner exchange.", {"AGREE"}),
    ("The UN called for a truce in the north.", {"REQUEST"}),
    ("Poland urged NATO allies to send more air defence systems.", {"REQUEST"}),
    ("Moscow accused Kyiv of a terrorist attack.", {"ACCUSE"}),
    ("Spain condemned the shelling of the hospital.", {"ACCUSE"}),
    ("Russia vetoed the draft resolution.", {"REJECT"}),
    ("Kyiv denied involvement in the blast.", {"REJECT"}),
    ("The spokesman threatened to retaliate against any attack.", {"THREATEN"}),
    ("The EU imposed new sanctions on Russian banks.", {"SANCTION"}),
    ("The court issued an arrest warrant for the president.", {"SANCTION"}),
    ("Both sides released dozens of prisoners of war.", {"RETREAT"}),
    ("Poland scrambled fighter jets after the incursion.", {"MOBILIZE"}),
    ("Police arrested four men suspected of sabotage.", {"COERCE"}),
    ("Thousands of protesters rallied in the capital.", {"PROTEST"}),
    pytest.param("The clan elders have sworn to resist until the soldiers leave.", {"THREATEN"},
                 marks=_gap("only 'sworn to fight' (the GSR wording) is a threat")),
    ("The nurses' union repeated its call for safer staffing.", {"REQUEST"}),
    ("Negotiators failed to agree on the route of the new border fence.", {"REJECT"}),
    ("The opposition welcomed the election commission's ruling on the recount.", {"SUPPORT"}),
    ("The Red Cross mediated between the prison guards and the inmates.", {"CONSULT"}),
    # found while replacing copied test text: common wordings with no trigger
    pytest.param("Artillery fire wrecked homes in the border village on Monday.", {"ASSAULT"},
                 marks=_gap("'wreck' is no ASSAULT trigger")),
    pytest.param("Drones set a grain terminal on fire overnight.", {"ASSAULT"},
                 marks=_gap("'set on fire' is no ASSAULT trigger")),
    pytest.param("Shells landed in three frontline towns on Monday.", {"ASSAULT"},
                 marks=_gap("'shells landed in' is no ASSAULT trigger")),
    ("The European Union blacklisted a dozen drone makers.", {"SANCTION"}),
    pytest.param("Latvia said it will not admit new migrants from the east this year.", {"REJECT"},
                 marks=_gap("a refusal is read from 'will not accept' (a GSR wording) but not 'will not admit'")),
]

NOT_HAPPENED = [
    "The bloc will invite the country to join when all members agree.",
    "Russia did not attack the city with drones.",
    "The leaders will meet next week in Geneva.",
    "If troops cross the border, the army could strike the bridge.",
    "There was no missile attack on the plant.",
    # arranged or poised, not yet done
    "The ministry said there were no plans for a meeting between the two presidents.",
    "Officials said preparations for a summit of the two leaders were under way.",
    "The two presidents are set to meet in Accra later this month.",
    "Government troops are poised to attack the rebel stronghold, a commander said.",
    # what a weapon can do, not what it did
    "The island state bought a radar system capable of shooting down cruise missiles.",
    "The army unveiled a drone with the range to hit targets far behind the front.",
    "The new rocket is designed to hit targets 300 km away, the manufacturer said.",
]

# frames that stand without the classifier's consent: a strong trigger that is no modifier of another noun
STRONG = [
    ("The charity renewed its demand that the rebels open a corridor for food convoys.", "REQUEST"),
    pytest.param("The donor group suspended its grants to the provincial health service.", "SANCTION",
                 marks=_gap("suspending aid is a frame for 'aid' (the GSR noun) but not for 'grants'")),
    ("The radio station has violated an order barring coverage of the strike.", "REJECT"),
    ("The opposition welcomed the election commission's ruling on the recount.", "SUPPORT"),
]


@pytest.mark.parametrize(("sentence", "category"), STRONG)
def test_strong_frames(nlp: Language, sentence: str, category: str) -> None:
    doc = nlp(sentence)
    assert any(m.category == category and m.happened and m.strong and m.trigger.dep_ != "compound"
               for s in doc.sents for m in find_mentions(s))


# sentences with a trigger-like frame that does not give the category
NOT_CATEGORY = [
    ("The hotel welcomed the guests from the conference.", "SUPPORT"),
    ("The general ordered his troops to halt at the river.", "COERCE"),
    ("The talks failed to produce a breakthrough on the border line.", "REJECT"),
    ("The question of the border was raised at the meeting.", "REJECT"),
    ("The government suspended the football league for a month.", "SANCTION"),
    ("The charity renewed its demand that the rebels open a corridor for food convoys.", "CONCEDE"),
    ("The engineers are building bridges to use in the spring.", "THREATEN"),
    ("The player violated the rules of the game.", "REJECT"),
    ("The Oman-mediated talks between the neighbours resumed.", "NONE"),
    # the attacks named as what is to end or has ended: no new attack
    ("The envoys pressed for a halt to the shelling along the river.", "ASSAULT"),
    ("The bishop appealed for an end to the fighting in the hills.", "ASSAULT"),
    ("Despite a lull in the air strikes, families stayed in the shelters.", "ASSAULT"),
    ("The council urged both armies to stop the fighting before the harvest.", "ASSAULT"),
    ("The rebels will stop shelling the port once the talks begin.", "ASSAULT"),
    # a claim of one's own responsibility sets an attack's actor; it accuses no one
    ("The rebels said their fighters were responsible for the ambush.", "ACCUSE"),
    ("The militia said it was behind the bombing of the depot.", "ACCUSE"),
    # a reported clause that is negated, or whose condemning word is not what the subject is called
    ("The governor said the shelling of the market was not a provocation.", "ACCUSE"),
    ("The minister said the victims of the terrorist attack were buried on Sunday.", "ACCUSE"),
    ("The spokesman said the fight against terrorism was going well.", "ACCUSE"),
    # the accusations a rejection dismisses are not the rejecter's own
    ("The rebels dismissed the accusations as baseless.", "ACCUSE"),
    ("The envoy described the allegations as groundless.", "ACCUSE"),
    # "lies" as a verb of place, and a call for an inquiry into crimes, are no rejection or accusation
    ("The minister said the answer lies within the region itself.", "REJECT"),
    ("The charity is calling for an inquiry to establish whether the shelling was a war crime.", "ACCUSE"),
    # a thing that slams into another is no critic
    ("The drone slammed into a warehouse near the port during the attack on Sunday night.", "ACCUSE"),
    # an attack the speaker announces for another is no threat of its own
    ("The mayor said the rebels would attack the camps soon.", "THREATEN"),
    # a ban of one's own events is no embargo; an accident is blamed on no one
    ("The mayor said the flooding of the valley was an accident.", "ACCUSE"),
    ("The city banned fireworks during the festival.", "SANCTION"),
    # an accord named as what is welcomed or quarrelled over is the topic of the reaction, no accord of the reactor
    ("The island council welcomed the fishing accord on Tuesday.", "AGREE"),
    ("The coastal state recalled its envoy over the port deal.", "AGREE"),
    # agreeing with a view is an opinion, no accord
    ("The envoy agreed with the minister's assessment that the ceasefire was holding.", "AGREE"),
]

NO_EVENT = [
    "The commander promised to reveal more details later.",
    "The minister warned that the dispute could lead to a wider war.",
    "Cheap drones are a serious risk to airfields, a research group concluded.",
    pytest.param("The senator was shunned by colleagues for backing the invasion.",
                 marks=_gap("a past cause in a 'for V-ing' adjunct ('for backing') is coded as a SUPPORT that "
                            "happened")),
    "He sounded grateful for the help from abroad.",
    "The drone light show lit up the sky over the harbour.",
    "Farmers use drones to spray their fields.",
    "The striker hit the post twice in the first half.",
    "Wheat prices rose for the third week in a row.",
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_categories(nlp: Language, sentence: str, expected: set[str]) -> None:
    doc = nlp(sentence)
    found = {m.category for s in doc.sents for m in find_mentions(s) if m.happened}
    assert expected <= found, found


@pytest.mark.parametrize("sentence", NOT_HAPPENED)
def test_negated_and_irrealis_did_not_happen(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    mentions = [m for s in doc.sents for m in find_mentions(s)]
    assert mentions, "a trigger should be found"
    assert not any(m.happened for m in mentions)


@pytest.mark.parametrize("sentence", [
    "The cabinet called off the talks with the miners' union after the riot.",
    "The envoys broke off negotiations with the rebels on Monday.",
])
def test_talks_called_off_did_not_happen(nlp: Language, sentence: str) -> None:
    """Talks called off are halted (SANCTION), not held: the phrasal verb stops them like "suspended"."""
    doc = nlp(sentence)
    mentions = [m for s in doc.sents for m in find_mentions(s)]
    assert any(m.category == "SANCTION" and m.happened for m in mentions), mentions
    assert not any(m.category == "CONSULT" and m.happened for m in mentions), mentions


@pytest.mark.parametrize(("sentence", "category"), NOT_CATEGORY)
def test_not_category(nlp: Language, sentence: str, category: str) -> None:
    doc = nlp(sentence)
    found = [m for s in doc.sents for m in find_mentions(s) if m.happened]
    assert category not in {m.category for m in found}
    assert not any(m.trigger.dep_ == "amod" for m in found), found  # a participle modifier is no trigger


@pytest.mark.parametrize(
    ("sentence", "coded"),
    [
        ("The strike committee said it would meet the governor if he withdrew the charges.", "AGREE"),
        ("The strike committee said it would meet the governor next month.", None),
        ("A former president will travel to the border region to mediate between the clans.", "AGREE"),
        ("A former president will travel to the border region to meet the clans.", None),
    ],
)
def test_conditional_offer_to_meet(nlp: Language, sentence: str, coded: str | None) -> None:
    doc = nlp(sentence)
    meet = [m for s in doc.sents for m in find_mentions(s) if m.category == "CONSULT" and m.trigger.lemma_ != "travel"]
    assert meet and not meet[0].happened
    actor = (Actor(name="rebels", country="XXX", sector=None),)
    assert commitment(meet[0], actor) == coded


@pytest.mark.parametrize("sentence", NO_EVENT)
def test_no_event(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    assert not [m for s in doc.sents for m in find_mentions(s) if m.happened]


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Shahed drones hit the port", "drone"),
        ("an Iskander missile struck", "missile"),
        ("S-300 rockets hit the restaurant, the missile", "missile"),
        ("drones and cruise missiles", "mixed"),
        ("artillery shelling of the village", "artillery"),
        ("Grad rockets landed in the town", "rocket"),
        ("a guided aerial bomb hit the plant", "glide_bomb"),
        ("an airstrike destroyed the building", "aircraft"),
        ("nothing of the kind", None),
    ],
)
def test_weapons(text: str, weapon: str | None) -> None:
    assert weapon_for({w for _, _, w in find_weapons(text)}) == weapon


@pytest.mark.parametrize(
    ("weapon", "text", "mode"),
    [("drone", "", "drone"), ("missile", "", "aerial"), ("artillery", "", "heavy-weapons"),
     (None, "gunmen opened fire", "firearms"), ("drone", "the assassination of a commander", "targeted")],
)
def test_modes(weapon: str | None, text: str, mode: str) -> None:
    assert mode_for("ASSAULT", weapon, text) == mode


def test_scores_are_signed() -> None:
    assert event_score("ASSAULT", "drone") == -9.5
    assert event_score("AGREE", None) > 0 > event_score("THREATEN", None)


@pytest.mark.parametrize("sentence", [
    "The bishop appealed for an end to the ongoing shelling of the valley towns.",
    "The envoys want a halt to the continuing air strikes on the port.",
])
def test_an_end_to_ongoing_attacks_keeps_them(nlp: Language, sentence: str) -> None:
    # attacks still going on when their end is sought are the news of the day (frame.end-to-attacks no_child)
    doc = nlp(sentence)
    assert "ASSAULT" in {m.category for s in doc.sents for m in find_mentions(s) if m.happened}


@pytest.mark.parametrize(
    ("sentence", "category", "rule_part"),
    [
        ("Oslo called the raid cowardly.", "ACCUSE", "condemning"),
        ("Kyiv called the attack a war crime.", "ACCUSE", "condemning"),
        ("The militia vowed to retaliate against the base.", "THREATEN", "vow to retaliate"),
        ("The minister promised to send more generators.", "AGREE", "promise to send"),
        # CAMEO's BLAME verbs: "charged that" accuses (not "charged him with", a prosecution)
        ("The harbour union charged that the port board had hidden the audit.", "ACCUSE", "charge that"),
        # the parser reads the object complement of "held ... responsible" as an adverbial clause
        ("Malta held Tunisia responsible for the collapse of the ferry deal.", "ACCUSE", "hold responsible"),
        # CAMEO 163: a ban on another's trade is an embargo
        ("Fiji banned imports of timber from Vanuatu.", "SANCTION", "ban import"),
        # an attack the speaker announces for itself or its forces threatens (CAMEO 138)
        ("The island militia said it would target the navy ships in the strait.", "THREATEN", "would attack"),
        ("The junta said its jets would strike the rebel camps if the raids went on.", "THREATEN", "would attack"),
        # halting negotiations (CAMEO 164)
        ("Fiji broke off the talks with the island rebels on Monday.", "SANCTION", "off talk"),
        # an act called no accident, or confirmed as deliberate, is blamed on its author
        ("The mayor said the flooding of the valley was no accident.", "ACCUSE", "no accident"),
        ("The envoy said the drones over the lake were not an accidental intrusion.", "ACCUSE", "no accident"),
        ("The navy confirmed that the ramming of the trawler was deliberate.", "ACCUSE", "deliberate"),
    ],
)
def test_frame_triggers(nlp: Language, sentence: str, category: str, rule_part: str) -> None:
    doc = nlp(sentence)
    rules = {m.rule for s in doc.sents for m in find_mentions(s) if m.category == category}
    assert any(rule_part in r for r in rules), rules


def test_two_subjects_two_mentions(nlp: Language) -> None:
    doc = nlp("Paris condemned the raid as barbaric, while Madrid called it shameful.")
    accuse = [m for s in doc.sents for m in find_mentions(s) if m.category == "ACCUSE"]
    assert len(accuse) == 2


@pytest.mark.parametrize(
    ("text", "war"),
    [
        ("Russian drones and missiles struck Kharkiv overnight; air defences shot down 20 drones.", True),
        ("Troops shelled the front line as the ceasefire collapsed, the defence ministry said.", True),
        ("A man was shot and killed on Main Street; two others were wounded and one woman was injured.", False),
        ("Police said the gunman killed three people and wounded four before he was shot dead by officers.", False),
        ("Hezbollah fired rockets at a military base in the north.", True),
        ("The army veteran was killed in a car crash.", False),
    ],
)
def test_war_reports_are_told_from_local_crime_reports(text: str, war: bool) -> None:
    assert is_war_report(text) is war


# casualty verbs and war nouns that report an attack: a beheading, a martyrdom, an execution of people, a clash or
# encounter with casualties, a strike or blast named by its weapon
ATTACKS_BY_OUTCOME = [
    "Insurgents beheaded two farmers near the river.",
    "A constable was martyred when gunmen fired on the checkpoint.",
    "The militia executed six villagers at the well.",
    "Two soldiers were killed in an encounter with rebels in the forest.",
    "The clash between troops and rebels left three soldiers dead.",
    "Four people died in an air strike on the market town.",
    "A suicide blast tore through the police post.",
    "A gunfight broke out at the checkpoint at dawn.",
]
# a weak attack verb (struck, stormed, targeted, hit, exploded) made an attack by who or what carried it out: a
# bomber, a bandit gang, assailants, a grenade name the violence as plainly as "gunmen" or "militants" do
ATTACKS_BY_ATTACKER = [
    "A suicide bomber struck a crowded bus station in the hill town at dusk.",
    "Bandits stormed a farming hamlet before dawn.",
    "Assailants on a motorbike targeted the convoy outside the market.",
    "A grenade thrown from a passing car exploded near the gate of the barracks.",
    "Suicide bombers hit a fuel depot on the edge of the port.",
]
# attacks told by what the weapon did or how the fight went, with no attack noun: bombs dropped, a bomber who blew
# himself up or set off his charge, a car bomb that detonated, traders gunned down, armed parties that clashed
ATTACKS_BY_DEED = [
    "An army helicopter dropped four bombs on the hillside village at noon.",
    "A teenage bomber blew himself up beside a bakery queue on Monday.",
    "The attacker set off his explosives beside the bus queue.",
    "A car laden with explosives detonated outside the customs office.",
    "A device strapped to a bicycle went off near the grain market.",
    "Masked men gunned down three drivers at the fuel station.",
    "Rebel fighters and army troops clashed near the river crossing overnight.",
    "Fierce clashes broke out in the old quarter of the port city.",
]
# the same words in another sense: no attack
NOT_ATTACKS = [
    "The two ministers clashed over the budget on Monday.",
    "The two sides executed a prisoner swap at the border.",
    "The envoys had a brief encounter at the summit.",
    "The president executed the plan without delay.",
    "Opposition leaders clashed with the cabinet over the budget.",
    "The airline dropped two routes from its winter timetable.",
]


@pytest.mark.parametrize("sentence", ATTACKS_BY_OUTCOME)
def test_attacks_by_outcome(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    assert any(m.category == "ASSAULT" and m.happened for s in doc.sents for m in find_mentions(s))


@pytest.mark.parametrize("sentence", ATTACKS_BY_ATTACKER)
def test_attacks_by_attacker(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    assert any(m.category == "ASSAULT" and m.happened for s in doc.sents for m in find_mentions(s))


@pytest.mark.parametrize("sentence", ATTACKS_BY_DEED)
def test_attacks_by_deed(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    assert any(m.category == "ASSAULT" and m.happened for s in doc.sents for m in find_mentions(s))


@pytest.mark.parametrize("sentence", NOT_ATTACKS)
def test_not_attacks(nlp: Language, sentence: str) -> None:
    doc = nlp(sentence)
    assert not any(m.category == "ASSAULT" for s in doc.sents for m in find_mentions(s))


# force short of violence is no ASSAULT (PLOVER): a raid told with arrests or a search of homes is COERCE, a raid
# that kills or meets fire stays an attack; a missile fired into the sea is a show of capability (MOBILIZE)
FORCE_SHORT_OF_VIOLENCE = [
    ("Soldiers raided the market town overnight and detained eleven young men.", "COERCE"),
    ("Police stormed the union's offices on Tuesday and arrested its leaders.", "COERCE"),
    ("Agents raided the homes of two newspaper editors in the capital.", "COERCE"),
    ("Dozens of students were detained in a night raid on the campus.", "COERCE"),
    ("Soldiers raided the market town overnight and two farmers were killed in the shooting.", "ASSAULT"),
    ("Militiamen stormed the barracks, and three guards were wounded.", "ASSAULT"),
    ("The navy fired two cruise missiles into the sea off its western coast on Monday.", "MOBILIZE"),
    ("A ballistic missile was launched toward the open ocean early on Friday, the defence ministry said.", "MOBILIZE"),
    ("The rebels fired a missile at the port city on Monday.", "ASSAULT"),
]


@pytest.mark.parametrize(("sentence", "category"), FORCE_SHORT_OF_VIOLENCE)
def test_force_short_of_violence(nlp: Language, sentence: str, category: str) -> None:
    doc = nlp(sentence)
    found = {m.category for s in doc.sents for m in find_mentions(s) if m.happened}
    assert category in found, found
    if category != "ASSAULT":
        assert "ASSAULT" not in found, found


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Chile condemned the attack, saying Peruvian drones hit a fuel convoy near the border.", "hit"),
        ("Norway denied the bombing, but said Swedish jets struck a radar station.", "struck"),
        ("The Peruvian drones hit a fuel convoy near the border.", "hit"),
    ],
)
def test_an_attack_told_wins_over_one_referred_to(nlp: Language, sentence: str, trigger: str) -> None:
    doc = nlp(sentence)
    attacks = [m for s in doc.sents for m in find_mentions(s) if m.category == "ASSAULT"]
    assert [m.trigger.text for m in attacks] == [trigger]
