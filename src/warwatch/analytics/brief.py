"""The daily brief: the period's top movements, spikes, plots of the index and casualties, a map, and the
sentences behind the largest changes; rendered as self-contained HTML (PNG plots embedded) or Markdown.

A movement compares a series' totals over the period with the equally long period just before it: the
weighted conflict score (``index``) first, then events and dead. A series "deteriorated" when its
conflict rose or its cooperation fell, "improved" otherwise (CrisisWatch's words, read off the data).
"""

from __future__ import annotations

import base64
import html
import io
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .index import Index, IndexEvent, Series, date_span, index_from_store
from .spikes import SpikeParams, detect

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["Brief", "BriefOptions", "Movement", "Spike", "build_brief", "plot_daily", "plot_map", "render_html",
           "render_markdown", "write_brief"]

log = logging.getLogger(__name__)

_KINDS = ("country", "admin1", "dyad")


@dataclass(frozen=True, slots=True)
class BriefOptions:
    since: date
    until: date
    country: str | None = None
    top: int = 8  # movements and spikes listed
    sentences: int = 3  # evidence sentences per movement


@dataclass(frozen=True, slots=True)
class Movement:
    series: str
    conflict_now: float
    conflict_before: float
    cooperation_now: float
    cooperation_before: float
    events_now: int
    events_before: int
    dead_now: int
    dead_before: int
    events: tuple[IndexEvent, ...]  # the period's events that drive the change, largest first

    @property
    def change(self) -> float:
        """Net move toward conflict (positive: worse)."""
        return (self.conflict_now - self.conflict_before) - (self.cooperation_now - self.cooperation_before)

    @property
    def direction(self) -> str:
        return "deteriorated" if self.change > 0 else "improved"


@dataclass(frozen=True, slots=True)
class Spike:
    series: str
    metric: str
    day: date
    value: float
    baseline: float
    ratio: float
    method: str
    events: tuple[IndexEvent, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    options: BriefOptions
    main: Series  # the country's series, or all
    movements: tuple[Movement, ...]
    spikes: tuple[Spike, ...]
    events: tuple[IndexEvent, ...]  # the period's events of the main series

    @property
    def title(self) -> str:
        where = self.options.country or "all countries"
        return f"warwatch brief: {where}, {self.options.since} to {self.options.until}"

    def daily(self) -> list[dict[str, Any]]:
        """The main series over the period, a dict a day."""
        start = (self.options.since - self.main.start).days
        rows = list(self.main.rows(("events", "conflict", "cooperation", "score", "dead", "injured")))
        return rows[start:]


def _totals(series: Series, metric: str, first: int, last: int) -> float:
    return float(sum(series.values(metric)[first:last]))


def _movement(series: Series, since: date, days: int, limit: int) -> Movement:
    now0 = (since - series.start).days
    before0 = max(0, now0 - days)

    def now(metric: str) -> float:
        return _totals(series, metric, now0, now0 + days)

    def before(metric: str) -> float:
        return _totals(series, metric, before0, now0)

    change = (now("conflict") - before("conflict")) - (now("cooperation") - before("cooperation"))
    sign = 1.0 if change > 0 else -1.0

    def push(event: IndexEvent) -> float:  # how far an event pushes the series the way it moved
        return sign * -event.weight * event.score + 0.01 * event.dead

    period = [e for e in series.events if e.day >= since]
    drivers = [e for e in sorted(period, key=lambda e: (-push(e), -e.dead, e.event_id)) if push(e) > 0][:limit]
    return Movement(series.key, now("conflict"), before("conflict"), now("cooperation"), before("cooperation"),
                    int(now("events")), int(before("events")), int(now("dead")), int(before("dead")), tuple(drivers))


def build_brief(store: Store, options: BriefOptions, params: SpikeParams | None = None) -> Brief:
    """The brief of ``options.since`` .. ``options.until`` from the store."""
    params = params or SpikeParams()
    days = (options.until - options.since).days + 1
    start = options.since - timedelta(days=max(days, params.window + params.span))
    index: Index = index_from_store(store, start, options.until, country=options.country)
    main = index.get(f"country:{options.country.upper()}" if options.country else "all")
    movements = []
    for kind in _KINDS:
        for key in index.keys(kind):
            movement = _movement(index.series[key], options.since, days, options.sentences)
            if movement.change:
                movements.append(movement)
    movements.sort(key=lambda m: (-abs(m.change), m.series))
    spikes = []
    for key in [main.key, *(k for kind in _KINDS for k in index.keys(kind) if k != main.key)]:
        series = index.get(key)
        for metric in ("events", "dead"):
            rest = index.rest(key, metric) if params.method == "pooled" else None
            for found in detect(series.values(metric), params, rest=rest):
                day = series.dates[found.index]
                if day >= options.since:
                    spikes.append(Spike(key, metric, day, found.value, found.baseline, found.ratio, found.method,
                                        tuple(series.drivers(day, metric, options.sentences))))
    rank = {"all": 0, "country": 1, "admin1": 2, "dyad": 3}  # on a tie the widest series first
    spikes.sort(key=lambda s: (-round(s.ratio, 6), s.series != main.key, rank[s.series.split(":")[0]], s.day,
                               s.series, s.metric))
    period = tuple(e for e in main.events if e.day >= options.since)
    return Brief(options, main, tuple(movements[: options.top]), tuple(spikes[: options.top]), period)


def default_period(store: Store, since: str, until: date | None = None) -> tuple[date, date]:
    """``--since 7d`` (the 7 days ending on ``until``, by default the store's latest event day) or a day."""
    span = date_span(store)
    end = until or (span[1] if span else date.today())
    text = since.strip().lower()
    if text.endswith("d") and text[:-1].isdigit():
        return end - timedelta(days=int(text[:-1]) - 1), end
    return date.fromisoformat(text), end


# -- plots ----------------------------------------------------------------------------------------

def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(figure)
    return buffer.getvalue()


def plot_daily(brief: Brief) -> bytes:
    """The main series per day: conflict and cooperation (weighted) with the net index, and dead and injured;
    the period shaded, spikes of the main series marked."""
    plt = _pyplot()
    series = brief.main
    dates = [datetime.combine(d, time(12)) for d in series.dates]  # bars centred on noon of each day
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(9, 5.2), sharex=True)
    conflict, cooperation = series.values("conflict"), series.values("cooperation")
    top.bar(dates, [-c for c in conflict], color="#c0392b", label="conflict (weighted)")
    top.bar(dates, cooperation, color="#2e86c1", label="cooperation (weighted)")
    top.plot(dates, series.values("score"), color="black", linewidth=1.2, label="net index")
    top.axhline(0, color="grey", linewidth=0.6)
    top.set_ylabel("index")
    top.legend(loc="lower left", fontsize=8, frameon=False)
    width = 0.4
    bottom.bar([d - timedelta(hours=5) for d in dates], series.values("dead"), width=width, color="#7b241c",
               label="dead")
    bottom.bar([d + timedelta(hours=5) for d in dates], series.values("injured"), width=width, color="#e59866",
               label="injured")
    bottom.set_ylabel("people")
    bottom.legend(loc="upper left", fontsize=8, frameon=False)
    for axis in (top, bottom):
        axis.axvspan(datetime.combine(brief.options.since, time()),
                     datetime.combine(brief.options.until + timedelta(days=1), time()),
                     color="#f4d03f", alpha=0.15, linewidth=0)
    for spike in brief.spikes:
        if spike.series == series.key:
            axis = top if spike.metric == "events" else bottom
            axis.annotate("spike", (datetime.combine(spike.day, time(12)), 0), xytext=(0, 12),
                          textcoords="offset points", ha="center",
                          fontsize=7, arrowprops={"arrowstyle": "->", "color": "black"})
    top.set_title(f"{series.key}: per day (shaded: the brief's period)", fontsize=10)
    figure.autofmt_xdate()
    return _png(figure)


@lru_cache(maxsize=1)
def _outlines() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Country borders and coasts (every arc of the vendored world-atlas topojson), in lon/lat; () if absent."""
    try:
        path = resources.files("warwatch").joinpath("web/static/vendor/world-atlas/countries-50m.json")
        topology = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        log.info("no world-atlas topojson: the map is drawn on bare lon/lat axes")
        return ()
    transform = topology.get("transform") or {"scale": [1, 1], "translate": [0, 0]}
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(tuple(points))
    return tuple(arcs)


_CONFLICT_COLOURS = {True: "#c0392b", False: "#2e86c1"}


def plot_map(events: Sequence[IndexEvent], title: str = "") -> bytes:
    """The events on lon/lat axes over Natural Earth country outlines; size by dead and injured."""
    plt = _pyplot()
    from matplotlib.collections import LineCollection

    placed = [e for e in events if e.lat is not None and e.lon is not None]
    figure, axis = plt.subplots(figsize=(7, 5.5))
    if placed:
        lons, lats = [e.lon for e in placed], [e.lat for e in placed]
        west, east = min(lons), max(lons)  # type: ignore[type-var]
        south, north = min(lats), max(lats)  # type: ignore[type-var]
    else:
        west, east, south, north = -180.0, 180.0, -60.0, 80.0
    pad = max(3.0, 0.15 * max(east - west, north - south))  # type: ignore[operator]
    west, east, south, north = west - pad, east + pad, south - pad, north + pad  # type: ignore[operator]
    outlines = [arc for arc in _outlines() if any(west - 5 <= x <= east + 5 and south - 5 <= y <= north + 5
                                                  for x, y in arc[:: max(1, len(arc) // 8)] + arc[-1:])]
    if outlines:
        axis.add_collection(LineCollection(outlines, colors="#7f8c8d", linewidths=0.5))
    if placed:
        axis.scatter([e.lon for e in placed], [e.lat for e in placed],
                     s=[20 + 8 * min(60, e.dead + e.injured / 3) for e in placed],
                     c=[_CONFLICT_COLOURS[e.score < 0] for e in placed], alpha=0.6, edgecolors="black",
                     linewidths=0.4, zorder=3)
    axis.set_xlim(west, east)
    axis.set_ylim(south, north)
    axis.set_aspect(1.0 / max(0.2, math.cos(math.radians((south + north) / 2))))  # degrees of equal length
    axis.set_xlabel("longitude")
    axis.set_ylabel("latitude")
    axis.set_title(title or f"{len(placed)} events (red: conflict, blue: cooperation; size: casualties)",
                   fontsize=10)
    return _png(figure)


# -- rendering ------------------------------------------------------------------------------------

def _sentence(event: IndexEvent) -> str:
    return event.evidence[0][1] if event.evidence else ""


def _event_line(event: IndexEvent) -> str:
    toll = f", {event.dead} dead, {event.injured} injured" if event.dead or event.injured else ""
    return f"{event.day} {event.category} at {event.place or event.country or '?'}{toll} ({event.sources} sources)"


def _movement_line(m: Movement) -> str:
    return (f"{m.series} {m.direction}: conflict {m.conflict_before:.1f} -> {m.conflict_now:.1f}, cooperation "
            f"{m.cooperation_before:.1f} -> {m.cooperation_now:.1f}, events {m.events_before} -> {m.events_now}, "
            f"dead {m.dead_before} -> {m.dead_now}")


def _spike_line(s: Spike) -> str:
    return f"{s.series} {s.metric} on {s.day}: {s.value:g} against a baseline of {s.baseline:.1f} ({s.ratio:.1f}x)"


def render_markdown(brief: Brief, images: dict[str, str]) -> str:
    """Markdown; ``images`` maps ``daily`` and ``map`` to the URLs (or file names) of the plots."""
    out = [f"# {brief.title}", ""]
    total = {k: sum(r[k] for r in brief.daily()) for k in ("events", "dead", "injured")}
    out += [f"{total['events']} events, {total['dead']} dead, {total['injured']} injured.", "", "## Top movements", ""]
    for m in brief.movements:
        out.append(f"- **{_movement_line(m)}**")
        out += [f"  - {_event_line(e)} [{e.event_id}]: \u201c{_sentence(e)}\u201d" for e in m.events]
    out += ["", "## Spikes", ""]
    out += [f"- **{_spike_line(s)}**\n" + "\n".join(
        f"  - {_event_line(e)} [{e.event_id}]: \u201c{_sentence(e)}\u201d" for e in s.events)
        for s in brief.spikes] or ["None in the period."]
    out += ["", "## Per day", "", f"![index and casualties per day]({images['daily']})", "",
            "| day | events | conflict | cooperation | net | dead | injured |", "|---|---|---|---|---|---|---|"]
    out += [f"| {r['date']} | {r['events']} | {r['conflict']} | {r['cooperation']} | {r['score']} | {r['dead']} | "
            f"{r['injured']} |" for r in brief.daily()]
    out += ["", "## Map", "", f"![the period's events]({images['map']})", ""]
    return "\n".join(out)


def render_html(brief: Brief, daily_png: bytes, map_png: bytes) -> str:
    """One self-contained HTML page (the plots embedded as PNG data URLs)."""
    e = html.escape

    def img(data: bytes, alt: str) -> str:
        return f'<img alt="{e(alt)}" src="data:image/png;base64,{base64.b64encode(data).decode()}">'

    def events(items: Sequence[IndexEvent]) -> str:
        return "<ul>" + "".join(
            f'<li><span class="ev">{e(_event_line(ev))}</span> <code>{e(ev.event_id)}</code>'
            f"<blockquote>{e(_sentence(ev))}</blockquote></li>" for ev in items) + "</ul>"

    daily = brief.daily()
    total = {k: sum(r[k] for r in daily) for k in ("events", "dead", "injured")}
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>", f"<title>{e(brief.title)}</title>",
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "img{max-width:100%}blockquote{margin:.2em 0 .6em 1em;color:#444;font-style:italic}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.15em .5em;text-align:right}"
        ".deteriorated{color:#a93226}.improved{color:#1f618d}</style></head><body>",
        f"<h1>{e(brief.title)}</h1>",
        f'<p id="totals">{total["events"]} events, {total["dead"]} dead, {total["injured"]} injured.</p>',
        "<h2>Top movements</h2>",
    ]
    for m in brief.movements:
        parts.append(f'<h3 class="{m.direction}">{e(_movement_line(m))}</h3>{events(m.events)}')
    if not brief.movements:
        parts.append("<p>No movement.</p>")
    parts.append("<h2>Spikes</h2>")
    for s in brief.spikes:
        parts.append(f"<h3>{e(_spike_line(s))}</h3>{events(s.events)}")
    if not brief.spikes:
        parts.append("<p>None in the period.</p>")
    parts += ["<h2>Per day</h2>", img(daily_png, "index and casualties per day"),
              '<table id="daily"><tr><th>day<th>events<th>conflict<th>cooperation<th>net<th>dead<th>injured</tr>']
    parts += [f"<tr><td>{r['date']}<td>{r['events']}<td>{r['conflict']}<td>{r['cooperation']}<td>{r['score']}"
              f"<td>{r['dead']}<td>{r['injured']}</tr>" for r in daily]
    parts += ["</table>", "<h2>Map</h2>", img(map_png, "map of the period's events"), "</body></html>"]
    return "\n".join(parts)


def write_brief(brief: Brief, output: Path) -> list[Path]:
    """Write the brief as HTML (``.html``/``.htm``) or Markdown (anything else, plots as PNG files beside it);
    returns the files written."""
    daily_png = plot_daily(brief)
    map_png = plot_map(brief.events)
    output.parent.mkdir(parents=True, exist_ok=True)
    if output.suffix.lower() in (".html", ".htm"):
        output.write_text(render_html(brief, daily_png, map_png), encoding="utf-8")
        return [output]
    names = {"daily": f"{output.stem}-daily.png", "map": f"{output.stem}-map.png"}
    (output.parent / names["daily"]).write_bytes(daily_png)
    (output.parent / names["map"]).write_bytes(map_png)
    output.write_text(render_markdown(brief, names), encoding="utf-8")
    return [output, output.parent / names["daily"], output.parent / names["map"]]
