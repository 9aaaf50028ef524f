"""Issue 18: never destroy a file, never crash on input, clear messages and exit codes (the fast checks: none of
these loads the spaCy pipeline; tests/test_reliability_runs.py holds the ones that code articles)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from warwatch.cli import EXIT_CONFIG, EXIT_NOTHING_READ, EXIT_STORE, EXIT_USAGE, main
from warwatch.ingest import Skipped, read_inputs, read_jsonl
from warwatch.ingest.sources import sniff_format
from warwatch.models import Article

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = {"id": "fic-1", "published": "2031-03-04", "text": "Russian drones struck Sumy overnight, injuring four."}
CSV = "id,text\nfic-1,Russian drones struck Sumy\n"


def _jsonl(path: Path, *rows: object) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# -- 1. files destroyed -------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [CSV, '{"not": "a gazetteer"}\n', "SQLite format 3\x00 but no meta table"])
def test_gazetteer_build_refuses_to_replace_another_file(tmp_path: Path, content: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "places.csv"
    target.write_text(content, encoding="utf-8")
    assert main(["gazetteer", "build", "--path", str(target)]) == EXIT_CONFIG
    assert target.read_text(encoding="utf-8") == content
    assert "not a warwatch gazetteer" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.csv"]  # no temporary file


def test_gazetteer_flag_of_a_run_never_replaces_another_file(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "notes.csv"
    target.write_text(CSV, encoding="utf-8")
    articles = _jsonl(tmp_path / "a.jsonl", ARTICLE)
    code = main(["code", str(articles), "--no-store", "--no-progress", "--gazetteer", str(target),
                 "-o", str(tmp_path / "out.jsonl")])
    assert code == EXIT_CONFIG
    assert target.read_text(encoding="utf-8") == CSV
    assert "not a warwatch gazetteer" in capsys.readouterr().err


def test_gazetteer_build_into_a_directory_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "gaz"
    folder.mkdir()
    assert main(["gazetteer", "build", "--path", str(folder)]) == EXIT_CONFIG
    assert "is a directory" in capsys.readouterr().err
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["gaz"]


@pytest.mark.parametrize("command", ["code", "geoparse"])
def test_output_naming_the_input_is_refused_before_reading(tmp_path: Path, command: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    articles = _jsonl(tmp_path / "a.jsonl", ARTICLE)
    before = articles.read_bytes()
    assert main([command, str(articles), "--no-progress", "-o", str(articles)]
                + (["--no-store"] if command == "code" else [])) == EXIT_USAGE
    assert articles.read_bytes() == before
    assert "is the input file" in capsys.readouterr().err


def test_output_inside_a_directory_input_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    articles = _jsonl(folder / "a.jsonl", ARTICLE)
    before = articles.read_bytes()
    assert main(["code", str(folder), "--no-store", "--no-progress", "-o", str(articles)]) == EXIT_USAGE
    assert articles.read_bytes() == before


def test_output_that_is_a_directory_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles = _jsonl(tmp_path / "a.jsonl", ARTICLE)
    assert main(["code", str(articles), "--no-store", "--no-progress", "-o", str(tmp_path)]) == EXIT_USAGE
    assert "is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "content"), [("events.csv", CSV), ("events.json", json.dumps([ARTICLE]))])
def test_store_that_is_not_duckdb_is_a_store_error(tmp_path: Path, name: str, content: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / name
    store.write_text(content, encoding="utf-8")
    articles = _jsonl(tmp_path / "a.jsonl", ARTICLE)
    code = main(["code", str(articles), "--store", str(store), "--no-progress", "-o", str(tmp_path / "o.jsonl")])
    assert code == EXIT_STORE
    assert store.read_text(encoding="utf-8") == content
    assert "not a DuckDB database" in capsys.readouterr().err
    assert main(["show", "--store", str(store)]) == EXIT_STORE


def test_watch_state_directory_and_missing_feed_are_usage_errors(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss version='2.0'><channel></channel></rss>", encoding="utf-8")
    common = ["--rounds", "1", "--no-store"]
    assert main(["watch", str(feed), "--state", str(tmp_path), *common]) == EXIT_USAGE
    assert "--state" in capsys.readouterr().err
    assert main(["watch", str(tmp_path / "missing.xml"), "--state", str(tmp_path / "s.sqlite"), *common]) == EXIT_USAGE
    assert "no such feed file" in capsys.readouterr().err
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    assert main(["watch", str(feed), "--state", str(notes), *common]) == EXIT_USAGE
    assert notes.read_text(encoding="utf-8") == "my notes\n"


# -- 4 and 6. input: no traceback, every bad item located, good items read -----------------------------------


def test_deeply_nested_json_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n" + json.dumps(ARTICLE).encode() + b"\n"
                     + b'{"id": "deep", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}\n")
    items = list(read_jsonl(path))
    assert [type(i).__name__ for i in items] == ["Skipped", "Article", "Skipped"]
    assert items[0].location == f"{path} line 1" and items[0].reason == "too_deep"  # type: ignore[union-attr]
    assert items[2].location == f"{path} line 3"  # type: ignore[union-attr]


def test_utf8_byte_order_mark_keeps_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    second = json.dumps({**ARTICLE, "id": "2"}).encode()
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(ARTICLE).encode() + b"\n" + second)
    items = list(read_jsonl(path))
    assert [i.id for i in items if isinstance(i, Article)] == ["fic-1", "2"]
    assert [i.id for i in read_inputs([str(path)]) if isinstance(i, Article)] == ["fic-1", "2"]


@pytest.mark.parametrize("suffix", [".json", ".txt", ""])
def test_json_array_file_is_read_as_articles(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"articles{suffix}"
    path.write_text(json.dumps([ARTICLE, {"id": "no-text"}, {**ARTICLE, "id": "fic-2"}], indent=2), encoding="utf-8")
    assert sniff_format(path) == "json"
    items = list(read_inputs([str(path)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["fic-1", "fic-2"]
    [bad] = [i for i in items if isinstance(i, Skipped)]
    assert bad.location == f"{path} item 2" and bad.reason == "no_text"


def test_json_array_on_one_jsonl_line_is_read_as_articles(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps([ARTICLE, {**ARTICLE, "id": "fic-2"}]) + "\n", encoding="utf-8")
    assert [i.id for i in read_jsonl(path) if isinstance(i, Article)] == ["fic-1", "fic-2"]


def test_text_starting_with_a_bracket_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("[Reuters] Russian drones struck Sumy overnight.\n", encoding="utf-8")
    assert sniff_format(path) == "text"


def test_truncated_warc_is_reported_at_every_cut(tmp_path: Path) -> None:
    from test_ingest_formats import write_warc

    whole = tmp_path / "crawl.warc"
    write_warc(whole)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    located = 0
    for size in range(1, len(data), 13):
        cut.write_bytes(data[:size])
        items = list(read_inputs([str(cut)]))  # no exception escapes
        for item in items:
            if isinstance(item, Skipped) and item.reason == "bad_warc":
                assert item.location and item.location.startswith(f"{cut} record ")
                located += 1
    assert located > 0


def test_directory_given_to_explain_is_read_not_a_traceback(tmp_path: Path) -> None:
    """explain used to open its argument as one JSONL file (IsADirectoryError); an empty directory now says
    that nothing was found."""
    folder = tmp_path / "empty"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-m", "warwatch.cli", "explain", str(folder), "--no-progress"],
                            capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr
    assert result.returncode == EXIT_NOTHING_READ


# -- 8. newcomer friction -------------------------------------------------------------------------------------


def test_gate_without_shared_data_fails_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "gate.py"), "--shared", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "nothing was measured" in result.stderr


def test_readme_quick_start_puts_warwatch_on_path() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in readme


def test_help_names_no_file_a_user_does_not_have(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["code", "--help"])
    assert "CONTRACT" not in capsys.readouterr().out


# -- found by bench/fuzz.py ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\ud800", "\\udc00", "\\ud83d overnight"])
@pytest.mark.parametrize("field", ["id", "text", "title"])
def test_lone_surrogate_escape_is_a_located_skip(tmp_path: Path, escape: str, field: str) -> None:
    """A JSON escape of half a surrogate pair decoded to a str that spaCy, the output and the store cannot encode:
    the run died with UnicodeEncodeError and the good lines were lost."""
    record = {**ARTICLE, "id": "bad", "title": "t"}
    record[field] = f"{record[field]} {escape}"
    bad = json.dumps(record).replace("\\\\", "\\")  # the escape as written: one backslash
    path = tmp_path / "a.jsonl"
    path.write_text(bad + "\n" + json.dumps(ARTICLE) + "\n", encoding="utf-8")
    items = list(read_jsonl(path))
    assert [type(i).__name__ for i in items] == ["Skipped", "Article"]
    skipped = items[0]
    assert isinstance(skipped, Skipped) and skipped.reason == "bad_unicode"
    assert skipped.location == f"{path} line 1" and f'"{field}"' in skipped.message


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00+14:00", "1799-12-31"])
def test_publication_day_at_the_calendar_edge_is_bad_published(tmp_path: Path, published: str) -> None:
    """A publication day in year 1 or 9999 made the coder's date arithmetic overflow (a traceback, the run lost)."""
    path = _jsonl(tmp_path / "a.jsonl", {**ARTICLE, "published": published}, ARTICLE)
    items = list(read_jsonl(path))
    assert isinstance(items[0], Skipped) and items[0].reason == "bad_published"
    assert isinstance(items[1], Article)


@pytest.mark.parametrize(("value", "expected"), [("Fri, 31 Dec 9999 00:00:00 +0000", None), ("9999-12-31", None),
                                                 ("2031-03-04", "2031-03-04"), ("1800-01-01", "1800-01-01")])
def test_lenient_dates_of_pages_and_feeds_keep_to_the_publication_years(value: str, expected: str | None) -> None:
    from warwatch.ingest.common import parse_any_date

    found = parse_any_date(value)
    assert (found.isoformat() if found else None) == expected


def test_feed_with_damaged_encoding_declaration_is_a_bad_feed(tmp_path: Path) -> None:
    """feedparser raised UnicodeDecodeError on a byte that is not UTF-8 inside the XML declaration."""
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<?xml version='1.0' encoding='u\x82f-8'?><rss version='2.0'><channel><item><title>t</title>"
                     b"<description>Drones hit Sumy.</description></item></channel></rss>")
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Skipped) and item.reason == "bad_feed" and item.location == str(path)


def test_feed_item_with_control_characters_is_read(tmp_path: Path) -> None:
    """lxml refused to set a text holding a NUL or another control character (ValueError out of the reader)."""
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>t\x01</title><description>"
                     b"<![CDATA[<p>Drones hit\x00 Sumy\x0b overnight.</p>]]></description></item></channel></rss>")
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Article) and item.text == "Drones hit Sumy overnight."


def test_damaged_warc_warnings_are_logged_not_dumped_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               caplog: pytest.LogCaptureFixture) -> None:
    """warcio printed the rest of a damaged record (kilobytes) straight to stderr."""
    from test_ingest_formats import write_warc

    whole = tmp_path / "crawl.warc"
    write_warc(whole)
    data = whole.read_bytes()
    at = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    shorter = str(int(data[at:end]) - 40).encode()  # the record ends before its content does
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(data[:at] + shorter + data[end:])
    list(read_inputs([str(damaged)]))
    assert "Remainder" not in capsys.readouterr().err
    assert any("damaged.warc record" in r.getMessage() for r in caplog.records)


# -- 5. many reports of one event -----------------------------------------------------------------------------------


def test_many_reports_of_one_event_merge_in_near_linear_time() -> None:
    """Issue 18, defect 5: 5,000 reports of one event added 97 s to the merge (every report compared with every
    other). CPU time: 4,000 reports of one event against 500 (linear: x8, quadratic: x64) and against 4,000
    distinct events (the issue's bound: 2x)."""
    import time

    from warwatch.dedup import DedupRules, resolve

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from one_event import reports  # bench/one_event.py's fictional reports
    finally:
        sys.path.remove(str(ROOT / "bench"))

    def cpu(n: int, same: bool) -> float:
        items = reports(n, same)
        t0 = time.process_time()
        merged = resolve(items, DedupRules())
        seconds = time.process_time() - t0
        assert len(merged) == (1 if same else n) or not same
        return seconds

    small, large, distinct = cpu(500, True), cpu(4000, True), cpu(4000, False)
    assert large < 24 * max(small, 0.005)
    assert large < 2 * distinct + 0.05


# -- 4. make bench without ../shared ---------------------------------------------------------------------------


def test_bench_without_shared_data_times_the_example_corpus(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """`make bench` in a clone without ../shared ended in a FileNotFoundError traceback."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from throughput import corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert corpus(tmp_path / "no-shared") == ROOT / "examples" / "articles.jsonl"
    assert "not found" in capsys.readouterr().err
