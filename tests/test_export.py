"""Exports from a store coded from examples/ (`warwatch code examples/articles.jsonl --store ...`), read back
with the libraries a user would use: DuckDB and pandas for Parquet, json for PLOVER and GeoJSON, pandas for the
CSVs; the CLI's filters and exit codes; and a streaming read of a generated store of 200,000 events."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from warwatch.cli import main
from warwatch.export import FORMATS, ExportOptions, export_events, iter_events
from warwatch.export.acled import ACLED_COLUMNS
from warwatch.export.cameo import CAMEO_COLUMNS
from warwatch.export.mappings import acled_rule
from warwatch.query import EventFilter, find_events
from warwatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow  # the example store is coded with the spaCy pipeline


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "examples.duckdb"
    code = main(["code", str(ROOT / "examples" / "articles.jsonl"), "--store", str(path), "--output",
                 str(path.with_suffix(".jsonl")), "--no-progress"])
    assert code == 0
    return path


@pytest.fixture(scope="module")
def stored(store_path: Path) -> dict[str, dict[str, Any]]:
    """Every event of the store (news and background), by id."""
    with Store.open(store_path, read_only=True) as store:
        records = find_events(store, EventFilter(background=None), limit=None).items
    assert len(records) > 20
    return {r["event_id"]: r for r in records}


def _export(store_path: Path, fmt: str, target: Path, *flags: str) -> Path:
    assert main(["export", "--format", fmt, "--store", str(store_path), "-o", str(target), *flags]) == 0
    return target


def test_parquet_reads_back_equal_to_the_store_with_duckdb_and_pandas(store_path: Path, tmp_path: Path,
                                                                      stored: dict[str, dict[str, Any]]) -> None:
    path = _export(store_path, "parquet", tmp_path / "events.parquet", "--background", "any")
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{path}') ORDER BY event_id").fetchall()
    names = [d[0] for d in duckdb.sql(f"SELECT * FROM read_parquet('{path}')").description]
    assert len(rows) == len(stored)
    for row in rows:
        got = dict(zip(names, row, strict=True))
        want = stored[got["event_id"]]
        location = want["location"] or {}
        assert got["event"] == want["event"] and got["mode"] == want["mode"] and got["weapon"] == want["weapon"]
        assert (got["date"].isoformat() if got["date"] else None) == want["date"]
        assert got["month"] == (want["date"][:7] if want["date"] else None)
        assert (got["lat"], got["lon"], got["country"], got["admin1"], got["location_name"], got["geonameid"]) == (
            location.get("lat"), location.get("lon"), location.get("country"), location.get("admin1"),
            location.get("name"), location.get("geonameid"))
        assert (got["dead"], got["injured"], got["background"], got["score"]) == (
            want["dead"], want["injured"], want["background"], want["score"])
        assert got["actor"] == want["actor"] and got["recipient"] == want["recipient"]
        assert got["claimed_by"] == want["claimed_by"] and got["context"] == want["context"]
        assert got["article_ids"] == want["article_ids"] and got["sources"] == len(want["article_ids"])
        assert got["evidence"] == want["evidence"]
        assert got["figures_by_source"] == [{k: f.get(k) for k in ("article_id", "published", "dead", "injured")}
                                            for f in want.get("figures_by_source") or []]
    frame = pd.read_parquet(path)
    assert list(frame.columns) == names and len(frame) == len(stored)
    by_id = frame.set_index("event_id")
    for event_id, want in stored.items():
        assert by_id.loc[event_id, "event"] == want["event"]
        dead = by_id.loc[event_id, "dead"]
        assert (None if pd.isna(dead) else int(dead)) == want["dead"]
        assert list(by_id.loc[event_id, "article_ids"]) == want["article_ids"]
        assert [e["text"] for e in by_id.loc[event_id, "evidence"]] == [e["text"] for e in want["evidence"]]


def test_parquet_by_month_is_the_same_rows_with_a_stable_schema(store_path: Path, tmp_path: Path) -> None:
    single = _export(store_path, "parquet", tmp_path / "one.parquet", "--background", "any")
    folder = _export(store_path, "parquet", tmp_path / "by_month", "--by-month", "--background", "any")
    assert (folder / "month=2031-03").is_dir()
    one = duckdb.sql(f"SELECT * EXCLUDE (month), month FROM read_parquet('{single}') ORDER BY event_id").fetchall()
    parts = duckdb.sql(f"SELECT * EXCLUDE (month), month FROM read_parquet('{folder}/**/*.parquet', "
                       "hive_partitioning = true) ORDER BY event_id").fetchall()
    assert one == parts
    # an empty export has the same columns and types as a full one
    empty = _export(store_path, "parquet", tmp_path / "empty.parquet", "--category", "PROTEST", "--since",
                    "1900-01-01", "--until", "1900-01-02")
    schema = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{single}')").fetchall()
    assert duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{empty}')").fetchall() == schema
    # an existing target is kept unless --overwrite
    assert main(["export", "--format", "parquet", "--store", str(store_path), "-o", str(single)]) == 4


def _valid_geojson(document: dict[str, Any]) -> None:
    """RFC 7946's structure for a FeatureCollection of Points."""
    assert document["type"] == "FeatureCollection" and isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon) and math.isfinite(lat)


def test_geojson_validates_with_lon_lat_order_and_evidence(store_path: Path, tmp_path: Path,
                                                           stored: dict[str, dict[str, Any]]) -> None:
    path = _export(store_path, "geojson", tmp_path / "events.geojson", "--background", "any")
    document = json.loads(path.read_text())
    _valid_geojson(document)
    located = {k: v for k, v in stored.items() if (v["location"] or {}).get("lat") is not None}
    assert {f["id"] for f in document["features"]} == set(located)
    for feature in document["features"]:
        want = located[feature["id"]]
        assert feature["geometry"]["coordinates"] == [want["location"]["lon"], want["location"]["lat"]]
        assert [e["text"] for e in feature["properties"]["evidence"]] == [e["text"] for e in want["evidence"]]
    kharkiv = [f for f in document["features"] if f["properties"]["place"] == "Kharkiv"]
    assert kharkiv and kharkiv[0]["geometry"]["coordinates"][0] == pytest.approx(36.25, abs=0.1)  # lon first


def test_acled_csv_loads_in_pandas_with_the_expected_dtypes(store_path: Path, tmp_path: Path,
                                                            stored: dict[str, dict[str, Any]]) -> None:
    path = _export(store_path, "acled", tmp_path / "events.csv")
    frame = pd.read_csv(path, parse_dates=["event_date"], keep_default_na=False, na_values=[""])
    assert list(frame.columns) == list(ACLED_COLUMNS)
    news = {k: v for k, v in stored.items() if not v["background"] and v["date"]}
    mapped = {k for k, v in news.items() if acled_rule(v) and acled_rule(v).event_type}  # type: ignore[union-attr]
    assert set(frame["event_id_cnty"]) == mapped
    assert str(frame["event_date"].dtype).startswith("datetime64")
    for column in ("year", "time_precision", "geo_precision", "fatalities", "iso"):
        assert frame[column].dtype == "int64", column
    for column in ("latitude", "longitude", "injured"):
        assert frame[column].dtype == "float64", column
    for column in ("event_type", "sub_event_type", "actor1", "country", "notes"):
        assert frame[column].dtype in (object, "str"), column
    row = frame.set_index("event_id_cnty").loc[next(iter(mapped))]
    assert row["fatalities"] == (news[row.name]["dead"] or 0)
    assert row["notes"].startswith(news[row.name]["evidence"][0]["text"][:40])


def test_cameo_csv_keeps_codes_as_text(store_path: Path, tmp_path: Path, stored: dict[str, dict[str, Any]]) -> None:
    path = _export(store_path, "cameo", tmp_path / "events.csv")
    frame = pd.read_csv(path, dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert list(frame.columns) == list(CAMEO_COLUMNS)
    assert set(frame["GLOBALEVENTID"]) == {k for k, v in stored.items() if not v["background"] and v["date"]}
    assert frame["EventRootCode"].str.fullmatch(r"\d\d").all()
    assert (frame["EventCode"].str[:2] == frame["EventRootCode"]).all()
    assert frame["QuadClass"].isin([1, 2, 3, 4]).all() and frame["GoldsteinScale"].between(-10, 10).all()
    assault = frame[frame["GLOBALEVENTID"].map(lambda i: stored[i]["event"] == "ASSAULT")]
    assert (assault["EventRootCode"].isin(["18", "19", "20"])).all() and (assault["QuadClass"] == 4).all()
    first = frame.iloc[0]
    assert first["NumSources"] == len(stored[first["GLOBALEVENTID"]]["article_ids"])
    assert str(first["SOURCEURL"]).startswith("https://")
    with open(path, newline="") as handle:  # leading zeros survive in the file itself (030, 040, ...)
        codes = [r["EventCode"] for r in csv.DictReader(handle)]
    assert all(len(c) >= 3 for c in codes)


def test_plover_lines_carry_the_specification_names(store_path: Path, tmp_path: Path,
                                                    stored: dict[str, dict[str, Any]]) -> None:
    path = _export(store_path, "plover", tmp_path / "events.jsonl", "--background", "any")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert {r["id"] for r in lines} == set(stored)
    for record in lines:
        want = stored[record["id"]]
        assert record["event"] == [want["event"]] and record["date"] == want["date"]
        assert {"id", "date", "actor", "recipient", "event", "event_loc", "event_text", "quad_code", "event_scale",
                "mode", "context", "cite_info", "text_info"} <= set(record)
        assert [a["code"] for a in record["actor"]] == [a["country"] for a in want["actor"]]
        assert record["event_text"] == [e["text"] for e in want["evidence"]]
        assert record["size"] == {"dead": want["dead"], "injured": want["injured"]}
        if want["location"]:
            assert record["event_loc"]["lat"] == want["location"]["lat"]
            assert record["event_loc"]["country_code"] == want["location"]["country"]
    dates = [r["date"] for r in lines]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # oldest first, undated last


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "parquet"])
def test_filters_are_the_api_filters(store_path: Path, fmt: str) -> None:
    where = EventFilter(category=("ASSAULT",), country=("UKR",), min_dead=1)
    with Store.open(store_path, read_only=True) as store:
        want = [r["event_id"] for r in find_events(store, where, sort="date", limit=None).items]
        out = io.StringIO()
        stats = export_events(store, fmt, where, out, ExportOptions(page_size=2))  # pages of two events
    assert want and stats.written == len(want)
    text = out.getvalue()
    assert all(event_id in text for event_id in want)
    everything = io.StringIO()
    with Store.open(store_path, read_only=True) as store:
        export_events(store, fmt, None, everything)
    assert len(everything.getvalue()) > len(text)


def test_cli_filters_help_and_exit_codes(store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--help"])
    assert exit_.value.code == 0
    assert "--min-dead" in capsys.readouterr().out
    target = tmp_path / "ukr.jsonl"
    assert main(["export", "--format", "plover", "--store", str(store_path), "-o", str(target), "--country", "ukr",
                 "--category", "ASSAULT,COERCE", "--since", "2031-03-01"]) == 0
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert lines and all(r["event_loc"]["country_code"] == "UKR" and r["event"][0] in ("ASSAULT", "COERCE")
                         for r in lines)
    assert "events written" in capsys.readouterr().err
    assert main(["export", "--format", "parquet", "--store", str(store_path), "-o", "-"]) == 2
    assert main(["export", "--format", "acled", "--store", str(store_path), "-o", "-", "--bbox", "1,2,3"]) == 2
    assert main(["export", "--format", "acled", "--store", str(tmp_path / "none.duckdb"), "-o", "-"]) == 5
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "xml", "-o", "-"])
    assert exit_.value.code == 2


def test_streaming_a_generated_store_of_200000_events_keeps_memory_flat(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from api import generate  # bench/api.py's generator
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path = tmp_path / "big.duckdb"
    generate(path, 200_000)
    with Store.open(path, read_only=True) as store:
        total = int(store.scalar("SELECT count(*) FROM latest_events"))
        tracemalloc.start()
        seen = 0
        last: tuple[str, str] = ("", "")
        for event in iter_events(store, EventFilter(background=None), page_size=2000):
            seen += 1
            key = (event.record["date"] or "9999", event.event_id)
            assert key > last  # strictly increasing: no event twice, none out of order
            last = key
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert seen == total == 200_000
    assert peak < 64 * 2**20, f"Python held {peak / 2**20:.0f} MB at once"  # all records would be ~1 GB
