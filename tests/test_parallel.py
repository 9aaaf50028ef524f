"""Every core: worker processes give the same output byte for byte as one process, in order, bad lines reported."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from warwatch.cli import main
from warwatch.errors import ConfigError
from warwatch.parallel import available_cores, jobs_for
from warwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


def test_jobs_default_to_every_core() -> None:
    assert Settings.load({}).n_process == 0
    assert jobs_for(Settings.load({})) == available_cores() >= 1
    assert jobs_for(Settings.load({"WARWATCH_N_PROCESS": "3"})) == 3
    assert jobs_for(Settings.load({}, n_process=1)) == 1
    with pytest.raises(ConfigError, match="at least 0"):
        Settings.load({"WARWATCH_N_PROCESS": "-1"})


def _run(src: Path, out: Path, *extra: str) -> int:
    return main(["code", str(src), "--output", str(out), "--no-progress", "--no-store", *extra])


def _workers_used(caplog: pytest.LogCaptureFixture) -> bool:
    return any("worker processes" in r.getMessage() for r in caplog.records if r.name == "warwatch.parallel")


@pytest.mark.slow
def test_examples_same_bytes_on_two_workers(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="warwatch.parallel")
    assert _run(EXAMPLES, tmp_path / "one.jsonl", "--jobs", "1") == 0
    assert not _workers_used(caplog)
    # chunks of 4 articles: 8 chunks over 2 workers, so results come back interleaved and must be put in order
    assert _run(EXAMPLES, tmp_path / "two.jsonl", "--jobs", "2", "--batch-size", "4") == 0
    assert _workers_used(caplog)
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one and one == (tmp_path / "two.jsonl").read_bytes()


@pytest.mark.slow
def test_workers_replaced_keep_order(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers replaced by fresh ones every 2 chunks each (8 chunks of 4 on 2 workers: 2 pools): the same bytes."""
    caplog.set_level(logging.INFO, logger="warwatch.parallel")
    assert _run(EXAMPLES, tmp_path / "one.jsonl", "--jobs", "1") == 0
    monkeypatch.setenv("WARWATCH_WORKER_CHUNKS", "2")
    assert _run(EXAMPLES, tmp_path / "two.jsonl", "--jobs", "2", "--batch-size", "4") == 0
    replaced = [r.getMessage() for r in caplog.records if "replacing" in r.getMessage()]
    assert replaced == ["replacing the 2 worker processes after 4 chunks"] * len(replaced) and len(replaced) >= 1
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one and one == (tmp_path / "two.jsonl").read_bytes()


@pytest.mark.parametrize("value", ["0", "500"])
def test_worker_chunks_setting(value: str) -> None:
    assert Settings.load({"WARWATCH_WORKER_CHUNKS": value}).worker_chunks == int(value)
    with pytest.raises(ConfigError, match="at least 0"):
        Settings.load({"WARWATCH_WORKER_CHUNKS": "-1"})


@pytest.mark.slow
def test_generated_stream_with_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         caplog: pytest.LogCaptureFixture) -> None:
    """90 articles (the examples three times, new ids), an irrelevant one and bad lines at known line numbers."""
    caplog.set_level(logging.INFO, logger="warwatch.parallel")
    base = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    lines: list[bytes] = []
    for copy in range(3):
        for row in base:
            lines.append(json.dumps({**row, "id": f"{row['id']}-{copy}"}).encode())
    lines.insert(4, b'{"id": "broken", "text": ')  # line 5
    lines.insert(40, b'{"id": "no-text"}')  # line 41
    lines.insert(70, json.dumps({"id": "cake", "published": "2031-03-04",
                                 "text": "The bakery on Main Street sold its last lemon cake on Sunday."}).encode())
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")

    assert _run(src, tmp_path / "one.jsonl", "--jobs", "1", "--batch-size", "8") == 0
    err_one = capsys.readouterr().err
    assert _run(src, tmp_path / "two.jsonl", "--jobs", "2", "--batch-size", "8") == 0
    err_two = capsys.readouterr().err
    assert _workers_used(caplog)
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one and one == (tmp_path / "two.jsonl").read_bytes()
    for err in (err_one, err_two):
        assert "line 5: not JSON" in err and "line 41:" in err
        assert "articles read 91" in err and "skipped 9 (irrelevant 7, no_text 1, not_json 1)" in err
    assert err_one.splitlines()[-1] == err_two.splitlines()[-1]  # the same summary
    ids = [a for line in one.decode().splitlines() for a in json.loads(line)["article_ids"]]
    assert {i.rsplit("-", 1)[1] for i in ids} == {"0", "1", "2"}


@pytest.mark.slow
def test_one_writer_stores_the_same(tmp_path: Path) -> None:
    from warwatch.query import EventFilter, find_events
    from warwatch.store import Store

    stored = []
    for jobs in ("1", "2"):
        store = tmp_path / f"w{jobs}.duckdb"
        assert main(["code", str(EXAMPLES), "--output", str(tmp_path / f"o{jobs}.jsonl"), "--store", str(store),
                     "--no-progress", "--jobs", jobs, "--batch-size", "4"]) == 0
        with Store.open(store, read_only=True) as db:
            assert db.count_articles() == 28  # the 2 the screen drops are not stored
            page = find_events(db, EventFilter(background=None), sort="event_id", limit=1000).items
            stored.append(page)
    assert stored[0] and stored[0] == stored[1]


_POOL_SCRIPT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from warwatch.parallel import exit_with_parent

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent)
    print(pool.submit(os.getpid).result(), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][:1] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    """Regression (issue 18, kill tests): `warwatch code` killed with kill -9 left its worker processes waiting on
    their call queue for ever, each holding a loaded pipeline."""
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "pool.py"
    script.write_text(_POOL_SCRIPT, encoding="utf-8")
    with subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True) as main_process:
        assert main_process.stdout is not None
        worker = int(main_process.stdout.readline())
        try:
            assert _alive(worker)
            main_process.send_signal(signal.SIGKILL)
            main_process.wait(timeout=30)
            deadline = time.monotonic() + 20
            while _alive(worker) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not _alive(worker)
        finally:
            if _alive(worker):
                os.kill(worker, signal.SIGKILL)
