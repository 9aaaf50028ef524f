"""Actors: names, demonyms, metonyms, organisations and groups -> codes; roles from the parse."""

from __future__ import annotations

import pytest
from spacy.language import Language

from warwatch.coding.actors import ActorLexicon, sector_of
from warwatch.coding.events import find_mentions
from warwatch.coding.roles import find_roles


@pytest.fixture(scope="module")
def lexicon(nlp: Language) -> ActorLexicon:
    return ActorLexicon.load(nlp.vocab)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Ukrainian drones", ["UKR"]),
        ("the Kremlin said", ["RUS"]),
        ("Russia's defence ministry", ["RUS"]),
        ("the U.S. and the UN", ["USA", "UN"]),
        ("Hezbollah and the Houthis", ["HEZBOLLAH", "HOUTHI"]),
        ("the European Union and NATO", ["EU", "NATO"]),
        ("Zelensky met Putin", ["UKR", "RUS"]),
        ("Israeli and Palestinian officials", ["ISR", "PSE"]),
        ("the International Criminal Court", ["ICC"]),
        ("the United Kingdom and Germany", ["GBR", "DEU"]),
        ("us and un words in lower case", []),
        ("Beirut rejected the appeal", ["LBN"]),
        ("President Bush spoke", ["USA"]),
        ("a bush fire near the shrub", []),
        ("al-Qaeda and the Kurdistan Workers' Party", ["ALQAEDA", "PKK"]),
        ("Roh Moo-hyun and Kim Jong-un", ["KOR", "PRK"]),
        ("The PRC and the Soviet Union", ["CHN", "RUS"]),
        ("Victoria and Kingston", []),
        ("Snake Island and New Jersey", []),  # "Island" is not Iceland, "Jersey" not the island
        ("Port-au-Prince", ["HTI"]),
        ("An Argentine judge", ["ARG"]),
        ("Argentines and Argentinians", ["ARG", "ARG"]),
        ("Czechs and Slovakians", ["CZE", "SVK"]),
        ("Kyrgyz and Tajik border guards", ["KGZ", "TJK"]),
        ("Uzbek and Kazakh officials", ["UZB", "KAZ"]),
        ("Azeri troops and Azerbaijanis", ["AZE", "AZE"]),
        ("Emiratis, Qataris and Omanis", ["ARE", "QAT", "OMN"]),
        ("Iraqis and Kuwaitis", ["IRQ", "KWT"]),
        ("Pakistanis and Bangladeshis", ["PAK", "BGD"]),
        ("Yemenis and Bahrainis", ["YEM", "BHR"]),
        # UN agencies and bodies by their acronyms, a relief charity, a state's army by its name
        ("the UNGA, WFP, OCHA, UNRWA and IOM", ["UN", "UN", "UN", "UN", "UN"]),
        ("the World Food Programme and the International Organization for Migration", ["UN", "UN"]),
        ("World Central Kitchen and IGAD", ["NGO", "IGAD"]),
        ("the KPA and the Korean People's Army", ["PRK", "PRK"]),
        ("an iom and a wfp in lower case", []),
        ("the Philippine navy", ["PHL"]),
        ("Kosovo police detained two Kosovars", ["XKX", "XKX"]),
        ("Côte d'Ivoire and Cote d’Ivoire", ["CIV", "CIV"]),
        ("a Bissau-Guinean officer", ["GNB"]),
        ("Dominicans and Indians", ["DOM", "IND"]),
        ("Bosnian and Bosniak leaders", ["BIH", "BIH"]),
        ("Turks and Britons", ["TUR", "GBR"]),
        ("Spaniards, Swedes and Danes", ["ESP", "SWE", "DNK"]),
        ("Nepali and Somalian sailors", ["NPL", "SOM"]),
        ("Ecuadorian and Salvadorean police", ["ECU", "SLV"]),
        ("Macedonia and the North Macedonian army", ["MKD", "MKD"]),
        ("Kiwi soldiers", ["NZL"]),
        ("Trinidad and St. Lucia", ["TTO", "LCA"]),
        ("the Vatican", ["VAT"]),
        # non-state armed groups by their own short codes (CONTRACT), not by the state they fight
        ("the ELN and JNIM", ["ELN", "JNIM"]),
        ("the Syrian Democratic Forces", ["SDF"]),
        ("the Arakan Army and the Polisario Front", ["ARAKAN_ARMY", "POLISARIO"]),
        ("Doctors Without Borders", ["NGO"]),
        ("eln and jnim in lower case", []),
    ],
)
def test_lexicon(nlp: Language, lexicon: ActorLexicon, text: str, codes: list[str]) -> None:
    assert [m.code for m in lexicon.find(nlp(text))] == codes


@pytest.mark.parametrize(
    ("text", "sector"),
    [("the defence ministry", "MIL"), ("Russian troops", "MIL"), ("the foreign minister", "GOV"),
     ("local police", "COP"), ("the regional governor", "GOV"), ("the air defence forces", "MIL"),
     ("the weather", None)],
)
def test_sector(nlp: Language, text: str, sector: str | None) -> None:
    assert sector_of(list(nlp(text))) == sector


@pytest.mark.parametrize(
    ("sentence", "category", "actor", "recipient"),
    [
        ("Russian missiles hit Kyiv overnight.", "ASSAULT", ["RUS"], ["UKR"]),
        ("Ukraine launched drones at Moscow on Tuesday.", "ASSAULT", ["UKR"], ["RUS"]),
        ("The city was hit by Russian drones.", "ASSAULT", ["RUS"], []),
        ("Moscow blamed Kyiv for the attack.", "ACCUSE", ["RUS"], ["UKR"]),
        ("Germany condemned Russia over the strikes.", "ACCUSE", ["DEU"], ["RUS"]),
        ("The UN called on Israel to allow aid in.", "REQUEST", ["UN"], ["ISR"]),
        ("The European Union imposed sanctions on Russia.", "SANCTION", ["EU"], ["RUS"]),
        ("Macron held talks with Zelensky in Paris.", "CONSULT", ["FRA", "UKR"], ["FRA", "UKR"]),
        ("Russia vetoed the resolution.", "REJECT", ["RUS"], []),
        ("Macron arrived on Monday. The president accused Russia of war crimes.", "ACCUSE", ["FRA"], ["RUS"]),
        # the opposition is another party of the president's country: a domestic recipient
        ("President Amadou Keita threatened to ban the Malian opposition.", "THREATEN", ["MLI"], ["MLI"]),
        ("A journalist was arrested in Belarus on Friday.", "COERCE", ["BLR"], []),
        ("Beirut rejected the appeal.", "REJECT", ["LBN"], []),
        ("Norway said Belarus must release the journalists.", "REQUEST", ["NOR"], ["BLR"]),
        ("A roadside bomb near the town killed one U.S. soldier.", "ASSAULT", [], []),
        ("Poland hosted the summit on Monday. They condemned Russia for the attacks.", "ACCUSE", ["POL"], ["RUS"]),
        # a pronoun's threat is its antecedent's, as its accusation or demand is
        ("Putin spoke to reporters on Monday. He vowed to crush the revolt in the south.", "THREATEN", ["RUS"], []),
        ("Oman-mediated talks between Iran and Britain resumed.", "CONSULT", ["IRN", "GBR"], ["IRN", "GBR"]),
        ("Liberian riot police dispersed demonstrators protesting the results.", "PROTEST", ["LBR"], []),
    ],
)
def test_roles(nlp: Language, lexicon: ActorLexicon, sentence: str, category: str, actor: list[str],
               recipient: list[str]) -> None:
    doc = nlp(sentence)
    by_token = {i: m for m in lexicon.find(doc) for i in range(m.start, m.end)}
    mention = next(m for s in doc.sents for m in find_mentions(s) if m.category == category)
    roles = find_roles(mention, by_token)
    assert [a.country for a in roles.actor] == actor
    if category != "ASSAULT":
        assert [a.country for a in roles.recipient] == recipient


@pytest.mark.parametrize(
    ("sentence", "category", "actor"),
    [
        # the demonym names the actor, not the sentence's other country
        ("A Bolivian court charged the former minister with smuggling arms to Peru.", "ACCUSE", ["BOL"]),
        ("Kyrgyz border guards accused Tajikistan of shelling the village.", "ACCUSE", ["KGZ"]),
    ],
)
def test_demonym_actor(nlp: Language, lexicon: ActorLexicon, sentence: str, category: str, actor: list[str]) -> None:
    doc = nlp(sentence)
    by_token = {i: m for m in lexicon.find(doc) for i in range(m.start, m.end)}
    mention = next(m for s in doc.sents for m in find_mentions(s) if m.category == category)
    assert [a.country for a in find_roles(mention, by_token).actor] == actor


@pytest.mark.parametrize(
    ("sentence", "category", "actor", "claimed"),
    [
        ("Russia's defence ministry said Ukraine launched eight drones at Moscow.", "ASSAULT", ["UKR"], ["RUS"]),
        # a speech act at the root of its sentence is reported by no one: its subject does it, nobody claims it
        # (a Token made anew by .head once made the root look like its own reporter)
        ("Chile accused Peru of shelling the border post.", "ACCUSE", ["CHL"], []),
        ("Norway warned Sweden against closing the strait.", "THREATEN", ["NOR"], []),
    ],
)
def test_claimed_by(nlp: Language, lexicon: ActorLexicon, sentence: str, category: str, actor: list[str],
                    claimed: list[str]) -> None:
    doc = nlp(sentence)
    by_token = {i: m for m in lexicon.find(doc) for i in range(m.start, m.end)}
    mention = next(m for s in doc.sents for m in find_mentions(s) if m.category == category)
    roles = find_roles(mention, by_token)
    assert [a.country for a in roles.actor] == actor
    assert [a.country for a in roles.claimed_by] == claimed
