"""The gazetteer index: build, load, lookups, and a property test over sampled entries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warwatch.places import Gazetteer, default_gazetteer_path, ensure_gazetteer, normalize_name
from warwatch.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    return ensure_gazetteer(default_gazetteer_path())


@pytest.fixture(scope="module")
def gaz(gazetteer_path: Path) -> Gazetteer:
    return Gazetteer.load(gazetteer_path)


@pytest.fixture(scope="module")
def sample_names(gazetteer_path: Path) -> list[tuple[str, int]]:
    con = sqlite3.connect(f"file:{gazetteer_path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT name, geonameid FROM place WHERE geonameid IS NOT NULL AND id % 97 = 0 LIMIT 2000"
        ).fetchall()
    finally:
        con.close()
    return [(n, g) for n, g in rows if normalize_name(n)]


def test_normalize_name() -> None:
    assert normalize_name("Kyïv") == "kyiv"
    assert normalize_name("the Kremlin") == "kremlin"
    assert normalize_name("Sana'a") == "sanaa"
    assert normalize_name("Ivano-Frankivsk") == "ivano frankivsk"
    assert normalize_name("U.S.") == "us"


def test_default_path_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WARWATCH_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_gazetteer_path() == tmp_path / "g.sqlite"
    monkeypatch.delenv("WARWATCH_GAZETTEER")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_gazetteer_path() == tmp_path / "warwatch" / "gazetteer-v2.sqlite"
    assert Settings().gazetteer == default_gazetteer_path()  # the settings name the same index


def test_loads(gazetteer_path: Path) -> None:
    g = Gazetteer.load(gazetteer_path)
    assert g.country("UKR") is not None
    g.close()


def test_lookups_are_cached(gaz: Gazetteer) -> None:
    """A name asked again is answered from the cache, not the index (speed itself is measured in bench/)."""
    first = gaz.lookup("Kharkiv")
    hits = gaz._candidates.cache_info().hits
    for _ in range(10):
        assert gaz.lookup("Kharkiv") == first
    assert gaz._candidates.cache_info().hits >= hits + 10


@pytest.mark.parametrize(
    ("name", "country", "feature_code"),
    [
        ("Kyiv", "UKR", "PPLC"), ("Kiev", "UKR", "PPLC"), ("Kharkov", "UKR", "PPL"),
        ("Odessa", "UKR", "PPL"),
        ("Hodeidah", "YEM", "PPL"), ("Stepanakert", "AZE", "PPL"), ("Zaporizhia", "UKR", "PPL"),
        ("Kharkiv Oblast", "UKR", "ADM1"), ("Belgorod region", "RUS", "ADM1"),
        ("Moscow Oblast", "RUS", "ADM1"),
        ("the Kremlin", "RUS", "CSTL"), ("Ukraine", "UKR", "PCLI"), ("United States", "USA", "PCLI"),
        ("Izmail", "UKR", "PPL"), ("Bogodukhov", "UKR", "PPL"), ("Novokuibyshevsk", "RUS", "PPL"),
    ],
)
def test_lookup_finds(gaz: Gazetteer, name: str, country: str, feature_code: str) -> None:
    hits = gaz.lookup(name)
    assert any(p.country == country and p.feature_code == feature_code for p in hits), hits


def test_lookup_is_case_and_diacritic_insensitive(gaz: Gazetteer) -> None:
    assert gaz.lookup("KYIV") == gaz.lookup("kyiv") == gaz.lookup("Kyïv")
    assert gaz.lookup("The Kremlin") == gaz.lookup("Kremlin")


def test_admin1_names(gaz: Gazetteer) -> None:
    kharkiv = max(gaz.lookup("Kharkiv"), key=lambda p: p.population)
    assert kharkiv.admin1 == "Kharkiv Oblast"
    kyiv = next(p for p in gaz.lookup("Kyiv") if p.feature_code == "PPLC")
    assert kyiv.admin1 == "Kyiv City"
    odesa = max(gaz.lookup("Odesa"), key=lambda p: p.population)
    assert odesa.admin1 == "Odesa Oblast"
    donetsk = max((p for p in gaz.lookup("Donetsk") if p.country == "UKR"), key=lambda p: p.population)
    assert donetsk.admin1 == "Donetsk Oblast"
    assert gaz.admin1_place("RUS", "Moscow Oblast") is not None
    assert gaz.admin1_place("UKR", "kharkiv oblast") is not None


def test_occupied_territory_is_ukraine(gaz: Gazetteer) -> None:
    big = [p for p in gaz.lookup("Sevastopol") if p.feature_class == "P" and p.population > 100_000]
    assert {p.country for p in big} == {"UKR"}
    crimea = gaz.lookup("Crimea")
    assert crimea and all(p.country == "UKR" for p in crimea)


def test_country_and_get(gaz: Gazetteer) -> None:
    rus = gaz.country("RUS")
    assert rus is not None and rus.feature_code == "PCLI" and rus.geonameid is not None
    assert gaz.get(rus.geonameid) == rus
    assert gaz.get(-12345) is None
    israel = gaz.demonym("Israeli")
    assert israel is not None and israel.country == "ISR"
    assert gaz.demonym("Kyiv") is None


def test_landmark_city(gaz: Gazetteer) -> None:
    kremlin = gaz.lookup("Kremlin")[0]
    city = gaz.city_of(kremlin)
    assert city is not None and city.name == "Moscow"


@pytest.mark.parametrize(
    ("written", "spelt", "country", "admin1"),
    [
        ("Mt. Pleasant", "Mount Pleasant", "USA", "Iowa"),
        ("Mt Vernon", "Mount Vernon", "USA", "Texas"),
        ("Ft. Wayne", "Fort Wayne", "USA", "Indiana"),
        ("FT. WORTH", "Fort Worth", "USA", "Texas"),
    ],
)
def test_abbreviated_heads_reach_full_spelling(gaz: Gazetteer, written: str, spelt: str, country: str,
                                               admin1: str) -> None:
    hits = gaz.lookup(written)
    assert any(p.name == spelt and p.country == country and p.admin1 == admin1 for p in hits), hits
    assert len({(p.name, p.lat, p.lon) for p in hits}) == len(hits)  # no duplicates
    assert gaz.lookup("Mt.") == gaz.lookup("Mt")  # a bare abbreviation is not expanded


def test_no_code_junk(gaz: Gazetteer) -> None:
    assert not any(p.name == "Kyiv" for p in gaz.lookup("IEV"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_lookup_finds_entry(
    gaz: Gazetteer, sample_names: list[tuple[str, int]], data: st.DataObject
) -> None:
    name, gid = data.draw(st.sampled_from(sample_names))
    assert gid in {p.geonameid for p in gaz.lookup(name)}


def _project_rows(name: str) -> list[list[str]]:
    from importlib import resources

    text = (resources.files("warwatch") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


_LANDMARK_NAMES = [(alias, row[0]) for row in _project_rows("landmarks.tsv")
                   for alias in (row[0], *row[1].split("|")) if alias]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pair=st.sampled_from(_LANDMARK_NAMES))
def test_property_landmark_names_find_it(gaz: Gazetteer, pair: tuple[str, str]) -> None:
    alias, name = pair
    assert name in {p.name for p in gaz.lookup(alias)}


@pytest.mark.parametrize("row", _project_rows("region_demonyms.tsv"), ids=lambda r: r[0])
def test_region_demonyms_resolve(gaz: Gazetteer, row: list[str]) -> None:
    place = gaz.demonym(row[0])
    assert place is not None and place.name.casefold() == row[1].split("|")[0].casefold(), place
    assert gaz.demonym(row[0] + "s") == place


@pytest.mark.parametrize(
    ("name", "country", "admin1_lat_lon"),
    [("Ontario", "CAN", (49.25, -84.5)), ("Manitoba", "CAN", (55.0, -97.0)), ("Kharkiv Oblast", "UKR", (49.5, 36.5)),
     ("Texas", "USA", (31.25, -99.25))],
)
def test_region_points_cover_the_region(gaz: Gazetteer, name: str, country: str,
                                        admin1_lat_lon: tuple[float, float]) -> None:
    """First-level region points sit near the region's middle, not inside its biggest city cluster."""
    p = gaz.admin1_place(country, name)
    assert p is not None
    assert abs(p.lat - admin1_lat_lon[0]) < 3.0 and abs(p.lon - admin1_lat_lon[1]) < 3.0, p
