"""Where and when a statement was made: venue phrases, the article's meeting, the topic left out (fictional
articles, real pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from warwatch.models import Article, Event
from warwatch.pipeline import Resources

PUBLISHED = date(2031, 3, 5)  # a Wednesday


def _coded(resources: Resources, text: str, category: str) -> Event:
    article = Article(id="venue", text=text, published=PUBLISHED)
    events = resources.coder.code(resources.nlp(text), article).events
    found = [e for e in events if e.event == category and not e.background]
    assert len(found) == 1, [(e.event, e.background) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "category", "place", "source"),
    [
        # a venue phrase on the speech verb or on the speaker's occasion
        ("Speaking in Tallinn on Tuesday, Finland's foreign minister accused Russia of shelling Kherson.",
         "ACCUSE", "Tallinn", "argument"),
        ("Poland's president, speaking at a summit in Oslo, called for a ceasefire in Mariupol.",
         "REQUEST", "Oslo", "argument"),
        ("Germany's chancellor rejected the plan at a news conference in Lisbon.", "REJECT", "Lisbon", "argument"),
        ("On the sidelines of the summit in Geneva, Spain's foreign minister accused Moscow of blackmail.",
         "ACCUSE", "Geneva", "argument"),
        ("The Czech president, addressing the summit in Bratislava, accused Russia of blackmail.",
         "ACCUSE", "Bratislava", "argument"),
        ("Malta's prime minister accused Libya of blackmail at the talks in Valletta.",
         "ACCUSE", "Valletta", "argument"),
        # the place is what the statement is about, not where it was made: the speaker's seat
        ("Sweden's prime minister called for a ceasefire in Mariupol.", "REQUEST", "Stockholm", "actor_seat"),
        ("Hungary's president demanded Ukrainian troops in Avdiivka lay down their arms.",
         "REQUEST", "Budapest", "actor_seat"),
        ("Denmark condemned the strike on Kharkiv.", "ACCUSE", "Copenhagen", "actor_seat"),
    ],
)
def test_a_statement_is_placed_where_it_was_made(resources: Resources, text: str, category: str, place: str,
                                                 source: str) -> None:
    """A venue phrase on the speech verb or the speaker's occasion places a statement; a place the statement is
    about does not (the speaker's seat instead)."""
    event = _coded(resources, text, category)
    assert event.location is not None and event.location.name == place
    assert event.extra["location_source"] == source


@pytest.mark.parametrize(
    ("text", "category", "place", "source"),
    [
        # the meeting the article places, when the speaker is named with it
        ("NATO leaders gathered for the alliance's summit in Tirana on Tuesday. "
         "NATO reaffirmed its support for Ukraine's membership.", "SUPPORT", "Tirana", "meeting"),
        ("The foreign ministers of Chile and Peru attended the summit in Quito on Monday. "
         "Chile accused Bolivia of blocking the river talks.", "ACCUSE", "Quito", "meeting"),
        # a summit of another year is no venue of the news: the body's seat
        ("At the 2009 summit in Tirana, the allies made a promise to Georgia. "
         "NATO reaffirmed its support for Ukraine's membership on Tuesday.", "SUPPORT", "Brussels", "institution"),
    ],
)
def test_a_statement_is_placed_at_the_articles_meeting(resources: Resources, text: str, category: str, place: str,
                                                       source: str) -> None:
    event = _coded(resources, text, category)
    assert event.location is not None and event.location.name == place
    assert event.extra["location_source"] == source


@pytest.mark.parametrize(
    ("text", "category", "day"),
    [
        # a weekday on the statement's verb, on the speech verb it is said under, or on its occasion
        ("Latvia's president said on Sunday that Moscow had deliberately targeted civilians.", "ACCUSE",
         date(2031, 3, 2)),
        ("Portugal's prime minister accused Russia on Sunday of targeting civilians.", "ACCUSE", date(2031, 3, 2)),
        ("Lithuania accused Russia of shelling Kherson on Saturday, the ministry said on Monday.", "ACCUSE",
         date(2031, 3, 3)),
        ("Speaking on Monday, Belgium's foreign minister accused Russia of shelling Kherson last Friday.", "ACCUSE",
         date(2031, 3, 3)),
        ("Austria's chancellor urged both armies on Tuesday to respect the truce.", "REQUEST", date(2031, 3, 4)),
        # a day inside what the statement is about dates the topic: the statement is the report's
        ("Estonia condemned Friday's strike on Odesa.", "ACCUSE", PUBLISHED),
    ],
)
def test_a_statement_is_dated_on_its_own_verb(resources: Resources, text: str, category: str, day: date) -> None:
    assert _coded(resources, text, category).date.date == day


@pytest.mark.parametrize(
    ("text", "place", "source"),
    [
        # a statement with no actor (a named speaker) is made where the story was filed
        ("BERGEN — The village elders blamed the militia for the fire on Tuesday.", "Bergen", "dateline"),
        # a dateline abroad is where the reporter is, not the speaker: the speaker's seat
        ("OSLO — Finland accused the militia of starting the fire on Tuesday.", "Helsinki", "actor_seat"),
    ],
)
def test_a_statement_without_venue_falls_back_to_the_dateline(resources: Resources, text: str, place: str,
                                                              source: str) -> None:
    event = _coded(resources, text, "ACCUSE")
    assert event.location is not None and event.location.name == place
    assert event.extra["location_source"] == source
