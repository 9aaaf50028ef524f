"""An upper bound for any detector of a tripled rate within one day (issue 15's bar), by exact computation.

The detectors in bench/escalation.py estimate a series' mean from its past. This bound gives the detector the
true mean of every day instead (no weekday rhythm, no drift: both only make detection harder), lets it alarm on a
day's count or on the sum of two days' (the tests that can see a step by t0+1: the likelihood ratio of a
step in a negative binomial grows with the count of each day after it), and spends the false-alarm budget of
issue 15 (one per 90 series-days) in the best way over the mix of rates: the thresholds of each rate are chosen
together, with randomised thresholds allowed (the upper concave hull of each rate's detection against false
alarms), so a detector that spends more of the budget where a tripling is hardest to see is covered too.

Counts are negative binomial NB(mean m, size r) (variance m + m^2/r), independent from day to day; from t0 on
the mean is 3m with the same size, as in bench/escalation.py. Detection: an alarm on t0 or t0 + 1. False alarms:
alarms per 90 days before t0. Everything is computed from the probability mass functions, no sampling.

    python bench/escalation_bound.py                      # sizes 10, 3, 1.3 and Poisson; rates 2, 5, 10, 30
    python bench/escalation_bound.py --sizes 10 --json bench/results/escalation_bound.json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

POISSON = 1e9  # a size this large is Poisson to the precision printed


@dataclass(frozen=True, slots=True)
class Point:
    """One setting of the two thresholds: alarm when a day's count >= single or two days' sum >= double."""

    false_alarms: float  # per 90 series-days
    detection: float  # share of steps alarmed on t0 or t0 + 1
    single: int
    double: int


def pmf(mean: float, size: float, top: int) -> np.ndarray:
    """NB(mean, size) probabilities of 0 .. top - 1 (Poisson when size is POISSON)."""
    k = np.arange(top)
    if size >= POISSON:
        logp = k * math.log(mean) - mean - np.array([math.lgamma(i + 1) for i in k])
    else:
        p = size / (size + mean)
        logp = (np.array([math.lgamma(i + size) - math.lgamma(size) - math.lgamma(i + 1) for i in k])
                + size * math.log(p) + k * math.log1p(-p))
    return np.exp(logp)


@dataclass(frozen=True, slots=True)
class Law:
    """The day's count before and after the step, as probabilities and P(X < j) tables."""

    null: np.ndarray
    step: np.ndarray
    null_below: np.ndarray  # null_below[j] = P(X < j) before the step
    step_below: np.ndarray

    @classmethod
    def of(cls, mean: float, size: float, factor: float = 3.0) -> Law:
        after = factor * mean
        top = int(2 * after + 12 * math.sqrt(after + after ** 2 / min(size, 1e6)) + 40)
        null, step = pmf(mean, size, top), pmf(after, size, top)
        return cls(null, step, np.concatenate(([0.0], np.cumsum(null))), np.concatenate(([0.0], np.cumsum(step))))

    @property
    def top(self) -> int:
        return len(self.null)

    def point(self, single: int, double: int) -> Point:
        """Exact false alarms and detection of: alarm when a day's count >= single or it and the day before
        sum to >= double."""
        top = self.top
        x = np.arange(single)
        below = np.clip(double - x, 0, top)
        quiet = float(np.sum(self.null[:single] * self.null_below[below]))
        # a miss: neither t0 nor t0 + 1 alarms (the day before t0 is at the old mean)
        miss = float(np.sum(self.step[:single] * self.null_below[below]
                            * self.step_below[np.clip(np.minimum(single, double - x), 0, top)]))
        return Point(90 * (1 - quiet), 1 - miss, single, double)


def points(mean: float, size: float, factor: float = 3.0) -> list[Point]:
    """Detection and false alarms of every pair of thresholds that can matter, exactly (a sum threshold above
    twice the single one adds alarms only after an alarm day)."""
    law = Law.of(mean, size, factor)
    return [law.point(single, double) for single in range(1, law.top) for double in range(1, 2 * single + 2)]


def hull(pts: Sequence[Point]) -> list[Point]:
    """The upper concave hull of detection against false alarms (randomised thresholds reach its edges)."""
    frontier: list[Point] = []
    for p in sorted(pts, key=lambda p: (p.false_alarms, -p.detection)):
        if frontier and p.detection <= frontier[-1].detection:
            continue
        while len(frontier) >= 2:
            a, b = frontier[-2], frontier[-1]
            cross = (b.false_alarms - a.false_alarms) * (p.detection - a.detection) - (
                b.detection - a.detection) * (p.false_alarms - a.false_alarms)
            if cross >= 0:
                frontier.pop()
            else:
                break
        frontier.append(p)
    return frontier


def at(frontier: Sequence[Point], budget: float) -> float:
    """The best detection of a rate at this false-alarm budget (interpolated on the hull)."""
    best = 0.0
    for a, b in zip(frontier, frontier[1:], strict=False):
        if a.false_alarms <= budget <= b.false_alarms:
            w = (budget - a.false_alarms) / (b.false_alarms - a.false_alarms)
            return a.detection + w * (b.detection - a.detection)
        if b.false_alarms <= budget:
            best = b.detection
    return max(best, frontier[0].detection if frontier and frontier[0].false_alarms <= budget else 0.0)


def best_mix(frontiers: Sequence[Sequence[Point]], budget: float = 1.0) -> tuple[float, list[float]]:
    """The most detection over the mix of rates (equal shares) with the mean false alarms within budget:
    the budget is given out in small slices, each to the rate whose hull rises most for it (concave hulls
    make the greedy allocation optimal)."""
    slices = 2000
    total = budget * len(frontiers)
    spent = [0.0] * len(frontiers)
    for _ in range(slices):
        d = total / slices
        gains = [at(f, s + d) - at(f, s) for f, s in zip(frontiers, spent, strict=True)]
        i = int(np.argmax(gains))
        spent[i] += d
    return float(np.mean([at(f, s) for f, s in zip(frontiers, spent, strict=True)])), spent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10.0, 3.0, 1.3, POISSON],
                        help="negative-binomial sizes (1e9 = Poisson)")
    parser.add_argument("--rates", type=float, nargs="+", default=[2.0, 5.0, 10.0, 30.0])
    parser.add_argument("--factor", type=float, default=3.0)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        frontiers = [hull(points(rate, size, args.factor)) for rate in args.rates]
        per_rate = [at(f, 1.0) for f in frontiers]
        mix, spent = best_mix(frontiers)
        name = "Poisson" if size >= POISSON else f"size {size:g}"
        rows.append({"noise": name, "per_rate_at_1": dict(zip(map(str, args.rates), per_rate, strict=True)),
                     "mix_best": mix, "mix_budget": dict(zip(map(str, args.rates), spent, strict=True))})
        shares = " / ".join(f"{d:.3f}" for d in per_rate)
        budget = " / ".join(f"{s:.2f}" for s in spent)
        print(f"{name:>9}: each rate at 1 false alarm per 90 days {shares} (rates {args.rates}); "
              f"best spending over the mix {mix:.3f} (false alarms per rate {budget})")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
