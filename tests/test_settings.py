from __future__ import annotations

from pathlib import Path

import pytest

from warwatch.errors import ConfigError
from warwatch.settings import Settings


def test_defaults() -> None:
    s = Settings.load(environ={})
    assert s.store == Path("warwatch.duckdb") and s.use_store and s.batch_size == 32


@pytest.mark.parametrize(
    ("environ", "overrides", "field", "expected"),
    [
        ({"WARWATCH_STORE": "/tmp/x.duckdb"}, {}, "store", Path("/tmp/x.duckdb")),
        ({"WARWATCH_BATCH_SIZE": "8"}, {}, "batch_size", 8),
        ({"WARWATCH_BATCH_SIZE": "8"}, {"batch_size": 4}, "batch_size", 4),
        ({"WARWATCH_USE_STORE": "no"}, {}, "use_store", False),
        ({}, {"use_store": False}, "use_store", False),
        ({}, {"store": None}, "store", Path("warwatch.duckdb")),
        ({"WARWATCH_STORE_MEMORY_MB": "512"}, {}, "store_memory_mb", 512),
        ({}, {}, "store_memory_mb", 0),
    ],
)
def test_precedence(environ: dict[str, str], overrides: dict[str, object], field: str, expected: object) -> None:
    assert getattr(Settings.load(environ=environ, **overrides), field) == expected


@pytest.mark.parametrize(
    "environ",
    [{"WARWATCH_NOPE": "1"}, {"WARWATCH_BATCH_SIZE": "many"}, {"WARWATCH_BATCH_SIZE": "0"},
     {"WARWATCH_USE_STORE": "maybe"}, {"WARWATCH_STORE_MEMORY_MB": "-1"}],
)
def test_bad_settings_are_errors(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Settings.load(environ=environ)
