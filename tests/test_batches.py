"""One transaction per batch (issue 18): ``save_results`` commits a batch's articles with the merge of their events,
and the store writes a batch's events in bulk, with what writing them one by one gives.

Every text here is fictional and written for these tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import warwatch.dedup
from warwatch.coding.coder import ArticleResult
from warwatch.dedup import DedupRules
from warwatch.models import Actor, Article, Casualties, DateResolution, Event, Evidence, Location
from warwatch.pipeline import RunStats, save_results
from warwatch.settings import Settings
from warwatch.store import Store

DAY = date(2032, 6, 14)
TOWNS = (Location("Brelmor", "UKR", "Brelmor Oblast", 48.10, 33.20, 8101, "city"),
         Location("Ostvary", "UKR", "Ostvary Oblast", 46.40, 31.70, 8102, "city"),
         Location("Pelunk", "RUS", "Pelunk Krai", 52.80, 37.90, 8103, "city"))
SENTENCE = "A drone hit a grain store in {town} before dawn; {dead} people died, rescuers reported (item {i})."


def result(i: int, *, town: int | None = None, day: date | None = None, background: bool = False) -> ArticleResult:
    """The i-th article with its one report: a strike on ``TOWNS[town]`` (by default one of three, in turn)."""
    place = TOWNS[i % 3 if town is None else town]
    when = day or DAY + timedelta(days=3 * (i // 3))
    text = SENTENCE.format(town=place.name, dead=i % 5, i=i)
    article = Article(f"b-{i:04d}", text, published=when + timedelta(days=1))
    event = Event(
        event_id=f"b-{i:04d}-e0", article_ids=(article.id,), event="ASSAULT", mode="drone", context=("military",),
        weapon="drone", actor=(Actor("Russia", "RUS", "MIL"),), recipient=(Actor("Ukraine", "UKR", None),),
        date=DateResolution(when, "day", "relative", "before dawn"), location=place,
        casualties=Casualties(i % 5, i % 2, "exact", "exact"), background=background, score=-9.0,
        evidence=(Evidence(article.id, text, 0, len(text)),), confidence=0.7)
    return ArticleResult(article, (event,))


def stored(store: Store) -> dict[str, Any]:
    """What a reader sees: every event's record, the daily roll-up, the rows of events and evidence (without
    their revision numbers), the articles and the mentions."""
    return {
        "events": store.events(limit=None, include_background=True),
        "latest": store.fetch("SELECT * EXCLUDE (revision) FROM latest_events ORDER BY event_id"),
        "daily": store.fetch("SELECT * FROM daily_counts ORDER BY ALL"),
        "rows": store.fetch("SELECT * EXCLUDE (revision) FROM events ORDER BY event_id, article_id"),
        "evidence": store.fetch("SELECT * FROM evidence ORDER BY ALL"),
        "articles": store.fetch("SELECT id, content_hash FROM articles ORDER BY id"),
        "mentions": store.fetch("SELECT mention_id, event_id FROM mentions ORDER BY mention_id"),
    }


def assert_derived_fresh(store: Store) -> None:
    """latest_events and daily_counts as the bulk writes left them equal a rebuild from the events rows."""
    tables = ("SELECT * FROM latest_events ORDER BY event_id", "SELECT * FROM daily_counts ORDER BY ALL")
    kept = [store.fetch(sql) for sql in tables]
    store.rebuild_derived()
    assert [store.fetch(sql) for sql in tables] == kept


def run(store: Store | None, results: Sequence[ArticleResult], batch: int,
        **options: Any) -> tuple[list[Event], RunStats]:
    given: list[Event] = []
    stats = RunStats()
    settings = replace(Settings(), store_batch=batch, **options)
    save_results(results, store, settings, DedupRules(), stats, on_events=given.extend)
    return given, stats


# -- bulk writes against one-by-one writes --------------------------------------------------------------------


def test_save_many_in_bulk_writes_what_saving_one_by_one_writes(tmp_path: Path) -> None:
    items = [(r.article, r.events) for r in map(result, range(12))]
    items[4] = (items[4][0], (*items[4][1], replace(items[4][1][0], event_id="b-0004-e1", background=True)))
    items[7] = (items[7][0], ())  # an article without events
    with Store.open(tmp_path / "bulk.duckdb") as bulk, Store.open(tmp_path / "single.duckdb") as single:
        assert bulk.save_many(items) == 12
        for article, events in items:
            assert single.save(article, events)
        assert stored(bulk) == stored(single)
        assert_derived_fresh(bulk)
        assert bulk.save_many(items) == 0  # the same articles again: nothing changes
        assert stored(bulk) == stored(single)


@pytest.mark.parametrize("change", ["repeated id", "new text of a stored id", "one event id twice"])
def test_save_many_falls_back_to_saving_in_order(tmp_path: Path, change: str) -> None:
    first = [(r.article, r.events) for r in map(result, range(4))]
    again = [(r.article, r.events) for r in map(result, range(4, 8))]
    if change == "repeated id":
        again.append((replace(again[0][0], text=again[0][0].text + " Updated."), again[0][1]))
    elif change == "new text of a stored id":
        again.append((replace(first[1][0], text=first[1][0].text + " Corrected."), first[1][1]))
    else:
        again.append((result(9).article, (replace(again[0][1][0], article_ids=(again[0][0].id, "b-0009")),)))
    with Store.open(tmp_path / "bulk.duckdb") as bulk, Store.open(tmp_path / "single.duckdb") as single:
        bulk.save_many(first)
        bulk.save_many(again)
        for article, events in first + again:
            single.save(article, events)
        assert stored(bulk) == stored(single)
        assert_derived_fresh(bulk)


def test_merged_events_written_in_bulk_equal_those_written_one_by_one(tmp_path: Path) -> None:
    results = [result(i) for i in range(30)]
    with Store.open(tmp_path / "bulk.duckdb") as bulk, Store.open(tmp_path / "single.duckdb") as single:
        run(bulk, results, batch=7)
        original = single._replace_events

        def one_by_one(events: Sequence[Event]) -> int:
            return sum(original([e]) for e in events)  # one event per write

        single._replace_events = one_by_one  # type: ignore[method-assign]
        try:
            run(single, results, batch=7)
        finally:
            single._replace_events = original  # type: ignore[method-assign]
        assert stored(bulk) == stored(single)
        assert_derived_fresh(bulk)


# -- one transaction per batch ---------------------------------------------------------------------------------


def test_a_failed_batch_leaves_the_earlier_batches_and_a_rerun_completes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = [result(i) for i in range(20)]
    with Store.open(tmp_path / "whole.duckdb") as whole:
        run(whole, results, batch=5)
        expected = stored(whole)
    calls = {"n": 0}
    real = warwatch.dedup.resolve

    def failing(*args: Any, **kwargs: Any) -> list[Event]:
        calls["n"] += 1
        merged = real(*args, **kwargs)  # the merge is written, then the process "dies" before the commit
        if calls["n"] == 3:
            raise OSError("simulated crash in the third batch")
        return merged

    monkeypatch.setattr(warwatch.dedup, "resolve", failing)
    with Store.open(tmp_path / "killed.duckdb") as store:
        with pytest.raises(OSError, match="simulated"):
            run(store, results, batch=5)
        assert store.count_articles() == 10  # two batches committed, the third rolled back whole
        assert store.scalar("SELECT count(*) FROM mentions") == 10
        assert store.scalar("SELECT count(*) FROM pending_reports") == 0
        monkeypatch.setattr(warwatch.dedup, "resolve", real)
        run(store, results, batch=5)  # the re-run completes it
        assert stored(store) == expected


def test_events_are_handed_on_per_batch_and_a_later_batch_updates_an_earlier_event(tmp_path: Path) -> None:
    results = [result(i, town=0, day=DAY) for i in range(9)]  # nine reports of one strike
    with Store.open(tmp_path / "s.duckdb") as store:
        given, stats = run(store, results, batch=4)
        assert [e.event_id for e in given] == ["b-0000-e0"] * 3  # once per batch, the same id
        assert [e.extra["sources"] for e in given] == [4, 8, 9]
        assert stats.merged == 1 and stats.updated == 2
        [record] = store.events()
        assert record == given[-1].to_json() | {"sources": 9}  # the last one handed on is the stored record
        assert "written again as later batches added reports 2" in stats.summary()


@pytest.mark.parametrize("batch", [1, 4, 1000])
def test_the_figures_of_an_event_do_not_depend_on_the_batch_size(tmp_path: Path, batch: int) -> None:
    results = [result(i, town=0, day=DAY) for i in range(13)]
    fields = ("dead", "injured", "dead_range", "injured_range", "sources", "event_id")
    with Store.open(tmp_path / "one.duckdb") as whole, Store.open(tmp_path / "batched.duckdb") as batched:
        run(whole, results, batch=1000)
        run(batched, results, batch=batch)
        [a], [b] = whole.events(), batched.events()
        assert {k: a.get(k) for k in fields} == {k: b.get(k) for k in fields}
        assert batched.count_mentions() == 13


def test_without_a_store_the_run_is_merged_once_at_the_end() -> None:
    results = [result(i, town=0, day=DAY) for i in range(6)]
    given, stats = run(None, results, batch=2)
    assert [e.extra["sources"] for e in given] == [6]
    assert stats.merged == 1 and stats.updated == 0


def test_without_dedup_each_article_keeps_its_own_events(tmp_path: Path) -> None:
    results = [result(i, town=0, day=DAY) for i in range(5)]
    with Store.open(tmp_path / "s.duckdb") as store:
        given, stats = run(store, results, batch=2, dedup=False)
        assert [e.event_id for e in given] == [r.events[0].event_id for r in results]
        assert store.count_events() == 5 and stats.merged is None and stats.stored == 5


def test_an_id_repeated_in_a_later_batch_replaces_the_earlier_article(tmp_path: Path) -> None:
    results = [result(i) for i in range(6)]
    later = replace(results[1].article, text=results[1].article.text + " Figures revised later.")
    results.append(ArticleResult(later, results[1].events))
    with Store.open(tmp_path / "s.duckdb") as store:
        _, stats = run(store, results, batch=3)
        assert stats.repeated == 1
        assert store.scalar("SELECT text FROM articles WHERE id = 'b-0001'") == later.text
        assert store.count_articles() == 6


def test_count_mentions_counts_every_source_of_a_big_event(tmp_path: Path) -> None:
    results = [result(i, town=0, day=DAY) for i in range(30)]  # more than DedupRules.sources_listed
    with Store.open(tmp_path / "s.duckdb") as store:
        run(store, results, batch=30)
        assert store.scalar("SELECT count(*) FROM events") == DedupRules().sources_listed
        assert store.count_mentions() == 30
