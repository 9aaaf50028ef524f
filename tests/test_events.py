"""Event mentions: sentence -> PLOVER categories that happened (negated and irrealis ones excluded)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.events import event_score, find_mentions, find_weapons, is_war_report, mode_for, weapon_for
from warwatch.models import Actor
from warwatch.statements import commitment

CASES = [
    ("A woman was shot outside a drugstore on Friday night.", {"ASSAULT"}),
    ("A man was found with several gunshot wounds to his upper body.", {"ASSAULT"}),
    ("The man suffered a head injury in the fall.", set()),
    ("Police said two men died in a shooting at a motel.", {"ASSAULT"}),
    ("Air defences shot down 12 drones overnight.", {"ASSAULT"}),
    ("The ministry demanded that the neighbour ease restrictions on border crossings.", {"REQUEST"}),
    ("The government rejected the ultimatum.", {"REJECT"}),
    ("The minister declined to resign.", {"REJECT"}),
    ("Syria says it is willing to withdraw its troops.", set()),
    ("The rebels demanded a truce before any talks.", {"REQUEST"}),
    ("The two sides agreed to share information on missing people.", {"AGREE"}),
    ("The UN withdrew its monitors from the border zone.", {"SANCTION"}),
    ("The foreign secretary promised the largest package of sanctions against the regime.", {"THREATEN"}),
    ("The general warned of a harsh response to any incursion.", {"THREATEN"}),
    ("The defence minister resigned on Friday.", {"RETREAT"}),
    ("Volunteers handed over two tonnes of medicine to the hospital.", {"AID"}),
    ("The rebels handed over six captured soldiers to the mediators.", {"RETREAT"}),
    ("Thousands of farmers blocked roads in the capital demanding lower fuel prices.", {"PROTEST"}),
    ("The envoy said the rebels must release the hostages.", {"REQUEST"}),
    ("Both armies exchanged prisoners at the border.", {"RETREAT"}),
    ("The rebels declared a unilateral ceasefire in the north on Monday.", {"RETREAT"}),
    ("The union called off its week-long strike after talks with the ministry.", {"CONCEDE"}),
    ("The foreign ministry filed a complaint with its neighbour about the seized fishing boats.", {"ACCUSE"}),
    ("Thousands of villagers sought refuge in the neighbouring country.", {"REQUEST"}),
    ("UN helicopters evacuated civilians from the besieged town.", {"AID"}),
    ("The summit ended without an agreement.", {"CONSULT"}),
    ("The court cancelled restrictions on the opposition newspaper.", {"CONCEDE"}),
    ("Guerrillas killed two border guards in the mountains.", {"ASSAULT"}),
    ("The two states upgraded their diplomatic ties to ambassador level.", {"SUPPORT"}),
    ("The governor defended the mayor against criticism from the capital.", {"SUPPORT"}),
    ("The militia forced the aid agency out of the province.", {"SANCTION"}),
    ("The minister said the government is committed to opening the border crossings.", {"AGREE"}),
    ("The army has offered to hand over the captured pilots.", {"AGREE"}),
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
    ("The UN called for an immediate ceasefire.", {"REQUEST"}),
    ("Poland urged NATO allies to send more air defence systems.", {"REQUEST"}),
    ("Moscow accused Kyiv of a terrorist attack.", {"ACCUSE"}),
    ("Germany condemned the strikes on the power grid.", {"ACCUSE"}),
    ("Russia vetoed the draft resolution.", {"REJECT"}),
    ("Kyiv denied involvement in the blast.", {"REJECT"}),
    ("The spokesman threatened to retaliate against any attack.", {"THREATEN"}),
    ("The EU imposed new sanctions on Russian banks.", {"SANCTION"}),
    ("The court issued an arrest warrant for the president.", {"SANCTION"}),
    ("Both sides released dozens of prisoners of war.", {"RETREAT"}),
    ("Poland scrambled fighter jets after the incursion.", {"MOBILIZE"}),
    ("Police arrested four men suspected of sabotage.", {"COERCE"}),
    ("Thousands of protesters rallied in the capital.", {"PROTEST"}),
    ("The rebels have sworn to fight until they take the valley.", {"THREATEN"}),
    ("The union voiced its demand for higher wages.", {"REQUEST"}),
    ("The parties failed to agree on a new constitution.", {"REJECT"}),
    ("The cabinet welcomed the court's decision on the disputed islands.", {"SUPPORT"}),
    ("The bishop mediated between the government and the strikers.", {"CONSULT"}),
]

NOT_HAPPENED = [
    "The bloc will invite the country to join when all members agree.",
    "Russia did not attack the city with drones.",
    "The leaders will meet next week in Geneva.",
    "If troops cross the border, the army could strike the bridge.",
    "There was no missile attack on the plant.",
]

# frames that stand without the classifier's consent: a strong trigger that is no modifier of another noun
STRONG = [
    ("The agency reiterated its demand that the army lift the siege of the town.", "REQUEST"),
    ("The government suspended part of its economic aid to the island.", "SANCTION"),
    ("The weekly has violated a ban on reporting the trial.", "REJECT"),
    ("The cabinet welcomed the court's decision on the disputed islands.", "SUPPORT"),
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
    ("The agency reiterated its demand that the army lift the siege of the town.", "CONCEDE"),
    ("The engineers are building bridges to use in the spring.", "THREATEN"),
    ("The player violated the rules of the game.", "REJECT"),
    ("The Oman-mediated talks between the neighbours resumed.", "NONE"),
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
]

NO_EVENT = [
    "The commander promised to reveal more details later.",
    "The minister warned that the dispute could lead to a wider war.",
    "Analysts deem cheap drones a significant threat to air bases.",
    "The president was ostracized for launching the war.",
    "She seemed appreciative of the foreign assistance.",
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


@pytest.mark.parametrize(("sentence", "category"), NOT_CATEGORY)
def test_not_category(nlp: Language, sentence: str, category: str) -> None:
    doc = nlp(sentence)
    found = [m for s in doc.sents for m in find_mentions(s) if m.happened]
    assert category not in {m.category for m in found}
    assert not any(m.trigger.dep_ == "amod" for m in found), found  # a participle modifier is no trigger


@pytest.mark.parametrize(
    ("sentence", "coded"),
    [
        ("The rebel leaders said they would meet the envoy if he guaranteed their safety.", "AGREE"),
        ("The rebel leaders said they would meet the envoy next week.", None),
        ("The bishop will travel to the capital to mediate between the parties.", "AGREE"),
        ("The bishop will travel to the capital to meet the parties.", None),
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


@pytest.mark.parametrize(
    ("sentence", "category", "rule_part"),
    [
        ("London called the strikes cowardly.", "ACCUSE", "condemning"),
        ("Kyiv called the attack a war crime.", "ACCUSE", "condemning"),
        ("The militia vowed to retaliate against the base.", "THREATEN", "vow to retaliate"),
        ("The minister promised to send more generators.", "AGREE", "promise to send"),
    ],
)
def test_special_triggers(nlp: Language, sentence: str, category: str, rule_part: str) -> None:
    doc = nlp(sentence)
    rules = {m.rule for s in doc.sents for m in find_mentions(s) if m.category == category}
    assert any(rule_part in r for r in rules), rules


def test_two_subjects_two_mentions(nlp: Language) -> None:
    doc = nlp("Washington denounced the strikes as outrageous, while London called them cowardly.")
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
