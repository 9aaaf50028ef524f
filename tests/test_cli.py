"""End to end through the CLI: the batch contract, bad input, exit codes, the store, no invented dates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from warwatch.cli import main

# Plainly fictional, modelled on a typical night of strikes; no publication date, so every date is null.
CAPITALS_NO_DATE = {
    "id": "fic-capitals",
    "title": "Two capitals struck overnight (fictional)",
    "text": (
        "Drones struck two apartment blocks in Moscow, injuring two people, the mayor said. "
        "Kyiv was hit from the air for the third time in 24 hours, killing four people and wounding 34 others, "
        "including two children, officials said. "
        "Earlier this month two drones exploded over the Kremlin, the presidential palace."
    ),
}


def _jsonl(path: Path, rows: list[dict[str, object] | bytes]) -> Path:
    with open(path, "wb") as handle:
        for row in rows:
            handle.write(row if isinstance(row, bytes) else json.dumps(row).encode())
            handle.write(b"\n")
    return path


def _events(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _code(tmp_path: Path, rows: list[dict[str, object] | bytes], *extra: str) -> tuple[int, list[dict]]:
    src = _jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    code = main(["code", str(src), "--output", str(out), "--no-progress", "--no-store", *extra])
    return code, _events(out) if out.exists() else []


def test_capitals_without_publication_date(tmp_path: Path) -> None:
    code, events = _code(tmp_path, [CAPITALS_NO_DATE])
    assert code == 0
    assert events and all(e["date"] is None for e in events)
    news = [e for e in events if not e["background"]]
    by_place = {e["location"]["name"]: e for e in news if e["location"]}
    assert set(by_place) >= {"Moscow", "Kyiv"}
    assert by_place["Moscow"]["injured"] == 2 and by_place["Moscow"]["weapon"] == "drone"
    assert (by_place["Kyiv"]["dead"], by_place["Kyiv"]["injured"]) == (4, 34)
    kremlin = [e for e in events if any("Kremlin" in ev["text"] for ev in e["evidence"])]
    assert kremlin and all(e["background"] for e in kremlin)
    text = CAPITALS_NO_DATE["text"]
    for event in events:
        for ev in event["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_bad_lines_are_reported_and_good_ones_coded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = {"id": "ok-1", "published": "2024-03-05",
            "text": "Russian drones hit Odesa overnight, injuring three people."}
    rows: list[dict[str, object] | bytes] = [
        b'{"id": "broken", "text": ',
        {"id": "no-text"},
        b'{"id": "latin1", "text": "caf\xe9"}',
        good,
        {"id": "ok-2", "published": "2024-03-05", "text": "Ukrainian drones struck a refinery in Syzran on Monday."},
    ]
    code, events = _code(tmp_path, rows)
    err = capsys.readouterr().err
    assert code == 0
    assert "line 1: not JSON" in err and "line 2:" in err and "line 3: not valid UTF-8" in err
    assert "articles read 2" in err and "skipped 3" in err
    assert {a for e in events for a in e["article_ids"]} == {"ok-1", "ok-2"}


def test_empty_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, events = _code(tmp_path, [])
    assert code == 1 and events == []
    assert "articles read 0" in capsys.readouterr().err


def test_missing_file_exits_5(tmp_path: Path) -> None:
    assert main(["code", str(tmp_path / "nope.jsonl"), "--no-store", "--no-progress"]) == 5


def test_huge_article_is_cut_not_lost(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    filler = "The committee discussed the budget for the coming year at length. " * 80_000  # ~5 MB
    big = {"id": "big", "published": "2024-03-05",
           "text": "Russian missiles hit Kharkiv on Monday, killing two. " + filler}
    small = {"id": "small", "published": "2024-03-05", "text": "Drones struck Belgorod overnight."}
    code, events = _code(tmp_path, [big, small])
    assert code == 0
    assert {"big", "small"} <= {a for e in events for a in e["article_ids"]}
    assert "truncated 1" in capsys.readouterr().err


def test_store_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [CAPITALS_NO_DATE])
    store = tmp_path / "w.duckdb"
    args = ["code", str(src), "--output", str(tmp_path / "o.jsonl"), "--store", str(store), "--no-progress"]
    assert main(args) == 0
    assert "stored 1, already stored 0" in capsys.readouterr().err
    assert main(args) == 0
    assert "stored 0, already stored 1" in capsys.readouterr().err
    from warwatch.store import Store

    with Store.open(store) as db:
        assert db.count_articles() == 1


def test_real_cli_process_writes_stdout(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [CAPITALS_NO_DATE])
    warwatch = Path(sys.executable).parent / "warwatch"
    done = subprocess.run([str(warwatch), "code", str(src), "--output", "-", "--no-store"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines and all(line["evidence"] for line in lines)
    assert "events written" in done.stderr


def test_help_everywhere() -> None:
    for argv in (["--help"], ["code", "--help"], ["geoparse", "--help"], ["explain", "--help"], ["show", "--help"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0


def test_geoparse_contract(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [CAPITALS_NO_DATE, {"id": "none", "text": "Nothing to see here."}])
    out = tmp_path / "places.jsonl"
    assert main(["geoparse", str(src), "--output", str(out), "--no-progress"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = CAPITALS_NO_DATE["text"]
    assert rows and all(r["article_id"] == "fic-capitals" for r in rows)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    names = {r["name"] for r in rows}
    assert {"Moscow", "Kyiv"} <= names


def test_explain_gives_a_reason_for_every_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [CAPITALS_NO_DATE])
    assert main(["explain", str(src), "--id", "fic-capitals", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "ASSAULT" in out and "background" in out


def test_code_takes_an_html_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Drones hit Odesa (fictional)</title>"
        '<meta property="article:published_time" content="2031-03-05T08:00:00+02:00"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><h1>Drones hit Odesa (fictional)</h1>"
        "<p>Russian drones struck the port of Odesa overnight, injuring three people, the regional governor said "
        "on Wednesday. Air defences shot down 12 of 15 drones over the region.</p>"
        "<p>A warehouse and two cranes were damaged in the attack, officials said in a statement.</p></article>"
        "<footer>Top of page | Cookie settings</footer></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "events.jsonl"
    assert main(["code", str(page), "--output", str(out), "--no-store", "--no-progress"]) == 0
    events = _events(out)
    assert any(e["event"] == "ASSAULT" and (e["location"] or {}).get("name") == "Odesa" for e in events)
