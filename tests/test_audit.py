"""The test suite holds no text of the shared evaluation and development data (scripts/audit_tests.py).

A test that codes a shared sentence, or the same sentence with other names, cannot show that the coder
generalises. The audit reads ../shared at run time and fails on any copied run, swapped-noun or paraphrase.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_tests", ROOT / "scripts" / "audit_tests.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit_tests"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_checks_find_what_they_look_for() -> None:
    audit = load_audit()
    strings = [audit.TestString("t.py", 1, "The Zorvan militia said on Monday that it would free every hostage"),
               audit.TestString("t.py", 2, "A short line with nothing in common")]
    shared = [("demo", "Officials confirmed the Kelt militia said on Monday that it would free every hostage.")]
    runs = audit.shared_runs(strings, shared)
    assert [(f.line, f.kind, f.set) for f in runs] == [(1, "shared run", "demo")]
    assert runs[0].size >= 8
    assert runs[0].digest != shared[0][1][:10]  # a hash, never the shared text
    shelled = "Officials in Brask said the Norl army had shelled two of their villages."
    index = audit.ShapeIndex().build([("demo", shelled)])
    swapped = [audit.TestString("t.py", 3, "Officials in Vell said the Quarn army had shelled two of their villages.")]
    assert [f.kind for f in audit.swapped_nouns(swapped, index)] == ["nouns swapped"]
    other = [audit.TestString("t.py", 4, "A ferry from the islands docked late because of a storm in the strait.")]
    assert audit.swapped_nouns(other, index) == []


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared is absent: no shared texts to audit against")
def test_no_test_string_overlaps_the_shared_data() -> None:
    audit = load_audit()
    findings = audit.audit(ROOT / "tests", SHARED)
    listed = "\n".join(f"{f.path}:{f.line} {f.kind} {f.size} {f.set} #{f.digest}" for f in findings)
    assert not findings, f"test strings overlap ../shared/data (replace them with your own sentences):\n{listed}"
