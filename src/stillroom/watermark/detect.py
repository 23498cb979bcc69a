"""Detection: how many scored tokens are green, as a z-score and a one-sided p-value.

Under H0 (text written without the key) each scored token is green with probability gamma, so the
green count of T scored tokens is Binomial(T, gamma). We report the reference's z-score
z = (G - gamma T) / sqrt(T gamma (1 - gamma)) and the *exact* binomial tail P[X >= G] as p-value:
the normal approximation overstates significance in the far tail and on short texts.

Repeated tuples (context window + token) are not independent evidence: a text that repeats a
phrase repeats its green hits. `dedup=True` (the reference's `ignore_repeated_ngrams`) scores each
distinct tuple once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from scipy.stats import binom

from stillroom.watermark.greenlist import GreenLists


@dataclass
class Detection:
    num_tokens_scored: int
    num_green: int
    green_fraction: float
    z_score: float
    p_value: float
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
    """(green, scored) over scored tuples; with `dedup` each distinct tuple counts once."""
    if dedup:
        tuples = set(tuples)
    green = scored = 0
    for t in tuples:
        scored += 1
        green += lists.is_green(t)
    return green, scored


def decide(green: int, scored: int, gamma: float, z_threshold: float = 4.0) -> Detection:
    z = z_score(green, scored, gamma)
    return Detection(
        num_tokens_scored=scored,
        num_green=green,
        green_fraction=green / scored if scored else 0.0,
        z_score=z,
        p_value=binomial_p(green, scored, gamma),
        detected=scored > 0 and z > z_threshold,
    )


def detect_ids(
    ids: Sequence[int], lists: GreenLists, *, dedup: bool = True, z_threshold: float = 4.0
) -> Detection:
    """Score one token sequence; its first h tokens only serve as context."""
    green, scored = count_green(ngrams(list(ids), lists.ngram), lists, dedup)
    return decide(green, scored, lists.gamma, z_threshold)


def detect_text(
    text: str, tokenizer: Any, lists: GreenLists, *, dedup: bool = True, z_threshold: float = 4.0
) -> Detection:
    """Score a string: tokenized without special tokens, like the reference detector."""
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    if ids and tokenizer.bos_token_id is not None and ids[0] == tokenizer.bos_token_id:
        ids = ids[1:]
    return detect_ids(ids, lists, dedup=dedup, z_threshold=z_threshold)
