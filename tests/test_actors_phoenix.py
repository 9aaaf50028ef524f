"""Actors from PETRARCH2's Phoenix dictionaries: the build rules (on a small made-up source file) and the date
of a role (an office holder counts for a country only while in office)."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

from warwatch.coding.actors import ActorLexicon

ROOT = Path(__file__).resolve().parents[1]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_phoenix_actors", ROOT / "scripts" / "build_phoenix_actors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_phoenix_actors"] = module
    spec.loader.exec_module(module)
    return module


# A made-up dictionary in the Phoenix format: people of two invented careers, an invented group, a country block.
_SOURCE = """\
# made-up entries for the tests
RURITANIA_  [RUR]
+RURITANIAN_
+ZENDA_
ODO_VELMAR_  # a made-up president, later at the UN
+PRESIDENT_ODO_VELMAR_
\t[RURGOV 080101-151231]
\t[IGOUNO >160101]
\t[RURELI]
BRISK_TALLOW_  # a made-up minister, out of office long ago
\t[RURGOV 880101-921231]
\t[RURELI]
"""
_GROUPS = """\
FRONT_FOR_THE_FREE_MARSHES_ [RURREB] # made-up group
+FFM_MARSH_BRIGADES_
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    builder = _builder()
    folder = tmp_path_factory.mktemp("lexicons")
    (folder / "petrarch2_Phoenix.Countries.actors.txt").write_text(_SOURCE, encoding="utf-8")
    (folder / "petrarch2_Phoenix.International.actors.txt").write_text("", encoding="utf-8")
    (folder / "petrarch2_Phoenix.MilNonState.actors.txt").write_text(_GROUPS, encoding="utf-8")
    rows = json.loads(builder.build(folder))
    return {r["phrase"]: r for r in rows}


def test_build_keeps_current_roles_with_their_dates(built: dict[str, dict[str, object]]) -> None:
    assert built["odo velmar"]["roles"] == [["RUR", "GOV", "2008-01-01", "2015-12-31"],
                                            ["UN", "IGO", "2016-01-01", None]]
    assert built["odo velmar"]["code"] == "UN" and built["odo velmar"]["case"] == "capital"


@pytest.mark.parametrize(
    ("phrase", "why"),
    [("brisk tallow", "every dated role ended before 2014"),
     ("president odo velmar", "a titled variant of a name listed on its own"),
     ("ruritania", "the country block: its names and places are no actor"),
     ("zenda", "a place in the country block"),
     ("front for the free marshes", "made only of common English words")],
)
def test_build_leaves_out(built: dict[str, dict[str, object]], phrase: str, why: str) -> None:
    assert phrase not in built, why


def test_build_codes_groups_by_country(built: dict[str, dict[str, object]]) -> None:
    assert (built["ffm marsh brigades"]["code"], built["ffm marsh brigades"]["kind"]) == ("RUR", "group")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6-digit", date(2008, 1, 1)), ("19240101", date(1924, 1, 1)), ("991231", date(1999, 12, 31))],
)
def test_parse_date(text: str, expected: date) -> None:
    digits = {"6-digit": "080101"}.get(text, text)
    assert _builder().parse_date(digits) == expected


_ROWS = [
    {"phrase": "odo velmar", "code": "UN", "sector": "IGO", "kind": "person", "case": "capital",
     "roles": [["RUR", "GOV", "2008-01-01", "2015-12-31"], ["UN", "IGO", "2016-01-01", None]]},
    {"phrase": "ilsa morn", "code": "RUR", "sector": "GOV", "kind": "person", "case": "capital",
     "roles": [["RUR", "GOV", "2014-03-01", "2019-06-30"]]},
]


@pytest.mark.parametrize(
    ("text", "on", "codes"),
    [
        ("Odo Velmar spoke.", date(2012, 5, 1), ["RUR"]),  # president then
        ("Odo Velmar spoke.", date(2021, 5, 1), ["UN"]),  # at the UN then
        ("Odo Velmar spoke.", None, ["UN"]),  # no date: the latest role
        ("Ilsa Morn spoke.", date(2016, 1, 1), ["RUR"]),
        ("Ilsa Morn spoke.", date(2023, 1, 1), []),  # out of office: no longer the country's actor
        ("odo velmar spoke.", None, []),  # a name is matched only when capitalised
    ],
)
def test_role_of_the_day(nlp: Language, text: str, on: date | None, codes: list[str]) -> None:
    lexicon = ActorLexicon(nlp.vocab, _ROWS)
    assert [m.code for m in lexicon.find(nlp(text), on)] == codes


@pytest.fixture(scope="module")
def lexicon(nlp: Language) -> ActorLexicon:
    return ActorLexicon.load(nlp.vocab)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Boko Haram fighters raided the market.", ["NGA"]),
        ("A FARC unit laid down its weapons.", ["COL"]),
        ("The Revolutionary Guard fired a salvo.", ["IRN"]),
        ("Daesh claimed the bombing.", ["ISIS"]),
        ("Riek Machar returned to the capital.", ["SSD"]),
        ("A tiger and some mavericks.", []),  # words, not the groups the source names so
    ],
)
def test_phoenix_entries_in_the_dictionary(nlp: Language, lexicon: ActorLexicon, text: str, codes: list[str]) -> None:
    assert [m.code for m in lexicon.find(nlp(text))] == codes


@pytest.mark.parametrize(
    ("text", "on", "codes"),
    [
        ("Ahmed al-Sharaa spoke in the capital.", date(2023, 6, 1), ["HTS"]),  # the rebel commander then
        ("Ahmed al-Sharaa spoke in the capital.", date(2025, 6, 1), ["SYR"]),  # the head of state then
        ("Ahmed al-Sharaa spoke in the capital.", None, ["SYR"]),
        ("Kiir and Machar met again.", None, ["SSD", "SSD"]),
        ("Abu Mohammad al-Julani spoke.", date(2023, 6, 1), ["HTS"]),  # the spelling the sources use
        ("Abu Mohammad al-Julani spoke.", date(2025, 6, 1), ["SYR"]),
    ],
)
def test_recent_roles(nlp: Language, lexicon: ActorLexicon, text: str, on: date | None, codes: list[str]) -> None:
    assert [m.code for m in lexicon.find(nlp(text), on)] == codes


@pytest.mark.parametrize(
    ("on", "sector"),
    [(date(2012, 6, 1), "GOV"), (date(2017, 6, 1), "REB"), (date(2021, 6, 1), "GOV"), (None, "GOV")],
)
def test_recent_roles_change_sector(nlp: Language, lexicon: ActorLexicon, on: date | None, sector: str) -> None:
    """Machar: vice president, sacked in 2013 and a rebel leader until sworn in again in February 2020."""
    [found] = lexicon.find(nlp("Machar spoke."), on)
    assert (found.code, found.sector) == ("SSD", sector)


def test_recent_roles_name_their_source() -> None:
    lines = [line for line in (ROOT / "src" / "warwatch" / "data" / "actors_recent.tsv").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) > 20
    assert all(len(line.split("\t")) == 7 and line.split("\t")[6].startswith("http") for line in lines)


@pytest.mark.parametrize(
    ("code", "state"),
    [("UKR", True), ("IGO", False), ("NGO", False), ("IMG", False), ("UN", False), ("HAMAS", False)],
)
def test_state_codes(code: str, state: bool) -> None:
    from warwatch.coding.actors import is_state_code

    assert is_state_code(code) is state
