"""Alert rules (a TOML file), their evaluation over the index, and delivery: log, file and signed webhooks.

A rules file::

    [delivery]
    file = "alerts.jsonl"                      # appended, one JSON alert a line (optional)
    webhooks = ["https://example.org/hook"]    # POSTed, signed (optional)
    stdout = false                             # also print each alert on stdout (the log always has it)

    [[rule]]
    name = "ukraine-attacks"
    series = "country:UKR"       # all | country:ISO3 | admin1:ISO3/Region | dyad:ACTOR>RECIPIENT
    metric = "category:ASSAULT"  # events, dead, injured, sources, conflict, cooperation, score, category:X
    when = "spike"               # or "threshold" (with threshold = N): value >= N
    method = "negbin"            # optional: the settings' spike method otherwise
    min_sources = 2              # the day's driving events have at least this many independent sources in all
    cooldown_days = 3            # no second alert of this rule and series within 3 days of the last one

Evaluation (``evaluate``) reads the last ``lookback_days`` days up to the store's latest event day, each
against the ``window`` days before it. An alert is identified by (rule, series, day): it is recorded in the
store (table ``alerts``) before it is delivered and is never raised twice; each delivery channel's outcome is
recorded too (``alert_deliveries``), so a webhook that failed is retried at the next evaluation and one that
succeeded is not sent again, across restarts. Delivery is at least once: a crash between the receiver's
answer and the record of it resends that one alert, with the same ``X-Warwatch-Alert-Id``.

Webhook requests carry ``X-Warwatch-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>``
(the secret is the setting ``webhook_secret``, ``WARWATCH_WEBHOOK_SECRET``) and ``X-Warwatch-Alert-Id``;
failures (no answer, 408, 425, 429, 5xx) are retried with exponential backoff (``Retry-After`` honoured).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
import time
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import httpx

from ..errors import ConfigError
from .index import IndexError_, IndexEvent, Series, check_key, check_metric, date_span, index_from_store, is_count
from .spikes import METHODS, SpikeParams, detect

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "Alert", "AlertRule", "Delivery", "RulesFile", "WebhookOptions", "deliver_pending", "evaluate",
    "evaluate_and_deliver", "load_rules", "signature",
]

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
SIGNATURE_HEADER = "X-Warwatch-Signature"
ALERT_ID_HEADER = "X-Warwatch-Alert-Id"

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS alerts (
        alert_id VARCHAR PRIMARY KEY, rule VARCHAR NOT NULL, series VARCHAR NOT NULL, metric VARCHAR NOT NULL,
        day DATE NOT NULL, created_at TIMESTAMP NOT NULL, payload JSON NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS alert_deliveries (
        alert_id VARCHAR NOT NULL, channel VARCHAR NOT NULL, status VARCHAR NOT NULL, attempts INTEGER NOT NULL,
        last_error VARCHAR, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (alert_id, channel))""",
)


@dataclass(frozen=True, slots=True)
class AlertRule:
    name: str
    series: str
    metric: str = "events"
    when: str = "spike"  # spike | threshold
    threshold: float | None = None
    method: str | None = None  # spike method; None: the settings'
    min_sources: int = 1
    cooldown_days: int = 1

    def __post_init__(self) -> None:
        where = f"rule {self.name!r}"
        try:
            check_key(self.series)
            object.__setattr__(self, "metric", check_metric(self.metric))
        except IndexError_ as error:
            raise ConfigError(f"{where}: {error}") from None
        if self.when not in ("spike", "threshold"):
            raise ConfigError(f"{where}: when must be spike or threshold, got {self.when!r}")
        if self.when == "threshold" and self.threshold is None:
            raise ConfigError(f"{where}: a threshold rule needs threshold = N")
        if self.method is not None and self.method not in METHODS:
            raise ConfigError(f"{where}: method must be one of {', '.join(METHODS)}, got {self.method!r}")
        if self.min_sources < 1 or self.cooldown_days < 0:
            raise ConfigError(f"{where}: min_sources must be at least 1 and cooldown_days at least 0")


@dataclass(frozen=True, slots=True)
class Delivery:
    file: Path | None = None
    webhooks: tuple[str, ...] = ()
    stdout: bool = False


@dataclass(frozen=True, slots=True)
class RulesFile:
    rules: tuple[AlertRule, ...]
    delivery: Delivery = Delivery()


_RULE_KEYS = {"name", "series", "metric", "when", "threshold", "method", "min_sources", "cooldown_days"}


def load_rules(path: Path) -> RulesFile:
    """Parse a rules file; unknown keys and bad values are ``ConfigError``s naming the rule."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"alert rules file {path} not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"alert rules file {path}: {error}") from None
    unknown = set(data) - {"rule", "delivery"}
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}; [[rule]] and [delivery]")
    rules = []
    for number, raw in enumerate(data.get("rule", []), 1):
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: rule {number} is not a table")
        extra = set(raw) - _RULE_KEYS
        if extra or "series" not in raw:
            problem = f"unknown key(s) {', '.join(sorted(extra))}" if extra else "no series"
            raise ConfigError(f"{path}: rule {number}: {problem}")
        raw = {"name": f"rule-{number}", **raw}
        try:
            rules.append(AlertRule(**raw))
        except TypeError as error:
            raise ConfigError(f"{path}: rule {number}: {error}") from None
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: rule names must be unique")
    raw_delivery = data.get("delivery", {})
    extra = set(raw_delivery) - {"file", "webhooks", "stdout"}
    if extra:
        raise ConfigError(f"{path}: [delivery]: unknown key(s) {', '.join(sorted(extra))}")
    hooks = raw_delivery.get("webhooks", [])
    if isinstance(hooks, str):
        hooks = [hooks]
    for hook in hooks:
        if not str(hook).startswith(("http://", "https://")):
            raise ConfigError(f"{path}: webhook {hook!r} is not an http(s) URL")
    file = raw_delivery.get("file")
    delivery = Delivery(file=(path.parent / file) if file else None, webhooks=tuple(map(str, hooks)),
                        stdout=bool(raw_delivery.get("stdout", False)))
    return RulesFile(tuple(rules), delivery)


@dataclass(frozen=True, slots=True)
class Alert:
    """One break or threshold crossing of a rule's series on a day, with the events behind it."""

    alert_id: str
    rule: str
    series: str
    metric: str
    day: date
    value: float
    baseline: float | None
    ratio: float | None
    statistic: float | None
    method: str  # a spike method or "threshold"
    sources: int  # independent sources behind the day's driving events (distinct over events, summed)
    events: tuple[IndexEvent, ...]

    def headline(self) -> str:
        size = f" ({self.ratio:.1f}x baseline {self.baseline:.1f})" if self.ratio and self.baseline else ""
        return (f"{self.rule}: {self.series} {self.metric} = {self.value:g} on {self.day}{size}; "
                f"{len(self.events)} events, {self.sources} sources")

    def to_json(self) -> dict[str, Any]:
        return {
            "alert_id": self.alert_id, "rule": self.rule, "series": self.series, "metric": self.metric,
            "day": self.day.isoformat(), "value": self.value,
            "baseline": None if self.baseline is None else round(self.baseline, 3),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "statistic": None if self.statistic is None else round(self.statistic, 3),
            "method": self.method, "sources": self.sources, "headline": self.headline(),
            "events": [e.to_json() for e in self.events],
        }


def _alert_id(rule: str, series: str, day: date) -> str:
    return hashlib.sha256(f"{rule}\0{series}\0{day.isoformat()}".encode()).hexdigest()[:24]


def _candidates(rule: AlertRule, series: Series, params: SpikeParams, first: date,
                rest: Sequence[float] | None = None) -> list[Alert]:
    values = series.values(rule.metric)
    dates = series.dates
    found: list[tuple[int, float | None, float | None, float | None, str]] = []
    if rule.when == "threshold":
        assert rule.threshold is not None
        found = [(i, None, None, None, "threshold") for i, v in enumerate(values) if v >= rule.threshold]
    else:
        spike = replace(params, method=rule.method or params.method)
        found = [(b.index, b.baseline, b.ratio, b.statistic, b.method)
                 for b in detect(values, spike, counts=is_count(rule.metric), rest=rest)]
    alerts = []
    for index, baseline, ratio, statistic, method in found:
        day = dates[index]
        if day < first:
            continue
        drivers = series.drivers(day, rule.metric)
        alerts.append(Alert(_alert_id(rule.name, series.key, day), rule.name, series.key, rule.metric, day,
                            values[index], baseline, ratio, statistic, method,
                            sum(e.sources for e in drivers), tuple(drivers)))
    return alerts


def _ensure_tables(store: Store) -> None:
    for statement in _SCHEMA:
        store.fetch(statement)


def evaluate(store: Store, rules: Sequence[AlertRule], params: SpikeParams, *, lookback_days: int = 3,
             until: date | None = None, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> list[Alert]:
    """Raise the new alerts of ``rules`` on the last ``lookback_days`` days up to ``until`` (default: the
    store's latest event day) and record them in the store; alerts already raised, or within a rule's
    cool-down of an earlier alert of the same series, are not raised again."""
    _ensure_tables(store)
    span = date_span(store)
    if span is None or not rules:
        return []
    end = until or span[1]
    first = end - timedelta(days=lookback_days - 1)
    start = first - timedelta(days=params.window + params.span)
    index = index_from_store(store, start, end)
    raised: list[Alert] = []
    for rule in rules:
        pooled = (rule.method or params.method) == "pooled" and rule.when == "spike"
        rest = index.rest(rule.series, rule.metric) if pooled else None
        for alert in _candidates(rule, index.get(rule.series), params, first, rest):
            if alert.sources < rule.min_sources:
                log.info("alert %s: %s has %d sources, fewer than %d", rule.name, alert.day, alert.sources,
                         rule.min_sources)
                continue
            if _known_or_cooling(store, alert, rule.cooldown_days):
                continue
            store.fetch("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [alert.alert_id, alert.rule, alert.series, alert.metric, alert.day,
                          now().replace(tzinfo=None), json.dumps(alert.to_json(), ensure_ascii=False)])
            raised.append(alert)
    return raised


def _known_or_cooling(store: Store, alert: Alert, cooldown_days: int) -> bool:
    if store.fetch("SELECT 1 FROM alerts WHERE alert_id = ?", [alert.alert_id]):
        return True
    if cooldown_days <= 0:
        return False
    near = store.fetch(
        "SELECT day FROM alerts WHERE rule = ? AND series = ? AND abs(date_diff('day', day, ?)) < ? LIMIT 1",
        [alert.rule, alert.series, alert.day, cooldown_days])
    if near:
        log.info("alert %s on %s: within the %d-day cool-down of the alert of %s", alert.rule, alert.day,
                 cooldown_days, near[0][0])
    return bool(near)


# -- delivery -------------------------------------------------------------------------------------

def signature(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of body>``: what a receiver recomputes with the shared secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class WebhookOptions:
    secret: str = field(default="", repr=False)
    retries: int = 3  # extra attempts after a failure
    backoff_s: float = 1.0  # first wait; doubled each time
    backoff_max_s: float = 30.0
    timeout_s: float = 10.0
    max_attempts: int = 5  # evaluations (polls) at which a failing webhook is tried before it is given up


def _post(client: httpx.Client, url: str, body: bytes, alert_id: str, options: WebhookOptions,
          sleep: Callable[[float], None]) -> None:
    headers = {"Content-Type": "application/json", ALERT_ID_HEADER: alert_id, "User-Agent": "warwatch-alerts/0.1"}
    if options.secret:
        headers[SIGNATURE_HEADER] = signature(options.secret, body)
    attempt = 0
    while True:
        retry_after: str | None = None
        try:
            response = client.post(url, content=body, headers=headers, timeout=options.timeout_s)
        except httpx.HTTPError as error:
            problem = f"{type(error).__name__}: {error}"
        else:
            if response.status_code < 300:
                return
            if response.status_code not in RETRY_STATUSES:
                raise RuntimeError(f"HTTP {response.status_code}")
            problem, retry_after = f"HTTP {response.status_code}", response.headers.get("retry-after")
        if attempt >= options.retries:
            raise RuntimeError(problem)
        delay = options.backoff_s * 2.0**attempt
        if retry_after:
            try:
                delay = max(delay, float(retry_after))
            except ValueError:
                pass
        delay = min(delay, options.backoff_max_s)
        log.info("webhook %s: %s; retry %d in %.1f s", url, problem, attempt + 1, delay)
        sleep(delay)
        attempt += 1


def _channels(delivery: Delivery) -> list[str]:
    return ["log", *(["stdout"] if delivery.stdout else []), *(["file"] if delivery.file else []),
            *(f"webhook:{url}" for url in delivery.webhooks)]


def deliver_pending(store: Store, delivery: Delivery, options: WebhookOptions | None = None, *,
                    client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep,
                    stdout: IO[str] | None = None) -> dict[str, int]:
    """Deliver every recorded alert on each channel it has not reached yet (and not given up on); returns
    counts of ``sent`` and ``failed`` deliveries."""
    _ensure_tables(store)
    options = options or WebhookOptions()
    counts = {"sent": 0, "failed": 0}
    rows = store.fetch("SELECT alert_id, payload FROM alerts ORDER BY day, created_at, alert_id")
    if not rows:
        return counts
    done = {(str(a), str(c)): (str(s), int(n)) for a, c, s, n in
            store.fetch("SELECT alert_id, channel, status, attempts FROM alert_deliveries")}
    own_client = client is None
    http = client or httpx.Client()
    try:
        for alert_id, payload in rows:
            body = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
            record = json.loads(body)
            for channel in _channels(delivery):
                status, attempts = done.get((str(alert_id), channel), ("pending", 0))
                if status in ("sent", "gave_up"):
                    continue
                error: str | None = None
                try:
                    _send(channel, record, body, delivery, options, http, sleep, stdout or sys.stdout)
                except (OSError, RuntimeError) as failure:
                    error = str(failure)
                attempts += 1
                status = "sent" if error is None else ("gave_up" if attempts >= options.max_attempts else "failed")
                counts["sent" if error is None else "failed"] += 1
                if error is not None:
                    log.warning("alert %s: %s delivery failed (%s; attempt %d)", alert_id, channel, error, attempts)
                store.fetch(
                    "INSERT OR REPLACE INTO alert_deliveries VALUES (?, ?, ?, ?, ?, ?)",
                    [alert_id, channel, status, attempts, error, datetime.now(UTC).replace(tzinfo=None)])
    finally:
        if own_client:
            http.close()
    return counts


def _send(channel: str, record: Mapping[str, Any], body: bytes, delivery: Delivery, options: WebhookOptions,
          http: httpx.Client, sleep: Callable[[float], None], stdout: IO[str]) -> None:
    if channel == "log":
        log.warning("ALERT %s", record.get("headline"))
    elif channel == "stdout":
        print(json.dumps(record, ensure_ascii=False), file=stdout, flush=True)
    elif channel == "file":
        assert delivery.file is not None
        with open(delivery.file, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _post(http, channel.removeprefix("webhook:"), body, str(record.get("alert_id")), options, sleep)


def evaluate_and_deliver(store: Store, rules_file: RulesFile, params: SpikeParams, options: WebhookOptions, *,
                         lookback_days: int = 3, client: httpx.Client | None = None,
                         sleep: Callable[[float], None] = time.sleep) -> list[Alert]:
    """``evaluate`` then ``deliver_pending``: what ``warwatch watch`` runs after each poll."""
    raised = evaluate(store, rules_file.rules, params, lookback_days=lookback_days)
    deliver_pending(store, rules_file.delivery, options, client=client, sleep=sleep)
    return raised
