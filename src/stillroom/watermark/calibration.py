"""Calibration harness: are a detector's p-values uniform when the text or model never saw the key?

A p-value is only evidence if, under H0, P[p < a] <= a for every a. We check it the way an
opposing expert would: score texts (or a suspect's readings) that are independent of the key under
many random keys, and look at the resulting p-values:
- `frac_below[a]`: the fraction of trials with p < a (target: a, e.g. 0.1% +- 0.05% at 1e-3);
- `ks_p`: a Kolmogorov-Smirnov test of the p-values against U(0, 1). A binomial p-value is discrete
  (only super-uniform), so it is randomised within its atom first, which makes it exactly U(0, 1)
  under H0; continuous p-values (the distribution test) are used as they are;
- `var_z`: the variance of z across trials, 1 under H0 (the issue-20 bug showed up as 1.3-1.5).
The same functions run at small size in tests/test_watermark_calibration.py and at full size in
bench/calibration.py, for every scheme and setting (detect with and without de-duplication, the
open-model argmax and distribution tests, the closed-model answer test).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
from scipy.stats import binom, hypergeom, kstest, norm

from stillroom.watermark.detect import detect_ids
from stillroom.watermark.greenlist import GreenLists
from stillroom.watermark.key import WatermarkKey, random_secret
from stillroom.watermark.synthid import detect_ids as synthid_detect
from stillroom.watermark.synthid import synthid_of

ALPHAS = (0.05, 0.01, 0.001)


def random_keys(scheme: str, n: int, seed: int, gamma: float = 0.25, depth: int = 30) -> list[WatermarkKey]:
    rng = random.Random(seed)
    return [
        WatermarkKey(scheme=scheme, gamma=gamma, depth=depth, secret=random_secret(scheme, rng, depth))
        for _ in range(n)
    ]


@dataclass
class Trial:
    """One (text or suspect, key) score: green count (or mass) of `scored`, its z and p-value."""

    green: float
    scored: int
    z: float
    p: float
    discrete: bool  # binomial p-value (randomised before the KS test)
    rate: float | None = None  # H0's binomial rate when not the summary's gamma (synthid trace: p0)
    table: tuple[int, int] | None = None  # synthid detect: (cells, ones), a hypergeometric null


@dataclass
class Calibration:
    trials: int
    frac_below: dict[float, float]
    ks_p: float
    var_z: float
    mean_z: float

    def line(self) -> str:
        below = ", ".join(f"p<{a:g}: {f:.4%}" for a, f in self.frac_below.items())
        return f"{self.trials} trials; {below}; KS p {self.ks_p:.3g}; var(z) {self.var_z:.3f}; mean z {self.mean_z:+.3f}"

    def to_dict(self) -> dict:
        return asdict(self)


def randomised_p(t: Trial, gamma: float, rng: random.Random) -> float:
    """Exactly U(0,1) under H0: P[X > G] + U * P[X = G] for X ~ Binomial(N, gamma)."""
    if not t.discrete:
        return t.p
    if t.scored == 0:
        return rng.random()
    if t.table is not None:
        m, k = t.table
        return float(
            hypergeom.sf(t.green, m, k, t.scored) + rng.random() * hypergeom.pmf(t.green, m, k, t.scored)
        )
    q = gamma if t.rate is None else t.rate
    return float(binom.sf(t.green, t.scored, q) + rng.random() * binom.pmf(t.green, t.scored, q))


def by_source(per_key: Sequence[Sequence[Trial]], sources: dict[str, Sequence]) -> dict[str, list[Trial]]:
    """Trials of every key split back by text source: each key's trials follow the texts' order,
    which is `sources`' texts concatenated (how the benches report plain and human texts apart)."""
    out, start = {}, 0
    for name, texts in sources.items():
        out[name] = [t for trials in per_key for t in trials[start : start + len(texts)]]
        start += len(texts)
    return out


def summarize(trials: Sequence[Trial], gamma: float, seed: int = 0) -> Calibration:
    rng = random.Random(seed)
    scored = [t for t in trials if t.scored > 0]
    p = np.array([t.p for t in scored])
    z = np.array([t.z for t in scored])
    unif = [randomised_p(t, gamma, rng) for t in scored]
    return Calibration(
        trials=len(scored),
        frac_below={a: float(np.mean(p < a)) for a in ALPHAS},
        ks_p=float(kstest(unif, "uniform").pvalue),
        var_z=float(z.var()),
        mean_z=float(z.mean()),
    )


def detect_trials(
    texts: Sequence[Sequence[int]], keys: Sequence[WatermarkKey], vocab_size: int, dedup: bool = True
) -> list[Trial]:
    """Every text under every key (KGW or synthid): the texts must not have been written with any of these keys."""
    out = []
    for key in keys:
        if key.scheme == "synthid":
            sid = synthid_of(key)
            score, rate = (lambda ids, sid=sid: synthid_detect(ids, sid, dedup=dedup)), sid.p0
            table = (len(sid.table), int(sid.table.sum())) if dedup else None
        else:
            lists = GreenLists(key, vocab_size)
            score, rate, table = (lambda ids, lists=lists: detect_ids(ids, lists, dedup=dedup)), None, None
        for ids in texts:
            d = score(ids)
            # without de-dup there is no p-value; the z's normal tail is what it would claim
            p = d.p_value if d.p_value is not None else float(norm.sf(d.z_score))
            out.append(Trial(d.num_green, d.num_tokens_scored, d.z_score, p, dedup, rate, table))
    return out


def trace_trials(
    score: Callable[[GreenLists], object], keys: Sequence[WatermarkKey], vocab_size: int
) -> list[Trial]:
    """`score(lists)` -> TraceResult for each key; one trial per key."""
    out = []
    for key in keys:
        r = score(GreenLists(key, vocab_size))
        out.append(Trial(r.num_green, r.num_scored, r.z_score, r.p_value, r.test != "distribution", r.gamma))
    return out
