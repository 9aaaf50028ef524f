"""The analytics commands of the CLI (``warwatch index``, ``brief``, ``alerts``) and the alert hook of
``warwatch watch``: flags in, library calls, files out. ``warwatch.cli`` registers them."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..settings import SETTINGS_HELP, Settings

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["COMMANDS", "add_parsers", "alert_hook"]

log = logging.getLogger(__name__)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD, got {text!r}") from None


def add_parsers(sub: Any) -> None:
    index = sub.add_parser("index", help="daily escalation index per country, admin1 and actor pair (CSV/JSONL)",
                           description="Print the daily series of the escalation index from the store: events by "
                                       "PLOVER category, dead, injured, weighted conflict and cooperation (see the "
                                       "README, Escalation).")
    index.add_argument("--since", default="30d", help="first day (YYYY-MM-DD) or N days ending on --until "
                                                     "(default 30d)")
    index.add_argument("--until", type=_day, help="last day (default: the store's latest event day)")
    index.add_argument("--series", action="append", default=[],
                       help="all, country:UKR, admin1:UKR/Kharkiv Oblast or dyad:RUS>UKR (repeatable; default: "
                            "every series of --kind)")
    index.add_argument("--kind", choices=("all", "country", "admin1", "dyad"), default="country",
                       help="which series when no --series is given (default country)")
    index.add_argument("--country", help="only events placed in this country (ISO-3)")
    index.add_argument("--normalise", action="store_true", help="divide by the day's coverage volume (articles) "
                                                                "relative to the period's median")
    index.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    index.add_argument("--spikes", action="store_true", help="only the spikes of the series (events and dead), "
                                                             "with the events behind them, as JSONL")
    index.add_argument("--store", type=Path, help=SETTINGS_HELP["store"])

    brief = sub.add_parser("brief", help="write the brief of a period: movements, spikes, plots, map, sentences",
                           description="Write an HTML (self-contained) or Markdown brief of the period's top "
                                       "movements and spikes with plots of the index and casualties per day, a "
                                       "map, and the sentences behind the largest changes.")
    brief.add_argument("--since", default="7d", help="first day (YYYY-MM-DD) or N days ending on --until "
                                                    "(default 7d)")
    brief.add_argument("--until", type=_day, help="last day (default: the store's latest event day)")
    brief.add_argument("--country", help="one country (ISO-3)")
    brief.add_argument("-o", "--output", type=Path, default=Path("brief.html"),
                       help="brief.html (one self-contained file) or brief.md (plots beside it)")
    brief.add_argument("--top", type=int, default=8, help="movements and spikes listed (default 8)")
    brief.add_argument("--store", type=Path, help=SETTINGS_HELP["store"])

    alerts = sub.add_parser("alerts", help="evaluate alert rules once and deliver the new alerts",
                            description="Evaluate the rules of a TOML file over the store (as `warwatch watch "
                                        "--alerts` does after each poll) and deliver new alerts.")
    alerts.add_argument("rules", type=Path, help="alert rules TOML file")
    alerts.add_argument("--store", type=Path, help=SETTINGS_HELP["store"])


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(store=getattr(args, "store", None))


def _open(settings: Settings, *, read_only: bool = True) -> Store | None:
    from ..store import Store

    if not settings.store.is_file():
        print(f"warwatch: no store at {settings.store}: run `warwatch code` first", file=sys.stderr)
        return None
    return Store.open(settings.store, read_only=read_only, memory_mb=settings.store_memory_mb)


def cmd_index(args: argparse.Namespace) -> int:
    from .brief import default_period
    from .index import check_key, index_from_store, is_count
    from .spikes import detect

    settings = _settings(args)
    store = _open(settings)
    if store is None:
        return 5
    with store:
        since, until = default_period(store, args.since, args.until)
        built = index_from_store(store, since, until, country=args.country)
    keys = [check_key(k) for k in args.series] or built.keys(args.kind)
    out = sys.stdout
    if args.spikes:
        params = settings.spike_params()
        for key in keys:
            series = built.get(key)
            for metric in ("events", "dead"):
                for found in detect(series.values(metric), params, counts=is_count(metric),
                                    rest=built.rest(key, metric) if params.method == "pooled" else None):
                    day = series.dates[found.index]
                    out.write(json.dumps({
                        "series": key, "metric": metric, "date": day.isoformat(), "value": found.value,
                        "baseline": round(found.baseline, 3), "ratio": round(found.ratio, 3), "days": found.days,
                        "statistic": round(found.statistic, 3), "method": found.method,
                        "events": [e.to_json() for e in series.drivers(day, metric)]}, ensure_ascii=False) + "\n")
        return 0
    writer = csv.writer(out) if args.format == "csv" else None
    metrics = ("events", "dead", "injured", "conflict", "cooperation", "score", "sources")
    if writer is not None:
        writer.writerow(["series", "date", *metrics, "articles", "categories"])
    for key in keys:
        series = built.get(key)
        rows = list(series.rows(metrics))
        if args.normalise:
            for metric in metrics:
                for row, value in zip(rows, series.normalised(metric), strict=True):
                    row[metric] = round(value, 3)
        for row in rows:
            if writer is not None:
                categories = " ".join(f"{c}={n}" for c, n in row["categories"].items())
                writer.writerow([row["series"], row["date"], *(row[m] for m in metrics), row["articles"],
                                 categories])
            else:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from .brief import BriefOptions, build_brief, default_period, write_brief

    settings = _settings(args)
    store = _open(settings)
    if store is None:
        return 5
    with store:
        since, until = default_period(store, args.since, args.until)
        options = BriefOptions(since, until, args.country.upper() if args.country else None, top=args.top)
        brief = build_brief(store, options, settings.spike_params())
    written = write_brief(brief, args.output)
    print(f"warwatch: brief {since} to {until}: {len(brief.events)} events, {len(brief.movements)} movements, "
          f"{len(brief.spikes)} spikes; wrote {', '.join(map(str, written))}", file=sys.stderr)
    return 0


def alert_hook(store: Store, settings: Settings, rules_path: Path) -> Callable[[object], None]:
    """What ``warwatch watch --alerts RULES`` runs after each poll: evaluate the rules and deliver."""
    from .alerts import WebhookOptions, evaluate_and_deliver, load_rules

    rules = load_rules(rules_path)  # a bad file fails before the first poll
    params = settings.spike_params()
    options = WebhookOptions(secret=settings.webhook_secret)

    def run(_stats: object) -> None:
        raised = evaluate_and_deliver(store, rules, params, options, lookback_days=settings.alert_lookback_days)
        if raised:
            log.info("alerts: %d new", len(raised))

    return run


def cmd_alerts(args: argparse.Namespace) -> int:
    from .alerts import WebhookOptions, deliver_pending, evaluate, load_rules

    settings = _settings(args)
    rules = load_rules(args.rules)
    store = _open(settings, read_only=False)
    if store is None:
        return 5
    with store:
        raised = evaluate(store, rules.rules, settings.spike_params(), lookback_days=settings.alert_lookback_days)
        counts = deliver_pending(store, rules.delivery, WebhookOptions(secret=settings.webhook_secret))
    print(f"warwatch: {len(raised)} new alerts; deliveries sent {counts['sent']}, failed {counts['failed']}",
          file=sys.stderr)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "index": cmd_index, "brief": cmd_brief, "alerts": cmd_alerts,
}

