"""The DuckDB store: schema, migrations, idempotent saves, replacement, round trips, errors."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warwatch.errors import StoreError
from warwatch.models import Actor, Article, Casualties, DateResolution, Event, Evidence, Location
from warwatch.store import DEFAULT_STORE_PATH, MIGRATIONS, Store, content_hash

KYIV = Location("Kyiv", "UKR", "Kyiv City", 50.4501, 30.5234, 703448, "city")
TEXT = "Overnight, drones struck Kyiv, killing three people and wounding 12 others, officials said."


def article(
    article_id: str = "t-001", text: str = TEXT, published: date | None = date(2024, 5, 2)
) -> Article:
    return Article(id=article_id, text=text, published=published, url=f"https://example.org/{article_id}",
                   title="Drones hit Kyiv")


def event(
    event_id: str = "ev-1",
    article_ids: tuple[str, ...] = ("t-001",),
    *,
    dead: int | None = 3,
    injured: int | None = 12,
    when: date | None = date(2024, 5, 1),
    background: bool = False,
    place: Location | None = KYIV,
    category: str = "ASSAULT",
    evidence_text: str = TEXT,
) -> Event:
    return Event(
        event_id=event_id,
        article_ids=article_ids,
        event=category,
        mode="drone",
        context=("military",),
        weapon="drone",
        actor=(Actor("Russia", "RUS", "MIL"),),
        recipient=(Actor("Ukraine", "UKR", None),),
        date=DateResolution(when, "day", "relative", "overnight"),
        location=place,
        casualties=Casualties(dead, injured, "exact", "exact"),
        background=background,
        score=-9.5,
        evidence=tuple(Evidence(aid, evidence_text, 0, len(evidence_text)) for aid in article_ids),
        confidence=0.8123,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "test.duckdb") as opened:
        yield opened


def test_default_path_is_in_working_directory() -> None:
    assert DEFAULT_STORE_PATH == Path("warwatch.duckdb")


def test_open_creates_file_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    assert not path.exists()
    with Store.open(path) as store:
        assert store.count_articles() == 0
        assert store.count_events() == 0
        assert store.events() == []
    assert path.exists()
    connection = duckdb.connect(str(path))
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        columns = {row[0] for row in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
        evidence = [row[0] for row in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'evidence' "
            "ORDER BY ordinal_position").fetchall()]
    finally:
        connection.close()
    assert {"articles", "events", "evidence", "schema_migrations"} <= tables
    assert {"event_id", "article_id", "context", "actor", "record", "geonameid", "dead", "injured",
            "background", "score", "confidence"} <= columns
    assert evidence == ["event_id", "article_id", "text", "start", "end"]


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    with Store.open(path) as store:
        first = store.migrations()
    with Store.open(path) as store:
        second = store.migrations()
    assert [v for v, _, _ in first] == [m.version for m in MIGRATIONS]
    assert first == second  # not applied again: same rows, same applied_at


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    Store.open(path).close()
    connection = duckdb.connect(str(path))
    connection.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', now())")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


@pytest.mark.parametrize("read_only", [False, True])
def test_memory_limit_reaches_duckdb(tmp_path: Path, read_only: bool) -> None:
    """``store_memory_mb`` bounds DuckDB's buffer of the file; 0 leaves DuckDB's default (a larger limit)."""
    path = tmp_path / "w.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=read_only, memory_mb=300) as store:
        limited = store.scalar("SELECT current_setting('memory_limit')")
    with Store.open(path, read_only=read_only) as store:
        default = store.scalar("SELECT current_setting('memory_limit')")
    assert limited.replace(" ", "").upper() in {"300.0MB", "286.1MIB"}, limited
    assert limited != default


def test_content_hash() -> None:
    a = article()
    assert content_hash(a) == content_hash(article())
    assert len(content_hash(a)) == 64
    assert content_hash(a) != content_hash(article(text=TEXT + " "))
    assert content_hash(article("x", "yz")) != content_hash(article("xy", "z"))  # the separator matters


def test_save_is_idempotent(store: Store) -> None:
    a = article()
    assert not store.has_article(content_hash(a))
    assert store.save(a, [event()]) is True
    assert store.has_article(content_hash(a))
    counts = (store.count_articles(), store.count_events(), store.count_mentions())
    records = store.events()
    assert store.save(a, [event(dead=99)]) is False  # same hash: nothing changes
    assert (store.count_articles(), store.count_events(), store.count_mentions()) == counts == (1, 1, 1)
    assert store.events() == records
    assert records[0]["dead"] == 3


def test_same_id_with_new_text_replaces(store: Store) -> None:
    old = article()
    store.save(old, [event("ev-1"), event("ev-2", when=date(2024, 4, 30))])
    new = article(text=TEXT.replace("three", "four"))
    assert store.save(new, [event("ev-3", dead=4)]) is True
    assert store.count_articles() == 1
    assert not store.has_article(content_hash(old))
    assert store.has_article(content_hash(new))
    assert [r["event_id"] for r in store.events()] == ["ev-3"]
    assert store.events()[0]["dead"] == 4


def test_round_trip(store: Store) -> None:
    events = [
        event("ev-1"),
        event("ev-2", when=date(2024, 4, 20), dead=None, injured=0, place=None),
        event("ev-0", when=None, category="ACCUSE"),
        event("ev-bg", when=date(2024, 3, 1), background=True),
    ]
    store.save(article(), events)
    by_id = {e.event_id: e.to_json() for e in events}
    got = store.events(include_background=True)
    assert got == [by_id["ev-1"], by_id["ev-2"], by_id["ev-bg"], by_id["ev-0"]]  # date desc, undated last
    assert store.events() == [by_id["ev-1"], by_id["ev-2"], by_id["ev-0"]]
    assert store.events(limit=1) == [by_id["ev-1"]]
    assert store.events(limit=0) == []


def test_order_ties_broken_by_event_id(store: Store) -> None:
    store.save(article(), [event("b"), event("a"), event("c")])
    assert [r["event_id"] for r in store.events()] == ["a", "b", "c"]


def test_event_reported_by_two_articles(store: Store) -> None:
    store.save(article("t-001"), [event("ev-1", ("t-001",), dead=3)])
    merged = event("ev-1", ("t-001", "t-002"), dead=4)
    store.save(article("t-002", TEXT.replace("three", "four")), [merged])
    assert store.count_articles() == 2
    assert store.count_events() == 1
    assert store.count_mentions() == 2  # one row per (event_id, article_id)
    assert store.events() == [merged.to_json()]  # the newest record wins


def test_save_many_one_transaction(store: Store) -> None:
    batch = [(article(f"t-{i:03d}"), [event(f"ev-{i}", (f"t-{i:03d}",))]) for i in range(20)]
    assert store.save_many(batch) == 20
    assert store.save_many(batch) == 0
    assert store.count_articles() == 20
    assert store.count_events() == 20


def test_failed_batch_rolls_back(store: Store) -> None:
    class Boom(Exception):
        pass

    def batch() -> Iterator[tuple[Article, list[Event]]]:
        yield article("t-001"), [event()]
        raise Boom

    with pytest.raises(Boom):
        store.save_many(batch())
    assert store.count_articles() == 0
    assert store.count_events() == 0


def test_negative_limit_is_an_error(store: Store) -> None:
    with pytest.raises(StoreError, match="limit"):
        store.events(limit=-1)


def test_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "dir" / "x.duckdb")


def test_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store.open(tmp_path)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not a database\n" * 200)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(path)


def test_locked_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "time.sleep(60)",
         str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked by another process"):
            Store.open(path)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


names = st.text(min_size=1, max_size=40)
figures = st.none() | st.integers(min_value=0, max_value=100_000)
days = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_counter = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    dead=figures,
    injured=figures,
    when=days,
    published=days,
    place=names,
    actor=names,
    evidence_text=st.text(max_size=200),
    score=st.floats(min_value=-10, max_value=10, allow_nan=False),
    background=st.booleans(),
)
def test_round_trip_property(
    store: Store,
    dead: int | None,
    injured: int | None,
    when: date | None,
    published: date | None,
    place: str,
    actor: str,
    evidence_text: str,
    score: float,
    background: bool,
) -> None:
    n = next(_counter)
    article_id = f"h-{n}"
    saved = Event(
        event_id=f"hyp-{n}",
        article_ids=(article_id,),
        event="ASSAULT",
        mode=None,
        context=(),
        weapon=None,
        actor=(Actor(actor, None, None),),
        recipient=(),
        date=DateResolution(when, "day" if when else None, "explicit" if when else None),
        location=Location(place, "UKR", None, 48.5, 35.0, None, "city"),
        casualties=Casualties(dead, injured),
        background=background,
        score=score,
        evidence=(Evidence(article_id, evidence_text, 0, len(evidence_text)),),
    )
    assert store.save(article(article_id, f"text {n}: {evidence_text}", published), [saved])
    records = {r["event_id"]: r for r in store.events(include_background=True)}
    assert records[saved.event_id] == saved.to_json()
    # the row written from the event equals the one the store derives from its stored record in SQL
    row = "SELECT * FROM latest_events WHERE event_id = ?"
    kept = store.fetch(row, [saved.event_id])
    store._refresh_latest(saved.event_id)
    assert store.fetch(row, [saved.event_id]) == kept
