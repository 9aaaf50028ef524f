"""CAMEO event rows in the style of GDELT 1.0/2.0's event table (CSV with a header): the CAMEO code from the
PLOVER->CAMEO table of ``mappings``, the Goldstein-like PLOVER score, CAMEO actor codes (country code +
sector), the action's geography, the number of sources and the first source's URL. Undated events are left
out and counted. See docs/export.md."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from .common import ExportStats, country, write_csv
from .mappings import cameo_quad_class, cameo_rule
from .reader import StoredEvent

__all__ = ["CAMEO_COLUMNS", "GEO_TYPE", "cameo_actor_code", "cameo_row", "write_cameo"]

CAMEO_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
)
# location precision -> GDELT's ActionGeo_Type (1 country, 2 US state, 3 US city, 4 world city, 5 world state)
GEO_TYPE: dict[str, int] = {"country": 1, "admin1": 5, "city": 4, "point": 4}
_US_GEO_TYPE: dict[str, int] = {"country": 1, "admin1": 2, "city": 3, "point": 3}
# PLOVER sectors that are CAMEO actor type codes too
_CAMEO_TYPES = frozenset({"GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "CVL", "BUS", "MED", "EDU", "REL",
                          "IGO", "NGO", "SPY", "UAF", "INS", "HLH", "LAB", "REF", "ELI", "AGR", "CRM", "SEP"})


def cameo_actor_code(actor: dict[str, Any]) -> str:
    """CAMEO's actor code: the country (or IGO or group) code followed by the sector, e.g. ``RUSMIL``."""
    code = str(actor.get("country") or "").upper()
    sector = str(actor.get("sector") or "").upper()
    return code + (sector if sector in _CAMEO_TYPES else "")


def _actor(actor: dict[str, Any] | None) -> list[Any]:
    if not actor:
        return ["", "", "", ""]
    code = actor.get("country")
    sector = str(actor.get("sector") or "").upper()
    return [cameo_actor_code(actor), str(actor.get("name") or "").upper(),
            code if country(code) is not None else "", sector if sector in _CAMEO_TYPES else ""]


def _fraction_date(day: date) -> float:
    return round(day.year + (day.timetuple().tm_yday - 1) / 365, 4)


def cameo_row(event: StoredEvent) -> dict[str, Any] | str:
    """The event's GDELT-style row, or the reason it has none."""
    r = event.record
    rule = cameo_rule(r)
    if rule is None:
        return f"no CAMEO code: {r.get('event')}"
    if not r.get("date"):
        return "undated"
    day = date.fromisoformat(str(r["date"]))
    location = r.get("location") or {}
    place = country(location.get("country"))
    actors = [a for a in r.get("actor") or [] if isinstance(a, dict)]
    recipients = [a for a in r.get("recipient") or [] if isinstance(a, dict)]
    precision = str(location.get("precision"))
    geo_type = (_US_GEO_TYPE if location.get("country") == "USA" else GEO_TYPE).get(precision, "") if location else 0
    full_name = ", ".join(dict.fromkeys(str(p) for p in (location.get("name"), location.get("admin1"),
                                                         place.name if place else None) if p))
    urls = [s.url for s in event.sources if s.url]
    added = [s.coded_at for s in event.sources if s.coded_at is not None]
    a1, a2 = _actor(actors[0] if actors else None), _actor(recipients[0] if recipients else None)
    return dict(zip(CAMEO_COLUMNS, [
        r.get("event_id"), day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, _fraction_date(day),
        *a1, *a2,
        rule.code, rule.code[:3], rule.root, cameo_quad_class(rule.root), r.get("score"),
        len(r.get("evidence") or []), len(r.get("article_ids") or []), len(r.get("article_ids") or []),
        geo_type, full_name, (place.fips or "") if place else "",
        location.get("admin1") or "",
        "" if location.get("lat") is None else location["lat"], "" if location.get("lon") is None else location["lon"],
        location.get("geonameid") or "", min(added).strftime("%Y%m%d%H%M%S") if added else "",
        urls[0] if urls else "",
    ], strict=True))


def write_cameo(events: Iterable[StoredEvent], out: IO[str], stats: ExportStats) -> None:
    write_csv(events, out, stats, list(CAMEO_COLUMNS), cameo_row)
