"""Green lists: which token ids a context window favours, exactly as jwkirchenbauer/lm-watermarking.

Definition (Kirchenbauer et al., ICML 2023, and the reference code): a pseudo-random function of the
context window gives an integer seed; a CPU `torch.Generator` seeded with it draws
`torch.randperm(V)`; the first `int(V * gamma)` entries are the green list.

- `simple_1`: seed = hash_key * previous token.
- `selfhash`: window = 3 previous tokens + the candidate; seed = min over the window of
  hash_key * h(t) * h(candidate), in wrapping int64 like the reference's tensor maths, where h is a
  fixed permutation table of 1,000,003 entries drawn from a generator seeded 2971215073.

Both end with `seed % (2**64 - 1)`. torch's CPU generator keeps only the low 32 bits of a seed, so
what decides a token's colour is `(seed & 0xFFFFFFFF, token)`: `GreenLists.outcome`, the unit that
detection and trace de-duplicate on. For `selfhash` that pair is (the window token with the smallest
hash product, candidate), often the candidate itself, so many distinct 4-token tuples share one
outcome; counting them apart inflates the variance of z about 14x (issue 20). A green list costs one randperm (~0.25 ms at V=49152), so
membership masks are cached per (seed, V, gamma), bit-packed (6 KB each at V=49152).

Detection mostly asks about one token per context, and a whole randperm for one answer is waste.
torch's CPU randperm is a forward Fisher-Yates shuffle driven by the generator's mt19937 (step i
swaps position i with i + draw_i mod (V - i)), so positions [0, k) are final after k steps: whether
one token lands in the first k = int(V * gamma) needs only k draws (numpy's legacy RandomState is
the same mt19937, seeded the same way from the seed's low 32 bits) and a walk along the token's
moves. `in_green` answers a context's first question that way (0.10 ms instead of 0.25 ms for
the randperm and mask at V=49152, gamma 0.25); a context asked about again gets a cached mask.
tests/test_watermark_greenlist.py checks both against
torch.randperm over many seeds, so a change in torch's algorithm fails loudly, not silently.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
import torch

from stillroom.watermark.hashtable import TABLE_SIZE, hash_table
from stillroom.watermark.key import WatermarkKey

_U64 = 2**64


def _hashint(token: int) -> int:
    return int(hash_table()[token % TABLE_SIZE]) + 1


def _wrap64(x: int) -> int:
    """Python int -> the int64 a torch tensor would hold after overflow."""
    return (x + 2**63) % _U64 - 2**63


def seed_for(window: Sequence[int], scheme: str, hash_key: int) -> int:
    """The PRF: generator seed for a context window (for `selfhash`, the window ends with the candidate)."""
    if scheme == "simple_1":
        return (hash_key * int(window[-1])) % (_U64 - 1)
    if scheme == "selfhash":
        anchor = _hashint(int(window[-1]))
        return min(_wrap64(_wrap64(hash_key * _hashint(int(t))) * anchor) for t in window[-4:]) % (_U64 - 1)
    raise ValueError(f"unknown watermark scheme {scheme!r}")


SEED_BITS = 0xFFFFFFFF  # what torch.Generator.manual_seed keeps (mt19937 takes a 32-bit seed)


def green_ids(seed: int, vocab_size: int, gamma: float) -> torch.Tensor:
    """The green list of one seed, in permutation order (the reference's `_get_greenlist_ids`)."""
    g = torch.Generator(device="cpu")
    g.manual_seed(seed)
    # int32 draws the same permutation (the shuffle's random stream does not depend on dtype), ~25% faster
    return torch.randperm(vocab_size, generator=g, dtype=torch.int32)[: int(vocab_size * gamma)].long()


_MASKS: OrderedDict[tuple[int, int, float], np.ndarray] = OrderedDict()  # LRU of packed masks
_MASKS_MAX = 8192
_ASKED: set[tuple[int, int, float]] = set()  # contexts asked about once, answered without a mask
_ASKED_MAX = 1 << 16
_LOCK = threading.Lock()
_LOCAL = threading.local()


def _packed_mask(seed: int, vocab_size: int, gamma: float) -> np.ndarray:
    key = (seed, vocab_size, gamma)
    with _LOCK:
        if key in _MASKS:
            _MASKS.move_to_end(key)
            return _MASKS[key]
    mask = np.zeros(vocab_size, dtype=bool)
    mask[green_ids(seed, vocab_size, gamma).numpy()] = True
    packed = np.packbits(mask)
    with _LOCK:
        _MASKS[key] = packed
        if len(_MASKS) > _MASKS_MAX:
            _MASKS.popitem(last=False)
    return packed


def clear_cache() -> None:
    with _LOCK:
        _MASKS.clear()
        _ASKED.clear()


def swap_targets(seed: int, vocab_size: int, steps: int) -> np.ndarray:
    """Where the first `steps` steps of torch's CPU randperm(vocab_size) swap position i to."""
    rs = getattr(_LOCAL, "rs", None)
    if rs is None:
        rs = _LOCAL.rs = np.random.RandomState(0)
    rs.seed(seed & 0xFFFFFFFF)  # torch's mt19937 keeps the low 32 bits of a 64-bit seed
    i = np.arange(steps, dtype=np.int64)
    return i + rs.randint(0, 2**32, size=steps, dtype=np.uint32).astype(np.int64) % (vocab_size - i)


def lands_in_prefix(targets: np.ndarray, token: int) -> bool:
    """Does `token` end in positions [0, len(targets)) of the shuffle? Follows only its own moves."""
    k = len(targets)
    pos, start = token, 0
    while True:
        # steps start..pos-1 leave `token` where it is unless one of them picks its position
        if start < min(pos, k) and bool((targets[start : min(pos, k)] == pos).any()):
            return True
        if pos >= k:
            return False
        nxt = int(targets[pos])  # step `pos` moves the token itself (or leaves it: then it is final)
        if nxt == pos:
            return True
        start, pos = pos + 1, nxt


def green_mask(seed: int, vocab_size: int, gamma: float) -> np.ndarray:
    """Boolean [V] membership mask of one seed's green list."""
    return np.unpackbits(_packed_mask(seed, vocab_size, gamma), count=vocab_size).astype(bool)


def in_green(seed: int, token: int, vocab_size: int, gamma: float) -> bool:
    if not 0 <= token < vocab_size:
        return False
    key = (seed, vocab_size, gamma)
    with _LOCK:
        packed = _MASKS.get(key)
        first = packed is None and key not in _ASKED
        if first:
            if len(_ASKED) >= _ASKED_MAX:
                _ASKED.clear()
            _ASKED.add(key)
    if first:
        return lands_in_prefix(swap_targets(seed, vocab_size, int(vocab_size * gamma)), token)
    if packed is None:
        packed = _packed_mask(seed, vocab_size, gamma)
    return bool((packed[token >> 3] >> (7 - (token & 7))) & 1)


class GreenLists:
    """A key bound to a vocabulary size: the hot-path view used by the processor, detect and trace."""

    def __init__(self, key: WatermarkKey, vocab_size: int):
        self.key = key
        self.scheme = key.scheme
        self.hash_key = key.hash_key()
        self.gamma = key.gamma
        self.vocab_size = vocab_size
        self.ngram = key.ngram
        self.self_salt = key.self_salt

    def seed(self, window: Sequence[int]) -> int:
        return seed_for(window, self.scheme, self.hash_key)

    def mask(self, window: Sequence[int]) -> np.ndarray:
        return green_mask(self.seed(window), self.vocab_size, self.gamma)

    def outcome(self, ngram: Sequence[int]) -> tuple[int, int]:
        """(32-bit seed, token): exactly what decides whether the last token of a scored tuple is green.

        Two tuples with the same outcome are one coin, not two: de-duplicate on this, not on the tuple.
        """
        window = ngram if self.self_salt else ngram[:-1]
        return self.seed(window) & SEED_BITS, int(ngram[-1])

    def outcome_green(self, outcome: tuple[int, int]) -> bool:
        seed, token = outcome
        return in_green(seed, token, self.vocab_size, self.gamma)

    def is_green(self, ngram: Sequence[int]) -> bool:
        """Is the last token of a scored tuple green? The tuple is `key.ngram` tokens long."""
        return self.outcome_green(self.outcome(ngram))
