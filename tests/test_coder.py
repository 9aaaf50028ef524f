"""Article-level coding: places, grouping, roles across sentences (fictional articles, real pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from warwatch.coding.sentence_model import Veto
from warwatch.models import Article, Event
from warwatch.pipeline import Resources


def _code(resources: Resources, text: str, published: date | None = date(2031, 3, 5)) -> list[Event]:
    article = Article(id="t", text=text, published=published)
    doc = resources.nlp(text)
    return list(resources.coder.code(doc, article).events)


def _news(events: list[Event], category: str = "ASSAULT") -> list[Event]:
    return [e for e in events if e.event == category and not e.background]


def test_town_of_region_is_the_town(resources: Resources) -> None:
    events = _code(resources, "Two people died overnight when a Russian drone hit the Sumy town of Okhtyrka.")
    (event,) = _news(events)
    assert event.location is not None and event.location.name.startswith("Okhtyr")


def test_region_and_town_merge(resources: Resources) -> None:
    text = ("Two people died before dawn when a drone crashed into a home in the Sumy region. "
            "The home was in the town of Okhtyrka, according to regional prosecutors.")
    events = _news(_code(resources, text))
    assert len(events) == 1
    assert events[0].casualties.dead == 2


@pytest.mark.parametrize("second", [
    "Air defences shot down drones over Kursk, Belgorod, Oryol and Tula, the ministry said.",
    "The ministry reported the interception of drones targeting Kursk, Belgorod, Oryol and Tula.",
])
def test_interception_tally_gives_no_event_per_place(resources: Resources, second: str) -> None:
    text = "Ukrainian drones struck an oil depot in Bryansk on Tuesday. " + second
    places = {e.location.name for e in _news(_code(resources, text)) if e.location}
    assert "Bryansk" in places and not places & {"Kursk", "Belgorod", "Oryol", "Tula"}


def test_impacts_in_several_places_give_one_event_each(resources: Resources) -> None:
    text = "Local officials said Russian shells destroyed homes in Kupiansk, Izium and Vovchansk on Monday."
    places = {e.location.name for e in _news(_code(resources, text)) if e.location}
    assert len(places) == 3


def test_statement_is_placed_at_the_speakers_seat(resources: Resources) -> None:
    events = _code(resources, "On Monday the United Nations appealed to both armies in Darfur to stop fighting.")
    (request,) = _news(events, "REQUEST")
    assert request.location is not None and request.location.name.startswith("New York")
    assert request.extra["location_source"] == "actor_seat"


def test_condemnation_targets_the_attacker(resources: Resources) -> None:
    text = ("Russian drones hit a grain terminal in Reni overnight. "
            "On Tuesday the Netherlands condemned the attack.")
    (accuse,) = _news(_code(resources, text), "ACCUSE")
    assert [a.country for a in accuse.actor] == ["NLD"]
    assert [a.country for a in accuse.recipient] == ["RUS"]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Sweden announced that it will provide Malawi with a loan for a new dam.", "AGREE"),
        ("The Houthis said they would attack ships in the Red Sea.", "THREATEN"),
        # the announced act under "keep": the speech verb two clauses up still reports the actor's own words
        ("The Houthis said they would keep attacking ships in the Red Sea.", "THREATEN"),
        ("The Houthis vowed to keep fighting.", "THREATEN"),
    ],
)
def test_announced_future_acts_are_commitments(resources: Resources, sentence: str, category: str) -> None:
    assert _news(_code(resources, sentence, published=None), category)


@pytest.mark.parametrize(
    ("text", "category", "coded"),
    [
        # a named speaker whose country the text does not give still accuses or refuses (actor empty)
        ("The village elders blamed the militia for the killings in the market.", "ACCUSE", True),
        ("The veterans' association rejected the peace plan.", "REJECT", True),
        ("He accused the rebels of shelling the village.", "ACCUSE", True),
        # the speaker of a passive is its agent; of a second verb or a participle, the clause's subject
        ("The ferry company was accused by the fishermen's union of hiding the oil spill.", "ACCUSE", True),
        ("The shepherds' council closed the pass, blaming the smugglers for the fires.", "ACCUSE", True),
        ("The orchard guild praised the mayor and condemned the raiders for the arson.", "ACCUSE", True),
        ("The ferry company was accused of hiding the oil spill.", "ACCUSE", False),
        # an inquiry accuses no one yet, and a pronoun alone does not refuse
        ("The airport is investigating the drone sighting.", "ACCUSE", False),
        ("They rejected the peace plan.", "REJECT", False),
    ],
)
def test_named_speaker_without_country(resources: Resources, text: str, category: str, coded: bool) -> None:
    events = _news(_code(resources, text), category)
    assert bool(events) == coded, events
    assert all(not e.actor for e in events)


def test_talks_ruled_out_are_a_refusal_by_the_speaker(resources: Resources) -> None:
    # "there will be no talks": the speaker refuses now (the modal is the refusal's, not a plan)
    (event,) = _news(_code(resources, "Norway said there would be no talks with the Swedish rebels."), "REJECT")
    assert [a.country for a in event.actor] == ["NOR"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Norway's foreign ministry summoned the envoy of Iceland on Monday. It also called on both coast guards "
         "to leave the disputed fjord.", "REQUEST"),
        ("Norway's foreign ministry summoned the envoy of Iceland on Monday. It also voiced strong support for "
         "the fishermen of the northern isles.", "SUPPORT"),
    ],
)
def test_pronoun_subject_of_a_request_or_support_is_the_previous_subject(
        resources: Resources, text: str, category: str) -> None:
    (event,) = _news(_code(resources, text), category)
    assert [a.country for a in event.actor] == ["NOR"]


def test_accusation_names_the_attacker_of_its_sentence(resources: Resources) -> None:
    text = ("Peruvian drones struck a Bolivian convoy near the border on Monday, and Ecuadorian troops shelled a "
            "village. Chile condemned the attack, in which Peruvian drones hit the convoy.")
    (accuse,) = _news(_code(resources, text), "ACCUSE")
    assert {a.country for a in accuse.actor} == {"CHL"}
    assert {a.country for a in accuse.recipient} == {"PER"}


def test_no_publication_date_gives_no_date(resources: Resources) -> None:
    events = _code(resources, "Drones struck Odesa on Tuesday, injuring three people.", published=None)
    assert events and all(e.date.date is None for e in events)


@pytest.mark.parametrize(
    ("proba", "category", "agrees"),
    [
        ({"ASSAULT": 0.6, "NONE": 0.3, "AID": 0.1}, "ASSAULT", True),
        ({"NONE": 0.9, "AID": 0.04, "ASSAULT": 0.03, "SUPPORT": 0.02, "AGREE": 0.005, "CONSULT": 0.004,
          "REQUEST": 0.001}, "REQUEST", False),
        ({"NONE": 0.5, "AID": 0.2, "ASSAULT": 0.2, "REQUEST": 0.1}, "REQUEST", True),
    ],
)
def test_classifier_veto_rule(proba: dict[str, float], category: str, agrees: bool) -> None:
    from warwatch.coding.statements import classifier_agrees as _classifier_agrees

    assert _classifier_agrees(proba, category) is agrees



@pytest.mark.parametrize(
    ("text", "name", "is_org"),
    [
        ("the head of the Quds Force was killed", "Quds", True),
        ("ships of the Black Sea Fleet in port", "Black Sea", True),
        ("the Kyiv Independent reported", "Kyiv", True),
        ("drones struck Kyiv overnight", "Kyiv", False),
    ],
)
def test_place_names_inside_organisation_names(text: str, name: str, is_org: bool) -> None:
    from warwatch.coding.coder import _org_name
    from warwatch.models import Toponym

    start = text.index(name)
    assert _org_name(Toponym(start, start + len(name), name, None), text) is is_org


def test_condemned_attack_takes_the_reported_place(resources: Resources) -> None:
    text = ("Russian missiles struck Ternopil before dawn, injuring five people. "
            "Canada's foreign minister called the attack barbaric.")
    places = {e.location.name for e in _news(_code(resources, text)) if e.location}
    assert places == {"Ternopil"}


@pytest.mark.xfail(strict=True, reason="generalisation: a meeting named only as a noun ('after his meeting with X "
                   "broke down') gives no CONSULT; the case passed only on the dev story it was written from")
def test_a_story_about_an_unnamed_meeting(resources: Resources) -> None:
    text = ("Tokayev flew home early on Friday after his meeting with Lukashenko broke down. "
            "The two presidents had argued about gas prices for an hour, aides said.")
    (consult,) = _news(_code(resources, text), "CONSULT")
    assert {a.country for a in consult.actor} == {"KAZ", "BLR"}


@pytest.mark.parametrize("text", [
    # judged, not told: "called the meeting useful" is no CONSULT mention (frames meeting-judged, meeting-praised)
    "Chilean and Peruvian envoys met in Geneva on Monday. The Chilean envoy called the meeting useful.",
    "Chilean and Peruvian envoys met in Geneva on Monday. The Peruvian ministry hailed the talks as a breakthrough.",
])
def test_one_side_of_a_meeting_is_the_same_meeting(resources: Resources, text: str) -> None:
    """A meeting named again by one of its parties is the meeting already told, not one of its own."""
    (consult,) = _news(_code(resources, text), "CONSULT")
    assert {a.country for a in consult.actor} == {"CHL", "PER"}


@pytest.mark.parametrize("text", [
    "Four Chilean prisoners were released by Peru on Monday, while Chile freed twenty Bolivian prisoners.",
    "Chile freed nine Peruvian prisoners on Monday. Among those released by Peru were twelve Chilean prisoners.",
])
def test_both_sides_releasing_captives_are_one_exchange(resources: Resources, text: str) -> None:
    """An exchange of captives told as each side's release is one event with all its parties as actors (CONTRACT)."""
    (exchange,) = _news(_code(resources, text), "RETREAT")
    assert {"CHL", "PER"} <= {a.country for a in exchange.actor}


def test_a_release_and_a_withdrawal_stay_two_acts(resources: Resources) -> None:
    text = "Chile freed nine Peruvian prisoners on Monday. Peru withdrew its troops from the Chilean border."
    assert len(_news(_code(resources, text), "RETREAT")) == 2


@pytest.mark.parametrize("text", [
    "Bolivia condemned the new sanctions against its mining minister.",
    "Bolivia's foreign ministry called the sanctions unjust and illegal.",
])
def test_a_reaction_to_sanctions_is_no_sanction_by_the_reacting_party(resources: Resources, text: str) -> None:
    assert not [e for e in _code(resources, text) if e.event == "SANCTION" and not e.background]


@pytest.mark.parametrize(("text", "consult"), [
    # one party discussing among itself deliberates; talks need a partner (a "with", a plural of parties)
    ("Chilean ambassadors have been discussing a new package of tariffs on Peru since Monday.", False),
    ("The Chilean minister discussed the drought with his Peruvian counterpart on Monday.", True),
    ("The Chilean minister discussed the border incident with his Peruvian counterpart on Monday.", True),
    ("Chilean and Peruvian ministers discussed the drought on Monday.", True),
])
def test_discussing_needs_a_partner(resources: Resources, text: str, consult: bool) -> None:
    assert bool(_news(_code(resources, text), "CONSULT")) is consult


@pytest.mark.parametrize(("text", "agreed"), [
    ("Chile has not yet signed the revised fishing deal with Peru.", False),
    ("Chile and Peru have not succeeded in reaching an agreement on the border.", False),
    ("Chile and Peru signed a fishing deal in Lima on Monday.", True),
])
def test_an_accord_not_made_is_no_agreement(resources: Resources, text: str, agreed: bool) -> None:
    assert bool(_news(_code(resources, text), "AGREE")) is agreed


def test_statement_at_a_summit_is_placed_at_the_summit(resources: Resources) -> None:
    text = ("Leaders of Chile and Peru opened a two-day summit in Montevideo on Tuesday. "
            "The Chilean president accused Bolivia of stalling the water talks.")
    (accuse,) = _news(_code(resources, text), "ACCUSE")
    assert accuse.location is not None and accuse.location.name == "Montevideo"
    assert accuse.extra["location_source"] == "meeting"


def test_places_of_a_wave_take_the_waves_weapon(resources: Resources) -> None:
    text = ("Russia fired cruise missiles at Ukrainian cities before dawn. "
            "Explosions damaged a substation in Rivne, the mayor said. "
            "A blast in Chernihiv wounded two people, the regional governor said.")
    weapons = {e.location.name: e.weapon for e in _news(_code(resources, text)) if e.location}
    assert weapons.get("Rivne") == "missile" and weapons.get("Chernihiv") == "missile"


def test_towns_named_side_by_side_are_two_places(resources: Resources) -> None:
    text = "Houses in Kupiansk and Balakliia, both in the Kharkiv region, were destroyed by Russian shelling on Monday."
    places = {e.location.name for e in _news(_code(resources, text)) if e.location}
    assert len(places) == 2 and not any("region" in p or "Oblast" in p for p in places)


def test_targets_named_by_a_participle_get_their_attacks(resources: Resources) -> None:
    text = "Russia fired dozens of missiles into Ukraine overnight, targeting Lviv and the city of Rivne."
    places = {e.location.name for e in _news(_code(resources, text)) if e.location}
    assert {"Lviv", "Rivne"} <= places


NEGATIVE_ARTICLES = [
    # sport, business, technology, weather, culture: articles with war-like words and no political event
    "The home side launched a late attack but the striker hit the post twice. The visitors held on to win "
    "2-1, and the coach praised his defence after a bruising night in which two players suffered injuries.",
    "A courier start-up said on Monday it would expand drone deliveries to three more towns. Its drones "
    "have flown 40,000 flights without a crash, the company said, and shares rose 4 percent.",
    "Fireworks exploded over the harbour at midnight as thousands gathered for the festival. Organisers said "
    "the display, fired from six barges, was the largest in the city's history.",
    "Storms battered the coast overnight, knocking out power to 20,000 homes. Forecasters warned that more "
    "heavy rain could hit the region on Thursday.",
    "The orchestra will tour four capitals next spring, its director said. Tickets for the concerts in Vienna "
    "and Prague went on sale on Friday.",
    "The drones must be grounded, an editorial in the city's main newspaper argued on Sunday. Its writers said "
    "the authorities should ban hobby flights near the airport before someone gets hurt.",
    "Analysts say cheap drones have changed how armies think about air defence. The debate over how to counter "
    "them is likely to dominate military planning for years, a think-tank report argued.",
    # a defence production story: kinds of weapons, and a weapon's purpose, are no attack
    "The defence minister of Estonia toured a plant in Tartu on Monday that builds reconnaissance and strike "
    "drones. The factory also makes rockets designed to hit armoured vehicles, its director said.",
    # a cabinet's own meeting is no consultation between parties
    "Chile's president chaired an emergency cabinet meeting on Tuesday to discuss the wildfires near "
    "Valparaiso, the government said.",
]


@pytest.mark.parametrize("text", NEGATIVE_ARTICLES)
def test_articles_with_no_political_event_give_none(resources: Resources, text: str) -> None:
    assert not [e for e in _code(resources, text) if not e.background]


def test_attack_carries_its_munition_counts(resources: Resources) -> None:
    text = ("Russia launched 44 drones and two ballistic missiles at Zoria overnight, the air force said. "
            "Air defences destroyed 30 of the 44 drones.")
    (event,) = _news(_code(resources, text))
    counts = {m.kind: (m.launched, m.intercepted) for m in event.munitions}
    assert counts == {"drone": (44, 30), "missile": (2, None)}
    record = event.to_json()
    assert record["munitions"][0]["hit"] == 14


def test_events_without_munitions_have_no_munitions_field(resources: Resources) -> None:
    events = _code(resources, "Poland's foreign minister condemned the shelling of the town on Monday.")
    statements = [e for e in events if e.event != "ASSAULT"]
    assert statements, "the condemnation is coded"
    assert all("munitions" not in e.to_json() for e in statements)


def test_second_incident_in_the_same_town_adds_its_toll(resources: Resources) -> None:
    text = ("A drone slammed into an apartment block in Shostka during the night and killed an elderly man. "
            "The same strike left three other residents wounded. "
            "A second drone later damaged a shop in Shostka, where one more person was hurt.")
    (event,) = _news(_code(resources, text))
    assert (event.casualties.dead, event.casualties.injured) == (1, 4)


def test_no_event_is_dated_after_its_report(resources: Resources) -> None:
    text = ("The presidents of Poland and Lithuania met in Geneva on Monday and agreed to meet again on "
            "March 20, 2031, the Kremlin said.")
    events = _code(resources, text, published=date(2031, 3, 5))
    assert events, "the meeting that happened is coded"
    assert all(e.date.date is None or e.date.date <= date(2031, 3, 5) for e in events)
    assert date(2031, 3, 3) in {e.date.date for e in events}, "the meeting is dated to its Monday"


@pytest.mark.parametrize(
    ("text", "category", "actor"),
    [
        pytest.param("Norway says it is ready to pull its soldiers out of the buffer area.", "AGREE", "NOR",
                     marks=pytest.mark.xfail(strict=True, reason="generalisation: 'ready to pull out' is no "
                                             "commitment frame; only 'willing to withdraw' (a GSR wording) was")),
        pytest.param("Latvia said it will not admit new migrants from the east this year.", "REJECT", "LVA",
                     marks=pytest.mark.xfail(strict=True, reason="generalisation: a refusal is read from 'will not "
                                             "accept' (a GSR wording) but not from 'will not admit'")),
        ("The president of Peru said he was willing to lift the night curfew.", "AGREE", "PER"),
    ],
)
def test_announced_willingness_and_refusal(resources: Resources, text: str, category: str, actor: str) -> None:
    events = _news(_code(resources, text), category)
    assert events and actor in {a.country for a in events[0].actor}


def test_another_statements_day_does_not_date_an_undated_decision(resources: Resources) -> None:
    text = ("The European Union imposed sanctions on a dozen Iranian drone makers. "
            "The listings freeze their assets. Diplomats welcomed the step. Exports will fall, analysts said. "
            "Shares in the firms slid. Suppliers were nervous. Banks froze accounts. "
            "Yesterday, the British foreign secretary warned Tehran of a firm response.")
    events = _code(resources, text, published=date(2031, 3, 5))
    sanctions = [e for e in _news(events, "SANCTION")]
    assert sanctions and all(e.date.date == date(2031, 3, 5) for e in sanctions)


def test_city_state_pair_places_the_attack_in_the_city(resources: Resources) -> None:
    text = "Police said a man died after he was shot outside a tavern in Pueblo, Colorado, late on Saturday."
    (event,) = _news(_code(resources, text, published=date(2031, 3, 2)))
    assert event.location is not None and event.location.name == "Pueblo"
    assert event.casualties.dead == 1 and event.mode == "firearms"


def test_crime_report_at_state_level_is_placed_in_the_story_town(resources: Resources) -> None:
    text = ("A gunman killed seven people across Colorado on Saturday night. He had driven through Pueblo for "
            "hours before officers stopped him, Pueblo police said, and the city's mayor asked people to stay home.")
    events = _news(_code(resources, text, published=date(2031, 3, 2)))
    assert events and all(e.location is not None and e.location.name == "Pueblo" for e in events)


def test_crime_report_at_county_level_is_placed_in_the_story_town(resources: Resources) -> None:
    text = ("A man was shot dead on Saturday in Dallas County, Iowa, deputies said. Dallas County deputies "
            "found him outside a house in Waukee. Waukee police are helping with the investigation.")
    events = _news(_code(resources, text, published=date(2031, 3, 2)))
    assert events and all(e.location is not None and e.location.name == "Waukee" for e in events)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # in a report of attacks on several places, a later figure for one place alone replaces the overall one
        ("Artillery hit frontline towns on Monday, killing at least nine people and injuring 40, the regional "
         "administration said.\n\nShells hit houses in Vovchansk, Kupiansk and Izium.\n\n"
         "All nine of the dead were in Vovchansk, where 25 people were also injured, officials said.", (9, 25)),
        # ... but a later total still updates an attack's own figure
        ("A drone hit a warehouse in Kupiansk on Sunday. "
         "Later that day another drone struck a barracks outside Vovchansk, killing four soldiers and wounding "
         "seven.\n\nAltogether 52 soldiers were wounded, according to the army.", (4, 52)),
    ],
)
def test_figures_of_one_of_several_attacked_places(resources: Resources, text: str,
                                                    figures: tuple[int, int]) -> None:
    by_place = {e.location.name: e.casualties for e in _news(_code(resources, text)) if e.location}
    assert (by_place["Vovchansk"].dead, by_place["Vovchansk"].injured) == figures


@pytest.mark.parametrize(
    "text",
    [
        "ROCK HILL, S.C. – A man was shot and killed on Saturday night, police said.",
        "SALINAS, Calif. (KXYZ) - Two people were wounded in a shooting on Friday, according to the state police.",
        "KENTON, Ohio ??? A gunman shot and injured a clerk at a gas station in Ohio on Sunday.",
    ],
)
def test_a_local_crime_story_happened_at_its_dateline(resources: Resources, text: str) -> None:
    events = _news(_code(resources, text, published=date(2031, 3, 2)))
    town = text.split(",")[0].title()
    assert events and all(e.location is not None and e.location.name.startswith(town) for e in events)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("ISLAMABAD, Jan 4 (Wire) -- A bomb went off at a bus stand in Bannu district on Tuesday, wounding six "
         "people, police said. No group has claimed the bombing.", "Bannu"),
        ("NAIROBI, May 2 (Wire) -- A roadside bomb exploded near a market in the town of Mandera on Friday, "
         "injuring four traders, police said.", "Mandera"),
    ],
)
def test_a_place_named_with_its_kind_is_not_moved_to_a_far_dateline(resources: Resources, text: str,
                                                                    town: str) -> None:
    # a wire bureau's dateline far from the attack: "X district", "the town of X" is no street or surname
    events = _news(_code(resources, text, published=date(2031, 3, 2)))
    assert events and all(e.location is not None and e.location.name == town for e in events)


def test_a_county_named_after_its_town_places_a_crime_in_the_town(resources: Resources) -> None:
    text = "A man was shot and wounded on Friday night, Pueblo County sheriff's deputies said."
    events = _news(_code(resources, text, published=date(2031, 3, 2)))
    assert events and all(e.location is not None and e.location.name == "Pueblo" for e in events)


@pytest.mark.xfail(strict=True, reason="generalisation: 'Dale Orrin, 66, and his wife Mina, 65, were found dead' "
                   "is not read as two dead, and 'Mina' is geocoded to Minna (Nigeria)")
def test_a_crime_story_reports_its_toll_across_sentences(resources: Resources) -> None:
    text = ("Detectives in Merrow Falls were called to a farmhouse on Sunday night where a retired couple had "
            "been shot.\n\nDale Orrin, 66, and his wife Mina, 65, were found dead in the kitchen.\n\n"
            "The coroner ruled both deaths homicides and asked witnesses to come forward.")
    (event,) = _news(_code(resources, text, published=date(2031, 3, 2)))
    assert event.casualties.dead == 2


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Two days after a missile struck a school in Kharkiv, rescuers were still searching the rubble.",
         date(2031, 3, 3)),
        ("A week after the drone strike on Odesa, the port reopened.", date(2031, 2, 26)),
        ("Hours after a drone hit a house in Sumy, the mayor spoke to reporters.", date(2031, 3, 5)),
    ],
)
def test_an_act_n_days_before_the_sentence(resources: Resources, text: str, day: date) -> None:
    events = _news(_code(resources, text)) + [e for e in _code(resources, text) if e.background]
    assert events and events[0].date.date == day


def test_a_publishing_stamp_is_not_the_date_of_the_news(resources: Resources) -> None:
    text = ("Power plant hit in Kharkiv\n\nWire desk 09:21, March 06, 2031\n\n"
            "Rescuers worked through the night on Tuesday in Kharkiv, officials said.\n\n"
            "Russian drones struck a power plant in the city, killing two workers.")
    events = _news(_code(resources, text, published=date(2031, 3, 6)))
    assert events and all(e.date.date == date(2031, 3, 4) for e in events)


@pytest.mark.xfail(strict=True, reason="generalisation: airports delayed 'because of the attack' still give an "
                   "attack at Samara; the case passed only on the dev story it was written from")
def test_a_sentence_that_refers_back_to_the_attack_places_nothing(resources: Resources) -> None:
    text = ("Drones attacked the Kursk region overnight, damaging houses in Rylsk, the governor said. Flights were "
            "held up on Tuesday at several airports, Sheremetyevo in Moscow and Kurumoch near Samara among them, "
            "because of the attack, state media said.")
    places = {e.location.name for e in _news(_code(resources, text)) if e.location is not None}
    assert places == {"Ryl’sk"}, places


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("More than 9,000 Russian troops were deployed near the border on Monday.", "RUS"),
        ("Japan placed its coastal units on high alert.", "JPN"),
    ],
)
def test_forces_mobilised_without_an_agent_are_their_countrys(resources: Resources, sentence: str,
                                                              actor: str) -> None:
    (event,) = _news(_code(resources, sentence, published=None), "MOBILIZE")
    assert [a.country for a in event.actor] == [actor]



@pytest.mark.parametrize(("text", "category"), [
    # an act named as the time or cause the news is told from is background (events._told_from)
    ("Farmers near Arica fled north in the wake of the Peruvian airstrikes on their villages.", "ASSAULT"),
    ("Grain prices rose sharply following the shelling of the river port by Bolivian artillery.", "ASSAULT"),
    ("Chile shut its border crossings in retaliation for the Peruvian missile strike on its customs post.", "ASSAULT"),
    ("The envoy's visit comes days after Peru threatened Chile with a naval blockade.", "THREATEN"),
    ("The Chilean government has previously accused Bolivia of arming the hill militias.", "ACCUSE"),
    ("Peru has long denied any role in the pipeline sabotage.", "REJECT"),
    ("Fishermen stayed in port after a Peruvian rocket strike that sank two trawlers.", "ASSAULT"),
    ("Ferries stopped running after a Bolivian drone strike that hit the pier and wounded six.", "ASSAULT"),
    ("A previous round of negotiations between Peru and Chile collapsed over fishing quotas.", "CONSULT"),
    ("When the Peruvian and Chilean presidents last met in Lima, fishing quotas topped the agenda.", "CONSULT"),
])
def test_acts_the_news_is_told_from_are_background(resources: Resources, monkeypatch: pytest.MonkeyPatch, text: str,
                                                   category: str) -> None:
    monkeypatch.setattr(resources.coder, "veto", Veto(0.0, 0.0, 1.01, 1.01))  # the rule alone, not the model's veto
    result = resources.coder.code(resources.nlp(text), Article(id="t", text=text, published=date(2031, 3, 5)),
                                  explain=True)
    decisions = [d for note in result.notes for d in note.decisions]
    assert any(d.startswith(category) and "time or cause of the news" in d for d in decisions), decisions
    assert not _news(list(result.events), category)


@pytest.mark.parametrize(("text", "category"), [
    # the act told around the relation word stays news: only the named prior act is background
    ("Shortly after the blast, Peruvian warplanes struck the depot outside Tacna, the army said.", "ASSAULT"),
    ("In response to the raid, the Chilean navy shelled the Peruvian coast on Monday.", "ASSAULT"),
    ("Bolivia accused Peru on Tuesday of shelling the border town.", "ACCUSE"),
    ("Half of Tacna lost power after fresh Chilean missile strikes on Tuesday morning.", "ASSAULT"),
    ("Crowds gathered at the market following a Peruvian rocket attack overnight that killed five.", "ASSAULT"),
    # the news reports the act's casualties: the act is the news (events._its_casualties, wordset CASUALTY_VERBS)
    ("Nine fishermen died following a Peruvian drone strike on the harbour at Ilo, the navy said.", "ASSAULT"),
    ("Four herders were wounded after a Chilean artillery barrage near Putre, the mayor said.", "ASSAULT"),
    ("At least 12 miners have been killed following a Bolivian air raid on the camp, officials said.", "ASSAULT"),
    # a verb of the state of the dead or of dying of wounds (wordsets DEATH_STATE_VERBS, CASUALTY_VERBS)
    ("A shepherd was declared dead shortly after the Chilean shelling of the pasture near Putre.", "ASSAULT"),
    ("Two lorry drivers were found dead after a Peruvian drone raid on the Tacna road, police said.", "ASSAULT"),
    ("Three guards succumbed to their wounds after a Bolivian mortar attack on the depot at Oruro.", "ASSAULT"),
])
def test_the_news_told_around_a_prior_act_stays_news(resources: Resources, text: str, category: str) -> None:
    assert _news(_code(resources, text), category)


@pytest.mark.parametrize(("text", "category", "construction"), [
    # a state of the war the story describes, not a happening it reports (events._general; issue 12)
    ("The border war between Peru and Chile has killed some 4,000 people, most of them herders.", "ASSAULT",
     "the war's toll"),
    ("As many as 2,000 villagers have been killed amid the fighting between Peruvian and Chilean units.", "ASSAULT",
     "the war's toll"),
    ("Peruvian drones have struck more than forty Chilean border posts since March.", "ASSAULT",
     "a tally since"),
    ("Years of Bolivian bombardment have emptied the valley towns around Oruro.", "ASSAULT", "a count of acts"),
    ("Peru has stepped up drone attacks on the Chilean supply routes.", "ASSAULT", "a trend"),
    ("Increased Bolivian airstrikes have kept the highland roads closed to lorries.", "ASSAULT", "a trend"),
    ("Despite the uptick in Bolivian rocket attacks along the lake, analysts expect no wider offensive.", "ASSAULT",
     "a trend (uptick in"),
    ("Herders fear a fresh surge in Chilean drone attacks once the snows melt in the Andes.", "ASSAULT",
     "a trend (surge in"),
    ("A decline in the airstrikes on Tacna has let traders reopen the border markets.", "ASSAULT",
     "a trend (decline in"),
    ("Analysts say that despite Peru and Chile stepping up their drone strikes, both sides avoid the cities.",
     "ASSAULT", "a trend"),
    ("The Peruvian air force has been bombing the rebel camps in the highlands.", "ASSAULT",
     "an ongoing activity"),
    ("The militias have been gaining ground, seizing villages and inflicting casualties on the Bolivian army.",
     "ASSAULT", "an ongoing activity"),
    ("Cross-border drone raids are a constant worry for the herders of Tacna.", "ASSAULT", "a topic"),
    ("The Lima talks are described by diplomats as the hardest round in a decade.", "CONSULT", "a topic"),
])
def test_general_states_of_the_war_are_background(resources: Resources, monkeypatch: pytest.MonkeyPatch, text: str,
                                                  category: str, construction: str) -> None:
    monkeypatch.setattr(resources.coder, "veto", Veto(0.0, 0.0, 1.01, 1.01))  # the rule alone, not the model's veto
    result = resources.coder.code(resources.nlp(text), Article(id="t", text=text, published=date(2031, 3, 5)),
                                  explain=True)
    decisions = [d for note in result.notes for d in note.decisions]
    assert any(d.startswith(category) and f"general state of the war ({construction}" in d for d in decisions), \
        decisions
    assert not _news(list(result.events), category)


@pytest.mark.parametrize(("text", "category"), [
    # the same words told as the day's news stay news
    ("Fighting in Tacna on Monday has killed twelve soldiers, the army said.", "ASSAULT"),
    ("Peru stepped up drone attacks on the Chilean supply routes on Tuesday.", "ASSAULT"),
    ("A surge in Chilean drone attacks overnight killed six herders near Tacna, officials said.", "ASSAULT"),
    ("Peruvian jets have been bombing the rebel camps near Puno since Monday morning, the army said.", "ASSAULT"),
    ("A Bolivian rocket strike has killed nine people in Arica, officials said.", "ASSAULT"),
    ("Chilean raids on the border villages killed four herders last night.", "ASSAULT"),
])
def test_the_days_news_told_like_a_state_stays_news(resources: Resources, text: str, category: str) -> None:
    assert _news(_code(resources, text), category)


@pytest.mark.parametrize(("text", "category"), [
    # no one in particular speaks (roles.named_speaker, wordset GENERIC_SPEAKERS); a means that makes an act
    # possible reports no act (events._irrealis); "struck up a friendship" is no strike (frame.up-idiom)
    ("The international community has condemned the crackdown in the highlands.", "ACCUSE"),
    ("Western nations have denounced the coup in the mountain republic.", "ACCUSE"),
    ("The new drones allow the Peruvian army to strike depots far behind the front.", "ASSAULT"),
    ("The Bolivian envoy struck up a friendship with his Chilean host during the war.", "ASSAULT"),
])
def test_no_act_of_anyone_in_particular(resources: Resources, text: str, category: str) -> None:
    assert not _news(_code(resources, text), category)


def test_an_act_done_by_an_earlier_attack_is_background(resources: Resources) -> None:
    # "damaged by recent missile attacks": the agent is an earlier act (events._told_from, PRIOR_ADJECTIVES)
    text = "The housing office reviews claims from residents whose flats were damaged by recent Peruvian missiles."
    assert not _news(_code(resources, text), "ASSAULT")


@pytest.mark.parametrize(("text", "news"), [
    # an act dated by a week, month or year that ended before the news is context (dates.coarse_period_end),
    # however far the date's words hang from the attack's verb
    ("Bolivian forces shelled the valley towns, forcing thousands to flee in 2029.", False),
    ("Peruvian troops captured the highland valley from Bolivia, annexing it in 2019.", False),
    ("Peruvian jets bombed the depot outside Oruro in a raid, the second such strike in 2029.", False),
    ("Peruvian jets bombed a fuel depot outside Oruro, one rebuilt after floods in 2028.", True),  # 'after'
    # the news month or year is news
    ("Peruvian artillery shelled the market town of Oruro this month, killing four people.", True),
])
def test_acts_of_a_past_period_are_background(resources: Resources, text: str, news: bool) -> None:
    assert bool(_news(_code(resources, text))) is news


_FEATURE = (
    "What is left of the highland towns?\n\n"
    "The border war between Peru and Bolivia has reshaped life in the Andes. "
    "Markets are quieter, and many families have moved to the coast. "
    "Teachers say their classes have halved. "
    "Farmers worry about the harvest and about prices. "
    "Bolivian artillery shelled the valley roads near Oruro, cutting the villages off from the markets. "
    "Few expect the war to end soon."
)


@pytest.mark.parametrize(("text", "news"), [
    # an article whose lead reports no new act and that ties no act to a day of its own is a feature: the acts it
    # names are its background (coder._feature_article)
    (_FEATURE, False),
    # the same article with the act told in its lead, or with a day of its own, is a news report
    ("Bolivian artillery shelled the valley roads near Oruro, cutting the villages off from the markets.\n\n"
     + _FEATURE, True),
    (_FEATURE.replace("shelled the valley roads", "shelled the valley roads on Monday"), True),
])
def test_a_feature_names_acts_as_background(resources: Resources, text: str, news: bool) -> None:
    assert bool(_news(_code(resources, text))) is news


@pytest.mark.parametrize("text", [
    # the casualty verb has an act of its own ("killed in strikes") or an active subject: the act after "following"
    # is the time the news is told from
    "Three sailors were killed in Chilean strikes on Ilo following a Peruvian rocket attack on the port of Arica.",
    "Chilean jets killed two guards at Tacna after a Peruvian missile attack on Arica.",
])
def test_casualties_of_another_act_leave_the_prior_act_background(resources: Resources, text: str) -> None:
    events = _code(resources, text)
    assert len(_news(events, "ASSAULT")) == 1
    assert {e.location.name for e in _news(events, "ASSAULT") if e.location is not None} <= {"Ilo", "Tacna"}


@pytest.mark.parametrize(("text", "counted"), [
    # a sentence that counts its attack's dead or hurt reports an attack that happened: the factuality veto spares it
    ("At least ten villagers have been killed in a raid on Putre, the ministry said.", True),
    ("The raids wounded seven people in the town of Ilo.", True),
    # no count of its own: a war's running toll, or no figure at all
    ("More than 4,000 people have been killed in the war since it began in 2029.", False),
    ("The raid on Putre has been described by the ministry as a provocation.", False),
])
def test_a_casualty_count_is_not_vetoed_on_factuality(resources: Resources, monkeypatch: pytest.MonkeyPatch,
                                                      text: str, counted: bool) -> None:
    monkeypatch.setattr(resources.coder, "veto", Veto(0.0, 0.0, 0.0, 1.01))  # the model reads every sentence as not new
    assert bool(_news(_code(resources, text), "ASSAULT")) is counted


@pytest.mark.parametrize("text", [
    # a meeting named as not yet held is a plan (events._irrealis, wordset NOT_YET)
    "Officials in Lima confirmed the upcoming talks between Peru and Chile.",
    "A summit between the leaders of Peru and Bolivia is scheduled for the end of the month.",
    "The forthcoming visit of the Bolivian president to Santiago dominated the Chilean papers.",
])
def test_meetings_not_yet_held_are_plans(resources: Resources, text: str) -> None:
    assert not _news(_code(resources, text), "CONSULT")


@pytest.mark.parametrize(("text", "category"), [
    # an act named as the object of a stopping verb is stopped, not done (events._irrealis, wordset STOPPING)
    ("Chile suspended its talks with Bolivia over the water dispute on Monday.", "CONSULT"),
    ("Peru paused military aid to the Bolivian border police on Thursday.", "AID"),
])
def test_acts_that_are_stopped_are_not_done(resources: Resources, text: str, category: str) -> None:
    assert not _news(_code(resources, text), category)


@pytest.mark.parametrize(("text", "news"), [
    # the narrative's past perfect is background; a report's shifted tense and a sequencing clause are not
    ("Chile had warned that it would close the border crossings if the raids went on.", False),
    ("Before the truce, Peruvian artillery had shelled the Bolivian border post for a week.", False),
    ("Bolivia said its artillery had shelled the Peruvian border post on Monday.", True),
])
def test_the_narratives_past_perfect_is_background(resources: Resources, monkeypatch: pytest.MonkeyPatch, text: str,
                                                  news: bool) -> None:
    monkeypatch.setattr(resources.coder, "veto", Veto(0.0, 0.0, 1.01, 1.01))  # the rule alone, not the model's veto
    events = [e for e in _code(resources, text) if e.event in {"THREATEN", "ASSAULT"}]
    assert events
    assert any(not e.background for e in events) is news


@pytest.mark.parametrize(
    "text",
    [
        "Russia said two of its patrol boats were hit by Ukrainian drones in Sevastopol on Tuesday.",
        "Ukrainian missiles struck a fuel depot in occupied Donetsk overnight, Russian officials said.",
    ],
)
def test_attack_on_the_attackers_country_is_on_the_other_side(resources: Resources, text: str) -> None:
    """An attack inside the attacker's own (recognised) country, such as occupied Crimea: the recipient is the
    other side, which may be named only as the one who reports it."""
    [event] = _news(_code(resources, text))
    assert [a.country for a in event.actor] == ["UKR"]
    assert [a.country for a in event.recipient] == ["RUS"]


def test_condemned_strikes_are_the_dominant_attackers(resources: Resources) -> None:
    """"Germany condemned the strikes" in an article of Russian strikes that also tells of one Ukrainian attack:
    the condemned are the attackers named at least twice as often as any other."""
    text = ("Russian missiles hit power plants in Lviv on Monday, killing two people. "
            "Russian drones also struck a substation in Odesa, officials said. "
            "Russian artillery shelled Kherson overnight. "
            "Separately, Ukrainian drones hit an oil depot in Belgorod. "
            "Germany condemned the strikes as barbaric.")
    [accuse] = _news(_code(resources, text), "ACCUSE")
    assert [a.country for a in accuse.recipient] == ["RUS"]


@pytest.mark.parametrize(("text", "category"), [
    # a local crime report: a charge, a refusal or a police description with no state or group as actor is the story's
    # legal or personal matter, no political event (coder._political_only)
    ("A man was wounded in a shooting on Elm Street in Dunmore late Friday. Police said the driver of the car refused "
     "to stop and sped away.", "REJECT"),
    ("The prosecutor has accused the night guard of recklessly shooting into the crowd outside the Dunmore bowling "
     "alley.", "ACCUSE"),
    ("Police said the shooting at the Dunmore motel on Sunday was a murder-suicide and denied that a third person "
     "was involved.", "REJECT"),
])
def test_a_crime_reports_statements_without_a_political_actor_are_no_events(resources: Resources, text: str,
                                                                             category: str) -> None:
    assert not _news(_code(resources, text), category)


def test_a_named_speakers_accusation_stands_in_a_war_report(resources: Resources) -> None:
    text = ("Militia fighters shelled the village of Orra on Monday, killing four soldiers. The village elders blamed "
            "the militia for the attack.")
    assert _news(_code(resources, text), "ACCUSE")


@pytest.mark.parametrize(
    ("text", "category", "count"),
    [
        # one party of an accord, quoted without a partner: the accord itself
        ("The presidents of Chile, Peru and Bolivia agreed on a border truce in Lima after two days of talks. "
         "\"We have agreed on a truce,\" the Chilean president said.", "AGREE", 1),
        # a meeting of one party with partners of its own is another meeting
        ("The foreign ministers of Norway and Finland held talks in Oslo on Tuesday about the border. "
         "Norway's minister later held a meeting with Baltic diplomats.", "CONSULT", 2),
    ],
)
def test_one_party_of_a_symmetric_act_joins_it(resources: Resources, text: str, category: str, count: int) -> None:
    assert len(_news(_code(resources, text), category)) == count


@pytest.mark.parametrize(
    ("second", "places"),
    [
        # where the hurt are taken is no place of the attack
        ("People hurt in the attack were rushed to the city of Kharkiv, the governor said.", {"Kupyansk"}),
        ("A second attack on the city of Kharkiv wounded two.", {"Kupyansk", "Kharkiv"}),
    ],
)
def test_where_the_wounded_are_taken_is_no_attack_place(resources: Resources, second: str,
                                                         places: set[str]) -> None:
    text = "Russian glide bombs struck the town of Kupiansk on Sunday, wounding nine people. " + second
    assert {e.location.name for e in _news(_code(resources, text)) if e.location} == places


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # what the speaker's own side must do asks nothing of another party
        ("The Indian prime minister said on Monday that India must become self-reliant in making shells.", False),
        ("The Polish president said on Monday that Germany must send more tanks to the front.", True),
    ],
)
def test_own_side_must_is_no_request(resources: Resources, text: str, coded: bool) -> None:
    assert bool(_news(_code(resources, text), "REQUEST")) is coded


@pytest.mark.parametrize(
    ("text", "category", "coded"),
    [
        # an arrest, a seizure, a release, a withdrawal or praise told by a clause of its own is news with no
        # country named
        ("Seventeen villagers were detained during an army raid on the town of Vallo on Tuesday, residents said.",
         "COERCE", True),
        ("Masked gunmen seized the police headquarters in the town of Vallo on Tuesday.", "COERCE", True),
        ("The rebels released nine prisoners of war after two days of talks.", "RETREAT", True),
        ("The militia withdrew from the hills above the town on Monday, villagers said.", "RETREAT", True),
        ("The orchard guild welcomed the findings of the army inquiry into the fires.", "SUPPORT", True),
        # a gerund, a modifier or a relative clause tells no act of its own
        ("The council accused the smugglers of backing the rebels.", "SUPPORT", False),
        ("Families of the soldiers waited at the border crossing for the released prisoners of war.", "RETREAT",
         False),
        ("A farmer spoke to the gunmen who seized the police station.", "COERCE", False),
    ],
)
def test_acts_told_without_a_country(resources: Resources, text: str, category: str, coded: bool) -> None:
    events = _news(_code(resources, text), category)
    assert bool(events) == coded, events
    assert all(not e.actor for e in events)


def test_an_unnamed_act_tells_more_of_the_named_one(resources: Resources) -> None:
    # the second sentence's detentions are the first's: its evidence, not a second event
    text = ("Norwegian soldiers detained eleven Swedish fishermen off the island of Vallo on Tuesday. "
            "Four of the detained men were held at the harbour, and three more were arrested later.")
    (event,) = _news(_code(resources, text), "COERCE")
    assert [a.country for a in event.actor] == ["NOR"]
    assert len(event.evidence) == 2
