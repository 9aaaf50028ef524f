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
