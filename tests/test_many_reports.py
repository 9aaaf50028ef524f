"""Many reports of one event (issue 18): the store keeps a bounded record, the figures still count every source.

Every text here is fictional.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warwatch.dedup import (
    RECONCILE_RULES,
    DedupRules,
    FigureCount,
    Report,
    Tally,
    bounded,
    merge_reports,
    reconcile,
    resolve,
)
from warwatch.dedup.merging import _tally_figures
from warwatch.models import Actor, Article, Casualties, DateResolution, Event, Evidence, Location
from warwatch.query import get_event
from warwatch.store import MIGRATIONS, Store

DAY = date(2031, 4, 9)
KHARVALE = Location("Kharvale", "UKR", "Kharvale Oblast", 49.00, 36.00, 9001, "city")
TEXT = "Russian drones struck a fuel depot in Kharvale overnight, killing people, the governor said ({})."


def report(i: int) -> Report:
    """The i-th report of one strike: its own article, figures, qualifier and publication date (some unknown)."""
    text = TEXT.format(i)
    dead = None if i % 11 == 0 else i % 4
    dead_qualifier = None if dead is None else ("at_least" if i % 6 == 0 else "exact")
    event = Event(
        event_id=f"m-{i:04d}", article_ids=(f"a-{i:04d}",), event="ASSAULT", mode="drone", context=("military",),
        weapon="drone", actor=(Actor("Russia", "RUS", "MIL"),), recipient=(Actor("Ukraine", "UKR", None),),
        date=DateResolution(DAY, "day", "relative", "overnight"), location=KHARVALE,
        casualties=Casualties(dead, (i * 3) % 5, dead_qualifier, "about" if i % 5 == 0 else "exact"),
        background=False, score=-9.5, evidence=(Evidence(f"a-{i:04d}", text, 0, len(text)),), confidence=0.6)
    return Report(event, None if i % 7 == 3 else DAY + timedelta(days=i % 5))


def batches(reports: list[Report], size: int) -> Iterable[list[Report]]:
    for start in range(0, len(reports), size):
        yield reports[start:start + size]


FIGURES = ("dead", "injured", "dead_qualifier", "injured_qualifier", "dead_range", "injured_range", "sources")


def figures(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record.get(k) for k in FIGURES}


@pytest.mark.parametrize("rule", ["consensus", "latest_max", "max", "first", "median"])
@pytest.mark.parametrize("batch", [300, 100, 7])
def test_300_reports_of_one_event_stay_bounded_with_the_full_merge_figures(
        tmp_path: Path, rule: str, batch: int) -> None:
    reports = [report(i) for i in range(300)]
    rules = DedupRules(reconcile=rule)
    full = merge_reports(reports, "m-0000", rule).to_json()  # the old merge: every report read
    with Store.open(tmp_path / "s.duckdb") as store:
        for run in batches(reports, batch):
            [merged] = resolve(run, rules, store)
        assert merged.event_id == "m-0000"
        assert figures(merged.to_json()) == figures(full)
        [stored] = store.events()
        assert figures(stored) == figures(full)
        assert stored["sources"] == 300 and stored["sources_listed"] == rules.sources_listed
        assert stored["article_ids"] == full["article_ids"][:rules.sources_listed]  # the first, by publication
        assert len(stored["evidence"]) == len(stored["figures_by_source"]) == rules.sources_listed
        assert store.scalar("SELECT count(*) FROM events") <= rules.sources_listed
        assert store.scalar("SELECT count(*) FROM mentions") == 300  # every source keeps its own row
        assert store.scalar("SELECT sources FROM latest_events") == 300
        detail = get_event(store, "m-0000")
        assert detail is not None and detail["sources"] == 300
        assert [a["id"] for a in detail["articles"]] == stored["article_ids"]


def test_a_small_event_is_stored_whole() -> None:
    event = merge_reports([report(i) for i in range(1, 4)], "m-0001")
    assert bounded(event, 20) is event
    cut = bounded(merge_reports([report(i) for i in range(1, 31)], "m-0001"), 20)
    assert len(cut.article_ids) == 20 and cut.extra["sources"] == 30 and cut.extra["sources_listed"] == 20
    assert {e.article_id for e in cut.evidence} == set(cut.article_ids)
    assert [f["article_id"] for f in cut.extra["figures_by_source"]] == list(cut.article_ids)


class CountingStore:
    """A store that counts the stored reports ``resolve`` reads back."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.read = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def stored_reports(self, first_day: date, last_day: date, *, first: int, latest: int) -> list[Any]:
        rows = self.store.stored_reports(first_day, last_day, first=first, latest=latest)
        self.read += len(rows)
        return rows

    def reports_of(self, event_ids: Iterable[str], *, first: int, latest: int) -> list[Any]:
        rows = self.store.reports_of(event_ids, first=first, latest=latest)
        self.read += len(rows)
        return rows


def test_a_run_reads_a_bounded_sample_of_a_big_stored_event(tmp_path: Path) -> None:
    rules = DedupRules()
    reports = [report(i) for i in range(300)]
    with Store.open(tmp_path / "s.duckdb") as store:
        resolve(reports[:290], rules, store)
        counting = CountingStore(store)
        [merged] = resolve(reports[290:], rules, counting)  # type: ignore[arg-type]
        assert counting.read <= 2 * (rules.sources_listed + rules.block_sample)  # window, then the event's own
        assert merged.extra["sources"] == 300
        assert figures(merged.to_json()) == figures(merge_reports(reports, "m-0000").to_json())


def test_tally_counts_the_reports_left_out(tmp_path: Path) -> None:
    reports = [report(i) for i in range(40)]
    with Store.open(tmp_path / "s.duckdb") as store:
        resolve(reports, DedupRules(), store)
        known = [f"m-{i:04d}" for i in range(10)]
        tally = store.tally("m-0000", known)
        assert tally.sources == 30
        assert sum(c.count for c in tally.dead) == sum(1 for r in reports[10:] if r.event.casualties.dead is not None)
        assert sum(c.count for c in tally.injured) == 30
        assert merge_reports(reports[:10], "m-0000", tally=tally).extra["sources"] == 40
        assert store.tally("m-0000", [r.event.event_id for r in reports]) == Tally()


def test_migration_6_fills_the_figures_of_stored_mentions(tmp_path: Path,
                                                          roll_back: Callable[[Path, int], None]) -> None:
    path = tmp_path / "old.duckdb"
    reports = [report(i) for i in range(30)]
    with Store.open(path) as store:
        for r in reports:
            text = r.event.evidence[0].text
            store.save(Article(r.event.article_ids[0], text, published=r.published), (), pending=[r])
        resolve(reports, DedupRules(), store)
    roll_back(path, 6)  # the file as schema version 5 left it
    with Store.open(path) as store:
        assert [v for v, _, _ in store.migrations()] == [m.version for m in MIGRATIONS]
        rows = store.fetch("SELECT mention_id, dead, injured, dead_qualifier, injured_qualifier FROM mentions "
                            "ORDER BY mention_id")
        assert rows == [(r.event.event_id, r.event.casualties.dead, r.event.casualties.injured,
                         r.event.casualties.dead_qualifier, r.event.casualties.injured_qualifier) for r in reports]
        [merged] = resolve([report(30)], DedupRules(), store)
        want = merge_reports([*reports, report(30)], "m-0000").to_json()
        assert figures(merged.to_json()) == figures(want)
        assert json.loads(store.scalar("SELECT record FROM latest_events"))["sources"] == 31


def test_bulk_mention_rows_keep_the_last_of_a_repeated_id_and_drop_the_dropped(tmp_path: Path) -> None:
    first, again = report(1), report(2)
    again = Report(replace(again.event, event_id=first.event.event_id), again.published)
    with Store.open(tmp_path / "s.duckdb") as store:
        store.save_merged([], [(report(5), "m-0005")])
        store.save_merged([], [(first, "m-0001"), (again, "m-0001")], dropped=["m-0005"])
        rows = store.fetch("SELECT mention_id, article_id, dead, injured FROM mentions")
    c = again.event.casualties
    assert rows == [("m-0001", again.event.article_ids[0], c.dead, c.injured)]


@pytest.mark.parametrize("rule", sorted(RECONCILE_RULES))
@given(figures=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 9), st.integers(1, 5)), min_size=1, max_size=12))
def test_a_weighted_figure_reads_as_that_many_sources(rule: str, figures: list[tuple[int, int, int]]) -> None:
    one_by_one = [(day, value, 1) for day, value, weight in figures for _ in range(weight)]
    assert RECONCILE_RULES[rule](figures) == RECONCILE_RULES[rule](one_by_one)


def test_the_tally_of_a_huge_event_is_two_figures_per_value() -> None:
    """The tally of 200,000 reports giving one figure is read as two weighted figures, not 200,000 pairs (each
    batch of reports of one big event used to build and count a list as long as all its reports)."""
    count = FigureCount(4, 200_000, DAY, DAY + timedelta(days=3), "exact", (DAY.toordinal(), "a", "m"))
    assert _tally_figures([count]) == [(DAY.toordinal(), 4, 1), ((DAY + timedelta(days=3)).toordinal(), 4, 199_999)]
    assert reconcile([(DAY + timedelta(days=5), 9)], "consensus", [count]) == 4
    assert reconcile([(DAY + timedelta(days=5), 9)], "latest_max", [count]) == 9
