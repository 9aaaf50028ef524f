"""Generated artifacts: the committed copies match what their scripts build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_actor_dictionary_is_up_to_date() -> None:
    pytest.importorskip("countryinfo")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_actors.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


LEXICONS = ROOT.parent / "shared" / "data" / "lexicons" / "petrarch2_Phoenix.agents.txt"


@pytest.mark.skipif(not LEXICONS.exists(), reason="the PETRARCH2 lexicons (../shared/data/lexicons) are not here")
def test_agent_dictionary_is_up_to_date() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_agents.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_agent_dictionary_rows_name_their_source() -> None:
    import json

    rows = json.loads((ROOT / "src" / "warwatch" / "data" / "agents.json").read_text(encoding="utf-8"))
    assert len(rows) > 1000
    assert all(r["source"].startswith(("petrarch2_Phoenix.agents.txt:", "review (")) for r in rows)
    by_phrase = {r["phrase"]: r["sector"] for r in rows}
    # reviewed: a spokesman speaks for a government (Phoenix: MED); a bare ministry is GOV, a defence one MIL
    assert (by_phrase["spokesman"], by_phrase["ministry"], by_phrase["defence ministry"]) == ("GOV", "GOV", "MIL")
    assert "cabinetmaker" not in by_phrase and "people" not in by_phrase


PHOENIX = ROOT.parent / "shared" / "data" / "lexicons" / "petrarch2_Phoenix.Countries.actors.txt"


@pytest.mark.skipif(not PHOENIX.exists(), reason="the PETRARCH2 lexicons (../shared/data/lexicons) are not here")
def test_phoenix_actor_dictionary_is_up_to_date() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_phoenix_actors.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
