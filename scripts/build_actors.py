"""Build src/warwatch/data/actors.json: the actor dictionary.

Sources: people, institutions, organisations and armed groups from PETRARCH2's Phoenix actor dictionaries
(scripts/actors_phoenix.json, built by scripts/build_phoenix_actors.py, with the dates of each
role), then country names, alternative spellings, demonyms and capitals from the `countryinfo` package
(public facts; capitals become metonyms for their governments), then the reviewed hand-written lists
src/warwatch/data/actors_leaders.tsv (office holders), actors_recent.tsv (roles begun after the Phoenix
dictionaries were made, with their dates and sources) and actors_manual.tsv, whose lines override
generated ones. Run: python scripts/build_actors.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "warwatch" / "data"
OUT = DATA / "actors.json"
SEATS_OUT = DATA / "seats.json"
MANUAL = DATA / "actors_manual.tsv"
LEADERS = DATA / "actors_leaders.tsv"
SEATS_MANUAL = DATA / "seats_manual.tsv"
PHOENIX = Path(__file__).resolve().parent / "actors_phoenix.json"
RECENT = DATA / "actors_recent.tsv"
# Alternative spellings that are codes or too ambiguous to match in running text.
SKIP_ALT = {"us", "uk", "ca", "in", "it", "is", "me", "no", "or", "to", "be", "at", "am", "an", "as", "by", "do",
            "go", "he", "hi", "id", "la", "ma", "mo", "my", "ne", "oh", "ok", "on", "pa", "so", "tv", "we",
            # English words and parts of other names: "Snake Island" is not Iceland, "New Jersey" not Jersey
            "island", "jersey", "mann", "prathet"}
# Capitals that are also common words, first names or better-known places elsewhere: never a government.
SKIP_CAPITALS = {"victoria", "kingston", "male", "hamilton", "wellington", "georgetown", "san jose", "san josé",
                 "jamestown", "plymouth", "kingstown", "the valley", "road town", "saint john's", "st. john's",
                 "st. george's", "saint george's", "king edward point", "adamstown", "flying fish cove",
                 "west island", "city of san marino", "vatican city", "monaco", "luxembourg", "singapore",
                 "kuwait city", "djibouti", "panama city", "guatemala city", "mexico city", "belize city",
                 "hagåtña", "saipan", "charlotte amalie", "pago pago", "marigot", "gustavia", "philipsburg",
                 "oranjestad", "willemstad", "douglas", "saint helier", "st. helier", "st. peter port",
                 "saint peter port", "cockburn town", "george town", "basse-terre", "fort-de-france",
                 "cayenne", "saint-denis", "mamoudzou", "nouméa", "papeete", "mata-utu", "alofi", "avarua",
                 "nuku'alofa", "funafuti", "yaren", "palikir", "majuro", "south tarawa", "tórshavn", "nuuk",
                 "longyearbyen", "stanley", "edinburgh of the seven seas", "jerusalem", "washington d.c.",
                 "washington, d.c.", "tripoli", "santiago", "city of victoria", "diego garcia", "mariehamn",
                 "saint-pierre", "san juan", "fakaofo", "el aaiún", "papeetē", "port-aux-français"}


def generated() -> dict[str, dict[str, str]]:
    import countryinfo  # dev-only dependency

    entries: dict[str, dict[str, str]] = {}
    for country in countryinfo.all_countries():
        info = dict(country.info())
        try:
            info["demonym"] = country.demonym()
        except Exception:  # some territories have none
            info["demonym"] = None
        iso = (info.get("ISO") or {}).get("alpha3")
        name = info.get("name")
        if not iso or not name or "," in name:
            continue

        def add(phrase: str | None, sector: str, kind: str, iso: str = iso) -> None:
            if not phrase:
                return
            key = phrase.strip().lower()
            if len(key) < 3 or key in SKIP_ALT or key.isupper() or not any(c.isalpha() for c in key):
                return
            entries.setdefault(key, {"code": iso, "sector": sector, "kind": kind})

        add(name, "GOV", "country")
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3 and alt.isascii():
                add(alt, "GOV", "country")
        capital = info.get("capital")
        if isinstance(capital, str) and capital.strip().lower() not in SKIP_CAPITALS:
            add(capital.split(",")[0], "GOV", "metonym")  # "Beirut rejected the appeal": its government
        demonym = info.get("demonym")
        if demonym:
            add(demonym, "", "demonym")
            if not demonym.endswith(("ese", "s", "sh", "ch", "i")) or demonym.endswith("li"):
                add(demonym + "s", "CVL", "demonym")  # "Nigerians", "Israelis": the people
    return entries


def seats() -> dict[str, dict[str, object]]:
    """Where a government speaks from when the text says nothing else: its capital (countryinfo),
    and the reviewed seats of international organisations."""
    import countryinfo  # dev-only dependency

    out: dict[str, dict[str, object]] = {}
    for country in countryinfo.all_countries():
        info = dict(country.info())
        iso = (info.get("ISO") or {}).get("alpha3")
        capital = info.get("capital")
        if isinstance(capital, list):
            capital = capital[0] if capital else None
        latlng = info.get("capital_latlng") or []
        if iso and capital and len(latlng) == 2 and iso not in out:
            name = capital.split(",")[0].replace(" D.C.", "").strip()
            out[iso] = {"seat": name, "country": iso, "lat": round(float(latlng[0]), 4),
                        "lon": round(float(latlng[1]), 4)}
    for line in SEATS_MANUAL.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, seat, iso, lat, lon, *_ = line.split("\t")
        out[code] = {"seat": seat, "country": iso, "lat": float(lat), "lon": float(lon)}
    return dict(sorted(out.items()))


def manual(path: Path = MANUAL) -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, code, sector, kind, note = (line.split("\t") + [""] * 5)[:5]
        entry = {"code": code, "sector": sector, "kind": kind}
        if "upper case" in note:
            entry["case"] = "upper"
        entries[phrase.strip().lower()] = entry
    return entries


def phoenix(path: Path = PHOENIX) -> dict[str, dict[str, object]]:
    """The Phoenix entries, without their source line (kept in actors_phoenix.json)."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {r["phrase"]: {k: v for k, v in r.items() if k not in {"phrase", "source"}} for r in rows}


def recent(path: Path = RECENT) -> dict[str, dict[str, object]]:
    """The reviewed recent roles: phrase, code, sector, kind, since, until, source. A phrase listed more than
    once held several roles; the entry keeps them all, dated, and the latest as its code."""
    roles: dict[str, list[list[str | None]]] = {}
    kinds: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, code, sector, kind, since, until, _source = (line.split("\t") + [""] * 7)[:7]
        key = phrase.strip().lower()
        roles.setdefault(key, []).append([code, sector or None, since or None, until or None])
        kinds[key] = kind
    out: dict[str, dict[str, object]] = {}
    for key, held in roles.items():
        held.sort(key=lambda r: (r[2] or "", r[3] or "9999"))
        entry: dict[str, object] = {"code": held[-1][0], "sector": held[-1][1] or "", "kind": kinds[key]}
        if len(held) > 1 or any(r[2] or r[3] for r in held):
            entry["roles"] = held
        out[key] = entry
    return out


def build() -> str:
    entries: dict[str, dict[str, object]] = phoenix()
    entries.update(generated())
    entries.update(manual(LEADERS))
    entries.update(recent())
    entries.update(manual(MANUAL))
    rows = [{"phrase": p, **v} for p, v in sorted(entries.items())]
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the committed file is out of date")
    args = parser.parse_args()
    text = build()
    seats_text = json.dumps(seats(), ensure_ascii=False, indent=0) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text or SEATS_OUT.read_text(encoding="utf-8") != seats_text:
            print(f"{OUT} or {SEATS_OUT} is out of date: run python scripts/build_actors.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    SEATS_OUT.write_text(seats_text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
