"""The PLOVER->ACLED and PLOVER->CAMEO tables: every category has a mapping or a documented reason why not, the
CAMEO codes are the inverse of PLOVER's own conversion table where it is one-to-one (and agree with it
elsewhere), and docs/export.md prints the tables as they are."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from warwatch.export.mappings import (
    ACLED_DISORDER,
    ACLED_RULES,
    CAMEO_RULES,
    CATEGORIES,
    QUAD,
    acled_rule,
    cameo_quad_class,
    cameo_rule,
)

ROOT = Path(__file__).resolve().parents[1]
CAMEO2PLOVER = ROOT.parent / "shared" / "data" / "lexicons" / "plover_CAMEO2PLOVER-2021.txt"
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_an_acled_and_a_cameo_mapping_or_a_reason(category: str) -> None:
    catch_all = [r for r in ACLED_RULES if r.category == category and r.mode is None and r.weapon is None
                 and r.recipient_sector is None]
    assert len(catch_all) == 1, "one catch-all ACLED rule per category"
    rule = acled_rule({"event": category, "mode": "no-such-mode", "weapon": None, "recipient": []})
    assert rule is catch_all[0]
    if rule.event_type is None:
        assert rule.sub_event_type is None and len(rule.note) > 20, "an unmapped category says why"
    cameo = cameo_rule({"event": category, "mode": "no-such-mode"})
    assert cameo is not None and cameo.mode is None and cameo.note
    assert category in QUAD


def test_acled_rules_use_acled_types_and_come_before_their_catch_all() -> None:
    seen_catch_all: set[str] = set()
    for rule in ACLED_RULES:
        assert rule.category in CATEGORIES and rule.note
        assert rule.category not in seen_catch_all, f"{rule} can never fire: its catch-all comes first"
        if rule.event_type is not None:
            assert rule.sub_event_type in ACLED_TYPES[rule.event_type], rule
            assert rule.event_type in ACLED_DISORDER
        if rule.mode is None and rule.weapon is None and rule.recipient_sector is None:
            seen_catch_all.add(rule.category)


@pytest.mark.parametrize(("event", "expected"), [
    ({"event": "ASSAULT", "mode": "aerial", "weapon": "missile"}, "Shelling/artillery/missile attack"),
    ({"event": "ASSAULT", "mode": "drone", "weapon": "drone"}, "Air/drone strike"),
    ({"event": "ASSAULT", "mode": "firearms", "weapon": None, "recipient": [{"sector": "CVL"}]}, "Attack"),
    ({"event": "ASSAULT", "mode": "firearms", "weapon": None, "recipient": [{"sector": "MIL"}]}, "Armed clash"),
    ({"event": "PROTEST", "mode": "riot"}, "Violent demonstration"),
    ({"event": "RETREAT", "mode": "release"}, "Agreement"),
    ({"event": "CONSULT", "mode": "visit"}, None),
])
def test_acled_table_rows(event: dict[str, object], expected: str | None) -> None:
    rule = acled_rule(event)
    assert rule is not None and rule.sub_event_type == expected


def _cameo2plover() -> dict[str, str]:
    if not CAMEO2PLOVER.is_file():
        pytest.skip("../shared is absent: PLOVER's CAMEO2PLOVER table is not here")
    table = {}
    for line in CAMEO2PLOVER.read_text().splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            table[match.group(1)] = match.group(2)
    assert len(table) > 250
    return table


def test_cameo_codes_invert_plover_s_table_where_it_is_one_to_one() -> None:
    table = _cameo2plover()
    roots: dict[str, set[str]] = defaultdict(set)
    for code, category in table.items():
        roots[category].add(code[:2])
    assert set(roots) == set(CATEGORIES)
    for category in CATEGORIES:
        rule = cameo_rule({"event": category, "mode": None})
        assert rule is not None
        if len(roots[category]) == 1:
            assert rule.root == next(iter(roots[category])), category
        else:  # reviewed: one of the roots the table gives, and the note says so
            assert rule.root in roots[category] and rule.note.startswith("reviewed"), category
    for rule in CAMEO_RULES:  # every code chosen is one PLOVER's table sends to the same category
        assert table.get(rule.code) == rule.category, rule


def test_quad_classes() -> None:
    assert [cameo_quad_class(r) for r in ("03", "05", "06", "08", "09", "13", "14", "20")] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_docs_print_the_tables_as_they_are() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_export_docs", ROOT / "scripts" / "build_export_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs = (ROOT / "docs" / "export.md").read_text()
    assert module.render(docs) == docs, "run python scripts/build_export_docs.py"
