"""Detection: how many scored tokens are green, as a z-score and a one-sided p-value.

Under H0 (text written without the key) each scored token is green with probability gamma, so the
green count of T scored tokens is Binomial(T, gamma). We report the reference's z-score
z = (G - gamma T) / sqrt(T gamma (1 - gamma)) and the *exact* binomial tail P[X >= G] as p-value:
the normal approximation overstates significance in the far tail and on short texts.

Repeated tuples (context window + token) are not independent evidence: a text that repeats a
phrase repeats its green hits. `dedup=True` scores each distinct *outcome* once: the (32-bit seed,
token) pair that decides the colour (`GreenLists.outcome`). For `simple_1` that is the reference's
`ignore_repeated_ngrams` (distinct tuples have distinct seeds); for `selfhash` it is stricter than
the reference, which de-duplicates tuples although many distinct tuples share one seed, and whose
p-values are therefore too small (issue 20: p < 0.001 in 0.22-0.50% of null trials).
Without de-duplication the p-value assumes repeats are independent, which they are not: the CLI
has no valid p-value: `p_value` is None then (JSON null); the z-score stays, for comparison with the
reference and MarkLLM, which score that way. On repetitive text it is not N(0, 1) under H0
(bench/results/calibration.txt).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy.optimize import brentq
from scipy.stats import binom, norm

from stillroom.watermark.greenlist import GreenLists


@dataclass
class Detection:
    num_tokens_scored: int
    num_green: int
    green_fraction: float
    z_score: float
    p_value: float | None  # None without de-duplication: repeats are not independent coins
    detected: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def z_score(green: int, total: int, gamma: float) -> float:
    if total == 0:
        return 0.0
    return (green - gamma * total) / math.sqrt(total * gamma * (1 - gamma))


def binomial_p(green: int, total: int, gamma: float) -> float:
    """P[Binomial(total, gamma) >= green]: the one-sided exact tail."""
    return float(binom.sf(green - 1, total, gamma)) if total else 1.0


def ngrams(ids: Sequence[int], n: int) -> Iterator[tuple[int, ...]]:
    return (tuple(ids[i : i + n]) for i in range(len(ids) - n + 1))


def count_green(tuples: Iterable[tuple[int, ...]], lists: GreenLists, dedup: bool = True) -> tuple[int, int]:
    """(green, scored) over scored tuples; with `dedup` each distinct outcome (seed, token) counts once."""
    return count_outcomes((lists.outcome(t) for t in tuples), lists, dedup)


def count_outcomes(
    outcomes: Iterable[tuple[int, int]], lists: GreenLists, dedup: bool = True
) -> tuple[int, int]:
    """(green, scored) over (seed, token) outcomes."""
    if dedup:
        outcomes = set(outcomes)
    green = scored = 0
    for o in outcomes:
        scored += 1
        green += lists.outcome_green(o)
    return green, scored


def decide(green: int, scored: int, gamma: float, z_threshold: float = 4.0, dedup: bool = True) -> Detection:
    z = z_score(green, scored, gamma)
    return Detection(
        num_tokens_scored=scored,
        num_green=green,
        green_fraction=green / scored if scored else 0.0,
        z_score=z,
        p_value=binomial_p(green, scored, gamma) if dedup else None,
        detected=scored > 0 and z > z_threshold,
    )


def detect_ids(
    ids: Sequence[int], lists: GreenLists, *, dedup: bool = True, z_threshold: float = 4.0
) -> Detection:
    """Score one token sequence; its first h tokens only serve as context."""
    green, scored = count_green(ngrams(list(ids), lists.ngram), lists, dedup)
    return decide(green, scored, lists.gamma, z_threshold, dedup)


def detect_text(
    text: str, tokenizer: Any, lists: GreenLists, *, dedup: bool = True, z_threshold: float = 4.0
) -> Detection:
    """Score a string: tokenized without special tokens, like the reference detector."""
    ids = drop_bos(tokenizer(text, add_special_tokens=False)["input_ids"], tokenizer.bos_token_id)
    return detect_ids(ids, lists, dedup=dedup, z_threshold=z_threshold)


def drop_bos(ids: Sequence[int], bos_id: int | None) -> list[int]:
    """Without a leading BOS, as the reference detector scores: no generated token follows it."""
    ids = list(ids)
    return ids[1:] if ids and bos_id is not None and ids[0] == bos_id else ids


def weighted_bernoulli_sf(s: float, w: np.ndarray, gamma: float) -> float:
    """P[sum_i w_i B_i >= s] for independent B_i ~ Bernoulli(gamma): Lugannani-Rice saddlepoint.

    Weights may have either sign (the contrast test's suspect-minus-reference probabilities); the
    cumulant generating function is the same. Close to the centre (|z| < 0.5, where the formula is
    0/0) the normal tail is used instead.
    """
    w = w[w != 0]
    if len(w) == 0:
        return 1.0 if s <= 0 else 0.0
    mean, var = gamma * w.sum(), gamma * (1 - gamma) * float((w * w).sum())
    top = float(w[w > 0].sum())  # the largest value the sum can take: every positive weight green
    if s <= float(w[w < 0].sum()):  # the smallest: every negative weight green, no positive one
        return 1.0
    if s > top * (1 + 1e-12) + 1e-300:
        return 0.0
    if s >= top - 1e-12 * max(1.0, abs(top)):
        # all positive weights green and all negative ones red
        return float(gamma ** int((w > 0).sum()) * (1 - gamma) ** int((w < 0).sum()))
    if abs(s - mean) < 0.5 * math.sqrt(var):
        return float(norm.sf((s - mean) / math.sqrt(var)))

    def cgf(th: float) -> tuple[float, float, float]:
        e = np.exp(np.clip(th * w, -700, 700))
        q = gamma * e / (1 - gamma + gamma * e)
        k = float(np.logaddexp(math.log(1 - gamma), math.log(gamma) + th * w).sum())
        return k, float((w * q).sum()), float((w * w * q * (1 - q)).sum())

    lo, hi = (0.0, 1.0) if s > mean else (-1.0, 0.0)
    while (cgf(hi)[1] - s) * (cgf(lo)[1] - s) > 0:
        lo, hi = (lo, hi * 2) if s > mean else (lo * 2, hi)
    th = brentq(lambda x: cgf(x)[1] - s, lo, hi, xtol=1e-12)
    k, _, k2 = cgf(th)
    r = math.copysign(math.sqrt(max(2 * (th * s - k), 0.0)), th)
    u = th * math.sqrt(k2)
    return float(min(1.0, max(0.0, norm.sf(r) + norm.pdf(r) * (1 / u - 1 / r))))
