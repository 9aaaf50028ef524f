"""Offices and speakers the sentence gives no country: "the foreign minister", "officials", quotations.

Every sentence here is written for this file (fictional or generic), never taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from warwatch.coding.actors import AgentLexicon
from warwatch.coding.speakers import article_government, quote_speaker
from warwatch.models import Article
from warwatch.pipeline import code_articles
from warwatch.settings import Settings


def _events(resources, text: str) -> list[tuple[str, set[str | None], set[str | None]]]:  # type: ignore[no-untyped-def]
    settings = Settings.load(use_store=False)
    resources.coder.office_roles = True  # settings.office_roles (off by default)
    try:
        [result] = list(code_articles([Article(id="t", text=text)], resources, settings))
    finally:
        resources.coder.office_roles = False
    return [(e.event, {a.country for a in e.actor}, {a.country for a in e.recipient})
            for e in result.events if not e.background]


@pytest.mark.parametrize(
    ("text", "category", "actor", "recipient"),
    [
        # a possessive, an adjective or a compound gives the office its country
        ("Moldova's foreign ministry condemned the shelling of the border villages.", "ACCUSE", {"MDA"}, None),
        ("The Norwegian envoy accused Sudan of blocking aid convoys.", "ACCUSE", {"NOR"}, {"SDN"}),
        ("Chilean officials accused Bolivia of violating the border treaty.", "ACCUSE", {"CHL"}, {"BOL"}),
        # the posting of an envoy is not its country
        ("Lima's envoy to the United Nations demanded that Ecuador withdraw its troops.", "REQUEST", {"PER"}, None),
        # a bare office: the same office named earlier in the article
        ("Portugal's defence ministry accused Morocco of sending drones over its islands. "
         "The defence minister later demanded an apology.", "REQUEST", {"PRT"}, None),
        # a bare office: the one government the article is about (never the recipient)
        ("The government of Chad said on Monday it had expelled the French ambassador. "
         "The foreign minister accused France of interfering in the country's affairs.", "ACCUSE", {"TCD"}, {"FRA"}),
        # the speaker of a quotation does its statement's own acts
        ("\"We demand that Bolivia return the seized trucks,\" a Chilean government spokeswoman said.",
         "REQUEST", {"CHL"}, None),
        ("The embassy of Peru condemned the attack. \"We call on Ecuador to punish those responsible,\" "
         "the ambassador said.", "REQUEST", {"PER"}, {"ECU"}),
        # a refusal announced in a quotation: the speaker refuses, the other side is the recipient
        ("\"We will not accept any ultimatum from Serbia,\" the Kosovar foreign minister said on Tuesday.",
         "REJECT", {"XKX"}, {"SRB"}),
    ],
)
def test_office_and_speaker_roles(resources, text: str, category: str, actor: set[str],  # type: ignore[no-untyped-def]
                                  recipient: set[str] | None) -> None:
    found = [e for e in _events(resources, text) if e[0] == category]
    assert found, f"no {category} event in {_events(resources, text)}"
    assert found[0][1] == actor
    if recipient is not None:
        assert found[0][2] == recipient


@pytest.mark.parametrize(
    "text",
    [
        # two governments act in the article: a bare office stays unknown; the accusation is still an event
        # (its speaker is named, CONTRACT.md), with no actor rather than a guessed one
        "Chad said on Monday it had expelled the French envoy. France said it regretted the decision. "
        "The foreign minister accused the other side of lying.",
        # militants are no state's agents: the article's government does not speak for them
        "The government of Chad said on Monday it had expelled the Sudanese envoy. "
        "Militants accused the army of abuses.",
    ],
)
def test_unresolved_office_gives_no_actor(resources, text: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(resources, text)
    accusations = [e for e in events if e[0] == "ACCUSE"]
    assert accusations and len(events) > len(accusations), "the accusation and the article's other acts are coded"
    assert all(not actor for _, actor, _ in accusations), events


@pytest.mark.parametrize(
    ("text", "trigger", "speaker"),
    [
        ("\"We condemn the raid,\" the spokesman said.", "condemn", "spokesman"),
        ("The minister said: \"We reject the plan.\"", "reject", "minister"),
        ("“We reject the plan,” said the envoy, “and we will say so.”", "reject", "envoy"),
        ("The minister said they reject the plan.", "reject", None),  # no quotation marks: no quote speaker
    ],
)
def test_quote_speaker(nlp, text: str, trigger: str, speaker: str | None) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    token = next(t for t in doc if t.lower_ == trigger)
    found = quote_speaker(token)
    assert (found.lower_ if found is not None else None) == speaker


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Chad's foreign ministry said the border was closed. The minister spoke to reporters.", "TCD"),
        ("The government of Chad closed the border after France said it would send troops.", None),
        ("Troops crossed into Chad.", None),  # a place, not a government that acts or speaks
    ],
)
def test_article_government(resources, text: str, home: str | None) -> None:  # type: ignore[no-untyped-def]
    doc = resources.nlp(text)
    mentions = resources.coder.lexicon.find(doc)
    assert article_government(doc, mentions, AgentLexicon.load()) == home


@pytest.mark.parametrize(
    ("text", "head", "sector"),
    [
        ("The foreign ministry spokesman spoke.", "spokesman", "GOV"),
        ("The ministry of defence spoke.", "ministry", "MIL"),
        ("Riot police moved in.", "police", "COP"),
        ("Militants fired.", "Militants", "REB"),
        ("The weather turned.", "weather", None),
    ],
)
def test_agent_sector(nlp, text: str, head: str, sector: str | None) -> None:  # type: ignore[no-untyped-def]
    token = next(t for t in nlp(text) if t.text == head)
    assert AgentLexicon.load().sector(token) == sector


def _assaults(resources, text: str) -> list[set[str | None]]:  # type: ignore[no-untyped-def]
    """The actors of the attacks coded from ``text`` with the product's settings (office_roles off)."""
    settings = Settings.load(use_store=False)
    [result] = list(code_articles([Article(id="t", text=text)], resources, settings))
    return [{a.country for a in e.actor} for e in result.events if e.event == "ASSAULT" and not e.background]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a bare armed agent of the state: the one government the article is about
        ("The government of Gabon said on Monday it had closed the northern border. "
         "The army shelled two villages near the river on Sunday, killing three people.", {"GAB"}),
        ("Zambia's interior ministry said on Tuesday it had banned the march. "
         "Police fired on the marchers on Monday, wounding five.", {"ZMB"}),
        # another country in the sentence: the forces may be its own, so no actor is given
        ("The government of Gabon said on Monday it had closed the northern border. "
         "Troops shelled two villages near the Cameroonian border on Sunday, killing three people.", set()),
        # no one government in the article: no actor
        ("The army shelled two villages near the river on Sunday, killing three people.", set()),
    ],
)
def test_armed_agent_of_the_article_government(resources, text: str, actor: set[str]) -> None:  # type: ignore[no-untyped-def]
    found = _assaults(resources, text)
    assert found, "no ASSAULT event"
    assert found[0] == actor
