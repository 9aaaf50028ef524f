"""Breaks from a rolling baseline: four standard detectors over a daily series.

Each day ``t`` is compared with its baseline, the ``window`` days before it (``t`` itself left out);
a day is tested once ``min_history`` baseline days exist, and is a break only when its value is at
least ``min_count`` and above the baseline.

- ``robust_z``: z = (x - median) / scale, scale = max(1.4826 * MAD, sqrt(max(median, min_baseline)))
  (the Poisson standard deviation as a floor, since the MAD of a quiet count series is often 0);
  a break when z >= ``z``.
- ``poisson``: the baseline mean lambda (at least ``min_baseline``); a break when P(X >= x | lambda) < ``alpha``
  (the surprise -log10 P is the statistic).
- ``negbin``: as ``poisson`` with a negative binomial of the baseline's mean and dispersion, so a series
  that is bursty by nature needs a bigger jump. The dispersion 1/r (variance = m + m^2/r) is the
  baseline's method-of-moments estimate shrunk toward a prior ``1/dispersion`` with the weight of
  ``prior_days`` baseline days: 28 days are too few to estimate a variance alone (the plain estimate
  swings by a third and more, and an underestimate is a false alarm). With ``weekly`` the expected
  value of each tested day is scaled by its weekday's share of the baseline (same weekday = same
  position modulo 7), shrunk toward 1 with the weight of 4 days. ``dispersion=None`` and
  ``weekly=False`` give the plain estimate of the earlier versions.
- ``pooled``: a region against the rest of its country, for bursts that are national (a wave of strikes, a
  news cycle, the weekday rhythm of the feeds, which move every region at once). Over the baseline the
  region's relative count is regressed on the rest of the country's (the slope, 0 .. 1, is how much of the
  rest's movement the region shares); a tested day expects the region's baseline mean moved by that slope
  times the rest's relative count on the day (the rest as an offset when the slope is 1, the region's own
  baseline when it is 0), and is tested with a negative binomial of that mean and the dispersion of the
  baseline's residuals around it (shrunk toward ``1/dispersion`` like ``negbin``), alpha and spans as
  ``negbin``. A national wave raises the expectation with the region, so it is no break of the region; a
  local break is. It needs the rest's series (``detect(..., rest=)``); without one, or with a baseline where
  the rest had no event, the day is read with ``negbin``.
- ``cusum``: a Poisson CUSUM (Lucas 1985) tuned to a rise of ``cusum_shift`` times the baseline:
  S_t = max(0, S_{t-1} + x ln(k) - (k - 1) lambda); a break when S_t >= ``cusum_h``, after which S restarts.
  It accumulates evidence over days: slower on a single-day jump, faster on a sustained modest rise.

Continuous metrics (the weighted conflict and cooperation scores) are always read with ``robust_z``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..errors import ConfigError

__all__ = ["METHODS", "Break", "SpikeParams", "detect", "tail_negbin", "tail_poisson"]

METHODS = ("robust_z", "poisson", "negbin", "pooled", "cusum")


@dataclass(frozen=True, slots=True)
class SpikeParams:
    """A detector and its parameters (``Settings.spike_params()`` builds it from the settings)."""

    method: str = "negbin"
    window: int = 28  # baseline days before the tested day
    min_history: int = 7  # baseline days needed before a day is tested
    min_count: float = 3.0  # a break's value is at least this
    min_baseline: float = 0.5  # floor of the baseline rate: one event after a silent month is no break
    z: float = 4.0  # robust_z threshold
    alpha: float = 0.012  # poisson, negbin, pooled: tail probability (chosen on generated streams: bench/escalation.py)
    cusum_shift: float = 3.0  # cusum: the rise it is tuned to (rate ratio)
    cusum_h: float = 6.0  # cusum decision interval
    span: int = 2  # robust_z, poisson, negbin, pooled: also test the sum of the last 2 .. span days (Bonferroni)
    dispersion: float | None = 5.0  # negbin, pooled: prior negative-binomial size r (None: the estimate alone)
    prior_days: float = 28.0  # negbin: weight of the prior dispersion, in baseline days
    weekly: bool = True  # negbin: scale the expected value by the tested day's weekday share of the baseline

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ConfigError(f"spike method {self.method!r}: one of {', '.join(METHODS)}")
        if self.window < 2 or self.min_history < 2 or self.min_history > self.window:
            raise ConfigError("spike window and min_history: 2 <= min_history <= window")
        if not 0 < self.alpha < 1:
            raise ConfigError(f"spike alpha must be between 0 and 1, got {self.alpha}")
        if not 1 <= self.span <= 7:
            raise ConfigError(f"spike span must be 1 to 7 days, got {self.span}")
        if self.cusum_shift <= 1:
            raise ConfigError(f"cusum shift must be above 1, got {self.cusum_shift}")
        if self.dispersion is not None and self.dispersion <= 0:
            raise ConfigError(f"spike dispersion (negative binomial size) must be positive, got {self.dispersion}")
        if self.prior_days < 0:
            raise ConfigError(f"spike prior_days must not be negative, got {self.prior_days}")


@dataclass(frozen=True, slots=True)
class Break:
    """Day ``index`` of a series broke from its baseline."""

    index: int
    value: float
    baseline: float  # the expected value: the baseline median (robust_z) or mean
    ratio: float  # value / baseline
    statistic: float  # z, -log10 P(X >= x), or the CUSUM S
    method: str
    days: int = 1  # the break is the sum of this many days ending on ``index``

    @property
    def size(self) -> float:
        """The excess over the baseline, in the series' own unit."""
        return self.value - self.baseline


def tail_poisson(x: float, mean: float) -> float:
    """P(X >= x) for X ~ Poisson(mean)."""
    k = math.ceil(x)
    if k <= 0:
        return 1.0
    log_mean = math.log(mean)
    below = sum(math.exp(i * log_mean - mean - math.lgamma(i + 1)) for i in range(k))
    return max(0.0, 1.0 - below) if below < 0.999 else _upper_poisson(k, mean)


def _upper_poisson(k: int, mean: float) -> float:
    """P(X >= k) summed from k upwards (precise in the far tail)."""
    log_mean, total = math.log(mean), 0.0
    i = k
    while True:
        term = math.exp(i * log_mean - mean - math.lgamma(i + 1))
        total += term
        if term < total * 1e-12 or i > k + 10_000:
            return total
        i += 1


def tail_negbin(x: float, mean: float, variance: float) -> float:
    """P(X >= x) for a negative binomial of ``mean`` and ``variance`` (Poisson when not overdispersed)."""
    if variance <= mean * 1.0001:
        return tail_poisson(x, mean)
    r = mean * mean / (variance - mean)
    p = r / (r + mean)  # success probability; P(X = i) = C(i + r - 1, i) p^r (1 - p)^i
    k = math.ceil(x)
    if k <= 0:
        return 1.0
    log_p, log_q, base = math.log(p), math.log1p(-p), math.lgamma(r)
    total, i = 0.0, k
    while True:
        term = math.exp(math.lgamma(i + r) - base - math.lgamma(i + 1) + r * log_p + i * log_q)
        total += term
        if (term < total * 1e-12 and i > k + mean) or i > k + 100_000:
            return min(1.0, total)
        i += 1


def detect(values: Sequence[float], params: SpikeParams | None = None, *, counts: bool = True,
           rest: Sequence[float] | None = None) -> list[Break]:
    """The breaks of a daily series. ``counts``: the values are counts (else ``robust_z`` is used). ``rest``:
    for ``pooled``, the same metric for the rest of the parent series on the same days (the country without
    the region); without it ``pooled`` reads the series alone with ``negbin``."""
    params = params or SpikeParams()
    if not counts and params.method != "robust_z":
        params = replace(params, method="robust_z")
    if params.method == "pooled" and rest is None:
        params = replace(params, method="negbin")
    if rest is not None and len(rest) != len(values):
        raise ValueError(f"rest has {len(rest)} days, the series {len(values)}")
    if params.method == "cusum":
        return _cusum(values, params)
    breaks: list[Break] = []
    for t, value in enumerate(values):
        if value < params.min_count or t < params.min_history:
            continue
        found = [b for span in range(1, params.span + 1)
                 if (b := _test(values, t, span, params, rest)) is not None]
        if found:
            breaks.append(max(found, key=lambda b: (b.statistic, -b.days)))
    return breaks


def _test(values: Sequence[float], t: int, span: int, params: SpikeParams,
          rest: Sequence[float] | None = None) -> Break | None:
    """The sum of the ``span`` days ending on ``t`` against the sums of ``span`` days before them."""
    first = t - span + 1
    if first < 0:
        return None
    history = values[max(0, first - params.window):first]
    if len(history) < params.min_history:
        return None
    value = float(sum(values[first:t + 1]))
    if values[t] <= 0:
        return None
    floor = params.min_baseline * span
    pooled = None
    if params.method == "robust_z":
        sums = [sum(history[i:i + span]) for i in range(len(history) - span + 1)]
        median = statistics.median(sums)
        mad = statistics.median(abs(h - median) for h in sums)
        scale = max(1.4826 * mad, math.sqrt(max(median, floor)))
        z = (value - median) / scale
        threshold = params.z + (span - 1) * 0.5  # a stricter bar for the wider test
        if z < threshold or value <= median:
            return None
        baseline = max(median, floor)
        return Break(t, value, baseline, value / baseline, z - (span - 1) * 0.5, "robust_z", span)
    if params.method == "poisson":
        mean = max(statistics.fmean(history), params.min_baseline) * span
        if value <= mean:
            return None
        tail = tail_poisson(value, mean)
    else:
        if params.method == "pooled" and rest is not None:
            pooled = _pooled_expectation(values, rest, first, t, params)
        mean, variance = pooled or _negbin_expectation(values, first, t, history, params)
        if value <= mean:
            return None
        tail = tail_negbin(value, mean, variance)
    tail *= params.span  # Bonferroni over the spans tried
    if tail >= params.alpha:
        return None
    method = "negbin" if params.method == "pooled" and pooled is None else params.method
    return Break(t, value, mean, value / mean, -math.log10(max(tail, 1e-300)), method, span)


def _negbin_expectation(values: Sequence[float], first: int, t: int, history: Sequence[float],
                        params: SpikeParams) -> tuple[float, float]:
    """The mean and variance of the sum of days ``first`` .. ``t`` under the baseline ``history`` (the days
    just before ``first``): days independent, each a negative binomial of the baseline mean (times its
    weekday factor) and the shrunk dispersion."""
    span, n = t - first + 1, len(history)
    daily = max(statistics.fmean(history), params.min_baseline)
    variance = statistics.pvariance(history) if n > 1 else daily
    inverse = max(0.0, (variance - daily) / (daily * daily))  # 1/r, method of moments
    if params.dispersion is not None:
        inverse = (n * inverse + params.prior_days / params.dispersion) / (n + params.prior_days)
    factor = _weekly_factor(history, first - n, first, t) if params.weekly else 1.0
    expected = daily * factor
    return expected * span, span * (expected + expected * expected * inverse)


def _pooled_expectation(values: Sequence[float], rest: Sequence[float], first: int, t: int,
                        params: SpikeParams) -> tuple[float, float] | None:
    """The mean and variance of the sum of days ``first`` .. ``t`` given the rest of the country on those days.

    Over the baseline (the ``window`` days before ``first``) the region's relative count x/mean(x) is
    regressed on the rest's y/mean(y): the slope (clipped to 0 .. 1) is the part of the rest's day-to-day
    movement the region shares. A tested day expects mean(x) * (1 + slope * (y/mean(y) - 1)): the region's own
    baseline when its bursts are its own (slope 0), its share of the rest's count when they are national
    (slope 1). The variance is a negative binomial's with the dispersion of the baseline days around their
    own such expectations, shrunk toward the prior. None when the rest had no event in the baseline."""
    lo = max(0, first - params.window)
    own, other = values[lo:first], rest[lo:first]
    own_mean, rest_mean = statistics.fmean(own), statistics.fmean(other)
    if rest_mean <= 0:
        return None
    slope = _national_slope(own, other, own_mean, rest_mean)

    def expect(y: float) -> float:
        return own_mean * (1.0 + slope * (y / rest_mean - 1.0))

    expected = [expect(y) for y in other]
    scale = sum(e * e for e in expected)
    inverse = max(0.0, sum((x - e) ** 2 - e for x, e in zip(own, expected, strict=True)) / scale) if scale else 0.0
    if params.dispersion is not None:
        inverse = (len(own) * inverse + params.prior_days / params.dispersion) / (len(own) + params.prior_days)
    days = [expect(y) for y in rest[first:t + 1]]
    mean = max(sum(days), params.min_baseline * len(days))
    return mean, mean + sum(e * e for e in days) * inverse


def _national_slope(own: Sequence[float], other: Sequence[float], own_mean: float, rest_mean: float) -> float:
    """The least-squares slope of x/mean(x) on y/mean(y) over the baseline, clipped to 0 .. 1."""
    spread = statistics.pvariance(other)
    if own_mean <= 0 or spread <= 0:
        return 0.0
    covariance = statistics.fmean((x - own_mean) * (y - rest_mean) for x, y in zip(own, other, strict=True))
    return min(1.0, max(0.0, covariance * rest_mean / (own_mean * spread)))


def _weekly_factor(history: Sequence[float], offset: int, first: int, t: int, weight: float = 4.0) -> float:
    """The mean over days ``first`` .. ``t`` of each day's weekday share of ``history`` (which starts at
    position ``offset``), shrunk toward 1 with ``weight`` pseudo-days; 1 for a baseline under two weeks."""
    total = statistics.fmean(history)
    if len(history) < 14 or total <= 0:
        return 1.0
    factors = []
    for day in range(first, t + 1):
        same = [v for i, v in enumerate(history) if (offset + i - day) % 7 == 0]
        ratio = statistics.fmean(same) / total if same else 1.0
        factors.append((len(same) * ratio + weight) / (len(same) + weight))
    return statistics.fmean(factors)


def _cusum(values: Sequence[float], params: SpikeParams) -> list[Break]:
    breaks: list[Break] = []
    cusum, k = 0.0, params.cusum_shift
    for t, value in enumerate(values):
        history = values[max(0, t - params.window):t]
        if len(history) < params.min_history:
            continue
        mean = max(statistics.fmean(history), params.min_baseline)
        cusum = max(0.0, cusum + value * math.log(k) - (k - 1.0) * mean)
        if cusum >= params.cusum_h and value >= params.min_count and value > mean:
            breaks.append(Break(t, value, mean, value / mean, cusum, "cusum"))
            cusum = 0.0
    return breaks
