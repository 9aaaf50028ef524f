"""Quality gate: code ../shared/data/dev, the PLOVER GSR half and the GVDB casualty set (end to end, as
hidden casualty sets are scored), geoparse the LGL and GeoWebNews toponym sets, score with the shared
scorers, run ../shared/eval/sealed.py on the sealed sets of real news (figures only), and fail when a figure
drops below its floor in gate/floors.json. The sealed figures are the result; the dev figures are for finding
errors, so a dev floor may go down when the sealed figures go up (say so in the commit).

Raising a floor is a commit; lowering one needs a reason in the commit message.
Usage: python scripts/gate.py [--shared ../shared] [--update]   (--update prints figures, fails on nothing)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "gate" / "floors.json"
SETS = {"dev": "data/dev", "plover_gsr": "data/plover_gsr", "gvdb": "data/casualties/gvdb"}
GEO_SETS = {"lgl": "data/geo/lgl", "gwn": "data/geo/gwn"}
SEALED_SETS = ("news",)  # the sets of ../shared/data/sealed, keyed as sealed.py --json keys them


def figures(result: dict) -> dict[str, float]:
    out = {
        "events_f1": result["events"]["f1"],
        "events_precision": result["events"]["precision"],
        "events_recall": result["events"]["recall"],
        "dedup_f1": (result.get("dedup") or {}).get("f1") or 0.0,
        "negatives_false_events": result["negatives"]["false_events"],
    }
    for name, field in result["fields"].items():
        if field.get("accuracy") is not None:
            out[f"{name}_accuracy"] = field["accuracy"]
    return out


def per_source(records: list[dict]) -> list[dict]:
    """A merged event as each source reported it: one record per article with that article's figures.

    The gold figures are "as reported in this excerpt", so the dead/injured floors are checked on the
    figures each source gave (``figures_by_source``); the reconciled figures of the merged events are
    reported as ``*_accuracy_reconciled``.
    """
    out = []
    for record in records:
        sources = record.get("figures_by_source")
        if not sources:
            out.append(record)
            continue
        for source in sources:
            out.append(record | {"article_ids": [source["article_id"]], "dead": source["dead"],
                                 "injured": source["injured"]})
    return out


def score(shared: Path, gold: Path, pred: Path) -> dict:
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold),
                             "--pred", str(pred), "--json"], check=True, capture_output=True, text=True)
    return json.loads(scored.stdout)


def run_set(shared: Path, name: str, workdir: Path) -> dict[str, float]:
    folder = shared / SETS[name]
    pred = workdir / f"{name}.jsonl"
    warwatch = Path(sys.executable).parent / "warwatch"
    subprocess.run([str(warwatch), "code", str(folder / "articles.jsonl"), "--output", str(pred), "--no-store",
                    "--no-progress"], check=True)
    got = figures(score(shared, folder / "gold.jsonl", pred))
    records = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    if any(r.get("figures_by_source") for r in records):
        exploded = workdir / f"{name}.per_source.jsonl"
        exploded.write_text("".join(json.dumps(r) + "\n" for r in per_source(records)), encoding="utf-8")
        sources = figures(score(shared, folder / "gold.jsonl", exploded))
        for key in ("dead_accuracy", "injured_accuracy"):
            if key in got:
                got[key + "_reconciled"] = got[key]
            if key in sources:
                got[key] = sources[key]
    return got


def run_sealed(shared: Path, name: str, workdir: Path) -> dict[str, float]:
    """The sealed sets of real news through ../shared/eval/sealed.py: aggregate figures only, never a text."""
    warwatch = Path(sys.executable).parent / "warwatch"
    done = subprocess.run([sys.executable, str(shared / "eval" / "sealed.py"), "--json", "--warwatch", str(warwatch)],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    return figures(json.loads(done.stdout)[name])


def run_geo_set(shared: Path, name: str, workdir: Path) -> dict[str, float]:
    """`warwatch geoparse` (the second contract) on a toponym set, scored by score_geo.py."""
    folder = shared / GEO_SETS[name]
    pred = workdir / f"{name}-places.jsonl"
    warwatch = Path(sys.executable).parent / "warwatch"
    subprocess.run([str(warwatch), "geoparse", str(folder / "articles.jsonl"), "--output", str(pred)], check=True)
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score_geo.py"), "--gold",
                             str(folder / "gold.jsonl"), "--pred", str(pred), "--json"],
                            check=True, capture_output=True, text=True)
    result = json.loads(scored.stdout)
    return {"tagging_f1": result["tagging"]["f1"], "acc161": result["resolution"]["acc161"],
            "acc25": result["resolution"]["acc25"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--update", action="store_true", help="print the figures as a floors file; never fail")
    args = parser.parse_args()
    if not (args.shared / "eval" / "score.py").exists():  # nothing was measured: not a pass
        print(f"gate: {args.shared} has no eval/score.py: the gate needs the shared data sets and scorer "
              "(give their folder with --shared, or SHARED=... to make); nothing was measured", file=sys.stderr)
        return 2
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    failures: list[str] = []
    measured: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(name, run_set) for name in SETS] + [(name, run_geo_set) for name in GEO_SETS]
        if (args.shared / "eval" / "sealed.py").exists() and any((args.shared / "data" / "sealed").glob("*.sealed")):
            runs += [(name, run_sealed) for name in SEALED_SETS]
        for name, run in runs:
            measured[name] = got = run(args.shared, name, Path(tmp))
            for key, value in sorted(got.items()):
                floor = floors.get(name, {}).get(key)
                if floor is None:
                    mark = ""
                elif key.startswith("negatives"):
                    mark = "ok" if value <= floor else "ABOVE CEILING"
                else:
                    mark = "ok" if value >= floor else "BELOW FLOOR"
                if mark not in {"", "ok"}:
                    failures.append(f"{name} {key} = {value} ({mark} {floor})")
                floor_text = "floor " + str(floor) if floor is not None else ""
                print(f"gate: {name:11} {key:28} {value:>8} {floor_text:14} {mark}")
    if args.update:
        print(json.dumps(measured, indent=2))
        return 0
    if failures:
        print("gate: FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print("gate: all figures at or above their floors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
