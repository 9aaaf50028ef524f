"""Roles: the actor and recipient of an event mention, read off the dependency parse."""

from __future__ import annotations

import pytest

from warwatch.coding.events import find_mentions
from warwatch.coding.roles import find_roles


@pytest.mark.parametrize(
    ("sentence", "category", "actor", "recipient"),
    [
        # an adjectival commitment: the committed subject acts (not the recipient of a passive)
        ("Officials said Norway is committed to opening its markets.", "AGREE", {"NOR"}, None),
        # "held villagers as human shields": the nominal trigger in an "as" phrase belongs to the verb's subject
        ("The Peruvian army held villagers as human shields.", "COERCE", {"PER"}, None),
        # "return to Vienna for talks": whoever travels for talks holds them
        ("Austrian and Swiss negotiators return to Vienna for talks on trade.", "CONSULT", {"AUT", "CHE"}, None),
        # an unnamed body is coded to its base
        ("A newspaper based in Chile has violated a ban on reporting the trial.", "REJECT", {"CHL"}, None),
        # "its demand that Uganda reopen the border": demanded of Uganda
        ("The Kenyan government reiterated its demand that Uganda reopen the border.", "REQUEST", None, {"UGA"}),
        # weapons "to use against" someone: the target of the threat
        # an accusation told as reported speech accuses the reported clause's subject
        ("Chile said Peru was behind the sabotage of the pipeline.", "ACCUSE", {"CHL"}, {"PER"}),
        ("Norway said Sweden bears full responsibility for the collision.", "ACCUSE", {"NOR"}, {"SWE"}),
        ("Malta charged that Tunisian boats had rammed its patrol vessel.", "ACCUSE", {"MLT"}, {"TUN"}),
        ("Kenya said the Ugandan shelling of the camp was barbaric.", "ACCUSE", {"KEN"}, {"UGA"}),
        # a document condemning: its issuer, through the verb it is the object of or the clause it frames
        ("The Bolivian senate passed a resolution condemning the raid.", "ACCUSE", {"BOL"}, None),
        ("In a statement denouncing the arrests, Ghana called for calm.", "ACCUSE", {"GHA"}, None),
        ("Norway issued a statement condemning the raid on the harbour.", "ACCUSE", {"NOR"}, None),
        # voting on a document or blocking it does not issue it: no issuer, so no actor from that verb
        ("Brazil vetoed a draft resolution condemning the raid on the harbour.", "ACCUSE", set(), None),
        ("Japan abstained in the vote on a motion condemning the blockade.", "ACCUSE", set(), None),
        # the subject of the verb "backed" backs (no "Chile-backed" sponsor label); a sponsor label stays none
        ("Chile backed the truce plan of the mediators.", "SUPPORT", {"CHL"}, None),
        ("Chile backed militias shelled the border post.", "ASSAULT", set(), None),
        # a reaction a deed "drew" from someone: the critic acts on the deed's author
        ("The Peruvian raid drew sharp criticism from Chile.", "ACCUSE", {"CHL"}, {"PER"}),
        # a story's dateline parsed as a subject is where it was filed: the subject follows the dash
        ("Oslo — Swedish drones hit a Finnish ferry overnight.", "ASSAULT", {"SWE"}, {"FIN"}),
        ("LIMA, Peru (AP) — The leader of Chile's northern region accused Bolivia of moving troops to the border.",
         "ACCUSE", {"CHL"}, {"BOL"}),
        # ... and a name split by the parse after the dateline ("President Jane Roe" as an apposition) stays whole
        ("QUITO, Ecuador, May 3, 2031 — Chilean President Jane Roe and Peruvian President John Doe ended their "
         "summit in Lima without a deal.", "CONSULT", {"CHL", "PER"}, None),
        # a dash after a subject that is no dateline leaves the subject alone
        ("Chilean troops — already on alert — shelled a Peruvian border post.", "ASSAULT", {"CHL"}, {"PER"}),
        # the agent of a participle that performs the attack ("carried out by", "launched by"), not of one that
        # judges it ("condemned by")
        ("An airstrike carried out by the Chilean air force killed nine people near the border.", "ASSAULT",
         {"CHL"}, None),
        ("The Peruvian raid, condemned by Chile, killed four people.", "ASSAULT", {"PER"}, None),
        # what a targeting participle aims at is the attack's recipient
        ("Bolivian forces fired dozens of rockets targeting several Peruvian towns overnight.", "ASSAULT", {"BOL"},
         {"PER"}),
        # an interception is part of the attack it stops: the projectiles' owner attacks, the defender is attacked
        ("Chilean air defences shot down 14 Peruvian drones over the border.", "ASSAULT", {"PER"}, {"CHL"}),
        ("Nine Bolivian missiles were intercepted by Paraguayan air defences.", "ASSAULT", {"BOL"}, {"PRY"}),
        ("Norway said its navy destroyed three Swedish naval drones.", "ASSAULT", {"SWE"}, None),
        # an interception that does not say whose projectiles they were names no attacker
        ("Kenyan air defences shot down all of them before dawn.", "ASSAULT", set(), {"KEN"}),
        # a person the dictionary does not know, named with an office in apposition, acts for that office
        ("Jane Roe, the Chilean foreign ministry spokeswoman, demanded that Peru withdraw its troops.", "REQUEST",
         {"CHL"}, None),
        ("Jane Roe, a senior official with the Bolivian defence ministry, urged Peru to open the border.", "REQUEST",
         {"BOL"}, None),
        # ... but not named with something else ("a historian from Lima")
        ("Jane Roe, a historian from Lima, urged the rebels to open the road.", "REQUEST", set(), None),
        # a gerund after "after", "before", "while" shares the subject of its verb
        ("Chile suspended the talks after blaming Peru for the raid.", "ACCUSE", {"CHL"}, {"PER"}),
        ("Chile and Peru reported progress before accusing each other of stalling.", "ACCUSE", {"CHL", "PER"}, None),
        # ... not after "without" (not done) or "since" (background)
        ("Chile rejected the report without accusing anyone.", "ACCUSE", set(), None),
        # an envoy summoned to a ministry is summoned by that ministry's government; one summoned "for
        # consultations" with no ministry named may be called home by their own: no summoner
        ("The Chilean ambassador was summoned to the Peruvian Ministry of Foreign Affairs.", "ACCUSE", {"PER"},
         {"CHL"}),
        ("The Bolivian envoy to Paraguay was summoned for consultations after the raid.", "ACCUSE", set(), None),
        # destroying what is not a projectile is an attack by the destroyer
        ("Kenyan troops destroyed a Ugandan artillery position.", "ASSAULT", {"KEN"}, None),
        # what talks discuss is their topic, not a party ("discussed Bolivia's claims": Bolivia took no part)
        ("The Chilean and Peruvian ministers discussed Bolivia's claims to the coast.", "CONSULT", {"CHL", "PER"},
         {"CHL", "PER"}),
        ("The Chilean minister discussed the Bolivian blockade with his Peruvian counterpart.", "CONSULT",
         {"CHL", "PER"}, {"CHL", "PER"}),
    ],
)
def test_roles(resources, sentence: str, category: str, actor: set[str] | None,  # type: ignore[no-untyped-def]
               recipient: set[str] | None) -> None:
    doc = resources.nlp(sentence)
    by_token = {}
    for m in resources.coder.lexicon.find(doc):
        for i in range(m.start, m.end):
            by_token[i] = m
    mentions = [m for s in doc.sents for m in find_mentions(s) if m.category == category]
    assert mentions, "a trigger of the category should be found"
    roles = find_roles(mentions[0], by_token)
    if actor is not None:
        assert {a.country for a in roles.actor} == actor, roles
    if recipient is not None:
        assert {a.country for a in roles.recipient} == recipient, roles


@pytest.mark.parametrize(
    ("sentence", "category", "recipient"),
    [
        # a domestic event: another party of the actor's country is its recipient (another sector)
        ("Chilean riot police arrested dozens of Chilean students in Santiago.", "COERCE", {"CHL"}),
        ("Opposition parties in Russia demanded that Putin free the prisoners.", "REQUEST", {"RUS"}),
        ("President Ruto threatened to ban the Kenyan opposition parties.", "THREATEN", {"KEN"}),
        # ... but the actor read twice is no recipient of itself
        ("Norway said it would support Norway's fishermen.", "SUPPORT", set()),
        # the subject of a condition is the one threatened
        ("Peru threatened to close the border unless Bolivia withdrew its troops.", "THREATEN", {"BOL"}),
        ("Chile warned it would recall its ambassador if Argentina expelled the diplomats.", "THREATEN", {"ARG"}),
        # the objects of the act threatened or refused
        ("Ghana threatened to cut diplomatic ties with Togo.", "THREATEN", {"TGO"}),
        ("The rebels threatened to launch new attacks on Nigeria.", "THREATEN", {"NGA"}),
        # the subject of the act demanded
        ("Japan demanded that China release the fishermen.", "REQUEST", {"CHN"}),
        ("The union demanded that the Brazilian government raise wages.", "REQUEST", {"BRA"}),
        # the party protested against, in a purpose clause or an "in protest" phrase
        ("Farmers blocked roads to protest against Poland's grain policy.", "PROTEST", {"POL"}),
        ("Students staged a demonstration in protest at Hungary's new law.", "PROTEST", {"HUN"}),
        # a nominal trigger's "of" phrase, and the arguments of the light verb it is the object of
        ("The talks stalled after Hungary's rejection of Romania's proposal.", "REJECT", {"ROU"}),
        ("Spain announced a suspension of flights to Morocco.", "SANCTION", {"MAR"}),
        # "for" and "to" arguments of mobilising and giving
        ("Peru mobilized three army brigades for an offensive against Ecuador.", "MOBILIZE", {"ECU"}),
        ("Norway sent medical supplies to Sudan last week.", "AID", {"SDN"}),
        # the act promised or offered, not a purpose
        ("Chile offered to return to Bolivia the two seized trucks.", "AGREE", {"CHL", "BOL"}),
        ("Japan promised to continue economic aid to Cambodia.", "AGREE", {"JPN", "KHM"}),
        ("Kenya agreed a new package to support Somalia's army.", "AGREE", {"KEN"}),
        # a retreat's recipient is the side it leaves (a symmetric retreat lists its actors as recipients too)
        ("Turkey withdrew its troops from Cyprus on Monday.", "RETREAT", {"TUR", "CYP"}),
        ("Vietnam announced the withdrawal of its forces from Cambodia.", "RETREAT", {"VNM", "KHM"}),
        # "up to N": the count is the object
        ("Gunmen abducted up to 20 Nigerian students on Friday.", "COERCE", {"NGA"}),
    ],
)
def test_recipients(resources, sentence: str, category: str, recipient: set[str]) -> None:  # type: ignore[no-untyped-def]
    doc = resources.nlp(sentence)
    by_token = {i: m for m in resources.coder.lexicon.find(doc) for i in range(m.start, m.end)}
    mentions = [m for s in doc.sents for m in find_mentions(s) if m.category == category]
    assert mentions, "a trigger of the category should be found"
    roles = find_roles(mentions[0], by_token)
    assert {a.country for a in roles.recipient} == recipient, roles


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        ("A roadside bomb near the town killed two Canadian soldiers.", {"CAN"}),
        ("The drone strike destroyed a Syrian army depot.", {"SYR"}),
        ("The attack wounded three Nigerian policemen.", {"NGA"}),
    ],
)
def test_attack_harms_its_object(resources, sentence: str, recipient: set[str]) -> None:  # type: ignore[no-untyped-def]
    """An attack named as the subject of a verb of harm: the harmed are its recipient."""
    doc = resources.nlp(sentence)
    by_token = {i: m for m in resources.coder.lexicon.find(doc) for i in range(m.start, m.end)}
    mention = next(m for s in doc.sents for m in find_mentions(s) if m.category == "ASSAULT")
    assert {a.country for a in find_roles(mention, by_token).recipient} == recipient


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        ("Chile filed a formal complaint on Monday against Peru.", {"PER"}),
        ("Japan imposed new sanctions this week on North Korea.", {"PRK"}),
    ],
)
def test_nominal_trigger_reads_its_light_verb(resources, sentence: str,  # type: ignore[no-untyped-def]
                                              recipient: set[str]) -> None:
    """"filed a complaint ... against Peru": the argument hangs on the verb the nominal trigger is the object of."""
    doc = resources.nlp(sentence)
    by_token = {i: m for m in resources.coder.lexicon.find(doc) for i in range(m.start, m.end)}
    mention = next(m for s in doc.sents for m in find_mentions(s) if m.trigger.pos_ == "NOUN")
    assert {a.country for a in find_roles(mention, by_token).recipient} == recipient


def test_the_side_a_retreat_leaves_is_no_actor(resources) -> None:  # type: ignore[no-untyped-def]
    doc = resources.nlp("Turkey withdrew its troops from Cyprus on Monday.")
    by_token = {i: m for m in resources.coder.lexicon.find(doc) for i in range(m.start, m.end)}
    mention = next(m for s in doc.sents for m in find_mentions(s) if m.category == "RETREAT")
    assert [a.country for a in find_roles(mention, by_token).actor] == ["TUR"]
