"""Kill and resume: `warwatch code` with a store, killed with SIGKILL half-way, then run again, ends with
the same store as one uninterrupted run: the same articles, the same events, nothing twice.

The corpus is fictional (generated below). The kill lands after a share of an uninterrupted run's time;
when it lands too early (nothing stored yet) or too late (all stored), a later or earlier share is tried.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from warwatch.store import Store

pytestmark = pytest.mark.slow

WARWATCH = Path(sys.executable).parent / "warwatch"
PLACES = ("Kharkiv", "Odesa", "Belgorod", "Kursk", "Sumy", "Dnipro", "Bryansk", "Zaporizhzhia")
ATTACKERS = {"Kharkiv": "Russian", "Odesa": "Russian", "Sumy": "Russian", "Dnipro": "Russian",
             "Zaporizhzhia": "Russian", "Belgorod": "Ukrainian", "Kursk": "Ukrainian", "Bryansk": "Ukrainian"}
WEAPONS = ("drones", "missiles", "artillery shells", "glide bombs")
NUMBERS = ("two", "three", "four", "five", "six", "seven")


def fictional_article(rng: random.Random, number: int) -> dict[str, Any]:
    """One invented report of a strike (real place names, made-up facts)."""
    place = rng.choice(PLACES)
    weapon = rng.choice(WEAPONS)
    dead, injured = rng.choice(NUMBERS), rng.choice(NUMBERS)
    day = number % 27 + 1
    sentences = [
        f"{ATTACKERS[place]} {weapon} struck {place} overnight, the regional governor said on Tuesday.",
        f"{dead.capitalize()} people were killed and {injured} were injured when a block of flats was hit.",
        f"The defence ministry said air defence units shot down {rng.randint(3, 40)} drones over the region.",
        f"Firefighters worked until morning to put out the blaze at warehouse number {number}.",
        "The foreign ministry condemned the attack and called for new sanctions.",
    ]
    rng.shuffle(sentences[2:])
    return {"id": f"fic-{number:04d}", "published": f"2024-03-{day:02d}", "title": f"Strike on {place}",
            "text": " ".join(sentences)}


def write_corpus(path: Path, n: int) -> Path:
    rng = random.Random(11)
    path.write_text("".join(json.dumps(fictional_article(rng, i)) + "\n" for i in range(n)), encoding="utf-8")
    return path


def command(corpus: Path, store: Path, out: Path) -> list[str]:
    return [str(WARWATCH), "code", str(corpus), "--store", str(store), "--output", str(out), "--no-progress",
            "--batch-size", "4"]


def contents(store_path: Path) -> dict[str, Any]:
    with Store.open(store_path) as store:
        events = store.events(limit=None, include_background=True)
        return {"articles": store.count_articles(), "events": store.count_events(),
                "event_ids": sorted(e["event_id"] for e in events)}


def run(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True, timeout=600)
    return time.perf_counter() - t0


def test_killed_run_resumes_to_the_same_store(tmp_path: Path) -> None:
    n = 160
    corpus = write_corpus(tmp_path / "corpus.jsonl", n)
    env = {**os.environ, "WARWATCH_STORE": str(tmp_path / "unused.duckdb")}
    whole = tmp_path / "whole.duckdb"
    seconds = run(command(corpus, whole, tmp_path / "whole.jsonl"), env)
    expected = contents(whole)
    assert expected["articles"] == n and expected["events"] > 0
    assert len(set(expected["event_ids"])) == len(expected["event_ids"])

    stored_before = None
    for attempt, share in enumerate((0.7, 0.85, 0.55, 0.95, 0.4)):
        store = tmp_path / f"killed-{attempt}.duckdb"
        process = subprocess.Popen(command(corpus, store, tmp_path / "killed.jsonl"), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(seconds * share)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if not store.exists():
            continue
        stored_before = contents(store)["articles"]
        if 0 < stored_before < n:
            break
    else:
        pytest.skip(f"could not kill the run half-way (last try had {stored_before} of {n} articles stored)")
    assert process.returncode == -signal.SIGKILL

    resumed = tmp_path / "resumed.jsonl"
    subprocess.run(command(corpus, store, resumed), check=True, env=env, capture_output=True, timeout=600)
    got = contents(store)
    assert got == expected, f"killed after {stored_before} of {n} articles"
    assert len(set(got["event_ids"])) == len(got["event_ids"])
    # and a third run changes nothing
    subprocess.run(command(corpus, store, resumed), check=True, env=env, capture_output=True, timeout=600)
    assert contents(store) == expected
