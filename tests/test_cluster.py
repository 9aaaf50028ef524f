"""Dask: partitions keep line numbers, Parquet rows read as articles, and a 2-worker LocalCluster gives the
events of a local run, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from warwatch.cli import main
from warwatch.cluster import Partition, partitions, read_partition
from warwatch.ingest import Skipped, read_inputs, read_parquet
from warwatch.models import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def test_jsonl_shards_keep_line_numbers(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": f"Text {i}."}).encode() for i in range(1, 11)]
    lines[6] = b'{"id": "broken"'  # line 7
    src = _write(tmp_path / "a.jsonl", lines)
    shards = list(partitions([str(src)], 4))
    assert [(p.first_line, p.fmt) for p in shards] == [(1, "jsonl"), (5, "jsonl"), (9, "jsonl")]
    assert shards[-1].end == src.stat().st_size
    items = [item for shard in shards for item in read_partition(shard)]
    whole = list(read_inputs([str(src)]))
    assert items == whole
    bad = [i for i in items if isinstance(i, Skipped)]
    assert [(b.line, b.reason) for b in bad] == [(7, "not_json")] and bad[0].message.startswith("line 7:")


def test_parquet_rows_are_articles(tmp_path: Path) -> None:
    target = tmp_path / "a.parquet"
    duckdb.sql(f"COPY (SELECT * FROM (VALUES ('p1', 'Troops shelled Kharkiv.', DATE '2031-03-04'), "
               f"('p2', '', DATE '2031-03-05')) t(id, text, published)) TO '{target}' (FORMAT parquet)")
    items = list(read_inputs([str(target)]))
    assert isinstance(items[0], Article) and items[0].id == "p1" and str(items[0].published) == "2031-03-04"
    assert isinstance(items[1], Skipped) and (items[1].line, items[1].reason) == (2, "no_text")
    assert items == list(read_parquet(target))
    assert list(partitions([str(target)], 4)) == [Partition(str(target), "parquet")]


@pytest.mark.slow
def test_local_cluster_gives_the_local_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """examples/ as a JSONL shard set (with a bad line) and a Parquet file, on 2 worker processes."""
    rows = EXAMPLES.read_bytes().splitlines()
    inputs = tmp_path / "in"
    inputs.mkdir()
    _write(inputs / "a.jsonl", [*rows[:12], b"not json", *rows[12:15]])
    part = _write(tmp_path / "b.jsonl", rows[15:])
    duckdb.sql(f"COPY (SELECT * FROM read_json_auto('{part}')) TO '{inputs / 'b.parquet'}' (FORMAT parquet)")

    def code(src: Path, out: str, *extra: str) -> bytes:
        target = tmp_path / out
        assert main(["code", str(src), "--output", str(target), "--no-progress", "--no-store", *extra]) == 0
        return target.read_bytes()

    local = code(EXAMPLES, "local.jsonl", "--jobs", "1")
    assert local and code(inputs, "local_dir.jsonl", "--jobs", "1") == local
    # 4 JSONL shards of 4 lines and the Parquet file: 5 partitions over 2 workers
    capsys.readouterr()
    assert code(inputs, "dask.jsonl", "--dask", "local", "--jobs", "2", "--batch-size", "4") == local
    err = capsys.readouterr().err
    assert "line 13: not JSON" in err and "articles read 30" in err and "skipped 3" in err
