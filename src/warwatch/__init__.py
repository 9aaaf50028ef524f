"""warwatch: war reporting in, PLOVER events out, offline, with evidence for every field.

The library is the product; the CLI is a thin layer over it::

    from warwatch import Settings, load_resources, code_articles, read_jsonl
    settings = Settings.load()
    resources = load_resources(settings)
    for result in code_articles(read_jsonl("articles.jsonl"), resources, settings):
        for event in result.events:
            print(event.to_json())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputError, StageError, StoreError, WarwatchError
from .models import Actor, Article, Casualties, DateResolution, Event, Evidence, Location, Place, Toponym
from .settings import Settings

if TYPE_CHECKING:
    from .ingest import read_jsonl
    from .pipeline import code_articles, load_resources

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "Casualties", "ConfigError", "DateResolution", "Event", "Evidence", "InputError",
    "Location", "Place", "Settings", "StageError", "StoreError", "Toponym", "WarwatchError", "__version__",
    "code_articles", "load_resources", "read_jsonl",
]

_LAZY = {"code_articles": "pipeline", "load_resources": "pipeline", "read_jsonl": "ingest"}


def __getattr__(name: str) -> Any:
    """Import the heavy stages (spaCy) only when they are used, so `warwatch --help` stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
