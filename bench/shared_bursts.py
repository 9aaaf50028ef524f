"""How much of the day-to-day burstiness of real regional event counts is national (issue 15).

The ``pooled`` spike detector reads a region against the rest of its country, which explains the bursts that
move every region at once (a night of strikes across the country, a news cycle, the feeds' week) and none of
a region's own. Whether that helps depends on how much of a region's extra-Poisson variance is shared. This
measures it on the real case-study sample (data/case_study, coded with the real pipeline as
bench/case_study.py does): the daily events of each admin1 region of a country, and

- ``a``: the variance of a national multiplier, sum over pairs of regions of cov(x_r, x_s) / (m_r m_s)
  weighted by m_r m_s (regions that share a wave covary in proportion to their means);
- ``v``: a region's extra-Poisson variance per squared mean, 1/size: sum (var_r - m_r) / sum m_r^2;
- ``shared`` = a / v: the part of a region's burstiness that is national (the ``--shared`` of
  bench/escalation.py's regional streams);
- ``country_covariance``: the part of the country total's extra-Poisson variance that is covariance between
  regions (the regions' own variances summed account for the rest).

With a 7-day block bootstrap of the days (2,000 draws) for their 5 / 50 / 95 % points.

    python bench/shared_bursts.py                       # codes the sample first (~2 min)
    python bench/shared_bursts.py --store case.duckdb   # or reads a store coded by bench/case_study.py
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from case_study import DATA, RESULTS, code, load_articles  # noqa: E402

from warwatch.analytics.index import Index, index_from_store  # noqa: E402
from warwatch.store import Store  # noqa: E402


def region_matrix(index: Index, country: str) -> np.ndarray:
    """Daily events of each admin1 region of ``country``: regions x days."""
    keys = [k for k in index.keys("admin1") if k.startswith(f"admin1:{country}/")]
    return np.array([index.get(k).values("events") for k in keys], dtype=float)


def burst_shares(counts: np.ndarray) -> dict[str, float]:
    """``a``, ``v``, ``shared`` and ``country_covariance`` of a regions x days matrix (see the module)."""
    means = counts.mean(axis=1)
    cov = np.cov(counts, bias=True)
    pairs = cov.sum() - np.trace(cov)
    outer = np.outer(means, means)
    a = float(pairs / (outer.sum() - np.trace(outer)))
    v = float((np.trace(cov) - means.sum()) / (means ** 2).sum())
    total = counts.sum(axis=0)
    return {"a": a, "v": v, "shared": a / v if v > 0 else float("nan"),  # undefined without extra variance
            "country_covariance": float(pairs / (total.var() - total.mean()))}


def bootstrap(counts: np.ndarray, draws: int = 2000, block: int = 7, seed: int = 0) -> dict[str, list[float]]:
    rng = np.random.default_rng(seed)
    days = counts.shape[1]
    rows = []
    for _ in range(draws):
        starts = rng.integers(0, days - block, size=days // block + 1)
        cols = np.concatenate([np.arange(s, s + block) for s in starts])[:days]
        rows.append(burst_shares(counts[:, cols]))
    out: dict[str, list[float]] = {}
    for key in rows[0]:
        values = [r[key] for r in rows if not np.isnan(r[key])]  # a draw without extra variance has no share
        out[key] = [round(float(np.percentile(values, q)), 3) for q in (5, 50, 95)]
    out["draws_with_a_share"] = [sum(not np.isnan(r["shared"]) for r in rows)]
    return out


def measure(store_path: Path, start: date, end: date, countries: Sequence[str]) -> dict[str, object]:
    with Store.open(store_path) as store:
        index = index_from_store(store, start, end)
    out: dict[str, object] = {"period": [start.isoformat(), end.isoformat()]}
    for country in countries:
        counts = region_matrix(index, country)
        out[country] = {"regions": int(counts.shape[0]), "events_in_regions": int(counts.sum()),
                        "mean_per_day": round(float(counts.sum(axis=0).mean()), 3),
                        **{k: None if np.isnan(v) else round(v, 3) for k, v in burst_shares(counts).items()},
                        "bootstrap_5_50_95": bootstrap(counts)}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a store of the coded sample (default: code it now)")
    parser.add_argument("--start", type=date.fromisoformat, default=date(2025, 6, 1))
    parser.add_argument("--end", type=date.fromisoformat, default=date(2025, 9, 10))
    parser.add_argument("--countries", default="UKR", help="(RUS has 17 events in regions: too few)")
    parser.add_argument("--json", type=Path, default=RESULTS / "shared_bursts.json")
    args = parser.parse_args(argv)
    countries = args.countries.split(",")
    if args.store:
        result = measure(args.store, args.start, args.end, countries)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            store = code(load_articles(DATA / "sentences.jsonl"), Path(tmp))
            result = measure(store, args.start, args.end, countries)
    text = json.dumps(result, indent=1)
    print(text)
    args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
