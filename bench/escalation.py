"""Validation of the spike detectors (warwatch.analytics.spikes).

(a) Generated streams: daily event counts with realistic background noise (negative binomial overdispersion,
    a weekly reporting rhythm with quieter weekends, a slow random walk of the underlying rate), a known
    break injected on day ``t0`` (the rate times ``--factor`` from then on). For every method and threshold:
    detection within 1 day of t0 (alarm on t0 or t0+1), the median delay, and false alarms per 90 tested
    series-days before t0. Thresholds are chosen on one seed (the tuning streams: the most sensitive one with
    at most one false alarm per 90 series-days) and reported on streams of another seed.

Regional streams (``--shared F``): one region of a country whose other regions report ``--rest`` events a
    day, the break in the region alone, the bursts a national wave (shared by every region, a fraction F of
    the burst variance) times local bursts, with each region's counts as overdispersed as the plain streams'
    (generate_region). The plain detectors read the region alone; ``pooled`` reads it against the rest of its
    country. bench/shared_bursts.py measures F on the real case-study sample.

(b) The case study on real dated news: bench/case_study.py.

Every setting of a method's grid that differs only in its threshold is scored from one run (``sweep``), so a
grid costs about one detector run per stream.

    python bench/escalation.py --runs 250 --steps-only --json bench/results/escalation_synthetic.json  # 10 min
    python bench/escalation.py --runs 250 --steps-only --dispersion 1e6 \
        --json bench/results/escalation_synthetic_poisson.json
    python bench/escalation.py --runs 150 --steps-only --shared 0.25 \
        --json bench/results/escalation_regional_shared25.json  # 11 min each; also --shared 0, 0.5, 1
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from warwatch.analytics.spikes import Break, SpikeParams, detect, tail_negbin

WEEKLY = (1.0, 1.05, 1.05, 1.0, 1.0, 0.85, 0.8)  # Monday .. Sunday: fewer reports at weekends


@dataclass(frozen=True, slots=True)
class Stream:
    values: tuple[int, ...]
    t0: int
    base: float
    means: tuple[float, ...] = ()  # the true daily means without the break (what the oracle knows)
    dispersion: float = 10.0
    rest: tuple[int, ...] = ()  # regional streams: the rest of the country's counts on the same days


def generate(rng: np.random.Generator, base: float, *, days: int = 104, t0_range: tuple[int, int] = (75, 90),
             factor: float = 3.0, dispersion: float = 10.0, drift: float = 0.03, pulse: bool = False) -> Stream:
    """One stream: NB(mean, mean + mean^2/dispersion) counts around a drifting weekly rate; from ``t0`` on
    (only on ``t0`` when ``pulse``) the rate is ``factor`` times what it would have been."""
    t0 = int(rng.integers(t0_range[0], t0_range[1] + 1))
    phase = int(rng.integers(0, 7))
    log_level = 0.0
    values, means = [], []
    for t in range(days):
        log_level = float(np.clip(log_level + rng.normal(0.0, drift), -0.5, 0.5))
        mean = base * math.exp(log_level) * WEEKLY[(t + phase) % 7]
        means.append(mean)
        if t >= t0 and (not pulse or t == t0):
            mean *= factor
        p = dispersion / (dispersion + mean)
        values.append(int(rng.negative_binomial(dispersion, p)))
    return Stream(tuple(values), t0, base, tuple(means), dispersion)


def generate_region(rng: np.random.Generator, base: float, *, shared: float, rest: float = 40.0, others: int = 8,
                    days: int = 104, t0_range: tuple[int, int] = (75, 90), factor: float = 3.0,
                    dispersion: float = 10.0, drift: float = 0.03) -> Stream:
    """One region of a country of ``others`` + 1 regions (the rest together ``rest`` events a day), with the
    break in the region alone. Each day's counts are Poisson around rate x weekday x W x L: W a national wave
    (gamma, mean 1, variance a) that every region shares, L a local burst (gamma, mean 1, variance b, one per
    region and day), with (1 + a)(1 + b) = 1 + 1/dispersion and a = ``shared``/dispersion: each region's
    counts have the variance m + m^2/dispersion of the plain streams (exactly a negative binomial when
    ``shared`` is 0 or 1), and ``shared`` is the part of the extra-Poisson variance that is national. The
    weekday rhythm is the feeds' and national; each region's slow drift is its own."""
    a = shared / dispersion
    b = (1.0 + 1.0 / dispersion) / (1.0 + a) - 1.0
    t0 = int(rng.integers(t0_range[0], t0_range[1] + 1))
    phase = int(rng.integers(0, 7))
    rates = [base] + [rest / others] * others
    levels = [0.0] * len(rates)
    values, rests, means = [], [], []
    for t in range(days):
        wave = float(rng.gamma(1.0 / a, a)) if a > 1e-9 else 1.0
        counts = []
        for r, rate in enumerate(rates):
            levels[r] = float(np.clip(levels[r] + rng.normal(0.0, drift), -0.5, 0.5))
            mean = rate * math.exp(levels[r]) * WEEKLY[(t + phase) % 7]
            if r == 0:
                means.append(mean)
                mean *= factor if t >= t0 else 1.0
            local = float(rng.gamma(1.0 / b, b)) if b > 1e-9 else 1.0
            counts.append(int(rng.poisson(mean * wave * local)))
        values.append(counts[0])
        rests.append(sum(counts[1:]))
    return Stream(tuple(values), t0, base, tuple(means), dispersion, tuple(rests))


@dataclass(frozen=True, slots=True)
class Score:
    runs: int
    detected_1d: float  # share of runs with an alarm on t0 or t0 + 1
    detected_7d: float
    median_delay: float | None
    false_per_90: float  # alarms before t0 per 90 tested series-days


def oracle(stream: Stream, params: SpikeParams) -> list[Break]:
    """The limit: the same tests (the day, and the last 2 .. span days, Bonferroni) with the true mean and
    dispersion of every day instead of estimates from a baseline. No detector that sees only the counts
    does better on average at the same false-alarm rate (the tests are likelihood-ratio tests of a rise)."""
    breaks = []
    for t, value in enumerate(stream.values):
        if t < params.min_history or value < params.min_count:
            continue
        best = 1.0
        for span in range(1, params.span + 1):
            mean = sum(stream.means[t - span + 1:t + 1])
            total = sum(stream.values[t - span + 1:t + 1])
            if total > mean:
                best = min(best, tail_negbin(total, mean, mean + mean * mean / (stream.dispersion * span)))
        if best * params.span < params.alpha:  # the statistic, as detect's, is Bonferroni-corrected
            breaks.append(Break(t, value, 0.0, 0.0, -math.log10(max(best * params.span, 1e-300)), "oracle"))
    return breaks


def score(streams: Sequence[Stream], params: SpikeParams, *, limit: bool = False) -> Score:
    return tally(streams, [run(s, params, limit=limit) for s in streams], params)


def run(stream: Stream, params: SpikeParams, *, limit: bool = False) -> list[Break]:
    """The alarms on one stream: the oracle's, or the detector's (given the rest of the country if known)."""
    return oracle(stream, params) if limit else detect(stream.values, params, rest=stream.rest or None)


def tally(streams: Sequence[Stream], alarms: Sequence[Sequence[Break]], params: SpikeParams) -> Score:
    """The score of the alarms raised on each stream (``alarms[i]`` on ``streams[i]``)."""
    hits_1d = hits_7d = false = tested = 0
    delays = []
    for stream, breaks in zip(streams, alarms, strict=True):
        tested += max(0, stream.t0 - params.min_history)
        false += sum(1 for b in breaks if b.index < stream.t0)
        after = [b.index - stream.t0 for b in breaks if b.index >= stream.t0]
        if after:
            delays.append(after[0])
            hits_1d += after[0] <= 1
            hits_7d += after[0] <= 7
    n = len(streams)
    return Score(n, hits_1d / n, hits_7d / n, statistics.median(delays) if delays else None,
                 90.0 * false / tested if tested else 0.0)


def threshold(params: SpikeParams) -> float:
    """The bar a break's statistic must reach: z for robust_z, -log10(alpha) for the tail tests."""
    return params.z if params.method == "robust_z" else -math.log10(params.alpha)


def sweep(streams: Sequence[Stream], grid: Sequence[SpikeParams], *, limit: bool = False) -> list[Score]:
    """``score`` of every setting of ``grid``. Settings that differ only in their threshold (alpha, z) share
    one run: the tests have no memory, so a day breaks at a stricter threshold exactly when its statistic
    (the best over the spans, Bonferroni-corrected) reaches it; the loosest setting's breaks are run once and
    filtered. The CUSUM restarts after an alarm, so each of its settings is run."""
    scores: dict[int, Score] = {}
    groups: dict[SpikeParams, list[int]] = {}
    for i, p in enumerate(grid):
        if p.method == "cusum":
            scores[i] = score(streams, p, limit=limit)
        else:
            groups.setdefault(replace(p, alpha=0.5, z=1.0), []).append(i)
    for members in groups.values():
        loosest = min((grid[i] for i in members), key=threshold)
        runs = [run(s, loosest, limit=limit) for s in streams]
        for i in members:
            bar = threshold(grid[i]) - 1e-12
            scores[i] = tally(streams, [[b for b in r if b.statistic >= bar] for r in runs], grid[i])
    return [scores[i] for i in range(len(grid))]


NB_ALPHAS = (5e-2, 4e-2, 3e-2, 2.5e-2, 2e-2, 1.5e-2, 1.2e-2, 1e-2, 8e-3, 6e-3, 4e-3, 3e-3, 2e-3, 1e-3, 3e-4)
CUSUM_H = (2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 7.0, 8.0)
LIMIT = "limit"  # the oracle: the same tests with the true mean and dispersion
GRID: dict[str, list[SpikeParams]] = {
    LIMIT: [SpikeParams(method="negbin", alpha=a) for a in NB_ALPHAS],
    "robust_z": [SpikeParams(method="robust_z", z=z) for z in (2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0)],
    "poisson": [SpikeParams(method="poisson", alpha=a) for a in (3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5)],
    "negbin": [SpikeParams(method="negbin", alpha=a) for a in NB_ALPHAS],
    "negbin_plain": [SpikeParams(method="negbin", alpha=a, dispersion=None, weekly=False)
                     for a in (2e-2, 1e-2, 6e-3, 4e-3, 3e-3, 2e-3, 1e-3, 3e-4, 1e-4)],
    "cusum": [SpikeParams(method="cusum", cusum_shift=s, cusum_h=h) for s in (2.0, 3.0) for h in CUSUM_H],
}
POOLED = {"pooled": [SpikeParams(method="pooled", alpha=a, dispersion=r) for r in (5.0, 20.0) for a in NB_ALPHAS]}
# regional streams only: the region against the rest of its country


def label(params: SpikeParams) -> str:
    if params.method == "robust_z":
        return f"z>={params.z:g}"
    if params.method == "cusum":
        return f"k={params.cusum_shift:g} h={params.cusum_h:g}"
    if params.method in ("negbin", "pooled") and params.dispersion is not None:
        return f"alpha={params.alpha:g} prior r={params.dispersion:g} ({params.prior_days:g} d)" + (
            " weekly" if params.weekly and params.method == "negbin" else "")
    return f"alpha={params.alpha:g}"


def choose(streams: Sequence[Stream], grid: Sequence[SpikeParams], max_false: float = 1.0, *,
           limit: bool = False) -> SpikeParams:
    """The most sensitive setting (detection within 1 day) with at most ``max_false`` per 90 series-days."""
    scored = list(zip(sweep(streams, grid, limit=limit), grid, strict=True))
    allowed = [(s, p) for s, p in scored if s.false_per_90 <= max_false] or [min(scored, key=lambda sp:
                                                                                  sp[0].false_per_90)]
    return max(allowed, key=lambda sp: (sp[0].detected_1d, -sp[0].false_per_90))[1]


Maker = Callable[[np.random.Generator, float, bool], Stream]


def synthetic(runs: int, bases: Sequence[float], make: Maker, min_count: float,
              pulses: Sequence[bool] = (False, True), methods: Mapping[str, list[SpikeParams]] | None = None,
              ) -> list[dict[str, object]]:
    """For each method: the setting chosen on ``runs`` streams per base rate of seed 1, scored on as many
    fresh streams of seed 2, over all rates and per rate."""
    tune_rng, test_rng = np.random.default_rng(1), np.random.default_rng(2)
    rows: list[dict[str, object]] = []
    for pulse in pulses:
        tune = [make(tune_rng, b, pulse) for b in bases for _ in range(runs)]
        test = {b: [make(test_rng, b, pulse) for _ in range(runs)] for b in bases}
        for method, grid in (methods or GRID).items():
            grid = [replace(p, min_count=min_count) for p in grid]
            chosen = choose(tune, grid, limit=method == LIMIT)
            for base, streams in [("all", [s for ss in test.values() for s in ss]), *test.items()]:
                result = score(streams, chosen, limit=method == LIMIT)
                rows.append({"break": "1-day pulse" if pulse else "step", "method": method,
                             "setting": f"alpha={chosen.alpha:g} true mean and size" if method == LIMIT
                             else label(chosen), "base_rate": base, "runs": result.runs,
                             "detected_within_1d": round(result.detected_1d, 3),
                             "se": round(math.sqrt(result.detected_1d * (1 - result.detected_1d) / result.runs), 3),
                             "detected_within_7d": round(result.detected_7d, 3),
                             "median_delay_days": None if result.median_delay is None else
                             float(result.median_delay),
                             "false_alarms_per_90_series_days": round(result.false_per_90, 3)})
    return rows


def print_table(rows: Sequence[dict[str, object]]) -> None:
    heads = list(rows[0])
    print("| " + " | ".join(heads) + " |")
    print("|" + "---|" * len(heads))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in heads) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=150, help="streams per base rate and seed (default 150)")
    parser.add_argument("--bases", default="2,5,10,30", help="base rates, events a day (default 2,5,10,30)")
    parser.add_argument("--factor", type=float, default=3.0, help="the break multiplies the rate by this (3)")
    parser.add_argument("--min-count", type=float, default=3.0, help="SpikeParams.min_count (default 3)")
    parser.add_argument("--dispersion", type=float, default=10.0,
                        help="negative binomial size of the noise (default 10: sd = sqrt(m + m^2/10); 1e6: Poisson)")
    parser.add_argument("--steps-only", action="store_true", help="leave out the 1-day pulses")
    parser.add_argument("--shared", type=float, default=None,
                        help="regional streams (generate_region): the share of the burst variance that is national "
                             "(0 .. 1); adds the pooled detector, which reads the region against the rest")
    parser.add_argument("--rest", type=float, default=40.0,
                        help="regional streams: events a day in the rest of the country (default 40)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    make: Maker
    if args.shared is None:
        def make(rng: np.random.Generator, base: float, pulse: bool) -> Stream:
            return generate(rng, base, factor=args.factor, pulse=pulse, dispersion=args.dispersion)
        methods = GRID
    else:
        if args.steps_only is False:
            parser.error("--shared: steps only (add --steps-only)")

        def make(rng: np.random.Generator, base: float, pulse: bool) -> Stream:
            return generate_region(rng, base, shared=args.shared, rest=args.rest, factor=args.factor,
                                   dispersion=args.dispersion)
        methods = {**GRID, **POOLED}
    rows = synthetic(args.runs, [float(b) for b in args.bases.split(",")], make, args.min_count,
                     (False,) if args.steps_only else (False, True), methods)
    print_table(rows)
    print(f"\n{time.perf_counter() - started:.0f} s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
