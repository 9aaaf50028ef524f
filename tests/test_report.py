"""The rich events table, rendered to a string."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console

from warwatch.report import render_events, summary_line


def render(events: list[dict[str, Any]], **kwargs: Any) -> str:
    console = Console(file=io.StringIO(), width=160, color_system=None)
    render_events(events, console, **kwargs)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


STRIKE: dict[str, Any] = {
    "event_id": "ev-1",
    "article_ids": ["ex-001", "ex-002"],
    "event": "ASSAULT",
    "mode": "drone",
    "context": ["military"],
    "weapon": "drone",
    "actor": [{"name": "Russia", "country": "RUS", "sector": "MIL"}],
    "recipient": [{"name": "Ukraine", "country": "UKR", "sector": None}],
    "date": "2024-05-01",
    "date_precision": "day",
    "date_source": "relative",
    "location": {"name": "Kharkiv", "country": "UKR", "admin1": "Kharkiv Oblast", "lat": 49.99, "lon": 36.23,
                 "geonameid": 706483, "precision": "city"},
    "dead": 3,
    "injured": 12,
    "background": False,
    "score": -9.5,
    "evidence": [{"article_id": "ex-001", "start": 0, "end": 120,
                  "text": "Russian drones struck a residential district of Kharkiv overnight, killing three "
                          "people and wounding 12 others, including a child, the governor said."}],
}

TALKS: dict[str, Any] = {
    "event_id": "ev-2",
    "article_ids": ["ex-010"],
    "event": "CONSULT",
    "mode": None,
    "weapon": None,
    "actor": [{"name": "Turkey", "country": "TUR", "sector": "GOV"}],
    "recipient": [],
    "date": None,
    "location": None,
    "dead": None,
    "injured": None,
    "background": True,
    "evidence": [{"article_id": "ex-010", "start": 0, "end": 20, "text": "Talks [in Istanbul] ended."}],
}


def test_table_has_columns_and_cells() -> None:
    out = render([STRIKE], title="test events")
    assert "test events" in out
    headers = ("date", "event", "actor → recipient", "place", "weapon", "dead/injured", "sources", "evidence")
    for header in headers:
        assert header in out
    assert "2024-05-01" in out
    assert "ASSAULT (drone)" in out
    assert "RUS → UKR" in out
    assert "Kharkiv, UKR" in out
    assert "3/12" in out
    assert "2: ex-001, ex-002" in out
    assert "Russian drones struck" in out
    assert "…" in out  # the evidence is shortened
    assert "the governor said" not in out
    assert "1 event" in out


def test_missing_values_and_background() -> None:
    out = render([TALKS])
    assert "CONSULT" in out
    assert "(bg)" in out
    assert "TUR → –" in out
    assert "–/–" in out
    assert "ex-010" in out
    assert "Talks [in Istanbul] ended." in out  # brackets are text, not markup


def test_no_events() -> None:
    assert "no events" in render([])


def test_many_sources_are_shortened() -> None:
    event = dict(STRIKE, article_ids=[f"ex-{i:03d}" for i in range(1, 7)])
    assert "6: ex-001, ex-002, ex-003 +3" in render([event])


def test_generator_input() -> None:
    out = render(e for e in [STRIKE, TALKS])
    assert "2 events" in out


@pytest.mark.parametrize(
    ("counts", "expected"),
    [({}, ""), ({"articles": 3}, "articles 3"), ({"articles": 30, "events": 41}, "articles 30 · events 41")],
)
def test_summary_line(counts: dict[str, int], expected: str) -> None:
    assert summary_line(counts) == expected


@pytest.mark.parametrize("width", [60, 80, 100])
def test_narrow_console_shows_whole_fields_and_the_evidence(width: int) -> None:
    """Issue 18, defect 8: at 80 columns the 8-column table cut every cell to a few characters ("2024-0…",
    "Kharki…") and wrapped the evidence one word per line."""
    console = Console(file=io.StringIO(), width=width, color_system=None)
    render_events([STRIKE, TALKS], console)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert all(len(line) <= width for line in output.splitlines())
    for whole in ("2024-05-01", "ASSAULT (drone)", "RUS → UKR", "Kharkiv, UKR", "3/12", "CONSULT",
                  "Russian drones struck a residential", "Talks [in Istanbul] ended.", "2 events"):
        assert whole in output
    assert len(output.splitlines()) <= 9  # about two lines per event
