"""How many of a key's requests bring something it has not sent before: the items behind coverage.

Coverage ("broad topics at volume") counted requests, and heavy benign automation re-sends its items
verbatim under new wrappers: an OPRO replication scores every candidate instruction over one small
training slice (8,431 requests, 4% of them new text), a course's shared key has 80 students on the
same benchmark items, a bank's QA suite replays its scenarios nightly. Blind round 15 flagged all
three (session 30). A distiller gains little from asking an item again, so its requests are mostly
new text: 0.3-1.0 of them for most distiller personas of rounds 2-15 and the real suites, against
0.03 (the bank), 0.04 (OPRO) and 0.16 (the course). The exceptions re-send on purpose and are
caught by other terms, which this does not touch: data-generation meta-prompts around the same
seeds (0.08-0.09), logprob harvests re-asking prompts (0.10-0.37), Magpie's empty templates (0)
and our simulated paraphraser's small vocabulary (0.08). Exact-prompt de-duplication (`Window.digests`) misses them, because the wrapper
changes; here a request is *new* when at least min(4, half) of its word 3-shingles were never in
the key's earlier prompts. The same reading decides what the share tests count (session 31): the
mixed-items test counts a prompt once, not each time it is re-sent, and the wrapper terms
(templating, near-duplicates) fade with coverage where few requests are new (a drift monitor's
daily battery); a later chat turn counts as a harvested item only when it is new.

Memory is bounded: the shingles seen go into two generations of a Bloom filter (2 bits a shingle,
2^19 bits each); when the current one holds `GENERATION` new shingles it becomes the old one and a
fresh one starts, so "before" means roughly the key's last 40,000-80,000 new shingles (~1,000-2,000
of a distiller's requests, far longer for a key that mostly re-sends). At that fill a shingle never
seen reads as seen ~2% of the time, which moves a request of a dozen new shingles almost never.
A key allocates its filters (128 KB) at its `FROM`th request only; earlier requests count as new,
so a light key (most keys) costs nothing.
"""

from __future__ import annotations

import math

import numpy as np

from stillroom.detector.jit import kernel

BITS = 1 << 19
GENERATION = 40_000
FROM = 20  # a key's requests before this count as new (no filter yet)
MIN_NEW = 4

_MASK = np.uint64(BITS - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_S40 = np.uint64(40)
NO_FILTER = np.zeros(0, dtype=np.uint8)  # no old generation yet


class Novelty:
    """The key's Bloom filters and its count of new requests (lifetime)."""

    __slots__ = ("cur", "filled", "new", "old", "seen")

    def __init__(self) -> None:
        self.cur: np.ndarray | None = None  # uint8 [BITS / 8] each, allocated at request FROM
        self.old: np.ndarray | None = None
        self.filled = 0  # new shingles put into `cur`
        self.new = 0  # requests that brought new text
        self.seen = 0  # requests looked at

    def add(self, shingles: np.ndarray) -> bool:
        """Count one request by its shingle hashes (uint64, any order; empty: never new); whether
        it brought new text."""
        self.seen += 1
        if self.cur is None:
            if self.seen < FROM:
                self.new += 1
                return True
            self.cur = np.zeros(BITS // 8, dtype=np.uint8)
        if not len(shingles):
            return False
        fresh = mark_novel(shingles, self.cur, self.old if self.old is not None else NO_FILTER)
        self.filled += fresh
        if self.filled >= GENERATION:
            self.old, self.cur, self.filled = self.cur, np.zeros(BITS // 8, dtype=np.uint8), 0
        new = fresh >= min(MIN_NEW, math.ceil(len(shingles) / 2))
        self.new += new
        return new


@kernel
def mark_novel(shingles: np.ndarray, cur: np.ndarray, old: np.ndarray) -> int:
    """How many shingles neither generation held (not both of a shingle's two bits set, in `cur`
    or in `old`, read before any is set: a shingle twice in one prompt is new twice), then set
    their bits in `cur`. Bit positions: the hash itself and (hash x _MIX) >> 40, each & _MASK.
    Compiled (numba): numpy took ten calls, each with its fixed cost whatever the prompt's size
    (the same counts and bits: tests/test_detector_novelty.py)."""
    pos = np.empty(2 * len(shingles), np.uint64)
    for i, x in enumerate(shingles):
        pos[2 * i] = x & _MASK
        pos[2 * i + 1] = ((x * _MIX) >> _S40) & _MASK
    fresh = 0
    for i in range(len(shingles)):
        both = True
        for q in pos[2 * i : 2 * i + 2]:
            bit = np.uint8(1) << np.uint8(q & np.uint64(7))
            held = cur[q >> np.uint64(3)] | (old[q >> np.uint64(3)] if len(old) else np.uint8(0))
            both = both and (held & bit) != 0
        fresh += not both
    for q in pos:
        cur[q >> np.uint64(3)] |= np.uint8(1) << np.uint8(q & np.uint64(7))
    return fresh
