"""The two MinHash implementations, pinned: each one's exact values are relied on downstream, so a
change to either must be deliberate (queries/dedup.py's docstring says why they were not merged)."""

from __future__ import annotations

from stillroom.detector.text import sketch
from stillroom.queries.dedup import MinHasher, shingles


def test_detector_band_keys_are_pinned():
    """Saved detector states hold band keys: a restored detector must keep matching them."""
    s = sketch("explain how photosynthesis works in plants and why it matters")
    assert s.bands == (941741081, 8088462513, 11085379969, 13579569965)
    assert sketch("two words").bands == ()


def test_dedup_signature_is_pinned():
    """The dedup's LSH candidates, hence which prompts the queries stage keeps, follow these values."""
    sig = MinHasher(8, seed=0).signature(shingles("Explain how enzymes lower the activation energy"))
    assert sig.tolist() == [97072551, 43847330, 142136494, 36562163, 2702012, 175126529, 202882345, 85329954]


def test_mersenne_reduction_equals_modulo():
    """text._mod_p replaces `% (2^61 - 1)` in the band signature: it must give the same values on
    every uint64, the edges included (the pins above check one prompt)."""
    import numpy as np

    from stillroom.detector.text import _P, _mod_p

    p = np.uint64(_P)
    edge = np.array([0, 1, _P - 1, _P, _P + 1, 2 * _P, 2 * _P + 1, 2**62, 2**63, 2**64 - 1], dtype=np.uint64)
    rand = np.random.default_rng(0).integers(0, 2**64 - 1, 100_000, dtype=np.uint64, endpoint=True)
    for x in (edge, rand):
        assert np.array_equal(_mod_p(x), x % p)
