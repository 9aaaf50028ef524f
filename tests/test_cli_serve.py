"""`warwatch serve` as a person runs it: help, a missing store, a port in use, a real process answering on
loopback and stopping on Ctrl-C, and a token that `warwatch settings` never prints."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest

from warwatch.api import bind
from warwatch.cli import main
from warwatch.models import Article, Casualties, DateResolution, Event, Evidence, Location
from warwatch.store import Store

TEXT = "Drones struck Kyiv overnight, killing two people."


def small_store(path: Path) -> Path:
    event = Event(event_id="ev-1", article_ids=("a-1",), event="ASSAULT", mode="drone", context=(), weapon="drone",
                  actor=(), recipient=(), date=DateResolution(date(2031, 3, 4), "day", "explicit"),
                  location=Location("Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448, "city"),
                  casualties=Casualties(2, None), background=False, score=-9.0,
                  evidence=(Evidence("a-1", TEXT, 0, len(TEXT)),))
    with Store.open(path) as store:
        store.save(Article(id="a-1", text=TEXT, published=date(2031, 3, 4)), [event])
    return path


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["serve", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--store" in out and "--host" in out and "--port" in out and "WARWATCH_API_TOKEN" in out


def test_missing_store_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing.duckdb"
    assert main(["serve", "--store", str(missing)]) == 5
    err = capsys.readouterr().err
    assert f"no store at {missing}" in err and "warwatch code" in err
    assert not missing.exists()  # not created by asking


def test_port_in_use_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = small_store(tmp_path / "s.duckdb")
    taken = bind("127.0.0.1", 0)
    try:
        port = taken.getsockname()[1]
        assert main(["serve", "--store", str(store), "--port", str(port)]) == 3
    finally:
        taken.close()
    assert f"port {port} on 127.0.0.1 is in use" in capsys.readouterr().err


def test_serve_runs_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    store = small_store(tmp_path / "s.duckdb")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("WARWATCH_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "warwatch.cli", "serve", "--store", str(store), "--port", "0", "--no-access-log"],
        stderr=subprocess.PIPE, text=True, env=environ,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "serving" in line and "read-only" in line, line
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        events = httpx.get(url + "events", timeout=30).json()
        assert [e["event_id"] for e in events["events"]] == ["ev-1"]
        assert httpx.post(url + "articles", json={}, timeout=30).status_code == 403  # writes disabled
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
    with Store.open(store) as reopened:  # the lock was released
        assert reopened.count_events() == 1


def test_token_env_names_the_variable(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = small_store(tmp_path / "s.duckdb")
    monkeypatch.delenv("MY_WARWATCH_TOKEN", raising=False)
    assert main(["serve", "--store", str(store), "--token-env", "MY_WARWATCH_TOKEN"]) == 3
    assert "MY_WARWATCH_TOKEN: that environment variable is not set" in capsys.readouterr().err
    environ = {k: v for k, v in os.environ.items() if not k.startswith("WARWATCH_")}
    environ["MY_WARWATCH_TOKEN"] = "t0ken"
    process = subprocess.Popen(
        [sys.executable, "-m", "warwatch.cli", "serve", "--store", str(store), "--port", "0", "--no-access-log",
         "--token-env", "MY_WARWATCH_TOKEN"], stderr=subprocess.PIPE, text=True, env=environ)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "writes need the bearer token" in line, line
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        assert httpx.post(url + "articles", json=[], timeout=30).status_code == 401
        wrong = httpx.post(url + "articles", json=[], headers={"Authorization": "Bearer nope"}, timeout=30)
        assert wrong.status_code == 401
        right = httpx.post(url + "articles", json=[], headers={"Authorization": "Bearer t0ken"}, timeout=30)
        assert right.status_code == 422 and right.json()["error"]["field"] == "body"  # past the door: no article
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def test_settings_never_print_the_token(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARWATCH_API_TOKEN", "very-secret-value")
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert "very-secret-value" not in out and "(set)" in out


def test_show_reads_through_the_query_functions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = small_store(tmp_path / "s.duckdb")
    assert main(["show", "--store", str(store), "--country", "UKR", "--since", "2031-03-01", "--sort=-dead"]) == 0
    assert "Kyiv" in capsys.readouterr().out
    assert main(["show", "--store", str(store), "--country", "RUS"]) == 0
    assert "no events" in " ".join(capsys.readouterr().out.split())
    assert main(["show", "--store", str(store), "--sort", "title"]) == 2
    assert "--sort: unknown sort 'title'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["show", "--store", str(store), "--since", "March"])
