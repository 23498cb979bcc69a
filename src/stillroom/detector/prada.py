"""PRADA (Juuti et al., "PRADA: Protecting against DNN Model Stealing Attacks", EuroS&P 2019).

Per key: keep a growing set G of "novel" queries. For each new query x, d = min_{g in G} ||x - g||
(here: L2 between unit hashed bag-of-words vectors). d joins the distance set D; x joins G when d
exceeds mean(D) - std(D). Benign queries give a roughly normal D; synthetic sweeps give a spiky
one, so the Shapiro-Wilk statistic W of D falls. Attack when W < delta (the paper tunes delta per
model; ours is `DetectorConfig.prada_delta`). A baseline to beat: it cannot see natural-looking
queries, and it says nothing about logprobs, timing or clusters.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np


class Prada:
    """Bounded: G keeps its most recent `max_set` members, D its last `max_dists` distances."""

    def __init__(
        self, dim: int, max_set: int = 128, max_dists: int = 500, min_dists: int = 30, every: int = 10
    ):
        self.g = np.zeros((8, dim), dtype=np.float32)  # grows by doubling up to max_set rows
        self.max_set = max_set
        self.g_n = 0  # members written so far (ring buffer index = g_n % max_set)
        self.d: list[float] = []
        self.max_dists, self.min_dists, self.every = max_dists, min_dists, every
        self.w: float | None = None  # latest Shapiro-Wilk statistic, None until min_dists distances
        self._sum = self._sq = 0.0
        self.seen = 0  # distances ever added (D itself stops growing at max_dists)

    def add(self, x: np.ndarray) -> float | None:
        if not x.any():
            return self.w
        if self.g_n == 0:
            self._grow(x)
            return self.w
        m = min(self.g_n, len(self.g))
        # ||x - g||^2 = 2 - 2 x.g for unit vectors
        dmin = math.sqrt(max(0.0, 2.0 - 2.0 * float((self.g[:m] @ x).max())))
        self._push(dmin)
        k = len(self.d)
        mean = self._sum / k
        std = max(0.0, self._sq / k - mean * mean) ** 0.5
        if dmin > mean - std:
            self._grow(x)
        self.seen += 1
        if k >= self.min_dists and (self.w is None or self.seen % self.every == 0):
            self.w = shapiro_w(np.asarray(self.d))
        return self.w

    def _grow(self, x: np.ndarray) -> None:
        if self.g_n == len(self.g) < self.max_set:
            self.g = np.concatenate([self.g, np.zeros_like(self.g)])[: self.max_set]
        self.g[self.g_n % len(self.g)] = x
        self.g_n += 1

    def _push(self, dmin: float) -> None:
        self.d.append(dmin)
        self._sum += dmin
        self._sq += dmin * dmin
        if len(self.d) > self.max_dists:
            old = self.d.pop(0)
            self._sum -= old
            self._sq -= old * old


def shapiro_w(d: np.ndarray) -> float:
    """W in (0, 1]; a constant sample (an exact-repeat sweep) is as far from normal as it gets.
    The statistic scipy.stats.shapiro computes (Royston's AS R94 coefficients, `_coefficients`),
    without its per-call overhead: 12 us instead of 140 us at n = 500, and a key recomputes W every
    `every` requests (prada.add was a fifth of observe's mean cost). Agrees with scipy to 1e-9
    (tests/test_detector_features.py)."""
    if float(d.std()) < 1e-9:
        return 0.0
    x = np.sort(d)
    s = x - x.mean()
    return float((_coefficients(len(x)) @ s) ** 2 / (s @ s))  # the weights sum to 0: a @ x = a @ s


@lru_cache(maxsize=512)
def _coefficients(n: int) -> np.ndarray:
    """Shapiro-Wilk weights for a sample of n >= 3 (Royston 1995, as scipy's swilk computes them):
    normal order-statistic approximations, the two outermost pairs by polynomials in 1/sqrt(n)."""
    from scipy.special import ndtri  # the normal quantile; scipy.special imports in milliseconds

    m = ndtri((np.arange(1, n + 1) - 0.375) / (n + 0.25))
    mm = float(m @ m)
    u = 1.0 / np.sqrt(n)
    c = m / np.sqrt(mm)
    an = c[-1] + np.polyval([-2.706056, 4.434685, -2.071190, -0.147981, 0.221157, 0.0], u)
    if n == 3:
        return np.array([-np.sqrt(0.5), 0.0, np.sqrt(0.5)])
    if n <= 5:  # one outer pair by its polynomial
        phi = (mm - 2 * m[-1] ** 2) / (1 - 2 * an**2)
        a = m / np.sqrt(phi)
        a[-1], a[0] = an, -an
        return a
    an1 = c[-2] + np.polyval([-3.582633, 5.682633, -1.752461, -0.293762, 0.042981, 0.0], u)
    phi = (mm - 2 * m[-1] ** 2 - 2 * m[-2] ** 2) / (1 - 2 * an**2 - 2 * an1**2)
    a = m / np.sqrt(phi)
    a[-1], a[-2], a[0], a[1] = an, an1, -an, -an1
    return a
