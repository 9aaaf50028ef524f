"""Issue 18, the checks that code articles: no event lost to a kill, interrupted runs keep what they coded,
watch reads local feeds and says why a feed failed, the same id twice keeps evidence offsets right.

The kill tests (real processes, SIGKILL at random moments, then a re-run, and the store must equal one
uninterrupted run's) are tests/test_kill.py, a small version of bench/kill.py.
"""

from __future__ import annotations

import functools
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_resume import fictional_article, write_corpus

from warwatch.cli import EXIT_INTERRUPTED, EXIT_NOTHING_READ, EXIT_OUTPUT, main
from warwatch.store import Store

pytestmark = pytest.mark.slow

WARWATCH = Path(sys.executable).parent / "warwatch"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        return


def _page(article: dict[str, Any]) -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in article["text"].split(". "))
    return (f"<html><head><title>{article['title']}</title><meta property='article:published_time' "
            f"content='{article['published']}T08:00:00+00:00'></head><body><article><h1>{article['title']}</h1>"
            f"{paragraphs}</article></body></html>")


def _feed(base: str, articles: list[dict[str, Any]]) -> str:
    """An RSS feed linking to each article's page: ``base/<id>.html``, or ``<id>.html`` when base is empty."""
    prefix = f"{base}/" if base else ""
    items = "".join(f"<item><title>{a['title']}</title><link>{prefix}{a['id']}.html</link><guid>{a['id']}</guid>"
                    f"<pubDate>Tue, {a['published'][8:]} Mar 2024 08:00:00 +0000</pubDate></item>" for a in articles)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Fictional wire</title>{items}</channel></rss>"


def _newsroom(root: Path, base: str, n: int) -> list[dict[str, Any]]:
    rng = random.Random(5)
    articles = [fictional_article(rng, i) for i in range(n)]
    root.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (root / f"{article['id']}.html").write_text(_page(article), encoding="utf-8")
    (root / "feed.xml").write_text(_feed(base, articles), encoding="utf-8")
    return articles


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "site"
    root.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


def snapshot(path: Path) -> dict[str, Any]:
    """Articles, events (each with its record) and what is left pending: what two stores must share."""
    with Store.open(path) as store:
        events = store.events(limit=None, include_background=True)
        pending = store.pending_reports()
        return {"articles": store.count_articles(), "event_ids": sorted(e["event_id"] for e in events),
                "records": sorted(json.dumps(e, sort_keys=True) for e in events), "pending": len(pending)}


# -- 2. no events lost ------------------------------------------------------------------------------------------


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler catches it."""


def test_crash_between_saving_an_article_and_merging_its_events_loses_nothing(
        server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The defect: watch saved the article, died before the merge, and on restart the article was 'already
    stored', so its events were never merged."""
    base, root = server
    _newsroom(root, base, 3)
    args = ["watch", f"{base}/feed.xml", "--every", "0s", "--rounds", "1", "--no-progress"]
    whole = tmp_path / "whole.duckdb"
    assert main([*args, "--store", str(whole), "--state", str(tmp_path / "whole.sqlite")]) == 0
    expected = snapshot(whole)
    assert expected["articles"] == 3 and expected["event_ids"]

    store = tmp_path / "crashed.duckdb"
    state = tmp_path / "crashed.sqlite"
    real = Store.save_merged
    calls = {"n": 0}

    def crash_on_second(self: Store, *a: Any, **k: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise _Killed
        return real(self, *a, **k)

    monkeypatch.setattr(Store, "save_merged", crash_on_second)
    with pytest.raises(_Killed):
        main([*args, "--store", str(store), "--state", str(state)])
    monkeypatch.setattr(Store, "save_merged", real)
    # the second batch (its article and the merge of its events) is one transaction: rolled back whole
    assert snapshot(store)["articles"] == 1 and snapshot(store)["pending"] == 0
    assert main([*args, "--store", str(store), "--state", str(state)]) == 0
    assert snapshot(store) == expected


def _timed(command: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True, timeout=600)
    return time.perf_counter() - t0


# The kill tests of `code` and `watch` (SIGKILL at random moments, then a re-run) are tests/test_kill.py.


def test_interrupted_code_writes_what_it_coded_and_a_rerun_completes(tmp_path: Path) -> None:
    """SIGTERM half-way: exit 130, the events of the articles coded so far written and stored (merged, nothing
    left pending), and a re-run completes the store. Before issue 18, SIGTERM ended the run with no output and
    the stored articles had no events."""
    corpus = write_corpus(tmp_path / "corpus.jsonl", 120)
    env = {**os.environ, "WARWATCH_STORE": str(tmp_path / "unused.duckdb")}

    def command(name: str) -> list[str]:
        return [str(WARWATCH), "code", str(corpus), "--store", str(tmp_path / f"{name}.duckdb"), "--output",
                str(tmp_path / f"{name}.jsonl"), "--no-progress", "--batch-size", "4"]

    seconds = _timed(command("whole"), env)
    expected = snapshot(tmp_path / "whole.duckdb")
    for share in (0.7, 0.5, 0.85):
        store, out = tmp_path / "cut.duckdb", tmp_path / "cut.jsonl"
        store.unlink(missing_ok=True)
        process = subprocess.Popen(command("cut"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True)
        time.sleep(seconds * share)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=300)
        if process.returncode != 0:  # 0: the run ended before the signal came; try earlier
            break
    assert process.returncode == EXIT_INTERRUPTED, err
    assert "interrupted" in err and "Traceback" not in err
    partial = snapshot(store)
    assert partial["pending"] == 0
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    if partial["articles"]:
        assert written  # the events of the articles coded before the signal
        assert {e["event_id"] for e in written} <= set(partial["event_ids"])
    subprocess.run(command("cut"), check=True, env=env, capture_output=True, timeout=600)
    done = snapshot(store)
    # nothing lost: every article stored, every report merged into an event, nothing left pending. (The
    # clusters may differ from one uninterrupted run's: the events merged before the signal keep their ids,
    # as events stored by any earlier run do.)
    assert done["articles"] == expected["articles"] and done["pending"] == 0
    assert _sources(store) == _sources(tmp_path / "whole.duckdb")


def _sources(path: Path) -> set[str]:
    with Store.open(path) as store:
        return {a for e in store.events(limit=None, include_background=True) for a in e["article_ids"]}


# -- 4. output errors --------------------------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_disk_is_an_output_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 2)
    result = subprocess.run([str(WARWATCH), "code", str(corpus), "--no-store", "--no-progress", "-o", "/dev/full"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == EXIT_OUTPUT, result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr


# -- 6. the same id twice ----------------------------------------------------------------------------------------


def test_same_id_twice_in_one_run_keeps_evidence_offsets_on_the_stored_text(tmp_path: Path) -> None:
    rng = random.Random(3)
    first, second = fictional_article(rng, 1), fictional_article(rng, 2)
    second = {**second, "id": first["id"]}
    corpus = tmp_path / "twice.jsonl"
    corpus.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    store = tmp_path / "s.duckdb"
    assert main(["code", str(corpus), "--store", str(store), "--no-progress", "-o", str(tmp_path / "o.jsonl")]) == 0
    with Store.open(store) as db:
        [text] = [r[0] for r in db.fetch("SELECT text FROM articles")]
        events = db.events(limit=None, include_background=True)
    assert text == second["text"] and events
    for event in events:
        for evidence in event["evidence"]:
            assert text[evidence["start"]:evidence["end"]] == evidence["text"]


# -- 7. watch ------------------------------------------------------------------------------------------------------


def test_watch_reads_local_feed_files_and_file_urls(tmp_path: Path) -> None:
    root = tmp_path / "site"
    articles = _newsroom(root, "", 2)  # a saved site: links relative to the feed file
    for feed in (str(root / "feed.xml"), (root / "feed.xml").resolve().as_uri()):
        store = tmp_path / f"{len(feed)}.duckdb"
        assert main(["watch", feed, "--rounds", "1", "--every", "0s", "--store", str(store),
                     "--state", str(tmp_path / f"{len(feed)}.sqlite")]) == 0
        assert snapshot(store)["articles"] == len(articles)


def test_watch_every_feed_failing_exits_non_zero_and_says_why(tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = main(["watch", f"http://127.0.0.1:{port}/feed.xml", "--rounds", "1", "--every", "0s", "--timeout", "2",
                 "--store", str(tmp_path / "s.duckdb"), "--state", str(tmp_path / "s.sqlite")])
    assert code == EXIT_NOTHING_READ
    assert "refused" in caplog.text and "disallowed" not in caplog.text


def test_watch_no_store_writes_no_store(server: tuple[str, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    base, root = server
    _newsroom(root, base, 1)
    store = tmp_path / "never.duckdb"
    assert main(["watch", f"{base}/feed.xml", "--rounds", "1", "--every", "0s", "--no-store", "--store", str(store),
                 "--state", str(tmp_path / "s.sqlite")]) == 0
    assert not store.exists()
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events and all(e["evidence"] for e in events)


# -- 8. the default store ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("loaded")
def test_default_store_is_announced_and_a_second_run_says_it_merges(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18, defect 8: `warwatch code` created ./warwatch.duckdb silently and later runs merged into it, so the
    same command printed other events the second time without saying why."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARWATCH_STORE", raising=False)
    corpus = write_corpus(tmp_path / "corpus.jsonl", 2)
    assert main(["code", str(corpus), "--no-progress", "--jobs", "1", "-o", "first.jsonl"]) == 0
    first = capsys.readouterr().err
    assert (tmp_path / "warwatch.duckdb").is_file()
    assert "store warwatch.duckdb: new (--no-store codes without one)" in first
    assert main(["code", str(corpus), "--no-progress", "--jobs", "1", "-o", "second.jsonl"]) == 0
    second = capsys.readouterr().err
    assert "holds 2 articles; this run's events are merged with its events" in second
    assert "already stored 2" in second
