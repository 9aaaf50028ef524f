"""The real-news case study of the escalation index and its spike detection (issue 15, validation (b)).

Reads data/case_study/sentences.jsonl (single sentences that report acts, at most three per article, with the
article's url, published date and outlet: see data/case_study/README.md), joins each article's sentences into
one article (its url and published date kept), codes them with the real pipeline (``warwatch code``, one
process) into a fresh store, builds the index over the period, runs the spike detector of the settings on the
daily events of ``country:UKR`` (what happened in Ukraine) and ``country:RUS``, and compares the alerts with the
reference dates of data/case_study/reference.jsonl (dates the reporting itself gives for the escalations).

An escalation counts as caught when an alert falls on the day before, the day or the day after: the detector
sees a day only once it is over, and an overnight attack spans two calendar days (the coder dates "overnight
into Tuesday" or "on Monday night" to either). Days in the first ``min_history`` days have no baseline and
are reported as untested.

    python bench/case_study.py            # writes bench/results/case_study.{md,json,png}; ~2 minutes

Nothing here is tuned to these dates: the detector and its parameters are the settings' defaults, chosen on
generated streams (bench/escalation.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warwatch.analytics.index import Index, Series, index_from_store
from warwatch.analytics.spikes import Break, SpikeParams, detect
from warwatch.settings import Settings
from warwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "case_study"
RESULTS = ROOT / "bench" / "results"
WINDOW = (-1, 0, 1)  # days around a reference date an alert may fall on


@dataclass(frozen=True, slots=True)
class Reference:
    day: date
    what: str
    url: str


def load_articles(path: Path) -> list[dict[str, Any]]:
    """One article per url: its sentences joined in file order, with its url and published date."""
    grouped: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        article = grouped.setdefault(row["url"], {
            "id": "cs-" + hashlib.sha1(row["url"].encode()).hexdigest()[:12], "url": row["url"],
            "published": row["published"], "title": "", "sentences": []})
        article["sentences"].append(row["text"])
    return [{"id": a["id"], "url": a["url"], "published": a["published"], "title": a["title"],
             "text": " ".join(a["sentences"])} for a in grouped.values()]


def load_references(path: Path) -> list[Reference]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Reference(date.fromisoformat(r["date"]), r["what"], r["url"]) for r in rows]


def code(articles: Sequence[dict[str, Any]], workdir: Path) -> Path:
    """Code the articles with ``warwatch code`` into a store in ``workdir``; the store's path."""
    source, events, store = workdir / "articles.jsonl", workdir / "events.jsonl", workdir / "case.duckdb"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "warwatch.cli", "code", str(source), "--output", str(events),
                    "--store", str(store), "--jobs", "1", "--no-progress"], check=True)
    return store


def caught(refs: Sequence[Reference], breaks: dict[str, list[Break]], series: Series, min_history: int
           ) -> list[dict[str, Any]]:
    """Each reference date with, per metric, its value that day and the alert that caught it (``WINDOW``)."""
    dates = series.dates
    rows = []
    for ref in refs:
        index = (ref.day - series.start).days
        row: dict[str, Any] = {"date": ref.day.isoformat(), "what": ref.what, "url": ref.url, "metrics": {}}
        for metric, found in breaks.items():
            alerts = {dates[b.index]: b for b in found}
            hit = next((alerts[d] for d in (ref.day + timedelta(days=k) for k in WINDOW) if d in alerts), None)
            status = "untested" if index < min_history else ("caught" if hit else "missed")
            values = series.values(metric)
            row["metrics"][metric] = {
                "value": values[index] if 0 <= index < len(values) else None, "status": status,
                "alert": None if hit is None else {"day": dates[hit.index].isoformat(), "value": hit.value,
                                                   "baseline": round(hit.baseline, 2),
                                                   "statistic": round(hit.statistic, 2)}}
        rows.append(row)
    return rows


def false_alarms(refs: Sequence[Reference], breaks: Sequence[Break], series: Series, metric: str
                 ) -> list[dict[str, Any]]:
    """Alerts not on a reference day or the day after, with the events behind them."""
    near = {r.day + timedelta(days=k) for r in refs for k in WINDOW}
    out = []
    for b in breaks:
        day = series.dates[b.index]
        if day not in near:
            drivers = series.drivers(day, metric, limit=3)
            out.append({"day": day.isoformat(), "metric": metric, "value": b.value, "baseline": round(b.baseline, 2),
                        "events": [{"category": e.category, "place": e.place,
                                    "evidence": e.evidence[0][1][:160] if e.evidence else ""} for e in drivers]})
    return out


METRICS = ("events", "dead", "injured", "sources")
PANELS = (("country:UKR", "events"), ("country:UKR", "dead"), ("country:UKR", "sources"), ("country:RUS", "events"))


def plot(index: Index, refs: Sequence[Reference], breaks: dict[tuple[str, str], list[Break]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(PANELS), 1, figsize=(11, 9), sharex=True)
    for ax, (key, metric) in zip(axes, PANELS, strict=True):
        series = index.get(key)
        dates, values = series.dates, series.values(metric)
        ax.bar(dates, values, color="#8a9bb0", width=0.9)
        for ref in refs:
            ax.axvline(ref.day, color="#c0392b", alpha=0.3, linewidth=1.5)
        top = max(values, default=0) or 1
        for b in breaks.get((key, metric), []):
            ax.plot(dates[b.index], values[b.index] + 0.06 * top, marker="v", color="#c0392b", markersize=8)
        ax.set_ylabel(metric)
        ax.set_title(f"{key} {metric} per event day", fontsize=9, loc="left")
    fig.suptitle("Case study, June to September 2025: reported escalations (red lines), alerts (triangles)",
                 fontsize=10)
    axes[-1].set_xlabel("event day (2025)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def markdown(meta: dict[str, Any], rows: Sequence[dict[str, Any]], false: Sequence[dict[str, Any]]) -> str:
    lines = [f"# Case study: {meta['articles']} real articles, {meta['start']} .. {meta['end']}", "",
             f"{meta['sentences']} sentences from {meta['outlets']} outlets coded into {meta['events']} events "
             f"({meta['events_ukr']} in Ukraine, {meta['events_rus']} in Russia); detector: {meta['detector']}. "
             "Each cell: the value on the reference day, and whether an alert came within a day of it.",
             "", "| reference day | escalation | " + " | ".join(f"UKR {m}" for m in METRICS) + " |",
             "|---|---|" + "---|" * len(METRICS)]
    for r in rows:
        cells = []
        for metric in METRICS:
            m = r["metrics"][metric]
            cells.append(f"{m['value']:g}: **{m['status']}**" if m["status"] == "caught" else
                         f"{m['value']:g}: {m['status']}")
        lines.append(f"| [{r['date']}]({r['url']}) | {r['what']} | " + " | ".join(cells) + " |")
    counts = {metric: sum(r["metrics"][metric]["status"] == "caught" for r in rows) for metric in METRICS}
    tested = sum(r["metrics"]["events"]["status"] != "untested" for r in rows)
    lines += ["", "Caught of the " + str(tested) + " tested: " +
              ", ".join(f"{m} {n}" for m, n in counts.items()) + f"; any metric {meta['caught_any']}.", "",
              f"Alerts more than a day from every reference day: {len(false)}", ""]
    for f in false:
        what = "; ".join(f"{e['category']} {e['place'] or ''}".strip() for e in f["events"])
        lines.append(f"- {f['series']} {f['metric']} {f['day']}: {f['value']:g} vs baseline {f['baseline']:g} "
                     f"({what})")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=Path, default=DATA / "sentences.jsonl")
    parser.add_argument("--references", type=Path, default=DATA / "reference.jsonl")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2025, 6, 1))
    parser.add_argument("--end", type=date.fromisoformat, default=date(2025, 9, 10))
    parser.add_argument("--out", type=Path, default=RESULTS / "case_study")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    articles = load_articles(args.sentences)
    refs = load_references(args.references)
    params: SpikeParams = Settings.load().spike_params()
    with tempfile.TemporaryDirectory() as tmp:
        store_path = code(articles, Path(tmp))
        with Store.open(store_path) as store:
            index = index_from_store(store, args.start, args.end)
    breaks = {(key, metric): detect(index.get(key).values(metric), params)
              for key in ("country:UKR", "country:RUS") for metric in METRICS}
    ukr = index.get("country:UKR")
    rows = caught(refs, {m: breaks[("country:UKR", m)] for m in METRICS}, ukr, params.min_history)
    false = [dict(f, series=key) for (key, metric), found in breaks.items()
             for f in false_alarms(refs, found, index.get(key), metric)]
    lines = [line for line in args.sentences.read_text(encoding="utf-8").splitlines() if line.strip()]
    meta = {"articles": len(articles), "sentences": len(lines),
            "outlets": len({json.loads(line)["outlet"] for line in lines}),
            "start": args.start.isoformat(), "end": args.end.isoformat(),
            "events": int(sum(index.get("all").values("events"))),
            "events_ukr": int(sum(ukr.values("events"))),
            "events_rus": int(sum(index.get("country:RUS").values("events"))),
            "caught_any": sum(any(m["status"] == "caught" for m in r["metrics"].values()) for r in rows),
            "detector": f"{params.method} alpha {params.alpha:g}, window {params.window}, span {params.span}, "
                        f"min_count {params.min_count:g}"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    plot(index, refs, breaks, args.out.with_suffix(".png"))
    args.out.with_suffix(".md").write_text(markdown(meta, rows, false), encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(
        {"meta": meta, "references": rows, "false_alarms": false,
         "daily": {f"{key} {metric}": list(index.get(key).values(metric)) for key, metric in breaks}},
        indent=1) + "\n", encoding="utf-8")
    print(markdown(meta, rows, false))
    print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
