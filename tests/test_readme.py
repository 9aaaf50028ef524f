"""The README's worked example is real output: its events, field by field, and its summary line are what
``warwatch code examples/readme_example.jsonl`` writes at this commit (a change of behaviour must update it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from warwatch.cli import main

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "$ warwatch code examples/readme_example.jsonl --output events.jsonl --no-store"


def _readme_example() -> tuple[str, list[dict]]:
    """The summary line under the README's example command and the events of its JSON block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    at = text.index(COMMAND)
    summary = text[at:].splitlines()[1]
    block = text[text.index("```json", at):]
    block = block[:block.index("\n```", 7)]
    events = [json.loads(line) for line in block.splitlines() if line.startswith("{")]
    return summary, events


@pytest.mark.slow
def test_the_readme_worked_example_is_what_the_coder_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary, shown = _readme_example()
    out = tmp_path / "events.jsonl"
    assert main(["code", str(ROOT / "examples" / "readme_example.jsonl"), "--output", str(out), "--no-store",
                 "--no-progress"]) == 0
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(written) == len(shown)
    for readme_event, event in zip(shown, written, strict=True):
        assert {k: event.get(k) for k in readme_event} == readme_event
    counts = re.search(r"events written \d+ \(\d+ background\)", capsys.readouterr().err)
    assert counts is not None and counts.group(0) in summary
