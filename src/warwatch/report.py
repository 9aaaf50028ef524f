"""A rich table of coded events (``Event.to_json()`` dicts), for ``warwatch show``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["EVIDENCE_CHARS", "NARROW", "render_events", "summary_line"]

EVIDENCE_CHARS = 80
NARROW = 120  # below this console width each event is two lines, not a table row (8 columns need room)
_MISSING = "–"


def _shorten(text: str, width: int = EVIDENCE_CHARS) -> str:
    """Collapse whitespace and cut at a word boundary to at most ``width`` characters (with an ellipsis)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def _codes(entities: Any) -> str:
    found: list[str] = []
    for entity in entities or []:
        if isinstance(entity, Mapping):
            code = entity.get("country") or entity.get("name")
        else:
            code = entity
        if code and str(code) not in found:
            found.append(str(code))
    return ",".join(found) or _MISSING


def _who(event: Mapping[str, Any]) -> str:
    actor, recipient = event.get("actor"), event.get("recipient")
    if not actor and not recipient:
        return _MISSING
    return f"{_codes(actor)} → {_codes(recipient)}"


def _place(event: Mapping[str, Any]) -> str:
    location = event.get("location")
    if not isinstance(location, Mapping):
        return _MISSING
    parts = [str(p) for p in (location.get("name"), location.get("country")) if p]
    return ", ".join(dict.fromkeys(parts)) or _MISSING


def _figure(value: Any) -> str:
    return _MISSING if value is None else str(value)


def _sources(event: Mapping[str, Any]) -> str:
    ids = [str(i) for i in event.get("article_ids") or []]
    if not ids:
        return _MISSING
    shown = ", ".join(ids[:3]) + (f" +{len(ids) - 3}" if len(ids) > 3 else "")
    return f"{len(ids)}: {shown}" if len(ids) > 1 else shown


def _evidence(event: Mapping[str, Any]) -> str:
    evidence = event.get("evidence") or []
    if not evidence or not isinstance(evidence[0], Mapping):
        return ""
    return _shorten(str(evidence[0].get("text") or ""))


def _cells(event: Mapping[str, Any]) -> list[str]:
    """date, event, actor → recipient, place, weapon, dead/injured, sources, evidence."""
    kind = str(event.get("event") or "?")
    if event.get("mode"):
        kind += f" ({event['mode']})"
    date = str(event.get("date") or _MISSING)
    if event.get("background"):
        date += " (bg)"
    return [date, kind, _who(event), _place(event), str(event.get("weapon") or _MISSING),
            f"{_figure(event.get('dead'))}/{_figure(event.get('injured'))}", _sources(event), _evidence(event)]


def render_events(
    events: Iterable[Mapping[str, Any]], console: Console, *, title: str = "warwatch events"
) -> None:
    """Print one table row per event; background events are dimmed and marked ``(bg)``. On a console narrower
    than ``NARROW`` columns each event is two lines instead: its fields, then its evidence, indented."""
    if console.width < NARROW:
        _render_lines(events, console, title)
        return
    # Caps on the short columns leave the width to the evidence; no ratio columns (on a narrow console
    # rich crops a table with a ratio column instead of wrapping it).
    table = Table(title=title)
    table.add_column("date", max_width=11)
    table.add_column("event", max_width=16)
    table.add_column("actor → recipient", max_width=19)
    table.add_column("place", max_width=18)
    table.add_column("weapon", max_width=10)
    table.add_column("dead/injured", justify="right", max_width=12)
    table.add_column("sources", max_width=28)
    table.add_column("evidence")
    rows = 0
    for event in events:
        rows += 1
        # Text cells: evidence such as "[Photo: ...]" must not be read as rich markup.
        table.add_row(*(Text(cell) for cell in _cells(event)), style="dim" if event.get("background") else None)
    if rows == 0:
        console.print(Text(f"{title}: no events"))
        return
    table.caption = f"{rows} event" + ("" if rows == 1 else "s")
    console.print(table)


def _render_lines(events: Iterable[Mapping[str, Any]], console: Console, title: str) -> None:
    """The narrow layout: ``date  EVENT (mode)  actor → recipient  place  [weapon]  dead/injured  sources``, then
    the evidence on its own line, cut to the console's width."""
    rows = 0
    for event in events:
        if rows == 0:
            console.print(Text(title, style="bold"))
        rows += 1
        date, kind, who, place, weapon, figures, _, evidence = _cells(event)
        count = len(event.get("article_ids") or [])
        fields = [date, kind, who, place, weapon if weapon not in (_MISSING, event.get("mode")) else "",
                  f"{figures} dead/injured", f"{count} source" + ("" if count == 1 else "s")]
        style = "dim" if event.get("background") else None
        console.print(Text("  ".join(f for f in fields if f), style=style or ""))
        if evidence:
            console.print(Text("    " + _shorten(evidence, max(20, console.width - 4)), style="dim"))
    if rows == 0:
        console.print(Text(f"{title}: no events"))
        return
    console.print(Text(f"{rows} event" + ("" if rows == 1 else "s")))


def summary_line(counts: Mapping[str, int]) -> str:
    """``{"articles": 3, "events": 5}`` -> ``"articles 3 · events 5"`` (in the mapping's order)."""
    return " · ".join(f"{name} {value}" for name, value in counts.items())
