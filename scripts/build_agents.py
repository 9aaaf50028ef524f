"""Build src/warwatch/data/agents.json: the agent nouns (minister, ambassador, spokesman, militants, police ...)
and the PLOVER sector each names.

Source: PETRARCH2's ``Phoenix.agents.txt`` (Open Event Data Alliance, MIT; openeventdata/petrarch2 @ 676801cd,
in ../shared/data/lexicons/), then the reviewed corrections of ``scripts/agents_review.tsv`` (drop an entry, change
its sector, or add a word the file lacks; each with its reason). Agents carry no country: the roles stage takes
the country from the text ("Ukraine's foreign ministry", "the Russian envoy", the article's government).

Format of the source: ``PHRASE {PLURALS} [~CODE] # comment``; ``_`` joins words; a phrase ending in ``_`` is a
whole word, one without it may be a stem (PETRARCH matched stems as prefixes; we match whole words, so a
stem matches nothing, except ``..._MINIST``, expanded as ``!MINIST!``); ``!MINIST!`` and ``!PERSON!`` are
substitution sets declared at the top of the file. Regular plurals are not listed (matching is on the lemma).
The CAMEO agent code gives the sector: its first three letters
(``GOVMED`` -> GOV), except that ``GOVMIL``/``MILGOV`` (defence ministries, civil defence) are MIL as in
``actors.SECTOR_WORDS``, ``UAF`` (unaffiliated armed forces: militants, militias) is REB, and ``PPL`` is CVL.

Run: python scripts/build_agents.py [--lexicons DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "warwatch" / "data" / "agents.json"
REVIEW = Path(__file__).resolve().parent / "agents_review.tsv"
LEXICONS = ROOT.parent / "shared" / "data" / "lexicons"
SOURCE = "petrarch2_Phoenix.agents.txt"
_ENTRY = re.compile(r"^(?P<phrase>[^\[{#]+?)\s*(?:\{[^}]*\})?\s*\[(?P<code>~?[A-Z]*~?)\]")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_SECTOR = {"GOVMIL": "MIL", "MILGOV": "MIL", "UAF": "REB", "PPL": "CVL"}


def sector_of_code(code: str) -> str | None:
    """``~GOVMED`` -> GOV; ``IGO~`` (peacekeepers, observers) -> IGO."""
    code = code.strip("~")
    if not code:
        return None
    if code[:6] in _SECTOR:
        return _SECTOR[code[:6]]
    return _SECTOR.get(code[:3], code[:3])


def parse(path: Path) -> list[dict[str, str]]:
    """Every whole-word entry of the agents file, substitution sets expanded, with its line number."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    subst: dict[str, list[str]] = {}
    rows: list[dict[str, str]] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        sub = _SUBST.match(line)
        if sub:
            subst[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        entry = _ENTRY.match(line)
        if entry is None:
            continue
        phrase, code = entry.group("phrase").strip(), entry.group("code")
        sector = sector_of_code(code)
        if sector is None:
            continue
        variants = [phrase]
        for name, words in subst.items():
            variants = [v.replace(name, w + "_") for v in variants for w in words] if any(
                name in v for v in variants) else variants
        for variant in variants:
            variant = variant.replace(" ", "_")
            if variant.rstrip("_").endswith("_MINIST") or variant == "MINIST":  # the one common stem
                variants += [variant.rstrip("_")[:-6] + w + "_" for w in subst.get("!MINIST!", [])]
                continue
            words = [w for w in variant.lower().replace("__", "_").strip("_").split("_") if w]
            if not words or any(not re.fullmatch(r"[a-z][a-z.'-]*", w) for w in words):
                continue
            rows.append({"phrase": " ".join(words), "sector": sector, "code": code.strip("~"),
                         "source": f"{SOURCE}:{number}"})
    return rows


def review(path: Path = REVIEW) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """The reviewed corrections: phrases to drop, and phrases whose sector is set (or added) by hand."""
    drop: set[str] = set()
    sectors: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, action, reason = (line.split("\t") + ["", ""])[:3]
        if action == "drop":
            drop.add(phrase.strip())
        else:
            sectors[phrase.strip()] = (action, reason)
    return drop, sectors


def build(lexicons: Path) -> str:
    drop, sectors = review()
    entries: dict[str, dict[str, str]] = {}
    for row in parse(lexicons / SOURCE):
        if row["phrase"] in drop:
            continue
        entries.setdefault(row["phrase"], row)  # the first line of a phrase wins, as in PETRARCH
    for phrase, (sector, reason) in sectors.items():
        old = entries.get(phrase)
        entries[phrase] = {"phrase": phrase, "sector": sector, "code": old["code"] if old else "",
                           "source": f"review ({reason})" + (f"; was {old['source']} {old['sector']}" if old else "")}
    rows = [entries[p] for p in sorted(entries)]
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lexicons", type=Path, default=LEXICONS, help="folder holding petrarch2_Phoenix.agents.txt")
    parser.add_argument("--check", action="store_true", help="fail if the committed file is out of date")
    args = parser.parse_args()
    text = build(args.lexicons)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python scripts/build_agents.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 2} agents)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
