"""A region's capital: found when the gazetteer is built, named in a region's output place (``location.seat``), and
the point of region-only events with ``settings.region_capitals`` (the dev set's "regional capital's coordinates"),
while the name and id, which grouping and deduplication compare, stay the region's."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from warwatch.coding.coder import _at_capital
from warwatch.dedup.merging import event_from_record
from warwatch.models import Casualties, DateResolution, Event, Location, Place, Seat
from warwatch.places import Gazetteer, default_gazetteer_path, ensure_gazetteer
from warwatch.places.eventplace import to_location
from warwatch.places.gazetteer import _region_seat, _Row, _seat_names


def _town(pid: int, name: str, population: int, lat: float = 50.0, lon: float = 30.0) -> _Row:
    return _Row(pid, pid, name, "UA", "Test Oblast", lat, lon, population, "P", "PPL")


_REGION = _Row(1, 1, "Test Oblast", "UA", "Test Oblast", 50.0, 30.0, 0, "A", "ADM1")


@pytest.mark.parametrize(
    ("english", "local", "aliases", "expected"),
    [
        ("Bryansk Oblast", "Bryanskaya oblast'", ["Bryansk Oblast"], {"bryansk", "bryanskaya"}),
        ("Kyiv City", "Kyiv", [], {"kyiv"}),
        ("Homs Governorate", "Muhafazat Hims", [], {"homs", "muhafazat hims"}),
        ("Rajasthan", "Rajasthan", ["Раджастхан"], {"rajasthan"}),
    ],
)
def test_seat_names(english: str, local: str, aliases: list[str], expected: set[str]) -> None:
    assert _seat_names(english, local, aliases) == expected


@pytest.mark.parametrize(
    ("towns", "enclaved", "seat"),
    [
        # the town the region is named after, though another is bigger
        ([_town(2, "Testovsk", 300_000), _town(3, "Bigtown", 900_000)], [], 2),
        # a village that shares the region's name is no capital: the biggest town is
        ([_town(2, "Testovsk", 800), _town(3, "Bigtown", 900_000)], [], 3),
        # a city with a region of its own that the region is named after (Kyiv of Kyiv Oblast)
        ([_town(3, "Bigtown", 200_000)], [_town(4, "Testovsk", 3_000_000, 50.5, 30.5)], 4),
        # ... but not when it lies far from the region
        ([_town(3, "Bigtown", 200_000)], [_town(4, "Testovsk", 3_000_000, 60.0, 30.0)], 3),
        # no town named after it: the biggest
        ([_town(2, "Smalltown", 1_000), _town(3, "Bigtown", 200_000)], [], 3),
        ([], [], None),
    ],
)
def test_region_seat(towns: list[_Row], enclaved: list[_Row], seat: int | None) -> None:
    keys = {t.id: {t.name.casefold()} for t in [*towns, *enclaved]}
    assert _region_seat(_REGION, {"testovsk"}, towns, keys, enclaved) == seat


_SEAT = Seat("Capitalsk", 51.0, 31.0, 101)
_CAPITAL = Place(101, "Capitalsk", "UKR", None, 51.0, 31.0, feature_class="P", feature_code="PPLA")
_OBLAST = Place(100, "Test Oblast", "UKR", "Test Oblast", 50.0, 30.0, feature_class="A", feature_code="ADM1",
                seat=_SEAT)


@pytest.mark.parametrize(
    ("place", "precision", "seat", "capital_point"),
    [
        (_OBLAST, None, _SEAT, (51.0, 31.0)),  # a region names its capital; at_seat moves it there
        (_OBLAST, "city", None, (50.0, 30.0)),  # forced to another precision: no capital
        (Place(100, "Test Oblast", "UKR", "Test Oblast", 50.0, 30.0, feature_class="A", feature_code="ADM1"),
         None, None, (50.0, 30.0)),  # no capital known
        (Place(7, "Testland", "UKR", None, 49.0, 32.0, feature_class="A", feature_code="PCLI"),
         None, None, (49.0, 32.0)),  # a country keeps its point
        (_CAPITAL, None, None, (51.0, 31.0)),
    ],
)
def test_to_location_names_a_regions_capital(place: Place, precision: str | None, seat: Seat | None,
                                             capital_point: tuple[float, float]) -> None:
    loc = to_location(place, precision)
    assert loc is not None
    assert (loc.lat, loc.lon) == (place.lat, place.lon) and loc.seat == seat  # by default at its own point
    moved = loc.at_seat()
    assert (moved.lat, moved.lon) == capital_point
    assert (moved.name, moved.geonameid, moved.admin1, moved.precision) == (loc.name, loc.geonameid, loc.admin1,
                                                                            loc.precision)  # the identity


def _event(location: Location | None) -> Event:
    return Event("e1", ("a",), "ASSAULT", None, (), None, (), (), DateResolution(None), location, Casualties(),
                 False, -9.0, ())


@pytest.mark.parametrize(
    ("location", "point"),
    [
        (to_location(_OBLAST), (51.0, 31.0)),
        (to_location(_CAPITAL), (51.0, 31.0)),
        (Location("Test Oblast", "UKR", "Test Oblast", 50.0, 30.0, 100, "admin1"), (50.0, 30.0)),  # no capital
        (None, None),
    ],
)
def test_region_capitals_setting_moves_only_regions(location: Location | None,
                                                    point: tuple[float, float] | None) -> None:
    moved = _at_capital(_event(location)).location
    assert (None if moved is None else (moved.lat, moved.lon)) == point


def test_seat_in_json_and_back() -> None:
    loc = to_location(_OBLAST)
    assert loc is not None and loc.to_json()["seat"] == {"name": "Capitalsk", "lat": 51.0, "lon": 31.0,
                                                          "geonameid": 101}
    assert "seat" not in Location("Testovsk", "UKR", None, 50.0, 30.0, 5, "city").to_json()
    for place in (loc, loc.at_seat()):
        record = {"event_id": "e1", "article_ids": ["a"], "event": "ASSAULT", "location": place.to_json(),
                  "evidence": []}
        assert event_from_record(record).location == place


# -- the built index --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gazetteer_path() -> Path:
    return ensure_gazetteer(default_gazetteer_path())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("country", "region", "seat"),
    [("RUS", "Bryansk Oblast", "Bryansk"), ("UKR", "Kyiv Oblast", "Kyiv"), ("UKR", "Dnipropetrovsk Oblast", "Dnipro"),
     ("UKR", "Zakarpattia Oblast", "Uzhhorod"), ("USA", "Texas", "Austin")],
)
def test_built_regions_have_their_capital(gazetteer_path: Path, country: str, region: str, seat: str) -> None:
    gaz = Gazetteer.load(gazetteer_path)
    try:
        place = gaz.admin1_place(country, region)
        assert place is not None and place.seat is not None and place.seat.name == seat
        assert (place.lat, place.lon) != (place.seat.lat, place.seat.lon)  # the region's own point is kept
    finally:
        gaz.close()


def _reviewed() -> list[list[str]]:
    text = (resources.files("warwatch") / "data" / "region_seats.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.slow
@pytest.mark.parametrize("row", _reviewed(), ids=lambda r: f"{r[0]}-{r[1]}")
def test_reviewed_seats_resolve(gazetteer_path: Path, row: list[str]) -> None:
    con = sqlite3.connect(f"file:{gazetteer_path}?mode=ro", uri=True)
    try:
        found = con.execute("SELECT seat_name FROM place WHERE cc = ? AND name = ? AND fcode = 'ADM1'",
                            (row[0], row[1])).fetchall()
    finally:
        con.close()
    assert len(found) == 1 and found[0][0] is not None, found
