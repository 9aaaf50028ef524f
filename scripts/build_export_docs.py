"""Write the PLOVER->ACLED and PLOVER->CAMEO tables of ``warwatch.export.mappings`` into docs/export.md, between
the markers ``<!-- mappings:start -->`` and ``<!-- mappings:end -->``. tests/test_export_mappings.py checks the
committed copy.

Usage: python scripts/build_export_docs.py
"""

from __future__ import annotations

from pathlib import Path

from warwatch.export.mappings import ACLED_DISORDER, ACLED_RULES, CAMEO_RULES, CATEGORIES, cameo_quad_class

DOCS = Path(__file__).resolve().parents[1] / "docs" / "export.md"
START, END = "<!-- mappings:start -->", "<!-- mappings:end -->"


def _when(mode: str | None, weapon: str | None, sector: str | None = None) -> str:
    parts = [f"weapon `{weapon}`" if weapon else "", f"mode `{mode}`" if mode else "",
             f"a recipient of sector `{sector}`" if sector else ""]
    return ", ".join(p for p in parts if p) or "any other"


def tables() -> str:
    lines = ["### PLOVER -> ACLED", "",
             "Read top to bottom; the first row that fits an event gives its type. A category without an ACLED "
             "type is left out of the ACLED export (counted on stderr, `no ACLED type: CATEGORY`).", "",
             "| PLOVER category | when | ACLED disorder_type | event_type | sub_event_type | note |",
             "|---|---|---|---|---|---|"]
    for category in CATEGORIES:
        for r in (r for r in ACLED_RULES if r.category == category):
            if r.event_type is None:
                lines.append(f"| {category} | {_when(r.mode, r.weapon, r.recipient_sector)} | – | **not mapped** | – "
                             f"| {r.note} |")
            else:
                lines.append(f"| {category} | {_when(r.mode, r.weapon, r.recipient_sector)} | "
                             f"{ACLED_DISORDER[r.event_type]} | {r.event_type} | {r.sub_event_type} | {r.note} |")
    lines += ["", "### PLOVER -> CAMEO", "",
              "EventCode is the code below (EventBaseCode its first three digits, EventRootCode its first two, "
              "QuadClass from the root as in GDELT).", "",
              "| PLOVER category | when | CAMEO EventCode | root | QuadClass | note |", "|---|---|---|---|---|---|"]
    for category in CATEGORIES:
        for c in (c for c in CAMEO_RULES if c.category == category):
            lines.append(f"| {category} | {_when(c.mode, None)} | {c.code} | {c.root} | {cameo_quad_class(c.root)} "
                         f"| {c.note} |")
    return "\n".join(lines)


def render(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{tables()}\n{END}{tail}"


if __name__ == "__main__":
    DOCS.write_text(render(DOCS.read_text()))
    print(f"wrote {DOCS}")
