"""Green lists: which token ids a context window favours, exactly as jwkirchenbauer/lm-watermarking.

Definition (Kirchenbauer et al., ICML 2023, and the reference code): a pseudo-random function of the
context window gives an integer seed; a CPU `torch.Generator` seeded with it draws
`torch.randperm(V)`; the first `int(V * gamma)` entries are the green list.

- `simple_1`: seed = hash_key * previous token.
- `selfhash`: window = 3 previous tokens + the candidate; seed = min over the window of
  hash_key * h(t) * h(candidate), in wrapping int64 like the reference's tensor maths, where h is a
  fixed permutation table of 1,000,003 entries drawn from a generator seeded 2971215073.

Both end with `seed % (2**64 - 1)`. A green list costs one randperm (~0.25 ms at V=49152), so
membership masks are cached per (seed, V, gamma), bit-packed (6 KB each at V=49152).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np
import torch

from stillroom.watermark.key import WatermarkKey

_TABLE_SEED = 2971215073  # the reference's: fib47, a prime
_TABLE_SIZE = 1_000_003
_U64 = 2**64


@cache
def _hash_table() -> np.ndarray:
    g = torch.Generator(device="cpu")
    g.manual_seed(_TABLE_SEED)
    return torch.randperm(_TABLE_SIZE, generator=g).numpy()


def _hashint(token: int) -> int:
    return int(_hash_table()[token % _TABLE_SIZE]) + 1


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


def green_ids(seed: int, vocab_size: int, gamma: float) -> torch.Tensor:
    """The green list of one seed, in permutation order (the reference's `_get_greenlist_ids`)."""
    g = torch.Generator(device="cpu")
    g.manual_seed(seed)
    # int32 draws the same permutation (the shuffle's random stream does not depend on dtype), ~25% faster
    return torch.randperm(vocab_size, generator=g, dtype=torch.int32)[: int(vocab_size * gamma)].long()


@lru_cache(maxsize=8192)
def _packed_mask(seed: int, vocab_size: int, gamma: float) -> np.ndarray:
    mask = np.zeros(vocab_size, dtype=bool)
    mask[green_ids(seed, vocab_size, gamma).numpy()] = True
    return np.packbits(mask)


def green_mask(seed: int, vocab_size: int, gamma: float) -> np.ndarray:
    """Boolean [V] membership mask of one seed's green list."""
    return np.unpackbits(_packed_mask(seed, vocab_size, gamma), count=vocab_size).astype(bool)


def in_green(seed: int, token: int, vocab_size: int, gamma: float) -> bool:
    if not 0 <= token < vocab_size:
        return False
    return bool((_packed_mask(seed, vocab_size, gamma)[token >> 3] >> (7 - (token & 7))) & 1)


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

    def is_green(self, ngram: Sequence[int]) -> bool:
        """Is the last token of a scored tuple green? The tuple is `key.ngram` tokens long."""
        window = ngram if self.self_salt else ngram[:-1]
        return in_green(self.seed(window), int(ngram[-1]), self.vocab_size, self.gamma)
