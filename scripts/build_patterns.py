"""Write the lexicon section of src/warwatch/data/patterns/triggers.jsonl from public event-coding lexicons.

Sources (read in place from ../shared/data/lexicons, never copied into the repository):
  * PETRARCH2's CAMEO verb dictionary (petrarch2_CAMEO.verbpatterns.150430.txt, MIT): verb blocks
    ``--- NAME [code] ---`` list verbs with a CAMEO code, and phrase patterns ``- * NOUN [code]  # VERB``;
  * the CAMEO-to-PLOVER table (plover_CAMEO2PLOVER-2021.txt, CC BY-SA 4.0): CAMEO code -> PLOVER category.

The dictionary's blocks are WordNet synonym sets, and many members are not political verbs ("DISTURB [140]"
lists annoy, pester, vex as protests). So a verb enters the pattern file only when it is reviewed below
(``VERBS``: the word, whether it needs a cue, an example sentence written for this file); the script checks
that the dictionary does give it that PLOVER category, and writes the CAMEO code and block as its source.
The phrase patterns become frames the same way (``PHRASES``). Verbs already in the hand-written table keep
their table line (the table wins at lookup).

Usage: python scripts/build_patterns.py [--shared ../shared] [--check]
  --check: exit 1 if the committed triggers.jsonl differs from what the script would write.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRIGGERS = ROOT / "src" / "warwatch" / "data" / "patterns" / "triggers.jsonl"
VERB_FILE = "petrarch2_CAMEO.verbpatterns.150430.txt"
PLOVER_FILE = "plover_CAMEO2PLOVER-2021.txt"
GENERATED = ("lexicon", "lexicon-frame")

# Reviewed verbs: lemma -> (PLOVER category expected from the lexicon, weak, example written for this file).
# Left out on review: synonyms that are rarely political (annoy, pester, cheer, deal), verbs whose political
# sense is rare beside an everyday one (check, study, search, press, push, want, need), and CAMEO blocks whose
# PLOVER mapping does not fit news use (DELAY -> REJECT, DISRUPT -> SANCTION).
VERBS: dict[str, tuple[str, bool, str]] = {
    # ACCUSE (CAMEO 11: disapprove, criticize, denounce, accuse; 09: investigate)
    "castigate": ("ACCUSE", False, "The opposition leader castigated the cabinet over the failed evacuation."),
    "censure": ("ACCUSE", False, "The assembly censured the interior minister for the crackdown."),
    "chastise": ("ACCUSE", False, "The envoy chastised the militia for blocking the aid trucks."),
    "chide": ("ACCUSE", False, "The president chided his neighbours for their silence on the shelling."),
    "decry": ("ACCUSE", False, "Rights groups decried the mass arrests in the capital."),
    "deplore": ("ACCUSE", False, "The bishops deplored the bombing of the market."),
    "disparage": ("ACCUSE", False, "State television disparaged the exiled opposition leader."),
    "lambaste": ("ACCUSE", False, "The foreign minister lambasted the alliance for arming the rebels."),
    "reprimand": ("ACCUSE", False, "The ministry reprimanded the ambassador over his remarks."),
    "reproach": ("ACCUSE", False, "The mayor reproached the army for shelling the suburbs."),
    "admonish": ("ACCUSE", False, "The court admonished the government for ignoring its ruling."),
    "fault": ("ACCUSE", True, "The inquiry faulted the commanders for the attack on the convoy."),
    "probe": ("ACCUSE", False, "Prosecutors are probing the killing of the two journalists."),
    # SUPPORT (CAMEO 05: praise or endorse, forgive)
    "acclaim": ("SUPPORT", False, "The summit acclaimed the peace plan of the regional bloc."),
    "congratulate": ("SUPPORT", False, "The prime minister congratulated the new president on his victory."),
    "extol": ("SUPPORT", False, "The minister extolled the courage of the rescue teams."),
    "hail": ("SUPPORT", False, "Washington hailed the prisoner swap as a step toward peace."),
    "laud": ("SUPPORT", False, "The chancellor lauded the mediators for their patience."),
    "thank": ("SUPPORT", True, "The president thanked Poland for its support."),
    "salute": ("SUPPORT", True, "The leaders saluted the commitment of the peacekeepers."),
    "forgive": ("SUPPORT", False, "The widow said she forgave the soldiers who killed her husband."),
    # MOBILIZE (CAMEO 15)
    "muster": ("MOBILIZE", False, "The rebels mustered hundreds of fighters near the border."),
    "marshal": ("MOBILIZE", True, "The army marshalled troops and tanks along the river."),
    # REQUEST (CAMEO 10: demand)
    "exhort": ("REQUEST", False, "The cleric exhorted the militias to lay down their arms."),
    "entreat": ("REQUEST", False, "The families entreated the kidnappers to free the aid workers."),
    "clamour": ("REQUEST", False, "Protesters clamoured for the release of the detained students."),
    "clamor": ("REQUEST", False, "Residents clamored for more protection after the raids."),
    # CONCEDE (CAMEO 08: yield)
    "capitulate": ("CONCEDE", False, "The garrison capitulated after a three-month siege."),
    "cede": ("CONCEDE", False, "The government ceded control of the port to the regional council."),
    "relinquish": ("CONCEDE", False, "The colonel relinquished command of the northern army."),
    "acquiesce": ("CONCEDE", False, "The junta acquiesced to the mediators' timetable for elections."),
    "accede": ("CONCEDE", False, "The ministry acceded to the strikers' demands."),
    "pardon": ("CONCEDE", False, "The president pardoned forty jailed opposition activists."),
    "renounce": ("CONCEDE", False, "The movement renounced armed struggle at its congress."),
    "waive": ("CONCEDE", True, "The authorities waived the fines imposed on the protesters."),
}

# The forms spaCy's English lemmatizer gives some of these verbs ("lambasted" -> "lambast"): matched too.
LEMMATIZER_FORMS: dict[str, list[str]] = {"lambaste": ["lambast"], "extol": ["extoll"]}

# Reviewed phrase patterns of the dictionary ("- * SOLIDARITY [051]  # EXPRESS"): (verb of the comment, object
# noun of the pattern) -> the frame written for them: the verbs that take that object in the same sense.
PHRASES: list[dict] = [
    {"id": "express-solidarity", "cameo": [("EXPRESS", "SOLIDARITY"), ("EXPRESS", "SUPPORT"), ("DECLARE", "SUPPORT")],
     "lemma": ["express", "voice", "declare", "reiterate", "reaffirm", "show", "extend", "affirm", "restate"],
     "object": ["solidarity", "support", "backing"], "category": "SUPPORT",
     "rule": "verb:{lemma} {c0}",
     "example": "The foreign ministers expressed solidarity with the flooded provinces."},
    {"id": "express-condemnation", "cameo": [("EXPRESS", "CONDEMNATION"), ("EXPRESS", "OUTRAGE")],
     "lemma": ["express", "voice", "reiterate", "register"],
     "object": ["condemnation", "outrage", "indignation", "anger"], "category": "ACCUSE",
     "rule": "verb:{lemma} {c0}",
     "example": "Several governments voiced outrage at the execution of the prisoners."},
    {"id": "hold-responsible", "cameo": [("HOLD", "RESPONSIBLE")],
     "lemma": ["hold"], "object": None, "complement": ["responsible", "accountable", "liable"], "category": "ACCUSE",
     "rule": "verb:hold responsible",
     "example": "The government held the rebel commanders responsible for the massacre."},
]


def plover_table(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z]+)\s*,", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def to_plover(code: str, table: dict[str, str]) -> str | None:
    code = code.split(":")[0].strip()
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def read_cameo(path: Path) -> tuple[dict[str, tuple[str, str]], set[tuple[str, str, str]]]:
    """(verb -> (code, block)), {(comment verb, object noun, code)} of the one-noun phrase patterns."""
    verbs: dict[str, tuple[str, str]] = {}
    phrases: set[tuple[str, str, str]] = set()
    block: tuple[str, str] | None = None
    for line in path.read_text(encoding="latin-1").splitlines():
        m = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---", line)
        if m:
            block = (m.group(1), m.group(2).strip())
            continue
        p = re.match(r"^-\s*(?:\+\s*)?\*\s*(?:\+\s*)?([A-Z_&]+)\s*\[([^\]]+)\]\s*#\s*(.*)$", line)
        if p:
            for verb in re.findall(r"([A-Z]+)(?:\s*<[^>]*>)?", p.group(3)):
                phrases.add((verb, p.group(1), p.group(2).strip()))
            continue
        if block is None or not line or line[0] in "-#&+ ":
            continue
        v = re.match(r"^([A-Z][A-Z'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?", line)
        if v:
            verbs.setdefault(v.group(1).lower(), ((v.group(2) or block[1]).strip(), block[0]))
    return verbs, phrases


def generate(shared: Path) -> list[dict]:
    folder = shared / "data" / "lexicons"
    table = plover_table(folder / PLOVER_FILE)
    verbs, phrases = read_cameo(folder / VERB_FILE)
    lines: list[dict] = []
    for spec in PHRASES:
        sources = []
        for verb, noun in spec["cameo"]:
            codes = sorted(c for v, n, c in phrases if v == verb and n == noun)
            if not codes or to_plover(codes[0], table) != spec["category"]:
                raise SystemExit(f"{spec['id']}: no CAMEO pattern '{verb} * {noun}' giving {spec['category']}")
            sources.append(f"{verb} * {noun} [{codes[0]}]")
        if spec.get("object"):
            frame = {"child": [{"dep": ["dobj"], "lemma": spec["object"]}]}
        else:
            # "held the commanders responsible": the complement hangs off the verb or, as the parser often has
            # it, off the object; the parser also reads it as an adverbial clause of the verb
            frame = {"subtree": {"dep": ["oprd", "ccomp", "xcomp", "acomp", "amod", "advcl"],
                                 "lower": spec["complement"]}}
        lines.append({"id": f"lex.frame.{spec['id']}", "section": "lexicon-frame", "lemma": spec["lemma"],
                      "pos": ["VERB"], "frame": frame, "category": spec["category"], "mode": None, "weak": False,
                      "rule": spec["rule"], "source": "CAMEO verb patterns " + "; ".join(sources) + " -> PLOVER",
                      "example": spec["example"]})
    for lemma, (category, weak, example) in VERBS.items():
        if lemma not in verbs:
            raise SystemExit(f"{lemma}: not in the CAMEO verb dictionary")
        code, block = verbs[lemma]
        got = to_plover(code, table)
        if got != category:
            raise SystemExit(f"{lemma}: CAMEO {code} maps to {got}, not {category}")
        lemmas = [lemma, *LEMMATIZER_FORMS.get(lemma, [])]
        lines.append({"id": f"lex.verb.{lemma}", "section": "lexicon", "lemma": lemmas, "pos": "verb",
                      "category": category, "mode": None, "weak": weak, "rule": "verb:{lemma}",
                      "source": f"CAMEO {code} {block} -> PLOVER {category}", "example": example})
    return lines


def render(existing: str, generated: list[dict]) -> str:
    kept = [line for line in existing.splitlines() if line.strip() and json.loads(line)["section"] not in GENERATED]
    return "".join(line + "\n" for line in kept) + "".join(
        json.dumps(d, ensure_ascii=False) + "\n" for d in generated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    current = TRIGGERS.read_text(encoding="utf-8")
    wanted = render(current, generate(args.shared))
    if args.check:
        if wanted != current:
            print("triggers.jsonl is out of date: run scripts/build_patterns.py", file=sys.stderr)
            return 1
        return 0
    TRIGGERS.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
