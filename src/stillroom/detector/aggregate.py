"""Per-key evidence from per-prompt labels: how sure are we that *most* of a key's prompts are X?

A single prompt proves little: real users sometimes write "Write a poem about autumn", exactly as
an instruction set does. What separates a distiller replaying an instruction set from a power
user is the *share* of such prompts, and that share is only known once there is enough traffic.
So the evidence is a ramp on a one-sided lower confidence bound of the share:

    LB(k, n) = Wilson lower bound at z of k "hits" in n prompts
             = (p + z^2/2n - z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n),   p = k/n
    evidence = ramp(LB, lo, hi) = clip((LB - lo) / (hi - lo), 0, 1)

Read it as: "with confidence ~Phi(z), at least LB of this key's prompts are hits"; the evidence is
0 while that guaranteed share is at or below `lo` (what benign keys reach) and 1 once it reaches
`hi`. Properties the tests check: it is in [0, 1]; it rises with k at fixed n; at a fixed share
it rises with n (the bound tightens), so a key needs volume before it counts; a key whose true
share stays below `lo` never reaches evidence > 0 however long it runs (LB < p <= lo). With
k = n the bound is n / (n + z^2), which fixes how many consecutive hits the first strong evidence
needs: with z = 2.33 (99%), lo = 0.5 and hi = 0.9 (`INSTRUCTION`), a key whose every prompt is
a hit reaches evidence 0.5 (LB 0.7) at request 13 and evidence 1 at request 49; a key at a 90%
share reaches 0.5 after 29, one at 80% after 115 (neither reaches 1); a key at 60% stays at 0.

The Wilson bound is used rather than a sequential likelihood-ratio test because it makes no
assumption about *how* benign keys are distributed below `lo`: an SPRT between two point shares
keeps accumulating on a heavy user whose share sits slightly above the benign mean, while the
bound stays at that user's share. `Tally` keeps the counts over a sliding window of requests.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import lru_cache

Z = 2.33  # one-sided 99%


@lru_cache(maxsize=4096, typed=True)
def wilson_lower(k: float, n: float, z: float = Z) -> float:
    """Lower end of the Wilson score interval for k successes in n trials (0 when n = 0).
    k may be fractional (a sum of probabilities), which keeps the bound well-defined. Cached: a
    request asks for ~9 bounds, nearly all of counts seen before (most are 0 of a window's n)."""
    if n <= 0:
        return 0.0
    p = min(1.0, max(0.0, k / n))
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z2 / n))


def ramp(x: float, lo: float, hi: float) -> float:
    if x <= lo:
        return 0.0
    return 1.0 if x >= hi else (x - lo) / (hi - lo)


def share_evidence(k: float, n: float, lo: float, hi: float, z: float = Z) -> float:
    """Evidence in [0, 1] that the share of hits among a key's n prompts is above `lo`."""
    return ramp(wilson_lower(k, n, z), lo, hi)


def excess_llr(k: float, n: float, p0: float) -> float:
    """Log-likelihood ratio of "this key's hit share is k/n" against "it is p0", when k/n > p0
    (else 0): n KL(k/n || p0), the binomial generalised likelihood-ratio statistic. By the
    Chernoff bound, a key whose true share is at most p0 reaches `excess_llr` >= t with
    probability at most exp(-t) at any one look, and a key below p0 drifts to 0. Unlike the
    normal approximation (Wilson's score), it stays honest at the small counts a 5% minority
    gives (9 hits in 157 against p0 = 1%: 8.5, i.e. p <= 2e-4; the exact tail is ~1e-4)."""
    if n <= 0 or k <= n * p0:
        return 0.0
    q = min(1.0, k / n)
    kl = q * math.log(q / p0) + ((1 - q) * math.log((1 - q) / (1 - p0)) if q < 1 else 0.0)
    return n * kl


@dataclass(frozen=True)
class ExcessRule:
    """Evidence that a *minority* share of hits is above a benign base rate `p0`: a ramp on
    `excess_llr` from `lo` (p <= 1%) to `hi` (p <= 1e-4). A share test needs the share to be
    large (`ShareRule`); this one needs it to be *significantly above p0*, however small."""

    p0: float
    lo: float = math.log(100)
    hi: float = math.log(10_000)

    def evidence(self, k: float, n: float) -> float:
        return ramp(excess_llr(k, n, self.p0), self.lo, self.hi)

    def pending(self, k: float, n: float) -> bool:
        """Whether the key has hits at a share above p0: the test is undecided and worth feeding
        (detector.py classifies such a key's single shots at full rate, until the share falls
        back below p0 - a benign key with one early hit pays for ~1/p0 classified requests)."""
        return k >= 1 and k > n * self.p0


@dataclass(frozen=True)
class ShareRule:
    """One per-key evidence: which per-prompt flag it counts and where its ramp sits."""

    flag: str
    lo: float
    hi: float
    z: float = Z

    def evidence(self, counts: Counter[str] | dict[str, float], n: float) -> float:
        return share_evidence(counts.get(self.flag, 0), n, self.lo, self.hi, self.z)


@dataclass
class Tally:
    """Per-prompt flag counts over the last `size` requests of one key (O(1) per request)."""

    size: int = 200
    items: deque = field(default_factory=deque)
    counts: Counter = field(default_factory=Counter)

    def add(self, flags: tuple[str, ...]) -> None:
        self.items.append(flags)
        self.counts.update(flags)
        if len(self.items) > self.size:
            self.counts.subtract(self.items.popleft())

    @property
    def n(self) -> int:
        return len(self.items)

    def evidence(self, rule: ShareRule) -> float:
        return rule.evidence(self.counts, self.n)


# The operating points, fixed before looking at the VAL sources (see bench/results/provenance.txt):
# a key counts as instruction-dataset traffic once, with ~99% confidence, more than half of its
# prompts read like instruction-set items (evidence 0 at LB 0.5, 1 at LB 0.9, "flagged" at 0.5 =
# LB 0.7); evaluation once more than 30% of its prompts are test items.
INSTRUCTION = ShareRule("instruction", lo=0.5, hi=0.9)
EVALUATION = ShareRule("eval", lo=0.3, hi=0.7)
OPERATING_POINT = 0.5
