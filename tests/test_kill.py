"""Kill tests (issue 18), the small version of ``bench/kill.py`` (20 kills per command, figures in the README).

Each test kills a real `warwatch code --store` or `warwatch watch` process with SIGKILL at random moments of its
working phase, three times on one store, then runs the same command to completion: the store must equal one
uninterrupted run's, article for article and event for event, with nothing left pending, and no process of a
killed run may be left running. The uninterrupted run and the completing run are made in this process with the
session's loaded resources (the same ``main``), so that only the killed runs pay for loading spaCy.
``WARWATCH_KILLS`` sets the kills per test (default 3).
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from warwatch.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
KILLS = int(os.environ.get("WARWATCH_KILLS", "3"))

sys.path.insert(0, str(ROOT / "bench"))
try:
    import kill  # bench/kill.py
finally:
    sys.path.remove(str(ROOT / "bench"))


def _kill_three_times(command: kill.Command, store: Path, working_s: float, seed: int) -> list[bool]:
    rng = random.Random(seed)
    completed = []
    for _ in range(KILLS):
        _, finished, survivors = kill.kill_once(command, store, command.kill_after(rng, working_s))
        assert survivors == 0, "a killed run left processes running"
        completed.append(finished)
    return completed


@pytest.mark.usefixtures("loaded")
def test_code_killed_at_random_moments_resumes_to_the_same_store(tmp_path: Path) -> None:
    corpus = kill.write_corpus(tmp_path / "corpus.jsonl", kill.fictional_articles(16, seed=5))
    command = kill.code_command(tmp_path, corpus, jobs=1)
    _killed_runs_end_as_one_whole_run(command, tmp_path, articles=16, seed=18)


@pytest.fixture()
def feed_server(tmp_path: Path) -> Iterator[kill.FeedServer]:
    with kill.FeedServer(tmp_path / "site", kill.fictional_articles(4, seed=7)) as server:
        yield server


@pytest.mark.usefixtures("loaded")
def test_watch_killed_at_random_moments_resumes_to_the_same_store(tmp_path: Path,
                                                                  feed_server: kill.FeedServer) -> None:
    command = kill.watch_command(tmp_path, feed_server, items=4)
    _killed_runs_end_as_one_whole_run(command, tmp_path, articles=4, seed=19)


def _killed_runs_end_as_one_whole_run(command: kill.Command, tmp_path: Path, articles: int, seed: int) -> None:
    """One uninterrupted run, then three killed runs and a completing one into another store: the same store."""

    def args(store: Path) -> list[str]:
        return command.argv(store)[1:]  # without the program: ``main`` takes the arguments

    whole = tmp_path / "whole.duckdb"
    t0 = time.monotonic()
    assert main(args(whole)) == 0
    working = time.monotonic() - t0
    expected = kill.snapshot(whole)
    assert len(expected["articles"]) == articles and expected["events"]

    store = tmp_path / "killed.duckdb"
    completed = _kill_three_times(command, store, working, seed=seed)
    assert not all(completed), "every run completed before its kill"
    assert main(args(store)) == 0
    assert kill.differences(expected, kill.snapshot(store)) == []
