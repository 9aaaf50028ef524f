"""Deduplication: which reports merge, stable ids, reconciled figures, the store, the CLI.

Every text here is fictional.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warwatch.cli import main
from warwatch.dedup import (
    DedupRules,
    Report,
    cluster,
    deduplicate,
    event_from_record,
    member_of,
    merge_reports,
    pair_score,
    reconcile,
    resolve,
)
from warwatch.errors import ConfigError
from warwatch.models import Actor, Casualties, DateResolution, Event, Evidence, Location
from warwatch.store import Store

DAY = date(2031, 4, 9)
KHARVALE = Location("Kharvale", "UKR", "Kharvale Oblast", 49.00, 36.00, 9001, "city")
KHARVALE_DEPOT = Location("Kharvale fuel depot", "UKR", "Kharvale Oblast", 49.01, 36.01, None, "point")
KHARVALE_REGION = Location("Kharvale Oblast", "UKR", "Kharvale Oblast", 49.00, 36.00, 9000, "admin1")
OSTRIV = Location("Ostriv", "UKR", "Kharvale Oblast", 49.30, 36.00, 9002, "city")  # 33 km north
LISNE = Location("Lisne", "UKR", "Lisne Oblast", 46.00, 30.00, 9003, "city")
CAPITAL = Location("Valdport", "XXA", "Valdport", 52.00, 13.00, 9004, "city")
RUS, UKR, XXB = Actor("Russia", "RUS", "MIL"), Actor("Ukraine", "UKR", None), Actor("Borduria", "XXB", "GOV")

STRIKE = "Russian drones struck a fuel depot in Kharvale overnight, killing three people, the governor said."
STRIKE_2 = "A fuel depot in Kharvale burned after a Russian drone attack that killed three, officials said."


def ev(
    mention_id: str,
    article_id: str,
    *,
    category: str = "ASSAULT",
    when: date | None = DAY,
    precision: str = "day",
    place: Location | None = KHARVALE,
    weapon: str | None = "drone",
    actor: tuple[Actor, ...] = (RUS,),
    recipient: tuple[Actor, ...] = (UKR,),
    dead: int | None = 3,
    injured: int | None = None,
    background: bool = False,
    text: str = STRIKE,
) -> Event:
    return Event(
        event_id=mention_id,
        article_ids=(article_id,),
        event=category,
        mode="drone" if weapon == "drone" else None,
        context=("military",) if category == "ASSAULT" else (),
        weapon=weapon,
        actor=actor,
        recipient=recipient,
        date=DateResolution(when, precision if when else None, "relative", "overnight"),
        location=place,
        casualties=Casualties(dead, injured, "exact" if dead is not None else None, None),
        background=background,
        score=-9.5,
        evidence=(Evidence(article_id, text, 0, len(text)),),
        confidence=0.6,
    )


def rep(event: Event, published: date | None = DAY) -> Report:
    return Report(event, published)


BASE = ev("m-a", "a-1")


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("same strike, another source", ev("m-b", "a-2", text=STRIKE_2)),
        ("one strike reported a day late", ev("m-b", "a-2", when=DAY + timedelta(days=1), text=STRIKE_2)),
        ("the depot within the city", ev("m-b", "a-2", place=KHARVALE_DEPOT, text=STRIKE_2)),
        ("weapon unknown in one source", ev("m-b", "a-2", weapon=None, text=STRIKE_2)),
        ("drone called an aircraft", ev("m-b", "a-2", weapon="aircraft", text=STRIKE_2)),
        ("mixed wave", ev("m-b", "a-2", weapon="mixed", text=STRIKE_2)),
        ("attacker not named in one source", ev("m-b", "a-2", actor=(), text=STRIKE_2)),
        ("date known to the week", ev("m-b", "a-2", when=DAY + timedelta(days=4), precision="week")),
        # one city, one night: one event, whatever weapon a source reads into the same words
        ("the same strike told as shelling", ev("m-b", "a-2", weapon="artillery", text=STRIKE.replace(
            "Russian drones struck", "Russian shelling struck"))),
    ],
)
def test_must_merge(name: str, other: Event) -> None:
    assert pair_score(member_of(rep(BASE)), member_of(rep(other))) is not None, name
    ids = cluster([member_of(rep(BASE)), member_of(rep(other))])
    assert ids[0] == ids[1], name


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("same city, same night, artillery instead of drones",
         ev("m-b", "a-2", weapon="artillery", text="Shelling hit a market in Kharvale at night, killing one.")),
        ("a strike and the accusation about it", ev("m-b", "a-2", category="ACCUSE", weapon=None, actor=(UKR,),
                                                    recipient=(RUS,))),
        ("a town 33 km away", ev("m-b", "a-2", place=OSTRIV)),
        ("another region", ev("m-b", "a-2", place=LISNE)),
        ("two days apart", ev("m-b", "a-2", when=DAY + timedelta(days=2))),
        ("no date", ev("m-b", "a-2", when=None)),
        ("the same article", ev("m-b", "a-1")),
        ("a background mention", ev("m-b", "a-2", background=True)),
        ("no place against a place", ev("m-b", "a-2", place=None)),
        ("a region-wide report against a city strike", ev("m-b", "a-2", place=KHARVALE_REGION, text=STRIKE)),
    ],
)
def test_must_not_merge(name: str, other: Event) -> None:
    ids = cluster([member_of(rep(BASE)), member_of(rep(other))])
    assert ids[0] != ids[1], name


@pytest.mark.parametrize(
    ("a_actor", "b_actor", "merged"),
    [((XXB,), (XXB,), True), ((XXB,), (XXB, UKR), True), ((XXB,), (UKR,), False), ((XXB,), (), True)],
)
def test_verbal_events_need_shared_actors(a_actor: tuple[Actor, ...], b_actor: tuple[Actor, ...],
                                          merged: bool) -> None:
    text = "Borduria's foreign minister condemned the strike as a war crime in Valdport."
    a = ev("m-a", "a-1", category="ACCUSE", place=CAPITAL, weapon=None, actor=a_actor, text=text)
    b = ev("m-b", "a-2", category="ACCUSE", place=CAPITAL, weapon=None, actor=b_actor, text=text)
    ids = cluster([member_of(rep(a)), member_of(rep(b))])
    assert (ids[0] == ids[1]) is merged


def test_two_events_of_one_article_stay_apart_even_through_a_third() -> None:
    a1 = ev("m-a", "a-1")
    a2 = ev("m-a2", "a-1", place=KHARVALE_DEPOT)
    b = ev("m-b", "a-2", text=STRIKE_2)
    ids = cluster([member_of(rep(x)) for x in (a1, a2, b)])
    assert ids[0] != ids[1] and ids[2] in {ids[0], ids[1]}


def test_no_chain_longer_than_a_day() -> None:
    chain = [ev(f"m-{i}", f"a-{i}", when=DAY + timedelta(days=i)) for i in range(4)]
    ids = cluster([member_of(rep(x)) for x in chain])
    assert len(set(ids)) >= 2
    assert all(ids.count(i) <= 2 for i in set(ids))


def test_new_cluster_takes_the_earliest_reports_id_and_stored_ids_win() -> None:
    early, late = ev("m-z", "a-1"), ev("m-a", "a-2", text=STRIKE_2)
    members = [member_of(rep(late, DAY + timedelta(days=1))), member_of(rep(early, DAY))]
    assert cluster(members) == ["m-z", "m-z"]
    assert cluster(members, fixed={"m-a": "ev-stored"}) == ["ev-stored", "ev-stored"]


def test_two_stored_events_are_never_merged() -> None:
    a, b = ev("m-a", "a-1"), ev("m-b", "a-2", text=STRIKE_2)
    ids = cluster([member_of(rep(a)), member_of(rep(b))], fixed={"m-a": "ev-1", "m-b": "ev-2"})
    assert ids == ["ev-1", "ev-2"]


_places = st.sampled_from([KHARVALE, KHARVALE_DEPOT, OSTRIV, LISNE, KHARVALE_REGION, None])
_reports = st.lists(
    st.builds(
        lambda i, art, day, place, weapon, pub: rep(
            ev(f"m-{i}", f"a-{art}", when=DAY + timedelta(days=day), place=place, weapon=weapon),
            DAY + timedelta(days=pub)),
        st.integers(0, 10**6), st.integers(0, 5), st.integers(0, 3), _places,
        st.sampled_from(["drone", "artillery", "missile", None, "mixed"]), st.integers(0, 3),
    ),
    max_size=12,
    unique_by=lambda r: r.event.event_id,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports=_reports, seed=st.randoms(use_true_random=False))
def test_ids_are_stable_under_input_order(reports: list[Report], seed) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(reports)
    seed.shuffle(shuffled)
    first = dict(zip((r.event.event_id for r in reports), cluster([member_of(r) for r in reports]), strict=True))
    second = dict(zip((r.event.event_id for r in shuffled), cluster([member_of(r) for r in shuffled]),
                      strict=True))
    assert first == second


@pytest.mark.parametrize(
    ("rule", "figures", "expected"),
    [
        ("latest_max", [(DAY, 3), (DAY + timedelta(days=1), 5), (DAY + timedelta(days=1), 4)], 5),
        ("latest_max", [(DAY, 9), (DAY + timedelta(days=1), 5)], 5),
        ("latest_max", [(DAY, 9), (DAY + timedelta(days=1), None)], 9),
        ("latest_max", [(None, 9), (DAY, 4)], 4),
        ("max", [(DAY, 9), (DAY + timedelta(days=1), 5)], 9),
        ("first", [(DAY, 2), (DAY + timedelta(days=1), 5)], 2),
        ("median", [(DAY, 2), (DAY, 5), (DAY, 9)], 5),
        ("consensus", [(DAY, 4), (DAY, 4), (DAY + timedelta(days=1), 2)], 4),  # two sources of three agree
        ("consensus", [(DAY, 3), (DAY, 4), (DAY + timedelta(days=1), 9)], 9),  # no majority: the latest
        ("consensus", [(DAY, 42), (DAY + timedelta(days=1), 40), (DAY + timedelta(days=1), 57)], 57),
        ("consensus", [(DAY, 5), (DAY, None), (DAY + timedelta(days=1), None)], 5),
        ("latest_max", [(DAY, None)], None),
        ("max", [], None),
    ],
)
def test_reconcile(rule: str, figures: list[tuple[date | None, int | None]], expected: int | None) -> None:
    assert reconcile(figures, rule) == expected


@pytest.mark.parametrize(("first", "second", "figures"), [
    # one article's two reports of one happening (two sentences the dedup joins): the article gave what they give
    # together, whichever comes first in report order
    ((None, None), (1, 4), (1, 4)),
    ((2, None), (None, 6), (2, 6)),
    ((3, 4), (3, 4), (3, 4)),
])
def test_one_articles_reports_are_one_source(first: tuple[int | None, int | None],
                                             second: tuple[int | None, int | None],
                                             figures: tuple[int | None, int | None]) -> None:
    a = rep(ev("m-a", "a-1", dead=first[0], injured=first[1]))
    b = rep(ev("m-b", "a-1", dead=second[0], injured=second[1], text=STRIKE_2))
    c = rep(ev("m-c", "a-2", dead=7, injured=None, text=STRIKE_2), DAY + timedelta(days=1))
    by_source = merge_reports([a, b, c], "m-a").extra["figures_by_source"]
    assert [(f["article_id"], f["dead"], f["injured"]) for f in by_source] == [("a-1", *figures), ("a-2", 7, None)]


def test_unknown_rule_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        DedupRules(reconcile="loudest")


def test_merge_keeps_every_source() -> None:
    a = rep(ev("m-a", "a-1", dead=3, injured=10), DAY)
    b = rep(ev("m-b", "a-2", dead=5, injured=None, place=KHARVALE_DEPOT, weapon=None, actor=(), text=STRIKE_2),
            DAY + timedelta(days=1))
    merged = merge_reports([b, a], "m-a")
    record = merged.to_json()
    assert record["article_ids"] == ["a-1", "a-2"]
    assert (record["dead"], record["injured"]) == (5, 10)
    assert record["dead_range"] == [3, 5] and record["injured_range"] == [10, 10]
    assert record["figures_by_source"] == [
        {"article_id": "a-1", "published": DAY.isoformat(), "dead": 3, "injured": 10},
        {"article_id": "a-2", "published": (DAY + timedelta(days=1)).isoformat(), "dead": 5, "injured": None},
    ]
    assert record["sources"] == 2 and record["reconcile_rule"] == "consensus"
    assert record["location"]["name"] == "Kharvale fuel depot"  # the most precise place
    assert record["weapon"] == "drone" and [a["country"] for a in record["actor"]] == ["RUS"]
    assert [e["article_id"] for e in record["evidence"]] == ["a-1", "a-2"]
    assert event_from_record(json.loads(json.dumps(record))).to_json() == record


def test_background_mention_links_to_the_event() -> None:
    news = [rep(ev("m-a", "a-1")), rep(ev("m-b", "a-2", text=STRIKE_2))]
    back = rep(ev("m-c", "a-3", when=DAY, precision="month", background=True,
                  text="Earlier this month drones hit a depot in Kharvale."), DAY + timedelta(days=20))
    events = deduplicate([*news, back])
    assert len(events) == 2
    news_event = next(e for e in events if not e.background)
    assert set(news_event.article_ids) == {"a-1", "a-2"}
    assert next(e for e in events if e.background).extra["refers_to"] == news_event.event_id


def test_incremental_against_the_store(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    today = [rep(ev("m-a", "a-1", dead=3)), rep(ev("m-x", "a-1", place=LISNE, dead=None))]
    tomorrow = [rep(ev("m-b", "a-2", dead=5, text=STRIKE_2), DAY + timedelta(days=1))]
    with Store.open(path) as store:
        first = resolve(today, DedupRules(), store)
        assert len(first) == 2 and store.count_events() == 2
    with Store.open(path) as store:
        second = resolve(tomorrow, DedupRules(), store)
        assert [e.event_id for e in second] == ["m-a"]  # merged into yesterday's event, id kept
        assert second[0].article_ids == ("a-1", "a-2") and second[0].casualties.dead == 5
        assert store.count_events() == 2 and store.count_mentions() == 3
        stored = {e["event_id"]: e for e in store.events()}
        assert stored["m-a"]["figures_by_source"][1]["dead"] == 5
        before = store.events()
        assert [e.to_json() for e in resolve(tomorrow, DedupRules(), store)] == [e.to_json() for e in second]
        assert store.events() == before and store.count_mentions() == 3  # re-coding changes nothing


def test_a_recoded_article_replaces_its_reports(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        resolve([rep(ev("m-a", "a-1")), rep(ev("m-b", "a-2", text=STRIKE_2))], DedupRules(), store)
        again = resolve([rep(ev("m-b2", "a-2", text=STRIKE_2, dead=4))], DedupRules(), store)
        assert [e.article_ids for e in again] == [("a-1", "a-2")]
        assert [f["dead"] for f in again[0].extra["figures_by_source"]] == [3, 4]
        assert store.mention_links(["m-b"]) == {}


def _code(tmp_path: Path, rows: list[dict[str, object]], *extra: str) -> list[dict[str, object]]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["code", str(src), "--output", str(out), "--no-progress", *extra]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


ARTICLES = [
    {"id": "fic-1", "published": "2031-04-09", "title": "Drones hit Kharkiv (fictional)",
     "text": "Russian drones struck a fuel depot in Kharkiv overnight, killing three people, the regional "
             "governor said on Wednesday."},
    {"id": "fic-2", "published": "2031-04-10", "title": "Kharkiv toll rises (fictional)",
     "text": "A Russian drone attack on a fuel depot in Kharkiv on Tuesday night killed five people, the "
             "governor said on Thursday, raising the toll."},
]


def test_cli_two_articles_one_strike_one_line(tmp_path: Path) -> None:
    events = [e for e in _code(tmp_path, ARTICLES, "--no-store") if not e["background"]]
    strikes = [e for e in events if e["event"] == "ASSAULT"]
    assert len(strikes) == 1
    assert strikes[0]["article_ids"] == ["fic-1", "fic-2"]
    assert strikes[0]["sources"] == 2 and len(strikes[0]["figures_by_source"]) == 2
    figures = [f["dead"] for f in strikes[0]["figures_by_source"]]
    assert strikes[0]["dead"] == (figures[1] if figures[1] is not None else figures[0])  # latest report first
    per_article = [e for e in _code(tmp_path, ARTICLES, "--no-store", "--no-dedup") if e["event"] == "ASSAULT"]
    assert len(per_article) == 2


def test_cli_incremental_and_idempotent(tmp_path: Path) -> None:
    store = str(tmp_path / "w.duckdb")
    day1 = _code(tmp_path, ARTICLES[:1], "--store", store)
    day2 = _code(tmp_path, ARTICLES[1:], "--store", store)
    strike1 = next(e for e in day1 if e["event"] == "ASSAULT")
    strike2 = next(e for e in day2 if e["event"] == "ASSAULT")
    assert strike2["event_id"] == strike1["event_id"] and strike2["article_ids"] == ["fic-1", "fic-2"]
    with Store.open(store) as s:
        before = s.events(include_background=True)
    assert _code(tmp_path, ARTICLES[1:], "--store", store) == day2
    with Store.open(store) as s:
        assert s.events(include_background=True) == before


def test_dedup_setting_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from warwatch.settings import Settings

    monkeypatch.setenv("WARWATCH_DEDUP", "0")
    monkeypatch.setenv("WARWATCH_RECONCILE", "max")
    loaded = Settings.load()
    assert loaded.dedup is False and loaded.reconcile == "max"
    assert replace(loaded, dedup=True).dedup


_coords = st.tuples(st.floats(-70, 70), st.floats(-179, 179))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anchor=_coords, offsets=st.lists(st.tuples(st.floats(-0.5, 0.5), st.floats(-0.8, 0.8),
                                                  st.sampled_from(["point", "city"]), st.integers(-1, 2)),
                                        min_size=2, max_size=10))
def test_blocking_finds_every_compatible_pair(anchor: tuple[float, float],
                                              offsets: list[tuple[float, float, str, int]]) -> None:
    from warwatch.dedup import candidate_pairs

    lat0, lon0 = anchor
    members = [
        member_of(rep(ev(f"m-{i}", f"a-{i}", when=DAY + timedelta(days=dd),
                         place=Location("P", "UKR", "R", lat0 + dlat, lon0 + dlon, None, precision))))
        for i, (dlat, dlon, precision, dd) in enumerate(offsets)
    ]
    found = {(i, j) for _, i, j in candidate_pairs(members)}
    brute = {(i, j) for j in range(len(members)) for i in range(j) if pair_score(members[i], members[j]) is not None}
    assert found == brute


@pytest.mark.parametrize(
    ("text", "merged"),
    [(STRIKE, True), ("Air defence units were on alert across the oblast, officials said.", False)],
)
def test_region_level_reports_merge_when_their_words_agree(text: str, merged: bool) -> None:
    a = ev("m-a", "a-1", place=KHARVALE_REGION, text=STRIKE)
    b = ev("m-b", "a-2", place=KHARVALE_REGION, text=text)
    ids = cluster([member_of(rep(a)), member_of(rep(b))])
    assert (ids[0] == ids[1]) is merged


def test_a_country_wide_tally_is_not_a_city_strike() -> None:
    country = Location("Ukraine", "UKR", None, 49.0, 32.0, 690791, "country")
    wave = ev("m-b", "a-2", place=country, text=STRIKE)
    wave2 = ev("m-c", "a-3", place=country, text=STRIKE)
    ids = cluster([member_of(rep(x)) for x in (BASE, wave, wave2)])
    assert ids[0] != ids[1] and ids[1] == ids[2]


def test_background_mention_links_to_a_stored_event(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        resolve([rep(ev("m-a", "a-1"))], DedupRules(), store)
        later = rep(ev("m-c", "a-3", when=DAY, precision="month", background=True,
                       text="Earlier this month drones hit a depot in Kharvale."), DAY + timedelta(days=20))
        [event] = resolve([later], DedupRules(), store)
        assert event.background and event.event_id == "m-c" and event.extra["refers_to"] == "m-a"


def test_cli_unknown_reconcile_rule_is_a_configuration_error(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    assert main(["code", str(src), "--output", str(tmp_path / "o.jsonl"), "--no-store", "--reconcile", "loudest"]) == 3


KYIV_SEAT = Location("Valdport", "XXA", "Valdport", 52.00, 13.00, 9004, "city")
MOSCOW_SEAT = Location("Szohod", "XXB", "Szohod", 47.00, 19.00, 9005, "city")
SWAP = "Borduria and Ukraine exchanged 200 prisoners of war each on Tuesday, officials said."


@pytest.mark.parametrize(
    ("b_actor", "b_place", "merged"),
    [
        ((XXB, UKR), MOSCOW_SEAT, True),  # the same parties, placed at the other party's capital
        ((XXB, UKR), KYIV_SEAT, True),
        ((XXB, RUS), MOSCOW_SEAT, False),  # other parties
        ((XXB,), MOSCOW_SEAT, False),  # one party only: no symmetric match
    ],
)
def test_an_exchange_between_the_same_parties_is_one_event_wherever_placed(
        b_actor: tuple[Actor, ...], b_place: Location, merged: bool) -> None:
    a = ev("m-a", "a-1", category="RETREAT", place=KYIV_SEAT, weapon=None, actor=(UKR, XXB), recipient=(), text=SWAP)
    b = ev("m-b", "a-2", category="RETREAT", place=b_place, weapon=None, actor=b_actor, recipient=(), text=SWAP)
    ids = cluster([member_of(rep(a)), member_of(rep(b))])
    assert (ids[0] == ids[1]) is merged
