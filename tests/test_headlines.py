"""Headline verbs that the tagger took for nouns, and colon datelines (own wording, forms of real pages)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from warwatch.coding.datelines import colon_dateline
from warwatch.models import Article, Event, Place, Toponym
from warwatch.pipeline import Resources


def _root(nlp: Language, text: str) -> tuple[str, str, str]:
    doc = nlp(text)
    root = next(t for t in doc[0].sent if t.dep_ == "ROOT")
    return root.text, root.pos_, root.lemma_


@pytest.mark.parametrize(
    ("headline", "verb", "lemma"),
    [
        # a present-tense verb with -s after a subject, read as a plural noun
        ("Chile sanctions Peruvian fishing firms over border clash", "sanctions", "sanction"),
        ("Bolivia's rebels targets oil depot with drones", "targets", "target"),
        ("Norwegian shelling kills three in border town", "kills", "kill"),
        # a bare verb after a plural or coordinated subject
        ("Peruvian rockets rock the border town", "rock", "rock"),
        ("Chile and Peru exchange prisoners on the border", "exchange", "exchange"),
        ("Malta's fishermen dismiss Tunisia's claims about the collision", "dismiss", "dismiss"),
        # title case: read in lower case, names keep their tags
        ("Chile Rejects Peru's Claims Of Sabotage", "Rejects", "reject"),
        ("Norway Summons Swedish Envoy Over Border Incident", "Summons", "summon"),
        ("Kenya Halts Flights To Uganda After Border Clash", "Halts", "halt"),
        # a label before a colon is no subject
        ("Patagonia: Chile Denies Role In Pipeline Blast", "Denies", "deny"),
    ],
)
def test_a_headline_verb_read_as_a_noun_becomes_the_verb(nlp: Language, headline: str, verb: str,
                                                         lemma: str) -> None:
    assert _root(nlp, headline + "\n\nThe body follows here.") == (verb, "VERB", lemma)


@pytest.mark.parametrize(
    "text",
    [
        "Chile rejects Peru's claims of sabotage",  # the verb is already read as one
        "Peruvian sanctions on Chilean firms.",  # a full stop: a sentence, not a headline
        "Skip to main content",  # page chrome: no subject before a verb-like word
        "Border talks in Lima",  # no candidate at all
        "Chile to sanction Peruvian firms",  # future: an infinitive, already a verb
    ],
)
def test_other_first_lines_keep_their_parse(nlp: Language, nlp_sm: Language, text: str) -> None:
    ours = nlp(text)
    plain = nlp_sm(text)
    assert [(t.tag_, t.dep_, t.head.i) for t in ours] == [(t.tag_, t.dep_, t.head.i) for t in plain]


def test_only_the_first_sentence_is_a_headline(nlp: Language, nlp_sm: Language) -> None:
    text = "A quiet week on the border.\nChile sanctions Peruvian fishing firms over border clash"
    assert [t.tag_ for t in nlp(text)] == [t.tag_ for t in nlp_sm(text)]


def _code(resources: Resources, text: str) -> list[Event]:
    article = Article(id="t", text=text, published=date(2031, 3, 5))
    return [e for e in resources.coder.code(resources.nlp(text), article).events if not e.background]


@pytest.mark.parametrize(
    ("headline", "category", "actor", "recipient"),
    [
        ("US sanctions Bolivian generals over mine seizure", "SANCTION", "USA", "BOL"),
        ("Chile Rejects Peru's Claims Of Sabotage", "REJECT", "CHL", "PER"),
    ],
)
def test_the_headline_act_is_coded_with_its_roles(resources: Resources, headline: str, category: str, actor: str,
                                                  recipient: str) -> None:
    events = [e for e in _code(resources, headline + "\n\n") if e.event == category]
    assert events
    assert actor in {a.country for a in events[0].actor}
    assert recipient in {a.country for a in events[0].recipient}


def _toponym(text: str, name: str) -> Toponym:
    start = text.index(name)
    place = Place(name=name.title(), country="XXX", admin1=None, lat=0.0, lon=0.0, geonameid=1, feature_class="P",
                  feature_code="PPL", population=1000)
    return Toponym(text=name, start=start, end=start + len(name), place=place, kind="literal")


@pytest.mark.parametrize(
    ("text", "name", "dateline"),
    [
        ("Headline\n\nPORT LIMA: Rebels shelled the harbour on Monday.", "PORT LIMA", True),
        ("Headline\n\nVALPARAISO (Agencies): Rebels shelled the harbour.", "VALPARAISO", True),
        ("VALPARAISO: Rebels shelled the harbour.", "VALPARAISO", True),
        # a headline's label or a live page's heading in ordinary case is the place of the news
        ("Valparaiso: rebels shell the harbour\n\nText.", "Valparaiso", False),
        # a colon inside a line, or a name that does not open its line
        ("Rebels said VALPARAISO: was shelled.", "VALPARAISO", False),
        ("Headline\n\nIn VALPARAISO: rebels shelled the harbour.", "VALPARAISO", False),
        # a colon with no space after it is a clock time or a ratio, not a dateline
        ("VALPARAISO:10 boats left.", "VALPARAISO", False),
    ],
)
def test_colon_datelines(text: str, name: str, dateline: bool) -> None:
    assert colon_dateline(_toponym(text, name), text) is dateline


def test_a_colon_dateline_is_no_place_of_the_attack(resources: Resources) -> None:
    text = ("Headline of the story\n\nKISMAYO: An army base in southern Somalia was struck by car bombs on Wednesday "
            "in Quewallpa, a military official said.")  # an unknown village: the story's country, not the bureau
    attacks = [e for e in _code(resources, text) if e.event == "ASSAULT"]
    assert attacks and attacks[0].location is not None and attacks[0].location.name == "Somalia"


def test_a_release_happens_where_the_story_places_it_not_at_the_dateline(resources: Resources) -> None:
    text = ("Headline of the story\n\nLIMA, Peru (AP) — Chile and Peru exchanged 40 prisoners on Sunday. The swap took "
            "place at a crossing near Tacna, officials said.")
    releases = [e for e in _code(resources, text) if e.event == "RETREAT"]
    assert releases and releases[0].location is not None and releases[0].location.name == "Tacna"


@pytest.mark.parametrize("dateline", ["KHARTOUM:", "KHARTOUM, Sudan (AP) —"])
def test_an_attack_in_the_city_is_in_the_datelines_town(resources: Resources, dateline: str) -> None:
    text = f"Headline of the story\n\n{dateline} Rebel drones hit a water plant in the city on Monday, the army said."
    attacks = [e for e in _code(resources, text) if e.event == "ASSAULT"]
    assert attacks and attacks[0].location is not None and attacks[0].location.name == "Khartoum"
