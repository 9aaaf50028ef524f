"""Build scripts/actors_phoenix.json (merged into src/warwatch/data/actors.json by build_actors.py; not shipped):
people, institutions, organisations and armed groups from PETRARCH2's Phoenix actor dictionaries, with the date
range of the role each entry is coded for.

Sources (Open Event Data Alliance, MIT; openeventdata/petrarch2 @ 676801cd, in ../shared/data/lexicons/):
``petrarch2_Phoenix.Countries.actors.txt`` (office holders and national institutions; the country-name blocks
are skipped: they list regions, rivers and cities as synonyms of the country, and countryinfo already gives the
names), ``petrarch2_Phoenix.International.actors.txt`` (IGOs and NGOs and their officials; companies, MNC,
are skipped) and ``petrarch2_Phoenix.MilNonState.actors.txt`` (non-state armed groups), then the reviewed
corrections of ``scripts/actors_phoenix_review.tsv`` (drop a phrase, with its reason).

Format of a source block: one or more name lines (``NAME_`` or ``+SYNONYM_``; ``_`` joins words), then role
lines ``[CODE]`` or ``[CODE DATES]`` (tab-indented, or on the name line). A CAMEO code is a country (ISO-3) or
IGO/NGO/IMG prefix then a sector (``RUSGOV``, ``SYRREB``, ``IGOUNO``). Dates are ``YYMMDD`` (years up to 20
are 20YY) or ``YYYYMMDD``: ``D1-D2``, ``>D`` (from D, still current in 2014), ``<D`` (until D).

Rules (what makes an entry safe to match in running news):

- A person or body is kept for its roles that are current in the period the product codes (ending on or after
  ``PERIOD_START``, or open); undated roles are fallbacks (``[AFGELI]``: an elite at other times) unless the block
  has no dated role at all (institutions, groups). A block whose every dated role ended before the period is
  dropped. Each kept role is written with its dates, so the coder can take the role that covers an article's date.
- A role names a country (its first three letters are the code of one of the Countries file's country blocks),
  the UN, NATO, the EU and a few other IGOs by short name (``IGO_CODES``), or else IGO / NGO / IMG; a role of a
  region (``MEAREB``, ``INTREB``) names no country and is dropped.
- When a block also lists a phrase the project's hand lists already code (``Hamas``, ``al Qaeda``), the whole
  block takes that code: the hand lists decide the code of every alias of a group.
- Names are ambiguous, and skipped, when: one word that is a common English word (it occurs in lower case in the
  project's corpus of news sentences) or a first name (the first word of another person's full name), or shorter
  than four letters; a name made only of common words ("Army of God", "Federation Council"); a phrase that the
  sources give two different codes; a name with characters other than letters, spaces, ``.-'``.
- A titled variant ("President Vladimir Putin") of a name listed on its own ("Vladimir Putin") is left out: the
  roles stage reads the title and the demonym before the name.
- Every entry is matched only when its first word is capitalised (``case: capital``).

Run: python scripts/build_phoenix_actors.py [--lexicons DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "warwatch" / "data"
OUT = Path(__file__).resolve().parent / "actors_phoenix.json"  # build input of build_actors.py, not shipped
REVIEW = Path(__file__).resolve().parent / "actors_phoenix_review.tsv"
CORPUS = ROOT / "data" / "corpus" / "sentences.jsonl"
LEXICONS = ROOT.parent / "shared" / "data" / "lexicons"
FILES = ("petrarch2_Phoenix.Countries.actors.txt", "petrarch2_Phoenix.International.actors.txt",
         "petrarch2_Phoenix.MilNonState.actors.txt")
PERIOD_START = date(2014, 1, 1)  # the product codes news from 2014 on
# IGOs the contract codes by short name, by a part of their CAMEO code; others are IGO.
IGO_CODES = (("WSTNAT", "NATO"), ("EUREEC", "EU"), ("UNOIAE", "IAEA"), ("JUDICC", "ICC"), ("UNO", "UN"),
             ("AFRAFU", "AU"), ("ARL", "ARAB LEAGUE"))
# CAMEO sectors -> PLOVER sectors as the project writes them; ELI (an elite: a former office holder) has none.
SECTORS = {"GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "REB": "REB", "SPY": "SPY",
           "OPP": "OPP", "MED": "MED", "BUS": "BUS", "CVL": "CVL", "REF": "REF", "EDU": "EDU", "HLH": "HLH",
           "REL": "REL", "LAB": "LAB", "AGR": "AGR", "ENV": "ENV", "HRI": "HRI", "UAF": "REB", "SEP": "REB",
           "INS": "REB", "RAD": "REB", "IGO": "IGO", "NGO": "NGO"}
# CAMEO country codes that are not the project's: Kosovo's, and states that no longer exist (no actor today)
CODES = {"KSV": "XKX", "DDR": "", "KNT": ""}
LATER_STATES = {"SSD"}  # independent after the source's country list was made (South Sudan, 2011)
# Capitalised words of movements and creeds: common in names of many bodies, never a name on their own
CREEDS = {"islamic", "islamist", "arab", "muslim", "jihad", "jihadist", "christian", "jewish", "shia", "shiite",
          "sunni", "communist", "maoist", "marxist", "leninist", "socialist", "kurdish", "palestinian", "zionist"}
_ROLE = re.compile(r"\[\s*([A-Z~]*)\s*([<>]?\s*[0-9]{6,8}(?:\s*-\s*[0-9]{6,8})?)?\s*\]")
_NAME_OK = re.compile(r"^[a-zà-ÿ][a-zà-ÿ .'\-]*[a-zà-ÿ.]$")
_SMALL = {"of", "the", "and", "for", "in", "de", "al", "el", "la", "du", "des", "on", "to", "a"}


@dataclass
class Role:
    code: str  # country ISO-3, a short IGO name, IGO, NGO or IMG
    sector: str | None
    since: date | None
    until: date | None


@dataclass
class Block:
    source: str  # file:line of the block's first name
    names: list[str] = field(default_factory=list)
    raw: list[tuple[str, str]] = field(default_factory=list)  # (CAMEO code, dates text)
    country_block: bool = False


def parse_date(text: str) -> date | None:
    digits = text.strip()
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year <= 20 else 1900
        month, day = int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    else:
        return None
    try:
        return date(year, max(month, 1), max(day, 1))
    except ValueError:
        return date(year, 1, 1)


def parse_dates(text: str | None) -> tuple[date | None, date | None, bool]:
    """(since, until, dated) of a role's date text."""
    if not text:
        return None, None, False
    text = text.replace(" ", "")
    if text.startswith(">"):
        return parse_date(text[1:]), None, True
    if text.startswith("<"):
        return None, parse_date(text[1:]), True
    if "-" in text:
        start, end = text.split("-", 1)
        return parse_date(start), parse_date(end), True
    return parse_date(text), None, True


def phrase_of(name: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``vladimir v. putin``; parenthesised acronyms dropped."""
    text = re.sub(r"\([^)]*\)", " ", name)
    return " ".join(text.replace("_", " ").lower().split())


def parse(path: Path) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        head = line.split("[", 1)[0].strip()
        roles = [(m.group(1), m.group(2) or "") for m in _ROLE.finditer(line)]
        if line[0] in " \t":  # role lines of the current block
            if current is not None:
                current.raw.extend(roles)
            continue
        if head.startswith("+"):
            if current is not None:
                current.names.append(head[1:])
                current.raw.extend(roles)
            continue
        if current is None or current.raw:
            current = Block(f"{path.name}:{number}")
            blocks.append(current)
        current.names.append(head)
        current.raw.extend(roles)
    for block in blocks:  # "RUSSIA_ [RUS]", "CROATIA_ [HRV 920115-]": a country and its places
        block.country_block = path.name.startswith("petrarch2_Phoenix.Countries") and bool(block.raw) and all(
            len(code) == 3 for code, _ in block.raw)
    return blocks


def role_of(code: str, dates: str, countries: set[str]) -> Role | None:
    code = code.strip("~")
    since, until, _ = parse_dates(dates)
    prefix, rest = CODES.get(code[:3], code[:3]), code[3:]
    if prefix in countries:
        # a bare country ("[HRV 920115-]": the country's own names and places), a territory ("USAASM") or an
        # unknown sector: no actor
        if rest[:3] not in SECTORS:
            return None
        return Role(prefix, SECTORS[rest[:3]], since, until)
    if prefix in {"IGO", "NGO", "IMG"}:
        short = next((name for part, name in IGO_CODES if prefix == "IGO" and part in rest), prefix)
        return Role(short, prefix if prefix != "IMG" else "REB", since, until)
    return None


def current_roles(block: Block, countries: set[str]) -> list[Role]:
    """The block's roles in the product's period: dated roles that end on or after PERIOD_START or are open;
    undated ones only when no role is dated. ELI (a former office holder) only when no other role is current."""
    parsed = [(role_of(code, dates, countries), parse_dates(dates)[2]) for code, dates in block.raw]
    dated = [r for r, is_dated in parsed if r is not None and is_dated]
    if dated:
        kept = [r for r in dated if r.until is None or r.until >= PERIOD_START]
    else:
        kept = [r for r, _ in parsed if r is not None]
    official = [r for r in kept if r.sector is not None]
    kept = official or kept
    unique: list[Role] = []
    for role in kept:
        if all((role.code, role.sector, role.since, role.until) != (u.code, u.sector, u.since, u.until)
               for u in unique):
            unique.append(role)
    unique.sort(key=lambda r: (r.since or date.min, r.until or date.max))
    return unique


def common_words(corpus: Path) -> set[str]:
    """Words that occur in lower case in the corpus of news sentences: English words, never a name."""
    words: set[str] = set()
    for line in corpus.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        words.update(re.findall(r"(?<![\w.])[a-z][a-z'\-]+", text))
    return words


def review(path: Path = REVIEW) -> dict[str, str]:
    """phrase -> reason, for phrases the review drops."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, action, reason = (line.split("\t") + ["", ""])[:3]
        if action == "drop":
            out[phrase.strip().lower()] = reason
    return out


def hand_codes(kinds: frozenset[str] = frozenset({"group", "org", "person"})) -> dict[str, str]:
    """Phrase -> code of the reviewed hand lists (groups, organisations, people)."""
    out: dict[str, str] = {}
    for name in ("actors_leaders.tsv", "actors_recent.tsv", "actors_manual.tsv"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                phrase, code, _sector, kind = (line.split("\t") + ["", "", ""])[:4]
                if kind in kinds:
                    out[phrase.strip().lower()] = code
    return out


def country_words() -> dict[str, str]:
    """Country names and demonyms (one or two words) -> ISO-3, from the committed dictionary's countryinfo and
    hand-list rows (never its Phoenix rows, which are people, bodies and groups)."""
    rows = json.loads((DATA / "actors.json").read_text(encoding="utf-8"))
    return {r["phrase"]: r["code"] for r in rows
            if r["kind"] in {"country", "demonym"} and len(r["phrase"].split()) <= 2}


def sub_phrases(words: list[str]) -> list[str]:
    return [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
            if j - i < len(words)]


def build(lexicons: Path) -> str:
    blocks: list[Block] = []
    for name in FILES:
        blocks.extend(parse(lexicons / name))
    countries = {CODES.get(code, code) for b in blocks if b.country_block for code, _ in b.raw if len(code) == 3}
    countries = (countries | LATER_STATES) - {""}
    groups = hand_codes(frozenset({"group"}))
    nations = country_words()
    common = common_words(CORPUS) | CREEDS | {w for phrase in country_words() for w in phrase.split()}
    dropped = review()
    hand = hand_codes()
    first_names = {p.split()[0] for b in blocks if not b.country_block for p in map(phrase_of, b.names)
                   if len(p.split()) > 1}
    rows: dict[str, dict[str, object]] = {}
    conflicts: set[str] = set()
    for block in blocks:
        if block.country_block or "International" in block.source and any(c.startswith("MNC") for c, _ in block.raw):
            continue
        roles = current_roles(block, countries)
        if not roles:
            continue
        phrases = [phrase_of(n) for n in block.names]
        known = next((hand[p] for p in phrases if p in hand), None)
        # a person's roles are dated; an institution's ("STATE_DUMA [RUSLEG]") and a group's are not
        dated = any(r.since or r.until for r in roles)
        armed = "MilNonState" in block.source or roles[-1].sector == "REB" or roles[-1].code == "IMG"
        kind = "group" if armed else ("person" if dated else "org")
        names = set(phrases) | set(hand)
        for phrase in phrases:
            words = phrase.split()
            if not _NAME_OK.match(phrase) or phrase in dropped or phrase in hand:
                continue
            # "Russian President Vladimir Putin": a titled variant of a name listed on its own; the title and the
            # demonym are read by the roles stage (sector, office), so the plain name is matched alone
            if any(" ".join(words[i:]) in names for i in range(1, len(words))):
                continue
            if len(words) == 1 and (len(phrase) < 4 or phrase in common or phrase in first_names):
                continue
            inner = sub_phrases(words)
            group_code = next((groups[p] for p in inner if p in groups), None) if kind == "group" else None
            if all(w in common or w in _SMALL for w in words) and not group_code:
                continue
            if len(words) == 1 and roles[-1].code in {"IGO", "NGO", "IMG"} and not known:
                continue  # an acronym of some unnamed body ("AMIT"): more often a word or a first name
            if len(words) > 1 and all(w in first_names or w in _SMALL for w in words):
                continue  # "Ali Abdullah": first names only, a part of many names
            if roles[-1].code in countries and any(nations.get(p, roles[-1].code) != roles[-1].code for p in inner):
                continue  # "Palestinian Resistance" coded FRA: the name speaks of another country
            row_roles = [[known or group_code or r.code, r.sector, r.since.isoformat() if r.since else None,
                          r.until.isoformat() if r.until else None] for r in roles]
            if known or group_code:
                row_roles = [row_roles[-1]]
            row: dict[str, object] = {"code": row_roles[-1][0], "sector": row_roles[-1][1] or "", "kind": kind,
                                      "case": "capital", "source": block.source}
            if any(r[2] or r[3] for r in row_roles) or len({r[0] for r in row_roles}) > 1:
                row["roles"] = row_roles
            previous = rows.get(phrase)
            if previous is not None and previous["code"] != row["code"]:
                conflicts.add(phrase)
            rows.setdefault(phrase, row)
    out = [{"phrase": p, **r} for p, r in sorted(rows.items()) if p not in conflicts]
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in out) + "\n]\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lexicons", type=Path, default=LEXICONS, help="folder holding the Phoenix actor files")
    parser.add_argument("--check", action="store_true", help="fail if the committed file is out of date")
    args = parser.parse_args()
    text = build(args.lexicons)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python scripts/build_phoenix_actors.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 2} entries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
