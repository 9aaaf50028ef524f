"""The query layer (warwatch.query) over a store of hand-made events: filters, sorting, keyset pagination,
one event with its sources, daily counts, facets, and the latest_events table kept in step with writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from warwatch.models import Actor, Article, Casualties, DateResolution, Event, Evidence, Location
from warwatch.query import (
    SORT_KEYS,
    BBox,
    EventFilter,
    QueryError,
    daily_stats,
    event_articles,
    find_events,
    get_event,
    meta,
)
from warwatch.store import MIGRATIONS, Store

KYIV = Location("Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448, "city")
KHARKIV = Location("Kharkiv", "UKR", "Kharkiv Oblast", 49.99, 36.23, 706483, "city")
MOSCOW = Location("Moscow", "RUS", "Moscow", 55.75, 37.62, 524901, "city")
SUVA = Location("Suva", "FJI", "Central", -18.14, 178.44, 2198148, "city")  # east of the antimeridian line
APIA = Location("Apia", "WSM", "Tuamasaga", -13.83, -171.76, 4035413, "city")  # west of it
RUS = Actor("Russia", "RUS", "MIL")
UKR = Actor("Ukraine", "UKR", "MIL")
WAGNER = Actor("Wagner", None, "REB")


def make(event_id: str, article_id: str, *, category: str = "ASSAULT", when: date | None = date(2031, 3, 4),
         place: Location | None = KYIV, dead: int | None = None, injured: int | None = None,
         actor: tuple[Actor, ...] = (RUS,), recipient: tuple[Actor, ...] = (UKR,), mode: str | None = "drone",
         weapon: str | None = "drone", background: bool = False, text: str = "Drones struck the city.",
         confidence: float = 0.5, extra: dict[str, Any] | None = None,
         article_ids: tuple[str, ...] | None = None) -> Event:
    ids = article_ids or (article_id,)
    return Event(
        event_id=event_id, article_ids=ids, event=category, mode=mode, context=("military",), weapon=weapon,
        actor=actor, recipient=recipient, date=DateResolution(when, "day" if when else None, "explicit"),
        location=place, casualties=Casualties(dead, injured), background=background, score=-9.0,
        evidence=tuple(Evidence(a, text, 0, len(text)) for a in ids), confidence=confidence, extra=extra or {},
    )


EVENTS = [
    make("a1", "art-1", dead=3, injured=12, text="Russian drones struck Kyiv, killing three."),
    make("a2", "art-2", place=KHARKIV, when=date(2031, 3, 5), dead=1, injured=None, weapon="missile", mode="aerial",
         text="A missile hit Kharkiv."),
    make("a3", "art-3", category="ACCUSE", place=MOSCOW, when=date(2031, 3, 6), actor=(RUS,), recipient=(UKR,),
         mode=None, weapon=None, text="Moscow accused Kyiv of shelling."),
    make("a4", "art-4", place=None, when=None, dead=5, actor=(WAGNER,), recipient=(),
         text="Wagner fighters shot five."),
    make("a5", "art-5", when=date(2031, 3, 1), background=True, text="Earlier this month drones hit Kyiv."),
    make("a6", "art-6", place=SUVA, when=date(2031, 3, 2), dead=0, injured=2, actor=(), recipient=(),
         text="A blast in Suva injured two."),
    make("a7", "art-7", place=APIA, when=date(2031, 3, 3), dead=None, injured=0, actor=(), recipient=(),
         text="Shots were fired in Apia."),
    make("a8", "art-8", when=date(2031, 3, 4), dead=3, injured=1, confidence=0.9, text="Strike on Kyiv: three dead."),
]


def article(article_id: str, text: str = "text", published: date | None = date(2031, 3, 7)) -> Article:
    return Article(id=article_id, text=text, published=published, url=f"https://example.org/{article_id}",
                   title=f"title {article_id}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "q.duckdb") as opened:
        for event in EVENTS:
            text = "Intro. " + event.evidence[0].text
            opened.save(article(event.article_ids[0], text), [event])
        yield opened


def ids(store: Store, where: EventFilter, sort: str = "event_id") -> list[str]:
    return [r["event_id"] for r in find_events(store, where, sort=sort, limit=None).items]


FILTER_CASES: list[tuple[str, EventFilter, list[str]]] = [
    ("default: news events only", EventFilter(), ["a1", "a2", "a3", "a4", "a6", "a7", "a8"]),
    ("background only", EventFilter(background=True), ["a5"]),
    ("background and news", EventFilter(background=None), ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]),
    ("category", EventFilter(category=("ACCUSE",)), ["a3"]),
    ("category, lower case", EventFilter(category=("accuse",)), ["a3"]),
    ("two categories", EventFilter(category=("ACCUSE", "ASSAULT")), ["a1", "a2", "a3", "a4", "a6", "a7", "a8"]),
    ("country", EventFilter(country=("RUS",)), ["a3"]),
    ("country and category", EventFilter(country=("UKR",), category=("ASSAULT",)), ["a1", "a2", "a8"]),
    ("admin1", EventFilter(admin1=("Kharkiv Oblast",)), ["a2"]),
    ("actor code", EventFilter(actor=("RUS",)), ["a1", "a2", "a3", "a8"]),
    ("actor without a code: its name", EventFilter(actor=("wagner",)), ["a4"]),
    ("recipient", EventFilter(recipient=("UKR",)), ["a1", "a2", "a3", "a8"]),
    ("mode", EventFilter(mode=("AERIAL",)), ["a2"]),
    ("weapon", EventFilter(weapon=("missile",)), ["a2"]),
    ("since", EventFilter(since=date(2031, 3, 5)), ["a2", "a3"]),
    ("until", EventFilter(until=date(2031, 3, 3)), ["a6", "a7"]),
    ("one day", EventFilter(since=date(2031, 3, 4), until=date(2031, 3, 4)), ["a1", "a8"]),
    ("min_dead", EventFilter(min_dead=3), ["a1", "a4", "a8"]),
    ("min_dead 0 leaves out unknown figures", EventFilter(min_dead=0), ["a1", "a2", "a4", "a6", "a8"]),
    ("min_injured", EventFilter(min_injured=2), ["a1", "a6"]),
    ("bbox Ukraine", EventFilter(bbox=BBox(22, 44, 41, 53)), ["a1", "a2", "a8"]),
    ("bbox across the antimeridian", EventFilter(bbox=BBox(170, -30, -170, 0)), ["a6", "a7"]),
    ("free text in the evidence", EventFilter(q="KILLING"), ["a1"]),
    ("free text, several words", EventFilter(q="shots were fired"), ["a7"]),
    ("free text, not in the article outside the evidence", EventFilter(q="intro"), []),
    ("nothing matches", EventFilter(country=("FRA",)), []),
]


@pytest.mark.parametrize(("where", "expected"), [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES])
def test_filters(store: Store, where: EventFilter, expected: list[str]) -> None:
    assert ids(store, where) == expected


BAD_FILTERS: list[tuple[dict[str, Any], str]] = [
    ({"since": date(2031, 3, 5), "until": date(2031, 3, 4)}, "until"),
    ({"min_dead": -1}, "min_dead"),
    ({"min_injured": 1.5}, "min_injured"),
    ({"q": "   "}, "q"),
    ({"q": "x" * 201}, "q"),
    ({"country": ("",)}, "country"),
]


@pytest.mark.parametrize(("kwargs", "field"), BAD_FILTERS)
def test_bad_filters_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(QueryError) as caught:
        EventFilter(**kwargs)
    assert caught.value.field == field


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "0,0,200,10", "0,50,10,40", "nan,0,1,1"])
def test_bad_bbox(text: str) -> None:
    with pytest.raises(QueryError) as caught:
        BBox.parse(text)
    assert caught.value.field == "bbox"


def test_a_single_string_is_one_value() -> None:
    assert EventFilter(country="ukr").country == ("UKR",)  # type: ignore[arg-type]


def test_default_sort_newest_first_undated_last(store: Store) -> None:
    assert ids(store, EventFilter(), sort="-date") == ["a3", "a2", "a1", "a8", "a7", "a6", "a4"]
    assert ids(store, EventFilter(), sort="date") == ["a6", "a7", "a1", "a8", "a2", "a3", "a4"]
    assert ids(store, EventFilter(), sort="-dead") == ["a4", "a1", "a8", "a2", "a6", "a3", "a7"]


@pytest.mark.parametrize("sort", [s for k in SORT_KEYS for s in (k, f"-{k}")])
@pytest.mark.parametrize("limit", [1, 2, 3, 7])
def test_pages_cover_every_event_once_in_order(store: Store, sort: str, limit: int) -> None:
    where = EventFilter(background=None)
    everything = ids(store, where, sort)
    seen: list[str] = []
    cursor = None
    for _ in range(20):
        page = find_events(store, where, sort=sort, limit=limit, cursor=cursor)
        assert len(page.records) <= limit
        seen += [r["event_id"] for r in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == everything
    assert len(set(seen)) == len(EVENTS)


def test_total_and_limit_zero(store: Store) -> None:
    page = find_events(store, EventFilter(country=("UKR",)), limit=0, with_total=True)
    assert page.records == () and page.total == 3 and page.next_cursor is None


@pytest.mark.parametrize("cursor", ["garbage", "", "eyJhIjoxfQ", "W10", "WyJkYXRlIiwiMjAzMSIsImExIl0"])
def test_bad_cursors(store: Store, cursor: str) -> None:
    if cursor == "":
        assert find_events(store, limit=1, cursor=cursor).records  # no cursor: the first page
        return
    with pytest.raises(QueryError) as caught:
        find_events(store, sort="-date", limit=1, cursor=cursor)
    assert caught.value.field == "cursor"


def test_cursor_of_another_sort_is_refused(store: Store) -> None:
    cursor = find_events(store, sort="-dead", limit=1).next_cursor
    with pytest.raises(QueryError, match="sort"):
        find_events(store, sort="-date", limit=1, cursor=cursor)


@pytest.mark.parametrize("sort", ["name", "-", "date; DROP TABLE events", "--date", "record"])
def test_unknown_sort(store: Store, sort: str) -> None:
    with pytest.raises(QueryError) as caught:
        find_events(store, sort=sort)
    assert caught.value.field == "sort"


def test_filter_values_are_parameters_not_sql(store: Store) -> None:
    sneaky = "UKR' OR '1'='1"
    assert ids(store, EventFilter(country=(sneaky,))) == []
    assert ids(store, EventFilter(q="%")) == []  # a LIKE wildcard is a plain character here
    assert store.count_events() == len(EVENTS)


def test_get_event_with_sources_and_figures(tmp_path: Path) -> None:
    merged = make("m1", "s-1", article_ids=("s-1", "s-2"), dead=4, injured=15, extra={
        "figures_by_source": [{"article_id": "s-1", "published": "2031-03-04", "dead": 3, "injured": 12},
                              {"article_id": "s-2", "published": "2031-03-05", "dead": 4, "injured": 15}]})
    with Store.open(tmp_path / "m.duckdb") as store:
        store.save(article("s-1", "Drones struck the city. Three died."), [])
        store.save(article("s-2", "Drones struck the city. Four died.", date(2031, 3, 5)), [merged])
        detail = get_event(store, "m1")
        assert detail is not None
        record = merged.to_json()
        assert {k: detail[k] for k in record} == record
        assert detail["sources"] == 2 and detail["figures_by_source"] == record["figures_by_source"]
        assert [(a["id"], a["dead"], a["injured"], a["published"]) for a in detail["articles"]] == [
            ("s-1", 3, 12, "2031-03-07"), ("s-2", 4, 15, "2031-03-05")]
        assert detail["articles"][0]["url"] == "https://example.org/s-1"
        articles = event_articles(store, "m1")
        assert articles == detail["articles"]
        for source in articles:
            span = source["evidence"][0]
            assert source["text"][span["start"]:span["end"]] == span["text"] == "Drones struck the city."
        assert get_event(store, "nope") is None and event_articles(store, "nope") is None


def test_single_source_figures_are_the_events(store: Store) -> None:
    detail = get_event(store, "a1")
    assert detail is not None
    assert [(s["dead"], s["injured"]) for s in detail["articles"]] == [(3, 12)]
    assert detail["figures_by_source"] == [{"article_id": "art-1", "published": None, "dead": 3, "injured": 12}]


def test_pages_with_sources(store: Store) -> None:
    plain = find_events(store, EventFilter(), sort="event_id", limit=3)
    counted = find_events(store, EventFilter(), sort="event_id", limit=3, with_sources=True)
    assert [{**p, "sources": 1} for p in plain.items] == counted.items
    assert "sources" not in plain.items[0]  # Store.events() stays Event.to_json()


def test_daily_stats(store: Store) -> None:
    rows = daily_stats(store, EventFilter(country=("UKR",)), ("category",))
    assert rows == [
        {"date": "2031-03-04", "category": "ASSAULT", "events": 2, "dead": 6, "injured": 13},
        {"date": "2031-03-05", "category": "ASSAULT", "events": 1, "dead": 1, "injured": 0},
    ]
    both = daily_stats(store, EventFilter(), group_by=("category", "country"))
    assert {"date": "2031-03-06", "category": "ACCUSE", "country": "RUS", "events": 1, "dead": 0,
            "injured": 0} in both
    totals = daily_stats(store, EventFilter(), group_by=())
    assert sum(r["events"] for r in totals) == 6  # the undated event is left out
    with pytest.raises(QueryError) as caught:
        daily_stats(store, group_by=("date; DROP TABLE events",))
    assert caught.value.field == "group_by"


def test_meta(store: Store) -> None:
    info = meta(store)
    assert info["events"] == 8 and info["background"] == 1 and info["articles"] == 8
    assert info["date_min"] == "2031-03-01" and info["date_max"] == "2031-03-06"
    assert info["categories"] == ["ACCUSE", "ASSAULT"] and info["countries"] == ["FJI", "RUS", "UKR", "WSM"]
    assert info["category"][0] == {"value": "ASSAULT", "events": 6}
    assert {"value": "WAGNER", "events": 1} in info["actor"]
    assert info["schema_version"] == max(m.version for m in MIGRATIONS)


def assert_rollup_matches(store: Store) -> None:
    """daily_counts holds exactly latest_events rolled up."""
    rolled = "SELECT date, event, country, background, events, dead, injured FROM daily_counts"
    fresh = ("SELECT date, event, country, background, count(*), coalesce(sum(dead), 0), coalesce(sum(injured), 0) "
             "FROM latest_events WHERE date IS NOT NULL GROUP BY ALL")
    assert store.fetch(f"({rolled}) EXCEPT ALL ({fresh})") == []
    assert store.fetch(f"({fresh}) EXCEPT ALL ({rolled})") == []


def assert_derived_tables_are_fresh(store: Store) -> None:
    """latest_events and daily_counts as the writes left them equal what rebuild_derived computes in SQL."""
    tables = ("SELECT * FROM latest_events ORDER BY event_id", "SELECT * FROM daily_counts ORDER BY ALL")
    kept = [store.fetch(sql) for sql in tables]
    store.rebuild_derived()
    assert [store.fetch(sql) for sql in tables] == kept


def test_rollup_of_the_fixture(store: Store) -> None:
    assert_rollup_matches(store)
    assert_derived_tables_are_fresh(store)
    rows = store.fetch("SELECT sum(events) FROM daily_counts WHERE NOT background")
    assert rows == [(6,)]


def test_daily_stats_from_the_rollup_equal_a_scan(store: Store) -> None:
    for where in (EventFilter(), EventFilter(country=("UKR",)), EventFilter(background=None),
                  EventFilter(category=("ASSAULT",), since=date(2031, 3, 3))):
        assert where.by_day_only()
        for groups in ((), ("category",), ("country",), ("category", "country")):
            from_rollup = daily_stats(store, where, groups, rollup=True)
            scanned = daily_stats(store, where, groups, rollup=False)
            assert from_rollup == scanned and from_rollup == daily_stats(store, where, groups)
            assert from_rollup
    assert not EventFilter(min_dead=0).by_day_only() and not EventFilter(q="x").by_day_only()
    assert daily_stats(store, EventFilter(min_dead=1), ()) == [
        {"date": "2031-03-04", "events": 2, "dead": 6, "injured": 13},
        {"date": "2031-03-05", "events": 1, "dead": 1, "injured": 0}]
    with pytest.raises(QueryError):
        daily_stats(store, EventFilter(q="x"), rollup=True)


def test_latest_events_follow_replacements(tmp_path: Path) -> None:
    with Store.open(tmp_path / "r.duckdb") as store:
        store.save(article("t-1", "old text"), [make("x1", "t-1"), make("x2", "t-1")])
        store.save(article("t-2", "other"), [make("x3", "t-2", article_ids=("t-1", "t-2"))])
        assert ids(store, EventFilter()) == ["x1", "x2", "x3"]
        assert_rollup_matches(store)
        store.save(article("t-1", "new text"), [make("x4", "t-1", dead=9, when=date(2031, 3, 9))])  # x1, x2 gone
        assert ids(store, EventFilter()) == ["x3", "x4"]
        assert ids(store, EventFilter(min_dead=9)) == ["x4"]
        assert_rollup_matches(store)
        assert daily_stats(store, EventFilter(), ()) == [
            {"date": "2031-03-04", "events": 1, "dead": 0, "injured": 0},
            {"date": "2031-03-09", "events": 1, "dead": 9, "injured": 0}]
        store.rebuild_derived()
        assert_rollup_matches(store)
        assert ids(store, EventFilter()) == ["x3", "x4"]
        # x3 keeps its t-2 row, written before t-1 was replaced: that record is still its newest
        assert find_events(store, EventFilter(), sort="event_id").items[0]["article_ids"] == ["t-1", "t-2"]


def test_migration_fills_latest_events_of_an_older_store(tmp_path: Path,
                                                         roll_back: Callable[[Path, int], None]) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store.save(article("t-1", "text one"), [make("o1", "t-1", dead=1)])
        store.save(article("t-2", "text two"), [make("o1", "t-1", article_ids=("t-1", "t-2"), dead=2),
                                                make("o2", "t-2")])
        expected = store.events()
    roll_back(path, 3)  # the file as schema version 2 left it
    with Store.open(path, read_only=True) as store:  # migrates first, then opens read-only
        assert [v for v, _, _ in store.migrations()] == [m.version for m in MIGRATIONS]
        assert store.events() == expected
        assert expected[0]["dead"] == 2
        assert_rollup_matches(store)


def test_read_only_store(tmp_path: Path) -> None:
    from warwatch.errors import StoreError

    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    Store.open(tmp_path / "ro.duckdb").close()
    with Store.open(tmp_path / "ro.duckdb", read_only=True) as store, pytest.raises(StoreError):
        store.save(article("t-1"), [])


def test_cursors_for_threads(store: Store) -> None:
    import threading

    results: list[int] = []

    def work() -> None:
        reader = store.cursor()
        try:
            for _ in range(20):
                results.append(len(find_events(reader, limit=3).records))
        finally:
            reader.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [3] * 80





@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollup_stays_exact_through_random_writes(tmp_path: Path, seed: int) -> None:
    import random

    rng = random.Random(seed)
    places = [KYIV, KHARKIV, MOSCOW, None]
    with Store.open(tmp_path / f"w{seed}.duckdb") as store:
        for step in range(60):
            article_id = f"r-{rng.randrange(12)}"  # often an article seen before: a replacement
            events = []
            for _ in range(rng.randrange(3)):
                others = tuple(f"r-{rng.randrange(12)}" for _ in range(rng.randrange(2)))
                events.append(make(
                    f"e-{rng.randrange(20)}", article_id, article_ids=tuple(dict.fromkeys((article_id, *others))),
                    category=rng.choice(["ASSAULT", "ACCUSE"]), place=rng.choice(places),
                    when=rng.choice([None, date(2031, 3, 1 + rng.randrange(5))]),
                    dead=rng.choice([None, 0, 1, 5]), injured=rng.choice([None, 2]), background=rng.random() < 0.2))
            store.save(article(article_id, f"text {step}"), events)
        assert_rollup_matches(store)
        assert_derived_tables_are_fresh(store)
